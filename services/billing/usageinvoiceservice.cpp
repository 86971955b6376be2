#include "usageinvoiceservice.h"

#include "stripeinvoiceflow.h"

#include <models/repositories/billingrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/invoicerepository.h>

#include <QDateTime>
#include <QLoggingCategory>
#include <QStringList>
#include <QTimeZone>

#include <limits>

Q_LOGGING_CATEGORY(lcUsageInvoices, "callvia.billing.usage")

namespace Callvia::Services {

using namespace Models;

UsageInvoiceService::UsageInvoiceService(Database &database, const Clock &clock, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock)
{
}

qint64 UsageInvoiceService::amountCents(qint64 seconds, qint64 rateCentsPerMinute)
{
    if (seconds <= 0 || rateCentsPerMinute <= 0)
        return 0;
    if (seconds > (std::numeric_limits<qint64>::max() - 30) / rateCentsPerMinute)
        return std::numeric_limits<qint64>::max() / 60; // saturate instead of overflowing
    return (seconds * rateCentsPerMinute + 30) / 60;
}

QTimeZone UsageInvoiceService::zoneOf(const QString &ianaId)
{
    const QTimeZone zone(ianaId.toUtf8());
    return zone.isValid() ? zone : QTimeZone::utc();
}

qint64 UsageInvoiceService::monthStartMs(qint64 ms, const QTimeZone &zone, int addMonths)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(ms, zone).date();
    const QDate first = QDate(day.year(), day.month(), 1).addMonths(addMonths);
    return QDateTime(first, QTime(0, 0), zone).toMSecsSinceEpoch();
}

QString UsageInvoiceService::formatCents(qint64 cents, const QString &currency)
{
    const QString amount = QStringLiteral("%1.%2").arg(cents / 100).arg(cents % 100, 2, 10, QLatin1Char('0'));
    if (currency.compare(QLatin1String("usd"), Qt::CaseInsensitive) == 0)
        return QLatin1Char('$') + amount;
    return currency.toUpper() + QLatin1Char(' ') + amount;
}

QString UsageInvoiceService::lineSummary(const UsageLine &line, const QString &currency)
{
    const qint64 hundredths = (line.seconds * 100 + 30) / 60; // minutes to two decimals, half up
    return QStringLiteral("%1 %2, %3.%4 min (%5 s) at %6/min")
            .arg(line.calls)
            .arg(line.calls == 1 ? QStringLiteral("call") : QStringLiteral("calls"))
            .arg(hundredths / 100)
            .arg(hundredths % 100, 2, 10, QLatin1Char('0'))
            .arg(line.seconds)
            .arg(formatCents(line.rateCentsPerMinute, currency));
}

DbResult<qint64> UsageInvoiceService::nextDueAt() const
{
    const qint64 now = m_clock.nowMs();
    const auto rows = BillingRepository(m_database, m_clock, TenantScope::agency()).clientsWithUnbilledUsage();
    if (!rows.ok())
        return rows.error();
    qint64 next = 0;
    for (const auto &row : rows.value()) {
        const QTimeZone zone = zoneOf(row.timeZone);
        const qint64 stuck = m_stuckUntil.value(row.clientId, 0);
        if (row.earliestMs < monthStartMs(now, zone) && stuck <= now)
            return now;
        const qint64 at = stuck > now ? std::min(stuck, monthStartMs(now, zone, 1)) : monthStartMs(now, zone, 1);
        next = next == 0 ? at : std::min(next, at);
    }
    return next;
}

