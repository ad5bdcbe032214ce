-- Schema 1: every noun the product works with, so later features add behaviour, not tables.
-- Timestamps are RFC 3339 strings in UTC; lists inside a question are JSON arrays.

CREATE TABLE question_packs (
    id          INTEGER PRIMARY KEY,
    pack_key    TEXT    NOT NULL,            -- stable id shared by all versions of a pack
    version     INTEGER NOT NULL CHECK (version >= 1),
    title       TEXT    NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    created_at  TEXT    NOT NULL,
    UNIQUE (pack_key, version)
);

CREATE TABLE questions (
    id                   INTEGER PRIMARY KEY,
    pack_id              INTEGER NOT NULL REFERENCES question_packs(id),
    number               INTEGER NOT NULL CHECK (number >= 1),
    text                 TEXT    NOT NULL,
    strong_answer        TEXT    NOT NULL DEFAULT '[]',
    weak_signals         TEXT    NOT NULL DEFAULT '[]',
    interviewer_notes    TEXT    NOT NULL DEFAULT '[]',
    capabilities         TEXT    NOT NULL DEFAULT '[]',
    capability_rationale TEXT    NOT NULL DEFAULT '',
    minutes              INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 60),
    UNIQUE (pack_id, number)
);

CREATE TABLE candidates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    email       TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    candidate_id  INTEGER NOT NULL REFERENCES candidates(id),
    level         TEXT    NOT NULL CHECK (level IN ('director', 'senior-director', 'vp', 'principal')),
    role_title    TEXT    NOT NULL DEFAULT '',
    pack_id       INTEGER NOT NULL REFERENCES question_packs(id),
    starts_at     TEXT,                       -- interview start, UTC
    panel_lead    TEXT    NOT NULL DEFAULT '',
    recruiter     TEXT    NOT NULL DEFAULT '',
    notes         TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'scheduled', 'interviewing', 'debrief', 'decided',
                                    'withdrawn')),
    coverage      INTEGER NOT NULL DEFAULT 1 CHECK (coverage IN (1, 2)),
    sealed        INTEGER NOT NULL DEFAULT 1 CHECK (sealed IN (0, 1)),
    archived_at   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX plans_by_status ON plans (status, starts_at);
CREATE INDEX plans_by_candidate ON plans (candidate_id);

CREATE TABLE panelists (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    name          TEXT    NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    email         TEXT,
    slot_minutes  INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 480),
    position      INTEGER NOT NULL,
    focus         TEXT    NOT NULL DEFAULT '[]',   -- capability slugs
    excluded      TEXT    NOT NULL DEFAULT '[]',   -- question ids this panelist must not get
    UNIQUE (plan_id, position)
);

CREATE TABLE assignments (
    id           INTEGER PRIMARY KEY,
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    question_id  INTEGER NOT NULL REFERENCES questions(id),
    panelist_id  INTEGER NOT NULL REFERENCES panelists(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    pinned       INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    reason       TEXT    NOT NULL DEFAULT '',
    UNIQUE (plan_id, question_id, panelist_id)
);
CREATE INDEX assignments_by_panelist ON assignments (panelist_id, position);

CREATE TABLE scorecards (
    id              INTEGER PRIMARY KEY,
    plan_id         INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    panelist_id     INTEGER NOT NULL UNIQUE REFERENCES panelists(id) ON DELETE CASCADE,
    status          TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
    recommendation  TEXT CHECK (recommendation IN ('strong-no', 'no', 'yes', 'strong-yes')),
    summary         TEXT    NOT NULL DEFAULT '',
    submitted_at    TEXT,
    updated_at      TEXT    NOT NULL
);

CREATE TABLE answers (
    id                INTEGER PRIMARY KEY,
    scorecard_id      INTEGER NOT NULL REFERENCES scorecards(id) ON DELETE CASCADE,
    question_id       INTEGER NOT NULL REFERENCES questions(id),
    score             INTEGER CHECK (score BETWEEN 1 AND 4),
    not_asked_reason  TEXT,
    notes             TEXT    NOT NULL DEFAULT '',
    seconds_spent     INTEGER NOT NULL DEFAULT 0 CHECK (seconds_spent >= 0),
    updated_at        TEXT    NOT NULL,
    UNIQUE (scorecard_id, question_id),
    CHECK (score IS NULL OR not_asked_reason IS NULL)
);

-- Which strong-answer points the candidate covered, by index into the question's list.
CREATE TABLE answer_coverage (
    answer_id    INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    point_index  INTEGER NOT NULL CHECK (point_index >= 0),
    PRIMARY KEY (answer_id, point_index)
) WITHOUT ROWID;

-- Which weak-answer signals the panelist observed, by index into the question's list.
CREATE TABLE answer_red_flags (
    answer_id     INTEGER NOT NULL REFERENCES answers(id) ON DELETE CASCADE,
    signal_index  INTEGER NOT NULL CHECK (signal_index >= 0),
    PRIMARY KEY (answer_id, signal_index)
) WITHOUT ROWID;

-- Append-only trail of submissions, amendments, unseals and decisions.
CREATE TABLE audit_events (
    id        INTEGER PRIMARY KEY,
    plan_id   INTEGER REFERENCES plans(id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    kind      TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_plan ON audit_events (plan_id, at);
