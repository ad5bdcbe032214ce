//! A panelist who never stops typing: the child process the crash-durability test kills.
//!
//! Usage: `typist DB PLAN PANELIST QUESTION START`. Appends segment after segment of the
//! deterministic note stream (see [`e2e::note_stream`]) to one answer, starting after segment
//! START, saving each state through the core's save path in its own transaction, and prints
//! `ack N` on stdout once the save of the first N segments has committed. It runs until killed.
//!
//! `typist --minutes DB PLAN ITEM START` is the panel lead typing the debrief meeting's minutes
//! of agenda item ITEM instead, through the meeting's save path.

use std::io::Write;

use panel_core::debrief::meeting::{save_minutes, MinutesRequest};
use panel_core::scorecards::{save_answer, AnswerInput};
use panel_core::Db;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("--minutes") {
        return minutes(&args[2..]);
    }
    let [_, db, plan, panelist, question, start] = args.as_slice() else {
        eprintln!("usage: typist DB PLAN PANELIST QUESTION START");
        std::process::exit(2);
    };
    let (plan, panelist): (i64, i64) = (plan.parse().unwrap(), panelist.parse().unwrap());
    let question: u32 = question.parse().unwrap();
    let mut segments: usize = start.parse().unwrap();
    let mut db = Db::open(std::path::Path::new(db)).expect("the database opens");
    let mut out = std::io::stdout().lock();
    loop {
        segments += 1;
        let answer = AnswerInput {
            question_number: question,
            score: Some(3),
            notes: e2e::note_stream(segments),
            ..Default::default()
        };
        db.with_tx(|tx| save_answer(tx, plan, panelist, &answer))
            .expect("save");
        writeln!(out, "ack {segments}").expect("the test reads acknowledgements");
        out.flush().expect("flush");
    }
}

fn minutes(args: &[String]) {
    let [db, plan, item, start] = args else {
        eprintln!("usage: typist --minutes DB PLAN ITEM START");
        std::process::exit(2);
    };
    let plan: i64 = plan.parse().unwrap();
    let item: u32 = item.parse().unwrap();
    let mut segments: usize = start.parse().unwrap();
    let mut db = Db::open(std::path::Path::new(db)).expect("the database opens");
    let mut out = std::io::stdout().lock();
    loop {
        segments += 1;
        let request = MinutesRequest {
            plan_id: plan,
            item_number: item,
            text: e2e::note_stream(segments),
        };
        db.with_tx(|tx| save_minutes(tx, &request)).expect("save");
        writeln!(out, "ack {segments}").expect("the test reads acknowledgements");
        out.flush().expect("flush");
    }
}
