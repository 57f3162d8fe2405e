//! Hostile and broken input: each case is generated here (no checked-in
//! binaries), run through the real binary next to a witness article with a
//! known defect, and must give its diagnostic and exit code while the witness
//! is still checked. Then the inputs the fuzzer once crashed on
//! (`tests/data/fuzz-regressions/`) are replayed through the whole pipeline.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

mod common;
#[path = "common/pipeline.rs"]
mod pipeline;

use common::{ARTICLE, NAME};

/// Generous bounds for a debug build on a busy machine: what they catch is a
/// hang or a blow-up, not a slow run.
const TIME_LIMIT: Duration = Duration::from_secs(60);

fn repere() -> Command {
    let mut cmd = Command::cargo_bin("repere").unwrap();
    cmd.env_remove("NO_COLOR").timeout(TIME_LIMIT * 2);
    cmd
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

/// The witness: the valid article with an unknown `pillar`, which gives one
/// `front-matter` error at a known place whenever the file is checked.
const WITNESS: &str = "2025-02-07-temoin.md";

fn witness_text() -> String {
    ARTICLE
        .replace("pillar: trouver-sa-place", "pillar: role-cto")
        .replace("slug: \"changer-de-poste\"\n", "")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

struct Run {
    code: i32,
    json: Value,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    /// The diagnostics of the file whose name ends with `name`.
    fn of(&self, name: &str) -> Vec<&Value> {
        self.json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with(name))
            .collect()
    }

    /// The only diagnostic of `name`, which must be of `rule`.
    fn only(&self, name: &str, rule: &str) -> &Value {
        let ds = self.of(name);
        assert_eq!(ds.len(), 1, "{name}: {:#}", self.json);
        assert_eq!(ds[0]["rule"], rule, "{:#}", ds[0]);
        ds[0]
    }

    /// The first diagnostic of `rule` in the file whose name ends with `name`.
    fn first(&self, name: &str, rule: &str) -> Value {
        self.of(name)
            .into_iter()
            .find(|d| d["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} diagnostic for {name}: {:#}", self.json))
            .clone()
    }

    fn message(&self, name: &str, rule: &str) -> String {
        self.only(name, rule)["message"]
            .as_str()
            .unwrap()
            .to_string()
    }

    fn files(&self) -> u64 {
        self.json["summary"]["files"].as_u64().unwrap()
    }

    /// The witness was checked: its one error is there, at its place.
    fn witness_checked(&self) {
        let d = self.only(WITNESS, "front-matter");
        assert_eq!(d["line"], line_of(&witness_text(), "pillar: "), "{d:#}");
        assert_eq!(d["column"], 9, "{d:#}");
        assert!(self.elapsed < TIME_LIMIT, "took {:?}", self.elapsed);
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let out: Output = repere()
        .current_dir(dir)
        .args(["check", "--format", "json", "--color", "never"])
        // The witness and the inputs are built from the same article, so they
        // share paragraphs on purpose; the cross-article duplicate check has
        // its own fixtures (fixtures/duplicates/).
        .args(["--ignore", "duplicate-paragraph-corpus"])
        .args(args)
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{stderr}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    Run {
        code: out.status.code().unwrap_or(-1),
        json,
        stderr,
        elapsed,
    }
}

/// A folder with the witness and `name` holding `bytes`, checked whole.
fn check_with_witness(name: &str, bytes: impl AsRef<[u8]>) -> Run {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WITNESS, witness_text());
    write(dir.path(), name, bytes);
    let run = run_in(dir.path(), &["--no-config", "."]);
    assert_eq!(run.files(), 2, "{:#}", run.json);
    run.witness_checked();
    run
}

#[test]
fn empty_file() {
    let run = check_with_witness("2025-03-01-vide.md", "");
    assert_eq!(run.code, 1);
    let ds = run.of("2025-03-01-vide.md");
    assert_eq!(ds[0]["message"], "the file has no front matter", "{ds:#?}");
    assert_eq!(
        (ds[0]["line"].clone(), ds[0]["column"].clone()),
        (1.into(), 1.into())
    );
}

#[test]
fn only_front_matter() {
    let fm_end = ARTICLE.find("\n---\n").unwrap() + 5;
    let text = &ARTICLE[..fm_end];
    let run = check_with_witness(NAME, text);
    assert_eq!(run.code, 1);
    // The front matter is complete: only the missing sections are reported.
    let ds = run.of(NAME);
    assert!(!ds.is_empty());
    assert!(ds.iter().all(|d| d["rule"] == "section-order"), "{ds:#?}");
    assert!(
        ds[0]["message"].as_str().unwrap().contains("no heading"),
        "{ds:#?}"
    );
}

#[test]
fn front_matter_never_closed() {
    let fm_end = ARTICLE.find("\n---\n").unwrap() + 1;
    let text = format!("{}\nUn texte sans fin de bloc.\n", &ARTICLE[..fm_end]);
    let run = check_with_witness(NAME, text);
    assert_eq!(run.code, 1);
    let d = run.first(NAME, "front-matter");
    assert_eq!(d["message"], "the front matter opened here is never closed");
    assert_eq!(
        (d["line"].clone(), d["column"].clone()),
        (1.into(), 1.into())
    );
}

#[test]
fn dashes_inside_the_body_are_a_thematic_break() {
    // The front matter ends at its own closing line; a later `---` (after a
    // blank line) is a thematic break of the body, not a second block.
    let text = ARTICLE.replace(
        "La décision vous appartient",
        "---\n\nLa décision vous appartient",
    );
    let run = check_with_witness(NAME, &text);
    assert_eq!(run.code, 1);
    assert!(run.of(NAME).is_empty(), "{:#}", run.json);
}

#[test]
fn invalid_yaml() {
    let text = ARTICLE.replace("tags:\n  - carriere", "tags: [carriere");
    let run = check_with_witness(NAME, &text);
    assert_eq!(run.code, 1);
    let message = run.message(NAME, "front-matter");
    assert!(
        message.starts_with("the front matter is not valid YAML"),
        "{message}"
    );
}

#[test]
fn yaml_with_tabs() {
    for (from, to, needle) in [
        // A tab as indentation.
        (
            "author:\n  - Camille",
            "author:\n\t- Camille",
            "\t- Camille",
        ),
        // A tab after a colon.
        ("ShowToc: true", "ShowToc:\ttrue", "ShowToc:"),
        // A tab indenting the line after a plain scalar: the scanner
        // starts from the scalar, the finding is at the tab.
        ("TocOpen: false", "\tTocOpen: false", "\tTocOpen"),
    ] {
        let text = ARTICLE.replace(from, to);
        let run = check_with_witness(NAME, &text);
        assert_eq!(run.code, 1);
        let d = run.only(NAME, "front-matter");
        let message = d["message"].as_str().unwrap();
        assert!(message.contains("not valid YAML"), "{message}");
        assert!(message.contains("tab"), "{message}");
        assert_eq!(d["line"], line_of(&text, needle), "{d:#}");
    }
}

#[test]
fn duplicate_keys_are_reported_at_both_places() {
    let text = ARTICLE.replace("ShowToc: true", "ShowToc: true\ntitle: \"Un autre titre\"");
    let run = check_with_witness(NAME, &text);
    assert_eq!(run.code, 1);
    let d = run.only(NAME, "front-matter");
    assert_eq!(d["message"], "`title` is set twice in the front matter");
    assert_eq!(d["line"], line_of(&text, "title: \"Un autre"));
    assert_eq!(d["labels"][0]["line"], line_of(&text, "title: \"Changer"));
}

/// "Billion laughs": ten levels of ten aliases each (10^10 values once
/// expanded) stop at the expansion limit, quickly and in little memory.
#[test]
fn yaml_alias_bomb_is_bounded() {
    let mut fm = String::from("---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        let refs = vec![format!("*a{p}"); 10].join(", ");
        fm.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    fm.push_str("---\n\n## Dédramatisation\n");
    let run = check_with_witness("2025-03-01-rires.md", &fm);
    assert_eq!(run.code, 1);
    let d = run.first("2025-03-01-rires.md", "front-matter");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("more than 100000 keys and values (aliases expanded)"),
        "{message}"
    );
    assert!(d["help"].as_str().unwrap().contains("refused"), "{d:#}");
    assert!(run.elapsed < Duration::from_secs(20), "{:?}", run.elapsed);
    assert_child_memory_below(500);
}

/// Aliases of aliases, each nested a little deeper, must not build a tree
/// deeper than the nesting limit (walking it would overflow the stack).
#[test]
fn yaml_aliases_cannot_deepen_the_tree_past_the_limit() {
    let mut fm = String::from("---\na0: &a0 [x]\n");
    for i in 1..200 {
        fm.push_str(&format!("a{i}: &a{i} [[[*a{}]]]\n", i - 1));
    }
    fm.push_str("---\n");
    let run = check_with_witness("2025-03-01-profond.md", &fm);
    let d = run.first("2025-03-01-profond.md", "front-matter");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("nesting deeper than 64 levels"),
        "{d:#}"
    );
}

