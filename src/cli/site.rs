//! Finding and reading the site the checked articles belong to, for the link
//! rules: the folder that holds `content/` (walking up from each article, or
//! set in a rule pack), read once.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use repere::config::{CONFIG_BASE, Config};
use repere::document::front_matter;
use repere::engine::BundleOf;
use repere::pack::{DEFAULT_PACKS, PackError, RuleSet};
use repere::site::languages::Languages;
use repere::site::{
    Listing, PAGE_EXTENSIONS, PageFront, ReadPage, Site, SiteEntry, SiteFiles, is_page_name,
};
use repere::span::Span;

use super::listing_cache::ListingCache;

/// The site roots set in the rule packs (resolved against the pack file's
/// folder, the current folder for embedded packs) or in the config (already
/// resolved against its folder), each with where it was set.
pub fn roots_from_packs(set: &RuleSet) -> Vec<(PathBuf, String)> {
    let mut roots = Vec::new();
    for loaded in &set.rules {
        let Some(root) = loaded.rule.site_root() else {
            continue;
        };
        let origin = &loaded.meta.origin;
        let embedded = DEFAULT_PACKS.iter().any(|(o, _)| o == origin);
        let base = if embedded {
            None
        } else {
            Path::new(origin).parent()
        };
        let resolved = match base {
            Some(dir) if root.is_relative() => dir.join(root),
            _ => root.to_path_buf(),
        };
        if !roots.iter().any(|(r, _)| *r == resolved) {
            roots.push((resolved, loaded.meta.site_root_origin.clone()));
        }
    }
    roots
}

/// The site root set in a pack or the config (the first of `pack_roots`),
/// if any; an error when it has no `content/` folder.
pub fn set_root(pack_roots: &[(PathBuf, String)]) -> Result<Option<&Path>, String> {
    let Some((root, origin)) = pack_roots.first() else {
        return Ok(None);
    };
    if !root.join("content").is_dir() {
        return Err(format!(
            "the site root `{}` (`site_root`, set in {origin}) has no `content/` folder",
            root.display()
        ));
    }
    Ok(Some(root))
}

/// The error of a site root set in a pack or the config (the first, which
/// [`set_root`] takes) that has no `content/` folder, at the `site_root`
/// that sets it: in the config (`[options.RULE]`) or in the pack.
pub fn root_error(set: &RuleSet, config: Option<&Config>) -> Option<PackError> {
    let pack_roots = roots_from_packs(set);
    set_root(&pack_roots).err()?;
    let (root, origin) = pack_roots.first()?;
    // The rule whose root is the first: the first that sets one.
    let loaded = set.rules.iter().find(|r| r.rule.site_root().is_some())?;
    let span = loaded
        .options
        .get("site_root")
        .map_or(loaded.options.span, |n| n.span);
    let message = format!(
        "the site root `{}` (`site_root`) has no `content/` folder",
        root.display()
    );
    let help = Some(
        "set `site_root` to the folder that holds the site's `content/`, relative to the file \
         that sets it"
            .to_string(),
    );
    let in_config = span.start >= CONFIG_BASE;
    Some(match config {
        Some(c) if in_config => c.error(span, message, help),
        _ if !in_config => PackError {
            origin: loaded.meta.origin.clone(),
            text: loaded.meta.pack_text.clone(),
            span,
            message,
            help,
            config: false,
        },
        // Set in a config this run did not read: said where, unlocated.
        _ => PackError {
            origin: origin.clone(),
            text: Arc::from(""),
            span: Span::at(0),
            message,
            help,
            config: true,
        },
    })
}

