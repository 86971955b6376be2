// The Appointments view (issues 21 and 24): the calendar groups appointments by the viewer's
// day across a daylight-saving change, the day list shows the lead's own local time, the
// selected appointment shows its reminders and its messages (and the lead's) with their
// delivery state, and a client user sees only their own client's appointments. Reads run on a
// real reader thread against a real SQLite file and, when configured, PostgreSQL.
#include <common/testdatabase.h>
#include <models/repositories/appointmentrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/reminderrepository.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/verificationrepository.h>
#include <services/auth/authservice.h>
#include <services/auth/session.h>
#include <services/verification/verificationservice.h>
#include <services/servicethread.h>
#include <ui/appointments/appointmentsview.h>
#include <ui/widgets/messagelist.h>

#include <QComboBox>
#include <QTableWidget>
#include <QtTest>

using namespace Callvia;

namespace {

qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class tst_AppointmentsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void calendarGroupsByViewerDayAcrossDst_data() { Tests::TestDatabase::addBackendRows(); }
    void calendarGroupsByViewerDayAcrossDst();
    void detailShowsRemindersAndMessagesWithDeliveryState_data() { Tests::TestDatabase::addBackendRows(); }
    void detailShowsRemindersAndMessagesWithDeliveryState();
    void clientUserSeesOnlyTheirClient_data() { Tests::TestDatabase::addBackendRows(); }
    void clientUserSeesOnlyTheirClient();
    void statusFilterAwaitingVerdict();
    void manualVerdictShowsWithEvidenceAndIsAudited_data() { Tests::TestDatabase::addBackendRows(); }
    void manualVerdictShowsWithEvidenceAndIsAudited();

private:
    std::unique_ptr<Tests::TestDatabase> open(QString *error);
    qint64 addClient(Models::Database &db, const QString &name);
    qint64 addLead(Models::Database &db, qint64 clientId, const QString &first, const QString &zone);
    qint64 addAppointment(Models::Database &db, qint64 clientId, qint64 leadId, qint64 startsAt, const QString &uid);
    Models::TestClock m_clock { utcMs("2026-03-01T12:00:00Z") };
    const QTimeZone m_newYork { "America/New_York" };
    Services::Session m_admin { 1, QStringLiteral("root"), Services::Session::Role::Admin, 0 };
};

std::unique_ptr<Tests::TestDatabase> tst_AppointmentsView::open(QString *error)
{
    QFETCH(QString, backend);
    QString skip;
    return Tests::TestDatabase::create(backend, &skip, error);
}

qint64 tst_AppointmentsView::addClient(Models::Database &db, const QString &name)
{
    Models::ClientRecord client;
    client.name = name;
    const qint64 id = Models::ClientRepository(db, m_clock, Models::TenantScope::agency()).insert(client).value();
    Models::CampaignRecord campaign;
    campaign.clientId = id;
    campaign.name = name + QStringLiteral(" spring");
    Models::CampaignRepository(db, m_clock, Models::TenantScope::agency()).insert(campaign).value();
    return id;
}

qint64 tst_AppointmentsView::addLead(Models::Database &db, qint64 clientId, const QString &first, const QString &zone)
{
    const auto campaigns = Models::CampaignRepository(db, m_clock, Models::TenantScope::agency()).list(clientId);
    Models::LeadRecord lead;
    lead.clientId = clientId;
    lead.campaignId = campaigns.value().first().id;
    lead.firstName = first;
    lead.lastName = QStringLiteral("Rivera");
    lead.phoneE164 = QStringLiteral("+1415555%1").arg(qHash(first) % 10000, 4, 10, QLatin1Char('0'));
    lead.email = first.toLower() + QStringLiteral("@example.com");
    lead.timeZone = zone;
    return Models::LeadRepository(db, m_clock, Models::TenantScope::agency()).insert(lead).value();
}

qint64 tst_AppointmentsView::addAppointment(Models::Database &db, qint64 clientId, qint64 leadId, qint64 startsAt,
                                            const QString &uid)
{
    Models::AppointmentRecord a;
    a.clientId = clientId;
    a.leadId = leadId;
    a.bookingUid = uid;
    a.title = QStringLiteral("Consultation ") + uid;
    a.startsAt = startsAt;
    a.endsAt = startsAt + 1'800'000;
    a.attendeeName = QStringLiteral("Attendee ") + uid;
    return Models::AppointmentRepository(db, m_clock, Models::TenantScope::agency()).upsert(a).value();
}

