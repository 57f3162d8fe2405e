//! Markdown written inside an HTML block, which Hugo (goldmark) passes to
//! the page as typed: `<div>` then `**gras**` on the next line shows its
//! asterisks, as an HTML block runs to the next blank line and holds no
//! Markdown.

use std::ops::Range;
use std::sync::OnceLock;

use super::{disjoint, escaped};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::document::Document;
use crate::document::html::{RAW_TEXT, VOID, attribute, is_shortcode, tags};
use crate::pattern::{CaptureRegex, Groups};
use crate::rules::Context;
use crate::span::Span;

/// Elements whose text is shown as typed, Markdown or not: `<pre>` and
/// `<code>` (a `**` there is the author's).
const VERBATIM: &[&str] = &["pre", "code", "kbd", "samp"];

/// The tags that start an HTML block even after a paragraph's line
/// (CommonMark's conditions 1 and 6), so that Hugo reads an HTML block
/// there whatever comes before. `search` and `source` are left out: the
/// goldmark of Hugo 0.111 and that of 0.168 disagree on them.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "base",
    "basefont",
    "blockquote",
    "body",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "iframe",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "menuitem",
    "nav",
    "noframes",
    "ol",
    "optgroup",
    "option",
    "p",
    "param",
    "pre",
    "script",
    "section",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// What stands for a tag or a comment in the text that is searched: no
/// word, space or Markdown marker, one byte per byte, so that offsets stay
/// those of the text (`## <a id="x"></a>Titre` is a heading).
const MASK: u8 = 0x01;

/// What stands for a shortcode's tag there: text the template writes
/// (`**{{< param "title" >}}**` is bold around it).
const CALL_MASK: u8 = 0x02;

/// Bold and strikethrough with no space inside their markers, inline
/// links and images (one level of brackets in the text, of parentheses in
/// the target, a quoted title), each over one line break at most (prose
/// wrapped by hand), and ATX headings at the start of a line.
/// Not single `*`/`_` (`2*3*4`, `a_b_c`), `__` (`__init__`) or list
/// markers (`- 5 %`), which prose inside HTML holds as meant. Code spans
/// and fences are read by hand ([`code`]): their backquote runs pair by
/// length.
fn construct_regex() -> &'static CaptureRegex {
    static RE: OnceLock<CaptureRegex> = OnceLock::new();
    RE.get_or_init(|| {
        CaptureRegex::new(concat!(
            r"(?m)(?P<strong>\*{2,3}[^\s*](?:[^*\n]*(?:\n[^*\n]*)?[^\s*])?\*{2,3})",
            r"|(?P<strike>~~[^\s~](?:[^~\n]*(?:\n[^~\n]*)?[^\s~])?~~)",
            r"|(?P<link>(?P<bang>!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])*(?:\n(?:[^\[\]\n]|\[[^\[\]\n]*\])*)?)\]",
            r#"\((?P<url>(?:[^()\s]|\([^()\s]*\))+)(?:[ \t]+(?:"(?P<dq>[^"\n]*)"|'(?P<sq>[^'\n]*)'))?\))"#,
            r"|^ {0,3}(?P<heading>(?P<hashes>#{1,6})[ \t]+(?P<title>[^\n]*[^\s#][^\n]*))",
        ))
        .expect("valid regex")
    })
}

/// One construct found: where (in the block's text), what it is, and how
/// HTML writes it.
struct Found {
    range: Range<usize>,
    what: &'static str,
    html: String,
}

/// The block's text, joined from its lines, with where each line is in
/// the file.
struct Lines {
    text: String,
    /// (offset in `text`, offset in the file, length) of each line.
    pieces: Vec<(usize, usize, usize)>,
}

impl Lines {
    fn source(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|&(t, _, _)| t <= at)
            .saturating_sub(1);
        self.pieces.get(i).map_or(at, |&(t, src, _)| src + (at - t))
    }

    fn span(&self, range: &Range<usize>) -> Span {
        let start = self.source(range.start);
        Span::new(start, self.source(range.end.max(range.start + 1) - 1) + 1)
    }

    /// The ranges of the text that lie in the file's `span`.
    fn ranges(&self, span: Span) -> impl Iterator<Item = Range<usize>> + '_ {
        self.pieces.iter().filter_map(move |&(t, src, len)| {
            let start = span.start.max(src);
            let end = span.end.min(src + len);
            (start < end).then(|| t + (start - src)..t + (end - src))
        })
    }
}

