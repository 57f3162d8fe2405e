//! Writing files: fixed articles, reports, baselines, `repere init`'s config.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `data` to `path` so that a reader never sees half a file and a
/// failure never loses the old one: a temporary file next to the target,
/// synced, then renamed over it, with the target's permissions.
///
/// A symbolic link is kept: the file it leads to is written. What is not a
/// regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written to directly,
/// never replaced.
pub fn write_atomic(path: &Path, data: &[u8]) -> io::Result<()> {
    let target = resolve(path);
    let existing = fs::metadata(&target).ok();
    if let Some(meta) = &existing
        && !meta.is_file()
    {
        if meta.is_dir() {
            return Err(io::Error::other("this is a folder"));
        }
        let mut out = fs::OpenOptions::new().write(true).open(&target)?;
        out.write_all(data)?;
        return out.flush();
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(data)?;
    tmp.as_file().sync_all()?;
    if let Some(meta) = existing {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(&target).map_err(|e| e.error)?;
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
