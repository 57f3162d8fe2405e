//! A spanned YAML tree, built from saphyr-parser's events.
//!
//! saphyr-parser is the maintained, panic-free successor of yaml-rust that
//! serde_yaml's deprecation left: it gives every event a position. Building the
//! tree here (rather than through a generic loader) lets us bound what hostile
//! input can cost (nesting depth, alias expansion) and report duplicate keys.

pub mod de;
pub mod snapshot;

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::span::Span;

/// Deepest nesting of sequences and mappings accepted.
pub const MAX_DEPTH: usize = 64;
/// Most nodes a document may hold once aliases are expanded.
pub const MAX_NODES: usize = 100_000;

/// A YAML value with the byte span it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string, with whether it was quoted or a block scalar in the source.
    String(String, bool),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    pub fn new(span: Span, value: Value) -> Self {
        Node { span, value }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s, _) => Some(s),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(pairs) => Some(pairs),
            _ => None,
        }
    }

    /// The entry of a mapping whose key is the string `key`.
    pub fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        self.as_map()?.iter().find(|(k, _)| k.as_str() == Some(key))
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The value as plain text when it is a scalar (`None` for collections and null).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::String(s, _) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            _ => None,
        }
    }

    /// A short name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::String(..) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// Levels of collections: 0 for a scalar.
    fn depth(&self) -> usize {
        match &self.value {
            Value::Seq(items) => 1 + items.iter().map(Node::depth).max().unwrap_or(0),
            Value::Map(pairs) => {
                1 + pairs
                    .iter()
                    .map(|(k, v)| k.depth().max(v.depth()))
                    .max()
                    .unwrap_or(0)
            }
            _ => 0,
        }
    }

    fn size(&self) -> usize {
        match &self.value {
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(pairs) => {
                1 + pairs
                    .iter()
                    .map(|(k, v)| k.size() + v.size())
                    .sum::<usize>()
            }
            _ => 1,
        }
    }
}

/// A key written twice in one mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateKey {
    pub key: String,
    pub span: Span,
    pub first: Span,
}

/// The result of parsing one YAML document.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// `None` for an empty document.
    pub root: Option<Node>,
    pub duplicate_keys: Vec<DuplicateKey>,
    /// Where a second document of the stream starts (its `---`, or what
    /// follows a `...`), which is not read: `None` when the text holds one
    /// document.
    pub next_document: Option<Span>,
    /// The nodes an alias (`*a`, a merge key's `<<: *a` too) repeats, where
    /// they are written (their anchor's node), in order: an edit of one
    /// changes its copies too.
    pub aliased: Vec<Span>,
}

/// Why a YAML text could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
    /// The text may be valid, but it is over a limit set against hostile
    /// input (nesting depth, alias expansion).
    pub limit: bool,
    /// The `[` or `{` of a flow collection still open at the error, when it
    /// is on an earlier line: often the real mistake (a missing `]`).
    pub open: Option<Span>,
}

/// Maps the parser's character indices to byte offsets of the whole file.
struct Offsets<'t> {
    text: &'t str,
    base: usize,
    /// Byte offset of every [`Offsets::STEP`]-th character, when the text is
    /// not pure ASCII (a full table would cost 8 bytes per character).
    checkpoints: Option<Vec<usize>>,
}

impl<'t> Offsets<'t> {
    const STEP: usize = 16;

