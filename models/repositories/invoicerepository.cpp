#include "invoicerepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
        "SELECT id, client_id, kind, stripe_invoice_id, number, status, amount_cents, currency, description, "
        "period_start, period_end, hosted_url, due_at, sent_at, paid_at, last_error, created_at, updated_at "
        "FROM invoices ");

InvoiceRecord readInvoice(const QSqlQuery &q)
{
    InvoiceRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.kind = q.value(2).toString();
    r.stripeInvoiceId = q.value(3).toString();
    r.number = q.value(4).toString();
    r.status = q.value(5).toString();
    r.amountCents = q.value(6).toLongLong();
    r.currency = q.value(7).toString();
    r.description = q.value(8).toString();
    r.periodStart = q.value(9).toLongLong();
    r.periodEnd = q.value(10).toLongLong();
    r.hostedUrl = q.value(11).toString();
    r.dueAt = q.value(12).toLongLong();
    r.sentAt = q.value(13).toLongLong();
    r.paidAt = q.value(14).toLongLong();
    r.lastError = q.value(15).toString();
    r.createdAt = q.value(16).toLongLong();
    r.updatedAt = q.value(17).toLongLong();
    return r;
}

const QString rankSql = QStringLiteral("(CASE status WHEN 'draft' THEN 0 WHEN 'open' THEN 1 WHEN 'uncollectible' "
                                       "THEN 2 WHEN 'paid' THEN 3 WHEN 'void' THEN 3 ELSE -1 END)");

} // namespace

InvoiceRepository::InvoiceRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

int InvoiceRepository::statusRank(const QString &status)
{
    if (status == QLatin1String("draft"))
        return 0;
    if (status == QLatin1String("open"))
        return 1;
    if (status == QLatin1String("uncollectible"))
        return 2;
    if (status == QLatin1String("paid") || status == QLatin1String("void"))
        return 3;
    return -1;
}

DbResult<qint64> InvoiceRepository::insert(const InvoiceRecord &r) const
{
    if (!m_scope.allows(r.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO invoices (client_id, kind, stripe_invoice_id, number, status, amount_cents, "
                           "currency, description, period_start, period_end, hosted_url, due_at, sent_at, paid_at, "
                           "last_error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?) RETURNING id"),
            { r.clientId, r.kind, Sql::nullIfEmpty(r.stripeInvoiceId), Sql::nullIfEmpty(r.number), r.status,
              r.amountCents, r.currency, Sql::nullIfEmpty(r.description), Sql::nullIfZero(r.periodStart),
              Sql::nullIfZero(r.periodEnd), Sql::nullIfEmpty(r.hostedUrl), Sql::nullIfZero(r.dueAt),
              Sql::nullIfZero(r.sentAt), Sql::nullIfZero(r.paidAt), Sql::nullIfEmpty(r.lastError),
              r.createdAt ? r.createdAt : now, now });
}

DbResult<InvoiceRecord> InvoiceRepository::findWhere(const QString &where, const QVariant &bind) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, selectColumns + where + Sql::scopeClause(m_scope), { bind });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return Sql::outOfScope();
    return readInvoice(q.value());
}

DbResult<InvoiceRecord> InvoiceRepository::find(qint64 id) const
{
    return findWhere(QStringLiteral("WHERE id = ?"), id);
}

DbResult<InvoiceRecord> InvoiceRepository::findByStripeId(const QString &stripeInvoiceId) const
{
    return findWhere(QStringLiteral("WHERE stripe_invoice_id = ?"), stripeInvoiceId);
}

DbResult<bool> InvoiceRepository::applyProviderStatus(qint64 id, const StatusUpdate &u) const
{
    const int rank = statusRank(u.status);
    if (rank < 0)
        return DbError(DbError::Invalid, QStringLiteral("unknown invoice status: ") + u.status);
    DbResult<QSqlQuery> before = Sql::exec(m_database, QStringLiteral("SELECT status FROM invoices WHERE id = ?")
                                                               + Sql::scopeClause(m_scope),
                                           { id });
    if (!before.ok())
        return before.error();
    if (!before.value().next())
        return Sql::outOfScope();
    const bool advances = statusRank(before.value().value(0).toString()) < rank;
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE invoices SET status = CASE WHEN ") + rankSql
                    + QStringLiteral(" < CAST(? AS INTEGER) THEN CAST(? AS TEXT) ELSE status END, "
                                     "stripe_invoice_id = COALESCE(stripe_invoice_id, CAST(? AS TEXT)), "
                                     "number = COALESCE(number, CAST(? AS TEXT)), "
                                     "hosted_url = COALESCE(hosted_url, CAST(? AS TEXT)), "
                                     "sent_at = COALESCE(sent_at, CAST(? AS BIGINT)), "
                                     "paid_at = COALESCE(paid_at, CAST(? AS BIGINT)), "
                                     "last_error = CASE WHEN status IN ('paid', 'void') THEN last_error "
                                     "ELSE COALESCE(CAST(? AS TEXT), last_error) END, updated_at = ? WHERE id = ?")
                    + Sql::scopeClause(m_scope),
            { rank, u.status, Sql::nullIfEmpty(u.stripeInvoiceId), Sql::nullIfEmpty(u.number),
              Sql::nullIfEmpty(u.hostedUrl), Sql::nullIfZero(u.sentAt), Sql::nullIfZero(u.paidAt),
              Sql::nullIfEmpty(u.error), m_clock.nowMs(), id });
    if (!n.ok())
        return n.error();
    return advances;
}

} // namespace Callvia::Models
