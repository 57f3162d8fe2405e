//! The `repere.toml` configuration: which packs, which files, thresholds, and
//! per-rule severity and option overrides, globally or for some files.
//!
//! The file is read into the same spanned tree as YAML, at byte offset
//! [`CONFIG_BASE`], so that an error in the options it gives a rule can be told
//! apart from an error in the pack that defined the rule, and pointed at.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::diagnostic::{Level, Severity};
use crate::pack::{FileFilter, PackError};
use crate::span::Span;
use crate::yaml::{Node, Value, de};

/// Spans of the config tree start here.
pub const CONFIG_BASE: usize = 1 << 40;

/// The names the config file can have, in the order they are looked for.
pub const FILE_NAMES: &[&str] = &["repere.toml", ".repere.toml"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    /// The lowest severity that fails the run.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

/// The keys of `repere.toml`.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// Rule packs (files or folders), relative to the config file.
    #[serde(default)]
    pub rules: Vec<String>,
    pub use_default_rules: Option<bool>,
    /// Globs (relative to the config file) a walked file must match.
    #[serde(default)]
    pub include: Vec<String>,
    /// Globs (relative to the config file) of files never checked.
    #[serde(default)]
    pub exclude: Vec<String>,
    pub fail_on: Option<FailOn>,
    pub max_warnings: Option<usize>,
    /// Files larger than this many bytes are not checked (reported).
    pub max_file_size: Option<u64>,
    /// A baseline file (relative to the config file) applied to every check.
    pub baseline: Option<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Map<String, serde_json::Value>>")]
    pub options: BTreeMap<String, IgnoredAny>,
    #[serde(default)]
    pub overrides: Vec<OverrideBlock>,
}

/// A `[[overrides]]` block: settings for the files its globs match.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideBlock {
    pub files: Vec<String>,
    #[serde(default)]
    pub severity: BTreeMap<String, Level>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Map<String, serde_json::Value>>")]
    pub options: BTreeMap<String, IgnoredAny>,
}

/// A read configuration file.
#[derive(Debug)]
pub struct Config {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub root: Node,
    pub settings: Settings,
}

impl Config {
    /// Parses the text of the config file at `path`. Every mistake is
    /// reported: one per top-level key or table (the first in it).
    pub fn parse(path: &Path, text: &str) -> Result<Config, Vec<PackError>> {
        let text: Arc<str> = Arc::from(text);
        let root = crate::toml_tree::parse(&text, CONFIG_BASE).map_err(|e| {
            vec![PackError {
                origin: path.display().to_string(),
                text: text.clone(),
                span: unbase(e.span),
                message: format!("invalid TOML: {}", e.message),
                help: None,
                config: true,
            }]
        })?;
        // `[overrides]` is one table where `[[overrides]]` blocks are a list.
        let one_table = root
            .get("overrides")
            .filter(|n| n.as_map().is_some())
            .map(|n| n.span);
        let fail = |span: Span, message: String| PackError {
            origin: path.display().to_string(),
            text: text.clone(),
            span: unbase(span),
            message: in_toml_words(message),
            help: (Some(span) == one_table).then(|| {
                "write each block as `[[overrides]]`, with two brackets: the blocks are a list"
                    .to_string()
            }),
            config: true,
        };
        let mut errors: Vec<PackError> = Vec::new();
        let mut found = |e: de::Error| errors.push(fail(e.span.unwrap_or(root.span), e.message));
        let settings = match de::from_node::<Settings>(&root) {
            Ok(settings) => Some(settings),
            Err(first) => {
                // Reading stopped at the first mistake: each key read alone
                // (all are optional) gives the others.
                found(first);
                for pair in root.as_map().unwrap_or_default() {
                    let alone = Node::new(root.span, Value::Map(vec![pair.clone()]));
                    if let Err(e) = de::from_node::<Settings>(&alone) {
                        found(e);
                    }
                }
                None
            }
        };
        // The globs are checked here, so that every command (not only the
        // walk of `repere check`) refuses a bad one, pointing at it.
        // Those of the `[[overrides]]` blocks too, so that all the config's
        // mistakes are said at once.
        let blocks = root
            .get("overrides")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        let globs = ["include", "exclude"]
            .iter()
            .filter_map(|key| root.get(key))
            .chain(blocks.iter().filter_map(|b| b.get("files")));
        // A list only: another value is said once, by the reading above.
        for node in globs.filter(|n| n.as_seq().is_some()) {
            if let Err(e) = FileFilter::from_node(node) {
                found(e);
            }
        }
        // In the order of the file, each once (the first mistake is also
        // that of its key read alone).
        errors.sort_by_key(|e| e.span.start);
        errors.dedup_by(|later, first| later.span == first.span && later.message == first.message);
        match settings {
            Some(settings) if errors.is_empty() => Ok(Config {
                path: path.to_path_buf(),
                text,
                root,
                settings,
            }),
            _ => Err(errors),
        }
    }

