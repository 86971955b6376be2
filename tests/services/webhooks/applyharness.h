#pragma once

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/leadrepository.h>
#include <models/sqlhelpers.h>
#include <services/webhooks/clientattribution.h>
#include <services/webhooks/providerhandler.h>

#include <QSqlQuery>
#include <QUrlQuery>
#include <QVariant>

// Drives handlers exactly as the event processor will: identify() the request, build the
// EventRecord each stored `events` row would give, open a transaction, apply(), commit.
namespace Callvia::Tests {

// Returns "" on success, else the identify / apply / commit error.
// With `eventIds`, each event is first stored in `events` (as the listener does) so apply() can
// flag it; the ids are appended.
inline QString deliver(Services::ProviderHandler &handler, Models::Database &db, const QByteArray &body,
                       const QUrlQuery &query = {}, QList<Services::IncomingEvent> *identified = nullptr,
                       QList<qint64> *eventIds = nullptr)
{
    QList<Services::IncomingEvent> events;
    QString error;
    if (!handler.identify(body, query, &events, &error))
        return QStringLiteral("identify: ") + error;
    if (identified)
        *identified = events;
    for (const Services::IncomingEvent &incoming : events) {
        Models::EventRecord record;
        record.provider = handler.provider();
        record.providerEventId = incoming.providerEventId;
        record.eventType = incoming.eventType;
        record.orderingKey = incoming.orderingKey;
        record.rawBody = incoming.rawBody;
        if (eventIds) {
            const Models::DbResult<qint64> id = Models::Sql::insertReturningId(
                    db,
                    QStringLiteral("INSERT INTO events (provider, provider_event_id, event_type, received_at, raw_body) "
                                   "VALUES (?, ?, ?, 1, ?) RETURNING id"),
                    { record.provider, record.providerEventId, record.eventType, record.rawBody });
            if (!id.ok())
                return QStringLiteral("store: ") + id.error().message();
            record.id = id.value();
            eventIds->append(record.id);
        }
        Models::Transaction transaction(db);
        if (transaction.beginError())
            return QStringLiteral("begin: ") + transaction.beginError().message();
        if (Models::DbError applyError = handler.apply(record))
            return QStringLiteral("apply: ") + applyError.message();
        if (Models::DbError commitError = transaction.commit())
            return QStringLiteral("commit: ") + commitError.message();
    }
    return {};
}

inline qint64 addClient(Models::Database &db, const Models::Clock &clock, const QString &name, qint64 rate = 20)
{
    Models::ClientRecord client;
    client.name = name;
    client.perMinuteRateCents = rate;
    const Models::DbResult<qint64> id = Models::ClientRepository(db, clock, Models::TenantScope::agency()).insert(client);
    return id.ok() ? id.value() : 0;
}

// Maps a provider id to the client (the client settings' "trusted ids", normalized as the client
// dialog stores them); false on error.
inline bool mapProviderId(Models::Database &db, const Models::Clock &clock, qint64 clientId, const QString &provider,
                          const QString &kind, const QString &raw)
{
    QString error;
    const QString value = Services::ClientAttribution::normalize(provider, kind, raw, &error);
    if (value.isEmpty())
        return false;
    const Models::ClientProviderIdRepository repository(db, clock, Models::TenantScope::agency());
    Models::DbResult<QList<Models::ClientProviderId>> ids = repository.forClient(clientId);
    if (!ids.ok())
        return false;
    ids.value().append({ clientId, provider, kind, value });
    return !repository.replaceForClient(clientId, ids.value());
}

inline qint64 addCampaign(Models::Database &db, const Models::Clock &clock, qint64 clientId, const QString &name)
{
    Models::CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = name;
    const Models::DbResult<qint64> id = Models::CampaignRepository(db, clock, Models::TenantScope::agency()).insert(campaign);
    return id.ok() ? id.value() : 0;
}

inline qint64 addLead(Models::Database &db, const Models::Clock &clock, qint64 clientId, qint64 campaignId,
                      const QString &phone, const QString &email = {}, const QString &status = QStringLiteral("new"))
{
    Models::LeadRecord lead;
    lead.clientId = clientId;
    lead.campaignId = campaignId;
    lead.firstName = QStringLiteral("Ana");
    lead.phoneE164 = phone;
    lead.email = email;
    lead.status = status;
    const Models::DbResult<qint64> id = Models::LeadRepository(db, clock, Models::TenantScope::agency()).insert(lead);
    return id.ok() ? id.value() : 0;
}

inline QString leadStatus(Models::Database &db, const Models::Clock &clock, qint64 leadId)
{
    const Models::DbResult<Models::LeadRecord> lead = Models::LeadRepository(db, clock, Models::TenantScope::agency()).find(leadId);
    return lead.ok() ? lead.value().status : QStringLiteral("<missing>");
}

// One number from direct SQL, for counts that read clearer than a repository call.
inline qint64 scalar(Models::Database &db, const QString &sql, const QVariantList &binds = {})
{
    Models::DbResult<QSqlQuery> q = Models::Sql::exec(db, sql, binds);
    if (!q.ok() || !q.value().next())
        return -1;
    return q.value().value(0).toLongLong();
}

} // namespace Callvia::Tests
