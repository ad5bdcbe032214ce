-- The calibration report reads every scored answer's question, score, not-asked mark and whether
-- its note is blank, never the note itself (issue: calibration). Without an index holding those,
-- the read walks the whole answers table, notes included (192 MB at 5,000 plans): this covering
-- index holds the five values (and the answer's id, as every index does), so the report reads a
-- few megabytes instead. The expressions are the ones the report selects, letter for letter, so
-- SQLite takes them from the index rather than from the row.
CREATE INDEX answers_counted ON answers (
    scorecard_id, question_id, score, not_asked_reason IS NOT NULL, trim(notes) = ''
);
