//! The `phrase` rule kind: phrasings to avoid, Vale-style.

use std::ops::Range;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{
    BuildError, Context, Kind, Rule, error_at, fold_title, folded_title_matches, quotations,
    unknown_placeholder,
};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::document::{Block, Document};
use crate::pattern::{Pattern, PatternSet};
use crate::span::Span;
use crate::yaml::{Node, Value, de};

pub static KIND: Kind = Kind {
    name: "phrase",
    summary: "Phrasings to avoid (words or regexes) in the text, headings, named sections or front-matter fields, with the preferred phrasing",
    doc: DOC,
    build,
    schema: |g| g.subschema_for::<Options>(),
};

const DOC: &str = r#"Reports phrasings to avoid, Vale-style: each entry of `phrases` is a list
of words or phrases (or a regex), the message to give and what to write
instead.

Where it looks (never in code blocks, inline code, HTML, comments or URLs):
  body: true            Paragraphs, list items and table rows. Link text is
                        text; link destinations and bare URLs are not.
  headings: true        Heading text.
  sections: [TITLES]    Only look in these sections (body and sub-headings),
                        named by heading title; titles are compared lowercased,
                        without accents or the emoji and section
                        number around them, and a
                        parenthesis after the title is allowed. Empty (the default): everywhere.
  fields: [KEYS]        Front-matter string values to check too (each
                        string item of a list), e.g. [title, description].
                        Default: none.

Matching:
  case_sensitive: false Matching ignores case unless true.
  skip_quotes: false    When true, text between « and », “ and ”, << and >>
                        (Hugo's typographer shows « ») or a pair of
                        " is not checked: a quotation is someone else's words.
                        A " opens before a word (not after one: 27" is
                        inches) and closes after one. Nor is a line of
                        dialogue opening with an em dash (or an en dash)
                        and a space (`— Tu dois…, m'a dit mon lead.`). Nor
                        is a blockquote
                        whose last line is an attribution (`> — mon CEO`).
  phrases:              One entry per phrasing:
    - words: [PHRASES]      Plain words or phrases. A space matches any run of
                            spaces (no-break spaces included), an apostrophe
                            matches ' and ’, a final … or ... is dropped.
                            Matched as whole words: « faut » is not found in
                            « défaut », and « il faut » is found in « qu’il
                            faut » (add an exception to spare it).
      regex: REGEX          Instead of `words`: a regex, used as written
                            (Unicode-aware; write \b yourself).
      message: TEXT         The diagnostic message; {match} is the text found.
                            Default: « {match} » is a phrasing to avoid.
      substitution: TEXT    What to write instead (a string or a list); shown
                            in the help as "prefer …".
      exceptions: [PHRASES] Phrases (as in `words`) that spare a match they
                            overlap, e.g. "qu'il faut" for "il faut".
      exception_regex: REGEX
                            A regex that spares a match it overlaps too, for
                            what plain phrases cannot say (a past participle
                            earlier in the sentence).
      help: TEXT            More advice, after the substitution; {match} is
                            the text found.

Example:
  - id: tone
    kind: phrase
    severity: warning
    fields: [title, description]
    phrases:
      - words: ["il faut"]
        exceptions: ["qu'il faut"]
        message: "« {match} » is prescriptive"
        substitution: ["Ce que j'ai observé…", "Avec le recul…"]
"#;

// One phrasing, or a list of them. `untagged` tells the schema so; the
// reading is written out, so that a mistake is named as one, not as "no
// variant of an untagged enum".
#[derive(Debug, schemars::JsonSchema)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Phrasings;
        impl<'de> serde::de::Visitor<'de> for Phrasings {
            type Value = OneOrMany;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a phrasing, or a list of phrasings (strings)")
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut all = Vec::new();
                while let Some(one) = seq.next_element::<String>()? {
                    all.push(one);
                }
                Ok(OneOrMany::Many(all))
            }
        }
        deserializer.deserialize_any(Phrasings)
    }
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct PhraseOptions {
    words: Option<Vec<String>>,
    regex: Option<String>,
    message: Option<String>,
    substitution: Option<OneOrMany>,
    #[serde(default)]
    exceptions: Vec<String>,
    exception_regex: Option<String>,
    help: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "yes")]
    body: bool,
    #[serde(default = "yes")]
    headings: bool,
    #[serde(default)]
    sections: Vec<String>,
    #[serde(default)]
    fields: Vec<String>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    skip_quotes: bool,
    #[schemars(length(min = 1))]
    phrases: Vec<PhraseOptions>,
}

