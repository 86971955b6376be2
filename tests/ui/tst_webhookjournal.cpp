// The Admin console's webhook journal (issue 24 item 3): filters by provider, type, state and
// time change the rows; the selected event shows its raw body pretty-printed with secrets
// masked, its verification and its processing error; a failed event replayed from the journal
// is applied once by the event processor and audited; a client user sees only the events applied for
// their client; reads also work through the reader thread.
#include <common/testdatabase.h>
#include <services/webhooks/testhandler.h>

#include <models/clock.h>
#include <models/itemmodels/eventtablemodel.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/eventrepository.h>
#include <services/auth/authservice.h>
#include <services/servicethread.h>
#include <services/webhooks/eventprocessor.h>
#include <services/webhooks/handlerregistry.h>
#include <ui/admin/eventsbox.h>

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

class tst_WebhookJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup() { m_test.reset(); }
    void filtersChangeTheRows();
    void selectedEventShowsMaskedBodyVerificationAndError();
    void replayedFailedEventIsAppliedOnceAndAudited();
    void clientUserSeesOnlyOwnEvents();
    void readsOnTheReaderThread();

private:
    Session admin() const { return Session(m_rootId, QStringLiteral("root"), Session::Role::Admin, 0); }
    qint64 store(const QString &provider, const QString &id, const QString &type, const QByteArray &body,
                 qint64 receivedAt)
    {
        EventRepository events(m_test->database());
        const auto stored = events.insertBatch({ { provider, id, type, {}, body } }, receivedAt);
        if (!stored.ok() || !stored.value().value(0))
            return 0;
        return events.list({}).value().first().id;
    }

    TestClock m_clock { 1'750'000'000'000 };
    std::unique_ptr<Tests::TestDatabase> m_test;
    qint64 m_rootId = 0;
};

void tst_WebhookJournal::init()
{
    QString skip, error;
    m_test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(m_test, qPrintable(error));
    m_rootId = AuthService(m_test->database(), m_clock, 1000)
                       .createFirstAdmin(QStringLiteral("root"), QStringLiteral("river-stone-42-lamp"))
                       .value();
}

