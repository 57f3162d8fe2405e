//! What a site's Hugo configuration says of its addresses: whether the date
//! that starts a file name (`2025-02-10-creme-anglaise.md`) is part of the
//! page's address.
//!
//! Hugo keeps it by default (`/recettes/2025-02-10-creme-anglaise/`); it
//! drops it, and takes the page's date from it, when one of the date
//! settings of `[frontmatter]` lists `:filename`
//! (`date = [":filename", ":default"]`), as the career blog does. A site
//! without a configuration repere can read is taken to drop it, as that
//! blog's conventions say.

use crate::yaml::Node;

/// Where Hugo looks for its configuration, relative to the site's root, in
/// the order repere reads them: the first that exists is the one read.
/// `config/_default/frontmatter.*` holds the `[frontmatter]` table alone.
pub const CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
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

/// Whether file names' dates stay in addresses, by the configuration file
/// `name` (one of [`CONFIG_FILES`]) holding `text`; `None` when the text
/// cannot be read as its format.
pub fn keeps_dates(name: &str, text: &str) -> Option<bool> {
    let root = if name.ends_with(".toml") {
        crate::toml_tree::parse(text, 0).ok()?
    } else {
        // JSON is YAML.
        crate::yaml::parse(text, 0).ok()?.root?
    };
    let table = if name.contains("frontmatter.") {
        Some(&root)
    } else {
        // Hugo's keys are not case-sensitive (`frontMatter`).
        root.as_map()?
            .iter()
            .find(|(k, _)| {
                k.as_str()
                    .is_some_and(|k| k.eq_ignore_ascii_case("frontmatter"))
            })
            .map(|(_, v)| v)
    };
    Some(!table.is_some_and(names_filename))
}

/// Whether a setting of the `[frontmatter]` table lists `:filename`.
fn names_filename(table: &Node) -> bool {
    table.as_map().unwrap_or_default().iter().any(|(_, v)| {
        let listed: Vec<&Node> = match v.as_seq() {
            Some(items) => items.iter().collect(),
            None => vec![v],
        };
        listed.iter().any(|n| {
            n.as_str()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case(":filename"))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_stays_unless_a_date_setting_reads_the_file_name() {
        for (name, text, keeps) in [
            ("hugo.toml", "title = 'Recettes'\n", Some(true)),
            (
                "hugo.toml",
                "[frontmatter]\ndate = [':filename', ':default']\n",
                Some(false),
            ),
            (
                "config.yaml",
                "frontMatter:\n  publishDate: [':fileName', ':default']\n",
                Some(false),
            ),
            (
                "hugo.json",
                "{\"frontmatter\": {\"date\": [\":default\"]}}",
                Some(true),
            ),
            (
                "config/_default/frontmatter.toml",
                "date = [':filename']\n",
                Some(false),
            ),
            // `:filename` elsewhere (a permalink) is not a date setting.
            (
                "hugo.toml",
                "[permalinks]\nposts = '/:year/:filename/'\n",
                Some(true),
            ),
            ("hugo.toml", "[frontmatter\n", None),
        ] {
            assert_eq!(keeps_dates(name, text), keeps, "{name}: {text}");
        }
    }
}
