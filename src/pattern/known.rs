//! What a pack's load asks of the patterns of the embedded packs, found
//! ahead: their required literals, the bound of their compiled size and
//! whether they can match an empty text.
//!
//! Parsing a regex (case-insensitive, with Unicode classes) costs about a
//! microsecond per character, and a pre-commit hook loads every pack at
//! each call: the embedded packs' patterns were a fifth of checking one
//! article, though most of them are never searched in a given article (a
//! phrase is searched only where its literals are). A pattern listed in
//! [`table`] is parsed only when it is searched. The list is keyed by the
//! pattern's text and case: a pattern of a user's pack that is not in it
//! is parsed when its pack loads, and one that is (the same text, the same
//! case) has the same facts.
//!
//! `table.rs` is written by the test below from the patterns the embedded
//! packs build, each parsed: when a pack's patterns change, the test fails
//! until it is written again (`REPERE_BLESS=1 cargo test --lib
//! pattern::known`). A stale table cannot give wrong facts, only fewer.

use super::Facts;

#[rustfmt::skip]
mod table;

/// A pattern of the embedded packs and its facts.
pub(super) struct Known {
    pub source: &'static str,
    pub case_insensitive: bool,
    pub bound: usize,
    pub empty: bool,
    pub required: Option<&'static [&'static [u8]]>,
}

/// The facts of `source` (in that case), if it is a known pattern.
pub(super) fn facts(source: &str, case_insensitive: bool) -> Option<Facts> {
    let known = table::KNOWN
        .iter()
        .find(|k| k.case_insensitive == case_insensitive && k.source == source)?;
    Some(Facts {
        required: known
            .required
            .map(|set| set.iter().map(|l| l.to_vec()).collect()),
        bound: known.bound,
        empty: known.empty,
    })
}

#[cfg(test)]
thread_local! {
    /// The patterns built on this thread while [`recording`] runs.
    static RECORDED: std::cell::RefCell<Option<Vec<(String, bool)>>> =
        const { std::cell::RefCell::new(None) };
}

/// Notes a pattern built, while [`recording`] runs on this thread.
#[cfg(test)]
pub(super) fn record(source: &str, case_insensitive: bool) {
    RECORDED.with_borrow_mut(|r| {
        if let Some(r) = r {
            r.push((source.to_string(), case_insensitive));
        }
    });
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::Pattern;
    use super::*;
    use crate::pack::{PackSource, RuleSet};

    /// The patterns built (by [`super::super::Pattern::new`] and its kin)
    /// while `f` runs on this thread.
    fn recording(f: impl FnOnce()) -> Vec<(String, bool)> {
        RECORDED.with_borrow_mut(|r| *r = Some(Vec::new()));
        f();
        RECORDED.with_borrow_mut(Option::take).unwrap_or_default()
    }

    /// `bytes` as a Rust byte string literal.
    fn byte_string(bytes: &[u8]) -> String {
        let mut out = String::from("b\"");
        for &b in bytes {
            match b {
                b'"' | b'\\' => out.push_str(&format!("\\{}", b as char)),
                0x20..=0x7e => out.push(b as char),
                _ => out.push_str(&format!("\\x{b:02x}")),
            }
        }
        out.push('"');
        out
    }

    /// `table.rs` for these patterns, each parsed.
    fn table(mut patterns: Vec<(String, bool)>) -> String {
        patterns.sort();
        patterns.dedup();
        let mut out = String::from(
            "//! Written by `pattern::known::tests`: the patterns of the embedded\n\
             //! packs and their facts (see `pattern/known.rs`). Do not edit.\n\n\
             use super::Known;\n\npub(super) const KNOWN: &[Known] = &[\n",
        );
        for (source, case_insensitive) in patterns {
            let p = Pattern::new(&source, case_insensitive, usize::MAX).expect("it parses");
            // Parsed now, not read from the table.
            let facts = Facts::of(p.hir());
            let required = match &facts.required {
                Some(set) => {
                    let items: Vec<String> = set.iter().map(|l| byte_string(l)).collect();
                    format!("Some(&[{}])", items.join(", "))
                }
                None => "None".to_string(),
            };
            out.push_str(&format!(
                "    Known {{\n        source: {source:?},\n        case_insensitive: {case_insensitive},\n        bound: {},\n        empty: {},\n        required: {required},\n    }},\n",
                facts.bound, facts.empty
            ));
        }
        out.push_str("];\n");
        out
    }

    /// The table is the facts of the patterns the embedded packs build, as
    /// parsing them finds: a pack whose patterns changed fails here until
    /// `REPERE_BLESS=1` writes the table again.
    #[test]
    fn the_table_is_the_embedded_packs_patterns() {
        let built = recording(|| {
            RuleSet::load(&PackSource::defaults()).expect("the embedded packs load");
        });
        assert!(built.len() >= 5, "{built:?}");
        let want = table(built);
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pattern/known/table.rs");
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        if have != want {
            if std::env::var_os("REPERE_BLESS").is_some() {
                std::fs::write(&path, &want).expect("write the table");
                return;
            }
            panic!(
                "{} is not the facts of the embedded packs' patterns: run `REPERE_BLESS=1 cargo test --lib pattern::known` and commit it",
                path.display()
            );
        }
    }

    /// A known pattern is not parsed when it is made, and finds what the
    /// same pattern parsed at once finds.
    #[test]
    fn a_known_pattern_is_parsed_when_searched() {
        let k = table::KNOWN
            .iter()
            .find(|k| k.source.contains("faut"))
            .expect("« il faut » is a known pattern");
        let p = Pattern::new(k.source, k.case_insensitive, 1 << 22).unwrap();
        assert!(p.parsed.get().is_none());
        assert_eq!(p.can_match_empty(), k.empty);
        assert!(p.parsed.get().is_none());
        let text = "Il faut dire que, lorsqu’il faut trancher, tu dois choisir la bonne solution : c'est en 3 étapes.";
        let parsed_now =
            Pattern::new(&format!("(?:{})", k.source), k.case_insensitive, 1 << 22).unwrap();
        assert!(parsed_now.parsed.get().is_some());
        let found: Vec<_> = p.find_iter(text).collect();
        assert!(!found.is_empty());
        assert_eq!(found, parsed_now.find_iter(text).collect::<Vec<_>>());
        // Given too small a size limit, it is parsed and refused at once.
        assert!(Pattern::new(k.source, k.case_insensitive, 64).is_err());
    }
}
