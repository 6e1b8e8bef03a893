#!/usr/bin/env bash
# Sets up (see setup.sh) and runs every test against the reference, Node 24 (installed by
# setup.sh in target/reference-node): the Rust tests, Node 24's own Node-API suites (from
# ../shared/node-tests; the run fails if anode passes fewer than
# js-tests/node-suite-ratchet.txt records), Node 24's core tests for the modules anode has
# (ratcheted per module), then the JS compatibility matrix.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
node=target/reference-node/bin/node
anode=target/release/anode
cargo test --release --workspace
tests=$(scripts/node-tests.sh)
cargo run --release -q -p js-tests -- --runtime $node --runtime $anode \
  --node-suite "$tests" --ratchet js-tests/node-suite-ratchet.txt
# Node 24's test/parallel, test/es-module and test/module-hooks with Node's test/common, for the modules anode
# has, the tests named after no module (`other`), trace_events and tty, and test/sequential's
# test-cpu-prof-* and test-diagnostic-dir-* (modules named sequential/<prefix>)
# (the whole run takes ~20 minutes on 2 cores: README says how to run it); the run fails if
# a module passes fewer tests than js-tests/node-parallel-ratchet.txt records.
cargo run --release -q -p js-tests -- --no-build --runtime $node --runtime $anode \
  --node-parallel "$tests" --timeout 60 --ratchet js-tests/node-parallel-ratchet.txt \
  --modules assert,async_hooks,buffer,child_process,cli,cluster,console,crypto,dgram,diagnostics_channel,dns,domain,es-module,events,fetch,fs,http,http2,https,inspector,module,module-hooks,net,os,path,perf_hooks,permission,process,punycode,querystring,readline,repl,sqlite,stream,string_decoder,test_runner,timers,tls,url,util,v8,vm,web,webcrypto,webstreams,worker,zlib,wasi,other,trace_events,tty,sequential/cpu-prof,sequential/diagnostic-dir
# The benchmarks only have to run here (a short iteration count); their timings are not checked.
cargo run --release -q -p js-tests --bin bench -- --repeats 1 --scale 0.001 > /dev/null
cargo run --release -q -p js-tests -- --no-build --runtime $node --runtime $anode "$@"
# The Node-API tests again with anode's direct reads of V8's memory layout turned off: the
# V8-API paths they replace (used if a layout check ever fails) must give the same results.
ANODE_V8_API_ONLY=1 cargo run --release -q -p js-tests -- --no-build --runtime $node --runtime $anode --filter napi
# The differential Node-API fuzzer (js-tests/fuzz, addons/napi_fuzz): 600 seeds of 300
# Node-API calls each, and the regression seeds, under node and under anode (also with
# --stress-compaction), with and without ANODE_V8_API_ONLY; every transcript must match node's
# line for line. ~40 s on 2 cores.
for api_only in 0 1; do
  ANODE_V8_API_ONLY=$api_only $node js-tests/fuzz/compare.js --runtime $anode --runtime "$anode --stress-compaction" \
    --seeds 0-599 --calls 300 --regressions
done
# GC stress: the Node-API tests (Node 24's suites, ours, the stress probes, the Rust addons) with
# V8 moving objects at every chance, each with and without ANODE_V8_API_ONLY: every full GC
# compacting; scavenges forced at random points up to 5% of the young generation with
# incremental marking always on. (This V8 is built without allocation timeouts, so
# --gc-interval does nothing.) ~3 minutes on 2 cores.
for stress in "--stress-compaction" "--stress-scavenge=5 --stress-incremental-marking"; do
  for api_only in 0 1; do
    ANODE_V8_API_ONLY=$api_only cargo run --release -q -p js-tests -- --no-build --runtime "$anode $stress" \
      --node-suite "$tests" --ratchet js-tests/node-suite-ratchet.txt
    for area in napi stress rust-addons; do
      ANODE_V8_API_ONLY=$api_only cargo run --release -q -p js-tests -- --no-build --runtime $node --runtime "$anode $stress" --filter $area
    done
  done
done
