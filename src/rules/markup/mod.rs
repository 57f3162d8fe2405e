//! The `markup` rule kind: Markdown that does not render as meant.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::pattern::CaptureRegex;
use serde::Deserialize;

use super::{BuildError, Context, Kind, Rule, error_at};
use crate::diagnostic::{Edit, Finding, Fix};
use crate::document::html::{is_shortcode, no_end_tag, tags};
use crate::document::markdown::footnote_label;
use crate::document::{Block, Document};
use crate::span::Span;
use crate::yaml::{Node, de};

mod html_markdown;
mod shortcodes;

pub static KIND: Kind = Kind {
    name: "markup",
    summary: "Broken Markdown: emphasis shown as literal asterisks, empty headings, references to nothing, raw HTML left open, shortcodes the site does not have",
    doc: DOC,
    build,
    schema: |g| g.subschema_for::<Options>(),
};

const DOC: &str = r#"Reports Markdown that does not render as the author meant. Each check
points at the characters at fault.

Options (all true unless said otherwise):
  emphasis: true        `**` that the parser could not pair and left as
                        literal asterisks: `****Impact :** **` (markers
                        doubled: one diagnostic for the whole construct, with
                        the corrected form in the help), `** Attention **`
                        (a space inside the markers, which then cannot
                        pair: one diagnostic, fixed into `**Attention**`),
                        `**` opening emphasis never closed, `**` closing
                        emphasis never opened. A single `*` is not reported
                        (`5 * 3`, a footnote mark), nor a lone `**` with
                        spaces on both sides, nor a lone `**` glued to
                        letters or digits on both sides with no other stray
                        `**` on its line (`2**10`, an operator shown as
                        typed), nor escaped `\*\*`,
                        nor anything in code, nor asterisks inside an autolink
                        or a bare URL (`https://example.org/a**b`), nor
                        inside a Hugo shortcode tag (`{{< note "**a" >}}`:
                        the template renders its parameters) or the `/*`
                        and `*/` of its comment (`{{</**/>}}`).
                        Also `__` and `~~` (strikethrough) left as text,
                        glued to a word on the side they would open or
                        close only (`__Attention` never closed, `barré~~`
                        never opened); not `snake__case`, `__/5` or `___`.
  empty_headings: true  A heading line with no text (`##`).
  references: true      `[text][label]` or `[label][]` whose label has no
                        `[label]: URL` definition: the brackets are shown as is.
                        A bracketed word alone (`[x]`, `[sic]`, `[ ]`) is
                        usually not meant as a link and is not reported, except
                        when a space separates it from a parenthesis holding a
                        link target (`[texte] (/posts/x/)`, `(#ancre)`,
                        `(https://…)`, `(page.md)`, `(www.x.fr)`), which breaks
                        an inline link. Prose in parentheses (`[…] (et pas
                        lui)`, `[1] (Dupont, 2020)`) and the prose brackets
                        `[…]`, `[sic]`, `[x]`, `[ ]` are not reported.
                        Also a footnote reference `[^note]` with no
                        `[^note]: …` definition anywhere in the file: it is
                        shown as typed; a reference that matches its
                        definition only in another case (`[^Note]` and
                        `[^note]: …`): Hugo compares labels exactly; and a
                        definition `[^note]: …` that no `[^note]` calls:
                        Hugo leaves it out of the page.
  shortcut_references: false
                        Also report every bracketed `[label]` that matches no
                        definition.
  html: true            Raw HTML left open: an element opened and never closed
                        (`<div>` without `</div>`; void elements such as `<br>`
                        and elements whose end tag is optional such as `<p>` or
                        `<li>` are fine; `/>` closes an element inside `<svg>`
                        or `<math>`, not an HTML one: `<div/>` and `<span/>`
                        stay open), a closing tag that closes nothing,
                        and `<!--` never closed by `-->` (it hides the rest of
                        the page; inside a paragraph, list item or heading,
                        one not closed before the block ends is shown as
                        typed, with the text after it). The content of `<script>`, `<style>`,
                        `<textarea>` and `<title>` is text: a `<span>` in a
                        string of JavaScript opens nothing. A Hugo shortcode
                        written without spaces
                        (`{{<youtube id>}}`, `{{</details>}}`) is no HTML tag,
                        nor is one in a shortcode's parameter (`{{< figure
                        caption="<b>a" >}}`),
                        nor is a tag in Hugo's typographer guillemets
                        (`<<best practice>>` shows « best practice »).
                        Also Markdown inside an HTML block (from a line
                        that opens with `<div>`, `<details>`, … to the next
                        blank line), which Hugo shows as typed: `**gras**`,
                        `~~barré~~`, `[texte](/cible/)`, `![alt](a.png)`,
                        code spans, and `## Titre` or a code fence at the
                        start of a line; not in a comment, `<pre>`,
                        `<code>`, `<script>`, an attribute, or a shortcode.
  shortcodes: true      A call of a shortcode the site does not have
                        (`{{< youtub id >}}`): Hugo stops the build on it.
                        Only in a Hugo site whose shortcodes can all be
                        known: Hugo's own, and the templates under
                        `layouts/shortcodes/` and `_shortcodes/` of the site
                        and of every theme in its themes folder; not with
                        Hugo modules, `layoutDir`, a theme named but absent,
                        or no configuration file at the site's root. Also,
                        in any site, a closing tag that closes nothing
                        opened before it. Tags are read as Hugo reads them:
                        over several lines, code included, not inside a
                        comment `{{</* … */>}}` or a quoted parameter; an
                        inline shortcode's name is never unknown, and its
                        template may hold no tag. When the site's
                        shortcodes are known, their templates also tell
                        which calls must be closed: a call of one whose
                        template reads `.Inner` (Hugo's `highlight`,
                        `details`, `qr`) left open to the end of the page,
                        and a call of one whose template does not
                        (`youtube`, `figure`) that closes (`{{< youtube id
                        />}}`, `{{< /youtube >}}`): Hugo stops the build on
                        both. Self-closing is fixed by removing the `/`.
                        In any site, parameters Hugo's lexer cannot read:
                        a bare parameter holding other than letters,
                        digits, `-`, `_`, `.` (`{{< youtube https://… >}}`,
                        fixed by quoting it), named and positional mixed,
                        a quote not closed on its line, a bare value
                        running into the tag's end (`src=a.png>}}`, fixed
                        with a space), a `/` inside a bare parameter
                        (`images/a.png`) or before a name (`a / b`), a
                        no-break space, a `\` before a backquote, more
                        than spaces after a closing tag's name; a `{{<`
                        opening no tag Hugo can read (`{{< >}}`, a `.` in
                        a name not before `inline`, `{{< / >}}` first, a
                        tag or comment never closed). See docs/markup.md.
                        Not in a draft or a page dated in the future, which
                        Hugo does not render.

Example:
  - id: markup
    kind: markup
    severity: error
    shortcut_references: false
"#;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct Options {
    #[serde(default = "yes")]
    emphasis: bool,
    #[serde(default = "yes")]
    empty_headings: bool,
    #[serde(default = "yes")]
    references: bool,
    #[serde(default)]
    shortcut_references: bool,
    #[serde(default = "yes")]
    html: bool,
    #[serde(default = "yes")]
    shortcodes: bool,
}

fn yes() -> bool {
    true
}

struct MarkupRule {
    opts: Options,
}

fn build(node: &Node) -> Result<Box<dyn Rule>, BuildError> {
    let opts: Options = de::from_node(node)?;
    if !(opts.emphasis || opts.empty_headings || opts.references || opts.html || opts.shortcodes) {
        return Err(error_at(
            node,
            "every check of the rule is off (`emphasis`, `empty_headings`, `references`, `html`, `shortcodes`), so it would report nothing; set the rule `off` instead",
        ));
    }
    if opts.shortcut_references && !opts.references {
        return Err(error_at(
            node.get("shortcut_references").unwrap_or(node),
            "`shortcut_references` reports `[label]` references, which `references: false` turns off: set `references: true`, or leave this out",
        ));
    }
    Ok(Box::new(MarkupRule { opts }))
}

impl Rule for MarkupRule {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let scan = &doc.body.shortcodes;
        let replaced: Vec<Span> = doc.replaced().collect();
        // Prose read block by block, headings too (each heading's block made
        // once): emphasis, and a `<!--` no comment closes (most articles
        // hold none: no block is read for one).
        let bytes = doc.source.as_bytes();
        let comments = self.opts.html
            && memchr::memchr_iter(b'<', bytes).any(|i| bytes[i..].starts_with(b"<!--"));
        if self.opts.emphasis || comments {
            // Autolinks (`<https://…>`, `<nom@example.org>`): their text
            // is an address. Shortcode tags, read whole, and the `/*` and
            // `*/` of their comments: Hugo takes them out before the
            // Markdown (`Scan::replaced`), and a `**` or a `<a>` in a
            // parameter is the template's to render.
            let autolinks = doc.body.links.iter().filter(|l| l.autolink).map(|l| l.span);
            let opaque = disjoint(autolinks.chain(replaced.iter().copied()).collect());
            let tags = disjoint(replaced.clone());
            let read = |block: &Block, heading: bool, cx: &mut Context| {
                if self.opts.emphasis {
                    check_emphasis(doc, block, &opaque, cx);
                }
                if comments {
                    check_inline_comment(doc, block, &tags, heading, cx);
                }
            };
            for block in &doc.body.blocks {
                read(block, false, cx);
            }
            for h in doc.body.every_heading() {
                if let Some(block) = h.block(&doc.source) {
                    read(&block, true, cx);
                }
            }
        }
        if self.opts.empty_headings {
            check_empty_headings(doc, cx);
        }
        if self.opts.references {
            self.check_references(doc, cx);
        }
        if self.opts.html {
            check_html(doc, &replaced, cx);
            html_markdown::check(doc, cx);
        }
        if self.opts.shortcodes
            && let Some(site) = cx.site.clone()
            && !(scan.tags.is_empty() && scan.broken.is_empty())
        {
            shortcodes::check(doc, scan, &site, cx);
        }
    }
}

