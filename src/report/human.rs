//! `--format human`: miette's graphical report, with the source snippet,
//! labels and help of each diagnostic.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Options, Reporter, printable, summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::engine::Report;
use crate::pack::PackError;
use crate::span::{LineIndex, Span};

pub struct Human;

/// A file's text under its name, for miette: its lines found once, so that
/// a snippet costs the lines it shows, not a scan of the file from its start
/// for every finding.
struct Source<'a> {
    name: String,
    /// The text, a lone `\r` read as `\n` (one byte for one): it ends a
    /// line for every format, and miette's drawing splits lines at `\n`.
    text: Cow<'a, str>,
    /// The text before its control characters were shown as `?` (one per
    /// byte), when there were any: columns count its characters.
    unshown: Option<Cow<'a, str>>,
    index: LineIndex,
}

/// On a line longer than this (bytes), a snippet starts and ends this close
/// to the finding rather than at the line's ends: a finding deep in a long
/// line is shown, not the megabyte before it (and miette cannot indent an
/// underline by more than 65,535 columns).
const LONG_LINE: usize = 512;
/// How much of a long line a snippet shows on either side of the finding.
const AROUND: usize = 80;
/// Past this column (characters), a finding's labels are listed, not drawn.
const FAR: usize = 10_000;

impl<'a> Source<'a> {
    fn new(name: String, text: &'a str) -> Source<'a> {
        let text = match crate::document::markdown::lone_cr_as_lf(text) {
            Some(t) => Cow::Owned(t),
            None => Cow::Borrowed(text),
        };
        // Control characters other than tabs and line breaks shown as `?`,
        // byte for byte (spans are byte offsets): the snippet must not
        // recolour or rewrite the reader's terminal. U+FFFE and U+FFFF too,
        // as the other text reports escape them.
        let control = |c: char| {
            c.is_control() && !matches!(c, '\t' | '\n' | '\r') || super::refused_by_xml(c)
        };
        let (text, unshown) = if text.chars().any(control) {
            let shown = text
                .chars()
                .flat_map(|c| {
                    let n = if control(c) { c.len_utf8() } else { 0 };
                    std::iter::repeat_n('?', n).chain((n == 0).then_some(c))
                })
                .collect();
            (Cow::Owned(shown), Some(text))
        } else {
            (text, None)
        };
        let index = LineIndex::new(&text);
        Source {
            name,
            text,
            unshown,
            index,
        }
    }
}

impl SourceCode for Source<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let len = self.text.len();
        if span.offset() > len {
            return Err(MietteError::OutOfBounds);
        }
        let start = self.text.floor_char_boundary(span.offset());
        let end = self
            .text
            .ceil_char_boundary(span.offset().saturating_add(span.len()))
            .max(start);
        // Lines and columns are read on the text as written (the index
        // keeps its counts of characters): the `?` shown for a control
        // character of several bytes are one character.
        let written = self.unshown.as_deref().unwrap_or(&self.text);
        let (line, _) = self.index.line_col(written, start);
        let last_byte = self
            .text
            .floor_char_boundary(end.saturating_sub(1).max(start));
        let (end_line, _) = self.index.line_col(written, last_byte);
        let line_start = |l: usize| self.index.line_start(l).unwrap_or(len);
        // As miette's own reader: without lines before, the data starts at
        // the span (its line and column are the report's place).
        let (mut first, mut from) = if before == 0 {
            (line, start)
        } else {
            let first = line.saturating_sub(before).max(1);
            (first, line_start(first))
        };
        if start - line_start(line) > LONG_LINE && start - from > AROUND {
            (first, from) = (line, self.text.floor_char_boundary(start - AROUND));
        }
        let mut last = (end_line + after).min(self.index.line_count());
        let mut to = line_start(last + 1).min(len);
        if line_start(end_line + 1).min(len).saturating_sub(end) > LONG_LINE {
            (last, to) = (end_line, self.text.ceil_char_boundary(end + AROUND));
        }
        // miette counts columns in bytes; the report's `file:line:column`
        // counts characters, as every other format does.
        // The same byte offsets (a `?` for each byte of what it shows).
        let (_, column) = self.index.line_col(written, from);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            first - 1,
            column - 1,
            last + 1 - first,
        )))
    }
}

/// One diagnostic as miette sees it.
struct View<'a> {
    /// `None` for the continuation of a finding (an earlier place).
    code: Option<String>,
    message: String,
    severity: Severity,
    help: Option<String>,
    source: Option<&'a Source<'a>>,
    labels: Vec<LabeledSpan>,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn source_span(span: Span, text: &str) -> SourceSpan {
    let s = span.clamp_to(text);
    SourceSpan::new(s.start.into(), s.len())
}

