//! The languages of a Hugo site, and the one a page file is in, which
//! puts its address under the language's folder (`/en/posts/x/`).
//!
//! Checked with Hugo 0.111 and 0.168:
//! - the languages are the keys of `[languages]` (or of
//!   `config/_default/languages.*`), and `defaultContentLanguage` (`en`
//!   when no file sets it), which is one even on a site of one language;
//! - a page file whose name ends with a language's code before its
//!   extension (`cible.en.md`, `index.en.md`) is in that language, its
//!   address made from the name without the code (`/posts/cible/`); a file
//!   under a language's `contentDir` (`content/en/posts/x.md`) is in that
//!   language, its address made from its path under that folder; any
//!   other file is in the default language;
//! - a page of a language other than the default, or of any language with
//!   `defaultContentLanguageInSubdir = true`, is under `/<code>/`, as are
//!   its `[permalinks]` address and its section (`/en/posts/`, made only
//!   for a language with a page in it); a `url` is not (`url: /x/` is
//!   `/x/`) unless written without a leading `/` (`url: x/` is `/en/x/`);
//!   an alias written without one is under it, one written with one is
//!   under it in Hugo 0.168 and not in 0.111, so both are taken;
//! - a site of two languages or more has a home page for each (`/en/`),
//!   the default one's a redirect to `/` (`/fr/`), each with its feed and
//!   sitemap (`/en/index.xml`, `/en/sitemap.xml`);
//! - a language `disableLanguages` lists, or whose table says `disabled =
//!   true`, is not built;
//! - a language's table may set its own `[permalinks]`, over the site's.
//!
//! A language whose `contentDir` is outside `content/` has pages repere
//! does not read: no address under its folder is said to lead nowhere.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::hugo::{self, ConfigFile};
use crate::yaml::Value;

/// A site's languages (see the module).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    /// The codes, lowercased, the default one first.
    codes: Vec<String>,
    /// Whether the default language's pages are under its folder too.
    in_subdir: bool,
    /// The content folders languages set under `content/` (`en` for
    /// `content/en`), with the language's code.
    dirs: Vec<(PathBuf, String)>,
    /// The codes of languages whose content folder is outside `content/`.
    unseen: Vec<String>,
    /// The codes of languages Hugo does not build (`disableLanguages`, or
    /// `disabled = true`).
    disabled: Vec<String>,
    /// The `[permalinks]` a language's table sets
    /// (`[languages.en.permalinks]`), by code, as (section, pattern).
    pub permalinks: Vec<(String, Vec<(String, String)>)>,
}

impl Default for Languages {
    /// Hugo's default: English alone, at the root.
    fn default() -> Languages {
        Languages {
            codes: vec!["en".to_string()],
            in_subdir: false,
            dirs: Vec::new(),
            unseen: Vec::new(),
            disabled: Vec::new(),
            permalinks: Vec::new(),
        }
    }
}

/// Where a page file is, for its address: its path as if it were in the
/// default language's content (the language's folder and code taken
/// off), and the folder its addresses are under (`/en`, or empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InLanguage<'a> {
    pub rel: Cow<'a, Path>,
    pub prefix: String,
    /// The language's content folder `rel` was under, as a file's address
    /// starts with it (`/english`), or empty.
    pub folder: String,
    /// Whether Hugo builds the language's pages (see
    /// [`Languages::read`]).
    pub built: bool,
    /// The language's code.
    pub code: &'a str,
}

impl Languages {
    /// The languages of the site whose files are `files`, as its
    /// configuration says (see [`Languages::read`]).
    pub fn of_files(files: &dyn super::SiteFiles) -> Languages {
        Languages::read(&hugo::read_configs(&files.hugo_configs()))
    }

