//! `--format json-lines`: one diagnostic per line (the objects of the JSON
//! format), for streaming into other tools.

use std::io::{self, Write};

use super::{Options, Reporter};
use crate::engine::Report;

pub struct JsonLines;

impl Reporter for JsonLines {
    fn write(
        &self,
        report: &Report,
        _options: &Options<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for d in report.diagnostics() {
            serde_json::to_writer(&mut *out, &super::json::diagnostic(d))?;
            writeln!(out)?;
        }
        Ok(())
    }
}
