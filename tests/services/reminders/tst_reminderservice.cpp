#include "reminderharness.h"

#include <common/testdatabase.h>

#include <models/repositories/messagerepository.h>
#include <models/repositories/reminderrepository.h>
#include <models/repositories/templaterepository.h>
#include <services/webhooks/messagebirdhandler.h>
#include <services/webhooks/sendgridhandler.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::ReminderService;
using Tests::hour;
using Tests::minute;

namespace {

const qint64 t0 = QDateTime(QDate(2025, 6, 10), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
const QString phone = QStringLiteral("+14155552671");
const QString email = QStringLiteral("ana@example.com");

// One client, campaign and lead (phone and e-mail), the Cal.com handler and the reminder
// service, all on one test clock starting at t0.
class Setup
{
public:
    explicit Setup(Database &database) : db(database), calcom(database, clock), service(database, clock, {})
    {
        client = Tests::addBookingClient(db, clock, QStringLiteral("Sunrise Dental"));
        // Replies reach the client's own MessageBird number: that is how a reply finds its client.
        Tests::mapProviderId(db, clock, client, QStringLiteral("messagebird"), QStringLiteral("number"), smsNumber);
        campaign = Tests::addCampaign(db, clock, client, QStringLiteral("Spring"));
        lead = Tests::addLead(db, clock, client, campaign, phone, email);
    }

    QString book(const QString &uid, qint64 startMs, const QString &trigger = QStringLiteral("BOOKING_CREATED"),
                 const QString &rescheduleUid = {}, const QString &who = email, const QString &number = phone)
    {
        return Tests::deliver(calcom, db,
                              Tests::calcomBooking(trigger, uid, startMs, who, number, clock.nowMs(), rescheduleUid));
    }
    // Runs passes until one finds nothing due; the totals.
    ReminderService::PassResult run()
    {
        ReminderService::PassResult total;
        for (int i = 0; i < 20; ++i) {
            const DbResult<ReminderService::PassResult> pass = service.runDue();
            if (!pass.ok()) {
                qWarning() << "runDue:" << pass.error().message();
                return { -1, -1, -1, -1 };
            }
            total.queued += pass.value().queued;
            total.skipped += pass.value().skipped;
            total.failed += pass.value().failed;
            total.cancelled += pass.value().cancelled;
            if (pass.value().total() == 0)
                break;
        }
        return total;
    }
    qint64 count(const QString &sql, const QVariantList &binds = {}) { return Tests::scalar(db, sql, binds); }
    qint64 outboxRows(const QString &where = QStringLiteral("1 = 1"))
    {
        return count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE ") + where);
    }
    QString inbound(const QString &id, const QString &text)
    {
        Services::MessageBirdHandler handler(db, clock);
        const QJsonObject sms { { QStringLiteral("id"), id },
                                { QStringLiteral("originator"), phone },
                                { QStringLiteral("recipient"), smsNumber },
                                { QStringLiteral("payload"), text } };
        return Tests::deliver(handler, db, QJsonDocument(sms).toJson(QJsonDocument::Compact));
    }

    static inline const QString smsNumber = QStringLiteral("+14158675309");
    Database &db;
    TestClock clock { t0 };
    Services::CalcomHandler calcom;
    ReminderService service;
    qint64 client = 0;
    qint64 campaign = 0;
    qint64 lead = 0;
};

QStringList states(const QString &s24sms, const QString &s24mail, const QString &s2h, const QString &s15)
{
    return { QStringLiteral("1440/email/") + s24mail, QStringLiteral("1440/sms/") + s24sms,
             QStringLiteral("120/sms/") + s2h, QStringLiteral("15/sms/") + s15 };
}

} // namespace

// The reminder sender: the plan, the missed-moment rule, reschedule and cancel, opt-outs and
// bounces, replies, clock jumps and template failures, on SQLite and PostgreSQL.
class tst_ReminderService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void missedMomentRule_data();
    void missedMomentRule();
    void sendsTheFullPlanInOrder_data() { Tests::TestDatabase::addBackendRows(); }
    void sendsTheFullPlanInOrder();
    void bookingThirtyMinutesAheadGetsOnlyTheFifteenMinuteReminder_data() { Tests::TestDatabase::addBackendRows(); }
    void bookingThirtyMinutesAheadGetsOnlyTheFifteenMinuteReminder();
    void rescheduleAfterTheDayBeforeReminderWasSent_data() { Tests::TestDatabase::addBackendRows(); }
    void rescheduleAfterTheDayBeforeReminderWasSent();
    void rescheduleCancelsAQueuedReminderNotYetSent_data() { Tests::TestDatabase::addBackendRows(); }
    void rescheduleCancelsAQueuedReminderNotYetSent();
    void cancellationCancelsReminders_data() { Tests::TestDatabase::addBackendRows(); }
    void cancellationCancelsReminders();
    void stopThenLaterReminderIsSkippedWithOneConfirmation_data() { Tests::TestDatabase::addBackendRows(); }
    void stopThenLaterReminderIsSkippedWithOneConfirmation();
    void yesConfirmsTheAppointment_data() { Tests::TestDatabase::addBackendRows(); }
    void yesConfirmsTheAppointment();
    void bounceSuppressesEmail_data() { Tests::TestDatabase::addBackendRows(); }
    void bounceSuppressesEmail();
    void suspendTwoDaysSendsNoBurst_data() { Tests::TestDatabase::addBackendRows(); }
    void suspendTwoDaysSendsNoBurst();
    void clockSetBackSendsNoDuplicate_data() { Tests::TestDatabase::addBackendRows(); }
    void clockSetBackSendsNoDuplicate();
    void missingContactsAreSkippedWithReason_data() { Tests::TestDatabase::addBackendRows(); }
    void missingContactsAreSkippedWithReason();
    void overlongTemplateFailsTheReminder_data() { Tests::TestDatabase::addBackendRows(); }
    void overlongTemplateFailsTheReminder();
    void leadLanguagePicksTheTemplate_data() { Tests::TestDatabase::addBackendRows(); }
    void leadLanguagePicksTheTemplate();
};

