#include "auditlog.h"

#include "session.h"

#include <models/repositories/auditrepository.h>
#include <models/clock.h>

#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAudit, "callvia.audit")

namespace Callvia::Services {

namespace {

// Defence in depth: a snapshot field that looks like a secret is never written.
QString snapshot(QJsonObject object)
{
    if (object.isEmpty())
        return {};
    for (auto it = object.begin(); it != object.end(); ++it) {
        const QString key = it.key().toLower();
        if (key.contains(QLatin1String("password")) || key.contains(QLatin1String("secret"))
            || key.contains(QLatin1String("token")) || key.contains(QLatin1String("api_key")))
            it.value() = QStringLiteral("***");
    }
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

} // namespace

AuditLog::AuditLog(Models::Database &database, const Models::Clock &clock)
    : m_database(database)
    , m_clock(clock)
{
}

Models::DbError AuditLog::record(const Session *actor, const QString &action, const QString &entity,
    const QString &entityId, const QJsonObject &before, const QJsonObject &after, qint64 clientId) const
{
    Models::AuditRecord entry;
    if (actor) {
        entry.userId = actor->userId();
        entry.username = actor->username();
        if (clientId == 0)
            clientId = actor->clientId();
    }
    entry.clientId = clientId;
    entry.action = action;
    entry.entity = entity;
    entry.entityId = entityId;
    entry.beforeJson = snapshot(before);
    entry.afterJson = snapshot(after);
    entry.at = m_clock.nowMs();
    const Models::TenantScope scope
        = clientId == 0 ? Models::TenantScope::agency() : Models::TenantScope::client(clientId);
    const Models::DbResult<qint64> id = Models::AuditRepository(m_database, scope).insert(entry);
    if (!id.ok())
        qCWarning(lcAudit).noquote() << "audit entry" << action << "not written:" << id.error().message();
    return id.ok() ? Models::DbError() : id.error();
}

} // namespace Callvia::Services
