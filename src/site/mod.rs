//! The site an article belongs to: the pages and files that exist, so that
//! link rules can tell whether an internal link leads somewhere.
//!
//! The library does not read the file system: the CLI walks the site (the
//! folder that holds `content/`) and hands every file to [`Site::add_page`]
//! or [`Site::add_static`], or hands over a [`SiteFiles`] that reads the
//! files a question needs ([`Site::from_files`]); what a file's address is
//! (Hugo's layout) is decided here, so that it can be tested without files.
//!
//! Addresses follow Hugo's defaults: the home page `/` is always there,
//! a page's `index.html` (`/posts/x/index.html`) is the page,
//! `content/<dir>/_index.md` is `/<dir>/`,
//! `content/<dir>/<name>.md` and the leaf bundle `content/<dir>/<name>/index.md`
//! are `/<dir>/<slug>/` (a bundle's files under it) where the slug is the
//! front matter's `slug`, else the file or folder name, without a leading `YYYY-MM-DD-` date unless the site's Hugo
//! configuration keeps it (see [`hugo`]); `url` in the front matter
//! replaces the address and `aliases` add more; every top-level folder of
//! `content/` is a section page; `static/<path>` is `/<path>`. In pages'
//! addresses, folder names, file names and slugs are sanitized as Hugo does
//! (see [`paths`]: `'` and `→` dropped, spaces as one `-`); a file other
//! than a page is served at its path, folder names as they are, and under
//! the address of the bundle holding it (a top-level folder holding a page
//! is one, even without `_index.md`), at its path from there, as Hugo
//! serves it.
//! Addresses are compared lowercased, spaces read as `-`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use crate::document::front_matter::{Scalar, TopLevel};
use crate::document::markdown::heading_content;
use crate::document::{Document, front_matter};
use crate::rules::Nearby;
use crate::span::Span;
use crate::yaml::{Node, Value};

mod by_name;
pub mod dates;
pub mod hugo;
pub mod languages;
use dates::{DateOf, DateSources, FrontDays, Said, Written};
use hugo::{Dates, UglyUrls};
use languages::Languages;
use permalinks::{PageParts, Permalinks};
use shortcodes::{RenderHooks, Shortcodes};
mod listing;
mod memory;
pub mod paths;
pub mod permalinks;
pub mod shortcodes;
pub mod timestamp;

pub use by_name::{SiteEntry, SiteFiles};
pub use listing::{Listing, PAGE_EXTENSIONS, PagedLines, is_page_name};
pub use memory::MemoryFiles;

/// One page of the site.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The file, relative to `content/` (empty for pages without a file,
    /// such as a section folder without `_index.md`).
    pub file: PathBuf,
    /// The anchor ids of its headings (see [`Site::anchors`]): known when
    /// the page was added with its text, else read on first need. Shared by
    /// the page's addresses (its aliases).
    anchors: Arc<OnceLock<Option<Arc<[String]>>>>,
    /// Whether its front matter says `draft: true`: Hugo does not publish it.
    pub draft: bool,
    /// What in its front matter makes Hugo write no page for it, if
    /// anything (see [`PageFront::unrendered`]).
    pub unrendered: Option<&'static str>,
    /// The days its front matter's date keys give (see [`dates`]).
    pub days: FrontDays,
}

impl Page {
    fn new(file: &Path) -> Page {
        Page {
            file: file.to_path_buf(),
            anchors: Arc::default(),
            draft: false,
            unrendered: None,
            days: FrontDays::default(),
        }
    }

    /// The page of `file`, a draft if its front matter says so.
    fn of(file: &Path, front: &PageFront) -> Page {
        Page {
            draft: front.draft,
            unrendered: front.unrendered,
            days: front.days,
            ..Page::new(file)
        }
    }
}

/// The day of a date or date-time (`2025-03-10`,
/// `2025-03-10T08:00:00+01:00`), as the number 20250310, so that days
/// compare as numbers; `None` when it is no calendar date, or what follows
/// the date is no time of day Hugo reads (see [`timestamp::time_of_day`]).
pub fn day_number(text: &str) -> Option<u32> {
    let text = text.trim();
    if !timestamp::is_datetime(text) {
        return None;
    }
    let day = text.get(..10)?;
    let part = |r: std::ops::Range<usize>| day.get(r)?.parse::<u32>().ok();
    Some(part(0..4)? * 10_000 + part(5..7)? * 100 + part(8..10)?)
}

/// The latest day it may already be somewhere, as [`day_number`] writes
/// it: the day in UTC+14, the zone furthest ahead. A page dated after it is
/// in the future wherever the site is built; one dated that day may not be.
pub fn latest_today() -> u32 {
    civil_day((now() + 14 * 3600) / 86_400)
}

/// The earliest day it may still be somewhere: the day in UTC-12, the zone
/// furthest behind. A page that expires before it has expired wherever the
/// site is built.
pub fn earliest_today() -> u32 {
    civil_day(now().saturating_sub(12 * 3600) / 86_400)
}

/// Seconds since 1970-01-01 UTC.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The day `days` after 1970-01-01, as [`day_number`] writes it (the
/// proleptic Gregorian calendar, by Howard Hinnant's `civil_from_days`).
fn civil_day(days: u64) -> u32 {
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y * 10_000 + m * 100 + d) as u32
}

/// Days since 1970-01-01 of a day written as [`day_number`] writes
/// it (Howard Hinnant's `days_from_civil`, the inverse of [`civil_day`]); `None` for an impossible day.
pub(crate) fn days_from_civil(day: u32) -> Option<i64> {
    let (y, m, d) = (
        i64::from(day / 10_000),
        i64::from(day / 100 % 100),
        i64::from(day % 100),
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// What a page's front matter says of its addresses: `slug`, `url` and
/// `aliases` (those that are strings), and whether it is a `draft`, which
/// Hugo does not publish.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageFront {
    pub slug: Option<String>,
    /// Its title, which a `[permalinks]` pattern may make its address of.
    pub title: Option<String>,
    pub url: Option<String>,
    pub aliases: Vec<String>,
    pub draft: bool,
    /// What makes Hugo write no page for it: `headless: true` (a leaf
    /// bundle), or `render: never` in `build` (Hugo 0.1xx) or `_build`
    /// (Hugo 0.111), as written.
    pub unrendered: Option<&'static str>,
    /// The days of its date keys, from which the site's configuration
    /// tells when it is published and when it expires (see [`dates`]):
    /// Hugo builds no page whose publish date is in the future, unless
    /// `buildFuture` is set, nor one whose expiry date is past, unless
    /// `buildExpired` is.
    pub days: FrontDays,
}

/// The front matter keys a site index reads.
pub const FRONT_KEYS: &[&str] = &[
    "slug",
    "title",
    "url",
    "aliases",
    "draft",
    "headless",
    "build",
    "_build",
    "date",
    "publishDate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
    "expiryDate",
    "unpublishdate",
];

/// Whether a `draft` string is true, as Hugo casts it (Go's
/// `strconv.ParseBool`).
fn true_text(s: &str) -> bool {
    matches!(s, "1" | "t" | "T" | "true" | "True" | "TRUE")
}

impl PageFront {
    /// Reads the front matter of a page's text (and nothing else of it).
    pub fn of(source: &str) -> PageFront {
        match front_matter::top_level_values(source, FRONT_KEYS) {
            Some(TopLevel::Simple(values)) => {
                // As `key_entry` finds it: as written, else in another case.
                let value = |key: &str| {
                    let find = |same: &dyn Fn(&str) -> bool| {
                        values.iter().find(|(k, _)| same(k)).map(|(_, v)| *v)
                    };
                    find(&|k| k == key).or_else(|| find(&|k| front_matter::same_key(k, key)))
                };
                let text = |key: &str| value(key).and_then(Scalar::as_str).map(str::to_string);
                // A scalar `aliases` is not a list: no aliases.
                return PageFront {
                    slug: text("slug"),
                    title: text("title"),
                    url: text("url"),
                    aliases: Vec::new(),
                    draft: match value("draft") {
                        Some(Scalar::Bool(b)) => b,
                        Some(Scalar::Str(s)) => true_text(s),
                        _ => false,
                    },
                    // `build` written simply is no table: nothing to read.
                    unrendered: match value("headless") {
                        Some(Scalar::Bool(true)) => Some("headless: true"),
                        Some(Scalar::Str(s)) if true_text(s) => Some("headless: true"),
                        _ => None,
                    },
                    days: FrontDays::read(|key| match value(key) {
                        None => Written::Unset,
                        Some(Scalar::Null) => Written::Null,
                        Some(Scalar::Str(s)) => Written::Text(s),
                        Some(_) => Written::Other,
                    }),
                };
            }
            Some(TopLevel::Parsed(root)) => return PageFront::from_root(root.as_ref()),
            None => {}
        }
        let (front, _) = front_matter::split(source);
        PageFront::from_root(front.as_ref().and_then(|f| f.root()))
    }

    /// What a front matter's root mapping says (defaults without one).
    pub fn from_root(root: Option<&Node>) -> PageFront {
        // Hugo reads keys whatever their case (`Slug:`, `Draft:`).
        let get = |key: &str| front_matter::key_entry(root?, key).map(|(_, v)| v);
        let text = |key: &str| get(key).and_then(|v| v.as_str()).map(str::to_string);
        PageFront {
            slug: text("slug"),
            title: text("title"),
            url: text("url"),
            aliases: get("aliases")
                .and_then(|a| a.as_seq())
                .map(|list| {
                    list.iter()
                        .filter_map(|a| a.as_str())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            draft: get("draft").is_some_and(|d| match &d.value {
                Value::Bool(b) => *b,
                Value::String(s, _) => true_text(s),
                Value::Int(i) => *i != 0,
                _ => false,
            }),
            unrendered: {
                let headless = get("headless").is_some_and(|h| match &h.value {
                    Value::Bool(b) => *b,
                    Value::String(s, _) => true_text(s),
                    _ => false,
                });
                let never = |key: &str| {
                    get(key)
                        .and_then(|b| front_matter::key_entry(b, "render"))
                        .is_some_and(|(_, r)| match &r.value {
                            Value::String(s, _) => s.eq_ignore_ascii_case("never"),
                            Value::Bool(b) => !b,
                            _ => false,
                        })
                };
                if headless {
                    Some("headless: true")
                } else if never("build") {
                    Some("build: {render: never}")
                } else if never("_build") {
                    Some("_build: {render: never}")
                } else {
                    None
                }
            },
            days: FrontDays::read(|key| match get(key).map(|v| &v.value) {
                None => Written::Unset,
                Some(Value::Null) => Written::Null,
                Some(Value::String(s, _)) => Written::Text(s),
                Some(_) => Written::Other,
            }),
        }
    }
}

/// Reads the text of a page of `content/` (its path relative to `content/`)
/// when its anchors are first needed; `None` when it cannot be read.
pub type ReadPage = dyn Fn(&Path) -> Option<String> + Send + Sync;

/// The pages and files of a site, added one by one ([`Site::add_page`],
/// [`Site::add_static`]), or read when a question needs them from the
/// site's files ([`Site::from_files`]).
#[derive(Default)]
pub struct Site {
    root: PathBuf,
    /// The pages and files added one by one.
    added: Index,
    /// Where the pages and files are read from, when they were not added.
    files: Option<Arc<dyn SiteFiles>>,
    /// Every page and file, read from `files` when a question needs them.
    everything: OnceLock<Index>,
    /// What the pages found by their file names answer (see
    /// [`by_name`]), by address: the same answer for the whole run.
    found: Mutex<HashMap<String, Option<Page>>>,
    /// The folders listed to find them.
    listings: by_name::Listings,
    members: HashSet<PathBuf>,
    covers_all: bool,
    /// How the text of a page is read when its anchors are needed.
    read: Option<Arc<ReadPage>>,
    /// The suggestions made, by folder and name: a missing page is often
    /// linked from many articles.
    suggested: Mutex<Suggested>,
    /// The fragments the pages' texts hold, with the first page holding
    /// each (see [`Site::page_mentioning`]).
    fragments: OnceLock<HashMap<String, PathBuf>>,
    /// The `baseURL`s of its Hugo configuration (see [`Site::base_urls`]).
    base_urls: Vec<String>,
    /// Whether its Hugo configuration renders raw HTML (see
    /// [`Site::renders_html`]); `None` when it was not read.
    renders_html: Option<bool>,
    /// The latest day it may be where the site is built (see
    /// [`Site::unpublished_until`]); `None`: future pages are not told.
    today: Option<u32>,
    /// The earliest day it may be where the site is built (see
    /// [`Site::expired_on`]); `None`: expired pages are not told.
    earliest: Option<u32>,
    /// Whether its Hugo configuration builds drafts (`buildDrafts`).
    builds_drafts: bool,
    /// Whether its Hugo configuration rewrites links from the root of the
    /// host (`canonifyURLs`, `relativeURLs`).
    rewrites_root_links: bool,
    /// How its Hugo makes heading ids.
    id_style: IdStyle,
    /// The shortcodes it has, when they can all be known (see
    /// [`shortcodes`]).
    shortcodes: Option<Arc<Shortcodes>>,
    /// The folders whose files it serves from its root (see
    /// [`hugo::static_dirs`]).
    statics: Vec<PathBuf>,
    /// Whether Hugo writes `/robots.txt` (`enableRobotsTXT`); `None` when
    /// no configuration was read.
    robots_txt: Option<bool>,
    /// Whether Hugo's own render hooks may render its links and images
    /// (see [`hugo::embedded_hook`]).
    embedded_hooks: RenderHooks,
}

/// Where a browser reads a page's relative links from (see
/// [`Site::relative_bases`]): the page's address as Hugo writes it
/// (`/posts/x/`, `/posts/x.html`), and its folder (`/posts/x/`,
/// `/posts/`), from the root of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelativeBase {
    pub address: String,
    pub folder: String,
}

/// Suggestions made, by folder and name.
type Suggested = HashMap<(String, String), Option<String>>;

/// Pages by address, and the addresses of the other files.
#[derive(Debug, Default)]
struct Index {
    pages: HashMap<String, Page>,
    files: HashSet<String>,
    /// Per folder (`/posts/`), the names of its pages (`slug`) and their
    /// addresses, indexed for "did you mean"; made on first use.
    nearby: OnceLock<HashMap<String, Nearby<String>>>,
    /// The pages by their file's path (see [`content_key`]), for Hugo's
    /// `ref`; made on first use.
    by_file: OnceLock<HashMap<String, Page>>,
    /// The Markdown files that are resources of a leaf bundle, by their
    /// path (see [`content_key`]), with the bundle's folder.
    resources: HashMap<String, PathBuf>,
    /// How pages' addresses are made (see [`AddressRules`]): read once per
    /// site, and kept here for the lookups by file name too.
    rules: AddressRules,
    /// The page addresses written with `.html` (an alias or `url` such as
    /// `/ancien.html`), which Hugo writes as such a file: a link ending so
    /// reaches those only, on a site without `uglyURLs`.
    html_pages: HashSet<String>,
    /// On a site with `uglyURLs = true`, the addresses of its pages but
    /// section pages (in the sections a `[uglyURLs]` table sets to
    /// `true`), which Hugo writes as `/posts/x.html` and not `/posts/x/`
    /// (checked with Hugo 0.111 and 0.168).
    ugly_only: HashSet<String>,
    /// Whether some page's address could not be known (a `[permalinks]`
    /// pattern repere does not read, a date it cannot tell): an address
    /// found nowhere may be that page's.
    uncertain: bool,
    /// The folders holding an `_index` page (see [`addresses`]), by their
    /// path under `content/`.
    section_folders: HashSet<PathBuf>,
}

/// What makes a page's address, by the site's Hugo configuration: whether
/// file names' dates are part of addresses, the `[permalinks]` patterns,
/// and where a page's date comes from (which the patterns may use).
#[derive(Debug, Clone, Default)]
pub(crate) struct AddressRules {
    dates: Dates,
    permalinks: Permalinks,
    /// The patterns of languages that set their own, over the site's.
    language_permalinks: Vec<(String, Permalinks)>,
    date_sources: DateSources,
    languages: Languages,
    /// Whether its Hugo configuration sets `uglyURLs` (pages written as
    /// `/posts/x.html`).
    ugly_urls: UglyUrls,
    /// Whether addresses made from file paths lose their accents
    /// (`removePathAccents = true`).
    no_accents: bool,
}

/// What the Hugo configuration of the site of `files` says (see
/// [`hugo`]): whether file names' dates stay in addresses, the site's
/// `baseURL`s, and whether it renders raw HTML.
/// What the Hugo configuration of a site says, as a [`Site`] keeps it.
struct Config {
    rules: AddressRules,
    base_urls: Vec<String>,
    renders_html: Option<bool>,
    today: Option<u32>,
    earliest: Option<u32>,
    builds_drafts: bool,
    rewrites_root_links: bool,
    id_style: IdStyle,
    shortcodes: Option<Arc<Shortcodes>>,
    statics: Vec<PathBuf>,
    robots_txt: Option<bool>,
    embedded_hooks: RenderHooks,
}

fn config_of(files: &dyn SiteFiles) -> Config {
    let configs = hugo::read_configs(&files.hugo_configs());
    let languages = Languages::read(&configs);
    let permalinks = hugo::permalinks(&configs);
    // Hugo's own hooks are on by default where it has several languages
    // (one in a folder of its own is one).
    let several = languages.codes().count() > 1;
    let embedded_hooks = RenderHooks {
        link: hugo::embedded_hook(&configs, "link", several),
        image: hugo::embedded_hook(&configs, "image", several),
    };
    let language_permalinks = languages
        .permalinks
        .iter()
        .map(|(code, own)| {
            let merged = permalinks.iter().chain(own).cloned();
            (code.clone(), Permalinks::new(merged))
        })
        .collect();
    Config {
        shortcodes: shortcodes::of(&configs, files).map(Arc::new),
        rules: AddressRules {
            dates: hugo::dates(&configs),
            permalinks: Permalinks::new(permalinks),
            language_permalinks,
            date_sources: hugo::date_sources(&configs),
            languages,
            ugly_urls: hugo::ugly_urls(&configs),
            no_accents: hugo::root_flag(&configs, "removePathAccents"),
        },
        base_urls: hugo::base_urls(&configs),
        renders_html: hugo::renders_html(&configs),
        today: (!hugo::builds_future(&configs)).then(latest_today),
        earliest: (!hugo::builds_expired(&configs)).then(earliest_today),
        builds_drafts: hugo::builds_drafts(&configs),
        rewrites_root_links: hugo::rewrites_root_links(&configs),
        id_style: hugo::id_style(&configs),
        statics: hugo::static_dirs(&configs, |dir| files.folders_in(dir).unwrap_or_default()),
        robots_txt: (!configs.is_empty()).then(|| hugo::root_flag(&configs, "enableRobotsTXT")),
        embedded_hooks,
    }
}

/// The leaf bundle whose resource the page `rel` (its path relative to
/// `content/`) is, which Hugo does not publish: a folder holding an `index`
/// page (`has_index`, given a folder relative to `content/`) that is its
/// own folder (and it is not that `index` page, in a language whose code
/// `is_code` accepts), or a folder above it inside `content/`, as a
/// bundle's resources may sit in subfolders.
pub fn leaf_bundle_of(
    rel: &Path,
    has_index: impl Fn(&Path) -> bool,
    is_code: impl Fn(&str) -> bool,
) -> Option<PathBuf> {
    let index = is_index_page(rel, is_code);
    let own = rel.parent()?;
    // The outermost: a bundle holds no bundle, its `index.md` below being
    // a resource too.
    own.ancestors()
        .filter(|folder| !folder.as_os_str().is_empty())
        .enumerate()
        .filter(|&(i, _)| !(i == 0 && index))
        .filter(|&(_, folder)| has_index(folder))
        .last()
        .map(|(_, folder)| folder.to_path_buf())
}

/// Whether `rel` names a leaf bundle's page: `index.md`, `index.markdown`,
/// `index.html` or `index.htm`, as written (what [`has_index_page`] asks
/// the files for), or one of them in a language whose code `is_code`
/// accepts (`index.en.md`), the bundle's page in that language. Hugo 0.111
/// and 0.168 take `index.old.md`, or `index.fr.md` on a site without `fr`,
/// for a resource of the bundle, which they do not publish.
pub fn is_index_page(rel: &Path, is_code: impl Fn(&str) -> bool) -> bool {
    is_page_named(rel, "index", is_code)
}

/// Whether `rel` is a page file named `stem`, with a page extension,
/// maybe in a language whose code `is_code` accepts (`stem.en.md`).
fn is_page_named(rel: &Path, stem: &str, is_code: impl Fn(&str) -> bool) -> bool {
    let Some(rest) = rel
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_prefix(stem))
        .and_then(|n| n.strip_prefix('.'))
    else {
        return false;
    };
    let ext = match rest.split_once('.') {
        Some((code, ext)) if is_code(code) => ext,
        _ => rest,
    };
    PAGE_EXTENSIONS.contains(&ext)
}

/// Whether `code` reads as a language's code: two or three ASCII letters,
/// then maybe `-` and a region or script (`en`, `pt-br`, `zh-hans`); what
/// a file name says where the site's languages are not known.
pub fn language_like(code: &str) -> bool {
    let (language, rest) = code.split_once('-').unwrap_or((code, ""));
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && (code.len() == language.len()
            || (!rest.is_empty()
                && rest.len() <= 8
                && rest.bytes().all(|b| b.is_ascii_alphanumeric())))
}

/// Whether `rel` names a section's page: `_index.md` (any page
/// extension), or one in a language whose code `is_code` accepts
/// (`_index.en.md`); `_index.old.md` is none.
fn is_section_page(rel: &Path, is_code: impl Fn(&str) -> bool) -> bool {
    is_page_named(rel, "_index", is_code)
}

/// Whether `files` holds a section's page in `folder` (relative to
/// `content/`, see [`is_section_page`]), in one of `languages`.
fn has_section_page(files: &dyn SiteFiles, folder: &Path, languages: &Languages) -> bool {
    has_page_named(files, folder, "_index", languages.codes())
}

/// Whether `files` holds a page file named `stem` in `folder` (relative
/// to `content/`), with any page extension, as written or with one of
/// `codes` (`stem.en.md`).
fn has_page_named<'c>(
    files: &dyn SiteFiles,
    folder: &Path,
    stem: &str,
    codes: impl Iterator<Item = &'c str>,
) -> bool {
    let folder = Path::new("content").join(folder);
    let names = std::iter::once(stem.to_string()).chain(codes.map(|c| format!("{stem}.{c}")));
    names.into_iter().any(|name| {
        PAGE_EXTENSIONS
            .iter()
            .any(|ext| files.is_file(&folder.join(format!("{name}.{ext}"))))
    })
}