    fn new(text: &'t str, base: usize) -> Self {
        let checkpoints = (!text.is_ascii()).then(|| {
            text.char_indices()
                .step_by(Self::STEP)
                .map(|(i, _)| i)
                .collect()
        });
        Offsets {
            text,
            base,
            checkpoints,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let len = self.text.len();
        let local = match &self.checkpoints {
            None => char_index.min(len),
            Some(table) => match table.get(char_index / Self::STEP) {
                None => len,
                Some(&from) => self
                    .text
                    .get(from..)
                    .and_then(|rest| rest.char_indices().nth(char_index % Self::STEP))
                    .map_or(len, |(i, _)| from + i),
            },
        };
        self.base + local
    }

    fn span(&self, span: saphyr_parser::Span) -> Span {
        let start = self.byte(span.start.index());
        Span::new(start, self.byte(span.end.index()).max(start))
    }
}

enum Frame {
    Seq {
        span: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        span: Span,
        anchor: usize,
        pairs: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: HashMap<String, Span>,
    },
}

/// Where a scalar spanning `span` of the file (whose YAML is `text`, from
/// byte `base`) starts after its anchor and tag, if written: `&a Foo`
/// starts at `Foo`. A token and the spaces after it are skipped, twice at
/// most (an anchor and a tag); never past the scalar's end.
fn after_properties(text: &str, base: usize, span: Span) -> usize {
    let bytes = text.as_bytes();
    let end = span.end.saturating_sub(base).min(bytes.len());
    let mut at = span.start.saturating_sub(base).min(end);
    for _ in 0..2 {
        if !matches!(bytes.get(at), Some(b'&' | b'!')) || at >= end {
            break;
        }
        let token = bytes[at..end]
            .iter()
            .position(|b| b.is_ascii_whitespace())
            .map_or(end, |i| at + i);
        let value = bytes[token..end]
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .map_or(end, |i| token + i);
        if value >= end {
            // Nothing after the properties: keep the span as it was.
            return span.start;
        }
        at = value;
    }
    base + at
}

/// Where the quoted scalar spanning `span` of the file (whose YAML is
/// `text`, from byte `base`) ends: after the quote that closes the one it
/// starts with (`\"` in double quotes and `''` in single quotes close
/// nothing). The span's end when it holds no closing quote.
fn quoted_end(text: &str, base: usize, span: Span) -> usize {
    let bytes = text.as_bytes();
    let end = span.end.saturating_sub(base).min(bytes.len());
    let start = span.start.saturating_sub(base);
    let Some(&quote @ (b'"' | b'\'')) = bytes.get(start) else {
        return span.end;
    };
    let mut i = start + 1;
    while i < end {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return base + i + 1,
            _ => i += 1,
        }
    }
    span.end
}

/// Parses `text`, the YAML found at byte `base` of a file, into a spanned tree.
/// Only the first document of a stream is read; where a second one starts
/// is [`Parsed::next_document`].
///
/// Go's YAML readers (Hugo's) read a quoted scalar or a flow collection
/// whose lines go on at the key's indentation or less (`description: "…`
/// then `se préparer…"` at column 0, or `tags: [` … `]`), which YAML 1.2
/// and saphyr refuse: such lines are read indented by one space more (the
/// same value: a quoted scalar's line breaks fold with the spaces around
/// them, and spaces separate the items of a flow collection), the spans
/// taken back to the text as written.
pub fn parse(text: &str, base: usize) -> Result<Parsed, YamlError> {
    let first = parse_as_written(text, base);
    let Err(error) = &first else {
        return first;
    };
    if short_lines(text, base, error).is_empty() {
        return first;
    }
    let mut patched = text.to_string();
    // Where the spaces were added, as bytes of `patched` (from `base`),
    // sorted.
    let mut added: Vec<usize> = Vec::new();
    // A round per construct left short (one inside another's lines).
    for _ in 0..MAX_ROUNDS {
        let read = parse_as_written(&patched, base);
        let lines = match &read {
            Err(e) => short_lines(&patched, base, e),
            Ok(_) => Vec::new(),
        };
        if lines.is_empty() {
            let back = |p: usize| p - added.partition_point(|&a| a < p);
            return match read {
                Ok(mut parsed) => {
                    parsed.unshift(&back);
                    Ok(parsed)
                }
                // Another error, further on: that one is what Hugo stops at.
                Err(mut e) => {
                    e.span = Span::new(back(e.span.start), back(e.span.end));
                    e.open = e.open.map(|o| Span::new(back(o.start), back(o.end)));
                    Err(e)
                }
            };
        }
        // The text again with the spaces, and where all the added ones are
        // now, in one pass.
        let mut next = String::with_capacity(patched.len() + lines.len());
        let mut moved = Vec::with_capacity(added.len() + lines.len());
        let mut old = added.iter().copied().peekable();
        let mut from = 0;
        let mut shift = 0;
        for &(line, count) in &lines {
            let local = line - base;
            while let Some(a) = old.next_if(|&a| a < line) {
                moved.push(a + shift);
            }
            next.push_str(&patched[from..local]);
            moved.extend((0..count).map(|k| line + shift + k));
            next.extend(std::iter::repeat_n(' ', count));
            shift += count;
            from = local;
        }
        next.push_str(&patched[from..]);
        moved.extend(old.map(|a| a + shift));
        patched = next;
        added = moved;
    }
    first
}

/// Most rounds of [`parse`] indenting the lines a construct leaves short.
const MAX_ROUNDS: usize = 8;

