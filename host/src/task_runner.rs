//! `--run <script>`: a script from the nearest package.json, run by `/bin/sh -c` in the
//! package's directory, with every ancestor's `node_modules/.bin` on PATH — node's task
//! runner, with its messages and exit codes.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `name` from the package.json nearest to the working directory with `positional`
/// appended (each quoted for the shell); returns the exit code node gives.
pub fn run(name: &str, positional: &[String]) -> i32 {
    match prepare(name, positional) {
        Ok(task) => task.run(),
        Err(message) => {
            eprint!("{message}");
            1
        }
    }
}

struct Task {
    command: String,
    package_dir: PathBuf,
    package_json: PathBuf,
    name: String,
    path: std::ffi::OsString,
}

impl Task {
    fn run(self) -> i32 {
        let status = Command::new("/bin/sh")
            .arg("-c")
            .arg(&self.command)
            .current_dir(&self.package_dir)
            .env("PATH", &self.path)
            .env("NODE_RUN_SCRIPT_NAME", &self.name)
            .env("NODE_RUN_PACKAGE_JSON_PATH", &self.package_json)
            .status();
        match status {
            // A script killed by a signal has no exit code: node reports success for it.
            Ok(status) => i32::from(status.code().is_some_and(|code| code != 0)),
            Err(error) => {
                eprintln!("/bin/sh: {error}");
                1
            }
        }
    }
}

fn prepare(name: &str, positional: &[String]) -> Result<Task, String> {
    let cwd = std::env::current_dir().map_err(|error| format!("{error}\n"))?;
    let package_json = cwd
        .ancestors()
        .map(|dir| dir.join("package.json"))
        .find(|file| file.is_file())
        .ok_or_else(|| format!("Can't find package.json for directory {}\n", cwd.display()))?;
    let shown = package_json.display();
    let text = std::fs::read_to_string(&package_json).map_err(|_| format!("Can't read {shown}\n"))?;
    let root: serde_json::Value = serde_json::from_str(&text).map_err(|_| format!("Can't parse {shown}\n"))?;
    let root = root.as_object().ok_or_else(|| format!("Root value unexpected not an object for {shown}\n\n"))?;
    let scripts = root
        .get("scripts")
        .and_then(|scripts| scripts.as_object())
        .ok_or_else(|| format!("Can't find \"scripts\" field in {shown}\n"))?;
    let script = match scripts.get(name) {
        Some(serde_json::Value::String(script)) => script,
        Some(_) => return Err(format!("Script \"{name}\" is unexpectedly not a string for {shown}\n\n")),
        None => {
            let mut message = format!("Missing script: \"{name}\" for {shown}\n\nAvailable scripts are:\n");
            for (key, value) in scripts {
                if let Some(value) = value.as_str() {
                    message.push_str(&format!("  {key}: {value}\n"));
                }
            }
            return Err(message);
        }
    };
    let mut command = script.clone();
    for arg in positional {
        command.push(' ');
        command.push_str(&shell_quote(arg));
    }
    Ok(Task {
        command,
        package_dir: package_json.parent().map(Path::to_path_buf).unwrap_or_default(),
        package_json: package_json.clone(),
        name: name.to_string(),
        path: search_path(&cwd),
    })
}

/// PATH with `node_modules/.bin` of the working directory and each of its ancestors in front,
/// nearest first (those that are directories).
fn search_path(cwd: &Path) -> std::ffi::OsString {
    let bins = cwd.ancestors().map(|dir| dir.join("node_modules/.bin")).filter(|bin| bin.is_dir());
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    let paths: Vec<PathBuf> = bins.chain(std::env::split_paths(&inherited)).collect();
    std::env::join_paths(paths).unwrap_or(inherited)
}

/// `arg` as one word for sh: single-quoted, each `'` closed, escaped and reopened.
fn shell_quote(arg: &str) -> String {
    format!("'{}'", arg.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::shell_quote;

    #[test]
    fn quotes_for_the_shell() {
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
    }
}
