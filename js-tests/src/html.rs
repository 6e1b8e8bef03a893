//! `--html FILE`: the matrix as one self-contained page (no scripts, no outside resources):
//! the Node-API and runtime tables with a colour per cell, each cell opening to its tests,
//! each test to the command that ran and what differed from the reference; then the Node-API
//! sections, each opening to its functions.

use crate::coverage::Coverage;
use crate::matrix::{Matrix, Verdict};
use crate::runner::{Outcome, Test};
use crate::runtimes;
use crate::Config;

const STYLE: &str = "
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
table { border-collapse: collapse; margin: 1em 0 2em; }
th, td { border: 1px solid #bbb; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #eee; }
td.pass { background: #c8f0c8; } td.fail { background: #f8d0c8; } td.partial { background: #f8ecb8; }
td.crash { background: #e8b0e8; } td.none { background: #e4e4e4; color: #666; }
li.pass { color: #185c18; } li.fail { color: #8c1c0c; } li.crash { color: #6c0c7c; } li.none { color: #666; }
summary { cursor: pointer; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 6px; max-width: 90ch; overflow-x: auto; white-space: pre-wrap; color: #222; }
ul { margin: 4px 0; padding-left: 1.2em; }
";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The colour class of one test's result on a runtime.
fn result_class(verdict: Verdict, ending: &str) -> &'static str {
    match verdict {
        Verdict::Pass => "pass",
        Verdict::Fail if ending.starts_with("crash") || ending.starts_with("abort") || ending == "timeout" => "crash",
        Verdict::Fail => "fail",
        Verdict::Skip | Verdict::NotApplicable => "none",
    }
}

/// The colour class of an area's cell: every run test passed, none did, some did, or one crashed.
fn cell_class(classes: &[&str]) -> &'static str {
    let ran: Vec<&&str> = classes.iter().filter(|c| **c != "none").collect();
    if ran.is_empty() {
        "none"
    } else if ran.iter().any(|c| **c == "crash") {
        "crash"
    } else if ran.iter().all(|c| **c == "pass") {
        "pass"
    } else if ran.iter().all(|c| **c == "fail") {
        "fail"
    } else {
        "partial"
    }
}

/// What ran: the runtime's command line for the test, and how it ended.
fn what_ran(runtime: &str, test: &Test, outcome: &Outcome) -> String {
    let words = runtimes::command_line(runtime, test);
    format!("{words}\n{}", outcome.summary())
}

pub fn report(config: &Config, runtimes_line: &str, tests: &[Test], results: &[Vec<Outcome>], matrix: &Matrix, coverage: &Coverage) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Node-API compatibility matrix</title><style>{STYLE}</style></head><body>\n\
         <h1>Node-API compatibility matrix</h1>\n<p>{}</p>\n<p>The first runtime is the reference. Node-API areas are judged by what the tests print on stdout and how they exit; \
         runtime areas also by the shape of stderr. n/a: the test needs a Node-API level or experimental functions the runtime does not have.</p>\n",
        escape(runtimes_line)
    );
    let header: String = matrix.runtimes.iter().map(|r| format!("<th>{}</th>", escape(r))).collect();
    for (title, areas) in matrix.tables() {
        out.push_str(&format!("<h2>{}</h2>\n<table>\n<tr><th>{}</th>{header}</tr>\n", escape(title), escape(title)));
        for area in areas {
            out.push_str(&format!("<tr><th>{}</th>", escape(area)));
            for r in 0..matrix.runtimes.len() {
                let mut classes = Vec::new();
                let mut items = String::new();
                for (t, row) in matrix.rows.iter().enumerate().filter(|(_, row)| row.area == area) {
                    let class = result_class(row.verdicts[r], &row.endings[r]);
                    classes.push(class);
                    let mut detail = what_ran(&config.runtimes[r], &tests[t], &results[t][r]);
                    if !row.reasons[r].is_empty() {
                        detail.push_str(&format!("\n\n{}", row.reasons[r]));
                    }
                    items.push_str(&format!(
                        "<li class=\"{class}\"><details><summary>{}: {}</summary><pre>{}</pre></details></li>",
                        escape(&row.name),
                        escape(&matrix.result(row, r)),
                        escape(&detail)
                    ));
                }
                out.push_str(&format!(
                    "<td class=\"{}\"><details><summary>{}</summary><ul>{items}</ul></details></td>",
                    cell_class(&classes),
                    escape(&matrix.cell(area, r))
                ));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    out.push_str(&format!(
        "<h2>Node-API functions</h2>\n<p>Per header section: the functions whose tests (those that ran) all pass.</p>\n<table>\n<tr><th>section</th><th>tested</th>{header}</tr>\n"
    ));
    for section in coverage.sections() {
        let (total, tested, cells) = coverage.section_cells(section);
        out.push_str(&format!("<tr><th>{}</th><td>{tested}/{total}</td>", escape(section)));
        for (r, cell) in cells.iter().enumerate() {
            let functions: Vec<_> = coverage.functions.iter().filter(|f| f.section == section && f.tests > 0).collect();
            let classes: Vec<&str> = functions
                .iter()
                .map(|f| match f.results[r] {
                    (_, 0) => "none",
                    (passed, ran) if passed == ran => "pass",
                    _ => "fail",
                })
                .collect();
            let items: String = functions
                .iter()
                .zip(&classes)
                .map(|(f, class)| format!("<li class=\"{class}\">{}: {}/{}</li>", escape(f.name), f.results[r].0, f.results[r].1))
                .collect();
            out.push_str(&format!(
                "<td class=\"{}\"><details><summary>{}</summary><ul>{items}</ul></details></td>",
                cell_class(&classes),
                escape(cell)
            ));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn test(area: &str, name: &str) -> Test {
        Test::ours(PathBuf::from(format!("/t/{area}/{name}.js")), area, name.to_string(), area.starts_with("napi"))
    }

    fn exited(stdout: &str) -> Outcome {
        Outcome::Exited { code: 0, stdout: stdout.to_string(), stderr: String::new() }
    }

    /// A report of three runtimes: one passing, one printing something else, one crashing.
    fn sample() -> String {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
        let runtimes: Vec<String> = ["/r/node", "/r/bun", "/r/deno"].map(String::from).to_vec();
        let config = Config { runtimes: runtimes.clone(), ..crate::parse_args_from(Vec::new()).expect("defaults") };
        let tests = vec![test("napi-basics", "numbers"), test("napi-basics", "strings"), test("loop", "timers")];
        let results = vec![
            vec![exited("1\n2\n"), exited("1\n2\n"), Outcome::Crashed { signal: libc::SIGSEGV, stderr: String::new() }],
            vec![exited("<a>\n"), exited("<b>\n"), Outcome::NotApplicable("needs Node-API 10, the runtime has 9".into())],
            vec![exited("t\n"), exited("t\n"), Outcome::TimedOut { stderr: String::new() }],
        ];
        let matrix = Matrix::new(&runtimes, &tests, &results);
        let coverage = Coverage::new(&root, &tests, &matrix);
        report(&config, "runtimes (today): node, bun, deno", &tests, &results, &matrix, &coverage)
    }

    #[test]
    fn cells_open_to_what_ran_and_what_differed() {
        let html = sample();
        assert!(html.contains("<td class=\"partial\"><details><summary>1/2</summary>"), "{html}");
        assert!(html.contains("<td class=\"crash\"><details><summary>0/1 (1 n/a, 1 crashed)</summary>"), "{html}");
        assert!(html.contains("/r/deno run -A --unstable-detect-cjs /t/napi-basics/numbers.js\nCRASH (SIGSEGV)"), "{html}");
        assert!(html.contains("- &lt;a&gt;\n+ &lt;b&gt;"), "{html}");
        assert!(html.contains("<h2>runtime area</h2>"));
    }

    /// The report renders in a real browser: Debian's chromium, headless, takes a screenshot
    /// of it and lays out its tables (skipped, saying why, where chromium is not installed).
    #[test]
    fn renders_in_headless_chromium() {
        let Some(chromium) = ["chromium", "chromium-browser"].into_iter().find(|c| {
            std::process::Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success())
        }) else {
            eprintln!("skipped: no chromium on PATH (apt-get install chromium)");
            return;
        };
        let dir = std::env::temp_dir().join(format!("js-tests-html-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let page = dir.join("matrix.html");
        let screenshot = dir.join("matrix.png");
        std::fs::write(&page, sample()).unwrap();
        let headless = |extra: &[&str]| {
            std::process::Command::new(chromium)
                .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1000,700"])
                .arg(format!("--user-data-dir={}", dir.join("profile").display()))
                .args(extra)
                .arg(format!("file://{}", page.display()))
                .output()
                .expect("chromium runs")
        };
        let shot = headless(&[&format!("--screenshot={}", screenshot.display())]);
        let png = std::fs::read(&screenshot).unwrap_or_else(|_| panic!("no screenshot: {}", String::from_utf8_lossy(&shot.stderr)));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        assert_eq!(width, 1000);
        // The page as the browser parsed it: the tables and their expandable cells are there.
        let dom = String::from_utf8_lossy(&headless(&["--dump-dom"]).stdout).into_owned();
        assert!(dom.contains("<h2>Node-API area</h2>") && dom.matches("<details>").count() >= 9, "{dom}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
