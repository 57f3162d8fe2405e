//! The `duplicates` rule kind: paragraphs and list items written twice,
//! word for word or lightly edited, inside an article or across articles.

mod corpus;
mod minhash;
mod units;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

use serde::Deserialize;

use super::{BuildError, Context, CorpusContext, CorpusFile, Facts, Kind, Rule, error_at};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::document::markdown::list_marker;
use crate::document::{BlockKind, Document};
use crate::span::Span;
use crate::suppress::{Directive, Suppressions};
use crate::yaml::{Node, de};

use minhash::{Banding, Sketcher};
use units::{Extractor, Unit};

pub static KIND: Kind = Kind {
    name: "duplicates",
    summary: "Paragraphs and list items repeated, exactly or nearly, in an article or across articles",
    doc: DOC,
    build,
    schema: |g| g.subschema_for::<Options>(),
};

const DOC: &str = r#"Finds paragraphs and list items written twice: word for word, or lightly
edited. The later copy is reported, with a label on the earlier one.

Units are the prose blocks of the body (paragraphs, list items without their
nested lists, table rows) as plain text: markup removed, Unicode NFKC, case and
punctuation folded (a word is a run of letters, digits and combining marks).
Code blocks and the front matter are not units; inline code is text. A link or
an image counts as one word (its destination and text together), so two
paragraphs that share only a link or a linked title are not alike.

Two units are exact duplicates when their words are the same, in the same
order. They are near duplicates when the Jaccard similarity of their sets of
word shingles (runs of `shingle` consecutive words, the words without their
accents and with `ʼ` a separator as `’` is: a copy whose accents were dropped
is near, 100% similar, not word for word) is at least `similarity`;
the message gives it, e.g. "paragraph is 75% similar to line 45"; in an
article, a unit that holds the other whole is told so instead ("paragraph
repeats 100% of line 45 inside it"). Words leave out currencies, `%` and
the signs before a number: exact duplicates that differ in them are told
so ("paragraph repeats the words of line 3, with `$` where it has `€`"; of
`posts/a.md:17` across articles), not "word for word". A group of three copies or more gives one
finding per extra copy, each pointing at the earlier copy it is most
similar to (the first one, for exact copies).

Options:
  scope: article | corpus   `article` (default) compares the units of each
                            file with each other. `corpus` compares them with
                            the units of the other files checked, and reports
                            a copy in the later file (by path), naming the
                            earlier file and line; pairs inside one file are
                            then left to an `article` rule.
  similarity: 0.5           Lowest similarity reported, from 0 (exclusive) to
                            1; 1 reports exact duplicates only (and the
                            units `containment` finds, when it is set).
  containment: 0.8          Also report a unit when at least this share of
                            the shorter unit's shingles is in the longer one
                            (a sentence copied into a longer paragraph);
                            `scope: article` only. Default: not checked.
  min_words: 12             Units with fewer words are ignored (short lines
                            such as "Ce que j'ai appris :" repeat by nature).
                            A paragraph of one sentence ending with a colon
                            (a lead-in to what follows) is never a unit.
  shingle: 3                Words per shingle (1 to 8). Longer shingles make
                            the similarity stricter about word order.
  units: [paragraph, list-item]
                            Which blocks are units: paragraph, list-item,
                            table-row.
  skip_sections: [TITLES]   Sections whose content is not checked, by title
                            (compared like units: case and punctuation
                            folded; a heading without the emoji or section
                            number around its title: `## 6. Pour aller plus
                            loin`), with their subsections; e.g. reading
                            lists, which repeat links by design.
  allow: [TEXTS]            Passages that may repeat (a disclaimer, a series
                            banner, a quoted definition, a call to action),
                            in Markdown: a unit with the same words as one
                            of their paragraphs or list items (compared like
                            units) is never compared. A copy across articles
                            says so in its help.

Cost: in an article, every pair of units that shares a shingle is compared
exactly (through each shingle, with the latest 64 units that have it: a
shingle in more is a turn of phrase, and thousands of nearly identical
paragraphs would otherwise cost the square of their number). Across files, exact copies are found by hashing, near copies by
MinHash sketches cut into LSH bands; only units that share a band key are
compared, exactly, on their shingle sets (never all pairs). A pair at exactly
the threshold is found with probability about 99% (99.0 to 99.7% measured,
depending on unit length), pairs above it more surely still; in an article,
every pair is found (but for the bound above).

Example:
  - id: duplicate-paragraph
    kind: duplicates
    severity: warning
    similarity: 0.5
    skip_sections: ["Pour aller plus loin", "Pour approfondir"]
  - id: duplicate-paragraph-corpus
    kind: duplicates
    severity: warning
    scope: corpus
    similarity: 0.5
    skip_sections: ["Pour aller plus loin", "Pour approfondir"]
"#;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum Scope {
    #[default]
    Article,
    Corpus,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum UnitKind {
    Paragraph,
    ListItem,
    TableRow,
}

impl UnitKind {
    fn block_kind(self) -> BlockKind {
        match self {
            UnitKind::Paragraph => BlockKind::Paragraph,
            UnitKind::ListItem => BlockKind::ListItem,
            UnitKind::TableRow => BlockKind::TableRow,
        }
    }
}

fn default_similarity() -> f64 {
    0.5
}
fn default_min_words() -> i64 {
    12
}
fn default_shingle() -> i64 {
    3
}
fn default_units() -> Vec<UnitKind> {
    vec![UnitKind::Paragraph, UnitKind::ListItem]
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default)]
    scope: Scope,
    #[serde(default = "default_similarity")]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1))]
    similarity: f64,
    #[serde(default = "default_min_words")]
    #[schemars(range(min = 1))]
    min_words: i64,
    #[serde(default = "default_shingle")]
    #[schemars(range(min = 1, max = 8))]
    shingle: i64,
    #[serde(default = "default_units")]
    units: Vec<UnitKind>,
    #[serde(default)]
    skip_sections: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    #[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1))]
    containment: Option<f64>,
}