#[test]
fn nesting_ten_thousand_deep_is_bounded() {
    let cases = [
        (
            "2025-03-01-flux.md",
            format!(
                "---\na: {}{}\n---\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
            "YAML",
            2,
        ),
        (
            "2025-03-01-blocs.md",
            format!("---\na:\n  {}x\n---\n", "- ".repeat(10_000)),
            "YAML",
            3,
        ),
        (
            "2025-03-01-toml.md",
            format!(
                "+++\na = {}{}\n+++\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
            "TOML",
            2,
        ),
        (
            "2025-03-01-toml-tables.md",
            format!(
                "+++\na = {}1{}\n+++\n",
                "{b = ".repeat(10_000),
                "}".repeat(10_000)
            ),
            "TOML",
            2,
        ),
    ];
    for (name, text, format, line) in cases {
        let run = check_with_witness(name, &text);
        assert_eq!(run.code, 1);
        let d = run.first(name, "front-matter");
        let message = d["message"].as_str().unwrap();
        assert!(
            message.starts_with(&format!("the front matter is not valid {format}")),
            "{name}: {message}"
        );
        if format == "YAML" {
            assert!(message.contains("nesting deeper than 64"), "{message}");
        }
        assert!(d["help"].as_str().unwrap().contains("refused"), "{d:#}");
        assert_eq!(d["line"], line, "{name}: {d:#}");
        // At the bracket that goes past the limit (`a: ` and 64 more).
        if name == "2025-03-01-flux.md" {
            assert_eq!(d["column"], 3 + 65, "{d:#}");
        }
    }
    assert_child_memory_below(500);
}

#[test]
fn toml_front_matter_with_an_error() {
    let text =
        "+++\ntitle = \"Un titre\"\ndate = 2025-03-01\ntags = [\"a\",\n+++\n\n## Dédramatisation\n";
    let run = check_with_witness("2025-03-01-toml.md", text);
    assert_eq!(run.code, 1);
    let d = run.first("2025-03-01-toml.md", "front-matter");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.starts_with("the front matter is not valid TOML"),
        "{message}"
    );
    assert_eq!(
        (d["line"].clone(), d["column"].clone()),
        (4.into(), 13.into()),
        "{d:#}"
    );
}

#[test]
fn invalid_utf8_is_reported_at_its_byte_and_nothing_else_is_checked() {
    // Latin-1 `é` on line 3, in a file that would have many other findings.
    let mut bytes = b"---\ntitle: x\ndescription: caf".to_vec();
    let at = bytes.len();
    bytes.extend_from_slice(b"\xe9 cr\xe8me\n---\nIl faut tout revoir.\n");
    let run = check_with_witness("2025-03-01-latin1.md", &bytes);
    assert_eq!(run.code, 1);
    let d = run.only("2025-03-01-latin1.md", "encoding");
    assert_eq!(
        d["message"],
        format!("invalid UTF-8 at byte offset {at}; the file was not checked")
    );
    assert_eq!(d["start"], at);
    assert_eq!(
        (d["line"].clone(), d["column"].clone()),
        (3.into(), 17.into())
    );
}

#[test]
fn binary_file_named_md() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 251) as u8));
    let run = check_with_witness("image.md", &png);
    assert_eq!(run.code, 1);
    let message = run.message("image.md", "encoding");
    assert!(
        message.starts_with("binary content (a NUL byte at offset 8)"),
        "{message}"
    );
}