/// `spans` sorted and merged where they overlap or touch, so that both
/// their starts and their ends are in order.
fn disjoint(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Whether `span` overlaps one of `disjoint` (sorted, as [`disjoint`]
/// gives them).
fn overlaps(disjoint: &[Span], span: Span) -> bool {
    let i = disjoint.partition_point(|d| d.end <= span.start);
    disjoint.get(i).is_some_and(|d| d.start < span.end)
}

/// A run of literal `**` (or more) in a block, and where it is in the file.
struct Stray {
    span: Span,
    before: Option<char>,
    after: Option<char>,
    /// Inside bold text that renders (`**a ** b ** c**`).
    in_strong: bool,
}

impl Stray {
    /// Spaces (or the block's ends) on both sides: `5 ** 2`, never meant as
    /// emphasis on its own.
    fn spaced(&self) -> bool {
        let spaced = |c: Option<char>| c.is_none_or(char::is_whitespace);
        spaced(self.before) && spaced(self.after)
    }
}

/// The runs of two `marker`s or more (`**`, `__`, `~~`) left as text in
/// `block`, outside code, escapes and addresses.
fn strays(doc: &Document, block: &Block, opaque: &[Span], marker: u8) -> Vec<Stray> {
    let text = &block.text;
    let mut out = Vec::new();
    let mut i = 0;
    // `**` found by its first `*` (memchr): a substring searcher built for
    // each block costs more than the search.
    let pair = |rest: &[u8]| {
        let mut from = 0;
        while let Some(at) = memchr::memchr(marker, rest.get(from..)?) {
            let at = from + at;
            if rest.get(at + 1) == Some(&marker) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    };
    while let Some(found) = text.as_bytes().get(i..).and_then(pair) {
        let start = i + found;
        let len = text[start..].len() - text[start..].trim_start_matches(char::from(marker)).len();
        let end = start + len;
        i = end;
        if block.touches_code(start..end) {
            continue;
        }
        let span = block.source_span(start..end);
        // Escaped stars (`\*\*`) and stars from separate places are not a run.
        if doc.text(span) != &text[start..end] {
            continue;
        }
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        // In a shortcode tag, or part of an address: an autolink, or a
        // bare URL (which goldmark's linkify makes a link), the asterisks
        // inside it.
        if overlaps(opaque, span) || inside_bare_url(&text[..start], after) {
            continue;
        }
        out.push(Stray {
            span,
            before,
            after,
            in_strong: block.strong.iter().any(|r| r.start < start && end < r.end),
        });
    }
    out
}

/// Whether asterisks between `before` (the text up to them) and the
/// character `after` them lie inside a bare URL: the word they are in
/// starts with `http://`, `https://`, `ftp://` or `www.` (or has one after a
/// parenthesis or quote), and the address goes on after them.
fn inside_bare_url(before: &str, after: Option<char>) -> bool {
    let goes_on = after.is_some_and(|c| c.is_ascii_alphanumeric() || "-_~%/?#=&+@".contains(c));
    if !goes_on {
        return false;
    }
    // The word before the asterisks (a URL is rarely longer than this: a
    // bound keeps a long text without spaces from being read again for
    // each marker).
    let mut from = before.len().saturating_sub(2048);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let near = &before[from..];
    let word = near
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    ["http://", "https://", "ftp://", "www."]
        .iter()
        .any(|scheme| {
            word.match_indices(scheme)
                .any(|(at, _)| at == 0 || word[..at].ends_with(['(', '"', '\'', '«', '[', '<']))
        })
}

/// The words between two literal `**` on one line that a space inside
/// them kept from pairing (`** Attention ** :`, `**Attention **`: a `**`
/// followed by a space cannot open, one after a space cannot close), when
/// written without those spaces they render bold where they are. Not when
/// the words are glued to a word outside (`a**b **`), hold no word of two
/// letters (`2 ** 3 ** 4` is arithmetic), start with punctuation other
/// than an opening quote or bracket, or hold another asterisk; nor inside
/// bold text, whose own markers pair around them (`**a ** b ** c**`).
fn spaced_pair(doc: &Document, open: &Stray, close: &Stray) -> Option<String> {
    let (first, second) = (doc.text(open.span), doc.text(close.span));
    let apart = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    if first != "**"
        || second != "**"
        || open.in_strong
        || close.in_strong
        || !(space(open.after) || space(close.before))
        || !apart(open.before)
        || !apart(close.after)
    {
        return None;
    }
    let between = doc.text(Span::new(open.span.end, close.span.start));
    let inner = between.trim();
    let word = inner
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().nth(1).is_some());
    // Words start it (`**. Puis **` is a marker left after a sentence).
    let starts = inner
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || "«“\"([".contains(c));
    if !word || !starts || between.contains(['*', '\n', '\r']) {
        return None;
    }
    // Rendered with its neighbours, which decide whether markers pair.
    let around = |c: Option<char>| c.map(String::from).unwrap_or_default();
    let text = format!("{}**{inner}**{}", around(open.before), around(close.after));
    let bold = pulldown_cmark::Parser::new(&text)
        .any(|e| matches!(e, pulldown_cmark::Event::Start(pulldown_cmark::Tag::Strong)));
    bold.then(|| inner.to_string())
}

fn doubled_regex() -> &'static CaptureRegex {
    static RE: OnceLock<CaptureRegex> = OnceLock::new();
    RE.get_or_init(|| {
        CaptureRegex::new(r"^\*\*\*\*(?P<inner>[^*\n]+?)\*\*(?P<gap>[ \t\u{a0}\u{202f}]*)\*\*$")
            .expect("valid regex")
    })
}

