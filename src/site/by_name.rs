//! Finding a page or a file of a site from its address by the file names
//! that can give it, without reading the whole site: what checking a few
//! articles (a pre-commit hook) needs.
//!
//! A page's address comes from its file name unless its front matter says
//! otherwise (`slug`, `url`, `aliases`), so the files whose name gives the
//! address asked for are the candidates, and each is confirmed by reading
//! its front matter. What no file name gives (an alias, a `url`, a missing
//! page) is left to the whole index, which reads every page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::hugo::Dates;
use super::listing::{Kind, Listing, page_stem, segment_key};
use super::{AddressRules, Page, PageFront, addresses, paths, slug_from_file_name};

/// The files of a site, read when a question needs them. The library does
/// not read the file system: the command line implements this.
pub trait SiteFiles: Send + Sync {
    /// The entries of a folder under the site's root (`content/posts`):
    /// their names, in any order, each with whether it is a folder. Hidden entries
    /// (`.name`) and symbolic links are left out, as [`SiteFiles::everything`]
    /// leaves them out. The listing may be one taken before the folder last
    /// changed ([`Listing::is_out_of_date`]): what it names is confirmed
    /// anyway, and a lookup it cannot answer asks [`SiteFiles::entries_now`].
    fn entries(&self, dir: &Path) -> Listing;

    /// The entries of a folder as they are now, when [`SiteFiles::entries`]
    /// gave an out-of-date listing and a lookup found nothing in it.
    fn entries_now(&self, dir: &Path) -> Listing {
        self.entries(dir)
    }

    /// Whether a file (not a folder, not a link) is at `path` under the
    /// site's root (`static/images/a.png`).
    fn is_file(&self, path: &Path) -> bool;

    /// What the front matter of a page of `content/` (its path relative to
    /// `content/`) says; `None` when it cannot be read or is not UTF-8.
    fn front(&self, page: &Path) -> Option<PageFront>;

    /// The site's Hugo configuration: the first of
    /// [`super::hugo::ROOT_FILES`] that exists, then each of
    /// [`super::hugo::FOLDER_FILES`] and [`super::hugo::PRODUCTION_FILES`]
    /// that does, as (name there, text). It says whether file names' dates
    /// are part of addresses, and where the site is published.
    fn hugo_configs(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Every page of `content/` that can be read, with its front matter, and
    /// every other file of `content/` (its path relative to `content/`) and
    /// of the static folders `statics` (`static`, relative to it).
    fn everything(&self, statics: &[PathBuf]) -> Vec<SiteEntry>;

    /// The names of the folders in the folder `dir` under the site's root
    /// (`themes`), links followed, hidden ones left out; none when it does
    /// not exist. `None` when it cannot be read: what it holds is not known.
    fn folders_in(&self, _dir: &Path) -> Option<Vec<String>> {
        None
    }

    /// Every file under the folder `dir` (`layouts`,
    /// `themes/PaperMod/layouts`), at any depth and links followed,
    /// relative to it; none when it does not exist. `None` when it, or a
    /// folder in it, cannot be read.
    fn files_in(&self, _dir: &Path) -> Option<Vec<PathBuf>> {
        None
    }

    /// The text of a file under the site's root (a theme's configuration);
    /// `None` when it cannot be read or is not UTF-8.
    fn read_text(&self, _path: &Path) -> Option<String> {
        None
    }
}

/// A file of a site, as [`SiteFiles::everything`] gives it.
#[derive(Debug, Clone, PartialEq)]
pub enum SiteEntry {
    /// A page of `content/` and what its front matter says.
    Page(PathBuf, PageFront),
    /// Any other file, by its address (`/images/a.png`).
    File(String),
}

/// The folders of a site listed so far: a folder of thousands of posts is
/// listed once per run.
#[derive(Default)]
pub(super) struct Listings {
    folders: Mutex<HashMap<PathBuf, Entries>>,
}

/// A folder's entries: names, and whether each is a folder.
type Entries = Arc<Listing>;

impl Listings {
    /// The entries of a folder under the site's root: names and whether
    /// each is a folder.
    fn get(&self, files: &dyn SiteFiles, dir: &Path) -> Entries {
        let lock = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = lock().get(dir) {
            return known.clone();
        }
        let listed: Entries = Arc::new(files.entries(dir));
        lock().entry(dir.to_path_buf()).or_insert(listed).clone()
    }

    /// What `find` answers, asked again while it finds nothing and read
    /// out-of-date listings: the folders of those are listed now before it
    /// is asked again (what a listing lacks may have been added since). A
    /// folder listed now can lead to a subfolder whose listing is out of
    /// date, hence the loop; each folder is listed again at most once.
    fn until_found<T>(
        &self,
        files: &dyn SiteFiles,
        find: impl Fn(&Lookup<'_>) -> Option<T>,
    ) -> Option<T> {
        loop {
            let lookup = Lookup {
                files,
                listings: self,
                out_of_date: RefCell::default(),
            };
            if let Some(found) = find(&lookup) {
                return Some(found);
            }
            let read = lookup.out_of_date.into_inner();
            if read.is_empty() {
                return None;
            }
            self.refresh(files, &read);
        }
    }

    /// Lists the folders `dirs` again, now, those whose listing is still
    /// out of date (another lookup may have listed them meanwhile).
    fn refresh(&self, files: &dyn SiteFiles, dirs: &[PathBuf]) {
        // Under the lock: another lookup waits for the new listing rather
        // than listing the folder a second time.
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        for dir in dirs {
            if let Some(listing) = folders.get_mut(dir)
                && listing.is_out_of_date()
            {
                let mut now = files.entries_now(dir);
                // Listed now, whatever `entries_now` says: asked once.
                now.set_current();
                *listing = Arc::new(now);
            }
        }
    }
}

/// One try at a lookup: the listings it reads, noting the folders whose
/// listing was out of date.
struct Lookup<'a> {
    files: &'a dyn SiteFiles,
    listings: &'a Listings,
    out_of_date: RefCell<Vec<PathBuf>>,
}

/// How a folder's name reads in an address.
#[derive(Clone, Copy)]
enum Names {
    /// As Hugo makes it a segment of a page's address, sanitized
    /// ([`paths::segment`]): `L'été` is `lété`.
    OfPages,
    /// As it is, lowercased, spaces as `-` ([`segment_key`]): the path a file
    /// other than a page is served at, from `static/`, or from a folder of
    /// `content/` that is no bundle (Hugo serves it under the address of the
    /// bundle holding the folder, at its path from there): `L'été` is `l'été`.
    AsTheyAre,
}

impl Lookup<'_> {
    fn get(&self, dir: &Path) -> Entries {
        let listing = self.listings.get(self.files, dir);
        if listing.is_out_of_date() {
            self.out_of_date.borrow_mut().push(dir.to_path_buf());
        }
        listing
    }

