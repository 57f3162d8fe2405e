//! The `front-matter` rule kind.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{BuildError, Context, Kind, Rule, did_you_mean, error_at, typo_of};
use crate::diagnostic::{Edit, Finding, Fix, quoted_list};
use crate::document::front_matter::key_entry;
use crate::document::{Content, Document, Format, FrontMatter};
use crate::pattern::{CaptureRegex, Pattern};
use crate::site::timestamp::{calendar_fault, is_date, is_datetime, readable_form};
use crate::span::Span;
use crate::yaml::{Node, Value, de};

pub static KIND: Kind = Kind {
    name: "front-matter",
    summary: "Front-matter keys: presence, types, allowed values, patterns, lengths, cross-field and file-name consistency",
    doc: DOC,
    build,
    schema: |g| g.subschema_for::<Options>(),
};

const DOC: &str = r#"Checks the front matter (YAML between `---` lines, TOML between `+++`, or a
JSON object: a file that starts with `{`, as Hugo reads it).

Options:
  syntax: true          Report a missing, unclosed or unreadable block (JSON
                        read strictly: no comma after the last entry), a YAML
                        block closed with `...` (Hugo does not build it), a
                        block that is not a mapping, and keys written twice
                        (also in two cases: Hugo reads `showToc` as
                        `ShowToc`, and finds a declared key either way).
  filename: TEMPLATE    The file name the front matter implies, e.g.
                        "{date}-{slug}.md" (a template ending in `.md` also
                        names `.markdown` files). `{key}` stands for the value of
                        `key`; a `date`-typed key matches YYYY-MM-DD (a
                        date-time's date). A key the
                        front matter lacks (e.g. `slug`) is taken from the file
                        name and not compared, but must match the key's
                        `pattern`. A `{key}` close to a declared field but
                        not one (`{slgu}`) is refused as a slip, and so is
                        a template that names a folder, has no extension,
                        or puts two keys side by side (unless the first is
                        a date). A leaf bundle's `index.md` is named by its
                        folder, as Hugo names the page: the `index.md` of
                        `2025-01-06-carte/` is compared as
                        `2025-01-06-carte.md`.
  fields:               One entry per key:
    KEY:
      required: bool          The key must be present (default false).
      type: TYPE              string | integer | number | boolean | date |
                              datetime | list | string-list | map. A `date`
                              is YYYY-MM-DD, or a date-time whose date it
                              gives (`2025-05-26T08:30:00+02:00`, as Hugo's
                              archetype writes it; `2025-05-26 08:30:00`).
                              A number is text to a `string` or
                              `string-list`, as Hugo reads it (`tags:
                              [bilan, 2024]`), unless its text is not the
                              one written (`1.10`, read as 1.1): that one
                              is reported, with a safe fix that quotes it.
      one_of: [VALUES]        Allowed values (each item, for a list), with a
                              "did you mean" for near misses; not empty.
      pattern: REGEX          The value (each item, for a list) must match.
      pattern_name: TEXT      What `pattern` asks, in words: the message
                              says "`tags` value `Carriere` is not lowercase
                              words joined by `-`" instead of quoting the
                              regex (which the help then gives).
      min_length, max_length  Length in characters of a string value, spaces
                              at either end not counted (`"  "` is blank).
      max_sentences: N        At most N sentences in a string value (a
                              sentence ends with `.`, `!`, `?` or `…` before
                              a capital letter, a digit, an opening quote or
                              the end; not after `M.`, `cf.`, `p. ex.`).
      min_items, max_items    Number of items of a list (blank items, `""`
                              or `~`, do not count towards the minimum).
      contained_in: KEY       The value must appear in the list KEY
                              (e.g. `pillar` in `pillars`).
      normalize: lowercase    A value outside `one_of` or `pattern` whose
                              lowercase form fits gets a safe fix.
      help: TEXT              What to tell the author when the key is wrong.

Unknown keys are allowed. Every finding points at the key or value concerned;
a missing key points at the block's opening (`---`, `+++` or `{`). A help
writes what it suggests in the block's format (`"weight": 2` in JSON). A
value of the wrong type gets a safe fix when what was meant is plain: its
quotes removed (`weight: "2"`), or `true`/`false` for a boolean written
`yes`, `no`, `on` or `off` (any case, quoted or not), which YAML 1.2 reads as
a string. A YAML `!!str` tag,
which makes any value a string, is removed with the quotes (`ShowToc: !!str
yes` → `ShowToc: true`).

Example:
  - id: front-matter
    kind: front-matter
    severity: error
    filename: "{date}-{slug}.md"
    fields:
      date: { required: true, type: date }
      pillar: { required: true, one_of: [le-role-du-cto, trouver-sa-place], contained_in: pillars }
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum FieldType {
    String,
    Integer,
    Number,
    Boolean,
    Date,
    Datetime,
    List,
    StringList,
    Map,
}

impl FieldType {
    fn describe(self) -> &'static str {
        match self {
            FieldType::String => "a string",
            FieldType::Integer => "an integer",
            FieldType::Number => "a number",
            FieldType::Boolean => "a boolean",
            FieldType::Date => "a date (YYYY-MM-DD, or a date-time)",
            FieldType::Datetime => "a date-time (YYYY-MM-DDTHH:MM:SS, with optional zone)",
            FieldType::List => "a list",
            FieldType::StringList => "a list of strings",
            FieldType::Map => "a mapping",
        }
    }

    /// An entry of `key` with a value of this type, as `format` writes it.
    fn example(self, format: Format, key: &str) -> String {
        let e = |value: &str, shape: Shape| entry(format, key, value, shape);
        match self {
            FieldType::String => format!("`{}`", e("some text", Shape::Text)),
            FieldType::Integer => format!("`{}`", e("3", Shape::Literal)),
            FieldType::Number => format!("`{}`", e("1.5", Shape::Literal)),
            FieldType::Boolean => format!(
                "`{}` or `{}`",
                e("true", Shape::Literal),
                e("false", Shape::Literal)
            ),
            FieldType::Date => format!(
                "`{}` (as `{}`)",
                e("YYYY-MM-DD", Shape::Date),
                e("2025-02-07", Shape::Date)
            ),
            FieldType::Datetime => format!(
                "`{}` with an optional zone (as `{}`)",
                e("YYYY-MM-DDTHH:MM:SS", Shape::Date),
                e("2025-02-07T09:00:00+01:00", Shape::Date)
            ),
            FieldType::List | FieldType::StringList => match format {
                Format::Yaml => format!("`{key}: [a, b]` or one `- item` per line"),
                Format::Toml | Format::Json => {
                    format!("`{}`", e("[\"a\", \"b\"]", Shape::Literal))
                }
            },
            FieldType::Map => match format {
                Format::Yaml => format!("`{key}:` followed by indented `name: value` lines"),
                Format::Toml => format!("a `[{}]` table of `name = value` lines", toml_key(key)),
                Format::Json => format!("`{}`", e("{\"name\": \"value\"}", Shape::Literal)),
            },
        }
    }
}

/// How a value is written in an entry ([`entry`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A string: quoted in TOML and JSON.
    Text,
    /// A date or date-time: quoted in JSON, which has no dates.
    Date,
    /// Written as given (a number, a boolean, a list).
    Literal,
}

/// The entry of `key` with `value` as `format` writes it: `key: value` in
/// YAML, `key = value` in TOML, `"key": value` in JSON, with `value` quoted
/// where its [`Shape`] needs it.
fn entry(format: Format, key: &str, value: &str, shape: Shape) -> String {
    let json = |t: &str| serde_json::to_string(t).unwrap_or_else(|_| format!("\"{t}\""));
    match format {
        Format::Yaml => format!("{key}: {value}"),
        Format::Toml => match shape {
            Shape::Text => format!("{} = {}", toml_key(key), json(value)),
            Shape::Date | Shape::Literal => format!("{} = {value}", toml_key(key)),
        },
        Format::Json => match shape {
            Shape::Text | Shape::Date => format!("{}: {}", json(key), json(value)),
            Shape::Literal => format!("{}: {value}", json(key)),
        },
    }
}

/// `key` as a TOML key: bare when it can be, quoted otherwise.
fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        key.to_string()
    } else {
        serde_json::to_string(key).unwrap_or_else(|_| format!("\"{key}\""))
    }
}

/// The format of the document's front matter (YAML when it has none: the
/// format a help tells the author to start one in).
fn format_of(doc: &Document) -> Format {
    doc.front_matter
        .as_ref()
        .map_or(Format::Yaml, |fm| fm.format)
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct FieldOptions {
    #[serde(default)]
    required: bool,
    #[serde(rename = "type")]
    ty: Option<FieldType>,
    #[schemars(length(min = 1))]
    one_of: Option<Vec<String>>,
    pattern: Option<String>,
    /// What `pattern` asks, in words (`lowercase words joined by -`): the
    /// message says the value is not that, instead of quoting the regex.
    #[schemars(length(min = 1))]
    pattern_name: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    max_sentences: Option<usize>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    contained_in: Option<String>,
    help: Option<String>,
    /// `lowercase`: a value whose lowercase form is allowed gets a safe fix.
    normalize: Option<Normalize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Normalize {
    Lowercase,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "yes")]
    syntax: bool,
    filename: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, FieldOptions>,
}

fn yes() -> bool {
    true
}

struct Field {
    name: String,
    opts: FieldOptions,
    pattern: Option<Pattern>,
}

impl Field {
    /// `help`, followed by the field's own `help` from the pack if any, or
    /// put in its place where that says `{help}`.
    fn help_with(&self, help: String) -> String {
        match &self.opts.help {
            Some(extra) if extra.contains("{help}") => extra.replace("{help}", &help),
            Some(extra) => format!("{help}; {extra}"),
            None => help,
        }
    }

    /// The value as `normalize` would write it, when that differs.
    fn normalized(&self, text: &str) -> Option<String> {
        match self.opts.normalize? {
            Normalize::Lowercase => Some(text.to_lowercase()).filter(|l| l != text),
        }
    }
}

/// Adds a fix writing `fixed` in place of the scalar `item` (inside its
/// quotes), when the source holds the value as is.
fn with_scalar_fix(
    doc: &Document,
    item: &Node,
    fixed: Option<String>,
    finding: Finding,
) -> Finding {
    let Some(fixed) = fixed else { return finding };
    let Some((inner, _)) = written_as_is(doc, item) else {
        return finding; // escapes or folding: not a plain edit
    };
    finding.fix(Fix::safe(
        format!("write `{fixed}`"),
        vec![Edit::replace(inner, fixed)],
    ))
}

/// An entry of `field` for a help to show: with a value of its closed
/// list (`pillar: le-role-du-cto`), else its type's example.
fn example_entry(field: &Field, format: Format) -> String {
    let allowed = field.opts.one_of.as_ref().and_then(|v| v.first());
    match (allowed, field.opts.ty) {
        (Some(v), Some(FieldType::String) | None) => {
            format!("`{}`", entry(format, &field.name, v, Shape::Text))
        }
        (_, Some(t)) => t.example(format, &field.name),
        (_, None) => format!("`{}`", entry(format, &field.name, "…", Shape::Literal)),
    }
}

/// The text of the scalar `item` as a message quotes it: a number as
/// written (`1.10`, which YAML reads as 1.1), else its text.
fn written_scalar(doc: &Document, item: &Node) -> Option<String> {
    match item.value {
        Value::Int(_) | Value::Float(_) => {
            let written = doc.text(item.span).trim();
            Some(if written.is_empty() || written.contains(['\n', '\r']) {
                item.scalar_text()?
            } else {
                written.to_string()
            })
        }
        _ => item.scalar_text(),
    }
}

/// Where a finding about the text of the scalar `item` points: inside its
/// quotes, when the source holds the text as is and it is not empty; else
/// the whole scalar.
fn value_text_span(doc: &Document, item: &Node) -> Span {
    match written_as_is(doc, item) {
        Some((inner, _)) if !inner.is_empty() => inner,
        _ => item.span,
    }
}

/// Where the text of the scalar `item` stands in the source (inside its
/// quotes, if any), and whether it is quoted; `None` when the source does
/// not hold the text as is (escapes, folded lines).
fn written_as_is(doc: &Document, item: &Node) -> Option<(Span, bool)> {
    let raw = doc.source.get(item.span.start..item.span.end)?;
    let quoted = raw.len() >= 2
        && (raw.starts_with('"') && raw.ends_with('"')
            || raw.starts_with('\'') && raw.ends_with('\''));
    let inner = if quoted {
        Span::new(item.span.start + 1, item.span.end - 1)
    } else {
        item.span
    };
    (item.scalar_text().as_deref() == doc.source.get(inner.start..inner.end))
        .then_some((inner, quoted))
}

/// An edit adding `value` at the end of the list `list` of key `key` (flow
/// or block style), written like its last item (bare, or in the same
/// quotes) when that reads back as `value`, as a JSON string (double quotes
/// with escapes) otherwise. The edit is kept only when the front matter, re-read with it,
/// has the same items and `value` after them: a value with a quote, a `#`
/// or a comma can neither break the block nor be read as something else.
fn append_to_list(doc: &Document, key: &str, list: &Node, value: &str) -> Option<Edit> {
    let items = list.as_seq()?;
    let last = items.last();
    let format = doc.front_matter.as_ref()?.format;
    let raw = last.map_or("", |l| doc.text(l.span));
    let quote = raw.chars().next().filter(|c| *c == '"' || *c == '\'');
    let mut candidates = Vec::with_capacity(2);
    match (quote, format) {
        (None, _) => candidates.push(value.to_string()),
        (Some('\''), Format::Yaml) => candidates.push(format!("'{}'", value.replace('\'', "''"))),
        (Some('\''), Format::Toml) => candidates.push(format!("'{value}'")),
        _ => {}
    }
    // A JSON string is a YAML double-quoted scalar and, but for a raw DEL
    // (which `reads_back` then refuses), a TOML basic string.
    candidates.extend(serde_json::to_string(value).ok());
    let at = append_point(doc, list, last)?;
    candidates.into_iter().find_map(|written| {
        let edit = Edit::insert(at.0, format!("{}{written}", at.1));
        reads_back(doc, key, items, last, &edit, value).then_some(edit)
    })
}

/// Where an item goes after `last`, and what comes before it there: `, ` in
/// a flow list, a new line with the last item's dash and indentation in a
/// block list; right after `[` in an empty flow list (`pillars: []`).
fn append_point(doc: &Document, list: &Node, last: Option<&Node>) -> Option<(usize, String)> {
    let written = doc.text(list.span);
    let Some(last) = last else {
        let empty = written.starts_with('[')
            && written.ends_with(']')
            && written[1..written.len() - 1].trim().is_empty();
        return empty.then(|| (list.span.start + 1, String::new()));
    };
    if written.starts_with('[') {
        return Some((last.span.end, ", ".to_string()));
    }
    // The item's span comes from the YAML or TOML parser: `get` keeps a span
    // off the text or off a character boundary from panicking (no fix then).
    let line_start = doc
        .source
        .get(..last.span.start)?
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let prefix = doc.source.get(line_start..last.span.start)?;
    if !prefix.trim_start().starts_with('-') || prefix.trim().len() != 1 {
        return None;
    }
    let line_end = doc
        .source
        .get(last.span.end..)?
        .find(['\n', '\r'])
        .map_or(doc.source.len(), |i| last.span.end + i);
    Some((line_end, format!("\n{prefix}")))
}

/// Whether the front matter with `edit` applied still reads, and its `key`
/// holds `items` then `value`, of the last item's type (a string when the
/// list was empty).
fn reads_back(
    doc: &Document,
    key: &str,
    items: &[Node],
    last: Option<&Node>,
    edit: &Edit,
    value: &str,
) -> bool {
    let reread = || -> Option<bool> {
        let fm = doc.front_matter.as_ref()?;
        let inner = doc.source.get(fm.inner.start..edit.span.start)?;
        let rest = doc.source.get(edit.span.start..fm.inner.end)?;
        let text = format!("{inner}{}{rest}", edit.replacement);
        let Content::Parsed {
            root: Some(root), ..
        } = crate::document::front_matter::parse_inner(fm.format, &text, fm.inner.start)
        else {
            return None;
        };
        let (added, before) = root.get(key)?.as_seq()?.split_last()?;
        Some(
            before.len() == items.len()
                && before.iter().zip(items).all(|(a, b)| a.value == b.value)
                && added.scalar_text().as_deref() == Some(value)
                // Of the last item's type; a string in an empty list.
                && added.type_name() == last.map_or("a string", Node::type_name),
        )
    };
    reread() == Some(true)
}

