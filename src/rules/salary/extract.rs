//! What the salary rules read: every money amount of an article, told apart
//! as a salary or not (and why), with its context: the role, the level, the
//! experience band, the place, the year, a qualifier in parentheses, and the
//! percentage claim written after it.
//!
//! `repere salaries` prints exactly this, so that an author can see what the
//! rules understood.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use serde::{Deserialize, Serialize};

use super::amount::{self, Amount, Basis, Currency, Experience, Period};
use crate::document::{Block, BlockKind, Document, Heading};
use crate::span::Span;

/// A level of a career ladder, as written in the options.
#[derive(Debug, Clone, Deserialize, PartialEq, Hash, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// The name shown (`Senior`).
    pub name: String,
    /// Its place in the ladder: a higher rank is a higher level. Levels of
    /// the same rank (`Staff`, `Expert`) are not ordered between them.
    pub rank: u8,
    /// Other ways to write it (`Sr`, `confirmé`); the name is one already.
    #[serde(default)]
    pub words: Vec<String>,
}

/// The words extraction knows. The defaults are [`Vocabulary::default`];
/// options add to them.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    levels: Vec<LevelDef>,
    level_words: HashMap<String, usize>,
    salary_words: WordSet,
    other_words: WordSet,
    places: WordSet,
}

/// A list of folded words: a default list, made into a set once per run
/// (every salary rule reads the same), when a figure is first read (most
/// articles have none), and a rule's own words.
#[derive(Debug, Clone)]
struct WordSet {
    defaults: &'static LazyLock<HashSet<&'static str>>,
    own: HashSet<String>,
}

impl WordSet {
    fn new(defaults: &'static LazyLock<HashSet<&'static str>>, own: &[String]) -> WordSet {
        WordSet {
            defaults,
            own: own.iter().map(|w| fold(w)).collect(),
        }
    }

    fn contains(&self, folded: &str) -> bool {
        self.defaults.contains(folded) || self.own.contains(folded)
    }
}

static SALARY_SET: LazyLock<HashSet<&str>> =
    LazyLock::new(|| SALARY_WORDS.iter().copied().collect());
static OTHER_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| OTHER_WORDS.iter().copied().collect());
static PLACES_SET: LazyLock<HashSet<&str>> = LazyLock::new(|| PLACES.iter().copied().collect());

/// Words that say an amount is pay (folded: lowercase, no accents).
pub const SALARY_WORDS: &[&str] = &[
    "salaire",
    "salaires",
    "salarial",
    "salariale",
    "salariaux",
    "salary",
    "salaries",
    "remuneration",
    "remunerations",
    "remunere",
    "package",
    "packages",
    "paye",
    "payee",
    "payes",
    "paid",
    "gagner",
    "gagne",
    "gagnent",
    "gagnait",
    "touche",
    "touchent",
    "touchait",
    "percoit",
    "percoivent",
    "embauche",
    "embauchee",
    "recrute",
    "recruter",
    "poste",
    "postes",
    "offre",
    "fixe",
    "brut",
    "bruts",
    "brute",
    "compensation",
];

/// Words that say an amount is something else: a rate, a price, a cost, a
/// budget, revenue (folded).
pub const OTHER_WORDS: &[&str] = &[
    "tjm",
    "tarif",
    "tarifs",
    "taux",
    "journalier",
    "facture",
    "factures",
    "facturation",
    "prix",
    "price",
    "pricing",
    "cout",
    "couts",
    "coute",
    "coutent",
    "cost",
    "costs",
    "budget",
    "budgets",
    "investi",
    "investis",
    "investie",
    "investissement",
    "investissements",
    "investment",
    "affaires",
    "revenue",
    "revenues",
    "revenu",
    "revenus",
    "benefice",
    "benefices",
    "profit",
    "economie",
    "economies",
    "economise",
    "economises",
    "saved",
    "savings",
    "levee",
    "valorisation",
    "valuation",
    "arr",
    "mrr",
    "sponsor",
    "sponsors",
    "sponsoring",
    "equipement",
    "materiel",
    "abonnement",
    "abonnements",
    "licence",
    "licences",
    "license",
    "licenses",
    "amende",
    "deal",
    "fees",
    "fee",
    "rate",
    "rates",
    "perte",
    "pertes",
    "lost",
    "depense",
    "depenses",
    "spend",
    "roi",
    "audit",
    "charges",
    "frais",
    "subvention",
    "loyer",
    "formation",
    "formations",
    "achat",
    "allowance",
    "indemnite",
    "indemnites",
    "prime",
    "primes",
    "bonus",
    "avantage",
    "avantages",
    "remboursement",
    "vente",
    "ventes",
    "tresorerie",
    "variable",
    "variables",
    "interessement",
    "participation",
    "cooptation",
    "dividende",
    "dividendes",
    "astreinte",
    "astreintes",
    "rtt",
    // Equity: its value is no pay (`des BSPCE valorisés 10 000 €`, `10-20k€
    // de RSU par an`).
    "bspce",
    "bspe",
    "rsu",
    "rsus",
    "stock-options",
    "actions",
    "equity",
    // What an amount adds or is worth (`les certifications ajoutent 3 à
    // 5k€`, `dix jours de RTT valent 2 100 €`).
    "ajoute",
    "ajoutent",
    "rapporte",
    "rapportent",
    "vaut",
    "valent",
];

/// Kinds of employer a figure may be said of (`en startup`, `### En grand
/// groupe`), folded: two figures of different kinds are not compared. Each
/// is written as its first spelling.
const EMPLOYERS: &[&[&str]] = &[
    &["startup", "startups", "start-up", "start-ups", "start up"],
    &["scale-up", "scale-ups", "scaleup", "scaleups", "scale up"],
    &["grand groupe", "grands groupes"],
    &["grande entreprise", "grandes entreprises"],
    &["grand compte", "grands comptes"],
    &["pme"],
    &["eti"],
    &["esn", "ssii"],
    &["big tech", "gafam", "faang"],
    &["licorne", "licornes"],
    &["corporate"],
    &["cac 40"],
    &[
        "cabinet de conseil",
        "cabinets de conseil",
        // `dans le conseil`; `un conseil` is a piece of advice.
        "le conseil",
    ],
    &["client final", "clients finaux", "chez le client"],
    &[
        "freelance",
        "freelances",
        "indépendant",
        "indépendants",
        "indépendante",
        "indépendantes",
        "independant",
        "independants",
        "à son compte",
        "son compte",
        "auto-entrepreneur",
        "micro-entrepreneur",
    ],
    &["portage salarial", "portage"],
    // Contracts other than the usual CDI (`en CDD`, `en intérim`).
    &["cdd"],
    &["intérim", "interim", "intérimaire", "interimaire"],
    &[
        "secteur public",
        "fonction publique",
        // `l'État`: capitalised, as the state is written (`état` is a
        // condition).
        "État",
        "dinum",
        "contractuel",
        "contractuels",
        "contractuelle",
        "contractuelles",
    ],
    &["banque", "banques", "secteur bancaire"],
    &["assurance", "assurances"],
    &["fintech", "fintechs"],
    &["agence", "agences", "agence web", "agences web"],
    &[
        "éditeur de logiciels",
        "éditeurs de logiciels",
        "éditeur de logiciel",
        "editeur de logiciels",
        "editeur de logiciel",
        "éditeur",
        "éditeurs",
        "editeur",
        "editeurs",
    ],
    &["jeu vidéo", "jeux vidéo", "jeu video", "jeux video"],
    &["tpe"],
    &["industrie", "industriel", "secteur industriel"],
    &[
        "collectivité",
        "collectivités",
        "collectivite",
        "collectivites",
    ],
    &["association", "associations", "secteur associatif", "ong"],
    &["administration", "administrations"],
    &["intégrateur", "intégrateurs", "integrateur", "integrateurs"],
    &["retail", "grande distribution"],
    &["luxe"],
    &["e-commerce"],
    &[
        "opérateur télécom",
        "opérateurs télécoms",
        "télécoms",
        "telecoms",
    ],
];

/// The kind of employer `text` names (see [`EMPLOYERS`]), as first written
/// there (the first kind, by place, when it names several); with `start`,
/// only at its first word. Every figure's contexts are searched: words are
/// compared as they are (ASCII letters in any case, others as written:
/// `Indépendant`), and no string is made unless one is found.
fn employer_at(text: &str, start: bool) -> Option<String> {
    static SPELLINGS: OnceLock<Vec<(Vec<&'static str>, &'static str)>> = OnceLock::new();
    let spellings = SPELLINGS.get_or_init(|| {
        EMPLOYERS
            .iter()
            .flat_map(|kind| kind.iter().map(|s| (s.split(' ').collect(), kind[0])))
            .collect()
    });
    let ws = words(text);
    // `chez` opens a kind (`chez les startups`) or a name (`chez Doctolib`).
    let chez = ws
        .first()
        .is_some_and(|(_, w)| w.eq_ignore_ascii_case("chez"));
    // `dans un grand groupe`, `dans une startup`: after an article.
    let article = ws.first().is_some_and(|(_, w)| {
        matches!(
            fold(w).as_str(),
            "un" | "une" | "le" | "la" | "l" | "les" | "des" | "ce" | "cette"
        )
    });
    let last = match (start, chez) {
        (true, true) => ws.len().min(3),
        (true, false) if article => ws.len().min(2),
        (true, false) => ws.len().min(1),
        (false, _) => ws.len(),
    };
    for i in 0..last {
        for (parts, kind) in spellings {
            let here = ws.get(i..i + parts.len()).is_some_and(|found| {
                found
                    .iter()
                    .zip(parts)
                    .all(|((_, w), p)| w.eq_ignore_ascii_case(p))
            });
            if here {
                return Some(kind.to_string());
            }
        }
    }
    // The author's own company: `Chez nous, un Senior est payé 66-72k€`.
    if chez
        && ws
            .get(1)
            .is_some_and(|(_, w)| matches!(fold(w).as_str(), "nous" | "moi"))
    {
        return Some("chez nous".to_string());
    }
    // A named employer: `Chez Doctolib, un Junior démarre à 45k€`.
    if !start || chez {
        let named = ws.windows(2).take(last).find(|pair| {
            pair[0].1.eq_ignore_ascii_case("chez")
                && pair[1].1.chars().next().is_some_and(char::is_uppercase)
        });
        if let Some(pair) = named {
            return Some(format!("chez {}", pair[1].1));
        }
    }
    None
}

/// The folded words of [`EMPLOYERS`]' spellings: those that are a whole
/// spelling (`startup`, `esn`), and every word of every spelling (`grand`,
/// `groupe`, `logiciel`).
fn employer_words() -> &'static (HashSet<String>, HashSet<String>) {
    static SETS: OnceLock<(HashSet<String>, HashSet<String>)> = OnceLock::new();
    SETS.get_or_init(|| {
        let spellings = || EMPLOYERS.iter().flat_map(|kind| kind.iter());
        let whole = spellings()
            .filter(|s| !s.contains(' '))
            .map(|s| fold(s))
            .collect();
        let parts = spellings().flat_map(|s| s.split(' ')).map(fold).collect();
        (whole, parts)
    })
}

/// Whether a folded word is, alone, the name of a kind of employer
/// (`startup`, `esn`, `pme`; not `grand` or `logiciel`, which are parts of
/// such names).
fn is_employer_name(folded: &str) -> bool {
    employer_words().0.contains(folded)
}

/// Whether a folded word is one of the words of a kind of employer's names
/// (`startup`, `grand`, `groupe`).
fn is_employer_word(folded: &str) -> bool {
    employer_words().1.contains(folded)
}

/// Words that say where or when the figure holds when they start the text
/// after it (`65-75k€ à Paris`, `58-66k€ en 2022`, `60k€ en startup`).
const AFTER_WORDS: &[&str] = &[
    "à", "a", "en", "au", "aux", "dans", "sur", "chez", "in", "at",
];

/// The words after one of [`AFTER_WORDS`] that starts `text` (`Paris` in
/// ` à Paris.`); `None` when it does not start with one.
/// `chez` stays: it tells an employer (`chez Doctolib`).
fn said_after(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let (first, w) = words(t).into_iter().next()?;
    (first.start == 0 && AFTER_WORDS.contains(&fold(w).as_str())).then(|| said_from(t, &first, w))
}

/// What `text` says from its word `w` at `r`, one of [`AFTER_WORDS`]: the
/// words after it, or from it for `chez`, which tells an employer.
fn said_from<'t>(text: &'t str, r: &Range<usize>, w: &str) -> &'t str {
    match fold(w).as_str() {
        "chez" => &text[r.start..],
        _ => text[r.end..].trim_start(),
    }
}

/// What the words of [`said_after`] go on to say, after another of
/// [`AFTER_WORDS`] among their next three words and in the same clause:
/// `scale-up` in `Paris en scale-up`, `2022` in `Paris en 2022`; not past
/// a number, which starts another figure's (`Tours et 42k€ en startup`).
fn said_further(said: &str) -> Option<&str> {
    let ws = words(said);
    let (r, w) = ws
        .iter()
        .skip(1)
        .take(3)
        .take_while(|(r, w)| {
            !said[..r.start].contains([',', ';', ':', '.', '(', ')'])
                && !w.starts_with(|c: char| c.is_ascii_digit())
        })
        .find(|(_, w)| AFTER_WORDS.contains(&fold(w).as_str()))?;
    Some(said_from(said, r, w))
}

/// Whether `said`, which starts with a kind of employer, goes on to name
/// another one the figure holds for too, in its next five words: `startup
/// comme en grand groupe`, `startup ou dans un grand groupe`.
fn and_another_employer(said: &str) -> bool {
    let ws = words(said);
    ws.iter()
        .take(5)
        .zip(ws.iter().skip(1))
        .any(|((_, join), (r, at))| {
            matches!(fold(join).as_str(), "comme" | "ou" | "et")
                && AFTER_WORDS.contains(&fold(at).as_str())
                && employer_at(said_from(said, r, at), true).is_some()
        })
}

/// What a clause before a figure says of where or when it holds: the
/// words after its preposition (`À Lyon`, `En 2022`), or all of it when it
/// names everywhere but a place (`Hors Paris`, `En dehors de l'IDF`).
fn says_where(text: &str) -> Option<&str> {
    // After a word that turns to it (`Mais à Paris,`, `alors qu'à Paris,`,
    // `En revanche, à Lyon`).
    let ws = words(text);
    let skipped = ws
        .iter()
        .take(3)
        .take_while(|(_, w)| {
            matches!(
                fold(w).as_str(),
                "mais" | "et" | "or" | "alors" | "tandis" | "qu" | "que" | "puis" | "ensuite"
            )
        })
        .last()
        .map_or(0, |(r, _)| r.end);
    let text = text[skipped..].trim_start_matches(['\'', '’']);
    let outside = words(text).iter().take(2).any(|(_, w)| outside(w));
    if outside {
        Some(text)
    } else {
        said_after(text)
    }
}

/// The qualifier of a whole package (fixed salary, variable and the
/// rest), not compared with a fixed salary.
pub const PACKAGE: &str = "package";

/// Whether a word names a whole package (`package`, `packages`).
fn is_package(word: &str) -> bool {
    word.eq_ignore_ascii_case("package") || word.eq_ignore_ascii_case("packages")
}

/// What a figure measures when it is not a plain fixed salary, said by the
/// words next to it (`salaire médian 62k€`, `82k€ OTE`, `à 80 %`, `46k€
/// après deux ans`, `net après impôt`, `sur 13 mois`, `contre-proposition
/// à 60k€`), as a qualifier: figures of different measures are not
/// compared. `None` for a plain figure. `en moyenne` is a word of
/// approximation, not a mean.
fn measure_in(text: &str) -> Option<String> {
    // Words, folded, compared with phrases: a pattern of these many
    // alternatives costs more to build than an article's figures to read.
    let ranged = words(text);
    let ws: Vec<String> = ranged.iter().map(|(_, w)| fold(w)).collect();
    let is_number = |w: &str| {
        w.chars().all(|c| c.is_ascii_digit())
            || matches!(
                w,
                "un" | "une"
                    | "deux"
                    | "trois"
                    | "quatre"
                    | "cinq"
                    | "six"
                    | "sept"
                    | "huit"
                    | "neuf"
                    | "dix"
                    | "quelques"
            )
    };
    let is_unit = |w: &str| matches!(w, "an" | "ans" | "annee" | "annees" | "mois");
    (0..ws.len()).find_map(|k| {
        let at = |n: usize| ws.get(k + n).map_or("", String::as_str);
        let w = at(0);
        // `X de Y`, `X d'Y`: the words after `de`, `d`.
        // The words from `from` to `to`, as written, lowercase (`après
        // trois ans`).
        let written =
            |from: usize, to: usize| text[ranged[from].0.start..ranged[to].0.end].to_lowercase();
        let after_de = |n: usize| match at(n) {
            "de" | "d" => n + 1,
            _ => n,
        };
        let found: Option<String> = match w {
            "1er" | "1re" | "premier" | "premiere" | "1st" | "q1" if at(1) == "quartile" => {
                Some("1st quartile".into())
            }
            "3e" | "3eme" | "troisieme" | "dernier" | "3rd" | "q3" if at(1) == "quartile" => {
                Some("3rd quartile".into())
            }
            "quartile" | "quartiles" | "decile" | "deciles" | "percentile" | "percentiles" => {
                Some(w.to_string())
            }
            "median" | "mediane" | "medians" | "medianes" => Some("median".into()),
            // `en moyenne` is a word of approximation, not a mean.
            "moyen" | "moyenne" | "moyens" | "moyennes" => {
                (k == 0 || ws[k - 1] != "en").then(|| "mean".into())
            }
            "package" | "ote" => Some(PACKAGE.into()),
            "remuneration" if matches!(at(1), "totale" | "globale") => Some(PACKAGE.into()),
            "tout" if at(1) == "compris" => Some(PACKAGE.into()),
            "variable" | "prime" | "primes" | "bonus"
                if matches!(
                    at(1),
                    "compris" | "comprise" | "comprises" | "inclus" | "incluse" | "incluses"
                ) =>
            {
                Some(PACKAGE.into())
            }
            "avec" => {
                let mut n = 1;
                while matches!(at(n), "le" | "la" | "les" | "part") {
                    n += 1;
                }
                match at(n) {
                    "variable" | "prime" | "primes" | "bonus" => Some(PACKAGE.into()),
                    // `avec le 13e mois`.
                    "13e" | "14e" if at(n + 1) == "mois" => {
                        Some(format!("over {} months", &at(n)[..2]))
                    }
                    _ => None,
                }
            }
            // `à 80 %` (the only form followed by `%`), `à temps partiel`,
            // `à 4/5`, `mi-temps`.
            "a" if at(1).len() == 2
                && at(1).ends_with('0')
                && at(1).starts_with(|c: char| ('1'..='9').contains(&c))
                && text[ranged[k + 1].0.end..]
                    .trim_start_matches(amount::SPACES)
                    .starts_with('%') =>
            {
                Some("part-time".into())
            }
            "a" if at(1) == "4" && at(2) == "5" && text[ranged[k + 1].0.end..].starts_with('/') => {
                Some("part-time".into())
            }
            "temps" if at(1) == "partiel" => Some("part-time".into()),
            "mi-temps" => Some("part-time".into()),
            "homme" | "hommes" => Some("men".into()),
            "femme" | "femmes" => Some("women".into()),
            "alternant" | "alternante" | "alternants" | "alternantes" | "alternance"
            | "apprenti" | "apprentie" | "apprentis" | "apprenties" | "apprentissage"
            | "stagiaire" | "stagiaires" | "stage" | "stages" | "gratification" => {
                Some(TRAINEE.into())
            }
            "apres"
                if matches!(at(1), "impot" | "impots" | "prelevement")
                    || (at(1) == "l" && matches!(at(2), "impot" | "impots")) =>
            {
                Some("after tax".into())
            }
            "sur" if matches!(at(1), "13" | "14" | "15" | "16") && at(2) == "mois" => {
                Some(format!("over {} months", at(1)))
            }
            "a" if at(1) == "l" && matches!(at(2), "embauche" | "entree") => {
                Some("at hiring".into())
            }
            "au" if at(1) == "demarrage" => Some("at hiring".into()),
            "en" if at(1) == "sortie" && at(2) == "d" && at(3) == "ecole" => {
                Some("at hiring".into())
            }
            // `après deux ans`, `au bout de 3 ans`: the words as written.
            "apres" | "au" => {
                let n = if w == "au" {
                    if at(1) != "bout" {
                        return None;
                    }
                    after_de(2)
                } else {
                    1
                };
                (n > 1 || w == "apres")
                    .then_some(n)
                    .filter(|&n| is_number(at(n)) && is_unit(at(n + 1)))
                    .map(|n| written(k, k + n + 1))
            }
            "dans" if is_number(at(1)) && is_unit(at(2)) => Some("in the future".into()),
            "a" if at(1) == "terme" => Some("in the future".into()),
            "pourra" | "pourront" | "gagnera" | "gagneront" | "touchera" | "toucheront"
            | "visera" | "viseront" | "atteindra" | "atteindront" | "passera" | "passeront" => {
                Some("in the future".into())
            }
            "offre" if matches!(at(1), "initiale" | "finale") => Some(written(k, k + 1)),
            "premiere" if at(1) == "offre" => Some(written(k, k + 1)),
            "demande" if at(1) == "initiale" => Some(written(k, k + 1)),
            "contre-proposition" | "contre-offre" | "pretention" | "pretentions" | "signature" => {
                Some(written(k, k))
            }
            _ => None,
        };
        found
    })
}

/// The qualifier of an apprentice's or an intern's pay (`Alternant : 850 €
/// brut par mois`, `gratification de stage`): paid on another scale (a share
/// of the minimum wage), it is not weighed against the others' median.
pub const TRAINEE: &str = "apprentice or intern";

