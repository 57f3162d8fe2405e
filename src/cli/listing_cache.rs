//! Folder listings kept between runs, for the lookup of a site's pages by
//! file name (`Site::from_files`): listing a folder of thousands of posts is
//! most of what checking one article inside its site costs.
//!
//! A listing is kept for a folder of at least [`KEPT_FROM`] entries, with
//! the folder's modification time when it was listed: adding, removing or
//! renaming an entry changes it (and so does an editor that saves a file by
//! renaming a new one over it, or keeps a swap file beside it). It is not
//! kept when the folder changed in the last [`SETTLED`] (a second change
//! within the file system's timestamp granularity would not show).
//!
//! A listing of a folder that changed since is still used, marked out of
//! date ([`Listing::out_of_date`]): an author who saves an article, then
//! commits it, has changed the folder the pre-commit hook looks into, and
//! the pages the article links to are most likely listed already. A lookup
//! that finds nothing in an out-of-date listing lists the folder again
//! ([`ListingCache::entries_now`]), and that listing is kept in its place.
//!
//! A listing is kept in lookup order (see [`Listing::in_lookup_order`]): read
//! back, the entries a link names are found by binary search, without
//! splitting it into names. Its last line holds its size.
//!
//! A listing that cannot be read, is of another folder or cut short is
//! ignored and the folder listed again; one that cannot be written is not
//! kept. Either way the check goes on. A kept listing only ever saves time:
//! a line no folder gives is skipped, an entry it lacks is found by listing
//! the folder again (when it is out of date) or by reading the whole site,
//! and what it names is confirmed on disk (a page by reading its front
//! matter, a file by its metadata).

use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use repere::site::{Listing, PagedLines};

/// Folders with fewer entries are listed every time: it costs less than
/// reading their listing back.
pub const KEPT_FROM: usize = 1000;

/// How long ago a folder must have last changed for its listing to be kept.
const SETTLED: Duration = Duration::from_secs(2);

const HEADER: &str = "repere folder listing 4";

/// The standard tag that tells backup tools a folder is a cache.
const CACHEDIR_TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n\
    # This file is a cache directory tag created by repere.\n";

/// Where listings are kept.
#[derive(Debug, Clone)]
pub struct ListingCache {
    dir: PathBuf,
}

impl ListingCache {
    pub fn at(dir: impl Into<PathBuf>) -> ListingCache {
        ListingCache { dir: dir.into() }
    }

    /// `REPERE_CACHE_DIR`, else `$XDG_CACHE_HOME/repere`, else
    /// `$HOME/.cache/repere`; `None` when none of them is set.
    pub fn from_env() -> Option<ListingCache> {
        ListingCache::from_vars(|name| std::env::var_os(name))
    }

