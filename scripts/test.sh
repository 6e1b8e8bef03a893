#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every test: the Rust tests, Node's official Node-API
# suites (fetched from Debian's Node 20 source package; the run fails if anode passes fewer
# than js-tests/node-suite-ratchet.txt records), then the JS compatibility matrix under node
# and anode.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --release --workspace
suite=$(scripts/fetch-node-suite.sh)
cargo run --release -q -p js-tests -- --runtime node --runtime target/release/anode \
  --node-suite "$suite" --ratchet js-tests/node-suite-ratchet.txt
# The benchmarks only have to run here (a short iteration count); their timings are not checked.
cargo run --release -q -p js-tests --bin bench -- --repeats 1 --scale 0.001 > /dev/null
cargo run --release -q -p js-tests -- --no-build --runtime node --runtime target/release/anode "$@"
# The Node-API tests again with anode's direct reads of V8's memory layout turned off: the
# V8-API paths they replace (used if a layout check ever fails) must give the same results.
ANODE_V8_API_ONLY=1 cargo run --release -q -p js-tests -- --no-build --runtime node --runtime target/release/anode --filter napi
