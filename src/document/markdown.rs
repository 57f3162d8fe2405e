//! The article body, parsed once with pulldown-cmark into the items rules read:
//! headings, sections, prose blocks (paragraphs, list items, table rows) as
//! plain text mapped back to the source, links, code blocks and raw HTML.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::heading_text::IdText;
use super::shortcodes::{Scan, ShortcodeTag, shortcode_scan};
use crate::span::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub level: u8,
    /// Plain text of the heading, markup removed.
    pub text: String,
    /// The whole heading, markers included.
    pub span: Span,
    /// The heading's text in the source (markers and attributes excluded).
    pub text_span: Span,
    /// Its prose block (see [`Heading::block`]).
    block: HeadingBlock,
    /// The text recent Hugo makes its id from (see [`IdText`]).
    pub id_text: String,
}

/// A heading's prose block as the parse left it: most headings are plain
/// text, whose block is made again from the heading when asked for, so that
/// a file of many headings does not hold a block for each.
#[derive(Debug, Clone, PartialEq)]
enum HeadingBlock {
    /// No text.
    Empty,
    /// One verbatim run of [`Heading::text`] at [`Heading::text_span`].
    Plain,
    /// Anything else (markup, code, entities, several lines).
    Kept(Box<Block>),
}

impl Heading {
    /// Whether the heading is one verbatim run of text, or none (no
    /// markup, code, entity or second line).
    pub fn is_plain(&self) -> bool {
        matches!(self.block, HeadingBlock::Plain | HeadingBlock::Empty)
    }

    /// The heading's inline content as a [`Block`] (plain text mapped back
    /// to the source, inline code marked; strong emphasis is not recorded),
    /// for rules that read headings as they read prose; `None` when the
    /// heading has no text. Made from the same parse as the rest of the
    /// body; `source` is the file's text.
    pub fn block(&self, source: &str) -> Option<Cow<'_, Block>> {
        match &self.block {
            HeadingBlock::Empty => None,
            HeadingBlock::Kept(b) => Some(Cow::Borrowed(b)),
            HeadingBlock::Plain => Some(Cow::Owned(Block {
                kind: BlockKind::Paragraph,
                text: self.text.clone(),
                span: heading_content(source, self).clamp_to(source),
                runs: vec![Run {
                    text: 0..self.text.len(),
                    src: self.text_span,
                    verbatim: true,
                    code: false,
                }],
                heading: None,
                strong: Vec::new(),
                cells: Vec::new(),
                parent: None,
            })),
        }
    }
}

/// Whether `b` is the block [`Heading::block`] makes for a plain heading of
/// `text` at `text_span`.
fn is_plain(b: &Block, text: &str, text_span: Span) -> bool {
    b.kind == BlockKind::Paragraph
        && b.heading.is_none()
        && b.strong.is_empty()
        && b.text == text
        && matches!(b.runs.as_slice(), [r] if r.verbatim
            && !r.code
            && r.text == (0..text.len())
            && r.src == text_span)
}

/// A heading and everything under it, up to the next heading of the same or a
/// higher level.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Index into [`Body::headings`].
    pub heading: usize,
    pub span: Span,
    /// What follows the heading line, up to the end of the section.
    pub content: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    ListItem,
    TableRow,
}

/// A piece of a block's plain text and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Byte range in [`Block::text`].
    pub text: Range<usize>,
    /// Where the text is in the file.
    pub src: Span,
    /// Whether the text equals the source bytes at `src` (so offsets inside
    /// it map one to one).
    pub verbatim: bool,
    /// Inline code.
    pub code: bool,
}

/// A unit of prose: a paragraph, a list item (its own text, not its nested
/// lists') or a table row, as plain text without markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub span: Span,
    pub runs: Vec<Run>,
    /// Index of the last heading before the block, if any.
    pub heading: Option<usize>,
    /// Strong emphasis (`**bold**`), as byte ranges of [`Block::text`]: the
    /// bold labels that open many paragraphs (`**Prompt Engineer** : …`).
    pub strong: Vec<Range<usize>>,
    /// For a table row, where each cell's text starts in [`Block::text`]
    /// (cells are joined by a space); empty for other blocks.
    pub cells: Vec<usize>,
    /// The innermost list item that holds the block, as its index in
    /// [`Body::blocks`]: the item `- **Data Engineer**` for the items of
    /// the list nested under it (`  - Junior : 42-50k€`). `None` outside
    /// list items, and for a block made from a heading.
    pub parent: Option<usize>,
}

impl Block {
    /// The byte range of cell `i`'s text (a table row's), without the space
    /// that joins it to the next.
    pub fn cell(&self, i: usize) -> Option<Range<usize>> {
        // The text loses its trailing spaces when the block ends: a last
        // empty cell may start past it.
        let len = self.text.len();
        let start = (*self.cells.get(i)?).min(len);
        let end = self.cells.get(i + 1).map_or(len, |&next| {
            let next = next.min(len);
            if next > start && self.text.as_bytes().get(next - 1) == Some(&b' ') {
                next - 1
            } else {
                next
            }
        });
        Some(start..end.max(start))
    }

    /// The cell of a table row that byte `at` of its text is in.
    pub fn cell_at(&self, at: usize) -> Option<usize> {
        self.cells.partition_point(|&s| s <= at).checked_sub(1)
    }
}

impl Block {
    /// Maps a byte range of the plain text back to the file.
    pub fn source_span(&self, range: Range<usize>) -> Span {
        let start = self.map(range.start, false);
        let end = self.map(range.end, true);
        Span::new(start, end.max(start))
    }

    fn map(&self, offset: usize, is_end: bool) -> usize {
        // Runs are in text order: a binary search finds the first that ends
        // after the offset (at it, for an end), which holds it if any does.
        let at = if is_end {
            self.runs.partition_point(|r| r.text.end < offset)
        } else {
            self.runs.partition_point(|r| r.text.end <= offset)
        };
        let run = self.runs.get(at).filter(|r| {
            if is_end {
                r.text.start < offset && offset <= r.text.end
            } else {
                r.text.start <= offset && offset < r.text.end
            }
        });
        match run {
            Some(r) if r.verbatim => r.src.start + (offset - r.text.start),
            Some(r) if is_end => r.src.end,
            Some(r) => r.src.start,
            None if is_end => self.span.end,
            None => self.span.start,
        }
    }

    /// The source of a range of the plain text when the file holds exactly
    /// that text there (the range lies in one verbatim run).
    pub fn exact_span(&self, range: Range<usize>) -> Option<Span> {
        let run = self
            .runs
            .iter()
            .find(|r| r.verbatim && r.text.start <= range.start && range.end <= r.text.end)?;
        let start = run.src.start + (range.start - run.text.start);
        Some(Span::new(
            start,
            start + range.end.saturating_sub(range.start),
        ))
    }

    /// Whether the plain-text range touches inline code.
    pub fn touches_code(&self, range: Range<usize>) -> bool {
        let first = self.runs.partition_point(|r| r.text.end <= range.start);
        self.runs[first..]
            .iter()
            .take_while(|r| r.text.start < range.end)
            .any(|r| r.code && range.start < r.text.end)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Plain text of the link.
    pub text: String,
    pub dest: String,
    pub span: Span,
    pub image: bool,
    /// Autolinks (`<https://…>`) and bare URLs.
    pub autolink: bool,
    /// An `<a href="…">` (or an `<img src="…">`, an image) of raw HTML: its
    /// span is the value, and its text is not known (empty).
    pub html: bool,
}

/// Raw HTML: a block, or inline HTML such as a comment inside a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Html {
    pub text: String,
    pub span: Span,
    pub inline: bool,
}

