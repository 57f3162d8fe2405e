//! "Did you mean": the closest of a few candidates, and [`Nearby`], an index
//! that finds it among thousands of names (a site's page slugs) without
//! comparing with each.

use std::collections::HashMap;

pub use crate::typo::typo_of;
use crate::typo::{CLOSE, similarity};

/// The closest of `candidates` to `word`, if it is close enough to be what was meant.
///
/// Close means a small edit distance, or every word of `word` being a word of
/// the candidate (`role-cto` for `le-role-du-cto`).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    closest(word, candidates.iter().copied().enumerate()).and_then(|i| candidates.get(i).copied())
}

/// The placeholders some text of a pack has: `{match}` in a phrase's,
/// `{message}` and `{help}` in a rule's.
const PLACEHOLDERS: [&str; 3] = ["match", "message", "help"];

/// Placeholders other tools have, which an author may take for this one's:
/// nothing replaces them in a pack's text.
const OTHER_TOOLS: [&str; 7] = ["value", "text", "msg", "found", "matched", "word", "key"];

/// Which text has a placeholder of [`PLACEHOLDERS`].
fn owner(placeholder: &str) -> &'static str {
    if placeholder == "match" {
        "a phrase's text"
    } else {
        "a rule's text"
    }
}

/// The first placeholder of `text` that is none of `allowed` but looks
/// meant as one, as an error: a slip for one of them (`{mach}`, with a "did
/// you mean"), or one that another text has, or a slip for it (`{match}` in
/// a rule's `message`, `{hepl}` in a phrase's `help`). Nothing would
/// replace it, and it would be printed as written. `what` names the text (`` `message` ``), `known` says what the
/// allowed placeholders are. Other braces are text (a help may quote a file
/// name template, `{date}-{slug}.md`).
pub fn unknown_placeholder(
    text: &str,
    allowed: &[&'static str],
    what: &str,
    known: &str,
) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}')?;
        let written = &after[..close];
        // `{ match }` is a slip for `{match}`.
        let name = written.trim_matches(' ');
        let word = !name.is_empty() && name.chars().all(|c| c.is_alphabetic() || c == '_');
        if word && written != name && allowed.contains(&name) {
            return Some(format!(
                "{what} has `{{{written}}}`, which nothing replaces; did you mean `{{{name}}}`, without spaces? ({known})"
            ));
        }
        if word && OTHER_TOOLS.contains(&name.to_lowercase().as_str()) {
            return Some(format!(
                "{what} has the placeholder `{{{written}}}`, which nothing replaces ({known})"
            ));
        }
        if word && !allowed.contains(&name) {
            let meant = did_you_mean(&name.to_lowercase(), allowed.iter().copied());
            let other = did_you_mean(&name.to_lowercase(), PLACEHOLDERS);
            if meant.is_some() || other.is_some() {
                // A slip for one of this text's, or one of another text's
                // (or a slip for it), named so that the author sees why.
                let meant = match (meant, other) {
                    (Some(m), _) => format!("; did you mean `{{{m}}}`?"),
                    (None, Some(o)) if o == name.to_lowercase() => {
                        format!("; `{{{o}}}` belongs to {}, not to this one", owner(o))
                    }
                    (None, Some(o)) => format!(
                        "; it looks like `{{{o}}}`, which belongs to {}, not to this one",
                        owner(o)
                    ),
                    (None, None) => String::new(),
                };
                return Some(format!(
                    "{what} has the placeholder `{{{written}}}`, which nothing replaces{meant} ({known})"
                ));
            }
        }
        rest = if word { &after[close + 1..] } else { after };
    }
    None
}

/// The words of a lowercased name: its runs of letters and digits.
fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The least score of a lowercased candidate: [`CLOSE`] when every word of
/// the lowercased word (`mine`) is one of its words (`role-cto` for
/// `le-role-du-cto`), else 0.
fn floor(mine: &[&str], candidate: &str) -> f64 {
    let subset = !mine.is_empty() && mine.iter().all(|w| words(candidate).any(|t| t == *w));
    if subset { CLOSE } else { 0.0 }
}

/// The key of the closest candidate, if close enough (see [`did_you_mean`]);
/// on a tie, the last one.
fn closest<'a, K>(word: &str, candidates: impl Iterator<Item = (K, &'a str)>) -> Option<K> {
    let word = word.to_lowercase();
    let mine: Vec<&str> = words(&word).collect();
    candidates
        .map(|(key, c)| {
            let lower = c.to_lowercase();
            let score = similarity(&word, &lower);
            (score.max(floor(&mine, &lower)), key)
        })
        .filter(|(score, _)| *score >= CLOSE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, key)| key)
}

/// Up to this many names, a suggestion compares the word with every one.
const FULL_SCAN: usize = 256;
/// A word that this many names share does not narrow the search: it is not
/// used to find candidates.
const COMMON: usize = 256;

/// Names indexed by their words, for "did you mean" among many: a suggestion
/// compares the word only with the names that share one of its less common
/// words, and skips at once those whose letters are too different to be
/// close, so its cost does not grow with the number of names. Among
/// [`FULL_SCAN`] names or fewer, every name is compared, as [`did_you_mean`]
/// does (same answers); beyond, a word that shares no word with fewer than
/// [`COMMON`] names gets no suggestion.
#[derive(Debug, Clone, Default)]
pub struct Nearby<T> {
    /// Sorted by name, so that suggestions do not depend on the order given.
    entries: Vec<(String, T)>,
    /// Per entry: its name lowercased, its length in characters and the
    /// counts of its characters (see [`Letters`]).
    keys: Vec<(String, usize, Letters)>,
    words: HashMap<String, Vec<u32>>,
}

