#!/usr/bin/env bash
# napi-rs's own example addon (../shared/napi-rs-examples, see its README) built against
# anode-napi: unpacked under target/napi-rs-examples, its dependency lines pointed at macros/
# by path, then `cargo build`. Prints the compile-error count and a count per error code.
#
#   scripts/napi-rs-examples.sh            # unpack afresh, rewrite, build, count, run the tests
#   scripts/napi-rs-examples.sh --no-unpack  # keep the unpacked tree (edits to it survive)
#
# Once it compiles, its ava suite (examples/napi/__tests__, TypeScript) runs under the reference
# node and under anode, one test file at a time, and the passes and failures of each file are
# printed side by side. Outside CI only (CI=true skips it): ava and the tests' own dependencies
# come from npm, pinned, into target/napi-rs-examples/node_modules. What the run sets up:
# - the addon is built as the `example.linux-x64-gnu.node` that the example's index.cjs loads;
# - `node` on the PATH is the runtime under test (a test spawns `node ./tsfn-error.cjs`);
# - the .ts files go through scripts/napi-rs-examples-ts.mjs (TypeScript's transpileModule in a
#   module.registerHooks load hook): type stripping alone cannot load values.spec.ts, which
#   imports an interface by name, and napi-rs's own runner elides such imports too.
#
# What is changed in the crate, and why (nothing else is):
# - `napi` and `napi-derive` become `anode-napi` and `anode-napi-derive` by path, under
#   napi-rs's names. napi's features are kept when anode-napi has them (napi10, tokio_rt,
#   chrono_date, serde-json, object_indexmap); the others are dropped: anode-napi has no
#   optional parts for latin1, async, tokio, tokio_macros, tokio_io_util, experimental,
#   web_stream, error_anyhow (what it supports of them is always there), and deferred_trace,
#   node_version_detect and dyn-symbols concern napi-rs's own loading and tracing (anode-napi
#   links the Node-API symbols from the host process, as a .node does).
# - The crate's `dyn-symbols` and `noop` features forward to napi's, which anode-napi lacks:
#   both are left out.
# - build.rs and napi-build are set aside: anode-napi needs no build step.
# - A [workspace] root is written above the two crates so cargo does not take them for
#   members of anode's workspace.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
archive=${NAPI_RS_EXAMPLES_ARCHIVE:-$root/../shared/napi-rs-examples/napi-rs-8681902-examples.tar.xz}
dest=$root/target/napi-rs-examples
tree=$dest/napi-rs-8681902

if [ "${1:-}" != "--no-unpack" ]; then
  rm -rf "$tree"
  mkdir -p "$dest"
  tar -xJf "$archive" -C "$dest"

  python3 - "$tree" "$root" <<'EOF'
import re, sys, pathlib
tree, root = map(pathlib.Path, sys.argv[1:])
anode_features = set(re.findall(r'^(\w[\w-]*)\s*=', (root / "macros/Cargo.toml").read_text().split("[features]")[1], re.M))

def rewrite(crate):
    path = tree / "examples" / crate / "Cargo.toml"
    text = path.read_text()
    def napi(m):
        wanted = re.findall(r'"([^"]+)"', m.group(1))
        kept = ", ".join(f'"{f}"' for f in wanted if f in anode_features)
        return f'napi = {{ package = "anode-napi", path = "{root}/macros", default-features = false, features = [{kept}] }}'
    text = re.sub(r'^napi = \{ path = "[^"]*", default-features = false, features = \[(.*?)\] \}', napi, text, flags=re.M | re.S)
    text = re.sub(r'^napi-derive = \{[^}]*\}', f'napi-derive = {{ package = "anode-napi-derive", path = "{root}/macros/derive" }}', text, flags=re.M)
    text = re.sub(r'^(dyn-symbols|noop) = \["napi/[^"]*"\]\n', '', text, flags=re.M)
    text = re.sub(r'^\[build-dependencies\]\nnapi-build = \{[^}]*\}\n', '', text, flags=re.M)
    path.write_text(text)
    build = tree / "examples" / crate / "build.rs"
    if build.exists():
        build.rename(build.with_suffix(".rs.napi-build"))

