//! The layers point one way: napi-sys ← napi (and the libuv surface) ← runtime ← cli. The
//! Node-API layer reaches its host only through `napi::host::Host`; this checks that no
//! napi or uv source names the runtime or the command line.

use std::path::Path;

fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            sources(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn napi_and_uv_do_not_depend_on_the_runtime() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root.join("napi"), &mut files);
    sources(&root.join("uv"), &mut files);
    assert!(files.len() > 20, "expected the napi sources, found {files:?}");
    let upward = ["crate::runtime", "crate::cli", "crate::dotenv", "super::runtime", "super::cli"];
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("a readable source");
        for (number, line) in text.lines().enumerate() {
            if upward.iter().any(|path| line.contains(path)) {
                offences.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "napi/uv reach up into the runtime:\n{}", offences.join("\n"));
}

#[test]
fn v8_private_layout_and_symbols_stay_in_one_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &mut files);
    let layout = root.join("napi").join("v8_layout");
    let private = ["#[link_name", "v8__", "_ZN2v8"];
    // A line that only names such a symbol (an addon's import, classified) says so.
    let naming_only = "// names symbols, uses none";
    let mut offences = Vec::new();
    for file in files.iter().filter(|file| !file.starts_with(&layout)) {
        let text = std::fs::read_to_string(file).expect("a readable source");
        for (number, line) in text.lines().enumerate() {
            if private.iter().any(|symbol| line.contains(symbol)) && !line.trim_end().ends_with(naming_only) {
                offences.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    assert!(offences.is_empty(), "V8's private symbols outside napi/v8_layout:\n{}", offences.join("\n"));
}
