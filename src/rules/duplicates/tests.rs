use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::units::jaccard;
use super::*;
use crate::diagnostic::Diagnostic;
use crate::engine::Linter;
use crate::pack::{PackSource, RuleSet};

/// The default rules of this kind.
fn linter() -> Linter {
    let mut set =
        RuleSet::load(&PackSource::defaults()).unwrap_or_else(|e| panic!("{:?}", e[0].message));
    set.rules.retain(|r| r.meta.kind == "duplicates");
    assert_eq!(set.rules.len(), 2);
    Linter::new(set)
}

fn check(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let linter = linter();
    let results = files
        .iter()
        .map(|(p, text)| linter.check_source(Arc::new(PathBuf::from(p)), text.to_string()))
        .collect();
    linter.finish(results).diagnostics().cloned().collect()
}

fn units_of(text: &str) -> Vec<Unit> {
    let doc = Document::parse("posts/2025-01-01-a.md", text.to_string());
    Extractor {
        kinds: vec![BlockKind::Paragraph, BlockKind::ListItem],
        min_words: 1,
        shingle: 3,
        skip_sections: Vec::new(),
        allowed: Vec::new(),
    }
    .units(&doc)
}

const MONTAGNE: &str = "Le chemin qui monte vers le refuge traverse une forêt de mélèzes, puis longe un torrent que l'on entend bien avant de le voir.";
const MONTAGNE_EDIT: &str = "Le sentier qui monte vers le refuge traverse une forêt de mélèzes, puis longe un torrent que l'on entend longtemps avant de le voir.";

/// Copies whose words are the same but whose currency or sign differs
/// are told so (no fix deletes them: only a copy written alike is
/// deleted); a `-` between words and emphasis are no such difference.
#[test]
fn copies_that_differ_in_a_sign_or_currency_are_told_so() {
    let para = "Les salaires des développeurs seniors à Paris montent à 70k€ brut par an selon les offres.";
    let item =
        "Une hausse de +15 % des salaires seniors a été observée dans les offres de cette année.";
    let same =
        "Le même texte, peut-être répété deux fois, dans un article sans aucune différence ici.";
    let text = format!(
        "## Un\n\n{para}\n\n{}\n\n- {item}\n- {}\n\n{same}\n\n{}\n",
        para.replace('€', "$"),
        item.replace('+', "-"),
        same.replace("Le même", "Le *même*"),
    ) + &format!("\n{same}\n");
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    let got: Vec<(&str, bool)> = d
        .iter()
        .map(|d| (d.message.as_str(), d.fix.is_some()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "paragraph repeats the words of line 3, with `$` where it has `€`",
                false
            ),
            (
                "list item repeats the words of line 7, with `-` where it has `+`",
                false
            ),
            ("paragraph repeats line 10 word for word", false),
            ("paragraph repeats line 10 word for word", true),
        ],
        "{d:#?}"
    );
    assert_eq!(symbols_differ("< 2 ans, 45k€", "<2 ans, 45k€"), None);
    // A list item's marker before a number, and a strikethrough, are no
    // sign.
    assert_eq!(
        symbols_differ("- 3 jours de télétravail", "3 jours de télétravail"),
        None
    );
    assert_eq!(symbols_differ("* 3 jours", "1. 3 jours"), None);
    assert_eq!(
        symbols_differ("- ~~15 jours~~ de congés", "- 15 jours de congés"),
        None
    );
    assert_eq!(
        symbols_differ("- -3 jours", "- 3 jours"),
        Some(("-".to_string(), "nothing".to_string()))
    );
    assert_eq!(
        symbols_differ("45k€ (+20 %)", "45k€ (+20)"),
        Some(("%".to_string(), "nothing".to_string()))
    );
}

#[test]
fn exact_and_near_copies_in_an_article() {
    let text = format!(
        "## Un\n\n{MONTAGNE}\n\n## Deux\n\n{}\n\n{MONTAGNE_EDIT}\n",
        MONTAGNE.to_uppercase().replace(',', " ;")
    );
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(d[0].rule.as_ref(), "duplicate-paragraph");
    assert_eq!(d[0].location.line, 7);
    assert_eq!(d[0].message, "paragraph repeats line 3 word for word");
    assert_eq!(d[0].labels[0].location.line, 3);
    assert_eq!(d[1].location.line, 9);
    let j = jaccard(
        &units_of(MONTAGNE)[0].shingles,
        &units_of(MONTAGNE_EDIT)[0].shingles,
    );
    let pct = (j * 100.0).floor() as u32;
    assert_eq!(
        d[1].message,
        format!("paragraph is {pct}% similar to line 3")
    );
    assert_eq!(d[1].labels[0].location.line, 3);
}

