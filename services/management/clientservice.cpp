#include "clientservice.h"

#include "writeguard.h"

#include <models/repositories/clientrepository.h>
#include <models/database.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace Callvia::Services {

using Models::ClientProviderId;
using Models::ClientRecord;
using Models::DbError;
using Models::DbResult;

namespace {

QJsonObject describe(const ClientRecord &c)
{
    return { { QStringLiteral("name"), c.name }, { QStringLiteral("contact_email"), c.contactEmail },
        { QStringLiteral("phone"), c.phone }, { QStringLiteral("stripe_customer_id"), c.stripeCustomerId },
        { QStringLiteral("time_zone"), c.timeZone }, { QStringLiteral("per_minute_rate_cents"), c.perMinuteRateCents },
        { QStringLiteral("currency"), c.currency }, { QStringLiteral("milestone_size"), c.milestoneSize },
        { QStringLiteral("milestone_amount_cents"), c.milestoneAmountCents }, { QStringLiteral("status"), c.status } };
}

QJsonArray describe(const QList<ClientProviderId> &ids)
{
    QJsonArray list;
    for (const ClientProviderId &id : ids)
        list.append(QString(id.provider + QLatin1Char('/') + id.kind + QLatin1Char('=') + id.value));
    return list;
}

QString billingRefusal(const QStringList &fields)
{
    return QStringLiteral("change billing fields (%1)").arg(fields.join(QStringLiteral(", ")));
}

} // namespace

ClientService::ClientService(Models::Database &database, const Models::Clock &clock)
    : m_database(database)
    , m_clock(clock)
    , m_audit(std::make_unique<AuditLog>(database, clock))
{
}

ClientService::~ClientService() = default;

QStringList ClientService::billingChanges(const ClientRecord &before, const ClientRecord &after)
{
    QStringList fields;
    if (before.perMinuteRateCents != after.perMinuteRateCents)
        fields << QStringLiteral("per-minute rate");
    if (before.currency != after.currency)
        fields << QStringLiteral("currency");
    if (before.milestoneSize != after.milestoneSize)
        fields << QStringLiteral("milestone size");
    if (before.milestoneAmountCents != after.milestoneAmountCents)
        fields << QStringLiteral("milestone amount");
    if (before.stripeCustomerId != after.stripeCustomerId)
        fields << QStringLiteral("Stripe customer id");
    return fields;
}

DbResult<qint64> ClientService::create(
    const Session &actor, ClientRecord record, const QList<ClientProviderId> *providerIds) const
{
    const QString action = QStringLiteral("client.create");
    if (!actor.canEdit() || !actor.scope().isAgency())
        return WriteGuard::refuse(*m_audit, actor, action, QStringLiteral("client"), 0, 0, QStringLiteral("create clients"));
    // Staff create clients on the agency's default terms; an administrator sets the billing terms.
    const QStringList billing = billingChanges(m_defaults, record);
    if (!actor.canEditBilling() && !billing.isEmpty())
        return WriteGuard::refuse(*m_audit, actor, action, QStringLiteral("client"), 0, 0, billingRefusal(billing));
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::ClientRepository clients(m_database, m_clock, actor.scope());
    const DbResult<qint64> id = clients.insert(record);
    if (!id.ok())
        return id;
    if (const DbError error = clients.setVerificationDelay(id.value(), m_verificationDelayMinutes))
        return error;
    record.id = id.value();
    QJsonObject after = describe(record);
    if (providerIds) {
        if (const DbError error = writeProviderIds(actor, record.id, *providerIds))
            return error;
        after.insert(QStringLiteral("provider_ids"), describe(*providerIds));
    }
    if (const DbError error = m_audit->record(&actor, action, QStringLiteral("client"), QString::number(record.id),
            {}, after, record.id))
        return error;
    if (const DbError error = transaction.commit())
        return error;
    return id;
}

DbError ClientService::update(
    const Session &actor, const ClientRecord &record, const QList<ClientProviderId> *providerIds) const
{
    const QString action = QStringLiteral("client.update");
    if (!actor.canEdit() || !actor.scope().isAgency())
        return WriteGuard::refuse(*m_audit, actor, action, QStringLiteral("client"), record.id, record.id,
            QStringLiteral("edit clients"));
    std::optional<Models::Transaction> transaction;
    transaction.emplace(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction->isActive())
        return transaction->beginError();
    const Models::ClientRepository clients(m_database, m_clock, actor.scope());
    const DbResult<ClientRecord> before = clients.find(record.id);
    if (!before.ok())
        return before.error();
    const QStringList billing = billingChanges(before.value(), record);
    if (!actor.canEditBilling() && !billing.isEmpty()) {
        transaction.reset(); // roll back first: the denial's audit entry must outlive it
        return WriteGuard::refuse(*m_audit, actor, action, QStringLiteral("client"), record.id, record.id,
            billingRefusal(billing));
    }
    if (const DbError error = clients.update(record))
        return error;
    QJsonObject beforeJson = describe(before.value());
    QJsonObject afterJson = describe(record);
    if (providerIds) {
        const Models::ClientProviderIdRepository repository(m_database, m_clock, actor.scope());
        const DbResult<QList<ClientProviderId>> old = repository.forClient(record.id);
        if (!old.ok())
            return old.error();
        if (const DbError error = writeProviderIds(actor, record.id, *providerIds))
            return error;
        beforeJson.insert(QStringLiteral("provider_ids"), describe(old.value()));
        afterJson.insert(QStringLiteral("provider_ids"), describe(*providerIds));
    }
    if (const DbError error = m_audit->record(&actor, action, QStringLiteral("client"), QString::number(record.id),
            beforeJson, afterJson, record.id))
        return error;
    return transaction->commit();
}

DbError ClientService::setArchived(const Session &actor, qint64 clientId, bool archived) const
{
    const QString action = archived ? QStringLiteral("client.archive") : QStringLiteral("client.restore");
    if (!actor.canEdit() || !actor.scope().isAgency())
        return WriteGuard::refuse(*m_audit, actor, action, QStringLiteral("client"), clientId, clientId,
            archived ? QStringLiteral("archive clients") : QStringLiteral("restore clients"));
    Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const Models::ClientRepository clients(m_database, m_clock, actor.scope());
    const DbResult<ClientRecord> before = clients.find(clientId);
    if (!before.ok())
        return before.error();
    const QString status = archived ? QStringLiteral("archived") : QStringLiteral("active");
    if (const DbError error = clients.setStatus(clientId, status))
        return error;
    if (const DbError error = m_audit->record(&actor, action, QStringLiteral("client"), QString::number(clientId),
            { { QStringLiteral("status"), before.value().status } }, { { QStringLiteral("status"), status } },
            clientId))
        return error;
    return transaction.commit();
}

DbError ClientService::writeProviderIds(
    const Session &actor, qint64 clientId, const QList<ClientProviderId> &providerIds) const
{
    QList<ClientProviderId> ids = providerIds;
    for (ClientProviderId &id : ids)
        id.clientId = clientId;
    return Models::ClientProviderIdRepository(m_database, m_clock, actor.scope()).replaceForClient(clientId, ids);
}

} // namespace Callvia::Services
