-- The debrief meeting (issue: the debrief meeting). The panel's discussion is recorded beside
-- the sealed, independent scores and never over them.
--
-- A panelist may carry a seniority (junior … executive) so the meeting hears the least
-- senior first; without one the speaking order is the panel's order.
ALTER TABLE panelists ADD COLUMN seniority TEXT
    CHECK (seniority IN ('junior', 'mid', 'senior', 'principal', 'executive'));

-- One meeting per plan: its length, the speaking order the lead set, the items the lead added
-- before it started, and when it started (the agenda is frozen then, into meeting_items).
CREATE TABLE debrief_meetings (
    plan_id         INTEGER PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
    length_minutes  INTEGER NOT NULL DEFAULT 30 CHECK (length_minutes BETWEEN 5 AND 240),
    speaking_order  TEXT    NOT NULL DEFAULT '[]',   -- panelist ids, first speaker first
    added_items     TEXT    NOT NULL DEFAULT '[]',   -- items the lead added before the start
    started_at      TEXT,
    started_by      TEXT
);

-- The frozen agenda: numbers never change once the meeting has started.
CREATE TABLE meeting_items (
    plan_id          INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number           INTEGER NOT NULL CHECK (number >= 1),
    kind             TEXT    NOT NULL CHECK (kind IN ('disagreement', 'thin-evidence', 'added')),
    question_id      INTEGER REFERENCES questions(id),
    capability       TEXT,
    title            TEXT    NOT NULL,
    why              TEXT    NOT NULL,
    spread           INTEGER,
    weight           REAL    NOT NULL CHECK (weight > 0),
    planned_seconds  INTEGER NOT NULL CHECK (planned_seconds >= 0),
    spent_seconds    INTEGER NOT NULL DEFAULT 0 CHECK (spent_seconds >= 0),
    minutes          TEXT    NOT NULL DEFAULT '',
    minutes_at       TEXT,
    PRIMARY KEY (plan_id, number)
);

-- After-discussion scores: a second, labelled layer. One per panelist and question (the audit
-- trail keeps every change); the sealed answer is never touched.
CREATE TABLE discussion_scores (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    panelist_id  INTEGER NOT NULL REFERENCES panelists(id) ON DELETE CASCADE,
    question_id  INTEGER NOT NULL REFERENCES questions(id),
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
    reason       TEXT    NOT NULL CHECK (length(trim(reason)) >= 1),
    item_number  INTEGER,
    recorded_by  TEXT    NOT NULL,
    recorded_at  TEXT    NOT NULL,
    PRIMARY KEY (panelist_id, question_id)
);
CREATE INDEX discussion_scores_by_plan ON discussion_scores (plan_id);
