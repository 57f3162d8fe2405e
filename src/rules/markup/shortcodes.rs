//! The `markup` rule's checks of Hugo shortcodes: the tags Hugo stops
//! the build on, read as its lexer and parser read them
//! ([`crate::document::shortcodes`]), against the site's shortcodes and
//! what their templates do with `.Inner` ([`crate::site::shortcodes`]).

use std::collections::HashSet;
use std::ops::Range;

use super::super::{Context, did_you_mean};
use crate::diagnostic::{Edit, Finding, Fix, quoted_list};
use crate::document::Document;
use crate::document::shortcodes::{
    BrokenFault, BrokenTag, ParamError, ParamFault, Params, Scan, ShortcodeTag,
};
use crate::site::shortcodes::{Inner, Shortcodes};
use crate::site::{PageFront, Site};
use crate::span::Span;

/// Shortcode tags Hugo stops the build on: a call of a shortcode the site
/// does not have (`{{< youtub id >}}`), when the site's are known, and a
/// closing tag that closes nothing opened before it. A closing tag of an
/// unknown name is reported only when no tag of the file opens the name.
/// Then, when the site's are known, the tags their templates make wrong
/// ([`check_inner`]). Not in a page Hugo may leave out of the build (a
/// draft, a page dated in the future): it renders none of it.
pub(super) fn check(doc: &Document, scan: &Scan, site: &Site, cx: &mut Context) {
    let body = doc.source.get(doc.body_start..).unwrap_or_default();
    if site.may_leave_out(&PageFront::from_root(doc.front()), &doc.path) {
        return;
    }
    let Scan {
        tags,
        broken,
        read_to_end,
        ..
    } = scan;
    for tag in broken {
        report_broken_tag(doc, body, tag, cx);
    }
    // What this page can call: a section's templates serve its pages.
    let known = site.shortcodes().map(|k| {
        let folder = site.content_folder(&doc.path).map(|(folder, _)| folder);
        k.for_folder(folder.as_deref())
    });
    let known = known.as_deref();
    let opened: HashSet<&str> = tags
        .iter()
        .filter(|t| !t.closing)
        .filter_map(|t| body.get(t.name.clone()))
        .collect();
    // As Hugo's lexer: the names a tag opened before (a closing tag does
    // not make its name unopened again: `{{< a >}}{{< a >}}{{< /a >}}{{<
    // /a >}}` lexes).
    let mut opened_before: HashSet<&str> = HashSet::new();
    // The tags Hugo's lexer lets through, for `check_inner`.
    let mut lexed = Vec::new();
    for tag in tags {
        let closing = tag.closing;
        let Some(name) = body.get(tag.name.clone()) else {
            continue;
        };
        if name.is_empty() {
            // `{{< / >}}`, after a tag: it closes the innermost call open.
            lexed.push(tag);
            continue;
        }
        let span = in_file(doc, tag.name.clone());
        // An inline shortcode's template is in the page: it is known.
        let unknown = !tag.inline && known.is_some_and(|k| !k.has(name));
        let stray = closing && !opened_before.contains(name);
        if !stray {
            lexed.push(tag);
        }
        if let Params::Error(error) = &tag.params {
            // A `/` before a name opened before (this tag's too) closes it,
            // as Hugo's lexer reads it: the tag may build.
            let closes_opened = match &error.fault {
                ParamFault::Slash { after, .. } => {
                    let after = &body[after.clone()];
                    after == name || opened_before.contains(after)
                }
                _ => false,
            };
            if !closes_opened {
                let inner = known.map_or(Inner::Unknown, |k| k.inner(name));
                report_param_error(doc, body, error, inner, cx);
            }
        }
        if stray && !unknown {
            cx.report(
                Finding::new(
                    span,
                    format!(
                        "`/{name}` closes no `{name}` shortcode opened before it: Hugo stops the build on it (closing tag for shortcode '{name}' does not match start tag)"
                    ),
                )
                .help(format!(
                    "remove this closing tag, or open `{name}` before it"
                )),
            );
            continue;
        }
        opened_before.insert(name);
        let Some(known) = known.filter(|_| unknown) else {
            continue;
        };
        if closing && opened.contains(name) {
            continue;
        }
        // Templates for other sections' pages only.
        let sections = site
            .shortcodes()
            .map(|k| k.sections_of(name))
            .unwrap_or_default();
        if !sections.is_empty() {
            let folders: Vec<String> = sections
                .iter()
                .map(|s| format!("layouts/{s}/_shortcodes/"))
                .collect();
            let pages: Vec<String> = sections.iter().map(|s| format!("content/{s}/")).collect();
            cx.report(
                Finding::new(
                    span,
                    format!(
                        "`{name}` has templates only in {}, which serve the pages under {}: Hugo stops the build on this page (no template found for shortcode \"{name}\")",
                        quoted_list(&folders),
                        quoted_list(&pages)
                    ),
                )
                .help(
                    "move the template to `layouts/_shortcodes/` to call it from every page, or call another shortcode here",
                ),
            );
            continue;
        }
        let help = match did_you_mean(name, known.names()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => {
                let own: Vec<&str> = known.own().collect();
                let has = if own.is_empty() {
                    "only Hugo's own".to_string()
                } else {
                    format!("Hugo's own and {}", quoted_list(&own))
                };
                format!(
                    "correct the name, or add the template `layouts/shortcodes/{name}.html`; the site has {has}"
                )
            }
        };
        cx.report(
            Finding::new(
                span,
                format!(
                    "`{name}` is no shortcode of the site: Hugo stops the build on it (template for shortcode \"{name}\" not found)"
                ),
            )
            .help(help),
        );
    }
    if let Some(known) = known {
        // After a tag Hugo stops on, a call it reads on may be closed.
        check_inner(
            doc,
            body,
            &lexed,
            *read_to_end && broken.is_empty(),
            known,
            cx,
        );
    }
}

