//! The compatibility matrix: rows are areas (and tests), columns are runtimes.

use crate::runner::{runtime_name, signal_name, stderr_shape, Outcome, Test};

/// How a test did on one runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    Skip,
    /// Needs what the runtime does not claim: a higher Node-API level, or experimental
    /// functions (a run that failed without them).
    NotApplicable,
}

impl Verdict {
    /// Whether the test ran and was judged.
    pub fn ran(self) -> bool {
        matches!(self, Verdict::Pass | Verdict::Fail)
    }

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Skip => "skip",
            Verdict::NotApplicable => "n/a",
        }
    }
}

pub struct Row {
    pub area: String,
    pub name: String,
    /// A Node-API test (reported in the Node-API table), not one about the runtime itself.
    pub napi: bool,
    pub verdicts: Vec<Verdict>,
    /// Why a test failed or did not apply, per runtime (empty when it passed).
    pub reasons: Vec<String>,
    /// Per runtime, how a failed run ended when it did not simply exit: "crash SIGSEGV",
    /// "abort: <message>", "timeout" (empty otherwise).
    pub endings: Vec<String>,
}

pub struct Matrix {
    pub runtimes: Vec<String>,
    pub rows: Vec<Row>,
}

/// How a run that did not exit ended: the signal, an abort's message, or the timeout.
pub fn ending(outcome: &Outcome) -> String {
    match outcome {
        Outcome::TimedOut { .. } => "timeout".to_string(),
        Outcome::Crashed { signal, stderr } if *signal == libc::SIGABRT => {
            let markers = ["FATAL ERROR", "Fatal error", "panicked", "panic", "Assertion", "assert", "abort", "error"];
            let lines = || stderr.lines().map(str::trim).filter(|l| !l.is_empty());
            let message = markers.iter().find_map(|m| lines().find(|l| l.contains(m))).or_else(|| lines().next());
            match message {
                Some(message) => format!("abort: {}", message.chars().take(100).collect::<String>()),
                None => "abort (SIGABRT)".to_string(),
            }
        }
        Outcome::Crashed { signal: 0, .. } => "did not start".to_string(),
        Outcome::Crashed { signal, .. } => format!("crash {}", signal_name(*signal)),
        Outcome::LacksExperimental { run, .. } => ending(run),
        _ => String::new(),
    }
}

/// Judges one outcome: the exit code the test expects, and for non-reference runtimes the
/// same stdout and stderr shape as the reference.
/// A Node-API test's stderr is the host's own (warnings, error layouts) and is not compared.
fn judge(test: &Test, outcome: &Outcome, reference: Option<&Outcome>) -> (Verdict, String) {
    match outcome {
        Outcome::Skipped(_) => (Verdict::Skip, String::new()),
        Outcome::NotApplicable(reason) => (Verdict::NotApplicable, reason.clone()),
        Outcome::LacksExperimental { missing, run } => match judge(test, run, reference) {
            (Verdict::Fail, reason) => (Verdict::NotApplicable, format!("{missing}; the run failed: {reason}")),
            judged => judged,
        },
        Outcome::Crashed { signal, stderr } => (Verdict::Fail, format!("crashed with {}\n{stderr}", signal_name(*signal))),
        Outcome::TimedOut { stderr } => (Verdict::Fail, format!("timed out\n{stderr}")),
        Outcome::BuildFailed(error) => (Verdict::Fail, format!("the addon did not build\n{error}")),
        Outcome::Exited { code, stdout, stderr } => {
            if *code != test.expected_exit {
                return (Verdict::Fail, format!("exit code {code}, expected {}\n{stdout}{stderr}", test.expected_exit));
            }
            let Some(Outcome::Exited { stdout: ref_out, stderr: ref_err, .. }) = reference.filter(|_| test.compare_output) else {
                return (Verdict::Pass, String::new());
            };
            if stdout != ref_out {
                return (Verdict::Fail, format!("stdout differs\n{}", diff(ref_out, stdout)));
            }
            let (want, got) = (stderr_shape(ref_err), stderr_shape(stderr));
            if !test.napi && want != got {
                return (Verdict::Fail, format!("stderr differs\n{}", diff(&want.join("\n"), &got.join("\n"))));
            }
            (Verdict::Pass, String::new())
        }
    }
}

