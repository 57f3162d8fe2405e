//! Regexes that cost nothing until a text could match them.
//!
//! Compiling a regex is most of what checking one article costs (a Unicode
//! class such as `\p{L}` is hundreds of ranges), and most of a rule pack's
//! regexes match nothing in most files. So a [`Pattern`] is parsed when the
//! pack is loaded (syntax errors are pack errors) and compiled the first
//! time a text could match it:
//!
//! - **required literals**: the strings one of which every match contains
//!   (`faut` for `\bil\s+faut\b`), searched with a literal matcher. A text
//!   without any of them is not searched further.
//! - **quick superset**: a Unicode word boundary (`\b`, which rule packs use
//!   for French words) keeps a regex off the regex crate's fast automaton.
//!   The same regex without its word boundaries matches wherever the regex
//!   does (and more) and runs on the fast automaton; the regex itself is
//!   only run where it matched.
//! - **ASCII form**: an ASCII text is searched with the regex's classes
//!   limited to ASCII and its word boundaries ASCII ones (the same matches
//!   there, a fraction of the states).
//! - **narrowed regexes**: the first few other texts are searched with the
//!   regex's classes limited to the characters of each text; the whole
//!   regex is compiled only for a run that searches more.
//!
//! [`PatternSet`] prefilters many patterns in one pass, and
//! [`CaptureRegex`] is the same idea for regexes whose groups are read.
//!
//! A regex too big for its size limit is still refused when the pack is
//! loaded: each pattern's compiled size is bounded from its syntax tree,
//! and a pattern whose bound exceeds the limit is compiled at once.
//!
//! The patterns of the embedded packs are not even parsed when they load:
//! what their load asks of them was found ahead ([`known`]).

mod known;

use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_automata::meta;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_syntax::hir::{Capture, Class, Hir, HirKind, Look, Repetition};

/// A regex (leftmost-first, as the regex crate's), compiled on first need.
#[derive(Debug)]
pub struct Pattern {
    source: String,
    case_insensitive: bool,
    /// The regex's syntax tree: made when the pattern is, or on first need
    /// for a pattern that is known to parse (see [`Pattern::deferred`] and
    /// [`known`]).
    parsed: OnceLock<Hir>,
    /// What the pattern's syntax tree says of it: made with the tree, or
    /// read from [`known`] for a pattern of the embedded packs.
    facts: OnceLock<Facts>,
    /// The same without word boundaries, when it had some (made on first
    /// need, as `ascii_hir`).
    bare: OnceLock<Option<Hir>>,
    size_limit: usize,
    /// Texts searched are short (front-matter values): no lazy DFA.
    short: bool,
    prefilter: OnceLock<Option<AhoCorasick>>,
    quick: OnceLock<Option<meta::Regex>>,
    regex: OnceLock<Option<meta::Regex>>,
    /// The regex as it reads ASCII texts (its classes without their other
    /// characters, its word boundaries ASCII ones), when that is smaller.
    ascii_hir: OnceLock<Option<Hir>>,
    ascii: OnceLock<Option<meta::Regex>>,
    /// Texts searched so far with a narrowed regex.
    searched: AtomicUsize,
}

/// What a pattern's syntax tree says of it, which a pack's load asks.
#[derive(Debug)]
struct Facts {
    /// The literals one of which every match contains, when there are
    /// useful ones.
    required: Option<Vec<Vec<u8>>>,
    /// The bound of its compiled size (see [`size_bound`]).
    bound: usize,
    /// Whether a match can be empty (its shortest has no character).
    empty: bool,
}

impl Facts {
    fn of(hir: &Hir) -> Facts {
        Facts {
            required: required_literals(hir),
            bound: size_bound(hir),
            empty: hir.properties().minimum_len() == Some(0),
        }
    }

    /// Whether the whole regex is large enough to be worth narrowing to
    /// the characters of a text (see [`NARROWED_TEXTS`]).
    fn wide(&self) -> bool {
        self.bound > WIDE
    }
}

/// The longest pattern [`Pattern::deferred`] leaves unparsed: one this
/// short compiles within [`DEFERRED_LIMIT`] (a test checks the worst
/// cases), so nothing is left to refuse when it loads.
pub const DEFERRED_BYTES: usize = 2 << 10;

/// The smallest size limit under which [`Pattern::deferred`] leaves a
/// pattern unparsed.
const DEFERRED_LIMIT: usize = 1 << 22;

/// How many non-ASCII texts a pattern searches with a regex narrowed to the
/// characters of each text, before it compiles its whole regex. Compiling a
/// Unicode class (`\p{Ll}`, `\w`, or any class of a case-insensitive
/// regex) whole takes hundreds of states; narrowed to the few characters of
/// one front-matter value or paragraph, it takes a few. A run over one
/// article (what a pre-commit hook pays) then compiles no regex whole, and a
/// run over many pays for the whole regex once.
const NARROWED_TEXTS: usize = 4;

/// The longest text searched with a narrowed regex: the narrowing reads it.
const NARROWED_TEXT_BYTES: usize = 1 << 16;

/// The size bound (see [`size_bound`]) from which a regex is narrowed: a
/// Unicode class (`\p{Ll}` bounds at megabytes) or the letters of a
/// case-insensitive phrase (`\bil\s+faut\b`, 20 KB); an ASCII pattern
/// such as a slug's (2 KB) is compiled whole at once.
const WIDE: usize = 16 << 10;

impl Pattern {
    /// A regex searched in prose (size limit in bytes of the compiled
    /// program). The errors are the regex crate's, with its messages.
    pub fn new(
        pattern: &str,
        case_insensitive: bool,
        size_limit: usize,
    ) -> Result<Pattern, regex::Error> {
        Pattern::build(pattern, case_insensitive, size_limit, false)
    }

    /// A regex matched against short texts, such as front-matter values: it
    /// compiles to less and searches them as fast.
    pub fn for_short_texts(
        pattern: &str,
        case_insensitive: bool,
        size_limit: usize,
    ) -> Result<Pattern, regex::Error> {
        Pattern::build(pattern, case_insensitive, size_limit, true)
    }

