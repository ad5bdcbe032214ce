-- Schema 3: the panel's decision on a candidate, recorded at the debrief.
-- One row per plan; a changed decision replaces it, and the audit trail keeps old and new.
CREATE TABLE decisions (
    plan_id     INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    decision    TEXT    NOT NULL CHECK (decision IN ('hire', 'no-hire', 'hold')),
    rationale   TEXT    NOT NULL CHECK (length(trim(rationale)) BETWEEN 1 AND 20000),
    decided_by  TEXT    NOT NULL CHECK (length(trim(decided_by)) BETWEEN 1 AND 200),
    decided_at  TEXT    NOT NULL
);
