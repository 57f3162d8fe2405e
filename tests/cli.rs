//! Tests that run the real `repere` binary: exit codes, formats, the JSON
//! contract, rule packs, bad input.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn repere() -> Command {
    let mut cmd = Command::cargo_bin("repere").unwrap();
    cmd.env_remove("NO_COLOR");
    cmd
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

mod common;
use common::{ARTICLE, NAME};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn json(args: &[&str], path: &Path) -> (i32, Value) {
    let out = repere()
        .arg("check")
        .args(args)
        .arg("--format")
        .arg("json")
        .arg(path)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (code, v)
}

/// (path, rule, line, column) of each finding of a JSON report.
fn places(v: &Value) -> Vec<(String, String, u64, u64)> {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_valid_article_passes() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), NAME, ARTICLE);
    let (code, v) = json(&[], &path);
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
}

/// Each broken variant of the article gives a `front-matter*` error at the
/// right line, exit 1, no panic.
#[test]
fn front_matter_defects_are_reported_at_the_right_line() {
    let cases: Vec<(&str, String, &str, usize)> = vec![
        (
            "deleted date",
            ARTICLE.replace("date: 2025-02-07\n", ""),
            NAME,
            1,
        ),
        (
            "pillar role-cto",
            ARTICLE.replace("pillar: trouver-sa-place", "pillar: role-cto"),
            NAME,
            line_of(ARTICLE, "pillar: "),
        ),
        (
            "file date",
            ARTICLE.to_string(),
            "2025-02-08-changer-de-poste.md",
            line_of(ARTICLE, "date: "),
        ),
        (
            "broken YAML",
            ARTICLE.replace(
                "title: \"Changer de poste sans se perdre\"",
                "title: Changer de poste : sans se perdre",
            ),
            NAME,
            line_of(ARTICLE, "title:"),
        ),
        (
            "no front matter",
            ARTICLE.split("---\n").nth(2).unwrap().to_string(),
            NAME,
            1,
        ),
    ];
    for (what, text, name, line) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), name, &text);
        let (code, v) = json(&[], &path);
        assert_eq!(code, 1, "{what}: {v:#}");
        let diags = v["diagnostics"].as_array().unwrap();
        let hit = diags.iter().find(|d| {
            d["rule"].as_str().unwrap().starts_with("front-matter") && d["severity"] == "error"
        });
        let hit = hit.unwrap_or_else(|| panic!("{what}: no front-matter error in {v:#}"));
        assert_eq!(hit["line"], line, "{what}: {hit:#}");
    }
}

/// `min_items` / `max_items` of a front-matter key: a list within the
/// bounds passes, a shorter or longer one gets a finding on the key's line
/// that gives the count and the bound.
#[test]
fn front_matter_list_lengths_have_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        dir.path(),
        "pack.yaml",
        "- id: tag-count\n  kind: front-matter\n  severity: error\n  fields:\n    tags: {type: string-list, min_items: 2, max_items: 3}\n",
    );
    let pack = pack.to_str().unwrap();
    let check = |tags: &str| {
        let path = write(
            dir.path(),
            "note.md",
            &format!("---\ntitle: Une note\ntags: {tags}\n---\nUn paragraphe.\n"),
        );
        let (code, v) = json(
            &["--no-config", "--no-default-rules", "--rules", pack],
            &path,
        );
        let found: Vec<(String, u64, String, String)> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["message"].as_str().unwrap().to_string(),
                    d["help"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (code, found)
    };
    for tags in ["[carriere, equipe]", "[carriere, equipe, salaire]"] {
        assert_eq!(check(tags), (0, vec![]), "{tags}");
    }
    let finding = |line: u64, message: &str, help: &str| {
        (
            "tag-count".to_string(),
            line,
            message.to_string(),
            help.to_string(),
        )
    };
    assert_eq!(
        check("[carriere]"),
        (
            1,
            vec![finding(
                3,
                "`tags` has 1 item; the minimum is 2",
                "add 1 item(s)"
            )]
        )
    );
    assert_eq!(
        check("[]"),
        (
            1,
            vec![finding(
                3,
                "`tags` has 0 items; the minimum is 2",
                "add 2 item(s)"
            )]
        )
    );
    assert_eq!(
        check("[carriere, equipe, salaire, mentorat]"),
        (
            1,
            vec![finding(
                3,
                "`tags` has 4 items; the maximum is 3",
                "remove 1 item(s)"
            )]
        )
    );
    // A block list: the finding points at its first item.
    assert_eq!(
        check("\n  - a\n  - b\n  - c\n  - d\n  - e"),
        (
            1,
            vec![finding(
                4,
                "`tags` has 5 items; the maximum is 3",
                "remove 2 item(s)"
            )]
        )
    );
}

#[test]
fn json_contract() {
    let dir = tempfile::tempdir().unwrap();
    let text = ARTICLE.replace("pillar: trouver-sa-place", "pillar: role-cto");
    let path = write(dir.path(), NAME, &text);
    let (code, v) = json(&[], &path);
    assert_eq!(code, 1);
    assert_eq!(v["version"], 1);
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 1, "errors": 1, "warnings": 0, "infos": 0})
    );
    let d = &v["diagnostics"][0];
    assert_eq!(d["path"], path.to_str().unwrap());
    assert_eq!(d["rule"], "front-matter");
    assert_eq!(d["severity"], "error");
    let start = d["start"].as_u64().unwrap() as usize;
    let end = d["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], "role-cto");
    assert_eq!(d["line"], line_of(&text, "pillar: "));
    assert_eq!(d["column"], 9);
    assert_eq!(d["end_line"], d["line"]);
    assert_eq!(d["end_column"], 17);
    assert!(d["message"].as_str().unwrap().contains("`role-cto`"));
    assert!(d["help"].as_str().unwrap().contains("le-role-du-cto"));
    assert!(d["labels"].is_array());
}

#[test]
fn labels_carry_their_location() {
    let dir = tempfile::tempdir().unwrap();
    let text = ARTICLE.replace("audience: jeunesse-tech", "audience: cto");
    let path = write(dir.path(), NAME, &text);
    let (_, v) = json(&[], &path);
    let d = &v["diagnostics"][0];
    let label = &d["labels"][0];
    assert_eq!(label["line"], line_of(&text, "audiences:"));
    assert_eq!(label["column"], 1);
    assert!(label["message"].as_str().unwrap().contains("audiences"));
}

#[test]
fn columns_count_characters_and_crlf_keeps_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "\u{feff}{}",
        ARTICLE
            .replace("pillar: trouver-sa-place", "pillar: rôle-çto")
            .replace('\n', "\r\n")
    );
    let path = write(dir.path(), NAME, &text);
    let (_, v) = json(&[], &path);
    let d = &v["diagnostics"][0];
    assert_eq!(d["line"], line_of(ARTICLE, "pillar: "));
    assert_eq!(d["column"], 9);
    assert_eq!(d["end_column"], 17);
}

#[test]
fn the_human_report_counts_columns_in_characters_as_the_others_do() {
    let dir = tempfile::tempdir().unwrap();
    // Accents before each finding on its line (two bytes each in UTF-8),
    // behind a byte-order mark and with CRLF line endings.
    let text = format!(
        "\u{feff}{}",
        ARTICLE
            .replace("pillar: trouver-sa-place", "pillar: rôle-çto")
            .replace(
                "Une introduction.",
                "Été après été, à Besançon, il faut déjà choisir.",
            )
            .replace('\n', "\r\n")
            // A lone `\r` ends a line too.
            .replace(
                "Changer de poste arrive",
                "Déjà là.\rÀ la fin, il faut coder. Changer de poste arrive",
            )
            // A finding whose labels lie inside it (doubled emphasis).
            .replace(
                "Partir pour fuir",
                "Déjà vu : ****Impact :** ** partir pour fuir",
            )
            // Control characters of two bytes (C1), shown as `??`.
            .replace(
                "Trois questions aident",
                "\u{9b}31m\u{85} il faut voir. Trois questions aident",
            )
    );
    let path = write(dir.path(), NAME, &text);
    let run = |format: &str| {
        let out = repere()
            .args(["check", "--color", "never", "--format", format])
            .arg(&path)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // `[path:line:column]` in the human report, `path:line:column:` in concise.
    let name = path.display().to_string();
    let places = |s: &str, open: &str| -> Vec<String> {
        let mut places: Vec<String> = s
            .match_indices(&format!("{open}{name}:"))
            .map(|(i, m)| {
                let rest = &s[i + m.len()..];
                let end = rest
                    .find(|c: char| !c.is_ascii_digit() && c != ':')
                    .unwrap_or(rest.len());
                rest[..end].trim_end_matches(':').to_string()
            })
            .collect();
        places.sort();
        places
    };
    let report = run("human");
    // Both labels of the doubled emphasis are drawn under their `**`.
    assert_eq!(report.matches("╰── shown as `**`").count(), 2, "{report}");
    let lines: Vec<Vec<char>> = report.lines().map(|l| l.chars().collect()).collect();
    let at = |line: &[char], needle: &str| {
        let needle: Vec<char> = needle.chars().collect();
        line.windows(needle.len())
            .position(|w| w == needle.as_slice())
    };
    let source = lines
        .iter()
        .position(|l| at(l, "****Impact :** ** partir").is_some())
        .unwrap();
    let first = at(&lines[source], "****Impact").unwrap();
    let last = at(&lines[source], "** ** partir").unwrap() + 3;
    let pointers: Vec<usize> = lines[source + 1]
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '┬')
        .map(|(i, _)| i)
        .collect();
    assert_eq!(pointers, [first + 1, last + 1], "{report}");
    let human = places(&report, "[");
    let concise = places(&run("concise"), "");
    let (_, v) = json(&[], &path);
    let tone = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "tone")
        .expect("the tone rule reports « il faut »");
    // « il faut » is the 28th character of its line, the 35th byte.
    assert_eq!(tone["column"], 28);
    assert!(human.contains(&format!("{}:28", tone["line"])), "{human:?}");
    assert!(human.contains(&format!("{}:9", line_of(ARTICLE, "pillar: "))));
    let tones = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "tone")
        .count();
    assert_eq!(tones, 3);
    // After two control characters of two bytes each, « il faut » is the
    // 7th character of its line, not the 9th `?` or letter shown.
    let after_control = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "tone" && d["column"] == 7)
        .expect("« il faut » after the control characters");
    assert!(
        human.contains(&format!("{}:7", after_control["line"])),
        "{human:?}"
    );
    assert_eq!(human.len(), v["diagnostics"].as_array().unwrap().len());
    assert_eq!(human, concise);
}

