#include "billingrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString unlinkedShown = QStringLiteral("status = 'shown' AND milestone_id IS NULL");
const QString notShownLinked = QStringLiteral("milestone_id IS NOT NULL AND status <> 'shown'");

// Statuses a milestone moves to from a webhook, by rank: it never goes back.
int milestoneRank(const QString &status)
{
    if (status == QLatin1String("reached"))
        return 0;
    if (status == QLatin1String("invoiced"))
        return 1;
    if (status == QLatin1String("paid") || status == QLatin1String("void"))
        return 2;
    return -1;
}

} // namespace

BillingRepository::BillingRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<BillingClient> BillingRepository::readClient(qint64 clientId, bool lock) const
{
    if (!m_scope.allows(clientId))
        return Sql::outOfScope();
    const QString forUpdate = lock && !m_database.isSqlite() ? QStringLiteral(" FOR UPDATE") : QString();
    BillingClient c;
    bool found = false;
    if (DbError error = Sql::forEachRow(
                m_database,
                QStringLiteral("SELECT id, name, contact_email, phone, stripe_customer_id, time_zone, per_minute_rate_cents, "
                               "currency, milestone_size, milestone_amount_cents FROM clients WHERE id = ?")
                        + forUpdate,
                { clientId }, [&](const QSqlQuery &s) {
                    found = true;
                    c.id = s.value(0).toLongLong();
                    c.name = s.value(1).toString();
                    c.contactEmail = s.value(2).toString().trimmed();
                    c.phone = s.value(3).toString();
                    c.stripeCustomerId = s.value(4).toString();
                    c.timeZone = s.value(5).toString();
                    c.perMinuteRateCents = s.value(6).toLongLong();
                    c.currency = s.value(7).toString();
                    c.milestoneSize = s.value(8).toInt();
                    c.milestoneAmountCents = s.value(9).toLongLong();
                }))
        return error;
    if (!found)
        return DbError(DbError::NotFound, QStringLiteral("no client %1").arg(clientId));
    return c;
}

DbResult<BillingClient> BillingRepository::lockClient(qint64 clientId) const
{
    return readClient(clientId, true);
}

DbResult<BillingClient> BillingRepository::client(qint64 clientId) const
{
    return readClient(clientId, false);
}

DbResult<QString> BillingRepository::adoptStripeCustomer(qint64 clientId, const QString &customerId) const
{
    DbResult<QSqlQuery> owner = Sql::exec(m_database,
                                          QStringLiteral("SELECT id FROM clients WHERE stripe_customer_id = ? AND id <> ?"),
                                          { customerId, clientId });
    if (!owner.ok())
        return owner.error();
    if (owner.value().next())
        return DbError(DbError::Invalid, QStringLiteral("Stripe customer %1 already belongs to client %2")
                                                 .arg(customerId)
                                                 .arg(owner.value().value(0).toLongLong()));
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE clients SET stripe_customer_id = ?, updated_at = ? "
                                                       "WHERE id = ? AND stripe_customer_id IS NULL")
                                                + Sql::scopeClause(m_scope, QStringLiteral("id")),
                                        { customerId, m_clock.nowMs(), clientId });
    if (!n.ok())
        return n.error();
    DbResult<BillingClient> c = client(clientId);
    if (!c.ok())
        return c.error();
    return c.value().stripeCustomerId;
}

DbResult<QList<qint64>> BillingRepository::clientsWithDueMilestone(int limit) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT c.id FROM clients c JOIN (SELECT client_id, COUNT(*) AS n FROM appointments WHERE ")
                    + unlinkedShown
                    + QStringLiteral(" GROUP BY client_id) a ON a.client_id = c.id "
                                     "WHERE a.n >= c.milestone_size")
                    + Sql::scopeClause(m_scope, QStringLiteral("c.id")) + QStringLiteral(" ORDER BY c.id LIMIT ?"),
            { limit });
    if (!q.ok())
        return q.error();
    QList<qint64> ids;
    while (q.value().next())
        ids << q.value().value(0).toLongLong();
    return ids;
}

