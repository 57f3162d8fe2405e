//! `repere check --fix`: before/after fixture pairs, idempotence on every
//! fixture, edits that touch only their ranges, atomic writes that keep
//! permissions, line endings and the byte-order mark, and `--diff`.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use repere::diagnostic::Fix;
use repere::engine::Linter;
use repere::pack::{PackSource, RuleSet};

mod common;
use common::copy_dir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn repere(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("repere").unwrap();
    cmd.current_dir(dir).arg("check").arg("--no-config");
    cmd
}

/// Runs `--fix` (with `--unsafe-fixes` for `unsafe-` cases) on a copy of a
/// case's `before/` and returns the folder.
fn fixed_copy(case: &Path, extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&case.join("before"), dir.path());
    let mut cmd = repere(dir.path());
    cmd.args(["--fix", "--quiet", "--format", "concise"])
        .args(extra);
    if case
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .starts_with("unsafe-")
    {
        cmd.arg("--unsafe-fixes");
    }
    if case.join("rules.yaml").exists() {
        cmd.arg("--no-default-rules")
            .arg("--rules")
            .arg(case.join("rules.yaml"));
    }
    cmd.arg(".").output().unwrap();
    dir
}

/// A copy of the `safe-section-spelling` case's article (one file, one safe
/// fix), and the path of that file.
/// Applies `diff` in `dir` with GNU `patch -p1`, which must succeed;
/// false (said) where there is no `patch` to run.
fn patch_p1(dir: &Path, diff: &str) -> bool {
    let applied = std::process::Command::new("patch")
        .current_dir(dir)
        .args(["-p1", "--quiet"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(diff.as_bytes())?;
            child.wait()
        });
    match applied {
        Ok(status) => {
            assert!(status.success(), "{diff:?}");
            true
        }
        Err(e) => {
            eprintln!("skipped applying: no `patch` here ({e})");
            false
        }
    }
}

fn spelling_case() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &fixtures().join("fix/safe-section-spelling/before"),
        dir.path(),
    );
    let file = walk(dir.path()).remove(0);
    (dir, file)
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures().join("fix"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8);
    cases
}

#[test]
fn every_case_is_fixed_as_expected() {
    for case in cases() {
        let dir = fixed_copy(&case, &[]);
        for entry in fs::read_dir(case.join("after")).unwrap() {
            let expected = entry.unwrap().path();
            let got = fs::read(dir.path().join(expected.file_name().unwrap())).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&fs::read(&expected).unwrap()),
                "{}",
                case.display()
            );
        }
    }
}

/// A lone `\r` ends a line as `\n` does: every case written with lone CRs
/// is fixed as its LF version is, line endings kept (sections inserted and
/// moved with one blank line around them, duplicates deleted).
#[test]
fn every_case_with_lone_cr_endings_is_fixed_as_with_lf() {
    let cr = |bytes: Vec<u8>| -> Vec<u8> {
        bytes
            .into_iter()
            .map(|b| if b == b'\n' { b'\r' } else { b })
            .collect()
    };
    let mut tried = 0;
    for case in cases() {
        let before = walk(&case.join("before"));
        if before.iter().any(|f| fs::read(f).unwrap().contains(&b'\r')) {
            continue;
        }
        let copy = tempfile::tempdir().unwrap();
        let lone = copy.path().join(case.file_name().unwrap());
        copy_dir(&case, &lone);
        for file in walk(&lone.join("before")) {
            fs::write(&file, cr(fs::read(&file).unwrap())).unwrap();
        }
        let dir = fixed_copy(&lone, &[]);
        for entry in fs::read_dir(case.join("after")).unwrap() {
            let expected = entry.unwrap().path();
            let got = fs::read(dir.path().join(expected.file_name().unwrap())).unwrap();
            assert_eq!(
                String::from_utf8_lossy(&got).replace('\r', "⏎\n"),
                String::from_utf8_lossy(&cr(fs::read(&expected).unwrap())).replace('\r', "⏎\n"),
                "{}",
                case.display()
            );
        }
        tried += 1;
    }
    assert!(tried >= 8, "{tried}");
}

