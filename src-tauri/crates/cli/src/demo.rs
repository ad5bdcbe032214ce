//! `panelctl demo`: the sample plan (empty, or scored and ready for a debrief) and the
//! calibration slate, made through the core's own functions.

use std::io::Write;

use panel_core::{plans, Db};

use crate::plan::print_id;
use crate::{print_json, Failure};

/// `panelctl demo`: the sample plan.
pub fn demo(db: &mut Db, scored: bool, json: bool) -> Result<(), Failure> {
    let id = if scored {
        db.with_tx(|tx| plans::create_scored_sample(tx))?
    } else {
        db.with_tx(|tx| plans::create_sample(tx))?
    };
    print_id(id, json)
}

/// Creates the calibration slate; prints its plans' ids, one per line (or, with `json`, the
/// ids and the interviewers with the leniencies the sample was made with).
pub fn demo_calibration(db: &mut Db, json: bool) -> Result<(), Failure> {
    let sample = db.with_tx(|tx| panel_core::calibration::create_calibration_sample(tx))?;
    if json {
        return print_json(&sample);
    }
    let mut out = std::io::stdout().lock();
    for id in &sample.plan_ids {
        writeln!(out, "{id}")?;
    }
    eprintln!(
        "{} plans scored by {} interviewers; `panelctl calibration` compares them",
        sample.plan_ids.len(),
        sample.interviewers.len()
    );
    Ok(())
}
