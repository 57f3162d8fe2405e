//! The `sections` rule kind: the article's sections follow one of a set of
//! named templates (canonical titles, in order, at a given heading level).

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self as serde_de, IgnoredAny, MapAccess, Visitor};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::suggest::Letters;
use super::{BuildError, Context, Kind, Rule, error_at, undecorated};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::document::markdown::list_marker;
use crate::document::{Block, BlockKind, Document, Heading};
use crate::pack::When;
use crate::span::Span;
use crate::yaml::{Node, de};

pub static KIND: Kind = Kind {
    name: "sections",
    summary: "Sections follow a named template: canonical titles, order, heading level, no duplicates, no empty section",
    doc: DOC,
    build,
    schema: |g| g.subschema_for::<Options>(),
};

const DOC: &str = r#"Checks that the article's sections follow one of a list of named templates:
each template is an ordered list of sections with a canonical title.

Options:
  templates:              The templates, tried as described below.
    - name: TEXT            Named in every diagnostic.
      sections:             In order. An item is a title, or a mapping:
        - title: TEXT         The canonical title.
          aliases: [TEXT]     Other accepted spellings (not reported).
          required: bool      Report the section when absent (default true).
          level: 1-6          Its heading level (default 2).
          parenthesis: bool   Accept a trailing "(...)" after the title, e.g.
                              "Erreurs fréquentes (et comment les éviter)"
                              (default: the template's `parenthesis`).
          points: {min: N, max: N, name: TEXT}
                              How many points the section makes, e.g. "3 to
                              5 principles": its subsections (one level
                              below); else its paragraphs that open with
                              bold text (`**1. Déléguer**`; only the
                              numbered ones when some are), a list under one
                              being its detail; else the items of its lists
                              (not nested ones), also when one bold
                              paragraph alone introduces the list (`**Mon
                              cadre :**`). A section with none of
                              these is not counted.
                              `name` (default "point") names them.
      parenthesis: bool     Default of `parenthesis` for its sections (false).
      allow_extra_sections: bool
                            Accept headings at the template's top level that
                            are none of its sections (default false).
      allow_preamble: bool  Accept text before the first section (default true).
      when: CONDITIONS      Front-matter conditions (as a rule's `when`) under
                            which the template applies.
  template_key: KEY       A front-matter key whose value names the template to
                          use (e.g. `template: CTO`), overriding the choice below.
  checks: [CHECKS]        What to report (default: all): missing, order,
                          unknown, duplicate, level, empty, spelling, preamble,
                          points, template. Two rules with the same templates and
                          different `checks` can give spelling its own severity.

Which template: the one named by `template_key` when the front matter has it;
else, among the templates whose `when` holds (if none holds, the templates
without `when`; if every template has a `when` and none holds, nothing is
checked), the one the headings match best: the longest run of template
sections found in the template's order, then the most headings recognised.
When several templates could apply and no heading is a section of any of them,
that is reported once instead.

Matching titles: a heading matches a section when its text is the title or an
alias (Unicode normalisation form aside, and typographic apostrophes and
quotes, ’ ‘ ʼ for ' and “ ” for ", which are the same characters: "Si c’était
à refaire" is "Si c'était à refaire"; emoji and pictographs before or after
it, and a section number before it, are decoration, not compared: "🌱
Dédramatisation", "1. Dédramatisation", "2) Le réel (sans filtre)", "03 -
Repères clairs"), or, with `parenthesis`, one of those followed by " (...)". A heading that differs from a title or alias only in
capitalisation, accents, other apostrophes and dashes (´ ` for ', – — for -),
spacing or trailing punctuation is matched and reported (`spelling`) with the
canonical spelling, the author's apostrophes kept. A title followed by a
parenthesis its section does not accept is that section, reported
(`spelling`) with the parenthesis as what differs. A heading close to a title (edit distance, or all the words of one in
the other: "Le reel" for "Le réel (sans filtre)") is reported as unknown with a
"did you mean", and counts as that section for order and presence.

Reported, each at the heading concerned (its text):
  missing     a required section is absent; at the heading of the section it
              goes after (or before, when it comes first)
  order       a section is out of the template's order; names the section it
              should follow or precede
  unknown     a heading at the template's top level, or above it after the
              first section (a `#` title among them), is none of its sections;
              says when it is a section of another template, and suggests the
              nearest title or the sections expected at that place
  duplicate   a section appears twice; the first one is labelled
  level       a section title at another heading level (`### Repères clairs`
              where `##` is expected), when the section is not also at its level
  empty       a section with nothing in it but blank lines or comments
  spelling    a title matched with forgiven differences, or followed by a
              parenthesis its section does not accept, as said above
  preamble    text before the first section, when `allow_preamble` is false
  points      a section with fewer or more points than its `points` asks,
              each point labelled
  template    `template_key` names no template; or no template fits at all

Headings deeper than the template's top level are free, unless their title is
a section's (see `level`). Headings in fenced or indented code blocks and in
HTML comments are not headings; headings inside a list item, a blockquote, a
footnote or a closed `<details>` element neither open nor close a section.

Example:
  - id: section-order
    kind: sections
    severity: error
    templates:
      - name: Jeunesse tech
        sections: [Dédramatisation, Le réel (sans filtre), Repères clairs]
      - name: CTO
        sections:
          - Situation réelle
          - title: Le vrai enjeu du rôle
            aliases: [Le vrai enjeu CTO]
          - title: Erreurs fréquentes
            parenthesis: true
"#;

// ---------------------------------------------------------------------------
// Options

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Check {
    Missing,
    Order,
    Unknown,
    Duplicate,
    Level,
    Empty,
    Spelling,
    Preamble,
    Points,
    Template,
}

const ALL_CHECKS: &[Check] = &[
    Check::Missing,
    Check::Order,
    Check::Unknown,
    Check::Duplicate,
    Check::Level,
    Check::Empty,
    Check::Spelling,
    Check::Preamble,
    Check::Points,
    Check::Template,
];

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    #[schemars(length(min = 1))]
    templates: Vec<TemplateOptions>,
    template_key: Option<String>,
    checks: Option<Vec<Check>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct TemplateOptions {
    name: String,
    sections: Vec<SectionEntry>,
    #[serde(default)]
    parenthesis: bool,
    #[serde(default)]
    allow_extra_sections: bool,
    #[serde(default = "yes")]
    allow_preamble: bool,
    /// Read separately, as a [`When`].
    #[allow(dead_code)]
    #[schemars(with = "Option<serde_json::Value>")]
    when: Option<IgnoredAny>,
}

fn yes() -> bool {
    true
}

fn two() -> u8 {
    2
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct SectionOptions {
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default = "two")]
    #[schemars(range(min = 1, max = 6))]
    level: u8,
    parenthesis: Option<bool>,
    points: Option<PointsOptions>,
}

/// How many points a section makes ([`SectionOptions::points`]).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PointsOptions {
    min: Option<usize>,
    max: Option<usize>,
    /// What a point is called in messages ("principle").
    #[serde(default = "point")]
    #[schemars(length(min = 1))]
    name: String,
}

fn point() -> String {
    "point".to_string()
}

/// A section of a template: a title alone, or a mapping of options.
#[derive(Debug)]
struct SectionEntry(SectionOptions);

impl<'de> Deserialize<'de> for SectionEntry {
    fn deserialize<D: serde_de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = SectionEntry;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a section title, or a mapping with `title`")
            }

            fn visit_str<E: serde_de::Error>(self, v: &str) -> Result<SectionEntry, E> {
                Ok(SectionEntry(SectionOptions {
                    title: v.to_string(),
                    aliases: Vec::new(),
                    required: true,
                    level: 2,
                    parenthesis: None,
                    points: None,
                }))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<SectionEntry, A::Error> {
                SectionOptions::deserialize(serde_de::value::MapAccessDeserializer::new(map))
                    .map(SectionEntry)
            }
        }
        d.deserialize_any(EntryVisitor)
    }
}

impl schemars::JsonSchema for SectionEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SectionEntry".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let options = generator.subschema_for::<SectionOptions>();
        schemars::json_schema!({
            "description": "A section title, or a mapping with `title` and options",
            "anyOf": [{"type": "string"}, options]
        })
    }
}

// ---------------------------------------------------------------------------
// The compiled rule

/// A spelling of a section's title (the title itself, or an alias), kept with
/// its folded form.
#[derive(Debug)]
struct Name {
    text: String,
    /// The text as [`exact_form`] writes it, to compare with a heading's.
    nfc: String,
    /// The folded name, ready to be compared with [`similarity`].
    compare: Folded,
}

impl Name {
    fn new(text: &str) -> Name {
        let text = text.trim().to_string();
        Name {
            nfc: exact_form(&text),
            compare: Folded::new(&fold(&text, None)),
            text,
        }
    }

    fn folded(&self) -> &str {
        &self.compare.text
    }
}

/// A folded title with what [`similarity`] reads of it, computed once.
#[derive(Debug)]
struct Folded {
    text: String,
    chars: usize,
    letters: Letters,
    words: Vec<String>,
}

impl Folded {
    fn new(folded: &str) -> Folded {
        Folded {
            text: folded.to_string(),
            chars: folded.chars().count(),
            letters: Letters::of(folded),
            words: words(folded).into_iter().map(str::to_string).collect(),
        }
    }
}

/// The titles of a file's headings, each distinct text made once (a file of
/// a million equal headings makes one).
struct Titles {
    distinct: Vec<Option<Title>>,
    /// For each heading, its text's place in `distinct`.
    of: Vec<usize>,
}

impl Titles {
    fn new(headings: &[Heading]) -> Titles {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut distinct = Vec::new();
        let of = headings
            .iter()
            .map(|h| {
                *index.entry(h.text.as_str()).or_insert_with(|| {
                    distinct.push(Title::new(&h.text));
                    distinct.len() - 1
                })
            })
            .collect();
        Titles { distinct, of }
    }

    /// The title of heading `i` (None for a text too long to be a title).
    fn get(&self, i: usize) -> Option<&Title> {
        self.distinct.get(*self.of.get(i)?)?.as_ref()
    }
}

/// A heading's text in the forms it is compared in, computed once per
/// document and read by every template.
struct Title {
    /// The text as [`exact_form`] writes it.
    nfc: String,
    /// `nfc` without its trailing parenthesis group, if any, but with the
    /// final punctuation after it (`Erreurs (et comment) :` gives
    /// `Erreurs :`), so that the title is compared, and its punctuation
    /// reported, as if the parenthesis were not there.
    base: Option<String>,
    folded: String,
    folded_base: Option<String>,
    /// For headings compared by [`similarity`] (those that match no
    /// section), made on first need.
    compare: std::cell::OnceCell<Folded>,
}

impl Title {
    /// None for a text too long to be a title (see [`MAX_TITLE_BYTES`]).
    fn new(text: &str) -> Option<Title> {
        if text.len() > MAX_TITLE_BYTES {
            return None;
        }
        // Emoji around the title are decoration, not part of it.
        let nfc = exact_form(undecorated(text).1);
        let folded = fold(&nfc, None);
        let base = strip_parenthesis(&nfc).map(|(base, tail)| format!("{base}{tail}"));
        let folded_base = base.as_deref().map(|b| fold(b, None));
        Some(Title {
            base,
            folded,
            folded_base,
            nfc,
            compare: std::cell::OnceCell::new(),
        })
    }