#[test]
fn safe_fixes_need_no_flag_and_unsafe_ones_do() {
    let case = fixtures().join("fix/unsafe-section-moved");
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&case.join("before"), dir.path());
    repere(dir.path()).args(["--fix", "."]).output().unwrap();
    let file = fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(
        fs::read(&file).unwrap(),
        fs::read(case.join("before").join(file.file_name().unwrap())).unwrap(),
        "--fix alone leaves unsafe fixes"
    );
    // --unsafe-fixes alone fixes nothing either, and says so.
    let out = repere(dir.path())
        .args(["--unsafe-fixes", "."])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--unsafe-fixes applies no fix by itself"),
        "{out:?}"
    );
    assert_eq!(
        fs::read(&file).unwrap(),
        fs::read(case.join("before").join(file.file_name().unwrap())).unwrap(),
    );
}

#[test]
fn fixing_twice_gives_the_same_file_as_fixing_once_on_every_fixture() {
    let all = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), all.path());
    for args in [&["--fix"][..], &["--fix", "--unsafe-fixes"][..]] {
        repere(all.path()).args(args).arg(".").output().unwrap();
        let once = snapshot(all.path());
        repere(all.path()).args(args).arg(".").output().unwrap();
        assert_eq!(once, snapshot(all.path()), "{args:?}");
    }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        out.push((entry.clone(), fs::read(&entry).unwrap()));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

/// Applying one pass of fixes to every fixture changes only the bytes inside
/// the edited ranges: the text between edits is found unchanged, in order.
#[test]
fn only_the_edited_ranges_change() {
    let linter = Linter::new(RuleSet::load(&PackSource::defaults()).unwrap());
    let mut checked = 0;
    for path in walk(&fixtures())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let report = linter.finish(vec![linter.check_source(path.clone().into(), text.clone())]);
        let fixes: Vec<Fix> = report.diagnostics().filter_map(|d| d.fix.clone()).collect();
        if fixes.is_empty() {
            continue;
        }
        let refs: Vec<&Fix> = fixes.iter().collect();
        let (fixed, n) = repere::fix::apply(&text, &refs);
        assert!(n > 0);
        // The edits applied: those of fixes whose edits all appear in order.
        let mut edits: Vec<_> = fixes.iter().flat_map(|f| f.edits.clone()).collect();
        edits.sort_by_key(|e| e.span.start);
        let mut kept = Vec::new();
        let mut pos = 0;
        for e in &edits {
            if e.span.start >= pos {
                kept.push(&text[pos..e.span.start]);
                pos = e.span.end;
            }
        }
        kept.push(&text[pos..]);
        let mut at = 0;
        for piece in kept {
            let found = fixed[at..]
                .find(piece)
                .unwrap_or_else(|| panic!("{}: {piece:?} was changed", path.display()));
            at += found + piece.len();
        }
        checked += 1;
    }
    assert!(checked >= 5, "{checked}");
}

#[cfg(unix)]
#[test]
fn the_write_is_atomic_and_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = spelling_case();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let out = repere(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Fixed 2 finding(s) in 1 file(s)."),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(
        walk(dir.path()).len(),
        1,
        "no temporary file is left behind"
    );
}

