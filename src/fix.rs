//! Applying fixes: byte-range edits on the original text. Edits that overlap
//! are never combined in one pass; the text is checked again after each pass
//! and fixed again, until nothing changes (bounded).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::document::Document;
use crate::engine::{Linter, Report};
use crate::site::Site;
use crate::span::Span;

/// At most this many check-and-fix passes per file.
pub const MAX_PASSES: usize = 10;

/// Makes a safe fix that changes a heading's anchor (the id Hugo gives it,
/// which links to the heading name: `#dedramatisation`) unsafe when a link
/// may use that anchor, saying so in its description: the text of the page,
/// or of another page of its site, holds `#` and the old id (a fragment,
/// not a longer id that starts so). `--fix` must
/// not break a link. A fix that leaves the anchor as it was (capitals,
/// final punctuation), or changes one nothing links to, stays safe. A fix
/// that changes the anchor of another heading (Hugo numbers repeated ids
/// over the page: renaming `## Dedramatisation` makes a later `###
/// Dedramatisation`'s `#dedramatisation-1` into `#dedramatisation`) is
/// unsafe whatever links to it, as it changes the page unsaid.
pub fn keep_anchors(doc: &Document, site: Option<&Site>, fix: &mut Fix) {
    if fix.applicability != Applicability::Safe {
        return;
    }
    let headings: Vec<&crate::document::Heading> = doc.body.every_heading().collect();
    let touched: Vec<bool> = headings
        .iter()
        .map(|h| fix.edits.iter().any(|e| e.touches(h.span)))
        .collect();
    if !touched.contains(&true) {
        return;
    }
    // Every heading's ids before and after the fix, as Hugo numbers them
    // over the page (`#x`, `#x-1`): renaming one heading can renumber
    // another.
    let ids_of = |doc: &Document| {
        let style = site.map_or(crate::site::IdStyle::default(), Site::id_style);
        let (older, newer) = crate::site::heading_id_forms_in(doc, style);
        let newer = newer.unwrap_or_else(|| older.clone());
        older.into_iter().zip(newer).collect::<Vec<_>>()
    };
    let before = ids_of(doc);
    let fixed = Document::parse(doc.path.clone(), apply(&doc.source, &[&*fix]).0);
    let after = ids_of(&fixed);
    let line = |h: &crate::document::Heading| doc.source[..h.span.start].matches('\n').count() + 1;
    for (i, h) in headings.iter().enumerate() {
        let (old, new) = (
            &before[i],
            after.get(i).filter(|_| after.len() == before.len()),
        );
        if new == Some(old) {
            continue;
        }
        let new_id = new.map_or(String::new(), |(id, _)| format!(" to `#{id}`"));
        if !touched[i] {
            // A heading the fix does not name: its anchor changes unsaid.
            fix.applicability = Applicability::Unsafe;
            fix.description.push_str(&format!(
                " (the anchor of the heading on line {}, which Hugo numbers after this one, changes from `#{}`{new_id})",
                line(h),
                old.0
            ));
            return;
        }
        for gone in [&old.0, &old.1] {
            if new.is_some_and(|(a, b)| a == gone || b == gone) {
                continue;
            }
            let needle = format!("#{gone}");
            let linked = if crate::site::fragments(&doc.source).any(|id| &id == gone) {
                Some("this page".to_string())
            } else {
                site.and_then(|s| s.page_mentioning(gone))
                    .map(|f| format!("`{}`", Path::new("content").join(f).display()))
            };
            if let Some(by) = linked {
                fix.applicability = Applicability::Unsafe;
                fix.description.push_str(&format!(
                    " (the heading's anchor changes from `{needle}`{new_id}, and {by} holds `{needle}`: a link to it would break)"
                ));
                return;
            }
        }
    }
}

