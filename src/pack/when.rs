//! The `when` of a rule-pack entry: conditions on front-matter values, all of
//! which must hold for the rule to apply.
//!
//! ```yaml
//! when:
//!   audience: jeunesse-tech            # equals (any item, for a list)
//!   pillar: [trouver-sa-place, tous]   # one of
//!   slug: { exists: true }             # present and not empty
//!   draft: { not: true }               # negation of any condition
//! ```

use crate::document::Document;
use crate::rules::{BuildError, error_at};
use crate::yaml::{Node, Value};

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Equals(String),
    OneOf(Vec<String>),
    Exists(bool),
    Not(Box<Cond>),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct When {
    conds: Vec<(String, Cond)>,
}

impl When {
    pub fn from_node(node: &Node) -> Result<When, BuildError> {
        let pairs = node.as_map().ok_or_else(|| {
            error_at(
                node,
                "`when` takes a mapping of front-matter keys to conditions",
            )
        })?;
        let mut conds = Vec::new();
        for (k, v) in pairs {
            let key = k
                .scalar_text()
                .ok_or_else(|| error_at(k, "a `when` key must be a front-matter key name"))?;
            conds.push((key, cond(v)?));
        }
        Ok(When { conds })
    }

    pub fn is_empty(&self) -> bool {
        self.conds.is_empty()
    }

    pub fn holds(&self, doc: &Document) -> bool {
        self.conds
            .iter()
            .all(|(key, c)| eval(c, doc.front_value(key)))
    }
}

fn cond(node: &Node) -> Result<Cond, BuildError> {
    match &node.value {
        // No value is one of none: the condition would never hold.
        Value::Seq(items) if items.is_empty() => Err(error_at(
            node,
            "an empty list of values: no value is one of them, so the condition never holds; list the values, or remove the condition",
        )),
        Value::Seq(items) => items
            .iter()
            .map(|i| {
                i.scalar_text()
                    .ok_or_else(|| error_at(i, "`one of` values must be scalars"))
            })
            .collect::<Result<_, _>>()
            .map(Cond::OneOf),
        Value::Map(pairs) => {
            let [(k, v)] = pairs.as_slice() else {
                return Err(error_at(
                    node,
                    "a condition mapping has exactly one of `exists`, `equals`, `one_of`, `not`",
                ));
            };
            match k.as_str() {
                Some("exists") => match v.value {
                    Value::Bool(b) => Ok(Cond::Exists(b)),
                    _ => Err(error_at(v, "`exists` takes true or false")),
                },
                Some("equals") => v
                    .scalar_text()
                    .map(Cond::Equals)
                    .ok_or_else(|| error_at(v, "`equals` takes a scalar")),
                Some("one_of") => match v.value {
                    Value::Seq(_) => cond(v),
                    _ => Err(error_at(v, "`one_of` takes a list")),
                },
                Some("not") => Ok(Cond::Not(Box::new(cond(v)?))),
                other => {
                    const CONDITIONS: [&str; 4] = ["exists", "equals", "one_of", "not"];
                    let meant =
                        crate::typo::hint(other.and_then(|o| crate::typo::meant_of(o, CONDITIONS)));
                    Err(error_at(
                        k,
                        format!(
                            "unknown condition{meant} (use `exists`, `equals`, `one_of` or `not`)"
                        ),
                    ))
                }
            }
        }
        Value::Null => Err(error_at(node, "empty condition")),
        _ => Ok(Cond::Equals(node.scalar_text().unwrap_or_default())),
    }
}

fn eval(cond: &Cond, value: Option<&Node>) -> bool {
    let value = value.filter(|v| !matches!(v.value, Value::Null));
    let texts: Vec<String> = match value {
        None => Vec::new(),
        Some(v) => match &v.value {
            Value::Seq(items) => items.iter().filter_map(Node::scalar_text).collect(),
            _ => v.scalar_text().into_iter().collect(),
        },
    };
    match cond {
        Cond::Exists(b) => value.is_some() == *b,
        Cond::Equals(s) => texts.iter().any(|t| t == s),
        Cond::OneOf(set) => texts.iter().any(|t| set.contains(t)),
        Cond::Not(inner) => !eval(inner, value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(fm: &str) -> Document {
        Document::parse("a.md", format!("---\n{fm}---\n"))
    }

    fn when(yaml: &str) -> When {
        When::from_node(&crate::yaml::parse(yaml, 0).unwrap().root.unwrap()).unwrap()
    }

    #[test]
    fn conditions() {
        let d = doc("audience: cto\naudiences: [cto, tous]\n");
        assert!(when("audience: cto").holds(&d));
        assert!(when("audiences: tous").holds(&d));
        assert!(when("audience: [cto, x]").holds(&d));
        assert!(!when("audience: x").holds(&d));
        assert!(when("slug: {exists: false}").holds(&d));
        assert!(when("audience: {not: x}").holds(&d));
        assert!(!when("audience: cto\nslug: {exists: true}").holds(&d));
        // Keys are Hugo's, whatever their case.
        let d = doc("Draft: true\n");
        assert!(!when("draft: {not: true}").holds(&d));
        assert!(when("draft: {exists: true}").holds(&d));
    }

    /// An empty `one of` list would keep the rule from ever running.
    #[test]
    fn an_empty_list_of_values_is_refused() {
        for text in [
            "section: []",
            "section: {one_of: []}",
            "a: x\nsection: {not: {one_of: []}}",
        ] {
            let node = crate::yaml::parse(text, 0).unwrap().root.unwrap();
            let e = When::from_node(&node).err().unwrap();
            assert!(
                e.message.starts_with("an empty list of values"),
                "{}",
                e.message
            );
            assert_eq!(e.span.map(|s| &text[s.start..s.end]), Some("[]"), "{text}");
        }
    }

    #[test]
    fn a_misspelt_condition_is_named() {
        let node = crate::yaml::parse("slug: {exits: true}", 0)
            .unwrap()
            .root
            .unwrap();
        let e = When::from_node(&node).err().unwrap();
        assert!(
            e.message.contains("did you mean `exists`?"),
            "{}",
            e.message
        );
    }
}
