#!/usr/bin/env bash
# Sets up (see setup.sh) and runs the example that loads the hello Node-API addon, under
# anode and then under the reference Node 24 for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
echo "== anode examples/hello.js"
target/release/anode examples/hello.js
echo "== node examples/hello.js (reference: $(target/reference-node/bin/node --version))"
target/reference-node/bin/node examples/hello.js