/// The same deep in a line longer than the index's steps (4 KiB), past a
/// control character of two bytes.
#[test]
fn the_human_report_counts_columns_deep_in_a_long_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "---\ntitle: x\n---\nDu texte \u{85} {}fin **texte ici.\n",
        "mot ".repeat(2000)
    );
    let path = write(dir.path(), NAME, &text);
    let places: Vec<String> = ["concise", "human"]
        .into_iter()
        .map(|format| {
            let out = repere()
                .args([
                    "check",
                    "--no-config",
                    "--select",
                    "markup",
                    "--color",
                    "never",
                ])
                .args(["--format", format])
                .arg(&path)
                .output()
                .unwrap();
            let s = String::from_utf8(out.stdout).unwrap();
            let at = s.find(":4:").expect("a finding on line 4");
            s[at..]
                .chars()
                .take_while(|c| *c == ':' || c.is_ascii_digit())
                .collect()
        })
        .collect();
    assert_eq!(places[0], ":4:8016:");
    assert_eq!(places[1].trim_end_matches(':'), ":4:8016");
}

#[test]
fn a_file_that_cannot_be_checked_is_reported_under_any_select() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), NAME, ARTICLE);
    std::fs::write(dir.path().join("binaire.md"), b"\x00\x01\x02 not text").unwrap();
    std::fs::write(dir.path().join("latin1.md"), b"caf\xe9\n").unwrap();
    let rules = |args: &[&str]| {
        let (code, v) = json(args, dir.path());
        let mut rules: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect();
        rules.sort();
        (code, rules)
    };
    assert_eq!(
        rules(&["--select", "tone"]),
        (1, vec!["encoding".to_string(), "encoding".to_string()])
    );
    assert_eq!(
        rules(&["--select", "tone", "--ignore", "encoding"]),
        (0, vec![])
    );
    // Spaces around a selector are not part of it.
    assert_eq!(
        rules(&["--select", "tone, encoding", "--ignore", " encoding"]),
        (0, vec![])
    );
}

#[test]
fn concise_format_and_quiet() {
    let path = fixture("front-matter/fail/2025-03-10-pilier-inconnu.md");
    let out = repere()
        .args(["check", "--format", "concise", "--select", "front-matter"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "{}:17:9: error[front-matter] `pillar` is `role-cto`",
            path.display()
        )),
        "{first}"
    );
    assert!(
        stdout.lines().last().unwrap().starts_with("Found 1 error"),
        "{stdout}"
    );
    let out = repere()
        .args([
            "check",
            "--format",
            "concise",
            "--quiet",
            "--select",
            "front-matter",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn human_format_shows_snippet_label_and_help() {
    let path = fixture("front-matter/fail/2025-03-10-audience-absente-de-la-liste.md");
    let out = repere()
        .args(["check", "--color", "never"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("front-matter"), "{s}");
    assert!(
        s.contains("2025-03-10-audience-absente-de-la-liste.md:20:11"),
        "{s}"
    );
    assert!(s.contains("audience: cto"), "{s}");
    assert!(s.contains("`audiences` is here"), "{s}");
    assert!(s.contains("help: add `cto` to `audiences`"), "{s}");
    assert!(!s.contains('\u{1b}'), "no color codes with --color never");
    let out = repere()
        .args(["check", "--color", "always"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains('\u{1b}'));
}

/// A pack's description is its own words: `repere rules` gives it on its
/// rule's one line, and neither listing passes a control character on.
#[test]
fn a_pack_description_is_printed_safely() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("pack.yaml"),
        "- id: zz\n  kind: phrase\n  severity: warning\n  description: \"Un\\ndeux \\e[31mrouge\"\n  phrases:\n    - words: [\"x y\"]\n      message: m\n",
    )
    .unwrap();
    let out = |cmd: &[&str]| {
        let out = repere()
            .current_dir(dir.path())
            .args(cmd)
            .args(["--no-config", "--no-default-rules", "--rules", "pack.yaml"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let listed = out(&["rules"]);
    let line = listed.lines().find(|l| l.starts_with("zz ")).unwrap();
    assert!(line.ends_with("Un\\ndeux \\u{1b}[31mrouge"), "{listed}");
    let explained = out(&["explain", "zz"]);
    assert!(!explained.contains('\u{1b}'), "{explained}");
}

/// The report of an error in the config on stderr follows `--color` too.
#[test]
fn config_errors_follow_color() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.toml"), "fail-on = \"bogus\"\n").unwrap();
    let stderr = |color: &str| {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--config", "bad.toml", "--color", color, "."])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(stderr("always").contains('\u{1b}'));
    assert!(!stderr("never").contains('\u{1b}'));
}

/// Runs `repere` in `cwd` with `args`, its stdout and stderr the two ends
/// of one terminal (a pseudo-terminal's), with `NO_COLOR` set to
/// `no_color` if given; returns what the terminal got.
#[cfg(target_os = "linux")]
fn on_a_terminal(cwd: &Path, args: &[&str], no_color: Option<&str>) -> Option<String> {
    use std::io::Read;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    // SAFETY: calls on a pseudo-terminal this function opens and owns; the
    // name is read into a buffer of the size given.
    let (master, slave) = unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY);
        if master < 0 {
            return None; // a sandbox without pseudo-terminals
        }
        let master = OwnedFd::from_raw_fd(master);
        assert_eq!(libc::grantpt(master.as_raw_fd()), 0);
        assert_eq!(libc::unlockpt(master.as_raw_fd()), 0);
        let mut name = [0 as libc::c_char; 256];
        assert_eq!(
            libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len()),
            0
        );
        let slave = libc::open(name.as_ptr(), libc::O_RDWR | libc::O_NOCTTY);
        assert!(slave >= 0);
        (master, OwnedFd::from_raw_fd(slave))
    };
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("repere"));
    command
        .current_dir(cwd)
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(std::process::Stdio::null())
        .stdout(slave.try_clone().unwrap())
        .stderr(slave);
    if let Some(value) = no_color {
        command.env("NO_COLOR", value);
    }
    let mut child = command.spawn().unwrap();
    // Once the child is gone, no one holds the terminal's other end (the
    // command held our copies), and reading it ends.
    drop(command);
    let mut master = fs::File::from(master);
    let mut got = Vec::new();
    let mut buf = [0; 4096];
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            // EIO: every writer is gone.
            Err(_) => break,
        }
    }
    child.wait().unwrap();
    Some(String::from_utf8_lossy(&got).into_owned())
}

/// README: `--color auto|always|never`: "`auto` colors a terminal unless
/// `NO_COLOR` is set", in the human report (stdout) and in the report of
/// an error in the config (stderr). On a terminal, `auto` colours both,
/// and neither with `NO_COLOR` set; to a pipe, `auto` colours nothing.
/// `NO_COLOR` is said of `auto` only: `always` colours a pipe with it set.
#[cfg(target_os = "linux")]
#[test]
fn color_auto_colours_a_terminal_unless_no_color_is_set() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        NAME,
        &ARTICLE.replace("pillar: trouver-sa-place", "pillar: role-cto"),
    );
    write(dir.path(), "bad.toml", "fail-on = \"bogus\"\n");
    let report = ["check", "--no-config", "--color", "auto", NAME];
    let config_error = ["check", "--config", "bad.toml", "--color", "auto", NAME];
    // Each run, and what its report says whatever the colours.
    let runs = [
        (&report[..], "`pillar` is `role-cto`"),
        (&config_error, "unknown value `bogus`"),
    ];
    // On a terminal.
    for (args, says) in runs {
        let Some(coloured) = on_a_terminal(dir.path(), args, None) else {
            eprintln!("skipped on a terminal: no pseudo-terminal here");
            break;
        };
        assert!(coloured.contains('\u{1b}'), "{args:?}: {coloured}");
        let plain = on_a_terminal(dir.path(), args, Some("1")).unwrap();
        assert!(!plain.contains('\u{1b}'), "{args:?}: {plain}");
        assert!(plain.contains(says), "{args:?}: {plain}");
    }
    // To a pipe.
    let piped = |args: &[&str], no_color: Option<&str>| {
        let mut cmd = repere();
        cmd.current_dir(dir.path()).args(args);
        if let Some(value) = no_color {
            cmd.env("NO_COLOR", value);
        }
        let out = cmd.output().unwrap();
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    for (args, says) in runs {
        let s = piped(args, None);
        assert!(!s.contains('\u{1b}'), "{args:?}: {s}");
        assert!(s.contains(says), "{args:?}: {s}");
    }
    let always = ["check", "--no-config", "--color", "always", NAME];
    let s = piped(&always, Some("1"));
    assert!(s.contains('\u{1b}'), "{s}");
}

