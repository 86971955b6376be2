-- Issue 23: the lead detail shows the lead's status history from the audit log (entries of
-- entity 'lead' and that lead's id, oldest first); without this index every detail scans the log.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
-- The leads view sorts by name, added or status, each with id as the tiebreak its keyset paging
-- needs ((key, id) > (?, ?)); by time zone it filters.
CREATE INDEX leads_first_name_sort ON leads ((COALESCE(lower(first_name), '')), id);
CREATE INDEX leads_status ON leads (status, id);
CREATE INDEX leads_time_zone ON leads (time_zone, id);
CREATE INDEX leads_created_at_id ON leads (created_at, id);
DROP INDEX leads_created_at; -- (created_at, id) serves the dashboard's ranges as well
