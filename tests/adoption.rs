//! Adopting repere on an existing site: config file, inline suppression,
//! baseline, thresholds. Each test builds a small site in a temporary folder
//! and runs the real binary.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{ARTICLE, NAME, copy_dir};
use serde_json::Value;

/// A site with a `.git` folder, a post with a too-short description (a
/// `front-matter-style` warning) and `content/posts/` holding it.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    fs::write(posts.join(NAME), short_description(ARTICLE)).unwrap();
    dir
}

fn short_description(text: &str) -> String {
    let start = text.find("description: ").unwrap();
    let end = start + text[start..].find('\n').unwrap();
    format!(
        "{}description: \"Trop court.\"{}",
        &text[..start],
        &text[end..]
    )
}

/// Runs `repere check` as JSON. The test articles share their prose, which
/// the cross-article duplicate check would report: it is not what these
/// tests are about.
fn run(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir)
        .arg("check")
        .args(["--format", "json", "--ignore", "duplicate-paragraph"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let v = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap(),
        v,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn rules_of(v: &Value) -> Vec<String> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn post(dir: &Path) -> PathBuf {
    dir.join("content/posts").join(NAME)
}

/// Where the site's second post goes, and its text: the test article for
/// another day, slug and pillar.
const OTHER: &str = "content/posts/2025-02-08-autre.md";

fn other_article() -> String {
    ARTICLE
        .replace("changer-de-poste", "autre")
        .replace("2025-02-07", "2025-02-08")
        .replace("pillar: trouver-sa-place", "pillar: role-cto")
}

/// Runs `repere check --write-baseline FILE ARGS` as `run` checks (without
/// the duplicate check), which must exit 0; returns what it printed.
fn write_baseline(dir: &Path, file: &str, args: &[&str]) -> String {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir)
        .args([
            "check",
            "--ignore",
            "duplicate-paragraph",
            "--write-baseline",
            file,
        ])
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // The status line is on stderr: stdout has no report to mix it with.
    assert!(out.stdout.is_empty(), "{out:?}");
    // The file ends with a line break, as a text file does.
    let written = fs::read(dir.join(file)).unwrap();
    assert_eq!(written.last(), Some(&b'\n'));
    String::from_utf8_lossy(&out.stderr).to_string()
}

#[test]
fn config_is_discovered_from_a_sub_folder() {
    let dir = site();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(rules_of(&v), ["front-matter-style"]);
    fs::write(
        dir.path().join("repere.toml"),
        "[severity]\nfront-matter-style = \"off\"\n",
    )
    .unwrap();
    let (code, v, _) = run(&dir.path().join("content/posts"), &["."]);
    assert_eq!(code, 0);
    assert!(rules_of(&v).is_empty(), "{v:#}");
    // .repere.toml is found too.
    fs::rename(
        dir.path().join("repere.toml"),
        dir.path().join(".repere.toml"),
    )
    .unwrap();
    let (_, v, _) = run(&dir.path().join("content"), &["."]);
    assert!(rules_of(&v).is_empty());
    // Beside it, `repere.toml` is the one read.
    fs::write(dir.path().join("repere.toml"), "fail-on = \"warning\"\n").unwrap();
    let (_, v, _) = run(&dir.path().join("content"), &["."]);
    assert_eq!(rules_of(&v), ["front-matter-style"]);
    fs::remove_file(dir.path().join("repere.toml")).unwrap();
    // --no-config ignores it.
    let (_, v, _) = run(&dir.path().join("content"), &["--no-config", "."]);
    assert_eq!(rules_of(&v), ["front-matter-style"]);
}

#[test]
fn discovery_stops_at_the_repository_root() {
    let outer = tempfile::tempdir().unwrap();
    fs::write(
        outer.path().join("repere.toml"),
        "[severity]\nfront-matter-style = \"off\"\n",
    )
    .unwrap();
    let dir = outer.path().join("repo");
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::create_dir_all(dir.join("content/posts")).unwrap();
    fs::write(
        dir.join("content/posts").join(NAME),
        short_description(ARTICLE),
    )
    .unwrap();
    let (_, v, _) = run(&dir, &["."]);
    assert_eq!(
        rules_of(&v),
        ["front-matter-style"],
        "the config above the repository is not used"
    );
}

#[test]
fn explicit_config_file() {
    let dir = site();
    let cfg = dir.path().join("other.toml");
    fs::write(&cfg, "[severity]\nfront-matter-style = \"error\"\n").unwrap();
    let (code, v, _) = run(dir.path(), &["--config", cfg.to_str().unwrap(), "."]);
    assert_eq!(code, 1);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
}

#[test]
fn options_and_override_blocks() {
    let dir = site();
    let guides = dir.path().join("content/guides/posts");
    fs::create_dir_all(&guides).unwrap();
    fs::write(
        guides.join(NAME),
        ARTICLE.replace("pillar: trouver-sa-place", "pillar: livres"),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(rules_of(&v), ["front-matter", "front-matter-style"]);
    fs::write(
        dir.path().join("repere.toml"),
        r#"
[options.front-matter-style.fields.description]
min_length = 5

[[overrides]]
files = ["content/guides/**"]
severity = { front-matter = "off" }
"#,
    )
    .unwrap();
    let (code, v, _) = run(dir.path(), &["."]);
    assert_eq!(code, 0, "{v:#}");
    assert!(rules_of(&v).is_empty(), "{v:#}");
    // From a sub-folder, the override's glob is still relative to the config.
    let (_, v, _) = run(&dir.path().join("content"), &["."]);
    assert!(rules_of(&v).is_empty(), "{v:#}");
}

#[test]
fn include_and_exclude() {
    let dir = site();
    fs::write(
        dir.path().join("content/posts/2025-01-01-brouillon.md"),
        "sans front matter\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("repere.toml"),
        "exclude = [\"content/posts/2025-01-01-*.md\"]\n",
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(v["summary"]["files"], 1);
    // Also when pre-commit names the file.
    let (code, v, _) = run(dir.path(), &["content/posts/2025-01-01-brouillon.md"]);
    assert_eq!((code, v["summary"]["files"].as_u64()), (0, Some(0)));
    fs::write(
        dir.path().join("repere.toml"),
        "include = [\"content/pages/**\"]\n",
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(v["summary"]["files"], 0);
    // A `!` glob takes files back out of the others.
    fs::write(
        dir.path().join("repere.toml"),
        "include = [\"content/**\", \"!content/posts/2025-01-01-*.md\"]\n",
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(v["summary"]["files"], 1, "{v:#}");
}

#[test]
fn bad_config_is_exit_2_with_the_line() {
    let dir = site();
    // What `repere check` says of a config holding `toml` (it must refuse it).
    let refused = |toml: &str| {
        fs::write(dir.path().join("repere.toml"), toml).unwrap();
        let (code, _, err) = run(dir.path(), &["--color", "never", "."]);
        assert_eq!(code, 2, "{toml}: {err}");
        err
    };
    let err = refused("fail-on = \"error\"\n\n[severty]\ntone = \"off\"\n");
    assert!(err.contains("repere.toml:3:2"), "{err}");
    assert!(err.contains("unknown field `severty`"), "{err}");
    let err = refused("[severity]\nfront-mater-style = \"off\"\n");
    assert!(
        err.contains("repere.toml:2:1") && err.contains("did you mean `front-matter-style`"),
        "{err}"
    );
    let err = refused("[options.front-matter.fields.date]\ntype = \"calendar\"\n");
    assert!(err.contains("repere.toml:2:8"), "{err}");
    // A key of the pack entry is not an option: the error says where it goes.
    let err = refused("[options.tone]\nseverity = \"off\"\n");
    assert!(
        err.contains("repere.toml:2:1")
            && err.contains("not one of its options")
            && err.contains("`[severity]`"),
        "{err}"
    );
    // All the config's mistakes at once, the globs of its overrides too.
    let err = refused("include = [\"content/\"]\n[[overrides]]\nfiles = [\"content/guides/\"]\n");
    assert!(
        err.contains("repere.toml:1:12") && err.contains("repere.toml:3:10"),
        "{err}"
    );
    // A value that is no list is said once.
    let err = refused("[[overrides]]\nfiles = 3\n");
    assert_eq!(err.matches("repere.toml:2:9").count(), 1, "{err}");
    // In TOML's words; `[overrides]` for `[[overrides]]` is named.
    let err = refused("exclude = \"drafts/**\"\n");
    assert!(
        err.contains("expected a list (e.g. `[\"a\", \"b\"]`)"),
        "{err}"
    );
    let err = refused("[overrides]\nfiles = [\"a/**\"]\n");
    assert!(
        err.contains("this is a table (`key = value` lines)")
            && err.contains("write each block as `[[overrides]]`"),
        "{err}"
    );
    // Options that disagree with the embedded pack's entry are the
    // config's error, which names the pack's line.
    let err = refused("[options.front-matter-style.fields.description]\nmax_length = 100\n");
    assert!(
        err.contains("repere.toml:1:10")
            && err.contains("over `max_length: 100`")
            && err.contains("(`rules/front-matter.yaml`, line "),
        "{err}"
    );
    let err = refused(
        "[options.markup]\nemphasis = false\nempty_headings = false\nreferences = false\nhtml = false\nshortcodes = false\n",
    );
    assert!(
        err.contains("repere.toml:1:1") && err.contains("every check of the rule is off"),
        "{err}"
    );
}

#[test]
fn a_bad_glob_in_include_or_exclude_is_pointed_at_by_every_command() {
    let dir = site();
    for key in ["include", "exclude"] {
        fs::write(
            dir.path().join("repere.toml"),
            format!("fail-on = \"error\"\n{key} = [\"content/**\", \"content/[**\"]\n"),
        )
        .unwrap();
        let (code, _, err) = run(dir.path(), &["--color", "never", "."]);
        assert_eq!(code, 2, "{err}");
        // A snippet at the glob itself, as for any other bad value.
        assert!(err.contains("repere.toml:2:"), "{err}");
        assert!(err.contains("invalid glob `content/[**`"), "{err}");
        assert!(err.contains("\"content/[**\""), "{err}");
        for command in ["config", "rules"] {
            let out = Command::cargo_bin("repere")
                .unwrap()
                .current_dir(dir.path())
                .args([command])
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command}: {err}");
            assert!(err.contains("invalid glob"), "{command}: {err}");
        }
    }
}

#[test]
fn suppression_comments() {
    let dir = site();
    let body_warning = |extra: &str| format!("{}\n{extra}\n", short_description(ARTICLE));
    // disable-file names the rule.
    fs::write(
        post(dir.path()),
        body_warning("<!-- repere-disable-file front-matter-style -- old post -->"),
    )
    .unwrap();
    let (code, v, _) = run(dir.path(), &["--fail-on", "warning", "."]);
    assert_eq!(code, 0, "{v:#}");
    // Without a rule name, it applies to all rules.
    fs::write(
        post(dir.path()),
        body_warning("<!-- repere-disable-file -->"),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert!(rules_of(&v).is_empty());
    // A disable range starting after the front matter does not cover it: the
    // comment suppresses nothing and says so.
    fs::write(
        post(dir.path()),
        body_warning("<!-- repere-disable front-matter-style -->"),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(rules_of(&v), ["front-matter-style", "unused-suppression"]);
    // disable-next-line on a rule that finds nothing there.
    fs::write(
        post(dir.path()),
        format!("{ARTICLE}\n<!-- repere-disable-next-line front-matter -->\nUne ligne.\n"),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(rules_of(&v), ["unused-suppression"]);
    let d = &v["diagnostics"][0];
    assert_eq!(d["severity"], "warning");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("suppresses nothing")
    );
    assert_eq!(d["line"], ARTICLE.lines().count() + 2);
    // `unused-suppression` itself: no comment can hide its findings.
    fs::write(
        post(dir.path()),
        format!("{ARTICLE}\n<!-- repere-disable-next-line unused-suppression -->\nx\n"),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(rules_of(&v), ["unused-suppression"]);
    let m = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(m.contains("cannot be suppressed by a comment"), "{m}");
    // An unknown rule id.
    fs::write(
        post(dir.path()),
        format!("{ARTICLE}\n<!-- repere-disable-next-line front-mater -->\nx\n"),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    let m = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(m.contains("unknown rule(s) `front-mater`"), "{m}");
    assert!(
        v["diagnostics"][0]["help"]
            .as_str()
            .unwrap()
            .contains("front-matter")
    );
    // A comment naming a rule that --select left out is not reported.
    fs::write(
        post(dir.path()),
        format!("{ARTICLE}\n<!-- repere-disable-next-line front-matter-style -->\nx\n"),
    )
    .unwrap();
    let (_, v, _) = run(
        dir.path(),
        &["--select", "front-matter-style,unused-suppression", "."],
    );
    assert_eq!(rules_of(&v), ["unused-suppression"]);
    let (_, v, _) = run(dir.path(), &["--ignore", "front-matter-style", "."]);
    assert!(rules_of(&v).is_empty(), "{v:#}");
    // Enabling one rule inside a disable of all rules switches it back on.
    fs::write(
        post(dir.path()),
        format!(
            "{ARTICLE}\n<!-- repere-disable -- draft -->\n\nIl faut partir.\n\n<!-- repere-enable tone -->\n\nIl faut rester.\n"
        ),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    assert_eq!(rules_of(&v), ["tone"], "{v:#}");
    assert_eq!(v["diagnostics"][0]["line"], ARTICLE.lines().count() + 8);
    // A directive misspelled, or in capitals, suppresses nothing and says
    // so; so does an `enable` with no `disable` of its rule above it.
    fs::write(
        post(dir.path()),
        format!(
            "{ARTICLE}\n<!-- repere-disabel tone -->\n\nIl faut partir.\n\n\
             <!-- REPERE-DISABLE-NEXT-LINE tone -->\nIl faut rester.\n\n<!-- repere-enable tone -->\n"
        ),
    )
    .unwrap();
    let (_, v, _) = run(dir.path(), &["."]);
    let said: Vec<(&str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unused-suppression")
        .map(|d| (d["message"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "`repere-disabel` is no suppression comment: it suppresses nothing",
                "did you mean `repere-disable`?"
            ),
            (
                "`REPERE-DISABLE-NEXT-LINE` is no suppression comment: it suppresses nothing",
                "did you mean `repere-disable-next-line`?"
            ),
            (
                "this `repere-enable` of `tone` turns on nothing: no `repere-disable` of it is open above",
                "remove the comment, or put a `repere-disable` above it"
            ),
        ],
        "{v:#}"
    );
    assert_eq!(rules_of(&v).iter().filter(|r| *r == "tone").count(), 2);
}

#[test]
fn the_engine_diagnostics_take_their_severity_from_the_config() {
    let dir = site();
    fs::write(
        post(dir.path()),
        format!("{ARTICLE}\n<!-- repere-disable-next-line front-matter -->\nUne ligne.\n"),
    )
    .unwrap();
    fs::write(dir.path().join("notes.md"), b"\xff\xfe not UTF-8").unwrap();
    let config = dir.path().join("repere.toml");
    // By default: a warning for the comment, an error for the bad file.
    let (code, v, _) = run(dir.path(), &["."]);
    assert_eq!(code, 1);
    let severities = |v: &Value| -> Vec<(String, String)> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let s = |k: &str| d[k].as_str().unwrap().to_string();
                (s("rule"), s("severity"))
            })
            .collect()
    };
    assert_eq!(
        severities(&v),
        [
            ("unused-suppression".to_string(), "warning".to_string()),
            ("encoding".to_string(), "error".to_string()),
        ]
    );
    // `[severity]` sets them as it sets a rule's.
    fs::write(
        &config,
        "[severity]\nencoding = \"warning\"\nunused-suppression = \"error\"\n",
    )
    .unwrap();
    let (code, v, err) = run(dir.path(), &["."]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        severities(&v),
        [
            ("unused-suppression".to_string(), "error".to_string()),
            ("encoding".to_string(), "warning".to_string()),
        ]
    );
    let listed = |command: &str| {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .arg(command)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let line = |text: &str, id: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(id))
            .unwrap_or_default()
            .to_string()
    };
    let rules = listed("rules");
    assert!(line(&rules, "encoding").contains(" warning "), "{rules}");
    let shown = listed("config");
    let origin = format!("{}:3]", config.display());
    assert!(
        line(&shown, "unused-suppression").ends_with(&format!("error [{origin}")),
        "{shown}"
    );
    assert!(
        line(&shown, "read-error").ends_with("error [repere]"),
        "{shown}"
    );
    // `off` leaves them out: nothing fails.
    fs::write(
        &config,
        "[severity]\nencoding = \"off\"\nunused-suppression = \"off\"\n",
    )
    .unwrap();
    let (code, v, err) = run(dir.path(), &["."]);
    assert_eq!(code, 0, "{err}");
    assert!(severities(&v).is_empty(), "{v:#}");
    // They have no options, and no severity per file.
    for text in [
        "[options.unused-suppression]\nx = 1\n",
        "[[overrides]]\nfiles = [\"**\"]\nseverity = { unused-suppression = \"off\" }\n",
    ] {
        fs::write(&config, text).unwrap();
        let (code, _, err) = run(dir.path(), &["--color", "never", "."]);
        assert_eq!(code, 2, "{text}");
        assert!(err.contains("reported by the engine"), "{err}");
        assert!(err.contains("in `[severity]`"), "{err}");
    }
}

#[test]
fn selecting_a_rule_the_config_sets_off_says_so() {
    let dir = site();
    let config = dir.path().join("repere.toml");
    fs::write(&config, "[severity]\nfront-matter-style = \"off\"\n").unwrap();
    let (code, v, err) = run(dir.path(), &["--select", "front-matter-style", "."]);
    assert_eq!(code, 0, "{err}");
    assert!(rules_of(&v).is_empty(), "{v:#}");
    assert!(
        err.contains("--select front-matter-style: `front-matter-style` is off")
            && err.contains(&format!("{}:2", config.display())),
        "{err}"
    );
    // A selector with a rule that runs: nothing to say.
    let (_, _, err) = run(dir.path(), &["--select", "front-matter", "."]);
    assert!(!err.contains("warning"), "{err}");
    // On for some files: it runs there.
    fs::write(
        &config,
        "[severity]\nfront-matter-style = \"off\"\n[[overrides]]\nfiles = [\"content/**\"]\nseverity = { front-matter-style = \"warning\" }\n",
    )
    .unwrap();
    let (_, v, err) = run(dir.path(), &["--select", "front-matter-style", "."]);
    assert!(!err.contains("warning"), "{err}");
    assert_eq!(rules_of(&v), ["front-matter-style"]);
}

#[test]
fn writing_a_baseline_for_some_files_or_rules_keeps_the_others() {
    let dir = site();
    let other = dir.path().join(OTHER);
    fs::write(&other, short_description(&other_article())).unwrap();
    let write = |args: &[&str]| write_baseline(dir.path(), "b.json", args);
    let entries = || -> Vec<String> {
        let v: Value =
            serde_json::from_str(&fs::read_to_string(dir.path().join("b.json")).unwrap()).unwrap();
        v["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{} {}",
                    e["path"].as_str().unwrap(),
                    e["rule"].as_str().unwrap()
                )
            })
            .collect()
    };
    let said = write(&["."]);
    assert!(said.contains("Wrote 3 finding(s)"), "{said}");
    let all = entries();
    let mine = format!("content/posts/{NAME} front-matter-style");
    let theirs = format!("{OTHER} front-matter-style");
    assert!(all.contains(&mine) && all.contains(&theirs), "{all:?}");
    // One file (a pre-commit hook's call): the other file's entries stay.
    let staged = format!("content/posts/{NAME}");
    let said = write(&[&staged]);
    assert!(
        said.contains("Wrote 1 finding(s)") && said.contains("kept 2 "),
        "{said}"
    );
    assert_eq!(entries(), all);
    // Other rules: what they found stays.
    let said = write(&["--select", "tone", "."]);
    assert!(
        said.contains("Wrote 0 finding(s)") && said.contains("kept 3 "),
        "{said}"
    );
    assert_eq!(entries(), all);
    let (code, v, _) = run(dir.path(), &["--baseline", "b.json", "."]);
    assert_eq!(code, 0, "{v:#}");
    assert!(rules_of(&v).is_empty(), "{v:#}");
    // A file gone from the disk takes its entries with it.
    fs::remove_file(&other).unwrap();
    write(&[&staged]);
    assert_eq!(entries(), std::slice::from_ref(&mine));
    // A baseline of version 1 cannot take version 2 entries: it is
    // replaced whole, and the summary says so.
    fs::write(
        dir.path().join("b.json"),
        serde_json::json!({"version": 1, "entries": [{
            "path": OTHER, "rule": "tone", "fingerprint": "0", "count": 1,
        }]})
        .to_string(),
    )
    .unwrap();
    let said = write(&[&staged]);
    assert!(
        said.contains("replaces a baseline of version 1 whole"),
        "{said}"
    );
    assert_eq!(entries(), [mine]);
}

#[test]
fn baseline_hides_old_findings_and_fails_on_new_ones() {
    let dir = site();
    let other = dir.path().join(OTHER);
    fs::write(&other, other_article()).unwrap();
    let (code, v, _) = run(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&v).len(), 2);
    // Asked for JSON, stdout stays empty (the helper checks it); --quiet
    // drops the status line too.
    let said = write_baseline(dir.path(), "baseline.json", &["--format", "json", "."]);
    assert!(said.contains("Wrote 2 finding(s)"), "{said}");
    let said = write_baseline(dir.path(), "baseline.json", &["--quiet", "."]);
    assert_eq!(said, "");
    let (code, v, _) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert_eq!(code, 0, "{v:#}");
    assert!(rules_of(&v).is_empty());
    // Edit around the old findings: lines move, they stay hidden.
    let text = fs::read_to_string(&other)
        .unwrap()
        .replace("title:", "# a comment\n# another\ntitle:")
        + "\nUn paragraphe ajouté.\n";
    fs::write(&other, text).unwrap();
    let (code, v, _) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert_eq!(code, 0, "{v:#}");
    // A new defect fails the run.
    let text = fs::read_to_string(&other)
        .unwrap()
        .replace("audience: jeunesse-tech", "audience: parents");
    fs::write(&other, text).unwrap();
    let (code, v, _) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&v), ["front-matter"]);
    assert!(
        v["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("parents")
    );
    // Fixing an old one is counted; rewriting the baseline prunes it.
    fs::write(post(dir.path()), ARTICLE).unwrap();
    let (_, v, _) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert!(
        v["notes"][0]
            .as_str()
            .unwrap()
            .contains("1 baseline entry fixed"),
        "{v:#}"
    );
    write_baseline(dir.path(), "baseline.json", &["."]);
    let b: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["entries"].as_array().unwrap().len(), 2);
    assert!(
        b["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["path"] == OTHER)
    );
}

/// A pre-commit hook checks the staged files only, and `--select` runs some
/// rules only: the baseline's entries for the other files and rules were not
/// looked for, and are not counted as fixed.
#[test]
fn baseline_entries_not_looked_for_are_not_fixed() {
    let dir = site();
    let other = dir.path().join(OTHER);
    fs::write(&other, short_description(&other_article())).unwrap();
    write_baseline(dir.path(), "baseline.json", &["."]);
    let note = |args: &[&str]| {
        let (code, v, _) = run(
            dir.path(),
            &[&["--baseline", "baseline.json"], args].concat(),
        );
        assert_eq!(code, 0, "{v:#}");
        v["notes"][0].as_str().unwrap().to_string()
    };
    let staged = format!("content/posts/{NAME}");
    assert!(
        note(&[&staged]).contains(
            "1 finding(s) hidden by the baseline `baseline.json`; 0 baseline entries fixed"
        ),
        "{}",
        note(&[&staged])
    );
    assert!(
        note(&["--select", "front-matter-style", "."]).contains(
            "2 finding(s) hidden by the baseline `baseline.json`; 0 baseline entries fixed"
        ),
        "{}",
        note(&["--select", "front-matter-style", "."])
    );
    // What was looked for and is gone is still counted.
    fs::write(post(dir.path()), ARTICLE).unwrap();
    assert!(
        note(&[&staged]).contains("; 1 baseline entry fixed"),
        "{}",
        note(&[&staged])
    );
}

/// A cross-file finding (a paragraph copied from another article) is not
/// made when the other article is not checked: a run over one of the two
/// files does not count its entry as fixed, and a baseline written from it
/// keeps the entry; a run over both does count it, once it is fixed.
#[test]
fn a_cross_file_entry_is_fixed_only_when_every_file_it_involves_was_checked() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/duplicates/fail");
    copy_dir(
        &fixtures.join("copie-entre-articles"),
        &dir.path().join("content"),
    );
    let one = "content/2025-03-08-progresser-sans-manager.md";
    let other = dir.path().join("content/2025-03-01-mentorat.md");
    let repere = |args: &[&str]| {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        (out.status.code().unwrap(), v, out)
    };
    let write = |args: &[&str]| {
        let (code, _, out) = repere(&[&["--write-baseline", "b.json"], args].concat());
        assert_eq!(code, 0, "{out:?}");
    };
    let note = |args: &[&str]| {
        let (_, v, out) = repere(&[&["--baseline", "b.json"], args].concat());
        v["notes"][0].as_str().unwrap_or_default().to_string() + &format!("{out:?}")
    };
    write(&["content"]);
    let recorded = fs::read_to_string(dir.path().join("b.json")).unwrap();
    let b: Value = serde_json::from_str(&recorded).unwrap();
    let corpus: Vec<&Value> = b["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["rule"] == "duplicate-paragraph-corpus")
        .collect();
    assert!(!corpus.is_empty(), "{recorded}");
    assert!(
        note(&[one]).contains("; 0 baseline entries fixed"),
        "{}",
        note(&[one])
    );
    // Each names the other file it involves, keyed as paths are.
    assert!(
        corpus.iter().any(|e| e["path"] == one
            && e["involves"] == serde_json::json!(["content/2025-03-01-mentorat.md"])),
        "{recorded}"
    );
    // Written from the one file, the baseline keeps the entries of the
    // copies in the other: a run over both finds nothing new.
    write(&[one]);
    let (code, v, _) = repere(&["--baseline", "b.json", "content"]);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
    assert_eq!(
        fs::read_to_string(dir.path().join("b.json")).unwrap(),
        recorded
    );
    // The copied paragraph rewritten in the other file: its two entries
    // are fixed for a run that checks both files, not for one that checks
    // only the first.
    let text = fs::read_to_string(&other).unwrap().replace(
        "Un mentor utile ne te donne pas la solution : il te demande ce que tu as déjà \
         essayé, puis t'aide à repérer l'hypothèse que tu n'as pas vérifiée.",
        "Chaque séance commence par un exemple concret, tiré de la semaine écoulée.",
    );
    fs::write(&other, text).unwrap();
    assert!(
        note(&[one]).contains("; 0 baseline entries fixed"),
        "{}",
        note(&[one])
    );
    assert!(
        note(&["content"]).contains("; 2 baseline entries fixed"),
        "{}",
        note(&["content"])
    );
    write(&["content"]);
    let pruned: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("b.json")).unwrap()).unwrap();
    let involving = |e: &&Value| e["involves"].to_string().contains("mentorat");
    assert_eq!(
        pruned["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(involving)
            .count(),
        0,
        "{pruned:#}"
    );
}

/// Findings at the same place with different messages (missing keys, all
/// reported at the opening `---`) are different findings: a baseline that
/// has one does not hide another.
#[test]
fn a_baseline_entry_does_not_hide_another_finding_at_the_same_place() {
    let dir = site();
    let missing = |key: &str| {
        ARTICLE
            .lines()
            .filter(|l| !l.starts_with(&format!("{key}:")))
            .map(|l| format!("{l}\n"))
            .collect::<String>()
    };
    fs::write(post(dir.path()), missing("TocOpen")).unwrap();
    let write = || {
        Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--write-baseline", "baseline.json", "."])
            .assert()
            .code(0);
    };
    write();
    let (code, v, _) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert_eq!(code, 0, "{v:#}");
    // `TocOpen` is back, `ShowToc` is gone: a new finding.
    fs::write(post(dir.path()), missing("ShowToc")).unwrap();
    let (code, v, _) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert_eq!(code, 1, "{v:#}");
    let m = v["diagnostics"][0]["message"].as_str().unwrap();
    assert!(m.contains("`ShowToc`"), "{m}");
    assert!(
        v["notes"][0]
            .as_str()
            .unwrap()
            .contains("1 baseline entry fixed"),
        "{v:#}"
    );
    // A baseline written before (version 1: the text's fingerprint alone)
    // is still read.
    fs::write(
        dir.path().join("baseline.json"),
        serde_json::json!({"version": 1, "entries": [{
            "path": format!("content/posts/{NAME}"),
            "rule": "front-matter",
            "fingerprint": repere::baseline::fnv1a("---"),
            "count": 1,
        }]})
        .to_string(),
    )
    .unwrap();
    let (code, v, _) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert_eq!(code, 0, "{v:#}");
    // One from a newer repere is refused rather than misread.
    fs::write(
        dir.path().join("baseline.json"),
        r#"{"version": 4, "entries": []}"#,
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["--baseline", "baseline.json", "."]);
    assert_eq!(code, 2);
    assert!(err.contains("version 4"), "{err}");
}

/// A baseline counts findings of the same text, without their lines: with
/// one more than it records, the first ones in the file are taken for the
/// recorded ones, and the last is reported, wherever the new one was
/// written (README, "Baseline").
#[test]
fn with_one_more_finding_of_a_text_the_last_is_reported() {
    let dir = site();
    let text = fs::read_to_string(post(dir.path())).unwrap();
    let doubled = "****Impact :** ** un.";
    let with = |lines: &[&str]| format!("{text}\n{}\n", lines.join("\n\n"));
    fs::write(post(dir.path()), with(&[doubled, doubled])).unwrap();
    write_baseline(dir.path(), "baseline.json", &["."]);
    // The new one, near the top, after the front matter.
    let body = text.find("\n---\n").unwrap() + 5;
    let new = with(&[doubled, doubled]).replacen(
        &text[body..],
        &format!("\n{doubled}\n{}", &text[body..]),
        1,
    );
    let before = new.lines().count() - 3;
    fs::write(post(dir.path()), new).unwrap();
    let (code, v, _) = run(
        dir.path(),
        &["--baseline", "baseline.json", "--select", "markup", "."],
    );
    assert_eq!(code, 1, "{v:#}");
    let lines: Vec<u64> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [before as u64 + 3], "{v:#}");
}

