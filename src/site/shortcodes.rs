//! The shortcodes a Hugo site has, so that a call to one it has not
//! (`{{< youtub id >}}`) can be told: Hugo stops the build on it
//! ("template for shortcode "youtub" not found").
//!
//! A site has Hugo's own shortcodes ([`BUILT_IN`]) and the templates under
//! `_shortcodes/` (Hugo 0.146 and later, at any depth of `layouts/`) or
//! `layouts/shortcodes/` of the site and of its themes: the file
//! `layouts/_shortcodes/cartes/service.en.html` is the shortcode
//! `cartes/service`. Every folder of the themes folder counts, named in
//! the configuration or not (`hugo --theme X` names one on the command
//! line). A template under a section's `_shortcodes/`
//! (`layouts/docs/_shortcodes/`) serves the pages under that folder of
//! `content/` only (`content/docs/`, `content/docs/guides/`), as Hugo
//! 0.146 and later find it.
//!
//! What repere cannot see makes the set unknown, and then nothing is
//! reported: no configuration file at the root or in `config/_default/`
//! (`hugo.toml`, `config.toml`…: the site may be built with another), Hugo modules (a `go.mod`, a `[module]` with imports or
//! mounts, a `module.*` file in `config/`), another layouts folder
//! (`layoutDir`), another environment's themes (`config/staging/hugo.toml`
//! setting `theme` or `themesDir`), a theme named but absent (a submodule
//! not checked out, a module), a theme with a `config/` folder, naming
//! other themes or requiring modules in its `go.mod`, a configuration or a
//! folder that cannot be read. What the command line or the environment
//! says (`hugo --themesDir`, `HUGO_THEME`) is not seen.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::by_name::SiteFiles;
use super::hugo::{self, FOLDER_FILES, PRODUCTION_FILES, ROOT_FILES};
use crate::yaml::{Node, Value};

/// Hugo's own shortcodes, in any version since 0.100: those a version
/// removed (`twitter`, `speakerdeck`) are still accepted, since the
/// version that builds the site is not known.
pub const BUILT_IN: &[&str] = &[
    "comment",
    "details",
    "figure",
    "gist",
    "highlight",
    "instagram",
    "instagram_simple",
    "mastodon",
    "param",
    "qr",
    "ref",
    "relref",
    "speakerdeck",
    "tweet",
    "twitter",
    "twitter_simple",
    "vimeo",
    "vimeo_simple",
    "x",
    "x_simple",
    "youtube",
    "youtube_simple",
];

/// Hugo's own shortcodes whose template reads `.Inner`: a call of one
/// must be closed (`{{< details >}}…{{< /details >}}`) or close itself
/// (`{{< qr text="…" />}}`). Of the others, those of [`BUILT_IN_UNSURE`]
/// were not checked; the rest read it in no version, and a call of one
/// must not close: checked with Hugo 0.111 for those it has, and in
/// Hugo's current templates for those that came later (`x`, `x_simple`).
const BUILT_IN_INNER: &[&str] = &["comment", "details", "highlight", "qr"];

/// Hugo's own shortcodes whose templates' `.Inner` repere does not know.
const BUILT_IN_UNSURE: &[&str] = &["mastodon", "speakerdeck", "youtube_simple"];

/// What Hugo's own template of `name` does with `.Inner`.
fn built_in_inner(name: &str) -> Inner {
    if BUILT_IN_INNER.contains(&name) {
        Inner::Reads
    } else if BUILT_IN_UNSURE.contains(&name) {
        Inner::Unknown
    } else {
        Inner::Ignores
    }
}

/// Whether a shortcode's templates read what a call holds between its
/// opening and closing tags (`.Inner`, `.InnerDeindent`), which Hugo
/// tells from the template: a call of one that does must be closed or
/// close itself, and a call of one that does not must not close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inner {
    Reads,
    Ignores,
    /// Templates that disagree (by output format, a site's over Hugo's or
    /// a theme's), or one repere cannot read or tell.
    Unknown,
}

impl Inner {
    /// What two templates of one shortcode say together.
    fn and(self, other: Inner) -> Inner {
        if self == other { self } else { Inner::Unknown }
    }
}

