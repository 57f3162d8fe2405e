//! What to check: the files under the paths given, within the config's
//! `include` and `exclude`, each once.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use repere::config::{Config, config_relative};

use super::check::{READ_HELP, Unread};
use repere::pack::FileFilter;
use repere::yaml::{Node, Value};

const EXTENSIONS: &[&str] = &["md", "markdown"];

/// The config's `include` and `exclude`, as filters on paths relative to it.
pub(crate) struct Scope {
    cwd: PathBuf,
    dir: PathBuf,
    /// `dir` with its links resolved.
    real: Option<PathBuf>,
    include: Option<FileFilter>,
    exclude: Option<FileFilter>,
}

impl Scope {
    pub(crate) fn new(config: Option<&Config>, cwd: &Path) -> Result<Option<Scope>, String> {
        let Some(c) = config else { return Ok(None) };
        let filter = |key: &str, globs: &[String]| -> Result<Option<FileFilter>, String> {
            if globs.is_empty() {
                return Ok(None);
            }
            let node = c.node(&[key]).cloned().unwrap_or_else(|| {
                Node::new(
                    Default::default(),
                    Value::Seq(
                        globs
                            .iter()
                            .map(|g| Node::new(Default::default(), Value::String(g.clone(), true)))
                            .collect(),
                    ),
                )
            });
            c.filter(&node)
                .map(Some)
                .map_err(|e| format!("{}:{}: {}", c.path.display(), c.line(e.span), e.message))
        };
        Ok(Some(Scope {
            cwd: cwd.to_path_buf(),
            dir: c.dir(),
            real: std::fs::canonicalize(c.dir()).ok(),
            include: filter("include", &c.settings.include)?,
            exclude: filter("exclude", &c.settings.exclude)?,
        }))
    }

    pub(crate) fn excluded(&self, path: &Path) -> bool {
        let rel = config_relative(path, &self.cwd, &self.dir, self.real.as_deref());
        self.exclude.as_ref().is_some_and(|f| f.matches(&rel))
    }

    fn included(&self, path: &Path) -> bool {
        let rel = config_relative(path, &self.cwd, &self.dir, self.real.as_deref());
        self.include.as_ref().is_none_or(|f| f.matches(&rel))
    }
}

/// What to check: the files found, and the places that could not be walked.
pub(crate) struct Walk {
    pub files: BTreeSet<PathBuf>,
    pub errors: Vec<(PathBuf, Unread)>,
}

pub(crate) fn walk(paths: &[PathBuf], scope: Option<&Scope>) -> Result<Walk, String> {
    let mut found = Walk {
        files: BTreeSet::new(),
        errors: Vec::new(),
    };
    // Files reached through a symbolic link: they may be another path's.
    let mut links = false;
    for path in paths {
        let meta = reach(path)?;
        if !meta.is_dir() {
            // A file named explicitly is checked, unless the config excludes it
            // (pre-commit passes files explicitly).
            if !scope.is_some_and(|s| s.excluded(path)) {
                links |= fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
                found.files.insert(path.clone());
            }
            continue;
        }
        // The walker reads the ignore files of the folder and of those
        // above it, then of each folder it enters: one that is a FIFO would
        // block the run, so such a folder is reported and not walked.
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        if let Some(bad) = absolute.ancestors().find_map(odd_ignore_file) {
            let mut unread = unreadable_ignore(&bad);
            unread.folder = fs::metadata(path).is_ok_and(|m| m.is_dir());
            found.errors.push((path.clone(), unread));
            continue;
        }
        let skipped = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = skipped.clone();
        let root = path.clone();
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .follow_links(false)
            .filter_entry(move |entry| {
                let odd = entry
                    .file_type()
                    .is_some_and(|t| t.is_dir())
                    .then(|| odd_ignore_file(entry.path()))
                    .flatten();
                if let (Some(bad), Ok(mut seen)) = (&odd, seen.lock()) {
                    let folder = as_given(&root, entry.path()).to_path_buf();
                    seen.push((folder, unreadable_ignore(as_given(&root, bad))));
                }
                odd.is_none()
            })
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let p = entry.path();
                    // Anything named like an article that is not a folder is
                    // taken, so that a FIFO or a broken link named `x.md` is
                    // reported rather than skipped; links to folders are not
                    // followed, like the walker itself.
                    let candidate = entry.file_type().is_some_and(|t| {
                        t.is_file()
                            || (t.is_symlink() && !fs::metadata(p).is_ok_and(|m| m.is_dir()))
                            || (!t.is_dir() && !t.is_symlink())
                    });
                    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                    if candidate
                        && EXTENSIONS.contains(&ext)
                        && scope.is_none_or(|s| s.included(p) && !s.excluded(p))
                    {
                        links |= entry.path_is_symlink();
                        found.files.insert(as_given(path, p).to_path_buf());
                    }
                }
                Err(e) => {
                    let at = error_path(&e).unwrap_or_else(|| path.clone());
                    let at = as_given(path, &at).to_path_buf();
                    // The walker's message repeats the path; say what failed.
                    let cause = e.io_error().map(|io| match io.raw_os_error() {
                        Some(code) => io::Error::from_raw_os_error(code).to_string(),
                        None => io.kind().to_string(),
                    });
                    let unread = match cause {
                        Some(c) if fs::symlink_metadata(&at).is_ok_and(|m| m.is_dir()) => {
                            Unread::of_folder(
                                format!("cannot read this folder: {c}; its files were not checked"),
                                "check that the folder can be listed (its permissions), or exclude it",
                            )
                        }
                        Some(c) => Unread::new(format!("cannot read this entry: {c}"), READ_HELP),
                        None => Unread::new(e.to_string(), READ_HELP),
                    };
                    found.errors.push((at, unread));
                }
            }
        }
        if let Ok(mut skipped) = skipped.lock() {
            found.errors.append(&mut skipped);
        }
    }
    // Several paths may reach one file under different spellings (`content`
    // and `$PWD/content` or `site/../content`) or through a link to a folder
    // on the way: files are then told apart by the file they lead to.
    links |= paths.len() > 1;
    found.files = once_each(found.files, links);
    Ok(found)
}

