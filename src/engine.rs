//! The engine: checks each file with the rules that apply to it, then runs the
//! cross-file checks on the facts collected, and sorts what was found.
//!
//! Pure: bytes in, diagnostics out. Reading files and printing is the CLI's.

use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Finding, Severity};
use crate::document::Document;
use crate::pack::{BUILTIN_RULES, LoadedRule, RuleSet, selects};
use crate::rules::{Context, CorpusContext, CorpusFile, Facts};
use crate::site::Site;
use crate::span::{LineIndex, Location, Span};

pub struct Linter {
    rules: Vec<LoadedRule>,
    builtins: Vec<&'static str>,
    sites: Vec<Arc<Site>>,
}

/// One file's outcome of the first pass.
pub struct FileResult {
    pub path: Arc<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// The text, kept when there is something to show in it.
    pub source: Option<String>,
    facts: Vec<(usize, Facts)>,
}

/// A file in the final report.
#[derive(Debug)]
pub struct FileReport {
    pub path: Arc<PathBuf>,
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Everything a run found, sorted by path, line, column and rule.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Report {
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.diagnostics.iter())
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            files: self.files.len(),
            ..Counts::default()
        };
        for d in self.diagnostics() {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }

    pub fn max_severity(&self) -> Option<Severity> {
        self.diagnostics().map(|d| d.severity).max()
    }

    pub fn source_of(&self, path: &PathBuf) -> Option<&str> {
        self.files
            .iter()
            .find(|f| *f.path == *path)?
            .source
            .as_deref()
    }
}

impl Linter {
    /// A linter running the rules of `set` that are not `off`.
    pub fn new(set: RuleSet) -> Linter {
        Linter {
            rules: set
                .rules
                .into_iter()
                .filter(|r| r.meta.level.severity().is_some())
                .collect(),
            builtins: BUILTIN_RULES.iter().map(|(id, _)| *id).collect(),
            sites: Vec::new(),
        }
    }

    /// Adds the index of a site, which rules read for the files it covers.
    pub fn with_site(mut self, site: Site) -> Linter {
        self.sites.push(Arc::new(site));
        self
    }

    fn site_for(&self, path: &std::path::Path) -> Option<&Arc<Site>> {
        self.sites.iter().find(|s| s.covers(path))
    }

    /// Keeps only the engine diagnostics picked by `select` (all when empty)
    /// and not by `ignore` (rule packs are filtered by [`RuleSet::select`]).
    pub fn select_builtins(&mut self, select: &[String], ignore: &[String]) {
        self.builtins.retain(|id| {
            (select.is_empty() || select.iter().any(|s| selects(s, id)))
                && !ignore.iter().any(|s| selects(s, id))
        });
    }

    pub fn rules(&self) -> &[LoadedRule] {
        &self.rules
    }

    /// Checks a file's bytes: not UTF-8 or binary content is reported, and
    /// nothing else is checked in that file.
    pub fn check_bytes(&self, path: PathBuf, bytes: Vec<u8>) -> FileResult {
        let path = Arc::new(path);
        let probe = &bytes[..bytes.len().min(8192)];
        if probe.contains(&0) {
            let at = probe.iter().position(|b| *b == 0).unwrap_or(0);
            return self.builtin(
                path,
                "encoding",
                format!("binary content (a NUL byte at offset {at}); the file was not checked"),
                "only Markdown text files can be checked; exclude this file or rename it",
            );
        }
        match String::from_utf8(bytes) {
            Ok(text) => self.check_source(path, text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                self.builtin(
                    path,
                    "encoding",
                    format!("invalid UTF-8 at byte offset {at}; the file was not checked"),
                    "save the file as UTF-8",
                )
            }
        }
    }

    /// A file that could not be read.
    pub fn read_error(&self, path: PathBuf, message: impl Into<String>) -> FileResult {
        self.builtin(
            Arc::new(path),
            "read-error",
            message.into(),
            "check that the file exists and can be read",
        )
    }

    fn builtin(
        &self,
        path: Arc<PathBuf>,
        rule: &'static str,
        message: String,
        help: &str,
    ) -> FileResult {
        let diagnostics = if self.builtins.contains(&rule) {
            vec![Diagnostic {
                rule: Arc::from(rule),
                severity: Severity::Error,
                path: path.clone(),
                message,
                help: Some(help.to_string()),
                span: Span::at(0),
                location: Location {
                    line: 1,
                    column: 1,
                    end_line: 1,
                    end_column: 1,
                },
                labels: Vec::new(),
                fix: None,
            }]
        } else {
            Vec::new()
        };
        FileResult {
            path,
            diagnostics,
            source: None,
            facts: Vec::new(),
        }
    }

