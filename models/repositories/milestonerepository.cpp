#include "milestonerepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

MilestoneRepository::MilestoneRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<qint64> MilestoneRepository::insert(const MilestoneRecord &r) const
{
    if (!m_scope.allows(r.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO milestones (client_id, sequence, shows_required, amount_cents, currency, "
                           "status, reached_at, invoice_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?) RETURNING id"),
            { r.clientId, r.sequence, r.showsRequired, r.amountCents, r.currency, r.status,
              r.reachedAt ? r.reachedAt : now, Sql::nullIfZero(r.invoiceId), r.createdAt ? r.createdAt : now, now });
}

DbResult<QList<MilestoneRecord>> MilestoneRepository::select(const QString &where, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT id, client_id, sequence, shows_required, amount_cents, currency, status, "
                           "reached_at, invoice_id, created_at, updated_at FROM milestones ")
                    + where,
            binds);
    if (!q.ok())
        return q.error();
    QList<MilestoneRecord> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        MilestoneRecord r;
        r.id = s.value(0).toLongLong();
        r.clientId = s.value(1).toLongLong();
        r.sequence = s.value(2).toInt();
        r.showsRequired = s.value(3).toInt();
        r.amountCents = s.value(4).toLongLong();
        r.currency = s.value(5).toString();
        r.status = s.value(6).toString();
        r.reachedAt = s.value(7).toLongLong();
        r.invoiceId = s.value(8).toLongLong();
        r.createdAt = s.value(9).toLongLong();
        r.updatedAt = s.value(10).toLongLong();
        rows << r;
    }
    return rows;
}

DbResult<MilestoneRecord> MilestoneRepository::find(qint64 id) const
{
    DbResult<QList<MilestoneRecord>> rows = select(QStringLiteral("WHERE id = ?") + Sql::scopeClause(m_scope), { id });
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return Sql::outOfScope();
    return rows.value().first();
}

DbResult<QList<MilestoneRecord>> MilestoneRepository::listForClient(qint64 clientId) const
{
    return select(QStringLiteral("WHERE client_id = ?") + Sql::scopeClause(m_scope)
                          + QStringLiteral(" ORDER BY sequence"),
                  { clientId });
}

DbResult<int> MilestoneRepository::markPaidByInvoice(qint64 invoiceId) const
{
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE milestones SET status = 'paid', updated_at = ? WHERE invoice_id = ? "
                                            "AND status IN ('reached', 'invoiced')")
                                     + Sql::scopeClause(m_scope),
                             { m_clock.nowMs(), invoiceId });
}

} // namespace Callvia::Models
