//! What the desktop app's IPC hands the core, as the webview sends it (JSON), hostile values
//! included: wrong types are refused when the arguments are decoded, before any command runs;
//! values of the right type are checked by the core itself, not only by the UI, and a refusal
//! changes nothing.

use panel_core::plans::{self, NewPanelist, NewPlan, QuestionSelection};
use panel_core::scorecards::{self, AnswerInput};
use panel_core::Db;
use serde_json::json;

fn decode<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> Result<T, String> {
    serde_json::from_value(value).map_err(|e| e.to_string())
}

#[test]
fn wrong_types_are_refused_when_the_arguments_are_decoded() {
    for (value, says) in [
        (
            json!({ "questionNumber": 1, "score": "3" }),
            "invalid type: string",
        ),
        (
            json!({ "questionNumber": 1, "score": 2.5 }),
            "invalid type: floating point",
        ),
        (
            json!({ "questionNumber": 1, "score": -1 }),
            "invalid value: integer `-1`",
        ),
        (
            json!({ "questionNumber": 1, "score": 300 }),
            "invalid value: integer `300`",
        ),
        (json!({ "questionNumber": -4 }), "invalid value"),
        (
            json!({ "questionNumber": 1, "sql": "DROP TABLE answers" }),
            "unknown field",
        ),
    ] {
        let err = decode::<AnswerInput>(value.clone()).unwrap_err();
        assert!(err.contains(says), "{value}: {err}");
    }
    let plan = json!({ "candidate": "A", "level": "ceo" });
    assert!(decode::<NewPlan>(plan)
        .unwrap_err()
        .contains("unknown variant `ceo`"));
    let panelist =
        json!({ "name": "Ana", "slotMinutes": "sixty", "focus": [], "excludedQuestions": [] });
    assert!(decode::<NewPanelist>(panelist)
        .unwrap_err()
        .contains("invalid type"));
    let selection = json!({ "pack": "x", "numbers": "1-3" });
    assert!(decode::<QuestionSelection>(selection)
        .unwrap_err()
        .contains("invalid type"));
    // A pack crosses the IPC as { id, version }, never as "ID@VERSION" text to parse again.
    let as_text = json!({ "pack": "product-security-leadership@1" });
    assert!(decode::<QuestionSelection>(as_text)
        .unwrap_err()
        .contains("invalid type"));
    let exact = json!({ "pack": { "id": "product-security-leadership", "version": 1 } });
    assert_eq!(
        decode::<QuestionSelection>(exact).unwrap().pack,
        Some(panel_core::bank::PackRef::new(
            "product-security-leadership",
            1
        ))
    );
    // The debrief meeting's requests: typed, and nothing more than they name.
    use panel_core::debrief::meeting::{AddedItem, MinutesRequest, RescoreRequest, Seniority};
    let rescore = json!({ "planId": 1, "panelistId": 2, "questionNumber": 3, "score": 9000,
                          "reason": "x", "itemNumber": null });
    assert!(decode::<RescoreRequest>(rescore)
        .unwrap_err()
        .contains("invalid value"));
    let minutes = json!({ "planId": 1, "itemNumber": 1, "text": "x", "sealed": false });
    assert!(decode::<MinutesRequest>(minutes)
        .unwrap_err()
        .contains("unknown field"));
    let topic = json!({ "questionNumber": "7", "title": "" });
    assert!(decode::<AddedItem>(topic)
        .unwrap_err()
        .contains("invalid type"));
    assert!(decode::<Seniority>(json!("ceo"))
        .unwrap_err()
        .contains("unknown variant"));
}

#[test]
fn well_typed_but_bad_values_are_refused_by_the_core_and_change_nothing() {
    let mut db = Db::open_in_memory().unwrap();
    let plan = db
        .with_tx(|tx| {
            let plan = plans::create(
                tx,
                &decode::<NewPlan>(json!({ "candidate": "مريم الحسن 🚀", "level": "vp" })).unwrap(),
            )?;
            plans::add_panelist(
                tx,
                plan,
                &decode::<NewPanelist>(json!({
                    "name": "Ana", "slotMinutes": 60, "focus": [], "excludedQuestions": []
                }))
                .unwrap(),
            )?;
            plans::split_plan(tx, plan, None)?;
            Ok(plan)
        })
        .unwrap();
    let shown = plans::show(db.conn(), plan).unwrap();
    assert_eq!(shown.header.candidate, "مريم الحسن 🚀");
    let panelist = shown.panelists[0].id;
    let number = shown.assignments[0].question_number;
    let count = |db: &Db| -> i64 {
        db.conn()
            .query_row("SELECT count(*) FROM answers", [], |r| r.get(0))
            .unwrap()
    };
    for (answer, says) in [
        (json!({ "questionNumber": number, "score": 0 }), "1–4"),
        (json!({ "questionNumber": number, "score": 5 }), "1–4"),
        (json!({ "questionNumber": 99, "score": 3 }), "question 99"),
        (
            json!({ "questionNumber": number, "score": 3, "covered": [40] }),
            "no point 41",
        ),
        (
            json!({ "questionNumber": number, "notes": "x".repeat(200_001) }),
            "200001 characters long",
        ),
    ] {
        let mut full = json!({
            "score": null, "notAskedReason": null, "covered": [], "flags": [], "notes": "",
            "secondsSpent": 0
        });
        for (k, v) in answer.as_object().unwrap() {
            full[k] = v.clone();
        }
        let input = decode::<AnswerInput>(full).unwrap();
        let err = db
            .with_tx(|tx| scorecards::save_answer(tx, plan, panelist, &input))
            .unwrap_err();
        assert!(err.to_string().contains(says), "{answer}: {err}");
        assert_eq!(count(&db), 0, "{answer} wrote an answer");
    }
    for bad in [
        json!({ "candidate": "\u{0}", "level": "vp" }),
        json!({ "candidate": " ", "level": "vp" }),
    ] {
        let input = decode::<NewPlan>(bad).unwrap();
        assert!(db.with_tx(|tx| plans::create(tx, &input)).is_err());
    }
    assert_eq!(plans::list(db.conn()).unwrap().len(), 1);
}
