//! `repere check`: walk the paths, read and check files in parallel, report.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use repere::diagnostic::Severity;
use repere::engine::{FileResult, Linter};
use repere::report::{self, Format};

use super::args::{CheckArgs, Color, FailOn, OutputFormat};
use super::{EXIT_FINDINGS, EXIT_OK, packs, site};

const EXTENSIONS: &[&str] = &["md", "markdown"];

/// What to check: the files found, and the places that could not be walked.
struct Walk {
    files: BTreeSet<PathBuf>,
    errors: Vec<(PathBuf, String)>,
}

fn walk(paths: &[PathBuf]) -> Result<Walk, String> {
    let mut found = Walk {
        files: BTreeSet::new(),
        errors: Vec::new(),
    };
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => format!("path `{}` does not exist", path.display()),
            _ => format!("path `{}`: {e}", path.display()),
        })?;
        if !meta.is_dir() {
            found.files.insert(path.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let p = entry.path();
                    let is_file = entry
                        .file_type()
                        .is_some_and(|t| t.is_file() || t.is_symlink());
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                    if is_file && EXTENSIONS.contains(&ext) {
                        found.files.insert(p.to_path_buf());
                    }
                }
                Err(e) => {
                    let at = error_path(&e).unwrap_or_else(|| path.clone());
                    found.errors.push((at, e.to_string()));
                }
            }
        }
    }
    Ok(found)
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn read(linter: &Linter, path: &Path) -> FileResult {
    match fs::read(path) {
        Ok(bytes) => linter.check_bytes(path.to_path_buf(), bytes),
        Err(e) => linter.read_error(path.to_path_buf(), format!("cannot read the file: {e}")),
    }
}

fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

pub fn run(args: CheckArgs) -> Result<i32, String> {
    let mut set = packs::load(&args.packs)?;
    let unknown = set.select(&args.select, &args.ignore);
    if !unknown.is_empty() {
        return Err(format!(
            "no rule matches {} (see `repere rules`)",
            unknown
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let pack_roots = site::roots_from_packs(&set);
    let mut linter = Linter::new(set);
    linter.select_builtins(&args.select, &args.ignore);
    let walked = walk(&args.paths)?;
    let files: Vec<PathBuf> = walked.files.into_iter().collect();
    for s in site::find(&files, &pack_roots)? {
        linter = linter.with_site(s);
    }
    let mut results: Vec<FileResult> = files.par_iter().map(|p| read(&linter, p)).collect();
    for (path, message) in walked.errors {
        results.push(linter.read_error(path, message));
    }
    let report = linter.finish(results);

    let format = match args.format {
        OutputFormat::Human => Format::Human,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
    };
    let reread = |p: &Path| fs::read_to_string(p).ok();
    let options = report::Options {
        color: use_color(args.color),
        quiet: args.quiet,
        source: &reread,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    format
        .reporter()
        .write(&report, &options, &mut out)
        .and_then(|_| out.flush())
        .map_err(|e| format!("writing the report: {e}"))?;

    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = matches!((threshold, report.max_severity()), (Some(t), Some(m)) if m >= t);
    Ok(if failed { EXIT_FINDINGS } else { EXIT_OK })
}
