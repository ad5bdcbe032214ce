//! The panelist's side of signed kits: which lead keys this computer knows.
//!
//! A kit is signed by its lead's install (see [`crate::identity`]). The first kit from a lead
//! introduces their key: it is remembered, and its fingerprint shown, so the panelist can check
//! it with the lead. After that, a kit that claims the same lead — the same plan, or the same
//! lead's name — but is signed by another key is refused, showing both fingerprints, until the
//! panelist accepts the new key by its fingerprint (a lead on a new laptop without a backup
//! has a new key; so does a co-panelist forging a kit). That is trust on first use: it stops a
//! co-panelist from replacing a kit a panelist already trusts, and the fingerprint lets them
//! check the very first one.

use crate::db::CachedStatements;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::format::Kit;
use crate::identity::{fingerprint_of, normalise_fingerprint};
use crate::{audit, db, Error, Result};

/// How this computer came to trust the key that signed a kit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum LeadKeyTrust {
    /// The first kit signed by this key: check the fingerprint with the lead.
    FirstSeen,
    /// A key this computer already knew.
    Known,
    /// The panelist accepted this key in place of the one known for the lead.
    Accepted,
}

/// A kit signed by another key than the one known for its lead: what the panelist compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LeadKeyChange {
    /// The lead the kit names.
    pub lead: String,
    /// Fingerprint of the key this computer knows for them.
    pub known: String,
    /// Fingerprint of the key that signed this kit; accepting it means passing it back.
    pub offered: String,
}

impl LeadKeyChange {
    /// What the refusal says.
    pub fn message(&self) -> String {
        format!(
            "this kit says it comes from {lead}, but it is signed by another key than the one \
             {lead}'s kits so far came with (known key {known}, this kit {offered}); someone \
             else may have made it. Ask {lead} in person or by phone for the fingerprint their \
             Hiring Panel shows under Send kits, and accept the new key only if it is {offered}",
            lead = self.lead,
            known = self.known,
            offered = self.offered
        )
    }
}

/// The verdict on a kit's key, recorded once the kit is imported.
pub(crate) struct LeadKey {
    pub public_key: String,
    pub fingerprint: String,
    pub trust: LeadKeyTrust,
    replaces: Option<String>,
}

/// A lead's name as the checks compare it: case and spacing do not matter.
fn same_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Decides whether the kit's signing key may be trusted: known, first seen, or accepted by
/// the panelist (`accept` is the fingerprint they confirmed). A key change not accepted is
/// [`Error::LeadKeyChanged`]. Nothing is written: see [`remember`].
pub(crate) fn check(
    conn: &Connection,
    kit: &Kit,
    public_key: &str,
    accept: Option<&str>,
) -> Result<LeadKey> {
    let fingerprint = fingerprint_of(public_key)?;
    let verdict = |trust, replaces| LeadKey {
        public_key: public_key.to_string(),
        fingerprint: fingerprint.clone(),
        trust,
        replaces,
    };
    let known: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM lead_keys WHERE public_key = ?1)",
        [public_key],
        |r| r.get(0),
    )?;
    if known {
        return Ok(verdict(LeadKeyTrust::Known, None));
    }
    let Some(other) = key_known_for(conn, kit, public_key)? else {
        return Ok(verdict(LeadKeyTrust::FirstSeen, None));
    };
    let other_fingerprint = fingerprint_of(&other)?;
    if accept.map(normalise_fingerprint) == Some(normalise_fingerprint(&fingerprint)) {
        return Ok(verdict(LeadKeyTrust::Accepted, Some(other_fingerprint)));
    }
    let lead = if kit.issued_by.trim().is_empty() {
        "the panel lead".to_string()
    } else {
        kit.issued_by.trim().to_string()
    };
    Err(Error::LeadKeyChanged(Box::new(LeadKeyChange {
        lead,
        known: other_fingerprint,
        offered: fingerprint,
    })))
}

/// Another key this computer already links to the kit's lead: the key of a kit held for the
/// same plan, else the newest key remembered under the same lead's name.
fn key_known_for(conn: &Connection, kit: &Kit, public_key: &str) -> Result<Option<String>> {
    let by_plan: Option<String> = conn
        .query_row_cached(
            "SELECT h.lead_key FROM held_kits h JOIN plans p ON p.id = h.plan_id
             WHERE p.exchange_key = ?1 AND h.lead_key IS NOT NULL AND h.lead_key <> ?2
             ORDER BY h.imported_at DESC LIMIT 1",
            params![kit.plan.key, public_key],
            |r| r.get(0),
        )
        .optional()?;
    if by_plan.is_some() {
        return Ok(by_plan);
    }
    let name = same_name(&kit.issued_by);
    if name.is_empty() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT public_key, lead_name FROM lead_keys WHERE public_key <> ?1
         ORDER BY coalesce(accepted_at, first_seen) DESC",
    )?;
    let rows = stmt.query_map([public_key], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (key, lead) = row?;
        if same_name(&lead) == name {
            return Ok(Some(key));
        }
    }
    Ok(None)
}

/// Records the key once its kit is imported (same transaction), with an audit entry in the
/// new copy's trail when the panelist accepted a changed key.
pub(crate) fn remember(
    conn: &Connection,
    plan_id: i64,
    panelist_name: &str,
    kit: &Kit,
    key: &LeadKey,
) -> Result<()> {
    if key.trust == LeadKeyTrust::Known {
        return Ok(());
    }
    let now = db::now();
    let accepted = key.trust == LeadKeyTrust::Accepted;
    conn.execute_cached(
        "INSERT OR IGNORE INTO lead_keys (public_key, fingerprint, lead_name, first_seen,
             replaces, accepted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            key.public_key,
            key.fingerprint,
            kit.issued_by.trim(),
            now,
            key.replaces,
            accepted.then_some(&now)
        ],
    )?;
    if accepted {
        audit::record(
            conn,
            plan_id,
            panelist_name,
            audit::AuditKind::LeadKeyAccepted,
            &serde_json::json!({ "lead": kit.issued_by, "fingerprint": key.fingerprint,
                                 "replaces": key.replaces }),
        )?;
    }
    Ok(())
}

/// One lead key this computer knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct KnownLeadKey {
    /// The lead's name as their first kit gave it.
    pub lead: String,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// When the first kit signed by it arrived (RFC 3339, UTC).
    pub first_seen: String,
    /// The fingerprint it replaced, when the panelist accepted it as a change.
    pub replaces: Option<String>,
}

/// Every lead key this computer knows, newest first (`panelctl exchange keys`).
pub fn known_lead_keys(conn: &Connection) -> Result<Vec<KnownLeadKey>> {
    let mut stmt = conn.prepare_cached(
        "SELECT lead_name, fingerprint, first_seen, replaces FROM lead_keys
         ORDER BY first_seen DESC, lead_name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(KnownLeadKey {
            lead: r.get(0)?,
            fingerprint: r.get(1)?,
            first_seen: r.get(2)?,
            replaces: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
