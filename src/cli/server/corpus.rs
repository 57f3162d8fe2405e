//! The cross-file findings of an open file, found by the last workspace
//! check in the text it saw, placed in the text the editor has now.
//!
//! Their spans are offsets in the text the workspace check read. When the
//! editor's text differs, a finding is kept only where its place can be found
//! exactly: the text it covers (with its labels and fix in the same file)
//! occurs once in the old text and once in the new one, and is moved there.
//! Otherwise it is dropped until the next workspace check: a finding at a
//! wrong place is worse than none, as "disable on the next line" would
//! insert its comment there.

use std::path::Path;

use repere::diagnostic::Diagnostic;
use repere::document::Document;
use repere::span::{LineIndex, Span};
use repere::suppress::Suppressions;

/// The findings `found` in `seen`, placed in `text`.
pub fn place(found: &[Diagnostic], seen: &str, path: &Path, text: &str) -> Vec<Diagnostic> {
    if seen == text || found.is_empty() {
        return found.to_vec();
    }
    let index = LineIndex::new(text);
    let mut suppressions: Option<Suppressions> = None;
    found
        .iter()
        .filter_map(|d| {
            let moved = moved(d, seen, text, &index)?;
            // A comment added since may suppress it now.
            let s = suppressions.get_or_insert_with(|| {
                Suppressions::of(&Document::parse(path.to_path_buf(), text.to_string()))
            });
            s.suppressing(&moved.rule, moved.location.line)
                .is_none()
                .then_some(moved)
        })
        .collect()
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
    let cover = spans(d).fold(d.span, Span::cover);
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
