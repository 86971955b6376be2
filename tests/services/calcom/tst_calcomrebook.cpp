#include "../verification/verificationharness.h"

#include "../../common/testdatabase.h"

#include <fakes/fakeproviders.h>
#include <models/repositories/settingsrepository.h>
#include <services/appointments/appointmentlinker.h>
#include <services/auth/aesgcmcipher.h>
#include <services/providerconfig.h>
#include <services/providers/calcom/calcomslotsource.h>
#include <services/providers/calcom/leadbooking.h>
#include <services/rebooking/rebookservice.h>
#include <services/reminders/messagetemplates.h>
#include <services/verification/verificationservice.h>
#include <services/webhooks/calcomhandler.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Tests;
using Services::RebookService;

namespace {

const qint64 T0 = 1'767'000'000'000; // 2025-12-29 09:20 UTC
const qint64 VerdictAt = T0 + 30 * minuteMs + 48 * hourMs;
const QString Key = QStringLiteral("cal_live_client_key");
const QString Zone = QStringLiteral("America/New_York");

qint64 utc(const char *iso)
{
    return QDateTime::fromString(QLatin1String(iso), Qt::ISODate).toMSecsSinceEpoch();
}

// Four free slots within the week after the verdict (EST), one before it.
QJsonObject slotData()
{
    auto day = [](std::initializer_list<const char *> starts) {
        QJsonArray found;
        for (const char *start : starts)
            found << QJsonObject { { QStringLiteral("start"), QLatin1String(start) } };
        return found;
    };
    return { { QStringLiteral("2025-12-30"), day({ "2025-12-30T10:00:00.000-05:00" }) },
             { QStringLiteral("2026-01-02"), day({ "2026-01-02T10:00:00.000-05:00", "2026-01-02T14:00:00.000-05:00" }) },
             { QStringLiteral("2026-01-05"), day({ "2026-01-05T09:00:00.000-05:00", "2026-01-05T11:00:00.000-05:00" }) } };
}

// The Cal.com side of one client: the key in the secret settings, the event type in the
// client's settings, the base URL pointing at the fake.
struct CalcomSetup
{
    CalcomSetup(Models::Database &db, const Models::Clock &clock, qint64 client, const QString &baseUrl, const QString &key)
        : settings(db, clock), cipher(QByteArray(32, 'k'))
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("CALLVIA_CALCOM_API_BASE"), baseUrl);
        config = std::make_unique<Services::ProviderConfig>(&settings, &cipher, env);
        ok = !settings.setValue(Services::CalcomClient::apiKeySetting(client), cipher.encrypt(key), true)
                && mapProviderId(db, clock, client, QStringLiteral("calcom"), QStringLiteral("event_type_id"),
                                 QStringLiteral("4242"));
    }
    Models::SettingsRepository settings;
    Services::AesGcmCipher cipher;
    std::unique_ptr<Services::ProviderConfig> config;
    bool ok = false;
};

qint64 noShow(Models::Database &db, Models::TestClock &clock, const Scene &s, const QString &uid)
{
    Models::Sql::exec(db, QStringLiteral("UPDATE leads SET time_zone = ? WHERE id = ?"), { Zone, s.lead });
    const qint64 a = addAppointment(db, clock, s, uid, T0, s.lead);
    Services::VerificationService verification(db, clock, nullptr, Services::VerificationService::Options());
    clock.setNowMs(VerdictAt);
    return verification.runDue(clock.nowMs()).ok() ? a : 0;
}

QString stepReason(Models::Database &db, int step)
{
    return text(db, QStringLiteral("SELECT COALESCE(reason, '') FROM rebook_steps WHERE step = ?"), { step });
}

QByteArray bookingCreated(const QString &uid, qint64 leadId, const QString &email)
{
    QJsonObject payload { { QStringLiteral("uid"), uid },
                          { QStringLiteral("bookingId"), 9001 },
                          { QStringLiteral("eventTypeId"), 4242 },
                          { QStringLiteral("title"), QStringLiteral("Consultation") },
                          { QStringLiteral("startTime"), QStringLiteral("2026-01-02T15:00:00Z") },
                          { QStringLiteral("endTime"), QStringLiteral("2026-01-02T15:30:00Z") },
                          { QStringLiteral("status"), QStringLiteral("ACCEPTED") },
                          { QStringLiteral("attendees"),
                            QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("A. Lima") },
                                                       { QStringLiteral("email"), email },
                                                       { QStringLiteral("timeZone"), Zone } } } },
                          { QStringLiteral("metadata"),
                            QJsonObject { { QStringLiteral("callvia_lead_id"), QString::number(leadId) } } } };
    return QJsonDocument(QJsonObject { { QStringLiteral("triggerEvent"), QStringLiteral("BOOKING_CREATED") },
                                       { QStringLiteral("createdAt"), QStringLiteral("2025-12-31T10:00:00.000Z") },
                                       { QStringLiteral("payload"), payload } })
            .toJson(QJsonDocument::Compact);
}

} // namespace

