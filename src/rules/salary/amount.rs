//! Money amounts, percentage claims and experience bands in running text, as
//! French (and English) articles write them: `45k€`, `45-55k€`, `45 – 55 k€`,
//! `45k€+`, `~37k€/an`, `45 000 € brut`, `entre 45 et 55 k€`, `120-180k$`,
//! `$120k`, with normal, no-break (U+00A0) and narrow no-break (U+202F)
//! spaces inside numbers and before units.
//!
//! Pure functions over a `&str`: every offset returned is a char boundary.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

/// Spaces that may appear inside a number or between a number and its unit.
pub(super) const SPACES: &[char] = &[' ', '\u{a0}', '\u{202f}', '\u{2009}'];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Currency {
    #[serde(rename = "EUR")]
    Eur,
    #[serde(rename = "USD")]
    Usd,
    #[serde(rename = "GBP")]
    Gbp,
    #[serde(rename = "CHF")]
    Chf,
    #[serde(rename = "CAD")]
    Cad,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Eur => "EUR",
            Currency::Usd => "USD",
            Currency::Gbp => "GBP",
            Currency::Chf => "CHF",
            Currency::Cad => "CAD",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::Eur => "€",
            Currency::Usd => "$",
            Currency::Gbp => "£",
            Currency::Chf => " CHF",
            Currency::Cad => " CAD",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        match code.to_ascii_uppercase().as_str() {
            "EUR" | "€" => Some(Currency::Eur),
            "USD" | "$" => Some(Currency::Usd),
            "GBP" | "£" => Some(Currency::Gbp),
            "CHF" => Some(Currency::Chf),
            "CAD" => Some(Currency::Cad),
            _ => None,
        }
    }
}

/// What an amount is counted per, when the text says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Year,
    Month,
    Week,
    Day,
    Hour,
    /// Per something else: `/transaction`, `per talk`, `/user`.
    Unit,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Month => "month",
            Period::Week => "week",
            Period::Day => "day",
            Period::Hour => "hour",
            Period::Unit => "unit",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Gross,
    Net,
}

/// A money amount or range found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// Where it is written, from `~` or a prefix currency to the last unit
    /// word (`~37k€/an`, `45 000 € brut`, `$120k`).
    pub range: Range<usize>,
    /// Where the numbers and their units end (before `/an`, `brut`…).
    pub value_end: usize,
    pub low: f64,
    pub high: f64,
    /// Written as a range (`45-55k€`, `entre 45 et 55 k€`).
    pub is_range: bool,
    pub currency: Currency,
    /// Written in thousands (`k€`).
    pub thousands: bool,
    /// At least: `45k€+`, `au moins 45k€`, `plus de 45k€`, `45k€ minimum`.
    pub open: bool,
    /// At most: `jusqu'à 90k€`, `moins de 90k€`, `90k€ maximum`.
    pub at_most: bool,
    /// `~37k€`, `≈ 37k€`, `environ 37k€`.
    pub approx: bool,
    /// Written with a sign right before it (`+5k€`, `-800€`): a change.
    pub signed: bool,
    pub period: Option<Period>,
    pub basis: Option<Basis>,
}

/// Signs of arithmetic around amounts (`a + b = c`, `a - b`, `a × 12`).
const OPERATORS: &[char] = &['+', '-', '−', '=', '×', '*', '/', '÷'];

/// Whether `head` ends with an operator applied to what precedes it: `+`,
/// `=`, `×`…, or a minus after a number or an amount (`100k€ - 38k€`), not
/// the dash that separates words (`Junior - 38k€`).
fn operator_before(head: &str) -> bool {
    let head = head.trim_end_matches(SPACES);
    match head.strip_suffix(['-', '−']) {
        Some(rest) => {
            // `45`, `45k`, `45k€`, `(45k€ + 5k€)`; not `Stack`.
            let rest = rest
                .trim_end_matches(SPACES)
                .trim_end_matches(['€', '$', '£', ')']);
            let rest = rest.strip_suffix(['k', 'K']).unwrap_or(rest);
            rest.ends_with(|c: char| c.is_ascii_digit())
        }
        None => head.ends_with(OPERATORS),
    }
}

/// Whether `tail` starts with an operator applied to what follows it:
/// `+`, `=`, `×`…, a minus or `/` before a number (`- 6k€`, `/ 12`), not
/// the period of `/an` nor the dash that separates words (`- Paris`).
fn operator_after(tail: &str) -> bool {
    let tail = tail.trim_start_matches(SPACES);
    match tail.strip_prefix(['-', '−', '/']) {
        Some(rest) => rest
            .trim_start_matches(SPACES)
            .trim_start_matches(['€', '$', '£', '('])
            .starts_with(|c: char| c.is_ascii_digit()),
        None => tail.starts_with(OPERATORS),
    }
}

fn is_space(c: char) -> bool {
    SPACES.contains(&c)
}

