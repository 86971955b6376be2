#include "templaterepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString columns = QStringLiteral(
        "SELECT id, client_id, name, channel, language, subject, body, created_at, updated_at FROM message_templates ");

MessageTemplateRecord readTemplate(const QSqlQuery &q)
{
    MessageTemplateRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.name = q.value(2).toString();
    r.channel = q.value(3).toString();
    r.language = q.value(4).toString();
    r.subject = q.value(5).toString();
    r.body = q.value(6).toString();
    r.createdAt = q.value(7).toLongLong();
    r.updatedAt = q.value(8).toLongLong();
    return r;
}

} // namespace

TemplateRepository::TemplateRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<MessageTemplateRecord> TemplateRepository::find(qint64 clientId, const QString &name, const QString &channel,
                                                         const QString &language) const
{
    if (!m_scope.allows(clientId))
        return Sql::outOfScope();
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            columns + QStringLiteral("WHERE client_id = ? AND name = ? AND channel = ? AND language = ?"),
            { clientId, name, channel, language });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return DbError(DbError::NotFound, QStringLiteral("no template %1/%2/%3").arg(name, channel, language));
    return readTemplate(q.value());
}

DbResult<qint64> TemplateRepository::save(const MessageTemplateRecord &r) const
{
    if (r.clientId == 0 || !m_scope.allows(r.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO message_templates (client_id, name, channel, language, subject, body, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (client_id, name, channel, language) DO UPDATE SET "
                           "subject = excluded.subject, body = excluded.body, updated_at = excluded.updated_at "
                           "RETURNING id"),
            { r.clientId, r.name, r.channel, r.language, Sql::nullIfEmpty(r.subject), r.body, now, now });
}

DbResult<int> TemplateRepository::remove(qint64 clientId, const QString &name, const QString &channel,
                                         const QString &language) const
{
    if (!m_scope.allows(clientId))
        return Sql::outOfScope();
    return Sql::execAffected(m_database,
                             QStringLiteral("DELETE FROM message_templates WHERE client_id = ? AND name = ? "
                                            "AND channel = ? AND language = ?"),
                             { clientId, name, channel, language });
}

DbResult<QList<MessageTemplateRecord>> TemplateRepository::listForClient(qint64 clientId) const
{
    if (!m_scope.allows(clientId))
        return Sql::outOfScope();
    DbResult<QSqlQuery> q = Sql::exec(
            m_database, columns + QStringLiteral("WHERE client_id = ? ORDER BY name, channel, language"), { clientId });
    if (!q.ok())
        return q.error();
    QList<MessageTemplateRecord> rows;
    while (q.value().next())
        rows << readTemplate(q.value());
    return rows;
}

DbResult<QString> TemplateRepository::languageOfLead(qint64 leadId) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT language FROM leads WHERE id = ?")
                                                          + Sql::scopeClause(m_scope),
                                      { leadId });
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toString() : QString();
}

} // namespace Callvia::Models