/// The source a figure is cited from, when a clause says it (`Selon le
/// baromètre Talent.io 2024`, `D'après l'APEC (2024)`, `selon l'APEC`
/// right after the figure): its words without the small ones and the year,
/// lowercase (`baromètre talent io`), and its year. Figures of two sources are
/// not compared; the year is the figure's when it has none of its own.
fn source_in(text: &str) -> Option<(String, Option<u16>)> {
    // At the start, or after a place (`55-62k€ à Paris selon l'APEC`).
    let all = words(text);
    let at = all
        .iter()
        .take(5)
        .position(|(_, w)| matches!(fold(w).as_str(), "selon" | "source" | "sources"))
        .or_else(|| {
            all.windows(2)
                .take(5)
                .position(|p| fold(p[0].1) == "d" && fold(p[1].1) == "apres")
        })?;
    let text = &text[all[at].0.start..];
    // Its clause (`Talent.io` holds a dot, not a sentence's end).
    let end = [text.find([',', ';']), text.find(". ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(text.len());
    let text = &text[..end];
    let ws = words(text);
    // The article's own data (`D'après nos données`, `selon notre
    // enquête 2022`) is no other source: its figures are the article's,
    // of its year if it says one. Not `Selon nos confrères de l'APEC`,
    // which names one.
    let own = ws
        .iter()
        .find(|(_, w)| {
            !matches!(
                fold(w).as_str(),
                "selon" | "source" | "sources" | "d" | "apres"
            )
        })
        .is_some_and(|(_, w)| matches!(fold(w).as_str(), "nos" | "notre" | "mes" | "mon" | "ma"));
    let named = ws
        .iter()
        .skip(1)
        .any(|(_, w)| w.starts_with(char::is_uppercase));
    if own && !named {
        return Some((String::new(), amount::year(text)));
    }
    // A source names one, or is a study (`selon la taille de
    // l'entreprise`, `selon le profil` say what the figure depends on).
    let names_one = ws.iter().skip(1).any(|(_, w)| {
        w.chars().next().is_some_and(char::is_uppercase)
            || matches!(
                fold(w).as_str(),
                "barometre"
                    | "etude"
                    | "etudes"
                    | "enquete"
                    | "enquetes"
                    | "rapport"
                    | "chiffres"
                    | "donnees"
                    | "classement"
                    | "releve"
                    | "sondage"
                    | "observatoire"
                    | "statistiques"
                    | "edition"
            )
    });
    if !names_one {
        return None;
    }
    let name: Vec<String> = ws
        .iter()
        .filter(|(_, w)| {
            let f = fold(w);
            !is_function_word(&f)
                && !matches!(
                    f.as_str(),
                    "selon" | "source" | "sources" | "apres" | "d" | "l"
                )
                && amount::year(w).is_none()
        })
        .map(|(_, w)| w.to_lowercase())
        .take(3)
        .collect();
    Some((name.join(" "), amount::year(text)))
}

/// The qualifier of a figure of another time than the article's, said
/// without a year (`Il y a dix ans, un Junior gagnait 32k€`).
pub const PAST: &str = "in the past";

/// Whether the words before a figure, in its sentence, put it in the past:
/// a time ago (`il y a dix ans`, `l'an dernier`, `autrefois`, `à
/// l'époque`) or a verb of pay in the imperfect (`gagnait`, `touchait`),
/// unless a word turns back to the present after it (`mais aujourd'hui`).
fn in_the_past(head: &str) -> bool {
    let ws: Vec<String> = words(head).into_iter().map(|(_, w)| fold(w)).collect();
    let from = ws
        .iter()
        .rposition(|w| TURNS.contains(&w.as_str()))
        .map_or(0, |i| i + 1);
    let ws = &ws[from..];
    let at = |k: usize, w: &str| ws.get(k).is_some_and(|x| x == w);
    (0..ws.len()).any(|k| {
        matches!(
            ws[k].as_str(),
            "autrefois"
                | "jadis"
                | "auparavant"
                | "gagnait"
                | "gagnaient"
                | "touchait"
                | "touchaient"
                | "percevait"
                | "percevaient"
                | "demarrait"
                | "demarraient"
                | "commencait"
                | "commencaient"
                | "plafonnait"
                | "plafonnaient"
                | "tournait"
                | "tournaient"
                | "payait"
                | "payaient"
        ) || (ws[k] == "il"
            && at(k + 1, "y")
            && at(k + 2, "a")
            // `il y a dix ans`, not `il y a des Juniors à 40k€`.
            && ws[k + 3..(k + 6).min(ws.len())]
                .iter()
                .any(|w| matches!(w.as_str(), "an" | "ans" | "annee" | "annees" | "mois")))
            || (ws[k] == "epoque" && k > 0 && matches!(ws[k - 1].as_str(), "l" | "cette"))
            || (matches!(ws[k].as_str(), "dernier" | "derniere" | "passe" | "passee")
                && k > 0
                && matches!(ws[k - 1].as_str(), "an" | "annee"))
    })
}

/// Whether a word says everywhere but the place after it (`hors Paris`,
/// `en dehors de l'IDF`).
fn outside(word: &str) -> bool {
    matches!(fold(word).as_str(), "hors" | "dehors")
}

/// Whether `text` opens by turning away from what it names (`Loin de
/// Lyon`, `Hors Paris`, `Contrairement à Paris`): no place of the figure.
fn away(text: &str) -> bool {
    words(text).first().is_some_and(|(_, w)| {
        matches!(
            fold(w).as_str(),
            "loin" | "contrairement" | "sauf" | "excepte" | "outre" | "comme" | "plutot"
        ) || outside(w)
    })
}

/// Whether the first word of `text` is a year (`2022`).
fn starts_with_year(text: &str) -> bool {
    words(text)
        .first()
        .is_some_and(|(r, w)| r.start == 0 && amount::year(w).is_some())
}

/// Places (folded): a figure for another market is not the same figure.
pub const PLACES: &[&str] = &[
    "france",
    "paris",
    "lyon",
    "toulouse",
    "bordeaux",
    "nantes",
    "lille",
    "marseille",
    "montpellier",
    "rennes",
    "grenoble",
    "strasbourg",
    "angers",
    "nice",
    "sophia-antipolis",
    "aix-en-provence",
    "rouen",
    "dijon",
    "brest",
    "caen",
    "clermont-ferrand",
    "metz",
    "nancy",
    "reims",
    "idf",
    "ile-de-france",
    "region",
    "regions",
    "province",
    "europe",
    "ue",
    "eu",
    "us",
    "usa",
    "uk",
    "londres",
    "london",
    "berlin",
    "munich",
    "amsterdam",
    "zurich",
    "suisse",
    "geneve",
    "allemagne",
    "belgique",
    "bruxelles",
    "espagne",
    "barcelone",
    "lisbonne",
    "portugal",
    "dublin",
    "irlande",
    "canada",
    "montreal",
    "quebec",
    "luxembourg",
    "monaco",
    "lausanne",
    "bale",
    "annecy",
    "limoges",
    "orleans",
    "bretagne",
    "normandie",
    "occitanie",
    "nouvelle-aquitaine",
    "auvergne-rhone-alpes",
    "paca",
    "hauts-de-france",
    "grand-est",
    "italie",
    "milan",
    "madrid",
    "pays-bas",
    "etats-unis",
    "royaume-uni",
    "nyc",
    "ny",
    "emirats",
    "angleterre",
    "singapour",
    "japon",
    "tokyo",
    "maroc",
    "casablanca",
    "tunisie",
    "tunis",
    "senegal",
    "dakar",
    "toronto",
    "vancouver",
    "californie",
    "california",
    "francisco",
    "san-francisco",
    "york",
    "new-york",
    "seattle",
    "boston",
    "austin",
    "chicago",
    "valley",
    "stockholm",
    "suede",
    "copenhague",
    "danemark",
    "oslo",
    "norvege",
    "helsinki",
    "finlande",
    "pologne",
    "varsovie",
    "cracovie",
    "prague",
    "vienne",
    "autriche",
    "hambourg",
    "francfort",
    "roumanie",
    "bucarest",
    "estonie",
    "inde",
    "bangalore",
    "asie",
    "afrique",
    "amerique",
    "australie",
    "sydney",
    "bresil",
    "mexique",
    "chine",
    "shanghai",
    "dubai",
    "israel",
    "anvers",
    "liege",
    "wallonie",
    "flandre",
    "flandres",
    "dom",
    "dom-tom",
    "outre-mer",
    "outre-atlantique",
    "antipolis",
    "guadeloupe",
    "martinique",
    "guyane",
    "corse",
    "toulon",
    "perpignan",
    "poitiers",
    "besancon",
    "mulhouse",
    "amiens",
    "avignon",
    "nimes",
    "chambery",
    "vannes",
    "niort",
    "saint-etienne",
    "la-rochelle",
    "remote",
    "full-remote",
    "teletravail",
];

/// Words that open a sentence or an item before a comma and name no one
/// (folded): `Bref,`, `Note,`, `Bonne nouvelle,` (adverbs in `-ment` are
/// told by their ending).
const DISCOURSE_WORDS: &[&str] = &[
    "bref",
    "ainsi",
    "maintenant",
    "neanmoins",
    "sinon",
    "certes",
    "verdict",
    "spoiler",
    "note",
    "rappel",
    "source",
    "sources",
    "oui",
    "non",
    "voila",
    "idem",
    "pareil",
    "tendance",
    "debut",
    "fin",
    "resultat",
    "conclusion",
    "exemple",
    "attention",
    "bilan",
    "total",
    "moralite",
    "bonne",
    "mauvaise",
    "nouvelle",
    "pourtant",
    "donc",
    "aussi",
    "cependant",
    "toutefois",
    "surtout",
    "parfois",
    "souvent",
    "resume",
    "conseil",
    "astuce",
    "info",
    "important",
    "nb",
    "ps",
    "bonus",
    "objectif",
    "realite",
    "theorie",
    "pratique",
    "concretement",
    "historiquement",
    "ok",
    "merci",
    "hier",
    "demain",
    "avant",
    "apres",
    "depuis",
    "entre",
    "chiffre",
    "chiffres",
    "question",
    "reponse",
    "point",
    "dernier",
    "derniere",
    "premier",
    "premiere",
    "second",
    "seconde",
    "petit",
    "grand",
    "mieux",
    "pire",
    "probleme",
    "solution",
    "nouveau",
    "nouveaute",
    "remarque",
    "cle",
    "cles",
];

/// Whether a word is in capitals, of two letters or more (`SMIC`, `ESN`).
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() > 1 && !word.chars().any(char::is_lowercase)
}

/// Places written in several ways (folded): each is compared as the first.
const SAME_PLACES: &[&[&str]] = &[
    &["france", "fr", "hexagone", "moyenne nationale"],
    &["ile-de-france", "ile de france", "idf"],
    &["etats-unis", "etats unis", "us", "usa"],
    &["royaume-uni", "royaume uni", "uk", "angleterre"],
    &["londres", "london"],
    &["new-york", "new york", "nyc", "ny"],
    &["san-francisco", "san francisco"],
    &["californie", "california"],
    &["ue", "eu"],
    &["emirats", "emirats arabes unis"],
    &["remote", "full remote", "full-remote"],
];

/// A place as figures are compared by: folded, with one spelling for
/// those written in several ways (`IDF` and `Île-de-France`, `US` and
/// `États-Unis`), also after `hors` and in places joined by `/`.
pub fn place_key(place: &str) -> String {
    let one = |p: &str| {
        let f = fold(p.trim());
        // `vs la France`, `vs l'IDF`: the place, not its article.
        let f = ["la ", "le ", "les ", "l'", "l’"]
            .iter()
            .find_map(|a| f.strip_prefix(a))
            .map_or(f.clone(), str::to_string);
        SAME_PLACES
            .iter()
            .find(|names| names.contains(&f.as_str()))
            .map_or(f, |names| names[0].to_string())
    };
    let (outside, place) = match place.strip_prefix("hors ") {
        Some(rest) => ("hors ", rest),
        None => ("", place),
    };
    let each: Vec<String> = place.split('/').map(one).collect();
    format!("{outside}{}", each.join("/"))
}

/// Where the name of a place of several words that ends with the `k`th of
/// `ws` starts: `New York`, `San Francisco`, `Silicon Valley`, and `Île de
/// France`, `États Unis`, `Royaume Uni` written without their hyphens
/// (`France` alone is another place).
fn whole_place_name(text: &str, ws: &[(Range<usize>, &str)], k: usize) -> Option<usize> {
    let spaced = |i: usize| text[ws[i].0.end..ws[i + 1].0.start].trim().is_empty();
    let before = |n: usize| k.checked_sub(n).filter(|&i| (i..k).all(spaced));
    let word = |i: usize| fold(ws[i].1);
    // Called for every word: the last words of these names are ASCII, so
    // most words are told apart without folding them.
    let last = ws.get(k)?.1;
    const LAST: [&str; 8] = [
        "york",
        "francisco",
        "valley",
        "angeles",
        "unis",
        "uni",
        "france",
        "remote",
    ];
    if !LAST.iter().any(|l| last.eq_ignore_ascii_case(l)) {
        return None;
    }
    match last.to_ascii_lowercase().as_str() {
        "york" | "francisco" | "valley" | "angeles"
            if before(1).is_some_and(|i| matches!(ws[i].1, "New" | "San" | "Silicon" | "Los")) =>
        {
            before(1)
        }
        "unis" if before(1).is_some_and(|i| word(i) == "etats") => before(1),
        "uni" if before(1).is_some_and(|i| word(i) == "royaume") => before(1),
        "remote" if before(1).is_some_and(|i| word(i) == "full") => before(1),
        "france" if before(2).is_some_and(|i| word(i) == "ile" && word(i + 1) == "de") => before(2),
        _ => None,
    }
    .map(|i| ws[i].0.start)
}

/// Whether `text` is all one place's name of several words (`New York`,
/// `Île de France`).
fn is_whole_place_name(text: &str) -> bool {
    let ws = words(text);
    ws.len() > 1
        && ws[0].0.start == 0
        && ws[ws.len() - 1].0.end == text.len()
        && whole_place_name(text, &ws, ws.len() - 1) == Some(0)
}

/// Adjectives of places (folded) and the place each names: `le marché
/// lyonnais` is of Lyon, `en région parisienne` of Paris.
const PLACE_ADJECTIVES: &[(&str, &str)] = &[
    ("parisien", "Paris"),
    ("parisienne", "Paris"),
    ("parisiens", "Paris"),
    ("parisiennes", "Paris"),
    ("francilien", "Île-de-France"),
    ("francilienne", "Île-de-France"),
    ("franciliens", "Île-de-France"),
    ("franciliennes", "Île-de-France"),
    ("lyonnais", "Lyon"),
    ("lyonnaise", "Lyon"),
    ("lyonnaises", "Lyon"),
    ("nantais", "Nantes"),
    ("nantaise", "Nantes"),
    ("nantaises", "Nantes"),
    ("bordelais", "Bordeaux"),
    ("bordelaise", "Bordeaux"),
    ("lillois", "Lille"),
    ("lilloise", "Lille"),
    ("toulousain", "Toulouse"),
    ("toulousaine", "Toulouse"),
    ("toulousains", "Toulouse"),
    ("marseillais", "Marseille"),
    ("marseillaise", "Marseille"),
    ("rennais", "Rennes"),
    ("rennaise", "Rennes"),
    ("grenoblois", "Grenoble"),
    ("grenobloise", "Grenoble"),
    ("strasbourgeois", "Strasbourg"),
    ("strasbourgeoise", "Strasbourg"),
    ("montpellierain", "Montpellier"),
    ("montpellieraine", "Montpellier"),
    ("nicois", "Nice"),
    ("nicoise", "Nice"),
    ("londonien", "Londres"),
    ("londonienne", "Londres"),
    ("berlinois", "Berlin"),
    ("berlinoise", "Berlin"),
    ("suisse", "Suisse"),
    ("belge", "Belgique"),
    ("belges", "Belgique"),
    ("canadien", "Canada"),
    ("canadienne", "Canada"),
    ("quebecois", "Québec"),
    ("quebecoise", "Québec"),
    ("americain", "US"),
    ("americaine", "US"),
    ("americains", "US"),
    ("americaines", "US"),
    ("allemand", "Allemagne"),
    ("allemande", "Allemagne"),
    ("luxembourgeois", "Luxembourg"),
    ("luxembourgeoise", "Luxembourg"),
];

/// The place a folded adjective names (see [`PLACE_ADJECTIVES`]), from a
/// map made once: every word of every context of a figure is looked up.
fn place_adjective(folded: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| PLACE_ADJECTIVES.iter().copied().collect())
        .get(folded)
        .copied()
}

/// Whether `folded` is one of `words`, looked up in `set`, made once.
fn listed(
    set: &'static OnceLock<HashSet<&'static str>>,
    words: &'static [&'static str],
    folded: &str,
) -> bool {
    set.get_or_init(|| words.iter().copied().collect())
        .contains(folded)
}

/// Whether a folded word is a small word (`de`, `la`, `vs`…).
fn is_function_word(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    listed(&SET, FUNCTION_WORDS, folded)
}

/// Words that end the name before a figure (folded).
const FUNCTION_WORDS: &[&str] = &[
    "a", "au", "aux", "de", "du", "des", "d", "l", "le", "la", "les", "un", "une", "pour", "par",
    "en", "et", "ou", "que", "qu", "qui", "avec", "sans", "sur", "dans", "chez", "vers", "entre",
    "comme", "soit", "the", "for", "at", "of", "to", "in", "vs", "versus", "est", "sont", "etait",
    "environ", "jusqu", "plus", "moins", "contre", "mais", "donc", "car", "ni", "ce", "cet",
    "cette", "ces", "son", "sa", "ses", "mon", "ma", "mes", "ton", "ta", "tes", "votre", "vos",
    "notre", "nos", "leur", "leurs", "il", "elle", "ils", "elles", "on", "je", "tu", "nous",
    "vous", "y", "ne", "pas", "selon", "via", "from", "and", "or", "an", "is", "are", "si", "j",
    "avons", "avez", "ont", "se", "s",
];

/// Words that a capital at the start of a sentence or a heading may make
/// look like a name, but that name no role (folded): adverbs of time, words
/// of a grid (`Minimum 40k€`, `Médiane 55k€`, `### Tableau récapitulatif`).
/// Verbs in the imperative (`Comptez`, `Visez`) are told by their ending
/// (see [`names_nothing`]); adverbs in `-ment` are listed, as nouns end so
/// too (`Développement`, `Management`).
const NOT_NAMES: &[&str] = &[
    "aujourd",
    "hui",
    "desormais",
    "ensuite",
    "puis",
    "enfin",
    "alors",
    "deja",
    "toujours",
    "souvent",
    "parfois",
    "actuellement",
    "generalement",
    "typiquement",
    "seulement",
    "evidemment",
    "notamment",
    "egalement",
    "finalement",
    "recemment",
    "globalement",
    "concretement",
    "precisement",
    "approximativement",
    "clairement",
    "rarement",
    "frequemment",
    "reellement",
    "vraiment",
    "honnetement",
    "aussi",
    "surtout",
    "tres",
    "assez",
    "trop",
    // `Côté Géomètre :`, `Côté salaire`.
    "cote",
    "minimum",
    "maximum",
    "moyenne",
    "moyen",
    "mediane",
    "median",
    "fourchette",
    "objectif",
    "cible",
    "plancher",
    "plafond",
    "seuil",
    "total",
    "tableau",
    "recapitulatif",
    "synthese",
    "resume",
    "grille",
    "comparatif",
    "exemple",
    "exemples",
    "bilan",
    "repere",
    "reperes",
    "compter",
    "prevoir",
    "viser",
    "demander",
    // Verbs that open an item of advice (`- Accepter 38k€ par peur…`,
    // `Convertir 60k€ brut en net`), and the labels of one (`Erreur
    // classique :`).
    "accepter",
    "refuser",
    "convertir",
    "comparer",
    "signer",
    "annoncer",
    "proposer",
    "exiger",
    "chiffrer",
    "estimer",
    "evaluer",
    "calculer",
    "arrondir",
    "confondre",
    "oublier",
    "ignorer",
    "multiplier",
    "diviser",
    "ajouter",
    "retirer",
    "baisser",
    "augmenter",
    "gagner",
    "payer",
    "valoriser",
    "erreur",
    "erreurs",
    "piege",
    "pieges",
    "astuce",
    "conseil",
    "attention",
    "remarque",
    // Pronouns and quantifiers: `Certains gagnent 38k€` names no role.
    "certains",
    "certaines",
    "beaucoup",
    "tous",
    "toutes",
    "chacun",
    "chacune",
    "plusieurs",
    "autres",
    "aucun",
    "aucune",
    "personne",
    "resultat",
    "conclusion",
    // Kinds of contract and sectors (`Salaires en CDI :`).
    "cdi",
    "cdd",
    "alternance",
    "stage",
    "interim",
    "saas",
    "b2b",
    "b2c",
    // Adverbs between a role and its verb (`Développeur PHP plutôt`).
    "plutot",
    "toutefois",
    "cependant",
    "pourtant",
    "meme",
    // A before and after (`Avant : Chargée de communication, 38k€`), and
    // the stages of a startup (`| Pré-seed | 0-40k€ |`): no role.
    "avant",
    "apres",
    // The labels of an interview (`Q :`, `R :`, `**Réponse** :`).
    "q",
    "r",
    "question",
    "questions",
    "reponse",
    "reponses",
    "pre-seed",
    "seed",
    "pre-amorcage",
    "amorcage",
    "serie",
    "smic",
];

/// Verbs that may stand between a role and its figure without telling it
/// is a salary (`Un Développeur Backend passe de 40k€ à 52k€`, `J'ai
/// accepté 48k€`): the name is the verb's subject, not the verb (folded).
const VERBS: &[&str] = &[
    "passe",
    "passent",
    "tourne",
    "tournent",
    "atteint",
    "atteignent",
    "demarre",
    "demarrent",
    "commence",
    "commencent",
    "debute",
    "debutent",
    "plafonne",
    "plafonnent",
    "oscille",
    "oscillent",
    "grimpe",
    "grimpent",
    "culmine",
    "culminent",
    "stagne",
    "stagnent",
    "varie",
    "varient",
    "evolue",
    "evoluent",
    "monte",
    "montent",
    "peut",
    "peuvent",
    "doit",
    "doivent",
    "vise",
    "visent",
    "accepte",
    "acceptent",
    "obtient",
    "obtiennent",
    "obtenu",
    "signe",
    "signent",
    "negocie",
    "negocient",
    "propose",
    "proposent",
    "demande",
    "demandent",
    "recoit",
    "recoivent",
    "recu",
    "exige",
    "exigent",
    "atteindre",
    "depasse",
    "depassent",
    "depasser",
    "avoisine",
    "avoisinent",
    "decroche",
    "decrochent",
    "empoche",
    "empochent",
    "frole",
    "frolent",
    "situe",
    "situent",
    // Modal and future forms (`un Senior pourra viser 70k€`).
    "pourra",
    "pourront",
    "pourrait",
    "pourraient",
    "devra",
    "devront",
    "devrait",
    "devraient",
    "sait",
    "espere",
    "esperent",
    "esperer",
    "pretendre",
    "pretend",
    "pretendent",
    "obtenir",
    "toucher",
    "percevoir",
    "negocier",
];

/// Whether a folded word names no role, whatever its capital (see
/// [`NOT_NAMES`]): also a verb in the imperative (`comptez`, not `chez`).
fn names_nothing(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    listed(&SET, NOT_NAMES, folded) || (folded.len() > 4 && folded.ends_with("ez"))
}

/// From this value on (a thousand billion), a number is read as no amount.
const TOO_LARGE: f64 = 1e12;

/// Why a range after a word of change is no salary (see [`changes_from`]).
const CHANGE: &str = "a change (from one figure to the other)";

/// Words that join another clause (folded): what a figure says after it
/// stops there.
const JOINS: &[&str] = &[
    "et", "ou", "puis", "mais", "contre", "tandis", "alors", "quand",
];

/// Words that turn a sentence to another time or case (folded): what
/// opens the sentence does not hold past them.
const TURNS: &[&str] = &[
    "mais",
    "aujourd",
    "desormais",
    "maintenant",
    "actuellement",
    "tandis",
    "alors",
    "puis",
    "ensuite",
    "depuis",
    "contre",
    "today",
    "now",
    "but",
    "whereas",
    "while",
];

/// Words of change before `de` (folded): `passe de 40k€ à 52k€` goes from
/// one figure to the other, and is not a range.
const CHANGES: &[&str] = &[
    "passe",
    "passee",
    "passes",
    "passees",
    "passent",
    "passer",
    "grimpe",
    "grimpent",
    "monte",
    "montent",
    "augmente",
    "augmentent",
    "evolue",
    "evoluent",
    "progresse",
    "progressent",
    "bondit",
    "bondissent",
    "saute",
    "sautent",
    "baisse",
    "baissent",
    "tombe",
    "tombent",
    "chute",
    "chutent",
    "descend",
    "descendent",
    "evolution",
    "progression",
    "augmentation",
    "hausse",
    "passage",
    "saut",
    "bond",
    "augmenter",
    "baisser",
    "grimper",
    "monter",
    "evoluer",
    "progresser",
    "chuter",
    "tomber",
    "descendre",
    "bondir",
    "sauter",
    // Past participles and other verbs of change (`a diminué de`, `est
    // descendu de`, `a été ramené de`).
    "augmentee",
    "augmentes",
    "progressee",
    "evoluee",
    "grimpee",
    "montee",
    "baissee",
    "chutee",
    "tombee",
    "descendu",
    "descendue",
    "diminue",
    "diminuee",
    "diminuent",
    "diminuer",
    "diminution",
    "recule",
    "reculent",
    "reculer",
    "recul",
    "retombe",
    "retombee",
    "retombent",
    "reduit",
    "reduite",
    "reduction",
    "ramene",
    "ramenee",
    "glisse",
    "glissee",
    "degringole",
    "degringolee",
    "ajuste",
    "ajustee",
    "revalorise",
    "revalorisee",
    "revalorisation",
    "bondi",
    "saute",
];

/// Whether `before` (the text before a range) ends with a word of change
/// and `de` (`passé de `, `une hausse d'`).
fn changes_from(before: &str) -> bool {
    let mut from = before.len().saturating_sub(60);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    let ws = words(tail);
    match ws.as_slice() {
        [.., (_, change), (de, w)] => {
            // Nothing but a space or an apostrophe between `de` and the figure.
            tail[de.end..]
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '\'' | '’'))
                && matches!(fold(w).as_str(), "de" | "d")
                && CHANGES.contains(&fold(change).as_str())
        }
        _ => false,
    }
}

/// Whether a folded word is one of [`VERBS`].
fn is_verb(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    listed(&SET, VERBS, folded)
}

/// Words dropped from a role's key, so that `Cloud Security` and `Cloud
/// Security Specialist`, or `Développeur Full-Stack` and `Full-Stack
/// Developer`, are one role (folded).
const GENERIC_ROLE_WORDS: &[&str] = &[
    "engineer",
    "engineers",
    "ingenieur",
    "ingenieurs",
    "ingenieure",
    "specialist",
    "specialiste",
    "developer",
    "developpeur",
    "developpeuse",
    "dev",
    "devs",
];

/// Whether a folded word is an article a role's name may follow.
fn is_article(folded: &str) -> bool {
    matches!(folded, "un" | "une" | "le" | "la" | "l" | "les" | "des")
}

/// What ends a phrase of [`article_phrase`] whatever its words.
const PHRASE_ENDS: [char; 8] = [',', ';', ':', '.', '(', ')', '!', '?'];

/// The phrase `text` opens with, from an article (`un SRE Junior`, `Les
/// Data Engineers seniors`) up to a punctuation mark or the first word
/// after the article `ends` says ends it (given the words and the word's
/// index).
fn article_phrase(
    text: &str,
    ends: impl Fn(&[(Range<usize>, &str)], usize) -> bool,
) -> Option<&str> {
    let ws = words(text);
    let (first, article) = ws.first()?;
    if first.start != 0 || !is_article(&fold(article)) {
        return None;
    }
    let end = ws
        .iter()
        .enumerate()
        .skip(1)
        .find(|&(k, (r, _))| text[first.end..r.start].contains(PHRASE_ENDS) || ends(&ws, k))
        .map_or(text.len(), |(_, (r, _))| r.start);
    let end = text[..end].find(PHRASE_ENDS).unwrap_or(end);
    Some(&text[..end])
}

/// `text` after its first word when that word is `word` (any case), with
/// the space after it.
fn strip_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word) && rest.starts_with(char::is_whitespace)).then_some(rest)
}

/// Whether a folded word names a trade, so that a lowercase name holding
/// it is a role (`un data analyst`, `une développeuse front`).
fn is_trade_word(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    // Not `chargé` (`une charge`).
    GENERIC_ROLE_WORDS.contains(&folded)
        || (ROLE_HEADS.contains(&folded) && !folded.starts_with("charge"))
        || listed(&SET, TRADE_WORDS, folded)
}

/// Words that name a trade (folded), besides [`GENERIC_ROLE_WORDS`] and
/// [`ROLE_HEADS`]: singular and plural, masculine and feminine.
const TRADE_WORDS: &[&str] = &[
    "analyst",
    "analysts",
    "analyste",
    "analystes",
    "scientist",
    "scientists",
    "manager",
    "managers",
    "designer",
    "designers",
    "architecte",
    "architectes",
    "architect",
    "architects",
    "consultant",
    "consultants",
    "consultante",
    "consultantes",
    "technicien",
    "techniciens",
    "technicienne",
    "techniciennes",
    "testeur",
    "testeurs",
    "testeuse",
    "testeuses",
    "devops",
    "sre",
    "pentester",
    "pentesters",
    "auditeur",
    "auditeurs",
    "auditrice",
    "auditrices",
    "administrateurs",
    "administratrices",
    "comptable",
    "comptables",
    "commercial",
    "commerciaux",
    "commerciale",
    "commerciales",
    "recruteur",
    "recruteurs",
    "recruteuse",
    "recruteuses",
    "programmeur",
    "programmeurs",
    "programmeuse",
    "programmeuses",
];

/// Names of roles whose second word is a level word: `Tech Lead` is a
/// role (at level Lead), not the role `Tech` (folded).
const ROLES_ENDING_IN_A_LEVEL: &[(&str, &str)] =
    &[("tech", "lead"), ("team", "lead"), ("technical", "lead")];

/// Whether the level word `level` after the word `before` ends a role's
/// name (both folded): `Tech Lead`.
fn ends_role(before: &str, level: &str) -> bool {
    ROLES_ENDING_IN_A_LEVEL.contains(&(before, level))
}

/// The heads of French role names joined to what they head by `de`, `du`
/// or `des` (folded): `Chef de Projet`, `Contrôleur de Gestion`, `Chargé
/// de Recrutement`, `Directeur des Systèmes d'Information`.
const ROLE_HEADS: &[&str] = &[
    "chef",
    "cheffe",
    "directeur",
    "directrice",
    "responsable",
    "controleur",
    "controleuse",
    "charge",
    "chargee",
    "gestionnaire",
    "administrateur",
    "administratrice",
];

/// Whether the word `k` of `words` is a small word inside a role's name,
/// after its capitalised head: `de`, `du`, `des` (`Chef de Projet`), or the
/// `la`, `l` of `de la` (`Directeur de la Technologie`).
fn joins_role(words: &[(Range<usize>, &str)], k: usize) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| words.get(i)).map(|(_, w)| *w);
    let head = |i: Option<usize>| {
        at(i).is_some_and(|h| {
            h.starts_with(char::is_uppercase) && ROLE_HEADS.contains(&fold(h).as_str())
        })
    };
    let word = at(Some(k)).map(fold).unwrap_or_default();
    match word.as_str() {
        "de" | "du" | "des" => head(k.checked_sub(1)),
        "la" | "l" => {
            at(k.checked_sub(1)).is_some_and(|d| fold(d) == "de") && head(k.checked_sub(2))
        }
        _ => false,
    }
}

/// The default ladder: Junior < Mid < Senior < Staff, Lead, Expert < Principal < Distinguished.
pub fn default_levels() -> Vec<LevelDef> {
    let level = |name: &str, rank: u8, words: &[&str]| LevelDef {
        name: name.into(),
        rank,
        words: words.iter().map(|w| w.to_string()).collect(),
    };
    vec![
        level(
            "Junior",
            0,
            &["jr", "débutant", "débutante", "débutants", "juniors"],
        ),
        level(
            "Mid",
            1,
            &[
                "mid-level",
                "confirmé",
                "confirmée",
                "confirmés",
                "intermédiaire",
                "medior",
            ],
        ),
        level("Senior", 2, &["sr", "seniors"]),
        level("Staff", 3, &[]),
        level("Lead", 3, &[]),
        level("Expert", 3, &["experte", "experts"]),
        level("Principal", 4, &[]),
        level("Distinguished", 5, &[]),
    ]
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::new(default_levels(), &[], &[], &[])
    }
}

impl Vocabulary {
    /// The default words plus `salary`, `other` and `places`; `levels`
    /// replaces the default ladder.
    pub fn new(
        levels: Vec<LevelDef>,
        salary: &[String],
        other: &[String],
        places: &[String],
    ) -> Self {
        let mut level_words = HashMap::new();
        for (i, l) in levels.iter().enumerate() {
            for w in std::iter::once(&l.name).chain(&l.words) {
                level_words.entry(fold(w)).or_insert(i);
            }
        }
        Vocabulary {
            levels,
            level_words,
            salary_words: WordSet::new(&SALARY_SET, salary),
            other_words: WordSet::new(&OTHER_SET, other),
            places: WordSet::new(&PLACES_SET, places),
        }
    }

    fn level(&self, folded: &str) -> Option<&LevelDef> {
        self.level_words
            .get(folded)
            .and_then(|&i| self.levels.get(i))
    }

    /// The length of the words that start `text` and say where or for
    /// whom a figure holds, between it and a claim in parentheses, with
    /// their preposition: a place of `places` right after one of
    /// [`AT_PLACE`] (` à Lyon`, ` en Île-de-France`); one to three
    /// capitalised words there when a parenthesis follows them (` à Tours
    /// (`, ` à La Rochelle (`: a place the list does not hold); a level
    /// after `pour` (` pour un Senior (`).
    fn place_words(&self, text: &str) -> Option<usize> {
        let text = clip_to(text, 64);
        let ws = words(text);
        let (r, at) = ws.first()?;
        let at = fold(at);
        if !text[..r.start].trim().is_empty() {
            return None;
        }
        let before_paren = |end: usize| text[end..].trim_start().starts_with('(');
        if AT_PLACE.contains(&at.as_str()) {
            let listed = ws
                .get(1)
                .filter(|(p, _)| text[r.end..p.start].trim().is_empty())
                .and_then(|_| self.place_at(text, &ws, 1))
                .map(|j| &ws[j]);
            return match listed {
                Some((p, _)) => Some(p.end),
                None => self
                    .unlisted_place(text)
                    .map(|p| p.end)
                    .filter(|&end| before_paren(end)),
            };
        }
        if at == "pour" {
            let (l, level) = ws[1..]
                .iter()
                .take(3)
                .find(|(_, w)| !matches!(fold(w).as_str(), "un" | "une" | "les"))?;
            let spaced = text[r.end..l.start]
                .split_whitespace()
                .all(|w| matches!(fold(w).as_str(), "un" | "une" | "les"));
            return (spaced && self.level(&fold(level)).is_some() && before_paren(l.end))
                .then_some(l.end);
        }
        None
    }

    /// A place `places` does not hold, said with `à`, `au` or `aux` at the
    /// start of `text` (` à Tours`, ` à La Rochelle`): its range, one to
    /// three capitalised words after spaces, none a level, a word of the
    /// text (`à Senior`) or in capitals (`au SMIC`); an article starts
    /// such a name (`La Rochelle`), it does not end one.
    fn unlisted_place(&self, text: &str) -> Option<Range<usize>> {
        let text = clip_to(text, 64);
        let ws = words(text);
        let (r, at) = ws.first()?;
        if !text[..r.start].trim().is_empty() || !matches!(fold(at).as_str(), "a" | "au" | "aux") {
            return None;
        }
        self.capitalised_name(text, &ws[1..], r.end)
    }

