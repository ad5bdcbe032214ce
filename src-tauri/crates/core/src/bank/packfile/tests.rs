//! Pack files: round trips, refusals, diffs; and the list of stored packs, a page at a time.

use super::*;
use crate::bank::PackRef;
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
    let file = export_pack(
        db.conn(),
        &crate::bank::PackRef::new("product-security-leadership", 1),
    )
    .unwrap();
    assert_eq!(file.pack.questions.len(), 18);
    let bytes = to_bytes(&file);
    let before = tables(&db);
    let outcome = import(&mut db, &bytes).unwrap();
    assert!(outcome.already_present, "identical content is a no-op");
    assert_eq!(tables(&db), before);
    // Exported again, the file is byte-for-byte the same.
    assert_eq!(
        to_bytes(
            &export_pack(
                db.conn(),
                &crate::bank::PackRef::new("product-security-leadership", 1)
            )
            .unwrap()
        ),
        bytes
    );
}

#[test]
fn a_new_pack_imports_once_and_a_conflicting_version_is_refused_unchanged() {
    let mut db = Db::open_in_memory().unwrap();
    let mut file = export_pack(
        db.conn(),
        &crate::bank::PackRef::new("product-security-leadership", 1),
    )
    .unwrap();
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
    let good = to_bytes(
        &export_pack(
            db.conn(),
            &crate::bank::PackRef::new("product-security-leadership", 1),
        )
        .unwrap(),
    );
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
    let err = export_pack(db.conn(), &crate::bank::PackRef::new("nope", 2)).unwrap_err();
    assert!(
        err.to_string().contains("there is no pack nope version 2"),
        "{err}"
    );
}

