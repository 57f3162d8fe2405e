//! JSON Schemas of the config file and of rule packs, so that editors can
//! complete and check them (`repere schema config|rules`).

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::config::Settings;
use crate::rules::KINDS;
use crate::yaml::{Node, Value as Yaml};

/// The schema of `repere.toml`.
pub fn config() -> Value {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Settings>();
    let mut v = schema.to_value();
    v["title"] = json!("repere.toml");
    // The globs repere refuses, as in rule packs; an `[[overrides]]`
    // block for no file.
    for key in ["include", "exclude"] {
        v["properties"][key]["items"] = glob();
    }
    let files = &mut v["definitions"]["OverrideBlock"]["properties"]["files"];
    files["items"] = glob();
    files["minItems"] = json!(1);
    v
}

/// A glob pattern repere reads, as `FileFilter` refuses the others: not
/// braces as alternatives (`{a,b}`, which the glob crate takes literally), a
/// folder written with `/` or an empty pattern.
fn glob() -> Value {
    json!({"type": "string", "not": {"anyOf": [
        {"pattern": "\\{[^{}]*,[^{}]*\\}"}, {"pattern": "/$"}, {"pattern": "^!?\\s*$"}
    ]}})
}

/// The common keys of a rule-pack entry.
fn common() -> Map<String, Value> {
    let level = json!({"enum": ["error", "warning", "info", "off"]});
    let condition = json!({
        "anyOf": [
            {"type": ["string", "number", "boolean"], "description": "equals (any item, for a list)"},
            {"type": "array", "minItems": 1, "description": "one of"},
            {"type": "object", "maxProperties": 1, "properties": {
                "exists": {"type": "boolean"}, "equals": {}, "one_of": {"type": "array", "minItems": 1}, "not": {}
            }, "additionalProperties": false}
        ]
    });
    let example = json!({"anyOf": [
        {"type": "string"},
        {"type": "object", "required": ["text"], "properties": {"name": {"type": "string"}, "text": {"type": "string"}, "expect": {"type": "string", "description": "For an invalid example: words one of the rule's messages must hold"}}, "additionalProperties": false}
    ]});
    // As `FileFilter` refuses them.
    let glob = glob();
    let map = json!({
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "The rule id",
               "not": {"enum": crate::pack::reserved_ids().collect::<Vec<_>>()}},
        "severity": level,
        "description": {"type": "string", "description": "One line for `repere rules`"},
        "files": {"description": "Glob patterns (the glob crate's syntax); `!` excludes",
                  "anyOf": [glob.clone(), {"type": "array", "items": glob, "minItems": 1}]},
        "when": {"type": "object", "description": "Conditions on front-matter values, all of which must hold",
                 "additionalProperties": condition},
        "message": {"type": "string", "description": "Replaces the message; {message} and {help} are the rule's own"},
        "help": {"type": "string", "description": "Replaces the help; {help} and {message} are the rule's own"},
        "examples": {"type": "object", "additionalProperties": false, "properties": {
            "valid": {"type": "array", "items": example.clone()},
            "invalid": {"type": "array", "items": example}
        }},
    });
    match map {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// The schema of a rule pack: a list of rules (or a mapping with `rules`),
/// each one of the kinds with its own options.
pub fn rules() -> Value {
    let mut settings = SchemaSettings::draft07();
    settings.inline_subschemas = true;
    let mut generator = settings.into_generator();
    let mut variants = Vec::new();
    for kind in KINDS {
        let options = (kind.schema)(&mut generator).to_value();
        let mut properties = common();
        properties.insert(
            "kind".into(),
            json!({"const": kind.name, "description": kind.summary}),
        );
        if let Some(Value::Object(own)) = options.get("properties") {
            for (k, v) in own {
                properties.insert(k.clone(), v.clone());
            }
        }
        // The keys every rule needs, then those its kind needs (`phrases`).
        let mut required = vec![json!("id"), json!("kind"), json!("severity")];
        if let Some(Value::Array(own)) = options.get("required") {
            required.extend(own.iter().cloned());
        }
        variants.push(json!({
            "title": kind.name,
            "type": "object",
            "required": required,
            "properties": properties,
            "additionalProperties": false,
        }));
    }
    let rule = json!({"oneOf": variants});
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "repere rule pack",
        "definitions": {"rule": rule},
        "anyOf": [
            {"type": "array", "items": {"$ref": "#/definitions/rule"}},
            {"type": "object", "required": ["rules"], "additionalProperties": false, "properties": {
                "name": {"type": "string"},
                "description": {"type": "string"},
                "rules": {"type": "array", "items": {"$ref": "#/definitions/rule"}}
            }}
        ]
    })
}

/// A spanned YAML tree as JSON (to validate packs and configs against the schemas).
pub fn to_json(node: &Node) -> Value {
    match &node.value {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => json!(b),
        Yaml::Int(i) => json!(i),
        Yaml::Float(f) => json!(f),
        Yaml::String(s, _) => json!(s),
        Yaml::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Yaml::Map(pairs) => Value::Object(
            pairs
                .iter()
                .map(|(k, v)| (k.scalar_text().unwrap_or_default(), to_json(v)))
                .collect(),
        ),
    }
}