/// Reports the Markdown of `doc`'s HTML blocks, outside their tags,
/// comments, raw text and verbatim elements, and outside shortcodes (Hugo
/// replaces a tag before the Markdown; what a call holds is its
/// template's to render).
pub(super) fn check(doc: &Document, cx: &mut Context) {
    let body = &doc.body;
    if body.html_blocks.is_empty() {
        return;
    }
    let renders = cx.site.as_ref().is_none_or(|s| s.renders_html());
    let base = doc.body_start;
    let tag_span = |i: usize| {
        let t = &body.shortcodes.tags[i].tag;
        Span::new(t.start, t.end).offset(base)
    };
    let pairs: Vec<(Span, Span)> = body
        .shortcodes
        .pairs(doc.source.get(base..).unwrap_or(""))
        .into_iter()
        .map(|(open, close)| (tag_span(open), tag_span(close)))
        .collect();
    let inner = disjoint(
        pairs
            .iter()
            .map(|(open, close)| Span::new(open.end, close.start.max(open.end)))
            .collect(),
    );
    let replaced: Vec<Span> = doc.replaced().collect();
    let pieces = &body.html;
    for block in &body.html_blocks {
        let first = pieces.partition_point(|h| h.span.start < block.start);
        let mut lines = Lines {
            text: String::new(),
            pieces: Vec::new(),
        };
        for h in pieces[first..]
            .iter()
            .take_while(|h| h.span.start < block.end)
            .filter(|h| !h.inline)
        {
            if let Some(line) = doc.source.get(h.span.start..h.span.end) {
                lines
                    .pieces
                    .push((lines.text.len(), h.span.start, line.len()));
                lines.text.push_str(line);
            }
        }
        // A lone `\r` ends a line, as the parse reads it: one byte for
        // one, so offsets stay.
        if let Some(text) = crate::document::markdown::lone_cr_as_lf(&lines.text) {
            lines.text = text;
        }
        let text = lines.text.as_str();
        if !text.contains(['*', '~', '[', '`', '#']) || !read_alike(text) {
            continue;
        }
        let mut masked = text.as_bytes().to_vec();
        let mut mask = |r: Range<usize>, with: u8| {
            for b in &mut masked[r] {
                if *b != b'\n' {
                    *b = with;
                }
            }
        };
        // Text meant as typed, or that is not the block's.
        let mut skip: Vec<Range<usize>> = Vec::new();
        let mut opened: Option<Range<usize>> = None;
        let mut verbatim: Option<(usize, usize)> = None;
        let mut raw: Option<usize> = None;
        let mut markdown_attribute = false;
        for caps in tags(text, |i| is_shortcode(text, i)) {
            let Some(m) = caps.whole() else { continue };
            if let Some(from) = raw.take() {
                skip.push(from..m.start);
            }
            if &text[m.clone()] == "<!--" {
                // A comment never closed: the rest is hidden.
                skip.push(m.start..text.len());
                break;
            }
            mask(m.clone(), MASK);
            let Some(name) = caps.name("name") else {
                continue;
            };
            let closing = caps.name("close").is_some_and(|c| !c.is_empty());
            opened.get_or_insert(m.clone());
            markdown_attribute |= !closing && attribute(&text[m.clone()], "markdown").is_some();
            if VERBATIM.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                verbatim = match verbatim {
                    Some((depth, from)) if closing && depth <= 1 => {
                        skip.push(from..m.start);
                        None
                    }
                    Some((depth, from)) if closing => Some((depth - 1, from)),
                    Some((depth, from)) => Some((depth + 1, from)),
                    None if closing => None,
                    None => caps
                        .name("selfclose")
                        .is_none_or(str::is_empty)
                        .then_some((1, m.end)),
                };
            } else if !closing && RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                // `tags` goes on at the element's end tag: what lies
                // before it is the element's text.
                raw = Some(m.end);
            }
        }
        if let Some(from) = raw.or(verbatim.map(|(_, from)| from)) {
            skip.push(from..text.len());
        }
        // Processing instructions, declarations and CDATA, which browsers
        // read as comments up to the next `>`.
        let mut at = 0;
        while let Some(i) = text[at..].find("<").map(|i| at + i) {
            let rest = &text[i + 1..];
            at = i + 1;
            if (rest.starts_with('?') || rest.starts_with('!')) && !rest.starts_with("!--") {
                let end = rest.find('>').map_or(text.len(), |e| i + 1 + e + 1);
                skip.push(i..end);
                at = end;
            }
        }
        // A shortcode's tag is replaced before the Markdown, and what a
        // call holds is its template's to render.
        let in_block = |s: &&Span| s.end > block.start && s.start < block.end;
        for s in replaced.iter().filter(in_block) {
            for r in lines.ranges(*s) {
                // What `{{% %}}` writes is Markdown, read with the text
                // around it: where the block ends after it is not known
                // (the output of `{{% figure %}}` ends with a blank line).
                if text[r.clone()].starts_with("{{%") {
                    skip.push(r.start..text.len());
                }
                mask(r, CALL_MASK);
            }
        }
        for s in inner.iter().filter(in_block) {
            skip.extend(lines.ranges(*s));
        }
        // A call opened before the block and closed inside it is one
        // placeholder to Hugo: the lines after it go on from that
        // placeholder (a paragraph's) up to a line that opens an HTML
        // block whatever comes before.
        for (_, close) in pairs
            .iter()
            .filter(|(open, close)| open.start < block.start && in_block(&close))
        {
            let from = text
                .len()
                .min(lines.ranges(*close).last().map_or(0, |r| r.end));
            let to = line_starts(text, from)
                .find(|&l| starts_block(&text[l..]))
                .unwrap_or(text.len());
            skip.push(from..to);
        }
        let masked = String::from_utf8(masked).unwrap_or_default();
        let (mut found, fenced) = code(&masked, text);
        skip.extend(fenced);
        found.extend(others(&masked, text, 3));
        found.retain(|f| {
            !skip
                .iter()
                .any(|s| s.start < f.range.end && f.range.start < s.end)
                && !escaped(text, f.range.start)
        });
        // A construct inside another is told with it (`**gras**` in a code
        // span, a code span in a heading).
        found.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
        let mut end = 0;
        found.retain(|f| {
            let inside = f.range.end <= end;
            end = end.max(f.range.end);
            !inside
        });
        // A code span takes its backquotes first: a construct across one
        // (`**a `b** c`) is none.
        let code: Vec<Range<usize>> = found
            .iter()
            .filter(|f| f.what == "code")
            .map(|f| f.range.clone())
            .collect();
        found.retain(|f| {
            f.what == "code"
                || !code
                    .iter()
                    .any(|c| c.start < f.range.end && f.range.start < c.end)
        });
        let around = Around {
            opened: opened.map(|r| lines.span(&r)),
            renders,
            markdown_attribute,
        };
        // One fix for the block, on its first finding.
        let mut fix = (!found.is_empty())
            .then(|| blank_lines_fix(doc, *block, &lines, &masked, &skip))
            .flatten();
        for f in found {
            let span = lines.span(&f.range);
            let written = text.get(f.range.clone()).unwrap_or_default();
            report(span, written, &f, &around, fix.take(), cx);
        }
    }
}