struct FileName {
    template: String,
    regex: CaptureRegex,
    vars: Vec<String>,
}

struct FrontMatterRule {
    syntax: bool,
    filename: Option<FileName>,
    fields: Vec<Field>,
}

fn build(node: &Node) -> Result<Box<dyn Rule>, BuildError> {
    let opts: Options = de::from_node(node)?;
    // Two declarations of one key to Hugo, which reads keys whatever their
    // case: which would apply?
    let names: Vec<&String> = opts.fields.keys().collect();
    for (i, a) in names.iter().enumerate() {
        if let Some(b) = names[i + 1..]
            .iter()
            .find(|b| crate::document::front_matter::same_key(a, b))
        {
            // The later of the two is the slip.
            let key = |name: &str| {
                node.get("fields")
                    .and_then(|f| f.entry(name))
                    .map(|(k, _)| k)
            };
            let (first, second) = match (key(a), key(b)) {
                (Some(ka), Some(kb)) if ka.span.start > kb.span.start => ((b, kb), (a, ka)),
                (Some(ka), Some(kb)) => ((a, ka), (b, kb)),
                _ => {
                    return Err(error_at(
                        node,
                        format!(
                            "`{a}` and `{b}` are one key to Hugo, which reads keys whatever their case; declare it once"
                        ),
                    ));
                }
            };
            return Err(error_at(
                second.1,
                format!(
                    "`{}` is declared besides `{}`: they are one key to Hugo, which reads keys whatever their case; declare it once",
                    second.0, first.0
                ),
            ));
        }
    }
    // A list key no field declares may be the article's own, but one a
    // field's name is a slip for is that field misspelt: every article
    // would be told it has no such list.
    for (name, list) in opts
        .fields
        .iter()
        .filter_map(|(name, f)| Some((name, f.contained_in.as_ref()?)))
    {
        let declared = || opts.fields.keys().map(String::as_str);
        if !declared().any(|d| crate::document::front_matter::same_key(d, list))
            && let Some(meant) = crate::typo::typo_of(list, declared().filter(|d| d != name))
        {
            let at = node
                .get("fields")
                .and_then(|f| f.get(name))
                .and_then(|f| f.get("contained_in"))
                .unwrap_or(node);
            return Err(error_at(
                at,
                format!(
                    "`{name}` must be contained in `{list}`, which no field declares; did you mean `{meant}`? (If `{list}` is meant, declare it among the fields.)"
                ),
            ));
        }
    }
    let mut fields = Vec::new();
    for (name, field) in opts.fields {
        let at = |key: &str| {
            node.get("fields")
                .and_then(|f| f.get(&name))
                .and_then(|f| f.get(key))
                .unwrap_or(node)
        };
        // Bounds no value can meet would report every file.
        for (min, max, what) in [
            (field.min_length, field.max_length, "length"),
            (field.min_items, field.max_items, "items"),
        ] {
            if let (Some(lo), Some(hi)) = (min, max)
                && lo > hi
            {
                return Err(error_at(
                    at(&format!("min_{what}")),
                    format!(
                        "`{name}` has `min_{what}: {lo}` over `max_{what}: {hi}`: no value can meet both"
                    ),
                ));
            }
        }
        // The field's help knows one placeholder, the finding's own help.
        if let Some(error) = field.help.as_deref().and_then(|text| {
            super::unknown_placeholder(
                text,
                &["help"],
                &format!("the `help` of `{name}`"),
                "a field's `help` knows only `{help}`, the finding's own help",
            )
        }) {
            return Err(error_at(at("help"), error));
        }
        // Bounds the declared type cannot have would never be checked.
        if let Some(ty) = field.ty {
            let text = matches!(
                ty,
                FieldType::String | FieldType::Date | FieldType::Datetime
            );
            let list = matches!(ty, FieldType::List | FieldType::StringList);
            let bounds = [
                ("min_length", field.min_length.is_some(), text),
                ("max_length", field.max_length.is_some(), text),
                ("max_sentences", field.max_sentences.is_some(), text),
                ("min_items", field.min_items.is_some(), list),
                ("max_items", field.max_items.is_some(), list),
            ];
            if let Some((option, _, _)) = bounds.iter().find(|(_, set, fits)| *set && !fits) {
                let applies = if option.ends_with("items") {
                    "a list"
                } else {
                    "a string"
                };
                return Err(error_at(
                    at(option),
                    format!(
                        "`{name}` must be {}, which has no `{option}`: it applies to {applies}",
                        ty.describe()
                    ),
                ));
            }
        }
        // No value allowed: every value would be reported.
        if field.one_of.as_ref().is_some_and(Vec::is_empty) {
            return Err(error_at(
                at("one_of"),
                format!(
                    "`{name}` has an empty `one_of`: no value is allowed, so every value would be reported; list the allowed values, or remove `one_of`"
                ),
            ));
        }
        // Allowed values none of which has the declared type.
        if let (Some(ty), Some(allowed)) = (field.ty, &field.one_of) {
            let fits = |v: &str| match ty {
                FieldType::Integer => v.trim().parse::<i64>().is_ok(),
                FieldType::Number => v.trim().parse::<f64>().is_ok(),
                FieldType::Boolean => matches!(v.trim(), "true" | "false"),
                FieldType::Date | FieldType::Datetime => is_datetime(v.trim()),
                FieldType::Map => false,
                _ => true,
            };
            if !allowed.is_empty() && !allowed.iter().any(|v| fits(v)) {
                return Err(error_at(
                    at("one_of"),
                    format!(
                        "`{name}` must be {} but none of its `one_of` values is one: no value can meet both",
                        ty.describe()
                    ),
                ));
            }
        }
        if field.normalize.is_some() && field.one_of.is_none() && field.pattern.is_none() {
            return Err(error_at(
                at("normalize"),
                format!(
                    "`{name}` has `normalize` but neither `one_of` nor `pattern`: it writes a value as one of those allows, so it would do nothing"
                ),
            ));
        }
        if let (Some(ty), Some(_)) = (field.ty, &field.contained_in)
            && matches!(ty, FieldType::List | FieldType::StringList | FieldType::Map)
        {
            return Err(error_at(
                at("contained_in"),
                format!(
                    "`{name}` must be {}, but `contained_in` checks a single value (one that another key's list must hold)",
                    ty.describe()
                ),
            ));
        }
        if field.pattern.is_none() && field.pattern_name.is_some() {
            return Err(error_at(
                at("pattern_name"),
                format!("`{name}` has a `pattern_name` but no `pattern` for it to name"),
            ));
        }
        if field
            .pattern_name
            .as_deref()
            .is_some_and(|n| n.trim().is_empty())
        {
            return Err(error_at(
                at("pattern_name"),
                format!("`{name}` has an empty `pattern_name`"),
            ));
        }
        let pattern = match &field.pattern {
            None => None,
            Some(p) => Some(Pattern::for_short_texts(p, false, 10 << 20).map_err(|e| {
                error_at(at("pattern"), format!("invalid regex for `{name}`: {e}"))
            })?),
        };
        fields.push(Field {
            name,
            opts: field,
            pattern,
        });
    }
    let filename = match opts.filename {
        None => None,
        Some(template) => {
            let at = node.get("filename").unwrap_or(node);
            Some(compile_template(&template, &fields).map_err(|m| error_at(at, m))?)
        }
    };
    Ok(Box::new(FrontMatterRule {
        syntax: opts.syntax,
        filename,
        fields,
    }))
}

fn compile_template(template: &str, fields: &[Field]) -> Result<FileName, String> {
    // Templates that could not match a file's name: they would report
    // every file.
    if template.trim().is_empty() {
        return Err("`filename` is empty: it names no file; leave it out to compare none".into());
    }
    if template.contains(['/', '\\']) {
        return Err(format!(
            "`filename` is compared with the file's name, not its path: `{template}` has a folder; write the name alone"
        ));
    }
    if !template
        .rsplit('}')
        .next()
        .unwrap_or(template)
        .contains('.')
    {
        return Err(format!(
            "`filename` `{template}` has no extension, but the files checked have one: write `{template}.md`"
        ));
    }
    let mut re = String::from("^");
    let mut vars: Vec<String> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        // Two keys with nothing between: where the first ends is anyone's
        // guess, unless it is a date.
        if open == 0
            && let Some(before) = vars.last()
            && !fields.iter().any(|f| {
                f.name == *before
                    && matches!(f.opts.ty, Some(FieldType::Date | FieldType::Datetime))
            })
        {
            return Err(format!(
                "`{{{before}}}` is followed by another key with nothing between in `{template}`, so the file name cannot tell where it ends; put a `-` between them, or declare `{before}` with `type: date`"
            ));
        }
        re.push_str(&regex::escape(&rest[..open]));
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in file-name template `{template}`"))?;
        let var = &after[..close];
        if var.is_empty()
            || !var
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return Err(format!("`{{{var}}}` in `{template}` is not a key name"));
        }
        if vars.iter().any(|v| v == var) {
            return Err(format!("`{{{var}}}` appears twice in `{template}`"));
        }
        // A variable no field declares is read from the file name and
        // compared only with a key of that name: a slip (`{slgu}`) would
        // never be compared.
        if !fields.iter().any(|f| f.name == var)
            && let Some(meant) = typo_of(var, fields.iter().map(|f| f.name.as_str()))
        {
            return Err(format!(
                "`{{{var}}}` in `{template}` is not a declared field; did you mean `{{{meant}}}`? \
                 (declare `{var}` under `fields` if it is another key)"
            ));
        }
        let is_date = fields.iter().any(|f| {
            f.name == var && matches!(f.opts.ty, Some(FieldType::Date | FieldType::Datetime))
        });
        let group = format!("v{}", vars.len());
        if is_date {
            re.push_str(&format!("(?P<{group}>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})"));
        } else {
            re.push_str(&format!("(?P<{group}>.+?)"));
        }
        vars.push(var.to_string());
        rest = &after[close + 1..];
    }
    re.push_str(&regex::escape(rest));
    re.push('$');
    let regex =
        CaptureRegex::new(&re).map_err(|e| format!("bad file-name template `{template}`: {e}"))?;
    Ok(FileName {
        template: template.to_string(),
        regex,
        vars,
    })
}

impl Rule for FrontMatterRule {
    fn describe_key(&self, key: &str) -> Option<String> {
        let f = self.fields.iter().find(|f| f.name == key)?;
        let o = &f.opts;
        let mut lines = Vec::new();
        lines.push(format!(
            "`{key}`: {}{}",
            if o.required { "required" } else { "optional" },
            o.ty.map(|t| format!(", {}", t.describe()))
                .unwrap_or_default()
        ));
        if let Some(values) = &o.one_of {
            lines.push(format!("allowed: {}", quoted_list(values)));
        }
        if let Some(p) = &f.pattern {
            lines.push(format!("pattern: `{}`", p.as_str()));
        }
        match (o.min_length, o.max_length) {
            (Some(a), Some(b)) => lines.push(format!("{a} to {b} characters")),
            (Some(a), None) => lines.push(format!("at least {a} character(s)")),
            (None, Some(b)) => lines.push(format!("at most {b} character(s)")),
            (None, None) => {}
        }
        if let Some(n) = o.max_sentences {
            lines.push(format!("at most {n} sentence(s)"));
        }
        match (o.min_items, o.max_items) {
            (Some(a), Some(b)) => lines.push(format!("{a} to {b} items")),
            (Some(a), None) => lines.push(format!("at least {a} item(s)")),
            (None, Some(b)) => lines.push(format!("at most {b} item(s)")),
            (None, None) => {}
        }
        if let Some(list) = &o.contained_in {
            lines.push(format!("must appear in `{list}`"));
        }
        if let Some(h) = &o.help {
            // `{help}` is a finding's own help, which a hover has not.
            let h = h.replace("{help}", "").trim().to_string();
            if !h.is_empty() {
                lines.push(h);
            }
        }
        Some(lines.join("\n\n"))
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        let Some(fm) = &doc.front_matter else {
            if self.syntax {
                cx.report(no_front_matter(doc));
            }
            return;
        };
        if self.syntax
            && let Some(finding) = text_after_close(doc, fm)
        {
            cx.report(finding);
        }
        match &fm.content {
            Content::Unclosed => {
                if self.syntax {
                    let finding = if fm.format == Format::Json {
                        Finding::new(fm.open, "the JSON front matter opened by this `{` is never closed")
                            .help("Hugo reads a file that starts with `{` as JSON front matter, up to the `}` that closes it: close the object with `}`, and check that every `\"` inside it has its pair")
                    } else {
                        Finding::new(fm.open, "the front matter opened here is never closed").help(
                            format!(
                                "add a closing `{}` line after the last key",
                                doc.text(fm.open).trim()
                            ),
                        )
                    };
                    cx.report(finding);
                }
            }
            Content::Invalid {
                message,
                span,
                limit,
                open,
            } => {
                if self.syntax {
                    let span = widen(doc, *span);
                    // Text after the opening delimiter, read as the block's
                    // first line.
                    let opening_text = opening_text_at_fault(doc, fm);
                    let help = if *limit {
                        "front matter this deep or this large is refused, to keep checks fast and safe: flatten the nesting, or write the values out instead of repeating aliases".to_string()
                    } else if let Some(open) = open {
                        let bracket = doc.text(*open);
                        let close = if bracket == "[" { "]" } else { "}" };
                        format!(
                            "the `{bracket}` at line {} is still open here: if its values end on that line, close it there with `{close}`",
                            doc.location(*open).line
                        )
                    } else if let Some(text) = opening_text {
                        let delimiter = doc.text(fm.open);
                        if longer_delimiter(doc, fm.open, text).is_some() {
                            format!(
                                "write the opening line as exactly `{delimiter}`: Hugo reads the rest of the line as the block's first line"
                            )
                        } else {
                            format!(
                                "Hugo reads the text after the opening `{delimiter}` as the block's first line: end that line at `{delimiter}` and write `{}` on a line of its own below it, or delete it",
                                doc.text(text)
                            )
                        }
                    } else if fm.format == Format::Json {
                        json_help(doc, fm, span)
                    } else if fm.format == Format::Toml {
                        "fix the syntax here: each line is `key = value`, text in quotes (`title = \"Un titre\"`), lists in brackets (`tags = [\"a\", \"b\"]`), each key once".to_string()
                    } else {
                        "fix the syntax here; indentation must use spaces, and values with `: ` or `#` need quotes".to_string()
                    };
                    let mut finding = Finding::new(
                        span,
                        format!(
                            "the front matter is not valid {}: {message}",
                            fm.format.name()
                        ),
                    )
                    .label(fm.open, "front matter starts here");
                    if let Some(text) = opening_text {
                        finding = finding.label(text, "read as the block's first line");
                        if let Some(fix) = longer_delimiter(doc, fm.open, text) {
                            finding = finding.fix(fix);
                        }
                    }
                    if let Some(open) = open {
                        finding = finding.label(*open, "still open at the error");
                    }
                    cx.report(finding.help(help));
                }
            }
            Content::Parsed {
                root,
                duplicate_keys,
                ..
            } => {
                if self.syntax {
                    // YAML allows `...` to end a document, but Hugo closes
                    // the block only with `---`: the page does not build.
                    if let Some(close) = fm.close()
                        && fm.format == Format::Yaml
                        && doc.text(close).trim_end() == "..."
                    {
                        let dots = Span::new(close.start, close.start + 3);
                        cx.report(
                            Finding::new(
                                dots,
                                "the front matter is closed with `...`, which Hugo does not read as its end",
                            )
                            .label(fm.open, "opened here")
                            .help("close it with a `---` line, as it opens: Hugo stops the build with \"EOF looking for end YAML front matter delimiter\"")
                            .fix(Fix::safe("write `---`", vec![Edit::replace(dots, "---")])),
                        );
                    }
                    for dup in duplicate_keys {
                        cx.report(
                            Finding::new(
                                dup.span,
                                format!("`{}` is set twice in the front matter", dup.key),
                            )
                            .label(dup.first, "first set here")
                            .help("keep one of them: readers disagree on which one wins"),
                        );
                    }
                    for (key, first) in root
                        .as_ref()
                        .map(keys_differing_in_case)
                        .unwrap_or_default()
                    {
                        cx.report(
                            Finding::new(
                                key.span,
                                format!(
                                    "`{}` and `{}` are one key to Hugo, which reads keys whatever their case",
                                    key.as_str().unwrap_or_default(),
                                    first.as_str().unwrap_or_default()
                                ),
                            )
                            .label(first.span, "first set here")
                            .help("keep one of them: Hugo keeps only one, and which is not said"),
                        );
                    }
                }
                match root {
                    Some(root) if root.as_map().is_some() => self.check_fields(doc, fm, root, cx),
                    Some(root) => {
                        if self.syntax {
                            cx.report(
                                Finding::new(
                                    root.span,
                                    format!(
                                        "the front matter is {}; expected `key: value` lines",
                                        root.type_name()
                                    ),
                                )
                                .help("write one `key: value` line per key"),
                            );
                        }
                    }
                    None => {
                        self.check_fields(doc, fm, &Node::new(fm.inner, Value::Map(Vec::new())), cx)
                    }
                }
            }
        }
    }
}

