//! `--format sarif`: SARIF 2.1.0 (GitHub code scanning and other viewers),
//! with the rules that ran (id, short and full description, help), results
//! with their locations, and `relatedLocations` for labels. Built with the
//! `serde-sarif` types.

use std::io::{self, Write};

use serde_sarif::sarif::{
    ArtifactLocation, Location, Message, MultiformatMessageString, PhysicalLocation, Region,
    ReportingConfiguration, ReportingDescriptor, Result as SarifResult, ResultLevel, Run, Sarif,
    Tool, ToolComponent,
};

use super::{Options, Reporter};
use crate::diagnostic::Severity;
use crate::engine::Report;
use crate::span::{Location as Loc, Span};

pub struct SarifReporter;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result_level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

fn location(path: &str, loc: Loc, span: Span, message: Option<&str>) -> Location {
    let region = Region::builder()
        .start_line(loc.line as i64)
        .start_column(loc.column as i64)
        .end_line(loc.end_line as i64)
        .end_column(loc.end_column as i64)
        .byte_offset(span.start as i64)
        .byte_length(span.len() as i64)
        .build();
    let physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(path.to_string()).build())
        .region(region)
        .build();
    match message {
        Some(m) => Location::builder()
            .physical_location(physical)
            .message(Message::builder().text(m.to_string()).build())
            .build(),
        None => Location::builder().physical_location(physical).build(),
    }
}

/// A path as a SARIF URI reference: `/` separators, spaces and `%` escaped.
fn uri(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let s = s.strip_prefix("./").unwrap_or(&s).to_string();
    s.replace('%', "%25").replace(' ', "%20")
}

impl Reporter for SarifReporter {
    fn write(
        &self,
        report: &Report,
        _options: &Options<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let rules: Vec<ReportingDescriptor> = report
            .rules
            .iter()
            .map(|r| {
                let text = |t: String| MultiformatMessageString::builder().text(t).build();
                let full = if r.doc.is_empty() {
                    r.summary.clone()
                } else {
                    format!("{}\n\n{}", r.summary, r.doc.trim())
                };
                ReportingDescriptor::builder()
                    .id(r.id.to_string())
                    .name(r.kind.to_string())
                    .short_description(text(r.summary.clone()))
                    .full_description(text(full))
                    .help(text(format!(
                        "Run `repere explain {}` for the documentation of this rule.",
                        r.id
                    )))
                    .default_configuration(
                        ReportingConfiguration::builder()
                            .level(serde_json::json!(level(r.severity)))
                            .build(),
                    )
                    .build()
            })
            .collect();
        let results: Vec<SarifResult> = report
            .diagnostics()
            .map(|d| {
                let path = uri(&d.path);
                let mut text = d.message.clone();
                if let Some(h) = &d.help {
                    text.push_str("\nhelp: ");
                    text.push_str(h);
                }
                let related: Vec<Location> = d
                    .labels
                    .iter()
                    .map(|l| {
                        let p = l.path.as_deref().map_or_else(|| path.clone(), |p| uri(p));
                        location(&p, l.location, l.span, Some(&l.message))
                    })
                    .collect();
                let rule_index = report
                    .rules
                    .iter()
                    .position(|r| r.id == d.rule)
                    .map_or(-1, |i| i as i64);
                let base = SarifResult::builder()
                    .rule_id(d.rule.to_string())
                    .rule_index(rule_index)
                    .level(result_level(d.severity))
                    .message(Message::builder().text(text).build())
                    .locations(vec![location(&path, d.location, d.span, None)]);
                if related.is_empty() {
                    base.build()
                } else {
                    base.related_locations(related).build()
                }
            })
            .collect();
        let driver = ToolComponent::builder()
            .name("repere")
            .version(env!("CARGO_PKG_VERSION").to_string())
            .information_uri("https://crates.io/crates/repere".to_string())
            .rules(rules)
            .build();
        // Columns count Unicode characters, as everywhere in repere.
        let run = Run::builder()
            .tool(Tool::builder().driver(driver).build())
            .column_kind(serde_json::json!("unicodeCodePoints"))
            .results(results)
            .build();
        let sarif = Sarif::builder()
            .schema(SCHEMA.to_string())
            .version(serde_json::json!("2.1.0"))
            .runs(vec![run])
            .build();
        serde_json::to_writer_pretty(&mut *out, &sarif)?;
        writeln!(out)
    }
}