/// Whether `files` holds an `index` page in `folder` (relative to
/// `content/`): whether the folder is a leaf bundle.
fn has_index_page(files: &dyn SiteFiles, folder: &Path) -> bool {
    has_page_named(files, folder, "index", std::iter::empty())
}

impl Index {
    /// In a site with `[permalinks]`, the one page whose address ends with
    /// `name` (`/2025/03/b-file/` for `b-file`), which a link written
    /// `/posts/b-file/` likely means.
    fn moved_by_permalinks(&self, name: &str) -> Option<String> {
        if self.rules.permalinks.is_empty() {
            return None;
        }
        let name = normalize(name);
        // `name` is a whole segment: normalized, it starts with `/`.
        let mut ending = self
            .pages
            .keys()
            .filter(|address| address.len() > name.len() && address.ends_with(&name));
        match (ending.next(), ending.next()) {
            (Some(one), None) => Some(one.clone()),
            _ => None,
        }
    }

    /// Every page and file of `files` (of its static folders `statics`),
    /// read at once, addressed as `rules` say.
    fn read(files: &dyn SiteFiles, rules: AddressRules, statics: &[PathBuf]) -> Index {
        let mut index = Index {
            rules,
            ..Index::default()
        };
        let entries = files.everything(statics);
        let languages = index.rules.languages.clone();
        // The leaf bundles' folders: their other pages are resources.
        let leaves: HashSet<&Path> = entries
            .iter()
            .filter_map(|entry| match entry {
                SiteEntry::Page(rel, _) if is_index_page(rel, |c| languages.has(c)) => rel.parent(),
                _ => None,
            })
            .collect();
        let is_code = |c: &str| languages.has(c);
        let resource = |rel: &Path| leaf_bundle_of(rel, |folder| leaves.contains(folder), is_code);
        index.section_folders = entries
            .iter()
            .filter_map(|entry| match entry {
                SiteEntry::Page(rel, _) if is_section_page(rel, is_code) => {
                    rel.parent().map(Path::to_path_buf)
                }
                _ => None,
            })
            .collect();
        // Bundles' folders, and the addresses their files are served under.
        let mut bundles: HashMap<String, Vec<String>> = HashMap::new();
        // Sections' folders, and their addresses.
        let mut sections: HashMap<String, Vec<String>> = HashMap::new();
        let mut files_read = Vec::new();
        for entry in &entries {
            match entry {
                SiteEntry::Page(rel, front) => {
                    if let Some(bundle) = resource(rel) {
                        let key = content_key(&rel.to_string_lossy());
                        index.resources.insert(key, bundle);
                        continue;
                    }
                    let served = index.add_page(rel, front, Page::of(rel, front));
                    if let Some((folder, served)) = served.bundle {
                        bundles.entry(folder).or_default().extend(served);
                    }
                    if let Some((folder, address)) = served.section {
                        let addresses = sections.entry(folder).or_default();
                        if !addresses.contains(&address) {
                            addresses.push(address);
                        }
                    }
                }
                SiteEntry::File(address) => files_read.push(path_key(address)),
            }
        }
        // A top-level folder holding a page is a section, which Hugo makes
        // a branch bundle even without `_index.md`: the files of its
        // folders that are no bundle are served under its address
        // (`content/Guides d'été/plan.pdf` at `/guides-dété/plan.pdf`).
        // Its `_index.md`, if any, says that address (or its `url`).
        for (folder, addresses) in sections {
            bundles.entry(folder).or_insert(addresses);
        }
        for file in files_read {
            // A bundle's file is also served under the bundle's address
            // (`/posts/mon-bundle/schema.png`): the nearest bundle's.
            let under = file
                .char_indices()
                .rev()
                .filter(|&(_, c)| c == '/')
                .find_map(|(i, _)| Some((i, bundles.get(&file[..i])?)));
            if let Some((i, served)) = under {
                for address in served {
                    let rest = &file[i..];
                    index
                        .files
                        .insert(format!("{}{rest}", address.trim_end_matches('/')));
                }
            }
            index.files.insert(file);
        }
        index
    }

    /// Indexes a page; returns the addresses the files of its folders are
    /// served under, if it makes a bundle or a section.
    fn add_page(&mut self, rel: &Path, front: &PageFront, page: Page) -> Served {
        // Pages added one by one: the sections added before them.
        if is_section_page(rel, |c| self.rules.languages.has(c))
            && let Some(folder) = rel.parent()
        {
            self.section_folders.insert(folder.to_path_buf());
        }
        let sections = &self.section_folders;
        let Some(addresses) = addresses(rel, front, &self.rules, &|f| sections.contains(f)) else {
            return Served::default();
        };
        self.uncertain |= addresses.unknown;
        self.html_pages.extend(addresses.html);
        self.ugly_only.extend(addresses.ugly);
        if let Some((_, section)) = &addresses.section {
            self.pages.entry(section.clone()).or_default();
        }
        // Of two files of one language at one address (`cible.md` and
        // `cible.en.md` where `en` is the default), Hugo 0.111 and 0.168
        // publish the one named with the code.
        let coded = |file: &Path| self.rules.languages.of(file).rel.as_ref() != file;
        for address in addresses.page {
            match self.pages.get(&address) {
                Some(kept) if coded(&kept.file) && !coded(rel) => {}
                _ => {
                    self.pages.insert(address, page.clone());
                }
            }
        }
        Served {
            bundle: addresses.bundle,
            section: addresses.section,
        }
    }

    fn closest_page(&self, dir: &str, name: &str) -> Option<&str> {
        let by_dir = self.nearby.get_or_init(|| {
            let mut names: HashMap<String, Vec<(String, String)>> = HashMap::new();
            // Never a draft, which Hugo does not publish.
            for (address, _) in self.pages.iter().filter(|(_, page)| !page.draft) {
                let trimmed = address.trim_end_matches('/');
                if let Some((parent, last)) = trimmed.rsplit_once('/')
                    && !last.is_empty()
                {
                    // By their undated names: a dated site's pages share
                    // their first eleven characters, which would outweigh
                    // the rest, and a dated link to a page whose address
                    // has no date is a near miss too.
                    names
                        .entry(format!("{parent}/"))
                        .or_default()
                        .push((slug_from_file_name(last).to_string(), address.clone()));
                }
            }
            names
                .into_iter()
                .map(|(dir, pages)| (dir, Nearby::new(pages)))
                .collect()
        });
        let (_, address) = by_dir
            .get(&normalize(dir))?
            .suggest(slug_from_file_name(name))?;
        Some(address)
    }
}

/// What a page tells of the addresses files are served under: for a
/// bundle (see [`Addresses::bundle`]) and for a section (see
/// [`Addresses::section`]), a folder as a file's address starts with it,
/// and the addresses its files are served under.
#[derive(Default)]
struct Served {
    bundle: Option<(String, Vec<String>)>,
    section: Option<(String, String)>,
}

/// The addresses a page file gives: the section page of its top folder (if
/// it is in one), and its own, in the order they are indexed (aliases, then
/// its address). `None` for files Hugo does not publish (`_name.md`,
/// `.name.md`).
struct Addresses {
    /// The page's top folder, as a file's address starts with it
    /// (`/guides-d'été`), and the section page it is (`/guides-dété/`).
    section: Option<(String, String)>,
    page: Vec<String>,
    /// How many of `page`, first, its aliases give: the rest are its own.
    aliases: usize,
    /// For a bundle (`index.md`, `_index.md`), its folder as a file's
    /// address starts with it (`/posts/2025-01-05-x`), and the addresses
    /// its files are served under (its own, not its aliases).
    bundle: Option<(String, Vec<String>)>,
    /// The page's own address could not be known (see [`permalinks`]).
    unknown: bool,
    /// Its addresses written with `.html` (see [`Index::html_pages`]).
    html: Vec<String>,
    /// Where the site sets `uglyURLs` for its section, its own addresses
    /// when it is no section page, which Hugo writes as `.html` files (see
    /// [`Index::ugly_only`]).
    ugly: Vec<String>,
}

fn addresses(
    rel: &Path,
    front: &PageFront,
    rules: &AddressRules,
    is_section: &dyn Fn(&Path) -> bool,
) -> Option<Addresses> {
    let dates = rules.dates;
    // Its language's: the address made from the file's path in it, under
    // the language's folder (see [`languages`]).
    let language = rules.languages.of(rel);
    let (rel, prefix, folder) = (&*language.rel, &language.prefix, &language.folder);
    let segments: Vec<std::borrow::Cow<'_, str>> =
        rel.iter().map(|s| s.to_string_lossy()).collect();
    let (name, raw_dirs) = segments.split_last()?;
    // Folder names, a file name and a `slug` as Hugo makes them addresses.
    let dirs: Vec<std::borrow::Cow<'_, str>> =
        raw_dirs.iter().map(|d| paths::sanitize(d)).collect();
    let section = raw_dirs.first().zip(dirs.first()).map(|(raw, top)| {
        (
            path_key(&format!("{folder}/{raw}")),
            normalize(&format!("{prefix}/{top}/")),
        )
    });
    let stem = Path::new(name.as_ref())
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    // Hidden files, and the pages of a language Hugo does not build.
    if stem.starts_with('.') || (stem.starts_with('_') && stem != "_index") || !language.built {
        return Some(Addresses {
            section: section.filter(|_| language.built),
            page: Vec::new(),
            aliases: 0,
            bundle: None,
            unknown: false,
            html: Vec::new(),
            ugly: Vec::new(),
        });
    }
    // A leaf bundle (`<name>/index.md`) is the page `<name>` of the folder
    // above: its `slug` or its folder's name, dated or not as a file's.
    let leaf = stem == "index" && !dirs.is_empty();
    let (dir, stem) = match (leaf, raw_dirs.split_last()) {
        (true, Some((folder, above))) => (dirs[..above.len()].join("/"), folder.clone()),
        _ => (dirs.join("/"), stem),
    };
    let at = |slug: &str| {
        if dir.is_empty() {
            format!("{prefix}/{slug}/")
        } else {
            format!("{prefix}/{dir}/{slug}/")
        }
    };
    let mut own = Vec::new();
    let mut unknown = false;
    // A regular page of a top-level section that `[permalinks]` names:
    // its pattern makes the address.
    let permalinks = rules
        .language_permalinks
        .iter()
        .find(|(code, _)| *code == language.code)
        .map_or(&rules.permalinks, |(_, p)| p);
    let folders: Vec<String> = if permalinks.is_empty() {
        Vec::new()
    } else {
        dir.split('/')
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect()
    };
    let pattern = folders
        .first()
        .filter(|_| stem != "_index" && stem != "index" && front.url.is_none())
        .and_then(|section| permalinks.of(section));
    if let Some(pattern) = pattern {
        let day = rules.date_sources.date(&front.days, rel).day();
        let undated = undated_slug(&stem);
        // `:sections`: the top folder, and those below it down to the
        // deepest that holds an `_index` page (`is_section`, given its
        // path under `content/`), as Hugo 0.168 counts a page's sections.
        let sections = if pattern.contains(":sections") {
            (1..folders.len())
                .rev()
                .find(|&i| {
                    let raw: Vec<&str> = raw_dirs[..=i].iter().map(|d| d.as_ref()).collect();
                    is_section(&Path::new(folder.as_str()).join(raw.join("/")))
                })
                .map_or(1, |i| i + 1)
                .min(folders.len())
        } else {
            folders.len()
        };
        let base = PageParts {
            dirs: &folders[..sections],
            title: front.title.as_deref(),
            slug: front.slug.as_deref(),
            filename: &stem,
            named_slug: None,
            day,
        };
        // Where the page's front matter decides whether the file name's
        // date goes, both are accepted, as for addresses without a pattern.
        let mut named: Vec<Option<&str>> = Vec::new();
        if dates != Dates::Kept && undated.len() < stem.len() {
            named.push(Some(undated));
        }
        if dates != Dates::Dropped || undated.len() == stem.len() {
            named.push(None);
        }
        for named_slug in named {
            match Permalinks::expand(pattern, &PageParts { named_slug, ..base }) {
                Some(address) => own.push(normalize(&format!("{prefix}{address}"))),
                None => unknown = true,
            }
        }
    } else if let Some(u) = &front.url {
        own.push(url_address(u, prefix));
    } else if stem == "_index" || stem == "index" {
        own.push(normalize(&format!("{prefix}/{dir}/")));
    } else if let Some(slug) = &front.slug {
        own.push(normalize(&at(&paths::sanitize(slug))));
    } else {
        let undated = undated_slug(&stem);
        // Where the page's front matter decides, both are accepted.
        if dates != Dates::Dropped && undated.len() < stem.len() {
            own.push(normalize(&at(&paths::sanitize(&stem))));
        }
        if dates != Dates::Kept || undated.len() == stem.len() {
            own.push(normalize(&at(&paths::sanitize(undated))));
        }
    }
    // `removePathAccents`: the addresses made from the file's path and
    // `slug` lose their accents (not a `url`), as Hugo 0.111 and 0.168
    // write them.
    let section = match section {
        Some((key, address)) if rules.no_accents => Some((key, paths::without_accents(&address))),
        other => other,
    };
    if rules.no_accents && front.url.is_none() {
        for address in &mut own {
            *address = paths::without_accents(address);
        }
    }
    let bundle = (leaf || stem == "_index").then(|| {
        (
            file_key(&format!("{folder}/{}", raw_dirs.join("/"))),
            own.clone(),
        )
    });
    let regular = front.url.is_none() && stem != "_index" && stem != "index";
    let top = raw_dirs.first().map(|d| d.as_ref());
    let ugly = if rules.ugly_urls.in_section(top) && regular {
        own.clone()
    } else {
        Vec::new()
    };
    let mut page = Vec::with_capacity(front.aliases.len() + own.len());
    let mut html = Vec::new();
    // A relative alias is under the folder of a regular page's address
    // (its `[permalinks]` address, `/2025/x/`, or its `url`'s), as Hugo
    // 0.111 and 0.168 publish it, its language's folder included; else
    // under its content folder, in its language's.
    let page_dir = own
        .first()
        .filter(|_| stem != "_index" && stem != "index")
        .map(|address| {
            let address = address.trim_end_matches('/');
            address[..address.rfind('/').unwrap_or(0)]
                .trim_start_matches('/')
                .to_string()
        });
    for alias in &front.aliases {
        let rooted = alias.trim().starts_with('/');
        let addresses: Vec<String> = match &page_dir {
            Some(folder) if !rooted => vec![alias_address(folder, alias)],
            _ => {
                let address = alias_address(&dir, alias);
                // Under the language's folder: written without a leading
                // `/`, in both Hugos; written with one, in 0.168 and not
                // in 0.111.
                let under = (!prefix.is_empty()).then(|| normalize(&format!("{prefix}{address}")));
                let as_is = (rooted || prefix.is_empty()).then_some(address);
                as_is.into_iter().chain(under).collect()
            }
        };
        for address in addresses {
            if html_page_link(alias) {
                html.push(address.clone());
            }
            page.push(address);
        }
    }
    let aliases = page.len();
    html.extend(
        front
            .url
            .iter()
            .filter(|u| html_page_link(u))
            .map(|u| url_address(u, prefix)),
    );
    page.extend(own);
    Some(Addresses {
        section,
        page,
        aliases,
        bundle,
        unknown,
        html,
        ugly,
    })
}