/// What goes between the corrected `**Impact :**` and the character
/// `after` the doubled construct, `gap` being the spaces written between
/// its last two markers: nothing at the end of a line or before a space;
/// a space before a word (kept as written, or added: `****Impact :****texte`
/// shows a closing marker glued to the word, which could not close); the
/// gap as written before the punctuation French spaces (`; : ! ? »`); and
/// nothing before other punctuation (`**Impact :**, texte`).
fn after_doubled(gap: &str, after: Option<char>) -> &str {
    match after {
        None => "",
        Some(c) if c.is_whitespace() => "",
        Some(c) if c.is_alphanumeric() => {
            if gap.is_empty() {
                " "
            } else {
                gap
            }
        }
        Some(';' | ':' | '!' | '?' | '»') => gap,
        Some(_) => "",
    }
}

/// Whether the stray `found[i]` is a lone `**` glued to letters or digits
/// on both sides with no other stray `**` on its line (`2**10`, `x**2`):
/// an operator written as meant, which the page shows as typed.
fn literal_operator(doc: &Document, found: &[Stray], i: usize) -> bool {
    let Some(s) = found.get(i) else {
        return false;
    };
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if doc.text(s.span) != "**" || !alnum(s.before) || !alnum(s.after) {
        return false;
    }
    let same_line = |other: &Stray| {
        let (a, b) = if other.span.start < s.span.start {
            (other.span.end, s.span.start)
        } else {
            (s.span.end, other.span.start)
        };
        !doc.text(Span::new(a, b)).contains('\n')
    };
    !found
        .iter()
        .enumerate()
        .any(|(j, other)| j != i && same_line(other))
}

fn check_emphasis(doc: &Document, block: &Block, opaque: &[Span], cx: &mut Context) {
    check_underscores_and_tildes(doc, block, opaque, cx);
    let found = strays(doc, block, opaque, b'*');
    let mut i = 0;
    while i < found.len() {
        let s = &found[i];
        if let Some(next) = found.get(i + 1) {
            let whole = Span::new(s.span.start, next.span.end);
            let text = doc.text(whole);
            if let Some(caps) = doubled_regex().captures(text) {
                let inner = caps.name("inner").unwrap_or("");
                let gap = after_doubled(caps.name("gap").unwrap_or(""), next.after);
                let write = if gap.is_empty() {
                    format!("write `**{inner}**`")
                } else {
                    format!("write `**{inner}**` and a space after it")
                };
                let (first, second) = (doc.text(s.span), doc.text(next.span));
                let shown = if first == second {
                    format!("two `{first}`")
                } else {
                    format!("`{first}` and `{second}`")
                };
                cx.report(
                    Finding::new(
                        whole,
                        format!(
                            "`{}` doubles its emphasis markers: {shown} are shown as literal asterisks",
                            doc.text(whole)
                        ),
                    )
                    .label(s.span, format!("shown as `{first}`"))
                    .label(next.span, format!("shown as `{second}`"))
                    .help(write.clone())
                    .fix(Fix::safe(
                        write,
                        vec![Edit::replace(whole, format!("**{inner}**{gap}"))],
                    )),
                );
                i += 2;
                continue;
            }
        }
        if let Some(next) = found.get(i + 1)
            && let Some(inner) = spaced_pair(doc, s, next)
        {
            let whole = Span::new(s.span.start, next.span.end);
            let write = format!("write `**{inner}**`");
            cx.report(
                Finding::new(
                    whole,
                    format!(
                        "`{}` is not bold: a space inside the markers leaves them as literal asterisks",
                        doc.text(whole)
                    ),
                )
                .label(s.span, "shown as `**`")
                .label(next.span, "shown as `**`")
                .help(write.clone())
                .fix(Fix::safe(
                    write,
                    vec![Edit::replace(whole, format!("**{inner}**"))],
                )),
            );
            i += 2;
            continue;
        }
        if s.spaced() || literal_operator(doc, &found, i) {
            i += 1;
            continue;
        }
        let marker = doc.text(s.span);
        let opens = s.after.is_some_and(|c| !c.is_whitespace());
        let closes = s.before.is_some_and(|c| !c.is_whitespace());
        let (message, help) = if opens && !closes {
            (
                format!(
                    "`{marker}` opens emphasis that is never closed: it is shown as literal asterisks"
                ),
                format!(
                    "add the closing `{marker}` after the words to emphasise, or remove this one"
                ),
            )
        } else if closes && !opens {
            (
                format!(
                    "`{marker}` closes emphasis that was never opened: it is shown as literal asterisks"
                ),
                format!(
                    "add the opening `{marker}` before the words to emphasise, or remove this one"
                ),
            )
        } else {
            (
                format!("`{marker}` cannot be paired with another marker: it is shown as literal asterisks"),
                "check the emphasis markers around it; escape as `\\*\\*` if the asterisks are meant"
                    .to_string(),
            )
        };
        cx.report(Finding::new(s.span, message).help(help));
        i += 1;
    }
}

/// `__` (strong emphasis) and `~~` (strikethrough) left as text, glued to
/// a word on one side only, the side they would open or close: `__Attention`
/// with no `__` after it, `barré~~` with no `~~` before it. Glued on both
/// sides or on neither they are meant as typed (`snake__case`, a `__/5`
/// to fill in), and three or more are a line to write on (`Date : _____`).
fn check_underscores_and_tildes(doc: &Document, block: &Block, opaque: &[Span], cx: &mut Context) {
    // Most blocks hold no doubled marker: no stray can be there. One scan
    // for both (a searcher built per block would cost more than it).
    let bytes = block.text.as_bytes();
    let doubled = |i: usize| bytes.get(i + 1) == bytes.get(i);
    if !memchr::memchr2_iter(b'_', b'~', bytes).any(doubled) {
        return;
    }
    for (marker, what, shown) in [
        (b'_', "emphasis", "underscores"),
        (b'~', "a strikethrough", "tildes"),
    ] {
        for s in strays(doc, block, opaque, marker) {
            let written = doc.text(s.span);
            if written.len() != 2 {
                continue;
            }
            let word = |c: Option<char>| c.is_some_and(char::is_alphabetic);
            let space = |c: Option<char>| c.is_none_or(char::is_whitespace);
            let (message, help) = if word(s.after) && space(s.before) {
                (
                    format!(
                        "`{written}` opens {what} that is never closed: it is shown as literal {shown}"
                    ),
                    format!(
                        "add the closing `{written}` after the words it is for, or remove this one"
                    ),
                )
            } else if word(s.before) && space(s.after) {
                (
                    format!(
                        "`{written}` closes {what} that was never opened: it is shown as literal {shown}"
                    ),
                    format!(
                        "add the opening `{written}` before the words it is for, or remove this one"
                    ),
                )
            } else {
                continue;
            };
            cx.report(Finding::new(s.span, message).help(help));
        }
    }
}

fn check_empty_headings(doc: &Document, cx: &mut Context) {
    for h in doc.body.every_heading() {
        if !h.text.trim().is_empty() {
            continue;
        }
        let whole = doc.text(h.span);
        let line = whole.lines().next().unwrap_or("").trim_end();
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(h.span.start + lead, h.span.start + line.len());
        let marker = line.trim();
        cx.report(
            Finding::new(span, format!("this heading (`{marker}`) has no text")).help(format!(
                "write the title after `{} `, or remove the line",
                "#".repeat(h.level as usize)
            )),
        );
    }
}

/// Footnote references with no definition (`Une note[^absente].`): the
/// parser leaves them as text, as goldmark does, so the brackets and caret
/// are shown.
fn check_footnotes(doc: &Document, block: &Block, cx: &mut Context) {
    let text = &block.text;
    let bytes = text.as_bytes();
    let starts = memchr::memchr_iter(b'[', bytes).filter(|&at| bytes.get(at + 1) == Some(&b'^'));
    for start in starts {
        let rest = &bytes[start + 2..];
        let Some(len) = rest.iter().position(|b| matches!(b, b'[' | b']' | b'\n')) else {
            continue;
        };
        if rest[len] != b']' {
            continue;
        }
        let end = start + 2 + len + 1;
        let label = &text[start + 2..end - 1];
        if label.trim().is_empty() || character_class(label) || block.touches_code(start..end) {
            continue;
        }
        let span = block.source_span(start..end);
        // Escaped (`\[^x]`), or made of text from separate places.
        if doc.text(span) != &text[start..end] || escaped(&doc.source, span.start) {
            continue;
        }
        cx.report(
            Finding::new(
                span,
                format!(
                    "`[^{label}]` refers to the footnote `{label}`, which is defined nowhere: it is shown as is"
                ),
            )
            .help(format!(
                "add the definition `[^{label}]: …` (on a line of its own, anywhere in the file), or remove the reference"
            )),
        );
    }
}