fn yes() -> bool {
    true
}

struct Phrase {
    /// The plain exceptions, then the regex: what either finds is spared.
    exceptions: Vec<Pattern>,
    message: String,
    help: Option<String>,
    /// The one substitution, when there is exactly one: a safe fix.
    replacement: Option<String>,
}

struct PhraseRule {
    body: bool,
    headings: bool,
    sections: Vec<String>,
    fields: Vec<String>,
    skip_quotes: bool,
    phrases: Vec<Phrase>,
    /// The regex of each phrase, in the order of `phrases`.
    regexes: PatternSet,
}

fn build(node: &Node) -> Result<Box<dyn Rule>, BuildError> {
    let opts: Options = de::from_node(node)?;
    if !opts.body && !opts.headings && opts.fields.is_empty() {
        return Err(error_at(
            node,
            "`body` and `headings` are false and `fields` is empty: the rule would read nothing; set the rule `off` instead",
        ));
    }
    super::empty_section_title(node)?;
    super::empty_item(
        node,
        "fields",
        |k| k.trim().is_empty(),
        "a key in `fields` is empty: it names no front-matter value",
    )?;
    let list = node.get("phrases");
    if opts.phrases.is_empty() {
        return Err(error_at(list.unwrap_or(node), "`phrases` is empty"));
    }
    let mut phrases = Vec::new();
    let mut regexes = Vec::new();
    for (i, p) in opts.phrases.into_iter().enumerate() {
        let at = list
            .and_then(Node::as_seq)
            .and_then(|items| items.get(i))
            .unwrap_or(node);
        let pattern = match (&p.words, &p.regex) {
            (Some(words), None) => {
                if words.iter().all(|w| w.trim().is_empty()) {
                    return Err(error_at(
                        at.get("words").unwrap_or(at),
                        "`words` has no word",
                    ));
                }
                // A final `…` stands for what follows: `...` alone is nothing.
                if let Some(w) = words.iter().find(|w| trimmed_word(w).is_empty()) {
                    return Err(error_at(
                        at.get("words").unwrap_or(at),
                        format!(
                            "`words` has `{w}`, which is empty once its final `…` is dropped, so it would match nothing"
                        ),
                    ));
                }
                words_pattern(words)
            }
            (None, Some(re)) => re.clone(),
            _ => {
                return Err(error_at(
                    at,
                    "a phrase has either `words` (plain phrases) or `regex`",
                ));
            }
        };
        let regex = compile(&pattern, opts.case_sensitive).map_err(|e| {
            let key = if p.regex.is_some() { "regex" } else { "words" };
            error_at(at.get(key).unwrap_or(at), format!("invalid pattern: {e}"))
        })?;
        if p.regex.is_some() && regex.can_match_empty() {
            return Err(error_at(
                at.get("regex").unwrap_or(at),
                "`regex` can match no character at all, so it would report empty places; make it need at least one character",
            ));
        }
        // The plain exceptions and the regex, each compiled once (a regex
        // costs its parse at every run: the pack is loaded by each call of
        // a pre-commit hook).
        let mut exceptions = Vec::new();
        if !p.exceptions.is_empty() {
            // Escaped words: known to parse, so parsed only when the
            // phrase matches somewhere.
            let words = words_pattern(&p.exceptions);
            exceptions.push(
                Pattern::deferred(&words, !opts.case_sensitive, PHRASE_SIZE_LIMIT).map_err(
                    |e| {
                        error_at(
                            at.get("exceptions").unwrap_or(at),
                            format!("invalid exception: {e}"),
                        )
                    },
                )?,
            );
        }
        if let Some(re) = &p.exception_regex {
            let at = at.get("exception_regex").unwrap_or(at);
            let one = compile(re, opts.case_sensitive)
                .map_err(|e| error_at(at, format!("invalid pattern: {e}")))?;
            if one.can_match_empty() {
                return Err(error_at(
                    at,
                    "`exception_regex` can match no character at all, so it would spare matches it does not cover; make it need at least one character",
                ));
            }
            exceptions.push(one);
        }
        let substitution = p.substitution.map(OneOrMany::into_vec).unwrap_or_default();
        if substitution.iter().any(|s| s.trim().is_empty()) {
            // The empty item of a list, or the one value.
            let node = at.get("substitution").unwrap_or(at);
            let item = node.as_seq().and_then(|items| {
                items
                    .iter()
                    .find(|i| i.as_str().is_some_and(|s| s.trim().is_empty()))
            });
            return Err(error_at(
                item.unwrap_or(node),
                "`substitution` has an empty phrasing: the fix would leave a gap and the help « »; to ask for the phrase to be removed, say so in `help`",
            ));
        }
        let mut help = Vec::new();
        if !substitution.is_empty() {
            let quoted: Vec<String> = substitution.iter().map(|s| format!("« {s} »")).collect();
            help.push(format!("prefer {}", quoted.join(" or ")));
        }
        for (key, text) in [("message", &p.message), ("help", &p.help)] {
            let error = text.as_deref().and_then(|t| {
                unknown_placeholder(
                    t,
                    &["match"],
                    &format!("`{key}`"),
                    "`{match}` is the text found",
                )
            });
            if let Some(error) = error {
                return Err(error_at(at.get(key).unwrap_or(at), error));
            }
        }
        if let Some(h) = p.help {
            help.push(h);
        }
        regexes.push(regex);
        phrases.push(Phrase {
            exceptions,
            message: p
                .message
                .unwrap_or_else(|| "« {match} » is a phrasing to avoid".to_string()),
            help: (!help.is_empty()).then(|| help.join("; ")),
            replacement: match substitution.as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            },
        });
    }
    Ok(Box::new(PhraseRule {
        body: opts.body,
        headings: opts.headings,
        sections: opts.sections.iter().map(|s| fold_title(s)).collect(),
        fields: opts.fields,
        skip_quotes: opts.skip_quotes,
        phrases,
        regexes: PatternSet::new(regexes),
    }))
}

