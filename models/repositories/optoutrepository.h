#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>

namespace Callvia::Models {

class Clock;
class Database;

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

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
