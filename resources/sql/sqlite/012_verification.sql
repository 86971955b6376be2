-- Show verification, client confirmation link, no-show rebook (issue 22 items 1-3).
-- Client settings of the verification (defaults from the design): the verdict comes
-- verification_delay_minutes after the appointment's end; a call verifies a show when it lasted
-- more than verification_min_call_seconds and started between verification_window_before_minutes
-- before the start and the end. booking_url: where a no-show picks a new time (the rebook texts);
-- language: the client's own language (the confirmation e-mail and its answer page).
ALTER TABLE clients ADD COLUMN verification_delay_minutes INTEGER NOT NULL DEFAULT 2880 CHECK (verification_delay_minutes >= 0);
ALTER TABLE clients ADD COLUMN verification_min_call_seconds INTEGER NOT NULL DEFAULT 45 CHECK (verification_min_call_seconds >= 0);
ALTER TABLE clients ADD COLUMN verification_window_before_minutes INTEGER NOT NULL DEFAULT 30 CHECK (verification_window_before_minutes >= 0);
ALTER TABLE clients ADD COLUMN booking_url TEXT;
ALTER TABLE clients ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) = 2);

-- Who decided the current verdict: automatic (the pass), client (the confirmation link), manual
-- (staff). A late call log after a no-show verdict flags the appointment for review instead.
ALTER TABLE appointments ADD COLUMN verdict_source TEXT CHECK (verdict_source IS NULL OR verdict_source IN ('automatic', 'client', 'manual'));
ALTER TABLE appointments ADD COLUMN review_reason TEXT;
ALTER TABLE appointments ADD COLUMN review_flagged_at INTEGER;

-- Every verdict and correction with its evidence (JSON naming the row behind it); the latest
-- row of an appointment is its current verdict. decided_by NULL = automatic.
CREATE TABLE appointment_verdicts (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointments (id) ON DELETE CASCADE,
    client_id      INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    rule           TEXT NOT NULL CHECK (rule IN ('client_confirmed', 'lead_confirmed', 'call_verified', 'no_show', 'manual')),
    verdict        TEXT NOT NULL CHECK (verdict IN ('shown', 'no_show')),
    source         TEXT NOT NULL CHECK (source IN ('automatic', 'client', 'manual')),
    evidence       TEXT NOT NULL,
    decided_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at     INTEGER NOT NULL,
    reason         TEXT
);
CREATE INDEX appointment_verdicts_appointment ON appointment_verdicts (appointment_id, id);
CREATE INDEX appointment_verdicts_client ON appointment_verdicts (client_id);

-- The one "did they show?" e-mail per appointment to the client; answered once by its link.
CREATE TABLE client_confirmations (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointments (id) ON DELETE CASCADE,
    client_id      INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    status         TEXT NOT NULL CHECK (status IN ('queued', 'skipped', 'answered')),
    reason         TEXT,
    to_address     TEXT,
    outbox_id      INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
    expires_at     INTEGER NOT NULL,
    answer         TEXT CHECK (answer IS NULL OR answer IN ('yes', 'no')),
    answered_at    INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE INDEX client_confirmations_client ON client_confirmations (client_id);

-- The no-show rebook sequence of an appointment: step 0 SMS at once, 1 e-mail after 2 days,
-- 2 final SMS after 4 days; ended by a new booking, an opt-out, a manual stop or a verdict
-- corrected to shown (ended_reason), or completed.
CREATE TABLE rebook_sequences (
    id             INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL UNIQUE REFERENCES appointments (id) ON DELETE CASCADE,
    client_id      INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    lead_id        INTEGER REFERENCES leads (id) ON DELETE SET NULL,
    phone_e164     TEXT,
    email          TEXT,
    status         TEXT NOT NULL CHECK (status IN ('active', 'completed', 'ended')),
    next_step      INTEGER NOT NULL DEFAULT 0 CHECK (next_step BETWEEN 0 AND 3),
    next_due_at    INTEGER,
    started_at     INTEGER NOT NULL,
    ended_reason   TEXT CHECK (ended_reason IS NULL OR ended_reason IN ('new_booking', 'opted_out', 'manual_stop', 'verdict_shown')),
    ended_detail   TEXT,
    ended_by       INTEGER REFERENCES users (id) ON DELETE SET NULL,
    ended_at       INTEGER,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX rebook_sequences_due ON rebook_sequences (next_due_at) WHERE status = 'active';
CREATE INDEX rebook_sequences_client ON rebook_sequences (client_id);

-- Each step of a sequence: queued (with its outbox row) or skipped with the reason.
CREATE TABLE rebook_steps (
    id          INTEGER PRIMARY KEY,
    sequence_id INTEGER NOT NULL REFERENCES rebook_sequences (id) ON DELETE CASCADE,
    client_id   INTEGER REFERENCES clients (id) ON DELETE CASCADE,
    step        INTEGER NOT NULL CHECK (step BETWEEN 0 AND 2),
    channel     TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    status      TEXT NOT NULL CHECK (status IN ('queued', 'skipped')),
    reason      TEXT,
    outbox_id   INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
    at          INTEGER NOT NULL,
    UNIQUE (sequence_id, step)
);
CREATE INDEX rebook_steps_client ON rebook_steps (client_id);

-- The verification pass finds appointments still waiting for a verdict by their end.
CREATE INDEX appointments_open_ends ON appointments (ends_at) WHERE status IN ('pending', 'scheduled');
CREATE INDEX call_logs_to_number ON call_logs (to_number);
CREATE INDEX call_logs_from_number ON call_logs (from_number);