#[test]
fn counted_similarity_is_the_jaccard_of_the_sets() {
    let text = format!("{MONTAGNE}\n\n{MONTAGNE_EDIT}\n\n- {MONTAGNE} Et puis voilà.\n");
    let units = units_of(&text);
    let best = article_matches(&units, 0.1, None);
    assert_eq!(best[0], None);
    for (i, m) in best.iter().enumerate().skip(1) {
        let m = m.unwrap();
        let j = jaccard(&units[i].shingles, &units[m.earlier].shingles);
        assert!((m.similarity - j).abs() < 1e-12);
    }
    // The list item is closer to the first paragraph than to its edit.
    assert_eq!(best[2].unwrap().earlier, 0);
}

#[test]
fn three_copies_give_one_finding_per_extra_copy() {
    let text = format!("{MONTAGNE}\n\n{MONTAGNE}\n\n{MONTAGNE}\n");
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    let lines: Vec<(usize, usize)> = d
        .iter()
        .map(|d| (d.location.line, d.labels[0].location.line))
        .collect();
    assert_eq!(lines, [(3, 1), (5, 1)]);
}

#[test]
fn a_paragraph_copied_into_another_article_names_the_first() {
    let first = format!("## Avant\n\nUne phrase d'introduction sans rapport.\n\n{MONTAGNE}\n");
    let second = format!("# Titre\n\n{MONTAGNE}\n");
    let d = check(&[
        ("posts/2025-02-01-b.md", &second),
        ("posts/2025-01-01-a.md", &first),
    ]);
    assert_eq!(d.len(), 1, "{d:#?}");
    let d = &d[0];
    assert_eq!(d.rule.as_ref(), "duplicate-paragraph-corpus");
    assert_eq!(*d.path, PathBuf::from("posts/2025-02-01-b.md"));
    assert_eq!(d.location.line, 3);
    assert_eq!(
        d.message,
        "paragraph repeats posts/2025-01-01-a.md:5 word for word"
    );
    let label = &d.labels[0];
    assert_eq!(
        label.path.as_deref(),
        Some(&PathBuf::from("posts/2025-01-01-a.md"))
    );
    assert_eq!(label.location.line, 5);
    assert_eq!(label.location.column, 1);
}

const MUR: &str = "Le deuxième et le troisième mois sont ceux du mur. Les notions s'accumulent plus vite qu'on ne les digère : asynchronisme, bases de données, tests, déploiement.";
const MUR_SANS_ACCENTS: &str = "Le deuxieme et le troisieme mois sont ceux du mur. Les notions s’accumulent plus vite qu'on ne les digere : asynchronisme, bases de donnees, tests, deploiement.";

/// A copy whose accents were dropped (and apostrophes changed) is near,
/// 100% similar, in an article and across articles: its words are not
/// the same as written, but the same once folded.
#[test]
fn a_copy_without_its_accents_is_near() {
    let text = format!("## Un\n\n{MUR}\n\n## Deux\n\n{MUR_SANS_ACCENTS}\n");
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].message, "paragraph is 100% similar to line 3");
    let d = check(&[
        ("posts/2025-01-01-a.md", &format!("{MUR}\n")),
        ("posts/2025-01-02-b.md", &format!("{MUR_SANS_ACCENTS}\n")),
    ]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        d[0].message,
        "paragraph is 100% similar to posts/2025-01-01-a.md:1"
    );
}

/// Words that fold to nothing (`ʼ` alone, a lone accent) leave a unit a
/// shingle of its own: two such units are not alike for having none.
#[test]
fn a_unit_that_folds_to_nothing_is_like_no_other() {
    let text = format!("{}\n\n{}\n", "ʼ ".repeat(12), "´ ".repeat(12));
    let units = units_of(&text);
    assert_eq!(units.len(), 2);
    assert_eq!((units[0].words, units[1].words), (12, 12));
    assert_eq!((units[0].shingles.len(), units[1].shingles.len()), (1, 1));
    assert_ne!(units[0].shingles, units[1].shingles);
    assert!(check(&[("posts/2025-01-01-a.md", &text)]).is_empty());
}