/// A file --fix could not write is said in every format: in the human and
/// concise reports' notes, on stderr with the others (even with `-q`); the
/// run exits 2, whatever the severity of the findings left.
#[test]
fn a_file_that_could_not_be_written_is_said_in_every_format() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, file) = spelling_case();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    for (format, quiet) in [
        ("concise", false),
        ("github", false),
        ("sarif", true),
        ("junit", false),
        ("gitlab", true),
        ("json-lines", false),
    ] {
        let mut cmd = repere(dir.path());
        cmd.args(["--fix", "--format", format, "."]);
        if quiet {
            cmd.arg("-q");
        }
        let out = cmd.output().unwrap();
        let both = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(both.contains("could not be written"), "{format}: {both}");
        assert_eq!(out.status.code(), Some(2), "{format}: {both}");
    }
    // Not a finding: `--fail-on never` does not hide it.
    let out = repere(dir.path())
        .args(["--fix", "--fail-on", "never", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // Writing a baseline in the same run does not hide it.
    let out = repere(dir.path())
        .args(["--fix", "--write-baseline", "b.json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not be written"));
    fs::remove_file(dir.path().join("b.json")).unwrap();
    // Once the file can be written, the same run exits 0.
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    let out = repere(dir.path())
        .args(["--fix", "--fail-on", "never", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

/// `--diff` of a file with lone CR line endings diffs it as `patch` and
/// `git apply` read it, to `\n` only (here one line, without a final
/// newline), and says so: applied, it gives what `--fix` writes. So does
/// a file with a lone CR amid LF lines.
#[test]
fn a_diff_of_lone_cr_lines_applies() {
    let (dir, file) = spelling_case();
    let lf = fs::read_to_string(&file).unwrap();
    let mixed = lf.replacen("\n", "\r", 3);
    for (text, whole) in [(lf.replace('\n', "\r"), true), (mixed, false)] {
        fs::write(&file, &text).unwrap();
        let out = repere(dir.path()).args(["--diff", "."]).output().unwrap();
        let diff = String::from_utf8(out.stdout).unwrap();
        // All of it is one line: shown whole.
        assert_eq!(diff.contains('\r'), whole, "{diff:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("lone CR"), "{said}");
        assert_eq!(fs::read_to_string(&file).unwrap(), text);
        repere(dir.path()).args(["--fix", "."]).output().unwrap();
        let fixed = fs::read_to_string(&file).unwrap();
        assert_ne!(fixed, text);
        fs::write(&file, &text).unwrap();
        if patch_p1(dir.path(), &diff) {
            assert_eq!(fs::read_to_string(&file).unwrap(), fixed);
        }
    }
}

#[test]
fn diff_prints_and_writes_nothing() {
    let (dir, _) = spelling_case();
    let before = snapshot(dir.path());
    let out = repere(dir.path()).args(["--diff", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("-## Dedramatisation\n+## Dédramatisation"),
        "{s}"
    );
    assert!(s.starts_with("--- a/"), "{s}");
    assert_eq!(snapshot(dir.path()), before);
    // Nothing to fix: exit 0 and no diff.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &fixtures().join("fix/safe-section-spelling/after"),
        dir.path(),
    );
    let out = repere(dir.path()).args(["--diff", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    // A file that is not UTF-8 has nothing to fix, but is named, and fails
    // the run as `repere check` would; `--ignore encoding` lets it pass.
    fs::write(dir.path().join("2025-05-02-latin1.md"), b"caf\xe9\n").unwrap();
    let ignored = repere(dir.path())
        .args(["--diff", "--ignore", "encoding", "."])
        .output()
        .unwrap();
    assert_eq!(ignored.status.code(), Some(0));
    assert!(ignored.stdout.is_empty());
    let out = repere(dir.path()).args(["--diff", "."]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("2025-05-02-latin1.md` was not checked (encoding): invalid UTF-8"),
        "{err}"
    );
}

#[test]
fn reports_say_what_is_fixable() {
    let case = fixtures().join("fix/unsafe-section-moved/before");
    let out = repere(&case)
        .args(["--format", "json", "."])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fixes: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["fix"])
        .collect();
    assert!(
        fixes.iter().any(|f| f["applicability"] == "unsafe"),
        "{v:#}"
    );
    let out = repere(&case)
        .args(["--format", "concise", "."])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("[unsafe fix]"));
    let out = repere(&case)
        .args(["--color", "never", "."])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("--unsafe-fixes"));
}

#[test]
fn standard_input_cannot_be_fixed_in_place() {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .args(["check", "--fix", "-"])
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// On a copy of the blog (when `../shared` is there), `--fix` then `check`
/// leaves only findings with no safe fix.
#[test]
fn fixing_a_copy_of_the_blog_leaves_only_findings_without_a_safe_fix() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/content");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is not there", corpus.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&corpus, &dir.path().join("content"));
    repere(dir.path()).args(["--fix", "."]).output().unwrap();
    let out = repere(dir.path())
        .args(["--format", "json", "."])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let safe: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["fix"]["applicability"] == "safe")
        .collect();
    assert!(safe.is_empty(), "{safe:#?}");
}

/// A pack whose substitution contains what it replaces would grow the file
/// at every pass: its fixes are left out, the note names the rule, and the
/// other fixes of the file are applied.
#[test]
fn a_fix_that_never_settles_is_left_out_and_the_others_applied() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("rules.yaml"),
        "- id: hedge\n  kind: phrase\n  severity: warning\n  phrases:\n    \
         - words: [\"il faut\"]\n      message: \"« {match} » is an order\"\n      \
         substitution: \"il faut peut-être\"\n\
         - id: plain\n  kind: phrase\n  severity: warning\n  phrases:\n    \
         - words: [\"afin de\"]\n      message: \"« {match} » is heavy\"\n      \
         substitution: \"pour\"\n",
    )
    .unwrap();
    let article = "---\ntitle: Un titre\n---\nIci, il faut attendre afin de voir.\n";
    fs::write(dir.path().join("a.md"), article).unwrap();
    let rules = ["--no-default-rules", "--rules", "rules.yaml"];
    // `--diff` shows the fix that settles, and says why the other is not.
    let out = repere(dir.path())
        .args(["--diff", "a.md"])
        .args(rules)
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(diff.contains("+Ici, il faut attendre pour voir."), "{diff}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`a.md`: the fixes of `hedge` would not be applied: they still changed it")
            && stderr.contains("the other fixes would be."),
        "{stderr}"
    );
    let out = repere(dir.path())
        .args(["--fix", "a.md"])
        .args(rules)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        fs::read_to_string(dir.path().join("a.md")).unwrap(),
        article.replace("afin de", "pour")
    );
    assert!(
        stdout.contains("`a.md`: the fixes of `hedge` were not applied: they still changed it"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Fixed 1 finding(s) in 1 file(s)"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(0), "only a warning remains");
}

/// `--diff` names files as `git diff` does: relative to the current folder
/// (no `./`), with a tab after a name holding a space, so that `git apply`
/// and GNU `patch -p1` find the file; applied, it gives what `--fix` writes.
#[test]
fn diff_names_files_so_that_patch_tools_find_them() {
    let dir = tempfile::tempdir().unwrap();
    let spaced = dir.path().join("mes articles");
    copy_dir(
        &fixtures().join("fix/safe-section-spelling/before"),
        &spaced,
    );
    let file = walk(&spaced).remove(0);
    let name = file
        .strip_prefix(dir.path())
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let out = repere(dir.path()).args(["--diff", "."]).output().unwrap();
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.starts_with(&format!("--- a/{name}\t\n+++ b/{name}\t\n")),
        "{diff}"
    );
    let expected = fs::read_to_string(
        fixtures()
            .join("fix/safe-section-spelling/after")
            .join(file.strip_prefix(&spaced).unwrap()),
    )
    .unwrap();
    if patch_p1(dir.path(), &diff) {
        assert_eq!(fs::read_to_string(&file).unwrap(), expected);
    }
    // A file outside the current folder: its absolute path, no prefix.
    let (outside, file) = spelling_case();
    let inside = tempfile::tempdir().unwrap();
    let out = repere(inside.path())
        .args(["--diff"])
        .arg(&file)
        .output()
        .unwrap();
    let diff = String::from_utf8(out.stdout).unwrap();
    let absolute = outside
        .path()
        .canonicalize()
        .unwrap()
        .join(file.file_name().unwrap());
    let absolute = absolute.to_str().unwrap();
    assert!(
        diff.starts_with(&format!("--- {absolute}\n+++ {absolute}\n")),
        "{diff}"
    );
    // A name that is not UTF-8: quoted, its bytes in octal, as git does.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let (dir, file) = spelling_case();
        let text = fs::read(&file).unwrap();
        fs::remove_file(&file).unwrap();
        let name = std::ffi::OsStr::from_bytes(b"2025-03-10-caf\xe9.md");
        fs::write(dir.path().join(name), text).unwrap();
        let out = repere(dir.path()).args(["--diff", "."]).output().unwrap();
        let diff = String::from_utf8_lossy(&out.stdout);
        assert!(
            diff.starts_with(
                "--- \"a/2025-03-10-caf\\351.md\"\n+++ \"b/2025-03-10-caf\\351.md\"\n"
            ),
            "{diff}"
        );
    }
}