/// The fix of a block whose Markdown lies between a line of opening tags
/// and a line of closing tags (`<div class="note">`, Markdown lines,
/// `</div>`): a blank line after the first line and one before the last,
/// so that Hugo renders the lines between as Markdown. None when the
/// block is inside a container (a list item, a blockquote: its lines
/// would need their prefix), when a line between holds HTML, a shortcode
/// or text not read (the blank lines would cut it otherwise), or is
/// indented four spaces or a tab (it would become code).
fn blank_lines_fix(
    doc: &Document,
    block: Span,
    lines: &Lines,
    masked: &str,
    skip: &[Range<usize>],
) -> Option<Fix> {
    // The block's lines in the file (pulldown-cmark gives a line ending
    // with `\r\n` as two pieces), and the masked text of each.
    let source = doc.source.get(block.start..block.end)?;
    // Lines end with `\n`, `\r\n` or a lone `\r`, as the parse reads them.
    let b = source.as_bytes();
    let mut file_lines: Vec<(usize, &str)> = Vec::new();
    let mut from = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
            file_lines.push((block.start + from, &source[from..=i]));
            from = i + 1;
        }
    }
    if from < source.len() {
        file_lines.push((block.start + from, &source[from..]));
    }
    let [first, middle @ .., last] = file_lines.as_slice() else {
        return None;
    };
    if middle.is_empty() || !skip.is_empty() || !first.1.ends_with(['\n', '\r']) {
        return None;
    }
    let masked_of = |&(start, line): &(usize, &str)| -> String {
        lines
            .ranges(Span::new(start, start + line.len()))
            .filter_map(|r| masked.get(r))
            .collect()
    };
    let only_tags = |line: &str| {
        let line = line.trim_end_matches(['\n', '\r']);
        !line.starts_with([' ', '\t'])
            && !line.is_empty()
            && line.bytes().all(|b| b == MASK || b == b' ' || b == b'\t')
    };
    let markdown = |line: &str| {
        let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        lead.len() < 4
            && !lead.contains('\t')
            && !line.trim().is_empty()
            && !line.bytes().any(|b| b == MASK || b == CALL_MASK)
    };
    // Each line whole in the block: no container's prefix before it.
    let whole = file_lines.iter().all(|&(start, line)| {
        let text = masked_of(&(start, line));
        text.trim_end_matches(['\n', '\r']).len() == line.trim_end_matches(['\n', '\r']).len()
    });
    if !whole
        || block.start > 0
            && !matches!(
                doc.source.as_bytes().get(block.start - 1),
                Some(b'\n' | b'\r')
            )
        || !only_tags(&masked_of(first))
        || !only_tags(&masked_of(last))
        || !last.1.starts_with("</")
        || first.1.starts_with("</")
        || !starts_block(first.1)
        || !starts_block(last.1)
        || [first.1, last.1]
            .iter()
            .any(|l| tag_name(l).eq_ignore_ascii_case("p"))
        || !middle.iter().all(|l| markdown(&masked_of(l)))
    {
        return None;
    }
    // The line break the file uses, for the blank lines.
    let newline = if first.1.ends_with("\r\n") {
        "\r\n"
    } else if first.1.ends_with('\r') {
        "\r"
    } else {
        "\n"
    };
    Some(Fix::risky(
        "leave a blank line after the opening tags and before the closing ones",
        vec![
            Edit::insert(first.0 + first.1.len(), newline),
            Edit::insert(last.0, newline),
        ],
    ))
}

/// Whether goldmark reads the block's first line as pulldown-cmark does:
/// not when a tab follows the tag's name or ends a tag alone on its line
/// (goldmark starts no block there), nor for `<search>` and `<source>`,
/// on which Hugo 0.111's goldmark and 0.168's disagree.
fn read_alike(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default();
    let name = tag_name(first);
    !first.contains('\t')
        && !name.eq_ignore_ascii_case("search")
        && !name.eq_ignore_ascii_case("source")
}

/// The starts of the lines of `text` after byte `from`.
fn line_starts(text: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    text[from..]
        .match_indices('\n')
        .map(move |(i, _)| from + i + 1)
}

/// Whether `line` opens with a tag that starts an HTML block after a
/// paragraph's line (see [`BLOCK_TAGS`]).
fn starts_block(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let Some(tag) = line[indent..].strip_prefix('<') else {
        return false;
    };
    let closing = tag.starts_with('/');
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let end = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = &tag[..end];
    let after = tag[end..].chars().next();
    // `<pre>` and the raw text elements start a block by their opening
    // tag only (CommonMark's first condition).
    let opening_only = ["pre", "script", "style", "textarea"];
    indent <= 3
        && BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
        && !(closing && opening_only.iter().any(|t| t.eq_ignore_ascii_case(name)))
        && after.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
}

/// The name of the tag `line` opens with (`div` for `</div>`), or nothing.
fn tag_name(line: &str) -> &str {
    let tag = line
        .trim_start()
        .trim_start_matches('<')
        .trim_start_matches('/');
    &tag[..tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len())]
}