void tst_ReminderService::missedMomentRule_data()
{
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("minutesBeforeStart");
    QTest::addColumn<bool>("send");
    QTest::addColumn<QString>("reason");
    QTest::newRow("24 h at its moment") << 1440 << 1440 << true << QString();
    QTest::newRow("24 h ten hours late") << 1440 << 600 << true << QString();
    QTest::newRow("24 h just before the 2 h moment") << 1440 << 121 << true << QString();
    QTest::newRow("24 h at the 2 h moment") << 1440 << 120 << false << QStringLiteral("missed its moment: the 2 h reminder is due");
    QTest::newRow("24 h half an hour before") << 1440 << 30 << false << QStringLiteral("missed its moment: the 2 h reminder is due");
    QTest::newRow("2 h at its moment") << 120 << 120 << true << QString();
    QTest::newRow("2 h 16 min before") << 120 << 16 << true << QString();
    QTest::newRow("2 h at the 15 min moment") << 120 << 15 << false << QStringLiteral("missed its moment: the 15 min reminder is due");
    QTest::newRow("15 min at its moment") << 15 << 15 << true << QString();
    QTest::newRow("15 min one minute before") << 15 << 1 << true << QString();
    QTest::newRow("15 min at the start") << 15 << 0 << false << QStringLiteral("appointment already started");
    QTest::newRow("15 min after the start") << 15 << -5 << false << QStringLiteral("appointment already started");
    QTest::newRow("24 h after the start") << 1440 << -60 << false << QStringLiteral("appointment already started");
}

void tst_ReminderService::missedMomentRule()
{
    QFETCH(int, offset);
    QFETCH(int, minutesBeforeStart);
    QFETCH(bool, send);
    QFETCH(QString, reason);
    const qint64 start = t0 + 10 * 24 * hour;
    const ReminderService::Decision d = ReminderService::decide(offset, start, start - minutesBeforeStart * minute);
    QCOMPARE(d.send, send);
    QCOMPARE(d.reason, reason);
}

