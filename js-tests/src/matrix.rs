//! The compatibility matrix: rows are areas (and tests), columns are runtimes.

use crate::runner::{runtime_name, stderr_shape, Outcome, Test};

/// How a test did on one runtime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Pass,
    Fail,
    Skip,
}

pub struct Row {
    pub area: String,
    pub name: String,
    pub verdicts: Vec<Verdict>,
    /// Why a test failed, per runtime (empty when it passed).
    pub reasons: Vec<String>,
}

pub struct Matrix {
    pub runtimes: Vec<String>,
    pub rows: Vec<Row>,
}

/// Judges one outcome: the exit code the test expects, and for non-reference runtimes the
/// same stdout and stderr shape as the reference.
fn judge(test: &Test, outcome: &Outcome, reference: Option<&Outcome>) -> (Verdict, String) {
    match outcome {
        Outcome::Skipped(_) => (Verdict::Skip, String::new()),
        Outcome::Crashed { signal, stderr } => (Verdict::Fail, format!("crashed with signal {signal}\n{stderr}")),
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
            if want != got {
                return (Verdict::Fail, format!("stderr differs\n{}", diff(&want.join("\n"), &got.join("\n"))));
            }
            (Verdict::Pass, String::new())
        }
    }
}

/// The first differing line of two texts, to show why a test failed.
fn diff(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        if e.get(i) != a.get(i) {
            return format!(
                "line {}:\n  expected: {}\n  actual:   {}",
                i + 1,
                e.get(i).unwrap_or(&"<end>"),
                a.get(i).unwrap_or(&"<end>")
            );
        }
    }
    "(texts differ only in line endings)".to_string()
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
                    verdicts: judged.iter().map(|(v, _)| *v).collect(),
                    reasons: judged.into_iter().map(|(_, r)| r).collect(),
                }
            })
            .collect();
        Matrix { runtimes: runtimes.iter().map(|r| runtime_name(r)).collect(), rows }
    }

    fn areas(&self) -> Vec<&str> {
        let mut areas: Vec<&str> = self.rows.iter().map(|r| r.area.as_str()).collect();
        areas.dedup();
        areas
    }

    /// "passed/run" for an area on a runtime (skips counted apart).
    fn cell(&self, area: &str, runtime: usize) -> String {
        let rows: Vec<&Row> = self.rows.iter().filter(|r| r.area == area).collect();
        let passed = rows.iter().filter(|r| r.verdicts[runtime] == Verdict::Pass).count();
        let skipped = rows.iter().filter(|r| r.verdicts[runtime] == Verdict::Skip).count();
        let run = rows.len() - skipped;
        if skipped > 0 {
            format!("{passed}/{run} ({skipped} skipped)")
        } else {
            format!("{passed}/{run}")
        }
    }

    /// The table, then why each failing run failed. `reference_judged` is false for Node's
    /// suite, where the reference's own failures are reported but fail nothing.
    pub fn terminal_table(&self, verbose: bool, reference_judged: bool) -> String {
        let mut lines = vec![];
        let header: Vec<String> = std::iter::once("area".to_string()).chain(self.runtimes.iter().cloned()).collect();
        let mut body: Vec<Vec<String>> = vec![];
        for area in self.areas() {
            body.push(std::iter::once(area.to_string()).chain((0..self.runtimes.len()).map(|r| self.cell(area, r))).collect());
            if verbose {
                for row in self.rows.iter().filter(|r| r.area == area) {
                    body.push(
                        std::iter::once(format!("  {}", row.name))
                            .chain(row.verdicts.iter().map(|v| format!("{v:?}").to_lowercase()))
                            .collect(),
                    );
                }
            }
        }
        let widths: Vec<usize> = (0..header.len())
            .map(|c| body.iter().chain(std::iter::once(&header)).map(|row| row[c].len()).max().unwrap_or(0))
            .collect();
        let render = |row: &Vec<String>| {
            row.iter().zip(&widths).map(|(cell, w)| format!("{cell:<w$}")).collect::<Vec<_>>().join("  ").trim_end().to_string()
        };
        lines.push(render(&header));
        lines.push(widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "));
        lines.extend(body.iter().map(render));
        for row in &self.rows {
            for (r, reason) in row.reasons.iter().enumerate() {
                if !reason.is_empty() {
                    let excerpt: String = reason.lines().take(12).collect::<Vec<_>>().join("\n    ");
                    let label = if r == 0 && !reference_judged { "reference run failed (not judged):" } else { "FAIL" };
                    lines.push(format!("{label} {}/{} on {}:\n    {excerpt}", row.area, row.name, self.runtimes[r]));
                }
            }
        }
        lines.join("\n") + "\n"
    }

    pub fn markdown(&self) -> String {
        let mut out = format!("| area | {} |\n|---|{}\n", self.runtimes.join(" | "), "---|".repeat(self.runtimes.len()));
        for area in self.areas() {
            let cells: Vec<String> = (0..self.runtimes.len()).map(|r| self.cell(area, r)).collect();
            out.push_str(&format!("| {area} | {} |\n", cells.join(" | ")));
        }
        out
    }

    pub fn json(&self) -> String {
        let quote = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"));
        let runtimes: Vec<String> = self.runtimes.iter().map(|r| quote(r)).collect();
        let tests: Vec<String> = self
            .rows
            .iter()
            .map(|row| {
                let verdicts: Vec<String> = self
                    .runtimes
                    .iter()
                    .zip(&row.verdicts)
                    .map(|(r, v)| format!("{}: {}", quote(r), quote(&format!("{v:?}").to_lowercase())))
                    .collect();
                format!("{{\"area\": {}, \"test\": {}, \"results\": {{{}}}}}", quote(&row.area), quote(&row.name), verdicts.join(", "))
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

    /// (passed, failed, skipped) over every test on every runtime.
    pub fn totals(&self) -> (usize, usize, usize) {
        let all = self.rows.iter().flat_map(|r| r.verdicts.iter());
        all.fold((0, 0, 0), |(p, f, s), v| match v {
            Verdict::Pass => (p + 1, f, s),
            Verdict::Fail => (p, f + 1, s),
            Verdict::Skip => (p, f, s + 1),
        })
    }

    /// Tests the reference passes and another runtime fails.
    pub fn regressions(&self) -> usize {
        self.rows
            .iter()
            .filter(|row| row.verdicts[0] == Verdict::Pass && row.verdicts[1..].contains(&Verdict::Fail))
            .count()
            + self.rows.iter().filter(|row| row.verdicts[0] == Verdict::Fail).count()
    }
}
