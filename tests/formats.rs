//! Output formats and the everyday commands, through the real binary. Each
//! format's output for a fixture set is compared with a checked-in snapshot.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use common::{ARTICLE, NAME, copy_dir};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The fixture set the format snapshots are made of: front-matter failures,
/// with labels, several severities and several files.
const SET: &[&str] = &[
    "front-matter/fail/2025-03-10-audience-absente-de-la-liste.md",
    "front-matter/fail/2025-03-10-cle-en-double.md",
    "front-matter/fail/2025-03-10-style.md",
    "front-matter/pass/2025-03-10-sans-slug.md",
];

fn output(format: &str) -> (i32, String) {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(fixtures())
        .args(["check", "--select", "front-matter", "--format", format])
        .args(SET)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// GitHub annotations and JUnit test cases name a file by its path in the
/// repository, whatever the argument that reached it (`.`, `./x`, `x/../x`):
/// the runner matches annotations to the pull request's files by it.
#[test]
fn github_and_junit_name_files_by_their_repository_path() {
    for format in ["github", "junit"] {
        for arg in [".", "./front-matter", "sections/../front-matter"] {
            let out = Command::cargo_bin("repere")
                .unwrap()
                .current_dir(fixtures())
                .args(["check", "--select", "front-matter", "--format", format, arg])
                .output()
                .unwrap();
            let s = String::from_utf8(out.stdout).unwrap();
            let named = if format == "github" {
                "file="
            } else {
                "name=\""
            };
            assert!(
                s.contains(&format!("{named}front-matter/fail/2025-03-10-style.md")),
                "{format} {arg}: {s}"
            );
            // No file is named through `./` or `..` (a message may quote
            // `...`, the YAML end marker).
            let names = s
                .split(named)
                .skip(1)
                .map(|rest| rest.split([',', '"']).next().unwrap_or(""));
            for name in names {
                assert!(
                    !name.contains("./") && !name.contains(".."),
                    "{format} {arg}: {name}"
                );
            }
        }
    }
}

/// Hides what changes between builds: the version.
fn stable(s: &str) -> String {
    s.replace(env!("CARGO_PKG_VERSION"), "VERSION")
}

#[test]
fn github_format() {
    let (code, s) = output("github");
    assert_eq!(code, 1);
    assert!(
        s.lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{s}"
    );
    insta::assert_snapshot!("format_github", s);
}

/// GitHub takes no columns (`col`, `endColumn`) for an annotation over
/// several lines (`line` and `endLine` differ): they are left out there,
/// and kept for one within a line.
#[test]
fn github_annotations_over_several_lines_have_no_columns() {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(fixtures())
        .args(["check", "--no-config", "--format", "github"])
        .args([
            "duplicates/fail/2025-03-10-liste-copiee.md",
            "front-matter/fail/2025-03-10-style.md",
        ])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let property = |line: &str, key: &str| -> Option<String> {
        let props = line.split_once(' ')?.1.split_once("::")?.0;
        props
            .split(',')
            .find_map(|p| p.strip_prefix(&format!("{key}=")).map(str::to_string))
    };
    let (mut over, mut within) = (0, 0);
    for line in s.lines() {
        let (start, end) = (property(line, "line"), property(line, "endLine"));
        assert!(start.is_some() && end.is_some(), "{line}");
        let columns = (property(line, "col"), property(line, "endColumn"));
        if start == end {
            within += 1;
            assert!(columns.0.is_some() && columns.1.is_some(), "{line}");
        } else {
            over += 1;
            assert_eq!(columns, (None, None), "{line}");
        }
    }
    assert!(over > 0 && within > 0, "{s}");
}

#[test]
fn human_format() {
    let (code, s) = output("human");
    assert_eq!(code, 1);
    insta::assert_snapshot!("format_human", s);
}

/// A finding whose label is on lines before it (the first copy of a
/// paragraph) is shown first, under its own place; the earlier place
/// follows, headed by its label, and the help comes last.
#[test]
fn the_human_report_shows_the_finding_before_the_places_it_names() {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(fixtures())
        .args([
            "check",
            "--select",
            "duplicate-paragraph",
            "--format",
            "human",
        ])
        .arg("duplicates/fail/2025-03-10-paragraphe-retouche.md")
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let at = |needle: &str| s.find(needle).unwrap_or_else(|| panic!("{needle}: {s}"));
    let place = "duplicates/fail/2025-03-10-paragraphe-retouche.md";
    assert!(
        at(&format!("[{place}:27:1]")) < at("☞ similar paragraph here"),
        "{s}"
    );
    assert!(
        at("☞ similar paragraph here") < at(&format!("[{place}:21:1]")),
        "{s}"
    );
    assert!(
        at(&format!("[{place}:21:1]")) < at("help: merge the two"),
        "{s}"
    );
    insta::assert_snapshot!("format_human_earlier_place", s);
}

/// An earlier place drawn after the finding is not named again in the
/// help when another label, deep in a long line, is listed there.
#[test]
fn an_earlier_place_is_shown_once_beside_a_far_label() {
    let dir = tempfile::tempdir().unwrap();
    let far = "x ".repeat(6_000);
    let text = format!(
        "---\ntitle: Les salaires\ndate: 2025-02-07\n---\n\n**DevOps** : salaires Senior 62k€.\n\n\
         Un paragraphe.\n\nUn autre.\n\nEncore un.\n\n**DevOps** : salaires Senior 70k€.\n\n\
         {far}, DevOps Senior 62k€.\n"
    );
    fs::write(dir.path().join("2025-02-07-x.md"), text).unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--select",
            "salary-consistency",
            "--format",
            "human",
        ])
        .arg("2025-02-07-x.md")
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.matches("2025-02-07-x.md:6:").count(), 1, "{s}");
    assert!(s.contains("see 2025-02-07-x.md:16:"), "{s}");
    assert!(
        s.find("[2025-02-07-x.md:14:").unwrap() < s.find("[2025-02-07-x.md:6:").unwrap(),
        "{s}"
    );
}

