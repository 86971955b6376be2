#include "applyharness.h"

#include <common/testdatabase.h>

#include <models/repositories/appointmentrepository.h>
#include <models/repositories/eventrepository.h>
#include <models/repositories/reminderrepository.h>
#include <services/webhooks/calcomhandler.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::CalcomHandler;

// Cal.com bookings: appointments, reminders, lead matching, reschedules and cancellations.
class tst_CalcomHandler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createdBooksLeadAndSchedulesReminders_data() { Tests::TestDatabase::addBackendRows(); }
    void createdBooksLeadAndSchedulesReminders();
    void remindersInThePastAreSkipped_data() { Tests::TestDatabase::addBackendRows(); }
    void remindersInThePastAreSkipped();
    void rescheduleMovesBookingInEitherOrder_data() { Tests::TestDatabase::addBackendRows(); }
    void rescheduleMovesBookingInEitherOrder();
    void cancelInEitherOrderCancelsBookingAndReminders_data() { Tests::TestDatabase::addBackendRows(); }
    void cancelInEitherOrderCancelsBookingAndReminders();
    void requestedThenConfirmedOrRejectedInAnyOrder_data() { Tests::TestDatabase::addBackendRows(); }
    void requestedThenConfirmedOrRejectedInAnyOrder();
    void unmatchedBookingCanBeLinkedLater_data() { Tests::TestDatabase::addBackendRows(); }
    void unmatchedBookingCanBeLinkedLater();
    void phoneMatchPrefersMostRecentCampaign_data() { Tests::TestDatabase::addBackendRows(); }
    void phoneMatchPrefersMostRecentCampaign();
    void bookingOnOneClientsPageNeverTouchesAnotherClientsLead_data() { Tests::TestDatabase::addBackendRows(); }
    void bookingOnOneClientsPageNeverTouchesAnotherClientsLead();
    void unmappedBookingIsFlaggedAndChangesNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void unmappedBookingIsFlaggedAndChangesNothing();
    void nationalUsPhoneMatchesImportedLead_data() { Tests::TestDatabase::addBackendRows(); }
    void nationalUsPhoneMatchesImportedLead();
    void identifyKeysAndFlatMeetingBodies();
    void parserNamesMissingField_data();
    void parserNamesMissingField();

private:
    // Now is 2025-06-10 12:00 UTC; bookings start 2025-06-12 14:30 UTC unless said otherwise.
    TestClock m_clock { QDateTime(QDate(2025, 6, 10), QTime(12, 0), Qt::UTC) };
};

