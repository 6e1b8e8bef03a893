#!/usr/bin/env bash
# Installs the peer runtimes the compatibility matrix compares with (`js-tests --peers`): Bun and
# Deno, from npm (their packages ship the binaries in per-platform optional packages), pinned,
# into target/peers. Prints the two runtime commands js-tests runs. Needs scripts/setup.sh first
# (it uses the reference node's npm).
set -euo pipefail
cd "$(dirname "$0")/.."

bun_version=1.4.5
deno_version=2.9.6

reference_node=$PWD/target/reference-node/bin/node
npm_cli=$PWD/target/reference-node/lib/node_modules/npm/bin/npm-cli.js
if [ ! -x "$reference_node" ]; then
  echo "peers.sh: $reference_node is missing: run scripts/setup.sh first" >&2
  exit 1
fi
prefix=$PWD/target/peers
mkdir -p "$prefix"
# No install scripts: the binaries come in the optional platform packages, nothing to download.
"$reference_node" "$npm_cli" install --prefix "$prefix" --ignore-scripts --no-audit --no-fund \
  --no-save --loglevel=error "bun@$bun_version" "deno@$deno_version" >&2

bun=$(ls "$prefix"/node_modules/@oven/bun-linux-*/bin/bun 2>/dev/null | head -n1)
deno=$(ls "$prefix"/node_modules/@deno/linux-*/deno 2>/dev/null | head -n1)
for binary in "$bun" "$deno"; do
  if [ -z "$binary" ] || ! "$binary" --version >/dev/null; then
    echo "peers.sh: a peer runtime did not install for this platform (bun: '$bun', deno: '$deno')" >&2
    exit 1
  fi
done
ln -sfn "$bun" "$prefix/bun"
ln -sfn "$deno" "$prefix/deno"
echo "$prefix/bun $("$prefix/bun" --version)"
echo "$prefix/deno $("$prefix/deno" --version | head -n1)"