    /// [`ListingCache::from_env`] with `var` reading the environment.
    fn from_vars(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<ListingCache> {
        let var = |name: &str| var(name).filter(|v| !v.is_empty());
        let dir = var("REPERE_CACHE_DIR")
            .map(PathBuf::from)
            // A relative XDG path is invalid and ignored, as the XDG Base
            // Directory specification says.
            .or_else(|| {
                var("XDG_CACHE_HOME")
                    .filter(|d| Path::new(d).is_absolute())
                    .map(|d| Path::new(&d).join("repere"))
            })
            .or_else(|| var("HOME").map(|d| Path::new(&d).join(".cache/repere")))?;
        Some(ListingCache::at(dir))
    }

    /// The entries of `folder` (an absolute path): its kept listing, marked
    /// out of date when the folder changed since ([`Listing::out_of_date`]),
    /// else what `list` gives (kept for the next run when the folder is
    /// large and settled).
    pub fn entries(&self, folder: &Path, list: impl FnOnce() -> Listing) -> Listing {
        let Some((folder_text, changed)) = state(folder) else {
            return list();
        };
        let file = self.file_for(folder_text);
        match read(&file, folder_text, changed) {
            Some(kept) => kept,
            None => self.keep(&file, folder_text, changed, list()),
        }
    }

    /// What `list` gives for `folder`, listed now; kept for the next run in
    /// place of an out-of-date listing when the folder is large and settled.
    pub fn entries_now(&self, folder: &Path, list: impl FnOnce() -> Listing) -> Listing {
        let Some((folder_text, changed)) = state(folder) else {
            return list();
        };
        self.keep(&self.file_for(folder_text), folder_text, changed, list())
    }

    /// Keeps `entries`, the listing of `folder` at modification time
    /// `changed`, when the folder is large and settled; gives them back.
    fn keep(
        &self,
        file: &Path,
        folder_text: &str,
        changed: SystemTime,
        entries: Listing,
    ) -> Listing {
        let settled = SystemTime::now()
            .duration_since(changed)
            .is_ok_and(|age| age >= SETTLED);
        if entries.len() >= KEPT_FROM && settled {
            let entries = entries.in_lookup_order();
            // Not kept: listed again next time.
            let _ = self.write(file, folder_text, changed, &entries);
            return entries;
        }
        entries
    }

    /// The file of a folder's listing: named by a hash of its path (the
    /// path itself is in the file, and checked, so another hash, from
    /// another build, only misses).
    fn file_for(&self, folder: &str) -> PathBuf {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut hasher = DefaultHasher::new();
        folder.hash(&mut hasher);
        self.dir.join(format!("{:016x}.listing", hasher.finish()))
    }

    fn write(
        &self,
        file: &Path,
        folder: &str,
        changed: SystemTime,
        entries: &Listing,
    ) -> std::io::Result<()> {
        let Some(time) = stamp(changed) else {
            return Ok(());
        };
        let Some(lines) = entries.kept_lines() else {
            return Ok(());
        };
        let mut text = format!("{HEADER}\n{folder}\n{time}\n").into_bytes();
        text.extend_from_slice(lines);
        // Last: a listing cut short does not end with it.
        let end = format!("end {}\n", lines.len());
        text.extend_from_slice(end.as_bytes());
        // A folder made here is marked as a cache, which backups skip; one
        // that was there (`REPERE_CACHE_DIR` naming a folder of the user's)
        // is not.
        if !self.dir.exists() {
            fs::create_dir_all(&self.dir)?;
            let _ = fs::write(self.dir.join("CACHEDIR.TAG"), CACHEDIR_TAG);
        }
        // Written aside, then renamed over: a reader sees the old listing
        // or the new one, never half of one.
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        tmp.write_all(&text)?;
        tmp.persist(file).map_err(|e| e.error)?;
        Ok(())
    }
}

/// A folder's path as a listing records it, and its modification time;
/// `None` when either cannot be had (the folder is then listed, not kept).
fn state(folder: &Path) -> Option<(&str, SystemTime)> {
    let changed = fs::metadata(folder).and_then(|m| m.modified()).ok()?;
    Some((folder.to_str()?, changed))
}

/// A modification time as the listing records it: seconds and nanoseconds
/// since the epoch.
fn stamp(time: SystemTime) -> Option<String> {
    let d = time.duration_since(UNIX_EPOCH).ok()?;
    Some(format!("{} {}", d.as_secs(), d.subsec_nanos()))
}

/// The listing kept in `file`, when it is a listing of `folder`: its header
/// and last line are read now, its lines where a lookup needs them. Marked
/// out of date unless it was taken at modification time `changed`.
fn read(file: &Path, folder: &str, changed: SystemTime) -> Option<Listing> {
    // Not a FIFO put in its place, which would block the run.
    let (file, meta) = super::check::open_regular(file).ok()?;
    let size = usize::try_from(meta.len()).ok()?;
    let start = format!("{HEADER}\n{folder}\n");
    // The time line: `seconds nanoseconds`, at most 32 bytes.
    let head = read_at(&file, 0..(start.len() + 32).min(size))?;
    let time = head.strip_prefix(start.as_bytes())?;
    let time = std::str::from_utf8(&time[..memchr::memchr(b'\n', time)?]).ok()?;
    let (seconds, nanos) = time.split_once(' ')?;
    if !(is_number(seconds) && is_number(nanos)) {
        return None;
    }
    // The header: `start`, then the time line.
    let header = start.len() + time.len() + 1;
    let current = stamp(changed).is_some_and(|now| now == time);
    // The last line, `end <size of the lines>`, and the line break before.
    let tail_start = size.saturating_sub(32).max(header);
    let tail = read_at(&file, tail_start..size.max(tail_start))?;
    let last = tail.strip_suffix(b"\n")?;
    // The line break before it, unless no line comes before it.
    let at = match memchr::memrchr(b'\n', last) {
        Some(i) => i + 1,
        None if tail_start == header => 0,
        None => return None,
    };
    let lines = std::str::from_utf8(&last[at..])
        .ok()?
        .strip_prefix("end ")?
        .parse::<usize>()
        .ok()?;
    if header.checked_add(lines)? != tail_start + at {
        return None;
    }
    let kept = Listing::paged(Arc::new(KeptLines {
        file,
        start: header,
        len: lines,
    }));
    Some(if current { kept } else { kept.out_of_date() })
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The lines of a kept listing: `len` bytes of `file` from `start`.
#[derive(Debug)]
struct KeptLines {
    file: fs::File,
    start: usize,
    len: usize,
}

impl PagedLines for KeptLines {
    fn size(&self) -> usize {
        self.len
    }

    fn read(&self, range: Range<usize>) -> Option<Vec<u8>> {
        let end = range.end.min(self.len);
        read_at(&self.file, self.start + range.start..self.start + end)
    }
}

/// The bytes of `range` of `file`; `None` when they cannot all be read.
fn read_at(file: &fs::File, range: Range<usize>) -> Option<Vec<u8>> {
    let mut buf = vec![0; range.len()];
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(&mut buf, u64::try_from(range.start).ok()?)
            .ok()?;
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            let at = u64::try_from(range.start + done).ok()?;
            match file.seek_read(&mut buf[done..], at).ok()? {
                0 => return None,
                read => done += read,
            }
        }
    }
    // Elsewhere, no listing is read back: the folder is listed.
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, &mut buf);
        return None;
    }
    #[cfg(any(unix, windows))]
    Some(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder_of(n: usize) -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let folder = tmp.path().join("posts");
        fs::create_dir(&folder).unwrap();
        for i in 0..n {
            fs::write(folder.join(format!("2024-01-01-p{i}.md")), "").unwrap();
        }
        fs::create_dir(folder.join("bundle")).unwrap();
        (tmp, folder)
    }

    /// Sets a folder's modification time, as if it had not changed for an hour.
    fn settle(folder: &Path) {
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        fs::File::open(folder)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }

    fn list(folder: &Path) -> Listing {
        let mut out: Vec<(String, bool)> = fs::read_dir(folder)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().into_string().unwrap(),
                    e.file_type().unwrap().is_dir(),
                )
            })
            .collect();
        out.sort();
        let mut listing = Listing::default();
        for (name, is_dir) in &out {
            listing.push(name, *is_dir);
        }
        listing
    }

    /// A folder of [`KEPT_FROM`] files and a folder, settled, and an empty cache.
    fn settled_large_folder() -> (tempfile::TempDir, PathBuf, tempfile::TempDir, ListingCache) {
        let (tmp, folder) = folder_of(KEPT_FROM);
        settle(&folder);
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = ListingCache::at(cache_dir.path());
        (tmp, folder, cache_dir, cache)
    }

    /// A settled large folder listed once: its listing and the kept file.
    struct KeptListing {
        _tmp: tempfile::TempDir,
        _cache_dir: tempfile::TempDir,
        folder: PathBuf,
        cache: ListingCache,
        listed: Listing,
        file: PathBuf,
        text: String,
    }

    impl KeptListing {
        fn new() -> KeptListing {
            let (_tmp, folder, _cache_dir, cache) = settled_large_folder();
            let listed = cache.entries(&folder, || list(&folder));
            let file = cache.file_for(folder.to_str().unwrap());
            let text = fs::read_to_string(&file).unwrap();
            KeptListing {
                _tmp,
                _cache_dir,
                folder,
                cache,
                listed,
                file,
                text,
            }
        }
    }

    #[test]
    fn the_cache_folder_comes_from_the_environment() {
        let dir = |vars: &[(&str, &str)]| {
            ListingCache::from_vars(|name| {
                vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.into())
            })
            .map(|c| c.dir)
        };
        let all = [
            ("REPERE_CACHE_DIR", "/r"),
            ("XDG_CACHE_HOME", "/x"),
            ("HOME", "/h"),
        ];
        assert_eq!(dir(&all), Some(PathBuf::from("/r")));
        assert_eq!(dir(&all[1..]), Some(PathBuf::from("/x/repere")));
        assert_eq!(dir(&all[2..]), Some(PathBuf::from("/h/.cache/repere")));
        // Set but empty is unset; a relative XDG path is ignored.
        assert_eq!(
            dir(&[("REPERE_CACHE_DIR", ""), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.cache/repere"))
        );
        assert_eq!(
            dir(&[("XDG_CACHE_HOME", "relx"), ("HOME", "/h")]),
            Some(PathBuf::from("/h/.cache/repere"))
        );
        assert_eq!(dir(&[]), None);
    }

    #[test]
    fn a_settled_large_folder_is_listed_once() {
        let (_tmp, folder, cache_dir, cache) = settled_large_folder();
        let first = cache.entries(&folder, || list(&folder));
        assert_eq!(first.len(), KEPT_FROM + 1);
        // A folder that was there is not marked as a cache.
        assert!(!cache_dir.path().join("CACHEDIR.TAG").exists());
        let kept = cache.entries(&folder, || panic!("listed again"));
        assert_eq!(kept, first);
        assert_eq!(kept.len(), KEPT_FROM + 1);
    }

    /// The listing of a folder changed since is read, marked out of date;
    /// listed now, the folder's new listing replaces it once settled.
    #[test]
    fn a_changed_folder_s_listing_is_used_out_of_date_until_listed_now() {
        let (_tmp, folder, _cache_dir, cache) = settled_large_folder();
        let first = cache.entries(&folder, || list(&folder));
        assert!(!first.is_out_of_date());
        fs::remove_file(folder.join("2024-01-01-p0.md")).unwrap();
        let stale = cache.entries(&folder, || panic!("listed again"));
        assert!(stale.is_out_of_date());
        assert_eq!(
            stale.iter().collect::<Vec<_>>(),
            first.iter().collect::<Vec<_>>()
        );
        // Changed in the last seconds: listed, not kept.
        let now = cache.entries_now(&folder, || list(&folder));
        assert_eq!(now.len(), KEPT_FROM);
        assert!(!now.is_out_of_date());
        assert!(
            cache
                .entries(&folder, || panic!("listed again"))
                .is_out_of_date()
        );
        // Settled: kept in its place.
        settle(&folder);
        cache.entries_now(&folder, || list(&folder));
        let kept = cache.entries(&folder, || panic!("listed again"));
        assert!(!kept.is_out_of_date());
        assert_eq!(kept.len(), KEPT_FROM);
        assert!(!kept.iter().any(|(n, _)| n == "2024-01-01-p0.md"));
    }

    #[test]
    fn small_or_recently_changed_folders_are_not_kept() {
        let cache_dir = tempfile::tempdir().unwrap();
        let cache = ListingCache::at(cache_dir.path());
        let (_small, small) = folder_of(10);
        settle(&small);
        cache.entries(&small, || list(&small));
        // Just written: its time may not show a change made in the same tick.
        let (_fresh, fresh) = folder_of(KEPT_FROM);
        cache.entries(&fresh, || list(&fresh));
        let kept = fs::read_dir(cache_dir.path())
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "listing"))
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(kept, 0);
    }

    #[test]
    fn a_foreign_or_cut_listing_is_ignored() {
        let kept = KeptListing::new();
        let (folder, cache, expected, file, text) = (
            &kept.folder,
            &kept.cache,
            &kept.listed,
            &kept.file,
            &kept.text,
        );
        let (_, end) = text.split_at(text.rfind("end ").unwrap());
        for damaged in [
            String::new(),
            text.replacen("repere folder listing 4", "repere folder listing 9", 1),
            text.replacen(folder.to_str().unwrap(), "/elsewhere", 1),
            {
                // A time line that is not one.
                let time = text.lines().nth(2).unwrap();
                text.replacen(&format!("\n{time}\n"), "\nx 1\n", 1)
            },
            text[..text.len() / 2].to_string(),
            text[..text.len() - 1].to_string(),
            text.replacen(end, &format!("end {}\n", usize::MAX), 1),
            text.replacen(end, &format!("{} 1\n", end.trim_end()), 1),
            format!("{text}pp1\t2024-01-01-\t.md\n"),
        ] {
            fs::write(file, damaged).unwrap();
            assert_eq!(&cache.entries(folder, || list(folder)), expected);
            // Listed again and kept again.
            assert_eq!(&fs::read_to_string(file).unwrap(), text);
        }
        // A FIFO in its place is not opened for reading, which would wait
        // for a writer: listed again, and replaced.
        #[cfg(unix)]
        {
            fs::remove_file(file).unwrap();
            let c = std::ffi::CString::new(file.as_os_str().as_encoded_bytes()).unwrap();
            // SAFETY: `c` is a valid NUL-terminated path.
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
            assert_eq!(&cache.entries(folder, || list(folder)), expected);
            assert_eq!(&fs::read_to_string(file).unwrap(), text);
        }
    }

    /// A cache folder repere makes is marked as one (`CACHEDIR.TAG`).
    #[test]
    fn a_cache_folder_made_by_repere_is_tagged() {
        let (_tmp, folder) = folder_of(KEPT_FROM);
        settle(&folder);
        let parent = tempfile::tempdir().unwrap();
        let cache = ListingCache::at(parent.path().join("repere"));
        cache.entries(&folder, || list(&folder));
        let tag = fs::read_to_string(parent.path().join("repere/CACHEDIR.TAG")).unwrap();
        assert!(tag.starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
    }

    /// A line that no folder's entry gives, of the right size: skipped,
    /// the rest of the listing used as it is.
    #[test]
    fn a_damaged_line_is_skipped() {
        let kept = KeptListing::new();
        assert!(kept.text.contains("\ndbundle\t\t\n"), "{}", kept.text);
        let damaged = kept.text.replacen("\ndbundle\t", "\nxbundle\t", 1);
        fs::write(&kept.file, damaged).unwrap();
        let read = kept.cache.entries(&kept.folder, || panic!("listed again"));
        assert_eq!(read.len(), kept.listed.len() - 1);
        assert!(read.iter().all(|(name, _)| name != "bundle"));
    }

    #[test]
    fn a_cache_that_cannot_be_written_only_costs_time() {
        let (_tmp, folder) = folder_of(KEPT_FROM);
        settle(&folder);
        let blocker = tempfile::NamedTempFile::new().unwrap();
        // A file where the cache folder should be.
        let cache = ListingCache::at(blocker.path().join("repere"));
        assert_eq!(
            cache.entries(&folder, || list(&folder)).len(),
            KEPT_FROM + 1
        );
    }
}
