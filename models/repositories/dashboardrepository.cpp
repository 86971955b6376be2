#include "dashboardrepository.h"

#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

DashboardRepository::DashboardRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

QString DashboardRepository::clientFilter(const QString &column, qint64 clientId, QVariantList *binds) const
{
    QString sql = Sql::scopeClause(m_scope, column);
    if (clientId > 0) {
        sql += QStringLiteral(" AND %1 = ?").arg(column);
        *binds << clientId;
    }
    return sql;
}

DbResult<DashboardFigures> DashboardRepository::figures(qint64 fromMs, qint64 toMs, qint64 clientId) const
{
    DashboardFigures f;
    auto one = [&](const QString &sql, QVariantList binds, QList<qint64 *> into) -> DbError {
        DbResult<QSqlQuery> q = Sql::exec(m_database, sql, binds);
        if (!q.ok())
            return q.error();
        if (q.value().next()) {
            for (int i = 0; i < into.size(); ++i)
                *into[i] = q.value().value(i).toLongLong();
        }
        return {};
    };
    QVariantList binds { fromMs, toMs };
    QString where = clientFilter(QStringLiteral("client_id"), clientId, &binds);
    if (DbError e = one(QStringLiteral("SELECT COUNT(*), "
                                       "COALESCE(SUM(CASE WHEN status <> 'new' THEN 1 ELSE 0 END), 0), "
                                       "COALESCE(SUM(CASE WHEN status IN ('booked', 'shown', 'no_show') THEN 1 ELSE 0 END), 0), "
                                       "COALESCE(SUM(CASE WHEN status = 'shown' THEN 1 ELSE 0 END), 0) "
                                       "FROM leads WHERE created_at >= ? AND created_at < ?")
                                + where,
                        binds, { &f.leadsAdded, &f.funnelContacted, &f.funnelBooked, &f.funnelShown }))
        return e;
    f.funnelNew = f.leadsAdded;

    binds = { ConnectedMs, fromMs, toMs };
    where = clientFilter(QStringLiteral("client_id"), clientId, &binds);
    if (DbError e = one(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(CASE WHEN COALESCE(in_voicemail, 0) = 0 "
                                       "AND COALESCE(duration_ms, 0) >= ? THEN 1 ELSE 0 END), 0) "
                                       "FROM call_logs WHERE started_at >= ? AND started_at < ?")
                                + where,
                        binds, { &f.callsPlaced, &f.callsConnected }))
        return e;

    binds = { fromMs, toMs };
    where = clientFilter(QStringLiteral("client_id"), clientId, &binds);
    if (DbError e = one(QStringLiteral("SELECT COUNT(*) FROM appointments WHERE created_at >= ? AND created_at < ?") + where,
                        binds, { &f.appointmentsBooked }))
        return e;

    binds = { fromMs, toMs };
    where = clientFilter(QStringLiteral("client_id"), clientId, &binds);
    if (DbError e = one(QStringLiteral("SELECT COALESCE(SUM(CASE WHEN status = 'shown' THEN 1 ELSE 0 END), 0), "
                                       "COALESCE(SUM(CASE WHEN status = 'no_show' THEN 1 ELSE 0 END), 0) "
                                       "FROM appointments WHERE starts_at >= ? AND starts_at < ?")
                                + where,
                        binds, { &f.shown, &f.noShow }))
        return e;

    auto perCurrency = [&](const QString &column, const QString &extra, QHash<QString, qint64> *into) -> DbError {
        QVariantList b { fromMs, toMs };
        const QString w = clientFilter(QStringLiteral("client_id"), clientId, &b);
        DbResult<QSqlQuery> q = Sql::exec(m_database,
                                          QStringLiteral("SELECT currency, SUM(amount_cents) FROM invoices WHERE %1 >= ? "
                                                         "AND %1 < ?%2")
                                                          .arg(column, extra)
                                                  + w + QStringLiteral(" GROUP BY currency"),
                                          b);
        if (!q.ok())
            return q.error();
        while (q.value().next())
            into->insert(q.value().value(0).toString(), q.value().value(1).toLongLong());
        return {};
    };
    if (DbError e = perCurrency(QStringLiteral("created_at"), QStringLiteral(" AND status <> 'void'"), &f.invoicedCents))
        return e;
    if (DbError e = perCurrency(QStringLiteral("paid_at"), QStringLiteral(" AND status = 'paid'"), &f.paidCents))
        return e;
    return f;
}

DbResult<DashboardTimeline> DashboardRepository::timeline(qint64 fromMs, qint64 toMs, qint64 clientId) const
{
    DashboardTimeline t;
    auto buckets = [&](const QString &table, const QString &column, QList<QPair<qint64, qint64>> *into) -> DbError {
        QVariantList binds { fromMs, toMs };
        const QString where = clientFilter(QStringLiteral("client_id"), clientId, &binds);
        // Integer division of a non-negative ms count: the same on SQLite and PostgreSQL (bigint).
        DbResult<QSqlQuery> q = Sql::exec(m_database,
                                          QStringLiteral("SELECT %2 / 900000, COUNT(*) FROM %1 WHERE %2 >= ? AND %2 < ?")
                                                          .arg(table, column)
                                                  + where + QStringLiteral(" GROUP BY %1 / 900000 ORDER BY 1").arg(column),
                                          binds);
        if (!q.ok())
            return q.error();
        while (q.value().next())
            into->append({ q.value().value(0).toLongLong() * 900000, q.value().value(1).toLongLong() });
        return {};
    };
    if (DbError e = buckets(QStringLiteral("call_logs"), QStringLiteral("started_at"), &t.calls))
        return e;
    if (DbError e = buckets(QStringLiteral("appointments"), QStringLiteral("created_at"), &t.appointments))
        return e;
    return t;
}

} // namespace Callvia::Models