/// The lines that error `e` finds short of indentation, when it is one
/// Go's YAML readers read past, each as the byte of the file where it
/// starts and the spaces it needs, in order: in a quoted scalar (whose
/// start the error names) that closes, or in the flow collection left open
/// on an earlier line, that closes, the lines indented no more than the
/// key or item the scalar or collection is the value of. None for a quote
/// or bracket that does not close where a value may end: that is the error.
fn short_lines(text: &str, base: usize, e: &YamlError) -> Vec<(usize, usize)> {
    let (open, quoted) = match (e.message.as_str(), e.open) {
        ("invalid indentation in quoted scalar", _) => (e.span.start, true),
        ("invalid indentation", Some(open)) => (open.start, false),
        _ => return Vec::new(),
    };
    // Each line costs little, but not for a front matter larger than any
    // article's (64 KiB).
    let Some(at) = open
        .checked_sub(base)
        .filter(|&a| a < text.len() && text.len() <= 1 << 16)
    else {
        return Vec::new();
    };
    let bytes = text.as_bytes();
    let line_start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |n| n + 1);
    // The column of the key or item: after the spaces and the `- ` of
    // block sequences that open the line.
    let mut own = line_start;
    loop {
        while bytes.get(own) == Some(&b' ') {
            own += 1;
        }
        match (bytes.get(own), bytes.get(own + 1)) {
            (Some(b'-'), Some(b' ')) => own += 2,
            _ => break,
        }
    }
    let own = own - line_start;
    let Some(end) = closing(text, at, quoted) else {
        return Vec::new();
    };
    // What may follow a value: the end of its line, a comment, or what
    // goes on in a flow collection.
    let rest = text.get(end..).unwrap_or("");
    let line_rest = rest.split('\n').next().unwrap_or("").trim();
    if !(line_rest.is_empty() || line_rest.starts_with(['#', ',', ']', '}'])) {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut i = at;
    while let Some(n) = text.get(i..end).and_then(|t| t.find('\n')) {
        i += n + 1;
        let line = text.get(i..).unwrap_or("");
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line[indent..].starts_with(['\n', '\r']) || indent == line.len();
        if i < end && !blank && indent <= own {
            lines.push((base + i, own + 1 - indent));
        }
    }
    lines
}