struct Duplicates {
    scope: Scope,
    similarity: f64,
    /// Lowest share of the shorter unit's shingles found in the longer one
    /// that is reported (article scope only).
    containment: Option<f64>,
    extractor: Extractor,
    /// [`Extractor::key`], computed once.
    key: u64,
    /// For the corpus scope, when near duplicates are looked for.
    sketcher: Option<Sketcher>,
}

fn build(node: &Node) -> Result<Box<dyn Rule>, BuildError> {
    let opts: Options = de::from_node(node)?;
    let at = |key: &str| node.get(key).unwrap_or(node);
    if !(opts.similarity > 0.0 && opts.similarity <= 1.0) {
        return Err(error_at(
            at("similarity"),
            format!(
                "`similarity` is {}; it must be above 0 and at most 1 (e.g. 0.5)",
                opts.similarity
            ),
        ));
    }
    // Read signed, so that `-1` and `0` get the same message.
    if opts.min_words < 1 {
        return Err(error_at(
            at("min_words"),
            format!("`min_words` is {}; it must be at least 1", opts.min_words),
        ));
    }
    if !(1..=8).contains(&opts.shingle) {
        return Err(error_at(
            at("shingle"),
            format!("`shingle` is {}; it must be 1 to 8 words", opts.shingle),
        ));
    }
    if let Some(c) = opts.containment {
        if !(c > 0.0 && c <= 1.0) {
            return Err(error_at(
                at("containment"),
                format!("`containment` is {c}; it must be above 0 and at most 1 (e.g. 0.8)"),
            ));
        }
        if opts.scope == Scope::Corpus {
            return Err(error_at(
                at("containment"),
                "`containment` applies to `scope: article`: across articles, near copies are found by their similarity only",
            ));
        }
    }
    if opts.units.is_empty() {
        return Err(error_at(
            at("units"),
            "`units` is empty; list paragraph, list-item or table-row",
        ));
    }
    let mut skip_sections = Vec::new();
    for title in &opts.skip_sections {
        let tokens = Extractor::title_tokens(title);
        if tokens.is_empty() {
            return Err(error_at(
                at("skip_sections"),
                format!("`{title}` in `skip_sections` has no words"),
            ));
        }
        skip_sections.push(tokens);
    }
    let mut allowed = Vec::new();
    for (i, text) in opts.allow.iter().enumerate() {
        let hashes = Extractor::passage_hashes(text);
        if hashes.is_empty() {
            let item = at("allow")
                .as_seq()
                .and_then(|items| items.get(i))
                .unwrap_or(at("allow"));
            return Err(error_at(item, format!("`{text}` in `allow` has no words")));
        }
        allowed.extend(hashes);
    }
    allowed.sort_unstable();
    allowed.dedup();
    let exact_only = opts.similarity >= 1.0;
    let extractor = Extractor {
        kinds: opts.units.iter().map(|u| u.block_kind()).collect(),
        min_words: opts.min_words as usize,
        shingle: opts.shingle as usize,
        skip_sections,
        allowed,
    };
    Ok(Box::new(Duplicates {
        scope: opts.scope,
        similarity: opts.similarity,
        containment: opts.containment,
        key: extractor.key(),
        extractor,
        sketcher: (opts.scope == Scope::Corpus && !exact_only)
            .then(|| Sketcher::new(Banding::for_threshold(opts.similarity))),
    }))
}

