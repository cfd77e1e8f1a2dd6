#!/usr/bin/env bash
# Prepares a Wine prefix for svcforge's tests and benchmarks, idempotently.
#
#   scripts/wine-env.sh            # prints the prefix it made ready
#   . scripts/wine-env.sh          # same, and leaves WINEPREFIX/WINEDEBUG/DISPLAY exported
#
# WINEPREFIX defaults to .wine in the repository (the worktree this script is in) (override it; tests pass SVCFORGE_WINEPREFIX).
# Works as root, with no stdin and no display:
#   - DISPLAY is emptied so nothing tries to open a window;
#   - `wineboot -i` runs only when the prefix is new, with mscoree/mshtml disabled so
#     the Mono/Gecko installer dialogs never appear (and never wait for a click);
#   - `wineserver -w` waits for the boot to settle: a service created before that may
#     never start (see DESIGN.md, "Environments this is verified in");
#   - `wineserver -p` keeps the server alive, or services die when the command that
#     started them exits;
#   - services.exe is started from here with /dev/null as stdio (see below).

_svcforge_wine_env() {
    local here
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    export WINEPREFIX="${WINEPREFIX:-$here/.wine}"
    export WINEDEBUG="${WINEDEBUG:--all}"
    export DISPLAY=
    export WINEARCH=win64
    unset WAYLAND_DISPLAY

    command -v wine >/dev/null 2>&1 || { echo "wine-env: wine is not installed (apt-get install wine64)" >&2; return 3; }
    command -v wineserver >/dev/null 2>&1 || { echo "wine-env: wineserver is not installed" >&2; return 3; }

    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        mkdir -p "$WINEPREFIX"
        echo "wine-env: creating prefix $WINEPREFIX" >&2
        WINEDLLOVERRIDES="mscoree,mshtml=" wineboot -i </dev/null >/dev/null 2>&1 || {
            echo "wine-env: wineboot -i failed for $WINEPREFIX" >&2
            return 1
        }
        wineserver -w
    fi
    # Persistent server: starts one when none runs; a running one is left alone.
    wineserver -p </dev/null >/dev/null 2>&1 || true
    # Bring up services.exe (and the SCM) here, with no terminal or pipe attached: Wine's
    # system processes inherit the stdio of whichever wine command starts them first, and
    # a caller reading that command's output would otherwise never see it end.
    wine sc.exe query eventlog </dev/null >/dev/null 2>&1 || true
    printf '%s\n' "$WINEPREFIX"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    _svcforge_wine_env
else
    _svcforge_wine_env
fi
