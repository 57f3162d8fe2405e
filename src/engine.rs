//! The engine: checks each file with the rules that apply to it, then runs the
//! cross-file checks on the facts collected, applies inline suppressions, and
//! sorts what was found.
//!
//! Pure: bytes in, diagnostics out. Reading files and printing is the CLI's.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::config_relative;
use crate::diagnostic::{Diagnostic, Finding, Severity, quoted_list};
use crate::document::Document;
use crate::pack::{BUILTIN_RULES, Builtin, LoadedRule, PackError, RuleSet, SETUP_RULES, selects};
use crate::rules::{Context, CorpusContext, CorpusFile, Facts};
use crate::site::Site;
use crate::span::{LineIndex, Location, Span};
use crate::suppress::Suppressions;

pub struct Linter {
    rules: Vec<LoadedRule>,
    /// For each rule, the first rule with the same `files` filter: a file
    /// is matched once against each distinct filter (rules of a pack
    /// often share one).
    same_files: Vec<usize>,
    defined: Vec<Arc<str>>,
    /// The engine's own diagnostics in force, with their severity.
    builtins: Vec<(&'static str, Severity)>,
    /// The current folder and the config file's folder, to match config
    /// globs against paths relative to the config.
    root: Option<(PathBuf, PathBuf, Option<PathBuf>)>,
    sites: Vec<Arc<Site>>,
    /// The leaf bundle a file is a resource of, if any (see
    /// [`Linter::with_bundles`]).
    bundle_of: Option<Arc<BundleOf>>,
    /// Whether a file's text is kept in the report when it has findings.
    keep_text: bool,
}

/// Tells whether a file is a resource of a Hugo leaf bundle (a Markdown
/// file beside a folder's `index.md`, or below it), and which: the bundle's
/// folder. Asked of the file system, which the engine does not read.
pub type BundleOf = dyn Fn(&Path) -> Option<PathBuf> + Send + Sync;

/// One file's outcome of the first pass.
pub struct FileResult {
    pub path: Arc<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// The text, kept when there is something to show in it.
    pub source: Option<String>,
    rel: PathBuf,
    facts: Vec<(usize, Facts)>,
    suppressions: Suppressions,
    /// The rules that ran on the file (by index): those whose overrides,
    /// `files` and `when` let it through.
    ran: Vec<usize>,
    /// The folder of the leaf bundle the file is a resource of: no rule
    /// ran on it.
    resource_of: Option<PathBuf>,
    /// Whether the file's text was read, for the rules to check (not a file
    /// that could not be read or decoded).
    read: bool,
}

impl FileResult {
    /// The folder of the leaf bundle the file is a resource of (not a page,
    /// so no rule ran on it), if it is one.
    pub fn resource_of(&self) -> Option<&Path> {
        self.resource_of.as_deref()
    }

    /// Whether the file's text was read but no rule ran on it: the rules'
    /// `files` and `when`, the config's overrides or `--select` left it
    /// out, or it is a resource of a leaf bundle.
    pub fn no_rule_ran(&self) -> bool {
        self.read && self.ran.is_empty()
    }
}

/// A file in the final report.
#[derive(Debug)]
pub struct FileReport {
    pub path: Arc<PathBuf>,
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// The file's text: kept by the report, or given by `reread` (the CLI
    /// reads the file again) for a file whose text was not kept.
    pub fn text(
        &self,
        reread: &dyn Fn(&Path) -> Option<String>,
    ) -> Option<std::borrow::Cow<'_, str>> {
        match &self.source {
            Some(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
            None => reread(&self.path).map(std::borrow::Cow::Owned),
        }
    }
}

/// Everything a run found, sorted by path, line, column and rule.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    /// Lines to show under the summary (e.g. what a baseline hid).
    pub notes: Vec<String>,
    /// The rules that ran, for formats that describe them (SARIF).
    pub rules: Vec<RuleInfo>,
    /// The run stopped before checking any article (an error in the config
    /// or a pack, a path that cannot be reached): `files` holds the files
    /// at fault, and none of them counts as checked.
    pub stopped: bool,
    /// The paths of `files` that are folders the walk could not read: their
    /// findings are reported, but they are not files checked.
    pub folders: Vec<PathBuf>,
}

