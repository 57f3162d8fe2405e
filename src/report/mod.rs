//! Output formats: one file per format, each a [`Reporter`].

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod sarif;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::engine::Report;

/// How a report is rendered. `source` gives the text of a file whose source
/// the report did not keep (the CLI reads it again; tests give `None`).
pub struct Options<'a> {
    pub color: bool,
    pub quiet: bool,
    pub source: &'a dyn Fn(&Path) -> Option<String>,
}

impl Options<'_> {
    pub fn plain() -> Options<'static> {
        Options {
            color: false,
            quiet: false,
            source: &|_| None,
        }
    }
}

pub trait Reporter {
    fn write(&self, report: &Report, options: &Options<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The names `--format` takes, and their reporters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    JsonLines,
    Github,
    Sarif,
    Junit,
    Gitlab,
}

impl Format {
    pub fn reporter(self) -> Box<dyn Reporter> {
        match self {
            Format::Human => Box::new(human::Human),
            Format::Concise => Box::new(concise::Concise),
            Format::Json => Box::new(json::Json),
            Format::JsonLines => Box::new(json_lines::JsonLines),
            Format::Github => Box::new(github::Github),
            Format::Sarif => Box::new(sarif::SarifReporter),
            Format::Junit => Box::new(junit::Junit),
            Format::Gitlab => Box::new(gitlab::Gitlab),
        }
    }
}

/// "3 errors, 1 warning in 2 files (5 files checked)".
pub fn summary(report: &Report) -> String {
    let c = report.counts();
    let with = report
        .files
        .iter()
        .filter(|f| !f.diagnostics.is_empty())
        .count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if c.errors + c.warnings + c.infos == 0 {
        return format!("No problems found ({} checked).", plural(c.files, "file"));
    }
    let mut parts = vec![plural(c.errors, "error"), plural(c.warnings, "warning")];
    if c.infos > 0 {
        parts.push(plural(c.infos, "info"));
    }
    // A folder the walk could not read has its finding, but is no file.
    let folders = report
        .files
        .iter()
        .filter(|f| !f.diagnostics.is_empty() && report.is_folder(f))
        .count();
    let files = with.saturating_sub(folders);
    let places = match (files, folders) {
        (_, 0) => plural(files, "file"),
        (0, folders) => plural(folders, "folder"),
        (_, folders) => format!(
            "{} and {}",
            plural(files, "file"),
            plural(folders, "folder")
        ),
    };
    format!(
        "Found {} in {places} ({} checked).",
        parts.join(", "),
        plural(c.files, "file")
    )
}

/// Text for a format that gives each diagnostic one line: line breaks (in a
/// quoted value, or a file name) written as the two characters `\n`, `\r`,
/// and other control characters as [`printable`] writes them.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escaped(text, false)
}

/// Text for a terminal or a CI log, where a message quotes what an article
/// holds: control characters other than tabs and `\n` (ESC, which
/// starts the terminal's colour and cursor sequences, NUL, DEL, C1) written
/// as `\u{1b}`, so that an article cannot rewrite the screen of whoever
/// reads the report.
pub fn printable(text: &str) -> Cow<'_, str> {
    escaped(text, true)
}