/// A baseline kept in another folder than the files (`ci/`) names them from
/// its own folder (`../content/…`), and matches from any current folder.
#[test]
fn a_baseline_outside_the_checked_folder_matches_from_anywhere() {
    let dir = site();
    fs::create_dir(dir.path().join("ci")).unwrap();
    write_baseline(dir.path(), "ci/baseline.json", &["content"]);
    let b: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("ci/baseline.json")).unwrap())
            .unwrap();
    assert_eq!(b["entries"][0]["path"], format!("../content/posts/{NAME}"));
    for (folder, baseline, target) in [
        ("", "ci/baseline.json", "content"),
        ("content", "../ci/baseline.json", "posts"),
        ("ci", "baseline.json", "../content"),
    ] {
        let (code, v, _) = run(&dir.path().join(folder), &["--baseline", baseline, target]);
        assert_eq!(code, 0, "from `{folder}`: {v:#}");
        assert!(
            v["notes"][0]
                .as_str()
                .unwrap()
                .contains("1 finding(s) hidden"),
            "from `{folder}`: {v:#}"
        );
    }
}

/// Baselines of version 2 (written before version 3 keyed files outside
/// the baseline's folder with `../` and cut other files' paths in messages)
/// are read as they were written; and a link on the way to the files does
/// not change their keys.
#[test]
fn a_version_2_baseline_and_a_linked_folder_still_match() {
    let dir = site();
    fs::create_dir(dir.path().join("ci")).unwrap();
    // What version 2 wrote from the site's root for `content`: the path as
    // given, and the message in the fingerprint as it was.
    let text = short_description(ARTICLE);
    let start = text.find("\"Trop court.\"").unwrap();
    let description = &text[start..start + "\"Trop court.\"".len()];
    let (_, v, _) = run(dir.path(), &["content"]);
    let message = v["diagnostics"][0]["message"].as_str().unwrap().to_string();
    let print = repere::baseline::fnv1a(&format!(
        "{}\u{0}{}",
        repere::baseline::fnv1a(description),
        repere::baseline::without_numbers(&message)
    ));
    fs::write(
        dir.path().join("ci/old.json"),
        serde_json::json!({"version": 2, "entries": [{
            "path": format!("content/posts/{NAME}"),
            "rule": v["diagnostics"][0]["rule"],
            "fingerprint": print,
            "count": 1,
        }]})
        .to_string(),
    )
    .unwrap();
    let hidden = |baseline: &str| {
        let (_, v, _) = run(dir.path(), &["--baseline", baseline, "content"]);
        assert!(rules_of(&v).is_empty(), "{v:#}");
        v["notes"][0].as_str().unwrap().to_string()
    };
    assert!(hidden("ci/old.json").starts_with("1 finding(s) hidden"));
    // Written now, through a link to the site, read through its real path.
    let link = tempfile::tempdir().unwrap();
    let linked = link.path().join("site");
    std::os::unix::fs::symlink(dir.path(), &linked).unwrap();
    write_baseline(
        &linked,
        &linked.join("ci/new.json").display().to_string(),
        &["content"],
    );
    assert!(hidden("ci/new.json").starts_with("1 finding(s) hidden"));
}

