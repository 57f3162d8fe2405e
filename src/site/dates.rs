//! A page's publish and expiry days, as Hugo resolves them: from the
//! sources its `[frontmatter]` configuration lists for each date (front
//! matter keys, `:filename`, `:default`), first found first.
//!
//! Hugo's defaults:
//!
//! ```toml
//! [frontmatter]
//! date = ["date", "publishdate", "lastmod"]
//! publishDate = ["publishdate", "date"]
//! expiryDate = ["expirydate"]
//! ```
//!
//! each key followed by its aliases (`pubdate` and `published` for
//! `publishdate`, `unpublishdate` for `expirydate`, `modified` for
//! `lastmod`). Keys are read in any case. The dates are resolved in Hugo's
//! order, `date` first, and each one found is also the value of its key for
//! those after it when the front matter does not set that key: with `date
//! = [":filename"]`, a page without `date:` is published on its file name's
//! day, since `publishDate` falls back to `date`.
//!
//! What repere cannot know stops the reading: `:git` and `:fileModTime`,
//! a key of the site's own (`releaseDate`), and `lastmod`, which Hugo may
//! have taken from Git. A day that cannot be known is `None`, and no link
//! is reported for it.

use std::path::Path;

/// The date keys repere reads, lowercased as Hugo compares them.
pub const DATE_KEYS: [&str; 8] = [
    "date",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
    "expirydate",
    "unpublishdate",
];

const DATE: usize = 0;
const PUBLISH: usize = 1;
const LASTMOD: usize = 4;

/// The day each of [`DATE_KEYS`] gives in a page's front matter, as
/// [`super::day_number`] writes it (`None`: not set, or no date).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrontDays(pub [Option<u32>; DATE_KEYS.len()]);

impl FrontDays {
    /// The days of a front matter's date keys, `value` giving a key's
    /// text (any case of the key).
    pub fn read(value: impl Fn(&str) -> Option<String>) -> FrontDays {
        FrontDays(DATE_KEYS.map(|k| value(k).as_deref().and_then(super::day_number)))
    }
}

/// Where a date is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// A front matter key, by its index in [`DATE_KEYS`].
    Key(usize),
    /// The day that starts the file name (a leaf bundle's folder name).
    FileName,
    /// What repere cannot know: Git, the file's time, another key.
    Unknown,
}

/// Which of a page's dates a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Said {
    /// A front matter key (one of [`DATE_KEYS`]), directly or as the value
    /// another date gave it.
    Key(&'static str),
    /// The date that starts the file name.
    FileName,
}

impl Said {
    /// How a message names it: `` `expirydate` ``, `its file name`.
    pub fn shown(self) -> String {
        match self {
            Said::Key(k) => format!("`{k}`"),
            Said::FileName => "its file name".to_string(),
        }
    }
}

/// The sources of a site's `date`, `publishDate` and `expiryDate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateSources {
    date: Vec<Source>,
    publish: Vec<Source>,
    expiry: Vec<Source>,
}

const DEFAULT_DATE: &[&str] = &["date", "publishdate", "lastmod"];
const DEFAULT_PUBLISH: &[&str] = &["publishdate", "date"];
const DEFAULT_EXPIRY: &[&str] = &["expirydate"];

impl Default for DateSources {
    fn default() -> Self {
        DateSources::new(None, None, None)
    }
}

impl DateSources {
    /// The sources the configuration lists for each date (`None`: not set,
    /// Hugo's default), as written (`:default` stands for the default).
    pub fn new(
        date: Option<Vec<String>>,
        publish: Option<Vec<String>>,
        expiry: Option<Vec<String>>,
    ) -> DateSources {
        DateSources {
            date: sources(date, DEFAULT_DATE),
            publish: sources(publish, DEFAULT_PUBLISH),
            expiry: sources(expiry, DEFAULT_EXPIRY),
        }
    }

    /// The day a page is published on, and what says it; `None` when it
    /// has none, or it cannot be known. `file` is its path.
    pub fn publish(&self, days: &FrontDays, file: &Path) -> Option<(u32, Said)> {
        self.resolve(days, file).publish?
    }

