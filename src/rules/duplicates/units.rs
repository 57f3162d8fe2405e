//! The units compared: prose blocks of the body turned into sequences of
//! normalised word tokens (hashed), and the set of their word shingles.
//!
//! Normalisation: Unicode NFKC, lowercase; a word is a run of letters,
//! digits and combining marks, so punctuation and spacing (non-breaking
//! spaces included) only separate words. The shingles, which near copies
//! are found by, are made of the words folded further: without accents, and
//! with the apostrophe letter `ʼ` a separator as `’` and `'` are, so that a
//! copy whose accents were dropped is near; exact copies are the words as
//! written. A link or an image counts as one
//! token, made from its destination and its text: two paragraphs that share a
//! link, or a linked title, share one token, not every word of the title.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::document::{Block, BlockKind, Document};
use crate::rules::{shows_nothing, undecorated};
use crate::span::Span;

/// A prose block, ready to compare.
#[derive(Debug, Clone)]
pub struct Unit {
    pub kind: BlockKind,
    /// The unit in the file: a paragraph or table row whole, a list item
    /// without its nested lists.
    pub span: Span,
    /// Number of tokens, as written.
    pub words: u32,
    /// Hash of the token sequence: equal for units with the same words in the
    /// same order.
    pub exact: u64,
    /// Hashes of the shingles of the folded words, sorted, without
    /// repeats.
    pub shingles: Box<[u32]>,
}

/// What to take from a document.
#[derive(Debug, Clone)]
pub struct Extractor {
    pub kinds: Vec<BlockKind>,
    pub min_words: usize,
    pub shingle: usize,
    /// Token sequences of the section titles whose content is skipped.
    pub skip_sections: Vec<Vec<u64>>,
    /// [`Unit::exact`] of the passages that may repeat (`allow`), sorted:
    /// units with those words are not compared.
    pub allowed: Vec<u64>,
}

impl Extractor {
    /// The normalised tokens of a heading or other short text.
    pub fn title_tokens(text: &str) -> Vec<u64> {
        let mut out = Vec::new();
        push_text(text, &mut out, &mut String::new());
        out
    }

    /// [`Unit::exact`] of each paragraph, list item or table row of the
    /// Markdown `text`, whatever its length: the passages `allow` names.
    pub fn passage_hashes(text: &str) -> Vec<u64> {
        let doc = Document::parse("allow.md", dedented(text));
        let all = Extractor {
            kinds: vec![
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::TableRow,
            ],
            min_words: 1,
            shingle: 1,
            skip_sections: Vec::new(),
            allowed: Vec::new(),
        };
        all.units(&doc).into_iter().map(|u| u.exact).collect()
    }

    /// A key for these settings: rules that extract alike share the units of
    /// a document (see [`Document::derived`]).
    pub fn key(&self) -> u64 {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut h = DefaultHasher::new();
        for k in &self.kinds {
            let code: u8 = match k {
                BlockKind::Paragraph => 0,
                BlockKind::ListItem => 1,
                BlockKind::TableRow => 2,
            };
            code.hash(&mut h);
        }
        (
            self.min_words,
            self.shingle,
            &self.skip_sections,
            &self.allowed,
        )
            .hash(&mut h);
        h.finish()
    }

    /// The units of `doc`, in document order.
    pub fn units(&self, doc: &Document) -> Vec<Unit> {
        let body = &doc.body;
        let skipped = self.skipped_headings(doc);
        let links = top_level_links(doc);
        // What Hugo takes out before the Markdown (shortcode tags): no words.
        let cuts: Vec<Span> = doc.replaced().collect();
        let mut units = Vec::new();
        let mut tokens = Tokens::default();
        let mut set = Vec::new();
        let mut scratch = String::new();
        for (i, block) in body.blocks.iter().enumerate() {
            if !self.kinds.contains(&block.kind) {
                continue;
            }
            if block
                .heading
                .is_some_and(|h| skipped.get(h).copied().unwrap_or(false))
            {
                continue;
            }
            if is_lead_in(block) {
                continue;
            }
            tokens.clear();
            block_tokens(block, &links, &cuts, &mut tokens, &mut scratch);
            if (tokens.written as usize) < self.min_words.max(1) {
                continue;
            }
            let exact = tokens.exact();
            if self.allowed.binary_search(&exact).is_ok() {
                continue;
            }
            let next_start = body.blocks.get(i + 1).map(|b| b.span.start);
            units.push(Unit {
                kind: block.kind,
                span: unit_span(doc, block, next_start),
                words: tokens.written,
                exact,
                shingles: shingles(tokens.near(), self.shingle, &mut set),
            });
        }
        // Held for every file until the corpus pass: no room to spare.
        units.shrink_to_fit();
        units
    }

