-- Callvia schema, version 8 (PostgreSQL): tenancy by database login roles, failing closed.
--
-- Every Callvia user on PostgreSQL is a LOGIN role named "<database>.<lower-case user name>"
-- (callvia_login_name), whose password is the user's Callvia password (a SCRAM verifier made by
-- the app), and a member of exactly one group role: callvia_admin, callvia_staff or
-- callvia_client. callvia_app is the group of service logins (a headless listener): agency-wide
-- data, no user management. callvia_logins maps a login role to its user and, for a client
-- user, its client; only the owner writes it (through callvia_sync_login, for administrators).
-- Row-level security finds the client of current_user there: a member of callvia_client without
-- a mapping row sees nothing, and a role in no Callvia group sees nothing (fail closed). The old
-- session setting callvia.client_id is no longer read at all: RESET or set_config change nothing.
-- Client roles only read; what a client user legitimately writes goes through SECURITY DEFINER
-- functions that check the caller's client and write the audit row. audit_log is insert-only for
-- every role but its owner. Run by the owner (a role with CREATEROLE, or a superuser).

DO $$
DECLARE
    r TEXT;
BEGIN
    FOREACH r IN ARRAY ARRAY['callvia_app', 'callvia_admin', 'callvia_staff', 'callvia_client']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's migration created it at the same moment
            END;
        END IF;
    END LOOP;
END
$$;

CREATE TABLE callvia_logins (
    role_name TEXT PRIMARY KEY,
    user_id   BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    client_id BIGINT REFERENCES clients (id) ON DELETE CASCADE
);
CREATE INDEX callvia_logins_client_id ON callvia_logins (client_id);

-- The owner bypasses row-level security again (it owns the tables and could switch it off
-- anyway); every other role is bound. SECURITY DEFINER functions below run as the owner.
DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['clients', 'campaigns', 'leads', 'appointments', 'call_logs', 'messages', 'milestones',
                             'invoices', 'usage_records', 'reminders', 'outbox', 'opt_outs', 'audit_log']
    LOOP
        EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
    END LOOP;
END
$$;

CREATE FUNCTION callvia_login_name(username TEXT) RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT current_database() || '.' || lower(trim(username)) $$;

-- Agency = a member of an agency group and of no client group. A superuser is a member of
-- everything, so it is not "agency" here (it bypasses row-level security anyway).
CREATE FUNCTION callvia_is_agency() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$ SELECT NOT pg_has_role(current_user, 'callvia_client', 'MEMBER') AND (pg_has_role(current_user, 'callvia_admin', 'MEMBER') OR pg_has_role(current_user, 'callvia_staff', 'MEMBER') OR pg_has_role(current_user, 'callvia_app', 'MEMBER')) $$;

-- The client whose rows current_user may see; NULL (nothing) without a mapping row.
CREATE FUNCTION callvia_current_client() RETURNS BIGINT LANGUAGE sql STABLE AS $$ SELECT l.client_id FROM callvia_logins l WHERE l.role_name = current_user::TEXT $$;

