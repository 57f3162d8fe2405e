//! A folder's entries, as [`SiteFiles::entries`](super::SiteFiles::entries)
//! gives them, held so that the entries an address can name are found
//! without reading every name: a folder of 20,000 posts is looked into for
//! each link of the checked article.
//!
//! Each entry is one line of one buffer: a kind (`d` a folder, `p` a page
//! file, `f` any other file), the key by which an address names it, a tab,
//! and its name. A folder or a file is named by its name as an address reads
//! it (see [`segment_key`]); a page file by its slug (`2025-01-01-Mon
//! Article.md` is `pmon-article\t2025-01-01-Mon Article.md`). In lookup
//! order (the lines sorted: what a kept listing holds, see
//! [`Listing::in_lookup_order`]) the entries of one key are found by a
//! binary search over the buffer, without splitting it into lines; otherwise
//! by reading each line's key.

use std::borrow::Cow;

use super::slug_from_file_name;

/// The extensions of page files (the others are served as they are).
const PAGE_EXTENSIONS: &[&str] = &["md", "markdown", "html", "htm"];

/// What an entry is, and so by what key an address names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A folder, by its name.
    Folder,
    /// A page file, by the slug of its name.
    Page,
    /// Any other file, by its name.
    File,
}

impl Kind {
    fn tag(self) -> u8 {
        match self {
            Kind::Folder => b'd',
            Kind::Page => b'p',
            Kind::File => b'f',
        }
    }

    fn of(name: &str, is_dir: bool) -> Kind {
        Kind::keyed(name, is_dir).0
    }

    /// What an entry is, and the key by which an address names it.
    fn keyed(name: &str, is_dir: bool) -> (Kind, Cow<'_, str>) {
        if is_dir {
            return (Kind::Folder, segment_key(name));
        }
        match page_stem(name) {
            Some(stem) => (Kind::Page, segment_key(slug_from_file_name(stem))),
            None => (Kind::File, segment_key(name)),
        }
    }
}

/// A folder's entries: names, each with whether it is a folder, held in one
/// buffer (a folder of thousands of posts is not thousands of allocations).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Listing {
    /// One line per entry: kind, key, tab, name, line break.
    lines: Vec<u8>,
    /// Entries whose name holds a tab or a line break, which a line cannot
    /// hold: looked at one by one.
    odd: Vec<(String, bool)>,
    /// Whether `lines` are sorted.
    sorted: bool,
}

impl Listing {
    pub fn push(&mut self, name: &str, is_dir: bool) {
        if memchr::memchr3(b'\t', b'\n', b'\r', name.as_bytes()).is_some() {
            self.odd.push((name.to_string(), is_dir));
            return;
        }
        let (kind, key) = Kind::keyed(name, is_dir);
        self.lines.push(kind.tag());
        self.lines.extend_from_slice(key.as_bytes());
        self.lines.push(b'\t');
        self.lines.extend_from_slice(name.as_bytes());
        self.lines.push(b'\n');
        self.sorted = false;
    }

    /// The same entries in lookup order, where an entry is found by binary
    /// search (sorting costs more than one look at every name: worth it for
    /// a listing kept and looked into many times).
    pub fn in_lookup_order(mut self) -> Listing {
        if !self.sorted {
            // Sorted without their line breaks, as the search compares them.
            let mut lines: Vec<&[u8]> = self.lines.split(|&b| b == b'\n').collect();
            lines.pop();
            lines.sort_unstable();
            let mut sorted = Vec::with_capacity(self.lines.len());
            for line in lines {
                sorted.extend_from_slice(line);
                sorted.push(b'\n');
            }
            self.lines = sorted;
            self.sorted = true;
        }
        self
    }

    /// What a kept listing holds: its lines, in lookup order; `None` when
    /// it is not in lookup order or holds names a line cannot.
    pub fn kept_lines(&self) -> Option<&[u8]> {
        (self.sorted && self.odd.is_empty()).then_some(&self.lines)
    }

    /// A listing kept by [`Listing::kept_lines`]. Its lines are not checked here: one that is not a line of a listing is
    /// skipped when read, and lines out of order only hide entries (the
    /// whole index then answers). `None` when `lines` does not end a line.
    pub fn from_kept_lines(lines: Vec<u8>) -> Option<Listing> {
        (lines.is_empty() || lines.ends_with(b"\n")).then_some(Listing {
            lines,
            odd: Vec::new(),
            sorted: true,
        })
    }

    /// The entries: names, each with whether it is a folder.
    pub fn iter(&self) -> impl Iterator<Item = (&str, bool)> {
        self.entries()
            .map(|(kind, name)| (name, kind == Kind::Folder))
            .chain(
                self.odd
                    .iter()
                    .map(|(name, is_dir)| (name.as_str(), *is_dir)),
            )
    }

