-- The Plans list searches, filters, sorts and pages in SQL (issue: scale). Each plan keeps its
-- searchable text folded (candidate and role, accents and case dropped), written by the core's
-- own code whenever the candidate's name or the role changes (`plans::search`), never by a
-- trigger: `trusted_schema` is off. Filled for existing plans by the migration's Rust step.
ALTER TABLE plans ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- The list's default view: unarchived plans, by interview time.
CREATE INDEX plans_listed ON plans (archived_at, starts_at);
