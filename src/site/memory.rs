//! A site held in memory: [`SiteFiles`] over a map of paths to texts, for
//! the tests and the fuzz target, which compare the lookup by file name with
//! the whole index on sites that no file system holds.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use super::PageFront;
use super::by_name::{SiteEntry, SiteFiles};
use super::listing::{Listing, is_page_name};

/// Files by path under the site's root (`content/posts/a.md`,
/// `static/images/b.png`), each with its text, or `None` for a file that
/// cannot be read (or is not text). Paths with a component starting with
/// `.` are hidden, as on disk. A path is kept as a file system names it:
/// `posts//a.md` is `posts/a.md`.
#[derive(Debug, Default)]
pub struct MemoryFiles {
    files: BTreeMap<PathBuf, Option<String>>,
    whole_reads: AtomicUsize,
    /// Whether folders are listed in lookup order, as a kept listing is.
    in_lookup_order: bool,
    /// The paths the folders were listed with before the site changed: the
    /// listings [`SiteFiles::entries`] gives are out of date.
    listed_before: Option<BTreeSet<PathBuf>>,
    /// The folders listed as they are now ([`SiteFiles::entries_now`]).
    listed_now: Mutex<Vec<PathBuf>>,
}

impl MemoryFiles {
    pub fn new(files: impl IntoIterator<Item = (PathBuf, Option<String>)>) -> MemoryFiles {
        MemoryFiles {
            files: files
                .into_iter()
                .map(|(path, text)| (path.components().collect(), text))
                .collect(),
            whole_reads: AtomicUsize::new(0),
            in_lookup_order: false,
            listed_before: None,
            listed_now: Mutex::default(),
        }
    }

    /// The same files, whose folders are listed in lookup order and read
    /// where a lookup needs them, as a listing kept between runs is (see
    /// [`Listing::in_lookup_order`], [`Listing::paged`]).
    pub fn listed_in_lookup_order(self) -> MemoryFiles {
        MemoryFiles {
            in_lookup_order: true,
            ..self
        }
    }

    /// The same files, whose folders are listed as they were when the site
    /// held the files at `paths` (a listing kept from an earlier run, of a
    /// folder changed since), and marked out of date.
    pub fn listed_before(self, paths: impl IntoIterator<Item = PathBuf>) -> MemoryFiles {
        MemoryFiles {
            listed_before: Some(paths.into_iter().collect()),
            ..self
        }
    }

    /// The folders listed again as they are now, in order.
    pub fn listed_now(&self) -> Vec<PathBuf> {
        self.listed_now
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// How many times every file was read ([`SiteFiles::everything`]).
    pub fn whole_reads(&self) -> usize {
        self.whole_reads.load(Ordering::SeqCst)
    }

    /// The listing of `dir` among `paths`.
    fn list<'a>(&self, paths: impl Iterator<Item = &'a PathBuf>, dir: &Path) -> Listing {
        let mut out: Vec<(String, bool)> = Vec::new();
        for path in paths {
            let Ok(rest) = path.strip_prefix(dir) else {
                continue;
            };
            let mut parts = rest.iter();
            let Some(first) = parts.next() else { continue };
            let entry = (first.to_string_lossy().into_owned(), parts.next().is_some());
            if !entry.0.starts_with('.') && !out.contains(&entry) {
                out.push(entry);
            }
        }
        // Not in the map's order: the answers must not depend on it.
        let mut listing = Listing::default();
        for (name, is_dir) in out.iter().rev() {
            listing.push(name, *is_dir);
        }
        if !self.in_lookup_order {
            return listing;
        }
        // As a kept listing is read: where a lookup needs it.
        let listing = listing.in_lookup_order();
        match listing.kept_lines() {
            Some(lines) => Listing::paged(Arc::new(lines.to_vec())),
            None => listing,
        }
    }
}

fn hidden(path: &Path) -> bool {
    path.iter().any(|c| c.to_string_lossy().starts_with('.'))
}

impl SiteFiles for MemoryFiles {
    fn entries(&self, dir: &Path) -> Listing {
        match &self.listed_before {
            Some(before) => self.list(before.iter(), dir).out_of_date(),
            None => self.list(self.files.keys(), dir),
        }
    }

    fn entries_now(&self, dir: &Path) -> Listing {
        self.listed_now
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(dir.to_path_buf());
        self.list(self.files.keys(), dir)
    }

    fn is_file(&self, path: &Path) -> bool {
        !hidden(path) && self.files.contains_key(path)
    }

    fn front(&self, page: &Path) -> Option<PageFront> {
        let text = self.files.get(&Path::new("content").join(page))?.as_ref()?;
        Some(PageFront::of(text))
    }

    fn hugo_configs(&self) -> Vec<(String, String)> {
        super::hugo::configs(
            |name| self.is_file(Path::new(name)),
            |name| self.read_text(Path::new(name)),
        )
    }

    fn folders_in(&self, dir: &Path) -> Option<Vec<String>> {
        let mut names: Vec<String> = self
            .files
            .keys()
            .filter_map(|path| {
                let mut rest = path.strip_prefix(dir).ok()?.iter();
                let first = rest.next()?.to_str()?;
                // A folder: something is under it.
                rest.next()?;
                (!first.starts_with('.')).then(|| first.to_string())
            })
            .collect();
        names.dedup();
        Some(names)
    }

    fn files_in(&self, dir: &Path) -> Option<Vec<PathBuf>> {
        Some(
            self.files
                .keys()
                .filter_map(|path| Some(path.strip_prefix(dir).ok()?.to_path_buf()))
                .filter(|rel| rel.components().next().is_some())
                .collect(),
        )
    }

    fn read_text(&self, path: &Path) -> Option<String> {
        self.files.get(path)?.clone()
    }

    fn everything(&self, statics: &[PathBuf]) -> Vec<SiteEntry> {
        self.whole_reads.fetch_add(1, Ordering::SeqCst);
        let mut out = Vec::new();
        for (path, text) in &self.files {
            if hidden(path) {
                continue;
            }
            if let Ok(rel) = path.strip_prefix("content") {
                let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if is_page_name(name) {
                    if let Some(text) = text {
                        out.push(SiteEntry::Page(rel.to_path_buf(), PageFront::of(text)));
                    }
                } else {
                    out.push(SiteEntry::File(format!("/{}", rel.to_string_lossy())));
                }
            } else if let Some(rel) = statics.iter().find_map(|s| path.strip_prefix(s).ok()) {
                out.push(SiteEntry::File(format!("/{}", rel.to_string_lossy())));
            }
        }
        out
    }
}