/// Code fences and code spans in `masked` (the block's text with its tags
/// masked), written as `text` has them: a run of three backquotes or more
/// at the start of a line with none after it on the line, or of three
/// tildes, opens a fence, up to a line of the same character, as many or
/// more (whose code, returned second, is the author's); elsewhere a run of
/// backquotes and the next run of the same length are a code span, over a
/// line break too (a run with no such partner is text).
fn code(masked: &str, text: &str) -> (Vec<Found>, Vec<Range<usize>>) {
    let mut found = Vec::new();
    let mut fenced = Vec::new();
    // The text outside fences, where code spans are, by stretches.
    let mut prose: Vec<Range<usize>> = Vec::new();
    // The fence open: its character, its length, where its code starts.
    let mut fence: Option<(u8, usize, usize)> = None;
    let mut start = 0;
    for line in masked.split_inclusive('\n') {
        let at = start;
        start += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        let run = |c: u8| rest.bytes().take_while(|&b| b == c).count();
        if let Some((c, n, from)) = fence {
            if indent <= 3 && run(c) >= n && rest[run(c)..].trim().is_empty() {
                fenced.push(from..at);
                fence = None;
            }
            continue;
        }
        if indent <= 3 {
            let (ticks, tildes) = (run(b'`'), run(b'~'));
            let opens = if ticks >= 3 && !rest[ticks..].contains('`') {
                Some((b'`', ticks))
            } else if tildes >= 3 {
                Some((b'~', tildes))
            } else {
                None
            };
            if let Some((c, n)) = opens {
                fence = Some((c, n, start));
                found.push(Found {
                    range: at + indent..at + indent + n,
                    what: "a code fence",
                    html: "<pre><code>…</code></pre>".to_string(),
                });
                continue;
            }
        }
        match prose.last_mut() {
            Some(last) if last.end == at => last.end = start,
            _ => prose.push(at..start),
        }
    }
    if let Some((_, _, from)) = fence {
        fenced.push(from..masked.len());
    }
    // Code spans: backquote runs paired by length.
    let b = masked.as_bytes();
    for stretch in prose {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = stretch.start;
        while i < stretch.end {
            if b[i] == b'`' {
                let n = b[i..stretch.end].iter().take_while(|&&c| c == b'`').count();
                runs.push((i, n));
                i += n;
            } else {
                i += 1;
            }
        }
        // For each run, the next of its length: one pass back, so that
        // pairing stays linear however many runs there are.
        let mut next_of: Vec<Option<usize>> = vec![None; runs.len()];
        let mut last: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
        for (k, &(_, n)) in runs.iter().enumerate().rev() {
            next_of[k] = last.insert(n, k);
        }
        let mut k = 0;
        while k < runs.len() {
            let (open, n) = runs[k];
            match next_of[k] {
                Some(j) => {
                    let (close, _) = runs[j];
                    let inner = text.get(open + n..close).unwrap_or_default().trim();
                    if !inner.is_empty() {
                        found.push(Found {
                            range: open..close + n,
                            what: "code",
                            html: format!("<code>{}</code>", escape_html(inner)),
                        });
                    }
                    k = j + 1;
                }
                None => k += 1,
            }
        }
    }
    (found, fenced)
}

/// `text` with `&`, `<` and `>` written as HTML's references, for code.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Bold, strikethrough, links, images and headings in `masked` (the
/// block's text with its tags masked), written as `text` has them, their
/// HTML made `depth` levels deep.
fn others(masked: &str, text: &str, depth: u8) -> Vec<Found> {
    let Some(searcher) = construct_regex().searcher(masked) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(caps) = searcher.find_at(at) {
        let Some(m) = caps.whole() else { break };
        at = m.end.max(m.start + 1);
        // A heading without the spaces after it.
        let range = match caps.range("heading") {
            Some(h) => h.start..h.start + masked[h.clone()].trim_end().len(),
            None => m.clone(),
        };
        let before = masked[..range.start].chars().next_back();
        let after = masked[range.end..].chars().next();
        let glued = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let inline = caps.range("heading").is_none();
        // `x**2 + y**2`, `f[n](t)`: glued to a word, an operator or an
        // index; `https://example.org/**a**`: part of an address.
        if inline && (glued(before) || glued(after) || in_address(masked, range.start)) {
            continue;
        }
        if (caps.range("strong").is_some() || caps.range("strike").is_some())
            && !(flanked(masked, range.clone(), before) && balanced(&text[range.clone()]))
        {
            continue;
        }
        let written = text.get(range.clone()).unwrap_or_default();
        let Some((what, html)) = describe(&caps, text, written, depth) else {
            continue;
        };
        found.push(Found { range, what, html });
    }
    found
}

/// Whether the markers at the ends of `range` of `masked` open and close
/// emphasis as prose writes it: the opening ones after a space, a tag, a
/// shortcode or an opening bracket or quote (not `content/**/x`, `%**`),
/// and followed by no closing punctuation (not `(**)`), the closing ones
/// after no opening punctuation: stars for footnotes or ratings, and
/// globs, are text.
fn flanked(masked: &str, range: Range<usize>, before: Option<char>) -> bool {
    let inner = masked
        .get(range.start + 2..range.end - 2)
        .unwrap_or_default()
        .trim_matches('*');
    let (Some(first), Some(last)) = (inner.chars().next(), inner.chars().next_back()) else {
        return false;
    };
    let mask = |c: char| c == MASK as char;
    before.is_none_or(|c| {
        c.is_whitespace() || mask(c) || c == CALL_MASK as char || "([\"'«’“‘".contains(c)
    }) && !")]}»”,.;:!?%".contains(first)
        && !"([{«“".contains(last)
}

