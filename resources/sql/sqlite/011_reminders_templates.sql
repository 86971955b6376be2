-- Reminders, templates and replies (issue 21).
-- reminders.reason: why a reminder was skipped, cancelled or failed (shown to staff).
-- reminders.appointment_starts_at: the appointment start the reminder was planned (and, once
-- queued, sent) for, so a reschedule to another time plans it again while a repeated event
-- for the same time never sends it twice.
ALTER TABLE reminders ADD COLUMN reason TEXT;
ALTER TABLE reminders ADD COLUMN appointment_starts_at INTEGER;
UPDATE reminders SET appointment_starts_at = due_at + offset_minutes * 60000;

-- A lead's preferred language (ISO 639-1, lower case: en, de, es); NULL = unknown.
ALTER TABLE leads ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) = 2);

-- When the lead confirmed the appointment by replying YES to a reminder.
ALTER TABLE appointments ADD COLUMN lead_confirmed_at INTEGER;

-- Per-client overrides of the default message templates (resources/templates/*.json).
CREATE TABLE message_templates (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    channel    TEXT NOT NULL CHECK (channel = 'sms' OR channel = 'email'),
    language   TEXT NOT NULL CHECK (length(language) = 2),
    subject    TEXT,
    body       TEXT NOT NULL CHECK (length(trim(body)) > 0),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (client_id, name, channel, language)
);

-- The scheduler asks for the earliest scheduled reminder on every wake.
CREATE INDEX reminders_scheduled_due ON reminders (due_at) WHERE status = 'scheduled';

-- A reply (YES, STOP) is matched to the latest reminder sent to its number.
CREATE INDEX messages_to_address ON messages (to_address, created_at);
