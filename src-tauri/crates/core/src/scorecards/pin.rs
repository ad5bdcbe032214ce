//! A short PIN that guards one panelist's scorecard on a shared laptop.
//!
//! When a panel shares one machine, the PIN keeps the next panelist from opening (and reading or
//! changing) someone else's notes by clicking their name. It is a lock on the app's door, not
//! encryption: the database file itself is readable by whoever can read the user's files, and
//! `panelctl` asks for it in a file (`--pin-file`), never on a terminal. The PIN is stored
//! only as an Argon2id hash; wrong guesses are throttled so four digits cannot be tried through
//! the app: each wrong guess from the fifth on adds a longer pause ([`pause_after`]), and the
//! count resets only on the right PIN, so trying every 4-digit PIN takes decades. The count is
//! kept in the database, so restarting the app does not reset it, and a restore carries it over
//! from the database it replaces (`backup::restore`), so restoring a backup does not either.

use crate::db::CachedStatements;
use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, Utc};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;

use super::answers::panelist_name;
use crate::time::Timestamp;
use crate::{audit, Db, Error, Result};

/// Shortest and longest PIN, in digits.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;
/// Wrong PINs allowed in a row before the scorecard refuses further tries for a while.
pub const ATTEMPTS_BEFORE_PAUSE: u32 = 5;
/// The first pause after too many wrong PINs, and what each further wrong PIN adds to the next.
pub const PAUSE_AFTER_WRONG_PINS: Duration = Duration::from_secs(30);

/// How long the scorecard refuses PINs after the `failures`-th wrong guess in a row: nothing
/// before [`ATTEMPTS_BEFORE_PAUSE`], then 30 s, 60 s, 90 s… (growing by
/// [`PAUSE_AFTER_WRONG_PINS`] each time). Growing linearly keeps a panelist who mistyped a few
/// times waiting minutes, not days, while the sum over all 10,000 four-digit PINs is about
/// 47 years (half of them, the expected search, about 12).
pub fn pause_after(failures: u32) -> chrono::Duration {
    if failures < ATTEMPTS_BEFORE_PAUSE {
        return chrono::Duration::zero();
    }
    let step = chrono::Duration::from_std(PAUSE_AFTER_WRONG_PINS).unwrap_or_default();
    step * (failures - ATTEMPTS_BEFORE_PAUSE + 1) as i32
}

/// Sets, changes or removes a panelist's scorecard PIN. Changing or removing an existing PIN needs it.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SetScorecardPinRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// The PIN in force now, if there is one.
    pub current: Option<String>,
    /// The new PIN; `None` removes the PIN.
    pub new: Option<String>,
}

/// Asks to open a PIN-guarded scorecard.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct UnlockRequest {
    /// Plan id.
    pub plan_id: i64,
    /// Panelist id.
    pub panelist_id: i64,
    /// The PIN as typed.
    pub pin: String,
}