    /// A regex searched in prose that is known to parse (it is made of
    /// escaped words), parsed on first need rather than now. A rule pack is
    /// loaded by every call of a pre-commit hook, and a phrase's exceptions
    /// are only read where the phrase matches: parsing them (a
    /// case-insensitive parse costs about a microsecond per character) was
    /// a large part of checking one article. A pattern longer than
    /// [`DEFERRED_BYTES`] is parsed now, so that one too big is refused
    /// when its pack loads, and one that does not parse is an error now.
    pub fn deferred(
        pattern: &str,
        case_insensitive: bool,
        size_limit: usize,
    ) -> Result<Pattern, regex::Error> {
        if pattern.len() > DEFERRED_BYTES || size_limit < DEFERRED_LIMIT {
            return Pattern::new(pattern, case_insensitive, size_limit);
        }
        Ok(Pattern::with(pattern, case_insensitive, size_limit, false))
    }

    /// A pattern not parsed yet.
    fn with(pattern: &str, case_insensitive: bool, size_limit: usize, short: bool) -> Pattern {
        Pattern {
            source: pattern.to_string(),
            case_insensitive,
            parsed: OnceLock::new(),
            facts: OnceLock::new(),
            ascii_hir: OnceLock::new(),
            ascii: OnceLock::new(),
            bare: OnceLock::new(),
            size_limit,
            short,
            prefilter: OnceLock::new(),
            quick: OnceLock::new(),
            regex: OnceLock::new(),
            searched: AtomicUsize::new(0),
        }
    }

    fn parser(case_insensitive: bool) -> regex_syntax::Parser {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
    }

    /// The pattern parsed. A deferred pattern that does not parse (it was
    /// made of escaped words, or it is a known one, so it does) would match
    /// nothing.
    fn hir(&self) -> &Hir {
        self.parsed.get_or_init(|| {
            Pattern::parser(self.case_insensitive)
                .parse(&self.source)
                .unwrap_or_else(|_| Hir::fail())
        })
    }

    fn facts(&self) -> &Facts {
        self.facts.get_or_init(|| Facts::of(self.hir()))
    }

    fn build(
        pattern: &str,
        case_insensitive: bool,
        size_limit: usize,
        short: bool,
    ) -> Result<Pattern, regex::Error> {
        let error = || {
            RegexBuilder::new(pattern)
                .case_insensitive(case_insensitive)
                .size_limit(size_limit)
                .build()
                .err()
                .unwrap_or_else(|| regex::Error::Syntax(format!("cannot compile `{pattern}`")))
        };
        #[cfg(test)]
        known::record(pattern, case_insensitive);
        let pattern_ = Pattern::with(pattern, case_insensitive, size_limit, short);
        // A pattern of the embedded packs is parsed on first need: what a
        // pack's load asks of it was found when the packs were written.
        if let Some(facts) = known::facts(pattern, case_insensitive)
            && facts.bound.saturating_add(NFA_OVERHEAD) <= size_limit
        {
            let _ = pattern_.facts.set(facts);
            return Ok(pattern_);
        }
        let hir = Pattern::parser(case_insensitive)
            .parse(pattern)
            .map_err(|_| error())?;
        let facts = Facts::of(&hir);
        let bound = facts.bound;
        let _ = pattern_.parsed.set(hir);
        let _ = pattern_.facts.set(facts);
        if bound.saturating_add(NFA_OVERHEAD) > size_limit {
            // It may not fit: compiled now, so that the pack is refused
            // when it is loaded rather than a rule failing while it checks.
            let regex = pattern_.compile(pattern_.hir()).ok_or_else(error)?;
            let _ = pattern_.regex.set(Some(regex));
            if let Some(bare) = pattern_.bare() {
                let _ = pattern_.quick.set(pattern_.compile(bare));
            }
        }
        Ok(pattern_)
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The regex for a syntax tree, without captures (only where it matches
    /// is asked). No full DFA is built ahead: that is what costs most when a
    /// run starts, and the lazy DFA searches as fast. No prefilter of its
    /// literals either (the regex crate's Teddy, say): a text is searched
    /// only once the pattern's required literals were found in it (see
    /// [`Pattern::may_match`] and [`PatternSet`]), and a text is a block or
    /// a field, a few hundred bytes, so building one cost more than it
    /// saved, over one article as over 2,000 (measured).
    fn compile(&self, hir: &Hir) -> Option<meta::Regex> {
        self.compile_for(hir, !self.short)
    }

    /// With `lazy_dfa` false, the regex searches with its NFA alone: less
    /// to build, for a regex that searches one short text.
    fn compile_for(&self, hir: &Hir, lazy_dfa: bool) -> Option<meta::Regex> {
        meta::Regex::builder()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(self.size_limit))
                    .which_captures(WhichCaptures::Implicit)
                    .dfa(false)
                    // Only where it matches is asked: no one-pass DFA,
                    // which is built for reporting groups.
                    .onepass(false)
                    .hybrid(lazy_dfa)
                    .auto_prefilter(false),
            )
            .build_from_hir(hir)
            .ok()
    }

    fn bare(&self) -> Option<&Hir> {
        self.bare
            .get_or_init(|| {
                let mut stripped = false;
                let bare = strip(self.hir().clone(), &mut stripped);
                stripped.then_some(bare)
            })
            .as_ref()
    }

    fn ascii_hir(&self) -> Option<&Hir> {
        self.ascii_hir
            .get_or_init(|| ascii_form(self.hir()))
            .as_ref()
    }

