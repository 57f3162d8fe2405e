//! What a site's Hugo configuration says of its addresses: whether the date
//! that starts a file name (`2025-02-10-creme-anglaise.md`) is part of the
//! page's address.
//!
//! Hugo keeps it by default (`/recettes/2025-02-10-creme-anglaise/`). It
//! drops it when it takes the page's date from the file name: when a date
//! setting of `[frontmatter]` lists `:filename` first
//! (`date = [":filename", ":default"]`), as the career blog does. Listed
//! after other sources (`date = ["date", ":filename"]`), `:filename` gives
//! the date only to pages the sources before it give none, so a page's
//! address depends on its front matter: both addresses are then accepted.
//! A site without a configuration repere can read is taken to drop it, as
//! that blog's conventions say.
//!
//! It also says where the site is published: its `baseURL`
//! (`https://www.repere-carriere.fr/`), whose host is the site's own (see
//! [`base_urls`]).

use super::dates::DateSources;
use crate::yaml::{Node, Value};
use std::path::{Path, PathBuf};

/// Hugo's root configuration files, relative to the site's root: it reads
/// the first that exists.
pub const ROOT_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
];

/// The files of Hugo's configuration folder that may hold `[frontmatter]`,
/// `[markup]`, `[permalinks]` or `[languages]`: Hugo merges them with the
/// root file. `frontmatter.*`, `markup.*`, `permalinks.*` and
/// `languages.*` hold their table alone.
pub const FOLDER_FILES: &[&str] = &[
    "config/_default/frontmatter.toml",
    "config/_default/frontmatter.yaml",
    "config/_default/frontmatter.yml",
    "config/_default/frontmatter.json",
    "config/_default/hugo.toml",
    "config/_default/hugo.yaml",
    "config/_default/hugo.yml",
    "config/_default/hugo.json",
    "config/_default/config.toml",
    "config/_default/config.yaml",
    "config/_default/config.yml",
    "config/_default/config.json",
    "config/_default/markup.toml",
    "config/_default/markup.yaml",
    "config/_default/markup.yml",
    "config/_default/markup.json",
    "config/_default/permalinks.toml",
    "config/_default/permalinks.yaml",
    "config/_default/permalinks.yml",
    "config/_default/permalinks.json",
    "config/_default/languages.toml",
    "config/_default/languages.yaml",
    "config/_default/languages.yml",
    "config/_default/languages.json",
];

/// The files of the production environment's configuration, which `hugo`
/// merges over `config/_default/` when it builds the published site: where
/// a site often sets its `baseURL`. Only their `baseURL` (see
/// [`base_urls`]) and goldmark's `unsafe` (see [`renders_html`]) are read;
/// `markup.*` holds the `[markup]` table alone.
pub const PRODUCTION_FILES: &[&str] = &[
    "config/production/hugo.toml",
    "config/production/hugo.yaml",
    "config/production/hugo.yml",
    "config/production/hugo.json",
    "config/production/config.toml",
    "config/production/config.yaml",
    "config/production/config.yml",
    "config/production/config.json",
    "config/production/markup.toml",
    "config/production/markup.yaml",
    "config/production/markup.yml",
    "config/production/markup.json",
    "config/production/permalinks.toml",
    "config/production/permalinks.yaml",
    "config/production/permalinks.yml",
    "config/production/permalinks.json",
];

/// The configuration files Hugo reads, as (name, text): the first of
/// [`ROOT_FILES`] that `exists`, then each of [`FOLDER_FILES`] and
/// [`PRODUCTION_FILES`] that does; a file `read` gives no text for
/// (unreadable, too large) is left out.
pub fn configs(
    exists: impl Fn(&str) -> bool,
    read: impl Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    let root = ROOT_FILES.iter().find(|name| exists(name));
    root.into_iter()
        .chain(
            FOLDER_FILES
                .iter()
                .chain(PRODUCTION_FILES)
                .filter(|name| exists(name)),
        )
        .filter_map(|name| Some((name.to_string(), read(name)?)))
        .collect()
}