/// What to do about a JSON front matter that does not read, the error
/// being at `at`: a shortcode at the top of the file, a comma after the last
/// entry, or the rules of JSON.
fn json_help(doc: &Document, fm: &FrontMatter, at: Span) -> String {
    if doc.text(fm.inner).starts_with("{{") {
        return "Hugo reads a file that starts with `{` as JSON front matter, and a shortcode is not: start the file with its front matter, and put the shortcode after it".to_string();
    }
    let before = doc.source.get(fm.inner.start..at.start).unwrap_or_default();
    let closes = doc.text(at).starts_with(['}', ']']);
    if closes && before.trim_end().ends_with(',') {
        let comma = fm.inner.start + before.trim_end().len() - 1;
        return format!(
            "remove the `,` at line {}: JSON allows no comma after the last entry",
            doc.location(Span::new(comma, comma + 1)).line
        );
    }
    "fix the JSON here: keys and strings in double quotes, a comma between entries and none after the last, no comments".to_string()
}

/// Keys of the root mapping that differ only in case (`ShowToc`,
/// `showToc`): Hugo keeps one of them. Each later key with the first one
/// (keys written exactly twice are reported as such already).
fn keys_differing_in_case(root: &Node) -> Vec<(&Node, &Node)> {
    let Some(map) = root.as_map() else {
        return Vec::new();
    };
    // Each lowercase key's first key, and the first of each spelling.
    let mut first: std::collections::HashMap<String, &Node> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for (key, _) in map {
        let Some(name) = key.as_str() else { continue };
        match first.entry(name.to_lowercase()) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(key);
            }
            std::collections::hash_map::Entry::Occupied(e) => {
                // Written exactly twice: reported as such already.
                if e.get().as_str() != Some(name) {
                    out.push((key, *e.get()));
                }
            }
        }
    }
    out
}

/// A file with no front matter. Hugo takes a first character `-` or `+`
/// (after blank lines and spaces) for a delimiter's, and stops the build
/// on a line that is none (`- un point`): that line is pointed at.
fn no_front_matter(doc: &Document) -> Finding {
    let help = "start the file with a `---` line, the article's `key: value` lines, and a closing `---` line";
    let rest = &doc.source[doc.body_start..];
    let first = rest.trim_start_matches([' ', '\t', '\n', '\r']);
    let at = doc.source.len() - first.len();
    match first.chars().next() {
        Some(c @ ('-' | '+')) => {
            let line = first.find(['\n', '\r']).unwrap_or(first.len());
            let (format, delimiter) = if c == '-' {
                ("YAML", "---")
            } else {
                ("TOML", "+++")
            };
            Finding::new(
                Span::new(at, at + first[..line].trim_end().len()),
                format!("the file has no front matter, and Hugo reads its first `{c}` as a front matter's `{delimiter}`: it stops the build on this line (invalid {format} delimiter)"),
            )
            .help(help)
        }
        _ => Finding::new(
            Span::new(doc.body_start, doc.body_start),
            "the file has no front matter",
        )
        .help(help),
    }
}

/// Text after the opening delimiter on its line, which Hugo reads as the
/// block's first line (`--- texte`), when it is what the block cannot be
/// read for: the block reads without it.
fn opening_text_at_fault(doc: &Document, fm: &FrontMatter) -> Option<Span> {
    if fm.inner.start != fm.open.end {
        return None;
    }
    let (text, line_end) = text_after(doc, fm.open.end)?;
    let rest = &doc.source[line_end..];
    let next = line_end + if rest.starts_with("\r\n") { 2 } else { 1 };
    let without = doc.source.get(next.min(fm.inner.end)..fm.inner.end)?;
    matches!(
        crate::document::front_matter::parse_inner(fm.format, without, next),
        Content::Parsed { .. }
    )
    .then_some(text)
}

/// Text after the closing delimiter on its line (`--- # fin`, or after a
/// JSON object's `}`): Hugo ends the block at the delimiter and renders
/// that text as the body's first line, a heading here. A comment is moved
/// into a YAML or TOML block, where it was meant to be; other text is the
/// author's to place.
fn text_after_close(doc: &Document, fm: &FrontMatter) -> Option<Finding> {
    let close = fm.close()?;
    let (span, _) = text_after(doc, close.end)?;
    let text = doc.text(span);
    let delimiter = doc.text(close);
    let finding = Finding::new(
        span,
        format!("`{text}` follows the `{delimiter}` that closes the front matter, on its line: Hugo renders it as the article's first line"),
    )
    .label(close, "the front matter ends here");
    if let Some(fix) = longer_delimiter(doc, close, span).filter(|_| fm.format != Format::Json) {
        return Some(
            finding
                .help(format!("write the closing line as exactly `{delimiter}`: Hugo ends the block at the first three characters and renders the rest"))
                .fix(fix),
        );
    }
    if text.starts_with('#') && fm.format != Format::Json {
        // `\n` is written in the file's line ending.
        let moved = format!("{text}\n{delimiter}");
        return Some(
            finding
                .help(format!("a comment there is not one to Hugo: move `{text}` onto its own line above the `{delimiter}`, inside the front matter"))
                .fix(Fix::risky(
                    "move the comment into the front matter",
                    vec![Edit::replace(Span::new(close.start, span.end), moved)],
                )),
        );
    }
    Some(finding.help(format!(
        "end the line at `{delimiter}`: put `{text}` on a line of its own below it if it belongs to the article, or delete it"
    )))
}

/// The text on the line after `at`, without the spaces around it, and
/// where the line ends.
fn text_after(doc: &Document, at: usize) -> Option<(Span, usize)> {
    let source = &doc.source;
    let line_end = source[at..]
        .find(['\n', '\r'])
        .map_or(source.len(), |i| at + i);
    let text = source[at..line_end].trim_start_matches([' ', '\t']);
    let start = line_end - text.len();
    let text = text.trim_end();
    (!text.is_empty()).then(|| (Span::new(start, start + text.len()), line_end))
}

/// For a delimiter line written longer (`----`, `++++`), whose `text`
/// after the `delimiter` is more of its character: the fix that writes it
/// as the delimiter.
fn longer_delimiter(doc: &Document, delimiter: Span, text: Span) -> Option<Fix> {
    let first = doc.text(delimiter).bytes().next()?;
    doc.text(text).bytes().all(|b| b == first).then(|| {
        Fix::safe(
            format!("write `{}`", doc.text(delimiter)),
            vec![Edit::delete(Span::new(delimiter.end, text.end))],
        )
    })
}

/// A zero-width error position, widened to the character there so that it shows.
fn widen(doc: &Document, span: Span) -> Span {
    if !span.is_empty() {
        return span;
    }
    let rest = doc.text(Span::new(span.start, doc.source.len()));
    match rest.chars().next() {
        Some(c) if c != '\n' && c != '\r' => Span::new(span.start, span.start + c.len_utf8()),
        _ => span,
    }
}

impl FrontMatterRule {
    fn check_fields(&self, doc: &Document, fm: &FrontMatter, root: &Node, cx: &mut Context) {
        for field in &self.fields {
            match key_entry(root, &field.name) {
                None => {
                    if field.opts.required {
                        let message = format!(
                            "required key `{}` is missing from the front matter",
                            field.name
                        );
                        // A key that is none of the declared ones but
                        // close to this one (`pilar`) is it, misspelt.
                        let misspelt = self.misspelt_key(root, &field.name);
                        let finding = match misspelt {
                            Some((key, written)) => {
                                let at = value_text_span(doc, key);
                                Finding::new(
                                    at,
                                    format!(
                                        "{message}, and `{written}` is no known key: did you mean `{}`?",
                                        field.name
                                    ),
                                )
                                .help(field.help_with(format!(
                                    "rename `{written}` to `{}`",
                                    field.name
                                )))
                                .fix(Fix::risky(
                                    format!("rename the key to `{}`", field.name),
                                    vec![Edit::replace(at, field.name.clone())],
                                ))
                            }
                            None => {
                                let example = example_entry(field, fm.format);
                                Finding::new(fm.open, message).help(
                                    field.help_with(format!("add {example} to the front matter")),
                                )
                            }
                        };
                        cx.report(finding);
                    }
                }
                Some((key, value)) => self.check_value(doc, field, key, value, root, cx),
            }
        }
        if let Some(filename) = &self.filename {
            self.check_filename(doc, fm, root, filename, cx);
        }
    }