#[test]
fn fail_on_select_and_ignore() {
    let path = fixture("front-matter/fail/2025-03-10-style.md");
    repere()
        .args(["check", "--select", "front-matter"])
        .arg(&path)
        .assert()
        .code(0);
    repere()
        .args(["check", "--select", "front-matter", "--fail-on", "warning"])
        .arg(&path)
        .assert()
        .code(1);
    repere()
        .args(["check", "--fail-on", "never"])
        .arg(fixture("front-matter/fail/2025-03-10-pilier-inconnu.md"))
        .assert()
        .code(0);
    let (_, v) = json(
        &["--select", "front-matter", "--ignore", "front-matter-style"],
        &path,
    );
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0);
    let (_, v) = json(&["--select", "front-matter"], &path);
    assert_eq!(
        v["diagnostics"].as_array().unwrap().len(),
        3,
        "front-matter selects front-matter-style"
    );
    let out = repere()
        .args(["check", "--select", "no-such-rule"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-rule"));
    let out = repere()
        .args(["check", "--select", "tone,"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a comma too many"), "{err}");
}

#[test]
fn output_is_sorted_and_deterministic() {
    let dir = fixture("front-matter/fail");
    let first = repere()
        .args(["check", "--format", "concise"])
        .arg(&dir)
        .output()
        .unwrap()
        .stdout;
    for _ in 0..3 {
        assert_eq!(
            repere()
                .args(["check", "--format", "concise"])
                .arg(&dir)
                .output()
                .unwrap()
                .stdout,
            first
        );
    }
    let lines: Vec<String> = String::from_utf8(first)
        .unwrap()
        .lines()
        .filter(|l| l.contains(": "))
        .map(String::from)
        .collect();
    let mut keys: Vec<(String, usize, usize)> = lines
        .iter()
        .filter_map(|l| {
            let mut parts = l.splitn(4, ':');
            Some((
                parts.next()?.to_string(),
                parts.next()?.parse().ok()?,
                parts.next()?.parse().ok()?,
            ))
        })
        .collect();
    let sorted = {
        let mut k = keys.clone();
        k.sort();
        k
    };
    assert_eq!(keys, sorted);
    keys.dedup();
}

/// Of two articles sharing a paragraph, the later by path gets the
/// cross-article finding however its path is written (`./b.md`, an
/// absolute path, before or after the other): a suppression comment above
/// the later copy keeps working.
#[test]
fn the_later_copy_is_the_same_however_paths_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let shared = "Une équipe qui relit le code des nouveaux chaque jour leur apprend plus en six mois qu'une formation de deux ans, parce que chaque remarque arrive au moment où l'erreur est encore fraîche.";
    write(
        dir.path(),
        "2025-03-10-a.md",
        &format!("---\ntitle: a\n---\nUne entrée en matière propre au premier.\n\n{shared}\n"),
    );
    let b = write(
        dir.path(),
        "2025-03-11-b.md",
        &format!("---\ntitle: b\n---\nUne entrée en matière propre au second.\n\n{shared}\n"),
    );
    let absolute = b.to_str().unwrap().to_string();
    for args in [
        vec!["2025-03-10-a.md", "2025-03-11-b.md"],
        vec!["./2025-03-11-b.md", "2025-03-10-a.md"],
        vec![absolute.as_str(), "2025-03-10-a.md"],
    ] {
        let out = repere()
            .current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--select",
                "duplicate-paragraph-corpus",
            ])
            .args(["--format", "concise"])
            .args(&args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        let found: Vec<&str> = text.lines().filter(|l| l.contains("warning[")).collect();
        assert_eq!(found.len(), 1, "{args:?}: {text}");
        assert!(
            found[0].contains("2025-03-11-b.md:6:1") && found[0].contains("repeats"),
            "{args:?}: {text}"
        );
    }
}

/// `--output-file /dev/stdout` writes the report to standard output,
/// whatever it is: a pipe (a CI log, `| jq`), or a socket (a service's
/// output), which the system cannot open by that name. Neither is replaced
/// by a file, nor a temporary file made beside it.
#[cfg(target_os = "linux")]
#[test]
fn an_output_file_that_is_standard_output_is_written_to() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), NAME, ARTICLE);
    let args = [
        "check",
        "--no-config",
        "--format",
        "json",
        "--output-file",
        "/dev/stdout",
        NAME,
    ];
    let out = repere()
        .current_dir(dir.path())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    // The report, then the human report that the terminal always gets.
    let (report, rest) = stdout.split_once("\n}\n").unwrap();
    let v: Value = serde_json::from_str(&format!("{report}\n}}")).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{stdout}");
    assert!(rest.contains("No problems found"), "{stdout}");
    // A socket: written through the descriptor.
    let (mut reader, writer) = std::os::unix::net::UnixStream::pair().unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("repere"))
        .current_dir(dir.path())
        .args(args)
        .stdout(std::process::Stdio::from(std::os::fd::OwnedFd::from(
            writer,
        )))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut got = String::new();
    std::io::Read::read_to_string(&mut reader, &mut got).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(
        got.starts_with("{\n")
            && got.contains("\"version\": 1")
            && got.contains("No problems found"),
        "{got}"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    // `/dev/null`, a device: written to, never replaced (which only root
    // could do, and which would break the system).
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "json"])
        .args(["--output-file", "/dev/null", NAME])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// README: `--output-file FILE`: "A FILE that exists and is not a regular
/// file (…; a FIFO) is written to directly, never replaced". The reader at
/// the FIFO's other end gets the whole report; the FIFO is still a FIFO
/// afterwards, and no temporary file is left beside it.
#[cfg(unix)]
#[test]
fn an_output_file_that_is_a_fifo_is_written_to() {
    use std::os::unix::fs::FileTypeExt;
    use std::time::Duration;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), NAME, ARTICLE);
    let fifo = dir.path().join("rapport.json");
    common::mkfifo(&fifo);
    // The reader: it waits for a writer to open the FIFO. Were the FIFO
    // replaced by a file, it would wait for ever, and `recv_timeout` fail.
    let (tx, rx) = std::sync::mpsc::channel();
    let other_end = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(fs::read_to_string(other_end));
    });
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "json"])
        .args(["--output-file", "rapport.json", NAME])
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let got = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("nothing was written to the FIFO")
        .unwrap();
    let v: Value = serde_json::from_str(&got).unwrap_or_else(|e| panic!("{e}: {got}"));
    assert_eq!(v["version"], 1, "{got}");
    assert_eq!(v["summary"]["files"], 1, "{got}");
    // The terminal still gets the human report.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("No problems found"), "{stdout}");
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// A pack or config error stops the run (exit 2) and is also written in
/// the report's format: with `--format github`, a workflow command on
/// stdout, so that CI annotates the file that holds it; in JSON, SARIF and
/// the others, a finding of rule `rule-pack` or `config`; to
/// `--output-file`, replacing the last run's report.
#[test]
fn pack_and_config_errors_are_written_in_the_report_s_format() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.yaml",
        "- id: mine\n  kind: front-matter\n  severity: eror\n",
    );
    write(dir.path(), NAME, ARTICLE);
    let run = |format: &str, args: &[&str]| {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--format", format])
            .args(args)
            .arg(NAME)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("nothing was checked"),
            "{out:?}"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let bad_pack = ["--no-config", "--rules", "bad.yaml"];
    let out = run("github", &bad_pack);
    assert_eq!(
        out,
        "::error file=bad.yaml,line=3,col=13,endLine=3,endColumn=17,title=rule-pack::`severity` is one of error, warning, info, off; did you mean `error`?\n"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json", &bad_pack)).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(
        (&d["rule"], &d["path"], &d["line"], &d["column"]),
        (
            &"rule-pack".into(),
            &"bad.yaml".into(),
            &3.into(),
            &13.into()
        ),
        "{json}"
    );
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(1));
    // The pack is where the error is, not a file checked.
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 0, "errors": 1, "warnings": 0, "infos": 0})
    );
    assert_eq!(
        json["notes"][0],
        "Nothing was checked: the run stopped at 1 error(s) in `bad.yaml`."
    );
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif", &bad_pack)).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "rule-pack", "{sarif}");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
    // The human report is the graphical one on stderr, and nothing more.
    assert_eq!(run("human", &bad_pack), "");
    // A report file of the last run is replaced, not left as it was.
    write(dir.path(), "report.json", "{\"diagnostics\": []}");
    assert_eq!(
        run(
            "gitlab",
            &[&bad_pack[..], &["--output-file", "report.json"]].concat()
        ),
        ""
    );
    let gitlab = fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert!(gitlab.contains("\"check_name\": \"rule-pack\""), "{gitlab}");

    write(dir.path(), "repere.toml", "fail-on = \"warnings\"\n");
    let out = run("github", &[]);
    assert!(
        out.starts_with("::error file=repere.toml,line=1,col=11,")
            && out.contains("title=config::unknown value `warnings`"),
        "{out}"
    );
    let junit = run("junit", &[]);
    assert!(
        junit.contains("repere.toml:1:11: error[config] unknown value `warnings`"),
        "{junit}"
    );

    // So does a baseline that cannot be used, missing or not one, read
    // before any file is checked.
    fs::remove_file(dir.path().join("repere.toml")).unwrap();
    write(dir.path(), "report.json", "{\"diagnostics\": []}");
    write(dir.path(), "bad-baseline.json", "[1, 2]");
    for baseline in ["bad-baseline.json", "missing.json"] {
        let args = ["--baseline", baseline, "--output-file", "report.json"];
        assert_eq!(run("json", &args), "");
        let json: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(dir.path().join("report.json")).unwrap())
                .unwrap();
        let d = &json["diagnostics"][0];
        assert_eq!(
            (&d["rule"], &d["path"]),
            (&"config".into(), &baseline.into()),
            "{json}"
        );
        assert_eq!(json["summary"]["files"], 0, "{json}");
    }
    // Writing a baseline over the config's broken one reads none.
    write(
        dir.path(),
        "repere.toml",
        "baseline = \"bad-baseline.json\"\n",
    );
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "bad-baseline.json", NAME])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        fs::read_to_string(dir.path().join("bad-baseline.json"))
            .unwrap()
            .contains("\"version\"")
    );
}

/// The other errors that stop a run before any file is checked are written
/// in the report's format too, each at its place when it has one, all at
/// once: a pack that cannot be read (a missing file or folder, a folder
/// without packs), at its name in the config or as the path `--rules`
/// gives; a `site_root` without `content/`, at the option; a path to check
/// that does not exist, as a `read-error` at that path, which also replaces
/// a stale `--output-file`.
#[test]
fn every_error_that_stops_a_run_is_written_in_the_report_s_format() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), NAME, ARTICLE);
    write(
        dir.path(),
        "links.yaml",
        "- id: links\n  kind: links\n  severity: error\n",
    );
    fs::create_dir(dir.path().join("empty")).unwrap();
    let run = |format: &str, args: &[&str]| {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--format", format])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("nothing was checked"),
            "{out:?}"
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let diagnostics = |stdout: &str| {
        let v: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
        places(&v)
    };
    let at = |path: &str, rule: &str, line: u64, column: u64| {
        (path.to_string(), rule.to_string(), line, column)
    };
    // Packs that cannot be read, named by the config and by --rules.
    write(
        dir.path(),
        "repere.toml",
        "use-default-rules = false\nrules = [\"links.yaml\", \"missing.yaml\", \"empty\"]\n",
    );
    let out = run("json", &["--rules", "gone.yaml", NAME]);
    assert_eq!(
        diagnostics(&out),
        [
            at("gone.yaml", "rule-pack", 1, 1),
            at("repere.toml", "config", 2, 24),
            at("repere.toml", "config", 2, 40),
        ],
        "{out}"
    );
    assert!(out.contains("holds no rule pack"), "{out}");
    // A pack that is not UTF-8.
    fs::write(dir.path().join("latin1.yaml"), b"- id: caf\xe9\n").unwrap();
    let out = run("json", &["--no-config", "--rules", "latin1.yaml", NAME]);
    assert_eq!(
        diagnostics(&out),
        [at("latin1.yaml", "rule-pack", 1, 1)],
        "{out}"
    );
    assert!(out.contains("is not UTF-8"), "{out}");
    // A config file that cannot be read: absent (named by --config), not
    // UTF-8 (found), a folder.
    let out = run("json", &["--config", "absent.toml", NAME]);
    assert_eq!(
        diagnostics(&out),
        [at("absent.toml", "config", 1, 1)],
        "{out}"
    );
    fs::write(dir.path().join("repere.toml"), b"rules = [\"caf\xe9\"]\n").unwrap();
    let out = run("json", &[NAME]);
    assert_eq!(
        diagnostics(&out),
        [at("repere.toml", "config", 1, 1)],
        "{out}"
    );
    assert!(out.contains("is not UTF-8"), "{out}");
    // A config named without `.toml` is one all the same.
    fs::create_dir(dir.path().join("cfgdir")).unwrap();
    let out = run("json", &["--config", "cfgdir", NAME]);
    assert_eq!(diagnostics(&out), [at("cfgdir", "config", 1, 1)], "{out}");
    // A site root without `content/`, set in the config.
    write(
        dir.path(),
        "repere.toml",
        "rules = [\"links.yaml\"]\nuse-default-rules = false\n[options.links]\nsite_root = \"../nowhere\"\n",
    );
    let out = run("json", &[NAME]);
    assert_eq!(
        diagnostics(&out),
        [at("repere.toml", "config", 4, 13)],
        "{out}"
    );
    assert!(out.contains("has no `content/` folder"), "{out}");
    let out = run("github", &[NAME]);
    assert!(
        out.starts_with("::error file=repere.toml,line=4,col=13,"),
        "{out}"
    );
    // ... or in a pack.
    fs::remove_file(dir.path().join("repere.toml")).unwrap();
    write(
        dir.path(),
        "sited.yaml",
        "- id: links\n  kind: links\n  severity: error\n  site_root: nowhere\n",
    );
    let out = run(
        "json",
        &["--no-default-rules", "--rules", "sited.yaml", NAME],
    );
    assert_eq!(
        diagnostics(&out),
        [at("sited.yaml", "rule-pack", 4, 14)],
        "{out}"
    );
    // Paths that do not exist: all of them, and the last run's report is
    // replaced.
    let out = run("json", &["--no-config", NAME, "nowhere.md", "gone"]);
    assert_eq!(
        diagnostics(&out),
        [
            at("gone", "read-error", 1, 1),
            at("nowhere.md", "read-error", 1, 1)
        ],
        "{out}"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (&v["summary"]["files"], &v["summary"]["errors"]),
        (&0.into(), &2.into())
    );
    write(dir.path(), "report.json", "[]");
    let args = [
        "--no-config",
        "--output-file",
        "report.json",
        NAME,
        "nowhere.md",
    ];
    assert_eq!(run("gitlab", &args), "");
    let gitlab = fs::read_to_string(dir.path().join("report.json")).unwrap();
    assert!(
        gitlab.contains("\"check_name\": \"read-error\"")
            && gitlab.contains("path `nowhere.md` does not exist"),
        "{gitlab}"
    );
}