/// README (robustness limits): "Binary content: a NUL byte in the first 8
/// KiB" gives `encoding`: "binary content (a NUL byte at offset N)". A NUL
/// at the last byte of the first 8 KiB (offset 8191) makes the article a
/// binary file, nothing else checked; one byte further (offset 8192) it is
/// text, checked whole: the prescriptive « il faut » after the NUL is found.
#[test]
fn a_nul_byte_makes_a_file_binary_only_in_the_first_8_kib() {
    let article = |at: usize| {
        let mut text = format!("{ARTICLE}\n").into_bytes();
        let paragraph = "Le paragraphe décrit une situation ordinaire, sans formule à éviter.\n\n";
        while text.len() + paragraph.len() + 20 < at {
            text.extend_from_slice(paragraph.as_bytes());
        }
        text.extend_from_slice(b"Dernier mot");
        text.resize(at, b' ');
        text.extend_from_slice(b"\0 il faut choisir.\n");
        assert_eq!(text.iter().position(|&b| b == 0), Some(at));
        text
    };
    let run = check_with_witness(NAME, article(8191));
    assert_eq!(run.code, 1);
    let d = run.only(NAME, "encoding");
    assert_eq!(
        d["message"],
        "binary content (a NUL byte at offset 8191); the file was not checked"
    );
    assert_eq!(d["start"], 8191, "{d:#}");
    let run = check_with_witness(NAME, article(8192));
    let d = run.only(NAME, "tone");
    assert!(
        d["message"].as_str().unwrap().contains("« il faut »"),
        "{d:#}"
    );
    assert!(d["start"].as_u64().unwrap() > 8192, "{d:#}");
}

/// Standard input is read up to the same limit, not to its end.
#[test]
fn standard_input_over_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "repere.toml", "max-file-size = 1000\n");
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "--stdin-filename", NAME])
        .write_stdin(ARTICLE.repeat(3))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "{NAME}:1:1: error[read-error] the file is over the 1000-byte limit; it was not checked"
        )),
        "{stdout}"
    );
}

