-- Issue 23 item 6 / issue 26 item 3: desktops refresh a lead's row when another instance changes
-- what the leads view shows (name, phone, e-mail, status) or deletes it. Inserts stay silent
-- (021: an import of a million rows would flood every desktop); a desktop reads only the noted
-- leads it has on screen. Same payload as 021: table, client and id, never row data.
DO $$
BEGIN
    EXECUTE 'CREATE TRIGGER leads_notify_change AFTER UPDATE OF first_name, last_name, phone_e164, email, status '
            'ON leads FOR EACH ROW WHEN (OLD.first_name IS DISTINCT FROM NEW.first_name '
            'OR OLD.last_name IS DISTINCT FROM NEW.last_name OR OLD.phone_e164 IS DISTINCT FROM NEW.phone_e164 '
            'OR OLD.email IS DISTINCT FROM NEW.email OR OLD.status IS DISTINCT FROM NEW.status) '
            'EXECUTE FUNCTION callvia_notify_change()';
    EXECUTE 'CREATE TRIGGER leads_notify_delete AFTER DELETE ON leads FOR EACH ROW EXECUTE FUNCTION callvia_notify_change()';
END
$$;
