-- Issue 22: the show check looks for a call with the lead by the lead id or by the attendee's phone.
-- On an outbound call the lead's phone is to_number (from_number is the agency's own number, the
-- same on nearly every row); on an inbound call it is from_number. Indexes over both columns for
-- every row made the planner see from_number = ? as matching the whole table and scan calls by
-- start time instead (4 ms an appointment at 100,000 appointments): index each column only for the
-- direction where it holds the lead's number, and match by direction.
DROP INDEX call_logs_to_number;
DROP INDEX call_logs_from_number;
CREATE INDEX call_logs_outbound_to ON call_logs (to_number) WHERE direction = 'outbound';
CREATE INDEX call_logs_inbound_from ON call_logs (from_number) WHERE direction = 'inbound';

-- The "did they show?" e-mail is due for an ended open appointment that has none yet. Found by an
-- anti-join (NOT EXISTS client_confirmations), every pass read every open ended appointment: with
-- 100,000 appointments due at once (the app off for two days) that is a full scan per pass. The
-- moment the e-mail was queued or skipped is now on the appointment, and a partial index holds
-- exactly the appointments still waiting for one.
ALTER TABLE appointments ADD COLUMN show_check_at INTEGER;
UPDATE appointments SET show_check_at = (SELECT cc.created_at FROM client_confirmations cc WHERE cc.appointment_id = appointments.id)
    WHERE id IN (SELECT appointment_id FROM client_confirmations);
CREATE INDEX appointments_show_check_due ON appointments (ends_at) WHERE status IN ('pending', 'scheduled') AND show_check_at IS NULL;

-- The lead's YES behind a "lead confirmed" verdict is the newest inbound SMS from the lead's number:
-- without an index on the sender, each look-up scanned every inbound message (all sent to the
-- agency's one number), quadratic when many verdicts fall due at once.
CREATE INDEX messages_inbound_from ON messages (from_address, created_at) WHERE direction = 'inbound';

-- rebook_sequences.lead_id is ON DELETE SET NULL: without an index, deleting a lead scanned the
-- whole table for it (bulk delete of leads, issue 23).
CREATE INDEX rebook_sequences_lead ON rebook_sequences (lead_id);
