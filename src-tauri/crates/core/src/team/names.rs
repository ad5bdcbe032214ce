//! Which files in a team folder are exchange files to read, and how this install names the ones
//! it writes.
//!
//! A sync engine shares the folder with every machine of the team, and each engine leaves its own
//! litter: partial downloads under temporary names, lock files, and — when two machines change
//! one file — conflict copies. The app reads only complete exchange files, treats a conflict copy
//! as one more file to import through the normal rules (and says it was one), and names what it
//! writes at random, so that neither the engine's index nor any synced machine learns a
//! candidate's or a panelist's name from the folder.

use crate::exchange::{KIT_EXTENSION, SCORECARD_EXTENSION};
use crate::ids::random_hex;

/// What an exchange file in the folder is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderFileKind {
    /// A `.hpkit`.
    Kit,
    /// A `.hpscore`.
    Scorecard,
}

/// A name in the folder that is an exchange file to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderFileName {
    /// Kit or scorecard.
    pub kind: FolderFileKind,
    /// A sync engine's copy of a file two machines changed at once (imported all the same,
    /// through the normal rules, and reported).
    pub conflict_copy: bool,
}

/// Endings of names sync engines and browsers give files still arriving.
const PARTIAL_ENDINGS: [&str; 7] = [
    ".part",
    ".partial",
    ".tmp",
    ".crdownload",
    ".download",
    ".!sync",
    ".syncthing",
];

/// What conflict copies' names carry: Syncthing's `.sync-conflict-DATE-TIME-DEVICE`, and the
/// "conflicted copy" of Dropbox and Nextcloud.
const CONFLICT_MARKS: [&str; 2] = [".sync-conflict-", "conflicted copy"];

/// Reads a name found in the folder: `None` for everything that is not a complete exchange file
/// (hidden and temporary files — Syncthing's `.syncthing.*.tmp`, this app's own `.tmp*` —,
/// lock files `~$*`, partial downloads `*.part`, other extensions).
pub fn classify(name: &str) -> Option<FolderFileName> {
    let lower = name.to_lowercase();
    if lower.starts_with('.') || lower.starts_with("~$") {
        return None;
    }
    if PARTIAL_ENDINGS.iter().any(|end| lower.ends_with(end)) {
        return None;
    }
    let kind = if lower.ends_with(&format!(".{KIT_EXTENSION}")) {
        FolderFileKind::Kit
    } else if lower.ends_with(&format!(".{SCORECARD_EXTENSION}")) {
        FolderFileKind::Scorecard
    } else {
        return None;
    };
    Some(FolderFileName {
        kind,
        conflict_copy: CONFLICT_MARKS.iter().any(|mark| lower.contains(mark)),
    })
}

/// A new name for a file this install publishes: random, saying nothing about whose it is.
pub fn published_name(kind: FolderFileKind) -> String {
    let extension = match kind {
        FolderFileKind::Kit => KIT_EXTENSION,
        FolderFileKind::Scorecard => SCORECARD_EXTENSION,
    };
    format!("hp-{}.{extension}", random_hex(12))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_complete_exchange_files_are_read_and_conflict_copies_are_told_apart() {
        let kit = Some(FolderFileName {
            kind: FolderFileKind::Kit,
            conflict_copy: false,
        });
        let score = Some(FolderFileName {
            kind: FolderFileKind::Scorecard,
            conflict_copy: false,
        });
        let conflict = Some(FolderFileName {
            kind: FolderFileKind::Scorecard,
            conflict_copy: true,
        });
        for (name, expected) in [
            ("hp-0a1b2c3d4e5f.hpkit", kit),
            ("hp-0a1b2c3d4e5f.HPSCORE", score),
            ("Zoë – Priya.hpscore", score),
            (
                "hp-0a1b.sync-conflict-20261204-101500-ABCDEFG.hpscore",
                conflict,
            ),
            (
                "hp-0a1b (Priya's conflicted copy 2026-12-04).hpscore",
                conflict,
            ),
            (
                "hp-0a1b (conflicted copy 2026-12-04 101500).hpscore",
                conflict,
            ),
            (".syncthing.hp-0a1b.hpscore.tmp", None),
            (".hp-1234abcd.tmp", None),
            ("~$hp-0a1b.hpkit", None),
            ("hp-0a1b.hpkit.part", None),
            ("hp-0a1b.hpscore.crdownload", None),
            ("notes.txt", None),
            ("hpkit", None),
        ] {
            assert_eq!(classify(name), expected, "{name}");
        }
    }

    #[test]
    fn published_names_are_opaque_and_read_back() {
        let a = published_name(FolderFileKind::Kit);
        let b = published_name(FolderFileKind::Kit);
        assert_ne!(a, b);
        assert!(a.starts_with("hp-") && a.ends_with(".hpkit"), "{a}");
        assert_eq!(
            classify(&published_name(FolderFileKind::Scorecard)).map(|n| n.kind),
            Some(FolderFileKind::Scorecard)
        );
        // Files are written under the hidden temporary names `files::write_atomically` gives.
        assert_eq!(classify(".tmpA1b2C3"), None);
    }
}