/// The size limit of a phrase's regexes, compiled.
const PHRASE_SIZE_LIMIT: usize = 1 << 22;

fn compile(pattern: &str, case_sensitive: bool) -> Result<Pattern, regex::Error> {
    Pattern::new(pattern, !case_sensitive, PHRASE_SIZE_LIMIT)
}

/// A plain phrase without its spaces around and its final `…` (or `...`).
fn trimmed_word(w: &str) -> &str {
    let w = w.trim();
    w.strip_suffix('…')
        .or_else(|| w.strip_suffix("..."))
        .unwrap_or(w)
        .trim_end()
}

/// One regex matching any of the plain phrases, as whole words, with French
/// spacing and apostrophes.
fn words_pattern(words: &[String]) -> String {
    let alternatives: Vec<String> = words
        .iter()
        .map(|w| {
            let w = trimmed_word(w);
            let mut out = String::new();
            let word_char = |c: char| c.is_alphanumeric() || c == '_';
            if w.starts_with(word_char) {
                out.push_str(r"\b");
            }
            let mut in_space = false;
            for c in w.chars() {
                if c.is_whitespace() {
                    if !in_space {
                        out.push_str(r"\s+");
                    }
                    in_space = true;
                    continue;
                }
                in_space = false;
                match c {
                    '\'' | '’' | 'ʼ' => out.push_str("['’ʼ]"),
                    c => {
                        if regex_syntax::is_meta_character(c) {
                            out.push('\\');
                        }
                        out.push(c);
                    }
                }
            }
            if w.ends_with(word_char) {
                out.push_str(r"\b");
            }
            out
        })
        .filter(|p| !p.is_empty())
        .collect();
    format!("(?:{})", alternatives.join("|"))
}

/// Bare URLs in text: matches there are not prose.
fn url_regex() -> &'static Pattern {
    static RE: OnceLock<Pattern> = OnceLock::new();
    RE.get_or_init(|| {
        Pattern::new(
            r"\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>«»]+",
            true,
            1 << 22,
        )
        .expect("valid regex")
    })
}

/// Ranges (possibly overlapping) sorted by start, with the largest end of
/// each prefix, so that whether a range overlaps any of them takes a
/// bisection: a block with thousands of URLs and matches stays linear.
struct Ranges {
    ranges: Vec<Range<usize>>,
    max_end: Vec<usize>,
}

impl Ranges {
    fn new(mut ranges: Vec<Range<usize>>) -> Ranges {
        ranges.sort_by_key(|r| r.start);
        let mut end = 0;
        let max_end = ranges
            .iter()
            .map(|r| {
                end = end.max(r.end);
                end
            })
            .collect();
        Ranges { ranges, max_end }
    }