/// Where `range`, an offset range in the body, is in the file.
fn in_file(doc: &Document, range: Range<usize>) -> Span {
    Span::new(range.start, range.end).offset(doc.body_start)
}

/// A `{{<` or `{{%` that opens no tag Hugo can read ([`shortcode_scan`]).
fn report_broken_tag(doc: &Document, body: &str, tag: &BrokenTag, cx: &mut Context) {
    let opener = &body[tag.opener.clone()];
    let span = in_file(doc, tag.opener.clone());
    let as_text = "to show the braces as text outside code, write the first as `&#123;`";
    let finding = match tag.fault {
        BrokenFault::NoName => Finding::new(
            span,
            format!("`{opener}` opens a shortcode tag with no name: Hugo stops the build on it (shortcode has no name)"),
        )
        .help(format!("write a shortcode's name after `{opener}`; {as_text}")),
        BrokenFault::Unrecognized(at) => {
            let c = body[at..].chars().next().unwrap_or(' ');
            let here = in_file(doc, at..at + c.len_utf8());
            Finding::new(
                span,
                format!("`{opener}` opens a shortcode tag, but U+{:04X} starts no shortcode's name: Hugo stops the build on it (unrecognized character in shortcode action)", c as u32),
            )
            .label(here, "Hugo reads a name here")
            .help(format!("write a shortcode's name after `{opener}`; {as_text}"))
        }
        BrokenFault::NeverClosed { comment: false } => {
            let end = if opener.ends_with('%') { "%}}" } else { ">}}" };
            Finding::new(
                span,
                format!("`{opener}` opens a shortcode tag that nothing closes (no `{end}` follows): Hugo stops the build on it"),
            )
            .help(format!("close the tag with `{end}`; {as_text}"))
        }
        BrokenFault::NothingOpen { ref tag } => {
            let written = &body[tag.clone()];
            Finding::new(
                in_file(doc, tag.clone()),
                format!("`{written}`, a closing tag with no name, closes the call left open, and no tag comes before it: Hugo stops the build on it (got closing shortcode, but none is open)"),
            )
            .help("remove this closing tag")
        }
        BrokenFault::InInline { ref inline } => {
            let name = &body[inline.clone()];
            Finding::new(
                span,
                format!("`{opener}` opens a tag inside the template of the inline shortcode `{name}`, which may hold none before its closing tag: Hugo stops the build on it (inline shortcodes do not support nesting)"),
            )
            .label(in_file(doc, inline.clone()), "the inline shortcode opens here")
            .help(format!("close `{name}` before this tag (`{{{{< /{name} >}}}}`), or move the tag out of its template"))
        }
        // `x.inline>}}`: an inline name Hugo reads only before a space.
        BrokenFault::Period { ref name, at }
            if body[at + 1..].starts_with("inline") && name.end == at + 1 + "inline".len() =>
        {
            let written = &body[name.clone()];
            let after = in_file(doc, name.end..name.end);
            Finding::new(
                in_file(doc, name.clone()),
                format!("`{written}` is followed by other than a space, where Hugo reads an inline shortcode's name only before one: Hugo stops the build on it (period in shortcode name only allowed for inline identifiers)"),
            )
            .help(format!("put a space after `{written}`"))
            .fix(Fix::safe(
                format!("put a space after `{written}`"),
                vec![Edit::replace(after, " ")],
            ))
        }
        BrokenFault::Period { ref name, at } => {
            let written = &body[name.clone()];
            Finding::new(
                in_file(doc, name.clone()),
                format!("`{written}` holds a `.`, which a shortcode's name holds only before `inline` (an inline shortcode: `nom.inline`): Hugo stops the build on it (period in shortcode name only allowed for inline identifiers)"),
            )
            .label(in_file(doc, at..at + 1), "the `.`")
            .help("write the name of the shortcode's template, without the `.`")
        }
        BrokenFault::NeverClosed { comment: true } => {
            let end = if opener.ends_with('%') { "*/%}}" } else { "*/>}}" };
            Finding::new(
                span,
                format!("`{opener}/*` opens a shortcode comment that nothing closes (no `{end}` follows): Hugo stops the build on it (comment must be closed)"),
            )
            .help(format!("close the comment with `{end}`"))
        }
    };
    cx.report(finding);
}