-- Used by every tenant_isolation policy since 002 (same signature, new body).
CREATE OR REPLACE FUNCTION callvia_tenant_allows(row_client BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$ SELECT CASE WHEN pg_has_role(current_user, 'callvia_client', 'MEMBER') THEN COALESCE(row_client = callvia_current_client(), false) ELSE callvia_is_agency() END $$;

ALTER TABLE callvia_logins ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_login ON callvia_logins FOR SELECT USING (role_name = current_user::TEXT OR callvia_is_agency());

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_users ON users USING (callvia_is_agency()) WITH CHECK (callvia_is_agency());
CREATE POLICY own_user ON users FOR SELECT USING (id = (SELECT l.user_id FROM callvia_logins l WHERE l.role_name = current_user::TEXT));

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_events ON events USING (callvia_is_agency()) WITH CHECK (callvia_is_agency());

ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY agency_settings ON settings USING (callvia_is_agency()) WITH CHECK (callvia_is_agency());
CREATE POLICY public_settings ON settings FOR SELECT USING (is_secret = 0 AND pg_has_role(current_user, 'callvia_client', 'MEMBER'));

-- Agency-wide opt-outs (other clients' contacts) are no longer readable by a client session
-- (005 opened them): it asks callvia_is_opted_out for a yes/no answer instead.
DROP POLICY agency_opt_outs_readable ON opt_outs;

-- Privileges from scratch: nothing for PUBLIC, then per group.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM callvia_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM callvia_app;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM callvia_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM callvia_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO callvia_app, callvia_admin, callvia_staff, callvia_client;

GRANT SELECT, INSERT, UPDATE, DELETE ON clients, campaigns, leads, appointments, call_logs, messages, milestones, invoices, usage_records, reminders, outbox, opt_outs, events TO callvia_app, callvia_admin, callvia_staff;
GRANT SELECT ON schema_version, callvia_logins TO callvia_app, callvia_admin, callvia_staff, callvia_client;
GRANT SELECT, INSERT ON audit_log TO callvia_app, callvia_admin, callvia_staff, callvia_client;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, settings TO callvia_admin;
GRANT SELECT, INSERT, UPDATE ON settings TO callvia_app;
GRANT SELECT ON settings TO callvia_staff, callvia_client;
-- Sign-in bookkeeping (lockout counter, last sign-in, a hash upgraded at sign-in) by the
-- connection that checks the password; never the role, the client or the disabled flag.
GRANT SELECT, UPDATE (password_hash, must_change_password, failed_attempts, locked_until, last_login_at, updated_at) ON users TO callvia_app, callvia_staff;
GRANT SELECT ON users TO callvia_client;
GRANT SELECT ON clients, campaigns, leads, appointments, call_logs, messages, milestones, invoices, usage_records, reminders, opt_outs TO callvia_client;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO callvia_app, callvia_admin, callvia_staff;
GRANT EXECUTE ON FUNCTION callvia_login_name(TEXT), callvia_is_agency(), callvia_current_client(), callvia_tenant_allows(BIGINT) TO callvia_app, callvia_admin, callvia_staff, callvia_client;
-- Tables added by later migrations: agency groups read and write them; client roles get nothing
-- until a migration grants it (fail closed).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO callvia_app, callvia_admin, callvia_staff;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO callvia_app, callvia_admin, callvia_staff;

-- The caller's login (session_user: inside a SECURITY DEFINER function current_user is the
-- owner). NULL for a role that is no Callvia user.
CREATE FUNCTION callvia_caller() RETURNS callvia_logins LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$ SELECT l FROM callvia_logins l WHERE l.role_name = session_user::TEXT $$;

-- Yes/no: is this phone number (E.164) or e-mail opted out of the channel for a client (its own
-- opt-outs and the agency-wide ones)? For a client user the client is always its own, whatever
-- p_client says. Client sessions cannot read the agency-wide rows themselves (other clients'
-- contacts): this answer is all they get.
CREATE FUNCTION callvia_is_opted_out(p_address TEXT, p_channel TEXT, p_client BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me callvia_logins;
    for_client BIGINT := p_client;
BEGIN
    me := callvia_caller();
    IF pg_has_role(session_user, 'callvia_client', 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        for_client := me.client_id;
        IF for_client IS NULL THEN
            RETURN false;
        END IF;
    END IF;
    RETURN EXISTS (SELECT 1 FROM opt_outs o
                   WHERE (o.phone_e164 = trim(p_address) OR o.email = lower(trim(p_address)))
                     AND (o.channel = 'all' OR o.channel = p_channel)
                     AND (o.client_id IS NULL OR o.client_id = for_client));
END
$$;

-- A client user's verdict on one of its client's appointments: 'client_confirmed' (the lead
-- showed) or 'no_show'. Checked against the caller's client and written to audit_log.
CREATE FUNCTION callvia_confirm_appointment(appointment BIGINT, verdict TEXT, at_ms BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me callvia_logins;
    who TEXT;
    before_verdict TEXT;
    owner_client BIGINT;
BEGIN
    me := callvia_caller();
    IF me.role_name IS NULL OR me.client_id IS NULL THEN
        RAISE EXCEPTION 'callvia_confirm_appointment: % is not a client user', session_user USING ERRCODE = '42501';
    END IF;
    IF verdict NOT IN ('client_confirmed', 'no_show') THEN
        RAISE EXCEPTION 'callvia_confirm_appointment: verdict must be client_confirmed or no_show' USING ERRCODE = '22023';
    END IF;
    SELECT a.client_id, a.verification INTO owner_client, before_verdict FROM appointments a WHERE a.id = appointment FOR UPDATE;
    IF owner_client IS DISTINCT FROM me.client_id THEN
        RAISE EXCEPTION 'callvia_confirm_appointment: no appointment % for this client', appointment USING ERRCODE = '42501';
    END IF;
    UPDATE appointments SET verification = verdict, status = CASE WHEN verdict = 'no_show' THEN 'no_show' ELSE 'shown' END,
           verified_at = at_ms, verified_by = me.user_id, updated_at = at_ms
     WHERE id = appointment;
    SELECT u.username INTO who FROM users u WHERE u.id = me.user_id;
    INSERT INTO audit_log (user_id, username, client_id, action, entity, entity_id, before_json, after_json, at)
    VALUES (me.user_id, who, me.client_id, 'appointment.verify', 'appointment', appointment::TEXT,
            json_build_object('verification', before_verdict)::TEXT, json_build_object('verification', verdict)::TEXT, at_ms);
    RETURN true;
END
$$;

-- A user's own password change: the Callvia hash and the login role's SCRAM verifier together.
CREATE FUNCTION callvia_set_own_password(new_hash TEXT, verifier TEXT, at_ms BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me callvia_logins;
BEGIN
    me := callvia_caller();
    IF me.role_name IS NULL THEN
        RAISE EXCEPTION 'callvia_set_own_password: % is not a Callvia user', session_user USING ERRCODE = '42501';
    END IF;
    IF verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'callvia_set_own_password: not a SCRAM verifier' USING ERRCODE = '22023';
    END IF;
    UPDATE users SET password_hash = new_hash, must_change_password = 0, updated_at = at_ms WHERE id = me.user_id;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', me.role_name, verifier);
    INSERT INTO audit_log (user_id, username, client_id, action, entity, entity_id, at)
    SELECT u.id, u.username, u.client_id, 'user.password_change', 'user', u.id::TEXT, at_ms FROM users u WHERE u.id = me.user_id;
    RETURN true;
END
$$;

-- Administrators (and the owner): creates or updates the login role of a users row from that row
-- (group by role, LOGIN unless disabled, mapping row), and sets its password when a verifier is
-- given. The group and the client always come from the users row, never from the caller.
CREATE FUNCTION callvia_sync_login(target BIGINT, verifier TEXT) RETURNS TEXT LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    u users;
    login TEXT;
    grp TEXT;
    other TEXT;
BEGIN
    SELECT * INTO u FROM users WHERE id = target;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'callvia_sync_login: no user %', target USING ERRCODE = '02000';
    END IF;
    login := callvia_login_name(u.username);
    IF octet_length(login) > 63 THEN
        RAISE EXCEPTION 'User name: too long for a PostgreSQL login (% bytes with the database name; at most 63)', octet_length(login) USING ERRCODE = '22023';
    END IF;
    IF verifier IS NOT NULL AND verifier !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'callvia_sync_login: not a SCRAM verifier' USING ERRCODE = '22023';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND (rolsuper OR rolbypassrls OR rolcreaterole)) THEN
        RAISE EXCEPTION 'callvia_sync_login: % is a privileged role; not touched', login USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('CREATE ROLE %I NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT NOLOGIN', login);
    END IF;
    grp := 'callvia_' || u.role;
    FOREACH other IN ARRAY ARRAY['callvia_admin', 'callvia_staff', 'callvia_client', 'callvia_app']
    LOOP
        IF other <> grp AND pg_has_role(login, other, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', other, login);
        END IF;
    END LOOP;
    IF NOT pg_has_role(login, grp, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', grp, login);
    END IF;
    EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN u.disabled = 1 THEN 'NOLOGIN' ELSE 'LOGIN' END);
    IF verifier IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
    END IF;
    INSERT INTO callvia_logins (role_name, user_id, client_id) VALUES (login, u.id, u.client_id)
    ON CONFLICT (role_name) DO UPDATE SET user_id = EXCLUDED.user_id, client_id = EXCLUDED.client_id;
    RETURN login;
END
$$;

REVOKE ALL ON FUNCTION callvia_caller(), callvia_is_opted_out(TEXT, TEXT, BIGINT), callvia_confirm_appointment(BIGINT, TEXT, BIGINT), callvia_set_own_password(TEXT, TEXT, BIGINT), callvia_sync_login(BIGINT, TEXT) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION callvia_is_opted_out(TEXT, TEXT, BIGINT) TO callvia_app, callvia_admin, callvia_staff, callvia_client;
GRANT EXECUTE ON FUNCTION callvia_confirm_appointment(BIGINT, TEXT, BIGINT) TO callvia_client;
GRANT EXECUTE ON FUNCTION callvia_set_own_password(TEXT, TEXT, BIGINT) TO callvia_admin, callvia_staff, callvia_client;
GRANT EXECUTE ON FUNCTION callvia_sync_login(BIGINT, TEXT) TO callvia_admin;
