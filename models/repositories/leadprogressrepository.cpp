#include "leadprogressrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QStringList>

namespace Callvia::Models {

namespace {

const QStringList &statusOrder()
{
    static const QStringList order { QStringLiteral("new"),     QStringLiteral("contacted"),
                                     QStringLiteral("callback"), QStringLiteral("not_interested"),
                                     QStringLiteral("no_show"), QStringLiteral("booked"),
                                     QStringLiteral("shown"),   QStringLiteral("dnc") };
    return order;
}

// The same precedence as statusRank, as SQL over the `status` column.
QString rankSql()
{
    QString sql = QStringLiteral("(CASE status");
    const QStringList &order = statusOrder();
    for (int i = 0; i < order.size(); ++i)
        sql += QStringLiteral(" WHEN '%1' THEN %2").arg(order.at(i)).arg(i);
    return sql + QStringLiteral(" ELSE -1 END)");
}

} // namespace

LeadProgressRepository::LeadProgressRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

int LeadProgressRepository::statusRank(const QString &status)
{
    return static_cast<int>(statusOrder().indexOf(status));
}

DbResult<bool> LeadProgressRepository::advanceStatus(qint64 leadId, const QString &status, qint64 callbackAt) const
{
    const int rank = statusRank(status);
    if (rank < 0)
        return DbError(DbError::Invalid, QStringLiteral("unknown lead status: ") + status);
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE leads SET status = ?, callback_at = COALESCE(CAST(? AS BIGINT), callback_at), "
                           "updated_at = ? WHERE id = ? AND ")
                    + rankSql() + QStringLiteral(" < CAST(? AS INTEGER)") + Sql::scopeClause(m_scope),
            { status, Sql::nullIfZero(callbackAt), m_clock.nowMs(), leadId, rank });
    if (!n.ok())
        return n.error();
    return n.value() > 0;
}

DbResult<int> LeadProgressRepository::markDoNotContactByPhone(const QString &phoneE164) const
{
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE leads SET status = 'dnc', updated_at = ? WHERE phone_e164 = ? "
                                            "AND status <> 'dnc'")
                                     + Sql::scopeClause(m_scope),
                             { m_clock.nowMs(), phoneE164 });
}

DbError LeadProgressRepository::noteContacted(qint64 leadId, qint64 atMs) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE leads SET last_contacted_at = ?, updated_at = ? WHERE id = ? "
                           "AND (last_contacted_at IS NULL OR last_contacted_at < ?)")
                    + Sql::scopeClause(m_scope),
            { atMs, m_clock.nowMs(), leadId, atMs });
    return n.ok() ? DbError() : n.error();
}

} // namespace Callvia::Models