    /// For each heading, whether the text under it is skipped: its title, or
    /// the title of a heading it is nested in, is one of `skip_sections`.
    fn skipped_headings(&self, doc: &Document) -> Vec<bool> {
        if self.skip_sections.is_empty() {
            return Vec::new();
        }
        let mut flags = Vec::with_capacity(doc.body.headings.len());
        let mut stack: Vec<(u8, bool)> = Vec::new();
        for h in &doc.body.headings {
            while stack.last().is_some_and(|(level, _)| *level >= h.level) {
                stack.pop();
            }
            let inherited = stack.last().is_some_and(|(_, s)| *s);
            // Emoji and a section number around the title are decoration
            // (`## 6. Pour aller plus loin`), as the sections rule reads it.
            let own = self
                .skip_sections
                .contains(&Self::title_tokens(undecorated(&h.text).1));
            let skip = inherited || own;
            stack.push((h.level, skip));
            flags.push(skip);
        }
        flags
    }
}

/// `text` without the spaces that open all its lines (blank ones aside),
/// as a multi-line string indented in a config file is: its Markdown, not
/// a code block.
fn dedented(text: &str) -> String {
    let indent = |l: &str| l.len() - l.trim_start_matches([' ', '\t']).len();
    let common = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(indent)
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(common.min(indent(l))..).unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A paragraph of one sentence that ends with a colon: it introduces what
/// follows (« Le vrai enjeu est de comprendre ce qui change et de s'y
/// préparer : »), and such lead-ins are written from a template, in an
/// article and across articles alike.
fn is_lead_in(block: &Block) -> bool {
    let text = block.text.trim_end();
    let Some(sentence) = text.strip_suffix(':') else {
        return false;
    };
    block.kind == BlockKind::Paragraph
        && !sentence.char_indices().any(|(i, c)| {
            matches!(c, '.' | '!' | '?') && sentence[i + 1..].starts_with(char::is_whitespace)
        })
}

/// Links and images not nested in another one, sorted by position, each with
/// its token.
fn top_level_links(doc: &Document) -> Vec<(Span, u64)> {
    let mut links: Vec<(Span, u64)> = doc
        .body
        .links
        .iter()
        .map(|l| (l.span, link_token(&l.dest, &l.text)))
        .collect();
    links.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<(Span, u64)> = Vec::with_capacity(links.len());
    for (span, token) in links {
        if out.last().is_some_and(|(outer, _)| span.end <= outer.end) {
            continue;
        }
        out.push((span, token));
    }
    out
}

fn link_token(dest: &str, text: &str) -> u64 {
    let mut h = mix64(fnv(dest.as_bytes()) ^ 0x6c69_6e6b);
    let mut words = Vec::new();
    push_text(text, &mut words, &mut String::new());
    for w in words {
        h = mix64(h ^ w);
    }
    h
}

/// The index of the top-level link that contains `span`.
fn link_of(links: &[(Span, u64)], span: Span) -> Option<usize> {
    let i = links.partition_point(|(s, _)| s.start <= span.start);
    let i = i.checked_sub(1)?;
    let (link, _) = links[i];
    (span.end <= link.end).then_some(i)
}

/// Where the hashed words of a text go: as written (the exact comparison;
/// titles, `allow` passages and links' text have only these), and folded
/// (the near comparison).
trait Words {
    /// Whether the folded words are wanted: the code that makes them is
    /// left out of the paths that want none.
    const FOLDED: bool;
    /// A word that folding leaves as it is (an ASCII word, most of them).
    fn both(&mut self, word: u64);
    fn written(&mut self, word: u64);
    fn folded(&mut self, word: u64);
}

impl Words for Vec<u64> {
    const FOLDED: bool = false;

    fn both(&mut self, word: u64) {
        self.push(word);
    }

    fn written(&mut self, word: u64) {
        self.push(word);
    }

    fn folded(&mut self, _: u64) {}
}

/// The words of a unit: folded, for the shingles; as written, only their
/// number and the hash of their sequence, kept on the way (one list of
/// words, not two, for each unit).
#[derive(Debug, Default, PartialEq)]
struct Tokens {
    folded: Vec<u64>,
    written: u32,
    sequence: u64,
}

impl Tokens {
    fn clear(&mut self) {
        self.folded.clear();
        self.written = 0;
        self.sequence = 0;
    }

    /// [`Unit::exact`]: the hash of the words as written, in order, and of
    /// their number.
    fn exact(&self) -> u64 {
        mix64(self.sequence ^ u64::from(self.written).wrapping_mul(0xc2b2_ae3d_27d4_eb4f))
    }

    /// The words the near comparison reads: the folded ones; if folding
    /// left none (words of lone accents or `ʼ` alone), one made of the
    /// words as written, so that such a unit is like no other.
    fn near(&mut self) -> &[u64] {
        if self.folded.is_empty() {
            let exact = self.exact();
            self.folded.push(exact);
        }
        &self.folded
    }
}

impl Words for Tokens {
    const FOLDED: bool = true;

    #[inline]
    fn both(&mut self, word: u64) {
        self.written(word);
        self.folded.push(word);
    }

    #[inline]
    fn written(&mut self, word: u64) {
        self.sequence = self
            .sequence
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .wrapping_add(word);
        self.written += 1;
    }

    #[inline]
    fn folded(&mut self, word: u64) {
        self.folded.push(word);
    }
}

/// Appends the tokens of a block: its words, and one token per link.
fn block_tokens(
    block: &Block,
    links: &[(Span, u64)],
    cuts: &[Span],
    out: &mut Tokens,
    scratch: &mut String,
) {
    let text = block.text.as_str();
    let skips = skipped_text(block, cuts);
    let mut push = |range: std::ops::Range<usize>, out: &mut Tokens| {
        let mut at = range.start;
        for skip in &skips {
            if skip.start >= range.end || skip.end <= at {
                continue;
            }
            push_text(text.get(at..skip.start.max(at)).unwrap_or(""), out, scratch);
            at = skip.end;
        }
        if at < range.end {
            push_text(text.get(at..range.end).unwrap_or(""), out, scratch);
        }
    };
    let mut pos = 0;
    let mut current: Option<usize> = None;
    for run in &block.runs {
        let link = link_of(links, run.src);
        match link {
            Some(l) if current == Some(l) => {
                pos = pos.max(run.text.end);
            }
            Some(l) => {
                push(pos..run.text.start, out);
                out.both(links[l].1);
                pos = pos.max(run.text.end);
            }
            None => {}
        }
        current = link;
    }
    push(pos..text.len(), out);
}

/// The ranges of `block`'s text that stand for `cuts` (shortcode tags,
/// which Hugo takes out of the text): a run that holds its text as written
/// maps byte for byte, any other is skipped whole.
fn skipped_text(block: &Block, cuts: &[Span]) -> Vec<std::ops::Range<usize>> {
    let first = cuts.partition_point(|c| c.end <= block.span.start);
    let cuts = &cuts[first..];
    if cuts.first().is_none_or(|c| c.start >= block.span.end) {
        return Vec::new();
    }
    let mut skips = Vec::new();
    for run in &block.runs {
        let src = run.src;
        for cut in cuts.iter().take_while(|c| c.start < src.end) {
            if cut.end <= src.start {
                continue;
            }
            if run.verbatim {
                let from = cut.start.max(src.start) - src.start;
                let to = cut.end.min(src.end) - src.start;
                skips.push(run.text.start + from..run.text.start + to);
            } else {
                skips.push(run.text.clone());
            }
        }
    }
    skips.sort_by_key(|r| r.start);
    skips
}

/// Where a unit is in the file: a paragraph or table row whole; a list item
/// up to its first nested block (the next block, when it starts inside).
fn unit_span(doc: &Document, block: &Block, next_start: Option<usize>) -> Span {
    let mut end = block.span.end;
    if block.kind == BlockKind::ListItem
        && let Some(next) = next_start
        && next > block.span.start
        && next < end
    {
        end = next;
    }
    let span = Span::new(block.span.start, end).clamp_to(&doc.source);
    let trimmed = doc.text(span).trim_end().len();
    Span::new(span.start, span.start + trimmed)
}

/// Appends the hashed words of `text`.
///
/// The words and their hashes are those of the reference process: NFKC, then
/// words (runs of letters, digits and combining marks), lowercased. Most
/// characters of French prose take a fast path that gives the same result
/// (ASCII, the accented letters of Latin-1, œ, common punctuation and
/// spaces); a word with any other character goes through the reference.
/// The folded words are made alongside, in the same passes: a word's
/// folded hash is started only at its first letter that folds (`é`).
fn push_text<W: Words>(text: &str, out: &mut W, scratch: &mut String) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let class = |i: usize| bytes.get(i).map_or(SEP, |b| CLASS[*b as usize]);
    let run = |i: usize, c: u8| {
        bytes
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .position(|b| CLASS[*b as usize] != c)
            .unwrap_or(n.saturating_sub(i))
    };
    let mut i = 0;
    while i < n {
        i += run(i, SEP);
        if i >= n {
            break;
        }
        if let Some(len) = separator_len(bytes, i) {
            i += len;
            continue;
        }
        // A word starts here. ASCII words are hashed from their bytes at once.
        let s = i;
        i += run(i, ALNUM);
        if i > s && (class(i) == SEP || separator_len(bytes, i).is_some()) {
            out.both(ascii_word_hash(bytes, s, i));
            continue;
        }
        let mut hasher = WordHasher::default();
        for b in &bytes[s..i] {
            hasher.push(b.to_ascii_lowercase());
        }
        // The folded word, once it differs from the word as written.
        let mut plain: Option<WordHasher> = None;
        loop {
            match class(i) {
                ALNUM => {
                    let b = bytes[i].to_ascii_lowercase();
                    hasher.push(b);
                    if let Some(p) = plain.as_mut() {
                        p.push(b);
                    }
                    i += 1;
                }
                SEP => {
                    finish_both(hasher, plain, out);
                    break;
                }
                _ => {
                    if separator_len(bytes, i).is_some() {
                        finish_both(hasher, plain, out);
                        break;
                    }
                    if let Some(len) = ignorable_len(bytes, i) {
                        i += len;
                        continue;
                    }
                    match latin_letter(bytes, i) {
                        Some((lead, lower)) => {
                            if W::FOLDED {
                                match base_letter(lead, lower) {
                                    Some(b) => plain.get_or_insert(hasher).push(b),
                                    None => {
                                        if let Some(p) = plain.as_mut() {
                                            p.push(lead);
                                            p.push(lower);
                                        }
                                    }
                                }
                            }
                            hasher.push(lead);
                            hasher.push(lower);
                            i += 2;
                        }
                        None => {
                            i = general_word(text, s, out, scratch);
                            break;
                        }
                    }
                }
            }
        }
    }
}