/// The sites of the checked `files`: the first root set in a pack covers them
/// all; otherwise each file belongs to the nearest folder above it that
/// holds `content/`. Files with no such folder get no site. A root set in a
/// pack without a `content/` folder is an error.
///
/// `cache` keeps the listings of large folders between runs (see
/// [`ListingCache`]), for the lookup of pages by file name.
pub fn find(
    files: &[PathBuf],
    pack_roots: &[(PathBuf, String)],
    cache: Option<&ListingCache>,
) -> Result<Vec<Site>, String> {
    if let Some(root) = set_root(pack_roots)? {
        let mut site = site_for(root, files.len(), cache);
        site.cover_all();
        return Ok(vec![site]);
    }
    let mut by_dir: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut groups: BTreeMap<PathBuf, Vec<&PathBuf>> = BTreeMap::new();
    for file in files {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.clone());
        let Some(dir) = abs.parent() else { continue };
        let root = by_dir
            .entry(dir.to_path_buf())
            .or_insert_with(|| {
                dir.ancestors()
                    .find(|a| a.join("content").is_dir())
                    .map(Path::to_path_buf)
            })
            .clone();
        if let Some(root) = root {
            groups.entry(root).or_default().push(file);
        }
    }
    Ok(groups
        .into_iter()
        .map(|(root, members)| {
            let mut site = site_for(&root, members.len(), cache);
            for m in members {
                site.add_member(m.clone());
            }
            site
        })
        .collect())
}

/// Tells which files are resources of a Hugo leaf bundle, reading the file
/// system, as [`repere::site::leaf_bundle_of`] tells them: a file in a
/// folder that holds an `index` page (`index.md`, `index.markdown`,
/// `index.html`, `index.htm`), other than that page (or that page in one
/// of the site's languages, `index.en.md`), or in a folder below one such
/// folder inside `content/` (a bundle's resources may sit in subfolders).
/// Outside a `content/` folder only the file's own folder is looked at,
/// and a code that reads as a language's is one. Each folder is asked
/// once, and each site's configuration read once, for a file so named.
pub fn leaf_bundles() -> Arc<BundleOf> {
    let sites: std::sync::Mutex<HashMap<PathBuf, Arc<Languages>>> = Default::default();
    let languages = move |root: &Path| -> Arc<Languages> {
        if let Some(known) = sites.lock().ok().and_then(|s| s.get(root).cloned()) {
            return known;
        }
        let read = Arc::new(Languages::of_files(&FsFiles::new(root)));
        if let Ok(mut s) = sites.lock() {
            s.insert(root.to_path_buf(), read.clone());
        }
        read
    };
    let known: std::sync::Mutex<HashMap<PathBuf, bool>> = Default::default();
    let has_index = move |folder: &Path| -> bool {
        if let Some(yes) = known.lock().ok().and_then(|k| k.get(folder).copied()) {
            return yes;
        }
        let yes = PAGE_EXTENSIONS
            .iter()
            .any(|ext| folder.join(format!("index.{ext}")).is_file());
        if let Ok(mut k) = known.lock() {
            k.insert(folder.to_path_buf(), yes);
        }
        yes
    };
    Arc::new(move |path: &Path| {
        let absolute = repere::config::normalize(&std::path::absolute(path).ok()?);
        let own = absolute.parent()?;
        // The folders below `content/`, else the file's own folder alone.
        let base = own
            .ancestors()
            .find(|a| a.file_name().is_some_and(|n| n == "content"))
            .or_else(|| own.parent())?;
        let rel = absolute.strip_prefix(base).ok()?;
        let in_site = base.ends_with("content");
        let is_code = |code: &str| match base.parent().filter(|_| in_site) {
            Some(root) => languages(root).has(code),
            None => repere::site::language_like(code),
        };
        repere::site::leaf_bundle_of(rel, |folder| has_index(&base.join(folder)), is_code)
            .map(|folder| base.join(folder))
    })
}

/// Up to this many checked files of a site (a pre-commit hook), the site's
/// pages are looked for by the file names that give the addresses linked
/// (see [`Site::from_files`]); beyond, every page is read at once, in
/// parallel.
const FEW_FILES: usize = 64;