    fn base(&self) -> Option<&str> {
        self.base.as_deref()
    }

    fn compare(&self) -> &Folded {
        self.compare.get_or_init(|| Folded::new(&self.folded))
    }
}

#[derive(Debug)]
struct Section {
    /// The canonical title first, then the aliases.
    names: Vec<Name>,
    required: bool,
    level: u8,
    parenthesis: bool,
    points: Option<PointsOptions>,
}

impl Section {
    fn title(&self) -> &str {
        // `build` puts the title first: `names` is never empty.
        &self.names[0].text
    }
}

#[derive(Debug)]
struct Template {
    name: String,
    folded_name: String,
    sections: Vec<Section>,
    /// The level of the template's top sections (the smallest section level).
    top: u8,
    allow_extra_sections: bool,
    allow_preamble: bool,
    when: When,
}

struct SectionsRule {
    templates: Vec<Template>,
    template_key: Option<String>,
    checks: Vec<Check>,
}

fn build(node: &Node) -> Result<Box<dyn Rule>, BuildError> {
    Ok(Box::new(build_rule(node)?))
}

fn build_rule(node: &Node) -> Result<SectionsRule, BuildError> {
    let opts: Options = de::from_node(node)?;
    let templates_node = node.get("templates");
    let item_node = |i: usize| {
        templates_node
            .and_then(Node::as_seq)
            .and_then(|s| s.get(i))
            .unwrap_or(node)
    };
    if opts.templates.is_empty() {
        return Err(error_at(
            templates_node.unwrap_or(node),
            "`templates` lists at least one template",
        ));
    }
    let mut templates: Vec<Template> = Vec::new();
    for (i, t) in opts.templates.into_iter().enumerate() {
        let at = item_node(i);
        let name = t.name.trim().to_string();
        let folded_name = fold(&name, None);
        if name.is_empty() {
            return Err(error_at(
                at.get("name").unwrap_or(at),
                "a template needs a name",
            ));
        }
        if templates.iter().any(|o| o.folded_name == folded_name) {
            return Err(error_at(
                at.get("name").unwrap_or(at),
                format!("two templates are named `{name}`"),
            ));
        }
        if t.sections.is_empty() {
            return Err(error_at(
                at.get("sections").unwrap_or(at),
                format!("template `{name}` has no section"),
            ));
        }
        let section_node = |j: usize| {
            at.get("sections")
                .and_then(Node::as_seq)
                .and_then(|s| s.get(j))
                .unwrap_or(at)
        };
        let mut sections: Vec<Section> = Vec::new();
        for (j, SectionEntry(s)) in t.sections.into_iter().enumerate() {
            let at = section_node(j);
            if !(1..=6).contains(&s.level) {
                return Err(error_at(
                    at.get("level").unwrap_or(at),
                    "`level` is a heading level, 1 to 6",
                ));
            }
            let names: Vec<Name> = std::iter::once(&s.title)
                .chain(&s.aliases)
                .map(|n| Name::new(n))
                .collect();
            for n in &names {
                if n.folded().is_empty() {
                    return Err(error_at(at, "a section title or alias is empty"));
                }
                let clash = sections
                    .iter()
                    .find(|o| o.names.iter().any(|m| m.folded() == n.folded()));
                if let Some(other) = clash {
                    let message = if n.text == other.title() {
                        format!("`{}` is listed twice in template `{name}`", n.text)
                    } else {
                        format!(
                            "`{}` in template `{name}` is also a spelling of `{}`",
                            n.text,
                            other.title()
                        )
                    };
                    return Err(error_at(at, message));
                }
            }
            if let Some(points) = &s.points {
                let at = at.get("points").unwrap_or(at);
                let fault = match (points.min, points.max) {
                    (None, None) => Some("`points` sets neither `min` nor `max`".to_string()),
                    (Some(min), Some(max)) if min > max => {
                        Some(format!("`points` sets `min` {min} above `max` {max}"))
                    }
                    _ if points.name.trim().is_empty() => {
                        Some("`points` has an empty `name`".to_string())
                    }
                    _ => None,
                };
                if let Some(fault) = fault {
                    return Err(error_at(at, fault));
                }
            }
            sections.push(Section {
                names,
                required: s.required,
                level: s.level,
                parenthesis: s.parenthesis.unwrap_or(t.parenthesis),
                points: s.points,
            });
        }
        let when = match at.get("when") {
            Some(n) => When::from_node(n)?,
            None => When::default(),
        };
        let top = sections.iter().map(|s| s.level).min().unwrap_or(2);
        templates.push(Template {
            name,
            folded_name,
            sections,
            top,
            allow_extra_sections: t.allow_extra_sections,
            allow_preamble: t.allow_preamble,
            when,
        });
    }
    let checks = opts.checks.unwrap_or_else(|| ALL_CHECKS.to_vec());
    if checks.is_empty() {
        return Err(error_at(
            node.get("checks").unwrap_or(node),
            "`checks` is empty, so the rule would report nothing; leave it out for all of them",
        ));
    }
    Ok(SectionsRule {
        templates,
        template_key: opts.template_key,
        checks,
    })
}

// ---------------------------------------------------------------------------
// Folding titles

/// A kind of difference that matching forgives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Diff {
    Spacing,
    Apostrophes,
    FinalPunctuation,
    Case,
    Accents,
}

const DIFFS: &[Diff] = &[
    Diff::Case,
    Diff::Accents,
    Diff::Apostrophes,
    Diff::Spacing,
    Diff::FinalPunctuation,
];

impl Diff {
    fn describe(self) -> &'static str {
        match self {
            Diff::Spacing => "spacing",
            Diff::Apostrophes => "apostrophes, quotes or dashes",
            Diff::FinalPunctuation => "final punctuation",
            Diff::Case => "capitalisation",
            Diff::Accents => "accents",
        }
    }
}

/// `text` with the spaces that look like a space or like nothing written
/// as escapes (`Repères\u{a0}clairs`): a title that differs from the
/// template's only by them would read the same in the message.
fn visible_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| (c.is_whitespace() && c != ' ') || super::shows_nothing(c);
    if !text.chars().any(hidden) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Apostrophes, quotes and dashes that stand for the same character.
fn unify_punctuation(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// The typographic apostrophes and quotes written straight: `’`, `‘` and
/// `ʼ` are how French typography writes `'`, and `“ ”` `"`, so a title
/// written with them is the title (`Si c’était à refaire`), not a spelling
/// of it. The other marks [`unify_punctuation`] forgives (`´`, a backtick,
/// a prime, dashes) are slips.
fn straight_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' => '"',
        _ => c,
    }
}

/// Whether `c` is a character [`straight_quote`] writes straight, or the
/// straight one itself: which of them a title has is the author's choice.
fn quote_class(c: char) -> Option<char> {
    match straight_quote(c) {
        q @ ('\'' | '"') => Some(q),
        _ => None,
    }
}

/// The form in which a heading is compared with a title for an exact match:
/// NFC, with typographic apostrophes and quotes written straight.
fn exact_form(text: &str) -> String {
    let nfc: String = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    };
    if nfc.is_ascii() {
        nfc
    } else {
        nfc.chars().map(straight_quote).collect()
    }
}

/// `canonical` with the apostrophes and quotes the author wrote in `found`
/// (`’` or `'`), when both have as many of each: a respelled title keeps the
/// author's typography, which is no slip.
fn with_quotes_of(canonical: &str, found: &str) -> String {
    let marks = |text: &str, class: char| -> Vec<char> {
        text.chars()
            .filter(|&c| quote_class(c) == Some(class))
            .collect()
    };
    let mut out = canonical.to_string();
    for class in ['\'', '"'] {
        let (theirs, ours) = (marks(found, class), marks(&out, class));
        if theirs.is_empty() || theirs.len() != ours.len() || theirs == ours {
            continue;
        }
        let mut theirs = theirs.into_iter();
        out = out
            .chars()
            .map(|c| match quote_class(c) {
                Some(k) if k == class => theirs.next().unwrap_or(c),
                _ => c,
            })
            .collect();
    }
    out
}

