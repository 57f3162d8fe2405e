//! Rule packs: YAML files listing rules as data. The default packs in `rules/`
//! are embedded in the binary; user packs add to them, and a rule whose id is
//! already defined replaces the earlier definition.

pub mod files;
pub mod when;

use std::path::Path;
use std::sync::Arc;

pub use files::FileFilter;
pub use when::When;

use crate::config::Config;
use crate::diagnostic::Level;
use crate::rules::{self, BuildError, Kind, Rule, did_you_mean, error_at};
use crate::span::Span;
use crate::yaml::{self, Node, Value, de};

/// Declares the embedded packs once: their texts, and their trees parsed
/// when the binary was built (`build.rs`), in the same order.
macro_rules! embedded_packs {
    ($($name:literal),* $(,)?) => {
        /// The packs embedded in the binary, as (origin, text).
        pub static DEFAULT_PACKS: &[(&str, &str)] = &[$((
            concat!("rules/", $name, ".yaml"),
            include_str!(concat!("../../rules/", $name, ".yaml")),
        )),*];

        /// The trees of [`DEFAULT_PACKS`], in the binary form of
        /// [`yaml::snapshot`].
        static DEFAULT_TREES: &[&[u8]] =
            &[$(include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".tree"))),*];
    };
}

embedded_packs!(
    "front-matter",
    "sections",
    "tone",
    "links",
    "markup",
    "duplicates",
    "salary",
);

/// The text of a pack and where it came from (a path, or `rules/x.yaml` for
/// an embedded one).
#[derive(Debug, Clone)]
pub struct PackSource {
    pub origin: String,
    pub text: Arc<str>,
    /// The text already parsed, for an embedded pack: decoded instead of
    /// parsing the text again (the text parsed when it does not decode).
    pub tree: Option<&'static [u8]>,
    /// The folder the pack was read from with the others of that folder
    /// (`--rules DIR`), if it was: packs of one folder are read in name
    /// order, so one redefining another's rule is a slip, not a layering.
    pub folder: Option<Arc<str>>,
}

impl PackSource {
    pub fn new(origin: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        PackSource {
            origin: origin.into(),
            text: text.into(),
            tree: None,
            folder: None,
        }
    }

    pub fn defaults() -> Vec<PackSource> {
        DEFAULT_PACKS
            .iter()
            .zip(DEFAULT_TREES)
            .map(|((o, t), tree)| PackSource {
                tree: Some(*tree),
                ..PackSource::new(*o, *t)
            })
            .collect()
    }

    /// The pack's YAML, parsed.
    fn parse(&self) -> Result<yaml::Parsed, yaml::YamlError> {
        match self.tree.and_then(yaml::snapshot::decode) {
            Some(parsed) => Ok(parsed),
            None => yaml::parse(&self.text, 0),
        }
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
    /// The error is in the config file (or is that it cannot be read), not
    /// in a rule pack.
    pub config: bool,
}

impl PackError {
    /// How reports name the error: [`SETUP_RULES`]' `config` for the config
    /// file, else `rule-pack`.
    pub fn rule(&self) -> &'static Builtin {
        builtin(
            &SETUP_RULES,
            if self.config { "config" } else { "rule-pack" },
        )
    }
}

/// The rule of `rules` ([`BUILTIN_RULES`] or [`SETUP_RULES`]) with id `id`
/// (the first, should none have it).
pub fn builtin(rules: &'static [Builtin], id: &str) -> &'static Builtin {
    rules.iter().find(|b| b.id == id).unwrap_or(&rules[0])
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
    /// The pack that defined the rule, and its text.
    pub origin: String,
    pub pack_text: Arc<str>,
    /// Where the severity in force was set (a pack, or the config file and line).
    pub level_origin: String,
    /// Where the `site_root` option in force was set: the pack, or the
    /// config file and line of `site_root` in `[options.ID]`.
    pub site_root_origin: String,
    /// Snippets the rule must accept (`valid`) or flag (`invalid`).
    pub examples: Vec<Example>,
}

/// An example of a rule pack entry, run by `repere test-rules`.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub valid: bool,
    /// The file name the snippet is checked under (it decides which rules apply).
    pub name: String,
    pub text: String,
    /// For an invalid example: words one of the rule's messages must hold,
    /// so that the example fails when it is flagged for another reason.
    pub expect: Option<String>,
    /// Where the example is in the pack.
    pub span: Span,
}

/// The file name an example is checked under when it names none: a post.
pub const EXAMPLE_NAME: &str = "content/posts/2025-01-06-exemple.md";

fn examples(node: &Node) -> Result<Vec<Example>, BuildError> {
    let pairs = node
        .as_map()
        .ok_or_else(|| error_at(node, "`examples` has `valid` and `invalid` lists"))?;
    let mut out = Vec::new();
    for (k, v) in pairs {
        let valid = match k.as_str() {
            Some("valid") => true,
            Some("invalid") => false,
            other => {
                let hint = crate::typo::hint(
                    other.and_then(|key| did_you_mean(key, ["valid", "invalid"])),
                );
                return Err(error_at(
                    k,
                    format!("`examples` has `valid` and `invalid` lists{hint}"),
                ));
            }
        };
        for item in v
            .as_seq()
            .ok_or_else(|| error_at(v, "a list of examples"))?
        {
            let (name, text, expect) = match &item.value {
                Value::String(s, _) => (EXAMPLE_NAME.to_string(), s.clone(), None),
                Value::Map(_) => {
                    if let Some((bad, _)) = item
                        .as_map()
                        .unwrap_or_default()
                        .iter()
                        .find(|(k, _)| !matches!(k.as_str(), Some("text" | "name" | "expect")))
                    {
                        const KEYS: [&str; 3] = ["name", "text", "expect"];
                        let meant = crate::typo::hint(
                            bad.as_str().and_then(|b| crate::typo::meant_of(b, KEYS)),
                        );
                        return Err(error_at(
                            bad,
                            format!("an example has only `name`, `text` and `expect`{meant}"),
                        ));
                    }
                    let text = item
                        .get("text")
                        .and_then(Node::as_str)
                        .ok_or_else(|| error_at(item, "an example has a `text`"))?;
                    let name = item
                        .get("name")
                        .and_then(Node::as_str)
                        .unwrap_or(EXAMPLE_NAME);
                    let expect = match item.get("expect") {
                        None => None,
                        Some(e) if valid => {
                            return Err(error_at(
                                e,
                                "`expect` is for `invalid` examples: a valid one gives no finding",
                            ));
                        }
                        Some(e) => match e.as_str() {
                            // A block scalar's final newline is not words.
                            Some(words) if !words.trim().is_empty() => {
                                Some(words.trim().to_string())
                            }
                            _ => {
                                let this = if e.as_str().is_some() {
                                    "it is empty".to_string()
                                } else {
                                    format!("this is {}", e.type_name())
                                };
                                return Err(error_at(
                                    e,
                                    format!(
                                        "`expect` is words the finding's message must hold, in one string, e.g. `allowed:`; {this}"
                                    ),
                                ));
                            }
                        },
                    };
                    (name.to_string(), text.to_string(), expect)
                }
                _ => {
                    return Err(error_at(
                        item,
                        "an example is a string or a mapping with `name` and `text`",
                    ));
                }
            };
            out.push(Example {
                valid,
                name,
                text,
                expect,
                span: item.span,
            });
        }
    }
    Ok(out)
}

pub struct LoadedRule {
    pub meta: RuleMeta,
    pub rule: Box<dyn Rule>,
    /// The kind's options as written in the pack (for config overrides).
    pub options: Node,
    /// Config overrides for some files; the last one matching a file wins.
    pub variants: Vec<Variant>,
}