    /// Whether `r` overlaps one of the ranges.
    fn overlaps(&self, r: &Range<usize>) -> bool {
        let before = self.ranges.partition_point(|x| x.start < r.end);
        before
            .checked_sub(1)
            .and_then(|i| self.max_end.get(i))
            .is_some_and(|&end| end > r.start)
    }
}

impl PhraseRule {
    /// The matches in `text` that count: not in `skip` ranges, not in a
    /// URL, not spared by an exception.
    fn matches(
        &self,
        text: &str,
        skip: impl Fn(&Range<usize>) -> bool,
    ) -> Vec<(&Phrase, Range<usize>)> {
        let mut out = Vec::new();
        // What is not prose (URLs, quotations) is looked for only in a text
        // where a phrase was found: most texts have none.
        let mut urls: Option<Ranges> = None;
        for i in self.regexes.candidates(text) {
            let Some(p) = self.phrases.get(i) else {
                continue;
            };
            let mut found = self
                .regexes
                .find_iter(i, text)
                .filter(|r| !r.is_empty())
                .peekable();
            if found.peek().is_none() {
                continue;
            }
            let urls = urls.get_or_insert_with(|| {
                let mut not_prose: Vec<Range<usize>> = url_regex().find_iter(text).collect();
                if self.skip_quotes {
                    not_prose.extend(quotations(text));
                    not_prose.extend(dialogue(text));
                }
                Ranges::new(not_prose)
            });
            let spared = Ranges::new(
                p.exceptions
                    .iter()
                    .flat_map(|e| e.find_iter(text))
                    .collect(),
            );
            for r in found {
                if !skip(&r) && !urls.overlaps(&r) && !spared.overlaps(&r) {
                    out.push((p, r));
                }
            }
        }
        out
    }

    /// Reports a match; `exact` is the match's source when the file holds it
    /// as is (so that the one substitution can replace it).
    fn report(
        &self,
        phrase: &Phrase,
        found: &str,
        span: Span,
        exact: Option<Span>,
        cx: &mut Context,
    ) {
        let found = found.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut finding = Finding::new(span, phrase.message.replace("{match}", &found));
        if let Some(help) = &phrase.help {
            finding = finding.help(help.replace("{match}", &found));
        }
        if let (Some(r), Some(at)) = (&phrase.replacement, exact) {
            let r = capitalized_like(&found, r);
            finding = finding.fix(Fix::safe(
                format!("write « {r} »"),
                vec![Edit::replace(at, r)],
            ));
        }
        cx.report(finding);
    }

    fn check_block(&self, block: &Block, cx: &mut Context) {
        let hits = self.matches(&block.text, |r| block.touches_code(r.clone()));
        for (p, r) in hits {
            let span = block.source_span(r.clone());
            let exact = block.exact_span(r.clone());
            self.report(p, &block.text[r], span, exact, cx);
        }
    }

    /// The contents of the sections named (`None`: no section is named, the
    /// rule applies everywhere), computed once per document.
    fn named_sections(&self, doc: &Document) -> Option<Ranges> {
        if self.sections.is_empty() {
            return None;
        }
        let named = doc.body.sections.iter().filter(|s| {
            doc.body.headings.get(s.heading).is_some_and(|h| {
                let title = fold_title(&h.text);
                self.sections
                    .iter()
                    .any(|name| folded_title_matches(&title, name))
            })
        });
        Some(Ranges::new(
            named.map(|s| s.content.start..s.content.end).collect(),
        ))
    }

    /// A string value, or each string item of a list (`tags`).
    fn check_field(&self, doc: &Document, value: &Node, cx: &mut Context) {
        let text = match &value.value {
            Value::String(text, _) => text,
            Value::Seq(items) => {
                for item in items {
                    if matches!(item.value, Value::String(..)) {
                        self.check_field(doc, item, cx);
                    }
                }
                return;
            }
            _ => return,
        };
        let raw = doc.text(value.span);
        let map = align(text, raw);
        let hits = self.matches(text, |_| false);
        for (p, r) in hits {
            let span = match &map {
                Some(map) => Span::new(
                    value.span.start + map_offset(map, r.start),
                    value.span.start + map_offset(map, r.end),
                ),
                None => value.span,
            };
            self.report(p, &text[r], span, None, cx);
        }
    }
}

