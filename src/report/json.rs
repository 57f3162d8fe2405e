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

/// A diagnostic as JSON: its fields in sorted order (the order the
/// contract has always had), written without building a tree of values.
#[derive(serde::Serialize)]
pub struct DiagnosticJson<'d> {
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    fix: Option<FixJson<'d>>,
    help: Option<&'d str>,
    labels: Vec<LabelJson<'d>>,
    line: usize,
    message: &'d str,
    path: std::borrow::Cow<'d, str>,
    rule: &'d str,
    severity: &'d str,
    start: usize,
}

#[derive(serde::Serialize)]
struct FixJson<'d> {
    applicability: crate::diagnostic::Applicability,
    description: &'d str,
}

#[derive(serde::Serialize)]
struct LabelJson<'d> {
    column: usize,
    end: usize,
    end_column: usize,
    end_line: usize,
    line: usize,
    message: &'d str,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<std::borrow::Cow<'d, str>>,
    start: usize,
}

/// A diagnostic as JSON.
pub fn diagnostic(d: &Diagnostic) -> DiagnosticJson<'_> {
    DiagnosticJson {
        column: d.location.column,
        end: d.span.end,
        end_column: d.location.end_column,
        end_line: d.location.end_line,
        fix: d.fix.as_ref().map(|f| FixJson {
            applicability: f.applicability,
            description: &f.description,
        }),
        help: d.help.as_deref(),
        labels: d
            .labels
            .iter()
            .map(|l| LabelJson {
                column: l.location.column,
                end: l.span.end,
                end_column: l.location.end_column,
                end_line: l.location.end_line,
                line: l.location.line,
                message: &l.message,
                path: l.path.as_ref().map(|p| p.to_string_lossy()),
                start: l.span.start,
            })
            .collect(),
        line: d.location.line,
        message: &d.message,
        path: d.path.to_string_lossy(),
        rule: &d.rule,
        severity: d.severity.as_str(),
        start: d.span.start,
    }
}

impl Reporter for Json {
    fn write(
        &self,
        report: &Report,
        _options: &Options<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        // Written as it is made: one diagnostic's JSON at a time, not a tree
        // of every diagnostic (which took over 100 MB for 20,000 findings).
        // The keys are in the order `json!` gives them (sorted).
        let doc = Document {
            diagnostics: Diagnostics(report),
            notes: &report.notes,
            summary: summary(report),
            version: 1,
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}

/// The `summary` object of the JSON report (also `--statistics --format json`).
pub fn summary(report: &Report) -> Value {
    let c = report.counts();
    json!({"files": c.files, "errors": c.errors, "warnings": c.warnings, "infos": c.infos})
}