#[test]
fn a_broken_pack_stops_with_exit_2_and_points_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        dir.path(),
        "bad.yaml",
        "- id: mine\n  kind: front-matter\n  severity: error\n  feilds: {}\n",
    );
    let article = write(dir.path(), NAME, ARTICLE);
    let out = repere()
        .args(["check", "--color", "never", "--rules"])
        .arg(&pack)
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bad.yaml:4:3"), "{err}");
    assert!(err.contains("unknown field `feilds`"), "{err}");
    assert!(out.stdout.is_empty());

    for (text, needle) in [
        (
            "- id: x\n  kind: nope\n  severity: error\n",
            "unknown rule kind `nope`",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: loud\n",
            "`severity` is one of",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  files: ['a/***']\n",
            "invalid glob",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  fields: {a: {pattern: '(['}}\n",
            "invalid regex",
        ),
        ("- id: x\n  kind: [front-matter\n", "invalid YAML"),
        // Empty lists of values: the rule would never run, or report
        // every value.
        (
            "- id: x\n  kind: markup\n  severity: error\n  when: { section: [] }\n",
            "bad.yaml:4:20",
        ),
        (
            "- id: x\n  kind: markup\n  severity: error\n  when: { section: { one_of: [] } }\n",
            "an empty list of values: no value is one of them",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  fields:\n    title: { one_of: [] }\n",
            "`title` has an empty `one_of`",
        ),
        (
            "- id: x\n  kind: links\n  severity: error\n  ignore: ['']\n",
            "this entry of `ignore` is empty",
        ),
        // A slip in a phrase's placeholder would be printed as written.
        (
            "- id: x\n  kind: phrase\n  severity: error\n  phrases: [{words: [vraiment], help: \"{hepl}\"}]\n",
            "`help` has the placeholder `{hepl}`, which nothing replaces",
        ),
        // Reports name a config error so: a rule may not.
        (
            "- id: config\n  kind: markup\n  severity: error\n",
            "`config` is reserved for the engine's own diagnostics",
        ),
        (
            "- id: rule-pack\n  kind: markup\n  severity: error\n",
            "bad.yaml:1:7",
        ),
        // A rule limited to no file would never run.
        (
            "- id: x\n  kind: markup\n  severity: error\n  files: ['']\n",
            "bad.yaml:4:11",
        ),
        (
            "- id: x\n  kind: markup\n  severity: error\n  files: ['']\n",
            "an empty glob matches no file",
        ),
        // The rules of a second document would be lost.
        (
            "- id: a\n  kind: markup\n  severity: error\n---\n- id: b\n  kind: nonsense\n  severity: bogus\n",
            "bad.yaml:4:1",
        ),
        (
            "- id: a\n  kind: markup\n  severity: error\n---\n- id: b\n  kind: nonsense\n  severity: bogus\n",
            "a pack is one YAML document; a second one starts here",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  filename: '{date}-{slgu}.md'\n  fields: {slug: {type: string}}\n",
            "bad.yaml:4:13",
        ),
        // A slip for a key every rule has is pointed at, with what was meant.
        (
            "- id: x\n  kind: front-matter\n  sevrity: error\n",
            "bad.yaml:3:3",
        ),
        (
            "- id: x\n  kind: front-matter\n  sevrity: error\n",
            "this rule has no `severity`: `sevrity` is not a key; did you mean `severity`?",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  descripton: y\n",
            "unknown field `descripton`; did you mean `description`?",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  fields: {t: {requried: true}}\n",
            "unknown field `requried`; did you mean `required`? (expected one of `required`",
        ),
        (
            "name: recettes\nrule:\n  - id: x\n    kind: markup\n    severity: error\n",
            "`rule` is not a pack key; did you mean `rules`?",
        ),
        (
            "name: recettes\nrule:\n  - id: x\n    kind: markup\n    severity: error\n",
            "bad.yaml:2:1",
        ),
        (
            "name: recettes\nrules: {id: x}\n",
            "`rules` is a list of rules; this is a mapping",
        ),
        (
            "- id: x\n  kind: sections\n  severity: error\n  templates:\n    - name: R\n      sections: [Ingrédients, Préparation, Ingrédients]\n",
            "`Ingrédients` is listed twice in template `R`",
        ),
        (
            "- id: x\n  kind: sections\n  severity: error\n  templates:\n    - name: R\n      sections: [Ingrédients, Préparation, ingredients]\n",
            "`ingredients` in template `R` is also a spelling of `Ingrédients`",
        ),
        (
            "- id: x\n  kind: sections\n  severity: error\n  templates:\n    - name: R\n      sections: [{title: Étapes, points: {min: 5, max: 3}}]\n",
            "`points` sets `min` 5 above `max` 3",
        ),
        (
            "- id: x\n  kind: sections\n  severity: error\n  templates:\n    - name: R\n      sections: [{title: Étapes, points: {name: étape}}]\n",
            "`points` sets neither `min` nor `max`",
        ),
        (
            "- id: x\n  kind: sections\n  severity: error\n  templates:\n    - name: R\n      sections: [{title: Étapes, points: {min: 1, name: ' '}}]\n",
            "`points` has an empty `name`",
        ),
        // Messages speak YAML, not Rust's types.
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  fields: {tags: {max_items: -1}}\n",
            "the number -1 is not allowed here; expected a whole number, 0 or more",
        ),
        // A bound of 1 says so of `-1` as of `0`.
        (
            "- id: x\n  kind: duplicates\n  severity: error\n  min_words: -1\n",
            "`min_words` is -1; it must be at least 1",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  fields:\n    title:\n    type: string\n",
            "this is empty (no value after the `:`, or a key whose options are not indented under it); expected a mapping of options",
        ),
        (
            "- id: x\n  kind: front-matter\n  severity: error\n  filename: '{date}-{slgu}.md'\n  fields: {slug: {type: string}}\n",
            "did you mean `{slug}`?",
        ),
    ] {
        let pack = write(dir.path(), "bad.yaml", text);
        let out = repere()
            .args(["check", "--color", "never", "--rules"])
            .arg(&pack)
            .arg(&article)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = String::from_utf8(out.stderr).unwrap();
        // miette wraps long messages: compare the words.
        let words = |s: &str| {
            s.split(|c: char| c.is_whitespace() || c == '│')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert!(words(&err).contains(&words(needle)), "{text}: {err}");
        // The keys every rule has are named only for the entry's own keys.
        if text.contains("requried") {
            assert!(!err.contains("the keys every rule has"), "{err}");
        }
    }
}

/// Two packs of one folder read whole that define the same id: an error,
/// as name order would decide; named one by one, the later replaces the
/// earlier, as packs layer.
#[test]
fn an_id_in_two_packs_of_one_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("packs");
    fs::create_dir(&packs).unwrap();
    for (name, word) in [("a.yaml", "vraiment"), ("b.yaml", "simplement")] {
        write(
            &packs,
            name,
            &format!(
                "- id: mots\n  kind: phrase\n  severity: warning\n  phrases: [{{words: [{word}]}}]\n"
            ),
        );
    }
    let article = write(dir.path(), NAME, ARTICLE);
    let run = |rules: &[&str]| {
        let mut cmd = repere();
        cmd.current_dir(dir.path())
            .args(["check", "--no-config", "--color", "never"]);
        for r in rules {
            cmd.args(["--rules", r]);
        }
        cmd.arg(&article).output().unwrap()
    };
    let out = run(&["packs"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("rule `mots` is also defined in `packs/a.yaml`, a pack of the same folder"),
        "{err}"
    );
    // Named one by one: the later replaces the earlier.
    assert_ne!(
        run(&["packs/a.yaml", "packs/b.yaml"]).status.code(),
        Some(2)
    );
}

#[test]
fn user_packs_add_and_replace_rules() {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("packs");
    fs::create_dir(&packs).unwrap();
    write(
        &packs,
        "house.yaml",
        "- id: front-matter-style\n  kind: front-matter\n  severity: off\n- id: needs-weight\n  kind: front-matter\n  severity: warning\n  fields:\n    weight: {required: true}\n",
    );
    let article = write(
        dir.path(),
        NAME,
        &ARTICLE.replace("Quitter un poste", "Court."),
    );
    let (code, v) = json(&["--rules", packs.to_str().unwrap()], &article);
    assert_eq!(code, 0);
    let rules: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["needs-weight"]);
    let (_, v) = json(
        &["--no-default-rules", "--rules", packs.to_str().unwrap()],
        &article,
    );
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 1);
    // A folder's subfolders are not read: a broken pack there changes nothing.
    fs::create_dir(packs.join("brouillons")).unwrap();
    write(&packs.join("brouillons"), "casse.yaml", "- id: [\n");
    let (code, v) = json(&["--rules", packs.to_str().unwrap()], &article);
    assert_eq!(code, 0, "{v:#}");
}