/// Makes a safe fix that edits a value a YAML alias repeats elsewhere in
/// the front matter (`weight: &w "2"` and `autre: *w`, or a merge key's
/// `<<: *m`) unsafe, saying so: the copies change with it, unannounced.
pub fn keep_aliases(doc: &Document, fix: &mut Fix) {
    if fix.applicability != Applicability::Safe {
        return;
    }
    let Some(crate::document::front_matter::Content::Parsed { aliased, .. }) =
        doc.front_matter.as_ref().map(|fm| &fm.content)
    else {
        return;
    };
    if aliased
        .iter()
        .any(|a| fix.edits.iter().any(|e| e.touches(*a)))
    {
        fix.applicability = Applicability::Unsafe;
        fix.description.push_str(
            " (a YAML alias, `*…`, repeats this value elsewhere in the front matter: it changes there too)",
        );
    }
}

/// Whether a fix may be applied.
pub fn applicable(fix: &Fix, unsafe_fixes: bool) -> bool {
    fix.applicability == Applicability::Safe || unsafe_fixes
}

fn conflict(a: &Edit, b: &Edit) -> bool {
    (a.span.start < b.span.end && b.span.start < a.span.end) || a.span.start == b.span.start
}

/// The line ending most of the file's lines have (`\n`, `\r\n`, or a lone
/// `\r` as CommonMark allows): inserted line breaks take it too.
pub fn line_ending(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let (lf, cr) = (
        text.matches('\n').count() - crlf,
        text.matches('\r').count() - crlf,
    );
    if crlf > 0 && crlf >= lf && crlf >= cr {
        "\r\n"
    } else if cr > lf {
        "\r"
    } else {
        "\n"
    }
}

/// Where a deletion of the end of `source`, from `start`, should start: the
/// blank lines before `start` go too, the line ending of the text before
/// them stays, so that no blank line is left at the end of the file.
pub fn end_deletion_start(source: &str, start: usize) -> usize {
    let kept = source
        .get(..start)
        .map_or(0, |s| s.trim_end_matches(['\n', '\r']).len());
    if kept == 0 {
        return start;
    }
    kept + if source[kept..].starts_with("\r\n") {
        2
    } else {
        1
    }
}

/// The edits of a fix as they apply to `source`: kept off a byte-order mark,
/// inside the text, and with the file's line endings. A replacement that
/// holds the file's line ending already (a section moved whole, with the
/// lines around it written in the file's ending) is kept as it is: the lines
/// it copies keep their own endings.
pub fn edits_for(source: &str, fix: &Fix) -> Vec<Edit> {
    edits_in(source, line_ending(source), fix)
}

/// [`edits_for`], the file's line ending given ([`line_ending`], counted
/// once for all the fixes of a file).
pub fn edits_in(source: &str, ending: &str, fix: &Fix) -> Vec<Edit> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    fix.edits
        .iter()
        .map(|e| {
            let span = Span::new(e.span.start.max(bom), e.span.end.max(bom)).clamp_to(source);
            let replacement = if ending == "\n" || e.replacement.contains(ending) {
                e.replacement.clone()
            } else {
                e.replacement.replace("\r\n", "\n").replace('\n', ending)
            };
            Edit { span, replacement }
        })
        .collect()
}

/// The fixes that edit something, by where they start: the order in which
/// an earlier one wins over one it overlaps.
fn in_order<'f>(fixes: &[&'f Fix]) -> Vec<&'f Fix> {
    let mut ordered: Vec<&Fix> = fixes
        .iter()
        .copied()
        .filter(|f| !f.edits.is_empty())
        .collect();
    ordered.sort_by_key(|f| f.edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    ordered
}