#[test]
fn json_lines_format() {
    let (_, s) = output("json-lines");
    let lines: Vec<Value> = s
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines
            .iter()
            .all(|d| d["rule"].is_string() && d["line"].is_u64())
    );
    insta::assert_snapshot!("format_json_lines", s);
}

#[test]
fn gitlab_format() {
    let (_, s) = output("gitlab");
    let v: Value = serde_json::from_str(&s).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 5);
    let mut fps: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), 5, "fingerprints are unique");
    for i in issues {
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap())
        );
        assert!(
            i["location"]["path"].is_string()
                && i["location"]["positions"]["begin"]["line"].is_u64()
        );
    }
    insta::assert_snapshot!("format_gitlab", s);
}

/// GitLab marks an issue resolved when its fingerprint disappears: fixing one
/// of several findings at the same place (missing keys all point at the
/// opening `---`) must leave the others' fingerprints as they were.
#[test]
fn gitlab_fingerprints_do_not_depend_on_other_findings() {
    let dir = tempfile::tempdir().unwrap();
    let fingerprints = |removed: &[&str]| {
        let mut text = ARTICLE.to_string();
        for key in removed {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("{key}: ")))
                .unwrap()
                .to_string();
            text = text.replacen(&format!("{line}\n"), "", 1);
        }
        fs::write(dir.path().join(NAME), text).unwrap();
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "gitlab", NAME])
            .output()
            .unwrap();
        let issues: Value = serde_json::from_slice(&out.stdout).unwrap();
        issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["description"].as_str().unwrap().to_string(),
                    i["fingerprint"].as_str().unwrap().to_string(),
                )
            })
            .collect::<std::collections::BTreeMap<String, String>>()
    };
    let keys = ["ShowToc", "TocOpen", "audience", "pillar", "title"];
    let all = fingerprints(&keys);
    assert_eq!(all.len(), 5, "{all:#?}");
    for fixed in keys {
        let rest: Vec<&str> = keys.iter().copied().filter(|k| *k != fixed).collect();
        let after = fingerprints(&rest);
        assert_eq!(after.len(), 4, "{after:#?}");
        for (message, fp) in &after {
            assert_eq!(
                Some(fp),
                all.get(message),
                "{message}, once `{fixed}` is set"
            );
        }
    }
}

#[test]
fn junit_format() {
    let (_, s) = output("junit");
    assert_eq!(s.matches("<testcase ").count(), 4, "one test case per file");
    assert_eq!(
        s.matches("<failure ").count(),
        3,
        "a failure for each file with findings"
    );
    insta::assert_snapshot!("format_junit", s);
}

/// `tests/data/sarif-schema-2.1.0.json` is the OASIS SARIF 2.1.0 schema (as
/// shipped in the serde-sarif crate), with one erratum mended: the pattern of
/// `run.language` had a stray `]` that a strict regex engine refuses. Formats
/// (`uri`, `uri-reference`, …) are checked, not only types.
fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let mut bad_uri = serde_json::json!({"version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "repere"}},
        "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation":
            {"artifactLocation": {"uri": "a b.md"}}}]}]}]});
    assert!(!validator.is_valid(&bad_uri), "formats are checked");
    bad_uri["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        Value::from("a%20b.md");
    assert!(
        validator.is_valid(&bad_uri),
        "the check itself passes a good URI"
    );
    validator
}

#[test]
fn sarif_format_validates_against_the_schema() {
    let (_, s) = output("sarif");
    let sarif: Value = serde_json::from_str(&s).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| {
        r["id"] == "front-matter"
            && r["help"]["text"].as_str().unwrap().contains("contained_in")
            && r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("contained_in")
    }));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 5);
    assert!(
        results.iter().any(|r| r["relatedLocations"]
            .as_array()
            .is_some_and(|l| !l.is_empty())),
        "labels become relatedLocations"
    );
    // A result that does not validate is caught: the test can fail.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
    insta::assert_snapshot!("format_sarif", stable(&s));
}

/// GitHub code scanning refuses a rule whose full description is over 1,024
/// characters: every embedded rule's descriptions fit, and its documentation
/// is in the help.
#[test]
fn sarif_rule_descriptions_fit_github_limits() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(NAME), ARTICLE).unwrap();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let embedded: Vec<String> = run(&["rules"])
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(embedded.len() > 10, "{embedded:?}");
    let sarif: Value = serde_json::from_str(&run(&["check", "--format", "sarif", NAME])).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, embedded, "every embedded rule is described");
    for r in rules {
        let chars = |key: &str| r[key]["text"].as_str().unwrap().chars().count();
        assert!(chars("fullDescription") <= 1024, "{r:#}");
        assert!(chars("shortDescription") <= 1024, "{r:#}");
        assert!(chars("fullDescription") > 0 && chars("help") > 0, "{r:#}");
        // SARIF's validator (SARIF1001) wants no name equal to the id,
        // ignoring case.
        let (id, name) = (r["id"].as_str().unwrap(), r["name"].as_str());
        assert!(!name.is_some_and(|n| n.eq_ignore_ascii_case(id)), "{r:#}");
    }
    let name = |id: &str| rules.iter().find(|r| r["id"] == id).map(|r| &r["name"]);
    assert_eq!(name("front-matter-style").unwrap(), "FrontMatterStyle");
    assert!(name("tone").unwrap().is_null());
    let documented = rules
        .iter()
        .filter(|r| r["help"]["text"].as_str().unwrap().chars().count() > 1024)
        .count();
    assert!(documented > 0, "long documentation goes to the help");
}

