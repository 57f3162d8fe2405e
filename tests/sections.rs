//! The `sections` kind and the default `section-order` rule on whole articles:
//! the mutations of the "Done when" (each must give its diagnostic at
//! the right line, and exit code 1), the options the default pack does not
//! use, and the seed article and real posts when `../shared` is present.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use repere::diagnostic::Diagnostic;
use repere::engine::{Linter, Report};
use repere::pack::{PackSource, RuleSet};

/// The sections of a "Jeunesse tech" article, with a line of text each.
const JEUNESSE: &[(&str, &str)] = &[
    (
        "## Dédramatisation",
        "Passer de la comptabilité au développement arrive plus souvent qu'on ne le croit.",
    ),
    (
        "## Le réel (sans filtre)",
        "La première année, on corrige surtout des bugs écrits par d'autres.",
    ),
    (
        "## Repères clairs",
        "- Trois mois pour livrer seul une petite évolution.\n- Un an pour la concevoir.",
    ),
    (
        "## Erreurs classiques",
        "Accumuler les certificats au lieu d'écrire du code.",
    ),
    (
        "## Message de responsabilité",
        "Avec le recul, ces délais varient beaucoup selon l'équipe qui accueille.",
    ),
    (
        "## Pour aller plus loin",
        "- [Se reconvertir](/posts/se-reconvertir/)",
    ),
];

fn article(sections: &[(String, String)]) -> String {
    let mut out = String::from(
        "---\ntitle: \"De la comptabilité au code\"\ndate: 2025-05-01\n---\n\nUne phrase d'accroche.\n",
    );
    for (heading, text) in sections {
        out.push_str(&format!("\n{heading}\n\n{text}\n"));
    }
    out
}

fn sections() -> Vec<(String, String)> {
    JEUNESSE
        .iter()
        .map(|(h, t)| (h.to_string(), t.to_string()))
        .collect()
}

/// The 1-based line of the `n`th (0-based) line equal to `line` in `text`.
fn line_of(text: &str, line: &str, n: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| *l == line)
        .nth(n)
        .map(|(i, _)| i + 1)
        .unwrap_or_else(|| panic!("no line `{line}` in:\n{text}"))
}

fn linter(packs: &[PackSource]) -> Linter {
    Linter::new(RuleSet::load(packs).unwrap_or_else(|e| panic!("{}", e[0].message)))
}

fn check_in(linter: &Linter, name: &str, text: &str) -> Report {
    let result = linter.check_bytes(PathBuf::from(name), text.as_bytes().to_vec());
    linter.finish(vec![result])
}

fn check_with(packs: &[PackSource], name: &str, text: &str) -> Report {
    check_in(&linter(packs), name, text)
}

/// The `section-order` diagnostics of `linter` on an article.
fn section_order_in(linter: &Linter, text: &str) -> Vec<Diagnostic> {
    check_in(
        linter,
        "posts/2025-05-01-de-la-comptabilite-au-code.md",
        text,
    )
    .diagnostics()
    .filter(|d| &*d.rule == "section-order")
    .cloned()
    .collect()
}

/// The `section-order` diagnostics of the default packs on an article.
fn section_order(text: &str) -> Vec<Diagnostic> {
    section_order_in(&linter(&PackSource::defaults()), text)
}