/// A rule as a config `[[overrides]]` block sets it for some files.
pub struct Variant {
    pub files: FileFilter,
    /// Where it is set: the block's number and `file:line`.
    pub origin: String,
    /// `None`: the block sets only options; the severity is the one an
    /// earlier block (or the rule) gives.
    pub level: Option<Level>,
    /// `None`: the rule's own options.
    pub rule: Option<Box<dyn Rule>>,
}

impl LoadedRule {
    /// The severity and rule in force for a file (`rel` is its path relative
    /// to the config file's folder); `None` when the rule is off there. Of
    /// the blocks matching the file, the last that sets a severity gives it,
    /// and the last that sets options gives them.
    pub fn for_path(
        &self,
        rel: &std::path::Path,
    ) -> Option<(crate::diagnostic::Severity, &dyn Rule)> {
        let mut level = None;
        let mut rule = None;
        for v in self.variants.iter().rev().filter(|v| v.files.matches(rel)) {
            level = level.or(v.level);
            rule = rule.or(v.rule.as_deref());
            if level.is_some() && rule.is_some() {
                break;
            }
        }
        Some((
            level.unwrap_or(self.meta.level).severity()?,
            rule.unwrap_or(self.rule.as_ref()),
        ))
    }
}

/// The rules in force for a run.
#[derive(Default)]
pub struct RuleSet {
    pub rules: Vec<LoadedRule>,
    /// Every rule id the packs define, selected or not.
    pub defined: Vec<Arc<str>>,
    /// The severities `[severity]` gives the engine's own diagnostics
    /// ([`BUILTIN_RULES`]), with where each was set; the others keep theirs.
    pub engine_levels: Vec<EngineLevel>,
}

/// The severity the config gives one of the engine's own diagnostics.
#[derive(Debug, Clone, PartialEq)]
pub struct EngineLevel {
    pub id: &'static str,
    pub level: Level,
    /// `file:line` of the `[severity]` key that set it.
    pub origin: String,
}

impl RuleSet {
    /// What the config sets for an engine diagnostic (the last key wins).
    fn engine_set(&self, builtin: &Builtin) -> Option<&EngineLevel> {
        self.engine_levels.iter().rev().find(|e| e.id == builtin.id)
    }

    /// The level of an engine diagnostic: the config's, else its own.
    pub fn engine_level(&self, builtin: &Builtin) -> Level {
        self.engine_set(builtin)
            .map_or(Level::from(builtin.severity), |e| e.level)
    }

    /// Where an engine diagnostic's level comes from: the config's
    /// `file:line`, else `repere` (its own).
    pub fn engine_origin(&self, builtin: &Builtin) -> &str {
        self.engine_set(builtin)
            .map_or("repere", |e| e.origin.as_str())
    }
}

