-- Callvia schema, version 1 (SQLite). Instants are INTEGER milliseconds since the Unix epoch (UTC);
-- money is INTEGER cents with a three-letter lower-case currency code; flags are 0/1.

CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    applied_at  INTEGER NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE clients (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT NOT NULL CHECK (length(trim(name)) > 0),
    contact_email          TEXT,
    phone                  TEXT,
    stripe_customer_id     TEXT UNIQUE,
    time_zone              TEXT NOT NULL DEFAULT 'UTC',
    per_minute_rate_cents  INTEGER NOT NULL DEFAULT 20 CHECK (per_minute_rate_cents >= 0),
    currency               TEXT NOT NULL DEFAULT 'usd' CHECK (length(currency) = 3),
    milestone_size         INTEGER NOT NULL DEFAULT 25 CHECK (milestone_size > 0),
    milestone_amount_cents INTEGER NOT NULL DEFAULT 200000 CHECK (milestone_amount_cents >= 0),
    status                 TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);
CREATE UNIQUE INDEX clients_name_unique ON clients (lower(name));

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    client_id            INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    username             TEXT NOT NULL CHECK (length(trim(username)) > 0),
    display_name         TEXT,
    role                 TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'client')),
    password_hash        TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    failed_attempts      INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until         INTEGER,
    disabled             INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    last_login_at        INTEGER,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    CHECK ((role = 'client') = (client_id IS NOT NULL))
);
CREATE UNIQUE INDEX users_username_unique ON users (lower(username));
CREATE INDEX users_client_id ON users (client_id);

CREATE TABLE campaigns (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    description     TEXT,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused', 'archived')),
    default_region  TEXT NOT NULL DEFAULT 'US' CHECK (length(default_region) = 2),
    retell_agent_id TEXT,
    from_number     TEXT,
    daily_call_limit INTEGER CHECK (daily_call_limit IS NULL OR daily_call_limit >= 0),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX campaigns_client_name_unique ON campaigns (client_id, lower(name));
CREATE INDEX campaigns_status ON campaigns (status);

CREATE TABLE leads (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    campaign_id       INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    first_name        TEXT,
    last_name         TEXT,
    phone_e164        TEXT CHECK (phone_e164 IS NULL OR phone_e164 GLOB '+[1-9]*'),
    phone_extension   TEXT,
    email             TEXT CHECK (email IS NULL OR (email = lower(email) AND email LIKE '%_@_%')),
    company           TEXT,
    time_zone         TEXT,
    region            TEXT,
    notes             TEXT,
    custom_fields     TEXT,
    status            TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'contacted', 'callback', 'booked',
                          'shown', 'no_show', 'not_interested', 'dnc')),
    callback_at       INTEGER,
    call_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (call_attempts >= 0),
    last_contacted_at INTEGER,
    consent_type      TEXT CHECK (consent_type IS NULL OR consent_type IN ('written', 'verbal', 'none')),
    consent_at        INTEGER,
    consent_source    TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL)
);
CREATE UNIQUE INDEX leads_client_phone_unique ON leads (client_id, phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE UNIQUE INDEX leads_client_email_unique ON leads (client_id, email) WHERE email IS NOT NULL;
CREATE INDEX leads_campaign_status ON leads (campaign_id, status);
CREATE INDEX leads_client_campaign_status ON leads (client_id, campaign_id, status);
CREATE INDEX leads_phone ON leads (phone_e164);
CREATE INDEX leads_email ON leads (email);

CREATE TABLE call_logs (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    lead_id             INTEGER REFERENCES leads (id) ON DELETE SET NULL,
    campaign_id         INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    retell_call_id      TEXT NOT NULL UNIQUE,
    agent_id            TEXT,
    direction           TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('inbound', 'outbound')),
    from_number         TEXT,
    to_number           TEXT,
    call_status         TEXT,
    started_at          INTEGER,
    ended_at            INTEGER,
    duration_ms         INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
    duration_seconds    INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
    transcript          TEXT,
    recording_url       TEXT,
    disconnection_reason TEXT,
    summary             TEXT,
    sentiment           TEXT CHECK (sentiment IS NULL OR sentiment IN ('Positive', 'Negative', 'Neutral', 'Unknown')),
    outcome             TEXT CHECK (outcome IS NULL OR outcome IN ('appointment_set', 'callback_requested',
                            'not_interested', 'voicemail', 'no_answer', 'other')),
    callback_at         INTEGER,
    call_successful     INTEGER CHECK (call_successful IS NULL OR call_successful IN (0, 1)),
    in_voicemail        INTEGER CHECK (in_voicemail IS NULL OR in_voicemail IN (0, 1)),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX call_logs_client_id ON call_logs (client_id);
CREATE INDEX call_logs_lead_id ON call_logs (lead_id);
CREATE INDEX call_logs_campaign_id ON call_logs (campaign_id);
CREATE INDEX call_logs_started_at ON call_logs (started_at);

CREATE TABLE invoices (
    id                INTEGER PRIMARY KEY,
    client_id         INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
    kind              TEXT NOT NULL CHECK (kind IN ('milestone', 'usage', 'manual')),
    stripe_invoice_id TEXT UNIQUE,
    number            TEXT,
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'paid', 'uncollectible', 'void')),
    amount_cents      INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency          TEXT NOT NULL DEFAULT 'usd' CHECK (length(currency) = 3),
    description       TEXT,
    period_start      INTEGER,
    period_end        INTEGER,
    hosted_url        TEXT,
    due_at            INTEGER,
    sent_at           INTEGER,
    paid_at           INTEGER,
    last_error        TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK (period_end IS NULL OR period_start IS NULL OR period_end >= period_start)
);
CREATE INDEX invoices_client_id ON invoices (client_id);
CREATE INDEX invoices_status ON invoices (status);
CREATE UNIQUE INDEX invoices_usage_period_unique ON invoices (client_id, period_start) WHERE kind = 'usage';