/// Byte classes of the fast path: ASCII separators, ASCII letters and
/// digits, and the bytes of other characters.
const SEP: u8 = 0;
const ALNUM: u8 = 1;
const MULTI: u8 = 2;

static CLASS: [u8; 256] = {
    let mut table = [MULTI; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            SEP
        };
        b += 1;
    }
    table
};

/// The length of the separator at `i`, for the separators of the fast path:
/// ASCII punctuation and spaces, and (in UTF-8) the Latin-1 punctuation and
/// the general punctuation block (spaces, dashes, quotes, ellipsis), with
/// the exceptions of `fast_class`, and `€`.
/// The characters that show nothing ([`ignorable_len`]) are not separators.
#[inline]
fn separator_len(bytes: &[u8], i: usize) -> Option<usize> {
    let b = *bytes.get(i)?;
    if b < 0x80 {
        return (!b.is_ascii_alphanumeric()).then_some(1);
    }
    let b1 = *bytes.get(i + 1)?;
    match b {
        0xc2 if (0xa0..=0xbf).contains(&b1)
            && !matches!(b1, 0xa8 | 0xaa | 0xad | 0xaf | 0xb2..=0xb5 | 0xb8..=0xba | 0xbc..=0xbe) =>
        {
            Some(2)
        }
        0xc3 if b1 == 0x97 || b1 == 0xb7 => Some(2),
        0xe2 => {
            let b2 = *bytes.get(i + 2)?;
            let sep = match b1 {
                0x80 => (0x80..=0xbf).contains(&b2) && !matches!(b2, 0x8b..=0x8d | 0x97 | 0xbe),
                0x81 => (0x80..=0xaf).contains(&b2) && b2 != 0xa0,
                0x82 => b2 == 0xac,
                _ => false,
            };
            sep.then_some(3)
        }
        _ => None,
    }
}