/// A reference link (`[text][label]`, `[label][]`, `[label]`) whose label has
/// no definition.
#[derive(Debug, Clone, PartialEq)]
pub struct BrokenRef {
    pub label: String,
    pub span: Span,
    /// `[label]` alone, which is often plain text in brackets.
    pub shortcut: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    /// The headings of the article's outline: those outside any list item,
    /// blockquote, footnote or `<details>` element. [`Body::sections`] and
    /// [`Block::heading`] index them.
    pub headings: Vec<Heading>,
    /// Headings inside a list item, blockquote, footnote or `<details>`
    /// element (`- ## Titre`, `> ## Titre`): Markdown headings, but quoted,
    /// listed or set aside, so they neither open nor close a section.
    pub nested_headings: Vec<Heading>,
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub links: Vec<Link>,
    pub code_blocks: Vec<Span>,
    pub html: Vec<Html>,
    /// The HTML blocks, each from its first line to its last, in order:
    /// the lines [`Body::html`] holds as pieces that are not inline.
    pub html_blocks: Vec<Span>,
    pub broken_refs: Vec<BrokenRef>,
    /// The footnote definitions (`[^1]: …`), in order: Hugo renders them in
    /// the footnotes block at the end of the page, not where they are
    /// written, so what they hold is in no section.
    pub footnotes: Vec<Span>,
    /// Every footnote definition's label and where its `[^label]` is
    /// written, in order.
    pub footnote_labels: Vec<(String, Span)>,
    /// The footnote references the parser matched with a definition
    /// (`[^label]` in the text): their labels as written, and where.
    /// pulldown-cmark matches labels whatever their case, where Hugo
    /// (goldmark) matches them exactly (see [`footnote_label`]).
    pub footnote_refs: Vec<(String, Span)>,
    /// Blockquotes, the outermost only (a quote inside a quote is part of
    /// it), in order.
    pub quotes: Vec<Span>,
    /// The body's shortcode tags, read as Hugo's page lexer reads them,
    /// with offsets from the body's start.
    pub shortcodes: Scan,
}

impl Body {
    /// Whether `span` lies inside a footnote definition.
    pub fn in_footnote(&self, span: Span) -> bool {
        let after = self.footnotes.partition_point(|f| f.start <= span.start);
        after
            .checked_sub(1)
            .and_then(|i| self.footnotes.get(i))
            .is_some_and(|f| span.end <= f.end)
    }

    /// Every heading, outline and nested, in the order of the file: for
    /// rules that read each heading's text or markup wherever it is, and for
    /// anchor ids (Hugo gives every heading one, numbering repeats in order).
    pub fn every_heading(&self) -> impl Iterator<Item = &Heading> {
        let mut outline = self.headings.iter().peekable();
        let mut nested = self.nested_headings.iter().peekable();
        std::iter::from_fn(move || match (outline.peek(), nested.peek()) {
            (Some(o), Some(n)) if n.span.start < o.span.start => nested.next(),
            (Some(_), _) => outline.next(),
            (None, _) => nested.next(),
        })
    }
}

/// A footnote label as pulldown-cmark matches it: spaces collapsed, in
/// lowercase. Hugo matches labels exactly, as written.
pub fn footnote_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

struct OpenBlock {
    block: Block,
}

impl OpenBlock {
    /// [`OpenBlock::push`], cut where the text enters and leaves the
    /// stretches of the file written over (`altered`, see [`unaltered`]);
    /// most files have none, and no cut to make.
    fn push_unaltered(&mut self, t: &str, src: Span, verbatim: bool, code: bool, altered: &[Span]) {
        if altered.is_empty() {
            self.push(t, src, verbatim, code);
            return;
        }
        for (piece, src, verbatim) in unaltered(t, src, verbatim, altered) {
            self.push(piece, src, verbatim, code);
        }
    }

    fn push(&mut self, text: &str, src: Span, verbatim: bool, code: bool) {
        let start = self.block.text.len();
        self.block.text.push_str(text);
        self.block.runs.push(Run {
            text: start..self.block.text.len(),
            src,
            verbatim,
            code,
        });
    }

    fn space(&mut self) {
        if !self.block.text.is_empty() && !self.block.text.ends_with(' ') {
            self.block.text.push(' ');
        }
    }

    /// A line break inside the block: a space that says where the line
    /// ended (`Junior : 40k€` and `Senior : 60k€` on two lines are two
    /// labels).
    fn line_break(&mut self) {
        if !self.block.text.trim_end_matches(' ').is_empty() && !self.block.text.ends_with('\n') {
            self.block.text.push('\n');
        }
    }
}

/// A heading being parsed.
struct OpenHeading {
    level: u8,
    span: Span,
    text: String,
    text_span: Option<Span>,
    block: OpenBlock,
    /// How many inline `<sup>` elements are open at this point of it (see
    /// [`sup_tag`]): their text is no part of [`Heading::text`].
    sup: usize,
    id: IdText,
}

impl OpenHeading {
    fn close(self, source: &str) -> Heading {
        let mut h = Heading {
            level: self.level,
            text: self.text.trim().to_string(),
            span: self.span,
            text_span: self.text_span.unwrap_or(Span::at(self.span.end)),
            block: HeadingBlock::Empty,
            id_text: self.id.finish(),
        };
        let content = heading_content(source, &h).clamp_to(source);
        if content.is_empty() {
            return h;
        }
        if let Some(mut b) = close(self.block) {
            b.span = content;
            h.block = if is_plain(&b, &h.text, h.text_span) {
                HeadingBlock::Plain
            } else {
                HeadingBlock::Kept(Box::new(b))
            };
        }
        h
    }
}

struct OpenLink {
    text: String,
    dest: String,
    span: Span,
    image: bool,
    autolink: bool,
}

/// Pieces of the file read as one text (the lines of an HTML block without
/// the `> ` before each), with where each piece is in the file, so that an
/// offset in the text maps back to the file.
#[derive(Debug, Default)]
pub struct JoinedText {
    pub text: String,
    /// (offset in `text`, offset in the file) where each piece starts.
    pieces: Vec<(usize, usize)>,
}

impl JoinedText {
    /// Appends `piece`, found at `at` in the file.
    pub fn push(&mut self, piece: &str, at: usize) {
        self.pieces.push((self.text.len(), at));
        self.text.push_str(piece);
    }

    /// The offset in the file of offset `at` in the text.
    pub fn source_offset(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|&(t, _)| t <= at)
            .saturating_sub(1);
        self.pieces.get(i).map_or(at, |&(t, src)| src + (at - t))
    }
}

/// Pushes the `<a href="…">` and `<img src="…">` of an HTML block inside a container, whose
/// `lines` are what is left of each line after the container's prefix (a
/// `> ` between the lines of a tag would end it): they are read as one
/// text, and the links found mapped back to the file.
fn nested_html_links(source: &str, lines: &[Span], links: &mut Vec<Link>) {
    let mut joined = JoinedText::default();
    for line in lines {
        if let Some(piece) = source.get(line.start..line.end) {
            joined.push(piece, line.start);
        }
    }
    let in_file = |at: usize| joined.source_offset(at);
    let found = links.len();
    html_links(&joined.text, 0, &mut false, links);
    for link in &mut links[found..] {
        // The end maps from its last byte, to stay on the value's line.
        let end = if link.span.is_empty() {
            in_file(link.span.start)
        } else {
            in_file(link.span.end - 1) + 1
        };
        link.span = Span::new(in_file(link.span.start), end);
    }
}