#[test]
fn a_diff_names_added_removed_and_changed_questions() {
    let db = Db::open_in_memory().unwrap();
    let old = export_pack(
        db.conn(),
        &crate::bank::PackRef::new("product-security-leadership", 1),
    )
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

#[test]
fn a_pack_file_cannot_add_a_version_of_the_built_in_pack() {
    let mut db = Db::open_in_memory().unwrap();
    let mut file = export_pack(
        db.conn(),
        &crate::bank::PackRef::new("product-security-leadership", 1),
    )
    .unwrap();
    file.pack.version = 2;
    file.pack.questions[0].text = "A question the app never shipped?".into();
    let before = tables(&db);
    let err = import(&mut db, &to_bytes(&file)).unwrap_err();
    assert!(err.to_string().contains("built-in pack"), "{err}");
    assert_eq!(tables(&db), before, "nothing was stored");
}

/// Sixty packs of one's own with two versions each (every fifth one empty, titles shared and
/// out of id order) and plans built on some and borrowing from others: more than two pages.
fn many_packs() -> Db {
    let mut db = Db::open_in_memory().unwrap();
    let builtin = crate::bank::PackRef::new("product-security-leadership", 1);
    let model = export_pack(db.conn(), &builtin).unwrap().pack;
    let titles = ["Zulu security", "acme security", "Mike security", "Échelle"];
    db.with_tx(|tx| {
        for i in 0..60 {
            for version in 1..=2 {
                let mut pack = model.clone();
                pack.id = format!("team-{:02}", (i * 37) % 60);
                pack.version = version;
                pack.title = titles[i % titles.len()].to_string();
                pack.questions
                    .truncate(if i % 5 == 0 { 0 } else { 1 + i % 7 });
                crate::bank::insert_pack(tx, &pack, crate::bank::PackOrigin::Local)?;
            }
        }
        for i in 1..40 {
            let own = format!("team-{:02}", (i * 37) % 60);
            let other = format!("team-{:02}", ((i + 1) * 37) % 60);
            let pack = |id: &str, i: usize| {
                (!i.is_multiple_of(5)).then(|| PackRef::new(id, 1 + i as u32 % 2))
            };
            let selection = crate::plans::QuestionSelection {
                pack: pack(&own, i).or(Some(builtin.clone())),
                numbers: None,
                borrowed: pack(&other, i + 1)
                    .map(|pack| crate::plans::BorrowedQuestion { pack, number: 1 })
                    .into_iter()
                    .collect(),
            };
            let plan = crate::plans::NewPlan {
                candidate: format!("Candidate {i}"),
                email: None,
                level: crate::Level::Vp,
                role_title: None,
                starts_at: None,
                panel_lead: None,
                recruiter: None,
                notes: None,
            };
            crate::plans::create_with_questions(tx, &plan, &selection)?;
        }
        Ok(())
    })
    .unwrap();
    db
}

#[test]
fn the_pack_list_comes_a_page_at_a_time_in_its_order_with_the_count_of_matches() {
    let db = many_packs();
    let all = list_packs(db.conn()).unwrap();
    assert_eq!(
        all.len(),
        121,
        "the built-in pack and 120 versions of our own"
    );
    assert!(all[0].builtin, "the built-in pack comes first");
    let key = |p: &PackSummary| (!p.builtin, p.title.clone(), p.id.clone(), p.version);
    assert!(
        all.windows(2).all(|w| key(&w[0]) < key(&w[1])),
        "then by title, id and version"
    );
    // Every row counts what it did before the list was paged: questions, and plans built on the
    // version or borrowing from it.
    let mut before = db
        .conn()
        .prepare(
            "SELECT k.pack_key, k.version,
                    (SELECT count(*) FROM questions q WHERE q.pack_id = k.id),
                    (SELECT count(*) FROM plans p WHERE p.pack_id = k.id
                       OR EXISTS (SELECT 1 FROM plan_questions pq
                                  JOIN questions q ON q.id = pq.question_id
                                  WHERE pq.plan_id = p.id AND q.pack_id = k.id))
             FROM question_packs k",
        )
        .unwrap();
    let before: std::collections::BTreeMap<(String, u32), (u32, u32)> = before
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for p in &all {
        assert_eq!(
            (p.questions, p.plans),
            before[&(p.id.clone(), p.version)],
            "{}@{}",
            p.id,
            p.version
        );
    }
    assert!(
        all.iter().filter(|p| p.plans > 0).count() > 20,
        "plans use many versions"
    );
    assert!(all.iter().any(|p| p.editable) && all.iter().any(|p| !p.editable));

    let queries = [
        PackQuery::default(),
        PackQuery {
            with_questions: true,
            ..PackQuery::default()
        },
        PackQuery {
            pack: Some("team-37".into()),
            ..PackQuery::default()
        },
        PackQuery {
            pack: Some("team-00".into()),
            with_questions: true,
            ..PackQuery::default()
        },
    ];
    for query in queries {
        let expected: Vec<&PackSummary> = all
            .iter()
            .filter(|p| !query.with_questions || p.questions > 0)
            .filter(|p| query.pack.as_ref().is_none_or(|id| &p.id == id))
            .collect();
        let mut joined = Vec::new();
        loop {
            let page = list_page(
                db.conn(),
                &PackQuery {
                    offset: joined.len() as u32,
                    limit: Some(50),
                    ..query.clone()
                },
            )
            .unwrap();
            assert_eq!(page.matching as usize, expected.len(), "{query:?}");
            assert!(page.packs.len() <= 50, "a page holds at most the limit");
            if page.packs.is_empty() {
                break;
            }
            joined.extend(page.packs);
        }
        assert_eq!(
            joined.iter().collect::<Vec<_>>(),
            expected,
            "the pages join to the list, in its order: {query:?}"
        );
    }
    assert_eq!(
        list_page(
            db.conn(),
            &PackQuery {
                with_questions: true,
                ..PackQuery::default()
            }
        )
        .unwrap()
        .matching,
        1 + 96,
        "every fifth pack has no question to plan with"
    );
}
