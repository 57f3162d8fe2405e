//! Regexes searched fast. A regex with a Unicode word boundary (`\b`, which
//! rule packs use for French words) cannot run on the regex crate's fast
//! automaton: it is searched by a slower engine, at every place its literal
//! prefix occurs. [`Pattern`] keeps, next to the regex, the same regex
//! without its word boundaries: it matches wherever the regex does (and
//! more), runs on the fast automaton, and when it finds nothing in a text
//! the regex is not run at all, which is the common case for a rule.

use std::ops::Range;
use std::sync::OnceLock;

use regex::RegexBuilder;
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

/// A compiled regex (leftmost-first, as the regex crate's), and a quicker
/// superset of it when it has word boundaries. The regex itself is then
/// compiled the first time the superset matches: a rule whose phrases do
/// not occur in the files checked never pays for it (compiling is most of
/// what checking one article costs).
#[derive(Debug)]
pub struct Pattern {
    source: String,
    /// The regex's syntax tree, until it is compiled.
    hir: Hir,
    size_limit: usize,
    regex: OnceLock<meta::Regex>,
    /// The regex without word boundaries, when it had some.
    quick: Option<meta::Regex>,
}

impl Pattern {
    /// Compiles `pattern` (size limit in bytes of the compiled program). The
    /// errors are the regex crate's, with its messages.
    pub fn new(
        pattern: &str,
        case_insensitive: bool,
        size_limit: usize,
    ) -> Result<Pattern, regex::Error> {
        let error = || {
            RegexBuilder::new(pattern)
                .case_insensitive(case_insensitive)
                .size_limit(size_limit)
                .build()
                .err()
                .unwrap_or_else(|| regex::Error::Syntax(format!("cannot compile `{pattern}`")))
        };
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .map_err(|_| error())?;
        let mut stripped = false;
        let bare = strip(hir.clone(), &mut stripped);
        let regex = OnceLock::new();
        let quick = if stripped {
            // The superset is compiled now, which also tells whether the
            // pattern is within the size limit.
            Some(compile(&bare, size_limit).ok_or_else(error)?)
        } else {
            let _ = regex.set(compile(&hir, size_limit).ok_or_else(error)?);
            None
        };
        Ok(Pattern {
            source: pattern.to_string(),
            hir,
            size_limit,
            regex,
            quick,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn regex(&self) -> Option<&meta::Regex> {
        if let Some(r) = self.regex.get() {
            return Some(r);
        }
        // Its superset compiled within the limit; should the regex itself
        // not, the superset stands in for it.
        match compile(&self.hir, self.size_limit) {
            Some(r) => Some(self.regex.get_or_init(|| r)),
            None => self.quick.as_ref(),
        }
    }

    /// False when the regex surely has no match in `text`.
    pub fn may_match(&self, text: &str) -> bool {
        self.quick.as_ref().is_none_or(|q| q.is_match(text))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.regex().is_some_and(|r| r.is_match(text))
    }

    /// Where the regex matches in `text`, left to right, without overlaps.
    pub fn find_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Range<usize>> + use<'r, 't> {
        self.may_match(text)
            .then(|| self.regex())
            .flatten()
            .into_iter()
            .flat_map(move |r| r.find_iter(text).map(|m| m.range()))
    }
}

/// The regex for a syntax tree, without captures (only where it matches is
/// asked). No full DFA is built ahead: that is what costs most when a run
/// starts, and the lazy DFA searches as fast.
fn compile(hir: &Hir, size_limit: usize) -> Option<meta::Regex> {
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(size_limit))
                .which_captures(WhichCaptures::Implicit)
                .dfa(false),
        )
        .build_from_hir(hir)
        .ok()
}

/// `hir` with its Unicode word-boundary assertions replaced by the empty
/// regex (which matches wherever an assertion could): a superset.
fn strip(hir: Hir, stripped: &mut bool) -> Hir {
    match hir.into_kind() {
        HirKind::Look(look) => match look {
            Look::WordUnicode
            | Look::WordUnicodeNegate
            | Look::WordStartUnicode
            | Look::WordEndUnicode
            | Look::WordStartHalfUnicode
            | Look::WordEndHalfUnicode => {
                *stripped = true;
                Hir::empty()
            }
            other => Hir::look(other),
        },
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(strip(*rep.sub, stripped)),
            ..rep
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(strip(*cap.sub, stripped)),
            ..cap
        }),
        HirKind::Concat(subs) => {
            Hir::concat(subs.into_iter().map(|h| strip(h, stripped)).collect())
        }
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(|h| strip(h, stripped)).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(p: &Pattern, text: &str) -> Vec<String> {
        p.find_iter(text).map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn same_matches_as_the_regex() {
        let p = Pattern::new(r"\bil\s+faut\b|\bétapes\b", true, 1 << 22).unwrap();
        assert!(p.quick.is_some());
        let direct_regex = regex::RegexBuilder::new(r"\bil\s+faut\b|\bétapes\b")
            .case_insensitive(true)
            .build()
            .unwrap();
        for text in [
            "Il faut partir. Défaut : il faut.",
            "En cinq étapes, pas en quatre-étapes.",
            "défaut, il fautrien, étapesque",
            "",
        ] {
            let direct: Vec<String> = direct_regex
                .find_iter(text)
                .map(|m| m.as_str().to_string())
                .collect();
            assert_eq!(matches(&p, text), direct, "{text}");
            assert_eq!(p.is_match(text), !direct.is_empty(), "{text}");
        }
        assert!(!p.may_match("rien à voir"));
    }

    #[test]
    fn errors_are_the_regex_crate_s() {
        let err = Pattern::new("(a", false, 1 << 22).unwrap_err();
        assert!(err.to_string().contains("unclosed group"), "{err}");
        let err = Pattern::new(r"\w{1000}\w{1000}", false, 1 << 16).unwrap_err();
        assert!(matches!(err, regex::Error::CompiledTooBig(_)), "{err}");
    }

    #[test]
    fn no_boundary_no_second_regex() {
        let p = Pattern::new("abc", false, 1 << 22).unwrap();
        assert!(p.quick.is_none());
        assert_eq!(matches(&p, "xabcx"), ["abc"]);
    }
}