CREATE TABLE milestones (
    id            INTEGER PRIMARY KEY,
    client_id     INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    sequence      INTEGER NOT NULL CHECK (sequence > 0),
    shows_required INTEGER NOT NULL CHECK (shows_required > 0),
    amount_cents  INTEGER NOT NULL CHECK (amount_cents >= 0),
    currency      TEXT NOT NULL DEFAULT 'usd' CHECK (length(currency) = 3),
    status        TEXT NOT NULL DEFAULT 'reached' CHECK (status IN ('reached', 'invoiced', 'paid', 'void')),
    reached_at    INTEGER NOT NULL,
    invoice_id    INTEGER REFERENCES invoices (id) ON DELETE SET NULL,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (client_id, sequence)
);
CREATE INDEX milestones_invoice_id ON milestones (invoice_id);

CREATE TABLE appointments (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    lead_id             INTEGER REFERENCES leads (id) ON DELETE SET NULL,
    campaign_id         INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    provider            TEXT NOT NULL DEFAULT 'calcom' CHECK (provider IN ('calcom', 'manual')),
    booking_uid         TEXT NOT NULL UNIQUE,
    booking_id          INTEGER,
    previous_booking_uid TEXT,
    title               TEXT,
    location            TEXT,
    starts_at           INTEGER NOT NULL,
    ends_at             INTEGER NOT NULL,
    attendee_name       TEXT,
    attendee_email      TEXT,
    attendee_phone      TEXT,
    attendee_time_zone  TEXT,
    status              TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('pending', 'scheduled', 'cancelled',
                            'rejected', 'shown', 'no_show')),
    verification        TEXT NOT NULL DEFAULT 'pending' CHECK (verification IN ('pending', 'client_confirmed',
                            'lead_confirmed', 'call_verified', 'no_show', 'not_applicable')),
    verified_at         INTEGER,
    verified_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    cancellation_reason TEXT,
    milestone_id        INTEGER REFERENCES milestones (id) ON DELETE SET NULL,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    CHECK (ends_at >= starts_at)
);
CREATE INDEX appointments_client_starts ON appointments (client_id, starts_at);
CREATE INDEX appointments_lead_id ON appointments (lead_id);
CREATE INDEX appointments_campaign_id ON appointments (campaign_id);
CREATE INDEX appointments_verified_by ON appointments (verified_by);
CREATE INDEX appointments_milestone_id ON appointments (milestone_id);
CREATE INDEX appointments_status_starts ON appointments (status, starts_at);