/// The comparison form of a title: canonical decomposition, then accents,
/// case, apostrophes/dashes/final punctuation and spacing erased, except the
/// one kind of difference `keep` (to tell which kinds two titles differ in).
/// Typographic apostrophes and quotes are written straight even then: they
/// are no difference (see [`straight_quote`]).
fn fold(s: &str, keep: Option<Diff>) -> String {
    let mut chars = String::with_capacity(s.len());
    let mut push = |c: char| {
        if c.is_ascii() {
            // No mark, and no case beyond ASCII's: the tables are not needed.
            let c = if keep != Some(Diff::Apostrophes) {
                unify_punctuation(c)
            } else {
                c
            };
            chars.push(if keep != Some(Diff::Case) {
                c.to_ascii_lowercase()
            } else {
                c
            });
            return;
        }
        if keep != Some(Diff::Accents) && is_combining_mark(c) {
            return;
        }
        let c = if keep != Some(Diff::Apostrophes) {
            unify_punctuation(c)
        } else {
            straight_quote(c)
        };
        if keep != Some(Diff::Case) {
            chars.extend(c.to_lowercase());
        } else {
            chars.push(c);
        }
    };
    if keep == Some(Diff::Accents) && !s.is_ascii() {
        // The marks are kept, in NFD's order.
        s.nfd().for_each(&mut push);
    } else {
        super::without_marks(s, &mut push);
    }
    let mut out = String::with_capacity(chars.len());
    if keep == Some(Diff::Spacing) {
        out = chars;
    } else {
        // One space between words, none inside brackets or before the
        // punctuation French typography spaces (`?`, `:`, `»`…).
        let mut pending_space = false;
        for c in chars.chars() {
            if c.is_whitespace() {
                pending_space = !out.is_empty();
                continue;
            }
            let glued = matches!(c, '?' | '!' | ':' | ';' | ')' | ']' | '»' | ',' | '.')
                || out.ends_with(['(', '[', '«']);
            if pending_space && !glued {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        }
    }
    if keep != Some(Diff::FinalPunctuation) {
        let trimmed = out
            .trim_end_matches(|c: char| is_final_punctuation(c) || c.is_whitespace())
            .len();
        out.truncate(trimmed);
    }
    out
}

/// `accents differ`, `capitalisation differs`, `accents, spacing differ`:
/// the kinds of difference of two titles, said.
fn differences(diffs: &[Diff]) -> String {
    let verb = match diffs {
        [Diff::Spacing | Diff::FinalPunctuation | Diff::Case] => "differs",
        _ => "differ",
    };
    if diffs.is_empty() {
        return format!("characters {verb}");
    }
    let what = diffs
        .iter()
        .map(|d| d.describe())
        .collect::<Vec<_>>()
        .join(", ");
    format!("{what} {verb}")
}

/// The kinds of difference between two titles that fold alike.
fn diffs(found: &str, canonical: &str) -> Vec<Diff> {
    DIFFS
        .iter()
        .copied()
        .filter(|d| fold(found, Some(*d)) != fold(canonical, Some(*d)))
        .collect()
}

/// `text` without a trailing parenthesis group, and the final punctuation
/// written after that group: `Erreurs (et comment)` gives `Erreurs` and ``,
/// `Erreurs (et comment) :` gives `Erreurs` and ` :`.
fn strip_parenthesis(text: &str) -> Option<(&str, &str)> {
    let t = text.trim_end();
    let body = t.trim_end_matches(|c: char| is_final_punctuation(c) || c.is_whitespace());
    if !body.ends_with(')') {
        return None;
    }
    let open = body.rfind('(')?;
    let base = body[..open].trim_end();
    (!base.is_empty()).then_some((base, &t[body.len()..]))
}

/// Punctuation that may end a title, which [`fold`] erases.
fn is_final_punctuation(c: char) -> bool {
    matches!(c, '.' | ':' | ';' | '!' | '?' | '…')
}

/// Words of a folded title.
fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Longest folded title compared by edit distance; longer ones are compared
/// by words only (bounds the cost of hostile input).
const MAX_FUZZY_CHARS: usize = 200;
/// Longest heading (in bytes) compared with section titles at all: a longer
/// one is a sentence, not a misspelled title.
const MAX_TITLE_BYTES: usize = 1000;
/// Similarity from which a heading is taken for a misspelled title.
const FUZZY_THRESHOLD: f64 = 0.7;

/// How close two folded titles are, from 0 to 1: the edit similarity, or a
/// score of at least 0.7 when every word of the shorter is a word of the
/// longer (and it has a word of 4 letters or more). A score below
/// [`FUZZY_THRESHOLD`] is only known to be below it.
fn similarity(a: &Folded, b: &Folded) -> f64 {
    let (ca, cb) = (a.chars, b.chars);
    let longest = ca.max(cb).max(1) as f64;
    // Titles whose letters alone are too different are not compared.
    let close = || 1.0 - a.letters.min_distance(&b.letters) as f64 / longest >= FUZZY_THRESHOLD;
    let edit = if ca <= MAX_FUZZY_CHARS && cb <= MAX_FUZZY_CHARS && close() {
        // Edits, adjacent transpositions counting as one.
        1.0 - strsim::osa_distance(&a.text, &b.text) as f64 / longest
    } else {
        0.0
    };
    let (short, long) = if ca <= cb { (a, b) } else { (b, a) };
    let (ws, wl) = (&short.words, &long.words);
    let contained = !ws.is_empty()
        && ws.iter().any(|w| w.chars().count() >= 4)
        && ws.iter().all(|w| wl.contains(w));
    let words_score = if contained {
        0.7 + 0.3 * (short.chars as f64 / long.chars.max(1) as f64)
    } else {
        0.0
    };
    edit.max(words_score)
}

/// [`similarity`] of two folded titles given as text.
fn similarity_of(a: &str, b: &str) -> f64 {
    similarity(&Folded::new(a), &Folded::new(b))
}

// ---------------------------------------------------------------------------
// Matching headings to a template

/// How a heading was recognised as a section.
#[derive(Debug, Clone, PartialEq)]
enum How {
    /// The title or an alias (with an accepted parenthesis).
    Exact,
    /// A title or alias with forgiven differences: which name, and how.
    Spelling { name: usize, diffs: Vec<Diff> },
    /// A title or alias (maybe with forgiven differences) followed by a
    /// parenthesis the section does not accept: which name, and the
    /// differences of the title before it.
    Parenthesis { name: usize, diffs: Vec<Diff> },
    /// Near a title: reported as unknown, with a suggestion.
    Near,
}

/// A heading recognised as a section of the template.
#[derive(Debug, Clone)]
struct Hit {
    heading: usize,
    section: usize,
    how: How,
    /// Recognised at another heading level than the section's.
    wrong_level: bool,
    /// Recognised without the parenthesis after its title: one the section
    /// accepts (`Erreurs fréquentes (et comment les éviter)`), or one it
    /// does not (`How::Parenthesis`).
    by_base: bool,
}

/// A heading at the template's top level that is none of its sections.
#[derive(Debug)]
struct Unknown {
    heading: usize,
    /// The nearest section (index), if close enough.
    suggestion: Option<usize>,
}

/// How one template fits a document.
#[derive(Debug)]
struct Fit<'t> {
    template: &'t Template,
    /// In document order.
    hits: Vec<Hit>,
    unknown: Vec<Unknown>,
    /// Indices into `hits` of the longest run in template order.
    in_order: Vec<usize>,
}

impl Fit<'_> {
    /// Ranks templates: sections recognised without guessing in template
    /// order, then every heading recognised.
    fn score(&self) -> (usize, usize) {
        let sure = self
            .in_order
            .iter()
            .filter(|&&i| self.hits[i].how != How::Near)
            .count();
        (sure, self.hits.len())
    }
}

/// The section (and how) a heading's text is, at any level, and whether it
/// is so without the parenthesis after its title.
fn strict_match(template: &Template, title: &Title) -> Option<(usize, How, bool)> {
    let nfc = title.nfc.as_str();
    let folded = &title.folded;
    let base = title.base();
    let folded_base = &title.folded_base;
    for (i, s) in template.sections.iter().enumerate() {
        if s.names.iter().any(|n| n.nfc == nfc) {
            return Some((i, How::Exact, false));
        }
        if s.parenthesis && s.names.iter().any(|n| Some(n.nfc.as_str()) == base) {
            return Some((i, How::Exact, true));
        }
    }
    for (i, s) in template.sections.iter().enumerate() {
        for (k, n) in s.names.iter().enumerate() {
            let found = if n.folded() == folded {
                Some((nfc, false))
            } else if s.parenthesis && folded_base.as_deref() == Some(n.folded()) {
                base.map(|b| (b, true))
            } else {
                None
            };
            if let Some((found, by_base)) = found {
                let how = How::Spelling {
                    name: k,
                    diffs: diffs(found, &n.nfc),
                };
                return Some((i, how, by_base));
            }
        }
    }
    // The title followed by a parenthesis the section does not accept
    // (`Repères clairs (pour s'y retrouver)`): the section, with what
    // differs, rather than a heading that is none.
    let (base, folded_base) = (base?, folded_base.as_deref()?);
    for (i, s) in template.sections.iter().enumerate() {
        for (k, n) in s.names.iter().enumerate() {
            if n.folded() == folded_base {
                let diffs = if n.nfc == base {
                    Vec::new()
                } else {
                    diffs(base, &n.nfc)
                };
                return Some((i, How::Parenthesis { name: k, diffs }, true));
            }
        }
    }
    None
}

/// The section nearest to a heading's text, with its similarity.
fn nearest(template: &Template, title: &Title) -> Option<(usize, f64)> {
    if title.folded.is_empty() {
        return None;
    }
    let folded = title.compare();
    template
        .sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.names
                .iter()
                .map(|n| similarity(folded, &n.compare))
                .max_by(f64::total_cmp)
                .map(|score| (i, score))
        })
        .filter(|(_, score)| *score >= FUZZY_THRESHOLD)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}

/// How `template` fits the headings (`titles` are theirs, in order). With
/// `near` false, headings near a section title are not looked for: the fit
/// has only the sections recognised without guessing, and its sure score
/// is an upper bound of the complete fit's (see [`best_fit`]).
fn fit<'t>(template: &'t Template, headings: &[Heading], titles: &Titles, near: bool) -> Fit<'t> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut off_level: Vec<Hit> = Vec::new();
    let mut unmatched: Vec<usize> = Vec::new();
    // A heading above the top level counts once the sections have begun
    // (`# Partie deux` among them); before, it is the article's own title.
    let first_top = headings
        .iter()
        .position(|h| h.level == template.top)
        .unwrap_or(headings.len());
    for (i, h) in headings.iter().enumerate() {
        let found = titles.get(i).and_then(|t| strict_match(template, t));
        match found {
            Some((s, how, by_base)) if template.sections[s].level == h.level => hits.push(Hit {
                heading: i,
                section: s,
                how,
                wrong_level: false,
                by_base,
            }),
            Some((s, how, by_base)) => off_level.push(Hit {
                heading: i,
                section: s,
                how,
                wrong_level: true,
                by_base,
            }),
            None if h.level == template.top || (h.level < template.top && i > first_top) => {
                unmatched.push(i)
            }
            None => {}
        }
    }
    // A section title at another level counts (as misplaced) only when the
    // section is not at its own level: otherwise it is a free subsection.
    let mut present = vec![false; template.sections.len()];
    for hit in &hits {
        present[hit.section] = true;
    }
    for hit in off_level {
        if !present[hit.section] {
            present[hit.section] = true;
            hits.push(hit);
        }
    }
    // Near misses stand for absent sections, the closest heading first.
    let mut seen: HashMap<&str, Option<(usize, f64)>> = HashMap::new();
    let mut near: Vec<(usize, usize, f64)> = unmatched
        .iter()
        .filter(|_| near)
        .filter_map(|&i| {
            let title = titles.get(i)?;
            let found = *seen
                .entry(headings[i].text.as_str())
                .or_insert_with(|| nearest(template, title));
            found.map(|(s, score)| (i, s, score))
        })
        .collect();
    near.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut unknown: Vec<Unknown> = Vec::new();
    let mut is_near = vec![false; headings.len()];
    for &(i, s, _) in &near {
        is_near[i] = true;
        if present[s] {
            unknown.push(Unknown {
                heading: i,
                suggestion: Some(s),
            });
        } else {
            present[s] = true;
            hits.push(Hit {
                heading: i,
                section: s,
                how: How::Near,
                wrong_level: false,
                by_base: false,
            });
        }
    }
    for &i in &unmatched {
        if !is_near[i] {
            unknown.push(Unknown {
                heading: i,
                suggestion: None,
            });
        }
    }
    hits.sort_by_key(|h| h.heading);
    unknown.sort_by_key(|u| u.heading);
    let in_order = longest_increasing(&hits.iter().map(|h| h.section).collect::<Vec<_>>());
    Fit {
        template,
        hits,
        unknown,
        in_order,
    }
}

/// The template that fits best: the best score, and among equals the first
/// listed. Looking for near misses is what costs most, and they cannot
/// raise a fit's count of sure sections (they can only take the place of
/// sure ones in the longest run): a template whose fit without them has
/// fewer sure sections than the best complete fit so far cannot win, and is
/// not fitted further.
fn best_fit<'t>(
    candidates: &[&'t Template],
    headings: &[Heading],
    titles: &Titles,
) -> Option<Fit<'t>> {
    let mut order: Vec<(usize, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, t)| (fit(t, headings, titles, false).score().0, i))
        .collect();
    // Most promising first, so that the others are cut early.
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut best: Option<(usize, Fit<'t>)> = None;
    for (bound, i) in order {
        if best.as_ref().is_some_and(|(_, f)| bound < f.score().0) {
            continue;
        }
        let Some(t) = candidates.get(i) else { continue };
        let f = fit(t, headings, titles, true);
        let better = match &best {
            None => true,
            Some((bi, bf)) => f.score() > bf.score() || (f.score() == bf.score() && i < *bi),
        };
        if better {
            best = Some((i, f));
        }
    }
    best.map(|(_, f)| f)
}

