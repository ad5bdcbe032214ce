-- Schema 15: the files the app imported or exported lately, for File → Recent files.
--
-- A path often carries a candidate's name ("Debrief packet - Zoë Łukasiewicz.pdf"), so each row
-- names its plan where there is one, and goes with it: a purge deletes the plan's row, and with it
-- these (ON DELETE CASCADE). A pack file has no plan. The app keeps the ten newest.
CREATE TABLE recent_files (
    path     TEXT    PRIMARY KEY,
    action   TEXT    NOT NULL CHECK (action IN ('imported', 'exported')),
    plan_id  INTEGER REFERENCES plans(id) ON DELETE CASCADE,
    at       TEXT    NOT NULL
);
CREATE INDEX recent_files_by_plan ON recent_files (plan_id) WHERE plan_id IS NOT NULL;