// Rebook messages with Cal.com's free slots, and "Book for lead" with its webhook coming back,
// on SQLite and PostgreSQL against the fake Cal.com.
class tst_CalcomRebook : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rebookSmsOffersNextSlotsInLeadZone_data() { TestDatabase::addBackendRows(); }
    void rebookSmsOffersNextSlotsInLeadZone();
    void calcomDownKeepsPlainLinkAndSequenceGoesOn_data() { TestDatabase::addBackendRows(); }
    void calcomDownKeepsPlainLinkAndSequenceGoesOn();
    void downCalcomAskedOncePerClientAndZonePerPass_data() { TestDatabase::addBackendRows(); }
    void downCalcomAskedOncePerClientAndZonePerPass();
    void notConfiguredKeepsPlainLinkSilently_data() { TestDatabase::addBackendRows(); }
    void notConfiguredKeepsPlainLinkSilently();
    void bookForLeadWebhookLinksLeadAndEndsRebook_data() { TestDatabase::addBackendRows(); }
    void bookForLeadWebhookLinksLeadAndEndsRebook();
    void wrongKeyIsReportedAndAudited_data() { TestDatabase::addBackendRows(); }
    void wrongKeyIsReportedAndAudited();
    void unmatchedBookingListedAndLinkedAudited_data() { TestDatabase::addBackendRows(); }
    void unmatchedBookingListedAndLinkedAudited();
};

void tst_CalcomRebook::rebookSmsOffersNextSlotsInLeadZone()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    fake.setSlots(slotData());
    const Scene s = makeScene(db, clock);
    CalcomSetup setup(db, clock, s.client, fake.baseUrl(), Key);
    QVERIFY(setup.ok);
    const qint64 a = noShow(db, clock, s, QStringLiteral("bk-c1"));
    QVERIFY(a > 0);
    RebookService rebook(db, clock, RebookService::Options());
    rebook.setSlotSource(Services::calcomSlotSource(*setup.config, db, clock));
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    const QString sms = QJsonDocument::fromJson(text(db, QStringLiteral("SELECT payload FROM outbox WHERE idempotency_key LIKE 'rebook:%:0'")).toUtf8())
                                .object().value(QLatin1String("body")).toString();
    const QString language = Services::MessageTemplates::pickLanguage(QString());
    QStringList offered;
    for (const char *iso : { "2026-01-02T15:00:00Z", "2026-01-02T19:00:00Z", "2026-01-05T14:00:00Z" })
        offered << Services::MessageTemplates::formatTime(utc(iso), Zone, language);
    QVERIFY2(sms.contains(offered.join(QStringLiteral("; "))), qPrintable(sms)); // the next three, lead's zone
    QVERIFY2(offered.first().contains(QLatin1String("10:00")), qPrintable(offered.first()));
    QVERIFY(!sms.contains(Services::MessageTemplates::formatTime(utc("2025-12-30T15:00:00Z"), Zone, language))); // before now
    QVERIFY(!sms.contains(Services::MessageTemplates::formatTime(utc("2026-01-05T16:00:00Z"), Zone, language))); // a 4th
    QVERIFY(sms.contains(QLatin1String("https://book.acme.example/new"))); // the link stays
    QCOMPARE(stepReason(db, 0), QString());
    const QUrlQuery query(fake.received().value(0).query);
    QCOMPARE(query.queryItemValue(QStringLiteral("timeZone")), Zone);
    QCOMPARE(query.queryItemValue(QStringLiteral("eventTypeId")), QStringLiteral("4242"));
    QCOMPARE(fake.received().value(0).header("Authorization"), QByteArray(QByteArray("Bearer ") + Key.toUtf8()));
}