/// U+FFFE and U+FFFF: the only characters besides control ones that XML 1.0
/// (JUnit) refuses, escaped in every text report.
fn refused_by_xml(c: char) -> bool {
    matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// A `\r` is escaped even where line breaks are kept: alone, it sends the
/// cursor back over the line written so far. So are U+FFFE and U+FFFF, the
/// only characters besides control ones that XML 1.0 (JUnit) refuses.
fn escaped(text: &str, keep_breaks: bool) -> Cow<'_, str> {
    let escape =
        |c: char| (c.is_control() && !(c == '\t' || keep_breaks && c == '\n')) || refused_by_xml(c);
    if !text.chars().any(escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if escape(c) => out.push_str("\\n"),
            '\r' if escape(c) => out.push_str("\\r"),
            c if escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path with `/` separators: on Windows `\` is a separator too, elsewhere
/// it is a character of a file name and stays.
pub fn slash_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s.into_owned()
    }
}

/// A path as the CI formats (SARIF, GitLab Code Quality, GitHub
/// annotations, JUnit) and `--diff` name it: relative to the current
/// directory when it lies inside it, without `.` or `..` components, so that
/// `repere check`, `repere check content`, `repere check ./content`,
/// `repere check site/../content` and `repere check $PWD/content` name a
/// file the same way. A path outside the current directory is absolute, its
/// folders resolved (no `..`, which a `file:` URI must not hold).
pub fn repo_path(path: &Path) -> PathBuf {
    let dotted = path.components().any(|c| c == Component::ParentDir);
    let cwd = (path.is_absolute() || dotted)
        .then(std::env::current_dir)
        .and_then(Result::ok);
    if let Some(cwd) = cwd {
        let absolute = cwd.join(path);
        if let Some(inside) = relative_to(&absolute, &cwd) {
            return without_dots(&inside);
        }
        if dotted && let Some(resolved) = resolved(&absolute) {
            return resolved;
        }
    }
    without_dots(path)
}

fn without_dots(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}

/// `path` with its folders resolved by the system (the file itself is not:
/// a link keeps its own name).
fn resolved(path: &Path) -> Option<PathBuf> {
    Some(path.parent()?.canonicalize().ok()?.join(path.file_name()?))
}

/// `path` (absolute) relative to `dir`, when it lies inside it.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    let plain = !path.components().any(|c| c == Component::ParentDir);
    if plain && let Ok(rest) = path.strip_prefix(dir) {
        return Some(rest.to_path_buf());
    }
    // Through symbolic links and `..`: the folders as the system resolves
    // them (`$PWD` may name a link to the directory `getcwd` returns). The
    // file itself is not resolved: a link keeps its own name.
    let dir = dir.canonicalize().ok()?;
    let parent = path.parent()?.canonicalize().ok()?;
    let rest = parent.strip_prefix(&dir).ok()?;
    Some(rest.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_escapes_line_breaks() {
        assert_eq!(one_line("a\r\nb\nc"), "a\\r\\nb\\nc");
        assert_eq!(one_line("plain"), "plain");
        assert_eq!(one_line("a\u{1b}[31mb\tc"), "a\\u{1b}[31mb\tc");
        assert_eq!(one_line("a\u{fffe}b\u{ffff}"), "a\\u{fffe}b\\u{ffff}");
    }

    #[test]
    fn printable_escapes_control_characters_but_tabs_and_line_breaks() {
        assert_eq!(
            printable("a\u{1}\0b\u{1b}[31mRED\u{7f}\u{9b}\tx\ny\rz"),
            "a\\u{1}\\u{0}b\\u{1b}[31mRED\\u{7f}\\u{9b}\tx\ny\\rz"
        );
        assert!(matches!(printable("é « x »"), Cow::Borrowed(_)));
    }

    #[test]
    fn repo_paths_leave_out_dot_components() {
        assert_eq!(
            repo_path(Path::new("./content/./a.md")),
            Path::new("content/a.md")
        );
        assert_eq!(
            repo_path(Path::new("content/a.md")),
            Path::new("content/a.md")
        );
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(
            repo_path(&cwd.join("content/a.md")),
            Path::new("content/a.md")
        );
        let elsewhere = cwd.parent().unwrap().join("elsewhere.md");
        if !elsewhere.starts_with(&cwd) {
            assert_eq!(repo_path(&elsewhere), elsewhere);
        }
        // `..` on the way: resolved, inside the current directory or not.
        assert_eq!(
            repo_path(Path::new("src/../src/lib.rs")),
            Path::new("src/lib.rs")
        );
        let name = cwd.file_name().unwrap().to_str().unwrap();
        let outside = cwd.canonicalize().unwrap().parent().unwrap().join("x.md");
        assert_eq!(repo_path(Path::new(&format!("../{name}/../x.md"))), outside);
        assert_eq!(repo_path(&cwd.join("../x.md")), outside);
    }

    #[cfg(unix)]
    #[test]
    fn a_path_through_a_symbolic_link_is_inside_the_folder_it_names() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        std::os::unix::fs::symlink(&site, tmp.path().join("link")).unwrap();
        let through = tmp.path().join("link/content/a.md");
        assert_eq!(
            relative_to(&through, &site),
            Some(PathBuf::from("content/a.md"))
        );
        let dotted = site.join("content/../content/a.md");
        assert_eq!(
            relative_to(&dotted, &site),
            Some(PathBuf::from("content/a.md"))
        );
        assert_eq!(relative_to(&through, &site.join("content/sub")), None);
    }
}
