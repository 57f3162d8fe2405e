//! Markdown written inside an HTML block, which Hugo (goldmark) passes to
//! the page as typed: `<div>` then `**gras**` on the next line shows its
//! asterisks, as an HTML block runs to the next blank line and holds no
//! Markdown.

use std::sync::OnceLock;

use super::{disjoint, escaped, overlaps};
use crate::diagnostic::Finding;
use crate::document::Document;
use crate::document::html::{RAW_TEXT, is_shortcode, tags};
use crate::document::markdown::JoinedText;
use crate::pattern::CaptureRegex;
use crate::rules::Context;
use crate::span::Span;

/// Elements whose text is shown as typed, Markdown or not: `<pre>` and
/// `<code>` (a `**` there is the author's).
const VERBATIM: &[&str] = &["pre", "code", "kbd", "samp"];

/// The Markdown constructs that are never prose: bold and strikethrough
/// with no space inside their markers, inline links and images, code
/// spans, and, at the start of a line, ATX headings and code fences. Not
/// single `*`/`_` (`2*3*4`, `a_b_c`), `__` (`__init__`) or list markers
/// (`- 5 %`), which prose inside HTML holds as meant.
fn construct_regex() -> &'static CaptureRegex {
    static RE: OnceLock<CaptureRegex> = OnceLock::new();
    RE.get_or_init(|| {
        CaptureRegex::new(concat!(
            r"(?m)(?P<strong>\*\*[^\s*](?:[^*\n]*[^\s*])?\*\*)",
            r"|(?P<strike>~~[^\s~](?:[^~\n]*[^\s~])?~~)",
            r"|(?P<link>(?P<bang>!?)\[(?P<text>[^\[\]\n]+)\]\((?P<url>[^()\s]+)(?:\s+[^()\n]*)?\))",
            r"|(?P<code>`[^`\n]+`)",
            r"|^[ \t]{0,3}(?P<heading>(?P<hashes>#{1,6})[ \t]+(?P<title>[^\n]*[^\s#][^\n]*))",
            r"|^[ \t]{0,3}(?P<fence>```|~~~)",
        ))
        .expect("valid regex")
    })
}

/// What a construct is, and how HTML writes it.
fn describe(caps: &crate::pattern::Groups<'_>, written: &str) -> (&'static str, String) {
    let inner = |n: usize| {
        written
            .get(n..written.len().saturating_sub(n))
            .unwrap_or("")
    };
    if caps.name("strong").is_some() {
        ("bold text", format!("`<strong>{}</strong>`", inner(2)))
    } else if caps.name("strike").is_some() {
        ("struck-through text", format!("`<del>{}</del>`", inner(2)))
    } else if caps.name("link").is_some() {
        let text = caps.name("text").unwrap_or("");
        let url = caps.name("url").unwrap_or("");
        if caps.name("bang").is_some_and(|b| !b.is_empty()) {
            ("an image", format!("`<img src=\"{url}\" alt=\"{text}\">`"))
        } else {
            ("a link", format!("`<a href=\"{url}\">{text}</a>`"))
        }
    } else if caps.name("code").is_some() {
        ("code", format!("`<code>{}</code>`", inner(1)))
    } else if let Some(title) = caps.name("title") {
        let level = caps.name("hashes").map_or(1, str::len);
        (
            "a heading",
            format!("`<h{level}>{}</h{level}>`", title.trim()),
        )
    } else {
        (
            "a code fence",
            "`<pre><code>` … `</code></pre>`".to_string(),
        )
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
    let inner = body
        .shortcodes
        .pairs(doc.source.get(base..).unwrap_or(""))
        .into_iter()
        .map(|(open, close)| {
            Span::new(
                tag_span(open).end,
                tag_span(close).start.max(tag_span(open).end),
            )
        });
    let opaque = disjoint(doc.replaced().chain(inner).collect());
    let pieces = &body.html;
    for block in &body.html_blocks {
        let first = pieces.partition_point(|h| h.span.start < block.start);
        let mut joined = JoinedText::default();
        for h in pieces[first..]
            .iter()
            .take_while(|h| h.span.start < block.end)
            .filter(|h| !h.inline)
        {
            if let Some(line) = doc.source.get(h.span.start..h.span.end) {
                joined.push(line, h.span.start);
            }
        }
        let text = joined.text.as_str();
        if !text.contains(['*', '~', '[', '`', '#']) {
            continue;
        }
        let mut gaps: Vec<(usize, usize)> = Vec::new();
        let mut opened: Option<Span> = None;
        let mut at = 0;
        let mut verbatim = 0usize;
        let mut raw = false;
        let mut hidden = false;
        for caps in tags(text, |i| is_shortcode(text, i)) {
            let Some(m) = caps.whole() else { continue };
            if verbatim == 0 && !raw {
                gaps.push((at, m.start));
            }
            at = m.end;
            raw = false;
            if &text[m.clone()] == "<!--" {
                // A comment never closed: the rest is hidden.
                hidden = true;
                break;
            }
            let Some(name) = caps.name("name") else {
                continue;
            };
            let closing = caps.name("close").is_some_and(|c| !c.is_empty());
            if opened.is_none() {
                let s = joined.source_offset(m.start);
                opened = Some(Span::new(s, s + m.len()));
            }
            if VERBATIM.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                if closing {
                    verbatim = verbatim.saturating_sub(1);
                } else if caps.name("selfclose").is_none_or(str::is_empty) {
                    verbatim += 1;
                }
            } else if !closing && RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                // `tags` goes on at the element's end tag: what lies
                // before it is the element's text.
                raw = true;
            }
        }
        if verbatim == 0 && !raw && !hidden {
            gaps.push((at, text.len()));
        }
        for (from, to) in gaps {
            report_in(&joined, from, to, opened, renders, &opaque, cx);
        }
    }
}