DbResult<qint64> BillingRepository::unlinkedShows(qint64 clientId) const
{
    DbResult<QVariant> n = Sql::firstValue(
            m_database,
            QStringLiteral("SELECT COUNT(*) FROM appointments WHERE client_id = ? AND ") + unlinkedShown
                    + Sql::scopeClause(m_scope),
            { clientId });
    if (!n.ok())
        return n.error();
    return n.value().toLongLong();
}

DbResult<int> BillingRepository::nextMilestoneSequence(qint64 clientId) const
{
    DbResult<QVariant> next = Sql::firstValue(
            m_database, QStringLiteral("SELECT COALESCE(MAX(sequence), 0) + 1 FROM milestones WHERE client_id = ?"),
            { clientId });
    if (!next.ok())
        return next.error();
    return next.value().isValid() ? next.value().toInt() : 1;
}

DbResult<int> BillingRepository::linkShows(qint64 clientId, qint64 milestoneId, int count) const
{
    return Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE appointments SET milestone_id = ?, updated_at = ? WHERE id IN (SELECT id FROM "
                           "appointments WHERE client_id = ? AND ")
                    + unlinkedShown + QStringLiteral(" ORDER BY ends_at, id LIMIT ?)"),
            { milestoneId, m_clock.nowMs(), clientId, count });
}

DbError BillingRepository::setMilestoneInvoice(qint64 milestoneId, qint64 invoiceId) const
{
    DbResult<int> n = Sql::execAffected(
            m_database, QStringLiteral("UPDATE milestones SET invoice_id = ?, updated_at = ? WHERE id = ?"),
            { invoiceId, m_clock.nowMs(), milestoneId });
    return n.ok() ? DbError() : n.error();
}

DbResult<QList<MilestoneShortfall>> BillingRepository::milestonesShortOfShows(int limit) const
{
    // A milestone links exactly shows_required appointments, all shown when linked: it is short
    // by the number of its appointments no longer shown (a small partial index).
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT m.id, m.client_id, m.sequence, m.shows_required, m.shows_required - x.n FROM milestones m "
                           "JOIN (SELECT milestone_id, COUNT(*) AS n FROM appointments WHERE ")
                    + notShownLinked
                    + QStringLiteral(" GROUP BY milestone_id) x ON x.milestone_id = m.id WHERE m.flag IS NULL "
                                     "AND m.invoice_id IS NOT NULL AND m.status <> 'void'")
                    + Sql::scopeClause(m_scope, QStringLiteral("m.client_id")) + QStringLiteral(" ORDER BY m.id LIMIT ?"),
            { limit });
    if (!q.ok())
        return q.error();
    QList<MilestoneShortfall> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        rows << MilestoneShortfall { s.value(0).toLongLong(), s.value(1).toLongLong(), s.value(2).toInt(),
                                     s.value(3).toInt(), s.value(4).toInt() };
    }
    return rows;
}

DbResult<bool> BillingRepository::flagMilestone(qint64 milestoneId, const QString &flag, const QString &reason) const
{
    const qint64 now = m_clock.nowMs();
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE milestones SET flag = ?, flag_reason = ?, flagged_at = ?, "
                                                       "updated_at = ? WHERE id = ? AND flag IS NULL")
                                                + Sql::scopeClause(m_scope),
                                        { flag, reason, now, now, milestoneId });
    if (!n.ok())
        return n.error();
    return n.value() > 0;
}

DbResult<bool> BillingRepository::clearMilestoneFlag(qint64 milestoneId) const
{
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE milestones SET flag = NULL, updated_at = ? WHERE id = ? "
                                                       "AND flag IS NOT NULL")
                                                + Sql::scopeClause(m_scope),
                                        { m_clock.nowMs(), milestoneId });
    if (!n.ok())
        return n.error();
    return n.value() > 0;
}

