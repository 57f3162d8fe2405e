//! How close a word is to another by its letters: the edit distance that
//! "did you mean" judges by. A module of its own because the YAML module,
//! which names the key a slip was meant for, is also built into the build
//! script, which has no `rules`.

/// The score from which a candidate is taken for what was meant.
pub const CLOSE: f64 = 0.7;

/// 1 minus the edit distance (insertions, deletions, substitutions and
/// swaps of two neighbours, each counted once) over the longer length, in
/// characters. The restricted distance (no edit of a swapped pair) is
/// computed on three rows, where the unrestricted one keeps a map of the
/// last row each character was seen in: a tenth of the work, for the same
/// distance on a name with a typo or two.
pub fn similarity(a: &str, b: &str) -> f64 {
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 1.0;
    }
    1.0 - strsim::osa_distance(a, b) as f64 / longest as f64
}

/// The candidate `word` is a slip of the keyboard for: the closest by edit
/// distance alone, if close enough. Unlike `rules::did_you_mean`, a word that is
/// one of a candidate's words is not taken for it (`date` is not a slip for
/// `publish_date`, it may be another key).
pub fn typo_of<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (similarity(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= CLOSE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The candidate an unknown key of a closed set (the options a rule kind
/// takes) was meant for: a slip of the keyboard ([`typo_of`]), or else the
/// one candidate that the word begins, up to a `_` or `-` (`allow_extra`
/// for `allow_extra_sections`), or anywhere for a word of three letters or
/// more (`warn` for `warning`).
pub fn meant_of<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    typo_of(word, candidates.iter().copied()).or_else(|| {
        let word = word.to_lowercase();
        let mut begun = candidates.iter().filter(|c| {
            let c = c.to_lowercase();
            !word.is_empty()
                && c.len() > word.len()
                && c.starts_with(&word)
                && (matches!(c.as_bytes().get(word.len()), Some(b'_' | b'-'))
                    || word.chars().count() >= 3)
        });
        match (begun.next(), begun.next()) {
            (Some(c), None) => Some(*c),
            _ => None,
        }
    })
}

/// "; did you mean `x`?", to end a message, when there is a word meant;
/// else nothing.
pub fn hint(meant: Option<&str>) -> String {
    meant.map_or(String::new(), |m| format!("; did you mean `{m}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_meant() {
        let keys = [
            "allow_extra_sections",
            "sections",
            "min_items",
            "min_length",
        ];
        assert_eq!(meant_of("allow_extra", keys), Some("allow_extra_sections"));
        assert_eq!(meant_of("sectoins", keys), Some("sections"));
        // Two keys begin with it: no guess.
        assert_eq!(meant_of("min", keys), None);
        assert_eq!(meant_of("allow", keys), Some("allow_extra_sections"));
        assert_eq!(meant_of("extra", keys), None);
        // The start of a word, of three letters or more.
        let levels = ["error", "warning", "info", "off"];
        assert_eq!(meant_of("warn", levels), Some("warning"));
        assert_eq!(meant_of("inf", levels), Some("info"));
        assert_eq!(meant_of("wa", levels), None);
    }
}