namespace {

const QString start = QStringLiteral("2025-06-12T14:30:00Z");
const QString end = QStringLiteral("2025-06-12T14:45:00Z");

qint64 ms(const QString &iso)
{
    return QDateTime::fromString(iso, Qt::ISODate).toMSecsSinceEpoch();
}

QByteArray booking(const QString &trigger, const QString &uid, const QString &startTime, const QString &endTime,
                   const QString &email, const QString &phone = {}, const QString &rescheduleUid = {},
                   const QString &createdAt = QStringLiteral("2025-06-10T11:00:00.000Z"))
{
    QJsonObject attendee { { QStringLiteral("name"), QStringLiteral("Ana") },
                           { QStringLiteral("email"), email },
                           { QStringLiteral("timeZone"), QStringLiteral("Europe/Lisbon") } };
    QJsonObject payload { { QStringLiteral("uid"), uid },
                          { QStringLiteral("bookingId"), 201 },
                          { QStringLiteral("eventTypeId"), 100 }, // Sunrise Dental's event type (mapped below)
                          { QStringLiteral("organizer"),
                            QJsonObject { { QStringLiteral("name"), QStringLiteral("Dr. Sun") },
                                          { QStringLiteral("email"), QStringLiteral("host@sunrise.example") },
                                          { QStringLiteral("username"), QStringLiteral("sunrise") } } },
                          { QStringLiteral("title"), QStringLiteral("Consultation") },
                          { QStringLiteral("location"), QStringLiteral("Cal Video") },
                          { QStringLiteral("attendees"), QJsonArray { attendee } } };
    if (!startTime.isEmpty()) {
        payload.insert(QStringLiteral("startTime"), startTime);
        payload.insert(QStringLiteral("endTime"), endTime);
    }
    if (!phone.isEmpty())
        payload.insert(QStringLiteral("responses"),
                       QJsonObject { { QStringLiteral("attendeePhoneNumber"),
                                       QJsonObject { { QStringLiteral("value"), phone } } } });
    if (!rescheduleUid.isEmpty())
        payload.insert(QStringLiteral("rescheduleUid"), rescheduleUid);
    if (trigger == QLatin1String("BOOKING_REQUESTED"))
        payload.insert(QStringLiteral("status"), QStringLiteral("PENDING"));
    if (trigger == QLatin1String("BOOKING_REJECTED")) {
        payload.insert(QStringLiteral("status"), QStringLiteral("REJECTED"));
        payload.insert(QStringLiteral("rejectionReason"), QStringLiteral("fully booked"));
    }
    if (trigger == QLatin1String("BOOKING_CANCELLED")) {
        payload.insert(QStringLiteral("status"), QStringLiteral("CANCELLED"));
        payload.insert(QStringLiteral("cancellationReason"), QStringLiteral("sick"));
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("triggerEvent"), trigger },
                                       { QStringLiteral("createdAt"), createdAt },
                                       { QStringLiteral("payload"), payload } })
            .toJson(QJsonDocument::Compact);
}

