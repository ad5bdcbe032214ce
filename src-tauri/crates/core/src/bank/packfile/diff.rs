//! What changed between two versions of a pack, question by question.

use serde::Serialize;

use super::PackData;
use crate::bank::Question;

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
    /// Questions the editor moved (renumbering because another question came or went is not a
    /// move).
    pub moved: Vec<QuestionMove>,
    /// Levels whose guidance changed (as readers name them).
    pub guidance: Vec<String>,
}

/// A question that only changed place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct QuestionMove {
    /// Number in the old version.
    pub from: u32,
    /// Number in the new version.
    pub to: u32,
    /// Text.
    pub text: String,
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
    /// Number in the new version.
    pub number: u32,
    /// Number in the old version, when it differs.
    pub old_number: Option<u32>,
    /// The question's text (new version).
    pub text: String,
    /// The fields that differ, as the file names them (`text`, `strongAnswer`, …).
    pub fields: Vec<String>,
    /// Old text, when the text changed.
    pub old_text: Option<String>,
    /// New text, when the text changed.
    pub new_text: Option<String>,
}

impl PackDiff {
    /// Whether the two versions hold the same questions, rubric and guidance.
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.moved.is_empty()
            && self.guidance.is_empty()
    }
}

/// Compares two packs (pure). Questions are matched so that an edit reads as an edit, not as a
/// removal and an addition: first identical questions (moved when their number changed), then
/// questions with the same text (rubric changed), then what is left by number (text changed).
pub fn diff(old: &PackData, new: &PackData) -> PackDiff {
    let mut out = PackDiff {
        from: format!("{}@{}", old.id, old.version),
        to: format!("{}@{}", new.id, new.version),
        title: (old.title != new.title).then(|| (old.title.clone(), new.title.clone())),
        guidance: old
            .level_guidance
            .changed_levels(&new.level_guidance)
            .into_iter()
            .map(|l| l.label().to_string())
            .collect(),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        moved: Vec::new(),
    };
    let mut old_left: Vec<&Question> = old.questions.iter().collect();
    let mut new_left: Vec<&Question> = new.questions.iter().collect();
    let mut pairs: Vec<(&Question, &Question)> = Vec::new();
    let rules: [PairingRule; 3] = [
        same_content,
        |a, b| a.text == b.text,
        |a, b| a.number == b.number,
    ];
    for rule in rules {
        let mut i = 0;
        while i < old_left.len() {
            if let Some(j) = new_left.iter().position(|b| rule(old_left[i], b)) {
                pairs.push((old_left.remove(i), new_left.remove(j)));
            } else {
                i += 1;
            }
        }
    }
    pairs.sort_by_key(|(_, b)| b.number);
    let in_order = keeps_order(&pairs.iter().map(|(a, _)| a.number).collect::<Vec<_>>());
    for (i, (a, b)) in pairs.into_iter().enumerate() {
        if same_content(a, b) {
            // Renumbering because a question before it came or went is not a move.
            if !in_order[i] {
                out.moved.push(QuestionMove {
                    from: a.number,
                    to: b.number,
                    text: b.text.clone(),
                });
            }
            continue;
        }
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
            number: b.number,
            old_number: (a.number != b.number).then_some(a.number),
            fields,
            text: b.text.clone(),
            old_text: text_changed.then(|| a.text.clone()),
            new_text: text_changed.then(|| b.text.clone()),
        });
    }
    let as_ref = |q: &&Question| QuestionRef {
        number: q.number,
        text: q.text.clone(),
    };
    out.added = new_left.iter().map(as_ref).collect();
    out.removed = old_left.iter().map(as_ref).collect();
    out.added.sort_by_key(|q| q.number);
    out.removed.sort_by_key(|q| q.number);
    out
}

/// Which entries of `old_numbers` (old numbers in new order) keep their relative order: the
/// longest increasing subsequence. The others are the questions the editor really moved.
fn keeps_order(old_numbers: &[u32]) -> Vec<bool> {
    let n = old_numbers.len();
    let mut length = vec![1usize; n];
    let mut previous = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if old_numbers[j] < old_numbers[i] && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = j;
            }
        }
    }
    let mut keep = vec![false; n];
    let mut at = (0..n).max_by_key(|&i| (length[i], std::cmp::Reverse(i)));
    while let Some(i) = at {
        keep[i] = true;
        at = (previous[i] != usize::MAX).then_some(previous[i]);
    }
    keep
}

/// When a question of the old side and one of the new side are the same question.
type PairingRule = fn(&Question, &Question) -> bool;

/// Equal in everything but the number.
fn same_content(a: &Question, b: &Question) -> bool {
    Question {
        number: b.number,
        ..a.clone()
    } == *b
}
