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

use std::collections::{BTreeSet, HashMap};

use crate::document::Document;
use crate::document::markdown::JoinedText;
use crate::pack::selects;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    Disable,
    Enable,
    DisableNextLine,
    DisableFile,
    /// A word that starts like a directive and is none (`repere-disabel`,
    /// `REPERE-DISABLE`): it suppresses nothing, and is reported so.
    Unknown,
}

/// The directives as written, for a "did you mean" on an unknown one.
pub const DIRECTIVES: [&str; 4] = [
    "repere-disable",
    "repere-enable",
    "repere-disable-next-line",
    "repere-disable-file",
];

/// One suppression comment.
#[derive(Debug, Clone, PartialEq)]
pub struct Comment {
    pub directive: Directive,
    /// The directive as written (`repere-disable`, or an unknown one).
    pub word: String,
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
    /// Rules (selectors) a later `enable` switched back on inside a wider
    /// `disable`: the range does not apply to them.
    pub except: Vec<String>,
}

impl Range {
    /// Whether the range turns `rule` off (on its lines).
    pub fn covers(&self, rule: &str) -> bool {
        (self.rules.is_empty() || self.rules.iter().any(|r| selects(r, rule))) && !self.spares(rule)
    }

    /// Whether a later `enable` took `rule` out of the range.
    fn spares(&self, rule: &str) -> bool {
        self.except.iter().any(|e| selects(e, rule))
    }
}

/// The suppressions of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Suppressions {
    pub comments: Vec<Comment>,
    pub ranges: Vec<Range>,
    /// The `enable` comments that switched nothing back on (no `disable`
    /// of their rules open above them), by index into `comments`.
    pub idle_enables: Vec<usize>,
}

/// Where the `--` that starts the reason is: the first one between spaces,
/// or at the start or end of a line (a reason wrapped onto its own line,
/// `--` at column 0, starts there too), or ending the comment.
fn reason_start(inner: &str) -> Option<usize> {
    inner.match_indices("--").map(|(i, _)| i).find(|&i| {
        let before = inner[..i].chars().next_back();
        let after = inner[i + 2..].chars().next();
        before.is_some_and(char::is_whitespace) && after.is_none_or(char::is_whitespace)
    })
}

