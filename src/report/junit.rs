//! `--format junit`: JUnit XML, which GitLab, Jenkins and Azure read. One test
//! case per file checked; a file with findings fails, and its failure lists
//! every diagnostic, one per line (consumers read one failure per test case;
//! a line break in a path or message is written `\n`, and a tab `\t`, which
//! the XML writer would drop).

use std::io::{self, Write};

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};

use super::{Options, Reporter};
use crate::engine::Report;

pub struct Junit;

/// Text on one line, its tabs written `\t` (the XML writer drops them).
fn one_line(text: &str) -> String {
    super::one_line(text).replace('\t', "\\t")
}

impl Reporter for Junit {
    fn write(
        &self,
        report: &Report,
        _options: &Options<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut suite = TestSuite::new("repere");
        for file in &report.files {
            let path = super::slash_path(&super::repo_path(&file.path));
            let status = if file.diagnostics.is_empty() {
                TestCaseStatus::success()
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let n = file.diagnostics.len();
                status.set_message(format!("{n} problem{}", if n == 1 { "" } else { "s" }));
                status.set_type("repere");
                let lines: Vec<String> = file
                    .diagnostics
                    .iter()
                    .map(|d| {
                        format!(
                            "{}:{}:{}: {}[{}] {}",
                            one_line(&path),
                            d.location.line,
                            d.location.column,
                            d.severity.as_str(),
                            d.rule,
                            one_line(&d.message)
                        )
                    })
                    .collect();
                status.set_description(lines.join("\n"));
                status
            };
            let mut case = TestCase::new(one_line(&path), status);
            case.set_classname("repere");
            suite.add_test_case(case);
        }
        let mut junit = JunitReport::new("repere");
        junit.add_test_suite(suite);
        let xml = junit.to_string().map_err(io::Error::other)?;
        out.write_all(xml.as_bytes())?;
        writeln!(out)
    }
}
