//! The question bank: the built-in interview pack and the packs stored in the database.
//!
//! The built-in pack is compiled into the binary from two data files in `data/`: the pack text
//! exactly as the knowledge base publishes it, and a small metadata file that adds what the text
//! does not say (the pack's stable id and version, the capabilities each question probes with the
//! reason for the mapping, and a time budget). Keeping the published text verbatim means a new
//! edition of the pack can be dropped in and diffed; the parser repairs its broken punctuation.

mod editor;
mod guidance;
pub mod mojibake;
pub mod packfile;
mod store;
pub mod text_format;

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::Capability;

pub use editor::{
    create_pack, duplicate_pack, pack_view, save_pack, PackDraft, PackSaved, PackView,
};
pub use guidance::{LevelGuidance, MAX_GUIDANCE_CHARS};
pub use store::{
    builtin_pack, install_builtin, mark_shared, resolve_pack, resolve_spec, stored_pack, BankPack,
    BankQuestion, PackOrigin, PackRef, PackRow,
};
pub(crate) use store::{
    ensure_not_builtin_id, insert_pack, insert_question, level_guidance, newest_builtin,
    pack_question, pack_questions, resolve_newest, stored_questions,
};

const BUILTIN_TEXT: &str = include_str!("../../data/product-security-leadership-2026.txt");
const BUILTIN_META: &str = include_str!("../../data/product-security-leadership-2026.meta.json");

/// Per-question time budgets must stay in this range so a question is neither rushed nor padded.
pub const MINUTES_RANGE: std::ops::RangeInclusive<u32> = 6..=10;
/// The whole pack must fit in this many minutes of interviewing.
pub const MAX_PACK_MINUTES: u32 = 160;

/// A versioned set of questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pack {
    /// Stable identifier shared by every version of the pack.
    pub id: String,
    /// Version; plans pin the version they were built from.
    pub version: u32,
    /// Human title.
    pub title: String,
    /// Questions in pack order.
    pub questions: Vec<Question>,
}

/// One interview question with its rubric: as built in, as stored, and as kit and pack files
/// carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Question {
    /// Number within the pack, from 1.
    pub number: u32,
    /// The question as asked.
    pub text: String,
    /// Points a strong answer should cover, one per bullet.
    pub strong_answer: Vec<String>,
    /// Patterns that mark a weak answer (red flags).
    pub weak_signals: Vec<String>,
    /// Guidance for the interviewer that is not something the candidate covers.
    pub interviewer_notes: Vec<String>,
    /// Capabilities the question probes, the primary one first.
    pub capabilities: Vec<Capability>,
    /// Why the question probes those capabilities.
    pub capability_rationale: String,
    /// Suggested time budget in whole minutes.
    pub minutes: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PackMeta {
    id: String,
    version: u32,
    title: String,
    capability_order: Vec<Capability>,
    questions: Vec<QuestionMeta>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionMeta {
    number: u32,
    minutes: u32,
    capabilities: Vec<Capability>,
    rationale: String,
}

/// The pack that ships inside the binary.
pub fn builtin() -> &'static Pack {
    static PACK: LazyLock<Pack> = LazyLock::new(|| {
        assemble(BUILTIN_TEXT, BUILTIN_META).expect("the built-in pack data files are consistent")
    });
    &PACK
}