void tst_CalcomRebook::calcomDownKeepsPlainLinkAndSequenceGoesOn()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    fake.setSlots(slotData());
    const Scene s = makeScene(db, clock);
    CalcomSetup setup(db, clock, s.client, fake.baseUrl(), Key);
    QVERIFY(setup.ok);
    const qint64 a = noShow(db, clock, s, QStringLiteral("bk-c2"));
    fake.goDown();
    RebookService rebook(db, clock, RebookService::Options());
    rebook.setSlotSource(Services::calcomSlotSource(*setup.config, db, clock));
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    const QString sms = text(db, QStringLiteral("SELECT body FROM messages WHERE template = 'rebook' AND channel = 'sms'"));
    QVERIFY2(sms.contains(QLatin1String("Pick a new time: https://book.acme.example/new")), qPrintable(sms));
    QVERIFY2(stepReason(db, 0).startsWith(QLatin1String("Cal.com slots unavailable: Cal.com could not be reached")),
             qPrintable(stepReason(db, 0)));
    QCOMPARE(text(db, QStringLiteral("SELECT status FROM rebook_steps WHERE step = 0")), QStringLiteral("queued"));
    QCOMPARE(rebook.nextDueAt().valueOr(0), VerdictAt + 2 * dayMs); // the sequence goes on
    QVERIFY(fake.comeBack());
    clock.setNowMs(VerdictAt + 2 * dayMs);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QCOMPARE(text(db, QStringLiteral("SELECT status FROM rebook_steps WHERE step = 1")), QStringLiteral("queued"));
    const QString email = text(db, QStringLiteral("SELECT body FROM messages WHERE template = 'rebook' AND channel = 'email'"));
    QVERIFY2(email.contains(QLatin1String("10:00")), qPrintable(email)); // back up: slots again
    QVERIFY(a > 0);
}

void tst_CalcomRebook::downCalcomAskedOncePerClientAndZonePerPass()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    const Scene s = makeScene(db, clock);
    CalcomSetup setup(db, clock, s.client, fake.baseUrl(), Key);
    QVERIFY(setup.ok);
    const qint64 second = addLead(db, clock, s.client, s.campaign, QStringLiteral("+15551230002"), QStringLiteral("bo@example.com"));
    Models::Sql::exec(db, QStringLiteral("UPDATE leads SET time_zone = ? WHERE id = ?"), { Zone, second });
    addAppointment(db, clock, s, QStringLiteral("bk-c5b"), T0, second);
    QVERIFY(noShow(db, clock, s, QStringLiteral("bk-c5a")) > 0); // both appointments come due
    fake.setMode(Fakes::FakeProvider::Mode::Fail, -1, 500);
    RebookService rebook(db, clock, RebookService::Options());
    rebook.setSlotSource(Services::calcomSlotSource(*setup.config, db, clock));
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_steps WHERE step = 0 AND status = 'queued' "
                                      "AND reason LIKE 'Cal.com slots unavailable: Cal.com answered 500%'")),
             2);
    QCOMPARE(fake.requestCount(), 1); // one failing call per pass, not one per sequence
}

void tst_CalcomRebook::notConfiguredKeepsPlainLinkSilently()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    Models::SettingsRepository settings(db, clock);
    const Services::ProviderConfig config(&settings, nullptr, QProcessEnvironment());
    QVERIFY(noShow(db, clock, s, QStringLiteral("bk-c3")) > 0);
    RebookService rebook(db, clock, RebookService::Options());
    rebook.setSlotSource(Services::calcomSlotSource(config, db, clock));
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    const QString sms = text(db, QStringLiteral("SELECT body FROM messages WHERE template = 'rebook' AND channel = 'sms'"));
    QVERIFY2(sms.contains(QLatin1String("Pick a new time: https://book.acme.example/new")), qPrintable(sms));
    QCOMPARE(stepReason(db, 0), QString());
}

void tst_CalcomRebook::bookForLeadWebhookLinksLeadAndEndsRebook()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    fake.setSlots(slotData());
    const Scene s = makeScene(db, clock);
    CalcomSetup setup(db, clock, s.client, fake.baseUrl(), Key);
    QVERIFY(setup.ok);
    const qint64 a = noShow(db, clock, s, QStringLiteral("bk-c4"));
    RebookService rebook(db, clock, RebookService::Options());
    QVERIFY(rebook.runDue(clock.nowMs()).ok()); // first SMS
    const Services::Session staff = addStaff(db, clock);

    const Services::LeadBooking::Plan plan = Services::LeadBooking::plan(staff, db, clock, *setup.config, s.lead);
    QCOMPARE(plan.error, QString());
    QCOMPARE(plan.leadZone, Zone);
    const Services::CalcomClient::Slots found = Services::LeadBooking::freeSlots(plan, clock.nowMs(), clock.nowMs() + 7 * dayMs);
    QCOMPARE(found.error, QString());
    QCOMPARE(found.startsMs.value(0), utc("2026-01-02T15:00:00Z"));
    const Services::CalcomClient::Booking booking = Services::LeadBooking::book(plan, found.startsMs.value(0));
    QCOMPARE(booking.error, QString());
    QCOMPARE(Services::LeadBooking::recordBooking(staff, db, clock, plan, found.startsMs.value(0), booking).message(), QString());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'calcom.book' AND entity_id = ?"),
                   { QString::number(s.lead) }),
             1);
    const QJsonObject posted = fake.bookings().first().toObject();
    QCOMPARE(posted.value(QLatin1String("metadata")).toObject().value(QLatin1String("callvia_lead_id")).toString(),
             QString::number(s.lead));

    // Cal.com's webhook: the attendee e-mail matches no lead; the metadata names it.
    Services::CalcomHandler handler(db, clock);
    clock.advanceMs(hourMs);
    QCOMPARE(deliver(handler, db, bookingCreated(booking.uid, s.lead, QStringLiteral("someone.else@example.com"))), QString());
    QCOMPARE(scalar(db, QStringLiteral("SELECT COALESCE(lead_id, 0) FROM appointments WHERE booking_uid = ?"), { booking.uid }),
             s.lead);
    clock.setNowMs(VerdictAt + 2 * dayMs);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QCOMPARE(text(db, QStringLiteral("SELECT status || '/' || ended_reason FROM rebook_sequences WHERE appointment_id = ?"), { a }),
             QStringLiteral("ended/new_booking"));
    QCOMPARE(text(db, QStringLiteral("SELECT ended_detail FROM rebook_sequences WHERE appointment_id = ?"), { a }),
             QString(QStringLiteral("booking ") + booking.uid));
}

