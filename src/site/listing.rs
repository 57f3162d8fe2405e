//! A folder's entries, as [`SiteFiles::entries`](super::SiteFiles::entries)
//! gives them, held so that the entries an address can name are found
//! without reading every name: a folder of 20,000 posts is looked into for
//! each link of the checked article.
//!
//! Each entry is one line of one buffer: a kind (`d` a folder, `p` a page
//! file, `f` any other file), the key by which an address names it, a tab,
//! and its name: what comes before the key in it, a tab, what comes after,
//! or the whole name when it does not hold the key as it is. A file is
//! named by its name lowercased, spaces as `-` (see [`segment_key`]); a
//! page file by its slug, and a folder by its name without a leading date,
//! both sanitized as Hugo makes addresses (see [`paths`]):
//! `2025-01-01-simple.md` is `psimple\t2025-01-01-\t.md`,
//! `2025-01-01-Mon Article.md` is `pmon-article\t2025-01-01-Mon Article.md`,
//! the folder `2025-01-05-bundle` is `dbundle\t2025-01-05-\t`. In lookup
//! order (the lines sorted: what a kept listing holds, see
//! [`Listing::in_lookup_order`]) the entries of one key are found by a
//! binary search over the buffer, without splitting it into lines, and a
//! kept listing is read only where the search looks ([`PagedLines`]);
//! otherwise by reading each line's key.

use std::borrow::Cow;

use super::{paths, slug_from_file_name};

/// The extensions of page files (the others are served as they are).
pub const PAGE_EXTENSIONS: &[&str] = &["md", "markdown", "html", "htm"];

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

    /// What an entry is, the key by which an address names it, and where
    /// the name holds the key as it is (`None` when it does not).
    fn keyed(name: &str, is_dir: bool) -> (Kind, Cow<'_, str>, Option<usize>) {
        let (kind, at, key) = match page_stem(name) {
            Some(stem) if !is_dir => {
                let slug = slug_from_file_name(stem);
                (Kind::Page, stem.len() - slug.len(), paths::segment(slug))
            }
            _ if is_dir => {
                let slug = slug_from_file_name(name);
                (Kind::Folder, name.len() - slug.len(), paths::segment(slug))
            }
            _ => (Kind::File, 0, segment_key(name)),
        };
        let held = matches!(key, Cow::Borrowed(_)).then_some(at);
        (kind, key, held)
    }
}

/// A folder's entries: names, each with whether it is a folder, held in one
/// buffer (a folder of thousands of posts is not thousands of allocations),
/// or read from a kept listing where a lookup needs them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Listing {
    /// One line per entry: kind, key, tab, then the name around the key
    /// (what is before it, a tab, what is after it), or the whole name when
    /// it does not hold the key as it is; a line break.
    lines: Lines,
    /// Whether `lines` are sorted.
    sorted: bool,
    /// Whether the folder may have changed since it was listed (a listing
    /// kept from an earlier run): it may lack entries added since, and name
    /// entries gone since.
    out_of_date: bool,
}

/// The lines of a listing kept between runs (see [`Listing::kept_lines`]),
/// read where a lookup needs them: a lookup in a kept listing of 20,000
/// entries reads a few kilobytes of it, not a megabyte.
pub trait PagedLines: Send + Sync + std::fmt::Debug {
    /// The lines' size in bytes.
    fn size(&self) -> usize;

    /// The bytes of `range` (within `0..size()`); `None` when they cannot
    /// be read.
    fn read(&self, range: std::ops::Range<usize>) -> Option<Vec<u8>>;
}

/// Lines held in memory, read as a kept listing is (the tests, the fuzz
/// target's sites).
impl PagedLines for Vec<u8> {
    fn size(&self) -> usize {
        self.len()
    }

    fn read(&self, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
        self.get(range).map(<[u8]>::to_vec)
    }
}

/// Where a listing's lines are.
#[derive(Debug, Clone)]
enum Lines {
    Held(Vec<u8>),
    Paged(std::sync::Arc<dyn PagedLines>),
}

impl Default for Lines {
    fn default() -> Lines {
        Lines::Held(Vec::new())
    }
}

impl PartialEq for Lines {
    fn eq(&self, other: &Lines) -> bool {
        self.whole() == other.whole()
    }
}

