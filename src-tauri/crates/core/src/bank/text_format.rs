//! Reader for interview packs written as plain text, the form the knowledge base publishes them
//! in: a title line containing "Interview Pack", a "They can:" list of capabilities, then numbered
//! questions, each followed by "Strong answer should cover" and `•` bullets.
//!
//! Bullets are classified by what they say, because the source mixes three kinds of guidance in
//! one list: a sentence starting "A weak answer" is a weak-answer signal (a red flag for the
//! panelist), a bullet starting "Interviewers" is a note for the interviewer (nothing a candidate
//! can cover), and everything else is a strong-answer point the panelist can tick.

use super::mojibake;
use crate::{Error, Result};

/// A pack as read from text, before capabilities and time budgets are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPack {
    /// The pack's title line.
    pub title: String,
    /// The "They can:" bullets, in order.
    pub capabilities: Vec<String>,
    /// The questions in the order they appear.
    pub questions: Vec<TextQuestion>,
}

/// One numbered question and its classified bullets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextQuestion {
    /// The number printed before the question.
    pub number: u32,
    /// The question as asked.
    pub text: String,
    /// Points a strong answer should cover, one per bullet.
    pub strong_answer: Vec<String>,
    /// Patterns that mark a weak answer.
    pub weak_signals: Vec<String>,
    /// Guidance for the interviewer rather than the candidate.
    pub interviewer_notes: Vec<String>,
}

/// Parses a plain-text pack, repairing mangled punctuation on the way.
pub fn parse(source: &str) -> Result<TextPack> {
    let source = mojibake::repair(source);
    let mut title = None;
    let mut capabilities = Vec::new();
    let mut questions: Vec<TextQuestion> = Vec::new();
    let mut in_capabilities = false;

    for (index, raw) in source.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if title.is_none() && line.contains("Interview Pack") {
            title = Some(line.to_string());
        } else if line == "They can:" {
            in_capabilities = true;
        } else if let Some(bullet) = line.strip_prefix('•') {
            let bullet = tidy(bullet);
            match questions.last_mut() {
                Some(question) => classify(bullet, question),
                None if in_capabilities => capabilities.push(bullet.trim_end_matches(';').into()),
                None => {}
            }
        } else if let Some((number, text)) = numbered_question(line) {
            in_capabilities = false;
            let expected = questions.len() as u32 + 1;
            if number != expected {
                return Err(Error::InvalidInput(format!(
                    "line {}: expected question {expected}, found question {number}",
                    index + 1
                )));
            }
            questions.push(TextQuestion {
                number,
                text: tidy(text),
                strong_answer: Vec::new(),
                weak_signals: Vec::new(),
                interviewer_notes: Vec::new(),
            });
        }
    }

    let title = title.ok_or_else(|| {
        Error::InvalidInput("no title line containing \"Interview Pack\" was found".into())
    })?;
    if questions.is_empty() {
        return Err(Error::InvalidInput(
            "the pack contains no numbered questions".into(),
        ));
    }
    if let Some(q) = questions.iter().find(|q| q.strong_answer.is_empty()) {
        return Err(Error::InvalidInput(format!(
            "question {} has no strong-answer points",
            q.number
        )));
    }
    Ok(TextPack {
        title,
        capabilities,
        questions,
    })
}

/// `"12. How would you…"` → `(12, "How would you…")`.
fn numbered_question(line: &str) -> Option<(u32, &str)> {
    let (number, text) = line.split_once(". ")?;
    let number = number.parse().ok()?;
    (!text.trim().is_empty()).then_some((number, text))
}

fn classify(bullet: String, question: &mut TextQuestion) {
    if bullet.starts_with("Interviewers ") {
        question.interviewer_notes.push(bullet);
        return;
    }
    let (weak, strong): (Vec<&str>, Vec<&str>) = sentences(&bullet)
        .into_iter()
        .partition(|s| s.starts_with("A weak answer"));
    question
        .weak_signals
        .extend(weak.into_iter().map(String::from));
    if !strong.is_empty() {
        question.strong_answer.push(strong.join(" "));
    }
}

/// Splits on sentence ends (". " followed by a capital), keeping the full stops.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        if bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase) {
            out.push(text[start..=i].trim());
            start = i + 2;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Some Interview Pack (2026)\n\nThey can:\n\n  • do one thing;\n  \
        • do another.\n\n1. First question?\n\nStrong answer should cover\n\n  • Point one.\n  \
        • A weak answer does X. Mature leaders do Y.\n\n2. Is it โ€œokโ€?\n\n\
        Strong answer should cover\n\n  • Say so.\n  • Interviewers ask this to probe Z.\n";

    #[test]
    fn classifies_bullets_into_points_signals_and_notes() {
        let pack = parse(SAMPLE).unwrap();
        assert_eq!(pack.title, "Some Interview Pack (2026)");
        assert_eq!(pack.capabilities, ["do one thing", "do another."]);
        let q1 = &pack.questions[0];
        assert_eq!(q1.strong_answer, ["Point one.", "Mature leaders do Y."]);
        assert_eq!(q1.weak_signals, ["A weak answer does X."]);
        let q2 = &pack.questions[1];
        assert_eq!(q2.text, "Is it “ok”?", "quotes are repaired while parsing");
        assert_eq!(q2.interviewer_notes, ["Interviewers ask this to probe Z."]);
        assert_eq!(q2.strong_answer, ["Say so."]);
    }

    #[test]
    fn rejects_gaps_in_numbering_with_the_line() {
        let err = parse("X Interview Pack\n1. A?\n • p\n3. C?\n • p\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 4: expected question 2, found question 3"
        );
    }

    #[test]
    fn rejects_text_that_is_not_a_pack() {
        assert!(parse("hello")
            .unwrap_err()
            .to_string()
            .contains("Interview Pack"));
        let err = parse("X Interview Pack\n1. A?\n").unwrap_err();
        assert_eq!(err.to_string(), "question 1 has no strong-answer points");
    }
}
