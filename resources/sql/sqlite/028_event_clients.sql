-- Issue 24: a client's users see the webhook events applied for their client. The handler sets
-- client_id when it attributes an event (Retell agent or number, Cal.com event type or organizer,
-- MessageBird number, the message or invoice an event reports on); events stored before this
-- migration, and unattributed ones, have none and stay agency-only. A client's removal keeps
-- the agency's journal (SET NULL).
ALTER TABLE events ADD COLUMN client_id INTEGER REFERENCES clients (id) ON DELETE SET NULL;
CREATE INDEX events_client ON events (client_id, id) WHERE client_id IS NOT NULL;