fn handler(color: bool) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(120)
        .with_break_words(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

fn view<'a>(d: &Diagnostic, source: Option<&'a Source<'a>>) -> View<'a> {
    let text = source.map(|s| &*s.text);
    let mut help = d.help.clone();
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "`repere check --fix`",
            Applicability::Unsafe => "`repere check --fix --unsafe-fixes` (unsafe: review it)",
        };
        let line = format!("fix: {} with {how}", fix.description);
        help = Some(match help {
            Some(h) => format!("{h}\n{line}"),
            None => line,
        });
    }
    let mut labels = Vec::new();
    // miette draws labels that lie inside the primary span over its
    // underline, out of place. When one of them starts the finding, the
    // labels alone mark it, that one as primary, so the report's place is
    // still the finding's start.
    let inside = |l: &crate::diagnostic::Label| {
        l.path.is_none() && d.span.start <= l.span.start && l.span.end <= d.span.end
    };
    // Deep in a long line, miette would draw labels of one line from its
    // start (and cannot indent by more than 65,535 columns): the finding is
    // drawn alone, its labels listed after the help.
    let far = d.location.column > FAR
        || d.labels
            .iter()
            .any(|l| l.path.is_none() && l.location.column > FAR);
    let nested = !far
        && d.labels
            .first()
            .is_some_and(|l| l.span.start == d.span.start)
        && d.labels.iter().all(inside);
    if let Some(text) = text
        && !nested
    {
        labels.push(LabeledSpan::new_primary_with_span(
            None,
            source_span(d.span, text),
        ));
    }
    for (i, l) in d.labels.iter().enumerate() {
        match (&l.path, text) {
            (None, Some(text)) if !far => {
                let span = source_span(l.span, text);
                let message = Some(printable(&l.message).into_owned());
                labels.push(if nested && i == 0 {
                    LabeledSpan::new_primary_with_span(message, span)
                } else {
                    LabeledSpan::new_with_span(message, span)
                })
            }
            _ => {
                let path = l.path.as_deref().unwrap_or(&d.path);
                let note = format!(
                    "{}:{}:{}: {}",
                    path.display(),
                    l.location.line,
                    l.location.column,
                    l.message
                );
                help = Some(match help {
                    Some(h) => format!("{h}\nsee {note}"),
                    None => format!("see {note}"),
                });
            }
        }
    }
    let location = format!(
        "{}:{}:{}",
        d.path.display(),
        d.location.line,
        d.location.column
    );
    View {
        code: Some(d.rule.to_string()),
        message: if text.is_some() {
            printable(&d.message).into_owned()
        } else {
            printable(&format!("{location}: {}", d.message)).into_owned()
        },
        severity: d.severity,
        help: help.map(|h| printable(&h).into_owned()),
        source,
        labels,
    }
}

/// The views of a finding, in the order they are shown. miette shows a
/// finding's snippets in the order of the file, each headed by its place:
/// a label on lines before the finding (the first copy of a paragraph)
/// would come first, and its place read as the finding's. Such labels are
/// shown after the finding instead, each headed by its text (`☞ similar
/// paragraph here`), the help last.
fn views<'a>(d: &Diagnostic, source: Option<&'a Source<'a>>) -> Vec<View<'a>> {
    let Some(src) = source else {
        return vec![view(d, source)];
    };
    // miette joins a label's snippet to the finding's when their lines
    // (one of context each side) touch.
    // A label past column FAR is listed in the help, not drawn: it stays.
    let earlier = |l: &crate::diagnostic::Label| {
        l.path.is_none()
            && l.location.column <= FAR
            && l.span.end <= d.span.start
            && l.location.end_line + 2 < d.location.line
    };
    let far = d.location.column > FAR;
    if far || !d.labels.iter().any(earlier) {
        return vec![view(d, source)];
    }
    let mut main = d.clone();
    main.labels.retain(|l| !earlier(l));
    let mut first = view(&main, source);
    // The help of the finding without the earlier places (which it would
    // name again as `see …` when some label is far), shown last.
    let help = first.help.take();
    let mut out = vec![first];
    for l in d.labels.iter().filter(|l| earlier(l)) {
        out.push(View {
            code: None,
            message: printable(&l.message).into_owned(),
            severity: Severity::Info,
            help: None,
            source,
            labels: vec![LabeledSpan::new_primary_with_span(
                None,
                source_span(l.span, &src.text),
            )],
        });
    }
    if let Some(last) = out.last_mut() {
        last.help = help;
    }
    out
}

impl Reporter for Human {
    fn write(&self, report: &Report, options: &Options<'_>, out: &mut dyn Write) -> io::Result<()> {
        let handler = handler(options.color);
        for file in &report.files {
            if file.diagnostics.is_empty() {
                continue;
            }
            let kept = file.text(options.source);
            let source = kept.as_deref().map(|text| {
                Source::new(
                    printable(&file.path.display().to_string()).into_owned(),
                    text,
                )
            });
            for d in &file.diagnostics {
                let mut s = String::new();
                for v in views(d, source.as_ref()) {
                    handler
                        .render_report(&mut s, &v)
                        .map_err(|e| io::Error::other(e.to_string()))?;
                }
                out.write_all(s.as_bytes())?;
            }
        }
        if !options.quiet {
            writeln!(out, "{}", summary(report))?;
            // A note may name a file: its control characters are
            // written as in the findings.
            for note in &report.notes {
                writeln!(out, "{}", printable(note))?;
            }
        }
        Ok(())
    }
}

/// Renders an error in a rule pack (or a config file), pointing into it.
pub fn render_pack_error(e: &PackError, color: bool) -> String {
    let source = Source::new(e.origin.clone(), &e.text);
    let view = View {
        code: Some(e.rule().id.into()),
        message: e.message.clone(),
        severity: Severity::Error,
        help: e.help.clone(),
        source: Some(&source),
        labels: vec![LabeledSpan::new_primary_with_span(
            None,
            source_span(e.span, &e.text),
        )],
    };
    let mut s = String::new();
    if handler(color).render_report(&mut s, &view).is_err() {
        s = format!("{}: {}\n", e.origin, e.message);
    }
    s
}