// The same booking on another event type and organizer (another client's booking page).
QByteArray onEventType(const QByteArray &body, qint64 eventTypeId, const QString &organizerEmail)
{
    QJsonObject root = QJsonDocument::fromJson(body).object();
    QJsonObject payload = root.value(QStringLiteral("payload")).toObject();
    payload.insert(QStringLiteral("eventTypeId"), eventTypeId);
    payload.insert(QStringLiteral("organizer"), QJsonObject { { QStringLiteral("email"), organizerEmail } });
    root.insert(QStringLiteral("payload"), payload);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

// A client whose Cal.com event type id is mapped in its settings (bookings attribute to it).
qint64 addMappedClient(Database &db, const Clock &clock, const QString &name, qint64 eventTypeId = 100)
{
    const qint64 client = Tests::addClient(db, clock, name);
    if (!Tests::mapProviderId(db, clock, client, QStringLiteral("calcom"), QStringLiteral("event_type_id"),
                              QString::number(eventTypeId)))
        return 0;
    return client;
}

// offset/channel/status/due of each reminder, in a fixed order.
QString reminders(Database &db, const Clock &clock, qint64 appointmentId)
{
    QStringList parts;
    const DbResult<QList<ReminderRecord>> rows = ReminderRepository(db, clock, TenantScope::agency()).listForAppointment(appointmentId);
    for (const ReminderRecord &r : rows.value())
        parts << QStringLiteral("%1/%2/%3/%4").arg(r.offsetMinutes).arg(r.channel, r.status).arg(r.dueAt);
    return parts.join(QLatin1Char(' '));
}

QString state(Database &db, const Clock &clock, const QString &uid)
{
    const DbResult<AppointmentRecord> a = AppointmentRepository(db, clock, TenantScope::agency()).findByUid(uid);
    if (!a.ok())
        return QStringLiteral("none");
    const AppointmentRecord &r = a.value();
    return QStringList { QString::number(r.clientId), QString::number(r.leadId), r.bookingUid, r.previousBookingUid,
                         QString::number(r.startsAt), QString::number(r.endsAt), r.status, r.cancellationReason,
                         r.attendeeEmail, r.attendeeTimeZone, r.title, reminders(db, clock, r.id),
                         QString::number(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM appointments"))) }
            .join(QLatin1Char('|'));
}

} // namespace

void tst_CalcomHandler::createdBooksLeadAndSchedulesReminders()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"),
                                       QStringLiteral("ana@example.com"), QStringLiteral("contacted"));
    CalcomHandler handler(db, m_clock);
    const QByteArray body = booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_1"), start, end,
                                    QStringLiteral("Ana@Example.com"));
    QCOMPARE(Tests::deliver(handler, db, body), QString());
    QCOMPARE(Tests::deliver(handler, db, body), QString()); // a duplicate changes nothing
    const DbResult<AppointmentRecord> a = AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(QStringLiteral("bk_1"));
    QVERIFY(a.ok());
    QCOMPARE(a.value().clientId, client);
    QCOMPARE(a.value().leadId, lead);
    QCOMPARE(a.value().campaignId, campaign);
    QCOMPARE(a.value().startsAt, ms(start));
    QCOMPARE(a.value().endsAt, ms(end));
    QCOMPARE(a.value().attendeeTimeZone, QStringLiteral("Europe/Lisbon"));
    QCOMPARE(a.value().status, QStringLiteral("scheduled"));
    QCOMPARE(Tests::leadStatus(db, m_clock, lead), QStringLiteral("booked"));
    const qint64 s = ms(start);
    QCOMPARE(reminders(db, m_clock, a.value().id),
             QStringLiteral("1440/email/scheduled/%1 1440/sms/scheduled/%1 120/sms/scheduled/%2 15/sms/scheduled/%3")
                     .arg(s - 86'400'000)
                     .arg(s - 7'200'000)
                     .arg(s - 900'000));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders WHERE client_id = ?"), { client }), 4);
}

void tst_CalcomHandler::remindersInThePastAreSkipped()
{
    CALLVIA_TEST_DATABASE(db);
    QVERIFY(addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental")) != 0);
    CalcomHandler handler(db, m_clock);
    // Starts in 3 h: the 24 h reminders are already late, the 2 h and 15 min ones are not.
    const QDateTime soon = m_clock.nowUtc().addSecs(3 * 3600);
    QCOMPARE(Tests::deliver(handler, db, booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_soon"),
                                                 soon.toString(Qt::ISODate), soon.addSecs(900).toString(Qt::ISODate),
                                                 QStringLiteral("nobody@example.com"))),
             QString());
    const qint64 id = AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(QStringLiteral("bk_soon")).value().id;
    const QString r = reminders(db, m_clock, id);
    QVERIFY2(r.contains(QStringLiteral("1440/email/skipped/")) && r.contains(QStringLiteral("1440/sms/skipped/")), qPrintable(r));
    QVERIFY2(r.contains(QStringLiteral("120/sms/scheduled/")) && r.contains(QStringLiteral("15/sms/scheduled/")), qPrintable(r));
    const DbResult<QList<ReminderRecord>> due = ReminderRepository(db, m_clock, TenantScope::agency()).due(m_clock.nowMs());
    QCOMPARE(due.value().size(), 0); // skipped ones are never picked up by the sender
    QCOMPARE(ReminderRepository(db, m_clock, TenantScope::agency()).due(m_clock.nowMs() + 3 * 3600'000).value().size(), 2);
}

void tst_CalcomHandler::rescheduleMovesBookingInEitherOrder()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"), QStringLiteral("ana@example.com"));
    Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550124"), QStringLiteral("bea@example.com"));
    CalcomHandler handler(db, m_clock);
    const QString newStart = QStringLiteral("2025-06-13T09:00:00Z");
    const QString newEnd = QStringLiteral("2025-06-13T09:15:00Z");
    QStringList finals;
    for (const QString &who : { QStringLiteral("ana"), QStringLiteral("bea") }) {
        const QString email = who + QStringLiteral("@example.com");
        const QByteArray createdBody = booking(QStringLiteral("BOOKING_CREATED"), who + QStringLiteral("_old"), start, end, email);
        const QByteArray movedBody = booking(QStringLiteral("BOOKING_RESCHEDULED"), who + QStringLiteral("_new"), newStart,
                                             newEnd, email, {}, who + QStringLiteral("_old"));
        const QList<QByteArray> order = who == QLatin1String("ana") ? QList<QByteArray> { createdBody, movedBody, createdBody }
                                                                   : QList<QByteArray> { movedBody, createdBody, movedBody };
        for (const QByteArray &body : order)
            QCOMPARE(Tests::deliver(handler, db, body), QString());
        QCOMPARE(state(db, m_clock, who + QStringLiteral("_old")), QStringLiteral("none"));
        finals << state(db, m_clock, who + QStringLiteral("_new")).replace(who, QStringLiteral("<who>"));
    }
    const qint64 s = ms(newStart);
    QVERIFY2(finals.at(0).contains(QStringLiteral("|<who>_new|<who>_old|%1|").arg(s)), qPrintable(finals.at(0)));
    QVERIFY2(finals.at(0).contains(QStringLiteral("1440/sms/scheduled/%1").arg(s - 86'400'000)), qPrintable(finals.at(0)));
    // Same state apart from the lead id and the running appointment count.
    QCOMPARE(finals.at(0).section(QLatin1Char('|'), 2, 11), finals.at(1).section(QLatin1Char('|'), 2, 11));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM appointments")), 2);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders")), 8);
}