for crate in ("napi", "napi-shared"):
    rewrite(crate)
(tree / "Cargo.toml").write_text('[workspace]\nresolver = "2"\nmembers = ["examples/napi", "examples/napi-shared"]\n')
EOF
fi

cd "$tree"
log=$dest/build.log
# The build outside the unpacked tree, so that unpacking afresh keeps the compiled dependencies.
export CARGO_TARGET_DIR=$dest/target
cargo build --release -p napi-examples --color never 2>"$log" && status=0 || status=$?
total=$(grep -o 'due to [0-9]* previous error' "$log" | grep -o '[0-9]*' || echo 0)
echo "napi-examples: $total compile errors (log: ${log#$root/}), by code (#[napi] ones have none):"
grep -v '^error: could not compile' "$log" | grep -o '^error\(\[E[0-9]*\]\)\?' | sort | uniq -c | sort -rn || true
if [ "$status" != 0 ] || [ "${CI:-}" = true ]; then
  exit "$status"
fi

# The tests' dependencies (ava's 8.0.0: later 8.x need a cbor2 the registry lacks here).
cat >"$dest/package.json" <<'JSON'
{
  "private": true,
  "devDependencies": {
    "@napi-rs/triples": "2.1.29",
    "ava": "8.0.0",
    "core-js": "3.51.0",
    "rxjs": "7.8.2",
    "sinon": "22.1.0",
    "typescript": "5.9.3",
    "web-streams-polyfill": "4.3.0"
  }
}
JSON
(cd "$dest" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

crate=$tree/examples/napi
cp "$CARGO_TARGET_DIR/release/libnapi_examples.so" "$crate/example.linux-x64-gnu.node"
export NAPI_RS_EXAMPLES_MODULES=$dest/package.json
runtimes=("node:$root/target/reference-node/bin/node" "anode:$root/target/release/anode")
results=$dest/results
rm -rf "$results"
for entry in "${runtimes[@]}"; do
  name=${entry%%:*}
  mkdir -p "$results/$name/bin"
  ln -sf "${entry#*:}" "$results/$name/bin/node"
  for spec in "$crate"/__tests__/*.spec.*; do
    file=$(basename "$spec")
    (cd "$crate" && PATH="$results/$name/bin:$PATH" timeout 600 node "$dest/node_modules/ava/entrypoints/cli.js" \
      --timeout=60s --node-arguments="--import=$root/scripts/napi-rs-examples-ts.mjs" "__tests__/$file" \
      >"$results/$name/$file.log" 2>&1) || true
  done
done

# Per file: passes / failures (ava's ✔ and ✘ [fail] lines) on each runtime.
count() { grep -c "$2" "$1" || true; }
printf '%-36s %13s %13s\n' "napi-rs example tests" "node pass/fail" "anode pass/fail"
declare -A total
for spec in "$crate"/__tests__/*.spec.*; do
  file=$(basename "$spec")
  row=$(printf '%-36s' "$file")
  for name in node anode; do
    log=$results/$name/$file.log
    pass=$(count "$log" '^ *✔ [^[]')
    fail=$(count "$log" '^ *✘ \[fail\]')
    total[$name.pass]=$(( ${total[$name.pass]:-0} + pass ))
    total[$name.fail]=$(( ${total[$name.fail]:-0} + fail ))
    row+=$(printf ' %13s' "$pass/$fail")
  done
  echo "$row"
done
printf '%-36s %13s %13s\n' total "${total[node.pass]}/${total[node.fail]}" "${total[anode.pass]}/${total[anode.fail]}"
echo "(logs: ${results#$root/}/RUNTIME/FILE.log)"