/// `finding`, at the bare parameter `written`, with the help of writing
/// it between quotes, and the fix when that is `safe`.
fn quoting(finding: Finding, written: &str, safe: bool) -> Finding {
    let quoted = format!("\"{written}\"");
    let finding = finding.help(format!("write it between quotes: `{quoted}`"));
    if !safe {
        return finding;
    }
    let span = finding.span;
    finding.fix(Fix::safe(
        format!("write `{quoted}`"),
        vec![Edit::replace(span, quoted)],
    ))
}

/// A shortcode tag's parameters that Hugo's lexer stops the build on
/// ([`Params::Error`]), with what to write instead.
fn report_param_error(
    doc: &Document,
    body: &str,
    error: &ParamError,
    inner: Inner,
    cx: &mut Context,
) {
    let span = in_file(doc, error.span.clone());
    let written = &body[error.span.clone()];
    let hugo = &error.hugo;
    let finding = match &error.fault {
        ParamFault::Unquoted(c) => {
            let shown = body[*c..].chars().next().unwrap_or(' ');
            if written.len() == shown.len_utf8() && !shown.is_alphanumeric() {
                // Alone between parameters (`title="Un chat", src=…`); a
                // number or a letter Go does not count (`Ⅻ`) is one.
                return cx.report(
                    Finding::new(
                        span,
                        format!("`{shown}` stands between parameters, where Hugo reads only parameters and spaces: Hugo stops the build on it ({hugo})"),
                    )
                    .help("remove it: parameters are separated by spaces"),
                );
            }
            quoting(
                Finding::new(
                    span,
                    format!(
                        "`{written}` holds `{shown}`, which only a quoted parameter may hold: Hugo stops the build on it ({hugo})"
                    ),
                ),
                written,
                error.quotable,
            )
        }
        ParamFault::Mixed { first, named } => {
            let first_text = &body[first.clone()];
            let (this, other) = if *named {
                ("named", "positional")
            } else {
                ("positional", "named")
            };
            Finding::new(
                span,
                format!("`{written}` is {this}, but the tag's first parameter, `{first_text}`, is {other}: Hugo stops the build on it ({hugo})"),
            )
            .label(in_file(doc, first.clone()), "the first parameter")
            .help("name every parameter of the tag (`name=\"…\"`), or none: its template reads them one way")
        }
        // Between parameters (`a / b`): what was meant is not plain.
        ParamFault::Slash { at, after } if *at == error.span.start => {
            let closed = &body[after.clone()];
            Finding::new(
                span,
                format!("`/` closes the tag here, and Hugo reads `{closed}` as the name of the shortcode it closes, which no tag opened before: Hugo stops the build on it (closing tag for shortcode '{closed}' does not match start tag)"),
            )
            .help("remove the `/`, or write the parameter that holds it between quotes (`\"a / b\"`)")
        }
        // Quoted, a call of a shortcode reading `.Inner` no longer closes
        // there: not safe but for one that does not.
        ParamFault::Slash { .. } => quoting(
            Finding::new(
                span,
                format!(
                    "`{written}` is no parameter Hugo can read: its `/` closes the tag, and Hugo stops the build on what follows (or, in older versions, cuts the parameter there)"
                ),
            ),
            written,
            error.quotable && inner == Inner::Ignores,
        ),
        ParamFault::Invisible => {
            let code = written.chars().next().map_or(0, |c| c as u32);
            Finding::new(
                span,
                format!("U+{code:04X}, which shows as a space or nothing, is inside the tag, where Hugo reads only spaces, tabs and line breaks: Hugo stops the build on it ({hugo})"),
            )
            .help("write a space instead, or nothing for a character of no width")
            .fix(Fix::safe(
                "write a space, or nothing",
                // A character of no width joins what is around it.
                vec![Edit::replace(span, if written.trim().is_empty() { " " } else { "" })],
            ))
        }
        ParamFault::SlashThen(at) => {
            let c = body[*at..].chars().next().unwrap_or(' ');
            Finding::new(
                span,
                format!("`/` closes the tag here, and Hugo reads a name after it, which `{c}` does not start: Hugo stops the build on it ({hugo})"),
            )
            .help("remove the `/`, or write the parameter that holds it between quotes (`\"a / b\"`)")
        }
        ParamFault::NameEnd(at) => {
            let read = &body[error.span.start..*at];
            Finding::new(
                span,
                format!("`{written}` is no shortcode name Hugo can read: it reads `{read}`, then stops the build on what follows ({hugo})"),
            )
            .help("write the name with letters, digits, `_`, `-` and `/`, as its template's file is named")
        }
        // A no-break space, or another that shows as one.
        ParamFault::AfterClosing if written.chars().all(char::is_whitespace) => {
            let code = written.chars().next().map_or(0, |c| c as u32);
            Finding::new(
                span,
                format!("U+{code:04X}, which shows as a space, follows a closing tag's name, where Hugo reads only spaces, tabs and line breaks: Hugo stops the build on it ({hugo})"),
            )
            .help("write a space instead")
            .fix(Fix::safe("write a space", vec![Edit::replace(span, " ")]))
        }
        ParamFault::AfterClosing => Finding::new(
            span,
            format!("`{written}` follows a closing tag's name, where Hugo reads only spaces: Hugo stops the build on it ({hugo})"),
        )
        .help("remove it: a shortcode's parameters go in its opening tag"),
        ParamFault::Escape { at, quoted } => {
            let here = in_file(doc, *at..*at + 1);
            let finding = Finding::new(
                span,
                format!("`{written}`: Hugo escapes no backquote in a shortcode's parameter, and stops the build on it ({hugo})"),
            );
            // After another `\` (`"a\\`b"`), what was meant is not plain.
            if *quoted && !body[..*at].ends_with('\\') {
                // `"a\`b"` without the `\` reads `a`b`, as meant.
                finding
                    .help("remove the `\\`: between double quotes a backquote needs no escape")
                    .fix(Fix::safe("remove the `\\`", vec![Edit::delete(here)]))
            } else {
                finding.help("remove the `\\`, and write the value between double quotes if it holds backquotes (`\"`a`\"`)")
            }
        }
        ParamFault::UnterminatedRaw => Finding::new(
            span,
            format!("this backquote opens a value that no backquote closes, to the end of the page: Hugo stops the build on it ({hugo})"),
        )
        .help("close the value with a backquote; inside backquotes a `\\` escapes nothing"),
        ParamFault::Unterminated => Finding::new(
            span,
            format!("this quote is not closed on its line: Hugo stops the build on it ({hugo})"),
        )
        .help(
            "close the quote on the same line; a value over several lines goes between backquotes",
        ),
        ParamFault::PastEnd { close } => {
            // `b/>}}` meant `b` and a tag closing itself: the space goes
            // before the `/`.
            let value = &body[error.span.start..*close];
            let value = value.strip_suffix('/').unwrap_or(value);
            let at = error.span.start + value.len();
            let end = in_file(doc, at..at);
            Finding::new(
                span,
                format!("`{value}` runs into the tag's end: Hugo reads a value without quotes up to the next space, so it misreads the tag and stops the build further on ({hugo})"),
            )
            .help("put a space before the tag's end, or write the value between quotes")
            .fix(Fix::safe(
                "put a space before the tag's end",
                vec![Edit::replace(end, " ")],
            ))
        }
    };
    cx.report(finding);
}