    /// The one to three capitalised words of `ws` (words of `text` from
    /// `from` on, spaces between) that may name a place: none a level, a
    /// word of the text or in capitals; a small word may start or join
    /// them, not end them (`La Rochelle`).
    fn capitalised_name(
        &self,
        text: &str,
        ws: &[(Range<usize>, &str)],
        mut from: usize,
    ) -> Option<Range<usize>> {
        let mut last = None;
        for (w, word) in ws.iter().take(3) {
            let f = fold(word);
            if !text[from..w.start].trim().is_empty()
                || !word.chars().next().is_some_and(char::is_uppercase)
                || is_acronym(word)
                || word.chars().any(|c| c.is_ascii_digit())
                || self.level(&f).is_some()
                || names_nothing(&f)
            {
                break;
            }
            from = w.end;
            if !is_function_word(&f) {
                last = Some(w.end);
            }
        }
        Some(ws.first()?.0.start..last?)
    }

    /// The index of the last word of a place whose name starts at the
    /// `k`th word of `ws` (words of `text`): `k` for one word of `places`,
    /// the last of a name of several (`Île de France`, `New York`).
    fn place_at(&self, text: &str, ws: &[(Range<usize>, &str)], k: usize) -> Option<usize> {
        let start = ws.get(k)?.0.start;
        (k + 1..ws.len().min(k + 3))
            .rev()
            .find(|&j| whole_place_name(text, ws, j) == Some(start))
            .or_else(|| self.places.contains(&fold(ws[k].1)).then_some(k))
    }

    /// A place [`Vocabulary::unlisted_place`] reads that ends `text` (a
    /// label: `Data Engineer Senior à Tours`), markup and a colon aside:
    /// its range in `text`.
    fn closing_place(&self, text: &str) -> Option<Range<usize>> {
        let end = text.trim_end_matches([' ', ':', '*', '_']).len();
        // `Data Engineer Senior (Tours)`: the parenthesis holds it all.
        if let Some(inner) = text[..end].strip_suffix(')')
            && let Some(open) = inner.rfind('(')
        {
            let within = &inner[open + 1..];
            return self
                .capitalised_name(within, &words(within), 0)
                .filter(|p| within[..p.start].trim().is_empty() && p.end == within.len())
                .map(|p| open + 1 + p.start..open + 1 + p.end);
        }
        // A place of one to three words and its preposition end the text:
        // its last 64 bytes are read, not the whole of a long context.
        let from = (end.saturating_sub(64)..=end)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(end);
        words(&text[from..end])
            .iter()
            .filter(|(_, w)| w.len() <= 3 && matches!(fold(w).as_str(), "a" | "au" | "aux"))
            .find_map(|(r, _)| {
                let at = from + r.start;
                let p = self.unlisted_place(&text[at..])?;
                (at + p.end == end).then(|| at + p.start..at + p.end)
            })
    }

    /// Whether `text` is one word of a level, spaces aside (`Junior`, the
    /// inside of `(Junior)`).
    fn sole_level(&self, text: &str) -> bool {
        match words(text).as_slice() {
            [(r, w)] => text.trim().len() == r.len() && self.level(&fold(w)).is_some(),
            _ => false,
        }
    }

    /// Whether the word says salary (`Some(true)`), something else
    /// (`Some(false)`) or nothing. `word` is as written (`CA` is only read
    /// in capitals: `ça` folds to `ca`).
    fn cue(&self, word: &str, folded: &str) -> Option<bool> {
        if self.salary_words.contains(folded) {
            Some(true)
        } else if self.other_words.contains(folded) || word == "CA" {
            Some(false)
        } else {
            None
        }
    }
}

/// Where a figure's role was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The name right before the figure (`Prompt Engineer 80-100k€`).
    Figure,
    /// The bold label or `Name :` that opens the paragraph or list item.
    Label,
    /// The bold line just before the list or table, or the item the
    /// figure's list is nested in.
    List,
    /// The nearest heading (H3 and deeper).
    Heading,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    /// As written.
    pub name: String,
    /// What roles are compared by: lowercase, accents and generic words
    /// (`Engineer`, `Développeur`, `Specialist`) removed.
    pub key: String,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level {
    /// The level's name in the ladder (`Senior`).
    pub name: String,
    pub rank: u8,
}

/// A percentage claimed for a figure, against a baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// As written (`+25%`).
    pub text: String,
    pub span: Span,
    pub low: f64,
    pub high: f64,
    pub at_least: bool,
    pub versus: Option<String>,
    /// Its sentence names a span of time (`sur un an`, `par rapport à
    /// l'an dernier`): the claim may be a change over it, whose baseline
    /// is not written (`62k€ à Paris (+3 %) et 52k€ à Lyon (+4 %) sur un
    /// an`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub over_time: bool,
}

/// A money amount of an article and what the rules understood of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// Where the figure is written (`80-100k€`, `~37k€/an`).
    pub span: Span,
    /// As written.
    pub text: String,
    pub low: f64,
    pub high: f64,
    pub is_range: bool,
    pub currency: Currency,
    /// `45k€+`, `au moins 45k€`: at least.
    pub open: bool,
    /// `jusqu'à 90k€`, `90k€ maximum`: at most.
    pub at_most: bool,
    pub approx: bool,
    pub period: Option<Period>,
    pub basis: Option<Basis>,
    /// Whether it is read as a salary.
    pub salary: bool,
    /// Why it is (or is not) read as a salary.
    pub reason: String,
    pub role: Option<Role>,
    pub level: Option<Level>,
    pub experience: Option<Experience>,
    pub place: Option<String>,
    /// No place was read, and no clause before the figure might say where
    /// it holds (`À l'étranger,`, `Outre-Atlantique,`): it is taken for
    /// France when a claim is set `vs France`.
    #[serde(skip)]
    pub place_unsaid: bool,
    /// A year written with the figure, other than the article's.
    pub year: Option<u16>,
    /// A parenthesis right after the figure (`38-48k€ (web)`), else the
    /// kind of employer its context names (`en startup`, `### En grand
    /// groupe`).
    pub qualifier: Option<String>,
    pub claim: Option<Claim>,
    /// Written in thousands (`k€`).
    #[serde(skip)]
    pub thousands: bool,
    /// The index of its block in `doc.body.blocks`.
    #[serde(skip)]
    pub block: usize,
    /// In a table, the index of its cell in the row.
    #[serde(skip)]
    pub column: Option<usize>,
    /// Blocks of one list or table share a group: a comparison.
    #[serde(skip)]
    pub group: usize,
    /// A part or the total of a sum written `a + b = c`.
    #[serde(skip)]
    pub in_sum: bool,
    /// Inside a quotation (`« J'ai signé à 48k€ »`): someone's own case, not
    /// a figure of the article's, so compared with no other figure.
    pub quoted: bool,
}

impl Figure {
    /// A change from one figure to another (`passe de 40k€ à 52k€`): its
    /// low end is the figure before, its high end the figure after.
    pub fn is_change(&self) -> bool {
        self.reason == CHANGE
    }

    pub fn mid(&self) -> f64 {
        (self.low + self.high) / 2.0
    }

    /// The figure as the messages write it (`80-100k€`).
    pub fn value(&self) -> String {
        let v = amount::format_money(self.low, self.high, self.currency, self.thousands);
        format!(
            "{}{v}{}",
            if self.approx { "~" } else { "" },
            if self.open { "+" } else { "" }
        )
    }

    /// A salary compared with the article's other figures and across
    /// articles: not one inside a quotation.
    pub fn compared(&self) -> bool {
        self.salary && !self.quoted
    }

    /// An apprentice's or an intern's pay (see [`TRAINEE`]).
    pub fn is_trainee(&self) -> bool {
        self.qualifier
            .as_deref()
            .is_some_and(|q| q.split(", ").any(|q| q == TRAINEE))
    }

    /// Yearly unless the text says otherwise.
    pub fn yearly(&self) -> bool {
        matches!(self.period, None | Some(Period::Year))
    }

    /// `MLOps Engineer Senior`, `Senior`, `MLOps Engineer`, `Data Engineer
    /// Senior (US)`: the role, the level, and the place, year and qualifier.
    pub fn who(&self) -> String {
        self.who_with(true, true)
    }

    /// What tells the figure from `other`, set against it in a claim: its
    /// role, and its level and its place, year and qualifier where they
    /// differ from `other`'s (`QA Engineer Senior` against `QA Engineer
    /// Junior`; `Prompt Engineer` against `Développeur Full-Stack`, both
    /// Senior). Without a role, its level names it (`Junior (2024)`).
    pub fn who_against(&self, other: &Figure) -> String {
        let level = self.role.is_none()
            || self.level.as_ref().map(|l| &l.name) != other.level.as_ref().map(|l| &l.name);
        let context = self.context() != other.context();
        self.who_with(level, context)
    }

    /// Place, year and qualifier.
    fn context(&self) -> Vec<String> {
        let mut what: Vec<String> = Vec::new();
        what.extend(self.place.clone());
        what.extend(self.year.map(|y| y.to_string()));
        what.extend(self.qualifier.clone());
        what
    }

    fn who_with(&self, level: bool, context: bool) -> String {
        let mut parts = Vec::new();
        if let Some(r) = &self.role {
            parts.push(r.name.clone());
        }
        if let Some(l) = self.level.as_ref().filter(|_| level) {
            // `Tech Lead` is at the level Lead: not `Tech Lead Lead`.
            let said = self
                .role
                .as_ref()
                .and_then(|r| words(&r.name).last().map(|(_, w)| fold(w)))
                .is_some_and(|last| last == fold(&l.name));
            if !said {
                parts.push(l.name.clone());
            }
        }
        let what = self.context();
        if context && !what.is_empty() {
            parts.push(format!("({})", what.join(", ")));
        }
        parts.join(" ")
    }
}

/// A value as a key: hundredths, so that equal figures are equal keys.
pub fn cents(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

/// Lowercase without accents: `Développeur` → `developpeur`.
pub fn fold(word: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of a text with their ranges: letters and digits, with inner
/// hyphens (`Full-Stack`, `Mid-level`) and the `++` or `#` that ends a
/// language's name (`C++`, `C#`); `/` and apostrophes split words.
fn words(text: &str) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    // `R&D`, `M&A`: an ampersand between capitals; `Node.js`, `ASP.NET`: a
    // dot between letters; `.NET`: a dot before a capital that starts a
    // word (not the net of a pay).
    let is_word = |i: usize, c: char| {
        let prev = || text[..i].chars().next_back();
        let next = || text[i + c.len_utf8()..].chars().next();
        match c {
            '-' | '_' => true,
            '&' => prev().is_some_and(char::is_uppercase) && next().is_some_and(char::is_uppercase),
            '.' => match (prev(), next()) {
                (Some(p), Some(n)) if p.is_alphabetic() => n.is_alphabetic(),
                (p, Some(n)) => n.is_uppercase() && p.is_none_or(|p| p.is_whitespace() || p == '('),
                _ => false,
            },
            c => c.is_alphanumeric(),
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (is_word(i, c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let end = i + language_suffix(text, s, i);
                out.push(s..end);
                start = None;
                while chars.peek().is_some_and(|(j, _)| *j < end) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out.into_iter()
        .filter_map(|r| {
            let w = &text[r.clone()];
            let trimmed = w.trim_matches('-');
            if trimmed.is_empty() {
                return None;
            }
            let lead = w.len() - w.trim_start_matches('-').len();
            let s = r.start + lead;
            Some((s..s + trimmed.len(), trimmed))
        })
        .collect()
}

/// The length of the `++` or `#` at `end` that ends the name of a
/// language (`C++`, `C#`, `F#`): after a word ending in a letter, and
/// before no letter or digit. Zero otherwise (`5+`, `C+`, `C++11`).
fn language_suffix(text: &str, start: usize, end: usize) -> usize {
    let ends_in_letter = text[start..end]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_alphabetic());
    let rest = &text[end..];
    let suffix = if rest.starts_with("++") {
        2
    } else if rest.starts_with('#') {
        1
    } else {
        0
    };
    let free = rest[suffix..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && c != '+' && c != '#');
    if ends_in_letter && suffix > 0 && free {
        suffix
    } else {
        0
    }
}

/// Characters that end the stretch of text that belongs to one figure.
fn is_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '(' | ')' | '→' | '|' | '•' | '[' | ']' | '=')
}

/// Whether `text[i..]` starts with the end of a sentence (`. `, `! `, `? `).
fn sentence_end_at(text: &str, i: usize, c: char) -> bool {
    matches!(c, '.' | '!' | '?')
        && text[i + c.len_utf8()..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
}

/// Where the sentence that holds `pos` ends (or [`WINDOW`] bytes after
/// it, on a char boundary).
fn sentence_end(text: &str, pos: usize) -> usize {
    let rest = clip(&text[pos..]);
    rest.char_indices()
        .find(|&(i, c)| sentence_end_at(text, pos + i, c))
        .map_or(pos + rest.len(), |(i, _)| pos + i)
}

/// Whether `sentence` names a span of time a change is said over: `sur un
/// an`, `en deux ans`, `sur 12 mois`, `d'une année sur l'autre`, `en
/// glissement annuel`, `par rapport à l'an dernier`, `depuis 2022`,
/// `year-over-year`.
fn names_a_span_of_time(sentence: &str) -> bool {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?xi)
            \b(?:sur|en|depuis|en\s+l['’]espace\s+d(?:e|['’]))\s*
                (?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|dix-huit|vingt-quatre|\d{1,2})
                \s+(?:ans?|années?|mois)\b
            | \bsur\s+les\s+(?:deux|trois|six|douze|dix-huit|vingt-quatre|\d{1,2})\s+derni(?:ers|ères)\s+(?:mois|années)\b
            | \bsur\s+l['’]année\b
            | \bdepuis\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\s+(?:19|20)\d\d\b
            | \bd['’]une?\s+(?:an|année)\s+sur\s+l['’]autre\b
            | \bcette\s+année\b
            | \b(?:rapport\s+(?:à|a)|vs\.?|versus|comparé\s+(?:à|a))\s+n\s?-\s?1\b
            | \b(?:glissement|rythme)\s+annuel\b
            | \b(?:rapport\s+(?:à|a)|vs\.?|versus|depuis|comparé\s+(?:à|a))\s+l['’](?:an|année)
                \s+(?:dernier|dernière|passé|passée|précédent|précédente)\b
            | \b(?:rapport\s+(?:à|a)|vs\.?|versus|depuis|comparé\s+(?:à|a))\s+(?:19|20)\d\d\b
            | \byear[-\s]over[-\s]year\b | \byoy\b",
        )
        .expect("a valid regex")
    });
    re.is_match(sentence)
}

/// How far the context of a figure reaches, in bytes, before and after it:
/// more than a sentence of a career article, and linear time on any input.
const WINDOW: usize = 400;

/// `pos - WINDOW` (not below `floor`), on a char boundary. `pos` is a char
/// boundary of `text` (an amount's offset); the last `min` keeps the loop
/// below finite should it ever lie past the text.
fn back_limit(text: &str, pos: usize, floor: usize) -> usize {
    let mut at = pos
        .saturating_sub(WINDOW)
        .max(floor)
        .min(pos)
        .min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The first `WINDOW` bytes of a text, on a char boundary.
fn clip(text: &str) -> &str {
    clip_to(text, WINDOW)
}

/// The first `n` bytes of a text, on a char boundary: what a reading of a
/// few words needs, not the rest of the block.
fn clip_to(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Where the stretch of text before `pos` that belongs to its figure starts.
fn element_start(text: &str, pos: usize, floor: usize, vocabulary: &Vocabulary) -> usize {
    let floor = back_limit(text, pos, floor);
    let mut end = pos;
    'scan: loop {
        for (i, c) in text[floor..end].char_indices().rev() {
            let i = floor + i;
            // An experience band or a level in parentheses belongs to the
            // element (`Junior (<2 ans) 40-46k€`, `Un Data Engineer
            // (Junior) touche 46k€`): read through it.
            if c == ')'
                && let Some(open) = text[floor..i].rfind('(').map(|o| floor + o)
                && let inner = &text[open + 1..i]
                && (sole_experience(inner).is_some() || vocabulary.sole_level(inner))
            {
                end = open;
                continue 'scan;
            }
            if is_separator(c) || sentence_end_at(text, i, c) || spaced_plus(text, i, c) {
                return i + c.len_utf8();
            }
        }
        return floor;
    }
}

/// The length of the words of time that start `text` (` après`, ` en
/// 2025`), which may stand between a figure and its claim.
fn time_words(text: &str) -> Option<usize> {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r"^\s+(?:après|avant|aujourd['’]hui|ensuite|puis|(?:en|in|fin|début)\s+(?:19|20)\d\d)\b")
            .expect("the time words regex is valid")
    });
    re.find(text).map(|m| m.end())
}

/// Whether a figure is the first of two set against each other (`x
/// contre y`, `x vs y`) after a comparison with a name (`plus qu'un`,
/// `moins que les`): the figures are the subject's, then the name's.
fn first_of_a_comparison(sentence_before: &str, after: &str) -> bool {
    let next = words(clip(after));
    let against = matches!(
        next.first().map(|(_, w)| fold(w)).as_deref(),
        Some("contre" | "vs" | "versus")
    ) && next.get(1).is_some_and(|(r, _)| {
        amount::amounts(&after[r.start..])
            .first()
            .is_some_and(|a| a.range.start == 0)
    });
    if !against {
        return false;
    }
    let ws = words(sentence_before);
    ws.iter().enumerate().any(|(k, (_, w))| {
        matches!(fold(w).as_str(), "plus" | "moins" | "mieux" | "autant")
            && ws
                .iter()
                .skip(k + 1)
                .take(3)
                .any(|(_, w)| matches!(fold(w).as_str(), "qu" | "que"))
    })
}

/// Gross or net, as the words before a figure say it (the nearest).
fn basis_in(before: &str) -> Option<amount::Basis> {
    words(before)
        .into_iter()
        .rev()
        .find_map(|(_, w)| match fold(w).as_str() {
            "brut" | "bruts" | "brute" | "brutes" => Some(amount::Basis::Gross),
            "net" | "nets" | "nette" | "nettes" => Some(amount::Basis::Net),
            _ => None,
        })
}

/// Monthly or yearly, as words before a figure say it (the nearest):
/// `mensuel`, `par mois`, `/mois`, `annuel`, `par an`; not a bare `mois`
/// (`après 6 mois`).
fn period_in(text: &str) -> Option<Period> {
    let ws = words(text);
    ws.iter().enumerate().rev().find_map(|(k, (r, w))| {
        let per = || {
            text[..r.start].trim_end().ends_with('/')
                || k.checked_sub(1).is_some_and(|p| fold(ws[p].1) == "par")
        };
        match fold(w).as_str() {
            "mensuel" | "mensuelle" | "mensuels" | "mensuelles" => Some(Period::Month),
            "annuel" | "annuelle" | "annuels" | "annuelles" => Some(Period::Year),
            "mois" if per() => Some(Period::Month),
            "an" | "annee" if per() => Some(Period::Year),
            // `le SMIC horaire (11,88 € brut)`, `Taux horaire :`.
            "horaire" | "horaires" => Some(Period::Hour),
            "heure" if per() => Some(Period::Hour),
            _ => None,
        }
    })
}

/// Whether `text` opens with a percentage, signed or not (`+10 %`, `–5%`).
fn starts_with_percentage(text: &str) -> bool {
    let t = text.trim_start_matches(['+', '-', '–', '−', ' ', '\u{a0}', '\u{202f}']);
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0
        && t[digits..]
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.')
            .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
            .starts_with('%')
}

/// Small words that may stand between a verb of pay and the figure
/// (`touche environ 60k€`, `gagne au moins 95k€`, `gagne en moyenne`).
const APPROXIMATELY: &[&str] = &[
    "environ",
    "autour",
    "vers",
    "pres",
    "presque",
    "jusqu",
    "de",
    "d",
    "au",
    "moins",
    "plus",
    "en",
    "moyenne",
    "donc",
    "bien",
    "facilement",
    "largement",
];

/// Words that may go between two figures of one enumeration (folded; see
/// [`Extractor::enumerates`]): prepositions of place and time, articles,
/// joining words, the words of a span of experience or of gross and net.
const ENUMERATION_WORDS: &[&str] = &[
    "a",
    "au",
    "aux",
    "en",
    "de",
    "du",
    "des",
    "d",
    "l",
    "le",
    "la",
    "les",
    "un",
    "une",
    "et",
    "ou",
    "mais",
    "contre",
    "puis",
    "vs",
    "versus",
    "pour",
    "sur",
    "dans",
    "chez",
    "environ",
    "ans",
    "an",
    "brut",
    "bruts",
    "net",
    "nets",
    "annuel",
    "annuels",
    "par",
    "k",
    "soit",
    // Another time, the same role (`En 2020, un Junior gagnait 34k€,
    // aujourd'hui 44k€`).
    "aujourd",
    "hui",
    "desormais",
    "maintenant",
    "actuellement",
];

/// Adverbs between a verb of pay and its figure (folded): `gagne ainsi
/// 61k€`, `touche désormais 70k€`.
const ADVERBS: &[&str] = &[
    "ainsi",
    "alors",
    "aujourd",
    "hui",
    "desormais",
    "maintenant",
    "actuellement",
    "deja",
    "encore",
    "toujours",
    "souvent",
    "parfois",
    "generalement",
    "typiquement",
    "couramment",
    "seulement",
    "uniquement",
];

/// Words a subject may follow (`Un Développeur Senior gagne …`).
const DETERMINERS: &[&str] = &[
    "un", "une", "le", "la", "les", "l", "ce", "cet", "cette", "ces", "notre", "nos", "mon", "ma",
    "son", "sa", "leur", "chaque", "tout", "toute",
];

/// Verbs of being before a role (folded): in `Je suis Développeur Senior
/// et je touche 54k€`, the role follows one, as it follows an article.
const COPULAS: &[&str] = &[
    "suis", "es", "est", "sommes", "etes", "sont", "etais", "etait", "devenu", "devenue", "reste",
    "restee",
];

/// The experience band `text` is, when it is one and nothing else (`<2
/// ans`, `5+ ans`, `moins de 2 ans`), its range in `text`.
fn sole_experience(text: &str) -> Option<amount::Experience> {
    let t = text.trim();
    let lead = text.len() - text.trim_start().len();
    // `(3-5 ans d'expérience)`, `(5+ ans d'XP)`: the band and its noun.
    let whole = |e: &amount::Experience| {
        let rest = t[e.range.end..].trim().to_lowercase().replace('’', "'");
        matches!(
            rest.as_str(),
            "" | "d'expérience"
                | "d'experience"
                | "d'xp"
                | "d'exp"
                | "of experience"
                | "xp"
                | "exp"
        )
    };
    amount::experiences(t)
        .into_iter()
        .next()
        .filter(|e| e.range.start == 0 && whole(e))
        .map(|mut e| {
            e.range = lead..lead + t.len();
            e
        })
}

/// A `+` between spaces (`65k€ + 5k€`), not the one of `5+ ans`.
fn spaced_plus(text: &str, i: usize, c: char) -> bool {
    c == '+'
        && text[..i].ends_with(char::is_whitespace)
        && text[i + 1..].starts_with(char::is_whitespace)
}

/// Where the stretch of text after `pos` that belongs to its figure ends.
fn element_end(text: &str, pos: usize) -> usize {
    let end = pos + clip(&text[pos..]).len();
    for (i, c) in text[pos..end].char_indices() {
        let i = pos + i;
        if is_separator(c) || c == '+' || sentence_end_at(text, i, c) {
            return i;
        }
        // Lines of labels (`Junior : 40-46k€` then `Senior : 60-72k€`, one
        // paragraph): the next line's label is its own figure's. A line of
        // prose wrapped before a colon (`60k€ pour` / `un poste à Lyon :
        // …`) goes on.
        if c == '\n'
            && opens_with_label(&text[i + 1..])
            && opens_with_label(&text[text[..pos].rfind('\n').map_or(0, |n| n + 1)..])
        {
            return i;
        }
    }
    end
}

/// Whether a line starts with a short label and its colon (`Senior :`,
/// `**Data Engineer** :`): a few words, no figure, no sentence before.
fn opens_with_label(line: &str) -> bool {
    let line = line.split('\n').next().unwrap_or_default();
    let Some(colon) = line.find(':') else {
        return false;
    };
    let head = &line[..colon];
    let words = head.split_whitespace().count();
    (1..=4).contains(&words)
        && !head
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '.' | '!' | '?' | ',' | ';' | '€' | '$'))
}

/// Where the sentence of `pos` starts (at most `WINDOW` bytes before it).
fn sentence_start(text: &str, pos: usize) -> usize {
    let floor = back_limit(text, pos, 0);
    for (i, c) in text[floor..pos].char_indices().rev() {
        if sentence_end_at(text, floor + i, c) {
            return floor + i + c.len_utf8();
        }
    }
    floor
}

/// The unmatched `(` before `pos`, if the figure is inside a parenthesis.
fn open_paren(text: &str, pos: usize, floor: usize) -> Option<usize> {
    let floor = back_limit(text, pos, floor);
    let mut depth = 0usize;
    for (i, c) in text[floor..pos].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(floor + i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The label that opens a block: `**Prompt Engineer** :`, `**Salaire :**`,
/// `Staff Engineer :`. Returns the label's range (without the colon) and
/// where the text after it starts.
fn label(block: &Block) -> Option<(Range<usize>, usize)> {
    let text = block.text.as_str();
    let first = text.len() - text.trim_start().len();
    // Strong ranges lie in the text on character boundaries (the parser's
    // invariant, in `document::markdown`); `get` keeps a broken one from
    // panicking.
    if let Some(r) = block.strong.iter().find(|r| r.start == first)
        && let (Some(inner), Some(after)) = (text.get(r.clone()), text.get(r.end..))
    {
        let inner = inner.trim_end();
        let after = after.trim_start();
        let next = r.end + (text.len() - r.end - after.len());
        if let Some(stripped) = inner.strip_suffix(':') {
            let end = r.start + stripped.trim_end().len();
            return Some((r.start..end, r.end));
        }
        if let Some(c) = after
            .chars()
            .next()
            .filter(|c| matches!(c, ':' | '-' | '–'))
        {
            return Some((r.start..r.start + inner.len(), next + c.len_utf8()));
        }
        if after.is_empty() {
            return Some((r.start..r.start + inner.len(), text.len()));
        }
    }
    // `Name : text`, with a short name before the colon.
    let colon = text.find(" :").or_else(|| text.find(':'))?;
    let head = text.get(first..colon)?;
    // A parenthesis of one word closed within the head is part of it
    // (`L1 (Junior) :`, `Data Engineer (H/F) :`); one left open holds the
    // colon (`Salaire (source : APEC)`), and one of several words says
    // more than a label does (`Développeur (hors seniors) :` is no Senior),
    // unless they name one place (`Data Engineer (New York) :`).
    let mut open = None;
    let balanced = head.char_indices().all(|(i, c)| match (c, open) {
        ('(', None) => {
            open = Some(i + 1);
            true
        }
        (')', Some(from)) => {
            open = None;
            let inner = head[from..i].trim();
            !inner.contains(char::is_whitespace) || is_whole_place_name(inner)
        }
        ('(' | ')', _) => false,
        _ => true,
    }) && open.is_none();
    let plain = balanced
        && !head.contains([',', '.', ';', '!', '?'])
        && head.split_whitespace().count() <= 6
        && !head.trim().is_empty();
    let after = colon + text[colon..].find(':').unwrap_or(0) + 1;
    plain.then(|| (first..first + head.trim_end().len(), after))
}

/// Where `text` holds a level code of a career ladder: one or two capitals
/// and a digit or two, a word of its own (`L1`, `IC3`, `P2`).
fn level_codes(text: &str) -> Vec<Range<usize>> {
    words(text)
        .into_iter()
        .filter(|(_, w)| is_level_code(w))
        .map(|(r, _)| r)
        .collect()
}

/// Whether `word` is a level code (see [`level_codes`]).
fn is_level_code(word: &str) -> bool {
    let b = word.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let digits = b.len() - letters;
    (1..=2).contains(&letters)
        && (1..=2).contains(&digits)
        && b[letters..].iter().all(u8::is_ascii_digit)
}

/// The label of a table row: its first cell, when it holds no figure.
fn row_label(block: &Block) -> Option<(Range<usize>, usize)> {
    let r = block.cell(0)?;
    let cell = block.text.get(r.clone())?;
    let name = cell.trim();
    // A number is no label, but an experience band may be in one
    // (`| Junior (0-2 ans) |`, `| Senior 5+ ans |`).
    let bands = amount::experiences(name);
    let codes = level_codes(name);
    let digit_outside = name.char_indices().any(|(i, c)| {
        c.is_ascii_digit()
            && !bands.iter().any(|e| e.range.contains(&i))
            && !codes.iter().any(|r| r.contains(&i))
    });
    if name.is_empty() || digit_outside {
        return None;
    }
    let start = r.start + (cell.len() - cell.trim_start().len());
    Some((start..start + name.len(), *block.cells.get(1)?))
}

/// Blocks of one list or table form a group (a comparison); each other
/// block is a group of its own. For each block: its group, and the blocks
/// that introduce the group (the paragraph just before a list or table, the
/// header row of a table). A list nested in an item (`- **Data
/// Engineer**`, then `  - Junior : 42-50k€`) is part of its outer list's
/// comparison, introduced by that item first, then by what introduces the
/// outer list; unless the item holds a figure of its own, which the nested
/// list details (`- **Data Engineer Senior** : 70k€`, then `  - dont 62k€
/// de fixe`): it then reads what the item reads.
fn groups(blocks: &[Block]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::with_capacity(blocks.len());
    for (i, b) in blocks.iter().enumerate() {
        // The block before it in its own list, over the lists nested in it.
        let mut prev = i.checked_sub(1);
        while let Some(p) = prev
            && Some(p) != b.parent
            && let Some(pb) = blocks.get(p)
            && pb.parent != b.parent
        {
            prev = pb.parent;
        }
        let prev = prev.filter(|&p| Some(p) != b.parent);
        let continues = prev.and_then(|p| blocks.get(p)).is_some_and(|p| {
            p.kind == b.kind && p.heading == b.heading && b.kind != BlockKind::Paragraph
        });
        if continues && let Some(entry) = prev.and_then(|p| out.get(p)) {
            let entry = entry.clone();
            out.push(entry);
            continue;
        }
        let mut intro = Vec::new();
        let mut group = i;
        if b.kind != BlockKind::Paragraph {
            // A table's header row first: its column's header says more of
            // a figure (`Salaire Senior`) than the paragraph before it.
            if b.kind == BlockKind::TableRow {
                intro.push(i);
            }
            if let Some(p) = b.parent
                && let (Some(item), Some((outer, up))) = (blocks.get(p), out.get(p))
            {
                group = *outer;
                let holds = might_have_money(&item.text) && !amount::amounts(&item.text).is_empty();
                if !holds {
                    intro.push(p);
                }
                intro.extend(up.iter().copied());
            } else if prev.and_then(|p| blocks.get(p)).is_some_and(|p| {
                p.kind == BlockKind::Paragraph && p.heading == b.heading && p.parent.is_none()
            }) {
                intro.extend(prev);
            }
        }
        out.push((group, intro));
    }
    out
}

/// For each heading, the nearest heading before it of a higher level.
fn heading_parents(headings: &[Heading]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            while stack
                .last()
                .is_some_and(|&j| headings.get(j).is_some_and(|p| p.level >= h.level))
            {
                stack.pop();
            }
            let parent = stack.last().copied();
            stack.push(i);
            parent
        })
        .collect()
}

