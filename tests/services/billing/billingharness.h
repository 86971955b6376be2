#pragma once

// Shared set-up of the billing tests and bench_billing: a fake Stripe on loopback, the real
// outbox dispatcher pointed at it, the three billing passes on the test clock, and helpers that
// write shows (a verdict's effect: appointments.status) and usage directly.
#include "../outbox/outboxharness.h"

#include <common/testdatabase.h>
#include <models/repositories/billingrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/sqlhelpers.h>
#include <models/repositories/usagerepository.h>
#include <services/billing/milestoneservice.h>
#include <services/billing/stripeinvoiceflow.h>
#include <services/billing/usageinvoiceservice.h>

#include <QTest>

namespace Callvia::Tests {

struct BillingHarness
{
    explicit BillingHarness(Models::Database &database, qint64 startMs)
        : db(database), clock(startMs), milestones(database, clock), usage(database, clock), flow(database, clock),
          billing(database, clock, Models::TenantScope::agency()), outbox(database, clock, Models::TenantScope::agency())
    {
        stripe.listen();
        env = fakeEnvironment({ &stripe });
        options.maxAttempts = 4;
        options.requestTimeoutMs = 5000;
        options.backoffBaseMs = 1000;
        options.staleClaimMs = 120'000;
    }
    Services::OutboxDispatcher &dispatcher()
    {
        if (!m_dispatcher) {
            config = std::make_unique<Services::ProviderConfig>(nullptr, nullptr, env);
            m_dispatcher = std::make_unique<Services::OutboxDispatcher>(db, clock, *config, options);
        }
        return *m_dispatcher;
    }
    void restart() { m_dispatcher.reset(); } // a new process: nothing in memory

    static bool passed(const Models::DbResult<bool> &pass)
    {
        if (!pass.ok())
            qWarning("settle: %s", qPrintable(pass.error().message()));
        return pass.ok();
    }
    // The scheduler's order (milestones -> usage -> Stripe steps) and the dispatcher, until quiet.
    bool settle()
    {
        for (int i = 0; i < 200; ++i) {
            if (!passed(milestones.runDue(clock.nowMs())) || !passed(usage.runDue(clock.nowMs()))
                || !passed(flow.runDue(clock.nowMs())))
                return false;
            const int changed = dispatcher().dispatchDue();
            const Models::DbResult<qint64> next = flow.nextDueAt();
            if (!next.ok())
                return false;
            if (changed == 0 && next.value() == 0)
                return true;
        }
        return false;
    }

    qint64 addClient(const QString &name, const QString &email, const QString &zone = QStringLiteral("UTC"))
    {
        Models::ClientRecord client;
        client.name = name;
        client.contactEmail = email;
        client.timeZone = zone;
        return Models::ClientRepository(db, clock, Models::TenantScope::agency()).insert(client).valueOr(0);
    }
    // `count` appointments of the client with the verdict SHOWN (as the verification pass leaves them).
    QList<qint64> addShows(qint64 clientId, int count)
    {
        QList<qint64> ids;
        for (int i = 0; i < count; ++i) {
            const qint64 start = clock.nowMs() - 3 * 86'400'000 + (m_booking * 60'000);
            const Models::DbResult<qint64> id = Models::Sql::insertReturningId(
                    db,
                    QStringLiteral("INSERT INTO appointments (client_id, booking_uid, starts_at, ends_at, status, "
                                   "verification, created_at, updated_at) VALUES (?, ?, ?, ?, 'shown', 'client_confirmed', "
                                   "?, ?) RETURNING id"),
                    { clientId, QStringLiteral("bk-%1-%2").arg(clientId).arg(++m_booking), start, start + 1'800'000, start, start });
            ids << id.valueOr(0);
        }
        return ids;
    }
    bool setVerdict(qint64 appointmentId, const QString &status)
    {
        return Models::Sql::execAffected(db, QStringLiteral("UPDATE appointments SET status = ? WHERE id = ?"),
                                         { status, appointmentId })
                       .valueOr(0)
                == 1;
    }
    bool addUsage(qint64 clientId, qint64 seconds, qint64 occurredAt, qint64 rate = 20)
    {
        return Models::Sql::execAffected(
                       db,
                       QStringLiteral("INSERT INTO usage_records (client_id, seconds, rate_cents_per_minute, cost_cents, "
                                      "occurred_at, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
                       { clientId, seconds, rate, Models::UsageRepository::costCents(seconds, rate), occurredAt,
                         occurredAt })
                       .valueOr(0)
                == 1;
    }
    qint64 count(const QString &sql, const QVariantList &binds = {}) { return sqlValue(db, sql, binds); }
    // Executions at the fake of keys ending in `suffix` (":invoice": Stripe invoices created).
    int executedWithSuffix(const QString &suffix)
    {
        int n = 0;
        const QHash<QString, int> perKey = stripe.executedPerKey();
        for (auto it = perKey.begin(); it != perKey.end(); ++it)
            n += it.key().endsWith(suffix) ? it.value() : 0;
        return n;
    }
    // The largest number of executions of any one key (1 = no duplicates).
    int maxExecutionsPerKey()
    {
        int n = 0;
        const QHash<QString, int> perKey = stripe.executedPerKey();
        for (int v : perKey)
            n = std::max(n, v);
        return n;
    }

    Models::Database &db;
    Models::TestClock clock;
    Fakes::FakeStripe stripe { QStringLiteral("sk_test_key") };
    QProcessEnvironment env;
    Services::OutboxDispatcher::Options options;
    std::unique_ptr<Services::ProviderConfig> config;
    Services::MilestoneService milestones;
    Services::UsageInvoiceService usage;
    Services::StripeInvoiceFlow flow;
    Models::BillingRepository billing;
    Models::OutboxRepository outbox;

private:
    std::unique_ptr<Services::OutboxDispatcher> m_dispatcher;
    int m_booking = 0;
};

} // namespace Callvia::Tests