    /// The folder the config's relative paths start from.
    pub fn dir(&self) -> PathBuf {
        self.path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    }

    /// An error at a node of the config tree.
    pub fn error(&self, span: Span, message: impl Into<String>, help: Option<String>) -> PackError {
        PackError {
            origin: self.path.display().to_string(),
            text: self.text.clone(),
            span: unbase(span),
            message: in_toml_words(message.into()),
            help,
            config: true,
        }
    }

    /// The node at a path of keys, e.g. `["severity", "tone"]`.
    pub fn node(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(&self.root, |n, k| n.get(k))
    }

    /// The key node of a path of keys (for errors about the key itself).
    pub fn key(&self, keys: &[&str]) -> Option<&Node> {
        let (last, parents) = keys.split_last()?;
        self.node(parents)?.entry(last).map(|(k, _)| k)
    }

    /// The 1-based line of a config span.
    pub fn line(&self, span: Span) -> usize {
        let at = Span::at(unbase(span).start).clamp_to(&self.text).start;
        self.text[..at].matches('\n').count() + 1
    }

    /// A file filter from globs relative to the config file.
    pub fn filter(&self, globs_node: &Node) -> Result<FileFilter, PackError> {
        FileFilter::from_node(globs_node)
            .map_err(|e| self.error(e.span.unwrap_or(globs_node.span), e.message, None))
    }
}

/// A message of the shared option readers, whose words are YAML's, in
/// TOML's: the config is TOML.
fn in_toml_words(message: String) -> String {
    message
        .replace(
            "a list (e.g. `[a, b]`, or one `- item` per line)",
            "a list (e.g. `[\"a\", \"b\"]`)",
        )
        .replace(
            "a mapping (`key: value` lines)",
            "a table (`key = value` lines)",
        )
        .replace(
            "a mapping of options (`key: value` lines)",
            "a table of options (`key = value` lines)",
        )
}

/// A config span as an offset into the config text.
pub fn unbase(span: Span) -> Span {
    if span.start >= CONFIG_BASE {
        Span::new(
            span.start - CONFIG_BASE,
            span.end.saturating_sub(CONFIG_BASE),
        )
    } else {
        span
    }
}

/// `path` (as reached from `cwd`) relative to `base`, lexically (no file-system
/// access); `path` itself when it is not under `base`.
pub fn relative(path: &Path, cwd: &Path, base: &Path) -> PathBuf {
    let absolute = normalize(&if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    });
    let base = normalize(&if base.is_absolute() {
        base.to_path_buf()
    } else {
        cwd.join(base)
    });
    match absolute.strip_prefix(&base) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => path.to_path_buf(),
    }
}

/// `path` (as reached from `cwd`) relative to `base`, lexically, going up
/// with `..` when it is not under `base` (`../content/a.md` from `ci/`): the
/// same answer from any current folder. The absolute path when the two have
/// no common root (another drive).
pub fn relative_up(path: &Path, cwd: &Path, base: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        normalize(&if p.is_absolute() {
            p.to_path_buf()
        } else {
            cwd.join(p)
        })
    };
    let (path_abs, base_abs) = (absolute(path), absolute(base));
    let mut p = path_abs.components().peekable();
    let mut b = base_abs.components().peekable();
    let mut shared = 0;
    while let (Some(x), Some(y)) = (p.peek(), b.peek()) {
        if x != y {
            break;
        }
        shared += 1;
        p.next();
        b.next();
    }
    if shared == 0 {
        return path_abs;
    }
    let mut out: PathBuf = b.map(|_| Component::ParentDir).collect();
    out.extend(p);
    out
}

/// `path` (as reached from `cwd`) as the config in folder `base` names it,
/// for its globs: [`relative_up`]. When that goes up out of `base` but
/// `real`, `base` with its links resolved, holds the file, relative to
/// `real`: a config named through a link (`/tmp` is one on macOS) while the
/// current folder is the real one.
pub fn config_relative(path: &Path, cwd: &Path, base: &Path, real: Option<&Path>) -> PathBuf {
    let rel = relative_up(path, cwd, base);
    if rel.starts_with("..")
        && let Some(real) = real
    {
        let inside = relative_up(path, cwd, real);
        if !inside.starts_with("..") {
            return inside;
        }
    }
    rel
}

