-- Issue 25 item 3: the internal do-not-call list (opt_outs) is kept at least five years and
-- survives a lead's erasure as a hash. An erased person's rows keep only the SHA-256 (hex) of
-- the E.164 number and of the lower-case e-mail; lookups match the clear value or its hash.
-- An entry added by mistake (manual or import) may be marked removed by an administrator: it
-- stops blocking but the row stays (who, when and why), and the audit log says so too.
ALTER TABLE opt_outs ADD COLUMN phone_sha256 TEXT;
ALTER TABLE opt_outs ADD COLUMN email_sha256 TEXT;
ALTER TABLE opt_outs ADD COLUMN added_by TEXT;
ALTER TABLE opt_outs ADD COLUMN erased_at BIGINT;
ALTER TABLE opt_outs ADD COLUMN removed_at BIGINT;
ALTER TABLE opt_outs ADD COLUMN removed_by TEXT;
ALTER TABLE opt_outs ADD COLUMN removed_reason TEXT;
ALTER TABLE opt_outs DROP CONSTRAINT opt_outs_check;
ALTER TABLE opt_outs ADD CONSTRAINT opt_outs_address_check
    CHECK (phone_e164 IS NOT NULL OR email IS NOT NULL OR phone_sha256 IS NOT NULL OR email_sha256 IS NOT NULL);
UPDATE opt_outs SET phone_sha256 = encode(sha256(convert_to(phone_e164, 'UTF8')), 'hex') WHERE phone_e164 IS NOT NULL;
UPDATE opt_outs SET email_sha256 = encode(sha256(convert_to(email, 'UTF8')), 'hex') WHERE email IS NOT NULL;
CREATE INDEX opt_outs_phone_sha256 ON opt_outs (phone_sha256) WHERE phone_sha256 IS NOT NULL;
CREATE INDEX opt_outs_email_sha256 ON opt_outs (email_sha256) WHERE email_sha256 IS NOT NULL;
CREATE INDEX opt_outs_created_at ON opt_outs (created_at);

-- The yes/no answer for client sessions (008) now also matches an erased person's hash and
-- ignores entries an administrator removed as added by mistake.
CREATE OR REPLACE FUNCTION callvia_is_opted_out(p_address TEXT, p_channel TEXT, p_client BIGINT) RETURNS BOOLEAN LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    me callvia_logins;
    for_client BIGINT := p_client;
    address TEXT := trim(p_address);
    digest TEXT;
BEGIN
    me := callvia_caller();
    IF pg_has_role(session_user, 'callvia_client', 'MEMBER') AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN
        for_client := me.client_id;
        IF for_client IS NULL THEN
            RETURN false;
        END IF;
    END IF;
    IF position('@' IN address) > 0 THEN
        address := lower(address);
    END IF;
    digest := encode(sha256(convert_to(address, 'UTF8')), 'hex');
    RETURN EXISTS (SELECT 1 FROM opt_outs o
                   WHERE (o.phone_e164 = address OR o.email = address OR o.phone_sha256 = digest OR o.email_sha256 = digest)
                     AND o.removed_at IS NULL
                     AND (o.channel = 'all' OR o.channel = p_channel)
                     AND (o.client_id IS NULL OR o.client_id = for_client));
END
$$;
