//! Writing exports to disk without ever leaving a half-written file behind.
//!
//! Exports (calendars, packets, kits) are written to a temporary file in the destination's own
//! directory, flushed to disk, and renamed over the destination: a full disk or a crash leaves
//! either the old file or the new one, never a truncated mix.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

/// Writes `bytes` to `path` atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_all_atomically(&[(path, bytes)])
}

/// Writes several files so that either all of them are replaced or none: every file is first
/// written and flushed under a temporary name (a full disk fails here, before anything is
/// replaced), then each is renamed over its destination, with the file it replaces set aside
/// until all are in place. If one cannot be placed, those placed before it are taken back and
/// the set-aside files return, so the folder is as it was.
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<()> {
    // Two entries for one destination would silently keep only the last.
    for (i, (path, _)) in files.iter().enumerate() {
        let folded = path.to_string_lossy().to_lowercase();
        if files[..i]
            .iter()
            .any(|(other, _)| other.to_string_lossy().to_lowercase() == folded)
        {
            return Err(Error::InvalidInput(format!(
                "two files would be written as {}; nothing was written",
                path.display()
            )));
        }
    }
    // One file is replaced by a single rename (a crash leaves the old file or the new one);
    // several are placed with the files they replace set aside until all are in.
    let set_aside = files.len() > 1;
    let fail = |path: &Path, detail: String| {
        Error::InvalidInput(format!("could not write {}: {detail}", path.display()))
    };
    let mut staged = Vec::with_capacity(files.len());
    for &(path, bytes) in files {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let mut file =
            tempfile::NamedTempFile::new_in(dir).map_err(|e| fail(path, describe(&e)))?;
        file.write_all(bytes)
            .map_err(|e| fail(path, describe(&e)))?;
        file.as_file()
            .sync_all()
            .map_err(|e| fail(path, describe(&e)))?;
        staged.push((file, path));
    }
    let mut folders: Vec<&Path> = Vec::new();
    // Each destination placed so far, with where the file it replaced was set aside.
    let mut placed: Vec<(&Path, Option<std::path::PathBuf>)> = Vec::new();
    let undo = |placed: &[(&Path, Option<std::path::PathBuf>)]| {
        for (path, aside) in placed.iter().rev() {
            let _ = std::fs::remove_file(path);
            if let Some(aside) = aside {
                let _ = std::fs::rename(aside, path);
            }
        }
    };
    for (file, path) in staged {
        let aside = if set_aside && path.is_file() {
            let aside = path.with_file_name(format!(
                ".{}.{}.replaced",
                path.file_name().unwrap_or_default().to_string_lossy(),
                crate::ids::random_hex(4)
            ));
            if let Err(e) = std::fs::rename(path, &aside) {
                undo(&placed);
                return Err(fail(path, describe(&e)));
            }
            Some(aside)
        } else {
            None
        };
        if let Err(e) = file.persist(path) {
            if let Some(aside) = &aside {
                let _ = std::fs::rename(aside, path);
            }
            undo(&placed);
            return Err(fail(path, describe(&e.error)));
        }
        placed.push((path, aside));
        if let Some(dir) = path.parent().filter(|d| !folders.contains(d)) {
            folders.push(dir);
        }
    }
    for (_, aside) in &placed {
        if let Some(aside) = aside {
            let _ = std::fs::remove_file(aside);
        }
    }
    // The renames themselves survive a power cut only once their folders are flushed. Not every
    // platform can open a folder; the files are in place either way.
    for dir in folders {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// Creates a directory (and its parents) if needed and makes it owner-only (0700 on Unix):
/// candidate data lives in it.
pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::InvalidInput(format!(
            "could not create {}: {}",
            dir.display(),
            describe(&e)
        ))
    })?;
    set_mode(dir, 0o700)
}

/// Makes a file owner-only (0600 on Unix). SQLite creates its files with the process umask
/// (usually 0644), so the app sets this explicitly on the database, its journals and backups.
pub fn make_private(path: &Path) -> Result<()> {
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|e| {
        Error::InvalidInput(format!(
            "could not restrict access to {}: {}",
            path.display(),
            describe(&e)
        ))
    })
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}

/// Flushes a finished file to disk and renames it to its final name, then flushes the folder so
/// the rename itself survives a power cut.
pub fn sync_and_rename(from: &Path, to: &Path) -> Result<()> {
    place(from, to, |from, to| std::fs::rename(from, to))
}

/// Publishes a finished file under a new name without ever replacing an existing file (a hard
/// link, then the temporary name removed), flushing it and the folder first.
pub fn publish_new(from: &Path, to: &Path) -> Result<()> {
    place(from, to, |from, to| {
        std::fs::hard_link(from, to)?;
        let _ = std::fs::remove_file(from);
        Ok(())
    })
}

/// Flushes `from`, gives it the name `to` with `name_it`, then flushes the folder.
fn place(
    from: &Path,
    to: &Path,
    name_it: impl FnOnce(&Path, &Path) -> std::io::Result<()>,
) -> Result<()> {
    let fail = |e: std::io::Error| {
        Error::InvalidInput(format!(
            "could not write {}: {}",
            to.display(),
            describe(&e)
        ))
    };
    std::fs::File::open(from)
        .and_then(|f| f.sync_all())
        .map_err(fail)?;
    name_it(from, to).map_err(fail)?;
    if let Some(dir) = to.parent() {
        // Not every platform can open a directory; the file is already in place.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}

/// What went wrong, in the user's terms rather than the temporary file's.
fn describe(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "the folder does not exist".into(),
        PermissionDenied => "permission denied".into(),
        StorageFull => "the disk is full".into(),
        ReadOnlyFilesystem => "the disk is read-only".into(),
        kind => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ics");
        std::fs::write(&path, b"old").unwrap();
        write_atomically(&path, b"new contents").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new contents");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn two_files_for_one_destination_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join("Kit.hpkit");
        let other = dir.path().join("kit.hpkit");
        let err = write_all_atomically(&[(&one, b"a"), (&other, b"b")]).unwrap_err();
        assert!(
            err.to_string().contains("two files would be written"),
            "{err}"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn several_files_are_all_replaced_or_none_is() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("a.hpkit");
        let second = dir.path().join("b.hpkit");
        std::fs::write(&first, b"old a").unwrap();
        // The second destination cannot take a file: it is a folder with something in it.
        std::fs::create_dir(&second).unwrap();
        std::fs::write(second.join("inside"), b"x").unwrap();
        let err = write_all_atomically(&[(&first, b"new a"), (&second, b"new b")]).unwrap_err();
        assert!(err.to_string().contains("b.hpkit"), "{err}");
        assert_eq!(
            std::fs::read(&first).unwrap(),
            b"old a",
            "the first file is put back as it was"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names.len(),
            2,
            "nothing set aside is left behind: {names:?}"
        );
        write_all_atomically(&[(&first, b"new a")]).unwrap();
        assert_eq!(std::fs::read(&first).unwrap(), b"new a");
    }

    #[test]
    fn a_missing_directory_is_a_clear_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing/out.ics");
        let err = write_atomically(&path, b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "could not write {}: the folder does not exist",
                path.display()
            )
        );
        assert!(!path.exists());
    }
}