/// The headings above a block, nearest first, each of a higher level than
/// the one before.
fn heading_chain<'a>(
    doc: &'a Document,
    parents: &[Option<usize>],
    block: &Block,
) -> Vec<&'a Heading> {
    let mut out = Vec::new();
    let mut at = block.heading;
    while let Some(i) = at {
        let Some(h) = doc.body.headings.get(i) else {
            break;
        };
        out.push(h);
        at = parents.get(i).copied().flatten();
    }
    out
}

/// The year of the article: its `date`, else its file name.
pub fn article_year(doc: &Document) -> Option<u16> {
    let date = doc
        .front_value("date")
        .and_then(|n| n.scalar_text())
        .unwrap_or_else(|| doc.file_name().to_string());
    let head = date.trim().get(..4)?;
    head.parse().ok().filter(|y| (1900..2200).contains(y))
}

/// Whether a text may hold an amount at all: a currency symbol, or a
/// currency word or code after a number, as the extractor reads one
/// (`45 keur`, `50 000 EUR`, `30 euros`). A few fast passes over the text:
/// symbols are searched for directly, words only after a digit (`eur` is in
/// most French sentences, « leur », « développeur »; digits are rare).
pub fn might_have_money(text: &str) -> bool {
    const WORDS: [&str; 9] = [
        "euros", "euro", "EUR", "eur", "USD", "dollars", "dollar", "GBP", "CHF",
    ];
    let bytes = text.as_bytes();
    // `$`, and the last bytes of `€` (E2 82 AC) and `£` (C2 A3), in one pass.
    let symbol = memchr::memchr3_iter(b'$', 0xAC, 0xA3, bytes).any(|i| match bytes.get(i) {
        Some(b'$') => true,
        Some(0xAC) => i >= 2 && bytes.get(i - 2..i) == Some(&[0xE2, 0x82][..]),
        _ => i >= 1 && bytes.get(i - 1) == Some(&0xC2),
    });
    if symbol {
        return true;
    }
    let mut i = 0;
    while let Some(d) = bytes.get(i..).and_then(next_digit) {
        let mut j = i + d;
        while bytes.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        i = j;
        let Some(rest) = text.get(j..) else { break };
        let rest = rest.trim_start_matches(amount::SPACES);
        // `80KE`: kilo-euros in short.
        if let Some(after) = rest.strip_prefix(['k', 'K'])
            && let Some(after) = after.strip_prefix('E')
            && !after.starts_with(char::is_alphanumeric)
        {
            return true;
        }
        let rest = rest.strip_prefix(['k', 'K', 'M']).unwrap_or(rest);
        let rest = rest.trim_start_matches(amount::SPACES);
        if WORDS.iter().any(|w| {
            rest.strip_prefix(w)
                .is_some_and(|after| !after.starts_with(char::is_alphanumeric))
        }) {
            return true;
        }
    }
    false
}

/// Where the first ASCII digit of `bytes` is. Each block of 32 bytes is
/// tested whole (which compiles to vector instructions) before the digit is
/// looked for in it: digits are rare in prose.
fn next_digit(bytes: &[u8]) -> Option<usize> {
    let mut base = 0;
    for block in bytes.chunks(32) {
        if block
            .iter()
            .fold(false, |any, b| any | (b.wrapping_sub(b'0') < 10))
        {
            return block.iter().position(u8::is_ascii_digit).map(|i| base + i);
        }
        base += block.len();
    }
    None
}

/// A stretch of text that tells something about a figure, in the order
/// they are read.
struct Context<'a> {
    text: &'a str,
    /// Where the text is: a block (its index and the offset of the text in
    /// the block's text), or a heading's text in the file.
    at: At,
    /// Read nearest word first (the text before the figure).
    backwards: bool,
    /// Where a role found here comes from; None: no role is read here.
    role: Option<Source>,
}

#[derive(Clone, Copy)]
enum At {
    Block(usize, usize),
    Heading(Span),
}

/// Extracts figures with a vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    pub vocabulary: Vocabulary,
}

/// Every amount of the article, with the default vocabulary.
pub fn extract(doc: &Document) -> Vec<Figure> {
    static DEFAULT: OnceLock<Extractor> = OnceLock::new();
    DEFAULT.get_or_init(Extractor::default).extract(doc)
}

impl Extractor {
    pub fn new(vocabulary: Vocabulary) -> Self {
        Extractor { vocabulary }
    }

    /// Every amount of the article, in order, salary or not.
    pub fn extract(&self, doc: &Document) -> Vec<Figure> {
        if !might_have_money(&doc.source) {
            return Vec::new();
        }
        let blocks = &doc.body.blocks;
        let groups = groups(blocks);
        let parents = heading_parents(&doc.body.headings);
        let year = article_year(doc);
        let mut out = Vec::new();
        // A quotation of several paragraphs: « opens it in the first, »
        // closes it in the last (see [`Carried`]).
        let mut carried = Carried::default();
        let testimony = testimonies(doc);
        for (bi, block) in blocks.iter().enumerate() {
            let long_quote = carried.next(&block.text);
            if !might_have_money(&block.text) {
                continue;
            }
            let every = amount::amounts(&block.text);
            let found: Vec<Amount> = every
                .iter()
                .filter(|a| !block.touches_code(a.range.clone()))
                .cloned()
                .collect();
            if found.is_empty() {
                continue;
            }
            let (group, intro) = groups.get(bi).cloned().unwrap_or((bi, Vec::new()));
            let headings = heading_chain(doc, &parents, block);
            let Intro {
                texts: intro_texts,
                roles: intro_roles,
                mut notes,
                role_above,
                sentence_role,
            } = self.intro(blocks, &intro, &headings);
            let row = block.kind == BlockKind::TableRow && block.cells.len() > 1;
            let label = if row { row_label(block) } else { label(block) };
            // In a nested list, a label read as nothing tells its figure
            // from its neighbours' (`- **Data Engineer Junior**`, then `  -
            // salaire demandé : 48k€`, `  - salaire obtenu : 45k€`; `  - La
            // Défense : Junior 44k€`); so does one that may be a name when
            // the items above name the role (`  - Glassdoor : 58k€`, a
            // source; `  - Doctolib : 60k€`, a company).
            // So does one under a sentence that names the role (`Voici
            // l'évolution du salaire d'un Plombier :`, then `- première
            // année : 22k€`).
            let mut label_role = true;
            if (block.parent.is_some() || sentence_role)
                && let Some((r, _)) = &label
                && let Some(own) = block.text.get(r.clone())
            {
                let named = self.title_role(clip(own)).is_some();
                if named && role_above {
                    label_role = false;
                    notes.push(own.trim());
                } else if !named && !self.reads_whole(own) {
                    notes.push(own.trim());
                }
            }
            let sums = sum_members(&block.text, &found);
            let mut quotes = crate::rules::quotations(&block.text);
            quotes.extend(long_quote);
            let mut floor = label.as_ref().map_or(0, |(_, after)| *after);
            for (ai, a) in found.iter().enumerate() {
                // In a table row, a figure reads its own cell, the row's
                // first cell (its label) and the header of its column.
                let cell = row.then(|| block.cell_at(a.range.start)).flatten();
                let bounds = cell.and_then(|c| block.cell(c));
                let (cell_start, ceiling) =
                    bounds.map_or((0, block.text.len()), |r| (r.start, r.end.max(a.range.end)));
                // Outside a table the intro is the same for every figure.
                let column_intro: Vec<(usize, usize, &str)>;
                let intro = match cell {
                    None => &intro_texts,
                    Some(c) => {
                        column_intro = intro_texts
                            .iter()
                            .map(|&(i, off, t)| match blocks.get(i) {
                                Some(b)
                                    if i != bi
                                        && b.kind == BlockKind::TableRow
                                        && !b.cells.is_empty() =>
                                {
                                    b.cell(c)
                                        .and_then(|r| Some((i, r.start, clip(b.text.get(r)?))))
                                        .unwrap_or((i, 0, ""))
                                }
                                _ => (i, off, t),
                            })
                            .collect();
                        &column_intro
                    }
                };
                let figure = self.figure(FigureInput {
                    doc,
                    block,
                    block_index: bi,
                    group,
                    amount: a,
                    every: &every,
                    floor: floor.max(cell_start).min(a.range.start),
                    after_figure: ai > 0 && floor >= cell_start,
                    cell_start: cell_start.min(a.range.start),
                    column: cell,
                    ceiling,
                    label: label
                        .as_ref()
                        .map(|(r, _)| (clip(&block.text[r.clone()]), r.start)),
                    intro,
                    intro_roles: &intro_roles,
                    notes: &notes,
                    label_role,
                    headings: &headings,
                    in_sum: sums.get(ai).copied().unwrap_or(false),
                    quoted: quotes.iter().any(|q| q.contains(&a.range.start))
                        || testimony.get(bi).copied().unwrap_or(false),
                    article_year: year,
                });
                floor = figure.1.max(a.range.end);
                let mut figure = figure.0;
                if ai > 0
                    && let Some(prev) = out.last().filter(|p: &&Figure| p.block == bi)
                    && let Some(gap) = block.text.get(found[ai - 1].range.end..a.range.start)
                {
                    self.carry(prev, &mut figure, gap, &block.text[a.range.end..]);
                }
                out.push(figure);
            }
        }
        out
    }

    fn figure(&self, input: FigureInput<'_>) -> (Figure, usize) {
        let FigureInput {
            doc,
            block,
            block_index,
            group,
            amount: a,
            every,
            floor,
            after_figure,
            cell_start,
            column,
            ceiling,
            label,
            intro,
            intro_roles,
            notes,
            label_role,
            headings,
            in_sum,
            quoted,
            article_year,
        } = input;
        let text = block.text.get(..ceiling).unwrap_or(&block.text);

        // What follows the figure: a claim, then a qualifier in parentheses.
        // A claim in parentheses may follow a word of time (`~45k€ après
        // (+62%)`, `44k€ en 2025 (+25%)`), or a place (`51k€ à Lyon
        // (-15 %)`).
        let mut time_said = "";
        let claim = amount::claim(text, a.range.end).or_else(|| {
            let rest = &text[a.range.end..];
            let at =
                a.range.end + time_words(rest).or_else(|| self.vocabulary.place_words(rest))?;
            let claim =
                amount::claim(text, at).filter(|_| text[at..].trim_start().starts_with('('))?;
            time_said = &text[a.range.end..at];
            Some(claim)
        });
        // A change may say its percentage after `soit` (`passe de 40k€ à
        // 50k€, soit +25 %`): it is its own, with no baseline to guess.
        let claim = claim.or_else(|| {
            (a.is_range && changes_from(&text[..a.range.start]))
                .then(|| amount::change_claim(text, a.range.end))?
        });
        let mut tail = claim.as_ref().map_or(a.range.end, |c| c.end);
        let mut qualifier = None;
        let mut paren_experience = None;
        let after_claim = skip_ws(text, tail);
        if text[after_claim..].starts_with('(')
            && let Some(close) = text[after_claim..].find(')')
        {
            let from = after_claim + 1;
            let inner = text[from..after_claim + close].trim();
            // An experience band (`(5+ ans)`) is the figure's experience,
            // not a qualifier.
            if let Some(mut e) = sole_experience(&text[from..after_claim + close]) {
                e.span = block.source_span(from + e.range.start..from + e.range.end);
                paren_experience = Some(e);
                tail = after_claim + close + 1;
            } else if !inner.is_empty()
                && amount::claim(inner, 0).is_none()
                && !starts_with_percentage(inner)
            {
                // `(+10 % de variable)` is a part of the pay, not a kind
                // of figure.
                qualifier = Some(inner.to_string());
                tail = after_claim + close + 1;
            }
        }

        let mut start = element_start(text, a.range.start, floor, &self.vocabulary);
        // Right after the figure before (`55-62k€ en startup et un Senior
        // gagne 62-70k€`), the words up to one that joins another clause
        // are that figure's: where, when, for whom it was said.
        if start == floor && floor > 0 {
            let joined = words(&text[start..a.range.start])
                .into_iter()
                .find(|(_, w)| JOINS.contains(&fold(w).as_str()));
            if let Some((r, _)) = joined {
                start += r.end;
            }
        }
        let before = &text[start..a.range.start];
        let post_end = element_end(text, tail).min(tail + clip(&text[tail..]).len().min(120));
        let post_end = (tail..=post_end)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(tail);
        let after = &text[tail..post_end.max(tail)];
        let paren = open_paren(text, a.range.start, floor.min(start))
            .or_else(|| open_paren(text, a.range.start, 0));
        let lead = paren.map(|p| {
            let s = element_start(text, p, 0, &self.vocabulary);
            (&text[s..p], s)
        });

        let mut contexts: Vec<Context<'_>> = vec![
            Context {
                text: before,
                at: At::Block(block_index, start),
                backwards: true,
                role: Some(Source::Figure),
            },
            Context {
                text: after,
                at: At::Block(block_index, tail),
                backwards: false,
                role: None,
            },
        ];
        if let Some((lead, at)) = lead {
            contexts.push(Context {
                text: lead,
                at: At::Block(block_index, at),
                backwards: true,
                role: Some(Source::Label),
            });
        }
        if let Some((l, at)) = label {
            contexts.push(Context {
                text: l,
                at: At::Block(block_index, at),
                backwards: false,
                role: label_role.then_some(Source::Label),
            });
        }
        for &(i, off, t) in intro {
            contexts.push(Context {
                text: t,
                at: At::Block(i, off),
                backwards: false,
                role: intro_roles.contains(&(i, off)).then_some(Source::List),
            });
        }
        if let Some(h) = headings.first().filter(|h| h.level >= 3) {
            contexts.push(Context {
                text: clip(&h.text),
                at: At::Heading(h.text_span),
                backwards: false,
                role: Some(Source::Heading),
            });
        }
        // The section's H2 names no role (`## Le réel (sans filtre)`), but
        // may say where, when or for whom (`## À Lyon`, `## En 2015`, `##
        // En startup`): it is the last context read.
        if let Some(h) = headings.iter().find(|h| h.level == 2) {
            contexts.push(Context {
                text: clip(&h.text),
                at: At::Heading(h.text_span),
                backwards: false,
                role: None,
            });
        }

        // Level, experience, place, year: the first context that has one.
        let mut level = None;
        let mut level_context = None;
        // Said right after it (`60-72k€ pour un Senior`, `58-70k€ en
        // Senior`): before the words before it, which may be the previous
        // figure's (`50-58k€ pour un Confirmé et 60-72k€ pour un Senior`).
        // Or between it and its claim (`60k€ pour un Senior (+50 %)`).
        if let Some(l) = self
            .level_said_after(after)
            .or_else(|| self.level_said_after(time_said))
        {
            level = Some(l);
            level_context = Some(1);
        }
        for (ci, c) in contexts.iter().enumerate().filter(|_| level.is_none()) {
            if let Some(l) = self.level_in(c.text, c.backwards) {
                level = Some(l);
                level_context = Some(ci);
                break;
            }
        }
        // In a table, a cell of the figure's row that holds only a level
        // (`| Analyste SOC | Senior | 52-60k€ |`, a `Niveau` column).
        if level.is_none()
            && let Some(own) = column
        {
            level = (0..block.cells.len())
                .filter(|&c| c != own)
                .filter_map(|c| block.text.get(block.cell(c)?))
                .find_map(|cell| match words(cell).as_slice() {
                    [(_, w)] => self.vocabulary.level(&fold(w)).map(|l| Level {
                        name: l.name.clone(),
                        rank: l.rank,
                    }),
                    _ => None,
                });
        }
        let experience = paren_experience.or_else(|| {
            [Some(0), Some(1), level_context]
                .into_iter()
                .flatten()
                .filter_map(|ci| contexts.get(ci))
                .find_map(|c| {
                    let mut all = amount::experiences(c.text);
                    let mut e = if c.backwards {
                        all.pop()
                    } else {
                        all.into_iter().next()
                    }?;
                    e.span = match c.at {
                        At::Block(bi, off) => doc.body.blocks.get(bi).map_or(e.span, |b| {
                            b.source_span(off + e.range.start..off + e.range.end)
                        }),
                        At::Heading(span) => span,
                    };
                    Some(e)
                })
        });
        // Place, year and kind of employer: in the text after the figure
        // when it starts by saying so (`à Paris`, `en 2022`), else the first
        // context before it that has one.
        // Words of time before a claim (`44k€ en 2025 (+25%)`) say it too.
        let said = said_after(after).or_else(|| said_after(time_said));
        // And what they go on to say (`74k€ à Paris en scale-up`).
        let said_then = said.and_then(said_further);
        // The clause before the figure's, when it holds no figure of its own
        // (`à Lyon, salaire Senior 52-60k€`): where or when, not who. Not
        // the words right after the figure before, which are that figure's
        // (`50k€ à Paris, 45k€ à Tours`).
        // Whether a clause from `from` on is the words right after the
        // figure before; `floor` may be past `from` (`60k€ (fixe,€10k de
        // variable)`: the figure before ends after this one's start).
        let figure_before_s =
            |from: usize| after_figure && text.get(floor..from).is_none_or(|s| s.trim().is_empty());
        let clause_to = |end: usize| {
            let t = text[..end].strip_suffix(',')?;
            let from = element_start(t, t.len(), floor, &self.vocabulary);
            Some(from..t.len()).filter(|r| !figure_before_s(from) && !holds_amount(every, r))
        };
        let clause_before = clause_to(start);
        // A level that a short clause names (`En junior, comptez 40k€ ; en
        // senior, 58k€`) is nearer than a label's or a heading's.
        let clause_level = clause_before
            .clone()
            .filter(|r| {
                // Only a level and the words that set it (`En junior`,
                // `Pour un senior`, `Côté senior`), not `Avant de passer
                // senior` or `Sans être senior`.
                let ws = words(&text[r.clone()]);
                ws.len() <= 4
                    && ws.iter().all(|(_, w)| {
                        let f = fold(w);
                        self.vocabulary.level(&f).is_some()
                            || is_article(&f)
                            || matches!(
                                f.as_str(),
                                "en" | "pour" | "cote" | "niveau" | "au" | "a" | "profil"
                            )
                    })
            })
            .and_then(|r| self.level_in(&text[r], true))
            .filter(|_| level_context.is_none_or(|ci| ci >= 2));
        if let Some(l) = clause_level.clone() {
            level = Some(l);
            level_context = None;
        }
        let clause = clause_before
            .clone()
            .map(|r| &text[r])
            // Said as where or when (`À Lyon,`, `En 2022,`), not `Loin de
            // Lyon,`.
            .and_then(says_where)
            .unwrap_or("");
        // That clause, when it opens the sentence with a name set before
        // the role's (`- **Sarah**, Data Engineer (Senior) : 70k€`,
        // `**Doctolib**, Data Engineer Senior : 70k€`): someone's own case
        // or one employer's, not the role's pay. The figure is of it.
        // It opens a list item, is set in bold or is of several words
        // (`Hugging Face,`): in a sentence, one word before a comma is more
        // often one of the text's (`Bref,`). An age between them is
        // skipped (`**Sophie**, 41 ans, Data Engineer Senior : 70k€`).
        let past_age = |r: Range<usize>| {
            let is_age = matches!(
                words(&text[r.clone()]).as_slice(),
                [(_, n), (_, ans)] if n.len() <= 2
                    && n.chars().all(|c| c.is_ascii_digit())
                    && *ans == "ans"
            );
            if is_age { clause_to(r.start) } else { Some(r) }
        };
        let apposed = clause_before
            .clone()
            .and_then(past_age)
            .filter(|r| sentence_start(text, r.start) == r.start)
            .map(|r| {
                let t = &text[r.clone()];
                let from = r.start + (t.len() - t.trim_start().len());
                from..from + t.trim().len()
            })
            .filter(|r| {
                let opens_item =
                    block.kind == BlockKind::ListItem && text[..r.start].trim().is_empty();
                let bold = block
                    .strong
                    .iter()
                    .any(|s| s.start <= r.start && r.end <= s.end);
                opens_item || bold || words(&text[r.clone()]).len() > 1
            })
            .map(|r| &text[r])
            .filter(|t| self.names_someone(t) && self.names_role_first(before));
        // What opens the figure's sentence, holding no figure: a label
        // (`Les salaires à Nantes :`), or a clause up to its first `,` or
        // `;` that says where or when (`À Paris,`, not `Loin de Lyon,`). It
        // holds for every figure of the sentence (`À Paris, un Junior
        // touche 45k€ et un Senior 68k€`: both are of Paris), before the
        // paragraph's label (`À Paris : Junior 45k€. À Nantes : Senior
        // 56k€`: the second is of Nantes).
        // Its reach ends at a `;`, and at a word that turns to another
        // time or case (`En 2020, un Junior touchait 34k€, mais
        // aujourd'hui un Junior touche 45k€`: the second is not of 2020).
        // Where the figure's sentence starts (in its cell, in a table).
        let sentence_from = sentence_start(text, a.range.start).max(cell_start);
        let opener = {
            let from = sentence_from;
            let from = text[from..a.range.start]
                .rfind(';')
                .map_or(from, |i| from + i + 1);
            let head = &text[from..a.range.start];
            let first = clause_end(head, &[',', ':']).unwrap_or(head.len());
            let colon = head.find(':');
            // Where the opener ends, and whether it is a label (all before
            // its colon).
            let end = match colon {
                // `**Ingénieur DevOps** : à Lyon, Junior …`: the clause
                // right after a label that says where or when is its.
                Some(c) if c == first => {
                    let rest = &head[c + 1..];
                    let clause = clause_end(rest, &[',', ';']).map(|n| &rest[..n]);
                    let at = from + c + 1;
                    match clause {
                        Some(t)
                            if !holds_amount(every, &(at..at + t.len()))
                                && said_after(t).is_some_and(|s| !s.is_empty()) =>
                        {
                            c + 1 + t.len()
                        }
                        _ => c,
                    }
                }
                // `Les salaires à Bordeaux, selon notre grille : Junior …`:
                // a label with a comma, unless its first clause turns away
                // from what it names (`Loin de Lyon,`, `Hors Paris,`).
                Some(c) if said_after(&head[..first]).is_none() && !away(&head[..first]) => c,
                _ => first,
            };
            let turned = || {
                words(&head[end..])
                    .iter()
                    .any(|(_, w)| TURNS.contains(&fold(w).as_str()))
            };
            Some(&head[..end])
                .filter(|_| !holds_amount(every, &(from..from + end)))
                .and_then(|t| match colon.is_some_and(|c| c <= end) {
                    true => Some(t),
                    false => says_where(t),
                })
                .filter(|t| !t.is_empty() && !turned())
                .unwrap_or("")
        };
        // Nearest first: the figure's own stretch, the clause before it,
        // the sentence's opening clause, then the label, the line before
        // the list and the heading.
        let others = || {
            contexts
                .iter()
                .take(1)
                .map(|c| c.text)
                .chain([clause, opener])
                .chain(contexts.iter().skip(2).map(|c| c.text))
        };
        // After the figure, the words right after the preposition say it
        // (`55k€ en moyenne depuis 2019` is not of 2019).
        let place = said
            .map(|t| {
                // Its first words (`en moyenne à Paris`).
                let end = words(t)
                    .get(..4)
                    .and_then(|ws| ws.last())
                    .map_or(t.len(), |(r, _)| r.end);
                &t[..end]
            })
            .and_then(|t| self.place_in(t))
            // Between it and its claim, a place the list does not hold
            // (`51k€ à Tours (-25 %)`); not without a claim, where `à
            // Bac+5`, `à La Poste` or `à Station F` name no place.
            .or_else(|| {
                let r = self.vocabulary.unlisted_place(time_said)?;
                Some(time_said[r].to_string())
            })
            .or_else(|| others().find_map(|t| self.place_in(t)))
            // Else one the list does not hold that ends the clause, a
            // label or a heading before it (`À Tours, …`, `- Data Engineer
            // Senior à Tours : 55k€`, `(Tours) :`).
            .or_else(|| {
                let clause = clause_before.clone().map(|r| &text[r]);
                clause
                    .into_iter()
                    .chain(others())
                    .find_map(|t| self.vocabulary.closing_place(t).map(|p| t[p].to_string()))
            })
            // Else a place the list does not hold right after it (`95k€
            // aux Émirats`, `58k€ brut à Tours`), which at least tells it
            // from figures of France; where a place was read, `à La
            // Poste` or `à Station F` name none.
            .or_else(|| {
                let ws = words(after);
                ws.iter()
                    .take(4)
                    .take_while(|(r, _)| !after[..r.start].contains([',', ';', ':', '.', '(']))
                    .filter(|(_, w)| matches!(fold(w).as_str(), "a" | "au" | "aux"))
                    .find_map(|(r, _)| {
                        let at = &after[r.start..];
                        self.vocabulary
                            .unlisted_place(at)
                            .map(|p| at[p].to_string())
                    })
            });
        // What opens the figure's sentence, up to its first `,` or `:`,
        // holding no figure (`Selon l'APEC (2024), …`, `À 80 %, …`).
        let opening = {
            let head = &text[sentence_from..a.range.start];
            clause_end(head, &[',', ':'])
                .filter(|&i| !holds_amount(every, &(sentence_from..sentence_from + i)))
                .map(|i| &head[..i])
                .unwrap_or("")
        };
        // The words after the figure, up to the next figure or a word
        // that joins another clause (`70-80k€ de fixe et un package total
        // de 85-100k€`: the package is not the first figure's).
        let after_own = {
            let t = clip(after);
            let next = every
                .get(every.partition_point(|a| a.range.start < tail))
                .map(|a| a.range.start)
                .filter(|&s| s < tail + t.len());
            let t = next.map_or(t, |s| &t[..s - tail]);
            words(t)
                .into_iter()
                .find(|(_, w)| JOINS.contains(&fold(w).as_str()))
                .map_or(t, |(r, _)| &t[..r.start])
        };
        let source = source_in(after_own)
            .or_else(|| source_in(opening))
            .or_else(|| source_in(clause));
        // Said right after it, the first year is its own (`50k€ en 2021
        // et 55k€ en 2022`).
        let year = [said, said_then]
            .into_iter()
            .flatten()
            .find(|t| starts_with_year(t))
            .and_then(|t| words(t).first().and_then(|(_, w)| amount::year(w)))
            .or_else(|| others().find_map(amount::year))
            .or_else(|| source.as_ref().and_then(|(_, y)| *y))
            .filter(|y| Some(*y) != article_year);
        // What the figure measures, when not a plain fixed salary: said
        // right after it, before it in its element, before the parenthesis
        // it is in, by the clause that opens its sentence, or by the header
        // of its column (`| Salaire des femmes |`, `| Package total |`).
        let measure = [after_own, before, lead.map_or("", |(l, _)| l), opening]
            .into_iter()
            .find_map(measure_in)
            // The whole package, not the fixed salary (a `| Package total
            // |` column: the header of its column, a table row above its
            // own).
            .or_else(|| {
                contexts
                    .iter()
                    .skip(2)
                    .filter(|c| {
                        matches!(c.at, At::Block(i, _) if i != block_index
                            && doc.body.blocks.get(i).is_some_and(|b| b.kind == BlockKind::TableRow))
                    })
                    .find_map(|c| {
                        let header = clip(c.text);
                        measure_in(header).or_else(|| {
                            words(header)
                                .iter()
                                .any(|(_, w)| is_package(w))
                                .then(|| PACKAGE.to_string())
                        })
                    })
            });
        // One said of two kinds (`70k€ en startup comme en grand groupe`)
        // is of neither: the figure holds for both.
        let employer = [said, said_then]
            .into_iter()
            .flatten()
            .find_map(|t| employer_at(t, true).map(|e| (e, t)))
            .and_then(|(e, t)| (!and_another_employer(t)).then_some(e))
            .or_else(|| others().find_map(|t| employer_at(t, false)));
        // Of another time, when no year says which.
        // Or said right after it (`50k€ il y a trois ans`).
        let past_after = || {
            let t = after_own.trim_start();
            t.get(..2).is_some_and(|il| il.eq_ignore_ascii_case("il"))
                && in_the_past(clip_to(t, 40))
        };
        let past = (year.is_none()
            && (in_the_past(&text[sentence_from..a.range.start]) || past_after()))
        .then(|| PAST.to_string());
        // All that is said of it: a figure is compared with those of
        // which the same is said.
        let mut said_of: Vec<String> = Vec::new();
        let source = source
            .map(|(name, _)| name)
            .filter(|n| !n.is_empty())
            .map(|n| format!("selon {n}"));
        for q in [
            qualifier,
            measure,
            employer,
            past,
            source,
            apposed.map(str::to_string),
        ]
        .into_iter()
        .flatten()
        .chain(notes.iter().map(|n| n.to_string()))
        {
            if !said_of.contains(&q) {
                said_of.push(q);
            }
        }
        let qualifier = (!said_of.is_empty()).then(|| said_of.join(", "));