fn skip_spaces(t: &str, mut i: usize) -> usize {
    while let Some(c) = t[i..].chars().next() {
        if !is_space(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn digit_at(t: &str, i: usize) -> bool {
    t.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

fn digits_end(t: &str, mut i: usize) -> usize {
    while digit_at(t, i) {
        i += 1;
    }
    i
}

/// A number at `i`: `45`, `6.5`, `1,2`, `45 000` (any of the spaces),
/// `120,000`. Returns its value and where it ends.
pub fn number(t: &str, i: usize) -> Option<(f64, usize)> {
    let first_end = digits_end(t, i);
    if first_end == i {
        return None;
    }
    let mut digits: String = t[i..first_end].to_string();
    let mut j = first_end;
    if first_end - i <= 3 {
        let mut grouped = false;
        // Thousands separated by a space: exactly three digits per group.
        while let Some(c) = t[j..].chars().next().filter(|c| is_space(*c)) {
            let k = j + c.len_utf8();
            if digits_end(t, k) == k + 3 {
                digits.push_str(&t[k..k + 3]);
                j = k + 3;
                grouped = true;
            } else {
                break;
            }
        }
        // `120,000`: a comma and exactly three digits (a French decimal
        // comma is followed by one or two digits).
        if !grouped {
            while t.as_bytes().get(j) == Some(&b',') && digits_end(t, j + 1) == j + 4 {
                digits.push_str(&t[j + 1..j + 4]);
                j += 4;
            }
        }
        // `120'000 CHF`: an apostrophe and exactly three digits, as the
        // Swiss group thousands.
        if !grouped && j == first_end {
            while let Some(q) = t[j..].chars().next().filter(|c| matches!(c, '\'' | '’')) {
                let k = j + q.len_utf8();
                if digits_end(t, k) != k + 3 {
                    break;
                }
                digits.push_str(&t[k..k + 3]);
                j = k + 3;
            }
        }
        // `45.000 €`: a dot and exactly three digits, not before `k` or `M`
        // (`1.250k€` stays a decimal), groups thousands too.
        if !grouped && j == first_end {
            while t.as_bytes().get(j) == Some(&b'.')
                && digits_end(t, j + 1) == j + 4
                && !t[j + 4..]
                    .trim_start_matches(SPACES)
                    .starts_with(['k', 'K', 'M'])
            {
                digits.push_str(&t[j + 1..j + 4]);
                j += 4;
            }
        }
    }
    if matches!(t.as_bytes().get(j), Some(b'.' | b',')) && digit_at(t, j + 1) {
        let end = digits_end(t, j + 1);
        digits.push('.');
        digits.push_str(&t[j + 1..end]);
        j = end;
    }
    digits.parse::<f64>().ok().map(|v| (v, j))
}

/// A currency written at `i`: a symbol or a code/word. Returns it and where it ends.
fn currency(t: &str, i: usize) -> Option<(Currency, usize)> {
    let rest = &t[i..];
    // `$ CAD`, `$CA`, `$ canadiens`: Canadian dollars.
    if let Some(after) = rest.strip_prefix('$') {
        let gap = after.len() - after.trim_start_matches(SPACES).len();
        let tail = &after[gap..];
        for word in ["CAD", "CA", "canadiens"] {
            if tail.starts_with(word) && !tail[word.len()..].starts_with(char::is_alphanumeric) {
                return Some((Currency::Cad, i + 1 + gap + word.len()));
            }
        }
    }
    for (sym, cur) in [
        ("€", Currency::Eur),
        ("$", Currency::Usd),
        ("£", Currency::Gbp),
    ] {
        if rest.starts_with(sym) {
            return Some((cur, i + sym.len()));
        }
    }
    // `80KE`, `80 kE`: kilo-euros, as French writes them in short, the `E`
    // right after the multiplier.
    if t[..i].ends_with(['k', 'K'])
        && rest.starts_with('E')
        && !rest[1..].starts_with(char::is_alphanumeric)
    {
        return Some((Currency::Eur, i + 1));
    }
    for (word, cur) in [
        ("euros", Currency::Eur),
        ("euro", Currency::Eur),
        ("EUR", Currency::Eur),
        ("eur", Currency::Eur),
        ("USD", Currency::Usd),
        ("dollars canadiens", Currency::Cad),
        ("dollars", Currency::Usd),
        ("dollar", Currency::Usd),
        ("GBP", Currency::Gbp),
        ("CHF", Currency::Chf),
        ("CAD", Currency::Cad),
    ] {
        if rest.starts_with(word) && !rest[word.len()..].starts_with(char::is_alphanumeric) {
            return Some((cur, i + word.len()));
        }
    }
    None
}

/// A multiplier at `i` (`k`, `K`, `M`) that is not the start of a word
/// (`45 km`, `5 Mo`), except for a currency code (`45kEUR`, `80KE`).
fn multiplier(t: &str, i: usize) -> Option<(f64, usize)> {
    let factor = match t.as_bytes().get(i) {
        Some(b'k' | b'K') => 1_000.0,
        Some(b'M') => 1_000_000.0,
        _ => return None,
    };
    let after = i + 1;
    let free = !t[after..].starts_with(char::is_alphanumeric) || currency(t, after).is_some();
    free.then_some((factor, after))
}

/// The word before `i` (skipping spaces), folded to lowercase ASCII letters.
fn word_before(t: &str, i: usize) -> String {
    let head = t[..i].trim_end_matches(SPACES);
    let word: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    word.to_lowercase()
}

/// A range separator at `i`: `-`, `–`, `—`, `à`, `to`, and `et`/`and` after
/// `entre`/`between`. Returns where it ends and whether it is a bare `-`.
fn separator(t: &str, i: usize, entre: bool) -> Option<(usize, bool)> {
    let rest = &t[i..];
    // `50/60 k€`, `50 000 €/60 000 €`, as job ads write a band (a period,
    // `45k€/an`, has no number after its slash).
    for sep in ["-", "–", "—", "/"] {
        if rest.starts_with(sep) {
            return Some((i + sep.len(), sep == "-"));
        }
    }
    let words: &[&str] = if entre { &["et", "and"] } else { &["à", "to"] };
    for w in words {
        if rest.starts_with(w) && rest[w.len()..].starts_with(is_space) {
            return Some((i + w.len(), false));
        }
    }
    None
}

/// The factor of thousands a bare low end shares with the high end of its
/// range (`de 55 à 65 000 €` is 55 000 to 65 000 €): when the low end is a
/// whole number of one to three digits, the high end is one to three digits
/// followed by groups of `000` only (`65 000`, `1 000 000`, `65.000`), and the
/// low end so scaled is from a tenth of the high end to ten times it (above
/// it, the range goes down and is reported). `de 5 à 65 000 €`, `45-55 500 €`
/// and `45-55000 €` keep their low end as written.
fn shared_thousands(lo: &str, hi: &str) -> Option<f64> {
    if lo.is_empty() || lo.len() > 3 || !lo.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let lead = digits_end(hi, 0);
    if lead == 0 || lead > 3 {
        return None;
    }
    let mut factor = 1.0;
    let mut rest = &hi[lead..];
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        if !(is_space(c) || matches!(c, '.' | ',')) || !after.starts_with("000") {
            return None;
        }
        if after[3..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        factor *= 1_000.0;
        rest = &after[3..];
    }
    if factor == 1.0 {
        return None;
    }
    let low: f64 = lo.parse().ok()?;
    let high: f64 = hi[..lead].parse::<f64>().ok()? * factor;
    let scaled = low * factor;
    (scaled * 10.0 >= high && scaled < high * 10.0).then_some(factor)
}

/// The period and basis words after an amount (`/an`, `par mois`, `brut
/// annuel`, `net/mois`, `/jour`, `per talk`). Returns them and where they end.
fn period_and_basis(t: &str, mut p: usize) -> (Option<Period>, Option<Basis>, usize) {
    let mut period = None;
    let mut basis = None;
    for _ in 0..3 {
        let q = skip_spaces(t, p);
        let rest = &t[q..];
        let word_at = |s: usize| -> (String, usize) {
            let s = skip_spaces(t, s);
            let end = t[s..]
                .char_indices()
                .find(|(_, c)| !(c.is_alphabetic() || *c == '\'' || *c == '’'))
                .map_or(t.len(), |(k, _)| s + k);
            (t[s..end].to_lowercase(), end)
        };
        if period.is_none() && rest.starts_with('/') {
            let (w, end) = word_at(q + 1);
            if w.is_empty() {
                break;
            }
            period = Some(period_of(&w).unwrap_or(Period::Unit));
            p = end;
            continue;
        }
        let (w, end) = word_at(q);
        if w.is_empty() {
            break;
        }
        match w.as_str() {
            // Hors taxes: a price or a rate, whose period may follow
            // (`300 € HT/jour`, `600 € HT par jour`).
            "ht" | "ttc" => p = end,
            "l'heure" | "l’heure" | "horaire" | "horaires" if period.is_none() => {
                period = Some(Period::Hour);
                p = end;
            }
            // `48k€ en net annuel`, `48k€ en salaire brut`; not `en nette
            // hausse`.
            "en" if basis.is_none() => {
                let (mut next, mut end2) = word_at(end);
                if next == "salaire" {
                    (next, end2) = word_at(end2);
                }
                let (then, _) = word_at(end2);
                let change = matches!(
                    then.as_str(),
                    "hausse"
                        | "baisse"
                        | "progression"
                        | "augmentation"
                        | "recul"
                        | "repli"
                        | "diminution"
                        | "amélioration"
                        | "croissance"
                        | "chute"
                        | "régression"
                );
                match basis_of(&next).filter(|_| !change) {
                    Some(b) => {
                        basis = Some(b);
                        p = end2;
                    }
                    None => break,
                }
            }
            // `13 € brut de l'heure`.
            "de" if period.is_none() => {
                let (unit, end2) = word_at(end);
                if !matches!(unit.as_str(), "l'heure" | "l’heure") {
                    break;
                }
                period = Some(Period::Hour);
                p = end2;
            }
            "journalier" | "journaliers" | "journalière" | "journalières" if period.is_none() => {
                period = Some(Period::Day);
                p = end;
            }
            "hebdomadaire" | "hebdomadaires" if period.is_none() => {
                period = Some(Period::Week);
                p = end;
            }
            "par" | "per" | "a" | "la" | "le" if period.is_none() => {
                let (unit, end2) = word_at(end);
                match period_of(&unit) {
                    Some(pd) => {
                        period = Some(pd);
                        p = end2;
                    }
                    None if w == "per" && !unit.is_empty() => {
                        period = Some(Period::Unit);
                        p = end2;
                    }
                    None => break,
                }
            }
            "annuel" | "annuels" | "annuelle" | "annuelles" | "annual" | "yearly"
                if period.is_none() =>
            {
                period = Some(Period::Year);
                p = end;
            }
            "mensuel" | "mensuels" | "mensuelle" | "mensuelles" | "monthly" if period.is_none() => {
                period = Some(Period::Month);
                p = end;
            }
            _ => match basis_of(&w).filter(|_| basis.is_none()) {
                Some(b) => {
                    basis = Some(b);
                    p = end;
                }
                None => break,
            },
        }
    }
    (period, basis, p)
}

/// The basis a lowercase word names (`brut`, `nettes`, `gross`).
pub fn basis_of(word: &str) -> Option<Basis> {
    match word {
        "brut" | "bruts" | "brute" | "brutes" | "gross" => Some(Basis::Gross),
        "net" | "nets" | "nette" | "nettes" => Some(Basis::Net),
        _ => None,
    }
}

fn period_of(word: &str) -> Option<Period> {
    Some(match word {
        "an" | "ans" | "année" | "annee" | "year" | "yr" | "y" => Period::Year,
        "mois" | "month" | "mo" => Period::Month,
        "semaine" | "sem" | "week" | "wk" => Period::Week,
        "jour" | "j" | "jr" | "day" | "jours" | "journée" | "journee" => Period::Day,
        "h" | "heure" | "hour" | "hr" | "heures" => Period::Hour,
        _ => return None,
    })
}

/// Words before an amount that make it approximate, besides `environ`
/// (lowercase; a space stands for any run of spaces, `'` for `'` or `’`).
const APPROXIMATELY: &[&str] = &[
    "env.",
    "approx.",
    "approximativement",
    "autour de",
    "près de",
    "pres de",
    "aux alentours de",
    "de l'ordre de",
    "à peu près",
    "a peu près",
    "a peu pres",
    "grosso modo",
    "en gros",
    "plus ou moins",
    "pas loin de",
    "pas très loin de",
    "non loin de",
    "presque",
    "quasiment",
    "quasi",
    "dans les",
    "autour des",
    "aux environs de",
    "dans les environs de",
    "dans les alentours de",
    "quelque",
    "avoisine",
    "avoisinent",
    "avoisinant",
    "frôle",
    "frôlent",
    "frôlant",
    "around",
    "about",
    "roughly",
    "approximately",
    "almost",
    "nearly",
];

/// Words after an amount that make it approximate: `60k€ environ`, `83k€
/// grosso modo`.
const APPROXIMATELY_AFTER: &[&str] = &[
    "environ",
    "à peu près",
    "a peu près",
    "a peu pres",
    "grosso modo",
    "en gros",
    "plus ou moins",
    "approximativement",
    "ou presque",
    "or so",
];

/// Whether `a` (from the text) is `p` (from a phrase): the same letter in
/// any case, `’` for `'`.
fn same_char(a: char, p: char) -> bool {
    a == p || (p == '\'' && a == '’') || a.to_lowercase().eq(std::iter::once(p))
}

/// Where `phrase` starts in `head` when `head` ends with it (then spaces or
/// emphasis marks), as a whole word: `gagne environ` ends with `environ`,
/// `surplus de` does not end with `plus de`.
fn phrase_before(head: &str, phrase: &str) -> Option<usize> {
    let h = head.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let mut chars = h.char_indices().rev().peekable();
    let mut start = h.len();
    for p in phrase.chars().rev() {
        if p == ' ' {
            let mut any = false;
            while let Some(&(i, c)) = chars.peek() {
                if !c.is_whitespace() {
                    break;
                }
                start = i;
                any = true;
                chars.next();
            }
            if !any {
                return None;
            }
            continue;
        }
        let (i, c) = chars.next()?;
        if !same_char(c, p) {
            return None;
        }
        start = i;
    }
    let glued = h[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && phrase.starts_with(char::is_alphanumeric);
    (!glued).then_some(start)
}

/// Which side of a figure a bound is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    AtLeast,
    AtMost,
}

/// Words before an amount that make it a bound (lowercase; a space stands
/// for any run of spaces, `'` for `'` or `’`). A negation turns them round:
/// `jamais moins de 55k€` is at least.
const BOUNDS_BEFORE: &[(&str, Bound)] = &[
    ("pas moins de", Bound::AtLeast),
    ("jamais moins de", Bound::AtLeast),
    ("pas plus de", Bound::AtMost),
    ("jamais plus de", Bound::AtMost),
    ("au moins", Bound::AtLeast),
    ("au minimum", Bound::AtLeast),
    ("minimum de", Bound::AtLeast),
    ("minimum", Bound::AtLeast),
    ("plus de", Bound::AtLeast),
    ("à partir de", Bound::AtLeast),
    ("a partir de", Bound::AtLeast),
    ("dès", Bound::AtLeast),
    ("au-delà de", Bound::AtLeast),
    ("au delà de", Bound::AtLeast),
    ("au-dessus de", Bound::AtLeast),
    ("au-dessus des", Bound::AtLeast),
    ("au-delà des", Bound::AtLeast),
    ("au delà des", Bound::AtLeast),
    ("au bas mot", Bound::AtLeast),
    ("a minima", Bound::AtLeast),
    ("à minima", Bound::AtLeast),
    ("supérieur à", Bound::AtLeast),
    ("supérieure à", Bound::AtLeast),
    ("supérieurs à", Bound::AtLeast),
    ("supérieures à", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    ("more than", Bound::AtLeast),
    ("over", Bound::AtLeast),
    ("jusqu'à", Bound::AtMost),
    ("jusqu'a", Bound::AtMost),
    ("au plus", Bound::AtMost),
    ("au maximum", Bound::AtMost),
    ("maximum de", Bound::AtMost),
    ("maximum", Bound::AtMost),
    ("max", Bound::AtMost),
    ("moins de", Bound::AtMost),
    ("a maxima", Bound::AtMost),
    ("à maxima", Bound::AtMost),
    ("sous les", Bound::AtMost),
    ("sous", Bound::AtMost),
    ("en dessous de", Bound::AtMost),
    ("en dessous des", Bound::AtMost),
    ("en-dessous des", Bound::AtMost),
    ("au-dessous des", Bound::AtMost),
    ("en deçà de", Bound::AtMost),
    ("en-deçà de", Bound::AtMost),
    ("en deçà des", Bound::AtMost),
    ("en-dessous de", Bound::AtMost),
    ("au-dessous de", Bound::AtMost),
    ("inférieur à", Bound::AtMost),
    ("inférieure à", Bound::AtMost),
    ("inférieurs à", Bound::AtMost),
    ("inférieures à", Bound::AtMost),
    ("plafonne à", Bound::AtMost),
    ("plafonnent à", Bound::AtMost),
    ("up to", Bound::AtMost),
    ("less than", Bound::AtMost),
    ("under", Bound::AtMost),
    ("at most", Bound::AtMost),
];

/// Words after an amount that make it a bound.
const BOUNDS_AFTER: &[(&str, Bound)] = &[
    ("au minimum", Bound::AtLeast),
    ("au moins", Bound::AtLeast),
    ("minimum", Bound::AtLeast),
    ("min", Bound::AtLeast),
    ("et plus", Bound::AtLeast),
    ("ou plus", Bound::AtLeast),
    ("or more", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    ("au bas mot", Bound::AtLeast),
    ("a minima", Bound::AtLeast),
    ("à minima", Bound::AtLeast),
    ("voire plus", Bound::AtLeast),
    ("voire davantage", Bound::AtLeast),
    ("ou davantage", Bound::AtLeast),
    ("et davantage", Bound::AtLeast),
    ("et au-delà", Bound::AtLeast),
    ("et au delà", Bound::AtLeast),
    ("ou au-delà", Bound::AtLeast),
    ("ou au delà", Bound::AtLeast),
    ("voire au-delà", Bound::AtLeast),
    ("voire au delà", Bound::AtLeast),
    ("and up", Bound::AtLeast),
    ("au grand maximum", Bound::AtMost),
    ("tout au plus", Bound::AtMost),
    ("a maxima", Bound::AtMost),
    ("à maxima", Bound::AtMost),
    ("ou moins", Bound::AtMost),
    ("voire moins", Bound::AtMost),
    ("or less", Bound::AtMost),
    ("au maximum", Bound::AtMost),
    ("grand maximum", Bound::AtMost),
    ("maximum", Bound::AtMost),
    ("max", Bound::AtMost),
    ("au plus", Bound::AtMost),
    ("at most", Bound::AtMost),
];

/// Words before an amount that end like a bound but are none: `en plus
/// de 60k€ de fixe` (besides).
const NOT_BOUNDS_BEFORE: &[&str] = &["en plus de"];

/// Verbs that put a figure below them (`dépasse 85k€`, `peut dépasser
/// 85k€`, `franchit la barre des 60k€`): at least; a negation turns them
/// round (`ne dépasse pas 85k€` is at most).
const CROSSES: &[&str] = &[
    "dépasse",
    "dépassent",
    "dépasser",
    "dépassé",
    "dépassée",
    "dépassait",
    "dépassaient",
    "dépassera",
    "dépasseront",
    "dépassant",
    "franchit",
    "franchissent",
    "franchir",
    "franchi",
    "franchissait",
    "franchissaient",
    "franchira",
    "franchiront",
    "franchissant",
];

/// Verbs that do so only before a threshold (`passe la barre des 60k€`,
/// `atteint le cap des 100k€`): `passe 60k€` and `atteint 60k€` say no side.
const CROSSES_THRESHOLD: &[&str] = &[
    "passe",
    "passent",
    "passer",
    "passé",
    "passait",
    "passaient",
    "passera",
    "passeront",
    "passant",
    "atteint",
    "atteignent",
    "atteindre",
    "atteignait",
    "atteignaient",
    "atteindra",
    "atteindront",
    "atteignant",
    "crève",
    "crèvent",
    "crever",
    "crevé",
];

/// Words right before an amount that name a threshold: the words before
/// them say on which side the figure is (`franchit la barre des 60k€`,
/// `sous la barre des 50k€`, `au-dessus du seuil de`).
const THRESHOLDS: &[&str] = &[
    "la barre des",
    "la barre de",
    "la barre symbolique des",
    "la barre symbolique de",
    "la barre fatidique des",
    "la barre fatidique de",
    "le cap des",
    "le cap de",
    "le seuil des",
    "le seuil de",
];

/// Words right after a verb that say no (`ne dépasse pas 85k€`,
/// `dépassent rarement 85k€`): the verb's side turns round.
const NOT_AFTER_VERB: &[&str] = &["pas", "jamais", "guère", "rarement", "point"];

/// Words of comparison at the start of a bound, which a negation before
/// them turns round (`n'a jamais touché moins de 60k€` is at least); a
/// negation before another bound makes it none (`pas jusqu'à`).
const COMPARISONS: &[&str] = &[
    "moins",
    "plus",
    "less",
    "more",
    "over",
    "under",
    "en",
    "sous",
    "au-dessus",
    "au-dessous",
    "au-delà",
    "au delà",
    "supérieur",
    "inférieur",
];

/// Where one of `verbs` ends `head`, as a whole word.
fn verb_before(head: &str, verbs: &[&str]) -> Option<usize> {
    verbs.iter().find_map(|v| phrase_before(head, v))
}

/// The bound the words at the end of `head` make, and where they start.
fn bound_before(head: &str) -> Option<(Bound, usize)> {
    if NOT_BOUNDS_BEFORE
        .iter()
        .any(|ph| phrase_before(head, ph).is_some())
    {
        return None;
    }
    // `la barre des 60k€`: what comes before the threshold says the side,
    // and more verbs say it (`passe la barre des`).
    let threshold = THRESHOLDS.iter().find_map(|ph| phrase_before(head, ph));
    let head = threshold.map_or(head, |at| &head[..at]);
    let verb = |h: &str| {
        verb_before(h, CROSSES).or_else(|| {
            threshold
                .is_some()
                .then(|| verb_before(h, CROSSES_THRESHOLD))
                .flatten()
        })
    };
    // A verb with its own negation: `ne dépasse pas 85k€`, `ne franchit
    // jamais la barre des 60k€`.
    if let Some(at) = NOT_AFTER_VERB
        .iter()
        .find_map(|no| phrase_before(head, no))
        .and_then(|no| verb(&head[..no]))
    {
        return Some((Bound::AtMost, at));
    }
    let (comparison, own_negation, bound, at) = BOUNDS_BEFORE
        .iter()
        .find_map(|&(ph, b)| {
            phrase_before(head, ph).map(|at| {
                let comparison = COMPARISONS.iter().any(|w| ph.starts_with(w));
                let own = ph.starts_with("pas ") || ph.starts_with("jamais ");
                (comparison, own, b, at)
            })
        })
        .or_else(|| verb(head).map(|at| (true, false, Bound::AtLeast, at)))?;
    // A negation further before turns a comparison round (`n'a jamais
    // touché moins de 60k€` is at least, `ne peut pas dépasser 85k€` at
    // most), and makes another bound none (`pas jusqu'à`); one in the
    // phrase is already read.
    if !own_negation && negated(&head[..at]) {
        return match (comparison, bound) {
            (true, Bound::AtLeast) => Some((Bound::AtMost, at)),
            (true, Bound::AtMost) => Some((Bound::AtLeast, at)),
            (false, _) => None,
        };
    }
    Some((bound, at))
}

/// Whether the clause ending `head` says no in its last few words (`ne`,
/// `n'`, `pas`, `jamais`, `rarement`, `never`, `not`).
fn negated(head: &str) -> bool {
    let mut from = head.len().saturating_sub(48);
    while !head.is_char_boundary(from) {
        from += 1;
    }
    let clause = head[from..]
        .rsplit([',', ';', '.', ':', '('])
        .next()
        .unwrap_or("");
    clause
        .split(|c: char| !c.is_alphabetic())
        .rev()
        .filter(|w| !w.is_empty())
        .take(5)
        .any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "ne" | "n" | "pas" | "jamais" | "guère" | "rarement" | "never" | "not"
            )
        })
}

/// The bound the words at `i` (after spaces) make, and where they end; not
/// `45k€ et plus de télétravail`, `au plus tard`.
fn bound_after(t: &str, i: usize) -> Option<(Bound, usize)> {
    let from = skip_spaces(t, i);
    if from == i {
        return None;
    }
    BOUNDS_AFTER.iter().find_map(|&(ph, b)| {
        let end = phrase_after(t, from, ph)?;
        let next = word_after(t, end);
        let goes_on = matches!(
            next.as_str(),
            "de" | "d" | "du" | "des" | "que" | "qu" | "tard" | "tôt" | "than"
        );
        (!goes_on).then_some((b, end))
    })
}

/// Where the words at `i` (after spaces) that make an amount approximate
/// end (`60k€ environ`, `83k€ grosso modo`).
fn approximately_after(t: &str, i: usize) -> Option<usize> {
    let from = skip_spaces(t, i);
    if from == i {
        return None;
    }
    APPROXIMATELY_AFTER.iter().find_map(|ph| {
        let end = phrase_after(t, from, ph)?;
        let goes_on = matches!(
            word_after(t, end).as_str(),
            "de" | "d" | "du" | "des" | "que" | "qu"
        );
        (!goes_on).then_some(end)
    })
}

/// The word after `i` (skipping spaces), lowercase.
fn word_after(t: &str, i: usize) -> String {
    let s = skip_spaces(t, i);
    t[s..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase()
}

/// Where `phrase` ends when `t[i..]` starts with it as a whole word.
fn phrase_after(t: &str, i: usize, phrase: &str) -> Option<usize> {
    let mut chars = t[i..].char_indices().map(|(k, c)| (i + k, c)).peekable();
    let mut end = i;
    for p in phrase.chars() {
        if p == ' ' {
            let mut any = false;
            while let Some(&(k, c)) = chars.peek() {
                if !is_space(c) {
                    break;
                }
                end = k + c.len_utf8();
                any = true;
                chars.next();
            }
            if !any {
                return None;
            }
            continue;
        }
        let (k, c) = chars.next()?;
        if !same_char(c, p) {
            return None;
        }
        end = k + c.len_utf8();
    }
    let glued = t[end..].starts_with(char::is_alphanumeric);
    (!glued).then_some(end)
}

/// Whether a number may start at `i`: not inside a word or another number
/// (`H1B`, `27001`, `24/7`, `2.5`).
fn starts_number(t: &str, i: usize) -> bool {
    match t[..i].chars().next_back() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '_' | '\'' | '’')),
    }
}

/// Every money amount of `text`, in order.
pub fn amounts(text: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    // Where the previous amount ended: the next one starts after it.
    let mut floor = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && !starts_number(text, i) {
            // Inside a word or after a slash (`24/7`): the whole number,
            // its groups of thousands too, is none, not its tail (`000 €`).
            i = number(text, i).map_or(i + 1, |(_, end)| end.max(i + 1));
            continue;
        }
        if bytes[i].is_ascii_digit() {
            if let Some(a) = parse_at(text, i, floor) {
                floor = a.range.end;
                i = a.range.end.max(i + 1);
                out.push(a);
                continue;
            }
            // Skip the whole number so that its tail is not read as one.
            let mut j = i;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit()
                    || (matches!(bytes[j], b'.' | b',') && digit_at(text, j + 1)))
            {
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out
}

fn parse_at(t: &str, i: usize, floor: usize) -> Option<Amount> {
    // A currency symbol right before the number: `$120k`, `€45k`.
    let mut start = i;
    let mut prefix = None;
    for (sym, cur) in [
        ("$", Currency::Usd),
        ("€", Currency::Eur),
        ("£", Currency::Gbp),
        // The longer ones after: `C$120k`, `CA$`, `CHF 90'000`.
        ("C$", Currency::Cad),
        ("CA$", Currency::Cad),
        ("CHF ", Currency::Chf),
        ("CHF\u{a0}", Currency::Chf),
        ("CAD ", Currency::Cad),
    ] {
        // A code is a word of its own (`US$` stays dollars).
        if t[floor..i].ends_with(sym)
            && (sym.chars().count() == 1
                || !t[floor..i - sym.len()].ends_with(char::is_alphanumeric))
        {
            prefix = Some(cur);
            start = i - sym.len();
        }
    }
    let entre_word = word_before(t, start);
    let entre = matches!(entre_word.as_str(), "entre" | "between");
    let (lo, mut p) = number(t, i)?;
    let lo_written = &t[i..p];
    let mut m1 = None;
    if let Some((m, e)) = multiplier(t, skip_spaces(t, p)) {
        m1 = Some(m);
        p = e;
    }
    let mut c1 = None;
    if let Some((c, e)) = currency(t, skip_spaces(t, p))
        // `$120k | $100k` (two cells of a row): a symbol right before a
        // digit starts the next amount.
        && !t[e..].starts_with(|c: char| c.is_ascii_digit())
    {
        c1 = Some(c);
        p = e;
    }
    // A range: `45-55k€`, `45 – 55 k€`, `45k€-55k€`, `$120-180k`, `de 45 à 55k€`.
    let mut hi = None;
    let q = skip_spaces(t, p);
    if let Some((after, bare_hyphen)) = separator(t, q, entre) {
        let spaced = q > p || skip_spaces(t, after) > after;
        let mut r = skip_spaces(t, after);
        let mut prefix2 = None;
        for (sym, cur) in [
            ("$", Currency::Usd),
            ("€", Currency::Eur),
            ("£", Currency::Gbp),
        ] {
            if t[r..].starts_with(sym) {
                prefix2 = Some(cur);
                r += sym.len();
            }
        }
        if let Some((v, mut e)) = number(t, r) {
            let hi_written = &t[r..e];
            let mut m2 = None;
            if let Some((m, e2)) = multiplier(t, skip_spaces(t, e)) {
                m2 = Some(m);
                e = e2;
            }
            let mut c2 = None;
            if let Some((c, e2)) = currency(t, skip_spaces(t, e))
                && !t[e2..].starts_with(|c: char| c.is_ascii_digit())
            {
                c2 = Some(c);
                e = e2;
            }
            // `50k€ - 20k€ = 30k€` with spaces and a currency on both sides
            // is a subtraction, not a range: when the second is not above
            // the first, or when an operator comes before or after the two
            // (`= 38k€ - 44k€`, `38k€ - 44k€ =`). `38 000 € - 44 000 €`,
            // going up and alone, is a range, as tables write them.
            let subtraction = bare_hyphen
                && spaced
                && c1.is_some()
                && c2.is_some()
                && (lo * m1.unwrap_or(1.0) >= v * m2.unwrap_or(1.0)
                    || operator_before(&t[..start])
                    || operator_after(&t[e..]));
            // `embauché en 2025 à 40k€`: a year, then the figure, not a
            // range from 2 025 € to 40k€ (a year has no unit, the figure
            // has its `k`).
            let year_then_figure = m1.is_none()
                && c1.is_none()
                && prefix.is_none()
                && m2.is_some()
                && lo_written.len() == 4
                && (1950.0..=2099.0).contains(&lo);
            // `comparer 90 000 $ CA à 58 k€`: two currencies make no range.
            let currencies = c1.or(prefix).zip(c2.or(prefix2));
            let two_currencies = currencies.is_some_and(|(a, b)| a != b);
            if !subtraction
                && !year_then_figure
                && !two_currencies
                && (c2.is_some() || prefix2.is_some() || c1.is_none())
            {
                hi = Some((v, hi_written, m2, c2.or(prefix2), e));
            }
        }
    }
    let (low, high, currency, thousands, is_range) = match hi {
        Some((v, hi_written, m2, c2, e)) => {
            p = e;
            let cur = c2.or(c1).or(prefix)?;
            let (f1, f2) = match (m1, m2) {
                (Some(a), Some(b)) => (a, b),
                // `500-5k€` is 500 to 5 000: a low end ten times the high
                // one is not in thousands (`55-45k€` is an inverted range).
                (None, Some(b)) if lo > v * 10.0 => (1.0, b),
                (None, Some(b)) => (b, b),
                (Some(a), None) => (a, a),
                // `de 55 à 65 000 €`, `45-55 000 €`: the low end shares the
                // thousands of the high one, as it shares its `k`.
                (None, None) if c1.is_none() => {
                    (shared_thousands(lo_written, hi_written).unwrap_or(1.0), 1.0)
                }
                (None, None) => (1.0, 1.0),
            };
            (lo * f1, v * f2, cur, m1.or(m2) == Some(1_000.0), true)
        }
        None => {
            let cur = c1.or(prefix)?;
            let f = m1.unwrap_or(1.0);
            (lo * f, lo * f, cur, m1 == Some(1_000.0), false)
        }
    };
    let plus = t.as_bytes().get(p) == Some(&b'+');
    if plus {
        p += 1;
    }
    let value_end = p;
    // `70k€ minimum`, `90k€ max brut`, `70k€ brut annuel au minimum`,
    // `60k€ environ`, `85k€ tout au plus`.
    let mut after = None;
    let mut approx_after = false;
    let mut words_after = |mut p: usize| {
        for _ in 0..2 {
            if after.is_none()
                && let Some((b, e)) = bound_after(t, p)
            {
                after = Some(b);
                p = e;
            } else if !approx_after && let Some(e) = approximately_after(t, p) {
                approx_after = true;
                p = e;
            } else {
                break;
            }
        }
        p
    };
    p = words_after(p);
    let (period, basis, end) = period_and_basis(t, p);
    let end = words_after(end);
    // `entre 45 et 55 k€` is written from `entre`.
    if entre && is_range {
        let head = t[..start].trim_end_matches(SPACES);
        let from = head.len().saturating_sub(entre_word.len());
        if from >= floor && t.is_char_boundary(from) {
            start = from;
        }
    }
    // `~37k€`, `≈ 37k€`, `environ 37k€`; a sign glued to it: `+5k€`.
    let head = t[floor..start].trim_end_matches(SPACES);
    let mut approx = approx_after;
    for mark in ['~', '≈', '∼'] {
        if head.ends_with(mark) {
            approx = true;
            start = floor + head.len() - mark.len_utf8();
        }
    }
    if !approx
        && (matches!(word_before(t, start).as_str(), "environ" | "env" | "approx")
            || APPROXIMATELY
                .iter()
                .any(|ph| phrase_before(&t[floor..start], ph).is_some()))
    {
        approx = true;
    }
    // `au moins 70k€`, `jusqu'à 90k€`: the words before stay out of the
    // range, as `environ` does (the figure keeps `open` and `at_most`).
    let bound = bound_before(&t[floor..start]).map(|(b, _)| b).or(after);
    let open = bound.map_or(plus, |b| b == Bound::AtLeast);
    let at_most = bound == Some(Bound::AtMost);
    let signed = t[floor..start].ends_with(['+', '-', '−'])
        && t[floor..start]
            .chars()
            .rev()
            .nth(1)
            .is_none_or(|c| !c.is_alphanumeric());
    Some(Amount {
        range: start..end,
        value_end,
        low,
        high,
        is_range,
        currency,
        thousands,
        open,
        at_most,
        approx,
        signed,
        period,
        basis,
    })
}

/// A percentage claim written right after a figure: `(+25%)`, `+35% vs
/// développeur Full-Stack`, `(+100%+)`, `(+25% à +35%)`, `(+20 à +25 %)`,
/// `(de +20 à +25 %)`, `(+20-25 %)`, `(–40 %)`, `(40 % de plus)`, `(+40 %
/// environ)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimText {
    /// Where the percentage is written (without the parentheses).
    #[serde(skip)]
    pub range: Range<usize>,
    /// Where the claim ends, closing parenthesis included.
    #[serde(skip)]
    pub end: usize,
    pub low: f64,
    pub high: f64,
    /// `+100%+`: at least.
    pub at_least: bool,
    /// What it is compared with, when written (`vs développeur Full-Stack`).
    pub versus: Option<String>,
}

/// The claim regex: an optional `(`, `de`/`entre` before a range (in
/// parentheses only), a word of approximation, the percentage or range of
/// percentages (a sign before each number: `+`, `-`, `−` or an en dash glued
/// to it; the `%` may be written once, after the range), words that give the
/// sign of an unsigned one (`de plus`, `de moins`: in parentheses only), a
/// word of approximation after, `vs …`, and `)`.
fn claim_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"^\s*(?P<open>\()?\s*",
            r"(?P<body>(?P<lead>(?i:de|entre)\s+)?",
            r"(?:(?i:environ|env\.|approx\.|à\s+peu\s+près|autour\s+de|près\s+de)\s+|[~≈∼]\s?)?",
            r"(?P<pct>(?P<s1>[+\-−–])?(?P<g1>\s)?(?P<v1>\d+(?:[.,]\d+)?)(?P<p1>\s?%(?P<plus>\+)?)?",
            r"(?:\s*(?P<sep>à|-|–|to|et)\s*(?P<s2>[+\-−–])?(?P<g2>\s)?(?P<v2>\d+(?:[.,]\d+)?)\s?%)?",
            r"(?:\s+(?P<dir>(?i:de\s+plus|de\s+moins|en\s+plus|en\s+moins|plus\s+élevée?s?|moins\s+élevée?s?|supérieure?s?|inférieure?s?|au-dessus|au-dessous|en\s+dessous|more|less|higher|lower))\b)?)",
            r"(?:\s+(?i:environ|en\s+moyenne|à\s+peu\s+près|approximativement|grosso\s+modo|en\s+gros|on\s+average)\b)?",
            r"(?:\s+(?:vs\.?|versus|par\s+rapport\s+(?:à|au|aux)|comparé\s+(?:à|au|aux)|over|than)\s+(?P<vs>[^,;()\.\n]{1,60}))?)",
            r"\s*(?P<close>\))?",
        ))
        .expect("the claim regex is valid")
    })
}

