//! Deserializing typed options out of a spanned [`Node`], so that every error
//! (unknown field, wrong type, missing field) points at the YAML that caused it.

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::{Node, Value};
use crate::span::Span;

/// A deserialization error, with the span of the node it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    pub message: String,
    pub span: Option<Span>,
}

impl Error {
    fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            span: None,
        }
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        de::Error::custom(format!(
            "this is {}; expected {}",
            plain_unexpected(&unexp),
            plain_expected(exp)
        ))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        de::Error::custom(format!(
            "{} is not allowed here; expected {}",
            plain_unexpected(&unexp),
            plain_expected(exp)
        ))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        de::Error::custom(unknown("value", variant, expected))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        de::Error::custom(if expected.is_empty() {
            format!("unknown field `{field}`: this takes no keys")
        } else {
            unknown("field", field, expected)
        })
    }
}

/// "unknown field `requried`; did you mean `required`? (expected one of …)"
fn unknown(what: &str, found: &str, expected: &[&'static str]) -> String {
    let hint = crate::typo::hint(crate::typo::meant_of(found, expected.iter().copied()));
    let known: Vec<String> = expected.iter().map(|f| format!("`{f}`")).collect();
    format!(
        "unknown {what} `{found}`{hint} (expected one of {})",
        known.join(", ")
    )
}

/// What serde says a value is, in the words of a YAML author.
fn plain_unexpected(unexp: &de::Unexpected<'_>) -> String {
    match unexp {
        de::Unexpected::Unit => {
            "empty (no value after the `:`, or a key whose options are not indented under it)"
                .to_string()
        }
        de::Unexpected::Str(s) => format!("the text `{s}`"),
        de::Unexpected::Seq => "a list".to_string(),
        de::Unexpected::Map => "a mapping (`key: value` lines)".to_string(),
        de::Unexpected::Signed(i) => format!("the number {i}"),
        de::Unexpected::Unsigned(i) => format!("the number {i}"),
        de::Unexpected::Float(f) => format!("the number {f}"),
        de::Unexpected::Bool(b) => format!("`{b}`"),
        other => other.to_string(),
    }
}

/// What serde expected, without Rust's type names.
fn plain_expected(exp: &dyn de::Expected) -> String {
    let text = exp.to_string();
    match text.as_str() {
        "u8" => "a whole number from 0 to 255".to_string(),
        "u16" => "a whole number from 0 to 65535".to_string(),
        "usize" | "u32" | "u64" => "a whole number, 0 or more".to_string(),
        "isize" | "i8" | "i16" | "i32" | "i64" => "a whole number".to_string(),
        "f32" | "f64" => "a number".to_string(),
        "a boolean" => "`true` or `false`".to_string(),
        "a sequence" => "a list (e.g. `[a, b]`, or one `- item` per line)".to_string(),
        "a map" => "a mapping (`key: value` lines)".to_string(),
        "a string" | "a borrowed string" => "a text".to_string(),
        _ if text.starts_with("struct ") || text.starts_with("a map ") => {
            "a mapping of options (`key: value` lines)".to_string()
        }
        _ => text,
    }
}

/// Deserializes `T` from `node`.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, Error> {
    T::deserialize(node).map_err(|e| e.at(node.span))
}

macro_rules! forward_to_any {
    ($($method:ident)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_any(visitor)
        })*
    };
}

impl<'de> de::Deserializer<'de> for &'de Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let result = match &self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::String(s, _) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(SeqAccess {
                items: items.iter(),
            }),
            Value::Map(pairs) => visitor.visit_map(MapAccess {
                pairs: pairs.iter(),
                value: None,
            }),
        };
        result.map_err(|e| e.at(self.span))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.value {
            Value::String(..) | Value::Seq(_) | Value::Map(_) | Value::Null => {
                self.deserialize_any(visitor)
            }
            _ => {
                let text = self.scalar_text().unwrap_or_default();
                visitor
                    .visit_string(text)
                    .map_err(|e: Error| e.at(self.span))
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.value {
            Value::String(s, _) => visitor
                .visit_enum(s.as_str().into_deserializer())
                .map_err(|e: Error| e.at(self.span)),
            _ => Err(<Error as de::Error>::invalid_type(unexpected(self), &visitor).at(self.span)),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_any! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32
        deserialize_f64 deserialize_char deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_seq deserialize_map deserialize_identifier
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }
}

fn unexpected(node: &Node) -> de::Unexpected<'_> {
    match &node.value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Int(i) => de::Unexpected::Signed(*i),
        Value::Float(f) => de::Unexpected::Float(*f),
        Value::String(s, _) => de::Unexpected::Str(s),
        Value::Seq(_) => de::Unexpected::Seq,
        Value::Map(_) => de::Unexpected::Map,
    }
}