/// A big article of ordinary prose: the valid article followed by
/// paragraphs up to `size` bytes.
fn big_article(size: usize) -> String {
    let mut text = String::with_capacity(size + 200);
    text.push_str(ARTICLE);
    let mut i = 0;
    while text.len() < size {
        text.push_str(&format!(
            "Le paragraphe {i} décrit une situation ordinaire d’équipe, sans formule à éviter.\n\n"
        ));
        i += 1;
    }
    text
}

#[test]
fn fifty_megabytes_is_over_the_default_limit() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WITNESS, witness_text());
    let big = dir.path().join(NAME);
    let file = fs::File::create(&big).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap(); // sparse: the limit is checked before reading
    let run = run_in(dir.path(), &["--no-config", "."]);
    assert_eq!(run.code, 1);
    run.witness_checked();
    assert_eq!(
        run.message(NAME, "read-error"),
        "the file is 52428800 bytes, over the 10485760-byte limit; it was not checked"
    );
    assert_eq!(
        run.only(NAME, "read-error")["help"],
        "raise `max-file-size` in repere.toml to check it, or exclude it"
    );
}

/// With the limit raised, a file over the default limit is checked to its
/// end. (Mostly a code block, which a debug build reads quickly; the time
/// and memory of 50 MB of prose with a release build are measured by the
/// ignored test below, and given in docs/robustness.md.)
#[test]
fn over_the_default_limit_is_checked_when_the_config_raises_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "repere.toml", "max-file-size = 60000000\n");
    write(dir.path(), WITNESS, witness_text());
    let mut text = ARTICLE.to_string();
    text.push_str("\n```text\n");
    let line = format!("{}\n", "0123456789".repeat(7));
    while text.len() < 11 * 1024 * 1024 {
        text.push_str(&line);
    }
    text.push_str("```\n\nIl faut conclure.\n");
    write(dir.path(), NAME, &text);
    let run = run_in(dir.path(), &["."]);
    assert_eq!(run.code, 1);
    run.witness_checked();
    let d = run.only(NAME, "tone");
    assert_eq!(d["line"], text.lines().count());
    assert_eq!(d["column"], 1);
    assert_child_memory_below(1000);
}

/// 50 MB of prose with the limit raised: run with a release build,
/// `cargo test --release --test robustness -- --ignored`.
#[test]
#[ignore = "50 MB: run with --release"]
fn fifty_megabytes_of_prose_checked_when_the_config_raises_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "repere.toml", "max-file-size = 60000000\n");
    write(dir.path(), WITNESS, witness_text());
    let mut text = big_article(50 * 1024 * 1024);
    text.push_str("Il faut conclure.\n");
    write(dir.path(), NAME, &text);
    let run = run_in(dir.path(), &["."]);
    assert_eq!(run.code, 1);
    run.witness_checked();
    let d = run.only(NAME, "tone");
    assert_eq!(d["line"], text.lines().count());
    assert!(run.elapsed < Duration::from_secs(30), "{:?}", run.elapsed);
    assert_child_memory_below(600);
}

#[test]
fn lines_of_a_megabyte() {
    // One paragraph of a megabyte on one line, with a finding at its very end
    // and one near its start: the columns count characters all the way.
    let words = "mot é ".repeat(1024 * 1024 / 7);
    let line = format!("Tu dois lire. {words}Il faut conclure.");
    let text = ARTICLE.replace("La décision vous appartient, avec ses conséquences.", &line);
    let run = check_with_witness(NAME, &text);
    assert_eq!(run.code, 1);
    let ds = run.of(NAME);
    assert_eq!(ds.len(), 2, "{ds:#?}");
    let at = line_of(&text, "Tu dois lire.");
    assert_eq!(
        (ds[0]["line"].clone(), ds[0]["column"].clone()),
        (at.into(), 1.into())
    );
    let column = "Tu dois lire. ".chars().count() + words.chars().count() + 1;
    assert_eq!(
        (ds[1]["line"].clone(), ds[1]["column"].clone()),
        (at.into(), column.into())
    );
    assert!(run.elapsed < Duration::from_secs(30), "{:?}", run.elapsed);
}

/// `repere check` with the human report (the default), as a user runs it.
fn human(dir: &Path, args: &[&str]) -> (i32, String, Duration) {
    let start = Instant::now();
    let out = repere()
        .current_dir(dir)
        .args([
            "check",
            "--no-config",
            "--color",
            "never",
            "--select",
            "tone",
        ])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (out.status.code().unwrap_or(-1), stdout, start.elapsed())
}

