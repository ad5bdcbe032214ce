//! Question packs as files (`.hppack`): sharing a pack between teams and keeping it under
//! version control. The format is documented in `docs/pack-format.md`.
//!
//! A pack is identified by its id and version. Importing an id and version this database already
//! holds is a no-op when the content is identical and refused when it differs: two texts under
//! one version would make packets of different candidates incomparable.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::store::questions_of;
use crate::{db, Capability, Error, Result};

/// `format` of a pack file.
pub const PACK_FORMAT: &str = "hiring-panel/pack";
/// The format version this build writes and the newest it reads.
pub const PACK_FORMAT_VERSION: u32 = 1;
/// Largest pack file accepted.
pub const MAX_PACK_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Most questions a pack may hold.
pub const MAX_PACK_QUESTIONS: usize = 200;

/// A pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackFile {
    /// Always [`PACK_FORMAT`].
    pub format: String,
    /// Always [`PACK_FORMAT_VERSION`] when written by this build.
    pub format_version: u32,
    /// The pack.
    pub pack: PackData,
}

/// A pack's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackData {
    /// Stable id shared by all versions: lowercase letters, digits and hyphens.
    pub id: String,
    /// Version, from 1.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Questions in pack order.
    pub questions: Vec<PackQuestion>,
}

/// One question with its rubric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackQuestion {
    /// Number in the pack, from 1.
    pub number: u32,
    /// The question as asked.
    pub text: String,
    /// Points a strong answer covers.
    pub strong_answer: Vec<String>,
    /// Signals of a weak answer.
    pub weak_signals: Vec<String>,
    /// Guidance for the interviewer.
    pub interviewer_notes: Vec<String>,
    /// Capabilities probed, the primary one first.
    pub capabilities: Vec<Capability>,
    /// Why those capabilities.
    pub capability_rationale: String,
    /// Time budget in minutes.
    pub minutes: u32,
}

/// One stored pack version, as `panelctl pack list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackSummary {
    /// Pack id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Title.
    pub title: String,
    /// Shipped with the app (read-only).
    pub builtin: bool,
    /// Number of questions.
    pub questions: u32,
    /// Plans pinned to this version.
    pub plans: u32,
}