/// The address a `url` gives a page of the language whose folder is
/// `prefix`: as written from the root (`/x/`), or, written without the
/// leading `/`, under the language's folder (`x/` is `/en/x/`), as Hugo
/// 0.111 and 0.168 write it.
fn url_address(url: &str, prefix: &str) -> String {
    let url = url.trim();
    // `/x/index.html` is the page `/x/`, as written to that file.
    if url.starts_with('/') {
        page_key(url)
    } else {
        page_key(&format!("{prefix}/{url}"))
    }
}

/// The slug a dated file name gives where the page's date comes from it:
/// after the date, up to the name's last `.`, as Hugo 0.111 and 0.168
/// make it (`2025-02-01-v1.2` is `v1`, and so is `2025-02-01-v1.2.en`,
/// its language's code taken off first). A name without a date is whole.
fn undated_slug(stem: &str) -> &str {
    let undated = slug_from_file_name(stem);
    if undated.len() == stem.len() {
        return undated;
    }
    match undated.rsplit_once('.') {
        Some((before, _)) if !before.is_empty() => before,
        _ => undated,
    }
}

/// Whether a link or address names a page as a `.html` file
/// (`/posts/x.html`), not its folder's `index.html`.
fn html_page_link(path: &str) -> bool {
    let bare = path.trim().split(['?', '#']).next().unwrap_or_default();
    let name = bare.rsplit('/').next().unwrap_or_default();
    let cut = name.len().saturating_sub(".html".len());
    name.len() > ".html".len()
        && name.is_char_boundary(cut)
        && name[cut..].eq_ignore_ascii_case(".html")
        && !name.eq_ignore_ascii_case("index.html")
}

/// The address an alias gives: as written from the root (`/ancien/`), or,
/// written without the leading `/` (`ancien`), under the folder of the
/// page's address (`dir`, for a bundle the folder above it), `..` and `.`
/// resolved and never above the root, as Hugo 0.111 and 0.168 publish it
/// (`posts/x.md` with `ancien`: `/posts/ancien/`).
fn alias_address(dir: &str, alias: &str) -> String {
    let alias = alias.trim();
    let joined = if alias.starts_with('/') || dir.is_empty() {
        format!("/{}", alias.trim_start_matches('/'))
    } else {
        format!("/{dir}/{alias}")
    };
    normalize(&paths::without_dot_segments(&joined))
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("root", &self.root)
            .field("added", &self.added)
            .field("read from files", &self.files.is_some())
            .field("members", &self.members)
            .field("covers_all", &self.covers_all)
            .finish_non_exhaustive()
    }
}

impl Site {
    /// An empty index of the site whose root (the folder holding `content/`) is `root`.
    pub fn new(root: impl Into<PathBuf>) -> Site {
        Site {
            root: root.into(),
            ..Site::default()
        }
    }

    /// A site whose pages and files are read from `files` when a question
    /// needs them. A page is first looked for by its file name (the page
    /// files whose name gives the address asked for, read up to the end of
    /// their front matter to confirm it); only an address no file name
    /// gives, a file, or "did you mean", reads every page. A check of a few
    /// articles (a pre-commit hook) so reads only the pages they link to.
    pub fn from_files(root: impl Into<PathBuf>, files: Arc<dyn SiteFiles>) -> Site {
        let config = config_of(files.as_ref());
        let added = Index {
            rules: config.rules.clone(),
            ..Index::default()
        };
        Site {
            files: Some(files),
            ..Site::configured(root.into(), added, config)
        }
    }

    /// A site whose pages and files are all read from `files` at once (see
    /// [`SiteFiles::everything`]): what checking many articles needs.
    pub fn read_whole(root: impl Into<PathBuf>, files: &dyn SiteFiles) -> Site {
        let config = config_of(files);
        let added = Index::read(files, config.rules.clone(), &config.statics);
        Site::configured(root.into(), added, config)
    }

    /// A site of `added` pages, as its Hugo configuration says.
    fn configured(root: PathBuf, added: Index, config: Config) -> Site {
        Site {
            root,
            added,
            base_urls: config.base_urls,
            renders_html: config.renders_html,
            today: config.today,
            earliest: config.earliest,
            builds_drafts: config.builds_drafts,
            rewrites_root_links: config.rewrites_root_links,
            id_style: config.id_style,
            shortcodes: config.shortcodes,
            statics: config.statics,
            robots_txt: config.robots_txt,
            embedded_hooks: config.embedded_hooks,
            ..Site::default()
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the site's Hugo configuration rewrites links from the root
    /// of the host: absolute from its `baseURL` (`canonifyURLs`), or
    /// relative to the page (`relativeURLs`).
    pub fn rewrites_root_links(&self) -> bool {
        self.rewrites_root_links
    }

    /// How the site's Hugo makes heading ids (see [`IdStyle`]).
    pub fn id_style(&self) -> IdStyle {
        self.id_style
    }

    /// Whether the site's Hugo configuration sets `[permalinks]`, so that
    /// pages may not be at `/<section>/<slug>/`.
    pub fn has_permalinks(&self) -> bool {
        let rules = &self.added.rules;
        !rules.permalinks.is_empty() || rules.language_permalinks.iter().any(|(_, p)| !p.is_empty())
    }

    /// The `baseURL`s of the site's Hugo configuration, as written
    /// (`https://www.repere-carriere.fr/`): where it is published, so that
    /// a link to them is a link to the site (see [`hugo::base_urls`]).
    pub fn base_urls(&self) -> &[String] {
        &self.base_urls
    }

    /// Sets the site's `baseURL`s, for a site whose pages are added one by
    /// one (those read from files take their configuration's).
    pub fn set_base_urls(&mut self, urls: Vec<String>) {
        self.base_urls = urls;
    }

    /// Whether the site's pages hold the raw HTML of their Markdown, so
    /// that the `id`s it sets are anchors: its Hugo configuration sets
    /// goldmark's `unsafe = true` (see [`hugo::renders_html`]), or no
    /// configuration was read, and what the site does is not known.
    pub fn renders_html(&self) -> bool {
        self.renders_html != Some(false)
    }

    /// Sets whether the site renders raw HTML, for a site whose pages are
    /// added one by one (those read from files take their configuration's).
    pub fn set_renders_html(&mut self, renders: bool) {
        self.renders_html = Some(renders);
    }

    /// Sets the latest day it may be where the site is built, as
    /// [`day_number`] writes it (`None`: future pages are not told), for a
    /// site whose pages are added one by one; those read from files take
    /// the clock's, unless their configuration sets `buildFuture`.
    pub fn set_today(&mut self, today: Option<u32>) {
        self.today = today;
    }

    /// The shortcodes the site has, when its configuration, layouts and
    /// themes let them all be known (see [`shortcodes`]); `None`
    /// otherwise, and for a site whose pages are added one by one unless
    /// [`Site::set_shortcodes`] set them.
    pub fn shortcodes(&self) -> Option<&Shortcodes> {
        self.shortcodes.as_deref()
    }

    /// Sets the shortcodes of a site whose pages are added one by one.
    pub fn set_shortcodes(&mut self, shortcodes: Option<Shortcodes>) {
        self.shortcodes = shortcodes.map(Arc::new);
    }

    /// Sets the earliest day it may be where the site is built (`None`:
    /// expired pages are not told), as [`Site::set_today`] sets the latest.
    pub fn set_earliest_today(&mut self, earliest: Option<u32>) {
        self.earliest = earliest;
    }

    /// The day a page is published on, by its front matter's date keys
    /// (`days`) and its file (see [`dates`]).
    pub fn publish_day(&self, days: &FrontDays, file: &Path) -> DateOf {
        self.added.rules.date_sources.publish(days, file)
    }

    /// The day a page expires on, by its front matter's date keys and its
    /// file (see [`dates`]).
    pub fn expiry_day(&self, days: &FrontDays, file: &Path) -> DateOf {
        self.added.rules.date_sources.expiry(days, file)
    }

    /// The day `page` is published on, when it is after today and after
    /// `from` (the publish date of the page linking to it, which is not
    /// published before then either): until that day, the site has no such
    /// page. `None` when the site builds future pages, or either day is not
    /// known.
    pub fn unpublished_until(&self, page: &Page, from: DateOf) -> Option<u32> {
        let today = self.today?;
        let day = self.publish_day(&page.days, &page.file).day()?;
        (day > today && from.allows(|from| day > from)).then_some(day)
    }

    /// The day `page` expired on, and what says it, when it is before
    /// today wherever the site is built and before `from` (the expiry date
    /// of the page linking to it, which is gone by then too): Hugo builds
    /// no expired page. `None` when the site builds expired pages, or
    /// either day is not known.
    pub fn expired_on(&self, page: &Page, from: DateOf) -> Option<(u32, Said)> {
        let earliest = self.earliest?;
        let DateOf::On(day, said) = self.expiry_day(&page.days, &page.file) else {
            return None;
        };
        (day < earliest && from.allows(|from| day < from)).then_some((day, said))
    }

    /// Whether `page` is a draft the site does not publish: its front
    /// matter says `draft: true`, and the site's configuration does not set
    /// `buildDrafts`.
    pub fn unpublished_draft(&self, page: &Page) -> bool {
        page.draft && !self.builds_drafts
    }

    /// Whether Hugo may leave the page of `front` (at `file`) out of a
    /// build today, wherever it runs: a draft it does not publish, a page
    /// that may still be in the future somewhere (dated after the earliest
    /// today), or one that may have expired somewhere (before the latest
    /// today), unless the configuration builds those. Hugo does not render
    /// such a page, so what would fail its build does not yet.
    pub fn may_leave_out(&self, front: &PageFront, file: &Path) -> bool {
        let future = self.today.is_some()
            && self
                .publish_day(&front.days, file)
                .day()
                .is_some_and(|day| day > earliest_today());
        let expired = self.earliest.is_some()
            && self
                .expiry_day(&front.days, file)
                .day()
                .is_some_and(|day| day < latest_today());
        (front.draft && !self.builds_drafts) || future || expired
    }

    /// Where the checked file `file` (as given to the linter) is, as its
    /// `ref`s read paths: its folder under `content/` (`docs/guides`, or
    /// `""` at the top, with `/` between folders), in its language's
    /// content folder if it has one (see [`languages`]), and the code of
    /// its language; `None` for a file outside `content/`.
    pub fn content_folder(&self, file: &Path) -> Option<(String, String)> {
        let rel = self.content_path(file)?;
        let language = self.languages().of(&rel);
        let folder = language.rel.parent()?.to_string_lossy().replace('\\', "/");
        Some((folder, language.code.to_string()))
    }

    /// The checked file `file` (as given to the linter) relative to
    /// `content/`; `None` for a file outside it.
    fn content_path(&self, file: &Path) -> Option<PathBuf> {
        let absolute = |p: &Path| {
            crate::config::normalize(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
        };
        let content = absolute(&self.root.join("content"));
        let file = absolute(file);
        file.strip_prefix(&content).ok().map(Path::to_path_buf)
    }

    /// Whether Hugo may write the destination of a Markdown link (or of
    /// an image, `image`) otherwise than as written: through a render hook
    /// of the site or of a theme, layouts repere cannot all see (see
    /// [`shortcodes`]), or Hugo's own hook (see [`hugo::embedded_hook`]).
    pub fn may_rewrite(&self, image: bool) -> bool {
        let pick = |hooks: RenderHooks| if image { hooks.image } else { hooks.link };
        pick(self.embedded_hooks) || self.shortcodes.as_ref().is_none_or(|s| pick(s.hooks()))
    }

    /// The folders a browser resolves a relative link of the checked page
    /// `file` (as given to the linter, its front matter `front`) from: its
    /// address (`/posts/x/`), or the folder of one written as a file
    /// (`/posts/` for `/posts/x.html`, a `url` so written or `uglyURLs`),
    /// one per address it may have (Hugo 0.111 and 0.168 write a relative
    /// link as is, unless [`Site::may_rewrite`]). `None` when the page's
    /// address is not known: outside `content/`, a `[permalinks]` pattern
    /// repere does not read, a `url` neither a folder nor a `.html` file.
    pub fn relative_bases(&self, file: &Path, front: &PageFront) -> Option<Vec<RelativeBase>> {
        let rel = self.content_path(file)?;
        let is_section = |folder: &Path| match &self.files {
            Some(files) => has_section_page(files.as_ref(), folder, self.languages()),
            None => self.added.section_folders.contains(folder),
        };
        let addresses = addresses(&rel, front, &self.added.rules, &is_section)?;
        let url = front.url.as_deref().map(str::trim);
        let folder_url = |u: &str| {
            let bare = u.split(['?', '#']).next().unwrap_or(u);
            bare.ends_with('/') || bare.to_ascii_lowercase().ends_with("/index.html")
        };
        if addresses.unknown || url.is_some_and(|u| !folder_url(u) && !html_page_link(u)) {
            return None;
        }
        let as_file = url.is_some_and(html_page_link);
        let mut bases = Vec::new();
        for address in addresses.page.get(addresses.aliases..).unwrap_or_default() {
            if (as_file || addresses.ugly.contains(address)) && address != "/" {
                bases.push(RelativeBase {
                    address: format!("{}.html", address.trim_end_matches('/')),
                    folder: paths::folder_above(address).to_string(),
                });
            } else {
                bases.push(RelativeBase {
                    address: address.clone(),
                    folder: address.clone(),
                });
            }
        }
        (!bases.is_empty()).then_some(bases)
    }

    /// Records that the checked file `path` (as given to the linter) belongs
    /// to this site.
    pub fn add_member(&mut self, path: impl Into<PathBuf>) {
        self.members.insert(path.into());
    }

    /// Makes this site apply to every checked file (a root set in a rule pack).
    pub fn cover_all(&mut self) {
        self.covers_all = true;
    }

    /// Whether the checked file `path` belongs to this site.
    pub fn covers(&self, path: &Path) -> bool {
        self.covers_all || self.members.contains(path)
    }

    /// Indexes a Markdown file of `content/`, `rel` being its path relative to
    /// `content/` and `source` its text, read whole at once.
    pub fn add_content(&mut self, rel: &Path, source: String) {
        let doc = Document::parse(rel.to_path_buf(), source);
        let front = PageFront::from_root(doc.front());
        let page = Page::of(rel, &front);
        let _ = page.anchors.set(Some(
            read_page_anchors(&doc, self.renders_html(), self.id_style).into(),
        ));
        self.added.add_page(rel, &front, page);
    }

    /// Indexes a Markdown file of `content/` from what its front matter
    /// says: its headings are read, through the reader set by
    /// [`Site::read_pages_with`], when a link first asks for one of its
    /// anchors. A site of thousands of pages is indexed without parsing the
    /// Markdown of each, nor holding their texts. A section's `_index`
    /// page counts for `:sections` in the pages added after it: add
    /// sections first (as [`Site::read_whole`] does).
    pub fn add_page(&mut self, rel: &Path, front: &PageFront) {
        self.added.add_page(rel, front, Page::of(rel, front));
    }

    /// Indexes a file served as is: `path` is its address (`/images/a.png`).
    pub fn add_static(&mut self, path: &str) {
        self.added.files.insert(file_key(path));
    }

    /// Sets how pages are read when their anchors are needed.
    pub fn read_pages_with(&mut self, read: Arc<ReadPage>) {
        self.read = Some(read);
    }

    /// The anchor ids of a page's headings, as Hugo makes them (see
    /// [`anchors`]); `None` when the page's text cannot be read any more.
    pub fn anchors(&self, page: &Page) -> Option<Arc<[String]>> {
        page.anchors
            .get_or_init(|| {
                if page.file.as_os_str().is_empty() {
                    return Some(Arc::from([]));
                }
                let read = self.read.as_ref()?;
                let source = read(&page.file)?;
                let doc = Document::parse(page.file.clone(), source);
                Some(read_page_anchors(&doc, self.renders_html(), self.id_style).into())
            })
            .clone()
    }

    /// The first page (its file, relative to `content/`, in the order of
    /// their paths) whose text holds the fragment `#id` (a link to that
    /// anchor, of this page or another: `#dedramatisation`). Every page is
    /// read once, the first time this is asked, and its fragments kept
    /// (see [`fragments`]); a page that cannot be read is passed over.
    pub fn page_mentioning(&self, id: &str) -> Option<PathBuf> {
        self.fragments
            .get_or_init(|| {
                let Some(read) = self.read.as_ref() else {
                    return HashMap::new();
                };
                let mut files: Vec<&PathBuf> = self
                    .index()
                    .pages
                    .values()
                    .map(|p| &p.file)
                    .filter(|f| !f.as_os_str().is_empty())
                    .collect();
                files.sort();
                files.dedup();
                let mut found: HashMap<String, PathBuf> = HashMap::new();
                for file in files {
                    let Some(text) = read(file) else { continue };
                    for id in fragments(&text) {
                        found.entry(id).or_insert_with(|| file.clone());
                    }
                }
                found
            })
            .get(id)
            .cloned()
    }

    /// Every page and file: those added, or all of the site's files.
    fn index(&self) -> &Index {
        match &self.files {
            // The configuration read by `from_files`, not read again.
            Some(files) => self.everything.get_or_init(|| {
                Index::read(files.as_ref(), self.added.rules.clone(), &self.statics)
            }),
            None => &self.added,
        }
    }

    /// The page at `key` (a normalized address) found by its file name,
    /// when the site is read from files.
    fn found_by_name(&self, key: &str) -> Option<Page> {
        let files = self.files.as_ref()?;
        let lock = || self.found.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = lock().get(key) {
            return known.clone();
        }
        let found = by_name::page(files.as_ref(), &self.listings, key, &self.added.rules);
        lock().entry(key.to_string()).or_insert(found).clone()
    }

    /// The page at a site path (`/posts/slug/`, with or without the final
    /// `/`, or its `index.html`).
    pub fn page(&self, path: &str) -> Option<Page> {
        let key = page_key(path);
        // A language's home page, which no file needs to give.
        if self.languages().is_home(&key) {
            return Some(Page::default());
        }
        self.found_by_name(&key)
            .or_else(|| self.index().pages.get(&key).cloned())
    }

    /// `key` (a normalized address) without the folder of the language
    /// it is under, on a site of several (`/en/tags/` is `/tags/`).
    pub fn without_language<'k>(&self, key: &'k str) -> Option<&'k str> {
        let languages = self.languages();
        languages
            .many()
            .then(|| languages.code_of(key))?
            .map(|(_, rest)| rest)
    }

    /// The file name `name` without the code of a language of the site it
    /// carries before its extension (`cible.en.md` is `cible.md`), and
    /// the code as written.
    pub fn language_in_name(&self, name: &str) -> Option<(String, String)> {
        self.languages().code_in_name(name)
    }

    /// The site's languages (see [`languages`]).
    fn languages(&self) -> &Languages {
        &self.added.rules.languages
    }

    /// Whether a site path leads to a page or a file.
    pub fn exists(&self, path: &str) -> bool {
        let key = page_key(path);
        // Hugo always makes the home page, with or without a
        // `content/_index.md` to say its title: it is there without
        // reading the site.
        if key == "/" || self.languages().is_home(&key) {
            return true;
        }
        let file = file_key(path);
        // `/posts/x.html`: Hugo writes a page so only for an alias or `url`
        // written so, or on a site with `uglyURLs`; else a file.
        if html_page_link(path) && self.added.rules.ugly_urls != UglyUrls::All {
            let index = self.index();
            // Where a `[uglyURLs]` table names sections, their pages (see
            // [`Index::ugly_only`]), and those sections in either form, as
            // with `uglyURLs = true`.
            let by_section =
                self.may_be_ugly(&key) && (index.ugly_only.contains(&key) || self.is_list(path));
            return index.html_pages.contains(&key) || index.files.contains(&file) || by_section;
        }
        if self.ugly_address(path).is_some() {
            return false;
        }
        if self.found_by_name(&key).is_some()
            || self.files.as_ref().is_some_and(|files| {
                by_name::file(files.as_ref(), &self.listings, &self.statics, &file)
            })
        {
            return true;
        }
        let index = self.index();
        // A page whose address could not be known may be at this one.
        index.pages.contains_key(&key)
            || index.files.contains(&file)
            || self.generated(&file)
            || index.uncertain
            || self.languages().unseen(&key)
    }

    /// On a site with `uglyURLs` (for the page's section, by a table), the
    /// address Hugo writes the page at `path` (`/posts/x/`,
    /// `/posts/x/index.html`) at instead (`/posts/x.html`): there is no
    /// page at `path` then. Read from the whole index.
    pub fn ugly_address(&self, path: &str) -> Option<String> {
        let bare = path.split(['?', '#']).next().unwrap_or(path).trim();
        let folder_form = bare.ends_with('/')
            || bare
                .rsplit('/')
                .next()
                .is_some_and(|n| n.eq_ignore_ascii_case("index.html"));
        let key = page_key(path);
        (folder_form && self.may_be_ugly(&key) && self.index().ugly_only.contains(&key))
            .then(|| format!("{}.html", key.trim_end_matches('/')))
    }

    /// Whether the page at `key` (a normalized address) may be one Hugo
    /// writes as a `.html` file, before the whole index says: on a site
    /// with `uglyURLs = true`, or where a `[uglyURLs]` table names the
    /// section its address starts with (after a language's folder), or any
    /// address's, when `[permalinks]` make addresses that need not start
    /// with their section.
    fn may_be_ugly(&self, key: &str) -> bool {
        let rules = &self.added.rules;
        match &rules.ugly_urls {
            UglyUrls::Off => false,
            UglyUrls::All => true,
            UglyUrls::BySection(named) => {
                let rest = self.without_language(key).unwrap_or(key);
                let first = rest.trim_start_matches('/').split('/').next();
                let moved = !rules.permalinks.is_empty() || !rules.language_permalinks.is_empty();
                moved
                    || named.iter().any(|n| {
                        let section = paths::segment(n);
                        first == Some(section.as_ref())
                            || (rules.no_accents
                                && first == Some(paths::without_accents(&section).as_str()))
                    })
            }
        }
    }

    /// The page whose file is at `path` under `content/`, as Hugo's `ref`
    /// and `relref` shortcodes name one from the root (`/posts/x.md`, or
    /// without the extension `/posts/x`, which is also the bundle
    /// `posts/x/index.md` or the section `posts/x/_index.md`); compared
    /// lowercased, spaces as `-`.
    pub fn content_page(&self, path: &str) -> Option<Page> {
        self.content_page_in(path, None)
    }

    /// [`Site::content_page`], as a `ref` in a page of the language `code`
    /// reads it on a site of several languages (or of content folders per
    /// language): the page in that language (`posts/x.en.md`, or under
    /// its content folder), as Hugo 0.111 and 0.168 resolve it, and none
    /// when that language has none. `None`: the default language's.
    pub fn content_page_in(&self, path: &str, code: Option<&str>) -> Option<Page> {
        let languages = self.languages();
        let code = code.filter(|_| languages.per_language());
        let prefix = code.map(|c| languages.prefix(c)).unwrap_or_default();
        // `ref "/"`: the home page, which Hugo always makes.
        let folder = path.trim().trim_matches('/');
        if folder.is_empty() {
            return Some(Page::default());
        }
        // `/posts.md` is the section too.
        let folder = without_content_extension(folder);
        let Some(candidates) = content_candidates(path) else {
            return self.section_named(folder, &prefix);
        };
        let candidates: Vec<String> = match code {
            Some(code) => candidates
                .iter()
                .flat_map(|rel| languages.files_in(code, rel))
                .collect(),
            None => candidates,
        };
        // The file itself, when the site is read from its files (a leaf
        // bundle's resource is no page).
        if let Some(files) = &self.files {
            let found = candidates.iter().find_map(|rel| {
                let rel = Path::new(rel);
                let front = files.front(rel)?;
                leaf_bundle_of(
                    rel,
                    |f| has_index_page(files.as_ref(), f),
                    |c| self.languages().has(c),
                )
                .is_none()
                .then(|| Page::of(rel, &front))
            });
            if found.is_some() {
                return found;
            }
        }
        let index = self.index();
        let by_file = index.by_file.get_or_init(|| {
            let mut by_file = HashMap::new();
            for page in index.pages.values() {
                if !page.file.as_os_str().is_empty() {
                    let rel = page.file.to_string_lossy();
                    by_file
                        .entry(content_key(&rel))
                        .or_insert_with(|| page.clone());
                }
            }
            by_file
        });
        candidates
            .iter()
            .find_map(|rel| by_file.get(&content_key(rel)).cloned())
            .or_else(|| self.section_named(folder, &prefix))
    }

    /// The section page of the top-level folder `folder` (`posts`), which
    /// Hugo's `ref` names by the folder (`ref "/posts"`, `ref "/posts/"`)
    /// with or without an `_index.md` (checked with Hugo 0.111 and 0.168).
    /// In a language's folder, `prefix` (`/en`), its section.
    fn section_named(&self, folder: &str, prefix: &str) -> Option<Page> {
        if folder.contains('/') {
            return None;
        }
        let page = self.page(&format!("{prefix}/{folder}/"))?;
        self.is_section(&page).then_some(page)
    }

    /// Whether `page` is a section: a top-level folder without a file of
    /// its own, or an `_index.md`, in any language (`_index.en.md`).
    fn is_section(&self, page: &Page) -> bool {
        page.file.as_os_str().is_empty() || is_section_page(&page.file, |c| self.languages().has(c))
    }

    /// The leaf bundle holding the Markdown file at `path` under `content/`
    /// (named as [`Site::content_page`] names one), when that file is one
    /// of its resources, which are no pages.
    pub fn content_resource(&self, path: &str) -> Option<PathBuf> {
        let candidates = content_candidates(path)?;
        if let Some(files) = &self.files {
            return candidates.iter().find_map(|rel| {
                let rel = Path::new(rel);
                files.front(rel)?;
                leaf_bundle_of(
                    rel,
                    |f| has_index_page(files.as_ref(), f),
                    |c| self.languages().has(c),
                )
            });
        }
        let index = self.index();
        candidates
            .iter()
            .find_map(|rel| index.resources.get(&content_key(rel)).cloned())
    }

    /// Whether Hugo generates a file at `file` (a file address) with its
    /// default outputs: `/sitemap.xml`, `/robots.txt`, the feed of the home
    /// page or of a section (`/posts/index.xml`), and the pages of a
    /// section's list (`/posts/page/2/`).
    fn generated(&self, file: &str) -> bool {
        // `/robots.txt` only with `enableRobotsTXT = true` (Hugo 0.111 and
        // 0.168), or when no configuration was read.
        if file == "/sitemap.xml" || (file == "/robots.txt" && self.robots_txt != Some(false)) {
            return true;
        }
        // Each language's sitemap, on a site of several.
        let languages = self.languages();
        if languages.many()
            && languages
                .code_of(file)
                .is_some_and(|(_, rest)| rest == "/sitemap.xml")
        {
            return true;
        }
        if let Some(list) = file.strip_suffix("/index.xml") {
            return self.is_list(list);
        }
        let Some((before, number)) = file.trim_end_matches('/').rsplit_once('/') else {
            return false;
        };
        let page_number = !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
            && !number.trim_start_matches('0').is_empty();
        match before.strip_suffix("/page") {
            Some(list) if page_number => self.is_list(list),
            _ => false,
        }
    }

    /// Whether a site path is a list page: the home page, or a section
    /// (a folder's `_index.md`, or a top-level folder holding a page).
    fn is_list(&self, path: &str) -> bool {
        let key = normalize(path);
        let languages = self.languages();
        // A language's home, not the one that redirects to another.
        if languages.is_home(&key) || key == "/" {
            return languages.lists_home(&key);
        }
        self.page(path)
            .is_some_and(|p| !p.draft && self.is_section(&p))
    }

    /// The address of the page directly under `dir` (`/posts/`) whose name
    /// is closest to `name`, if one is close enough to be what was meant.
    pub fn suggest_page(&self, dir: &str, name: &str) -> Option<String> {
        let key = (normalize(dir), name.to_string());
        let lock = || self.suggested.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = lock().get(&key) {
            return found.clone();
        }
        let index = self.index();
        let found = index
            .closest_page(&key.0, name)
            .map(str::to_string)
            .or_else(|| index.moved_by_permalinks(name));
        lock().insert(key, found.clone());
        found
    }
}

/// A page address as compared: lowercased, spaces as `-`, without a final
/// `.html`, with one `/` at each end.
pub fn normalize(path: &str) -> String {
    let path = path.trim();
    // Most addresses are already lowercase ASCII without spaces.
    let lower = if path
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b' ')
    {
        std::borrow::Cow::Borrowed(path)
    } else {
        std::borrow::Cow::Owned(path.to_lowercase().replace(' ', "-"))
    };
    let trimmed = lower.trim_matches('/');
    let trimmed = trimmed.strip_suffix(".html").unwrap_or(trimmed);
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// A page's address as [`Site::page`] looks it up: [`normalize`]d, and
/// the `index.html` Hugo writes each page to (`/index.html`,
/// `/posts/x/index.html`) as the page itself.
pub fn page_key(path: &str) -> String {
    let trimmed = path.trim();
    let cut = trimmed.len().checked_sub("index.html".len());
    match cut.filter(|&at| trimmed.is_char_boundary(at)) {
        Some(at)
            if trimmed[at..].eq_ignore_ascii_case("index.html")
                && (at == 0 || trimmed[..at].ends_with('/')) =>
        {
            normalize(&trimmed[..at])
        }
        _ => normalize(path),
    }
}

/// A content file's path as `ref` names it: lowercased, spaces as `-`, `/`
/// between names.
/// The files under `content/` that `path` may name, as Hugo's `ref` names
/// a page (see [`Site::content_page`]); `None` for a path that names none.
fn content_candidates(path: &str) -> Option<Vec<String>> {
    let path = path.trim().trim_start_matches('/');
    if path.is_empty() || path.split('/').any(|s| s.is_empty() || s == "..") {
        return None;
    }
    // A page extension, whichever, names the page as none does (Hugo
    // 0.111 and 0.168: `/posts/x.markdown` and `/posts/x.html` are
    // `posts/x.md`, `/posts/x.md` the bundle `posts/x/index.md`); the file
    // as written is tried first.
    let bare = without_content_extension(path);
    let first = (bare.len() < path.len()).then(|| path.to_string());
    let others = ["", "/index", "/_index"].iter().flat_map(|under| {
        PAGE_EXTENSIONS
            .iter()
            .map(move |ext| format!("{bare}{under}.{ext}"))
    });
    Some(first.into_iter().chain(others).collect())
}

/// The extensions of Hugo's content formats, which a `ref` path may end
/// with whatever the page's file is (Hugo 0.111 and 0.168 agree on these;
/// 0.111 takes any extension off, 0.168 these only).
const CONTENT_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdown", "html", "htm", "adoc", "asciidoc", "ad", "org", "pandoc", "pdc",
    "rst",
];

