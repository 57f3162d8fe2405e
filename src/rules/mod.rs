//! Rule kinds. Each kind is one file: a type with typed options (read from a
//! rule-pack entry, unknown fields refused) that implements [`Rule`], and its
//! documentation, which `repere explain` prints. [`KINDS`] has one line per kind.

pub mod duplicates;
pub mod front_matter;
pub mod links;
pub mod markup;
pub mod phrase;
pub mod salary;
pub mod sections;
mod suggest;

pub use suggest::{Nearby, did_you_mean, typo_of, unknown_placeholder};

use std::any::Any;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Finding;
use crate::document::Document;
use crate::site::Site;
use crate::span::Location;
use crate::yaml::{Node, de};

/// Small per-file facts a cross-file rule collects in the first pass.
pub type Facts = Box<dyn Any + Send + Sync>;

/// A file's facts, as the corpus pass sees them. The files come in the
/// order of their absolute paths (see `Linter::finish`).
pub struct CorpusFile<'a> {
    pub path: &'a Arc<PathBuf>,
    pub facts: &'a (dyn Any + Send + Sync),
    /// The site the file belongs to, when one was found.
    pub site: Option<&'a Site>,
}

/// Where a rule reports what it finds in one file.
#[derive(Default)]
pub struct Context {
    pub(crate) findings: Vec<Finding>,
    pub(crate) site: Option<Arc<Site>>,
}

impl Context {
    /// The site the document belongs to, when the caller found one.
    pub fn site(&self) -> Option<&Site> {
        self.site.as_deref()
    }

    pub fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

/// Where a cross-file rule reports: each finding names its file (an index
/// into the slice given to [`Rule::check_corpus`]) and its location there.
#[derive(Default)]
pub struct CorpusContext {
    pub(crate) findings: Vec<(usize, Finding, Location)>,
}

impl CorpusContext {
    pub fn report(&mut self, file: usize, location: Location, finding: Finding) {
        self.findings.push((file, finding, location));
    }
}

/// A configured rule, ready to check documents.
pub trait Rule: Send + Sync {
    /// Checks one document.
    fn check(&self, doc: &Document, cx: &mut Context);

    /// Collects the facts a cross-file check needs (None: nothing to
    /// collect); `cx` says which site, if any, the document belongs to.
    fn collect(&self, _doc: &Document, _cx: &Context) -> Option<Facts> {
        None
    }