/// A finding that names another file (a paragraph copied from another
/// article) names it as the command line reached it; its fingerprint does
/// not depend on that, in baselines and in GitLab's report.
#[test]
fn fingerprints_do_not_depend_on_how_the_files_were_named() {
    let dir = site();
    fs::write(post(dir.path()), ARTICLE).unwrap();
    fs::write(dir.path().join(OTHER), other_article()).unwrap();
    let check = |args: &[&str]| {
        Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--select", "duplicate-paragraph-corpus"])
            .args(args)
            .output()
            .unwrap()
    };
    let out = check(&["--write-baseline", "baseline.json", "content/"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let written = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(
        written.contains("Wrote ") && !written.contains("Wrote 0 "),
        "{written}"
    );
    for target in [".", "./content", "content"] {
        let out = check(&["--baseline", "baseline.json", "--format", "concise", target]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{target}: {stdout}");
        assert!(
            stdout.contains("0 baseline entries fixed"),
            "{target}: {stdout}"
        );
    }
    let gitlab = |target: &str| -> Vec<String> {
        let out = check(&["--format", "gitlab", target]);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut prints: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
        prints.sort();
        prints
    };
    let from_dot = gitlab(".");
    assert!(!from_dot.is_empty());
    assert_eq!(from_dot, gitlab("content"));
    assert_eq!(from_dot, gitlab("./content/"));
}

#[test]
fn baseline_from_the_config() {
    let dir = site();
    Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "repere-baseline.json", "."])
        .assert()
        .code(0);
    fs::write(
        dir.path().join("repere.toml"),
        "baseline = \"repere-baseline.json\"\nfail-on = \"warning\"\n",
    )
    .unwrap();
    let (code, _, _) = run(&dir.path().join("content"), &["."]);
    assert_eq!(code, 0);
    // A baseline that does not exist stops the run, and says so.
    let (code, _, err) = run(dir.path(), &["--baseline", "nulle-part.json", "."]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "baseline `nulle-part.json`: no such file (write one with `--write-baseline`)"
        ),
        "{err}"
    );
}