/// What a later unit repeats.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Match {
    /// The earlier unit (an index whose meaning depends on the scope).
    earlier: usize,
    similarity: f64,
    exact: bool,
    /// For a pair found by `containment` only (its similarity is under the
    /// threshold): the share of the shorter unit's shingles that the
    /// longer holds.
    within: Option<f64>,
    /// The shorter of the two units is all in the longer (their shingles),
    /// the two not the same: over the threshold, this is told as a
    /// containment, which says more than a similarity.
    whole: bool,
}

impl Match {
    /// Whether `self` is a better match than `other`: similar over the
    /// threshold before contained, then more similar (or contained), then
    /// earlier.
    fn beats(&self, other: &Option<Match>) -> bool {
        let score = |m: &Match| (m.within.is_none(), m.within.unwrap_or(m.similarity));
        match other {
            None => true,
            Some(o) => {
                score(self) > score(o) || (score(self) == score(o) && self.earlier < o.earlier)
            }
        }
    }

    /// `75% similar`, rounded down so that it never overstates.
    fn percent(&self) -> u32 {
        percent(self.similarity)
    }
}

/// A share as a percentage, rounded down so that it never overstates.
fn percent(share: f64) -> u32 {
    ((share * 100.0).floor() as u32).min(100)
}

fn what(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "list item",
        BlockKind::TableRow => "table row",
    }
}

fn same_text(a: &Unit, b: &Unit) -> bool {
    a.exact == b.exact && a.words == b.words && a.shingles == b.shingles
}

impl Duplicates {
    /// The units of `doc`, shared with the other rules that extract alike.
    fn units(&self, doc: &Document) -> Arc<Vec<Unit>> {
        doc.derived(self.key, |d| self.extractor.units(d))
    }
}