void tst_AppointmentsView::calendarGroupsByViewerDayAcrossDst()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const qint64 client = addClient(db, QStringLiteral("Sunrise Dental"));
    const qint64 lead = addLead(db, client, QStringLiteral("Maria"), QStringLiteral("America/Los_Angeles"));
    // New York leaves EST (UTC-5) for EDT (UTC-4) at 2026-03-08 02:00 local (07:00Z).
    addAppointment(db, client, lead, utcMs("2026-03-08T04:30:00Z"), QStringLiteral("a")); // Mar 7 23:30 EST
    addAppointment(db, client, lead, utcMs("2026-03-08T06:30:00Z"), QStringLiteral("b")); // Mar 8 01:30 EST
    addAppointment(db, client, lead, utcMs("2026-03-08T07:30:00Z"), QStringLiteral("c")); // Mar 8 03:30 EDT
    addAppointment(db, client, lead, utcMs("2026-03-09T03:30:00Z"), QStringLiteral("d")); // Mar 8 23:30 EDT
    addAppointment(db, client, lead, utcMs("2026-03-09T04:30:00Z"), QStringLiteral("e")); // Mar 9 00:30 EDT

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    Ui::AppointmentsView view(db, m_clock, m_admin, reader, m_newYork);
    view.showDate(QDate(2026, 3, 8));
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.monthError().isEmpty(), qPrintable(view.monthError()));
    QCOMPARE(view.appointmentCountOn(QDate(2026, 3, 7)), 1);
    QCOMPARE(view.appointmentCountOn(QDate(2026, 3, 8)), 3);
    QCOMPARE(view.appointmentCountOn(QDate(2026, 3, 9)), 1);
    QTableWidget *day = view.dayTable();
    QCOMPARE(day->rowCount(), 3);
    // Half an hour after 01:30 EST the clocks read 03:00 EDT.
    QCOMPARE(day->item(0, Ui::AppointmentsView::TimeColumn)->text(), QStringLiteral("01:30-03:00"));
    QCOMPARE(day->item(1, Ui::AppointmentsView::TimeColumn)->text(), QStringLiteral("03:30-04:00"));
    QCOMPARE(day->item(2, Ui::AppointmentsView::TimeColumn)->text(), QStringLiteral("23:30-00:00"));
    // The lead's own clock: Los Angeles changes three hours later (10:00Z), so 07:30Z is still PST
    // there and the evening one is PDT.
    QCOMPARE(day->item(0, Ui::AppointmentsView::LeadTimeColumn)->text(), QStringLiteral("22:30 PST"));
    QCOMPARE(day->item(1, Ui::AppointmentsView::LeadTimeColumn)->text(), QStringLiteral("23:30 PST"));
    QCOMPARE(day->item(2, Ui::AppointmentsView::LeadTimeColumn)->text(), QStringLiteral("20:30 PDT"));
    QCOMPARE(day->item(0, Ui::AppointmentsView::LeadColumn)->text(), QStringLiteral("Maria Rivera"));
    QCOMPARE(day->item(0, Ui::AppointmentsView::ClientColumn)->text(), QStringLiteral("Sunrise Dental"));

    // The next month is read when the calendar turns its page: nothing there.
    view.showDate(QDate(2026, 4, 8));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.appointmentCountOn(QDate(2026, 3, 8)), 0); // outside the shown range now
    QCOMPARE(view.dayTable()->rowCount(), 0);
}

