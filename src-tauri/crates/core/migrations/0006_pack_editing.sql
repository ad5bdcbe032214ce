-- Schema 6: packs people edit, and plans that choose their questions.

-- What "strong" means at each target level, per pack version: a JSON object as pack files
-- carry it ({"director": …, "seniorDirector": …, "vp": …, "principal": …}, each optional).
ALTER TABLE question_packs ADD COLUMN level_guidance TEXT NOT NULL DEFAULT '{}';
-- Packs made on this machine (created or duplicated in the editor) can be edited; the built-in
-- pack, imported packs and packs learnt from kits belong to someone else and are read-only.
ALTER TABLE question_packs ADD COLUMN editable INTEGER NOT NULL DEFAULT 0 CHECK (editable IN (0, 1));

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