/// What a report says about a rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleInfo {
    pub id: Arc<str>,
    pub kind: &'static str,
    pub severity: Severity,
    /// One line.
    pub summary: String,
    /// The kind's documentation.
    pub doc: &'static str,
}

impl RuleInfo {
    /// One of the engine's own diagnostics, at `severity`.
    fn engine(b: &Builtin, severity: Severity) -> RuleInfo {
        RuleInfo {
            id: Arc::from(b.id),
            kind: "engine",
            severity,
            summary: b.summary.to_string(),
            doc: "",
        }
    }
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
            files: if self.stopped {
                0
            } else {
                self.files.iter().filter(|f| !self.is_folder(f)).count()
            },
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

    /// Whether `file` is a folder the walk could not read.
    pub fn is_folder(&self, file: &FileReport) -> bool {
        !self.folders.is_empty() && self.folders.iter().any(|f| f == &*file.path)
    }

    pub fn max_severity(&self) -> Option<Severity> {
        self.diagnostics().map(|d| d.severity).max()
    }

    pub fn source_of(&self, path: &Path) -> Option<&str> {
        self.files
            .iter()
            .find(|f| f.path.as_path() == path)?
            .source
            .as_deref()
    }

    /// A report of the errors in a rule pack or the config that stopped a
    /// run before any article was checked: each is an error of the rule
    /// `config` (in a `.toml` file) or `rule-pack`, at its place in that
    /// file, so that a machine-readable report carries them (and replaces
    /// the last run's) rather than being left empty or stale. A file in
    /// `cwd` is named relative to it, as articles are.
    pub fn of_setup_errors(errors: &[PackError], cwd: &Path) -> Report {
        let mut files: Vec<FileReport> = Vec::new();
        for e in errors {
            let rule = e.rule();
            let path = Path::new(&e.origin);
            let path = Arc::new(path.strip_prefix(cwd).unwrap_or(path).to_path_buf());
            let location = LineIndex::new(&e.text).location(&e.text, e.span);
            let d = builtin_diagnostic(
                &path,
                (rule.id, Severity::Error),
                e.message.clone(),
                e.help.clone(),
                e.span,
                location,
            );
            match files.iter_mut().find(|f| f.path == path) {
                Some(f) => f.diagnostics.push(d),
                None => files.push(FileReport {
                    path,
                    source: Some(e.text.to_string()),
                    diagnostics: vec![d],
                }),
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        for f in &mut files {
            f.diagnostics
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        }
        let used = |r: &&Builtin| {
            files
                .iter()
                .flat_map(|f| &f.diagnostics)
                .any(|d| *d.rule == *r.id)
        };
        let rules = SETUP_RULES.iter().filter(used);
        let note = format!(
            "Nothing was checked: the run stopped at {} error(s) in {}.",
            errors.len(),
            named(&files)
        );
        Report {
            rules: rules.map(|r| RuleInfo::engine(r, r.severity)).collect(),
            files,
            notes: vec![note],
            stopped: true,
            ..Report::default()
        }
    }

    /// A report of a baseline that cannot be used (missing, not a file,
    /// not the JSON of a baseline), which stopped a run before any file
    /// was checked: a `config` error at the baseline's path, so that a
    /// machine-readable report says so rather than being left stale.
    /// `writing`: the run was to write the baseline (`--write-baseline`),
    /// over a file that is none.
    pub fn of_unusable_baseline(path: &Path, message: &str, help: &str, writing: bool) -> Report {
        let rule = crate::pack::builtin(&SETUP_RULES, "config");
        Report::stopped_at(
            rule,
            &[(path.to_path_buf(), message.to_string())],
            help,
            |_| {
                if writing {
                    format!(
                        "Nothing was checked: `--write-baseline` would have replaced `{}`, which holds no baseline this repere reads.",
                        path.display()
                    )
                } else {
                    format!(
                        "Nothing was checked: the run stopped at the baseline `{}`, which cannot be used.",
                        path.display()
                    )
                }
            },
        )
    }

    /// A report of the paths given to check that could not be reached (one
    /// that does not exist, a link that leads nowhere), which stopped a run
    /// before any file was checked: each is a `read-error` at its path, so
    /// that a machine-readable report says so (and replaces the last
    /// run's) rather than being left empty or stale. `paths` holds each
    /// path with what went wrong.
    pub fn of_unreachable_paths(paths: &[(PathBuf, String)]) -> Report {
        let rule = crate::pack::builtin(BUILTIN_RULES, "read-error");
        Report::stopped_at(
            rule,
            paths,
            "check the paths given to `repere check`",
            |files| {
                format!(
                    "Nothing was checked: the run stopped at {} path(s) that could not be reached: {}.",
                    files.len(),
                    named(files)
                )
            },
        )
    }

    /// A report of a run stopped before any file was checked: an error of
    /// `rule` at line 1 of each path, with what went wrong and `help`, and
    /// the note `note` writes of the files.
    fn stopped_at(
        rule: &Builtin,
        paths: &[(PathBuf, String)],
        help: &str,
        note: impl FnOnce(&[FileReport]) -> String,
    ) -> Report {
        let mut files: Vec<FileReport> = paths
            .iter()
            .map(|(path, message)| {
                let path = Arc::new(path.clone());
                let d = builtin_diagnostic(
                    &path,
                    (rule.id, Severity::Error),
                    message.clone(),
                    Some(help.to_string()),
                    Span::at(0),
                    first_line(),
                );
                FileReport {
                    path,
                    source: None,
                    diagnostics: vec![d],
                }
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.dedup_by(|a, b| a.path == b.path);
        let note = note(&files);
        Report {
            rules: vec![RuleInfo::engine(rule, Severity::Error)],
            files,
            notes: vec![note],
            stopped: true,
            ..Report::default()
        }
    }
}

impl Linter {
    /// A linter running the rules of `set` (those `off` everywhere are idle).
    pub fn new(set: RuleSet) -> Linter {
        let same_files = set
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                set.rules[..i]
                    .iter()
                    .position(|o| o.meta.files == r.meta.files)
                    .unwrap_or(i)
            })
            .collect();
        let builtins = BUILTIN_RULES
            .iter()
            .filter_map(|b| Some((b.id, set.engine_level(b).severity()?)))
            .collect();
        Linter {
            same_files,
            rules: set.rules,
            defined: set.defined,
            builtins,
            root: None,
            sites: Vec::new(),
            bundle_of: None,
            keep_text: true,
        }
    }

    /// Whether the report keeps the text of the files with findings (the
    /// default). Without it, a run over many files does not hold all their
    /// texts at once: whoever renders the report reads them again
    /// ([`FileReport::text`]). The text of a file with suppression comments
    /// is always kept (the corpus pass needs it).
    pub fn keep_text(&mut self, keep: bool) {
        self.keep_text = keep;
    }

    /// Config globs (`[[overrides]]`) match paths relative to `config_dir`
    /// (or to `real`, the folder with its links resolved, when only that
    /// holds the file; see [`crate::config::config_relative`]); `cwd` is
    /// where relative paths start.
    pub fn set_root(&mut self, cwd: PathBuf, config_dir: PathBuf, real: Option<PathBuf>) {
        self.root = Some((cwd, config_dir, real));
    }

    /// Whether a site was added ([`Linter::with_site`]).
    pub fn has_sites(&self) -> bool {
        !self.sites.is_empty()
    }

    /// The linter without its sites, to add them again once their files
    /// changed (after `--fix`).
    pub fn without_sites(mut self) -> Linter {
        self.sites.clear();
        self
    }

    /// Adds the index of a site, which rules read for the files it covers.
    pub fn with_site(mut self, site: Site) -> Linter {
        self.sites.push(Arc::new(site));
        self
    }

    /// Tells the linter which files are resources of a leaf bundle: a
    /// Markdown file beside a bundle's `index.md` is no page (Hugo publishes
    /// it as a resource of that page, never as a page of its own), so no
    /// rule runs on it.
    pub fn with_bundles(mut self, bundle_of: Arc<BundleOf>) -> Linter {
        self.bundle_of = Some(bundle_of);
        self
    }

    fn site_for(&self, path: &std::path::Path) -> Option<&Arc<Site>> {
        self.sites.iter().find(|s| s.covers(path))
    }

    /// Whether the rule `id` ran on the file of `result` (its overrides,
    /// `files` and `when` let the file through).
    pub fn ran_on(&self, result: &FileResult, id: &str) -> bool {
        result
            .ran
            .iter()
            .any(|i| self.rules.get(*i).is_some_and(|r| &*r.meta.id == id))
    }

    /// Whether the file's links are looked up in a site (rather than among
    /// the files checked with it).
    pub fn has_site_for(&self, path: &std::path::Path) -> bool {
        self.site_for(path).is_some()
    }

    /// Whether `rule` says a file was not checked at all (it could not be
    /// read, or is not UTF-8 text).
    pub fn says_unchecked(rule: &str) -> bool {
        matches!(rule, "read-error" | "encoding")
    }

    /// Keeps only the engine diagnostics picked by `select` (all when empty)
    /// and not by `ignore` (rule packs are filtered by [`RuleSet::select`]).
    /// A file that could not be read or decoded was not checked at all: that
    /// is said whatever `select` holds, unless `ignore` names it.
    pub fn select_builtins(&mut self, select: &[String], ignore: &[String]) {
        self.builtins.retain(|(id, _)| {
            let unchecked = Linter::says_unchecked(id);
            (select.is_empty() || unchecked || select.iter().any(|s| selects(s, id)))
                && !ignore.iter().any(|s| selects(s, id))
        });
    }

    /// The severity of an engine diagnostic, if it is in force.
    fn builtin_severity(&self, rule: &str) -> Option<Severity> {
        self.builtins
            .iter()
            .find(|(id, _)| *id == rule)
            .map(|(_, s)| *s)
    }

    pub fn rules(&self) -> &[LoadedRule] {
        &self.rules
    }

    fn rel(&self, path: &Path) -> PathBuf {
        match &self.root {
            Some((cwd, base, real)) => config_relative(path, cwd, base, real.as_deref()),
            None => path.to_path_buf(),
        }
    }

    /// `path` from the root of the site it belongs to (the folder that
    /// holds `content/`: `content/posts/x/index.md`), whatever the current
    /// folder; `None` for a file in no site, or outside its site's root.
    fn site_relative(&self, path: &Path) -> Option<PathBuf> {
        let site = self.site_for(path)?;
        let absolute = |p: &Path| {
            std::path::absolute(p)
                .ok()
                .map(|p| crate::config::normalize(&p))
        };
        let (file, root) = (absolute(path)?, absolute(site.root())?);
        file.strip_prefix(&root).ok().map(Path::to_path_buf)
    }

    /// Whether [`Linter::check_bytes`] takes `bytes` for a binary file's
    /// (a NUL byte in the first 8 KiB), which is not checked.
    pub fn is_binary(bytes: &[u8]) -> bool {
        binary_at(bytes).is_some()
    }

    /// Checks a file's bytes: not UTF-8 or binary content is reported (at
    /// the offending byte), and nothing else is checked in that file.
    pub fn check_bytes(&self, path: PathBuf, bytes: Vec<u8>) -> FileResult {
        let path = Arc::new(path);
        if let Some(at) = binary_at(&bytes) {
            return self.builtin(
                path,
                "encoding",
                format!("binary content (a NUL byte at offset {at}); the file was not checked"),
                "only Markdown text files can be checked; exclude this file or rename it",
                (Span::at(at), location_of_byte(&bytes, at)),
            );
        }
        match String::from_utf8(bytes) {
            Ok(text) => self.check_source(path, text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let location = location_of_byte(e.as_bytes(), at);
                self.builtin(
                    path,
                    "encoding",
                    format!("invalid UTF-8 at byte offset {at}; the file was not checked"),
                    "save the file as UTF-8",
                    (Span::at(at), location),
                )
            }
        }
    }

    /// A file that could not be read (or was skipped: `message` says why,
    /// `help` what to do).
    pub fn read_error(&self, path: PathBuf, message: impl Into<String>, help: &str) -> FileResult {
        self.builtin(
            Arc::new(path),
            "read-error",
            message.into(),
            help,
            (Span::at(0), first_line()),
        )
    }

    fn builtin(
        &self,
        path: Arc<PathBuf>,
        rule: &'static str,
        message: String,
        help: &str,
        (span, location): (Span, Location),
    ) -> FileResult {
        let mut diagnostics = Vec::new();
        if let Some(severity) = self.builtin_severity(rule) {
            diagnostics.push(builtin_diagnostic(
                &path,
                (rule, severity),
                message,
                Some(help.to_string()),
                span,
                location,
            ));
        }
        FileResult {
            rel: self.rel(&path),
            path,
            diagnostics,
            source: None,
            facts: Vec::new(),
            suppressions: Suppressions::default(),
            ran: Vec::new(),
            resource_of: None,
            read: false,
        }
    }

    /// Checks a file's text with every rule that applies to it (none, for a
    /// resource of a leaf bundle).
    pub fn check_source(&self, path: Arc<PathBuf>, source: String) -> FileResult {
        let rel = self.rel(&path);
        if let Some(bundle) = self.bundle_of.as_ref().and_then(|of| of(&path)) {
            // Not a page: not checked, and its suppression comments, which
            // suppress nothing now, are not judged either.
            return FileResult {
                path,
                diagnostics: Vec::new(),
                source: None,
                rel,
                facts: Vec::new(),
                suppressions: Suppressions::default(),
                ran: Vec::new(),
                resource_of: Some(bundle),
                read: true,
            };
        }
        let doc = Document::parse(path.as_ref().clone(), source);
        let (diagnostics, facts, ran) = self.check_document(&path, &rel, &doc);
        let suppressions = Suppressions::of(&doc);
        let keep = (self.keep_text && !diagnostics.is_empty()) || !suppressions.is_empty();
        let source = keep.then_some(doc.source);
        FileResult {
            path,
            diagnostics,
            source,
            rel,
            facts,
            ran,
            suppressions,
            resource_of: None,
            read: true,
        }
    }

    fn check_document(
        &self,
        path: &Arc<PathBuf>,
        rel: &Path,
        doc: &Document,
    ) -> (Vec<Diagnostic>, Vec<(usize, Facts)>, Vec<usize>) {
        let mut diagnostics = Vec::new();
        let mut facts = Vec::new();
        let mut ran = Vec::new();
        // Whether the file passes each distinct `files` filter, once known.
        let mut passes: Vec<Option<bool>> = vec![None; self.rules.len()];
        // The path from the root of the file's site, once asked for.
        let mut in_site: Option<Option<PathBuf>> = None;
        for (i, loaded) in self.rules.iter().enumerate() {
            let meta = &loaded.meta;
            let Some((severity, rule)) = loaded.for_path(rel) else {
                continue;
            };
            if !meta.files.is_empty() {
                let first = self.same_files.get(i).copied().unwrap_or(i);
                let pass = match passes.get(first).copied().flatten() {
                    Some(pass) => pass,
                    None => {
                        // The path as given, as the config's folder names
                        // it, or as the site's root does: the same rules
                        // from any folder. The last is made only when
                        // the others do not match.
                        let pass = meta.files.matches(&doc.path)
                            || (rel != doc.path.as_path() && meta.files.matches(rel))
                            || in_site
                                .get_or_insert_with(|| self.site_relative(&doc.path))
                                .as_deref()
                                .is_some_and(|s| {
                                    s != rel && s != doc.path.as_path() && meta.files.matches(s)
                                });
                        if let Some(slot) = passes.get_mut(first) {
                            *slot = Some(pass);
                        }
                        pass
                    }
                };
                if !pass {
                    continue;
                }
            }
            if !meta.when.is_empty() && !meta.when.holds(doc) {
                continue;
            }
            ran.push(i);
            let mut cx = Context {
                site: self.site_for(&doc.path).cloned(),
                ..Context::default()
            };
            rule.check(doc, &mut cx);
            for mut finding in std::mem::take(&mut cx.findings) {
                if let Some(fix) = &mut finding.fix {
                    crate::fix::keep_anchors(doc, cx.site.as_deref(), fix);
                    crate::fix::keep_aliases(doc, fix);
                }
                let location = doc.location(finding.span);
                diagnostics.push(self.diagnostic(
                    loaded,
                    severity,
                    path,
                    finding,
                    location,
                    Some((doc.line_index(), &doc.source)),
                ));
            }
            if let Some(f) = rule.collect(doc, &cx) {
                facts.push((i, f));
            }
        }
        (diagnostics, facts, ran)
    }

    fn diagnostic(
        &self,
        loaded: &LoadedRule,
        severity: Severity,
        path: &Arc<PathBuf>,
        finding: Finding,
        location: Location,
        source: Option<(&LineIndex, &str)>,
    ) -> Diagnostic {
        let meta = &loaded.meta;
        let Finding {
            span,
            message,
            help,
            mut labels,
            fix,
            rank,
        } = finding;
        // The pack's own wording, if any, around the rule's (no copy of the
        // rule's message when the pack has none).
        let own = (message.as_str(), help.as_deref().unwrap_or(""));
        let filled = (
            meta.message.as_deref().map(|m| fill(m, own)),
            meta.help.as_deref().map(|h| fill(h, own)),
        );
        // A finding always states something; a help filled to nothing is
        // no help (`null` in JSON).
        let message = filled.0.filter(|m| !m.is_empty()).unwrap_or(message);
        let help = filled.1.or(help).filter(|h| !h.is_empty());
        if let Some((index, text)) = source {
            for label in labels.iter_mut().filter(|l| l.path.is_none()) {
                label.location = index.location(text, label.span);
            }
        }
        Diagnostic {
            rule: meta.id.clone(),
            severity,
            path: path.clone(),
            message,
            help,
            span,
            location,
            labels,
            fix,
            corpus: false,
            rank,
        }
    }

    /// Runs the cross-file checks, applies suppressions and sorts everything.
    pub fn finish(&self, mut results: Vec<FileResult>) -> Report {
        results.sort_by(|a, b| a.path.cmp(&b.path));
        // The cross-file checks see the files in the order of their absolute
        // paths, whatever the paths given looked like (`./b.md`, `b.md`,
        // `/site/b.md`): which of two copies is the later one, and gets the
        // finding, does not depend on how a path was written.
        let cwd = std::env::current_dir().unwrap_or_default();
        let keys: Vec<PathBuf> = results
            .iter()
            .map(|r| crate::config::normalize(&cwd.join(&*r.path)))
            .collect();
        let mut order: Vec<usize> = (0..results.len()).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        for (i, loaded) in self.rules.iter().enumerate() {
            let mut owners = Vec::new();
            let mut files = Vec::new();
            for (fi, r) in order.iter().map(|&fi| (fi, &results[fi])) {
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
                let Some((severity, _)) = loaded.for_path(&results[fi].rel) else {
                    continue;
                };
                let path = results[fi].path.clone();
                let mut d = self.diagnostic(loaded, severity, &path, finding, location, None);
                d.corpus = true;
                results[fi].diagnostics.push(d);
            }
        }
        let files = results
            .into_iter()
            .map(|mut r| {
                self.suppress(&mut r);
                r.diagnostics
                    .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                let source = if r.diagnostics.is_empty() {
                    None
                } else {
                    r.source
                };
                FileReport {
                    path: r.path,
                    source,
                    diagnostics: r.diagnostics,
                }
            })
            .collect();
        Report {
            files,
            notes: Vec::new(),
            rules: self.rule_infos(),
            stopped: false,
            folders: Vec::new(),
        }
    }

    fn rule_infos(&self) -> Vec<RuleInfo> {
        let mut infos: Vec<RuleInfo> = self
            .rules
            .iter()
            .filter_map(|r| {
                let kind = crate::rules::kind(r.meta.kind)?;
                let severity = r.meta.level.severity().or_else(|| {
                    r.variants
                        .iter()
                        .find_map(|v| v.level.and_then(|l| l.severity()))
                })?;
                Some(RuleInfo {
                    id: r.meta.id.clone(),
                    kind: kind.name,
                    severity,
                    summary: r
                        .meta
                        .description
                        .clone()
                        .unwrap_or_else(|| kind.summary.to_string()),
                    doc: kind.doc,
                })
            })
            .collect();
        infos.extend(
            BUILTIN_RULES
                .iter()
                .filter_map(|b| Some((b, self.builtin_severity(b.id)?)))
                .map(|(b, severity)| RuleInfo::engine(b, severity)),
        );
        infos
    }

    /// Drops what the file's comments suppress, and reports comments that
    /// suppress nothing or name an unknown rule.
    fn suppress(&self, r: &mut FileResult) {
        if r.suppressions.is_empty() {
            return;
        }
        let s = &r.suppressions;
        let mut used = vec![false; s.comments.len()];
        let queries: Vec<(&str, usize)> = r
            .diagnostics
            .iter()
            .map(|d| (&*d.rule, d.location.line))
            .collect();
        let answers = s.suppressing_all(&queries);
        let mut answers = answers.into_iter();
        r.diagnostics.retain(|_| match answers.next().flatten() {
            Some(c) => {
                if let Some(u) = used.get_mut(c) {
                    *u = true;
                }
                false
            }
            None => true,
        });
        let Some(unused) = self.builtin_severity("unused-suppression") else {
            return;
        };
        let index = r.source.as_deref().map(|t| (LineIndex::new(t), t));
        let known = |id: &str| {
            self.defined.iter().any(|x| selects(id, x))
                || BUILTIN_RULES.iter().any(|b| selects(id, b.id))
        };
        // Whether every rule a comment names ran on this file, so that
        // "suppresses nothing" is a fact and not an artefact of --select or
        // of a rule's `files` or `when` leaving the file out. A
        // rule that only compares files (`duplicate-paragraph-corpus`) is
        // not judged: what it finds depends on the other files checked with
        // this one (none, for a pre-commit hook given one file).
        let ran = |id: &str| {
            let rules = || {
                r.ran
                    .iter()
                    .filter_map(|i| self.rules.get(*i))
                    .filter(|x| selects(id, &x.meta.id))
            };
            (rules().next().is_some() || self.builtins.iter().any(|(b, _)| selects(id, b)))
                && !rules().any(|x| x.rule.cross_file_only())
        };
        for (i, c) in s.comments.iter().enumerate() {
            let location = index
                .as_ref()
                .map_or_else(first_line, |(ix, t)| ix.location(t, c.span));
            let unknown: Vec<&String> = c.rules.iter().filter(|id| !known(id)).collect();
            let (message, help) = if c.directive == crate::suppress::Directive::Unknown {
                let meant = crate::rules::did_you_mean(
                    &c.word.to_lowercase().replace('è', "e"),
                    crate::suppress::DIRECTIVES,
                );
                (
                    format!(
                        "`{}` is no suppression comment: it suppresses nothing",
                        c.word
                    ),
                    meant.map_or(
                        format!("write one of {}", quoted_list(crate::suppress::DIRECTIVES)),
                        |m| format!("did you mean `{m}`?"),
                    ),
                )
            } else if c.rules.iter().any(|id| id == "unused-suppression") {
                // Its findings are about the comments themselves, made
                // once the comments have been applied: none can hide one.
                (
                    "`unused-suppression` cannot be suppressed by a comment: its findings are about the comments themselves".to_string(),
                    "remove `unused-suppression` from the comment; to turn the rule off, set `unused-suppression = \"off\"` under `[severity]` in repere.toml".to_string(),
                )
            } else if !unknown.is_empty() {
                let names = quoted_list(&unknown);
                let hint = unknown
                    .first()
                    .and_then(|u| {
                        crate::rules::did_you_mean(u, self.rules.iter().map(|x| &*x.meta.id))
                    })
                    .map_or("name rules listed by `repere rules`".to_string(), |s| {
                        format!("did you mean `{s}`?")
                    });
                (
                    format!("this suppression names unknown rule(s) {names}"),
                    hint,
                )
            } else if s.idle_enables.contains(&i) {
                let what = if c.rules.is_empty() {
                    "any rule".to_string()
                } else {
                    quoted_list(&c.rules)
                };
                (
                    format!(
                        "this `repere-enable` of {what} turns on nothing: no `repere-disable` of it is open above"
                    ),
                    "remove the comment, or put a `repere-disable` above it".to_string(),
                )
            } else if !used[i]
                && c.directive != crate::suppress::Directive::Enable
                && c.rules.iter().all(|id| ran(id))
            {
                let what = if c.rules.is_empty() {
                    "any rule".to_string()
                } else {
                    quoted_list(&c.rules)
                };
                (
                    format!("this suppression of {what} suppresses nothing"),
                    "remove the comment".to_string(),
                )
            } else {
                continue;
            };
            r.diagnostics.push(builtin_diagnostic(
                &r.path,
                ("unused-suppression", unused),
                message,
                Some(help),
                c.span,
                location,
            ));
        }
    }
}

/// A pack's `message` or `help` with `{message}` and `{help}` replaced by
/// the rule's own, in one pass (what they hold is not read again), without
/// the spaces an empty one leaves at either end.
fn fill(template: &str, (message, help): (&str, &str)) -> String {
    let mut out = String::with_capacity(template.len() + message.len());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("{message}") {
            out.push_str(message);
            rest = after;
        } else if let Some(after) = tail.strip_prefix("{help}") {
            out.push_str(help);
            rest = after;
        } else {
            out.push('{');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    match (
        out.starts_with(char::is_whitespace),
        out.ends_with(char::is_whitespace),
    ) {
        (false, false) => out,
        _ => out.trim().to_string(),
    }
}

/// Where byte `at` of a file that is not UTF-8 text lies: lines as in
/// [`LineIndex`], columns counting each invalid sequence as one character.
fn location_of_byte(bytes: &[u8], at: usize) -> Location {
    let before = String::from_utf8_lossy(bytes.get(..at).unwrap_or(bytes));
    let end = before.len();
    LineIndex::new(&before).location(&before, Span::at(end))
}

/// The files of a report that stopped a run, as a note names them:
/// `` `a.yaml`, `repere.toml` ``.
fn named(files: &[FileReport]) -> String {
    files
        .iter()
        .map(|f| format!("`{}`", f.path.display()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn first_line() -> Location {
    Location {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    }
}

/// The offset of the NUL byte that makes `bytes` a binary file's.
fn binary_at(bytes: &[u8]) -> Option<usize> {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)])
}

fn builtin_diagnostic(
    path: &Arc<PathBuf>,
    (rule, severity): (&'static str, Severity),
    message: String,
    help: Option<String>,
    span: Span,
    location: Location,
) -> Diagnostic {
    Diagnostic {
        rule: Arc::from(rule),
        severity,
        path: path.clone(),
        message,
        help,
        span,
        location,
        labels: Vec::new(),
        fix: None,
        corpus: false,
        rank: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pack_message_gets_the_rule_s_own_message_and_help() {
        let own = ("`pillar` is `x`", "use one of: a, b");
        assert_eq!(
            fill("{message} ({help}) {date} {", own),
            "`pillar` is `x` (use one of: a, b) {date} {"
        );
        // What is put in is not read again.
        assert_eq!(fill("{help}", ("m", "{message}")), "{message}");
        assert_eq!(fill("plain", own), "plain");
        // A rule without help of its own leaves no stray space.
        assert_eq!(
            fill("See the style guide (house rule 4). {help}", ("m", "")),
            "See the style guide (house rule 4)."
        );
    }
    use crate::pack::PackSource;

    /// Rules share the answer of a `files` filter for a file only when
    /// their filters are the same.
    #[test]
    fn each_rule_keeps_its_own_files_filter() {
        let pack = "\
- {id: in-a, kind: markup, severity: error, files: ['a/*.md']}
- {id: in-b, kind: markup, severity: error, files: ['b/*.md', '!b/skip.md']}
- {id: in-a-too, kind: markup, severity: error, files: ['a/*.md']}
- {id: everywhere, kind: markup, severity: error}
- {id: in-b-all, kind: markup, severity: error, files: ['b/*.md']}
";
        let set = RuleSet::load(&[PackSource::new("t.yaml", pack)]).expect("the pack loads");
        let linter = Linter::new(set);
        let rules_in = |path: &str| {
            let result = linter.check_source(
                Arc::new(PathBuf::from(path)),
                "Un texte ****Impact :** **\n".to_string(),
            );
            let mut ids: Vec<String> = result
                .diagnostics
                .iter()
                .map(|d| d.rule.to_string())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        assert_eq!(rules_in("a/x.md"), ["everywhere", "in-a", "in-a-too"]);
        assert_eq!(rules_in("b/x.md"), ["everywhere", "in-b", "in-b-all"]);
        assert_eq!(rules_in("b/skip.md"), ["everywhere", "in-b-all"]);
        assert_eq!(rules_in("c/x.md"), ["everywhere"]);
    }
}
