//! The cross-file pass. Each file contributes small facts (per unit: its
//! hashes, shingle set, band keys and location); the corpus pass finds exact
//! copies by hashing and near copies through the LSH band keys, verified on
//! the shingle sets, and reports each copy in the later file.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::minhash::Sketcher;
use super::units::{Unit, jaccard};
use super::{Match, first_difference, same_text, what};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::rules::{CorpusContext, CorpusFile};
use crate::span::Location;

/// What the corpus pass knows of a file.
pub struct FileFacts {
    units: Arc<Vec<Unit>>,
    /// Line, column, end line, end column of each unit: held for every unit
    /// of every file until the corpus pass, so in 32 bits each.
    locations: Vec<[u32; 4]>,
    /// LSH band keys, band by band: the keys of band 0 of every unit, then
    /// of band 1… (none when only exact copies are looked for). The corpus
    /// pass reads one band at a time.
    keys: Vec<u32>,
    bands: usize,
    /// The [`symbols`] of every unit, one after the other, and where each
    /// unit's end in it: two copies with the same words may differ in a
    /// currency or a sign (most units have none, so few bytes).
    symbols: String,
    symbol_ends: Vec<u32>,
}

impl FileFacts {
    pub fn new(doc: &Document, units: Arc<Vec<Unit>>, sketcher: Option<&Sketcher>) -> FileFacts {
        let locations = locations(doc, &units).iter().map(compact).collect();
        let mut keys = Vec::new();
        if let Some(s) = sketcher {
            let bands = s.banding.bands;
            let mut by_unit = Vec::with_capacity(units.len() * bands);
            let mut bins = Vec::new();
            for u in units.iter() {
                s.keys(&u.shingles, &mut bins, &mut by_unit);
            }
            keys.reserve(by_unit.len());
            for band in 0..bands {
                keys.extend(by_unit.iter().skip(band).step_by(bands.max(1)));
            }
        }
        let mut symbols = String::new();
        let mut symbol_ends = Vec::with_capacity(units.len());
        for u in units.iter() {
            symbols.extend(super::symbols(doc.text(u.span)));
            symbol_ends.push(u32::try_from(symbols.len()).unwrap_or(u32::MAX));
        }
        symbols.shrink_to_fit();
        FileFacts {
            units,
            locations,
            keys,
            bands: sketcher.map_or(0, |s| s.banding.bands),
            symbols,
            symbol_ends,
        }
    }

    /// The [`symbols`] of unit `i`.
    fn symbols_of(&self, i: usize) -> &str {
        let end = |i: usize| self.symbol_ends.get(i).map_or(0, |&e| e as usize);
        let start = if i == 0 { 0 } else { end(i - 1) };
        self.symbols.get(start..end(i)).unwrap_or_default()
    }
}

/// A location in 32-bit numbers (saturated: 4 billion lines or columns).
fn compact(l: &Location) -> [u32; 4] {
    [l.line, l.column, l.end_line, l.end_column].map(|n| u32::try_from(n).unwrap_or(u32::MAX))
}

fn wide(l: &[u32; 4]) -> Location {
    let [line, column, end_line, end_column] = l.map(|n| n as usize);
    Location {
        line,
        column,
        end_line,
        end_column,
    }
}

/// The locations of the units, as [`Document::location`] gives them.
///
/// Every unit needs one (any may be reported, or named by a label), so
/// rather than indexing every line of the file, lines are counted from one
/// unit to the next (units come in document order). Files with `\r` line
/// endings take the general way.
pub(super) fn locations(doc: &Document, units: &[Unit]) -> Vec<Location> {
    let text = doc.source.as_str();
    if text.as_bytes().contains(&b'\r') {
        return units.iter().map(|u| doc.location(u.span)).collect();
    }
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let (mut pos, mut line, mut line_start) = (0, 1, 0);
    let mut at = |offset: usize| -> Option<(usize, usize)> {
        let gap = text.as_bytes().get(pos..offset)?;
        let breaks = count_newlines(gap);
        if breaks > 0 {
            line += breaks;
            line_start = pos + gap.iter().rposition(|b| *b == b'\n')? + 1;
        }
        pos = offset;
        let from = if line == 1 {
            line_start.max(bom.min(offset))
        } else {
            line_start
        };
        Some((line, text.get(from..offset)?.chars().count() + 1))
    };
    units
        .iter()
        .map(|u| {
            let (start, end) = (u.span.start, u.span.end.max(u.span.start));
            match (at(start), at(end)) {
                (Some((line, column)), Some((end_line, end_column))) => Location {
                    line,
                    column,
                    end_line,
                    end_column,
                },
                // Out of order or out of bounds: the general way.
                _ => doc.location(u.span),
            }
        })
        .collect()
}