/// The human report draws a snippet of the lines around each finding: deep
/// in a long line it shows the finding (miette cannot indent an underline
/// by more than 65,535 columns, and panicked), a lone `\r` ends a line there
/// too, and each snippet costs its lines, not a scan of the file.
#[test]
fn the_human_report_of_long_lines_lone_crs_and_many_findings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "2025-01-01-long.md",
        format!("{} Il faut.\n", "a".repeat(65_540)),
    );
    let (code, out, _) = human(dir.path(), &["2025-01-01-long.md"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[2025-01-01-long.md:1:65542]"), "{out}");
    let snippet = out.lines().find(|l| l.contains("Il faut.")).unwrap();
    assert!(snippet.len() < 200, "{snippet}");
    // Two findings of one long line, far apart: the second's snippet too.
    write(
        dir.path(),
        "2025-01-01-long.md",
        format!("Il faut un {} Il faut deux.\n", "é".repeat(70_000)),
    );
    let (_, out, _) = human(dir.path(), &["2025-01-01-long.md"]);
    assert!(
        out.contains("[2025-01-01-long.md:1:1]") && out.contains("[2025-01-01-long.md:1:70013]"),
        "{out}"
    );

    write(dir.path(), "2025-01-01-cr.md", "a\rb\rIl faut x.\rc\rd\r");
    let (_, out, _) = human(dir.path(), &["2025-01-01-cr.md"]);
    assert!(out.contains("[2025-01-01-cr.md:3:1]"), "{out}");
    let numbered: Vec<&str> = out
        .lines()
        .filter(|l| l.contains('│'))
        .map(str::trim)
        .collect();
    assert_eq!(numbered, ["2 │ b", "3 │ Il faut x.", "4 │ c"], "{out}");

    write(
        dir.path(),
        "2025-01-01-many.md",
        "Il faut.\n\n".repeat(20_000),
    );
    let (_, out, elapsed) = human(dir.path(), &["2025-01-01-many.md"]);
    assert!(
        out.contains("20000 warnings"),
        "{}",
        &out[out.len() - 200..]
    );
    assert!(elapsed < TIME_LIMIT / 4, "took {elapsed:?}");
}

/// Line and column of the first `needle` in `text`, where `\r\n`, `\r` and
/// `\n` each end a line (counted independently of the library's index).
fn place(text: &str, needle: &str) -> (u64, u64) {
    let at = text.find(needle).unwrap();
    let before = &text[..at];
    let breaks = before.replace("\r\n", "\n").replace('\r', "\n");
    let line = breaks.matches('\n').count() + 1;
    let column = breaks.rsplit('\n').next().unwrap().chars().count() + 1;
    (line as u64, column as u64)
}

#[test]
fn crlf_and_mixed_line_endings_keep_lines_and_columns() {
    let defect = ARTICLE
        .replace("pillar: trouver-sa-place", "pillar: rôle-çto")
        .replace("Les premiers mois", "Les premiers mois, il faut le dire,");
    // Line endings in turn: `\n`, `\r\n`, a lone `\r`.
    let mut mixed = String::new();
    for (i, l) in defect.split_inclusive('\n').enumerate() {
        mixed.push_str(l.trim_end_matches('\n'));
        mixed.push_str(["\n", "\r\n", "\r"][i % 3]);
    }
    for (name, text) in [
        ("crlf", defect.replace('\n', "\r\n")),
        ("mixed", mixed),
        ("cr", defect.replace('\n', "\r")),
    ] {
        let run = check_with_witness(NAME, &text);
        assert_eq!(run.code, 1, "{name}");
        let ds = run.of(NAME);
        assert_eq!(ds.len(), 2, "{name}: {ds:#?}");
        let at = |d: &Value| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
        let fm = ds.iter().find(|d| d["rule"] == "front-matter").unwrap();
        assert_eq!(at(fm), place(&text, "rôle-çto"), "{name}");
        assert_eq!(fm["end_column"], 17, "{name}");
        let tone = ds.iter().find(|d| d["rule"] == "tone").unwrap();
        assert_eq!(at(tone), place(&text, "il faut"), "{name}: {tone:#}");
        assert_eq!(tone["column"], 20, "{name}");
    }
}

#[test]
fn byte_order_mark() {
    let run = check_with_witness(NAME, format!("\u{feff}{ARTICLE}"));
    assert_eq!(run.code, 1);
    assert!(run.of(NAME).is_empty(), "{:#}", run.json);
    // The mark takes no column: a finding on the first line and one below.
    let text = "\u{feff}## Il faut partir\n\nTu dois rester.\n";
    let run = check_with_witness(NAME, text);
    let tone: Vec<&Value> = run
        .of(NAME)
        .into_iter()
        .filter(|d| d["rule"] == "tone")
        .collect();
    let at = |d: &Value| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
    assert_eq!(
        tone.iter().map(|d| at(d)).collect::<Vec<_>>(),
        [(1, 4), (3, 1)]
    );
}

#[cfg(unix)]
#[test]
fn a_file_gone_before_it_is_read() {
    // A dangling link is what a file deleted between the walk and the read
    // looks like: the walk lists it, reading it fails.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WITNESS, witness_text());
    std::os::unix::fs::symlink("parti.md", dir.path().join("2025-03-01-x.md")).unwrap();
    let run = run_in(dir.path(), &["--no-config", "."]);
    assert_eq!(run.code, 1);
    run.witness_checked();
    let message = run.message("2025-03-01-x.md", "read-error");
    assert!(
        message.starts_with("this symbolic link leads nowhere"),
        "{message}"
    );
    assert_eq!(
        run.only("2025-03-01-x.md", "read-error")["help"],
        "point the link at a file, or remove it"
    );
    // Named on the command line, it is a path that does not exist: exit 2.
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--no-config", "2025-03-01-x.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("path `2025-03-01-x.md` is a symbolic link that leads nowhere"),
        "{err}"
    );
}