void tst_WebhookJournal::filtersChangeTheRows()
{
    constexpr qint64 Day = 86'400'000;
    const qint64 now = m_clock.nowMs();
    EventRepository events(m_test->database());
    const qint64 paid = store(QStringLiteral("stripe"), QStringLiteral("evt_1"), QStringLiteral("invoice.paid"), "{}",
                              now - 2 * Day);
    const qint64 failed = store(QStringLiteral("stripe"), QStringLiteral("evt_2"),
                                QStringLiteral("invoice.payment_failed"), "{}", now - 3'600'000 / 2);
    const qint64 booking = store(QStringLiteral("calcom"), QStringLiteral("b1"), QStringLiteral("BOOKING_CREATED"),
                                 "{}", now - 40 * Day);
    store(QStringLiteral("retell"), QStringLiteral("c1"), QStringLiteral("call_ended"), "{}", now - 60'000);
    QVERIFY(!events.markProcessed(paid, now));
    QVERIFY(!events.markFailed(failed, 8, QStringLiteral("no invoice in_9"), 0, true));
    QVERIFY(!events.markUnattributed(booking, QStringLiteral("no client for event type 7")));
    QVERIFY(!events.markProcessed(booking, now));

    Ui::EventsBox box(m_test->database(), m_clock, admin());
    QAbstractItemModelTester tester(box.model());
    QCOMPARE(box.model()->rowCount(), 4);
    box.setProviderFilter(QStringLiteral("stripe"));
    QCOMPARE(box.model()->rowCount(), 2);
    auto *types = box.findChild<QComboBox *>(QStringLiteral("eventType"));
    QCOMPARE(types->count(), 3); // all + the two Stripe types seen
    box.setTypeFilter(QStringLiteral("invoice.paid"));
    QCOMPARE(box.model()->rowCount(), 1);
    QCOMPARE(box.model()->record(0).id, paid);
    QCOMPARE(box.model()->index(0, EventTableModel::StatusColumn).data().toString(), QStringLiteral("applied"));
    box.setTypeFilter(QString());
    box.setFilter(QStringLiteral("failed"));
    QCOMPARE(box.model()->rowCount(), 1);
    QCOMPARE(box.model()->record(0).id, failed);
    box.setProviderFilter(QString());
    box.setFilter(QStringLiteral("pending"));
    QCOMPARE(box.model()->rowCount(), 1); // the Retell call
    box.setFilter(QStringLiteral("unattributed"));
    QCOMPARE(box.model()->rowCount(), 1);
    QCOMPARE(box.model()->record(0).id, booking);
    box.setFilter(QStringLiteral("applied"));
    QCOMPARE(box.model()->rowCount(), 1); // the unattributed booking changed nothing: not "applied"
    box.setFilter(QString());
    box.setHoursBack(1);
    QCOMPARE(box.model()->rowCount(), 2); // the failed invoice and the call
    box.setHoursBack(24 * 7);
    QCOMPARE(box.model()->rowCount(), 3);
    box.setHoursBack(0);
    QCOMPARE(box.model()->rowCount(), 4);
    QVERIFY(box.model()->record(0).rawBody.isEmpty()); // the list leaves bodies in the database
}

void tst_WebhookJournal::selectedEventShowsMaskedBodyVerificationAndError()
{
    const QByteArray body = R"({"id":"evt_9","type":"invoice.payment_failed","data":{"object":{"id":"in_9",)"
                            R"("customer":"cus_1","client_secret":"pi_secret_TOPSECRET","amount_due":4200}}})";
    const qint64 id = store(QStringLiteral("stripe"), QStringLiteral("evt_9"),
                            QStringLiteral("invoice.payment_failed"), body, m_clock.nowMs());
    QVERIFY(!EventRepository(m_test->database()).markFailed(id, 8, QStringLiteral("invoice in_9: not found"), 0, true));

    Ui::EventsBox box(m_test->database(), m_clock, admin());
    QSignalSpy shown(&box, &Ui::EventsBox::detailsShown);
    box.selectEvent(id);
    QCOMPARE(shown.size(), 1);
    const QString text = box.bodyText();
    QVERIFY2(!text.contains(QStringLiteral("TOPSECRET")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("\"client_secret\": \"••••\"")));
    QVERIFY(text.contains(QStringLiteral("\n        \"object\": {"))); // pretty-printed
    QVERIFY(text.contains(QStringLiteral("\"amount_due\": 4200")));
    const QString details = box.detailsText();
    QVERIFY2(details.contains(QStringLiteral("Signature: verified on receipt (Stripe-Signature")), qPrintable(details));
    QVERIFY(details.contains(QStringLiteral("Processing error: invoice in_9: not found")));
    QVERIFY(details.contains(QStringLiteral("failed")));
    QVERIFY(details.contains(QStringLiteral("attempts: 8")));
    box.table()->clearSelection();
    QVERIFY(box.bodyText().isEmpty());
}

void tst_WebhookJournal::replayedFailedEventIsAppliedOnceAndAudited()
{
    Database &db = m_test->database();
    HandlerRegistry registry;
    auto handler = std::make_unique<Tests::TestHandler>(QStringLiteral("retell"));
    Tests::TestHandler *test = handler.get();
    registry.add(std::move(handler));
    EventProcessor::Options options;
    options.maxAttempts = 1;
    EventProcessor processor(db, m_clock, registry, options);
    test->setFailing(QStringLiteral("call_1"), true);
    const qint64 id = store(QStringLiteral("retell"), QStringLiteral("call_1"), QStringLiteral("call_ended"),
                            R"({"id":"call_1","type":"call_ended"})", m_clock.nowMs());
    QCOMPARE(processor.processAvailable(), 1);
    QCOMPARE(EventRepository(db).byId(id).value().status, QStringLiteral("failed"));

    Ui::EventsBox box(db, m_clock, admin());
    box.setFilter(QStringLiteral("failed"));
    QCOMPARE(box.model()->rowCount(), 1);
    auto *replay = box.findChild<QPushButton *>(QStringLiteral("replayEvent"));
    QVERIFY(!replay->isEnabled());
    box.selectEvent(id);
    QVERIFY(replay->isEnabled());
    test->setFailing(QStringLiteral("call_1"), false); // the cause was fixed
    replay->click();
    QCOMPARE(box.model()->rowCount(), 0); // no longer failed
    QCOMPARE(EventRepository(db).byId(id).value().status, QStringLiteral("pending"));
    QCOMPARE(processor.processAvailable(), 1);
    QCOMPARE(processor.processAvailable(), 0);
    QCOMPARE(test->applied(), QStringList { QStringLiteral("call_1") });
    QCOMPARE(EventRepository(db).byId(id).value().status, QStringLiteral("processed"));

    // Replaying again is refused: the event is applied, and nothing runs twice.
    box.setFilter(QStringLiteral("applied"));
    box.selectEvent(id);
    QVERIFY(!replay->isEnabled());
    QVERIFY(!box.replaySelected().isEmpty());
    QCOMPARE(processor.processAvailable(), 0);
    QCOMPARE(test->applied().size(), 1);

    const QList<AuditRecord> audit
            = AuditRepository(db, TenantScope::agency()).list(QStringLiteral("event.replay")).value();
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().username, QStringLiteral("root"));
    QCOMPARE(audit.first().entityId, QString::number(id));
    QVERIFY(audit.first().beforeJson.contains(QStringLiteral("failed")));
}

