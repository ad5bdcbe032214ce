-- Schema 7: settings the user chooses for this database, as key/value text (the retention
-- period for candidate data, for a start).

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