/// The edit deleting `unit`, a copy of `earlier`: only a paragraph that
/// stands on its own lines (not inside a quote or a list, where deleting
/// could break the structure around it), written as the earlier one is (the
/// same words are not enough: `+15 %` and `-15 %` have the same words), with
/// the spaces ending its last line, the blank lines after it, and a
/// `repere-disable-next-line` comment just above it, which would otherwise
/// silence the line that comes up in its place.
fn deletion(doc: &Document, unit: &Unit, earlier: &Unit) -> Option<Edit> {
    if unit.kind != BlockKind::Paragraph {
        return None;
    }
    let text = doc.source.as_str();
    // The unit's span is clamped to the text by `unit_span`; `get` keeps this
    // from panicking should that ever change (no fix then).
    let written = |u: &Unit| {
        text.get(u.span.start..u.span.end)
            .map(str::split_whitespace)
    };
    if !written(unit)?.eq(written(earlier)?) {
        return None;
    }
    let mut start = unit.span.start;
    if start > 0 && !text.get(..start)?.ends_with(['\n', '\r']) {
        return None;
    }
    if let Some(comment) = next_line_comment_before(doc, start) {
        start = comment;
    }
    let mut end = unit.span.end.min(text.len());
    let rest = text.get(end..)?;
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let rest = &rest[spaces..];
    if !(rest.is_empty() || rest.starts_with(['\n', '\r'])) {
        return None;
    }
    let blank: usize = rest.len() - rest.trim_start_matches(['\n', '\r']).len();
    end += spaces + blank;
    if end == text.len() {
        start = crate::fix::end_deletion_start(text, start);
    }
    // The copy alone under its heading: deleting it would leave an empty
    // section (which the section rule reports), so it is for the author to
    // rewrite.
    let headings = &doc.body.headings;
    let above = headings
        .iter()
        .rev()
        .find(|h| h.span.end <= unit.span.start)
        .map(|h| h.span.end);
    let below = headings
        .iter()
        .find(|h| h.span.start >= unit.span.end)
        .map_or(text.len(), |h| h.span.start);
    if let Some(above) = above {
        let left = [text.get(above..start)?, text.get(end.min(below)..below)?];
        if left.iter().all(|t| t.trim().is_empty()) {
            return None;
        }
    }
    // The copy alone inside an HTML element (`<details>` … `</details>`):
    // deleting it would leave the element empty.
    let html_blocks = || doc.body.html.iter().filter(|h| !h.inline);
    let opened_before = html_blocks()
        .rev()
        .find(|h| h.span.end <= unit.span.start)
        .filter(|h| {
            text.get(h.span.end..unit.span.start)
                .is_some_and(|t| t.trim().is_empty())
        })
        .is_some_and(|h| {
            !h.text.trim_start().starts_with("</") && !h.text.trim_start().starts_with("<!--")
        });
    let closed_after = html_blocks()
        .find(|h| h.span.start >= unit.span.end)
        .filter(|h| {
            text.get(unit.span.end..h.span.start)
                .is_some_and(|t| t.trim().is_empty())
        })
        .is_some_and(|h| h.text.trim_start().starts_with("</"));
    if opened_before && closed_after {
        return None;
    }
    // The earlier copy inside an HTML element (`<details>`), folded away,
    // and this one in the open: deleting this one would hide the text.
    let html = &doc.body.html;
    if !html.is_empty()
        && crate::document::html::inside_element(html, earlier.span.start)
        && !crate::document::html::inside_element(html, unit.span.start)
    {
        return None;
    }
    if joins_a_list(doc, unit, text.get(end..)?) {
        return None;
    }
    Some(Edit::delete(Span::new(start, end)))
}

/// Whether deleting `unit`, a paragraph between a list (or a footnote) and
/// `after` (the text after the deletion), would join what follows to that
/// list: a list item after it would continue the list, and an indented line
/// (a code block) would become the last item's text.
fn joins_a_list(doc: &Document, unit: &Unit, after: &str) -> bool {
    let blocks = &doc.body.blocks;
    let before = blocks.partition_point(|b| b.span.start < unit.span.start);
    let in_list = before
        .checked_sub(1)
        .and_then(|i| blocks.get(i))
        .is_some_and(|b| {
            b.kind == BlockKind::ListItem || b.parent.is_some() || doc.body.in_footnote(b.span)
        });
    if !in_list {
        return false;
    }
    let Some(next) = after.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    next.starts_with([' ', '\t']) || list_marker(next).is_some()
}

/// Where the `repere-disable-next-line` comment that ends on the line before
/// `start` (a line start) begins, when it stands on its own lines: what
/// deleting the line at `start` must delete too, or the comment would
/// silence the line that comes up in its place. Only a comment the
/// suppression reader takes (not one inside a code block).
fn next_line_comment_before(doc: &Document, start: usize) -> Option<usize> {
    let line = doc.location(Span::at(start)).line;
    let suppressions = Suppressions::of(doc);
    let comment = suppressions
        .comments
        .iter()
        .find(|c| c.directive == Directive::DisableNextLine && c.end_line + 1 == line)?;
    let text = doc.source.as_str();
    let line_start = text
        .get(..comment.span.start)?
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let alone = text.get(line_start..comment.span.start)?.trim().is_empty()
        && text.get(comment.span.end..start)?.trim().is_empty();
    alone.then_some(line_start)
}