/// A passage two articles share on purpose (a series banner, a quoted
/// definition) is reported across articles; the help says that `allow`
/// lets it be, as well as how to remove the copy.
#[test]
fn a_copy_across_articles_is_told_that_allow_may_keep_it() {
    let banner = "*Cet article fait partie de la série « Se reconvertir dans la tech ». Les constats viennent de mon expérience d'accompagnement et ne valent pas étude de marché.*";
    let d = check(&[
        (
            "posts/2025-05-01-serie-1.md",
            &format!("{banner}\n\n## Un\n\nA.\n"),
        ),
        (
            "posts/2025-05-02-serie-2.md",
            &format!("{banner}\n\n## Un\n\nB.\n"),
        ),
    ]);
    assert_eq!(d.len(), 1, "{d:#?}");
    let help = d[0].help.as_deref().unwrap_or_default();
    assert!(
        help.starts_with("keep the text in one of the two articles"),
        "{help}"
    );
    assert!(
        help.contains("list it in this rule's `allow` option in repere.toml"),
        "{help}"
    );
}

#[test]
fn copies_across_files_point_at_the_most_similar_earlier_one() {
    let a = format!("{MONTAGNE}\n");
    let b = format!("{MONTAGNE_EDIT}\n");
    let c = format!("{MONTAGNE_EDIT}\n");
    let d = check(&[
        ("posts/2025-01-01-a.md", &a),
        ("posts/2025-01-02-b.md", &b),
        ("posts/2025-01-03-c.md", &c),
    ]);
    let got: Vec<(String, String)> = d
        .iter()
        .map(|d| {
            (
                d.path.display().to_string(),
                d.labels[0].path.as_ref().unwrap().display().to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "posts/2025-01-02-b.md".into(),
                "posts/2025-01-01-a.md".into()
            ),
            (
                "posts/2025-01-03-c.md".into(),
                "posts/2025-01-02-b.md".into()
            ),
        ]
    );
    assert!(d[1].message.ends_with("word for word"));
}

/// A paragraph copied into a longer one is less than 50% similar to it but
/// is a copy: the default rule's `containment` reports it, whichever of
/// the two comes first, and says which holds which.
#[test]
fn a_paragraph_copied_into_a_longer_one_is_found() {
    let longer = format!(
        "Avec le recul, une marche compte plus que les autres pendant tout le voyage. {MONTAGNE} Le reste du trajet se fait en silence, sac au dos, jusqu'au soir."
    );
    let later_longer = format!("{MONTAGNE}\n\n{longer}\n");
    let d = check(&[("posts/2025-01-01-a.md", &later_longer)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].location.line, 3);
    assert_eq!(d[0].message, "paragraph repeats 100% of line 1 inside it");
    assert_eq!(d[0].labels[0].location.line, 1);
    let units = units_of(&later_longer);
    assert!(jaccard(&units[0].shingles, &units[1].shingles) < 0.5);

    let later_shorter = format!("{longer}\n\n- Bref : {MONTAGNE}\n");
    let d = check(&[("posts/2025-01-01-a.md", &later_shorter)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    let m = &d[0].message;
    assert!(
        m.ends_with("% of this list item is already in line 1") && !m.starts_with("100"),
        "{m}"
    );

    // Without `containment` (the corpus rule's case), the pair is not one.
    let units = units_of(&later_longer);
    assert!(article_matches(&units, 0.5, None)[1].is_none());
    assert!(article_matches(&units, 0.5, Some(0.8))[1].is_some());
}

/// A list copied whole is one finding over the copy, with a label over the
/// first list; items copied in another order, or apart, are told one by one.
#[test]
fn a_copied_list_is_one_finding() {
    let items = [
        "Relire chaque semaine les décisions prises par l'équipe, avec leurs raisons et leurs effets",
        "Noter ce qui a surpris pendant le sprint, même quand rien ne semblait aller de travers",
        "Demander un retour franc à une personne qui ne travaille pas dans la même équipe",
    ];
    let list = |order: [usize; 3]| -> String {
        order.iter().map(|&i| format!("- {}\n", items[i])).collect()
    };
    let text = format!(
        "## Un\n\n{}\n## Deux\n\nUn paragraphe entre les deux listes.\n\n{}",
        list([0, 1, 2]),
        list([0, 1, 2])
    );
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].message, "3 list items repeat lines 3–5 word for word");
    assert_eq!((d[0].location.line, d[0].labels[0].location.line), (11, 3));
    let end = text.trim_end().len();
    assert_eq!(d[0].span.end, end);

    // One item edited: still one finding, which says so.
    let edited = text
        .replacen("même quand rien", "même si rien", 2)
        .replacen("même si rien", "même quand rien", 1);
    let d = check(&[("posts/2025-01-01-a.md", &edited)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert!(
        d[0].message
            .starts_with("3 list items repeat lines 3–5: 2 word for word, 1 ")
            && d[0].message.ends_with("% similar"),
        "{}",
        d[0].message
    );

    // The same list twice, a paragraph between, each item written by `item`.
    let twice = |order: [usize; 3], item: &dyn Fn(&str) -> String| -> String {
        let list: String = order.iter().map(|&i| item(items[i])).collect();
        format!("{list}\nUn paragraphe entre les deux listes.\n\n{list}")
    };

    // In quotes too.
    let text = twice([0, 1, 2], &|item| format!("> - {item}\n"));
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].message, "3 list items repeat lines 1–3 word for word");

    // An item written on two lines: the range is the label's.
    let text = twice([2, 0, 1], &|item| {
        format!("- {}\n", item.replacen(", ", ",\n  ", 1))
    });
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0].message, "3 list items repeat lines 1–5 word for word");
    assert_eq!(d[0].labels[0].location.end_line, 5);

    // A suppression comment in the copy silences its item only.
    let text = format!(
        "{}\nUn paragraphe entre les deux listes.\n\n- {}\n  <!-- repere-disable-next-line duplicate-paragraph -->\n- {}\n- {}\n",
        list([0, 1, 2]),
        items[0],
        items[1],
        items[2]
    );
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(
        d.iter()
            .all(|x| x.message.starts_with("list item repeats line"))
    );

    // A list repeating part of itself is not two lists.
    let text = format!("{}- {}\n- {}\n", list([0, 1, 2]), items[0], items[1]);
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(
        d.iter()
            .all(|x| x.message.starts_with("list item repeats line"))
    );

    // In another order: item by item.
    let text = format!(
        "{}\nUn paragraphe entre les deux listes.\n\n{}",
        list([0, 1, 2]),
        list([2, 1, 0])
    );
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(d.len(), 3, "{d:#?}");
    assert!(
        d.iter()
            .all(|x| x.message.starts_with("list item repeats line"))
    );
}

