#!/usr/bin/env bash
# Unpacks Node v24.21.0's own test/ directory (js-native-api, node-api, parallel, es-module,
# common, fixtures, ...) from ../shared/node-tests beside the clone into target/node-tests/,
# outside the tracked tree, and prints the source-tree root that js-tests --node-suite and
# --node-parallel take.
set -euo pipefail
cd "$(dirname "$0")/.."
version=24.21.0
archive=../shared/node-tests/node-v$version-test.tar.xz
dest=target/node-tests
if [ ! -f "$dest/node-v$version/.unpacked" ]; then
  [ -f "$archive" ] || { echo "node-tests: $archive is missing (../shared beside the clone)" >&2; exit 1; }
  rm -rf "$dest/node-v$version"
  mkdir -p "$dest"
  tar -xJf "$archive" -C "$dest"
  touch "$dest/node-v$version/.unpacked"
fi
echo "$PWD/$dest/node-v$version"