DbResult<bool> UsageInvoiceService::runDue(qint64 nowMs)
{
    int created = 0;
    bool more = true;
    while (more && created < m_batch) {
        more = false;
        const auto rows = BillingRepository(m_database, m_clock, TenantScope::agency()).clientsWithUnbilledUsage();
        if (!rows.ok())
            return rows.error();
        for (const auto &row : rows.value()) {
            const QTimeZone zone = zoneOf(row.timeZone);
            if (row.earliestMs >= monthStartMs(nowMs, zone) || m_stuckUntil.value(row.clientId, 0) > nowMs)
                continue; // the month is not over in the client's time zone
            const DbResult<Billed> billed =
                    billMonth(row.clientId, monthStartMs(row.earliestMs, zone), monthStartMs(row.earliestMs, zone, 1));
            if (!billed.ok())
                return billed.error();
            if (billed.value() == Billed::Blocked) {
                qCWarning(lcUsageInvoices, "client %lld: unbilled usage from %s could not be invoiced (that month "
                                           "already has an invoice); looking again in 10 minutes",
                          row.clientId, qPrintable(QDateTime::fromMSecsSinceEpoch(row.earliestMs, zone).toString(Qt::ISODate)));
                m_stuckUntil.insert(row.clientId, nowMs + 10 * 60'000);
            }
            created += billed.value() == Billed::Invoiced ? 1 : 0;
            // an older month billed: the client may have a later one
            more = more || billed.value() == Billed::Invoiced;
        }
    }
    m_created += created;
    if (created > 0) {
        qCInfo(lcUsageInvoices, "%d usage invoice(s) raised", created);
        Q_EMIT outboxQueued();
    }
    return created >= m_batch;
}

DbResult<UsageInvoiceService::Billed> UsageInvoiceService::billMonth(qint64 clientId, qint64 fromMs, qint64 toMs)
{
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    BillingRepository billing(m_database, m_clock, TenantScope::agency());
    const DbResult<BillingClient> client = billing.lockClient(clientId);
    if (!client.ok())
        return client.error();
    const BillingClient &c = client.value();
    const QTimeZone zone = zoneOf(c.timeZone);
    const QDate month = QDateTime::fromMSecsSinceEpoch(fromMs, zone).date();
    const QString ref = QStringLiteral("usage:%1:%2").arg(clientId).arg(month.toString(QStringLiteral("yyyy-MM")));
    const DbResult<QList<UsageLine>> lines = billing.unbilledUsage(clientId, fromMs, toMs);
    if (!lines.ok())
        return lines.error();
    if (lines.value().isEmpty())
        return Billed::Nothing; // another instance billed it while we waited for the lock
    const DbResult<bool> exists = billing.usageInvoiceExists(clientId, fromMs, ref);
    if (!exists.ok())
        return exists.error();
    if (exists.value())
        return Billed::Blocked; // the month has an invoice under other bounds (time zone changed)
    qint64 amount = 0, calls = 0, seconds = 0;
    QStringList summary;
    for (const UsageLine &line : lines.value()) {
        amount += amountCents(line.seconds, line.rateCentsPerMinute);
        calls += line.calls;
        seconds += line.seconds;
        summary << lineSummary(line, c.currency);
    }
    InvoiceRecord invoice;
    invoice.clientId = clientId;
    invoice.kind = QStringLiteral("usage");
    invoice.amountCents = amount;
    invoice.currency = c.currency;
    invoice.periodStart = fromMs;
    invoice.periodEnd = toMs;
    invoice.description = QStringLiteral("Call minutes %1 (%2): %3")
                                  .arg(month.toString(QStringLiteral("yyyy-MM")), QString::fromUtf8(zone.id()),
                                       summary.join(QStringLiteral("; ")));
    const DbResult<qint64> invoiceId = InvoiceRepository(m_database, m_clock, TenantScope::agency()).insert(invoice);
    if (!invoiceId.ok())
        return invoiceId.error();
    if (DbError e = billing.setInvoiceBilling(invoiceId.value(), ref, calls, seconds))
        return e;
    const DbResult<int> linked = billing.linkUsage(clientId, fromMs, toMs, invoiceId.value());
    if (!linked.ok())
        return linked.error();
    if (amount > 0) {
        InvoiceStepRow row;
        row.invoiceId = invoiceId.value();
        row.clientId = clientId;
        row.kind = invoice.kind;
        row.billingRef = ref;
        row.amountCents = amount;
        row.currency = c.currency;
        row.description = invoice.description;
        if (DbError e = StripeInvoiceFlow::start(m_database, m_clock, row, c))
            return e;
    } // 0 cents (a zero rate): the month is closed and explained, nothing is sent to Stripe
    if (DbError e = transaction.commit())
        return e;
    return Billed::Invoiced;
}

} // namespace Callvia::Services