#[test]
fn a_folder_named_like_an_article() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &format!("x.md/{WITNESS}"), witness_text());
    // Walked, its articles checked, the folder itself is no error.
    for path in [".", "x.md"] {
        let run = run_in(dir.path(), &["--no-config", path]);
        assert_eq!(run.code, 1);
        assert_eq!(run.files(), 1, "{:#}", run.json);
        run.witness_checked();
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &format!("posts/{WITNESS}"), witness_text());
    // A folder link back up (never followed) and a link to itself.
    symlink("..", dir.path().join("posts/boucle")).unwrap();
    symlink(
        "2025-03-01-soi.md",
        dir.path().join("posts/2025-03-01-soi.md"),
    )
    .unwrap();
    let run = run_in(dir.path(), &["--no-config", "."]);
    assert_eq!(run.code, 1);
    assert_eq!(run.files(), 2, "{:#}", run.json);
    run.witness_checked();
    let message = run.message("2025-03-01-soi.md", "read-error");
    assert!(
        message.starts_with("this symbolic link leads nowhere"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_an_article_does_not_hang_the_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WITNESS, witness_text());
    common::mkfifo(&dir.path().join("2025-03-01-tube.md"));
    let expected = "this is not a regular file (a FIFO, socket or device); it was not read";
    // Found by the walk, and named on the command line.
    for args in [
        &["--no-config", "."][..],
        &["--no-config", WITNESS, "2025-03-01-tube.md"],
    ] {
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, 1);
        run.witness_checked();
        assert_eq!(run.message("2025-03-01-tube.md", "read-error"), expected);
        assert_eq!(
            run.only("2025-03-01-tube.md", "read-error")["help"],
            "check regular files only, or exclude this one"
        );
    }
    // The reports and baselines that quote a file's text do not read it
    // again either.
    for args in [
        &["--format", "human"][..],
        &["--format", "gitlab"],
        &["--output-file", "out.json", "--format", "json"],
        &["--write-baseline", "base.json"],
        &["--baseline", "base.json", "--format", "concise"],
    ] {
        let out = repere()
            .current_dir(dir.path())
            .args(["check", "--no-config", "."])
            .args(args)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.code().is_some(), "{args:?}: killed, it hung");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            args[0].ends_with("baseline") || all.contains("2025-03-01-tube.md"),
            "{args:?}: {all}"
        );
    }
    // A baseline that is a FIFO is not read either: an error, not a hang.
    common::mkfifo(&dir.path().join("base-tube.json"));
    let out = repere()
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--baseline",
            "base-tube.json",
            WITNESS,
        ])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("baseline `base-tube.json`: not a regular file (a pipe, socket or device): a baseline's paths are relative to its folder"),
        "{err}"
    );
    // `repere salaries` reads as `repere check` does.
    let out = repere()
        .current_dir(dir.path())
        .args(["salaries", "--no-config", WITNESS, "2025-03-01-tube.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("2025-03-01-tube.md: {expected}")),
        "{err}"
    );
}

