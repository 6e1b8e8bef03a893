//! anode-napi-build: `cargo build`s an addon crate (a cdylib using anode-napi) and writes
//! `<name>.node`, an `index.js` that loads it and an `index.d.ts` from its `#[napi]` items.

use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "usage: anode-napi-build --package NAME [--out DIR] [--debug] [--manifest-path FILE] [-- CARGO_ARGS...]
Builds the package's cdylib (release unless --debug) and writes DIR/NAME.node, DIR/index.js and
DIR/index.d.ts (DIR defaults to the package's directory).";

struct Options {
    package: String,
    out: Option<PathBuf>,
    release: bool,
    manifest: Option<PathBuf>,
    cargo_args: Vec<String>,
}

fn parse() -> Result<Options, String> {
    let mut options = Options { package: String::new(), out: None, release: true, manifest: None, cargo_args: vec![] };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--package" | "-p" => options.package = value()?,
            "--out" => options.out = Some(value()?.into()),
            "--manifest-path" => options.manifest = Some(value()?.into()),
            "--debug" => options.release = false,
            "--" => options.cargo_args.extend(args.by_ref()),
            _ => return Err(USAGE.into()),
        }
    }
    if options.package.is_empty() {
        return Err(USAGE.into());
    }
    Ok(options)
}

fn cargo(options: &Options, subcommand: &[&str]) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.args(subcommand);
    if let Some(manifest) = &options.manifest {
        command.arg("--manifest-path").arg(manifest);
    }
    command
}

/// A string field of `cargo metadata`'s JSON that follows `after` (no JSON parser needed for
/// the two plain paths we read).
fn json_string(json: &str, key: &str, after: usize) -> Option<(String, usize)> {
    let start = json[after..].find(&format!("\"{key}\":\""))? + after + key.len() + 4;
    let end = start + json[start..].find('"')?;
    Some((json[start..end].replace("\\\\", "\\"), end))
}

/// The target directory and the package's manifest directory.
fn locate(options: &Options) -> Result<(PathBuf, PathBuf), String> {
    let output = cargo(options, &["metadata", "--format-version", "1", "--no-deps"])
        .output()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let json = String::from_utf8_lossy(&output.stdout);
    let (target, _) = json_string(&json, "target_directory", 0).ok_or("cargo metadata has no target_directory")?;
    let named = json.find(&format!("\"name\":\"{}\"", options.package)).ok_or(format!("no package {}", options.package))?;
    let (manifest, _) = json_string(&json, "manifest_path", named).ok_or("cargo metadata has no manifest_path")?;
    Ok((target.into(), Path::new(&manifest).parent().unwrap_or(Path::new(".")).to_path_buf()))
}

fn library_file(directory: &Path, package: &str) -> PathBuf {
    let stem = package.replace('-', "_");
    let name = if cfg!(target_os = "macos") {
        format!("lib{stem}.dylib")
    } else if cfg!(windows) {
        format!("{stem}.dll")
    } else {
        format!("lib{stem}.so")
    };
    directory.join(name)
}

/// The `#[napi]` items' TypeScript declarations, from the library's `anode_napi_dts`
/// section (read from the ELF section table; the library is not loaded).
fn type_definitions(library: &Path) -> Result<String, String> {
    let bytes = std::fs::read(library).map_err(|error| format!("{}: {error}", library.display()))?;
    let section = elf_section(&bytes, b"anode_napi_dts").ok_or_else(|| {
        format!("{} has no anode_napi_dts section (not an ELF library using anode-napi?)", library.display())
    })?;
    let text = std::str::from_utf8(section).map_err(|error| error.to_string())?;
    Ok(typescript_module(text))
}

/// What `index.d.ts` declares before the items when they use `ExternalObject<T>` (an
/// `External<T>`: an opaque object only the addon can read).
const EXTERNAL_OBJECT: &str = "export declare class ExternalObject<T> {
  readonly '': {
    readonly '': unique symbol
    [K: symbol]: T
  }
}
";

