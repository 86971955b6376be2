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

namespace {

Models::AuditRecord toRecord(const Session *actor, const AuditLog::Entry &e, qint64 at)
{
    Models::AuditRecord entry;
    qint64 clientId = e.clientId;
    if (actor) {
        entry.userId = actor->userId();
        entry.username = actor->username();
        if (clientId == 0)
            clientId = actor->clientId();
    }
    entry.clientId = clientId;
    entry.action = e.action;
    entry.entity = e.entity;
    entry.entityId = e.entityId;
    entry.beforeJson = snapshot(e.before);
    entry.afterJson = snapshot(e.after);
    entry.at = at;
    return entry;
}

} // namespace

Models::DbError AuditLog::record(const Session *actor, const QString &action, const QString &entity,
    const QString &entityId, const QJsonObject &before, const QJsonObject &after, qint64 clientId) const
{
    const Models::AuditRecord entry = toRecord(actor, { action, entity, entityId, before, after, clientId }, m_clock.nowMs());
    const Models::TenantScope scope
        = entry.clientId == 0 ? Models::TenantScope::agency() : Models::TenantScope::client(entry.clientId);
    const Models::DbResult<qint64> id = Models::AuditRepository(m_database, scope).insert(entry);
    if (!id.ok())
        qCWarning(lcAudit).noquote() << "audit entry" << action << "not written:" << id.error().message();
    return id.ok() ? Models::DbError() : id.error();
}

Models::DbError AuditLog::recordAll(const Session *actor, const QList<Entry> &entries) const
{
    const qint64 at = m_clock.nowMs();
    QList<Models::AuditRecord> records;
    records.reserve(entries.size());
    for (const Entry &e : entries)
        records << toRecord(actor, e, at);
    const Models::DbError error = Models::AuditRepository(m_database, Models::TenantScope::agency()).insertMany(records);
    if (error)
        qCWarning(lcAudit).noquote() << entries.size() << "audit entries not written:" << error.message();
    return error;
}

} // namespace Callvia::Services