impl Lines {
    fn len(&self) -> usize {
        match self {
            Lines::Held(lines) => lines.len(),
            Lines::Paged(paged) => paged.size(),
        }
    }

    /// The bytes of `range`, cut to the lines' end.
    fn window(&self, range: std::ops::Range<usize>) -> Option<Cow<'_, [u8]>> {
        let range = range.start.min(self.len())..range.end.min(self.len());
        match self {
            Lines::Held(lines) => lines.get(range).map(Cow::Borrowed),
            Lines::Paged(paged) => paged
                .read(range.clone())
                .filter(|read| read.len() == range.len())
                .map(Cow::Owned),
        }
    }

    /// Every line; none when they cannot be read.
    fn whole(&self) -> Cow<'_, [u8]> {
        self.window(0..self.len())
            .filter(|lines| lines.is_empty() || lines.ends_with(b"\n"))
            .unwrap_or_default()
    }

    /// The line (without its line break) that holds byte `at`, and where it
    /// starts, of lines starting at `lo` (`lo <= at < len`).
    fn line_at(&self, lo: usize, at: usize) -> Option<(usize, Vec<u8>)> {
        let len = self.len();
        let mut reach = 512;
        loop {
            let (from, to) = (at.saturating_sub(reach).max(lo), (at + reach).min(len));
            let chunk = self.window(from..to)?;
            let (before, after) = chunk.split_at(at - from);
            let start = match memchr::memrchr(b'\n', before) {
                Some(i) => from + i + 1,
                None if from == lo => lo,
                None => {
                    reach *= 2;
                    continue;
                }
            };
            let end = match memchr::memchr(b'\n', after) {
                Some(i) => at + i,
                // Lines that do not end a line are damaged.
                None if to == len => return None,
                None => {
                    reach *= 2;
                    continue;
                }
            };
            return Some((start, chunk[start - from..end - from].to_vec()));
        }
    }

    /// Where the first line that is not below `prefix` starts, lines being
    /// sorted; `len()` when none is.
    fn first_line_from(&self, prefix: &[u8]) -> Option<usize> {
        // Line starts: every line before `lo` is below `prefix`, none from
        // `hi` on is.
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let (start, line) = self.line_at(lo, lo + (hi - lo) / 2)?;
            if line.as_slice() < prefix {
                lo = start + line.len() + 1;
            } else {
                hi = start;
            }
        }
        Some(lo.min(self.len()))
    }

    /// The lines that start with `prefix`, lines being sorted.
    fn starting_with(&self, prefix: &[u8]) -> Vec<Vec<u8>> {
        let mut found = Vec::new();
        let Some(mut at) = self.first_line_from(prefix) else {
            return found;
        };
        while at < self.len() {
            match self.line_at(at, at) {
                Some((_, line)) if line.starts_with(prefix) => {
                    at += line.len() + 1;
                    found.push(line);
                }
                _ => break,
            }
        }
        found
    }
}

impl Listing {
    /// Adds an entry; a name no folder holds (see [`listable`]) is left out.
    pub fn push(&mut self, name: &str, is_dir: bool) {
        if !listable(name) {
            return;
        }
        if let Lines::Paged(_) = self.lines {
            // Held from now on, as `push` writes it: only entries' lines.
            let entries: Vec<(Kind, String)> = self.entries().collect();
            self.lines = Lines::default();
            for (kind, entry) in entries {
                self.push(&entry, kind == Kind::Folder);
            }
        }
        let (kind, key, held) = Kind::keyed(name, is_dir);
        if let Lines::Held(lines) = &mut self.lines {
            lines.push(kind.tag());
            lines.extend_from_slice(key.as_bytes());
            lines.push(b'\t');
            // `2025-01-01-slug.md` as `2025-01-01-`, tab, `.md`: the slug once.
            match held {
                Some(at) => {
                    let (before, after) = name.as_bytes().split_at(at);
                    lines.extend_from_slice(before);
                    lines.push(b'\t');
                    lines.extend_from_slice(&after[key.len()..]);
                }
                None => lines.extend_from_slice(name.as_bytes()),
            }
            lines.push(b'\n');
        }
        self.sorted = false;
    }