/// A config in a folder beside the articles (`conf/`) reaches them with
/// `../` globs, in its packs and its `exclude`, from any current folder.
#[test]
fn globs_of_a_config_beside_the_articles_go_up_with_dot_dot() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for folder in ["conf", "content/posts", "content/drafts"] {
        fs::create_dir_all(root.join(folder)).unwrap();
    }
    write(
        &root.join("conf"),
        "repere.toml",
        "rules = [\"house.yaml\"]\nexclude = [\"../content/drafts/**\"]\n",
    );
    write(
        &root.join("conf"),
        "house.yaml",
        "- id: simply\n  kind: phrase\n  severity: warning\n  files: [\"../content/posts/**\"]\n  phrases: [{words: [simplement]}]\n",
    );
    write(&root.join("content/posts"), "a.md", "simplement\n");
    write(&root.join("content/drafts"), "b.md", "simplement\n");
    for (cwd, config, content) in [
        (root.to_path_buf(), "conf/repere.toml", "content"),
        (root.join("conf"), "repere.toml", "../content"),
        (root.join("content"), "../conf/repere.toml", "."),
    ] {
        let out = repere()
            .current_dir(&cwd)
            .args([
                "check",
                "--no-default-rules",
                "--format",
                "json",
                "--config",
                config,
                content,
            ])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let found: Vec<(&str, &str)> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["rule"].as_str().unwrap(), d["path"].as_str().unwrap()))
            .collect();
        assert_eq!(found.len(), 1, "from {}: {v:#}", cwd.display());
        assert_eq!(found[0].0, "simply");
        assert!(found[0].1.ends_with("a.md"), "{found:?}");
        assert_eq!(v["summary"]["files"], 1, "drafts excluded: {v:#}");
    }
}

/// A config named through a link, from the real folder (as `/tmp` is a
/// link on macOS): its `exclude` and overrides still hold for the files in
/// its folder.
#[cfg(unix)]
#[test]
fn a_config_named_through_a_link_still_matches_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("real/site");
    for folder in ["content/posts", "content/drafts"] {
        fs::create_dir_all(site.join(folder)).unwrap();
    }
    std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("link")).unwrap();
    write(
        &site,
        "repere.toml",
        "exclude = [\"content/drafts/**\"]\n[[overrides]]\nfiles = [\"content/posts/**\"]\nseverity = { front-matter = \"off\", front-matter-style = \"off\" }\n",
    );
    write(&site.join("content/posts"), NAME, "---\ntitle: x\n---\n");
    write(&site.join("content/drafts"), NAME, "---\ntitle: x\n---\n");
    let config = dir.path().join("link/site/repere.toml");
    let out = repere()
        .current_dir(&site)
        .args([
            "check",
            "--format",
            "json",
            "--select",
            "front-matter",
            "--config",
        ])
        .arg(&config)
        .arg("content")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "drafts excluded: {v:#}");
    assert_eq!(
        v["diagnostics"].as_array().unwrap().len(),
        0,
        "override applies: {v:#}"
    );
}

/// `--select` does not turn a rule on: a rule named by its id that is off
/// is named on stderr with where it was set off, also when the selector
/// matches other rules that run.
#[test]
fn a_selected_rule_that_is_off_is_named() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "repere.toml",
        "[severity]\nfront-matter = \"off\"\nfront-matter-style = \"error\"\n",
    );
    let article = write(dir.path(), NAME, ARTICLE);
    let stderr = |select: &str| {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--select", select])
            .arg(&article)
            .output()
            .unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    let err = stderr("front-matter");
    assert!(
        err.contains("warning: --select front-matter: `front-matter` is off (")
            && err.contains("repere.toml:2"),
        "{err}"
    );
    assert!(!err.contains("`front-matter-style` is off"), "{err}");
    assert!(!stderr("tone").contains("is off"));
}

#[test]
fn folders_are_walked_respecting_gitignore_and_named_files_always_checked() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    write(&posts, NAME, ARTICLE);
    write(&posts, "2025-02-08-brouillon.md", "no front matter\n");
    write(&posts, "notes.txt", "not markdown\n");
    write(
        dir.path(),
        ".gitignore",
        "content/posts/2025-02-08-brouillon.md\n",
    );
    let (code, v) = json(&[], dir.path());
    assert_eq!(code, 0, "{v:#}");
    assert_eq!(v["summary"]["files"], 1);
    let (code, v) = json(&[], &posts.join("2025-02-08-brouillon.md"));
    assert_eq!(code, 1);
    assert_eq!(
        v["diagnostics"][0]["message"],
        "the file has no front matter"
    );
}

/// README: folders are walked "respecting `.gitignore` (…), `.ignore` and
/// `.git/info/exclude`". An `.ignore` file, in the folder walked or in a
/// folder above it, and a repository's `.git/info/exclude` leave their
/// files out of the walk, whichever folder is walked; named on the command
/// line, those files are still checked. Each file gives one `tone` finding
/// when it is checked.
#[test]
fn folders_are_walked_respecting_ignore_and_git_info_exclude() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let posts = root.join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    for name in ["a.md", "ignore.md", "sous-ignore.md"] {
        write(&posts, name, "Il faut relire.\n");
    }
    write(root, ".ignore", "content/posts/ignore.md\n");
    write(&root.join("content"), ".ignore", "posts/sous-ignore.md\n");
    // (files checked, paths of the findings), from `cwd` with `args`.
    let run = |cwd: &Path, args: &[&str]| {
        let out = repere()
            .current_dir(cwd)
            .args([
                "check",
                "--no-config",
                "--select",
                "tone",
                "--format",
                "json",
            ])
            .args(args)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let paths: Vec<String> = places(&v).into_iter().map(|p| p.0).collect();
        (v["summary"]["files"].as_u64().unwrap(), paths)
    };
    let only_a = |prefix: &str| (1, vec![format!("{prefix}a.md")]);
    // Outside a repository: `.ignore` alone.
    assert_eq!(run(root, &["."]), only_a("content/posts/"));
    // In a repository: `.git/info/exclude` too.
    fs::create_dir_all(root.join(".git/info")).unwrap();
    write(&root.join(".git/info"), "exclude", "exclude.md\n");
    write(&posts, "exclude.md", "Il faut relire.\n");
    assert_eq!(run(root, &["."]), only_a("content/posts/"));
    assert_eq!(run(root, &["content"]), only_a("content/posts/"));
    assert_eq!(run(&posts, &[]), only_a(""));
    // Named, each of them is checked.
    let named = [
        "content/posts/ignore.md",
        "content/posts/sous-ignore.md",
        "content/posts/exclude.md",
    ];
    let mut expected: Vec<String> = named.iter().map(|n| n.to_string()).collect();
    expected.sort();
    assert_eq!(run(root, &named), (3, expected));
}

/// A walked folder gives its `*.md` and `*.markdown` files, and neither
/// hidden files nor the files of hidden folders; a hidden file named on the
/// command line is still checked. Each file lacks the key a pack requires,
/// so that each file checked gives one finding naming it.
#[test]
fn folders_are_walked_for_md_and_markdown_skipping_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        dir.path(),
        "pack.yaml",
        "- id: needs-weight\n  kind: front-matter\n  severity: error\n  fields:\n    weight: {required: true}\n",
    );
    let site = dir.path().join("site");
    fs::create_dir_all(site.join("notes")).unwrap();
    fs::create_dir_all(site.join(".brouillons")).unwrap();
    let text = "---\ntitle: Une note\n---\nUn paragraphe.\n";
    for name in [
        "a.md",
        "notes/b.markdown",
        ".c.md",
        "notes/.d.markdown",
        ".brouillons/e.md",
        "notes/f.txt",
        "notes/g.mdx",
    ] {
        write(&site, name, text);
    }
    let run = |paths: &[&str]| {
        let out = repere()
            .current_dir(&site)
            .args(["check", "--no-config", "--no-default-rules", "--rules"])
            .arg(&pack)
            .args(["--format", "json"])
            .args(paths)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            out.status.code().unwrap(),
            v["summary"]["files"].clone(),
            places(&v),
        )
    };
    let finding = |path: &str| (path.to_string(), "needs-weight".to_string(), 1, 1);
    let (code, files, found) = run(&["."]);
    assert_eq!(code, 1);
    assert_eq!(files, 2, "{found:?}");
    assert_eq!(found, [finding("a.md"), finding("notes/b.markdown")]);
    // Named, a hidden file or a file of a hidden folder is checked.
    let (code, files, found) = run(&[".c.md", ".brouillons/e.md"]);
    assert_eq!(code, 1);
    assert_eq!(files, 2, "{found:?}");
    assert_eq!(found, [finding(".brouillons/e.md"), finding(".c.md")]);
}

