//! Finding the front-matter block at the top of an article (YAML between `---`
//! lines, TOML between `+++` lines, or a JSON object opening with `{`, as
//! Hugo allows) and reading it into a spanned tree.

use crate::span::Span;
use crate::yaml::{self, DuplicateKey, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

/// What was found between the delimiters.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Read: the root mapping (`None` when the block is empty or not a mapping
    /// — see `not_a_mapping`).
    Parsed {
        root: Option<Node>,
        duplicate_keys: Vec<DuplicateKey>,
        /// The nodes a YAML alias repeats (see [`crate::yaml::Parsed::aliased`]).
        aliased: Vec<Span>,
    },
    /// The block could not be read: the parser's message and where, and
    /// whether it is over a limit against hostile input (too deep, too many
    /// values once aliases are expanded) rather than wrong.
    Invalid {
        message: String,
        span: Span,
        limit: bool,
        /// A flow collection's bracket still open at the error, on an
        /// earlier line.
        open: Option<Span>,
    },
    /// The opening delimiter has no closing one.
    Unclosed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub format: Format,
    /// The opening delimiter line (without its line ending); for JSON, the
    /// object's `{`.
    pub open: Span,
    /// The whole block, delimiters included.
    pub span: Span,
    /// The text between the delimiters; for JSON, the whole object, braces
    /// included (they are part of its syntax).
    pub inner: Span,
    pub content: Content,
}

impl FrontMatter {
    /// The closing delimiter line (without its line ending), when closed;
    /// for JSON, the object's closing `}`.
    pub fn close(&self) -> Option<Span> {
        (self.content != Content::Unclosed).then(|| {
            let end = self.span.end;
            if self.format == Format::Json {
                return Span::new(end.saturating_sub(1), end);
            }
            let start = self.inner.end.min(end);
            Span::new(start, end)
        })
    }
}

impl FrontMatter {
    /// The root mapping, when the block was read and is a mapping.
    pub fn root(&self) -> Option<&Node> {
        match &self.content {
            Content::Parsed {
                root: Some(root), ..
            } if root.as_map().is_some() => Some(root),
            _ => None,
        }
    }

    /// The entry (key node, value node) for `key`, whatever its case
    /// ([`key_entry`]).
    pub fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        key_entry(self.root()?, key)
    }

    /// The value of `key`, whatever its case.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }
}

/// The entry of `key` in the front matter's root mapping. Hugo reads keys
/// whatever their case (`showToc` is `ShowToc`): the key as written is
/// looked for first, then one that differs only in case.
pub fn key_entry<'r>(root: &'r Node, key: &str) -> Option<&'r (Node, Node)> {
    root.entry(key).or_else(|| {
        root.as_map()?
            .iter()
            .find(|(k, _)| k.as_str().is_some_and(|k| same_key(k, key)))
    })
}

/// Whether two keys are one to Hugo, which lowercases them.
pub fn same_key(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Lines of `text` from byte `from`: (start, end without line ending, next start).
fn lines(text: &str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let rest = &text.as_bytes()[start..];
        let (end, next) = match memchr::memchr2(b'\n', b'\r', rest) {
            None => (text.len(), text.len()),
            Some(i) => {
                let nl = if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                (start + i, start + i + nl)
            }
        };
        pos = next;
        Some((start, end, next))
    })
}

/// Where the block is: its format, opening line, and for a closed block the
/// text between the delimiters, the closing line's end and where the body
/// starts.
struct Delimited {
    format: Format,
    open: Span,
    /// Where the block's text starts: the line after the opening one, or
    /// right after the delimiter when text follows it on its line.
    after_open: usize,
    closed: Option<(Span, usize, usize)>,
}

/// The length of a byte-order mark at the start of `text`.
fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// The lines of `text` from the first that is not blank (after a
/// byte-order mark): blank lines before the opening one are skipped, as
/// Hugo does.
fn first_lines(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    // Hugo skips spaces, tabs and line breaks, not other white space.
    lines(text, bom_len(text))
        .skip_while(|(s, e, _)| text[*s..*e].trim_matches([' ', '\t']).is_empty())
}

fn delimit(text: &str) -> Option<Delimited> {
    let mut it = first_lines(text);
    let (s, e, next) = it.next()?;
    // Hugo skips spaces before the opening delimiter as it skips blank
    // lines.
    let s = s + (text[s..e].len() - text[s..e].trim_start_matches([' ', '\t']).len());
    if text.as_bytes().get(s) == Some(&b'{') {
        return Some(delimit_json(text, s));
    }
    // A line that starts with the delimiter opens the block. Hugo reads the
    // line's rest as the block's first line: a comment there (`--- # front
    // matter`) is one, and other text is read with the block (`+++ title =
    // "x"` is a key).
    let opener = text.get(s..s + 3)?;
    let format = match opener {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        _ => return None,
    };
    let rest = text[s + 3..e].trim_matches([' ', '\t']);
    let next = if rest.is_empty() || rest.starts_with('#') {
        next
    } else {
        s + 3
    };
    // Hugo closes the block at the first line that starts with the opening
    // delimiter, and reads the rest of that line as the body's first
    // (`--- # fin` renders a heading `fin`): the body then starts right
    // after the delimiter. YAML's `...` is taken as a close too, for the
    // rule to say that Hugo does not read it as one.
    let closed = it.find_map(|(ls, le, lnext)| {
        let line = &text[ls..le];
        if format == Format::Yaml && line.trim_end() == "..." {
            return Some((Span::new(next, ls), le, lnext));
        }
        let rest = line.strip_prefix(opener)?;
        Some(if rest.trim_end_matches([' ', '\t']).is_empty() {
            (Span::new(next, ls), le, lnext)
        } else {
            let end = ls + opener.len();
            (Span::new(next, ls), end, end)
        })
    });
    Some(Delimited {
        format,
        open: Span::new(s, s + opener.len()),
        after_open: next,
        closed,
    })
}