/// The site at `root` for checking `checked` of its files.
fn site_for(root: &Path, checked: usize, cache: Option<&ListingCache>) -> Site {
    if checked <= FEW_FILES {
        let files = FsFiles {
            cache: cache.cloned(),
            ..FsFiles::new(root)
        };
        let mut site = Site::from_files(root, Arc::new(files));
        site.read_pages_with(reader(root));
        site
    } else {
        index(root)
    }
}

/// Reads the site at `root`: every page of `content/` (up to the end of its
/// front matter, in parallel), every other file of `content/` and
/// `static/`.
pub fn index(root: &Path) -> Site {
    let mut site = Site::read_whole(root, &FsFiles::new(root));
    site.read_pages_with(reader(root));
    site
}

/// Reads a page of the site at `root` whole, for its headings.
fn reader(root: &Path) -> Arc<ReadPage> {
    let content = root.join("content");
    Arc::new(move |rel: &Path| {
        let (file, _) = super::check::open_regular(&content.join(rel)).ok()?;
        std::io::read_to_string(file).ok()
    })
}

/// The files of a site on disk.
struct FsFiles {
    root: PathBuf,
    /// Where the listings of large folders are kept between runs.
    cache: Option<ListingCache>,
}

impl FsFiles {
    fn new(root: &Path) -> FsFiles {
        FsFiles {
            root: root.to_path_buf(),
            cache: None,
        }
    }
}

/// A folder's entries, as [`SiteFiles::entries`] gives them.
fn list_folder(folder: &Path) -> Listing {
    let mut listing = Listing::default();
    let Ok(read) = fs::read_dir(folder) else {
        return listing;
    };
    for e in read.flatten() {
        let name = e.file_name();
        let (Some(name), Ok(kind)) = (name.to_str(), e.file_type()) else {
            continue;
        };
        // As the walk of `everything`: hidden entries and links left out.
        if !name.starts_with('.') && (kind.is_dir() || kind.is_file()) {
            listing.push(name, kind.is_dir());
        }
    }
    listing
}

/// Whether `folder` (`dir` under the site's root) is one the whole index
/// walks: under `content/` or `static/` (which may be links), not a link (a
/// kept listing may name one).
fn walked(dir: &Path, folder: &Path) -> bool {
    dir.components().count() <= 1 || fs::symlink_metadata(folder).is_ok_and(|m| m.is_dir())
}

impl SiteFiles for FsFiles {
    fn entries(&self, dir: &Path) -> Listing {
        let folder = self.root.join(dir);
        if !walked(dir, &folder) {
            return Listing::default();
        }
        match &self.cache {
            Some(cache) => {
                let absolute = std::path::absolute(&folder).unwrap_or_else(|_| folder.clone());
                cache.entries(&absolute, || list_folder(&folder))
            }
            None => list_folder(&folder),
        }
    }

    fn entries_now(&self, dir: &Path) -> Listing {
        let folder = self.root.join(dir);
        match &self.cache {
            Some(cache) if walked(dir, &folder) => {
                let absolute = std::path::absolute(&folder).unwrap_or_else(|_| folder.clone());
                cache.entries_now(&absolute, || list_folder(&folder))
            }
            _ => self.entries(dir),
        }
    }

    fn is_file(&self, path: &Path) -> bool {
        fs::symlink_metadata(self.root.join(path)).is_ok_and(|m| m.file_type().is_file())
    }

    fn front(&self, page: &Path) -> Option<PageFront> {
        // A page the whole index reads: a file, not a link.
        if !self.is_file(&Path::new("content").join(page)) {
            return None;
        }
        page_head(&self.root.join("content").join(page)).map(|head| PageFront::of(&head))
    }

    fn hugo_configs(&self) -> Vec<(String, String)> {
        repere::site::hugo::configs(
            // Hugo follows links to its configuration (unlike the walk of
            // pages, which skips them).
            |name| fs::metadata(self.root.join(name)).is_ok_and(|m| m.is_file()),
            |name| self.read_text(Path::new(name)),
        )
    }

