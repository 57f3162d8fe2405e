//! `--format gitlab`: GitLab Code Quality JSON (an array of issues with a
//! description, check name, fingerprint, severity and location).

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::json;

use super::{Options, Reporter};
use crate::baseline::{finding_fingerprint, fnv1a};
use crate::diagnostic::Severity;
use crate::engine::Report;

pub struct Gitlab;

impl Reporter for Gitlab {
    fn write(&self, report: &Report, options: &Options<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut issues = Vec::new();
        // The fingerprint must be unique per issue, and stay with it when
        // other issues are fixed: it hashes the path, the rule, the offending
        // text (as baselines do) and the message, so that findings at the
        // same place (five missing keys, all at the opening `---`) are
        // independent. Only findings identical in all of these are told apart
        // by their order.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for file in &report.files {
            if file.diagnostics.is_empty() {
                continue;
            }
            let kept = file.text(options.source);
            let text = kept.as_deref();
            // GitLab wants the path in the repository, the same however
            // `repere check` was given it.
            let path = super::slash_path(&super::repo_path(&file.path));
            for d in &file.diagnostics {
                let base = format!("{path}\u{0}{}\u{0}{}", d.rule, finding_fingerprint(d, text));
                let n = seen.entry(base.clone()).or_default();
                *n += 1;
                let fp = fnv1a(&format!("{base}\u{0}{n}"));
                let severity = match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                };
                let l = d.location;
                issues.push(json!({
                    "description": d.message,
                    "check_name": &*d.rule,
                    "fingerprint": fp,
                    "severity": severity,
                    "location": {
                        "path": path,
                        "positions": {
                            "begin": {"line": l.line, "column": l.column},
                            "end": {"line": l.end_line, "column": l.end_column},
                        },
                    },
                }));
            }
        }
        serde_json::to_writer_pretty(&mut *out, &issues)?;
        writeln!(out)
    }
}