/// Every stored pack version, by id then version.
pub fn list_packs(conn: &Connection) -> Result<Vec<PackSummary>> {
    let mut stmt = conn.prepare(
        "SELECT k.pack_key, k.version, k.title, k.builtin,
                (SELECT count(*) FROM questions q WHERE q.pack_id = k.id),
                (SELECT count(*) FROM plans p WHERE p.pack_id = k.id)
         FROM question_packs k ORDER BY k.pack_key, k.version",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PackSummary {
            id: r.get(0)?,
            version: r.get(1)?,
            title: r.get(2)?,
            builtin: r.get(3)?,
            questions: r.get(4)?,
            plans: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The stored pack named `spec`: `ID` (its newest version) or `ID@VERSION`.
pub fn export_pack(conn: &Connection, spec: &str) -> Result<PackFile> {
    let (id, version) = match spec.split_once('@') {
        Some((id, v)) => (
            id,
            Some(v.parse::<u32>().map_err(|_| {
                Error::InvalidInput(format!("{v:?} is not a pack version (expected ID@NUMBER)"))
            })?),
        ),
        None => (spec, None),
    };
    let row: Option<(i64, u32, String)> = conn
        .query_row(
            "SELECT id, version, title FROM question_packs
             WHERE pack_key = ?1 AND (?2 IS NULL OR version = ?2)
             ORDER BY version DESC LIMIT 1",
            params![id, version],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((row, version, title)) = row else {
        return Err(Error::InvalidInput(match version {
            Some(v) => format!("there is no pack {id} version {v}; `pack list` shows the packs"),
            None => format!("there is no pack {id}; `pack list` shows the packs"),
        }));
    };
    let questions = questions_of(conn, row)?
        .into_iter()
        .map(|q| PackQuestion {
            number: q.number,
            text: q.text,
            strong_answer: q.strong_answer,
            weak_signals: q.weak_signals,
            interviewer_notes: q.interviewer_notes,
            capabilities: q.capabilities,
            capability_rationale: q.capability_rationale,
            minutes: q.minutes,
        })
        .collect();
    Ok(PackFile {
        format: PACK_FORMAT.into(),
        format_version: PACK_FORMAT_VERSION,
        pack: PackData {
            id: id.to_string(),
            version,
            title,
            questions,
        },
    })
}

/// The file's bytes: pretty JSON with a final newline, so it diffs well under version control.
pub fn to_bytes(file: &PackFile) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(file).expect("packs always serialise");
    bytes.push(b'\n');
    bytes
}

/// Parses and checks a pack file; nothing is written.
pub fn parse_pack(bytes: &[u8]) -> Result<PackFile> {
    let bad = |msg: String| Err(Error::Rejected(msg));
    if bytes.len() > MAX_PACK_FILE_BYTES {
        return bad(format!(
            "the file is {} KB; pack files are at most {} MB",
            bytes.len() / 1024,
            MAX_PACK_FILE_BYTES / (1024 * 1024)
        ));
    }
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) if e.is_eof() => {
            return bad(format!(
                "the pack file ends too early (line {}, column {}): it was cut short",
                e.line(),
                e.column()
            ))
        }
        Err(e) => {
            return bad(format!(
                "this is not a Hiring Panel pack file (not JSON: {e})"
            ))
        }
    };
    match value.get("format").and_then(|f| f.as_str()) {
        Some(PACK_FORMAT) => {}
        Some(other) => {
            return bad(format!(
                "this is not a Hiring Panel pack file (its format is {other:?})"
            ))
        }
        None => return bad("this is not a Hiring Panel pack file (it has no \"format\")".into()),
    }
    match value.get("formatVersion").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(PACK_FORMAT_VERSION) => {}
        Some(v) if v > u64::from(PACK_FORMAT_VERSION) => {
            return bad(format!(
                "this pack file was written by a newer version of Hiring Panel (format version \
                 {v}); this version reads format version {PACK_FORMAT_VERSION}: update the app"
            ))
        }
        _ => return bad("this pack file has no valid format version".into()),
    }
    let file: PackFile = serde_json::from_value(value)
        .map_err(|e| Error::Rejected(format!("the pack file is malformed: {e}")))?;
    check(&file.pack).map_err(|e| Error::Rejected(format!("the pack file is malformed: {e}")))?;
    Ok(file)
}

/// The rules every pack meets, so a plan built from it can be split, interviewed and printed.
fn check(pack: &PackData) -> std::result::Result<(), String> {
    let id_ok = !pack.id.is_empty()
        && pack.id.len() <= 64
        && pack
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !id_ok {
        return Err(format!(
            "pack id {:?} must be 1–64 lowercase letters, digits or hyphens",
            pack.id
        ));
    }
    if pack.version == 0 {
        return Err("versions start at 1".into());
    }
    let title = pack.title.trim();
    if title.is_empty() || title.chars().count() > 200 || title.chars().any(char::is_control) {
        return Err("the title must be 1–200 characters without control characters".into());
    }
    if pack.questions.is_empty() || pack.questions.len() > MAX_PACK_QUESTIONS {
        return Err(format!("a pack holds 1–{MAX_PACK_QUESTIONS} questions"));
    }
    let mut numbers: Vec<u32> = pack.questions.iter().map(|q| q.number).collect();
    numbers.sort_unstable();
    if numbers[0] == 0 || numbers.windows(2).any(|w| w[0] == w[1]) {
        return Err("question numbers start at 1 and do not repeat".into());
    }
    for q in &pack.questions {
        let n = q.number;
        if q.text.trim().is_empty() || q.text.chars().count() > 2_000 {
            return Err(format!("question {n} needs a text of 1–2,000 characters"));
        }
        if !(1..=60).contains(&q.minutes) {
            return Err(format!(
                "question {n} has a time budget of {} minutes; 1–60 are allowed",
                q.minutes
            ));
        }
        if q.capabilities.is_empty() {
            return Err(format!("question {n} probes no capability"));
        }
        let lists = [&q.strong_answer, &q.weak_signals, &q.interviewer_notes];
        if lists.iter().any(|l| {
            l.len() > 20
                || l.iter()
                    .any(|p| p.trim().is_empty() || p.chars().count() > 1_000)
        }) {
            return Err(format!(
                "question {n} has an empty or over-long point (at most 20 points of 1,000 characters)"
            ));
        }
    }
    Ok(())
}