/// The JSON object opening at `open`, found as Hugo finds it: the first `}`
/// that closes every `{` outside double quotes, a backslash escaping the
/// character after it. The body starts after that `}` and one line break (`\r\n`, `\n` or `\r`).
fn delimit_json(text: &str, open: usize) -> Delimited {
    let bytes = text.as_bytes();
    let mut level = 0usize;
    let mut in_quote = false;
    let mut i = open;
    let mut close = None;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' if !in_quote => level += 1,
            b'}' if !in_quote => {
                level -= 1;
                if level == 0 {
                    close = Some(i + 1);
                    break;
                }
            }
            b'"' => in_quote = !in_quote,
            b'\\' => i += 1,
            _ => {}
        }
        i += 1;
    }
    let closed = close.map(|end| {
        let rest = &text[end..];
        let body = end
            + if rest.starts_with("\r\n") {
                2
            } else if rest.starts_with(['\n', '\r']) {
                1
            } else {
                0
            };
        (Span::new(open, end), end, body)
    });
    Delimited {
        format: Format::Json,
        open: Span::new(open, open + 1),
        after_open: open,
        closed,
    }
}

/// Splits the front matter off `text`. Returns the block (if the file opens
/// with a delimiter) and the byte offset where the Markdown body starts.
pub fn split(text: &str) -> (Option<FrontMatter>, usize) {
    let start = bom_len(text);
    let Some(Delimited {
        format,
        open,
        after_open,
        closed,
    }) = delimit(text)
    else {
        return (None, start);
    };
    match closed {
        Some((inner, close_end, body)) => {
            let content = parse_inner(format, &text[inner.start..inner.end], inner.start);
            let fm = FrontMatter {
                format,
                open,
                span: Span::new(open.start, close_end),
                inner,
                content,
            };
            (Some(fm), body)
        }
        None => {
            let fm = FrontMatter {
                format,
                open,
                span: Span::new(open.start, text.len()),
                inner: Span::new(after_open, text.len()),
                content: Content::Unclosed,
            };
            (Some(fm), start)
        }
    }
}

/// Whether `head`, the first bytes of a file, holds its whole front-matter
/// block or shows that it has none: whatever follows, [`split`] finds the
/// same block in the file as in `head`. Its first line, and the block's
/// closing line, must end inside `head`.
pub fn head_holds_block(head: &str) -> bool {
    let Some((_, end, next)) = first_lines(head).next() else {
        return false;
    };
    if next == end {
        return false; // the first line may go on
    }
    match delimit(head) {
        None => true,
        // The closing line must end in `head`, even when the body starts on
        // it (`--- # fin`).
        Some(block) => {
            matches!(block.closed, Some((_, close_end, _)) if head[close_end..].contains(['\n', '\r']))
        }
    }
}

/// Of `head`, the first bytes of a file, the shortest prefix that ends a
/// line and holds the front-matter block ([`head_holds_block`]), as text:
/// only those bytes need be UTF-8, and only they are checked (a site index
/// reads thousands of page heads, most of whose bytes are body). `Ok(None)`
/// when no prefix ending after a line that could close a block holds it
/// (check the whole head instead); `Err` when the bytes up to one of those
/// lines (starting `---`, `...` or `+++`) are not UTF-8, as the whole head
/// would not be either.
pub fn held_prefix(head: &[u8]) -> Result<Option<&str>, std::str::Utf8Error> {
    for at in memchr::memchr_iter(b'\n', head) {
        let line = &head[at + 1..];
        if !(line.starts_with(b"---") || line.starts_with(b"...") || line.starts_with(b"+++")) {
            continue;
        }
        // Up to that line's break.
        let Some(end) = memchr::memchr(b'\n', line) else {
            break;
        };
        let text = std::str::from_utf8(&head[..at + 1 + end + 1])?;
        if head_holds_block(text) {
            return Ok(Some(text));
        }
    }
    Ok(None)
}

/// The top-level entries of a YAML front matter whose keys are in `keys`,
/// read from their own lines only: a mapping of those entries (`None` when
/// there are none), without parsing the rest of the block. This is for a
/// site index, which needs three keys of thousands of pages.
///
/// It applies only where the entries' lines can be told apart without a
/// parse: each line at column 0 is a plain key (`slug:`) or a comment, and
/// every other line (indented, blank, or an `- item` of the entry above)
/// belongs to the entry above; a quoted string or brackets begun on a key's
/// line close before the next line at column 0; no value on a key's line is
/// an anchor, an alias or a tag. (An alias further down an entry read must
/// find its anchor in the lines read, or they do not parse.) Otherwise, and
/// for TOML, an unclosed block or no block, it returns `None`: parse the
/// whole block instead ([`split`]). Where both apply and the whole block parses, the
/// entries are the same (a property test checks it); a block that does not
/// parse as a whole may still give its entries here.
pub fn top_level_entries(text: &str, keys: &[&str]) -> Option<Option<Node>> {
    kept_entries(text, keys)?.parse()
}

