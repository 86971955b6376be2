#include <common/testdatabase.h>

#include <models/repositories/campaignrepository.h>
#include <models/repositories/billingrepository.h>
#include <models/repositories/clientrepository.h>
#include <services/billing/usageinvoiceservice.h>
#include <models/clock.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/eventrepository.h>
#include <services/demodata.h>
#include <services/webhooks/calcomhandler.h>
#include <services/webhooks/retellhandler.h>

#include <QSqlQuery>
#include <QtTest>

using namespace Callvia;

class tst_DemoData : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsALivingAgencyIntoAnEmptyDatabase_data() { Tests::TestDatabase::addBackendRows(); }
    void loadsALivingAgencyIntoAnEmptyDatabase();
};

void tst_DemoData::loadsALivingAgencyIntoAnEmptyDatabase()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock;
    Services::DemoData demo(db, clock);
    QVERIFY(demo.isEmpty().value());
    const Models::DbError error = demo.load();
    QVERIFY2(!error, qPrintable(error.message()));
    QVERIFY(!demo.isEmpty().value());
    const auto clients = Models::ClientRepository(db, clock, Models::TenantScope::agency()).list().value();
    QVERIFY(clients.size() >= 3);
    const auto stats = Models::CampaignRepository(db, clock, Models::TenantScope::agency()).stats().value();
    qint64 leads = 0, booked = 0, shown = 0;
    for (const auto &s : stats) {
        leads += s.leadsTotal;
        booked += s.booked;
        shown += s.shown;
    }
    QVERIFY2(leads >= 2000, qPrintable(QString::number(leads)));
    QVERIFY(booked > 0);
    QVERIFY(shown > 0);
    auto count = [&db](const char *sql) {
        QSqlQuery query(db.connection());
        return query.exec(QString::fromLatin1(sql)) && query.next() ? query.value(0).toLongLong() : -1;
    };
    // Every contacted lead has its call and usage record; every booked, shown or no-show lead an appointment.
    QCOMPARE(count("SELECT COUNT(*) FROM call_logs"), count("SELECT COUNT(*) FROM leads WHERE status NOT IN ('new', 'dnc')"));
    QCOMPARE(count("SELECT COUNT(*) FROM usage_records"), count("SELECT COUNT(*) FROM call_logs"));
    QCOMPARE(count("SELECT COUNT(*) FROM appointments"), booked + shown + count("SELECT COUNT(*) FROM leads WHERE status = 'no_show'"));
    QCOMPARE(count("SELECT COUNT(*) FROM appointments WHERE status = 'shown'"), shown);
    QVERIFY(count("SELECT COUNT(*) FROM appointments WHERE starts_at > 1700000000000") > 0);
    // Milestones: one per 25 shows of a client, each with an invoice and its 25 shows linked, so
    // the milestone pass finds nothing due when the app starts.
    QVERIFY(count("SELECT COUNT(*) FROM milestones") >= 1);
    QCOMPARE(count("SELECT COUNT(*) FROM milestones WHERE invoice_id IS NULL"), 0);
    QCOMPARE(count("SELECT COUNT(*) FROM appointments WHERE milestone_id IS NOT NULL"),
             count("SELECT SUM(shows_required) FROM milestones"));
    const Models::BillingRepository billing(db, clock, Models::TenantScope::agency());
    QVERIFY(billing.clientsWithDueMilestone(10).value().isEmpty());
    // Usage: every ended month (in the client's zone) is invoiced with its records linked, so the
    // usage pass has nothing to bill before the next month starts; this month's calls stay open.
    QVERIFY(count("SELECT COUNT(*) FROM invoices WHERE kind = 'usage'") >= qint64(clients.size()));
    QVERIFY(Services::UsageInvoiceService(db, clock).nextDueAt().value() > clock.nowMs());
    QVERIFY(count("SELECT COUNT(*) FROM usage_records WHERE invoice_id IS NULL") > 0);
    // Paid, open and one invoice failed at Stripe (its outbox row failed with Stripe's 400).
    QVERIFY(count("SELECT COUNT(*) FROM invoices WHERE status = 'paid'") > 0);
    QVERIFY(count("SELECT COUNT(*) FROM invoices WHERE status = 'open'") > 0);
    QCOMPARE(count("SELECT COUNT(*) FROM invoices i JOIN outbox o ON o.idempotency_key = i.stripe_key "
                   "WHERE o.status = 'failed' AND o.http_status = 400 AND i.last_error LIKE 'Stripe invoice failed: HTTP 400%'"),
             1);
    QVERIFY(billing.invoicesReadyToAdvance(10).value().isEmpty()); // waits for an admin's retry
    // Each client owns a Cal.com event type, an organizer, a MessageBird number and its agents,
    // so webhook events of the demo attribute to it (client-first attribution).
    for (const char *kind : { "event_type_id", "organizer", "number" }) {
        QCOMPARE(count(qPrintable(QStringLiteral("SELECT COUNT(DISTINCT client_id) FROM client_provider_ids WHERE kind = '%1'")
                                          .arg(QLatin1String(kind)))),
                 qint64(clients.size()));
    }
    QCOMPARE(count("SELECT COUNT(*) FROM client_provider_ids WHERE provider = 'retell' AND kind = 'agent_id'"),
             count("SELECT COUNT(*) FROM campaigns"));
    // The webhook journal: applied Retell analyses of demo calls, each attributed to its call's
    // client, and one unattributed Cal.com booking; every body is one the real handler accepts
    // and identifies as the stored event.
    QVERIFY(count("SELECT COUNT(*) FROM events WHERE provider = 'retell' AND status = 'processed'") >= 50);
    QCOMPARE(count("SELECT COUNT(*) FROM events e JOIN call_logs c ON e.provider_event_id = c.retell_call_id || "
                   "':call_analyzed' AND e.client_id = c.client_id"),
             count("SELECT COUNT(*) FROM events WHERE provider = 'retell'"));
    QCOMPARE(count("SELECT COUNT(*) FROM events WHERE provider = 'calcom' AND unattributed = 1 AND client_id IS NULL"), 1);
    Services::RetellHandler retell(db, clock);
    Services::CalcomHandler calcom(db, clock);
    const auto stored = Models::EventRepository(db).list({ {}, {}, 1000 }).value();
    QCOMPARE(qint64(stored.size()), count("SELECT COUNT(*) FROM events"));
    for (const Models::EventRecord &event : stored) {
        QList<Services::IncomingEvent> identified;
        QString why;
        Services::ProviderHandler &handler = event.provider == QLatin1String("retell")
                ? static_cast<Services::ProviderHandler &>(retell)
                : static_cast<Services::ProviderHandler &>(calcom);
        const Models::EventRecord full = Models::EventRepository(db).byId(event.id).value();
        QVERIFY2(handler.identify(full.rawBody, {}, &identified, &why), qPrintable(why));
        QCOMPARE(identified.size(), 1);
        QCOMPARE(identified.first().providerEventId, full.providerEventId);
        QCOMPARE(identified.first().orderingKey, full.orderingKey);
    }
    // Every lead has a well-formed North American number (+1, ten digits, exchange 555).
    QCOMPARE(count("SELECT COUNT(*) FROM leads WHERE length(phone_e164) <> 12 OR substr(phone_e164, 1, 2) <> '+1' "
                   "OR substr(phone_e164, 6, 3) <> '555'"),
             0);
    // A past appointment shows the reminders it went through (issue 21: messages per appointment),
    // and a shown lead's "yes" reply; upcoming ones get no real reminders.
    QVERIFY(count("SELECT COUNT(*) FROM messages WHERE direction = 'outbound' AND status = 'delivered'") > 0);
    QVERIFY(count("SELECT COUNT(*) FROM messages WHERE direction = 'inbound'") > 0);
    QCOMPARE(count("SELECT COUNT(*) FROM messages m JOIN appointments a ON a.id = m.appointment_id "
                   "WHERE a.starts_at > 1700000000000 AND a.status = 'scheduled'"),
             0);
    QCOMPARE(count("SELECT COUNT(*) FROM messages m JOIN appointments a ON a.id = m.appointment_id "
                   "WHERE m.client_id <> a.client_id OR m.lead_id <> a.lead_id"),
             0);
}

QTEST_GUILESS_MAIN(tst_DemoData)
#include "tst_demodata.moc"
