#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every test: the Rust tests, the JS compatibility matrix
# under node and anode, then Node's official Node-API suites (fetched from Debian's Node 20
# source package), which fail the run if anode passes fewer than js-tests/node-suite-ratchet.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --release --workspace
cargo run --release -q -p js-tests -- --no-build --runtime node --runtime target/release/anode "$@"
suite=$(scripts/fetch-node-suite.sh)
cargo run --release -q -p js-tests -- --runtime node --runtime target/release/anode \
  --node-suite "$suite" --ratchet js-tests/node-suite-ratchet.txt