    fn folders_in(&self, dir: &Path) -> Option<Vec<String>> {
        let entries = match fs::read_dir(self.root.join(dir)) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Some(Vec::new()),
            read => read.ok()?,
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            // Links followed, as Hugo follows a theme's.
            if !name.starts_with('.') && fs::metadata(entry.path()).ok()?.is_dir() {
                names.push(name);
            }
        }
        Some(names)
    }

    fn files_in(&self, dir: &Path) -> Option<Vec<PathBuf>> {
        let folder = self.root.join(dir);
        if !folder.exists() {
            return Some(Vec::new());
        }
        let walker = ignore::WalkBuilder::new(&folder)
            .standard_filters(false)
            .follow_links(true)
            .build();
        let mut files = Vec::new();
        for entry in walker {
            // An unreadable folder or a loop of links: not all is known.
            let entry = entry.ok()?;
            if entry.file_type().is_some_and(|t| t.is_file()) {
                files.push(entry.path().strip_prefix(&folder).ok()?.to_path_buf());
            }
        }
        Some(files)
    }

    fn read_text(&self, path: &Path) -> Option<String> {
        let path = self.root.join(path);
        // One too large to be a configuration is not read.
        if fs::metadata(&path).ok()?.len() > 1 << 20 {
            return None;
        }
        fs::read_to_string(path).ok()
    }

    fn everything(&self, statics: &[PathBuf]) -> Vec<SiteEntry> {
        // In parallel, each page up to the end of its front matter: its
        // headings are read only if a link asks for one of its anchors.
        let files = files_under(&self.root.join("content"));
        let mut entries: Vec<SiteEntry> = files
            .par_iter()
            .filter_map(|(rel, path)| {
                if is_page(path) {
                    // Unreadable or not UTF-8: not indexed.
                    let head = page_head(path)?;
                    Some(SiteEntry::Page(rel.clone(), PageFront::of(&head)))
                } else {
                    Some(SiteEntry::File(slashed(rel)))
                }
            })
            .collect();
        for folder in statics {
            for (rel, _) in files_under(&self.root.join(folder)) {
                entries.push(SiteEntry::File(slashed(&rel)));
            }
        }
        entries
    }
}

/// The first bytes of a page, as many as its front matter needs (see
/// `front_matter::head_holds_block`); `None` when the page cannot be read or
/// they are not UTF-8. The rest of the page is read only if a link asks for
/// one of its anchors.
fn page_head(path: &Path) -> Option<String> {
    // Most front matters hold in a few hundred bytes.
    let mut want = 1024;
    let mut buf = Vec::with_capacity(want);
    // A FIFO would block the run: not read (as `repere check` reads pages).
    let (mut file, _) = super::check::open_regular(path).ok()?;
    loop {
        let missing = (want - buf.len()) as u64;
        (&mut file).take(missing).read_to_end(&mut buf).ok()?;
        // Most heads: the bytes up to the end of the block, checked alone.
        if let Some(text) = front_matter::held_prefix(&buf).ok()? {
            return Some(text.to_string());
        }
        let end = buf.len() < want;
        let text = match std::str::from_utf8(&buf) {
            Ok(text) => text,
            // A character cut by the end of what was read.
            Err(e) if !end && e.error_len().is_none() => {
                std::str::from_utf8(&buf[..e.valid_up_to()]).ok()?
            }
            Err(_) => return None,
        };
        if end || front_matter::head_holds_block(text) {
            return Some(text.to_string());
        }
        want = want.saturating_mul(2);
        buf.reserve(want - buf.len());
    }
}

fn is_page(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_page_name)
}

/// The files under `dir` (hidden ones skipped), with their path relative to it.
fn files_under(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .hidden(true)
        .follow_links(false)
        .build();
    walker
        .flatten()
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).ok()?.to_path_buf();
            Some((rel, e.path().to_path_buf()))
        })
        .collect()
}

fn slashed(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    format!("/{}", parts.join("/"))
}