/// A FIFO where the walk reads ignore rules, or where a config is looked
/// for, would block the run: each is an error that says so instead.
#[cfg(unix)]
#[test]
fn a_fifo_as_an_ignore_file_or_a_config_does_not_hang_the_run() {
    use common::mkfifo;
    let run = |dir: &Path, args: &[&str]| {
        let out = repere()
            .current_dir(dir)
            .arg("check")
            .args(args)
            .timeout(std::time::Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.code().is_some(), "{args:?}: killed, it hung");
        out
    };
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    write(dir.path(), WITNESS, witness_text());
    write(&sub, WITNESS, witness_text());
    // In a folder the walk enters: that folder is reported, the rest checked.
    mkfifo(&sub.join(".gitignore"));
    let out = run(dir.path(), &["--no-config", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap(), d["rule"].as_str().unwrap()))
        .collect();
    // Named as the files found by the walk of `.` are, without `./`.
    assert!(paths.contains(&("sub", "read-error")), "{paths:?}");
    assert!(
        !paths.iter().any(|(p, _)| p.starts_with("sub/")),
        "{paths:?}"
    );
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "sub")
        .unwrap();
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("`sub/.gitignore` is not a regular file"),
        "{d}"
    );
    // The folder is not a file checked: the witness at the top is.
    assert_eq!(json["summary"]["files"], 1, "{json:#}");
    // Its finding left out, the summary names no folder.
    let out = run(dir.path(), &["--no-config", "--ignore", "read-error", "."]);
    let summary = String::from_utf8_lossy(&out.stdout);
    let last = summary.lines().last().unwrap_or_default();
    assert!(
        last.ends_with("in 1 file (1 file checked).") && !last.contains("folder"),
        "{summary}"
    );
    assert_eq!(
        d["help"],
        "remove it, or make it a regular file of ignore rules"
    );
    // In the folder named, or one above it.
    let out = run(dir.path(), &["--no-config", "sub"]);
    assert_eq!(out.status.code(), Some(1));
    fs::remove_file(sub.join(".gitignore")).unwrap();
    mkfifo(&dir.path().join(".ignore"));
    let out = run(dir.path(), &["--no-config", "--format", "concise", "sub"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("`.ignore` is not a regular file"), "{text}");
    fs::remove_file(dir.path().join(".ignore")).unwrap();
    // A config found by its name is not skipped, nor read: an error.
    mkfifo(&dir.path().join("repere.toml"));
    let out = run(dir.path(), &["."]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is not a regular file (a folder, FIFO or device)"),
        "{err}"
    );
}

#[test]
fn a_path_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), WITNESS, witness_text());
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--no-config", WITNESS, "content/posts/absent.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("path `content/posts/absent.md` does not exist"),
        "{err}"
    );
}

/// Permission denied, on a file and on a folder. Tests often run as root,
/// whom file modes do not stop: the binary then runs as `nobody` through
/// `setpriv`, on a folder everyone can read; the test is skipped (with a
/// note) when that is not possible.
#[cfg(unix)]
#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let root = unsafe { libc::geteuid() } == 0;
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    fs::set_permissions(base, fs::Permissions::from_mode(0o755)).unwrap();
    write(base, WITNESS, witness_text());
    let locked = write(base, "2025-03-01-ferme.md", ARTICLE);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let closed = base.join("ferme");
    write(&closed, "2025-03-02-dedans.md", ARTICLE);
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(base.join(WITNESS), fs::Permissions::from_mode(0o644)).unwrap();

    let bin = assert_cmd::cargo::cargo_bin("repere");
    let copy = base.join("repere-bin");
    if root {
        // The binary must be reachable by `nobody`: copy it into the folder.
        fs::copy(&bin, &copy).unwrap();
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).unwrap();
        let probe = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status();
        if !probe.is_ok_and(|s| s.success()) {
            eprintln!("skipped: running as root and `setpriv` cannot drop privileges here");
            return;
        }
    }
    let check = |format: &str| {
        let mut cmd = if root {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&copy);
            c
        } else {
            std::process::Command::new(&bin)
        };
        cmd.current_dir(base)
            .args(["check", "--format", format, "--no-config", "."])
            .output()
            .unwrap()
    };
    let out = check("json");
    let human = check("human");
    // Let the temporary folder be removed.
    fs::set_permissions(&closed, fs::Permissions::from_mode(0o755)).unwrap();
    let summary = String::from_utf8_lossy(&human.stdout);
    // Named as the files are, without `./`.
    assert!(
        summary.contains("× ferme:1:1: cannot read this folder"),
        "{summary}"
    );
    assert!(
        summary.contains("Found 3 errors, 0 warnings in 2 files and 1 folder (2 files checked)."),
        "{summary}"
    );
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        json: serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr))),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: Duration::ZERO,
    };
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.witness_checked();
    let message = run.message("2025-03-01-ferme.md", "read-error");
    assert!(
        message.starts_with("cannot read the file: Permission denied"),
        "{message}"
    );
    assert_eq!(
        run.message("ferme", "read-error"),
        "cannot read this folder: permission denied; its files were not checked"
    );
    // The folder is no file checked: the witness and the locked file are.
    assert_eq!(run.files(), 2, "{:#}", run.json);
}

