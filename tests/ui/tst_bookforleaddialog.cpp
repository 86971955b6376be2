// "Book for lead" (issue 24 item 1): the dialog loads the lead's free Cal.com slots off the GUI
// thread (plan on the reader thread, Cal.com on a pool thread), shows them in the lead's zone,
// books the chosen one through the fake Cal.com with the lead in the metadata, and audits it.
#include <common/testdatabase.h>
#include <fakes/fakeproviders.h>
#include <models/clock.h>
#include <models/repositories/appointmentrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/userrepository.h>
#include <models/sqlhelpers.h>
#include <services/auth/session.h>
#include <services/providerconfig.h>
#include <services/reminders/messagetemplates.h>
#include <services/servicethread.h>
#include <ui/appointments/bookforleaddialog.h>
#include <ui/appointments/leadpickerdialog.h>
#include <ui/appointments/unmatchedbookingsbox.h>

#include <QJsonArray>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace Callvia;

namespace {

qint64 utcMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class tst_BookForLeadDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsSlotsInLeadZoneAndBooksAudited();
    void wrongKeySaysSoPlainly();
    void unmatchedBookingLinkedFromTheList();

private:
    struct Scene
    {
        qint64 client = 0;
        qint64 lead = 0;
        Services::Session staff;
    };
    Scene makeScene(Models::Database &db);
    Models::TestClock m_clock { utcMs("2026-12-07T12:00:00Z") };
};

tst_BookForLeadDialog::Scene tst_BookForLeadDialog::makeScene(Models::Database &db)
{
    Scene s;
    Models::ClientRecord client;
    client.name = QStringLiteral("Harbor HVAC");
    s.client = Models::ClientRepository(db, m_clock, Models::TenantScope::agency()).insert(client).value();
    Models::CampaignRecord campaign;
    campaign.clientId = s.client;
    campaign.name = QStringLiteral("Winter");
    const qint64 campaignId = Models::CampaignRepository(db, m_clock, Models::TenantScope::agency()).insert(campaign).value();
    Models::LeadRecord lead;
    lead.clientId = s.client;
    lead.campaignId = campaignId;
    lead.firstName = QStringLiteral("Grace");
    lead.lastName = QStringLiteral("Rivera");
    lead.phoneE164 = QStringLiteral("+14155550123");
    lead.email = QStringLiteral("grace@example.com");
    lead.timeZone = QStringLiteral("America/Denver");
    s.lead = Models::LeadRepository(db, m_clock, Models::TenantScope::agency()).insert(lead).value();
    Models::ClientProviderIdRepository(db, m_clock, Models::TenantScope::agency())
            .replaceForClient(s.client, { { s.client, QStringLiteral("calcom"), QStringLiteral("event_type_id"), QStringLiteral("77") } });
    Models::UserRecord user;
    user.username = QStringLiteral("sam");
    user.role = QStringLiteral("staff");
    user.passwordHash = QStringLiteral("x");
    const qint64 userId = Models::UserRepository(db, m_clock).insert(user).value();
    s.staff = Services::Session(userId, user.username, Services::Session::Role::Staff, 0);
    return s;
}

void tst_BookForLeadDialog::loadsSlotsInLeadZoneAndBooksAudited()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::Database &db = test->database();
    const Scene s = makeScene(db);
    Fakes::FakeCalcom fake(QStringLiteral("cal_agency_key"));
    QVERIFY(fake.listen() > 0);
    fake.setSlots({ { QStringLiteral("2026-12-08"),
                      QJsonArray { QJsonObject { { QStringLiteral("start"), QStringLiteral("2026-12-08T09:00:00.000-07:00") } },
                                   QJsonObject { { QStringLiteral("start"), QStringLiteral("2026-12-08T13:30:00.000-07:00") } } } } });
    QProcessEnvironment env; // the agency-wide key, as when no per-client key is set
    env.insert(QStringLiteral("CALLVIA_CALCOM_API_BASE"), fake.baseUrl());
    env.insert(QStringLiteral("CALLVIA_CALCOM_API_KEY"), QStringLiteral("cal_agency_key"));
    const Services::ProviderConfig config(nullptr, nullptr, env);
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);

    Ui::BookForLeadDialog dialog(db, m_clock, config, s.staff, reader, s.lead);
    QSignalSpy loaded(&dialog, &Ui::BookForLeadDialog::slotsLoaded);
    QVERIFY(loaded.wait(10000));
    const QString first = Services::MessageTemplates::formatTime(utcMs("2026-12-08T16:00:00Z"), QStringLiteral("America/Denver"),
                                                                 QStringLiteral("en"));
    QCOMPARE(first, QStringLiteral("Tue, Dec 8, 9:00 AM MST"));
    QCOMPARE(dialog.slotTexts().value(0), first);
    QCOMPARE(dialog.slotTexts().size(), 2);
    QVERIFY2(dialog.statusText().contains(QLatin1String("America/Denver")), qPrintable(dialog.statusText()));

    QSignalSpy finished(&dialog, &Ui::BookForLeadDialog::bookingFinished);
    dialog.bookRow(1);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toBool(), true);
    const QJsonObject posted = fake.bookings().first().toObject();
    QCOMPARE(posted.value(QLatin1String("start")).toString(), QStringLiteral("2026-12-08T20:30:00.000Z"));
    QCOMPARE(posted.value(QLatin1String("eventTypeId")).toInteger(), qint64(77));
    QCOMPARE(posted.value(QLatin1String("metadata")).toObject().value(QLatin1String("callvia_lead_id")).toString(),
             QString::number(s.lead));
    QTRY_COMPARE([&] {
        auto q = Models::Sql::exec(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'calcom.book' AND entity_id = ?"),
                                   { QString::number(s.lead) });
        return q.ok() && q.value().next() ? q.value().value(0).toInt() : -1;
    }(), 1);
}