/// Indices of a longest strictly increasing subsequence of `seq`, preferring
/// earlier elements among equal values (so a repeated section's first
/// occurrence is the one kept). O(n log n).
fn longest_increasing(seq: &[usize]) -> Vec<usize> {
    // tails[k]: index in seq of the smallest tail of an increasing run of length k+1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, &x) in seq.iter().enumerate() {
        let k = tails.partition_point(|&t| seq[t] < x);
        if k < tails.len() && seq[tails[k]] == x {
            continue;
        }
        prev[i] = k.checked_sub(1).map(|j| tails[j]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = prev[i];
    }
    out.reverse();
    out
}

// ---------------------------------------------------------------------------
// Checking

impl Rule for SectionsRule {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let headings = &doc.body.headings;
        let pinned = self.pinned(doc, cx);
        let candidates: Vec<&Template> = match pinned {
            Some(t) => vec![t],
            None => {
                let holding: Vec<&Template> = self
                    .templates
                    .iter()
                    .filter(|t| !t.when.is_empty() && t.when.holds(doc))
                    .collect();
                if holding.is_empty() {
                    self.templates
                        .iter()
                        .filter(|t| t.when.is_empty())
                        .collect()
                } else {
                    holding
                }
            }
        };
        let titles = Titles::new(headings);
        let Some(best) = best_fit(&candidates, headings, &titles) else {
            return;
        };
        if candidates.len() > 1 && best.hits.is_empty() {
            self.report_no_template(doc, &candidates, cx);
            return;
        }
        Report {
            rule: self,
            doc,
            fit: &best,
            cx,
            stood_in_for: Vec::new(),
        }
        .run();
    }
}

impl SectionsRule {
    fn enabled(&self, check: Check) -> bool {
        self.checks.contains(&check)
    }

