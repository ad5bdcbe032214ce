//! What changed between two versions of a pack, question by question.

use serde::Serialize;

use super::PackData;

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