/// The shortcodes of a site, by name in lowercase (Hugo finds a template
/// whatever the case of its name on a case-insensitive disk), and whether
/// their templates read `.Inner`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shortcodes {
    names: BTreeMap<String, Inner>,
    /// The templates of a section (`layouts/docs/_shortcodes/note.html`),
    /// by name: the section's folder of `content/` (`docs`), and what the
    /// template does with `.Inner`.
    sections: BTreeMap<String, Vec<(String, Inner)>>,
    /// Whether a template of the site or of a theme renders Markdown
    /// links, and one images (see [`render_hook`]), read with the
    /// shortcodes' templates.
    hooks: RenderHooks,
}

/// Which of Markdown's links and images a template of the site renders
/// (a render hook), instead of Hugo writing their destinations as is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderHooks {
    pub link: bool,
    pub image: bool,
}

impl Shortcodes {
    /// Hugo's own and `own`, as named in a call (`cartes/service`), each
    /// with what one of its templates does with `.Inner`. Templates of one
    /// name are variants that coexist (one per output format), and
    /// together replace Hugo's own of that name.
    pub fn new<'a>(own: impl IntoIterator<Item = (&'a str, Inner)>) -> Shortcodes {
        let mut mine: BTreeMap<String, Inner> = BTreeMap::new();
        for (name, inner) in own {
            mine.entry(name.to_lowercase())
                .and_modify(|known| *known = known.and(inner))
                .or_insert(inner);
        }
        let mut names: BTreeMap<String, Inner> = BUILT_IN
            .iter()
            .map(|&name| (name.to_string(), built_in_inner(name)))
            .collect();
        names.extend(mine);
        Shortcodes {
            names,
            sections: BTreeMap::new(),
            hooks: RenderHooks::default(),
        }
    }

    /// With render hooks (see [`Shortcodes::hooks`]).
    pub fn with_hooks(mut self, hooks: RenderHooks) -> Shortcodes {
        self.hooks = hooks;
        self
    }

    /// Whether templates of the site or of its themes render Markdown
    /// links and images (`layouts/_markup/render-link.html`,
    /// `layouts/_default/_markup/render-image.html`, a section's or an
    /// output format's): Hugo passes each through one, which may write
    /// its destination otherwise (resolve `x.md`, add a language's
    /// folder), instead of as written.
    pub fn hooks(&self) -> RenderHooks {
        self.hooks
    }

    /// With the templates of sections, as (name, the section's folder of
    /// `content/`, what the template does with `.Inner`).
    pub fn with_sections<'a>(
        mut self,
        templates: impl IntoIterator<Item = (&'a str, &'a str, Inner)>,
    ) -> Shortcodes {
        for (name, folder, inner) in templates {
            self.sections
                .entry(name.to_lowercase())
                .or_default()
                .push((folder.to_string(), inner));
        }
        self
    }

    /// The shortcodes a page in `folder` of `content/` (`docs/guides`, or
    /// `""`) can call: the site's, and its sections' that hold the folder,
    /// as variants of those of the same name. Every section's when the
    /// folder is not known.
    pub fn for_folder(&self, folder: Option<&str>) -> Cow<'_, Shortcodes> {
        if self.sections.is_empty() {
            return Cow::Borrowed(self);
        }
        let holds = |section: &str| {
            folder.is_none_or(|f| {
                f.strip_prefix(section)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
        };
        let mut names = self.names.clone();
        for (name, templates) in &self.sections {
            for (_, inner) in templates.iter().filter(|(section, _)| holds(section)) {
                names
                    .entry(name.clone())
                    .and_modify(|known| *known = known.and(*inner))
                    .or_insert(*inner);
            }
        }
        Cow::Owned(Shortcodes {
            names,
            sections: BTreeMap::new(),
            hooks: self.hooks,
        })
    }

    /// The sections whose templates name `name`, in order, when the site
    /// has none of that name for every page.
    pub fn sections_of(&self, name: &str) -> Vec<&str> {
        let mut sections: Vec<&str> = self
            .sections
            .get(&name.to_lowercase())
            .into_iter()
            .flatten()
            .map(|(section, _)| section.as_str())
            .collect();
        sections.sort_unstable();
        sections.dedup();
        sections
    }

    /// Whether the site has the shortcode `name`.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_lowercase())
    }

    /// Whether the templates of `name` read `.Inner`.
    pub fn inner(&self, name: &str) -> Inner {
        self.names
            .get(&name.to_lowercase())
            .copied()
            .unwrap_or(Inner::Unknown)
    }

    /// The names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    /// The site's own: not Hugo's.
    pub fn own(&self) -> impl Iterator<Item = &str> {
        self.names().filter(|n| !BUILT_IN.contains(n))
    }
}

