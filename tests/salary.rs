//! The `salary` kind and its default rules on whole articles: what each check
//! reports and where, the options the default pack does not use, the
//! `repere salaries` command, and the seed article and real posts when
//! `../shared` is present.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use repere::diagnostic::Diagnostic;
use repere::document::Document;
use repere::engine::Linter;
use repere::pack::{PackSource, RuleSet};
use repere::rules::salary;
use serde_json::Value;

const NAME: &str = "posts/2025-02-07-nouveaux-metiers.md";

fn salary_linter(extra: Option<&str>) -> Linter {
    let mut packs = PackSource::defaults();
    if let Some(pack) = extra {
        packs.push(PackSource::new("test.yaml", pack));
    }
    let mut set = RuleSet::load(&packs).unwrap_or_else(|e| panic!("{}", e[0].message));
    set.rules.retain(|r| r.meta.kind == "salary");
    Linter::new(set)
}

fn check_files(linter: &Linter, files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let results = files
        .iter()
        .map(|(name, text)| linter.check_bytes(PathBuf::from(name), text.as_bytes().to_vec()))
        .collect();
    linter.finish(results).diagnostics().cloned().collect()
}

fn check(text: &str) -> Vec<Diagnostic> {
    check_files(&salary_linter(None), &[(NAME, text)])
}

fn describe(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d.location.line, d.location.column, d.rule, d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn article(body: &str) -> String {
    format!("---\ntitle: Les salaires\ndate: 2025-02-07\n---\n## Le réel (sans filtre)\n\n{body}\n")
}

fn spanned<'a>(text: &'a str, d: &Diagnostic) -> &'a str {
    &text[d.span.start..d.span.end]
}

#[test]
fn a_consistent_article_gives_nothing() {
    let text = article(
        "**Data Engineer** : Salaires (Junior 45-52k€, Mid 55-65k€, Senior 68-82k€).\n\n\
         **Salaires comparés Senior** : Développeur Web 60-75k€, Data Engineer 68-82k€ (+12%).\n\n\
         Un package : 68k€ fixe + 5k€ bonus + 2k€ BSPCE = 75k€.",
    );
    let ds = check(&text);
    assert!(ds.is_empty(), "{}", describe(&ds));
}