void tst_CalcomRebook::wrongKeyIsReportedAndAudited()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0);
    Fakes::FakeCalcom fake(Key);
    QVERIFY(fake.listen() > 0);
    const Scene s = makeScene(db, clock);
    CalcomSetup setup(db, clock, s.client, fake.baseUrl(), QStringLiteral("cal_live_wrong"));
    QVERIFY(setup.ok);
    const Services::Session staff = addStaff(db, clock);
    const Services::LeadBooking::Plan plan = Services::LeadBooking::plan(staff, db, clock, *setup.config, s.lead);
    QCOMPARE(plan.error, QString());
    QCOMPARE(Services::LeadBooking::freeSlots(plan, T0, T0 + dayMs).error,
             QStringLiteral("Cal.com rejected the API key (401): missing or wrong authorization"));
    const Services::CalcomClient::Booking booking = Services::LeadBooking::book(plan, T0 + dayMs);
    QVERIFY(booking.error.startsWith(QLatin1String("Cal.com rejected the API key (401)")));
    QCOMPARE(Services::LeadBooking::recordBooking(staff, db, clock, plan, T0 + dayMs, booking).message(), QString());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'calcom.book_failed'")), 1);
    QVERIFY(!text(db, QStringLiteral("SELECT after_json FROM audit_log WHERE action = 'calcom.book_failed'")).contains(QLatin1String("cal_live_wrong")));
    QCOMPARE(fake.executedCount(), 0);
}

void tst_CalcomRebook::unmatchedBookingListedAndLinkedAudited()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0);
    const Scene s = makeScene(db, clock);
    QVERIFY(mapProviderId(db, clock, s.client, QStringLiteral("calcom"), QStringLiteral("event_type_id"), QStringLiteral("4242")));
    Services::CalcomHandler handler(db, clock);
    // No metadata (booked on Cal.com's own page) and an e-mail no lead has: unmatched.
    QCOMPARE(deliver(handler, db, bookingCreated(QStringLiteral("bk-u1"), 0, QStringLiteral("typo@example.com"))), QString());
    const Services::Session staff = addStaff(db, clock);
    const Services::AppointmentLinker linker(db, clock);
    const auto unmatched = linker.unmatched(staff);
    QVERIFY(unmatched.ok());
    QCOMPARE(unmatched.value().size(), 1);
    const qint64 appointment = unmatched.value().first().id;
    QCOMPARE(unmatched.value().first().attendeeEmail, QStringLiteral("typo@example.com"));
    const Services::Session clientUser(staff.userId(), QStringLiteral("owner"), Services::Session::Role::Client, s.client);
    QVERIFY(linker.link(clientUser, appointment, s.lead).message().startsWith(QLatin1String("Permission denied")));
    QCOMPARE(linker.link(staff, appointment, s.lead).message(), QString());
    QCOMPARE(scalar(db, QStringLiteral("SELECT COALESCE(lead_id, 0) FROM appointments WHERE id = ?"), { appointment }), s.lead);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.link_lead' AND entity_id = ?"),
                   { QString::number(appointment) }),
             1);
    QVERIFY(linker.unmatched(staff).value().isEmpty());
    QVERIFY(linker.link(staff, appointment, s.lead).message().contains(QLatin1String("already linked")));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.link_lead'")), 1);
}

QTEST_GUILESS_MAIN(tst_CalcomRebook)
#include "tst_calcomrebook.moc"