    /// `f` of the regex to search `text` with: the ASCII form for an ASCII
    /// text, the whole regex once compiled, else (for the first
    /// [`NARROWED_TEXTS`] texts) the regex narrowed to the characters of
    /// `text`, which finds the same matches in it.
    fn search<R>(&self, text: &str, f: impl FnOnce(&meta::Regex) -> R) -> Option<R> {
        if text.is_ascii()
            && let Some(hir) = self.ascii_hir()
        {
            return self.ascii.get_or_init(|| self.compile(hir)).as_ref().map(f);
        }
        if self.narrowing() && self.narrows(text) {
            let mut narrowed = false;
            let hir = restrict(
                self.hir().clone(),
                &characters_of(text),
                false,
                &mut narrowed,
            );
            if let Some(r) = self.compile_for(&hir, false) {
                return Some(f(&r));
            }
        }
        self.regex().map(f)
    }

    /// Whether texts are still searched with narrowed regexes.
    fn narrowing(&self) -> bool {
        self.facts().wide()
            && self.regex.get().is_none()
            && self.searched.load(Ordering::Relaxed) < NARROWED_TEXTS
    }

    /// Whether `text` is searched with a narrowed regex (it counts as one
    /// of the texts that are).
    fn narrows(&self, text: &str) -> bool {
        text.len() <= NARROWED_TEXT_BYTES
            && self.searched.fetch_add(1, Ordering::Relaxed) < NARROWED_TEXTS
    }

    fn regex(&self) -> Option<&meta::Regex> {
        self.regex
            .get_or_init(|| self.compile(self.hir()))
            .as_ref()
            // Should the regex not compile (its size was bounded, so it
            // does), its superset stands in for it.
            .or_else(|| self.quick())
    }

    fn quick(&self) -> Option<&meta::Regex> {
        let bare = self.bare()?;
        self.quick.get_or_init(|| self.compile(bare)).as_ref()
    }

    /// False when the regex surely has no match in `text`.
    pub fn may_match(&self, text: &str) -> bool {
        let prefilter = self.prefilter.get_or_init(|| {
            let required = self.facts().required.as_ref()?;
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(required)
                .ok()
        });
        if prefilter.as_ref().is_some_and(|pre| !pre.is_match(text)) {
            return false;
        }
        self.passes_quick(text)
    }

    /// `may_match` after the required literals were found (by a
    /// [`PatternSet`]).
    fn passes_quick(&self, text: &str) -> bool {
        // An ASCII text is searched with the ASCII regex, as fast; before
        // the whole regex is compiled, a narrowed one may search the text
        // (it is as fast as the superset would be).
        (text.is_ascii() && self.ascii_hir().is_some())
            || self.narrowing()
            || self.quick().is_none_or(|q| q.is_match(text))
    }

    /// Whether a match can be empty (its shortest has no character).
    pub fn can_match_empty(&self) -> bool {
        self.facts().empty
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.may_match(text) && self.search(text, |r| r.is_match(text)).unwrap_or(false)
    }

    /// Where the regex matches in `text`, left to right, without overlaps.
    pub fn find_iter(&self, text: &str) -> std::vec::IntoIter<Range<usize>> {
        let found = if self.may_match(text) {
            self.matches_in(text)
        } else {
            Vec::new()
        };
        found.into_iter()
    }

    /// Where the regex matches in `text` (after the prefilters).
    fn matches_in(&self, text: &str) -> Vec<Range<usize>> {
        self.search(text, |r| r.find_iter(text).map(|m| m.range()).collect())
            .unwrap_or_default()
    }
}

/// Many patterns searched in one pass: the required literals of them all
/// in one automaton tell which patterns a text may hold, and only those
/// are searched further. A rule with twenty phrases reads each text once,
/// not twenty times, and compiles only the regexes of phrases whose
/// literals occur.
///
/// Literals are matched ignoring ASCII case, and every literal that occurs
/// counts, even inside or across another (which needs an overlapping
/// search, which steps through every byte). So the literals and the text
/// are lowercased in ASCII (the same matches at the same offsets: only ASCII
/// letters change, byte for byte), a leftmost-first search, which skips the
/// text between matches with a SIMD prefilter, finds where the next literal
/// starts, and an overlapping search reads only the few bytes around it:
/// every literal that starts before the end of the one found overlaps it.
#[derive(Debug)]
pub struct PatternSet {
    patterns: Vec<Pattern>,
    /// The required literals of every pattern that has some, lowercased in
    /// ASCII: (leftmost-first automaton, overlapping automaton).
    literals: Option<(AhoCorasick, AhoCorasick)>,
    /// The longest of those literals, in bytes.
    longest: usize,
    /// The pattern each literal of the automaton belongs to.
    owner: Vec<usize>,
    /// The patterns without required literals: always searched.
    always: Vec<usize>,
}

