//! Hugo's shortcode tags in a page's text, read as Hugo's page lexer
//! reads them (Hugo 0.111 to 0.168): the tags, their names, their
//! parameters and where they end, and what the lexer stops the build on.
//! Hugo reads them before the Markdown, code included.

use std::ops::Range;

/// A shortcode tag (`{{< name args >}}`, `{{% /name %}}`): where it is,
/// where its name is, whether it closes, and how Hugo's lexer reads its
/// parameters ([`Params::Read`] for a closing tag).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortcodeTag {
    pub tag: Range<usize>,
    pub name: Range<usize>,
    pub closing: bool,
    pub params: Params,
    /// An inline shortcode's (`{{< nom.inline >}}`): its opening tag
    /// holds a template up to its closing tag, and no other tag.
    pub inline: bool,
}

impl Scan {
    /// The calls opened and closed, as the indices in [`Scan::tags`] of
    /// their opening and closing tags, in the order they close (a call
    /// inside another first): a closing tag closes the last tag of its name
    /// still open; a tag that closes itself opens nothing. `text` is the
    /// text the tags were read in.
    pub fn pairs(&self, text: &str) -> Vec<(usize, usize)> {
        let name = |t: &ShortcodeTag| text.get(t.name.clone()).unwrap_or("");
        let mut open: Vec<usize> = Vec::new();
        let mut pairs = Vec::new();
        for (i, t) in self.tags.iter().enumerate() {
            if t.closing {
                if let Some(k) = open.iter().rposition(|&o| name(&self.tags[o]) == name(t)) {
                    pairs.push((open.remove(k), i));
                }
            } else if t.self_closing().is_none() {
                open.push(i);
            }
        }
        pairs
    }
}

impl ShortcodeTag {
    /// Where the `/` that closes the tag as it opens is (`{{< name args
    /// />}}`), if it does.
    pub fn self_closing(&self) -> Option<usize> {
        match self.params {
            Params::SelfClosing(at) => Some(at),
            _ => None,
        }
    }

    /// Its delimiters in `text`, the text it was read from: `{{%` and
    /// `%}}`, or `{{<` and `>}}`.
    pub fn delimiters(&self, text: &str) -> (&'static str, &'static str) {
        if text.as_bytes().get(self.tag.start + 2) == Some(&b'%') {
            ("{{%", "%}}")
        } else {
            ("{{<", ">}}")
        }
    }
}

/// A `{{<` or `{{%` that opens no tag Hugo's lexer can read: it stops the
/// build on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenTag {
    /// The opening braces (`{{<`, `{{%`).
    pub opener: Range<usize>,
    pub fault: BrokenFault,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrokenFault {
    /// The tag's end before any name (`{{< >}}`).
    NoName,
    /// A character no name starts with, at this offset (`{{< « x » >}}`).
    Unrecognized(usize),
    /// No end to the tag (`>}}`), or to the comment (`*/>}}`), up to the
    /// end of the page.
    NeverClosed { comment: bool },
    /// A closing tag with no name (`{{< / >}}`, here) before any tag.
    NothingOpen { tag: Range<usize> },
    /// A `.` in the name, at `at`, not before `inline ` (`{{< note.x
    /// >}}`).
    Period { name: Range<usize>, at: usize },
    /// A tag or comment inside the template of the inline shortcode
    /// `inline` (its name), before its closing tag.
    InInline { inline: Range<usize> },
}

/// `scan`, read up to where Hugo stops, or where repere cannot tell the
/// end of a tag: not to the text's end.
fn stopped(mut scan: Scan) -> Scan {
    scan.read_to_end = false;
    scan
}

/// Where the line that holds `at` ends (its `\n`), or the text.
fn line_end(b: &[u8], at: usize) -> usize {
    let at = at.min(b.len());
    memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |n| at + n)
}

/// Whether the tag whose delimiter ends before `i` closes the inline
/// shortcode `name` (`x.inline`): `/`, then `name` and a space, as Hugo
/// reads an inline name, spaces before them.
fn closes(text: &str, i: usize, name: &str) -> bool {
    let rest = text[i..].trim_start_matches([' ', '\t', '\r', '\n']);
    rest.strip_prefix('/')
        .map(|r| r.trim_start_matches([' ', '\t', '\r', '\n']))
        .and_then(|r| r.strip_prefix(name))
        .is_some_and(|r| r.starts_with(' '))
}

