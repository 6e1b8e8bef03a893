//! The example embedder loads the npm trials' @node-rs addons through anode::Runtime and
//! gets what the reference node gets from them.

use std::path::Path;
use std::process::Command;

#[test]
fn the_embedder_loads_npm_addons_and_matches_the_reference() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let packages = workspace.join("js-tests/tests/npm-packages");
    assert!(packages.join("node_modules/@node-rs/xxhash").exists(), "scripts/setup.sh installs the npm trials");
    let output = Command::new(env!("CARGO_BIN_EXE_embed")).arg(&packages).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "embed failed: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    let reference = Command::new(workspace.join("target/reference-node/bin/node"))
        .current_dir(&packages)
        .args(["-e", "console.log(`${require('@node-rs/xxhash').xxh64('hello')} ${require('@node-rs/crc32').crc32('hello')}`)"])
        .output()
        .unwrap();
    let expected = String::from_utf8_lossy(&reference.stdout);
    let (xxh64, crc32) = expected.trim().split_once(' ').expect("the reference prints two numbers");
    assert_eq!(
        stdout,
        format!(
            "xxh64('hello') = {xxh64}\ncrc32('hello') = {crc32}\neval: 6\nan exception is a Rust error: TypeError: thrown in JS\n\
             exit event, code 3\nprocess.exit ends the program, not the process: code 3\n"
        )
    );
}