/// `--write-baseline` replaces a baseline, and no other file: the config
/// in force, a pack, an article or a newer repere's baseline named by a
/// slip are left as they were, and the run stops (exit 2).
#[test]
fn write_baseline_replaces_nothing_but_a_baseline() {
    let dir = site();
    let config = "fail-on = \"warning\"\n";
    fs::write(dir.path().join("repere.toml"), config).unwrap();
    let newer = "{\"version\": 99, \"entries\": []}\n";
    fs::write(dir.path().join("newer.json"), newer).unwrap();
    fs::write(dir.path().join("empty.json"), "").unwrap();
    for (file, kept, why) in [
        ("repere.toml", config, "is not a repere baseline"),
        ("newer.json", newer, "has version 99"),
    ] {
        let (code, _, err) = run(dir.path(), &["--write-baseline", file, "."]);
        assert_eq!(code, 2, "{file}: {err}");
        assert!(err.contains(why) && err.contains("left as it is"), "{err}");
        assert_eq!(fs::read_to_string(dir.path().join(file)).unwrap(), kept);
    }
    // Read, such a file is not said to be written again.
    let (code, v, _) = run(dir.path(), &["--baseline", "newer.json", "."]);
    assert_eq!(code, 2);
    let help = v["diagnostics"][0]["help"].as_str().unwrap_or_default();
    assert!(help.starts_with("name the baseline file"), "{v:#}");
    // The config's `baseline` is replaced whatever it holds (a merge may
    // have broken it), unless it is the config itself.
    fs::write(dir.path().join("merged.json"), "<<<<<<< HEAD\n").unwrap();
    let config = "baseline = \"merged.json\"\n";
    fs::write(dir.path().join("repere.toml"), config).unwrap();
    let (code, _, err) = run(dir.path(), &["--write-baseline", "repere.toml", "."]);
    assert_eq!(code, 2, "{err}");
    fs::write(
        dir.path().join("repere.toml"),
        "baseline = \"repere.toml\"\n",
    )
    .unwrap();
    let (code, _, err) = run(dir.path(), &["--write-baseline", "repere.toml", "."]);
    assert_eq!(code, 2, "{err}");
    fs::write(dir.path().join("repere.toml"), config).unwrap();
    // An empty file, a baseline and the config's baseline are replaced.
    for file in ["empty.json", "empty.json", "merged.json"] {
        let (code, _, err) = run(dir.path(), &["--write-baseline", file, "."]);
        assert_eq!(code, 0, "{err}");
        let text = fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.contains("\"entries\""), "{text}");
    }
}