/// A configuration file of the site, read once (each setting is looked up
/// in the same tree): its name, as [`configs`] gives it, and its root,
/// `None` when it cannot be read as its format, `Some(None)` when empty.
#[derive(Debug, Clone)]
pub struct ConfigFile {
    pub name: String,
    root: Option<Option<Node>>,
}

impl ConfigFile {
    pub fn new(name: impl Into<String>, text: &str) -> ConfigFile {
        let name = name.into();
        let root = root_of(&name, text);
        ConfigFile { name, root }
    }

    /// Its root mapping, when it can be read and is not empty.
    fn root(&self) -> Option<&Node> {
        self.root.as_ref()?.as_ref()
    }

    /// Its root: `None` when it cannot be read as its format, `Some(None)`
    /// when it is empty.
    pub(super) fn read(&self) -> Option<Option<&Node>> {
        Some(self.root.as_ref()?.as_ref())
    }

    /// Whether it holds the site's settings at its root, not a table of
    /// its own (`frontmatter.*`, `markup.*`, `permalinks.*` of the
    /// configuration folder).
    pub(super) fn holds_settings(&self) -> bool {
        let file = self.name.rsplit('/').next().unwrap_or(&self.name);
        !self.name.contains('/') || matches!(file.split('.').next(), Some("hugo" | "config"))
    }

    /// The table `key` it holds: the root itself for a file of the
    /// configuration folder named after the table
    /// (`config/_default/markup.toml` holds `[markup]` alone), else the
    /// root's entry.
    pub(super) fn table(&self, key: &str) -> Option<&Node> {
        let root = self.root()?;
        let file = self.name.rsplit('/').next().unwrap_or(&self.name);
        if self.name.contains('/') && file.split('.').next() == Some(key) {
            Some(root)
        } else {
            entry(root, key)
        }
    }
}

/// The configuration files (name, text) [`configs`] gives, each read once.
pub fn read_configs(configs: &[(String, String)]) -> Vec<ConfigFile> {
    configs
        .iter()
        .map(|(name, text)| ConfigFile::new(name.as_str(), text))
        .collect()
}

/// Every `baseURL` the configuration files (name, text) set, as written:
/// the site's (at the root of a file), and each language's
/// (`[languages.fr] baseURL = …`, a site published on a host per
/// language). All of them are the site's own addresses: the root file's,
/// `config/_default/`'s and `config/production/`'s may each be the one
/// published, and a link to any of them is a link to the site. A file that
/// cannot be read as its format sets none.
pub fn base_urls(configs: &[ConfigFile]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let roots = configs.iter().filter(|c| c.holds_settings());
    for root in roots.filter_map(ConfigFile::root) {
        let languages = entry(root, "languages")
            .and_then(Node::as_map)
            .unwrap_or_default();
        let each = std::iter::once(root).chain(languages.iter().map(|(_, v)| v));
        for url in each.filter_map(|n| entry(n, "baseURL")?.as_str()) {
            let url = url.trim();
            if !url.is_empty() && !found.iter().any(|f| f == url) {
                found.push(url.to_string());
            }
        }
    }
    found
}

