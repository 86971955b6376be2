#include "applyharness.h"

#include <common/testdatabase.h>

#include <models/repositories/eventrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <services/webhooks/messagebirdhandler.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::MessageBirdHandler;

// MessageBird delivery reports (GET query) and inbound SMS replies with stop words.
class tst_MessageBirdHandler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliveryReportFromQueryUpdatesMessage_data() { Tests::TestDatabase::addBackendRows(); }
    void deliveryReportFromQueryUpdatesMessage();
    void stopWords_data();
    void stopWords();
    void stopReplyOptsNumberOutEverywhere_data() { Tests::TestDatabase::addBackendRows(); }
    void stopReplyOptsNumberOutEverywhere();
    void replyBelongsToTheClientOfTheNumberItReached_data() { Tests::TestDatabase::addBackendRows(); }
    void replyBelongsToTheClientOfTheNumberItReached();
    void identifyNamesMissingField();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

namespace {

QUrlQuery dlr(const QString &status, const QString &datetime)
{
    // Built from an encoded query the way the listener gets it: '+' arrives as a space.
    return QUrlQuery(QStringLiteral("id=mb_1&reference=ob_7&recipient=31612345678&status=%1&statusDatetime=%2")
                             .arg(status, datetime));
}

} // namespace

void tst_MessageBirdHandler::deliveryReportFromQueryUpdatesMessage()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    MessageRecord m;
    m.clientId = client;
    m.channel = QStringLiteral("sms");
    m.toAddress = QStringLiteral("+31612345678");
    m.body = QStringLiteral("See you tomorrow at 14:30");
    m.status = QStringLiteral("queued");
    m.provider = QStringLiteral("messagebird");
    m.providerMessageId = QStringLiteral("mb_1");
    MessageRepository messages(db, m_clock, TenantScope::agency());
    const qint64 id = messages.insert(m).valueOr(0);
    QVERIFY(id > 0);
    MessageBirdHandler handler(db, m_clock);
    QList<Services::IncomingEvent> events;
    QCOMPARE(Tests::deliver(handler, db, {}, dlr(QStringLiteral("delivered"), QStringLiteral("2025-06-15T08:58:10+00:00")), &events),
             QString());
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().providerEventId, QStringLiteral("mb_1:delivered:2025-06-15T08:58:10+00:00"));
    QCOMPARE(events.first().orderingKey, QStringLiteral("message:mb_1"));
    QVERIFY(!events.first().rawBody.isEmpty());
    MessageRecord after = messages.find(id).value();
    QCOMPARE(after.status, QStringLiteral("delivered"));
    QCOMPARE(after.deliveredAt, QDateTime(QDate(2025, 6, 15), QTime(8, 58, 10), Qt::UTC).toMSecsSinceEpoch());
    // A late "sent" report does not move it back.
    QCOMPARE(Tests::deliver(handler, db, {}, dlr(QStringLiteral("sent"), QStringLiteral("2025-06-15T08:58:00+00:00"))), QString());
    after = messages.find(id).value();
    QCOMPARE(after.status, QStringLiteral("delivered"));
    QCOMPARE(after.sentAt, QDateTime(QDate(2025, 6, 15), QTime(8, 58), Qt::UTC).toMSecsSinceEpoch());
}

void tst_MessageBirdHandler::stopWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("stop");
    for (const char *word : { "STOP", "stop", " Stop ", "QUIT", "end", "Revoke", "opt out", "OPT  OUT", "cancel",
                              "UNSUBSCRIBE", "StopAll", "\tstop\n" })
        QTest::newRow(word) << QString::fromLatin1(word) << true;
    for (const char *word : { "stop please", "STOPP", "optout", "yes", "", "unstop" })
        QTest::newRow(word[0] ? word : "empty") << QString::fromLatin1(word) << false;
}

void tst_MessageBirdHandler::stopWords()
{
    QFETCH(QString, text);
    QFETCH(bool, stop);
    QCOMPARE(MessageBirdHandler::isStopWord(text), stop);
}

void tst_MessageBirdHandler::stopReplyOptsNumberOutEverywhere()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 other = Tests::addClient(db, m_clock, QStringLiteral("Bright Smiles"));
    QVERIFY(Tests::mapProviderId(db, m_clock, client, QStringLiteral("messagebird"), QStringLiteral("number"),
                                 QStringLiteral("+3197010000000")));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+31612345678"), {}, QStringLiteral("booked"));
    MessageBirdHandler handler(db, m_clock);
    OptOutRepository optOuts(db, m_clock, TenantScope::agency());
    const QByteArray hello = R"({"id":"in_1","originator":"31612345678","payload":"See you then","receiver":"3197010000000"})";
    QCOMPARE(Tests::deliver(handler, db, hello), QString());
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+31612345678"), QStringLiteral("sms"), client).valueOr(true), false);
    const QByteArray stop = R"({"id":"in_2","originator":"31612345678","body":"  Opt Out ","receiver":"3197010000000"})";
    QList<Services::IncomingEvent> events;
    QCOMPARE(Tests::deliver(handler, db, stop, {}, &events), QString());
    QCOMPARE(Tests::deliver(handler, db, stop), QString());
    QCOMPARE(events.first().providerEventId, QStringLiteral("in_2"));
    for (const QString &channel : { QStringLiteral("sms"), QStringLiteral("call") }) {
        QCOMPARE(optOuts.isOptedOut(QStringLiteral("+31612345678"), channel, client).valueOr(false), true);
        QCOMPARE(optOuts.isOptedOut(QStringLiteral("+31612345678"), channel, other).valueOr(false), true);
    }
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+31612345679"), QStringLiteral("sms"), client).valueOr(true), false);
    QCOMPARE(Tests::leadStatus(db, m_clock, lead), QStringLiteral("dnc"));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE source = 'sms_reply' AND channel = 'all'")), 1);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM messages WHERE direction = 'inbound' AND client_id = ?"), { client }), 2);
}

