//! The cross-file pass. Each file contributes small facts (per unit: its
//! hashes, shingle set, band keys and location); the corpus pass finds exact
//! copies by hashing and near copies through the LSH band keys, verified on
//! the shingle sets, and reports each copy in the later file.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

use rayon::prelude::*;

use super::minhash::Sketcher;
use super::units::{Unit, jaccard};
use super::{Match, Prehashed, same_text, what};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::rules::{CorpusContext, CorpusFile};
use crate::span::Location;

/// What the corpus pass knows of a file.
pub struct FileFacts {
    units: Arc<Vec<Unit>>,
    locations: Vec<Location>,
    /// LSH band keys, `bands` per unit (none when only exact copies are
    /// looked for).
    keys: Vec<u32>,
    bands: usize,
}

impl FileFacts {
    pub fn new(doc: &Document, units: Arc<Vec<Unit>>, sketcher: Option<&Sketcher>) -> FileFacts {
        let locations = locations(doc, &units);
        let mut keys = Vec::new();
        if let Some(s) = sketcher {
            keys.reserve(units.len() * s.banding.bands);
            let mut bins = Vec::new();
            for u in units.iter() {
                s.keys(&u.shingles, &mut bins, &mut keys);
            }
        }
        FileFacts {
            units,
            locations,
            keys,
            bands: sketcher.map_or(0, |s| s.banding.bands),
        }
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

/// A unit as the corpus pass sees it.
struct Item<'a> {
    /// Index of its file in the slice given to the pass.
    file: usize,
    unit: &'a Unit,
    location: Location,
    keys: &'a [u32],
}

/// The most earlier members of one LSH bucket a unit is compared with. A
/// bucket only grows large when many units share the same wording (a
/// template sentence); comparing with its first members still finds the
/// copies, and keeps the pass linear in the number of units.
const BUCKET_CAP: usize = 32;

/// Every unit of every file, in path order then document order.
type Units<'a> = Vec<Item<'a>>;

pub fn check(files: &[CorpusFile<'_>], threshold: f64, near_too: bool, cx: &mut CorpusContext) {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by(|a, b| files[*a].path.cmp(files[*b].path));
    let mut all: Units<'_> = Vec::new();
    for &f in &order {
        if let Some(facts) = files[f].facts.downcast_ref::<FileFacts>() {
            for (i, unit) in facts.units.iter().enumerate() {
                all.push(Item {
                    file: f,
                    unit,
                    location: facts.locations.get(i).copied().unwrap_or_default(),
                    keys: facts
                        .keys
                        .get(i * facts.bands..(i + 1) * facts.bands)
                        .unwrap_or(&[]),
                });
            }
        }
    }
    let n = all.len();
    let mut best: Vec<Option<Match>> = vec![None; n];
    // Units that repeat an earlier unit of their own file word for word:
    // they stand where that unit stands.
    let mut copy_of: Vec<Option<usize>> = vec![None; n];
    let mut first: HashMap<u64, usize, BuildHasherDefault<Prehashed>> =
        HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
    for (g, item) in all.iter().enumerate() {
        match first.get(&item.unit.exact) {
            Some(&r) if same_text(all[r].unit, item.unit) => {
                if all[r].file == item.file {
                    copy_of[g] = Some(r);
                } else {
                    best[g] = Some(Match {
                        earlier: r,
                        similarity: 1.0,
                        exact: true,
                    });
                }
            }
            Some(_) => {}
            None => {
                first.insert(item.unit.exact, g);
            }
        }
    }
    if near_too {
        let eligible: Vec<bool> = (0..n)
            .map(|g| best[g].is_none() && copy_of[g].is_none())
            .collect();
        let bands = all.iter().map(|u| u.keys.len()).max().unwrap_or(0);
        near(&all, &eligible, threshold, bands, &mut best);
        for g in 0..n {
            if let Some(r) = copy_of[g] {
                best[g] = best[r];
            }
        }
    }
    for (g, m) in best.iter().enumerate() {
        let (Some(m), Some(u)) = (m, all.get(g)) else {
            continue;
        };
        let Some(e) = all.get(m.earlier) else {
            continue;
        };
        let path = files[e.file].path;
        let other = format!("{}:{}", path.display(), e.location.line);
        let noun = what(u.unit.kind);
        let (message, label) = if m.exact {
            (
                format!("{noun} repeats {other} word for word"),
                "first written here".to_string(),
            )
        } else {
            (
                format!("{noun} is {}% similar to {other}", m.percent()),
                format!("similar {} here", what(e.unit.kind)),
            )
        };
        let finding = Finding::new(u.unit.span, message)
            .label_in(path.clone(), e.unit.span, e.location, label)
            .help("keep the text in one of the two articles and link to it from the other, or rewrite this copy");
        cx.report(u.file, u.location, finding);
    }
}

/// Near copies in other files: pairs of units that share an LSH band key,
/// from different files, verified on their shingle sets.
fn near(
    all: &Units<'_>,
    eligible: &[bool],
    threshold: f64,
    bands: usize,
    best: &mut [Option<Match>],
) {
    // One list per band of `key << 32 | unit`, in one pass over the units.
    let mut lists: Vec<Vec<u64>> = vec![Vec::with_capacity(all.len()); bands];
    for (g, item) in all.iter().enumerate() {
        if !eligible.get(g).copied().unwrap_or(false) {
            continue;
        }
        for (list, key) in lists.iter_mut().zip(item.keys) {
            list.push((u64::from(*key) << 32) | g as u64);
        }
    }
    let mut candidates: Vec<u64> = lists
        .into_par_iter()
        .flat_map_iter(|list| band_pairs(all, list))
        .collect();
    candidates.par_sort_unstable();
    candidates.dedup();
    let verified: Vec<(usize, Match)> = candidates
        .par_iter()
        .filter_map(|pair| {
            let later = (pair >> 32) as usize;
            let earlier = (pair & 0xffff_ffff) as usize;
            let l = all.get(later)?;
            let e = all.get(earlier)?;
            let similarity = jaccard(&l.unit.shingles, &e.unit.shingles);
            (similarity >= threshold).then_some((
                later,
                Match {
                    earlier,
                    similarity,
                    exact: false,
                },
            ))
        })
        .collect();
    for (later, m) in verified {
        if let Some(slot) = best.get_mut(later)
            && m.beats(slot)
        {
            *slot = Some(m);
        }
    }
}

/// The (later, earlier) pairs of units in different files that share a key
/// of one band (`list`, of `key << 32 | unit`), as `later << 32 | earlier`.
fn band_pairs(all: &Units<'_>, mut list: Vec<u64>) -> Vec<u64> {
    list.sort_unstable();
    let mut pairs = Vec::new();
    for bucket in list.chunk_by(|a, b| a >> 32 == b >> 32) {
        for (p, later) in bucket.iter().enumerate().skip(1) {
            let later = (later & 0xffff_ffff) as usize;
            for earlier in &bucket[..p.min(BUCKET_CAP)] {
                let earlier = (earlier & 0xffff_ffff) as usize;
                if all[earlier].file != all[later].file {
                    pairs.push(((later as u64) << 32) | earlier as u64);
                }
            }
        }
    }
    pairs
}
