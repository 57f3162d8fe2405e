//! Raw HTML tags of an article, as the markup rule pairs them and as the
//! section moves avoid cutting them.

use std::ops::Range;
use std::sync::OnceLock;

use super::markdown::{Html, JoinedText};
use crate::pattern::{CaptureRegex, Groups};

/// Elements that never have content: their tag opens nothing to close.
pub const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose end tag may be left out.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "rt",
    "rp", "colgroup", "caption", "html", "head", "body",
];

/// Whether the element `name` (lowercase) needs no end tag: a void
/// element, or one whose end tag may be left out.
pub fn no_end_tag(name: &str) -> bool {
    VOID.contains(&name) || OPTIONAL_END.contains(&name)
}

/// A comment, an unclosed `<!--`, or a tag: `close` (`/` or empty), `name`,
/// `selfclose` (`/` or empty).
pub fn tag_regex() -> &'static CaptureRegex {
    static RE: OnceLock<CaptureRegex> = OnceLock::new();
    RE.get_or_init(|| {
        CaptureRegex::new(
            r#"(?s)<!--(?:-?>|.*?--!?>)|<!--|<(?P<close>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)(?:\s(?:[^<>"']|"[^"]*"|'[^']*')*?)?(?P<selfclose>/?)>"#,
        )
        .expect("valid regex")
    })
}

/// Whether the tag at byte `at` of `text` is a Hugo shortcode written
/// without a space after its `{{`: `{{<youtube id>}}`, `{{<figure
/// src="/a.png">}}`, `{{</details>}}`. Hugo reads the shortcode and puts
/// what it renders in its place before the Markdown is rendered: it is no
/// HTML tag, as the spaced form `{{< youtube id >}}` is none.
pub fn is_shortcode(text: &str, at: usize) -> bool {
    text.get(..at).is_some_and(|before| before.ends_with("{{"))
}

/// The attributes of the tag `tag` (`<img src="a.png" alt="Schéma">`,
/// as [`tag_regex`] matches one), left to right, as (name, value): the
/// value unquoted, with its character references decoded as a browser
/// decodes them in an attribute (`&eacute;`), and empty for an attribute
/// written without one (`<input disabled>`).
pub fn attributes(tag: &str) -> Vec<(&str, String)> {
    let b = tag.as_bytes();
    // After `<` and the tag's name.
    let mut i = 1;
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-')
    {
        i += 1;
    }
    attribute_ranges(tag, i)
        .0
        .into_iter()
        .map(|(name, value)| {
            let name = tag.get(name).unwrap_or_default();
            let value = value.and_then(|v| tag.get(v)).unwrap_or_default();
            (name, htmlize::unescape_attribute(value).into_owned())
        })
        .collect()
}

/// An attribute's name and value (`None` when written without one), as
/// byte ranges of the text read.
pub type AttributeRanges = (Range<usize>, Option<Range<usize>>);

/// The attributes of a tag in `text`, read from `i` (right after the tag's
/// name) up to its `>`: `name`, `name=value`, `name="value"` or
/// `name='value'`, as byte ranges of `text` (the value unquoted, `None`
/// for an attribute written without one), and where the tag ends (after
/// its `>`). The end is `None` when the text ends first, or in a quoted
/// value, which is then left out.
pub fn attribute_ranges(text: &str, mut i: usize) -> (Vec<AttributeRanges>, Option<usize>) {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let skip_space = |i: &mut usize| {
        while b.get(*i).is_some_and(|c| c.is_ascii_whitespace()) {
            *i += 1;
        }
    };
    loop {
        skip_space(&mut i);
        match b.get(i) {
            None => return (out, None),
            Some(b'>') => return (out, Some(i + 1)),
            Some(b'/') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let name_start = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !b"=>/".contains(c))
        {
            i += 1;
        }
        let name = name_start..i;
        skip_space(&mut i);
        if b.get(i) != Some(&b'=') {
            out.push((name, None));
            continue;
        }
        i += 1;
        skip_space(&mut i);
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let Some(len) = text.get(i + 1..).and_then(|r| r.find(q as char)) else {
                    return (out, None);
                };
                let v = i + 1..i + 1 + len;
                i = v.end + 1;
                v
            }
            _ => {
                let v0 = i;
                while b
                    .get(i)
                    .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>')
                {
                    i += 1;
                }
                v0..i
            }
        };
        out.push((name, Some(value)));
    }
}