/// A letter, a digit or `_`, as Hugo's lexer tells them (Go's
/// `unicode.IsLetter` and `unicode.IsDigit`): Rust's
/// `char::is_alphanumeric` also takes other numbers (`²`, `½`, `Ⅻ`) and
/// marks that join letters, which Hugo refuses in a name or a parameter
/// without quotes.
fn go_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    go_letter_or_digit(c)
}

/// Go's `unicode.IsLetter(c) || unicode.IsDigit(c)`: the letters (`L`) and
/// the decimal digits (`Nd`), which Hugo's lexers and path functions read.
pub fn go_letter_or_digit(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    matches!(
        get_general_category(c),
        G::UppercaseLetter
            | G::LowercaseLetter
            | G::TitlecaseLetter
            | G::ModifierLetter
            | G::OtherLetter
            | G::DecimalNumber
    )
}

/// How Hugo's page lexer reads what follows a closing tag's name, which
/// ends at `name_end`, up to `close` (its `>}}` or `%}}`): spaces only
/// (line breaks too, as Hugo 0.168 reads them; 0.111 stops on one), and where the tag ends.
fn closing_end(text: &str, name_end: usize, close: &[u8]) -> (Params, Option<usize>) {
    let b = text.as_bytes();
    let space = |c: &&u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
    let after = name_end + b[name_end..].iter().take_while(space).count();
    if b[after..].starts_with(close) {
        return (Params::Read, Some(after + close.len()));
    }
    if after == b.len() {
        return (Params::Unclosed, None);
    }
    // What follows, up to the tag's end on its line, or the line's end.
    let line = line_end(b, after);
    let end = memchr::memmem::find(&b[after..line], close).map_or(line, |n| after + n);
    let end = after + text[after..end].trim_end().len();
    // At least the character there (a no-break space is trimmed).
    let first = text[after..].chars().next().map_or(1, char::len_utf8);
    (
        Params::Error(ParamError {
            span: after..end.max(after + first),
            fault: ParamFault::AfterClosing,
            hugo: "unclosed shortcode".into(),
            quotable: false,
        }),
        None,
    )
}

/// What [`shortcode_scan`] reads in a text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The shortcode tags, read as Hugo's page lexer reads them (over
    /// several lines too), in order. Hugo reads them anywhere in a page,
    /// code included. A comment (`{{</* … */>}}`) holds none, nor do a
    /// parameter's quotes (`"…"`, `` `…` ``). A name is letters, digits,
    /// `_`, `-` and `/` (`{{< d/>}}` names `d/`, as in Hugo), or ends in
    /// `.inline` (an inline shortcode, [`ShortcodeTag::inline`]). Reading
    /// stops at a tag or comment never closed, where Hugo stops too.
    pub tags: Vec<ShortcodeTag>,
    /// The openers of tags Hugo cannot read.
    pub broken: Vec<BrokenTag>,
    /// What Hugo takes out of the text before it renders the Markdown, in
    /// order: each tag read to its end (delimiters, name and parameters),
    /// an inline shortcode's call whole (its template is no Markdown), and
    /// a comment's `/*` and `*/` (Hugo renders `{{</* a */>}}` as `{{< a
    /// >}}`).
    pub replaced: Vec<Range<usize>>,
    /// Whether the text was read to its end: not when reading stopped at
    /// what Hugo stops on, or at what repere cannot tell the end of.
    pub read_to_end: bool,
}

