#pragma once

#include <models/repositories/billingrepository.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

// One read of what the Billing view shows for a client (or every client the scope allows, then
// without the per-client figures): progress toward the next milestone, the month's call minutes
// and cost so far (the month in the client's time zone, priced per rate with
// UsageInvoiceService's rounding rule, i.e. what the usage invoice will say), the milestones and
// the invoices matching the filter. Runs on a reader thread; every query in `scope`.
struct BillingSnapshot
{
    bool hasClient = false; // false: several clients, only the lists are filled
    Models::BillingClient client;
    qint64 showsTowardNext = 0; // shown appointments not yet in a milestone
    int milestonesReached = 0;
    qint64 monthStartMs = 0; // the client's current month, UTC ms
    qint64 monthCalls = 0;
    qint64 monthSeconds = 0;
    qint64 monthCostCents = 0;
    QList<Models::MilestoneOverview> milestones;
    QList<Models::InvoiceOverview> invoices;
    QString error; // the first failed read, if any
};

namespace BillingOverview {

// filter.clientId 0: every client in scope. The invoice period is applied as given.
BillingSnapshot read(Models::Database &database, const Models::Clock &clock, const Models::TenantScope &scope,
                     const Models::InvoiceFilter &filter);

} // namespace BillingOverview

} // namespace Callvia::Services
