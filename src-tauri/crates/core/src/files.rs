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
/// replaced), then each is renamed over its destination.
pub fn write_all_atomically(files: &[(&Path, &[u8])]) -> Result<()> {
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
    for (file, path) in staged {
        file.persist(path)
            .map_err(|e| fail(path, describe(&e.error)))?;
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
