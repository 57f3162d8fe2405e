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

use crate::yaml::Node;

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

/// The files of Hugo's configuration folder that may hold `[frontmatter]`:
/// Hugo merges them with the root file. `frontmatter.*` holds the table
/// alone.
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
];

/// The configuration files Hugo reads, as (name, text): the first of
/// [`ROOT_FILES`] that `exists`, then each of [`FOLDER_FILES`] that does;
/// a file `read` gives no text for (unreadable, too large) is left out.
pub fn configs(
    exists: impl Fn(&str) -> bool,
    read: impl Fn(&str) -> Option<String>,
) -> Vec<(String, String)> {
    let root = ROOT_FILES.iter().find(|name| exists(name));
    root.into_iter()
        .chain(FOLDER_FILES.iter().filter(|name| exists(name)))
        .filter_map(|name| Some((name.to_string(), read(name)?)))
        .collect()
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
pub fn dates(configs: &[(String, String)]) -> Dates {
    let mut read_one = false;
    for (name, text) in configs {
        let Some(table) = frontmatter(name, text) else {
            continue;
        };
        read_one = true;
        if let Some(dates) = table.as_ref().and_then(from_sources) {
            return dates;
        }
    }
    if read_one {
        Dates::Kept
    } else {
        Dates::Dropped
    }
}

/// The `[frontmatter]` table of a configuration file: `Some(None)` when the
/// file has none, `None` when it cannot be read as its format.
fn frontmatter(name: &str, text: &str) -> Option<Option<Node>> {
    let root = if name.ends_with(".toml") {
        crate::toml_tree::parse(text, 0).ok()?
    } else {
        // JSON is YAML.
        match crate::yaml::parse(text, 0).ok()?.root {
            Some(root) => root,
            None => return Some(None),
        }
    };
    if name.contains("frontmatter.") {
        return Some(Some(root));
    }
    // Hugo's keys are not case-sensitive (`frontMatter`).
    Some(
        root.as_map()
            .unwrap_or_default()
            .iter()
            .find(|(k, _)| {
                k.as_str()
                    .is_some_and(|k| k.eq_ignore_ascii_case("frontmatter"))
            })
            .map(|(_, v)| v.clone()),
    )
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

    fn one(name: &str, text: &str) -> Dates {
        dates(&[(name.to_string(), text.to_string())])
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

    /// The root file and the configuration folder are merged: the first
    /// that sets a date source decides.
    #[test]
    fn the_configuration_folder_counts_beside_the_root_file() {
        let configs = [
            (
                "hugo.toml".to_string(),
                "baseURL = 'https://x.org/'\n".to_string(),
            ),
            (
                "config/_default/frontmatter.toml".to_string(),
                "date = [':filename', ':default']\n".to_string(),
            ),
        ];
        assert_eq!(dates(&configs), Dates::Dropped);
    }
}