/// The end (past its last byte) of the quoted scalar or flow collection
/// opening at byte `at` of `text`: its closing quote, or the bracket that
/// closes it outside quotes. `None` when it does not close.
fn closing(text: &str, at: usize, quoted: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    if quoted {
        let end = quoted_end(text, 0, Span::new(at, text.len()));
        return (end < text.len() || bytes.get(end - 1) == bytes.get(at))
            .then_some(end)
            .filter(|&e| e > at + 1);
    }
    let mut depth = 0usize;
    let mut i = at;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            // A quote that starts a value (after `[`, `{`, `,` or `:`);
            // one inside a word (`l'équipe`) is text.
            b'"' | b'\''
                if matches!(
                    text[..i].trim_end().bytes().next_back(),
                    Some(b'[' | b'{' | b',' | b':')
                ) =>
            {
                let end = quoted_end(text, 0, Span::new(i, text.len()));
                if end <= i + 1 {
                    return None;
                }
                i = end;
                continue;
            }
            b'#' if i > 0 && matches!(bytes[i - 1], b' ' | b'\n') => {
                i += text[i..].find('\n').unwrap_or(text.len() - i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

impl Parsed {
    /// Takes the spans of a parse of a text with spaces added back to the
    /// text as written, `back` mapping a byte of one to the other.
    fn unshift(&mut self, back: &dyn Fn(usize) -> usize) {
        let span = |s: &mut Span| *s = Span::new(back(s.start), back(s.end));
        fn walk(node: &mut Node, span: &dyn Fn(&mut Span)) {
            span(&mut node.span);
            match &mut node.value {
                Value::Seq(items) => items.iter_mut().for_each(|n| walk(n, span)),
                Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
                    walk(k, span);
                    walk(v, span);
                }),
                _ => {}
            }
        }
        if let Some(root) = &mut self.root {
            walk(root, &span);
        }
        for d in &mut self.duplicate_keys {
            span(&mut d.span);
            span(&mut d.first);
        }
        if let Some(next) = &mut self.next_document {
            span(next);
        }
    }
}

fn parse_as_written(text: &str, base: usize) -> Result<Parsed, YamlError> {
    let offsets = Offsets::new(text, base);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut aliased: Vec<Span> = Vec::new();
    let mut duplicates = Vec::new();
    let mut nodes = 0usize;
    let mut root: Option<Node> = None;
    let mut started = false;
    // Whether the first document was read to its end, so that what follows
    // it may be another.
    let mut ended = false;
    let mut next_document = None;

    let mut events = Parser::new_from_str(text);
    for event in events.by_ref() {
        let (event, span) = event.map_err(|e| {
            let mut at = offsets.byte(e.marker().index());
            if e.info().contains("recursion limit") {
                // The parser reads ahead: its mark may lie far past where
                // the nesting went over the limit.
                let local = at.saturating_sub(base);
                let over = flow_over_limit(text.get(..local).unwrap_or(text));
                return too_deep(Span::at(over.map_or(at, |i| base + i)));
            }
            // "while scanning a plain scalar, found a tab": the mark is where
            // the scalar starts; the tab, the culprit, is the first one after.
            if e.info().contains("found a tab") {
                let local = at.saturating_sub(base);
                if let Some(tab) = text
                    .as_bytes()
                    .get(local..)
                    .and_then(|rest| memchr::memchr(b'\t', rest))
                {
                    at = base + local + tab;
                }
            }
            let mut message = e.info().to_string();
            // Some messages do not say that the culprit is a tab (at the
            // error or just before it).
            let local = at.saturating_sub(base);
            let near = text.as_bytes().get(local.saturating_sub(1)..=local);
            if !message.contains("tab") && near.is_some_and(|b| b.contains(&b'\t')) {
                message.push_str(" (a tab is there: YAML separates with spaces)");
            }
            YamlError {
                message,
                span: Span::new(at, at),
                limit: false,
                open: open_flow(&stack, text, base, at),
            }
        })?;
        let mut span = offsets.span(span);
        if matches!(event, Event::Scalar(..)) {
            // The parser's scalar spans can run over the spaces that follow.
            let local = &text.as_bytes()[..span.end.saturating_sub(base).min(text.len())];
            let trailing = local
                .iter()
                .rev()
                .take_while(|b| matches!(b, b' ' | b'\t'))
                .count();
            // `trailing` counts bytes of `local`, which ends at `span.end`.
            span.end = (span.end - trailing).max(span.start);
            // They can start at its anchor or tag (`&a Foo`, `!!str 1`),
            // which no scalar starts with: the value starts after them.
            span.start = after_properties(text, base, span);
            // A quoted one's can run over a comment after it (`"false" #
            // note`): it ends at its closing quote.
            if let Event::Scalar(_, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted, ..) =
                &event
            {
                span.end = quoted_end(text, base, span);
            }
        }
        let complete = match event {
            Event::DocumentStart(_) => {
                if started {
                    next_document = Some(span);
                    break;
                }
                started = true;
                None
            }
            Event::DocumentEnd => {
                if started {
                    ended = true;
                    break;
                }
                None
            }
            Event::StreamEnd => {
                if started {
                    break;
                }
                None
            }
            Event::StreamStart | Event::Nothing => None,
            Event::Scalar(text, style, anchor, tag) => {
                let tagged_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = resolve_scalar(&text, style, tagged_str);
                let node = Node::new(span, value);
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                Some(node)
            }
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id) else {
                    return Err(YamlError {
                        message: "alias to an unknown anchor".into(),
                        span,
                        limit: false,
                        open: None,
                    });
                };
                aliased.push(node.span);
                nodes += node.size();
                if nodes > MAX_NODES {
                    return Err(too_many(span));
                }
                // An alias inside nested collections must not make the tree
                // deeper than the limit (aliases of aliases would otherwise
                // deepen it without end, and walking it would overflow).
                if stack.len() + node.depth() > MAX_DEPTH {
                    return Err(too_deep(span));
                }
                Some(Node::new(span, node.value.clone()))
            }
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(span));
                }
                stack.push(Frame::Seq {
                    span,
                    anchor,
                    items: Vec::new(),
                });
                None
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(too_deep(span));
                }
                stack.push(Frame::Map {
                    span,
                    anchor,
                    pairs: Vec::new(),
                    key: None,
                    seen: HashMap::new(),
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq {
                    span: start,
                    anchor,
                    items,
                }) => {
                    let end = items.last().map_or(start.end, |n| n.span.end);
                    let end = flow_end(text, base, start, span, b']').unwrap_or(end);
                    let node = Node::new(Span::new(start.start, end), Value::Seq(items));
                    if anchor > 0 {
                        anchors.insert(anchor, node.clone());
                    }
                    Some(node)
                }
                Some(Frame::Map {
                    span: start,
                    anchor,
                    pairs,
                    ..
                }) => {
                    let end = pairs.last().map_or(start.end, |(_, v)| v.span.end);
                    let pairs = merged(pairs);
                    let end = flow_end(text, base, start, span, b'}').unwrap_or(end);
                    let node = Node::new(Span::new(start.start, end), Value::Map(pairs));
                    if anchor > 0 {
                        anchors.insert(anchor, node.clone());
                    }
                    Some(node)
                }
                None => None,
            },
        };
        let Some(node) = complete else { continue };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(too_many(node.span));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                pairs, key, seen, ..
            }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let Some(name) = k.scalar_text() {
                        if let Some(first) = seen.get(&name) {
                            duplicates.push(DuplicateKey {
                                key: name,
                                span: k.span,
                                first: *first,
                            });
                        } else {
                            seen.insert(name, k.span);
                        }
                    }
                    pairs.push((k, node));
                }
            },
        }
    }
    // The event after the first document: the end of the stream, or another
    // document (a mistake in what follows is a sign of one too).
    if ended {
        next_document = match events.next() {
            None | Some(Ok((Event::StreamEnd, _))) => None,
            Some(Ok((_, span))) => Some(offsets.span(span)),
            Some(Err(e)) => Some(Span::at(offsets.byte(e.marker().index()))),
        };
    }
    aliased.sort_unstable_by_key(|s| (s.start, s.end));
    aliased.dedup();
    Ok(Parsed {
        root,
        duplicate_keys: duplicates,
        next_document,
        aliased,
    })
}