/// The SARIF report of `repere check` on one article of text `text`.
fn sarif_for(text: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(NAME), text).unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "sarif", NAME])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The message texts of a SARIF report's results.
fn result_texts(sarif: &Value) -> Vec<&str> {
    sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["message"]["text"].as_str().unwrap())
        .collect()
}

/// SARIF message strings write `{` and `}` as `{{` and `}}` (§3.11.5), or
/// `{0}` would be a placeholder: in a result's message and help, a label's
/// message, and the rules' descriptions.
#[test]
fn sarif_messages_double_their_braces() {
    let sarif = sarif_for(&ARTICLE.replacen("pillar: ", "pillar: role-{0}\nx: ", 1));
    let run = &sarif["runs"][0];
    let texts = result_texts(&sarif);
    assert!(
        texts.iter().any(|t| t.contains("`pillar` is `role-{{0}}`")),
        "{texts:#?}"
    );
    let described = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "front-matter")
        .unwrap();
    let help = described["help"]["text"].as_str().unwrap();
    assert!(help.contains("{{date}}-{{slug}}"), "{help}");
    // No lone brace left in any message string.
    let lone = |t: &str| t.replace("{{", "").replace("}}", "").contains(['{', '}']);
    let all = serde_json::to_string(&sarif).unwrap();
    let strings: Vec<Value> = serde_json::from_str::<Value>(&all)
        .map(|v| {
            let mut found = Vec::new();
            fn walk(v: &Value, found: &mut Vec<Value>) {
                match v {
                    Value::Object(m) => {
                        for (k, x) in m {
                            if (k == "text" || k == "markdown") && x.is_string() {
                                found.push(x.clone());
                            }
                            walk(x, found);
                        }
                    }
                    Value::Array(a) => a.iter().for_each(|x| walk(x, found)),
                    _ => {}
                }
            }
            walk(&v, &mut found);
            found
        })
        .unwrap();
    assert!(!strings.is_empty());
    for t in &strings {
        assert!(!lone(t.as_str().unwrap()), "{t}");
    }
}

/// SARIF plain text writes `\`, `[` and `]` as `\\`, `\[` and `\]`, so that
/// a quoted Markdown link is not an embedded link (§3.11.6); Markdown help
/// keeps them, in its code block.
#[test]
fn sarif_plain_text_escapes_brackets() {
    let sarif = sarif_for(&format!(
        "{ARTICLE}\nVoir [la fiche][absente] et C:\\dossier.\n"
    ));
    let run = &sarif["runs"][0];
    let texts = result_texts(&sarif);
    let reference = texts
        .iter()
        .find(|t| t.contains("absente"))
        .unwrap_or_else(|| panic!("{texts:#?}"));
    assert!(
        reference.starts_with("`\\[la fiche\\]\\[absente\\]` refers to"),
        "{reference}"
    );
    assert!(reference.contains("`\\[text\\](URL)`"), "{reference}");
    // Every `[`, `]` and `\\` of plain text is escaped; a viewer that
    // unescapes gets the message back.
    for t in &texts {
        let mut chars = t.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => assert!(matches!(chars.next(), Some('\\' | '[' | ']')), "{t}"),
                '[' | ']' => panic!("unescaped bracket in {t}"),
                _ => {}
            }
        }
    }
    let described = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "front-matter")
        .unwrap();
    assert!(
        described["help"]["text"]
            .as_str()
            .unwrap()
            .contains("\\[VALUES\\]")
    );
    assert!(
        described["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains(" [VALUES] ")
    );
}

/// File names that are not plain URI segments (non-ASCII letters, `<&"`,
/// `#`, `?`, `%`, a space, a `:` that would read as a scheme, a `\\`, bytes
/// that are not UTF-8) give SARIF URIs that pass the schema's
/// `uri-reference` format and name the file.
#[test]
fn sarif_uris_of_unusual_file_names() {
    use std::ffi::OsString;
    let dir = tempfile::tempdir().unwrap();
    let mut names: Vec<(OsString, &str)> = vec![
        ("été.md".into(), "%C3%A9t%C3%A9.md"),
        ("a<&\"b>.md".into(), "a%3C&%22b%3E.md"),
        ("x#y.md".into(), "x%23y.md"),
        ("what?.md".into(), "what%3F.md"),
        ("50%.md".into(), "50%25.md"),
        ("with space.md".into(), "with%20space.md"),
        ("a:b.md".into(), "./a:b.md"),
    ];
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        names.push((OsString::from_vec(b"caf\xe9.md".to_vec()), "caf%E9.md"));
    }
    // Articles are named by their date.
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut names: Vec<(OsString, String)> = names
        .into_iter()
        .map(|(n, u)| {
            let mut name = OsString::from("2025-02-07-");
            name.push(n);
            let uri = match u.strip_prefix("./") {
                Some(u) => format!("./2025-02-07-{u}"),
                None => format!("2025-02-07-{u}"),
            };
            (name, uri)
        })
        .collect();
    // On Unix `\\` is a character of a name, not a separator.
    #[cfg(unix)]
    {
        fs::create_dir(dir.path().join("a\\b")).unwrap();
        names.push((
            "a\\b/2025-02-07-x.md".into(),
            "a%5Cb/2025-02-07-x.md".into(),
        ));
    }
    for (name, _) in &names {
        let broken = ARTICLE.replace("audience: jeunesse-tech\n", "");
        fs::write(dir.path().join(name), broken).unwrap();
    }
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "sarif", "--fail-on", "never"])
        .args(names.iter().map(|(n, _)| n))
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let uris: std::collections::BTreeSet<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
        })
        .collect();
    let expected: std::collections::BTreeSet<&str> =
        names.iter().map(|(_, u)| u.as_str()).collect();
    assert_eq!(uris, expected);
}