/// The top-level entries of `keys`, as [`top_level_values`] reads them.
#[derive(Debug, PartialEq)]
pub enum TopLevel<'t> {
    /// Each entry was written the simplest way: on its key's line alone, as
    /// a quoted string without escapes (`slug: "mon-slug"`, `'mon-slug'`)
    /// or a plain word of letters, digits, `/`, `.`, `_` and `-` that
    /// starts with a letter or `/` (`url: /a/b/`), then at most a comment.
    /// Each key comes with its value (a string, `null`, `true` or
    /// `false`), read without a YAML parse.
    Simple(Vec<(&'t str, Scalar<'t>)>),
    /// Otherwise (or when a key is written twice): the entries' lines
    /// parsed, as [`top_level_entries`] gives them.
    Parsed(Option<Node>),
}

/// A value written simply (see [`TopLevel::Simple`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'t> {
    Str(&'t str),
    Bool(bool),
    Null,
}

impl<'t> Scalar<'t> {
    /// The string, if the value is one.
    pub fn as_str(self) -> Option<&'t str> {
        match self {
            Scalar::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// [`top_level_entries`], with the entries' lines read once, and read
/// without a YAML parse where they are written simply (see
/// [`TopLevel::Simple`]), for a fraction of the work: a site index reads
/// thousands of pages. Both give the same values (a property test checks
/// it). `None` where [`top_level_entries`] gives `None`.
pub fn top_level_values<'t>(text: &'t str, keys: &[&str]) -> Option<TopLevel<'t>> {
    let kept = kept_entries(text, keys)?;
    match kept.simple() {
        Some(values) => Some(TopLevel::Simple(values)),
        None => kept.parse().map(TopLevel::Parsed),
    }
}

/// A value written on its key's line the simplest way (see
/// [`TopLevel::Simple`]), a plain `null`, `true` or `false` included;
/// `None` for anything else than those and simple strings.
fn simple_value(value: &str) -> Option<Scalar<'_>> {
    let v = value.trim_start_matches([' ', '\t']);
    let (scalar, rest, plain) = match v.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let inner = &v[1..];
            let end = inner.find(*q as char)?;
            let rest = &inner[end + 1..];
            // An escape, or a quote doubled inside single quotes.
            if (*q == b'"' && inner[..end].contains('\\')) || rest.starts_with(*q as char) {
                return None;
            }
            (&inner[..end], rest, false)
        }
        _ => {
            let end = v.find([' ', '\t']).unwrap_or(v.len());
            (&v[..end], &v[end..], true)
        }
    };
    // After the value: nothing, or a comment after a space.
    let after = rest.trim_start_matches([' ', '\t']);
    let comment = after.starts_with('#') && after.len() < rest.len();
    if !(after.is_empty() || comment) {
        return None;
    }
    // Characters a YAML reader may treat apart.
    if scalar
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}'))
    {
        return None;
    }
    if plain {
        // A date (`2025-03-10`) is a string to YAML 1.2's core schema too.
        let date = scalar.len() == 10
            && scalar.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        let simple = date
            || scalar
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'/')
                && scalar
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'.' | b'_' | b'-'));
        if !simple {
            return None;
        }
        // Starting with a letter, only these resolve to other than a
        // string (YAML 1.2 core schema, as `yaml` resolves it).
        match scalar {
            "null" | "Null" | "NULL" => return Some(Scalar::Null),
            "true" | "True" | "TRUE" => return Some(Scalar::Bool(true)),
            "false" | "False" | "FALSE" => return Some(Scalar::Bool(false)),
            _ => {}
        }
    }
    Some(Scalar::Str(scalar))
}

/// What [`top_level_entries`] reads of a front matter: the lines of the
/// entries kept, and for each entry its key, the text after the colon on
/// its key's line, and its number of lines.
struct Kept<'t> {
    lines: Vec<&'t str>,
    entries: Vec<(&'t str, &'t str, usize)>,
}