#[test]
fn max_warnings_and_fail_on_from_config() {
    let dir = site();
    let (code, _, _) = run(dir.path(), &["--max-warnings", "1", "."]);
    assert_eq!(code, 0);
    let (code, _, err) = run(dir.path(), &["--max-warnings", "0", "."]);
    assert_eq!(code, 1);
    assert!(err.contains("more than the 0 allowed"), "{err}");
    // One warning is one (the site's article has one).
    assert!(err.contains("1 warning, more than"), "{err}");
    // With -q too: it is why the run fails.
    let (code, _, err) = run(dir.path(), &["--max-warnings", "0", "-q", "."]);
    assert_eq!(code, 1);
    assert!(err.contains("more than the 0 allowed"), "{err}");
    fs::write(dir.path().join("repere.toml"), "max-warnings = 0\n").unwrap();
    let (code, _, err) = run(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert!(
        err.contains("more than the 0 allowed (`max-warnings` in ")
            && err.contains("repere.toml:1)"),
        "{err}"
    );
    // `--fail-on never` (a report for code scanning) is not overruled by
    // the file's limit; a limit given with it on the command line still is.
    let (code, _, err) = run(dir.path(), &["--fail-on", "never", "."]);
    assert_eq!(code, 0, "{err}");
    let (code, _, _) = run(
        dir.path(),
        &["--fail-on", "never", "--max-warnings", "0", "."],
    );
    assert_eq!(code, 1);
    fs::write(dir.path().join("repere.toml"), "fail-on = \"warning\"\n").unwrap();
    let (code, _, _) = run(dir.path(), &["."]);
    assert_eq!(code, 1);
    let (code, _, _) = run(dir.path(), &["--fail-on", "error", "."]);
    assert_eq!(code, 0, "the flag wins over the config");
}

/// `use-default-rules = false` in the config drops the embedded packs as
/// `--no-default-rules` does: the post's `front-matter-style` warning is
/// gone, a warning says no pack is in force, and a pack the config names
/// still runs (without that warning).
#[test]
fn use_default_rules_false_in_the_config_drops_the_embedded_packs() {
    let dir = site();
    // Without `run`: its `--ignore duplicate-paragraph` names a default rule.
    let check = || {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "."])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            out.status.code().unwrap(),
            v,
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let none_in_force = "no rule pack is in force";
    fs::write(dir.path().join("repere.toml"), "use-default-rules = true\n").unwrap();
    let (code, v, err) = check();
    assert_eq!(code, 0, "{err}");
    assert_eq!(rules_of(&v), ["front-matter-style"], "{v:#}");
    assert!(!err.contains(none_in_force), "{err}");

    fs::write(
        dir.path().join("repere.toml"),
        "use-default-rules = false\n",
    )
    .unwrap();
    let (code, v, err) = check();
    assert_eq!(code, 0, "{err}");
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
    assert_eq!(v["summary"]["files"], 1, "{v:#}");
    assert!(err.contains(none_in_force), "{err}");
    assert!(err.contains("use-default-rules = false"), "{err}");
    assert!(
        err.contains("`repere check` reports only unreadable files and encodings"),
        "{err}"
    );

    fs::write(
        dir.path().join("house.yaml"),
        "- id: needs-weight\n  kind: front-matter\n  severity: warning\n  fields:\n    weight: {required: true}\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("repere.toml"),
        "use-default-rules = false\nrules = [\"house.yaml\"]\n",
    )
    .unwrap();
    let (code, v, err) = check();
    assert_eq!(code, 0, "{err}");
    assert_eq!(rules_of(&v), ["needs-weight"], "{v:#}");
    assert_eq!(v["diagnostics"][0]["line"], 1, "{v:#}");
    assert!(!err.contains(none_in_force), "{err}");
}

