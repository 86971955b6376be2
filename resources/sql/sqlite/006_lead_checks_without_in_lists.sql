-- callvia: foreign_keys off
-- Lead imports evaluate every CHECK of leads once per row. SQLite compiles a CHECK of the form
-- `x IN (list of more than two constants)` into a temporary b-tree that is built again each
-- time an INSERT statement runs, which made the two IN lists below about an eighth of the
-- CPU of inserting a lead (BENCHMARKS.md). The same constraints written as OR chains of
-- equalities are compared in place. The rows allowed are exactly the same; only the
-- spelling changes.
--
-- SQLite cannot change a CHECK in place: this is the table rebuild of
-- https://www.sqlite.org/lang_altertable.html#otheralter. The runner turns foreign keys off
-- for it (so dropping the old table deletes nothing and cascades nowhere; the tables that
-- reference leads keep referring to it by name) and runs PRAGMA foreign_key_check before
-- committing.
CREATE TABLE leads_rebuilt (
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
    status            TEXT NOT NULL DEFAULT 'new' CHECK (status = 'new' OR status = 'dnc'
                          OR status = 'contacted' OR status = 'callback' OR status = 'booked'
                          OR status = 'shown' OR status = 'no_show' OR status = 'not_interested'),
    callback_at       INTEGER,
    call_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (call_attempts >= 0),
    last_contacted_at INTEGER,
    consent_type      TEXT CHECK (consent_type IS NULL OR consent_type = 'written'
                          OR consent_type = 'verbal' OR consent_type = 'none'),
    consent_at        INTEGER,
    consent_source    TEXT,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL)
);
INSERT INTO leads_rebuilt (id, client_id, campaign_id, first_name, last_name, phone_e164, phone_extension,
                           email, company, time_zone, region, notes, custom_fields, status, callback_at,
                           call_attempts, last_contacted_at, consent_type, consent_at, consent_source,
                           created_at, updated_at)
SELECT id, client_id, campaign_id, first_name, last_name, phone_e164, phone_extension,
       email, company, time_zone, region, notes, custom_fields, status, callback_at,
       call_attempts, last_contacted_at, consent_type, consent_at, consent_source,
       created_at, updated_at
FROM leads;
DROP TABLE leads;
ALTER TABLE leads_rebuilt RENAME TO leads;
CREATE INDEX leads_campaign_status ON leads (campaign_id, status);
CREATE INDEX leads_client_campaign_status ON leads (client_id, campaign_id, status);
CREATE UNIQUE INDEX leads_phone_client_unique ON leads (phone_e164, client_id) WHERE phone_e164 IS NOT NULL;
CREATE UNIQUE INDEX leads_email_client_unique ON leads (email, client_id) WHERE email IS NOT NULL;
