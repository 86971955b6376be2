-- Issue 22: every verdict rewrites an appointment's status, and every index over a column it sets
-- is rewritten with it: at 100,000 verdicts (bench_verification) that is a random page of each
-- such index per appointment, written to the WAL and checkpointed again. Two of them serve no
-- query:
-- * appointments_status_starts (status, starts_at): every query that filters on status also bounds
--   starts_at or ends_at, which appointments_starts_at / appointments_client_starts /
--   appointments_open_ends serve (EXPLAIN QUERY PLAN of the calendar, reminder, dashboard and
--   verification queries before and after: BENCHMARKS.md);
-- * appointments_verified_by: only the ON DELETE SET NULL of a user would use it, and Callvia never
--   deletes users (they are disabled); such a delete would scan appointments once.
DROP INDEX IF EXISTS appointments_status_starts;
DROP INDEX IF EXISTS appointments_verified_by;