/// The shortcode tags of `text`, the openers of tags Hugo cannot read, and what
/// Hugo takes out of the text before the Markdown ([`Scan`]).
pub fn shortcode_scan(text: &str) -> Scan {
    let b = text.as_bytes();
    let mut scan = Scan {
        read_to_end: true,
        ..Scan::default()
    };
    // Whether a tag's name was read before (Hugo's `currShortcodeName`).
    let mut named = false;
    // The name of the inline shortcode whose template is being read.
    let mut inline_open: Option<Range<usize>> = None;
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&b[from..], b"{{") {
        // In `{{{<`, the tag opens at the last two braces.
        let mut open = from + found + 2;
        while b.get(open) == Some(&b'{') {
            open += 1;
        }
        let close: &[u8] = match b.get(open) {
            Some(b'<') => b">}}",
            Some(b'%') => b"%}}",
            _ => {
                from = open;
                continue;
            }
        };
        let mut i = open + 1;
        let opener = open - 2..open + 1;
        if let Some(inline) = inline_open.take()
            && !closes(text, i, &text[inline.clone()])
        {
            // An inline shortcode's template holds no tag but its end.
            scan.broken.push(BrokenTag {
                opener,
                fault: BrokenFault::InInline { inline },
            });
            return stopped(scan);
        }
        if b[i..].starts_with(b"/*") {
            let end_mark = [b"*/", close].concat();
            let Some(end) = memchr::memmem::find(&b[i + 2..], &end_mark) else {
                scan.broken.push(BrokenTag {
                    opener,
                    fault: BrokenFault::NeverClosed { comment: true },
                });
                return stopped(scan);
            };
            from = i + 2 + end + end_mark.len();
            scan.replaced.push(i..i + 2);
            scan.replaced.push(i + 2 + end..i + 2 + end + 2);
            continue;
        }
        let space = |c: &&u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
        i += b[i..].iter().take_while(space).count();
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
            i += b[i..].iter().take_while(space).count();
        }
        let first = text.get(i..).and_then(|t| t.chars().next());
        if !first.is_some_and(go_alphanumeric) {
            // What Hugo's lexer meets first instead of a name; not
            // followed at what starts a parameter (`=`, `\`).
            let fault = match first {
                // `{{< / >}}` closes the innermost call open, or stops the
                // build when no name was read before.
                _ if closing && b[i..].starts_with(close) => {
                    if named {
                        scan.tags.push(ShortcodeTag {
                            tag: open - 2..i + close.len(),
                            name: i..i,
                            closing,
                            params: Params::Read,
                            inline: false,
                        });
                        scan.replaced.push(open - 2..i + close.len());
                        from = i + close.len();
                        continue;
                    }
                    Some(BrokenFault::NothingOpen {
                        tag: open - 2..i + close.len(),
                    })
                }
                // `{{< / "x" >}}` before any name: the `/` stops Hugo.
                Some(c) if closing && !named && !matches!(c, '=' | '\\' | '/') => {
                    Some(BrokenFault::NothingOpen {
                        tag: open - 2..open - 2 + text[open - 2..i].trim_end().len(),
                    })
                }
                _ if closing => None,
                None => Some(BrokenFault::NeverClosed { comment: false }),
                Some(_) if b[i..].starts_with(close) => Some(BrokenFault::NoName),
                Some('=' | '\\') => None,
                Some(_) => Some(BrokenFault::Unrecognized(i)),
            };
            match fault {
                Some(fault) => scan.broken.push(BrokenTag { opener, fault }),
                // Where the tag ends is not known: nothing more is read.
                None => return stopped(scan),
            }
            from = i;
            continue;
        }
        let name_len: usize = text[i..]
            .chars()
            .take_while(|&c| go_alphanumeric(c) || matches!(c, '-' | '/' | '.'))
            .map(char::len_utf8)
            .sum();
        let name = i..i + name_len;
        named = true;
        // A `.` only before `inline ` (`{{< nom.inline >}}`).
        let inline = match text[name.clone()].find('.') {
            Some(dot) if text[i + dot + 1..].starts_with("inline ") => true,
            Some(dot) => {
                scan.broken.push(BrokenTag {
                    opener,
                    fault: BrokenFault::Period {
                        name: name.clone(),
                        at: i + dot,
                    },
                });
                // What follows would be read as the name's: Hugo stops.
                return stopped(scan);
            }
            None => false,
        };
        // The rest of the tag as Hugo's lexer reads it, to its end: only
        // spaces after a closing tag's name; an opening tag's parameters.
        let (params, end) = if closing {
            closing_end(text, name.end, close)
        } else {
            read_params(text, name.clone(), close)
        };
        if matches!(params, Params::Unclosed) {
            scan.broken.push(BrokenTag {
                opener,
                fault: BrokenFault::NeverClosed { comment: false },
            });
        } else {
            if inline && !closing && matches!(params, Params::Read) {
                inline_open = Some(name.clone());
            }
            scan.tags.push(ShortcodeTag {
                tag: open - 2..end.unwrap_or(name.end),
                name,
                closing,
                params,
                inline,
            });
        }
        // Without an end, Hugo stops here (a parameter it cannot read, a
        // tag never closed), or repere cannot tell where the tag ends.
        let Some(end) = end else {
            return stopped(scan);
        };
        match scan.replaced.last_mut() {
            // An inline shortcode's closing tag: Hugo takes out the whole
            // call, its template included (nothing else comes between).
            Some(last) if closing && inline => last.end = end,
            _ => scan.replaced.push(open - 2..end),
        }
        from = end;
    }
    // An inline shortcode left open: its template runs to the page's end.
    if inline_open.is_some()
        && let Some(last) = scan.replaced.last_mut()
    {
        last.end = text.len();
    }
    scan
}

