//! What rules find, and what the engine reports.

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::span::{Location, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Names as a message lists them, each in backticks: `` `a`, `b` ``.
pub fn quoted_list<S: std::fmt::Display>(names: impl IntoIterator<Item = S>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A severity as written in a rule pack: `off` disables the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl From<Severity> for Level {
    fn from(severity: Severity) -> Level {
        match severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
            Severity::Info => Level::Info,
        }
    }
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.severity().map_or("off", Severity::as_str)
    }
}

/// Another place involved in a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    /// Set when the place is in another file; `location` must then be set too.
    pub path: Option<Arc<PathBuf>>,
    /// Filled by the engine for places in the same file.
    pub location: Location,
}

/// Whether a fix can be applied without review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// A byte-range replacement in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    /// Whether the edit changes text inside `span`: it overlaps it, or
    /// inserts strictly inside it.
    pub fn touches(&self, span: Span) -> bool {
        (self.span.start < span.end && span.start < self.span.end)
            || (self.span.is_empty() && span.start < self.span.start && self.span.start < span.end)
    }

    pub fn replace(span: Span, replacement: impl Into<String>) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit::replace(Span::at(at), text)
    }

    pub fn delete(span: Span) -> Edit {
        Edit::replace(span, "")
    }
}

/// A repair: byte-range edits on the original text, all applied or none.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub applicability: Applicability,
    pub description: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix `--fix` applies.
    pub fn safe(description: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Safe,
            description: description.into(),
            edits,
        }
    }

    /// A fix applied only with `--unsafe-fixes` (it may change meaning).
    pub fn risky(description: impl Into<String>, edits: Vec<Edit>) -> Fix {
        Fix {
            applicability: Applicability::Unsafe,
            description: description.into(),
            edits,
        }
    }
}

/// What a rule reports. The rule id and severity are not the rule's to set:
/// the engine adds them from the rule pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    /// Where the finding goes among those of its rule at the same place,
    /// when their order means something (the sections missing after one
    /// heading, in the template's order); 0 by default, then the message.
    pub rank: u32,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Finding {
            span,
            message: message.into(),
            help: None,
            labels: Vec::new(),
            fix: None,
            rank: 0,
        }
    }

    /// Sets [`Finding::rank`].
    pub fn rank(mut self, rank: u32) -> Self {
        self.rank = rank;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Another place in the same file.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            path: None,
            location: Location::default(),
        });
        self
    }

    /// A place in another file, already located.
    pub fn label_in(
        mut self,
        path: Arc<PathBuf>,
        span: Span,
        location: Location,
        message: impl Into<String>,
    ) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            path: Some(path),
            location,
        });
        self
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}

/// A finding with its rule, severity, file and resolved location.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub rule: Arc<str>,
    pub severity: Severity,
    pub path: Arc<PathBuf>,
    pub message: String,
    pub help: Option<String>,
    pub span: Span,
    pub location: Location,
    pub labels: Vec<Label>,
    pub fix: Option<Fix>,
    /// Found by a cross-file check (from facts of several files).
    pub corpus: bool,
    /// The finding's [`Finding::rank`].
    pub rank: u32,
}

impl Diagnostic {
    /// The order of a report: path, line, column, rule, then the rank the
    /// rule gave, then message.
    pub fn sort_key(&self) -> (&PathBuf, usize, usize, &str, u32, &str) {
        (
            &self.path,
            self.location.line,
            self.location.column,
            &self.rule,
            self.rank,
            &self.message,
        )
    }
}
