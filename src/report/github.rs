//! `--format github`: GitHub Actions workflow commands, which annotate the
//! lines of a pull request:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message`
//! (without `col` and `endColumn` for a span over several lines).

use std::io::{self, Write};

use super::{Options, Reporter, printable};
use crate::diagnostic::Severity;
use crate::engine::Report;

pub struct Github;

/// Escapes a command's message (`%`, LF; CR and other control characters as
/// [`printable`] writes them, so that a value quoted from an article cannot
/// colour or rewrite the CI log).
fn escape_data(s: &str) -> String {
    printable(s).replace('%', "%25").replace('\n', "%0A")
}

/// Escapes a command's property value (also `:` and `,`). A CR is sent
/// as GitHub reads it (`%0D`), not written as text: a property names a file,
/// which must be named exactly.
fn escape_property(s: &str) -> String {
    s.split('\r')
        .map(escape_data)
        .collect::<Vec<_>>()
        .join("%0D")
        .replace(':', "%3A")
        .replace(',', "%2C")
}

impl Reporter for Github {
    fn write(
        &self,
        report: &Report,
        _options: &Options<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for d in report.diagnostics() {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let l = d.location;
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            // Columns are for a span within one line: GitHub takes none
            // (`col`, `endColumn`) for one over several lines.
            let (columns, end_column) = if l.line == l.end_line {
                (
                    format!(",col={}", l.column),
                    format!(",endColumn={}", l.end_column),
                )
            } else {
                (String::new(), String::new())
            };
            writeln!(
                out,
                "::{command} file={},line={}{columns},endLine={}{end_column},title={}::{}",
                escape_property(&super::slash_path(&super::repo_path(&d.path))),
                l.line,
                l.end_line,
                escape_property(&d.rule),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        // A CR quoted from an article is written as text, not sent.
        assert_eq!(escape_data("50% a\nb\r"), "50%25 a%0Ab\\r");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        // A file name is sent as it is.
        assert_eq!(escape_property("c\rr%.md"), "c%0Dr%25.md");
        assert_eq!(escape_data("a\u{1b}[31m"), "a\\u{1b}[31m");
    }
}
