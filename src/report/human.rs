//! `--format human`: miette's graphical report, with the source snippet,
//! labels and help of each diagnostic.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Options, Reporter, summary};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::engine::Report;
use crate::pack::PackError;
use crate::span::Span;

pub struct Human;

/// A file's text under its name, for miette.
struct Source<'a> {
    name: String,
    text: &'a str,
}

impl SourceCode for Source<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let c = self.text.read_span(span, before, after)?;
        // miette counts columns in bytes; the report's `file:line:column`
        // counts characters, as every other format does.
        let column = char_column(self.text, c.span().offset()).unwrap_or(c.column());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            *c.span(),
            c.line(),
            column,
            c.line_count(),
        )))
    }
}

/// The 0-based column of byte `offset` in characters, a byte-order mark
/// taking none.
fn char_column(text: &str, offset: usize) -> Option<usize> {
    let before = text.get(..offset)?;
    // A lone `\r` ends a line too, as for every other format.
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let line = match line_start {
        0 => line.strip_prefix('\u{feff}').unwrap_or(line),
        _ => line,
    };
    Some(line.chars().count())
}

/// One diagnostic as miette sees it.
struct View<'a> {
    code: String,
    message: String,
    severity: Severity,
    help: Option<String>,
    source: Option<Source<'a>>,
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
        Some(Box::new(&self.code))
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
        self.source.as_ref().map(|s| s as &dyn SourceCode)
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

fn view<'a>(d: &Diagnostic, text: Option<&'a str>) -> View<'a> {
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
    let nested = d
        .labels
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
            (None, Some(text)) => {
                let span = source_span(l.span, text);
                let message = Some(l.message.clone());
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
        code: d.rule.to_string(),
        message: if text.is_some() {
            d.message.clone()
        } else {
            format!("{location}: {}", d.message)
        },
        severity: d.severity,
        help,
        source: text.map(|text| Source {
            name: d.path.display().to_string(),
            text,
        }),
        labels,
    }
}

impl Reporter for Human {
    fn write(&self, report: &Report, options: &Options<'_>, out: &mut dyn Write) -> io::Result<()> {
        let handler = handler(options.color);
        for file in &report.files {
            if file.diagnostics.is_empty() {
                continue;
            }
            let kept = file.text(options.source);
            let text = kept.as_deref();
            for d in &file.diagnostics {
                let mut s = String::new();
                handler
                    .render_report(&mut s, &view(d, text))
                    .map_err(|e| io::Error::other(e.to_string()))?;
                out.write_all(s.as_bytes())?;
            }
        }
        if !options.quiet {
            writeln!(out, "{}", summary(report))?;
            for note in &report.notes {
                writeln!(out, "{note}")?;
            }
        }
        Ok(())
    }
}

/// Renders an error in a rule pack (or a config file), pointing into it.
pub fn render_pack_error(e: &PackError, color: bool) -> String {
    let view = View {
        code: if e.origin.ends_with(".toml") {
            "config"
        } else {
            "rule-pack"
        }
        .into(),
        message: e.message.clone(),
        severity: Severity::Error,
        help: e.help.clone(),
        source: Some(Source {
            name: e.origin.clone(),
            text: &e.text,
        }),
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