/// The calls that Hugo's parser stops on for what their templates do with/// The calls that Hugo's parser stops on for what their templates do with
/// `.Inner`, reading `tags` as it does: a call whose template reads it
/// holds everything to the next closing tag, whatever its name; one whose
/// template does not is over at its `>}}`. So a call of the first kind
/// left open to the end of the page, and a closing tag (or a `/` closing
/// the tag itself) with no such call open, are reported. Reading stops at
/// a shortcode whose templates repere cannot tell, or that the site does
/// not have: what follows depends on it.
fn check_inner(
    doc: &Document,
    body: &str,
    tags: &[&ShortcodeTag],
    read_to_end: bool,
    known: &Shortcodes,
    cx: &mut Context,
) {
    let mut open: Vec<(&ShortcodeTag, &str)> = Vec::new();
    for &tag in tags {
        let Some(name) = body.get(tag.name.clone()) else {
            return;
        };
        // Hugo stops on the tag, or repere cannot tell how it reads it.
        let nameless = name.is_empty();
        if !(known.has(name) || nameless || tag.inline)
            || matches!(tag.params, Params::Error(_) | Params::Unread)
        {
            return;
        }
        // An inline shortcode's opening tag holds its template to its
        // closing tag, when it has one.
        let inner = if tag.inline {
            Inner::Reads
        } else {
            known.inner(name)
        };
        let ignores = "does not evaluate .Inner or .InnerDeindent, yet a closing tag was provided";
        if tag.closing {
            if open.pop().is_some() {
                continue;
            }
            if nameless {
                let written = &body[tag.tag.clone()];
                cx.report(
                    Finding::new(
                        in_file(doc, tag.tag.clone()),
                        format!(
                            "`{written}`, a closing tag with no name, closes the call left open, and none is: Hugo stops the build on it ({ignores})"
                        ),
                    )
                    .help("remove this closing tag"),
                );
                continue;
            }
            let (message, help) = if inner == Inner::Ignores {
                (
                    format!(
                        "`/{name}` closes `{name}`, whose template reads no `.Inner`: Hugo stops the build on it (shortcode \"{name}\" {ignores})"
                    ),
                    format!("remove this closing tag: `{name}` takes nothing between tags"),
                )
            } else {
                (
                    format!(
                        "`/{name}` closes no shortcode left open: Hugo stops the build on it (shortcode \"{name}\" {ignores})"
                    ),
                    format!("remove this closing tag, or open `{name}` before it"),
                )
            };
            cx.report(Finding::new(in_file(doc, tag.name.clone()), message).help(help));
            continue;
        }
        if let Some(slash) = tag.self_closing() {
            if inner == Inner::Ignores {
                let slash = in_file(doc, slash..slash + 1);
                cx.report(
                    Finding::new(
                        slash,
                        format!(
                            "`{name}` closes itself, but its template reads no `.Inner`: Hugo stops the build on it (shortcode \"{name}\" {ignores})"
                        ),
                    )
                    .label(in_file(doc, tag.name.clone()), format!("`{name}` takes nothing between tags"))
                    .help("remove the `/`")
                    .fix(Fix::safe("remove the `/`", vec![Edit::delete(slash)])),
                );
            }
            continue;
        }
        match inner {
            Inner::Reads => open.push((tag, name)),
            Inner::Ignores => {}
            Inner::Unknown => return,
        }
    }
    // Reading stopped where Hugo may read on and close them.
    if !read_to_end {
        return;
    }
    for (tag, name) in open.into_iter().filter(|(tag, _)| !tag.inline) {
        let (left, right) = tag.delimiters(body);
        cx.report(
            Finding::new(
                in_file(doc, tag.name.clone()),
                format!("`{name}` is never closed, and its template reads `.Inner`: Hugo stops the build on it (shortcode \"{name}\" must be closed or self-closed)"),
            )
            .help(format!(
                "close it after what it holds with `{left} /{name} {right}`, or close the tag itself: `{left} {name} … /{right}`"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::rule;
    use super::*;
    use crate::rules::Rule;

    /// What the rule reports in `page`, inside a site whose shortcodes
    /// are Hugo's and `note` (its template reads `.Inner`), `plain` (it
    /// does not) and `mixed` (its templates disagree): (the text at the
    /// span, message, what `--fix` writes), for `page` after a paragraph;
    /// what `--fix` writes is given without it.
    fn found_in_site(page: &str) -> Vec<(String, String, Option<String>)> {
        let before = "Texte.\n\n";
        let text = format!("{before}{page}\n");
        let doc = Document::parse("2025-03-10-a.md", text.clone());
        let mut site = Site::new("/site");
        site.set_shortcodes(Some(Shortcodes::new([
            ("note", Inner::Reads),
            ("plain", Inner::Ignores),
            ("mixed", Inner::Reads),
            ("mixed", Inner::Ignores),
        ])));
        let mut cx = Context {
            findings: Vec::new(),
            site: Some(std::sync::Arc::new(site)),
        };
        rule().check(&doc, &mut cx);
        cx.findings.sort_by_key(|f| f.span.start);
        cx.findings
            .into_iter()
            .map(|f| {
                let fixed = f.fix.map(|fix| {
                    let mut out = text.to_string();
                    for e in fix.edits.iter().rev() {
                        out.replace_range(e.span.start..e.span.end, &e.replacement);
                    }
                    out.trim_start_matches(before).trim_end().to_string()
                });
                (text[f.span.start..f.span.end].to_string(), f.message, fixed)
            })
            .collect()
    }

    /// Openers of tags Hugo's lexer cannot read, each case as Hugo 0.111
    /// and 0.168 build it: (the page, the message's start).
    #[test]
    fn shortcode_openers_hugo_cannot_read() {
        for (page, expected) in [
            ("{{< =a >}}", None),
            ("{{< plain a >}} {{</* exemple */>}}", None),
            ("{{< >}}", Some("`{{<` opens a shortcode tag with no name")),
            (
                "{{%%}} {{% %}}",
                Some("`{{%` opens a shortcode tag with no name"),
            ),
            (
                "{{< « x » >}}",
                Some("`{{<` opens a shortcode tag, but U+00AB starts no"),
            ),
            (
                "{{< plain a >}} {{< plain",
                Some("`{{<` opens a shortcode tag that nothing closes (no `>}}` follows)"),
            ),
            (
                "{{</* plain a",
                Some("`{{</*` opens a shortcode comment that nothing closes (no `*/>}}`"),
            ),
        ] {
            let found = found_in_site(page);
            match expected {
                None => assert_eq!(found, [], "{page}"),
                Some(start) => {
                    assert!(!found.is_empty(), "{page}");
                    for (at, message, fix) in found {
                        assert!(at.starts_with("{{"), "{page}: {at}");
                        assert!(message.starts_with(start), "{page}: {message}");
                        assert!(message.contains("Hugo stops the build on it"), "{message}");
                        assert_eq!(fix, None);
                    }
                }
            }
        }
    }

    /// Parameters Hugo's lexer stops on, each case as Hugo 0.111 and 0.168
    /// build it: (the call, what is reported at, Hugo's message, the fix).
    #[test]
    fn shortcode_parameters_hugo_cannot_read() {
        let unrecognized = |c: &str| {
            format!(
                "unrecognized character in shortcode action: {c}. Note: Parameters with non-alphanumeric args must be quoted"
            )
        };
        let mix = |got: &str| format!("{got}. Cannot mix named and positional parameters");
        for (call, expected) in [
            // Hugo builds these.
            ("{{< plain 12.5 a.b -a a_b >}}", None),
            ("{{< plain b=c/d e=f:g h=https://x.y/z i=true >}}", None),
            ("{{< plain a\n  \"b\" `c\nd` >}}", None),
            ("{{< plain b= \"c\" d=\"e\\\"f\" >}}", None),
            ("{{< plain \"a\\\"b\" >}}", None),
            ("{{< plain \u{e9}t\u{e9} _a1 >}}", None),
            ("{{< note >}}x{{< /note\n>}}", None),
            // It stops on these.
            // Letters and digits are Go's: not `²` nor `Ⅻ`.
            (
                "{{< plain a\u{b2} >}}",
                Some((
                    "a\u{b2}",
                    unrecognized("U+00B2 '\u{b2}'"),
                    Some("{{< plain \"a\u{b2}\" >}}"),
                )),
            ),
            (
                "{{< plain \u{216b} >}}",
                Some((
                    "\u{216b}",
                    unrecognized("U+216B '\u{216b}'"),
                    Some("{{< plain \"\u{216b}\" >}}"),
                )),
            ),
            // A `\` before a backquote.
            (
                "{{< plain \"a\\`b\" >}}",
                Some((
                    "\\`",
                    "unrecognized escape character".to_string(),
                    Some("{{< plain \"a`b\" >}}"),
                )),
            ),
            (
                "{{< plain x=\\`a` >}}",
                Some(("\\`", "unrecognized escape character".to_string(), None)),
            ),
            // A `/` after a space, before a name.
            (
                "{{< plain a / b >}}",
                Some((
                    "/ b",
                    "closing tag for shortcode 'b' does not match start tag".to_string(),
                    None,
                )),
            ),
            // A space before `=` makes a parameter named to Hugo's
            // parser, not its lexer: the parser stops on the mix.
            ("{{< plain a = b >}} {{< plain a =b c =d >}}", None),
            (
                "{{< plain \"c\" a = b >}}",
                Some((
                    "a",
                    "invalid param type map[string]interface {} for shortcode \"plain\", expected a map".to_string(),
                    None,
                )),
            ),
            (
                "{{< plain a =b c >}}",
                Some((
                    "c",
                    "invalid param type []interface {} for shortcode \"plain\", expected a slice".to_string(),
                    None,
                )),
            ),
            (
                "{{< plain a =b \"c\" >}}",
                Some((
                    "\"c\"",
                    "invalid param type []interface {} for shortcode \"plain\", expected a slice".to_string(),
                    None,
                )),
            ),
            // After a named parameter, a quoted one would mix: no fix.
            (
                "{{< plain a =b https://x >}}",
                Some((
                    "https",
                    "invalid param type []interface {} for shortcode \"plain\", expected a slice".to_string(),
                    None,
                )),
            ),
            // Glued to the name: part of it, not a parameter.
            (
                "{{< plain\u{b2} >}}",
                Some(("plain\u{b2}", unrecognized("U+00B2 '\u{b2}'"), None)),
            ),
            // A `/` before what starts no name.
            (
                "{{< plain a / \"b\" >}}",
                Some(("/ \"", unrecognized("U+0022 '\"'"), None)),
            ),
            // More than spaces after a closing tag's name.
            (
                "{{< note >}}x{{< /note y >}}",
                Some(("y", "unclosed shortcode".to_string(), None)),
            ),
            // A no-break space there (a fuzzer's panic).
            (
                "{{< note >}}x{{< /note\u{a0}>}}",
                Some((
                    "\u{a0}",
                    "unclosed shortcode".to_string(),
                    Some("{{< note >}}x{{< /note >}}"),
                )),
            ),
            // A backquote none closes: Hugo reads the rest of the page.
            (
                "{{< plain x=`abc >}} b",
                Some((
                    "`abc >}} b",
                    "unterminated raw string in shortcode parameter-argument".to_string(),
                    None,
                )),
            ),
            // After another `\`, what was meant is not plain: no fix.
            (
                "{{< plain \"a\\\\`b\" >}}",
                Some(("\\`", "unrecognized escape character".to_string(), None)),
            ),
            (
                "{{< plain https://x.y/z >}}",
                Some((
                    "https://x.y/z",
                    unrecognized("U+003A ':'"),
                    Some("{{< plain \"https://x.y/z\" >}}"),
                )),
            ),
            (
                "{{< plain a,b >}}",
                Some((
                    "a,b",
                    unrecognized("U+002C ','"),
                    Some("{{< plain \"a,b\" >}}"),
                )),
            ),
            (
                "{{% plain #a %}}",
                Some((
                    "#a",
                    unrecognized("U+0023 '#'"),
                    Some("{{% plain \"#a\" %}}"),
                )),
            ),
            (
                "{{< plain images/a.png >}}",
                Some((
                    "images/a.png",
                    String::new(),
                    Some("{{< plain \"images/a.png\" >}}"),
                )),
            ),
            (
                "{{< plain 'a b' >}}",
                Some(("'a", unrecognized("U+0027 '''"), None)),
            ),
            (
                "{{< plain a\u{a0}b\u{a0}>}}",
                Some((
                    "\u{a0}",
                    unrecognized("U+00A0"),
                    Some("{{< plain a b\u{a0}>}}"),
                )),
            ),
            (
                "{{< plain a b=c >}}",
                Some(("b", mix("got named parameter 'b'"), None)),
            ),
            (
                "{{< plain a=1 b >}}",
                Some(("b", mix("got positional parameter 'b'"), None)),
            ),
            (
                "{{< plain b=\"c\" \"a\" >}}",
                Some(("\"a\"", mix("got quoted positional parameter"), None)),
            ),
            (
                "{{< plain \"a\nb\" >}}",
                Some((
                    "\"a",
                    "unterminated quoted string in shortcode parameter-argument".to_string(),
                    None,
                )),
            ),
            (
                "{{< plain x=b/>}}",
                Some((
                    "b/>}}",
                    "unclosed shortcode action".to_string(),
                    Some("{{< plain x=b />}}"),
                )),
            ),
            (
                "{{< plain b=c>}} texte {{< plain d >}}",
                Some((
                    "c>}}",
                    mix("got positional parameter 'texte'"),
                    Some("{{< plain b=c >}} texte {{< plain d >}}"),
                )),
            ),
        ] {
            let found = found_in_site(call);
            match expected {
                None => assert_eq!(found, [], "{call}"),
                Some((at, hugo, fixed)) => {
                    assert_eq!(found.len(), 1, "{call}: {found:?}");
                    let (found_at, message, found_fix) = &found[0];
                    assert_eq!(found_at, at, "{call}");
                    let says_hugo = hugo.is_empty() || message.ends_with(&format!("({hugo})"));
                    assert!(says_hugo, "{call}: {message}");
                    assert_eq!(found_fix.as_deref(), fixed, "{call}");
                }
            }
        }
    }

    /// Names Hugo's lexer stops on, and closing tags with no name, each
    /// case as Hugo 0.111 and 0.168 build it: (the page, the span, the
    /// message's end).
    #[test]
    fn shortcode_names_and_nameless_closing_tags() {
        let period = "(period in shortcode name only allowed for inline identifiers)";
        let none_open = "(got closing shortcode, but none is open)";
        let ignores =
            "(does not evaluate .Inner or .InnerDeindent, yet a closing tag was provided)";
        let unrecognized = "(unrecognized character in shortcode action)";
        let nesting = "(inline shortcodes do not support nesting)";
        let mix = "(got positional parameter 'c'. Cannot mix named and positional parameters)";
        for (page, expected) in [
            ("{{< x.inline >}}a{{< /x.inline >}}", vec![]),
            // An inline shortcode holds no tag but its closing one, and
            // may be left open; its parameters are read as any.
            (
                "{{< x.inline >}}a{{< /x.inline >}} {{< x.inline />}}",
                vec![],
            ),
            ("{{< x.inline >}}a b", vec![]),
            (
                "{{< note >}}{{< x.inline >}}a{{< /x.inline >}}{{< /note >}}",
                vec![],
            ),
            (
                "{{< x.inline >}}a{{< plain b >}}{{< /x.inline >}}",
                vec![("{{<", nesting)],
            ),
            ("{{< x.inline >}}a{{</* c */>}}", vec![("{{<", nesting)]),
            ("{{< x.inline >}}a{{< / >}}", vec![("{{<", nesting)]),
            ("{{< x.inline a=b c >}}{{< /x.inline >}}", vec![("c", mix)]),
            (
                "{{< x.inline >}}a{{< /x.inline >}}{{< /x.inline >}}",
                vec![(
                    "x.inline",
                    "(shortcode \"x.inline\" does not evaluate .Inner or .InnerDeindent, yet a closing tag was provided)",
                )],
            ),
            ("{{< plain.x >}}", vec![("plain.x", period)]),
            ("{{< x.inline.y >}}", vec![("x.inline.y", period)]),
            // Its closing tag too needs a space after the name.
            ("{{< x.inline >}}a{{< /x.inline>}}", vec![("{{<", nesting)]),
            // A tag Hugo stops on: a call before it may be closed after.
            (
                "{{< note >}}x{{<\u{a0}/note >}}",
                vec![("{{<", unrecognized)],
            ),
            ("{{< x.inlines >}}", vec![("x.inlines", period)]),
            ("{{< \"a\" >}}", vec![("{{<", unrecognized)]),
            ("{{< `a` >}}", vec![("{{<", unrecognized)]),
            ("{{< -a >}}", vec![("{{<", unrecognized)]),
            ("{{< \u{b2}a >}}", vec![("{{<", unrecognized)]),
            // `{{< / >}}` closes the innermost call open.
            ("{{< note >}}x{{< / >}}", vec![]),
            ("{{< note >}}x{{% / %}} {{< note />}}", vec![]),
            ("{{< / >}}", vec![("{{< / >}}", none_open)]),
            ("{{< / \"x\" >}}", vec![("{{< /", none_open)]),
            ("{{</\n>}} {{< plain a >}}", vec![("{{</\n>}}", none_open)]),
            ("{{< plain a >}} {{< / >}}", vec![("{{< / >}}", ignores)]),
            // Where reading stops at what repere cannot tell the end of,
            // a call left open may be closed further on.
            ("{{< note >}}x{{< =a >}}{{< /note >}}", vec![]),
        ] {
            let found = found_in_site(page);
            assert_eq!(found.len(), expected.len(), "{page}: {found:?}");
            for ((at, message, fix), (span, end)) in found.iter().zip(expected) {
                assert_eq!(at, span, "{page}");
                assert!(message.ends_with(end), "{page}: {message}");
                assert!(message.contains("Hugo stops the build on it"), "{message}");
                assert_eq!(fix, &None, "{page}");
            }
        }
        // An inline name followed by other than a space: the space is
        // the fix.
        let found = found_in_site("{{< x.inline>}}a{{< /x.inline >}}");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.ends_with(period), "{}", found[0].1);
        assert_eq!(
            found[0].2.as_deref(),
            Some("{{< x.inline >}}a{{< /x.inline >}}")
        );
    }

    /// Each case as Hugo 0.111 and 0.168 build it, with the templates of
    /// `found_in_site`: whether they stop, and on which tag.
    #[test]
    fn shortcodes_closed_as_their_templates_say() {
        let never_closed = |name: &str| {
            format!(
                "`{name}` is never closed, and its template reads `.Inner`: Hugo stops the build on it (shortcode \"{name}\" must be closed or self-closed)"
            )
        };
        let ignores = "does not evaluate .Inner or .InnerDeindent, yet a closing tag was provided";
        let closes_itself = |name: &str| {
            format!(
                "`{name}` closes itself, but its template reads no `.Inner`: Hugo stops the build on it (shortcode \"{name}\" {ignores})"
            )
        };
        let closed = |name: &str| {
            format!(
                "`/{name}` closes `{name}`, whose template reads no `.Inner`: Hugo stops the build on it (shortcode \"{name}\" {ignores})"
            )
        };
        let owned = |v: &[(&str, String, Option<&str>)]| -> Vec<(String, String, Option<String>)> {
            v.iter()
                .map(|(at, m, f)| (at.to_string(), m.clone(), f.map(str::to_string)))
                .collect()
        };
        for (text, expected) in [
            // Hugo builds these.
            ("{{< plain a >}}", vec![]),
            ("{{< note />}}", vec![]),
            ("{{< note >}}x{{< /note >}}", vec![]),
            ("{{< note >}} {{< plain a >}} {{< /note >}}", vec![]),
            // A closing tag closes the call left open, whatever its name.
            ("{{< note >}} {{< plain a >}} {{< /plain >}}", vec![]),
            ("{{< highlight go >}}x{{< /highlight >}}", vec![]),
            // It stops on these.
            ("{{< note >}}", vec![("note", never_closed("note"), None)]),
            ("{{% note %}}x", vec![("note", never_closed("note"), None)]),
            (
                "{{< note >}}x{{< note >}}y{{< /note >}}",
                vec![("note", never_closed("note"), None)],
            ),
            (
                "{{< highlight go >}}x",
                vec![("highlight", never_closed("highlight"), None)],
            ),
            (
                "{{< plain a />}}",
                vec![("/", closes_itself("plain"), Some("{{< plain a >}}"))],
            ),
            (
                "{{< youtube a / >}}",
                vec![("/", closes_itself("youtube"), Some("{{< youtube a  >}}"))],
            ),
            (
                "{{< note >}}{{< plain a />}}{{< /note >}}",
                vec![(
                    "/",
                    closes_itself("plain"),
                    Some("{{< note >}}{{< plain a >}}{{< /note >}}"),
                )],
            ),
            (
                "{{< plain a >}}{{< /plain >}}",
                vec![("plain", closed("plain"), None)],
            ),
            (
                "{{< figure src=\"a\" >}}{{< /figure >}}",
                vec![("figure", closed("figure"), None)],
            ),
            (
                "{{< plain a >}} x {{< note >}} y {{< /note >}} {{< /plain >}}",
                vec![("plain", closed("plain"), None)],
            ),
            (
                "{{< note />}} {{< /note >}}",
                vec![(
                    "note",
                    format!(
                        "`/note` closes no shortcode left open: Hugo stops the build on it (shortcode \"note\" {ignores})"
                    ),
                    None,
                )],
            ),
            // A call inside another of its name; the second closing tag
            // then closes nothing left open.
            (
                "{{< note >}} a {{< note >}}b{{< /note >}} c {{< /note >}}",
                vec![],
            ),
            (
                "{{< note >}} x {{< /note >}} {{< /note >}}",
                vec![(
                    "note",
                    format!(
                        "`/note` closes no shortcode left open: Hugo stops the build on it (shortcode \"note\" {ignores})"
                    ),
                    None,
                )],
            ),
            // A `/` before a name after a space closes the tag, which
            // Hugo 0.168 stops on (0.111 builds this one).
            (
                "{{< note a / b >}}x",
                vec![(
                    "/ b",
                    "`/` closes the tag here, and Hugo reads `b` as the name of the shortcode it closes, which no tag opened before: Hugo stops the build on it (closing tag for shortcode 'b' does not match start tag)".into(),
                    None,
                )],
            ),
            // A `=` after a `/`, which Hugo's lexer reads as a value: it
            // is not read.
            ("{{< note a / =b >}}x", vec![]),
            // Templates that disagree: what follows is not read.
            ("{{< mixed >}} {{< note >}}", vec![]),
            (
                "{{< mixed />}} {{< plain />}}",
                vec![(
                    "/",
                    closes_itself("plain"),
                    Some("{{< mixed />}} {{< plain >}}"),
                )],
            ),
        ] {
            assert_eq!(found_in_site(text), owned(&expected), "{text}");
        }
    }
}
