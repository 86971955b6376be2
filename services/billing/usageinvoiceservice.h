#pragma once

#include <models/dberror.h>

#include <QHash>
#include <QObject>
#include <QString>

class QTimeZone;

namespace Callvia::Models {
class Clock;
class Database;
struct UsageLine;
} // namespace Callvia::Models

namespace Callvia::Services {

// Monthly usage invoices (issue 22, item 5). On the first day of each month in the client's time
// zone (clients.time_zone; an unknown zone counts as UTC), one invoice per client for the previous
// month's usage_records, written with its Stripe steps (StripeInvoiceFlow). A month without usage
// raises nothing. The pass bills every month that ended with unbilled usage, oldest first, so a
// laptop that was off at midnight (or for months) catches up; each client-month is one
// transaction that locks the client row, checks the (client, period_start) usage invoice (UNIQUE
// index, so even without the lock a second instance could not add one) and links the records
// (usage_records.invoice_id). Usage that arrives for a month already invoiced stays unbilled and
// is never added to an issued invoice.
//
// Rounding rule: per rate, amount = (billed seconds of the month x rate in cents per minute + 30)
// / 60 in integer arithmetic, i.e. the month's total seconds at the rate, rounded half up to a
// whole cent (a call's billed seconds are its started seconds, UsageRepository::billedSeconds).
// Line summary: "<calls> calls, <minutes> min (<seconds> s) at $0.20/min".
class UsageInvoiceService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UsageInvoiceService)
public:
    UsageInvoiceService(Models::Database &database, const Models::Clock &clock, QObject *parent = nullptr);

    static qint64 amountCents(qint64 seconds, qint64 rateCentsPerMinute);
    // UTC ms of the first instant of the month containing `ms` in `zone`, moved by `addMonths`.
    static qint64 monthStartMs(qint64 ms, const QTimeZone &zone, int addMonths = 0);
    static QTimeZone zoneOf(const QString &ianaId);
    static QString lineSummary(const Models::UsageLine &line, const QString &currency);
    static QString formatCents(qint64 cents, const QString &currency);

    // Now when a client has an ended month to bill, else the next month start (in its zone) of a
    // client with unbilled usage; 0 when nobody has any.
    Models::DbResult<qint64> nextDueAt() const;
    // Bills every ended client-month with usage (one transaction each); true when a batch limit
    // was reached.
    Models::DbResult<bool> runDue(qint64 nowMs);

    int invoicesCreated() const { return m_created; }

Q_SIGNALS:
    void outboxQueued();

private:
    enum class Billed { Invoiced, Nothing, Blocked };
    Models::DbResult<Billed> billMonth(qint64 clientId, qint64 fromMs, qint64 toMs);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    int m_batch = 1000;
    // Clients with an ended month the pass could not bill (its month already has an invoice
    // under another period, e.g. after a time-zone change): left until the time given, so the
    // scheduler never spins on them. Shown as a warning in the log.
    QHash<qint64, qint64> m_stuckUntil;
    int m_created = 0;
};

} // namespace Callvia::Services
