//! The words a script types for a plan (a status, a level, a capability, a local date and
//! time) as the core's values, each refused with the words it accepts.

use chrono::{Local, NaiveDate, NaiveTime, TimeZone, Utc};
use panel_core::{plans, Capability, Level};

use crate::Failure;

pub(crate) fn parse_status(slug: &str) -> Result<plans::PlanStatus, Failure> {
    plans::PlanStatus::from_slug(slug).ok_or_else(|| {
        Failure::Message(format!(
            "unknown status {slug:?}; use draft, scheduled, interviewing, debrief, decided or \
             withdrawn"
        ))
    })
}

pub(crate) fn parse_level(slug: &str) -> Result<Level, Failure> {
    Level::from_slug(slug).ok_or_else(|| {
        Failure::Message(format!(
            "unknown level {slug:?}; use director, senior-director, vp or principal"
        ))
    })
}

pub(crate) fn parse_capability(slug: &str) -> Result<Capability, Failure> {
    Capability::from_slug(slug).ok_or_else(|| {
        Failure::Message(format!(
            "unknown capability {slug:?}; use program, risk, investment, alignment or leaders"
        ))
    })
}

/// A local date and time from the command line, as the UTC instant stored.
pub(crate) fn parse_start(
    date: Option<&str>,
    time: Option<&str>,
) -> Result<Option<chrono::DateTime<Utc>>, Failure> {
    let Some(date) = date else { return Ok(None) };
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_err(|_| Failure::Message(format!("date must be YYYY-MM-DD, got {date:?}")))?;
    let at = match time {
        Some(t) => NaiveTime::parse_from_str(t, "%H:%M")
            .map_err(|_| Failure::Message(format!("time must be HH:MM, got {t:?}")))?,
        None => NaiveTime::from_hms_opt(9, 0, 0).expect("09:00 is a valid time"),
    };
    let local = Local
        .from_local_datetime(&day.and_time(at))
        .earliest()
        .ok_or_else(|| {
            Failure::Message(format!("{date} {at} does not exist in the local time zone"))
        })?;
    Ok(Some(local.with_timezone(&Utc)))
}