struct SeqAccess<'de> {
    items: std::slice::Iter<'de, Node>,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            None => Ok(None),
            Some(node) => seed
                .deserialize(node)
                .map(Some)
                .map_err(|e| e.at(node.span)),
        }
    }
}

struct MapAccess<'de> {
    pairs: std::slice::Iter<'de, (Node, Node)>,
    value: Option<&'de Node>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.pairs.next() {
            None => Ok(None),
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(key).map(Some).map_err(|e| e.at(key.span))
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(node) => seed.deserialize(node).map_err(|e| e.at(node.span)),
            None => Err(de::Error::custom("value without a key")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Opts {
        name: String,
        #[serde(default)]
        count: u32,
        tags: Option<Vec<String>>,
    }

    fn parse(text: &str) -> Node {
        crate::yaml::parse(text, 0).unwrap().root.unwrap()
    }

    #[test]
    fn reads_typed_options() {
        let node = parse("name: x\ncount: 3\ntags: [a, b]\n");
        let o: Opts = from_node(&node).unwrap();
        assert_eq!((o.name.as_str(), o.count), ("x", 3));
        assert_eq!(o.tags.unwrap(), ["a", "b"]);
    }

    #[test]
    fn unknown_field_points_at_the_key() {
        let text = "name: x\ncolor: red\n";
        let err = from_node::<Opts>(&parse(text)).unwrap_err();
        assert!(
            err.message.contains("unknown field `color`"),
            "{}",
            err.message
        );
        let span = err.span.unwrap();
        assert_eq!(&text[span.start..span.end], "color");
    }

    /// Messages speak YAML, not Rust, and name the key a slip was meant for.
    #[test]
    fn messages_speak_yaml() {
        let err = from_node::<Opts>(&parse("name: x\ncuont: 3\n")).unwrap_err();
        assert!(
            err.message
                .starts_with("unknown field `cuont`; did you mean `count`? (expected one of `name`, `count`, `tags`)"),
            "{}",
            err.message
        );
        #[derive(Debug, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        enum Scope {
            Article,
            Corpus,
        }
        let err = from_node::<Scope>(&parse("corpsu")).unwrap_err();
        assert_eq!(
            err.message,
            "unknown value `corpsu`; did you mean `corpus`? (expected one of `article`, `corpus`)"
        );
        let err = from_node::<u8>(&parse("300")).unwrap_err();
        assert!(
            err.message
                .ends_with("expected a whole number from 0 to 255"),
            "{}",
            err.message
        );
        for (text, needle) in [
            ("name: x\ncount: -1\n", "expected a whole number, 0 or more"),
            (
                "name: x\ncount: many\n",
                "this is the text `many`; expected a whole number, 0 or more",
            ),
            ("name: x\ntags: a\n", "expected a list"),
            ("name:\n", "this is empty"),
        ] {
            let err = from_node::<Opts>(&parse(text)).unwrap_err();
            assert!(err.message.contains(needle), "{text}: {}", err.message);
            for rust in ["usize", "u32", "struct", "sequence", "unit value"] {
                assert!(!err.message.contains(rust), "{text}: {}", err.message);
            }
        }
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let text = "name: x\ncount: many\n";
        let err = from_node::<Opts>(&parse(text)).unwrap_err();
        let span = err.span.unwrap();
        assert_eq!(&text[span.start..span.end], "many");
    }
}