/// `path` without its `.` parts, and each `..` taking off the part before
/// it (on the path as written, not resolved by the system).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `over` laid on `base`: mappings merge key by key, anything else replaces.
pub fn merge(base: &Node, over: &Node) -> Node {
    match (base.as_map(), over.as_map()) {
        (Some(b), Some(o)) => {
            let mut pairs: Vec<(Node, Node)> = b.to_vec();
            for (k, v) in o {
                match pairs
                    .iter_mut()
                    .find(|(bk, _)| bk.scalar_text() == k.scalar_text())
                {
                    Some((_, bv)) => *bv = merge(bv, v),
                    None => pairs.push((k.clone(), v.clone())),
                }
            }
            Node::new(base.span, crate::yaml::Value::Map(pairs))
        }
        _ => over.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_point_at_the_line() {
        let err = Config::parse(
            Path::new("repere.toml"),
            "fail-on = \"error\"\ncolour = 1\n",
        )
        .unwrap_err()
        .remove(0);
        assert!(
            err.message.contains("unknown field `colour`"),
            "{}",
            err.message
        );
        assert_eq!(&err.text[err.span.start..err.span.end], "colour");
        let err = Config::parse(Path::new("repere.toml"), "fail-on = \"loud\"\n")
            .unwrap_err()
            .remove(0);
        assert_eq!(&err.text[err.span.start..err.span.end], "\"loud\"");
    }

    #[test]
    fn every_key_s_mistake_is_reported_in_its_order() {
        let text = "fail-on = \"warnings\"\nmax-warnings = -1\ncolour = 1\n\
                    include = [\"a/{b,c}/*.md\"]\n[severity]\ntone = \"eror\"\n";
        let errs = Config::parse(Path::new("repere.toml"), text).unwrap_err();
        let at: Vec<&str> = errs
            .iter()
            .map(|e| &text[e.span.start..e.span.end])
            .collect();
        assert_eq!(
            at,
            [
                "\"warnings\"",
                "-1",
                "colour",
                "\"a/{b,c}/*.md\"",
                "\"eror\""
            ]
        );
    }

    /// An empty glob would match no file: refused where it is, in
    /// `include`, `exclude` and an `[[overrides]]` block's `files`.
    #[test]
    fn an_empty_glob_is_refused() {
        for text in ["include = [\"\"]\n", "exclude = [\"drafts/**\", \"\"]\n"] {
            let errs = Config::parse(Path::new("repere.toml"), text).unwrap_err();
            assert_eq!(errs.len(), 1, "{text}");
            assert_eq!(
                &text[errs[0].span.start..errs[0].span.end],
                "\"\"",
                "{text}"
            );
            assert!(
                errs[0].message.contains("an empty glob matches no file"),
                "{}",
                errs[0].message
            );
        }
        // In an `[[overrides]]` block too, said with the others.
        let text = "[[overrides]]\nfiles = [\"\"]\nseverity = { x = \"off\" }\n";
        let errs = Config::parse(Path::new("repere.toml"), text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "\"\"");
    }

    #[test]
    fn reads_settings() {
        let text = "rules = [\"house\"]\nfail-on = \"warning\"\n[severity]\ntone = \"off\"\n[options.tone]\nx = 1\n[[overrides]]\nfiles = [\"content/guides-livres/**\"]\nseverity = { section-order = \"off\" }\n";
        let c = Config::parse(Path::new("/site/repere.toml"), text).unwrap();
        assert_eq!(c.settings.rules, ["house"]);
        assert_eq!(c.settings.fail_on, Some(FailOn::Warning));
        assert_eq!(c.settings.severity["tone"], Level::Off);
        assert_eq!(
            c.settings.overrides[0].severity["section-order"],
            Level::Off
        );
        assert_eq!(c.line(c.node(&["options", "tone"]).unwrap().span), 5);
        assert_eq!(c.dir(), Path::new("/site"));
    }

    #[test]
    fn relative_paths_going_up() {
        let base = Path::new("/site/ci");
        for (cwd, path) in [
            ("/site", "content/posts/a.md"),
            ("/site/content", "./posts/a.md"),
            ("/site/ci", "../content/posts/a.md"),
            ("/elsewhere", "/site/content/posts/a.md"),
        ] {
            assert_eq!(
                relative_up(Path::new(path), Path::new(cwd), base),
                Path::new("../content/posts/a.md"),
                "{cwd} {path}"
            );
        }
        assert_eq!(
            relative_up(Path::new("ci/x.md"), Path::new("/site"), base),
            Path::new("x.md")
        );
        assert_eq!(
            relative_up(Path::new("../x.md"), Path::new("/site"), Path::new("/site")),
            Path::new("../x.md")
        );
    }

    #[test]
    fn relative_paths() {
        let cwd = Path::new("/site/content");
        assert_eq!(
            relative(Path::new("./posts/a.md"), cwd, Path::new("/site")),
            Path::new("content/posts/a.md")
        );
        assert_eq!(
            relative(Path::new("../x.md"), cwd, Path::new("/site")),
            Path::new("x.md")
        );
        assert_eq!(
            relative(Path::new("/elsewhere/x.md"), cwd, Path::new("/site")),
            Path::new("/elsewhere/x.md")
        );
    }
}
