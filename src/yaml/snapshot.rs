//! A compact binary form of a parsed YAML document, so that the embedded rule
//! packs are parsed when the binary is built (`build.rs` runs [`super::parse`]
//! on them and [`encode`]s the result) instead of at every start: decoding is
//! a few allocations per node, where parsing the packs' text was the largest
//! part of checking one article.
//!
//! The form is the tree itself, spans included, so that a decoded pack is
//! exactly what parsing its text gives (a test compares them for every
//! embedded pack). [`decode`] never panics and checks everything it reads;
//! on anything it does not expect it returns `None`, and the caller parses
//! the text instead.
//!
//! Layout, integers as LEB128 varints: a header (`MAGIC`), then the
//! document: `0` (empty) or `1` and the root node, then the duplicate keys
//! (count, then key text, span, first span), then `0`, or `1` and the span
//! where a second document starts, then the aliased nodes' spans (count,
//! then each). A node is its span (start, then length),
//! a tag, and the tag's payload.

use super::{DuplicateKey, MAX_DEPTH, Node, Parsed, Value};
use crate::span::Span;

const MAGIC: &[u8; 4] = b"ry3\0";

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const FLOAT: u8 = 4;
const PLAIN: u8 = 5;
const QUOTED: u8 = 6;
const SEQ: u8 = 7;
const MAP: u8 = 8;

/// The binary form of a parsed document.
pub fn encode(parsed: &Parsed) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    match &parsed.root {
        None => out.push(0),
        Some(root) => {
            out.push(1);
            node(root, &mut out);
        }
    }
    uint(parsed.duplicate_keys.len() as u64, &mut out);
    for d in &parsed.duplicate_keys {
        text(&d.key, &mut out);
        span(d.span, &mut out);
        span(d.first, &mut out);
    }
    match parsed.next_document {
        None => out.push(0),
        Some(at) => {
            out.push(1);
            span(at, &mut out);
        }
    }
    uint(parsed.aliased.len() as u64, &mut out);
    for at in &parsed.aliased {
        span(*at, &mut out);
    }
    out
}