DbResult<int> BillingRepository::setMilestoneStatusByInvoice(qint64 invoiceId, const QString &status) const
{
    const int rank = milestoneRank(status);
    if (rank < 1)
        return DbError(DbError::Invalid, QStringLiteral("milestone status from an invoice: ") + status);
    const QString lower = rank == 1 ? QStringLiteral("'reached'") : QStringLiteral("'reached', 'invoiced'");
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE milestones SET status = ?, updated_at = ? WHERE invoice_id = ? "
                                            "AND status IN (")
                                     + lower + QStringLiteral(")") + Sql::scopeClause(m_scope),
                             { status, m_clock.nowMs(), invoiceId });
}

DbResult<int> BillingRepository::setMilestonePaymentError(qint64 invoiceId, const QString &error) const
{
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE milestones SET payment_error = ?, updated_at = ? WHERE invoice_id = ?")
                                     + Sql::scopeClause(m_scope),
                             { error, m_clock.nowMs(), invoiceId });
}

DbError BillingRepository::setInvoiceBilling(qint64 invoiceId, const QString &billingRef, qint64 usageCalls,
                                             qint64 usageSeconds) const
{
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE invoices SET billing_ref = ?, usage_calls = ?, "
                                                       "usage_seconds = ? WHERE id = ?"),
                                        { billingRef, usageCalls > 0 ? QVariant(usageCalls) : Sql::nullIfZero(0),
                                          usageCalls > 0 ? QVariant(usageSeconds) : Sql::nullIfZero(0), invoiceId });
    return n.ok() ? DbError() : n.error();
}

DbResult<bool> BillingRepository::moveStep(qint64 invoiceId, const QString &fromStep, const QString &toStep,
                                           const QString &stripeKey, const QString &holdReason) const
{
    const QString guard = fromStep.isEmpty() ? QStringLiteral("stripe_step IS NULL") : QStringLiteral("stripe_step = ?");
    QVariantList binds { toStep, Sql::nullIfEmpty(stripeKey), Sql::nullIfEmpty(holdReason), m_clock.nowMs(),
                         invoiceId };
    if (!fromStep.isEmpty())
        binds << fromStep;
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE invoices SET stripe_step = ?, stripe_key = ?, "
                                                       "hold_reason = ?, last_error = NULL, updated_at = ? "
                                                       "WHERE id = ? AND ")
                                                + guard,
                                        binds);
    if (!n.ok())
        return n.error();
    return n.value() > 0;
}

DbError BillingRepository::setStripeInvoice(qint64 invoiceId, const QString &stripeInvoiceId) const
{
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE invoices SET stripe_invoice_id = COALESCE(stripe_invoice_id, "
                                                       "CAST(? AS TEXT)), updated_at = ? WHERE id = ?"),
                                        { stripeInvoiceId, m_clock.nowMs(), invoiceId });
    return n.ok() ? DbError() : n.error();
}

DbError BillingRepository::markInvoiceOpen(qint64 invoiceId, qint64 sentAt) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE invoices SET status = CASE WHEN status = 'draft' THEN 'open' ELSE status END, "
                           "sent_at = COALESCE(sent_at, CAST(? AS BIGINT)), updated_at = ? WHERE id = ?"),
            { Sql::nullIfZero(sentAt), m_clock.nowMs(), invoiceId });
    return n.ok() ? DbError() : n.error();
}

DbError BillingRepository::recordStepError(qint64 invoiceId, const QString &error) const
{
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE invoices SET last_error = ?, updated_at = ? WHERE id = ?"),
                                        { error, m_clock.nowMs(), invoiceId });
    return n.ok() ? DbError() : n.error();
}