    /// The template named by the front-matter key, if any; a name that is no
    /// template is reported.
    fn pinned(&self, doc: &Document, cx: &mut Context) -> Option<&Template> {
        let key = self.template_key.as_deref()?;
        let value = doc.front_value(key)?;
        let name = value.scalar_text()?;
        let folded = fold(&name, None);
        if let Some(t) = self.templates.iter().find(|t| t.folded_name == folded) {
            return Some(t);
        }
        if self.enabled(Check::Template) {
            let names = self.template_names();
            let hint = self
                .templates
                .iter()
                .map(|t| (t, similarity_of(&folded, &t.folded_name)))
                .filter(|(_, s)| *s >= FUZZY_THRESHOLD)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(t, _)| format!("did you mean `{}`? ", t.name))
                .unwrap_or_default();
            cx.report(
                Finding::new(
                    value.span,
                    format!("`{key}` is `{name}`, which is none of the templates {names}"),
                )
                .help(format!(
                    "{hint}set `{key}` to one of {names}, or remove it to let the headings decide"
                )),
            );
        }
        None
    }

    fn template_names(&self) -> String {
        self.templates
            .iter()
            .map(|t| format!("\"{}\"", t.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn report_no_template(&self, doc: &Document, candidates: &[&Template], cx: &mut Context) {
        if !self.enabled(Check::Template) {
            return;
        }
        let names = candidates
            .iter()
            .map(|t| format!("\"{}\"", t.name))
            .collect::<Vec<_>>()
            .join(", ");
        let levels: Vec<u8> = {
            let mut l: Vec<u8> = candidates.iter().map(|t| t.top).collect();
            l.sort_unstable();
            l.dedup();
            l
        };
        let first = doc.body.headings.iter().find(|h| levels.contains(&h.level));
        let (span, fact) = match first {
            Some(h) => (
                heading_span(doc, h),
                "none of its headings is a section of any of them",
            ),
            None => (
                first_line(doc),
                "it has no heading at the templates' section level",
            ),
        };
        let outlines = candidates
            .iter()
            .map(|t| format!("\"{}\": {}", t.name, outline(t)))
            .collect::<Vec<_>>()
            .join("; ");
        cx.report(
            Finding::new(
                span,
                format!("the article follows none of the section templates {names}: {fact}"),
            )
            .help(format!(
                "organise the article in the sections of one template: {outlines}"
            )),
        );
    }
}

/// Where to point for a heading: its text, or the whole heading when it has none.
/// Where a finding about heading `h` points: its text, or for a heading
/// without text its marker line (`##`), without the line break.
fn heading_span(doc: &Document, h: &Heading) -> Span {
    if !h.text_span.is_empty() {
        return h.text_span;
    }
    let line = doc.text(h.span);
    Span::new(h.span.start, h.span.start + line.trim_end().len())
}

/// The first line of the body (empty span at its start when blank).
fn first_line(doc: &Document) -> Span {
    let start = doc.body_start.min(doc.source.len());
    let rest = doc.text(Span::new(start, doc.source.len()));
    let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    Span::new(start, start + end)
}

/// `A → B → C`, the sections of a template in order.
fn outline(t: &Template) -> String {
    t.sections
        .iter()
        .map(Section::title)
        .collect::<Vec<_>>()
        .join(" → ")
}

fn marker(level: u8) -> String {
    "#".repeat(usize::from(level))
}

/// Reports how a document deviates from the template it was matched with.
struct Report<'a, 'c> {
    rule: &'a SectionsRule,
    doc: &'a Document,
    fit: &'a Fit<'a>,
    cx: &'c mut Context,
    /// Sections absent from the article whose place an unknown heading
    /// takes, one for one: reported with that heading, not as missing.
    stood_in_for: Vec<usize>,
}

impl Report<'_, '_> {
    fn heading(&self, hit: &Hit) -> &Heading {
        &self.doc.body.headings[hit.heading]
    }

    fn tname(&self) -> &str {
        &self.fit.template.name
    }

    fn section(&self, index: usize) -> &Section {
        &self.fit.template.sections[index]
    }

    /// Whether the heading's text is written without markup, so that it
    /// can be replaced as a whole.
    fn is_plain(&self, h: &Heading) -> bool {
        !h.text_span.is_empty() && self.doc.text(h.text_span) == h.text
    }

    /// The heading written with `canonical` as its title, followed by
    /// `kept` (a parenthesis it keeps): the heading's own line with its text
    /// replaced, as the fix writes it (`## **Titre**` keeps its emphasis),
    /// else `## canonical`.
    fn respelled(&self, h: &Heading, section: &Section, canonical: &str, kept: &str) -> String {
        // The emoji around the title stay where they are.
        let (before, _, after) = undecorated(&h.text);
        let canonical = &format!("{before}{canonical}{kept}{after}");
        let line = self.doc.text(h.span).trim_end();
        let inside = h.span.start <= h.text_span.start && h.text_span.end <= h.span.end;
        if self.is_plain(h) && inside && line.starts_with('#') && !line.contains(['\n', '\r']) {
            let (start, end) = (
                h.text_span.start - h.span.start,
                h.text_span.end - h.span.start,
            );
            if let (Some(before), Some(after)) = (line.get(..start), line.get(end..)) {
                return format!("{before}{canonical}{after}");
            }
        }
        format!("{} {canonical}", marker(section.level))
    }

    /// The heading of `hit` as the author wrote it (the template's title
    /// when it has no text): what a message names it by.
    fn written(&self, hit: &Hit) -> &str {
        let h = self.heading(hit);
        if h.text.trim().is_empty() {
            self.section(hit.section).title()
        } else {
            &h.text
        }
    }

    fn line(&self, h: &Heading) -> usize {
        self.doc.location(h.span).line
    }

    /// The parenthesis the heading of `hit` was recognised without (` (et
    /// comment les éviter)`), as written, which respelling its title keeps
    /// (not the final punctuation after it); empty when the whole text is
    /// the title.
    fn kept_parenthesis<'h>(&self, h: &'h Heading, hit: &Hit) -> &'h str {
        let text = undecorated(&h.text).1;
        let accepted = self.section(hit.section).parenthesis;
        match strip_parenthesis(text) {
            Some((base, tail)) if hit.by_base && accepted => {
                &text[base.len()..text.len() - tail.len()]
            }
            _ => "",
        }
    }

    /// `text` as a block inserted at byte `at`: separated from what comes
    /// before by a blank line, and followed by one.
    fn block_at(&self, at: usize, text: &str) -> String {
        let nl = crate::fix::line_ending(&self.doc.source);
        self.block_ending(at, text, nl)
    }

    /// [`Self::block_at`], the last line of `text` ended by `own` (a moved
    /// section's last line keeps its own ending).
    fn block_ending(&self, at: usize, text: &str, own: &str) -> String {
        let before = self.doc.text(Span::new(0, at));
        // Line breaks ending `before`: `\n`, `\r\n` or a lone `\r` each.
        let mut rest = before;
        let mut breaks = 0;
        while breaks < 2 {
            match rest
                .strip_suffix("\r\n")
                .or_else(|| rest.strip_suffix(['\n', '\r']))
            {
                Some(r) => (rest, breaks) = (r, breaks + 1),
                None => break,
            }
        }
        // In the file's own line ending: see `fix::edits_for`.
        let nl = crate::fix::line_ending(&self.doc.source);
        let lead = match breaks {
            _ if before.is_empty() => String::new(),
            0 => nl.repeat(2),
            1 => nl.to_string(),
            _ => String::new(),
        };
        // At the end of the file, no blank line after it.
        let blank = if at >= self.doc.source.len() { "" } else { nl };
        format!("{lead}{text}{own}{blank}")
    }

    /// Moves the section of heading `moved` (heading to the next heading of
    /// its level or higher, unchanged) after or before the section of heading
    /// `anchor`.
    fn move_fix(&self, moved: usize, anchor: usize, after: bool) -> Option<Fix> {
        let sections = &self.doc.body.sections;
        let from = sections.get(moved)?.span;
        let target = if after {
            sections.get(anchor)?.span.end
        } else {
            self.doc.body.headings.get(anchor)?.span.start
        };
        if target >= from.start && target <= from.end {
            return None;
        }
        // A heading inside an HTML element (`<details>`): the section's
        // ends, or its new place, would cut the element in two.
        let html = &self.doc.body.html;
        if [from.start, from.end, target]
            .into_iter()
            .any(|at| crate::document::html::inside_element(html, at))
        {
            return None;
        }
        let source = self.doc.source.as_str();
        let nl = crate::fix::line_ending(source);
        // The section as written, its lines with their own endings; the
        // blank line after it, before the heading it goes before, in the
        // file's ending.
        let written = self.doc.text(from);
        let text = written.trim_end_matches(['\n', '\r']);
        // The ending of its last line, as written (the file's at its end).
        let rest = &written[text.len()..];
        let own = ["\r\n", "\n", "\r"]
            .into_iter()
            .find(|e| rest.starts_with(e))
            .unwrap_or(nl);
        let block = if after {
            self.block_ending(target, text.trim_end(), own)
        } else {
            format!("{text}{own}{nl}")
        };
        // The last section: the blank lines before it go with it, the line
        // ending of what comes before stays.
        let mut gone = from;
        if from.end >= source.len() {
            gone.start = crate::fix::end_deletion_start(source, from.start);
        }
        Some(Fix::risky(
            "move the whole section to its place in the template",
            vec![Edit::delete(gone), Edit::insert(target, block)],
        ))
    }

    fn report(&mut self, check: Check, finding: Finding) {
        if self.rule.enabled(check) {
            self.cx.report(finding);
        }
    }

    fn run(mut self) {
        let fit = self.fit;
        let in_order: Vec<&Hit> = fit.in_order.iter().map(|&i| &fit.hits[i]).collect();
        self.spelling_and_level();
        self.unknown(&in_order);
        self.order_and_duplicates(&in_order);
        self.missing(&in_order);
        self.empty();
        self.points();
        self.preamble();
    }

    fn spelling_and_level(&mut self) {
        let fit = self.fit;
        for hit in &fit.hits {
            let h = self.heading(hit);
            let section = self.section(hit.section);
            let title = section.title();
            let name = match &hit.how {
                How::Spelling { name, .. } | How::Parenthesis { name, .. } => {
                    section.names.get(*name).map_or(title, |n| &n.text)
                }
                _ => title,
            };
            // Respelled with the author's apostrophes (`’` or `'`).
            let (before, core, after) = undecorated(&h.text);
            let canonical = &with_quotes_of(name, core);
            let tname = self.tname();
            if hit.wrong_level {
                let finding = Finding::new(
                    heading_span(self.doc, h),
                    format!(
                        "`{}` is a level-{} heading; template \"{tname}\" has `{}` as a level-{} section",
                        h.text, h.level, title, section.level
                    ),
                )
                .help(format!(
                    "write `{} {before}{canonical}{}{after}`",
                    marker(section.level),
                    self.kept_parenthesis(h, hit)
                ));
                self.report(Check::Level, finding);
                continue;
            }
            if let How::Parenthesis { diffs, .. } = &hit.how {
                self.unaccepted_parenthesis(hit, canonical, diffs, name != title);
                continue;
            }
            if let How::Spelling { diffs, .. } = &hit.how {
                let what = differences(diffs);
                let also = if name != title {
                    format!(" (an accepted spelling of `{title}`)")
                } else {
                    String::new()
                };
                // The title against the template's, the decoration around
                // it (kept) left out and the parenthesis it keeps on both;
                // where only spacing differs, the spaces that do not show.
                let kept = self.kept_parenthesis(h, hit);
                let written = if diffs.contains(&Diff::Spacing) {
                    visible_spaces(core)
                } else {
                    core.into()
                };
                let mut finding = Finding::new(
                    heading_span(self.doc, h),
                    format!(
                        "section title `{written}` is spelled `{canonical}{kept}` in template \"{tname}\" ({what})"
                    ),
                )
                .help(format!(
                    "write `{}`{also}",
                    self.respelled(h, section, canonical, self.kept_parenthesis(h, hit))
                ));
                // Safe when the heading is plain text (no markup to lose).
                // An accepted parenthesis after the title stays; the final
                // punctuation after it goes.
                // The title alone: the emoji around it stay.
                if self.is_plain(h) {
                    let start = h.text_span.start + before.len();
                    let text = Span::new(start, start + core.len());
                    finding = finding.fix(Fix::safe(
                        format!("write `{canonical}{kept}`"),
                        vec![Edit::replace(text, format!("{canonical}{kept}"))],
                    ));
                }
                self.report(Check::Spelling, finding);
            }
        }
    }

    /// A section's title followed by a parenthesis the section does not
    /// accept (`## Repères clairs (pour s'y retrouver)`): the parenthesis is
    /// what differs (with the title's own differences, if any). Its fix,
    /// which drops the author's words, is unsafe.
    fn unaccepted_parenthesis(&mut self, hit: &Hit, canonical: &str, diffs: &[Diff], alias: bool) {
        let h = self.heading(hit);
        let section = self.section(hit.section);
        let title = section.title();
        let tname = self.tname();
        let (before, core, _) = undecorated(&h.text);
        let named = if alias {
            format!("`{canonical}` (an accepted spelling of `{title}`)")
        } else {
            format!("`{title}`")
        };
        let also = if diffs.is_empty() {
            String::new()
        } else {
            format!("; its title's {} too", differences(diffs))
        };
        let mut finding = Finding::new(
            heading_span(self.doc, h),
            format!(
                "`{}` is the section {named} followed by a parenthesis, which template \"{tname}\" does not take after this title{also}",
                h.text
            ),
        )
        .help(format!(
            "write `{}`, and move what the parenthesis says into the section's text",
            self.respelled(h, section, canonical, "")
        ));
        if self.is_plain(h) {
            let start = h.text_span.start + before.len();
            finding = finding.fix(Fix::risky(
                format!("write `{canonical}` without the parenthesis"),
                vec![Edit::replace(
                    Span::new(start, start + core.len()),
                    canonical.to_string(),
                )],
            ));
        }
        self.report(Check::Spelling, finding);
    }

    fn unknown(&mut self, in_order: &[&Hit]) {
        let fit = self.fit;
        let tname = self.tname().to_string();
        let others: Vec<&Template> = self
            .rule
            .templates
            .iter()
            .filter(|t| !std::ptr::eq(*t, fit.template))
            .collect();
        // The headings recognised as each section, in document order.
        let mut of_section: Vec<Vec<usize>> = vec![Vec::new(); fit.template.sections.len()];
        for hit in &fit.hits {
            if let Some(v) = of_section.get_mut(hit.section) {
                v.push(hit.heading);
            }
        }
        // Unknown headings fall in the gaps between in-order sections; those
        // without a suggestion are grouped by gap to pair them with the
        // sections absent there.
        let gap = |heading: usize| in_order.partition_point(|h| h.heading < heading);
        let mut by_gap: HashMap<usize, Vec<usize>> = HashMap::new();
        for u in fit.unknown.iter().filter(|u| u.suggestion.is_none()) {
            by_gap.entry(gap(u.heading)).or_default().push(u.heading);
        }
        let mut elsewhere_of: HashMap<(&str, u8), String> = HashMap::new();
        // Near misses: unknown, but taken for the section they are near.
        let near = fit
            .hits
            .iter()
            .filter(|h| h.how == How::Near)
            .map(|h| (h.heading, Some(h.section), true));
        let plain = fit.unknown.iter().map(|u| (u.heading, u.suggestion, false));
        let all: Vec<(usize, Option<usize>, bool)> = near.chain(plain).collect();
        for (heading, suggestion, stands_for) in all {
            let h = &self.doc.body.headings[heading];
            if !stands_for && fit.template.allow_extra_sections {
                continue;
            }
            let elsewhere = elsewhere_of
                .entry((h.text.as_str(), h.level))
                .or_insert_with(|| {
                    others
                        .iter()
                        .find(|t| {
                            Title::new(&h.text)
                                .and_then(|title| strict_match(t, &title))
                                .is_some_and(|(s, ..)| t.sections[s].level == h.level)
                        })
                        .map(|t| format!(" (it is a section of template \"{}\")", t.name))
                        .unwrap_or_default()
                })
                .clone();
            let text = if h.text.is_empty() {
                "a heading with no text".to_string()
            } else {
                format!("`{}`", h.text)
            };
            // A heading above the sections (a second `#` title in the
            // body) cuts the section before it short.
            let above = if h.level < fit.template.top {
                format!(
                    ": a level-{} heading, above its sections (level {})",
                    h.level, fit.template.top
                )
            } else {
                String::new()
            };
            let message =
                format!("{text} is not a section of template \"{tname}\"{elsewhere}{above}");
            let mut finding = Finding::new(heading_span(self.doc, h), message);
            let help = match suggestion {
                Some(s) => {
                    let section = self.section(s);
                    let present = of_section
                        .get(s)
                        .and_then(|v| v.iter().find(|&&x| x != heading))
                        .map(|&x| self.doc.body.headings[x].clone());
                    match present {
                        Some(p) => {
                            finding = finding.label(
                                heading_span(self.doc, &p),
                                format!("`{}` is here", section.title()),
                            );
                            format!(
                                "did you mean `{}`? it is already at line {}; rename or remove this heading",
                                section.title(),
                                self.line(&p)
                            )
                        }
                        None => format!(
                            "did you mean `{}`? write `{} {}`",
                            section.title(),
                            marker(section.level),
                            section.title()
                        ),
                    }
                }
                None => {
                    // The sections absent from between the in-order sections
                    // around the heading; when the unknown headings there are
                    // as many, the one of the same rank.
                    let g = gap(heading);
                    let lo = g
                        .checked_sub(1)
                        .and_then(|i| in_order.get(i))
                        .map_or(0, |h| h.section + 1);
                    let hi = in_order
                        .get(g)
                        .map_or(fit.template.sections.len(), |h| h.section);
                    let mut expected: Vec<usize> = (lo..hi)
                        .filter(|&s| of_section.get(s).is_some_and(Vec::is_empty))
                        .collect();
                    let group = by_gap.get(&g).map_or(&[][..], Vec::as_slice);
                    if group.len() == expected.len()
                        && let Ok(rank) = group.binary_search(&heading)
                    {
                        expected = expected.get(rank).copied().into_iter().collect();
                        // One heading in the place of one absent section:
                        // one finding, which can rename the heading.
                        if let [s] = expected[..]
                            && self.rule.enabled(Check::Unknown)
                            && h.level == self.section(s).level
                        {
                            self.stood_in_for.push(s);
                            let title = self.section(s).title().to_string();
                            if self.is_plain(h) {
                                // The emoji and section number around the
                                // title stay (`## 7. …`).
                                let (before, core, _) = undecorated(&h.text);
                                let at = h.text_span.start + before.len();
                                finding = finding.fix(Fix::risky(
                                    format!(
                                        "rename the heading to `{title}` (its content may not fit)"
                                    ),
                                    vec![Edit::replace(Span::new(at, at + core.len()), title)],
                                ));
                            }
                        }
                    }
                    let rest =
                        "make it a subsection (`###`) of the section it belongs to, or remove it";
                    if expected.is_empty() {
                        format!(
                            "the sections of \"{tname}\" are, in order: {}; {rest}",
                            outline(fit.template)
                        )
                    } else {
                        let names = expected
                            .iter()
                            .map(|&s| format!("`{}`", self.section(s).title()))
                            .collect::<Vec<_>>()
                            .join(" or ");
                        format!(
                            "at this place \"{tname}\" expects {names}: rename the heading, or {rest}"
                        )
                    }
                }
            };
            self.report(Check::Unknown, finding.help(help));
        }
    }

    fn order_and_duplicates(&mut self, in_order: &[&Hit]) {
        let fit = self.fit;
        let tname = self.tname().to_string();
        // The first occurrence of each section: the in-order one if any.
        let mut first: HashMap<usize, usize> =
            in_order.iter().map(|h| (h.section, h.heading)).collect();
        let mut kept = vec![false; fit.hits.len()];
        for &i in &fit.in_order {
            if let Some(k) = kept.get_mut(i) {
                *k = true;
            }
        }
        for (i, hit) in fit.hits.iter().enumerate() {
            if kept.get(i).copied().unwrap_or(false) {
                continue;
            }
            let h = self.heading(hit).clone();
            let title = self.section(hit.section).title().to_string();
            if let Some(&f) = first.get(&hit.section) {
                let other = self.doc.body.headings[f].clone();
                let finding = Finding::new(
                    heading_span(self.doc, &h),
                    format!(
                        "section `{title}` appears twice in the article (template \"{tname}\")"
                    ),
                )
                .label(
                    heading_span(self.doc, &other),
                    if other.span.start < h.span.start {
                        "first here"
                    } else {
                        "again here, in the template's order"
                    },
                )
                .help(format!(
                    "merge this section into the one at line {}, or rename it",
                    self.line(&other)
                ));
                self.report(Check::Duplicate, finding);
                continue;
            }
            first.insert(hit.section, hit.heading);
            if hit.wrong_level {
                continue; // reported as a level; its place is secondary
            }
            // Out of order: before an in-order section it should follow, or
            // after one it should precede.
            let follow = in_order
                .iter()
                .filter(|x| x.section < hit.section && x.heading > hit.heading)
                .max_by_key(|x| x.section);
            let precede = in_order
                .iter()
                .filter(|x| x.section > hit.section && x.heading < hit.heading)
                .min_by_key(|x| x.section);
            let (relation, anchor) = match (follow, precede) {
                (Some(f), _) => ("after", f),
                (None, Some(p)) => ("before", p),
                (None, None) => continue,
            };
            let anchor_h = self.heading(anchor).clone();
            let anchor_title = self.section(anchor.section).title().to_string();
            let moved = self.move_fix(hit.heading, anchor.heading, relation == "after");
            let finding = Finding::new(
                heading_span(self.doc, &h),
                format!(
                    "section `{title}` is out of order: template \"{tname}\" puts it {relation} `{anchor_title}`"
                ),
            )
            .label(
                heading_span(self.doc, &anchor_h),
                format!("`{}` is here", self.written(anchor)),
            )
            .help(format!(
                "move this section {relation} the `{}` section (line {}); the order is {}",
                self.written(anchor),
                self.line(&anchor_h),
                outline(fit.template)
            ));
            let finding = match moved {
                Some(fix) => finding.fix(fix),
                None => finding,
            };
            self.report(Check::Order, finding);
        }
    }

    fn missing(&mut self, in_order: &[&Hit]) {
        let fit = self.fit;
        let tname = self.tname().to_string();
        for (s, section) in fit.template.sections.iter().enumerate() {
            if !section.required
                || fit.hits.iter().any(|h| h.section == s)
                || self.stood_in_for.contains(&s)
            {
                continue;
            }
            let title = section.title();
            let add = format!("add a `{} {title}` section", marker(section.level));
            let after = in_order.iter().rev().find(|h| h.section < s);
            let before = in_order.iter().find(|h| h.section > s);
            let (span, place, help) = match (after, before) {
                (Some(a), b) => {
                    let ah = self.heading(a);
                    let at = self.written(a);
                    let help = match b {
                        Some(b) => format!(
                            "{add} between `{at}` (line {}) and `{}` (line {})",
                            self.line(ah),
                            self.written(b),
                            self.line(self.heading(b))
                        ),
                        None => format!("{add} after the `{at}` section (line {})", self.line(ah)),
                    };
                    (heading_span(self.doc, ah), format!(" after `{at}`"), help)
                }
                (None, Some(b)) => {
                    let bh = self.heading(b);
                    let bt = self.written(b);
                    (
                        heading_span(self.doc, bh),
                        format!(" before `{bt}`"),
                        format!("{add} before `{bt}` (line {})", self.line(bh)),
                    )
                }
                (None, None) => (
                    first_line(self.doc),
                    String::new(),
                    format!("{add}; the order is {}", outline(fit.template)),
                ),
            };
            let insert_at = match (after, before) {
                (Some(a), _) => self.doc.body.sections.get(a.heading).map(|s| s.span.end),
                (None, Some(b)) => Some(self.heading(b).span.start),
                (None, None) => None,
            };
            // Several missing at one place are listed in the template's order.
            let mut finding = Finding::new(
                span,
                format!("section `{title}` of template \"{tname}\" is missing{place}"),
            )
            .help(help)
            .rank(u32::try_from(s).unwrap_or(u32::MAX));
            if let Some(at) = insert_at {
                let heading = format!("{} {title}", marker(section.level));
                finding = finding.fix(Fix::risky(
                    format!("add an empty `{heading}` section"),
                    vec![Edit::insert(at, self.block_at(at, &heading))],
                ));
            }
            self.report(Check::Missing, finding);
        }
    }

    fn empty(&mut self) {
        let fit = self.fit;
        let tname = self.tname().to_string();
        let starts = content_starts(self.doc);
        for hit in &fit.hits {
            let Some(section) = self.doc.body.sections.get(hit.heading) else {
                continue;
            };
            if !is_empty(&starts, section.content) {
                continue;
            }
            let h = self.heading(hit);
            let title = self.section(hit.section).title();
            let what = if self.section(hit.section).required {
                "write its content"
            } else {
                "write its content, or remove the heading"
            };
            let finding = Finding::new(
                heading_span(self.doc, h),
                format!("section `{title}` is empty (template \"{tname}\")"),
            )
            .help(what);
            self.report(Check::Empty, finding);
        }
    }

    /// Sections with fewer or more points than their `points` asks.
    fn points(&mut self) {
        let fit = self.fit;
        let tname = self.tname().to_string();
        for hit in &fit.hits {
            let section = self.section(hit.section);
            let Some(wanted) = section.points.clone() else {
                continue;
            };
            let Some(body_section) = self.doc.body.sections.get(hit.heading) else {
                continue;
            };
            let h = self.heading(hit);
            let readings = section_points(self.doc, h.level, body_section.content);
            let fits = |n: usize| {
                wanted.min.is_none_or(|min| n >= min) && wanted.max.is_none_or(|max| n <= max)
            };
            // None marked out (not told apart), or a reading that fits.
            let Some(found) = readings.first() else {
                continue;
            };
            if readings.iter().any(|r| fits(r.len())) {
                continue;
            }
            let n = found.len();
            let many = wanted.max.is_some_and(|max| n > max);
            let name = wanted.name.trim();
            let plural = |k: usize| {
                if k == 1 {
                    format!("{k} {name}")
                } else {
                    format!("{k} {name}s")
                }
            };
            let asked = match (wanted.min, wanted.max) {
                (Some(a), Some(b)) if a == b => plural(a),
                (Some(a), Some(b)) => format!("{a} to {}", plural(b)),
                (Some(a), None) => format!("at least {}", plural(a)),
                (None, Some(b)) => format!("at most {}", plural(b)),
                (None, None) => continue,
            };
            let title = section.title();
            let help = if many {
                format!(
                    "keep {asked}: merge the {name}s that say the same thing, or move one to another section"
                )
            } else {
                format!(
                    "write {asked}, each a subsection, a paragraph opening with bold text or a list item"
                )
            };
            let mut finding = Finding::new(
                heading_span(self.doc, h),
                format!(
                    "section `{title}` makes {}; template \"{tname}\" asks for {asked}",
                    plural(n)
                ),
            )
            .help(help);
            for (i, span) in found.iter().enumerate() {
                finding = finding.label(*span, format!("{name} {}", i + 1));
            }
            self.report(Check::Points, finding);
        }
    }

    fn preamble(&mut self) {
        let fit = self.fit;
        if fit.template.allow_preamble {
            return;
        }
        let body = &self.doc.body;
        let first = body
            .headings
            .iter()
            .find(|h| h.level <= fit.template.top)
            .map_or(self.doc.source.len(), |h| h.span.start);
        let before = Span::new(self.doc.body_start, first);
        let spans = body
            .blocks
            .iter()
            .map(|b| b.span)
            .chain(body.code_blocks.iter().copied())
            .chain(
                body.html
                    .iter()
                    .filter(|h| !is_comment(&h.text))
                    .map(|h| h.span),
            )
            .chain(body.every_heading().map(|h| h.span))
            .filter(|s| s.start >= before.start && s.end <= before.end && s.start < first);
        let Some(span) = spans.min_by_key(|s| s.start) else {
            return;
        };
        let first_title = fit.template.sections.first().map_or("", Section::title);
        let finding = Finding::new(
            span,
            format!(
                "text before the first section; template \"{}\" starts with `{first_title}`",
                fit.template.name
            ),
        )
        .help(format!(
            "move this text into the `{first_title}` section, or remove it"
        ));
        self.report(Check::Preamble, finding);
    }
}