        // The role: the name right before the figure, else a label, the bold
        // line before a list, or the nearest heading.
        // A figure alone in a parenthesis is the name's right before it
        // (`qu'un Développeur Backend Senior (58-72k€)`).
        let alone_in_paren =
            before.trim().is_empty() && text[..a.range.start].trim_end().ends_with('(');
        // A figure set between commas after the role, with a word of pay
        // (`Un Consultant SAP Senior, payé 72 000 €, encadre …`): the
        // role is the clause's before it, and so is its level.
        let apposed_clause = || {
            let ws = words(before);
            let pay = self.only_pay(&ws) && ws.iter().any(|(_, w)| self.pays(w));
            let comma = text[..start].trim_end().strip_suffix(',').filter(|_| pay)?;
            let from = element_start(comma, comma.len(), floor, &self.vocabulary);
            let clause = &text[from..comma.len()];
            let its_own = holds_amount(every, &(from..comma.len())) || figure_before_s(from);
            (!its_own).then_some(clause)
        };
        let mut level_apposed = None;
        let role = self
            .name_before(before)
            .or_else(|| {
                let (lead, _) = lead.filter(|_| alone_in_paren)?;
                self.name_before(lead.trim_end().trim_end_matches('('))
            })
            .or_else(|| {
                let clause = apposed_clause()?;
                let name = self.subject_name(clause)?;
                level_apposed = self.level_in(clause, true);
                Some(name)
            })
            // Said right after it (`40k€ pour un SRE Junior`, `comptez
            // 52k€ pour une Ingénieure DevSecOps`).
            .or_else(|| self.name_after(after))
            // The subject after a clause that opens the sentence with
            // `Avec`, the figure and a word of pay (`Avec un salaire médian
            // de 47k€, le Géomètre Senior reste bien payé`): only such words
            // in the clause, so not a goal, a hypothesis or a threshold
            // (`Pour atteindre un salaire de 60k€,`, `Même avec …`, `Loin des
            // 70k€ de salaire,`), nor a subject in the conditional (`…, le
            // Géomètre Senior serait bien payé`).
            .or_else(|| {
                let head = strip_word(text[sentence_from..a.range.start].trim_start(), "avec")?;
                let rest = &text[tail..];
                let comma = rest.find(',')?;
                let kind = |w: &str| {
                    let f = fold(w);
                    self.pays(w)
                        || basis_in(w).is_some()
                        || period_in(w).is_some()
                        || f.starts_with("median")
                        || f.starts_with("moyen")
                        || APPROXIMATELY.contains(&f.as_str())
                        || matches!(f.as_str(), "de" | "d" | "par" | "an" | "son" | "sa" | "ses")
                };
                let clause_words = words(head).into_iter().chain(words(&rest[..comma]));
                // A median or an average, which states the pay; a plain
                // `Avec un salaire de 30k€,` is mostly a hypothesis (`…, un
                // Géomètre peut à peine se loger`).
                let mut paid = false;
                let mut stated = false;
                for (_, w) in clause_words {
                    let f = fold(w);
                    if !(kind(w) || is_article(&f)) {
                        return None;
                    }
                    paid |= self.vocabulary.cue(w, &f) == Some(true);
                    stated |= f.starts_with("median") || f.starts_with("moyen");
                }
                paid &= stated;
                let subject = &rest[comma + 1..];
                let its_clause = subject.find(PHRASE_ENDS).map_or(subject, |i| &subject[..i]);
                let conditional = words(its_clause).iter().any(|(_, w)| {
                    let f = fold(w);
                    f.len() > 5 && (f.ends_with("rait") || f.ends_with("raient"))
                });
                if !paid
                    || conditional
                    || head.contains(PHRASE_ENDS)
                    || rest[..comma].contains(PHRASE_ENDS)
                {
                    return None;
                }
                let (name, l) = self.subject_of(subject)?;
                level_apposed = l;
                Some(name)
            })
            // A pronoun with a verb of pay (`; il gagne ainsi 75k€`, `.
            // Elle touche 48k€`): the subject of the clause or sentence
            // before, when it opens with an article and a role.
            .or_else(|| {
                // Not at a later time (`Il touche 65k€ cinq ans plus
                // tard`, `il gagne désormais 45k€`), which is no longer the
                // subject's level.
                let later = words(after_own).iter().chain(&words(before)).any(|(_, w)| {
                    matches!(
                        fold(w).as_str(),
                        "tard"
                            | "apres"
                            | "ensuite"
                            | "aujourd"
                            | "desormais"
                            | "maintenant"
                            | "suivante"
                            | "suivant"
                    )
                });
                if later || !self.pronoun_paid(before) {
                    return None;
                }
                let head = sentence_from..start;
                let previous = || {
                    let head = text.get(..sentence_from)?.trim_end();
                    // From before the mark that ends it (`.`, `…`, `»`).
                    let (last, _) = head.char_indices().next_back()?;
                    Some(sentence_start(text, last)..head.len())
                };
                let same_sentence = !text.get(head.clone())?.trim().is_empty();
                let subject = Some(head).filter(|_| same_sentence).or_else(previous)?;
                // Nor when the subject's clause gives a figure already
                // (`Un Urbaniste Junior touche 34k€ ; l'année suivante, il
                // touche 39k€`, `… 33k€. Il touche 38k€ avec les primes`):
                // the pronoun's is of another time or case. Nor past another
                // clause between them (`; l'année suivante, il touche`).
                // Unless a clause right before it names a place or a year
                // (`; en 2025, il gagne 53k€`), which tells the two apart
                // (not `; au bout de trois ans, il touche 37k€`).
                let between = same_sentence
                    && text[subject.clone()]
                        .trim_end()
                        .trim_end_matches([',', ';'])
                        .contains([',', ';']);
                let where_or_when = words(clause).iter().any(|(_, w)| amount::year(w).is_some())
                    || self.place_in(clause).is_some();
                if (holds_amount(every, &subject) || between) && !where_or_when {
                    return None;
                }
                let (name, l) = self.subject_of(&text[subject])?;
                level_apposed = l;
                Some(name)
            })
            // Or by the clause that opens its sentence (`Pour un
            // Développeur Mobile, comptez 38k€ en junior`, `Côté Data
            // Analyst Senior, comptez 47k€`; `côté data analyst senior`,
            // in lowercase, with a word of a trade).
            .or_else(|| {
                let head = opening.trim_start();
                let side = ["Côté ", "côté ", "Cote ", "cote "]
                    .iter()
                    .find_map(|w| head.strip_prefix(w));
                let rest = strip_word(head, "pour").or(side)?;
                if text[sentence_from + opening.len()..a.range.start].contains(';') {
                    return None;
                }
                // Not a figure said for someone else (`…, contre 30k€ pour
                // un dessinateur`, `soit plus que les 30k€ d'un junior en
                // topographie`).
                let compared = words(before).iter().any(|(_, w)| {
                    let f = fold(w);
                    JOINS.contains(&f.as_str()) || matches!(f.as_str(), "que" | "qu" | "soit")
                });
                let of_another = strip_word(after.trim_start(), "d'un")
                    .or_else(|| strip_word(after.trim_start(), "d'une"))
                    .is_some();
                if compared || of_another || self.for_someone(after) {
                    return None;
                }
                let name = self.name_before(rest).or_else(|| {
                    let ws = words(rest);
                    let trade = ws.iter().any(|(_, w)| is_trade_word(&fold(w)));
                    let plain = ws.iter().all(|(_, w)| {
                        let f = fold(w);
                        is_trade_word(&f)
                            || self.vocabulary.level(&f).is_some()
                            || w.starts_with(char::is_lowercase) && !is_function_word(&f)
                    });
                    let name: Vec<&str> = ws
                        .iter()
                        .map(|(_, w)| *w)
                        .filter(|w| self.vocabulary.level(&fold(w)).is_none())
                        .collect();
                    (side.is_some() && trade && plain && !name.is_empty()).then(|| name.join(" "))
                })?;
                level_apposed = self.level_in(rest, true);
                Some(name)
            })
            .map(|n| (n, Source::Figure))
            .or_else(|| {
                contexts.iter().skip(2).find_map(|c| {
                    let source = c.role?;
                    self.title_role(c.text).map(|n| (n, source))
                })
            })
            .map(|(name, source)| Role {
                key: role_key(&name),
                name,
                source,
            })
            .filter(|r| !r.key.is_empty())
            // A kind of employer is no role (`Pour une ESN, comptez 45k€`).
            .filter(|r| {
                !words(&r.name)
                    .iter()
                    .all(|(_, w)| is_employer_name(&fold(w)))
            })
            // `A gagne plus qu'un B (x contre y)`: x is A's, not B's, the
            // name right before it; A is not read, so x has no role.
            .filter(|r| {
                r.source != Source::Figure
                    || !first_of_a_comparison(&text[sentence_from..a.range.start], after)
            })
            // `plus qu'un Data Analyst Senior : 56-68k€ (+17 % vs Data
            // Analyst Senior)`: a figure is not set against its own role
            // at its own level (`vs Développeur Mobile Junior` is, for a
            // Senior).
            .filter(|r| {
                let Some(versus) = claim.as_ref().and_then(|c| c.versus.as_deref()) else {
                    return true;
                };
                let same_level = self.level_in(versus, false).map(|l| l.name)
                    == level.as_ref().map(|l| l.name.clone());
                !same_level
                    || self
                        .name_before(versus)
                        .is_none_or(|v| role_key(&v) != r.key)
            });
        // A first name read as the name before the figure (`Sarah gagne
        // 55k€`) is someone: the pay is her own case, which may change
        // from one paragraph to the next (after a promotion). No role's:
        // the figure is kept apart from the others by her name.
        let mut qualifier = qualifier;
        let role = match role {
            Some(r)
                if r.source == Source::Figure
                    && !r.name.contains(' ')
                    && super::first_names::is_first_name(&fold(&r.name)) =>
            {
                qualifier = Some(match qualifier {
                    Some(q) => format!("{q}, {}", r.name),
                    None => r.name,
                });
                None
            }
            r => r,
        };

        let level_of_role = level.is_none() && role.is_some() && level_apposed.is_some();
        if level_of_role {
            level = level_apposed;
        }
        let level_in_clause = level_of_role || clause_level.is_some();
        let total = text[..a.range.start].trim_end().ends_with('=');
        // A level next to the figure, or in the label it follows (`Junior : 45k€`).
        // Or the item its list is nested in, when that item is only a
        // level (`- **Senior**` above `  - Data Engineer : 65k€`) and the
        // figure is of a yearly pay's size (not `3k€` of a raise, `3 750 €`
        // a month or `300 $` of a certification).
        let level_parent = || {
            let parent = block.parent.filter(|_| a.low >= 10_000.0)?;
            let c = contexts.get(level_context?)?;
            let At::Block(bi, _) = c.at else {
                return None;
            };
            (bi == parent && self.vocabulary.sole_level(c.text)).then_some(())
        };
        // Or the header of its column in a table (`| Poste | Junior |
        // Senior |` above `| ML Engineer | 48k€ | 70k€ |`): a grid by level.
        let level_header = || {
            let c = contexts.get(level_context?)?;
            let At::Block(bi, _) = c.at else {
                return None;
            };
            (column.is_some()
                && bi != block_index
                && doc.body.blocks.get(bi)?.kind == BlockKind::TableRow)
                .then_some(())
        };
        let level_here = self.level_in(before, true).is_some()
            || self.level_in(after, false).is_some()
            || label.is_some_and(|(l, _)| self.level_in(l, false).is_some())
            || level_parent().is_some()
            || level_header().is_some()
            || level_in_clause;
        let (salary, reason) = self.classify(
            a,
            text,
            after,
            contexts.get(2..).unwrap_or_default(),
            headings,
            in_sum || total,
            level_here,
        );

        // Period and gross/net, when not written with the figure: said
        // before it (`Le salaire net d'un Senior est de 3 500 €`), else in
        // the clause or label that opens its sentence, its label, list
        // intro or column header, its headings (`Salaire mensuel net :
        // Junior 2 500 €`, `| Net mensuel |`).
        let before_it = || {
            [before, clause, opener]
                .into_iter()
                .chain(contexts.iter().skip(2).map(|c| c.text))
        };
        let period = a.period.or_else(|| before_it().find_map(period_in));
        // Gross or net may also follow its place (`47k€ à Paris en net
        // annuel`), past a comma when it ends the clause (`52k€ à Paris,
        // net.`, `à Lyon, brut annuel`).
        let basis_then = || {
            let (_, w) = *words(said_then?).first()?;
            amount::basis_of(&w.to_lowercase())
        };
        let basis_after_comma = || {
            // The figure's own words stop at the comma: read past it, a
            // few words.
            said?;
            let t = said_after(clip_to(&text[tail..], 64))?;
            let comma = t.find(',')?;
            let place = &t[..comma];
            if place.contains(['.', ';', ':', '(']) || words(place).len() > 3 {
                return None;
            }
            let rest = &t[comma + 1..];
            let ws = words(rest);
            let (r, w) = ws.first()?;
            let then = rest[r.end..].trim_start();
            let ends = then.is_empty()
                || then.starts_with(['.', ',', ';', ')'])
                || ws
                    .get(1)
                    .is_some_and(|(_, p)| matches!(fold(p).as_str(), "annuel" | "mensuel" | "par"));
            (rest[..r.start].trim().is_empty() && ends)
                .then(|| amount::basis_of(&w.to_lowercase()))?
        };
        let basis = a
            .basis
            .or_else(basis_then)
            .or_else(basis_after_comma)
            .or_else(|| before_it().find_map(basis_in));
        // An amount per hour said before it is no salary either.
        let (salary, reason) = match period {
            Some(Period::Hour) if salary && a.period.is_none() => {
                (false, "an amount per hour (said before it)".to_string())
            }
            _ => (salary, reason),
        };

