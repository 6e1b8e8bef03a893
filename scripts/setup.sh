#!/usr/bin/env bash
# Prepares a fresh machine: checks the toolchains and Debian packages (installing them as
# root: nodejs with headers, npm, build-essential, python3, libuv1-dev), installs the npm
# tools (node-gyp) and the npm packages the package trials load, builds
# anode in release mode and the test addons. Safe to run again; it only redoes what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each missing piece names the Debian package that brings it; only those are installed, so a
# Node.js from another source (with its own npm) is kept: Debian's npm would conflict with it.
missing=()
packages=()
need() { missing+=("$1"); packages+=("$2"); }
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo is missing: install Rust with rustup" >&2; exit 1; }
command -v node >/dev/null 2>&1 || need node nodejs
[ -f /usr/include/node/node_api.h ] || need "/usr/include/node (Node's headers)" nodejs
command -v npm >/dev/null 2>&1 || need npm npm
for tool in make cc c++; do command -v "$tool" >/dev/null 2>&1 || need "$tool" build-essential; done
command -v python3 >/dev/null 2>&1 || need python3 python3
[ -f /usr/lib/x86_64-linux-gnu/libuv_a.a ] || need "libuv's static library" libuv1-dev
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${packages[*]} for: ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}; install Node.js 20 (with headers), npm, make, python3, a C compiler and libuv1-dev" >&2
    exit 1
  fi
fi

if [ ! -x node_modules/.bin/node-gyp ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# npm packages with prebuilt Node-API addons that js-tests/tests/npm-packages loads (prebuilt
# binaries only: no install scripts run). `npm install` with the committed lock, not `npm ci`:
# the lock holds only this platform's optional packages, which `npm ci` rejects as out of sync.
trials=js-tests/tests/npm-packages
if [ ! -d "$trials/node_modules" ] || [ "$trials/package-lock.json" -nt "$trials/node_modules/.package-lock.json" ]; then
  (cd "$trials" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
cargo build --release --workspace
cargo run --release -q -p js-tests -- --build-only