/// Combines pack text and metadata, checking that they describe the same questions and that
/// budgets and capabilities make sense.
fn assemble(text: &str, meta: &str) -> crate::Result<Pack> {
    use crate::Error::InvalidInput;
    let parsed = text_format::parse(text)?;
    let meta: PackMeta = serde_json::from_str(meta)
        .map_err(|e| InvalidInput(format!("pack metadata is malformed: {e}")))?;
    if parsed.capabilities.len() != meta.capability_order.len() {
        return Err(InvalidInput(format!(
            "the pack text lists {} capabilities but the metadata names {}",
            parsed.capabilities.len(),
            meta.capability_order.len()
        )));
    }
    if parsed.questions.len() != meta.questions.len() {
        return Err(InvalidInput(format!(
            "the pack text has {} questions but the metadata describes {}",
            parsed.questions.len(),
            meta.questions.len()
        )));
    }
    let mut questions = Vec::with_capacity(parsed.questions.len());
    for (q, m) in parsed.questions.into_iter().zip(meta.questions) {
        if q.number != m.number {
            return Err(InvalidInput(format!(
                "metadata for question {} is out of order (found {})",
                q.number, m.number
            )));
        }
        if !MINUTES_RANGE.contains(&m.minutes) {
            return Err(InvalidInput(format!(
                "question {} has a {}-minute budget; budgets must be 6–10 minutes",
                q.number, m.minutes
            )));
        }
        if m.capabilities.is_empty() {
            return Err(InvalidInput(format!(
                "question {} probes no capability",
                q.number
            )));
        }
        questions.push(Question {
            number: q.number,
            text: q.text,
            strong_answer: q.strong_answer,
            weak_signals: q.weak_signals,
            interviewer_notes: q.interviewer_notes,
            capabilities: m.capabilities,
            capability_rationale: m.rationale,
            minutes: m.minutes,
        });
    }
    let total: u32 = questions.iter().map(|q| q.minutes).sum();
    if total > MAX_PACK_MINUTES {
        return Err(InvalidInput(format!(
            "the pack needs {total} minutes; at most {MAX_PACK_MINUTES} are allowed"
        )));
    }
    Ok(Pack {
        id: meta.id,
        version: meta.version,
        title: meta.title,
        questions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_pack_has_the_eighteen_questions_in_order() {
        let pack = builtin();
        assert_eq!(pack.id, "product-security-leadership");
        assert_eq!(
            pack.questions.len(),
            18,
            "the pack is announced as 18 questions"
        );
        for (i, q) in pack.questions.iter().enumerate() {
            assert_eq!(
                q.number as usize,
                i + 1,
                "questions keep the pack's numbering"
            );
            assert!(
                !q.strong_answer.is_empty(),
                "question {} has points to tick",
                q.number
            );
        }
        assert_eq!(
            pack.questions[0].text,
            "What should a Product Security program actually own versus influence?"
        );
    }

    #[test]
    fn question_12_has_real_curly_quotes_and_no_mojibake_anywhere() {
        let pack = builtin();
        assert_eq!(
            pack.questions[11].text,
            "How would you respond if a board member asks whether the company is \
             “secure enough”?"
        );
        let all = serde_json::to_string(pack).unwrap();
        assert!(
            !mojibake::contains_mojibake(&all),
            "no mangled punctuation reaches users"
        );
        assert!(!all.contains('โ') && !all.contains("â€"));
    }

    #[test]
    fn weak_answer_sentences_become_red_flags_not_points() {
        let q1 = &builtin().questions[0];
        assert_eq!(
            q1.weak_signals,
            ["A weak answer claims ownership of everything."]
        );
        assert_eq!(
            q1.strong_answer.len(),
            3,
            "one point per bullet, weak sentence removed"
        );
        assert_eq!(
            q1.strong_answer[2],
            "Mature leaders design shared ownership deliberately."
        );
        let q16 = &builtin().questions[15];
        assert_eq!(
            q16.strong_answer.len(),
            1,
            "the interviewer's note is not a point to tick"
        );
        assert_eq!(q16.interviewer_notes.len(), 1);
    }

    #[test]
    fn budgets_fit_the_rules_and_every_capability_is_probed() {
        let pack = builtin();
        let total: u32 = pack.questions.iter().map(|q| q.minutes).sum();
        assert!(total <= MAX_PACK_MINUTES, "pack totals {total} minutes");
        for cap in Capability::ALL {
            let n = pack
                .questions
                .iter()
                .filter(|q| q.capabilities.contains(&cap))
                .count();
            assert!(n >= 3, "{} is probed by only {n} questions", cap.slug());
        }
    }

    #[test]
    fn metadata_that_disagrees_with_the_text_is_rejected() {
        let meta = BUILTIN_META.replace("\"minutes\": 10", "\"minutes\": 12");
        let err = assemble(BUILTIN_TEXT, &meta).unwrap_err();
        assert!(
            err.to_string().contains("budgets must be 6–10 minutes"),
            "{err}"
        );
        let short = r#"{"id":"x","version":1,"title":"x","capabilityOrder":[],"questions":[]}"#;
        assert!(assemble(BUILTIN_TEXT, short).is_err());
    }
}
