#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every test: the Rust tests, then the JS compatibility
# matrix under node and anode. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test --release --workspace
cargo run --release -q -p js-tests -- --no-build --runtime node --runtime target/release/anode "$@"
