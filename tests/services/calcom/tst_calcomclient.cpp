#include <fakes/fakeproviders.h>
#include <services/providers/calcom/calcomclient.h>
#include <services/reminders/messagetemplates.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>
#include <QtTest>

using namespace Callvia;
using Services::CalcomClient;

namespace {

const QString Key = QStringLiteral("cal_live_test_key");

QJsonObject slotData()
{
    auto day = [](std::initializer_list<const char *> starts) {
        QJsonArray found;
        for (const char *start : starts)
            found << QJsonObject { { QStringLiteral("start"), QLatin1String(start) } };
        return found;
    };
    // Cal.com answers in the zone asked for (America/New_York, EST in December).
    return { { QStringLiteral("2026-12-09"), day({ "2026-12-09T09:00:00.000-05:00" }) },
             { QStringLiteral("2026-12-08"), day({ "2026-12-08T10:00:00.000-05:00", "2026-12-08T14:30:00.000-05:00" }) } };
}

CalcomClient::Settings settingsFor(const Fakes::FakeCalcom &fake, const QString &key = Key)
{
    CalcomClient::Settings s;
    s.baseUrl = fake.baseUrl();
    s.apiKey = key;
    s.eventTypeId = 4242;
    s.timeoutMs = 3000;
    return s;
}

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

// The Cal.com v2 client against the fake Cal.com on loopback.
class tst_CalcomClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void slotsParsedSortedAndShownInLeadZone();
    void bookingPostsTheRightBody();
    void wrongKeyIsAClearError();
    void unreachableHostIsAClearError();
    void malformedJsonIsAClearError();
    void clientErrorCarriesCalcomsMessage();
    void notConfiguredSendsNothing();
};

void tst_CalcomClient::slotsParsedSortedAndShownInLeadZone()
{
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    fake.setSlots(slotData());
    const CalcomClient client(settingsFor(fake));
    const CalcomClient::Slots found = client.freeSlots(utc("2026-12-07T12:00:00Z"), utc("2026-12-14T12:00:00Z"),
                                                   QStringLiteral("America/New_York"));
    QCOMPARE(found.error, QString());
    QCOMPARE(found.startsMs, (QList<qint64> { utc("2026-12-08T15:00:00Z"), utc("2026-12-08T19:30:00Z"),
                                              utc("2026-12-09T14:00:00Z") }));
    QCOMPARE(Services::MessageTemplates::formatTime(found.startsMs.first(), QStringLiteral("America/New_York"),
                                                    QStringLiteral("en")),
             QStringLiteral("Tue, Dec 8, 10:00 AM EST"));
    const Fakes::FakeProvider::Received request = fake.received().value(0);
    QCOMPARE(request.method, QByteArray("GET"));
    QCOMPARE(request.path, QStringLiteral("/v2/slots"));
    QCOMPARE(request.header("Authorization"), QByteArray(QByteArray("Bearer ") + Key.toUtf8()));
    QCOMPARE(request.header("cal-api-version"), QByteArray("2024-09-04"));
    const QUrlQuery query(request.query);
    QCOMPARE(query.queryItemValue(QStringLiteral("eventTypeId")), QStringLiteral("4242"));
    QCOMPARE(query.queryItemValue(QStringLiteral("timeZone")), QStringLiteral("America/New_York"));
    QCOMPARE(query.queryItemValue(QStringLiteral("start")), QStringLiteral("2026-12-07T12:00:00.000Z"));
}

