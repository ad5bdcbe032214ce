//! A small, real data disk for the tests of a full and a read-only disk: an ext4 image on a loop
//! device, mounted on the test's data folder. Filling it gives SQLite a genuine `ENOSPC`;
//! ext4's own error path (`errors=remount-ro`, triggered through sysfs) turns it read-only under
//! the running app — open files included, as a failing disk does — where a `chmod` would not
//! stop root and a `mount -o remount,ro` refuses while the database is open for writing.
//! Needs root (CI and the developers' machines run the suite as root).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run_tool as run;

/// The mounted disk; unmounted and detached when dropped.
pub struct SmallDisk {
    image: tempfile::NamedTempFile,
    device: String,
    mount_point: PathBuf,
}

impl SmallDisk {
    /// Makes an ext4 file system of `megabytes` and mounts it on `mount_point` (an empty folder).
    pub fn mount_on(mount_point: &Path, megabytes: u64) -> SmallDisk {
        assert_eq!(
            run("id", &["-u"]),
            "0",
            "the data-disk test mounts a loop device: run make test as root (CI does)"
        );
        let image = tempfile::NamedTempFile::new().unwrap();
        image.as_file().set_len(megabytes * 1024 * 1024).unwrap();
        let path = image.path().to_str().unwrap().to_string();
        let device = run("losetup", &["--find", "--show", &path]);
        // A loop device an earlier run left read-only would refuse the file system.
        let _ = Command::new("blockdev").args(["--setrw", &device]).status();
        run("mkfs.ext4", &["-q", "-F", "-m", "0", &device]);
        let disk = SmallDisk {
            image,
            device,
            mount_point: mount_point.to_path_buf(),
        };
        disk.mount();
        disk
    }

    fn mount(&self) {
        run(
            "mount",
            &[
                "-o",
                "errors=remount-ro",
                &self.device,
                self.mount_point.to_str().unwrap(),
            ],
        );
    }

    /// Fills every free block with a file (`filler`); returns once a write fails for lack of
    /// space.
    pub fn fill(&self) {
        let mut file = std::fs::File::create(self.filler()).unwrap();
        let block = vec![0u8; 64 * 1024];
        for size in [block.len(), 4096, 512] {
            while file.write_all(&block[..size]).is_ok() {}
        }
        let _ = file.sync_all();
    }

    /// Frees what [`SmallDisk::fill`] took.
    pub fn free(&self) {
        std::fs::remove_file(self.filler()).unwrap();
    }

    fn filler(&self) -> PathBuf {
        self.mount_point.join("filler")
    }

    /// Makes ext4 report an error, which with `errors=remount-ro` turns the file system
    /// read-only at once for every writer, the app's open database included.
    pub fn fail_read_only(&self) {
        let name = Path::new(&self.device)
            .file_name()
            .unwrap()
            .to_str()
            .unwrap();
        std::fs::write(
            format!("/sys/fs/ext4/{name}/trigger_fs_error"),
            "test: the data disk goes read-only",
        )
        .unwrap();
        let probe = self.mount_point.join("probe");
        assert!(
            std::fs::write(&probe, b"x").is_err(),
            "the data disk refuses writes now"
        );
    }

    /// After the app is gone: unmounts, repairs the file system the error marked, and mounts it
    /// writable again at the same place (the draft journal is found by the data folder's path).
    pub fn remount_writable(&self) {
        // The killed app's helper processes may take a moment to let go of the folder.
        let point = self.mount_point.to_str().unwrap();
        for _ in 0..40 {
            if Command::new("umount")
                .arg(point)
                .status()
                .unwrap()
                .success()
            {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        assert!(
            !std::fs::read_to_string("/proc/mounts")
                .unwrap()
                .contains(&format!(" {point} ")),
            "{point} is still mounted"
        );
        // e2fsck exits 1 when it corrected something: that is the point here.
        let status = Command::new("e2fsck")
            .args(["-f", "-y", &self.device])
            .output()
            .unwrap()
            .status;
        assert!(matches!(status.code(), Some(0 | 1)), "e2fsck: {status}");
        self.mount();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .args(["-l", self.mount_point.to_str().unwrap()])
            .status();
        let _ = Command::new("losetup").args(["-d", &self.device]).status();
        let _ = &self.image;
    }
}