    /// The names of the entries of `kind` of `dir` that an address names
    /// `key`, sorted (so that the answer does not depend on the order the
    /// folder lists them in).
    fn named(&self, dir: &Path, kind: Kind, key: &str) -> Vec<String> {
        let mut names = self.get(dir).named(kind, key);
        names.sort();
        names
    }

    /// The folders under `base` (`content`, `static`) whose names give the
    /// address segments `dirs`, relative to `base`, their names read as
    /// `names` says.
    fn folders(&self, base: impl AsRef<Path>, dirs: &[&str], names: Names) -> Vec<PathBuf> {
        let base = base.as_ref();
        let mut found = vec![PathBuf::new()];
        for segment in dirs {
            // Listings key folders by their undated, sanitized names: the
            // names found are checked against the segment whole.
            let key = paths::segment(slug_from_file_name(segment));
            let gives = |name: &str| match names {
                Names::OfPages => paths::segment(name) == *segment,
                Names::AsTheyAre => segment_key(name) == *segment,
            };
            let mut next = Vec::new();
            for folder in &found {
                let dir = base.join(folder);
                let names = self.named(&dir, Kind::Folder, &key);
                next.extend(
                    names
                        .into_iter()
                        .filter(|n| gives(n))
                        .map(|n| folder.join(n)),
                );
            }
            found = next;
            if found.is_empty() {
                break;
            }
        }
        found
    }

    /// The `_index` and `index` pages of a folder of `content/`.
    fn index_pages(&self, folder: &Path) -> Vec<PathBuf> {
        self.index_pages_in(folder, "")
    }

    /// The `_index` and `index` pages of a folder of `content/`, named
    /// with `code` (`.en`, or empty) before their extension.
    fn index_pages_in(&self, folder: &Path, code: &str) -> Vec<PathBuf> {
        let dir = Path::new("content").join(folder);
        let mut names: Vec<String> = ["_index", "index"]
            .into_iter()
            .flat_map(|stem| {
                let stem = format!("{stem}{code}");
                // The key is lowercased and undated: the stem is checked.
                self.named(&dir, Kind::Page, &stem)
                    .into_iter()
                    .filter(move |name| page_stem(name) == Some(stem.as_str()))
            })
            .collect();
        names.sort();
        names.into_iter().map(|name| folder.join(name)).collect()
    }
}

/// The page at `key` (a normalized address) that a file name gives and its
/// front matter confirms; `None` when no file name gives it. Folders whose
/// listing is out of date are listed again before a lookup gives up (see
/// [`Listings::until_found`]).
pub(super) fn page(
    files: &dyn SiteFiles,
    listings: &Listings,
    key: &str,
    rules: &AddressRules,
) -> Option<Page> {
    let segments = segments_of(key)?;
    let found = |segments: &[&str], language: Option<&str>| {
        listings.until_found(files, |l| named_page(l, key, segments, rules, language))
    };
    // A page of the default language named with its code (`x.en.md`, or
    // under its content folder) first: Hugo publishes it over `x.md`.
    let default = rules.languages.default_code();
    let in_default = listings.until_found(files, |l| {
        named_page(l, key, &segments, rules, Some(default))
            .or_else(|| named_page(l, key, &segments, rules, None))
    });
    if let Some(page) = in_default {
        return Some(page);
    }
    // Under a language's folder (`/en/posts/x/`): its pages are named with
    // its code (`x.en.md`), or sit under its content folder.
    let languages = &rules.languages;
    if let Some((code, rest)) = languages.code_of(key).filter(|_| languages.many())
        && let Some(page) = segments_of(rest).and_then(|s| found(&s, Some(code)))
    {
        return Some(page);
    }
    // Only once no page gives it, from listings that are current: a top-level
    // folder holding a page is a section page.
    match segments.as_slice() {
        [top] => listings.until_found(files, |l| section_page(l, top, rules)),
        _ => None,
    }
}

/// The page a file name gives for `key` (of `segments`), confirmed by its
/// front matter; with `language`, a page of that language, `segments`
/// being the address in its folder.
fn named_page(
    lookup: &Lookup<'_>,
    key: &str,
    segments: &[&str],
    rules: &AddressRules,
    language: Option<&str>,
) -> Option<Page> {
    let dates = rules.dates;
    // Where the language's pages are under `content/`, and the code their
    // names carry (`.en`).
    let (base, code) = match language {
        None => (PathBuf::new(), String::new()),
        Some(code) => match rules.languages.content_dir(code) {
            Some(dir) => (dir.to_path_buf(), String::new()),
            None => (PathBuf::new(), format!(".{code}")),
        },
    };
    let content = Path::new("content").join(&base);
    let mut candidates: Vec<PathBuf> = Vec::new();
    match segments.split_last() {
        None => candidates.extend(lookup.index_pages_in(&base, &code)),
        Some((last, dirs)) => {
            let html = format!("{last}{code}.html");
            for folder in lookup.folders(&content, dirs, Names::OfPages) {
                let folder = base.join(folder);
                let dir = Path::new("content").join(&folder);
                // A bundle or section (`<last>/_index.md`, `<last>/index.md`),
                // and the pages whose file name gives the slug.
                // Folders are keyed by their undated names, as pages are:
                // what they give is confirmed below.
                let folder_key = paths::segment(slug_from_file_name(last));
                for bundle in lookup.named(&dir, Kind::Folder, &folder_key) {
                    candidates.extend(lookup.index_pages_in(&folder.join(bundle), &code));
                }
                // Listings key pages by their undated slugs: a dated
                // address (`2025-02-10-creme-anglaise`, where the site keeps
                // dates) is looked for by its slug, then confirmed.
                let slug = if dates == Dates::Dropped {
                    last
                } else {
                    slug_from_file_name(last)
                };
                let mut pages = lookup.named(&dir, Kind::Page, &format!("{slug}{code}"));
                pages.extend(lookup.named(&dir, Kind::Page, &html));
                pages.sort();
                candidates.extend(pages.into_iter().map(|name| folder.join(name)));
            }
        }
    }
    candidates.into_iter().find_map(|rel| {
        let front = lookup.files.front(&rel)?;
        // A leaf bundle's resource is no page.
        let leaf = |folder: &Path| {
            lookup
                .index_pages(folder)
                .iter()
                .any(|p| super::is_index_page(p, |c| rules.languages.has(c)))
        };
        let is_section = |folder: &Path| {
            lookup
                .index_pages(folder)
                .iter()
                .any(|p| super::is_section_page(p, |c| rules.languages.has(c)))
        };
        (addresses(&rel, &front, rules, &is_section)
            .is_some_and(|a| a.page.iter().any(|p| p == key))
            && super::leaf_bundle_of(&rel, leaf, |c| rules.languages.has(c)).is_none())
        .then(|| Page::of(&rel, &front))
    })
}