const COMMON_KEYS: &[&str] = &[
    "examples",
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
                config: false,
            };
            let parsed = match pack.parse() {
                Ok(p) => p,
                Err(e) => {
                    errors.push(fail(e.span, format!("invalid YAML: {}", e.message), None));
                    continue;
                }
            };
            for dup in &parsed.duplicate_keys {
                errors.push(fail(dup.span, format!("`{}` is set twice", dup.key), None));
            }
            // The rules of a second document would be dropped without a word.
            if let Some(at) = parsed.next_document {
                errors.push(fail(
                    at,
                    "a pack is one YAML document; a second one starts here, and its rules would not be read".into(),
                    Some(
                        "put all the rules in one list, under one `---` at most, or split them into files \
                         (each named with `--rules`, or kept in a folder given as one)"
                            .into(),
                    ),
                ));
            }
            let Some(root) = parsed.root else { continue };
            let entries = match &root.value {
                Value::Seq(items) => items.as_slice(),
                Value::Map(_) => match root.get("rules").and_then(Node::as_seq) {
                    Some(items) => {
                        for (k, v) in root.as_map().unwrap_or_default() {
                            let name = k.as_str().unwrap_or_default();
                            const KEYS: [&str; 3] = ["rules", "name", "description"];
                            if !KEYS.contains(&name) {
                                let meant = crate::typo::hint(crate::typo::meant_of(name, KEYS));
                                errors.push(fail(k.span, format!("unknown pack key `{name}`{meant}"), Some("a pack has `rules`, and optionally `name` and `description`".into())));
                            } else if name != "rules" && v.as_str().is_none() {
                                errors.push(fail(
                                    v.span,
                                    format!("`{name}` takes a string; this is {}", v.type_name()),
                                    None,
                                ));
                            }
                        }
                        items
                    }
                    None => {
                        // A slip for `rules` (`rule:`), or `rules` that is not a list.
                        let slip = slip_for(root.as_map().unwrap_or_default(), "rules", &[]);
                        let (span, message) = match (root.get("rules"), slip) {
                            (Some(v), _) => (
                                v.span,
                                format!("`rules` is a list of rules; this is {}", v.type_name()),
                            ),
                            (None, Some(k)) => (
                                k.span,
                                format!(
                                    "a pack is a list of rules (or a mapping with a `rules` list): `{}` is not a pack key; did you mean `rules`?",
                                    k.as_str().unwrap_or_default()
                                ),
                            ),
                            (None, None) => (
                                root.span,
                                "a pack is a list of rules (or a mapping with a `rules` list)"
                                    .into(),
                            ),
                        };
                        errors.push(fail(span, message, None));
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
            // Ids defined so far in this pack: a second definition in the
            // same pack is a copy-paste slip, not a redefinition.
            let mut ids: Vec<(&str, Span)> = Vec::new();
            for entry in entries {
                if let Some(id_node) = entry.get("id")
                    && let Some(id) = id_node.as_str()
                {
                    if let Some((_, first)) = ids.iter().find(|(seen, _)| *seen == id) {
                        let line = pack.text[..first.start.min(pack.text.len())]
                            .matches('\n')
                            .count()
                            + 1;
                        // An alias (`- *r`) repeats the node it names, spans
                        // included: the copy's keys are at the same place, the
                        // alias itself (the entry's span) where it is written.
                        if *first == id_node.span {
                            errors.push(fail(
                                entry.span,
                                format!(
                                    "rule `{id}` is defined twice in this pack: this YAML alias repeats the rule of line {line}"
                                ),
                                Some(
                                    "remove the alias, or write the second rule out with an id of its own"
                                        .to_string(),
                                ),
                            ));
                            continue;
                        }
                        errors.push(fail(
                            id_node.span,
                            format!("rule `{id}` is defined twice in this pack"),
                            Some(format!(
                                "it is first defined on line {line}; give this rule another id, \
                                 or remove one of them (a later pack may redefine a rule)"
                            )),
                        ));
                        continue;
                    }
                    ids.push((id, id_node.span));
                }
                // A rule of another pack of the same folder: which one
                // wins would be decided by file names.
                let sibling = entry
                    .get("id")
                    .and_then(|n| Some((n, n.as_str()?)))
                    .and_then(|(n, id)| {
                        let earlier = set.rules.iter().find(|r| &*r.meta.id == id)?;
                        let other = packs.iter().find(|p| p.origin == earlier.meta.origin)?;
                        (pack.folder.is_some()
                            && other.folder == pack.folder
                            && other.origin != pack.origin)
                            .then_some((n, id, other))
                    });
                if let Some((id_node, id, other)) = sibling {
                    errors.push(fail(
                        id_node.span,
                        format!(
                            "rule `{id}` is also defined in `{}`, a pack of the same folder",
                            other.origin
                        ),
                        Some(
                            "the packs of a folder are read in name order, so this one would replace it without a word; \
                             give one of them another id, or name the pack that redefines it with its own `--rules` (or `rules` entry) after the folder"
                                .to_string(),
                        ),
                    ));
                    continue;
                }
                match load_entry(entry, pack) {
                    Ok(rule) => {
                        set.rules.retain(|r| r.meta.id != rule.meta.id);
                        set.rules.push(rule);
                    }
                    Err(e) => {
                        // Redefining an earlier rule to tune it: say where
                        // tuning is done.
                        let earlier = entry
                            .get("id")
                            .and_then(Node::as_str)
                            .filter(|id| set.rules.iter().any(|r| &*r.meta.id == *id));
                        let help = earlier.map(|id| {
                            format!(
                                "a rule with id `{id}` replaces the earlier `{id}` whole (kind, severity, options); \
                                 to change only its severity or options, set `[severity]` or \
                                 `[options.{id}]` in repere.toml"
                            )
                        });
                        // A key written twice is said above, at its place.
                        let said_twice = |m: &str| {
                            !parsed.duplicate_keys.is_empty() && m.starts_with("duplicate field `")
                        };
                        for e in e.into_iter().filter(|e| !said_twice(&e.message)) {
                            errors.push(fail(
                                e.span.unwrap_or(entry.span),
                                e.message,
                                help.clone(),
                            ));
                        }
                    }
                }
            }
        }
        set.defined = set.rules.iter().map(|r| r.meta.id.clone()).collect();
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(errors)
        }
    }

    /// Keeps the rules matched by `select` (all when empty) and not by
    /// `ignore`. A selector matches a rule id equal to it or starting with it
    /// followed by `-`. Returns the selectors that match no rule, each with
    /// the id it may be a slip for (among the rules and the engine's own
    /// diagnostics, before any is left out).
    pub fn select(
        &mut self,
        select: &[String],
        ignore: &[String],
    ) -> Vec<(String, Option<String>)> {
        let ids = || {
            self.rules
                .iter()
                .map(|r| &*r.meta.id)
                .chain(BUILTIN_RULES.iter().map(|b| b.id))
        };
        let unknown: Vec<(String, Option<String>)> = select
            .iter()
            .chain(ignore)
            .filter(|s| !ids().any(|id| selects(s, id)))
            .map(|s| (s.clone(), did_you_mean(s, ids()).map(str::to_string)))
            .collect();
        self.rules.retain(|r| {
            (select.is_empty() || select.iter().any(|s| selects(s, &r.meta.id)))
                && !ignore.iter().any(|s| selects(s, &r.meta.id))
        });
        unknown
    }

    /// The rules `select` names that are off for every file (set `off` by a
    /// pack or the config, with no override turning them on), each with the
    /// selector that names it and where it was set off: selecting a rule
    /// does not change its severity. A rule is named when the selector is
    /// its id, or when every rule the selector matches is off (a family
    /// with some rules off on purpose is not worth a warning at each run).
    pub fn idle(&self, select: &[String]) -> Vec<(String, String, String)> {
        let mut out: Vec<(String, String, String)> = Vec::new();
        for s in select {
            let off = |r: &LoadedRule| {
                r.meta.level == Level::Off
                    && r.variants
                        .iter()
                        .all(|v| v.level.is_none_or(|l| l == Level::Off))
            };
            let rules: Vec<(String, String, bool)> = self
                .rules
                .iter()
                .filter(|r| selects(s, &r.meta.id))
                .map(|r| (r.meta.id.to_string(), r.meta.level_origin.clone(), off(r)))
                .chain(BUILTIN_RULES.iter().filter(|b| selects(s, b.id)).map(|b| {
                    let level = self.engine_level(b);
                    (
                        b.id.to_string(),
                        self.engine_origin(b).to_string(),
                        level == Level::Off,
                    )
                }))
                .collect();
            let all_off = rules.iter().all(|(_, _, off)| *off);
            for (id, origin, off) in rules {
                let named = all_off || id == *s;
                if off && named && !out.iter().any(|(_, seen, _)| *seen == id) {
                    out.push((s.clone(), id, origin));
                }
            }
        }
        out
    }

    pub fn get(&self, id: &str) -> Option<&LoadedRule> {
        self.rules.iter().find(|r| &*r.meta.id == id)
    }

    /// Applies a config file's `severity`, `options` and `[[overrides]]`.
    pub fn configure(&mut self, config: &Config) -> Result<(), Vec<PackError>> {
        let mut errors = Vec::new();
        let s = &config.settings;
        let here = |span: Span| format!("{}:{}", config.path.display(), config.line(span));
        // In key order a selector comes before the longer ones it covers
        // (`front-matter` before `front-matter-style`): the most specific
        // is applied last, and wins.
        for (id, level) in &s.severity {
            let node = config.node(&["severity", id]).unwrap_or(&config.root);
            let hits = self.selected(id);
            let engine: Vec<&Builtin> =
                BUILTIN_RULES.iter().filter(|b| selects(id, b.id)).collect();
            if hits.is_empty() && engine.is_empty() {
                errors.push(self.unknown_rule(
                    config,
                    id,
                    config.key(&["severity", id]).unwrap_or(node),
                ));
            }
            for i in hits {
                self.rules[i].meta.level = *level;
                self.rules[i].meta.level_origin = here(node.span);
            }
            for b in engine {
                self.engine_levels.push(EngineLevel {
                    id: b.id,
                    level: *level,
                    origin: here(node.span),
                });
            }
        }
        for id in s.options.keys() {
            let Some(over) = config.node(&["options", id]) else {
                continue;
            };
            let hits = self.matching(id);
            if hits.is_empty() {
                let key = config.key(&["options", id]).unwrap_or(over);
                errors.push(self.unknown_rule(config, id, key));
            }
            let over = &with_config_paths(over, &config.dir());
            for i in hits {
                let merged = crate::config::merge(&self.rules[i].options, over);
                match self.rebuild(i, &merged, over, config) {
                    Ok(rule) => {
                        self.rules[i].rule = rule;
                        self.rules[i].options = merged;
                        if let Some(root) = over.get(SITE_WIDE) {
                            self.rules[i].meta.site_root_origin = here(root.span);
                        }
                    }
                    Err(e) => errors.push(e),
                }
            }
        }
        let blocks = config
            .node(&["overrides"])
            .and_then(Node::as_seq)
            .unwrap_or_default();
        for (n, (block, node)) in s.overrides.iter().zip(blocks).enumerate() {
            let origin = format!("[[overrides]] block {} ({})", n + 1, here(node.span));
            // A block for no file would never apply: said, as an empty glob is.
            if block.files.is_empty()
                && let Some(f) = node.get("files")
            {
                errors.push(
                    config.error(
                        f.span,
                        "`files` is empty: this block applies to no file".to_string(),
                        Some(
                            "name the files it is for, e.g. `files = [\"content/guides/**\"]`"
                                .to_string(),
                        ),
                    ),
                );
                continue;
            }
            let files = match node.get("files").map(|f| config.filter(f)) {
                Some(Ok(f)) => f,
                Some(Err(e)) => {
                    errors.push(e);
                    continue;
                }
                None => continue,
            };
            // Per rule, the block's most specific severity selector (as in
            // `[severity]`) and its options (as in `[options]`): one variant.
            let mut levels: Vec<Option<Level>> = vec![None; self.rules.len()];
            let mut options: Vec<Option<&Node>> = vec![None; self.rules.len()];
            for (table, exact) in [("severity", false), ("options", true)] {
                let Some(entries) = node.get(table).and_then(Node::as_map) else {
                    continue;
                };
                // Shorter selectors first, so that the most specific wins.
                let mut entries: Vec<(&str, &Node, &Node)> = entries
                    .iter()
                    .filter_map(|(k, v)| Some((k.as_str()?, k, v)))
                    .collect();
                entries.sort_by_key(|(id, _, _)| *id);
                for (id, key, over) in entries {
                    if let (true, Some(root)) = (exact, over.get(SITE_WIDE)) {
                        errors.push(config.error(
                            root.span,
                            format!(
                                "`{SITE_WIDE}` names the site of the whole run, not of some files"
                            ),
                            Some(format!(
                                "set it in `[options.{id}]`, outside `[[overrides]]`"
                            )),
                        ));
                        continue;
                    }
                    let hits = if exact {
                        self.matching(id)
                    } else {
                        self.selected(id)
                    };
                    if hits.is_empty() {
                        errors.push(self.unknown_rule(config, id, key));
                    }
                    for i in hits {
                        if exact {
                            options[i] = Some(over);
                        } else if let Some(level) = block.severity.get(id) {
                            levels[i] = Some(*level);
                        }
                    }
                }
            }
            for i in 0..self.rules.len() {
                if levels[i].is_none() && options[i].is_none() {
                    continue;
                }
                let rule = match options[i] {
                    None => None,
                    Some(over) => {
                        let merged = crate::config::merge(&self.rules[i].options, over);
                        match self.rebuild(i, &merged, over, config) {
                            // Files with other options than those they are
                            // compared with: whose would apply?
                            Ok(rule)
                                if rule.cross_file_only()
                                    || self.rules[i].rule.cross_file_only() =>
                            {
                                let id = &self.rules[i].meta.id;
                                errors.push(config.error(
                                    over.span,
                                    format!(
                                        "`{id}` compares files with each other: its options cannot differ from file to file"
                                    ),
                                    Some(format!(
                                        "set them in `[options.{id}]`, outside `[[overrides]]`; an override may still set its severity"
                                    )),
                                ));
                                continue;
                            }
                            Ok(rule) => Some(rule),
                            Err(e) => {
                                errors.push(e);
                                continue;
                            }
                        }
                    }
                };
                let level = levels[i];
                self.rules[i].variants.push(Variant {
                    files: files.clone(),
                    origin: origin.clone(),
                    level,
                    rule,
                });
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            // In the order of the config file (its tables are read by key),
            // then those located in a pack.
            let origin = config.path.display().to_string();
            errors.sort_by_key(|e| (e.origin != origin, e.span.start));
            Err(errors)
        }
    }

    /// The rules a selector sets a severity for: its id and the ids that
    /// extend it (`front-matter` covers `front-matter-style`).
    fn selected(&self, selector: &str) -> Vec<usize> {
        self.rules
            .iter()
            .enumerate()
            .filter(|(_, r)| selects(selector, &r.meta.id))
            .map(|(i, _)| i)
            .collect()
    }

    /// The rule a key of `[options]` applies to: the rule with that id only
    /// (options fit one rule's kind; a key is not a selector there).
    fn matching(&self, id: &str) -> Vec<usize> {
        self.rules
            .iter()
            .enumerate()
            .filter(|(_, r)| &*r.meta.id == id)
            .map(|(i, _)| i)
            .collect()
    }

    fn unknown_rule(&self, config: &Config, id: &str, node: &Node) -> PackError {
        // `repere rules` lists the engine's own diagnostics too (only
        // `[severity]` sets them, for every file): say so, and how.
        if let Some(b) = BUILTIN_RULES.iter().find(|b| selects(id, b.id)) {
            return config.error(
                node.span,
                format!(
                    "`{}` is reported by the engine, not by a rule pack: it has no options, and its severity is set for every file, in `[severity]`",
                    b.id
                ),
                Some(format!(
                    "set its severity in `[severity]` (`{} = \"off\"` leaves it out), or use `repere check --ignore {}`",
                    b.id, b.id
                )),
            );
        }
        let covered: Vec<String> = self
            .selected(id)
            .into_iter()
            .map(|i| format!("`{}`", self.rules[i].meta.id))
            .collect();
        // A rule of the embedded packs, which were left out.
        let embedded = covered.is_empty()
            && RuleSet::load(&PackSource::defaults())
                .is_ok_and(|set| set.rules.iter().any(|r| selects(id, &r.meta.id)));
        if embedded {
            return config.error(
                node.span,
                format!("no rule `{id}` is defined: it is a rule of the embedded packs, which this run leaves out"),
                Some(
                    "`--no-default-rules`, or `use-default-rules = false` in the config, leaves them out; \
                     drop this key, or keep the embedded packs"
                        .into(),
                ),
            );
        }
        let hint = if covered.is_empty() {
            did_you_mean(id, self.rules.iter().map(|r| &*r.meta.id))
                .map(|s| format!("did you mean `{s}`?"))
        } else {
            // Only an `[options]` key can get here with rules it selects.
            Some(format!(
                "options apply to the rule with that id only; name each rule: {}",
                covered.join(", ")
            ))
        };
        config.error(
            node.span,
            format!("no rule `{id}` is defined (see `repere rules`)"),
            hint,
        )
    }

    /// Builds rule `i` again with `options`, the pack entry's merged with
    /// `over`, the config's; an error is the config's (the pack built
    /// alone), at the offending node when the config has it and at `over`
    /// otherwise, naming the pack's line.
    fn rebuild(
        &self,
        i: usize,
        options: &Node,
        over: &Node,
        config: &Config,
    ) -> Result<Box<dyn Rule>, PackError> {
        let meta = &self.rules[i].meta;
        // A key of the pack entry, not an option: say where it goes.
        let entry_key = options
            .as_map()
            .unwrap_or_default()
            .iter()
            .find_map(|(k, _)| {
                let key = k.as_str().filter(|k| COMMON_KEYS.contains(k))?;
                (k.span.start >= crate::config::CONFIG_BASE).then_some((key, k.span))
            });
        if let Some((key, span)) = entry_key {
            let help = match key {
                "severity" => format!(
                    "set it in `[severity]` (`{} = \"off\"`), or in an `[[overrides]]` block's `severity` for some files",
                    meta.id
                ),
                "files" => "choose the files with `include`/`exclude`, or an `[[overrides]]` block's `files`".to_string(),
                _ => format!(
                    "`{key}` is set in the rule pack: redefine the rule in a pack of your own (`rules = [\"my-rules.yaml\"]`) to change it"
                ),
            };
            return Err(config.error(
                span,
                format!("`{key}` is a key of the rule's pack entry, not one of its options"),
                Some(help),
            ));
        }
        let kind = rules::kind(meta.kind)
            .ok_or_else(|| config.error(options.span, "unknown kind", None))?;
        build(kind, options).map_err(|e| {
            let span = e.span.unwrap_or(options.span);
            if span.start >= crate::config::CONFIG_BASE {
                config.error(span, e.message, None)
            } else {
                let text = &meta.pack_text;
                let line = 1 + text[..span.start.min(text.len())].matches('\n').count();
                config.error(
                    over.span,
                    e.message,
                    Some(format!(
                        "these options and the rule's pack entry (`{}`, line {line}) disagree: change the options, or redefine the rule in a pack of your own",
                        meta.origin
                    )),
                )
            }
        })
    }
}

