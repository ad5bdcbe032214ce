-- Schema 6: packs people edit, and plans that choose their questions.

-- What "strong" means at each target level, per pack version: a JSON object as pack files
-- carry it ({"director": …, "seniorDirector": …, "vp": …, "principal": …}, each optional).
ALTER TABLE question_packs ADD COLUMN level_guidance TEXT NOT NULL DEFAULT '{}';
-- Where a pack version came from. Only 'local' packs (created or duplicated in the editor) can
-- be edited; 'builtin', 'file' (imported .hppack) and 'kit' (learnt question by question from
-- kits, possibly incomplete) belong to someone else and are read-only. Only 'kit' packs grow
-- from later kits.
ALTER TABLE question_packs ADD COLUMN origin TEXT NOT NULL DEFAULT 'file'
    CHECK (origin IN ('builtin', 'local', 'file', 'kit'));
-- Set when a 'local' version left this machine (exported as a file, or inside a kit): from then
-- on a save creates the next version, even if no plan here uses it.
ALTER TABLE question_packs ADD COLUMN shared_at TEXT;
UPDATE question_packs SET origin = 'builtin' WHERE builtin = 1;
UPDATE question_packs SET origin = 'kit'
    WHERE builtin = 0 AND id IN (SELECT pack_id FROM plans WHERE mode = 'panelist');

-- The questions a plan asks, with the number the plan gives each one. Questions of the plan's
-- pinned pack keep their pack number; questions borrowed from other packs are numbered after
-- the pinned pack's last question, in the order the lead chose them. So "question 7" means the
-- same question for every candidate interviewed on one pack version.
CREATE TABLE plan_questions (
    plan_id      INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL CHECK (number >= 1),
    question_id  INTEGER NOT NULL REFERENCES questions(id),
    PRIMARY KEY (plan_id, number),
    UNIQUE (plan_id, question_id)
) WITHOUT ROWID;
CREATE INDEX plan_questions_by_question ON plan_questions (question_id);

-- Until now a lead's plan asked every question of its pack, and a panelist's copy the
-- questions of its kit.
INSERT INTO plan_questions (plan_id, number, question_id)
    SELECT p.id, q.number, q.id FROM plans p JOIN questions q ON q.pack_id = p.pack_id
    WHERE p.mode = 'lead';
INSERT INTO plan_questions (plan_id, number, question_id)
    SELECT DISTINCT a.plan_id, q.number, q.id
    FROM assignments a JOIN plans p ON p.id = a.plan_id JOIN questions q ON q.id = a.question_id
    WHERE p.mode = 'panelist';