/// The section page of the top-level folder `top`, when a page of the
/// default language is in it (any page will do: the answer does not
/// depend on which).
fn section_page(lookup: &Lookup<'_>, top: &str, rules: &AddressRules) -> Option<Page> {
    lookup
        .folders("content", &[top], Names::OfPages)
        .into_iter()
        .find_map(|folder| {
            let dir = Path::new("content").join(&folder);
            lookup
                .get(&dir)
                .pages()
                .any(|name| {
                    let rel = folder.join(name);
                    let language = rules.languages.of(&rel);
                    language.prefix.is_empty()
                        && language.built
                        && lookup.files.front(&rel).is_some()
                })
                .then(Page::default)
        })
}

/// Whether a file other than a page is at `key` (a file address:
/// `/images/a.png`, lowercased), in `content/` or `static/`, at its path,
/// its folders' names as they are ([`Names::AsTheyAre`]). `false` means
/// that no file has that exact path, not that none is served there: the
/// whole index decides then, which also knows the address of the bundle
/// a file is in (sanitized, or its `slug`). Folders whose listing is out
/// of date are listed again before it gives up.
pub(super) fn file(
    files: &dyn SiteFiles,
    listings: &Listings,
    statics: &[PathBuf],
    key: &str,
) -> bool {
    listings
        .until_found(files, |l| file_in(l, statics, key).then_some(()))
        .is_some()
}

fn file_in(lookup: &Lookup<'_>, statics: &[PathBuf], key: &str) -> bool {
    let Some(segments) = segments_of(key) else {
        return false;
    };
    let Some((last, dirs)) = segments.split_last() else {
        return false;
    };
    let content = Path::new("content");
    std::iter::once(content)
        .chain(statics.iter().map(PathBuf::as_path))
        .any(|base| {
            lookup
                .folders(base, dirs, Names::AsTheyAre)
                .into_iter()
                .any(|folder| {
                    let dir = base.join(folder);
                    let listing = lookup.get(&dir);
                    let mut names = listing.named(Kind::File, last);
                    // A page file is served as it is from a static folder only.
                    if base != content && page_stem(last).is_some() {
                        names.extend(listing.pages().filter(|name| segment_key(name) == *last));
                    }
                    // What a listing names is there: it may be out of date.
                    names
                        .iter()
                        .any(|name| lookup.files.is_file(&dir.join(name)))
                })
        })
}