/// The length of the character at `i` when it is one that shows nothing
/// ([`shows_nothing`], in UTF-8), which is dropped from words: `é\u{ad}quipe`
/// is `équipe`.
#[inline]
fn ignorable_len(bytes: &[u8], i: usize) -> Option<usize> {
    match bytes.get(i..)? {
        [0xc2, 0xad, ..] => Some(2),
        [0xe2, 0x80, 0x8b..=0x8d, ..] | [0xe2, 0x81, 0xa0, ..] | [0xef, 0xbb, 0xbf, ..] => Some(3),
        _ => None,
    }
}

/// A Latin-1 accented letter (or œ) at `i`, as the two UTF-8 bytes of its
/// lowercase.
#[inline]
fn latin_letter(bytes: &[u8], i: usize) -> Option<(u8, u8)> {
    let b1 = *bytes.get(i + 1)?;
    match *bytes.get(i)? {
        0xc3 if (0x80..=0x9e).contains(&b1) && b1 != 0x97 => Some((0xc3, b1 + 0x20)),
        0xc3 if (0x9f..=0xbf).contains(&b1) && b1 != 0xb7 => Some((0xc3, b1)),
        0xc5 if b1 == 0x92 || b1 == 0x93 => Some((0xc5, 0x93)),
        _ => None,
    }
}

