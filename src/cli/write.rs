//! Writing files: fixed articles, reports, baselines, `repere init`'s config.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `data` to `path` so that a reader never sees half a file and a
/// failure never loses the old one: a temporary file next to the target,
/// synced, then renamed over it, with the target's permissions, owner and
/// group.
///
/// A file the user may not write, or read-only for everyone, is refused, as
/// writing it in place would be, though its folder would allow the rename. So is a file whose owner
/// or group could not be kept (one belonging to another user): replacing it
/// would hand it over to the user running repere.
///
/// A symbolic link is kept: the file it leads to is written. What is not a
/// regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written to directly,
/// never replaced. So is, in place, a file that replacing would change in
/// more than its text (see [`write_in_place`]).
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    write_checked(path, data, None).map(|_| ())
}

/// [`write_atomic`] for a file that must still hold `expected`, what repere
/// read and fixed: `false`, and the file left alone, when it changed since
/// (an author saved it meanwhile). It is compared after the new text is
/// written and synced, right before it replaces the file.
pub fn write_if_unchanged(path: &Path, expected: &[u8], data: &[u8]) -> io::Result<bool> {
    write_checked(path, data, Some(expected))
}

fn write_checked(path: &Path, data: &[u8], expected: Option<&[u8]>) -> io::Result<bool> {
    // What is not a regular file is looked at through `path` as the system
    // follows it: `/dev/stdout` leads to `/proc/self/fd/1`, whose link
    // names no file when it is a pipe (`pipe:[…]`), so that the chain of
    // links followed by hand would end nowhere.
    if let Ok(meta) = fs::metadata(path)
        && !meta.is_file()
    {
        return write_directly(path, &meta, data);
    }
    let target = resolve(path);
    let existing = fs::metadata(&target).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        return write_directly(&target, meta, data);
    }
    if let Some(meta) = &existing {
        // Read-only for everyone: even a user allowed to write it anyway
        // (root) is told, as editors do.
        if meta.permissions().readonly() {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                "the file is read-only",
            ));
        }
        // Opened for writing, not truncated: only asks whether it may be.
        fs::OpenOptions::new().write(true).open(&target)?;
        if !replaceable(&target, meta) {
            // Its backup copy is removed once the write is through.
            let _held = signals::Held::new();
            return write_in_place(&target, data, expected);
        }
    }
    let dir = folder_of(&target);
    let mut builder = tempfile::Builder::new();
    // A new file gets what any program's new file gets (0666 less the
    // umask), not a temporary file's 0600: a report or a config is read by
    // others too. An existing file keeps its own (below).
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    // Ctrl-C or a CI job cancelled while the file is written ends the run
    // once the write is through, not between the temporary file and the
    // rename (which would leave the temporary file behind). Not around the
    // direct write above: opening a FIFO may wait for a reader forever.
    let _held = signals::Held::new();
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "cannot create a file in `{}`: {}",
                dir.display(),
                io::Error::from(e.kind())
            ),
        )
    })?;
    if let Some(meta) = &existing {
        keep_owner(tmp.as_file(), meta)?;
    }
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    if let Some(meta) = existing {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    // The temporary file is deleted when dropped.
    if expected.is_some_and(|e| fs::read(&target).ok().as_deref() != Some(e)) {
        return Ok(false);
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(true)
}

/// Writes `data` to what is at `path` and is not a regular file (a device,
/// a FIFO, a pipe or socket reached through `/dev/stdout`), never replacing
/// it; a folder is an error.
fn write_directly(path: &Path, meta: &fs::Metadata, data: &[u8]) -> io::Result<bool> {
    if meta.is_dir() {
        return Err(io::Error::other("this is a folder"));
    }
    let mut out = match fs::OpenOptions::new().write(true).open(path) {
        Ok(out) => out,
        Err(e) => descriptor(path, e)?,
    };
    out.write_all(data)?;
    out.flush().map(|_| true)
}

/// The file of descriptor N, for `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`
/// or `/proc/self/fd/N` that could not be opened (`error`): a socket, which
/// Linux does not open by such a path (a service's standard output).
#[cfg(unix)]
fn descriptor(path: &Path, error: io::Error) -> io::Result<fs::File> {
    use std::os::fd::BorrowedFd;
    let fd: Option<i32> = match path.to_str() {
        Some("/dev/stdout") => Some(1),
        Some("/dev/stderr") => Some(2),
        Some(p) => p
            .strip_prefix("/dev/fd/")
            .or_else(|| p.strip_prefix("/proc/self/fd/"))
            .and_then(|n| n.parse().ok()),
        None => None,
    };
    let Some(fd) = fd.filter(|fd| *fd >= 0) else {
        return Err(error);
    };
    // SAFETY: `fcntl(F_GETFD)` only asks whether `fd` is open.
    if unsafe { libc::fcntl(fd, libc::F_GETFD) } < 0 {
        return Err(error);
    }
    // SAFETY: `fd` is open (above), and borrowed only long enough to be
    // duplicated; the process's own descriptor stays open.
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    Ok(fs::File::from(borrowed.try_clone_to_owned()?))
}

#[cfg(not(unix))]
fn descriptor(_: &Path, error: io::Error) -> io::Result<fs::File> {
    Err(error)
}

/// Holding back the signals that end a run while a file is written.
#[cfg(unix)]
mod signals {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, OnceLock};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::{flag, low_level};

    /// Whether a signal may end the run now, and the last one that came.
    struct State {
        free: Arc<AtomicBool>,
        arrived: Arc<AtomicUsize>,
    }

    /// Handlers installed once: a signal records itself, then does what it
    /// does by default (ends the run) unless a write holds it back.
    fn state() -> &'static State {
        static STATE: OnceLock<State> = OnceLock::new();
        STATE.get_or_init(|| {
            let state = State {
                free: Arc::new(AtomicBool::new(true)),
                arrived: Arc::new(AtomicUsize::new(0)),
            };
            for signal in [SIGINT, SIGTERM, SIGHUP] {
                // One the parent set to be ignored (`nohup`, `cmd &` in a
                // script) stays ignored.
                if ignored(signal) {
                    continue;
                }
                // Failing to install them only leaves the default action.
                // The first signal is the one the run ends with.
                let arrived = state.arrived.clone();
                let record = move || {
                    let _ = arrived.compare_exchange(
                        0,
                        signal as usize,
                        Ordering::SeqCst,
                        Ordering::SeqCst,
                    );
                };
                // SAFETY: the action only does an atomic compare-and-swap,
                // which is async-signal-safe.
                let _ = unsafe { low_level::register(signal, record) };
                let _ = flag::register_conditional_default(signal, state.free.clone());
            }
            state
        })
    }

    /// Whether `signal` is ignored (`SIG_IGN`), as the process inherited it.
    fn ignored(signal: i32) -> bool {
        // SAFETY: reading the current action of a signal into a zeroed
        // struct; `sigaction` with a null new action changes nothing.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(signal, std::ptr::null(), &mut old) == 0
                && old.sa_sigaction == libc::SIG_IGN
        }
    }

    /// While alive, SIGINT, SIGTERM and SIGHUP wait; dropped, the first that
    /// came meanwhile ends the run as it would have (its default action).
    pub struct Held(());

    impl Held {
        pub fn new() -> Held {
            state().free.store(false, Ordering::SeqCst);
            Held(())
        }
    }

    impl Drop for Held {
        fn drop(&mut self) {
            let state = state();
            state.free.store(true, Ordering::SeqCst);
            let signal = state.arrived.swap(0, Ordering::SeqCst);
            if signal != 0 {
                let signal = signal as i32;
                let _ = low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        }
    }
}

