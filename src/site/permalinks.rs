//! Hugo's `[permalinks]`: the address of a section's regular pages made
//! from a pattern of tokens (`posts = "/:year/:month/:slug/"`), instead of
//! `/<section>/<slug>/`.
//!
//! Checked with Hugo 0.111 and 0.168 (a page `posts/2025-03-09-b-file.md`
//! titled « Titre B, vraiment », dated 2025-03-09, in a site whose
//! `[frontmatter] date` lists `:filename`):
//!
//! | token | gives |
//! | --- | --- |
//! | `:year`, `:month`, `:day` | `2025`, `03`, `09`, of the page's `date` |
//! | `:monthname`, `:weekday`, `:weekdayname`, `:yearday` | `march`, `0` (Sunday) to `6`, `sunday`, `68` |
//! | `:section`, `:sections` | `posts` (the top-level folder; `:sections` its folders below too) |
//! | `:title` | `titre-b-vraiment`: the title as an address segment |
//! | `:slug` | the `slug`, else the file name without its date when the site takes dates from file names and the name has one, else the title |
//! | `:filename` | `2025-03-09-b-file` (a bundle: its folder's name) |
//! | `:slugorfilename` | the `slug` (or the file name's, as for `:slug`), else the file name |
//! | `:contentbasename` | the file name, as `:filename` (Hugo 0.144 and later) |
//! | `:contentbasenameorslug` | the `slug` (as for `:slugorfilename`), else the file name |
//!
//! A pattern with another token (`:sections[1:]`, a site's own), or a page
//! whose date or title repere cannot know, gives no address: the site's
//! addresses are then not all known (see [`Permalinks::expand`]).

use super::{days_from_civil, paths};

/// The patterns of a site's `[permalinks]`, by top-level section, for
/// its regular pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Permalinks(Vec<(String, String)>);

/// What a page gives the tokens of a pattern.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageParts<'a> {
    /// Its folders under `content/`, as addresses name them (`posts`).
    pub dirs: &'a [String],
    pub title: Option<&'a str>,
    pub slug: Option<&'a str>,
    /// Its file name without the extension; a bundle's folder name.
    pub filename: &'a str,
    /// The slug its file name gives (without the date) when the site takes
    /// dates from file names and the name starts with one.
    pub named_slug: Option<&'a str>,
    /// Its `date`, as [`super::day_number`] writes it.
    pub day: Option<u32>,
}

