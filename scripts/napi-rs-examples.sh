#!/usr/bin/env bash
# napi-rs's own example addon (../shared/napi-rs-examples, see its README) built against
# anode-napi: unpacked under target/napi-rs-examples, its dependency lines pointed at macros/
# by path, then `cargo build`. Prints the compile-error count and a count per error code.
#
#   scripts/napi-rs-examples.sh            # unpack afresh, rewrite, build, count
#   scripts/napi-rs-examples.sh --no-unpack  # keep the unpacked tree (edits to it survive)
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
exit "$status"