#[test]
fn rules_and_explain() {
    let out = repere().arg("rules").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.lines()
            .any(|l| l.starts_with("front-matter ") && l.contains("error")),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.starts_with("front-matter-style") && l.contains("warning")),
        "{s}"
    );
    let out = repere().args(["explain", "front-matter"]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("contained_in"), "{s}");
    repere()
        .args(["explain", "front-mater"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `front-matter`"));
    // `rules` shows the engine's diagnostics as of the kind `(engine)`.
    let out = repere().args(["explain", "engine"]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    for id in ["read-error", "encoding", "unused-suppression"] {
        assert!(s.contains(&format!("  {id} (severity ")), "{s}");
    }
    // How reports name an error in a pack or the config, which stopped the run.
    let out = repere().args(["explain", "rule-pack"]).output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("rule-pack (reported by `repere check`"),
        "{s}"
    );
    repere()
        .args(["explain", "rule-pak"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("did you mean `rule-pack`"));
}

/// The seed article of the project, when `../shared` is there: no front-matter error.
#[test]
fn seed_article_has_no_front_matter_error() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_330bbee32e580590.txt");
    let Ok(text) = fs::read_to_string(&seed) else {
        eprintln!("skipped: {} is not there", seed.display());
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "2025-02-07-nouveaux-metiers-tech-2025-prompt-engineer-mlops.md",
        &text,
    );
    let (_, v) = json(&["--select", "front-matter"], &path);
    let errors: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// One file reached by two paths (`a.md` and `./a.md`, a folder given
/// twice, a symbolic link beside it) is checked once, under the path that
/// is not a link: it is not its own duplicate, and `--fix` writes it once.
#[test]
fn a_file_reached_by_two_paths_is_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("posts");
    fs::create_dir(&posts).unwrap();
    write(&posts, NAME, ARTICLE);
    let run = |args: &[&str]| {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let file = format!("posts/{NAME}");
    let dotted = format!("./posts/{NAME}");
    for args in [
        vec![file.as_str(), dotted.as_str()],
        vec!["posts", "./posts", "."],
    ] {
        let v = run(&args);
        assert_eq!(v["summary"]["files"], 1, "{args:?}: {v:#}");
        assert_eq!(v["diagnostics"], serde_json::json!([]), "{args:?}: {v:#}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(NAME, posts.join("lien.md")).unwrap();
        let v = run(&["posts"]);
        assert_eq!(v["summary"]["files"], 1, "{v:#}");
        assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
        // A fixable article given by both paths is written once, without
        // being taken for a file changed by someone else.
        let broken = ARTICLE.replace("## Dédramatisation", "## Dedramatisation");
        write(&posts, NAME, &broken);
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--fix", &file, "posts/lien.md"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("Fixed 1 finding(s) in 1 file(s)."),
            "{stdout}"
        );
        assert!(!stdout.contains("changed on disk"), "{stdout}");
        assert_eq!(fs::read_to_string(posts.join(NAME)).unwrap(), ARTICLE);
        // The same through a link to its folder.
        fs::remove_file(posts.join("lien.md")).unwrap();
        fs::create_dir(dir.path().join("autre")).unwrap();
        std::os::unix::fs::symlink("../posts", dir.path().join("autre/posts")).unwrap();
        let absolute = dir.path().join("posts");
        let absolute = absolute.to_str().unwrap();
        for args in [
            ["posts", "autre/posts"],
            ["posts", absolute],
            ["posts", "autre/../posts"],
        ] {
            let v = run(&args);
            assert_eq!(v["summary"]["files"], 1, "{args:?}: {v:#}");
            assert_eq!(v["diagnostics"], serde_json::json!([]), "{args:?}: {v:#}");
        }
        write(&posts, NAME, &broken);
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--fix", "autre/posts", "posts"])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("changed on disk"), "{stdout}");
        assert_eq!(fs::read_to_string(posts.join(NAME)).unwrap(), ARTICLE);
        // A second name of the file (a hard link) is another path, with
        // its own date, checked also when a symbolic link leads to the file.
        let other = "2025-05-09-changer-de-poste.md";
        fs::hard_link(posts.join(NAME), posts.join(other)).unwrap();
        std::os::unix::fs::symlink(NAME, posts.join("lien.md")).unwrap();
        let v = run(&["posts"]);
        assert_eq!(v["summary"]["files"], 2, "{v:#}");
        let dated: Vec<&str> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["message"].as_str().unwrap().contains("the file name"))
            .map(|d| d["path"].as_str().unwrap())
            .collect();
        assert_eq!(dated, [format!("posts/{other}")], "{v:#}");
    }
}

/// The paths the findings of a check run in `cwd` on `args` name; one file
/// is checked, with findings.
#[cfg(unix)]
fn reported_paths(cwd: &Path, args: &[&std::ffi::OsStr]) -> Vec<String> {
    let out = repere()
        .current_dir(cwd)
        .args(["check", "--no-config", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["files"], 1, "{args:?}: {v:#}");
    let paths: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    assert!(!paths.is_empty(), "{args:?}: {v:#}");
    paths
}

/// Paths, or a config's `include`, that reach no article: the run succeeds
/// (nothing is wrong) but a warning says that nothing was checked, so that
/// a CI job checking nothing does not pass unnoticed.
#[test]
fn a_run_that_checks_no_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("content")).unwrap();
    write(&dir.path().join("content"), "notes.txt", "Texte.\n");
    let run = |args: &[&str]| {
        let out = repere()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["--no-config", "content"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: no file to check: `content` holds no Markdown file"),
        "{err}"
    );
    write(
        dir.path(),
        "repere.toml",
        "include = [\"contents/**/*.md\"]\n",
    );
    write(&dir.path().join("content"), NAME, ARTICLE);
    let (code, err) = run(&[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("through the config's `include` and `exclude`"),
        "{err}"
    );
    // With the article reached, no warning.
    write(
        dir.path(),
        "repere.toml",
        "include = [\"content/**/*.md\"]\n",
    );
    let (_, err) = run(&[]);
    assert!(!err.contains("no file to check"), "{err}");
    // A file named that the config leaves out is said to be left out.
    write(
        dir.path(),
        "repere.toml",
        &format!("exclude = [\"content/{NAME}\"]\n"),
    );
    let (_, err) = run(&[&format!("content/{NAME}")]);
    assert!(
        err.contains(&format!(
            "no file to check: `content/{NAME}` is left out by the config's `include` and `exclude`"
        )),
        "{err}"
    );
}

/// A file reached through links to folders and by its own path is reported
/// under its own path, whether the link's path sorts first or has fewer
/// parts: that is the path CI tools know the file by.
#[cfg(unix)]
#[test]
fn a_file_reached_through_a_link_is_reported_under_its_own_path() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("content/posts");
    fs::create_dir_all(&sub).unwrap();
    let broken = ARTICLE.replace("audience: jeunesse-tech\n", "");
    write(&sub, NAME, &broken);
    // `c2/…` sorts before `content/…`, `p/…` has fewer parts.
    std::os::unix::fs::symlink("content", dir.path().join("c2")).unwrap();
    std::os::unix::fs::symlink("content/posts", dir.path().join("p")).unwrap();
    let own = format!("content/posts/{NAME}");
    for args in [["content", "c2"], ["p", "content"]] {
        let args = args.map(std::ffi::OsStr::new);
        let paths = reported_paths(dir.path(), &args);
        assert!(paths.iter().all(|p| *p == own), "{args:?}: {paths:?}");
    }
}

/// A current folder reached through a link counts for every path under it:
/// a link beside the file is still not the path kept.
#[cfg(unix)]
#[test]
fn a_file_is_reported_under_its_own_name_from_a_linked_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let posts = dir.path().join("real/content/posts");
    fs::create_dir_all(&posts).unwrap();
    let broken = ARTICLE.replace("audience: jeunesse-tech\n", "");
    write(&posts, NAME, &broken);
    // `0.md` sorts before the article's name.
    std::os::unix::fs::symlink(NAME, posts.join("0.md")).unwrap();
    std::os::unix::fs::symlink("real", dir.path().join("lnk")).unwrap();
    let lnk = dir.path().join("lnk");
    let through = lnk.join("content/posts");
    let paths = reported_paths(&lnk, &[through.as_os_str()]);
    assert!(paths.iter().all(|p| p.ends_with(NAME)), "{paths:?}");
}

/// GitLab and SARIF name a file by its path in the repository (relative to
/// the current directory), whatever the argument that reached it: `.` (the
/// default), `content`, `./content` or an absolute path. GitLab's
/// fingerprints follow.
#[test]
fn ci_formats_name_a_file_the_same_however_it_was_reached() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    let broken = ARTICLE.replace("audience: jeunesse-tech\n", "");
    write(&dir.path().join("content/posts"), NAME, &broken);
    let absolute = dir.path().join("content");
    let run = |format: &str, args: &[&std::ffi::OsStr]| {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--format", format])
            .args(args)
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let invocations: [&[&std::ffi::OsStr]; 4] = [
        &[],
        &["content".as_ref()],
        &["./content".as_ref()],
        &[absolute.as_os_str()],
    ];
    let expected = format!("content/posts/{NAME}");
    let mut gitlab = Vec::new();
    for args in invocations {
        let issues = run("gitlab", args);
        let issues: Vec<(String, String)> = issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["location"]["path"].as_str().unwrap().to_string(),
                    i["fingerprint"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert!(!issues.is_empty());
        assert!(
            issues.iter().all(|(p, _)| *p == expected),
            "{args:?}: {issues:?}"
        );
        gitlab.push(issues);
        let sarif = run("sarif", args);
        for r in sarif["runs"][0]["results"].as_array().unwrap() {
            assert_eq!(
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                expected.as_str(),
                "{args:?}"
            );
        }
    }
    assert!(gitlab.windows(2).all(|w| w[0] == w[1]), "{gitlab:#?}");
}

/// A reader that stops reading (`repere check | head -1`) ends the run as it
/// ends other Unix tools: by SIGPIPE, without an error message.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_run_by_sigpipe() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let broken = ARTICLE.replace("audience: jeunesse-tech\n", "");
    for i in 0..200 {
        write(
            dir.path(),
            &format!("2025-01-{:02}-a{i}.md", i % 28 + 1),
            &broken,
        );
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_repere"))
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "concise", "."])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A suppression of a rule that compares files is not called unused when
/// the file is checked alone (a pre-commit hook): what that rule finds
/// depends on the other files checked. One of a rule that ran on the file
/// alone still is.
#[test]
fn a_suppression_of_a_cross_file_rule_is_not_judged_on_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{ARTICLE}\n<!-- repere-disable-next-line duplicate-paragraph-corpus -->\nUne ligne.\n\n<!-- repere-disable-next-line tone -->\nUne autre.\n"
    );
    let path = write(dir.path(), NAME, &text);
    let (_, v) = json(&["--no-config"], &path);
    let unused: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "unused-suppression")
        .collect();
    assert_eq!(unused.len(), 1, "{unused:#?}");
    assert!(
        unused[0]["message"].as_str().unwrap().contains("`tone`"),
        "{unused:#?}"
    );
}

/// A rule whose `files` or `when` leave the file out did not run on it: its
/// suppression there is not called unused. One of a rule that ran still is.
#[test]
fn a_suppression_of_a_rule_that_does_not_apply_to_the_file_is_not_judged() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(
        dir.path(),
        "pack.yaml",
        "- id: mots\n  kind: phrase\n  severity: error\n  when: { audience: cto }\n  phrases:\n    - words: [jamais]\n      message: \"non\"\n- id: partout\n  kind: phrase\n  severity: error\n  phrases:\n    - words: [jamais]\n      message: \"non\"\n",
    );
    let comments = "<!-- repere-disable-next-line mots -->\nUne ligne.\n\n<!-- repere-disable-next-line partout -->\nUne autre.\n";
    // Not a post: the default rules' `files` leave it out.
    let page = write(
        dir.path(),
        "a-propos.md",
        &format!("{ARTICLE}\n<!-- repere-disable-next-line tone -->\nUne ligne.\n"),
    );
    // `audience: jeunesse-tech`: the pack's `when` leaves it out of `mots`.
    let post = write(dir.path(), NAME, &format!("{ARTICLE}\n{comments}"));
    let pack = pack.to_str().unwrap();
    for (path, rules, expected) in [
        (&page, None, Vec::<&str>::new()),
        (&post, Some(pack), vec!["`partout`"]),
    ] {
        let mut args = vec!["--no-config"];
        if let Some(p) = rules {
            args.extend(["--no-default-rules", "--rules", p]);
        }
        let (_, v) = json(&args, path);
        let unused: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "unused-suppression")
            .map(|d| d["message"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(unused.len(), expected.len(), "{path:?}: {unused:#?}");
        for (message, name) in unused.iter().zip(&expected) {
            assert!(message.contains(name), "{message}");
        }
    }
}