/// The marker the derive writes for the JS value of an `AsyncTask<Task>`: `$task(Task)`.
const TASK_MARKER: &str = "$task(";

/// `declarations` with each task output marker replaced by the type its `#[napi] impl Task`
/// declared (a line `$task(Task) = type`), or `unknown` when none did.
fn resolve_task_outputs(declarations: &str) -> String {
    let (outputs, lines): (Vec<&str>, Vec<&str>) = declarations.lines().partition(|line| line.starts_with(TASK_MARKER));
    let outputs: Vec<(&str, &str)> = outputs.iter().filter_map(|line| line.split_once(" = ")).collect();
    let mut resolved = String::new();
    for line in lines {
        let mut rest = line;
        while let Some(start) = rest.find(TASK_MARKER) {
            let Some(length) = rest[start..].find(')') else { break };
            let marker = &rest[start..start + length + 1];
            resolved += &rest[..start];
            resolved += outputs.iter().find(|(name, _)| *name == marker).map_or("unknown", |(_, ty)| ty);
            rest = &rest[start + length + 1..];
        }
        resolved += rest;
        resolved.push('\n');
    }
    resolved
}

/// `index.d.ts` from the declaration lines: top-level ones sorted, class members (lines
/// `@Class member`) inside their class's block, the constructor first, then by name; the
/// items of a `#[napi] mod` (lines `%namespace declaration`) in `export declare namespace`
/// blocks after the others.
fn typescript_module(declarations: &str) -> String {
    let declarations = resolve_task_outputs(declarations);
    let (mut members, lines): (Vec<&str>, Vec<&str>) = declarations.lines().partition(|line| line.starts_with('@'));
    let (namespaced, mut top_level): (Vec<&str>, Vec<&str>) = lines.into_iter().partition(|line| line.starts_with('%'));
    top_level.sort();
    let member_order = |member: &&str| {
        let declaration = member.split_once(' ').map_or("", |(_, declaration)| declaration);
        let name = ["static ", "get ", "set "].iter().fold(declaration, |name, prefix| name.strip_prefix(prefix).unwrap_or(name));
        (!declaration.starts_with("constructor("), name.to_string(), declaration.starts_with("set "))
    };
    members.sort_by_key(member_order);
    let mut module = String::new();
    if declarations.contains("ExternalObject<") {
        module += EXTERNAL_OBJECT;
    }
    module += &declaration_block(&top_level, &members, "");
    let mut namespaces: Vec<(&str, &str)> = namespaced.iter().filter_map(|line| line[1..].split_once(' ')).collect();
    namespaces.sort();
    let mut names: Vec<&str> = namespaces.iter().map(|(namespace, _)| *namespace).collect();
    names.dedup();
    for name in names {
        // Inside a `declare namespace` block, declarations are not `declare`d again.
        let lines: Vec<String> = namespaces
            .iter()
            .filter(|(namespace, _)| *namespace == name)
            .map(|(_, line)| line.replacen("export declare ", "export ", 1))
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        module += &format!("export declare namespace {name} {{\n{}}}\n", declaration_block(&lines, &members, "  "));
    }
    module
}

/// `lines`, each indented by `indent`, classes (`export [declare ]class Name`) with their
/// members in a block.
fn declaration_block(lines: &[&str], members: &[&str], indent: &str) -> String {
    let mut block = String::new();
    for line in lines {
        let class = line.strip_prefix("export declare class ").or_else(|| line.strip_prefix("export class "));
        let Some(class) = class else {
            block += &format!("{indent}{line}\n");
            continue;
        };
        block += &format!("{indent}{line} {{\n");
        for member in members {
            if let Some((_, declaration)) = member[1..].split_once(' ').filter(|(name, _)| *name == class) {
                block += &format!("{indent}  {declaration}\n");
            }
        }
        block += &format!("{indent}}}\n");
    }
    block
}