#[cfg(not(unix))]
mod signals {
    pub struct Held(());

    impl Held {
        pub fn new() -> Held {
            Held(())
        }
    }
}

/// Whether a new file renamed over `target` would be the same file but for
/// its text: not when `target` has other names (hard links, which would
/// keep the old text) or extended attributes (an access control list, which
/// the new file would not have), but for an SELinux label, which a new file
/// in the same folder gets alike.
#[cfg(unix)]
fn replaceable(target: &Path, meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    meta.nlink() <= 1
        && extended_attributes(target)
            .iter()
            .all(|a| a == "security.selinux")
}

#[cfg(not(unix))]
fn replaceable(_: &Path, _: &fs::Metadata) -> bool {
    true
}

/// The names of the extended attributes of `path` (none where the system
/// has none, or cannot list them).
#[cfg(target_os = "linux")]
fn extended_attributes(path: &Path) -> Vec<String> {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return Vec::new();
    };
    // SAFETY: a NUL-terminated path, and a null buffer of size 0 (asks for
    // the size).
    let size = unsafe { libc::listxattr(c_path.as_ptr(), std::ptr::null_mut(), 0) };
    let Ok(size) = usize::try_from(size) else {
        return Vec::new();
    };
    if size == 0 {
        return Vec::new();
    }
    let mut buf = vec![0u8; size];
    // SAFETY: `buf` holds `buf.len()` writable bytes.
    let got = unsafe { libc::listxattr(c_path.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
    let Ok(got) = usize::try_from(got) else {
        // Added to meanwhile: say there is one, to be safe.
        return vec![String::from("?")];
    };
    buf.truncate(got);
    buf.split(|b| *b == 0)
        .filter(|n| !n.is_empty())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect()
}

#[cfg(all(unix, not(target_os = "linux")))]
fn extended_attributes(_: &Path) -> Vec<String> {
    Vec::new()
}

/// Writes `data` over the text of `target` in the same file, keeping its
/// other names and attributes. Not atomic, so the old text is first copied
/// to a file next to it, synced: should writing fail, the old text is
/// written back, and should that fail too, the error names the copy, which
/// is kept. `false` when `target` no longer holds `expected`.
fn write_in_place(target: &Path, data: &[u8], expected: Option<&[u8]>) -> io::Result<bool> {
    let old = fs::read(target)?;
    if expected.is_some_and(|e| e != old) {
        return Ok(false);
    }
    let dir = folder_of(target);
    let mut copy = tempfile::Builder::new()
        .prefix(".repere-old-")
        .tempfile_in(dir)?;
    copy.write_all(&old)?;
    copy.as_file().sync_all()?;
    let write = |text: &[u8]| -> io::Result<()> {
        let mut file = fs::OpenOptions::new().write(true).open(target)?;
        file.write_all(text)?;
        file.set_len(text.len() as u64)?;
        file.sync_all()
    };
    match write(data) {
        Ok(()) => Ok(true),
        Err(e) => match write(&old) {
            Ok(()) => Err(e),
            Err(_) => {
                let kept = copy.into_temp_path().keep().map_err(|k| k.error)?;
                Err(io::Error::new(
                    e.kind(),
                    format!(
                        "{e}; the file may be damaged: its text before is in `{}`",
                        kept.display()
                    ),
                ))
            }
        },
    }
}

/// The folder `target` is in (`.` for a bare file name): where its
/// temporary file or the copy of its old text goes.
fn folder_of(target: &Path) -> &Path {
    target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Gives `file` the owner and group of the file it replaces.
#[cfg(unix)]
fn keep_owner(file: &fs::File, old: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let new = file.metadata()?;
    if (new.uid(), new.gid()) == (old.uid(), old.gid()) {
        return Ok(());
    }
    std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!(
                "its owner ({}) or group ({}) could not be kept: {e}",
                old.uid(),
                old.gid()
            ),
        )
    })
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

