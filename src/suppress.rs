//! Inline suppression comments:
//!
//! ```markdown
//! <!-- repere-disable tone, markup -->   … <!-- repere-enable tone -->
//! <!-- repere-disable-next-line tone -- quoting a reader -->
//! <!-- repere-disable-file front-matter-style -->
//! ```
//!
//! With no rule named, a comment applies to all rules. Text after `--` is the
//! reason. Comments inside code blocks are text, not directives.

use crate::document::Document;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub directive: Directive,
    /// Rule ids (or selectors) named; empty means all rules.
    pub rules: Vec<String>,
    pub reason: Option<String>,
    pub span: Span,
    /// First and last line of the comment.
    pub line: usize,
    pub end_line: usize,
}

/// A range of lines where some rules are off, from a comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    /// Index into [`Suppressions::comments`].
    pub comment: usize,
    /// The rules this range names (empty: all).
    pub rules: Vec<String>,
    pub first_line: usize,
    /// Inclusive; `usize::MAX` for "to the end of the file".
    pub last_line: usize,
}

/// The suppressions of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suppressions {
    pub comments: Vec<Comment>,
    pub ranges: Vec<Range>,
}

fn parse_comment(html: &str) -> Option<(Directive, Vec<String>, Option<String>)> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let (head, reason) = match inner.split_once(" -- ") {
        Some((h, r)) => (
            h.trim(),
            Some(r.trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (inner.strip_suffix("--").unwrap_or(inner).trim(), None),
    };
    let (word, rest) = head.split_once(char::is_whitespace).unwrap_or((head, ""));
    let directive = match word {
        "repere-disable" => Directive::Disable,
        "repere-enable" => Directive::Enable,
        "repere-disable-next-line" => Directive::DisableNextLine,
        "repere-disable-file" => Directive::DisableFile,
        _ => return None,
    };
    let rules = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some((directive, rules, reason))
}

impl Suppressions {
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// Reads the suppression comments of a document.
    pub fn of(doc: &Document) -> Suppressions {
        let mut s = Suppressions::default();
        for html in &doc.body.html {
            if !html.text.contains("repere-") {
                continue;
            }
            // An HTML block may hold several comments.
            let mut from = 0;
            while let Some(open) = html.text[from..].find("<!--") {
                let start = from + open;
                let Some(close) = html.text[start..].find("-->") else {
                    break;
                };
                let end = start + close + 3;
                from = end;
                let Some((directive, rules, reason)) = parse_comment(&html.text[start..end]) else {
                    continue;
                };
                let span =
                    Span::new(html.span.start + start, html.span.start + end).clamp_to(&doc.source);
                let loc = doc.location(span);
                s.comments.push(Comment {
                    directive,
                    rules,
                    reason,
                    span,
                    line: loc.line,
                    end_line: loc.end_line,
                });
            }
        }
        s.comments.sort_by_key(|c| c.span.start);
        s.ranges = ranges(&s.comments);
        s
    }

    /// The comment that suppresses `rule` on `line`, if any.
    pub fn suppressing(&self, rule: &str, line: usize) -> Option<usize> {
        self.ranges
            .iter()
            .find(|r| {
                r.first_line <= line
                    && line <= r.last_line
                    && (r.rules.is_empty() || r.rules.iter().any(|s| crate::pack::selects(s, rule)))
            })
            .map(|r| r.comment)
    }
}

fn ranges(comments: &[Comment]) -> Vec<Range> {
    let mut out = Vec::new();
    // Open `disable` ranges: (comment index, rule or "" for all).
    let mut open: Vec<(usize, String)> = Vec::new();
    for (i, c) in comments.iter().enumerate() {
        match c.directive {
            Directive::DisableFile => out.push(Range {
                comment: i,
                rules: c.rules.clone(),
                first_line: 1,
                last_line: usize::MAX,
            }),
            Directive::DisableNextLine => out.push(Range {
                comment: i,
                rules: c.rules.clone(),
                first_line: c.end_line + 1,
                last_line: c.end_line + 1,
            }),
            Directive::Disable => {
                if c.rules.is_empty() {
                    open.push((i, String::new()));
                } else {
                    open.extend(c.rules.iter().map(|r| (i, r.clone())));
                }
            }
            Directive::Enable => {
                let closes = |rule: &str| c.rules.is_empty() || c.rules.iter().any(|r| r == rule);
                let mut kept = Vec::new();
                for (ci, rule) in open.drain(..) {
                    if closes(&rule) {
                        out.push(range(ci, rule, comments[ci].line, c.line));
                    } else {
                        kept.push((ci, rule));
                    }
                }
                open = kept;
            }
        }
    }
    for (ci, rule) in open {
        out.push(range(ci, rule, comments[ci].line, usize::MAX));
    }
    out
}

fn range(comment: usize, rule: String, first_line: usize, last_line: usize) -> Range {
    Range {
        comment,
        rules: if rule.is_empty() {
            Vec::new()
        } else {
            vec![rule]
        },
        first_line,
        last_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sup(body: &str) -> Suppressions {
        Suppressions::of(&Document::parse("a.md", body.to_string()))
    }

    #[test]
    fn forms() {
        let s = sup(
            "a\n\n<!-- repere-disable-next-line tone -- quoting a reader -->\nIl faut.\n\n<!-- repere-disable markup, tone -->\nx\n\n<!-- repere-enable markup -->\ny\n",
        );
        assert_eq!(s.comments.len(), 3);
        assert_eq!(s.comments[0].reason.as_deref(), Some("quoting a reader"));
        assert_eq!(s.suppressing("tone", 4), Some(0));
        assert_eq!(s.suppressing("tone", 5), None);
        assert_eq!(s.suppressing("markup", 7), Some(1));
        assert_eq!(s.suppressing("markup", 10), None);
        assert_eq!(s.suppressing("tone", 10), Some(1));
        let s = sup("<!-- repere-disable-file -->\n");
        assert_eq!(s.suppressing("anything", 1000), Some(0));
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let s = sup("```\n<!-- repere-disable-file -->\n```\n");
        assert!(s.is_empty());
    }

    #[test]
    fn other_comments_are_ignored() {
        assert!(parse_comment("<!-- more -->").is_none());
        assert!(parse_comment("<!-- repere-disabled x -->").is_none());
    }
}