    /// The key of `root` that no field declares whose closest declared
    /// name, close enough for a slip, is `name`.
    fn misspelt_key<'r>(&self, root: &'r Node, name: &str) -> Option<(&'r Node, &'r str)> {
        let declared = || self.fields.iter().map(|f| f.name.as_str());
        root.as_map()?.iter().find_map(|(k, _)| {
            let written = k.as_str()?;
            (!declared().any(|d| crate::document::front_matter::same_key(d, written))
                && crate::typo::typo_of(written, declared()) == Some(name))
            .then_some((k, written))
        })
    }

    fn check_value(
        &self,
        doc: &Document,
        field: &Field,
        key: &Node,
        value: &Node,
        root: &Node,
        cx: &mut Context,
    ) {
        let name = &field.name;
        let help = |default: String| field.help_with(default);
        if let Some(ty) = field.opts.ty
            && let Err(found) = type_matches(ty, value)
        {
            {
                // `key:` with nothing after it is reported at the key; a
                // null written out (`~`, `null`) at what is written.
                let written_null = matches!(value.value, Value::Null) && !value.span.is_empty();
                let found = match doc.text(value.span) {
                    t if written_null && !t.eq_ignore_ascii_case("null") => {
                        format!("null (`{t}`)")
                    }
                    _ if written_null => "null".to_string(),
                    // A quoted string as written: `'false'` in its quotes.
                    t if found.starts_with("the quoted string")
                        && t.starts_with('\'')
                        && short_text(t) =>
                    {
                        format!("the quoted string `{t}`")
                    }
                    _ => found,
                };
                // `ShowToc: !!str yes`: a string for its tag, not its quotes.
                let tag = match value.value {
                    Value::String(..) => yaml_tag(doc, value),
                    _ => None,
                };
                let tag_text = tag.map(|(t, _)| doc.text(t));
                let found = match (tag_text, &value.value) {
                    (Some(t), Value::String(s, _)) if short_text(s) => {
                        format!("the string `{s}`, tagged `{t}`")
                    }
                    (Some(t), Value::String(..)) => format!("a string tagged `{t}`"),
                    _ => found,
                };
                // What a fix replaces: the value, and its tag with it (kept,
                // the tag would make any value a string again); nothing
                // when an anchor stands between them (`!!str &a yes`).
                let edited = match tag {
                    None => Some(value.span),
                    Some((t, true)) => Some(Span::new(t.start, value.span.end)),
                    Some((_, false)) => None,
                };
                // How to write the value without the tag and quotes it has.
                let without = |quoted: bool| match (tag_text, quoted) {
                    (Some(t), true) => format!("without the `{t}` tag and the quotes"),
                    (Some(t), false) => format!("without the `{t}` tag"),
                    (None, _) => "without quotes".to_string(),
                };
                let span = if matches!(value.value, Value::Null) && !written_null {
                    key.span
                } else {
                    value.span
                };
                // The tag is part of what is wrong: underlined with it.
                let span = tag.map_or(span, |(t, _)| Span::new(t.start, span.end));
                // `2025-02-30`: the form is right, the day is not.
                let fault = matches!(ty, FieldType::Date | FieldType::Datetime)
                    .then(|| value.scalar_text())
                    .flatten()
                    .and_then(|t| calendar_fault(t.trim()))
                    .map_or(String::new(), |f| format!(" ({f})"));
                let finding = Finding::new(
                    span,
                    format!("`{name}` is {found}{fault}; expected {}", ty.describe()),
                );
                let fixed = |finding: Finding, description: String, text: String| match edited {
                    Some(span) => {
                        finding.fix(Fix::safe(description, vec![Edit::replace(span, text)]))
                    }
                    None => finding,
                };
                cx.report(match (unquoted(doc, ty, value), yaml11_boolean(doc, ty, value)) {
                    // `weight: "1"`: the value is right, its quotes (or its
                    // `!!str` tag) are not.
                    (Some((inner, quoted)), _) => {
                        let help_text = match tag_text {
                            Some(_) => format!(
                                "write `{}`, {}",
                                entry(format_of(doc), name, inner, Shape::Literal),
                                without(quoted)
                            ),
                            None => format!("remove the quotes around `{inner}`"),
                        };
                        fixed(
                            finding.help(help(help_text)),
                            format!("write `{inner}` {}", without(quoted)),
                            inner.to_string(),
                        )
                    }
                    // `ShowToc: yes`: a boolean the author meant, in words
                    // YAML 1.2 reads as a string.
                    (None, Some((word, quoted, meant))) => {
                        let written = entry(format_of(doc), name, &meant.to_string(), Shape::Literal);
                        let help_text = match tag_text {
                            Some(t) => format!(
                                "write `{written}`, without the `{t}` tag, which makes any value a string"
                            ),
                            None if quoted => format!("write `{written}`"),
                            None => format!(
                                "write `{written}`; `{word}` is a boolean to YAML 1.1 only, a string to YAML 1.2"
                            ),
                        };
                        let description = match tag_text {
                            Some(t) => format!("write `{meant}` without the `{t}` tag"),
                            None => format!("write `{meant}`"),
                        };
                        fixed(finding.help(help(help_text)), description, meant.to_string())
                    }
                    (None, None) => {
                        // A date-time Hugo cannot read, written as it reads
                        // it: the same instant, safe to write; so is a date
                        // written year first in another form (`2025-3-5`,
                        // `2025/03/05`).
                        let form = matches!(ty, FieldType::Date | FieldType::Datetime)
                            .then(|| value.scalar_text())
                            .flatten()
                            .and_then(|t| {
                                readable_form(&t).map(|(form, _)| form).or_else(|| {
                                    reordered_date(t.trim())
                                        .filter(|&(_, year_first)| year_first)
                                        .map(|(date, _)| date)
                                })
                            });
                        let mut text = self.retype_help(doc, ty, name, value);
                        // `slug:` left empty: to Hugo, as if the key were not
                        // there, which an optional key may be.
                        if matches!(value.value, Value::Null) && !field.opts.required {
                            text.push_str(&format!(
                                ", or remove the line: Hugo reads an empty `{name}` as if it were absent"
                            ));
                        }
                        let finding = finding.help(help(text));
                        with_scalar_fix(doc, value, form, finding)
                    }
                });
                return;
            }
        }
        if let Some(ty) = field.opts.ty {
            let numbers = numbers_as_text(doc, field, ty, value);
            if !numbers.is_empty() {
                for finding in numbers {
                    cx.report(finding);
                }
                return;
            }
        }
        let items: Vec<&Node> = match &value.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![value],
        };
        let mut not_allowed = false;
        if let Some(allowed) = &field.opts.one_of {
            for item in &items {
                let Some(text) = item.scalar_text() else {
                    continue;
                };
                if !allowed.contains(&text) {
                    not_allowed = true;
                    // A slip, or the start of one value only (`jeunes` for
                    // `jeunesse-tech`).
                    let suggestion = did_you_mean(&text, allowed.iter().map(String::as_str))
                        .or_else(|| {
                            let start = text.trim().to_lowercase();
                            let mut starting = allowed.iter().filter(|a| {
                                start.chars().count() >= 3 && a.to_lowercase().starts_with(&start)
                            });
                            match (starting.next(), starting.next()) {
                                (Some(one), None) => Some(one.as_str()),
                                _ => None,
                            }
                        });
                    let default = match suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "use one of the allowed values".to_string(),
                    };
                    // An item of a list is not the value itself.
                    let verb = if matches!(value.value, Value::Seq(_)) {
                        "lists"
                    } else {
                        "is"
                    };
                    let what = if text.trim().is_empty() {
                        format!("{verb} an empty value")
                    } else {
                        format!("{verb} `{text}`")
                    };
                    let finding = Finding::new(
                        value_text_span(doc, item),
                        format!("`{name}` {what}; allowed: {}", quoted_list(allowed)),
                    )
                    .help(help(default));
                    let fixed = field.normalized(&text).filter(|n| allowed.contains(n));
                    cx.report(with_scalar_fix(doc, item, fixed, finding));
                }
            }
        }
        if let Some(re) = &field.pattern {
            for item in &items {
                // Matched as Hugo reads it, quoted as written (`1.10`).
                let Some(read) = item.scalar_text() else {
                    continue;
                };
                if !re.is_match(&read) {
                    let text = written_scalar(doc, item).unwrap_or_else(|| read.clone());
                    let message = match &field.opts.pattern_name {
                        Some(words) => format!("`{name}` value `{text}` is not {words}"),
                        None => {
                            format!("`{name}` value `{text}` does not match `{}`", re.as_str())
                        }
                    };
                    let fixed = field.normalized(&read).filter(|n| re.is_match(n));
                    let default = match (&fixed, &field.opts.pattern_name) {
                        (Some(n), _) => format!("write `{n}`"),
                        (None, Some(_)) => {
                            format!("change `{text}` so that it matches `{}`", re.as_str())
                        }
                        (None, None) => format!("change `{text}` so that it matches the pattern"),
                    };
                    let finding =
                        Finding::new(value_text_span(doc, item), message).help(help(default));
                    cx.report(with_scalar_fix(doc, item, fixed, finding));
                }
            }
        }
        // A number is text to Hugo (`title: 2024`): its length is its text's.
        let text = match &value.value {
            Value::String(s, _) => Some(std::borrow::Cow::Borrowed(s.as_str())),
            Value::Int(_) | Value::Float(_) => value.scalar_text().map(std::borrow::Cow::Owned),
            _ => None,
        };
        if let Some(text) = text.as_deref() {
            // Counted only for a bound to compare it with.
            let bounded = field.opts.min_length.is_some() || field.opts.max_length.is_some();
            let len = if bounded { composed_len(text) } else { 0 };
            if let Some(min) = field.opts.min_length.filter(|m| len < *m) {
                let is = if len == 0 {
                    "blank".to_string()
                } else {
                    format!("{} long", count(len, "character"))
                };
                cx.report(
                    Finding::new(
                        value.span,
                        format!("`{name}` is {is}; the minimum is {min}"),
                    )
                    .help(help(format!(
                        "add {} or more",
                        count(min - len, "character")
                    ))),
                );
            }
            if let Some(max) = field.opts.max_length.filter(|m| len > *m) {
                cx.report(
                    Finding::new(
                        value.span,
                        format!(
                            "`{name}` is {} long; the maximum is {max}",
                            count(len, "character")
                        ),
                    )
                    .help(help(format!(
                        "remove {} or more",
                        count(len - max, "character")
                    ))),
                );
            }
            if let Some(max) = field.opts.max_sentences {
                let n = sentences(text);
                if n > max {
                    cx.report(
                        Finding::new(
                            value.span,
                            format!(
                                "`{name}` has {}; the maximum is {max}",
                                count(n, "sentence")
                            ),
                        )
                        .help(help(format!("join or remove sentences to keep {max}"))),
                    );
                }
            }
        }
        if let Value::Seq(list) = &value.value {
            let n = list.len();
            // Blank items (`""`, `~`) say nothing: they do not count
            // towards the minimum.
            let blank = list
                .iter()
                .filter(|item| match &item.value {
                    Value::Null => true,
                    _ => item.as_str().is_some_and(|t| t.trim().is_empty()),
                })
                .count();
            let filled = n - blank;
            if let Some(min) = field.opts.min_items.filter(|m| filled < *m) {
                let has = if blank > 0 {
                    let are = if filled == 1 { "is" } else { "are" };
                    format!(
                        "{} that {are} not blank ({blank} blank)",
                        count(filled, "item")
                    )
                } else {
                    count(n, "item")
                };
                cx.report(
                    Finding::new(
                        value.span.cover(key.span),
                        format!("`{name}` has {has}; the minimum is {min}"),
                    )
                    .help(help(format!("add {} item(s)", min - filled))),
                );
            }
            if let Some(max) = field.opts.max_items.filter(|m| n > *m) {
                cx.report(
                    Finding::new(
                        value.span,
                        format!("`{name}` has {}; the maximum is {max}", count(n, "item")),
                    )
                    .help(help(format!("remove {} item(s)", n - max))),
                );
            }
        }
        // A value outside the allowed set was reported: whether a list holds
        // it is then beside the point.
        if let Some(list_key) = field.opts.contained_in.as_ref().filter(|_| !not_allowed) {
            let Some(text) = value.scalar_text() else {
                return;
            };
            match key_entry(root, list_key) {
                None => cx.report(
                    Finding::new(
                        value.span,
                        format!(
                            "`{name}` is `{text}` but there is no `{list_key}` list to contain it"
                        ),
                    )
                    .help(help(format!("add `{list_key}: [{text}]`"))),
                ),
                Some((list_key_node, list)) => {
                    let items = match &list.value {
                        Value::Seq(items) => items.iter().collect(),
                        _ => vec![list],
                    };
                    let listed = items
                        .iter()
                        .any(|i| i.scalar_text().as_deref() == Some(text.as_str()));
                    // Listed but for its case: appending would list it twice.
                    let lower = text.to_lowercase();
                    let cased = items.iter().find_map(|i| {
                        i.scalar_text()
                            .filter(|t| *t != text && t.to_lowercase() == lower)
                    });
                    // The list's own field reports an item out of its
                    // `one_of` (with its fix): the slip is said there once.
                    let said_there = |item: &str| {
                        self.fields.iter().any(|f| {
                            f.name == *list_key
                                && f.opts
                                    .one_of
                                    .as_ref()
                                    .is_some_and(|o| !o.iter().any(|v| v == item))
                        })
                    };
                    if let (false, Some(cased)) = (listed, &cased) {
                        if said_there(cased) {
                            return;
                        }
                        cx.report(
                            Finding::new(
                                value.span,
                                format!(
                                    "`{name}` is `{text}` but `{list_key}` lists it as `{cased}`"
                                ),
                            )
                            .label(
                                list_key_node.span.cover(list.span),
                                format!("`{list_key}` is here"),
                            )
                            .help(help(format!("write `{cased}` as `{text}` in `{list_key}`"))),
                        );
                    } else if !listed {
                        let mut finding = Finding::new(
                            value.span,
                            format!("`{name}` is `{text}` but `{list_key}` does not list it"),
                        )
                        .label(
                            list_key_node.span.cover(list.span),
                            format!("`{list_key}` is here"),
                        )
                        .help(help(format!("add `{text}` to `{list_key}`")));
                        if let Some(edit) = append_to_list(doc, list_key, list, &text) {
                            finding = finding.fix(Fix::safe(
                                format!("add `{text}` to `{list_key}`"),
                                vec![edit],
                            ));
                        }
                        cx.report(finding);
                    }
                }
            }
        }
    }

    /// How to write the value of `name` as a `ty`: the date it was meant
    /// to give, said as read from it (`10/03/2025` read day first); else
    /// the date the file name gives, said as the file name's; for a
    /// fraction where an integer is expected, the integers around it; else
    /// an example, said to be one. A date or a number is never offered
    /// without saying where it comes from.
    fn retype_help(&self, doc: &Document, ty: FieldType, name: &str, value: &Node) -> String {
        let format = format_of(doc);
        let text = value.scalar_text();
        if let Some((date, read)) = text.as_deref().and_then(|t| meant_date(ty, t)) {
            return format!(
                "write `{}` ({read})",
                entry(format, name, &date, Shape::Date)
            );
        }
        if let (FieldType::Integer, Value::Float(f)) = (ty, &value.value)
            && f.is_finite()
            && f.abs() < 1e15
        {
            let (low, high) = (f.floor() as i64, f.ceil() as i64);
            let e = |n: i64| entry(format, name, &n.to_string(), Shape::Literal);
            return if low == high {
                format!("write `{}`, without the fraction", e(low))
            } else {
                format!("write an integer, `{}` or `{}`", e(low), e(high))
            };
        }
        let from_name = (ty == FieldType::Date)
            .then_some(self.filename.as_ref())
            .flatten()
            .and_then(|filename| {
                let i = filename.vars.iter().position(|v| v == name)?;
                let seen = NameSeen::of(doc, filename, None);
                let caps = filename.regex.captures(&seen.name)?;
                let date = caps.name(&format!("v{i}"))?;
                is_date(date).then(|| (seen.said, date.to_string()))
            });
        // `2025-02-30`: a day its month has.
        let fault = text.as_deref().and_then(|t| calendar_fault(t.trim()));
        match from_name {
            Some((said, date)) => {
                format!(
                    "write `{}`; {said} says `{date}`",
                    entry(format, name, "YYYY-MM-DD", Shape::Date)
                )
            }
            None if fault.is_some() => format!(
                "write a date that exists, `{}`",
                entry(format, name, "YYYY-MM-DD", Shape::Date)
            ),
            None => match ty {
                // A value, not a form: said to be an example.
                FieldType::String | FieldType::Integer | FieldType::Number => {
                    format!(
                        "write {}, such as {}",
                        ty.describe(),
                        ty.example(format, name)
                    )
                }
                _ => format!("write {}", ty.example(format, name)),
            },
        }
    }

    fn check_filename(
        &self,
        doc: &Document,
        fm: &FrontMatter,
        root: &Node,
        filename: &FileName,
        cx: &mut Context,
    ) {
        let NameSeen {
            bundle,
            extension,
            said,
            what,
            markdown,
            code,
            name,
        } = NameSeen::of(doc, filename, cx.site());
        let name = name.as_str();
        // The name the front matter's values give, when it gives them all:
        // the file follows it, whatever the template's parts look like (a
        // `{date}` not declared a date has dashes the template's own dash
        // cannot be told from).
        let implied = implied_values(filename, root);
        if implied
            .as_ref()
            .is_some_and(|values| fill(filename, values) == name)
        {
            return;
        }
        // What the name says for each variable: when the front matter gives
        // them all, the one variable whose value the name does not hold (the
        // others read as their values); else the template's reading.
        let one = match &implied {
            Some(values) => one_difference(filename, values, name),
            None => with_known_values(filename, root, name),
        };
        let parts: Vec<Option<String>> = match (one, filename.regex.captures(name)) {
            (Some(parts), _) => parts,
            (None, Some(caps)) => (0..filename.vars.len())
                .map(|i| caps.name(&format!("v{i}")).map(str::to_string))
                .collect(),
            (None, None) => {
                // A name that is not UTF-8 has no `&str`: shown lossily.
                let (shown, why) = match bundle.or(doc.path.file_name()) {
                    Some(n) if name.is_empty() => {
                        let n = n.to_string_lossy();
                        let shown = match bundle {
                            Some(_) => format!("the bundle's folder name `{n}`"),
                            None => format!("the file name `{n}`"),
                        };
                        (shown, " (it is not valid UTF-8)")
                    }
                    _ => (said.clone(), ""),
                };
                // A folder is named without the extension: so is the
                // template it should follow.
                let template = match bundle {
                    Some(_) => template_without_extension(&filename.template),
                    None => &filename.template,
                };
                cx.report(
                    Finding::new(
                        fm.open,
                        format!("{shown} does not follow `{template}`{why}"),
                    )
                    .help(format!("rename the {what} to follow `{template}`")),
                );
                return;
            }
        };
        for (i, var) in filename.vars.iter().enumerate() {
            let Some(found) = parts.get(i).and_then(Option::as_deref) else {
                continue;
            };
            let Some((_, value)) = key_entry(root, var) else {
                // The key is absent: the file name gives its value (the
                // slug of `{date}-{slug}.md`), which must then be a value
                // the key could hold.
                let field = self.fields.iter().find(|f| f.name == *var);
                if let Some((field, re)) = field.and_then(|f| f.pattern.as_ref().map(|re| (f, re)))
                    && !re.is_match(found)
                {
                    let help = field.help_with(format!(
                        "rename the {what} so that its `{var}` matches, or set `{var}` in the front matter"
                    ));
                    let fault = match &field.opts.pattern_name {
                        Some(words) => format!("is not {words}"),
                        None => format!("does not match `{}`", re.as_str()),
                    };
                    cx.report(
                        Finding::new(
                            fm.open,
                            format!(
                                "the front matter has no `{var}`, so {said} gives it: `{found}` {fault}"
                            ),
                        )
                        .help(help),
                    );
                }
                continue;
            };
            let Some(text) = value.scalar_text() else {
                continue;
            };
            let typed_date = self.fields.iter().any(|f| {
                f.name == *var && matches!(f.opts.ty, Some(FieldType::Date | FieldType::Datetime))
            });
            if typed_date && type_matches(FieldType::Datetime, value).is_err() {
                continue; // reported as a wrong type
            }
            let is_date = found.len() == 10
                && text.len() >= 10
                && text.is_char_boundary(10)
                && is_date(&text[..10]);
            let expected = if is_date { &text[..10] } else { text.as_str() };
            if expected != found {
                // A date-time is set to the name's day at the same time:
                // its date part is what the name holds.
                let (shown, set_to) = if is_date && text.len() > 10 {
                    (text.as_str(), format!("{found}{}", &text[10..]))
                } else {
                    (expected, found.to_string())
                };
                // Only a value that matches the key's own pattern is
                // offered, in the file name or in the front matter.
                let valid = |v: &str| {
                    self.fields
                        .iter()
                        .filter(|f| f.name == *var)
                        .filter_map(|f| f.pattern.as_ref())
                        .all(|re| re.is_match(v))
                };
                let mut renamed = render(filename, &parts, i, expected);
                if markdown && let Some(stem) = renamed.strip_suffix(".md") {
                    renamed = format!("{stem}.markdown");
                }
                // The language's code stays (`….en.md`).
                if let Some(code) = &code
                    && let Some(dot) = renamed.rfind('.')
                {
                    renamed.insert_str(dot, &format!(".{code}"));
                }
                // A bundle's folder is renamed, without the file's extension.
                if bundle.is_some()
                    && let Some(stem) = renamed.strip_suffix(extension)
                {
                    renamed.truncate(stem.len());
                }
                let help = match (valid(expected), valid(found)) {
                    (true, true) => {
                        format!("rename the {what} to `{renamed}`, or set `{var}` to `{set_to}`")
                    }
                    (false, true) => format!("set `{var}` to `{set_to}`"),
                    (true, false) => format!("rename the {what} to `{renamed}`"),
                    (false, false) => format!(
                        "give `{var}` a value that matches its pattern, and rename the file after it"
                    ),
                };
                cx.report(
                    Finding::new(
                        value.span,
                        format!("`{var}` is `{shown}` but {said} says `{found}`"),
                    )
                    .help(help),
                );
            }
        }
    }
}

/// The name a file-name template is compared with, and how findings say it.
struct NameSeen<'d> {
    /// The folder of a leaf bundle, whose name is the page's.
    bundle: Option<&'d std::ffi::OsStr>,
    /// The file's extension, with its dot, for a bundle's `index.md`.
    extension: &'d str,
    /// `the file name `…``, or `the bundle's folder name `…``.
    said: String,
    /// `file` or `folder`: what a finding asks to rename.
    what: &'static str,
    /// The name is written `.markdown` and compared as `.md`.
    markdown: bool,
    /// The site's language code the name carries before its extension
    /// (`cible.en.md`): compared without it, and kept in a new name.
    code: Option<String>,
    /// The name compared with the template.
    name: String,
}

