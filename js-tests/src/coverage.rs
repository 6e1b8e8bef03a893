//! Which Node-API functions the tests exercise: the napi_*/node_api_* imports of the addons
//! each test loads (`nm -D --undefined-only`), and per function and header section, whether
//! every test using it passes on each runtime.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::matrix::{Matrix, Verdict};
use crate::runner::Test;

/// The addon files a test loads: for our tests the `addon('name')` / `addonPath('name')` it
/// names, for an addon's own tests the `.node` paths they quote; for Node's suites, the addons
/// built in the test's directory.
fn addons_of(root: &Path, test: &Test) -> Vec<PathBuf> {
    let source = std::fs::read_to_string(&test.path).unwrap_or_default();
    let mut names = BTreeSet::new();
    for marker in ["addon('", "addonPath('"] {
        for part in source.split(marker).skip(1) {
            if let Some(name) = part.split('\'').next() {
                names.insert(name.to_string());
            }
        }
    }
    let mut files: Vec<PathBuf> =
        names.iter().map(|n| root.join("addons").join(n).join("build/Release").join(format!("{n}.node"))).collect();
    // An addon's own tests name their `.node` file: a quoted path, relative to the test's directory.
    let dir = test.path.parent().unwrap_or(root);
    for quote in ['\'', '"'] {
        // Every piece between two quotes, whatever the quotes' parity (an apostrophe in a comment).
        let literals = source.split(quote).skip(1).filter(|piece| piece.ends_with(".node") && !piece.contains('\n'));
        files.extend(literals.map(|literal| dir.join(literal)).filter(|p| p.is_file()));
    }
    if test.path.starts_with(root.join("target/node-suite-stage")) {
        if let Ok(entries) = std::fs::read_dir(test.path.parent().unwrap().join("build/Release")) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "node")));
        }
    }
    files
}

/// The Node-API functions a shared object imports (`--undefined-only`) or exports
/// (`--defined-only`), without symbol versions (Bun's are `napi_x@@BUN_1.2`).
pub fn napi_symbols(file: &Path, which: &str) -> BTreeSet<String> {
    let Ok(output) = std::process::Command::new("nm").args(["-D", which]).arg(file).output() else {
        return BTreeSet::new();
    };
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().last())
        .map(|name| name.split('@').next().unwrap_or(name))
        .filter(|name| name.starts_with("napi_") || name.starts_with("node_api_"))
        .map(String::from)
        .collect()
}

/// The experimental Node-API functions the addons a test loads import.
pub fn experimental_imports(root: &Path, test: &Test) -> Vec<String> {
    let imported: BTreeSet<String> = addons_of(root, test).iter().flat_map(|file| napi_symbols(file, "--undefined-only")).collect();
    napi_sys::EXPERIMENTAL_SYMBOLS.iter().filter(|name| imported.contains(**name)).map(|name| name.to_string()).collect()
}

/// One Node-API function: its section, its tests, and per runtime (passed, ran) of them.
pub struct FunctionRow {
    pub name: &'static str,
    pub section: &'static str,
    pub tests: usize,
    pub results: Vec<(usize, usize)>,
    /// The indices of the tests whose addons import it.
    pub users: Vec<usize>,
}

impl FunctionRow {
    /// Whether every test of this function that ran on the runtime passed (and one ran).
    fn holds(&self, runtime: usize) -> bool {
        let (passed, ran) = self.results[runtime];
        ran > 0 && passed == ran
    }
}

pub struct Coverage {
    pub runtimes: Vec<String>,
    pub functions: Vec<FunctionRow>,
    /// Every test's verdict per runtime, [test][runtime].
    verdicts: Vec<Vec<Verdict>>,
}

