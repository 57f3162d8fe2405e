//! `--format concise`: one line per diagnostic,
//! `path:line:column: severity[rule] message` (a line break in the path or
//! the message is written `\n`).

use std::io::{self, Write};

use super::{Options, Reporter, one_line, summary};
use crate::diagnostic::Applicability;
use crate::engine::Report;

pub struct Concise;

impl Reporter for Concise {
    fn write(&self, report: &Report, options: &Options<'_>, out: &mut dyn Write) -> io::Result<()> {
        for d in report.diagnostics() {
            let fixable = match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => " [fix]",
                Some(Applicability::Unsafe) => " [unsafe fix]",
                None => "",
            };
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}{fixable}",
                one_line(&d.path.to_string_lossy()),
                d.location.line,
                d.location.column,
                d.severity.as_str(),
                d.rule,
                one_line(&d.message)
            )?;
        }
        if !options.quiet {
            writeln!(out, "{}", summary(report))?;
            // A note may name a file: its control characters are
            // written as in the findings.
            for note in &report.notes {
                writeln!(out, "{}", one_line(note))?;
            }
        }
        Ok(())
    }
}