fn stored_hash(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<Option<String>> {
    panelist_name(conn, plan_id, panelist_id)?;
    Ok(conn
        .query_row_cached(
            "SELECT pin_hash FROM panelists WHERE id = ?1 AND plan_id = ?2",
            params![panelist_id, plan_id],
            |r| r.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten())
}

/// Whether the panelist's scorecard is guarded by a PIN.
pub fn has_pin(conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<bool> {
    Ok(stored_hash(conn, plan_id, panelist_id)?.is_some())
}

fn check_format(pin: &str) -> Result<()> {
    if !PIN_DIGITS.contains(&pin.chars().count()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::InvalidInput(format!(
            "a PIN is {} to {} digits",
            PIN_DIGITS.start(),
            PIN_DIGITS.end()
        )));
    }
    Ok(())
}

fn matches(hash: &str, pin: &str) -> Result<bool> {
    let parsed = PasswordHash::new(hash).map_err(|e| {
        Error::InvalidInput(format!(
            "the stored PIN is unreadable ({e}); the lead can reset it with `panelctl scorecard reset-pin`"
        ))
    })?;
    Ok(Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok())
}

/// Sets, changes or removes the PIN (audited, without the PIN). Call inside a transaction.
pub fn set_scorecard_pin(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    current: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    let name = panelist_name(conn, plan_id, panelist_id)?;
    if let Some(hash) = stored_hash(conn, plan_id, panelist_id)? {
        let current = current.ok_or_else(|| {
            Error::Locked(format!(
                "{name}'s scorecard has a PIN; enter it to change it"
            ))
        })?;
        if !matches(&hash, current)? {
            return Err(Error::Locked("the current PIN is wrong".into()));
        }
    }
    let hash = match new {
        Some(pin) => {
            check_format(pin)?;
            let salt = SaltString::generate(&mut OsRng);
            let hash = Argon2::default()
                .hash_password(pin.as_bytes(), &salt)
                .map_err(|e| Error::InvalidInput(format!("cannot hash the PIN: {e}")))?;
            Some(hash.to_string())
        }
        None => None,
    };
    conn.execute_cached(
        "UPDATE panelists SET pin_hash = ?1 WHERE id = ?2 AND plan_id = ?3",
        params![hash, panelist_id, plan_id],
    )?;
    let action = if new.is_some() {
        crate::audit::AuditKind::PinSet
    } else {
        crate::audit::AuditKind::PinRemoved
    };
    audit::record(
        conn,
        plan_id,
        &name,
        action,
        &serde_json::json!({ "panelistId": panelist_id }),
    )?;
    Ok(())
}

/// Removes a forgotten PIN without knowing it: the lead's way back in (`panelctl scorecard
/// reset-pin`), audited with who did it. The app itself never offers this to a passer-by.
/// While the plan is sealed the card is left open to anyone at the laptop, so a reason is
/// needed and the reset is recorded as an early unseal too.
pub fn reset_scorecard_pin(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    by: &str,
    reason: Option<&str>,
) -> Result<()> {
    let name = panelist_name(conn, plan_id, panelist_id)?;
    let by = crate::plans::clean_name("who resets the PIN", by)?;
    if !has_pin(conn, plan_id, panelist_id)? {
        return Err(Error::InvalidInput(format!(
            "{name}'s scorecard has no PIN"
        )));
    }
    let disclosure = reason.map(|reason| super::Disclosure {
        reason: reason.to_string(),
        by: by.clone(),
    });
    super::disclose_if_sealed(
        conn,
        plan_id,
        disclosure.as_ref(),
        &format!("resetting the PIN of {name}'s scorecard"),
        &format!("{name}'s scorecard, open to anyone at this computer"),
    )?;
    conn.execute_cached(
        "UPDATE panelists SET pin_hash = NULL WHERE id = ?1 AND plan_id = ?2",
        params![panelist_id, plan_id],
    )?;
    audit::record(
        conn,
        plan_id,
        &by,
        crate::audit::AuditKind::PinReset,
        &serde_json::json!({ "panelistId": panelist_id, "panelist": name }),
    )?;
    Ok(())
}

/// What one PIN attempt came to. Returned as a value, not an error, so the attempt's counter is
/// committed even when the PIN was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attempt {
    Accepted,
    Wrong { left: u32, pause_seconds: i64 },
    Paused { seconds: i64 },
}

/// Checks `pin`, counting wrong guesses in the database (so a restart does not reset them).
fn attempt(
    conn: &Connection,
    plan_id: i64,
    panelist_id: i64,
    hash: &str,
    pin: &str,
    now: DateTime<Utc>,
) -> Result<Attempt> {
    let (failures, paused_until): (u32, Option<Timestamp>) = conn.query_row_cached(
        "SELECT pin_failures, pin_paused_until FROM panelists WHERE id = ?1 AND plan_id = ?2",
        params![panelist_id, plan_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let paused_until = paused_until.map(Timestamp::utc);
    if let Some(until) = paused_until.filter(|until| now < *until) {
        return Ok(Attempt::Paused {
            seconds: (until - now).num_seconds().max(1),
        });
    }
    if matches(hash, pin)? {
        conn.execute_cached(
            "UPDATE panelists SET pin_failures = 0, pin_paused_until = NULL WHERE id = ?1",
            [panelist_id],
        )?;
        return Ok(Attempt::Accepted);
    }
    // The count goes on after a pause has run out: only the right PIN resets it, so each
    // further wrong guess waits longer than the last.
    let failures = failures.saturating_add(1);
    let pause = pause_after(failures);
    let until = (pause > chrono::Duration::zero()).then(|| Timestamp::from_utc(now + pause));
    conn.execute_cached(
        "UPDATE panelists SET pin_failures = ?1, pin_paused_until = ?2 WHERE id = ?3",
        params![failures, until, panelist_id],
    )?;
    Ok(Attempt::Wrong {
        left: ATTEMPTS_BEFORE_PAUSE.saturating_sub(failures),
        pause_seconds: pause.num_seconds(),
    })
}

/// Which PIN-guarded scorecards were opened in this app run. Wrong guesses are counted in the
/// database; what is unlocked lives as long as the process: a restart locks every card again.
#[derive(Debug, Default)]
pub struct PinGate {
    unlocked: HashSet<(i64, i64)>,
}

impl PinGate {
    /// Refuses with [`Error::Locked`] when the scorecard has a PIN and was not unlocked.
    pub fn require(&self, conn: &Connection, plan_id: i64, panelist_id: i64) -> Result<()> {
        if self.unlocked.contains(&(plan_id, panelist_id)) || !has_pin(conn, plan_id, panelist_id)?
        {
            return Ok(());
        }
        let name = panelist_name(conn, plan_id, panelist_id)?;
        Err(Error::Locked(format!(
            "{name}'s scorecard is guarded by a PIN; enter it to continue"
        )))
    }

    /// Opens the scorecard for this run if `pin` is right; five wrong guesses pause tries.
    pub fn unlock(
        &mut self,
        db: &mut Db,
        plan_id: i64,
        panelist_id: i64,
        pin: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let key = (plan_id, panelist_id);
        let Some(hash) = stored_hash(db.conn(), plan_id, panelist_id)? else {
            self.unlocked.insert(key);
            return Ok(());
        };
        match db.with_tx(|tx| attempt(tx, plan_id, panelist_id, &hash, pin, now))? {
            Attempt::Accepted => {
                self.unlocked.insert(key);
                Ok(())
            }
            Attempt::Paused { seconds } => Err(Error::Locked(format!(
                "too many wrong PINs; try again in {seconds} s"
            ))),
            Attempt::Wrong {
                left: 0,
                pause_seconds,
            } => Err(Error::Locked(format!(
                "wrong PIN; try again in {pause_seconds} s"
            ))),
            Attempt::Wrong { left, .. } => Err(Error::Locked(format!(
                "wrong PIN; {left} more tries before a pause"
            ))),
        }
    }

    /// Locks the scorecard again (the panelist left the interview screen).
    pub fn lock(&mut self, plan_id: i64, panelist_id: i64) {
        self.unlocked.remove(&(plan_id, panelist_id));
    }

    /// Marks the scorecard as opened by whoever just set its PIN.
    pub fn mark_unlocked(&mut self, plan_id: i64, panelist_id: i64) {
        self.unlocked.insert((plan_id, panelist_id));
    }
}

#[cfg(test)]
mod tests;