impl<'t> Kept<'t> {
    /// The values, when every entry is one line written simply and no key
    /// comes twice.
    fn simple(&self) -> Option<Vec<(&'t str, Scalar<'t>)>> {
        let mut out: Vec<(&str, Scalar<'t>)> = Vec::with_capacity(self.entries.len());
        for &(key, value, lines) in &self.entries {
            if lines != 1 || out.iter().any(|(k, _)| *k == key) {
                return None;
            }
            out.push((key, simple_value(value)?));
        }
        Some(out)
    }

    /// The entries' lines parsed as YAML (`Some(None)` for no entry).
    fn parse(&self) -> Option<Option<Node>> {
        if self.lines.is_empty() {
            return Some(None);
        }
        let mut joined = String::with_capacity(self.lines.iter().map(|l| l.len() + 1).sum());
        for line in &self.lines {
            joined.push_str(line);
            joined.push('\n');
        }
        yaml::parse(&joined, 0).ok().map(|parsed| parsed.root)
    }
}

/// The entries of `keys` and their lines, where [`top_level_entries`]
/// applies (`None` elsewhere).
fn kept_entries<'t>(text: &'t str, keys: &[&str]) -> Option<Kept<'t>> {
    let Delimited {
        format: Format::Yaml,
        closed: Some((inner, _, _)),
        ..
    } = delimit(text)?
    else {
        return None;
    };
    let mut kept = Kept {
        lines: Vec::new(),
        entries: Vec::new(),
    };
    let mut keeping = false;
    let mut in_entry = false;
    // A quoted string or brackets begun in an entry's value and not closed:
    // its next lines are the entry's, and must not be at column 0.
    let mut open = Flow::default();
    for (s, e, _) in lines(text, inner.start).take_while(|(s, _, _)| *s < inner.end) {
        let line = &text[s..e];
        let first = line.bytes().next();
        if open.is_open() {
            if first.is_some_and(|b| b != b' ' && b != b'\t') {
                return None;
            }
            open.feed(line);
        } else {
            match first {
                None | Some(b' ' | b'\t' | b'#') => {}
                Some(b'-') if in_entry => {}
                Some(_) => {
                    let (key, value) = plain_key(line)?;
                    in_entry = true;
                    // Hugo reads keys whatever their case (`Draft:`).
                    keeping = keys.iter().any(|k| k.eq_ignore_ascii_case(key));
                    if keeping {
                        kept.entries.push((key, value, 0));
                    }
                    let value = value.trim_start();
                    match value.bytes().next() {
                        // An anchor, alias, tag or complex key.
                        Some(b'&' | b'*' | b'!' | b'?') => return None,
                        Some(b'"' | b'\'' | b'[' | b'{') => open.feed(value),
                        _ => {}
                    }
                }
            }
            if first.is_some_and(|b| b != b'#') && !in_entry {
                return None; // a root that is not a block mapping at column 0
            }
        }
        if keeping {
            // An alias to an anchor outside the lines kept fails their parse.
            kept.lines.push(line);
            if let Some(entry) = kept.entries.last_mut() {
                entry.2 += 1;
            }
        }
    }
    Some(kept)
}

/// A line `key: value` whose key is plain (letters, digits, `_`, `-`):
/// the key and the value's text.
fn plain_key(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let plain = !key.is_empty()
        && !key.starts_with('-')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let value = &line[colon + 1..];
    (plain && (value.is_empty() || value.starts_with([' ', '\t']))).then_some((key, value))
}

/// Where a flow value (quoted strings, `[…]`, `{…}`) stands after the text
/// fed so far: inside a quote, and how deep in brackets.
#[derive(Default)]
struct Flow {
    quote: Option<u8>,
    depth: usize,
}

impl Flow {
    fn is_open(&self) -> bool {
        self.quote.is_some() || self.depth > 0
    }

    fn feed(&mut self, text: &str) {
        // Bytes: every character that matters is ASCII, and no byte of
        // another character's UTF-8 is.
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            match (self.quote, b) {
                (Some(b'"'), b'\\') => i += 1,
                (Some(b'\''), b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 1,
                (Some(q), b) if b == q => self.quote = None,
                (Some(q), _) => {
                    // Inside quotes, only the closing quote (or, between
                    // double quotes, an escape) matters: skip to it.
                    let rest = bytes.get(i + 1..).unwrap_or(&[]);
                    let next = if q == b'"' {
                        memchr::memchr2(b'"', b'\\', rest)
                    } else {
                        memchr::memchr(b'\'', rest)
                    };
                    i = next.map_or(bytes.len(), |n| i + 1 + n);
                    continue;
                }
                (None, b'"' | b'\'') => self.quote = Some(b),
                (None, b'[' | b'{') => self.depth += 1,
                (None, b']' | b'}') => self.depth = self.depth.saturating_sub(1),
                (None, _) => {}
            }
            if !self.is_open() {
                // The value is whole: what follows is a comment at most.
                return;
            }
            i += 1;
        }
    }
}

/// Reads the text between the delimiters (`text`, at `base` in the file)
/// with the reader of `format`.
pub fn parse_inner(format: Format, text: &str, base: usize) -> Content {
    match format {
        Format::Yaml => yaml_content(yaml::parse(text, base)),
        Format::Toml => match crate::toml_tree::parse(text, base) {
            Ok(root) => Content::Parsed {
                root: Some(root),
                duplicate_keys: Vec::new(),
                aliased: Vec::new(),
            },
            Err(err) => Content::Invalid {
                message: err.message,
                span: err.span,
                limit: err.limit,
                open: err.open,
            },
        },
        Format::Json => parse_json(text, base),
    }
}

/// Reads a JSON object. The JSON reader says whether it is valid (and where
/// it is not); a valid object is then read into a spanned tree by the YAML
/// reader, of which JSON is nearly a subset ([`yaml_readable`]), and the
/// tree made to say what Go's reader says ([`json_values`]).
fn parse_json(text: &str, base: usize) -> Content {
    if let Err(err) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let at = json_error_offset(text, err.line(), err.column());
        let message = err.to_string();
        // serde_json ends its message with the position, which the span gives.
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        // Not a limit: checking validity does not recurse (the YAML
        // reader's depth limit applies next).
        return Content::Invalid {
            limit: false,
            message,
            span: Span::new(base + at, base + at),
            open: None,
        };
    }
    let (readable, pairs) = yaml_readable(text);
    let mut read = yaml::parse(&readable, base);
    if let Ok(parsed) = &mut read
        && let Some(root) = parsed.root.as_mut()
    {
        json_values(root, text, base, pairs);
    }
    yaml_content(read)
}