/// The contents of a named section of a 64-bit little-endian ELF file.
fn elf_section<'a>(elf: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let u16_at = |offset: usize| Some(u16::from_le_bytes(elf.get(offset..offset + 2)?.try_into().ok()?) as usize);
    let u32_at = |offset: usize| Some(u32::from_le_bytes(elf.get(offset..offset + 4)?.try_into().ok()?) as usize);
    let u64_at = |offset: usize| Some(u64::from_le_bytes(elf.get(offset..offset + 8)?.try_into().ok()?) as usize);
    if elf.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let (table, entry_size, count, names_index) = (u64_at(0x28)?, u16_at(0x3a)?, u16_at(0x3c)?, u16_at(0x3e)?);
    let header = |index: usize| table + index * entry_size;
    let names = u64_at(header(names_index) + 0x18)?;
    (0..count).find_map(|index| {
        let start = names + u32_at(header(index))?;
        let found = elf.get(start..start + name.len() + 1)?;
        if &found[..name.len()] != name || found[name.len()] != 0 {
            return None;
        }
        let (offset, size) = (u64_at(header(index) + 0x18)?, u64_at(header(index) + 0x20)?);
        elf.get(offset..offset + size)
    })
}

fn run(options: Options) -> Result<(), String> {
    let mut build = cargo(&options, &["build", "--lib", "--package", &options.package]);
    if options.release {
        build.arg("--release");
    }
    let status = build.args(&options.cargo_args).status().map_err(|error| format!("cannot run cargo: {error}"))?;
    if !status.success() {
        return Err(format!("cargo build failed ({status})"));
    }
    let (target, package_dir) = locate(&options)?;
    let library = library_file(&target.join(if options.release { "release" } else { "debug" }), &options.package);
    let out = options.out.clone().unwrap_or(package_dir);
    std::fs::create_dir_all(&out).map_err(|error| format!("{}: {error}", out.display()))?;
    let addon = out.join(format!("{}.node", options.package));
    std::fs::copy(&library, &addon).map_err(|error| format!("copying {}: {error}", library.display()))?;
    let loader = format!("'use strict';\nmodule.exports = require('./{}.node');\n", options.package);
    let declarations = format!("/* Generated by anode-napi-build from the #[napi] items. */\n{}", type_definitions(&library)?);
    for (name, text) in [("index.js", loader), ("index.d.ts", declarations)] {
        std::fs::write(out.join(name), text).map_err(|error| format!("writing {name}: {error}"))?;
    }
    eprintln!("wrote {}", addon.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn class_members_go_inside_their_class() {
        let declarations = "@Counter get value(): number;\nexport declare function b(): void;\nexport declare class Counter\n@Counter constructor();\n";
        assert_eq!(
            super::typescript_module(declarations),
            "export declare class Counter {\n  constructor();\n  get value(): number;\n}\nexport declare function b(): void;\n"
        );
    }

    #[test]
    fn namespaced_items_go_in_their_namespace() {
        let declarations = "%hash export declare function digest(): number;\n%hash export declare class Hasher\n@Hasher update(): void;\nexport declare function top(): void;\n";
        assert_eq!(
            super::typescript_module(declarations),
            "export declare function top(): void;\nexport declare namespace hash {\n  export class Hasher {\n    update(): void;\n  }\n  export function digest(): number;\n}\n"
        );
    }

    #[test]
    fn task_outputs_are_resolved() {
        let declarations = "export declare function a(): Promise<$task(A)>;\n$task(A) = number\nexport declare function b(): Promise<$task(B)>;\n";
        assert_eq!(
            super::typescript_module(declarations),
            "export declare function a(): Promise<number>;\nexport declare function b(): Promise<unknown>;\n"
        );
    }

    #[test]
    fn externals_get_their_class() {
        let module = super::typescript_module("export declare function f(): ExternalObject<number>;\n");
        assert!(module.starts_with(super::EXTERNAL_OBJECT));
    }
}

fn main() {
    if let Err(message) = parse().and_then(run) {
        eprintln!("anode-napi-build: {message}");
        std::process::exit(1);
    }
}
