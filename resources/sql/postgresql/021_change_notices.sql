-- Issue 26, live updates: every committed insert, update or delete of the rows the desktops show
-- live (calls, appointments, invoices, messages) sends NOTIFY callvia_changes with a payload that
-- names the table, the client and the row id, never row data:
--   {"table":"call_logs","client_id":3,"id":42}
-- PostgreSQL delivers a notice only when the transaction commits, once per distinct payload.
-- Leads are left out on purpose: an import of a million rows would flood every desktop.
CREATE FUNCTION callvia_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_client BIGINT;
    row_id BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        row_client := OLD.client_id;
        row_id := OLD.id;
    ELSE
        row_client := NEW.client_id;
        row_id := NEW.id;
    END IF;
    PERFORM pg_notify('callvia_changes',
                      json_build_object('table', TG_TABLE_NAME, 'client_id', row_client, 'id', row_id)::text);
    RETURN NULL;
END
$$;

-- In a DO block: the migration splitter reads a line starting with CREATE TRIGGER as a SQLite
-- trigger body that runs up to END.
DO $$
BEGIN
    EXECUTE 'CREATE TRIGGER call_logs_notify_change AFTER INSERT OR UPDATE OR DELETE ON call_logs '
            'FOR EACH ROW EXECUTE FUNCTION callvia_notify_change()';
    EXECUTE 'CREATE TRIGGER appointments_notify_change AFTER INSERT OR UPDATE OR DELETE ON appointments '
            'FOR EACH ROW EXECUTE FUNCTION callvia_notify_change()';
    EXECUTE 'CREATE TRIGGER invoices_notify_change AFTER INSERT OR UPDATE OR DELETE ON invoices '
            'FOR EACH ROW EXECUTE FUNCTION callvia_notify_change()';
    EXECUTE 'CREATE TRIGGER messages_notify_change AFTER INSERT OR UPDATE OR DELETE ON messages '
            'FOR EACH ROW EXECUTE FUNCTION callvia_notify_change()';
END
$$;