/// The value of the attribute `name` (in any case) of the tag `tag`, as
/// [`attributes`] reads it.
pub fn attribute(tag: &str, name: &str) -> Option<String> {
    attributes(tag)
        .into_iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Elements whose content is text that no tag opens or closes, up to the
/// element's end tag: HTML's raw text elements (`<script>`, `<style>`) and
/// escapable raw text elements (`<textarea>`, `<title>`).
pub const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// The comments and tags of the raw HTML `html`, left to right, as
/// [`tag_regex`] finds them, as HTML reads them: not in the content of a
/// raw text element (a `<span>` in a string of a `<script>`, or in a
/// comment of a `<style>`, is text), nor a tag at which `shortcode` says a
/// Hugo shortcode starts (see [`is_shortcode`]).
pub fn tags<'t>(
    html: &'t str,
    shortcode: impl Fn(usize) -> bool + 't,
) -> impl Iterator<Item = Groups<'t>> + 't {
    // Every match opens with `<`: a text without one compiles no regex.
    let searcher = memchr::memchr(b'<', html.as_bytes()).and_then(|_| tag_regex().searcher(html));
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let caps = searcher.as_ref()?.find_at(from)?;
            let whole = caps.whole()?;
            from = whole.end;
            let Some(name) = caps.name("name") else {
                return Some(caps);
            };
            if shortcode(whole.start) {
                continue;
            }
            if caps.name("close").is_none_or(str::is_empty)
                && let Some(raw) = RAW_TEXT.iter().find(|r| r.eq_ignore_ascii_case(name))
            {
                // Even with `/>`: HTML ignores the slash there.
                from = raw_text_end(html, from, raw);
            }
            return Some(caps);
        }
    })
}

/// Where the content of the raw text element `name`, from byte `from` of
/// `html`, ends: at its end tag (`</script>`, in any case, the name
/// followed by a space, `/` or `>`), or at the end of `html` when it is
/// never closed (HTML reads the rest as its text).
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut at = from;
    while let Some(i) = html.get(at..).and_then(|rest| rest.find("</")) {
        let start = at + i;
        let after = start + 2 + name.len();
        if b.get(start + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && b.get(after)
                .is_some_and(|c| c.is_ascii_whitespace() || matches!(c, b'/' | b'>'))
        {
            return start;
        }
        at = start + 2;
    }
    html.len()
}

/// The HTML blocks of `html` (not the inline HTML of paragraphs) that start
/// before byte `before` of the file, read as one text: a raw text element
/// or a tag may run over several pieces.
pub fn blocks_before(html: &[Html], before: usize) -> JoinedText {
    let mut joined = JoinedText::default();
    let blocks = html.iter().filter(|h| !h.inline);
    for piece in blocks.take_while(|h| h.span.start < before) {
        joined.push(&piece.text, piece.span.start);
    }
    joined
}