/// A `ref` path without the extension of a content format, if it ends
/// with one (`/posts/x.adoc` is `/posts/x`).
pub fn without_content_extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext))
            if !stem.is_empty()
                && CONTENT_EXTENSIONS
                    .iter()
                    .any(|e| ext.eq_ignore_ascii_case(e)) =>
        {
            &path[..path.len() - ext.len() - 1]
        }
        _ => path,
    }
}

fn content_key(rel: &str) -> String {
    rel.replace('\\', "/").to_lowercase().replace(' ', "-")
}

/// A file address as compared: lowercased, spaces as `-`, one leading `/`.
fn file_key(path: &str) -> String {
    path_key(path.trim())
}

/// A file's key from its path in the site, as it is: a name may end with a
/// space (`Les étapes `), which its address keeps (as `-`).
fn path_key(path: &str) -> String {
    let lower = path.to_lowercase().replace(' ', "-");
    format!("/{}", lower.trim_matches('/'))
}

/// The slug a file name gives: without its extension and a leading
/// `YYYY-MM-DD-` date.
pub fn slug_from_file_name(stem: &str) -> &str {
    let b = stem.as_bytes();
    let dated = b.len() > 11
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
        && b[10] == b'-';
    if dated { &stem[11..] } else { stem }
}

/// The slug of an article: its front matter's `slug`, else from its file
/// name, or its folder's for a leaf bundle (`2025-01-06-carte/index.md`).
pub fn slug_of(doc: &Document) -> String {
    if let Some(s) = PageFront::from_root(doc.front()).slug {
        return s;
    }
    let stem = doc
        .bundle_folder()
        .or_else(|| doc.path.file_stem())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    slug_from_file_name(&stem).to_string()
}

/// The fragments `text` holds: the ids after each `#` (letters, digits,
/// `-`, `_`; `%`-escapes decoded), as a link writes them
/// (`/posts/x/#dedramatisation`, `#d%C3%A9dramatisation`). More than links
/// (a `#` in prose too), which is what a question of "may a link use it"
/// needs.
pub fn fragments(text: &str) -> impl Iterator<Item = String> + '_ {
    memchr::memchr_iter(b'#', text.as_bytes()).filter_map(move |at| {
        let rest = &text[at + 1..];
        let end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '%')))
            .map_or(rest.len(), |(i, _)| i);
        let id = &rest[..end];
        (!id.is_empty()).then(|| {
            percent_encoding::percent_decode_str(id)
                .decode_utf8()
                .map_or_else(|_| id.to_string(), |d| d.into_owned())
        })
    })
}

/// The anchor ids of a document's headings, as Hugo (goldmark, `github`
/// ids) makes them: an explicit `{#id}` wins; otherwise from the heading's
/// source text, trimmed, letters and digits lowercased (accents kept), `_`
/// kept, spaces and `-` as `-`, everything else dropped; empty gives
/// `heading`; a repeated id gets `-1`, `-2`, …. Then the ids recent Hugo
/// (0.168, goldmark v2) gives instead, from the heading's inline content
/// (`## _Erreurs classiques_` is `#_erreurs-classiques_` before,
/// `#erreurs-classiques` now; see [`crate::document::heading_text`]): a
/// link to either is taken, as the site's Hugo is not known.
pub fn anchors(doc: &Document) -> Vec<String> {
    anchors_in(doc, IdKind::Github)
}

/// How a site's Hugo makes heading ids: of which [`IdKind`], and whether
/// a heading's attribute block (`{#id .class}`) is read as one
/// (`[markup.goldmark.parser.attribute] title`, true by default) or left
/// in its text, where it makes part of the id (`## Titre {#perso}` is
/// `#titre-perso`). Checked with Hugo 0.111 and 0.168.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdStyle {
    pub kind: IdKind,
    pub attributes: bool,
}

impl Default for IdStyle {
    fn default() -> IdStyle {
        IdKind::default().into()
    }
}

impl From<IdKind> for IdStyle {
    /// The ids of `kind`, attribute blocks read.
    fn from(kind: IdKind) -> IdStyle {
        IdStyle {
            kind,
            attributes: true,
        }
    }
}

/// Which ids a site's Hugo makes: goldmark's `autoHeadingIDType`
/// (`github`, the default; `github-ascii`; `blackfriday`), or none but
/// those written (`autoHeadingID = false`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum IdKind {
    #[default]
    Github,
    /// `github`'s ids, accents taken off their letters, other characters
    /// that are not ASCII dropped (`## Ça & là` is `#ca--la`).
    GithubAscii,
    /// Letters and digits lowercased, every run of other characters one
    /// `-`, none at either end, from the heading's text (`## Ça & là` is
    /// `#ça-là`, `## L'équipe` is `#l-équipe`).
    Blackfriday,
    /// No id but those written (`{#id}`).
    Off,
}

/// The anchors of a document's headings as a site of `style` makes them
/// (see [`anchors`]); with `Off`, only the ids written.
pub fn anchors_in(doc: &Document, style: impl Into<IdStyle>) -> Vec<String> {
    let (mut out, newer) = heading_id_forms_in(doc, style);
    if let Some(newer) = newer {
        let older: HashSet<String> = out.iter().cloned().collect();
        out.extend(newer.into_iter().filter(|id| !older.contains(id)));
    }
    out.retain(|id| !id.is_empty());
    out
}