#[test]
fn one_changed_figure_gives_one_error_at_it() {
    let text = article(
        "**Data Engineer** : Salaires (Junior 45-52k€, Mid 55-65k€, Senior 68-82k€).\n\n\
         **Data Engineer** : les mêmes repères, Salaires (Junior 45-52k€, Mid 55-65k€, Senior 70-82k€).",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    let d = &ds[0];
    assert_eq!(&*d.rule, "salary-consistency");
    assert_eq!(spanned(&text, d), "70-82k€");
    assert_eq!(d.location.line, 9);
    assert_eq!(
        d.message,
        "Data Engineer Senior is 70-82k€ here but 68-82k€ at line 7"
    );
    assert_eq!(d.labels.len(), 1);
    assert_eq!(d.labels[0].location.line, 7);
}

/// A claim after the figure's place (`51k€ à Lyon (-25 %)`, `90k€ aux
/// États-Unis (+10 %)`) is its own,
/// checked against the figure it is set against; one the figures bear out
/// gives nothing.
#[test]
fn a_claim_after_a_place_is_checked() {
    let text = article(
        "Un Data Engineer Senior gagne 60k€ à Paris, contre 51k€ à Lyon (-25 %).\n\n\
         Un Data Analyst Senior gagne 50k€ à Paris, contre 45k€ à Lyon (-10 %).\n\n\
         Un Data Scientist Senior gagne 60k€ à Paris, contre 90k€ aux États-Unis (+10 %).",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 2, "{}", describe(&ds));
    assert_eq!(&*ds[0].rule, "salary-consistency");
    assert_eq!(spanned(&text, &ds[0]), "-25 %");
    assert!(ds[0].message.contains("is -15%"), "{}", ds[0].message);
    assert_eq!(spanned(&text, &ds[1]), "+10 %");
    assert!(ds[1].message.contains("is +50%"), "{}", ds[1].message);
}

/// After a figure, its basis said with `en` (`48k€ en net annuel`) and an
/// employer, year or basis said after its place (`à Paris en startup`, `à
/// Lyon en 2019`, `à Paris en net annuel`) are its own: such figures are not set against the plain one.
/// Two figures of which the same is said still are.
#[test]
fn what_is_said_after_a_figure_and_its_place_is_its_own() {
    let text = article(
        "Un Data Engineer Senior touche 62k€ brut par an. \
         Un Data Engineer Senior touche 48k€ en net annuel.\n\n\
         Un QA Engineer Senior touche 55k€ à Paris. \
         Un QA Engineer Senior touche 43k€ à Paris en net annuel. \
         Un QA Engineer Senior touche 43k€ à Paris, net.\n\n\
         Un Data Analyst Senior gagne 50k€ à Paris en startup. \
         Un Data Analyst Senior gagne 58k€ à Paris dans un grand groupe.\n\n\
         Un Product Manager Senior gagnait 55k€ à Lyon en 2019. \
         Un Product Manager Senior gagne 63k€ à Lyon.\n\n\
         Un Data Scientist Senior gagne 60k€ à Nantes en startup. \
         Un Data Scientist Senior gagne 70k€ à Nantes en startup.",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "70k€");
    assert!(
        ds[0]
            .message
            .contains("Data Scientist Senior (Nantes, startup)"),
        "{}",
        ds[0].message
    );
}

/// A name set with a comma before the role that opens an item, or in
/// bold (`- **Sarah**, Data Engineer (Senior) : 70k€`, `**Doctolib**,
/// Product Owner Senior : 66k€`) is someone's own case, or one employer's:
/// not set against the role's pay. A clause of time, a level, an adverb or
/// a plain word opening a sentence (`Bref,`) is no name.
#[test]
fn a_name_in_apposition_before_the_role_qualifies_the_figure() {
    let text = article(
        "Un Data Engineer Senior touche 62k€.\n\n\
         - **Sarah**, Data Engineer (Senior) : 70k€\n\
         - Jean-Marc Dupont, Data Engineer Senior : 58k€\n\
         - Aujourd'hui, Data Engineer Senior : 71k€\n\
         - Senior, Data Engineer : 72k€\n\
         - Franchement, Data Engineer Senior : 73k€\n\
         - **Yann Le Gall**, Data Engineer Senior : 56k€\n\
         - **Sophie**, 41 ans, Data Engineer Senior : 54k€\n\n\
         Un Product Owner Senior touche 60k€. **Doctolib**, Product Owner Senior : 66k€. \
         Hugging Face, Product Owner Senior : 68k€. Bref, Product Owner Senior : 67k€.",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    assert_eq!(spans, ["71k€", "72k€", "73k€", "67k€"], "{}", describe(&ds));
}

/// A claim after a place the list of places does not hold (`à Tours`, `à
/// La Rochelle`) or after a level (`pour un Senior`) is read too; such a
/// place is the figure's, not the place its sentence opened with.
#[test]
fn a_claim_after_an_unlisted_place_or_a_level_is_checked() {
    let text = article(
        "Un Data Engineer Senior gagne 60k€ à Paris, contre 51k€ à La Rochelle (-25 %).\n\n\
         Un Data Analyst Senior gagne 50k€ à Paris, contre 45k€ à Tours (-10 %).\n\n\
         Un QA Engineer Junior gagne 40k€, contre 60k€ pour un Senior (+20 %).\n\n\
         À Paris, un Product Owner Senior gagne 60k€. Un Product Owner Senior gagne 51k€ à Tours.",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    assert_eq!(spans, ["-25 %", "+20 %"], "{}", describe(&ds));
    assert!(
        ds[0].message.contains("(La Rochelle) 51k€"),
        "{}",
        ds[0].message
    );
    assert!(ds[1].message.contains("Senior 60k€"), "{}", ds[1].message);
}

/// A claim against a place (`-25 % vs Paris`) is checked against the
/// figure of that place said of the same role and level.
#[test]
fn a_claim_against_a_place_is_checked() {
    let text = article(
        "**Salaires Data Engineer Senior** :\n\n\
         - Lyon : 51k€ (-25 % vs Paris)\n\
         - Nantes : 48k€ (-20 % vs Paris)\n\
         - Paris : 60k€\n\n\
         Un Data Analyst Senior gagne 50k€ à Paris.\n\n\
         Un Data Analyst Senior gagne 45k€ à Lyon (-10 % vs Paris).",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "-25 %");
    assert!(ds[0].message.contains("60k€ is -15%"), "{}", ds[0].message);
}

/// A place written in two ways is one place (`IDF` and `Île-de-France`,
/// `US` and `États-Unis`), and `vs France` is against a figure with no
/// place, as figures with none are taken for France: not one after a
/// clause that may say a place the rule does not read (`À l'étranger,`).
#[test]
fn one_place_written_two_ways_is_one_place() {
    let text = article(
        "Un Data Engineer Senior touche 65k€ en Île-de-France. \
         À Lyon, un Data Engineer Senior touche 52k€ (-10 % vs IDF).\n\n\
         Un Data Analyst Senior touche 55k€. \
         En Suisse, un Data Analyst Senior touche 90k€ (+20 % vs France).\n\n\
         Un Product Owner Senior touche 120k€ aux US. \
         Un Product Owner Senior touche 140k€ aux États-Unis.\n\n\
         Un QA Engineer Senior touche 50k€. \
         En Suisse, un QA Engineer Senior touche 80k€ (+60 % vs France).\n\n\
         Un Data Scientist Senior touche 55k€. \
         En Suisse, un Data Scientist Senior touche 90k€ (+20 % par rapport à la France).\n\n\
         À l'étranger, un Product Manager Senior touche 80k€. \
         À Paris, un Product Manager Senior touche 66k€ (+10 % vs France).",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    assert_eq!(
        spans,
        ["-10 %", "+20 %", "140k€", "+20 %"],
        "{}",
        describe(&ds)
    );
    assert!(ds[0].message.contains("is -20%"), "{}", ds[0].message);
}

/// A place's name of several words is read whole, written with or
/// without its hyphens (`Île de France` is not France), and short names
/// are its other spellings (`NY`, `Angleterre` for the United Kingdom); a
/// place the list does not hold, right after a figure that has none,
/// keeps it from the figures of France.
#[test]
fn places_of_several_words_and_unlisted_places_are_read() {
    let text = article(
        "Un Data Engineer Senior touche 65k€ en Île de France. \
         Un Data Engineer Senior touche 50k€ en France.\n\n\
         Un Data Analyst Senior touche 90k€ aux Etats Unis. \
         Un Data Analyst Senior touche 60k€ en France.\n\n\
         Un QA Engineer Senior touche 95k€ aux Émirats. \
         Un QA Engineer Senior touche 60k€.\n\n\
         Un ML Engineer Senior touche 58k€ brut à Tours. \
         Un ML Engineer Senior touche 62k€ en France.\n\n\
         Un Product Owner Senior touche 120k€ à NY. \
         Un Product Owner Senior touche 140k€ à New York.\n\n\
         Un Data Scientist Senior touche 70k€ au Royaume Uni. \
         Un Data Scientist Senior touche 80k€ en Angleterre.\n\n\
         - Product Manager Senior (NYC) : 70k€\n\
         - Product Manager Senior (New York) : 80k€",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    assert_eq!(spans, ["140k€", "80k€", "80k€"], "{}", describe(&ds));
}

/// A place the rules do not list is read where it closes a label or the
/// clause before a figure (`(Tours)`, `à Tours :`, `À Tours,`), so that its
/// figures are compared with each other and not with those of France; a
/// place narrowed by `hors` is a place of its own; a role is read before a
/// place of several words, and a claim after one.
#[test]
fn places_the_rules_do_not_list_and_places_narrowed() {
    let text = article(
        "- Data Engineer Senior (Tours) : 52k€\n\
         - Data Engineer Senior : 58k€\n\
         - Data Analyst Senior à Tours : 45k€\n\
         - Data Analyst Senior : 50k€\n\n\
         Un Développeur Python Senior gagne 58k€ brut à Tours. \
         À Tours, un Développeur Python Senior gagne 50k€ brut.\n\n\
         Au Royaume-Uni, un Développeur iOS Senior touche 85k€. \
         En Angleterre hors Londres, un Développeur iOS Senior touche 75k€.\n\n\
         Un QA Engineer Senior touche 55k€ en France. \
         En France hors Paris, un QA Engineer Senior touche 48k€.\n\n\
         Un ML Engineer Senior en Île de France gagne 66k€. \
         Un ML Engineer Senior en Île-de-France gagne 58k€.\n\n\
         Un Product Owner Senior gagne 60k€ en France et 80k€ en Île de France (+10 %).\n\n\
         Un Développeur Backend Senior gagne 95k€ aux Émirats. \
         Un Développeur Backend Senior gagne 80k€ aux Émirats Arabes Unis.",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    assert_eq!(
        spans,
        ["50k€ brut", "58k€", "+10 %", "80k€"],
        "{}",
        describe(&ds)
    );
    assert!(ds[0].message.contains("(Tours)"), "{}", ds[0].message);
}

/// A yearly figure said without `brut` is gross: `vs Paris` finds it from
/// a figure said `brut`; a change over a span of time is said against the
/// same figure of the year before, its own baseline.
#[test]
fn a_claim_names_its_own_baseline() {
    let text = article(
        "Un Développeur Python Senior touche 68k€ à Paris et 58k€ brut à Tours (-25 % vs Paris).\n\n\
         En 2024, un Data Engineer Senior touchait 60k€ à Paris et 50k€ à Lyon. \
         Cette année, un Data Engineer Senior touche 62k€ à Paris (+3 %) et 52k€ à Lyon (+12 %).",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    assert_eq!(spans, ["-25 %", "+12 %"], "{}", describe(&ds));
    assert!(ds[0].message.contains("is -15%"), "{}", ds[0].message);
    assert!(
        ds[1]
            .message
            .contains("Data Engineer (Lyon) 52k€ against Data Engineer (Lyon, 2024) 50k€ is +4%"),
        "{}",
        ds[1].message
    );
}

/// `vs Paris` compares with the figure of Paris said of the same role,
/// level, table column, employer, year and gross or net: not the first
/// figure of Paris in the list.
#[test]
fn a_claim_against_a_place_compares_like_with_like() {
    let text = article(
        "Salaires bruts annuels relevés :\n\n\
         - **Data Engineer**\n\
         \x20 - Paris : 60k€\n\
         \x20 - Lyon : 51k€ (-15 % vs Paris)\n\
         - **Data Analyst**\n\
         \x20 - Paris : 40k€\n\
         \x20 - Lyon : 36k€ (-10 % vs Paris)\n\n\
         ### Salaires Développeur Backend\n\n\
         | Ville | Junior | Senior |\n\
         |---|---|---|\n\
         | Paris | 42k€ | 66k€ |\n\
         | Lyon | 37k€ (-12 % vs Paris) | 58k€ (-12 % vs Paris) |\n\
         | Nantes | 35k€ (+3 % vs Paris) | 55k€ (-17 % vs Paris) |\n\n\
         ### Par employeur\n\n\
         En 2020, un Product Owner Senior touchait 50k€ à Paris.\n\n\
         Un Product Owner Senior touche 60k€ à Paris en startup et 70k€ à Paris en grand groupe.\n\n\
         Un Product Owner Senior touche 63k€ à Lyon en grand groupe (-10 % vs Paris).",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "+3 %");
    assert!(ds[0].message.contains("42k€ is -17%"), "{}", ds[0].message);
}

/// A claim may be set against a figure said after it in its paragraph
/// (`contre 52k€ à Paris`), and `vs Paris` on a figure with no role written
/// looks in its own paragraph or item, then its list; a wrong claim is
/// still found.
#[test]
fn claims_whose_reference_is_said_after_or_beside_them() {
    let text = article(
        "Un Data Analyst Senior gagne 46k€ à Lyon (-12 %) et 44k€ à Marseille (-15 %), contre 52k€ à Paris.\n\n\
         Un QA Engineer Senior touche 80k€ en Suisse (+60 %), à comparer aux 50k€ parisiens.\n\n\
         Un Data Engineer Senior touche 66k€ à Paris. À Lyon, il gagne 59k€ (-11 % vs Paris).\n\n\
         Un Développeur Backend Senior touche 62k€ à Paris.\n\n\
         - Chef de Projet IT Senior : 60k€ à Paris, 54k€ à Lyon (-10 % vs Paris)\n\
         - Contrôleur de Gestion Senior : 70k€ à Paris, 62k€ à Lyon (-11 % vs Paris)\n\n\
         Un Product Owner Senior touche 48k€ à Lyon (-20 %) quand Paris paie 50k€.\n\n\
         **Data Analyst Lead, salaire brut annuel par ville** :\n\n\
         - Paris : 70k€\n\
         - Toulouse : 59k€ (-2 % vs Paris)\n\
         - Nantes : 58k€ (-17 % vs Paris)",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 2, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "-20 %");
    assert!(ds[0].message.contains("is -4%"), "{}", ds[0].message);
    // With no role written, `vs Paris` looks in the figure's list too.
    assert_eq!(spanned(&text, &ds[1]), "-2 %");
    assert!(ds[1].message.contains("70k€ is -16%"), "{}", ds[1].message);
}

/// Claims said over a span of time (`sur un an`, `depuis 2022`, `vs N-1`) beside
/// figures of the same level are parallel changes whose baselines are not
/// written: one is not checked against the other. Without such words, and
/// along a ladder of levels, they still are.
#[test]
fn parallel_changes_over_a_span_of_time_are_not_set_against_each_other() {
    let text = article(
        "Un Data Engineer Senior touche 62k€ à Paris (+3 %) et 52k€ à Lyon (+4 %) sur un an.\n\n\
         Depuis 2022, un Data Analyst Senior gagne 55k€ à Paris (+6 %) et 47k€ à Nantes (+8 %).\n\n\
         Un Product Owner Senior touche 60k€ à Paris et 50k€ à Lyon (+5 %).\n\n\
         En trois ans, un QA Engineer Junior passe à 40k€, un QA Engineer Mid à 50k€ (+25 %) \
         et un QA Engineer Senior à 70k€ (+10 %).\n\n\
         Un Product Manager Senior gagnait 55k€ en 2023, 60k€ en 2024 (+9 %), \
         puis 63k€ en 2025 (+5 %) sur un an.\n\n\
         Un Data Scientist Senior gagnait 56k€ en 2023, 58k€ en 2024 (+4 %), \
         puis 64k€ en 2025 (+3 %) sur un an.\n\n\
         En 2024, un DevOps Engineer Senior touchait 60k€ à Paris et 50k€ à Lyon. \
         En 2025, un DevOps Engineer Senior touche 62k€ à Paris (+3 %) et 52k€ à Lyon (+4 %) sur un an.\n\n\
         Un ML Engineer Senior touche 62k€ à Paris (+3 %) et 52k€ à Lyon (+4 %) sur douze mois.\n\n\
         Un Data Manager Senior touche 62k€ à Paris (+3 %) et 52k€ à Lyon (+4 %) \
         sur les douze derniers mois.\n\n\
         Un Data Architect Senior touche 62k€ à Paris (+3 %) et 52k€ à Lyon (+4 %) en l'espace d'un an.\n\n\
         Un SRE Senior touche 62k€ à Paris (+3 % vs N-1) et 52k€ à Lyon (+4 % vs N-1).",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    // The year before is a change's baseline, over a span of time too.
    assert_eq!(spans, ["+5 %", "+10 %", "+3 %"], "{}", describe(&ds));
}

/// In a grid by level and city, a claim may be against the first city of
/// its own level, not only the grid's first figure or the one before it.
#[test]
fn a_claim_in_a_grid_by_level_may_be_against_its_level() {
    let text = article(
        "Salaires bruts annuels :\n\n\
         - **Junior**\n\
         \x20 - Paris : 45k€\n\
         \x20 - Lyon : 40k€ (-11 %)\n\
         \x20 - Toulouse : 39k€ (-13 %)\n\
         - **Senior**\n\
         \x20 - Paris : 65k€\n\
         \x20 - Lyon : 55k€ (-15 %)\n\
         \x20 - Toulouse : 52k€ (-20 %)\n\
         \x20 - Nantes : 50k€ (-30 %)",
    );
    let ds = check(&text);
    let spans: Vec<&str> = ds.iter().map(|d| spanned(&text, d)).collect();
    assert_eq!(spans, ["-30 %"], "{}", describe(&ds));
    assert!(
        ds[0]
            .message
            .contains("against Senior (Paris) 65k€ is -23%"),
        "{}",
        ds[0].message
    );
}

/// A figure written many times names and labels a few of its places, so
/// that findings do not grow with the article (each of 300 copies naming
/// the 300 others would be quadratic).
#[test]
fn a_figure_written_many_times_is_named_at_a_few_places() {
    let body: String = (0..300)
        .map(|i| {
            let figure = if i % 2 == 0 { "40-60k€" } else { "41-61k€" };
            format!("- Data Engineer Senior {figure}\n")
        })
        .collect();
    let text = article(&body);
    let ds = check(&text);
    let mismatches: Vec<&Diagnostic> = ds.iter().filter(|d| d.message.contains(" but ")).collect();
    assert_eq!(mismatches.len(), 150, "{}", describe(&ds));
    let d = mismatches[0];
    assert_eq!(
        d.message,
        "Data Engineer Senior is 41-61k€ here but 40-60k€ at lines 7, 9, 11, 13, 15 and 145 more"
    );
    assert_eq!(d.labels.len(), 5);
}

/// A single figure inside the range given elsewhere says the same thing;
/// one outside it does not.
#[test]
fn a_figure_inside_the_range_given_elsewhere_is_not_a_mismatch() {
    let text = article(
        "**Data Engineer** : salaires Senior 45-55k€, Junior 38-42k€.\n\n\
         **Data Engineer** : salaires Senior 50k€, Junior 40k€.\n\n\
         **Data Engineer** : salaires Senior 60k€.",
    );
    let ds = check(&text);
    assert_eq!(
        describe(&ds),
        "11:37 salary-consistency Data Engineer Senior is 60k€ here but 45-55k€ at line 7"
    );
}

#[test]
fn claims_use_the_tolerance_and_the_rates_of_the_options() {
    let text = article(
        "**Salaires comparés Senior** : Développeur Web 60-75k€, Data Engineer 80-100k€ (+25%), Remote US 110-140k$ (+50%).",
    );
    // Default: +25% is 8 points off +33%; dollars are not compared.
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "+25%");
    // A tolerance of 10 points accepts it; a rate compares the dollars
    // (110-140k$ at 0.9 is 99-126k€: +65% to +68%, not +50%).
    let pack = "- id: salary-consistency\n  kind: salary\n  severity: error\n  checks: [claims]\n  tolerance: 10\n  rates: {USD: 0.9}\n";
    let ds = check_files(&salary_linter(Some(pack)), &[(NAME, &text)]);
    let claims: Vec<&Diagnostic> = ds
        .iter()
        .filter(|d| &*d.rule == "salary-consistency")
        .collect();
    assert_eq!(claims.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, claims[0]), "+50%");
    assert!(
        claims[0].message.contains("is +65% to +68%"),
        "{}",
        claims[0].message
    );
    assert!(claims[0].message.contains("rates"), "{}", claims[0].message);
}

#[test]
fn levels_and_words_come_from_the_options() {
    let text = article("**Rédacteur Technique** : Salaires (Aspirant 28-32k€, Confirmé 24-30k€).");
    // `Aspirant` is no level by default: nothing to compare.
    assert!(check(&text).is_empty());
    let pack = "- id: salary-plausibility\n  kind: salary\n  severity: warning\n  checks: [ladder]\n  levels:\n    - {name: Aspirant, rank: 0}\n    - {name: Confirmé, rank: 1}\n";
    let ds = check_files(&salary_linter(Some(pack)), &[(NAME, &text)]);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "24-30k€");
    assert!(
        ds[0].message.contains("below Aspirant"),
        "{}",
        ds[0].message
    );
    // A word of `other_words` keeps an amount apart.
    let text = article("Salaires : Junior 42-48k€, Senior 60-70k€, cotisation 1-2k€.");
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "1-2k€");
    let pack = "- id: salary-plausibility\n  kind: salary\n  severity: warning\n  other_words: [cotisation]\n";
    let ds = check_files(&salary_linter(Some(pack)), &[(NAME, &text)]);
    assert!(ds.is_empty(), "{}", describe(&ds));
}

#[test]
fn bad_options_are_errors_pointing_at_them() {
    for (options, words) in [
        ("checks: [rangez]", "rangez"),
        ("tolerance: -1", "tolerance"),
        ("rates: {YEN: 0.006}", "YEN"),
        ("plausible: {min: 10, max: 5}", "plausible"),
        ("levels: []", "levels"),
        ("checks: []", "checks"),
        ("colour: red", "colour"),
    ] {
        let pack = format!("- id: s\n  kind: salary\n  severity: error\n  {options}\n");
        let Err(errors) = RuleSet::load(&[PackSource::new("p.yaml", pack.clone())]) else {
            panic!("`{options}` was accepted");
        };
        let e = &errors[0];
        assert!(e.message.contains(words), "{options}: {}", e.message);
        let at = &pack[e.span.start..e.span.end];
        assert!(
            options.contains(at.trim()) || at.contains(options.split(':').next().unwrap()),
            "{options}: the error points at `{at}`"
        );
    }
}

#[test]
fn the_corpus_rule_compares_articles_of_the_same_year_only() {
    let a = article("**Site Reliability Engineer** : Salaires (Junior 45-52k€, Senior 75-90k€).");
    let b = article("**Site Reliability Engineer** : Salaires (Junior 45-52k€, Senior 80-95k€).");
    let linter = salary_linter(None);
    let ds = check_files(
        &linter,
        &[("posts/2025-01-10-a.md", &a), ("posts/2025-03-10-b.md", &b)],
    );
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(&*ds[0].rule, "salary-consistency-corpus");
    assert_eq!(ds[0].path.to_str(), Some("posts/2025-03-10-b.md"));
    assert_eq!(
        ds[0].labels[0].path.as_deref().and_then(|p| p.to_str()),
        Some("posts/2025-01-10-a.md")
    );
    // Another year: nothing (the year is the file's `date`).
    let b_2024 = b.replace("date: 2025-02-07", "date: 2024-02-07");
    let ds = check_files(
        &linter,
        &[
            ("posts/2025-01-10-a.md", &a),
            ("posts/2025-03-10-b.md", &b_2024),
        ],
    );
    assert!(ds.is_empty(), "{}", describe(&ds));
}

#[test]
fn extraction_is_library_code_shared_with_the_command() {
    let doc = Document::parse(
        "2025-02-07-x.md",
        article(
            "Salaires : Junior entre 40\u{a0}000 et 45\u{202f}000\u{a0}€ brut, Senior 55\u{a0}–\u{a0}65\u{a0}k€.",
        ),
    );
    let figures = salary::extract(&doc);
    let got: Vec<(f64, f64, Option<&str>)> = figures
        .iter()
        .map(|f| (f.low, f.high, f.level.as_ref().map(|l| l.name.as_str())))
        .collect();
    assert_eq!(
        got,
        [
            (40_000.0, 45_000.0, Some("Junior")),
            (55_000.0, 65_000.0, Some("Senior"))
        ]
    );
    assert_eq!(
        doc.text(figures[0].span),
        "entre 40\u{a0}000 et 45\u{202f}000\u{a0}€ brut"
    );
}

// --- `repere salaries` --------------------------------------------------------

fn repere(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_repere"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn sample_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("2025-02-07-salaires.md"),
        article(
            "**Data Engineer** : Salaires (Junior <2 ans 45-52k€, Senior 5+ ans 68-82k€).\n\n\
             **Salaires comparés Senior** : Développeur Web 60-75k€, Data Engineer 68-82k€ (+12%).\n\n\
             En freelance, le TJM 450-650€.\n\n\
             Un Data Engineer Junior gagne au moins 45k€, un Senior environ 75k€.",
        ),
    )
    .unwrap();
    dir
}

#[test]
fn salaries_prints_a_table_of_the_figures() {
    let dir = sample_dir();
    let (code, out, err) = repere(&["salaries", "--no-config"], dir.path());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("where"), "{out}");
    for column in ["role", "level", "experience", "figure", "currency", "claim"] {
        assert!(lines[0].contains(column), "{out}");
    }
    let row = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(
        row("45-52k€"),
        "2025-02-07-salaires.md:7:45 Data Engineer Junior <2 ans 45-52k€ EUR - -"
    );
    assert!(
        row("+12%").contains("Data Engineer Senior - 68-82k€ EUR +12%"),
        "{out}"
    );
    assert!(!out.contains("450-650€"), "{out}");
    // Bounds and approximations read from the words around the figure.
    assert!(
        row(":13:40").ends_with("Data Engineer Junior - 45k€ EUR - at least"),
        "{out}"
    );
    assert!(row(":13:64").ends_with("75k€ EUR - approximate"), "{out}");
    assert!(out.contains("6 salary figure(s) in 1 file(s)."), "{out}");
    // --all adds the other amounts, and says why.
    let (_, out, _) = repere(&["salaries", "--no-config", "--all"], dir.path());
    assert!(out.contains("450-650€"), "{out}");
    assert!(out.contains("not a salary: « TJM » before it"), "{out}");
}

#[test]
fn salaries_prints_json() {
    let dir = sample_dir();
    let (code, out, err) = repere(
        &["salaries", "--no-config", "--format", "json", "."],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"], 1);
    let figures = v["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 6);
    let f = &figures[0];
    assert_eq!(f["line"], 7);
    assert_eq!(f["text"], "45-52k€");
    assert_eq!(f["low"], 45000.0);
    assert_eq!(f["currency"], "EUR");
    assert_eq!(f["role"]["name"], "Data Engineer");
    assert_eq!(f["level"]["name"], "Junior");
    assert_eq!(f["experience"]["text"], "<2 ans");
    assert_eq!(figures[3]["claim"]["text"], "+12%");
}

#[test]
fn salaries_reads_with_the_levels_of_the_rules_in_force() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("2025-02-07-a.md"),
        article("**Rédacteur** : Salaires (Apprenti 28-32k€)."),
    )
    .unwrap();
    fs::write(
        dir.path().join("pack.yaml"),
        "- id: salary-consistency\n  kind: salary\n  severity: error\n  levels:\n    - {name: Apprenti, rank: 0}\n",
    )
    .unwrap();
    let (_, out, _) = repere(&["salaries", "--no-config", "2025-02-07-a.md"], dir.path());
    assert!(!out.contains("Apprenti 28"), "{out}");
    let (_, out, err) = repere(
        &[
            "salaries",
            "--no-config",
            "--rules",
            "pack.yaml",
            "2025-02-07-a.md",
        ],
        dir.path(),
    );
    let row = out
        .lines()
        .find(|l| l.contains("28-32k€"))
        .unwrap_or_else(|| panic!("{out}{err}"));
    assert!(row.contains("Apprenti"), "{row}");
}

#[test]
fn salaries_reports_missing_paths() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = repere(&["salaries", "--no-config", "nowhere"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("nowhere"), "{err}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// Whatever the text, the salary rules and the extraction do not panic,
    /// and every span can be sliced out of the text.
    #[test]
    fn salary_rules_never_panic(text in "(?s)([0-9]{1,3}|k|K|M|€|\\$|£|EUR| |\u{a0}|\u{202f}|-|–|à|et|entre|de|~|\\+|%|\\(|\\)|:|=|,|\\.|/an|/jour|Junior|Senior|Mid|\\*\\*|Prompt Engineer|Salaires|TJM|vs|ans|<|\n|\n\n|- ){0,60}") {
        let source = format!("---\ndate: 2025-01-01\n---\n{text}");
        let linter = salary_linter(None);
        let result = linter.check_bytes(PathBuf::from("posts/2025-01-01-x.md"), source.clone().into_bytes());
        let report = linter.finish(vec![result]);
        for d in report.diagnostics() {
            proptest::prop_assert!(d.span.start <= d.span.end && d.span.end <= source.len());
            proptest::prop_assert!(source.is_char_boundary(d.span.start) && source.is_char_boundary(d.span.end));
            for l in &d.labels {
                proptest::prop_assert!(source.is_char_boundary(l.span.start.min(source.len())));
            }
        }
        let doc = Document::parse("x.md", source.clone());
        for f in salary::extract(&doc) {
            proptest::prop_assert!(source.get(f.span.start..f.span.end).is_some());
        }
    }
}

// --- The real blog, when `../shared` is there -------------------------------

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

fn seed() -> Option<(tempfile::TempDir, String)> {
    let Some(shared) = shared() else {
        eprintln!("skipped: no ../shared");
        return None;
    };
    let Ok(text) = fs::read_to_string(shared.join("seed/000_330bbee32e580590.txt")) else {
        eprintln!("skipped: no seed article in ../shared");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path()
            .join("2025-02-07-nouveaux-metiers-tech-2025-prompt-engineer-mlops.md"),
        &text,
    )
    .unwrap();
    Some((dir, text))
}

/// The "Done when" on the seed, through the command line.
#[test]
fn the_seed_gives_the_expected_salary_diagnostics() {
    let Some((dir, _)) = seed() else { return };
    let (code, out, err) = repere(
        &[
            "check",
            "--no-config",
            "--select",
            "salary",
            "--format",
            "json",
            ".",
        ],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let ds = v["diagnostics"].as_array().unwrap();
    let found: Vec<(String, u64, String, Vec<u64>)> = ds
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l["line"].as_u64().unwrap())
                    .collect(),
            )
        })
        .collect();
    let all = format!("{found:#?}");
    let has = |rule: &str, line: u64, words: &[&str]| {
        found
            .iter()
            .any(|(r, l, m, _)| r == rule && *l == line && words.iter().all(|w| m.contains(w)))
    };
    // MLOps Senior: 85-110k€ on line 47, 90-120k€ on lines 43 and 55.
    let mlops = found
        .iter()
        .find(|(r, l, m, _)| {
            r == "salary-consistency" && *l == 47 && m.contains("MLOps Engineer Senior")
        })
        .unwrap_or_else(|| panic!("no MLOps mismatch: {all}"));
    assert!(mlops.3.contains(&43) || mlops.3.contains(&55), "{all}");
    // +25% claimed for 80-100k€ against 60-75k€ is +33%.
    assert!(has("salary-consistency", 47, &["`+25%`", "+33%"]), "{all}");
    // +35% claimed for 85-110k€ is +42% to +47% (MLOps and Cloud Security).
    let thirty_five = found
        .iter()
        .filter(|(r, l, m, _)| {
            r == "salary-consistency"
                && *l == 47
                && m.contains("`+35%`")
                && m.contains("+42% to +47%")
        })
        .count();
    assert_eq!(thirty_five, 2, "{all}");
    // Prompt Engineer Senior: 4+ ans (lines 41, 53) and 5+ ans (line 47).
    assert!(
        has(
            "salary-plausibility",
            47,
            &["Prompt Engineer Senior", "`5+ ans`", "`4+ ans`"]
        ),
        "{all}"
    );
    // Cloud Security's figures agree: no mismatch names it.
    assert!(
        !found
            .iter()
            .any(|(_, _, m, _)| m.contains("Cloud Security") && m.contains(" here but ")),
        "{all}"
    );
    assert_eq!(found.len(), 5, "{all}");
}

