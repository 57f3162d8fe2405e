//! `repere salaries`: the salary figures read in articles, as the `salary`
//! rules read them (with the levels and words of the first `salary` rule in
//! force), as a table or JSON.

use std::io::{self, Write};
use std::path::PathBuf;

use repere::document::Document;
use repere::rules::salary::{self, Extractor, Figure};
use serde_json::{Value, json};

use super::args::{FiguresFormat, SalariesArgs};
use super::check::{Scope, max_file_size, read_article, walk};
use super::{EXIT_ERROR, EXIT_OK, packs};

pub fn run(args: SalariesArgs) -> Result<i32, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("current folder: {e}"))?;
    let setup = packs::load(&args.packs, None)?;
    let extractor = match setup.rules.rules.iter().find(|r| r.meta.kind == "salary") {
        Some(r) => salary::extractor(&r.options)
            .map_err(|e| format!("rule `{}`: {}", r.meta.id, e.message))?,
        None => Extractor::default(),
    };
    let scope = Scope::new(setup.config.as_ref(), &cwd)?;
    let walked = walk(&args.paths, scope.as_ref())?;
    let mut failed = !walked.errors.is_empty();
    for (path, unread) in &walked.errors {
        eprintln!("error: {}: {}", path.display(), unread.message);
    }
    let mut found: Vec<(PathBuf, Document, Vec<Figure>)> = Vec::new();
    let max_size = max_file_size(setup.config.as_ref());
    for path in walked.files {
        // Read as `repere check` reads: no FIFO, nothing over the limit.
        let text = match read_article(&path, max_size).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(e)) => {
                let at = e.utf8_error().valid_up_to();
                eprintln!(
                    "error: {}: invalid UTF-8 at byte offset {at}; the file was not read",
                    path.display()
                );
                failed = true;
                continue;
            }
            Err(unread) => {
                eprintln!("error: {}: {}", path.display(), unread.message);
                failed = true;
                continue;
            }
        };
        let doc = Document::parse(path.clone(), text);
        let figures: Vec<Figure> = extractor
            .extract(&doc)
            .into_iter()
            .filter(|f| args.all || f.salary)
            .collect();
        found.push((path, doc, figures));
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match args.format {
        FiguresFormat::Table => table(&found, args.all, &mut out),
        FiguresFormat::Json => {
            let figures: Vec<Value> = found
                .iter()
                .flat_map(|(path, doc, figures)| {
                    figures.iter().map(move |f| {
                        let loc = doc.location(f.span);
                        let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
                        if let Value::Object(map) = &mut v {
                            map.insert("path".into(), json!(path.display().to_string()));
                            map.insert("line".into(), json!(loc.line));
                            map.insert("column".into(), json!(loc.column));
                        }
                        v
                    })
                })
                .collect();
            let doc = json!({ "files": found.len(), "figures": figures });
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(io::Error::other)
                .and_then(|_| writeln!(out))
        }
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("writing the figures: {e}"))?;
    Ok(if failed { EXIT_ERROR } else { EXIT_OK })
}

fn dash(s: Option<String>) -> String {
    s.filter(|s| !s.is_empty()).unwrap_or_else(|| "-".into())
}

fn table(
    found: &[(PathBuf, Document, Vec<Figure>)],
    all: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut header = vec![
        "where",
        "role",
        "level",
        "experience",
        "figure",
        "currency",
        "claim",
        "context",
    ];
    if all {
        header.push("read as");
    }
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    let mut count = 0;
    for (path, doc, figures) in found {
        for f in figures {
            count += 1;
            let loc = doc.location(f.span);
            let mut context = Vec::new();
            context.extend(f.place.clone());
            context.extend(f.year.map(|y| y.to_string()));
            context.extend(f.qualifier.as_ref().map(|q| format!("({q})")));
            // What the words around the figure make of it (`au moins 70k€`).
            if f.open {
                context.push("at least".to_string());
            }
            if f.at_most {
                context.push("at most".to_string());
            }
            if f.approx {
                context.push("approximate".to_string());
            }
            context.extend(f.period.map(|p| format!("per {}", p.as_str())));
            context.extend(f.basis.map(|b| match b {
                salary::Basis::Gross => "gross".to_string(),
                salary::Basis::Net => "net".to_string(),
            }));
            if f.quoted {
                context.push("quoted".to_string());
            }
            let claim = f.claim.as_ref().map(|c| match &c.versus {
                Some(v) => format!("{} vs {v}", c.text),
                None => c.text.clone(),
            });
            let mut row = vec![
                format!("{}:{}:{}", path.display(), loc.line, loc.column),
                dash(f.role.as_ref().map(|r| r.name.clone())),
                dash(f.level.as_ref().map(|l| l.name.clone())),
                dash(f.experience.as_ref().map(|e| e.text.clone())),
                f.text.clone(),
                f.currency.code().to_string(),
                dash(claim),
                dash(Some(context.join(", "))),
            ];
            if all {
                let what = if f.salary { "salary" } else { "not a salary" };
                row.push(format!("{what}: {}", f.reason));
            }
            rows.push(row);
        }
    }
    if count == 0 {
        let what = if all { "amount" } else { "salary figure" };
        return writeln!(out, "No {what} found in {} file(s).", found.len());
    }
    let columns = rows[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |s| s.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == columns {
                line.push_str(cell);
            } else {
                let pad = widths[c].saturating_sub(cell.chars().count());
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    let what = if all { "amount(s)" } else { "salary figure(s)" };
    writeln!(out, "\n{count} {what} in {} file(s).", found.len())
}
