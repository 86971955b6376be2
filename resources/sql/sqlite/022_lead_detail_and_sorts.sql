-- Issue 23: the lead detail shows the lead's status history from the audit log (entries of
-- entity 'lead' and that lead's id, oldest first); without this index every detail scans the log.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
-- The leads view sorts by name, added or status, each with id as the tiebreak its keyset paging
-- needs ((key, id) > (?, ?)); by time zone it filters.
-- SQLite: every index ends in the rowid, so (expression) already orders by (expression, id).
CREATE INDEX leads_first_name_sort ON leads (COALESCE(lower(first_name), ''));
CREATE INDEX leads_status ON leads (status);
CREATE INDEX leads_time_zone ON leads (time_zone);
-- The dashboard's counts of a period read only these indexes, never the rows (bench_dashboard,
-- 1,000,000 leads and calls, 30 days of all clients: 1.66 s reading ~160,000 rows at random
-- before). Each begins with the period's column and holds what the counts filter and sum.
CREATE INDEX leads_created_cover ON leads (created_at, client_id, status);
CREATE INDEX call_logs_started_cover ON call_logs (started_at, client_id, in_voicemail, duration_ms);
CREATE INDEX appointments_created_cover ON appointments (created_at, client_id);
CREATE INDEX appointments_starts_cover ON appointments (starts_at, client_id, status);
