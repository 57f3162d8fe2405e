//! Regexes searched fast. A regex with a Unicode word boundary (`\b`, which
//! rule packs use for French words) cannot run on the regex crate's fast
//! automaton: it is searched by a slower engine, at every place its literal
//! prefix occurs. [`Pattern`] keeps, next to the regex, the same regex
//! without its word boundaries: it matches wherever the regex does (and
//! more), runs on the fast automaton, and when it finds nothing in a text
//! the regex is not run at all, which is the common case for a rule.

use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};

#[derive(Debug, Clone)]
pub struct Pattern {
    regex: Regex,
    /// The regex without word boundaries, when it had some.
    quick: Option<meta::Regex>,
}

impl Pattern {
    /// Compiles `pattern` (size limit in bytes of the compiled program).
    pub fn new(
        pattern: &str,
        case_insensitive: bool,
        size_limit: usize,
    ) -> Result<Pattern, regex::Error> {
        let regex = RegexBuilder::new(pattern)
            .case_insensitive(case_insensitive)
            .size_limit(size_limit)
            .build()?;
        let quick = quick(pattern, case_insensitive, size_limit);
        Ok(Pattern { regex, quick })
    }

    pub fn regex(&self) -> &Regex {
        &self.regex
    }

    /// False when the regex surely has no match in `text`.
    pub fn may_match(&self, text: &str) -> bool {
        self.quick.as_ref().is_none_or(|q| q.is_match(text))
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.regex.is_match(text)
    }

    /// The matches of the regex in `text`, as [`Regex::find_iter`].
    pub fn find_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = regex::Match<'t>> + use<'r, 't> {
        self.may_match(text)
            .then(|| self.regex.find_iter(text))
            .into_iter()
            .flatten()
    }
}

/// The regex without its Unicode word boundaries, if it has any.
fn quick(pattern: &str, case_insensitive: bool, size_limit: usize) -> Option<meta::Regex> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .ok()?;
    let mut stripped = false;
    let hir = strip(hir, &mut stripped);
    if !stripped {
        return None;
    }
    meta::Regex::builder()
        .configure(meta::Config::new().nfa_size_limit(Some(size_limit)))
        .build_from_hir(&hir)
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
        p.find_iter(text).map(|m| m.as_str().to_string()).collect()
    }

    #[test]
    fn same_matches_as_the_regex() {
        let p = Pattern::new(r"\bil\s+faut\b|\bétapes\b", true, 1 << 22).unwrap();
        assert!(p.quick.is_some());
        for text in [
            "Il faut partir. Défaut : il faut.",
            "En cinq étapes, pas en quatre-étapes.",
            "défaut, il fautrien, étapesque",
            "",
        ] {
            let direct: Vec<String> = p
                .regex()
                .find_iter(text)
                .map(|m| m.as_str().to_string())
                .collect();
            assert_eq!(matches(&p, text), direct, "{text}");
            assert_eq!(p.is_match(text), !direct.is_empty(), "{text}");
        }
        assert!(!p.may_match("rien à voir"));
    }

    #[test]
    fn no_boundary_no_second_regex() {
        let p = Pattern::new("abc", false, 1 << 22).unwrap();
        assert!(p.quick.is_none());
        assert_eq!(matches(&p, "xabcx"), ["abc"]);
    }
}
