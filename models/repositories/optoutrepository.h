#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

// One row of the internal do-not-call list as the DNC section shows it: the opt-out plus what
// migration 030 keeps (hashes of an erased person, who added it, an administrator's removal).
struct DncEntry
{
    OptOutRecord optOut; // phone/e-mail empty once the person was erased
    QString phoneSha256;
    QString emailSha256;
    QString addedBy;
    qint64 erasedAt = 0;
    qint64 removedAt = 0; // set: added by mistake, no longer blocking, kept
    QString removedBy;
    QString removedReason;
};

// What the DNC section asks for: search matches the phone, e-mail or reason (a substring);
// removed entries only when asked.
struct DncQuery
{
    QString search;
    bool includeRemoved = false;
    int limit = 500;
    int offset = 0;
};

// Opt-outs (do-not-contact) by E.164 phone or e-mail. A row with client_id NULL applies to
// every client; channel `all` covers sms, call and email. Every sender asks isOptedOut()
// before it sends, whatever scope it runs in: agency-wide rows always count.
class OptOutRepository final
{
public:
    OptOutRepository(Database &database, const Clock &clock, TenantScope scope);

    // Records the opt-out unless the same (client, phone, email, channel) is already there.
    // Returns whether a row was written. Email is stored lower-case.
    DbResult<bool> add(const OptOutRecord &record) const;
    // address: an E.164 number or an e-mail (contains '@'); channel: sms | call | email;
    // clientId 0 = only agency-wide opt-outs count.
    DbResult<bool> isOptedOut(const QString &address, const QString &channel, qint64 clientId) const;
    DbResult<QList<OptOutRecord>> list() const;

    // --- issue 25 item 3: the internal DNC list ---
    // SHA-256 (lower-case hex) of an E.164 number or a lower-cased, trimmed e-mail: what an
    // erased person's rows keep (migration 030).
    static QString addressHash(const QString &address);
    // The DNC section's page, newest first. A client scope sees only its client's own entries
    // (agency-wide rows hold other clients' contacts).
    DbResult<QList<DncEntry>> entries(const DncQuery &query) const;
    DbResult<qint64> countEntries(const DncQuery &query) const;
    // Marks an entry removed (it stops blocking; the row stays). Only entries with source manual
    // or import may be removed, i.e. added by mistake by a person: a contact's own opt-out
    // (sms_reply, call_outcome, email_unsubscribe) keeps blocking. Returns the entry as it was.
    DbResult<DncEntry> markRemoved(qint64 id, const QString &by, const QString &reason) const;
    // A lead's erasure: every opt-out row with this phone or e-mail (any client) keeps only the
    // hash of it. Returns how many rows were changed.
    DbResult<int> eraseAddresses(const QString &phoneE164, const QString &email) const;
    // Who added the entries written from now on (the DNC section's user); empty = nobody named.
    void setAddedBy(const QString &username) { m_addedBy = username; }

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
    QString m_addedBy;

    QString entryWhere(const DncQuery &query, QVariantList *binds) const;
};

} // namespace Callvia::Models
