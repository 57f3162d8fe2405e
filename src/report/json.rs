//! `--format json`: the contract other tools rely on (see README).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Options, Reporter};
use crate::diagnostic::Diagnostic;
use crate::engine::Report;

pub struct Json;

#[derive(serde::Serialize)]
struct Document<'r> {
    diagnostics: Diagnostics<'r>,
    notes: &'r [String],
    summary: Value,
    version: u32,
}

struct Diagnostics<'r>(&'r Report);

impl serde::Serialize for Diagnostics<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.diagnostics().map(diagnostic))
    }
}

/// A diagnostic as a JSON object.
pub fn diagnostic(d: &Diagnostic) -> Value {
    let labels: Vec<Value> = d
        .labels
        .iter()
        .map(|l| {
            let mut v = json!({
                "line": l.location.line, "column": l.location.column,
                "end_line": l.location.end_line, "end_column": l.location.end_column,
                "start": l.span.start, "end": l.span.end,
                "message": l.message,
            });
            if let Some(p) = &l.path {
                v["path"] = json!(p.to_string_lossy());
            }
            v
        })
        .collect();
    json!({
        "path": d.path.to_string_lossy(),
        "rule": &*d.rule,
        "severity": d.severity.as_str(),
        "message": d.message,
        "help": d.help,
        "line": d.location.line, "column": d.location.column,
        "end_line": d.location.end_line, "end_column": d.location.end_column,
        "start": d.span.start, "end": d.span.end,
        "labels": labels,
        "fix": d.fix.as_ref().map(|f| json!({
            "applicability": f.applicability,
            "description": f.description,
        })),
    })
}

impl Reporter for Json {
    fn write(
        &self,
        report: &Report,
        _options: &Options<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let c = report.counts();
        // Written as it is made: one diagnostic's JSON at a time, not a tree
        // of every diagnostic (which took over 100 MB for 20,000 findings).
        // The keys are in the order `json!` gives them (sorted).
        let doc = Document {
            diagnostics: Diagnostics(report),
            notes: &report.notes,
            summary: json!({"files": c.files, "errors": c.errors, "warnings": c.warnings, "infos": c.infos}),
            version: 1,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