/// The lines two texts differ in, with a line of context around each change: `-` the
/// reference's, `+` the runtime's (a longest common subsequence of lines).
pub fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    if e == a {
        return "(texts differ only in line endings)".to_string();
    }
    // Texts too long for the table of common lengths are shown from their first difference.
    if e.len().saturating_mul(a.len()) > 4_000_000 {
        let first = e.iter().zip(&a).take_while(|(x, y)| x == y).count();
        return format!("@@ line {}\n- {}\n+ {}", first + 1, e.get(first).unwrap_or(&"<end>"), a.get(first).unwrap_or(&"<end>"));
    }
    let mut common = vec![vec![0u32; a.len() + 1]; e.len() + 1];
    for i in (0..e.len()).rev() {
        for j in (0..a.len()).rev() {
            common[i][j] = if e[i] == a[j] { common[i + 1][j + 1] + 1 } else { common[i + 1][j].max(common[i][j + 1]) };
        }
    }
    // The edit script: (' ', '-', '+') with the line and its number in the reference.
    let mut script = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < e.len() || j < a.len() {
        if i < e.len() && j < a.len() && e[i] == a[j] {
            script.push((' ', e[i], i + 1));
            (i, j) = (i + 1, j + 1);
        } else if i < e.len() && (j == a.len() || common[i + 1][j] >= common[i][j + 1]) {
            script.push(('-', e[i], i + 1));
            i += 1;
        } else {
            script.push(('+', a[j], i + 1));
            j += 1;
        }
    }
    // Within each run of changes, the reference's lines first.
    let mut start = 0;
    while start < script.len() {
        let end = start + script[start..].iter().take_while(|(kind, _, _)| *kind != ' ').count();
        script[start..end].sort_by_key(|(kind, _, _)| *kind == '+');
        start = end + 1;
    }
    let changed: Vec<bool> = script.iter().map(|(kind, _, _)| *kind != ' ').collect();
    let near = |k: usize| changed[k.saturating_sub(1)..(k + 2).min(changed.len())].contains(&true);
    let mut out = Vec::new();
    let mut shown_last = false;
    for (k, (kind, line, number)) in script.iter().enumerate() {
        if !near(k) {
            shown_last = false;
            continue;
        }
        if !shown_last {
            out.push(format!("@@ line {number}"));
        }
        out.push(format!("{kind} {line}"));
        shown_last = true;
    }
    out.join("\n")
}

impl Matrix {
    pub fn new(runtimes: &[String], tests: &[Test], results: &[Vec<Outcome>]) -> Matrix {
        let rows = tests
            .iter()
            .zip(results)
            .map(|(test, outcomes)| {
                let reference = outcomes.first().filter(|o| matches!(o, Outcome::Exited { .. }));
                let judged: Vec<_> = outcomes
                    .iter()
                    .enumerate()
                    .map(|(i, outcome)| judge(test, outcome, if i == 0 { None } else { reference }))
                    .collect();
                Row {
                    area: test.area.clone(),
                    name: test.name.clone(),
                    napi: test.napi,
                    verdicts: judged.iter().map(|(v, _)| *v).collect(),
                    reasons: judged.into_iter().map(|(_, r)| r).collect(),
                    endings: outcomes.iter().map(ending).collect(),
                }
            })
            .collect();
        Matrix { runtimes: runtimes.iter().map(|r| runtime_name(r)).collect(), rows }
    }

    /// The areas of one table: the Node-API ones (`napi`) or those about the runtime itself.
    pub fn areas(&self, napi: bool) -> Vec<&str> {
        let mut areas: Vec<&str> = self.rows.iter().filter(|r| r.napi == napi).map(|r| r.area.as_str()).collect();
        areas.dedup();
        areas
    }

    /// The two tables' titles with their areas, leaving out an empty one.
    pub fn tables(&self) -> Vec<(&'static str, Vec<&str>)> {
        [("Node-API area", self.areas(true)), ("runtime area", self.areas(false))]
            .into_iter()
            .filter(|(_, areas)| !areas.is_empty())
            .collect()
    }