/// Footnote references whose label matches a definition only in another
/// case or spacing (`[^Grille]` and `[^grille]: …`): pulldown-cmark links
/// them, but Hugo (goldmark) compares labels exactly, so it shows the
/// reference as typed and leaves the definition out of the page.
fn check_footnote_case(doc: &Document, cx: &mut Context) {
    let labels = &doc.body.footnote_labels;
    for (label, span) in &doc.body.footnote_refs {
        if labels.iter().any(|(l, _)| l == label) {
            continue;
        }
        let folded = footnote_label(label);
        let Some((defined, at)) = labels.iter().find(|(l, _)| footnote_label(l) == folded) else {
            continue;
        };
        cx.report(
            Finding::new(
                *span,
                format!(
                    "`[^{label}]` matches no footnote as written: the definition is `[^{defined}]`, and Hugo compares footnote labels exactly as written, so it shows `[^{label}]` as is and leaves the note out"
                ),
            )
            .label(*at, format!("defined as `[^{defined}]`"))
            .help(format!("write `[^{defined}]`, as the definition is written")),
        );
    }
}

/// Footnote definitions that no reference calls (`[^seul]: …` with no
/// `[^seul]` in the text): Hugo (goldmark) leaves them out of the page. One
/// called in another case only is told at the reference (see
/// [`check_footnote_case`]).
fn check_unused_footnotes(doc: &Document, cx: &mut Context) {
    let refs = &doc.body.footnote_refs;
    let labels = &doc.body.footnote_labels;
    for (label, span) in labels {
        let folded = footnote_label(label);
        // Called as written, or in another case by a reference that no
        // definition matches as written (told at the reference).
        let called = refs.iter().any(|(r, _)| {
            r == label || (footnote_label(r) == folded && !labels.iter().any(|(l, _)| l == r))
        });
        if called {
            continue;
        }
        cx.report(
            Finding::new(
                *span,
                format!(
                    "the footnote `[^{label}]` is defined but no `[^{label}]` in the text calls it: Hugo leaves it out of the page"
                ),
            )
            .help(format!(
                "call it with `[^{label}]` where the note belongs, or remove the definition"
            )),
        );
    }
}

impl MarkupRule {
    fn check_references(&self, doc: &Document, cx: &mut Context) {
        for block in &doc.body.blocks {
            check_footnotes(doc, block, cx);
        }
        check_unused_footnotes(doc, cx);
        check_footnote_case(doc, cx);
        // A heading's block is made for the few that may hold a reference.
        for h in doc.body.every_heading().filter(|h| h.text.contains("[^")) {
            if let Some(block) = h.block(&doc.source) {
                check_footnotes(doc, &block, cx);
            }
        }
        for r in &doc.body.broken_refs {
            let mut span = r.span;
            // `[label][]`: the empty brackets belong to the reference.
            if doc
                .text(Span::new(span.end, doc.source.len()))
                .starts_with("[]")
            {
                span.end += 2;
            }
            let written = doc.text(span);
            // Brackets glued to a word index an array (`tableau[i][j]`);
            // stacked citations (`[1][2]`) are prose.
            let glued = doc.source[..span.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            let cited = written.split_once(']').is_some_and(|(text, _)| {
                citation(text.trim_start_matches('[')) && citation(&r.label)
            });
            if !r.shortcut && (glued || cited) {
                continue;
            }
            if !r.shortcut {
                cx.report(
                    Finding::new(
                        span,
                        format!(
                            "`{written}` refers to the link reference `[{}]`, which is defined nowhere: the brackets are shown as is",
                            r.label
                        ),
                    )
                    .help(format!(
                        "add a definition line `[{}]: URL`, or write the link inline as `[text](URL)`",
                        r.label
                    )),
                );
                continue;
            }
            let after = doc.text(Span::new(r.span.end, doc.source.len()));
            let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
            let paren = after[gap..].starts_with('(') && gap > 0 && !prose_bracket(written);
            if paren {
                // On the same line (searching the rest of the file for each
                // bracket would be quadratic).
                let line = after[gap..].split('\n').next().unwrap_or_default();
                let dest_end = line.find(')');
                if let Some(close) = dest_end.filter(|&c| link_target(&line[1..c])) {
                    let space = Span::new(r.span.end, r.span.end + gap);
                    let dest = &after[gap..gap + close + 1];
                    cx.report(
                        Finding::new(
                            Span::new(r.span.start, r.span.end + gap + close + 1),
                            format!(
                                "`{written}` and `{dest}` are not a link: the space between `]` and `(` breaks it"
                            ),
                        )
                        .label(space, "remove this space")
                        .help(format!("write `{written}{dest}`")),
                    );
                    continue;
                }
            }
            if self.opts.shortcut_references {
                cx.report(
                    Finding::new(
                        r.span,
                        format!(
                            "`{written}` matches no link reference definition: the brackets are shown as is"
                        ),
                    )
                    .help(format!(
                        "add a definition line `[{}]: URL`, or escape the brackets as `\\[…\\]` if they are meant",
                        r.label
                    )),
                );
            }
        }
    }
}

/// A bracket prose writes, never a link: `[…]` (a cut in a quotation),
/// `[sic]`, a box `[x]` or `[ ]`.
fn prose_bracket(written: &str) -> bool {
    let inner = written
        .strip_prefix('[')
        .and_then(|w| w.strip_suffix(']'))
        .unwrap_or(written)
        .trim();
    inner.is_empty()
        || citation(inner)
        || ["…", "...", "sic", "x"]
            .iter()
            .any(|p| inner.eq_ignore_ascii_case(p))
}

/// The numbers prose puts in brackets to cite a source: `1`, `2, 3`, `4-6`.
fn citation(inner: &str) -> bool {
    inner.bytes().any(|b| b.is_ascii_digit())
        && inner
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' '))
}

/// A label that is a regex's character class (`0-9`, `a-zA-Z`), as in
/// `[^0-9]` written in prose: no footnote's.
fn character_class(label: &str) -> bool {
    let b = label.as_bytes();
    !b.is_empty()
        && b.len().is_multiple_of(3)
        && b.chunks(3)
            .all(|c| c[0].is_ascii_alphanumeric() && c[1] == b'-' && c[2].is_ascii_alphanumeric())
}

/// File extensions and top-level domains that make a word without spaces
/// a file or a site (`page.md`, `example.org`) rather than prose
/// (`Node.js`, `etc.`).
const TARGET_SUFFIXES: &[&str] = &[
    "md", "html", "htm", "php", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "txt", "csv",
    "json", "xml", "zip", "com", "org", "net", "fr", "eu", "be", "ch", "ca", "uk", "de",
];