/// A moved section keeps the line endings it was written with, in a file
/// whose other lines end otherwise (here LF lines in a CRLF file); the
/// blank line the move puts after it is in the file's ending.
#[test]
fn a_moved_section_keeps_its_own_line_endings() {
    let case = fixtures().join("fix/unsafe-section-moved");
    let name = "2025-05-01-changer-de-poste.md";
    let section =
        "## Erreurs classiques\n\nPartir pour fuir une équipe plutôt que pour rejoindre un projet.";
    let crlf = |text: String| {
        let text = text.replace('\n', "\r\n");
        text.replace(&section.replace('\n', "\r\n"), section)
    };
    // The other way round, CRLF lines in an LF file: its last line too.
    let lf = |text: String| {
        text.replace(&format!("{section}\n"), &format!("{section}\r\n"))
            .replace(section, &section.replace('\n', "\r\n"))
    };
    let dir = tempfile::tempdir().unwrap();
    // Either way, the section's last line ends with CRLF.
    for endings in [&crlf as &dyn Fn(String) -> String, &lf] {
        let read = |side: &str| endings(fs::read_to_string(case.join(side).join(name)).unwrap());
        let (before, after) = (read("before"), read("after"));
        assert!(before.contains("projet.\r\n"));
        fs::write(dir.path().join(name), &before).unwrap();
        let out = repere(dir.path())
            .args(["--fix", "--unsafe-fixes", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(fs::read_to_string(dir.path().join(name)).unwrap(), after);
    }
}

/// The missing section the unsafe fix adds is an empty heading: the run
/// still fails, on that section being empty, until the author writes it.
#[test]
fn an_added_section_is_reported_empty_until_written() {
    let case = fixtures().join("fix/unsafe-missing-section-added");
    let dir = fixed_copy(&case, &[]);
    let out = repere(dir.path())
        .args(["--format", "concise", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(
        s.contains("error[section-order] section `Message de responsabilité` is empty"),
        "{s}"
    );
}

/// Two names of one file (a hard link) are both checked, and fixed once:
/// the fix shows under both, and the run does not take its own write for
/// someone else's change.
#[cfg(unix)]
#[test]
fn a_file_with_two_names_is_fixed_once() {
    let (dir, file) = spelling_case();
    let other = file.with_file_name("2025-05-01-autre-nom.md");
    fs::hard_link(&file, &other).unwrap();
    let out = repere(dir.path())
        .args(["--fix", "--format", "concise", "."])
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("(a hard link): fixed with it."), "{said}");
    let fixed = fs::read_to_string(&file).unwrap();
    assert!(fixed.contains("## Dédramatisation"), "{fixed}");
    assert_eq!(fs::read_to_string(&other).unwrap(), fixed);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// Interrupted while it writes fixes (Ctrl-C, or a CI job cancelled), the
/// run ends once the file being written is through: no temporary file is
/// left in the articles' folder, and each article is its old text or its
/// fixed one, never a mix.
#[cfg(unix)]
#[test]
fn an_interrupted_fix_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let (_case, file) = spelling_case();
    let original = fs::read_to_string(&file).unwrap();
    // Large files, whose writes take most of the run's end.
    let padding = format!("\n```text\n{}```\n", "ligne de code\n".repeat(20_000));
    let before = format!("{original}{padding}");
    // What --fix makes of one, uninterrupted.
    let alone = tempfile::tempdir().unwrap();
    fs::write(alone.path().join("2025-05-01-seule.md"), &before).unwrap();
    repere(alone.path())
        .args(["--fix", "--quiet", "."])
        .output()
        .unwrap();
    let after = fs::read_to_string(alone.path().join("2025-05-01-seule.md")).unwrap();
    assert_ne!(after, before);
    // `n` copies of the article to fix, and their names.
    let copies = |n: usize| {
        let dir = tempfile::tempdir().unwrap();
        let names: Vec<String> = (0..n)
            .map(|i| format!("2025-05-01-copie-{i:02}.md"))
            .collect();
        for name in &names {
            fs::write(dir.path().join(name), &before).unwrap();
        }
        (dir, names)
    };
    let fix = |dir: &Path| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_repere"));
        command
            .current_dir(dir)
            .args(["check", "--no-config", "--fix", "--quiet", "."])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        command
    };
    // Once the first file is written, the others are being written: then
    // `signal` is sent.
    let interrupt = |child: &std::process::Child, first: &Path, signal: i32| {
        let start = std::time::Instant::now();
        while fs::read_to_string(first).is_ok_and(|t| t == before)
            && start.elapsed() < std::time::Duration::from_secs(60)
        {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(child.id() as i32, signal) };
    };
    let mut interrupted = 0;
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let (dir, names) = copies(80);
        let mut child = fix(dir.path()).spawn().unwrap();
        interrupt(&child, &dir.path().join(&names[0]), signal);
        let status = child.wait().unwrap();
        assert!(
            status.signal() == Some(signal) || status.code() == Some(0),
            "{status:?}"
        );
        interrupted += usize::from(status.signal() == Some(signal));
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, names, "a temporary file was left");
        for name in &names {
            let text = fs::read_to_string(dir.path().join(name)).unwrap();
            assert!(text == before || text == after, "{name} is neither");
        }
    }
    // Not both over before the signal came: the test tested something.
    assert!(interrupted > 0);
    // A signal the parent set to be ignored (`nohup`) stays ignored: the
    // run goes on and fixes every file.
    let (dir, names) = copies(40);
    let mut command = fix(dir.path());
    // SAFETY: only `signal` runs between fork and exec.
    unsafe {
        std::os::unix::process::CommandExt::pre_exec(&mut command, || {
            libc::signal(libc::SIGINT, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    interrupt(&child, &dir.path().join(&names[0]), libc::SIGINT);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
    for name in &names {
        assert_eq!(
            fs::read_to_string(dir.path().join(name)).unwrap(),
            after,
            "{name}"
        );
    }
}

/// A fix that changes a heading's anchor is safe only while no page of the
/// site holds a link to the old anchor; and what is left after `--fix` is
/// checked against the fixed headings, in every page of the site.
#[test]
fn a_fix_that_would_break_a_link_to_its_heading_is_unsafe() {
    let (case, _) = spelling_case();
    let article = fs::read_to_string(walk(case.path()).remove(0)).unwrap();
    let site = |link: &str| {
        let dir = tempfile::tempdir().unwrap();
        let posts = dir.path().join("content/posts");
        fs::create_dir_all(&posts).unwrap();
        fs::write(posts.join("2025-05-01-changer-de-poste.md"), &article).unwrap();
        let other = article
            .replace("date: 2025-05-01", "date: 2025-05-02")
            .replace("## Dedramatisation", "## Dédramatisation")
            .replace(
                "Une introduction.",
                &format!("Une introduction, qui renvoie à [l'autre]({link})."),
            );
        fs::write(posts.join("2025-05-02-autre-poste.md"), other).unwrap();
        dir
    };
    let fix = |dir: &Path| {
        let out = repere(dir)
            .args([
                "--fix",
                "--format",
                "json",
                "--select",
                "section-order,internal-links",
                "content",
            ])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code(), v)
    };
    let heading = |dir: &Path| {
        fs::read_to_string(dir.join("content/posts/2025-05-01-changer-de-poste.md"))
            .unwrap()
            .lines()
            .find(|l| l.starts_with("## D"))
            .unwrap()
            .to_string()
    };
    // Linked by its old anchor: left as it is, the fix said unsafe and why.
    // A link to `#erreurs-classiques` too, which the case fix of `##
    // erreurs classiques` keeps: that fix stays safe and is applied.
    let linked = site(
        "/posts/changer-de-poste/#dedramatisation) et [là](/posts/changer-de-poste/#erreurs-classiques",
    );
    let (code, v) = fix(linked.path());
    assert_eq!(code, Some(1), "{v:#}");
    assert_eq!(heading(linked.path()), "## Dedramatisation");
    let fixed = fs::read_to_string(
        linked
            .path()
            .join("content/posts/2025-05-01-changer-de-poste.md"),
    )
    .unwrap();
    assert!(fixed.contains("\n## Erreurs classiques\n"), "{fixed}");
    let fixes: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["path"]
                .as_str()
                .unwrap()
                .ends_with("01-changer-de-poste.md")
        })
        .map(|d| &d["fix"])
        .collect();
    assert_eq!(fixes[0]["applicability"], "unsafe", "{v:#}");
    assert!(
        fixes[0]["description"]
            .as_str()
            .unwrap()
            .contains("the heading's anchor changes from `#dedramatisation` to `#dédramatisation`, and `content/posts/2025-05-02-autre-poste.md` holds `#dedramatisation`"),
        "{v:#}"
    );
    // Linked by its new anchor only: fixed, and the link, broken before
    // the fix, is found whole after it.
    let ahead = site("/posts/changer-de-poste/#dédramatisation");
    let out = repere(ahead.path())
        .args([
            "--format",
            "concise",
            "--select",
            "internal-links",
            "content",
        ])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("`#dédramatisation` matches no heading"),
        "{out:?}"
    );
    let (code, v) = fix(ahead.path());
    assert_eq!(heading(ahead.path()), "## Dédramatisation");
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
    assert_eq!(code, Some(0), "{v:#}");
}