/// A path found by walking `root`, named as the user would write it:
/// `repere check` with no path walks `.`, and its files are named
/// `content/x.md`, not `./content/x.md`.
fn as_given<'a>(root: &Path, found: &'a Path) -> &'a Path {
    match found.strip_prefix(".") {
        Ok(inner) if root == Path::new(".") && !inner.as_os_str().is_empty() => inner,
        _ => found,
    }
}

/// What is at a path given to check, or why it cannot be reached.
fn reach(path: &Path) -> Result<fs::Metadata, String> {
    fs::metadata(path).map_err(|e| {
        let link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        match e.kind() {
            _ if link => format!(
                "path `{}` is a symbolic link that leads nowhere ({e})",
                path.display()
            ),
            io::ErrorKind::NotFound => format!("path `{}` does not exist", path.display()),
            _ => format!("path `{}`: {e}", path.display()),
        }
    })
}

/// The paths given to check that cannot be reached (which [`walk`] stops
/// at), each with why: all of them, to be reported at once.
pub(crate) fn unreachable(paths: &[PathBuf]) -> Vec<(PathBuf, String)> {
    paths
        .iter()
        .filter_map(|p| reach(p).err().map(|why| (p.clone(), why)))
        .collect()
}

/// An ignore file of `folder` (`.gitignore`, `.ignore`) that is a FIFO or
/// a device, which the walker would block on or read without end.
fn odd_ignore_file(folder: &Path) -> Option<PathBuf> {
    [".gitignore", ".ignore"].into_iter().find_map(|name| {
        let file = folder.join(name);
        let odd = fs::metadata(&file).is_ok_and(|m| !m.is_file() && !m.is_dir());
        odd.then_some(file)
    })
}

fn unreadable_ignore(file: &Path) -> Unread {
    let cwd = std::env::current_dir().unwrap_or_default();
    Unread::of_folder(
        format!(
            "`{}` is not a regular file (a FIFO or device), so the folder's ignore rules cannot be read; its files were not checked",
            file.strip_prefix(&cwd).unwrap_or(file).display()
        ),
        "remove it, or make it a regular file of ignore rules",
    )
}

/// The files, each once: a file reached by two paths (`a.md` and `./a.md`,
/// overlapping folders, a symbolic link beside its file or to a folder on
/// the way) is checked under one of them, the path through the fewest links,
/// then with the fewest parts. Paths are told apart by their parts, and,
/// when `links` were met or several paths given, by the path they lead to,
/// links resolved (`canonicalize`, only then). Two names of one file (hard
/// links) are two paths, each checked: the rules of a name (its date, its
/// slug) are not the other's.
fn once_each(files: BTreeSet<PathBuf>, links: bool) -> BTreeSet<PathBuf> {
    use std::collections::HashMap;
    use std::path::Component;
    let key = |path: &Path| -> PathBuf {
        if links && let Ok(real) = fs::canonicalize(path) {
            return real;
        }
        path.components()
            .filter(|c| *c != Component::CurDir)
            .collect()
    };
    // Better: through fewer links (the file itself or folders on the way,
    // among the parts written: parts both paths share count for both, as a
    // current folder reached through a link), then fewer parts, then the
    // first in order.
    let rank = |path: &Path| {
        let through = if links {
            path.ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .filter(|a| fs::symlink_metadata(a).is_ok_and(|m| m.is_symlink()))
                .count()
        } else {
            0
        };
        (through, path.components().count())
    };
    let mut kept: HashMap<PathBuf, PathBuf> = HashMap::new();
    for path in files {
        match kept.entry(key(&path)) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                if rank(&path) < rank(e.get()) {
                    e.insert(path);
                }
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(path);
            }
        }
    }
    kept.into_values().collect()
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

/// The device and inode of the file at `path` (links followed): one file
/// under two names (a hard link, a symbolic one) has one.
#[cfg(unix)]
pub(super) fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}