/// Whether the elements `text` opens and closes nest inside it: stars in
/// two table cells (`<td>**</td><td>Bon</td><td>**</td>`) are no bold
/// around the tags between them, `**Note <em>importante</em>**` is.
fn balanced(text: &str) -> bool {
    let mut open: Vec<String> = Vec::new();
    for caps in tags(text, |i| is_shortcode(text, i)) {
        let Some(name) = caps.name("name") else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if caps.name("close").is_some_and(|c| !c.is_empty()) {
            if open.pop().as_deref() != Some(name.as_str()) {
                return false;
            }
        } else if caps.name("selfclose").is_none_or(str::is_empty) {
            open.push(name);
        }
    }
    open.is_empty()
}

/// Whether byte `at` of `text` lies in a bare address (`https://…`,
/// `www.…`): the word around it holds one before it.
fn in_address(text: &str, at: usize) -> bool {
    let word = text[..at]
        .rsplit(|c: char| c.is_whitespace() || c == MASK as char)
        .next()
        .unwrap_or_default();
    word.contains("://") || word.starts_with("www.")
}

/// What a construct is, and how HTML writes it (the Markdown inside made
/// HTML too, `depth` levels deep), `caps` being its groups in the masked
/// text and `written` it in `text`; none for one that is no Markdown's
/// (`**}_{**`: no word inside).
fn describe(
    caps: &Groups<'_>,
    text: &str,
    written: &str,
    depth: u8,
) -> Option<(&'static str, String)> {
    let group = |name: &str| {
        caps.range(name)
            .and_then(|r| text.get(r))
            .unwrap_or_default()
    };
    let worded = |s: &str| {
        s.chars()
            .any(|c| c.is_alphanumeric() || c == MASK as char || c == CALL_MASK as char)
    };
    let html = |s: &str| inline_html(s, depth.saturating_sub(1));
    if let Some(strong) = caps.name("strong") {
        let open = strong.len() - strong.trim_start_matches('*').len();
        let close = strong.len() - strong.trim_end_matches('*').len();
        let inner = written.get(open..written.len() - close).unwrap_or_default();
        if open != close || !worded(strong) {
            return None;
        }
        let html = if open == 3 {
            format!("<strong><em>{}</em></strong>", html(inner))
        } else {
            format!("<strong>{}</strong>", html(inner))
        };
        return Some(("bold text", html));
    }
    if let Some(strike) = caps.name("strike") {
        let inner = written.get(2..written.len() - 2).unwrap_or_default();
        return worded(strike)
            .then(|| ("struck-through text", format!("<del>{}</del>", html(inner))));
    }
    if caps.name("link").is_some() {
        let attr = |s: &str| s.replace('&', "&amp;").replace('"', "&quot;");
        let (label, url) = (group("text"), attr(group("url")));
        let title = caps
            .range("dq")
            .or(caps.range("sq"))
            .and_then(|r| text.get(r))
            .map_or(String::new(), |t| format!(" title=\"{}\"", attr(t)));
        return Some(if caps.name("bang").is_some_and(|b| !b.is_empty()) {
            (
                "an image",
                format!("<img src=\"{url}\" alt=\"{}\"{title}>", attr(label)),
            )
        } else {
            (
                "a link",
                format!("<a href=\"{url}\"{title}>{}</a>", html(label)),
            )
        });
    }
    let title = caps.range("title").and_then(|r| text.get(r))?;
    let level = caps.name("hashes").map_or(1, str::len);
    Some((
        "a heading",
        format!("<h{level}>{}</h{level}>", html(heading_title(title))),
    ))
}