/// Applies the fixes that do not overlap an earlier one, in one pass.
/// Returns the new text and how many fixes were applied. In time linear in
/// the text and the edits (times a logarithm): a file with thousands of
/// fixes is fixed as fast as it is checked.
pub fn apply(source: &str, fixes: &[&Fix]) -> (String, usize) {
    let ordered = in_order(fixes);
    let ending = line_ending(source);
    // The edits taken, by start: they neither overlap nor share a start.
    let mut taken: BTreeMap<usize, Edit> = BTreeMap::new();
    let clashes_with_taken = |taken: &BTreeMap<usize, Edit>, e: &Edit| {
        // The one that starts at or before it, then any that starts inside it.
        let before = taken
            .range(..=e.span.start)
            .next_back()
            .is_some_and(|(_, t)| conflict(e, t));
        let inside = e.span.end > e.span.start + 1
            && taken.range(e.span.start + 1..e.span.end).next().is_some();
        before || inside
    };
    let mut applied = 0;
    for fix in ordered {
        let edits = edits_in(source, ending, fix);
        let clashes = edits.iter().enumerate().any(|(i, e)| {
            clashes_with_taken(&taken, e) || edits[..i].iter().any(|o| conflict(e, o))
        });
        if clashes {
            continue;
        }
        taken.extend(edits.into_iter().map(|e| (e.span.start, e)));
        applied += 1;
    }
    let mut text = String::with_capacity(source.len());
    let mut at = 0;
    for e in taken.values() {
        text.push_str(&source[at..e.span.start]);
        text.push_str(&e.replacement);
        at = e.span.end;
    }
    text.push_str(&source[at..]);
    (text, applied)
}

/// The outcome of fixing one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied over all passes.
    pub applied: usize,
    pub passes: usize,
    /// The rules whose fixes were left out because they still changed the
    /// text after [`MAX_PASSES`] passes (a fix that makes again what it
    /// fixes), so that the other fixes could be applied.
    pub left_out: Vec<String>,
}

/// The fixes to apply, with the rule of each, but those of `skip`.
fn fixes_of(report: &Report, unsafe_fixes: bool, skip: &[String]) -> Vec<(Arc<str>, Fix)> {
    report
        .diagnostics()
        .filter(|d| !skip.iter().any(|s| **s == *d.rule))
        .filter_map(|d| Some((d.rule.clone(), d.fix.clone()?)))
        .filter(|(_, f)| applicable(f, unsafe_fixes))
        .collect()
}

/// Checks `source` and applies its fixes, again and again until nothing
/// changes or [`MAX_PASSES`] passes were made. Should the fixes of some
/// rules not settle, the file is fixed again from `source` without them
/// (they are then in `left_out`): a fix that cannot settle (a section
/// inserted inside a code block never closed) does not keep the others from
/// being applied.
pub fn fix_source(
    linter: &Linter,
    path: &std::path::Path,
    source: String,
    unsafe_fixes: bool,
) -> Fixed {
    // Each round leaves out at least one more rule (those left out cannot
    // be unsettled), so it ends, at the latest with every rule left out.
    let mut left_out: Vec<String> = Vec::new();
    loop {
        let (mut fixed, unsettled) =
            fix_passes(linter, path, source.clone(), unsafe_fixes, &left_out);
        if unsettled.is_empty() {
            fixed.left_out = left_out;
            return fixed;
        }
        left_out.extend(unsettled);
        left_out.sort();
    }
}