/// In a terminal (here `script`'s, when util-linux is installed), the file
/// counter is shown for 300 files or more, not for fewer, nor with `CI` set.
#[test]
fn the_file_counter_shows_in_a_terminal_from_300_files() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` command to give the run a terminal");
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("repere");
    let counter = |files: usize, ci: bool| {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..files {
            fs::write(dir.path().join(format!("{i:03}.md")), "Texte.\n").unwrap();
        }
        let mut cmd = std::process::Command::new("script");
        cmd.current_dir(dir.path())
            .args(["-qec"])
            .arg(format!(
                "{} check --no-default-rules --no-config . >/dev/null",
                bin.display()
            ))
            .arg("/dev/null")
            .env_remove("CI");
        if ci {
            cmd.env("CI", "true");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let shown = counter(300, false);
    assert!(shown.contains("Checking files: 300/300"), "{shown:?}");
    let fewer = counter(299, false);
    assert!(!fewer.contains("Checking files"), "{fewer:?}");
    let in_ci = counter(300, true);
    assert!(!in_ci.contains("Checking files"), "{in_ci:?}");
}

/// A pack that defines no rule (an empty file, `[]`), as the only pack in
/// force: the run says that no rule is in force.
#[test]
fn packs_that_define_no_rule_are_said_to() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), NAME, ARTICLE);
    for text in ["", "[]\n"] {
        let pack = write(dir.path(), "vide.yaml", text);
        let out = repere()
            .args(["check", "--no-config", "--no-default-rules", "--rules"])
            .arg(&pack)
            .arg(&article)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{err}");
        assert!(
            err.contains("warning: no rule is in force: the rule packs in force (")
                && err.contains("vide.yaml`) define none"),
            "{text:?}: {err}"
        );
    }
}

/// A pack in error stops every command with exit 2; only `check` says that
/// nothing was checked, as only it checks.
#[test]
fn a_pack_in_error_is_summed_up_for_what_each_command_does() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write(dir.path(), "p.yaml", "- id: a\n\tkind: markup\n");
    let article = write(dir.path(), NAME, ARTICLE);
    let run = |command: &str, file: Option<&Path>| {
        let mut c = repere();
        c.args([command, "--no-config", "--no-default-rules", "--rules"])
            .arg(&pack);
        if let Some(f) = file {
            c.arg(f);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let last = |err: &str| err.trim_end().lines().last().unwrap_or("").to_string();
    assert_eq!(
        last(&run("check", Some(&article))),
        "error: 1 error(s) in the rule packs; nothing was checked"
    );
    for command in ["config", "rules"] {
        assert_eq!(
            last(&run(command, None)),
            "error: 1 error(s) in the rule packs",
            "{command}"
        );
    }
}

/// A rule pack the config names and that does not exist: the error says it
/// is the config's `rules` that names it.
#[test]
fn a_missing_pack_named_by_the_config_says_where_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "repere.toml", "rules = [\"regles\"]\n");
    let article = write(dir.path(), NAME, ARTICLE);
    let out = repere()
        .current_dir(dir.path())
        .arg("check")
        .arg(&article)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("regles` (named by `rules` in `") && err.contains("repere.toml`): "),
        "{err}"
    );
    // A glob is no path: the help says to name the folder.
    write(dir.path(), "repere.toml", "rules = [\"regles/*.yaml\"]\n");
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--color", "never"])
        .arg(&article)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("pack paths are not globs: name the folder"),
        "{err}"
    );
}

/// Globs written with a leading `./` (a pack's `files`, the config's
/// `include`, `exclude` and `[[overrides]]`) match as they read.
#[test]
fn globs_with_a_leading_dot_slash_match() {
    let dir = tempfile::tempdir().unwrap();
    let recipes = dir.path().join("content/recettes");
    fs::create_dir_all(&recipes).unwrap();
    write(&recipes, "tarte.md", "C'est super bon.\n");
    write(&recipes, "gateau.md", "Super moelleux.\n");
    write(&recipes, "brouillon.md", "Super brouillon.\n");
    write(
        dir.path(),
        "recettes.yaml",
        "- id: pas-super\n  kind: phrase\n  severity: error\n  files: ['./content/recettes/*.md']\n  phrases:\n    - words: [super]\n",
    );
    write(
        dir.path(),
        "repere.toml",
        "rules = [\"recettes.yaml\"]\nuse-default-rules = false\ninclude = [\"./content/**/*.md\"]\nexclude = [\"./content/recettes/brouillon.md\"]\n[[overrides]]\nfiles = [\"./content/recettes/gateau.md\"]\nseverity = { pas-super = \"warning\" }\n",
    );
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "."])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines: Vec<&str> = stdout.lines().filter(|l| l.contains("pas-super")).collect();
    lines.sort();
    assert_eq!(
        lines.len(),
        2,
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        lines[0].contains("gateau.md") && lines[0].contains("warning"),
        "{stdout}"
    );
    assert!(
        lines[1].contains("tarte.md") && lines[1].contains("error"),
        "{stdout}"
    );
}

/// An unknown rule in `--select` stops the run, with a "did you mean" for a
/// slip.
#[test]
fn an_unknown_selected_rule_gets_a_did_you_mean() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), NAME, ARTICLE);
    let out = repere()
        .args(["check", "--no-config", "--select", "tnoe,zzz"])
        .arg(&article)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no rule matches `tnoe`, `zzz`; did you mean `tone`? (see `repere rules`)"),
        "{err}"
    );
}

/// With no path, the current folder is walked and its files are named as a
/// path given would name them (`content/…`, not `./content/…`).
#[test]
fn files_found_without_a_path_are_named_without_dot_slash() {
    let dir = tempfile::tempdir().unwrap();
    let name = "content/posts/2025-02-07-x.md";
    std::fs::create_dir_all(dir.path().join("content/posts")).unwrap();
    write(dir.path(), name, "---\ntitle: x\n---\n**gras\n");
    let out = repere()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--select",
            "markup",
            "--format",
            "concise",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with(&format!("{name}:")), "{stdout}");
}

/// Without a config, the packs' `files` globs (`**/posts/**/*.md`) are
/// matched against the path from the site's root (the folder holding
/// `content/`) as well as the path given: a page bundle, whose `index.md`
/// matches no glob as `2025-…/index.md`, gets the same findings from the
/// site's root, from `content/posts` and from its own folder, and keeps
/// the path it was reached by in the report.
#[test]
fn a_bundle_gets_the_same_rules_from_any_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let name = "2025-02-07-changer-de-poste";
    let folder = format!("content/posts/{name}");
    fs::create_dir_all(site.join(&folder)).unwrap();
    let text = ARTICLE.replacen("pillar: trouver-sa-place", "pillar: gouvernance", 1);
    write(&site.join(&folder), "index.md", &text);
    let line = line_of(&text, "pillar: gouvernance") as u64;
    let index = format!("{folder}/index.md");
    let absolute = site.join(&index).display().to_string();
    let in_posts = format!("{name}/index.md");
    let up = format!("../posts/{name}/index.md");
    let from_parent = format!("site/{index}");
    let from_content = format!("posts/{name}/index.md");
    // (current folder, paths given, path reported)
    let cases: Vec<(PathBuf, Vec<&str>, &str)> = vec![
        (site.clone(), vec![&index], &index),
        (site.clone(), vec![], &index),
        (dir.path().to_path_buf(), vec!["site"], &from_parent),
        (site.join("content"), vec![&from_content], &from_content),
        (site.join("content/posts"), vec![&in_posts], &in_posts),
        (site.join("content/posts"), vec!["."], &in_posts),
        (site.join("content/posts"), vec![&up], &up),
        (site.join(&folder), vec![], "index.md"),
        (site.join(&folder), vec!["index.md"], "index.md"),
        (site.join(&folder), vec!["./index.md"], "./index.md"),
        (site.join(&folder), vec![&absolute], &absolute),
    ];
    for (cwd, args, shown) in cases {
        let out = repere()
            .current_dir(&cwd)
            .args(["check", "--no-config", "--format", "json"])
            .args(&args)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            places(&v),
            vec![(shown.to_string(), "front-matter".to_string(), line, 9)],
            "from {} with {args:?}: {v:#}",
            cwd.display()
        );
        assert_eq!(out.status.code(), Some(1), "{v:#}");
    }
}