/// The shortcodes of the site whose configuration files are `configs` (as
/// [`hugo::configs`] gives them) and whose files are `files`; `None` when
/// they cannot all be known (see the module's documentation).
pub fn of(configs: &[hugo::ConfigFile], files: &dyn SiteFiles) -> Option<Shortcodes> {
    // The root file, or the configuration folder's own (`config/_default/
    // hugo.toml`), which Hugo 0.111 and 0.168 build from without one.
    let main = |name: &str| {
        ROOT_FILES.contains(&name)
            || name
                .strip_prefix("config/_default/")
                .is_some_and(|n| ROOT_FILES.contains(&n))
    };
    if !configs.iter().any(|c| main(&c.name)) || files.is_file(Path::new("go.mod")) {
        return None;
    }
    // A configuration file there but not read (unreadable, too large).
    let read: HashSet<&str> = configs.iter().map(|c| c.name.as_str()).collect();
    if FOLDER_FILES
        .iter()
        .chain(PRODUCTION_FILES)
        .any(|f| files.is_file(Path::new(f)) && !read.contains(f))
    {
        return None;
    }
    let mut named: Vec<String> = Vec::new();
    let mut themes_dir = "themes".to_string();
    // `frontmatter.*`, `markup.*` and `permalinks.*` hold their table alone.
    for config in configs.iter().filter(|c| c.holds_settings()) {
        let Some(root) = config.read()? else {
            continue;
        };
        let settings = Settings::of(root)?;
        named.extend(settings.themes);
        if let Some(dir) = settings.themes_dir {
            themes_dir = dir;
        }
    }
    environments_agree(files)?;
    let themes_dir = PathBuf::from(themes_dir.trim_end_matches('/'));
    let present = files.folders_in(&themes_dir)?;
    if named.iter().any(|t| !present.contains(t)) {
        return None;
    }
    let mut bases = vec![PathBuf::new()];
    for theme in &present {
        let base = themes_dir.join(theme);
        theme_stands_alone(files, &base)?;
        bases.push(base);
    }
    // By name, then by the template's path under `layouts/` (`shortcodes/`
    // read as `_shortcodes/`): what the site's, or else its themes',
    // templates at that path do. The site's template overrides a theme's
    // at the same path, and Hugo's own (`_shortcodes/<name>.html`); the
    // themes, which repere cannot order, agree or are unknown; templates
    // at other paths (another output format) are variants of which Hugo
    // may use any.
    let mut paths: BTreeMap<String, BTreeMap<String, (bool, Inner)>> = BTreeMap::new();
    let mut hooks = RenderHooks::default();
    for (layer, base) in bases.iter().enumerate() {
        let site = layer == 0;
        let layouts = base.join("layouts");
        for file in files.files_in(&layouts)? {
            match render_hook(&file) {
                Some("link") => hooks.link = true,
                Some("image") => hooks.image = true,
                _ => {}
            }
            let Some(name) = shortcode_name(&file) else {
                continue;
            };
            let inner = files
                .read_text(&layouts.join(&file))
                .map_or(Inner::Unknown, |text| reads_inner(&text));
            let path = file.to_string_lossy().to_lowercase().replace('\\', "/");
            let path = match path.strip_prefix("shortcodes/") {
                Some(rest) => format!("_shortcodes/{rest}"),
                None => path,
            };
            // The site, read first, keeps its template at a path.
            paths
                .entry(name.to_lowercase())
                .or_default()
                .entry(path)
                .and_modify(|(from_site, known)| {
                    if site || !*from_site {
                        *known = known.and(inner);
                    }
                })
                .or_insert((site, inner));
        }
    }
    let mut own = Vec::new();
    let mut sections = Vec::new();
    for (name, variants) in &paths {
        for (path, &(_, inner)) in variants {
            // `docs/_shortcodes/note.html` serves `content/docs/`; under a
            // folder of Hugo's (`_default/_shortcodes/`), every page.
            match path.split_once("/_shortcodes/") {
                Some((section, _)) if !section.split('/').any(|f| f.starts_with('_')) => {
                    sections.push((name.as_str(), section, inner));
                }
                _ => own.push((name.as_str(), inner)),
            }
        }
        // Hugo's own stays a variant unless the site or a theme has its path.
        if BUILT_IN.contains(&name.as_str())
            && !variants.contains_key(&format!("_shortcodes/{name}.html"))
        {
            own.push((name.as_str(), built_in_inner(name)));
        }
    }
    Some(
        Shortcodes::new(own)
            .with_sections(sections)
            .with_hooks(hooks),
    )
}