    /// Checks the facts of every file checked, after all files were read.
    fn check_corpus(&self, _files: &[CorpusFile<'_>], _cx: &mut CorpusContext) {}

    /// What the rule expects of a front-matter key, for an editor's hover.
    fn describe_key(&self, _key: &str) -> Option<String> {
        None
    }

    /// A site root set in the rule's options, for the caller to index.
    fn site_root(&self) -> Option<&Path> {
        None
    }

    /// Whether the rule only compares files with each other, so that no
    /// one-file example (`repere test-rules`) can make it report.
    fn cross_file_only(&self) -> bool {
        false
    }
}

/// What building a rule from its options can fail with: a message and the
/// span of the option at fault.
pub type BuildError = de::Error;

/// A rule kind: its name, a one-line summary, its documentation and how to
/// build a rule from the options of a pack entry (a mapping node).
pub struct Kind {
    pub name: &'static str,
    pub summary: &'static str,
    pub doc: &'static str,
    pub build: fn(&Node) -> Result<Box<dyn Rule>, BuildError>,
    /// The JSON Schema of the kind's options (for `repere schema rules`).
    pub schema: fn(&mut schemars::SchemaGenerator) -> schemars::Schema,
}

/// The registry: one line per rule kind.
pub static KINDS: &[&Kind] = &[
    &front_matter::KIND,
    &sections::KIND,
    &phrase::KIND,
    &links::KIND,
    &markup::KIND,
    &duplicates::KIND,
    &salary::KIND,
];

pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().copied().find(|k| k.name == name)
}

/// A build error at `node` with `message`.
pub fn error_at(node: &Node, message: impl Into<String>) -> BuildError {
    BuildError {
        message: message.into(),
        span: Some(node.span),
    }
}

/// The first string of the list `key` in a rule's options that `names_nothing`
/// (an empty section title or key), as an error at it: such an item could
/// match nothing.
pub fn empty_item(
    node: &Node,
    key: &str,
    names_nothing: impl Fn(&str) -> bool,
    message: &str,
) -> Result<(), BuildError> {
    let items = node.get(key).and_then(Node::as_seq).unwrap_or_default();
    match items
        .iter()
        .find(|n| n.as_str().is_some_and(&names_nothing))
    {
        Some(empty) => Err(error_at(empty, message)),
        None => Ok(()),
    }
}

/// [`empty_item`] of a rule's `sections`: a title that folds to nothing
/// names no heading.
pub fn empty_section_title(node: &Node) -> Result<(), BuildError> {
    empty_item(
        node,
        "sections",
        |t| fold_title(t).is_empty(),
        "a section title in `sections` is empty: it names no heading",
    )
}

/// A title as compared with the titles named in rule options: without the
/// emoji around it (see [`undecorated`]), lowercased, accents removed, `’`
/// read as `'`, runs of spaces (no-break ones included) as one space, and
/// trimmed of spaces and final `:`.
pub fn fold_title(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    without_marks(undecorated(title).1, |c| {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.extend(c.to_lowercase());
        }
    });
    out.trim().trim_end_matches(':').trim_end().to_string()
}

/// Whether `c` is a pictograph, as emoji and symbols set before or after a
/// title decorate it (`## 🌱 Dédramatisation`, `## Repères clairs ✅`):
/// Unicode's other symbols (emoji, dingbats, arrows and shapes drawn as
/// such), and what joins or styles an emoji (the variation selectors, the
/// zero-width joiner, skin tones, keycaps, flag tags).
fn is_decoration(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    matches!(
        c,
        '\u{fe0e}' | '\u{fe0f}' | '\u{200d}' | '\u{20e3}' | '\u{1f3fb}'..='\u{1f3ff}'
    ) || ('\u{e0020}'..='\u{e007f}').contains(&c)
        || get_general_category(c) == G::OtherSymbol
}

/// A title cut into the decoration before it, its text and the decoration
/// after it: pictographs ([`is_decoration`]; a keycap such as `1️⃣` whole),
/// a section number before it ([`section_number`]: `1.`, `2)`, `03 -`) and
/// the spaces between them and the text. They say nothing of which section
/// the title names, so titles are compared without them (Hugo's anchor
/// keeps them, but nothing compares anchors with a template). A title that
/// is nothing but decoration is its own text.
pub(crate) fn undecorated(title: &str) -> (&str, &str, &str) {
    let mut start = 0;
    let mut text_start = 0;
    while let Some(c) = title[start..].chars().next() {
        if c.is_whitespace() {
            start += c.len_utf8();
        } else if is_decoration(c) {
            start += c.len_utf8();
            text_start = start;
        } else if let Some(n) = keycap(&title[start..]).or_else(|| section_number(&title[start..]))
        {
            start += n;
            text_start = start;
        } else {
            break;
        }
    }
    // From the end: the keycap's digit is found after its U+20E3.
    let mut end = title.len();
    let mut text_end = end;
    let mut in_keycap = false;
    while end > text_start {
        let Some(c) = title[..end].chars().next_back() else {
            break;
        };
        if in_keycap && (c.is_ascii_digit() || c == '#' || c == '*') {
            in_keycap = false;
            end -= 1;
            text_end = end;
        } else if c.is_whitespace() && !in_keycap {
            end -= c.len_utf8();
        } else if is_decoration(c) {
            in_keycap = c == '\u{20e3}' || (in_keycap && c == '\u{fe0f}');
            end -= c.len_utf8();
            text_end = end;
        } else {
            break;
        }
    }
    let text = title[text_start..text_end.max(text_start)].trim();
    if text.is_empty() {
        return ("", title, "");
    }
    // The spaces between the decoration and the text go with the decoration.
    let at = text.as_ptr() as usize - title.as_ptr() as usize;
    (&title[..at], text, &title[at + text.len()..])
}

/// The length of the keycap that starts `rest` (`1️⃣`): a digit, `#` or
/// `*`, maybe a variation selector, U+20E3.
fn keycap(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    if !(first.is_ascii_digit() || first == '#' || first == '*') {
        return None;
    }
    let (mut i, mut c) = chars.next()?;
    if c == '\u{fe0f}' {
        (i, c) = chars.next()?;
    }
    (c == '\u{20e3}').then_some(i + c.len_utf8())
}

/// The length of the section number that starts `rest`, as articles number
/// their sections (`## 1. Dédramatisation`, `## 2) Le réel`, `## 03 -
/// Repères clairs`, `## 4 – Erreurs classiques`): one or two digits, then
/// `.` or `)`, or a dash between spaces, and a space before the text. A
/// year (`2024 : bilan`), a number in the title (`3 erreurs`, `1.5 an`) or
/// a number alone is none.
fn section_number(rest: &str) -> Option<usize> {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let after = &rest[digits..];
    let spaced = |t: &str| t.starts_with(char::is_whitespace);
    let mark = if let Some(t) = after.strip_prefix(['.', ')']) {
        spaced(t).then_some(1)?
    } else {
        let t = after.trim_start();
        if t.len() == after.len() {
            return None;
        }
        let dash = t.chars().next().filter(|c| matches!(c, '-' | '–' | '—'))?;
        let t = &t[dash.len_utf8()..];
        if !spaced(t) {
            return None;
        }
        after.len() - t.len()
    };
    // Something follows: a number alone is the title.
    rest[digits + mark..]
        .trim_start()
        .chars()
        .next()
        .map(|_| digits + mark)
}

/// Calls `f` with each character of the canonical decomposition (NFD) of
/// `text` that is not a combining mark: the text without its accents.
///
/// Each character is decomposed on its own, without the iterator's buffer:
/// NFD also puts the combining marks after a letter in canonical order, but
/// only characters with a combining class move, all of them marks (tested),
/// and marks are dropped here.
pub fn without_marks(text: &str, mut f: impl FnMut(char)) {
    use unicode_normalization::char::{decompose_canonical, is_combining_mark};
    for c in text.chars() {
        if c.is_ascii() {
            // ASCII text is its own decomposition.
            f(c);
        } else {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    f(d);
                }
            });
        }
    }
}