/// The lines of French dialogue in `text`: a line that opens with an em
/// dash (or an en dash, or a horizontal bar, as French printers also set
/// it) and a space (`— Tu dois être plus rapide, m'a dit mon lead.`) is
/// someone's speech, to the end of the line, as a quotation between « » is.
/// A dash inside a line (`Il hésite — il faut choisir vite.`) is no dialogue.
/// Only the phrase rules skip it: a line of figures after a dash is the
/// author's own (the salary rules read it).
fn dialogue(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = at;
        at += line.len();
        let rest = line.trim_start().strip_prefix(['—', '–', '―'])?;
        rest.starts_with(char::is_whitespace)
            .then(|| start..start + line.trim_end().len())
    })
}

/// Whether a blockquote's source ends with an attribution line, `> — mon
/// premier CEO` (a dash, em or en, or `--`, maybe in emphasis): the quote
/// is then someone's words, as a quotation between « » is.
fn attributed(quote: &str) -> bool {
    let Some(last) = quote.lines().rev().find(|l| {
        !l.trim_start_matches(|c: char| c == '>' || c.is_whitespace())
            .is_empty()
    }) else {
        return false;
    };
    let line =
        last.trim_start_matches(|c: char| c == '>' || c.is_whitespace() || c == '*' || c == '_');
    let rest = ["—", "–", "―", "--"]
        .iter()
        .find_map(|d| line.strip_prefix(d));
    rest.is_some_and(|r| {
        r.trim_start_matches('-')
            .trim()
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
    })
}

impl Rule for PhraseRule {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let named = self.named_sections(doc);
        // Quotations set apart: blockquotes with an attribution line.
        let quoted = Ranges::new(if self.skip_quotes {
            doc.body
                .quotes
                .iter()
                .filter(|q| attributed(doc.text(**q)))
                .map(|q| q.start..q.end)
                .collect()
        } else {
            Vec::new()
        });
        let read_at = |offset: usize| {
            named
                .as_ref()
                .is_none_or(|n| n.overlaps(&(offset..offset + 1)))
                && !quoted.overlaps(&(offset..offset + 1))
        };
        if self.body {
            for block in &doc.body.blocks {
                if read_at(block.span.start) {
                    self.check_block(block, cx);
                }
            }
        }
        if self.headings {
            for h in doc.body.every_heading() {
                if !read_at(h.span.start) {
                    continue;
                }
                if let Some(block) = h.block(&doc.source) {
                    self.check_block(&block, cx);
                }
            }
        }
        for key in &self.fields {
            if let Some(value) = doc.front_value(key) {
                self.check_field(doc, value, cx);
            }
        }
    }
}

/// Maps each character of a decoded YAML string to its byte offset in the
/// raw scalar (`raw`, quotes included): pairs (decoded offset, raw offset),
/// ending with the ends of both. `None` when the two cannot be lined up
/// (block scalars, unusual escapes): the caller then points at the whole value.
fn align(decoded: &str, raw: &str) -> Option<Vec<(usize, usize)>> {
    let (quote, mut j) = match raw.chars().next() {
        Some(q @ ('\'' | '"')) => (Some(q), 1),
        Some('|' | '>') => return None,
        _ => (None, 0),
    };
    let bytes = raw.as_bytes();
    let mut map = Vec::with_capacity(decoded.len() + 1);
    for (i, c) in decoded.char_indices() {
        map.push((i, j));
        let rest = raw.get(j..)?;
        if c == '\'' && quote == Some('\'') && rest.starts_with("''") {
            j += 2;
        } else if quote == Some('"') && rest.starts_with('\\') {
            let esc = rest[1..].chars().next()?;
            let len = match esc {
                'x' => 4,
                'u' => 6,
                'U' => 10,
                c => 1 + c.len_utf8(),
            };
            j += len;
        } else if rest.starts_with(c) {
            j += c.len_utf8();
        } else if c == ' ' || c == '\n' {
            // A line break folded into a space, with the indentation around it.
            let ws = rest.len() - rest.trim_start().len();
            if ws == 0 {
                return None;
            }
            j += ws;
        } else {
            return None;
        }
        if j > bytes.len() {
            return None;
        }
    }
    map.push((decoded.len(), j));
    Some(map)
}

fn map_offset(map: &[(usize, usize)], offset: usize) -> usize {
    match map.binary_search_by_key(&offset, |(d, _)| *d) {
        Ok(i) => map[i].1,
        Err(i) => map.get(i).map_or(0, |(_, r)| *r),
    }
}

