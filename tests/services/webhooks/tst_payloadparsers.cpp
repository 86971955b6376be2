#include <common/testdatabase.h>

#include <models/clock.h>
#include <services/webhooks/calcomhandler.h>
#include <services/webhooks/messagebirdhandler.h>
#include <services/webhooks/payloadfields.h>
#include <services/webhooks/retellhandler.h>
#include <services/webhooks/sendgridhandler.h>
#include <services/webhooks/stripehandler.h>

#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <QtTest>

#include <memory>

using namespace Callvia;
namespace P = Callvia::Services::PayloadFields;

// The shared field readers, and every provider parser fed truncated, mutated and random bytes
// (a deterministic smoke run; the fuzz targets go further).
class tst_PayloadParsers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void e164_data();
    void e164();
    void isoToMs();
    void integerRejectsWhatDoesNotFit();
    void parsersSurviveMutatedInput();
};

void tst_PayloadParsers::e164_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("already e164") << QStringLiteral("+14155550123") << QStringLiteral("+14155550123");
    QTest::newRow("msisdn") << QStringLiteral("31612345678") << QStringLiteral("+31612345678");
    QTest::newRow("spaces dashes") << QStringLiteral(" +1 (415) 555-0123 ") << QStringLiteral("+14155550123");
    QTest::newRow("00 prefix") << QStringLiteral("00351912345678") << QStringLiteral("+351912345678");
    QTest::newRow("too short") << QStringLiteral("+1415") << QString();
    QTest::newRow("no such country code") << QStringLiteral("99912345678") << QString();
    QTest::newRow("invalid length for NL") << QStringLiteral("316123456789") << QString();
    QTest::newRow("alphanumeric sender") << QStringLiteral("Callvia") << QString();
    QTest::newRow("too long") << QStringLiteral("+1234567890123456") << QString();
    QTest::newRow("letters") << QStringLiteral("+1415CALLNOW") << QString();
    QTest::newRow("two plus") << QStringLiteral("++14155550123") << QString();
    QTest::newRow("arabic digits") << QString::fromUtf8("+١٤١٥٥٥٥٠١٢٣") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_PayloadParsers::e164()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(P::e164(input), expected);
}

void tst_PayloadParsers::isoToMs()
{
    QCOMPARE(P::isoToMs(QStringLiteral("2024-01-10T14:30:00Z")), 1704897000000);
    QCOMPARE(P::isoToMs(QStringLiteral("2024-01-10T14:30:00.250Z")), 1704897000250);
    QCOMPARE(P::isoToMs(QStringLiteral("2024-01-10T15:30:00+01:00")), 1704897000000);
    QCOMPARE(P::isoToMs(QStringLiteral("2024-01-10T14:30:00")), 1704897000000); // no offset = UTC
    QCOMPARE(P::isoToMs(QStringLiteral("tomorrow")), 0);
    QCOMPARE(P::isoToMs(QString()), 0);
}

void tst_PayloadParsers::integerRejectsWhatDoesNotFit()
{
    QCOMPARE(P::integer(QJsonValue(1714608475945.0)), 1714608475945);
    QCOMPARE(P::integer(QJsonValue(QStringLiteral(" 42 "))), 42);
    QCOMPARE(P::integer(QJsonValue(1e300), -1), -1);
    QCOMPARE(P::integer(QJsonValue(QStringLiteral("99999999999999999999")), -1), -1);
    QCOMPARE(P::integer(QJsonValue(QStringLiteral("L-42")), -1), -1);
    QCOMPARE(P::integer(QJsonValue(true), -1), -1);
    QCOMPARE(P::text(QJsonObject { { QStringLiteral("a"), 12.0 } }, QStringLiteral("a")), QStringLiteral("12"));
    QCOMPARE(P::text(QJsonObject { { QStringLiteral("a"), 1.5 } }, QStringLiteral("a")), QString());
}

