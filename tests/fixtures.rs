//! Snapshot tests over `fixtures/`.
//!
//! Layout: `fixtures/<kind>/{pass,fail}/<case>.md`, or a folder
//! `<case>/` whose files are checked together (cross-file rules). A fixture
//! runs under `fixtures/<kind>/rules.yaml` if present, else under the default
//! rules of that kind. A pass case must give no diagnostic, a fail case at
//! least one; what they give is compared with the snapshot.

use std::fmt::Write;
use std::fs;
use std::path::{Path, PathBuf};

use repere::engine::{Linter, Report};
use repere::pack::{PackSource, RuleSet};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn ruleset(kind_dir: &Path, kind: &str) -> RuleSet {
    let custom = kind_dir.join("rules.yaml");
    if custom.exists() {
        let text = fs::read_to_string(&custom).unwrap();
        return RuleSet::load(&[PackSource::new(custom.display().to_string(), text)])
            .unwrap_or_else(|e| panic!("{}: {}", custom.display(), e[0].message));
    }
    let mut set =
        RuleSet::load(&PackSource::defaults()).unwrap_or_else(|e| panic!("{}", e[0].message));
    set.rules.retain(|r| r.meta.kind == kind);
    assert!(
        !set.rules.is_empty(),
        "no default rule of kind `{kind}`: add fixtures/{kind}/rules.yaml"
    );
    set
}

fn files_of(case: &Path) -> Vec<PathBuf> {
    if case.is_dir() {
        let mut files: Vec<PathBuf> = fs::read_dir(case)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    } else {
        vec![case.to_path_buf()]
    }
}

/// Checks a case; paths in the report are relative to `fixtures/`.
pub fn check(kind_dir: &Path, kind: &str, case: &Path) -> Report {
    let linter = Linter::new(ruleset(kind_dir, kind));
    let root = fixtures_root();
    let results = files_of(case)
        .into_iter()
        .map(|f| {
            let rel = f.strip_prefix(&root).unwrap().to_path_buf();
            linter.check_bytes(rel, fs::read(&f).unwrap())
        })
        .collect();
    linter.finish(results)
}

/// A compact, reviewable rendering of a report.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in report.diagnostics() {
        let l = d.location;
        let path = d.path.display().to_string().replace('\\', "/");
        writeln!(
            out,
            "{path}:{}:{}-{}:{} {}[{}] {}",
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            d.severity.as_str(),
            d.rule,
            d.message
        )
        .unwrap();
        if let Some(source) = report.source_of(&d.path) {
            writeln!(
                out,
                "    > {}",
                source[d.span.start..d.span.end].replace('\n', "⏎")
            )
            .unwrap();
        }
        for label in &d.labels {
            let p = label
                .path
                .as_ref()
                .map(|p| format!("{}:", p.display()))
                .unwrap_or_default();
            writeln!(
                out,
                "    label {p}{}:{}: {}",
                label.location.line, label.location.column, label.message
            )
            .unwrap();
        }
        if let Some(help) = &d.help {
            writeln!(out, "    help: {help}").unwrap();
        }
        if let Some(fix) = &d.fix {
            writeln!(
                out,
                "    fix ({:?}): {}",
                fix.applicability, fix.description
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn fixtures() {
    let mut cases = 0;
    let mut kinds: Vec<PathBuf> = fs::read_dir(fixtures_root())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    kinds.sort();
    // REPERE_FIXTURES=kind limits the run to one kind while working on it.
    let only = std::env::var("REPERE_FIXTURES").ok();
    for kind_dir in kinds {
        let kind = kind_dir.file_name().unwrap().to_str().unwrap().to_string();
        if only.as_ref().is_some_and(|o| *o != kind) {
            continue;
        }
        for outcome in ["pass", "fail"] {
            let dir = kind_dir.join(outcome);
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
            entries.sort();
            for case in entries {
                let report = check(&kind_dir, &kind, &case);
                let n = report.diagnostics().count();
                let name = case.file_stem().unwrap().to_str().unwrap();
                match outcome {
                    "pass" => {
                        assert_eq!(n, 0, "{} should pass:\n{}", case.display(), render(&report))
                    }
                    _ => assert!(n > 0, "{} should fail", case.display()),
                }
                if outcome == "fail" {
                    insta::assert_snapshot!(format!("{kind}__{name}"), render(&report));
                }
                cases += 1;
            }
        }
    }
    assert!(cases > 0);
}

#[test]
fn every_kind_has_documentation_and_pass_and_fail_fixtures() {
    for kind in repere::rules::KINDS {
        assert!(
            kind.doc.trim().len() > 100,
            "kind `{}` is not documented",
            kind.name
        );
        for outcome in ["pass", "fail"] {
            let dir = fixtures_root().join(kind.name).join(outcome);
            let n = fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
            assert!(
                n > 0,
                "kind `{}` has no {outcome} fixture in {}",
                kind.name,
                dir.display()
            );
        }
    }
}

#[test]
fn every_pack_in_rules_is_embedded() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("rules/{}", path.file_name().unwrap().to_str().unwrap());
        let embedded = repere::pack::DEFAULT_PACKS.iter().find(|(o, _)| *o == name);
        let (_, text) = embedded.unwrap_or_else(|| panic!("{name} is not in DEFAULT_PACKS"));
        assert_eq!(*text, fs::read_to_string(&path).unwrap());
    }
}
