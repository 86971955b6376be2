-- callvia: foreign_keys off
-- Issue 25 item 3: the internal do-not-call list (opt_outs) is kept at least five years and
-- survives a lead's erasure as a hash. An erased person's rows keep only the SHA-256 (hex) of
-- the E.164 number and of the lower-case e-mail; lookups match the clear value or its hash.
-- An entry added by mistake (manual or import) may be marked removed by an administrator: it
-- stops blocking but the row stays (who, when and why), and the audit log says so too.
--
-- The CHECK that wanted a clear phone or e-mail must also accept a hash-only row: SQLite cannot
-- change a CHECK in place, so this is the table rebuild of 006 (foreign keys off, checked
-- before the commit). Nothing references opt_outs.
CREATE TABLE opt_outs_rebuilt (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    phone_e164     TEXT,
    email          TEXT,
    channel        TEXT NOT NULL DEFAULT 'all' CHECK (channel IN ('all', 'sms', 'call', 'email')),
    source         TEXT NOT NULL CHECK (source IN ('sms_reply', 'call_outcome', 'manual', 'import', 'email_unsubscribe')),
    reason         TEXT,
    created_at     INTEGER NOT NULL,
    phone_sha256   TEXT,
    email_sha256   TEXT,
    added_by       TEXT,
    erased_at      INTEGER,
    removed_at     INTEGER,
    removed_by     TEXT,
    removed_reason TEXT,
    CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL OR phone_sha256 IS NOT NULL OR email_sha256 IS NOT NULL)
);
INSERT INTO opt_outs_rebuilt (id, client_id, phone_e164, email, channel, source, reason, created_at)
    SELECT id, client_id, phone_e164, email, channel, source, reason, created_at FROM opt_outs;
DROP TABLE opt_outs;
ALTER TABLE opt_outs_rebuilt RENAME TO opt_outs;
CREATE INDEX opt_outs_phone ON opt_outs (phone_e164);
CREATE INDEX opt_outs_email ON opt_outs (email);
CREATE INDEX opt_outs_client_id ON opt_outs (client_id);
CREATE INDEX opt_outs_phone_sha256 ON opt_outs (phone_sha256) WHERE phone_sha256 IS NOT NULL;
CREATE INDEX opt_outs_email_sha256 ON opt_outs (email_sha256) WHERE email_sha256 IS NOT NULL;
CREATE INDEX opt_outs_created_at ON opt_outs (created_at);