/// A mapping's pairs with its merge keys applied (`<<: *base`, or
/// `<<: [*a, *b]`), as Hugo's YAML readers do: the merged mappings' keys
/// that the mapping does not set itself take the place of the `<<` entry
/// (an earlier merged mapping wins over a later one), with their spans where
/// they are written. A `<<` whose value is not a mapping (or a list of
/// them) is left as it is.
fn merged(pairs: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    let is_merge = |k: &Node| matches!(&k.value, Value::String(s, false) if s == "<<");
    let sources = |v: &Node| -> Option<Vec<Node>> {
        match &v.value {
            Value::Map(_) => Some(vec![v.clone()]),
            Value::Seq(items) if items.iter().all(|i| i.as_map().is_some()) => Some(items.clone()),
            _ => None,
        }
    };
    if !pairs
        .iter()
        .any(|(k, v)| is_merge(k) && sources(v).is_some())
    {
        return pairs;
    }
    let own: std::collections::HashSet<String> = pairs
        .iter()
        .filter(|(k, _)| !is_merge(k))
        .filter_map(|(k, _)| k.scalar_text())
        .collect();
    let mut taken: std::collections::HashSet<String> = own.clone();
    let mut out = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        let Some(maps) = is_merge(&k).then(|| sources(&v)).flatten() else {
            out.push((k, v));
            continue;
        };
        for map in maps {
            for (mk, mv) in map.as_map().unwrap_or_default() {
                match mk.scalar_text() {
                    Some(name) if taken.contains(&name) => {}
                    Some(name) => {
                        taken.insert(name);
                        out.push((mk.clone(), mv.clone()));
                    }
                    None => out.push((mk.clone(), mv.clone())),
                }
            }
        }
    }
    out
}

/// Where flow brackets (`[`, `{`) outside quotes first nest deeper than
/// [`MAX_DEPTH`] in `text`, if they do.
fn flow_over_limit(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, b) in text.bytes().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'[' | b'{') => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            (None, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

fn too_deep(span: Span) -> YamlError {
    YamlError {
        message: format!("nesting deeper than {MAX_DEPTH} levels"),
        span,
        limit: true,
        open: None,
    }
}

fn too_many(span: Span) -> YamlError {
    YamlError {
        message: format!("more than {MAX_NODES} keys and values (aliases expanded)"),
        span,
        limit: true,
        open: None,
    }
}

/// The end of a flow collection (`[a, b]`, `{k: v}`) opened at `start`:
/// just after the `close` bracket the end event `end` is at, so that the
/// collection's span takes in its brackets. `None` for a block collection
/// (its end event lies where the next thing starts).
fn flow_end(text: &str, base: usize, start: Span, end: Span, close: u8) -> Option<usize> {
    let byte = |at: usize| {
        at.checked_sub(base)
            .and_then(|i| text.as_bytes().get(i).copied())
    };
    let open = if close == b']' { b'[' } else { b'{' };
    (byte(start.start) == Some(open) && byte(end.start) == Some(close)).then_some(end.start + 1)
}

/// The opening bracket of the innermost flow collection (`[…]`, `{…}`)
/// still open at byte `at`, when it is on an earlier line than `at`.
fn open_flow(stack: &[Frame], text: &str, base: usize, at: usize) -> Option<Span> {
    // A flow sequence starts at its `[`, a flow mapping at its `{`; a block
    // mapping whose first key is a flow collection starts there too.
    let start = stack.iter().rev().find_map(|frame| {
        let (span, bracket) = match frame {
            Frame::Seq { span, .. } => (*span, b'['),
            Frame::Map {
                span, pairs, key, ..
            } => {
                let first = pairs.first().map(|(k, _)| k).or(key.as_ref());
                if first.is_some_and(|k| k.span.start == span.start) {
                    return None;
                }
                (*span, b'{')
            }
        };
        let local = span.start.checked_sub(base)?;
        (text.as_bytes().get(local) == Some(&bracket)).then_some(span.start)
    })?;
    let between = text.get(start - base..at.checked_sub(base)?)?;
    between.contains('\n').then(|| Span::new(start, start + 1))
}

/// Resolves a scalar by the YAML 1.2 core schema.
/// What `text` written as a plain (unquoted) scalar reads as.
pub fn plain_scalar(text: &str) -> Value {
    resolve_scalar(text, ScalarStyle::Plain, false)
}

fn resolve_scalar(text: &str, style: ScalarStyle, tagged_str: bool) -> Value {
    if style != ScalarStyle::Plain || tagged_str {
        return Value::String(text.to_string(), true);
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if let Some(i) = parse_int(text) {
        return Value::Int(i);
    }
    if looks_like_float(text)
        && let Ok(f) = text.parse::<f64>()
    {
        return Value::Float(f);
    }
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        _ => Value::String(text.to_string(), false),
    }
}

fn parse_int(text: &str) -> Option<i64> {
    if let Some(hex) = text.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16).ok();
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return i64::from_str_radix(oct, 8).ok();
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    None
}

