-- Outbox dispatch (issue 21): when a retried row may go again, which provider answered and with
-- what HTTP status. due_at keeps its meaning (when the effect is wanted); a retry never moves it.
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;
ALTER TABLE outbox ADD COLUMN provider TEXT;
ALTER TABLE outbox ADD COLUMN http_status INTEGER;
-- The dispatcher claims pending rows of one kind in due order.
CREATE INDEX outbox_pending_kind_due ON outbox (kind, due_at, id) WHERE status = 'pending';
-- The next moment a pending row becomes ready (a retry's next_attempt_at is always after its due_at).
CREATE INDEX outbox_pending_ready ON outbox (COALESCE(next_attempt_at, due_at)) WHERE status = 'pending';
-- The few unknown and in-flight rows, without scanning the table (the dispatcher's next wake-up).
CREATE INDEX outbox_unknown_next ON outbox (COALESCE(next_attempt_at, 0)) WHERE status = 'unknown';
CREATE INDEX outbox_in_flight_claimed ON outbox (claimed_at) WHERE status = 'in_flight';
-- The admin console's lists by state, newest first.
CREATE INDEX outbox_status_updated ON outbox (status, updated_at);