fn uint(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn span(s: Span, out: &mut Vec<u8>) {
    uint(s.start as u64, out);
    uint(s.len() as u64, out);
}

fn text(s: &str, out: &mut Vec<u8>) {
    uint(s.len() as u64, out);
    out.extend_from_slice(s.as_bytes());
}

fn node(n: &Node, out: &mut Vec<u8>) {
    span(n.span, out);
    match &n.value {
        Value::Null => out.push(NULL),
        Value::Bool(false) => out.push(FALSE),
        Value::Bool(true) => out.push(TRUE),
        Value::Int(i) => {
            out.push(INT);
            // Zigzag, so that small negative numbers stay short.
            uint(((i << 1) ^ (i >> 63)) as u64, out);
        }
        Value::Float(f) => {
            out.push(FLOAT);
            out.extend_from_slice(&f.to_le_bytes());
        }
        Value::String(s, quoted) => {
            out.push(if *quoted { QUOTED } else { PLAIN });
            text(s, out);
        }
        Value::Seq(items) => {
            out.push(SEQ);
            uint(items.len() as u64, out);
            for item in items {
                node(item, out);
            }
        }
        Value::Map(pairs) => {
            out.push(MAP);
            uint(pairs.len() as u64, out);
            for (k, v) in pairs {
                node(k, out);
                node(v, out);
            }
        }
    }
}

/// The document encoded in `bytes`, or `None` if they are not exactly one
/// document of this form.
pub fn decode(bytes: &[u8]) -> Option<Parsed> {
    let mut r = Reader {
        bytes: bytes.strip_prefix(MAGIC)?,
    };
    let root = match r.byte()? {
        0 => None,
        1 => Some(r.node(0)?),
        _ => return None,
    };
    let count = r.len()?;
    let mut duplicate_keys = Vec::with_capacity(count.min(r.bytes.len()));
    for _ in 0..count {
        duplicate_keys.push(DuplicateKey {
            key: r.text()?,
            span: r.span()?,
            first: r.span()?,
        });
    }
    let next_document = match r.byte()? {
        0 => None,
        1 => Some(r.span()?),
        _ => return None,
    };
    let count = r.len()?;
    let mut aliased = Vec::with_capacity(count.min(r.bytes.len()));
    for _ in 0..count {
        aliased.push(r.span()?);
    }
    r.bytes.is_empty().then_some(Parsed {
        root,
        duplicate_keys,
        next_document,
        aliased,
    })
}

struct Reader<'b> {
    bytes: &'b [u8],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn uint(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A count or length: each item takes at least one byte, so a count over
    /// what is left is an error, found before anything is allocated for it.
    fn len(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?)
            .ok()
            .filter(|n| *n <= self.bytes.len())
    }

    fn span(&mut self) -> Option<Span> {
        let start = usize::try_from(self.uint()?).ok()?;
        let len = usize::try_from(self.uint()?).ok()?;
        Some(Span::new(start, start.checked_add(len)?))
    }

    fn text(&mut self) -> Option<String> {
        let n = self.len()?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn node(&mut self, depth: usize) -> Option<Node> {
        let span = self.span()?;
        let value = match self.byte()? {
            NULL => Value::Null,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => {
                let z = self.uint()?;
                Value::Int(((z >> 1) as i64) ^ -((z & 1) as i64))
            }
            FLOAT => Value::Float(f64::from_le_bytes(self.take(8)?.try_into().ok()?)),
            PLAIN => Value::String(self.text()?, false),
            QUOTED => Value::String(self.text()?, true),
            tag @ (SEQ | MAP) => {
                if depth >= MAX_DEPTH {
                    return None;
                }
                let n = self.len()?;
                if tag == SEQ {
                    let mut items = Vec::with_capacity(n);
                    for _ in 0..n {
                        items.push(self.node(depth + 1)?);
                    }
                    Value::Seq(items)
                } else {
                    let mut pairs = Vec::with_capacity(n);
                    for _ in 0..n {
                        pairs.push((self.node(depth + 1)?, self.node(depth + 1)?));
                    }
                    Value::Map(pairs)
                }
            }
            _ => return None,
        };
        Some(Node { span, value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(yaml: &str) {
        let parsed = super::super::parse(yaml, 3).unwrap();
        assert_eq!(decode(&encode(&parsed)), Some(parsed), "{yaml}");
    }

    #[test]
    fn every_kind_of_value_comes_back() {
        round_trip("");
        round_trip("a: ~\nb: true\nc: false\nd: -7\ne: 123456789012\nf: 1.5\ng: -.inf\n");
        round_trip("s: plain\nq: 'quoted'\nu: « Métier »\nl: [1, [2, {x: y}]]\nm: {}\nn: []\n");
        round_trip("a: 1\na: 2\nb: |\n  block\n  text\n");
        round_trip("- &x {k: v}\n- *x\n");
        round_trip("- a\n---\n- b\n");
    }

    #[test]
    fn nan_comes_back_as_nan() {
        let parsed = super::super::parse("n: .nan", 0).unwrap();
        let root = decode(&encode(&parsed)).unwrap().root.unwrap();
        assert!(matches!(root.get("n").unwrap().value, Value::Float(f) if f.is_nan()));
    }

    #[test]
    fn anything_else_is_refused() {
        let parsed = super::super::parse("a: [1, 2]\nb: text\n", 0).unwrap();
        let bytes = encode(&parsed);
        // Every truncation, and one byte more, is refused.
        for cut in 0..bytes.len() {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);
        assert_eq!(
            decode(b"ry3\0\x01\x00\x00\x09\x00\x00"),
            None,
            "unknown tag"
        );
        // A count larger than the bytes left is refused before allocating.
        assert_eq!(decode(b"ry3\0\x01\x00\x00\x07\xff\xff\xff\xff\x0f"), None);
        // A tree of the forms before the second document's place, then
        // the aliased nodes, were kept.
        assert_eq!(decode(b"ry1\0\x00\x00"), None);
        assert_eq!(decode(b"ry2\0\x00\x00\x00"), None);
    }

    #[test]
    fn nesting_past_the_parser_limit_is_refused() {
        let mut bytes = MAGIC.to_vec();
        bytes.push(1);
        for _ in 0..=MAX_DEPTH {
            bytes.extend_from_slice(&[0, 0, SEQ, 1]);
        }
        bytes.extend_from_slice(&[0, 0, NULL, 0, 0]);
        assert_eq!(decode(&bytes), None);
    }
}
