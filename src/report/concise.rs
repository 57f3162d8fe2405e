//! `--format concise`: one line per diagnostic,
//! `path:line:column: severity[rule] message`.

use std::io::{self, Write};

use super::{Options, Reporter, summary};
use crate::engine::Report;

pub struct Concise;

impl Reporter for Concise {
    fn write(&self, report: &Report, options: &Options<'_>, out: &mut dyn Write) -> io::Result<()> {
        for d in report.diagnostics() {
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                d.path.display(),
                d.location.line,
                d.location.column,
                d.severity.as_str(),
                d.rule,
                d.message
            )?;
        }
        if !options.quiet {
            writeln!(out, "{}", summary(report))?;
            for note in &report.notes {
                writeln!(out, "{note}")?;
            }
        }
        Ok(())
    }
}