/// Adds a word hashed as written (`hasher`) and, when it differs, folded
/// (`plain`), unless it is empty (only characters that are dropped, such
/// as a soft hyphen, were seen).
#[inline]
fn finish_both<W: Words>(hasher: WordHasher, plain: Option<WordHasher>, out: &mut W) {
    if hasher.len == 0 {
        return;
    }
    match plain {
        None => out.both(hasher.finish()),
        Some(p) => {
            out.written(hasher.finish());
            out.folded(p.finish());
        }
    }
}

/// The ASCII letter a Latin-1 lowercase letter is without its accent (`é`
/// is `e`), as the two UTF-8 bytes [`latin_letter`] gives; `None` for a
/// letter without one (`ß`, `æ`, `ø`, `œ`…), which folding leaves alone.
#[inline]
fn base_letter(lead: u8, lower: u8) -> Option<u8> {
    // à to ÿ; 0 for the letters without an accent, and ÷.
    const BASE: &[u8; 32] = b"aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";
    match (lead, lower) {
        (0xc3, 0xa0..=0xbf) => Some(BASE[usize::from(lower - 0xa0)]).filter(|b| *b != 0),
        _ => None,
    }
}

/// [`base_letter`] of a lowercase letter of [`fast_class`].
fn base_of(c: char) -> Option<u8> {
    let mut buf = [0u8; 2];
    match c.encode_utf8(&mut buf).as_bytes() {
        [lead, lower] => base_letter(*lead, *lower),
        _ => None,
    }
}

/// The word that starts at `s`, character by character, through the
/// reference process when it needs it; returns where it ends. With no word
/// at `s`, steps over the character there.
fn general_word<W: Words>(text: &str, s: usize, out: &mut W, scratch: &mut String) -> usize {
    let mut hasher = WordHasher::default();
    let mut plain: Option<WordHasher> = None;
    // Start of the word, and whether it needs the reference process.
    let mut start = None;
    let mut slow = false;
    let mut i = s;
    while let Some(c) = text.get(i..).and_then(|t| t.chars().next()) {
        let next = i + c.len_utf8();
        if shows_nothing(c) {
            i = next;
            continue;
        }
        let word_char = if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                let b = c.to_ascii_lowercase() as u8;
                hasher.push(b);
                if let Some(p) = plain.as_mut() {
                    p.push(b);
                }
                true
            } else {
                false
            }
        } else {
            match fast_class(c) {
                Fast::Letter(lower) => {
                    let mut buf = [0u8; 4];
                    let bytes = lower.encode_utf8(&mut buf).as_bytes();
                    if W::FOLDED {
                        match base_of(lower) {
                            Some(b) => plain.get_or_insert(hasher).push(b),
                            None => {
                                if let Some(p) = plain.as_mut() {
                                    bytes.iter().for_each(|b| p.push(*b));
                                }
                            }
                        }
                    }
                    for b in bytes {
                        hasher.push(*b);
                    }
                    true
                }
                Fast::Separator => false,
                Fast::Unknown => {
                    let stable = is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
                    if is_word_char(c) || !stable {
                        // NFKC may make word characters out of it (`㎏` is
                        // `kg`), or compose a mark with the character before.
                        if start.is_none() && is_combining_mark(c) {
                            start = text[..i].char_indices().next_back().map(|(p, _)| p);
                        }
                        slow = true;
                        true
                    } else {
                        false
                    }
                }
            }
        };
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                end_word(&text[s..i], slow, (hasher, plain), out, scratch);
                return i;
            }
            (false, None) => return next,
            (true, Some(_)) => {}
        }
        i = next;
    }
    if let Some(s) = start {
        end_word(&text[s..], slow, (hasher, plain), out, scratch);
    }
    text.len()
}

/// Adds the word `word`, hashed on the way (as written and folded) or,
/// when it needs it, through the reference process.
fn end_word<W: Words>(
    word: &str,
    slow: bool,
    (hasher, plain): (WordHasher, Option<WordHasher>),
    out: &mut W,
    scratch: &mut String,
) {
    if slow {
        reference_words(word, out, scratch);
    } else {
        finish_both(hasher, plain, out);
    }
}

