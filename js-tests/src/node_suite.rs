//! Node's official Node-API suites (test/js-native-api and test/node-api from a Node source
//! tree), run unmodified: staged under target/ beside our own test/common, each test
//! directory's addon built with node-gyp, each test*.js run with its `// Flags:`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::runner::{is_up_to_date, node_gyp, node_gyp_rebuild, Test};
use crate::Config;

const SUITES: &[&str] = &["js-native-api", "node-api"];

/// Stages and builds the suites from the Node source tree at `source`, and lists their tests.
pub fn prepare(config: &Config, source: &Path) -> Result<Vec<Test>, String> {
    let stage = config.root.join("target/node-suite-stage/test");
    for suite in SUITES {
        let from = source.join("test").join(suite);
        if !from.is_dir() {
            return Err(format!("{} is not a directory (a Node source tree has test/{suite})", from.display()));
        }
        copy_tree(&from, &stage.join(suite)).map_err(|e| format!("staging {suite}: {e}"))?;
    }
    copy_tree(&config.root.join("js-tests/node-common"), &stage.join("common")).map_err(|e| format!("staging common: {e}"))?;

    let mut dirs = Vec::new();
    for suite in SUITES {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(stage.join(suite))
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        entries.sort();
        dirs.extend(entries.into_iter().map(|dir| (suite.to_string(), dir)));
    }
    let build_errors = build_all(config, &dirs);
    let skips = read_skips(&config.root.join("js-tests/node-suite-skips.txt"));
    let mut tests = Vec::new();
    for (index, (suite, dir)) in dirs.iter().enumerate() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| e.to_string())?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.starts_with("test") && name.ends_with(".js")
            })
            .collect();
        files.sort();
        let area = format!("{suite}/{}", dir.file_name().unwrap().to_string_lossy());
        if config.filter.as_deref().is_some_and(|f| !area.contains(f)) {
            continue;
        }
        for path in files {
            let source = std::fs::read_to_string(&path).unwrap_or_default();
            let flags = source
                .lines()
                .find_map(|line| line.strip_prefix("// Flags:"))
                .map(|flags| flags.split_whitespace().map(String::from).collect())
                .unwrap_or_default();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let skip = skips.iter().find(|(test, _)| *test == format!("{area}/{name}"));
            tests.push(Test {
                name,
                area: area.clone(),
                path,
                expected_exit: 0,
                skips: skip.map(|(_, reason)| vec![("anode".to_string(), reason.clone())]).unwrap_or_default(),
                flags,
                compare_output: false,
                build_error: build_errors[index].clone(),
                cwd: None,
                napi: true,
                napi_level: None,
                experimental: Vec::new(),
            });
        }
    }
    Ok(tests)
}

/// Builds every directory with a binding.gyp, `config.jobs` at a time; the error per directory.
fn build_all(config: &Config, dirs: &[(String, PathBuf)]) -> Vec<Option<String>> {
    let errors = Mutex::new(vec![None; dirs.len()]);
    let next = AtomicUsize::new(0);
    let node_gyp = node_gyp(&config.root);
    std::thread::scope(|scope| {
        for _ in 0..config.jobs.max(1) {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some((_, dir)) = dirs.get(index) else { break };
                if !dir.join("binding.gyp").exists() || is_up_to_date(&config.root, dir) {
                    continue;
                }
                eprintln!("js-tests: building {}", dir.display());
                let output = node_gyp_rebuild(&config.root, dir).output();
                let error = match output {
                    Ok(output) if output.status.success() => None,
                    Ok(output) => Some(format!(
                        "node-gyp failed:\n{}{}",
                        String::from_utf8_lossy(&output.stdout),
                        String::from_utf8_lossy(&output.stderr)
                    )),
                    Err(error) => Some(format!("{}: {error}", node_gyp.display())),
                };
                errors.lock().unwrap()[index] = error;
            });
        }
    });
    errors.into_inner().unwrap()
}

/// Copies a directory tree, leaving files that are already the same.
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            let source = std::fs::read(entry.path())?;
            if std::fs::read(&target).ok().as_deref() != Some(&source[..]) {
                std::fs::write(&target, source)?;
            }
        }
    }
    Ok(())
}

/// The tests anode skips, with why: `<suite>/<dir>/<test>  <reason>` per line.
fn read_skips(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once(char::is_whitespace))
        .map(|(test, reason)| (test.to_string(), reason.trim().to_string()))
        .collect()
}

/// Reads the pass count recorded in the ratchet file (0 when missing).
pub fn read_ratchet(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| text.lines().find_map(|l| l.trim().parse().ok()))
        .unwrap_or(0)
}