/// Whether what a parenthesis holds (`dest`, without the parentheses) is
/// what an inline link's would be: a path (`/…`, `./…`, `../…`), an anchor
/// (`#…`), a URL (`https://…`, `mailto:…`, `www.…`), or a word without
/// spaces naming a file or site (`page.md`, `example.org/guide`,
/// `posts/suite/`), a title in quotes possibly after it. Prose in
/// parentheses (`(et pas le CEO)`, `(sic)`, `(et/ou)`, `(Dupont, 2020)`) is
/// not.
fn link_target(dest: &str) -> bool {
    let dest = dest.trim();
    if dest.starts_with('<') && dest.contains('>') {
        return true;
    }
    let (first, title) = dest
        .split_once(char::is_whitespace)
        .map_or((dest, ""), |(f, t)| (f, t.trim_start()));
    if !(title.is_empty() || title.starts_with(['"', '\'', '('])) || first.is_empty() {
        return false;
    }
    let lower = first.to_ascii_lowercase();
    if [
        "/", "#", "./", "../", "http://", "https://", "mailto:", "www.",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return true;
    }
    if lower.contains("://") {
        return true;
    }
    let url_char = |c: char| c.is_ascii_alphanumeric() || "-._~%/?#=&+:@".contains(c);
    if !first.chars().all(url_char) {
        return false;
    }
    // A relative path to a folder (`posts/suite/`; not `et/ou`), or a file
    // or site: a dotted name with a known suffix, as the first or last
    // part of a path.
    let path = first.split(['?', '#']).next().unwrap_or_default();
    if path.len() > 1
        && path.ends_with('/')
        && path
            .trim_end_matches('/')
            .contains(|c: char| c.is_ascii_alphanumeric())
    {
        return true;
    }
    let named = |part: &str| {
        part.rsplit_once('.')
            .is_some_and(|(name, suffix)| !name.is_empty() && TARGET_SUFFIXES.contains(&suffix))
    };
    let mut parts = path.split('/').filter(|p| !p.is_empty());
    parts.next().is_some_and(named) || parts.next_back().is_some_and(named)
}

fn check_html(doc: &Document, replaced: &[Span], cx: &mut Context) {
    // The raw HTML pieces, joined in order, with where each starts.
    let mut joined = String::new();
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for h in &doc.body.html {
        pieces.push((joined.len(), h.span.start));
        joined.push_str(&h.text);
    }
    // An offset of `joined` in the file; an end offset belongs to the piece
    // holding the character before it.
    let to_source = |offset: usize, is_end: bool| -> usize {
        let i = if is_end {
            pieces.partition_point(|(j, _)| *j < offset)
        } else {
            pieces.partition_point(|(j, _)| *j <= offset)
        };
        // The piece found starts at or before `offset` (the first starts
        // at 0), so `offset - j` cannot underflow.
        pieces
            .get(i.saturating_sub(1))
            .map_or(0, |(j, s)| s + (offset - j))
    };
    let span_of = |start: usize, end: usize| -> Span {
        let s = to_source(start, false);
        Span::new(s, to_source(end, true).max(s))
    };
    let mut open: Vec<(String, Span)> = Vec::new();
    // For each open element, whether its content is foreign (SVG, MathML).
    let mut foreign: Vec<bool> = Vec::new();
    let mut open_count: HashMap<String, usize> = HashMap::new();
    // `{{<youtube id>}}`, `{{< figure caption="<b>x</b>" >}}`: a
    // shortcode tag, which Hugo replaces before the Markdown (and its
    // HTML) is rendered.
    // `<<best practice>>`: Hugo's typographer reads `<<` as « before any
    // HTML, so the `<best practice>` inside opens no element.
    let shortcode = |at: usize| {
        let at = to_source(at, false);
        is_shortcode(&doc.source, at)
            || overlaps(replaced, Span::new(at, at + 1))
            || after_typographer_quote(&doc.source, at)
    };
    for caps in tags(&joined, shortcode) {
        let Some(m) = caps.whole() else { continue };
        let text = joined.get(m.clone()).unwrap_or_default();
        if text == "<!--" {
            cx.report(
                Finding::new(
                    span_of(m.start, m.end),
                    "this HTML comment is never closed: everything after it is hidden",
                )
                .help("close the comment with `-->`"),
            );
            break;
        }
        let Some(name) = caps.name("name") else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        let closing = caps.name("close").is_some_and(|c| !c.is_empty());
        // HTML ignores the slash of `<div/>` (the element is open), but in
        // SVG and MathML `/>` closes the element (`<path d="M0"/>`).
        let self_closing = !closing
            && (matches!(name.as_str(), "svg" | "math")
                || foreign.last().copied().unwrap_or(false))
            && ends_self_closing(text);
        let span = span_of(m.start, m.end);
        if closing {
            // The stack is searched only when the element is open: a pass
            // down it for each stray closing tag would be quadratic (and the
            // elements a search passes are closed, so searches cost no more
            // than the pushes).
            let is_open = open_count.get(&name).is_some_and(|&n| n > 0);
            let found = if is_open {
                open.iter().rposition(|(n, _)| *n == name)
            } else {
                None
            };
            match found {
                Some(i) => {
                    foreign.truncate(i);
                    for (k, (n, s)) in open.drain(i..).enumerate() {
                        if let Some(c) = open_count.get_mut(&n) {
                            *c = c.saturating_sub(1);
                        }
                        if k > 0 {
                            report_open(doc, &n, s, Some(span), cx);
                        }
                    }
                }
                None if no_end_tag(&name) => {}
                None => cx.report(
                    Finding::new(span, format!("`{text}` closes no open `<{name}>`")).help(
                        format!("remove `{text}`, or add the `<{name}>` it should close"),
                    ),
                ),
            }
        } else if !self_closing && !no_end_tag(&name) {
            *open_count.entry(name.clone()).or_default() += 1;
            foreign.push(foreign_inside(
                foreign.last().copied().unwrap_or(false),
                &name,
            ));
            open.push((name, span));
        }
    }
    for (n, s) in open {
        report_open(doc, &n, s, None, cx);
    }
}

/// A `<!--` in the text of `block`: a comment inside a paragraph, list
/// item or heading that nothing closes before the block ends is no HTML
/// (the parser left it as text, where a closed one is inline HTML), and
/// Hugo shows it as typed, its `--` made a dash by the typographer. Not an
/// escaped `\<!--` or `&lt;!--`, nor one in code, in a shortcode tag, or in
/// a heading's attributes.
fn check_inline_comment(
    doc: &Document,
    block: &Block,
    opaque: &[Span],
    heading: bool,
    cx: &mut Context,
) {
    for (at, _) in block.text.match_indices("<!--") {
        let range = at..at + 4;
        let span = block.source_span(range.clone());
        if doc.text(span) != "<!--"
            || escaped(&doc.source, span.start)
            || (heading && in_heading_attributes(doc, span))
            || block.touches_code(range)
            || overlaps(opaque, span)
        {
            continue;
        }
        cx.report(
            Finding::new(
                span,
                "`<!--` opens a comment that nothing closes before its paragraph, list item, heading or table cell ends: Hugo shows it as typed, with the text after it",
            )
            .help("close the comment with `-->` before the paragraph, list item, heading or table cell ends (a comment inside one ends with it), start it on a line of its own to hide several paragraphs, or remove `<!--`"),
        );
    }
}

/// Whether `span`, in a heading, lies in the attributes that end its line
/// (`## Titre {title="<!-- x"}`), which Hugo reads as the heading's.
fn in_heading_attributes(doc: &Document, span: Span) -> bool {
    let line_end = doc.source[span.end..]
        .find('\n')
        .map_or(doc.source.len(), |i| span.end + i);
    let line_start = doc.source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &doc.source[line_start..span.start];
    doc.source[span.end..line_end].trim_end().ends_with('}')
        && before
            .rfind('{')
            .is_some_and(|open| !before[open..].contains('}'))
}

/// Whether the character at byte `at` of `text` is escaped by a backslash.
fn escaped(text: &str, at: usize) -> bool {
    let slashes = text
        .as_bytes()
        .get(..at)
        .unwrap_or_default()
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    slashes % 2 == 1
}

/// Whether the `<` at byte `at` of `source` is the second of a `<<` that
/// goldmark's typographer (on by default in Hugo) turns into « : an odd
/// number of `<` right before it (`<<<b>` leaves the third to open `<b>`).
fn after_typographer_quote(source: &str, at: usize) -> bool {
    let before = source.as_bytes().get(..at).unwrap_or_default();
    let run = before.iter().rev().take_while(|&&b| b == b'<').count();
    run % 2 == 1
}

