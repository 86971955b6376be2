#include "applyharness.h"

#include <common/testdatabase.h>

#include <models/repositories/invoicerepository.h>
#include <models/repositories/milestonerepository.h>
#include <services/providerconfig.h>
#include <services/webhooks/stripehandler.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::StripeHandler;

// Stripe invoice events: monotonic status, milestone paid, lookups and unknown invoices.
class tst_StripeHandler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lifecycleMarksInvoiceAndMilestonePaid_data() { Tests::TestDatabase::addBackendRows(); }
    void lifecycleMarksInvoiceAndMilestonePaid();
    void statusNeverMovesBackwards_data();
    void statusNeverMovesBackwards();
    void metadataInvoiceIdFindsTheInvoice_data() { Tests::TestDatabase::addBackendRows(); }
    void metadataInvoiceIdFindsTheInvoice();
    void unknownInvoiceChangesNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void unknownInvoiceChangesNothing();
    void configuredModeFromSettingOrKeyPrefix_data();
    void configuredModeFromSettingOrKeyPrefix();
    void eventOfTheOtherModeChangesNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void eventOfTheOtherModeChangesNothing();
    void parserNamesMissingField();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

namespace {

QByteArray stripeEvent(const QString &id, const QString &type, const QString &invoiceId, const QString &metadataId = {})
{
    QString metadata = metadataId.isEmpty() ? QString() : QStringLiteral(R"(,"metadata":{"invoice_id":"%1"})").arg(metadataId);
    return QStringLiteral(R"({"id":"%1","object":"event","created":1750000100,"type":"%2","data":{"object":{"id":"%3",)"
                          R"("object":"invoice","number":"CV-0001","hosted_invoice_url":"https://pay.example/%3",)"
                          R"("status_transitions":{"paid_at":1750000200}%4}}})")
            .arg(id, type, invoiceId, metadata)
            .toUtf8();
}

qint64 addInvoice(Database &db, const Clock &clock, qint64 client, const QString &stripeId)
{
    InvoiceRecord invoice;
    invoice.clientId = client;
    invoice.kind = QStringLiteral("milestone");
    invoice.stripeInvoiceId = stripeId;
    invoice.amountCents = 200000;
    return InvoiceRepository(db, clock, TenantScope::agency()).insert(invoice).valueOr(0);
}

} // namespace

void tst_StripeHandler::lifecycleMarksInvoiceAndMilestonePaid()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 invoice = addInvoice(db, m_clock, client, QStringLiteral("in_1"));
    MilestoneRecord milestone;
    milestone.clientId = client;
    milestone.sequence = 1;
    milestone.status = QStringLiteral("invoiced");
    milestone.invoiceId = invoice;
    const qint64 milestoneId = MilestoneRepository(db, m_clock, TenantScope::agency()).insert(milestone).valueOr(0);
    StripeHandler handler(db, m_clock);
    QList<Services::IncomingEvent> events;
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_1"), QStringLiteral("invoice.finalized"), QStringLiteral("in_1")), {}, &events), QString());
    QCOMPARE(events.first().providerEventId, QStringLiteral("evt_1"));
    QCOMPARE(events.first().orderingKey, QStringLiteral("invoice:in_1"));
    InvoiceRepository invoices(db, m_clock, TenantScope::agency());
    QCOMPARE(invoices.find(invoice).value().status, QStringLiteral("open"));
    QCOMPARE(invoices.find(invoice).value().number, QStringLiteral("CV-0001"));
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_2"), QStringLiteral("invoice.sent"), QStringLiteral("in_1"))), QString());
    QCOMPARE(invoices.find(invoice).value().sentAt, 1'750'000'100'000);
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_3"), QStringLiteral("invoice.payment_failed"), QStringLiteral("in_1"))), QString());
    QCOMPARE(invoices.find(invoice).value().status, QStringLiteral("open"));
    QVERIFY(invoices.find(invoice).value().lastError.contains(QStringLiteral("payment failed")));
    QCOMPARE(MilestoneRepository(db, m_clock, TenantScope::agency()).find(milestoneId).value().status, QStringLiteral("invoiced"));
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_4"), QStringLiteral("invoice.paid"), QStringLiteral("in_1"))), QString());
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_4"), QStringLiteral("invoice.paid"), QStringLiteral("in_1"))), QString());
    const InvoiceRecord paid = invoices.find(invoice).value();
    QCOMPARE(paid.status, QStringLiteral("paid"));
    QCOMPARE(paid.paidAt, 1'750'000'200'000);
    QCOMPARE(paid.hostedUrl, QStringLiteral("https://pay.example/in_1"));
    QCOMPARE(MilestoneRepository(db, m_clock, TenantScope::agency()).find(milestoneId).value().status, QStringLiteral("paid"));
}