    /// The day a page expires on, and what says it; `None` when it has
    /// none, or it cannot be known.
    pub fn expiry(&self, days: &FrontDays, file: &Path) -> Option<(u32, Said)> {
        self.resolve(days, file).expiry?
    }

    /// The dates in Hugo's order: each found sets its key for the next
    /// when the front matter does not (`Hugo`'s `setParamIfNotSet`).
    fn resolve(&self, days: &FrontDays, file: &Path) -> Resolved {
        let mut values: [Known; DATE_KEYS.len()] = std::array::from_fn(|i| match days.0[i] {
            Some(day) => Known::Day(day, Said::Key(DATE_KEYS[i])),
            None => Known::Absent,
        });
        // Hugo may set `lastmod` from Git when the front matter does not.
        if values[LASTMOD] == Known::Absent {
            values[LASTMOD] = Known::Unknown;
        }
        let date = first(&self.date, &values, file);
        set_if_absent(&mut values, DATE, date);
        let publish = first(&self.publish, &values, file);
        set_if_absent(&mut values, PUBLISH, publish);
        let expiry = first(&self.expiry, &values, file);
        Resolved {
            publish: publish.answer(),
            expiry: expiry.answer(),
        }
    }
}

struct Resolved {
    publish: Option<Option<(u32, Said)>>,
    expiry: Option<Option<(u32, Said)>>,
}

/// What a source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Day(u32, Said),
    Absent,
    Unknown,
}

impl Known {
    /// `None`: not known; `Some(None)`: none.
    fn answer(self) -> Option<Option<(u32, Said)>> {
        match self {
            Known::Day(day, said) => Some(Some((day, said))),
            Known::Absent => Some(None),
            Known::Unknown => None,
        }
    }
}

fn set_if_absent(values: &mut [Known], key: usize, found: Known) {
    if values[key] == Known::Absent {
        values[key] = found;
    }
}

/// The first source that gives a day; [`Known::Unknown`] when one that
/// cannot be known comes first.
fn first(sources: &[Source], values: &[Known], file: &Path) -> Known {
    for source in sources {
        let found = match *source {
            Source::Key(k) => values[k],
            Source::FileName => {
                file_day(file).map_or(Known::Absent, |d| Known::Day(d, Said::FileName))
            }
            Source::Unknown => Known::Unknown,
        };
        if found != Known::Absent {
            return found;
        }
    }
    Known::Absent
}