/// `substitution` starting with a capital when the match does and the
/// substitution's first word is all lowercase (phrases match whatever the
/// case): a sentence's first word stays capitalised, a word written with
/// its own capitals (`iOS`) stays as written.
fn capitalized_like(found: &str, substitution: &str) -> String {
    let first_word = substitution.split_whitespace().next().unwrap_or("");
    let mut chars = substitution.chars();
    match (found.chars().next(), chars.next()) {
        (Some(f), Some(first))
            if f.is_uppercase()
                && first.is_lowercase()
                && !first_word.chars().any(char::is_uppercase) =>
        {
            first.to_uppercase().chain(chars).collect()
        }
        _ => substitution.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(words: &[&str]) -> Pattern {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        compile(&words_pattern(&words), false).unwrap()
    }

    #[test]
    fn a_substitution_takes_the_capital_of_the_match() {
        assert_eq!(
            capitalized_like("En trois étapes", "avec le temps"),
            "Avec le temps"
        );
        assert_eq!(
            capitalized_like("En trois étapes", "été comme hiver"),
            "Été comme hiver"
        );
        assert_eq!(
            capitalized_like("en trois étapes", "avec le temps"),
            "avec le temps"
        );
        // A substitution written with its own case keeps it.
        assert_eq!(capitalized_like("En trois étapes", "iOS"), "iOS");
        assert_eq!(capitalized_like("en trois étapes", "Avec"), "Avec");
        assert_eq!(capitalized_like("En", ""), "");
    }

    #[test]
    fn an_empty_substitution_is_refused() {
        let built = |options: &str| build(&crate::yaml::parse(options, 0).unwrap().root.unwrap());
        let options = "phrases:\n  - words: [vraiment]\n    substitution: ['']\n";
        let Err(e) = built(options) else {
            panic!("accepted");
        };
        assert!(e.message.contains("empty phrasing"), "{}", e.message);
        assert_eq!(e.span.map(|s| &options[s.start..s.end]), Some("''"));
        // In a list, the empty item is pointed at.
        let options = "phrases:\n  - words: [vraiment]\n    substitution: [tout à fait, ' ']\n";
        let Err(e) = built(options) else {
            panic!("accepted");
        };
        assert_eq!(e.span.map(|s| &options[s.start..s.end]), Some("' '"));
        assert!(built("phrases:\n  - words: [vraiment]\n    substitution: ' '\n").is_err());
        assert!(
            built("phrases:\n  - words: [vraiment]\n    substitution: [tout à fait]\n").is_ok()
        );
    }

    #[test]
    fn a_phrase_that_cannot_match_or_a_misspelt_placeholder_is_refused() {
        let built = |options: &str| build(&crate::yaml::parse(options, 0).unwrap().root.unwrap());
        for (options, says, at) in [
            (
                "phrases:\n  - words: [vraiment, '...']\n",
                "`words` has `...`, which is empty",
                "[vraiment, '...']",
            ),
            (
                "phrases:\n  - words: [' … ']\n",
                "which is empty once its final `…` is dropped",
                "[' … ']",
            ),
            (
                "phrases:\n  - regex: 'x*'\n",
                "`regex` can match no character at all",
                "'x*'",
            ),
            (
                "phrases:\n  - regex: ''\n",
                "`regex` can match no character at all",
                "''",
            ),
            (
                "phrases:\n  - words: [vraiment]\n    message: '{mach} is weak'\n",
                "`message` has the placeholder `{mach}`, which nothing replaces; did you mean `{match}`?",
                "'{mach} is weak'",
            ),
            (
                "phrases:\n  - words: [vraiment]\n    substitution: {a: b}\n",
                "expected a phrasing, or a list of phrasings",
                "{a: b}",
            ),
            (
                "phrases:\n  - words: [vraiment]\n    help: 'see {help}'\n",
                "`help` has the placeholder `{help}`, which nothing replaces; `{help}` belongs to a rule's text, not to this one (`{match}` is the text found)",
                "'see {help}'",
            ),
            (
                "phrases:\n  - words: [vraiment]\n    help: 'drop {Match}'\n",
                "`help` has the placeholder `{Match}`",
                "'drop {Match}'",
            ),
            // A slip for a rule's placeholder, which a phrase's text does
            // not have either.
            (
                "phrases:\n  - words: [vraiment]\n    help: '{hepl}'\n",
                "`help` has the placeholder `{hepl}`, which nothing replaces; it looks like `{help}`, which belongs to a rule's text, not to this one (`{match}` is the text found)",
                "'{hepl}'",
            ),
            (
                "phrases:\n  - words: [vraiment]\n    message: 'x {mesage}'\n",
                "`message` has the placeholder `{mesage}`, which nothing replaces",
                "'x {mesage}'",
            ),
            // An empty section title or key names nothing.
            (
                "sections: ['']\nphrases:\n  - words: [vraiment]\n",
                "a section title in `sections` is empty",
                "''",
            ),
            (
                "fields: [title, ' ']\nphrases:\n  - words: [vraiment]\n",
                "a key in `fields` is empty",
                "' '",
            ),
            // Spaces inside, and other tools' placeholders.
            (
                "phrases:\n  - words: [vraiment]\n    message: '{ match } est faible'\n",
                "`message` has `{ match }`, which nothing replaces; did you mean `{match}`, without spaces?",
                "'{ match } est faible'",
            ),
            (
                "phrases:\n  - words: [vraiment]\n    help: 'évitez {text}'\n",
                "`help` has the placeholder `{text}`, which nothing replaces (`{match}` is the text found)",
                "'évitez {text}'",
            ),
        ] {
            let Err(e) = built(options) else {
                panic!("accepted: {options}");
            };
            assert!(e.message.contains(says), "{}", e.message);
            assert_eq!(e.span.map(|s| &options[s.start..s.end]), Some(at));
        }
        // `{match}` in both, and other braces, are fine.
        assert!(
            built("phrases:\n  - words: [vraiment]\n    message: '{match} ({x})'\n    help: 'drop {match}, {}'\n")
                .is_ok()
        );
    }

    #[test]
    fn the_help_names_the_match_too() {
        let node = crate::yaml::parse(
            "phrases:\n  - words: [vraiment]\n    help: 'drop « {match} »'\n",
            0,
        )
        .unwrap()
        .root
        .unwrap();
        let rule = build(&node).unwrap();
        let doc = Document::parse(
            std::path::PathBuf::from("a.md"),
            "C'est Vraiment bien.\n".to_string(),
        );
        let mut cx = Context::default();
        rule.check(&doc, &mut cx);
        let helps: Vec<Option<&str>> = cx.findings.iter().map(|f| f.help.as_deref()).collect();
        assert_eq!(helps, [Some("drop « Vraiment »")]);
    }

    /// A field holding a list (`tags`) has each string item read, each
    /// finding at its words.
    #[test]
    fn a_list_field_is_read_item_by_item() {
        let node = crate::yaml::parse(
            "body: false\nfields: [tags]\nphrases:\n  - words: [vraiment]\n",
            0,
        )
        .unwrap()
        .root
        .unwrap();
        let rule = build(&node).unwrap();
        // `Tags` is `tags` to Hugo.
        let text = "---\nTags: [vraiment utile, 3, \"pas vraiment\"]\n---\nVraiment.\n";
        let doc = Document::parse(std::path::PathBuf::from("a.md"), text.to_string());
        let mut cx = Context::default();
        rule.check(&doc, &mut cx);
        let at: Vec<&str> = cx
            .findings
            .iter()
            .map(|f| &text[f.span.start..f.span.end])
            .collect();
        assert_eq!(at, ["vraiment", "vraiment"]);
        assert_eq!(cx.findings[1].span.start, text.find("vraiment\"").unwrap());
    }

    /// A blockquote is a quotation when its last line names who said it.
    #[test]
    fn attribution_lines() {
        for quote in [
            "> Il faut livrer.\n>\n> — mon premier CEO\n",
            "> Il faut livrer.\n> – Camille\n\n",
            "> Il faut livrer.\n> *— une manager*\n",
            "> Il faut livrer.\n>> -- Camille, 2019\n",
            "  > Il faut livrer.\n  > —Camille\n",
        ] {
            assert!(attributed(quote), "{quote:?}");
        }
        for quote in [
            "> Il faut livrer.\n",
            "> Il faut livrer.\n> - un point\n",
            "> — Il faut livrer.\n> Et vite.\n",
            "> Il faut livrer.\n> —\n",
            "",
        ] {
            assert!(!attributed(quote), "{quote:?}");
        }
    }

    /// With `skip_quotes`, a line of dialogue opening with `— ` (or `– `) is someone's
    /// speech and is skipped; a dash inside a line is not dialogue.
    #[test]
    fn dialogue_lines_are_quotations() {
        let built = |options: &str| build(&crate::yaml::parse(options, 0).unwrap().root.unwrap());
        let found = |options: &str, text: &str| {
            let rule = built(options).unwrap();
            let doc = Document::parse(std::path::PathBuf::from("a.md"), text.to_string());
            let mut cx = Context::default();
            rule.check(&doc, &mut cx);
            cx.findings
                .iter()
                .map(|f| doc.text(f.span).to_string())
                .collect::<Vec<_>>()
        };
        let skip = "skip_quotes: true\nphrases:\n  - words: [il faut, tu dois]\n";
        let text = "— Tu dois être plus rapide, m'a dit mon lead.\n\n\
                    —\u{a0}Il faut que je comprenne, ai-je répondu.\n\n\
                    Le soir même :\n— Il faut dormir, a-t-elle dit.\n\n\
                    – Tu dois relire, m'a dit une autre.\n";
        assert_eq!(found(skip, text), Vec::<String>::new());
        // Without `skip_quotes`, they are read.
        let read = "phrases:\n  - words: [il faut, tu dois]\n";
        assert_eq!(found(read, text).len(), 4);
        // A dash inside a line, or glued to a word, opens no dialogue.
        assert_eq!(
            found(
                skip,
                "Il hésite — il faut dire que tout change.\n\n—Il faut partir.\n\n\
                 Un tiret – il faut le dire – au milieu.\n"
            ),
            ["il faut", "Il faut", "il faut"]
        );
        // Only the line of dialogue: the next line of the paragraph is read.
        assert_eq!(
            found(
                skip,
                "— Il faut partir, dit-il.\nIl faut dire qu'il pleuvait.\n"
            ),
            ["Il faut"]
        );
    }

    /// `exception_regex` spares what it overlaps, as `exceptions` do, and
    /// is refused when it can match nothing.
    #[test]
    fn an_exception_regex_spares_its_matches() {
        let built = |options: &str| build(&crate::yaml::parse(options, 0).unwrap().root.unwrap());
        let rule = built(
            "phrases:\n  - words: [vite]\n    exceptions: [très vite]\n    exception_regex: '\\bavons\\s+\\w+\\s+vite'\n",
        )
        .unwrap();
        let doc = Document::parse(
            std::path::PathBuf::from("a.md"),
            "Nous avons fini vite. Très vite. Allons vite.\n".to_string(),
        );
        let mut cx = Context::default();
        rule.check(&doc, &mut cx);
        assert_eq!(cx.findings.len(), 1);
        assert_eq!(cx.findings[0].span.start, doc.source.rfind("vite").unwrap());
        let options = "phrases:\n  - words: [vite]\n    exception_regex: 'x*'\n";
        let Err(e) = built(options) else {
            panic!("accepted");
        };
        assert!(
            e.message.contains("can match no character"),
            "{}",
            e.message
        );
        assert_eq!(e.span.map(|s| &options[s.start..s.end]), Some("'x*'"));
        assert!(built("phrases:\n  - words: [vite]\n    exception_regex: '('\n").is_err());
    }

    #[test]
    fn french_word_boundaries() {
        let r = re(&["il faut…"]);
        assert!(r.is_match("Il faut choisir"));
        assert!(r.is_match("il\u{a0}faut"));
        assert!(r.is_match("il\u{202f}faut"));
        assert!(r.is_match("qu’il faut"));
        assert!(r.is_match("qu'il faut"));
        assert!(!r.is_match("il faute"));
        assert!(!r.is_match("fil faut"));
        let r = re(&["défaut"]);
        assert!(r.is_match("par Défaut,"));
        assert!(!r.is_match("défauts"));
        let r = re(&["qu'il faut"]);
        assert!(r.is_match("ce qu’il faut"));
        assert!(!r.is_match("quil faut"));
    }

    #[test]
    fn yaml_alignment() {
        let raw = "'L''équipe qu''il faut'";
        let map = align("L'équipe qu'il faut", raw).unwrap();
        let at = "L'équipe qu'il faut".find("il").unwrap();
        let start = map_offset(&map, at);
        assert_eq!(&raw[start..start + 2], "il");
        let raw = "Un texte\n  sur deux lignes";
        let map = align("Un texte sur deux lignes", raw).unwrap();
        let at = "Un texte sur deux lignes".find("sur").unwrap();
        let s = map_offset(&map, at);
        assert_eq!(&raw[s..s + 3], "sur");
        assert!(align("abc", "|\n  abc").is_none());
        let raw = "\"a\\\"b c\"";
        let map = align("a\"b c", raw).unwrap();
        let s = map_offset(&map, 4);
        assert_eq!(&raw[s..s + 1], "c");
    }
}