/// Whether the site renders the raw HTML of its Markdown, by the
/// configuration files (name, text): goldmark leaves it out of the page
/// (`<!-- raw HTML omitted -->`) unless `[markup.goldmark.renderer]`
/// sets `unsafe = true`. The last file that sets it decides (the
/// production environment's over `config/_default/`'s over the root
/// file's); files that can be read but set none: Hugo's default, not
/// rendered. `None` when no file can be read: what the site does is not
/// known.
pub fn renders_html(configs: &[ConfigFile]) -> Option<bool> {
    let read_one = configs.iter().any(|c| c.root.is_some());
    let unsafe_set = markup_setting(configs, &["goldmark", "renderer", "unsafe"]);
    let set = match unsafe_set.map(|v| v.value) {
        Some(Value::Bool(b)) => b,
        Some(Value::String(s, _)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    read_one.then_some(set)
}

/// The `[permalinks]` patterns of the configuration files (name, text),
/// as (top-level section, pattern), in the order read: a string entry is
/// the pattern of the section's regular pages, and so is an entry of
/// `[permalinks.page]` (Hugo 0.120 and later); `permalinks.*` files of
/// the configuration folder hold the table alone. Files are read in
/// Hugo's order (the production environment's last), a later pattern for
/// a section replacing an earlier one (see [`super::permalinks`]).
pub fn permalinks(configs: &[ConfigFile]) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for config in configs {
        if let Some(table) = config.table("permalinks") {
            found.extend(permalink_pairs(table));
        }
    }
    found
}

/// The (section, pattern) pairs of a `[permalinks]` table (its `page`
/// table's too).
pub(super) fn permalink_pairs(table: &Node) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (key, value) in table.as_map().unwrap_or_default() {
        let Some(key) = key.as_str() else { continue };
        match &value.value {
            Value::String(pattern, _) => found.push((key.to_string(), pattern.clone())),
            Value::Map(pages) if key.eq_ignore_ascii_case("page") => {
                for (section, pattern) in pages {
                    if let (Some(section), Some(pattern)) = (section.as_str(), pattern.as_str()) {
                        found.push((section.to_string(), pattern.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// A setting under `[markup]` (`goldmark.parser.autoHeadingID`): the
/// last file that sets it decides, as for [`renders_html`]; `markup.*`
/// files hold the table alone.
fn markup_setting(configs: &[ConfigFile], path: &[&str]) -> Option<Node> {
    last_set(configs, |config| {
        let markup = config.table("markup")?;
        path.iter().try_fold(markup, |node, key| entry(node, key))
    })
}

/// How the site's Hugo makes heading ids: `[markup.goldmark.parser]`'s
/// `autoHeadingIDType` (`github`, the default, `github-ascii`,
/// `blackfriday`), or only those written when `autoHeadingID = false`;
/// attribute blocks left in the text with `[…parser.attribute] title =
/// false`.
pub fn id_style(configs: &[ConfigFile]) -> super::IdStyle {
    use super::IdKind;
    let is_false = |path: &[&str]| match markup_setting(configs, path).map(|v| v.value) {
        Some(Value::Bool(b)) => !b,
        Some(Value::String(s, _)) => s.eq_ignore_ascii_case("false"),
        _ => false,
    };
    let kind = markup_setting(configs, &["goldmark", "parser", "autoHeadingIDType"]);
    let kind = if is_false(&["goldmark", "parser", "autoHeadingID"]) {
        IdKind::Off
    } else {
        match kind
            .as_ref()
            .and_then(Node::as_str)
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("github-ascii") => IdKind::GithubAscii,
            Some("blackfriday") => IdKind::Blackfriday,
            _ => IdKind::Github,
        }
    };
    super::IdStyle {
        kind,
        attributes: !is_false(&["goldmark", "parser", "attribute", "title"]),
    }
}

/// Whether Hugo's own render hook of `what` (`link` or `image`, Hugo 0.123
/// and later) may render the site's Markdown links or images, resolving a
/// destination as a page or a resource instead of writing it as is:
/// `[markup.goldmark.renderHooks.link]` (or `.image`) sets `enableDefault
/// = true`, or `useEmbedded` to `always` or `fallback`; or the site has
/// several languages (`many_languages`), where the default (`auto`) uses
/// it unless `useEmbedded = "never"` or `[markup.goldmark]
/// duplicateResourceFiles = true`.
pub fn embedded_hook(configs: &[ConfigFile], what: &str, many_languages: bool) -> bool {
    let text = |path: &[&str]| match markup_setting(configs, path).map(|v| v.value) {
        Some(Value::Bool(b)) => Some(b.to_string()),
        Some(Value::String(s, _)) => Some(s.trim().to_ascii_lowercase()),
        _ => None,
    };
    let hook = ["goldmark", "renderHooks", what];
    if text(&[&hook[..], &["enableDefault"]].concat()).as_deref() == Some("true") {
        return true;
    }
    match text(&[&hook[..], &["useEmbedded"]].concat()).as_deref() {
        Some("always" | "fallback") => true,
        Some("never") => false,
        _ => {
            many_languages
                && text(&["goldmark", "duplicateResourceFiles"]).as_deref() != Some("true")
        }
    }
}

/// Whether the site builds pages whose publish date is in the future: a
/// configuration file sets `buildFuture = true`. Hugo's default, and with
/// no file read: not built.
pub fn builds_future(configs: &[ConfigFile]) -> bool {
    root_flag(configs, "buildFuture")
}

/// Whether the site rewrites links from the root of the host: absolute
/// from its `baseURL` (`canonifyURLs = true`), or relative to each page
/// (`relativeURLs = true`).
pub fn rewrites_root_links(configs: &[ConfigFile]) -> bool {
    root_flag(configs, "canonifyURLs") || root_flag(configs, "relativeURLs")
}

/// Whether the site writes pages as `.html` files (`uglyURLs`): regular
/// pages and leaf bundles' pages (`/posts/x.html`, the bundle's resources
/// still under `/posts/x/`), not section pages, as Hugo 0.111 and 0.168
/// write them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum UglyUrls {
    /// No: `/posts/x/` (`/posts/x/index.html`).
    #[default]
    Off,
    /// In the sections a table sets to `true` (`[uglyURLs] posts = true`),
    /// their names lowercased; the others as `Off`.
    BySection(Vec<String>),
    /// Every page (`uglyURLs = true`).
    All,
}

impl UglyUrls {
    /// Whether the pages of the top-level section `section` (its folder's
    /// name as written) are written as `.html` files.
    pub fn in_section(&self, section: Option<&str>) -> bool {
        match self {
            UglyUrls::Off => false,
            UglyUrls::All => true,
            UglyUrls::BySection(named) => {
                section.is_some_and(|s| named.contains(&s.to_lowercase()))
            }
        }
    }
}

/// How the site writes pages (see [`UglyUrls`]).
pub fn ugly_urls(configs: &[ConfigFile]) -> UglyUrls {
    let yes = |v: &Value| match v {
        Value::Bool(b) => *b,
        Value::String(s, _) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    match root_setting(configs, "uglyURLs").map(|v| v.value) {
        Some(Value::Map(sections)) => {
            let named: Vec<String> = sections
                .iter()
                .filter(|(_, on)| yes(&on.value))
                .filter_map(|(name, _)| name.as_str().map(str::to_lowercase))
                .collect();
            // A table that sets no section is no setting.
            if named.is_empty() {
                UglyUrls::Off
            } else {
                UglyUrls::BySection(named)
            }
        }
        Some(v) if yes(&v) => UglyUrls::All,
        _ => UglyUrls::Off,
    }
}

/// The folders, under the site's root, whose files Hugo serves from the
/// root of the site: `staticDir` (a folder or a list of them; `static`
/// when no file sets it), `staticDir0` to `staticDir10`, then the
/// `static` folder of each folder of the
/// themes folder (`themesDir`, `themes` when no file sets it), as any may
/// be the theme (`hugo --theme` names one on the command line); checked
/// with Hugo 0.111 and 0.168.
pub fn static_dirs(
    configs: &[ConfigFile],
    themes: impl FnOnce(&Path) -> Vec<String>,
) -> Vec<PathBuf> {
    let text = |n: &Node| {
        n.as_str()
            .map(|s| s.trim().trim_end_matches('/').to_string())
    };
    let mut dirs: Vec<PathBuf> = match root_setting(configs, "staticDir") {
        Some(n) if matches!(n.value, Value::Seq(_)) => n
            .as_seq()
            .into_iter()
            .flatten()
            .filter_map(text)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect(),
        Some(n) => text(&n)
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .into_iter()
            .collect(),
        None => vec![PathBuf::from("static")],
    };
    // `staticDir0` to `staticDir10` add folders (Hugo 0.111 then leaves
    // `static/` out, 0.168 keeps it: it is kept).
    for n in 0..=10 {
        if let Some(dir) = root_setting(configs, &format!("staticDir{n}"))
            .as_ref()
            .and_then(text)
        {
            dirs.extend((!dir.is_empty()).then(|| PathBuf::from(dir)));
        }
    }
    let themes_dir = root_setting(configs, "themesDir")
        .as_ref()
        .and_then(text)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "themes".to_string());
    let themes_dir = PathBuf::from(themes_dir);
    for theme in themes(&themes_dir) {
        dirs.push(themes_dir.join(theme).join("static"));
    }
    dirs
}

/// Whether the site builds drafts: a configuration file sets `buildDrafts
/// = true`. Hugo's default, and with no file read: not built.
pub fn builds_drafts(configs: &[ConfigFile]) -> bool {
    root_flag(configs, "buildDrafts")
}

/// Whether the site builds pages whose expiry date is past: a
/// configuration file sets `buildExpired = true`. Hugo's default, and with
/// no file read: not built.
pub fn builds_expired(configs: &[ConfigFile]) -> bool {
    root_flag(configs, "buildExpired")
}

/// A boolean at the root of the configuration files (any case of the
/// key): the last file that sets it decides, as for [`renders_html`];
/// false when none does.
pub(super) fn root_flag(configs: &[ConfigFile], key: &str) -> bool {
    match root_setting(configs, key).map(|v| v.value) {
        Some(Value::Bool(b)) => b,
        Some(Value::String(s, _)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// A value at the root of the configuration files (any case of the key):
/// the last file that sets it.
pub(super) fn root_setting(configs: &[ConfigFile], key: &str) -> Option<Node> {
    last_set(configs, |config| {
        entry(config.root().filter(|_| config.holds_settings())?, key)
    })
}

/// What the last file that sets it says, `find` reading it in a file.
fn last_set(
    configs: &[ConfigFile],
    find: impl for<'c> Fn(&'c ConfigFile) -> Option<&'c Node>,
) -> Option<Node> {
    configs.iter().rev().find_map(find).cloned()
}

/// A configuration file's root, read as its format (JSON is YAML):
/// `Some(None)` when it is empty, `None` when it cannot be read.
pub(super) fn root_of(name: &str, text: &str) -> Option<Option<Node>> {
    if name.ends_with(".toml") {
        Some(Some(crate::toml_tree::parse(text, 0).ok()?))
    } else {
        Some(crate::yaml::parse(text, 0).ok()?.root)
    }
}

/// The value of `key` in a mapping, whatever its case: Hugo's keys are not
/// case-sensitive (`frontMatter`, `baseurl`).
pub(super) fn entry<'n>(map: &'n Node, key: &str) -> Option<&'n Node> {
    map.as_map()?
        .iter()
        .find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key)))
        .map(|(_, v)| v)
}

/// Whether the date starting a file name is part of the page's address.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dates {
    /// Dropped: `2025-02-10-creme-anglaise.md` is `…/creme-anglaise/`.
    #[default]
    Dropped,
    /// Kept: `…/2025-02-10-creme-anglaise/`.
    Kept,
    /// Either, by the page's front matter: both addresses are accepted.
    Either,
}

/// What the configuration files (name, text), the root file first, then
/// those of the configuration folder, say: the first that sets a date
/// source in `[frontmatter]` decides. Files that exist but set none: Hugo's
/// default, kept. No file that can be read: dropped (see the module).
pub fn dates(configs: &[ConfigFile]) -> Dates {
    let mut read_one = false;
    // The production environment's files give the `baseURL` only.
    let read_for_dates = configs
        .iter()
        .filter(|c| !PRODUCTION_FILES.contains(&c.name.as_str()));
    for config in read_for_dates {
        let Some(table) = frontmatter(config) else {
            continue;
        };
        read_one = true;
        if let Some(dates) = table.and_then(from_sources) {
            return dates;
        }
    }
    if read_one {
        Dates::Kept
    } else {
        Dates::Dropped
    }
}

/// The sources of the pages' dates the `[frontmatter]` tables list (see
/// [`super::dates`]): for each date, the first file that lists some, in
/// the order of [`dates`]; Hugo's default for those none lists.
pub fn date_sources(configs: &[ConfigFile]) -> DateSources {
    let tables: Vec<&Node> = configs
        .iter()
        .filter(|c| !PRODUCTION_FILES.contains(&c.name.as_str()))
        .filter_map(|c| frontmatter(c).flatten())
        .collect();
    // As Hugo casts the setting to a list of strings: a string split at
    // spaces, any other value (or item) written as text; an empty list
    // sets no source at all.
    let text = |n: &Node| n.scalar_text().unwrap_or_default();
    let listed = |key: &str| {
        tables.iter().find_map(|table| {
            let v = entry(table, key)?;
            Some(match &v.value {
                Value::Seq(items) => items.iter().map(text).collect(),
                Value::String(s, _) => s.split_whitespace().map(str::to_string).collect(),
                _ => vec![text(v)],
            })
        })
    };
    DateSources::new(listed("date"), listed("publishDate"), listed("expiryDate"))
}

/// The `[frontmatter]` table of a configuration file: `Some(None)` when the
/// file has none, `None` when it cannot be read as its format.
fn frontmatter(config: &ConfigFile) -> Option<Option<&Node>> {
    config.read()?;
    Some(config.table("frontmatter"))
}

/// What the date sources of a `[frontmatter]` table say; `None` when it
/// lists none.
fn from_sources(table: &Node) -> Option<Dates> {
    let lists: Vec<Vec<&str>> = table
        .as_map()?
        .iter()
        .map(|(_, v)| match v.as_seq() {
            Some(items) => items.iter().filter_map(Node::as_str).collect(),
            None => v.as_str().into_iter().collect(),
        })
        .filter(|l: &Vec<&str>| !l.is_empty())
        .collect();
    if lists.is_empty() {
        return None;
    }
    let is_filename = |s: &&str| s.trim().eq_ignore_ascii_case(":filename");
    Some(
        if lists.iter().any(|l| l.first().is_some_and(is_filename)) {
            Dates::Dropped
        } else if lists.iter().any(|l| l.iter().any(is_filename)) {
            Dates::Either
        } else {
            Dates::Kept
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Configuration files as (name, text), read as [`read_configs`] reads
    /// them.
    fn owned(files: &[(&str, &str)]) -> Vec<ConfigFile> {
        files.iter().map(|(n, t)| ConfigFile::new(*n, t)).collect()
    }

    fn one(name: &str, text: &str) -> Dates {
        dates(&[ConfigFile::new(name, text)])
    }

    #[test]
    fn the_date_stays_unless_the_file_name_gives_the_date() {
        for (name, text, expected) in [
            ("hugo.toml", "title = 'Recettes'\n", Dates::Kept),
            (
                "hugo.toml",
                "[frontmatter]\ndate = [':filename', ':default']\n",
                Dates::Dropped,
            ),
            (
                "config.yaml",
                "frontMatter:\n  publishDate: [':fileName', ':default']\n",
                Dates::Dropped,
            ),
            (
                "hugo.json",
                "{\"frontmatter\": {\"date\": [\":default\"]}}",
                Dates::Kept,
            ),
            (
                "config/_default/frontmatter.toml",
                "date = [':filename']\n",
                Dates::Dropped,
            ),
            // After another source, by the page's front matter.
            (
                "hugo.toml",
                "[frontmatter]\ndate = ['date', ':filename']\n",
                Dates::Either,
            ),
            // `:filename` elsewhere (a permalink) is not a date source.
            (
                "hugo.toml",
                "[permalinks]\nposts = '/:year/:filename/'\n",
                Dates::Kept,
            ),
            // Unreadable: as without a configuration.
            ("hugo.toml", "[frontmatter\n", Dates::Dropped),
        ] {
            assert_eq!(one(name, text), expected, "{name}: {text}");
        }
        assert_eq!(dates(&[]), Dates::Dropped);
    }

    /// Hugo reads the first root file that exists, even one that cannot be
    /// read: the next one is not read in its place.
    #[test]
    fn the_first_root_file_that_exists_is_the_one() {
        let on_disk = ["hugo.toml", "config.toml", "config/_default/hugo.toml"];
        let exists = |name: &str| on_disk.contains(&name);
        let read = |name: &str| (name != "hugo.toml").then(|| format!("# {name}\n"));
        let names: Vec<String> = configs(exists, read).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["config/_default/hugo.toml"]);
    }

    /// Every `baseURL` is read: the site's in each file, in any case of
    /// the key, and each language's; a file that cannot be read gives none.
    #[test]
    fn base_urls_are_read_from_every_file() {
        let configs = owned(&[
            (
                "hugo.toml",
                "baseURL = 'https://www.exemple.fr/'\ntitle = 'x'\n",
            ),
            (
                "config/_default/hugo.yaml",
                "baseurl: https://exemple.fr/blog/\nlanguages:\n  en:\n    baseURL: https://en.exemple.fr/\n  fr: {}\n",
            ),
            (
                "config/_default/config.json",
                "{\"BaseURL\": \"https://www.exemple.fr/\"}",
            ),
            (
                "config/production/hugo.toml",
                "baseURL = \"https://prod.exemple.fr\"\n",
            ),
            ("config/production/config.toml", "baseURL = [\n"),
        ]);
        assert_eq!(
            base_urls(&configs),
            [
                "https://www.exemple.fr/",
                "https://exemple.fr/blog/",
                "https://en.exemple.fr/",
                "https://prod.exemple.fr",
            ]
        );
        assert!(base_urls(&[]).is_empty());
        // The production files are read for their `baseURL` only: the
        // date sources are the other files'.
        let production = owned(&[
            ("hugo.toml", "[frontmatter]\ndate = [':filename']\n"),
            (
                "config/production/hugo.toml",
                "[frontmatter]\ndate = ['date']\n",
            ),
        ]);
        assert_eq!(dates(&production), Dates::Dropped);
        assert_eq!(dates(&production[1..]), Dates::Dropped);
    }

    /// The root file and the configuration folder are merged: the first
    /// that sets a date source decides.
    #[test]
    fn the_configuration_folder_counts_beside_the_root_file() {
        let configs = owned(&[
            ("hugo.toml", "baseURL = 'https://x.org/'\n"),
            (
                "config/_default/frontmatter.toml",
                "date = [':filename', ':default']\n",
            ),
        ]);
        assert_eq!(dates(&configs), Dates::Dropped);
    }

    /// Future pages are built when a configuration file sets
    /// `buildFuture`, in any format and case; the last file decides.
    #[test]
    fn future_pages_are_built_when_build_future_is_set() {
        let of = |files: &[(&str, &str)]| builds_future(&owned(files));
        assert!(of(&[("hugo.toml", "buildFuture = true\n")]));
        assert!(of(&[("config.yaml", "buildfuture: true\n")]));
        assert!(!of(&[("hugo.toml", "buildDrafts = true\n")]));
        assert!(builds_drafts(&owned(&[(
            "hugo.toml",
            "builddrafts = true\n"
        )])));
        assert!(of(&[("hugo.json", "{\"buildFuture\": \"true\"}\n")]));
        assert!(!of(&[("hugo.toml", "title = 'x'\n")]));
        assert!(!of(&[]));
        assert!(!of(&[
            ("hugo.toml", "buildFuture = true\n"),
            ("config/production/hugo.toml", "buildFuture = false\n"),
        ]));
        // A file that cannot be read sets nothing.
        assert!(of(&[
            ("hugo.toml", "buildFuture = true\n"),
            ("config/_default/hugo.toml", "buildFuture = [\n"),
        ]));
    }

    /// Expired pages are built when a configuration file sets
    /// `buildExpired`.
    #[test]
    fn expired_pages_are_built_when_build_expired_is_set() {
        let of = |files: &[(&str, &str)]| builds_expired(&owned(files));
        assert!(of(&[("hugo.toml", "buildExpired = true\n")]));
        assert!(of(&[("config.yaml", "buildexpired: true\n")]));
        assert!(!of(&[("hugo.toml", "buildFuture = true\n")]));
        assert!(!of(&[]));
    }

    /// The pages' date sources: each date's from the first file that lists
    /// some, in any format and case of the key; Hugo's default for the
    /// others; the production environment's files are not read for them.
    #[test]
    fn date_sources_are_read_per_date() {
        use crate::site::dates::{DateSources, FrontDays};
        use std::path::Path;
        let of = |files: &[(&str, &str)]| date_sources(&owned(files));
        assert_eq!(of(&[]), DateSources::default());
        assert_eq!(
            of(&[("hugo.toml", "title = 'x'\n")]),
            DateSources::default()
        );
        let list = |items: &[&str]| Some(items.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            of(&[(
                "hugo.toml",
                "[frontmatter]\ndate = [':filename', ':default']\n"
            )]),
            DateSources::new(list(&[":filename", ":default"]), None, None)
        );
        assert_eq!(
            of(&[
                ("hugo.toml", "[frontMatter]\npublishdate = ':filename'\n"),
                (
                    "config/_default/frontmatter.yaml",
                    "publishDate: [date]\nexpiryDate: [lastmod]\n"
                ),
                (
                    "config/production/hugo.toml",
                    "[frontmatter]\ndate = [':git']\n"
                ),
            ]),
            DateSources::new(None, list(&[":filename"]), list(&["lastmod"]))
        );
        // Hugo's casts: a string split at spaces, a number as text (a key
        // no page has), an empty list (no source).
        assert_eq!(
            of(&[(
                "hugo.toml",
                "[frontmatter]\npublishDate = 'date publishdate'\nexpiryDate = []\ndate = 5\n"
            )]),
            DateSources::new(list(&["5"]), list(&["date", "publishdate"]), list(&[]))
        );
        // As read for a page: the file name's day.
        let sources = of(&[(
            "hugo.json",
            "{\"frontmatter\": {\"date\": [\":fileName\"]}}",
        )]);
        assert_eq!(
            sources
                .publish(&FrontDays::default(), Path::new("2999-01-01-x.md"))
                .day(),
            Some(29990101)
        );
    }

    /// Raw HTML is rendered when the configuration sets goldmark's
    /// `unsafe`, in any file and format; not when it is read and does not;
    /// unknown without a file that can be read.
    #[test]
    fn raw_html_is_rendered_when_unsafe_is_set() {
        let of = |files: &[(&str, &str)]| renders_html(&owned(files));
        assert_eq!(
            of(&[("hugo.toml", "[markup.goldmark.renderer]\nunsafe = true\n")]),
            Some(true)
        );
        assert_eq!(
            of(&[(
                "config.yaml",
                "Markup:\n  goldmark:\n    renderer:\n      unsafe: true\n"
            )]),
            Some(true)
        );
        assert_eq!(of(&[("hugo.toml", "title = 'x'\n")]), Some(false));
        assert_eq!(
            of(&[("hugo.toml", "[markup.goldmark.renderer]\nunsafe = false\n")]),
            Some(false)
        );
        // The production environment's file is read last, and wins.
        assert_eq!(
            of(&[
                ("hugo.toml", "[markup.goldmark.renderer]\nunsafe = true\n"),
                (
                    "config/production/hugo.toml",
                    "[markup.goldmark.renderer]\nunsafe = false\n"
                ),
            ]),
            Some(false)
        );
        // `config/_default/markup.*` holds the `[markup]` table alone.
        assert_eq!(
            of(&[
                ("hugo.toml", "title = 'x'\n"),
                (
                    "config/_default/markup.toml",
                    "[goldmark.renderer]\nunsafe = true\n"
                ),
            ]),
            Some(true)
        );
        assert_eq!(
            of(&[(
                "config/_default/markup.yaml",
                "goldmark:\n  renderer:\n    unsafe: true\n"
            )]),
            Some(true)
        );
        // Both in `config/_default/`: `markup.*` wins over `hugo.*`, either
        // way round (as Hugo 0.111 and 0.168 build such a site), being read
        // after it.
        let at = |name: &str| FOLDER_FILES.iter().position(|f| f.contains(name));
        assert!(at("/markup.") > at("/hugo.") && at("/markup.") > at("/config."));
        for (in_hugo, in_markup) in [(false, true), (true, false)] {
            assert_eq!(
                of(&[
                    (
                        "config/_default/hugo.toml",
                        &format!("[markup.goldmark.renderer]\nunsafe = {in_hugo}\n")
                    ),
                    (
                        "config/_default/markup.toml",
                        &format!("[goldmark.renderer]\nunsafe = {in_markup}\n")
                    ),
                ]),
                Some(in_markup)
            );
        }
        // The production environment's `markup.*` is read last too.
        assert_eq!(
            of(&[
                ("hugo.toml", "[markup.goldmark.renderer]\nunsafe = false\n"),
                (
                    "config/production/markup.toml",
                    "[goldmark.renderer]\nunsafe = true\n"
                ),
            ]),
            Some(true)
        );
        assert_eq!(of(&[("hugo.toml", "[markup\n")]), None);
        assert_eq!(of(&[]), None);
    }
}