    /// How many entries [`Listing::iter`] gives (counted).
    pub fn len(&self) -> usize {
        self.iter().count()
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// The names of the entries of `kind` that an address names `key`, in
    /// no given order.
    pub(super) fn named(&self, kind: Kind, key: &str) -> Vec<&str> {
        let mut prefix = Vec::with_capacity(key.len() + 2);
        prefix.push(kind.tag());
        prefix.extend_from_slice(key.as_bytes());
        prefix.push(b'\t');
        let name = |start: usize| {
            let line = lines(&self.lines[start..]).next().unwrap_or_default();
            std::str::from_utf8(line.get(prefix.len()..)?).ok()
        };
        let mut found: Vec<&str> = if self.sorted {
            let start = first_line_from(&self.lines, &prefix);
            lines(&self.lines[start..])
                .take_while(|line| line.starts_with(&prefix))
                .filter_map(|line| std::str::from_utf8(&line[prefix.len()..]).ok())
                .collect()
        } else {
            // Where a line starts with the prefix: at the start, or after a
            // line break.
            let first = self.lines.starts_with(&prefix).then_some(0);
            let after_break = [&b"\n"[..], &prefix].concat();
            let others = memchr::memmem::find_iter(&self.lines, &after_break).map(|at| at + 1);
            first.into_iter().chain(others).filter_map(name).collect()
        };
        found.extend(self.odd.iter().filter_map(|(name, is_dir)| {
            let (of, its_key) = Kind::keyed(name, *is_dir);
            (of == kind && its_key == key).then_some(name.as_str())
        }));
        found
    }

    /// The names of the page files.
    pub(super) fn pages(&self) -> impl Iterator<Item = &str> {
        let odd = self
            .odd
            .iter()
            .map(|(name, is_dir)| (Kind::of(name, *is_dir), name.as_str()));
        self.entries()
            .chain(odd)
            .filter(|(kind, _)| *kind == Kind::Page)
            .map(|(_, name)| name)
    }

    /// The entries of the lines, each with its kind; lines that are not an
    /// entry's (a kept listing's damage) are skipped.
    fn entries(&self) -> impl Iterator<Item = (Kind, &str)> {
        lines(&self.lines).filter_map(|line| {
            let (&tag, rest) = line.split_first()?;
            let kind = [Kind::Folder, Kind::Page, Kind::File]
                .into_iter()
                .find(|k| k.tag() == tag)?;
            let tab = memchr::memchr(b'\t', rest)?;
            Some((kind, std::str::from_utf8(&rest[tab + 1..]).ok()?))
        })
    }
}

/// The lines of `buf` (lines each ended by a line break), without their
/// line breaks.
fn lines(buf: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', buf).map(move |end| {
        let line = &buf[start..end];
        start = end + 1;
        line
    })
}

/// Where the first line of `lines` (sorted lines, each ended by a line
/// break) that is not below `prefix` starts; `lines.len()` when none.
fn first_line_from(lines: &[u8], prefix: &[u8]) -> usize {
    // Both line starts: every line before `lo` is below `prefix`, none
    // from `hi` on is.
    let (mut lo, mut hi) = (0, lines.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &lines[lo..mid]).map_or(lo, |i| lo + i + 1);
        let end = memchr::memchr(b'\n', &lines[start..]).map_or(lines.len(), |i| start + i);
        if &lines[start..end] < prefix {
            lo = end + 1;
        } else {
            hi = start;
        }
    }
    lo.min(lines.len())
}

/// Whether a file of that name is a page (`.md`, `.markdown`, `.html`,
/// `.htm`, any case), not a file served as it is.
pub fn is_page_name(name: &str) -> bool {
    page_stem(name).is_some()
}

/// The stem of a page file's name (`2025-01-01-slug` of
/// `2025-01-01-slug.md`); `None` for other files.
pub(super) fn page_stem(name: &str) -> Option<&str> {
    let dot = memchr::memrchr(b'.', name.as_bytes())?;
    let (stem, ext) = (&name[..dot], &name[dot + 1..]);
    let page = PAGE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e));
    (page && !stem.is_empty()).then_some(stem)
}

