-- Interviewers are people the app knows across plans (issue: calibration). A panelist row is one
-- person's seat on one panel; `people` is the person, matched by email (ignoring case), else by
-- name. The match keys are written by the core's own code (`people`), never by a trigger.
-- Purging an interviewer keeps their scores and replaces who they were with "Former
-- interviewer N" (`former`); a candidate's purge removes panelist rows, never people.
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    email       TEXT,
    email_key   TEXT UNIQUE,            -- lower-cased email: one person per address
    name_key    TEXT    NOT NULL,       -- folded name, for matching panelists without an email
    former      INTEGER UNIQUE,         -- N of "Former interviewer N" once purged
    created_at  TEXT    NOT NULL
);
CREATE INDEX people_by_name ON people (name_key);
ALTER TABLE panelists ADD COLUMN person_id INTEGER REFERENCES people(id);
CREATE INDEX panelists_by_person ON panelists (person_id);
-- The debrief's capability means adjusted for each interviewer's leniency are shown unless the
-- plan's lead turns them off.
ALTER TABLE plans ADD COLUMN adjusted_view INTEGER NOT NULL DEFAULT 1 CHECK (adjusted_view IN (0, 1));
