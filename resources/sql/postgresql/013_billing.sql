-- Milestone and usage billing (issue 22, items 4-6).
-- milestones.flag: something an admin must look at, e.g. 'credit_note_needed' (a correction
-- dropped the shows still counted below what was invoiced); flag_reason says why, in words.
-- Nothing issued is changed: the flag is the only trace. payment_error: the last
-- invoice.payment_failed for the milestone's invoice (cleared by nothing; paid moves the status).
ALTER TABLE milestones ADD COLUMN flag TEXT CHECK (flag IS NULL OR flag IN ('credit_note_needed'));
ALTER TABLE milestones ADD COLUMN flag_reason TEXT;
ALTER TABLE milestones ADD COLUMN flagged_at BIGINT;
ALTER TABLE milestones ADD COLUMN payment_error TEXT;

-- invoices.stripe_step: where the invoice is in its chain of Stripe calls (each an outbox row):
--   held      nothing sent: hold_reason says why (no billing e-mail and no Stripe customer)
--   customer  waiting for POST /v1/customers (once per client, key customer:<client>)
--   invoice   waiting for POST /v1/invoices (draft, metadata names client, milestone, invoice)
--   item      waiting for POST /v1/invoiceitems on that draft
--   finalize  waiting for POST /v1/invoices/{id}/finalize
--   send      waiting for POST /v1/invoices/{id}/send
--   done      sent by Stripe
-- NULL = not billed through Stripe (manual invoices, rows older than this migration).
-- stripe_key: the outbox idempotency key of the step being waited for. A failed step keeps its
-- step and key; last_error carries Stripe's message until an admin retries the outbox row.
ALTER TABLE invoices ADD COLUMN stripe_step TEXT CHECK (stripe_step IS NULL OR stripe_step IN ('held', 'customer',
    'invoice', 'item', 'finalize', 'send', 'done'));
ALTER TABLE invoices ADD COLUMN stripe_key TEXT;
ALTER TABLE invoices ADD COLUMN hold_reason TEXT;
-- billing_ref: what the invoice bills, 'milestone:<client>:<sequence>' or 'usage:<client>:<YYYY-MM>'
-- (the month in the client's time zone); unique, so nothing is invoiced twice, and the prefix of
-- every Stripe idempotency key of the invoice ('<billing_ref>:<step>').
ALTER TABLE invoices ADD COLUMN billing_ref TEXT;
CREATE UNIQUE INDEX invoices_billing_ref_unique ON invoices (billing_ref) WHERE billing_ref IS NOT NULL;
-- Usage invoices: the line summary in numbers (calls, billed seconds) beside description's words.
ALTER TABLE invoices ADD COLUMN usage_calls BIGINT;
ALTER TABLE invoices ADD COLUMN usage_seconds BIGINT;

-- The milestone pass counts and links a client's shown appointments not yet in a milestone.
CREATE INDEX appointments_unbilled_shows ON appointments (client_id, ends_at, id)
    WHERE status = 'shown' AND milestone_id IS NULL;
-- The correction check: linked appointments no longer shown (few; a milestone links only shows).
CREATE INDEX appointments_billed_not_shown ON appointments (milestone_id)
    WHERE milestone_id IS NOT NULL AND status <> 'shown';
-- The Stripe pass looks only at invoices still in their chain.
CREATE INDEX invoices_stripe_pending ON invoices (stripe_key) WHERE stripe_step IS NOT NULL AND stripe_step <> 'done';
-- The usage pass finds each client's unbilled records.
CREATE INDEX usage_records_unbilled ON usage_records (client_id, occurred_at) WHERE invoice_id IS NULL;

-- Row-level security and grants (008): the new columns belong to tables whose tenant_isolation
-- policies and table-level grants already cover every column (agency groups read and write,
-- callvia_client reads its own client's milestones and invoices). No new table, no new grant.