impl PatternSet {
    pub fn new(patterns: Vec<Pattern>) -> PatternSet {
        let mut owner = Vec::new();
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut always = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            match &p.facts().required {
                Some(set) if set.iter().all(|l| !l.is_empty()) => {
                    for lit in set {
                        owner.push(i);
                        literals.push(lit);
                    }
                }
                _ => always.push(i),
            }
        }
        let lowered: Vec<Vec<u8>> = literals.iter().map(|l| l.to_ascii_lowercase()).collect();
        let longest = lowered.iter().map(Vec::len).max().unwrap_or(0);
        // NFAs: quicker to build than DFAs (start-up is most of what
        // checking one article costs), and no slower here, where the
        // prefilter skips most of the text and the overlapping search reads
        // a few bytes per match (measured).
        let build = |match_kind| {
            AhoCorasick::builder()
                .match_kind(match_kind)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&lowered)
                .ok()
        };
        let literals = if lowered.is_empty() {
            None
        } else {
            build(MatchKind::LeftmostFirst).zip(build(MatchKind::Standard))
        };
        if literals.is_none() {
            // No automaton (none has literals, or it could not be built):
            // every pattern is searched.
            always = (0..patterns.len()).collect();
        }
        PatternSet {
            patterns,
            literals,
            longest,
            owner,
            always,
        }
    }

    /// The patterns that may match `text`, in order, each once.
    pub fn candidates(&self, text: &str) -> Vec<usize> {
        let mut out = self.always.clone();
        if self.literals.is_some() {
            LOWERED.with_borrow_mut(|lowered| {
                lowered.clear();
                lowered.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
                if !self.literals_in(lowered, &mut out) {
                    // The automata could not search: every pattern is.
                    out.extend(0..self.patterns.len());
                }
                // A buffer grown by a huge text is not kept.
                if lowered.capacity() > LOWERED_KEPT {
                    *lowered = Vec::new();
                }
            });
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&i| self.patterns.get(i).is_some_and(|p| p.passes_quick(text)));
        out
    }

    /// Appends the owners of every literal in `text` (lowercased in ASCII);
    /// false if an automaton could not search.
    fn literals_in(&self, text: &[u8], out: &mut Vec<usize>) -> bool {
        let Some((first, every)) = &self.literals else {
            return true;
        };
        let mut pos = 0;
        while pos < text.len() {
            let found = match first.try_find(aho_corasick::Input::new(text).range(pos..)) {
                Ok(found) => found,
                Err(_) => return false,
            };
            let Some(m) = found else { break };
            // No literal starts in pos..m.start(); those that start in
            // m.start()..m.end() end before `window`.
            let window = (m.end() + self.longest - 1).min(text.len());
            let Some(around) = text.get(m.start()..window) else {
                return false;
            };
            match every.try_find_overlapping_iter(around) {
                Ok(all) => {
                    out.extend(all.filter_map(|o| self.owner.get(o.pattern().as_usize()).copied()))
                }
                Err(_) => return false,
            }
            // Literals are not empty: this moves on.
            pos = m.end();
        }
        true
    }

    /// Where pattern `i` matches in `text`, left to right, without
    /// overlaps, for a pattern that [`candidates`](Self::candidates) gave.
    pub fn find_iter(&self, i: usize, text: &str) -> std::vec::IntoIter<Range<usize>> {
        self.patterns
            .get(i)
            .map(|p| p.matches_in(text))
            .unwrap_or_default()
            .into_iter()
    }
}

thread_local! {
    /// The text [`PatternSet::candidates`] searches, lowercased in ASCII:
    /// one buffer per thread, reused from text to text.
    static LOWERED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The largest [`LOWERED`] buffer kept between texts.
const LOWERED_KEPT: usize = 1 << 20;

/// A regex whose groups are asked for, compiled on first use, and for ASCII
/// texts in its ASCII form (see [`Pattern`]): a Unicode class compiles to
/// hundreds of states, its ASCII part to a few. The texts it reads are
/// short (a file name, a line, an HTML tag): no DFA is built ahead.
#[derive(Debug)]
pub struct CaptureRegex {
    hir: Hir,
    /// The ASCII form, when it differs (made on first need).
    ascii_hir: OnceLock<Option<Hir>>,
    regex: OnceLock<Option<meta::Regex>>,
    ascii: OnceLock<Option<meta::Regex>>,
}

/// The groups of one match of a [`CaptureRegex`].
pub struct Groups<'t> {
    caps: regex_automata::util::captures::Captures,
    text: &'t str,
}

impl<'t> Groups<'t> {
    /// Where the whole match is.
    pub fn whole(&self) -> Option<Range<usize>> {
        self.caps.get_match().map(|m| m.range())
    }

    /// Where the group `name` is, if it took part in the match.
    pub fn range(&self, name: &str) -> Option<Range<usize>> {
        self.caps.get_group_by_name(name).map(|span| span.range())
    }

    /// The text of the group `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<&'t str> {
        self.caps
            .get_group_by_name(name)
            .and_then(|span| self.text.get(span.range()))
    }
}

impl CaptureRegex {
    /// Checks `pattern` now, compiles it when first used. The errors are the
    /// regex crate's.
    pub fn new(pattern: &str) -> Result<CaptureRegex, regex::Error> {
        let error = || Regex::new(pattern).err();
        let hir = regex_syntax::Parser::new().parse(pattern).map_err(|_| {
            error().unwrap_or_else(|| regex::Error::Syntax(format!("cannot compile `{pattern}`")))
        })?;
        let re = CaptureRegex {
            hir,
            ascii_hir: OnceLock::new(),
            regex: OnceLock::new(),
            ascii: OnceLock::new(),
        };
        if size_bound(&re.hir).saturating_add(NFA_OVERHEAD) > REGEX_SIZE_LIMIT {
            // It may not fit: compiled now, so that an error is given now.
            let regex = compile_captures(&re.hir)
                .ok_or_else(|| error().unwrap_or(regex::Error::CompiledTooBig(REGEX_SIZE_LIMIT)))?;
            let _ = re.regex.set(Some(regex));
        }
        Ok(re)
    }

    /// The regex to search `text` with: the ASCII form when `text` is ASCII
    /// (it finds the same matches there).
    fn for_text(&self, text: &str) -> Option<&meta::Regex> {
        if text.is_ascii()
            && let Some(hir) = self.ascii_hir.get_or_init(|| ascii_form(&self.hir))
            && let Some(r) = self.ascii.get_or_init(|| compile_captures(hir)).as_ref()
        {
            return Some(r);
        }
        // Checked when made, and within the size limit by its bound.
        self.regex
            .get_or_init(|| compile_captures(&self.hir))
            .as_ref()
    }

    /// The groups of the first match in `text`.
    pub fn captures<'t>(&self, text: &'t str) -> Option<Groups<'t>> {
        let re = self.for_text(text)?;
        let mut caps = re.create_captures();
        re.captures(text, &mut caps);
        caps.is_match().then_some(Groups { caps, text })
    }

    /// A searcher of `text` from any place, for a reader that skips parts
    /// of it (the content of a `<script>`).
    pub fn searcher<'r, 't>(&'r self, text: &'t str) -> Option<Searcher<'r, 't>> {
        Some(Searcher {
            re: self.for_text(text)?,
            text,
        })
    }

    /// The groups of every match in `text`, left to right.
    pub fn captures_iter<'r, 't>(
        &'r self,
        text: &'t str,
    ) -> impl Iterator<Item = Groups<'t>> + use<'r, 't> {
        self.for_text(text).into_iter().flat_map(move |re| {
            re.captures_iter(text)
                .map(move |caps| Groups { caps, text })
        })
    }
}

