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
//! A key set to `""` or null is skipped, as Hugo skips it, and not filled
//! in either; `0001-01-01` (Go's zero time) is no date. What repere cannot
//! know stops the reading: `:git` and `:fileModTime`, a key of the site's
//! own (`releaseDate`), `lastmod` once `date` is resolved (Hugo may take it
//! from Git), and a value that is no date repere reads (`demain`, `10/03/2025`,
//! a number), which Hugo may read another way or fail on. A date that
//! cannot be known is [`DateOf::Unknown`], and no link is reported for it.

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

/// What a date key of a page's front matter holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Held {
    /// Not set.
    #[default]
    Unset,
    /// `""` or null: Hugo skips it, but it is set, so no other date fills
    /// it in.
    Blank,
    /// A day, as [`super::day_number`] writes it.
    On(u32),
    /// `0001-01-01`: Go's zero time, which Hugo takes as no date.
    Zero,
    /// Another value, which Hugo may read as a date repere does not, or
    /// fail on.
    Unreadable,
}

/// A date key's value as a front matter writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written<'a> {
    Unset,
    Null,
    Text(&'a str),
    /// A number, a boolean, a list…
    Other,
}

/// What each of [`DATE_KEYS`] holds in a page's front matter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrontDays(pub [Held; DATE_KEYS.len()]);

impl FrontDays {
    /// The days of a front matter's date keys, `value` giving a key's
    /// value (any case of the key).
    pub fn read<'a>(value: impl Fn(&str) -> Written<'a>) -> FrontDays {
        FrontDays(DATE_KEYS.map(|k| match value(k) {
            Written::Unset => Held::Unset,
            Written::Null => Held::Blank,
            Written::Text(t) if t.trim().is_empty() => Held::Blank,
            Written::Text(t) => match super::day_number(t) {
                Some(10_101) => Held::Zero,
                Some(day) => Held::On(day),
                None => Held::Unreadable,
            },
            Written::Other => Held::Unreadable,
        }))
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
            Said::FileName => "the date of its file name".to_string(),
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

    /// A page's `date` (what `[permalinks]` patterns read), and what says
    /// it. `file` is its path.
    pub fn date(&self, days: &FrontDays, file: &Path) -> DateOf {
        let values: [Known; DATE_KEYS.len()] = std::array::from_fn(|i| known(days.0[i], i));
        first(&self.date, &values, file).date()
    }

    /// The day a page is published on, and what says it (see [`DateOf`]).
    /// `file` is its path.
    pub fn publish(&self, days: &FrontDays, file: &Path) -> DateOf {
        self.resolve(days, file).0
    }

    /// The day a page expires on, and what says it.
    pub fn expiry(&self, days: &FrontDays, file: &Path) -> DateOf {
        self.resolve(days, file).1
    }

    /// The publish and expiry dates, in Hugo's order: `date` first (when
    /// `lastmod` can only come from the front matter), then `lastmod`,
    /// `publishDate` and `expiryDate`, each one found setting its key for
    /// those after it unless the front matter sets it, even blank (Hugo's
    /// `setParamIfNotSet`).
    fn resolve(&self, days: &FrontDays, file: &Path) -> (DateOf, DateOf) {
        let mut values: [Known; DATE_KEYS.len()] = std::array::from_fn(|i| known(days.0[i], i));
        let date = first(&self.date, &values, file);
        set_if_absent(&mut values, DATE, date);
        // Hugo may set `lastmod` from Git when the front matter does not.
        set_if_absent(&mut values, LASTMOD, Known::Unknown);
        let publish = first(&self.publish, &values, file);
        set_if_absent(&mut values, PUBLISH, publish);
        let expiry = first(&self.expiry, &values, file);
        (publish.date(), expiry.date())
    }
}