    /// What the configuration files say. A language listed in
    /// `disableLanguages`, or whose table says `disabled = true`, is not
    /// built: its pages, home page and sections are not there.
    pub fn read(configs: &[ConfigFile]) -> Languages {
        let default = hugo::root_setting(configs, "defaultContentLanguage")
            .and_then(|n| n.as_str().map(|s| s.trim().to_lowercase()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "en".to_string());
        let mut out = Languages {
            codes: vec![default],
            in_subdir: hugo::root_flag(configs, "defaultContentLanguageInSubdir"),
            ..Languages::default()
        };
        for config in configs {
            let Some(table) = config.table("languages").and_then(|t| t.as_map()) else {
                continue;
            };
            for (key, settings) in table {
                let Some(code) = key.as_str().map(|k| k.trim().to_lowercase()) else {
                    continue;
                };
                if code.is_empty() {
                    continue;
                }
                if !out.codes.contains(&code) {
                    out.codes.push(code.clone());
                }
                if let Some(table) = hugo::entry(settings, "permalinks") {
                    out.permalinks.retain(|(c, _)| *c != code);
                    out.permalinks
                        .push((code.clone(), hugo::permalink_pairs(table)));
                }
                let off = hugo::entry(settings, "disabled").map(|n| &n.value);
                if matches!(off, Some(Value::Bool(true))) && !out.disabled.contains(&code) {
                    out.disabled.push(code.clone());
                }
                let dir = hugo::entry(settings, "contentDir").and_then(|n| match &n.value {
                    Value::String(s, _) => Some(s.trim().trim_matches('/').to_string()),
                    _ => None,
                });
                let Some(dir) = dir else { continue };
                out.dirs.retain(|(_, c)| *c != code);
                out.unseen.retain(|c| *c != code);
                match dir.strip_prefix("content/") {
                    Some(under) if !under.is_empty() => {
                        out.dirs.push((PathBuf::from(under), code));
                    }
                    _ if dir == "content" => {}
                    _ => out.unseen.push(code),
                }
            }
        }
        if let Some(list) = hugo::root_setting(configs, "disableLanguages") {
            let codes = list.as_seq().unwrap_or_default();
            out.disabled.extend(
                codes
                    .iter()
                    .filter_map(|n| n.as_str())
                    .map(|c| c.trim().to_lowercase()),
            );
        }
        out
    }

    /// Whether Hugo builds the pages of the language `code`.
    fn built(&self, code: &str) -> bool {
        !self.disabled.iter().any(|c| c == code)
    }

    /// Whether the site has more than one language, or its default one in
    /// a folder: it then has a home page per language.
    pub fn many(&self) -> bool {
        self.codes.len() > 1 || self.in_subdir
    }

    /// The language of the page file `rel` (its path under `content/`),
    /// and its path as the address is made from it (see [`InLanguage`]).
    pub fn of<'a>(&'a self, rel: &'a Path) -> InLanguage<'a> {
        if let Some((dir, code)) = self.dirs.iter().find(|(dir, _)| rel.starts_with(dir)) {
            let under = rel.strip_prefix(dir).unwrap_or(rel);
            let rel = without_code(under, code).unwrap_or(Cow::Borrowed(under));
            return InLanguage {
                rel: Cow::Owned(rel.into_owned()),
                prefix: self.prefix(code),
                folder: format!("/{}", dir.to_string_lossy()),
                built: self.built(code),
                code,
            };
        }
        for code in &self.codes {
            if let Some(bare) = without_code(rel, code) {
                return InLanguage {
                    rel: bare,
                    prefix: self.prefix(code),
                    folder: String::new(),
                    built: self.built(code),
                    code,
                };
            }
        }
        InLanguage {
            rel: Cow::Borrowed(rel),
            prefix: self.prefix(&self.codes[0]),
            folder: String::new(),
            built: self.built(&self.codes[0]),
            code: &self.codes[0],
        }
    }

    /// Whether a `ref` is read in the language of the page it is in: the
    /// site has several languages, or content folders per language.
    pub fn per_language(&self) -> bool {
        self.many() || !self.dirs.is_empty()
    }

    /// The files under `content/` that hold the page `rel` (its path in
    /// the default language's tree: `posts/x.md`) in the language `code`:
    /// `posts/x.en.md`, or under the language's content folder; for the
    /// default language without one, `posts/x.md` first. A path written
    /// with a language's code (`posts/x.en.md`) names the page without it
    /// (Hugo 0.168 resolves it so; 0.111 not at all).
    pub fn files_in(&self, code: &str, rel: &str) -> Vec<String> {
        let bare = self
            .codes
            .iter()
            .find_map(|c| without_code(Path::new(rel), c))
            .map(|p| p.to_string_lossy().replace('\\', "/"));
        let rel = bare.as_deref().unwrap_or(rel);
        let coded = match rel.rsplit_once('.') {
            Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{code}.{ext}"),
            _ => rel.to_string(),
        };
        match self.dirs.iter().find(|(_, c)| c == code) {
            Some((dir, _)) => {
                let dir = dir.to_string_lossy().replace('\\', "/");
                vec![format!("{dir}/{rel}"), format!("{dir}/{coded}")]
            }
            None if code == self.codes[0] => vec![rel.to_string(), coded],
            None => vec![coded],
        }
    }

    /// The file name `name` without the code of a language it carries
    /// before its extension, and the code as written (`cible.EN.md` is
    /// `cible.md` and `EN`).
    pub fn code_in_name(&self, name: &str) -> Option<(String, String)> {
        let (bare, written, ext) = split_code(name)?;
        self.codes
            .iter()
            .any(|c| written.eq_ignore_ascii_case(c))
            .then(|| (format!("{bare}.{ext}"), written.to_string()))
    }

    /// The codes, the default one first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.codes.iter().map(String::as_str)
    }

    /// Whether `code` is one of the site's languages' (its default one's
    /// included), whatever its case.
    pub fn has(&self, code: &str) -> bool {
        self.codes.iter().any(|c| code.eq_ignore_ascii_case(c))
    }

    /// The default language's code.
    pub fn default_code(&self) -> &str {
        &self.codes[0]
    }

    /// The content folder of language `code` under `content/`, if it sets
    /// one there.
    pub fn content_dir(&self, code: &str) -> Option<&Path> {
        self.dirs
            .iter()
            .find(|(_, c)| c == code)
            .map(|(dir, _)| dir.as_path())
    }