/// A diagnostic the engine itself reports (not defined by a pack).
pub struct Builtin {
    pub id: &'static str,
    pub severity: crate::diagnostic::Severity,
    pub summary: &'static str,
}

/// Diagnostics the engine itself reports.
pub static BUILTIN_RULES: &[Builtin] = &[
    Builtin {
        id: "read-error",
        severity: crate::diagnostic::Severity::Error,
        summary: "A file could not be read (missing, unreadable, not a file, too large)",
    },
    Builtin {
        id: "encoding",
        severity: crate::diagnostic::Severity::Error,
        summary: "A file is not UTF-8 text (invalid bytes, or binary content)",
    },
    Builtin {
        id: "unused-suppression",
        severity: crate::diagnostic::Severity::Warning,
        summary: "A repere-disable comment that suppresses nothing, or names an unknown rule",
    },
];

/// The errors in the config file or a rule pack, which stop a run before
/// any file is checked; `repere check` writes them in its report
/// ([`crate::engine::Report::of_setup_errors`]).
pub static SETUP_RULES: [Builtin; 2] = [
    Builtin {
        id: "config",
        severity: crate::diagnostic::Severity::Error,
        summary: "An error in the config file, or a baseline that cannot be used, which stopped the run before any file was checked",
    },
    Builtin {
        id: "rule-pack",
        severity: crate::diagnostic::Severity::Error,
        summary: "An error in a rule pack, which stopped the run before any file was checked",
    },
];

