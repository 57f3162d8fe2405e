//! Output formats: one file per format, each a [`Reporter`].

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};
use std::path::Path;

use crate::engine::Report;

/// How a report is rendered. `source` gives the text of a file whose source
/// the report did not keep (the CLI reads it again; tests give `None`).
pub struct Options<'a> {
    pub color: bool,
    pub quiet: bool,
    pub source: &'a dyn Fn(&Path) -> Option<String>,
}

impl Options<'_> {
    pub fn plain() -> Options<'static> {
        Options {
            color: false,
            quiet: false,
            source: &|_| None,
        }
    }
}

pub trait Reporter {
    fn write(&self, report: &Report, options: &Options<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The names `--format` takes, and their reporters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    JsonLines,
    Github,
    Sarif,
    Junit,
    Gitlab,
}

impl Format {
    pub fn reporter(self) -> Box<dyn Reporter> {
        match self {
            Format::Human => Box::new(human::Human),
            Format::Concise => Box::new(concise::Concise),
            Format::Json => Box::new(json::Json),
            Format::JsonLines => Box::new(json_lines::JsonLines),
            Format::Github => Box::new(github::Github),
            Format::Sarif => Box::new(sarif::SarifReporter),
            Format::Junit => Box::new(junit::Junit),
            Format::Gitlab => Box::new(gitlab::Gitlab),
        }
    }
}

/// "3 errors, 1 warning in 2 files (5 files checked)".
pub fn summary(report: &Report) -> String {
    let c = report.counts();
    let with = report
        .files
        .iter()
        .filter(|f| !f.diagnostics.is_empty())
        .count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if c.errors + c.warnings + c.infos == 0 {
        return format!("No problems found ({} checked).", plural(c.files, "file"));
    }
    let mut parts = vec![plural(c.errors, "error"), plural(c.warnings, "warning")];
    if c.infos > 0 {
        parts.push(plural(c.infos, "info"));
    }
    format!(
        "Found {} in {} ({} checked).",
        parts.join(", "),
        plural(with, "file"),
        plural(c.files, "file")
    )
}

/// A path with `/` separators: on Windows `\` is a separator too, elsewhere
/// it is a character of a file name and stays.
pub(crate) fn slash_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}