#[test]
fn sharing_a_link_or_a_title_is_not_a_copy() {
    let link = "[Pourquoi le CTO n'est pas le meilleur développeur de son équipe technique](/posts/cto-pas-meilleur-developpeur/)";
    let text = format!(
        "Avant de choisir, lis {link} qui raconte une promotion ratée.\n\n\
         Pour la suite, {link} donne aussi trois exemples concrets.\n"
    );
    assert!(check(&[("posts/2025-01-01-a.md", &text)]).is_empty());
    // The link counts as one word: this unit is too short to be compared.
    assert_eq!(units_of(&format!("Lire {link}.\n"))[0].words, 2);
}

#[test]
fn skipped_sections_short_units_and_code_are_ignored() {
    let text = format!(
        "## Pour approfondir\n\n{MONTAGNE}\n\n### Détail\n\n{MONTAGNE}\n\n## Suite\n\n\
         Trop court pour compter ici.\n\nTrop court pour compter ici.\n\n```\n{MONTAGNE}\n```\n\n    {MONTAGNE}\n\n{MONTAGNE}\n"
    );
    assert!(check(&[("posts/2025-01-01-a.md", &text)]).is_empty());
}

/// A reading list's heading numbered or decorated as the sections rule
/// allows (`## 6. Pour aller plus loin`, `## 📚 Pour approfondir`) is
/// skipped as its title is.
#[test]
fn skipped_sections_are_known_by_their_numbered_titles() {
    for heading in [
        "6. Pour aller plus loin",
        "8) Pour approfondir",
        "1️⃣ Pour approfondir",
        "📚 Pour aller plus loin",
    ] {
        let text = format!("## Un\n\n{MONTAGNE}\n\n## {heading}\n\n{MONTAGNE}\n");
        let d = check(&[("posts/2025-01-01-a.md", &text)]);
        assert!(d.is_empty(), "{heading}: {d:#?}");
    }
}

#[test]
fn a_list_item_span_stops_before_its_nested_list() {
    let text = format!("- {MONTAGNE}\n  - sous-point\n\n{MONTAGNE}\n");
    let units = units_of(&text);
    let doc = Document::parse("a.md", text.clone());
    assert_eq!(doc.text(units[0].span), format!("- {MONTAGNE}"));
    assert_eq!(units.len(), 3);
}

