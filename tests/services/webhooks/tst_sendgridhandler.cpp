#include "applyharness.h"

#include <common/testdatabase.h>

#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <services/webhooks/sendgridhandler.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::SendGridHandler;

// SendGrid event batches: split per element, forward-only message status, e-mail opt-outs.
class tst_SendGridHandler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchIsSplitIntoOneEventPerElement();
    void badElementRejectsTheBatchNamingIt();
    void deliveredIsNeverUndoneByDeferred_data() { Tests::TestDatabase::addBackendRows(); }
    void deliveredIsNeverUndoneByDeferred();
    void unsubscribeAndSpamReportOptOut_data() { Tests::TestDatabase::addBackendRows(); }
    void unsubscribeAndSpamReportOptOut();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

namespace {

QByteArray element(const QString &event, const QString &eventId, const QString &email = QStringLiteral("ana@example.com"),
                   qint64 timestamp = 1750000000)
{
    return QStringLiteral(R"({"email":"%1","event":"%2","sg_event_id":"%3","sg_message_id":"msg1.filter0001.16.0",)"
                          R"("timestamp":%4,"reason":"mailbox full"})")
            .arg(email, event, eventId)
            .arg(timestamp)
            .toUtf8();
}

QByteArray batch(const QList<QByteArray> &elements)
{
    QByteArray body = "[";
    for (qsizetype i = 0; i < elements.size(); ++i)
        body += (i ? "," : "") + elements.at(i);
    return body + "]\r\n";
}

qint64 addMessage(Database &db, const Clock &clock, qint64 client)
{
    MessageRecord m;
    m.clientId = client;
    m.channel = QStringLiteral("email");
    m.toAddress = QStringLiteral("ana@example.com");
    m.subject = QStringLiteral("Your appointment tomorrow");
    m.status = QStringLiteral("sent");
    m.provider = QStringLiteral("sendgrid");
    m.providerMessageId = QStringLiteral("msg1");
    return MessageRepository(db, clock, TenantScope::agency()).insert(m).valueOr(0);
}

} // namespace

void tst_SendGridHandler::batchIsSplitIntoOneEventPerElement()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(holder, qPrintable(error));
    SendGridHandler handler(holder->database(), m_clock);
    QList<Services::IncomingEvent> events;
    QVERIFY(handler.identify(batch({ element(QStringLiteral("processed"), QStringLiteral("e1")),
                                     element(QStringLiteral("delivered"), QStringLiteral("e2")),
                                     element(QStringLiteral("open"), QStringLiteral("e3")) }),
                             {}, &events, &error));
    QCOMPARE(events.size(), 3);
    QCOMPARE(events.at(1).providerEventId, QStringLiteral("e2"));
    QCOMPARE(events.at(1).eventType, QStringLiteral("delivered"));
    QCOMPARE(events.at(1).orderingKey, QStringLiteral("message:msg1"));
    Services::SendGridEvent parsed;
    QVERIFY(Services::parseSendGridEvent(events.at(2).rawBody, &parsed, &error));
    QCOMPARE(parsed.sgEventId, QStringLiteral("e3"));
    QVERIFY(!events.at(2).rawBody.contains("e2")); // only its own element
    events.clear();
    QVERIFY(handler.identify("[]", {}, &events, &error));
    QCOMPARE(events.size(), 0);
}

void tst_SendGridHandler::badElementRejectsTheBatchNamingIt()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(holder, qPrintable(error));
    SendGridHandler handler(holder->database(), m_clock);
    QList<Services::IncomingEvent> events;
    QVERIFY(!handler.identify(R"({"event":"delivered"})", {}, &events, &error));
    QCOMPARE(error, QStringLiteral("body is not a JSON array"));
    QVERIFY(!handler.identify(batch({ element(QStringLiteral("delivered"), QStringLiteral("e1")),
                                      R"({"event":"open","email":"a@example.com"})" }),
                              {}, &events, &error));
    QCOMPARE(error, QStringLiteral("element 1: missing or invalid field: sg_event_id"));
    QVERIFY(!handler.identify("[1]", {}, &events, &error));
    QCOMPARE(error, QStringLiteral("element 0: not a JSON object"));
    QCOMPARE(events.size(), 0);
}

void tst_SendGridHandler::deliveredIsNeverUndoneByDeferred()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 message = addMessage(db, m_clock, client);
    QVERIFY(message > 0);
    SendGridHandler handler(db, m_clock);
    MessageRepository messages(db, m_clock, TenantScope::agency());
    QCOMPARE(Tests::deliver(handler, db, batch({ element(QStringLiteral("deferred"), QStringLiteral("e1")) })), QString());
    QCOMPARE(messages.find(message).value().status, QStringLiteral("deferred"));
    QCOMPARE(messages.find(message).value().error, QStringLiteral("mailbox full"));
    QCOMPARE(Tests::deliver(handler, db, batch({ element(QStringLiteral("delivered"), QStringLiteral("e2"), {}, 1750000060),
                                                 element(QStringLiteral("deferred"), QStringLiteral("e3")),
                                                 element(QStringLiteral("processed"), QStringLiteral("e4")) })),
             QString());
    const MessageRecord after = messages.find(message).value();
    QCOMPARE(after.status, QStringLiteral("delivered"));
    QCOMPARE(after.deliveredAt, 1'750'000'060'000);
    QCOMPARE(Tests::deliver(handler, db, batch({ element(QStringLiteral("click"), QStringLiteral("e5")),
                                                 element(QStringLiteral("open"), QStringLiteral("e6")) })),
             QString());
    QCOMPARE(messages.find(message).value().status, QStringLiteral("clicked"));
    QCOMPARE(messages.find(message).value().deliveredAt, 1'750'000'060'000);
}

void tst_SendGridHandler::unsubscribeAndSpamReportOptOut()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 other = Tests::addClient(db, m_clock, QStringLiteral("Bright Smiles"));
    QVERIFY(addMessage(db, m_clock, client) > 0);
    SendGridHandler handler(db, m_clock);
    OptOutRepository optOuts(db, m_clock, TenantScope::agency());
    QCOMPARE(Tests::deliver(handler, db, batch({ element(QStringLiteral("unsubscribe"), QStringLiteral("u1"),
                                                         QStringLiteral("Ana@Example.com")) })),
             QString());
    QCOMPARE(Tests::deliver(handler, db, batch({ element(QStringLiteral("unsubscribe"), QStringLiteral("u1"),
                                                         QStringLiteral("Ana@Example.com")) })),
             QString());
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("ana@example.com"), QStringLiteral("email"), client).valueOr(false), true);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("ana@example.com"), QStringLiteral("email"), other).valueOr(true), false);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("ana@example.com"), QStringLiteral("sms"), client).valueOr(true), false);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM opt_outs")), 1);
    QCOMPARE(MessageRepository(db, m_clock, TenantScope::agency()).findByProviderId(QStringLiteral("sendgrid"), QStringLiteral("msg1")).value().first().status,
             QStringLiteral("unsubscribed"));
    // A spam complaint, even for mail we cannot match, stops e-mail from every client.
    QCOMPARE(Tests::deliver(handler, db, QStringLiteral(R"([{"email":"bob@example.com","event":"spamreport","sg_event_id":"s1"}])").toUtf8()),
             QString());
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("bob@example.com"), QStringLiteral("email"), other).valueOr(false), true);
}

QTEST_GUILESS_MAIN(tst_SendGridHandler)
#include "tst_sendgridhandler.moc"
