-- Callvia schema, version 3 (PostgreSQL): the event processor's "no earlier pending event with
-- the same ordering key" check (EventRepository::processable) looked at every earlier event of
-- the key, processed ones included, for each pending candidate; with a backlog on busy keys a
-- batch took seconds and the backlog fed itself (bench_soak, issue 11). A partial index over
-- the pending events only keeps the check to the key's open events.
CREATE INDEX events_pending_ordering ON events (ordering_key, id) WHERE status = 'pending';