void tst_CalcomHandler::cancelInEitherOrderCancelsBookingAndReminders()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 ana = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"), QStringLiteral("ana@example.com"));
    const qint64 bea = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550124"), QStringLiteral("bea@example.com"));
    CalcomHandler handler(db, m_clock);
    auto created = [&](const QString &uid, const QString &email) {
        return booking(QStringLiteral("BOOKING_CREATED"), uid, start, end, email);
    };
    auto cancelled = [&](const QString &uid, const QString &email) {
        return booking(QStringLiteral("BOOKING_CANCELLED"), uid, start, end, email, {}, {},
                       QStringLiteral("2025-06-10T11:30:00.000Z"));
    };
    QCOMPARE(Tests::deliver(handler, db, created(QStringLiteral("a"), QStringLiteral("ana@example.com"))), QString());
    QCOMPARE(Tests::deliver(handler, db, cancelled(QStringLiteral("a"), QStringLiteral("ana@example.com"))), QString());
    QCOMPARE(Tests::deliver(handler, db, cancelled(QStringLiteral("b"), QStringLiteral("bea@example.com"))), QString());
    QCOMPARE(Tests::deliver(handler, db, created(QStringLiteral("b"), QStringLiteral("bea@example.com"))), QString());
    const QString a = state(db, m_clock, QStringLiteral("a"));
    const QString b = state(db, m_clock, QStringLiteral("b"));
    QVERIFY2(a.contains(QStringLiteral("|cancelled|sick|")), qPrintable(a));
    QVERIFY2(!a.contains(QStringLiteral("scheduled")), qPrintable(a));
    QCOMPARE(QString(a.section(QLatin1Char('|'), 3, 11)).replace(QStringLiteral("ana@"), QStringLiteral("x@")),
             QString(b.section(QLatin1Char('|'), 3, 11)).replace(QStringLiteral("bea@"), QStringLiteral("x@")));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders WHERE status = 'cancelled'")), 8);
    QCOMPARE(Tests::leadStatus(db, m_clock, ana), Tests::leadStatus(db, m_clock, bea));
}