void tst_ReminderService::sendsTheFullPlanInOrder()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 3 * 24 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b1")), states("scheduled", "scheduled", "scheduled", "scheduled"));
    QCOMPARE(s.run().queued, 0);
    s.clock.setNowMs(start - 24 * hour);
    QCOMPARE(s.run().queued, 2);
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b1")), states("queued", "queued", "scheduled", "scheduled"));
    s.clock.setNowMs(start - 2 * hour);
    QCOMPARE(s.run().queued, 1);
    s.clock.setNowMs(start - 15 * minute);
    QCOMPARE(s.run().queued, 1);
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b1")), states("queued", "queued", "queued", "queued"));
    QCOMPARE(s.outboxRows(), 4);
    QCOMPARE(s.outboxRows(QStringLiteral("kind = 'email'")), 1);

    // Each appointment shows its messages (item 8's data), linked to the outbox row sending it.
    const qint64 appointment = AppointmentRepository(db, s.clock, TenantScope::agency()).findByUid(QStringLiteral("b1")).value().id;
    const QList<MessageRecord> messages = MessageRepository(db, s.clock, TenantScope::agency()).listForAppointment(appointment).value();
    QCOMPARE(messages.size(), 4);
    QCOMPARE(MessageRepository(db, s.clock, TenantScope::agency()).listForLead(s.lead).value().size(), 4);
    for (const MessageRecord &m : messages) {
        QVERIFY(m.outboxId > 0);
        QCOMPARE(m.status, QStringLiteral("queued"));
        QCOMPARE(m.leadId, s.lead);
    }
    const MessageRecord last = messages.first(); // newest: the 15 min SMS
    QCOMPARE(last.templateName, QStringLiteral("reminder_15m"));
    QCOMPARE(last.toAddress, phone);
    // The lead's zone (America/New_York): 12:00 UTC + 3 days = 08:00 EDT.
    QVERIFY2(last.body.contains(QStringLiteral("Fri, Jun 13, 8:00 AM")), qPrintable(last.body));
    QVERIFY2(last.body.endsWith(QStringLiteral("Reply STOP to opt out.")), qPrintable(last.body));
    const QString payload = Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE id = ? AND payload LIKE ?"),
                                          { last.outboxId, QStringLiteral("%\"message_id\":%1%").arg(last.id) }) == 1
            ? QStringLiteral("ok")
            : QStringLiteral("payload without message_id");
    QCOMPARE(payload, QStringLiteral("ok"));
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE kind = 'email' AND payload LIKE '%\"subject\":%' "
                                    "AND payload LIKE '%\"to\":\"ana@example.com\"%'")),
             1);
}

void tst_ReminderService::bookingThirtyMinutesAheadGetsOnlyTheFifteenMinuteReminder()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 30 * minute;
    QCOMPARE(s.book(QStringLiteral("soon"), start), QString());
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("soon")), states("skipped", "skipped", "skipped", "scheduled"));
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("soon"), 120, QStringLiteral("sms")),
             QStringLiteral("booked after this reminder's moment"));
    QCOMPARE(s.run().total(), 0); // the skipped ones are not due for anything
    s.clock.advanceMs(15 * minute);
    const ReminderService::PassResult pass = s.run();
    QCOMPARE(pass.queued, 1);
    QCOMPARE(pass.skipped, 0);
    QCOMPARE(s.outboxRows(), 1);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE template = 'reminder_15m'")), 1);
    s.clock.advanceMs(hour);
    QCOMPARE(s.run().total(), 0);
    QCOMPARE(s.outboxRows(), 1);
}

void tst_ReminderService::rescheduleAfterTheDayBeforeReminderWasSent()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 first = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), first), QString());
    s.clock.setNowMs(first - 24 * hour);
    QCOMPARE(s.run().queued, 2);
    QVERIFY(Sql::execAffected(db, QStringLiteral("UPDATE outbox SET status = 'sent'")).ok()); // the dispatcher sent them
    s.clock.advanceMs(hour);

    const qint64 second = first + 24 * hour;
    QCOMPARE(s.book(QStringLiteral("b2"), second, QStringLiteral("BOOKING_RESCHEDULED"), QStringLiteral("b1")), QString());
    // Sent for the old time: planned again for the new one; the sent rows stay sent.
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b2")), states("scheduled", "scheduled", "scheduled", "scheduled"));
    QCOMPARE(s.outboxRows(QStringLiteral("status = 'sent'")), 2);
    QCOMPARE(s.run().total(), 0);
    s.clock.setNowMs(second - 24 * hour);
    QCOMPARE(s.run().queued, 2);
    QCOMPARE(s.outboxRows(), 4);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(DISTINCT idempotency_key) FROM outbox")), 4);

    // The same reschedule delivered again (same start): nothing goes twice.
    s.clock.advanceMs(minute);
    QCOMPARE(s.book(QStringLiteral("b2"), second, QStringLiteral("BOOKING_RESCHEDULED"), QStringLiteral("b1")), QString());
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b2")), states("queued", "queued", "scheduled", "scheduled"));
    QCOMPARE(s.run().total(), 0);
    QCOMPARE(s.outboxRows(), 4);
}

