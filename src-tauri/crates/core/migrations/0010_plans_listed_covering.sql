-- The Plans list at tens of thousands of plans (issue: scale). The list's index also holds every
-- column its search and filters read (status, level, the folded search text), so counting the
-- matches and finding a page's plans read only the index, never the plans' rows (which carry
-- notes): at 50,000 plans, a search reads a few megabytes of index instead of every row. `id`
-- follows `starts_at` so the order within an interview time is the list's (ties by id).
DROP INDEX plans_listed;
CREATE INDEX plans_listed ON plans (archived_at, starts_at, id, status, level, search_text);