/// Whether the content of an element `name` opened in content that is
/// foreign or not (`outer`) is foreign: inside `<svg>` or `<math>`, but not
/// inside an element of theirs where HTML is read again (`<foreignObject>`,
/// `<desc>`, `<title>`, MathML's text elements). Kept for each open element,
/// so that a tag costs the same however many are open.
fn foreign_inside(outer: bool, name: &str) -> bool {
    match name {
        "svg" | "math" => true,
        "foreignobject" | "desc" | "title" | "mi" | "mo" | "mn" | "ms" | "mtext"
        | "annotation-xml" => false,
        _ => outer,
    }
}

/// Whether the start tag `tag` ends with a self-closing `/>`: not when the
/// slash ends an unquoted attribute value (`<a href=/x/>`), which it
/// belongs to.
fn ends_self_closing(tag: &str) -> bool {
    let Some(inside) = tag.strip_suffix("/>") else {
        return false;
    };
    let b = inside.as_bytes();
    let mut i = b
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == b'/')
        .unwrap_or(b.len());
    let mut unquoted = false;
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == b'/' {
            i += 1;
            continue;
        }
        unquoted = false;
        while i < b.len() && !b[i].is_ascii_whitespace() && !b"=/".contains(&b[i]) {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                i = inside[i + 1..]
                    .find(q as char)
                    .map_or(b.len(), |end| i + 1 + end + 1);
            }
            Some(_) => {
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                unquoted = i == b.len();
            }
            None => {}
        }
    }
    !unquoted
}

