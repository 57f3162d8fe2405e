//! Rule packs: YAML files listing rules as data. The default packs in `rules/`
//! are embedded in the binary; user packs add to them, and a rule whose id is
//! already defined replaces the earlier definition.

pub mod files;
pub mod when;

use std::sync::Arc;

pub use files::FileFilter;
pub use when::When;

use crate::diagnostic::Level;
use crate::rules::{self, BuildError, Kind, Rule, did_you_mean, error_at};
use crate::span::Span;
use crate::yaml::{self, Node, Value, de};

/// The packs embedded in the binary, as (origin, text).
pub static DEFAULT_PACKS: &[(&str, &str)] = &[
    (
        "rules/front-matter.yaml",
        include_str!("../../rules/front-matter.yaml"),
    ),
    (
        "rules/duplicates.yaml",
        include_str!("../../rules/duplicates.yaml"),
    ),
];

/// The text of a pack and where it came from (a path, or `rules/x.yaml` for
/// an embedded one).
#[derive(Debug, Clone)]
pub struct PackSource {
    pub origin: String,
    pub text: Arc<str>,
}

impl PackSource {
    pub fn new(origin: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        PackSource {
            origin: origin.into(),
            text: text.into(),
        }
    }

    pub fn defaults() -> Vec<PackSource> {
        DEFAULT_PACKS
            .iter()
            .map(|(o, t)| PackSource::new(*o, *t))
            .collect()
    }
}

/// An error in a rule pack, pointing into it.
#[derive(Debug, Clone)]
pub struct PackError {
    pub origin: String,
    pub text: Arc<str>,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// A rule's settings from its pack entry.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    pub id: Arc<str>,
    pub kind: &'static str,
    pub level: Level,
    pub files: FileFilter,
    pub when: When,
    pub message: Option<String>,
    pub help: Option<String>,
    pub description: Option<String>,
    /// The pack that defined the rule.
    pub origin: String,
}

pub struct LoadedRule {
    pub meta: RuleMeta,
    pub rule: Box<dyn Rule>,
}

/// The rules in force for a run.
#[derive(Default)]
pub struct RuleSet {
    pub rules: Vec<LoadedRule>,
}

const COMMON_KEYS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "files",
    "when",
    "message",
    "help",
    "description",
];

