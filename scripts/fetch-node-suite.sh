#!/usr/bin/env bash
# Fetches Node's official Node-API tests (test/js-native-api and test/node-api) from Debian's
# Node 20 source package into target/node-suite/, outside the tracked tree. The deb-src entry
# reuses the Debian mirror this machine's apt is already configured with.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=target/node-suite
version=20.19.2
if [ -d "$dest/node-v$version/test/js-native-api" ]; then
  echo "$dest/node-v$version"
  exit 0
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
list=/etc/apt/sources.list.d/anode-trixie-src.sources
if [ ! -f "$list" ]; then
  mirror=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || { echo "fetch-node-suite: no Debian mirror found in the apt configuration" >&2; exit 1; }
  printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror" \
    | $sudo tee "$list" >/dev/null
fi
$sudo apt-get update -qq >/dev/null
mkdir -p "$dest"
# Only the orig tarball matters; apt-get may fail to fetch the Debian revision files.
( cd "$dest" && apt-get source --download-only nodejs >/dev/null 2>&1 || true )
tarball=$(ls "$dest"/nodejs_"$version"+dfsg.orig.tar.xz 2>/dev/null | head -1)
[ -n "$tarball" ] || { echo "fetch-node-suite: nodejs_$version+dfsg.orig.tar.xz was not downloaded" >&2; exit 1; }
tar -xJf "$tarball" -C "$dest" --wildcards '*/test/js-native-api/*' '*/test/node-api/*' '*/test/common/*' '*/src/node_api*.h' '*/src/js_native_api*.h'
for found in "$dest"/*/test/js-native-api; do
  top=${found%/test/js-native-api}
  [ "$top" = "$dest/node-v$version" ] || mv "$top" "$dest/node-v$version"
  break
done
echo "$dest/node-v$version"