/// Reports the constructs in `joined.text[from..to]`, the text of an HTML
/// block between its tags.
fn report_in(
    joined: &JoinedText,
    from: usize,
    to: usize,
    opened: Option<Span>,
    renders: bool,
    opaque: &[Span],
    cx: &mut Context,
) {
    let text = joined.text.as_str();
    let Some(searcher) = construct_regex().searcher(text) else {
        return;
    };
    let mut at = from;
    while let Some(caps) = searcher.find_at(at) {
        let Some(m) = caps.whole() else { break };
        if m.start >= to {
            break;
        }
        at = m.end.max(m.start + 1);
        // The construct proper: a heading or a fence without the spaces
        // before it.
        let part = ["heading", "fence"]
            .iter()
            .find_map(|g| caps.range(g))
            .unwrap_or(m.clone());
        if part.end > to {
            continue;
        }
        let written = &text[part.clone()];
        let start = joined.source_offset(part.start);
        let span = Span::new(start, joined.source_offset(part.end - 1) + 1);
        if overlaps(opaque, span) || escaped(text, part.start) {
            continue;
        }
        if let Some(fence) = caps.name("fence") {
            // The code up to the closing fence is the author's.
            let close = format!("\n{fence}");
            at = text[m.end..to]
                .find(&close)
                .map_or(to, |i| m.end + i + close.len());
        }
        let (what, html) = describe(&caps, written);
        let written = &shown(written);
        let blank = "leave a blank line between the HTML and the Markdown (an HTML block runs to the next blank line, and Markdown renders only outside it)";
        let finding = if renders {
            Finding::new(
                span,
                format!(
                    "{written} is Markdown inside an HTML block: Hugo shows it as typed instead of {what}"
                ),
            )
            .help(format!("{blank}, or write it in HTML: {html}"))
        } else {
            Finding::new(
                span,
                format!(
                    "{written} is Markdown inside an HTML block: Hugo leaves the block out of the page, Markdown included (the site's goldmark `unsafe` is not `true`)"
                ),
            )
            .help(blank)
        };
        let mut finding = finding;
        if let Some(tag) = opened.filter(|t| t.end <= span.start) {
            finding = finding.label(
                tag,
                "the HTML block starts here and runs to the next blank line",
            );
        }
        cx.report(finding);
    }
}

/// `written` as code in a message: between backquotes, or double ones with
/// spaces when it holds one (`` `code` ``).
fn shown(written: &str) -> String {
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
    use crate::document::Document;
    use crate::rules::{Context, Rule};
    use crate::site::Site;

    /// The Markdown `text`'s HTML blocks show as typed: the text at each
    /// span, in order.
    fn shown(text: &str, site: Option<Site>) -> Vec<(String, String)> {
        let doc = Document::parse("2025-03-10-a.md", text.to_string());
        let mut cx = Context {
            findings: Vec::new(),
            site: site.map(Arc::new),
        };
        rule().check(&doc, &mut cx);
        cx.findings
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