/// Searches one text with a [`CaptureRegex`], from where the caller says.
pub struct Searcher<'r, 't> {
    re: &'r meta::Regex,
    text: &'t str,
}

impl<'t> Searcher<'_, 't> {
    /// The groups of the first match that starts at or after byte `start`
    /// (none past the end of the text).
    pub fn find_at(&self, start: usize) -> Option<Groups<'t>> {
        if start > self.text.len() {
            return None;
        }
        let mut caps = self.re.create_captures();
        self.re.captures(
            regex_automata::Input::new(self.text).range(start..),
            &mut caps,
        );
        caps.is_match().then_some(Groups {
            caps,
            text: self.text,
        })
    }
}

/// A regex reporting its groups, within the regex crate's default size
/// limit, without a full or one-pass DFA (they cost more to build than the
/// short texts it reads take to search).
fn compile_captures(hir: &Hir) -> Option<meta::Regex> {
    meta::Regex::builder()
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .dfa(false)
                .onepass(false),
        )
        .build_from_hir(hir)
        .ok()
}

/// The regex crate's default size limit.
const REGEX_SIZE_LIMIT: usize = 10 << 20;

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

/// [`ascii_only`], when it differs from `hir`.
fn ascii_form(hir: &Hir) -> Option<Hir> {
    let mut narrowed = false;
    let ascii = ascii_only(hir.clone(), &mut narrowed);
    narrowed.then_some(ascii)
}

/// The characters of `text`, as a class.
fn characters_of(text: &str) -> regex_syntax::hir::ClassUnicode {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    ClassUnicode::new(chars.into_iter().map(|c| ClassUnicodeRange::new(c, c)))
}

/// `hir` as it matches in ASCII texts: each Unicode class without its
/// other characters (none left: a class that never matches), each Unicode
/// word boundary an ASCII one (the same, between ASCII characters). It
/// compiles to far less: `\p{L}` is hundreds of ranges, `[A-Za-z]` two.
fn ascii_only(hir: Hir, narrowed: &mut bool) -> Hir {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7F')]);
    restrict(hir, &ascii, true, narrowed)
}

/// `hir` as it matches in texts whose characters are all in `keep`: each
/// Unicode class intersected with `keep` (it then matches the same
/// characters of such a text), and with `ascii_looks` (for an ASCII `keep`)
/// each Unicode word boundary an ASCII one. `narrowed` tells whether
/// anything changed.
fn restrict(
    hir: Hir,
    keep: &regex_syntax::hir::ClassUnicode,
    ascii_looks: bool,
    narrowed: &mut bool,
) -> Hir {
    let look = |look: Look| match look {
        _ if !ascii_looks => look,
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    };
    let mut sub = |h: Hir| restrict(h, keep, ascii_looks, narrowed);
    match hir.into_kind() {
        HirKind::Look(l) => {
            let l2 = look(l);
            *narrowed |= l2 != l;
            Hir::look(l2)
        }
        HirKind::Class(Class::Unicode(mut class)) => {
            let before = class.clone();
            class.intersect(keep);
            *narrowed |= class != before;
            Hir::class(Class::Unicode(class))
        }
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(lit) => Hir::literal(lit.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(sub(*rep.sub)),
            ..rep
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(sub(*cap.sub)),
            ..cap
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(sub).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(sub).collect()),
    }
}

/// Literals one of which every match of `hir` contains, when they are
/// worth searching for first (see [`score`]). They are searched for with
/// ASCII letters in either case: that finds them in every text the regex,
/// case-insensitive or not, could match.
fn required_literals(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    required(hir).filter(|set| score(set).is_some())
}

/// How good a set of required literals is to search for (higher is
/// better), or None when it is no use: its shortest literal (3 bytes at
/// least; beyond 5, a literal is rare enough), then fewer literals.
fn score(set: &[Vec<u8>]) -> Option<(usize, std::cmp::Reverse<usize>)> {
    let min = set.iter().map(Vec::len).min()?;
    (min >= 3 && set.len() <= 64).then_some((min.min(5), std::cmp::Reverse(set.len())))
}

/// The best set of literals one of which every match of `hir` contains:
/// a run of single characters in a concatenation, the best set of one of
/// its parts, or the sets of every branch of an alternation together.
fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(vec![lit.0.to_vec()]),
        HirKind::Capture(cap) => required(&cap.sub),
        HirKind::Repetition(rep) if rep.min > 0 => required(&rep.sub),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for sub in subs {
                all.extend(required(sub)?);
            }
            Some(all)
        }
        HirKind::Concat(subs) => {
            let mut best: Option<Vec<Vec<u8>>> = None;
            let mut consider = |set: Vec<Vec<u8>>| {
                if score(&set).is_some() && score(&set) > best.as_deref().and_then(score) {
                    best = Some(set);
                }
            };
            let mut run = Vec::new();
            for sub in subs {
                match one_char(sub) {
                    Some(bytes) => run.extend_from_slice(&bytes),
                    None => {
                        consider(vec![std::mem::take(&mut run)]);
                        if let Some(set) = required(sub) {
                            consider(set);
                        }
                    }
                }
            }
            consider(vec![run]);
            best
        }
        _ => None,
    }
}

/// The bytes `hir` matches when it is one literal, one character, or an
/// ASCII letter in either case (as a case-insensitive regex writes it;
/// given lowercase). Not `k` and `s`, whose other cases are not ASCII (K,
/// ſ): a case-insensitive search in ASCII would miss them.
fn one_char(hir: &Hir) -> Option<Vec<u8>> {
    match hir.kind() {
        HirKind::Literal(lit) => Some(lit.0.to_vec()),
        HirKind::Class(Class::Unicode(class)) => match class.ranges() {
            [one] if one.start() == one.end() => Some(one.start().to_string().into_bytes()),
            [upper, lower]
                if upper.start() == upper.end()
                    && lower.start() == lower.end()
                    && upper.start().is_ascii_uppercase()
                    && upper.start().to_ascii_lowercase() == lower.start()
                    && !matches!(lower.start(), 'k' | 's') =>
            {
                Some(vec![lower.start() as u8])
            }
            _ => None,
        },
        HirKind::Class(Class::Bytes(class)) => match class.ranges() {
            [one] if one.start() == one.end() => Some(vec![one.start()]),
            _ => None,
        },
        _ => None,
    }
}