/// Each heading's id, in order, as Hugo up to 0.15x gives it (from the
/// heading's source), then as Hugo 0.168 gives it (from its inline
/// content; `None` when no heading has markup, as they are the same), in a
/// site of `style` (see [`anchors`]); with `Off`, each heading's written
/// id, or an empty one.
pub fn heading_id_forms_in(
    doc: &Document,
    style: impl Into<IdStyle>,
) -> (Vec<String>, Option<Vec<String>>) {
    let style = style.into();
    let headings: Vec<&crate::document::Heading> = doc.body.every_heading().collect();
    let parts: Vec<IdParts<'_>> = headings
        .iter()
        .map(|h| IdParts::of(doc, h, style.attributes))
        .collect();
    // Each heading's source text, its id if written (`{#id}`), and the
    // text recent Hugo makes its id from.
    let sources: Vec<&str> = parts.iter().map(|p| p.source).collect();
    let explicit: Vec<Option<&str>> = parts.iter().map(|p| p.id).collect();
    let inline: Vec<&str> = parts.iter().map(|p| p.inline.as_ref()).collect();
    let ids = |made: &dyn Fn(usize) -> String| {
        numbered(
            explicit
                .iter()
                .enumerate()
                .map(|(i, e)| e.map_or_else(|| (made(i), false), |id| (id.to_string(), true))),
        )
    };
    let ascii = |id: String| -> String {
        use unicode_normalization::UnicodeNormalization;
        id.nfd().filter(char::is_ascii).collect()
    };
    let older = match style.kind {
        IdKind::Off => {
            let written = explicit.iter().map(|e| e.unwrap_or_default().to_string());
            return (written.collect(), None);
        }
        IdKind::Blackfriday => {
            return (ids(&|i| blackfriday_id(sources[i])), None);
        }
        IdKind::Github => ids(&|i| anchor_id(sources[i])),
        IdKind::GithubAscii => ids(&|i| ascii(anchor_id(sources[i]))),
    };
    // A heading of plain text, nothing around it, without `--`, has the
    // same id in both.
    let same = headings.iter().zip(&sources).all(|(h, source)| {
        let text = doc.text(h.text_span);
        h.is_plain() && source.trim() == text && !text.contains("--")
    });
    let newer = (!same).then(|| match style.kind {
        IdKind::GithubAscii => ids(&|i| ascii(anchor_id(inline[i]))),
        _ => ids(&|i| anchor_id(inline[i])),
    });
    (older, newer)
}

/// What a heading's id is made from, as goldmark reads its attribute
/// block (checked with Hugo 0.111 and 0.168): a `{…}` ending its line
/// (ATX, after any closing `#`s) or its last line (setext) is read as
/// attributes when they are on (see [`IdStyle`]), it is not escaped
/// (`\{`), and it is a valid list (see [`attribute_list`]); else it is
/// text, part of the id (`## Accol {a}{b}` is `#accol-ab`).
struct IdParts<'d> {
    /// The heading's source, without the block when it is attributes.
    source: &'d str,
    /// Its inline text (see [`crate::document::Heading::id_text`]), the
    /// same way.
    inline: std::borrow::Cow<'d, str>,
    /// The id its attributes set.
    id: Option<&'d str>,
}

impl<'d> IdParts<'d> {
    fn of(doc: &'d Document, h: &'d crate::document::Heading, attributes: bool) -> IdParts<'d> {
        let content = heading_content(&doc.source, h);
        let Some((base, block)) = attribute_block(&doc.source, h, content) else {
            return IdParts {
                source: doc.text(content),
                inline: h.id_text.as_str().into(),
                id: None,
            };
        };
        let written = doc.text(block);
        let escaped = doc.source.as_bytes()[..block.start]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count()
            % 2
            == 1;
        let list = (attributes && !escaped)
            .then(|| attribute_list(&written[1..written.len() - 1]))
            .flatten();
        // pulldown-cmark takes a final `{…}` off the text, valid or not.
        let text = h.id_text.trim_end();
        let bare = text.strip_suffix(written).unwrap_or(text).trim_end();
        match list {
            Some(id) => IdParts {
                source: doc.text(base),
                inline: bare.into(),
                id,
            },
            None => IdParts {
                source: doc.text(Span::new(base.start, block.end)),
                inline: format!("{bare}{}", doc.text(Span::new(base.end, block.end))).into(),
                id: None,
            },
        }
    }
}

/// The `{…}` ending a heading (see [`IdParts`]) whose content (see
/// [`heading_content`]) is `content`: the content without it, and it.
fn attribute_block(
    source: &str,
    h: &crate::document::Heading,
    content: Span,
) -> Option<(Span, Span)> {
    let whole = h.span.clamp_to(source);
    let atx = source[whole.start..whole.end]
        .trim_start_matches(' ')
        .starts_with('#');
    if atx {
        // After the content: spaces and closing `#`s, then the block.
        let rest = source.get(content.end..whole.end)?;
        let line = rest
            .split(['\n', '\r'])
            .next()
            .unwrap_or_default()
            .trim_end();
        let open = line.strip_suffix('}')?.rfind('{')?;
        line[..open]
            .chars()
            .all(|c| c == '#' || c.is_whitespace())
            .then(|| {
                (
                    content,
                    Span::new(content.end + open, content.end + line.len()),
                )
            })
    } else {
        // Setext: the content's last line ends with it.
        let text = source.get(content.start..content.end)?;
        let open = text.strip_suffix('}')?.rfind('{')?;
        let base = text[..open].trim_end().len();
        Some((
            Span::new(content.start, content.start + base),
            Span::new(content.start + open, content.end),
        ))
    }
}

/// A heading's id as blackfriday made it (`SanitizedAnchorName`), which
/// Hugo's `autoHeadingIDType = "blackfriday"` keeps: from the heading's
/// source (`_emph_` and `&#233;` as written), letters and numbers
/// lowercased as Go lowers them, every run of other characters one `-`,
/// none at either end.
fn blackfriday_id(text: &str) -> String {
    let text = text.trim();
    // The last line, as for the other ids.
    let text = text
        .rsplit_once(['\n', '\r'])
        .map_or(text, |(_, last)| last);
    let mut id = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if dash && !id.is_empty() {
                id.push('-');
            }
            dash = false;
            match c {
                // Go lowers `İ` to `i`, where Rust gives `i̇`.
                'İ' => id.push('i'),
                c => id.extend(c.to_lowercase()),
            }
        } else {
            dash = true;
        }
    }
    id
}

/// The id an attribute list (what a `{…}` ending a heading holds) sets,
/// as goldmark reads it (checked with Hugo 0.111 and 0.168): items apart
/// by spaces, each `#id`, `.class` or `key=value` (the value bare or in
/// double quotes); `#x` and `id=x` set the id, the last one wins (`{#a
/// id="b"}` is `b`). `Some(None)` when it sets none, `None` when it is no
/// valid list (`a`, `id='x'`: single quotes make no attribute), which
/// goldmark leaves as text.
fn attribute_list(list: &str) -> Option<Option<&str>> {
    let mut rest = list.trim_start();
    let word_end = |s: &str| s.find(char::is_whitespace).unwrap_or(s.len());
    let mut id = None;
    while !rest.is_empty() {
        let after = if let Some(r) = rest.strip_prefix('#').or_else(|| rest.strip_prefix('.')) {
            let end = word_end(r);
            if end == 0 {
                return None;
            }
            if rest.starts_with('#') {
                id = Some(&r[..end]);
            }
            &r[end..]
        } else {
            let eq = rest.find('=')?;
            let key = &rest[..eq];
            if key.is_empty() || key.contains(char::is_whitespace) {
                return None;
            }
            let r = &rest[eq + 1..];
            let (value, after) = if let Some(q) = r.strip_prefix('"') {
                let close = q.find('"')?;
                (&q[..close], &q[close + 1..])
            } else {
                let end = word_end(r);
                if end == 0 || r.starts_with('\'') {
                    return None;
                }
                (&r[..end], &r[end..])
            };
            if key == "id" {
                id = Some(value);
            }
            after
        };
        rest = after.trim_start();
    }
    Some(id)
}

/// Headings' ids (`true`: written explicitly, taken as is), an empty one
/// as `heading`, a repeat with the first free `-1`, `-2`, ….
fn numbered(ids: impl Iterator<Item = (String, bool)>) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    // The next suffix to try for each id: a file of many equal headings
    // must not try `-1`, `-2`, … from the start each time.
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for (mut id, explicit) in ids {
        if !explicit {
            if id.is_empty() {
                id = "heading".to_string();
            }
            if seen.contains(&id) {
                let n = match next.get_mut(&id) {
                    Some(n) => n,
                    None => next.entry(id.clone()).or_insert(1),
                };
                // The first free suffix; the next repeat starts after it.
                let mut with = format!("{id}-{n}");
                while seen.contains(&with) {
                    *n += 1;
                    with = format!("{id}-{n}");
                }
                *n += 1;
                id = with;
            }
        }
        seen.insert(id.clone());
        out.push(id);
    }
    out
}

/// The anchors of a page, made once per document: its headings' ids
/// ([`anchors_in`]), then,
/// when `raw_html` (the site renders raw HTML), those its raw HTML sets
/// ([`html_ids`]), then its footnotes' ([`footnote_ids`]).
pub fn page_anchors(doc: &Document, raw_html: bool, style: impl Into<IdStyle>) -> Arc<PageAnchors> {
    let style = style.into();
    let key = u64::from(raw_html) | (style.kind as u64) << 1 | u64::from(style.attributes) << 3;
    doc.derived(key, |doc| {
        PageAnchors(read_page_anchors(doc, raw_html, style))
    })
}

/// A page's anchors (see [`page_anchors`]), in order.
#[derive(Debug, Clone, PartialEq)]
pub struct PageAnchors(pub Vec<String>);

fn read_page_anchors(doc: &Document, raw_html: bool, style: IdStyle) -> Vec<String> {
    let mut ids = anchors_in(doc, style);
    if raw_html {
        ids.extend(html_ids(doc).0.iter().cloned());
    }
    ids.extend(footnote_ids(doc));
    ids
}

/// The ids goldmark gives footnotes (checked with Hugo 0.111 and 0.168):
/// the footnotes called are numbered in the order of their first call,
/// each definition `fn:N`, its first call `fnref:N`, the next ones
/// `fnref1:N`, `fnref2:N`, …; a label matches as written, and a
/// definition never called is not rendered.
pub fn footnote_ids(doc: &Document) -> Vec<String> {
    let body = &doc.body;
    if body.footnote_refs.is_empty() {
        return Vec::new();
    }
    let defined: HashSet<&str> = body
        .footnote_labels
        .iter()
        .map(|(l, _)| l.as_str())
        .collect();
    // Per label: its number and how many calls so far.
    let mut called: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut ids = Vec::new();
    for (label, _) in &body.footnote_refs {
        if !defined.contains(label.as_str()) {
            continue;
        }
        let next = called.len() + 1;
        let (n, calls) = called.entry(label.as_str()).or_insert((next, 0));
        ids.push(match *calls {
            0 => format!("fnref:{n}"),
            k => format!("fnref{k}:{n}"),
        });
        *calls += 1;
    }
    let mut numbers: Vec<usize> = called.values().map(|(n, _)| *n).collect();
    numbers.sort_unstable();
    ids.extend(numbers.into_iter().map(|n| format!("fn:{n}")));
    ids
}

/// The anchors the raw HTML of a document sets, in order: the `id` of any
/// element (`<div id="encart">`) and the `name` of an `<a>` (`<a
/// name="ancien-titre"></a>`), with their character references decoded.
/// Tags in comments, in the content of a `<script>` or a `<style>`, and in
/// code are not read. They are anchors of the page only when the site
/// renders raw HTML (goldmark's `unsafe`).
pub fn html_ids(doc: &Document) -> Arc<HtmlIds> {
    doc.derived(0, |d| HtmlIds(read_html_ids(d)))
}

/// The ids a document's raw HTML sets, in order (see [`html_ids`]).
#[derive(Debug, Clone, PartialEq)]
pub struct HtmlIds(pub Vec<String>);

fn read_html_ids(doc: &Document) -> Vec<String> {
    let html = &doc.body.html;
    let blocks = crate::document::html::blocks_before(html, usize::MAX);
    let inline = html.iter().filter(|h| h.inline).map(|h| h.text.as_str());
    let mut out = Vec::new();
    for text in std::iter::once(blocks.text.as_str()).chain(inline) {
        for tag in
            crate::document::html::tags(text, |i| crate::document::html::is_shortcode(text, i))
        {
            let (Some(name), Some(whole)) = (tag.name("name"), tag.whole()) else {
                continue;
            };
            if tag.name("close").is_some_and(|c| !c.is_empty()) {
                continue;
            }
            let is_a = name.eq_ignore_ascii_case("a");
            let attributes = crate::document::html::attributes(text.get(whole).unwrap_or_default());
            for (attr, value) in attributes {
                if (attr.eq_ignore_ascii_case("id") || (is_a && attr.eq_ignore_ascii_case("name")))
                    && !value.is_empty()
                    && !out.contains(&value)
                {
                    out.push(value);
                }
            }
        }
    }
    out
}

/// Hugo's `github` anchor id of a heading's text (its last line, as
/// goldmark reads a heading's source for its id): `-` and spaces as `-`
/// (not tabs, which Hugo drops), letters, digits and `_` lowercased (as Go's `unicode.IsLetter`,
/// `IsDigit` and `ToLower` do), the rest dropped.
pub fn anchor_id(text: &str) -> String {
    let text = text.trim();
    // The last line, without the `>` of a blockquote it is in.
    let text = match text.rsplit_once(['\n', '\r']) {
        Some((_, last)) => last.trim_start_matches(['>', ' ', '\t']).trim_end(),
        None => text,
    };
    let mut id = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '-' | ' ' => id.push('-'),
            '_' => id.push('_'),
            c if c.is_ascii_alphanumeric() => id.push(c.to_ascii_lowercase()),
            // Go lowers `İ` to `i`, where Rust gives `i̇`.
            'İ' => id.push('i'),
            c if !c.is_ascii() && c.is_alphanumeric() && !number_form(c) => {
                id.extend(c.to_lowercase())
            }
            _ => {}
        }
    }
    id
}