#[test]
fn config_command_shows_sources() {
    let dir = site();
    fs::write(
        dir.path().join("repere.toml"),
        "fail-on = \"warning\"\n\n[severity]\nfront-matter-style = \"off\"\n\n\
         [[overrides]]\nfiles = [\"a/**\"]\nseverity = { tone = \"off\" }\n\n\
         [[overrides]]\nfiles = [\"b/**\"]\nseverity = { internal-links = \"off\" }\n\n\
         [options.markup]\nshortcut_references = true\n",
    )
    .unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path().join("content"))
        .arg("config")
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("repere.toml"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.starts_with("fail-on: warning") && l.contains("repere.toml:1")),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.contains("front-matter-style (front-matter): off")
                && l.contains("repere.toml:4")),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.contains("front-matter (front-matter): error [rules/front-matter.yaml]")),
        "{s}"
    );
    // The options a config sets, with their values.
    assert!(
        s.lines().any(|l| l.contains("markup (markup): error")
            && l.contains("options [")
            && l.contains("repere.toml:14]")
            && l.ends_with(": shortcut_references = true")),
        "{s}"
    );
    // Each override says which block set it, and where.
    let after = |rule: &str| {
        let lines: Vec<&str> = s.lines().collect();
        let i = lines
            .iter()
            .position(|l| l.trim_start().starts_with(&format!("{rule} (")))
            .unwrap();
        lines[i + 1].to_string()
    };
    let tone = after("tone");
    assert!(
        tone.contains("[[overrides]] block 1") && tone.contains("repere.toml:6"),
        "{tone}"
    );
    assert!(tone.trim_end().ends_with(": off"), "{tone}");
    let links = after("internal-links");
    assert!(
        links.contains("[[overrides]] block 2") && links.contains("repere.toml:10"),
        "{links}"
    );
}