impl Rule for Duplicates {
    fn cross_file_only(&self) -> bool {
        self.scope == Scope::Corpus
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        if self.cross_file_only() {
            return;
        }
        let units = self.units(doc);
        let matches = article_matches(&units, self.similarity, self.containment);
        let mut grouped = vec![false; units.len()];
        for run in copied_lists(doc, &units, &matches) {
            for &i in &run {
                grouped[i] = true;
            }
            cx.report(list_finding(doc, &units, &matches, &run));
        }
        for (i, (unit, m)) in units.iter().zip(matches).enumerate() {
            let Some(m) = m else { continue };
            let Some(earlier) = units.get(m.earlier) else {
                continue;
            };
            if grouped[i] {
                continue;
            }
            let line = doc.location(earlier.span).line;
            let noun = what(unit.kind);
            let finding = if m.exact
                && let Some((here, there)) =
                    symbols_differ(doc.text(unit.span), doc.text(earlier.span))
            {
                // The same words, but a sign, a currency or a unit differs:
                // not a copy to delete.
                Finding::new(
                    unit.span,
                    format!("{noun} repeats the words of line {line}, with `{here}` where it has `{there}`"),
                )
                .label(earlier.span, "the same words here")
                .help("if both are meant, say what differs in words; else keep one of the two")
            } else if m.exact {
                let finding = Finding::new(unit.span, format!("{noun} repeats line {line} word for word"))
                    .label(earlier.span, "first written here")
                    .help("keep one of the two: delete this copy, or rewrite it to say what the first does not");
                match deletion(doc, unit, earlier) {
                    Some(edit) => finding.fix(Fix::risky("delete this copy", vec![edit])),
                    None => finding,
                }
            } else if let Some(share) = m.within.or(m.whole.then_some(1.0)) {
                let pct = percent(share);
                let message = if unit.shingles.len() > earlier.shingles.len() {
                    format!("{noun} repeats {pct}% of line {line} inside it")
                } else {
                    format!("{pct}% of this {noun} is already in line {line}")
                };
                Finding::new(unit.span, message)
                    .label(
                        earlier.span,
                        format!("repeated from this {}", what(earlier.kind)),
                    )
                    .help(format!(
                        "say it once: cut the repeated words from this {noun} or from line {line}"
                    ))
            } else {
                Finding::new(
                    unit.span,
                    format!("{noun} is {}% similar to line {line}", m.percent()),
                )
                .label(earlier.span, format!("similar {} here", what(earlier.kind)))
                .help(format!(
                    "merge the two into one, or rewrite this one so that it does not repeat line {line}"
                ))
            };
            cx.report(finding);
        }
    }

    fn collect(&self, doc: &Document, _cx: &Context) -> Option<Facts> {
        if self.scope != Scope::Corpus {
            return None;
        }
        let facts = corpus::FileFacts::new(doc, self.units(doc), self.sketcher.as_ref());
        Some(Box::new(facts))
    }