/// What the YAML reader read, as a block's content.
fn yaml_content(read: Result<yaml::Parsed, yaml::YamlError>) -> Content {
    match read {
        Ok(parsed) => Content::Parsed {
            root: parsed.root,
            duplicate_keys: parsed.duplicate_keys,
            aliased: parsed.aliased,
        },
        Err(err) => Content::Invalid {
            message: err.message,
            span: err.span,
            limit: err.limit,
            open: err.open,
        },
    }
}

/// Valid JSON written so that the YAML reader reads it, byte for byte at the
/// same offsets: tabs (JSON's whitespace between tokens) as spaces, and an
/// emoji's escaped surrogate pair (`\ud83d\ude00`, which YAML refuses) as
/// two `\ufffd`, the true text being taken back from the JSON (see
/// [`json_values`]). Also whether there was such a pair.
fn yaml_readable(text: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let surrogate = |hex: &[u8], low: bool| {
        std::str::from_utf8(hex)
            .ok()
            .and_then(|h| u16::from_str_radix(h, 16).ok())
            .is_some_and(|u| {
                if low {
                    (0xDC00..0xE000).contains(&u)
                } else {
                    (0xD800..0xDC00).contains(&u)
                }
            })
    };
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut in_string = false;
    let mut i = 0;
    let mut pairs = false;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\t' if !in_string => {
                out.get_or_insert_with(|| bytes.to_vec())[i] = b' ';
            }
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                let escape = bytes.get(i..i + 12).unwrap_or_default();
                if escape.len() == 12
                    && escape[1] == b'u'
                    && surrogate(&escape[2..6], false)
                    && escape[6..8] == *b"\\u"
                    && surrogate(&escape[8..12], true)
                {
                    out.get_or_insert_with(|| bytes.to_vec())[i..i + 12]
                        .copy_from_slice(b"\\ufffd\\ufffd");
                    pairs = true;
                    i += 12;
                    continue;
                }
                i += 2;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    match out {
        // Only ASCII bytes were replaced, by ASCII: still UTF-8.
        Some(bytes) => (
            String::from_utf8(bytes).map_or(text.into(), Into::into),
            pairs,
        ),
        None => (text.into(), pairs),
    }
}

/// What Go's JSON reader, and so Hugo, reads where YAML reads otherwise: a
/// key written twice keeps its last value (the earlier entries are left
/// out; the duplicate is still reported), and a string with an escaped
/// surrogate pair (when `pairs`) is decoded from the JSON text `original`
/// (at `base` in the file).
fn json_values(node: &mut Node, original: &str, base: usize, pairs: bool) {
    match &mut node.value {
        yaml::Value::Map(entries) => {
            let mut seen = std::collections::HashSet::new();
            let mut kept: Vec<(Node, Node)> = Vec::with_capacity(entries.len());
            for (k, v) in std::mem::take(entries).into_iter().rev() {
                if k.scalar_text().is_none_or(|name| seen.insert(name)) {
                    kept.push((k, v));
                }
            }
            kept.reverse();
            for (k, v) in &mut kept {
                json_values(k, original, base, pairs);
                json_values(v, original, base, pairs);
            }
            *entries = kept;
        }
        yaml::Value::Seq(items) => {
            for item in items {
                json_values(item, original, base, pairs);
            }
        }
        yaml::Value::String(text, quoted) if pairs => {
            let written = original
                .get(node.span.start.saturating_sub(base)..node.span.end.saturating_sub(base));
            if let Some(decoded) = written.and_then(|w| serde_json::from_str::<String>(w).ok()) {
                *text = decoded;
                *quoted = true;
            }
        }
        _ => {}
    }
}