void tst_CalcomClient::bookingPostsTheRightBody()
{
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    const CalcomClient client(settingsFor(fake));
    const CalcomClient::Attendee ana { QStringLiteral("Ana Lima"), QStringLiteral("ana@example.com"),
                                       QStringLiteral("America/New_York"), QStringLiteral("+15551230001") };
    const CalcomClient::Booking booking = client.book(utc("2026-12-08T15:00:00Z"), ana, 7, 3);
    QCOMPARE(booking.error, QString());
    QCOMPARE(booking.uid, QStringLiteral("fake-cal-9001"));
    QCOMPARE(booking.id, qint64(9001));
    QCOMPARE(booking.startMs, utc("2026-12-08T15:00:00Z"));
    const Fakes::FakeProvider::Received request = fake.received().value(0);
    QCOMPARE(request.path, QStringLiteral("/v2/bookings"));
    QCOMPARE(request.header("cal-api-version"), QByteArray("2024-08-13"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QLatin1String("start")).toString(), QStringLiteral("2026-12-08T15:00:00.000Z"));
    QCOMPARE(body.value(QLatin1String("eventTypeId")).toInteger(), qint64(4242));
    const QJsonObject attendee = body.value(QLatin1String("attendee")).toObject();
    QCOMPARE(attendee.value(QLatin1String("name")).toString(), QStringLiteral("Ana Lima"));
    QCOMPARE(attendee.value(QLatin1String("email")).toString(), QStringLiteral("ana@example.com"));
    QCOMPARE(attendee.value(QLatin1String("timeZone")).toString(), QStringLiteral("America/New_York"));
    QCOMPARE(attendee.value(QLatin1String("phoneNumber")).toString(), QStringLiteral("+15551230001"));
    const QJsonObject metadata = body.value(QLatin1String("metadata")).toObject();
    QCOMPARE(metadata.value(QLatin1String("callvia_lead_id")).toString(), QStringLiteral("7"));
    QCOMPARE(metadata.value(QLatin1String("callvia_client_id")).toString(), QStringLiteral("3"));
    QCOMPARE(fake.executedCount(), 1);
}

void tst_CalcomClient::wrongKeyIsAClearError()
{
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    const CalcomClient client(settingsFor(fake, QStringLiteral("cal_live_wrong")));
    const CalcomClient::Slots found = client.freeSlots(utc("2026-12-07T12:00:00Z"), utc("2026-12-14T12:00:00Z"), {});
    QVERIFY(found.startsMs.isEmpty());
    QCOMPARE(found.error, QStringLiteral("Cal.com rejected the API key (401): missing or wrong authorization"));
    QVERIFY(!found.error.contains(QLatin1String("cal_live_wrong")));
    const CalcomClient::Booking booking = client.book(utc("2026-12-08T15:00:00Z"),
                                                      { QStringLiteral("Ana"), QStringLiteral("a@example.com"), {}, {} }, 1, 1);
    QVERIFY(booking.error.startsWith(QLatin1String("Cal.com rejected the API key (401)")));
    QCOMPARE(fake.executedCount(), 0);
}

void tst_CalcomClient::unreachableHostIsAClearError()
{
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    fake.goDown();
    const CalcomClient::Slots found = CalcomClient(settingsFor(fake)).freeSlots(utc("2026-12-07T12:00:00Z"),
                                                                            utc("2026-12-14T12:00:00Z"), {});
    QVERIFY2(found.error.startsWith(QStringLiteral("Cal.com could not be reached at %1/v2/slots").arg(fake.baseUrl())),
             qPrintable(found.error));
}

void tst_CalcomClient::malformedJsonIsAClearError()
{
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    fake.setMode(Fakes::FakeProvider::Mode::Garbage, 1);
    const CalcomClient::Slots found = CalcomClient(settingsFor(fake)).freeSlots(utc("2026-12-07T12:00:00Z"),
                                                                            utc("2026-12-14T12:00:00Z"), {});
    QVERIFY2(found.error.startsWith(QLatin1String("Cal.com answered with malformed JSON")), qPrintable(found.error));
    QCOMPARE(CalcomClient::parseSlots(200, R"({"status":"success","data":{"2026-12-08":[{"start":"soon"}]}})").error,
             QStringLiteral("Cal.com sent a slot without a valid start (soon on 2026-12-08)"));
}

void tst_CalcomClient::clientErrorCarriesCalcomsMessage()
{
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    fake.setMode(Fakes::FakeProvider::Mode::Fail, 1, 400);
    const CalcomClient::Booking booking = CalcomClient(settingsFor(fake)).book(
            utc("2026-12-08T15:00:00Z"), { QStringLiteral("Ana"), QStringLiteral("a@example.com"), {}, {} }, 1, 1);
    QCOMPARE(booking.error, QStringLiteral("Cal.com answered 400: simulated failure"));
}

void tst_CalcomClient::notConfiguredSendsNothing()
{
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    CalcomClient::Settings s = settingsFor(fake);
    s.eventTypeId = 0;
    QCOMPARE(CalcomClient(s).freeSlots(0, 1, {}).error, QStringLiteral("no Cal.com event type id in the client's settings"));
    s = settingsFor(fake, QString());
    QVERIFY(CalcomClient(s).book(1, {}, 1, 1).error.startsWith(QLatin1String("no Cal.com API key")));
    QCOMPARE(fake.requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_CalcomClient)
#include "tst_calcomclient.moc"