        // No place read, and nothing before it that might say one: no
        // clause (`À l'étranger,`, `Outre-Atlantique,`), and what opens
        // its sentence, if anything, names only its role and level
        // (`ML Engineer Senior : 70k€`).
        let place_unsaid = place.is_none()
            && clause_before.is_none()
            && words(opener).iter().all(|(_, w)| {
                let f = fold(w);
                !w.chars().next().is_some_and(char::is_uppercase)
                    || is_function_word(&f)
                    || self.vocabulary.level(&f).is_some()
                    || role
                        .as_ref()
                        .is_some_and(|r| r.name.split(' ').any(|n| n.eq_ignore_ascii_case(w)))
            });
        let span = block.source_span(a.range.clone());
        let claim = claim.map(|c| {
            let cspan = block.source_span(c.range.clone());
            Claim {
                text: doc.text(cspan).to_string(),
                span: cspan,
                low: c.low,
                high: c.high,
                at_least: c.at_least,
                versus: c.versus.clone(),
                over_time: names_a_span_of_time(
                    &text[sentence_from..sentence_end(text, c.range.end)],
                ),
            }
        });
        (
            Figure {
                span,
                text: doc.text(span).to_string(),
                low: a.low,
                high: a.high,
                is_range: a.is_range,
                currency: a.currency,
                open: a.open,
                at_most: a.at_most,
                approx: a.approx,
                period,
                basis,
                salary,
                reason,
                role,
                level,
                experience,
                place_unsaid,
                place,
                year,
                qualifier,
                claim,
                thousands: a.thousands,
                block: block_index,
                column,
                group,
                in_sum: in_sum || total,
                quoted,
            },
            tail,
        )
    }

    /// Salary or not, and why. The nearest word that tells wins.
    #[allow(clippy::too_many_arguments)]
    fn classify(
        &self,
        a: &Amount,
        text: &str,
        after: &str,
        contexts: &[Context<'_>],
        headings: &[&Heading],
        in_sum: bool,
        level_here: bool,
    ) -> (bool, String) {
        if a.signed {
            return (false, "a change (written with a sign)".into());
        }
        // No salary, nor a typo of one, is a thousand billion.
        if a.low.max(a.high) >= TOO_LARGE || !a.low.is_finite() || !a.high.is_finite() {
            return (false, "a number too large for an amount".into());
        }
        match a.period {
            Some(Period::Day) => return (false, "an amount per day (a daily rate)".into()),
            Some(Period::Hour) => return (false, "an amount per hour".into()),
            Some(Period::Week) => return (false, "an amount per week".into()),
            Some(Period::Unit) => return (false, "an amount per unit".into()),
            _ => {}
        }
        if in_sum {
            return (false, "a part or the total of a sum".into());
        }
        if a.is_range && changes_from(&text[..a.range.start]) {
            return (false, CHANGE.into());
        }
        // `12k€ de plus`, `3k€ d'écart`: a difference, as `+12k€` is; `à
        // 3k€ près`: a margin.
        let next: Vec<String> = words(clip(after))
            .into_iter()
            .take(2)
            .map(|(_, w)| fold(w))
            .collect();
        let next: Vec<&str> = next.iter().map(String::as_str).collect();
        if matches!(
            next.as_slice(),
            ["de", "plus" | "moins" | "difference" | "mieux", ..]
                | ["d", "ecart", ..]
                | ["en", "plus" | "moins", ..]
                | ["supplementaires" | "supplementaire", ..]
        ) {
            return (false, "a difference (`de plus`, `d'écart`)".into());
        }
        if next.first() == Some(&"pres")
            && words(&text[..a.range.start])
                .last()
                .is_some_and(|(_, w)| fold(w) == "a")
        {
            return (false, "a margin (`à 3k€ près`)".into());
        }
        // The words right after it (`200k€ investis`, `15K€ charges`) and
        // the sentence before it: the nearest word that tells wins, the
        // word after it on a tie.
        let after_cue = self
            .cue_in(after, false)
            .filter(|(_, _, distance)| *distance < 3);
        let sentence = &text[sentence_start(text, a.range.start)..a.range.start];
        // `une prime de 5 à 10 % du salaire, soit 3 à 7k€`: the share the
        // percentage gives, not a salary.
        {
            let mut ws = words(sentence);
            while ws.last().is_some_and(|(_, w)| {
                APPROXIMATELY.contains(&fold(w).as_str()) || fold(w) == "environ"
            }) {
                ws.pop();
            }
            // `…, soit`, `…, c'est`.
            let said = match ws.as_slice() {
                [.., (c, w1), (_, w2)] if fold(w1) == "c" && fold(w2) == "est" => Some(c.start),
                [.., (r, w)] if fold(w) == "soit" => Some(r.start),
                _ => None,
            };
            if let Some(start) = said
                && sentence[..start]
                    .trim_end()
                    .trim_end_matches(',')
                    .rsplit(['.', ';'])
                    .next()
                    .is_some_and(|clause| clause.contains('%'))
            {
                return (false, "a share a percentage gives".into());
            }
        }
        // `brut` or `net` says salary, unless a word right before says
        // what else the amount is (`un bonus de 8k€ brut`, `une prime de
        // cooptation de 2 000 € brut`, `les primes ajoutent 400 € brut`).
        if let Some(b) = a.basis
            && after_cue.is_none()
        {
            let named_else = self
                .cue_in(sentence, true)
                .is_some_and(|(s, _, distance)| !s && distance <= 2);
            if !named_else {
                let w = if b == Basis::Gross { "brut" } else { "net" };
                return (true, format!("written « {w} »"));
            }
        }
        // A share of pay said of a figure before it (`Confirmé 48-56k€ +5 %
        // de prime, Senior 60-70k€`): its word is the percentage's, not
        // this figure's.
        let sentence = sentence.rfind('%').map_or(sentence, |p| {
            let rest = &sentence[p + 1..];
            let ws = words(rest);
            match ws.as_slice() {
                [(_, de), (r, w), ..]
                    if matches!(fold(de).as_str(), "de" | "d" | "en")
                        && self.vocabulary.cue(w, &fold(w)) == Some(false) =>
                {
                    &rest[r.end..]
                }
                _ => sentence,
            }
        });
        let before_cue = self.cue_in(sentence, true);
        // A verb of adding or worth right before it wins over the words
        // after (`les certifications ajoutent 3 à 5k€ à l'embauche`, `dix
        // jours de RTT valent environ 2 100 € pour un fixe de 49k€`).
        if let Some((false, w, 0)) = before_cue
            && matches!(
                fold(w).as_str(),
                "ajoute" | "ajoutent" | "rapporte" | "rapportent" | "vaut" | "valent"
            )
        {
            return (false, format!("« {w} » before it"));
        }
        match (after_cue, before_cue) {
            (Some((s, w, da)), Some((_, _, db))) if da <= db => {
                return (s, format!("« {w} » after it"));
            }
            (_, Some((s, w, _))) => return (s, format!("« {w} » before it")),
            (Some((s, w, _)), None) => return (s, format!("« {w} » after it")),
            (None, None) => {}
        }
        for c in contexts {
            if let Some((s, w, _)) = self.cue_in(c.text, true) {
                return (s, format!("« {w} » in « {} »", short(c.text)));
            }
        }
        for h in headings {
            if let Some((s, w, _)) = self.cue_in(clip(&h.text), true) {
                return (s, format!("« {w} » in the heading « {} »", short(&h.text)));
            }
        }
        if level_here {
            return (true, "a level next to it".into());
        }
        (false, "no salary word nearby".into())
    }

    /// The nearest word of `text` that says salary or not, and how far it
    /// is (in words, small words not counted).
    fn cue_in<'t>(&self, text: &'t str, backwards: bool) -> Option<(bool, &'t str, usize)> {
        let ws: Vec<(&str, String)> = words(text).into_iter().map(|(_, w)| (w, fold(w))).collect();
        // Whether one of `words` is among the two words before the `k`th.
        let after_one_of = |k: usize, words: &[&str]| {
            ws[..k]
                .iter()
                .rev()
                .take(2)
                .any(|(_, f)| words.contains(&f.as_str()))
        };
        let order: Box<dyn Iterator<Item = usize>> = if backwards {
            Box::new((0..ws.len()).rev())
        } else {
            Box::new(0..ws.len())
        };
        order
            .filter(|&k| !is_function_word(&ws[k].1))
            .enumerate()
            .find_map(|(distance, k)| {
                let (w, f) = &ws[k];
                match self.vocabulary.cue(w, f) {
                    // A word of something else after `hors` or `sans` says
                    // the amount is without it (`62k€ hors variable`, `sans
                    // les primes`): no cue.
                    Some(false) if after_one_of(k, &["hors", "sans"]) => None,
                    // `selon le poste`, `selon l'offre`: what the figure
                    // depends on, not what it is.
                    Some(_) if after_one_of(k, &["selon", "suivant"]) => None,
                    cue => cue.map(|s| (s, *w, distance)),
                }
            })
    }

    /// A level the words right after a figure give it: `pour un Senior`,
    /// `en Junior`, `au niveau Senior`, `(Senior)` is read elsewhere.
    fn level_said_after(&self, after: &str) -> Option<Level> {
        let ws = words(clip(after));
        let mut it = ws.iter().map(|(_, w)| fold(w));
        if !matches!(it.next()?.as_str(), "pour" | "en" | "au" | "chez") {
            return None;
        }
        let next = it.find(|w| {
            !matches!(
                w.as_str(),
                "un" | "une" | "le" | "la" | "les" | "des" | "l" | "niveau" | "profil" | "profils"
            )
        })?;
        self.vocabulary.level(&next).map(|l| Level {
            name: l.name.clone(),
            rank: l.rank,
        })
    }

    fn level_in(&self, text: &str, backwards: bool) -> Option<Level> {
        let ws = words(text);
        let pick = |(_, w): &(Range<usize>, &str)| {
            self.vocabulary.level(&fold(w)).map(|l| Level {
                name: l.name.clone(),
                rank: l.rank,
            })
        };
        if backwards {
            ws.iter().rev().find_map(pick)
        } else {
            ws.iter().find_map(pick)
        }
    }

    fn place_in(&self, text: &str) -> Option<String> {
        let ws = words(text);
        let mut found: Vec<&str> = Vec::new();
        let mut last_end = None;
        // `hors Paris`, `en dehors de l'IDF`: everywhere but there, a place
        // of its own.
        let mut is_outside = false;
        for (k, (r, w)) in ws.iter().enumerate() {
            let folded = fold(w);
            // `le marché lyonnais`, `en région parisienne`: the city.
            let city = place_adjective(&folded);
            // `New York`, `Île de France`: the place's whole name.
            let whole = whole_place_name(text, &ws, k);
            let w: &str = match (city, whole) {
                (Some(city), _) => {
                    if found
                        .last()
                        .is_some_and(|p| matches!(fold(p).as_str(), "region" | "regions"))
                    {
                        found.pop();
                    }
                    city
                }
                (None, Some(from)) => &text[from..r.end],
                (None, None) => w,
            };
            if city.is_some() || whole.is_some() || self.vocabulary.places.contains(&folded) {
                if found.is_empty() {
                    let near = &ws[k.saturating_sub(3)..k];
                    // `plus bas qu'à Lyon`, `vs Paris`: the place compared
                    // with, not the figure's.
                    let compared =
                        near.iter().rev().take(2).any(|(_, p)| {
                            matches!(fold(p).as_str(), "qu" | "que" | "vs" | "versus")
                        });
                    if compared {
                        continue;
                    }
                    is_outside = near.iter().any(|(_, p)| outside(p));
                }
                // Places next to each other are one: `France/Europe`, `US Remote`.
                if let (Some(end), false) = (last_end, found.is_empty()) {
                    let gap: &str = &text[end..r.start];
                    if gap.trim().is_empty() || gap.trim() == "/" {
                        found.push(w);
                        last_end = Some(r.end);
                        continue;
                    }
                    break;
                }
                found.push(w);
                last_end = Some(r.end);
            } else if !found.is_empty() {
                // `Angleterre hors Londres`, `France hors Paris`: a place of
                // its own, not the first.
                if outside(w)
                    && last_end.is_some_and(|end| text[end..r.start].trim().is_empty())
                    && let Some(j) = self.vocabulary.place_at(text, &ws, k + 1)
                    && text[r.end..ws[k + 1].0.start].trim().is_empty()
                {
                    found.push(&text[r.start..ws[j].0.end]);
                }
                break;
            }
        }
        (!found.is_empty()).then(|| match is_outside {
            true => format!("hors {}", found.join("/")),
            false => found.join("/").replace("/hors ", " hors "),
        })
    }

    /// The name right before a figure: capitalised words, read backwards up
    /// to a small word, a salary word or a number; levels, places and
    /// experience are skipped (`Prompt Engineer`, `Développeur Full-Stack`).
    fn name_before(&self, before: &str) -> Option<String> {
        // An experience band, a duration, and a parenthesis that holds only
        // a band (`Un Développeur Scala Senior (3-5 ans d'expérience)
        // gagne`) are no part of a name.
        // So is a level in parentheses (`Un Data Engineer (Junior) touche
        // 46k€`); a level code before it stays in the name, as it does
        // without one: `Data Engineer L3 (Senior)` and `Data Engineer L4
        // (Senior)` are two steps, and `Consultant SAP B1` a product.
        let in_parens = before.match_indices('(').filter_map(|(open, _)| {
            let close = open + before[open..].find(')')?;
            let inner = &before[open + 1..close];
            (sole_experience(inner).is_some() || self.vocabulary.sole_level(inner))
                .then_some(open..close + 1)
        });
        let masked: Vec<Range<usize>> = amount::experiences(before)
            .into_iter()
            .map(|e| e.range)
            .chain(amount::durations(before))
            .chain(in_parens)
            .collect();
        let mut collected: Vec<&str> = Vec::new();
        // A verb of pay between the name and the figure (`Un Développeur
        // Senior gagne 60-75k€`), and the word that ended the name.
        let mut paid = false;
        let mut stop = None;
        // Where the first word collected so far starts.
        let mut collected_from: Option<usize> = None;
        // Whether the word read last was a place, skipped (`Data Engineer
        // Senior à Paris : 70k€`): the preposition before it is skipped too,
        // and then the name must follow an article, `de` or nothing: after
        // a verb of being it is someone's own case (`Julie est Data
        // Engineer Senior à Paris : 72k€`), not the role's pay.
        let mut place_after = false;
        let mut at_place = false;
        let all = words(before);
        // The first word of a place's name of several words, read from its
        // last (`Île de France`): the words down to it are skipped.
        let mut skip_from: Option<usize> = None;
        for (k, (r, w)) in all.iter().enumerate().rev() {
            let (r, w) = (r.clone(), *w);
            if masked.iter().any(|e| e.start <= r.start && r.end <= e.end)
                || skip_from.is_some_and(|i| k >= i)
            {
                continue;
            }
            let f = fold(w);
            if let Some(start) = whole_place_name(before, &all, k) {
                skip_from = all[..k].iter().rposition(|(r, _)| r.start == start);
                place_after = true;
                continue;
            }
            let in_name = k
                .checked_sub(1)
                .is_some_and(|p| ends_role(&fold(all[p].1), &f));
            if !in_name
                && (self.vocabulary.level(&f).is_some() || self.vocabulary.places.contains(&f))
            {
                place_after = self.vocabulary.places.contains(&f);
                continue;
            }
            // A kind of employer between the name and its verb, with its
            // preposition, as a place (`Un Consultant Data Junior en ESN
            // touche 38k€`).
            if collected.is_empty() && paid && is_employer_name(&f) {
                place_after = true;
                continue;
            }
            if collected.is_empty()
                && std::mem::take(&mut place_after)
                && AT_PLACE.contains(&f.as_str())
            {
                at_place |= !(paid && is_function_word(&f));
                continue;
            }
            if collected.is_empty() {
                // `Le salaire d'un CTO est de 120k€`, `Un Senior reste à
                // 60k€`, `reste donc autour de 52k€`: `est de` after a word
                // of pay, and `reste à`, say the pay as a verb of pay does;
                // neither after a word of something else (`L'écart avec un
                // Data Engineer Senior est de 8k€`).
                let is_of = || {
                    let before_it = || all[..k].iter().map(|(_, w)| (*w, fold(w)));
                    COPULAS.contains(&f.as_str())
                        && all.get(k + 1).is_some_and(|(_, n)| {
                            let n = fold(n);
                            n == "a"
                                || APPROXIMATELY.contains(&n.as_str())
                                || ADVERBS.contains(&n.as_str())
                        })
                        && (f.starts_with("reste")
                            || before_it().any(|(w, f)| self.vocabulary.cue(w, &f) == Some(true)))
                        && !before_it().any(|(w, f)| {
                            self.vocabulary.cue(w, &f) == Some(false)
                                || matches!(f.as_str(), "ecart" | "difference" | "prime" | "bonus")
                        })
                };
                if self.vocabulary.cue(w, &f) == Some(true) || is_verb(&f) || is_of() {
                    paid = true;
                    continue;
                }
                // `touche environ 60k€`, `est payé`, `passe à 52k€`,
                // `Comptez 40k€`, `Aujourd'hui 55k€`.
                let verb_before = || {
                    k.checked_sub(1).is_some_and(|p| {
                        let (w, f) = (all[p].1, fold(all[p].1));
                        is_verb(&f)
                            || self.vocabulary.cue(w, &f) == Some(true)
                            || COPULAS.contains(&f.as_str())
                    })
                };
                if (paid && is_function_word(&f))
                    || APPROXIMATELY.contains(&f.as_str())
                    || ADVERBS.contains(&f.as_str())
                    || (f == "a" && verb_before())
                    // `touche ses 55k€`.
                    || (matches!(f.as_str(), "ses" | "son" | "sa" | "leur" | "leurs")
                        && verb_before())
                    || names_nothing(&f)
                {
                    continue;
                }
            }
            // An adjective of place in lowercase after the name (`Un
            // Géomètre lyonnais gagne 45k€`) is no part of it: the place is
            // read from the figure's context. (`salarié` stays: `Un
            // Géomètre salarié` is told from one on his own.)
            if collected.is_empty()
                && w.starts_with(char::is_lowercase)
                && place_adjective(&f).is_some()
            {
                continue;
            }
            // `Chef de Projet`: the small word is in the name when a
            // capitalised head comes before it.
            let joins = !collected.is_empty() && joins_role(&all, k);
            if joins {
                collected.push(w);
                collected_from = Some(r.start);
                continue;
            }
            if w.chars().all(|c| c.is_ascii_digit())
                || is_function_word(&f)
                || names_nothing(&f)
                || COPULAS.contains(&f.as_str())
                || self.vocabulary.cue(w, &f).is_some()
            {
                stop = Some(f);
                break;
            }
            // A colon ends the name (`la fourchette la plus large :
            // Développeur Fullstack Senior 70-80k€`).
            if collected_from.is_some_and(|from| before[r.end..from].contains(':')) {
                stop = Some(f);
                break;
            }
            collected.push(w);
            collected_from = Some(r.start);
            if collected.len() == 5 {
                break;
            }
        }
        // Past a verb, the name is the subject or what it is: it starts the
        // sentence or follows an article (`Le même`) or a verb of being, not
        // `de` (`Le Head of Data de Doctolib gagne`).
        if paid
            && stop
                .as_deref()
                .is_some_and(|s| !DETERMINERS.contains(&s) && !COPULAS.contains(&s) && s != "meme")
        {
            return None;
        }
        if at_place
            && stop.as_deref().is_some_and(|s| {
                !DETERMINERS.contains(&s) && !matches!(s, "de" | "d" | "du" | "des")
            })
        {
            return None;
        }
        collected.reverse();
        valid_name(&collected).or_else(|| {
            // A role written in lowercase, as French prose writes it (`un
            // développeur full-stack senior gagne 55k€`, `un data analyst
            // 45k€`): after an article, with a word that names a trade.
            let after_article = stop.as_deref().is_some_and(|s| DETERMINERS.contains(&s));
            let trade = collected.iter().any(|w| is_trade_word(&fold(w)));
            (after_article && trade && !collected.is_empty()).then(|| collected.join(" "))
        })
    }

    /// The name `after`, the words right after a figure, give with `pour`
    /// and an article (` pour un SRE Junior`, ` pour les Data Engineers,`),
    /// up to a punctuation mark or a word that joins another clause: a
    /// level or a place alone there is no name (` pour un Senior`).
    fn name_after(&self, after: &str) -> Option<String> {
        let rest = strip_word(after.trim_start(), "pour")?;
        let (_, name) = self.phrase_name(rest.trim_start())?;
        Some(name)
    }

    /// The role `text` opens with after an article (`un SRE Junior`, `les
    /// Data Engineers, …`), up to a punctuation mark or a word that joins
    /// another clause; a small word ends it, but inside a name (`Chef de
    /// Projet`). The phrase, and the name.
    fn phrase_name<'t>(&self, text: &'t str) -> Option<(&'t str, String)> {
        let phrase = article_phrase(text, |ws, k| {
            let f = fold(ws[k].1);
            JOINS.contains(&f.as_str()) || (is_function_word(&f) && !joins_role(ws, k))
        })?;
        Some((phrase, self.name_before(phrase)?))
    }

    /// The role a sentence that introduces a list or a table names after a
    /// word of pay (`Voici les salaires d'un Géomètre selon le niveau :`,
    /// `Ce que gagne une Paysagiste :`): where its name starts in `text`,
    /// and the text of the name, read again as a title. None when the
    /// sentence does not end with a colon, holds a figure, or may name
    /// more than one role (`d'un Géomètre et d'un Topographe :`).
    fn intro_role<'t>(&self, text: &'t str) -> Option<(usize, &'t str)> {
        let whole = text.trim_end().strip_suffix(':')?;
        // Its last sentence only: in `Le salaire d'un Géomètre est
        // correct. Les Topographes débutent plus bas :`, the list is not
        // the Géomètre's.
        let from = sentence_start(whole, whole.len());
        let body = &whole[from..];
        if might_have_money(body) && !amount::amounts(body).is_empty() {
            return None;
        }
        let ws = words(body);
        let paid = ws.iter().position(|(_, w)| self.pays(w))?;
        // Up to two words that say which pay (`Salaires médians bruts
        // d'un …`, not `Les offres de salaire reçues pour un …`), then `de`
        // or `pour` and an article, or an article.
        let kind = |w: &str| {
            let f = fold(w);
            basis_in(w).is_some()
                || period_in(w).is_some()
                || f.starts_with("median")
                || f.starts_with("moyen")
        };
        let k = (paid + 1..ws.len()).take(3).find(|&k| !kind(ws[k].1))?;
        let k = match fold(ws[k].1).as_str() {
            "de" | "d" | "pour" => k + 1,
            _ => k,
        };
        let (r, _) = ws.get(k)?;
        // The role, up to a word in lowercase that names neither a level
        // nor a trade (`un Géomètre face à un Topographe`).
        let phrase = article_phrase(&body[r.start..], |ws, k| {
            let (w, f) = (ws[k].1, fold(ws[k].1));
            !w.starts_with(char::is_uppercase)
                && self.vocabulary.level(&f).is_none()
                && !is_trade_word(&f)
                && !joins_role(ws, k)
        })?;
        let name = self.name_before(phrase)?;
        // What follows says where, when or by what the list goes (`selon
        // son niveau`, `en 2025`, `à Lyon`), with no other clause, name or
        // role (`, voici les chiffres des Topographes`, `comme d'un
        // Topographe`, `selon l'APEC`, `relevés auprès de trois lecteurs`).
        let rest = &body[r.start + phrase.len()..];
        let rest_words = words(rest);
        // Only by level or experience (`selon son niveau`, `par niveau
        // d'expérience`), or where or when (`en 2025`, `à Lyon`): by
        // anything else (`selon l'ancienneté`, `par statut`, `chez nos
        // lecteurs`), the items differ by what their labels say, which is
        // read as nothing.
        let by_level = rest_words.iter().any(|(_, w)| {
            let f = fold(w);
            matches!(
                f.as_str(),
                "niveau" | "niveaux" | "experience" | "seniorite"
            ) || self.vocabulary.level(&f).is_some()
        });
        let at = rest_words.iter().skip(1).all(|(_, w)| {
            let f = fold(w);
            is_article(&f)
                || self.vocabulary.places.contains(&f)
                || place_adjective(&f).is_some()
                || amount::year(w).is_some()
        });
        let leads = rest_words
            .first()
            .is_none_or(|(_, w)| match fold(w).as_str() {
                "selon" | "suivant" | "par" => by_level,
                "en" | "a" | "au" | "aux" => at || by_level,
                _ => false,
            });
        let other = rest_words.iter().any(|(_, w)| {
            let f = fold(w);
            JOINS.contains(&f.as_str())
                || matches!(
                    f.as_str(),
                    "vs" | "versus" | "comme" | "face" | "rapport" | "ainsi" | "avec"
                )
                || f.starts_with("compar")
                || (w.starts_with(char::is_uppercase)
                    && self.vocabulary.level(&f).is_none()
                    && !self.vocabulary.places.contains(&f)
                    && amount::year(w).is_none())
        });
        if rest.contains([',', ';', '(']) || !leads || other {
            return None;
        }
        // The name without its article, as a title reads it.
        let past_article = &phrase[words(phrase).first()?.0.end..];
        let named = past_article.trim();
        let at = from + r.start + (phrase.len() - past_article.trim_start().len());
        let same = self.title_role(named).map(|n| role_key(&n)) == Some(role_key(&name));
        same.then_some((at, named))
    }

    /// The name that ends `text` as a subject: after an article or at its
    /// start (`Un Consultant SAP Senior`), not after `de` (`Le CTO de
    /// Doctolib`, which names a company).
    fn subject_name(&self, text: &str) -> Option<String> {
        let name = self.name_before(text)?;
        let first = name.split(' ').next()?;
        let at = text.rfind(first)?;
        let opens = words(&text[..at])
            .last()
            .is_none_or(|(_, w)| DETERMINERS.contains(&fold(w).as_str()));
        opens.then_some(name)
    }

    /// Whether `before`, the words before a figure, are a subject pronoun
    /// and a verb of pay (` il gagne ainsi `, ` elles touchent environ `).
    fn pronoun_paid(&self, before: &str) -> bool {
        let ws = words(before);
        let Some(((_, p), rest)) = ws.split_first() else {
            return false;
        };
        matches!(fold(p).as_str(), "il" | "elle" | "ils" | "elles")
            && rest.iter().any(|(_, w)| self.pays(w))
            && self.only_pay(rest)
    }

    /// Whether a word says pay: a salary word or a verb of pay.
    fn pays(&self, w: &str) -> bool {
        let f = fold(w);
        self.vocabulary.cue(w, &f) == Some(true) || is_verb(&f)
    }

    /// Whether `ws` are only words of pay, and the adverbs and small
    /// words between a verb of pay and its figure (`gagne ainsi environ`).
    fn only_pay(&self, ws: &[(Range<usize>, &str)]) -> bool {
        ws.iter().all(|(_, w)| {
            let f = fold(w);
            self.pays(w) || APPROXIMATELY.contains(&f.as_str()) || ADVERBS.contains(&f.as_str())
        })
    }

    /// The role and level `text` opens with, after an article (`Un
    /// Architecte Logiciel Senior cumule …`, `Les Data Engineers seniors
    /// …`): the words up to the first in lowercase that names neither a
    /// level nor a trade, or a punctuation mark.
    fn subject_of(&self, text: &str) -> Option<(String, Option<Level>)> {
        let t = text.trim_start().trim_start_matches(['*', '_', '-', ' ']);
        let subject = article_phrase(t, |ws, k| {
            let (w, f) = (ws[k].1, fold(ws[k].1));
            !w.chars().next().is_some_and(char::is_uppercase)
                && self.vocabulary.level(&f).is_none()
                && !is_trade_word(&f)
                && !joins_role(ws, k)
        })?;
        // A relative clause or an apposition after it (`Une Data Engineer
        // que nous avons rencontrée, Julie,`) makes it someone.
        let next = t[subject.len()..].trim_start();
        let next_word = words(next).first().map(|(_, w)| fold(w));
        if next.starts_with(',')
            || next_word.is_some_and(|w| matches!(w.as_str(), "que" | "qu" | "qui" | "dont"))
        {
            return None;
        }
        let name = self.name_before(subject)?;
        Some((name, self.level_in(subject, true)))
    }

    /// Whether `after`, the text after a figure, says for whom it is with
    /// `pour` and an article, other than a level (`53k€ pour un stagiaire`,
    /// not `60k€ pour un Senior`): not the role of the figure before.
    fn for_someone(&self, after: &str) -> bool {
        let Some(rest) = strip_word(after.trim_start(), "pour") else {
            return false;
        };
        match words(clip_to(rest, 64)).as_slice() {
            [(_, article), (_, w), ..] if is_article(&fold(article)) => {
                self.vocabulary.level(&fold(w)).is_none()
            }
            _ => false,
        }
    }

    /// A figure that follows `prev` in an enumeration of one sentence (`Un
    /// Data Engineer Senior gagne 60k€ en France, 75k€ au Canada`), with
    /// `gap` between them and `after` after it, is of its role, and of its
    /// level and experience unless `gap` names others, when it names no
    /// role of its own.
    fn carry(&self, prev: &Figure, figure: &mut Figure, gap: &str, after: &str) {
        let Some(role) = prev.role.as_ref().filter(|_| figure.role.is_none()) else {
            return;
        };
        if prev.salary != figure.salary
            || !self.enumerates(gap, &role.name)
            || self.for_someone(after)
        {
            return;
        }
        let ws = words(gap);
        // A contrast (`70k€ brut, contre 55k€ en moyenne`, `45k€, puis 55k€
        // un an plus tard`) sets the second apart: it is of the same role
        // only when what differs is read (its own level, place, year or
        // qualifier).
        let contrast = ws.iter().any(|(_, w)| {
            matches!(
                fold(w).as_str(),
                "contre" | "puis" | "mais" | "vs" | "versus"
            )
        });
        let differs = figure.level.is_some()
            || figure.place.is_some()
            || figure.year.is_some()
            || figure.qualifier.is_some();
        if contrast && !differs {
            return;
        }
        figure.role = Some(role.clone());
        if figure.level.is_none()
            && !ws
                .iter()
                .any(|(_, w)| self.vocabulary.level(&fold(w)).is_some())
        {
            figure.level.clone_from(&prev.level);
        }
        if figure.experience.is_none() && amount::experiences(gap).is_empty() {
            figure.experience.clone_from(&prev.experience);
        }
    }

    /// Whether `gap`, the text between two figures of a block, goes on
    /// one enumeration: in one sentence, nothing but what says where, when,
    /// at which level or in which kind of company the figure before holds,
    /// words that join (`et`, `contre`, `mais`), a verb of pay, figures and
    /// claims (`en France, `, ` à Paris (+10 %) et `, ` en Junior et `),
    /// and the words of `role`, the figure before's, said after it (`40k€
    /// pour un SRE Junior, 60k€ pour un Senior`).
    /// A word of any other kind may name another role (`et un analyste`),
    /// and a `:`, `;` or the end of a sentence starts another statement.
    fn enumerates(&self, gap: &str, role: &str) -> bool {
        if gap.contains([':', ';', '.', '!', '?', '\n']) || gap.len() > 160 {
            return false;
        }
        let ws = words(gap);
        let role_words: Vec<String> = words(role).into_iter().map(|(_, w)| fold(w)).collect();
        let mut k = 0;
        while k < ws.len() {
            let (r, w) = &ws[k];
            let f = fold(w);
            // A place after its preposition (`au Canada`, `à Tours`): a
            // name alone after a comma may be another item's (`, US Remote
            // 120k$`).
            let place_from_here = || {
                let at = ws.get(k.checked_sub(1)?)?;
                if !AT_PLACE.contains(&fold(at.1).as_str()) {
                    return None;
                }
                self.vocabulary.place_at(gap, &ws, k).or_else(|| {
                    let p = self.vocabulary.capitalised_name(gap, &ws[k..], r.start)?;
                    ws.iter().rposition(|(wr, _)| wr.end <= p.end)
                })
            };
            if ENUMERATION_WORDS.contains(&f.as_str())
                || role_words.contains(&f)
                || w.chars().all(|c| c.is_ascii_digit())
                || self.vocabulary.level(&f).is_some()
                || self.pays(w)
                || amount::year(w).is_some()
            {
                k += 1;
            } else if let Some(last) = place_from_here() {
                k = last.max(k) + 1;
            } else if is_employer_word(&f) {
                k += 1;
            } else {
                return false;
            }
        }
        true
    }

    /// Whether `text` may be a person's or a company's name: one to three
    /// capitalised words (`Sarah`, `Jean-Marc Dupont`, `Doctolib`, `Yann Le
    /// Gall`: a small word only inside), none of which is a word of the
    /// text (`Aujourd'hui`, `Bref`), a level, a place, an employer's kind, a
    /// source or the start of where or when (`En 2022`).
    fn names_someone(&self, text: &str) -> bool {
        let ws = words(text);
        let last = ws.len().saturating_sub(1);
        (1..=3).contains(&ws.len())
            && ws.iter().enumerate().all(|(k, (_, w))| {
                let f = fold(w);
                // `Yann Le Gall`, `La Poste`: a small word inside.
                let small_ends = is_function_word(&f) && k == last;
                let adverb = f.len() > 5 && f.ends_with("ment");
                let of_the_text = small_ends
                    || adverb
                    || names_nothing(&f)
                    || DISCOURSE_WORDS.contains(&f.as_str());
                w.chars().next().is_some_and(char::is_uppercase)
                    && !of_the_text
                    && self.vocabulary.level(&f).is_none()
                    && !self.vocabulary.places.contains(&f)
                    && self.vocabulary.cue(w, &f).is_none()
            })
            && says_where(text).is_none()
            && employer_at(text, false).is_none()
            && source_in(text).is_none()
    }

    /// Whether the name right before a figure starts its stretch, with no
    /// article or verb before it (`Data Engineer (Senior) : `, not `un
    /// Data Engineer Senior touche `).
    fn names_role_first(&self, before: &str) -> bool {
        let Some(name) = self.name_before(before) else {
            return false;
        };
        words(before).first().map(|(_, w)| *w) == name.split(' ').next()
    }

    /// What the blocks that introduce a block's group (`intro`, from
    /// [`groups`]) say of its figures, under `headings` (nearest first).
    fn intro<'d>(&self, blocks: &'d [Block], intro: &[usize], headings: &[&Heading]) -> Intro<'d> {
        let mut texts: Vec<(usize, usize, &'d str)> = Vec::with_capacity(intro.len());
        // A paragraph before a list when it is a bold line alone may name
        // the role; the items a list is nested in, as `nested_roles` says.
        let mut roles: Vec<(usize, usize)> = Vec::new();
        // The items a list is nested in, by their label (`- **Data
        // Engineer** : à Paris`) or text: where in their block, and what.
        let mut items: Vec<(usize, usize, &'d str)> = Vec::new();
        let mut sentence_role = false;
        // A table whose header names roles (`| Niveau | Géomètre |
        // Topographe |`) says whose each column is: the sentence before it
        // names none.
        let header_names_roles = intro.iter().filter_map(|&i| blocks.get(i)).any(|b| {
            b.kind == BlockKind::TableRow
                && (1..b.cells.len()).any(|c| {
                    b.cell(c)
                        .and_then(|r| b.text.get(r))
                        .is_some_and(|t| self.title_role(t).is_some())
                })
        });
        for &i in intro {
            let Some(b) = blocks.get(i) else { continue };
            if b.kind == BlockKind::ListItem {
                let (off, name) = label(b)
                    .and_then(|(r, _)| Some((r.start, b.text.get(r)?)))
                    .unwrap_or((0, b.text.as_str()));
                if name.len() < b.text.len() {
                    texts.push((i, off, clip(name)));
                }
                items.push((i, off, clip(name)));
            } else if b.kind == BlockKind::Paragraph
                && b.strong.iter().any(|r| r.len() + 2 >= b.text.trim().len())
            {
                roles.push((i, 0));
            } else if b.kind == BlockKind::Paragraph
                && !header_names_roles
                && let Some((at, name)) = self.intro_role(&b.text)
            {
                texts.push((i, at, name));
                roles.push((i, at));
                sentence_role = true;
            }
            texts.push((i, 0, clip(&b.text)));
        }
        if items.is_empty() {
            return Intro {
                texts,
                roles,
                notes: Vec::new(),
                role_above: false,
                sentence_role,
            };
        }
        let outer = roles
            .iter()
            .filter_map(|&(i, at)| {
                let t = texts.iter().find(|&&(j, off, _)| (j, off) == (i, at))?;
                Some(t.2)
            })
            .chain(
                headings
                    .first()
                    .filter(|h| h.level >= 3)
                    .map(|h| clip(&h.text)),
            )
            .find_map(|t| self.title_role(t))
            .map(|n| role_key(&n));
        let (named, notes) = self.nested_roles(&items, outer.as_deref());
        let role_above = outer.is_some() || !named.is_empty();
        roles.extend(named);
        Intro {
            texts,
            roles,
            notes,
            role_above,
            sentence_role,
        }
    }

    /// For a figure of a list nested in items (`items`: their label or
    /// text, the nearest first): which of them name its role, and which say
    /// of it what is read as nothing else (its qualifiers). `outer` is the
    /// role the outer list's bold line or the heading names, by key.
    ///
    /// An item names a role when it reads as one and as nothing else (not
    /// `- **Startups**`, `- **Net annuel**`, `- **Début 2021**`). With a
    /// role from outside, the items name none: one naming another role
    /// (`**Data Engineer**`, then `- **Retail**`) tells its figures apart, a
    /// qualifier. Without one, they name it when they agree; items that
    /// name two (`- **Data Engineer**`, then `  - **Pau**`) name none, since
    /// which is the role and which the place cannot be told. An item read
    /// as nothing (`- **La Défense**`) is a qualifier too: the figures of
    /// two such items are never compared.
    fn nested_roles<'t>(
        &self,
        items: &[(usize, usize, &'t str)],
        outer: Option<&str>,
    ) -> (Vec<(usize, usize)>, Vec<&'t str>) {
        let mut named: Vec<(usize, usize, &'t str, String)> = Vec::new();
        let mut notes: Vec<&'t str> = Vec::new();
        for &(i, off, text) in items {
            let other = employer_at(text, false).is_some()
                || measure_in(text).is_some()
                || basis_in(text).is_some()
                || period_in(text).is_some()
                || words(text).iter().any(|(_, w)| amount::year(w).is_some());
            match self.title_role(text) {
                Some(name) if !other => {
                    named.push((i, off, text, role_key(&name)));
                    // What its parenthesis says (`(profil A)`).
                    let inner = text
                        .split_once('(')
                        .map(|(_, rest)| rest.split(')').next().unwrap_or(rest).trim());
                    notes.extend(inner.filter(|t| !self.reads_whole(t)));
                }
                _ if !self.reads_whole(text) => notes.push(text.trim()),
                _ => {}
            }
        }
        let mut roles = Vec::new();
        match outer {
            Some(key) => notes.extend(
                named
                    .iter()
                    .filter(|(.., k)| k != key)
                    .map(|(_, _, t, _)| t.trim()),
            ),
            None => {
                if named.windows(2).all(|w| w[0].3 == w[1].3) {
                    roles.extend(named.iter().map(|&(i, off, ..)| (i, off)));
                }
            }
        }
        (roles, notes)
    }

    /// Whether every word of `text` is read as something a figure takes
    /// from the lines that introduce it (a place, a level, a year, an
    /// employer, gross or net, a period, a salary word or another, an
    /// experience band) or says nothing (`à`, `de`): `Net annuel`, `En
    /// startup`, `Hors Paris`, not `Net après impôt`, `Alternance` (what a
    /// figure measures is read next to it only), `La Défense` nor
    /// `Retail`. Empty text is read.
    fn reads_whole(&self, text: &str) -> bool {
        let bands: Vec<Range<usize>> = amount::experiences(text)
            .into_iter()
            .map(|e| e.range)
            .collect();
        words(text).iter().all(|(r, w)| {
            let f = fold(w);
            bands.iter().any(|b| b.start <= r.start && r.end <= b.end)
                || is_function_word(&f)
                || self.vocabulary.places.contains(&f)
                || self.vocabulary.level(&f).is_some()
                || self.vocabulary.cue(w, &f).is_some()
                || amount::year(w).is_some()
                || outside(w)
                || employer_at(w, false).is_some()
                || basis_in(w).is_some()
                || period_in(w).is_some()
        })
    }

    /// A label, list intro or heading read as a role: a short name, without
    /// small words or salary words (`Prompt Engineer`, not `Salaires comparés`
    /// nor `Les nouveaux hubs`).
    fn title_role(&self, text: &str) -> Option<String> {
        let text = match text.find('(') {
            Some(i) => &text[..i],
            None => text,
        };
        let masked: Vec<Range<usize>> = amount::experiences(text)
            .into_iter()
            .map(|e| e.range)
            .chain(amount::durations(text))
            .collect();
        let mut kept: Vec<&str> = Vec::new();
        let mut paid = false;
        let all = words(text);
        // The last word of a place read with its preposition, skipped.
        let mut skip_to: Option<usize> = None;
        for (k, (r, w)) in all.iter().enumerate() {
            let (r, w) = (r.clone(), *w);
            if masked.iter().any(|e| e.start <= r.start && r.end <= e.end) {
                continue;
            }
            let f = fold(w);
            // `Data Engineer hors Paris` names a role outside a place: not
            // read (`hors` would join the name).
            if outside(w) {
                return None;
            }
            if skip_to.is_some_and(|j| k <= j) {
                continue;
            }
            // `Data Engineer à Paris`, `en Île de France`: the place and its
            // preposition.
            if AT_PLACE.contains(&f.as_str())
                && let Some(j) = self.vocabulary.place_at(text, &all, k + 1)
            {
                skip_to = Some(j);
                continue;
            }
            // `Data Engineer Senior à Tours`: a place the list does not
            // hold ends the name.
            if !kept.is_empty()
                && self
                    .vocabulary
                    .closing_place(text)
                    .is_some_and(|p| p.start > r.start && text[r.end..p.start].trim().is_empty())
            {
                break;
            }
            let in_name = kept.last().is_some_and(|p| ends_role(&fold(p), &f));
            if !in_name
                && (self.vocabulary.level(&f).is_some()
                    || self.vocabulary.places.contains(&f)
                    || amount::year(w).is_some())
            {
                continue;
            }
            // Words of pay before the name, and the small words after them
            // (`Salaires ML Engineer`, `Rémunération d'un Développeur Go`).
            if kept.is_empty() {
                if self.vocabulary.cue(w, &f) == Some(true) {
                    paid = true;
                    continue;
                }
                if paid && is_function_word(&f) {
                    continue;
                }
            }
            // `Chef de Projet IT`, `Directeur de la Technologie`.
            let joins = !kept.is_empty() && joins_role(&all, k);
            if joins && all.get(k + 1).is_some() {
                kept.push(w);
                continue;
            }
            if w.chars().all(|c| c.is_ascii_digit())
                || is_function_word(&f)
                || names_nothing(&f)
                || is_verb(&f)
                || self.vocabulary.cue(w, &f).is_some()
            {
                return None;
            }
            kept.push(w);
        }
        if kept.len() > 5 {
            return None;
        }
        valid_name(&kept)
    }
}

/// Prepositions before a place (folded): `à Paris`, `en Île-de-France`.
const AT_PLACE: &[&str] = &["a", "au", "aux", "en", "sur"];

/// Words that introduce someone's own words (folded): `Léa témoigne :`.
const SAYING: &[&str] = &[
    "temoigne",
    "temoignent",
    "temoignage",
    "raconte",
    "racontent",
    "explique",
    "expliquent",
    "confie",
    "confient",
    "souvient",
    "resume",
    "ajoute",
    "precise",
    "partage",
    "rapporte",
    "dit",
    "disent",
    "ecrit",
    "selon",
];

/// Words of a speaker's own voice (folded; `J'ai` is `j` and `ai`): a
/// blockquote in the first person singular is someone's testimony, for an
/// article speaks to its reader (`vous`) or for its authors (`nous`).
const FIRST_PERSON: &[&str] = &["je", "j", "me", "moi", "mon", "ma", "mes"];

/// Per block, whether it is in a blockquote that is someone's testimony,
/// written without quotation marks: a blockquote after a line that
/// introduces it (`Léa témoigne :`), one signed with a dash (`— Thomas,
/// 34 ans`), or one in the first person without quotation marks inside
/// (`> J'ai signé à 52k€`). Its
/// figures are quoted, as those between « ».
fn testimonies(doc: &Document) -> Vec<bool> {
    let blocks = &doc.body.blocks;
    let in_quote: Vec<bool> = blocks
        .iter()
        .map(|b| {
            let start = b.span.start.min(doc.source.len());
            let line = doc.source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            doc.source
                .get(line..start)
                .is_some_and(|t| t.trim_start().starts_with('>'))
        })
        .collect();
    let mut out = vec![false; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        if !in_quote[i] {
            i += 1;
            continue;
        }
        // A line without `>` between two quoted blocks (a blank one, say)
        // ends a blockquote; the next one is another's.
        let apart = |k: usize| {
            let src = doc.source.as_str();
            let (from, to) = (blocks[k - 1].span.end, blocks[k].span.start);
            let (Some(before), Some(gap)) = (src.get(..from), src.get(from..to)) else {
                return false;
            };
            // The whole lines between the two blocks.
            let first = if before.is_empty() || before.ends_with(['\n', '\r']) {
                0
            } else {
                gap.find('\n').map_or(gap.len(), |n| n + 1)
            };
            let last = gap.rfind(['\n', '\r']).map_or(0, |n| n + 1);
            gap.get(first..last)
                .is_some_and(|lines| lines.lines().any(|l| !l.trim_start().starts_with('>')))
        };
        let end = (i + 1..blocks.len())
            .find(|&k| !in_quote[k] || apart(k))
            .unwrap_or(blocks.len());
        let introduced = i
            .checked_sub(1)
            .and_then(|p| blocks.get(p))
            .is_some_and(|b| {
                let t = b.text.trim_end();
                // Someone's words after `Léa témoigne :`, or an answer
                // after a question (`**Combien payez-vous ?**`, an
                // interview).
                (t.ends_with(':')
                    && words(clip(t))
                        .iter()
                        .any(|(_, w)| SAYING.contains(&fold(w).as_str())))
                    || t.trim_end_matches(['*', '_', ' ']).ends_with('?')
            });
        let signed = blocks[i..end]
            .iter()
            .any(|b| b.text.trim_start().starts_with(['—', '–']));
        // Quotation marks inside the blockquote say which words are someone
        // else's; only a blockquote without them is read for its voice.
        let first_person = || {
            blocks[i..end]
                .iter()
                .all(|b| !b.text.contains(['«', '“', '"']))
                && blocks[i..end].iter().any(|b| {
                    words(clip(&b.text))
                        .iter()
                        .any(|(_, w)| FIRST_PERSON.contains(&fold(w).as_str()))
                })
        };
        if introduced || signed || first_person() {
            out[i..end].iter_mut().for_each(|q| *q = true);
        }
        i = end;
    }
    out
}

/// The quotation that runs over paragraphs, as French writes a long one: «
/// opens it in the first paragraph, each next one may open with « again,
/// and » closes it in the last. A quotation left open runs into at most
/// [`Carried::MAX`] paragraphs after its own.
#[derive(Default)]
struct Carried {
    /// Paragraphs the open quotation has run into so far (0: none open).
    open_for: usize,
}

impl Carried {
    const MAX: usize = 4;

    /// The part of `text` (the next block) inside a quotation of several
    /// paragraphs: from the start of a block a quotation runs into to its
    /// closing mark, and from an opening mark left unclosed to the block's
    /// end (at most one of them, the other being found by
    /// [`crate::rules::quotations`]).
    fn next(&mut self, text: &str) -> Vec<Range<usize>> {
        let runs_in = self.open_for > 0 && self.open_for <= Self::MAX;
        if !runs_in && !text.contains(['«', '“']) {
            self.open_for = 0;
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut open = runs_in.then_some(0);
        let mut from_before = runs_in;
        for (i, c) in text.char_indices() {
            match c {
                '«' | '“' if open.is_none() => open = Some(i),
                // A paragraph of the quotation may open with « again.
                '«' | '“' if from_before => {}
                '»' | '”' => {
                    if from_before {
                        out.push(0..i + c.len_utf8());
                        from_before = false;
                    }
                    open = None;
                }
                _ => {}
            }
        }
        match open {
            Some(start) => {
                out.push(start..text.len());
                self.open_for = if from_before { self.open_for + 1 } else { 1 };
            }
            None => self.open_for = 0,
        }
        out
    }
}

/// What the blocks that introduce a block's group say of its figures.
struct Intro<'d> {
    /// Their texts, by block and offset: a nested list's items by their
    /// label too.
    texts: Vec<(usize, usize, &'d str)>,
    /// Which of the texts may name the role.
    roles: Vec<(usize, usize)>,
    /// What the items a list is nested in say that is read as nothing else
    /// (qualifiers).
    notes: Vec<&'d str>,
    /// Whether the items a list is nested in, or what introduces the outer
    /// list, name the role.
    role_above: bool,
    /// Whether the sentence before the list or table names the role (see
    /// `intro_role`).
    sentence_role: bool,
}

struct FigureInput<'a> {
    doc: &'a Document,
    block: &'a Block,
    block_index: usize,
    group: usize,
    amount: &'a Amount,
    /// Every amount of the block, in order, code included: which stretch
    /// around the figure holds another is read from them, never by parsing
    /// the stretch again (a paragraph of thousands of figures would parse
    /// each window once per figure).
    every: &'a [Amount],
    floor: usize,
    /// `floor` is where the figure before it, in its cell, ends (with its
    /// claim and parenthesis): the words from there up to a separator are
    /// still that figure's (its place, its year).
    after_figure: bool,
    /// Where the figure's table cell starts (0 outside a table).
    cell_start: usize,
    /// Its cell's index in a table row.
    column: Option<usize>,
    /// Where the figure's stretch of text ends: its table cell's end, else
    /// the block's.
    ceiling: usize,
    label: Option<(&'a str, usize)>,
    intro: &'a [(usize, usize, &'a str)],
    /// The intro texts that may name the role, by block and offset.
    intro_roles: &'a [(usize, usize)],
    /// What the items its list is nested in say of it that is read as
    /// nothing else (`- **Retail**`, `- **La Défense**`): qualifiers.
    notes: &'a [&'a str],
    /// Whether its label may name its role.
    label_role: bool,
    headings: &'a [&'a Heading],
    in_sum: bool,
    quoted: bool,
    article_year: Option<u16>,
}