/// A Markdown file beside a leaf bundle's `index.md` (or in a folder below
/// it) is a resource of that page, not a page: Hugo publishes no page for
/// it, so no rule runs on it, walked or named, and its suppression
/// comments are not judged. The bundle's `index.md` and a post beside the
/// bundle are still checked.
#[test]
fn a_leaf_bundle_s_other_markdown_files_are_not_checked_as_posts() {
    let dir = tempfile::tempdir().unwrap();
    let bundle = dir.path().join("content/posts/2025-02-07-changer-de-poste");
    fs::create_dir_all(bundle.join("extraits")).unwrap();
    write(&bundle, "index.md", ARTICLE);
    // No front matter, no template's sections, prescriptive wording: a
    // post would get errors and warnings.
    let notes = "Notes de travail, incluses par un shortcode.\n\nIl faut relire **avant\n";
    write(&bundle, "notes.md", notes);
    write(
        &bundle,
        "aparte.md",
        "<!-- repere-disable-file tone -->\nUn aparté : il faut respirer.\n",
    );
    write(&bundle.join("extraits"), "extrait.md", notes);
    // A post beside the bundle, broken the same way, is still a post.
    write(
        &dir.path().join("content/posts"),
        "2025-02-08-a-cote.md",
        notes,
    );
    for args in [
        vec!["content"],
        vec![
            "content/posts/2025-02-07-changer-de-poste/notes.md",
            "content/posts/2025-02-07-changer-de-poste/aparte.md",
            "content/posts/2025-02-07-changer-de-poste/extraits/extrait.md",
            "content/posts/2025-02-07-changer-de-poste/index.md",
            "content/posts/2025-02-08-a-cote.md",
        ],
    ] {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--no-config", "--format", "json"])
            .args(&args)
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut paths: Vec<String> = places(&v).into_iter().map(|p| p.0).collect();
        paths.dedup();
        assert_eq!(
            paths,
            vec!["content/posts/2025-02-08-a-cote.md".to_string()],
            "{args:?}: {v:#}"
        );
        assert_eq!(v["summary"]["files"], 5, "{v:#}");
    }
    // Checked from the bundle's folder, the resource is still one.
    let out = repere()
        .current_dir(&bundle)
        .args(["check", "--no-config", "--format", "json", "notes.md"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(places(&v), vec![], "{v:#}");
    assert_eq!(out.status.code(), Some(0), "{v:#}");
}

/// A file named on the command line that no rule applies to is said to be
/// unchecked, under the summary (JSON's `notes`, stderr for the other
/// formats, nothing with `-q`): "No problems found (1 file checked)" alone
/// would be a silent pass. So is a run in which no rule applied to any
/// file; a walk of a site, whose section pages no rule applies to, says
/// nothing of them.
#[test]
fn a_named_file_no_rule_applies_to_is_said_to_be_unchecked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let bundle = root.join("content/posts/2025-02-07-changer-de-poste");
    fs::create_dir_all(&bundle).unwrap();
    write(&bundle, "index.md", ARTICLE);
    write(&bundle, "notes.md", "Il faut relire.\n");
    write(&root.join("content"), "a-propos.md", "Il faut relire.\n");
    write(
        &root.join("content/posts"),
        "_index.md",
        "---\ntitle: Articles\n---\n",
    );
    let run = |cwd: &Path, args: &[&str]| {
        let out = repere()
            .current_dir(cwd)
            .args(["check", "--no-config"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let about = "No rule applies to `content/a-propos.md`: the rules' `files` and `when` leave it out, so nothing in it was checked.";
    let (code, stdout, _) = run(root, &["--format", "concise", "content/a-propos.md"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        format!("No problems found (1 file checked).\n{about}\n")
    );
    // A section page in a language is one too (`_index.en.md`).
    write(
        &root.join("content/posts"),
        "_index.en.md",
        "Il faut relire.\n",
    );
    let (code, stdout, _) = run(root, &["--format", "concise", "content/posts/_index.en.md"]);
    assert_eq!(code, Some(0));
    assert!(
        stdout.contains("No rule applies to `content/posts/_index.en.md`"),
        "{stdout}"
    );
    fs::remove_file(root.join("content/posts/_index.en.md")).unwrap();
    // Among files that are checked, and with --select.
    let index = "content/posts/2025-02-07-changer-de-poste/index.md";
    let (_, stdout, _) = run(
        root,
        &[
            "--format",
            "concise",
            "--select",
            "tone",
            index,
            "content/posts/_index.md",
        ],
    );
    assert_eq!(
        stdout,
        "No problems found (2 files checked).\nNo rule applies to `content/posts/_index.md`: the rules' `files` and `when` or --select leave it out, so nothing in it was checked.\n"
    );
    // A resource of a leaf bundle is told apart.
    let (_, stdout, _) = run(
        root,
        &[
            "--format",
            "concise",
            "content/posts/2025-02-07-changer-de-poste/notes.md",
        ],
    );
    assert!(
        stdout.ends_with("\n`content/posts/2025-02-07-changer-de-poste/notes.md` is a resource of the leaf bundle `2025-02-07-changer-de-poste` (a folder with an `index.md`), not a page: no rule applies to it.\n"),
        "{stdout}"
    );
    // So is an `index` page in a code the site has no language of (Hugo
    // 0.111 and 0.168 publish neither `index.old.md` nor, on a site
    // without `fr`, `index.fr.md`).
    for name in ["index.old.md", "index.fr.md"] {
        let file = format!("content/posts/2025-02-07-changer-de-poste/{name}");
        fs::write(
            root.join(&file),
            "---\ntitle: Ancien\n---\nIl faut relire.\n",
        )
        .unwrap();
        let (code, stdout, _) = run(root, &["--format", "concise", &file]);
        assert_eq!(code, Some(0), "{stdout}");
        assert!(
            stdout.ends_with(&format!("\n`{file}` is a resource of the leaf bundle `2025-02-07-changer-de-poste` (a folder with an `index.md`), not a page: no rule applies to it.\n")),
            "{stdout}"
        );
        fs::remove_file(root.join(&file)).unwrap();
    }
    // Standard input, named or not.
    let out = repere()
        .current_dir(root)
        .args(["check", "--no-config", "--format", "json", "-"])
        .write_stdin("Il faut relire.\n")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["notes"],
        serde_json::json!([
            "No rule applies to `stdin.md`: the rules' `files` and `when` leave it out, so nothing in it was checked."
        ]),
        "{v:#}"
    );
    // Other formats: on stderr; with -q, not at all.
    let (_, stdout, stderr) = run(root, &["--format", "github", "content/a-propos.md"]);
    assert_eq!(
        (stdout.as_str(), stderr.as_str()),
        ("", format!("{about}\n").as_str())
    );
    let (_, stdout, stderr) = run(root, &["-q", "content/a-propos.md"]);
    assert_eq!((stdout.as_str(), stderr.as_str()), ("", ""));
    // A walk of the site: its pages no rule applies to are not listed.
    let (code, stdout, stderr) = run(root, &["--format", "concise", "content"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(stdout, "No problems found (4 files checked).\n", "{stderr}");
    // When no rule applied to any file, they are counted.
    let (_, stdout, _) = run(
        &root.join("content"),
        &[
            "--format",
            "concise",
            "--select",
            "tone",
            "posts/_index.md",
            "a-propos.md",
        ],
    );
    assert!(
        stdout.contains(
            "No rule applies to any of the 2 files checked (`a-propos.md`, `posts/_index.md`)"
        ),
        "{stdout}"
    );
    // A name's control characters are written as in the findings.
    let odd = "content/x\u{1b}[2J.md";
    write(root, odd, "Il faut relire.\n");
    for format in ["concise", "human"] {
        let (_, stdout, _) = run(root, &["--format", format, odd]);
        assert!(
            stdout.contains("No rule applies to `content/x\\u{1b}[2J.md`"),
            "{stdout:?}"
        );
    }
    fs::remove_file(root.join(odd)).unwrap();
    // A walk in which no rule applied to any file is a silent pass: said.
    let loose = root.join("brouillons");
    fs::create_dir_all(&loose).unwrap();
    write(&loose, "idee.md", "Il faut relire.\n");
    let (code, stdout, _) = run(&loose, &["--format", "concise"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "No problems found (1 file checked).\nNo rule applies to `idee.md`: the rules' `files` and `when` leave it out, so nothing in it was checked.\n"
    );
    // Ten files are named, and the others counted.
    for i in 2..=12 {
        write(&loose, &format!("idee-{i:02}.md"), "Il faut relire.\n");
    }
    let (_, stdout, _) = run(&loose, &["--format", "concise"]);
    assert!(
        stdout.contains("No rule applies to any of the 12 files checked (`idee-02.md`, `idee-03.md`, `idee-04.md`, `idee-05.md`, `idee-06.md`, `idee-07.md`, `idee-08.md`, `idee-09.md`, `idee-10.md`, `idee-11.md` and 2 more): "),
        "{stdout}"
    );
}

/// README: the "No rule applies" note names the config too when one is in
/// force ("the config and `--select` are named too when given"): a file
/// the config's rules leave out (outside its pack's `files`, or under an
/// override that turns its every rule off) is said to be left out by "the
/// rules' `files` and `when`, or the config,", with `--select` by "the
/// rules' `files` and `when`, the config or --select"; in JSON's `notes`
/// too, and for a config named by `--config` as for one found.
#[test]
fn the_no_rule_applies_note_names_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("content/posts")).unwrap();
    write(
        root,
        "pack.yaml",
        "- id: pas-super\n  kind: phrase\n  severity: error\n  files: [\"content/**\"]\n  phrases:\n    - words: [super]\n",
    );
    let config = "use-default-rules = false\nrules = [\"pack.yaml\"]\n[[overrides]]\nfiles = [\"content/a-propos.md\"]\nseverity = { pas-super = \"off\" }\n";
    write(root, "repere.toml", config);
    for name in ["content/posts/b.md", "content/a-propos.md", "brouillon.md"] {
        write(root, name, "C'est super.\n");
    }
    // What a check of `content/posts/b.md` (which the rule applies to) and
    // `name` prints, in `format`.
    let run = |format: &str, args: &[&str], name: &str| {
        let out = repere()
            .current_dir(root)
            .args(["check", "--format", format])
            .args(args)
            .args(["content/posts/b.md", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let note = |name: &str, why: &str| {
        format!(
            "No rule applies to `{name}`: the rules' `files` and `when`{why} leave it out, so nothing in it was checked."
        )
    };
    let check = |args: &[&str], name: &str| {
        let stdout = run("concise", args, name);
        assert!(
            stdout.starts_with("content/posts/b.md:1:7: error[pas-super]"),
            "{stdout}"
        );
        assert!(
            stdout.ends_with(&format!("\n{}\n", note(name, ", or the config,"))),
            "{args:?} {name}: {stdout}"
        );
        let selected = [&["--select", "pas-super"][..], args].concat();
        let stdout = run("concise", &selected, name);
        assert!(
            stdout.ends_with(&format!("\n{}\n", note(name, ", the config or --select"))),
            "{args:?} {name}: {stdout}"
        );
        let v: Value = serde_json::from_str(&run("json", args, name)).unwrap();
        assert_eq!(
            v["notes"],
            serde_json::json!([note(name, ", or the config,")]),
            "{v:#}"
        );
    };
    // Turned off by an override; outside the pack's `files`.
    check(&[], "content/a-propos.md");
    check(&[], "brouillon.md");
    // The same config, named.
    fs::rename(root.join("repere.toml"), root.join("conf.toml")).unwrap();
    check(&["--config", "conf.toml"], "content/a-propos.md");
}

/// A post in a language (`….en.md`) is named as the page itself, as Hugo
/// names it: the code is not read as part of the slug, and a rename the
/// help offers keeps it.
#[test]
fn a_language_code_in_a_file_name_is_not_part_of_the_slug() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(
        root.join("hugo.toml"),
        "defaultContentLanguage = 'fr'\n[languages.fr]\n[languages.en]\n",
    )
    .unwrap();
    let posts = root.join("content/posts");
    fs::create_dir_all(&posts).unwrap();
    let post = |slug: &str| format!("---\ntitle: T\ndate: 2025-03-10\nslug: {slug}\n---\nTexte.\n");
    let path = write(&posts, "2025-03-10-changer.en.md", &post("changer"));
    let names = || {
        let out = repere()
            .args(["check", "--select", "front-matter", "--color", "never"])
            .arg(&path)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines()
            .filter(|l| l.contains("file name") || l.contains("rename the file"))
            .map(|l| l.trim().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(), Vec::<String>::new());
    fs::write(&path, post("autre")).unwrap();
    assert_eq!(
        names(),
        [
            "× `slug` is `autre` but the file name `2025-03-10-changer.en.md` says `changer`",
            "help: rename the file to `2025-03-10-autre.en.md`, or set `slug` to `changer`",
        ]
    );
}