/// What the date key of index `key` holds, as the resolution reads it.
fn known(held: Held, key: usize) -> Known {
    match held {
        Held::Unset => Known::Absent,
        Held::Blank => Known::Blank,
        Held::On(day) => Known::Day(day, Said::Key(DATE_KEYS[key])),
        Held::Zero => Known::Zero,
        Held::Unreadable => Known::Unknown,
    }
}

/// A page's date, as its sources give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOf {
    /// A day, and what says it.
    On(u32, Said),
    /// None: Hugo gives the page no such date.
    None,
    /// Not known to repere (see the module).
    Unknown,
}

impl DateOf {
    /// Whether `test` holds for the day: true without one, false when it
    /// is not known (a linking page's day, against which a target's is
    /// told).
    pub fn allows(self, test: impl Fn(u32) -> bool) -> bool {
        match self {
            DateOf::On(day, _) => test(day),
            DateOf::None => true,
            DateOf::Unknown => false,
        }
    }

    /// The day, when there is one.
    pub fn day(self) -> Option<u32> {
        match self {
            DateOf::On(day, _) => Some(day),
            _ => None,
        }
    }
}

/// What a source gives, or a key holds while the dates are resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Day(u32, Said),
    /// Go's zero time: found, and no date.
    Zero,
    /// Set but blank: skipped, and not filled in.
    Blank,
    /// Not set: skipped, and filled in by a date found before.
    Absent,
    Unknown,
}

impl Known {
    fn date(self) -> DateOf {
        match self {
            Known::Day(day, said) => DateOf::On(day, said),
            Known::Zero | Known::Blank | Known::Absent => DateOf::None,
            Known::Unknown => DateOf::Unknown,
        }
    }
}

fn set_if_absent(values: &mut [Known], key: usize, found: Known) {
    if values[key] == Known::Absent {
        values[key] = found;
    }
}