/// Words after a percentage that make it a part of the pay, not a claim:
/// `+10 % de variable`, `+ 15 % de bonus` (lowercase; a space stands for any
/// run of spaces, `'` for `'` or `’`).
const PAY_PARTS: &[&str] = &[
    "de variable",
    "en variable",
    "de part variable",
    "de la part variable",
    "de rémunération variable",
    "de bonus",
    "en bonus",
    "de prime",
    "de primes",
    "en prime",
    "en primes",
    "de commission",
    "de commissions",
    "en commissions",
    "d'intéressement",
    "d'interessement",
    "de participation",
    "d'equity",
    "en equity",
    "de bspce",
    "en bspce",
    "d'actions",
    "en actions",
    "de stock-options",
    "en stock-options",
    "de rsu",
    "en rsu",
    "of bonus",
    "bonus",
    "variable",
];

/// Whether `dir` (the words after an unsigned percentage) says less.
fn says_less(dir: &str) -> bool {
    let d = dir.to_lowercase();
    ["moins", "inférieur", "dessous", "less", "lower"]
        .iter()
        .any(|w| d.contains(w))
}

/// The claim at `text[at..]`, if one starts there (after spaces).
pub fn claim(text: &str, at: usize) -> Option<ClaimText> {
    // A claim is short: look at a bounded stretch (a regex search costs the
    // length of its haystack).
    let rest = text.get(at..)?;
    let mut end = rest.len().min(160);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let rest = &rest[..end];
    let caps = claim_regex().captures(rest)?;
    let pct = caps.name("pct")?;
    let open = caps.name("open").is_some();
    let sep = caps.name("sep").map(|m| m.as_str());
    // `%` written once at least; a sign before each number, glued to it when
    // it is an en dash (`– 10 %` is a dash between words).
    if caps.name("p1").is_none() && caps.name("v2").is_none() {
        return None;
    }
    for (sign, gap) in [("s1", "g1"), ("s2", "g2")] {
        if caps.name(sign).is_some_and(|m| m.as_str() == "–") && caps.name(gap).is_some() {
            return None;
        }
    }
    // `de +20 à +25 %`, `entre +20 et +25 %`: a range, in parentheses.
    let entre = match caps.name("lead") {
        Some(l) => {
            if !open || sep.is_none() {
                return None;
            }
            l.as_str().trim().eq_ignore_ascii_case("entre")
        }
        None => false,
    };
    if entre != (sep == Some("et")) {
        return None;
    }
    // The sign, written or said by the words after (`40 % de moins`, in
    // parentheses); both must agree.
    let s1 = caps.name("s1").map(|m| m.as_str());
    let negative = |s: &str| matches!(s, "-" | "−" | "–");
    let said = caps.name("dir").map(|d| says_less(d.as_str()));
    let s1 = match (s1, said) {
        (None, None) => return None,
        (None, Some(_)) if !open => return None,
        (None, Some(less)) => Some(if less { "-" } else { "+" }),
        (Some(s), Some(less)) if negative(s) != less => return None,
        (s, _) => s,
    };
    // `+10 % de variable`: a part of the pay.
    if PAY_PARTS
        .iter()
        .any(|ph| phrase_after(rest, skip_spaces(rest, pct.end()), ph).is_some())
    {
        return None;
    }
    let value = |v: &str, sign: Option<&str>| -> Option<f64> {
        let n: f64 = v.replace(',', ".").parse().ok()?;
        Some(if sign.is_some_and(negative) { -n } else { n })
    };
    let v1 = value(caps.name("v1")?.as_str(), s1)?;
    let v2 = match caps.name("v2") {
        Some(v) => value(v.as_str(), caps.name("s2").map(|m| m.as_str()).or(s1))?,
        None => v1,
    };
    let (low, high) = if v1 <= v2 { (v1, v2) } else { (v2, v1) };
    // A parenthesis is part of the claim only when both are there.
    let end = match (open, caps.name("close")) {
        (true, Some(c)) => c.end(),
        (true, None) => return None,
        _ => caps
            .name("body")
            .map_or(pct.end(), |b| b.end())
            .max(pct.end()),
    };
    Some(ClaimText {
        range: at + pct.start()..at + pct.end(),
        end: at + end,
        low,
        high,
        at_least: caps.name("plus").is_some(),
        versus: caps
            .name("vs")
            .map(|v| v.as_str().trim().to_string())
            .filter(|v| !v.is_empty()),
    })
}