    /// The folder the addresses of language `code` are under.
    pub fn prefix(&self, code: &str) -> String {
        if code == self.codes[0] && !self.in_subdir {
            String::new()
        } else {
            format!("/{code}")
        }
    }

    /// Whether `key` (a normalized address) is the home page of a
    /// language, which a site of several languages has (see the module).
    pub fn is_home(&self, key: &str) -> bool {
        self.many()
            && self
                .code_of(key)
                .is_some_and(|(code, rest)| rest == "/" && self.built(code))
    }

    /// Whether the home page at `key` (`/`, or a language's, see
    /// [`Languages::is_home`]) lists pages, with a feed: not the one that
    /// redirects to another (`/fr/` to `/`, or `/` to `/fr/` with
    /// `defaultContentLanguageInSubdir`).
    pub fn lists_home(&self, key: &str) -> bool {
        if key == "/" {
            return !self.in_subdir;
        }
        self.code_of(key)
            .is_some_and(|(code, rest)| rest == "/" && !self.prefix(code).is_empty())
    }

    /// The language whose folder `key` (a normalized address) is under,
    /// and the rest of it (`/en/posts/` is `en` and `/posts/`).
    pub fn code_of<'k>(&self, key: &'k str) -> Option<(&str, &'k str)> {
        let (first, _) = key.strip_prefix('/')?.split_once('/')?;
        let code = self.codes.iter().find(|c| *c == first)?;
        Some((code.as_str(), &key[1 + first.len()..]))
    }

    /// Whether `key` is under the folder of a language whose pages are
    /// outside `content/`, which repere does not read.
    pub fn unseen(&self, key: &str) -> bool {
        self.code_of(key)
            .is_some_and(|(code, _)| self.unseen.iter().any(|c| c == code))
    }
}

/// `rel` without the language code `code` before its extension
/// (`posts/cible.en.md` is `posts/cible.md`), if it has it.
fn without_code<'a>(rel: &'a Path, code: &str) -> Option<Cow<'a, Path>> {
    let (bare, written, ext) = split_code(rel.file_name()?.to_str()?)?;
    written
        .eq_ignore_ascii_case(code)
        .then(|| Cow::Owned(rel.with_file_name(format!("{bare}.{ext}"))))
}

/// A file name read as `<bare>.<code>.<ext>` (`cible.en.md`), whatever
/// the middle part is; `None` without two dots or before the first.
fn split_code(name: &str) -> Option<(&str, &str, &str)> {
    let (stem, ext) = name.rsplit_once('.')?;
    let (bare, code) = stem.rsplit_once('.')?;
    (!bare.is_empty()).then_some((bare, code, ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages(config: &str) -> Languages {
        Languages::read(&[ConfigFile::new("hugo.toml", config)])
    }

    /// What Hugo 0.111 and 0.168 made of these files.
    #[test]
    fn page_files_are_in_the_language_their_name_or_folder_says() {
        let site = languages(
            "defaultContentLanguage = 'fr'\n[languages.fr]\nweight = 1\n\
             [languages.en]\ncontentDir = 'content/english'\n[languages.de]\n",
        );
        let of = |rel: &str| {
            let found = site.of(Path::new(rel));
            (found.rel.to_string_lossy().into_owned(), found.prefix)
        };
        let is = |rel: &str, prefix: &str| (rel.to_string(), prefix.to_string());
        assert_eq!(of("posts/cible.md"), is("posts/cible.md", ""));
        assert_eq!(of("posts/cible.fr.md"), is("posts/cible.md", ""));
        assert_eq!(of("posts/cible.DE.md"), is("posts/cible.md", "/de"));
        assert_eq!(of("posts/b/index.de.md"), is("posts/b/index.md", "/de"));
        assert_eq!(of("english/posts/x.md"), is("posts/x.md", "/en"));
        // Not a language of the site: part of the name.
        assert_eq!(of("posts/v1.2.md"), is("posts/v1.2.md", ""));
        assert_eq!(of("posts/x.it.md"), is("posts/x.it.md", ""));
        assert!(site.many());
        assert!(site.is_home("/en/"));
        assert!(site.is_home("/fr/"));
        assert!(!site.is_home("/it/"));
        assert!(!site.is_home("/en/posts/"));
        assert_eq!(site.code_of("/de/posts/x/"), Some(("de", "/posts/x/")));
        assert_eq!(site.code_of("/deux/"), None);
        // One language: `.en` is still its code, and there is no `/en/`.
        let one = languages("");
        assert_eq!(
            one.of(Path::new("posts/c.en.md")).rel,
            Path::new("posts/c.md")
        );
        assert!(!one.is_home("/en/"));
        // The default language in its folder.
        let sub = languages("defaultContentLanguageInSubdir = true\n");
        assert_eq!(sub.of(Path::new("posts/c.md")).prefix, "/en");
        // A content folder outside `content/`: not read.
        let out = languages("[languages.en]\n[languages.es]\ncontentDir = 'contenido'\n");
        assert!(out.unseen("/es/posts/x/"));
        assert!(!out.unseen("/posts/x/"));
    }
}
