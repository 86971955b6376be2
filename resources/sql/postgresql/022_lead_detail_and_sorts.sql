-- Issue 23: the lead detail shows the lead's status history from the audit log (entries of
-- entity 'lead' and that lead's id, oldest first); without this index every detail scans the log.
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at);