void tst_ReminderService::rescheduleCancelsAQueuedReminderNotYetSent()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 first = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), first), QString());
    s.clock.setNowMs(first - 24 * hour);
    QCOMPARE(s.run().queued, 2); // still pending in the outbox: no dispatcher ran
    QCOMPARE(s.book(QStringLiteral("b2"), first + 4 * hour, QStringLiteral("BOOKING_RESCHEDULED"), QStringLiteral("b1")),
             QString());
    // Their text names the old time: the pending rows are cancelled and the reminders planned
    // again for the new start; its 24 h moment is 4 hours ahead.
    QCOMPARE(s.outboxRows(QStringLiteral("status = 'cancelled'")), 2);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE status = 'failed' "
                                    "AND error = 'cancelled before sending: appointment moved'")),
             2);
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b2")), states("scheduled", "scheduled", "scheduled", "scheduled"));
    s.clock.advanceMs(4 * hour);
    QCOMPARE(s.run().queued, 2);
    QCOMPARE(s.outboxRows(QStringLiteral("status = 'pending'")), 2);
}

void tst_ReminderService::cancellationCancelsReminders()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    s.clock.setNowMs(start - 24 * hour);
    QCOMPARE(s.run().queued, 2);
    QCOMPARE(s.book(QStringLiteral("b1"), start, QStringLiteral("BOOKING_CANCELLED")), QString());
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b1")), states("cancelled", "cancelled", "cancelled", "cancelled"));
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("b1"), 15, QStringLiteral("sms")), QStringLiteral("appointment cancelled"));
    QCOMPARE(s.outboxRows(QStringLiteral("status = 'cancelled'")), 2);
    s.clock.setNowMs(start - 2 * hour);
    QCOMPARE(s.run().total(), 0);
    s.clock.setNowMs(start - 10 * minute);
    QCOMPARE(s.run().total(), 0);
    QCOMPARE(s.outboxRows(QStringLiteral("status = 'pending'")), 0);
}

void tst_ReminderService::stopThenLaterReminderIsSkippedWithOneConfirmation()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    s.clock.setNowMs(start - 24 * hour);
    QCOMPARE(s.run().queued, 2);
    s.clock.advanceMs(hour);
    QCOMPARE(s.inbound(QStringLiteral("in1"), QStringLiteral("Stop.")), QString());
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE phone_e164 = ?"), { phone }), 1);
    const QString confirmations = QStringLiteral("idempotency_key LIKE 'optout-confirmation:%' AND kind = 'sms'");
    QCOMPARE(s.outboxRows(confirmations), 1);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM messages WHERE template = 'opt_out_confirmation' "
                                    "AND body LIKE '%Sunrise Dental%' AND body NOT LIKE '%http%'")),
             1);
    // A second STOP: already opted out, no second text.
    QCOMPARE(s.inbound(QStringLiteral("in2"), QStringLiteral("STOP")), QString());
    QCOMPARE(s.outboxRows(confirmations), 1);

    s.clock.setNowMs(start - 2 * hour);
    const ReminderService::PassResult pass = s.run();
    QCOMPARE(pass.queued, 0);
    QCOMPARE(pass.skipped, 1);
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("b1"), 120, QStringLiteral("sms")), QStringLiteral("number opted out"));
    s.clock.setNowMs(start - 15 * minute);
    QCOMPARE(s.run().skipped, 1);
    QCOMPARE(s.outboxRows(QStringLiteral("idempotency_key LIKE 'reminder:%'")), 2); // only the two 24 h ones
}