void tst_CalcomHandler::requestedThenConfirmedOrRejectedInAnyOrder()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 ana = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"),
                                      QStringLiteral("ana@example.com"), QStringLiteral("contacted"));
    const qint64 bea = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550124"),
                                      QStringLiteral("bea@example.com"), QStringLiteral("contacted"));
    CalcomHandler handler(db, m_clock);
    auto event = [&](const QString &trigger, const QString &uid, const QString &email, const QString &at) {
        return booking(trigger, uid, start, end, email, {}, {}, at);
    };
    const QString requested = QStringLiteral("BOOKING_REQUESTED");
    const QString created = QStringLiteral("BOOKING_CREATED");
    const QString rejected = QStringLiteral("BOOKING_REJECTED");
    const QString t1 = QStringLiteral("2025-06-10T11:00:00.000Z");
    const QString t2 = QStringLiteral("2025-06-10T11:05:00.000Z");

    // Requested: a pending appointment, no reminders, the lead not booked yet.
    QCOMPARE(Tests::deliver(handler, db, event(requested, QStringLiteral("r1"), QStringLiteral("ana@example.com"), t1)), QString());
    QString r1 = state(db, m_clock, QStringLiteral("r1"));
    QVERIFY2(r1.contains(QStringLiteral("|pending|")), qPrintable(r1));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders")), 0);
    QCOMPARE(Tests::leadStatus(db, m_clock, ana), QStringLiteral("contacted"));
    // Confirmed by the host: scheduled, reminders, lead booked; a late request changes nothing.
    QCOMPARE(Tests::deliver(handler, db, event(created, QStringLiteral("r1"), QStringLiteral("ana@example.com"), t2)), QString());
    QCOMPARE(Tests::deliver(handler, db, event(requested, QStringLiteral("r1"), QStringLiteral("ana@example.com"), t1)), QString());
    r1 = state(db, m_clock, QStringLiteral("r1"));
    QVERIFY2(r1.contains(QStringLiteral("|scheduled|")), qPrintable(r1));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders WHERE status = 'scheduled'")), 4);
    QCOMPARE(Tests::leadStatus(db, m_clock, ana), QStringLiteral("booked"));

    // Rejected, in both orders: rejected with its reason, no live reminders, lead not booked.
    QCOMPARE(Tests::deliver(handler, db, event(requested, QStringLiteral("r2"), QStringLiteral("bea@example.com"), t1)), QString());
    QCOMPARE(Tests::deliver(handler, db, event(rejected, QStringLiteral("r2"), QStringLiteral("bea@example.com"), t2)), QString());
    QCOMPARE(Tests::deliver(handler, db, event(rejected, QStringLiteral("r3"), QStringLiteral("bea@example.com"), t2)), QString());
    QCOMPARE(Tests::deliver(handler, db, event(requested, QStringLiteral("r3"), QStringLiteral("bea@example.com"), t1)), QString());
    for (const QString &uid : QStringList { QStringLiteral("r2"), QStringLiteral("r3") }) {
        const QString s = state(db, m_clock, uid);
        QVERIFY2(s.contains(QStringLiteral("|rejected|fully booked|")), qPrintable(s));
        QVERIFY2(!s.contains(QStringLiteral("/scheduled/")), qPrintable(s));
    }
    QCOMPARE(Tests::leadStatus(db, m_clock, bea), QStringLiteral("contacted"));
}

void tst_CalcomHandler::unmatchedBookingCanBeLinkedLater()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 other = addMappedClient(db, m_clock, QStringLiteral("Bright Smiles"), 200);
    CalcomHandler handler(db, m_clock);
    QCOMPARE(Tests::deliver(handler, db, booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_u"), start, end,
                                                 QStringLiteral("stranger@example.com"), QStringLiteral("+351912345678"))),
             QString());
    AppointmentRepository appointments(db, m_clock, TenantScope::agency());
    const DbResult<QList<AppointmentRecord>> unmatched = appointments.listUnmatched();
    QCOMPARE(unmatched.value().size(), 1);
    const AppointmentRecord a = unmatched.value().first();
    QCOMPARE(a.clientId, client); // the client the event type belongs to, no lead yet
    QCOMPARE(a.leadId, 0);
    QCOMPARE(a.attendeePhone, QStringLiteral("+351912345678"));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders WHERE client_id = ?"), { client }), 4);

    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+351912345678"));
    // Another client's lead with the same number cannot take the booking.
    const qint64 otherCampaign = Tests::addCampaign(db, m_clock, other, QStringLiteral("Summer"));
    const qint64 otherLead = Tests::addLead(db, m_clock, other, otherCampaign, QStringLiteral("+351912345678"));
    QCOMPARE(appointments.linkToLead(a.id, otherLead).kind(), DbError::NotFound);
    QVERIFY(!appointments.linkToLead(a.id, lead).isError());
    const AppointmentRecord linked = appointments.find(a.id).value();
    QCOMPARE(linked.clientId, client);
    QCOMPARE(linked.leadId, lead);
    QCOMPARE(linked.campaignId, campaign);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders WHERE client_id = ?"), { client }), 4);
    QCOMPARE(appointments.linkToLead(a.id, lead).kind(), DbError::NotFound); // already matched
    QCOMPARE(AppointmentRepository(db, m_clock, TenantScope::client(client)).linkToLead(a.id, lead).kind(), DbError::NotFound);
}