fn describe(ds: &[Diagnostic]) -> String {
    ds.iter()
        .map(|d| format!("{}: {}", d.location.line, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The diagnostic whose message contains `words` (the test fails, listing
/// them all, when none does).
fn with_words<'d>(ds: &'d [Diagnostic], words: &str) -> &'d Diagnostic {
    ds.iter()
        .find(|d| d.message.contains(words))
        .unwrap_or_else(|| panic!("no `{words}` in:\n{}", describe(ds)))
}

/// Runs `repere check --select section-order` on the text; returns the exit code.
fn exit_code(text: &str) -> i32 {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025-05-01-de-la-comptabilite-au-code.md");
    fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_repere"))
        .args(["check", "--select", "section-order", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    out.status.code().unwrap_or(-1)
}

/// Asserts one diagnostic, at `line`, whose message contains every `words`;
/// and that the CLI exits with 1.
fn assert_one(text: &str, line: usize, words: &[&str]) -> Diagnostic {
    let ds = section_order(text);
    assert_eq!(ds.len(), 1, "expected one diagnostic:\n{}", describe(&ds));
    let d = ds[0].clone();
    assert_eq!(d.location.line, line, "{}", describe(&ds));
    for w in words {
        assert!(d.message.contains(w), "`{w}` not in `{}`", d.message);
    }
    assert!(
        d.message.contains("template \"Jeunesse tech\""),
        "{}",
        d.message
    );
    assert_eq!(exit_code(text), 1, "exit code for:\n{}", describe(&ds));
    d
}

#[test]
fn the_canonical_article_passes() {
    let text = article(&sections());
    assert!(section_order(&text).is_empty());
    assert_eq!(exit_code(&text), 0);
}

#[test]
fn swapped_sections_are_out_of_order() {
    let mut s = sections();
    s.swap(2, 3);
    let text = article(&s);
    let d = assert_one(
        &text,
        line_of(&text, "## Erreurs classiques", 0),
        &[
            "`Erreurs classiques`",
            "out of order",
            "after `Repères clairs`",
        ],
    );
    assert_eq!(
        d.labels[0].location.line,
        line_of(&text, "## Repères clairs", 0)
    );
}

/// A section that accepts a parenthesis after its title keeps it in the
/// help of a misspelt title, and of a heading at the wrong level.
#[test]
fn an_accepted_parenthesis_is_kept_in_the_helps() {
    let cto = [
        "Situation réelle",
        "Le faux problème",
        "Le vrai enjeu CTO",
        "Cadre de décision",
        "Retour terrain",
        "Erreurs fréquentes (et comment les éviter)",
        "Si c'était à refaire",
        "Pour approfondir",
    ];
    let with = |errors: &str| -> String {
        let s: Vec<(String, String)> = cto
            .iter()
            .map(|t| {
                let heading = if t.starts_with("Erreurs") {
                    errors.to_string()
                } else {
                    format!("## {t}")
                };
                (heading, "Une phrase.".to_string())
            })
            .collect();
        article(&s)
    };
    assert!(section_order(&with("## Erreurs fréquentes (et comment les éviter)")).is_empty());
    for (heading, help) in [
        (
            "## Erreurs frequentes (et comment les éviter)",
            "write `## Erreurs fréquentes (et comment les éviter)`",
        ),
        (
            "### Erreurs fréquentes (et comment les éviter)",
            "write `## Erreurs fréquentes (et comment les éviter)`",
        ),
    ] {
        let ds = section_order(&with(heading));
        assert_eq!(ds.len(), 1, "{heading}: {}", describe(&ds));
        assert_eq!(ds[0].help.as_deref(), Some(help), "{heading}");
    }
}

/// A section whose end, or new place, is inside an HTML element
/// (`<details>` around a heading) is reported without a move: moving it
/// would cut the element in two.
#[test]
fn a_section_that_would_cut_an_html_element_gets_no_move() {
    let mut s = sections();
    s.swap(2, 3);
    assert!(section_order(&article(&s))[0].fix.is_some());
    s[2].1 =
        "<details>\n<summary>Exemple</summary>\n\n### Dans le détail\n\nUne erreur.\n\n</details>"
            .into();
    let ds = section_order(&article(&s));
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert!(
        ds[0].fix.is_some(),
        "an element inside the section moves with it"
    );
    s[2].1 = "<div class=\"exemple\">\n<p>Exemple</p>".into();
    s[3].1 = "</div>".into();
    let text = article(&s);
    let ds = section_order(&text);
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert!(ds[0].message.contains("out of order"), "{}", ds[0].message);
    assert!(ds[0].fix.is_none());
    // A `<details>` element closed after the next heading holds it: folded
    // away, that heading is out of the outline, and its section missing.
    s[2].1 = "<details>\n<summary>Exemple</summary>".into();
    s[3].1 = "</details>".into();
    let ds = section_order(&article(&s));
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert!(
        ds[0]
            .message
            .contains("`Repères clairs` of template \"Jeunesse tech\" is missing"),
        "{}",
        ds[0].message
    );
}

/// Sections missing at one place are listed in the template's order, not
/// in the order of their messages.
#[test]
fn sections_missing_at_one_place_come_in_the_template_s_order() {
    let mut s = sections();
    s.truncate(1);
    let ds = section_order(&article(&s));
    let missing: Vec<&str> = ds
        .iter()
        .map(|d| {
            let m = d.message.strip_prefix("section `").unwrap_or(&d.message);
            m.split('`').next().unwrap_or(m)
        })
        .collect();
    assert_eq!(
        missing,
        [
            "Le réel (sans filtre)",
            "Repères clairs",
            "Erreurs classiques",
            "Message de responsabilité",
            "Pour aller plus loin"
        ],
        "{}",
        describe(&ds)
    );
}

#[test]
fn a_removed_section_is_missing_after_the_previous_one() {
    let mut s = sections();
    s.remove(4);
    let text = article(&s);
    let d = assert_one(
        &text,
        line_of(&text, "## Erreurs classiques", 0),
        &[
            "`Message de responsabilité`",
            "missing",
            "after `Erreurs classiques`",
        ],
    );
    assert!(d.help.unwrap().contains("## Message de responsabilité"));
}

/// The sections around a missing or misplaced one are named as the
/// article writes them (its numbers, its spelling), not as the template
/// does: the message and help quote what the author can find in the file.
#[test]
fn the_sections_around_are_named_as_written() {
    let mut s = sections();
    s[0].0 = "## 1. Dedramatisation".into();
    s[3].0 = "## 🚧 Erreurs classiques".into();
    s.remove(1);
    let text = article(&s);
    let ds = section_order(&text);
    let missing = with_words(&ds, "missing");
    assert!(
        missing
            .message
            .contains("missing after `1. Dedramatisation`"),
        "{}",
        missing.message
    );
    let help = missing.help.as_deref().unwrap();
    assert!(
        help.contains("between `1. Dedramatisation` (line ")
            && help.contains("and `Repères clairs`"),
        "{help}"
    );
    // The misspelt title against the template's, its number left out.
    let spelling = with_words(&ds, "is spelled");
    assert!(
        spelling
            .message
            .starts_with("section title `Dedramatisation` is spelled `Dédramatisation`"),
        "{}",
        spelling.message
    );
    // A misplaced section's label names the one it goes after as written.
    let mut s = sections();
    s[2].0 = "## 🧭 Reperes clairs".into();
    s.swap(2, 3);
    let text = article(&s);
    let ds = section_order(&text);
    let order = with_words(&ds, "out of order");
    assert_eq!(order.labels[0].message, "`🧭 Reperes clairs` is here");
    assert!(
        order
            .help
            .as_deref()
            .unwrap()
            .starts_with("move this section after the `🧭 Reperes clairs` section"),
        "{:?}",
        order.help
    );
}

/// A heading without text is pointed at its marker, on its own line (not
/// at the line break after it), with CRLF too.
#[test]
fn a_heading_without_text_is_pointed_at_on_its_line() {
    for nl in ["\n", "\r\n"] {
        let mut s = sections();
        s.insert(2, ("##".to_string(), "Un texte.".to_string()));
        let text = article(&s).replace('\n', nl);
        let ds = section_order(&text);
        let d = with_words(&ds, "a heading with no text");
        let line = line_of(&text.replace("\r\n", "\n"), "##", 0);
        assert_eq!(
            (d.location.line, d.location.end_line, d.location.end_column),
            (line, line, 3)
        );
        assert_eq!(&text[d.span.start..d.span.end], "##");
    }
}

/// A shortcode pair with nothing inside is a placeholder: the section is
/// empty. A shortcode that shows something (no closing tag), or a pair
/// around text, is content.
#[test]
fn an_empty_shortcode_pair_leaves_a_section_empty() {
    let with = |content: &str| {
        let mut s = sections();
        s[1].1 = content.to_string();
        section_order(&article(&s))
            .iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
    };
    let empty = ["section `Le réel (sans filtre)` is empty (template \"Jeunesse tech\")"];
    assert_eq!(with("{{< notice tip >}}\n{{< /notice >}}"), empty);
    assert_eq!(
        with("{{< notice tip >}}\n\n{{% box %}}{{% /box %}}\n\n{{< /notice >}}"),
        empty
    );
    assert!(with("{{< youtube abc >}}").is_empty());
    assert!(with("{{< notice tip >}}\nUn conseil.\n{{< /notice >}}").is_empty());
    assert!(with("{{< notice tip >}}{{< youtube abc >}}{{< /notice >}}").is_empty());
}

#[test]
fn a_title_without_its_accent_gives_the_canonical_spelling() {
    let mut s = sections();
    s[0].0 = "## Dedramatisation".into();
    let text = article(&s);
    let d = assert_one(
        &text,
        line_of(&text, "## Dedramatisation", 0),
        &["`Dedramatisation`", "`Dédramatisation`", "accents"],
    );
    assert_eq!(d.location.column, 4, "points at the heading's text");
    assert!(d.help.unwrap().contains("`## Dédramatisation`"));
}

#[test]
fn a_demoted_section_is_at_the_wrong_level() {
    let mut s = sections();
    s[2].0 = "### Repères clairs".into();
    let text = article(&s);
    let d = assert_one(
        &text,
        line_of(&text, "### Repères clairs", 0),
        &["`Repères clairs`", "level-3", "level-2"],
    );
    assert!(d.help.unwrap().contains("`## Repères clairs`"));
}

#[test]
fn a_duplicated_section_is_reported_at_the_second() {
    let mut s = sections();
    s.insert(3, s[1].clone());
    let text = article(&s);
    let d = assert_one(
        &text,
        line_of(&text, "## Le réel (sans filtre)", 1),
        &["`Le réel (sans filtre)`", "twice"],
    );
    assert_eq!(
        d.labels[0].location.line,
        line_of(&text, "## Le réel (sans filtre)", 0)
    );
}

/// When only the second of two same sections is in the template's order,
/// the first is the one reported, and the label says the other comes after.
#[test]
fn a_duplicated_section_out_of_order_first_is_reported_there() {
    let mut s = sections();
    s.insert(0, s[3].clone());
    let text = article(&s);
    let d = assert_one(
        &text,
        line_of(&text, "## Erreurs classiques", 0),
        &["`Erreurs classiques`", "twice"],
    );
    assert_eq!(
        d.labels[0].location.line,
        line_of(&text, "## Erreurs classiques", 1)
    );
    assert_eq!(d.labels[0].message, "again here, in the template's order");
}

#[test]
fn explain_prints_the_kind_documentation() {
    let out = Command::new(env!("CARGO_BIN_EXE_repere"))
        .args(["explain", "section-order"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("section-order (sections rule"), "{text}");
    assert!(text.contains("allow_extra_sections"), "{text}");
}

// --- Options the default pack does not use ---------------------------------

fn pack(yaml: &str) -> Vec<PackSource> {
    vec![PackSource::new("test.yaml", yaml.to_string())]
}

const SMALL: &str = "
- id: plan
  kind: sections
  severity: error
  template_key: modele
  templates:
    - name: Court
      allow_preamble: false
      sections: [Contexte, Analyse, title: Annexe]
    - name: Long
      allow_extra_sections: true
      when: { audience: cto }
      sections:
        - Contexte
        - { title: Options, required: false }
        - Analyse
        - { title: Détails, level: 3 }
        - Conclusion
";

fn messages(packs: &[PackSource], text: &str) -> Vec<String> {
    check_with(packs, "a.md", text)
        .diagnostics()
        .map(|d| format!("{}: {}", d.location.line, d.message))
        .collect()
}

#[test]
fn when_selects_the_template_and_extra_sections_can_be_allowed() {
    // audience: cto → "Long" only, although the headings fit "Court" better.
    let text = "---\naudience: cto\n---\n## Contexte\n\nx\n\n## Libre\n\nx\n\n## Analyse\n\nx\n\n### Détails\n\nx\n\n## Conclusion\n\nx\n";
    assert_eq!(messages(&pack(SMALL), text), Vec::<String>::new());
    // Without it, "Court" (no `when`) is the only candidate.
    let text = "## Contexte\n\nx\n\n## Analyse\n\nx\n\n## Annexe\n\nx\n";
    assert_eq!(messages(&pack(SMALL), text), Vec::<String>::new());
}

#[test]
fn optional_sections_and_levels() {
    let text = "---\naudience: cto\n---\n## Contexte\n\nx\n\n## Analyse\n\nx\n\n## Détails\n\nx\n\n## Conclusion\n\nx\n";
    let m = messages(&pack(SMALL), text);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("12: `Détails` is a level-2 heading; template \"Long\" has `Détails` as a level-3 section"),
        "{m:?}"
    );
}

#[test]
fn preamble_can_be_refused() {
    let text = "Une introduction.\n\n## Contexte\n\nx\n\n## Analyse\n\nx\n\n## Annexe\n\nx\n";
    let m = messages(&pack(SMALL), text);
    assert_eq!(
        m,
        ["1: text before the first section; template \"Court\" starts with `Contexte`"]
    );
    // A heading quoted or listed there is text before the first section too.
    for before in ["> ## Une citation en titre", "- ## Une étape"] {
        let text = format!("{before}\n\n## Contexte\n\nx\n\n## Analyse\n\nx\n\n## Annexe\n\nx\n");
        let m = messages(&pack(SMALL), &text);
        assert_eq!(
            m,
            ["1: text before the first section; template \"Court\" starts with `Contexte`"],
            "{before}"
        );
    }
}

#[test]
fn the_front_matter_can_pin_the_template() {
    // `Modele` is `modele` to Hugo.
    let text = "---\nModele: long\n---\n## Contexte\n\nx\n\n## Analyse\n\nx\n\n## Annexe\n\nx\n";
    let m = messages(&pack(SMALL), text);
    assert!(
        m.iter()
            .any(|l| l.contains("`Détails` of template \"Long\" is missing")),
        "{m:?}"
    );
    let text = "---\nmodele: Cour\n---\n## Contexte\n\nx\n\n## Analyse\n\nx\n\n## Annexe\n\nx\n";
    let ds: Vec<Diagnostic> = check_with(&pack(SMALL), "a.md", text)
        .diagnostics()
        .cloned()
        .collect();
    assert_eq!(ds.len(), 1, "{}", describe(&ds));
    assert_eq!(ds[0].location.line, 2);
    assert!(ds[0].message.contains("`modele` is `Cour`"));
    assert!(
        ds[0]
            .help
            .as_deref()
            .unwrap()
            .contains("did you mean `Court`?")
    );
}

#[test]
fn checks_can_be_split_across_rules() {
    let packs = pack(
        "
- id: s-order
  kind: sections
  severity: error
  checks: [missing, order]
  templates: &t [{ name: T, sections: [Un, Deux] }]
- id: s-spelling
  kind: sections
  severity: warning
  checks: [spelling]
  templates: *t
",
    );
    let report = check_with(&packs, "a.md", "## un\n\nx\n\n## Deux\n\nx\n");
    let ds: Vec<&Diagnostic> = report.diagnostics().collect();
    assert_eq!(ds.len(), 1);
    assert_eq!(&*ds[0].rule, "s-spelling");
}

#[test]
fn bad_options_point_into_the_pack() {
    let cases = [
        ("templates: []", "at least one template"),
        (
            "templates: [{ name: T, sections: [A, a] }]",
            "also a spelling of",
        ),
        (
            "templates: [{ name: T, sections: [{ title: A, level: 9 }] }]",
            "heading level",
        ),
        (
            "templates: [{ name: T, sections: [A], colour: red }]",
            "unknown field `colour`",
        ),
        (
            "templates: [{ name: T, sections: [{ titel: A }] }]",
            "unknown field `titel`",
        ),
        (
            "templates: [{ name: T, sections: [A] }, { name: t, sections: [B] }]",
            "two templates",
        ),
        (
            "templates: [{ name: T, sections: [A] }]\n  checks: [order, colour]",
            "colour",
        ),
    ];
    for (options, expected) in cases {
        let text = format!("- id: x\n  kind: sections\n  severity: error\n  {options}\n");
        let errs = RuleSet::load(&pack(&text))
            .err()
            .unwrap_or_else(|| panic!("{options} loaded"));
        assert!(
            errs[0].message.contains(expected),
            "{options}: {}",
            errs[0].message
        );
        assert!(errs[0].span.end <= text.len());
    }
}

#[test]
fn hostile_input_does_not_panic() {
    let many = "## Dédramatisation\n\n".repeat(5000);
    let long = format!("## {}\n", "é".repeat(50_000));
    for text in [
        many.as_str(),
        long.as_str(),
        "##\n",
        "#\n## \n### \n",
        "Titre\n---\n",
        "\u{feff}## Le réel (sans filtre\n",
    ] {
        let _ = section_order(text);
    }
}

// --- The real blog, when `../shared` is there -------------------------------

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

#[test]
fn the_seed_article_gives_no_section_order_diagnostic() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no ../shared");
        return;
    };
    let Ok(text) = fs::read_to_string(shared.join("seed/000_330bbee32e580590.txt")) else {
        eprintln!("skipped: no seed article in ../shared");
        return;
    };
    let ds = section_order(&text);
    assert!(ds.is_empty(), "{}", describe(&ds));
}

#[test]
fn every_real_post_is_matched_to_a_template() {
    let Some(shared) = shared() else {
        eprintln!("skipped: no ../shared");
        return;
    };
    let Ok(entries) = fs::read_dir(shared.join("corpus/content/posts")) else {
        eprintln!("skipped: no corpus in ../shared");
        return;
    };
    let linter = linter(&PackSource::defaults());
    let mut posts = 0;
    let mut clean = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let ds = section_order_in(&linter, &text);
        posts += 1;
        clean += usize::from(ds.is_empty());
        for d in &ds {
            assert!(
                !d.message.contains("follows none"),
                "{}: {}",
                path.display(),
                d.message
            );
            assert!(d.message.contains("template \""), "{}", d.message);
        }
    }
    eprintln!("{clean} of {posts} posts follow their template cleanly");
    assert!(posts == 0 || clean * 10 >= posts * 9, "{clean} of {posts}");
}

#[test]
fn a_heading_in_the_place_of_one_absent_section_of_its_level_stands_in_for_it() {
    let plan = |beta: &str| {
        pack(&format!(
            "
- id: plan
  kind: sections
  severity: error
  templates:
    - name: T
      sections: [Alpha, {beta}, Gamma]
"
        ))
    };
    let text = "## Alpha\n\nx\n\n## Autre\n\nx\n\n## Gamma\n\nx\n";
    // One difference, one finding: `Autre` where `Beta` is expected.
    let m = messages(&plan("Beta"), text);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].starts_with("5: `Autre` is not a section"), "{m:?}");
    // A level-2 heading does not stand in for a level-3 section: `Beta`
    // is still missing.
    let m = messages(&plan("{title: Beta, level: 3}"), text);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m.iter()
            .any(|l| l.contains("section `Beta` of template \"T\" is missing")),
        "{m:?}"
    );
}
