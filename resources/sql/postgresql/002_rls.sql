-- Callvia schema, version 2 (PostgreSQL): row-level security per client.
-- The application sets callvia.client_id on each connection after a client user signs in
-- (Models::Database::setSessionClient). Empty or unset = agency (every row); otherwise only rows of
-- that client, and rows with a NULL client_id are agency-only. Superusers bypass RLS by design of
-- PostgreSQL, so deployments connect as a LOGIN role granted callvia_app (see README).

CREATE FUNCTION callvia_tenant_allows(row_client BIGINT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$ SELECT COALESCE(current_setting('callvia.client_id', true), '') = '' OR row_client = NULLIF(current_setting('callvia.client_id', true), '')::BIGINT $$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'callvia_app') THEN
        BEGIN
            CREATE ROLE callvia_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege OR duplicate_object OR unique_violation THEN
            RAISE NOTICE 'role callvia_app not created: %', SQLERRM;
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'callvia_app') THEN
        EXECUTE 'GRANT USAGE ON SCHEMA public TO callvia_app';
        EXECUTE 'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO callvia_app';
        EXECUTE 'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO callvia_app';
        EXECUTE 'GRANT EXECUTE ON FUNCTION callvia_tenant_allows(BIGINT) TO callvia_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO callvia_app';
        EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO callvia_app';
    END IF;
END
$$;

ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON clients USING (callvia_tenant_allows(id)) WITH CHECK (callvia_tenant_allows(id));

DO $$
DECLARE
    t TEXT;
BEGIN
    FOREACH t IN ARRAY ARRAY['campaigns', 'leads', 'appointments', 'call_logs', 'messages', 'milestones',
                             'invoices', 'usage_records', 'reminders', 'outbox', 'opt_outs', 'audit_log']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (callvia_tenant_allows(client_id)) '
                       'WITH CHECK (callvia_tenant_allows(client_id))', t);
    END LOOP;
END
$$;
