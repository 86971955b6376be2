-- Calling settings of a campaign for the compliant dialer (issue 25 item 1). One row per
-- campaign; a campaign without a row uses the defaults below (CallingSettingsRepository). The
-- Retell agent id and from-number stay on campaigns (retell_agent_id, from_number). The window
-- is in minutes after local midnight and may only narrow the legal 08:00-21:00; the state and
-- Canadian rules narrow it further at dial time (services/compliance). calling_days: bit
-- (ISO weekday - 1), Monday = 1 ... Sunday = 64. The snapshot date is ISO text as on SQLite.
CREATE TABLE campaign_calling_settings (
    campaign_id             BIGINT PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    client_id               BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    calling_days            INTEGER NOT NULL DEFAULT 127 CHECK (calling_days BETWEEN 1 AND 127),
    window_start_minute     INTEGER NOT NULL DEFAULT 480 CHECK (window_start_minute >= 480),
    window_end_minute       INTEGER NOT NULL DEFAULT 1260
                            CHECK (window_end_minute <= 1260 AND window_end_minute > window_start_minute),
    max_concurrent_calls    INTEGER NOT NULL DEFAULT 5 CHECK (max_concurrent_calls BETWEEN 1 AND 500),
    calls_per_minute        INTEGER NOT NULL DEFAULT 10 CHECK (calls_per_minute BETWEEN 1 AND 1000),
    max_attempts            INTEGER NOT NULL DEFAULT 6 CHECK (max_attempts BETWEEN 1 AND 50),
    retry_no_answer_seconds INTEGER NOT NULL DEFAULT 14400 CHECK (retry_no_answer_seconds BETWEEN 0 AND 2592000),
    retry_voicemail_seconds INTEGER NOT NULL DEFAULT 86400 CHECK (retry_voicemail_seconds BETWEEN 0 AND 2592000),
    retry_busy_seconds      INTEGER NOT NULL DEFAULT 1800 CHECK (retry_busy_seconds BETWEEN 0 AND 2592000),
    retry_failed_seconds    INTEGER NOT NULL DEFAULT 3600 CHECK (retry_failed_seconds BETWEEN 0 AND 2592000),
    callable_statuses       TEXT NOT NULL DEFAULT 'new,contacted,callback' CHECK (length(callable_statuses) > 0),
    consent_required        TEXT NOT NULL DEFAULT 'written' CHECK (consent_required IN ('written', 'express')),
    telemarketing           SMALLINT NOT NULL DEFAULT 1 CHECK (telemarketing IN (0, 1)),
    national_dnc_snapshot   TEXT CHECK (national_dnc_snapshot IS NULL OR national_dnc_snapshot ~ '^\d{4}-\d{2}-\d{2}$'),
    updated_at              BIGINT NOT NULL
);
CREATE INDEX campaign_calling_settings_client ON campaign_calling_settings (client_id);

-- A client session sees its campaigns' settings; writing them is agency work (same policy as
-- the other client-owned tables of 002_rls.sql).
ALTER TABLE campaign_calling_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE campaign_calling_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON campaign_calling_settings USING (callvia_tenant_allows(client_id))
    WITH CHECK (callvia_tenant_allows(client_id));
GRANT SELECT ON campaign_calling_settings TO callvia_client;
