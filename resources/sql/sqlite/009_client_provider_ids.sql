-- Client-first attribution of webhook events (issue 20 item 2). A provider event finds its
-- client from what the provider vouches for (our own call metadata, the Retell agent or number,
-- the Cal.com event type or organizer, the MessageBird number that received a message) mapped
-- here to one client; only then is a lead matched, within that client. `value` is stored
-- normalized (E.164 numbers, lower-case organizers): Services::ClientAttribution::normalize.
CREATE TABLE client_provider_ids (
    id         INTEGER PRIMARY KEY,
    client_id  INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    provider   TEXT NOT NULL CHECK (provider = 'retell' OR provider = 'calcom' OR provider = 'messagebird'),
    kind       TEXT NOT NULL CHECK (kind = 'agent_id' OR kind = 'number' OR kind = 'event_type_id' OR kind = 'organizer'),
    value      TEXT NOT NULL CHECK (length(value) > 0),
    created_at INTEGER NOT NULL,
    UNIQUE (provider, kind, value)
);
CREATE INDEX client_provider_ids_client ON client_provider_ids (client_id);

-- An event that maps to no client is stored and processed without effect, flagged here (the
-- admin console lists them; last_error says which ids were not mapped). A replay clears it.
ALTER TABLE events ADD COLUMN unattributed INTEGER NOT NULL DEFAULT 0 CHECK (unattributed = 0 OR unattributed = 1);
CREATE INDEX events_unattributed ON events (unattributed, id) WHERE unattributed = 1;