/// The first source that gives a day (or Go's zero time); what cannot be
/// known when it comes first.
fn first(sources: &[Source], values: &[Known], file: &Path) -> Known {
    for source in sources {
        let found = match *source {
            Source::Key(k) => values[k],
            Source::FileName => match file_day(file) {
                Some(10_101) => Known::Zero,
                Some(day) => Known::Day(day, Said::FileName),
                None => Known::Absent,
            },
            Source::Unknown => Known::Unknown,
        };
        match found {
            Known::Blank | Known::Absent => {}
            _ => return found,
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
        // An empty name is a key no page sets.
        Some(l) => l
            .iter()
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect(),
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

    /// The front matter `pairs` (key, value; `~` for null).
    fn days(pairs: &[(&str, &str)]) -> FrontDays {
        FrontDays::read(
            |k| match pairs.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)) {
                None => Written::Unset,
                Some((_, "~")) => Written::Null,
                Some((_, v)) => Written::Text(v),
            },
        )
    }

    fn list(items: &[&str]) -> Option<Vec<String>> {
        Some(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn hugo_defaults() {
        let s = DateSources::default();
        let p = Path::new("posts/2025-01-01-x.md");
        // `publishDate`, then its aliases, then `date`.
        let of = |pairs: &[(&str, &str)]| s.publish(&days(pairs), p).day();
        assert_eq!(of(&[("date", "2025-03-10")]), Some(20250310));
        assert_eq!(
            of(&[("date", "2025-03-10"), ("publishDate", "2999-01-02")]),
            Some(29990102)
        );
        assert_eq!(
            of(&[("pubdate", "2999-01-03"), ("date", "2025-03-10")]),
            Some(29990103)
        );
        // Blank is skipped, as Hugo does.
        assert_eq!(
            of(&[("publishDate", ""), ("date", "2025-03-10")]),
            Some(20250310)
        );
        assert_eq!(
            of(&[("publishDate", "~"), ("date", "2025-03-10")]),
            Some(20250310)
        );
        // What repere cannot read may be a date to Hugo: not known.
        assert_eq!(
            s.publish(&days(&[("publishDate", "soon"), ("date", "2025-03-10")]), p),
            DateOf::Unknown
        );
        // Go's zero time is no date.
        assert_eq!(
            s.publish(
                &days(&[("publishDate", "0001-01-01"), ("date", "2999-01-01")]),
                p
            ),
            DateOf::None
        );
        // The file name gives no date by default.
        assert_eq!(s.publish(&days(&[]), p), DateOf::None);
        assert_eq!(
            s.expiry(&days(&[("unpublishdate", "2020-01-01")]), p),
            DateOf::On(20200101, Said::Key("unpublishdate"))
        );
        assert_eq!(s.expiry(&days(&[("date", "2020-01-01")]), p), DateOf::None);
    }

    #[test]
    fn the_file_name_dates_a_page_through_date() {
        // `date = [":filename", ":default"]`: `publishDate` falls back to
        // `date`, which the file name set.
        let s = DateSources::new(list(&[":filename", ":default"]), None, None);
        let of = |file: &str, pairs: &[(&str, &str)]| s.publish(&days(pairs), Path::new(file));
        assert_eq!(
            of("posts/2999-01-01-x.md", &[]),
            DateOf::On(29990101, Said::FileName)
        );
        assert_eq!(
            of("posts/2999-01-01-x/index.md", &[]),
            DateOf::On(29990101, Said::FileName)
        );
        // The front matter's `date` is its own: the file name does not
        // replace it, even blank.
        assert_eq!(
            of("posts/2999-01-01-x.md", &[("date", "2025-03-10")]),
            DateOf::On(20250310, Said::Key("date"))
        );
        assert_eq!(of("posts/2999-01-01-x.md", &[("date", "")]), DateOf::None);
        assert_eq!(of("posts/x.md", &[]), DateOf::None);
        assert_eq!(of("posts/_index.md", &[]), DateOf::None);
        // Listed after the front matter's keys: `lastmod` is read from
        // the front matter alone while `date` is resolved.
        let s = DateSources::new(list(&[":default", ":filename"]), None, None);
        assert_eq!(
            s.publish(&days(&[]), Path::new("posts/2999-01-01-x.md")),
            DateOf::On(29990101, Said::FileName)
        );
        // Listed for `publishDate` itself.
        let s = DateSources::new(None, list(&[":fileName"]), None);
        assert_eq!(
            s.publish(
                &days(&[("date", "2025-03-10")]),
                Path::new("2999-02-03-x.md")
            ),
            DateOf::On(29990203, Said::FileName)
        );
        // An empty list: Hugo never sets the date.
        let s = DateSources::new(None, list(&[]), None);
        assert_eq!(
            s.publish(&days(&[("date", "2999-01-01")]), Path::new("x.md")),
            DateOf::None
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
                DateOf::Unknown,
                "{listed:?}"
            );
        }
        // Known before it: that day.
        let s = DateSources::new(None, list(&["date", ":git"]), None);
        assert_eq!(
            s.publish(&days(&[("date", "2999-01-01")]), Path::new("x.md")),
            DateOf::On(29990101, Said::Key("date"))
        );
        // A `lastmod` of the front matter is known.
        let s = DateSources::new(None, list(&["lastmod"]), None);
        assert_eq!(
            s.publish(&days(&[("lastmod", "2999-01-01")]), Path::new("x.md")),
            DateOf::On(29990101, Said::Key("lastmod"))
        );
        // An empty name is skipped.
        let s = DateSources::new(None, list(&["", "date"]), None);
        assert_eq!(
            s.publish(&days(&[("date", "2999-01-01")]), Path::new("x.md"))
                .day(),
            Some(29990101)
        );
    }

    #[test]
    fn expiry_may_come_from_another_date() {
        let s = DateSources::new(None, None, list(&["expirydate", "publishdate"]));
        assert_eq!(
            s.expiry(&days(&[("date", "2020-05-06")]), Path::new("x.md")),
            DateOf::On(20200506, Said::Key("date"))
        );
    }
}