    fn check_corpus(&self, files: &[CorpusFile<'_>], cx: &mut CorpusContext) {
        if self.scope == Scope::Corpus {
            corpus::check(files, self.similarity, self.sketcher.is_some(), cx);
        }
    }
}

/// Where a byte that may start one of [`symbols`] is, in order: the ASCII
/// signs, and the lead bytes of the others (`€`, `−`, `≤`, `≥`, `≈`, `‰`
/// start with 0xE2; `£`, `¥`, `±` with 0xC2). Found by three vectorised
/// searches merged, as every unit of every file is read for the corpus
/// pass: a byte-by-byte scan cost 2% of a whole check.
fn symbol_starts(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut a = memchr::memchr3_iter(b'-', b'+', b'%', bytes).peekable();
    let mut b = memchr::memchr3_iter(b'$', b'<', b'>', bytes).peekable();
    let mut c = memchr::memchr3_iter(b'~', 0xC2, 0xE2, bytes).peekable();
    std::iter::from_fn(move || {
        let next = [a.peek(), b.peek(), c.peek()]
            .into_iter()
            .flatten()
            .min()
            .copied()?;
        for it in [&mut a, &mut b, &mut c] {
            it.next_if_eq(&next);
        }
        Some(next)
    })
}

/// What words leave out of a figure, as written in `text` (a unit's
/// source), in order: its currency and percent signs (`€` and `$`, `%`),
/// and the signs before a number (`+15`, `-15`, `< 2`, `~37`; not a list
/// item's marker, `- 3 jours`, nor a strikethrough's `~~`).
fn symbols(text: &str) -> impl Iterator<Item = char> + '_ {
    // A list item's marker (`- `, `* `, `+ `, `1. `) is no sign.
    let trimmed = text.trim_start();
    let marker = match trimmed.as_bytes() {
        [b'-' | b'*' | b'+', b' ' | b'\t', ..] => 1,
        bytes => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            match bytes.get(digits..digits + 2) {
                Some([b'.' | b')', b' ' | b'\t']) if digits > 0 => digits + 1,
                _ => 0,
            }
        }
    };
    let text = &trimmed[marker..];
    let bytes = text.as_bytes();
    symbol_starts(bytes).filter_map(move |i| {
        // A lead byte or an ASCII one: a char boundary.
        let c = text.get(i..)?.chars().next()?;
        let before_number = || {
            text[i + c.len_utf8()..]
                .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
                .starts_with(|d: char| d.is_ascii_digit())
        };
        // `~~15 jours~~`: a strikethrough's tildes, not an approximation.
        let doubled =
            c == '~' && (bytes.get(i + 1) == Some(&b'~') || i > 0 && bytes[i - 1] == b'~');
        match c {
            '€' | '$' | '£' | '¥' | '%' | '‰' => Some(c),
            '+' | '-' | '−' | '±' | '<' | '>' | '≤' | '≥' | '~' | '≈'
                if !doubled && before_number() =>
            {
                Some(c)
            }
            _ => None,
        }
    })
}

/// Where two units with the same words differ in [`symbols`]: the first
/// symbol that differs in each (`None` at the end of one), when they do.
fn symbols_differ(here: &str, there: &str) -> Option<(String, String)> {
    first_difference(symbols(here), symbols(there))
}

/// The first symbol that differs in two sequences of [`symbols`]
/// (`nothing` at the end of one), when they differ.
fn first_difference(
    a: impl IntoIterator<Item = char>,
    b: impl IntoIterator<Item = char>,
) -> Option<(String, String)> {
    let (mut a, mut b) = (a.into_iter(), b.into_iter());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return None,
            (x, y) if x == y => {}
            (x, y) => {
                let shown = |c: Option<char>| c.map_or("nothing".to_string(), String::from);
                return Some((shown(x), shown(y)));
            }
        }
    }
}

