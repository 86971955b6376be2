-- Issue 25 item 4: the dialer's own state (services/dialer, models/repositories/dialerrepository).
-- dialer_campaigns: whether the dialer runs a campaign (start / pause / stop survive a restart),
-- with the message of an automatic pause (a Retell 4xx).
CREATE TABLE dialer_campaigns (
    campaign_id INTEGER PRIMARY KEY REFERENCES campaigns (id) ON DELETE CASCADE,
    client_id   INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    state       TEXT NOT NULL DEFAULT 'stopped' CHECK (state IN ('running', 'paused', 'stopped')),
    message     TEXT,
    changed_at  INTEGER NOT NULL
);
CREATE INDEX dialer_campaigns_client ON dialer_campaigns (client_id);
-- dialer_leads: one row per lead of a campaign the dialer has run; next_check_at is when the rules
-- engine next looks at the lead (its next callable instant, a retry, a callback), so a pass reads
-- only the due front of the index instead of every lead of the campaign.
CREATE TABLE dialer_leads (
    lead_id       INTEGER PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    client_id     INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    next_check_at INTEGER NOT NULL DEFAULT 0,
    reason        TEXT
);
CREATE INDEX dialer_leads_due ON dialer_leads (campaign_id, next_check_at);
CREATE INDEX dialer_leads_campaign_lead ON dialer_leads (campaign_id, lead_id);
CREATE INDEX dialer_leads_client ON dialer_leads (client_id);
-- dialer_calls: every call the dialer placed. queued (outbox row waiting) -> placed (Retell took
-- it) -> ended (call_ended seen); failed (Retell refused), cancelled (never sent: paused, stale
-- in the outbox), timed_out (no call_ended in time: slot freed, lead still blocked until known).
CREATE TABLE dialer_calls (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    lead_id        INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    outbox_id      INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
    to_number      TEXT NOT NULL,
    retell_call_id TEXT,
    state          TEXT NOT NULL CHECK (state IN ('queued', 'placed', 'ended', 'failed', 'cancelled', 'timed_out')),
    outcome        TEXT,
    analysis       TEXT,
    flag           TEXT,
    queued_at      INTEGER NOT NULL,
    placed_at      INTEGER,
    ended_at       INTEGER,
    updated_at     INTEGER NOT NULL
);
-- At most one call of a lead whose outcome is not known: a restart never dials it twice.
CREATE UNIQUE INDEX dialer_calls_one_open ON dialer_calls (lead_id) WHERE state IN ('queued', 'placed', 'timed_out');
-- The reconciling pass reads the open calls by state, and the ended calls still waiting for their
-- analysis, each from a small partial index (the statements repeat these WHERE terms).
CREATE INDEX dialer_calls_open_state ON dialer_calls (state, placed_at) WHERE state IN ('queued', 'placed', 'timed_out');
CREATE INDEX dialer_calls_unanalysed ON dialer_calls (ended_at) WHERE state = 'ended' AND analysis IS NULL;
CREATE INDEX dialer_calls_campaign_state ON dialer_calls (campaign_id, state, queued_at);
CREATE INDEX dialer_calls_lead ON dialer_calls (lead_id, queued_at);
CREATE INDEX dialer_calls_retell ON dialer_calls (retell_call_id);
CREATE INDEX dialer_calls_client ON dialer_calls (client_id);
