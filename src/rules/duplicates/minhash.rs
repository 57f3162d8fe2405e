//! MinHash sketches of shingle sets, cut into LSH bands: two sets whose
//! Jaccard similarity is `j` share at least one band key with probability
//! `1 - (1 - j^rows)^bands`, so a table of band keys finds the pairs above a
//! threshold without comparing every pair.
//!
//! The sketch is one-permutation hashing with optimal densification
//! (Shrivastava, 2017): one hash per shingle and a bin per sketch value, then
//! each empty bin borrows the value of a bin chosen by a fixed probe sequence.
//! It costs O(shingles + sketch size) per set, where classic MinHash costs
//! their product, and keeps `P[values equal] = Jaccard` for every bin.

use super::units::mix64;

/// The most bands a sketch is cut into: more bands find more pairs at a low
/// threshold, and cost memory and time for every unit.
const MAX_BANDS: usize = 20;

/// Chance of missing a pair whose similarity is exactly at the threshold.
const MISS: f64 = 0.005;

const SEED_BIN: u64 = 0x5be0_cd19_137e_2179;
const SEED_PROBE: u64 = 0x1f83_d9ab_fb41_bd6b;
const SEED_BAND: u64 = 0x9b05_688c_2b3e_6c1f;

const EMPTY: u64 = u64::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banding {
    pub rows: usize,
    pub bands: usize,
}

impl Banding {
    /// The most selective banding (most rows per band) that finds a pair at
    /// similarity `threshold` with probability at least 99.5%, within
    /// [`MAX_BANDS`] bands.
    pub fn for_threshold(threshold: f64) -> Banding {
        let t = threshold.clamp(0.01, 1.0);
        for rows in (1..=8usize).rev() {
            let p = t.powi(rows as i32);
            let bands = if p >= 1.0 {
                1.0
            } else {
                (MISS.ln() / (1.0 - p).ln()).ceil().max(1.0)
            };
            if bands <= MAX_BANDS as f64 {
                return Banding {
                    rows,
                    bands: bands as usize,
                };
            }
        }
        Banding {
            rows: 1,
            bands: MAX_BANDS,
        }
    }

    /// The probability that two sets of similarity `j` share a band key.
    #[cfg(test)]
    pub fn recall(&self, j: f64) -> f64 {
        1.0 - (1.0 - j.powi(self.rows as i32)).powi(self.bands as i32)
    }
}

/// How many probes of each bin's sequence [`Sketcher`] keeps at hand.
const PROBES: usize = 32;

/// Computes band keys, with the first probes of every bin's sequence (see
/// [`sketch_into`]) computed once.
#[derive(Debug, Clone)]
pub struct Sketcher {
    pub banding: Banding,
    /// `PROBES` bins per bin.
    probes: Vec<u8>,
}

impl Sketcher {
    pub fn new(banding: Banding) -> Sketcher {
        let k = banding.rows * banding.bands;
        let probes = (0..k)
            .flat_map(|i| (1..=PROBES as u64).map(move |attempt| probe(i, attempt, k) as u8))
            .collect();
        Sketcher { banding, probes }
    }

    /// Appends the band keys of a set of shingle hashes (one per band);
    /// `bins` is scratch space.
    pub fn keys(&self, shingles: &[u32], bins: &mut Vec<u64>, out: &mut Vec<u32>) {
        let Banding { rows, bands } = self.banding;
        sketch_into(shingles, rows * bands, &self.probes, bins);
        for band in 0..bands {
            let mut h = band as u64 ^ SEED_BAND;
            for row in 0..rows {
                let v = bins.get(band * rows + row).copied().unwrap_or(EMPTY);
                h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            }
            out.push((mix64(h) >> 32) as u32);
        }
    }
}

/// The bin of the `attempt`-th probe for bin `i`, among `k`.
fn probe(i: usize, attempt: u64, k: usize) -> usize {
    let h = mix64((((i as u64) << 32) | attempt) ^ SEED_PROBE);
    (((h >> 32) * k as u64) >> 32) as usize
}

