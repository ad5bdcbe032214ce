//! A realistic sample plan, so a new user can see a split board and a full loop before typing
//! in their own candidate.

use chrono::{DateTime, Datelike, Duration, Local, NaiveTime, TimeZone, Utc, Weekday};
use rusqlite::Connection;

use super::{add_panelist, create, split_plan, NewPanelist, NewPlan};
use crate::{Capability, Level, Result};

/// Creates the sample plan (candidate, four panelists with different slots and focus, split
/// done) for an interview next Tuesday at 09:30 local time; returns its id.
pub fn create_sample(conn: &Connection) -> Result<i64> {
    let plan = create(
        conn,
        &NewPlan {
            candidate: "Amara Okafor".into(),
            email: Some("amara.okafor@example.com".into()),
            level: Level::Vp,
            role_title: Some("VP, Product Security".into()),
            starts_at: Some(next_tuesday_morning(Local::now()).to_rfc3339()),
            panel_lead: Some("Dana Whitfield".into()),
            recruiter: Some("Luis Ortega".into()),
            notes: Some(
                "Final round for the VP role. Amara leads Product Security at a payments \
                 company today: probe how she grew a central team into a federated model."
                    .into(),
            ),
        },
    )?;
    let panel: [(&str, &str, u32, &[Capability]); 4] = [
        (
            "Priya Raman",
            "priya.raman@example.com",
            60,
            &[Capability::Risk, Capability::Alignment],
        ),
        (
            "Tom Becker",
            "tom.becker@example.com",
            45,
            &[Capability::Program],
        ),
        (
            "Grace Liu",
            "grace.liu@example.com",
            30,
            &[Capability::Investment],
        ),
        (
            "Marcus Hale",
            "marcus.hale@example.com",
            60,
            &[Capability::Leaders],
        ),
    ];
    for (name, email, slot_minutes, focus) in panel {
        add_panelist(
            conn,
            plan,
            &NewPanelist {
                name: name.into(),
                email: Some(email.into()),
                slot_minutes,
                focus: focus.to_vec(),
                excluded_questions: Vec::new(),
            },
        )?;
    }
    split_plan(conn, plan, Some(1))?;
    Ok(plan)
}

fn next_tuesday_morning(now: DateTime<Local>) -> DateTime<Utc> {
    let days = (7 + Weekday::Tue.num_days_from_monday() as i64
        - now.weekday().num_days_from_monday() as i64)
        % 7;
    let date = now.date_naive() + Duration::days(if days == 0 { 7 } else { days });
    let at = date.and_time(NaiveTime::from_hms_opt(9, 30, 0).expect("09:30 is a valid time"));
    Local
        .from_local_datetime(&at)
        .earliest()
        .unwrap_or_else(|| Local.from_utc_datetime(&at))
        .with_timezone(&Utc)
}

#[cfg(test)]
mod tests {
    use crate::{plans, Db};

    #[test]
    fn the_sample_plan_is_complete_and_balanced() {
        let mut db = Db::open_in_memory().unwrap();
        let id = db.with_tx(|tx| super::create_sample(tx)).unwrap();
        let plan = plans::show(db.conn(), id).unwrap();
        assert_eq!(plan.candidate, "Amara Okafor");
        assert_eq!(plan.panelists.len(), 4);
        assert_eq!(plan.assignments.len(), 18, "the split is done");
        assert!(
            plan.warnings.is_empty(),
            "a sample should look healthy: {:?}",
            plan.warnings
        );
        assert!(plan.starts_at.is_some());
    }
}
