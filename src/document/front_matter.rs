//! Finding the front-matter block at the top of an article (YAML between `---`
//! lines, or TOML between `+++` lines, as Hugo allows) and reading it into a
//! spanned tree.

use crate::span::Span;
use crate::yaml::{self, DuplicateKey, Node};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
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
    },
    /// The block could not be read: the parser's message and where, and
    /// whether it is over a limit against hostile input (too deep, too many
    /// values once aliases are expanded) rather than wrong.
    Invalid {
        message: String,
        span: Span,
        limit: bool,
    },
    /// The opening delimiter has no closing one.
    Unclosed,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub format: Format,
    /// The opening delimiter line (without its line ending).
    pub open: Span,
    /// The whole block, delimiters included.
    pub span: Span,
    /// The text between the delimiters.
    pub inner: Span,
    pub content: Content,
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

    /// The entry (key node, value node) for `key`.
    pub fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        self.root()?.entry(key)
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.root()?.get(key)
    }
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

/// Splits the front matter off `text`. Returns the block (if the file opens
/// with a delimiter) and the byte offset where the Markdown body starts.
pub fn split(text: &str) -> (Option<FrontMatter>, usize) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut it = lines(text, start);
    let Some((s, e, next)) = it.next() else {
        return (None, start);
    };
    let (format, closers): (Format, &[&str]) = match text[s..e].trim_end() {
        "---" => (Format::Yaml, &["---", "..."]),
        "+++" => (Format::Toml, &["+++"]),
        _ => return (None, start),
    };
    let open = Span::new(s, e);
    for (ls, le, lnext) in it {
        if closers.contains(&text[ls..le].trim_end()) {
            let inner = Span::new(next, ls);
            let content = parse_inner(format, &text[inner.start..inner.end], inner.start);
            let fm = FrontMatter {
                format,
                open,
                span: Span::new(s, le),
                inner,
                content,
            };
            return (Some(fm), lnext);
        }
    }
    let fm = FrontMatter {
        format,
        open,
        span: Span::new(s, text.len()),
        inner: Span::new(next, text.len()),
        content: Content::Unclosed,
    };
    (Some(fm), start)
}

fn parse_inner(format: Format, text: &str, base: usize) -> Content {
    match format {
        Format::Yaml => match yaml::parse(text, base) {
            Ok(parsed) => Content::Parsed {
                root: parsed.root,
                duplicate_keys: parsed.duplicate_keys,
            },
            Err(err) => Content::Invalid {
                message: err.message,
                span: err.span,
                limit: err.limit,
            },
        },
        Format::Toml => match crate::toml_tree::parse(text, base) {
            Ok(root) => Content::Parsed {
                root: Some(root),
                duplicate_keys: Vec::new(),
            },
            Err(err) => Content::Invalid {
                message: err.message,
                span: err.span,
                limit: err.limit,
            },
        },
    }
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

    #[test]
    fn unclosed_block() {
        let (fm, body) = split("---\ntitle: x\n");
        assert_eq!(fm.unwrap().content, Content::Unclosed);
        assert_eq!(body, 0);
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
    fn no_block() {
        let (fm, body) = split("# Title\n");
        assert!(fm.is_none());
        assert_eq!(body, 0);
    }
}