enum Fast {
    /// A letter that NFKC leaves alone, and its lowercase.
    Letter(char),
    /// A character that is not part of a word, before or after NFKC.
    Separator,
    Unknown,
}

fn fast_class(c: char) -> Fast {
    match c {
        '\u{c0}'..='\u{de}' if c != '\u{d7}' => {
            Fast::Letter(char::from_u32(c as u32 + 0x20).unwrap_or(c))
        }
        '\u{df}'..='\u{ff}' if c != '\u{f7}' => Fast::Letter(c),
        '\u{152}' => Fast::Letter('\u{153}'),
        '\u{153}' => Fast::Letter(c),
        // Latin-1 punctuation and symbols, but not those NFKC turns into
        // letters, digits or marks (ª ² ³ µ ¹ º ¼ ½ ¾, and ¨ ¯ ´ ¸).
        '\u{a0}'..='\u{bf}'
            if !matches!(
                c as u32,
                0xa8 | 0xaa | 0xaf | 0xb2..=0xb5 | 0xb8..=0xba | 0xbc..=0xbe
            ) =>
        {
            Fast::Separator
        }
        '\u{d7}' | '\u{f7}' | '\u{20ac}' => Fast::Separator,
        // General punctuation (spaces, dashes, quotes, ellipsis, joiners),
        // but not ‗ and ‾, which NFKC turns into a space and a mark.
        '\u{2000}'..='\u{2016}' | '\u{2018}'..='\u{203d}' | '\u{203f}'..='\u{206f}' => {
            Fast::Separator
        }
        _ => Fast::Unknown,
    }
}

/// The reference process for a piece of text: NFKC, words, lowercase; and
/// for the folded words, the lowercase letters decomposed (NFD) without
/// their accents, and `ʼ` a separator.
fn reference_words<W: Words>(text: &str, out: &mut W, scratch: &mut String) {
    scratch.clear();
    scratch.extend(text.nfkc());
    let mut hasher = WordHasher::default();
    let mut in_word = false;
    for c in scratch.chars() {
        if shows_nothing(c) {
            continue;
        }
        if is_word_char(c) {
            in_word = true;
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                for b in l.encode_utf8(&mut buf).bytes() {
                    hasher.push(b);
                }
            }
        } else if in_word {
            out.written(std::mem::take(&mut hasher).finish());
            in_word = false;
        }
    }
    if in_word {
        out.written(hasher.finish());
    }
    if !W::FOLDED {
        return;
    }
    let mut hasher = WordHasher::default();
    for c in scratch.chars() {
        if shows_nothing(c) {
            continue;
        }
        if is_word_char(c) && c != FOLDED_APOSTROPHE {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                decompose_canonical(l, |d| {
                    if !is_combining_mark(d) {
                        for b in d.encode_utf8(&mut buf).bytes() {
                            hasher.push(b);
                        }
                    }
                });
            }
        } else if hasher.len > 0 {
            out.folded(std::mem::take(&mut hasher).finish());
        }
    }
    if hasher.len > 0 {
        out.folded(hasher.finish());
    }
}

/// The apostrophe that is a letter (U+02BC, which some keyboards and
/// converters write for `’`): a word character as written, a separator
/// folded, as `’` and `'` are.
const FOLDED_APOSTROPHE: char = '\u{2bc}';

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// Hashes the bytes of a word, eight at a time.
#[derive(Default, Clone, Copy)]
struct WordHasher {
    h: u64,
    acc: u64,
    in_acc: u32,
    len: u64,
}

impl WordHasher {
    #[inline]
    fn push(&mut self, b: u8) {
        self.acc |= u64::from(b) << (8 * self.in_acc);
        self.in_acc += 1;
        self.len += 1;
        if self.in_acc == 8 {
            self.h = mix64(self.h ^ self.acc);
            self.acc = 0;
            self.in_acc = 0;
        }
    }

    fn finish(self) -> u64 {
        // `acc` holds at most 7 bytes: its top byte is free for the length.
        finish_word(self.h ^ self.acc ^ (self.len << 56))
    }
}