/// The ids no rule may have: those of the engine's own diagnostics
/// ([`BUILTIN_RULES`]) and of the errors that stop a run ([`SETUP_RULES`]).
pub fn reserved_ids() -> impl Iterator<Item = &'static str> {
    BUILTIN_RULES.iter().chain(&SETUP_RULES).map(|b| b.id)
}

/// Whether the selector `sel` picks the rule `id`.
pub fn selects(sel: &str, id: &str) -> bool {
    id == sel
        || id
            .strip_prefix(sel)
            .is_some_and(|rest| rest.starts_with('-'))
}

/// The key of `pairs` that is a slip for the missing `key` (`sevrity`,
/// `rule:`), other than `key` itself and the keys of `known`.
fn slip_for<'a>(pairs: &'a [(Node, Node)], key: &str, known: &[&str]) -> Option<&'a Node> {
    pairs.iter().map(|(k, _)| k).find(|k| {
        k.as_str()
            .is_some_and(|k| k != key && !known.contains(&k) && rules::typo_of(k, [key]).is_some())
    })
}

/// Loads one rule entry of a pack. Its parts are checked independently,
/// so that every mistake of the entry is reported at once: the `id`, the
/// `kind`, the `severity`, the keys every rule has, and the kind's options
/// (of which the first mistake, as serde stops there).
fn load_entry(entry: &Node, pack: &PackSource) -> Result<LoadedRule, Vec<BuildError>> {
    let origin = pack.origin.as_str();
    let pairs = entry.as_map().ok_or_else(|| {
        vec![error_at(
            entry,
            format!(
                "a rule is a mapping with `id`, `kind` and `severity`; this is {}",
                entry.type_name()
            ),
        )]
    })?;
    let mut errors = Vec::new();
    let required = |key: &str| {
        entry.get(key).ok_or_else(|| {
            // A slip for the key (`sevrity`) is pointed at.
            match slip_for(pairs, key, COMMON_KEYS) {
                Some(k) => error_at(
                    k,
                    format!(
                        "this rule has no `{key}`: `{}` is not a key; did you mean `{key}`?",
                        k.as_str().unwrap_or_default()
                    ),
                ),
                None => error_at(entry, format!("this rule has no `{key}`")),
            }
        })
    };
    let id = required("id").and_then(|id_node| {
        let id = id_node.as_str().unwrap_or_default();
        // Words joined by single `-`: a selector picks the ids that extend
        // it after a `-` (`front-matter` picks `front-matter-style`), which
        // `-`, `tone-` or `a--b` would make ambiguous.
        if id
            .split('-')
            .any(|word| word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
        {
            return Err(error_at(
                id_node,
                "a rule id is words of lowercase letters and digits joined by single `-` (`tone`, `front-matter-style`)",
            ));
        }
        // Reports name the engine's diagnostics, and the errors in the
        // config or a pack, by these ids: a rule of the same id would be
        // taken for one of them.
        if reserved_ids().any(|reserved| reserved == id) {
            return Err(error_at(
                id_node,
                format!("`{id}` is reserved for the engine's own diagnostics"),
            ));
        }
        Ok(id)
    });
    let kind = required("kind").and_then(|kind_node| {
        let kind_name = kind_node.as_str().unwrap_or_default();
        rules::kind(kind_name).ok_or_else(|| {
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
        })
    });
    let level = required("severity").and_then(|node| {
        de::from_node::<Level>(node).map_err(|mut e| {
            const LEVELS: [&str; 4] = ["error", "warning", "info", "off"];
            e.message = "`severity` is one of error, warning, info, off".into();
            // A slip, or the start of one (`warn`, as other linters write it).
            let meant = node.as_str().and_then(|s| crate::typo::meant_of(s, LEVELS));
            e.message.push_str(&crate::typo::hint(meant));
            e
        })
    });
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
        None => Ok(FileFilter::default()),
        // No pattern: whether every file or none was meant is not said.
        Some(f) if f.as_seq().is_some_and(<[Node]>::is_empty) => Err(error_at(
            f,
            "`files` is an empty list, which says neither every file nor none; leave `files` out to check every file, list the files meant, or set the rule `off`",
        )),
        Some(f) => FileFilter::from_node(f),
    };
    let when = entry
        .get("when")
        .map_or_else(|| Ok(When::default()), When::from_node);
    let message = text("message").and_then(|t| placeholders(entry, "message", t));
    let help = text("help").and_then(|t| placeholders(entry, "help", t));
    let description = text("description");
    let examples = entry
        .get("examples")
        .map_or_else(|| Ok(Vec::new()), examples);
    let rule = kind.as_ref().ok().map(|kind| {
        let options: Vec<(Node, Node)> = pairs
            .iter()
            .filter(|(k, _)| !k.as_str().is_some_and(|k| COMMON_KEYS.contains(&k)))
            .cloned()
            .collect();
        let options = Node::new(entry.span, Value::Map(options));
        build(kind, &options).map(|rule| (rule, options))
    });
    /// The value of a part, its error kept for the report.
    fn ok<T>(errors: &mut Vec<BuildError>, part: Result<T, BuildError>) -> Option<T> {
        part.map_err(|e| errors.push(e)).ok()
    }
    let e = &mut errors;
    let parts = (
        ok(e, id.map(|id| id.to_string())),
        ok(e, kind.map(|k| k.name)),
        ok(e, level),
        ok(e, files),
        ok(e, when),
        ok(e, message),
        ok(e, help),
        ok(e, description),
        ok(e, examples),
        rule.and_then(|r| ok(e, r)),
    );
    let (
        Some(id),
        Some(kind),
        Some(level),
        Some(files),
        Some(when),
        Some(message),
        Some(help),
        Some(description),
        Some(examples),
        Some((rule, options)),
    ) = parts
    else {
        // In the order of the entry's text. A slip for a key every rule has
        // (`sevrity`) is also an unknown option of the kind: said once.
        errors.sort_by_key(|e| e.span.map(|s| s.start));
        errors.dedup_by(|later, first| {
            later.span == first.span && later.message.starts_with("unknown field")
        });
        return Err(errors);
    };
    Ok(LoadedRule {
        meta: RuleMeta {
            id: Arc::from(id),
            kind,
            level,
            files,
            when,
            message,
            help,
            description,
            origin: origin.to_string(),
            pack_text: pack.text.clone(),
            level_origin: origin.to_string(),
            site_root_origin: origin.to_string(),
            examples,
        },
        rule,
        options,
        variants: Vec::new(),
    })
}