#[test]
fn options_are_checked() {
    let load = |extra: &str| {
        let text = format!("- id: d\n  kind: duplicates\n  severity: warning\n{extra}");
        RuleSet::load(&[PackSource::new("p.yaml", text)])
            .err()
            .map(|e| e[0].message.clone())
    };
    assert!(load("  similarity: 0.7\n  scope: corpus\n").is_none());
    assert!(load("  similarity: 1\n").is_none());
    assert!(load("  similarity: 0\n").unwrap().contains("above 0"));
    assert!(load("  similarity: 1.5\n").unwrap().contains("at most 1"));
    assert!(load("  shingle: 9\n").unwrap().contains("1 to 8"));
    assert!(load("  containment: 0.8\n").is_none());
    assert!(load("  containment: 0\n").unwrap().contains("above 0"));
    assert!(
        load("  containment: 0.8\n  scope: corpus\n")
            .unwrap()
            .contains("`containment` applies to `scope: article`")
    );
    assert!(load("  units: [sentence]\n").is_some());
    assert!(load("  scope: site\n").is_some());
    assert!(
        load("  skip_sections: ['—']\n")
            .unwrap()
            .contains("no words")
    );
}

/// The seed article, when `../shared` is there: its three repeated job
/// descriptions, and nothing else.
#[test]
#[allow(clippy::print_stderr)]
fn seed_article() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_330bbee32e580590.txt");
    let Ok(text) = std::fs::read_to_string(&seed) else {
        eprintln!("skipped: {} is absent", seed.display());
        return;
    };
    let d = check(&[(
        "posts/2025-02-07-nouveaux-metiers-tech-2025-prompt-engineer-mlops.md",
        &text,
    )]);
    let got: Vec<(&str, usize, usize)> = d
        .iter()
        .map(|d| (d.rule.as_ref(), d.location.line, d.labels[0].location.line))
        .collect();
    assert_eq!(
        got,
        [
            ("duplicate-paragraph", 53, 41),
            ("duplicate-paragraph", 55, 43),
            ("duplicate-paragraph", 57, 45),
        ],
        "{d:#?}"
    );
    assert!(d[1].message.ends_with("word for word"));
    assert!(d[0].message.contains("% similar to line 41"));
}

#[test]
fn unit_locations_are_those_of_the_document() {
    let mut texts: Vec<String> = vec![
        format!(
            "\u{feff}{MONTAGNE}\n\n- {MONTAGNE}\n  - {MONTAGNE}\n\n| a | {MONTAGNE} |\n|---|---|\n| b | c |\n"
        ),
        format!("---\ntitle: x\n---\n\n> {MONTAGNE}\n> suite\n\n{MONTAGNE}"),
        format!("{MONTAGNE}\r\n\r\n{MONTAGNE}\r\n"),
    ];
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/duplicates");
    for dir in ["pass", "fail", "fail/copie-entre-articles"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                texts.push(t);
            }
        }
    }
    let extractor = Extractor {
        kinds: vec![
            BlockKind::Paragraph,
            BlockKind::ListItem,
            BlockKind::TableRow,
        ],
        min_words: 1,
        shingle: 3,
        skip_sections: Vec::new(),
        allowed: Vec::new(),
    };
    for text in texts {
        let doc = Document::parse("a.md", text);
        let units = extractor.units(&doc);
        assert!(!units.is_empty());
        let expected: Vec<_> = units.iter().map(|u| doc.location(u.span)).collect();
        assert_eq!(corpus::locations(&doc, &units), expected, "{}", doc.source);
    }
}

#[test]
fn no_deletion_for_a_span_off_the_text() {
    let doc = Document::parse("a.md", "Un paragraphe é.\n".to_string());
    let at = doc.source.find('é').unwrap();
    for span in [Span::new(at + 1, at + 2), Span::new(100, 120)] {
        let unit = Unit {
            kind: BlockKind::Paragraph,
            span,
            words: 2,
            exact: 0,
            shingles: Box::new([]),
        };
        assert_eq!(deletion(&doc, &unit, &unit), None);
    }
}

/// The text after the fix of the one finding of `text`, if it has one.
fn deleted(text: &str) -> Option<String> {
    let d = check(&[("posts/2025-01-01-a.md", text)]);
    assert_eq!(d.len(), 1, "{d:#?}");
    let fix = d[0].fix.as_ref()?;
    Some(crate::fix::apply(text, &[fix]).0)
}

