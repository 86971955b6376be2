-- An agency-wide opt-out (client_id NULL: a STOP to any client, a national DNC entry) binds
-- every client's leads, so a client user's session must be able to READ it: without this
-- policy row-level security hid those rows and a client user's import dry-run counted such a
-- number as importable. Writing one stays agency-only (tenant_isolation's WITH CHECK).
-- Permissive policies are OR-ed: this widens SELECT on opt_outs only.
CREATE POLICY agency_opt_outs_readable ON opt_outs FOR SELECT USING (client_id IS NULL);