/// The percentage a change says of itself after `soit`: `passe de 40k€ à
/// 50k€, soit +25 %`, `, soit une hausse de 25 %`, `soit 20 % de moins`.
/// The sign is written, or said by the word before (`hausse`, `baisse`) or
/// after (`de plus`, `de moins`); both must agree, and an unsigned
/// percentage with no such word is no claim.
pub fn change_claim(text: &str, at: usize) -> Option<ClaimText> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"^\s*,?\s*(?i:soit)\s+",
            r"(?:(?i:une|d['’]une)\s+(?P<word>(?i:hausse|augmentation|progression|baisse|diminution|chute|perte|gain))\s+(?:(?i:de)\s+|(?i:d)['’])?)?",
            r"(?:(?i:environ|près\s+de|à\s+peu\s+près)\s+|[~≈∼]\s?)?",
            r"(?P<pct>(?P<s>[+\-−–])?(?P<gap>\s)?(?P<v>\d+(?:[.,]\d+)?)\s?%)",
            r"(?:\s+(?P<dir>(?i:de\s+plus|de\s+moins|en\s+plus|en\s+moins))\b)?",
        ))
        .expect("the change claim regex is valid")
    });
    let rest = text.get(at..)?;
    let mut end = rest.len().min(120);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let caps = re.captures(&rest[..end])?;
    let pct = caps.name("pct")?;
    let written = caps.name("s").map(|m| m.as_str());
    if written == Some("–") && caps.name("gap").is_some() {
        return None;
    }
    let less_word = caps.name("word").map(|w| {
        matches!(
            w.as_str().to_lowercase().as_str(),
            "baisse" | "diminution" | "chute" | "perte"
        )
    });
    let less_dir = caps.name("dir").map(|d| says_less(d.as_str()));
    let less_sign = written.map(|s| matches!(s, "-" | "−" | "–"));
    let mut said = [less_sign, less_word, less_dir].into_iter().flatten();
    let less = said.next()?;
    if said.any(|l| l != less) {
        return None;
    }
    let v: f64 = caps.name("v")?.as_str().replace(',', ".").parse().ok()?;
    let v = if less { -v } else { v };
    let end = caps.get(0).map_or(pct.end(), |m| m.end());
    Some(ClaimText {
        range: at + pct.start()..at + pct.end(),
        end: at + end,
        low: v,
        high: v,
        at_least: false,
        versus: None,
    })
}