impl<'d> NameSeen<'d> {
    /// The name of `doc`, on `site` if it is in one (whose languages' codes
    /// a name may carry).
    fn of(doc: &'d Document, filename: &FileName, site: Option<&crate::site::Site>) -> Self {
        // A leaf bundle's page is named by its folder, as Hugo names it
        // (`2025-01-06-carte/index.md` is the page `2025-01-06-carte`): the
        // folder's name is compared, with the file's extension (`.md`), and
        // said (and renamed) without it. One that is not UTF-8 has no
        // `&str`, as a file name that is not.
        let bundle = doc.bundle_folder();
        let folder = bundle.map(|f| f.to_str().unwrap_or(""));
        // (`index.en.md`, the page in a language, is compared as `.md`.)
        let name = doc.file_name();
        let extension = name.rfind('.').map_or("", |dot| &name[dot..]);
        let written = match (bundle, folder) {
            (Some(_), Some(f)) if !f.is_empty() => format!("{f}{extension}"),
            (Some(_), _) => String::new(),
            (None, _) => doc.file_name().to_string(),
        };
        let said = match folder {
            Some(f) => format!("the bundle's folder name `{f}`"),
            None => format!("the file name `{written}`"),
        };
        // A page in a language (`2025-01-06-cible.en.md`) is named as the
        // page itself (`2025-01-06-cible.md`), as Hugo names it.
        let coded = site
            .filter(|_| bundle.is_none())
            .and_then(|s| s.language_in_name(&written));
        let (written, code) = match coded {
            Some((bare, code)) => (bare, Some(code)),
            None => (written, None),
        };
        let what = if bundle.is_some() { "folder" } else { "file" };
        // A template ending in `.md` names `.markdown` files too, which
        // Hugo reads alike: the name is compared as `.md`, and said (and
        // renamed) as written.
        let markdown = filename.template.ends_with(".md") && written.ends_with(".markdown");
        let name = match written.strip_suffix(".markdown") {
            Some(stem) if markdown => format!("{stem}.md"),
            _ => written,
        };
        NameSeen {
            bundle,
            extension,
            said,
            what,
            markdown,
            code,
            name,
        }
    }
}

/// A file-name template as a folder's name follows it: without the
/// extension after its last variable (`{date}-{slug}.md` is
/// `{date}-{slug}`).
fn template_without_extension(template: &str) -> &str {
    let after = template.rfind('}').map_or(0, |i| i + 1);
    match template[after..].find('.') {
        Some(dot) => &template[..after + dot],
        None => template,
    }
}

/// The front matter's value of each variable of the template (a date-time's
/// date), if every one has a scalar value.
fn implied_values(filename: &FileName, root: &Node) -> Option<Vec<String>> {
    filename
        .vars
        .iter()
        .map(|var| implied_value(root, var))
        .collect()
}

/// The front matter's value of `var` as a file name writes it (a
/// date-time's date), when it is a scalar.
fn implied_value(root: &Node, var: &str) -> Option<String> {
    let text = key_entry(root, var)?.1.scalar_text()?;
    let dated = text.len() > 10
        && text.is_char_boundary(10)
        && is_date(&text[..10])
        && text[10..].starts_with(['T', 't', ' ']);
    Some(if dated { text[..10].to_string() } else { text })
}

/// When the front matter gives some of the variables but not all: what the
/// name holds for each, if it holds the values given (`2025-01-02-hello.md`
/// with `date: 2025-01-02` and no `slug`, whatever `date`'s declared type:
/// the name's dashes are not read as the template's own).
fn with_known_values(filename: &FileName, root: &Node, name: &str) -> Option<Vec<Option<String>>> {
    let known: Vec<Option<String>> = filename
        .vars
        .iter()
        .map(|var| implied_value(root, var))
        .collect();
    if known.iter().all(Option::is_none) {
        return None;
    }
    // Most often the template's own reading holds the values given (a
    // `date` typed as one): no pattern to build for the file.
    if let Some(caps) = filename.regex.captures(name) {
        let parts: Vec<Option<String>> = (0..known.len())
            .map(|i| caps.name(&format!("v{i}")).map(str::to_string))
            .collect();
        if known.iter().zip(&parts).all(|(k, p)| k.is_none() || k == p) {
            return Some(parts);
        }
    }
    // The values as given; else one of them read in its shape (its digits
    // any digits: the name's `2025-01-02` for a `date` of `2025-01-03`).
    // Matched by hand: a pattern built for each file costs more than
    // checking it. Two keys or more missing: the template's reading.
    if known.iter().filter(|k| k.is_none()).count() > 1 {
        return None;
    }
    let freed =
        std::iter::once(None).chain((0..known.len()).filter(|&i| known[i].is_some()).map(Some));
    freed.into_iter().find_map(|free| {
        let mut pieces = Vec::new();
        let mut rest = filename.template.as_str();
        for (i, (var, value)) in filename.vars.iter().zip(&known).enumerate() {
            let placeholder = format!("{{{var}}}");
            let at = rest.find(&placeholder)?;
            pieces.push(Piece::Literal(&rest[..at]));
            pieces.push(match value {
                Some(v) if free == Some(i) => Piece::Shape(v),
                Some(v) => Piece::Literal(v),
                None => Piece::Any,
            });
            rest = &rest[at + placeholder.len()..];
        }
        pieces.push(Piece::Literal(rest));
        let mut found = Vec::new();
        if !match_pieces(name, &pieces, &mut found) {
            return None;
        }
        let mut found = found.into_iter();
        Some(
            known
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    Some(v) if free != Some(i) => Some(v.clone()),
                    _ => found.next().map(str::to_string),
                })
                .collect(),
        )
    })
}

/// A part of a file-name template, for [`match_pieces`].
enum Piece<'a> {
    /// Written as is.
    Literal(&'a str),
    /// As long as this value, its digits any digits, the rest as written.
    Shape(&'a str),
    /// One character or more, as few as will do.
    Any,
}

/// Whether `name` is made of `pieces`, in order; what the `Shape` and `Any`
/// pieces took is appended to `found`.
fn match_pieces<'n>(name: &'n str, pieces: &[Piece<'_>], found: &mut Vec<&'n str>) -> bool {
    let Some((piece, rest)) = pieces.split_first() else {
        return name.is_empty();
    };
    match piece {
        Piece::Literal(text) => name
            .strip_prefix(text)
            .is_some_and(|after| match_pieces(after, rest, found)),
        Piece::Shape(value) => {
            let mut end = 0;
            for want in value.chars() {
                let Some(got) = name[end..].chars().next() else {
                    return false;
                };
                let fits = if want.is_ascii_digit() {
                    got.is_ascii_digit()
                } else {
                    got == want
                };
                if !fits {
                    return false;
                }
                end += got.len_utf8();
            }
            found.push(&name[..end]);
            if match_pieces(&name[end..], rest, found) {
                return true;
            }
            found.pop();
            false
        }
        Piece::Any => {
            for (end, _) in name.char_indices().skip(1).chain([(name.len(), ' ')]) {
                found.push(&name[..end]);
                if match_pieces(&name[end..], rest, found) {
                    return true;
                }
                found.pop();
            }
            false
        }
    }
}

/// The template with its variables set to `values`, in order.
fn fill(filename: &FileName, values: &[String]) -> String {
    fill_with(filename, values, str::to_string)
}

/// The template with its variables set to `values`, in order, and its own
/// text as `literal` writes it (escaped, for a regex).
fn fill_with(filename: &FileName, values: &[String], literal: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = filename.template.as_str();
    for (var, value) in filename.vars.iter().zip(values) {
        let placeholder = format!("{{{var}}}");
        let Some(at) = rest.find(&placeholder) else {
            break;
        };
        out.push_str(&literal(&rest[..at]));
        out.push_str(value);
        rest = &rest[at + placeholder.len()..];
    }
    out.push_str(&literal(rest));
    out
}

/// When `name` is the template with all variables at their `values` but
/// one: what the name holds for each (only looked for when the name does
/// not follow the values, so the regex is built for a file in error).
fn one_difference(
    filename: &FileName,
    values: &[String],
    name: &str,
) -> Option<Vec<Option<String>>> {
    (0..filename.vars.len()).find_map(|i| {
        let mut quoted: Vec<String> = values.iter().map(|v| regex::escape(v)).collect();
        *quoted.get_mut(i)? = "(.+?)".to_string();
        let pattern = fill_with(filename, &quoted, regex::escape);
        let re = regex::Regex::new(&format!("^{pattern}$")).ok()?;
        let found = re.captures(name)?.get(1)?.as_str().to_string();
        let mut parts: Vec<Option<String>> = values.iter().cloned().map(Some).collect();
        *parts.get_mut(i)? = Some(found);
        Some(parts)
    })
}

/// The file name the template gives with variable `index` set to `value`
/// and the others as the name holds them.
fn render(filename: &FileName, parts: &[Option<String>], index: usize, value: &str) -> String {
    let values: Vec<String> = (0..filename.vars.len())
        .map(|i| {
            if i == index {
                value.to_string()
            } else {
                parts.get(i).cloned().flatten().unwrap_or_default()
            }
        })
        .collect();
    fill(filename, &values)
}

/// Ok when `value` has type `ty`; otherwise what it is instead.
fn type_matches(ty: FieldType, value: &Node) -> Result<(), String> {
    // A number where text is expected is read as its text, as Hugo reads
    // it (`tags: [bilan, 2024]` has the tag `2024`); one whose text is not
    // the text written (`1.10` read as 1.1) is said by [`number_as_text`].
    let text = |v: &Value| matches!(v, Value::String(..) | Value::Int(_) | Value::Float(_));
    let ok = match (ty, &value.value) {
        (FieldType::String, v) if text(v) => true,
        (FieldType::Integer, Value::Int(_)) => true,
        (FieldType::Number, Value::Int(_) | Value::Float(_)) => true,
        (FieldType::Boolean, Value::Bool(_)) => true,
        // A date-time is a date too: Hugo's archetype writes
        // `date: 2025-05-26T08:30:00+02:00`, and Hugo reads the day of it.
        (FieldType::Date | FieldType::Datetime, Value::String(s, _)) => is_datetime(s),
        (FieldType::List, Value::Seq(_)) => true,
        (FieldType::StringList, Value::Seq(items)) => {
            if let Some(bad) = items.iter().find(|i| !text(&i.value)) {
                return Err(format!("a list with {} in it", bad.type_name()));
            }
            true
        }
        (FieldType::Map, Value::Map(_)) => true,
        _ => false,
    };
    if ok {
        return Ok(());
    }
    Err(match &value.value {
        Value::String(s, _) if matches!(ty, FieldType::Date | FieldType::Datetime) => {
            match readable_form(s) {
                Some(_) => format!("`{s}`, in a form Hugo cannot read"),
                None => format!("`{s}`"),
            }
        }
        Value::Null => "empty".to_string(),
        Value::String(s, true)
            if matches!(
                ty,
                FieldType::Boolean | FieldType::Integer | FieldType::Number
            ) =>
        {
            format!("the quoted string `\"{s}\"`")
        }
        // A word or a few (`ShowToc: yes`, `tags: carriere`) is quoted, so
        // that the message says what was read; a longer text is not.
        Value::String(s, _) if short_text(s) => format!("the string `{s}`"),
        _ => value.type_name().to_string(),
    })
}

/// Whether a string is short and plain enough to be quoted in a message:
/// a word or a few (`ShowToc: yes`, `tags: carriere`), not a longer text.
fn short_text(s: &str) -> bool {
    !s.trim().is_empty() && s.chars().count() <= 40 && !s.contains(['\n', '\r', '`'])
}

/// A number written where text is expected whose text, as Hugo makes it,
/// is not the text written: `1.10` (the number 1.1, the text `1.1`),
/// `007`, `+5`, `1e3`, `.inf`. Gives the text written and the number read,
/// shown as Hugo shows it. A number read as written (`2024`, `1.5`, `-3`)
/// is none: its text is the author's.
fn number_as_text<'d>(doc: &'d Document, node: &Node) -> Option<(&'d str, String)> {
    // As the value's text ([`Node::scalar_text`]), but an infinity as Go
    // writes it (Rust writes `inf`).
    let read = match node.value {
        Value::Float(f) if f.is_infinite() => if f > 0.0 { "+Inf" } else { "-Inf" }.to_string(),
        Value::Int(_) | Value::Float(_) => node.scalar_text()?,
        _ => return None,
    };
    let written = doc.source.get(node.span.start..node.span.end)?;
    let number_shaped = !written.is_empty()
        && written
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-' | b'_'));
    (number_shaped && written != read).then_some((written, read))
}

/// The findings of the numbers of `value` (a `string` value, or the items
/// of a `string-list`) that [`number_as_text`] finds, at each number, with
/// a safe fix that quotes it (a number-shaped text in double quotes is the
/// same string to YAML and TOML).
fn numbers_as_text(doc: &Document, field: &Field, ty: FieldType, value: &Node) -> Vec<Finding> {
    let (numbers, verb): (Vec<&Node>, &str) = match (ty, &value.value) {
        (FieldType::String, _) => (vec![value], "is"),
        (FieldType::StringList, Value::Seq(items)) => (items.iter().collect(), "lists"),
        _ => return Vec::new(),
    };
    let reader = doc
        .front_matter
        .as_ref()
        .map_or("YAML", |fm| fm.format.name());
    let name = &field.name;
    numbers
        .into_iter()
        .filter_map(|n| {
            let (written, read) = number_as_text(doc, n)?;
            let finding = Finding::new(
                    n.span,
                    format!(
                        "`{name}` {verb} `{written}`, which {reader} reads as the number `{read}`; expected {}",
                        ty.describe()
                    ),
                )
                .help(field.help_with(format!(
                    "quote it, `\"{written}\"`, to keep the text as written"
                )));
            // `!!float 1.10`: quoted, the tag still makes it a number.
            if yaml_tag(doc, n).is_some() {
                return Some(finding);
            }
            Some(finding.fix(Fix::safe(
                format!("quote `{written}`"),
                vec![Edit::replace(n.span, format!("\"{written}\""))],
            )))
        })
        .collect()
}

/// The YAML tag written before the scalar `node` (`!!str` in `ShowToc:
/// !!str yes`), and whether only spaces separate it from the value (no
/// anchor between, as in `!!str &a yes`). A tag decides how the value is
/// read, whatever the value: an edit of the value alone keeps it.
fn yaml_tag(doc: &Document, node: &Node) -> Option<(Span, bool)> {
    if doc.front_matter.as_ref()?.format != Format::Yaml {
        return None;
    }
    let before = doc.source.get(..node.span.start)?;
    let mut end = before.trim_end_matches([' ', '\t']).len();
    let mut adjacent = true;
    // At most an anchor between the tag and the value.
    for _ in 0..2 {
        let head = before.get(..end)?;
        let start = head
            .rfind(|c: char| c.is_whitespace() || matches!(c, '[' | '{' | ','))
            .map_or(0, |i| {
                i + head[i..].chars().next().map_or(1, char::len_utf8)
            });
        let token = head.get(start..)?;
        if token.starts_with('!') {
            return Some((Span::new(start, end), adjacent));
        }
        if !token.starts_with('&') {
            return None;
        }
        adjacent = false;
        end = head[..start].trim_end_matches([' ', '\t']).len();
    }
    None
}

/// The text inside the quotes of `value`, and whether there are quotes,
/// when it is written as a quoted string (or a YAML one tagged `!!str`)
/// that, without its quotes and tag, the front matter's own reader (YAML or
/// TOML) reads as a value of type `ty`.
fn unquoted<'d>(doc: &'d Document, ty: FieldType, value: &Node) -> Option<(&'d str, bool)> {
    let (inner, quoted) = written_as_is(doc, value)?;
    // `!!str 12`: a string for its tag, quoted or not.
    if !quoted && yaml_tag(doc, value).is_none() {
        return None;
    }
    let text = doc.source.get(inner.start..inner.end)?;
    // A number or boolean is one word; `1 # note` would read as 1 and a
    // comment once unquoted.
    if text.is_empty() || text.contains(|c: char| c.is_whitespace() || c == '#') {
        return None;
    }
    let read = match doc.front_matter.as_ref()?.format {
        Format::Yaml => crate::yaml::plain_scalar(text),
        Format::Toml => crate::toml_tree::parse(&format!("v = {text}"), 0)
            .ok()?
            .get("v")?
            .value
            .clone(),
        // A JSON literal (number, boolean, null) reads as the same YAML one.
        Format::Json => match serde_json::from_str::<serde_json::Value>(text).ok()? {
            serde_json::Value::String(_) => return None,
            _ => crate::yaml::plain_scalar(text),
        },
    };
    type_matches(ty, &Node::new(value.span, read))
        .is_ok()
        .then_some((text, quoted))
}