/// A file or folder name as it reads in an address: lowercased, spaces as
/// `-`.
pub(super) fn segment_key(name: &str) -> Cow<'_, str> {
    // One pass over a name that is most often kept as it is.
    let changed = name.bytes().fold(false, |changed, b| {
        changed | (b >= 0x80) | (b == b' ') | b.is_ascii_uppercase()
    });
    if !changed {
        return Cow::Borrowed(name);
    }
    if !name.is_ascii() {
        return Cow::Owned(name.to_lowercase().replace(' ', "-"));
    }
    Cow::Owned(
        name.bytes()
            .map(|b| {
                if b == b' ' {
                    '-'
                } else {
                    char::from(b.to_ascii_lowercase())
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every entry of `entries` that an address names `key`, as a listing
    /// should find it: read one by one, by what the kind and key mean.
    fn expected<'a>(entries: &'a [(String, bool)], kind: Kind, key: &str) -> Vec<&'a str> {
        let mut names: Vec<&str> = entries
            .iter()
            .filter(|(name, is_dir)| {
                let stem = page_stem(name);
                let as_address = |s: &str| s.to_lowercase().replace(' ', "-");
                match kind {
                    Kind::Folder => *is_dir && as_address(name) == key,
                    Kind::File => !is_dir && stem.is_none() && as_address(name) == key,
                    Kind::Page => {
                        !is_dir && stem.is_some_and(|s| as_address(slug_from_file_name(s)) == key)
                    }
                }
            })
            .map(|(name, _)| name.as_str())
            .collect();
        names.sort();
        names
    }

    fn sorted(mut names: Vec<&str>) -> Vec<&str> {
        names.sort();
        names
    }

    proptest::proptest! {
        /// Pushed in any order, or put in lookup order, or kept and read
        /// back, a listing finds the entries an address names, and only
        /// them, and gives back every entry.
        #[test]
        fn a_listing_finds_what_an_address_names(
            entries in proptest::collection::vec(
                (
                    "(20[0-9]{2}-0[1-9]-[0-3][0-9]-)?[a-cA-C é\t\n._-]{0,6}(\\.(md|MD|html|png))?",
                    proptest::bool::ANY,
                ),
                0..40,
            ),
            asked in proptest::collection::vec("[a-c é._-]{0,6}(\\.html)?", 1..8),
        ) {
            let mut listing = Listing::default();
            for (name, is_dir) in &entries {
                listing.push(name, *is_dir);
            }
            let ordered = listing.clone().in_lookup_order();
            let kept = ordered
                .kept_lines()
                .map(|lines| Listing::from_kept_lines(lines.to_vec()).unwrap());
            let mut all: Vec<(&str, bool)> = entries.iter().map(|(n, d)| (n.as_str(), *d)).collect();
            all.sort();
            for l in [Some(&listing), Some(&ordered), kept.as_ref()].into_iter().flatten() {
                let mut given: Vec<(&str, bool)> = l.iter().collect();
                given.sort();
                proptest::prop_assert_eq!(&given, &all);
                proptest::prop_assert_eq!(l.len(), entries.len());
                // The keys asked, and every key the entries have.
                let keys = asked.iter().cloned().chain(entries.iter().map(|(n, d)| {
                    Kind::keyed(n, *d).1.into_owned()
                }));
                for key in keys {
                    for kind in [Kind::Folder, Kind::Page, Kind::File] {
                        proptest::prop_assert_eq!(
                            sorted(l.named(kind, &key)),
                            expected(&entries, kind, &key),
                            "{:?} {:?}", kind, key
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_line_names_a_page_by_its_slug_and_a_file_by_its_name() {
        let mut listing = Listing::default();
        listing.push("2025-01-01-Mon Article.md", false);
        listing.push("Photos", true);
        listing.push("Logo.PNG", false);
        let listing = listing.in_lookup_order();
        assert_eq!(
            listing.kept_lines(),
            Some(
                &b"dphotos\tPhotos\nflogo.png\tLogo.PNG\npmon-article\t2025-01-01-Mon Article.md\n"
                    [..]
            )
        );
        assert_eq!(
            listing.named(Kind::Page, "mon-article"),
            ["2025-01-01-Mon Article.md"]
        );
        assert!(listing.named(Kind::File, "mon-article").is_empty());
        assert_eq!(
            listing.pages().collect::<Vec<_>>(),
            ["2025-01-01-Mon Article.md"]
        );
    }

    #[test]
    fn a_name_a_line_cannot_hold_is_found_but_not_kept() {
        let mut listing = Listing::default();
        listing.push("a\tb.md", false);
        let listing = listing.in_lookup_order();
        assert_eq!(listing.named(Kind::Page, "a\tb"), ["a\tb.md"]);
        assert_eq!(listing.kept_lines(), None);
    }

    #[test]
    fn damaged_kept_lines_are_skipped() {
        let lines = b"dx\tx\nf\xff\t\xff\npno-tab\npz\tz.md\nzy\ty\n".to_vec();
        let listing = Listing::from_kept_lines(lines).unwrap();
        assert_eq!(
            listing.iter().collect::<Vec<_>>(),
            [("x", true), ("z.md", false)]
        );
        assert_eq!(listing.named(Kind::Page, "z"), ["z.md"]);
        assert!(Listing::from_kept_lines(b"dx\tx".to_vec()).is_none());
    }
}
