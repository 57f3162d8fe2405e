//! The cross-file findings of an open file, found by the last workspace
//! check in the text it saw, placed in the text the editor has now.
//!
//! Their spans are offsets in the text the workspace check read. When the
//! editor's text differs, a finding is kept only where its place can be found
//! exactly: the text it covers (with its labels and fix in the same file)
//! occurs once in the old text and once in the new one, and is moved there.
//! The new place must also be of the same kind as the old one (in a
//! paragraph, a list item, a table row, or none of them), and not in a code
//! block: the same words fenced are no longer prose.
//! Otherwise it is dropped until the next workspace check: a finding at a
//! wrong place is worse than none, as "disable on the next line" would
//! insert its comment there.

use std::path::Path;

use repere::diagnostic::Diagnostic;
use repere::document::{BlockKind, Document};
use repere::span::{LineIndex, Span};
use repere::suppress::Suppressions;

/// The findings `found` in `seen`, placed in `text`.
pub fn place(found: &[Diagnostic], seen: &str, path: &Path, text: &str) -> Vec<Diagnostic> {
    if seen == text || found.is_empty() {
        return found.to_vec();
    }
    let index = LineIndex::new(text);
    let mut old_doc: Option<Document> = None;
    let mut new_doc: Option<(Document, Suppressions)> = None;
    found
        .iter()
        .filter_map(|d| {
            let moved = moved(d, seen, text, &index)?;
            let old_doc = old_doc
                .get_or_insert_with(|| Document::parse(path.to_path_buf(), seen.to_string()));
            let (new_doc, s) = new_doc.get_or_insert_with(|| {
                let doc = Document::parse(path.to_path_buf(), text.to_string());
                let s = Suppressions::of(&doc);
                (doc, s)
            });
            let was = place_kind(old_doc, cover(d))?;
            if place_kind(new_doc, cover(&moved)) != Some(was) {
                return None;
            }
            // A comment added since may suppress it now.
            s.suppressing(&moved.rule, moved.location.line)
                .is_none()
                .then_some(moved)
        })
        .collect()
}

/// The kind of block `span` is in (`None` inside: outside any paragraph,
/// list item or table row), or `None` when it is in a code block.
fn place_kind(doc: &Document, span: Span) -> Option<Option<BlockKind>> {
    let within = |s: &Span| s.start <= span.start && span.end <= s.end;
    if doc.body.code_blocks.iter().any(within) {
        return None;
    }
    Some(
        doc.body
            .blocks
            .iter()
            .filter(|b| within(&b.span))
            .min_by_key(|b| b.span.end - b.span.start)
            .map(|b| b.kind),
    )
}

/// The span that covers all of a finding's spans in its own file.
fn cover(d: &Diagnostic) -> Span {
    spans(d).fold(d.span, Span::cover)
}

/// The spans of a finding in its own file: its own, its labels', its fix's.
fn spans(d: &Diagnostic) -> impl Iterator<Item = Span> + '_ {
    std::iter::once(d.span)
        .chain(d.labels.iter().filter(|l| l.path.is_none()).map(|l| l.span))
        .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)))
}

/// The finding moved to where the text it covers is in `text`, if that
/// place is certain.
fn moved(d: &Diagnostic, seen: &str, text: &str, index: &LineIndex) -> Option<Diagnostic> {
    let cover = cover(d);
    let old = seen.get(cover.start..cover.end).filter(|s| !s.is_empty())?;
    let before = only(seen, old)?;
    let at = only(text, old)?;
    if before != cover.start {
        return None;
    }
    let shift = |s: Span| Span::new(s.start - cover.start + at, s.end - cover.start + at);
    let mut d = d.clone();
    d.span = shift(d.span);
    d.location = index.location(text, d.span);
    for l in d.labels.iter_mut().filter(|l| l.path.is_none()) {
        l.span = shift(l.span);
        l.location = index.location(text, l.span);
    }
    if let Some(f) = &mut d.fix {
        for e in &mut f.edits {
            e.span = shift(e.span);
        }
    }
    Some(d)
}

/// Where `needle` is in `haystack`, if it is there exactly once.
fn only(haystack: &str, needle: &str) -> Option<usize> {
    let first = haystack.find(needle)?;
    let next = first + needle.chars().next().map_or(1, char::len_utf8);
    (!haystack[next..].contains(needle)).then_some(first)
}