void tst_StripeHandler::statusNeverMovesBackwards_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<QString>("expected");
    const QStringList backends { QStringLiteral("sqlite"), QStringLiteral("postgresql") };
    for (const QString &backend : backends) {
        auto row = [&](const char *name, const QStringList &types, const char *expected) {
            QTest::newRow(qPrintable(backend + QLatin1Char(':') + QLatin1String(name)))
                    << backend << types << QString::fromLatin1(expected);
        };
        row("late finalized after paid", { QStringLiteral("invoice.paid"), QStringLiteral("invoice.finalized") }, "paid");
        row("late sent after paid", { QStringLiteral("invoice.paid"), QStringLiteral("invoice.sent") }, "paid");
        row("failed after paid", { QStringLiteral("invoice.paid"), QStringLiteral("invoice.payment_failed") }, "paid");
        row("voided after paid", { QStringLiteral("invoice.paid"), QStringLiteral("invoice.voided") }, "paid");
        row("paid after voided", { QStringLiteral("invoice.voided"), QStringLiteral("invoice.paid") }, "void");
        row("finalized after voided", { QStringLiteral("invoice.voided"), QStringLiteral("invoice.finalized") }, "void");
        row("uncollectible then paid", { QStringLiteral("invoice.marked_uncollectible"), QStringLiteral("invoice.paid") }, "paid");
        row("paid then uncollectible", { QStringLiteral("invoice.paid"), QStringLiteral("invoice.marked_uncollectible") }, "paid");
        row("finalized then uncollectible", { QStringLiteral("invoice.finalized"), QStringLiteral("invoice.marked_uncollectible") }, "uncollectible");
        row("unrelated type", { QStringLiteral("invoice.updated") }, "draft");
    }
}

void tst_StripeHandler::statusNeverMovesBackwards()
{
    QFETCH(QStringList, types);
    QFETCH(QString, expected);
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 invoice = addInvoice(db, m_clock, client, QStringLiteral("in_9"));
    StripeHandler handler(db, m_clock);
    int n = 0;
    for (const QString &type : types)
        QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_%1").arg(++n), type, QStringLiteral("in_9"))), QString());
    QCOMPARE(InvoiceRepository(db, m_clock, TenantScope::agency()).find(invoice).value().status, expected);
}

void tst_StripeHandler::metadataInvoiceIdFindsTheInvoice()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 invoice = addInvoice(db, m_clock, client, {});
    StripeHandler handler(db, m_clock);
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_m"), QStringLiteral("invoice.finalized"),
                                               QStringLiteral("in_new"), QString::number(invoice))),
             QString());
    const InvoiceRecord after = InvoiceRepository(db, m_clock, TenantScope::agency()).find(invoice).value();
    QCOMPARE(after.stripeInvoiceId, QStringLiteral("in_new"));
    QCOMPARE(after.status, QStringLiteral("open"));
    // metadata naming an invoice already tied to another Stripe invoice is not trusted
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_n"), QStringLiteral("invoice.voided"),
                                               QStringLiteral("in_other"), QString::number(invoice))),
             QString());
    QCOMPARE(InvoiceRepository(db, m_clock, TenantScope::agency()).find(invoice).value().status, QStringLiteral("open"));
}

void tst_StripeHandler::unknownInvoiceChangesNothing()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 invoice = addInvoice(db, m_clock, client, QStringLiteral("in_known"));
    StripeHandler handler(db, m_clock);
    QCOMPARE(Tests::deliver(handler, db, stripeEvent(QStringLiteral("evt_u"), QStringLiteral("invoice.paid"), QStringLiteral("in_unknown"))),
             QString());
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM invoices")), 1);
    QCOMPARE(InvoiceRepository(db, m_clock, TenantScope::agency()).find(invoice).value().status, QStringLiteral("draft"));
}