/// What Rust's `is_alphanumeric` takes and Go's `IsLetter` and `IsDigit`
/// do not, among what French prose may hold: other numbers (`²`, `½`,
/// `₂`, `①`), letter numbers (`Ⅻ`) and enclosed letters (`Ⓐ`).
fn number_form(c: char) -> bool {
    matches!(c,
        '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}'
        | '\u{2070}'..='\u{209f}'
        | '\u{2150}'..='\u{218f}'
        | '\u{2460}'..='\u{24ff}'
        | '\u{2776}'..='\u{2793}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let mut s = Site::new("/site");
        s.add_content(Path::new("_index.md"), "---\ntitle: x\n---\n".into());
        s.add_content(
            Path::new("posts/2025-01-01-sans-slug.md"),
            "## Le réel (sans filtre)\n\n## Le réel (sans filtre)\n".into(),
        );
        s.add_content(
            Path::new("posts/2025-01-02-fichier.md"),
            "---\nslug: mon-slug\naliases: [/ancien/]\n---\n## Titre {#perso}\n".into(),
        );
        s.add_content(Path::new("le-role-du-cto/_index.md"), String::new());
        s.add_content(Path::new("guides/livre/Un Chapitre.md"), String::new());
        s.add_content(
            Path::new("guides/livre/03.03-Se positionner dans l'organisation.md"),
            String::new(),
        );
        s.add_content(
            Path::new("guides/Livre d'or/03.02-La transition technique → management.md"),
            String::new(),
        );
        s.add_content(
            Path::new("posts/2025-01-09-ete.md"),
            "---\nslug: \"Mon Slug l'été\"\n---\n".into(),
        );
        s.add_content(Path::new("about.md"), String::new());
        s.add_static("/images/photo.png");
        s
    }

    #[test]
    fn addresses_follow_hugo() {
        let s = site();
        for path in [
            "/",
            "/posts/sans-slug/",
            "/posts/mon-slug",
            "/ancien/",
            "/le-role-du-cto/",
            "/guides/",
            "/guides/livre/un-chapitre/",
            "/about/",
            "/posts/",
            "/images/photo.png",
            "/Le-Role-Du-CTO/",
        ] {
            assert!(s.exists(path), "{path}");
        }
        assert!(!s.exists("/posts/fichier/"));
        assert!(!s.exists("/posts/2025-01-01-sans-slug/"));
        // File names, folder names and slugs as Hugo sanitizes them: `'`
        // and `→` dropped, a run of spaces one `-`.
        for path in [
            "/guides/livre/03.03-se-positionner-dans-lorganisation/",
            "/guides/livre-dor/03.02-la-transition-technique-management/",
            "/guides/livre-dor/03.02-La-Transition-Technique-Management",
            "/posts/mon-slug-lété/",
        ] {
            assert!(s.exists(path), "{path}");
        }
        for path in [
            "/guides/livre/03.03-se-positionner-dans-l'organisation/",
            "/guides/livre-d'or/03.02-la-transition-technique-→-management/",
            "/guides/livre-dor/03.02-la-transition-technique-→-management/",
            "/posts/mon-slug-l'été/",
        ] {
            assert!(!s.exists(path), "{path}");
        }
        assert_eq!(
            s.suggest_page("/guides/livre/", "03.03-se-positionner-dans-l'organisation")
                .as_deref(),
            Some("/guides/livre/03.03-se-positionner-dans-lorganisation/")
        );
        // "Did you mean" looks among the pages of the same folder.
        assert_eq!(
            s.suggest_page("/posts/", "mon-slg").as_deref(),
            Some("/posts/mon-slug/")
        );
        assert_eq!(
            s.suggest_page("/posts", "sans-slug-x").as_deref(),
            Some("/posts/sans-slug/")
        );
        // Asked again (from another article): the same answer.
        assert_eq!(
            s.suggest_page("/posts/", "mon-slg").as_deref(),
            Some("/posts/mon-slug/")
        );
        assert_eq!(s.suggest_page("/autre/", "mon-slug"), None);
        assert_eq!(s.suggest_page("/posts/", "rien-a-voir"), None);
    }

    /// What makes Hugo write no page, read from front matters written
    /// simply or not (Hugo 0.111 and 0.168 wrote none for these, but
    /// 0.111 the `build` one, which it does not read).
    #[test]
    fn unrendered_pages_are_told() {
        for (front, why) in [
            ("headless: true\n", Some("headless: true")),
            ("headless: \"true\"\n", Some("headless: true")),
            ("headless: false\n", None),
            (
                "_build:\n  render: never\n",
                Some("_build: {render: never}"),
            ),
            (
                "build: {render: never, list: always}\n",
                Some("build: {render: never}"),
            ),
            ("build:\n  render: always\n", None),
            ("Headless: true\ntitle: [a, b]\n", Some("headless: true")),
            ("title: x\n", None),
        ] {
            let text = format!("---\n{front}---\nTexte.\n");
            assert_eq!(PageFront::of(&text).unrendered, why, "{front}");
        }
    }

    /// A link ending with `.html` (not `index.html`) reaches a page only
    /// where Hugo writes one so: an alias or `url` written with `.html`, or
    /// any page of a site with `uglyURLs`; a file of that name too. Hugo
    /// 0.111 and 0.168 write no `/posts/x.html` for `posts/x.md` otherwise.
    #[test]
    fn html_links_reach_html_addresses_only() {
        let mut s = Site::new("/site");
        s.add_content(
            Path::new("posts/x.md"),
            "---\naliases: [/ancien.html]\n---\n".into(),
        );
        s.add_content(Path::new("posts/y.md"), "---\nurl: /y.html\n---\n".into());
        s.add_static("/demo.html");
        for (path, there) in [
            ("/posts/x/", true),
            ("/posts/x/index.html", true),
            ("/posts/x.html", false),
            ("/posts/X.HTML#a", false),
            ("/ancien.html", true),
            ("/y.html", true),
            ("/demo.html", true),
            ("/posts/y.html", false),
        ] {
            assert_eq!(s.exists(path), there, "{path}");
        }
        // With `uglyURLs = true`, a regular page is at `/posts/x.html`
        // only; a section at either form (0.111 `/posts.html`, 0.168
        // `/posts/`), a bundle's files under its folder.
        let ugly = |config: &str| {
            let page = |path: &str, front: &str| (PathBuf::from(path), Some(front.to_string()));
            MemoryFiles::new([
                page("hugo.toml", config),
                page("content/posts/x.md", ""),
                page("content/posts/b/index.md", ""),
                page("content/posts/b/img.png", ""),
                page("content/posts/u.md", "---\nurl: /adresse/\n---\n"),
                page("content/posts/a.md", "---\naliases: [/ancien/]\n---\n"),
            ])
        };
        let files = ugly("uglyURLs = true\n");
        let whole = Site::read_whole("/site", &files);
        let lazy = Site::from_files("/site", Arc::new(ugly("uglyURLs = true\n")));
        exist_in(
            &[&whole, &lazy],
            &[
                ("/posts/x.html", true),
                ("/posts/x/", false),
                ("/posts/x/index.html", false),
                ("/posts/b.html", true),
                ("/posts/b/", false),
                ("/posts/b/img.png", true),
                ("/posts/", true),
                ("/posts.html", true),
                ("/adresse/", true),
                ("/ancien/", true),
            ],
        );
        assert_eq!(
            whole.ugly_address("/posts/x/").as_deref(),
            Some("/posts/x.html")
        );
        // Per section, by a table: as above in the sections set to
        // `true`, as without it in the others.
        let table = |config: &str| {
            let page = |path: &str| (PathBuf::from(path), Some(String::new()));
            MemoryFiles::new([
                (PathBuf::from("hugo.toml"), Some(config.to_string())),
                page("content/posts/x.md"),
                page("content/posts/b/index.md"),
                page("content/posts/b/img.png"),
                page("content/guides/g.md"),
                page("content/docs/d.md"),
            ])
        };
        let config = "[uglyURLs]\nposts = true\ndocs = false\n";
        let whole = Site::read_whole("/site", &table(config));
        let lazy = Site::from_files("/site", Arc::new(table(config)));
        exist_in(
            &[&whole, &lazy],
            &[
                ("/posts/x.html", true),
                ("/posts/x/", false),
                ("/posts/b.html", true),
                ("/posts/b/", false),
                ("/posts/b/img.png", true),
                ("/posts/", true),
                ("/posts.html", true),
                ("/guides/g/", true),
                ("/guides/g.html", false),
                ("/guides/", true),
                ("/guides.html", false),
                ("/docs/d/", true),
                ("/docs/d.html", false),
            ],
        );
        assert_eq!(
            lazy.ugly_address("/posts/b/").as_deref(),
            Some("/posts/b.html")
        );
        // A link into a section the table does not name is looked up by
        // file name, without reading the whole site.
        let files = Arc::new(table(config));
        let lazy = Site::from_files("/site", files.clone());
        assert!(lazy.exists("/guides/g/") && lazy.ugly_address("/docs/d/").is_none());
        assert_eq!(files.whole_reads(), 0);
        // A table that names no section is none.
        let none = Site::from_files("/site", Arc::new(table("[uglyURLs]\nposts = false\n")));
        assert!(none.exists("/posts/x/") && !none.exists("/posts/x.html"));
    }

    /// A bundle's page in one of the site's languages is its `index` page
    /// too, so that the other files of its folder are resources; in a code
    /// the site has not (`index.old.md`, `index.fr.md` on a site without
    /// `fr`), it is a resource itself, as Hugo 0.111 and 0.168 read it.
    #[test]
    fn index_pages_in_a_language() {
        let site = |c: &str| ["en", "pt-br", "zh-hans"].contains(&c);
        for name in [
            "index.md",
            "index.en.md",
            "index.pt-br.html",
            "index.zh-hans.md",
        ] {
            assert!(is_index_page(Path::new(name), site), "{name}");
            assert!(is_index_page(Path::new(name), language_like), "{name}");
        }
        for name in [
            "index.txt",
            "index.en.txt",
            "index.draft.md",
            "indexes.md",
            "index.e.md",
        ] {
            assert!(!is_index_page(Path::new(name), site), "{name}");
            assert!(!is_index_page(Path::new(name), language_like), "{name}");
        }
        // Codes the site has not, which read as codes to a guess.
        for name in ["index.old.md", "index.fr.md"] {
            assert!(!is_index_page(Path::new(name), site), "{name}");
            assert!(is_index_page(Path::new(name), language_like), "{name}");
        }
        let leaf = |folder: &Path| folder == Path::new("posts/b");
        assert_eq!(
            leaf_bundle_of(Path::new("posts/b/index.en.md"), leaf, site),
            None
        );
        for name in ["notes.md", "index.old.md"] {
            assert_eq!(
                leaf_bundle_of(&Path::new("posts/b").join(name), leaf, site),
                Some(PathBuf::from("posts/b"))
            );
        }
    }

    /// Each site answers whether each path leads somewhere as said.
    fn exist_in(sites: &[&Site], cases: &[(&str, bool)]) {
        for site in sites {
            for &(path, there) in cases {
                assert_eq!(site.exists(path), there, "{path}");
            }
        }
    }

    /// The pages of a site of two languages where Hugo 0.111 and 0.168
    /// wrote them, whether the site is read at once or by file name.
    #[test]
    fn pages_of_other_languages_are_under_their_folder() {
        let page = |path: &str, front: &str| {
            (
                PathBuf::from(path),
                Some(format!("---\ntitle: T\n{front}---\n")),
            )
        };
        let files = || {
            MemoryFiles::new([
                (
                    PathBuf::from("hugo.toml"),
                    Some(
                        "defaultContentLanguage = 'fr'\ndisableLanguages = ['de']\n\
                         [frontmatter]\ndate = [':filename']\n\
                         [languages.fr]\n[languages.en]\n[languages.es]\ncontentDir = 'content/es'\n\
                         [languages.de]\n[languages.it]\ndisabled = true\n"
                            .to_string(),
                    ),
                ),
                page("content/posts/2025-01-01-cible.md", ""),
                page("content/posts/2025-01-01-cible.en.md", ""),
                page("content/posts/2025-01-02-seul.en.md", "aliases: [/ancien/]\n"),
                page("content/posts/2025-01-03-adresse.en.md", "url: /adresse/\n"),
                page("content/posts/2025-01-04-b/index.en.md", ""),
                page("content/posts/2025-01-04-b/index.md", ""),
                page("content/posts/2025-01-05-v1.2.md", ""),
                page("content/posts/2025-01-06-w1.2.en.md", ""),
                page(
                    "content/posts/2025-01-07-rel.en.md",
                    "url: relatif/\naliases: [vieux, /racine/]\n",
                ),
                page("content/guides/plan.md", ""),
                page("content/blog/_index.en.md", ""),
                page("content/misc/m1.en.md", ""),
                page("content/es/posts/hola.md", ""),
                page("content/posts/2025-01-01-cible.de.md", ""),
                page("content/posts/2025-01-01-cible.it.md", ""),
            ])
        };
        let whole = Site::read_whole("/site", &files());
        let lazy = Site::from_files("/site", Arc::new(files()));
        exist_in(
            &[&whole, &lazy],
            &[
                ("/posts/cible/", true),
                ("/en/posts/cible/", true),
                ("/fr/posts/cible/", false),
                ("/posts/seul/", false),
                ("/en/posts/seul/", true),
                // An alias: under the language's folder in 0.168, not in 0.111.
                ("/ancien/", true),
                ("/en/ancien/", true),
                // A `url` is not under it.
                ("/adresse/", true),
                ("/en/adresse/", false),
                ("/posts/b/", true),
                ("/en/posts/b/", true),
                ("/es/posts/hola/", true),
                ("/es/hola/", false),
                ("/posts/v1/", true),
                ("/posts/v1.2/", false),
                ("/en/posts/w1/", true),
                ("/en/posts/w1.2/", false),
                // A `url` or an alias written without a leading `/`: under the
                // language's folder only; the alias beside the page's
                // address, the `url`'s here.
                ("/en/relatif/", true),
                ("/relatif/", false),
                ("/en/vieux/", true),
                ("/en/posts/vieux/", false),
                ("/posts/vieux/", false),
                ("/racine/", true),
                ("/en/racine/", true),
                // Each language's home, feed and sitemap; its sections.
                ("/en/", true),
                ("/fr/", true),
                ("/it/", false),
                ("/en/index.xml", true),
                ("/en/sitemap.xml", true),
                ("/en/posts/", true),
                ("/en/guides/", false),
                // A section of one language's `_index`, with its feed; the
                // default language's home redirects to `/`: no feed.
                ("/en/blog/index.xml", true),
                ("/en/misc/", true),
                ("/misc/", false),
                ("/fr/index.xml", false),
                ("/fr/sitemap.xml", true),
                ("/index.xml", true),
                // Languages Hugo does not build.
                ("/de/posts/cible/", false),
                ("/de/", false),
                ("/it/posts/cible/", false),
                ("/it/", false),
            ],
        );
        // A page under a language's folder is found by its file's name, as
        // in the default language: the whole site is not read for it.
        let files = Arc::new(files());
        let by_name = Site::from_files("/site", files.clone());
        for path in [
            "/en/posts/cible/",
            "/en/posts/seul/",
            "/en/posts/b/",
            "/es/posts/hola/",
        ] {
            assert!(by_name.exists(path), "{path}");
        }
        assert_eq!(files.whole_reads(), 0);
        // `ref` reads a path in the language of the page it is in, as
        // Hugo 0.111 and 0.168 resolve it: that language's page, or none.
        for (path, code, file) in [
            (
                "/posts/2025-01-01-cible.md",
                "en",
                Some("posts/2025-01-01-cible.en.md"),
            ),
            (
                "/posts/2025-01-01-cible",
                "fr",
                Some("posts/2025-01-01-cible.md"),
            ),
            (
                "/posts/2025-01-01-cible.en.md",
                "en",
                Some("posts/2025-01-01-cible.en.md"),
            ),
            (
                "/posts/2025-01-01-cible.en.md",
                "fr",
                Some("posts/2025-01-01-cible.md"),
            ),
            ("/posts/2025-01-05-v1.2.md", "en", None),
            ("/posts/2025-01-02-seul.md", "fr", None),
            (
                "/posts/2025-01-04-b",
                "en",
                Some("posts/2025-01-04-b/index.en.md"),
            ),
            ("/posts/hola.md", "es", Some("es/posts/hola.md")),
            ("/blog", "en", Some("blog/_index.en.md")),
            ("/blog", "fr", None),
        ] {
            for site in [&whole, &lazy] {
                assert_eq!(
                    site.content_page_in(path, Some(code)).map(|p| p.file),
                    file.map(PathBuf::from),
                    "{path} from {code}"
                );
            }
        }
        // Two files of the default language at one address: the one named
        // with its code is the page, read at once or by file name.
        for order in [["x.md", "x.en.md"], ["x.en.md", "x.md"]] {
            let both =
                || MemoryFiles::new(order.map(|name| page(&format!("content/posts/{name}"), "")));
            let whole = Site::read_whole("/site", &both());
            let lazy = Site::from_files("/site", Arc::new(both()));
            for site in [whole, lazy] {
                let found = site.page("/posts/x/").map(|p| p.file);
                assert_eq!(found, Some(PathBuf::from("posts/x.en.md")), "{order:?}");
            }
        }
        // A language's own `[permalinks]`, over the site's.
        let own = MemoryFiles::new([
            (
                PathBuf::from("hugo.toml"),
                Some(
                    "defaultContentLanguage = 'fr'\n[permalinks]\nposts = '/p/:slug/'\n\
                     [languages.fr]\n[languages.en.permalinks]\nposts = '/:year/:slug/'\n"
                        .to_string(),
                ),
            ),
            page("content/posts/x.md", "date: 2025-03-01\nslug: x\n"),
            page("content/posts/x.en.md", "date: 2025-03-01\nslug: x\n"),
        ]);
        let own = Site::read_whole("/site", &own);
        for (path, there) in [("/p/x/", true), ("/en/2025/x/", true), ("/en/p/x/", false)] {
            assert_eq!(own.exists(path), there, "{path}");
        }
    }

    /// `removePathAccents = true`: addresses from file paths and slugs lose
    /// their accents, not a `url` (as Hugo 0.111 and 0.168 wrote them).
    #[test]
    fn path_accents_removed_where_the_site_says() {
        let page = |path: &str, front: &str| {
            (
                PathBuf::from(path),
                Some(format!("---\ntitle: T\n{front}---\n")),
            )
        };
        let files = |config: &str| {
            MemoryFiles::new([
                (PathBuf::from("hugo.toml"), Some(config.to_string())),
                page("content/Mes Notes/L'été/2025-01-06-Écrit Ça.md", ""),
                page("content/posts/b.md", "slug: déjà-vu\n"),
                page("content/posts/c.md", "url: /café/\n"),
            ])
        };
        let config = "removePathAccents = true\n[frontmatter]\ndate = [':filename']\n";
        let site = Site::read_whole("/site", &files(config));
        exist_in(
            &[&site],
            &[
                ("/mes-notes/lete/ecrit-ca/", true),
                ("/mes-notes/lété/écrit-ça/", false),
                ("/mes-notes/", true),
                ("/posts/deja-vu/", true),
                ("/café/", true),
                ("/cafe/", false),
            ],
        );
        let kept = Site::read_whole("/site", &files("[frontmatter]\ndate = [':filename']\n"));
        exist_in(
            &[&kept],
            &[
                ("/mes-notes/lété/écrit-ça/", true),
                ("/mes-notes/lete/ecrit-ca/", false),
            ],
        );
    }

    /// Files are served from the folders `staticDir` names (in place of
    /// `static/`) and from the themes' `static/`, as Hugo 0.111 and 0.168
    /// publish them, whether the site is read at once or file by file.
    #[test]
    fn static_files_come_from_static_dirs_and_themes() {
        let file = |path: &str| (PathBuf::from(path), Some(String::new()));
        let files = || {
            MemoryFiles::new([
                (
                    PathBuf::from("hugo.toml"),
                    Some("theme = 't'\nstaticDir = ['autre', 'encore/']\n".to_string()),
                ),
                file("content/posts/x.md"),
                file("static/ignore.css"),
                file("autre/a.css"),
                file("encore/img/b.png"),
                file("themes/t/static/t.css"),
                file("themes/t/layouts/_default/single.html"),
            ])
        };
        let whole = Site::read_whole("/site", &files());
        let lazy = Site::from_files("/site", Arc::new(files()));
        exist_in(
            &[&whole, &lazy],
            &[
                ("/a.css", true),
                ("/img/b.png", true),
                ("/t.css", true),
                ("/ignore.css", false),
                ("/autre/a.css", false),
            ],
        );
        let one = MemoryFiles::new([
            (
                PathBuf::from("hugo.toml"),
                Some("staticDir = 'autre'\nstaticDir2 = 's2'\n".to_string()),
            ),
            file("autre/a.css"),
            file("static/s.css"),
            file("s2/b.css"),
        ]);
        let one = Site::read_whole("/site", &one);
        assert!(one.exists("/a.css"));
        assert!(one.exists("/b.css"));
        assert!(!one.exists("/s.css"));
    }

    /// An alias written without a leading `/` is under the folder of the
    /// page's address, as Hugo 0.111 and 0.168 publish it: a bundle's is
    /// beside the bundle, `..` goes up, never above the root.
    /// A relative link is read from the page's address, or from its
    /// folder when Hugo writes the page as a `.html` file; unless a link
    /// render hook may write it otherwise, or the address is not known.
    #[test]
    fn relative_links_are_read_from_the_page_s_address() {
        let site = |config: Option<&str>, more: &[(&str, &str)]| {
            let config = config.map(|c| (PathBuf::from("hugo.toml"), Some(c.to_string())));
            let more = more
                .iter()
                .map(|(p, t)| (PathBuf::from(p), Some(t.to_string())));
            Site::from_files(
                "/site",
                Arc::new(MemoryFiles::new(config.into_iter().chain(more))),
            )
        };
        let bases = |s: &Site, file: &str, front: &str| {
            let front = PageFront::of(&format!("---\ntitle: T\n{front}---\n"));
            s.relative_bases(Path::new(&format!("/site/content/{file}")), &front)
                .map(|bases| bases.into_iter().map(|b| b.folder).collect::<Vec<_>>())
        };
        let one = |folder: &str| Some(vec![folder.to_string()]);
        let dated = "[frontmatter]\ndate = [':filename', ':default']\n";
        let plain = site(Some(dated), &[]);
        for (file, front, folder) in [
            ("posts/2025-01-01-a.md", "", "/posts/a/"),
            ("posts/b/index.md", "", "/posts/b/"),
            ("posts/c.md", "slug: autre\n", "/posts/autre/"),
            ("posts/c.md", "url: /ailleurs/c.html\n", "/ailleurs/"),
            ("posts/c.md", "url: /ailleurs/c/\n", "/ailleurs/c/"),
            (
                "posts/c.md",
                "url: /ailleurs/c/index.html\n",
                "/ailleurs/c/",
            ),
        ] {
            assert_eq!(bases(&plain, file, front), one(folder), "{file} {front}");
        }
        // A server may serve `/ailleurs/c` as the folder or the file.
        assert_eq!(bases(&plain, "posts/c.md", "url: /ailleurs/c\n"), None);
        assert_eq!(bases(&plain, "../hors.md", ""), None);
        let ugly = site(Some(&format!("uglyURLs = true\n{dated}")), &[]);
        assert_eq!(bases(&ugly, "posts/2025-01-01-a.md", ""), one("/posts/"));
        // A leaf bundle's page too; by a table, in the sections it names.
        assert_eq!(bases(&ugly, "posts/b/index.md", ""), one("/posts/"));
        let table = site(Some(&format!("{dated}[uglyURLs]\nposts = true\n")), &[]);
        assert_eq!(bases(&table, "posts/2025-01-01-a.md", ""), one("/posts/"));
        assert_eq!(bases(&table, "posts/b/index.md", ""), one("/posts/"));
        assert_eq!(bases(&table, "guides/g.md", ""), one("/guides/g/"));
        // `[permalinks]`.
        let moved = site(Some("[permalinks]\nposts = '/:year/:slug/'\n"), &[]);
        assert_eq!(
            bases(&moved, "posts/a.md", "date: 2025-01-01\nslug: x\n"),
            one("/2025/x/")
        );
    }

    /// Whether a link's or an image's destination may be written otherwise
    /// than as is: a render hook of the site or a theme, layouts repere
    /// cannot all see, Hugo's own hook.
    #[test]
    fn render_hooks_may_rewrite_destinations() {
        let site = |config: Option<&str>, more: &[&str]| {
            let config = config.map(|c| (PathBuf::from("hugo.toml"), Some(c.to_string())));
            let more = more.iter().map(|p| {
                (
                    PathBuf::from(p),
                    Some("<a href=\"{{ .Destination }}\"></a>".to_string()),
                )
            });
            Site::from_files(
                "/site",
                Arc::new(MemoryFiles::new(config.into_iter().chain(more))),
            )
        };
        let rewrites = |s: &Site| (s.may_rewrite(false), s.may_rewrite(true));
        assert_eq!(rewrites(&site(Some("title = 'T'\n"), &[])), (false, false));
        for (hook, expected) in [
            ("layouts/_markup/render-link.html", (true, false)),
            ("layouts/_default/_markup/render-link.html", (true, false)),
            ("layouts/posts/_markup/render-link.rss.xml", (true, false)),
            (
                "themes/t/layouts/_default/_markup/render-link.html",
                (true, false),
            ),
            ("layouts/_default/_markup/render-image.html", (false, true)),
            (
                "layouts/_default/_markup/render-heading.html",
                (false, false),
            ),
            ("layouts/partials/render-link.html", (false, false)),
        ] {
            assert_eq!(
                rewrites(&site(Some("title = 'T'\n"), &[hook])),
                expected,
                "{hook}"
            );
        }
        // Layouts repere cannot all see: a theme named but absent, no
        // configuration at the root.
        assert_eq!(
            rewrites(&site(Some("theme = 'absent'\n"), &[])),
            (true, true)
        );
        assert_eq!(rewrites(&site(None, &[])), (true, true));
        // Hugo's own hooks: asked for, or on a site of several languages.
        let embedded = |config: &str| rewrites(&site(Some(config), &[]));
        let hooks = "[markup.goldmark.renderHooks]\n";
        assert_eq!(
            embedded(&format!("{hooks}link.enableDefault = true\n")),
            (true, false)
        );
        assert_eq!(
            embedded(&format!("{hooks}image.useEmbedded = 'fallback'\n")),
            (false, true)
        );
        assert_eq!(
            embedded(&format!("{hooks}link.useEmbedded = 'always'\n")),
            (true, false)
        );
        let languages = "[languages.fr]\n[languages.en]\n";
        assert_eq!(embedded(languages), (true, true));
        assert_eq!(
            embedded(&format!("{languages}{hooks}link.useEmbedded = 'never'\n")),
            (false, true)
        );
        assert_eq!(
            embedded(&format!(
                "{languages}[markup.goldmark]\nduplicateResourceFiles = true\n"
            )),
            (false, false)
        );
    }

    #[test]
    fn relative_aliases_are_under_the_page_folder() {
        let mut s = Site::new("/site");
        let aliased = |aliases: &str| format!("---\naliases: [{aliases}]\n---\n");
        s.add_content(
            Path::new("posts/2025-01-04-a.md"),
            aliased("ancien-a, x/y, /racine"),
        );
        s.add_content(Path::new("posts/sub/b.md"), aliased("ancien-b"));
        s.add_content(Path::new("posts/bund/index.md"), aliased("ancien-c"));
        s.add_content(Path::new("d.md"), aliased("ancien-d, ../../up-d, ./e/"));
        // Beside the page's address where `[permalinks]` or a `url` make it.
        s.add_content(
            Path::new("posts/f.md"),
            "---\nurl: /ailleurs/f/\naliases: [ancien-f]\n---\n".into(),
        );
        for path in [
            "/posts/ancien-a/",
            "/posts/x/y/",
            "/racine/",
            "/posts/sub/ancien-b/",
            "/posts/ancien-c/",
            "/ancien-d/",
            "/up-d/",
            "/e/",
            "/ailleurs/ancien-f/",
        ] {
            assert!(s.exists(path), "{path}");
        }
        for path in [
            "/ancien-a/",
            "/ancien-b/",
            "/posts/bund/ancien-c/",
            "/ancien-c/",
            "/posts/ancien-f/",
        ] {
            assert!(!s.exists(path), "{path}");
        }
    }

    /// Hugo makes the home page whether or not `content/_index.md` says
    /// anything of it, and writes each page to `index.html` under its
    /// address (`/index.html`, `/posts/x/index.html`), which a server gives.
    #[test]
    fn the_home_page_and_index_html_files_exist() {
        let mut without_home = Site::new("/site");
        without_home.add_content(Path::new("posts/2025-01-01-sans-slug.md"), String::new());
        for s in [site(), without_home] {
            for path in [
                "/",
                "",
                "/index.html",
                "/INDEX.HTML",
                "/posts/index.html",
                "/posts/sans-slug/index.html",
            ] {
                assert!(s.exists(path), "{path}");
            }
            assert_eq!(
                s.page("/posts/sans-slug/index.html").map(|p| p.file),
                Some(PathBuf::from("posts/2025-01-01-sans-slug.md"))
            );
            for path in [
                "/absent/index.html",
                "/posts/absent/index.html",
                "/posts/sans-slugindex.html",
                "/index.htm",
            ] {
                assert!(!s.exists(path), "{path}");
            }
        }
        // The lookup by file name says the same, without reading the
        // whole site for the home page.
        let files = Arc::new(MemoryFiles::new(vec![(
            PathBuf::from("content/posts/2025-01-01-sans-slug.md"),
            Some(String::new()),
        )]));
        let lazy = Site::from_files("/site", files.clone());
        assert!(lazy.exists("/") && lazy.exists("/index.html"));
        assert!(lazy.exists("/posts/sans-slug/index.html"));
        assert_eq!(files.whole_reads(), 0);
    }

    /// What Hugo generates besides pages: the sitemap, robots.txt, the
    /// feeds of the home page and of sections, and the pages of their lists.
    #[test]
    fn generated_outputs_exist() {
        let s = site();
        for path in [
            "/sitemap.xml",
            "/robots.txt",
            "/index.xml",
            "/posts/index.xml",
            "/le-role-du-cto/index.xml",
            "/guides/index.xml",
            "/posts/page/2/",
            "/posts/page/10",
            "/page/2/",
            "/le-role-du-cto/page/3/",
        ] {
            assert!(s.exists(path), "{path}");
        }
        for path in [
            "/absent/index.xml",
            // A folder without `_index.md` below the top is no section.
            "/guides/livre/index.xml",
            "/posts/sans-slug/index.xml",
            "/absent/page/2/",
            "/posts/page/0/",
            "/posts/page/deux/",
            "/posts/page/",
            "/posts/sans-slug/page/2/",
            "/posts/sitemap.xml",
        ] {
            assert!(!s.exists(path), "{path}");
        }
        // `/robots.txt` as the configuration says.
        let robots = |config: &str| {
            let files = MemoryFiles::new([(PathBuf::from("hugo.toml"), Some(config.to_string()))]);
            Site::read_whole("/site", &files).exists("/robots.txt")
        };
        assert!(!robots("title = 'T'\n"));
        assert!(robots("enableRobotsTXT = true\n"));
        let with_file = MemoryFiles::new([
            (PathBuf::from("hugo.toml"), Some(String::new())),
            (PathBuf::from("static/robots.txt"), Some(String::new())),
        ]);
        assert!(Site::read_whole("/site", &with_file).exists("/robots.txt"));
    }

    /// `ref "/"` is the home page, and a top-level folder the section
    /// page, with or without an `_index.md` or a final `/` (Hugo 0.111 and
    /// 0.168 resolve them); a folder below is not.
    #[test]
    fn ref_names_the_home_and_sections_by_folder() {
        let s = site();
        // With a content format's extension too (Hugo 0.111 and 0.168).
        for path in [
            "/",
            "",
            "/posts",
            "/posts/",
            "/guides/",
            "/le-role-du-cto",
            "/posts.md",
            "/posts.adoc",
        ] {
            assert!(s.content_page(path).is_some(), "{path}");
        }
        for path in ["/absent", "/absent/", "/guides/livre/", "/posts/absent/"] {
            assert!(s.content_page(path).is_none(), "{path}");
        }
    }

    /// `ref` names a page by its file under `content/`, with or without
    /// its extension; a bundle or a section by its folder.
    #[test]
    fn pages_by_their_content_path() {
        let s = site();
        for (path, file) in [
            (
                "/posts/2025-01-01-sans-slug.md",
                Some("posts/2025-01-01-sans-slug.md"),
            ),
            (
                "/posts/2025-01-02-fichier",
                Some("posts/2025-01-02-fichier.md"),
            ),
            (
                "posts/2025-01-02-fichier.md",
                Some("posts/2025-01-02-fichier.md"),
            ),
            ("/le-role-du-cto", Some("le-role-du-cto/_index.md")),
            (
                "/guides/livre/un chapitre",
                Some("guides/livre/Un Chapitre.md"),
            ),
            ("/posts/sans-slug", None),
            ("/posts/mon-slug", None),
            // Any page extension names the page, as with none.
            (
                "/posts/2025-01-01-sans-slug.html",
                Some("posts/2025-01-01-sans-slug.md"),
            ),
            (
                "/posts/2025-01-02-FICHIER.markdown",
                Some("posts/2025-01-02-fichier.md"),
            ),
            ("/le-role-du-cto.md", Some("le-role-du-cto/_index.md")),
            ("/posts/2025-01-01-sans-slug.txt", None),
            (
                "/posts/2025-01-01-sans-slug.adoc",
                Some("posts/2025-01-01-sans-slug.md"),
            ),
            // The home page, which no file needs to give.
            ("/", Some("")),
            ("/posts/../about.md", None),
        ] {
            assert_eq!(
                s.content_page(path).map(|p| p.file),
                file.map(PathBuf::from),
                "{path}"
            );
        }
        let files = MemoryFiles::new([(
            PathBuf::from("content/posts/2025-01-05-x/index.md"),
            Some("---\ndraft: true\n---\n".to_string()),
        )]);
        let lazy = Site::from_files("/site", Arc::new(files));
        let page = lazy.content_page("/posts/2025-01-05-x").unwrap();
        assert!(page.draft);
        assert_eq!(page.file, PathBuf::from("posts/2025-01-05-x/index.md"));
    }

    /// The fragments of a site's pages are read once, whatever the number
    /// of questions; a longer id is not the one asked for.
    #[test]
    fn pages_are_read_once_for_the_fragments_they_hold() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let mut s = site();
        let reads = Arc::new(AtomicUsize::new(0));
        let counted = reads.clone();
        s.read_pages_with(Arc::new(move |file: &Path| {
            counted.fetch_add(1, Ordering::Relaxed);
            Some(if file.ends_with("2025-01-02-fichier.md") {
                "Voir [là](/posts/sans-slug/#d%C3%A9but) et [ici](#erreurs-classiques).".to_string()
            } else {
                String::new()
            })
        }));
        let posts = Path::new("posts/2025-01-02-fichier.md");
        assert_eq!(s.page_mentioning("début").as_deref(), Some(posts));
        assert_eq!(
            s.page_mentioning("erreurs-classiques").as_deref(),
            Some(posts)
        );
        let after_one = reads.load(Ordering::Relaxed);
        assert!(after_one > 0);
        assert_eq!(s.page_mentioning("erreurs"), None);
        assert_eq!(s.page_mentioning("ailleurs"), None);
        assert_eq!(reads.load(Ordering::Relaxed), after_one);
        let ids: Vec<String> = fragments("a #x-1, b#é_2 (#) %").collect();
        assert_eq!(ids, ["x-1", "é_2"]);
    }

    #[test]
    fn anchors_like_hugo() {
        let s = site();
        let p = s.page("/posts/sans-slug/").unwrap();
        assert_eq!(
            s.anchors(&p).unwrap()[..],
            ["le-réel-sans-filtre", "le-réel-sans-filtre-1"]
        );
        let p = s.page("/posts/mon-slug/").unwrap();
        assert_eq!(s.anchors(&p).unwrap()[..], ["perso"]);
        assert_eq!(
            anchor_id(" Cadre de décision : 3 principes "),
            "cadre-de-décision--3-principes"
        );
        assert_eq!(anchor_id("`code` et **gras**"), "code-et-gras");
        assert_eq!(anchor_id("ÉTÉ_2024 İ ǅ Σ"), "été_2024-i-ǆ-σ");
        // Go's letters and digits: not `²`, `½`, `Ⅻ`, `①`; a tab is dropped.
        assert_eq!(anchor_id("Prix au m² ½ Ⅻ ①\tfin"), "prix-au-m---fin");
        // A heading written on two lines (setext): goldmark reads the last.
        assert_eq!(anchor_id("Le réel\n(sans filtre)"), "sans-filtre");
        let ids = |text: &str| anchors(&Document::parse("a.md", text.to_string()));
        assert_eq!(ids("Le réel\n(sans filtre)\n---\n"), ["sans-filtre"]);
        assert_eq!(ids("Un titre\r\nsur deux\r\n===\r\n"), ["sur-deux"]);
        assert_eq!(ids("> Cité\n> sur deux\n> ---\n"), ["sur-deux"]);
        assert_eq!(ids("> Cité seul\n> ---\n"), ["cité-seul"]);
    }

    /// The ids Hugo 0.111 and 0.168 wrote for these headings with each
    /// `autoHeadingIDType`, and with `autoHeadingID = false` (only the one
    /// written); github-ascii as github, from the source before 0.168 and
    /// the inline content after, both taken.
    #[test]
    fn heading_id_styles_are_hugos() {
        let doc = Document::parse(
            "a.md",
            "## Ça & là\n\n## Été 2024 : bilan\n\n## L'équipe — le rôle\n\n## Prix au m² ½\n\n\
             ## _emph_ test\n\n## Multiple   spaces -- tiret\n\n## Ça & là\n\n## Straße Ærø œuvre\n\n\
             ## Écrit {#perso}\n"
                .to_string(),
        );
        let ascii = anchors_in(&doc, IdKind::GithubAscii);
        for id in [
            "ca--la",
            "ete-2024--bilan",
            "lequipe--le-role",
            "prix-au-m-",
            "_emph_-test",
            "emph-test",
            "multiple---spaces----tiret",
            "multiple---spaces--tiret",
            "ca--la-1",
            "strae-r-uvre",
            "perso",
        ] {
            assert!(ascii.contains(&id.to_string()), "{id}: {ascii:?}");
        }
        assert_eq!(
            anchors_in(&doc, IdKind::Blackfriday),
            [
                "ça-là",
                "été-2024-bilan",
                "l-équipe-le-rôle",
                "prix-au-m²-½",
                "emph-test",
                "multiple-spaces-tiret",
                "ça-là-1",
                "straße-ærø-œuvre",
                "perso"
            ]
        );
        assert_eq!(anchors_in(&doc, IdKind::Off), ["perso"]);
        // From the source, entities as written; `İ` lowered as Go does.
        let doc = Document::parse(
            "b.md",
            "## Entité num &#233;t&#233;\n\n## İstanbul ǅ\n".into(),
        );
        assert_eq!(
            anchors_in(&doc, IdKind::Blackfriday),
            ["entité-num-233-t-233", "istanbul-ǆ"]
        );
        // The site's configuration says which.
        let style = |config: &str| hugo::id_style(&[hugo::ConfigFile::new("hugo.toml", config)]);
        assert_eq!(style(""), IdKind::Github.into());
        assert_eq!(
            style("[markup.goldmark.parser]\nautoHeadingIDType = 'github-ascii'\n"),
            IdKind::GithubAscii.into()
        );
        assert_eq!(
            style("[markup.goldmark.parser]\nautoHeadingIDType = 'blackfriday'\n"),
            IdKind::Blackfriday.into()
        );
        assert_eq!(
            style(
                "[markup.goldmark.parser]\nautoHeadingID = false\nautoHeadingIDType = 'blackfriday'\n"
            ),
            IdKind::Off.into()
        );
        let text = style("[markup.goldmark.parser.attribute]\ntitle = false\n");
        assert_eq!(
            text,
            IdStyle {
                kind: IdKind::Github,
                attributes: false
            }
        );
        // Attribute blocks left as text make part of the ids, as Hugo
        // 0.111 and 0.168 both wrote them; none is an id of its own.
        let doc = Document::parse(
            "c.md",
            "## Titre perso {#perso}\n\n## Titre classe {.important}\n\n\
             ## **Gras** {#mixte .cls}\n\n## Sans bloc\n\n## Titre {#a} ##\n"
                .into(),
        );
        let ids = anchors_in(&doc, text);
        for id in [
            "titre-perso-perso",
            "titre-classe-important",
            "gras-mixte-cls",
            "sans-bloc",
            "titre-a",
        ] {
            assert!(ids.contains(&id.to_string()), "{id}: {ids:?}");
        }
        for id in ["perso", "titre-perso", "titre-classe", "mixte"] {
            assert!(!ids.contains(&id.to_string()), "{id}: {ids:?}");
        }
        assert!(
            anchors_in(
                &doc,
                IdStyle {
                    kind: IdKind::Off,
                    attributes: false
                }
            )
            .is_empty()
        );
    }

    /// Footnotes' ids as Hugo 0.111 and 0.168 both wrote them for this
    /// text: numbered in the order of their first call, `fnref1:` for a
    /// second call, none for a definition never called or a call in
    /// another case (goldmark matches labels as written).
    #[test]
    fn footnote_ids_are_goldmarks() {
        let doc = Document::parse(
            "a.md",
            "Texte[^b] et encore[^a] puis[^b] et[^1], [^B].\n\n\
             [^a]: Note a.\n[^b]: Note b.\n[^1]: Note un.\n[^z]: Jamais appelée.\n"
                .to_string(),
        );
        assert_eq!(
            footnote_ids(&doc),
            [
                "fnref:1", "fnref:2", "fnref1:1", "fnref:3", "fn:1", "fn:2", "fn:3"
            ]
        );
        assert!(
            page_anchors(&doc, false, IdKind::Github)
                .0
                .contains(&"fn:3".to_string())
        );
        assert!(footnote_ids(&Document::parse("b.md", "Sans note.\n".into())).is_empty());
    }

    /// The id the `{…}` ending `heading` sets (see [`attribute_list`]).
    fn attribute_id(heading: &str) -> Option<&str> {
        let body = heading.trim_end().strip_suffix('}')?;
        attribute_list(&body[body.rfind('{')? + 1..]).flatten()
    }

    /// A heading's attribute block sets its id as goldmark reads it: the
    /// ids Hugo 0.111 and 0.168 both wrote for these headings.
    #[test]
    fn attribute_blocks_set_ids_as_goldmark_reads_them() {
        let ids = |text: &str| anchors(&Document::parse("a.md", format!("{text}\n")));
        for (heading, id) in [
            ("## Fin {id=\"attr-id\"}", "attr-id"),
            ("## Attr {class=\"c\" id=autre-attr}", "autre-attr"),
            ("## Both {#a1 id=\"b1\"}", "b1"),
            ("## Both2 {id=\"b2\" #a2}", "a2"),
            ("## Space { id=\"sp\" }", "sp"),
            ("## Class only {.cls}", "class-only"),
            ("## Classe d'abord {.c #x}", "x"),
            ("## Accent {id=\"été\"}", "été"),
            ("## Two {id=x id=y}", "y"),
            ("## Perso {#perso}", "perso"),
        ] {
            assert_eq!(ids(heading), [id], "{heading}");
        }
        assert_eq!(attribute_id("## Empty {id=\"\"}"), Some(""));
        // Single quotes, a bare word, an unclosed quote: no attribute.
        for heading in ["## S {id='sq'}", "## Code {x}", "## Q {id=\"x}"] {
            assert_eq!(attribute_id(heading), None, "{heading}");
        }
        // A block that is no attributes (escaped, not a valid list) is
        // text, in the id; one under a setext heading sets its id (as Hugo
        // 0.111 and 0.168 wrote them).
        for (heading, id) in [
            ("## Echap \\{#esc}", "echap-esc"),
            ("## Accol {a}{b}", "accol-ab"),
            ("## Code {x}", "code-x"),
            ("Setext {#st}\n-----", "st"),
            ("Setext {b}\n-----", "setext-b"),
            ("## Dièse # {#d}", "d"),
        ] {
            assert_eq!(ids(heading), [id], "{heading}");
        }
        // Attribute blocks as text: after closing `#`s too.
        let doc = Document::parse("b.md", "## Dièse # {#d}\n".into());
        let text = IdStyle {
            kind: IdKind::Github,
            attributes: false,
        };
        assert_eq!(anchors_in(&doc, text), ["dièse--d"]);
    }

    /// Hugo 0.168 (goldmark v2) names a heading by its inline content; the
    /// ids below are the ones it wrote for these headings. Hugo 0.111 named
    /// them by their source (the first id of each pair), which is kept.
    #[test]
    fn anchors_of_recent_hugo_from_the_inline_content() {
        let ids = |text: &str| anchors(&Document::parse("a.md", format!("{text}\n")));
        for (heading, old, new) in [
            (
                "## _Erreurs classiques_",
                "_erreurs-classiques_",
                "erreurs-classiques",
            ),
            ("## Un [lien](/x/) ici", "un-lienx-ici", "un-lien-ici"),
            ("## A_b_c et __d__", "a_b_c-et-__d__", "a_b_c-et-d"),
            (
                "## Repères clairs<sup>1</sup>",
                "repères-clairssup1sup",
                "repères-clairs1",
            ),
            ("## R&amp;D et Q&A", "rampd-et-qa", "rd-et-qa"),
            (
                "## Avec ![image](/a.png) dedans",
                "avec-imageapng-dedans",
                "avec-image-dedans",
            ),
            (
                "## Un lien <https://exemple.fr/p> ici",
                "un-lien-httpsexemplefrp-ici",
                "un-lien--ici",
            ),
            (
                "## Avant -- après --- fin",
                "avant----après-----fin",
                "avant--après--fin",
            ),
            (
                "## Titre[^1] avec note\n\n[^1]: n",
                "titre1-avec-note",
                "titre-avec-note",
            ),
            // Of an inline element, its first child only, up to what the
            // typographer changes.
            (
                "## *voir [lien](/y/) ici* fin",
                "voir-lieny-ici-fin",
                "voir--fin",
            ),
            (
                "## [![img](/a.png)](/b/) après",
                "imgapngb-après",
                "img-après",
            ),
            ("## [a **b** c](/x/)", "a-b-cx", "a"),
            ("## *L'équipe* ok", "léquipe-ok", "l-ok"),
            ("## _a -- b_", "_a----b_", "a"),
            ("## *a\\*b*", "ab", "ab"),
            ("## `a -- b` et l'été", "a----b-et-lété", "a----b-et-lété"),
        ] {
            let both: &[&str] = if old == new { &[old] } else { &[old, new] };
            assert_eq!(ids(heading), both, "{heading}");
        }
        // Setext: the last line, as before.
        assert_eq!(ids("Titre *setext* un\ndeux `trois`\n---"), ["deux-trois"]);
        // Each list is numbered on its own.
        assert_eq!(
            ids("## _A_\n\n## A\n\n## _A_"),
            ["_a_", "a", "_a_-1", "a-1", "a-2"]
        );
    }

    proptest::proptest! {
        /// Character by character, as the rule it implements is written.
        #[test]
        fn anchor_ids_keep_letters_digits_and_underscores_lowercased(
            text in "\\PC{0,12}([ a-zA-Z0-9_É-]{0,8}[éÉİǅΣ#:.’ ]{0,3}){0,4}"
        ) {
            let reference: String = text
                .trim()
                .chars()
                .filter_map(|c| match c {
                    '-' | ' ' => Some('-'),
                    'İ' => Some('i'),
                    c if c == '_' || (c.is_alphanumeric() && !number_form(c)) => Some(c),
                    _ => None,
                })
                .flat_map(char::to_lowercase)
                .collect();
            proptest::prop_assert_eq!(anchor_id(&text), reference);
        }
    }

    /// A repeated id takes the first free suffix, as goldmark does (it
    /// tries `-1`, `-2`, … against every id given so far).
    #[test]
    fn repeated_ids_take_the_first_free_suffix() {
        let ids = |text: &str| anchors(&Document::parse("a.md", text.to_string()));
        assert_eq!(
            ids("## A-1\n## A\n## A\n## A\n## A-2\n"),
            ["a-1", "a", "a-2", "a-3", "a-2-1"]
        );
        assert_eq!(
            ids("## A\n## A\n## A-1\n## A\n"),
            ["a", "a-1", "a-1-1", "a-2"]
        );
        assert_eq!(ids("##\n## {#x}\n##  \n"), ["heading", "x", "heading-1"]);
        // Headings in a list item or blockquote have ids too, numbered in
        // the order of the file.
        assert_eq!(
            ids("## A\n\n- ## A\n\n> ### A\n\n## A\n\n- ## Étape {#e}\n"),
            ["a", "a-1", "a-2", "a-3", "e"]
        );
    }

    /// Pages added from their front matter have the addresses of pages added
    /// whole; their headings are read once, when first asked for, and a
    /// page that cannot be read any more has no known anchors.
    #[test]
    fn pages_read_on_first_need() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let texts: HashMap<PathBuf, String> = [
            (
                "posts/2025-01-02-fichier.md",
                "---\nslug: mon-slug\naliases: [/ancien/]\n---\n## Titre {#perso}\n## Suite\n",
            ),
            ("posts/2025-01-03-sans-slug.md", "## Le réel\n"),
        ]
        .into_iter()
        .map(|(p, t)| (PathBuf::from(p), t.to_string()))
        .collect();
        let reads = Arc::new(AtomicUsize::new(0));
        let mut s = Site::new("/site");
        for (rel, text) in &texts {
            s.add_page(rel, &PageFront::of(text));
        }
        s.add_page(
            Path::new("posts/2025-01-04-parti.md"),
            &PageFront::of("## Disparu\n"),
        );
        let counter = reads.clone();
        s.read_pages_with(Arc::new(move |rel: &Path| {
            counter.fetch_add(1, Ordering::SeqCst);
            texts.get(rel).cloned()
        }));
        for path in [
            "/posts/mon-slug/",
            "/ancien/",
            "/posts/sans-slug/",
            "/posts/parti/",
        ] {
            assert!(s.exists(path), "{path}");
        }
        assert!(!s.exists("/posts/fichier/"));
        assert_eq!(
            reads.load(Ordering::SeqCst),
            0,
            "nothing read before a link asks"
        );
        let page = s.page("/posts/mon-slug/").unwrap();
        assert_eq!(s.anchors(&page).unwrap()[..], ["perso", "suite"]);
        let alias = s.page("/ancien/").unwrap();
        assert_eq!(s.anchors(&alias).unwrap()[..], ["perso", "suite"]);
        assert_eq!(
            reads.load(Ordering::SeqCst),
            1,
            "one read for a page and its aliases"
        );
        let gone = s.page("/posts/parti/").unwrap();
        assert_eq!(s.anchors(&gone), None);
        // A page added whole needs no reader.
        let mut whole = Site::new("/site");
        whole.add_content(Path::new("a.md"), "## Un\n".into());
        assert_eq!(
            whole.anchors(&whole.page("/a/").unwrap()).unwrap()[..],
            ["un"]
        );
    }

    /// A page's publish date is Hugo's first of `publishDate`, `pubdate`,
    /// `published` and `date` (any case), read whole or from its lines;
    /// its expiry date, of `expiryDate` and `unpublishdate`.
    #[test]
    fn publish_dates_are_known() {
        let site = Site::new("/site");
        let publish = |page: Page| site.publish_day(&page.days, &page.file).day();
        for (front, day) in [
            ("date: 2025-03-10\n", Some(20250310)),
            ("date: 2025-03-10T23:30:00-05:00\n", Some(20250310)),
            ("Date: '2025-03-10 08:00:00'\n", Some(20250310)),
            ("Date: '2025-03-10 08:00'\n", None),
            (
                "date: 2025-03-10\npublishDate: 2999-01-02\n",
                Some(29990102),
            ),
            ("pubdate: 2999-01-03\ndate: 2025-03-10\n", Some(29990103)),
            ("published: 2999-01-04\ndate: 2025-03-10\n", Some(29990104)),
            ("date: 2025-02-30\n", None),
            ("date: demain\n", None),
            ("title: x\n", None),
        ] {
            let text = format!("---\n{front}---\n");
            let page = Page::of(Path::new("p.md"), &PageFront::of(&text));
            assert_eq!(publish(page), day, "{front}");
            let whole = front_matter::split(&text).0.unwrap();
            let read = PageFront::from_root(whole.root());
            assert_eq!(publish(Page::of(Path::new("p.md"), &read)), day, "{front}");
        }
        for (front, day) in [
            (
                "expiryDate: 2001-02-03
",
                Some(20010203),
            ),
            (
                "ExpiryDate: '2001-02-03T10:00:00Z'
",
                Some(20010203),
            ),
            (
                "unpublishdate: 2001-02-04
expirydate: 2001-02-03
",
                Some(20010203),
            ),
            (
                "unpublishDate: 2001-02-04
",
                Some(20010204),
            ),
            (
                "date: 2001-02-04
",
                None,
            ),
        ] {
            let text = format!("---\n{front}---\n");
            for front in [
                PageFront::of(&text),
                PageFront::from_root(front_matter::split(&text).0.unwrap().root()),
            ] {
                let page = Page::of(Path::new("p.md"), &front);
                assert_eq!(site.expiry_day(&page.days, &page.file).day(), day, "{text}");
            }
        }
    }

    /// A date, or a date-time Hugo reads; not a date followed by anything
    /// else, nor a time Hugo fails on (no seconds, a lowercase `t`, a
    /// zone without its minutes, a leap second).
    #[test]
    fn days_of_dates_and_date_times() {
        for (text, day) in [
            ("2025-03-10", Some(20250310)),
            (" 2025-03-10 ", Some(20250310)),
            ("2025-03-10T08:00:00Z", Some(20250310)),
            ("2025-03-10T23:59:59.125+01:00", Some(20250310)),
            ("2025-03-10 08:00:00 -0500", Some(20250310)),
            ("2025-03-10T08:00", None),
            ("2025-03-10 08:00", None),
            ("2025-03-10t08:00:00", None),
            ("2025-03-10T23:59:60", None),
            ("2025-03-10T08:00:00+01", None),
            ("2025-03-10 08:00:00.5 +0100 CET", Some(20250310)),
            ("2025-03-10 08:00:00 +0100 C3T", None),
            ("2025-03-10 08:00:00 +0100 CET 2", None),
            ("2025-03-10xyz", None),
            ("2025-03-10T99:99:99", None),
            ("2025-03-10T08", None),
            ("2025-03-10T08:00:00.", None),
            ("2025-03-10T08:00:00+1", None),
            ("2025-03-10T08:00:00+01:0", None),
            ("2025-03-10T08:00:00+01:61", None),
            ("2025-03-10T08:00:00 Z", None),
            ("2025-02-30", None),
            ("2025-3-10", None),
            ("10/03/2025", None),
            ("2025-03-1é", None),
        ] {
            assert_eq!(day_number(text), day, "{text}");
        }
    }

    #[test]
    fn days_from_the_epoch() {
        assert_eq!(civil_day(0), 19700101);
        assert_eq!(civil_day(59), 19700301);
        assert_eq!(civil_day(11_016), 20000229);
        assert_eq!(civil_day(19_723), 20240101);
        assert_eq!(civil_day(20_513), 20260301);
        for days in [0, 59, 11_016, 19_723, 20_513, 36_524] {
            assert_eq!(days_from_civil(civil_day(days)), Some(days as i64));
        }
        assert_eq!(days_from_civil(20251301), None);
        assert!(latest_today() > 20260101);
        assert!(earliest_today() < latest_today());
    }

    /// The days of a front matter setting only `key` to `day` (20250310).
    fn dated(key: &str, day: Option<u32>) -> FrontDays {
        FrontDays(dates::DATE_KEYS.map(|k| match day {
            Some(d) if k == key => dates::Held::On(d),
            _ => dates::Held::Unset,
        }))
    }

    /// A linking page's date, from its day.
    fn from(day: Option<u32>) -> DateOf {
        day.map_or(DateOf::None, |d| DateOf::On(d, Said::Key("date")))
    }

    /// A page that expired before the earliest day it may be anywhere is
    /// no longer built, unless the linking page expires first; nothing is
    /// said when either day is not known.
    #[test]
    fn pages_expired_before_today_are_not_built() {
        let mut site = Site::new("/site");
        let page = |day: Option<u32>| Page {
            days: dated("expirydate", day),
            ..Page::new(Path::new("p.md"))
        };
        let on =
            |site: &Site, day, linking| site.expired_on(&page(day), from(linking)).map(|(d, _)| d);
        assert_eq!(on(&site, Some(20010101), None), None);
        site.set_earliest_today(Some(20261206));
        assert_eq!(on(&site, Some(20261205), None), Some(20261205));
        assert_eq!(
            site.expired_on(&page(Some(20261205)), DateOf::None),
            Some((20261205, Said::Key("expirydate")))
        );
        assert_eq!(on(&site, Some(20261206), None), None);
        assert_eq!(on(&site, None, None), None);
        assert_eq!(on(&site, Some(20261201), Some(20261202)), Some(20261201));
        assert_eq!(on(&site, Some(20261201), Some(20261201)), None);
        assert_eq!(on(&site, Some(20261201), Some(20261130)), None);
        assert_eq!(
            site.expired_on(&page(Some(20261201)), DateOf::Unknown),
            None
        );
    }

    /// A page dated after today is unpublished until its day, unless the
    /// linking page is dated that day or later; nothing is said when
    /// either day is not known.
    #[test]
    fn pages_dated_after_today_are_not_published_yet() {
        let mut site = Site::new("/site");
        let page = |day: Option<u32>| Page {
            days: dated("date", day),
            ..Page::new(Path::new("p.md"))
        };
        let until = |site: &Site, day, linking| site.unpublished_until(&page(day), from(linking));
        assert_eq!(until(&site, Some(29990101), None), None);
        site.set_today(Some(20261206));
        assert_eq!(until(&site, Some(20261207), None), Some(20261207));
        assert_eq!(until(&site, Some(20261206), None), None);
        assert_eq!(until(&site, None, None), None);
        assert_eq!(until(&site, Some(20261210), Some(20261209)), Some(20261210));
        assert_eq!(until(&site, Some(20261210), Some(20261210)), None);
        assert_eq!(
            site.unpublished_until(&page(Some(20261210)), DateOf::Unknown),
            None
        );
    }

    /// A page whose front matter says `draft: true` (any way it is
    /// written) is known as a draft, read whole or from its front matter's
    /// lines, and never suggested.
    #[test]
    fn drafts_are_known() {
        for (front, draft) in [
            ("draft: true\n", true),
            ("draft: True # pas encore\n", true),
            ("draft: \"true\"\n", true),
            ("draft: 1\n", true),
            ("draft: false\n", false),
            ("draft: null\n", false),
            ("title: x\n", false),
            ("draft: [true]\n", false),
            // Hugo reads keys whatever their case.
            ("Draft: true\n", true),
            ("DRAFT: \"true\"\n", true),
            ("Draft: [true]\n", false),
        ] {
            let text = format!("---\n{front}---\n## A\n");
            assert_eq!(PageFront::of(&text).draft, draft, "{front}");
            let mut s = Site::new("/site");
            s.add_content(Path::new("posts/2025-01-01-brouillon.md"), text.clone());
            s.add_page(Path::new("posts/2025-01-02-lu.md"), &PageFront::of(&text));
            for asked in ["/posts/brouillon/", "/posts/lu/"] {
                assert_eq!(
                    s.page(asked).map(|p| p.draft),
                    Some(draft),
                    "{front} {asked}"
                );
            }
            let suggested = s.suggest_page("/posts/", "brouilon");
            assert_eq!(suggested.is_none(), draft, "{front}");
        }
        let toml = "+++\ntitle = 'x'\ndraft = true\n+++\n";
        assert!(PageFront::of(toml).draft);
        // Read from the site's files: whole, or by file name.
        let files = || {
            MemoryFiles::new([(
                PathBuf::from("content/posts/2025-01-01-brouillon.md"),
                Some("---\ndraft: true\n---\n".to_string()),
            )])
        };
        let whole = Site::read_whole("/site", &files());
        let lazy = Site::from_files("/site", Arc::new(files()));
        for s in [whole, lazy] {
            assert_eq!(s.page("/posts/brouillon/").map(|p| p.draft), Some(true));
            assert_eq!(s.suggest_page("/posts/", "brouilon"), None);
        }
    }

    #[test]
    fn slugs_from_file_names() {
        assert_eq!(slug_from_file_name("2025-02-07-mon-article"), "mon-article");
        assert_eq!(slug_from_file_name("2025-02-07"), "2025-02-07");
        assert_eq!(slug_from_file_name("é"), "é");
    }
}
