#pragma once

#include <models/dberror.h>
#include <models/records.h>

#include <QList>
#include <QStringList>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;
class Session;

// One lead edited by hand (issue 23, lead detail): every field a person may set, validated (the
// phone re-normalized with the import's LeadNormalizer, NANP area codes newer than the library
// kept and flagged; e-mail shape; time zone; a status transition that makes sense; no other lead
// of the client with the same phone or e-mail), then written with its audit row ("lead.update",
// before and after) in one transaction. Admin and staff edit; client users change no lead
// (SECURITY.md): refused, nothing changed, audited as permission.denied. Blocking: run it on a
// worker thread. Owns its AuditLog.
class LeadEditService final
{
    Q_DISABLE_COPY_MOVE(LeadEditService)
public:
    struct Outcome
    {
        Models::LeadRecord lead; // as stored
        bool changed = false; // false: nothing differed, nothing written
        bool unknownAreaCode = false; // the phone's NANP area code is in no phone data we have
    };
    // A status change read back from the audit log.
    struct StatusChange
    {
        qint64 at = 0;
        QString from;
        QString to;
        QString username;
    };

    LeadEditService(Models::Database &database, const Models::Clock &clock,
                    QString defaultRegion = QStringLiteral("US"));
    ~LeadEditService();

    // The statuses a person may give a lead that has `from` (from itself included). DNC stays
    // DNC (compliance.md); booked and shown follow their appointments, so by hand only to DNC;
    // booked, shown and no-show are never set by hand.
    static QStringList statusTargets(const QString &from);

    // Saves `edited` (found by its id in the actor's scope; its client, call counters and
    // timestamps are kept from the stored row). phoneText: the phone as typed, in any format
    // (empty: no phone). A bad field gives DbError::Invalid naming it; nothing is written.
    Models::DbResult<Outcome> save(const Session &actor, Models::LeadRecord edited, const QString &phoneText) const;
    // The lead's status changes recorded by save(), oldest first.
    Models::DbResult<QList<StatusChange>> statusHistory(const Session &actor, qint64 leadId) const;

private:
    Models::DbError validate(const Models::LeadRecord &before, Models::LeadRecord &edited, const QString &phoneText,
                             const Session &actor, bool *unknownAreaCode) const;
    Models::DbError checkUnique(const Session &actor, const Models::LeadRecord &lead) const;
    Models::DbError optOut(const Session &actor, const Models::LeadRecord &lead) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    QString m_region;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace Callvia::Services