/// The boolean a string of a key typed `boolean` was meant to give, with
/// the word and whether it is quoted: `yes`, `no`, `on` or `off` in any case, quoted or not, which
/// YAML 1.1 read as booleans (YAML 1.2, and repere, read a string). Only
/// when the source holds the word as is, so that replacing the value with
/// `true` or `false` is the whole edit.
fn yaml11_boolean<'d>(
    doc: &'d Document,
    ty: FieldType,
    value: &Node,
) -> Option<(&'d str, bool, bool)> {
    if ty != FieldType::Boolean || !matches!(value.value, Value::String(..)) {
        return None;
    }
    let (inner, quoted) = written_as_is(doc, value)?;
    let word = doc.source.get(inner.start..inner.end)?;
    let meant = match word.to_ascii_lowercase().as_str() {
        "yes" | "on" => true,
        "no" | "off" => false,
        _ => return None,
    };
    Some((word, quoted, meant))
}

/// Words that a period abbreviates without ending the sentence (`cf. Le
/// rôle`, `p. ex. Tech lead`), compared in lowercase.
const ABBREVIATIONS: &[&str] = &[
    "cf", "vs", "ex", "p", "env", "resp", "fig", "mme", "mlle", "dr", "pr", "st", "av", "apr",
    "j.-c",
];

/// Words that a period abbreviates before a number (`vol. 2`, `chap. 3`,
/// `art. 12`), compared in lowercase without an elided article: before a
/// word, the same period may end a sentence (« de l'art. Puis… »).
const NUMBERED: &[&str] = &[
    "vol", "chap", "art", "t", "n", "no", "nos", "éd", "ed", "sect",
];

/// The number of sentences of `text`: a run of `.`, `!`, `?` or `…` ends
/// one when the end of the text or, after spaces, a capital letter, a digit
/// or an opening quote follows. A period after a lone capital (`M. Dupont`,
/// `J. R. R.`) or after an abbreviation of [`ABBREVIATIONS`] is not an end,
/// nor one after an abbreviation of [`NUMBERED`] before a digit.
/// The length of a value as Hugo's readers see it: spaces at either end
/// are not counted (`"   "` is blank), and characters are counted as
/// written once composed (NFC), so that an `é` stored as `e` and an
/// accent, as pasted text may be, is one.
fn composed_len(text: &str) -> usize {
    let text = text.trim();
    if text.is_ascii() {
        return text.len();
    }
    match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.chars().count(),
        _ => unicode_normalization::UnicodeNormalization::nfc(text).count(),
    }
}

fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.trim().chars().collect();
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '…');
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_end(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_end(chars[i]) {
            i += 1;
        }
        // The word before a single period.
        let word: String = if chars[start] == '.' && i - start == 1 {
            let from = chars[..start]
                .iter()
                .rposition(|c| c.is_whitespace() || matches!(c, '(' | '«' | '"' | '“'))
                .map_or(0, |p| p + 1);
            chars[from..start].iter().collect()
        } else {
            String::new()
        };
        // `M.`, and initials joined by a hyphen or a period (`J.-P.`).
        let lone_capital = !word.is_empty()
            && word.split(['.', '-']).all(|part| {
                let mut w = part.chars();
                part.is_empty()
                    || matches!((w.next(), w.next()), (Some(c), None) if c.is_uppercase())
            })
            && word.chars().any(char::is_uppercase);
        let initial = lone_capital || ABBREVIATIONS.contains(&word.to_lowercase().as_str());
        // Spaces, and the closing quotes and brackets of the sentence that
        // ends (French puts a space before `»`).
        let mut spaced = false;
        let mut j = i;
        while let Some(&c) = chars.get(j) {
            if c.is_whitespace() {
                spaced = true;
            } else if !matches!(c, '»' | '"' | '”' | ')' | '\'') {
                break;
            }
            j += 1;
        }
        let ends = match chars.get(j) {
            None => true,
            Some(&c) => {
                spaced
                    && (c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '«' | '"' | '“' | '('))
            }
        };
        // Without an elided article (`l'art.`).
        let bare = word.rsplit(['\'', '’']).next().unwrap_or_default();
        let numbered = chars.get(j).is_some_and(char::is_ascii_digit)
            && NUMBERED.contains(&bare.to_lowercase().as_str());
        if ends && !((initial || numbered) && j < chars.len()) {
            count += 1;
        }
    }
    // Text after the last end is a sentence too.
    let tail = chars
        .iter()
        .rposition(|c| is_end(*c))
        .map_or(&chars[..], |p| &chars[p + 1..]);
    if tail.iter().any(|c| c.is_alphanumeric()) {
        count += 1;
    }
    count
}

/// The date a value not of type `date` was meant to give, written as one,
/// and how it was read: a date-time Hugo cannot read, written as it reads
/// it (`2025-01-02T08:00` with its seconds; also for type `datetime`); the
/// day of a date-time whose time is not one (`2025-01-02T25:00`); or a day
/// written with `/` or `.`, year first or last (`2025/01/02`,
/// `02/01/2025`, day before month as in French). `None` when no such day
/// exists.
fn meant_date(ty: FieldType, text: &str) -> Option<(String, String)> {
    if !matches!(ty, FieldType::Date | FieldType::Datetime) {
        return None;
    }
    if let Some((form, changed)) = readable_form(text) {
        return Some((form, format!("as Hugo reads it: with {changed}")));
    }
    let text = text.trim();
    if ty != FieldType::Date {
        return None;
    }
    if text.len() > 10
        && text.is_char_boundary(10)
        && is_date(&text[..10])
        && text[10..].starts_with(['T', 't', ' '])
    {
        return Some((
            text[..10].to_string(),
            format!(
                "its day; Hugo cannot read `{}` as a time of day",
                text[11..].trim()
            ),
        ));
    }
    let (date, year_first) = reordered_date(text)?;
    let read = if year_first {
        format!("`{text}` written YYYY-MM-DD")
    } else {
        format!("`{text}` read day first, as French writes it")
    };
    Some((date, read))
}

/// A calendar date written with its parts in another order or form
/// (`2025/1/2`, `2.1.2025`, `02/01/2025`), as `YYYY-MM-DD`, and whether
/// its year came first (then its meaning is plain; day first is how
/// French writes it, a reading).
fn reordered_date(text: &str) -> Option<(String, bool)> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let year_first = a.len() == 4;
    let (y, m, d) = if year_first { (a, b, c) } else { (c, b, a) };
    let all_digits = [y, m, d]
        .iter()
        .all(|p| p.bytes().all(|c| c.is_ascii_digit()));
    if !all_digits || y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
        return None;
    }
    let date = format!("{y}-{m:0>2}-{d:0>2}");
    is_date(&date).then_some((date, year_first))
}