DbResult<QList<InvoiceStepRow>> BillingRepository::invoicesReadyToAdvance(int limit) const
{
    // Ready: the awaited row was sent, failed or cancelled, and the invoice has not reported an
    // error about it since the row last changed (an admin's retry changes it again);
    // a held invoice (or one waiting for its customer) whose client now has what it lacked.
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral(
                    "SELECT i.id, i.client_id, i.kind, i.billing_ref, i.stripe_step, i.stripe_key, i.amount_cents, "
                    "i.currency, i.description, i.stripe_invoice_id, m.id, m.sequence, o.status, o.provider_ref, "
                    "o.last_error, o.http_status FROM invoices i JOIN clients c ON c.id = i.client_id "
                    "LEFT JOIN outbox o ON o.idempotency_key = i.stripe_key "
                    "LEFT JOIN milestones m ON m.invoice_id = i.id "
                    "WHERE i.stripe_step IS NOT NULL AND i.stripe_step <> 'done' AND ("
                    "(o.status IN ('sent', 'failed', 'cancelled') AND (i.last_error IS NULL OR i.updated_at < o.updated_at)) "
                    "OR (i.stripe_step = 'customer' AND c.stripe_customer_id IS NOT NULL) "
                    "OR (i.stripe_step = 'held' AND (c.stripe_customer_id IS NOT NULL "
                    "OR COALESCE(trim(c.contact_email), '') <> '')))")
                    + Sql::scopeClause(m_scope, QStringLiteral("i.client_id")) + QStringLiteral(" ORDER BY i.id LIMIT ?"),
            { limit });
    if (!q.ok())
        return q.error();
    QList<InvoiceStepRow> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        InvoiceStepRow r;
        r.invoiceId = s.value(0).toLongLong();
        r.clientId = s.value(1).toLongLong();
        r.kind = s.value(2).toString();
        r.billingRef = s.value(3).toString();
        r.step = s.value(4).toString();
        r.stripeKey = s.value(5).toString();
        r.amountCents = s.value(6).toLongLong();
        r.currency = s.value(7).toString();
        r.description = s.value(8).toString();
        r.stripeInvoiceId = s.value(9).toString();
        r.milestoneId = s.value(10).toLongLong();
        r.milestoneSequence = s.value(11).toInt();
        r.outboxStatus = s.value(12).toString();
        r.providerRef = s.value(13).toString();
        r.outboxError = s.value(14).toString();
        r.httpStatus = s.value(15).toInt();
        rows << r;
    }
    return rows;
}

DbResult<QList<BillingRepository::UnbilledClient>> BillingRepository::clientsWithUnbilledUsage() const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT u.client_id, c.time_zone, MIN(u.occurred_at) FROM usage_records u "
                           "JOIN clients c ON c.id = u.client_id WHERE u.invoice_id IS NULL AND NOT EXISTS ("
                           "SELECT 1 FROM invoices i WHERE i.client_id = u.client_id AND i.kind = 'usage' "
                           "AND i.period_start <= u.occurred_at AND i.period_end > u.occurred_at)")
                    + Sql::scopeClause(m_scope, QStringLiteral("u.client_id"))
                    + QStringLiteral(" GROUP BY u.client_id, c.time_zone ORDER BY u.client_id"));
    if (!q.ok())
        return q.error();
    QList<UnbilledClient> rows;
    while (q.value().next())
        rows << UnbilledClient { q.value().value(0).toLongLong(), q.value().value(1).toString(),
                                 q.value().value(2).toLongLong() };
    return rows;
}

DbResult<QList<UsageLine>> BillingRepository::unbilledUsage(qint64 clientId, qint64 fromMs, qint64 toMs) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT rate_cents_per_minute, COUNT(*), COALESCE(SUM(seconds), 0) FROM usage_records "
                           "WHERE client_id = ? AND invoice_id IS NULL AND occurred_at >= ? AND occurred_at < ? "
                           "GROUP BY rate_cents_per_minute ORDER BY rate_cents_per_minute"),
            { clientId, fromMs, toMs });
    if (!q.ok())
        return q.error();
    QList<UsageLine> lines;
    while (q.value().next())
        lines << UsageLine { q.value().value(0).toLongLong(), q.value().value(1).toLongLong(),
                             q.value().value(2).toLongLong() };
    return lines;
}