void tst_ReminderService::yesConfirmsTheAppointment()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    // A YES before any reminder went to the number confirms nothing.
    QCOMPARE(s.inbound(QStringLiteral("in0"), QStringLiteral("yes")), QString());
    AppointmentRepository appointments(db, s.clock, TenantScope::agency());
    QCOMPARE(appointments.findByUid(QStringLiteral("b1")).value().verification, QStringLiteral("pending"));
    s.clock.setNowMs(start - 24 * hour);
    QCOMPARE(s.run().queued, 2);
    s.clock.advanceMs(minute);
    QCOMPARE(s.inbound(QStringLiteral("in1"), QStringLiteral("  Yes!! ")), QString());
    QCOMPARE(appointments.findByUid(QStringLiteral("b1")).value().verification, QStringLiteral("lead_confirmed"));
    QCOMPARE(s.count(QStringLiteral("SELECT lead_confirmed_at FROM appointments WHERE booking_uid = 'b1'")), s.clock.nowMs());
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM opt_outs")), 0);
}

void tst_ReminderService::bounceSuppressesEmail()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 72 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    Services::SendGridHandler sendgrid(db, s.clock);
    const QByteArray bounce = QByteArrayLiteral(
            "[{\"email\":\"Ana@Example.com\",\"event\":\"bounce\",\"sg_event_id\":\"ev1\","
            "\"sg_message_id\":\"m1.filter\",\"timestamp\":1749556800,\"reason\":\"550 5.1.1 no such user\"}]");
    QCOMPARE(Tests::deliver(sendgrid, db, bounce), QString());
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE email = ? AND channel = 'email' "
                                    "AND client_id IS NULL"),
                     { email }),
             1);
    s.clock.setNowMs(start - 24 * hour);
    const ReminderService::PassResult pass = s.run();
    QCOMPARE(pass.queued, 1); // the SMS
    QCOMPARE(pass.skipped, 1); // the e-mail
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("b1"), 1440, QStringLiteral("email")),
             QStringLiteral("address suppressed (bounced or unsubscribed)"));
    QCOMPARE(s.outboxRows(QStringLiteral("kind = 'email'")), 0);
}

void tst_ReminderService::suspendTwoDaysSendsNoBurst()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    QCOMPARE(s.book(QStringLiteral("a"), t0 + hour), QString());
    QCOMPARE(s.book(QStringLiteral("b"), t0 + 30 * hour), QString());
    QCOMPARE(s.book(QStringLiteral("c"), t0 + 49 * hour), QString());
    QCOMPARE(s.book(QStringLiteral("d"), t0 + 60 * hour), QString());
    s.clock.advanceMs(48 * hour); // the laptop slept through two days
    const ReminderService::PassResult pass = s.run();
    QCOMPARE(pass.queued, 3);
    QCOMPARE(s.outboxRows(), 3);
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("a")), states("skipped", "skipped", "skipped", "skipped"));
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("a"), 15, QStringLiteral("sms")), QStringLiteral("appointment already started"));
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("b")), states("skipped", "skipped", "skipped", "skipped"));
    // c starts in an hour: only its 2 h reminder still means something.
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("c")), states("skipped", "skipped", "queued", "scheduled"));
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("c"), 1440, QStringLiteral("sms")),
             QStringLiteral("missed its moment: the 2 h reminder is due"));
    // d starts in 12 hours: its 24 h reminders go, late but still before the 2 h one.
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("d")), states("queued", "queued", "scheduled", "scheduled"));
    QCOMPARE(s.run().total(), 0);
}

void tst_ReminderService::clockSetBackSendsNoDuplicate()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    s.clock.setNowMs(start - 24 * hour + minute);
    QCOMPARE(s.run().queued, 2);
    s.clock.advanceMs(-hour); // the clock is set back an hour
    QCOMPARE(s.run().total(), 0);
    s.clock.advanceMs(2 * hour);
    QCOMPARE(s.run().total(), 0);
    s.clock.setNowMs(start - 2 * hour);
    QCOMPARE(s.run().queued, 1);
    s.clock.advanceMs(-hour);
    QCOMPARE(s.run().total(), 0);
    s.clock.advanceMs(hour + 5 * minute);
    QCOMPARE(s.run().total(), 0);
    QCOMPARE(s.outboxRows(), 3);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM messages")), 3);
}