/// A `message` or `help` whose placeholders are `{message}` and `{help}`
/// (the rule's own): another placeholder is refused rather than printed as
/// written. Other braces are text.
fn placeholders(
    entry: &Node,
    key: &str,
    value: Option<String>,
) -> Result<Option<String>, BuildError> {
    let Some(text) = &value else {
        return Ok(value);
    };
    if key == "message" && text.trim().is_empty() {
        return Err(error_at(
            entry.get(key).unwrap_or(entry),
            "`message` is empty: the finding would state nothing; leave `message` out to keep the rule's own",
        ));
    }
    if let Some(error) = rules::unknown_placeholder(
        text,
        &["message", "help"],
        &format!("`{key}`"),
        "`{message}` and `{help}` are the rule's own",
    ) {
        return Err(error_at(entry.get(key).unwrap_or(entry), error));
    }
    Ok(value)
}

/// Builds a rule of `kind` from its options.
pub fn build(kind: &Kind, options: &Node) -> Result<Box<dyn Rule>, BuildError> {
    (kind.build)(options).map_err(|mut e| {
        // An unknown key of a pack entry (not of a nested mapping, nor of a
        // config's `[options.ID]`, where the keys every rule has are
        // refused): it may be one of those keys, misspelt.
        let top_level = e
            .span
            .filter(|s| s.start < crate::config::CONFIG_BASE)
            .and_then(|s| {
                options
                    .as_map()?
                    .iter()
                    .find(|(k, _)| k.span == s)?
                    .0
                    .as_str()
            });
        if let Some(key) = top_level.filter(|_| e.message.starts_with("unknown field")) {
            if !e.message.contains("did you mean")
                && let Some(meant) = rules::typo_of(key, COMMON_KEYS.iter().copied())
            {
                e.message = e.message.replacen(
                    &format!("unknown field `{key}`"),
                    &format!("unknown field `{key}`; did you mean `{meant}`?"),
                    1,
                );
            }
            e.message = format!(
                "{} (options of a `{}` rule; the keys every rule has: {})",
                e.message,
                kind.name,
                COMMON_KEYS.join(", ")
            );
        }
        e
    })
}

/// The option that names a folder (the site's root), relative to the file
/// that sets it, and for the whole run.
const SITE_WIDE: &str = "site_root";