/// `text`, its bold, strikethrough, links, images and code spans written
/// as HTML, `depth` levels deep (what a help shows to write instead).
fn inline_html(text: &str, depth: u8) -> String {
    if depth == 0 || !text.contains(['*', '~', '[', '`']) {
        return text.to_string();
    }
    let mut found = code(text, text).0;
    found.extend(others(text, text, depth));
    found.retain(|f| f.what != "a heading" && f.what != "a code fence");
    found.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    let mut out = String::new();
    let mut at = 0;
    for f in found {
        if f.range.start < at {
            continue;
        }
        out.push_str(&text[at..f.range.start]);
        out.push_str(&f.html);
        at = f.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A heading's title without its closing sequence of `#` (`Titre ##`) or
/// its attributes (`Titre {#ancre .classe}`; not `Titre {x}`, which Hugo
/// shows).
fn heading_title(title: &str) -> &str {
    let mut t = title.trim();
    if t.ends_with('}')
        && let Some(open) = t.rfind('{')
        && t[open + 1..t.len() - 1]
            .split_whitespace()
            .all(|a| a.starts_with('#') || a.starts_with('.') || a.contains('='))
    {
        t = t[..open].trim_end();
    }
    let without = t.trim_end_matches('#');
    if without.len() < t.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        t = without.trim_end();
    }
    t
}

/// What a finding says of the block it is in.
struct Around {
    /// The block's first tag.
    opened: Option<Span>,
    /// Whether the site renders raw HTML.
    renders: bool,
    /// Whether a tag of the block has a `markdown` attribute
    /// (`<div markdown="1">`), which other Markdown processors read.
    markdown_attribute: bool,
}

/// Reports the construct `f`, written `written` at `span`.
fn report(
    span: Span,
    written: &str,
    f: &Found,
    around: &Around,
    fix: Option<Fix>,
    cx: &mut Context,
) {
    let written = &shown(written);
    let blank = if around.markdown_attribute {
        "leave a blank line between the HTML and the Markdown (an HTML block runs to the next blank line, and Markdown renders only outside it; Hugo ignores `markdown=\"1\"`, which kramdown and Python-Markdown read)"
    } else {
        "leave a blank line between the HTML and the Markdown (an HTML block runs to the next blank line, and Markdown renders only outside it)"
    };
    let mut finding = if around.renders {
        Finding::new(
            span,
            format!(
                "{written} is Markdown inside an HTML block: Hugo shows it as typed instead of {}",
                f.what
            ),
        )
        .help(format!("{blank}, or write it in HTML: {}", shown(&f.html)))
    } else {
        Finding::new(
            span,
            format!(
                "{written} is Markdown inside an HTML block: Hugo leaves the block out of the page, Markdown included (the site's goldmark `unsafe` is not `true`)"
            ),
        )
        .help(blank)
    };
    if let Some(fix) = fix {
        finding = finding.fix(fix);
    }
    if let Some(tag) = around.opened.filter(|t| t.end <= span.start) {
        finding = finding.label(
            tag,
            "the HTML block starts here and runs to the next blank line",
        );
    }
    cx.report(finding);
}

/// `written` as code in a message, on one line (a line break as a space):
/// between backquotes, or double ones with spaces when it holds one (``
/// `code` ``).
fn shown(written: &str) -> String {
    let written = written.replace("\r\n", " ").replace(['\n', '\r'], " ");
    if written.contains('`') {
        format!("`` {written} ``")
    } else {
        format!("`{written}`")
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::super::tests::rule;
    use crate::diagnostic::Finding;
    use crate::document::Document;
    use crate::rules::{Context, Rule};
    use crate::site::Site;

    /// What the rule finds in the article `text`, in a `site` or none.
    fn findings(text: &str, site: Option<Site>) -> Vec<Finding> {
        let doc = Document::parse("2025-03-10-a.md", text.to_string());
        let mut cx = Context {
            findings: Vec::new(),
            site: site.map(Arc::new),
        };
        rule().check(&doc, &mut cx);
        cx.findings
    }

    /// The Markdown `text`'s HTML blocks show as typed: the text at each
    /// span, in order.
    fn shown(text: &str, site: Option<Site>) -> Vec<(String, String)> {
        findings(text, site)
            .into_iter()
            .filter(|f| f.message.contains("inside an HTML block"))
            .map(|f| (text[f.span.start..f.span.end].to_string(), f.message))
            .collect()
    }

    fn spans(text: &str) -> Vec<String> {
        shown(text, None).into_iter().map(|(s, _)| s).collect()
    }

    /// What a shortcode pair holds is its template's to render (Hugo's
    /// `details` renders it, a template that writes `.Inner` as is does
    /// not), and a tag's parameters are the template's: neither is read.
    #[test]
    fn shortcodes_are_their_templates_to_render() {
        let text = "<div>\n{{< details summary=\"**Voir**\" >}}\n**gras**\n{{< /details >}}\n\
                    {{% note %}}\n[lien](/x/)\n{{% /note %}}\n</div>\n";
        assert_eq!(spans(text), Vec::<String>::new());
        // After the pair, the block's own text is read.
        let text = "<div>\n{{< note >}}\n**a**\n{{< /note >}}\n**b**\n</div>\n";
        assert_eq!(spans(text), ["**b**"]);
    }

    /// Comments, raw text, verbatim elements and attribute values hold
    /// their text as the author wrote it; an HTML comment's block, or a
    /// `<pre>`'s, runs over blank lines to its end.
    #[test]
    fn text_meant_as_typed_is_not_read() {
        for text in [
            "<!--\n**a**\n\n[b](/c/)\n-->\n",
            "<pre>\n**a**\n\n## Titre\n</pre>\n",
            "<div>\n<pre>**a**\n`b`</pre>\n</div>\n",
            "<div><code>**a**</code> <kbd>`b`</kbd></div>\n",
            "<div>\n<script>\nconst a = \"**a**\";\n// [b](/c/)\n</script>\n</div>\n",
            "<div title=\"**a**\">\n</div>\n",
            "<div>\n\\**a** et \\[b](/c/)\n</div>\n",
        ] {
            assert_eq!(spans(text), Vec::<String>::new(), "{text}");
        }
        // Once the verbatim element is closed, the block is read again.
        assert_eq!(spans("<div><code>a</code> **b**</div>\n"), ["**b**"]);
        // A comment never closed hides the rest of the page.
        assert_eq!(spans("<div>\n**a**\n<!-- **b**\n</div>\n"), ["**a**"]);
    }

    /// A fenced block's code is the author's: only the opening fence is
    /// reported; a heading is reported without the spaces before it, and
    /// only at the start of a line.
    #[test]
    fn fences_and_headings_are_read_at_the_start_of_a_line() {
        let text = "<div>\n```\n**code**\n```\n  ## Titre\n</div>\n<div>## Collé</div>\n";
        assert_eq!(spans(text), ["```", "## Titre"]);
    }

    /// Inside a blockquote or a list item, the spans are the file's.
    #[test]
    fn spans_inside_containers_are_the_file_s() {
        let text = "> <div>\n> **a**\n> </div>\n\n- <div>\n  [b](/c/)\n  </div>\n";
        assert_eq!(spans(text), ["**a**", "[b](/c/)"]);
    }

    /// A shortcode call opened before the block and closed inside it is
    /// one placeholder to Hugo, which the next lines continue as a
    /// paragraph, up to a line that opens an HTML block after one.
    #[test]
    fn a_call_around_the_block_s_start_is_one_placeholder() {
        // (Text first: a file that starts with `{` opens JSON front matter.)
        let text = "Texte.\n\n{{< details summary=\"Voir\" >}}\n<p>Contenu</p>\n{{< /details >}}\nEt **ensuite**.\n";
        assert_eq!(spans(text), Vec::<String>::new());
        let text = "Texte.\n\n{{< details >}}\n<p>a</p>\n{{< /details >}}\nEt **b**.\n<div>\n**c**\n</div>\n";
        assert_eq!(spans(text), ["**c**"]);
    }

    /// Goldmark starts no block at a tab after the tag's name or after a
    /// tag alone on its line, and Hugo 0.111's and 0.168's disagree on
    /// `<search>` and `<source>`: such blocks are not read.
    #[test]
    fn blocks_goldmark_reads_otherwise_are_left_alone() {
        for text in [
            "<p\talign=\"center\">**gras**</p>\n",
            "<span>\t\n**gras**\n</span>\n",
            "<search>\n**gras**\n</search>\n",
            "<source src=\"a.mp4\">\n**gras**\n",
        ] {
            assert_eq!(spans(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// Text no Markdown would render either, or meant as typed: an
    /// address, an operator or an index glued to a word, a title that is
    /// no link's (unquoted), markers around no word, a processing
    /// instruction or CDATA (a comment to browsers), a tab-indented line.
    #[test]
    fn what_is_no_markdown_anywhere_is_not_reported() {
        for text in [
            "<div>\nhttps://example.org/**a**/b et www.example.org/~~a~~\n</div>\n",
            "<?php echo \"**x**\"; ?>\n",
            "<div>\n<![CDATA[ **x** ]]>\n</div>\n",
            "<div>\nIl a dit [sic](à deux reprises) que oui.\n</div>\n",
            "<div>\nx**2 + y**2 et f[n](t)\n</div>\n",
            "<div>\n$$a^{**}_{**}$$\n</div>\n",
            "<div>\n\t# Titre\n</div>\n",
        ] {
            assert_eq!(spans(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// Backquote runs pair by length, as CommonMark pairs them: a fence
    /// closes at a run as long or longer, a code span at one as long, and
    /// a line with backquotes after its first run opens no fence.
    #[test]
    fn backquote_runs_pair_by_length() {
        assert_eq!(spans("<div>\n````\n```\n**x**\n````\n</div>\n"), ["````"]);
        assert_eq!(
            spans("<div>\n```code```\n**gras**\n</div>\n"),
            ["```code```", "**gras**"]
        );
        assert_eq!(
            spans("<div>\n``a ` b`` et ```js `x`\n</div>\n"),
            ["``a ` b``", "`x`"]
        );
    }

    /// A construct around a tag, or a shortcode's tag, is Markdown too:
    /// the tag goes in the page, the markers with it.
    #[test]
    fn constructs_around_tags_and_shortcodes_are_read() {
        let text = "<div>\n[le billet]({{< ref \"a.md\" >}}) et **{{< param \"title\" >}}**\n\
                    ## <a id=\"x\"></a>Titre\n**Note <em>importante</em>**\n</div>\n";
        assert_eq!(
            spans(text),
            [
                "[le billet]({{< ref \"a.md\" >}})",
                "**{{< param \"title\" >}}**",
                "## <a id=\"x\"></a>Titre",
                "**Note <em>importante</em>**"
            ]
        );
    }

    /// Links and images as CommonMark writes them, and what HTML writes
    /// instead, in the help.
    #[test]
    fn links_images_and_headings_are_read_whole() {
        let text = "<div>\n![](/a.png) [a [b] c](/x/) [Foo](https://w.org/Foo_(bar)) [![logo](/l.png)](/)\n\
                    ***gras***\n## Titre ## \n## Autre {#t}\n</div>\n";
        let found: Vec<(&str, String)> = findings(text, None)
            .iter()
            .map(|f| {
                let help = f.help.clone().unwrap_or_default();
                let html = help.rsplit("HTML: ").next().unwrap_or_default().to_string();
                (&text[f.span.start..f.span.end], html)
            })
            .collect();
        assert_eq!(
            found,
            [
                ("![](/a.png)", "`<img src=\"/a.png\" alt=\"\">`".to_string()),
                (
                    "[a [b] c](/x/)",
                    "`<a href=\"/x/\">a [b] c</a>`".to_string()
                ),
                (
                    "[Foo](https://w.org/Foo_(bar))",
                    "`<a href=\"https://w.org/Foo_(bar)\">Foo</a>`".to_string()
                ),
                (
                    "[![logo](/l.png)](/)",
                    "`<a href=\"/\"><img src=\"/l.png\" alt=\"logo\"></a>`".to_string()
                ),
                ("***gras***", "`<strong><em>gras</em></strong>`".to_string()),
                ("## Titre ##", "`<h2>Titre</h2>`".to_string()),
                ("## Autre {#t}", "`<h2>Autre</h2>`".to_string()),
            ]
        );
    }

    /// Stars as prose writes them for footnotes, ratings or globs are no
    /// bold: after a word or a symbol, around closing or opening
    /// punctuation, or across elements.
    #[test]
    fn stars_that_open_or_close_nothing_are_text() {
        for text in [
            "<p>Prix (**) et frais (**) inclus.</p>\n",
            "<table>\n<tr><td>3,5 %**</td><td>4 €**</td></tr>\n</table>\n",
            "<table>\n<tr><td>**</td><td>Bon</td><td>**</td></tr>\n</table>\n",
            "<div>\ncontent/**/index.md et static/**/img\n</div>\n",
        ] {
            assert_eq!(spans(text), Vec::<String>::new(), "{text:?}");
        }
        let text = "<div>\nl'**important**, (**vrai**) et **Note <em>importante</em>**\n</div>\n";
        assert_eq!(
            spans(text),
            ["**important**", "**vrai**", "**Note <em>importante</em>**"]
        );
    }

    /// A construct inside another is told with it: a code span's content
    /// is code, a heading holding a code span is one finding. Code spans
    /// and emphasis go over a line break, as in hand-wrapped prose.
    #[test]
    fn constructs_inside_others_and_over_lines() {
        let text = "<div>\n`**gras**` et ## x\n## Titre avec `code`\nLe `code\nsuite` et **ne pas\npublier** ici.\n</div>\n";
        assert_eq!(
            spans(text),
            [
                "`**gras**`",
                "## Titre avec `code`",
                "`code\nsuite`",
                "**ne pas\npublier**"
            ]
        );
    }

    /// What `{{% %}}` writes is Markdown read with the text around it:
    /// where the block ends after it is not known.
    #[test]
    fn a_percent_shortcode_leaves_the_rest_of_the_block_unknown() {
        let text = "<div>\n**avant**\n{{% figure src=\"/a.png\" %}}\n**gras**\n</div>\n";
        assert_eq!(spans(text), ["**avant**"]);
    }

    /// The help writes in HTML what the construct holds too, quotes code
    /// as HTML text and keeps a link's title; messages quote on one line.
    #[test]
    fn helps_write_the_whole_construct_in_html() {
        let text = "<div>\n[**gras**](/x/ \"Titre\") et `<br>`\n</div>\n";
        let helps: Vec<String> = findings(text, None)
            .iter()
            .map(|f| f.help.clone().unwrap_or_default())
            .map(|h| h.rsplit("HTML: ").next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            helps,
            [
                "`<a href=\"/x/\" title=\"Titre\"><strong>gras</strong></a>`",
                "`<code>&lt;br&gt;</code>`"
            ]
        );
        let found = shown("<div>\nun **mot\ncoupé** ici\n</div>\n", None);
        assert!(
            found[0].1.starts_with("`**mot coupé**` is Markdown"),
            "{found:?}"
        );
    }

    /// A `markdown` attribute, which kramdown and Python-Markdown read and
    /// Hugo ignores, is named in the help.
    #[test]
    fn a_markdown_attribute_is_named_in_the_help() {
        let help = |text: &str| findings(text, None)[0].help.clone().unwrap_or_default();
        assert!(
            help("<div markdown=\"1\">\n**a**\n</div>\n").contains("Hugo ignores `markdown=\"1\"`")
        );
        assert!(!help("<div>\n**a**\n</div>\n").contains("markdown="));
    }

    /// Markdown lines between a line of opening tags and one of closing
    /// tags get the fix of blank lines around them, once for the block;
    /// not in a container, nor around a line of HTML or an indented one.
    #[test]
    fn the_fix_leaves_blank_lines_around_markdown_lines() {
        let fixes = |text: &str| -> Vec<String> {
            let mut fixed: Vec<String> = Vec::new();
            for f in findings(text, None).iter().filter_map(|f| f.fix.as_ref()) {
                let mut out = text.to_string();
                for e in f.edits.iter().rev() {
                    out.replace_range(e.span.start..e.span.end, &e.replacement);
                }
                fixed.push(out);
            }
            fixed
        };
        assert_eq!(
            fixes("<div class=\"a\">\n**a** et `b`\n[c](/d/)\n</div>\n"),
            ["<div class=\"a\">\n\n**a** et `b`\n[c](/d/)\n\n</div>\n"]
        );
        assert_eq!(
            fixes("<div>\r\n**a**\r\n</div>\r\n"),
            ["<div>\r\n\r\n**a**\r\n\r\n</div>\r\n"]
        );
        for text in [
            "> <div>\n> **a**\n> </div>\n",
            "- <div>\n  **a**\n  </div>\n",
            "<details>\n<summary>Voir</summary>\n**a**\n</details>\n",
            "<div>\n    **a**\n</div>\n",
            "<div><p>**a**</p>\n</div>\n",
            "<div>\n**a**\n<!-- b -->\n</div>\n",
            // Blank lines would make it code, or leave a closing tag in a
            // paragraph, or a paragraph in a paragraph.
            "<div>\n  \t**a**\n</div>\n",
            "<div><span>\n**a**\n</span></div>\n",
            "<p>\n**a**\n</p>\n",
        ] {
            assert_eq!(fixes(text), Vec::<String>::new(), "{text:?}");
        }
    }

    /// Found by a code review: a construct across a code span is none; a
    /// closing `</pre>` starts no block after a placeholder; a file whose
    /// lines end with a lone `\r` is read line by line; attribute values
    /// in a help are escaped.
    #[test]
    fn code_spans_first_closing_pre_and_lone_cr() {
        assert_eq!(spans("<div>\n**a `b** c`\n</div>\n"), ["`b** c`"]);
        let text = "Texte.\n\n{{< details >}}\n<div>\n{{< /details >}}\n</pre>\nEt **b**.\n";
        assert_eq!(spans(text), Vec::<String>::new());
        assert_eq!(
            spans("<div>\r## Titre\r**a\rb\rc**\r```\r**x**\r```\r</div>\r"),
            ["## Titre", "```"]
        );
        let found = findings("<div>\n![a \"b\"](/x.png)\n</div>\n", None);
        let help = found[0].help.clone().unwrap_or_default();
        assert!(
            help.ends_with("`<img src=\"/x.png\" alt=\"a &quot;b&quot;\">`"),
            "{help}"
        );
    }

    /// A site whose Hugo configuration leaves raw HTML out of its pages
    /// drops the block, Markdown included: the message says so.
    #[test]
    fn a_site_without_raw_html_drops_the_block() {
        let text = "<div>\n**a**\n</div>\n";
        let mut site = Site::new("/site");
        site.set_renders_html(false);
        let found = shown(text, Some(site));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("leaves the block out of the page"),
            "{found:?}"
        );
        let found = shown(text, None);
        assert!(found[0].1.contains("shows it as typed"), "{found:?}");
    }
}