impl Permalinks {
    /// From (section, pattern) pairs, as the configuration sets them; a
    /// later pair for the same section replaces an earlier one.
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Permalinks {
        let mut patterns: Vec<(String, String)> = Vec::new();
        for (section, pattern) in pairs {
            let section = section.to_lowercase();
            match patterns.iter_mut().find(|(s, _)| *s == section) {
                Some(entry) => entry.1 = pattern,
                None => patterns.push((section, pattern)),
            }
        }
        Permalinks(patterns)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pattern of the pages of the top-level folder `section`.
    pub fn of(&self, section: &str) -> Option<&str> {
        let section = section.to_lowercase();
        self.0
            .iter()
            .find(|(s, _)| *s == section)
            .map(|(_, p)| p.as_str())
    }

    /// The address `pattern` gives the page, or `None` when a token is one
    /// repere does not know, or asks for what the page does not say.
    pub fn expand(pattern: &str, page: &PageParts<'_>) -> Option<String> {
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut rest = pattern;
        while let Some(at) = rest.find(':') {
            out.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let len = after
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(after.len());
            let (token, tail) = after.split_at(len);
            // Go's slice syntax (`:sections[1:]`) is not read.
            if token.is_empty() || tail.starts_with('[') {
                return None;
            }
            out.push_str(&value(token, page)?);
            rest = tail;
        }
        out.push_str(rest);
        Some(out)
    }
}

/// What a token gives the page.
fn value(token: &str, page: &PageParts<'_>) -> Option<String> {
    let segment = |s: &str| paths::segment(s).into_owned();
    let title = || page.title.map(segment).filter(|t| !t.is_empty());
    let slug = || page.slug.map(segment).or(page.named_slug.map(segment));
    let day = || {
        page.day
            .filter(|d| days_from_civil(*d).is_some() && *d / 10_000 > 0)
    };
    Some(match token {
        "year" => format!("{:04}", day()? / 10_000),
        "month" => format!("{:02}", day()? / 100 % 100),
        "day" => format!("{:02}", day()? % 100),
        "monthname" => MONTHS
            .get((day()? / 100 % 100).checked_sub(1)? as usize)?
            .to_string(),
        "weekday" => weekday(day()?)?.to_string(),
        "weekdayname" => WEEKDAYS.get(weekday(day()?)?)?.to_string(),
        "yearday" => yearday(day()?)?.to_string(),
        "section" => segment(page.dirs.first()?),
        "sections" => {
            if page.dirs.is_empty() {
                return None;
            }
            page.dirs.join("/").to_lowercase()
        }
        "title" => title()?,
        "slug" => slug().or_else(title)?,
        "filename" | "contentbasename" => segment(page.filename),
        "slugorfilename" | "contentbasenameorslug" => {
            slug().unwrap_or_else(|| segment(page.filename))
        }
        _ => return None,
    })
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
];

/// Go's weekday of the day: 0 for Sunday.
fn weekday(day: u32) -> Option<usize> {
    // 1970-01-01 was a Thursday.
    Some((days_from_civil(day)? + 4).rem_euclid(7) as usize)
}

/// The day's number in its year, from 1.
fn yearday(day: u32) -> Option<i64> {
    let first = days_from_civil(day / 10_000 * 10_000 + 101)?;
    Some(days_from_civil(day)? - first + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The addresses Hugo 0.111 and 0.168 wrote for these pages (see the
    /// module): a page with a `slug`, a dated file name, a dated bundle, and
    /// a page without a date in its name, in a site that takes dates from
    /// file names.
    #[test]
    fn patterns_give_hugos_addresses() {
        let posts = ["posts".to_string()];
        let a = PageParts {
            dirs: &posts,
            title: Some("Été à Paris"),
            slug: Some("mon-slug"),
            filename: "2025-01-06-a",
            named_slug: Some("a"),
            day: Some(20250106),
        };
        let b = PageParts {
            dirs: &posts,
            title: Some("Titre B, vraiment"),
            slug: None,
            filename: "2025-03-09-b-file",
            named_slug: Some("b-file"),
            day: Some(20250309),
        };
        let bundle = PageParts {
            dirs: &posts,
            title: Some("Bundle X"),
            slug: None,
            filename: "2025-02-03-bundle-x",
            named_slug: Some("bundle-x"),
            day: Some(20250203),
        };
        let deep = PageParts {
            dirs: &posts,
            title: Some("Sub page"),
            slug: None,
            filename: "deep",
            named_slug: None,
            day: Some(20241225),
        };
        let cases: [(&str, [&str; 4]); 7] = [
            (
                "/:year/:month/:slug/",
                [
                    "/2025/01/mon-slug/",
                    "/2025/03/b-file/",
                    "/2025/02/bundle-x/",
                    "/2024/12/sub-page/",
                ],
            ),
            (
                "/:slug/",
                ["/mon-slug/", "/b-file/", "/bundle-x/", "/sub-page/"],
            ),
            (
                "/:title/",
                [
                    "/été-à-paris/",
                    "/titre-b-vraiment/",
                    "/bundle-x/",
                    "/sub-page/",
                ],
            ),
            (
                "/:filename/",
                [
                    "/2025-01-06-a/",
                    "/2025-03-09-b-file/",
                    "/2025-02-03-bundle-x/",
                    "/deep/",
                ],
            ),
            (
                "/:section/:year/:monthname/:day/:slug/",
                [
                    "/posts/2025/january/06/mon-slug/",
                    "/posts/2025/march/09/b-file/",
                    "/posts/2025/february/03/bundle-x/",
                    "/posts/2024/december/25/sub-page/",
                ],
            ),
            (
                "/:slugorfilename/",
                ["/mon-slug/", "/b-file/", "/bundle-x/", "/deep/"],
            ),
            (
                "/:contentbasename/",
                [
                    "/2025-01-06-a/",
                    "/2025-03-09-b-file/",
                    "/2025-02-03-bundle-x/",
                    "/deep/",
                ],
            ),
        ];
        for (pattern, expected) in cases {
            for (page, address) in [a, b, bundle, deep].iter().zip(expected) {
                assert_eq!(
                    Permalinks::expand(pattern, page).as_deref(),
                    Some(address),
                    "{pattern}"
                );
            }
        }
    }

    #[test]
    fn days_are_named_as_go_names_them() {
        let on = |day| PageParts {
            day: Some(day),
            ..PageParts::default()
        };
        // 2025-03-09 was a Sunday, the 68th day of its year.
        assert_eq!(
            Permalinks::expand("/:weekday/:weekdayname/:yearday/", &on(20250309)).as_deref(),
            Some("/0/sunday/68/")
        );
        assert_eq!(
            Permalinks::expand("/:yearday/", &on(20241231)).as_deref(),
            Some("/366/")
        );
        assert_eq!(Permalinks::expand("/:month/", &on(20251301)), None);
    }

    /// What repere cannot know gives no address.
    #[test]
    fn unknown_tokens_and_parts_give_none() {
        let page = PageParts {
            filename: "x",
            ..PageParts::default()
        };
        for pattern in [
            "/:year/:filename/",
            "/:sections[1:]/",
            "/:author/",
            "/:title/",
        ] {
            assert_eq!(Permalinks::expand(pattern, &page), None, "{pattern}");
        }
        assert_eq!(
            Permalinks::expand("/articles/:filename/", &page).as_deref(),
            Some("/articles/x/")
        );
    }

    #[test]
    fn a_later_pattern_for_a_section_wins() {
        let p = Permalinks::new([
            ("posts".to_string(), "/:slug/".to_string()),
            ("Posts".to_string(), "/:year/:slug/".to_string()),
        ]);
        assert_eq!(p.of("posts"), Some("/:year/:slug/"));
        assert_eq!(p.of("guides"), None);
    }
}
