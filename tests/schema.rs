//! The JSON Schemas `repere schema config|rules` prints accept what repere
//! accepts and refuse what it refuses.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use repere::schema;
use serde_json::Value;

fn printed(which: &str) -> Value {
    let out = Command::cargo_bin("repere")
        .unwrap()
        .args(["schema", which])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

fn yaml(text: &str) -> Value {
    schema::to_json(&repere::yaml::parse(text, 0).unwrap().root.unwrap())
}

fn toml(text: &str) -> Value {
    schema::to_json(&repere::toml_tree::parse(text, 0).unwrap())
}

#[test]
fn the_printed_schemas_are_the_library_schemas() {
    assert_eq!(printed("config"), schema::config());
    assert_eq!(printed("rules"), schema::rules());
}

#[test]
fn every_embedded_pack_validates() {
    let validator = jsonschema::draft7::new(&schema::rules()).unwrap();
    for (origin, text) in repere::pack::DEFAULT_PACKS {
        let errors: Vec<String> = validator
            .iter_errors(&yaml(text))
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{origin}: {errors:#?}");
    }
}

#[test]
fn the_rules_schema_refuses_what_repere_refuses() {
    let validator = jsonschema::draft7::new(&schema::rules()).unwrap();
    let ok = "- id: x\n  kind: front-matter\n  severity: error\n  fields:\n    date: {required: true, type: date}\n";
    assert!(validator.is_valid(&yaml(ok)));
    for bad in [
        "- id: x\n  kind: front-matter\n  severity: error\n  feilds: {}\n",
        "- id: x\n  kind: nope\n  severity: error\n",
        "- id: x\n  kind: front-matter\n  severity: loud\n",
        "- id: X Y\n  kind: front-matter\n  severity: error\n",
        "- kind: front-matter\n  severity: error\n",
        "- id: config\n  kind: front-matter\n  severity: error\n",
        "- id: rule-pack\n  kind: front-matter\n  severity: error\n",
        "- id: read-error\n  kind: front-matter\n  severity: error\n",
        "- id: x\n  kind: front-matter\n  severity: error\n  fields:\n    date: {type: calendar}\n",
        // What a kind needs, and the bounds of its numbers.
        "- id: x\n  kind: phrase\n  severity: error\n",
        "- id: x\n  kind: phrase\n  severity: error\n  phrases: []\n",
        "- id: x\n  kind: sections\n  severity: error\n",
        "- id: x\n  kind: duplicates\n  severity: error\n  similarity: 1.5\n",
        "- id: x\n  kind: duplicates\n  severity: error\n  similarity: 0\n",
        "- id: x\n  kind: duplicates\n  severity: error\n  shingle: 9\n",
        "- id: x\n  kind: duplicates\n  severity: error\n  min_words: 0\n",
        "- id: x\n  kind: sections\n  severity: error\n  templates: [{name: A, sections: [{title: X, level: 7}]}]\n",
        "- id: x\n  kind: salary\n  severity: error\n  tolerance: -1\n",
        "- id: x\n  kind: salary\n  severity: error\n  rates: {EUR: 0}\n",
        "- id: x\n  kind: salary\n  severity: error\n  plausible: {factor: 0.5}\n",
        "- id: x\n  kind: markup\n  severity: error\n  files: ['content/{a,b}/*.md']\n",
        "- id: x\n  kind: markup\n  severity: error\n  files: content/drafts/\n",
        "- id: x\n  kind: markup\n  severity: error\n  files: ['']\n",
        "- id: x\n  kind: markup\n  severity: error\n  when: {section: []}\n",
        "- id: x\n  kind: markup\n  severity: error\n  when: {section: {one_of: []}}\n",
        "- id: x\n  kind: front-matter\n  severity: error\n  fields: {title: {one_of: []}}\n",
        "- id: x\n  kind: links\n  severity: error\n  ignore: [/tags/, '']\n",
        "- id: x\n  kind: links\n  severity: error\n  ignore: [/]\n",
        "- id: x\n  kind: markup\n  severity: error\n  files: ['**', '!']\n",
    ] {
        assert!(!validator.is_valid(&yaml(bad)), "{bad}");
        let loaded = repere::pack::RuleSet::load(&[repere::pack::PackSource::new("t.yaml", bad)]);
        assert!(loaded.is_err(), "repere refuses it too: {bad}");
    }
}

#[test]
fn the_config_schema_accepts_the_readme_example_and_refuses_unknown_keys() {
    let validator = jsonschema::draft7::new(&schema::config()).unwrap();
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let marker = readme.find("<!-- repere.toml example").unwrap();
    let start = marker + readme[marker..].find("```toml\n").unwrap() + 8;
    let end = start + readme[start..].find("```").unwrap();
    let example = toml(&readme[start..end]);
    let errors: Vec<String> = validator
        .iter_errors(&example)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!validator.is_valid(&toml("colour = 1\n")));
    assert!(!validator.is_valid(&toml("fail-on = \"loud\"\n")));
    assert!(
        !validator.is_valid(&toml("[[overrides]]\nseverity = { tone = \"off\" }\n")),
        "files is required"
    );
}

/// The globs repere refuses in `include`, `exclude` and an override's
/// `files`, and an override for no file, the schema refuses too; each is
/// checked against repere itself, which must refuse it (exit 2).
#[test]
fn the_config_schema_refuses_the_globs_repere_refuses() {
    let validator = jsonschema::draft7::new(&schema::config()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for text in [
        "include = [\"content/{a,b}/*.md\"]\n",
        "exclude = [\"content/drafts/\"]\n",
        "exclude = [\"\"]\n",
        "exclude = [\"!\"]\n",
        "[[overrides]]\nfiles = [\"content/{a,b}/*.md\"]\nseverity = { tone = \"off\" }\n",
        "[[overrides]]\nfiles = []\nseverity = { tone = \"off\" }\n",
    ] {
        assert!(!validator.is_valid(&toml(text)), "{text}");
        fs::write(dir.path().join("repere.toml"), text).unwrap();
        let out = assert_cmd::Command::cargo_bin("repere")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "."])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
    }
    assert!(validator.is_valid(&toml(
        "include = [\"content/**/*.md\"]\nexclude = [\"content/drafts/**\"]\n"
    )));
}
