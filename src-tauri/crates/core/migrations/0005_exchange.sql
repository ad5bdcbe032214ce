-- Schema 5: offline exchange between laptops (kits out to panelists, scorecards back).

-- Who owns a plan's panel: the lead's own plan, or a panelist's copy made from a kit.
ALTER TABLE plans ADD COLUMN mode TEXT NOT NULL DEFAULT 'lead' CHECK (mode IN ('lead', 'panelist'));
-- The plan's identity across machines: random, made when the lead issues the first kit, and
-- copied from the kit into the panelist's copy.
ALTER TABLE plans ADD COLUMN exchange_key TEXT;
CREATE INDEX plans_by_exchange_key ON plans (exchange_key) WHERE exchange_key IS NOT NULL;

-- On the lead's machine: every kit issued, with the secret its panelist signs returns with.
-- A kit outlives its panelist (SET NULL) so a return made with it can be refused by name.
CREATE TABLE issued_kits (
    kit_id         TEXT    PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    panelist_id    INTEGER REFERENCES panelists(id) ON DELETE SET NULL,
    panelist_name  TEXT    NOT NULL,
    secret         BLOB    NOT NULL CHECK (length(secret) = 32),
    questions      TEXT    NOT NULL,      -- JSON array of the question numbers it carries
    issued_at      TEXT    NOT NULL,
    exported_at    TEXT    NOT NULL,
    superseded_at  TEXT                   -- set when a newer kit replaced it
);
CREATE INDEX issued_kits_by_plan ON issued_kits (plan_id, panelist_id);

-- On the lead's machine: the newest scorecard revision received from each panelist.
CREATE TABLE scorecard_receipts (
    panelist_id  INTEGER PRIMARY KEY REFERENCES panelists(id) ON DELETE CASCADE,
    kit_id       TEXT    NOT NULL,
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    digest       TEXT    NOT NULL,   -- SHA-256 of the scorecard content, hex
    received_at  TEXT    NOT NULL
);

-- On a panelist's machine: the kit a panelist copy came from, and the last revision exported.
CREATE TABLE held_kits (
    plan_id           INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    kit_id            TEXT    NOT NULL UNIQUE,
    panelist_id       INTEGER NOT NULL REFERENCES panelists(id) ON DELETE CASCADE,
    lead_panelist_id  INTEGER NOT NULL,
    secret            BLOB    NOT NULL CHECK (length(secret) = 32),
    issued_by         TEXT    NOT NULL,
    issued_at         TEXT    NOT NULL,
    imported_at       TEXT    NOT NULL,
    revision          INTEGER NOT NULL DEFAULT 0,
    revision_digest   TEXT
);
