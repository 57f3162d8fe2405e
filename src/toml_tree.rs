//! TOML read into the same spanned tree as YAML ([`crate::yaml::Node`]), so that
//! TOML front matter and the `repere.toml` config are checked, and their
//! errors located, like YAML.

use crate::span::Span;
use crate::yaml::{Node, Value, YamlError};

/// Parses a TOML document found at byte `base` of a file into a spanned mapping.
pub fn parse(text: &str, base: usize) -> Result<Node, YamlError> {
    match ::toml::de::DeTable::parse(text) {
        Ok(table) => {
            let span = table.span();
            let mut fault = None;
            let map = toml_table(table.get_ref(), base, &mut fault);
            match fault {
                Some(fault) => Err(fault),
                None => Ok(Node::new(Span::new(span.start, span.end).offset(base), map)),
            }
        }
        Err(err) => {
            let span = err
                .span()
                .map_or(Span::at(base), |r| Span::new(r.start, r.end).offset(base));
            let message = err.message().trim().to_string();
            Err(YamlError {
                // The parser's own bound on nesting (arrays, inline tables,
                // dotted keys).
                limit: message.contains("recursion"),
                message,
                span,
                open: None,
            })
        }
    }
}

/// `fault` gets the first value TOML cannot hold (an integer out of its
/// 64 bits), which the parser leaves to whoever reads the value.
fn toml_table(
    table: &::toml::de::DeTable<'_>,
    base: usize,
    fault: &mut Option<YamlError>,
) -> Value {
    Value::Map(
        table
            .iter()
            .map(|(k, v)| {
                let ks = k.span();
                let key = Node::new(
                    Span::new(ks.start, ks.end).offset(base),
                    Value::String(k.get_ref().to_string(), false),
                );
                (key, toml_node(v, base, fault))
            })
            .collect(),
    )
}

fn toml_node(
    value: &::toml::Spanned<::toml::de::DeValue<'_>>,
    base: usize,
    fault: &mut Option<YamlError>,
) -> Node {
    use ::toml::de::DeValue;
    let r = value.span();
    let span = Span::new(r.start, r.end).offset(base);
    let v = match value.get_ref() {
        DeValue::String(s) => Value::String(s.to_string(), true),
        DeValue::Integer(i) => {
            let digits: String = i.as_str().chars().filter(|c| *c != '_').collect();
            let digits = digits
                .trim_start_matches("0x")
                .trim_start_matches("0o")
                .trim_start_matches("0b");
            match i64::from_str_radix(digits, i.radix()) {
                Ok(n) => Value::Int(n),
                Err(_) => {
                    fault.get_or_insert(YamlError {
                        message: format!(
                            "`{}` is out of the range of a TOML integer ({} to {})",
                            i.as_str(),
                            i64::MIN,
                            i64::MAX
                        ),
                        span,
                        limit: false,
                        open: None,
                    });
                    Value::String(i.as_str().into(), false)
                }
            }
        }
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse()
            .map_or(Value::String(f.as_str().into(), false), Value::Float),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string(), false),
        DeValue::Array(items) => {
            Value::Seq(items.iter().map(|v| toml_node(v, base, fault)).collect())
        }
        DeValue::Table(t) => toml_table(t, base, fault),
    };
    Node::new(span, v)
}