/// [`WordHasher`] over the lowercase of the ASCII word `bytes[s..e]`,
/// eight bytes at a time. Inlined in each kind of [`push_text`]: its call
/// cost a fifth of the hash (`push_text` is made for two kinds of
/// [`Words`]).
#[inline(always)]
fn ascii_word_hash(bytes: &[u8], s: usize, e: usize) -> u64 {
    // `| 0x20` lowercases ASCII letters and leaves digits as they are.
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let len = e - s;
    if len < 8 {
        let acc = (load(bytes, s) | LOWER) & (u64::MAX >> (8 * (8 - len)));
        return finish_word(acc ^ ((len as u64) << 56));
    }
    let mut h = 0;
    let mut p = s;
    while e - p >= 8 {
        h = mix64(h ^ (load(bytes, p) | LOWER));
        p += 8;
    }
    let rest = e - p;
    let acc = match rest {
        0 => 0,
        r => (load(bytes, p) | LOWER) & (u64::MAX >> (8 * (8 - r))),
    };
    finish_word(h ^ acc ^ ((len as u64) << 56))
}

/// The last step of a word's hash: a bijection, so that words of up to seven
/// bytes never collide, that spreads every bit over the high ones.
#[inline]
fn finish_word(x: u64) -> u64 {
    let x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^ (x >> 29)
}

