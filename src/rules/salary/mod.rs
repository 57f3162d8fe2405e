//! The `salary` rule kind: salary figures that contradict each other, in one
//! article and across the articles of a year.
//!
//! `extract` reads every money amount of an article and tells salaries from
//! other amounts; `checks` compares the figures of one article; the corpus
//! pass compares the figures of all checked articles, bucketed by role,
//! level and year.

pub mod amount;
mod checks;
pub mod extract;
mod first_names;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

pub use amount::{Basis, Currency, Period};
pub use extract::{Extractor, Figure, LevelDef, Vocabulary, extract};

use super::{BuildError, Context, CorpusContext, CorpusFile, Facts, Kind, Rule, error_at};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::span::{Location, Span};
use crate::yaml::{Node, de};

pub static KIND: Kind = Kind {
    name: "salary",
    summary: "Salary figures that contradict each other: same role and level with different figures, wrong percentages and totals, inverted ranges, ladders going down",
    doc: DOC,
    build,
    schema: |g| g.subschema_for::<Options>(),
};

const DOC: &str = r#"Reads the money amounts of an article, tells salaries from other amounts,
and reports the figures that contradict each other. `repere salaries FILES`
prints what it read (add `--all` for the amounts it did not take as salaries).

What it reads (paragraphs, list items, table rows; never code):
  Amounts      45k€, 45-55k€, 45 – 55 k€, 45k€-55k€, 45k€+, ~37k€/an, 60k€,
               45 000 €, 45 000 € brut, entre 45 et 55 k€, de 45 à 55k€,
               120-180k$, $120k, $120-180k, 120,000 $; spaces inside numbers
               and before units may be normal, no-break (U+00A0) or narrow
               no-break (U+202F); `k`/`K` is thousands, `M` millions;
               `80KE`, `55 kE` (an `E` right after `k`) are kilo-euros.
               `45 000 € - 55 000 €` (a hyphen between spaces) is a range
               when it goes up and no operator is next to it, else a
               subtraction (`60k€ - 6k€ = 54k€`). A bare low end shares
               the thousands of a high end written with groups of `000`
               (`de 55 à 65 000 €`, `45-55 000 €` are 55 000 to 65 000 €,
               45 000 to 55 000 €) when it then is from a tenth of the high
               end to ten times it (`de 5 à 65 000 €` stays 5 to 65 000 €).
  Bounds       at least: 45k€+, au moins, plus de, à partir de, dès,
               au-delà de, jamais moins de 45k€, 45k€ minimum, 45k€ et plus;
               at most: jusqu'à, moins de, maximum, au plus, pas plus de
               90k€, 90k€ max, 90k€ au maximum.
  Salary or not   The nearest word that tells decides:
               - an amount per day, hour, week or unit (/jour, /j, /h,
                 /transaction, per talk) is never a salary (TJM, daily rates);
               - an amount written with a sign (+5k€) is a change, and so
                 is a range after a word of change (passe de 40k€ à 52k€,
                 une hausse de 40 à 50k€; its claim, `(+50 %)`, is checked
                 against it); the parts and total of a sum
                 (a + b = c) are not salary figures;
               - then the words right after it (200k€ investis, 15k€
                 charges), `brut`/`net`, the words before it in its sentence,
                 the label of its paragraph, the line before its list, its
                 headings: a salary word (salaire, rémunération, package,
                 gagner, embauché, brut…) makes it a salary; another word
                 (TJM, tarif, coût, prix, budget, investissement, CA, revenue,
                 économisés, équipement, licence, formation…) makes it not;
               - else a level next to it (Junior 45k€) makes it a salary.
  Context      role: the capitalised name right before the figure
               (Prompt Engineer 80-100k€; a verb between them is skipped,
               Un Développeur Backend passe à 52k€; a capital that only
               opens a sentence names nothing: Comptez, Visez,
               Actuellement, Aujourd'hui, Minimum, Médiane…), else the bold label or `Name :` that
               opens the paragraph or list item, the bold line before a list,
               the item a list is nested in (- **Data Engineer**, then
               its items - Junior : 42-50k€; on the safe side: an item
               read as a place or an employer names none, items that
               disagree name none, an item naming no role tells its
               figures apart), or the nearest H3+ heading; a level
               in parentheses (Un Data Engineer (Junior) touche 46k€)
               and a place (à Paris) after the name are not part of
               it; in a table, the row's first
               cell (and the header of the figure's column gives its level,
               place or what it is). Roles are compared lowercased,
               without accents and generic words (Engineer, Développeur,
               Specialist): `Cloud Security` is `Cloud Security Specialist`.
               level: Junior, Mid, Senior, Staff, Lead, Expert, Principal,
               Distinguished (see `levels`), before or after the figure, else
               in the label, the line before the list or the heading.
               experience: <2 ans, 2-4 ans, 4+ ans, 5-10 ans, plus de 5 ans.
               place (France, Paris, US, Remote… see `places`), a year other
               than the article's, a parenthesis after the figure (`(web)`)
               or else a kind of employer (startup, scale-up, grand groupe,
               PME, ETI, ESN, freelance…), period (/an, /mois, annuel, /jour,
               HT la journée) and gross/net: figures that differ in any of
               these are not compared. Place, year and employer are read
               before the figure (its clause, the clause before it, what
               opens its sentence, its label, the line before its list,
               its heading) or right after it when said so (`à Paris`,
               `en 2022`, `en startup`). What opens a sentence holds for
               all its figures: a clause saying where or when (`À Paris, un
               Junior touche 45k€ et un Senior 68k€`) or a label
               (`Les salaires à Nantes : Junior 40k€, Senior 56k€`). A figure
               without a place is taken for France, a yearly one without brut
               or net for gross: they compare with `en France` and `brut`.
               claim: a percentage after the figure, `(+25%)`, `+35% vs
               développeur Full-Stack`, `(+100%+)` (at least), `(+25% à +35%)`,
               also after a word of time (`~45k€ après (+62%)`) or a
               place (`51k€ à Lyon (-15 %)`).

Checks (`checks`; each finding has labels on the places involved, at most
five of the other figure's, the message counting the rest):
  ranges       a range whose low end is above its high end (any amount).
  implausible  a salary below `plausible.min` or above `plausible.max` a year
               (a twelfth of them a month), or `plausible.factor` times above
               or below the median of the article's other salary figures (with
               at least two others in the same currency and period).
  mismatch     the same role and level (or the same role named right before
               the figure) with different figures in the article (a single
               figure inside the other's range, 50k€ and 45-55k€, agrees).
               An approximate figure (~66k€, environ, env., autour de, près
               de, aux alentours de, de l'ordre de) agrees within 5%: with a
               range widened by 5% (environ 35k€ and 36-42k€), a single
               figure, or a range end to end. A bound agrees with a figure
               wholly on its side (au moins 70k€ with 70-90k€ or 100k€, not
               65-90k€; jusqu'à 90k€ with 70-90k€), with a bound the other
               way that leaves room, with one the same way when equal.
  experience   the same role and level with different experience bands.
  ladder       a higher level paid less than the level below it, at both ends
               of the range, for one role (or in one list or paragraph).
  claims       a percentage the figures contradict by more than `tolerance`
               points: low is compared to low, high to high and mid to mid,
               against the role (or place) named after `vs`, else the first figure of
               the same paragraph, list or table (in a table, the first of
               the claim's column is tried first), the one right before
               it (not another change of the same level and year when the
               sentence says over what time: sur un an, depuis 2022),
               the first after it in its paragraph (contre 52k€ à
               Paris) or the nearest before it of its level; wrong when
               it fits none. Figures in different
               currencies are compared only with `rates`.
  totals       `a + b + c = total` where the parts do not make the total,
               beyond rounding (half the last digit written, at least 1%; 5%
               when the total is written `~`); and a figure per month
               restated per year after `soit` (or the reverse: `3 000 €
               par mois, soit 45k€ par an`) that is not 12 to 13 times it
               (the `sur N mois` said near them, if any), beyond 4% (8%
               with `~`); not when one is net and the other is not, nor
               for `soit A, soit B` (either one or the other).
  corpus       across the checked articles: the same role and level (and
               place, qualifier, currency, period) with different figures in
               articles of the same year (the year of `date`, or of the file
               name). Put it in its own rule to give it its own severity.

Options:
  checks: [ranges, implausible, mismatch, experience, ladder, claims, totals]
               The checks to run (default: all but corpus).
  tolerance: 5 Points of percentage a claim may be off.
  rates: {}    Values of currencies in a common unit, to compare claims across
               currencies, e.g. {EUR: 1, USD: 0.92}. EUR is 1 unless given.
  plausible:   Bounds of a yearly salary: {min: 5000, max: 2000000, factor: 4}.
  levels:      The career ladder (replaces the default), e.g.
                 - {name: Junior, rank: 0, words: [jr, débutant]}
                 - {name: Mid, rank: 1, words: [confirmé, mid-level]}
               Levels of the same rank are not ordered between them.
               A name or word of two levels is refused.
  salary_words: [WORDS]  Words that make an amount a salary (added).
  other_words: [WORDS]   Words that make an amount something else (added).
  places: [WORDS]        Places (added to France, Paris, Lyon, Europe, US, UK,
                         London, Berlin, Remote…).

Example:
  - id: salary-consistency
    kind: salary
    severity: error
    checks: [ranges, mismatch, claims, totals]
    tolerance: 5
  - id: salary-consistency-corpus
    kind: salary
    severity: warning
    checks: [corpus]
"#;

/// The checks of the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    Ranges,
    Implausible,
    Mismatch,
    Experience,
    Ladder,
    Claims,
    Totals,
    Corpus,
}

const FILE_CHECKS: &[Check] = &[
    Check::Ranges,
    Check::Implausible,
    Check::Mismatch,
    Check::Experience,
    Check::Ladder,
    Check::Claims,
    Check::Totals,
];

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plausible {
    #[serde(default = "default_min")]
    #[schemars(range(min = 0))]
    pub min: f64,
    #[serde(default = "default_max")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub max: f64,
    #[serde(default = "default_factor")]
    #[schemars(extend("exclusiveMinimum" = 1))]
    pub factor: f64,
}

/// A currency's rate, for the schema: above 0.
#[derive(schemars::JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)] // the schema's only
struct PositiveRate(#[schemars(extend("exclusiveMinimum" = 0))] f64);

fn default_min() -> f64 {
    5_000.0
}
fn default_max() -> f64 {
    2_000_000.0
}
fn default_factor() -> f64 {
    4.0
}
fn default_tolerance() -> f64 {
    5.0
}

impl Default for Plausible {
    fn default() -> Self {
        Plausible {
            min: default_min(),
            max: default_max(),
            factor: default_factor(),
        }
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    checks: Option<Vec<Check>>,
    #[serde(default = "default_tolerance")]
    #[schemars(range(min = 0))]
    tolerance: f64,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, PositiveRate>")]
    rates: BTreeMap<String, f64>,
    #[serde(default)]
    plausible: Plausible,
    levels: Option<Vec<LevelDef>>,
    #[serde(default)]
    salary_words: Vec<String>,
    #[serde(default)]
    other_words: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
}

/// What the checks need from the options.
#[derive(Debug, Clone)]
pub struct Settings {
    pub checks: Vec<Check>,
    pub tolerance: f64,
    pub rates: HashMap<Currency, f64>,
    pub plausible: Plausible,
}

impl Settings {
    /// The value of one unit of `c` in the common unit of `rates` (EUR is 1
    /// unless given; other currencies only when given).
    pub fn rate(&self, c: Currency) -> Option<f64> {
        self.rates
            .get(&c)
            .copied()
            .or((c == Currency::Eur).then_some(1.0))
    }
}

struct SalaryRule {
    extractor: Extractor,
    /// Tells this extractor's figures from those of extractors with other
    /// options, among the values derived from a document: the rules of one
    /// vocabulary read a file's figures once.
    key: u64,
    settings: Settings,
}

fn build(node: &Node) -> Result<Box<dyn Rule>, BuildError> {
    let (extractor, settings, key) = parse(node)?;
    Ok(Box::new(SalaryRule {
        key,
        extractor,
        settings,
    }))
}

impl SalaryRule {
    /// The file's figures, extracted once for every rule of this vocabulary.
    fn figures(&self, doc: &Document) -> Arc<Vec<Figure>> {
        doc.derived(self.key, |d| self.extractor.extract(d))
    }
}

/// The extractor a `salary` rule's options describe (for `repere salaries`).
pub fn extractor(node: &Node) -> Result<Extractor, BuildError> {
    parse(node).map(|(e, _, _)| e)
}

/// The extractor, the settings, and the key of the extractor's figures
/// among a document's derived values: a hash of the options the vocabulary
/// is made of (equal options make equal vocabularies).
fn parse(node: &Node) -> Result<(Extractor, Settings, u64), BuildError> {
    let opts: Options = de::from_node(node)?;
    let at = |key: &str| node.get(key).unwrap_or(node);
    if !(opts.tolerance.is_finite() && opts.tolerance >= 0.0) {
        return Err(error_at(
            at("tolerance"),
            "`tolerance` is a number of points, 0 or more",
        ));
    }
    let p = &opts.plausible;
    if !(p.min >= 0.0 && p.max > p.min && p.factor > 1.0) {
        return Err(error_at(
            at("plausible"),
            "`plausible` needs 0 <= min < max and factor > 1",
        ));
    }
    let mut rates = HashMap::new();
    // The key, or the value, of the entry at fault.
    let rate = |code: &str| node.get("rates").and_then(|r| r.entry(code));
    for (code, value) in &opts.rates {
        let cur = Currency::from_code(code).ok_or_else(|| {
            error_at(
                rate(code).map_or(at("rates"), |(k, _)| k),
                format!("unknown currency `{code}`; known: EUR, USD, GBP, CHF, CAD"),
            )
        })?;
        if !(value.is_finite() && *value > 0.0) {
            return Err(error_at(
                rate(code).map_or(at("rates"), |(_, v)| v),
                format!("the rate of `{code}` is {value}; it must be a finite number above 0"),
            ));
        }
        rates.insert(cur, *value);
    }
    let checks = opts.checks.unwrap_or_else(|| FILE_CHECKS.to_vec());
    if checks.is_empty() {
        return Err(error_at(at("checks"), "`checks` is empty"));
    }
    let levels = opts.levels.unwrap_or_else(extract::default_levels);
    if levels.is_empty() {
        return Err(error_at(at("levels"), "`levels` is empty"));
    }
    // A word of two levels: a figure beside it could be either.
    let mut seen: HashMap<String, &LevelDef> = HashMap::new();
    for (i, level) in levels.iter().enumerate() {
        let item = node
            .get("levels")
            .and_then(Node::as_seq)
            .and_then(|l| l.get(i));
        let names = std::iter::once((&level.name, item.and_then(|n| n.get("name")))).chain(
            level.words.iter().enumerate().map(|(k, w)| {
                let word = item.and_then(|n| n.get("words")).and_then(Node::as_seq);
                (w, word.and_then(|w| w.get(k)))
            }),
        );
        for (word, at_word) in names {
            // As figures are read: lowercased, accents removed.
            if let Some(first) = seen.insert(extract::fold(word), level)
                && !std::ptr::eq(first, level)
            {
                return Err(error_at(
                    at_word.or(item).unwrap_or(node),
                    format!(
                        "`{word}` names two levels, `{}` and `{}`: a figure beside it could be either; keep it in one",
                        first.name, level.name
                    ),
                ));
            }
        }
    }
    let key = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (&levels, &opts.salary_words, &opts.other_words, &opts.places).hash(&mut hasher);
        hasher.finish()
    };
    let vocabulary = Vocabulary::new(levels, &opts.salary_words, &opts.other_words, &opts.places);
    Ok((
        Extractor::new(vocabulary),
        Settings {
            checks,
            tolerance: opts.tolerance,
            rates,
            plausible: opts.plausible,
        },
        key,
    ))
}

/// A salary figure as the corpus pass sees it.
struct CorpusFigure {
    key: checks_key::Key,
    who: String,
    /// As the messages write it (`up to 90k€`).
    value: String,
    said: checks::Said,
    span: Span,
    location: Location,
}

mod checks_key {
    /// Role key, level, place, year, qualifier, currency, yearly, basis.
    pub type Key = (
        String,
        String,
        Option<String>,
        u16,
        Option<String>,
        super::Currency,
        bool,
        Option<super::Basis>,
    );
}

struct SalaryFacts {
    figures: Vec<CorpusFigure>,
}

impl Rule for SalaryRule {
    fn cross_file_only(&self) -> bool {
        !self.settings.checks.iter().any(|c| FILE_CHECKS.contains(c))
    }

    fn check(&self, doc: &Document, cx: &mut Context) {
        if self.cross_file_only() {
            return;
        }
        let figures = self.figures(doc);
        if !figures.is_empty() {
            checks::run(doc, &figures, &self.settings, cx);
        }
    }

    fn collect(&self, doc: &Document, _cx: &Context) -> Option<Facts> {
        if !self.settings.checks.contains(&Check::Corpus) {
            return None;
        }
        let article_year = extract::article_year(doc);
        let figures = self
            .figures(doc)
            .iter()
            .filter(|f| f.compared() && f.level.is_some())
            .filter_map(|f| {
                let year = f.year.or(article_year)?;
                let (role, level, place, _, qualifier, currency, yearly, basis) =
                    checks::figure_key(f)?;
                Some(CorpusFigure {
                    key: (role, level, place, year, qualifier, currency, yearly, basis),
                    who: f.who(),
                    value: checks::said(f),
                    said: f.into(),
                    span: f.span,
                    location: doc.location(f.span),
                })
            })
            .collect();
        Some(Box::new(SalaryFacts { figures }))
    }

    fn check_corpus(&self, files: &[CorpusFile<'_>], cx: &mut CorpusContext) {
        // Bucket by role, level, year…: the first figure of each file.
        let mut buckets: HashMap<&checks_key::Key, Vec<(usize, &CorpusFigure)>> = HashMap::new();
        let mut order: Vec<&checks_key::Key> = Vec::new();
        for (i, file) in files.iter().enumerate() {
            let Some(facts) = file.facts.downcast_ref::<SalaryFacts>() else {
                continue;
            };
            for f in &facts.figures {
                let entry = buckets.entry(&f.key).or_insert_with(|| {
                    order.push(&f.key);
                    Vec::new()
                });
                if !entry.iter().any(|(j, _)| *j == i) {
                    entry.push((i, f));
                }
            }
        }
        for key in order {
            let Some(entries) = buckets.get(key) else {
                continue;
            };
            if entries.len() < 2 {
                continue;
            }
            let mut index: HashMap<((i64, i64), bool, bool), usize> = HashMap::new();
            let mut classes: Vec<Vec<(usize, &CorpusFigure)>> = Vec::new();
            for &(i, f) in entries {
                let key = f.said.class_key();
                let c = *index.entry(key).or_insert_with(|| {
                    classes.push(Vec::new());
                    classes.len() - 1
                });
                classes[c].push((i, f));
            }
            classes.sort_by_key(|c| std::cmp::Reverse(c.len()));
            let Some((reference, rest)) = classes.split_first() else {
                continue;
            };
            let (ri, rf) = reference[0];
            let ref_path: &Arc<PathBuf> = files[ri].path;
            let name = ref_path.file_name().map_or_else(
                || ref_path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            // The articles besides one of a class: ` and 2 other articles`.
            let besides = |n: usize, and: &str| match n {
                0 | 1 => String::new(),
                2 => format!(" {and} 1 other article"),
                n => format!(" {and} {} other articles", n - 1),
            };
            let others = besides(reference.len(), "and");
            for class in rest {
                // As many articles on each side, several each: no side is
                // the rule (one against one reads as two articles that
                // disagree).
                let tie = class.len() > 1 && class.len() == reference.len();
                let also = besides(class.len(), "and in");
                let also = if also.is_empty() {
                    also
                } else {
                    format!("{also},")
                };
                for &(i, f) in class {
                    // As in an article: one figure inside the other's
                    // range, approximate ones within 5%, a bound with a
                    // figure on its side; and a range inside the other
                    // that shares an end (`44-48k€` and `42-48k€`), which
                    // in one article is a copy edited at one end, but
                    // across articles another source's narrower range.
                    if checks::agree(f.said, rf.said) || checks::nested(f.said, rf.said) {
                        continue;
                    }
                    let help = if tie {
                        "articles of the same year should agree, and as many say each figure: find which is current, update the others, or say what differs (place, company size, source)"
                    } else {
                        "articles of the same year should agree: update the figure that is out of date, or say what differs (place, company size, source)"
                    };
                    let finding = Finding::new(
                        f.span,
                        format!(
                            "{} is {} here{also} but {} in `{name}`{others} of the same year ({})",
                            f.who, f.value, rf.value, key.3
                        ),
                    )
                    .label_in(
                        ref_path.clone(),
                        rf.span,
                        rf.location,
                        format!("{} is {} here", rf.who, rf.value),
                    )
                    .help(help);
                    cx.report(i, f.location, finding);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(options: &str) -> u64 {
        let node = crate::yaml::parse(options, 0).unwrap().root.unwrap();
        parse(&node).unwrap().2
    }

    /// A name or word of two levels is refused, pointed at; the same word
    /// twice in one level, or two levels of one rank, are fine.
    #[test]
    fn a_word_of_two_levels_is_refused() {
        let text = "levels:\n  - {name: Junior, rank: 0}\n  - {name: Senior, rank: 2, words: [sr, junior]}\n";
        let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
        let Err(e) = parse(&node) else {
            panic!("accepted")
        };
        assert!(
            e.message
                .starts_with("`junior` names two levels, `Junior` and `Senior`"),
            "{}",
            e.message
        );
        assert_eq!(e.span.map(|s| &text[s.start..s.end]), Some("junior"));
        let text = "levels:\n  - {name: Junior, rank: 0, words: [débutant]}\n  - {name: Mid, rank: 1, words: [debutant]}\n";
        let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
        let Err(e) = parse(&node) else {
            panic!("accepted")
        };
        assert_eq!(e.span.map(|s| &text[s.start..s.end]), Some("debutant"));
        let text =
            "levels:\n  - {name: Staff, rank: 3, words: [staff]}\n  - {name: Expert, rank: 3}\n";
        let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
        assert!(parse(&node).is_ok());
    }

    /// Rules whose vocabularies are equal read a file's figures once; other
    /// vocabularies read their own.
    #[test]
    fn rules_of_one_vocabulary_share_the_figures_of_a_file() {
        let levels = "levels: [{name: Junior, rank: 0}, {name: Senior, rank: 2}]\n";
        let a = format!("checks: [ranges]\n{levels}");
        let b = format!("checks: [corpus]\ntolerance: 9\n{levels}");
        assert_eq!(key(&a), key(&b));
        assert_ne!(key(&a), key("checks: [ranges]\n"));
        assert_ne!(key(&a), key(&format!("{a}salary_words: [fixe]\n")));
        assert_ne!(key(&a), key(&format!("{a}places: [Lyon]\n")));
    }

    /// An error in `rates` points at the currency or the rate at fault,
    /// not at the whole map.
    #[test]
    fn a_bad_rate_is_pointed_at() {
        let at = |options: &str| {
            let node = crate::yaml::parse(options, 0).unwrap().root.unwrap();
            let Err(e) = parse(&node) else {
                panic!("accepted: {options}");
            };
            (
                e.message.clone(),
                e.span.map(|s| options[s.start..s.end].to_string()),
            )
        };
        let (message, span) = at("rates: {EUR: 1, YEN: 0.006}\n");
        assert!(message.contains("unknown currency `YEN`"), "{message}");
        assert_eq!(span.as_deref(), Some("YEN"));
        let (message, span) = at("rates: {EUR: 1, USD: -1}\n");
        assert!(
            message.contains("the rate of `USD` is -1; it must be a finite number above 0"),
            "{message}"
        );
        assert_eq!(span.as_deref(), Some("-1"));
    }
}