/// The points a section makes (see the `points` option), each at its
/// heading, its bold text, or its item's first line, as each way the
/// section can be read gives them: the first reading is the one findings
/// name, and a count is only wrong when no reading fits it.
///
/// - Its subsections (the headings of the highest level below `level`),
///   only the numbered ones when they are numbered, two or more ([`is_numbered`]:
///   `### En résumé` after `### 1.` … `### 5.` is none).
/// - Else, when two or more of its paragraphs open with numbered bold
///   text (`**1. …**`, `**Principe 2 :**`, `**II. …**`), those: a list
///   under one is its detail, and `**À retenir :**` beside them no point.
/// - Else two readings, when bold leads and lists are both there: the
///   paragraphs that open with bold text (a list under one being its
///   detail), and the top-level items of its lists (the leads heading
///   them: `**Côté équipe :**`, a list, `**Côté direction :**`, a list).
///   The items come first when the leads only introduce or close them (one
///   lead right before a list, `**Mon cadre :** cinq principes.`; leads
///   after the last item, `**À retenir :**`).
fn section_points(doc: &Document, level: u8, content: Span) -> Vec<Vec<Span>> {
    let inside = |s: Span| s.start >= content.start && s.end <= content.end;
    let below: Vec<&Heading> = doc
        .body
        .headings
        .iter()
        .filter(|h| h.level > level && inside(h.span))
        .collect();
    if let Some(top) = below.iter().map(|h| h.level).min() {
        let subsections: Vec<&Heading> = below.into_iter().filter(|h| h.level == top).collect();
        // A numbering is two numbered titles or more: one alone (`### 3
        // questions à se poser`) may be a title that starts so.
        let numbering = subsections.iter().filter(|h| is_numbered(&h.text)).count() >= 2;
        return vec![
            subsections
                .into_iter()
                .filter(|h| !numbering || is_numbered(&h.text))
                .map(|h| heading_span(doc, h))
                .collect(),
        ];
    }
    let blocks: Vec<&Block> = doc
        .body
        .blocks
        .iter()
        .filter(|b| inside(b.span) && b.kind != BlockKind::TableRow)
        .collect();
    // A list item inside another (its span within the other's: blocks are
    // in the order of the file) is a detail, not a point.
    let mut outer_end = 0;
    let top: Vec<&Block> = blocks
        .into_iter()
        .filter(|b| {
            let nested = b.span.start < outer_end && b.span.end <= outer_end;
            if !nested {
                outer_end = b.span.end;
            }
            !nested
        })
        .collect();
    // The paragraphs that open with bold text, by their place in `top`.
    let leads: Vec<(usize, &Block, std::ops::Range<usize>)> = top
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Paragraph)
        .filter_map(|(i, b)| Some((i, *b, b.strong.iter().find(|r| r.start == 0)?.clone())))
        .collect();
    let numbered: Vec<Span> = leads
        .iter()
        .filter(|(_, b, lead)| is_numbered(b.text.get(lead.clone()).unwrap_or("")))
        .map(|(_, b, lead)| b.source_span(lead.clone()))
        .collect();
    if numbered.len() >= 2 {
        return vec![numbered];
    }
    let items: Vec<(usize, Span)> = top
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::ListItem)
        .map(|(i, b)| (i, item_title(doc, b)))
        .collect();
    let is_item = |i: usize| top.get(i).is_some_and(|b| b.kind == BlockKind::ListItem);
    let last_item = items.last().map(|(i, _)| *i);
    // A lead that only introduces a list (right before it, alone or ending
    // with a colon: `**Côté équipe :**`) or closes the lists (after the
    // last item); a numbered one (`**1. Un**`) is a point.
    let only_frames = |(i, b, lead): &(usize, &Block, std::ops::Range<usize>)| {
        let title = b.text.get(lead.clone()).unwrap_or("");
        let colon = title.trim_end().ends_with(':');
        !is_numbered(title)
            && ((is_item(i + 1) && (leads.len() == 1 || colon))
                || last_item.is_some_and(|last| *i > last))
    };
    let bold: Vec<Span> = leads
        .iter()
        .map(|(_, b, lead)| b.source_span(lead.clone()))
        .collect();
    let items: Vec<Span> = items.into_iter().map(|(_, s)| s).collect();
    let mut readings = if leads.iter().all(only_frames) {
        vec![items, bold]
    } else {
        vec![bold, items]
    };
    readings.retain(|r| !r.is_empty());
    readings
}

