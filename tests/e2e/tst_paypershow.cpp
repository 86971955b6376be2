// Pay-per-show end to end on the real `callvia --headless` (issue 22): 30 Cal.com bookings and
// their Retell calls are posted over HTTP, then the binary is restarted 3 days ahead
// (CALLVIA_CLOCK_OFFSET_SECONDS) and catches up: verdicts, the no-show rebook SMS, milestone 1
// and its Stripe chain, all through the outbox to fake providers in this process. Restarted
// again (3 days + 1 min, then 5 days), nothing reaches Stripe twice and the rebook e-mails follow.
// Requests are signed here (QMessageAuthenticationCode); effects are read from the fakes and by
// direct SQL.
#include "listenerprocess.h"
#include "webhooktestclient.h"

#include "../services/verification/verificationharness.h"

#include <common/testdatabase.h>
#include <fakes/fakeproviders.h>
#include <models/clock.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Tests;

namespace {

const QByteArray StripeSecret = "whsec_paypershow";
const QByteArray RetellKey = "retell-paypershow-key";
const QByteArray CalSecret = "cal-paypershow-secret";
const QString ProviderKey = QStringLiteral("fake-provider-key");
const QString BookingUrl = QStringLiteral("https://book.sunrise.example/again");
const QString OurNumber = QStringLiteral("+14155550100");
constexpr int Bookings = 30;
constexpr qint64 ThreeDays = 3 * 24 * 3600;
constexpr qint64 TwoDaysMs = 2 * dayMs;
constexpr qint64 FourDaysMs = 4 * dayMs;

// The four no-shows: no call; a 40 s call in the window; a long call 45 min before the start
// (outside the 30 min window); exactly 45 s (the rule wants more than 45 s).
const QList<int> NoShows { 3, 11, 19, 27 };
constexpr int NoShowCount = 4;

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString phoneOf(int i)
{
    return QStringLiteral("+1415555%1").arg(130 + i, 4, 10, QLatin1Char('0'));
}

QString emailOf(int i)
{
    return QStringLiteral("lead%1@example.com").arg(i);
}

QString iso(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray hmacHex(const QByteArray &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256).toHex();
}

// BOOKING_CREATED for booking i: even ones name the lead by e-mail, odd ones by phone only.
QByteArray bookingCreated(int i, qint64 startMs)
{
    QJsonObject attendee { { s("name"), QStringLiteral("Lead %1").arg(i) }, { s("timeZone"), s("America/Los_Angeles") } };
    if (i % 2 == 0)
        attendee.insert(s("email"), emailOf(i));
    const QJsonObject payload {
        { s("uid"), QStringLiteral("pps-booking-%1").arg(i) },
        { s("bookingId"), 5000 + i },
        { s("eventTypeId"), 100 },
        { s("organizer"), QJsonObject { { s("email"), s("host@sunrise.example") } } },
        { s("title"), s("Consultation") },
        { s("startTime"), iso(startMs) },
        { s("endTime"), iso(startMs + 30 * minuteMs) },
        { s("attendees"), QJsonArray { attendee } },
        { s("responses"), QJsonObject { { s("attendeePhoneNumber"), QJsonObject { { s("value"), phoneOf(i) } } } } },
    };
    const QByteArray body = QJsonDocument(QJsonObject { { s("triggerEvent"), s("BOOKING_CREATED") },
                                                        { s("createdAt"), iso(QDateTime::currentMSecsSinceEpoch()) },
                                                        { s("payload"), payload } })
                                    .toJson(QJsonDocument::Compact);
    return post("/api/webhooks/calcom", body, { "X-Cal-Signature-256: " + hmacHex(CalSecret, body) });
}

// call_ended for an outbound call of our agent to lead i, signed with the current time.
QByteArray callEnded(int i, qint64 startMs, qint64 durationMs)
{
    const QJsonObject call { { s("call_id"), QStringLiteral("pps-call-%1").arg(i) },
                             { s("agent_id"), s("agent_1") },
                             { s("direction"), s("outbound") },
                             { s("from_number"), OurNumber },
                             { s("to_number"), phoneOf(i) },
                             { s("call_status"), s("ended") },
                             { s("start_timestamp"), double(startMs) },
                             { s("end_timestamp"), double(startMs + durationMs) },
                             { s("duration_ms"), double(durationMs) },
                             { s("disconnection_reason"), s("user_hangup") } };
    const QByteArray body = QJsonDocument(QJsonObject { { s("event"), s("call_ended") }, { s("call"), call } })
                                    .toJson(QJsonDocument::Compact);
    const QByteArray v = QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    return post("/api/webhooks/retell", body, { "X-Retell-Signature: v=" + v + ",d=" + hmacHex(RetellKey, body + v) });
}

// When lead i's call starts relative to its appointment, and how long it lasts (0 = no call).
std::pair<qint64, qint64> callPlan(int i)
{
    switch (NoShows.indexOf(i)) {
    case 0: return { 0, 0 };
    case 1: return { -5 * minuteMs, 40'000 };
    case 2: return { -45 * minuteMs, 180'000 };
    case 3: return { 0, 45'000 };
    default: break;
    }
    // Shows: from 29 min before the start to 29 min after it (a 30 min appointment), 46 s and up.
    static const qint64 offsets[] { -29 * minuteMs, -10 * minuteMs, 0, 15 * minuteMs, 29 * minuteMs };
    return { offsets[i % 5], 46'000 + (i % 4) * 30'000 };
}

} // namespace

class tst_PayPerShow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void thirtyBookingsThreeDaysLater_data() { TestDatabase::addBackendRows(); }
    void thirtyBookingsThreeDaysLater();
};

namespace {

// Stops the binary with SIGTERM, spinning the event loop meanwhile (the fakes answer from this
// thread); true when it exited cleanly with 0.
bool stopBinary(QProcess &process, QByteArray *log)
{
    process.terminate();
    QElapsedTimer timer;
    timer.start();
    while (process.state() != QProcess::NotRunning && timer.elapsed() < 30000)
        QTest::qWait(50);
    *log += process.readAll();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished(5000);
        return false;
    }
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

QSet<QString> noShowPhoneDigits()
{
    QSet<QString> digits;
    for (int i : NoShows)
        digits << phoneOf(i).mid(1);
    return digits;
}

// The first column of every row, as text.
QStringList column(Models::Database &db, const QString &sql, const QVariantList &binds = {})
{
    QStringList values;
    Models::DbResult<QSqlQuery> q = Models::Sql::exec(db, sql, binds);
    if (!q.ok())
        return { QStringLiteral("<error: %1>").arg(q.error().message()) };
    while (q.value().next())
        values << q.value().value(0).toString();
    return values;
}

QStringList requestPaths(const QList<Fakes::FakeProvider::Received> &received)
{
    QStringList paths;
    for (const auto &r : received)
        paths << r.path;
    return paths;
}

} // namespace

void tst_PayPerShow::thirtyBookingsThreeDaysLater()
{
    CALLVIA_TEST_DATABASE(db);
    const Models::SystemClock clock;
    QTemporaryDir home;
    QVERIFY(home.isValid());

    // One client (billing e-mail, 25 shows x $2,000.00, a booking link; rate 0 so a month end
    // during the run adds no usage invoice), its campaign and 30 leads.
    const qint64 client = addClient(db, clock, QStringLiteral("Sunrise Dental"), 0);
    QVERIFY(client);
    QVERIFY(Models::Sql::exec(db, QStringLiteral("UPDATE clients SET contact_email = 'billing@sunrise.example', "
                                                 "booking_url = ?, milestone_size = 25, milestone_amount_cents = 200000, "
                                                 "currency = 'usd' WHERE id = ?"),
                              { BookingUrl, client })
                    .ok());
    QVERIFY(mapProviderId(db, clock, client, QStringLiteral("retell"), QStringLiteral("agent_id"), QStringLiteral("agent_1")));
    QVERIFY(mapProviderId(db, clock, client, QStringLiteral("calcom"), QStringLiteral("event_type_id"), QStringLiteral("100")));
    const qint64 campaign = addCampaign(db, clock, client, QStringLiteral("Spring"));
    QVERIFY(campaign);
    for (int i = 0; i < Bookings; ++i)
        QVERIFY(addLead(db, clock, client, campaign, phoneOf(i), emailOf(i)));

    Fakes::FakeMessageBird bird(ProviderKey);
    Fakes::FakeSendGrid sendgrid(ProviderKey);
    Fakes::FakeStripe stripe(ProviderKey);
    QVERIFY(bird.listen() && sendgrid.listen() && stripe.listen());
    QProcessEnvironment env;
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.path()); // the secrets key file
    env.insert(QStringLiteral("CALLVIA_RETELL_API_KEY"), QString::fromLatin1(RetellKey));
    env.insert(QStringLiteral("CALLVIA_CALCOM_WEBHOOK_SECRET"), QString::fromLatin1(CalSecret));
    for (const Fakes::FakeProvider *fake : std::initializer_list<const Fakes::FakeProvider *> { &bird, &sendgrid, &stripe }) {
        env.insert(QStringLiteral("CALLVIA_%1_API_BASE").arg(fake->name().toUpper()), fake->baseUrl());
        env.insert(QStringLiteral("CALLVIA_%1_API_KEY").arg(fake->name().toUpper()), ProviderKey);
    }
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_ORIGINATOR"), QStringLiteral("Sunrise"));
    env.insert(QStringLiteral("CALLVIA_SENDGRID_FROM_EMAIL"), QStringLiteral("hello@sunrise.example"));
    const QString url = dbHolder->url();
    QByteArray log;

    // Phase 1, today: 30 bookings starting in 1 to 2 hours and 29 calls, applied by the binary.
    QProcess today;
    const quint16 port = startHeadlessListener(&today, url, StripeSecret, env, 20000, QStringLiteral(CALLVIA_BINARY), &log);
    QVERIFY(port);
    QVERIFY2(!log.contains("clock offset active"), log.constData());
    const qint64 firstStart = (QDateTime::currentMSecsSinceEpoch() / minuteMs + 60) * minuteMs;
    int posted = 0;
    for (int i = 0; i < Bookings; ++i) {
        const qint64 start = firstStart + i * 2 * minuteMs;
        const HttpReply booked = request(port, bookingCreated(i, start));
        QVERIFY2(booked.status == 200, booked.body.constData());
        ++posted;
        const auto [offset, duration] = callPlan(i);
        if (duration == 0)
            continue;
        const HttpReply called = request(port, callEnded(i, start + offset, duration));
        QVERIFY2(called.status == 200, called.body.constData());
        ++posted;
    }
    QCOMPARE(posted, 59);
    QTRY_COMPARE_WITH_TIMEOUT(count(db, QStringLiteral("SELECT COUNT(*) FROM events WHERE status = 'processed'")), posted, 60000);
    for (int i = 0; i < Bookings; ++i) // each booking on its lead, by e-mail or by phone
        QCOMPARE(text(db, QStringLiteral("SELECT l.phone_e164 || ' ' || a.status FROM appointments a JOIN leads l ON "
                                         "l.id = a.lead_id WHERE a.booking_uid = ? AND a.client_id = ?"),
                      { QStringLiteral("pps-booking-%1").arg(i), client }),
                 phoneOf(i) + s(" scheduled"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM call_logs WHERE client_id = ? AND lead_id IS NOT NULL"), { client }), 29);
    QVERIFY2(stopBinary(today, &log), log.constData());
    QCOMPARE(bird.requestCount() + sendgrid.requestCount() + stripe.requestCount(), 0);

    // Phase 2, three days later: verdicts, rebook SMS, milestone 1 and its Stripe chain.
    const qint64 phase2At = QDateTime::currentMSecsSinceEpoch();
    env.insert(QStringLiteral("CALLVIA_CLOCK_OFFSET_SECONDS"), QString::number(ThreeDays));
    QProcess later;
    log.clear();
    QVERIFY(startHeadlessListener(&later, url, StripeSecret, env, 20000, QStringLiteral(CALLVIA_BINARY), &log));
    QVERIFY2(log.contains("clock offset active: +259200 s"), log.constData());
    auto outboxState = [&]() -> QString {
        return column(db, QStringLiteral("SELECT kind || ' ' || idempotency_key || ' ' || status || ' ' || "
                                         "COALESCE(last_error, '') FROM outbox ORDER BY id"))
                       .join(s(" | "))
                + s("; invoices: ")
                + column(db, QStringLiteral("SELECT COALESCE(stripe_step, '-') || ' ' || COALESCE(last_error, '') FROM invoices"))
                          .join(s(" | "));
    };
    auto drained = [&](int rows) {
        return count(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")) == rows
                && count(db, QStringLiteral("SELECT COUNT(*) FROM outbox")) == rows;
    };
    // What the failure message shows: the outbox, the invoices, the verdicts and the binary's log.
    auto state = [&](QProcess &process) -> QString {
        log += process.readAll();
        return outboxState() + s("; verdicts: ")
                + column(db, s("SELECT status || ' ' || COUNT(*) FROM appointments GROUP BY status")).join(s(", "))
                + s("\nlog: ") + QString::fromUtf8(log.right(3000));
    };
    // 4 rebook SMS and 5 Stripe steps (customer, draft invoice, item, finalize, send).
    QTRY_VERIFY2_WITH_TIMEOUT(drained(9) && count(db, QStringLiteral("SELECT COUNT(*) FROM invoices WHERE stripe_step = 'done'")) == 1,
                              qPrintable(state(later)), 30000);
    QVERIFY2(stopBinary(later, &log), log.constData());

    // The verdicts: 26 shown by their call, the 4 planned no-shows.
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE status = 'shown' AND verification = 'call_verified'")), 26);
    QStringList expectedNoShows;
    for (int i : NoShows)
        expectedNoShows << QStringLiteral("pps-booking-%1").arg(i);
    expectedNoShows.sort();
    QCOMPARE(column(db, QStringLiteral("SELECT booking_uid FROM appointments WHERE status = 'no_show' AND "
                                       "verification = 'no_show' ORDER BY booking_uid")),
             expectedNoShows);

    // Exactly one milestone (26 < 50 shows) of 25 linked shows, invoiced once.
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM milestones")), 1);
    const qint64 milestone = scalar(db, QStringLiteral("SELECT id FROM milestones WHERE client_id = ? AND sequence = 1 AND "
                                                       "shows_required = 25 AND amount_cents = 200000 AND status = 'invoiced'"),
                                    { client });
    QVERIFY(milestone > 0);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id = ? AND status = 'shown'"), { milestone }), 25);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointments WHERE milestone_id IS NULL AND status = 'shown'")), 1);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM invoices")), 1);
    const QString stripeInvoice = text(db, QStringLiteral("SELECT stripe_invoice_id FROM invoices WHERE kind = 'milestone' AND "
                                                          "amount_cents = 200000 AND status = 'open' AND client_id = ?"),
                                       { client });
    QVERIFY2(stripeInvoice.startsWith(QLatin1String("in_")), qPrintable(stripeInvoice));
    const QString customer = text(db, QStringLiteral("SELECT stripe_customer_id FROM clients WHERE id = ?"), { client });

    // What the fake Stripe saw: one customer, ONE invoice, its item, finalize, send; each key once.
    const QList<Fakes::FakeProvider::Received> calls = stripe.received();
    const QString ref = QStringLiteral("milestone:%1:1").arg(client);
    QCOMPARE(requestPaths(calls),
             QStringList({ s("/v1/customers"), s("/v1/invoices"), s("/v1/invoiceitems"),
                           QStringLiteral("/v1/invoices/%1/finalize").arg(stripeInvoice),
                           QStringLiteral("/v1/invoices/%1/send").arg(stripeInvoice) }));
    const QHash<QString, int> onceEach { { QStringLiteral("customer:%1").arg(client), 1 }, { ref + s(":invoice"), 1 },
                                         { ref + s(":item"), 1 }, { ref + s(":finalize"), 1 }, { ref + s(":send"), 1 } };
    QCOMPARE(stripe.executedPerKey(), onceEach);
    const QMap<QString, QString> invoice = Fakes::FakeStripe::parseForm(calls.at(1).body);
    QCOMPARE(invoice.value(s("customer")), customer);
    QCOMPARE(invoice.value(s("currency")), s("usd"));
    QCOMPARE(invoice.value(s("metadata[client_id]")), QString::number(client));
    QCOMPARE(invoice.value(s("metadata[kind]")), s("milestone"));
    QCOMPARE(invoice.value(s("metadata[milestone_id]")), QString::number(milestone));
    QCOMPARE(invoice.value(s("metadata[milestone_sequence]")), s("1"));
    QCOMPARE(invoice.value(s("metadata[billing_ref]")), ref);
    const QMap<QString, QString> item = Fakes::FakeStripe::parseForm(calls.at(2).body);
    QCOMPARE(item.value(s("amount")), s("200000"));
    QCOMPARE(item.value(s("currency")), s("usd"));
    QCOMPARE(item.value(s("invoice")), stripeInvoice);
    QCOMPARE(item.value(s("customer")), customer);
    QCOMPARE(item.value(s("metadata[milestone_sequence]")), s("1"));

    // The fake SMS server: one rebook SMS to each no-show lead, none to anybody else.
    const QList<Fakes::FakeProvider::Received> sms = bird.received();
    QCOMPARE(int(sms.size()), NoShowCount);
    QSet<QString> texted;
    for (const auto &message : sms) {
        const QJsonObject body = QJsonDocument::fromJson(message.body).object();
        texted << body.value(s("recipients")).toArray().first().toString();
        const QString words = body.value(s("body")).toString();
        QVERIFY2(words.contains(s("we missed you")) && words.contains(BookingUrl), qPrintable(words));
        QCOMPARE(body.value(s("originator")).toString(), s("Sunrise"));
    }
    QCOMPARE(texted, noShowPhoneDigits());
    // The rebook e-mail comes 2 days after the verdict, which the catch-up gave 3 days on: not yet.
    QCOMPARE(sendgrid.requestCount(), 0);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE status = 'active' AND next_step = 1 "
                                      "AND started_at >= ? AND next_due_at = started_at + ?"),
                   { phase2At + ThreeDays * 1000, TwoDaysMs }),
             NoShowCount);

    // Phase 3, restarted a minute later: the catch-up runs again and sends nothing new.
    env.insert(QStringLiteral("CALLVIA_CLOCK_OFFSET_SECONDS"), QString::number(ThreeDays + 60));
    QProcess again;
    log.clear();
    const quint16 againPort = startHeadlessListener(&again, url, StripeSecret, env, 20000, QStringLiteral(CALLVIA_BINARY), &log);
    QVERIFY(againPort);
    QCOMPARE(request(againPort, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").status, 200);
    QVERIFY2(stopBinary(again, &log), log.constData()); // after the scheduler's first pass, which start() runs
    QVERIFY2(drained(9), qPrintable(outboxState()));
    QCOMPARE(stripe.requestCount(), 5);
    QCOMPARE(bird.requestCount(), NoShowCount);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM milestones")), 1);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM invoices")), 1);

    // Phase 4, five days on: the rebook e-mails are due (2 days after the verdict); Stripe and the
    // SMS server hear nothing new (the final SMS waits for day 4 of the sequence).
    env.insert(QStringLiteral("CALLVIA_CLOCK_OFFSET_SECONDS"), QString::number(ThreeDays + 2 * 24 * 3600 + 600));
    QProcess fiveDays;
    log.clear();
    QVERIFY(startHeadlessListener(&fiveDays, url, StripeSecret, env, 20000, QStringLiteral(CALLVIA_BINARY), &log));
    QTRY_VERIFY2_WITH_TIMEOUT(drained(13),
                              qPrintable(state(fiveDays)), 30000);
    QVERIFY2(stopBinary(fiveDays, &log), log.constData());
    QSet<QString> mailed;
    for (const auto &mail : sendgrid.received()) {
        const QJsonObject body = QJsonDocument::fromJson(mail.body).object();
        mailed << body.value(s("personalizations")).toArray().first().toObject().value(s("to")).toArray().first()
                          .toObject().value(s("email")).toString();
        QVERIFY2(mail.body.contains(BookingUrl.toUtf8()), mail.body.constData());
    }
    QSet<QString> noShowEmails;
    for (int i : NoShows)
        noShowEmails << emailOf(i);
    QCOMPARE(sendgrid.requestCount(), NoShowCount);
    QCOMPARE(mailed, noShowEmails);
    QCOMPARE(bird.requestCount(), NoShowCount);
    QCOMPARE(stripe.requestCount(), 5);
    QCOMPARE(stripe.executedPerKey(), onceEach);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE status = 'active' AND next_step = 2 "
                                      "AND next_due_at = started_at + ?"),
                   { FourDaysMs }),
             NoShowCount);
}

QTEST_GUILESS_MAIN(tst_PayPerShow)
#include "tst_paypershow.moc"