/// An empty `include` or `exclude` in the config is nothing more to
/// include or exclude: the run goes on (a pack's `files: []` is refused).
#[test]
fn empty_include_and_exclude_lists_are_accepted() {
    let dir = site();
    fs::write(
        dir.path().join("repere.toml"),
        "include = []\nexclude = []\n",
    )
    .unwrap();
    let (code, v, err) = run(dir.path(), &["."]);
    assert_ne!(code, 2, "{err}");
    assert!(
        v["summary"].is_object() || v["diagnostics"].is_array(),
        "{v:#}"
    );
}

/// `repere config` prints the settings in force with no config file too,
/// and `--no-default-rules` over the config's `use-default-rules`.
#[test]
fn config_shows_the_settings_in_force() {
    let dir = site();
    fs::write(dir.path().join("repere.toml"), "use-default-rules = true\n").unwrap();
    let pack = "- id: x\n  kind: phrase\n  severity: warning\n  phrases: [{words: [a]}]\n";
    fs::write(dir.path().join("pack.yaml"), pack).unwrap();
    let shown = |args: &[&str]| {
        let out = Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .arg("config")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let s = shown(&["--no-default-rules", "--rules", "pack.yaml"]);
    assert!(
        s.contains("use-default-rules: false    [--no-default-rules]"),
        "{s}"
    );
    let s = shown(&["--no-config"]);
    for line in [
        "use-default-rules: true    [default]",
        "fail-on: error    [default]",
        "baseline: none    [default]",
    ] {
        assert!(s.contains(line), "{s}");
    }
}

/// The `repere.toml` example of the README.
fn readme_config() -> String {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let marker = readme
        .find("<!-- repere.toml example")
        .expect("the README marks its example");
    let start = marker + readme[marker..].find("```toml\n").unwrap() + 8;
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_string()
}

#[test]
fn the_readme_config_is_valid() {
    let dir = site();
    fs::write(dir.path().join("repere.toml"), readme_config()).unwrap();
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .arg("config")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// On a copy of the blog (when `../shared` is there): with the README's
/// config, a run after `--write-baseline` exits 0, and 1 once a new defect
/// is introduced.
#[test]
fn the_readme_config_on_a_copy_of_the_blog() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/content");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not there", corpus.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&corpus, &dir.path().join("content"));
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(dir.path().join("repere.toml"), readme_config()).unwrap();
    let (code, _, _) = run(dir.path(), &["."]);
    assert_eq!(code, 1, "the copy has findings before the baseline");
    let out = Command::cargo_bin("repere")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "repere-baseline.json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (code, v, _) = run(dir.path(), &["."]);
    assert_eq!(code, 0, "{v:#}");
    let post = dir
        .path()
        .join("content/posts/2024-01-08-ce-que-porte-un-cto.md");
    let text =
        fs::read_to_string(&post)
            .unwrap()
            .replacen("audience: \"cto\"", "audience: \"ctos\"", 1);
    fs::write(&post, text).unwrap();
    let (code, v, _) = run(dir.path(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&v), ["front-matter"], "{v:#}");
}