void tst_StripeHandler::configuredModeFromSettingOrKeyPrefix_data()
{
    QTest::addColumn<QString>("livemode");
    QTest::addColumn<QString>("apiKey");
    QTest::addColumn<int>("expected"); // 1 live, 0 test, -1 not configured
    QTest::newRow("test key") << QString() << "sk_test_abc" << 0;
    QTest::newRow("live key") << QString() << "sk_live_abc" << 1;
    QTest::newRow("restricted live key") << QString() << "rk_live_abc" << 1;
    QTest::newRow("setting wins over key") << "false" << "sk_live_abc" << 0;
    QTest::newRow("setting live") << "live" << QString() << 1;
    QTest::newRow("nothing") << QString() << QString() << -1;
    QTest::newRow("whitespace only") << "  " << "   " << -1;
    QTest::newRow("unknown key shape") << QString() << "abc" << -1;
}

void tst_StripeHandler::configuredModeFromSettingOrKeyPrefix()
{
    QFETCH(QString, livemode);
    QFETCH(QString, apiKey);
    QFETCH(int, expected);
    QProcessEnvironment env;
    if (!livemode.isNull())
        env.insert(QStringLiteral("CALLVIA_STRIPE_LIVEMODE"), livemode);
    if (!apiKey.isNull())
        env.insert(QStringLiteral("CALLVIA_STRIPE_API_KEY"), apiKey);
    const Services::ProviderConfig config(nullptr, nullptr, env);
    const std::optional<bool> live = StripeHandler::configuredLivemode(config);
    QCOMPARE(live ? int(*live) : -1, expected);
}

// A test-mode installation ignores live events and the other way round; without a configured
// mode every event is ignored (fail closed). The reason is logged.
void tst_StripeHandler::eventOfTheOtherModeChangesNothing()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 invoice = addInvoice(db, m_clock, client, QStringLiteral("in_1"));
    InvoiceRepository invoices(db, m_clock, TenantScope::agency());
    auto withMode = [](QByteArray body, const char *mode) {
        const QByteArray marked = QByteArray(R"("object":"event","livemode":)") + QByteArray(mode) + QByteArray(",");
        return body.replace(QByteArray(R"("object":"event",)"), marked);
    };
    QProcessEnvironment none;
    const Services::ProviderConfig unconfigured(nullptr, nullptr, none);
    StripeHandler blind(db, m_clock, &unconfigured);
    QCOMPARE(Tests::deliver(blind, db, withMode(stripeEvent(QStringLiteral("evt_0"), QStringLiteral("invoice.paid"),
                                                            QStringLiteral("in_1")), "false")),
             QString());
    QCOMPARE(invoices.find(invoice).value().status, QStringLiteral("draft"));

    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_STRIPE_API_KEY"), QStringLiteral("sk_test_123"));
    const Services::ProviderConfig config(nullptr, nullptr, env);
    StripeHandler handler(db, m_clock, &config);
    for (const char *mode : { "true", "\"false\"" }) { // live, and not a boolean
        QCOMPARE(Tests::deliver(handler, db, withMode(stripeEvent(QStringLiteral("evt_live"), QStringLiteral("invoice.paid"),
                                                                  QStringLiteral("in_1")), mode)),
                 QString());
        QCOMPARE(invoices.find(invoice).value().status, QStringLiteral("draft"));
    }
    QCOMPARE(Tests::deliver(handler, db, withMode(stripeEvent(QStringLiteral("evt_test"), QStringLiteral("invoice.paid"),
                                                              QStringLiteral("in_1")), "false")),
             QString());
    QCOMPARE(invoices.find(invoice).value().status, QStringLiteral("paid"));
}

void tst_StripeHandler::parserNamesMissingField()
{
    Services::StripeInvoiceEvent parsed;
    QString error;
    QVERIFY(!Services::parseStripeEvent(R"({"type":"invoice.paid"})", &parsed, &error));
    QCOMPARE(error, QStringLiteral("missing or invalid field: id"));
    QVERIFY(!Services::parseStripeEvent(R"({"id":"evt_1"})", &parsed, &error));
    QCOMPARE(error, QStringLiteral("missing or invalid field: type"));
    QVERIFY(!Services::parseStripeEvent("\xff\xfe", &parsed, &error));
    QVERIFY(Services::parseStripeEvent(R"({"id":"evt_1","type":"invoice.paid","created":1e300,"data":7})", &parsed, &error));
    QCOMPARE(parsed.createdMs, 0);
    QVERIFY(parsed.objectId.isEmpty());
}

QTEST_GUILESS_MAIN(tst_StripeHandler)
#include "tst_stripehandler.moc"