/// `1 item`, `2 items`: a count and its noun, in the plural but for one.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule a pack entry's options (YAML) build.
    fn rule_of(options: &str) -> Box<dyn Rule> {
        build(&crate::yaml::parse(options, 0).unwrap().root.unwrap()).unwrap()
    }

    /// What `rule` finds in a file of text `text`.
    fn findings_of(rule: &dyn Rule, text: &str) -> Vec<Finding> {
        let doc = Document::parse("a.md", text.to_string());
        let mut cx = Context::default();
        rule.check(&doc, &mut cx);
        cx.findings
    }

    /// Text after the opening delimiter is blamed only when the block
    /// reads without it; text after a closing one is reported for every
    /// format, JSON's `}` included.
    #[test]
    fn text_beside_a_delimiter() {
        let rule = rule_of("fields: {}\n");
        let blamed = |text: &str| {
            findings_of(&*rule, text).iter().any(|f| {
                f.labels
                    .iter()
                    .any(|l| l.message == "read as the block's first line")
            })
        };
        assert!(blamed("--- texte\ntitle: x\n---\n"));
        assert!(blamed("+++ texte\ntitle = 'x'\n+++\n"));
        // The error is elsewhere: `slug: x` is a fine first line.
        assert!(!blamed("--- slug: x\ntitle: a: b\n---\n"));
        assert!(!blamed("+++ slug = 'x'\ntitle =\n+++\n"));
        for (text, after) in [
            ("---\ntitle: x\n--- # fin\n", "# fin"),
            ("{\"title\": \"x\"} # fin\n", "# fin"),
        ] {
            let found = findings_of(&*rule, text);
            let at: Vec<&str> = found
                .iter()
                .map(|f| &text[f.span.start..f.span.end])
                .collect();
            assert_eq!(at, [after], "{text}");
        }
    }

    /// No front matter: a first `-` or `+`, which Hugo takes for a
    /// delimiter's, is pointed at with why the build stops.
    #[test]
    fn a_file_with_no_front_matter() {
        let rule = rule_of("fields: {}\n");
        let said = |text: &str| {
            let found = findings_of(&*rule, text);
            assert_eq!(found.len(), 1, "{text}");
            (
                found[0].message.clone(),
                text[found[0].span.start..found[0].span.end].to_string(),
            )
        };
        assert_eq!(
            said("Du texte.\n"),
            ("the file has no front matter".to_string(), String::new())
        );
        let (message, at) = said("\n  - un point \n");
        assert!(message.ends_with("(invalid YAML delimiter)"), "{message}");
        assert_eq!(at, "- un point");
        assert!(said("+ un point").0.ends_with("(invalid TOML delimiter)"));
    }

    #[test]
    fn the_date_a_value_was_meant_to_give() {
        let meant = |t: &str| meant_date(FieldType::Date, t).map(|(date, _)| date);
        assert_eq!(meant("2025/01/02").as_deref(), Some("2025-01-02"));
        assert_eq!(meant("2.1.2025").as_deref(), Some("2025-01-02"));
        assert_eq!(meant("02/01/2025").as_deref(), Some("2025-01-02"));
        // A date-time is a date; one whose time is not gives its day.
        assert_eq!(meant("2025-01-02T25:00:00Z").as_deref(), Some("2025-01-02"));
        // A date-time Hugo cannot read, as it reads it, spaces around it
        // said too; for type `datetime` as well.
        assert_eq!(
            meant_date(FieldType::Date, " 2025-01-02 08:00"),
            Some((
                "2025-01-02T08:00:00".to_string(),
                "as Hugo reads it: with no spaces around it, the seconds".to_string()
            ))
        );
        assert_eq!(
            meant_date(FieldType::Datetime, "2025-01-02t08:00:00").map(|(d, _)| d),
            Some("2025-01-02T08:00:00".to_string())
        );
        // No such day, or not a date at all: the generic example instead.
        assert_eq!(meant("2025-02-30"), None);
        assert_eq!(meant("01/02/25"), None);
        assert_eq!(meant("demain"), None);
        assert_eq!(meant_date(FieldType::Datetime, "2025/01/02"), None);
    }

    #[test]
    fn bounds_no_value_can_meet_are_refused() {
        let built = |options: &str| build(&crate::yaml::parse(options, 0).unwrap().root.unwrap());
        for (options, says, at) in [
            (
                "fields:\n  description: {min_length: 50, max_length: 10}\n",
                "`description` has `min_length: 50` over `max_length: 10`: no value can meet both",
                "50",
            ),
            (
                "fields:\n  tags: {min_items: 3, max_items: 2}\n",
                "`tags` has `min_items: 3` over `max_items: 2`",
                "3",
            ),
            (
                "fields:\n  weight: {type: integer, one_of: [a, b]}\n",
                "`weight` must be an integer but none of its `one_of` values is one",
                "[a, b]",
            ),
            (
                "fields:\n  title: {one_of: []}\n",
                "`title` has an empty `one_of`: no value is allowed",
                "[]",
            ),
            (
                "fields:\n  cover: {type: map, one_of: [a]}\n",
                "`cover` must be a mapping but none of its `one_of` values is one",
                "[a]",
            ),
            // Options that would do nothing.
            (
                "fields:\n  t: {normalize: lowercase}\n",
                "`t` has `normalize` but neither `one_of` nor `pattern`",
                "lowercase",
            ),
            (
                "fields:\n  sub: {type: string-list, contained_in: all}\n  all: {type: string-list}\n",
                "`sub` must be a list of strings, but `contained_in` checks a single value",
                "all",
            ),
            // A list key that is a slip for a declared field's name.
            (
                "fields:\n  pillar: {contained_in: pilars}\n  pillars: {type: string-list}\n",
                "`pillar` must be contained in `pilars`, which no field declares; did you mean `pillars`? (If `pilars` is meant, declare it among the fields.)",
                "pilars",
            ),
            // One key to Hugo, declared twice: the later is the slip.
            (
                "fields:\n  date: {required: true}\n  Date: {required: false}\n",
                "`Date` is declared besides `date`: they are one key to Hugo",
                "Date",
            ),
            (
                "fields:\n  prep: {type: integer, min_length: 2}\n",
                "`prep` must be an integer, which has no `min_length`: it applies to a string",
                "2",
            ),
            (
                "fields:\n  title: {type: string, max_items: 2}\n",
                "`title` must be a string, which has no `max_items`: it applies to a list",
                "2",
            ),
            (
                "fields:\n  tags: {type: string-list, max_sentences: 1}\n",
                "which has no `max_sentences`",
                "1",
            ),
        ] {
            let Err(e) = built(options) else {
                panic!("accepted: {options}");
            };
            assert!(e.message.contains(says), "{}", e.message);
            assert_eq!(e.span.map(|s| &options[s.start..s.end]), Some(at));
        }
        assert!(built("fields:\n  tags: {min_items: 2, max_items: 2}\n").is_ok());
        for (options, placeholder) in [
            (
                "fields:\n  d: {one_of: [a], help: 'a, b. {hepl}'}\n",
                "{hepl}",
            ),
            (
                "fields:\n  d: {one_of: [a], help: '{match} is wrong'}\n",
                "{match}",
            ),
            (
                "fields:\n  d: {one_of: [a], help: '{value} is wrong'}\n",
                "{value}",
            ),
        ] {
            let Err(e) = built(options) else {
                panic!("accepted: {options}");
            };
            assert!(
                e.message.starts_with(&format!(
                    "the `help` of `d` has the placeholder `{placeholder}`"
                )),
                "{}",
                e.message
            );
        }
        assert!(
            built("fields:\n  d: {one_of: [a], help: '{help} (see {date}-{slug}.md)'}\n").is_ok()
        );
        assert!(built("fields:\n  date: {type: date, max_length: 10}\n").is_ok());
        assert!(built("fields:\n  tags: {type: list, min_items: 1}\n").is_ok());
        assert!(built("fields:\n  weight: {type: integer, one_of: ['1', '2']}\n").is_ok());
    }

    /// A length counts characters once composed: `é` written as `e` and a
    /// combining accent (NFD) is one.
    #[test]
    fn lengths_count_composed_characters() {
        let rule = rule_of("fields:\n  title: {max_length: 5}\n");
        let said = |title: &str| {
            findings_of(&*rule, &format!("---\ntitle: \"{title}\"\n---\n"))
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
        };
        assert!(said("e\u{301}te\u{301}s").is_empty());
        assert_eq!(
            said("e\u{301}te\u{301}s !"),
            ["`title` is 6 characters long; the maximum is 5"]
        );
    }

    /// An optional key left empty is as if absent to Hugo: the help says
    /// so, as a way out beside writing a value; a required key's does not.
    #[test]
    fn an_empty_optional_key_may_be_removed() {
        let rule =
            rule_of("fields:\n  slug: {type: string}\n  title: {type: string, required: true}\n");
        let helps = findings_of(&*rule, "---\nslug:\ntitle:\n---\n")
            .into_iter()
            .map(|f| (f.message, f.help.unwrap_or_default()))
            .collect::<Vec<_>>();
        assert_eq!(helps.len(), 2, "{helps:?}");
        let (slug, title) = (&helps[0], &helps[1]);
        assert_eq!(slug.0, "`slug` is empty; expected a string");
        assert!(
            slug.1
                .contains("or remove the line: Hugo reads an empty `slug` as if it were absent"),
            "{}",
            slug.1
        );
        assert_eq!(title.0, "`title` is empty; expected a string");
        assert!(!title.1.contains("remove the line"), "{}", title.1);
    }

    #[test]
    fn sentences_are_counted_at_their_ends() {
        let cases = [
            ("", 0),
            ("Une seule phrase", 1),
            ("Une seule phrase.", 1),
            ("Une phrase. Puis une autre !", 2),
            ("Une. Deux ? Trois… « Quatre » ! Fin", 5),
            // Not ends: a decimal, an ellipsis or `?` before lowercase, an
            // initial, a period inside quotes before lowercase.
            ("La version 2.5 sort. Elle corrige tout", 2),
            ("On hésite... puis on choisit ? oui, vite.", 1),
            ("Selon M. Dupont et J. R. Martin, rien ne presse.", 1),
            ("Ce que J.-P. Martin et J.P. Durand m'ont appris. Fin.", 2),
            ("Il suit un plan-B. Puis un autre.", 2),
            ("Il a dit « non. » et il est parti.", 1),
            // Closing quotes and brackets stay with their sentence.
            ("« Pourquoi ? » Parce que. (Voilà.) Fin.", 4),
            ("Trois. Phrases.  Ici.", 3),
            // Abbreviations before a capital; a sentence starting with a
            // number.
            ("Il tranche, cf. Le vrai enjeu du rôle. Puis il agit.", 2),
            ("Python vs. Go, p. ex. Dans une équipe. Fin.", 2),
            ("Devenir CTO. 5 erreurs à éviter. 3 questions.", 3),
            // Before a number, a volume, a chapter, an article; before a
            // word, the same period ends a sentence.
            ("Lu dans le vol. 2 de la revue, chap. 3. Fin.", 2),
            ("Voir l'art. 12 du Code du travail.", 1),
            ("C'est de l'art. Puis de la technique.", 2),
            ("Un budget de 2,5 % et 10 k€. Rien de plus.", 2),
            // A lone capital before a period is taken for an initial, as
            // README says: one end is missed here.
            ("Il code en langage C. Puis en Rust.", 1),
        ];
        for (text, n) in cases {
            assert_eq!(sentences(text), n, "{text}");
        }
    }

    #[test]
    fn template_with_date() {
        let fields = vec![Field {
            name: "date".into(),
            opts: serde_json_free_opts(),
            pattern: None,
        }];
        let t = compile_template("{date}-{slug}.md", &fields).unwrap();
        for name in ["2025-02-07-mon-article.md", "2025-02-07-mon-été.md"] {
            let caps = t.regex.captures(name).unwrap();
            assert_eq!(caps.name("v0"), Some("2025-02-07"));
            assert_eq!(caps.name("v1"), Some(&name[11..name.len() - 3]));
        }
        assert!(compile_template("{date", &fields).is_err());
        // Undeclared, `{slgu}` is read from the name; once `slug` is
        // declared, it is a slip for it.
        assert!(compile_template("{date}-{slgu}.md", &fields).is_ok());
        let mut fields = fields;
        fields.push(Field {
            name: "slug".into(),
            opts: FieldOptions {
                ty: Some(FieldType::String),
                ..serde_json_free_opts()
            },
            pattern: None,
        });
        let slip = compile_template("{date}-{slgu}.md", &fields).err().unwrap();
        assert!(slip.contains("did you mean `{slug}`"), "{slip}");
        // Templates no file name can follow.
        for (template, says) in [
            ("", "is empty"),
            ("posts/{date}-{slug}.md", "not its path"),
            ("{date}-{slug}", "no extension"),
            ("{slug}{date}.md", "`{slug}` is followed by another key"),
        ] {
            let e = compile_template(template, &fields).err().unwrap();
            assert!(e.contains(says), "{template}: {e}");
        }
        // A date ends by itself.
        fields[0].opts.ty = Some(FieldType::Date);
        let t = compile_template("{date}{slug}.md", &fields).unwrap();
        let caps = t.regex.captures("2025-02-07mon-article.md").unwrap();
        assert_eq!(caps.name("v1"), Some("mon-article"));
    }

    /// A hover of the key shows the field's help without `{help}`, which
    /// only a finding fills in.
    #[test]
    fn a_key_description_leaves_the_help_placeholder_out() {
        let rule = rule_of(
            "fields:\n  difficulty: {one_of: [facile], help: '{help} (facile, moyen ou difficile)'}\n",
        );
        let hover = rule.describe_key("difficulty").unwrap();
        assert!(
            hover.ends_with("\n\n(facile, moyen ou difficile)"),
            "{hover}"
        );
    }

    /// One character is one, not `1 characters`.
    #[test]
    fn lengths_off_by_one_are_singular() {
        let rule = rule_of("fields:\n  slug: {min_length: 2, max_length: 3}\n");
        let said = |text: &str| {
            findings_of(&*rule, text)
                .iter()
                .map(|f| format!("{} / {}", f.message, f.help.as_deref().unwrap_or("")))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            said("---\nslug: a\n---\n"),
            ["`slug` is 1 character long; the minimum is 2 / add 1 character or more"]
        );
        assert_eq!(
            said("---\nslug: abcd\n---\n"),
            ["`slug` is 4 characters long; the maximum is 3 / remove 1 character or more"]
        );
        // A number is its text, to Hugo and to the lengths.
        assert_eq!(
            said("---\nslug: 2024\n---\n"),
            ["`slug` is 4 characters long; the maximum is 3 / remove 1 character or more"]
        );
        assert_eq!(said("---\nslug: 1.5\n---\n"), Vec::<String>::new());
    }

    /// A value of the wrong type is told how to write one of the right
    /// type: the integers around a fraction, or an example said to be one
    /// (not `weight: 3` as if 3 were the value meant).
    #[test]
    fn a_retype_help_says_an_example_is_one() {
        let rule = build(
            &crate::yaml::parse(
                "fields:\n  weight: {type: integer}\n  ratio: {type: number}\n  \
                 title: {type: string}\n  ShowToc: {type: boolean}\n  date: {type: date}\n",
                0,
            )
            .unwrap()
            .root
            .unwrap(),
        )
        .unwrap();
        let help = |front: &str| {
            findings_of(&*rule, &format!("---\n{front}\n---\n"))
                .iter()
                .map(|f| f.help.clone().unwrap_or_default())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            help("weight: 1.5"),
            ["write an integer, `weight: 1` or `weight: 2`"]
        );
        assert_eq!(
            help("weight: -0.5"),
            ["write an integer, `weight: -1` or `weight: 0`"]
        );
        assert_eq!(
            help("weight: 2.0"),
            ["write `weight: 2`, without the fraction"]
        );
        assert_eq!(
            help("weight: douze"),
            ["write an integer, such as `weight: 3`"]
        );
        assert_eq!(
            help("weight: .inf"),
            ["write an integer, such as `weight: 3`"]
        );
        assert_eq!(help("ratio: [1]"), ["write a number, such as `ratio: 1.5`"]);
        assert_eq!(
            help("title: [a]"),
            ["write a string, such as `title: some text`"]
        );
        assert_eq!(
            help("ShowToc: [a]"),
            ["write `ShowToc: true` or `ShowToc: false`"]
        );
        assert_eq!(
            help("date: [a]"),
            ["write `date: YYYY-MM-DD` (as `date: 2025-02-07`)"]
        );
        assert_eq!(
            help("date: 2025-02-30"),
            ["write a date that exists, `date: YYYY-MM-DD`"]
        );
    }

    /// A string for its `!!str` tag is said to be tagged, not quoted; the
    /// fix writes the value without the tag (kept, the tag would make it a
    /// string again), or is not offered when an anchor stands between.
    #[test]
    fn a_tagged_string_is_fixed_with_its_tag() {
        let rule = rule_of("fields:\n  ShowToc: {type: boolean}\n  weight: {type: integer}\n");
        let fixed = |text: &str| {
            findings_of(&*rule, text)
                .iter()
                .map(|f| {
                    let mut out = text.to_string();
                    for e in f.fix.iter().flat_map(|x| &x.edits) {
                        out.replace_range(e.span.start..e.span.end, &e.replacement);
                    }
                    (
                        text[f.span.start..f.span.end].to_string(),
                        f.message.clone(),
                        out,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fixed("---\nShowToc: !!str yes\n---\n"),
            [(
                "!!str yes".to_string(),
                "`ShowToc` is the string `yes`, tagged `!!str`; expected a boolean".to_string(),
                "---\nShowToc: true\n---\n".to_string()
            )]
        );
        assert_eq!(
            fixed("---\nShowToc: !!str \"false\" # note\n---\n")[0].2,
            "---\nShowToc: false # note\n---\n"
        );
        assert_eq!(
            fixed("---\nweight: !!str 3\n---\n")[0].2,
            "---\nweight: 3\n---\n"
        );
        assert_eq!(
            fixed("---\nweight: [!!str '3']\n---\n")[0].1,
            "`weight` is a list; expected an integer"
        );
        // An anchor between the tag and the value: no fix.
        let anchored = "---\nShowToc: !!str &a yes\n---\n";
        assert_eq!(fixed(anchored)[0].2, anchored);
        // Quotes without a tag, as before.
        assert_eq!(
            fixed("---\nShowToc: \"yes\"\n---\n")[0].1,
            "`ShowToc` is the quoted string `\"yes\"`; expected a boolean"
        );
        // In the author's quotes.
        assert_eq!(
            fixed("---\nShowToc: 'false'\n---\n")[0].1,
            "`ShowToc` is the quoted string `'false'`; expected a boolean"
        );
    }

    /// A pattern named in words is said in words, its regex in the help;
    /// a value that starts only one allowed value is offered it; a
    /// `pattern_name` needs a `pattern`.
    #[test]
    fn patterns_named_in_words_and_values_started() {
        let built = |options: &str| build(&crate::yaml::parse(options, 0).unwrap().root.unwrap());
        let rule = built(
            "fields:\n  tags: {pattern: '^[a-z]+(-[a-z]+)*$', pattern_name: lowercase words, \
             normalize: lowercase}\n  slug: {pattern: '^[a-z]+$'}\n  \
             audience: {one_of: [jeunesse-tech, cto, tous]}\n  \
             public: {one_of: [jeunesse-tech, jeunesse-pro]}\n",
        )
        .unwrap();
        let said = |front: &str| {
            findings_of(&*rule, &format!("---\n{front}\n---\n"))
                .iter()
                .map(|f| (f.message.clone(), f.help.clone().unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        let pair = |m: &str, h: &str| vec![(m.to_string(), h.to_string())];
        assert_eq!(
            said("tags: [Dette_Technique]"),
            pair(
                "`tags` value `Dette_Technique` is not lowercase words",
                "change `Dette_Technique` so that it matches `^[a-z]+(-[a-z]+)*$`"
            )
        );
        assert_eq!(
            said("tags: [Carriere]"),
            pair(
                "`tags` value `Carriere` is not lowercase words",
                "write `carriere`"
            )
        );
        assert_eq!(
            said("slug: A"),
            pair(
                "`slug` value `A` does not match `^[a-z]+$`",
                "change `A` so that it matches the pattern"
            )
        );
        assert_eq!(
            said("audience: jeunes")[0].1,
            "did you mean `jeunesse-tech`?"
        );
        assert_eq!(
            said("audience: ''")[0].0,
            "`audience` is an empty value; allowed: `jeunesse-tech`, `cto`, `tous`"
        );
        // A number is quoted as written (`1.10`, not the 1.1 YAML reads).
        assert_eq!(
            said("tags: [cto, 1.10]")[0].0,
            "`tags` value `1.10` is not lowercase words"
        );
        // Two values start so, or too short a start: no guess.
        assert_eq!(said("public: jeunes")[0].1, "use one of the allowed values");
        assert_eq!(said("audience: je")[0].1, "use one of the allowed values");
        let refused = |options: &str| built(options).err().map(|e| e.to_string());
        assert!(
            refused("fields:\n  tags: {pattern_name: words}\n")
                .is_some_and(|e| e.contains("no `pattern`")),
        );
    }

    /// A field's help follows the finding's own, or takes it where it says
    /// `{help}`.
    #[test]
    fn a_field_help_places_the_findings_own() {
        let field = |help: &str| Field {
            name: "difficulty".into(),
            opts: FieldOptions {
                help: Some(help.into()),
                ..serde_json_free_opts()
            },
            pattern: None,
        };
        assert_eq!(
            field("facile, moyen ou difficile").help_with("did you mean `facile`?".into()),
            "did you mean `facile`?; facile, moyen ou difficile"
        );
        assert_eq!(
            field("{help} (facile, moyen ou difficile)").help_with("did you mean `facile`?".into()),
            "did you mean `facile`? (facile, moyen ou difficile)"
        );
    }

    fn serde_json_free_opts() -> FieldOptions {
        FieldOptions {
            required: true,
            ty: Some(FieldType::Date),
            one_of: None,
            pattern: None,
            pattern_name: None,
            min_length: None,
            max_length: None,
            max_sentences: None,
            min_items: None,
            max_items: None,
            contained_in: None,
            help: None,
            normalize: None,
        }
    }

    #[test]
    fn a_quoted_value_is_offered_unquoted_only_when_its_reader_reads_it_as_the_type() {
        let offered = |ty: FieldType, written: &str| {
            let doc = Document::parse("x.md", format!("---\nk: {written}\n---\n"));
            let (_, value) = doc.front().and_then(|root| root.entry("k"))?;
            unquoted(&doc, ty, value).map(|(t, _)| t.to_string())
        };
        assert_eq!(offered(FieldType::Integer, "\"12\""), Some("12".into()));
        assert_eq!(offered(FieldType::Integer, "'-7'"), Some("-7".into()));
        assert_eq!(offered(FieldType::Number, "\"2.5\""), Some("2.5".into()));
        assert_eq!(offered(FieldType::Boolean, "'false'"), Some("false".into()));
        // Past i64, YAML reads a float; not a number; an escape.
        assert_eq!(
            offered(FieldType::Integer, "\"99999999999999999999\""),
            None
        );
        assert_eq!(offered(FieldType::Integer, "\"2.5\""), None);
        assert_eq!(offered(FieldType::Boolean, "\"oui\""), None);
        assert_eq!(offered(FieldType::Integer, "\"\\x31\""), None);
        assert_eq!(offered(FieldType::Integer, "12"), None);
        assert_eq!(offered(FieldType::Integer, "\"1 # x\""), None);
        // TOML front matter: read by the TOML reader.
        let offered_toml = |ty: FieldType, written: &str| {
            let doc = Document::parse("x.md", format!("+++\nk = {written}\n+++\n"));
            let (_, value) = doc.front().and_then(|root| root.entry("k"))?;
            unquoted(&doc, ty, value).map(|(t, _)| t.to_string())
        };
        assert_eq!(
            offered_toml(FieldType::Integer, "\"12\""),
            Some("12".into())
        );
        assert_eq!(
            offered_toml(FieldType::Boolean, "'true'"),
            Some("true".into())
        );
        // `True` is a YAML boolean, not a TOML one.
        assert_eq!(offered_toml(FieldType::Boolean, "\"True\""), None);
        assert_eq!(offered(FieldType::Boolean, "\"True\""), Some("True".into()));
    }

    /// A number where text is expected is its text to Hugo: accepted when
    /// that text is the one written, else reported at the number with a
    /// fix that quotes it, in YAML and in TOML.
    #[test]
    fn a_number_is_text_when_read_as_written() {
        let said = |source: &str, ty: FieldType| {
            let doc = Document::parse("x.md", source.to_string());
            let value = doc.front().unwrap().get("k").unwrap();
            assert_eq!(type_matches(ty, value), Ok(()), "{source}");
            let field = Field {
                name: "k".to_string(),
                opts: serde_json_free_opts(),
                pattern: None,
            };
            numbers_as_text(&doc, &field, ty, value)
                .into_iter()
                .map(|f| {
                    let fix = f.fix.map(|x| x.edits[0].replacement.clone());
                    (doc.text(f.span).to_string(), f.message, fix)
                })
                .collect::<Vec<_>>()
        };
        for fine in [
            "---\nk: [bilan, 2024]\n---\n",
            "---\nk:\n  - 2024\n  - -3\n  - 1.5\n---\n",
            "---\nk: [0, 1e21x]\n---\n",
            "+++\nk = [\"bilan\", 2024, 1.5]\n+++\n",
        ] {
            assert_eq!(said(fine, FieldType::StringList), [], "{fine}");
        }
        assert_eq!(said("---\nk: 2024\n---\n", FieldType::String), []);
        // An anchor stays before the quoted number; a tag would make it a
        // number still: no fix.
        assert_eq!(
            said("---\nk: &a 1.0\n---\n", FieldType::String)[0]
                .2
                .as_deref(),
            Some("\"1.0\"")
        );
        let tagged = said("---\nk: [a, !!float 1.10]\n---\n", FieldType::StringList);
        assert_eq!(
            (tagged[0].0.as_str(), tagged[0].2.as_deref()),
            ("1.10", None)
        );
        assert_eq!(
            said("---\nk: [bilan, 1.10, 007]\n---\n", FieldType::StringList),
            [
                (
                    "1.10".to_string(),
                    "`k` lists `1.10`, which YAML reads as the number `1.1`; expected a list of strings".to_string(),
                    Some("\"1.10\"".to_string())
                ),
                (
                    "007".to_string(),
                    "`k` lists `007`, which YAML reads as the number `7`; expected a list of strings".to_string(),
                    Some("\"007\"".to_string())
                ),
            ]
        );
        assert_eq!(
            said("---\nk: 1.0 # v1\n---\n", FieldType::String),
            [(
                "1.0".to_string(),
                "`k` is `1.0`, which YAML reads as the number `1`; expected a string".to_string(),
                Some("\"1.0\"".to_string())
            )]
        );
        assert_eq!(
            said("---\nk: [.inf, +5]\n---\n", FieldType::StringList)
                .into_iter()
                .map(|(_, m, _)| m)
                .collect::<Vec<_>>(),
            [
                "`k` lists `.inf`, which YAML reads as the number `+Inf`; expected a list of strings",
                "`k` lists `+5`, which YAML reads as the number `5`; expected a list of strings",
            ]
        );
        assert_eq!(
            said("+++\nk = [1_000, 2.50]\n+++\n", FieldType::StringList)
                .into_iter()
                .map(|(w, m, _)| (w, m))
                .collect::<Vec<_>>(),
            [
                ("1_000".to_string(), "`k` lists `1_000`, which TOML reads as the number `1000`; expected a list of strings".to_string()),
                ("2.50".to_string(), "`k` lists `2.50`, which TOML reads as the number `2.5`; expected a list of strings".to_string()),
            ]
        );
        // Other types are not text: a number is no boolean or list.
        let doc = Document::parse("x.md", "---\nk: [a, true]\n---\n".to_string());
        let value = doc.front().unwrap().get("k").unwrap();
        assert!(type_matches(FieldType::StringList, value).is_err());
    }

    /// The front matter of `source` after appending `value` to `tags`.
    fn appended(source: &str, value: &str) -> Option<String> {
        let doc = Document::parse("x.md", source.to_string());
        let list = doc.front().and_then(|root| root.get("tags"))?;
        let edit = append_to_list(&doc, "tags", list, value)?;
        let mut out = source.to_string();
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
        Some(out)
    }

    #[test]
    fn an_appended_item_is_quoted_so_that_it_reads_back_as_the_value() {
        let cases = [
            // As the last item is written, when that reads back.
            ("---\ntags: [a]\n---\n", "b", "---\ntags: [a, b]\n---\n"),
            (
                "---\ntags: ['a']\n---\n",
                "it's",
                "---\ntags: ['a', 'it''s']\n---\n",
            ),
            (
                "---\ntags: [\"a\"]\n---\n",
                "say \"hi\" \\o/",
                "---\ntags: [\"a\", \"say \\\"hi\\\" \\\\o/\"]\n---\n",
            ),
            (
                "---\ntags:\n  - a\n---\n",
                "b c",
                "---\ntags:\n  - a\n  - b c\n---\n",
            ),
            // A bare value that would read as something else: quoted.
            (
                "---\ntags: [a]\n---\n",
                "x #y",
                "---\ntags: [a, \"x #y\"]\n---\n",
            ),
            (
                "---\ntags: [a]\n---\n",
                "b, c",
                "---\ntags: [a, \"b, c\"]\n---\n",
            ),
            (
                "---\ntags: [a]\n---\n",
                "[z]",
                "---\ntags: [a, \"[z]\"]\n---\n",
            ),
            (
                "---\ntags:\n  - a\n---\n",
                "true",
                "---\ntags:\n  - a\n  - \"true\"\n---\n",
            ),
            (
                "---\ntags:\n  - a\n---\n",
                "k: v",
                "---\ntags:\n  - a\n  - \"k: v\"\n---\n",
            ),
            // TOML: a literal string cannot hold `'`.
            (
                "+++\ntags = ['a']\n+++\n",
                "it's",
                "+++\ntags = ['a', \"it's\"]\n+++\n",
            ),
            (
                "+++\ntags = [\"a\"]\n+++\n",
                "say \"hi\"",
                "+++\ntags = [\"a\", \"say \\\"hi\\\"\"]\n+++\n",
            ),
            // An empty flow list: the first item, bare when that reads
            // back.
            ("---\ntags: []\n---\n", "b", "---\ntags: [b]\n---\n"),
            (
                "---\ntags: [ ]\n---\n",
                "true",
                "---\ntags: [\"true\" ]\n---\n",
            ),
            ("+++\ntags = []\n+++\n", "b", "+++\ntags = [\"b\"]\n+++\n"),
        ];
        for (source, value, expected) in cases {
            assert_eq!(
                appended(source, value).as_deref(),
                Some(expected),
                "{source:?} + {value:?}"
            );
        }
    }

    #[test]
    fn a_boolean_in_yaml_1_1_words_is_offered_as_one() {
        let offered = |ty: FieldType, written: &str| {
            let doc = Document::parse("x.md", format!("---\nk: {written}\n---\n"));
            let value = doc.front().unwrap().get("k").unwrap();
            yaml11_boolean(&doc, ty, value).map(|(word, _, meant)| (word.to_string(), meant))
        };
        assert_eq!(
            offered(FieldType::Boolean, "yes"),
            Some(("yes".into(), true))
        );
        assert_eq!(
            offered(FieldType::Boolean, "\"Off\""),
            Some(("Off".into(), false))
        );
        assert_eq!(
            offered(FieldType::Boolean, "ON # note"),
            Some(("ON".into(), true))
        );
        assert_eq!(
            offered(FieldType::Boolean, "'no'"),
            Some(("no".into(), false))
        );
        // Other words, other types, and a value the source does not hold
        // as is are not offered.
        assert_eq!(offered(FieldType::Boolean, "oui"), None);
        assert_eq!(offered(FieldType::Boolean, "yess"), None);
        assert_eq!(offered(FieldType::String, "yes"), None);
        assert_eq!(offered(FieldType::Boolean, "\"y\\u0065s\""), None);
    }

    #[test]
    fn append_to_list_with_a_span_off_the_text_gives_no_edit() {
        let doc = Document::parse("x.md", "---\ntags:\n  - é\n---\n".to_string());
        let at = doc.source.find('é').unwrap();
        // A span in the middle of `é`, and one past the end of the file.
        for span in [Span::new(at + 1, at + 2), Span::new(100, 101)] {
            let item = Node::new(span, Value::String("é".into(), false));
            let list = Node::new(Span::new(4, 17), Value::Seq(vec![item]));
            assert_eq!(append_to_list(&doc, "tags", &list, "x"), None);
        }
    }
}

#[cfg(test)]
mod bundle_tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use crate::diagnostic::Applicability;
    use crate::engine::Linter;
    use crate::pack::{PackSource, RuleSet};

    /// A valid front matter of the default pack, with `extra` lines.
    fn front(extra: &str) -> String {
        format!(
            "---\nauthor: [Camille Martin]\ntitle: \"Changer de poste\"\ndate: 2025-01-06\n\
             description: \"Une description.\"\ncategories: [carriere]\nseries: [Carrière]\n\
             tags: [carriere]\nShowToc: true\nTocOpen: false\npillar: trouver-sa-place\n\
             pillars: [trouver-sa-place]\naudience: tous\naudiences: [tous]\n{extra}---\n"
        )
    }

    /// The default `front-matter` rule's (message, help) for `path`.
    fn findings(path: &str, extra: &str) -> Vec<(String, String)> {
        let mut set = RuleSet::load(&PackSource::defaults()).unwrap();
        set.rules.retain(|r| &*r.meta.id == "front-matter");
        let linter = Linter::new(set);
        let result = linter.check_source(Arc::new(PathBuf::from(path)), front(extra));
        let report = linter.finish(vec![result]);
        report
            .diagnostics()
            .map(|d| (d.message.clone(), d.help.clone().unwrap_or_default()))
            .collect()
    }

    /// A required key absent but for a key close to it that no field
    /// declares (`pilar`): that key is named, with a fix renaming it. Else
    /// a closed list's help shows one of its values.
    #[test]
    fn a_misspelt_required_key_is_named() {
        let path = "posts/2025-01-06-x.md";
        let text = front("").replace("pillar: trouver", "pilar: trouver");
        let mut set = RuleSet::load(&PackSource::defaults()).unwrap();
        set.rules.retain(|r| &*r.meta.id == "front-matter");
        let linter = Linter::new(set);
        let report = linter.finish(vec![
            linter.check_source(Arc::new(PathBuf::from(path)), text.clone()),
        ]);
        let d: Vec<_> = report.diagnostics().collect();
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(
            d[0].message,
            "required key `pillar` is missing from the front matter, and `pilar` is no known key: did you mean `pillar`?"
        );
        assert_eq!(&text[d[0].span.start..d[0].span.end], "pilar");
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(crate::fix::apply(&text, &[fix]).0, front(""));
        // Nothing close: at the opening, with an allowed value to write.
        let text = front("").replace("pillar: trouver-sa-place\n", "");
        let report = linter.finish(vec![
            linter.check_source(Arc::new(PathBuf::from(path)), text),
        ]);
        let helps: Vec<_> = report
            .diagnostics()
            .map(|d| d.help.clone().unwrap())
            .collect();
        assert_eq!(helps, ["add `pillar: le-role-du-cto` to the front matter"]);
    }

    /// A date-time is a date (Hugo's archetype writes one), and its day is
    /// what the file name holds; a value that is no date is told what the
    /// file name says, as the file name's.
    #[test]
    fn a_date_time_is_a_date_of_its_day() {
        let report = |date: &str| {
            let mut set = RuleSet::load(&PackSource::defaults()).unwrap();
            set.rules.retain(|r| &*r.meta.id == "front-matter");
            let linter = Linter::new(set);
            let text = front("").replace("date: 2025-01-06", &format!("date: {date}"));
            let path = Arc::new(PathBuf::from("posts/2025-01-06-x.md"));
            linter.finish(vec![linter.check_source(path, text)])
        };
        let with_date = |date: &str| {
            report(date)
                .diagnostics()
                .map(|d| (d.message.clone(), d.help.clone().unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        for date in [
            "2025-01-06T08:30:00+02:00",
            "2025-01-06 08:30:00",
            "2025-01-06T08:30:00Z",
            "\"2025-01-06T08:30:00+01:00\"",
        ] {
            assert_eq!(with_date(date), [], "{date}");
        }
        assert_eq!(
            with_date("2025-01-07T08:30:00+01:00"),
            [(
                "`date` is `2025-01-07T08:30:00+01:00` but the file name `2025-01-06-x.md` says `2025-01-06`".to_string(),
                "rename the file to `2025-01-07-x.md`, or set `date` to `2025-01-06T08:30:00+01:00`".to_string()
            )]
        );
        assert_eq!(
            with_date("2025-13-45"),
            [(
                "`date` is `2025-13-45` (there is no month 13); expected a date (YYYY-MM-DD, or a date-time)".to_string(),
                "write `date: YYYY-MM-DD`; the file name `2025-01-06-x.md` says `2025-01-06`"
                    .to_string()
            )]
        );
        assert_eq!(
            with_date("26/05/2025")[0].1,
            "write `date: 2025-05-26` (`26/05/2025` read day first, as French writes it)"
        );
        assert_eq!(
            with_date("2025-01-06T25:00:00")[0].1,
            "write `date: 2025-01-06` (its day; Hugo cannot read `25:00:00` as a time of day)"
        );
        // Year first, the meaning is plain: a safe fix; day first, a
        // reading, and a day dropped from a date-time: none.
        let fixes = |date: &str| {
            report(date)
                .diagnostics()
                .filter_map(|d| {
                    let fix = d.fix.as_ref()?;
                    Some((fix.applicability, fix.description.clone()))
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fixes("2025-1-6"),
            [(Applicability::Safe, "write `2025-01-06`".to_string())]
        );
        assert_eq!(
            fixes("\"2025/01/06\""),
            [(Applicability::Safe, "write `2025-01-06`".to_string())]
        );
        assert_eq!(fixes("06/01/2025"), []);
        assert_eq!(fixes("2025-01-06T25:00:00"), []);
    }

    /// A leaf bundle (`index.md` in its own folder) is the page its folder
    /// names: the folder's name is compared with the template, as a post
    /// file's name is.
    #[test]
    fn a_leaf_bundle_is_named_by_its_folder() {
        // The bundle's page in a language too (`index.en.md`).
        for path in [
            "content/posts/2025-01-06-carte/index.md",
            "content/posts/2025-01-06-carte/index.markdown",
            "posts/2025-01-06-changer-de-poste/index.md",
            "content/posts/2025-01-06-carte/index.en.md",
        ] {
            assert_eq!(findings(path, ""), [], "{path}");
        }
        assert_eq!(
            findings("content/posts/2025-01-06-carte/index.md", "slug: carte\n"),
            []
        );
        let one = |path: &str, extra: &str| {
            let found = findings(path, extra);
            assert_eq!(found.len(), 1, "{path}: {found:?}");
            found.into_iter().next().unwrap()
        };
        assert_eq!(
            one("content/posts/2025-01-07-carte/index.md", ""),
            (
                "`date` is `2025-01-06` but the bundle's folder name `2025-01-07-carte` says `2025-01-07`".to_string(),
                "rename the folder to `2025-01-06-carte`, or set `date` to `2025-01-07`".to_string()
            )
        );
        assert_eq!(
            one(
                "content/posts/2025-01-06-carte/index.markdown",
                "slug: autre\n"
            ),
            (
                "`slug` is `autre` but the bundle's folder name `2025-01-06-carte` says `carte`"
                    .to_string(),
                "rename the folder to `2025-01-06-autre`, or set `slug` to `carte`".to_string()
            )
        );
        assert_eq!(
            one("content/posts/carte/index.md", ""),
            (
                "the bundle's folder name `carte` does not follow `{date}-{slug}`".to_string(),
                "rename the folder to follow `{date}-{slug}`".to_string()
            )
        );
        let (message, help) = one("content/posts/2025-01-06-Ma_Carte/index.md", "");
        // Said in the words of the key's `pattern_name`.
        assert_eq!(
            message,
            "the front matter has no `slug`, so the bundle's folder name `2025-01-06-Ma_Carte` gives it: `Ma_Carte` is not lowercase ASCII words joined by `-`"
        );
        assert!(
            help.contains("rename the folder so that its `slug` matches"),
            "{help}"
        );
        // A file of a folder that is not named `index` is a post file.
        assert_eq!(
            one("content/posts/2025-01-06-carte/carte.md", "").0,
            "the file name `carte.md` does not follow `{date}-{slug}.md`"
        );
    }
}

#[cfg(all(test, unix))]
mod file_name_tests {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::path::PathBuf;
    use std::sync::Arc;

    use crate::engine::Linter;
    use crate::pack::{PackSource, RuleSet};

    /// A file name that is not UTF-8 is named lossily, and the message says
    /// why it cannot follow the template.
    #[test]
    fn a_file_name_that_is_not_utf8_is_named() {
        let mut set = RuleSet::load(&PackSource::defaults()).unwrap();
        set.rules.retain(|r| &*r.meta.id == "front-matter");
        let linter = Linter::new(set);
        // The first message of the file at `path` that starts with `start`.
        let message_of = |path: PathBuf, start: &str| {
            let result = linter.check_source(Arc::new(path), "---\ntitle: x\n---\n".to_string());
            linter
                .finish(vec![result])
                .diagnostics()
                .map(|d| d.message.clone())
                .find(|m| m.starts_with(start))
                .unwrap_or_else(|| panic!("no finding starting with {start:?}"))
        };
        let path = PathBuf::from("posts").join(OsStr::from_bytes(b"2025-03-10-caf\xe9.md"));
        let message = message_of(path, "the file name");
        assert!(
            message.contains("`2025-03-10-caf\u{fffd}.md`") && message.contains("not valid UTF-8"),
            "{message}"
        );
        // A bundle's folder, named likewise.
        let path = PathBuf::from("posts")
            .join(OsStr::from_bytes(b"2025-03-10-caf\xe9"))
            .join("index.md");
        let message = message_of(path, "the bundle's folder name");
        assert_eq!(
            message,
            "the bundle's folder name `2025-03-10-caf\u{fffd}` does not follow `{date}-{slug}` (it is not valid UTF-8)"
        );
    }
}