/// An experience band: `<2 ans`, `2-4 ans`, `4+ ans`, `5-10 ans`, `plus de
/// 5 ans`, `5 ans et plus`, `au moins 5 ans`, `3 years`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Experience {
    /// As written.
    pub text: String,
    pub low: f64,
    /// None: open-ended (`5+ ans`).
    pub high: Option<f64>,
    /// Where it is in the text searched.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Where it is in the file, once known.
    #[serde(skip)]
    pub span: crate::span::Span,
}

impl Experience {
    pub fn same_band(&self, other: &Experience) -> bool {
        self.low == other.low && self.high == other.high
    }
}

fn experience_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)(?P<lt><\s?|≤\s?|moins\s+de\s+|less\s+than\s+)?(?P<gt>>\s?|≥\s?|plus\s+de\s+|au\s+moins\s+|more\s+than\s+|at\s+least\s+)?(?P<lo>\d{1,2})\s*(?:(?P<plus>\+)|\s*(?:-|–|à|to)\s*(?P<hi>\d{1,2}))?\s*(?:ans|an|years?|yrs?)\b(?P<after>\s+(?:et|ou)\s+plus\b|\s+(?:and|or)\s+more\b|\s+minimum\b)?",
        )
        .expect("the experience regex is valid")
    })
}

/// Every experience band in `text`.
pub fn experiences(text: &str) -> Vec<Experience> {
    // Cheap test first: `an`, `ye` or `yr` in any case.
    let unit = text.as_bytes().windows(2).any(|w| {
        matches!(
            (w[0] | 0x20, w[1] | 0x20),
            (b'a', b'n') | (b'y', b'e') | (b'y', b'r')
        )
    });
    if !unit {
        return Vec::new();
    }
    experience_regex()
        .captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
                return None;
            }
            let lo: f64 = c.name("lo")?.as_str().parse().ok()?;
            // `Thomas, 34 ans`, `un alternant de plus de 21 ans`: an age,
            // unless experience is said (`20 ans d'expérience`).
            if lo >= 18.0 {
                // The few characters after it, not the rest of the text.
                let after: String = text[m.end()..]
                    .trim_start()
                    .chars()
                    .take(10)
                    .flat_map(char::to_lowercase)
                    .collect();
                let said = ["d'exp", "d’exp", "of exp", "experience", "expérience"]
                    .iter()
                    .any(|p| after.starts_with(p));
                if !said {
                    return None;
                }
            }
            let (low, high) = if c.name("lt").is_some() {
                (0.0, Some(lo))
            } else if c.name("gt").is_some() || c.name("plus").is_some() {
                (lo, None)
            } else if c.name("after").is_some() && c.name("hi").is_none() {
                // `5 ans et plus`, `5 years or more`, `5 ans minimum`.
                (lo, None)
            } else if let Some(hi) = c.name("hi") {
                (lo, Some(hi.as_str().parse().ok()?))
            } else {
                (lo, Some(lo))
            };
            Some(Experience {
                text: m.as_str().trim().to_string(),
                low,
                high,
                range: m.range(),
                span: crate::span::Span::default(),
            })
        })
        .collect()
}

/// Where `text` says for how long, in words or in figures (`depuis deux
/// ans`, `pendant 3 mois`, `après cinq années`): none of it names a role.
pub fn durations(text: &str) -> Vec<Range<usize>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    // Cheap test first, as for experiences, on two letters of each unit:
    // `an` (ans, années), `mo` (mois, months), `ai` (semaines), `ye`
    // (years), `ee` (weeks).
    let unit = text.as_bytes().windows(2).any(|w| {
        matches!(
            (w[0] | 0x20, w[1] | 0x20),
            (b'a', b'n') | (b'm', b'o') | (b'a', b'i') | (b'y', b'e') | (b'e', b'e')
        )
    });
    if !unit {
        return Vec::new();
    }
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?i)\b(?:depuis|pendant|durant|après|apres|for|since|after)\s+(?:[\w'’-]+\s+){0,2}?(?:ans|an|années|annees|année|annee|mois|semaines|years?|months?|weeks?)\b",
        )
        .expect("the duration regex is valid")
    });
    re.find_iter(text).map(|m| m.range()).collect()
}

