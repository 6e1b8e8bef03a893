#!/usr/bin/env bash
# Sets up (see setup.sh) and runs the example that loads the hello Node-API addon, under
# anode and then under node for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== anode examples/hello.js"
target/release/anode examples/hello.js
echo "== node examples/hello.js"
node examples/hello.js
