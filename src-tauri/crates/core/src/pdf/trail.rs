//! Audit events as a reader of the packet's appendix needs them: what happened, in words, with
//! the details (reasons, old and new scores, decisions) spelled out rather than as raw JSON.
//!
//! The trail stores its details as JSON written by several parts of the product; this module
//! knows the keys they write and falls back to "key: value" for anything it does not, so a new
//! kind of event still prints in full.

use serde_json::{Map, Value};

use super::{recommendation_label, score_label};
use crate::audit::AuditEvent;
use crate::debrief::DecisionKind;
use crate::scorecards::Recommendation;

/// One event in words.
pub(super) struct Described {
    /// "Scorecard amended".
    pub title: String,
    /// Labelled details, in reading order.
    pub details: Vec<(String, String)>,
}

/// Describes an audit event.
pub(super) fn describe(event: &AuditEvent) -> Described {
    let title = event.kind.label().to_string();
    let details = match serde_json::from_str::<Value>(&event.detail) {
        Ok(Value::Object(map)) => details(&map),
        Ok(Value::Null) => Vec::new(),
        Ok(other) => vec![("Detail".into(), plain(&other))],
        Err(_) if event.detail.trim().is_empty() => Vec::new(),
        Err(_) => vec![("Detail".into(), event.detail.clone())],
    };
    Described { title, details }
}

fn details(map: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (key, value) in map {
        match key.as_str() {
            // The actor already names the panelist; the id means nothing on paper.
            "panelistId" => {}
            "questionNumber" => out.push(("Question".into(), plain(value))),
            "recommendation" => out.push((
                "Recommendation".into(),
                value
                    .as_str()
                    .and_then(Recommendation::from_slug)
                    .map_or_else(|| plain(value), |r| recommendation_label(r).to_string()),
            )),
            "decision" => out.push(("Decision".into(), decision(value))),
            "rationale" => out.push(("Rationale".into(), plain(value))),
            "reason" => out.push(("Reason".into(), plain(value))),
            "old" | "new" | "previous" | "withdrawn" => {}
            other => out.push((capitalise(&spaced(other)), plain(value))),
        }
    }
    if let (Some(Value::Object(old)), Some(Value::Object(new))) = (map.get("old"), map.get("new")) {
        out.extend(change(old, new));
    }
    for (key, label) in [("previous", "Replaces"), ("withdrawn", "Withdraws")] {
        if let Some(Value::Object(prev)) = map.get(key) {
            let mut text = decision(prev.get("decision").unwrap_or(&Value::Null));
            if let Some(by) = prev.get("decidedBy").and_then(Value::as_str) {
                text.push_str(&format!(", by {by}"));
            }
            if let Some(why) = prev.get("rationale").and_then(Value::as_str) {
                text.push_str(&format!(": {why}"));
            }
            out.push((label.into(), text));
        }
    }
    out
}

/// What an amendment changed: score, not-asked reason, notes. Written "from … to …": the
/// bundled font has no arrow glyph.
fn change(old: &Map<String, Value>, new: &Map<String, Value>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let score = |m: &Map<String, Value>| match m.get("score").and_then(Value::as_u64) {
        Some(s) => {
            let s = s.min(u64::from(u8::MAX)) as u8;
            format!("{s} {}", score_label(s)).trim_end().to_string()
        }
        None => "none".to_string(),
    };
    let (old_score, new_score) = (score(old), score(new));
    if old_score != new_score {
        out.push(("Score".into(), format!("from {old_score} to {new_score}")));
    }
    let reason = |m: &Map<String, Value>| {
        m.get("notAskedReason")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (old_reason, new_reason) = (reason(old), reason(new));
    if old_reason != new_reason {
        let show = |r: Option<String>| {
            r.map_or_else(|| "asked".to_string(), |r| format!("not asked ({r})"))
        };
        out.push((
            "Asked".into(),
            format!("from {} to {}", show(old_reason), show(new_reason)),
        ));
    }
    let notes = |m: &Map<String, Value>| {
        m.get("notes")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let (old_notes, new_notes) = (notes(old), notes(new));
    if old_notes != new_notes {
        let or_empty = |n: String| {
            if n.trim().is_empty() {
                "(empty)".to_string()
            } else {
                n
            }
        };
        out.push(("Notes before".into(), or_empty(old_notes)));
        out.push(("Notes after".into(), or_empty(new_notes)));
    }
    out
}

fn decision(value: &Value) -> String {
    value
        .as_str()
        .and_then(DecisionKind::from_slug)
        .map_or_else(|| plain(value), |k| k.label().to_string())
}

/// A JSON value as a reader would write it.
fn plain(value: &Value) -> String {
    match value {
        Value::Null => "none".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{}: {}", spaced(k), plain(v)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// "questionNumber" → "question number".
fn spaced(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_uppercase() {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if c == '_' || c == '-' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::AuditKind;

    fn event(kind: &str, detail: &str) -> AuditEvent {
        AuditEvent {
            at: crate::time::Timestamp::parse("2025-01-14T10:00:00Z").unwrap(),
            actor: "Priya Raman".into(),
            kind: AuditKind::from_slug(kind).expect("a stored kind"),
            title: String::new(),
            detail: detail.into(),
        }
    }

    #[test]
    fn an_amendment_reads_as_old_to_new() {
        let d = describe(&event(
            "amended",
            r#"{"panelistId":3,"questionNumber":7,"reason":"typo in score",
                "old":{"score":2,"notAskedReason":null,"notes":"a"},
                "new":{"score":3,"notAskedReason":null,"notes":"a"}}"#,
        ));
        assert_eq!(d.title, "Scorecard amended");
        assert_eq!(
            d.details,
            vec![
                ("Question".to_string(), "7".to_string()),
                ("Reason".to_string(), "typo in score".to_string()),
                ("Score".to_string(), "from 2 Mixed to 3 Strong".to_string()),
            ]
        );
    }

    #[test]
    fn decisions_and_unfamiliar_details_print_in_full() {
        let d = describe(&event(
            "decided",
            r#"{"decision":"no-hire","rationale":"Budget story","previous":{"decision":"hold","rationale":"wait","decidedBy":"Dana"}}"#,
        ));
        assert!(d.details.contains(&("Decision".into(), "No hire".into())));
        assert!(d
            .details
            .contains(&("Replaces".into(), "Hold, by Dana: wait".into())));
        let d = describe(&event(
            "kit imported",
            r#"{"panelistId":3,"deviceName":"Laptop"}"#,
        ));
        assert_eq!(d.title, "Kit imported");
        assert_eq!(d.details, vec![("Device name".into(), "Laptop".into())]);
        let d = describe(&event("submitted", "not json"));
        assert_eq!(d.details, vec![("Detail".into(), "not json".into())]);
    }
}

#[cfg(test)]
mod every_kind {
    use crate::audit::AuditKind;

    #[test]
    fn every_audit_kind_has_its_own_title_on_paper() {
        let titles: std::collections::HashSet<&str> =
            AuditKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(
            titles.len(),
            AuditKind::ALL.len(),
            "two kinds of event would read the same in the packet's trail"
        );
        assert!(AuditKind::ALL.iter().all(|k| !k.label().is_empty()));
    }
}