fn looks_like_float(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    !t.is_empty()
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_the_flow_bracket_left_open_on_an_earlier_line() {
        fn open(text: &str) -> Option<(usize, &str)> {
            let err = parse(text, 4).unwrap_err();
            err.open
                .map(|s| (s.start - 4, &text[s.start - 4..s.end - 4]))
        }
        assert_eq!(open("a: 1\ntags: [x, y\nb: 2\n"), Some((11, "[")));
        assert_eq!(open("a: {k: [1, 2]\nb: 2\n"), Some((3, "{")));
        assert_eq!(open("a: [x, {k: v\nb: 2\n"), Some((7, "{")));
        // Nothing open, or open on the line of the error: nothing to add.
        assert_eq!(open("a: \"x\nb\n c: d\n"), None);
        assert_eq!(open("a: [x, y: z: w]\n"), None);
        assert_eq!(open("- x\n y: z\n"), None);
        // A block mapping whose first key is a closed flow sequence.
        assert_eq!(open("[a, b]: 1\nc: 2\n  d: 3\n"), None);
        assert_eq!(open("{a: 1}: 1\nc: 2\n  d: 3\n"), None);
    }

    /// Lines of a quoted scalar or flow collection that go on at column 0,
    /// which Go's YAML readers (Hugo's) take and YAML 1.2 does not: read
    /// as Hugo reads them, with spans of the text as written.
    #[test]
    fn lines_that_go_on_at_the_key_s_indentation_are_read_as_go_reads_them() {
        let text = "title: t\ntags: [\n  \"a\",\n  \"b\"\n]\ndescription: \"un\ndeux\"\nx:\n  d: 'trois\n  quatre'\nslug: fin\n";
        let parsed = parse(text, 4).unwrap();
        let root = parsed.root.unwrap();
        let at = |n: &Node| &text[n.span.start - 4..n.span.end - 4];
        let tags = root.get("tags").unwrap();
        assert_eq!(at(tags), "[\n  \"a\",\n  \"b\"\n]");
        assert_eq!(at(&tags.as_seq().unwrap()[1]), "\"b\"");
        let description = root.get("description").unwrap();
        assert_eq!(description.as_str(), Some("un deux"));
        assert_eq!(at(description), "\"un\ndeux\"");
        let d = root.get("x").unwrap().get("d").unwrap();
        assert_eq!(
            (d.as_str(), at(d)),
            (Some("trois quatre"), "'trois\n  quatre'")
        );
        assert_eq!(at(root.get("slug").unwrap()), "fin");
        // An error further on is still one, at its place in the text.
        let text = "description: \"un\ndeux\"\ntags: [a\nb: 1\n";
        let err = parse(text, 0).unwrap_err();
        assert!(err.span.start > text.find("tags").unwrap(), "{err:?}");
        // A quote never closed is not read on to the end.
        assert!(parse("description: \"un\ndeux\ntags: [a]\n", 0).is_err());
        // Under a sequence's item, at the key's column.
        let root = parse("resources:\n- title: \"Un long\n  titre\"\n", 0)
            .unwrap()
            .root
            .unwrap();
        let item = &root.get("resources").unwrap().as_seq().unwrap()[0];
        assert_eq!(item.get("title").unwrap().as_str(), Some("Un long titre"));
        // Many lines, and under nested keys, in one go.
        let many: String = (0..200).map(|i| format!("\"t{i}\",\n")).collect();
        let text = format!("params:\n  seo:\n    keywords: [\n{many}\"fin\"\n]\nslug: x\n");
        let root = parse(&text, 0).unwrap().root.unwrap();
        let keywords = root
            .get("params")
            .unwrap()
            .get("seo")
            .unwrap()
            .get("keywords");
        assert_eq!(keywords.unwrap().as_seq().unwrap().len(), 201);
        assert_eq!(root.get("slug").unwrap().span, {
            let at = text.find("slug: x").unwrap() + 6;
            Span::new(at, at + 1)
        });
        let lines: String = (0..20_000).map(|_| "y\n").collect();
        let text = format!("k0:\n  k1:\n    k2:\n      d: \"x\n{lines}z\"\n");
        let started = std::time::Instant::now();
        assert!(parse(&text, 0).is_ok());
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // Another error is told as it is, where it is.
        for text in ["seq:\n&anchor\n- a\n- b\n", "a:\n  b: 1\n c: 2\n"] {
            assert_eq!(parse(text, 0), parse_as_written(text, 0), "{text}");
        }
    }

    #[test]
    fn a_flow_collection_spans_its_brackets() {
        let text = "a: [x, [y], {k: v}]\nb: {k: [1]}\nc: []\nd: {}\ne:\n  - x\n  - y\n\n";
        let root = parse(text, 0).unwrap().root.unwrap();
        let at = |n: &Node| &text[n.span.start..n.span.end];
        assert_eq!(at(root.get("a").unwrap()), "[x, [y], {k: v}]");
        let a = root.get("a").unwrap().as_seq().unwrap();
        assert_eq!((at(&a[1]), at(&a[2])), ("[y]", "{k: v}"));
        assert_eq!(at(root.get("b").unwrap()), "{k: [1]}");
        assert_eq!(at(root.get("c").unwrap()), "[]");
        assert_eq!(at(root.get("d").unwrap()), "{}");
        // A block collection ends with its last item.
        assert_eq!(at(root.get("e").unwrap()), "- x\n  - y");
        // A block mapping whose first key is a flow collection.
        for text in ["{a: 1}: 1\nc: {d: 2}\n", "[a]: 1\nc: [2]\n"] {
            let root = parse(text, 0).unwrap().root.unwrap();
            assert_eq!(
                &text[root.span.start..root.span.end],
                text.trim_end(),
                "{text}"
            );
        }
    }

    #[test]
    fn spans_are_bytes_of_the_file() {
        let text = "titre: 'Métiers'\npillar: trouver-sa-place\n";
        let parsed = parse(text, 4).unwrap();
        let root = parsed.root.unwrap();
        let (k, v) = root.entry("pillar").unwrap();
        let file = format!("----{text}");
        assert_eq!(&file[k.span.start..k.span.end], "pillar");
        assert_eq!(&file[v.span.start..v.span.end], "trouver-sa-place");
    }

    #[test]
    fn a_scalar_spans_its_value_not_its_anchor_or_tag() {
        let text = "a: [&t Foo, bar]\nb: &x Bonjour\nc: !!str 12\nd: &q \"cité\"\ne: &y !!str v\n&k f: g\nh: &n\n";
        let root = parse(text, 3).unwrap().root.unwrap();
        let file = format!("---{text}");
        let at = |n: &Node| &file[n.span.start..n.span.end];
        let a = root.get("a").unwrap().as_seq().unwrap();
        assert_eq!((at(&a[0]), at(&a[1])), ("Foo", "bar"));
        assert_eq!(at(root.get("b").unwrap()), "Bonjour");
        assert_eq!(at(root.get("c").unwrap()), "12");
        assert_eq!(at(root.get("d").unwrap()), "\"cité\"");
        assert_eq!(at(root.get("e").unwrap()), "v");
        let (k, v) = root.entry("f").unwrap();
        assert_eq!((at(k), at(v)), ("f", "g"));
        // An empty value with an anchor is where it is written.
        let h = root.get("h").unwrap();
        assert_eq!(h.value, Value::Null);
        assert!(h.span.start <= h.span.end && h.span.end <= file.len());
    }

    /// A quoted scalar ends at its closing quote: a comment after it is
    /// not part of it, nor the spaces before the comment.
    #[test]
    fn a_quoted_scalar_ends_at_its_closing_quote() {
        let text = "a: \"false\" # replié\nb: 'Trouver' # pilier\nc: [\"x\" # un\n  , 'l''a']\nd: \"un \\\" # pas un commentaire\" # mais ceci\ne: 'deux\n  lignes' # note\nf: \"g\"\n";
        let root = parse(text, 0).unwrap().root.unwrap();
        let at = |n: &Node| &text[n.span.start..n.span.end];
        assert_eq!(at(root.get("a").unwrap()), "\"false\"");
        assert_eq!(at(root.get("b").unwrap()), "'Trouver'");
        let c = root.get("c").unwrap().as_seq().unwrap();
        assert_eq!((at(&c[0]), at(&c[1])), ("\"x\"", "'l''a'"));
        assert_eq!(
            at(root.get("d").unwrap()),
            "\"un \\\" # pas un commentaire\""
        );
        assert_eq!(at(root.get("e").unwrap()), "'deux\n  lignes'");
        assert_eq!(at(root.get("f").unwrap()), "\"g\"");
    }

    #[test]
    fn scalars_follow_the_core_schema() {
        let parsed = parse("a: 1\nb: true\nc: '1'\nd: 2025-02-07\ne: 1.5\nf:\n", 0).unwrap();
        let root = parsed.root.unwrap();
        assert_eq!(root.get("a").unwrap().value, Value::Int(1));
        assert_eq!(root.get("b").unwrap().value, Value::Bool(true));
        assert_eq!(root.get("c").unwrap().as_str(), Some("1"));
        assert_eq!(root.get("d").unwrap().as_str(), Some("2025-02-07"));
        assert_eq!(root.get("e").unwrap().value, Value::Float(1.5));
        assert_eq!(root.get("f").unwrap().value, Value::Null);
    }

    #[test]
    fn merge_keys_are_applied() {
        let text = "base: &b\n  title: Titre\n  date: 2025-01-01\nmore: &m {tags: [a], date: 2024-01-01}\n<<: [*b, *m]\ndate: 2026-01-01\n";
        let root = parse(text, 0).unwrap().root.unwrap();
        let keys: Vec<String> = root
            .as_map()
            .unwrap()
            .iter()
            .filter_map(|(k, _)| k.scalar_text())
            .collect();
        assert_eq!(keys, ["base", "more", "title", "tags", "date"]);
        // The mapping's own key wins; a merged one is where it is written.
        assert_eq!(
            root.get("date").unwrap().scalar_text().unwrap(),
            "2026-01-01"
        );
        let title = root.get("title").unwrap();
        assert_eq!(&text[title.span.start..title.span.end], "Titre");
        // A quoted `<<` is a plain key; a `<<` of a scalar is left alone.
        let root = parse("'<<': {a: 1}\nb: {<<: 3}\n", 0)
            .unwrap()
            .root
            .unwrap();
        assert!(root.get("<<").is_some() && root.get("a").is_none());
        assert!(root.get("b").unwrap().get("<<").is_some());
    }

    /// Only the first document is read; where the next one starts is
    /// kept, even when it would not parse.
    #[test]
    fn a_second_document_is_found_not_read() {
        fn at(text: &str) -> Option<(usize, &str)> {
            let parsed = parse(text, 2).unwrap();
            assert_eq!(parsed.root.unwrap().as_seq().unwrap().len(), 1, "{text}");
            parsed
                .next_document
                .map(|s| (s.start - 2, &text[s.start - 2..s.end - 2]))
        }
        assert_eq!(at("- a\n---\n- b: [\n"), Some((4, "---")));
        assert_eq!(at("---\n- a\n---\n"), Some((8, "---")));
        // After a `...`, where its text starts.
        assert_eq!(at("- a\n...\n- b\n").map(|(start, _)| start), Some(8));
        for one in ["- a\n", "---\n- a\n", "- a\n...\n", "- a\n...\n# done\n"] {
            assert_eq!(parse(one, 0).unwrap().next_document, None, "{one}");
        }
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let parsed = parse("a: 1\nb: 2\na: 3\n", 0).unwrap();
        assert_eq!(parsed.duplicate_keys.len(), 1);
        assert_eq!(parsed.duplicate_keys[0].key, "a");
        assert_eq!(parsed.duplicate_keys[0].span, Span::new(10, 11));
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let err = parse(&text, 0).unwrap_err();
        assert!(err.message.contains("aliases"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let err = parse(&text, 0).unwrap_err();
        assert!(err.message.contains("nesting"), "{}", err.message);
    }
}