/// The day that starts a page's file name, or its folder's for a leaf
/// bundle's `index` page (`2025-03-10-slug/index.md`).
fn file_day(file: &Path) -> Option<u32> {
    let stem = file.file_stem()?.to_str()?;
    let name = if stem == "index" {
        file.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    super::day_number(name.get(..10)?)
}

/// A configured list of sources, lowercased, `:default` replaced by
/// `default`, each key followed by its aliases, each once.
fn sources(listed: Option<Vec<String>>, default: &[&str]) -> Vec<Source> {
    let listed: Vec<String> = match listed {
        Some(l) => l.iter().map(|s| s.trim().to_lowercase()).collect(),
        None => vec![":default".to_string()],
    };
    let mut names: Vec<String> = Vec::new();
    for name in listed {
        let expanded: Vec<String> = if name == ":default" {
            default.iter().map(|s| s.to_string()).collect()
        } else {
            vec![name]
        };
        for n in expanded {
            let aliases: &[&str] = match n.as_str() {
                "lastmod" => &["modified"],
                "publishdate" => &["pubdate", "published"],
                "expirydate" => &["unpublishdate"],
                _ => &[],
            };
            for a in std::iter::once(n.as_str()).chain(aliases.iter().copied()) {
                if !names.iter().any(|x| x == a) {
                    names.push(a.to_string());
                }
            }
        }
    }
    names
        .iter()
        .map(|n| match n.as_str() {
            ":filename" => Source::FileName,
            key => DATE_KEYS
                .iter()
                .position(|k| *k == key)
                .map_or(Source::Unknown, Source::Key),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(pairs: &[(&str, &str)]) -> FrontDays {
        FrontDays::read(|k| {
            pairs
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.to_string())
        })
    }

    fn list(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn hugo_defaults() {
        let s = DateSources::default();
        let p = Path::new("posts/2025-01-01-x.md");
        // `publishDate`, then its aliases, then `date`.
        let of = |pairs: &[(&str, &str)]| s.publish(&days(pairs), p).map(|(d, _)| d);
        assert_eq!(of(&[("date", "2025-03-10")]), Some(20250310));
        assert_eq!(
            of(&[("date", "2025-03-10"), ("publishDate", "2999-01-02")]),
            Some(29990102)
        );
        assert_eq!(
            of(&[("pubdate", "2999-01-03"), ("date", "2025-03-10")]),
            Some(29990103)
        );
        // A date that is none is skipped, as Hugo logs it and goes on.
        assert_eq!(
            of(&[("publishDate", "soon"), ("date", "2025-03-10")]),
            Some(20250310)
        );
        // The file name gives no date by default.
        assert_eq!(of(&[]), None);
        assert_eq!(
            s.expiry(&days(&[("unpublishdate", "2020-01-01")]), p),
            Some((20200101, Said::Key("unpublishdate")))
        );
        assert_eq!(s.expiry(&days(&[("date", "2020-01-01")]), p), None);
    }

    #[test]
    fn the_file_name_dates_a_page_through_date() {
        // `date = [":filename", ":default"]`: `publishDate` falls back to
        // `date`, which the file name set.
        let s = DateSources::new(list(&[":filename", ":default"]), None, None);
        let of = |file: &str, pairs: &[(&str, &str)]| s.publish(&days(pairs), Path::new(file));
        assert_eq!(
            of("posts/2999-01-01-x.md", &[]),
            Some((29990101, Said::FileName))
        );
        assert_eq!(
            of("posts/2999-01-01-x/index.md", &[]),
            Some((29990101, Said::FileName))
        );
        // The front matter's `date` is its own: the file name does not
        // replace it.
        assert_eq!(
            of("posts/2999-01-01-x.md", &[("date", "2025-03-10")]),
            Some((20250310, Said::Key("date")))
        );
        assert_eq!(of("posts/x.md", &[]), None);
        assert_eq!(of("posts/_index.md", &[]), None);
        // Listed for `publishDate` itself.
        let s = DateSources::new(None, list(&[":fileName"]), None);
        assert_eq!(
            s.publish(
                &days(&[("date", "2025-03-10")]),
                Path::new("2999-02-03-x.md")
            ),
            Some((29990203, Said::FileName))
        );
    }

    #[test]
    fn what_cannot_be_known_gives_no_day() {
        for listed in [
            &[":git", "date"][..],
            &[":fileModTime"],
            &["releaseDate", "date"],
            &["lastmod"],
        ] {
            let s = DateSources::new(None, list(listed), None);
            assert_eq!(
                s.publish(&days(&[("date", "2999-01-01")]), Path::new("x.md")),
                None,
                "{listed:?}"
            );
        }
        // Known before it: that day.
        let s = DateSources::new(None, list(&["date", ":git"]), None);
        assert_eq!(
            s.publish(&days(&[("date", "2999-01-01")]), Path::new("x.md")),
            Some((29990101, Said::Key("date")))
        );
        // A `lastmod` of the front matter is known.
        let s = DateSources::new(None, list(&["lastmod"]), None);
        assert_eq!(
            s.publish(&days(&[("lastmod", "2999-01-01")]), Path::new("x.md")),
            Some((29990101, Said::Key("lastmod")))
        );
    }

    #[test]
    fn expiry_may_come_from_another_date() {
        let s = DateSources::new(None, None, list(&["expirydate", "publishdate"]));
        assert_eq!(
            s.expiry(&days(&[("date", "2020-05-06")]), Path::new("x.md")),
            Some((20200506, Said::Key("date")))
        );
    }
}