void tst_PayloadParsers::parsersSurviveMutatedInput()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(holder, qPrintable(error));
    Models::TestClock clock;
    Models::Database &db = holder->database();
    std::vector<std::unique_ptr<Services::ProviderHandler>> handlers;
    handlers.push_back(std::make_unique<Services::RetellHandler>(db, clock));
    handlers.push_back(std::make_unique<Services::CalcomHandler>(db, clock));
    handlers.push_back(std::make_unique<Services::StripeHandler>(db, clock));
    handlers.push_back(std::make_unique<Services::SendGridHandler>(db, clock));
    handlers.push_back(std::make_unique<Services::MessageBirdHandler>(db, clock));
    const QList<QByteArray> seeds {
        R"({"event":"call_analyzed","call":{"call_id":"c1","direction":"inbound","from_number":"+14155550123","start_timestamp":1714608475945,"duration_ms":15791,"metadata":{"lead_id":"7"},"call_analysis":{"user_sentiment":"Positive","custom_analysis_data":{"booked":true,"callback_at":"2024-05-01T10:00:00Z"}}}})",
        R"({"triggerEvent":"BOOKING_RESCHEDULED","createdAt":"2024-01-01T10:00:00.000Z","payload":{"uid":"n","rescheduleUid":"o","startTime":"2024-01-10T14:30:00Z","endTime":"2024-01-10T14:45:00Z","attendees":[{"email":"a@b.c","phoneNumber":"+351912345678"}],"responses":{"attendeePhoneNumber":{"value":"+351912345678"}}}})",
        R"({"id":"evt_1","type":"invoice.paid","created":1700000000,"data":{"object":{"id":"in_1","metadata":{"invoice_id":"3"},"status_transitions":{"paid_at":1700000001}}}})",
        R"([{"email":"a@example.com","event":"bounce","sg_event_id":"ev1","sg_message_id":"msg1.filter","timestamp":1700000000}])",
        R"({"id":"in_1","originator":"31612345678","payload":"STOP","receiver":"3197010000000"})",
    };
    QRandomGenerator random(20260601);
    int parsed = 0;
    for (const QByteArray &seed : seeds) {
        QList<QByteArray> inputs;
        for (int cut = 0; cut <= seed.size(); ++cut)
            inputs << seed.left(cut);
        for (int i = 0; i < 300; ++i) {
            QByteArray mutated = seed;
            for (int flips = 1 + random.bounded(4); flips > 0; --flips)
                mutated[random.bounded(int(mutated.size()))] = char(random.bounded(256));
            inputs << mutated;
            QByteArray noise(random.bounded(64), Qt::Uninitialized);
            for (char &c : noise)
                c = char(random.bounded(256));
            inputs << noise;
        }
        for (const QByteArray &input : inputs) {
            for (const auto &handler : handlers) {
                QList<Services::IncomingEvent> events;
                QString message;
                if (handler->identify(input, QUrlQuery(QString::fromLatin1(input.toPercentEncoding("=&"))), &events, &message)) {
                    ++parsed;
                    for (const Services::IncomingEvent &event : events) {
                        QVERIFY(!event.providerEventId.isEmpty());
                        // What intake accepts, apply must take without a database error.
                        Models::EventRecord record;
                        record.provider = handler->provider();
                        record.eventType = event.eventType;
                        record.rawBody = event.rawBody;
                        Models::Transaction transaction(db);
                        const Models::DbError applied = handler->apply(record);
                        QVERIFY2(!applied.isError() || applied.kind() == Models::DbError::Invalid,
                                 qPrintable(applied.message() + QStringLiteral(" for ") + QString::fromUtf8(event.rawBody.toHex())));
                    }
                } else {
                    QVERIFY(!message.isEmpty()); // a failure always says why
                }
            }
        }
    }
    QVERIFY(parsed > 0);
}

QTEST_GUILESS_MAIN(tst_PayloadParsers)
#include "tst_payloadparsers.moc"