impl Coverage {
    /// Maps each test's addons' imports onto the header's functions.
    pub fn new(root: &Path, tests: &[Test], matrix: &Matrix) -> Coverage {
        let mut cache: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
        let mut users: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, test) in tests.iter().enumerate() {
            for file in addons_of(root, test) {
                let used = cache.entry(file.clone()).or_insert_with(|| napi_symbols(&file, "--undefined-only"));
                for name in used.iter() {
                    users.entry(name.clone()).or_default().push(index);
                }
            }
        }
        let sections = napi_sys::SYMBOLS.iter().map(|(name, _, section)| (*name, *section));
        let experimental = napi_sys::EXPERIMENTAL_SYMBOLS.iter().map(|name| (*name, "Experimental"));
        let functions = sections
            .chain(experimental)
            .map(|(name, section)| {
                let mut using: Vec<usize> = users.get(name).cloned().unwrap_or_default();
                using.sort();
                using.dedup();
                let results = (0..matrix.runtimes.len())
                    .map(|r| {
                        let verdicts = using.iter().map(|&t| matrix.rows[t].verdicts[r]);
                        let ran: Vec<Verdict> = verdicts.filter(|v| v.ran()).collect();
                        (ran.iter().filter(|v| **v == Verdict::Pass).count(), ran.len())
                    })
                    .collect();
                FunctionRow { name, section, tests: using.len(), results, users: using }
            })
            .collect();
        Coverage { runtimes: matrix.runtimes.clone(), functions, verdicts: matrix.rows.iter().map(|r| r.verdicts.clone()).collect() }
    }

    pub fn sections(&self) -> Vec<&'static str> {
        let mut sections: Vec<&str> = self.functions.iter().map(|f| f.section).collect();
        sections.dedup();
        let mut seen = BTreeSet::new();
        sections.retain(|s| seen.insert(*s));
        sections
    }

    /// Per section: all functions, those tested, and per runtime "holding/with a run test".
    /// An addon's tests each count for every function the addon imports, so one failing test
    /// fails them all; the cell also says how many of the section's tests pass ("tests p/ran").
    pub fn section_cells(&self, section: &str) -> (usize, usize, Vec<String>) {
        let rows: Vec<&FunctionRow> = self.functions.iter().filter(|f| f.section == section).collect();
        let tested = rows.iter().filter(|f| f.tests > 0).count();
        let users: BTreeSet<usize> = rows.iter().flat_map(|f| f.users.iter().copied()).collect();
        let cells = (0..self.runtimes.len())
            .map(|r| {
                let ran = rows.iter().filter(|f| f.results[r].1 > 0).count();
                let verdicts: Vec<Verdict> = users.iter().map(|&t| self.verdicts[t][r]).filter(|v| v.ran()).collect();
                let passed = verdicts.iter().filter(|v| **v == Verdict::Pass).count();
                format!("{}/{ran} (tests {passed}/{})", rows.iter().filter(|f| f.holds(r)).count(), verdicts.len())
            })
            .collect();
        (rows.len(), tested, cells)
    }

    /// How many functions at least one test calls, of all.
    pub fn covered(&self) -> (usize, usize) {
        (self.functions.iter().filter(|f| f.tests > 0).count(), self.functions.len())
    }

    pub fn terminal_table(&self, verbose: bool) -> String {
        let mut out = format!("\n{:<64} {:>9}  {}\n", "Node-API section (functions whose tests all pass; tests passing)", "tested", self.runtimes.iter().map(|r| format!("{r:>22}")).collect::<Vec<_>>().join("  "));
        for section in self.sections() {
            let (total, tested, cells) = self.section_cells(section);
            let cells: Vec<String> = cells.iter().zip(&self.runtimes).map(|(c, r)| format!("{c:>w$}", w = r.len().max(22))).collect();
            out.push_str(&format!("{section:<64} {:>9}  {}\n", format!("{tested}/{total}"), cells.join("  ")));
            if verbose {
                for function in self.functions.iter().filter(|f| f.section == section) {
                    let cells: Vec<String> = function.results.iter().map(|(p, ran)| format!("{p}/{ran}")).collect();
                    out.push_str(&format!("  {:<62} {:>9}  {}\n", function.name, function.tests, cells.join("  ")));
                }
            }
        }
        let (covered, total) = self.covered();
        out.push_str(&format!("coverage: {covered} of {total} Node-API functions are called by a test addon\n"));
        let missing: Vec<&str> = self.functions.iter().filter(|f| f.tests == 0).map(|f| f.name).collect();
        if !missing.is_empty() {
            out.push_str(&format!("not called by any test yet: {}\n", missing.join(", ")));
        }
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = format!("| Node-API section | tested | {} |\n|---|---|{}\n", self.runtimes.join(" | "), "---|".repeat(self.runtimes.len()));
        for section in self.sections() {
            let (total, tested, cells) = self.section_cells(section);
            out.push_str(&format!("| {section} | {tested}/{total} | {} |\n", cells.join(" | ")));
        }
        let (covered, total) = self.covered();
        out.push_str(&format!("\n{covered} of {total} Node-API functions are called by a test addon.\n"));
        out
    }

    pub fn json(&self) -> String {
        let rows: Vec<String> = self
            .functions
            .iter()
            .map(|f| {
                let cells: Vec<String> =
                    self.runtimes.iter().zip(&f.results).map(|(r, (p, ran))| format!("\"{r}\": {{\"passed\": {p}, \"ran\": {ran}}}")).collect();
                format!("{{\"function\": \"{}\", \"section\": \"{}\", \"tests\": {}, \"results\": {{{}}}}}", f.name, f.section, f.tests, cells.join(", "))
            })
            .collect();
        format!("[\n  {}\n]", rows.join(",\n  "))
    }
}