void tst_CalcomHandler::phoneMatchPrefersMostRecentCampaign()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 oldCampaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 newCampaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Summer"));
    const qint64 newer = Tests::addLead(db, m_clock, client, newCampaign, QStringLiteral("+14155550123"));
    // One lead per number within a client: the other campaign's lead has another number.
    const qint64 older = Tests::addLead(db, m_clock, client, oldCampaign, QStringLiteral("+14155550124"));
    CalcomHandler handler(db, m_clock);
    // No lead has the e-mail, so the phone (as typed, with spaces) decides.
    QCOMPARE(Tests::deliver(handler, db, booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_p"), start, end,
                                                 QStringLiteral("other@example.com"), QStringLiteral("+1 415 555 0123"))),
             QString());
    const AppointmentRecord a = AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(QStringLiteral("bk_p")).value();
    QCOMPARE(a.leadId, newer);
    QCOMPARE(a.clientId, client);
    QCOMPARE(Tests::leadStatus(db, m_clock, older), QStringLiteral("new"));
    QCOMPARE(Tests::leadStatus(db, m_clock, newer), QStringLiteral("booked"));
}

void tst_CalcomHandler::bookingOnOneClientsPageNeverTouchesAnotherClientsLead()
{
    // The attendee types client B's lead's e-mail and phone on client A's booking page: the
    // booking belongs to A (its event type), and B's lead is neither matched nor booked.
    CALLVIA_TEST_DATABASE(db);
    const qint64 clientA = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"), 100);
    const qint64 clientB = addMappedClient(db, m_clock, QStringLiteral("Bright Smiles"), 200);
    const qint64 campaignA = Tests::addCampaign(db, m_clock, clientA, QStringLiteral("Spring"));
    const qint64 campaignB = Tests::addCampaign(db, m_clock, clientB, QStringLiteral("Summer")); // the newer campaign
    const qint64 leadB = Tests::addLead(db, m_clock, clientB, campaignB, QStringLiteral("+14155550123"),
                                        QStringLiteral("ana@example.com"), QStringLiteral("contacted"));
    CalcomHandler handler(db, m_clock);
    QCOMPARE(Tests::deliver(handler, db, booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_a1"), start, end,
                                                 QStringLiteral("ana@example.com"), QStringLiteral("+14155550123"))),
             QString());
    AppointmentRecord a = AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(QStringLiteral("bk_a1")).value();
    QCOMPARE(a.clientId, clientA);
    QCOMPARE(a.leadId, 0); // A has no such lead: an unmatched booking of A
    QCOMPARE(Tests::leadStatus(db, m_clock, leadB), QStringLiteral("contacted"));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders WHERE client_id = ?"), { clientB }), 0);

    // When A has a lead with those details, that lead gets the booking; B's stays untouched.
    const qint64 leadA = Tests::addLead(db, m_clock, clientA, campaignA, QStringLiteral("+14155550123"),
                                        QStringLiteral("ana@example.com"), QStringLiteral("contacted"));
    QCOMPARE(Tests::deliver(handler, db, booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_a2"), start, end,
                                                 QStringLiteral("ana@example.com"), QStringLiteral("+14155550123"))),
             QString());
    a = AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(QStringLiteral("bk_a2")).value();
    QCOMPARE(a.clientId, clientA);
    QCOMPARE(a.leadId, leadA);
    QCOMPARE(Tests::leadStatus(db, m_clock, leadA), QStringLiteral("booked"));
    QCOMPARE(Tests::leadStatus(db, m_clock, leadB), QStringLiteral("contacted"));

    // B's own page (event type 200, or only its organizer mapped) books B's lead.
    QVERIFY(Tests::mapProviderId(db, m_clock, clientB, QStringLiteral("calcom"), QStringLiteral("organizer"),
                                 QStringLiteral("desk@bright.example")));
    QCOMPARE(Tests::deliver(handler, db,
                            onEventType(booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_b1"), start, end,
                                                QStringLiteral("ana@example.com")),
                                        999, QStringLiteral("Desk@Bright.example"))),
             QString());
    a = AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(QStringLiteral("bk_b1")).value();
    QCOMPARE(a.clientId, clientB);
    QCOMPARE(a.leadId, leadB);
    QCOMPARE(Tests::leadStatus(db, m_clock, leadB), QStringLiteral("booked"));
}