void tst_ReminderService::missingContactsAreSkippedWithReason()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    const qint64 start = t0 + 48 * hour;
    // A lead reachable by e-mail only: its SMS reminders are skipped, the e-mail goes.
    const qint64 emailOnly = Tests::addLead(db, s.clock, s.client, s.campaign, QString(), QStringLiteral("bea@example.com"));
    QVERIFY(emailOnly > 0);
    QCOMPARE(s.book(QStringLiteral("mail"), start, QStringLiteral("BOOKING_CREATED"), {}, QStringLiteral("bea@example.com"),
                    QString()),
             QString());
    // An appointment of the client with no lead and no attendee contact.
    AppointmentRecord bare;
    bare.clientId = s.client;
    bare.bookingUid = QStringLiteral("bare");
    bare.startsAt = start;
    bare.endsAt = start + 30 * minute;
    const qint64 bareId = AppointmentRepository(db, s.clock, TenantScope::agency()).upsert(bare).value();
    QVERIFY(ReminderRepository(db, s.clock, TenantScope::agency()).scheduleFor(bareId, s.client, start).ok());
    // A booking matched to no client.
    AppointmentRecord stray = bare;
    stray.clientId = 0;
    stray.bookingUid = QStringLiteral("stray");
    stray.attendeePhone = phone;
    const qint64 strayId = AppointmentRepository(db, s.clock, TenantScope::agency()).upsert(stray).value();
    QVERIFY(ReminderRepository(db, s.clock, TenantScope::agency()).scheduleFor(strayId, 0, start).ok());

    s.clock.setNowMs(start - 24 * hour);
    const ReminderService::PassResult pass = s.run();
    QCOMPARE(pass.queued, 1);
    QCOMPARE(pass.skipped, 5);
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("mail"), 1440, QStringLiteral("sms")), QStringLiteral("no phone number"));
    QCOMPARE(Tests::reminderStates(db, QStringLiteral("mail")), states("skipped", "queued", "scheduled", "scheduled"));
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("bare"), 1440, QStringLiteral("email")),
             QStringLiteral("lead has no phone and no e-mail"));
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("stray"), 1440, QStringLiteral("sms")),
             QStringLiteral("booking not matched to a client"));
    QCOMPARE(s.outboxRows(), 1);
}

void tst_ReminderService::overlongTemplateFailsTheReminder()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    MessageTemplateRecord own;
    own.clientId = s.client;
    own.name = QStringLiteral("reminder_2h");
    own.channel = QStringLiteral("sms");
    own.language = QStringLiteral("en");
    own.body = QStringLiteral("{{first_name}} ") + QString(1600, QLatin1Char('x'));
    QVERIFY(TemplateRepository(db, s.clock, TenantScope::agency()).save(own).ok());
    const qint64 start = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    s.clock.setNowMs(start - 2 * hour);
    const ReminderService::PassResult pass = s.run();
    QCOMPARE(pass.failed, 1);
    QCOMPARE(pass.queued, 0);
    QCOMPARE(Tests::reminderReason(db, QStringLiteral("b1"), 120, QStringLiteral("sms")),
             QStringLiteral("the SMS takes 11 segments (1627 GSM-7 characters), more than 10"));
    QCOMPARE(s.outboxRows(), 0);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM messages")), 0);
}

void tst_ReminderService::leadLanguagePicksTheTemplate()
{
    CALLVIA_TEST_DATABASE(db);
    Setup s(db);
    QVERIFY(Sql::execAffected(db, QStringLiteral("UPDATE leads SET language = 'de', time_zone = 'Europe/Berlin'")).ok());
    const qint64 start = t0 + 48 * hour;
    QCOMPARE(s.book(QStringLiteral("b1"), start), QString());
    s.clock.setNowMs(start - 24 * hour);
    QCOMPARE(s.run().queued, 2);
    Models::DbResult<QSqlQuery> q = Sql::exec(db, QStringLiteral("SELECT body FROM messages WHERE channel = 'sms'"));
    QVERIFY(q.ok() && q.value().next());
    const QString body = q.value().value(0).toString();
    QVERIFY2(body.startsWith(QStringLiteral("Sunrise Dental: Hallo Ana, wir sehen uns Do. 12. Juni, 14:00")), qPrintable(body));
    QVERIFY2(body.endsWith(QStringLiteral("Abmelden: Antwort STOP.")), qPrintable(body));
}

QTEST_GUILESS_MAIN(tst_ReminderService)
#include "tst_reminderservice.moc"
