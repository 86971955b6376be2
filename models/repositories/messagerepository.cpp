#include "messagerepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QHash>

namespace Callvia::Models {

namespace {

const QHash<QString, int> &ranks()
{
    static const QHash<QString, int> table {
        { QStringLiteral("received"), 0 }, { QStringLiteral("queued"), 0 },   { QStringLiteral("sent"), 1 },
        { QStringLiteral("buffered"), 2 }, { QStringLiteral("deferred"), 2 }, { QStringLiteral("delivered"), 3 },
        { QStringLiteral("bounced"), 4 },  { QStringLiteral("dropped"), 4 },  { QStringLiteral("failed"), 4 },
        { QStringLiteral("expired"), 4 },  { QStringLiteral("opened"), 5 },   { QStringLiteral("clicked"), 6 },
        { QStringLiteral("spam"), 7 },     { QStringLiteral("unsubscribed"), 7 },
    };
    return table;
}

QString rankSql()
{
    QString sql = QStringLiteral("(CASE status");
    for (auto it = ranks().cbegin(); it != ranks().cend(); ++it)
        sql += QStringLiteral(" WHEN '%1' THEN %2").arg(it.key()).arg(it.value());
    return sql + QStringLiteral(" ELSE -1 END)");
}

// NOT NULL text columns: a null QString would bind as SQL NULL.
QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

MessageRecord readMessage(const QSqlQuery &q)
{
    MessageRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.leadId = q.value(2).toLongLong();
    r.appointmentId = q.value(3).toLongLong();
    r.outboxId = q.value(4).toLongLong();
    r.channel = q.value(5).toString();
    r.direction = q.value(6).toString();
    r.toAddress = q.value(7).toString();
    r.fromAddress = q.value(8).toString();
    r.subject = q.value(9).toString();
    r.body = q.value(10).toString();
    r.templateName = q.value(11).toString();
    r.status = q.value(12).toString();
    r.provider = q.value(13).toString();
    r.providerMessageId = q.value(14).toString();
    r.error = q.value(15).toString();
    r.sentAt = q.value(16).toLongLong();
    r.deliveredAt = q.value(17).toLongLong();
    r.createdAt = q.value(18).toLongLong();
    r.updatedAt = q.value(19).toLongLong();
    return r;
}

} // namespace

MessageRepository::MessageRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

int MessageRepository::statusRank(const QString &status)
{
    return ranks().value(status, -1);
}

DbResult<qint64> MessageRepository::insert(const MessageRecord &r) const
{
    if (r.clientId != 0 && !m_scope.allows(r.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO messages (client_id, lead_id, appointment_id, outbox_id, channel, direction, "
                           "to_address, from_address, subject, body, template, status, provider, provider_message_id, "
                           "error, sent_at, delivered_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { Sql::nullIfZero(r.clientId), Sql::nullIfZero(r.leadId), Sql::nullIfZero(r.appointmentId),
              Sql::nullIfZero(r.outboxId), r.channel, r.direction, nonNull(r.toAddress), Sql::nullIfEmpty(r.fromAddress),
              Sql::nullIfEmpty(r.subject), nonNull(r.body), Sql::nullIfEmpty(r.templateName), r.status,
              Sql::nullIfEmpty(r.provider), Sql::nullIfEmpty(r.providerMessageId), Sql::nullIfEmpty(r.error),
              Sql::nullIfZero(r.sentAt), Sql::nullIfZero(r.deliveredAt), r.createdAt ? r.createdAt : now, now });
}

DbResult<QList<MessageRecord>> MessageRepository::select(const QString &where, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT id, client_id, lead_id, appointment_id, outbox_id, channel, direction, to_address, "
                           "from_address, subject, body, template, status, provider, provider_message_id, error, "
                           "sent_at, delivered_at, created_at, updated_at FROM messages ")
                    + where,
            binds);
    if (!q.ok())
        return q.error();
    QList<MessageRecord> rows;
    while (q.value().next())
        rows << readMessage(q.value());
    return rows;
}

DbResult<MessageRecord> MessageRepository::find(qint64 id) const
{
    DbResult<QList<MessageRecord>> rows = select(QStringLiteral("WHERE id = ?") + Sql::scopeClause(m_scope), { id });
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return Sql::outOfScope();
    return rows.value().first();
}

DbResult<QList<MessageRecord>> MessageRepository::findByProviderId(const QString &provider,
                                                                    const QString &providerMessageId) const
{
    return select(QStringLiteral("WHERE provider = ? AND provider_message_id = ?") + Sql::scopeClause(m_scope)
                          + QStringLiteral(" ORDER BY id DESC"),
                  { provider, providerMessageId });
}

DbResult<int> MessageRepository::applyDeliveryStatus(const QString &provider, const QString &providerMessageId,
                                                     const QString &status, qint64 atMs, const QString &error) const
{
    const int rank = statusRank(status);
    if (rank < 0)
        return DbError(DbError::Invalid, QStringLiteral("unknown message status: ") + status);
    const QVariant at = Sql::nullIfZero(atMs);
    const bool delivered = status == QLatin1String("delivered") || rank >= 5; // opened/clicked imply delivery
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE messages SET status = ?, error = COALESCE(CAST(? AS TEXT), error), updated_at = ? "
                           "WHERE provider = ? AND provider_message_id = ? AND ")
                    + rankSql() + QStringLiteral(" < CAST(? AS INTEGER)") + Sql::scopeClause(m_scope),
            { status, Sql::nullIfEmpty(error), m_clock.nowMs(), provider, providerMessageId, rank });
    if (!n.ok())
        return n.error();
    // The timestamps fill in once, whatever order the reports came in.
    if (!at.isNull() && (delivered || status == QLatin1String("sent"))) {
        const QString column = delivered ? QStringLiteral("delivered_at") : QStringLiteral("sent_at");
        DbResult<int> t = Sql::execAffected(
                m_database,
                QStringLiteral("UPDATE messages SET %1 = ? WHERE provider = ? AND provider_message_id = ? "
                               "AND %1 IS NULL")
                                .arg(column)
                        + Sql::scopeClause(m_scope),
                { at, provider, providerMessageId });
        if (!t.ok())
            return t.error();
    }
    return n.value();
}

DbResult<QList<MessageRecord>> MessageRepository::listForAppointment(qint64 appointmentId) const
{
    return select(QStringLiteral("WHERE appointment_id = ?") + Sql::scopeClause(m_scope)
                          + QStringLiteral(" ORDER BY created_at DESC, id DESC"),
                  { appointmentId });
}

DbResult<QList<MessageRecord>> MessageRepository::listForLead(qint64 leadId) const
{
    return select(QStringLiteral("WHERE lead_id = ?") + Sql::scopeClause(m_scope)
                          + QStringLiteral(" ORDER BY created_at DESC, id DESC"),
                  { leadId });
}

DbError MessageRepository::setOutboxId(qint64 messageId, qint64 outboxId) const
{
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE messages SET outbox_id = ?, updated_at = ? WHERE id = ?")
                                                + Sql::scopeClause(m_scope),
                                        { outboxId, m_clock.nowMs(), messageId });
    if (!n.ok())
        return n.error();
    return n.value() == 1 ? DbError() : Sql::outOfScope();
}

} // namespace Callvia::Models