/// A config's `[options.ID]` table with a relative `site_root` resolved
/// against the config's folder `dir` (made absolute, so that nothing
/// resolves it again against a pack's folder).
fn with_config_paths(over: &Node, dir: &Path) -> Node {
    let Some(pairs) = over.as_map() else {
        return over.clone();
    };
    let pairs = pairs
        .iter()
        .map(|(k, v)| match (k.as_str(), v.as_str()) {
            (Some(SITE_WIDE), Some(root)) if Path::new(root).is_relative() => (
                k.clone(),
                Node::new(
                    v.span,
                    crate::yaml::Value::String(
                        std::path::absolute(dir.join(root))
                            .unwrap_or_else(|_| dir.join(root))
                            .to_string_lossy()
                            .into_owned(),
                        true,
                    ),
                ),
            ),
            _ => (k.clone(), v.clone()),
        })
        .collect();
    Node::new(over.span, crate::yaml::Value::Map(pairs))
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
    fn embedded_trees_are_the_parsed_packs() {
        for pack in PackSource::defaults() {
            let tree = yaml::snapshot::decode(pack.tree.unwrap_or_default());
            let parsed = yaml::parse(&pack.text, 0).unwrap();
            assert_eq!(tree, Some(parsed), "{}", pack.origin);
        }
    }

    #[test]
    fn a_tree_that_does_not_decode_falls_back_to_the_text() {
        let pack = PackSource {
            tree: Some(b"not a tree"),
            ..PackSource::new("a.yaml", "- {id: x, kind: front-matter, severity: error}\n")
        };
        let set = RuleSet::load(&[pack]).unwrap();
        assert!(set.get("x").is_some());
    }

    #[test]
    fn every_mistake_of_an_entry_is_reported_in_its_order() {
        let text = "- id: Bad_Id\n  kind: phrase\n  severity: eror\n  description: 3\n  \
                    files: 4\n  phrases: 5\n";
        let errs = load(text).err().unwrap();
        let at: Vec<&str> = errs
            .iter()
            .map(|e| &text[e.span.start..e.span.end])
            .collect();
        assert_eq!(at, ["Bad_Id", "eror", "3", "4", "5"]);
        assert!(
            errs[1].message.ends_with("did you mean `error`?"),
            "{}",
            errs[1].message
        );
        // Two keys missing: both said, at the entry.
        let text = "- kind: phrase\n  phrases: [{words: [a]}]\n";
        let errs = load(text).err().unwrap();
        let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            ["this rule has no `id`", "this rule has no `severity`"]
        );
        // A rule without a known kind: its other keys are still checked.
        let text = "- id: x\n  kind: phrasse\n  severity: loud\n";
        let errs = load(text).err().unwrap();
        let at: Vec<&str> = errs
            .iter()
            .map(|e| &text[e.span.start..e.span.end])
            .collect();
        assert_eq!(at, ["phrasse", "loud"]);
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
    fn errors_come_pack_by_pack_in_their_order() {
        let a = PackSource::new(
            "a.yaml",
            "- {id: x, kind: nope, severity: error}\n- {id: y, kind: front-matter, severity: loud}\n",
        );
        let b = PackSource::new("b.yaml", "rules: []\ncolour: red\n");
        let c = PackSource::new("c.yaml", "- {id: z, kind: front-matter}\n- [");
        let errs = RuleSet::load(&[a, b, c]).err().unwrap();
        let seen: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.origin.as_str(), &e.text[e.span.start..e.span.end]))
            .collect();
        assert_eq!(
            seen,
            [
                ("a.yaml", "nope"),
                ("a.yaml", "loud"),
                ("b.yaml", "colour"),
                ("c.yaml", "")
            ]
        );
    }

    #[test]
    fn a_severity_selector_covers_the_ids_that_extend_it_and_the_most_specific_wins() {
        let pack = PackSource::new(
            "a.yaml",
            "- {id: fm, kind: front-matter, severity: error}\n\
             - {id: fm-style, kind: front-matter, severity: warning}\n\
             - {id: fmx, kind: front-matter, severity: warning}\n",
        );
        let level = |set: &RuleSet, id: &str, path: &str| {
            set.get(id)
                .unwrap()
                .for_path(std::path::Path::new(path))
                .map(|(severity, _)| severity)
        };
        let mut set = RuleSet::load(std::slice::from_ref(&pack)).unwrap();
        let config = Config::parse(
            std::path::Path::new("repere.toml"),
            "[severity]\nfm = \"info\"\n\n\
             [[overrides]]\nfiles = [\"drafts/**\"]\n\
             severity = { fm-style = \"error\", fm = \"off\" }\n\
             options = { fm = { syntax = false } }\n\n\
             [[overrides]]\nfiles = [\"old/**\"]\nseverity = { fm = \"off\" }\n\n\
             [[overrides]]\nfiles = [\"**\"]\noptions = { fm-style = { syntax = false } }\n",
        )
        .unwrap();
        set.configure(&config).unwrap();
        use crate::diagnostic::Severity::*;
        // `fm` sets `fm-style` too; `fmx` does not extend `fm`.
        assert_eq!(level(&set, "fm", "a.md"), Some(Info));
        assert_eq!(level(&set, "fm-style", "a.md"), Some(Info));
        assert_eq!(level(&set, "fmx", "a.md"), Some(Warning));
        assert_eq!(level(&set, "fm-style", "old/a.md"), None);
        // The more specific `fm-style` wins over `fm`, whichever comes
        // first; the block's options go to `fm` only.
        assert_eq!(level(&set, "fm", "drafts/a.md"), None);
        assert_eq!(level(&set, "fm-style", "drafts/a.md"), Some(Error));
        assert_eq!(level(&set, "fmx", "drafts/a.md"), Some(Warning));
        assert!(set.get("fm").unwrap().variants[0].rule.is_some());
        assert!(set.get("fm-style").unwrap().variants[0].rule.is_none());
        assert!(set.get("fmx").unwrap().variants.is_empty());
        // The last block sets only options for `fm-style` everywhere: the
        // severities the blocks before give stay.
        let style = set.get("fm-style").unwrap();
        assert_eq!(style.variants.len(), 3);
        assert!(style.variants[2].level.is_none() && style.variants[2].rule.is_some());
    }

    #[test]
    fn an_options_key_applies_to_the_rule_with_that_id_only() {
        let pack = PackSource::new(
            "a.yaml",
            "- {id: fm-a, kind: front-matter, severity: error}\n\
             - {id: fm-b, kind: front-matter, severity: warning}\n",
        );
        for text in [
            "[options.fm]\nsyntax = false\n",
            "[[overrides]]\nfiles = [\"**\"]\noptions = { fm = { syntax = false } }\n",
        ] {
            let mut set = RuleSet::load(std::slice::from_ref(&pack)).unwrap();
            let config = Config::parse(std::path::Path::new("repere.toml"), text).unwrap();
            let errs = set.configure(&config).err().unwrap_or_default();
            assert_eq!(errs.len(), 1, "{text}");
            assert_eq!(&errs[0].text[errs[0].span.start..errs[0].span.end], "fm");
            assert!(
                errs[0].message.contains("no rule `fm`"),
                "{}",
                errs[0].message
            );
            let help = errs[0].help.as_deref().unwrap_or_default();
            assert!(help.contains("`fm-a`, `fm-b`"), "{help}");
        }
    }

    /// A cross-file rule compares files with each other: an override may
    /// set its severity for some files, not its options.
    #[test]
    fn a_cross_file_rule_s_options_do_not_differ_by_file() {
        let pack = "- {id: dup, kind: duplicates, severity: warning, scope: corpus}\n\
                    - {id: dup-here, kind: duplicates, severity: warning}\n";
        let configure = |text: &str| {
            let mut set = load(pack).unwrap();
            let config = Config::parse(std::path::Path::new("repere.toml"), text).unwrap();
            set.configure(&config).err().unwrap_or_default()
        };
        let errs =
            configure("[[overrides]]\nfiles = [\"b.md\"]\noptions = { dup = { shingle = 1 } }\n");
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            &errs[0].text[errs[0].span.start..errs[0].span.end],
            "{ shingle = 1 }"
        );
        assert!(
            errs[0].message.contains("cannot differ from file to file"),
            "{}",
            errs[0].message
        );
        for fine in [
            "[options.dup]\nshingle = 1\n",
            "[[overrides]]\nfiles = [\"b.md\"]\nseverity = { dup = \"off\" }\n",
            "[[overrides]]\nfiles = [\"b.md\"]\noptions = { dup-here = { shingle = 1 } }\n",
        ] {
            assert_eq!(configure(fine).len(), 0, "{fine}");
        }
    }

    /// Without the embedded packs, a config that tunes one of their rules
    /// is told why the rule is not there.
    #[test]
    fn a_rule_of_the_embedded_packs_left_out_is_named_so() {
        let mut set = load("- {id: x, kind: front-matter, severity: error}\n").unwrap();
        let config = Config::parse(
            std::path::Path::new("repere.toml"),
            "[options.tonne]\nx = 1\n[severity]\ntone = \"info\"\n",
        )
        .unwrap();
        let mut errs = set.configure(&config).err().unwrap_or_default();
        assert_eq!(errs.len(), 2);
        // In the file's order, though `[severity]` is read first.
        let tonne = errs.remove(0);
        assert_eq!(
            tonne.message,
            "no rule `tonne` is defined (see `repere rules`)"
        );
        assert!(
            errs[0].message.contains("a rule of the embedded packs"),
            "{}",
            errs[0].message
        );
        assert!(
            errs[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("--no-default-rules")
        );
    }

    #[test]
    fn an_engine_diagnostic_takes_its_severity_from_the_config_only() {
        let mut set = load("- {id: x, kind: front-matter, severity: error}\n").unwrap();
        let config = |text: &str| Config::parse(std::path::Path::new("repere.toml"), text).unwrap();
        set.configure(&config("[severity]\nunused-suppression = \"off\"\n"))
            .unwrap();
        let unused = BUILTIN_RULES
            .iter()
            .find(|b| b.id == "unused-suppression")
            .unwrap();
        let encoding = BUILTIN_RULES.iter().find(|b| b.id == "encoding").unwrap();
        assert_eq!(set.engine_level(unused), Level::Off);
        assert_eq!(set.engine_level(encoding), Level::Error);
        assert_eq!(set.engine_levels[0].origin, "repere.toml:2");
        for text in [
            "[options.unused-suppression]\nx = 1\n",
            "[[overrides]]\nfiles = [\"**\"]\nseverity = { unused-suppression = \"off\" }\n",
        ] {
            let errs = set.configure(&config(text)).err().unwrap_or_default();
            assert_eq!(errs.len(), 1, "{text}");
            assert!(
                errs[0].message.contains("reported by the engine"),
                "{}",
                errs[0].message
            );
            let help = errs[0].help.as_deref().unwrap_or_default();
            assert!(help.contains("`unused-suppression = \"off\"`"), "{help}");
        }
    }

    #[test]
    fn a_failed_redefinition_says_where_a_rule_is_tuned() {
        let a = PackSource::new("a.yaml", "- {id: x, kind: front-matter, severity: error}\n");
        let b = PackSource::new(
            "b.yaml",
            "- id: x\n  severity: off\n- id: y\n  severity: off\n",
        );
        let errs = RuleSet::load(&[a, b]).err().unwrap();
        assert_eq!(errs.len(), 2);
        assert!(errs[0].message.contains("no `kind`"), "{}", errs[0].message);
        let help = errs[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("`[severity]`"), "{help}");
        // `y` redefines nothing: no such help.
        assert_eq!(errs[1].help, None);
    }

    /// A severity written as other linters write it is named.
    #[test]
    fn a_severity_s_start_is_taken_for_it() {
        let errs = load("- {id: x, kind: markup, severity: warn}\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errs.first().map(|e| e.message.as_str()),
            Some("`severity` is one of error, warning, info, off; did you mean `warning`?")
        );
    }

    /// A key written twice in a rule is said once, at the second.
    #[test]
    fn a_key_set_twice_is_said_once() {
        let text = "- id: x\n  kind: phrase\n  severity: warning\n  phrases: [{words: [a]}]\n  phrases: [{words: [b]}]\n";
        let errs = load(text).err().unwrap_or_default();
        let said: Vec<(&str, &str)> = errs
            .iter()
            .map(|e| (e.message.as_str(), &text[e.span.start..e.span.end]))
            .collect();
        assert_eq!(said, [("`phrases` is set twice", "phrases")]);
    }

    #[test]
    fn a_pack_s_name_and_description_are_strings() {
        for (text, at) in [
            ("name: 3\nrules: []\n", "3"),
            ("name: x\ndescription: [a]\nrules: []\n", "[a]"),
        ] {
            let errs = load(text).err().unwrap_or_default();
            assert_eq!(errs.len(), 1, "{text}");
            assert!(
                errs[0].message.contains("takes a string"),
                "{}",
                errs[0].message
            );
            assert_eq!(&text[errs[0].span.start..errs[0].span.end], at);
        }
        assert!(load("name: x\ndescription: \"y\"\nrules: []\n").is_ok());
        // A slip for a pack key is named.
        let errs = load("name: x\ndescripton: y\nrules: []\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            errs.first().map(|e| e.message.as_str()),
            Some("unknown pack key `descripton`; did you mean `description`?")
        );
    }

    #[test]
    fn a_misspelt_placeholder_is_an_error() {
        for (field, slip) in [
            ("message", "{mesage}"),
            ("message", "{Message}"),
            ("help", "{hepl}"),
            ("help", "{messages}"),
            // A phrase's placeholder, which a rule's text does not have,
            // or a slip for it.
            ("message", "{match}"),
            ("message", "{MATCH}"),
            ("message", "{ match }"),
            ("help", "{mach}"),
            ("help", "{watch}"),
        ] {
            let text = format!(
                "- id: x\n  kind: front-matter\n  severity: error\n  {field}: \"{slip} (house rule)\"\n"
            );
            let errs = load(&text).err().unwrap_or_default();
            assert_eq!(errs.len(), 1, "{text}");
            assert!(errs[0].message.contains(slip), "{}", errs[0].message);
            assert_eq!(
                &text[errs[0].span.start..errs[0].span.end],
                format!("\"{slip} (house rule)\"")
            );
            // The message says which placeholder it looks like.
            let meant = match slip.to_lowercase().as_str() {
                "{mesage}" | "{message}" | "{messages}" => "did you mean `{message}`?",
                "{hepl}" => "did you mean `{help}`?",
                "{match}" | "{ match }" => "`{match}` belongs to a phrase's text, not to this one",
                _ => "it looks like `{match}`, which belongs to a phrase's text, not to this one",
            };
            assert!(errs[0].message.contains(meant), "{}", errs[0].message);
        }
        // Both placeholders, anywhere; other braces are text.
        let set = load(
            "- id: x\n  kind: front-matter\n  severity: error\n  message: \"{message} ({help})\"\n  help: \"{help}; see {date}-{slug}.md, {}\"\n",
        )
        .unwrap();
        assert!(set.rules[0].meta.message.is_some());
    }

    /// The rules after a second `---` would be dropped: refused there,
    /// whatever they hold, and the first document is still checked.
    #[test]
    fn a_second_document_is_refused() {
        let text = "- id: a\n  kind: markup\n  severity: error\n---\n- id: b\n  kind: nonsense\n  severity: bogus\n";
        let errs = load(text).err().unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].message.starts_with("a pack is one YAML document"),
            "{}",
            errs[0].message
        );
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "---");
        let help = errs[0].help.as_deref().unwrap_or_default();
        assert!(
            help.contains("one list") && help.contains("files"),
            "{help}"
        );
        let text = "- {id: a, kind: markup, severity: loud}\n---\n";
        let errs = load(text).err().unwrap_or_default();
        assert_eq!(errs.len(), 2, "{errs:?}");
        // A pack that opens with `---`, or ends with `...`, is one document.
        assert!(load("---\n- {id: a, kind: markup, severity: error}\n...\n").is_ok());
    }

    /// A rule an alias repeats is one defined twice, said so: the copy
    /// has the spans of the rule it names.
    #[test]
    fn a_rule_repeated_by_an_alias_is_said_so() {
        let text = "- &r {id: x, kind: markup, severity: error}\n- *r\n";
        let errs = load(text).err().unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].message,
            "rule `x` is defined twice in this pack: this YAML alias repeats the rule of line 1"
        );
        // Pointed at the alias, not at the rule it names.
        let span = errs[0].span;
        assert_eq!(&text[span.start..span.end], "*r", "{errs:?}");
    }

    /// An empty `files` list says neither every file nor none: refused in
    /// a pack (a config's `exclude = []` is nothing to exclude).
    #[test]
    fn an_empty_files_list_is_refused() {
        let errs = load("- {id: x, kind: markup, severity: error, files: []}\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].message.starts_with("`files` is an empty list"),
            "{}",
            errs[0].message
        );
    }

    /// An id is words joined by single `-`, which selectors extend: `-`,
    /// `tone-`, `-tone` and `a--b` would leave `--select` ambiguous.
    #[test]
    fn rule_ids_are_words_joined_by_single_hyphens() {
        for id in ["tone", "front-matter-style", "r2-d2", "2025"] {
            let text = format!("- {{id: \"{id}\", kind: markup, severity: error}}\n");
            assert!(load(&text).is_ok(), "{id}");
        }
        for id in [
            "-", "tone-", "-tone", "a--b", "Tone", "a b", "a,b", "é", "a_b",
        ] {
            let text = format!("- {{id: \"{id}\", kind: markup, severity: error}}\n");
            let errs = load(&text).err().unwrap_or_default();
            assert_eq!(errs.len(), 1, "{id}");
            assert!(errs[0].message.starts_with("a rule id is words"), "{id}");
        }
    }

    /// Reports name the engine's diagnostics and the errors that stop a
    /// run by these ids: a rule may not take one.
    #[test]
    fn the_engine_s_ids_are_reserved() {
        for id in [
            "read-error",
            "encoding",
            "unused-suppression",
            "config",
            "rule-pack",
        ] {
            let text = format!("- id: {id}\n  kind: markup\n  severity: error\n");
            let errs = load(&text).err().unwrap_or_default();
            assert_eq!(errs.len(), 1, "{id}");
            assert_eq!(
                errs[0].message,
                format!("`{id}` is reserved for the engine's own diagnostics")
            );
            assert_eq!(&text[errs[0].span.start..errs[0].span.end], id);
        }
        // An id that only begins with one is a rule's own.
        assert!(load("- {id: config-files, kind: markup, severity: error}\n").is_ok());
    }

    #[test]
    fn an_empty_message_is_refused() {
        let text = "- id: x\n  kind: front-matter\n  severity: error\n  message: \" \"\n";
        let errs = load(text).err().unwrap();
        assert!(
            errs[0].message.starts_with("`message` is empty"),
            "{}",
            errs[0].message
        );
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "\" \"");
    }

    #[test]
    fn a_misspelt_examples_list_is_named() {
        let text = "- id: x\n  kind: markup\n  severity: error\n  examples:\n    valdi: [\"a\"]\n";
        let errs = load(text).err().unwrap_or_default();
        assert_eq!(errs.len(), 1, "{text}");
        assert_eq!(
            errs[0].message,
            "`examples` has `valid` and `invalid` lists; did you mean `valid`?"
        );
        assert_eq!(&text[errs[0].span.start..errs[0].span.end], "valdi");
    }

    /// A block scalar's final newline is not part of what `expect` asks.
    #[test]
    fn an_expect_is_trimmed() {
        let text = "- id: x\n  kind: markup\n  severity: error\n  examples:\n    invalid:\n      - text: \"a\"\n        expect: |\n          has no text\n";
        let set = load(text).unwrap_or_else(|e| panic!("{:?}", e[0].message));
        assert_eq!(
            set.rules[0].meta.examples[0].expect.as_deref(),
            Some("has no text")
        );
    }

    #[test]
    fn an_id_defined_twice_in_one_pack_is_an_error() {
        let text = "- {id: x, kind: front-matter, severity: error}\n\
                    - {id: y, kind: front-matter, severity: error}\n\
                    - {id: x, kind: front-matter, severity: warning}\n";
        let errs = load(text).err().unwrap();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].span.start, text.rfind("x,").unwrap());
        assert!(
            errs[0].message.contains("defined twice"),
            "{}",
            errs[0].message
        );
        let help = errs[0].help.as_deref().unwrap_or_default();
        assert!(help.contains("line 1"), "{help}");
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