CREATE TABLE usage_records (
    id                    INTEGER PRIMARY KEY,
    client_id             INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    call_log_id           INTEGER UNIQUE REFERENCES call_logs (id) ON DELETE SET NULL,
    campaign_id           INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,
    seconds               INTEGER NOT NULL CHECK (seconds >= 0),
    rate_cents_per_minute INTEGER NOT NULL CHECK (rate_cents_per_minute >= 0),
    cost_cents            INTEGER NOT NULL CHECK (cost_cents >= 0),
    currency              TEXT NOT NULL DEFAULT 'usd' CHECK (length(currency) = 3),
    occurred_at           INTEGER NOT NULL,
    invoice_id            INTEGER REFERENCES invoices (id) ON DELETE SET NULL,
    created_at            INTEGER NOT NULL
);
CREATE INDEX usage_records_client_occurred ON usage_records (client_id, occurred_at);
CREATE INDEX usage_records_campaign_id ON usage_records (campaign_id);
CREATE INDEX usage_records_invoice_id ON usage_records (invoice_id);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    provider          TEXT NOT NULL CHECK (provider IN ('retell', 'calcom', 'stripe', 'sendgrid', 'messagebird')),
    provider_event_id TEXT NOT NULL,
    event_type        TEXT NOT NULL,
    ordering_key      TEXT,
    received_at       INTEGER NOT NULL,
    raw_body          BLOB NOT NULL,
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processed', 'failed', 'ignored')),
    attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at   INTEGER,
    last_error        TEXT,
    processed_at      INTEGER,
    UNIQUE (provider, provider_event_id)
);
CREATE INDEX events_status_next ON events (status, next_attempt_at);
CREATE INDEX events_ordering ON events (ordering_key, id);
CREATE INDEX events_received ON events (received_at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    client_id       INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('sms', 'email', 'stripe', 'retell_call')),
    idempotency_key TEXT NOT NULL UNIQUE,
    payload         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_flight', 'sent', 'failed',
                        'cancelled', 'unknown')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    due_at          INTEGER NOT NULL,
    claimed_by      TEXT,
    claimed_at      INTEGER,
    last_error      TEXT,
    provider_ref    TEXT,
    response        TEXT,
    sent_at         INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX outbox_status_due ON outbox (status, due_at);
CREATE INDEX outbox_client_id ON outbox (client_id);

CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY,
    client_id           INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    lead_id             INTEGER REFERENCES leads (id) ON DELETE SET NULL,
    appointment_id      INTEGER REFERENCES appointments (id) ON DELETE SET NULL,
    outbox_id           INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
    channel             TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    direction           TEXT NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
    to_address          TEXT NOT NULL,
    from_address        TEXT,
    subject             TEXT,
    body                TEXT NOT NULL DEFAULT '',
    template            TEXT,
    status              TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'buffered', 'delivered',
                            'deferred', 'bounced', 'dropped', 'failed', 'expired', 'opened', 'clicked', 'spam',
                            'unsubscribed', 'received')),
    provider            TEXT CHECK (provider IS NULL OR provider IN ('sendgrid', 'messagebird')),
    provider_message_id TEXT,
    error               TEXT,
    sent_at             INTEGER,
    delivered_at        INTEGER,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX messages_client_id ON messages (client_id);
CREATE INDEX messages_lead_id ON messages (lead_id);
CREATE INDEX messages_appointment_id ON messages (appointment_id);
CREATE INDEX messages_outbox_id ON messages (outbox_id);
CREATE INDEX messages_provider_message ON messages (provider, provider_message_id);

CREATE TABLE reminders (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    client_id      INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    offset_minutes INTEGER NOT NULL CHECK (offset_minutes IN (1440, 120, 15)),
    channel        TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    due_at         INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'queued', 'sent', 'skipped',
                       'cancelled', 'failed')),
    outbox_id      INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (appointment_id, offset_minutes, channel)
);
CREATE INDEX reminders_status_due ON reminders (status, due_at);
CREATE INDEX reminders_client_id ON reminders (client_id);
CREATE INDEX reminders_outbox_id ON reminders (outbox_id);

CREATE TABLE opt_outs (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    phone_e164 TEXT,
    email      TEXT,
    channel    TEXT NOT NULL DEFAULT 'all' CHECK (channel IN ('all', 'sms', 'call', 'email')),
    source     TEXT NOT NULL CHECK (source IN ('sms_reply', 'call_outcome', 'manual', 'import', 'email_unsubscribe')),
    reason     TEXT,
    created_at INTEGER NOT NULL,
    CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX opt_outs_phone ON opt_outs (phone_e164);
CREATE INDEX opt_outs_email ON opt_outs (email);
CREATE INDEX opt_outs_client_id ON opt_outs (client_id);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    username    TEXT,
    client_id   INTEGER REFERENCES clients (id) ON DELETE SET NULL,
    action      TEXT NOT NULL CHECK (length(action) > 0),
    entity      TEXT,
    entity_id   TEXT,
    before_json TEXT,
    after_json  TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user_id ON audit_log (user_id);
CREATE INDEX audit_log_client_id ON audit_log (client_id);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY CHECK (length(key) > 0),
    value      TEXT,
    is_secret  INTEGER NOT NULL DEFAULT 0 CHECK (is_secret IN (0, 1)),
    updated_at INTEGER NOT NULL
);