/// The byte offset in `text` of serde_json's 1-based `line` and `column`
/// (a byte count in the line; 0 at the end of the text), on a character
/// boundary.
fn json_error_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(line - 2)
            .map_or(text.len(), |i| i + 1)
    };
    let mut at = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_block_with_crlf_and_bom() {
        let text = "\u{feff}---\r\ntitle: x\r\n---\r\nbody\r\n";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.format, Format::Yaml);
        assert_eq!(&text[body..], "body\r\n");
        let (k, v) = fm.entry("title").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "title");
        assert_eq!(v.as_str(), Some("x"));
    }

    /// Hugo reads the rest of the opening line as the block's: a comment
    /// there leaves it a front matter. Other text does not open one.
    #[test]
    fn a_comment_on_the_opening_line() {
        for text in [
            "--- # front matter\ntitle: x\n---\nbody",
            "+++ # toml\ntitle = 'x'\n+++\nbody",
        ] {
            let (fm, body) = split(text);
            let fm = fm.unwrap_or_else(|| panic!("{text}"));
            assert_eq!(&text[fm.open.start..fm.open.end], &text[..3]);
            assert_eq!(fm.entry("title").unwrap().1.as_str(), Some("x"));
            assert_eq!(&text[body..], "body");
        }
        assert!(split("---# x\ntitle: x\n---\nbody").0.is_some());
    }

    /// A line that starts with the delimiter opens the block, after spaces
    /// (Hugo skips them). Other text on it is read with the block.
    #[test]
    fn text_after_the_opening_delimiter_is_the_block_s() {
        let text = "  +++ title = 'x'\nslug = 'y'\n+++\nbody";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.open, Span::new(2, 5));
        assert_eq!(fm.entry("title").unwrap().1.as_str(), Some("x"));
        assert_eq!(fm.entry("slug").unwrap().1.as_str(), Some("y"));
        assert_eq!(&text[body..], "body");
        for text in [
            "--- texte\ntitle: x\n---\nbody",
            "----\ntitle: x\n---\nbody",
        ] {
            let fm = split(text).0.unwrap();
            assert_eq!(fm.inner.start, 3, "{text:?}");
            assert!(matches!(fm.content, Content::Invalid { .. }), "{text:?}");
        }
    }

    /// Hugo closes the block at a line that starts with the delimiter and
    /// renders the rest of that line: the body starts right after it.
    #[test]
    fn text_after_the_closing_delimiter_starts_the_body() {
        for (text, close, body) in [
            ("---\ntitle: x\n--- # fin\nSuite", "---", " # fin\nSuite"),
            ("---\ntitle: x\n----\r\nSuite", "---", "-\r\nSuite"),
            ("+++\ntitle = 'x'\n+++fin\nSuite", "+++", "fin\nSuite"),
            ("---\ntitle: x\n--- \t\nSuite", "--- \t", "Suite"),
        ] {
            let (fm, start) = split(text);
            let fm = fm.unwrap();
            assert_eq!(fm.entry("title").unwrap().1.as_str(), Some("x"), "{text:?}");
            assert_eq!(fm.close().map(|c| &text[c.start..c.end]), Some(close));
            assert_eq!(&text[start..], body, "{text:?}");
            // The block is known once its closing line has ended.
            let line_end = text.find("Suite").unwrap();
            assert!(head_holds_block(&text[..line_end]), "{text:?}");
            assert!(!head_holds_block(text[..line_end].trim_end()), "{text:?}");
        }
        // A delimiter indented is no closing line.
        assert_eq!(
            split("---\ntitle: x\n  ---\n").0.unwrap().content,
            Content::Unclosed
        );
    }

    #[test]
    fn blank_lines_before_the_block_are_skipped() {
        let text = "\u{feff}\n  \r\n---\ntitle: x\n...\nbody";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(&text[fm.open.start..fm.open.end], "---");
        assert_eq!(fm.close().map(|c| &text[c.start..c.end]), Some("..."));
        assert_eq!(&text[body..], "body");
        assert!(matches!(fm.content, Content::Parsed { .. }));
        // A first line with text is no block, even if `---` follows; a
        // no-break space is text to Hugo.
        assert!(split("x\n---\ntitle: x\n---\n").0.is_none());
        assert!(split("\u{a0}\n---\ntitle: x\n---\n").0.is_none());
    }

    #[test]
    fn unclosed_block() {
        let (fm, body) = split("---\ntitle: x\n");
        assert_eq!(fm.unwrap().content, Content::Unclosed);
        assert_eq!(body, 0);
    }

    /// An integer beyond TOML's 64 bits stops Hugo's build, at its place.
    #[test]
    fn a_toml_integer_out_of_range_is_invalid() {
        let text = "+++\ntitle = \"x\"\nweight = 99999999999999999999\n+++\n";
        let Some(FrontMatter {
            content: Content::Invalid { message, span, .. },
            ..
        }) = split(text).0
        else {
            panic!("read: {text}");
        };
        assert_eq!(&text[span.start..span.end], "99999999999999999999");
        assert!(
            message.contains("out of the range of a TOML integer"),
            "{message}"
        );
    }

    #[test]
    fn toml_block() {
        let text = "+++\ntitle = \"x\"\ntags = [\"a\"]\n+++\n";
        let (fm, _) = split(text);
        let fm = fm.unwrap();
        let (k, v) = fm.entry("title").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "title");
        assert_eq!(&text[v.span.start..v.span.end], "\"x\"");
        assert_eq!(fm.get("tags").unwrap().as_seq().unwrap().len(), 1);
    }

    #[test]
    fn json_object_ends_at_its_closing_brace() {
        // Braces and an escaped quote inside strings do not count; a tab
        // between tokens is JSON's and reads.
        let text = "\u{feff}\n  {\n\t\"title\": \"a { b\\\" }\",\n  \"tags\"\t:\t[\"x\"],\n\t\"weight\":\t3,\n  \"cover\": {\"image\": \"c.png\"}\n}\r\n## Corps\n";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.format, Format::Json);
        assert_eq!(&text[fm.open.start..fm.open.end], "{");
        assert!(text[fm.inner.start..fm.inner.end].starts_with("{\n\t\"title\""));
        assert!(text[fm.inner.start..fm.inner.end].ends_with("}\n}"));
        assert_eq!(fm.span, fm.inner);
        assert_eq!(
            &text[fm.close().unwrap().start..fm.close().unwrap().end],
            "}"
        );
        assert_eq!(&text[body..], "## Corps\n");
        let (k, v) = fm.entry("title").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "\"title\"");
        assert_eq!(&text[v.span.start..v.span.end], "\"a { b\\\" }\"");
        assert_eq!(v.as_str(), Some("a { b\" }"));
        assert_eq!(fm.get("tags").unwrap().as_seq().unwrap().len(), 1);
        assert_eq!(fm.get("weight").unwrap().value, crate::yaml::Value::Int(3));
        let cover = fm.get("cover").unwrap();
        assert_eq!(cover.get("image").unwrap().as_str(), Some("c.png"));
        // On one line, the body right after the brace and one line break.
        for (text, rest) in [
            ("{\"title\": \"x\"}\nBody", "Body"),
            ("{\"title\": \"x\"}\r\rBody", "\rBody"),
            ("{\"title\": \"x\"} Body", " Body"),
        ] {
            let (fm, body) = split(text);
            assert_eq!(fm.unwrap().get("title").unwrap().as_str(), Some("x"));
            assert_eq!(&text[body..], rest);
        }
    }

    #[test]
    fn json_object_never_closed_or_invalid() {
        let text = "{\n  \"title\": \"x {\n\nTexte.\n";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.content, Content::Unclosed);
        assert_eq!(fm.open, Span::new(0, 1));
        assert_eq!(body, 0);
        // A comma after the last entry: the error is at the brace after it,
        // on a character boundary past multibyte text.
        let text = "{\n  \"title\": \"Été\",\n}\nTexte.\n";
        let Some(FrontMatter {
            content: Content::Invalid { span, limit, .. },
            ..
        }) = split(text).0
        else {
            panic!("a trailing comma is not JSON");
        };
        assert!(!limit);
        assert_eq!(&text[span.start..], "}\nTexte.\n");
        // What YAML reads and JSON does not: single quotes, bare words,
        // comments.
        for text in [
            "{'title': 'x'}\n",
            "{\"title\": x}\n",
            "{\"title\": \"x\" # c\n}\n",
        ] {
            assert!(
                matches!(split(text).0.unwrap().content, Content::Invalid { .. }),
                "{text}"
            );
        }
        // A key written twice is read, and said; its last value is the one
        // Hugo keeps.
        let (fm, _) = split("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 3}, \"a\": 2}\n");
        let fm = fm.unwrap();
        assert_eq!(fm.get("a").unwrap().value, crate::yaml::Value::Int(2));
        let b = fm.get("b").unwrap();
        assert_eq!(b.get("c").unwrap().value, crate::yaml::Value::Int(3));
        assert_eq!(b.as_map().unwrap().len(), 1);
        let Content::Parsed { duplicate_keys, .. } = fm.content else {
            panic!("two keys are valid JSON");
        };
        assert_eq!(duplicate_keys.len(), 2);
        // Nesting past YAML's limit (64) is refused as a limit, however deep
        // (serde_json checks validity without recursing).
        for depth in [65, 100_000] {
            let deep = format!("{{\"a\": {}1{}}}\n", "[".repeat(depth), "]".repeat(depth));
            assert!(matches!(
                split(&deep).0.unwrap().content,
                Content::Invalid { limit: true, message, .. } if message.contains("deeper than 64")
            ));
        }
    }

    /// An emoji written as an escaped surrogate pair (as Python's `json`
    /// writes it) is read as the emoji; an escaped backslash before `u` is
    /// text.
    #[test]
    fn json_surrogate_pairs_are_emoji() {
        let text = "{\"title\": \"Bravo \\ud83d\\ude00 !\", \"cl\\uD83D\\uDE00\": \"\\\\ud83d\\\\ude00\", \"n\": 1}\nCorps\n";
        let (fm, body) = split(text);
        let fm = fm.unwrap();
        assert_eq!(fm.get("title").unwrap().as_str(), Some("Bravo 😀 !"));
        assert_eq!(fm.get("cl😀").unwrap().as_str(), Some("\\ud83d\\ude00"));
        assert_eq!(fm.get("n").unwrap().value, crate::yaml::Value::Int(1));
        let (k, v) = fm.entry("title").unwrap();
        assert_eq!(&text[k.span.start..k.span.end], "\"title\"");
        assert_eq!(
            &text[v.span.start..v.span.end],
            "\"Bravo \\ud83d\\ude00 !\""
        );
        assert_eq!(&text[body..], "Corps\n");
    }

    #[test]
    fn json_error_positions_are_byte_offsets() {
        let text = "{\n\"é\": x}";
        // serde_json: line 2, column 7 (bytes) is `x`.
        assert_eq!(json_error_offset(text, 2, 7), text.find('x').unwrap());
        assert_eq!(json_error_offset(text, 9, 1), text.len());
        // A column inside a character falls back to its start.
        assert_eq!(json_error_offset(text, 2, 3), 3);
    }

    /// The entries asked for, as plain text (spans differ from the whole
    /// block's).
    fn entries(text: &str) -> Option<Vec<(String, String)>> {
        let root = top_level_entries(text, &["slug", "aliases"])?;
        let Some(root) = root else {
            return Some(Vec::new());
        };
        let map = root.as_map().unwrap();
        Some(
            map.iter()
                .map(|(k, v)| {
                    let value = match v.as_seq() {
                        Some(items) => items
                            .iter()
                            .filter_map(|i| i.as_str())
                            .collect::<Vec<_>>()
                            .join(","),
                        None => v.scalar_text().unwrap_or_default(),
                    };
                    (k.as_str().unwrap().to_string(), value)
                })
                .collect(),
        )
    }

    #[test]
    fn entries_read_from_their_lines() {
        let text = "\u{feff}---\r\ntitle: \"Un titre : long\"\r\ntags: [a, \"b]\"]\r\nslug: 'l''été'\r\n\
                    description: >\r\n  slug: pas une clé\r\n# slug: commentaire\r\naliases:\r\n- /a/\r\n- \"/b/\"\r\n\
                    weight: 3\r\n---\r\n## slug: corps\r\n";
        assert_eq!(
            entries(text),
            Some(vec![
                ("slug".into(), "l'été".into()),
                ("aliases".into(), "/a/,/b/".into()),
            ])
        );
        assert_eq!(entries("---\ntitle: x\n---\n"), Some(vec![]));
        // Strings and brackets over several lines, indented as YAML wants.
        let text =
            "---\ntitle: 'un\n  ''long'' # titre'\nslug: [a,\n  \"b]\"]\nx: \"c\\\"\n  d\"\n---\n";
        assert_eq!(entries(text), Some(vec![("slug".into(), "a,b]".into())]));
        assert_eq!(entries("---\n---\n"), Some(vec![]));
    }

    /// Where the lines of an entry cannot be told apart without a parse,
    /// the whole block is to be parsed.
    #[test]
    fn layouts_that_need_the_whole_parse() {
        for text in [
            "+++\nslug = \"x\"\n+++\n",
            "---\nslug: x\n",
            "# pas de bloc\n",
            "---\n  slug: indentée\n---\n",
            "---\n- racine\n---\n",
            "---\n\"slug\": x\n---\n",
            "---\ntitle: \"sur deux\nslug: lignes\"\n---\n",
            "---\ntags: [a,\nslug: b]\n---\n",
            "---\nslug: &s x\nurl: *s\n---\n",
            "---\nbase: &b x\nslug: *b\n---\n",
            "---\n<<: {slug: x}\n---\n",
            "---\n? slug\n: x\n---\n",
            "---\ntitle: 'deux\n  lignes\nslug: x\n---\n",
        ] {
            assert_eq!(entries(text), None, "{text:?}");
        }
    }

    #[test]
    fn the_shortest_head_that_holds_the_block() {
        fn ok(bytes: &[u8]) -> Option<&str> {
            held_prefix(bytes).unwrap()
        }
        assert_eq!(
            ok(b"---\ntitle: x\n---\ncorps \xff"),
            Some("---\ntitle: x\n---\n")
        );
        assert_eq!(
            ok(b"---\r\ntitle: x\r\n---\r\ncorps"),
            Some("---\r\ntitle: x\r\n---\r\n")
        );
        // A line that starts with the delimiter closes it, as Hugo reads it;
        // one that starts with `...` does not.
        assert_eq!(ok(b"---\n--- x\n...\n\xff"), Some("---\n--- x\n"));
        assert_eq!(ok(b"---\n...x\n---\n\xff"), Some("---\n...x\n---\n"));
        // No closing line yet, or not ended: the whole head decides.
        assert_eq!(ok(b"---\ntitle: x\n"), None);
        assert_eq!(ok(b"---\ntitle: x\n---"), None);
        assert!(held_prefix(b"---\ntitle: \xff\n---\n").is_err());
    }

    #[test]
    fn heads_that_hold_the_block() {
        let holds = [
            "# Titre\n",
            "pas de bloc\r",
            "---\ntitle: x\n---\n",
            "---\r\ntitle: x\r\n...\r",
            "\u{feff}+++\ntitle = 1\n+++\nle corps",
        ];
        for head in holds {
            assert!(head_holds_block(head), "{head:?}");
        }
        let more = [
            "",
            "---",
            "# Titre",
            "---   ",
            "---\ntitle: x\n",
            "---\ntitle: x\n---",
            "---\ntitle: x\n---x",
            "+++\ntitle = 1\n---\n",
        ];
        for head in more {
            assert!(!head_holds_block(head), "{head:?}");
        }
    }

    #[test]
    fn values_written_simply_are_read_without_a_parse() {
        let keys = ["slug", "url", "aliases", "draft"];
        let simple = "---\ntitle: x\nslug: \"mon-slug\" # note\nurl: /a/b/\ndraft: true\n---\n";
        assert_eq!(
            top_level_values(simple, &keys),
            Some(TopLevel::Simple(vec![
                ("slug", Scalar::Str("mon-slug")),
                ("url", Scalar::Str("/a/b/")),
                ("draft", Scalar::Bool(true)),
            ]))
        );
        assert_eq!(
            top_level_values("---\nslug: null\ndraft: False\n---\n", &keys),
            Some(TopLevel::Simple(vec![
                ("slug", Scalar::Null),
                ("draft", Scalar::Bool(false))
            ]))
        );
        // A list, an escape, a key twice: the lines are parsed.
        for text in [
            "---\naliases:\n- /x/\n---\n",
            "---\nslug: \"a\\\"b\"\n---\n",
            "---\nslug: a\nslug: b\n---\n",
        ] {
            assert!(
                matches!(
                    top_level_values(text, &keys),
                    Some(TopLevel::Parsed(Some(_)))
                ),
                "{text:?}"
            );
        }
    }

    #[test]
    fn no_block() {
        let (fm, body) = split("# Title\n");
        assert!(fm.is_none());
        assert_eq!(body, 0);
    }
}