/// What importing a pack did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackImported {
    /// Pack id.
    pub id: String,
    /// Version.
    pub version: u32,
    /// Number of questions.
    pub questions: u32,
    /// True when this exact pack version was already here: nothing changed.
    pub already_present: bool,
}

/// Stores a parsed pack in the caller's transaction: identical content already present is a
/// no-op; the same id and version with different content is refused.
pub fn import_pack(conn: &Connection, file: &PackFile) -> Result<PackImported> {
    let pack = &file.pack;
    let outcome = |already| PackImported {
        id: pack.id.clone(),
        version: pack.version,
        questions: pack.questions.len() as u32,
        already_present: already,
    };
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM question_packs WHERE pack_key = ?1 AND version = ?2",
            params![pack.id, pack.version],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        let mut mine = export_pack(conn, &format!("{}@{}", pack.id, pack.version))?.pack;
        let mut theirs = pack.clone();
        mine.questions.sort_by_key(|q| q.number);
        theirs.questions.sort_by_key(|q| q.number);
        if mine == theirs {
            return Ok(outcome(true));
        }
        return Err(Error::Rejected(format!(
            "pack {} version {} is already here with different content; give the changed pack \
             a new version number",
            pack.id, pack.version
        )));
    }
    conn.execute(
        "INSERT INTO question_packs (pack_key, version, title, builtin, created_at)
         VALUES (?1, ?2, ?3, 0, ?4)",
        params![pack.id, pack.version, pack.title.trim(), db::now()],
    )?;
    let row = conn.last_insert_rowid();
    for q in &pack.questions {
        conn.execute(
            "INSERT INTO questions (pack_id, number, text, strong_answer, weak_signals,
                 interviewer_notes, capabilities, capability_rationale, minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                row,
                q.number,
                q.text,
                crate::plans::json(&q.strong_answer),
                crate::plans::json(&q.weak_signals),
                crate::plans::json(&q.interviewer_notes),
                crate::plans::json(&q.capabilities),
                q.capability_rationale,
                q.minutes
            ],
        )?;
    }
    Ok(outcome(false))
}

/// What changed from one pack version to another, question by question (matched by number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PackDiff {
    /// `ID@VERSION` of the old side.
    pub from: String,
    /// `ID@VERSION` of the new side.
    pub to: String,
    /// The title, when it changed: (old, new).
    pub title: Option<(String, String)>,
    /// Questions only in the new side.
    pub added: Vec<QuestionRef>,
    /// Questions only in the old side.
    pub removed: Vec<QuestionRef>,
    /// Questions in both whose text or rubric changed.
    pub changed: Vec<QuestionChange>,
}

/// A question named by number, with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuestionRef {
    /// Number.
    pub number: u32,
    /// Text.
    pub text: String,
}

/// How one question changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuestionChange {
    /// Number.
    pub number: u32,
    /// The fields that differ, as the file names them (`text`, `strongAnswer`, …).
    pub fields: Vec<String>,
    /// Old text, when the text changed.
    pub old_text: Option<String>,
    /// New text, when the text changed.
    pub new_text: Option<String>,
}

impl PackDiff {
    /// Whether the two versions hold the same questions and rubric.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
    }
}

