//! The linter of each file, from the config found from its folder, and the
//! errors found loading a config and its packs: diagnostics on the file they
//! are in, and a message to the user.

// `Uri` caches its parsed parts inside, which clippy takes for a mutable key;
// its hash and equality are those of the text, which never changes.
#![allow(clippy::mutable_key_type)]

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types as lsp;
use repere::baseline::Baseline;
use repere::config::Config;
use repere::diagnostic::Diagnostic;
use repere::engine::{FileReport, FileResult, Linter, Report};
use repere::pack::PackError;
use repere::span::Span;

use super::packs::{self, LoadError};
use super::position::Lines;
use super::{Server, Setup, SetupKey, read_text, uri_of};

/// The errors of one config's loading, by the file they are in.
type Errors = HashMap<lsp::Uri, Vec<lsp::Diagnostic>>;

/// A file's folder, and what its setup depends on: the config found from
/// there and the site it is in.
pub(super) fn key_for(path: &Path) -> (PathBuf, SetupKey) {
    let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
    let config = packs::discover(&dir);
    let site = dir
        .ancestors()
        .find(|a| a.join("content").is_dir())
        .map(Path::to_path_buf);
    (dir, (config, site))
}

/// The linter and scope of a loaded setup, for the files of `site`, or of
/// the site root a pack or the config sets (as for `repere check`, the
/// first); an error when that root has no `content/` folder.
pub(super) fn build(setup: packs::Setup, site: Option<&Path>) -> Result<Setup, String> {
    let pack_roots = super::super::site::roots_from_packs(&setup.rules);
    let site = super::super::site::set_root(&pack_roots)?.or(site);
    let config_dir = setup.config.as_ref().map(|c| c.dir());
    // The globs were checked when the config was read.
    let scope = config_dir.as_ref().and_then(|d| {
        super::super::check::Scope::new(setup.config.as_ref(), d)
            .ok()
            .flatten()
    });
    // The config's baseline, when it was written (otherwise it hides
    // nothing, as for `repere check`).
    let baseline = setup.config.as_ref().and_then(|c| {
        let path = c.dir().join(c.settings.baseline.as_ref()?);
        let text = read_text(&path)?;
        match Baseline::from_json(&text) {
            Ok(b) => Some((path, b)),
            Err(e) => {
                eprintln!("repere server: baseline `{}` {e}", path.display());
                None
            }
        }
    });
    let mut linter = Linter::new(setup.rules).with_bundles(super::super::site::leaf_bundles());
    if let Some(d) = config_dir {
        linter.set_root(d.clone(), d, None);
    }
    if let Some(root) = site {
        let mut index = super::super::site::index(root);
        index.cover_all();
        linter = linter.with_site(index);
    }
    let max_size = super::super::check::max_file_size(setup.config.as_ref());
    Ok(Setup {
        linter: Arc::new(linter),
        scope,
        baseline,
        max_size,
    })
}

impl Setup {
    /// The findings of `text`, checked alone, but those that compare files.
    pub(super) fn own_findings(&self, path: Arc<PathBuf>, text: String) -> Vec<Diagnostic> {
        self.findings(self.linter.check_source(path, text))
    }

    /// The findings of a file checked alone, but those that compare files.
    pub(super) fn findings(&self, result: FileResult) -> Vec<Diagnostic> {
        self.linter
            .finish(vec![result])
            .files
            .into_iter()
            .flat_map(|f| f.diagnostics)
            .filter(|d| !d.corpus)
            .collect()
    }

    /// A file's findings without those its config's baseline records.
    pub(super) fn baselined(
        &self,
        path: &Arc<PathBuf>,
        text: &str,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        let Some((file, baseline)) = &self.baseline else {
            return diagnostics;
        };
        if diagnostics.is_empty() {
            return diagnostics;
        }
        let dir = file.parent().unwrap_or(Path::new("/"));
        let key = super::super::check::baseline_key(dir, file, baseline.version);
        let mut report = Report {
            files: vec![FileReport {
                path: path.clone(),
                source: Some(text.to_string()),
                diagnostics,
            }],
            ..Report::default()
        };
        baseline.apply(&mut report, &key, &|_| None);
        report
            .files
            .pop()
            .map(|f| f.diagnostics)
            .unwrap_or_default()
    }
}

