-- Schema 8: signed kits.
--
-- backup_identity: a backup's copy of this install's signing key (see identity.rs). It is
-- empty in the live database, whose key lives in its own file; backups are written with the
-- row so that a restore keeps the identity panelists know.
--
-- lead_keys: on a panelist's computer, each panel lead's public key the first time one of
-- their kits arrived, and keys the panelist accepted later in its place. held_kits.lead_key
-- names the key that signed each kit held.

CREATE TABLE backup_identity (
    only        INTEGER PRIMARY KEY CHECK (only = 1),
    secret_key  TEXT NOT NULL
);

CREATE TABLE lead_keys (
    public_key   TEXT PRIMARY KEY,
    fingerprint  TEXT NOT NULL,
    lead_name    TEXT NOT NULL,
    first_seen   TEXT NOT NULL,
    -- Set when the panelist accepted this key in place of another one (its fingerprint).
    replaces     TEXT,
    accepted_at  TEXT
) WITHOUT ROWID;

ALTER TABLE held_kits ADD COLUMN lead_key TEXT;