void tst_BookForLeadDialog::wrongKeySaysSoPlainly()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::Database &db = test->database();
    const Scene s = makeScene(db);
    Fakes::FakeCalcom fake(QStringLiteral("cal_agency_key"));
    QVERIFY(fake.listen() > 0);
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_CALCOM_API_BASE"), fake.baseUrl());
    env.insert(QStringLiteral("CALLVIA_CALCOM_API_KEY"), QStringLiteral("cal_wrong"));
    const Services::ProviderConfig config(nullptr, nullptr, env);
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    Ui::BookForLeadDialog dialog(db, m_clock, config, s.staff, reader, s.lead);
    QSignalSpy loaded(&dialog, &Ui::BookForLeadDialog::slotsLoaded);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(dialog.statusText(),
             QStringLiteral("Could not load slots: Cal.com rejected the API key (401): missing or wrong authorization"));
    QVERIFY(dialog.slotTexts().isEmpty());
}

void tst_BookForLeadDialog::unmatchedBookingLinkedFromTheList()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::Database &db = test->database();
    const Scene s = makeScene(db);
    Models::AppointmentRecord a; // a Cal.com booking whose attendee matched no lead
    a.clientId = s.client;
    a.bookingUid = QStringLiteral("bk-unmatched");
    a.startsAt = utcMs("2026-12-09T17:00:00Z");
    a.endsAt = a.startsAt + 1800000;
    a.attendeeName = QStringLiteral("G. Rivera");
    a.attendeeEmail = QStringLiteral("g.rivera@example.org");
    a.status = QStringLiteral("scheduled");
    const qint64 appointment = Models::AppointmentRepository(db, m_clock, Models::TenantScope::agency()).upsert(a).value();
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    Ui::UnmatchedBookingsBox box(db, m_clock, s.staff, reader, QTimeZone("America/Denver"));
    QSignalSpy loaded(&box, &Ui::UnmatchedBookingsBox::loaded);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(box.table()->rowCount(), 1);
    QCOMPARE(box.table()->item(0, 0)->text(), QStringLiteral("2026-12-09 10:00"));
    QCOMPARE(box.table()->item(0, 2)->text(), QStringLiteral("g.rivera@example.org"));
    QVERIFY(!box.isHidden()); // shown while a booking waits for a lead
    // "Link to lead…" opens a search of the booking's client's leads, started with the attendee's
    // e-mail (no lead has it); the lead is found by a phone typed in another format.
    box.table()->selectRow(0);
    QSignalSpy linked(&box, &Ui::UnmatchedBookingsBox::linkFinished);
    box.findChild<QPushButton *>(QStringLiteral("linkToLead"))->click();
    auto *picker = box.findChild<Ui::LeadPickerDialog *>();
    QVERIFY(picker);
    QSignalSpy searched(picker, &Ui::LeadPickerDialog::searched);
    QVERIFY(searched.wait(10000));
    QCOMPARE(picker->searchEdit()->text(), QStringLiteral("g.rivera@example.org"));
    QCOMPARE(picker->table()->rowCount(), 0);
    picker->search(QStringLiteral("(415) 555-0123"));
    QVERIFY(searched.wait(10000));
    QCOMPARE(picker->table()->rowCount(), 1);
    QCOMPARE(picker->selectedLeadId(), s.lead);
    QCOMPARE(picker->table()->item(0, 0)->text(), QStringLiteral("Grace Rivera"));
    picker->accept();
    QVERIFY(linked.wait(10000));
    QCOMPARE(linked.first().first().toBool(), true);
    QVERIFY(loaded.wait(10000)); // reloaded
    QCOMPARE(box.table()->rowCount(), 0);
    QVERIFY(box.isHidden()); // nothing left to link
    QCOMPARE(box.statusText(), QStringLiteral("Linked to lead %1.").arg(s.lead));
    auto q = Models::Sql::exec(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.link_lead'"));
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toInt(), 1);
    auto linkedLead = Models::Sql::exec(db, QStringLiteral("SELECT lead_id FROM appointments WHERE id = %1").arg(appointment));
    QVERIFY(linkedLead.ok() && linkedLead.value().next());
    QCOMPARE(linkedLead.value().value(0).toLongLong(), s.lead);
}

QTEST_MAIN(tst_BookForLeadDialog)
#include "tst_bookforleaddialog.moc"