/// Pushes the `<a href="…">` and `<img src="…">` (an image) of a piece of raw HTML (`html`, at `start` in
/// the file) to `links`. Comments (`<!-- … -->`, `<!-->`), declarations and
/// closing tags are skipped, and so is every other tag with its attributes
/// (an `<a` inside a quoted value is not a tag). `in_comment` carries an
/// open comment from one piece to the next.
fn html_links(html: &str, start: usize, in_comment: &mut bool, links: &mut Vec<Link>) {
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if *in_comment {
            match html[i..].find("-->") {
                Some(end) => {
                    *in_comment = false;
                    i += end + 3;
                }
                None => return,
            }
            continue;
        }
        let Some(lt) = html[i..].find('<') else {
            return;
        };
        i += lt;
        let rest = &html[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            i += 4;
            // `<!-->` and `<!--->` are whole (empty) comments.
            match ["->", ">"].iter().find(|e| after.starts_with(**e)) {
                Some(end) => i += end.len(),
                None => *in_comment = true,
            }
            continue;
        }
        i += 1;
        match b.get(i) {
            // A closing tag, a declaration or a processing instruction.
            Some(b'/' | b'!' | b'?') => {
                match html[i..].find('>') {
                    Some(end) => i += end + 1,
                    None => return,
                }
                continue;
            }
            Some(c) if c.is_ascii_alphabetic() => {}
            _ => continue,
        }
        let name_start = i;
        while b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
        {
            i += 1;
        }
        let tag = &html[name_start..i];
        // The address of an `<a href>`, or of an `<img src>` (an image).
        let (is_a, is_img) = (
            tag.eq_ignore_ascii_case("a"),
            tag.eq_ignore_ascii_case("img"),
        );
        // Attributes up to the tag's `>`.
        let (attributes, end) = super::html::attribute_ranges(html, i);
        for (name, value) in attributes {
            let Some(value) = value else { continue };
            // An address a shortcode writes (`href="{{< ref "p.md" >}}"`,
            // read `{{xx…}}`) is the `ref` check's.
            let address = (is_a && html[name.clone()].eq_ignore_ascii_case("href"))
                || (is_img && html[name].eq_ignore_ascii_case("src"));
            if address && !html[value.clone()].contains("{{") {
                let written = html[value.clone()].trim();
                // Character references decoded as a browser decodes them in
                // an attribute (HTML's named references included).
                links.push(Link {
                    text: String::new(),
                    dest: htmlize::unescape_attribute(written).into_owned(),
                    span: Span::new(start + value.start, start + value.end),
                    image: is_img,
                    autolink: false,
                    html: true,
                });
            }
        }
        match end {
            Some(end) => i = end,
            None => return,
        }
    }
}

/// Whether the inline HTML `tag` opens a `<sup>` element (`Some(true)`,
/// `<sup>`, `<SUP class="note">`), closes one (`Some(false)`, `</sup>`),
/// or is anything else (`None`; `<sup/>` opens nothing).
fn sup_tag(tag: &str) -> Option<bool> {
    let caps = super::html::tag_regex().captures(tag.trim())?;
    if !caps.name("name")?.eq_ignore_ascii_case("sup") {
        return None;
    }
    if caps.name("close").is_some_and(|c| !c.is_empty()) {
        return Some(false);
    }
    caps.name("selfclose")
        .is_none_or(str::is_empty)
        .then_some(true)
}

/// The length of the list marker that opens `line` (`-`, `*`, `+`, or one
/// to nine digits and `.` or `)`, as CommonMark reads them), when a space,
/// a tab or the end of the line follows it: `---` and `**gras**` open none.
pub fn list_marker(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let n = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        _ => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
    };
    matches!(b.get(n), None | Some(b' ' | b'\t' | b'\n' | b'\r')).then_some(n)
}

/// `text` with every lone `\r` replaced by `\n`, when it has any: for
/// CommonMark (and our line index) a lone `\r` ends a line, but pulldown-cmark
/// reads it as text. One byte for one, so every offset stays the same.
pub fn lone_cr_as_lf(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return None;
    }
    Some(
        text.char_indices()
            .map(|(i, c)| if lone(i) { '\n' } else { c })
            .collect(),
    )
}

/// The shortcodes that hold code rather than Markdown: Hugo's built-in
/// `highlight`.
const CODE_SHORTCODES: &[&str] = &["highlight"];

/// Where `text`, whose shortcode tags are `tags`, holds a code shortcode
/// ([`CODE_SHORTCODES`]) opened and closed: from the opening tag's start to
/// the closing tag's end, and the code between them.
fn code_shortcodes(text: &str, tags: &[ShortcodeTag]) -> Vec<(Range<usize>, Range<usize>)> {
    let mut found = Vec::new();
    let mut open: Option<(&str, usize, usize)> = None;
    for t in tags {
        let name = &text[t.name.clone()];
        match open {
            None if !t.closing && t.self_closing().is_none() && CODE_SHORTCODES.contains(&name) => {
                open = Some((name, t.tag.start, t.tag.end));
            }
            Some((opened, start, inner)) if t.closing && (name == opened || name.is_empty()) => {
                found.push((start..t.tag.end, inner..t.tag.start));
                open = None;
            }
            _ => {}
        }
    }
    found
}