fn parse_comment(html: &str) -> Option<(Directive, &str, Vec<String>, Option<String>)> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let (head, reason) = match reason_start(inner) {
        Some(at) => (
            inner[..at].trim(),
            Some(inner[at + 2..].trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (inner.strip_suffix("--").unwrap_or(inner).trim(), None),
    };
    let (word, rest) = head.split_once(char::is_whitespace).unwrap_or((head, ""));
    let directive = match word {
        "repere-disable" => Directive::Disable,
        "repere-enable" => Directive::Enable,
        "repere-disable-next-line" => Directive::DisableNextLine,
        "repere-disable-file" => Directive::DisableFile,
        // Meant as one: `repere-disabel`, `REPERE-DISABLE`, `repère-enable`.
        w if ["repere-", "repère-"]
            .iter()
            .any(|p| w.get(..p.len()).is_some_and(|h| h.to_lowercase() == *p)) =>
        {
            Directive::Unknown
        }
        _ => return None,
    };
    let rules = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    Some((directive, word, rules, reason))
}

impl Suppressions {
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// Reads the suppression comments of a document.
    pub fn of(doc: &Document) -> Suppressions {
        let mut s = Suppressions::default();
        for run in html_runs(doc) {
            // A directive, or a word meant as one in another case or with
            // its accent (reported as unknown).
            if !["repere-", "REPERE-", "Repere-", "repère-", "Repère-"]
                .iter()
                .any(|w| run.text.contains(w))
            {
                continue;
            }
            // A run may hold several comments.
            let mut from = 0;
            while let Some(open) = run.text[from..].find("<!--") {
                let start = from + open;
                let Some(close) = run.text[start..].find("-->") else {
                    break;
                };
                let end = start + close + 3;
                from = end;
                let Some((directive, word, rules, reason)) = parse_comment(&run.text[start..end])
                else {
                    continue;
                };
                let word = word.to_string();
                let span = Span::new(run.source_offset(start), run.source_offset(end - 1) + 1)
                    .clamp_to(&doc.source);
                let loc = doc.location(span);
                s.comments.push(Comment {
                    directive,
                    word,
                    rules,
                    reason,
                    span,
                    line: loc.line,
                    end_line: loc.end_line,
                });
            }
        }
        s.comments.sort_by_key(|c| c.span.start);
        (s.ranges, s.idle_enables) = ranges(&s.comments);
        s
    }

    /// The comment that suppresses `rule` on `line`, if any.
    pub fn suppressing(&self, rule: &str, line: usize) -> Option<usize> {
        self.suppressing_all(&[(rule, line)])
            .first()
            .copied()
            .flatten()
    }

    /// [`Suppressions::suppressing`] for many (rule, line) queries at once:
    /// the first range (in order) on the line that names the rule, found by
    /// a sweep over the lines, so that a file with thousands of comments and
    /// thousands of findings is not checked pair by pair.
    pub fn suppressing_all(&self, queries: &[(&str, usize)]) -> Vec<Option<usize>> {
        let mut answers = vec![None; queries.len()];
        let mut by_line: Vec<usize> = (0..queries.len()).collect();
        by_line.sort_by_key(|&q| queries[q].1);
        let mut starts: Vec<usize> = (0..self.ranges.len()).collect();
        starts.sort_by_key(|&r| self.ranges[r].first_line);
        let mut ends = starts.clone();
        ends.sort_by_key(|&r| self.ranges[r].last_line);
        // The ranges open on the current line, by the selector they name
        // ("" when they name none: all rules), in range order.
        let mut active: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        fn selectors(r: &Range) -> Vec<&str> {
            if r.rules.is_empty() {
                vec![""]
            } else {
                r.rules.iter().map(String::as_str).collect()
            }
        }
        let (mut next_start, mut next_end) = (0, 0);
        for q in by_line {
            let (rule, line) = queries[q];
            while let Some(&r) = starts.get(next_start) {
                if self.ranges[r].first_line > line {
                    break;
                }
                for sel in selectors(&self.ranges[r]) {
                    active.entry(sel).or_default().insert(r);
                }
                next_start += 1;
            }
            while let Some(&r) = ends.get(next_end) {
                if self.ranges[r].last_line >= line {
                    break;
                }
                for sel in selectors(&self.ranges[r]) {
                    if let Some(set) = active.get_mut(sel) {
                        set.remove(&r);
                    }
                }
                next_end += 1;
            }
            // The selectors that pick `rule`: none, itself, and each of its
            // prefixes that ends before a `-` (see `pack::selects`).
            let prefixes = rule
                .match_indices('-')
                .map(|(i, _)| &rule[..i])
                .chain([rule, ""]);
            answers[q] = prefixes
                .filter_map(|p| {
                    active
                        .get(p)?
                        .iter()
                        .find(|&&r| !self.ranges[r].spares(rule))
                        .copied()
                })
                .min()
                .map(|r| self.ranges[r].comment);
        }
        answers
    }
}

/// The HTML of a document in runs that a comment may span: the parser gives
/// an HTML block line by line, so the lines of one block (consecutive, with
/// nothing but container prefixes such as `> ` between them) are joined;
/// inline HTML is one piece.
fn html_runs(doc: &Document) -> Vec<JoinedText> {
    let mut runs: Vec<JoinedText> = Vec::new();
    let mut last_end: Option<usize> = None;
    for html in &doc.body.html {
        let joins = !html.inline
            && last_end.is_some_and(|end| {
                doc.source
                    .get(end..html.span.start)
                    .is_some_and(|gap| gap.chars().all(|c| matches!(c, '>' | ' ' | '\t')))
            });
        match runs.last_mut() {
            Some(run) if joins => run.push(&html.text, html.span.start),
            _ => {
                let mut run = JoinedText::default();
                run.push(&html.text, html.span.start);
                runs.push(run);
            }
        }
        last_end = (!html.inline).then_some(html.span.end);
    }
    runs
}

/// The ranges the comments make, and the `enable` comments that closed or
/// narrowed none.
fn ranges(comments: &[Comment]) -> (Vec<Range>, Vec<usize>) {
    let mut out = Vec::new();
    let mut idle = Vec::new();
    // Open `disable` ranges by the rule they name ("" for all rules), in
    // the order opened. Indexed by rule so that an `enable` looks only at
    // what it closes or narrows.
    let mut open: HashMap<String, Vec<Open>> = HashMap::new();
    let mut opened = 0;
    let close = |closed: &mut Vec<(Open, String)>, out: &mut Vec<Range>, last: usize| {
        closed.sort_by_key(|(o, _)| o.order);
        for (o, rule) in closed.drain(..) {
            let mut r = range(o.comment, rule, o.first_line, last);
            r.except = o.except;
            out.push(r);
        }
    };
    for (i, c) in comments.iter().enumerate() {
        match c.directive {
            Directive::DisableFile => out.push(Range {
                comment: i,
                rules: c.rules.clone(),
                first_line: 1,
                last_line: usize::MAX,
                except: Vec::new(),
            }),
            Directive::DisableNextLine => out.push(Range {
                comment: i,
                rules: c.rules.clone(),
                first_line: c.end_line + 1,
                last_line: c.end_line + 1,
                except: Vec::new(),
            }),
            Directive::Disable => {
                let rules = if c.rules.is_empty() {
                    vec![String::new()]
                } else {
                    c.rules.clone()
                };
                for rule in rules {
                    open.entry(rule).or_default().push(Open {
                        order: opened,
                        comment: i,
                        first_line: c.line,
                        except: Vec::new(),
                    });
                    opened += 1;
                }
            }
            Directive::Enable => {
                // With no rule named, it closes every open range (those of
                // all rules included); else those of the rules it names.
                let names: Vec<String> = if c.rules.is_empty() {
                    open.keys().cloned().collect()
                } else {
                    c.rules.clone()
                };
                let mut closed = Vec::new();
                for name in &names {
                    if let Some(list) = open.remove(name) {
                        closed.extend(list.into_iter().map(|o| (o, name.clone())));
                    }
                }
                // A rule named inside a wider `disable` (of all rules, or of
                // `front-matter` for `front-matter-style`) is on again from
                // here: that range ends, and goes on without it.
                // In the order they were opened, so that the run is the
                // same whatever the map's order.
                let mut narrowed: Vec<(&String, &mut Open, Vec<String>)> = Vec::new();
                for (wider, list) in open.iter_mut() {
                    let names: Vec<String> = c
                        .rules
                        .iter()
                        .filter(|n| *n != wider && (wider.is_empty() || selects(wider, n)))
                        .cloned()
                        .collect();
                    if !names.is_empty() {
                        narrowed.extend(list.iter_mut().map(|o| (wider, o, names.clone())));
                    }
                }
                if closed.is_empty() && narrowed.is_empty() {
                    idle.push(i);
                }
                narrowed.sort_by_key(|(_, o, _)| o.order);
                for (wider, o, names) in narrowed {
                    closed.push((o.clone(), wider.clone()));
                    o.first_line = c.line;
                    o.order = opened;
                    opened += 1;
                    o.except.extend(names);
                }
                close(&mut closed, &mut out, c.line);
            }
            Directive::Unknown => {}
        }
    }
    let mut rest: Vec<(Open, String)> = open
        .into_iter()
        .flat_map(|(name, list)| list.into_iter().map(move |o| (o, name.clone())))
        .collect();
    close(&mut rest, &mut out, usize::MAX);
    (out, idle)
}

/// A `disable` range not closed yet.
#[derive(Clone)]
struct Open {
    order: usize,
    comment: usize,
    first_line: usize,
    except: Vec<String>,
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
        except: Vec::new(),
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

    /// The sweep gives what a pass over every range in order gives.
    #[test]
    fn sweep_matches_the_plain_search() {
        let s = sup(concat!(
            "<!-- repere-disable tone -->\n\n",
            "<!-- repere-disable-next-line front-matter, tone -->\nx\n\n",
            "<!-- repere-disable -->\n\n",
            "<!-- repere-enable markup -->\n\n",
            "<!-- repere-disable front-matter-style markup -->\n\n",
            "<!-- repere-enable tone -->\n\n",
            "<!-- repere-disable-file section -->\n\n",
            "<!-- repere-enable -->\n\n",
            "<!-- repere-disable-next-line -->\ny\n",
        ));
        let plain = |rule: &str, line: usize| {
            s.ranges
                .iter()
                .find(|r| r.first_line <= line && line <= r.last_line && r.covers(rule))
                .map(|r| r.comment)
        };
        let rules = [
            "tone",
            "front-matter",
            "front-matter-style",
            "markup",
            "section-order",
            "x",
        ];
        let mut queries = Vec::new();
        for line in 0..30 {
            for rule in rules {
                queries.push((rule, line));
            }
        }
        queries.reverse();
        let answers = s.suppressing_all(&queries);
        for ((rule, line), answer) in queries.iter().zip(answers) {
            assert_eq!(answer, plain(rule, *line), "{rule} on line {line}");
        }
        assert!(queries.iter().any(|(r, l)| plain(r, *l).is_some()));
    }

    /// An HTML block comes line by line from the parser: a comment over
    /// several lines (a long reason wrapped) is one comment all the same.
    #[test]
    fn a_comment_over_several_lines() {
        let s = sup(
            "a\n\n<!-- repere-disable-next-line tone\n     -- quoting a reader -->\nIl faut.\n\n> <!--\n> repere-disable markup\n> -->\n> x\n",
        );
        assert_eq!(s.comments.len(), 2, "{s:?}");
        assert_eq!(s.comments[0].reason.as_deref(), Some("quoting a reader"));
        assert_eq!((s.comments[0].line, s.comments[0].end_line), (3, 4));
        assert_eq!(s.suppressing("tone", 5), Some(0));
        assert_eq!(s.suppressing("tone", 4), None);
        assert_eq!(s.comments[1].rules, ["markup"]);
        assert_eq!((s.comments[1].line, s.comments[1].end_line), (7, 9));
        assert_eq!(s.suppressing("markup", 10), Some(1));
    }

    /// A reason wrapped onto its own lines, `--` at the start of one, is
    /// the reason: its words are not rule names.
    #[test]
    fn a_reason_on_a_line_of_its_own() {
        for text in [
            "<!--\nrepere-disable-next-line tone\n-- une raison\nsur plusieurs lignes\n-->\nIl faut livrer.\n",
            "<!-- repere-disable-next-line tone\n--\nune raison -->\nIl faut livrer.\n",
            "<!-- repere-disable-next-line tone\t--\tune raison -->\nIl faut livrer.\n",
        ] {
            let (directive, _, rules, reason) = parse_comment(text.split("\nIl").next().unwrap())
                .unwrap_or_else(|| panic!("not read: {text:?}"));
            assert_eq!(directive, Directive::DisableNextLine, "{text:?}");
            assert_eq!(rules, ["tone"], "{text:?}");
            assert!(
                reason.is_some_and(|r| r.starts_with("une raison")),
                "{text:?}"
            );
        }
        // `--` inside a word starts no reason; one ending the comment, none.
        let (_, _, rules, reason) = parse_comment("<!-- repere-disable a--b -->").unwrap();
        assert_eq!((rules, reason), (vec!["a--b".to_string()], None));
        let (_, _, rules, reason) = parse_comment("<!-- repere-disable tone -- -->").unwrap();
        assert_eq!((rules, reason), (vec!["tone".to_string()], None));
    }

    /// As in markdownlint: enabling one rule inside a `disable` of all
    /// rules (or of a wider selector) switches that rule back on.
    #[test]
    fn enabling_a_rule_inside_a_wider_disable() {
        let s = sup(concat!(
            "<!-- repere-disable -->\n",                   // 1
            "a\n\n",                                       // 2
            "<!-- repere-enable tone -->\n",               // 4
            "b\n\n",                                       // 5
            "<!-- repere-disable front-matter -->\n",      // 7
            "c\n\n",                                       // 8
            "<!-- repere-enable front-matter-style -->\n", // 10
            "d\n\n",                                       // 11
            "<!-- repere-enable -->\n",                    // 13
            "e\n",                                         // 14
        ));
        assert_eq!(s.suppressing("tone", 2), Some(0));
        assert_eq!(s.suppressing("markup", 2), Some(0));
        assert_eq!(s.suppressing("tone", 5), None);
        assert_eq!(s.suppressing("markup", 5), Some(0));
        assert!(s.suppressing("front-matter-style", 8).is_some());
        // `front-matter-style` is on again; the rest of `front-matter` and
        // every other rule but `tone` are still off.
        assert_eq!(s.suppressing("front-matter-style", 11), None);
        assert!(s.suppressing("front-matter", 11).is_some());
        assert_eq!(s.suppressing("markup", 11), Some(0));
        assert_eq!(s.suppressing("tone", 11), None);
        for rule in ["tone", "markup", "front-matter", "front-matter-style"] {
            assert_eq!(s.suppressing(rule, 14), None, "{rule}");
        }
        // Two wider ranges narrowed by one `enable`: the same ranges, in
        // the same order, whatever the order of the map that holds them.
        let text = "<!-- repere-disable -->\n\n<!-- repere-disable front-matter -->\n\n<!-- repere-enable front-matter-style -->\nx\n";
        let first = sup(text).ranges;
        assert_eq!(first.len(), 4);
        for _ in 0..20 {
            assert_eq!(sup(text).ranges, first);
        }
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        let s = sup("```\n<!-- repere-disable-file -->\n```\n");
        assert!(s.is_empty());
    }

    #[test]
    fn other_comments_are_ignored() {
        assert!(parse_comment("<!-- more -->").is_none());
        assert!(parse_comment("<!-- repere: a note to self -->").is_none());
    }

    /// A word that starts like a directive and is none is read as an
    /// unknown one (reported, as it suppresses nothing); an `enable` with no
    /// `disable` open above it is idle.
    #[test]
    fn unknown_directives_and_idle_enables() {
        for written in [
            "<!-- repere-disabled x -->",
            "<!-- repere-disabel tone -->",
            "<!-- REPERE-DISABLE-NEXT-LINE tone -->",
            "<!-- repère-disable tone -->",
            "<!-- repere-disable-line tone -->",
        ] {
            let (directive, word, ..) = parse_comment(written).unwrap();
            assert_eq!(directive, Directive::Unknown, "{written}");
            assert!(written.contains(word), "{written}");
        }
        let s = sup("<!-- repere-enable tone -->\n\n\
             <!-- repere-disable markup -->\nx\n\n<!-- repere-enable markup -->\n\n\
             <!-- repere-enable markup -->\n\n<!-- repere-disable -->\n\n<!-- repere-enable tone -->\n");
        assert_eq!(s.idle_enables, [0, 3]);
    }
}
