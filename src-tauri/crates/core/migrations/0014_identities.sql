-- Schema 14: identities for the team folder (issue: team folder).
--
-- people.identity: the public identity line a person's install shares
-- (`hiring-panel-identity-1:…`, see identity.rs), recorded by the lead; kits published to the
-- team folder are encrypted to it. Checked by the core's own code before it is stored. A
-- person's purge clears it with their name.
ALTER TABLE people ADD COLUMN identity TEXT;

-- held_kits.lead_identity: on a panelist's computer, the lead identity a kit carried (kit format
-- 4), checked to be the key that signed it; a return published to the team folder is encrypted
-- to it.
ALTER TABLE held_kits ADD COLUMN lead_identity TEXT;

-- team_files: what this install published to the team folder and what it read there, by the
-- file's (opaque) name, so each file is written once and read once unless it changes. Only
-- codes and ids: no name or sentence, so a plan's purge leaves nothing personal here; the rows
-- outlive the plan (plan_id becomes NULL) so that a purged plan's files are never read again.
CREATE TABLE team_files (
    name       TEXT    PRIMARY KEY,
    published  INTEGER NOT NULL CHECK (published IN (0, 1)),
    kind       TEXT    NOT NULL CHECK (kind IN ('kit', 'scorecard')),
    plan_id    INTEGER REFERENCES plans(id) ON DELETE SET NULL,
    kit_id     TEXT,
    digest     TEXT,
    size       INTEGER,
    modified   TEXT,
    outcome    TEXT    CHECK (outcome IN ('imported', 'refused', 'conflict', 'not-ours')),
    at         TEXT    NOT NULL
);
CREATE INDEX team_files_by_kit ON team_files (kit_id) WHERE kit_id IS NOT NULL;