// Events applied for a client carry it (migration 028): that client's users see those in
// their journal, never another client's or an unattributed one, and cannot replay; staff see
// every event and cannot replay either (replay is an administrator's action).
void tst_WebhookJournal::clientUserSeesOnlyOwnEvents()
{
    Database &db = m_test->database();
    auto addClient = [&](const QString &name) {
        ClientRecord client;
        client.name = name;
        return ClientRepository(db, m_clock, TenantScope::agency()).insert(client).value();
    };
    const qint64 mine = addClient(QStringLiteral("Sunrise Dental"));
    const qint64 theirs = addClient(QStringLiteral("Bright Smiles"));
    EventRepository events(db);
    const qint64 own = store(QStringLiteral("stripe"), QStringLiteral("evt_1"), QStringLiteral("invoice.paid"), "{}",
                             m_clock.nowMs());
    QVERIFY(!events.markAttributed(own, mine));
    QVERIFY(!events.markFailed(own, 8, QStringLiteral("x"), 0, true));
    const qint64 other = store(QStringLiteral("stripe"), QStringLiteral("evt_2"), QStringLiteral("invoice.paid"), "{}",
                               m_clock.nowMs());
    QVERIFY(!events.markAttributed(other, theirs));
    const qint64 none = store(QStringLiteral("calcom"), QStringLiteral("b1"), QStringLiteral("BOOKING_CREATED"), "{}",
                              m_clock.nowMs());
    QVERIFY(!events.markUnattributed(none, QStringLiteral("no client for event type 7")));

    Ui::EventsBox client(db, m_clock, Session(7, QStringLiteral("carol"), Session::Role::Client, mine));
    QCOMPARE(client.model()->rowCount(), 1);
    QCOMPARE(client.model()->record(0).id, own);
    QCOMPARE(client.findChild<QComboBox *>(QStringLiteral("eventFilter"))->findData(QStringLiteral("unattributed")), -1);
    client.selectEvent(own);
    QVERIFY(client.findChild<QPushButton *>(QStringLiteral("replayEvent"))->isHidden());
    QVERIFY(!client.replaySelected().isEmpty());

    Ui::EventsBox staff(db, m_clock, Session(8, QStringLiteral("bob"), Session::Role::Staff, 0));
    QCOMPARE(staff.model()->rowCount(), 3);
    staff.selectEvent(own);
    QVERIFY(!staff.replaySelected().isEmpty());
    QCOMPARE(events.byId(own).value().status, QStringLiteral("failed"));
}

void tst_WebhookJournal::readsOnTheReaderThread()
{
    const qint64 id = store(QStringLiteral("sendgrid"), QStringLiteral("sg_1"), QStringLiteral("delivered"),
                            R"([{"event":"delivered","sg_message_id":"m1"}])", m_clock.nowMs());
    ServiceThread reader(QStringLiteral("test-reader"), m_test->database());
    Ui::EventsBox box(m_test->database(), m_clock, admin());
    QSignalSpy loaded(&box, &Ui::EventsBox::loaded);
    box.setReader(&reader);
    QVERIFY(loaded.wait());
    QCOMPARE(box.model()->rowCount(), 1);
    QSignalSpy shown(&box, &Ui::EventsBox::detailsShown);
    box.selectEvent(id);
    QVERIFY(shown.wait());
    QVERIFY(box.bodyText().contains(QStringLiteral("\"sg_message_id\": \"m1\"")));
    reader.stop();
}

QTEST_MAIN(tst_WebhookJournal)
#include "tst_webhookjournal.moc"