    /// Checks a file's text with every rule that applies to it.
    pub fn check_source(&self, path: Arc<PathBuf>, source: String) -> FileResult {
        let doc = Document::parse(path.as_ref().clone(), source);
        let (diagnostics, facts) = self.check_document(&path, &doc);
        let source = (!diagnostics.is_empty()).then_some(doc.source);
        FileResult {
            path,
            diagnostics,
            source,
            facts,
        }
    }

    fn check_document(
        &self,
        path: &Arc<PathBuf>,
        doc: &Document,
    ) -> (Vec<Diagnostic>, Vec<(usize, Facts)>) {
        let mut diagnostics = Vec::new();
        let mut facts = Vec::new();
        for (i, loaded) in self.rules.iter().enumerate() {
            let meta = &loaded.meta;
            if !meta.files.is_empty() && !meta.files.matches(&doc.path) {
                continue;
            }
            if !meta.when.is_empty() && !meta.when.holds(doc) {
                continue;
            }
            let mut cx = Context {
                site: self.site_for(&doc.path).cloned(),
                ..Context::default()
            };
            loaded.rule.check(doc, &mut cx);
            for finding in cx.findings {
                diagnostics.push(self.diagnostic(
                    loaded,
                    path,
                    finding,
                    Some(doc.line_index()),
                    &doc.source,
                    None,
                ));
            }
            if let Some(f) = loaded.rule.collect(doc) {
                facts.push((i, f));
            }
        }
        (diagnostics, facts)
    }

    fn diagnostic(
        &self,
        loaded: &LoadedRule,
        path: &Arc<PathBuf>,
        finding: Finding,
        index: Option<&LineIndex>,
        source: &str,
        location: Option<Location>,
    ) -> Diagnostic {
        let meta = &loaded.meta;
        let Finding {
            span,
            message,
            help,
            mut labels,
            fix,
        } = finding;
        let message = match &meta.message {
            Some(m) => m.replace("{message}", &message),
            None => message,
        };
        let help = match &meta.help {
            Some(h) => Some(h.replace("{help}", help.as_deref().unwrap_or(""))),
            None => help,
        };
        let location = match (location, index) {
            (Some(l), _) => l,
            (None, Some(index)) => index.location(source, span),
            (None, None) => Location::default(),
        };
        if let Some(index) = index {
            for label in labels.iter_mut().filter(|l| l.path.is_none()) {
                label.location = index.location(source, label.span);
            }
        }
        Diagnostic {
            rule: meta.id.clone(),
            severity: meta.level.severity().unwrap_or(Severity::Error),
            path: path.clone(),
            message,
            help,
            span,
            location,
            labels,
            fix,
        }
    }

    /// Runs the cross-file checks and sorts everything.
    pub fn finish(&self, mut results: Vec<FileResult>) -> Report {
        results.sort_by(|a, b| a.path.cmp(&b.path));
        for (i, loaded) in self.rules.iter().enumerate() {
            let mut owners = Vec::new();
            let mut files = Vec::new();
            for (fi, r) in results.iter().enumerate() {
                if let Some((_, f)) = r.facts.iter().find(|(ri, _)| *ri == i) {
                    owners.push(fi);
                    files.push(CorpusFile {
                        path: &r.path,
                        facts: f.as_ref(),
                        site: self.site_for(&r.path).map(|s| &**s),
                    });
                }
            }
            if files.is_empty() {
                continue;
            }
            let mut cx = CorpusContext::default();
            loaded.rule.check_corpus(&files, &mut cx);
            drop(files);
            for (file, finding, location) in cx.findings {
                let Some(&fi) = owners.get(file) else {
                    continue;
                };
                let path = results[fi].path.clone();
                let d = self.diagnostic(loaded, &path, finding, None, "", Some(location));
                results[fi].diagnostics.push(d);
            }
        }
        let files = results
            .into_iter()
            .map(|mut r| {
                r.diagnostics
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                FileReport {
                    path: r.path,
                    source: r.source,
                    diagnostics: r.diagnostics,
                }
            })
            .collect();
        Report { files }
    }
}