void tst_MessageBirdHandler::replyBelongsToTheClientOfTheNumberItReached()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 clientA = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 clientB = Tests::addClient(db, m_clock, QStringLiteral("Bright Smiles"));
    QVERIFY(Tests::mapProviderId(db, m_clock, clientA, QStringLiteral("messagebird"), QStringLiteral("number"),
                                 QStringLiteral("+14155550100")));
    const qint64 campaignB = Tests::addCampaign(db, m_clock, clientB, QStringLiteral("Summer"));
    const qint64 leadB = Tests::addLead(db, m_clock, clientB, campaignB, QStringLiteral("+31612345678"));
    MessageBirdHandler handler(db, m_clock);
    // Sent to A's number: A's message, and B's lead with the same phone is not its lead.
    QCOMPARE(Tests::deliver(handler, db, R"({"id":"in_a","originator":"31612345678","payload":"Hi","receiver":"14155550100"})"),
             QString());
    const QList<MessageRecord> rows = MessageRepository(db, m_clock, TenantScope::agency()).findByProviderId(QStringLiteral("messagebird"),
                                                                                     QStringLiteral("in_a")).value();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().clientId, clientA);
    QCOMPARE(rows.first().leadId, 0);
    QCOMPARE(Tests::leadStatus(db, m_clock, leadB), QStringLiteral("new"));

    // Sent to a number no client has: flagged, not stored as anyone's message, no lead touched;
    // a stop word is still honoured (an opt-out only ever reduces contact).
    QList<qint64> ids;
    QCOMPARE(Tests::deliver(handler, db, R"({"id":"in_x","originator":"31612345678","payload":"Hello","receiver":"14155550199"})",
                            {}, nullptr, &ids),
             QString());
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM messages WHERE provider_message_id = 'in_x'")), 0);
    QVERIFY(EventRepository(db).byId(ids.first()).value().unattributed);
    QCOMPARE(Tests::deliver(handler, db, R"({"id":"in_y","originator":"31612345678","payload":"STOP","receiver":"14155550199"})"),
             QString());
    QCOMPARE(OptOutRepository(db, m_clock, TenantScope::agency()).isOptedOut(QStringLiteral("+31612345678"), QStringLiteral("sms"), clientB)
                     .valueOr(false),
             true);
    QCOMPARE(Tests::leadStatus(db, m_clock, leadB), QStringLiteral("new"));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM messages")), 1);
}

void tst_MessageBirdHandler::identifyNamesMissingField()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(holder, qPrintable(error));
    MessageBirdHandler handler(holder->database(), m_clock);
    QList<Services::IncomingEvent> events;
    QVERIFY(!handler.identify({}, QUrlQuery(QStringLiteral("id=mb_1&status=delivered")), &events, &error));
    QCOMPARE(error, QStringLiteral("missing or invalid field: statusDatetime"));
    QVERIFY(!handler.identify({}, QUrlQuery(QStringLiteral("status=delivered&statusDatetime=x")), &events, &error));
    QCOMPARE(error, QStringLiteral("missing or invalid field: id"));
    QVERIFY(!handler.identify(R"({"id":"in_1","originator":"3161"})", {}, &events, &error));
    QCOMPARE(error, QStringLiteral("missing or invalid field: payload"));
    QVERIFY(!handler.identify(R"({"hello":1})", {}, &events, &error));
    QVERIFY(error.contains(QStringLiteral("originator")));
    QVERIFY(!handler.identify("not json", {}, &events, &error));
    QCOMPARE(events.size(), 0);
    // An inbound message forwarded as GET parameters is stored as a JSON object of them.
    QVERIFY2(handler.identify({}, QUrlQuery(QStringLiteral("id=in_9&originator=31612345678&payload=stop")), &events, &error),
             qPrintable(error));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().eventType, QStringLiteral("sms.inbound"));
    Services::MessageBirdEvent parsed;
    QVERIFY(Services::parseMessageBirdEvent(events.first().rawBody, &parsed, &error));
    QCOMPARE(parsed.kind, Services::MessageBirdEvent::InboundSms);
    QCOMPARE(parsed.body, QStringLiteral("stop"));
}

QTEST_GUILESS_MAIN(tst_MessageBirdHandler)
#include "tst_messagebirdhandler.moc"
