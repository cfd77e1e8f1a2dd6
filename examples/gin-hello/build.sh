#!/usr/bin/env bash
# Cross-builds examples/gin-hello/dist/gin-hello.exe (windows/amd64, no cgo) with
# Debian's golang-go and golang-github-gin-gonic-gin-dev (GOPATH mode, no network).
#   VERSION=1.2.0  -> -X main.version=1.2.0 (GET /version); default "dev"
#   OUT=path.exe   -> build there instead of dist/gin-hello.exe
# Idempotent: does nothing when the exe is newer than its sources and was built with
# the same VERSION (recorded next to it in <exe>.version).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="${OUT:-$here/dist/gin-hello.exe}"
version="${VERSION:-dev}"
case "$version" in
    *[!A-Za-z0-9._-]* | "") echo "gin-hello: VERSION=\"$version\": use letters, digits and . _ -" >&2; exit 2 ;;
esac
stamp="$out.version"

if [ -f "$out" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ] \
    && [ -z "$(find "$here/main.go" "$here/build.sh" -newer "$out" 2>/dev/null)" ]; then
    echo "gin-hello: up to date: $out ($version)"
    exit 0
fi

command -v go >/dev/null 2>&1 || { echo "gin-hello: go not found (apt-get install golang-go)" >&2; exit 3; }
[ -d /usr/share/gocode/src/github.com/gin-gonic/gin ] || {
    echo "gin-hello: Gin not found (apt-get install golang-github-gin-gonic-gin-dev)" >&2; exit 3; }

mkdir -p "$here/dist" "$(dirname "$out")"
export GOCACHE="${GOCACHE:-$here/dist/.gocache}"
# GOPATH mode: the package must sit in a directory Go accepts outside GOPATH;
# building the file list directly works.
cd "$here"
tmp="$out.tmp.$$"
trap 'rm -f "$tmp"' EXIT
GO111MODULE=off GOPATH=/usr/share/gocode GOOS=windows GOARCH=amd64 CGO_ENABLED=0 \
    go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$tmp" ./main.go
mv -f "$tmp" "$out"
printf '%s\n' "$version" > "$stamp"
trap - EXIT
echo "gin-hello: built $out ($version)"