void tst_AppointmentsView::detailShowsRemindersAndMessagesWithDeliveryState()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const qint64 client = addClient(db, QStringLiteral("Peak Roofing"));
    const qint64 lead = addLead(db, client, QStringLiteral("James"), QStringLiteral("America/Chicago"));
    const qint64 earlier = addAppointment(db, client, lead, utcMs("2026-03-02T15:00:00Z"), QStringLiteral("earlier"));
    const qint64 appointment = addAppointment(db, client, lead, utcMs("2026-03-05T15:00:00Z"), QStringLiteral("main"));
    QVERIFY(Models::ReminderRepository(db, m_clock, Models::TenantScope::agency())
                    .scheduleFor(appointment, client, utcMs("2026-03-05T15:00:00Z"))
                    .ok());
    const Models::MessageRepository messages(db, m_clock, Models::TenantScope::agency());
    auto message = [&](qint64 appointmentId, const QString &channel, const QString &status, const QString &error) {
        Models::MessageRecord m;
        m.clientId = client;
        m.leadId = lead;
        m.appointmentId = appointmentId;
        m.channel = channel;
        m.toAddress = channel == QLatin1String("sms") ? QStringLiteral("+14155550123") : QStringLiteral("james@example.com");
        m.body = QStringLiteral("Reminder. Reply STOP to opt out.");
        m.templateName = QStringLiteral("reminder_24h");
        m.status = status;
        m.error = error;
        m.provider = channel == QLatin1String("sms") ? QStringLiteral("messagebird") : QStringLiteral("sendgrid");
        m.sentAt = m_clock.nowMs();
        return messages.insert(m).value();
    };
    message(appointment, QStringLiteral("sms"), QStringLiteral("delivered"), QString());
    message(appointment, QStringLiteral("email"), QStringLiteral("bounced"), QStringLiteral("550 mailbox unavailable"));
    message(earlier, QStringLiteral("sms"), QStringLiteral("failed"), QStringLiteral("unreachable"));

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    Ui::AppointmentsView view(db, m_clock, m_admin, reader, m_newYork);
    view.showDate(QDate(2026, 3, 5));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.dayTable()->rowCount(), 1);
    view.dayTable()->selectRow(0);
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.detailText().contains(QLatin1String("James Rivera")), qPrintable(view.detailText()));
    QVERIFY2(view.detailText().contains(QLatin1String("CST")), qPrintable(view.detailText())); // the lead's own time
    QCOMPARE(view.reminderTable()->rowCount(), 4); // 24 h SMS + e-mail, 2 h, 15 min
    Ui::MessageList *own = view.messageList();
    QCOMPARE(own->rowCount(), 2);
    QStringList states;
    for (int r = 0; r < own->rowCount(); ++r)
        states << own->item(r, Ui::MessageList::StatusColumn)->text() + QLatin1Char('/')
                        + own->item(r, Ui::MessageList::ErrorColumn)->text();
    states.sort();
    QCOMPARE(states, QStringList({ QStringLiteral("Bounced/550 mailbox unavailable"), QStringLiteral("Delivered/") }));
    QCOMPARE(view.leadMessageList()->rowCount(), 3); // the lead's messages of both appointments

    // Another appointment of the same lead, chosen by id (as a link from the lead would).
    view.selectAppointment(earlier);
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.messageList()->rowCount(), 1);
    QCOMPARE(view.messageList()->item(0, Ui::MessageList::StatusColumn)->text(), QStringLiteral("Failed"));
}

void tst_AppointmentsView::clientUserSeesOnlyTheirClient()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const qint64 a = addClient(db, QStringLiteral("Client A"));
    const qint64 b = addClient(db, QStringLiteral("Client B"));
    const qint64 leadA = addLead(db, a, QStringLiteral("Ana"), QStringLiteral("America/New_York"));
    const qint64 leadB = addLead(db, b, QStringLiteral("Bob"), QStringLiteral("America/New_York"));
    addAppointment(db, a, leadA, utcMs("2026-03-04T15:00:00Z"), QStringLiteral("ua"));
    const qint64 other = addAppointment(db, b, leadB, utcMs("2026-03-04T16:00:00Z"), QStringLiteral("ub"));

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    {
        Ui::AppointmentsView agency(db, m_clock, m_admin, reader, m_newYork);
        agency.showDate(QDate(2026, 3, 4));
        QTRY_VERIFY(!agency.isLoading());
        QCOMPARE(agency.dayTable()->rowCount(), 2);
        QTRY_COMPARE(agency.findChild<QComboBox *>(QStringLiteral("clientFilter"))->count(), 3);
        agency.setFilter(b, QString());
        QTRY_VERIFY(!agency.isLoading());
        QCOMPARE(agency.dayTable()->rowCount(), 1);
        QCOMPARE(agency.dayTable()->item(0, Ui::AppointmentsView::ClientColumn)->text(), QStringLiteral("Client B"));
    }
    const Services::Session clientUser(7, QStringLiteral("ana"), Services::Session::Role::Client, a);
    Ui::AppointmentsView view(db, m_clock, clientUser, reader, m_newYork);
    view.showDate(QDate(2026, 3, 4));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.dayTable()->rowCount(), 1);
    QCOMPARE(view.dayTable()->item(0, Ui::AppointmentsView::LeadColumn)->text(), QStringLiteral("Ana Rivera"));
    // Even by id, the other client's appointment and its messages are not shown.
    view.selectAppointment(other);
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.detailText().contains(QLatin1String("Could not read")), qPrintable(view.detailText()));
    QVERIFY(!view.detailText().contains(QLatin1String("Bob")));
    QCOMPARE(view.messageList()->rowCount(), 0);
}