fn report_open(doc: &Document, name: &str, span: Span, closed_by: Option<Span>, cx: &mut Context) {
    let help = if doc.text(span).ends_with("/>") {
        format!(
            "HTML ignores the `/` of `/>` (only SVG and MathML elements close that way): add `</{name}>` right after the tag, or where the element ends"
        )
    } else {
        format!("add `</{name}>` where the element ends")
    };
    let mut finding =
        Finding::new(span, format!("`<{name}>` is opened here and never closed")).help(help);
    if let Some(outer) = closed_by {
        finding = finding.label(outer, "an enclosing element closes here first");
    }
    cx.report(finding);
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn rule() -> MarkupRule {
        MarkupRule {
            opts: Options {
                emphasis: true,
                empty_headings: true,
                references: true,
                shortcut_references: false,
                html: true,
                shortcodes: true,
            },
        }
    }

    /// What the rule reports in `text`: (the text at the span, message).
    fn found(text: &str) -> Vec<(String, String)> {
        let doc = Document::parse("2025-03-10-a.md", text.to_string());
        let mut cx = Context {
            findings: Vec::new(),
            site: None,
        };
        rule().check(&doc, &mut cx);
        cx.findings.sort_by_key(|f| f.span.start);
        cx.findings
            .into_iter()
            .map(|f| (text[f.span.start..f.span.end].to_string(), f.message))
            .collect()
    }

    /// The spans reported in `text`.
    fn spans(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(s, _)| s).collect()
    }

    /// A `<!--` in a heading's attributes is the attribute's text.
    #[test]
    fn a_comment_opener_in_heading_attributes_is_text() {
        assert_eq!(
            found("## Titre {title=\"<!-- x\"}\n"),
            Vec::<(String, String)>::new()
        );
        assert_eq!(spans("## Titre <!-- x\n"), ["<!--"]);
    }

    /// `<!-->` and `<!--->` are whole (empty) comments, for browsers as for
    /// CommonMark, and `--!>` closes one in a browser: none hides the rest.
    #[test]
    fn abruptly_closed_comments_close() {
        for text in [
            "<div>\n<!-->\nTexte.\n</div>\n",
            "<div>\n<!--->\nTexte.\n</div>\n",
            "<div>\n<!-- note --!>\nTexte.\n</div>\n",
        ] {
            assert_eq!(found(text), Vec::<(String, String)>::new(), "{text}");
        }
    }

    /// A bracket, a space and a parenthesis are a broken link only when
    /// the parenthesis holds a link target and the bracket is not one of
    /// prose's (`[…]`, `[sic]`, `[x]`).
    #[test]
    fn a_bracket_and_a_parenthesis_of_prose_are_not_a_broken_link() {
        for prose in [
            "Il m’a écrit : « Le CTO […] (et pas le CEO) tranche. »\n",
            "Le mot [sic] (sic) revient.\n",
            "Les crochets [1] (Dupont, 2020) en citation.\n",
            "- [x] (fait)\n",
            "Une liste [x] (/posts/a/) cochée.\n",
            "Il a dit [sic] (https://example.org/) hier.\n",
            "Coupé [...] (/posts/a/) ici.\n",
            "Un [mot] (et/ou) ambigu.\n",
            "Un [mot] (etc.) et un [autre] (Node.js) ou [encore] (p.ex.).\n",
            "Une [note] () vide.\n",
            // A citation's number before its URL.
            "Selon l’étude [2] (https://example.org/etude), c’est vrai.\n",
            // Stacked citations, an array's indexes and a regex's class:
            // prose, which Hugo shows as written.
            "Plusieurs études le confirment [1][2].\n",
            "Voir [3, 4][5-7] plus haut.\n",
            "La case tableau[i][j] contient la valeur, et a_b[0][k] aussi.\n",
            "L’expression [^0-9] exclut les chiffres, [^a-zA-Z] les lettres.\n",
        ] {
            assert_eq!(spans(prose), Vec::<String>::new(), "{prose}");
        }
        // A reference with text, or a footnote with another label, still
        // needs its definition.
        assert_eq!(
            spans("Voir [la doc][d2], [1][note] et une note[^a-z1].\n"),
            ["[la doc][d2]", "[1][note]", "[^a-z1]"]
        );
        for (text, broken) in [
            (
                "Voir [le pilier] (/trouver-sa-place/).\n",
                "[le pilier] (/trouver-sa-place/)",
            ),
            ("Voir [la note] (#plus-bas).\n", "[la note] (#plus-bas)"),
            ("Voir [ici] (./page/).\n", "[ici] (./page/)"),
            ("Voir [là] (../page/).\n", "[là] (../page/)"),
            (
                "Voir [le site] (https://example.org/a).\n",
                "[le site] (https://example.org/a)",
            ),
            (
                "Voir [le site] (HTTP://example.org).\n",
                "[le site] (HTTP://example.org)",
            ),
            (
                "Écrire [à Léa] (mailto:lea@example.org).\n",
                "[à Léa] (mailto:lea@example.org)",
            ),
            ("Voir [la page] (page.md).\n", "[la page] (page.md)"),
            ("Voir [le site] (www.x.fr).\n", "[le site] (www.x.fr)"),
            (
                "Voir [le site] (example.org/guide).\n",
                "[le site] (example.org/guide)",
            ),
            (
                "Voir [la suite] (posts/suite/).\n",
                "[la suite] (posts/suite/)",
            ),
            (
                "Voir [le guide] (/guide/ \"Le guide\").\n",
                "[le guide] (/guide/ \"Le guide\")",
            ),
        ] {
            assert_eq!(spans(text), [broken], "{text}");
        }
    }

    /// In SVG and MathML, `/>` closes the element; in HTML the slash is
    /// ignored, and `<div/>` opens a `<div>`.
    #[test]
    fn self_closing_tags_close_in_svg_and_math_only() {
        for fine in [
            "<svg viewBox=\"0 0 1 1\"><path d=\"M0\" /></svg>\n",
            "Un rond <svg><circle r=\"1\"/></svg> en ligne.\n",
            "<svg><g><rect width=\"1\"/><use href=\"#a\"/></g></svg>\n",
            "<math><mi>x</mi><mspace width=\"1em\"/></math>\n",
            "<svg/>\n\n<math />\n",
            "<div>\n<svg><path d=\"M0 L1\"/></svg>\n</div>\n",
            "<svg><a href=/x/>lien</a></svg>\n",
            "Un saut<br/>et<br /> une image <img src=\"/a.png\"/>.\n",
        ] {
            assert_eq!(spans(fine), Vec::<String>::new(), "{fine}");
        }
        assert_eq!(spans("Un <span/> vide.\n"), ["<span/>"]);
        assert_eq!(spans("<div class=\"a\"/>\n"), ["<div class=\"a\"/>"]);
        // Inside `<foreignObject>`, HTML again.
        assert_eq!(
            spans("<svg><foreignObject><div/></foreignObject></svg>\n"),
            ["<div/>"]
        );
        // After `</svg>`, HTML again.
        assert_eq!(
            spans("<svg></svg>\n\n<p>Un <span/> ici.</p>\n"),
            ["<span/>"]
        );
        // An unquoted value ending in `/` does not close the element.
        assert_eq!(spans("<svg><a href=/x/></svg>\n"), ["<a href=/x/>"]);
    }

    /// A Hugo shortcode written without spaces (`{{<youtube id>}}`) is no
    /// HTML tag, as the spaced form is none: Hugo replaces it before the
    /// Markdown is rendered.
    #[test]
    fn shortcodes_without_spaces_are_not_html() {
        for fine in [
            "{{<youtube dQw4w9WgXcQ>}}\n",
            "{{<figure src=\"/images/carte.png\" alt=\"Carte\">}}\n",
            "{{%note%}}\n",
            "{{<figure src=\"/a.png\" />}}\n",
            "Une vidéo {{<youtube abc>}} dans la phrase.\n",
            "{{<details summary=\"Voir\">}}\nTexte.\n{{</details>}}\n",
            "{{<highlight go>}}\nx := 1\n{{< /highlight >}}\n",
            "<div>\n{{<youtube abc>}}\n</div>\n",
            "> <div>\n> {{<youtube abc>}}\n> </div>\n",
        ] {
            assert_eq!(spans(fine), Vec::<String>::new(), "{fine}");
        }
        // One brace, or a space after `{{`, is no shortcode: HTML.
        assert_eq!(spans("Un {<span>x\n"), ["<span>"]);
        assert_eq!(spans("{{ <span>x\n"), ["<span>"]);
        assert_eq!(
            spans("<div>\n{{<youtube abc>}}\n<span>\n</div>\n"),
            ["<span>"]
        );
    }

    /// What a shortcode tag holds is no Markdown: Hugo replaces the tag
    /// before it renders the page, and a parameter is the template's to
    /// render. A comment's text is rendered, without its `/*` and `*/`.
    #[test]
    fn shortcode_tags_hold_no_markdown() {
        for fine in [
            "Voir {{< figure caption=\"**Salaire** brut\" >}}.\n",
            "Voir {{< note \"**a\" >}} ici.\n",
            "Voir {{% note \"__a\" %}} ici.\n",
            "Voir {{< note `~~a` >}} ici.\n",
            "Voir {{< figure caption=\"<b>Carte\" >}} ici.\n",
            "Voir {{< note \"<a href=x>}}\" >}} ici.\n",
            "Voir {{< note >}}texte{{< /note >}}.\n",
            // `{{<>}}` and `{{< a *>}}` once rendered: no `**`.
            "Un commentaire vide {{</**/>}} ici.\n",
            "Un commentaire {{</* a **/>}} ici.\n",
            // An inline shortcode's template is Go's, not Markdown.
            "{{< lien.inline >}}\n<a href=\"{{ .Get 0 }}\">lien</a> **\n{{< /lien.inline >}}\n",
            "Un {{< x.inline >}}{{ \"**\" }} <b>\n",
        ] {
            assert_eq!(found(fine), Vec::<(String, String)>::new(), "{fine}");
        }
        // Around the tags, and in a comment's text, it is Markdown.
        assert_eq!(spans("Un **{{< note >}} ici.\n"), ["**"]);
        assert_eq!(spans("Un {{< note >}}** ici.\n"), ["**"]);
        assert_eq!(spans("Un {{</* **a */>}} ici.\n"), ["**"]);
        assert_eq!(spans("Un {{</* <b>a */>}} ici.\n"), ["<b>"]);
        assert_eq!(spans("Un {{< note >}}<b>a{{< /note >}}\n"), ["<b>"]);
    }

    /// A shortcode inside a raw HTML tag is replaced before the Markdown,
    /// as Hugo does: the tag is HTML, and its element is paired.
    #[test]
    fn a_shortcode_inside_an_html_tag_leaves_it_html() {
        for fine in [
            "Voir <a href=\"{{< ref \"p.md\" >}}\">cet article</a>.\n",
            "Voir <a href=\"{{% ref \"p.md\" %}}\" title='{{< param \"t\" >}}'>cet article</a>.\n",
            "Voir <img src=\"{{< param \"x\" >}}\" alt=\"a\"> ici.\n",
            "<div class=\"{{< param \"c\" >}}\">\n\nTexte.\n\n</div>\n",
        ] {
            assert_eq!(found(fine), Vec::<(String, String)>::new(), "{fine}");
        }
        // Left open, it is reported, at the whole tag.
        assert_eq!(
            spans("Voir <a href=\"{{< ref \"p.md\" >}}\" target=\"_blank\">cet article.\n"),
            ["<a href=\"{{< ref \"p.md\" >}}\" target=\"_blank\">"]
        );
        // Outside an HTML tag, a shortcode is read as written.
        assert_eq!(spans("Un a < b {{< note \"x\" >}} **c\n"), ["**"]);
    }

    /// The content of `<script>`, `<style>`, `<textarea>` and `<title>`
    /// is text up to the element's end tag: nothing in it opens or closes
    /// an element.
    #[test]
    fn raw_text_elements_hold_no_tags() {
        for fine in [
            "<script>\n  el.innerHTML = \"<div class=\\\"q\\\">Question</div>\" + \"<span>\";\n</script>\n",
            "<style>\n/* <span> décoratif */\n</style>\n",
            "<textarea><div></textarea>\n",
            "<title>Un <b> titre</title>\n",
            "<SCRIPT type=\"module\">let s = \"</div>\";</Script >\n",
            "<script>\nlet a = \"<span>\";\n\nlet b = \"</p></div>\";\n</script>\n",
            "Un <script>let s = \"<b>\";</script> dans la phrase.\n",
            "> <script>\n> let a = \"<b>\";\n> </script>\n",
            "<script>let s = \"<!-- pas un commentaire\";</script>\n",
            "<script>let s = \"</scripts>\";</script>\n",
        ] {
            assert_eq!(spans(fine), Vec::<String>::new(), "{fine}");
        }
        // Never closed, the element is reported, not what it holds.
        assert_eq!(spans("<script>\nlet a = \"<b>\";\n"), ["<script>"]);
        // After the end tag, tags are read again.
        assert_eq!(spans("<style>p {}</style>\n\nUn <span>x\n"), ["<span>"]);
        // `<pre>` holds elements.
        assert_eq!(spans("<pre><span></pre>\n"), ["<span>"]);
    }

    /// `**` inside an autolink or a bare URL (which goldmark's linkify
    /// makes a link) is part of the address.
    #[test]
    fn asterisks_inside_urls_are_not_emphasis() {
        for fine in [
            "Voir <https://example.org/x**y> ici.\n",
            "Voir https://example.org/a**b/c ici.\n",
            "Voir (https://example.org/a**b) et www.example.org/a**b/c.\n",
            "Écrire à <a**b@example.org>.\n",
            "- http://example.org/?q=a**b\n",
            "Après une espace insécable\u{a0}https://example.org/a**b.\n",
        ] {
            assert_eq!(spans(fine), Vec::<String>::new(), "{fine}");
        }
        // A marker after the address, or in the words around it, is still
        // reported.
        assert_eq!(spans("Voir https://example.org/a** ici.\n"), ["**"]);
        assert_eq!(spans("Voir **https://example.org/a ici.\n"), ["**"]);
        assert_eq!(spans("Voir <https://example.org/> **ici.\n"), ["**"]);
    }

    /// Hugo matches footnote labels as written: a reference in another
    /// case is told once, at the reference; a definition in another case
    /// beside an exact one is uncalled.
    #[test]
    fn footnote_labels_match_as_written() {
        let spans = |text: &str| -> Vec<String> {
            found(text)
                .into_iter()
                .map(|(span, m)| format!("{span}: {m}"))
                .collect()
        };
        let both = spans("Texte[^a].\n\n[^a]: Une.\n\n[^A]: Deux.\n");
        assert_eq!(both.len(), 1, "{both:?}");
        assert!(
            both[0].starts_with("[^A]: the footnote `[^A]` is defined but no"),
            "{both:?}"
        );
        let other = spans("Texte[^Note].\n\n[^note]: Une.\n");
        assert_eq!(other.len(), 1, "{other:?}");
        assert!(
            other[0].starts_with("[^Note]: `[^Note]` matches no footnote as written"),
            "{other:?}"
        );
        // Both defined: each reference calls its own.
        assert_eq!(
            spans("Un[^Note] et[^note].\n\n[^note]: a.\n\n[^Note]: b.\n"),
            Vec::<String>::new()
        );
    }

    /// A footnote reference with no definition is shown as typed.
    #[test]
    fn a_footnote_reference_without_definition() {
        assert_eq!(
            found("Une note[^absente].\n"),
            [(
                "[^absente]".to_string(),
                "`[^absente]` refers to the footnote `absente`, which is defined nowhere: it is shown as is".to_string()
            )]
        );
        for fine in [
            "Une note[^a].\n\n[^a]: La note.\n",
            "[^a]: Définie avant.\n\nUne note[^a].\n",
            "Du code `[^x]` et\n\n```\n[^y]\n```\n",
            "Échappée \\[^x] ici.\n",
            "Un [^lien](/posts/a/) et un [^] vide.\n",
        ] {
            assert_eq!(spans(fine), Vec::<String>::new(), "{fine}");
        }
        assert_eq!(
            spans(
                "## Titre[^t]\n\n| a |\n| --- |\n| b[^c] |\n\n> Cité[^q]\n\nDeux \\\\[^e] barres.\n"
            ),
            ["[^t]", "[^c]", "[^q]", "[^e]"]
        );
    }

    /// `text` with the safe fixes of its findings applied (none overlap
    /// here), and the findings' messages.
    fn fixed(text: &str) -> (String, Vec<String>) {
        let doc = Document::parse("2025-03-10-a.md", text.to_string());
        let mut cx = Context {
            findings: Vec::new(),
            site: None,
        };
        rule().check(&doc, &mut cx);
        let mut edits: Vec<Edit> = cx
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|f| f.edits.clone())
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
        let mut out = text.to_string();
        for e in edits {
            out.replace_range(e.span.start..e.span.end, &e.replacement);
        }
        (out, cx.findings.into_iter().map(|f| f.message).collect())
    }

    /// The doubled emphasis is fixed into emphasis that renders, and a
    /// second run finds nothing to fix.
    #[test]
    fn doubled_emphasis_is_fixed_into_markup_that_renders() {
        for (text, expected) in [
            (
                "****Impact :** ** une équipe.\n",
                "**Impact :** une équipe.\n",
            ),
            (
                "****Impact :** **une équipe.\n",
                "**Impact :** une équipe.\n",
            ),
            ("Fin. ****Impact :** **\n", "Fin. **Impact :**\n"),
            ("****Impact :****texte.\n", "**Impact :** texte.\n"),
            ("****Impact :** **, texte.\n", "**Impact :**, texte.\n"),
            // Both markers pair (bold in bold): it renders, nothing to fix.
            ("****Impact :****, texte.\n", "****Impact :****, texte.\n"),
            ("****Impact :** **. Fin.\n", "**Impact :**. Fin.\n"),
            ("****Impact****texte.\n", "****Impact****texte.\n"),
            ("****Impact :** **; texte.\n", "**Impact :** ; texte.\n"),
            ("(****Impact :** **)\n", "(**Impact :**)\n"),
        ] {
            let (once, _) = fixed(text);
            assert_eq!(once, expected, "{text}");
            assert_eq!(found(&once), [], "{once}");
        }
        let (_, messages) = fixed("****Impact :****texte.\n");
        assert_eq!(
            messages,
            [
                "`****Impact :****` doubles its emphasis markers: two `****` are shown as literal asterisks"
            ]
        );
        let (_, messages) = fixed("****Impact :** ** texte.\n");
        assert_eq!(
            messages,
            [
                "`****Impact :** **` doubles its emphasis markers: two `**` are shown as literal asterisks"
            ]
        );
    }

    /// A lone `**` between letters or digits (`2**10`) is an operator shown
    /// as typed; unclosed emphasis around it, or a second stray marker on
    /// the line, is still reported.
    #[test]
    fn a_power_operator_is_not_emphasis() {
        for text in [
            "En Python, 2**10 vaut 1024.\n",
            "Le carré s'écrit x**2 dans le script.\n",
            "Un calcul :\n2**10, puis **Résultat** en gras.\n",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
        assert_eq!(
            spans("**Résultat : la suite.\n\nEn Python, 2**10 vaut 1024.\n"),
            ["**"]
        );
        assert_eq!(spans("Un a**b et un **c.\n"), ["**", "**"]);
    }

    /// `<<best practice>>` is written for Hugo's typographer, which shows
    /// « best practice »: no HTML element is opened.
    #[test]
    fn typographer_guillemets_are_not_html() {
        for text in [
            "Le mot <<best practice>> revient souvent.\n",
            "Une <<citation>> courte.\n",
            "<<citation>> en début de ligne.\n",
            "Deux <<span>> et <<div class=\"x\">> dans la phrase.\n",
        ] {
            assert_eq!(found(text), [], "{text}");
        }
        // A tag after one `<`, or after three, is HTML.
        assert_eq!(spans("Un <span> ouvert.\n"), ["<span>"]);
        assert_eq!(spans("Un <<<span>> ouvert.\n"), ["<span>"]);
    }

    /// `** Attention **` (a space inside the markers) is not bold: reported
    /// once, and fixed into `**Attention**`, which is.
    #[test]
    fn spaced_emphasis_is_fixed_into_bold() {
        for (text, expected) in [
            (
                "** Attention ** : ne jamais pousser le vendredi.\n",
                "**Attention** : ne jamais pousser le vendredi.\n",
            ),
            (
                "Un mot **important ** ici.\n",
                "Un mot **important** ici.\n",
            ),
            (
                "Un mot ** important** ici.\n",
                "Un mot **important** ici.\n",
            ),
            ("(** Note **)\n", "(**Note**)\n"),
            ("- ** Étape 1 ** : lire.\n", "- **Étape 1** : lire.\n"),
        ] {
            let (once, messages) = fixed(text);
            assert_eq!(once, expected, "{text}");
            assert_eq!(messages.len(), 1, "{text}: {messages:?}");
            assert_eq!(found(&once), [], "{once}");
        }
        let (_, messages) = fixed("** Attention ** : ne jamais.\n");
        assert_eq!(
            messages,
            [
                "`** Attention **` is not bold: a space inside the markers leaves them as literal asterisks"
            ]
        );
        // Arithmetic, a marker glued to a word, markers on two lines, and
        // spaces on both sides of each marker alone: not this.
        for text in [
            "Calcule 2 ** 3 ** 4.\n",
            "Un a ** b ** c.\n",
            "mot** Attention **\n",
            "Un mot **important **ici.\n",
            "Une fin **. Puis ** la suite.\n",
            "Un **rappel ** avant de partir, et ** une règle** pour tous.\n",
            "** Attention\nsuite **\n",
        ] {
            let (once, messages) = fixed(text);
            assert_eq!(once, text, "{text}");
            assert!(
                messages.iter().all(|m| !m.contains("is not bold")),
                "{text}: {messages:?}"
            );
        }
    }
}