DbResult<bool> BillingRepository::usageInvoiceExists(qint64 clientId, qint64 periodStart,
                                                     const QString &billingRef) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      QStringLiteral("SELECT 1 FROM invoices WHERE (client_id = ? AND kind = 'usage' "
                                                     "AND period_start = ?) OR billing_ref = ?"),
                                      { clientId, periodStart, billingRef });
    if (!q.ok())
        return q.error();
    return q.value().next();
}

DbResult<int> BillingRepository::linkUsage(qint64 clientId, qint64 fromMs, qint64 toMs, qint64 invoiceId) const
{
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE usage_records SET invoice_id = ? WHERE client_id = ? AND "
                                            "invoice_id IS NULL AND occurred_at >= ? AND occurred_at < ?"),
                             { invoiceId, clientId, fromMs, toMs });
}

DbResult<QList<InvoiceOverview>> BillingRepository::listInvoices(qint64 clientId, int limit) const
{
    InvoiceFilter filter;
    filter.clientId = clientId;
    filter.limit = limit;
    return listInvoices(filter);
}

DbResult<QList<InvoiceOverview>> BillingRepository::listInvoices(const InvoiceFilter &filter) const
{
    QVariantList binds;
    QString where = QStringLiteral("WHERE 1 = 1") + Sql::scopeClause(m_scope, QStringLiteral("i.client_id"));
    if (filter.clientId > 0) {
        where += QStringLiteral(" AND i.client_id = ?");
        binds << filter.clientId;
    }
    if (filter.invoiceId > 0) {
        where += QStringLiteral(" AND i.id = ?");
        binds << filter.invoiceId;
    }
    if (filter.status == QLatin1String("failed")) {
        where += QStringLiteral(" AND (o.status = 'failed' OR (i.last_error IS NOT NULL AND i.status NOT IN ('paid', 'void')))");
    } else if (filter.status == QLatin1String("held")) {
        where += QStringLiteral(" AND i.stripe_step = 'held'");
    } else if (!filter.status.isEmpty()) {
        where += QStringLiteral(" AND i.status = ?");
        binds << filter.status;
    }
    if (filter.toMs > 0) {
        where += QStringLiteral(" AND i.created_at >= ? AND i.created_at < ?");
        binds << filter.fromMs << filter.toMs;
    }
    binds << filter.limit;
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT i.id, i.client_id, i.kind, i.stripe_invoice_id, i.number, i.status, i.amount_cents, "
                           "i.currency, i.description, i.period_start, i.period_end, i.hosted_url, i.sent_at, i.paid_at, "
                           "i.last_error, i.created_at, i.updated_at, i.billing_ref, i.stripe_step, i.hold_reason, "
                           "i.usage_calls, i.usage_seconds, m.id, m.sequence, o.status, o.last_error, o.http_status, o.id "
                           "FROM invoices i LEFT JOIN milestones m ON m.invoice_id = i.id "
                           "LEFT JOIN outbox o ON o.idempotency_key = i.stripe_key ")
                    + where + QStringLiteral(" ORDER BY i.id DESC LIMIT ?"),
            binds);
    if (!q.ok())
        return q.error();
    QList<InvoiceOverview> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        InvoiceOverview r;
        InvoiceRecord &i = r.invoice;
        i.id = s.value(0).toLongLong();
        i.clientId = s.value(1).toLongLong();
        i.kind = s.value(2).toString();
        i.stripeInvoiceId = s.value(3).toString();
        i.number = s.value(4).toString();
        i.status = s.value(5).toString();
        i.amountCents = s.value(6).toLongLong();
        i.currency = s.value(7).toString();
        i.description = s.value(8).toString();
        i.periodStart = s.value(9).toLongLong();
        i.periodEnd = s.value(10).toLongLong();
        i.hostedUrl = s.value(11).toString();
        i.sentAt = s.value(12).toLongLong();
        i.paidAt = s.value(13).toLongLong();
        i.lastError = s.value(14).toString();
        i.createdAt = s.value(15).toLongLong();
        i.updatedAt = s.value(16).toLongLong();
        r.billingRef = s.value(17).toString();
        r.stripeStep = s.value(18).toString();
        r.holdReason = s.value(19).toString();
        r.usageCalls = s.value(20).toLongLong();
        r.usageSeconds = s.value(21).toLongLong();
        r.milestoneId = s.value(22).toLongLong();
        r.milestoneSequence = s.value(23).toInt();
        r.stepOutboxStatus = s.value(24).toString();
        r.stepOutboxError = s.value(25).toString();
        r.stepHttpStatus = s.value(26).toInt();
        r.stepOutboxId = s.value(27).toLongLong();
        rows << r;
    }
    return rows;
}