/// `concise` gives one line per diagnostic and JUnit one line per diagnostic
/// in a failure, even when the message quotes a value with a line break.
#[test]
fn one_line_formats_escape_line_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let text = ARTICLE.replace(
        "audience: jeunesse-tech\n",
        "audience: \"jeu\\nnes\\tse:x\"\n",
    );
    assert_ne!(text, ARTICLE);
    fs::write(dir.path().join(NAME), text).unwrap();
    let run = |format: &str| {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--quiet", "--format", format, NAME])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let concise = run("concise");
    assert!(concise.contains("`jeu\\nnes\tse:x`"), "{concise}");
    assert!(
        concise.lines().all(|l| l.starts_with(NAME)),
        "one line per diagnostic: {concise}"
    );
    let junit = run("junit");
    let failure = junit
        .split_once("<failure ")
        .and_then(|(_, f)| f.split_once('>'))
        .and_then(|(_, f)| f.split_once("</failure>"))
        .map(|(f, _)| f)
        .unwrap();
    // The XML writer drops tabs: they are written `\t`.
    assert!(failure.contains("`jeu\\nnes\\tse:x`"), "{junit}");
    assert!(
        failure.lines().all(|l| l.starts_with(NAME)),
        "one line per diagnostic: {failure}"
    );
}

/// JUnit has a test case per file checked, and a failing one per path that
/// could not be reached, as README says.
#[test]
fn junit_fails_a_path_that_cannot_be_reached() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "junit", "absent.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let junit = String::from_utf8(out.stdout).unwrap();
    let case = junit
        .split("<testcase ")
        .nth(1)
        .unwrap_or_else(|| panic!("{junit}"));
    assert!(case.contains("name=\"absent.md\""), "{junit}");
    assert!(case.contains("<failure"), "{junit}");
}

#[test]
fn json_and_concise_formats() {
    let (_, s) = output("json");
    insta::assert_snapshot!("format_json", s);
    let (_, s) = output("concise");
    insta::assert_snapshot!("format_concise", s);
}

#[test]
fn output_file_keeps_the_human_report_on_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // `repere check --select front-matter --output-file FILE ARGS` on the
    // fixtures: (exit code, what the terminal got, what the file got).
    let report_to = |file: &str, args: &[&str]| {
        let file = dir.path().join(file);
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(fixtures())
            .args(["check", "--select", "front-matter", "--output-file"])
            .arg(&file)
            .args(args)
            .args(SET)
            .output()
            .unwrap();
        (
            out.status.code(),
            out.stdout,
            fs::read_to_string(&file).unwrap(),
        )
    };
    let (code, terminal, written) =
        report_to("report.sarif", &["--color", "never", "--format", "sarif"]);
    assert_eq!(code, Some(1));
    let written: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(written["version"], "2.1.0");
    let terminal = String::from_utf8(terminal).unwrap();
    assert!(
        terminal.contains("help: add `cto` to `audiences`"),
        "{terminal}"
    );
    assert!(
        terminal.contains("Found 2 errors, 3 warnings"),
        "{terminal}"
    );
    // `--color always` colours the terminal, not a human report written to
    // a file.
    let (_, terminal, written) = report_to("report.txt", &["--color", "always"]);
    assert!(terminal.contains(&0x1b), "the terminal is coloured");
    assert!(
        written.contains("help: add `cto` to `audiences`") && !written.contains('\u{1b}'),
        "{written}"
    );
}

fn stdin_check(args: &[&str], input: &str) -> (i32, Value) {
    stdin_check_in(Path::new("."), args, input)
}

fn stdin_check_in(dir: &Path, args: &[&str], input: &str) -> (i32, Value) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("repere"))
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

#[test]
fn standard_input() {
    let bad = ARTICLE.replace("pillar: trouver-sa-place", "pillar: role-cto");
    let name = format!("content/posts/{NAME}");
    let (code, v) = stdin_check(&["--stdin-filename", &name], &bad);
    assert_eq!(code, 1);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["diagnostics"][0]["path"], name.as_str());
    assert_eq!(v["diagnostics"][0]["rule"], "front-matter");
    let (code, v) = stdin_check(&["--stdin-filename", &name], ARTICLE);
    assert_eq!(
        (code, v["diagnostics"].as_array().unwrap().len()),
        (0, 0),
        "{v:#}"
    );
    // A name the config's `exclude` matches is not checked, as that file
    // named on the command line would not be.
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("repere.toml"),
        "exclude = [\"content/posts/**\"]\n",
    )
    .unwrap();
    let (code, v) = stdin_check_in(dir.path(), &["--stdin-filename", &name], &bad);
    assert_eq!(
        (code, &v["summary"]["files"]),
        (0, &Value::from(0)),
        "{v:#}"
    );
    // `-` names standard input; its default name is not a post's, so the
    // post rules do not apply.
    let (_, v) = stdin_check(&["-"], &bad);
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
}