impl RuleSet {
    /// Loads and validates the packs, in order. All errors are returned.
    pub fn load(packs: &[PackSource]) -> Result<RuleSet, Vec<PackError>> {
        let mut set = RuleSet::default();
        let mut errors = Vec::new();
        for pack in packs {
            let fail = |span: Span, message: String, help: Option<String>| PackError {
                origin: pack.origin.clone(),
                text: pack.text.clone(),
                span,
                message,
                help,
            };
            let parsed = match yaml::parse(&pack.text, 0) {
                Ok(p) => p,
                Err(e) => {
                    errors.push(fail(e.span, format!("invalid YAML: {}", e.message), None));
                    continue;
                }
            };
            for dup in &parsed.duplicate_keys {
                errors.push(fail(dup.span, format!("`{}` is set twice", dup.key), None));
            }
            let Some(root) = parsed.root else { continue };
            let entries = match &root.value {
                Value::Seq(items) => items.as_slice(),
                Value::Map(_) => match root.get("rules").and_then(Node::as_seq) {
                    Some(items) => {
                        for (k, _) in root.as_map().unwrap_or_default() {
                            let name = k.as_str().unwrap_or_default();
                            if !["rules", "name", "description"].contains(&name) {
                                errors.push(fail(k.span, format!("unknown pack key `{name}`"), Some("a pack has `rules`, and optionally `name` and `description`".into())));
                            }
                        }
                        items
                    }
                    None => {
                        errors.push(fail(
                            root.span,
                            "a pack is a list of rules (or a mapping with a `rules` list)".into(),
                            None,
                        ));
                        continue;
                    }
                },
                _ => {
                    errors.push(fail(
                        root.span,
                        format!("a pack is a list of rules; this is {}", root.type_name()),
                        None,
                    ));
                    continue;
                }
            };
            for entry in entries {
                match load_entry(entry, &pack.origin) {
                    Ok(rule) => {
                        set.rules.retain(|r| r.meta.id != rule.meta.id);
                        set.rules.push(rule);
                    }
                    Err(e) => errors.push(fail(e.span.unwrap_or(entry.span), e.message, None)),
                }
            }
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Keeps the rules matched by `select` (all when empty) and not by
    /// `ignore`. A selector matches a rule id equal to it or starting with it
    /// followed by `-`. Returns the selectors that match no rule.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Vec<String> {
        let unknown: Vec<String> = select
            .iter()
            .chain(ignore)
            .filter(|s| {
                !self.rules.iter().any(|r| selects(s, &r.meta.id))
                    && !BUILTIN_RULES.iter().any(|(id, _)| selects(s, id))
            })
            .cloned()
            .collect();
        self.rules.retain(|r| {
            (select.is_empty() || select.iter().any(|s| selects(s, &r.meta.id)))
                && !ignore.iter().any(|s| selects(s, &r.meta.id))
        });
        unknown
    }

    pub fn get(&self, id: &str) -> Option<&LoadedRule> {
        self.rules.iter().find(|r| &*r.meta.id == id)
    }
}

/// Diagnostics the engine itself reports, with their summaries.
pub static BUILTIN_RULES: &[(&str, &str)] = &[
    (
        "read-error",
        "A file could not be read (missing, unreadable, not a file)",
    ),
    (
        "encoding",
        "A file is not UTF-8 text (invalid bytes, or binary content)",
    ),
];

/// Whether the selector `sel` picks the rule `id`.
pub fn selects(sel: &str, id: &str) -> bool {
    id == sel
        || id
            .strip_prefix(sel)
            .is_some_and(|rest| rest.starts_with('-'))
}

fn load_entry(entry: &Node, origin: &str) -> Result<LoadedRule, BuildError> {
    let pairs = entry.as_map().ok_or_else(|| {
        error_at(
            entry,
            format!(
                "a rule is a mapping with `id`, `kind` and `severity`; this is {}",
                entry.type_name()
            ),
        )
    })?;
    let required = |key: &str| {
        entry
            .get(key)
            .ok_or_else(|| error_at(entry, format!("this rule has no `{key}`")))
    };
    let id_node = required("id")?;
    let id = id_node.as_str().unwrap_or_default();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(error_at(
            id_node,
            "a rule id is lowercase letters, digits and `-`",
        ));
    }
    if BUILTIN_RULES.iter().any(|(b, _)| *b == id) {
        return Err(error_at(
            id_node,
            format!("`{id}` is reserved for the engine's own diagnostics"),
        ));
    }
    let kind_node = required("kind")?;
    let kind_name = kind_node.as_str().unwrap_or_default();
    let kind: &Kind = rules::kind(kind_name).ok_or_else(|| {
        let names = rules::KINDS.iter().map(|k| k.name);
        let mut msg = format!("unknown rule kind `{kind_name}`");
        match did_you_mean(kind_name, names.clone()) {
            Some(s) => msg.push_str(&format!("; did you mean `{s}`?")),
            None => msg.push_str(&format!(
                "; known kinds: {}",
                names.collect::<Vec<_>>().join(", ")
            )),
        }
        error_at(kind_node, msg)
    })?;
    let level: Level = de::from_node(required("severity")?).map_err(|mut e| {
        e.message = "`severity` is one of error, warning, info, off".into();
        e
    })?;
    let text = |key: &str| -> Result<Option<String>, BuildError> {
        match entry.get(key) {
            None => Ok(None),
            Some(n) => n
                .as_str()
                .map(|s| Some(s.to_string()))
                .ok_or_else(|| error_at(n, format!("`{key}` takes a string"))),
        }
    };
    let files = match entry.get("files") {
        Some(n) => FileFilter::from_node(n)?,
        None => FileFilter::default(),
    };
    let when = match entry.get("when") {
        Some(n) => When::from_node(n)?,
        None => When::default(),
    };
    let options: Vec<(Node, Node)> = pairs
        .iter()
        .filter(|(k, _)| !k.as_str().is_some_and(|k| COMMON_KEYS.contains(&k)))
        .cloned()
        .collect();
    let options = Node::new(entry.span, Value::Map(options));
    let rule = (kind.build)(&options).map_err(|mut e| {
        if e.message.starts_with("unknown field") {
            e.message = format!(
                "{} (in a `{}` rule; common keys: {})",
                e.message,
                kind.name,
                COMMON_KEYS.join(", ")
            );
        }
        e
    })?;
    Ok(LoadedRule {
        meta: RuleMeta {
            id: Arc::from(id),
            kind: kind.name,
            level,
            files,
            when,
            message: text("message")?,
            help: text("help")?,
            description: text("description")?,
            origin: origin.to_string(),
        },
        rule,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<RuleSet, Vec<PackError>> {
        RuleSet::load(&[PackSource::new("test.yaml", text)])
    }

    #[test]
    fn default_packs_load() {
        let set =
            RuleSet::load(&PackSource::defaults()).unwrap_or_else(|e| panic!("{:?}", e[0].message));
        assert!(set.get("front-matter").is_some());
    }

    #[test]
    fn errors_point_into_the_pack() {
        let text = "- id: x\n  kind: front-matter\n  severity: error\n  colour: red\n";
        let errs = load(text).err().unwrap();
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "colour");
        let text = "- id: x\n  kind: frontmatter\n  severity: error\n";
        let errs = load(text).err().unwrap();
        assert!(
            errs[0].message.contains("did you mean `front-matter`"),
            "{}",
            errs[0].message
        );
        let text = "- id: x\n  kind: front-matter\n  severity: error\n  fields:\n    a: { pattern: '(' }\n";
        let errs = load(text).err().unwrap();
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "'('");
    }

    #[test]
    fn later_packs_replace_rules_by_id() {
        let a = PackSource::new("a.yaml", "- {id: x, kind: front-matter, severity: error}\n");
        let b = PackSource::new("b.yaml", "- {id: x, kind: front-matter, severity: off}\n");
        let set = RuleSet::load(&[a, b]).unwrap();
        assert_eq!(set.rules.len(), 1);
        assert_eq!(set.rules[0].meta.level, Level::Off);
    }

    #[test]
    fn selectors() {
        assert!(selects("front-matter", "front-matter-style"));
        assert!(!selects("front", "frontier"));
    }
}