fn fix_passes(
    linter: &Linter,
    path: &std::path::Path,
    source: String,
    unsafe_fixes: bool,
    skip: &[String],
) -> (Fixed, Vec<String>) {
    let mut text = source;
    let mut applied = 0;
    let mut passes = 0;
    let check = |text: &str| {
        let result = linter.check_source(Arc::new(PathBuf::from(path)), text.to_string());
        fixes_of(&linter.finish(vec![result]), unsafe_fixes, skip)
    };
    let mut fixes = check(&text);
    while passes < MAX_PASSES && !fixes.is_empty() {
        let refs: Vec<&Fix> = fixes.iter().map(|(_, f)| f).collect();
        let (next, n) = apply(&text, &refs);
        passes += 1;
        if n == 0 || next == text {
            fixes.clear();
            break;
        }
        applied += n;
        text = next;
        fixes = check(&text);
    }
    // Fixes still to apply after the last pass: they did not settle,
    // unless applying them would change nothing.
    if !fixes.is_empty() {
        let refs: Vec<&Fix> = fixes.iter().map(|(_, f)| f).collect();
        if apply(&text, &refs).0 == text {
            fixes.clear();
        }
    }
    // The rules whose fixes still changed the text at the last pass.
    let mut unsettled: Vec<String> = fixes.iter().map(|(r, _)| r.to_string()).collect();
    unsettled.sort();
    unsettled.dedup();
    let fixed = Fixed {
        text,
        applied,
        passes,
        left_out: Vec::new(),
    };
    (fixed, unsettled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix::safe("t", edits)
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let a = fix(vec![Edit::replace(Span::new(0, 3), "ABC")]);
        let b = fix(vec![Edit::replace(Span::new(2, 5), "X")]);
        let c = fix(vec![Edit::insert(6, "!")]);
        let (text, n) = apply("abcdefg", &[&a, &b, &c]);
        assert_eq!((text.as_str(), n), ("ABCdef!g", 2));
    }

    #[test]
    fn crlf_and_bom_are_kept() {
        let src = "\u{feff}a\r\nb\r\n";
        let f = fix(vec![Edit::insert(0, "x\n")]);
        let (text, _) = apply(src, &[&f]);
        assert_eq!(text, "\u{feff}x\r\na\r\nb\r\n");
        // Lone CRs (old Mac files), and mixed endings: the most common wins.
        let (text, _) = apply("a\rb\r", &[&f]);
        assert_eq!(text, "x\ra\rb\r");
        let (text, _) = apply("a\nb\r\nc\n", &[&f]);
        assert_eq!(text, "x\na\nb\r\nc\n");
    }

    /// The applying of the fixes as first written: every edit compared with
    /// every other, the text edited from its end.
    fn apply_by_pairs(source: &str, fixes: &[&Fix]) -> (String, usize) {
        let ordered = in_order(fixes);
        let mut taken: Vec<Edit> = Vec::new();
        let mut applied = 0;
        for fix in ordered {
            let edits = edits_for(source, fix);
            let clashes = edits.iter().enumerate().any(|(i, e)| {
                taken.iter().any(|t| conflict(e, t)) || edits[..i].iter().any(|o| conflict(e, o))
            });
            if !clashes {
                taken.extend(edits);
                applied += 1;
            }
        }
        taken.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut text = source.to_string();
        for e in &taken {
            text.replace_range(e.span.start..e.span.end, &e.replacement);
        }
        (text, applied)
    }

    proptest::proptest! {
        /// Fixes of one to three edits each, anywhere, overlapping or not:
        /// the same text and count as comparing every pair.
        #[test]
        fn applying_gives_what_comparing_every_pair_gives(
            source in "[a-z\n]{0,40}",
            fixes in proptest::collection::vec(
                proptest::collection::vec((0usize..45, 0usize..6, "[A-Z\n]{0,3}"), 1..4),
                0..12,
            ),
        ) {
            let fixes: Vec<Fix> = fixes
                .into_iter()
                .map(|edits| {
                    fix(edits
                        .into_iter()
                        .map(|(start, len, text)| {
                            let start = start.min(source.len());
                            Edit::replace(Span::new(start, (start + len).min(source.len())), text)
                        })
                        .collect())
                })
                .collect();
            let refs: Vec<&Fix> = fixes.iter().collect();
            proptest::prop_assert_eq!(apply(&source, &refs), apply_by_pairs(&source, &refs));
        }
    }

    /// A heading's anchor is its id as Hugo numbers them over the page: a
    /// rename that renumbers another heading is unsafe, linked or not; a
    /// rename of a numbered heading is unsafe when its numbered id is
    /// linked; a rename nothing links to, renumbering nothing, stays safe.
    #[test]
    fn a_rename_that_renumbers_anchors_is_unsafe() {
        let renamed = |text: &str, nth: usize| {
            let doc = Document::parse("posts/a.md", text.to_string());
            let at = text.match_indices("Dedramatisation").nth(nth).unwrap().0;
            let mut f = fix(vec![Edit::replace(
                Span::new(at, at + "Dedramatisation".len()),
                "Dédramatisation",
            )]);
            keep_anchors(&doc, None, &mut f);
            (f.applicability, f.description)
        };
        // The H3 after it was `#dedramatisation-1`, and becomes
        // `#dedramatisation`.
        let (a, d) = renamed("## Dedramatisation\n\nx\n\n### Dedramatisation\n\ny\n", 0);
        assert_eq!(a, Applicability::Unsafe);
        assert!(
            d.ends_with("(the anchor of the heading on line 5, which Hugo numbers after this one, changes from `#dedramatisation-1` to `#dedramatisation`)"),
            "{d}"
        );
        // The renamed heading is the numbered one, linked by that id.
        let text = "[suite](#dedramatisation-1)\n\n### Dedramatisation\n\n## Dedramatisation\n";
        let (a, d) = renamed(text, 1);
        assert_eq!(a, Applicability::Unsafe);
        assert!(
            d.contains(
                "changes from `#dedramatisation-1` to `#dédramatisation`, and this page holds"
            ),
            "{d}"
        );
        // Not linked, nothing renumbered.
        let (a, _) = renamed("## Dedramatisation\n\nx\n\n## Autre\n", 0);
        assert_eq!(a, Applicability::Safe);
    }

    /// Through the engine, with the default packs: a safe front-matter fix
    /// of a value a YAML alias repeats is unsafe, and said; the same fix of
    /// a value no alias repeats (anchored or not) stays safe.
    #[test]
    fn a_fix_of_an_aliased_value_is_unsafe() {
        use crate::pack::{PackSource, RuleSet};
        let linter = Linter::new(RuleSet::load(&PackSource::defaults()).unwrap());
        let fixes = |extra: &str| {
            let text = format!(
                "---\nauthor: [Camille Martin]\ntitle: \"Changer de poste\"\ndate: 2025-01-06\n\
                 description: \"Une description.\"\ncategories: [carriere]\nseries: [Carrière]\n\
                 tags: [carriere]\nShowToc: true\nTocOpen: false\npillar: trouver-sa-place\n\
                 pillars: [trouver-sa-place]\naudience: tous\naudiences: [tous]\n{extra}---\n"
            );
            let path = Arc::new(PathBuf::from("posts/2025-01-06-x.md"));
            let report = linter.finish(vec![linter.check_source(path, text)]);
            report
                .diagnostics()
                .filter(|d| &*d.rule == "front-matter")
                .filter_map(|d| d.fix.clone())
                .map(|f| (f.applicability, f.description))
                .collect::<Vec<_>>()
        };
        for extra in [
            "weight: &w \"2\"\nautre: *w\n",
            "weight: &w \"2\"\nparams: {p: *w}\n",
            "base: &m {weight: \"2\"}\n<<: *m\n",
        ] {
            let found = fixes(extra);
            assert_eq!(found.len(), 1, "{extra}: {found:?}");
            assert_eq!(found[0].0, Applicability::Unsafe, "{extra}");
            assert!(
                found[0].1.ends_with(
                    "repeats this value elsewhere in the front matter: it changes there too)"
                ),
                "{found:?}"
            );
        }
        for extra in ["weight: &w \"2\"\n", "weight: \"2\"\n"] {
            let found = fixes(extra);
            assert_eq!(found.len(), 1, "{extra}: {found:?}");
            assert_eq!(found[0].0, Applicability::Safe, "{extra}");
        }
    }

    #[test]
    fn a_fix_with_several_edits_is_all_or_nothing() {
        let a = fix(vec![Edit::delete(Span::new(0, 2)), Edit::insert(5, "ab")]);
        let b = fix(vec![Edit::replace(Span::new(4, 6), "Z")]);
        let (text, n) = apply("abcdefg", &[&b, &a]);
        assert_eq!(
            (text.as_str(), n),
            ("cdeabfg", 1),
            "b clashes with a, which starts first"
        );
    }
}