/// Standard input named as a file of a folder also given stands for that
/// file: the file on disk is not checked too (once under any spelling of
/// its path), so the article is neither counted twice nor a copy of itself,
/// and what the other files are compared with is the text on standard input.
#[test]
fn standard_input_replaces_the_file_of_its_name() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &fixtures().join("duplicates/fail/copie-entre-articles"),
        &dir.path().join("content"),
    );
    let name = "content/2025-03-01-mentorat.md";
    let text = fs::read_to_string(dir.path().join(name)).unwrap();
    let args = |stdin_name: &'static str| {
        [
            "--no-config",
            "--select",
            "duplicate-paragraph-corpus",
            "--stdin-filename",
            stdin_name,
            "content",
        ]
    };
    // The folder, or `.` given (which is walked: it is not the default of
    // no PATHS, standard input alone).
    let mut dot = args(name);
    dot[5] = ".";
    for (spelling, args) in [
        (name, args(name)),
        (
            "./content/2025-03-01-mentorat.md",
            args("./content/2025-03-01-mentorat.md"),
        ),
        (name, dot),
    ] {
        let (code, v) = stdin_check_in(dir.path(), &args, &text);
        assert_eq!(code, 0, "{v:#}");
        assert_eq!(v["summary"]["files"], 3, "{spelling} {args:?}: {v:#}");
        let of_itself = v["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["path"].as_str().unwrap().contains("mentorat")
                && d["message"].as_str().unwrap().contains("mentorat")
        });
        assert!(!of_itself, "{spelling}: {v:#}");
    }
    // The copied paragraph rewritten on standard input only: the other
    // articles no longer copy it.
    let rewritten = text.replace(
        "Un mentor utile ne te donne pas la solution : il te demande ce que tu as déjà \
         essayé, puis t'aide à repérer l'hypothèse que tu n'as pas vérifiée.",
        "Chaque séance commence par un exemple concret, tiré de la semaine écoulée.",
    );
    assert_ne!(rewritten, text);
    let (_, v) = stdin_check_in(dir.path(), &args(name), &rewritten);
    let names_it = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["message"].as_str().unwrap().contains("mentorat"));
    assert!(!names_it, "{v:#}");
}

/// README: `--stdin-filename NAME`: "The text read stands for the file
/// NAME: given with PATHS that hold that file (…, under any spelling of its
/// path: …, absolute, or through a link), the file on disk is not checked
/// as well, and the other files are compared with the text read". NAME is
/// spelled here as an absolute path, through a link to the file's folder,
/// and both; PATHS is the folder, or the file itself.
#[cfg(unix)]
#[test]
fn standard_input_stands_for_its_file_under_an_absolute_or_linked_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    copy_dir(
        &fixtures().join("duplicates/fail/copie-entre-articles"),
        &root.join("content"),
    );
    std::os::unix::fs::symlink("content", root.join("lien")).unwrap();
    let file = "2025-03-01-mentorat.md";
    let text = fs::read_to_string(root.join("content").join(file)).unwrap();
    let rewritten = text.replace(
        "Un mentor utile ne te donne pas la solution : il te demande ce que tu as déjà \
         essayé, puis t'aide à repérer l'hypothèse que tu n'as pas vérifiée.",
        "Chaque séance commence par un exemple concret, tiré de la semaine écoulée.",
    );
    assert_ne!(rewritten, text);
    let names = [
        root.join("content")
            .join(file)
            .to_str()
            .unwrap()
            .to_string(),
        format!("lien/{file}"),
        root.join("lien").join(file).to_str().unwrap().to_string(),
    ];
    let on_disk = format!("content/{file}");
    for name in &names {
        let check = |paths: &str, input: &str| {
            let args = [
                "--no-config",
                "--select",
                "duplicate-paragraph-corpus",
                "--stdin-filename",
                name,
                paths,
            ];
            stdin_check_in(&root, &args, input).1
        };
        // The folder given: three files, the article not a copy of itself.
        let v = check("content", &text);
        assert_eq!(v["summary"]["files"], 3, "{name}: {v:#}");
        let of_itself = v["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["path"].as_str().unwrap().contains("mentorat")
                && d["message"].as_str().unwrap().contains("mentorat")
        });
        assert!(!of_itself, "{name}: {v:#}");
        // The copied paragraph rewritten on standard input only: no
        // finding names the article any more, on either side.
        let v = check("content", &rewritten);
        assert_eq!(v["summary"]["files"], 3, "{name}: {v:#}");
        let named = v["diagnostics"].as_array().unwrap().iter().any(|d| {
            d["path"].as_str().unwrap().contains("mentorat")
                || d["message"].as_str().unwrap().contains("mentorat")
        });
        assert!(!named, "{name}: {v:#}");
        // The file itself given: one file checked, the text read.
        let v = check(&on_disk, &text);
        assert_eq!(v["summary"]["files"], 1, "{name}: {v:#}");
    }
}