#[test]
fn deleting_a_copy_takes_its_comment_and_trailing_spaces_and_needs_the_same_text() {
    // A `disable-next-line` comment above the copy goes with it: left, it
    // would silence the paragraph that comes up in its place.
    let text = format!(
        "## Un\n\n{MONTAGNE}\n\n<!-- repere-disable-next-line markup -->\n{MONTAGNE} \t\n\nFin du texte, [lien][nulle-part].\n"
    );
    assert_eq!(
        deleted(&text).as_deref(),
        Some(format!("## Un\n\n{MONTAGNE}\n\nFin du texte, [lien][nulle-part].\n").as_str())
    );
    // A line of code that reads like the comment is code: it stays.
    let code = "    <!-- repere-disable-next-line tone -->";
    let text = format!("{MONTAGNE}\n\n    let x = 1;\n{code}\n{MONTAGNE}\n\nFin.\n");
    assert_eq!(
        deleted(&text).as_deref(),
        Some(format!("{MONTAGNE}\n\n    let x = 1;\n{code}\nFin.\n").as_str())
    );
    // The last block: no blank line left at the end; CRLF kept.
    let text = format!("## Un\r\n\r\n{MONTAGNE}\r\n\r\n{MONTAGNE}\r\n");
    assert_eq!(
        deleted(&text).as_deref(),
        Some(format!("## Un\r\n\r\n{MONTAGNE}\r\n").as_str())
    );
    // Rewrapped lines are the same text.
    let wrapped = MONTAGNE.replacen(", ", ",\n", 1);
    assert!(deleted(&format!("{MONTAGNE}\n\n{wrapped}\n")).is_some());
    // The same words are not the same text: reported, not deleted.
    let up = "Le salaire médian monte de +15 % en un an pour les profils data les plus recherchés du marché.";
    let down = up.replace('+', "-");
    let text = format!("{up}\n\n{down}\n");
    assert_eq!(deleted(&text), None);
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    assert_eq!(
        d[0].message,
        "paragraph repeats the words of line 1, with `-` where it has `+`"
    );
}

/// A copy alone under its heading, or inside an HTML element, is not
/// deleted: the section or element would be left empty. With other text
/// beside it, or its comment above it, it is.
#[test]
fn a_copy_alone_in_its_section_is_not_deleted() {
    let text = format!("## Un\n\n{MONTAGNE}\n\n## Deux\n\n{MONTAGNE}\n\n## Trois\n\nFin.\n");
    assert_eq!(deleted(&text), None);
    let text = format!(
        "## Un\n\n{MONTAGNE}\n\n## Deux\n\n<!-- repere-disable-next-line tone -->\n{MONTAGNE}\n"
    );
    assert_eq!(deleted(&text), None);
    let text = format!("## Un\n\n{MONTAGNE}\n\n## Deux\n\n{MONTAGNE}\n\nEt une suite.\n");
    assert_eq!(
        deleted(&text).as_deref(),
        Some(format!("## Un\n\n{MONTAGNE}\n\n## Deux\n\nEt une suite.\n").as_str())
    );
    // Alone inside an HTML element, it is not deleted either: the element
    // would be left empty. With other text beside it, it is.
    let details = |inside: &str| {
        format!(
            "## Un\n\n{MONTAGNE}\n\n<details>\n<summary>Plus</summary>\n\n{inside}\n\n</details>\n\nFin.\n"
        )
    };
    assert_eq!(deleted(&details(MONTAGNE)), None);
    assert_eq!(
        deleted(&details(&format!("{MONTAGNE}\n\nEt une suite."))).as_deref(),
        Some(details("Et une suite.").as_str())
    );
}

/// `units` decides which blocks are compared: table rows only when
/// `table-row` is listed (the default is `[paragraph, list-item]`).
#[test]
fn table_rows_are_units_only_when_listed() {
    let check_units = |units: &str, text: &str| -> Vec<(usize, String, usize)> {
        let pack = format!("- id: d\n  kind: duplicates\n  severity: warning\n{units}");
        let set = RuleSet::load(&[PackSource::new("p.yaml", pack)])
            .unwrap_or_else(|e| panic!("{}", e[0].message));
        let linter = Linter::new(set);
        let path = Arc::new(PathBuf::from("posts/2025-01-01-a.md"));
        let results = vec![linter.check_source(path, text.to_string())];
        linter
            .finish(results)
            .diagnostics()
            .map(|d| {
                assert_eq!(d.rule.as_ref(), "d");
                (
                    d.location.line,
                    d.message.clone(),
                    d.labels[0].location.line,
                )
            })
            .collect()
    };
    // Rows of more than `min_words` (12) words; the first and third alike.
    let row = "| Développeur backend confirmé dans une petite équipe produit | Lyon et sa région | 45 à 55 k€ brut par an |";
    let other = "| Développeuse frontend junior dans une grande entreprise de services | Nantes et alentours | 35 à 40 k€ brut par an |";
    let table = format!(
        "## Salaires\n\n| poste | ville | fourchette |\n| --- | --- | --- |\n{row}\n{other}\n{row}\n"
    );
    let copied_row = (7, "table row repeats line 5 word for word".to_string(), 5);
    let text = format!("{table}\n{MONTAGNE}\n\n{MONTAGNE}\n");
    let copied_paragraph = (11, "paragraph repeats line 9 word for word".to_string(), 9);

    assert_eq!(check_units("", &text), vec![copied_paragraph.clone()]);
    assert_eq!(
        check_units("  units: [table-row]\n", &text),
        vec![copied_row.clone()]
    );
    assert_eq!(
        check_units("  units: [paragraph, list-item, table-row]\n", &text),
        [copied_row, copied_paragraph]
    );
    // Distinct rows: nothing, with table rows compared.
    let distinct = format!("| poste | ville |\n| --- | --- |\n{row}\n{other}\n");
    assert_eq!(check_units("  units: [table-row]\n", &distinct), []);
}

