#!/usr/bin/env bash
# Prepares a fresh machine: checks the toolchains and Debian packages (installing them as
# root: nodejs with headers, npm, build-essential, python3, libuv1-dev), installs the npm
# tools (node-gyp) and the npm packages the package trials load, builds
# anode in release mode and the test addons. Safe to run again; it only redoes what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in cargo node npm make python3 cc c++; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ! -f /usr/include/node/node_api.h ]; then missing+=("/usr/include/node (Node's headers)"); fi
if [ ! -f /usr/lib/x86_64-linux-gnu/libuv_a.a ]; then missing+=("libuv's static library (libuv1-dev)"); fi
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing nodejs npm build-essential python3 libuv1-dev for: ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq nodejs npm build-essential python3 libuv1-dev >/dev/null
  else
    echo "setup: missing ${missing[*]}; install Node.js 20 (with headers), npm, make, python3, a C compiler and libuv1-dev" >&2
    exit 1
  fi
fi
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo is missing: install Rust with rustup" >&2; exit 1; }

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
