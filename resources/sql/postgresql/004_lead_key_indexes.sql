-- Lead imports insert into every index of leads row by row, and an index on a random key
-- (a phone number, an e-mail) costs the most. The two per-client unique indexes and the two
-- global lookup indexes held the same keys twice: one unique index keyed phone first (and
-- e-mail first) enforces "one lead per phone (e-mail) per client" AND serves the lookups
-- by phone or e-mail alone (webhooks, opt-outs) through its leading column.
DROP INDEX leads_client_phone_unique;
DROP INDEX leads_client_email_unique;
DROP INDEX leads_phone;
DROP INDEX leads_email;
CREATE UNIQUE INDEX leads_phone_client_unique ON leads (phone_e164, client_id) WHERE phone_e164 IS NOT NULL;
CREATE UNIQUE INDEX leads_email_client_unique ON leads (email, client_id) WHERE email IS NOT NULL;
