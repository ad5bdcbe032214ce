//! What the PDFs do with the words, whatever they say: times in the reader's zone, fonts
//! embedded and subset, metadata and both paper sizes, and long names wrapped rather than cut.
//! Checked with poppler like the rest (`pdf_packets.rs` for what the packet says).

mod support;

use panel_core::debrief::{self};
use panel_core::pdf::{self, Paper};
use panel_core::plans::{self, NewPlan};
use panel_core::scorecards::{self, AnswerInput, Recommendation};
use panel_core::{Db, Level};

use support::*;

#[test]
fn times_print_in_the_readers_zone_which_they_name_and_the_footer_names_the_pack() {
    let b = scored_plan();
    let d = debrief::debrief(b.db.conn(), b.plan).unwrap();
    let berlin = chrono::FixedOffset::east_opt(3600).unwrap();
    let bytes = pdf::debrief_packet(&d, Paper::A4, berlin).unwrap();
    let all = text(&write(&artifacts(), "packet-zone.pdf", &bytes));
    let prepared = d
        .computed_at
        .utc()
        .with_timezone(&berlin)
        .format("%-d %b %Y, %H:%M")
        .to_string();
    assert!(
        all.contains(&format!("{prepared} UTC+01:00")),
        "prepared {prepared} in the reader's zone, named"
    );
    assert!(
        all.contains(&format!("{} v{}", d.pack_title, d.pack_version)),
        "the footer names the pack by its title"
    );
    assert!(
        !all.contains(&format!("{} v{}", d.pack_id, d.pack_version)),
        "not by its internal id"
    );
}

#[test]
fn fonts_are_embedded_and_subset() {
    let b = scored_plan();
    let d = debrief::debrief(b.db.conn(), b.plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-fonts.pdf",
        &pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    let fonts = pdffonts(&path);
    assert_eq!(fonts.len(), 2, "regular and bold: {fonts:?}");
    for font in fonts {
        let (tag, base) = font.name.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "ABCDEF+ prefix: {}",
            font.name
        );
        assert!(base.contains("NotoSans"), "{}", font.name);
        assert!(font.embedded, "embedded: {font:?}");
        assert!(font.subset, "subset: {font:?}");
        assert!(font.to_unicode, "has a ToUnicode map: {font:?}");
    }
}

#[test]
fn metadata_and_paper_sizes() {
    let b = scored_plan();
    let d = debrief::debrief(b.db.conn(), b.plan).unwrap();
    let dir = artifacts();
    let a4 = write(
        &dir,
        "packet-a4.pdf",
        &pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    let letter = write(
        &dir,
        "packet-letter.pdf",
        &pdf::debrief_packet(&d, Paper::Letter, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    assert!(
        info(&a4, "Page size").starts_with("595.28 x 841.89 pts"),
        "{}",
        info(&a4, "Page size")
    );
    assert!(
        info(&letter, "Page size").starts_with("612 x 792 pts"),
        "{}",
        info(&letter, "Page size")
    );
    assert_eq!(info(&a4, "Title"), format!("Debrief packet — {CANDIDATE}"));
    assert_eq!(info(&a4, "Author"), "Hiring Panel");
    assert_eq!(info(&a4, "Creator"), "Hiring Panel");
    assert!(info(&a4, "Subject").contains(CANDIDATE));
    assert!(
        info(&a4, "CreationDate").contains(&chrono::Utc::now().format("%Y").to_string()),
        "dated when prepared, not 1970"
    );
    qpdf_check(&letter);
    let body = collapse(&body_text(&letter, Paper::Letter));
    assert!(
        body.contains(&collapse(&b.long_note)),
        "Letter keeps the note too"
    );
}

#[test]
fn long_names_wrap_instead_of_being_cut() {
    let candidate = long_name(
        "Anastasia-Konstantina Παπαδοπούλου-Wojciechowska Ёлкина",
        200,
    );
    let panelist = long_name("Maximilian-Alexander Σταυρόπουλος Кузнецова-Øvergaard", 200);
    assert_eq!(candidate.chars().count(), 200);
    let mut db = Db::open_in_memory().unwrap();
    let (plan, panel) = db
        .with_tx(|tx| {
            let plan = plans::create(
                tx,
                &NewPlan {
                    candidate: candidate.clone(),
                    email: None,
                    level: Level::Principal,
                    role_title: None,
                    starts_at: None,
                    panel_lead: None,
                    recruiter: None,
                    notes: None,
                },
            )?;
            let panel =
                add_panel_and_split(tx, plan, &[panelist.as_str(), "Tom Becker"], 90, Some(1))?;
            Ok((plan, panel))
        })
        .unwrap();
    for &id in &panel {
        let kit = scorecards::interview(db.conn(), plan, id).unwrap();
        db.with_tx(|tx| {
            for q in &kit.questions {
                scorecards::save_answer(
                    tx,
                    plan,
                    id,
                    &AnswerInput {
                        question_number: q.question.number,
                        score: Some(2),
                        notes: "Short note.".into(),
                        ..Default::default()
                    },
                )?;
            }
            scorecards::submit(tx, plan, id, Some(Recommendation::No), None)
        })
        .unwrap();
    }
    let d = debrief::debrief(db.conn(), plan).unwrap();
    let path = write(
        &artifacts(),
        "packet-long-names.pdf",
        &pdf::debrief_packet(&d, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    let all = collapse(&text(&path));
    assert!(
        all.contains(&collapse(&candidate)),
        "the candidate's name in full"
    );
    assert!(
        all.contains(&collapse(&panelist)),
        "the panelist's name in full"
    );
    assert_eq!(
        outline(&path)[0],
        ("Summary".to_string(), 1),
        "no cover page: the summary comes first"
    );
    assert!(
        page_range_text(&path, 1, 1).contains("RECOMMENDATIONS"),
        "a long name leaves the recommendations on the first page"
    );
    qpdf_check(&path);

    let kit = scorecards::interview(db.conn(), plan, panel[0]).unwrap();
    let path = write(
        &artifacts(),
        "kit-long-names.pdf",
        &pdf::interview_kit(&kit, Paper::A4, chrono::FixedOffset::east_opt(0).unwrap()).unwrap(),
    );
    let all = collapse(&text(&path));
    assert!(all.contains(&collapse(&candidate)));
    assert!(all.contains(&collapse(&panelist)));
    qpdf_check(&path);
    snapshot(&path, "kit-long-names", &[(1, "overview")]);
}