/// `text` with the code of its code shortcodes blanked: each byte but line
/// breaks and what opens a line (spaces, tabs, `>`) made a space, so that
/// offsets stay and the Markdown parser reads no heading, list or prose in
/// it (`# a comment` is no heading).
fn blank(text: &str, code: &[(Range<usize>, Range<usize>)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (_, inner) in code {
        // What opens each line is kept: the `>` of a blockquote and the
        // indentation of a list item the shortcode is in, so that its
        // container goes on to the closing tag.
        let mut line_start =
            inner.start == 0 || matches!(text.as_bytes().get(inner.start - 1), Some(b'\n' | b'\r'));
        for b in bytes.get_mut(inner.clone()).unwrap_or_default() {
            match *b {
                b'\n' | b'\r' => line_start = true,
                b' ' | b'\t' | b'>' if line_start => {}
                _ => {
                    line_start = false;
                    *b = b' ';
                }
            }
        }
    }
    // Whole characters were replaced, by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Of `tags`, the shortcode tags of `text` that stand inside a raw HTML tag, between
/// its `<name` and its `>` (`<a href="{{< ref "p.md" >}}">`). Hugo
/// replaces a tag with a placeholder before it renders the Markdown, so the
/// HTML tag reads whole; a tag's quotes inside the attribute's would
/// otherwise make it no HTML. A blank line ends an HTML tag left open.
fn shortcodes_in_html_tags(text: &str, tags: &[ShortcodeTag]) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    if tags.is_empty() || memchr::memchr(b'<', b).is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut next = tags.iter().peekable();
    // Inside an HTML tag, and in which quote of its attributes.
    let mut in_tag = false;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        if let Some(tag) = next.next_if(|t| t.tag.start <= i) {
            if tag.tag.start == i {
                if in_tag {
                    out.push(tag.tag.clone());
                }
                i = tag.tag.end.max(i + 1);
            }
            continue;
        }
        match b[i] {
            b'<' if !in_tag && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) => {
                in_tag = true;
                quote = None;
            }
            c @ (b'"' | b'\'') if in_tag => match quote {
                None => quote = Some(c),
                Some(q) if q == c => quote = None,
                Some(_) => {}
            },
            b'>' if in_tag && quote.is_none() => in_tag = false,
            b'\n'
                if in_tag
                    && matches!(
                        text[i + 1..]
                            .trim_start_matches([' ', '\t', '\r'])
                            .as_bytes()
                            .first(),
                        None | Some(b'\n')
                    ) =>
            {
                in_tag = false;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `text` with each of `ranges` written `{{xx…xx}}`, as many bytes (line
/// breaks kept): a placeholder that reads as neither Markdown nor HTML, as
/// Hugo's does, and that an address holding it (`href="{{x}}"`) shows as
/// written by a shortcode.
fn placeholders(text: &str, ranges: &[Range<usize>]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        let len = r.len();
        for (k, b) in bytes
            .get_mut(r.clone())
            .unwrap_or_default()
            .iter_mut()
            .enumerate()
        {
            *b = match *b {
                b'\n' | b'\r' => *b,
                _ if k < 2 => b'{',
                _ if k + 2 >= len => b'}',
                _ => b'x',
            };
        }
    }
    // Whole characters were replaced, by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// Parses `source[start..]` as the Markdown body of the file `source`.
pub fn parse(source: &str, start: usize) -> Body {
    // `start` is on a character boundary (the caller's invariant); `get`
    // keeps a broken caller from panicking.
    let original = source.get(start..).unwrap_or_default();
    let normalized = lone_cr_as_lf(original);
    let text = normalized.as_deref().unwrap_or(original);
    // Read once, for the parse and the rules (the same offsets as `text`).
    let shortcodes = shortcode_scan(original);
    let code = code_shortcodes(text, &shortcodes.tags);
    let blanked = (!code.is_empty()).then(|| blank(text, &code));
    let text = blanked.as_deref().unwrap_or(text);
    let in_html = shortcodes_in_html_tags(text, &shortcodes.tags);
    let replaced = (!in_html.is_empty()).then(|| placeholders(text, &in_html));
    let text = replaced.as_deref().unwrap_or(text);
    // The stretches of the file those two wrote over with ASCII where it
    // holds other characters: text read there maps to the file as a whole
    // (one byte of the parse's text may be the middle of a character).
    let mut altered: Vec<Span> = code
        .iter()
        .map(|(_, inner)| inner.clone())
        .chain(in_html.iter().cloned())
        .filter(|r| !original.get(r.clone()).unwrap_or_default().is_ascii())
        .map(|r| Span::new(r.start, r.end).offset(start))
        .collect();
    // In order, as `unaltered` reads them: the two kinds interleave.
    altered.sort_by_key(|s| s.start);
    let broken = RefCell::new(Vec::new());
    let mut callback = |link: BrokenLink<'_>| {
        broken.borrow_mut().push(BrokenRef {
            label: link.reference.to_string(),
            span: Span::new(link.span.start, link.span.end).offset(start),
            shortcut: matches!(link.link_type, LinkType::Shortcut),
        });
        None
    };
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let parser = Parser::new_with_broken_link_callback(text, options, Some(&mut callback));

    let mut body = Body {
        shortcodes,
        ..Body::default()
    };
    body.code_blocks.extend(
        code.iter()
            .map(|(whole, _)| Span::new(whole.start, whole.end).offset(start)),
    );
    let mut blocks: Vec<OpenBlock> = Vec::new();
    let mut heading: Option<OpenHeading> = None;
    let mut links: Vec<OpenLink> = Vec::new();
    let mut in_code_block = false;
    let mut in_html_block = false;
    // The lines of an HTML block inside a blockquote or list item: read
    // together at its end, without the `> ` or indent before each.
    let mut html_lines: Option<Vec<Span>> = None;
    // Open list items, blockquotes and footnote definitions.
    let mut containers = 0usize;
    // Open blockquotes.
    let mut quotes = 0usize;
    // Whether inline HTML so far left a comment open (`<!--` without `-->`).
    let mut in_comment = false;
    // Open strong emphasis: the depth of the block it is in and where it
    // starts in its text (None inside a heading or outside any block).
    let mut strong: Vec<Option<(usize, usize)>> = Vec::new();

    for (event, range) in parser.into_offset_iter() {
        // Blanked code makes each byte of a character a space: a code
        // block the parser finds there may start or end inside a character
        // of the file, which no span may.
        let whole = Span::new(range.start, range.end).clamp_to(original);
        let range = whole.start..whole.end;
        let span = whole.offset(start);
        let slice = text.get(range.clone()).unwrap_or_default();
        if let Some(h) = heading.as_mut() {
            h.id.follow(&event);
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level: l, .. } => {
                    let mut block = new_block(BlockKind::Paragraph, span, &body);
                    block.block.heading = None;
                    heading = Some(OpenHeading {
                        level: level(l),
                        span,
                        text: String::new(),
                        text_span: None,
                        block,
                        sup: 0,
                        id: IdText::default(),
                    })
                }
                Tag::Paragraph => {
                    if let Some(top) = blocks.last_mut() {
                        top.space();
                    } else {
                        blocks.push(new_block(BlockKind::Paragraph, span, &body));
                    }
                }
                Tag::Item => {
                    containers += 1;
                    blocks.push(new_block(BlockKind::ListItem, span, &body))
                }
                Tag::BlockQuote(_) => {
                    containers += 1;
                    if quotes == 0 {
                        body.quotes.push(span);
                    }
                    quotes += 1;
                }
                Tag::FootnoteDefinition(label) => {
                    containers += 1;
                    // `[^label]` opens the definition; else its first line.
                    let written = format!("[^{label}]");
                    let marker = if slice.starts_with(&written) {
                        Span::new(span.start, span.start + written.len())
                    } else {
                        let line = slice.find('\n').unwrap_or(slice.len());
                        Span::new(span.start, span.start + line)
                    };
                    body.footnote_labels.push((label.to_string(), marker));
                    // The outermost only, should one be written in another.
                    if body.footnotes.last().is_none_or(|f| f.end <= span.start) {
                        body.footnotes.push(span);
                    }
                }
                Tag::TableHead | Tag::TableRow => {
                    blocks.push(new_block(BlockKind::TableRow, span, &body))
                }
                Tag::TableCell => {
                    if let Some(top) = blocks.last_mut() {
                        top.space();
                        let at = top.block.text.len();
                        top.block.cells.push(at);
                    }
                }
                Tag::CodeBlock(_) => {
                    in_code_block = true;
                    body.code_blocks.push(span);
                    // In a tight list item, the text before the block and
                    // after it are two: they must not run into one word.
                    if let Some(top) = blocks.last_mut() {
                        top.space();
                    }
                }
                Tag::HtmlBlock => {
                    in_html_block = true;
                    body.html_blocks.push(span);
                    if let Some(top) = blocks.last_mut() {
                        top.space();
                    }
                    // Read whole: a tag may run over several of its lines,
                    // which come as one event each.
                    if containers == 0 {
                        let mut open = false;
                        html_links(slice, span.start, &mut open, &mut body.links);
                    } else {
                        html_lines = Some(Vec::new());
                    }
                }
                Tag::Strong => strong.push(match (&heading, blocks.last()) {
                    (None, Some(top)) => Some((blocks.len(), top.block.text.len())),
                    _ => None,
                }),
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } => {
                    links.push(OpenLink {
                        text: String::new(),
                        dest: dest_url.to_string(),
                        span,
                        image: false,
                        autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
                    });
                }
                Tag::Image {
                    link_type,
                    dest_url,
                    ..
                } => {
                    links.push(OpenLink {
                        text: String::new(),
                        dest: dest_url.to_string(),
                        span,
                        image: true,
                        autolink: matches!(link_type, LinkType::Autolink | LinkType::Email),
                    });
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_) => {
                    if let Some(open) = heading.take() {
                        let list = if containers > 0 {
                            &mut body.nested_headings
                        } else {
                            &mut body.headings
                        };
                        list.push(open.close(source));
                    }
                }
                TagEnd::Paragraph
                    if blocks
                        .last()
                        .is_some_and(|b| b.block.kind == BlockKind::Paragraph) =>
                {
                    finish(&mut blocks, &mut body);
                }
                TagEnd::Item => {
                    containers = containers.saturating_sub(1);
                    finish(&mut blocks, &mut body)
                }
                TagEnd::TableHead | TagEnd::TableRow => finish(&mut blocks, &mut body),
                TagEnd::BlockQuote(_) => {
                    containers = containers.saturating_sub(1);
                    quotes = quotes.saturating_sub(1);
                }
                TagEnd::FootnoteDefinition => containers = containers.saturating_sub(1),
                TagEnd::CodeBlock => in_code_block = false,
                TagEnd::HtmlBlock => {
                    in_html_block = false;
                    if let Some(lines) = html_lines.take() {
                        nested_html_links(source, &lines, &mut body.links);
                    }
                }
                TagEnd::Strong => {
                    let depth = blocks.len();
                    if let (Some(Some((at, start))), Some(top)) = (strong.pop(), blocks.last_mut())
                        && at == depth
                        && start < top.block.text.len()
                    {
                        top.block.strong.push(start..top.block.text.len());
                    }
                }
                TagEnd::Link | TagEnd::Image => {
                    if let Some(link) = links.pop() {
                        body.links.push(Link {
                            text: link.text.trim().to_string(),
                            dest: link.dest,
                            span: link.span,
                            image: link.image,
                            autolink: link.autolink,
                            html: false,
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) if !in_code_block => {
                let code = slice.starts_with('`');
                let (src, verbatim) = locate(slice, &t, span);
                for link in &mut links {
                    link.text.push_str(&t);
                }
                if let Some(h) = heading.as_mut() {
                    // A mark in superscript (`## Repères clairs<sup>1</sup>`,
                    // a note's call) is no part of the title: it stays in
                    // the prose block only.
                    if h.sup == 0 {
                        h.text.push_str(&t);
                    }
                    // An empty text (pulldown-cmark gives one before a
                    // closing `##`) says nothing of where the text is.
                    if !t.is_empty() && h.sup == 0 {
                        h.text_span = Some(h.text_span.map_or(src, |s| s.cover(src)));
                    }
                    h.block.push_unaltered(&t, src, verbatim, code, &altered);
                } else if let Some(top) = blocks.last_mut() {
                    top.push_unaltered(&t, src, verbatim, code, &altered);
                }
            }
            Event::FootnoteReference(label) => {
                body.footnote_refs.push((label.to_string(), span));
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = heading.as_mut() {
                    h.text.push(' ');
                    h.block.space();
                } else if let Some(top) = blocks.last_mut() {
                    top.line_break();
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(h) = heading.as_mut() {
                    match sup_tag(&t) {
                        Some(true) => h.sup += 1,
                        Some(false) => h.sup = h.sup.saturating_sub(1),
                        None => {}
                    }
                }
                if !in_html_block {
                    html_links(slice, span.start, &mut in_comment, &mut body.links);
                } else if let Some(lines) = html_lines.as_mut() {
                    lines.push(span);
                }
                body.html.push(Html {
                    text: t.to_string(),
                    span,
                    inline: !in_html_block,
                })
            }
            _ => {}
        }
    }
    while !blocks.is_empty() {
        finish(&mut blocks, &mut body);
    }
    body.broken_refs = broken.into_inner();
    body.blocks.sort_by_key(|b| b.span.start);
    link_parents(&mut body.blocks);
    body.code_blocks.sort_by_key(|s| s.start);
    nest_headings_in_details(&mut body, original, start);
    body.sections = sections(&body.headings, source.len());
    body
}

/// Takes the headings inside a `<details>` element out of the outline
/// (`<details>` … `## Bonus` … `</details>`, the Markdown between the tags
/// separated from them by blank lines): a collapsed aside, not a section of
/// the article, as a heading in a blockquote is not. Only an element the
/// raw HTML closes counts: a `<details>` left open (which the markup rule
/// reports) takes no heading out. So does Hugo's `details` shortcode, which
/// renders its Markdown in such an element (`{{< details summary="…" >}}`
/// … `{{< /details >}}`), once closed. `text` is the body, from byte
/// `start` of the file.
fn nest_headings_in_details(body: &mut Body, text: &str, start: usize) {
    let has_details = |h: &Html| {
        h.text
            .as_bytes()
            .windows(b"details".len())
            .any(|w| w.eq_ignore_ascii_case(b"details"))
    };
    // The closed elements, from their opening tag to their closing one.
    let tags = &body.shortcodes.tags;
    let mut closed: Vec<Span> = body
        .shortcodes
        .pairs(text)
        .into_iter()
        .filter(|&(open, _)| text.get(tags[open].name.clone()) == Some("details"))
        .map(|(open, close)| Span::new(tags[open].tag.start, tags[close].tag.end).offset(start))
        .collect();
    if closed.is_empty() && !body.html.iter().any(|h| !h.inline && has_details(h)) {
        return;
    }
    let mut open: Vec<usize> = Vec::new();
    let joined = super::html::blocks_before(&body.html, usize::MAX);
    let text = joined.text.as_str();
    for caps in super::html::tags(text, |i| super::html::is_shortcode(text, i)) {
        let Some(name) = caps.name("name") else {
            continue;
        };
        if !name.eq_ignore_ascii_case("details") {
            continue;
        }
        let Some(at) = caps.whole() else { continue };
        if caps.name("close").is_some_and(|c| !c.is_empty()) {
            if let Some(start) = open.pop() {
                // From its last byte, which is in the tag's piece.
                let end = joined.source_offset(at.end.saturating_sub(1)) + 1;
                closed.push(Span::new(start, end));
            }
        } else if caps.name("selfclose").is_none_or(str::is_empty) {
            open.push(joined.source_offset(at.start));
        }
    }
    if closed.is_empty() {
        return;
    }
    let inside = |h: &Heading| {
        closed
            .iter()
            .any(|c| c.start <= h.span.start && h.span.end <= c.end)
    };
    if !body.headings.iter().any(inside) {
        return;
    }
    let (nested, outline): (Vec<Heading>, Vec<Heading>) = std::mem::take(&mut body.headings)
        .into_iter()
        .partition(inside);
    body.headings = outline;
    body.nested_headings.extend(nested);
    body.nested_headings.sort_by_key(|h| h.span.start);
    // Each block belongs to the last outline heading before it.
    for b in &mut body.blocks {
        b.heading = body
            .headings
            .partition_point(|h| h.span.start < b.span.start)
            .checked_sub(1);
    }
}

fn new_block(kind: BlockKind, span: Span, body: &Body) -> OpenBlock {
    // The text of a paragraph or row is at most as long as its source; a
    // list item's source holds its nested lists too (and may be the whole
    // file), so it gets less room ahead.
    let room = match kind {
        BlockKind::ListItem => span.len().min(256),
        _ => span.len(),
    };
    OpenBlock {
        block: Block {
            kind,
            text: String::with_capacity(room),
            span,
            runs: Vec::new(),
            heading: body.headings.len().checked_sub(1),
            strong: Vec::new(),
            cells: Vec::new(),
            parent: None,
        },
    }
}

/// Sets each block's [`Block::parent`]: blocks are in source order, and a
/// list item's span holds its nested lists.
fn link_parents(blocks: &mut [Block]) {
    // The list items that hold the block being read, innermost last.
    let mut open: Vec<usize> = Vec::new();
    for i in 0..blocks.len() {
        let Some(end) = blocks.get(i).map(|b| b.span.end) else {
            break;
        };
        while open
            .last()
            .is_some_and(|&top| blocks.get(top).is_none_or(|t| t.span.end < end))
        {
            open.pop();
        }
        if let Some(b) = blocks.get_mut(i) {
            b.parent = open.last().copied();
            if b.kind == BlockKind::ListItem {
                open.push(i);
            }
        }
    }
}

fn finish(blocks: &mut Vec<OpenBlock>, body: &mut Body) {
    if let Some(block) = blocks.pop().and_then(close) {
        body.blocks.push(block);
    }
}

/// The block, its text trimmed at the end; `None` when it has no text.
fn close(mut open: OpenBlock) -> Option<Block> {
    let trimmed = open.block.text.trim_end().len();
    open.block.text.truncate(trimmed);
    for r in &mut open.block.strong {
        r.end = r.end.min(trimmed);
    }
    open.block.strong.retain(|r| r.start < r.end);
    // Runs stay inside the text (a trailing no-break space is trimmed off
    // the text, not off the run that held it).
    for r in &mut open.block.runs {
        r.text.start = r.text.start.min(trimmed);
        r.text.end = r.text.end.min(trimmed);
    }
    (!open.block.text.trim().is_empty()).then_some(open.block)
}

/// The text `t` the parse read at `src` of the file, cut where it enters
/// and leaves the stretches of the file written over (`altered`, sorted),
/// each stretch no longer verbatim: a run there maps to the stretch's
/// ends, on whole characters of the file. Most texts are not cut.
fn unaltered<'t>(
    t: &'t str,
    src: Span,
    verbatim: bool,
    altered: &[Span],
) -> Vec<(&'t str, Span, bool)> {
    let overlapping = || {
        altered
            .iter()
            .filter(move |a| a.start < src.end && src.start < a.end)
    };
    if !verbatim || src.len() != t.len() || overlapping().next().is_none() {
        return vec![(t, src, verbatim)];
    }
    let mut pieces = Vec::new();
    let mut at = src.start;
    // The stretches' ends are whole characters of `t` too (ASCII inside
    // them, the file's text around them); `get` keeps a broken caller
    // from panicking.
    let mut piece = |from: usize, to: usize, verbatim: bool| {
        let text = t.get(from - src.start..to - src.start)?;
        pieces.push((text, Span::new(from, to), verbatim));
        Some(())
    };
    for a in overlapping() {
        let (from, to) = (a.start.max(src.start).max(at), a.end.min(src.end));
        if at < from && piece(at, from, true).is_none() {
            return vec![(t, src, false)];
        }
        if from <= to && piece(from, to, false).is_none() {
            return vec![(t, src, false)];
        }
        at = at.max(to);
    }
    if at < src.end && piece(at, src.end, true).is_none() {
        return vec![(t, src, false)];
    }
    pieces
}

/// Where the event's text `t` lies inside its source `slice`.
fn locate(slice: &str, t: &str, span: Span) -> (Span, bool) {
    if slice == t {
        return (span, true);
    }
    match slice.find(t) {
        Some(i) if !t.is_empty() => (Span::new(span.start + i, span.start + i + t.len()), true),
        _ => (span, false),
    }
}

/// Where a heading's inline content is in `source`: after the `#` markers and
/// before a closing `#` sequence or `{…}` attributes (ATX), or the lines above
/// the underline (setext). Markup inside it (`**`, backticks) is included.
pub fn heading_content(source: &str, h: &Heading) -> Span {
    let s = h.span.clamp_to(source);
    let text = &source[s.start..s.end];
    let lead = text.len() - text.trim_start_matches(' ').len();
    let rest = &text[lead..];
    if rest.starts_with('#') {
        let hashes = rest.len() - rest.trim_start_matches('#').len();
        let line = rest[hashes..].lines().next().unwrap_or("");
        let skipped = line.len() - line.trim_start_matches([' ', '\t']).len();
        let start = s.start + lead + hashes + skipped;
        let mut content = line[skipped..].trim_end();
        if content.ends_with('}')
            && let Some(open) = content.rfind('{')
        {
            content = content[..open].trim_end();
        }
        let unclosed = content.trim_end_matches('#');
        if unclosed.len() < content.len()
            && (unclosed.is_empty() || unclosed.ends_with([' ', '\t']))
        {
            content = unclosed.trim_end();
        }
        Span::new(start, start + content.len())
    } else {
        let body = text.trim_end_matches(['\n', '\r']);
        let above = body
            .rfind(['\n', '\r'])
            .map_or(body, |i| &body[..i])
            .trim_end();
        let start = s.start + lead;
        Span::new(start, (s.start + above.len()).max(start))
    }
}

fn sections(headings: &[Heading], end: usize) -> Vec<Section> {
    headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let stop = headings[i + 1..]
                .iter()
                .find(|n| n.level <= h.level)
                .map_or(end, |n| n.span.start);
            Section {
                heading: i,
                span: Span::new(h.span.start, stop),
                content: Span::new(h.span.end.min(stop), stop),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text the parse reads where the file was written over with ASCII (a
    /// code shortcode's code, a shortcode tag inside an HTML tag) maps to
    /// whole characters of the file, and the text around it exactly.
    #[test]
    fn text_written_over_maps_to_whole_characters() {
        for source in [
            "Texte {{< highlight go >}}é à{{< /highlight >}} fin, été.\n",
            "<pa\nTexte {{< note « à » >}} fin, été.\n",
            "<pa\nTexte {{< note \"à\" >}} puis {{< highlight go >}}é à{{< /highlight >}} fin, été.\n",
        ] {
            let body = parse(source, 0);
            for b in &body.blocks {
                let chars: Vec<usize> = b.text.char_indices().map(|(i, _)| i).collect();
                for pair in chars.windows(2) {
                    let span = b.source_span(pair[0]..pair[1]);
                    assert!(
                        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
                        "{source:?}: {span:?}"
                    );
                }
                let at = b.text.find("été").unwrap();
                let span = b.source_span(at..at + "été".len());
                assert_eq!(&source[span.start..span.end], "été", "{source:?}");
            }
        }
    }

    #[test]
    fn a_heading_s_text_span_stops_at_its_text() {
        for src in ["## **Dédramatisation** ##\n", "## *Repères clairs* #\n"] {
            let body = parse(src, 0);
            let h = &body.headings[0];
            let shown = &src[h.text_span.start..h.text_span.end];
            assert_eq!(shown, h.text, "{src}");
        }
    }

    /// The text of a `<sup>` (a note's call, `<sup>1</sup>`) is no part of
    /// a heading's text, nor its span; other inline HTML's text is, and a
    /// `<sup>` outside a heading is not followed.
    #[test]
    fn a_heading_s_superscript_is_no_part_of_its_text() {
        for (src, text) in [
            ("## Repères clairs<sup>1</sup>\n", "Repères clairs"),
            (
                "## Repères <SUP class=x>*a*</SUP> clairs\n",
                "Repères  clairs",
            ),
            ("## A<sup>1<sup>2</sup>3</sup>B\n", "AB"),
            ("## Le <abbr>CTO</abbr><sup/> seul\n", "Le CTO seul"),
            ("## Un </sup>titre<sup>2\n", "Un titre"),
            ("## Note<!-- <sup> -->1\n", "Note1"),
        ] {
            let body = parse(src, 0);
            assert_eq!(body.headings[0].text, text, "{src}");
        }
        let src = "## Repères clairs<sup>1</sup>\n";
        let h = &parse(src, 0).headings[0];
        assert_eq!(&src[h.text_span.start..h.text_span.end], "Repères clairs");
        // Its prose keeps it.
        assert_eq!(h.block(src).unwrap().text, "Repères clairs1");
        let body = parse("Un texte<sup>1</sup>.\n\n## Titre\n", 0);
        assert_eq!(body.headings[0].text, "Titre");
        assert_eq!(body.blocks[0].text, "Un texte1.");
    }

    #[test]
    fn headings_blocks_and_links() {
        let src = "intro\n\n## Le réel\n\nUn *texte* avec [un lien](/posts/x/).\n\n- item `code`\n  - nested\n\n```\n## not a heading\n```\n";
        let body = parse(src, 0);
        assert_eq!(body.headings.len(), 1);
        let h = &body.headings[0];
        assert_eq!(h.text, "Le réel");
        assert_eq!(&src[h.text_span.start..h.text_span.end], "Le réel");
        let texts: Vec<&str> = body.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["intro", "Un texte avec un lien.", "item code", "nested"]
        );
        assert_eq!(body.links[0].dest, "/posts/x/");
        assert_eq!(body.links[0].text, "un lien");
        assert_eq!(body.code_blocks.len(), 1);
        assert_eq!(body.blocks[1].heading, Some(0));
    }

    /// In a tight list item, the text before an HTML or code block and the
    /// text after it do not run into one word (« xIl faut »).
    #[test]
    fn a_block_inside_a_tight_item_separates_its_text() {
        let src = "- Un x\n  <!-- note -->\n  Il faut voir.\n- Un y\n  ```\n  code\n  ```\n  Il faut lire.\n";
        let body = parse(src, 0);
        let texts: Vec<&str> = body.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Un x Il faut voir.", "Un y Il faut lire."]);
    }

    /// Pulldown-cmark reads the Markdown between `<details>` and
    /// `</details>` (blank lines around it) as Markdown: its headings are
    /// headings, but in a collapsed aside, out of the outline. A
    /// `<details>` never closed takes none out.
    #[test]
    fn headings_in_details_stay_out_of_the_outline() {
        let src = "## Un\n\ntexte\n\n<details>\n<summary>Plus</summary>\n\n## Bonus\n\nUn complément.\n\n<DETAILS open>\n\n### Encore\n\n</DETAILS>\n\n</details>\n\nsuite\n\n## Deux\n\nfin\n\n<details>\n\n## Ouvert\n";
        let body = parse(src, 0);
        let outline: Vec<&str> = body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(outline, ["Un", "Deux", "Ouvert"]);
        let nested: Vec<&str> = body
            .nested_headings
            .iter()
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(nested, ["Bonus", "Encore"]);
        // The first section runs over the element to `## Deux`, and the
        // blocks in it and after it belong to `## Un`.
        assert_eq!(body.sections[0].span.end, src.find("## Deux").unwrap());
        for text in ["Un complément.", "suite"] {
            let b = body.blocks.iter().find(|b| b.text == text).unwrap();
            assert_eq!(b.heading, Some(0), "{text}");
        }
        let last = body.blocks.iter().find(|b| b.text == "fin").unwrap();
        assert_eq!(last.heading, Some(1));
    }

    #[test]
    fn list_markers() {
        for (line, n) in [
            ("- a", 1),
            ("*\tb", 1),
            ("+", 1),
            ("12. c", 3),
            ("3)", 2),
            ("1.\n", 2),
        ] {
            assert_eq!(list_marker(line), Some(n), "{line:?}");
        }
        for line in [
            "---",
            "**gras**",
            "-a",
            "1.5 an",
            "1234567890. x",
            ". a",
            "",
        ] {
            assert_eq!(list_marker(line), None, "{line:?}");
        }
    }

    /// Hugo's `details` shortcode written without spaces, inside HTML
    /// blocks, is no `<details>` tag: a `</details>` after it closes
    /// nothing, and the heading between stays in the outline.
    #[test]
    fn a_details_shortcode_is_no_details_tag() {
        let src = "<div>\n{{<details summary=\"Plus\">}}\n</div>\n\n## Un\n\ntexte\n\n</details>\n";
        let body = parse(src, 0);
        let outline: Vec<&str> = body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(outline, ["Un"]);
    }

    /// Hugo's `details` shortcode renders its Markdown in a `<details>`
    /// element: once closed, the headings inside are an aside's; an
    /// unclosed one, or another shortcode, takes none out.
    #[test]
    fn headings_in_a_details_shortcode_stay_out_of_the_outline() {
        let src = "---\na: 1\n---\n## Un\n\n{{< details summary=\"Plus\" >}}\n## Bonus\n\nx\n{{< /details >}}\n\n## Deux\n\n{{% note %}}\n## Trois\n{{% /note %}}\n\n{{<details>}}\n## Quatre\n";
        let body = parse(src, src.find("## Un").unwrap());
        let outline: Vec<&str> = body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(outline, ["Un", "Deux", "Trois", "Quatre"]);
        let nested: Vec<&str> = body
            .nested_headings
            .iter()
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(nested, ["Bonus"]);
        // The blocks after the aside belong to the section it is in.
        let x = body
            .blocks
            .iter()
            .find(|b| b.text.starts_with('x'))
            .unwrap();
        assert_eq!(x.heading, Some(0));
    }

    /// The code of Hugo's `highlight` shortcode is code: no heading, list
    /// item, prose or link of it is read, and the pair is a code block.
    #[test]
    fn a_highlight_shortcode_holds_code() {
        let src = "x\n\n## Un\n\n{{< highlight sh \"linenos=table\" >}}\n## été\n- [x](/posts/y/)\n\nIl faut.\n{{< /highlight >}}\n\nfin {{%highlight go%}}a{{%/highlight%}} suite\n\n## Deux\n";
        let body = parse(src, 3);
        let outline: Vec<&str> = body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(outline, ["Un", "Deux"]);
        let texts: Vec<&str> = body.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "{{< highlight sh \"linenos=table\" >}}",
                "{{< /highlight >}}",
                "fin {{%highlight go%}} {{%/highlight%}} suite",
            ]
        );
        assert!(body.links.is_empty());
        let code: Vec<&str> = body
            .code_blocks
            .iter()
            .map(|s| &src[s.start..s.end])
            .collect();
        assert_eq!(
            code,
            [
                &src[src.find("{{< highlight").unwrap()..src.find("\n\nfin").unwrap()],
                "{{%highlight go%}}a{{%/highlight%}}",
            ]
        );
        // In a blockquote, the quote goes on to the closing tag.
        let src = "> {{< highlight sh >}}\n> ## Titre\n> il faut\n> {{< /highlight >}}\n\nfin\n";
        let body = parse(src, 0);
        assert!(body.headings.is_empty());
        assert_eq!(body.quotes.len(), 1);
        let quote = body.quotes[0];
        assert!(src[quote.start..quote.end].ends_with("{{< /highlight >}}\n"));
        let texts: Vec<&str> = body.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["{{< highlight sh >}}", "{{< /highlight >}}", "fin"]);
        // A tag over two lines holds code too, as Hugo reads it.
        let src = "{{< highlight go\n  \"linenos=table\" >}}\n# a\n{{< /highlight >}}\n";
        assert!(parse(src, 0).headings.is_empty());
        // Left open, or closed by another shortcode, it is read as written.
        for src in [
            "{{< highlight >}}\n## Titre\n",
            "{{< highlight >}}\n## Titre\n{{< /figure >}}\n",
        ] {
            let body = parse(src, 0);
            assert_eq!(body.headings.len(), 1, "{src}");
            assert!(body.code_blocks.is_empty(), "{src}");
        }
    }

    /// `<details>` in a string of a `<script>` is text, no element.
    #[test]
    fn a_details_tag_in_a_script_is_no_element() {
        let src = "<script>\nlet a = \"<details>\";\n</script>\n\n## Un\n\ntexte\n\n<script>\nlet b = \"</details>\";\n</script>\n";
        let body = parse(src, 0);
        let outline: Vec<&str> = body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(outline, ["Un"]);
    }

    /// A list item's nested items, and a table in it, name it as their
    /// parent; the items of the next list, and the blocks between, do not.
    #[test]
    fn nested_blocks_name_the_list_item_that_holds_them() {
        let src = "- **Data Engineer**\n  - Junior\n    1. un\n  - Senior\n\n    | a | b |\n    |---|---|\n    | c | d |\n- **Data Analyst**\n  - Junior\n\nTexte.\n\n- Seul\n";
        let body = parse(src, 0);
        let tree: Vec<(&str, Option<&str>)> = body
            .blocks
            .iter()
            .map(|b| {
                let parent = b.parent.map(|p| body.blocks[p].text.as_str());
                (b.text.as_str(), parent)
            })
            .collect();
        assert_eq!(
            tree,
            [
                ("Data Engineer", None),
                ("Junior", Some("Data Engineer")),
                ("un", Some("Junior")),
                ("Senior", Some("Data Engineer")),
                ("a b", Some("Senior")),
                ("c d", Some("Senior")),
                ("Data Analyst", None),
                ("Junior", Some("Data Analyst")),
                ("Texte.", None),
                ("Seul", None),
            ]
        );
    }

    #[test]
    fn headings_in_lists_quotes_and_footnotes_stay_out_of_the_outline() {
        let src = "## Un\n\n> ## Cité\n\n- ## Listé\n  texte\n\nNote[^n].\n\n[^n]: ## Noté\n\n## Deux\n\nfin\n";
        let body = parse(src, 0);
        let outline: Vec<&str> = body.headings.iter().map(|h| h.text.as_str()).collect();
        assert_eq!(outline, ["Un", "Deux"]);
        let nested: Vec<&str> = body
            .nested_headings
            .iter()
            .map(|h| h.text.as_str())
            .collect();
        assert_eq!(nested, ["Cité", "Listé", "Noté"]);
        let every: Vec<&str> = body.every_heading().map(|h| h.text.as_str()).collect();
        assert_eq!(every, ["Un", "Cité", "Listé", "Noté", "Deux"]);
        // The first section runs over the nested headings to `## Deux`.
        assert_eq!(body.sections.len(), 2);
        let deux = src.find("## Deux").unwrap();
        assert_eq!(body.sections[0].span.end, deux);
        // Blocks after a nested heading still belong to the outline's heading.
        let item = body.blocks.iter().find(|b| b.text == "texte").unwrap();
        assert_eq!(item.heading, Some(0));
        let last = body.blocks.iter().find(|b| b.text == "fin").unwrap();
        assert_eq!(last.heading, Some(1));
    }

    /// Footnote definitions are known by their spans, whole (the label and
    /// every paragraph of the note), wherever they are written.
    #[test]
    fn footnote_definitions_are_known() {
        let src = "Un[^a] deux[^b].\n\n[^a]: Note [a](/a/).\n\n    Suite.\n\n- [^b]: Dans une liste.\n\nFin [c](/c/).\n";
        let body = parse(src, 0);
        let notes: Vec<&str> = body
            .footnotes
            .iter()
            .map(|f| src[f.start..f.end].trim_end())
            .collect();
        assert_eq!(
            notes,
            [
                "[^a]: Note [a](/a/).\n\n    Suite.",
                "[^b]: Dans une liste."
            ]
        );
        let noted: Vec<&str> = body
            .links
            .iter()
            .filter(|l| body.in_footnote(l.span))
            .map(|l| l.dest.as_str())
            .collect();
        assert_eq!(noted, ["/a/"]);
        let suite = body.blocks.iter().find(|b| b.text == "Suite.").unwrap();
        assert!(body.in_footnote(suite.span));
        let fin = body.blocks.iter().find(|b| b.text == "Fin c.").unwrap();
        assert!(!body.in_footnote(fin.span));
    }

    #[test]
    fn raw_html_anchors_are_links() {
        let src = "Voir <a href=\"/a/\">A</a>, <abbr title=\"x\">T</abbr>, <A\tclass=c HREF='/b/'>B</A>.\n\n<div>\n<a data-x=\"1\" href = /c/#d>C</a> <a>vide</a>\n<!-- <a href=\"/cache/\">\n<a href=\"/cache2/\"> -->\n<a href=\"/e/\"/><a href=\"/coupe\n</div>\n";
        let body = parse(src, 0);
        let html: Vec<(&str, &str)> = body
            .links
            .iter()
            .filter(|l| l.html)
            .map(|l| (l.dest.as_str(), &src[l.span.start..l.span.end]))
            .collect();
        assert_eq!(
            html,
            [
                ("/a/", "/a/"),
                ("/b/", "/b/"),
                ("/c/#d", "/c/#d"),
                ("/e/", "/e/")
            ]
        );
        assert!(
            body.links
                .iter()
                .filter(|l| l.html)
                .all(|l| l.text.is_empty())
        );
        let hrefs = |src: &str| -> Vec<String> {
            parse(src, 0)
                .links
                .into_iter()
                .filter(|l| l.html)
                .map(|l| l.dest)
                .collect()
        };
        // Empty comments end where they start.
        assert_eq!(
            hrefs("Un <!--> vide, <!---> aussi, <a href=\"/f/\">f</a>.\n"),
            ["/f/"]
        );
        // A tag over several lines of an HTML block; `<a` inside another
        // tag's quoted value is not a tag; an `<img>`'s `src` is an image.
        assert_eq!(
            hrefs(
                "<div>\n<a class=\"x\"\n   href=\"/g/\">g</a>\n<img alt=\"<a href='/h/'>\" src=x>\n</div>\n"
            ),
            ["/g/", "x"]
        );
        let images: Vec<(String, bool)> = parse(
            "<IMG SRC='/i.png'> <img src=\"{{< x >}}\"> <a src=/a.png>\n",
            0,
        )
        .links
        .into_iter()
        .map(|l| (l.dest, l.image))
        .collect();
        assert_eq!(images, [("/i.png".to_string(), true)]);
        // Inside a blockquote or a list item, a tag over several lines of
        // an HTML block is read without the `> ` or indent before each line,
        // and the link's span is the value in the file.
        let src = "Texte.\n\n> <div>\n> <a class=\"x\"\n> href=\"/g/\">g</a>\n> </div>\n\n- <p>\n  <a\n    href='/h/'>h</a></p>\n";
        let links: Vec<(String, &str)> = parse(src, 0)
            .links
            .into_iter()
            .filter(|l| l.html)
            .map(|l| (l.dest, &src[l.span.start..l.span.end]))
            .collect();
        assert_eq!(
            links,
            [("/g/".to_string(), "/g/"), ("/h/".to_string(), "/h/")]
        );
        // Character references decoded as in an attribute: numeric and
        // named ones; a `&` that starts none is text, and a legacy name
        // without `;` before a letter or `=` is left as written.
        assert_eq!(
            hrefs(
                "<a href=\"/a?x=1&amp;y=2\">a</a> <a href=\"#caf&#233;\">b</a> <a href=\"#caf&#xE9;\">c</a> <a href=\"#caf&eacute;\">d</a> <a href=\"/r&d/\">e</a> <a href=\"/?a=1&copy=2&copy;\">f</a>\n"
            ),
            [
                "/a?x=1&y=2",
                "#café",
                "#café",
                "#café",
                "/r&d/",
                "/?a=1&copy=2©"
            ]
        );
    }

    #[test]
    fn a_table_row_knows_its_cells() {
        let src =
            "| Rôle | *Senior* | | Junior |\n| --- | --- | --- | --- |\n| Dev | 65k€ | x | |\n";
        let body = parse(src, 0);
        let cells = |b: &Block| -> Vec<String> {
            (0..b.cells.len())
                .map(|i| b.cell(i).and_then(|r| b.text.get(r)).unwrap().to_string())
                .collect()
        };
        assert_eq!(body.blocks.len(), 2);
        assert_eq!(cells(&body.blocks[0]), ["Rôle", "Senior", "", "Junior"]);
        assert_eq!(cells(&body.blocks[1]), ["Dev", "65k€", "x", ""]);
        let row = &body.blocks[1];
        let at = row.text.find("65k€").unwrap();
        assert_eq!(row.cell_at(at), Some(1));
        assert_eq!(row.cell(4), None);
        // Other blocks have no cells.
        let body = parse("Un paragraphe.\n", 0);
        assert!(body.blocks[0].cells.is_empty() && body.blocks[0].cell(0).is_none());
    }

    #[test]
    fn plain_text_maps_back_to_source() {
        let src = "Avant **gras** et `code` après.\n";
        let body = parse(src, 0);
        let b = &body.blocks[0];
        let at = b.text.find("gras").unwrap();
        let span = b.source_span(at..at + 4);
        assert_eq!(&src[span.start..span.end], "gras");
        let at = b.text.find("code").unwrap();
        assert!(b.touches_code(at..at + 4));
        let span = b.source_span(at..at + 4);
        assert_eq!(&src[span.start..span.end], "code");
    }

    #[test]
    fn strong_ranges_are_plain_text_ranges() {
        let src = "**Rôle** : texte **gras *et* fin** puis.\n\n- **Item** : x\n\n## **Titre**\n";
        let body = parse(src, 0);
        let b = &body.blocks[0];
        let bold: Vec<&str> = b.strong.iter().map(|r| &b.text[r.clone()]).collect();
        assert_eq!(bold, ["Rôle", "gras et fin"]);
        let item = &body.blocks[1];
        assert_eq!(&item.text[item.strong[0].clone()], "Item");
        assert_eq!(body.blocks.len(), 2);
    }

    #[test]
    fn heading_content_and_block() {
        let src = "## Le `code` **ici** ##\n\n### Titre {#perso}\n\nSetext *titre*\n===\n\n##\n";
        let body = parse(src, 0);
        let texts: Vec<&str> = body
            .headings
            .iter()
            .map(|h| {
                let c = heading_content(src, h);
                &src[c.start..c.end]
            })
            .collect();
        assert_eq!(texts, ["Le `code` **ici**", "Titre", "Setext *titre*", ""]);
        let b = body.headings[0].block(src).unwrap();
        assert!(matches!(body.headings[0].block, HeadingBlock::Kept(_)));
        assert_eq!(b.text, "Le code ici");
        assert_eq!(b.heading, None);
        let c = heading_content(src, &body.headings[0]);
        assert_eq!(b.span, c);
        let at = b.text.find("code").unwrap();
        assert!(b.touches_code(at..at + 4));
        let ici = b.source_span(8..11);
        assert_eq!(&src[ici.start..ici.end], "ici");
        assert!(body.headings[3].block(src).is_none());
        // The heading's block is its inline content as the heading reads:
        // `1.` and `-` do not start a list there, and a reference link
        // defined further down resolves.
        let src = "## 1. Les bases

## - tiret [lien][r]

[r]: /posts/x/
";
        let body = parse(src, 0);
        let texts: Vec<String> = body
            .headings
            .iter()
            .map(|h| h.block(src).unwrap().text.clone())
            .collect();
        assert_eq!(texts, ["1. Les bases", "- tiret lien"]);
        assert!(body.broken_refs.is_empty());
        // A plain heading keeps no block: the one made again is the one
        // the parse made.
        assert_eq!(body.headings[0].block, HeadingBlock::Plain);
        let made = body.headings[0].block(src).unwrap();
        let c = heading_content(src, &body.headings[0]);
        assert_eq!(made.span, c);
        assert_eq!(&src[c.start..c.end], "1. Les bases");
        let r = &made.runs[0];
        assert_eq!(&src[r.src.start..r.src.end], made.text);
    }

    #[test]
    fn sections_end_at_next_heading_of_same_level() {
        let src = "## A\n\ntext\n\n### A.1\n\nmore\n\n## B\n";
        let body = parse(src, 0);
        assert_eq!(body.sections.len(), 3);
        assert_eq!(
            body.sections[0].span,
            Span::new(0, src.find("## B").unwrap())
        );
    }
}
