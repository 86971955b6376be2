-- The processor's "no earlier pending event with the same ordering key" check must not walk
-- every processed event of a busy key (an invoice or a booking with thousands of events):
-- a partial index over pending events only keeps it a single index probe.
CREATE INDEX events_pending_ordering ON events (ordering_key, id) WHERE status = 'pending';