/// A year written in a text (`2019`, `Salaires 2025`).
pub fn year(text: &str) -> Option<u16> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\b(?:19[5-9]\d|20\d\d)\b").expect("valid"));
    re.find_iter(text)
        .filter(|m| {
            // Not a range of experience or a number glued to a unit.
            !text[m.end()..].starts_with(['k', 'K', '€', '$', '%'])
        })
        .last()
        .and_then(|m| m.as_str().parse().ok())
}

/// An amount as people write it: `45k€`, `45-55k€`, `45 000 €`, `$120`.
pub fn format_money(low: f64, high: f64, currency: Currency, thousands: bool) -> String {
    let one = |v: f64| -> String {
        if thousands {
            // `45k€`, `2.5k€`, and `12 000k€` grouped as a figure in full is.
            let k = v / 1_000.0;
            if k.abs() >= 10_000.0 {
                group(k)
            } else {
                trim_number(k)
            }
        } else {
            group(v)
        }
    };
    let value = if low == high {
        one(low)
    } else {
        format!("{}-{}", one(low), one(high))
    };
    match (currency, thousands) {
        (Currency::Chf | Currency::Cad, true) => format!("{value}k{}", currency.symbol()),
        (c, true) => format!("{value}k{}", c.symbol()),
        (Currency::Eur | Currency::Chf | Currency::Cad, false) => {
            format!("{value} {}", currency.symbol().trim())
        }
        (c, false) => format!("{}{value}", c.symbol()),
    }
}

