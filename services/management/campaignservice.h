#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/repositories/callingsettingsrepository.h>

#include <memory>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class AuditLog;
class Session;

// The one door for changing campaigns: create, edit, pause, resume, archive. Checks the acting
// session (admin and staff may; client users may not), applies the change in the session's tenant
// scope and writes the audit entry in the same transaction. Owns its AuditLog.
class CampaignService final
{
    Q_DISABLE_COPY_MOVE(CampaignService)
public:
    CampaignService(Models::Database &database, const Models::Clock &clock);
    ~CampaignService();

    Models::DbResult<qint64> create(const Session &actor, const Models::CampaignRecord &record) const;
    Models::DbError update(const Session &actor, const Models::CampaignRecord &record) const;
    // active -> paused; an archived campaign is neither paused nor resumed.
    Models::DbError pause(const Session &actor, qint64 campaignId) const;
    // paused or draft -> active.
    Models::DbError resume(const Session &actor, qint64 campaignId) const;
    Models::DbError archive(const Session &actor, qint64 campaignId) const;
    // The campaign's calling settings (issue 25 item 1), in the actor's scope; saving them is
    // validated (the message names the field) and audited like the other campaign changes.
    Models::DbResult<Models::CampaignCallingSettings> callingSettings(const Session &actor, qint64 campaignId) const;
    Models::DbError saveCallingSettings(const Session &actor, const Models::CampaignCallingSettings &settings) const;

private:
    Models::DbError changeStatus(const Session &actor, qint64 campaignId, const QString &action,
        const QString &status) const;
    // The campaign's client for an audit entry of a refused change (0 when it is not found).
    qint64 clientOf(qint64 campaignId) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace Callvia::Services