/// Whether a heading's title `h` names the section `folded`, both folded
/// with [`fold_title`] (a heading compared with several names is folded
/// once): equal, or followed only by a parenthesis or punctuation
/// (`Erreurs fréquentes (et comment les éviter)`).
pub fn folded_title_matches(h: &str, folded: &str) -> bool {
    match h.strip_prefix(folded) {
        Some("") => true,
        Some(rest) => {
            rest.starts_with([' ', '(', ':', ';', '-', ',', '.', '…', '!', '?']) && {
                let rest = rest.trim_start();
                !rest.starts_with(|c: char| c.is_alphanumeric())
            }
        }
        None => false,
    }
}

/// Whether `c` shows nothing where it is written: the soft hyphen
/// (U+00AD), zero-width spaces and joiners (U+200B to U+200D), the word
/// joiner (U+2060) and U+FEFF. The duplicate check drops them from words;
/// a title differing from the template's by one shows it escaped.
pub(crate) fn shows_nothing(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// The quotations of a text: between « and », “ and ”, `<<` and `>>`
/// (Hugo's typographer shows them as « and »), or a pair of ".
/// A mark with no partner in the text opens nothing. The phrase rules skip
/// them (someone else's words), the salary rules compare no figure in them.
pub(crate) fn quotations(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(char, usize)> = None;
    // A straight `"` opens a quotation before a word, not after one (`27"`
    // is inches), and closes one after a word, not before the next.
    let word_before = |i: usize| {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    };
    let word_after = |i: usize| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace())
    };
    let word_follows = |i: usize| {
        text[i + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    };
    let doubled = |i: usize, c: u8| text.as_bytes().get(i + 1) == Some(&c);
    // The second `<` or `>` of a pair read as one mark.
    let mut skip = 0;
    for (i, c) in text.char_indices() {
        if i < skip {
            continue;
        }
        match (open, c) {
            (None, '«' | '“') => open = Some((c, i)),
            // `<<` and `>>`, which Hugo's typographer shows as « and ».
            (None, '<') if doubled(i, b'<') => {
                open = Some((c, i));
                skip = i + 2;
            }
            (Some(('<', start)), '>') if doubled(i, b'>') => {
                out.push(start..i + 2);
                open = None;
                skip = i + 2;
            }
            (None, '"') if !word_before(i) && word_after(i) => open = Some((c, i)),
            (Some(('«', start)), '»') | (Some(('“', start)), '”') => {
                out.push(start..i + c.len_utf8());
                open = None;
            }
            (Some(('"', start)), '"') if !word_follows(i) => {
                out.push(start..i + 1);
                open = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotations_are_found() {
        let t = "Il dit « il faut » puis \"tu dois\" et “x” mais \"ouvert";
        let q: Vec<&str> = quotations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["« il faut »", "\"tu dois\"", "“x”"]);
        // Inches are not a quotation mark: the quotation is the one after.
        let t = "Un écran 27\" suffit. Il faut un second écran pour \"coder\".";
        let q: Vec<&str> = quotations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["\"coder\""]);
        let t = "Un 27\" et un 24\", \"il faut\" dit-il, (\"tu dois\")";
        let q: Vec<&str> = quotations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["\"il faut\"", "\"tu dois\""]);
        // `<<` and `>>`, Hugo's typographer's guillemets.
        let t = "Il dit <<tu dois partir>> puis << il faut >>, mais 1 << 3.";
        let q: Vec<&str> = quotations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["<<tu dois partir>>", "<< il faut >>"]);
    }

    /// Emoji and pictographs around a title are decoration; the text is
    /// what is left, and a title of nothing else is all text.
    #[test]
    fn decoration_around_a_title() {
        assert_eq!(
            undecorated("🌱 Dédramatisation"),
            ("🌱 ", "Dédramatisation", "")
        );
        assert_eq!(
            undecorated("Repères clairs ✅"),
            ("", "Repères clairs", " ✅")
        );
        // Sequences: a variation selector, a skin tone, a family joined by
        // U+200D, a flag, a keycap.
        assert_eq!(
            undecorated("⚠️ 👩🏽‍💻 Le réel 🇫🇷 1️⃣"),
            ("⚠️ 👩🏽‍💻 ", "Le réel", " 🇫🇷 1️⃣")
        );
        assert_eq!(undecorated("2️⃣Erreurs"), ("2️⃣", "Erreurs", ""));
        // Inside the title, and letters, digits and punctuation, stay.
        assert_eq!(
            undecorated("Le réel 🔥 (sans filtre)"),
            ("", "Le réel 🔥 (sans filtre)", "")
        );
        assert_eq!(undecorated("2024 : bilan"), ("", "2024 : bilan", ""));
        assert_eq!(undecorated("« Non » !"), ("", "« Non » !", ""));
        assert_eq!(undecorated("🚀🚀"), ("", "🚀🚀", ""));
        // Section numbers before the title.
        for (title, before) in [
            ("1. Dédramatisation", "1. "),
            ("2) Dédramatisation", "2) "),
            ("03 - Dédramatisation", "03 - "),
            ("4 – Dédramatisation", "4 – "),
            ("5 —\u{a0}Dédramatisation", "5 —\u{a0}"),
            ("🌱 6. Dédramatisation", "🌱 6. "),
            ("7. 🌱 Dédramatisation", "7. 🌱 "),
        ] {
            assert_eq!(
                undecorated(title),
                (before, "Dédramatisation", ""),
                "{title}"
            );
        }
        // A number that is part of the title, or alone, stays.
        for title in [
            "3 erreurs à éviter",
            "1.5 an après",
            "2024. Bilan",
            "2024 - Bilan",
            "1-2 ans",
            "1.",
            "12)",
            "10 –",
        ] {
            assert_eq!(undecorated(title), ("", title, ""), "{title}");
        }
        assert_eq!(
            fold_title("6. Pour aller plus loin"),
            "pour aller plus loin"
        );
        assert_eq!(undecorated(""), ("", "", ""));
        assert_eq!(
            fold_title("📚 Pour aller plus loin"),
            "pour aller plus loin"
        );
    }

    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

    fn reference(text: &str) -> String {
        text.nfd().filter(|c| !is_combining_mark(*c)).collect()
    }

    fn fast(text: &str) -> String {
        let mut out = String::new();
        without_marks(text, |c| out.push(c));
        out
    }

    /// What makes decomposing one character at a time enough: NFD moves
    /// only characters with a combining class, and all of them are marks.
    #[test]
    fn only_marks_have_a_combining_class() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c), "{c:?} moves but is kept");
            }
        }
    }

    #[test]
    fn accents_are_removed_as_nfd_would() {
        for text in [
            "Dédramatisation",
            "Ce qu’il faut retenir : ÉTÉ, cœur, naïve",
            "e\u{301}\u{327}a\u{327}\u{301} \u{1e09} \u{212b} 한국어 \u{2000}x",
        ] {
            assert_eq!(fast(text), reference(text), "{text}");
        }
        assert_eq!(
            fold_title("  Ce qu’il  faut RETENIR : "),
            "ce qu'il faut retenir"
        );
    }

    proptest::proptest! {
        #[test]
        fn accents_are_removed_as_nfd_would_on_any_text(text in "\\PC{0,24}([éèÉœ\u{301}\u{327}\u{1e09}\u{212b}한\u{2000}ᄀ\u{1161}]{0,4}[a-z ]{0,6}){0,4}") {
            proptest::prop_assert_eq!(fast(&text), reference(&text));
        }
    }
}