/// Whether a point's title is numbered, after the pictographs before it
/// (`🟢 1.`): `1.`, `1)`, `#1`, `1️⃣`, a roman numeral and its mark (`II.`,
/// `IV –`), a word and a number (`Principe 2 :`, `Règle n°3`), or an
/// ordinal (`Premier principe`, `Troisième règle`).
fn is_numbered(title: &str) -> bool {
    let t = title.trim_start_matches(|c: char| {
        c.is_whitespace() || super::is_decoration(c) || matches!(c, '(' | '[')
    });
    // `#1`, a keycap (`1️⃣`), a section number (`1.`, `2)`, `03 -`), a
    // number and its mark alone (`1.`); not a number that starts the words
    // (`3 questions`, `2 minutes pour trancher`).
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    if let Some(rest) = t.strip_prefix('#') {
        return digits(rest) > 0;
    }
    if digits(t) > 0 {
        let after = &t[digits(t)..];
        return super::keycap(t).is_some()
            || super::section_number(t).is_some()
            || matches!(after.trim_end(), "" | "." | ")" | ".)" | ":");
    }
    let roman = |w: &str| {
        let n = w
            .bytes()
            .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
            .count();
        n > 0 && {
            let rest = w[n..].trim_start();
            rest.is_empty() || rest.starts_with(['.', ')', ':', '-', '–', '—'])
        }
    };
    if roman(t) {
        return true;
    }
    let mut words = t.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first = first.trim_end_matches([':', ',', '.']).to_lowercase();
    // An ordinal, its accents, gender and number left out.
    const ORDINALS: &str = "premier deuxiem second troisiem quatriem cinquiem sixiem septiem huitiem neuviem dixiem dernier";
    let mut folded = String::new();
    super::without_marks(&first, |c| folded.push(c));
    let stem = folded.trim_end_matches(['e', 's']);
    let ordinal = ORDINALS.split(' ').any(|o| o == stem);
    if ordinal {
        return true;
    }
    // `Principe 2 :`, `Règle n°3`: a number after the first word, then a
    // mark or nothing (`Moins 10 %` is no numbering).
    let Some(second) = words.next() else {
        return false;
    };
    let second = ["n°", "nº", "no."]
        .iter()
        .find_map(|p| second.strip_prefix(p))
        .unwrap_or(second);
    let digits = second.bytes().take_while(u8::is_ascii_digit).count();
    let mark = |rest: &str| rest.is_empty() || rest.starts_with(['.', ')', ':', '-', '–', '—']);
    (digits > 0
        && mark(&second[digits..])
        && (!second[digits..].is_empty()
            || words.next().is_none_or(|w| mark(w) || w.starts_with(':'))))
        || roman(second) && second.len() <= 5 && words.next().is_none_or(mark)
}

/// A list item's first line, from the start of its text (after the list
/// marker) to the end of the line: the markup that opens
/// its text (`*Écrire*`, `` `Fixer` ``, `[Nommer](…)`) included.
fn item_title(doc: &Document, b: &Block) -> Span {
    let whole = b.source_span(0..b.text.len());
    let source = doc.source.as_str();
    let line_start = source
        .get(..whole.start)
        .and_then(|s| s.rfind(['\n', '\r']))
        .map_or(0, |i| i + 1)
        .max(b.span.start.min(whole.start));
    // The item's marker and what opens it, up to its text.
    let lead = source.get(line_start..whole.start).unwrap_or("");
    let rest = lead.trim_start_matches([' ', '\t', '>']);
    let rest = list_marker(rest).map(|n| rest[n..].trim_start_matches([' ', '\t']));
    let start = match rest {
        Some(r) => whole.start - r.len(),
        None => whole.start,
    };
    let written = doc.text(Span::new(start, whole.end));
    let line = written.find(['\n', '\r']).unwrap_or(written.len());
    Span::new(start, start + written[..line].trim_end().len())
}