    /// "passed/run" for an area on a runtime, with what did not count apart: skips, tests
    /// that do not apply, and how many of the failures were crashes, aborts or timeouts.
    pub fn cell(&self, area: &str, runtime: usize) -> String {
        let rows: Vec<&Row> = self.rows.iter().filter(|r| r.area == area).collect();
        let count = |verdict: Verdict| rows.iter().filter(|r| r.verdicts[runtime] == verdict).count();
        let ended = |prefix: &str| rows.iter().filter(|r| r.verdicts[runtime] == Verdict::Fail && r.endings[runtime].starts_with(prefix)).count();
        let run = count(Verdict::Pass) + count(Verdict::Fail);
        let notes: Vec<String> = [
            (count(Verdict::Skip), "skipped"),
            (count(Verdict::NotApplicable), "n/a"),
            (ended("crash"), "crashed"),
            (ended("abort"), "aborted"),
            (ended("timeout"), "timed out"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        let passed = count(Verdict::Pass);
        if notes.is_empty() {
            format!("{passed}/{run}")
        } else {
            format!("{passed}/{run} ({})", notes.join(", "))
        }
    }

    /// A test's result on a runtime in a word or two: "pass", "fail", "crash SIGSEGV", "n/a".
    pub fn result(&self, row: &Row, runtime: usize) -> String {
        match (row.verdicts[runtime], row.endings[runtime].as_str()) {
            (Verdict::Fail, ending) if !ending.is_empty() => ending.chars().take(40).collect(),
            (verdict, _) => verdict.label().to_string(),
        }
    }

    /// The tables, then why each failing run failed. `reference_judged` is false for Node's
    /// suite, where the reference's own failures are reported but fail nothing.
    pub fn terminal_table(&self, verbose: bool, reference_judged: bool) -> String {
        let mut lines = vec![];
        for (title, areas) in self.tables() {
            let header: Vec<String> = std::iter::once(title.to_string()).chain(self.runtimes.iter().cloned()).collect();
            let mut body: Vec<Vec<String>> = vec![];
            for area in areas {
                body.push(std::iter::once(area.to_string()).chain((0..self.runtimes.len()).map(|r| self.cell(area, r))).collect());
                if verbose {
                    for row in self.rows.iter().filter(|r| r.area == area) {
                        body.push(std::iter::once(format!("  {}", row.name)).chain((0..self.runtimes.len()).map(|r| self.result(row, r))).collect());
                    }
                }
            }
            let widths: Vec<usize> = (0..header.len())
                .map(|c| body.iter().chain(std::iter::once(&header)).map(|row| row[c].len()).max().unwrap_or(0))
                .collect();
            let render = |row: &Vec<String>| {
                row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect::<Vec<_>>().join("  ").trim_end().to_string()
            };
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(render(&header));
            lines.push(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
            lines.extend(body.iter().map(render));
        }
        for row in &self.rows {
            for (r, reason) in row.reasons.iter().enumerate() {
                if !reason.is_empty() && row.verdicts[r] == Verdict::Fail {
                    let excerpt: String = reason.lines().take(12).collect::<Vec<_>>().join("\n    ");
                    let label = if r == 0 && !reference_judged { "reference run failed (not judged):" } else { "FAIL" };
                    lines.push(format!("{label} {}/{} on {}:\n    {excerpt}", row.area, row.name, self.runtimes[r]));
                }
            }
        }
        lines.join("\n") + "\n"
    }

    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for (title, areas) in self.tables() {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("| {title} | {} |\n|---|{}\n", self.runtimes.join(" | "), "---|".repeat(self.runtimes.len())));
            for area in areas {
                let cells: Vec<String> = (0..self.runtimes.len()).map(|r| self.cell(area, r)).collect();
                out.push_str(&format!("| {area} | {} |\n", cells.join(" | ")));
            }
        }
        out
    }

    pub fn json(&self) -> String {
        let runtimes: Vec<String> = self.runtimes.iter().map(|r| json_string(r)).collect();
        let tests: Vec<String> = self
            .rows
            .iter()
            .map(|row| {
                let results: Vec<String> = (0..self.runtimes.len())
                    .map(|r| {
                        let mut fields = vec![format!("\"verdict\": {}", json_string(row.verdicts[r].label()))];
                        if !row.endings[r].is_empty() {
                            fields.push(format!("\"ending\": {}", json_string(&row.endings[r])));
                        }
                        if !row.reasons[r].is_empty() {
                            fields.push(format!("\"reason\": {}", json_string(&row.reasons[r])));
                        }
                        format!("{}: {{{}}}", json_string(&self.runtimes[r]), fields.join(", "))
                    })
                    .collect();
                format!(
                    "{{\"area\": {}, \"test\": {}, \"napi\": {}, \"results\": {{{}}}}}",
                    json_string(&row.area),
                    json_string(&row.name),
                    row.napi,
                    results.join(", ")
                )
            })
            .collect();
        format!("{{\"runtimes\": [{}], \"tests\": [\n  {}\n]}}\n", runtimes.join(", "), tests.join(",\n  "))
    }

    /// How many tests the runtime at `index` passes.
    pub fn passed_by(&self, index: usize) -> usize {
        self.rows.iter().filter(|r| r.verdicts[index] == Verdict::Pass).count()
    }

    /// How many tests the runtime at `index` skips.
    pub fn skipped_by(&self, index: usize) -> usize {
        self.rows.iter().filter(|r| r.verdicts[index] == Verdict::Skip).count()
    }

    /// (passed, failed, skipped or not applicable) over every test on every runtime.
    pub fn totals(&self) -> (usize, usize, usize) {
        let all = self.rows.iter().flat_map(|r| r.verdicts.iter());
        all.fold((0, 0, 0), |(p, f, s), v| match v {
            Verdict::Pass => (p + 1, f, s),
            Verdict::Fail => (p, f + 1, s),
            Verdict::Skip | Verdict::NotApplicable => (p, f, s + 1),
        })
    }

    /// Tests the reference passes and the runtime at `subject` fails, and tests the reference fails.
    pub fn regressions(&self, subject: usize) -> usize {
        self.rows.iter().filter(|row| row.verdicts[0] == Verdict::Pass && row.verdicts[subject] == Verdict::Fail).count()
            + self.rows.iter().filter(|row| row.verdicts[0] == Verdict::Fail).count()
    }
}

/// A JSON string literal.
pub fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changed_lines_with_context() {
        let expected = "a\nb\nc\nd\ne\nf";
        let actual = "a\nb\nC\nd\ne\nf\ng";
        assert_eq!(diff(expected, actual), "@@ line 2\n  b\n- c\n+ C\n  d\n@@ line 6\n  f\n+ g");
    }

    #[test]
    fn json_strings_escape_controls() {
        assert_eq!(json_string("a\"b\\\n\u{1b}"), "\"a\\\"b\\\\\\n\\u001b\"");
    }
}
