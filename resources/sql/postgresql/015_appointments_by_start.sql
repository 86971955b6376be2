-- Issue 21/24: the appointments view reads a month of appointments by start time across every
-- client the viewer may see; appointments_client_starts serves one client, this serves the rest.
CREATE INDEX appointments_starts_at ON appointments (starts_at);