/// Runs of two list items or more, next to each other in one list, that
/// repeat items next to each other in an earlier list, in the same order:
/// a list copied whole is one finding, not one per item (word for word or
/// similar copies alike; not contained ones). Indices into `units`.
fn copied_lists(doc: &Document, units: &[Unit], matches: &[Option<Match>]) -> Vec<Vec<usize>> {
    let item = |i: usize| units.get(i).is_some_and(|u| u.kind == BlockKind::ListItem);
    let follows = |i: usize| -> bool {
        // Unit `i` continues the run that unit `i - 1` is in.
        let (Some(Some(a)), Some(Some(b))) = (matches.get(i - 1), matches.get(i)) else {
            return false;
        };
        item(i - 1)
            && item(i)
            && item(a.earlier)
            && item(b.earlier)
            && b.earlier == a.earlier + 1
            && a.within.is_none()
            && b.within.is_none()
            && next_items(doc, &units[i - 1], &units[i])
            && next_items(doc, &units[a.earlier], &units[b.earlier])
    };
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for i in 0..units.len() {
        if i > 0 && follows(i) && run.last() == Some(&(i - 1)) {
            run.push(i);
        } else {
            if run.len() >= 2 {
                runs.push(std::mem::take(&mut run));
            }
            run = vec![i];
        }
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    if runs.is_empty() {
        // Most articles: no copied list, and no need of their comments.
        return runs;
    }
    // A run must come after the items it repeats, in another list (a list
    // repeating itself in part is told item by item), and hold no
    // suppression comment (which names the line of one item: the items are
    // then told one by one, so that it silences that one).
    let comments = Suppressions::of(doc).comments;
    runs.retain(|r| {
        let Some(last_earlier) = matches[r[r.len() - 1]].map(|m| m.earlier) else {
            return false;
        };
        let one_list = (last_earlier..r[0]).all(|k| next_items(doc, &units[k], &units[k + 1]));
        let span = Span::new(units[r[0]].span.start, units[r[r.len() - 1]].span.end);
        last_earlier < r[0]
            && !one_list
            && !comments
                .iter()
                .any(|c| c.span.start < span.end && c.span.end > span.start)
    });
    runs
}

/// Whether list items `a` and `b` are next to each other in one list:
/// nothing but spaces, quote markers (`>`) and at most one list marker
/// between them (an item's span may hold its marker or not), and their
/// lines opened alike (an item and the first of its nested list are not in
/// one list).
fn next_items(doc: &Document, a: &Unit, b: &Unit) -> bool {
    let Some(gap) = doc.source.get(a.span.end..b.span.start) else {
        return false;
    };
    // The spaces and quote markers that open the line of an item's marker.
    let opening = |u: &Unit| {
        let source = doc.source.as_str();
        let line = source
            .get(..u.span.start)
            .and_then(|s| s.rfind(['\n', '\r']))
            .map_or(0, |i| i + 1);
        let text = source.get(line..).unwrap_or("");
        let n = text.len() - text.trim_start_matches([' ', '\t', '>']).len();
        text.get(..n)
            .map(|t| t.replace('\t', "    "))
            .unwrap_or_default()
    };
    if opening(a) != opening(b) {
        return false;
    }
    let mut tokens = gap
        .split(|c: char| c.is_whitespace() || c == '>')
        .filter(|t| !t.is_empty());
    let marker = |t: &str| list_marker(t) == Some(t.len());
    tokens.next().is_none_or(marker) && tokens.next().is_none() && gap.contains(['\n', '\r'])
}

/// The finding of a copied run of list items (see [`copied_lists`]).
fn list_finding(
    doc: &Document,
    units: &[Unit],
    matches: &[Option<Match>],
    run: &[usize],
) -> Finding {
    let (first, last) = (&units[run[0]], &units[run[run.len() - 1]]);
    let found: Vec<Match> = run.iter().filter_map(|&i| matches[i]).collect();
    let (from, to) = (
        &units[found[0].earlier],
        &units[found[found.len() - 1].earlier],
    );
    let span = Span::new(first.span.start, last.span.end);
    let earlier = Span::new(from.span.start, to.span.end);
    // The lines the label covers, an item written on several lines included.
    let at = doc.location(earlier);
    let lines = format!("lines {}–{}", at.line, at.end_line);
    let n = run.len();
    if found.iter().all(|m| m.exact) {
        Finding::new(span, format!("{n} list items repeat {lines} word for word"))
            .label(earlier, "first written here")
            .help("keep one of the two lists: delete this copy, or rewrite it to say what the first does not")
    } else {
        let near: Vec<u32> = found
            .iter()
            .filter(|m| !m.exact)
            .map(Match::percent)
            .collect();
        let low = near.iter().min().copied().unwrap_or(0);
        let high = near.iter().max().copied().unwrap_or(0);
        let pct = if low == high {
            format!("{low}%")
        } else {
            format!("{low}% to {high}%")
        };
        let exact = n - near.len();
        let message = if exact == 0 {
            format!("{n} list items are {pct} similar to {lines}")
        } else {
            format!(
                "{n} list items repeat {lines}: {exact} word for word, {} {pct} similar",
                near.len()
            )
        };
        Finding::new(span, message)
            .label(earlier, "similar list items here")
            .help(format!(
                "merge the two lists into one, or rewrite this one so that it does not repeat {lines}"
            ))
    }
}

/// For each unit of one article, the earlier unit it repeats best, if any.
///
/// Exact copies are found by hash. Then the units' shingles go, in order,
/// into a table from shingle to the units that have it: each unit counts
/// what it shares with every earlier unit that shares anything with it, which
/// gives their exact Jaccard similarity without looking at the other pairs,
/// and, with `containment`, the share of the shorter unit's shingles the
/// longer holds (a paragraph copied into a longer one).
fn article_matches(units: &[Unit], threshold: f64, containment: Option<f64>) -> Vec<Option<Match>> {
    let mut best: Vec<Option<Match>> = vec![None; units.len()];
    let mut first: HashMap<u64, usize, BuildHasherDefault<Prehashed>> =
        HashMap::with_capacity_and_hasher(units.len(), BuildHasherDefault::default());
    let mut representative = vec![true; units.len()];
    for (i, u) in units.iter().enumerate() {
        match first.get(&u.exact) {
            Some(&j) if same_text(&units[j], u) => {
                best[i] = Some(Match {
                    earlier: j,
                    similarity: 1.0,
                    exact: true,
                    within: None,
                    whole: false,
                });
                representative[i] = false;
            }
            Some(_) => {}
            None => {
                first.insert(u.exact, i);
            }
        }
    }
    if threshold >= 1.0 && containment.is_none() {
        return best;
    }
    let mut index = ShingleIndex::new(units.iter().map(|u| u.shingles.len()).sum());
    let mut shared = vec![0u32; units.len()];
    let mut touched: Vec<usize> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        if !representative[i] {
            continue;
        }
        for s in &u.shingles {
            index.add(*s, i as u32, |earlier| {
                let e = earlier as usize;
                if shared[e] == 0 {
                    touched.push(e);
                }
                shared[e] += 1;
            });
        }
        for e in touched.drain(..) {
            let n = shared[e] as usize;
            shared[e] = 0;
            let (mine, theirs) = (u.shingles.len(), units[e].shingles.len());
            let similarity = n as f64 / (mine + theirs - n) as f64;
            let share = n as f64 / mine.min(theirs).max(1) as f64;
            let within = match containment {
                Some(c) if similarity < threshold && share >= c => Some(share),
                _ => None,
            };
            let m = Match {
                earlier: e,
                similarity,
                exact: false,
                within,
                whole: n == mine.min(theirs) && mine != theirs,
            };
            if (similarity >= threshold || within.is_some()) && m.beats(&best[i]) {
                best[i] = Some(m);
            }
        }
    }
    best
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// An open-addressing table from shingle hash to the list of units that
/// have it (most shingles of an article occur once).
struct ShingleIndex {
    keys: Vec<u32>,
    heads: Vec<u32>,
    /// (unit, next entry of the same shingle)
    entries: Vec<(u32, u32)>,
    mask: usize,
}

const NONE: u32 = u32::MAX;

/// The most earlier units a unit is compared with through one shingle: the
/// latest that have it. Real articles stay far under it (a shingle in more
/// than a few units is a turn of phrase); an article of thousands of nearly
/// identical paragraphs would otherwise cost the square of their number.
const MAX_SHARERS: usize = 64;

impl ShingleIndex {
    fn new(capacity: usize) -> Self {
        // At most two thirds full.
        let size = (capacity + capacity / 2 + 1).next_power_of_two().max(16);
        ShingleIndex {
            keys: vec![0; size],
            heads: vec![NONE; size],
            entries: Vec::with_capacity(capacity),
            mask: size - 1,
        }
    }

    /// Calls `seen` with each unit that had `shingle` before (the latest
    /// [`MAX_SHARERS`] of them), then adds `unit`.
    fn add(&mut self, shingle: u32, unit: u32, mut seen: impl FnMut(u32)) {
        // Shingles are hashes already: their low bits spread well.
        let mut slot = shingle as usize & self.mask;
        while self.heads[slot] != NONE && self.keys[slot] != shingle {
            slot = (slot + 1) & self.mask;
        }
        let head = self.heads[slot];
        let mut e = head;
        let mut walked = 0;
        while let Some(&(u, next)) = self.entries.get(e as usize) {
            if walked == MAX_SHARERS {
                break;
            }
            seen(u);
            walked += 1;
            e = next;
        }
        self.keys[slot] = shingle;
        self.heads[slot] = self.entries.len() as u32;
        self.entries.push((unit, head));
    }
}

#[cfg(test)]
mod tests;