#[test]
fn salaries_on_the_seed_lists_lines_41_to_47_and_53_to_57() {
    let Some((dir, _)) = seed() else { return };
    let (code, out, err) = repere(
        &["salaries", "--no-config", "--format", "json", "."],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows: Vec<(u64, String, String)> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["role"]["name"].as_str().unwrap_or("-").to_string(),
                f["level"]["name"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect();
    let ladder = |role: &str, levels: &[&str]| -> Vec<(String, String)> {
        levels
            .iter()
            .map(|l| (role.to_string(), l.to_string()))
            .collect()
    };
    let at = |line: u64| -> Vec<(String, String)> {
        rows.iter()
            .filter(|r| r.0 == line)
            .map(|r| (r.1.clone(), r.2.clone()))
            .collect()
    };
    let prompt = ladder("Prompt Engineer", &["Junior", "Mid", "Senior", "Expert"]);
    let mlops = ladder("MLOps Engineer", &["Junior", "Mid", "Senior", "Staff"]);
    let cloud = ladder(
        "Cloud Security Specialist",
        &["Junior", "Mid", "Senior", "Staff"],
    );
    assert_eq!(at(41), prompt);
    assert_eq!(at(43), mlops);
    assert_eq!(at(45), cloud);
    assert_eq!(
        at(47),
        [
            ("Développeur Full-Stack", "Senior"),
            ("Prompt Engineer", "Senior"),
            ("MLOps Engineer", "Senior"),
            ("Cloud Security", "Senior"),
            ("-", "Senior"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    assert_eq!(at(53), prompt);
    assert_eq!(at(55), mlops);
    assert_eq!(at(57), cloud);
    assert_eq!(rows.len(), 29, "{rows:?}");
}

/// The real posts: the number of salary diagnostics measured on them (see
/// docs/salary.md); a change here is a change of behaviour to look at.
#[test]
fn the_real_posts_give_no_salary_diagnostic() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no ../shared");
        return;
    };
    let posts = shared.join("corpus/content/posts");
    if !posts.is_dir() {
        eprintln!("skipped: no corpus in ../shared");
        return;
    }
    let (code, out, err) = repere(
        &[
            "check",
            "--no-config",
            "--select",
            "salary",
            "--format",
            "json",
            posts.to_str().unwrap(),
        ],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(code, 0, "{out}{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v:#}");
    // What the posts hold: 10 salary figures in one post, 21 other amounts.
    let (_, out, _) = repere(
        &[
            "salaries",
            "--no-config",
            "--all",
            "--format",
            "json",
            posts.to_str().unwrap(),
        ],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    let figures = v["figures"].as_array().unwrap();
    let salaries = figures.iter().filter(|f| f["salary"] == true).count();
    assert_eq!((salaries, figures.len() - salaries), (10, 21), "{v:#}");
}

/// A role is read through a verb of pay between it and the figure, and
/// after words of pay or small words that open a label.
#[test]
fn roles_are_read_past_verbs_and_words_of_pay() {
    for (text, role, level) in [
        (
            "Un Développeur Full-Stack Senior gagne 60-75k€.",
            "Développeur Full-Stack",
            "Senior",
        ),
        (
            "Un Security Engineer Senior touche 80-95k€.",
            "Security Engineer",
            "Senior",
        ),
        (
            "Rémunération d'un Développeur Go junior : 44-50k€.",
            "Développeur Go",
            "Junior",
        ),
        (
            "**Salaires ML Engineer** : Junior 45-50k€.",
            "ML Engineer",
            "Junior",
        ),
    ] {
        let doc = Document::parse("2025-02-07-x.md", article(text));
        let figures = salary::extract(&doc);
        let got: Vec<(Option<&str>, Option<&str>)> = figures
            .iter()
            .map(|f| {
                (
                    f.role.as_ref().map(|r| r.name.as_str()),
                    f.level.as_ref().map(|l| l.name.as_str()),
                )
            })
            .collect();
        assert_eq!(got, [(Some(role), Some(level))], "{text}");
    }
    // Words of pay alone are not a role.
    let doc = Document::parse(
        "2025-02-07-x.md",
        article("**Salaires comparés** : Senior 60-75k€."),
    );
    assert!(salary::extract(&doc)[0].role.is_none());
}

/// Role, level and place of each figure `body` holds, as read.
fn who_of(body: &str) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    let doc = Document::parse("2025-02-07-x.md", article(body));
    salary::extract(&doc)
        .into_iter()
        .map(|f| (f.role.map(|r| r.name), f.level.map(|l| l.name), f.place))
        .collect()
}

fn who(
    role: Option<&str>,
    level: Option<&str>,
    place: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    (
        role.map(str::to_string),
        level.map(str::to_string),
        place.map(str::to_string),
    )
}

/// The figures after the first of an enumeration in one sentence are of its
/// role and level, unless they name their own; what follows a figure
/// (its place) is its own, not the next one's.
#[test]
fn figures_enumerated_in_a_sentence_are_of_its_role() {
    for (body, expected) in [
        (
            "Un Data Engineer Senior gagne 60k€ en France, 75k€ au Canada et 90k€ en Suisse.",
            vec![
                who(Some("Data Engineer"), Some("Senior"), Some("France")),
                who(Some("Data Engineer"), Some("Senior"), Some("Canada")),
                who(Some("Data Engineer"), Some("Senior"), Some("Suisse")),
            ],
        ),
        (
            "Un Product Owner touche 50k€ à Paris, 45k€ à Tours et 42k€ en startup.",
            vec![
                who(Some("Product Owner"), None, Some("Paris")),
                who(Some("Product Owner"), None, Some("Tours")),
                who(Some("Product Owner"), None, None),
            ],
        ),
        // A level of its own.
        (
            "Un DevOps Junior touche 40k€ et un Senior 60k€.",
            vec![
                who(Some("DevOps"), Some("Junior"), None),
                who(Some("DevOps"), Some("Senior"), None),
            ],
        ),
        // The level said after the first figure is not the second's.
        (
            "Un Data Engineer gagne 45k€ en junior et 60k€ en moyenne.",
            vec![
                who(Some("Data Engineer"), Some("Junior"), None),
                who(Some("Data Engineer"), None, None),
            ],
        ),
        // Another role, another sentence, another statement: not carried.
        (
            "Un Développeur Junior gagne 40k€ et un analyste 35k€.",
            vec![
                who(Some("Développeur"), Some("Junior"), None),
                who(Some("analyste"), None, None),
            ],
        ),
        (
            "Un Développeur Junior gagne 40k€. Ailleurs, 35k€.",
            vec![
                who(Some("Développeur"), Some("Junior"), None),
                who(None, None, None),
            ],
        ),
        (
            "Un Développeur Junior gagne 40k€ ; en moyenne 35k€.",
            vec![
                who(Some("Développeur"), Some("Junior"), None),
                who(None, None, None),
            ],
        ),
        // A figure said for someone else is theirs.
        (
            "Un Géomètre Senior gagne 61k€, contre 39k€ pour un alternant.",
            vec![
                who(Some("Géomètre"), Some("Senior"), None),
                who(None, None, None),
            ],
        ),
        (
            "Un Géomètre Senior gagne 61k€, contre 49k€ pour un technicien du même âge.",
            vec![
                who(Some("Géomètre"), Some("Senior"), None),
                who(Some("technicien"), None, None),
            ],
        ),
    ] {
        assert_eq!(who_of(body), expected, "{body}");
    }
    // The second of another time is not set against the first.
    let text = article("Un Géomètre Senior gagne 61k€ aujourd'hui, 52k€ il y a quatre ans.");
    let ds = check(&text);
    assert!(ds.is_empty(), "{}", describe(&ds));
    // So a figure of the enumeration is set against the same figure said
    // again.
    let text = article(
        "Un Data Engineer Senior gagne 60k€ en France, 75k€ au Canada et 90k€ en Suisse.\n\n\
         Plus loin : le Data Engineer Senior gagne 85k€ au Canada.",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "85k€");
    assert_eq!(
        ds[0].message,
        "Data Engineer Senior (Canada) is 85k€ here but 75k€ at line 7"
    );
}

/// Between the role and its figure: an adverb after the verb of pay, `reste
/// à`, a verb of getting (`décrochent`), the figure set between commas with
/// a word of pay; and in an enumeration, a turn to another time.
#[test]
fn roles_are_read_across_adverbs_commas_and_turns_of_time() {
    for (body, expected) in [
        // A kind of employer between the role and its verb.
        (
            "Un Géomètre Junior en ESN touche 31k€.",
            vec![who(Some("Géomètre"), Some("Junior"), None)],
        ),
        (
            "Un Testeur Senior gagne ainsi 44k€ à Nantes.",
            vec![who(Some("Testeur"), Some("Senior"), Some("Nantes"))],
        ),
        (
            "Un Architecte Logiciel Senior reste à 75k€.",
            vec![who(Some("Architecte Logiciel"), Some("Senior"), None)],
        ),
        (
            "À Rouen, un Chef de Chantier Senior reste donc autour de 49k€.",
            vec![who(Some("Chef de Chantier"), Some("Senior"), Some("Rouen"))],
        ),
        (
            "Les Data Stewards seniors décrochent un salaire de 52k€.",
            vec![who(Some("Data Stewards"), Some("Senior"), None)],
        ),
        (
            "Un Responsable Paie Senior, payé 58 000 €, encadre deux personnes.",
            vec![who(Some("Responsable Paie"), Some("Senior"), None)],
        ),
        (
            "En 2019, un Ingénieur Réseau Senior touchait 48k€, désormais 57k€.",
            vec![
                who(Some("Ingénieur Réseau"), Some("Senior"), None),
                who(Some("Ingénieur Réseau"), Some("Senior"), None),
            ],
        ),
        // The clause before the comma is the figure before's: the second
        // is of its role as the next of an enumeration, not of `Lyon`.
        (
            "Un Analyste Senior touche 50k€ à Lyon, payé 45k€ ailleurs.",
            vec![
                who(Some("Analyste"), Some("Senior"), Some("Lyon")),
                who(Some("Analyste"), Some("Senior"), None),
            ],
        ),
    ] {
        assert_eq!(who_of(body), expected, "{body}");
    }
}

/// A role written in lowercase after an article, with a word of a trade;
/// a role said after the figure with `pour` and an article, or by a `Pour
/// un …,` that opens the sentence.
#[test]
fn roles_in_lowercase_after_the_figure_or_opening_the_sentence() {
    for (body, expected) in [
        (
            "Un ingénieur système junior gagne 36k€ et un ingénieur système senior 51k€.",
            vec![
                who(Some("ingénieur système"), Some("Junior"), None),
                who(Some("ingénieur système"), Some("Senior"), None),
            ],
        ),
        (
            "Un Chef de Produit touche 62k€, une designer produit 47k€.",
            vec![
                who(Some("Chef de Produit"), None, None),
                who(Some("designer produit"), None, None),
            ],
        ),
        // No trade named: no role.
        ("Un bon candidat touche 47k€.", vec![who(None, None, None)]),
        // `Côté` opens a clause that names the role, in lowercase too.
        (
            "Côté data analyst senior, comptez 47k€.",
            vec![who(Some("data analyst"), Some("Senior"), None)],
        ),
        (
            "Côté Géomètre Junior, prévoyez 31k€ ; côté startup, 29k€.",
            vec![
                who(Some("Géomètre"), Some("Junior"), None),
                who(None, None, None),
            ],
        ),
        (
            "Prévoyez 44k€ pour un Administrateur Systèmes Junior, 57k€ pour un Senior.",
            vec![
                who(Some("Administrateur Systèmes"), Some("Junior"), None),
                who(Some("Administrateur Systèmes"), Some("Senior"), None),
            ],
        ),
        (
            "Prévoyez 44k€ pour un Senior à Lille.",
            vec![who(None, Some("Senior"), Some("Lille"))],
        ),
        (
            "Pour une Data Architect, prévoyez 61k€ en confirmé et 74k€ en senior.",
            vec![
                who(Some("Data Architect"), Some("Mid"), None),
                who(Some("Data Architect"), Some("Senior"), None),
            ],
        ),
        // A short clause before the figure names its level, and makes it
        // a salary.
        (
            "Côté Géomètre : en junior, prévoyez 33k€ ; en senior, 51k€.",
            vec![
                who(Some("Géomètre"), Some("Junior"), None),
                who(None, Some("Senior"), None),
            ],
        ),
        // Not past a `;`, which starts another statement.
        (
            "Pour un Géomètre, l'embauche se fait à 35k€ ; plus tard, il vise 50k€.",
            vec![who(Some("Géomètre"), None, None), who(None, None, None)],
        ),
        // With its level, the clause makes the figure a salary.
        (
            "Pour un Géomètre Senior, prévoyez 58k€ à Lyon.",
            vec![who(Some("Géomètre"), Some("Senior"), Some("Lyon"))],
        ),
    ] {
        assert_eq!(who_of(body), expected, "{body}");
    }
}

/// `il`, `elle` with a verb of pay: the subject of the clause or sentence
/// before, when it opens with an article and a role; a person's name, or
/// a sentence with no role, gives none.
#[test]
fn a_pronoun_is_of_the_role_before_it() {
    for (body, expected) in [
        (
            "Un Géomètre Senior arpente les chantiers ; il gagne ainsi 57k€.",
            who(Some("Géomètre"), Some("Senior"), None),
        ),
        (
            "Une Paysagiste junior commence en bureau d'études. Elle touche environ 31k€.",
            who(Some("Paysagiste"), Some("Junior"), None),
        ),
        (
            "Les Urbanistes seniors sont rares : ils gagnent 62k€.",
            who(Some("Urbanistes"), Some("Senior"), None),
        ),
        (
            "Une Géomètre confirmée répond « oui ». Elle gagne 44k€.",
            who(Some("Géomètre"), Some("Mid"), None),
        ),
        (
            "Camille est Géomètre. Elle gagne 44k€.",
            who(None, None, None),
        ),
        ("Le secteur recrute. Il gagne 44k€.", who(None, None, None)),
    ] {
        assert_eq!(who_of(body), [expected], "{body}");
    }
}

/// A pronoun's figure after one its subject already gave is of another time
/// or case (a promotion, the next year, bonuses): not set against it.
#[test]
fn a_pronoun_after_a_figure_of_its_subject_is_another_case() {
    for body in [
        "Un Urbaniste Junior touche 34k€ brut ; l'année suivante, il touche 39k€ brut.",
        "Un Urbaniste Junior touche 34k€ brut ; il touche 39k€ brut l'année suivante.",
        "Une Paysagiste Junior touche 31k€ brut. Elle touche 35k€ brut avec les primes.",
        "Une Paysagiste Junior touche 31k€ brut. Elle gagne désormais 36k€ brut.",
        "Un Topographe Junior touche 30k€ brut ; au bout de trois ans, il touche 37k€ brut.",
    ] {
        let text = article(body);
        let ds = check(&text);
        assert!(ds.is_empty(), "{body}\n{}", describe(&ds));
    }
    // Without a figure before, the pronoun still reads its subject; and
    // with a place or a year that tells the two apart.
    assert_eq!(
        who_of("Un Urbaniste Junior débute en agence ; il touche 34k€ brut."),
        [who(Some("Urbaniste"), Some("Junior"), None)]
    );
    assert_eq!(
        who_of("Un Urbaniste Junior touche 34k€ à Lyon ; à Nantes, il touche 31k€."),
        [
            who(Some("Urbaniste"), Some("Junior"), Some("Lyon")),
            who(Some("Urbaniste"), Some("Junior"), Some("Nantes")),
        ]
    );
}

/// In a table whose header names levels, the figures are salaries with no
/// word of pay: a grid by level, compared with the same said elsewhere.
#[test]
fn a_grid_by_level_in_a_table_is_of_salaries() {
    let text = article(
        "| Métier | Junior | Senior |\n|---|---|---|\n| Géomaticien | 36k€ | 52k€ |\n\n\
         Plus loin, un Géomaticien Senior gagne 57k€.",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(
        ds[0].message,
        "Géomaticien Senior is 57k€ here but 52k€ at line 9"
    );
    // A header with no level says nothing of the kind.
    let text = article("| Poste | Lyon | Paris |\n|---|---|---|\n| Géomaticien | 36k€ | 52k€ |");
    let doc = Document::parse("2025-02-07-x.md", text);
    assert!(salary::extract(&doc).iter().all(|f| !f.salary));
}

/// `Le salaire d'un X est de N`: `est de` says the pay as a verb does; a
/// person's name after `de` is no role.
#[test]
fn the_pay_of_a_role_is_read_after_est_de() {
    for (body, expected) in [
        (
            "Le salaire d'un CTO est de 120k€ à Paris.",
            who(Some("CTO"), None, Some("Paris")),
        ),
        (
            "Le salaire médian d'un Data Analyst Senior est d'environ 58k€.",
            who(Some("Data Analyst"), Some("Senior"), None),
        ),
        ("Le salaire de Julie est de 70k€.", who(None, None, None)),
        (
            "La rémunération moyenne est de 55k€.",
            who(None, None, None),
        ),
    ] {
        assert_eq!(who_of(body), [expected], "{body}");
    }
    let text = article("Le salaire d'un CTO est de 120k€ à Paris.\n\nUn CTO gagne 150k€ à Paris.");
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(
        ds[0].message,
        "CTO (Paris) is 150k€ here but 120k€ at line 7"
    );
}

/// A sentence ending with a colon names the role of the list or table
/// after it, with a word of pay; a figure in a clause that opens its
/// sentence is of the subject after it; an adjective of place or
/// `salarié` after a role is no part of it.
#[test]
fn roles_named_before_a_list_after_an_opening_clause_or_with_an_adjective() {
    for (body, expected) in [
        (
            "Voici la rémunération d'un Géomètre selon son niveau :\n\n\
             - Junior : 33k€ brut\n- Senior : 51k€ brut",
            vec![
                who(Some("Géomètre"), Some("Junior"), None),
                who(Some("Géomètre"), Some("Senior"), None),
            ],
        ),
        (
            "Ce que touche une Urbaniste en 2025 :\n\n\
             | Ville | Salaire |\n|---|---|\n| Lyon | 36k€ |\n| Rennes | 34k€ |",
            vec![
                who(Some("Urbaniste"), None, Some("Lyon")),
                who(Some("Urbaniste"), None, Some("Rennes")),
            ],
        ),
        // Two roles, or none, named: the items' figures have none.
        (
            "Les salaires d'un Géomètre et d'un Topographe :\n\n- Junior : 31k€ brut",
            vec![who(None, Some("Junior"), None)],
        ),
        (
            "Voici les salaires relevés cette année :\n\n- Junior : 31k€ brut",
            vec![who(None, Some("Junior"), None)],
        ),
        // Without the colon, the sentence introduces nothing.
        (
            "Les salaires d'un Géomètre varient.\n\n- Junior : 31k€ brut",
            vec![who(None, Some("Junior"), None)],
        ),
        (
            "Avec un salaire médian de 47k€ brut, le Paysagiste Senior vit bien.",
            vec![who(Some("Paysagiste"), Some("Senior"), None)],
        ),
        // Not a person, nor past a comma before the figure.
        (
            "Avec un salaire de 47k€ brut, Julie vit bien.",
            vec![who(None, None, None)],
        ),
        (
            "En somme, avec un salaire de 47k€ brut, le Paysagiste Senior vit bien.",
            vec![who(None, None, None)],
        ),
        (
            "Un Géomètre Senior lyonnais gagne 49k€.",
            vec![who(Some("Géomètre"), Some("Senior"), Some("Lyon"))],
        ),
        // `salarié` is kept: the figure is told from one on one's own.
        (
            "Une Paysagiste salariée touche 35k€ brut.",
            vec![who(Some("Paysagiste salariée"), None, None)],
        ),
    ] {
        assert_eq!(who_of(body), expected, "{body}");
    }
    let text = article(
        "Voici la rémunération d'un Géomètre selon son niveau :\n\n\
         - Junior : 33k€ brut\n- Senior : 51k€ brut\n\n\
         Plus loin, un Géomètre Senior gagne 58k€ brut.",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "58k€ brut");
}

/// `en full remote` and `en télétravail` between a role and its verb are
/// skipped as a place is, and so is a possessive after the verb (`touche
/// ses 55k€`); full remote and remote are one place, télétravail (often
/// partial) another.
#[test]
fn roles_are_read_past_remote_work_contracts_and_possessives() {
    for (body, expected) in [
        (
            "Un Géomètre Senior en full remote gagne 60k€.",
            who(Some("Géomètre"), Some("Senior"), Some("full remote")),
        ),
        (
            "Une Paysagiste Junior en télétravail gagne 33k€.",
            who(Some("Paysagiste"), Some("Junior"), Some("télétravail")),
        ),
        (
            "Un Géomètre Senior en CDI touche ses 55k€ brut.",
            who(Some("Géomètre"), Some("Senior"), None),
        ),
    ] {
        assert_eq!(who_of(body), [expected], "{body}");
    }
    let text = article(
        "Un Géomètre Senior en remote gagne 52k€ brut.\n\n\
         Un Géomètre Senior en full remote gagne 60k€ brut.\n\n\
         Un Géomètre Senior en télétravail partiel gagne 55k€ brut.",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "60k€ brut");
}

/// A first name before a figure is someone, not a role: her pay is her own
/// case, which may change over the article without contradicting it.
#[test]
fn a_first_name_is_someone_not_a_role() {
    let text = article(
        "Camille gagne 41k€ brut.\n\n\
         Après sa promotion, Camille gagne 47k€ brut, Mathis 45k€ brut.\n\n\
         Un Géomètre Senior gagne 52k€ brut.",
    );
    let ds = check(&text);
    assert!(ds.is_empty(), "{}", describe(&ds));
    let doc = Document::parse("2025-02-07-x.md", text);
    let read: Vec<(Option<String>, Option<String>)> = salary::extract(&doc)
        .into_iter()
        .map(|f| (f.role.map(|r| r.name), f.qualifier))
        .collect();
    assert_eq!(
        read,
        [
            (None, Some("Camille".to_string())),
            (None, Some("Camille".to_string())),
            (None, Some("Mathis".to_string())),
            (Some("Géomètre".to_string()), None),
        ]
    );
}

/// A figure the article gives from its own data (`D'après nos données`) is
/// set against its others; one from a named source is not.
#[test]
fn the_article_s_own_data_is_no_other_source() {
    let text = article(
        "Selon nos chiffres, un Géomètre Senior gagne 52k€ brut.\n\n\
         Plus loin, un Géomètre Senior gagne 60k€ brut.",
    );
    let ds = check(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(spanned(&text, &ds[0]), "60k€ brut");
    let text = article(
        "D'après l'Observatoire des Géomètres, un Géomètre Senior gagne 52k€ brut.\n\n\
         Plus loin, un Géomètre Senior gagne 60k€ brut.",
    );
    let ds = check(&text);
    assert!(ds.is_empty(), "{}", describe(&ds));
}

/// What the review of the list intros, the opening clause, the words after
/// a role, own data and places found: none of these is a mismatch with a
/// Géomètre Junior at 33k€.
#[test]
fn the_intro_and_clause_readings_make_no_false_mismatch() {
    for body in [
        // A list after another sentence, or a role named to compare.
        "Le salaire d'un Géomètre est correct. Les Cartographes, eux, débutent plus bas :\n\n\
         - Junior : 30k€\n- Senior : 44k€",
        "Pour comparer avec le salaire d'un Géomètre, voici les chiffres des Cartographes :\n\n\
         - Junior : 30k€",
        "Voici la rémunération d'un Géomètre comme d'un Cartographe :\n\n- Junior : 30k€",
        "Voici les salaires d'un Géomètre Junior relevés auprès de nos lecteurs :\n\n\
         - Luc, à Brest : 31k€\n- Anne, à Brest : 34k€",
        // A table whose header names the roles.
        "Voici ce que touche un Géomètre :\n\n| Niveau | Géomètre | Cartographe |\n\
         |---|---|---|\n| Junior | 32-35k€ | 29-31k€ |",
        // Data points: people, offers.
        "Voici ce que touche un Géomètre Junior, selon nos lecteurs :\n\n\
         - Luc, à Brest : 31k€\n- Anne, à Brest : 34k€",
        "Les offres de salaire reçues pour un Géomètre Junior :\n\n\
         - à Brest : 31k€\n- à Brest encore : 34k€",
        // Goals, hypotheses, thresholds; a participle; another sentence.
        "Pour atteindre un salaire de 60k€, le Géomètre Junior doit se mettre à son compte.",
        "Même avec un salaire de 40k€, le Géomètre Junior reste mieux loti qu'un stagiaire.",
        "Loin des 70k€ de salaire annuel, le Géomètre Junior plafonne en région.",
        "Avec un salaire de 60k€, le Géomètre Junior serait comblé.",
        "Avec un salaire de 30k€, un Géomètre Junior peut à peine se loger à Paris.",
        // An intro by something other than level, place or year: the
        // labels tell the items apart.
        "Voici le salaire d'un Géomètre Junior selon l'ancienneté :\n\n\
         - en début de carrière : 24k€\n- après dix ans : 30k€",
        "Voici le salaire d'un Géomètre Junior par statut :\n\n\
         - en cabinet : 30k€\n- en libéral : 36k€",
        // Items whose labels say what differs; a figure said for someone
        // else after a `Côté …,` clause.
        "Voici l'évolution du salaire d'un Géomètre Junior :\n\n\
         - premier poste : 29k€\n- deuxième poste : 31k€",
        "Côté Géomètre, comptez 33k€ en junior, contre 30k€ pour un dessinateur junior.",
        "Un Géomètre Junior touche un salaire médian de 48k€. Le salaire médian du métier est de 36k€, \
         le Géomètre Junior touchant nettement plus.",
        "On parle ici d'un salaire de 36k€. Brut, le Géomètre Junior n'en voit qu'une partie.",
        // `salarié`, as a word of the role or a noun.
        "Un Géomètre Junior salarié touche 28k€ ; à son compte, il vise bien plus.",
        "Souvent, un Géomètre Junior embauche un salarié payé 28k€.",
        // Another source with a possessive; the article's own data of
        // another year.
        "Selon nos confrères de l'Observatoire, un Géomètre Junior gagne 30k€.",
        "Selon notre enquête 2022, un Géomètre Junior gagne 30k€.",
        // Another contract.
        "Un Géomètre Junior en CDD touche 30k€.",
        "Un Géomètre Junior en intérim touche 36k€.",
    ] {
        let text = article(&format!("Un Géomètre Junior gagne 33k€.\n\n{body}"));
        let ds = check(&text);
        assert!(ds.is_empty(), "{body}\n{}", describe(&ds));
    }
    // Full remote and remote are one place, télétravail (often partial)
    // another.
    let text = article(
        "Un Géomètre Junior gagne 33k€ en full remote.\n\n\
         Un Géomètre Junior gagne 31k€ en télétravail partiel.",
    );
    let ds = check(&text);
    assert!(ds.is_empty(), "{}", describe(&ds));
}

/// What the code review of the new readings found: none of these is a
/// mismatch.
#[test]
fn the_new_readings_make_no_false_mismatch() {
    for body in [
        // A contrast whose second figure says nothing of its own.
        "Un Géomètre Senior gagne 61k€ brut, contre 52k€ brut en moyenne.",
        "Un Géomètre Junior gagne 34k€ brut, puis 41k€ brut un an plus tard.",
        // A pronoun at a later time.
        "Un Géomètre Junior gagne 34k€ brut. Il touche 48k€ brut cinq ans plus tard.",
        // A clause that names a level it is not.
        "Un Géomètre Senior gagne 61k€ brut. Avant de passer senior, un Géomètre touche 48k€ brut.",
        // A company after `de`, between commas.
        "Le CTO de Doctolib, payé 150k€ brut, encadre le Head of Data de Doctolib, payé 120k€ brut.",
        // `est de` after a word of something else.
        "Un Géomètre Senior gagne 61k€ brut. L'écart avec un Géomètre Senior est de 8k€ brut.",
        // Someone met, named in apposition.
        "Une Géomètre Senior que nous avons rencontrée, Julie, travaille à Lyon. \
         Elle gagne 52k€ brut. Une Géomètre Senior gagne 61k€ brut.",
    ] {
        let text = article(body);
        let ds = check(&text);
        assert!(ds.is_empty(), "{body}\n{}", describe(&ds));
    }
    // A kind of employer is no role.
    assert_eq!(
        who_of("Pour une ESN, comptez 45k€ brut."),
        [who(None, None, None)]
    );
}

/// What the review of the context reading found: none of these is a
/// mismatch.
#[test]
fn context_words_do_not_make_false_mismatches() {
    for body in [
        // A company after `de` is not the subject of `gagne`.
        "Un DevOps Senior gagne 62k€ chez Doctolib et 58k€ chez Criteo.\n\nLe Head of Data de Doctolib gagne 120k€.",
        // Net said before the figure; a monthly figure without a basis is not taken for gross.
        "Le salaire net d'un Développeur Senior est de 3 500 € par mois.\n\nUn Développeur Senior gagne 4 500 € brut par mois.",
        // `Loin de Lyon` is not `à Lyon`.
        "Loin de Lyon, un Product Manager Senior touche 65k€.\n\nÀ Lyon, un Product Manager Senior touche 55k€.",
        // A place a few words after the preposition.
        "Un Développeur Senior gagne 60k€ en moyenne à Paris.\n\nUn Développeur Senior gagne 50k€ à Lyon.",
    ] {
        let ds = check(&article(body));
        let mismatches: Vec<&Diagnostic> =
            ds.iter().filter(|d| d.message.contains(" but ")).collect();
        assert!(mismatches.is_empty(), "{body}\n{}", describe(&ds));
    }
    // `en moyenne depuis 2019` does not make the figure one of 2019: it is
    // compared with the article's other figures.
    let ds = check(&article(
        "Un Développeur Senior gagne 55k€ en moyenne depuis 2019.\n\nUn Développeur Senior gagne 65k€.",
    ));
    assert_eq!(
        ds.iter().filter(|d| d.message.contains(" but ")).count(),
        1,
        "{}",
        describe(&ds)
    );
}

/// A figure far below the others is said as a share of their median, not
/// as a fraction.
#[test]
fn a_figure_far_below_the_median_is_said_as_a_share_of_it() {
    let text = article(
        "- Salaire Data Engineer Junior : 95k€\n- Salaire Data Engineer Mid : 110k€\n- Salaire Data Engineer Senior : 130k€\n- Salaire Data Engineer Lead : 24k€\n",
    );
    let found = check(&text);
    let below: Vec<&str> = found
        .iter()
        .filter(|d| d.message.contains("median"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        below,
        ["`24k€` is 22% of the median of the article's other salary figures (110k€)"],
        "{}",
        describe(&found)
    );
}