impl Server {
    /// The linter for a file, from the config found from its folder.
    pub(super) fn setup_for(&mut self, path: &Path) -> Result<Arc<Setup>, String> {
        let (dir, key) = key_for(path);
        if let Some(s) = self.setups.get(&key) {
            return s.clone();
        }
        let built = match self.load(&dir, &key.0)? {
            Ok(setup) => match build(setup, key.1.as_deref()) {
                Ok(built) => Ok(Arc::new(built)),
                Err(m) => {
                    self.message_error(&key.0, &m)?;
                    Err(m)
                }
            },
            Err(m) => Err(m),
        };
        self.setups.insert(key, built.clone());
        built
    }

    /// Loads the config found from `dir` (`config`) and its packs, and
    /// publishes the errors found (none: clears those found before).
    fn load(
        &mut self,
        dir: &Path,
        config: &Option<PathBuf>,
    ) -> Result<Result<packs::Setup, String>, String> {
        Ok(match packs::setup_at(dir) {
            // A site root without `content/` stops `repere check` too.
            // Found here, with the other errors, so that an error that stays
            // is not cleared and shown again at each load.
            Ok(setup) => match super::super::site::set_root(&super::super::site::roots_from_packs(
                &setup.rules,
            )) {
                Err(m) => {
                    self.message_error(config, &m)?;
                    Err(m)
                }
                Ok(_) => {
                    self.set_config_errors(config, Errors::new(), None)?;
                    Ok(setup)
                }
            },
            Err(LoadError::Message(m)) => {
                self.message_error(config, &m)?;
                Err(m)
            }
            Err(LoadError::Located(errors)) => {
                let summary = format!(
                    "{} error(s) in the configuration or rule packs: {}",
                    errors.len(),
                    errors
                        .iter()
                        .map(|e| format!("{}: {}", e.origin, e.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                );
                let by_file = self.located_errors(&errors);
                self.set_config_errors(config, by_file, Some(&summary))?;
                Err(summary)
            }
        })
    }

    /// Publishes an error of a config's setup that is not located in a file
    /// (on the config's first line).
    fn message_error(&mut self, config: &Option<PathBuf>, message: &str) -> Result<(), String> {
        let errors = match config {
            Some(c) => self.message_errors(c, message),
            None => Errors::new(),
        };
        self.set_config_errors(config, errors, Some(message))
    }

    /// Loads again each config with errors, whether a file under it is open
    /// or not: those that load now, or are gone, lose their errors (and the
    /// setups of their files are built again).
    pub(super) fn reload_config_errors(&mut self) -> Result<(), String> {
        let configs: Vec<PathBuf> = self.config_errors.keys().flatten().cloned().collect();
        for config in configs {
            let dir = config.parent().unwrap_or(Path::new("/"));
            let key = Some(config.clone());
            if packs::discover(dir).as_ref() == Some(&config) {
                let _ = self.load(dir, &key)?;
            } else {
                self.set_config_errors(&key, Errors::new(), None)?;
            }
            self.setups.retain(|k, _| k.0 != key);
        }
        Ok(())
    }

    fn located_errors(&self, errors: &[PackError]) -> Errors {
        let mut by_file = Errors::new();
        for e in errors {
            let Some(uri) = uri_of(Path::new(&e.origin)) else {
                continue;
            };
            let lines = Lines::new(&e.text, self.encoding);
            by_file.entry(uri).or_default().push(lsp::Diagnostic {
                range: lines.range(e.span),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(lsp::NumberOrString::String(e.rule().id.to_string())),
                source: Some("repere".into()),
                message: match &e.help {
                    Some(h) => format!("{}\nhelp: {h}", e.message),
                    None => e.message.clone(),
                },
                ..Default::default()
            });
        }
        by_file
    }

    /// An error without a place (a rule pack that cannot be read, a config
    /// file that is not UTF-8) as a diagnostic on the config: on the pack
    /// it names when the message is about one, at its start otherwise.
    fn message_errors(&self, config: &Path, message: &str) -> Errors {
        let mut errors = Errors::new();
        let Some(uri) = uri_of(config) else {
            return errors;
        };
        let text = read_text(config).unwrap_or_default();
        // About a pack the config names (`rule-pack`), or the config itself.
        let mut rule = "config";
        let span = Config::parse(config, &text)
            .ok()
            .and_then(|c| {
                let dir = c.dir();
                let named = c
                    .settings
                    .rules
                    .iter()
                    .find(|r| message.contains(&format!("`{}`", dir.join(r).display())))?;
                rule = "rule-pack";
                let node = c
                    .root
                    .get("rules")?
                    .as_seq()?
                    .iter()
                    .find(|n| n.as_str() == Some(named.as_str()))?;
                Some(repere::config::unbase(node.span))
            })
            .unwrap_or(Span::at(0));
        let lines = Lines::new(&text, self.encoding);
        errors.insert(
            uri,
            vec![lsp::Diagnostic {
                range: lines.range(span),
                severity: Some(lsp::DiagnosticSeverity::ERROR),
                code: Some(lsp::NumberOrString::String(rule.to_string())),
                source: Some("repere".into()),
                message: message.to_string(),
                ..Default::default()
            }],
        );
        errors
    }

    /// Replaces the errors the loading of `config` found (only those: the
    /// errors another config's loading found stay) and publishes the files
    /// they change; `summary` is logged, and shown when the errors are new.
    fn set_config_errors(
        &mut self,
        config: &Option<PathBuf>,
        errors: Errors,
        summary: Option<&str>,
    ) -> Result<(), String> {
        let old = self.config_errors.remove(config).unwrap_or_default();
        let changed = old != errors;
        let files: HashSet<lsp::Uri> = old.keys().chain(errors.keys()).cloned().collect();
        if !errors.is_empty() {
            self.config_errors.insert(config.clone(), errors);
        }
        if changed {
            for uri in files {
                // Under the client's spelling when the file is open.
                let uri = super::path_of(&uri)
                    .and_then(|p| self.uri_for(&p))
                    .unwrap_or(uri);
                self.publish_config_diagnostics(uri)?;
            }
        }
        if let Some(summary) = summary {
            let message = match config {
                Some(c) => format!(
                    "repere: `{}`: {summary}; the files it configures are not checked",
                    c.display()
                ),
                None => format!("repere: {summary}; no file is checked"),
            };
            self.notify::<lsp::notification::LogMessage>(lsp::LogMessageParams {
                typ: lsp::MessageType::ERROR,
                message: message.clone(),
            })?;
            if changed {
                self.notify::<lsp::notification::ShowMessage>(lsp::ShowMessageParams {
                    typ: lsp::MessageType::ERROR,
                    message,
                })?;
            }
        }
        Ok(())
    }

    /// The errors in a config or pack file, whichever config's loading
    /// found them (the file compared by its path: the client may spell its
    /// URI otherwise).
    /// Publishes the config errors of `uri` (none: clears its diagnostics).
    pub(super) fn publish_config_diagnostics(&self, uri: lsp::Uri) -> Result<(), String> {
        let diagnostics = self.config_diagnostics(&uri);
        self.notify::<lsp::notification::PublishDiagnostics>(lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        })
    }

    pub(super) fn config_diagnostics(&self, uri: &lsp::Uri) -> Vec<lsp::Diagnostic> {
        let path = super::path_of(uri);
        let mut all: Vec<lsp::Diagnostic> = Vec::new();
        for errors in self.config_errors.values() {
            let found = errors
                .iter()
                .filter(|(u, _)| *u == uri || (path.is_some() && super::path_of(u) == path))
                .flat_map(|(_, ds)| ds);
            for d in found {
                if !all.contains(d) {
                    all.push(d.clone());
                }
            }
        }
        all
    }
}