/// The `k` sketch values of a set, into `bins`.
///
/// One-permutation hashing: each shingle falls in a bin by its top bits, and
/// a bin keeps the least value of its shingles (values: a bijection of the
/// shingles, so the order within a bin is another permutation). An empty bin
/// takes the value of the first filled bin of a probe sequence fixed by the
/// bin alone (optimal densification, Shrivastava 2017), so that two sets
/// probe alike; `probes` holds the start of each bin's sequence (`PROBES`
/// each, or none). Two sets then agree on a bin with probability their
/// Jaccard similarity, for every bin, with bins as independent as they can
/// be (borrowing from a neighbour would tie them, and let pairs that share
/// little collide in many bands).
fn sketch_into(shingles: &[u32], k: usize, probes: &[u8], bins: &mut Vec<u64>) {
    bins.clear();
    bins.resize(k, EMPTY);
    for s in shingles {
        // Shingles are hashes already.
        let bin = ((u64::from(*s) * k as u64) >> 32) as usize;
        let value = u64::from(s.wrapping_mul(SEED_BIN as u32 | 1));
        if let Some(b) = bins.get_mut(bin) {
            *b = (*b).min(value);
        }
    }
    if shingles.is_empty() {
        return;
    }
    // Borrowed values are marked (bit 32), so that a bin borrows only from
    // bins filled by the set itself.
    const BORROWED: u64 = 1 << 32;
    for i in 0..k {
        if bins[i] != EMPTY {
            continue;
        }
        // `EMPTY` is above `BORROWED` too: `< BORROWED` is a bin of its own.
        let known = probes.get(i * PROBES..(i + 1) * PROBES).unwrap_or(&[]);
        let mut found = EMPTY;
        for j in known {
            let v = bins.get(*j as usize).copied().unwrap_or(EMPTY);
            if v < BORROWED {
                found = v;
                break;
            }
        }
        let mut attempt = known.len() as u64 + 1;
        while found == EMPTY && attempt <= 64 * k as u64 {
            found = bins
                .get(probe(i, attempt, k))
                .copied()
                .filter(|v| *v < BORROWED)
                .unwrap_or(EMPTY);
            attempt += 1;
        }
        if found == EMPTY {
            // Some bin is filled (the set is not empty): only in theory could
            // every probe miss it.
            found = bins
                .iter()
                .copied()
                .find(|v| *v < BORROWED)
                .unwrap_or(EMPTY);
        }
        bins[i] = found | BORROWED;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn banding_meets_its_recall() {
        for t in [0.3, 0.5, 0.6, 0.8, 0.95, 1.0] {
            let b = Banding::for_threshold(t);
            assert!(b.bands <= MAX_BANDS);
            assert!(b.recall(t) >= 1.0 - MISS - 1e-9, "{t}: {b:?}");
        }
        assert_eq!(Banding::for_threshold(0.5), Banding { rows: 2, bands: 19 });
    }

    #[test]
    fn collision_rate_follows_similarity() {
        // Two sets of 60 shingle hashes sharing 40: Jaccard 40 / 80 = 0.5.
        let h = |i: u64| (mix64(i) >> 32) as u32;
        let mut a: Vec<u32> = (0..60).map(h).collect();
        let mut b: Vec<u32> = (20..80).map(h).collect();
        a.sort_unstable();
        b.sort_unstable();
        let k = 4000;
        let (mut sa, mut sb) = (Vec::new(), Vec::new());
        sketch_into(&a, k, &[], &mut sa);
        sketch_into(&b, k, &[], &mut sb);
        let equal = sa.iter().zip(&sb).filter(|(x, y)| x == y).count();
        let rate = equal as f64 / k as f64;
        assert!((rate - 0.5).abs() < 0.05, "{rate}");
        let mut again = Vec::new();
        sketch_into(&a, k, &[], &mut again);
        assert_eq!(again, sa, "deterministic");
        assert!(sa.iter().all(|v| *v != EMPTY));
    }

    #[test]
    fn equal_sets_share_every_band() {
        let b = Sketcher::new(Banding::for_threshold(0.5));
        let a = [3u32, 9, 77, 1 << 20];
        let (mut x, mut y) = (Vec::new(), Vec::new());
        b.keys(&a, &mut Vec::new(), &mut x);
        b.keys(&a, &mut Vec::new(), &mut y);
        assert_eq!(x, y);
        assert_eq!(x.len(), b.banding.bands);
        // The table of probes changes nothing.
        let (mut with, mut without) = (Vec::new(), Vec::new());
        sketch_into(&a, 38, &b.probes, &mut with);
        sketch_into(&a, 38, &[], &mut without);
        assert_eq!(with, without);
    }
}

#[cfg(test)]
mod recall {
    use super::*;

    /// The share of pairs at similarity 0.5 that share a band key, for
    /// sets of `n` shingles (2n/3 of them shared).
    fn measured(n: u64, trials: u64) -> f64 {
        let s = Sketcher::new(Banding::for_threshold(0.5));
        let h = |i: u64| (mix64(i) >> 32) as u32;
        let mut found = 0;
        for t in 0..trials {
            let base = t * 1000;
            let shared = 2 * n / 3;
            let mut a: Vec<u32> = (0..n).map(|i| h(base + i)).collect();
            let mut b: Vec<u32> = (0..shared).map(|i| h(base + i)).collect();
            b.extend((n..2 * n - shared).map(|i| h(base + i)));
            a.sort_unstable();
            b.sort_unstable();
            let (mut ka, mut kb) = (Vec::new(), Vec::new());
            s.keys(&a, &mut Vec::new(), &mut ka);
            s.keys(&b, &mut Vec::new(), &mut kb);
            if ka.iter().zip(&kb).any(|(x, y)| x == y) {
                found += 1;
            }
        }
        found as f64 / trials as f64
    }

    #[test]
    fn pairs_at_the_threshold_are_found() {
        for n in [9, 12, 30, 90, 300] {
            let r = measured(n, 4000);
            assert!(r > 0.98, "n = {n}: {r}");
        }
    }
}