/// What a file under `layouts/` (`rel`, relative to it) renders, if it is
/// a render hook: a `render-<what>` template in a `_markup` folder at any
/// depth (`_markup/render-link.html`, `_default/_markup/render-image.html`,
/// `posts/_markup/render-link.rss.xml`), as Hugo 0.111 and 0.168 find one.
fn render_hook(rel: &Path) -> Option<&str> {
    let mut parts = rel.iter().rev();
    let name = parts.next()?.to_str()?;
    let folder = parts.next()?.to_str()?;
    (folder == "_markup").then_some(())?;
    name.split('.').next()?.strip_prefix("render-")
}

/// `Some` when no folder of `config/` holds modules (a `module.*` file,
/// in which a site split by key lists its imports) and no environment but
/// the default and production ones (whose files [`hugo::configs`] reads)
/// sets themes or a themes folder: `config/staging/hugo.toml` may build
/// with others.
fn environments_agree(files: &dyn SiteFiles) -> Option<()> {
    for env in files.folders_in(Path::new("config"))? {
        let folder = Path::new("config").join(&env);
        for file in files.files_in(&folder)? {
            let name = file.to_str()?;
            match name.split('.').next() {
                Some("module") => return None,
                Some("hugo" | "config") if env != "_default" && env != "production" => {
                    let text = files.read_text(&folder.join(&file))?;
                    if let Some(root) = hugo::root_of(name, &text)? {
                        let settings = Settings::of(&root)?;
                        if !settings.themes.is_empty() || settings.themes_dir.is_some() {
                            return None;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Some(())
}

/// `Some` when the theme at `base` brings no other: no `config/` folder
/// (which Hugo reads over its file, and which may mount or import), no
/// configuration naming themes, no `go.mod` requiring modules (many themes
/// have one that requires none, for use as a module themselves).
fn theme_stands_alone(files: &dyn SiteFiles, base: &Path) -> Option<()> {
    if files.folders_in(base)?.iter().any(|f| f == "config") {
        return None;
    }
    for config in ROOT_FILES {
        let path = base.join(config);
        if !files.is_file(&path) {
            continue;
        }
        let text = files.read_text(&path)?;
        if let Some(root) = hugo::root_of(config, &text)?
            && !Settings::of(&root)?.themes.is_empty()
        {
            return None;
        }
    }
    let go_mod = base.join("go.mod");
    if files.is_file(&go_mod) {
        let text = files.read_text(&go_mod)?;
        if text.lines().any(|l| l.trim_start().starts_with("require")) {
            return None;
        }
    }
    Some(())
}

/// What a configuration file says of themes: the themes it names, and
/// the themes folder; `None` when it holds Hugo modules (imports or
/// mounts), whose shortcodes repere cannot see, or a value it cannot read.
struct Settings {
    themes: Vec<String>,
    themes_dir: Option<String>,
}

impl Settings {
    fn of(root: &Node) -> Option<Settings> {
        let themes = match hugo::entry(root, "theme").map(|n| &n.value) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::String(s, _)) if s.trim().is_empty() => Vec::new(),
            Some(Value::String(s, _)) => vec![s.trim().to_string()],
            Some(Value::Seq(items)) => items
                .iter()
                .map(|i| match &i.value {
                    Value::String(s, _) => Some(s.trim().to_string()),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>()?,
            Some(_) => return None,
        };
        // Another layouts folder (`layoutDir`, deprecated but still read).
        if hugo::entry(root, "layoutDir").is_some() {
            return None;
        }
        let themes_dir = match hugo::entry(root, "themesDir").map(|n| &n.value) {
            None => None,
            Some(Value::String(s, _)) => Some(s.clone()),
            Some(_) => return None,
        };
        if let Some(module) = hugo::entry(root, "module") {
            let holds = |key: &str| {
                hugo::entry(module, key).is_some_and(|n| match &n.value {
                    Value::Seq(items) => !items.is_empty(),
                    Value::Map(entries) => !entries.is_empty(),
                    Value::Null => false,
                    _ => true,
                })
            };
            if holds("imports") || holds("mounts") {
                return None;
            }
        }
        Some(Settings { themes, themes_dir })
    }
}

/// Whether a shortcode template reads `.Inner`, as Hugo tells it: an
/// action naming the field `Inner` or `InnerDeindent` (`{{ .Inner }}`,
/// `{{ $.InnerDeindent | markdownify }}`, `{{ with .Inner }}`), outside the
/// template's comments and strings. [`Inner::Unknown`] when repere cannot
/// tell as Hugo does: a `define`, `block` or `template` action (another
/// template, which Hugo reads for this and repere does not: a shortcode
/// wrapping `highlight` reads `.Inner` through it), `.Inner` inside
/// parentheses (`(dict "i" .Inner).i` does not count for Hugo, `(.Inner)`
/// does) or as the field of a value in them (`(.Get 0).Inner`), an action
/// never closed.
fn reads_inner(template: &str) -> Inner {
    let b = template.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80;
    let space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r');
    let mut reads = false;
    let mut from = 0;
    while let Some(found) = memchr::memmem::find(&b[from..], b"{{") {
        let mut i = from + found + 2;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        i += b[i..].iter().take_while(|c| space(c)).count();
        if b[i..].starts_with(b"/*") {
            let Some(end) = memchr::memmem::find(&b[i + 2..], b"*/") else {
                return Inner::Unknown;
            };
            from = i + 2 + end + 2;
            continue;
        }
        let word_end = i + b[i..].iter().take_while(|&&c| ident(c)).count();
        if matches!(&b[i..word_end], b"define" | b"block" | b"template") {
            return Inner::Unknown;
        }
        let mut j = i;
        // Parentheses open around `j`: Hugo does not read a field of what
        // they give (`(dict "i" .Inner).i`).
        let mut depth = 0usize;
        loop {
            match b.get(j) {
                None => return Inner::Unknown,
                Some(b'}') if b.get(j + 1) == Some(&b'}') => break,
                Some(b'(') => {
                    depth += 1;
                    j += 1;
                }
                Some(b')') => {
                    depth = depth.saturating_sub(1);
                    j += 1;
                }
                Some(&quote @ (b'"' | b'\'')) => {
                    j += 1;
                    while j < b.len() && b[j] != quote {
                        j += if b[j] == b'\\' { 2 } else { 1 };
                    }
                    j += 1;
                }
                Some(b'`') => match memchr::memchr(b'`', &b[j + 1..]) {
                    Some(n) => j += n + 2,
                    None => return Inner::Unknown,
                },
                Some(b'.') => {
                    let start = j + 1;
                    let end = start + b[start..].iter().take_while(|&&c| ident(c)).count();
                    if matches!(&b[start..end], b"Inner" | b"InnerDeindent") {
                        if depth > 0 || (j > 0 && b[j - 1] == b')') {
                            return Inner::Unknown;
                        }
                        reads = true;
                    }
                    j = end.max(j + 1);
                }
                Some(_) => j += 1,
            }
        }
        from = j + 2;
    }
    if reads { Inner::Reads } else { Inner::Ignores }
}

/// The shortcode a file under `layouts/` (`rel`, relative to it) is the
/// template of: the path after a `_shortcodes` folder at any depth, or
/// after `shortcodes` at the top, its last name cut at its first `.`
/// (`cartes/service.en.html` is `cartes/service`).
fn shortcode_name(rel: &Path) -> Option<String> {
    let parts: Vec<&str> = rel.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    let at = parts
        .iter()
        .enumerate()
        .find(|&(i, p)| *p == "_shortcodes" || (i == 0 && *p == "shortcodes"))?
        .0;
    let (last, folders) = parts.get(at + 1..)?.split_last()?;
    let stem = last.split('.').next().filter(|s| !s.is_empty())?;
    let mut name = folders.join("/");
    if !name.is_empty() {
        name.push('/');
    }
    name.push_str(stem);
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::memory::MemoryFiles;

    fn site(files: &[(&str, &str)]) -> Option<Shortcodes> {
        let files = MemoryFiles::new(
            files
                .iter()
                .map(|(p, t)| (PathBuf::from(p), Some(t.to_string()))),
        );
        of(&hugo::read_configs(&files.hugo_configs()), &files)
    }

    fn own(s: &Shortcodes) -> Vec<&str> {
        s.own().collect()
    }

    #[test]
    fn the_names_of_templates() {
        let name = |p: &str| shortcode_name(Path::new(p));
        assert_eq!(name("shortcodes/carte.html").as_deref(), Some("carte"));
        assert_eq!(name("_shortcodes/carte.en.html").as_deref(), Some("carte"));
        assert_eq!(
            name("_shortcodes/cartes/service.html").as_deref(),
            Some("cartes/service")
        );
        assert_eq!(name("docs/_shortcodes/note.html").as_deref(), Some("note"));
        assert_eq!(name("partials/carte.html"), None);
        assert_eq!(name("docs/shortcodes/carte.html"), None);
        assert_eq!(name("_shortcodes/.html"), None);
    }

    #[test]
    fn a_site_s_own_and_its_themes() {
        let s = site(&[
            ("hugo.toml", "theme = 'PaperMod'\n"),
            ("layouts/shortcodes/service-cards.html", ""),
            ("layouts/_shortcodes/cartes/service.en.html", ""),
            ("themes/PaperMod/layouts/shortcodes/collapse.html", ""),
            ("themes/Autre/layouts/_shortcodes/rawhtml.html", ""),
            ("content/posts/a.md", "---\n---\n"),
        ])
        .unwrap();
        assert_eq!(
            own(&s),
            ["cartes/service", "collapse", "rawhtml", "service-cards"]
        );
        assert!(s.has("youtube") && s.has("Service-Cards") && !s.has("youtub"));
    }

    /// A section's templates serve the pages under its folder of
    /// `content/` only (Hugo 0.168 finds `layouts/docs/_shortcodes/x.html`
    /// for `content/docs/a.md` and `content/docs/b/c.md`, not for
    /// `content/docs2/` nor `content/posts/`), as variants of the site's;
    /// under a folder of Hugo's (`_default/`), every page's.
    #[test]
    fn a_section_s_templates_serve_its_pages() {
        let s = site(&[
            ("hugo.toml", ""),
            ("layouts/docs/_shortcodes/dnote.html", "{{ .Inner }}"),
            ("layouts/docs/guides/_shortcodes/gnote.html", ""),
            ("layouts/docs/_shortcodes/plain.html", "{{ .Inner }}"),
            ("layouts/_shortcodes/plain.html", ""),
            ("layouts/_default/_shortcodes/anywhere.html", ""),
            ("content/posts/a.md", "---\n---\n"),
        ])
        .unwrap();
        assert_eq!(own(&s), ["anywhere", "plain"]);
        let at = |folder: Option<&str>, name: &str| {
            let k = s.for_folder(folder);
            k.has(name).then(|| k.inner(name))
        };
        assert_eq!(at(Some("posts"), "dnote"), None);
        assert_eq!(at(Some("docs2"), "dnote"), None);
        assert_eq!(at(Some(""), "anywhere"), Some(Inner::Ignores));
        assert_eq!(at(Some("docs"), "dnote"), Some(Inner::Reads));
        assert_eq!(at(Some("docs/b"), "dnote"), Some(Inner::Reads));
        assert_eq!(at(Some("docs"), "gnote"), None);
        assert_eq!(at(Some("docs/guides"), "gnote"), Some(Inner::Ignores));
        // Both templates are variants in the section: unknown.
        assert_eq!(at(Some("posts"), "plain"), Some(Inner::Ignores));
        assert_eq!(at(Some("docs"), "plain"), Some(Inner::Unknown));
        // A page outside `content/`: every section's.
        assert_eq!(at(None, "gnote"), Some(Inner::Ignores));
        assert_eq!(s.sections_of("dnote"), ["docs"]);
        assert!(s.sections_of("plain").contains(&"docs"));
    }

    /// Whether a site's templates read `.Inner`, with its themes' and
    /// Hugo's own: the site's template overrides theirs at its path;
    /// variants (other paths) that disagree are unknown.
    #[test]
    fn what_templates_do_with_inner() {
        let s = site(&[
            ("layouts/shortcodes/note.html", "<div>{{ .Inner }}</div>"),
            ("layouts/shortcodes/note.json", "{{ .Inner | jsonify }}"),
            ("layouts/shortcodes/carte.html", "{{ .Get 0 }}"),
            ("layouts/shortcodes/mixte.html", "{{ .Inner }}"),
            ("layouts/shortcodes/mixte.amp.html", "amp"),
            ("layouts/shortcodes/figure.html", "{{ .Inner }}"),
            ("layouts/shortcodes/youtube.html", "{{ .Get 0 }}"),
            ("layouts/_shortcodes/vimeo.amp.html", "{{ .Inner }}"),
            // A theme's template at the site's path is not used.
            ("hugo.toml", "theme = 'a'\n"),
            ("themes/a/layouts/shortcodes/note.html", "{{ .Get 0 }}"),
            ("themes/a/layouts/shortcodes/carte.amp.html", "{{ .Inner }}"),
            ("themes/a/layouts/shortcodes/encadre.html", "{{ .Inner }}"),
            ("themes/b/layouts/_shortcodes/encadre.html", "{{ .Inner }}"),
        ])
        .unwrap();
        let inner = |name: &str| s.inner(name);
        assert_eq!(inner("note"), Inner::Reads);
        assert_eq!(inner("mixte"), Inner::Unknown);
        // The site's `figure.html` is used instead of Hugo's own.
        assert_eq!(inner("figure"), Inner::Reads);
        assert_eq!(inner("youtube"), Inner::Ignores);
        // Hugo's own `vimeo.html` stays beside the site's AMP variant.
        assert_eq!(inner("vimeo"), Inner::Unknown);
        // A theme's variant beside the site's: either may be used.
        assert_eq!(inner("Carte"), Inner::Unknown);
        assert_eq!(inner("encadre"), Inner::Reads);
        assert_eq!(inner("highlight"), Inner::Reads);
        assert_eq!(inner("speakerdeck"), Inner::Unknown);
        assert_eq!(inner("absent"), Inner::Unknown);
    }

    /// A template reads `.Inner` when an action names the field, as Hugo
    /// tells it (each case checked with Hugo 0.111 where it tells).
    #[test]
    fn a_template_reads_inner() {
        for (template, expected) in [
            ("<div>{{ .Inner }}</div>", Inner::Reads),
            ("{{ $.InnerDeindent | markdownify }}", Inner::Reads),
            ("{{ with .Inner }}{{ . }}{{ end }}", Inner::Reads),
            ("{{ $x := . }}{{ $x.Inner }}", Inner::Reads),
            ("{{- .Page.RenderString .Inner -}}", Inner::Reads),
            ("{{ `}}` }}{{ .Inner }}", Inner::Reads),
            ("{{ .Get 0 }}", Inner::Ignores),
            ("{{/* .Inner */}}x", Inner::Ignores),
            ("{{- /* .Inner\n */ -}}x", Inner::Ignores),
            ("{{ \"x .Inner\" }}", Inner::Ignores),
            ("<p>.Inner</p>{{ .Get \"Inner\" }}", Inner::Ignores),
            ("{{ .Innerx }}{{ .Page.Title }}", Inner::Ignores),
            ("", Inner::Ignores),
            // Hugo does not count these; repere does not tell.
            ("{{ (.Get 0).Inner }}", Inner::Unknown),
            ("{{ (dict \"i\" .Inner).i }}", Inner::Unknown),
            (
                "{{ template \"_internal/shortcodes/highlight.html\" . }}",
                Inner::Unknown,
            ),
            ("{{- template \"p.html\" .Inner -}}", Inner::Unknown),
            ("{{ define \"x\" }}{{ .Inner }}{{ end }}", Inner::Unknown),
            ("{{- block \"x\" . }}{{ end }}", Inner::Unknown),
            ("{{ .Inner ", Inner::Unknown),
            ("{{/* .Inner ", Inner::Unknown),
        ] {
            assert_eq!(reads_inner(template), expected, "{template}");
        }
    }

    #[test]
    fn what_cannot_be_seen_makes_them_unknown() {
        let layouts = ("layouts/shortcodes/carte.html", "");
        // No configuration: the site may be built with another.
        assert_eq!(site(&[layouts]), None);
        assert!(site(&[("hugo.toml", ""), layouts]).is_some());
        // The configuration folder's own file is one, another of its files
        // (`params.toml`, `menus.toml`) none.
        assert!(site(&[("config/_default/hugo.toml", ""), layouts]).is_some());
        assert!(site(&[("config/_default/config.yaml", "{}"), layouts]).is_some());
        assert_eq!(site(&[("config/_default/markup.toml", ""), layouts]), None);
        for unknown in [
            vec![("hugo.toml", "theme = 'absent'\n")],
            vec![("hugo.toml", ""), ("go.mod", "module x\n")],
            vec![
                ("hugo.toml", ""),
                ("config/_default/module.toml", "[[imports]]\n"),
            ],
            vec![(
                "hugo.yaml",
                "module:\n  imports:\n    - path: github.com/x/y\n",
            )],
            vec![(
                "hugo.toml",
                "[[module.mounts]]\nsource = 'x'\ntarget = 'layouts'\n",
            )],
            vec![("hugo.toml", "theme = 3\n")],
            vec![("hugo.toml", "theme = [\n")],
            vec![
                ("hugo.toml", "theme = 'a'\n"),
                ("themes/a/hugo.toml", "theme = 'b'\n"),
                ("themes/a/layouts/shortcodes/x.html", ""),
            ],
            // Another layouts folder.
            vec![("hugo.toml", "layoutDir = 'gabarits'\n")],
            // A theme's `config/` folder, read over its file by Hugo.
            vec![
                ("hugo.toml", ""),
                ("themes/a/config/_default/module.toml", "[[mounts]]\n"),
            ],
            // A theme that requires modules.
            vec![
                ("hugo.toml", ""),
                (
                    "themes/a/go.mod",
                    "module a\n\nrequire github.com/x/y v1.0.0\n",
                ),
            ],
            // Another environment's themes or modules.
            vec![
                ("hugo.toml", ""),
                ("config/staging/hugo.toml", "themesDir = 'partages'\n"),
            ],
            vec![("hugo.toml", ""), ("config/development/module.yaml", "")],
        ] {
            let mut files = unknown.clone();
            files.push(layouts);
            assert_eq!(site(&files), None, "{unknown:?}");
        }
        // An empty `[module]` table or an empty list of imports holds none;
        // a theme's `go.mod` that requires nothing, another environment's
        // address, neither.
        assert!(site(&[("hugo.toml", "[module]\nimports = []\n"), layouts]).is_some());
        assert!(
            site(&[
                ("hugo.toml", ""),
                ("themes/a/go.mod", "module github.com/a/a\n\ngo 1.20\n"),
                (
                    "config/development/hugo.toml",
                    "baseURL = 'http://localhost/'\n"
                ),
                layouts
            ])
            .is_some()
        );
        // A configuration file that cannot be read.
        let unread = MemoryFiles::new([
            (PathBuf::from("hugo.toml"), Some(String::new())),
            (PathBuf::from("config/_default/hugo.toml"), None),
        ]);
        assert_eq!(
            of(&hugo::read_configs(&unread.hugo_configs()), &unread),
            None
        );
        // Another themes folder.
        let s = site(&[
            ("hugo.toml", "themesDir = 'vendor-themes'\ntheme = ['a']\n"),
            ("vendor-themes/a/layouts/shortcodes/encadre.html", ""),
        ])
        .unwrap();
        assert_eq!(own(&s), ["encadre"]);
    }
}
