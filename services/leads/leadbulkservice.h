#pragma once

#include <models/dberror.h>
#include <models/repositories/leadrepository.h>

#include <QJsonObject>
#include <QStringList>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;
class Session;

// Bulk actions on leads (issue 23 item 4): on a selection (query.ids) or on all that match the
// filter. Admin and staff may change status, mark DNC (each lead's number and e-mail go on its
// client's opt-out list) and move leads to another campaign of the same client; only admins delete.
// Client users make no bulk writes. A refused action changes nothing and is audited as
// permission.denied; a done one writes one audit entry with the filter and the counts. Writes go in
// chunks of LeadRepository::BulkChunk rows, each its own short transaction, so 100,000 rows never
// hold SQLite's write lock for long (a failure stops at a chunk boundary; the entry says how far
// it got). Blocking: run it off the GUI thread. Owns its AuditLog.
class LeadBulkService final
{
    Q_DISABLE_COPY_MOVE(LeadBulkService)
public:
    struct Outcome
    {
        qint64 matched = 0; // leads the selection or filter named, in the actor's scope
        qint64 changed = 0; // of those, changed (a status that may not move so is skipped)
        qint64 optOuts = 0; // markDnc: opt-out entries added
    };

    LeadBulkService(Models::Database &database, const Models::Clock &clock);
    ~LeadBulkService();

    // The statuses a bulk change may set (booked, shown and no_show come from appointments,
    // dnc only through markDnc), and the statuses a lead may leave for `status` (never dnc).
    static QStringList statusTargets();
    static QStringList sourcesFor(const QString &status);

    Models::DbResult<Outcome> changeStatus(const Session &actor, const Models::LeadQuery &selection,
                                           const QString &status) const;
    Models::DbResult<Outcome> markDnc(const Session &actor, const Models::LeadQuery &selection) const;
    Models::DbResult<Outcome> moveToCampaign(const Session &actor, const Models::LeadQuery &selection,
                                             qint64 campaignId) const;
    Models::DbResult<Outcome> remove(const Session &actor, const Models::LeadQuery &selection) const;
    // A privacy request (issue 25 item 3), administrators only: each lead's number and e-mail go
    // on its client's opt-out list, then every opt-out row with them keeps only their SHA-256
    // hash (it still blocks), then the lead is deleted with what belongs to it. outcome.optOuts:
    // opt-out rows reduced to a hash.
    Models::DbResult<Outcome> erase(const Session &actor, const Models::LeadQuery &selection) const;

private:
    struct Matched
    {
        QList<Models::LeadKey> keys;
        qint64 clientId = 0; // the one client of every key, or 0 when they span clients
    };
    Models::DbResult<Matched> match(const Session &actor, const Models::LeadQuery &selection) const;
    // Runs write(chunk) over the keys, BulkChunk at a time, each chunk in its own transaction.
    template<typename Write>
    Models::DbError inChunks(const QList<Models::LeadKey> &keys, Write write) const;
    Models::DbError refuse(const Session &actor, const QString &action, const Models::LeadQuery &selection,
                           const QString &what) const;
    void audit(const Session &actor, const QString &action, const Models::LeadQuery &selection, const Matched &matched,
               const Outcome &outcome, QJsonObject extra, const Models::DbError &error) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace Callvia::Services