/// What Hugo's page lexer stops on in the parameters of a shortcode tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError {
    /// The parameter at fault; for a quote never closed, the quote to the
    /// end of its line.
    pub span: Range<usize>,
    pub fault: ParamFault,
    /// What Hugo says.
    pub hugo: String,
    /// Whether writing the parameter between quotes makes it one Hugo
    /// reads as meant: it holds no quote, no `\`, no `=`, and no named
    /// parameter comes before it (a quoted positional one would not mix).
    pub quotable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamFault {
    /// A character that only a quoted parameter may hold (`:` in a bare
    /// address), at this offset.
    Unquoted(usize),
    /// A named parameter after a positional one (`named`), or the
    /// reverse; the first parameter of the tag.
    Mixed { first: Range<usize>, named: bool },
    /// A quote not closed before the end of its line.
    Unterminated,
    /// A backquote that none closes, to the end of the page.
    UnterminatedRaw,
    /// A `/` inside a bare positional parameter (`images/a.png`), or
    /// between parameters before a name (`a / b`), at `at`, and the name
    /// Hugo reads after it: Hugo reads the `/` as
    /// closing the tag and what follows as the name of the shortcode
    /// closed, and stops the build when no tag opened that name before
    /// (0.168: `closing tag for shortcode 'a.png' does not match start
    /// tag`; 0.111 cuts the parameter at the `/` for a shortcode reading
    /// `.Inner`). `hugo` is empty: the message depends on the version.
    Slash { at: usize, after: Range<usize> },
    /// A character that shows as a space or nothing (a no-break space, a
    /// zero-width space), where Hugo reads only spaces, tabs and line
    /// breaks.
    Invisible,
    /// A value written without quotes (`src=a.png>}}`) that runs past the
    /// tag's end, at `close`, since Hugo reads it to the next space, and
    /// makes Hugo stop further on.
    PastEnd { close: usize },
    /// What follows a closing tag's name (`{{< /note y >}}`): Hugo reads
    /// only spaces there.
    AfterClosing,
    /// A `/` between parameters (at the error's start) before a character,
    /// at this offset, that starts no name (`a / "b"`): Hugo reads a name
    /// after a `/`.
    SlashThen(usize),
    /// A character glued to the name, at this offset, that no name holds
    /// (`plain²`): Hugo reads the name up to it, then stops on it.
    NameEnd(usize),
    /// A `\` before a backquote, at `at`: inside a quoted value
    /// (`"a\`b"`, `quoted`), or opening one (`` \`a` ``).
    Escape { at: usize, quoted: bool },
}

/// How Hugo's page lexer reads a tag's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Params {
    /// To the tag's end.
    Read,
    /// To a `/` that closes the tag as it opens (`{{< x a />}}`), here.
    SelfClosing(usize),
    /// Up to what repere does not follow: a `/` before what starts no
    /// name (`a / "b"`).
    Unread,
    /// To the end of the page, with no tag's end.
    Unclosed,
    /// Up to what it stops the build on.
    Error(ParamError),
}