/// The `\n` in `bytes`, counted in blocks small enough for a byte counter
/// (which compilers turn into vector code).
fn count_newlines(bytes: &[u8]) -> usize {
    bytes
        .chunks(255)
        .map(|c| {
            let n = c.iter().fold(0u8, |n, b| n + u8::from(*b == b'\n'));
            usize::from(n)
        })
        .sum()
}

/// The most earlier members of one LSH bucket a unit is compared with. A
/// bucket only grows large when many units share the same wording (a
/// template sentence); comparing with its first members still finds the
/// copies, and keeps the pass linear in the number of units.
const BUCKET_CAP: usize = 32;

/// Every unit of every file, numbered in path order (the order the files
/// are given in) then document order.
struct Corpus<'a> {
    /// (index of the file in the slice given to the pass, its facts), in
    /// path order.
    files: Vec<(usize, &'a FileFacts)>,
    /// For each unit, its file (an index into `files`).
    file_of: Vec<u32>,
    /// For each file, the number of its first unit.
    starts: Vec<usize>,
}

impl<'a> Corpus<'a> {
    fn new(files: &[CorpusFile<'a>]) -> Corpus<'a> {
        // The files come in the order of their absolute paths.
        let files: Vec<(usize, &FileFacts)> = (0..files.len())
            .filter_map(|f| Some((f, files[f].facts.downcast_ref::<FileFacts>()?)))
            .collect();
        let mut file_of = Vec::new();
        let mut starts = Vec::with_capacity(files.len());
        for (k, (_, facts)) in files.iter().enumerate() {
            starts.push(file_of.len());
            file_of.extend(std::iter::repeat_n(k as u32, facts.units.len()));
        }
        Corpus {
            files,
            file_of,
            starts,
        }
    }

    fn len(&self) -> usize {
        self.file_of.len()
    }

    /// The facts of the file of unit `g`, and the unit's index there.
    fn at(&self, g: usize) -> Option<(usize, &'a FileFacts, usize)> {
        let k = *self.file_of.get(g)? as usize;
        let (file, facts) = *self.files.get(k)?;
        Some((file, facts, g - self.starts.get(k)?))
    }

    fn unit(&self, g: usize) -> Option<&'a Unit> {
        let (_, facts, i) = self.at(g)?;
        facts.units.get(i)
    }

    fn same_file(&self, a: usize, b: usize) -> bool {
        self.file_of.get(a) == self.file_of.get(b)
    }
}

pub fn check(files: &[CorpusFile<'_>], threshold: f64, near_too: bool, cx: &mut CorpusContext) {
    if files.len() < 2 {
        // Nothing to compare with (and no threads started for nothing).
        return;
    }
    let corpus = Corpus::new(files);
    let n = corpus.len();
    // The match of each unit that has one, and the units that repeat an
    // earlier unit of their own file word for word (they stand where that
    // unit stands): few units of a corpus, so kept by unit rather than in
    // a slot for each of the hundreds of thousands (the corpus pass is when
    // memory peaks).
    let mut best: BTreeMap<usize, Match> = BTreeMap::new();
    let mut copy_of: HashMap<usize, usize> = HashMap::new();
    // Exact copies: units sorted by hash, then number; the first of a run is
    // the first occurrence.
    let mut by_hash: Vec<(u64, u32)> = (0..n)
        .filter_map(|g| Some((corpus.unit(g)?.exact, g as u32)))
        .collect();
    by_hash.sort_unstable();
    for run in by_hash.chunk_by(|a, b| a.0 == b.0) {
        let first = run[0].1 as usize;
        for (_, g) in &run[1..] {
            let g = *g as usize;
            match (corpus.unit(first), corpus.unit(g)) {
                (Some(a), Some(b)) if same_text(a, b) => {}
                // Equal hashes of different texts: left to the near check.
                _ => continue,
            }
            if corpus.same_file(first, g) {
                copy_of.insert(g, first);
            } else {
                best.insert(
                    g,
                    Match {
                        earlier: first,
                        similarity: 1.0,
                        exact: true,
                        within: None,
                        whole: false,
                    },
                );
            }
        }
    }
    drop(by_hash);
    if near_too {
        let eligible: Vec<bool> = (0..n)
            .map(|g| !best.contains_key(&g) && !copy_of.contains_key(&g))
            .collect();
        near(&corpus, &eligible, threshold, &mut best);
        for (g, r) in copy_of {
            if let Some(m) = best.get(&r).copied() {
                best.insert(g, m);
            }
        }
    }
    for (&g, m) in &best {
        let (Some((file, facts, i)), Some((other_file, other_facts, j))) =
            (corpus.at(g), corpus.at(m.earlier))
        else {
            continue;
        };
        let (Some(u), Some(e)) = (facts.units.get(i), other_facts.units.get(j)) else {
            continue;
        };
        let location = facts.locations.get(i).map_or_else(Location::default, wide);
        let other_location = other_facts
            .locations
            .get(j)
            .map_or_else(Location::default, wide);
        let path = files[other_file].path;
        let other = format!("{}:{}", path.display(), other_location.line);
        let noun = what(u.kind);
        let differ = m
            .exact
            .then(|| {
                first_difference(
                    facts.symbols_of(i).chars(),
                    other_facts.symbols_of(j).chars(),
                )
            })
            .flatten();
        let (message, label) = if let Some((here, there)) = &differ {
            // The same words, but a sign, a currency or a unit differs.
            (
                format!(
                    "{noun} repeats the words of {other}, with `{here}` where it has `{there}`"
                ),
                "the same words here".to_string(),
            )
        } else if m.exact {
            (
                format!("{noun} repeats {other} word for word"),
                "first written here".to_string(),
            )
        } else {
            (
                format!("{noun} is {}% similar to {other}", m.percent()),
                format!("similar {} here", what(e.kind)),
            )
        };
        // A passage shared on purpose (a series banner, a quoted
        // definition) is what `allow` is for: the help says so, or the
        // author is left to rewrite what was meant to stay.
        let help = if differ.is_some() {
            CORPUS_SYMBOLS_HELP
        } else {
            CORPUS_HELP
        };
        let finding = Finding::new(u.span, message)
            .label_in(path.clone(), e.span, other_location, label)
            .help(help);
        cx.report(file, location, finding);
    }
}

/// The help of a copy across articles.
const CORPUS_HELP: &str = "keep the text in one of the two articles and link to it from the other, or rewrite this copy; if both are meant to carry it (a series banner, a quoted definition), list it in this rule's `allow` option in repere.toml";

/// The help of copies across articles whose words are the same and whose
/// signs or currencies differ.
const CORPUS_SYMBOLS_HELP: &str = "if both are meant, say in words what differs between the two articles; else keep the text in one of them and link to it from the other";

/// Near copies in other files: pairs of units that share an LSH band key,
/// from different files, verified on their shingle sets.
fn near(corpus: &Corpus<'_>, eligible: &[bool], threshold: f64, best: &mut BTreeMap<usize, Match>) {
    let bands = corpus.files.iter().map(|(_, f)| f.bands).max().unwrap_or(0);
    // The list of `key << 32 | unit` of one band at a time (per thread):
    // the lists of every band at once would be the largest thing in memory
    // at 20,000 articles (10 million keys, 80 MB).
    let mut candidates: Vec<u64> = (0..bands)
        .into_par_iter()
        .flat_map_iter(|band| band_pairs(corpus, band_list(corpus, eligible, band)))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let verified: Vec<(usize, Match)> = candidates
        .par_iter()
        .filter_map(|pair| {
            let later = (pair >> 32) as usize;
            let earlier = (pair & 0xffff_ffff) as usize;
            let l = corpus.unit(later)?;
            let e = corpus.unit(earlier)?;
            // The Jaccard similarity is at most the ratio of the sizes.
            let (small, large) = (
                l.shingles.len().min(e.shingles.len()),
                l.shingles.len().max(e.shingles.len()),
            );
            if (small as f64) < threshold * large as f64 {
                return None;
            }
            let similarity = jaccard(&l.shingles, &e.shingles);
            (similarity >= threshold).then_some((
                later,
                Match {
                    earlier,
                    similarity,
                    exact: false,
                    within: None,
                    whole: false,
                },
            ))
        })
        .collect();
    for (later, m) in verified {
        if later < corpus.len() && m.beats(&best.get(&later).copied()) {
            best.insert(later, m);
        }
    }
}

/// The keys of band `band` of the eligible units, as `key << 32 | unit`,
/// in unit order.
fn band_list(corpus: &Corpus<'_>, eligible: &[bool], band: usize) -> Vec<u64> {
    let mut list = Vec::with_capacity(corpus.len());
    let mut g = 0;
    for (_, facts) in &corpus.files {
        let n = facts.units.len();
        // A file without keys (only exact copies looked for) has none here.
        let keys = facts.keys.get(band * n..(band + 1) * n).unwrap_or_default();
        for (k, key) in keys.iter().enumerate() {
            if eligible.get(g + k).copied().unwrap_or(false) {
                list.push((u64::from(*key) << 32) | (g + k) as u64);
            }
        }
        g += n;
    }
    list
}

/// The (later, earlier) pairs of units in different files that share a key
/// of one band (`list`, of `key << 32 | unit`, in unit order), as
/// `later << 32 | earlier`.
fn band_pairs(corpus: &Corpus<'_>, mut list: Vec<u64>) -> Vec<u64> {
    radix_sort_keys(&mut list);
    let mut pairs = Vec::new();
    for bucket in list.chunk_by(|a, b| a >> 32 == b >> 32) {
        for (p, later) in bucket.iter().enumerate().skip(1) {
            let later = (later & 0xffff_ffff) as usize;
            for earlier in &bucket[..p.min(BUCKET_CAP)] {
                let earlier = (earlier & 0xffff_ffff) as usize;
                if !corpus.same_file(earlier, later) {
                    pairs.push(((later as u64) << 32) | earlier as u64);
                }
            }
        }
    }
    pairs
}

/// Sorts `key << 32 | unit` values by key, keeping the order of equal keys
/// (three stable counting passes of 11 bits: linear, where a comparison sort
/// is not).
fn radix_sort_keys(list: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const MASK: u64 = (1 << BITS) - 1;
    let mut other = vec![0u64; list.len()];
    let mut counts = [0usize; 1 << BITS];
    for pass in 0..3 {
        let shift = 32 + pass * BITS;
        counts.fill(0);
        for x in list.iter() {
            counts[((x >> shift) & MASK) as usize] += 1;
        }
        let mut sum = 0;
        for c in counts.iter_mut() {
            (*c, sum) = (sum, sum + *c);
        }
        for x in list.iter() {
            let d = ((x >> shift) & MASK) as usize;
            other[counts[d]] = *x;
            counts[d] += 1;
        }
        std::mem::swap(list, &mut other);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The symbols kept for the corpus pass, one after the other, are
    /// those of each unit's text.
    #[test]
    fn each_units_symbols_are_kept_for_the_corpus_pass() {
        use crate::document::markdown::BlockKind;
        use crate::rules::duplicates::units::Extractor;
        let text = "---\ntitle: x\n---\n- Un Junior touche -3 % de moins, soit 42k€ à Lyon, ~40k$ ailleurs.\n\
                    - +15 % pour un Senior à Paris, ≤ 60 000 € et 55k£ au-delà des attentes.\n\n\
                    Le ~~barré~~ et -- rien : « 5 ans » pour 45 000 € brut, + 10 % de variable.\n";
        let doc = Document::parse("a.md", text.to_string());
        let extractor = Extractor {
            kinds: vec![BlockKind::Paragraph, BlockKind::ListItem],
            min_words: 1,
            shingle: 3,
            skip_sections: Vec::new(),
            allowed: Vec::new(),
        };
        let units = Arc::new(extractor.units(&doc));
        assert_eq!(units.len(), 3);
        let facts = FileFacts::new(&doc, units.clone(), None);
        for (i, u) in units.iter().enumerate() {
            let own: String = super::super::symbols(doc.text(u.span)).collect();
            assert_eq!(facts.symbols_of(i), own, "{i}");
        }
        assert_eq!(facts.symbols_of(0), "-%€~$");
        assert_eq!(facts.symbols_of(1), "+%≤€£");
    }

    #[test]
    fn radix_sort_orders_by_key_and_keeps_unit_order() {
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut list: Vec<u64> = (0..5000u64)
            .map(|g| {
                x = x.rotate_left(13).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ g;
                (((x >> 32) % 700) << 32) | (((x >> 32) % 3) << 48) | g
            })
            .collect();
        let mut expected = list.clone();
        expected.sort_by_key(|v| (v >> 32, v & 0xffff_ffff));
        radix_sort_keys(&mut list);
        assert_eq!(list, expected);
    }
}