#[test]
fn standard_input_inside_a_site_knows_the_site() {
    let site = tempfile::tempdir().unwrap();
    let posts = site.path().join("content/posts");
    std::fs::create_dir_all(&posts).unwrap();
    std::fs::write(posts.join(NAME), ARTICLE).unwrap();
    let name = "content/posts/2025-02-08-autre-article.md";
    let linking = |target: &str| {
        ARTICLE.replace(
            "Les autres articles",
            &format!("[Un article]({target}) et les autres articles"),
        )
    };
    let args = ["--stdin-filename", name, "--select", "internal-links"];
    let (code, v) = stdin_check_in(site.path(), &args, &linking("/posts/changer-de-poste/"));
    assert_eq!(
        (code, &v["diagnostics"]),
        (0, &serde_json::json!([])),
        "{v:#}"
    );
    let (code, v) = stdin_check_in(site.path(), &args, &linking("/posts/nulle-part/"));
    assert_eq!(code, 1);
    let d = &v["diagnostics"][0];
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("no post of the site"),
        "{d:#}"
    );
}

#[test]
fn statistics() {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(fixtures())
        .args(["check", "--select", "front-matter", "--statistics"])
        .args(SET)
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["3", "warning", "front-matter-style"]
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        ["2", "error", "front-matter"]
    );
    let run = |format: &str| {
        Command::cargo_bin("repere")
            .unwrap()
            .current_dir(fixtures())
            .args(["check", "--select", "front-matter", "--statistics"])
            .args(["--format", format])
            .args(SET)
            .output()
            .unwrap()
    };
    let v: Value = serde_json::from_slice(&run("json").stdout).unwrap();
    assert_eq!(
        v["statistics"],
        serde_json::json!([
            {"rule": "front-matter-style", "severity": "warning", "count": 3},
            {"rule": "front-matter", "severity": "error", "count": 2},
        ])
    );
    assert_eq!(v["summary"]["errors"], 2);
    let out = run("sarif");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    // `concise` gives the table, as `human` does.
    assert_eq!(run("concise").stdout, s.as_bytes());
    // The table ends with the summary and the notes (what a baseline hid),
    // as the human report does; `-q` leaves them out.
    let dir = tempfile::tempdir().unwrap();
    let baseline = dir.path().join("b.json");
    fs::write(&baseline, r#"{"version": 2, "entries": []}"#).unwrap();
    let table = |quiet: bool| {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(fixtures())
            .args([
                "check",
                "--select",
                "front-matter",
                "--statistics",
                "--baseline",
            ])
            .arg(&baseline)
            .args(quiet.then_some("-q"))
            .args(SET)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let s = table(false);
    assert!(
        s.contains("Found 2 errors") && s.contains("hidden by the baseline"),
        "{s}"
    );
    let s = table(true);
    assert_eq!(s.lines().count(), 2, "{s}");
}

/// `--output-file` with `--statistics` writes the statistics there (as
/// `--format` says), and the terminal gets the table.
#[test]
fn statistics_to_an_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("stats.json");
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(fixtures())
        .args(["check", "--select", "front-matter", "--statistics"])
        .args(["--format", "json", "--output-file"])
        .arg(&file)
        .args(SET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let written = fs::read_to_string(&file).expect("the output file is written");
    let v: Value = serde_json::from_str(&written).unwrap();
    assert_eq!(v["statistics"][0]["count"], 3);
    assert_eq!(v["summary"]["errors"], 2);
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        s.lines()
            .next()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["3", "warning", "front-matter-style"]
    );
}

/// README: "`repere completions SHELL` print completions for bash, zsh,
/// fish, elvish or powershell": each is that shell's script (it registers
/// its completer as that shell does), and knows the options; another shell
/// is refused.
#[test]
fn completions_and_man_page() {
    for (shell, registers) in [
        ("bash", "complete -F _repere"),
        ("zsh", "#compdef repere"),
        ("fish", "complete -c repere"),
        ("elvish", "set edit:completion:arg-completer[repere]"),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'repere'",
        ),
    ] {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}: {out:?}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(
            s.contains("repere") && s.contains("stdin-filename"),
            "{shell}"
        );
        assert!(s.contains(registers), "{shell}: {s}");
    }
    Command::cargo_bin("repere")
        .unwrap()
        .args(["completions", "nushell"])
        .assert()
        .code(2);
    let out = Command::cargo_bin("repere")
        .unwrap()
        .arg("man")
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with(".ie") || s.contains(".TH"), "{s}");
    assert!(s.contains("check"));
}

#[test]
fn init_writes_a_working_config_for_a_hugo_site() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    fs::create_dir_all(dir.path().join("content/guides-livres")).unwrap();
    fs::write(dir.path().join("content/posts").join(NAME), ARTICLE).unwrap();
    fs::write(
        dir.path()
            .join("content/guides-livres/2025-01-01-chapitre.md"),
        "Un chapitre sans front matter.\n",
    )
    .unwrap();
    Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    let cfg = fs::read_to_string(dir.path().join("repere.toml")).unwrap();
    assert!(cfg.contains("include = [\"content/**/*.md\", \"content/**/*.markdown\"]"));
    assert!(cfg.contains("content/guides-livres/**"));
    Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2);
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{v:#}");
    assert_eq!(v["summary"]["files"], 2);
    // Below it, a new config would quietly take its place: refused, named.
    let init = |dir: &Path, force: bool| {
        let mut cmd = Command::cargo_bin("repere").unwrap();
        cmd.current_dir(dir).arg("init");
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let below = dir.path().join("content");
    let out = init(&below, false);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("repere.toml is the config in force here"),
        "{err}"
    );
    assert!(!below.join("repere.toml").exists());
    // With --force: written, said to take the place of the one in force;
    // over an existing one, said so.
    let wrote = String::from_utf8_lossy(&init(&below, true).stdout).into_owned();
    assert!(wrote.starts_with("Wrote repere.toml"), "{wrote}");
    assert!(
        wrote.contains("It takes the place of ")
            && wrote.contains("the config in force here until now"),
        "{wrote}"
    );
    assert!(
        String::from_utf8_lossy(&init(&below, true).stdout).starts_with("Replaced repere.toml")
    );
}