fn is_comment(html: &str) -> bool {
    let t = html.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// Where the things that give a section content start, sorted: prose, lists,
/// tables, code, links and images, HTML other than comments, and headings.
fn content_starts(doc: &Document) -> Vec<usize> {
    let body = &doc.body;
    let placeholders = empty_shortcode_pairs(doc);
    let mut starts: Vec<usize> = body
        .blocks
        .iter()
        .filter(|b| placeholders.is_empty() || !only_tags(doc, b.span, &placeholders))
        .map(|b| b.span.start)
        .chain(body.code_blocks.iter().map(|s| s.start))
        .chain(body.links.iter().map(|l| l.span.start))
        .chain(
            body.html
                .iter()
                .filter(|h| !is_comment(&h.text))
                .map(|h| h.span.start),
        )
        .chain(body.every_heading().map(|h| h.span.start))
        .collect();
    starts.sort_unstable();
    starts
}

/// The tags of the shortcode pairs with nothing between their tags but
/// blanks and other such pairs (`{{< notice tip >}}` then `{{< /notice
/// >}}`): a placeholder, which gives a section no content. A shortcode
/// without a closing tag (`{{< youtube … >}}`) shows something.
fn empty_shortcode_pairs(doc: &Document) -> Vec<Span> {
    let scan = &doc.body.shortcodes;
    let base = doc.body_start;
    let tag = |i: usize| Span::new(scan.tags[i].tag.start, scan.tags[i].tag.end).offset(base);
    let mut found: Vec<Span> = Vec::new();
    // Inner calls first: an empty one leaves the call around it empty.
    for (open, close) in scan.pairs(doc.source.get(base..).unwrap_or("")) {
        let (open, close) = (tag(open), tag(close));
        if only_tags(doc, Span::new(open.end, close.start), &found) {
            for t in [open, close] {
                let at = found.partition_point(|f| f.start < t.start);
                found.insert(at, t);
            }
        }
    }
    found
}

/// Whether the text at `span` is nothing but blanks and `tags` (sorted).
fn only_tags(doc: &Document, span: Span, tags: &[Span]) -> bool {
    let first = tags.partition_point(|t| t.end <= span.start);
    let mut at = span.start;
    for t in tags[first..].iter().take_while(|t| t.start < span.end) {
        if !doc.text(Span::new(at, t.start.max(at))).trim().is_empty() {
            return false;
        }
        at = at.max(t.end);
    }
    doc.text(Span::new(at.min(span.end), span.end))
        .trim()
        .is_empty()
}

/// Whether nothing of `starts` lies in `content`.
fn is_empty(starts: &[usize], content: Span) -> bool {
    let i = starts.partition_point(|&s| s < content.start);
    starts.get(i).is_none_or(|&s| s >= content.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readings of the points of the first section of `body` (an H2),
    /// as written.
    fn readings_of(body: &str) -> Vec<Vec<String>> {
        let doc = Document::parse("2025-01-01-x.md", format!("## Cadre\n\n{body}\n## Fin\n"));
        let section = &doc.body.sections[0];
        section_points(&doc, 2, section.content)
            .into_iter()
            .map(|r| r.into_iter().map(|s| doc.text(s).to_string()).collect())
            .collect()
    }

    /// The points of the first reading.
    fn points_of(body: &str) -> Vec<String> {
        readings_of(body).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn a_section_s_points() {
        // Subsections first.
        assert_eq!(
            points_of("### Un\n\nA.\n\n### Deux\n\n- x\n- y\n"),
            ["Un", "Deux"]
        );
        // Only the numbered ones when some are.
        assert_eq!(
            points_of("### 1. Un\n\nA.\n\n### 2. Deux\n\nB.\n\n### En résumé\n\nC.\n"),
            ["1. Un", "2. Deux"]
        );
        // One title that starts with a number or an ordinal is no
        // numbering: every subsection counts.
        assert_eq!(
            points_of(
                "### Écouter\n\nA.\n\n### 3 questions à se poser\n\nB.\n\n### Premiers pas\n\nC.\n"
            ),
            ["Écouter", "3 questions à se poser", "Premiers pas"]
        );
        assert_eq!(
            points_of("**Écouter.** A.\n\n**2 minutes pour trancher.** B.\n\n**Décider.** C.\n"),
            ["Écouter.", "2 minutes pour trancher.", "Décider."]
        );
        // The highest level below the section's.
        assert_eq!(
            points_of("#### Un\n\n- x\n- y\n\n#### Deux\n\n- z\n"),
            ["Un", "Deux"]
        );
        // Else numbered bold leads, a bold lead-in beside them left out, a
        // list under one being its detail.
        assert_eq!(
            points_of("**1. Un**\nA.\n- x\n- y\n\n**2. Deux**\nB.\n\n**À retenir :** tout.\n"),
            ["1. Un", "2. Deux"]
        );
        assert_eq!(
            points_of(
                "**Principe 1 : Un**\nA.\n\n**Pourquoi :** B.\n\n**Principe 2 : Deux**\nC.\n"
            ),
            ["Principe 1 : Un", "Principe 2 : Deux"]
        );
        // Bold leads with no number all count.
        assert_eq!(points_of("**Un** : A.\n\n**Deux** : B.\n"), ["Un", "Deux"]);
        // One bold paragraph right before a list introduces it; a numbered
        // one is a point, its list the detail.
        assert_eq!(
            points_of("**Mon cadre :** trois principes.\n\n1. Un\n2. Deux\n3. Trois\n"),
            ["Un", "Deux", "Trois"]
        );
        assert_eq!(points_of("**1. Un**\nA.\n- x\n- y\n"), ["1. Un"]);
        assert_eq!(points_of("**Un** : A.\n\nB.\n\n- x\n- y\n"), ["Un"]);
        // Leads after the last item close the list: the items come first,
        // the leads being the other reading.
        assert_eq!(
            readings_of("- Un\n- Deux\n- Trois\n\n**À retenir :** tout.\n"),
            [vec!["Un", "Deux", "Trois"], vec!["À retenir :"]]
        );
        assert_eq!(
            readings_of("**Mon cadre :** x.\n\n- Un\n- Deux\n\n**En résumé :** y.\n"),
            [vec!["Un", "Deux"], vec!["Mon cadre :", "En résumé :"]]
        );
        // Leads over lists: the items or the leads are the points; the
        // items first when the leads end with a colon.
        assert_eq!(
            readings_of("**A :**\n\n- Un\n- Deux\n\n**B :**\n\n- Trois\n"),
            [vec!["Un", "Deux", "Trois"], vec!["A :", "B :"]]
        );
        assert_eq!(
            readings_of("**A**\n\n- Un\n- Deux\n\n**B**\n\n- Trois\n"),
            [vec!["A", "B"], vec!["Un", "Deux", "Trois"]]
        );
        // Else top-level list items, at their first line, in a loose list
        // too, from the start of their text (its markup included).
        assert_eq!(
            points_of("Intro.\n\n- Un\n  suite\n  - détail\n\n- Deux\n\n  Paragraphe.\n"),
            ["Un", "Deux"]
        );
        assert_eq!(
            points_of("1. *Un* x\n2. `Deux` y\n3. [Trois](/p/) z\n4. **Quatre** : w\n- [ ] Cinq\n"),
            [
                "*Un* x",
                "`Deux` y",
                "[Trois](/p/) z",
                "**Quatre** : w",
                "[ ] Cinq"
            ]
        );
        // Plain paragraphs: not counted.
        assert!(readings_of("A.\n\nB.\n").is_empty());
    }

    #[test]
    fn numbered_points() {
        for t in [
            "1. Un",
            "1) Un",
            "#1 Un",
            "1\u{fe0f}\u{20e3} Un",
            "🟢 1. Un",
            "II. Deux",
            "IV – Quatre",
            "Principe 2 : Deux",
            "Principe 2",
            "Règle n°3 : Trois",
            "Principe 1. Un",
            "Premier principe : Un",
            "Troisième règle",
            "Principe IV : x",
        ] {
            assert!(is_numbered(t), "{t}");
        }
        for t in [
            "Un",
            "À retenir :",
            "Moins 10 % de départs",
            "3 questions à se poser",
            "2024 : bilan",
            "1.5 an plus tard",
            "Les 3 piliers",
            "Vision :",
            "Idée",
        ] {
            assert!(!is_numbered(t), "{t}");
        }
    }

    #[test]
    fn spaces_that_do_not_show_are_written_out() {
        assert_eq!(
            visible_spaces("Repères\u{a0}clairs"),
            "Repères\\u{a0}clairs"
        );
        assert_eq!(
            visible_spaces("Le\u{202f}réel\u{200b}"),
            "Le\\u{202f}réel\\u{200b}"
        );
        assert!(matches!(
            visible_spaces("Repères clairs"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn folding_forgives_case_accents_apostrophes_and_spaces() {
        let f = |s| fold(s, None);
        assert_eq!(f("Dédramatisation"), f("DEDRAMATISATION"));
        assert_eq!(f("Si c’était à refaire"), f("Si c'etait a refaire"));
        assert_eq!(f("  Repères\u{a0}  clairs "), f("Repères clairs"));
        assert_eq!(f("Le réel ( sans filtre )"), f("Le réel (sans filtre)"));
        assert_eq!(f("Pourquoi ?"), f("Pourquoi"));
        // Decomposed and composed accents are the same text.
        assert_eq!(f("Re\u{301}el"), f("Réel"));
        assert_ne!(f("Erreurs classiques"), f("Erreurs fréquentes"));
    }

    #[test]
    fn differences_are_named() {
        assert_eq!(diffs("Dedramatisation", "Dédramatisation"), [Diff::Accents]);
        assert_eq!(diffs("repères clairs", "Repères clairs"), [Diff::Case]);
        // A typographic apostrophe is the apostrophe, not a difference; an
        // acute accent for one is.
        assert_eq!(diffs("Si c’était à refaire", "Si c'était à refaire"), []);
        assert_eq!(
            diffs("Si c´était à refaire", "Si c'était à refaire"),
            [Diff::Apostrophes]
        );
        assert_eq!(
            diffs("Si c’etait à refaire", "Si c'était à refaire"),
            [Diff::Accents]
        );
        assert_eq!(
            diffs("Repères clairs :", "Repères clairs"),
            [Diff::FinalPunctuation]
        );
        assert_eq!(diffs("Repères  clairs", "Repères clairs"), [Diff::Spacing]);
        // ASCII takes a shorter way: the backtick is an apostrophe, and
        // ASCII capitals a difference of case.
        assert_eq!(
            diffs("Si c`était à refaire", "Si c'était à refaire"),
            [Diff::Apostrophes]
        );
        assert_eq!(diffs("Le REEL", "Le réel"), [Diff::Case, Diff::Accents]);
        assert_eq!(
            diffs("REPERES clairs", "Repères clairs"),
            [Diff::Case, Diff::Accents]
        );
    }

    /// A title written with typographic apostrophes or quotes is the title;
    /// respelled, it keeps them.
    #[test]
    fn typographic_quotes_are_the_author_s() {
        assert_eq!(
            exact_form("Si c’était à refaire"),
            exact_form("Si c'était à refaire")
        );
        assert_eq!(exact_form("“Non” ʼ"), "\"Non\" '");
        assert_ne!(exact_form("Si c´était"), exact_form("Si c'était"));
        assert_eq!(
            with_quotes_of("Si c'était à refaire", "Si c’etait a refaire"),
            "Si c’était à refaire"
        );
        assert_eq!(
            with_quotes_of("L'art d'oser", "l’art d'oser"),
            "L’art d'oser"
        );
        // As many as the title has, or the title as it is.
        assert_eq!(
            with_quotes_of("L'art d'oser", "l’art doser"),
            "L'art d'oser"
        );
        assert_eq!(with_quotes_of("Si c'était", "Si c´etait"), "Si c'était");
    }

    #[test]
    fn near_titles() {
        let s = |a: &str, b: &str| similarity_of(&fold(a, None), &fold(b, None));
        assert!(s("Le reel", "Le réel (sans filtre)") >= FUZZY_THRESHOLD);
        assert!(s("Reperes clair", "Repères clairs") >= FUZZY_THRESHOLD);
        assert!(s("Erreurs classiques", "Erreurs fréquentes") < FUZZY_THRESHOLD);
        assert!(s("Retour terrain", "Repères clairs") < FUZZY_THRESHOLD);
        assert!(s("Le", "Le réel (sans filtre)") < FUZZY_THRESHOLD);
        let long = "a".repeat(10_000);
        assert!(s(&long, "Repères clairs") < FUZZY_THRESHOLD);
    }

    #[test]
    fn parenthesis_is_stripped_only_at_the_end() {
        assert_eq!(
            strip_parenthesis("Erreurs fréquentes (et comment les éviter)"),
            Some(("Erreurs fréquentes", ""))
        );
        assert_eq!(strip_parenthesis("(tout)"), None);
        assert_eq!(strip_parenthesis("(tout) :"), None);
        assert_eq!(strip_parenthesis("Erreurs"), None);
        assert_eq!(strip_parenthesis("Erreurs :"), None);
        assert_eq!(strip_parenthesis("Erreurs(x)"), Some(("Erreurs", "")));
        // Final punctuation after the group is given apart.
        assert_eq!(
            strip_parenthesis("Erreurs (et comment)\u{a0}:"),
            Some(("Erreurs", "\u{a0}:"))
        );
        assert_eq!(
            strip_parenthesis("Erreurs (x)..."),
            Some(("Erreurs", "..."))
        );
    }

    /// The best fit without fitting every template completely is the one
    /// fitting them all completely gives: the best score, the first listed
    /// among equals.
    #[test]
    fn the_best_fit_is_found_without_fitting_every_template() {
        let options = "templates:
  - {name: A, sections: [Un, Deux, Trois, Quatre, Cinq]}
  - {name: B, sections: [Alpha, Beta, Gamma, Delta, Epsilon]}
  - {name: C, sections: [Un, Beta, Trois, Delta]}
  - name: D
    sections: [{title: Deux, level: 3}, Quatre]
";
        let node = crate::yaml::parse(options, 0).unwrap().root.unwrap();
        let rule = build_rule(&node).unwrap();
        let candidates: Vec<&Template> = rule.templates.iter().collect();
        let docs = [
            "## Un\n## Deux\n## Trois\n## Quatre\n## Cinq\n",
            "## Alpha\n## Beta\n## Gama\n## Delta\n",
            "## Un\n## Beta\n## Trois\n",
            // A tie on sure sections, won by a later template's near miss.
            "## Un\n## Trois\n## Delt\n",
            "## Uno\n## Deu\n## Tros\n",
            "## Alpah\n## Bet\n## Gamma\n## Un\n",
            "## Beta\n### Deux\n## Quatre\n## Un\n",
            "## Rien\n## Autre\n",
            "",
            "### Deux\n### Quatre\n## Quatre\n## Cinq\n## Epsilon\n## Delta\n",
            "## Delta\n## Gamma\n## Beta\n## Alpha\n## Trois\n## Deux\n## Un\n",
        ];
        for text in docs {
            let doc = Document::parse("a.md", text.to_string());
            let headings = &doc.body.headings;
            let titles = Titles::new(headings);
            let every: Vec<Fit<'_>> = candidates
                .iter()
                .map(|t| fit(t, headings, &titles, true))
                .collect();
            let expected = every.into_iter().rev().max_by_key(|f| f.score()).unwrap();
            let found = best_fit(&candidates, headings, &titles).unwrap();
            assert_eq!(
                (found.template.name.as_str(), found.score()),
                (expected.template.name.as_str(), expected.score()),
                "{text:?}"
            );
        }
    }

    /// A file of many equal headings makes one title for them all.
    #[test]
    fn equal_headings_share_one_title() {
        let doc = Document::parse(
            "a.md",
            "## Un\n## Deux\n## Un\n### Un\n## Deux\n".to_string(),
        );
        let titles = Titles::new(&doc.body.headings);
        assert_eq!(titles.distinct.len(), 2);
        assert_eq!(titles.of, [0, 1, 0, 0, 1]);
        assert_eq!(titles.get(3).map(|t| t.nfc.as_str()), Some("Un"));
        assert!(titles.get(5).is_none());
    }

    #[test]
    fn longest_run_keeps_first_occurrences() {
        assert_eq!(longest_increasing(&[0, 1, 3, 2, 4, 5]), [0, 1, 3, 4, 5]);
        assert_eq!(longest_increasing(&[0, 1, 1, 2]), [0, 1, 3]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[3, 2, 1]).len(), 1);
    }

    #[test]
    fn headings_in_code_and_comments_are_not_sections() {
        let src = "## A\n\n```\n## B\n```\n\n    ## C\n\n<!--\n## D\n-->\n\ntexte <!-- ## E -->\n\n<!-- avec\n\n## F\n\nune ligne vide -->\n";
        let doc = Document::parse("a.md", src.to_string());
        let texts: Vec<&str> = doc.body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(texts, ["A"]);
    }
}