void tst_AppointmentsView::statusFilterAwaitingVerdict()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::Database &db = test->database();
    const qint64 client = addClient(db, QStringLiteral("Harbor HVAC"));
    const qint64 lead = addLead(db, client, QStringLiteral("Grace"), QStringLiteral("America/Denver"));
    addAppointment(db, client, lead, utcMs("2026-02-27T15:00:00Z"), QStringLiteral("past")); // ended: awaiting
    addAppointment(db, client, lead, utcMs("2026-02-27T18:00:00Z"), QStringLiteral("cancelled"));
    Models::AppointmentRepository(db, m_clock, Models::TenantScope::agency())
            .cancel(Models::AppointmentRepository(db, m_clock, Models::TenantScope::agency())
                            .findByUid(QStringLiteral("cancelled"))
                            .value()
                            .id,
                    QStringLiteral("lead asked"));
    addAppointment(db, client, lead, utcMs("2026-03-01T18:00:00Z"), QStringLiteral("future"));

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    Ui::AppointmentsView view(db, m_clock, m_admin, reader, m_newYork);
    view.showDate(QDate(2026, 2, 27));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.dayTable()->rowCount(), 2);
    view.setFilter(0, QStringLiteral("awaiting"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.dayTable()->rowCount(), 1);
    QCOMPARE(view.dayTable()->item(0, Ui::AppointmentsView::VerificationColumn)->text(), QStringLiteral("Awaiting verdict"));
    view.setFilter(0, QStringLiteral("cancelled"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.dayTable()->rowCount(), 1);
    QCOMPARE(view.dayTable()->item(0, Ui::AppointmentsView::StatusColumn)->text(), QStringLiteral("Cancelled"));
    view.showDate(QDate(2026, 3, 1));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.dayTable()->rowCount(), 0); // "future" is not cancelled
}

void tst_AppointmentsView::manualVerdictShowsWithEvidenceAndIsAudited()
{
    QString error;
    auto test = open(&error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP("PostgreSQL is not configured (CALLVIA_TEST_PG_URL)");
    Models::Database &db = test->database();
    const qint64 rootId = Services::AuthService(db, m_clock, 1000)
                                  .createFirstAdmin(QStringLiteral("root"), QStringLiteral("river-stone-42-lamp"))
                                  .value();
    const Services::Session staff(rootId, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    const qint64 client = addClient(db, QStringLiteral("Oak Law Group"));
    const qint64 lead = addLead(db, client, QStringLiteral("Henry"), QStringLiteral("America/New_York"));
    const qint64 appointment = addAppointment(db, client, lead, utcMs("2026-02-26T15:00:00Z"), QStringLiteral("ended"));

    Models::Database *database = &db;
    const Models::Clock *clock = &m_clock;
    auto manual = [database, clock](const Services::Session &actor, qint64 id, bool shown, const QString &reason) {
        return Services::VerificationService(*database, *clock, nullptr, Services::VerificationService::Options())
                .setManualVerdict(actor, id, shown, reason);
    };
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    Ui::AppointmentsView view(db, m_clock, staff, reader, m_newYork, nullptr, manual);
    view.showDate(QDate(2026, 2, 26));
    QTRY_VERIFY(!view.isLoading());
    view.selectAppointment(appointment);
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.detailText().contains(QLatin1String("Awaiting verdict")), qPrintable(view.detailText()));
    QVERIFY(view.findChild<QWidget *>(QStringLiteral("markShown"))->isVisibleTo(&view));

    view.markVerdict(true, QStringLiteral("Client phoned: Henry came in"));
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.verdictError().isEmpty(), qPrintable(view.verdictError()));
    QTRY_VERIFY(!view.isLoading()); // the reload after the write
    QVERIFY2(view.detailText().contains(QLatin1String("decided by staff")), qPrintable(view.detailText()));
    QVERIFY(view.detailText().contains(QLatin1String("Client phoned: Henry came in")));
    QVERIFY(view.detailText().contains(QLatin1String("by root")));
    const auto verdict = Models::VerificationRepository(db, m_clock, Models::TenantScope::agency()).verdictFor(appointment);
    QVERIFY2(verdict.ok(), qPrintable(verdict.error().message()));
    QCOMPARE(verdict.value().verdict, QStringLiteral("shown"));
    QCOMPARE(verdict.value().decidedBy, rootId);
    bool audited = false;
    const auto auditRows = Models::AuditRepository(db, Models::TenantScope::agency()).list();
    QVERIFY(auditRows.ok());
    for (const auto &entry : auditRows.value())
        audited = audited || (entry.action.startsWith(QLatin1String("appointment.verdict")) && entry.userId == rootId);
    QVERIFY(audited);

    // A correction to no-show is shown with the earlier verdict counted.
    view.markVerdict(false, QStringLiteral("Client corrected: wrong person"));
    QTRY_VERIFY(!view.isLoading());
    QTRY_VERIFY(view.detailText().contains(QLatin1String("No-show")));
    QVERIFY2(view.detailText().contains(QLatin1String("1 earlier verdict")), qPrintable(view.detailText()));

    // A client user has no verdict buttons.
    const Services::Session clientUser(rootId, QStringLiteral("root"), Services::Session::Role::Client, client);
    Ui::AppointmentsView own(db, m_clock, clientUser, reader, m_newYork, nullptr, manual);
    QVERIFY(!own.findChild<QWidget *>(QStringLiteral("markShown"))->isVisibleTo(&own));
}

QTEST_MAIN(tst_AppointmentsView)
#include "tst_appointmentsview.moc"
