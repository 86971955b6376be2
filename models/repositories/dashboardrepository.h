#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QHash>
#include <QList>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// The dashboard's figures for one period [fromMs, toMs) and one client (0 = every client the
// scope allows). Definitions (README "Dashboard"):
// - leads added: leads created in the period;
// - calls placed: calls started in the period; connected: of those, not voicemail and at least
//   ConnectedMs long (a person talked);
// - appointments booked: appointments created in the period (any later status);
// - show rate: of the appointments that started in the period and have a verdict, the shown ones;
// - revenue: invoices raised in the period (not void), and invoices paid in the period, in cents
//   per currency.
struct DashboardFigures
{
    qint64 leadsAdded = 0;
    qint64 callsPlaced = 0;
    qint64 callsConnected = 0;
    qint64 appointmentsBooked = 0;
    qint64 shown = 0;
    qint64 noShow = 0;
    QHash<QString, qint64> invoicedCents; // currency -> cents
    QHash<QString, qint64> paidCents;
    // The lead funnel of the leads added in the period: how many reached each stage.
    qint64 funnelNew = 0; // every lead added
    qint64 funnelContacted = 0; // any status past "new"
    qint64 funnelBooked = 0; // booked, shown or no-show
    qint64 funnelShown = 0;
};

// Start times (UTC ms) of what the charts count per day; the view buckets them into the days of
// the viewer's time zone, so a DST change or a half-hour zone needs no SQL date functions.
// Rounded down to 15 minutes (every zone's offset is a multiple of it) with a count each.
struct DashboardTimeline
{
    QList<QPair<qint64, qint64>> calls; // (quarter-hour start ms, calls started)
    QList<QPair<qint64, qint64>> appointments; // (quarter-hour start ms, appointments booked = created)
};

class DashboardRepository final
{
public:
    static constexpr qint64 ConnectedMs = 10'000;

    DashboardRepository(Database &database, const Clock &clock, TenantScope scope);

    DbResult<DashboardFigures> figures(qint64 fromMs, qint64 toMs, qint64 clientId) const;
    DbResult<DashboardTimeline> timeline(qint64 fromMs, qint64 toMs, qint64 clientId) const;

private:
    QString clientFilter(const QString &column, qint64 clientId, QVariantList *binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
