#include "billingoverview.h"

#include "usageinvoiceservice.h"

#include <models/clock.h>

#include <QTimeZone>

#include <utility>

namespace Callvia::Services {

using namespace Models;

namespace {

void readClientFigures(const BillingRepository &billing, const Clock &clock, BillingSnapshot *s)
{
    const auto shows = billing.unlinkedShows(s->client.id);
    if (!shows.ok()) {
        s->error = shows.error().message();
        return;
    }
    s->showsTowardNext = shows.value();
    const QTimeZone zone = UsageInvoiceService::zoneOf(s->client.timeZone);
    const qint64 now = clock.nowMs();
    s->monthStartMs = UsageInvoiceService::monthStartMs(now, zone);
    const auto lines = billing.usageByRate(s->client.id, s->monthStartMs, UsageInvoiceService::monthStartMs(now, zone, 1));
    if (!lines.ok()) {
        s->error = lines.error().message();
        return;
    }
    for (const UsageLine &line : lines.value()) {
        s->monthCalls += line.calls;
        s->monthSeconds += line.seconds;
        s->monthCostCents += UsageInvoiceService::amountCents(line.seconds, line.rateCentsPerMinute);
    }
}

} // namespace

BillingSnapshot BillingOverview::read(Database &database, const Clock &clock, const TenantScope &scope,
                                      const InvoiceFilter &filter)
{
    BillingSnapshot s;
    const BillingRepository billing(database, clock, scope);
    if (filter.clientId > 0) {
        const auto client = billing.client(filter.clientId);
        if (!client.ok()) {
            s.error = client.error().message();
            return s; // out of scope or gone: show nothing of it
        }
        s.hasClient = true;
        s.client = client.value();
        readClientFigures(billing, clock, &s);
    }
    const auto milestones = billing.listMilestones(filter.clientId);
    if (milestones.ok())
        s.milestones = milestones.value();
    else if (s.error.isEmpty())
        s.error = milestones.error().message();
    for (const MilestoneOverview &m : std::as_const(s.milestones))
        s.milestonesReached += m.milestone.status == QLatin1String("void") ? 0 : 1;
    const auto invoices = billing.listInvoices(filter);
    if (invoices.ok())
        s.invoices = invoices.value();
    else if (s.error.isEmpty())
        s.error = invoices.error().message();
    return s;
}

} // namespace Callvia::Services