/// `6.5`, `80`, `0.25`: at most two decimals, trailing zeros dropped.
pub fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// `45 000`, `1 500`, `2.5`.
fn group(v: f64) -> String {
    if v.fract().abs() > 1e-9 || v.abs() >= 1e15 {
        return trim_number(v);
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Amount {
        let all = amounts(text);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        all.into_iter().next().unwrap()
    }

    fn lh(text: &str) -> (f64, f64) {
        let a = one(text);
        (a.low, a.high)
    }

    #[test]
    fn the_forms_of_the_articles() {
        assert_eq!(lh("Junior 45k€"), (45_000.0, 45_000.0));
        assert_eq!(lh("Junior 45-55k€"), (45_000.0, 55_000.0));
        assert_eq!(lh("Junior 45 – 55 k€"), (45_000.0, 55_000.0));
        assert_eq!(
            lh("Junior 45\u{a0}–\u{a0}55\u{202f}k€"),
            (45_000.0, 55_000.0)
        );
        assert_eq!(lh("Junior 45k€-55k€"), (45_000.0, 55_000.0));
        assert_eq!(lh("Junior 45 000 €"), (45_000.0, 45_000.0));
        assert_eq!(lh("Junior 45\u{202f}000\u{a0}€ brut"), (45_000.0, 45_000.0));
        assert_eq!(lh("Junior 45 000 – 55 000 €"), (45_000.0, 55_000.0));
        assert_eq!(lh("entre 45 et 55 k€"), (45_000.0, 55_000.0));
        assert_eq!(lh("de 45 à 55k€"), (45_000.0, 55_000.0));
        assert_eq!(lh("US 120-180k$"), (120_000.0, 180_000.0));
        assert_eq!(lh("US $120k"), (120_000.0, 120_000.0));
        assert_eq!(lh("US $120-180k"), (120_000.0, 180_000.0));
        assert_eq!(lh("US $120,000"), (120_000.0, 120_000.0));
        assert_eq!(lh("bonus 6.5k€"), (6_500.0, 6_500.0));
        assert_eq!(lh("Junior 45.000 €"), (45_000.0, 45_000.0));
        assert_eq!(lh("Senior 1.250.000 €"), (1_250_000.0, 1_250_000.0));
        assert_eq!(lh("levée 1.250k€"), (1_250.0, 1_250.0));
        assert_eq!(lh("levée 2.500 k€"), (2_500.0, 2_500.0));
        assert_eq!(lh("prix 12.50 €"), (12.5, 12.5));
        assert_eq!(lh("bonus 1,2k€"), (1_200.0, 1_200.0));
        assert_eq!(lh("€500-5k per event"), (500.0, 5_000.0));
        assert_eq!(lh("Junior 55-45k€"), (55_000.0, 45_000.0));
        // A band written with a slash, as job ads do.
        assert_eq!(lh("Junior 50/60 k€"), (50_000.0, 60_000.0));
        assert_eq!(lh("Junior 50 / 60 k€"), (50_000.0, 60_000.0));
        assert_eq!(
            lh("Salaire : 50 000 €/60 000 € selon profil"),
            (50_000.0, 60_000.0)
        );
        assert_eq!(lh("Junior 45k€/an"), (45_000.0, 45_000.0));
        // A symbol before a digit is the next amount's (the cells of a
        // row are read as one text).
        let two = amounts("Data Engineer $120k $100k £45-55k £70-85k");
        let two: Vec<(f64, f64)> = two.iter().map(|a| (a.low, a.high)).collect();
        assert_eq!(
            two,
            [
                (120_000.0, 120_000.0),
                (100_000.0, 100_000.0),
                (45_000.0, 55_000.0),
                (70_000.0, 85_000.0)
            ]
        );
        // Two currencies make two amounts, and the tail of a number after
        // a slash is no amount.
        let two = amounts("comparer 90 000 $ CA à 58 k€ sans les impôts");
        let two: Vec<(Currency, f64, bool)> = two
            .iter()
            .map(|a| (a.currency, a.low, a.is_range))
            .collect();
        assert_eq!(
            two,
            [
                (Currency::Cad, 90_000.0, false),
                (Currency::Eur, 58_000.0, false)
            ]
        );
        assert!(
            amounts("ouvert 24/7 000 € de budget")
                .iter()
                .all(|a| a.low != 0.0)
        );
        // A hyphen between spaces, a currency on both sides, going up: a
        // range, as tables write them.
        assert_eq!(lh("| 38 000 € - 44 000 € |"), (38_000.0, 44_000.0));
        assert_eq!(lh("Junior 38k€ - 44k€"), (38_000.0, 44_000.0));
        assert_eq!(lh("Junior - 38k€ - 44k€"), (38_000.0, 44_000.0));
        assert_eq!(lh("Full-Stack - 38k€ - 44k€"), (38_000.0, 44_000.0));
        assert_eq!(lh("US $120k - $150k"), (120_000.0, 150_000.0));
        // A period or a dash before a word after it is no operator.
        assert_eq!(lh("| 55 000 € - 65 000 €/an |"), (55_000.0, 65_000.0));
        assert_eq!(lh("38 000 € - 44 000 € / an"), (38_000.0, 44_000.0));
        assert_eq!(lh("| Junior | 38k€ - 44k€ - Paris |"), (38_000.0, 44_000.0));
        // One before a number is.
        for t in [
            "100k€ - 38k€ - 44k€",
            "10k€ - 40k€ / 12",
            "10k€ - 40k€ - 5k€",
        ] {
            assert!(amounts(t).iter().all(|a| !a.is_range), "{t}");
        }
        // A bare low end shares the thousands of a high end written with
        // groups of `000`, when that makes it from a tenth of the high end
        // to ten times it.
        assert_eq!(lh("de 55 à 65 000 €"), (55_000.0, 65_000.0));
        assert_eq!(lh("Senior 45-55 000 €"), (45_000.0, 55_000.0));
        assert_eq!(lh("entre 45 et 55\u{202f}000\u{a0}€"), (45_000.0, 55_000.0));
        assert_eq!(lh("de 9 à 12 000 €"), (9_000.0, 12_000.0));
        assert_eq!(lh("prime de 1-2 000 €"), (1_000.0, 2_000.0));
        assert_eq!(lh("de 1 à 2 000 000 €"), (1_000_000.0, 2_000_000.0));
        assert_eq!(lh("de 65 à 55 000 €"), (65_000.0, 55_000.0));
        // Otherwise the low end stays as written.
        assert_eq!(lh("de 5 à 65 000 €"), (5.0, 65_000.0));
        assert_eq!(lh("45-55 500 €"), (45.0, 55_500.0));
        assert_eq!(lh("45-55000 €"), (45.0, 55_000.0));
        assert_eq!(lh("1500-2 000 €"), (1_500.0, 2_000.0));
        assert_eq!(lh("4,5-5 000 €"), (4.5, 5_000.0));
        assert_eq!(lh("45 € - 55 000 €"), (45.0, 55_000.0));
        let a = one("Expert 100-130k€+ ici");
        assert!(a.open && a.is_range && a.thousands);
        assert_eq!(a.currency, Currency::Eur);
        let a = one("salaire ~37k€/an");
        assert!(a.approx);
        assert_eq!(a.period, Some(Period::Year));
        assert_eq!(&"salaire ~37k€/an"[a.range.clone()], "~37k€/an");
        for text in [
            "touche environ 37k€",
            "touche env. 37k€",
            "autour de 37k€",
            "Autour de 37k€",
            "près de 37 000 €",
            "aux alentours de 37k€",
            "de l’ordre de 37k€",
            "around $120k",
        ] {
            assert!(one(text).approx, "{text}");
        }
        for text in ["37k€", "auprès de 37k€", "de 37k€", "le surplus de 5k€"] {
            assert!(!one(text).approx, "{text}");
        }
        let a = one("45 000 € brut annuel");
        assert_eq!(
            (a.basis, a.period),
            (Some(Basis::Gross), Some(Period::Year))
        );
        let a = one("2 500 € net/mois");
        assert_eq!((a.basis, a.period), (Some(Basis::Net), Some(Period::Month)));
        assert_eq!(one("coût $5k/jour").period, Some(Period::Day));
        for rate in [
            "300 € HT/jour",
            "600 € HT par jour",
            "800 € HT la journée",
            "500 € la journée",
            "500 € TTC / jour",
        ] {
            assert_eq!(one(rate).period, Some(Period::Day), "{rate}");
        }
        assert_eq!(one("3 500 € la semaine").period, Some(Period::Week));
        assert_eq!(one("60 € l'heure").period, Some(Period::Hour));
        for t in [
            "13 € brut de l'heure",
            "13 € de l’heure",
            "13 € brut horaire",
            "13 € horaire brut",
        ] {
            assert_eq!(one(t).period, Some(Period::Hour), "{t}");
        }
        assert_eq!(one("13 € brut horaire").basis, Some(Basis::Gross));
        // The basis said with `en` after the amount.
        let a = one("48k€ en net annuel");
        assert_eq!((a.basis, a.period), (Some(Basis::Net), Some(Period::Year)));
        assert_eq!(one("48k€ en salaire brut").basis, Some(Basis::Gross));
        // A change (`en nette hausse`), or what follows a comma (`66k€, en
        // net cela donne 51k€`), is not the figure's basis.
        for t in [
            "48k€ en 2024",
            "48k€ en salaire",
            "48k€ en netteté",
            "48k€, net",
            "66k€ en nette hausse",
            "66k€ en net recul",
            "66k€, en net cela donne",
        ] {
            assert_eq!(one(t).basis, None, "{t}");
        }
        assert_eq!(one("600 € journalier").period, Some(Period::Day));
        assert_eq!(one("900 € hebdomadaire").period, Some(Period::Week));
        // `de` not followed by `l'heure` is no period.
        assert_eq!(one("60k€ de salaire").period, None);
        assert_eq!(one("45k€ la première année").period, None);
        assert_eq!(one("TJM 500-700€ HT").period, None);
        assert_eq!(one("0.25€/transaction").period, Some(Period::Unit));
        assert_eq!(one("500-5000€ per talk").period, Some(Period::Unit));
        assert_eq!(one("60-100€/hour").period, Some(Period::Hour));
        assert!(one("augmentation +5k€/an").signed);
        assert!(!one("Junior 45-55k€").signed);
    }

    #[test]
    fn bounds() {
        let written = |text: &str| {
            let a = one(text);
            (text[a.range.clone()].to_string(), a.open, a.at_most)
        };
        let at_least = |w: &str| (w.to_string(), true, false);
        let at_most = |w: &str| (w.to_string(), false, true);
        assert_eq!(written("gagne au moins 70k€"), at_least("70k€"));
        assert_eq!(written("gagne plus de 70k€"), at_least("70k€"));
        assert_eq!(written("à partir de 70 000 €"), at_least("70 000 €"));
        assert_eq!(written("À partir de 70k€"), at_least("70k€"));
        assert_eq!(written("dès 45k€"), at_least("45k€"));
        assert_eq!(written("ne gagne jamais moins de 55k€"), at_least("55k€"));
        // A negation before a verb turns the comparison round too.
        assert_eq!(written("n'a jamais touché moins de 55k€"), at_least("55k€"));
        assert_eq!(written("ne dépasse pas plus de 55k€"), at_most("55k€"));
        assert_eq!(written("au-delà de **70k€**"), at_least("70k€"));
        assert_eq!(written("gagne 70k€ minimum."), at_least("70k€ minimum"));
        assert_eq!(written("70k€ et plus."), at_least("70k€ et plus"));
        assert_eq!(written("at least $120k"), at_least("$120k"));
        assert_eq!(written("45k€+"), at_least("45k€+"));
        assert_eq!(written("peut gagner jusqu'à 90k€"), at_most("90k€"));
        assert_eq!(written("jusqu’à 90k€"), at_most("90k€"));
        assert_eq!(written("moins de 40k€"), at_most("40k€"));
        assert_eq!(written("maximum 90k€"), at_most("90k€"));
        assert_eq!(written("ne dépasse pas plus de 90k€"), at_most("90k€"));
        assert_eq!(written("90k€ max, en fin de carrière"), at_most("90k€ max"));
        assert_eq!(written("90k€ au maximum"), at_most("90k€ au maximum"));
        // Period and basis words on either side of the bound.
        let a = one("70k€ brut minimum");
        assert!(a.open);
        assert_eq!(a.basis, Some(Basis::Gross));
        let a = one("70k€ minimum brut par an");
        assert!(a.open);
        assert_eq!(
            (a.basis, a.period),
            (Some(Basis::Gross), Some(Period::Year))
        );
        for text in [
            "45k€",
            "45k€ et plus de télétravail",
            "45k€ au plus tard",
            "le surplus de 5k€",
            "en plus de 60k€ de fixe",
            "de 45 à 55k€",
            "débute à 70k€",
        ] {
            let a = one(text);
            assert!(!a.open && !a.at_most, "{text}: {a:?}");
        }
        for (text, at_most) in [
            ("gagne jusqu'à 90k€", true),
            ("gagne 90k€ maximum", true),
            ("gagne au moins 70k€", false),
            ("gagne 90k€", false),
        ] {
            assert_eq!(one(text).at_most, at_most, "{text}");
        }
    }

    #[test]
    fn bounds_in_words() {
        let side = |text: &str| {
            let a = one(text);
            (a.open, a.at_most)
        };
        let (at_least, at_most, neither) = ((true, false), (false, true), (false, false));
        for text in [
            "démarre sous les 50k€",
            "sous 50k€",
            "Sous les 50k€",
            "reste sous la barre des 50k€",
            "en deçà de 50k€",
            "gagne 85k€ tout au plus",
            "gagne tout au plus 85k€",
            "ne dépasse pas 85k€",
            "ne dépassent jamais 85k€",
            "dépasse rarement 85k€",
            "ne dépasse pas la barre des 85k€",
            "ne peut pas dépasser 85k€",
            "n'a jamais dépassé 85k€",
            "gagne rarement plus de 50k€",
            "rarement au-delà de 50k€",
            "ne franchit jamais le cap des 50k€",
            "n'atteint pas la barre des 50k€",
            "a maxima 50k€",
            "50k€ ou moins",
            "45k€ au grand maximum",
        ] {
            assert_eq!(side(text), at_most, "{text}");
        }
        for text in [
            "gagne au bas mot 60k€",
            "gagne 60k€ au bas mot",
            "souvent 60k€ voire plus",
            "60k€ voire davantage",
            "a minima 60k€",
            "à minima 60k€",
            "60k€ a minima",
            "60k€ et au-delà",
            "60k€ et au delà.",
            "franchit la barre des 60k€",
            "franchit la barre symbolique des 60k€",
            "passe la barre des 60k€",
            "atteint le cap des 100k€",
            "au-dessus de la barre des 60k€",
            "au-delà des 60k€",
            "peut dépasser 85k€",
            "dépasse 85k€",
            "les salaires dépassent 85k€",
            "ne descend jamais sous les 50k€",
            "ne passe pas sous la barre des 50k€",
            "gagne rarement moins de 40k€",
        ] {
            assert_eq!(side(text), at_least, "{text}");
        }
        // Verbs that say a side only before a threshold, negations that make
        // a bound none, words that go on.
        for text in [
            "passe 60k€",
            "atteint 60k€",
            "ne gagne pas 85k€",
            "pas jusqu'à 90k€",
            "ne passe pas 60k€",
            "60k€ voire plus de 70k€ à Paris",
            "60k€ et au-delà de la prime",
            "à la barre des 60k€",
            "le dessous 60k€",
        ] {
            let all = amounts(text);
            assert!(
                all.iter().take(1).all(|a| (a.open, a.at_most) == neither),
                "{text}: {all:?}"
            );
        }
        // The words after are part of what is written.
        let t = "gagne 85k€ tout au plus, parfois moins";
        assert_eq!(&t[one(t).range.clone()], "85k€ tout au plus");
        let t = "gagne au bas mot 60k€";
        assert_eq!(&t[one(t).range.clone()], "60k€");
        let a = one("60k€ brut voire plus");
        assert!(a.open);
        assert_eq!(a.basis, Some(Basis::Gross));
    }

    #[test]
    fn approximations_in_words() {
        for text in [
            "gagne à peu près 40k€",
            "gagne a peu pres 40k€",
            "gagne grosso modo 83k€",
            "pas loin de 82k€",
            "pas très loin de 82k€",
            "tourne dans les 70k€",
            "en gros 70k€",
            "presque 70k€",
            "quasiment 70k€",
            "plus ou moins 70k€",
            "autour des 70k€",
            "quelque 70k€",
            "aux environs de 70k€",
            "avoisine 70k€",
            "frôle 70k€",
            "70k€ environ",
            "70k€ environ.",
            "70k€ brut environ",
            "70k€ à peu près",
            "83k€ grosso modo",
            "70k€ en gros",
            "70k€ plus ou moins",
            "70k€ ou presque",
        ] {
            let a = one(text);
            assert!(a.approx, "{text}: {a:?}");
            assert!(!a.open && !a.at_most, "{text}: {a:?}");
        }
        // Only right before the amount.
        for text in [
            "dans les startups, 70k€",
            "autour des équipes, 70k€",
            "presque tous gagnent 70k€",
            "quelques 70k€",
            "70k€ environ de prime",
            "loin de 70k€",
        ] {
            let a = one(text);
            assert!(!a.approx, "{text}: {a:?}");
        }
        let t = "70k€ environ (+10 %)";
        assert_eq!(&t[one(t).range.clone()], "70k€ environ");
    }

    /// An `E` is kilo-euros only right after `k`: not a word after it, nor
    /// alone after a number.
    #[test]
    fn an_e_is_euros_after_k_only() {
        for t in ["80 E", "80KEnvoi", "80 K Envoi", "80 KEUROPE"] {
            assert!(
                amounts(t).iter().all(|a| a.currency != Currency::Eur),
                "{t}"
            );
        }
    }

    #[test]
    fn a_year_before_a_figure_is_no_range() {
        let t = "embauché en 2025 à 40k€ brut";
        let all = amounts(t);
        let got: Vec<&str> = all.iter().map(|a| &t[a.range.clone()]).collect();
        assert_eq!(got, ["40k€ brut"]);
        // A monthly range of four digits is still one.
        let a = one("de 2000 à 2500 € par mois");
        assert_eq!((a.low, a.high), (2000.0, 2500.0));
    }

    #[test]
    fn swiss_and_canadian_amounts() {
        for (t, cur, low, high) in [
            ("120'000 CHF", Currency::Chf, 120_000.0, 120_000.0),
            ("CHF 90'000", Currency::Chf, 90_000.0, 90_000.0),
            ("CHF 90’000 à 110’000", Currency::Chf, 90_000.0, 110_000.0),
            ("95 000 à 115 000 $ CA", Currency::Cad, 95_000.0, 115_000.0),
            (
                "110 000 à 135 000 $ CAD",
                Currency::Cad,
                110_000.0,
                135_000.0,
            ),
            ("60-70k CAD", Currency::Cad, 60_000.0, 70_000.0),
            ("C$120k", Currency::Cad, 120_000.0, 120_000.0),
            (
                "90 000 dollars canadiens",
                Currency::Cad,
                90_000.0,
                90_000.0,
            ),
            ("US$120k", Currency::Usd, 120_000.0, 120_000.0),
            ("$120k", Currency::Usd, 120_000.0, 120_000.0),
            // Kilo-euros in short.
            ("80KE", Currency::Eur, 80_000.0, 80_000.0),
            ("entre 55 et 65 KE brut", Currency::Eur, 55_000.0, 65_000.0),
            ("45-50kE", Currency::Eur, 45_000.0, 50_000.0),
        ] {
            let a = one(t);
            assert_eq!((a.currency, a.low, a.high), (cur, low, high), "{t}");
        }
        assert_eq!(
            format_money(120_000.0, 130_000.0, Currency::Cad, true),
            "120-130k CAD"
        );
    }

    #[test]
    fn numbers_that_are_not_amounts() {
        for text in [
            "Junior <2 ans, Mid 2-4 ans",
            "ISO 27001 et SOC2",
            "on-call 24/7",
            "2019-2025",
            "100k followers",
            "45 km",
            "H1B",
            "le 2025-02-07",
        ] {
            assert!(amounts(text).is_empty(), "{text}: {:?}", amounts(text));
        }
    }

    #[test]
    fn several_amounts() {
        let t = "Junior 50-65k€, Mid 70-85k€, Senior 90-120k€, Staff 120-160k€+).";
        let all = amounts(t);
        let got: Vec<&str> = all.iter().map(|a| &t[a.range.clone()]).collect();
        assert_eq!(got, ["50-65k€", "70-85k€", "90-120k€", "120-160k€+"]);
        let t = "de 100€/mois à 10k€/mois";
        assert_eq!(amounts(t).len(), 2);
        let t = "(400K€ revenue + 50K€ saved) - 220K€ = +230K€";
        assert_eq!(amounts(t).len(), 4);
        let t = "50K€ - 20K€ = 30K€";
        assert_eq!(amounts(t).len(), 3);
        let t = "60k€ - 6k€ = 54k€";
        assert_eq!(amounts(t).len(), 3);
        let t = "10k€ + 40k€ - 45k€ = 5k€";
        assert_eq!(amounts(t).len(), 4);
        let t = "100k€ - 38k€ - 44k€";
        assert_eq!(amounts(t).len(), 3);
        let t = "45k€ - Paris, 50k€ - Lyon";
        assert_eq!(amounts(t).len(), 2);
        let t = "65k€ + 6.5k€ + 5k€ + 1.2k€ + 2k€ = ~80k€";
        let all = amounts(t);
        assert_eq!(all.len(), 6);
        assert!(all[5].approx);
    }

    #[test]
    fn claims() {
        let t = "80-100k€ (+25%), x";
        let c = claim(t, "80-100k€".len()).unwrap();
        assert_eq!((c.low, c.high, c.at_least), (25.0, 25.0, false));
        assert_eq!(&t[c.range.clone()], "+25%");
        assert_eq!(&t[c.end..], ", x");
        let c = claim(" (+100%+).", 0).unwrap();
        assert!(c.at_least);
        let c = claim(" (+25% à +35% vs développeur Full-Stack), y", 0).unwrap();
        assert_eq!((c.low, c.high), (25.0, 35.0));
        assert_eq!(c.versus.as_deref(), Some("développeur Full-Stack"));
        let c = claim(" −10\u{202f}%", 0).unwrap();
        assert_eq!(c.low, -10.0);
        assert!(claim(" (25%)", 0).is_none());
        assert!(claim(" (+25%", 0).is_none());
    }

    #[test]
    fn claims_in_other_forms() {
        let read = |t: &str| {
            let c = claim(t, 0).unwrap_or_else(|| panic!("{t}: no claim"));
            assert_eq!(&t[c.end..], ", x", "{t}");
            (c.low, c.high, t[c.range.clone()].to_string())
        };
        // A range with `%` once, `de … à`, `entre … et`.
        for t in [
            " (+20 à +25 %), x",
            " (+20 à 25 %), x",
            " (de +20 à +25 %), x",
            " (De +20 à +25\u{a0}%), x",
            " (entre +20 et +25 %), x",
            " (+20-25 %), x",
            " (+20 – 25 %), x",
            " (+20 % à +25 %), x",
        ] {
            let (low, high, _) = read(t);
            assert_eq!((low, high), (20.0, 25.0), "{t}");
        }
        assert_eq!(read(" (+20 à +25 %), x").2, "+20 à +25 %");
        // Minus signs: `-`, `−` (U+2212), an en dash (U+2013) glued.
        for t in [" (-40 %), x", " (−40 %), x", " (–40 %), x", " (–40%), x"] {
            assert_eq!(read(t).0, -40.0, "{t}");
        }
        assert_eq!(read(" (–20 à –10 %), x").0, -20.0);
        // Unsigned, with words that give the sign, in parentheses.
        for (t, v) in [
            (" (40 % de plus), x", 40.0),
            (" (40 % de moins), x", -40.0),
            (" (40 % plus élevé), x", 40.0),
            (" (40 % inférieur), x", -40.0),
            (" (20 à 25 % de plus), x", 20.0),
            (" (+40 % de plus), x", 40.0),
        ] {
            assert_eq!(read(t).0, v, "{t}");
        }
        assert_eq!(read(" (40 % de plus), x").2, "40 % de plus");
        // Words of approximation before or after.
        for t in [
            " (+40 % environ), x",
            " (+40 % en moyenne), x",
            " (+40 % à peu près), x",
            " (environ +40 %), x",
            " (~+40 %), x",
        ] {
            assert_eq!(read(t).0, 40.0, "{t}");
        }
        let t = " +40 % en moyenne à Paris";
        let c = claim(t, 0).unwrap();
        assert_eq!(&t[c.end..], " à Paris");
        // Not claims: an en dash between words, an unsigned percentage or
        // one without a parenthesis, signs that disagree with the words,
        // `de`/`entre` without a range or a parenthesis.
        for t in [
            " – 30 % des postes",
            " (40 %)",
            " 40 % de plus",
            " (-40 % de plus)",
            " (de +20 %)",
            " de +20 à +25 %",
            " (entre +20 à +25 %)",
            " (+20 et +25 %)",
            " (+20)",
            " (+20 à +25)",
            " (5+ ans)",
        ] {
            assert!(claim(t, 0).is_none(), "{t}: {:?}", claim(t, 0));
        }
    }

    #[test]
    fn a_percentage_of_pay_is_no_claim() {
        for t in [
            " +10 % de variable.",
            " + 10 % de variable",
            " +10% de part variable",
            " +15 % de bonus annuel",
            " +10 % de prime",
            " +5 % d'intéressement",
            " +5 % d’intéressement",
            " +10-15 % de variable",
            " +20 % en BSPCE",
        ] {
            assert!(claim(t, 0).is_none(), "{t}: {:?}", claim(t, 0));
        }
        // Other words after a claim leave it one.
        for t in [
            " +10 % de plus que prévu",
            " +10 % depuis 2023",
            " +10 % de salaire",
        ] {
            assert!(claim(t, 0).is_some(), "{t}");
        }
    }

    #[test]
    fn a_change_says_its_percentage_after_soit() {
        for (t, v, pct) in [
            (", soit +25 %. x", 25.0, "+25 %"),
            (", soit une hausse de 25 %. x", 25.0, "25 %"),
            (
                " soit une augmentation d’environ 25\u{a0}%. x",
                25.0,
                "25\u{a0}%",
            ),
            (", soit 25 % de plus. x", 25.0, "25 %"),
            (", soit une baisse de 20 %. x", -20.0, "20 %"),
            (", soit –20 %. x", -20.0, "–20 %"),
            (", Soit -20 % de moins. x", -20.0, "-20 %"),
        ] {
            let c = change_claim(t, 0).unwrap_or_else(|| panic!("{t}: no claim"));
            assert_eq!((c.low, c.high), (v, v), "{t}");
            assert_eq!(&t[c.range.clone()], pct, "{t}");
            assert_eq!(&t[c.end..], ". x", "{t}");
        }
        // No sign said, signs that disagree, an en dash between words, or
        // no `soit`.
        for t in [
            ", soit 25 %.",
            ", soit une hausse de -25 %.",
            ", soit +25 % de moins.",
            ", soit – 25 %.",
            ", +25 %.",
            ", soit 5 000 € par mois.",
        ] {
            assert!(
                change_claim(t, 0).is_none(),
                "{t}: {:?}",
                change_claim(t, 0)
            );
        }
    }

    #[test]
    fn experience_bands() {
        let e =
            experiences("Junior <2 ans, Mid 2-4 ans, Senior 4+ ans, Lead plus de 8 ans, 5-10 ans");
        let got: Vec<(f64, Option<f64>)> = e.iter().map(|e| (e.low, e.high)).collect();
        assert_eq!(
            got,
            [
                (0.0, Some(2.0)),
                (2.0, Some(4.0)),
                (4.0, None),
                (8.0, None),
                (5.0, Some(10.0))
            ]
        );
        // Open-ended, said after the number or before it.
        let e = experiences(
            "Senior 5 ans et plus, Staff 8 ans ou plus, Lead 5 years or more, 6 ans minimum, au moins 3 ans",
        );
        let got: Vec<(f64, Option<f64>)> = e.iter().map(|e| (e.low, e.high)).collect();
        assert_eq!(
            got,
            [
                (5.0, None),
                (8.0, None),
                (5.0, None),
                (6.0, None),
                (3.0, None)
            ]
        );
        assert_eq!(e[0].text, "5 ans et plus");
        // French typography puts a space after `<` and `>`.
        let e = experiences("Junior (< 2 ans), Senior (> 5 ans), Mid (≤\u{202f}4 ans)");
        let got: Vec<(f64, Option<f64>)> = e.iter().map(|e| (e.low, e.high)).collect();
        assert_eq!(got, [(0.0, Some(2.0)), (5.0, None), (0.0, Some(4.0))]);
        // An age is no experience, unless experience is said.
        let e = experiences(
            "Thomas, 34 ans. Un alternant de plus de 21 ans. Lead, 20 ans d'expérience.",
        );
        let got: Vec<(f64, Option<f64>)> = e.iter().map(|e| (e.low, e.high)).collect();
        assert_eq!(got, [(20.0, Some(20.0))]);
    }

    #[test]
    fn formatting() {
        assert_eq!(
            format_money(45_000.0, 55_000.0, Currency::Eur, true),
            "45-55k€"
        );
        assert_eq!(format_money(6_500.0, 6_500.0, Currency::Eur, true), "6.5k€");
        assert_eq!(
            format_money(45_000.0, 45_000.0, Currency::Eur, false),
            "45 000 €"
        );
        assert_eq!(
            format_money(120_000.0, 180_000.0, Currency::Usd, true),
            "120-180k$"
        );
        assert_eq!(format_money(120.0, 120.0, Currency::Usd, false), "$120");
        // Past 10 000k, the thousands are grouped as in a figure in full.
        assert_eq!(
            format_money(12_345_000.0, 12_345_000.0, Currency::Eur, true),
            "12 345k€"
        );
        assert_eq!(
            format_money(9_999_000.0, 9_999_000.0, Currency::Eur, true),
            "9999k€"
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "0€0",
            "0$0k",
            "~0€~0€",
            "entre 0€entre 1 et 2k€",
            "€",
            "$",
            "1",
            "1 ",
            "1 0",
            "9,",
            "k€",
            "1k",
            "~",
            "45 – ",
            "entre 4 et",
            "1\u{a0}",
            "\u{202f}1\u{202f}000\u{202f}€",
        ] {
            let all = amounts(text);
            for w in all.windows(2) {
                assert!(w[0].range.end <= w[1].range.start, "{text}: {all:?}");
            }
            let _ = experiences(text);
            let _ = claim(text, 0);
        }
    }
}
