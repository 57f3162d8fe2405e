//! The text recent Hugo makes a heading's id from.
//!
//! Hugo up to 0.15x (goldmark v1) made the id from the heading's source
//! text: `## _Erreurs classiques_` is `#_erreurs-classiques_`. Hugo 0.168
//! (goldmark v2) makes it from the heading's inline content, as checked
//! against its output (`#erreurs-classiques`), with these rules:
//!
//! - the heading's last line only (a setext heading of two lines is named
//!   by the second), as before;
//! - text and code at the heading's level count whole, after the
//!   typographer (`--` and `---` become dashes, which ids drop);
//! - of an inline element (emphasis, strong, strikethrough, a link, an
//!   image), only its first child counts, and of that child, if an element
//!   too, its first child: `*voir [lien](/y/) ici*` gives `voir`, `[a **b**
//!   c](/x/)` gives `a`, `[![img](/a.png)](/b/)` gives `img`; the
//!   typographer ends a text child at a quote, an apostrophe, `...`, `--`,
//!   `<<` or `>>` (`*L'équipe*` gives `L`);
//! - raw HTML, footnote calls and autolinks give no text (`Repères
//!   clairs<sup>1</sup>` gives `Repères clairs1`).
//!
//! [`IdText`] follows the parse's inline events and keeps that text.

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// What the first child of an open inline element has been so far.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Child {
    /// None yet.
    None,
    /// A text the next text event goes on (the parse splits one text at
    /// escapes and entities).
    Text,
    /// Done: what comes next is no first child.
    Done,
}

#[derive(Debug)]
struct Open {
    /// Whether this element's own first child counts.
    counts: bool,
    child: Child,
}

/// The text of a heading being parsed that recent Hugo names it by.
#[derive(Debug, Default)]
pub struct IdText {
    text: String,
    open: Vec<Open>,
}

/// Where the typographer turns `text` into something else (quotes,
/// apostrophes, `...`, `--`, `<<`, `>>`), which ends a text node.
fn typographer_split(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&i| match bytes[i] {
        b'\'' | b'"' => true,
        b'.' => bytes[i..].starts_with(b"..."),
        b'-' => bytes[i..].starts_with(b"--"),
        b'<' => bytes[i..].starts_with(b"<<"),
        b'>' => bytes[i..].starts_with(b">>"),
        _ => false,
    })
}

impl IdText {
    /// Whether the next child of the innermost open element counts, and
    /// takes its place (`text`: a text event, which may go on one before).
    fn child_counts(&mut self, text: bool) -> bool {
        let Some(top) = self.open.last_mut() else {
            return true;
        };
        match (top.child, text) {
            (Child::None, true) => {
                top.child = Child::Text;
                top.counts
            }
            (Child::Text, true) => top.counts,
            (Child::None, false) => {
                top.child = Child::Done;
                top.counts
            }
            _ => {
                top.child = Child::Done;
                false
            }
        }
    }

    /// Takes in an event of the heading's content.
    pub fn follow(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough) => self.start(false),
            Event::Start(Tag::Link { link_type, .. } | Tag::Image { link_type, .. }) => {
                self.start(matches!(link_type, LinkType::Autolink | LinkType::Email))
            }
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => self.end(),
            Event::Text(t) => self.text(t),
            Event::Code(t) => self.code(t),
            Event::InlineHtml(_) | Event::Html(_) | Event::FootnoteReference(_) => self.other(),
            Event::SoftBreak | Event::HardBreak => self.line_break(),
            _ => {}
        }
    }

    /// An inline element opens (`autolink`: its text is no id's).
    fn start(&mut self, autolink: bool) {
        let counts = self.child_counts(false) && !autolink;
        self.open.push(Open {
            counts,
            child: Child::None,
        });
    }

    /// The innermost inline element closes.
    fn end(&mut self) {
        self.open.pop();
    }

    /// A text event.
    fn text(&mut self, text: &str) {
        if self.open.is_empty() {
            // `---` and `--` are dashes, which an id drops.
            if text.contains("--") {
                self.text
                    .push_str(&text.replace("---", "").replace("--", ""));
            } else {
                self.text.push_str(text);
            }
            return;
        }
        if !self.child_counts(true) {
            return;
        }
        match typographer_split(text) {
            Some(at) => {
                self.text.push_str(&text[..at]);
                if let Some(top) = self.open.last_mut() {
                    top.child = Child::Done;
                }
            }
            None => self.text.push_str(text),
        }
    }

    /// Inline code, as written.
    fn code(&mut self, code: &str) {
        if self.child_counts(false) {
            self.text.push_str(code);
        }
    }

    /// Raw HTML or a footnote call: no text, but a child.
    fn other(&mut self) {
        self.child_counts(false);
    }

    /// A line break: the id is the last line's.
    fn line_break(&mut self) {
        self.text.clear();
        if let Some(top) = self.open.last_mut() {
            top.child = Child::Done;
        }
    }

    pub fn finish(self) -> String {
        self.text
    }
}
