#include "campaignservice.h"

#include "writeguard.h"

#include <models/repositories/callingsettingsrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/dialerrepository.h>
#include <models/database.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>

#include <QJsonObject>

namespace Callvia::Services {

using Models::CampaignRecord;
using Models::DbError;
using Models::DbResult;

namespace {

QJsonObject describe(const CampaignRecord &c)
{
    return { { QStringLiteral("client_id"), c.clientId }, { QStringLiteral("name"), c.name },
        { QStringLiteral("description"), c.description }, { QStringLiteral("status"), c.status },
        { QStringLiteral("default_region"), c.defaultRegion }, { QStringLiteral("retell_agent_id"), c.retellAgentId },
        { QStringLiteral("from_number"), c.fromNumber }, { QStringLiteral("daily_call_limit"), c.dailyCallLimit } };
}

const QString entity = QStringLiteral("campaign");

} // namespace

CampaignService::CampaignService(Models::Database &database, const Models::Clock &clock)
    : m_database(database)
    , m_clock(clock)
    , m_audit(std::make_unique<AuditLog>(database, clock))
{
}

CampaignService::~CampaignService() = default;

qint64 CampaignService::clientOf(qint64 campaignId) const
{
    const DbResult<CampaignRecord> found
        = Models::CampaignRepository(m_database, m_clock, Models::TenantScope::agency()).find(campaignId);
    return found.ok() ? found.value().clientId : 0;
}

DbResult<qint64> CampaignService::create(const Session &actor, const CampaignRecord &record) const
{
    const QString action = QStringLiteral("campaign.create");
    if (!actor.canEdit() || !actor.scope().isAgency())
        return WriteGuard::refuse(
            *m_audit, actor, action, entity, 0, record.clientId, QStringLiteral("create campaigns"));
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const DbResult<qint64> id = Models::CampaignRepository(m_database, m_clock, actor.scope()).insert(record);
    if (!id.ok())
        return id;
    if (const DbError error = m_audit->record(
            &actor, action, entity, QString::number(id.value()), {}, describe(record), record.clientId))
        return error;
    if (const DbError error = transaction.commit())
        return error;
    return id;
}

DbError CampaignService::update(const Session &actor, const CampaignRecord &record) const
{
    const QString action = QStringLiteral("campaign.update");
    if (!actor.canEdit() || !actor.scope().isAgency())
        return WriteGuard::refuse(
            *m_audit, actor, action, entity, record.id, clientOf(record.id), QStringLiteral("edit campaigns"));
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::CampaignRepository campaigns(m_database, m_clock, actor.scope());
    const DbResult<CampaignRecord> before = campaigns.find(record.id);
    if (!before.ok())
        return before.error();
    if (const DbError error = campaigns.update(record))
        return error;
    if (const DbError error = m_audit->record(&actor, action, entity, QString::number(record.id),
            describe(before.value()), describe(record), before.value().clientId))
        return error;
    return transaction.commit();
}

DbError CampaignService::pause(const Session &actor, qint64 campaignId) const
{
    return changeStatus(actor, campaignId, QStringLiteral("campaign.pause"), QStringLiteral("paused"));
}

DbError CampaignService::resume(const Session &actor, qint64 campaignId) const
{
    return changeStatus(actor, campaignId, QStringLiteral("campaign.resume"), QStringLiteral("active"));
}

DbError CampaignService::archive(const Session &actor, qint64 campaignId) const
{
    return changeStatus(actor, campaignId, QStringLiteral("campaign.archive"), QStringLiteral("archived"));
}

DbResult<Models::CampaignCallingSettings> CampaignService::callingSettings(const Session &actor, qint64 campaignId) const
{
    return Models::CallingSettingsRepository(m_database, m_clock, actor.scope()).find(campaignId);
}

DbError CampaignService::saveCallingSettings(const Session &actor, const Models::CampaignCallingSettings &s) const
{
    const QString action = QStringLiteral("campaign.calling_settings");
    if (!actor.canEdit() || !actor.scope().isAgency())
        return WriteGuard::refuse(*m_audit, actor, action, entity, s.campaignId, clientOf(s.campaignId),
            QStringLiteral("edit campaigns"));
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::CallingSettingsRepository repository(m_database, m_clock, actor.scope());
    const DbResult<Models::CampaignCallingSettings> before = repository.find(s.campaignId);
    if (!before.ok())
        return before.error();
    if (const DbError error = repository.save(s))
        return error;
    const auto describeSettings = [](const Models::CampaignCallingSettings &c) {
        return QJsonObject { { QStringLiteral("calling_days"), c.callingDays },
            { QStringLiteral("window"), QStringLiteral("%1-%2").arg(c.windowStartMinute).arg(c.windowEndMinute) },
            { QStringLiteral("max_concurrent_calls"), c.maxConcurrentCalls },
            { QStringLiteral("calls_per_minute"), c.callsPerMinute }, { QStringLiteral("max_attempts"), c.maxAttempts },
            { QStringLiteral("callable_statuses"), c.callableStatuses.join(QLatin1Char(',')) },
            { QStringLiteral("consent_required"), c.consentRequired },
            { QStringLiteral("national_dnc_snapshot"), c.nationalDncSnapshot.toString(Qt::ISODate) } };
    };
    if (const DbError error = m_audit->record(&actor, action, entity, QString::number(s.campaignId),
            describeSettings(before.value()), describeSettings(s), before.value().clientId))
        return error;
    return transaction.commit();
}

DbError CampaignService::changeStatus(
    const Session &actor, qint64 campaignId, const QString &action, const QString &status) const
{
    const QString verb = action.mid(action.indexOf(QLatin1Char('.')) + 1);
    if (!actor.canEdit() || !actor.scope().isAgency())
        return WriteGuard::refuse(*m_audit, actor, action, entity, campaignId, clientOf(campaignId),
            verb + QStringLiteral(" campaigns"));
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::CampaignRepository campaigns(m_database, m_clock, actor.scope());
    const DbResult<CampaignRecord> before = campaigns.find(campaignId);
    if (!before.ok())
        return before.error();
    if (before.value().status == QLatin1String("archived"))
        return { DbError::Invalid,
            QStringLiteral("Campaign %1 is archived: it cannot be changed to %2.").arg(before.value().name, status) };
    if (const DbError error = campaigns.setStatus(campaignId, status))
        return error;
    // A paused campaign stops dialing at once (the dialer's next pass cancels what still waits in
    // the outbox); an archived one stops for good.
    if (status == QLatin1String("paused") || status == QLatin1String("archived")) {
        const Models::DialerRepository dialer(m_database, m_clock, Models::TenantScope::agency());
        const DbResult<Models::DialerCampaignState> dialing = dialer.state(campaignId);
        if (!dialing.ok())
            return dialing.error();
        if (dialing.value().state == QLatin1String("running")
            || (status == QLatin1String("archived") && dialing.value().state == QLatin1String("paused"))) {
            const bool archived = status == QLatin1String("archived");
            if (const DbError error = dialer.setState(campaignId, archived ? QStringLiteral("stopped") : QStringLiteral("paused"),
                    archived ? QString() : QStringLiteral("The campaign was paused.")))
                return error;
        }
    }
    if (const DbError error = m_audit->record(&actor, action, entity, QString::number(campaignId),
            { { QStringLiteral("status"), before.value().status } }, { { QStringLiteral("status"), status } },
            before.value().clientId))
        return error;
    return transaction.commit();
}

} // namespace Callvia::Services