/// Compares two packs (pure).
pub fn diff(old: &PackData, new: &PackData) -> PackDiff {
    let find = |pack: &PackData, n: u32| pack.questions.iter().find(|q| q.number == n).cloned();
    let mut numbers: Vec<u32> = old
        .questions
        .iter()
        .chain(&new.questions)
        .map(|q| q.number)
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let mut out = PackDiff {
        from: format!("{}@{}", old.id, old.version),
        to: format!("{}@{}", new.id, new.version),
        title: (old.title != new.title).then(|| (old.title.clone(), new.title.clone())),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    for n in numbers {
        match (find(old, n), find(new, n)) {
            (None, Some(q)) => out.added.push(QuestionRef {
                number: n,
                text: q.text,
            }),
            (Some(q), None) => out.removed.push(QuestionRef {
                number: n,
                text: q.text,
            }),
            (Some(a), Some(b)) if a != b => {
                let mut fields = Vec::new();
                let mut field = |name: &str, differs: bool| {
                    if differs {
                        fields.push(name.to_string());
                    }
                };
                field("text", a.text != b.text);
                field("strongAnswer", a.strong_answer != b.strong_answer);
                field("weakSignals", a.weak_signals != b.weak_signals);
                field(
                    "interviewerNotes",
                    a.interviewer_notes != b.interviewer_notes,
                );
                field("capabilities", a.capabilities != b.capabilities);
                field(
                    "capabilityRationale",
                    a.capability_rationale != b.capability_rationale,
                );
                field("minutes", a.minutes != b.minutes);
                let text_changed = a.text != b.text;
                out.changed.push(QuestionChange {
                    number: n,
                    fields,
                    old_text: text_changed.then(|| a.text.clone()),
                    new_text: text_changed.then(|| b.text.clone()),
                });
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Db, ErrorCode};

    fn tables(db: &Db) -> String {
        let mut out = String::new();
        for sql in [
            "SELECT id, pack_key, version, title, builtin FROM question_packs ORDER BY id",
            "SELECT id, pack_id, number, text, strong_answer, minutes FROM questions ORDER BY id",
        ] {
            let mut stmt = db.conn().prepare(sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    Ok((0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect::<Vec<_>>()
                        .join("|"))
                })
                .unwrap();
            for row in rows {
                out.push_str(&row.unwrap());
                out.push('\n');
            }
        }
        out
    }

    fn import(db: &mut Db, bytes: &[u8]) -> Result<PackImported> {
        let file = parse_pack(bytes)?;
        db.with_tx(|tx| import_pack(tx, &file))
    }

    #[test]
    fn the_builtin_pack_exports_and_reimports_as_the_identical_pack() {
        let mut db = Db::open_in_memory().unwrap();
        let file = export_pack(db.conn(), "product-security-leadership").unwrap();
        assert_eq!(file.pack.questions.len(), 18);
        let bytes = to_bytes(&file);
        let before = tables(&db);
        let outcome = import(&mut db, &bytes).unwrap();
        assert!(outcome.already_present, "identical content is a no-op");
        assert_eq!(tables(&db), before);
        // Exported again, the file is byte-for-byte the same.
        assert_eq!(
            to_bytes(&export_pack(db.conn(), "product-security-leadership@1").unwrap()),
            bytes
        );
    }

    #[test]
    fn a_new_pack_imports_once_and_a_conflicting_version_is_refused_unchanged() {
        let mut db = Db::open_in_memory().unwrap();
        let mut file = export_pack(db.conn(), "product-security-leadership").unwrap();
        file.pack.id = "team-security".into();
        file.pack.title = "Team security pack".into();
        file.pack.questions.truncate(5);
        let outcome = import(&mut db, &to_bytes(&file)).unwrap();
        assert!(!outcome.already_present);
        let listed = list_packs(db.conn()).unwrap();
        assert!(listed
            .iter()
            .any(|p| p.id == "team-security" && p.questions == 5 && !p.builtin));
        assert!(import(&mut db, &to_bytes(&file)).unwrap().already_present);

        let before = tables(&db);
        let mut changed = file.clone();
        changed.pack.questions[0].text.push_str(" Why?");
        let err = import(&mut db, &to_bytes(&changed)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Rejected);
        assert!(
            err.to_string()
                .contains("already here with different content"),
            "{err}"
        );
        assert_eq!(tables(&db), before, "a refused import changes nothing");
        changed.pack.version = 2;
        import(&mut db, &to_bytes(&changed)).unwrap();
    }

    #[test]
    fn malformed_pack_files_are_refused_specifically() {
        let db = Db::open_in_memory().unwrap();
        let good = to_bytes(&export_pack(db.conn(), "product-security-leadership").unwrap());
        let text = String::from_utf8(good.clone()).unwrap();
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (good[..good.len() / 2].to_vec(), "ends too early"),
            (b"%PDF-1.7".to_vec(), "not a Hiring Panel pack file"),
            (
                br#"{"format":"hiring-panel/kit","formatVersion":1}"#.to_vec(),
                "its format is",
            ),
            (
                text.replacen("\"formatVersion\": 1", "\"formatVersion\": 3", 1)
                    .into_bytes(),
                "newer version",
            ),
            (
                text.replacen("\"minutes\": 8", "\"minutes\": 0", 1)
                    .into_bytes(),
                "1–60 are allowed",
            ),
            (
                text.replacen(
                    "\"id\": \"product-security-leadership\"",
                    "\"id\": \"Bad Id\"",
                    1,
                )
                .into_bytes(),
                "lowercase letters",
            ),
            (
                text.replacen("\"number\": 2,", "\"number\": 1,", 1)
                    .into_bytes(),
                "do not repeat",
            ),
            (
                text.replacen("\"title\"", "\"colour\": 1, \"title\"", 1)
                    .into_bytes(),
                "malformed",
            ),
        ];
        for (bytes, says) in cases {
            let err = parse_pack(&bytes).unwrap_err();
            assert_eq!(err.code(), ErrorCode::Rejected);
            assert!(err.to_string().contains(says), "{err} should say {says}");
        }
        let err = export_pack(db.conn(), "nope@2").unwrap_err();
        assert!(
            err.to_string().contains("there is no pack nope version 2"),
            "{err}"
        );
    }

    #[test]
    fn a_diff_names_added_removed_and_changed_questions() {
        let db = Db::open_in_memory().unwrap();
        let old = export_pack(db.conn(), "product-security-leadership")
            .unwrap()
            .pack;
        assert!(diff(&old, &old).is_empty());
        let mut new = old.clone();
        new.version = 2;
        new.questions.retain(|q| q.number != 11);
        new.questions[0].text = "What does a mature program look like?".into();
        new.questions[1]
            .strong_answer
            .push("Names an owner per risk.".into());
        new.questions[2].minutes += 1;
        let mut extra = new.questions[3].clone();
        extra.number = 19;
        new.questions.push(extra);
        let d = diff(&old, &new);
        assert_eq!(
            d.removed.iter().map(|q| q.number).collect::<Vec<_>>(),
            vec![11]
        );
        assert_eq!(
            d.added.iter().map(|q| q.number).collect::<Vec<_>>(),
            vec![19]
        );
        let changed: Vec<(u32, Vec<String>)> = d
            .changed
            .iter()
            .map(|c| (c.number, c.fields.clone()))
            .collect();
        assert_eq!(
            changed,
            vec![
                (1, vec!["text".to_string()]),
                (2, vec!["strongAnswer".to_string()]),
                (3, vec!["minutes".to_string()]),
            ]
        );
        assert_eq!(
            d.changed[0].new_text.as_deref(),
            Some("What does a mature program look like?")
        );
        assert_eq!(d.from, "product-security-leadership@1");
        assert_eq!(d.to, "product-security-leadership@2");
    }
}
