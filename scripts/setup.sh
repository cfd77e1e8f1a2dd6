#!/usr/bin/env bash
# Installs everything svcforge's build, tests and demo need on a fresh Debian machine.
# Idempotent: every step checks first, so a second run takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tools="$root/.tools"
mkdir -p "$tools"

log() { printf 'setup: %s\n' "$*" >&2; }

apt_packages=(wine64 gcc-mingw-w64-x86-64 golang-go golang-github-gin-gonic-gin-dev clang libclang-rt-14-dev make unzip prometheus osslsigncode openssl)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    log "missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}"
    exit 3
  fi
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

pwsh_version=7.6.9
if ! "$tools/pwsh/pwsh" -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null | grep -qx "$pwsh_version"; then
  log "installing PowerShell $pwsh_version (dotnet tool) into .tools/pwsh"
  rm -rf "$tools/pwsh"
  dotnet tool install PowerShell --version "$pwsh_version" --tool-path "$tools/pwsh" >/dev/null
fi

pester_version=5.7.1
pester_dir="$tools/Modules/Pester/$pester_version"
if [ ! -f "$pester_dir/Pester.psd1" ]; then
  # The NuGet client, so the configured package source is used: a restore of a project
  # that only downloads the package (scripts/pester/pester.csproj).
  log "installing Pester $pester_version with dotnet restore into .tools/Modules"
  tmp=$(mktemp -d)
  dotnet restore scripts/pester/pester.csproj -p:PesterVersion="$pester_version" \
    --packages "$tmp/packages" -p:BaseIntermediateOutputPath="$tmp/obj/" >/dev/null
  mkdir -p "$pester_dir"
  cp -r "$tmp/packages/pester/$pester_version/tools/." "$pester_dir/"
  rm -rf "$tmp"
fi

if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm packages"
  if [ -f package-lock.json ]; then npm ci --no-fund --no-audit >/dev/null; else npm install --no-fund --no-audit >/dev/null; fi
fi
log "ready: pwsh $pwsh_version, Pester $pester_version, $(node_modules/.bin/node --version 2>/dev/null || echo 'node ?')"