void tst_CalcomHandler::unmappedBookingIsFlaggedAndChangesNothing()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"), 100);
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"),
                                       QStringLiteral("ana@example.com"), QStringLiteral("contacted"));
    CalcomHandler handler(db, m_clock);
    QList<qint64> ids;
    for (const QString &trigger : { QStringLiteral("BOOKING_CREATED"), QStringLiteral("BOOKING_CANCELLED") }) {
        QCOMPARE(Tests::deliver(handler, db,
                                onEventType(booking(trigger, QStringLiteral("bk_x"), start, end,
                                                    QStringLiteral("ana@example.com"), QStringLiteral("+14155550123")),
                                            777, QStringLiteral("stranger@elsewhere.example")),
                                {}, nullptr, &ids),
                 QString());
    }
    QCOMPARE(ids.size(), 2);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM appointments")), 0);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM reminders")), 0);
    QCOMPARE(Tests::leadStatus(db, m_clock, lead), QStringLiteral("contacted"));
    const EventRecord event = EventRepository(db).byId(ids.first()).value();
    QVERIFY(event.unattributed);
    QVERIFY2(event.lastError.contains(QStringLiteral("event_type_id 777")), qPrintable(event.lastError));
    EventFilter filter;
    filter.unattributedOnly = true;
    QCOMPARE(EventRepository(db).list(filter).value().size(), 2);
}

void tst_CalcomHandler::nationalUsPhoneMatchesImportedLead()
{
    // A national-format US number (no +1) is read as the lead import reads it (libphonenumber,
    // region US): the old digits-only reading made "(415) 555-0123" the Swiss +41 55 550 123.
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"));
    CalcomHandler handler(db, m_clock);
    const QStringList typed { QStringLiteral("(415) 555-0123"), QStringLiteral("415.555.0123"),
                              QStringLiteral("4155550123"), QStringLiteral("1 415 555 0123") };
    for (int i = 0; i < typed.size(); ++i) {
        const QString uid = QStringLiteral("bk_nat_%1").arg(i);
        QCOMPARE(Tests::deliver(handler, db, booking(QStringLiteral("BOOKING_CREATED"), uid, start, end,
                                                     QStringLiteral("other@example.com"), typed.at(i))),
                 QString());
        const AppointmentRecord a = AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(uid).value();
        QVERIFY2(a.leadId == lead, qPrintable(typed.at(i)));
        QCOMPARE(a.clientId, client);
    }
    QCOMPARE(Tests::leadStatus(db, m_clock, lead), QStringLiteral("booked"));
    // A number of another country keeps its +country code and matches nothing here.
    QCOMPARE(Tests::deliver(handler, db, booking(QStringLiteral("BOOKING_CREATED"), QStringLiteral("bk_pt"), start, end,
                                                 QStringLiteral("other@example.com"), QStringLiteral("+351 912 345 678"))),
             QString());
    QCOMPARE(AppointmentRepository(db, m_clock, TenantScope::agency()).findByUid(QStringLiteral("bk_pt")).value().leadId, 0);
}