/// Eight bytes from `p`, little-endian (zeros past the end).
#[inline]
fn load(bytes: &[u8], p: usize) -> u64 {
    match bytes
        .get(p..p + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
    {
        Some(b) => u64::from_le_bytes(b),
        None => bytes
            .get(p..)
            .unwrap_or(&[])
            .iter()
            .enumerate()
            .fold(0, |acc, (k, b)| acc | (u64::from(*b) << (8 * k))),
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The finaliser of MurmurHash3: every input bit affects every output bit.
pub fn mix64(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^= x >> 33;
    x
}

/// The hashes of the `k`-word shingles of `tokens` (one shingle of all the
/// tokens when there are fewer than `k`), sorted, without repeats.
fn shingles(tokens: &[u64], k: usize, scratch: &mut Vec<u32>) -> Box<[u32]> {
    let k = k.clamp(1, tokens.len().max(1));
    scratch.clear();
    scratch.extend(tokens.windows(k).map(|w| {
        // Tokens are hashes already: rotations keep the order, and the top
        // bits of their mix are as good as a hash.
        let h = w
            .iter()
            .enumerate()
            .fold(0u64, |h, (i, t)| h ^ t.rotate_left((i as u32 * 17) % 64));
        (h >> 32) as u32
    }));
    scratch.sort_unstable();
    scratch.dedup();
    Box::from(scratch.as_slice())
}

/// Jaccard similarity of two sorted sets without repeats.
pub fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = intersection(a, b);
    shared as f64 / (a.len() + b.len() - shared) as f64
}

fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<u64> {
        Extractor::title_tokens(text)
    }

    #[test]
    fn case_punctuation_and_compatibility_forms_are_folded() {
        assert_eq!(
            tokens("Le réel, sans filtre !"),
            tokens("le RÉEL — sans\u{a0}filtre")
        );
        // Decomposed accents, ligatures and full-width letters.
        assert_eq!(tokens("re\u{301}el"), tokens("réel"));
        assert_eq!(tokens("ﬁn"), tokens("fin"));
        assert_eq!(tokens("ＡＢＣ"), tokens("abc"));
        assert_eq!(tokens("x½"), tokens("x1 2"));
        assert_ne!(tokens("réel"), tokens("reel"));
        // Characters that show nothing are dropped, inside and between words.
        assert_eq!(tokens("é\u{ad}quipe co\u{200b}de"), tokens("équipe code"));
        assert_eq!(tokens("a \u{feff} \u{2060}b"), tokens("a b"));
        assert_eq!(tokens("\u{ad}"), tokens(""));
        assert_eq!(tokens("l'article").len(), 2);
    }

    #[test]
    fn the_fast_path_agrees_with_the_reference() {
        let texts = [
            "Le réel (sans filtre) : ŒUVRE, cœur, Ça, ÉTÉ, naïf, Straße, 45-55k€, ~37k€/an",
            "l’équipe « dit » — 2+2… a\u{a0}b\u{202f}c ×÷ ª² µ ¼ ﬁn ＡＢ e\u{301} x㎏y ①",
            "Anticonstitutionnellement ABCDEFGH abcdefghi MotDeHuitCarActères x1y2z3w4v5 aéb",
            "a¨b a´b x‗y x‾y =\u{338}z \u{301}q Ǆ ǅ İ ΣΑΣ x\u{ad}y a\u{200b}b ⑴ 🙂 →",
        ];
        for text in texts {
            let mut fast = Vec::new();
            assert!(!text.is_empty());
            push_text(text, &mut fast, &mut String::new());
            let mut reference = Vec::new();
            reference_words(text, &mut reference, &mut String::new());
            assert_eq!(fast, reference, "{text}");
            // And the folded words, alongside.
            let (fast, reference) = both_ways(text);
            assert_eq!(fast, reference, "{text}");
        }
    }

    /// Both streams of the fast path, and of the reference.
    fn both_ways(text: &str) -> (Tokens, Tokens) {
        let mut fast = Tokens::default();
        push_text(text, &mut fast, &mut String::new());
        let mut reference = Tokens::default();
        reference_words(text, &mut reference, &mut String::new());
        (fast, reference)
    }

    #[test]
    fn folded_words_drop_accents_and_the_apostrophe_letter() {
        let folded = |text: &str| both_ways(text).0.folded;
        let written = |text: &str| both_ways(text).0.exact();
        // A copy without its accents: other words as written, the same
        // folded.
        let a = "Le deuxième mois, on découvre qu'écrire une boucle ne suffit pas à l'équipe.";
        let b = "Le deuxieme mois, on decouvre qu'ecrire une boucle ne suffit pas a l'equipe.";
        assert_ne!(written(a), written(b));
        assert_eq!(folded(a), folded(b));
        // Capitals, Œ and ß keep what has no accent to drop.
        assert_eq!(folded("ÉTÉ Ça cœur Straße"), folded("ete ca cœur straße"));
        assert_ne!(folded("cœur"), folded("coeur"));
        // Apostrophes: `'`, `’` and the letter `ʼ`, and a lone accent.
        assert_eq!(folded("lʼéquipe"), folded("l'equipe"));
        assert_eq!(folded("l´équipe"), folded("l’equipe"));
        assert_eq!(both_ways("lʼéquipe").0.written, 1);
        // Folding changes nothing else: ASCII words are the same hashes.
        assert_eq!(folded("Le réel"), tokens("le reel"));
        assert_eq!(written("Le reel, dit-il"), written("le REEL — dit il"));
    }

    /// The accent each Latin-1 letter of the fast path drops is the one
    /// the canonical decomposition drops.
    #[test]
    fn base_letters_are_the_decompositions() {
        for c in '\u{df}'..='\u{ff}' {
            if c == '\u{f7}' {
                continue;
            }
            let mut first = None;
            let mut marks = 0;
            decompose_canonical(c, |d| {
                if is_combining_mark(d) {
                    marks += 1;
                } else {
                    first.get_or_insert(d);
                }
            });
            let expected = (marks > 0).then(|| first.unwrap() as u8);
            assert_eq!(base_of(c), expected, "{c}");
        }
        assert_eq!(base_of('\u{153}'), None);
    }

    proptest::proptest! {
        #[test]
        fn the_fast_path_folds_as_the_reference_does(
            text in "[a-zA-Z0-9 ,.'’\u{a0}«»—\n-]{0,8}([a-zé ÉèàçœŒÿß×÷²¨´\u{2bc}\u{301}→ﬁ㎏İ\u{ad}\u{200b}-]{0,6}[a-zA-Z0-9 ,.:;!?()']{0,20}){0,6}"
        ) {
            let (fast, reference) = both_ways(&text);
            proptest::prop_assert_eq!(fast, reference);
        }

        #[test]
        fn the_fast_path_agrees_with_the_reference_on_any_text(
            text in "[a-zA-Z0-9 ,.'’\u{a0}\u{202f}«»—\n\t-]{0,8}([a-zé ÉèàçœŒ×÷²¨´\u{301}\u{2017}→ﬁ㎏①🙂İ\u{ad}\u{200b}\u{200d}\u{2060}\u{feff}-]{0,6}[a-zA-Z0-9 ,.:;!?()\\[\\]']{0,20}){0,6}"
        ) {
            let mut fast = Vec::new();
            push_text(&text, &mut fast, &mut String::new());
            let mut reference = Vec::new();
            reference_words(&text, &mut reference, &mut String::new());
            proptest::prop_assert_eq!(fast, reference);
        }
    }

    #[test]
    fn jaccard_of_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[1, 2, 3]), 1.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
    }

    #[test]
    fn shingles_are_order_sensitive() {
        let mut set = Vec::new();
        let a = shingles(&tokens("un deux trois quatre"), 3, &mut set);
        let b = shingles(&tokens("trois deux un quatre"), 3, &mut set);
        assert_eq!(a.len(), 2);
        assert_eq!(intersection(&a, &b), 0);
        assert_eq!(shingles(&tokens("un deux"), 3, &mut set).len(), 1);
    }
}