/// Where the first of `stops` is in `text` that ends a clause: not a
/// decimal comma (`1,5 k€`, `2,5 %`), between two digits.
fn clause_end(text: &str, stops: &[char]) -> Option<usize> {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    text.match_indices(stops)
        .map(|(i, _)| i)
        .find(|&i| !(bytes[i] == b',' && i > 0 && digit(i - 1) && digit(i + 1)))
}

/// Whether `range` of a block's text holds one of its amounts (`every`, in
/// order), in whole or in part.
fn holds_amount(every: &[Amount], range: &Range<usize>) -> bool {
    let i = every.partition_point(|a| a.range.end <= range.start);
    every.get(i).is_some_and(|a| a.range.start < range.end)
}

fn skip_ws(text: &str, i: usize) -> usize {
    i + (text[i..].len() - text[i..].trim_start().len())
}

fn short(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() <= 40 {
        t.to_string()
    } else {
        let cut: String = t.chars().take(39).collect();
        format!("{}…", cut.trim_end())
    }
}

fn valid_name(words: &[&str]) -> Option<String> {
    let has_capital = words.iter().any(|w| w.chars().any(char::is_uppercase));
    // Level codes alone (`L1`, `IC3`) name a step, not a role; beside a
    // name they tell its steps apart (`Technicien N1`, `Technicien N2`).
    let codes_only = words.iter().all(|w| is_level_code(w));
    (!words.is_empty() && has_capital && !codes_only).then(|| words.join(" "))
}

/// The key roles are compared by.
pub fn role_key(name: &str) -> String {
    let all: Vec<String> = words(name).into_iter().map(|(_, w)| fold(w)).collect();
    // `Développeuse Backend` and `Développeur Backend` are one role, but
    // an article that writes both compares women's and men's pay (`un
    // Développeur Junior gagne 40k€, une Développeuse Junior 39k€`).
    static FEMININE: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let feminine = all
        .iter()
        .any(|w| listed(&FEMININE, FEMININE_ROLE_WORDS, w));
    let key = role_words_key(&all);
    if feminine { format!("{key} (f)") } else { key }
}

/// Feminine forms of the words of roles (folded), which the masculine ones
/// do not compare with (see [`role_key`]).
const FEMININE_ROLE_WORDS: &[&str] = &[
    "developpeuse",
    "developpeuses",
    "ingenieure",
    "ingenieures",
    "consultante",
    "consultantes",
    "cheffe",
    "cheffes",
    "directrice",
    "directrices",
    "administratrice",
    "administratrices",
    "technicienne",
    "techniciennes",
    "chercheuse",
    "chercheuses",
    "informaticienne",
    "informaticiennes",
    "programmeuse",
    "programmeuses",
    "testeuse",
    "testeuses",
    "redactrice",
    "redactrices",
    "formatrice",
    "formatrices",
    "coordinatrice",
    "coordinatrices",
    "fondatrice",
    "fondatrices",
    "cofondatrice",
    "dirigeante",
    "dirigeantes",
    "experte",
    "expertes",
    "alternante",
    "alternantes",
    "apprentie",
    "apprenties",
];

