//! One seam for every file the product writes for a person to take away: the debrief packet, a
//! paper interview kit, a pack file, a candidate's data, a calendar entry, a scorecard file.
//!
//! Both faces (the app's commands and `panelctl`) call these functions, so a destination is
//! checked the same way (an absolute path ending in the kind's extension), every file is written
//! atomically ([`crate::files`]) and described by one [`ExportedFile`], and the rules an export
//! carries hold whichever face asked: an empty pack is not exported, an exported pack version is
//! frozen, a candidate-data export is audited. The faces keep only their arguments and printing.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::bank::{self, packfile};
use crate::{files, Db, Error, Result};

/// The kinds of file an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The debrief packet (PDF).
    Packet,
    /// A panelist's paper interview kit (PDF).
    InterviewKit,
    /// A question pack version (`.hppack`).
    Pack,
    /// Everything held about a candidate (JSON).
    CandidateData,
    /// The interview as a calendar entry (`.ics`).
    Calendar,
    /// A panelist's signed scorecard (`.hpscore`).
    Scorecard,
    /// Finalists side by side, for the hiring committee (PDF).
    Comparison,
}

impl ExportKind {
    /// The extension the file must have.
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Packet | ExportKind::InterviewKit | ExportKind::Comparison => "pdf",
            ExportKind::Pack => packfile::PACK_EXTENSION,
            ExportKind::CandidateData => "json",
            ExportKind::Calendar => "ics",
            ExportKind::Scorecard => crate::exchange::SCORECARD_EXTENSION,
        }
    }

    /// The file in words, for refusals.
    fn what(self) -> &'static str {
        match self {
            ExportKind::Packet => "the debrief packet",
            ExportKind::Comparison => "the finalists comparison",
            ExportKind::InterviewKit => "an interview kit",
            ExportKind::Pack => "a pack file",
            ExportKind::CandidateData => "candidate data",
            ExportKind::Calendar => "a calendar entry",
            ExportKind::Scorecard => "a scorecard",
        }
    }
}

/// A file written by an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ExportedFile {
    /// Where it was written.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u32,
    /// What the user should know about it: a PDF with characters its fonts cannot draw
    /// ([`crate::pdf::Rendered::warning`]).
    pub warning: Option<String>,
}

/// Export the debrief packet to a file.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PacketExportRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Where to write the PDF (chosen in the save dialog).
    pub path: String,
    /// Paper size.
    pub paper: crate::pdf::Paper,
}

/// Export the finalists comparison to a file.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ComparisonExportRequest {
    /// The plans compared, in order.
    pub plan_ids: Vec<i64>,
    /// Where to write the PDF (chosen in the save dialog).
    pub path: String,
    /// Paper size.
    pub paper: crate::pdf::Paper,
}

/// Export one panelist's paper interview kit to a file.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KitExportRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// Where to write the PDF.
    pub path: String,
    /// Paper size.
    pub paper: crate::pdf::Paper,
}

/// Checks where an export goes: an absolute path ending in the kind's extension, so nothing is
/// written somewhere the user did not choose, and "Open" only ever hands the system a file of
/// the kind it expects. `panelctl` makes a typed relative path absolute before asking.
pub fn destination(path: &Path, kind: ExportKind) -> Result<PathBuf> {
    let wanted = kind.extension();
    let has_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(wanted));
    if path.is_absolute() && has_extension {
        return Ok(path.to_path_buf());
    }
    Err(Error::InvalidInput(format!(
        "{} needs a full path to a .{wanted} file, not {}",
        kind.what(),
        path.display()
    )))
}

/// Writes an export's bytes to a checked destination, atomically: a failed write (a full disk,
/// a missing folder) leaves any earlier file there intact.
pub fn write(path: &Path, kind: ExportKind, bytes: &[u8]) -> Result<ExportedFile> {
    let path = destination(path, kind)?;
    files::write_atomically(&path, bytes)?;
    Ok(ExportedFile {
        path: path.display().to_string(),
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        warning: None,
    })
}

/// Writes a rendered PDF like [`write`], carrying the warning about characters it cannot draw.
pub fn write_pdf(
    path: &Path,
    kind: ExportKind,
    pdf: &crate::pdf::Rendered,
) -> Result<ExportedFile> {
    let mut written = write(path, kind, &pdf.bytes)?;
    written.warning = pdf.warning();
    Ok(written)
}

/// Writes a pack version to a `.hppack` file. A pack
/// without questions is refused; once written, the version has left this machine and the
/// editor never changes it in place again.
pub fn pack(
    db: &mut Db,
    pack: &bank::PackRef,
    path: &Path,
) -> Result<(ExportedFile, packfile::PackFile)> {
    let path = destination(path, ExportKind::Pack)?;
    let file = packfile::export_pack(db.conn(), pack)?;
    if file.pack.questions.is_empty() {
        return Err(Error::InvalidInput(
            "the pack has no questions yet; add one before exporting it".into(),
        ));
    }
    let written = write(&path, ExportKind::Pack, &packfile::to_bytes(&file))?;
    db.with_tx(|tx| bank::mark_shared(tx, &file.pack.id, file.pack.version))?;
    Ok((written, file))
}

/// Writes everything held about the plan's candidate as JSON, for a data-access request. The
/// export is audited in the same transaction: if the file cannot be written, no entry says it
/// was. An access request covers every scorecard, drafts and sealed ones included, so while the
/// plan is sealed the export needs a `disclosure` (why and who), recorded as an early unseal.
pub fn candidate_data(
    db: &mut Db,
    plan_id: i64,
    path: &Path,
    disclosure: Option<&crate::scorecards::Disclosure>,
) -> Result<ExportedFile> {
    let path = destination(path, ExportKind::CandidateData)?;
    db.with_tx(|tx| {
        crate::scorecards::disclose_if_sealed(
            tx,
            plan_id,
            disclosure,
            "exporting the candidate's data",
            "every scorecard of the plan, drafts included",
        )?;
        let doc = crate::privacy::subject_export(tx, plan_id)?;
        let mut bytes = serde_json::to_vec_pretty(&doc).expect("JSON values serialise");
        bytes.push(b'\n');
        write(&path, ExportKind::CandidateData, &bytes)
    })
}

/// Writes the plan's interview as a calendar entry.
pub fn calendar(conn: &rusqlite::Connection, plan_id: i64, path: &Path) -> Result<ExportedFile> {
    let path = destination(path, ExportKind::Calendar)?;
    let text = crate::plans::ics(conn, plan_id)?;
    write(&path, ExportKind::Calendar, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_destination_must_be_absolute_and_of_the_right_kind() {
        assert!(destination(Path::new("/tmp/packet.PDF"), ExportKind::Packet).is_ok());
        let relative = destination(Path::new("packet.pdf"), ExportKind::Packet).unwrap_err();
        assert_eq!(
            relative.to_string(),
            "the debrief packet needs a full path to a .pdf file, not packet.pdf"
        );
        let wrong = destination(Path::new("/tmp/entry.txt"), ExportKind::Calendar).unwrap_err();
        assert!(wrong.to_string().contains(".ics file"), "{wrong}");
    }

    #[test]
    fn a_pack_without_questions_is_not_exported_by_any_face() {
        let mut db = Db::open_in_memory().unwrap();
        let saved = db
            .with_tx(|tx| bank::create_pack(tx, "Empty pack"))
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.hppack");
        let err = pack(&mut db, &saved.pack_ref(), &path).unwrap_err();
        assert!(err.to_string().contains("no questions yet"), "{err}");
        assert!(!path.exists(), "nothing is written for a refused export");
    }
}