/// Hugo reads a `.markdown` post as a `.md` one, and the embedded rules
/// check both: the config `init` writes walks both, so that `repere check`
/// does not pass a broken `.markdown` post that pre-commit, naming the
/// file, reports.
#[test]
fn init_includes_markdown_posts() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    let name = NAME.replace(".md", ".markdown");
    fs::write(
        posts.join(&name),
        ARTICLE.replace("pillar: trouver-sa-place", "pillar: gouvernance"),
    )
    .unwrap();
    Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0);
    let cfg = fs::read_to_string(dir.path().join("repere.toml")).unwrap();
    assert!(
        cfg.contains("include = [\"content/**/*.md\", \"content/**/*.markdown\"]"),
        "{cfg}"
    );
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{v:#}");
    assert_eq!(v["summary"]["files"], 1, "{v:#}");
    assert_eq!(
        v["diagnostics"][0]["path"],
        format!("content/posts/{name}"),
        "{v:#}"
    );
}

/// Runs `repere test-rules ARGS PACK` on a pack of `yaml` written in a
/// temporary folder (kept alive by the returned guard).
fn test_rules_on(yaml: &str, args: &[&str]) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack.yaml");
    fs::write(&pack, yaml).unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .arg("test-rules")
        .args(args)
        .arg(&pack)
        .output()
        .unwrap();
    (dir, out)
}

/// A rule is tested as its pack defines it: the config's options and
/// severity, which `check` applies, leave its examples alone.
#[test]
fn test_rules_tests_the_pack_s_rule_not_the_config_s() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("pack.yaml"),
        "- id: x\n  kind: phrase\n  severity: warning\n  phrases: [{words: [mot]}]\n  examples:\n    invalid: [\"Un mot.\"]\n    valid: [\"Rien.\"]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("repere.toml"),
        "[options.x]\nphrases = [{words = [\"zzz\"]}]\n[severity]\nx = \"off\"\n",
    )
    .unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "test-rules",
            "--config",
            "repere.toml",
            "--no-default-rules",
            "--rules",
            "pack.yaml",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("2 passed, 0 failed"), "{text}");
}