/// The key of a role's folded words: without the generic ones when others
/// remain (`developpeur backend` → `backend`).
fn role_words_key(all: &[String]) -> String {
    let specific: Vec<&String> = all
        .iter()
        .filter(|w| !GENERIC_ROLE_WORDS.contains(&w.as_str()))
        .collect();
    if specific.is_empty() {
        all.join(" ")
    } else {
        specific
            .into_iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// For each amount, whether it is joined to a neighbour by `+` (a part of a
/// sum): only words, spaces and parentheses around the `+`.
fn sum_members(text: &str, amounts: &[Amount]) -> Vec<bool> {
    let mut out = vec![false; amounts.len()];
    for k in 1..amounts.len() {
        let gap = text
            .get(amounts[k - 1].range.end..amounts[k].range.start)
            .unwrap_or("");
        if plus_gap(gap) {
            out[k - 1] = true;
            out[k] = true;
        }
    }
    out
}

/// Whether the text between two amounts joins them with one `+` and
/// nothing else that counts (words, spaces and parentheses only).
pub fn plus_gap(gap: &str) -> bool {
    gap.matches('+').count() == 1
        && gap.chars().all(|c| {
            c == '+'
                || c.is_alphabetic()
                || c.is_whitespace()
                || matches!(c, '(' | ')' | '\'' | '’' | '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(body: &str) -> Vec<Figure> {
        let src = format!("---\ntitle: T\ndate: 2025-02-07\n---\n{body}");
        extract(&Document::parse("2025-02-07-x.md", src))
    }

    #[test]
    fn what_a_figure_measures() {
        for (t, q) in [
            ("salaire médian ", Some("median")),
            ("salaire moyen ", Some("mean")),
            ("en moyenne ", None),
            ("1er quartile ", Some("1st quartile")),
            (" OTE", Some(PACKAGE)),
            (" avec le variable", Some(PACKAGE)),
            (" brut variable compris", Some(PACKAGE)),
            (" brut hors variable", None),
            ("À 80 %", Some("part-time")),
            ("à temps partiel", Some("part-time")),
            (" net après impôt", Some("after tax")),
            (" net avant impôt", None),
            ("sur 13 mois ", Some("over 13 months")),
            ("sur 12 mois ", None),
            (" brut à l'embauche", Some("at hiring")),
            (" brut après deux ans", Some("après deux ans")),
            ("contre-proposition à ", Some("contre-proposition")),
            (" pour les femmes", Some("women")),
            ("Dans cinq ans", Some("in the future")),
            ("un Senior pourra viser ", Some("in the future")),
            ("Alternant (1re année) : ", Some(TRAINEE)),
            (" brut par an", None),
        ] {
            assert_eq!(measure_in(t).as_deref(), q, "{t}");
        }
    }

    #[test]
    fn a_source_names_one() {
        assert_eq!(
            source_in("Selon le baromètre Talent.io 2024"),
            Some(("baromètre talent.io".to_string(), Some(2024)))
        );
        assert_eq!(
            source_in("D'après l'APEC (2023)"),
            Some(("apec".to_string(), Some(2023)))
        );
        assert_eq!(
            source_in(" selon Glassdoor."),
            Some(("glassdoor".to_string(), None))
        );
        // After a place, in the first words; the name ends at a comma and
        // has three words at most.
        assert_eq!(
            source_in(" à Paris selon l'APEC, qui couvre tout"),
            Some(("apec".to_string(), None))
        );
        assert_eq!(
            source_in("Selon le baromètre annuel des salaires Talent.io 2024"),
            Some(("baromètre annuel salaires".to_string(), Some(2024)))
        );
        // What a figure depends on, or a source too far in the text.
        for t in [
            "selon la taille de l'entreprise",
            "selon le profil",
            "dans un article de blog bien plus loin selon l'APEC",
        ] {
            assert_eq!(source_in(t), None, "{t}");
        }
        // The article's own data names none, but may say its year; not
        // `nos confrères de l'APEC`.
        assert_eq!(
            source_in("D'après nos données"),
            Some((String::new(), None))
        );
        assert_eq!(
            source_in("selon notre enquête 2024"),
            Some((String::new(), Some(2024)))
        );
        assert_eq!(
            source_in("Selon nos confrères de l'APEC"),
            Some(("confrères apec".to_string(), None))
        );
    }

    #[test]
    fn a_feminine_role_is_another_role() {
        assert_eq!(role_key("Développeur Backend"), "backend");
        assert_eq!(role_key("Développeuse Backend"), "backend (f)");
        assert_eq!(role_key("Ingénieure DevOps"), "devops (f)");
    }

    #[test]
    fn digits_are_found_in_any_block() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            for at in 0..len {
                let mut text = vec![b'a'; len];
                text[at] = b'7';
                if at + 1 < len {
                    text[at + 1] = b'0';
                }
                assert_eq!(next_digit(&text), Some(at), "{len} {at}");
            }
            assert_eq!(next_digit(&vec![b'/'; len]), None);
            assert_eq!(next_digit(&vec![b':'; len]), None);
        }
    }

    #[test]
    fn money_is_told_from_french_words() {
        for yes in [
            "45 k€",
            "$90k",
            "5 €",
            "€5",
            "un café à 3£",
            "45 keur brut",
            "80KE",
            "55 kE brut",
            "50 000 EUR",
            "30 euros",
            "1 dollar,",
            "£40k",
        ] {
            assert!(might_have_money(yes), "{yes}");
        }
        for no in [
            "leur développeur",
            "Europe",
            "chercheurs",
            "USDT",
            "",
            "les euristiques",
            "80 KEUROPE",
            "80 E",
            // Bytes of € and £ in other characters: ¬ (C2 AC), ã (C3 A3).
            "¬ ã Ì",
        ] {
            assert!(!might_have_money(no), "{no}");
        }
        // The extractor reads amounts only where the filter lets it look.
        for text in [
            "45 keur brut par an",
            "entre 40 et 50 kEUR",
            "entre 40 et 50 KE",
            "60k CHF annuels",
        ] {
            assert!(might_have_money(text), "{text}");
            assert!(!figures(&format!("{text}\n")).is_empty(), "{text}");
        }
    }

    /// Each figure's role, `-` for none.
    fn role_names(fs: &[Figure]) -> Vec<&str> {
        fs.iter()
            .map(|f| f.role.as_ref().map_or("-", |r| r.name.as_str()))
            .collect()
    }

    /// Each figure's level, `-` for none.
    fn level_names(fs: &[Figure]) -> Vec<&str> {
        fs.iter()
            .map(|f| f.level.as_ref().map_or("-", |l| l.name.as_str()))
            .collect()
    }

    fn row(f: &Figure) -> String {
        format!(
            "{} | {} | {} | {} | {} | {}",
            f.text,
            f.role.as_ref().map_or("-", |r| &r.name),
            f.level.as_ref().map_or("-", |l| &l.name),
            f.experience.as_ref().map_or("-", |e| &e.text),
            f.place.as_deref().unwrap_or("-"),
            if f.salary { "salary" } else { "other" },
        )
    }

    #[test]
    fn labels_levels_and_names() {
        let fs = figures(
            "**Prompt Engineer** : Ce que c'est. Salaires France/Europe (Junior <2 ans 45-55k€, Mid 2-4 ans 60-75k€, Senior 4+ ans 80-100k€, Expert 100-130k€+). Risque : dans 2-3 ans.\n\n\
             **Salaires comparés Senior 5+ ans** : Développeur Full-Stack 60-75k€, Prompt Engineer 80-100k€ (+25%), US Remote 120-180k$ (+100%+).\n",
        );
        let rows: Vec<String> = fs.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "45-55k€ | Prompt Engineer | Junior | <2 ans | France/Europe | salary",
                "60-75k€ | Prompt Engineer | Mid | 2-4 ans | France/Europe | salary",
                "80-100k€ | Prompt Engineer | Senior | 4+ ans | France/Europe | salary",
                "100-130k€+ | Prompt Engineer | Expert | - | France/Europe | salary",
                "60-75k€ | Développeur Full-Stack | Senior | 5+ ans | - | salary",
                "80-100k€ | Prompt Engineer | Senior | 5+ ans | - | salary",
                "120-180k$ | - | Senior | 5+ ans | US/Remote | salary",
            ]
        );
        assert_eq!(fs[5].claim.as_ref().unwrap().text, "+25%");
        assert_eq!(fs[4].role.as_ref().unwrap().key, "full-stack");
    }

    /// What opens a sentence (`À Paris,`, `En 2020,`, `En startup,`, a
    /// label `Les salaires à Nantes :`) holds for each of its figures, and
    /// the next sentence's opener replaces the paragraph's label.
    #[test]
    fn a_sentence_s_opener_holds_for_all_its_figures() {
        let body = "### Data Engineer\n\n\
            À Paris, un Junior touche 45-52k€ et un Senior 68-80k€. À Nantes, un Junior touche 38-44k€ et un Senior 56-66k€.\n\n\
            Les salaires à Lyon : Junior 42k€, Senior 60k€. Les salaires à Lille : Junior 40k€, Senior 57k€.\n\n\
            En 2020, un Junior touchait 34k€ et un Senior 50k€.\n\n\
            En startup, un Junior touche 38k€ et un Senior 55k€.\n\n\
            Loin de Bordeaux, un Senior touche 61k€.\n\n\
            En 2020, un Junior touchait 30k€ ; aujourd'hui, un Junior touche 44k€.\n\n\
            En 2020, un Junior touchait 31k€, mais aujourd'hui un Junior touche 45k€.\n";
        let fs = figures(body);
        let context: Vec<String> = fs
            .iter()
            .map(|f| {
                format!(
                    "{} {} {} {}",
                    f.text,
                    f.place.as_deref().unwrap_or("-"),
                    f.year.map_or("-".to_string(), |y| y.to_string()),
                    f.qualifier.as_deref().unwrap_or("-")
                )
            })
            .collect();
        assert_eq!(
            context,
            [
                "45-52k€ Paris - -",
                "68-80k€ Paris - -",
                "38-44k€ Nantes - -",
                "56-66k€ Nantes - -",
                "42k€ Lyon - -",
                "60k€ Lyon - -",
                "40k€ Lille - -",
                "57k€ Lille - -",
                "34k€ - 2020 -",
                "50k€ - 2020 -",
                "38k€ - - startup",
                "55k€ - - startup",
                // Not said as where: the figure is of France.
                "61k€ - - -",
                // Past a `;` or a turn (`mais aujourd'hui`), not of 2020.
                "30k€ - 2020 -",
                "44k€ - - -",
                "31k€ - 2020 -",
                "45k€ - - -",
            ]
        );
    }

    /// A capital at the start of a sentence does not make a verb, an
    /// adverb or a word of a grid a role; a verb between the role and its
    /// figure is not part of the name.
    #[test]
    fn words_that_open_a_sentence_are_no_role() {
        let body = "Comptez 40k€ brut pour un premier poste. Visez 55k€ brut ensuite. \
            Certains gagnent 38k€ brut. Résultat : 41k€ brut. \
            Actuellement 45k€ brut. Aujourd'hui 48k€ brut. Minimum 38k€ brut. Médiane 50k€ brut.\n\n\
            ### Tableau récapitulatif\n\nSalaire 47k€ brut.\n\n\
            Un Développeur Backend passe à 52k€ brut. J'ai accepté 48k€ brut.\n\n\
            Développement Frontend : Junior 35-45k€. AI Integration Developer : Junior 55-70k€.\n";
        let fs = figures(body);
        let roles = role_names(&fs);
        assert_eq!(
            roles,
            [
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                "-",
                "Développeur Backend",
                "-",
                "Développement Frontend",
                "AI Integration Developer",
            ]
        );
    }

    /// Verbs, adverbs and words of approximation between a role and its
    /// figure are no part of its name; a percentage of pay in parentheses
    /// is no qualifier.
    #[test]
    fn verbs_between_a_role_and_its_figure() {
        let fs = figures(
            "Un Développeur PHP Senior tourne autour de 80k€.\n\n\
             Un Tech Lead se situe à 95k€.\n\n\
             Un Développeur PHP plutôt Senior dépasse 70k€.\n\n\
             Le même Développeur Go peut toutefois atteindre 90k€.\n\n\
             Un Architecte Logiciel Senior gagne en moyenne 110k€.\n\n\
             Salaires en CDI : Junior 40-46k€.\n\n\
             Salaire Product Manager Senior 60-70k€ (+10 % de variable).\n\n\
             Salaire Product Manager Junior 40-45k€ (scale-up).\n",
        );
        let rows: Vec<(&str, Option<&str>)> = fs
            .iter()
            .map(|f| {
                (
                    f.role.as_ref().map_or("-", |r| r.name.as_str()),
                    f.qualifier.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("Développeur PHP", None),
                ("Tech Lead", None),
                ("Développeur PHP", None),
                ("Développeur Go", None),
                ("Architecte Logiciel", None),
                ("-", None),
                ("Product Manager", None),
                ("Product Manager", Some("scale-up")),
            ]
        );
        assert!(starts_with_percentage("+10 % de variable"));
        assert!(starts_with_percentage("–5,5% de prime"));
        assert!(!starts_with_percentage("web"));
        assert!(!starts_with_percentage("5+ ans"));
    }

    /// The period and gross or net said before a figure: in its label, its
    /// column's header or its heading; not a bare `mois`.
    #[test]
    fn period_and_basis_said_before() {
        let fs = figures(
            "### Salaire mensuel net\n\nJunior 2 500 €.\n\n\
             | Niveau | Brut annuel | Net mensuel |\n| --- | --- | --- |\n| Junior | 40k€ | 2 600 € |\n\n\
             ### Débuter\n\nAprès 6 mois, un Junior gagne 42k€.\n",
        );
        let read: Vec<(Option<Period>, Option<Basis>)> =
            fs.iter().map(|f| (f.period, f.basis)).collect();
        assert_eq!(
            read,
            [
                (Some(Period::Month), Some(Basis::Net)),
                (Some(Period::Year), Some(Basis::Gross)),
                (Some(Period::Month), Some(Basis::Net)),
                (None, None),
            ],
            "{fs:#?}"
        );
    }

    /// A share of pay after a figure (`+5 % de prime`) is the percentage's:
    /// the next figure stays a salary.
    #[test]
    fn a_share_of_pay_between_two_figures() {
        let fs =
            figures("Salaires : Junior 38-44k€, Confirmé 48-56k€ +5 % de prime, Senior 60-70k€.\n");
        let salary: Vec<bool> = fs.iter().map(|f| f.salary).collect();
        assert_eq!(salary, [true, true, true], "{fs:#?}");
    }

    #[test]
    fn words_of_another_time() {
        for past in [
            "Il y a dix ans, un Junior gagne ",
            "Il y a 3 ans, un Junior gagne ",
            "L'an dernier, un Senior touche ",
            "À l'époque, un Senior touche ",
            "Un Junior gagnait ",
        ] {
            assert!(in_the_past(past), "{past}");
        }
        for present in [
            "Il y a des Juniors à ",
            "En 2020, un Junior gagnait 30k€, mais aujourd'hui un Junior gagne ",
            "Un Junior gagne ",
            "Après un an, un Junior gagne ",
        ] {
            assert!(!in_the_past(present), "{present}");
        }
    }

    /// A role that ends with its level is named once (`Tech Lead`, not
    /// `Tech Lead Lead`).
    #[test]
    fn who_names_a_level_once() {
        let fs = figures("- Tech Lead : 65-80k€ brut.\n- Développeur Lead : 70-85k€ brut.\n");
        let who: Vec<String> = fs.iter().map(Figure::who).collect();
        assert_eq!(who, ["Tech Lead", "Développeur Lead"]);
    }

    /// How long someone has held a role is no part of its name, and a role
    /// may follow a verb of being (`Je suis Développeur … et je touche`).
    #[test]
    fn durations_and_verbs_of_being_around_a_role() {
        let body = "Je suis Développeur Backend Senior depuis deux ans et je touche 54k€ brut.\n\n\
            Il est Data Engineer pendant 3 mois et gagne 50k€ brut.\n\n\
            Le Head of Data de Doctolib gagne 90k€ brut.\n";
        let fs = figures(body);
        let roles: Vec<(&str, &str)> = fs
            .iter()
            .map(|f| {
                (
                    f.role.as_ref().map_or("-", |r| r.name.as_str()),
                    f.level.as_ref().map_or("-", |l| l.name.as_str()),
                )
            })
            .collect();
        assert_eq!(
            roles,
            [
                ("Développeur Backend", "Senior"),
                ("Data Engineer", "-"),
                ("-", "-")
            ]
        );
        assert_eq!(
            amount::durations("Senior depuis deux ans, après 3 mois, for two years"),
            [7..22, 24..37, 39..52]
        );
        let ends = |t: &str| -> Vec<(usize, usize)> {
            amount::durations(t)
                .into_iter()
                .map(|r| (r.start, r.end))
                .collect()
        };
        assert_eq!(ends("Senior depuis 3 semaines"), [(7, 24)]);
        assert_eq!(ends("Intern for six weeks"), [(7, 20)]);
        assert!(amount::durations("Senior 45k€").is_empty());
    }

    /// `passe de 40k€ à 52k€` goes from one figure to another: not a range
    /// of salaries.
    #[test]
    fn a_change_from_one_figure_to_another_is_no_range() {
        let fs = figures(
            "Salaires : Junior 40-45k€.\n\nUn Junior passe de 40k€ à 52k€ en deux ans. Son salaire a fait une hausse de 40 à 50k€. Junior de 40 à 45k€.\n",
        );
        let salary: Vec<(&str, bool)> = fs.iter().map(|f| (f.text.as_str(), f.salary)).collect();
        assert_eq!(
            salary,
            [
                ("40-45k€", true),
                ("40k€ à 52k€", false),
                ("40 à 50k€", false),
                ("40 à 45k€", true),
            ]
        );
    }

    #[test]
    fn a_role_may_end_in_a_level_word_or_a_language_sign() {
        let fs = figures(
            "Un Tech Lead gagne 70-85k€. Un Lead Senior gagne 60-65k€.\n\n\
             - Team Lead : 65-80k€\n\
             - Développeur C++ Senior : 55-65k€\n\
             - Développeur C Senior : 45-50k€\n\
             - Développeur F# Senior : 50-58k€\n",
        );
        let rows: Vec<String> = fs.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "70-85k€ | Tech Lead | Lead | - | - | salary",
                "60-65k€ | - | Senior | - | - | salary",
                "65-80k€ | Team Lead | Lead | - | - | salary",
                "55-65k€ | Développeur C++ | Senior | - | - | salary",
                "45-50k€ | Développeur C | Senior | - | - | salary",
                "50-58k€ | Développeur F# | Senior | - | - | salary",
            ]
        );
        assert_eq!(fs[3].role.as_ref().unwrap().key, "c++");
        assert_eq!(fs[4].role.as_ref().unwrap().key, "c");
    }

    #[test]
    fn figures_in_quotations_are_quoted() {
        let fs = figures(
            "Salaire Senior 60k€. « Senior, j'ai signé à 50k€. » Senior 55k€ \"x\n\n\
             Un écran 27\" offert, salaire Senior 58k€, ou un 32\" en option.\n",
        );
        let quoted: Vec<bool> = fs.iter().map(|f| f.quoted).collect();
        assert_eq!(quoted, [false, true, false, false]);
        // Over paragraphs (a blockquote's too): « opens the first, » closes
        // the last; a paragraph may open with « again.
        let fs = figures(
            "Salaire Senior 60k€.\n\n\
             > « Senior, on m'a proposé 50k€ brut.\n>\n\
             > « J'ai obtenu 55k€ brut. » Salaire Senior 62k€.\n\n\
             « Un Junior à 35k€, c'était mon cas.\n\n\
             Puis 38k€.\n\n\
             Salaire Senior 61k€. »\n\n\
             Salaire Senior 64k€.\n",
        );
        let quoted: Vec<(&str, bool)> = fs.iter().map(|f| (f.text.as_str(), f.quoted)).collect();
        assert_eq!(
            quoted,
            [
                ("60k€", false),
                ("50k€ brut", true),
                ("55k€ brut", true),
                ("62k€", false),
                ("35k€", true),
                ("38k€", true),
                ("61k€", true),
                ("64k€", false),
            ]
        );
        // A blockquote introduced as someone's words, or signed with a
        // dash, is a testimony without quotation marks; another is not.
        let fs = figures(
            "Salaire Junior 40k€.\n\nLéa témoigne :\n\n> Junior à 36k€ brut, je pensais que c'était normal.\n\n\
             Autre chose.\n\n> J'ai signé à 52k€ brut.\n>\n> — Thomas, 34 ans\n\n\
             À retenir :\n\n> Salaire Junior 41k€.\n\n\
             > Je suis Senior et j'ai signé à 52k€.\n",
        );
        let quoted: Vec<(&str, bool)> = fs.iter().map(|f| (f.text.as_str(), f.quoted)).collect();
        assert_eq!(
            quoted,
            [
                ("40k€", false),
                ("36k€ brut", true),
                ("52k€ brut", true),
                ("41k€", false),
                ("52k€", true),
            ]
        );
        // Left open, it runs into a few paragraphs only.
        let mut body = "« Ouvert 35k€.\n\n".to_string();
        for _ in 0..6 {
            body.push_str("Salaire Senior 60k€.\n\n");
        }
        let quoted: Vec<bool> = figures(&body).iter().map(|f| f.quoted).collect();
        assert_eq!(quoted, [true, true, true, true, true, false, false]);
    }

    #[test]
    fn places_and_levels_a_claim_may_follow() {
        let v = Vocabulary::default();
        for (t, said) in [
            (" à Lyon (-10 %)", " à Lyon"),
            (" à Tours (-10 %)", " à Tours"),
            (" à La Rochelle (-10 %)", " à La Rochelle"),
            (" pour un Senior (+20 %)", " pour un Senior"),
        ] {
            assert_eq!(v.place_words(t), Some(said.len()), "{t}");
        }
        for t in [
            " à Tours et Lyon (-10 %)",
            " à noter (-10 %)",
            " pour un an (+5 %)",
            " pour, un Senior (+5 %)",
            " au SMIC (-50 %)",
            " en Python (-10 %)",
        ] {
            assert_eq!(v.place_words(t), None, "{t}");
        }
        let unlisted = |t: &'static str| v.unlisted_place(t).map(|r| &t[r]);
        assert_eq!(unlisted(" à La Rochelle."), Some("La Rochelle"));
        assert_eq!(unlisted(" à Tours (-10 %)"), Some("Tours"));
        for t in [
            " à Senior",
            " à La",
            " en Bretagne",
            " en Python (-10 %)",
            " à noter",
            " au SMIC (-50 %)",
        ] {
            assert_eq!(unlisted(t), None, "{t}");
        }
    }

    #[test]
    fn a_figure_said_of_two_kinds_of_employer_is_of_neither() {
        assert!(and_another_employer("startup comme en grand groupe."));
        assert!(and_another_employer("startup ou dans un grand groupe"));
        assert!(and_another_employer("startup et chez Doctolib"));
        assert!(!and_another_employer(
            "startup et un Senior gagne 62-70k€ dans un grand groupe"
        ));
        assert!(!and_another_employer("startup à Lyon"));
        let employers = |body: &str| -> Vec<Option<String>> {
            figures(body).into_iter().map(|f| f.qualifier).collect()
        };
        assert_eq!(
            employers(
                "Un Senior touche 70k€ à Paris en startup comme en grand groupe. \
                 Un Senior touche 60k€ en startup et un Senior gagne 66k€ dans un grand groupe."
            ),
            [None, Some("startup".into()), Some("grand groupe".into())]
        );
    }

    #[test]
    fn places_written_in_several_ways_have_one_key() {
        assert_eq!(place_key("IDF"), place_key("Île-de-France"));
        assert_eq!(place_key("US"), place_key("États-Unis"));
        assert_eq!(place_key("hors IDF"), place_key("hors Île-de-France"));
        assert_eq!(place_key("UK/London"), place_key("Royaume-Uni/Londres"));
        assert_eq!(place_key("Genève"), "geneve");
        for france in ["FR", "la France", "Hexagone", "moyenne nationale"] {
            assert_eq!(place_key(france), "france", "{france}");
        }
        assert_eq!(place_key("l'IDF"), place_key("Île-de-France"));
        assert_ne!(place_key("Paris"), place_key("Île-de-France"));
    }

    #[test]
    fn spans_of_time_a_change_is_said_over() {
        for t in [
            "62k€ (+3 %) et 52k€ (+4 %) sur un an",
            "En deux ans, le salaire a progressé",
            "sur 12 mois",
            "d'une année sur l’autre",
            "en glissement annuel",
            "par rapport à l'année dernière",
            "Depuis 2022, les salaires",
            "+5 % year-over-year",
            "sur douze mois",
            "en l'espace d’un an",
            "en l'espace de deux ans",
            "depuis un an",
            "52k€ (+4 %) cette année",
            "(+4 % vs N-1)",
            "par rapport à N-1",
            "sur les douze derniers mois",
            "sur les 12 derniers mois",
            "sur l'année",
            "depuis janvier 2024",
        ] {
            assert!(names_a_span_of_time(t), "{t}");
        }
        for t in [
            "52k€ à Lyon (+4 %)",
            "un Senior de 5 ans d'expérience",
            "en 2024",
            "après 5 ans dans le métier",
            "depuis l'an 2000",
            "mon N-1 et mon N+1",
            "dans l'espace de travail",
        ] {
            assert!(!names_a_span_of_time(t), "{t}");
        }
    }

    #[test]
    fn a_decimal_comma_ends_no_clause() {
        let stops = &[',', ':'];
        let at = |text: &str, stop: &str| Some(text.find(stop).unwrap());
        let t = "Avec 1,5 k€ de prime, un Senior";
        assert_eq!(clause_end(t, stops), at(t, ", un"));
        let t = "À 2,5 %: la hausse";
        assert_eq!(clause_end(t, stops), at(t, ":"));
        assert_eq!(clause_end("En 2022, 45k€", stops), Some(7));
        assert_eq!(clause_end("1,2,3", stops), None);
        assert_eq!(clause_end(",5 et 5,", stops), Some(0));
        assert_eq!(clause_end("5,", stops), Some(1));
        assert_eq!(clause_end("sans fin", stops), None);
    }

    #[test]
    fn a_stretch_holds_an_amount_it_touches() {
        let text = "En 2020, 45 000 € puis 52k€ à Lyon";
        let every = amount::amounts(text);
        let at = |s: &str| text.find(s).unwrap();
        // Before, inside, straddling and after the two amounts.
        assert!(!holds_amount(&every, &(0..at("45"))));
        assert!(holds_amount(&every, &(0..at("45") + 1)));
        assert!(holds_amount(&every, &(at("000")..at("puis"))));
        assert!(!holds_amount(&every, &(at("puis")..at("52"))));
        assert!(holds_amount(&every, &(at("puis")..text.len())));
        assert!(!holds_amount(&every, &(at(" à")..text.len())));
        assert!(!holds_amount(&[], &(0..text.len())));
    }

    #[test]
    fn amounts_that_are_not_salaries() {
        let fs = figures(
            "**MLOps Engineer** : latence 10s coût $5k/jour. Contractor (TJM 500-700€). Équipement bureau 1500-2500€. Coût : 200k€ investis. Salaires (Junior 50-65k€).\n",
        );
        let rows: Vec<(String, bool, String)> = fs
            .iter()
            .map(|f| (f.text.clone(), f.salary, f.reason.clone()))
            .collect();
        assert_eq!(rows.len(), 5, "{rows:?}");
        assert!(rows[..4].iter().all(|r| !r.1), "{rows:?}");
        assert!(rows[4].1, "{rows:?}");
    }

    #[test]
    fn level_after_the_figure_and_list_intro() {
        let fs = figures(
            "*Salaires 2024 (Paris) :*\n\n- Staff Engineer : 70-90k€\n- Principal Engineer : 90-130k€\n\n*Salaires :* 45-55k€ junior, 70-100k€+ senior\n",
        );
        let rows: Vec<String> = fs.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "70-90k€ | Engineer | Staff | - | Paris | salary",
                "90-130k€ | Engineer | Principal | - | Paris | salary",
                "45-55k€ | - | Junior | - | - | salary",
                "70-100k€+ | - | Senior | - | - | salary",
            ]
        );
        assert_eq!(fs[0].year, Some(2024));
        assert_eq!(fs[0].group, fs[1].group);
    }

    /// A list nested in an item reads the item (its role, its place) and
    /// what introduces the outer list, in the outer list's comparison.
    #[test]
    fn a_nested_list_reads_the_item_it_is_in() {
        let fs = figures(
            "Salaires 2024 :\n\n- **Data Engineer** : à Lyon\n  - Junior : 42k€\n  - Senior : 60k€\n- Data Analyst\n  - **Paris**\n    - Junior : 40k€\n- **Junior**\n  - Product Manager : 45k€\n- Les salaires observés :\n  - Junior : 39k€\n",
        );
        let rows: Vec<String> = fs.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "42k€ | Data Engineer | Junior | - | Lyon | salary",
                "60k€ | Data Engineer | Senior | - | Lyon | salary",
                "40k€ | Data Analyst | Junior | - | Paris | salary",
                "45k€ | Product Manager | Junior | - | - | salary",
                "39k€ | - | Junior | - | - | salary",
            ]
        );
        assert!(fs.iter().all(|f| f.year == Some(2024)), "{fs:#?}");
        assert!(fs.iter().all(|f| f.group == fs[0].group), "{fs:#?}");
    }

    /// A nested list under items that are only a level is a salary grid,
    /// with no word of pay; a level in a longer item is not enough.
    #[test]
    fn a_grid_nested_under_levels_is_of_salaries() {
        let fs = figures(
            "- **Junior**\n  - Data Engineer : 45k€\n- **Senior**\n  - Data Engineer : 65k€\n\n\
             - Junior et Senior\n  - Abonnement : 45€\n\n\
             - **Senior**\n  - Data Engineer : 5k€",
        );
        let read: Vec<(bool, Option<&str>)> = fs
            .iter()
            .map(|f| (f.salary, f.level.as_ref().map(|l| l.name.as_str())))
            .collect();
        assert_eq!(
            read,
            [
                (true, Some("Junior")),
                (true, Some("Senior")),
                (false, Some("Junior")),
                (false, Some("Senior"))
            ]
        );
    }

    /// Which items a nested list's figures take their role from, and what
    /// else tells them apart.
    #[test]
    fn what_the_items_of_a_nested_list_say() {
        let read = |body: &str| -> Vec<String> {
            figures(body)
                .iter()
                .map(|f| format!("{} | {}", row(f), f.qualifier.as_deref().unwrap_or("-")))
                .collect()
        };
        // A role from outside: an item naming something else is no role
        // (`Startups`, `Retail` kinds of employer), and one that might be a
        // role tells its figures apart (`Doctolib`).
        assert_eq!(
            read(
                "**Data Engineer**\n\n- **Startups**\n  - Junior : 40k€\n- **Retail**\n  - Junior : 42k€\n- **Doctolib**\n  - Junior : 45k€\n"
            ),
            [
                "40k€ | Data Engineer | Junior | - | - | salary | startup",
                "42k€ | Data Engineer | Junior | - | - | salary | retail",
                "45k€ | Data Engineer | Junior | - | - | salary | Doctolib",
            ]
        );
        // Two items that may each be the role: neither is.
        assert_eq!(
            read("- **Data Engineer**\n  - **Pau**\n    - Junior : 36k€\n"),
            ["36k€ | - | Junior | - | - | salary | -"]
        );
        // An item read as nothing, or an item's own label read as nothing,
        // tells its figures apart.
        assert_eq!(
            read(
                "- **Data Engineer**\n  - **La Défense**\n    - Junior : 48k€\n  - Junior : 44k€\n  - salaire obtenu : 45k€\n"
            ),
            [
                "48k€ | Data Engineer | Junior | - | - | salary | La Défense",
                "44k€ | Data Engineer | Junior | - | - | salary | -",
                "45k€ | Data Engineer | - | - | - | salary | salaire obtenu",
            ]
        );
        // Under items that name the role, a nested label that may be a
        // name is a source, a company or a city: no role.
        assert_eq!(
            read(
                "Salaires :\n\n- **Data Engineer Senior**\n  - Glassdoor : 58k€\n  - Tours : 50k€\n"
            ),
            [
                "58k€ | Data Engineer | Senior | - | - | salary | Glassdoor",
                "50k€ | Data Engineer | Senior | - | - | salary | Tours",
            ]
        );
        // An item that holds a figure of its own: its nested list details
        // it, and reads what the item's own list reads.
        assert_eq!(
            read("- **Data Engineer Senior** : 70k€ brut\n  - dont 62k€ de fixe\n"),
            [
                "70k€ brut | Data Engineer | Senior | - | - | salary | -",
                "62k€ | - | - | - | - | salary | -",
            ]
        );
    }

    /// A level in parentheses after the name and a place after it are no
    /// part of the name; a level code stays in it, and a person's own case
    /// (`Julie est …`) names no role.
    #[test]
    fn a_level_in_parentheses_and_a_place_after_the_name() {
        let fs = figures(
            "Un Data Engineer (Junior) touche 46k€.\n\nUn salaire de Data Engineer L1 (Junior) : 48k€.\n\nLe salaire d'un Data Engineer Senior à Paris : 70k€.\n\nUn Data Engineer (junior ou confirmé) touche 47k€.\n\nJulie est Data Engineer Senior à Paris : 72k€.\n",
        );
        let rows: Vec<String> = fs.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "46k€ | Data Engineer | Junior | - | - | salary",
                "48k€ | Data Engineer L1 | Junior | - | - | salary",
                "70k€ | Data Engineer | Senior | - | Paris | salary",
                "47k€ | - | - | - | - | salary",
                "72k€ | - | Senior | - | Paris | salary",
            ]
        );
    }

    /// French role names joined by `de`, `du`, `des` after their head
    /// (`Chef de Projet`); not a company after a role (`Head of Data de
    /// Doctolib`).
    #[test]
    fn a_role_s_head_joins_what_follows_de() {
        let fs = figures(
            "Un Chef de Projet IT Senior gagne 60k€. Un Contrôleur de Gestion Junior touche 38k€. Le Head of Data de Doctolib gagne 120k€. Une Directrice de la Technologie Senior gagne 130k€.\n\n- **Chargé de Recrutement** : Junior 34k€\n\n### Directeur des Systèmes\n\nSalaire Senior : 90k€.\n\n### Responsable de la Sécurité\n\nSalaire Senior : 85k€.\n",
        );
        assert_eq!(
            role_names(&fs),
            [
                "Chef de Projet IT",
                "Contrôleur de Gestion",
                "-",
                "Directrice de la Technologie",
                "Chargé de Recrutement",
                "Directeur des Systèmes",
                "Responsable de la Sécurité"
            ]
        );
    }

    /// Labels on the lines of one paragraph (a soft or a hard line break
    /// between them): each figure has its own line's level, not the next
    /// line's.
    #[test]
    fn labels_on_the_lines_of_one_paragraph() {
        let fs = figures(
            "Junior : 40-46 k€\nConfirmé : 50-56 k€  \nSenior : 60-72 k€\\\n**Lead** : 75-85 k€\n\n\
             Un Senior gagne 60-72 k€ à\nLyon : c'est courant.\n",
        );
        let levels = level_names(&fs);
        assert_eq!(levels, ["Junior", "Mid", "Senior", "Lead", "Senior"]);
        assert_eq!(fs[4].place.as_deref(), Some("Lyon"));
    }

    /// Names of roles: `R&D` and `.NET` are part of one (`.NET` is no net
    /// pay); a verb that opens an item of advice, or its label, is none.
    #[test]
    fn names_with_signs_and_verbs_that_open_advice() {
        let fs = figures(
            "Un Ingénieur R&D Senior gagne 60-70 k€.\n\n\
             - Développeur .NET Senior : 58-70 k€\n\
             - Développeur ASP.NET Senior : 58-70 k€\n\n\
             - Accepter 38 k€ brut par peur de ne rien trouver.\n\
             - Convertir 60 k€ brut en net.\n\n\
             Erreur classique : 45 k€ brut sans variable.\n",
        );
        let roles = role_names(&fs);
        assert_eq!(
            roles,
            [
                "Ingénieur R&D",
                "Développeur .NET",
                "Développeur ASP.NET",
                "-",
                "-",
                "-"
            ]
        );
        assert_eq!(fs[1].basis, None);
        assert_eq!(fs[2].basis, None);
    }

    /// What is said right after a figure is its own, not the next
    /// figure's of the sentence; a kind of employer may follow an article.
    #[test]
    fn what_follows_a_figure_is_its_own() {
        let fs = figures(
            "Un Data Engineer Senior gagne 55-62 k€ en startup et un Data Engineer Senior gagne 62-70 k€ dans un grand groupe.\n\n\
             Un Développeur Java Senior touche 50-56 k€ en 2020 et un Développeur Java Senior touche 58-66 k€ aujourd'hui.\n\n\
             Un Développeur Python Mid payé 50 k€ en 2021 et 55 k€ en 2022.\n\n\
             Il touche 50-56 k€ en ESN et 58-66 k€ chez un client final.\n",
        );
        let said: Vec<(Option<&str>, Option<u16>)> = fs
            .iter()
            .map(|f| (f.qualifier.as_deref(), f.year))
            .collect();
        assert_eq!(
            said,
            [
                (Some("startup"), None),
                (Some("grand groupe"), None),
                (None, Some(2020)),
                (None, None),
                (None, Some(2021)),
                (None, Some(2022)),
                (Some("esn"), None),
                (Some("client final"), None),
            ]
        );
    }

    /// `A gagne plus qu'un B (x contre y)`: x is not B's.
    #[test]
    fn the_first_figure_of_a_comparison_is_not_the_compared_name() {
        let fs = figures(
            "Un Développeur Backend Senior gagne bien plus qu'un Développeur Backend Junior (60-72 k€ contre 40-46 k€).\n\n\
             Un Data Engineer Senior gagne 17 % de plus qu'un Data Analyst Senior : 56-68 k€ contre 48-58 k€.\n\n\
             Un Data Analyst Senior (48-58 k€) gagne moins.\n",
        );
        let roles = role_names(&fs);
        // The second figure has no name right before it either.
        assert_eq!(roles, ["-", "-", "-", "-", "Data Analyst"]);
        let fs = figures(
            "Un Data Engineer Senior gagne 17 % de plus qu'un Data Analyst Senior : 56-68 k€ (+17 % vs Data Analyst Senior).\n",
        );
        assert_eq!(fs[0].role, None);
        assert!(fs[0].claim.is_some());
    }

    /// Equity is no pay, and the public sector has its own figures.
    #[test]
    fn equity_and_public_employers() {
        let fs = figures(
            "En startup, un Senior touche 55-62 k€ de fixe, plus des BSPCE valorisés 10 000 €.\n\n\
             À Paris, un Senior touche 85-100 k€ de base, plus 10-20 k€ de RSU par an.\n\n\
             Les contractuels de la DINUM sont recrutés hors grille : un Développeur Senior y est payé 55-65 k€ brut annuel.\n\n\
             À l'État, un Développeur Senior touche 50-58 k€ brut.\n",
        );
        let salary: Vec<bool> = fs.iter().map(|f| f.salary).collect();
        assert_eq!(salary, [true, false, true, false, true, true]);
        assert_eq!(fs[4].qualifier.as_deref(), Some("secteur public"));
        assert_eq!(fs[5].qualifier.as_deref(), Some("secteur public"));
    }

    #[test]
    fn sums_are_not_salary_figures() {
        let fs = figures("Package : 65k€ fixe + 6.5k€ bonus + 5k€ BSPCE = ~80k€.\n");
        assert_eq!(fs.len(), 4);
        assert!(fs.iter().all(|f| !f.salary && f.in_sum));
    }

    /// A level code (`L1`, `IC3`) and a level in parentheses, in a row's
    /// first cell or a label: the level is read, and a code alone is no
    /// role; beside a name it tells the name's steps apart.
    #[test]
    fn level_codes_and_levels_in_parentheses() {
        let fs = figures(
            "Les salaires :\n\n\
             | Niveau | Salaire brut annuel |\n\
             | --- | --- |\n\
             | L1 (Junior) | 40-45k€ |\n\
             | Senior (L3) | 60-70k€ |\n\n\
             Les salaires :\n\n\
             - L1 (Junior) : 41-46k€\n\
             - IC3 (Senior) : 61-71k€\n",
        );
        let rows: Vec<String> = fs.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "40-45k€ | - | Junior | - | - | salary",
                "60-70k€ | - | Senior | - | - | salary",
                "41-46k€ | - | Junior | - | - | salary",
                "61-71k€ | - | Senior | - | - | salary",
            ]
        );
        let fs = figures(
            "Un Technicien N1 gagne 24k€. Un Technicien N2 gagne 28k€.\n\n\
             - Développeur (hors seniors) : 45k€\n",
        );
        let rows: Vec<String> = fs.iter().map(row).collect();
        assert_eq!(
            rows,
            [
                "24k€ | Technicien N1 | - | - | - | salary",
                "28k€ | Technicien N2 | - | - | - | salary",
                "45k€ | - | - | - | - | salary",
            ]
        );
        assert!(is_level_code("L1") && is_level_code("IC12"));
        assert!(!is_level_code("Web3") && !is_level_code("L") && !is_level_code("l1"));
    }

    #[test]
    fn a_table_figure_reads_its_row_and_its_column() {
        let fs = figures(
            "Salaires observés :\n\n\
             | Rôle | Senior | Mid | Junior |\n\
             | --- | --- | --- | --- |\n\
             | Data Engineer | 65-80k€ | 52-60k€ | 42-50k€ |\n\
             | Product Designer | 60-70k€ | 48-55k€ | |\n",
        );
        let seen: Vec<(&str, Option<&str>, Option<&str>)> = fs
            .iter()
            .map(|f| {
                (
                    f.text.as_str(),
                    f.role.as_ref().map(|r| r.name.as_str()),
                    f.level.as_ref().map(|l| l.name.as_str()),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("65-80k€", Some("Data Engineer"), Some("Senior")),
                ("52-60k€", Some("Data Engineer"), Some("Mid")),
                ("42-50k€", Some("Data Engineer"), Some("Junior")),
                ("60-70k€", Some("Product Designer"), Some("Senior")),
                ("48-55k€", Some("Product Designer"), Some("Mid")),
            ]
        );
        assert!(fs.iter().all(|f| f.salary), "{fs:#?}");
        // A claim in the next cell is that column's, not the figure's.
        let fs = figures(
            "| Poste | Salaire | Évolution sur un an |\n| --- | --- | --- |\n| Data Analyst | 45k€ | +10% |\n| Data Analyst | 50k€ (+10%) | |\n",
        );
        let claimed: Vec<bool> = fs.iter().map(|f| f.claim.is_some()).collect();
        assert_eq!(claimed, [false, true], "{fs:#?}");
        // A place heads its column only.
        let fs =
            figures("| Niveau | Paris | Lyon |\n| --- | --- | --- |\n| Senior | 65k€ | 55k€ |\n");
        let places: Vec<Option<&str>> = fs.iter().map(|f| f.place.as_deref()).collect();
        assert_eq!(places, [Some("Paris"), Some("Lyon")], "{fs:#?}");
        // A row's label may hold an experience band, not another number.
        let fs = figures(
            "| Niveau | Salaire |\n| --- | --- |\n| Junior (0-2 ans) | 36-42k€ |\n| Senior 5+ ans | 52-65k€ |\n| 2024 | 50k€ |\n",
        );
        let levels: Vec<Option<&str>> = fs
            .iter()
            .map(|f| f.level.as_ref().map(|l| l.name.as_str()))
            .collect();
        assert_eq!(levels, [Some("Junior"), Some("Senior"), None], "{fs:#?}");
        // Regions and cities beyond the largest ones.
        let fs = figures(
            "En Bretagne, un Senior gagne 50k€. À Annecy, un Senior gagne 70k€. \
             Au Luxembourg, un Senior gagne 90k€. À Nice, un Senior gagne 60k€.\n",
        );
        let places: Vec<Option<&str>> = fs.iter().map(|f| f.place.as_deref()).collect();
        assert_eq!(
            places,
            [
                Some("Bretagne"),
                Some("Annecy"),
                Some("Luxembourg"),
                Some("Nice")
            ],
            "{fs:#?}"
        );
        // A header that says what the column is not: not a salary.
        let fs = figures(
            "| Poste | Salaire | Budget formation |\n| --- | --- | --- |\n| Senior | 65k€ | 3k€ |\n",
        );
        let salary: Vec<bool> = fs.iter().map(|f| f.salary).collect();
        assert_eq!(salary, [true, false], "{fs:#?}");
    }

    #[test]
    fn a_strong_range_off_the_text_is_no_label() {
        let text = "Senior : 45k€".to_string();
        let block = Block {
            kind: BlockKind::Paragraph,
            span: Span::new(0, text.len()),
            runs: Vec::new(),
            heading: None,
            strong: std::iter::once(0..100).collect(),
            cells: Vec::new(),
            parent: None,
            text,
        };
        // The bold label is ignored; the `Name :` label is still read.
        assert_eq!(label(&block), Some((0..6, 8)));
    }
}