    /// The same entries in lookup order, where an entry is found by binary
    /// search (sorting costs more than one look at every name: worth it for
    /// a listing kept and looked into many times).
    pub fn in_lookup_order(mut self) -> Listing {
        if !self.sorted {
            // Sorted without their line breaks, as the search compares them.
            let held = self.lines.whole();
            let mut lines: Vec<&[u8]> = lines(&held).collect();
            lines.sort_unstable();
            let mut sorted = Vec::with_capacity(held.len());
            for line in lines {
                sorted.extend_from_slice(line);
                sorted.push(b'\n');
            }
            self.lines = Lines::Held(sorted);
            self.sorted = true;
        }
        self
    }

    /// What a kept listing holds: its lines, in lookup order; `None` when
    /// it is not in lookup order.
    pub fn kept_lines(&self) -> Option<&[u8]> {
        match &self.lines {
            Lines::Held(lines) if self.sorted => Some(lines),
            _ => None,
        }
    }

    /// A listing kept by [`Listing::kept_lines`], read where a lookup needs
    /// it. Its lines are not checked here: one that is not an entry's (or
    /// cannot be read) is skipped, and lines out of order only hide entries
    /// (the whole index then answers).
    pub fn paged(lines: std::sync::Arc<dyn PagedLines>) -> Listing {
        Listing {
            lines: Lines::Paged(lines),
            sorted: true,
            out_of_date: false,
        }
    }

    /// The same listing, marked as taken before the folder last changed: a
    /// lookup that finds nothing in it lists the folder again (see
    /// [`SiteFiles::entries_now`](super::SiteFiles::entries_now)).
    pub fn out_of_date(mut self) -> Listing {
        self.out_of_date = true;
        self
    }

    /// Whether the folder may have changed since this listing was taken.
    pub fn is_out_of_date(&self) -> bool {
        self.out_of_date
    }

    /// Marks the listing as taken now.
    pub(super) fn set_current(&mut self) {
        self.out_of_date = false;
    }

    /// The entries: names, each with whether it is a folder.
    pub fn iter(&self) -> impl Iterator<Item = (String, bool)> {
        self.entries()
            .map(|(kind, name)| (name, kind == Kind::Folder))
    }