void tst_CalcomHandler::identifyKeysAndFlatMeetingBodies()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(holder, qPrintable(error));
    CalcomHandler handler(holder->database(), m_clock);
    QList<Services::IncomingEvent> events;
    QVERIFY(handler.identify(booking(QStringLiteral("BOOKING_RESCHEDULED"), QStringLiteral("new"), start, end,
                                     QStringLiteral("a@example.com"), {}, QStringLiteral("old")),
                             {}, &events, &error));
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().providerEventId, QStringLiteral("BOOKING_RESCHEDULED:new:2025-06-10T11:00:00.000Z"));
    QCOMPARE(events.first().orderingKey, QStringLiteral("booking:old"));
    QCOMPARE(events.first().eventType, QStringLiteral("BOOKING_RESCHEDULED"));
    // MEETING_* bodies are the flat booking row: the uid is read from the top level.
    const QByteArray flat = R"({"triggerEvent":"MEETING_ENDED","id":7,"uid":"bk_9","startTime":"2025-06-12T14:30:00Z"})";
    events.clear();
    QVERIFY2(handler.identify(flat, {}, &events, &error), qPrintable(error));
    QCOMPARE(events.first().providerEventId, QStringLiteral("MEETING_ENDED:bk_9:"));
    QCOMPARE(events.first().orderingKey, QStringLiteral("booking:bk_9"));
    QCOMPARE(Tests::deliver(handler, holder->database(), flat), QString()); // stored, changes nothing
    QCOMPARE(Tests::scalar(holder->database(), QStringLiteral("SELECT COUNT(*) FROM appointments")), 0);
    // A form submission has no booking uid; two different ones must not share a key.
    QList<Services::IncomingEvent> forms;
    QVERIFY(handler.identify(R"({"triggerEvent":"FORM_SUBMITTED","createdAt":"x","payload":{"a":1}})", {}, &forms, &error));
    QVERIFY(handler.identify(R"({"triggerEvent":"FORM_SUBMITTED","createdAt":"x","payload":{"a":2}})", {}, &forms, &error));
    QCOMPARE(forms.size(), 2);
    QVERIFY(forms.at(0).providerEventId != forms.at(1).providerEventId);
}

void tst_CalcomHandler::parserNamesMissingField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("garbage") << QByteArray("\x00\xff{", 3) << QStringLiteral("JSON object");
    QTest::newRow("no trigger") << QByteArray(R"({"payload":{"uid":"u"}})") << QStringLiteral("triggerEvent");
    QTest::newRow("no uid") << QByteArray(R"({"triggerEvent":"BOOKING_CREATED","payload":{}})") << QStringLiteral("payload.uid");
    QTest::newRow("no start") << QByteArray(R"({"triggerEvent":"BOOKING_CREATED","payload":{"uid":"u"}})")
                              << QStringLiteral("payload.startTime");
    QTest::newRow("bad start") << QByteArray(R"({"triggerEvent":"BOOKING_RESCHEDULED","payload":{"uid":"u","startTime":"soon"}})")
                               << QStringLiteral("payload.startTime");
    QTest::newRow("end before start")
            << QByteArray(R"({"triggerEvent":"BOOKING_CREATED","payload":{"uid":"u","startTime":"2025-01-02T00:00:00Z","endTime":"2025-01-01T00:00:00Z"}})")
            << QStringLiteral("payload.endTime");
}

void tst_CalcomHandler::parserNamesMissingField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    Services::CalcomEvent event;
    QString error;
    QVERIFY(!Services::parseCalcomEvent(body, &event, &error));
    QVERIFY2(error.endsWith(field), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_CalcomHandler)
#include "tst_calcomhandler.moc"