/// At most how many states the UTF-8 sequences of the characters from
/// `start` to `end` take: the range is cut where the encoded length changes
/// (and around the surrogates); a part of `n`-byte characters is at most
/// `2n - 1` sequences of `n` bytes, each a state per byte and one to join
/// them. (Counted, not enumerated: a class such as `\p{L}` has hundreds of
/// ranges.)
fn utf8_states(start: char, end: char) -> usize {
    const PARTS: [(u32, u32, usize); 5] = [
        (0, 0x7F, 1),
        (0x80, 0x7FF, 2),
        (0x800, 0xD7FF, 3),
        (0xE000, 0xFFFF, 3),
        (0x1_0000, 0x10_FFFF, 4),
    ];
    let (start, end) = (start as u32, end as u32);
    PARTS
        .iter()
        .filter(|(lo, hi, _)| start <= *hi && *lo <= end)
        .map(|(_, _, n)| (2 * n - 1) * (n + 1))
        .sum()
}

/// Bytes a compiled state may take, in the worst case.
const STATE: usize = 64;

/// Bytes a compiled regex takes besides its states, at most.
const NFA_OVERHEAD: usize = 4096;

/// An upper bound of the compiled size of `hir` (forward or reverse), as
/// the size limit counts it: one state per byte of each UTF-8 sequence of a
/// class (the compiler shares suffixes, this counts none), one per literal
/// byte, a copy of the repeated part per repetition.
fn size_bound(hir: &Hir) -> usize {
    let sum = |subs: &[Hir]| {
        subs.iter()
            .map(size_bound)
            .fold(0usize, usize::saturating_add)
    };
    let states = match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(lit) => lit.0.len() + 1,
        HirKind::Class(Class::Bytes(class)) => class.ranges().len() + 1,
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| utf8_states(r.start(), r.end()))
            .fold(1usize, usize::saturating_add),
        HirKind::Repetition(rep) => {
            let copies = rep.max.unwrap_or(rep.min.saturating_add(1)).max(1) as usize;
            return size_bound(&rep.sub)
                .saturating_add(2 * STATE)
                .saturating_mul(copies);
        }
        HirKind::Capture(cap) => return size_bound(&cap.sub).saturating_add(2 * STATE),
        HirKind::Concat(subs) => return sum(subs).saturating_add(STATE),
        HirKind::Alternation(subs) => {
            return sum(subs).saturating_add(STATE.saturating_mul(subs.len() + 1));
        }
    };
    STATE.saturating_mul(states)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(p: &Pattern, text: &str) -> Vec<String> {
        p.find_iter(text).map(|r| text[r].to_string()).collect()
    }

    /// What the regex crate finds of `pattern` in `text`: the reference.
    fn expected(pattern: &str, case_insensitive: bool, text: &str) -> Vec<String> {
        regex::RegexBuilder::new(pattern)
            .case_insensitive(case_insensitive)
            .build()
            .unwrap()
            .find_iter(text)
            .map(|m| m.as_str().to_string())
            .collect()
    }

    fn parse(pattern: &str, case_insensitive: bool) -> Hir {
        regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .unwrap()
    }

    fn required_strings(pattern: &str, case_insensitive: bool) -> Option<Vec<String>> {
        let lits = required_literals(&parse(pattern, case_insensitive))?;
        Some(
            lits.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect(),
        )
    }

    #[test]
    fn same_matches_as_the_regex() {
        let p = Pattern::new(r"\bil\s+faut\b|\bétapes\b", true, 1 << 22).unwrap();
        assert!(p.bare().is_some());
        for text in [
            "Il faut partir. Défaut : il faut.",
            "En cinq étapes, pas en quatre-étapes.",
            "défaut, il fautrien, étapesque",
            "IL FAUT ÉTAPES",
            "",
        ] {
            let direct = expected(r"\bil\s+faut\b|\bétapes\b", true, text);
            assert_eq!(matches(&p, text), direct, "{text}");
            assert_eq!(p.is_match(text), !direct.is_empty(), "{text}");
        }
        assert!(!p.may_match("rien à voir"));
    }

    #[test]
    fn nothing_is_compiled_until_a_text_has_a_required_literal() {
        let p = Pattern::new(r"\ben\s+\d+\s+(?:\p{L}+\s+)?étapes\b", true, 1 << 22).unwrap();
        assert!(!p.is_match("Un texte sans le mot."));
        assert!(p.regex.get().is_none() && p.quick.get().is_none());
        assert!(p.is_match("Réussir en 5 grandes ÉTAPES."));
        // The first texts are searched with the regex narrowed to their
        // characters; the whole regex is compiled after them.
        assert!(p.regex.get().is_none());
        for _ in 0..NARROWED_TEXTS {
            assert!(p.is_match("Réussir en 5 grandes ÉTAPES."));
        }
        assert!(p.regex.get().is_some());
    }

    /// Narrowed or whole, a pattern finds what the regex crate finds, in
    /// texts of other characters than the ones it was narrowed to before.
    #[test]
    fn narrowed_regexes_find_what_the_whole_regex_finds() {
        let patterns = [
            (r"^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*$", false),
            (r"\bil\s+faut\b", true),
            (r"\w+\W+\w+", true),
            (r"[^a-zé]+", false),
            (r"(?s:.)é", true),
            (r"\bÉté\b", true),
        ];
        let texts = [
            "responsabilité",
            "Responsabilité",
            "été-2025",
            "IL FAUT, il\u{a0}faut; ilfaut",
            "un été, l’ÉTÉ, étés",
            "ŒUVRE — œuvre ∞ 東京",
            "a",
        ];
        for (pattern, ci) in patterns {
            let p = Pattern::for_short_texts(pattern, ci, 1 << 26).unwrap();
            // Each text three times over: narrowed at first, then whole.
            for text in texts.iter().chain(texts.iter()).chain(texts.iter()) {
                let direct = expected(pattern, ci, text);
                assert_eq!(matches(&p, text), direct, "{pattern} in {text:?}");
                assert_eq!(
                    p.is_match(text),
                    !direct.is_empty(),
                    "{pattern} in {text:?}"
                );
            }
        }
    }

    #[test]
    fn a_set_misses_no_pattern_that_matches() {
        let sources = [
            (r"\bil\s+faut\b", true),
            (r"faute", true),
            (r"\bfaut\w*", false),
            (r"best\s+practices?|bonnes?\s+pratiques", true),
            (r"\bpractice\b", true),
            (r"\ben\s+\d+\s+(?:(?-i:\p{L})+\s+)?étapes\b", true),
            (r"[0-9]+", false),
            (r"tape", false),
        ];
        let set = PatternSet::new(
            sources
                .iter()
                .map(|(p, ci)| Pattern::new(p, *ci, 1 << 22).unwrap())
                .collect(),
        );
        for text in [
            "Il faut une faute, faute de mieux.",
            "IL FAUT: Best Practices, bonnes pratiques.",
            "en 5 grandes étapes, en 3 ÉTAPES",
            "fautif, défaut, practice",
            "FaUt-Il? BEST-PRACTICE, TaPe, Faute",
            "fautapefautetapractices",
            "rien",
            "",
        ] {
            let candidates = set.candidates(text);
            for (i, (p, ci)) in sources.iter().enumerate() {
                let direct = expected(p, *ci, text);
                if !direct.is_empty() {
                    assert!(candidates.contains(&i), "{p} in {text:?}");
                }
                let found: Vec<String> = set
                    .find_iter(i, text)
                    .map(|r| text[r].to_string())
                    .collect();
                assert_eq!(found, direct, "{p} in {text:?}");
            }
        }
    }

    #[test]
    fn required_literals_come_from_any_part_of_the_regex() {
        // The longest required part, ASCII letters given lowercase.
        assert_eq!(required_strings(r"\bil\s+faut\b", true).unwrap(), ["faut"]);
        assert_eq!(required_strings(r"\bIl\s+Faut\b", false).unwrap(), ["Faut"]);
        // Not the first part when a later one is longer.
        assert_eq!(
            required_strings(r"\p{L}+\s+étapes", false).unwrap(),
            ["étapes"]
        );
        // Case-insensitive: no letter whose other case is not ASCII (É, ſ).
        assert_eq!(
            required_strings(r"\p{L}+\s+étapes", true).unwrap(),
            ["tape"]
        );
        // Every branch of an alternation must bring its own.
        let mut both = required_strings(r"best practice|la\s+bonne\s+solution", true).unwrap();
        both.sort();
        assert_eq!(both, ["bonne", "t practice"]);
        assert_eq!(required_strings(r"best practice|\d+", false), None);
        // Too short to be worth a search, or none at all.
        assert_eq!(required_strings(r"\bun\b", false), None);
        assert_eq!(required_strings(r"^[a-z0-9]+(-[a-z0-9]+)*$", false), None);
    }

    #[test]
    fn the_required_literals_are_in_every_match() {
        for (pattern, ci, text) in [
            (r"\bil\s+faut\b", true, "IL FAUT"),
            (r"\p{L}+\s+étapes", true, "grandes ÉTAPEſ"),
            (
                r"best\s+practices?|bonnes?\s+pratiques",
                true,
                "Bonnes Pratiques",
            ),
            (r"c['’]est\s+simple", true, "C’EST SIMPLE"),
        ] {
            let p = Pattern::new(pattern, ci, 1 << 22).unwrap();
            assert!(p.facts().required.is_some(), "{pattern}");
            assert!(p.is_match(text), "{pattern} in {text}");
        }
    }

    #[test]
    fn utf8_states_bound_the_sequences() {
        use regex_syntax::utf8::Utf8Sequences;
        let points = [
            0u32, 0x41, 0x7F, 0x80, 0x3FF, 0x7FF, 0x800, 0xFFF, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
            0x1_0000, 0x3_FFFF, 0x10_FFFF,
        ];
        for &a in &points {
            for &b in points.iter().filter(|&&b| b >= a) {
                let (a, b) = (char::from_u32(a).unwrap(), char::from_u32(b).unwrap());
                let exact: usize = Utf8Sequences::new(a, b).map(|s| s.len() + 1).sum();
                assert!(utf8_states(a, b) >= exact, "{a:?}..{b:?}");
            }
        }
    }

    #[test]
    fn the_size_bound_is_above_the_compiled_size() {
        // Each compiles within its bound: a pattern within the limit by
        // its bound never fails to compile when it is first needed.
        for (pattern, ci) in [
            (r"\p{L}+", false),
            (r"\w+\W*\w", true),
            (r"[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*", false),
            (r"\ben\s+(?:\d+|deux|trois)\s+(?:\p{L}+\s+)?étapes\b", true),
            (r".{2,5}[^\s<>«»]", true),
            (r"(?s:.)+", false),
            (r"\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s<>«»]+", true),
            (r"x{3}(?:ab|cd)*", false),
            (r"", false),
        ] {
            let hir = parse(pattern, ci);
            let limit = size_bound(&hir) + NFA_OVERHEAD;
            for short in [false, true] {
                let p = Pattern {
                    size_limit: limit,
                    short,
                    ..Pattern::new(pattern, ci, 1 << 30).unwrap()
                };
                assert!(p.compile(p.hir()).is_some(), "{pattern} within {limit}");
            }
        }
    }

    /// A pattern [`Pattern::deferred`] leaves unparsed fits its size
    /// limit, whatever letters its words have: those with the most case
    /// variants (`k`: `K` and the Kelvin sign; `ǆ`: `Ǆ` and `ǅ`), spaces
    /// and apostrophes between them, as `words` and `exceptions` write
    /// them.
    #[test]
    fn a_deferred_pattern_fits_its_size_limit() {
        for word in ["k", "s", "ǆ", "ω", "é", "ß", "ﬀ"] {
            let mut alternatives = Vec::new();
            let mut pattern = String::new();
            loop {
                alternatives.push(format!(r"\b{w}{w}\s+{w}['’ʼ]{w}\b", w = word));
                let next = format!("(?:{})", alternatives.join("|"));
                if next.len() > DEFERRED_BYTES {
                    break;
                }
                pattern = next;
            }
            let bound = size_bound(&parse(&pattern, true)) + NFA_OVERHEAD;
            assert!(bound <= DEFERRED_LIMIT, "{word}: {bound}");
            let p = Pattern::deferred(&pattern, true, DEFERRED_LIMIT).unwrap();
            assert!(p.parsed.get().is_none(), "{word}: left unparsed");
            assert!(p.compile(p.hir()).is_some(), "{word}");
        }
    }

    /// A deferred pattern finds what the same pattern parsed at once
    /// finds; one too long, or given a smaller size limit, is parsed at
    /// once, so that one too big is refused when it loads.
    #[test]
    fn a_deferred_pattern_is_the_pattern() {
        let pattern = r"(?:\bqu['’ʼ]il\s+faut\b|\bil\s+faut\s+dire\s+que\b)";
        let text = "Il faut dire que, lorsqu’il faut trancher, QU'IL  FAUT choisir.";
        let deferred = Pattern::deferred(pattern, true, DEFERRED_LIMIT).unwrap();
        assert!(deferred.parsed.get().is_none());
        let found: Vec<_> = deferred.find_iter(text).collect();
        assert_eq!(
            found,
            Pattern::new(pattern, true, DEFERRED_LIMIT)
                .unwrap()
                .find_iter(text)
                .collect::<Vec<_>>()
        );
        // `\bqu` is not in `lorsqu’il`.
        assert_eq!(found.len(), 2, "{found:?}");
        let long = format!("(?:{})", vec!["mot"; DEFERRED_BYTES / 3].join("|"));
        assert!(
            Pattern::deferred(&long, true, DEFERRED_LIMIT)
                .unwrap()
                .parsed
                .get()
                .is_some()
        );
        assert!(Pattern::deferred(pattern, true, 1 << 10).is_err());
    }

    #[test]
    fn ascii_texts_match_as_with_the_whole_regex() {
        let patterns = [
            (r"^[\p{Ll}\p{N}]+(-[\p{Ll}\p{N}]+)*$", false),
            (r"\bil\s+faut\b", true),
            (r"\w+\W+\w+", true),
            (r"\bk\w*", true),
            (r"[^a-z]+", false),
            (r"(?s:.)+x", false),
        ];
        let texts = [
            "dette-technique",
            "Dette-technique",
            "il faut, IL  FAUT; ilfaut",
            "kelvin Kilo ok",
            "a1-b2--c3",
            "",
            "x y\nz x",
        ];
        for (pattern, ci) in patterns {
            let p = Pattern::for_short_texts(pattern, ci, 1 << 26).unwrap();
            assert!(p.ascii_hir().is_some(), "{pattern}");
            for text in texts {
                assert_eq!(
                    matches(&p, text),
                    expected(pattern, ci, text),
                    "{pattern} in {text:?}"
                );
            }
            assert!(
                p.regex.get().is_none(),
                "{pattern}: only the ASCII regex compiled"
            );
        }
    }

    #[test]
    fn capture_regexes_read_ascii_texts_with_their_ascii_form() {
        let re = CaptureRegex::new(r"^(?P<date>[0-9]{4})-(?P<slug>.+?)\.md$").unwrap();
        assert!(re.ascii_hir.get_or_init(|| ascii_form(&re.hir)).is_some());
        let caps = re.captures("2025-mon-article.md").unwrap();
        assert_eq!(
            (caps.name("date"), caps.name("slug")),
            (Some("2025"), Some("mon-article"))
        );
        assert_eq!(caps.whole(), Some(0..19));
        assert!(re.regex.get().is_none(), "the Unicode form is not compiled");
        let caps = re.captures("2025-mon-été.md").unwrap();
        assert_eq!(caps.name("slug"), Some("mon-été"));
        assert!(re.captures("mon-été.md").is_none());
        let all: Vec<Option<&str>> = CaptureRegex::new(r"<(?P<t>\w+)>")
            .unwrap()
            .captures_iter("<a> <é> <b>")
            .map(|g| g.name("t"))
            .collect();
        assert_eq!(all, [Some("a"), Some("é"), Some("b")]);
        assert!(CaptureRegex::new("(?P<x>").is_err());
    }

    #[test]
    fn errors_are_the_regex_crate_s() {
        let err = Pattern::new("(a", false, 1 << 22).unwrap_err();
        assert!(err.to_string().contains("unclosed group"), "{err}");
        let err = Pattern::new(r"\w{1000}\w{1000}", false, 1 << 16).unwrap_err();
        assert!(matches!(err, regex::Error::CompiledTooBig(_)), "{err}");
        let err = Pattern::for_short_texts(r"\w{1000}", false, 1 << 16).unwrap_err();
        assert!(matches!(err, regex::Error::CompiledTooBig(_)), "{err}");
    }

    #[test]
    fn no_boundary_no_second_regex() {
        let p = Pattern::new("abc", false, 1 << 22).unwrap();
        assert!(p.bare().is_none());
        assert_eq!(matches(&p, "xabcx"), ["abc"]);
        let p = Pattern::for_short_texts("^[a-z]+$", false, 1 << 22).unwrap();
        assert!(p.is_match("slug") && !p.is_match("Slug"));
    }
}