    /// How many entries [`Listing::iter`] gives.
    pub fn len(&self) -> usize {
        match &self.lines {
            // Written by `push`: every line is an entry's.
            Lines::Held(lines) => memchr::memchr_iter(b'\n', lines).count(),
            Lines::Paged(_) => self.entries().count(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The names of the entries of `kind` that an address names `key`, in
    /// no given order.
    pub(super) fn named(&self, kind: Kind, key: &str) -> Vec<String> {
        let mut prefix = Vec::with_capacity(key.len() + 2);
        prefix.push(kind.tag());
        prefix.extend_from_slice(key.as_bytes());
        prefix.push(b'\t');
        // The entries whose name gives that key: a key asked may hold what
        // a line cannot (a tab), and so start another key's lines.
        let name = |line: &[u8]| {
            let (_, its_key, name) = entry(line)?;
            (its_key == key).then_some(name)
        };
        if self.sorted {
            self.lines
                .starting_with(&prefix)
                .iter()
                .filter_map(|line| name(line))
                .collect()
        } else {
            // Where a line starts with the prefix: at the start, or after a
            // line break.
            let held = self.lines.whole();
            let first = held.starts_with(&prefix).then_some(0);
            let after_break = [&b"\n"[..], &prefix].concat();
            let others = memchr::memmem::find_iter(&held, &after_break).map(|at| at + 1);
            first
                .into_iter()
                .chain(others)
                .filter_map(|start| name(lines(&held[start..]).next()?))
                .collect()
        }
    }

    /// The names of the page files.
    pub(super) fn pages(&self) -> impl Iterator<Item = String> {
        self.entries()
            .filter(|(kind, _)| *kind == Kind::Page)
            .map(|(_, name)| name)
    }

    /// The entries of the lines, each with its kind.
    fn entries(&self) -> impl Iterator<Item = (Kind, String)> {
        // Collected: paged lines are read into a buffer that does not outlive
        // this call.
        let entries: Vec<(Kind, String)> = lines(&self.lines.whole())
            .filter_map(|line| entry(line).map(|(kind, _, name)| (kind, name)))
            .collect();
        entries.into_iter()
    }
}

/// The entry a line holds: its kind, key and name; `None` for a line that no
/// folder's entry gives (a kept listing's damage, or a hand's), which is
/// skipped.
fn entry(line: &[u8]) -> Option<(Kind, &str, String)> {
    let (&tag, rest) = line.split_first()?;
    let kind = [Kind::Folder, Kind::Page, Kind::File]
        .into_iter()
        .find(|k| k.tag() == tag)?;
    let (key, name) = std::str::from_utf8(rest).ok()?.split_once('\t')?;
    let name = match name.split_once('\t') {
        Some((before, after)) => format!("{before}{key}{after}"),
        None => name.to_string(),
    };
    // The kind and key the name gives, not others: a line is only ever
    // found by what its name gives.
    let (its_kind, its_key, _) = Kind::keyed(&name, kind == Kind::Folder);
    (listable(&name) && its_kind == kind && its_key == key).then_some((kind, key, name))
}

/// Whether a name is one a listing holds: not empty, not hidden (`.name`,
/// which also leaves out `.` and `..`), without `/` (so that no name leads
/// out of its folder), without a tab or a line break (which a line cannot
/// hold: the whole index finds what such a name gives).
fn listable(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && memchr::memchr3(b'/', b'\t', b'\n', name.as_bytes()).is_none()
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

/// A file's name as it reads in an address: lowercased, spaces as `-`
/// (files are served as they are named; pages and folders by
/// [`paths::segment`]).
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
    use std::sync::Arc;

    /// Every entry of `entries` that an address names `key`, as a listing
    /// should find it: read one by one, by what the kind and key mean.
    fn expected(entries: &[(String, bool)], kind: Kind, key: &str) -> Vec<String> {
        let mut names: Vec<String> = entries
            .iter()
            .filter(|(name, is_dir)| {
                let stem = page_stem(name);
                let as_file = |s: &str| s.to_lowercase().replace(' ', "-");
                let as_page = |s: &str| paths::sanitize(slug_from_file_name(s)).to_lowercase();
                match kind {
                    Kind::Folder => *is_dir && as_page(name) == key,
                    Kind::File => !is_dir && stem.is_none() && as_file(name) == key,
                    Kind::Page => !is_dir && stem.is_some_and(|s| as_page(s) == key),
                }
            })
            .map(|(name, _)| name.clone())
            .collect();
        names.sort();
        names
    }

    /// Kept lines read where a lookup needs them; `false`: they cannot be.
    #[derive(Debug)]
    struct Paged(Vec<u8>, bool, std::sync::atomic::AtomicUsize);

    impl Paged {
        fn new(lines: &[u8], readable: bool) -> Paged {
            Paged(lines.to_vec(), readable, Default::default())
        }
    }

    impl PagedLines for Paged {
        fn size(&self) -> usize {
            self.0.len()
        }

        fn read(&self, range: std::ops::Range<usize>) -> Option<Vec<u8>> {
            let read = self.1.then(|| self.0[range].to_vec())?;
            self.2
                .fetch_add(read.len(), std::sync::atomic::Ordering::SeqCst);
            Some(read)
        }
    }

    /// A lookup in a kept listing of 20,000 entries reads a few kilobytes
    /// of it.
    #[test]
    fn a_lookup_reads_little_of_a_kept_listing() {
        let mut listing = Listing::default();
        for i in 0..20_000 {
            listing.push(&format!("2024-01-01-article-numero-{i}.md"), false);
        }
        let lines = listing.in_lookup_order().kept_lines().unwrap().to_vec();
        let paged = Arc::new(Paged::new(&lines, true));
        let kept = Listing::paged(paged.clone());
        assert_eq!(
            kept.named(Kind::Page, "article-numero-12345"),
            ["2024-01-01-article-numero-12345.md"]
        );
        assert!(kept.named(Kind::Page, "article-numero-20000").is_empty());
        let read = paged.2.load(std::sync::atomic::Ordering::SeqCst);
        assert!(read < 64 * 1024, "{read} of {} bytes", lines.len());
    }

    fn sorted(mut names: Vec<String>) -> Vec<String> {
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
                    "(20[0-9]{2}-0[1-9]-[0-3][0-9]-)?[a-cA-C é'→\t\n./_-]{0,6}(\\.(md|MD|html|png))?",
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
            // What no folder holds is left out.
            let entries: Vec<(String, bool)> =
                entries.into_iter().filter(|(name, _)| listable(name)).collect();
            let ordered = listing.clone().in_lookup_order();
            let paged = ordered
                .kept_lines()
                .map(|lines| Listing::paged(Arc::new(Paged::new(lines, true))));
            let mut all = entries.clone();
            all.sort();
            for l in [Some(&listing), Some(&ordered), paged.as_ref()].into_iter().flatten() {
                let mut given: Vec<(String, bool)> = l.iter().collect();
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
        listing.push("2025-01-02-simple.md", false);
        listing.push("Photos", true);
        listing.push("bundle", true);
        listing.push("Logo.PNG", false);
        let listing = listing.in_lookup_order();
        // A name that holds its key as it is, around it.
        let kept = "dbundle\t\t\n\
                    dphotos\tPhotos\n\
                    flogo.png\tLogo.PNG\n\
                    pmon-article\t2025-01-01-Mon Article.md\n\
                    psimple\t2025-01-02-\t.md\n";
        assert_eq!(listing.kept_lines(), Some(kept.as_bytes()));
        assert_eq!(
            listing.named(Kind::Page, "mon-article"),
            ["2025-01-01-Mon Article.md"]
        );
        assert_eq!(
            listing.named(Kind::Page, "simple"),
            ["2025-01-02-simple.md"]
        );
        assert_eq!(listing.named(Kind::Folder, "bundle"), ["bundle"]);
        assert!(listing.named(Kind::File, "mon-article").is_empty());
        assert_eq!(
            listing.pages().collect::<Vec<_>>(),
            ["2025-01-01-Mon Article.md", "2025-01-02-simple.md"]
        );
    }

    /// Kept lines that cannot be read hide every entry (the whole index
    /// then answers); a line longer than a first look finds is read whole.
    #[test]
    fn paged_lines_are_read_where_needed() {
        let mut listing = Listing::default();
        let long = format!("2025-01-01-{}.md", "a".repeat(3000));
        for name in ["b.md", &long, "c.md"] {
            listing.push(name, false);
        }
        let lines = listing.in_lookup_order().kept_lines().unwrap().to_vec();
        let unread = Listing::paged(Arc::new(Paged::new(&lines, false)));
        assert!(unread.named(Kind::Page, "b").is_empty());
        assert!(unread.is_empty());
        let read = Listing::paged(Arc::new(Paged::new(&lines, true)));
        assert_eq!(read.named(Kind::Page, &"a".repeat(3000)), [long]);
        assert_eq!(read.named(Kind::Page, "c"), ["c.md"]);
        assert_eq!(read.len(), 3);
        // Added to, it is held.
        let mut added = read.clone();
        added.push("d.md", false);
        assert_eq!(added.in_lookup_order().named(Kind::Page, "d"), ["d.md"]);
    }

    /// A name a line cannot hold is left out (the whole index finds what it
    /// gives), and a key asked with a tab finds no other key's lines.
    #[test]
    fn a_name_a_line_cannot_hold_is_left_out() {
        let mut listing = Listing::default();
        listing.push("a\tb.md", false);
        listing.push("a", true);
        let listing = listing.in_lookup_order();
        assert_eq!(listing.len(), 1);
        assert!(listing.named(Kind::Page, "a\tb").is_empty());
        assert!(listing.named(Kind::Folder, "a\t").is_empty());
        assert_eq!(listing.kept_lines(), Some(&b"da\t\t\n"[..]));
    }

    /// Lines no folder gives are skipped: damage, or names that would lead
    /// out of the folder.
    #[test]
    fn damaged_kept_lines_are_skipped() {
        let lines =
            b"d..\t\t\ndx\tx\nf\xff\t\xff\nfa\t../\t\npa\ta/\t.md\npno-tab\npz\t\t.md\nzy\ty\n";
        let listing = Listing::paged(Arc::new(Paged::new(lines, true)));
        assert_eq!(
            listing.iter().collect::<Vec<_>>(),
            [("x".to_string(), true), ("z.md".to_string(), false)]
        );
        assert_eq!(listing.named(Kind::Page, "z"), ["z.md"]);
        assert!(listing.named(Kind::Page, "a").is_empty());
        assert!(listing.named(Kind::Folder, "..").is_empty());
        assert_eq!(listing.len(), 2);
        // Lines that do not end a line hide every entry.
        let cut = Listing::paged(Arc::new(Paged::new(b"dx\tx\ndy\ty", true)));
        assert!(cut.named(Kind::Folder, "y").is_empty());
        assert!(cut.is_empty());
    }
}