DbResult<QList<UsageLine>> BillingRepository::usageByRate(qint64 clientId, qint64 fromMs, qint64 toMs) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT rate_cents_per_minute, COUNT(*), COALESCE(SUM(seconds), 0) FROM usage_records "
                           "WHERE client_id = ? AND occurred_at >= ? AND occurred_at < ?")
                    + Sql::scopeClause(m_scope)
                    + QStringLiteral(" GROUP BY rate_cents_per_minute ORDER BY rate_cents_per_minute"),
            { clientId, fromMs, toMs });
    if (!q.ok())
        return q.error();
    QList<UsageLine> lines;
    while (q.value().next())
        lines << UsageLine { q.value().value(0).toLongLong(), q.value().value(1).toLongLong(),
                             q.value().value(2).toLongLong() };
    return lines;
}

DbResult<QList<MilestoneOverview>> BillingRepository::listMilestones(qint64 clientId) const
{
    QVariantList binds;
    QString where = QStringLiteral("WHERE 1 = 1") + Sql::scopeClause(m_scope, QStringLiteral("m.client_id"));
    if (clientId > 0) {
        where += QStringLiteral(" AND m.client_id = ?");
        binds << clientId;
    }
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT m.id, m.client_id, m.sequence, m.shows_required, m.amount_cents, m.currency, m.status, "
                           "m.reached_at, m.invoice_id, m.created_at, m.updated_at, m.flag, m.flag_reason, m.flagged_at, "
                           "m.payment_error, m.shows_required - COALESCE(x.n, 0), i.status, i.stripe_step FROM milestones m "
                           "LEFT JOIN invoices i ON i.id = m.invoice_id LEFT JOIN (SELECT milestone_id, COUNT(*) AS n "
                           "FROM appointments WHERE ")
                    + notShownLinked + QStringLiteral(" GROUP BY milestone_id) x ON x.milestone_id = m.id ")
                    + where + QStringLiteral(" ORDER BY m.client_id, m.sequence"),
            binds);
    if (!q.ok())
        return q.error();
    QList<MilestoneOverview> rows;
    while (q.value().next()) {
        const QSqlQuery &s = q.value();
        MilestoneOverview r;
        MilestoneRecord &m = r.milestone;
        m.id = s.value(0).toLongLong();
        m.clientId = s.value(1).toLongLong();
        m.sequence = s.value(2).toInt();
        m.showsRequired = s.value(3).toInt();
        m.amountCents = s.value(4).toLongLong();
        m.currency = s.value(5).toString();
        m.status = s.value(6).toString();
        m.reachedAt = s.value(7).toLongLong();
        m.invoiceId = s.value(8).toLongLong();
        m.createdAt = s.value(9).toLongLong();
        m.updatedAt = s.value(10).toLongLong();
        r.flag = s.value(11).toString();
        r.flagReason = s.value(12).toString();
        r.flaggedAt = s.value(13).toLongLong();
        r.paymentError = s.value(14).toString();
        r.showsStillShown = s.value(15).toInt();
        r.invoiceStatus = s.value(16).toString();
        r.stripeStep = s.value(17).toString();
        rows << r;
    }
    return rows;
}

} // namespace Callvia::Models