/// A rule pack whose regex would take exponential time in a backtracking
/// engine (`(a+)+$` on a run of `a` that does not end the line): the
/// `regex` crate runs it in linear time. A regex too large to compile is a
/// pack error, not a slow run.
#[test]
fn catastrophic_regex_in_a_pack_runs_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "pack.yaml",
        "- id: catastrophe\n  kind: phrase\n  severity: warning\n  phrases:\n    - regex: \"(a+)+$\"\n      message: \"{match}\"\n    - regex: \"(x+x+)+y\"\n    - regex: \"(a|aa)+\\\\d\"\n",
    );
    write(dir.path(), WITNESS, witness_text());
    let text = ARTICLE.replace(
        "La décision vous appartient, avec ses conséquences.",
        &format!("{}!\n\n{}", "a".repeat(100_000), "x".repeat(50_000)),
    );
    write(dir.path(), NAME, &text);
    let start = Instant::now();
    let run = run_in(dir.path(), &["--no-config", "--rules", "pack.yaml", "."]);
    let elapsed = start.elapsed();
    assert_eq!(run.code, 1, "{}", run.stderr);
    run.witness_checked();
    // No match (and none of the default rules' findings either).
    assert!(run.of(NAME).is_empty(), "{:#}", run.json);
    // 2^100000 steps for a backtracking engine; linear here.
    assert!(elapsed < Duration::from_secs(20), "{elapsed:?}");

    // The same pattern does match where it should.
    write(
        dir.path(),
        NAME,
        ARTICLE.replace("Une introduction.", "aaaa"),
    );
    let run = run_in(dir.path(), &["--no-config", "--rules", "pack.yaml", "."]);
    assert_eq!(run.only(NAME, "catastrophe")["message"], "aaaa");

    write(
        dir.path(),
        "huge.yaml",
        "- id: enorme\n  kind: phrase\n  severity: warning\n  phrases:\n    - regex: \"((a{100}){100}){100}\"\n",
    );
    let out = repere()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--rules", "huge.yaml", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("huge.yaml:5"), "{err}");
    assert!(err.contains("size limit"), "{err}");
}

/// The largest resident memory of the processes this test binary ran (all
/// tests share it, so this bounds each of them).
fn assert_child_memory_below(mb: i64) {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: getrusage fills the struct it is given.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        assert_eq!(
            unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
            0
        );
        let kb = usage.ru_maxrss;
        assert!(kb < mb * 1024, "a child used {} MB", kb / 1024);
    }
}

/// The inputs the fuzzer crashed on, replayed through the whole pipeline.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz-regressions");
    let mut n = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| pipeline::run_all_formats(&data));
        assert!(outcome.is_ok(), "{} panics", path.display());
        n += 1;
    }
    assert!(n > 0);
}

/// Every fixture goes through the fuzz target's pipeline too (its seed
/// corpus), so that the target itself stays runnable.
#[test]
fn fixtures_through_the_fuzz_pipeline() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                pipeline::run_all_formats(&fs::read(&path).unwrap());
            }
        }
    }
}

/// The pipeline's site named by its input: the first file lists the
/// site's files, the second is every page's text, the third lists the
/// addresses asked, and the lookup by file name must answer each as the
/// whole index does (the fuzz target's seeds start from this shape).
#[test]
fn a_site_named_by_the_input_is_looked_up_by_name_as_by_the_whole_index() {
    let names = "posts/2025-01-01-Mon Article.md\nposts/2025-01-02-autre.md\n\
                 guides/Livre Un/_index.md\nguides/Livre Un/Chapitre.md\n\
                 bundle/photo/index.md\nstatic/images/Logo.PNG\nabout.html\n\
                 [lien](/posts/mon-article/) [x](/guides/livre-un/chapitre/)";
    let page = "---\nslug: change\naliases: [/vieux/]\n---\n## Titre\n";
    let asked = "/posts/mon-article/\n/posts/change/\n/vieux/\n/guides/livre-un/\n\
                 /guides/livre-un/chapitre/\n/bundle/photo/\n/images/Logo.PNG\n\
                 /images/logo.png\n/about/\n/about.html\n/posts/\n/\n/rien/";
    run_site(names, page, asked);
}

/// The pipeline on a site named by its input (see above).
fn run_site(names: &str, page: &str, asked: &str) {
    let data = [names, page, asked].join("\0");
    pipeline::run_all_formats(data.as_bytes());
}

/// A section's `_index.md` added since its folder was listed: found once
/// the folder is listed again, not mistaken for a folder of pages without
/// one.
#[test]
fn a_section_index_added_since_the_listing_is_found() {
    run_site(
        "posts/a.md\nposts/_index.md",
        "---\ntitle: t\n---\n## H\n",
        "/posts/",
    );
}

/// Two pages with one address (`posts/a.md` and the bundle `posts/a/`):
/// the lookup by name and the whole index may each give either.
#[test]
fn two_pages_with_one_address_give_either() {
    run_site(
        "posts/a.md\nposts/a/index.md",
        "---\ntitle: t\n---\n## H\n",
        "/posts/a/",
    );
}

/// A file named with a doubled `/` (`posts/a//b.png`) is the file a file
/// system holds at `posts/a/b.png`: both lookups find it at that address.
#[test]
fn a_file_named_with_a_doubled_slash_is_found_at_its_address() {
    run_site(
        "posts/a//b.png\nposts//c.md",
        "---\ntitle: t\n---\n",
        "/posts/a/b.png\n/posts/c/",
    );
}