/// The segments of an address (none for `/`); `None` when one is empty
/// (`/a//b/`), which no file name gives.
fn segments_of(key: &str) -> Option<Vec<&str>> {
    let inner = key.trim_matches('/');
    if inner.is_empty() {
        return Some(Vec::new());
    }
    let segments: Vec<&str> = inner.split('/').collect();
    (!segments.iter().any(|s| s.is_empty())).then_some(segments)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{MemoryFiles, Site};
    use std::sync::mpsc;
    use std::time::Duration;

    fn memory() -> MemoryFiles {
        MemoryFiles::new(site_files())
    }

    fn site_files() -> Vec<(PathBuf, Option<String>)> {
        let page = |text: &str| Some(text.to_string());
        let files = [
            ("content/_index.md", page("---\ntitle: Accueil\n---\n")),
            (
                "content/posts/_index.md",
                page("---\ntitle: Articles\n---\n"),
            ),
            ("content/posts/2025-01-01-premier.md", page("## A\n")),
            ("content/posts/2025-01-02-Avec Espaces.md", page("")),
            (
                "content/posts/2025-01-03-autre.md",
                page("---\nslug: change\n---\n"),
            ),
            (
                "content/posts/2025-01-04-deplace.md",
                page("---\nurl: /ailleurs/page/\naliases: [/vieux/, /posts/ancien/]\n---\n"),
            ),
            ("content/posts/page.html.md", page("")),
            ("content/posts/2025-01-07-avec\ttab.md", page("")),
            ("content/posts/_brouillon.md", page("")),
            ("content/posts/.cache.md", page("")),
            ("content/posts/image.png", None),
            ("content/guides/livre/_index.md", page("")),
            ("content/guides/livre/Chapitre Un.md", page("")),
            (
                "content/guides/livre/03.03-Se positionner dans l'organisation.md",
                page(""),
            ),
            (
                "content/guides/Livre d'or/03.02-La transition → management.md",
                page(""),
            ),
            (
                "content/posts/2025-01-08-ete.md",
                page("---\nslug: \"Mon Slug l'été\"\n---\n"),
            ),
            ("content/bundle/mon-article/index.md", page("")),
            ("content/bundle/mon-article/photo.jpg", None),
            (
                "content/posts/2025-01-05-bundle-test/index.md",
                page("---\nslug: mon-bundle\n---\n"),
            ),
            ("content/posts/2025-01-05-bundle-test/schema.png", None),
            ("content/posts/2025-01-06-paquet/index.md", page("")),
            ("content/posts/2025-01-06-paquet/img/a.png", None),
            (
                "content/posts/2025-01-06-paquet/notes.md",
                page("## Notes\n"),
            ),
            ("content/posts/2025-01-06-paquet/img/legende.md", page("")),
            ("content/posts/2025-01-06-paquet/sous/index.md", page("")),
            ("content/posts/2025-01-06-paquet/sous/x.md", page("")),
            ("content/posts/2025-01-09-majuscules/index.MD", page("")),
            ("content/posts/2025-01-09-majuscules/notes.md", page("")),
            ("content/sans-index/2025-01-05-x.md", page("")),
            ("content/illisible/2025-01-06-y.md", None),
            ("content/about.md", page("")),
            ("static/images/Logo.PNG", None),
            ("static/.secret", None),
        ]
        .map(|(p, t)| (PathBuf::from(p), t));
        files.into()
    }

    /// The same site, read whole at once.
    fn indexed(files: &MemoryFiles) -> Site {
        Site::read_whole("/site", files)
    }

    /// Whether `asked` exists, and which page it is, the same in both.
    /// That `asked` exists (`there`) in the whole index of `files` and
    /// when looked up by name, with the folders listed in either order.
    fn assert_exists(files: &[(PathBuf, Option<String>)], asked: &str, there: bool, case: &str) {
        let memory = || MemoryFiles::new(files.to_vec());
        let whole = indexed(&memory());
        assert_eq!(whole.exists(asked), there, "whole, {case}: {asked}");
        for files in [memory(), memory().listed_in_lookup_order()] {
            let lazy = Site::from_files("/site", Arc::new(files));
            assert_eq!(lazy.exists(asked), there, "lazy, {case}: {asked}");
            assert_same_answers(&lazy, &whole, asked);
        }
    }

    fn assert_same_answers(lazy: &Site, whole: &Site, asked: &str) {
        assert_eq!(lazy.exists(asked), whole.exists(asked), "exists {asked}");
        assert_eq!(
            lazy.page(asked).map(|p| p.file),
            whole.page(asked).map(|p| p.file),
            "page {asked}"
        );
    }

    const ASKED: &[&str] = &[
        "/",
        "/posts/",
        "/posts/premier/",
        "/posts/Premier",
        "/posts/avec-espaces/",
        "/posts/Avec Espaces/",
        "/posts/autre/",
        "/posts/change/",
        "/ailleurs/page/",
        "/vieux/",
        "/posts/ancien/",
        "/posts/deplace/",
        "/posts/page/",
        "/posts/page.html",
        "/posts/avec\ttab/",
        "/posts/avec/",
        "/posts/brouillon/",
        "/posts/_brouillon/",
        "/posts/cache/",
        "/posts/.cache/",
        "/posts/image.png",
        "/posts/image/",
        "/guides/",
        "/guides/livre/",
        "/guides/livre/chapitre-un/",
        "/guides/livre/03.03-se-positionner-dans-lorganisation/",
        "/guides/livre/03.03-se-positionner-dans-l'organisation/",
        "/guides/livre-dor/03.02-la-transition-management/",
        "/guides/livre-d'or/03.02-la-transition-management/",
        "/guides/livre-dor/03.02-la-transition-→-management/",
        "/guides/livre-dor/",
        "/posts/mon-slug-lété/",
        "/posts/mon-slug-l'été/",
        "/posts/ete/",
        "/bundle/",
        "/bundle/mon-article/",
        "/bundle/mon-article/photo.jpg",
        "/posts/mon-bundle/",
        "/posts/bundle-test/",
        "/posts/2025-01-05-bundle-test/",
        "/posts/mon-bundle/schema.png",
        "/posts/2025-01-05-bundle-test/schema.png",
        "/posts/bundle-test/schema.png",
        "/posts/paquet/",
        "/posts/2025-01-06-paquet/",
        "/posts/paquet/img/a.png",
        "/posts/paquet/notes/",
        "/posts/2025-01-06-paquet/notes/",
        "/posts/2025-01-06-paquet/img/legende/",
        "/posts/2025-01-06-paquet/sous/",
        "/posts/paquet/sous/",
        "/posts/2025-01-06-paquet/sous/x/",
        "/posts/majuscules/",
        "/posts/majuscules/notes/",
        "/posts/2025-01-09-majuscules/notes/",
        "/sans-index/",
        "/sans-index/x/",
        "/illisible/",
        "/illisible/y/",
        "/about/",
        "/about.html",
        "/images/logo.png",
        "/images/Logo.PNG",
        "/secret",
        "/.secret",
        "/posts//premier/",
        "/rien/",
        "/posts/rien/",
    ];

    /// Looked for by file name, every address gets the answer the whole
    /// index gives: whether it exists, and which page it is.
    #[test]
    fn by_name_answers_as_the_whole_index() {
        let whole = indexed(&memory());
        // Folders listed as the file system lists them, and as a kept
        // listing holds them.
        let files = || [memory(), memory().listed_in_lookup_order()];
        for asked in ASKED {
            for files in files() {
                let lazy = Site::from_files("/site", Arc::new(files));
                assert_same_answers(&lazy, &whole, asked);
            }
        }
        // All of them asked of one site, in another order.
        for files in files() {
            let lazy = Site::from_files("/site", Arc::new(files));
            for asked in ASKED.iter().rev() {
                assert_eq!(lazy.exists(asked), whole.exists(asked), "exists {asked}");
            }
        }
    }

    /// A leaf bundle (`<folder>/index.md`) is the page its `slug` names,
    /// else its folder's name, undated as a file's name is; its files are
    /// served under its address.
    #[test]
    fn leaf_bundles_are_named_by_their_slug_or_folder() {
        let whole = indexed(&memory());
        for (asked, there) in [
            ("/posts/mon-bundle/", true),
            ("/posts/paquet/", true),
            ("/posts/mon-bundle/schema.png", true),
            ("/posts/paquet/img/a.png", true),
            ("/posts/bundle-test/", false),
            ("/posts/2025-01-05-bundle-test/", false),
            ("/posts/2025-01-06-paquet/", false),
            ("/posts/bundle-test/schema.png", false),
            // Its Markdown files are resources, which Hugo does not
            // publish, below it too; so is an `index.md` below it.
            ("/posts/paquet/notes/", false),
            ("/posts/2025-01-06-paquet/notes/", false),
            ("/posts/2025-01-06-paquet/img/legende/", false),
            ("/posts/2025-01-06-paquet/sous/", false),
        ] {
            assert_eq!(whole.exists(asked), there, "{asked}");
        }
        // Nor does Hugo's `ref` find them, read whole or by file name.
        for site in [
            indexed(&memory()),
            Site::from_files("/site", Arc::new(memory())),
        ] {
            for path in [
                "/posts/2025-01-06-paquet/notes.md",
                "/posts/2025-01-06-paquet/notes",
                "/posts/2025-01-06-paquet/sous/index.md",
                // The outermost bundle holds it.
                "/posts/2025-01-06-paquet/sous/x.md",
            ] {
                assert_eq!(site.content_page(path).map(|p| p.file), None, "{path}");
                assert_eq!(
                    site.content_resource(path),
                    Some(PathBuf::from("posts/2025-01-06-paquet")),
                    "{path}"
                );
            }
            assert!(
                site.content_page("/posts/2025-01-06-paquet/index.md")
                    .is_some()
            );
            assert_eq!(
                site.content_resource("/posts/2025-01-06-paquet/index.md"),
                None
            );
            assert_eq!(site.content_resource("/posts/2025-01-01-premier.md"), None);
            // `index.MD` is no `index.md` to either: its folder is no
            // bundle, and `notes.md` beside it is a page.
            assert!(
                site.content_page("/posts/2025-01-09-majuscules/notes.md")
                    .is_some()
            );
            assert_eq!(
                site.content_resource("/posts/2025-01-09-majuscules/notes.md"),
                None
            );
        }
        assert_eq!(
            whole.page("/posts/mon-bundle/").map(|p| p.file),
            Some(PathBuf::from("posts/2025-01-05-bundle-test/index.md"))
        );
        // Found by its folder's name, without reading the whole site.
        let files = Arc::new(memory());
        let site = Site::from_files("/site", files.clone());
        assert!(site.exists("/posts/paquet/"));
        assert_eq!(files.whole_reads(), 0);
    }

    /// A file of `content/` in a folder that is no bundle is served at its
    /// path, the folder's name as it is: Hugo publishes it under the
    /// address of the bundle holding the folder (here the section
    /// `guides`) at its path from there, not at the folder's name
    /// sanitized as a page's address is. In a branch bundle (`_index.md`)
    /// it is served under the bundle's address, which is sanitized, and its
    /// path is accepted too. Looked for by file name as in the whole index.
    #[test]
    fn a_file_of_a_folder_that_is_no_bundle_is_served_at_its_path() {
        for (bundle, sanitized) in [(false, false), (true, true)] {
            let page = || Some(String::new());
            let mut files = vec![
                (PathBuf::from("content/guides/intro.md"), page()),
                (PathBuf::from("content/guides/L'été/plan.pdf"), None),
                (PathBuf::from("content/guides/L'été/Un Plan.md"), page()),
            ];
            if bundle {
                files.push((PathBuf::from("content/guides/L'été/_index.md"), page()));
            }
            for (asked, there) in [
                ("/guides/l'été/plan.pdf", true),
                ("/guides/L'été/plan.pdf", true),
                ("/guides/lété/plan.pdf", sanitized),
                // A page's address is sanitized, in a bundle or not.
                ("/guides/lété/un-plan/", true),
                ("/guides/l'été/un-plan/", false),
            ] {
                assert_exists(&files, asked, there, &format!("bundle {bundle}"));
            }
            // Its path is found by its name, without reading the whole site.
            let files = Arc::new(MemoryFiles::new(files));
            let lazy = Site::from_files("/site", files.clone());
            assert!(lazy.exists("/guides/l'été/plan.pdf"));
            assert_eq!(files.whole_reads(), 0);
        }
    }

    /// A top-level folder holding a page is a section, which Hugo makes a
    /// branch bundle even without `_index.md`: the files of its folders
    /// that are no bundle are served under its address, which is
    /// sanitized, at their path from there; their path is accepted too.
    /// Without a page, the folder is no section and they are served at
    /// their path only. The lookup by file name finds their path, and
    /// leaves the section's address to the whole index.
    #[test]
    fn the_files_of_a_section_are_served_under_its_address() {
        for holds_a_page in [true, false] {
            let mut files = vec![
                (PathBuf::from("content/Guides d'été/plan.pdf"), None),
                (PathBuf::from("content/Guides d'été/L'été/carte.pdf"), None),
            ];
            if holds_a_page {
                files.push((
                    PathBuf::from("content/Guides d'été/intro.md"),
                    Some(String::new()),
                ));
            }
            for (asked, there) in [
                ("/guides-d'été/plan.pdf", true),
                ("/guides-d'été/l'été/carte.pdf", true),
                ("/guides-dété/plan.pdf", holds_a_page),
                ("/guides-dété/l'été/carte.pdf", holds_a_page),
                ("/guides-dété/lété/carte.pdf", false),
                ("/guides-d'été/lété/carte.pdf", false),
                ("/guides-dété/", holds_a_page),
            ] {
                assert_exists(&files, asked, there, &format!("page {holds_a_page}"));
            }
        }
    }

    /// In a site whose Hugo configuration keeps file names' dates in
    /// addresses, a dated address is the page and the undated one is not,
    /// found by file name as in the whole index; without `:filename` in
    /// `[frontmatter]`, the other way round.
    #[test]
    fn a_hugo_config_decides_whether_dates_stay_in_addresses() {
        for (config, dated, undated) in [
            ("title = 'Recettes'\n", true, false),
            (
                "[frontmatter]\ndate = [':filename', ':default']\n",
                false,
                true,
            ),
            // By the page's front matter: both.
            ("[frontmatter]\ndate = ['date', ':filename']\n", true, true),
        ] {
            let mut files = site_files();
            files.push((PathBuf::from("hugo.toml"), Some(config.to_string())));
            let memory = || MemoryFiles::new(files.clone());
            let whole = Site::read_whole("/site", &memory());
            assert_eq!(
                whole.exists("/posts/2025-01-01-premier/"),
                dated,
                "{config}"
            );
            assert_eq!(whole.exists("/posts/premier/"), undated, "{config}");
            // A `slug` wins either way.
            assert!(whole.exists("/posts/change/"));
            let asked = ASKED.iter().copied().chain([
                "/posts/2025-01-01-premier/",
                "/posts/2025-01-02-avec-espaces/",
                "/posts/2025-01-03-autre/",
                "/sans-index/2025-01-05-x/",
                "/posts/2025-01-09-premier/",
            ]);
            for asked in asked {
                for files in [memory(), memory().listed_in_lookup_order()] {
                    let lazy = Site::from_files("/site", Arc::new(files));
                    assert_same_answers(&lazy, &whole, asked);
                }
            }
        }
    }

    /// A `[permalinks]` pattern makes the address of its section's regular
    /// pages (the addresses Hugo 0.111 and 0.168 wrote for these pages),
    /// in the root file or in `config/_default/permalinks.toml`; the
    /// address the file name would give is no page then; a page with a
    /// `url`, a section's own page and other sections keep theirs; found
    /// by file name (which falls back on the whole index) as in the whole
    /// index. A token repere does not read leaves addresses unknown: none
    /// is said missing.
    #[test]
    fn permalinks_make_addresses() {
        let page = |front: &str| Some(format!("---\n{front}\n---\nTexte.\n"));
        let site = |config: (&str, &str)| -> Vec<(PathBuf, Option<String>)> {
            vec![
                (PathBuf::from(config.0), Some(config.1.to_string())),
                (
                    PathBuf::from("content/posts/2025-01-06-a.md"),
                    page("title: \"Été à Paris\"\nslug: mon-slug"),
                ),
                (
                    PathBuf::from("content/posts/2025-03-09-b-file.md"),
                    page("title: \"Titre B, vraiment\""),
                ),
                (
                    PathBuf::from("content/posts/2025-02-03-bundle-x/index.md"),
                    page("title: Bundle X"),
                ),
                (
                    PathBuf::from("content/posts/deep.md"),
                    page("title: Sub page\ndate: 2024-12-25"),
                ),
                (
                    PathBuf::from("content/posts/ailleurs.md"),
                    page("title: Ailleurs\nurl: /la-bas/"),
                ),
                (
                    PathBuf::from("content/posts/_index.md"),
                    page("title: Posts"),
                ),
                (PathBuf::from("content/guides/g.md"), page("title: Guide")),
            ]
        };
        let dated = "[frontmatter]\ndate = [':filename', ':default']\n";
        for config in [
            (
                "hugo.toml",
                format!("{dated}[permalinks]\nposts = '/:year/:month/:slug/'\n"),
            ),
            (
                "hugo.toml",
                format!("{dated}[permalinks.page]\nposts = '/:year/:month/:slug/'\n"),
            ),
            ("config/_default/hugo.toml", dated.to_string()),
        ] {
            let mut files = site((config.0, &config.1));
            if config.0.starts_with("config/") {
                files.push((
                    PathBuf::from("config/_default/permalinks.toml"),
                    Some("posts = '/:year/:month/:slug/'\n".to_string()),
                ));
            }
            let memory = || MemoryFiles::new(files.clone());
            let whole = Site::read_whole("/site", &memory());
            assert!(whole.has_permalinks());
            // A link written as the file name would give it: the page meant.
            assert_eq!(
                whole.suggest_page("/posts/", "b-file").as_deref(),
                Some("/2025/03/b-file/")
            );
            for (asked, there) in [
                ("/2025/01/mon-slug/", true),
                ("/2025/03/b-file/", true),
                ("/2025/02/bundle-x/", true),
                ("/2024/12/sub-page/", true),
                ("/la-bas/", true),
                ("/posts/", true),
                ("/guides/g/", true),
                ("/posts/mon-slug/", false),
                ("/posts/b-file/", false),
                ("/posts/bundle-x/", false),
                ("/posts/deep/", false),
                ("/2025/03/titre-b-vraiment/", false),
            ] {
                assert_eq!(whole.exists(asked), there, "{asked} {config:?}");
                for files in [memory(), memory().listed_in_lookup_order()] {
                    let lazy = Site::from_files("/site", Arc::new(files));
                    assert_same_answers(&lazy, &whole, asked);
                }
            }
        }
        // Without `:filename` among the date sources, `:slug` is the title.
        let files = site(("hugo.toml", "[permalinks]\nposts = '/:slug/'\n"));
        let whole = Site::read_whole("/site", &MemoryFiles::new(files));
        assert!(whole.exists("/titre-b-vraiment/"));
        assert!(!whole.exists("/b-file/"));
        // A token repere does not read: no address is said missing.
        let files = site(("hugo.toml", "[permalinks]\nposts = '/:author/:slug/'\n"));
        let whole = Site::read_whole("/site", &MemoryFiles::new(files));
        assert!(whole.exists("/nulle-part/"));
    }

    /// `:sections` counts a folder below the top one only when it holds an
    /// `_index` page, down to the deepest that does, as Hugo 0.168 writes
    /// the addresses (0.111 writes `posts/2025/n.md` at `/posts/false/`);
    /// by file name as in the whole index.
    #[test]
    fn sections_are_the_folders_with_an_index_page() {
        // `:slug` is the title where dates do not come from file names.
        let page = |path: &str| {
            let title = Path::new(path).file_stem().unwrap().to_string_lossy();
            (
                PathBuf::from(path),
                Some(format!("---\ntitle: {title}\n---\n")),
            )
        };
        let files = vec![
            (
                PathBuf::from("hugo.toml"),
                Some("[permalinks]\nposts = '/:sections/:slug/'\n".to_string()),
            ),
            page("content/posts/a.md"),
            page("content/posts/2025/n.md"),
            page("content/posts/2026/_index.md"),
            page("content/posts/2026/m.md"),
            page("content/posts/2026/sub/p.md"),
            page("content/posts/2027/deep/_index.en.md"),
            page("content/posts/2027/deep/q.md"),
            // No section's page: `old` is no language of the site.
            page("content/posts/2028/_index.old.md"),
            page("content/posts/2028/o.md"),
        ];
        let memory = || MemoryFiles::new(files.clone());
        let whole = Site::read_whole("/site", &memory());
        for (asked, there) in [
            ("/posts/a/", true),
            ("/posts/n/", true),
            ("/posts/2025/n/", false),
            ("/posts/2026/m/", true),
            ("/posts/m/", false),
            ("/posts/2026/p/", true),
            ("/posts/2026/sub/p/", false),
            // A section below a folder that is none (Hugo 0.111 and 0.168).
            ("/posts/2027/deep/q/", true),
            ("/posts/q/", false),
            ("/posts/o/", true),
            ("/posts/2028/o/", false),
        ] {
            assert_eq!(whole.exists(asked), there, "{asked}");
            let lazy = Site::from_files("/site", Arc::new(memory()));
            assert_same_answers(&lazy, &whole, asked);
        }
        // Where relative links are read from: the same in both.
        let lazy = Site::from_files("/site", Arc::new(memory()));
        let front = PageFront::of("---\ntitle: o\n---\n");
        let file = Path::new("/site/content/posts/2028/o.md");
        let bases = whole.relative_bases(file, &front).unwrap();
        assert_eq!(bases[0].folder, "/posts/o/");
        assert_eq!(lazy.relative_bases(file, &front), Some(bases));
    }

    /// "Did you mean" compares undated names: a dated site's pages do not
    /// all look alike by their dates, a dated link finds the page of a site
    /// that drops dates, and an undated slip the page of one that keeps them.
    #[test]
    fn suggestions_compare_undated_names() {
        let site = |config: &str| {
            let mut files: Vec<(PathBuf, Option<String>)> = (1..=70)
                .map(|i| {
                    (
                        PathBuf::from(format!("content/posts/2025-01-01-p{i:02}.md")),
                        Some(String::new()),
                    )
                })
                .collect();
            files.push((
                PathBuf::from("content/posts/2025-02-10-creme-anglaise.md"),
                Some(String::new()),
            ));
            files.push((PathBuf::from("hugo.toml"), Some(config.to_string())));
            Site::read_whole("/site", &MemoryFiles::new(files))
        };
        let kept = site("title = 'x'\n");
        assert_eq!(
            kept.suggest_page("/posts/", "creme-anglais").as_deref(),
            Some("/posts/2025-02-10-creme-anglaise/")
        );
        assert_eq!(kept.suggest_page("/posts/", "2025-01-01-zzzz"), None);
        let dropped = site("[frontmatter]\ndate = [':filename']\n");
        assert_eq!(
            dropped
                .suggest_page("/posts/", "2025-02-10-creme-anglaise")
                .as_deref(),
            Some("/posts/creme-anglaise/")
        );
    }

    /// A site whose folders list entries that are not there (a listing
    /// kept out of date, or forged), in lookup order or not.
    struct Forged(MemoryFiles, bool);

    impl SiteFiles for Forged {
        fn entries(&self, dir: &Path) -> Listing {
            let mut listing = self.0.entries(dir);
            for (name, is_dir) in [
                ("2025-02-01-fantome.md", false),
                ("fantome.png", false),
                ("logo.png", false),
                ("fantome", true),
            ] {
                listing.push(name, is_dir);
            }
            if self.1 {
                listing.in_lookup_order()
            } else {
                listing
            }
        }

        fn is_file(&self, path: &Path) -> bool {
            self.0.is_file(path)
        }

        fn front(&self, page: &Path) -> Option<PageFront> {
            self.0.front(page)
        }

        fn everything(&self, statics: &[PathBuf]) -> Vec<SiteEntry> {
            self.0.everything(statics)
        }
    }

    /// What a listing names is confirmed: entries that are not there change
    /// no answer.
    #[test]
    fn entries_listed_but_missing_change_no_answer() {
        let whole = indexed(&memory());
        let forged = [
            "/posts/fantome/",
            "/posts/fantome.png",
            "/images/fantome.png",
            "/fantome/",
            "/posts/fantome/fantome/",
        ];
        for asked in ASKED.iter().chain(&forged) {
            for sorted in [false, true] {
                let lazy = Site::from_files("/site", Arc::new(Forged(memory(), sorted)));
                assert_same_answers(&lazy, &whole, asked);
            }
        }
        for asked in forged {
            assert!(!whole.exists(asked), "{asked}");
        }
    }

    /// The site listed before it changed: three pages added since (one in
    /// a folder renamed since, one a section's `_index.md`), and two pages
    /// gone since, one of them named like a page that is there now.
    fn outdated() -> MemoryFiles {
        let now = site_files();
        let mut before: Vec<PathBuf> = now
            .iter()
            .map(|(p, _)| p.to_str().unwrap_or(""))
            .filter(|p| {
                ![
                    "content/posts/2025-01-01-premier.md",
                    "content/guides/livre/Chapitre Un.md",
                    "content/posts/_index.md",
                ]
                .contains(p)
            })
            .map(|p| PathBuf::from(p.replace("/livre/", "/livret/")))
            .collect();
        before.extend(
            [
                "content/posts/2024-12-01-parti.md",
                "content/posts/2025-01-01-premier.html.md",
            ]
            .map(PathBuf::from),
        );
        MemoryFiles::new(now).listed_before(before)
    }

    /// An out-of-date listing gives the answers of the site as it is now:
    /// what it lacks is found by listing its folder again, not by reading
    /// the whole site; what it names is confirmed.
    #[test]
    fn out_of_date_listings_answer_as_the_site_is_now() {
        let whole = indexed(&memory());
        for asked in ASKED.iter().chain(&["/posts/parti/", "/guides/livret/"]) {
            let lazy = Site::from_files("/site", Arc::new(outdated()));
            assert_same_answers(&lazy, &whole, asked);
        }
        let files = Arc::new(outdated());
        let site = Site::from_files("/site", files.clone());
        // Listed: no folder is listed again.
        assert!(site.exists("/posts/avec-espaces/"));
        assert_eq!(files.listed_now(), Vec::<PathBuf>::new());
        // Added since, in a renamed folder: found by listing folders again,
        // without reading the whole site.
        assert!(site.exists("/posts/premier/"));
        assert!(site.exists("/guides/livre/chapitre-un/"));
        // A section's `_index.md`: not mistaken for a folder of pages
        // without one before its folder is listed again.
        assert_eq!(
            site.page("/posts/").map(|p| p.file),
            Some(PathBuf::from("posts/_index.md"))
        );
        assert_eq!(files.whole_reads(), 0);
        // Gone since: not there once listed again; only the whole site can
        // tell that no page has this address.
        assert!(!site.exists("/posts/parti/"));
        assert_eq!(files.whole_reads(), 1);
        // Each folder listed again once at most.
        let mut listed = files.listed_now();
        assert!(
            listed.contains(&PathBuf::from("content/guides")),
            "{listed:?}"
        );
        let all = listed.len();
        listed.sort();
        listed.dedup();
        assert_eq!(listed.len(), all, "{listed:?}");
    }

    /// Files whose front matter is read only once another lookup has
    /// listed the folders again: the first lookup, which read the listing
    /// when it was out of date, must still look again.
    struct Racing {
        files: MemoryFiles,
        /// Told once the first lookup read the old name's listing.
        read: (mpsc::Sender<()>, Mutex<mpsc::Receiver<()>>),
        /// Told once the other lookup is done.
        done: (mpsc::Sender<()>, Mutex<mpsc::Receiver<()>>),
    }

    /// Waits for `channel`; a test that would wait forever fails instead.
    fn wait(channel: &(mpsc::Sender<()>, Mutex<mpsc::Receiver<()>>), what: &str) {
        let told = channel
            .1
            .lock()
            .unwrap()
            .recv_timeout(Duration::from_secs(10));
        assert!(told.is_ok(), "{what}");
    }

    impl SiteFiles for Racing {
        fn entries(&self, dir: &Path) -> Listing {
            self.files.entries(dir)
        }

        fn entries_now(&self, dir: &Path) -> Listing {
            self.files.entries_now(dir)
        }

        fn is_file(&self, path: &Path) -> bool {
            self.files.is_file(path)
        }

        fn front(&self, page: &Path) -> Option<PageFront> {
            if page == Path::new("posts/2024-01-01-k.md") {
                self.read.0.send(()).unwrap();
                wait(&self.done, "the other lookup did not end");
            }
            self.files.front(page)
        }

        fn everything(&self, statics: &[PathBuf]) -> Vec<SiteEntry> {
            self.files.everything(statics)
        }
    }

    fn channel() -> (mpsc::Sender<()>, Mutex<mpsc::Receiver<()>>) {
        let (send, receive) = mpsc::channel();
        (send, Mutex::new(receive))
    }

    #[test]
    fn a_lookup_looks_again_when_another_listed_the_folder_meanwhile() {
        let now = [
            "content/posts/2025-01-01-k.md",
            "content/posts/2025-01-02-b.md",
        ]
        .map(|p| (PathBuf::from(p), Some(String::new())));
        let before = [
            "content/posts/2024-01-01-k.md",
            "content/posts/2025-01-02-b.md",
        ]
        .map(PathBuf::from);
        let files = Racing {
            files: MemoryFiles::new(now).listed_before(before),
            read: channel(),
            done: channel(),
        };
        let listings = Listings::default();
        let (renamed, missing) = std::thread::scope(|s| {
            // Reads the old name's front matter after the other lookup
            // listed the folder again.
            let renamed =
                s.spawn(|| page(&files, &listings, "/posts/k/", &AddressRules::default()));
            let missing = s.spawn(|| {
                wait(&files.read, "the first lookup did not read the old listing");
                let found = page(
                    &files,
                    &listings,
                    "/posts/absent/",
                    &AddressRules::default(),
                );
                files.done.0.send(()).unwrap();
                found
            });
            (renamed.join().unwrap(), missing.join().unwrap())
        });
        assert_eq!(
            renamed.map(|p| p.file),
            Some(PathBuf::from("posts/2025-01-01-k.md"))
        );
        assert_eq!(missing.map(|p| p.file), None);
        // Each listed again once, by the second lookup.
        let mut listed = files.files.listed_now();
        listed.sort();
        assert_eq!(listed, ["content/", "content/posts"].map(PathBuf::from));
    }

    /// A lookup that finds nothing has only the out-of-date folders it
    /// read listed again: an image linked elsewhere does not have the
    /// posts' folder listed.
    #[test]
    fn only_the_folders_a_lookup_read_are_listed_again() {
        let files = Arc::new(outdated());
        let site = Site::from_files("/site", files.clone());
        assert!(site.exists("/posts/avec-espaces/"));
        assert!(site.exists("/images/logo.png"));
        assert!(!site.exists("/images/absente.png"));
        let listed = files.listed_now();
        assert!(
            listed.contains(&PathBuf::from("static/images")),
            "{listed:?}"
        );
        assert!(
            !listed.contains(&PathBuf::from("content/posts")),
            "{listed:?}"
        );
    }

    /// What file names give is found without reading the whole site; what
    /// they do not give (an alias, a missing page) reads it once.
    #[test]
    fn the_whole_site_is_read_only_for_what_names_do_not_give() {
        let files = Arc::new(memory());
        let site = Site::from_files("/site", files.clone());
        for found in [
            "/posts/premier/",
            "/posts/avec-espaces/",
            "/guides/livre/chapitre-un/",
            // The file whose name Hugo sanitizes to the address.
            "/guides/livre/03.03-se-positionner-dans-lorganisation/",
            "/guides/livre-dor/03.02-la-transition-management/",
            "/",
            "/images/logo.png",
            "/posts/",
        ] {
            assert!(site.exists(found), "{found}");
        }
        assert_eq!(files.whole_reads(), 0);
        // A `slug` the file name does not give, an alias, a missing page.
        assert!(site.exists("/posts/change/"));
        assert!(site.exists("/vieux/"));
        assert!(!site.exists("/posts/rien/"));
        assert_eq!(
            site.suggest_page("/posts/", "premir").as_deref(),
            Some("/posts/premier/")
        );
        assert_eq!(files.whole_reads(), 1);
    }
}
