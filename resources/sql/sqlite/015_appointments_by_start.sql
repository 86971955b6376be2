-- Issue 21/24: the appointments view reads a month of appointments by start time across every
-- client the viewer may see; appointments_client_starts serves one client, this serves the rest.
CREATE INDEX appointments_starts_at ON appointments (starts_at);
-- The dashboard (issue 23) counts leads added, appointments booked and invoices raised in a period.
CREATE INDEX leads_created_at ON leads (created_at);
CREATE INDEX appointments_created_at ON appointments (created_at);
CREATE INDEX invoices_created_at ON invoices (created_at);
-- The leads view (issue 23) finds a lead by the start of a name in any case.
CREATE INDEX leads_first_name_lower ON leads (lower(first_name));
CREATE INDEX leads_last_name_lower ON leads (lower(last_name));