/// How many times each character occurs, folded into 64 buckets. An edit
/// (insertion, deletion, substitution or transposition) changes the sum of
/// the differences between two such counts by 2 at most, so half that sum is
/// a lower bound of the edit distance: a candidate too far by its letters is
/// skipped without computing the distance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Letters([u8; 64]);

impl Letters {
    pub(crate) fn of(s: &str) -> Letters {
        let mut counts = [0u8; 64];
        for c in s.chars() {
            let slot = &mut counts[(c as u32 % 64) as usize];
            *slot = slot.saturating_add(1);
        }
        Letters(counts)
    }

    /// A lower bound of the edit distance between the two strings.
    pub(crate) fn min_distance(&self, other: &Letters) -> usize {
        let diff: usize = self
            .0
            .iter()
            .zip(other.0.iter())
            .map(|(a, b)| a.abs_diff(*b) as usize)
            .sum();
        diff.div_ceil(2)
    }
}

impl<T> Nearby<T> {
    pub fn new(entries: impl IntoIterator<Item = (String, T)>) -> Self {
        let mut entries: Vec<(String, T)> = entries.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let keys: Vec<(String, usize, Letters)> = entries
            .iter()
            .map(|(name, _)| {
                let lower = name.to_lowercase();
                let letters = Letters::of(&lower);
                let len = lower.chars().count();
                (lower, len, letters)
            })
            .collect();
        let mut index: HashMap<String, Vec<u32>> = HashMap::new();
        if entries.len() > FULL_SCAN {
            for (i, (lower, _, _)) in keys.iter().enumerate() {
                for w in words(lower) {
                    let list = index.entry(w.to_string()).or_default();
                    // Names are indexed in order: a repeated word is seen last.
                    if list.last() != Some(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
        }
        Nearby {
            entries,
            keys,
            words: index,
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry whose name is closest to `word`, if close enough: the same
    /// as [`did_you_mean`] over the candidates.
    pub fn suggest(&self, word: &str) -> Option<&(String, T)> {
        let lower = word.to_lowercase();
        let mut mine: Vec<&str> = words(&lower).collect();
        let candidates: Vec<usize> = if self.entries.len() <= FULL_SCAN {
            (0..self.entries.len()).collect()
        } else {
            mine.sort_unstable();
            mine.dedup();
            let mut found: Vec<usize> = mine
                .iter()
                .filter_map(|w| self.words.get(*w))
                .filter(|list| list.len() < COMMON)
                .flatten()
                .map(|i| *i as usize)
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        };
        let len = lower.chars().count();
        let letters = Letters::of(&lower);
        // As `closest`: the best score at least 0.7, the last of equals.
        let mut best: Option<(f64, usize)> = None;
        for i in candidates {
            let Some((name, their_len, their_letters)) = self.keys.get(i) else {
                continue;
            };
            let longest = len.max(*their_len).max(1) as f64;
            let floor = floor(&mine, name);
            let at_most = (1.0 - letters.min_distance(their_letters) as f64 / longest).max(floor);
            let needed = best.map_or(CLOSE, |(b, _)| b);
            if at_most < needed {
                continue;
            }
            let score = similarity(&lower, name).max(floor);
            if score >= needed {
                best = Some((score, i));
            }
        }
        best.and_then(|(_, i)| self.entries.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_close_by_their_letters_only() {
        let keys = ["slug", "publish_date", "title"];
        assert_eq!(typo_of("slgu", keys), Some("slug"));
        assert_eq!(typo_of("Titel", keys), Some("title"));
        assert_eq!(typo_of("date", keys), None);
        assert_eq!(typo_of("pillar", keys), None);
    }

    #[test]
    fn close_names_and_subsets() {
        let pillars = ["le-role-du-cto", "gouvernance-decision", "trouver-sa-place"];
        assert_eq!(did_you_mean("role-cto", pillars), Some("le-role-du-cto"));
        assert_eq!(
            did_you_mean("gouvernance-decison", pillars),
            Some("gouvernance-decision")
        );
        assert_eq!(did_you_mean("salaires", pillars), None);
    }

    /// Many slugs: the index finds the same suggestion as comparing with
    /// every slug, for typos and for missing words.
    #[test]
    fn many_names_same_answers_as_the_full_comparison() {
        let topics = [
            "dette",
            "technique",
            "recrutement",
            "equipe",
            "budget",
            "produit",
            "strategie",
            "culture",
            "delegation",
            "feedback",
            "entretien",
            "salaire",
            "carriere",
            "mentor",
        ];
        let mut slugs = Vec::new();
        for (i, a) in topics.iter().enumerate() {
            for (j, b) in topics.iter().enumerate() {
                for n in 0..3 {
                    slugs.push(format!("{a}-{b}-cto-{}", i * 100 + j * 3 + n));
                }
            }
        }
        let nearby = Nearby::new(slugs.iter().map(|s| (s.clone(), ())));
        assert!(nearby.len() > FULL_SCAN);
        for query in [
            "dette-technque-cto-7",
            "culture-feedback-cto",
            "mentor-salaire-cto-1336",
            "recrutement-equipe-ct0-103",
            "rien-a-voir",
        ] {
            let full = did_you_mean(query, slugs.iter().map(String::as_str));
            let indexed = nearby.suggest(query).map(|(n, _)| n.as_str());
            assert_eq!(indexed, full, "{query}");
        }
        assert!(nearby.suggest("dette-technque-cto-7").is_some());
    }

    #[test]
    fn the_order_given_does_not_matter() {
        let a = Nearby::new([("ab-c".to_string(), 1), ("ab-d".to_string(), 2)]);
        let b = Nearby::new([("ab-d".to_string(), 2), ("ab-c".to_string(), 1)]);
        assert_eq!(a.suggest("ab"), b.suggest("ab"));
    }
}