/// Where a chain of symbolic links at `path` ends (`path` itself when it is
/// not a link; the last link's destination when that does not exist yet).
fn resolve(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // As many hops as the system allows before it reports a loop.
    for _ in 0..40 {
        match fs::read_link(&at) {
            Ok(dest) => {
                at = match at.parent() {
                    Some(dir) if dest.is_relative() => dir.join(dest),
                    _ => dest,
                }
            }
            Err(_) => break,
        }
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_on_disk_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "edited by someone else\n").unwrap();
        assert!(!write_if_unchanged(&path, b"what repere read\n", b"fixed\n").unwrap());
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "edited by someone else\n"
        );
        fs::write(&path, "what repere read\n").unwrap();
        assert!(write_if_unchanged(&path, b"what repere read\n", b"fixed\n").unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "fixed\n");
    }

    /// A file with another name (a hard link) is written in place: both
    /// names see the new text, and it is still one file.
    #[cfg(unix)]
    #[test]
    fn a_hard_linked_file_is_written_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let other = dir.path().join("b.md");
        fs::write(&path, "old text, longer than the new one\n").unwrap();
        fs::hard_link(&path, &other).unwrap();
        let inode = fs::metadata(&path).unwrap().ino();
        assert!(
            write_if_unchanged(&path, b"old text, longer than the new one\n", b"new\n").unwrap()
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "new\n");
        assert_eq!(fs::read_to_string(&other).unwrap(), "new\n");
        assert_eq!(fs::metadata(&path).unwrap().ino(), inode);
        // Changed meanwhile: left alone. No copy of the old text left behind.
        assert!(!write_if_unchanged(&path, b"old\n", b"newer\n").unwrap());
        assert_eq!(fs::read_to_string(&other).unwrap(), "new\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    /// A file with an extended attribute (here a user one, as an access
    /// control list is one) keeps it.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_with_extended_attributes_keeps_them() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: NUL-terminated strings and a 3-byte value.
        let set = unsafe {
            libc::setxattr(
                c_path.as_ptr(),
                c"user.repere".as_ptr(),
                b"yes".as_ptr().cast(),
                3,
                0,
            )
        };
        if set != 0 {
            eprintln!("skipped: this file system takes no user attributes");
            return;
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(extended_attributes(&path), ["user.repere"]);
    }

    #[test]
    fn replaces_a_file_keeping_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        // Nothing left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A new file is created as any program creates one: 0666 less the
    /// umask (022 here), not a temporary file's 0600.
    #[cfg(unix)]
    #[test]
    fn a_new_file_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let umask_probe = dir.path().join("probe");
        fs::write(&umask_probe, "").unwrap();
        let expected = fs::metadata(&umask_probe).unwrap().permissions().mode() & 0o777;
        if expected == 0o600 {
            eprintln!("skipped: umask 077 here, a new file is 0600 either way");
            return;
        }
        let path = dir.path().join("report.json");
        write_atomic(&path, b"{}").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected);
    }

    #[test]
    fn a_read_only_file_is_not_replaced() {
        // Its folder allows the rename that would replace it.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        let mut perms = fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        fs::set_permissions(&path, perms).unwrap();
        let err = write_atomic(&path, b"new").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_keeps_its_owner_and_group() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "old").unwrap();
        // Only root can give a file to another user; others check that
        // their own file stays theirs.
        let (uid, gid) = if unsafe { libc::geteuid() } == 0 {
            (65534, 65534)
        } else {
            let meta = fs::metadata(&path).unwrap();
            (meta.uid(), meta.gid())
        };
        std::os::unix::fs::chown(&path, Some(uid), Some(gid)).unwrap();
        write_atomic(&path, b"new").unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (uid, gid));
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_kept_and_its_file_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/a.md");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real/a.md", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        // A link to a file not there yet: the file is made, the link stays.
        let dangling = dir.path().join("report.json");
        std::os::unix::fs::symlink("real/out.json", &dangling).unwrap();
        write_atomic(&dangling, b"{}").unwrap();
        assert!(fs::symlink_metadata(&dangling).unwrap().is_symlink());
        assert_eq!(
            fs::read_to_string(dir.path().join("real/out.json")).unwrap(),
            "{}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_to_not_replaced() {
        // What `--output-file /dev/null` or `/dev/stdout` meets: replacing
        // the device by a regular file would break the system.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_atomic(&fifo, b"report").unwrap();
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"report");
    }

    #[test]
    fn a_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(dir.path(), b"x").unwrap_err();
        assert_eq!(err.to_string(), "this is a folder");
    }
}