/// A unit is compared, through each shingle, with the latest units that
/// have it, not all of them: thousands of nearly identical paragraphs cost
/// their number, not its square.
#[test]
fn a_shingle_walks_at_most_max_sharers_units() {
    let mut index = ShingleIndex::new(1000);
    let mut walked = Vec::new();
    for unit in 0..1000u32 {
        let mut seen = Vec::new();
        index.add(7, unit, |u| seen.push(u));
        walked.push(seen);
    }
    assert_eq!(walked[10], (0..10).rev().collect::<Vec<u32>>());
    assert!(walked.iter().all(|s| s.len() <= MAX_SHARERS));
    // The latest ones, newest first.
    let last = walked.last().unwrap();
    assert_eq!(last.len(), MAX_SHARERS);
    assert_eq!(last[0], 998);
    // Every near copy is still found, pointing at a recent one.
    let text: String = (0..300)
        .map(|i| {
            format!(
                "Une phrase assez longue pour compter comme un paragraphe de plus, numéro {i}.\n\n"
            )
        })
        .collect();
    let found = check(&[(
        "posts/2025-01-01-x.md",
        &format!("---\ntitle: x\n---\n\n{text}"),
    )]);
    assert_eq!(found.len(), 299);
}

/// `allow` names passages that may repeat (a disclaimer, a call to action):
/// a unit with their words is compared with nothing, in an article or
/// across articles, whatever its markup; other copies are still found.
#[test]
fn allowed_passages_are_not_compared() {
    let disclaimer = "*Les salaires indiqués sont bruts annuels, hors variable, en Île-de-France, et datent de l'écriture de l'article.*";
    let call = "Pour ne rien manquer, abonne-toi à [la lettre du blog](/lettre/) : un article par mois, pas plus.";
    let pack = format!(
        "- id: d\n  kind: duplicates\n  severity: warning\n  min_words: 5\n  allow:\n    - \"Les salaires indiqués sont bruts annuels, hors variable, en Île-de-France, et datent de l'écriture de l'article.\"\n    - \"Pour ne rien manquer, abonne-toi à [la lettre du blog](/lettre/) : un article par mois, pas plus.\"\n\
         - id: dc\n  kind: duplicates\n  severity: warning\n  min_words: 5\n  scope: corpus\n  allow: [\"{}\"]\n",
        "Les salaires indiqués sont bruts annuels, hors variable, en Île-de-France, et datent de l'écriture de l'article."
    );
    let set = RuleSet::load(&[PackSource::new("p.yaml", pack)])
        .unwrap_or_else(|e| panic!("{}", e[0].message));
    let linter = Linter::new(set);
    let a = format!("{disclaimer}\n\n{call}\n\n{MONTAGNE}\n\n{disclaimer}\n\n{call}\n");
    let b = format!("Un autre début, propre à cet article-ci.\n\n{disclaimer}\n\n{MONTAGNE}\n");
    let results = [("posts/2025-01-01-a.md", a), ("posts/2025-01-02-b.md", b)]
        .into_iter()
        .map(|(p, t)| linter.check_source(Arc::new(PathBuf::from(p)), t))
        .collect();
    let found: Vec<(String, usize, String)> = linter
        .finish(results)
        .diagnostics()
        .map(|d| (d.rule.to_string(), d.location.line, d.message.clone()))
        .collect();
    // Only the landscape paragraph, which no `allow` names, across articles.
    assert_eq!(
        found,
        [(
            "dc".to_string(),
            5,
            "paragraph repeats posts/2025-01-01-a.md:5 word for word".to_string()
        )]
    );
    let refused = RuleSet::load(&[PackSource::new(
        "p.yaml",
        "- id: d\n  kind: duplicates\n  severity: warning\n  allow: [\"Un texte\", \"—\"]\n",
    )])
    .err()
    .map(|e| e[0].message.clone());
    assert_eq!(refused.as_deref(), Some("`—` in `allow` has no words"));
}