/// Whether byte `at` of the file lies inside an HTML element that the raw
/// HTML before it opens and does not close (`<details>` … `## Titre` …
/// `</details>`): cutting or moving the text there would break the
/// element. Only HTML blocks count (a tag inside a paragraph, such as
/// `Option<String>` in prose, ends with it); comments, void elements and
/// self-closing tags open nothing.
pub fn inside_element(html: &[Html], at: usize) -> bool {
    let mut depth: usize = 0;
    let joined = blocks_before(html, at);
    let text = joined.text.as_str();
    for caps in tags(text, |i| is_shortcode(text, i)) {
        let Some(name) = caps.name("name") else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if no_end_tag(&name) {
            continue;
        }
        if caps.name("close").is_some_and(|c| !c.is_empty()) {
            depth = depth.saturating_sub(1);
        } else if caps.name("selfclose").is_none_or(str::is_empty) {
            depth += 1;
        }
    }
    depth > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn places_inside_an_element() {
        let text = "A avec Option<String> dedans.\n\n<details>\n<summary>Voir</summary>\n\n## Titre\n\n</details>\n\n## Suite\n\n<br>\n<!-- <div> -->\n\n## Fin\n";
        let doc = Document::parse("a.md", text.to_string());
        let at = |s: &str| text.find(s).unwrap();
        assert!(!inside_element(&doc.body.html, 0));
        assert!(!inside_element(&doc.body.html, at("<details>")));
        assert!(inside_element(&doc.body.html, at("## Titre")));
        assert!(!inside_element(&doc.body.html, at("## Suite")));
        assert!(!inside_element(&doc.body.html, at("## Fin")));
    }

    /// A tag in the content of a `<script>` opens no element, also when
    /// the script runs over the lines of a blockquote.
    #[test]
    fn scripts_open_no_element() {
        let text = "<script>\nlet a = \"<div>\";\n</script>\n\n## Titre\n\n> <script>\n> let b = \"<div>\";\n> </script>\n\n## Suite\n\n<script>\n\n## Fin\n";
        let doc = Document::parse("a.md", text.to_string());
        let at = |s: &str| text.find(s).unwrap();
        assert!(!inside_element(&doc.body.html, at("## Titre")));
        assert!(!inside_element(&doc.body.html, at("## Suite")));
        // Never closed, the script is open.
        assert!(inside_element(&doc.body.html, at("## Fin")));
    }

    /// A shortcode written without spaces in an HTML block opens no
    /// element: what follows the block is outside any.
    #[test]
    fn shortcodes_open_no_element() {
        let text = "<div>\n{{<youtube abc>}}\n{{<details summary=\"x\">}}\n</div>\n\n## Titre\n\n<div>\n{<span>\n</div>\n\n## Fin\n";
        let doc = Document::parse("a.md", text.to_string());
        let at = |s: &str| text.find(s).unwrap();
        assert!(!inside_element(&doc.body.html, at("## Titre")));
        // One brace is no shortcode: `<span>` stays open.
        assert!(inside_element(&doc.body.html, at("## Fin")));
    }

    /// A self-closing tag with attributes (`<circle r="5"/>`, as SVG
    /// writes them) opens nothing: the `/` before `>` is no attribute.
    #[test]
    fn self_closing_tags_with_attributes() {
        let text = "<svg viewBox=\"0 0 10 10\">\n<circle cx=\"5\" cy=\"5\" r=\"5\"/>\n<path d=\"M0 0 L10 10\" stroke=black/>\n</svg>\n\n## Titre\n\n<a href=x/y>lien</a>\n\n## Fin\n";
        let doc = Document::parse("a.md", text.to_string());
        let at = |s: &str| text.find(s).unwrap();
        assert!(inside_element(&doc.body.html, at("<circle")));
        assert!(!inside_element(&doc.body.html, at("## Titre")));
        assert!(!inside_element(&doc.body.html, at("## Fin")));
        let tags: Vec<(&str, &str)> = tag_regex()
            .captures_iter("<circle r=\"5\"/><a href=x/y><br/>")
            .map(|c| {
                (
                    c.name("name").unwrap_or(""),
                    c.name("selfclose").unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(tags, [("circle", "/"), ("a", ""), ("br", "/")]);
    }

    /// Attributes are read quoted or not, in any case, with their
    /// character references decoded; a `>` in a quoted value is text.
    #[test]
    fn attributes_of_a_tag() {
        let tag = "<IMG SRC=/a.png alt='R&ocirc;les > flux' hidden width = \"30\"/>";
        assert_eq!(
            attributes(tag),
            [
                ("SRC", "/a.png".to_string()),
                ("alt", "Rôles > flux".to_string()),
                ("hidden", String::new()),
                ("width", "30".to_string()),
            ]
        );
        assert_eq!(attribute(tag, "ALT").as_deref(), Some("Rôles > flux"));
        assert_eq!(attribute(tag, "id"), None);
        // Cut short, it gives what it read.
        assert_eq!(attributes("<a id=\"x"), []);
        assert_eq!(attributes("<"), []);
    }
}