#[test]
fn test_rules_runs_pack_examples() {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .arg("test-rules")
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{s}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.contains(" 0 failed"), "{s}");
    // Every rule of the embedded packs that one file can show is tested.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("no `examples`"), "{err}");
    let pack = "- id: needs-weight\n  kind: front-matter\n  severity: error\n  fields:\n    weight: {required: true}\n  examples:\n    valid:\n      - \"---\\nweight: 1\\n---\\n\"\n      - \"---\\ntitle: x\\n---\\n\"\n    invalid:\n      - \"---\\nweight: 2\\n---\\n\"\n";
    let test_rules = |color: &str| test_rules_on(pack, &["--color", color]).1;
    let out = test_rules("never");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed, 2 failed"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`needs-weight` flags this valid example")
            && err.contains("does not flag this invalid example"),
        "{err}"
    );
    assert!(err.contains("pack.yaml:9:9"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
    // `--color always` colours the same report.
    let out = test_rules("always");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
}

/// An example its rule does not run on (`files` or `when` leave it out), or
/// an example of a rule that only compares files, tests nothing: it fails,
/// valid or not, and says why. One the rule runs on is judged as before.
#[test]
fn test_rules_fails_examples_that_test_nothing() {
    let pack = concat!(
        "- id: recipe\n  kind: front-matter\n  severity: error\n",
        "  files: [\"content/recipes/**\"]\n",
        "  fields: {difficulty: {one_of: [easy, hard]}}\n",
        "  examples:\n    valid:\n      - \"Just knead.\\n\"\n",
        "      - name: content/recipes/pain.md\n        text: \"---\\ndifficulty: easy\\n---\\n\"\n",
        "    invalid:\n      - name: content/recipes/pain.md\n        text: \"---\\ndifficulty: medium\\n---\\n\"\n",
        "- id: draft-only\n  kind: phrase\n  severity: error\n  when: {draft: true}\n",
        "  phrases:\n    - words: [jamais]\n      message: \"non\"\n",
        "  examples:\n    invalid: [\"---\\ndraft: false\\n---\\n\\nJamais.\\n\"]\n",
        "- id: copies\n  kind: duplicates\n  severity: warning\n  scope: corpus\n",
        "  examples:\n    valid: [\"Un texte.\\n\"]\n",
    );
    let (_dir, out) = test_rules_on(pack, &["--color", "never"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{err}");
    assert!(stdout.contains("2 passed, 3 failed"), "{stdout}{err}");
    assert!(
        err.contains(
            "`recipe` does not run on this example: its `files` or `when` leave `content/posts/2025-01-06-exemple.md` out"
        ),
        "{err}"
    );
    assert!(
        err.contains("`draft-only` does not run on this example"),
        "{err}"
    );
    assert!(
        err.contains("`copies` only compares files: a one-file example cannot test it"),
        "{err}"
    );
}

/// An invalid example with `expect` passes only when one of its rule's
/// messages holds those words: flagged for another reason, it fails.
#[test]
fn test_rules_checks_what_an_invalid_example_expects() {
    let pack = concat!(
        "- id: recipe\n  kind: front-matter\n  severity: error\n",
        "  fields:\n    difficulty: {required: true, one_of: [easy, hard]}\n    time: {type: integer}\n",
        "  examples:\n    invalid:\n",
        // Flagged for the value, as it expects.
        "      - text: \"---\\ndifficulty: medium\\n---\\n\"\n        expect: \"allowed: `easy`\"\n",
        // Meant to show a bad time, but flagged for the missing difficulty.
        "      - text: \"---\\ntime: 12\\n---\\n\"\n        expect: \"`time`\"\n",
    );
    let (_dir, out) = test_rules_on(pack, &["--color", "never"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{err}");
    assert!(
        stdout.contains("1 passed, 1 failed (2 examples of 1 rule)"),
        "{stdout}{err}"
    );
    assert!(
        err.contains("`recipe` flags this invalid example, but no message holds \"`time`\": required key `difficulty` is missing"),
        "{err}"
    );
    assert!(err.contains("pack.yaml:11:9"), "{err}");

    // `expect` belongs to invalid examples, and is words.
    for (bad, needle) in [
        (
            "  examples:\n    valid:\n      - text: \"x\"\n        expect: \"y\"\n",
            "`expect` is for `invalid` examples",
        ),
        (
            "  examples:\n    invalid:\n      - text: \"x\"\n        expect: [y]\n",
            "`expect` is words the finding's message must hold, in one string, e.g. `allowed:`; this is a list",
        ),
        (
            "  examples:\n    invalid:\n      - text: \"x\"\n        expct: \"y\"\n",
            "an example has only `name`, `text` and `expect`; did you mean `expect`?",
        ),
        // A misspelt `text` is named as such, not as a missing one.
        (
            "  examples:\n    invalid:\n      - txt: \"x\"\n",
            "an example has only `name`, `text` and `expect`; did you mean `text`?",
        ),
    ] {
        let pack = format!("- id: x\n  kind: markup\n  severity: error\n{bad}");
        let (_dir, out) = test_rules_on(&pack, &["--color", "never"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(needle), "{err}");
    }
}

/// README's example pack, with its `expect` example added to the
/// `invalid` list, passes `test-rules`.
#[test]
fn readme_test_rules_example_passes() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("## Testing rule packs")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    let blocks: Vec<&str> = section
        .split("```yaml\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 2, "{section}");
    let extra = blocks[1].strip_prefix("    invalid:\n").unwrap();
    let pack = blocks[0].replacen("    invalid:\n", &format!("    invalid:\n{extra}"), 1);
    let (_dir, out) = test_rules_on(&pack, &["--color", "never"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{pack}{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("3 passed, 0 failed"), "{stdout}");
}

/// Commands that would do nothing say so: a pack without examples under
/// test-rules, a rule folder without packs, a run without any pack.
#[test]
fn what_would_check_or_test_nothing_is_said() {
    let (dir, out) = test_rules_on(
        "- id: needs-weight\n  kind: front-matter\n  severity: error\n  fields:\n    weight: {required: true}\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 rule(s) have no `examples`") && err.contains("`needs-weight`"),
        "{err}"
    );
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let run = |args: &[&str]| {
        Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--no-config"])
            .args(args)
            .arg(".")
            .output()
            .unwrap()
    };
    let out = run(&["--rules", "empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("holds no rule pack"),
        "{out:?}"
    );
    let out = run(&["--no-default-rules"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no rule pack is in force"),
        "{out:?}"
    );
}

#[test]
fn test_rules_runs_the_examples_of_a_rule_that_is_off() {
    // A rule shipped off (to be turned on by `[severity]` or an override
    // block) is still tested: its examples say what it flags when on.
    let (_dir, out) = test_rules_on(
        "- id: needs-weight\n  kind: front-matter\n  severity: off\n  fields:\n    weight: {required: true}\n  examples:\n    valid:\n      - \"---\\nweight: 1\\n---\\n\"\n    invalid:\n      - \"---\\ntitle: x\\n---\\n\"\n",
        &[],
    );
    let s = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{s}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.contains("2 passed, 0 failed"), "{s}");
}

/// A value or a line of an article holding terminal escapes (ESC starts the
/// colour and cursor sequences) reaches no report raw: a contributor's
/// article cannot recolour or rewrite the reader's terminal or CI log. Nor
/// do U+FFFE and U+FFFF, which no XML (JUnit) may hold.
#[test]
fn control_characters_from_an_article_are_escaped_in_every_text_report() {
    let dir = tempfile::tempdir().unwrap();
    let text = ARTICLE
        .replace(
            "pillar: trouver-sa-place",
            "pillar: \"a\\u0001b\\e[2J\\e[31mRED\\rOK\\uFFFE\"",
        )
        .replace(
            "Les premiers mois",
            "Il faut \u{1b}[31m rouge\u{fffe}. Les premiers mois",
        );
    fs::write(dir.path().join(NAME), &text).unwrap();
    for format in ["human", "concise", "github", "junit"] {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                ".",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("RED"), "{format}: {stdout}");
        let raw: Vec<char> = stdout
            .chars()
            .filter(|c| {
                c.is_control() && !matches!(c, '\n' | '\t') || matches!(c, '\u{fffe}' | '\u{ffff}')
            })
            .collect();
        assert!(raw.is_empty(), "{format}: {raw:?} in {stdout}");
    }
}