/// How Hugo's page lexer reads the parameters of the opening tag named at
/// `name` and that `close` ends (Hugo 0.111 to 0.168),
/// and where the tag ends, past its delimiter, when it reads that far: a parameter holds letters, digits, `-`, `_` and `.` unless quoted
/// (`"…"`, `\"…\"`, `` `…` ``); a value after `=` (and any spaces) may be
/// bare up to the next space, quotes and the tag's end included; a quote
/// ends on its line, and `\` escapes only a quote; named and positional
/// parameters do not mix; a `/` closes the tag.
fn read_params(text: &str, name: Range<usize>, close: &[u8]) -> (Params, Option<usize>) {
    let b = text.as_bytes();
    let char_at = |i: usize| text.get(i..).and_then(|t| t.chars().next());
    let word = |c: char| go_alphanumeric(c) || c == '-';
    let error = |span: Range<usize>, fault: ParamFault, hugo: String| {
        (
            Params::Error(ParamError {
                span,
                fault,
                hugo,
                quotable: false,
            }),
            None,
        )
    };
    // A `\` before a backquote in the value that starts at `start`.
    let escape = |at: usize, start: usize| {
        error(
            at..at + 2,
            ParamFault::Escape {
                at,
                quoted: at != start,
            },
            "unrecognized escape character".into(),
        )
    };
    let unterminated = |start: usize, at: usize| {
        error(
            start..line_end(b, at),
            ParamFault::Unterminated,
            "unterminated quoted string in shortcode parameter-argument".into(),
        )
    };
    let mut i = name.end;
    // 0: no parameter yet; 1: positional; 2: named (Hugo's `paramElements`).
    let mut kind = 0;
    // The same as Hugo's parser tells it, which also reads `a =b` (a
    // space before the `=`) as named, where the lexer does not.
    let mut parsed = 0;
    // A parameter of the kind `named` after one of the other, which only
    // the parser tells.
    let parser_mix = |span: Range<usize>, first: Range<usize>, named: bool| {
        let (ty, expected) = if named {
            ("map[string]interface {}", "a map")
        } else {
            ("[]interface {}", "a slice")
        };
        error(
            span,
            ParamFault::Mixed { first, named },
            format!(
                "invalid param type {ty} for shortcode \"{}\", expected {expected}",
                &text[name.clone()]
            ),
        )
    };
    let mut first: Option<Range<usize>> = None;
    // Where a bare value ran past the tag's end, if it did, and the end.
    let mut past_end: Option<(Range<usize>, usize)> = None;
    // The last bare positional parameter.
    let mut last_bare: Option<Range<usize>> = None;
    let ended = |i: usize, past_end: &Option<(Range<usize>, usize)>| match past_end {
        Some((span, close)) => error(
            span.clone(),
            ParamFault::PastEnd { close: *close },
            "unclosed shortcode action".into(),
        ),
        None if i >= b.len() => (Params::Unclosed, None),
        None => (Params::Unread, None),
    };
    // A backquote at `at` that none closes, to the end of the page; a
    // value that ran past the tag's end before it is what Hugo meets first.
    let unterminated_raw = |at: usize, past_end: &Option<(Range<usize>, usize)>| {
        if past_end.is_some() {
            return ended(b.len(), past_end);
        }
        error(
            at..line_end(b, at),
            ParamFault::UnterminatedRaw,
            "unterminated raw string in shortcode parameter-argument".into(),
        )
    };
    loop {
        if b[i..].starts_with(close) {
            return (Params::Read, Some(i + close.len()));
        }
        let Some(c) = char_at(i) else {
            return ended(i, &past_end);
        };
        match c {
            ' ' | '\t' | '\r' | '\n' => i += 1,
            '=' => {
                i += 1;
                i += text[i..]
                    .chars()
                    .take_while(|c| c.is_whitespace())
                    .map(char::len_utf8)
                    .sum::<usize>();
                let value = match b.get(i) {
                    Some(b'"') => quoted_value(b, i, true),
                    Some(b'\\') => quoted_value(b, i, false),
                    Some(b'`') => match raw_value(b, i) {
                        Some(end) => Ok(end),
                        None => return unterminated_raw(i, &past_end),
                    },
                    _ => {
                        let start = i;
                        let len: usize = text[i..]
                            .chars()
                            .take_while(|c| !c.is_whitespace())
                            .map(char::len_utf8)
                            .sum();
                        if past_end.is_none()
                            && let Some(at) = memchr::memmem::find(&b[start..start + len], close)
                        {
                            past_end = Some((start..start + len, start + at));
                        }
                        Ok(start + len)
                    }
                };
                match value {
                    Ok(end) => i = end,
                    Err(QuoteError::Unterminated(at)) => return unterminated(i, at),
                    Err(QuoteError::Escape(at)) => return escape(at, i),
                }
            }
            '/' => {
                // Hugo reads a `/` as closing the tag, and what follows it
                // (after any spaces) as the name of the shortcode closed:
                // `{{< x a />}}` closes the call itself; `images/a.png`
                // and `a / b` close `a.png` and `b`.
                let after = i
                    + 1
                    + b[i + 1..]
                        .iter()
                        .take_while(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
                        .count();
                if past_end.is_none() && b[after..].starts_with(close) {
                    return (Params::SelfClosing(i), Some(after + close.len()));
                }
                let starts_name = text[after..].chars().next().is_some_and(go_alphanumeric);
                let name_len: usize = text[after..]
                    .chars()
                    .take_while(|&c| starts_name && (word(c) || c == '/' || c == '.'))
                    .map(char::len_utf8)
                    .sum();
                if name_len == 0 {
                    // What starts no name (`a / "b"`): Hugo 0.168's lexer
                    // stops on it (0.111 stops further on). Not followed:
                    // `=`, `\` and `/`, which it reads otherwise.
                    return match text[after..].chars().next() {
                        Some(c) if !matches!(c, '=' | '\\' | '/') => error(
                            i..after + c.len_utf8(),
                            ParamFault::SlashThen(after),
                            format!(
                                "unrecognized character in shortcode action: U+{:04X} '{c}'. Note: Parameters with non-alphanumeric args must be quoted",
                                c as u32
                            ),
                        ),
                        _ => (Params::Unread, None),
                    };
                }
                // Right after a bare positional parameter (`images/a.png`),
                // the parameter meant is all of it.
                let glued = last_bare.clone().filter(|p| p.end == i && after == i + 1);
                return (
                    Params::Error(ParamError {
                        span: glued.as_ref().map_or(i, |p| p.start)..after + name_len,
                        fault: ParamFault::Slash {
                            at: i,
                            after: after..after + name_len,
                        },
                        hugo: String::new(),
                        quotable: glued.is_some() && parsed != 2,
                    }),
                    None,
                );
            }
            '"' | '`' | '\\' => {
                // A quoted positional parameter; `\"…\"` too.
                let escaped = c == '\\';
                if escaped && !matches!(b.get(i + 1), Some(b'"' | b'`')) {
                    // A lone `\` is skipped.
                    i += 1;
                    continue;
                }
                let start = i;
                let value = if escaped && b.get(i + 1) == Some(&b'`') {
                    Err(QuoteError::Escape(i))
                } else if c == '`' {
                    match raw_value(b, i) {
                        Some(end) => Ok(end),
                        None => return unterminated_raw(i, &past_end),
                    }
                } else if escaped {
                    // `\` then `"`: the value opens at the quote, and `\"`
                    // closes it.
                    quoted_value(b, i + 1, false)
                } else {
                    quoted_value(b, i, true)
                };
                // Hugo tells the mix before it reads the value.
                if kind == 2 {
                    let end = value.as_ref().map_or(start + 1, |&end| end);
                    return error(
                        start..end,
                        ParamFault::Mixed {
                            first: first.unwrap_or(start..end),
                            named: false,
                        },
                        "got quoted positional parameter. Cannot mix named and positional parameters".into(),
                    );
                }
                let end = match value {
                    Ok(end) => end,
                    Err(QuoteError::Unterminated(at)) => return unterminated(start, at),
                    Err(QuoteError::Escape(at)) => return escape(at, start),
                };
                if parsed == 2 {
                    return parser_mix(start..end, first.unwrap_or(start..end), false);
                }
                kind = 1;
                parsed = 1;
                i = end;
                first.get_or_insert(start..i);
            }
            c if word(c) => {
                let start = i;
                let len: usize = text[i..]
                    .chars()
                    .take_while(|&c| word(c) || c == '.')
                    .map(char::len_utf8)
                    .sum();
                i += len;
                let named = b.get(i) == Some(&b'=');
                let param = start..i;
                let name = &text[param.clone()];
                let wrong = match (kind, named) {
                    (1, true) => Some(format!("got named parameter '{name}'")),
                    (2, false) => Some(format!("got positional parameter '{name}'")),
                    _ => None,
                };
                if let Some(got) = wrong {
                    let hugo = format!("{got}. Cannot mix named and positional parameters");
                    return match past_end {
                        Some((span, close)) => error(span, ParamFault::PastEnd { close }, hugo),
                        None => error(
                            param.clone(),
                            ParamFault::Mixed {
                                first: first.unwrap_or(param),
                                named,
                            },
                            hugo,
                        ),
                    };
                }
                if kind == 0 {
                    kind = if named { 2 } else { 1 };
                }
                let named = named
                    || text[i..]
                        .trim_start_matches([' ', '\t', '\r', '\n'])
                        .starts_with('=');
                match (parsed, named) {
                    (0, _) => parsed = if named { 2 } else { 1 },
                    (1, true) | (2, false) => {
                        return parser_mix(param.clone(), first.unwrap_or(param), named);
                    }
                    _ => {}
                }
                if !named {
                    last_bare = Some(param.clone());
                }
                first.get_or_insert(param);
            }
            c => {
                // Go's `%#U`: the character is shown when it prints.
                let invisible = c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{FEFF}');
                let shown = if invisible {
                    String::new()
                } else {
                    format!(" '{c}'")
                };
                let hugo = format!(
                    "unrecognized character in shortcode action: U+{:04X}{shown}. Note: Parameters with non-alphanumeric args must be quoted",
                    c as u32
                );
                if let Some((span, close)) = past_end {
                    return error(span, ParamFault::PastEnd { close }, hugo);
                }
                if invisible {
                    return error(i..i + c.len_utf8(), ParamFault::Invisible, hugo);
                }
                if i == name.end {
                    // Glued to the name (`plain²`): meant as part of it.
                    return error(name.start..i + c.len_utf8(), ParamFault::NameEnd(i), hugo);
                }
                // The parameter holding it: the bare parameter it ends, if
                // it ends one, to the next separator or the tag's end.
                let start = last_bare
                    .clone()
                    .filter(|p| p.end == i)
                    .map_or(i, |p| p.start);
                let separator = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
                let end = i + text[i..].find(separator).unwrap_or(text.len() - i);
                let end = memchr::memmem::find(&b[i..end], close).map_or(end, |at| i + at);
                let span = start..end.max(i + c.len_utf8());
                let written = &text[span.clone()];
                let quotable = parsed != 2 && !written.contains(['"', '\'', '`', '\\', '=']);
                return (
                    Params::Error(ParamError {
                        span,
                        fault: ParamFault::Unquoted(i),
                        hugo,
                        quotable,
                    }),
                    None,
                );
            }
        }
    }
}

/// The end of the backquoted value whose backquote is at `i`, past its
/// closing one, over lines too; `None` when none closes it.
fn raw_value(b: &[u8], i: usize) -> Option<usize> {
    memchr::memchr(b'`', &b[i + 1..]).map(|n| i + n + 2)
}

/// Why Hugo's lexer stops in a quoted value.
enum QuoteError {
    /// A line break, or the end of the page, at this offset.
    Unterminated(usize),
    /// `\` before a backquote (`unrecognized escape character`), at this
    /// offset.
    Escape(usize),
}

/// The end of the quoted value whose quote is at `i` (`"…"`, or with
/// `escapes` false `\"…\"`), past its closing quote, as Hugo's lexer reads
/// it: a `\` escapes a following `"` (with `escapes`; without, `\"` ends
/// the value), a line break ends the page's patience.
fn quoted_value(b: &[u8], i: usize, escapes: bool) -> Result<usize, QuoteError> {
    let mut open = false;
    let mut escaped_quote = false;
    let mut j = i;
    loop {
        match b.get(j) {
            None | Some(b'\n') => return Err(QuoteError::Unterminated(j)),
            Some(b'\\') => match b.get(j + 1) {
                Some(b'"') if open && !escapes => return Ok(j + 2),
                Some(b'"') if open => escaped_quote = true,
                Some(b'`') => return Err(QuoteError::Escape(j)),
                _ => {}
            },
            Some(b'"') if escaped_quote => escaped_quote = false,
            Some(b'"') if open => return Ok(j + 1),
            Some(b'"') => open = true,
            Some(_) => {}
        }
        j += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Calls pair their tags by name, the inner first; a tag left open or
    /// closing itself pairs with nothing.
    #[test]
    fn calls_pair_their_tags() {
        let text = "{{< a >}}{{< b >}}{{< yt x >}}{{< /b >}}{{< c />}}{{< /a >}}{{< /d >}}";
        let scan = shortcode_scan(text);
        let named = |i: usize| &text[scan.tags[i].name.clone()];
        let pairs: Vec<(&str, &str)> = scan
            .pairs(text)
            .into_iter()
            .map(|(o, c)| (named(o), named(c)))
            .collect();
        assert_eq!(pairs, [("b", "b"), ("a", "a")]);
    }

    /// Letters and digits as Go tells them, not as Rust does.
    #[test]
    fn letters_and_digits_as_go_tells_them() {
        for c in ['a', 'Z', '0', '_', 'é', 'ß', 'ǅ', 'ʰ', '中', '٣'] {
            assert!(go_alphanumeric(c), "{c}");
        }
        // Other numbers (`No`, `Nl`), a mark, and what Rust counts as
        // alphabetic beside letters.
        for c in ['²', '½', 'Ⅻ', '\u{301}', '\u{345}', '-', ' ', '\u{a0}'] {
            assert!(!go_alphanumeric(c), "{c:?}");
        }
        assert!('²'.is_alphanumeric() && 'Ⅻ'.is_alphanumeric() && '\u{345}'.is_alphabetic());
    }

    /// What Hugo takes out before the Markdown: whole tags, inline
    /// shortcodes' too, and a comment's `/*` and `*/`; nothing of a tag
    /// Hugo stops on.
    #[test]
    fn what_hugo_replaces() {
        let replaced = |text: &'static str| -> Vec<&'static str> {
            shortcode_scan(text)
                .replaced
                .into_iter()
                .map(|r| &text[r])
                .collect()
        };
        assert_eq!(
            replaced("a {{< b \"**\" >}}c{{% /b %}} {{</* d **/>}} {{< e.inline >}}"),
            [
                "{{< b \"**\" >}}",
                "{{% /b %}}",
                "/*",
                "*/",
                "{{< e.inline >}}"
            ]
        );
        assert_eq!(replaced("{{< a >}} {{< b c=\"d >}}"), ["{{< a >}}"]);
        // An inline shortcode's call whole, to the page's end if open.
        assert_eq!(
            replaced("{{< f.inline >}}**{{< /f.inline >}} y {{< g.inline >}}<b>"),
            ["{{< f.inline >}}**{{< /f.inline >}}", "{{< g.inline >}}<b>"]
        );
    }

    #[test]
    fn shortcode_tags_and_their_names() {
        let tags = |text: &'static str| -> Vec<(&'static str, bool)> {
            shortcode_scan(text)
                .tags
                .into_iter()
                .map(|t| (&text[t.name], t.closing))
                .collect()
        };
        // Which close as they open, and where their `/` is.
        let text =
            "{{< a />}} {{< b x=\"y/\" >}} {{< c/>}} {{% d e / %}} {{< f x=\"y\"/>}} {{< /g >}}";
        let slashes: Vec<Option<&str>> = shortcode_scan(text)
            .tags
            .into_iter()
            .map(|t| t.self_closing().map(|at| &text[at..t.tag.end]))
            .collect();
        assert_eq!(
            slashes,
            [Some("/>}}"), None, None, Some("/ %}}"), Some("/>}}"), None]
        );
        let text = "{{< a >}} {{% b/c x=1 %}} {{< /a >}} {{< d/>}} {{< d />}} \
                    {{</* e {{< f >}} */>}} {{< g.inline />}} {{<h>}} {{< cartes/économie >}} \
                    {{{< i >}} {{< j\n  a=\"b\" >}} {{<\n/ j >}} \
                    {{< k a=\">}}\" b=\"{{< l >}}\" c=`{{< m >}}\n>}}` >}}";
        assert_eq!(
            tags(text),
            [
                ("a", false),
                ("b/c", false),
                ("a", true),
                ("d/", false),
                ("d", false),
                ("g.inline", false),
                ("h", false),
                ("cartes/économie", false),
                ("i", false),
                ("j", false),
                ("j", true),
                ("k", false),
            ]
        );
        // Where each tag is, from its last two braces.
        let text = "x {{{< a b=\"c\" >}} {{% /a %}}";
        let whole: Vec<&str> = shortcode_scan(text)
            .tags
            .into_iter()
            .map(|t| &text[t.tag])
            .collect();
        assert_eq!(whole, ["{{< a b=\"c\" >}}", "{{% /a %}}"]);
        // Reading stops at a tag or comment never closed, as Hugo's does:
        // a tag whose parameters stop Hugo is the last read.
        assert_eq!(
            tags("{{< a >}} {{< b \"{{< c >}}"),
            [("a", false), ("b", false)]
        );
        assert!(matches!(
            shortcode_scan("{{< b \"{{< c >}}").tags[0].params,
            Params::Error(_)
        ));
        assert_eq!(tags("{{</* a {{< b >}}"), []);
        assert_eq!(tags("{{< a"), []);
    }
}