/// An `allow` passage written as an indented multi-line string (as a
/// config file indents it) is its Markdown, not a code block.
#[test]
fn an_indented_allowed_passage_is_dedented() {
    let indented = "\n    Les salaires indiqués sont bruts annuels,\n    hors variable, en Île-de-France.\n    ";
    let plain = "Les salaires indiqués sont bruts annuels, hors variable, en Île-de-France.";
    assert_eq!(
        Extractor::passage_hashes(indented),
        Extractor::passage_hashes(plain)
    );
    assert_eq!(Extractor::passage_hashes(indented).len(), 1);
}

/// Hugo takes a shortcode's tags out of the text: they are no words. Two
/// figures share nothing, and a paragraph wrapped in a shortcode's tags
/// repeats its copy word for word.
#[test]
fn shortcode_tags_are_no_words() {
    let figure = |name: &str, caption: &str| {
        format!(
            "{{{{< figure src=\"/images/2025/organisation-{name}.png\" class=\"center\" width=\"800\" loading=\"lazy\" caption=\"{caption}\" >}}}}"
        )
    };
    let text = format!(
        "## Un\n\n{}\n\nUn texte entre les deux.\n\n{}\n",
        figure("avant", "Avant"),
        figure("apres", "Après")
    );
    assert!(check(&[("posts/2025-01-01-a.md", &text)]).is_empty());
    let text =
        format!("## Un\n\n{MONTAGNE}\n\n{{{{< notice tip >}}}}\n{MONTAGNE}\n{{{{< /notice >}}}}\n");
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    let got: Vec<(&str, bool)> = d
        .iter()
        .map(|d| (d.message.as_str(), d.fix.is_some()))
        .collect();
    // Not deleted: the tags around it would be left.
    assert_eq!(got, [("paragraph repeats line 3 word for word", false)]);
    let words = |t: &str| units_of(t).first().map(|u| u.words);
    assert_eq!(words("Avant {{< ref \"x.md\" >}} après."), Some(2));
}

/// No deletion that would change what the rest renders as: between a list
/// and a list item (the two lists would become one) or an indented line
/// (code would become the last item's text), or when the first copy is
/// folded in an HTML element and this one is not.
#[test]
fn a_deletion_that_changes_the_rest_is_not_offered() {
    let around = |before: &str, after: &str| {
        format!("## Un\n\n{MONTAGNE}\n\n{before}\n\n{MONTAGNE}\n\n{after}\n")
    };
    assert_eq!(
        deleted(&around("- Écouter.\n- Noter.", "- Proposer.\n- Mesurer.")),
        None
    );
    assert_eq!(
        deleted(&around("1. Écouter.\n2. Noter.", "3. Proposer.")),
        None
    );
    assert_eq!(
        deleted(&around("- Tout changer.", "    git log --oneline")),
        None
    );
    assert_eq!(deleted(&around("[^1]: Une note.", "    suite")), None);
    // A list, then a paragraph: the deletion leaves them apart.
    assert!(deleted(&around("- Écouter.\n- Noter.", "Fin du texte.")).is_some());
    assert!(deleted(&around("Un paragraphe.", "- Proposer.")).is_some());
    // The first copy folded away in `<details>`, the later in the open.
    let text = format!(
        "## Un\n\n<details>\n<summary>Plus</summary>\n\n{MONTAGNE}\n\n</details>\n\nSuite.\n\n{MONTAGNE}\n\nFin.\n"
    );
    assert_eq!(deleted(&text), None);
}

/// Items of a list and of the list nested in one of them are not one list:
/// a run of copied items stays in one list.
#[test]
fn a_copied_run_stays_in_one_list() {
    let items = [
        "Relire chaque semaine les décisions prises par l'équipe, avec leurs raisons et leurs effets",
        "Noter ce qui a surpris pendant le sprint, même quand rien ne semblait aller de travers",
    ];
    let text = format!(
        "## Un\n\n- {}\n- {}\n\n## Deux\n\n1. {}\n   - {}\n",
        items[0], items[1], items[0], items[1]
    );
    let d = check(&[("posts/2025-01-01-a.md", &text)]);
    let got: Vec<(usize, &str)> = d
        .iter()
        .map(|d| (d.location.line, d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (8, "list item repeats line 3 word for word"),
            (9, "list item repeats line 4 word for word")
        ]
    );
}
