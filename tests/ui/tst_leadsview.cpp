// The Leads view (issue 23): filters and the search box change the results (a phone typed in
// three formats, part of an e-mail, a name in another case), the list is read a page at a time
// and counts "1,000+" instead of counting everything, the selected lead shows its calls,
// appointments and messages, and a client user sees only their own leads, even by id. Real
// reader thread, real SQLite file and, when configured, PostgreSQL.
#include <common/testdatabase.h>
#include <models/repositories/appointmentrepository.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/calllogrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/userrepository.h>
#include <models/sqlhelpers.h>
#include <services/auth/session.h>
#include <services/servicethread.h>
#include <ui/leads/leaddetaildialog.h>
#include <ui/leads/leadsview.h>
#include <ui/widgets/messagelist.h>
#include <ui/widgets/translations.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QSqlQuery>
#include <QLineEdit>
#include <QMenu>
#include <QProgressDialog>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace Callvia;

class tst_LeadsView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        Ui::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)); // English plural forms
    }
    void searchFiltersPagesAndDetail_data() { Tests::TestDatabase::addBackendRows(); }
    void searchFiltersPagesAndDetail();
    void exportsAndBulkActions_data() { Tests::TestDatabase::addBackendRows(); }
    void exportsAndBulkActions();
    void editsTheSelectedLead_data() { Tests::TestDatabase::addBackendRows(); }
    void editsTheSelectedLead();
    void changedLeadsRefreshInPlace_data() { Tests::TestDatabase::addBackendRows(); }
    void changedLeadsRefreshInPlace();
    void sortsPagesAndFiltersByZoneAndContact_data() { Tests::TestDatabase::addBackendRows(); }
    void sortsPagesAndFiltersByZoneAndContact();

private:
    Models::TestClock m_clock { 1'780'000'000'000 };
};

void tst_LeadsView::searchFiltersPagesAndDetail()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP(qPrintable(skip));
    Models::Database &db = test->database();
    const auto agency = Models::TenantScope::agency();
    auto client = [&](const QString &name) {
        Models::ClientRecord c;
        c.name = name;
        const qint64 id = Models::ClientRepository(db, m_clock, agency).insert(c).value();
        Models::CampaignRecord campaign;
        campaign.clientId = id;
        campaign.name = name + QStringLiteral(" calls");
        return std::make_pair(id, Models::CampaignRepository(db, m_clock, agency).insert(campaign).value());
    };
    const auto [a, campaignA] = client(QStringLiteral("Client A"));
    const auto [b, campaignB] = client(QStringLiteral("Client B"));
    const Models::LeadRepository leads(db, m_clock, agency);
    {
        Models::Transaction tx(db);
        for (int i = 0; i < 1005; ++i) { // more than the count cap, five pages
            Models::LeadRecord l;
            l.clientId = a;
            l.campaignId = campaignA;
            l.firstName = QStringLiteral("Bulk%1").arg(i);
            l.phoneE164 = QStringLiteral("+1212555%1").arg(2000 + i);
            l.status = i % 2 ? QStringLiteral("contacted") : QStringLiteral("new");
            QVERIFY(leads.insert(l).ok());
        }
        QVERIFY(!tx.commit());
    }
    Models::LeadRecord maria;
    maria.clientId = a;
    maria.campaignId = campaignA;
    maria.firstName = QStringLiteral("María");
    maria.lastName = QStringLiteral("Silva");
    maria.phoneE164 = QStringLiteral("+14155550134");
    maria.email = QStringLiteral("maria.silva@example.com");
    maria.status = QStringLiteral("booked");
    const qint64 mariaId = leads.insert(maria).value();
    Models::LeadRecord bob;
    bob.clientId = b;
    bob.campaignId = campaignB;
    bob.firstName = QStringLiteral("Bob");
    bob.lastName = QStringLiteral("Silvers");
    bob.phoneE164 = QStringLiteral("+14155550199");
    bob.email = QStringLiteral("bob@example.org");
    const qint64 bobId = leads.insert(bob).value();

    Models::CallLogRecord call;
    call.clientId = a;
    call.leadId = mariaId;
    call.retellCallId = QStringLiteral("call_maria");
    call.startedAt = m_clock.nowMs() - 3'600'000;
    call.durationMs = 95'000;
    call.outcome = QStringLiteral("appointment_set");
    QVERIFY(Models::CallLogRepository(db, m_clock, agency).upsert(call).ok());
    Models::AppointmentRecord appointment;
    appointment.clientId = a;
    appointment.leadId = mariaId;
    appointment.bookingUid = QStringLiteral("maria-1");
    appointment.startsAt = m_clock.nowMs() + 86'400'000;
    appointment.endsAt = appointment.startsAt + 1'800'000;
    QVERIFY(Models::AppointmentRepository(db, m_clock, agency).upsert(appointment).ok());
    Models::MessageRecord message;
    message.clientId = a;
    message.leadId = mariaId;
    message.channel = QStringLiteral("sms");
    message.toAddress = maria.phoneE164;
    message.body = QStringLiteral("See you tomorrow. Reply STOP to opt out.");
    message.status = QStringLiteral("delivered");
    QVERIFY(Models::MessageRepository(db, m_clock, agency).insert(message).ok());

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session admin(1, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    Ui::LeadsView view(db, m_clock, admin, reader, QTimeZone("America/New_York"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), Ui::LeadsView::PageSize);
    QCOMPARE(view.countText(), QStringLiteral("1,000+ leads"));
    view.loadMore();
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), 2 * Ui::LeadsView::PageSize);
    for (int i = 0; i < 5; ++i) {
        view.loadMore();
        QTRY_VERIFY(!view.isLoading());
    }
    QCOMPARE(view.table()->rowCount(), 1007); // every lead once, in id order
    QCOMPARE(view.table()->item(1006, Ui::LeadsView::NameColumn)->text(), QStringLiteral("Bob Silvers"));

    // A phone typed three ways finds María, and only her.
    for (const char *typed : { "(415) 555-0134", "+1 415 555 0134", "4155550134" }) {
        view.setSearch(QString::fromLatin1(typed));
        QTRY_VERIFY(!view.isLoading());
        QCOMPARE(view.table()->rowCount(), 1);
        QCOMPARE(view.table()->item(0, Ui::LeadsView::PhoneColumn)->text(), QStringLiteral("+14155550134"));
        QCOMPARE(view.countText(), QStringLiteral("1 lead"));
    }
    view.setSearch(QStringLiteral("maria.si"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), 1);
    view.setSearch(QStringLiteral("silv")); // last names in another case: María Silva, Bob Silvers
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), 2);
    view.setSearch(QStringLiteral("nobody-by-this-name"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), 0);

    // Filters: status, then client.
    view.setSearch(QString());
    QTRY_COMPARE(view.findChild<QComboBox *>(QStringLiteral("clientFilter"))->count(), 3);
    view.setFilter(0, 0, QStringLiteral("booked"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), 1);
    view.setFilter(b, 0, QString());
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.table()->item(0, Ui::LeadsView::ClientColumn)->text(), QStringLiteral("Client B"));
    view.setFilter(0, campaignA, QStringLiteral("contacted"));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.countText(), QStringLiteral("502 leads"));

    // The detail of María: her call, appointment and message.
    view.selectLead(mariaId);
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.detailText().contains(QStringLiteral("María Silva")), qPrintable(view.detailText()));
    QCOMPARE(view.callTable()->rowCount(), 1);
    QCOMPARE(view.callTable()->item(0, 1)->text(), QStringLiteral("1:35"));
    QCOMPARE(view.appointmentTable()->rowCount(), 1);
    QCOMPARE(view.messageList()->rowCount(), 1);
    QCOMPARE(view.messageList()->item(0, Ui::MessageList::StatusColumn)->text(), QStringLiteral("Delivered"));

    // A client user of B: B's lead only, and not A's even by id or by María's number.
    const Services::Session clientB(5, QStringLiteral("bea"), Services::Session::Role::Client, b);
    Ui::LeadsView own(db, m_clock, clientB, reader, QTimeZone("America/New_York"));
    QTRY_VERIFY(!own.isLoading());
    QCOMPARE(own.table()->rowCount(), 1);
    QCOMPARE(own.table()->item(0, Ui::LeadsView::NameColumn)->text(), QStringLiteral("Bob Silvers"));
    own.setSearch(QStringLiteral("415 555 0134"));
    QTRY_VERIFY(!own.isLoading());
    QCOMPARE(own.table()->rowCount(), 0);
    own.selectLead(mariaId);
    QTRY_VERIFY(!own.isLoading());
    QVERIFY2(own.detailText().contains(QLatin1String("Could not read")), qPrintable(own.detailText()));
    QCOMPARE(own.messageList()->rowCount(), 0);
    own.selectLead(bobId);
    QTRY_VERIFY(!own.isLoading());
    QVERIFY(own.detailText().contains(QLatin1String("Bob Silvers")));
}

namespace {

QStringList csvLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

QAction *menuAction(QToolButton *button, const QString &text)
{
    for (QAction *action : button->menu()->actions())
        if (action->text() == text)
            return action;
    return nullptr;
}

} // namespace

// Export drives the save-file chooser (replaced here), a progress dialog and the export on the
// reader thread: the selected rows, then all that match the filter; a client user's export holds
// only their leads. A bulk status change from the menu applies to every lead of the filter; a
// delete that is not confirmed does nothing; client users get no bulk menu.
void tst_LeadsView::exportsAndBulkActions()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP(qPrintable(skip));
    Models::Database &db = test->database();
    const auto agency = Models::TenantScope::agency();
    QList<qint64> clients, campaigns;
    for (const char *name : { "Client A", "Client B" }) {
        Models::ClientRecord c;
        c.name = QString::fromLatin1(name);
        clients << Models::ClientRepository(db, m_clock, agency).insert(c).value();
        Models::CampaignRecord campaign;
        campaign.clientId = clients.last();
        campaign.name = c.name + QStringLiteral(" calls");
        campaigns << Models::CampaignRepository(db, m_clock, agency).insert(campaign).value();
    }
    const Models::LeadRepository leads(db, m_clock, agency);
    for (int i = 0; i < 45; ++i) {
        Models::LeadRecord l;
        l.clientId = clients[i < 30 ? 0 : 1];
        l.campaignId = campaigns[i < 30 ? 0 : 1];
        l.firstName = i == 0 ? QStringLiteral("=HYPERLINK(\"http://evil\")") : QStringLiteral("Lead%1").arg(i);
        l.phoneE164 = QStringLiteral("+1212555%1").arg(3000 + i);
        QVERIFY(leads.insert(l).ok());
    }

    auto user = [&](const QString &name, const QString &role, qint64 clientId) {
        Models::UserRecord u;
        u.username = name;
        u.role = role;
        u.clientId = clientId;
        u.passwordHash = QStringLiteral("not-a-hash");
        return Models::UserRepository(db, m_clock).insert(u).value();
    };
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session admin(user(QStringLiteral("root"), QStringLiteral("admin"), 0), QStringLiteral("root"),
                                  Services::Session::Role::Admin, 0);
    Ui::LeadsView view(db, m_clock, admin, reader, QTimeZone("America/New_York"));
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("selected.csv"));
    int chooserCalls = 0;
    view.setPathChooser([&](QWidget *) {
        ++chooserCalls;
        return path;
    });
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.table()->rowCount(), 45);

    // Export of three selected rows, from the button.
    auto *exportButton = view.findChild<QPushButton *>(QStringLiteral("exportButton"));
    QVERIFY(exportButton);
    QSignalSpy exported(&view, &Ui::LeadsView::exportFinished);
    view.table()->clearSelection();
    for (int row : { 0, 4, 33 })
        view.table()->selectionModel()->select(view.table()->model()->index(row, 0),
                                               QItemSelectionModel::Select | QItemSelectionModel::Rows);
    exportButton->click();
    QVERIFY(view.isBusy());
    QVERIFY(view.progressDialog());
    QVERIFY(exported.wait());
    QCOMPARE(chooserCalls, 1);
    QCOMPARE(exported.last().at(0).toLongLong(), qint64(3));
    QVERIFY(!view.progressDialog());
    QStringList lines = csvLines(path);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines[1].contains(QLatin1String(",\"'=HYPERLINK(\"\"http://evil\"\")\",")), qPrintable(lines[1]));
    QVERIFY(view.noticeText().contains(QLatin1String("Exported 3 leads")));

    // All that match the filter (client B), none loaded beyond the table's page.
    view.setFilter(clients[1], 0, QString());
    QTRY_VERIFY(!view.isLoading());
    view.setTarget(Ui::LeadsView::Target::Filter);
    path = dir.filePath(QStringLiteral("clientb.csv"));
    exportButton->click();
    QVERIFY(exported.wait());
    QCOMPARE(exported.last().at(0).toLongLong(), qint64(15));
    QCOMPARE(csvLines(path).size(), 16);

    // A bulk status change of the filter, from the menu.
    auto *bulk = view.findChild<QToolButton *>(QStringLiteral("bulkButton"));
    QVERIFY(bulk && bulk->isVisibleTo(&view));
    QSignalSpy changed(&view, &Ui::LeadsView::bulkFinished);
    QAction *contacted = menuAction(bulk, QStringLiteral("Set status: Contacted"));
    QVERIFY(contacted);
    contacted->trigger();
    QVERIFY(changed.wait());
    QVERIFY2(view.noticeText().contains(QLatin1String("15 of 15 leads changed")), qPrintable(view.noticeText()));
    QTRY_VERIFY(!view.isLoading());
    Models::LeadQuery contactedB;
    contactedB.clientId = clients[1];
    contactedB.status = QStringLiteral("contacted");
    QCOMPARE(leads.count(contactedB).value(), qint64(15));
    QCOMPARE(view.table()->item(0, Ui::LeadsView::StatusColumn)->text(), QStringLiteral("Contacted"));

    // A delete that is not confirmed does nothing.
    QString asked;
    view.setConfirm([&](QWidget *, const QString &question) {
        asked = question;
        return false;
    });
    QAction *remove = menuAction(bulk, QStringLiteral("Delete…"));
    QVERIFY(remove);
    remove->trigger();
    QVERIFY(asked.contains(QLatin1String("every lead that matches the filter")));
    QVERIFY(!view.isBusy());
    QCOMPARE(leads.count({}).value(), qint64(45));
    const auto audited = Models::AuditRepository(db, agency).list(QStringLiteral("lead.bulk_status")).value();
    QCOMPARE(audited.size(), qsizetype(1));
    QCOMPARE(audited.first().username, QStringLiteral("root"));

    // A client user of A: no bulk menu, and an export of "everything" holds only A's 30 leads.
    const Services::Session clientA(user(QStringLiteral("ann"), QStringLiteral("client"), clients[0]), QStringLiteral("ann"),
                                    Services::Session::Role::Client, clients[0]);
    Ui::LeadsView own(db, m_clock, clientA, reader, QTimeZone("America/New_York"));
    path = dir.filePath(QStringLiteral("own.csv"));
    own.setPathChooser([&](QWidget *) { return path; });
    QTRY_VERIFY(!own.isLoading());
    QVERIFY(!own.findChild<QToolButton *>(QStringLiteral("bulkButton"))->isVisibleTo(&own));
    own.setTarget(Ui::LeadsView::Target::Filter);
    QSignalSpy ownExported(&own, &Ui::LeadsView::exportFinished);
    own.exportLeads();
    QVERIFY(ownExported.wait());
    lines = csvLines(path);
    QCOMPARE(lines.size(), 31);
    for (const QString &line : lines.mid(1))
        QCOMPARE(line.section(QLatin1Char(','), 1, 1), QString::number(clients[0]));
}

// The lead detail's editor: a bad e-mail keeps it open with the service's message; a phone typed
// in another format is stored in E.164, the row changes in place, and the status change shows in
// the detail's history. A client user gets the editor read-only.
void tst_LeadsView::editsTheSelectedLead()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP(qPrintable(skip));
    Models::Database &db = test->database();
    const auto agency = Models::TenantScope::agency();
    Models::ClientRecord c;
    c.name = QStringLiteral("Client A");
    const qint64 a = Models::ClientRepository(db, m_clock, agency).insert(c).value();
    Models::CampaignRecord campaign;
    campaign.clientId = a;
    campaign.name = QStringLiteral("Spring");
    const qint64 campaignA = Models::CampaignRepository(db, m_clock, agency).insert(campaign).value();
    Models::LeadRecord lead;
    lead.clientId = a;
    lead.campaignId = campaignA;
    lead.firstName = QStringLiteral("Ana");
    lead.phoneE164 = QStringLiteral("+12125550100");
    const qint64 id = Models::LeadRepository(db, m_clock, agency).insert(lead).value();
    Models::UserRecord user;
    user.username = QStringLiteral("sam");
    user.role = QStringLiteral("staff");
    user.passwordHash = QStringLiteral("not-a-hash");
    const qint64 userId = Models::UserRepository(db, m_clock).insert(user).value();

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session staff(userId, QStringLiteral("sam"), Services::Session::Role::Staff, 0);
    Ui::LeadsView view(db, m_clock, staff, reader, QTimeZone::utc());
    QTRY_COMPARE(view.table()->rowCount(), 1);
    QTRY_COMPARE(view.findChild<QComboBox *>(QStringLiteral("campaignFilter"))->count(), 2);
    view.table()->selectRow(0);
    QTRY_VERIFY(!view.isLoading());
    Ui::LeadDetailDialog *dialog = view.openEditor();
    QVERIFY(dialog);
    QPointer<Ui::LeadDetailDialog> alive(dialog);
    dialog->field("phone")->setText(QStringLiteral("(415) 555-0134"));
    dialog->field("email")->setText(QStringLiteral("ana@"));
    dialog->findChild<QComboBox *>(QStringLiteral("status"))->setCurrentIndex(
            dialog->findChild<QComboBox *>(QStringLiteral("status"))->findData(QStringLiteral("contacted")));
    dialog->save();
    QTRY_VERIFY(!dialog->isBusy());
    QVERIFY2(dialog->error().startsWith(QStringLiteral("E-mail:")), qPrintable(dialog->error()));
    QVERIFY(dialog->isVisible());
    QCOMPARE(view.table()->item(0, Ui::LeadsView::PhoneColumn)->text(), QStringLiteral("+12125550100"));

    dialog->field("email")->setText(QStringLiteral("Ana@Example.com"));
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save)->click();
    QTRY_VERIFY(alive.isNull()); // accepted and closed (deleted on close)
    QCOMPARE(view.table()->item(0, Ui::LeadsView::PhoneColumn)->text(), QStringLiteral("+14155550134"));
    QCOMPARE(view.table()->item(0, Ui::LeadsView::EmailColumn)->text(), QStringLiteral("ana@example.com"));
    QCOMPARE(view.table()->item(0, Ui::LeadsView::StatusColumn)->text(), QStringLiteral("Contacted"));
    QTRY_VERIFY(!view.isLoading());
    QVERIFY2(view.detailText().contains(QStringLiteral("New → Contacted (sam)")), qPrintable(view.detailText()));
    QCOMPARE(Models::LeadRepository(db, m_clock, agency).find(id).value().phoneE164, QStringLiteral("+14155550134"));
    QCOMPARE(Models::AuditRepository(db, agency).list(QStringLiteral("lead.update")).value().size(), 1);

    // The editor's history, and a client user's read-only editor.
    const Services::Session client(userId, QStringLiteral("sam"), Services::Session::Role::Client, a);
    Ui::LeadsView own(db, m_clock, client, reader, QTimeZone::utc());
    QTRY_COMPARE(own.table()->rowCount(), 1);
    own.table()->selectRow(0);
    QTRY_VERIFY(!own.isLoading());
    Ui::LeadDetailDialog *readOnly = own.openEditor();
    QVERIFY(readOnly);
    QVERIFY(!readOnly->field("phone")->isEnabled());
    QVERIFY(!readOnly->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Save));
    QTRY_COMPARE(readOnly->historyLines().size(), 1);
    QVERIFY2(readOnly->historyLines().first().contains(QStringLiteral("New → Contacted by sam")),
             qPrintable(readOnly->historyLines().first()));
    readOnly->close();
}

// Live refresh: leads changed elsewhere are re-read by id with the view's filters and updated in
// place (a lead that left the filter leaves the list), without reloading the page: a row that
// changed behind the view's back without a note keeps what it showed.
void tst_LeadsView::changedLeadsRefreshInPlace()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP(qPrintable(skip));
    Models::Database &db = test->database();
    const auto agency = Models::TenantScope::agency();
    Models::ClientRecord c;
    c.name = QStringLiteral("Client A");
    const qint64 a = Models::ClientRepository(db, m_clock, agency).insert(c).value();
    Models::CampaignRecord campaign;
    campaign.clientId = a;
    campaign.name = QStringLiteral("Spring");
    const qint64 campaignA = Models::CampaignRepository(db, m_clock, agency).insert(campaign).value();
    const Models::LeadRepository leads(db, m_clock, agency);
    QList<qint64> ids;
    for (int i = 0; i < 3; ++i) {
        Models::LeadRecord lead;
        lead.clientId = a;
        lead.campaignId = campaignA;
        lead.firstName = QStringLiteral("Lead%1").arg(i);
        lead.phoneE164 = QStringLiteral("+1212555010%1").arg(i);
        ids << leads.insert(lead).value();
    }
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session staff(1, QStringLiteral("sam"), Services::Session::Role::Staff, 0);
    Ui::LeadsView view(db, m_clock, staff, reader, QTimeZone::utc());
    view.setFilter(0, 0, QStringLiteral("new"));
    QTRY_COMPARE(view.table()->rowCount(), 3);
    QTRY_VERIFY(!view.isLoading());
    auto rowOf = [&view](qint64 id) {
        for (int r = 0; r < view.table()->rowCount(); ++r)
            if (view.table()->item(r, 0)->data(Qt::UserRole).toLongLong() == id)
                return r;
        return -1;
    };
    QSignalSpy refreshed(&view, &Ui::LeadsView::rowsRefreshed);
    // Lead 0 renamed (still "new"), lead 1 contacted (leaves the "new" filter), lead 2 renamed
    // without a note.
    QVERIFY(Models::Sql::exec(db, QStringLiteral("UPDATE leads SET first_name = 'Renamed' WHERE id = ?"), { ids.at(0) }).ok());
    QVERIFY(!leads.setStatus(ids.at(1), QStringLiteral("contacted")));
    QVERIFY(Models::Sql::exec(db, QStringLiteral("UPDATE leads SET first_name = 'Unnoted' WHERE id = ?"), { ids.at(2) }).ok());
    view.noteLeadChanged(ids.at(0));
    view.noteLeadChanged(ids.at(1));
    view.noteLeadChanged(ids.at(0)); // noted twice: read once
    view.noteLeadChanged(999999); // not on screen: not read
    QTRY_COMPARE(refreshed.size(), 1);
    QCOMPARE(refreshed.first().at(0).toInt(), 1); // updated
    QCOMPARE(refreshed.first().at(1).toInt(), 1); // removed
    QCOMPARE(view.table()->rowCount(), 2);
    QCOMPARE(rowOf(ids.at(1)), -1);
    QCOMPARE(view.table()->item(rowOf(ids.at(0)), Ui::LeadsView::NameColumn)->text(), QStringLiteral("Renamed"));
    QCOMPARE(view.table()->item(rowOf(ids.at(2)), Ui::LeadsView::NameColumn)->text(), QStringLiteral("Lead2"));
}

namespace {

// Every page of the list, read to its end.
void readAll(Ui::LeadsView &view)
{
    QTRY_VERIFY(!view.isLoading());
    for (int before = -1; before != view.table()->rowCount();) {
        before = view.table()->rowCount();
        view.loadMore();
        QTRY_VERIFY(!view.isLoading());
    }
}

QList<qint64> idsOf(const QTableWidget *table)
{
    QList<qint64> ids;
    for (int r = 0; r < table->rowCount(); ++r)
        ids << table->item(r, 0)->data(Qt::UserRole).toLongLong();
    return ids;
}

} // namespace

// Sorting by name, status and added (with ties, over three pages: the keyset on (key, id) neither
// skips nor repeats a row), and the time zone and DNC/opted-out filters.
void tst_LeadsView::sortsPagesAndFiltersByZoneAndContact()
{
    QFETCH(QString, backend);
    QString skip, error;
    auto test = Tests::TestDatabase::create(backend, &skip, &error);
    QVERIFY2(test || error.isEmpty(), qPrintable(error));
    if (!test)
        QSKIP(qPrintable(skip));
    Models::Database &db = test->database();
    const auto agency = Models::TenantScope::agency();
    Models::ClientRecord c;
    c.name = QStringLiteral("Client A");
    const qint64 a = Models::ClientRepository(db, m_clock, agency).insert(c).value();
    Models::CampaignRecord campaign;
    campaign.clientId = a;
    campaign.name = QStringLiteral("Spring");
    const qint64 campaignA = Models::CampaignRepository(db, m_clock, agency).insert(campaign).value();
    const Models::LeadRepository leads(db, m_clock, agency);
    const QStringList names { QStringLiteral("carla"), QStringLiteral("Bea"), QStringLiteral("ana"), QString(),
                              QStringLiteral("Dan"), QStringLiteral("bea"), QStringLiteral("Álvaro") };
    const QStringList statuses { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("dnc") };
    const QStringList zones { QStringLiteral("America/Chicago"), QStringLiteral("America/New_York") };
    QHash<qint64, Models::LeadRecord> byId;
    {
        Models::Transaction tx(db);
        for (int i = 0; i < 450; ++i) {
            Models::LeadRecord l;
            l.clientId = a;
            l.campaignId = campaignA;
            l.firstName = names[i % names.size()];
            l.phoneE164 = QStringLiteral("+1212555%1").arg(3000 + i);
            l.email = QStringLiteral("l%1@example.com").arg(i);
            l.status = statuses[i % statuses.size()];
            l.timeZone = zones[(i / 5) % zones.size()];
            l.id = leads.insert(l).value();
            byId.insert(l.id, l);
        }
        QVERIFY(!tx.commit());
    }
    QSqlQuery created(db.connection());
    QVERIFY(created.exec(QStringLiteral("UPDATE leads SET created_at = 1700000000000 + (id % 10) * 1000"))); // ties
    {
        Models::LeadQuery everything;
        everything.limit = 1000;
        const auto stored = leads.page(everything);
        QVERIFY(stored.ok());
        for (const Models::LeadRecord &l : stored.value())
            byId[l.id] = l;
    }

    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session admin(1, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    Ui::LeadsView view(db, m_clock, admin, reader, QTimeZone::utc());
    readAll(view);
    QCOMPARE(view.table()->rowCount(), 450);

    // Each sort, both ways: all 450 once, in (key, id) order as the database orders the key.
    const QList<std::pair<Ui::LeadsView::Column, Models::LeadQuery::Sort>> sorts {
        { Ui::LeadsView::NameColumn, Models::LeadQuery::ByName },
        { Ui::LeadsView::StatusColumn, Models::LeadQuery::ByStatus },
        { Ui::LeadsView::CreatedColumn, Models::LeadQuery::ByCreated },
    };
    for (const auto &[column, sort] : sorts) {
        for (const bool descending : { false, true }) {
            view.setSort(column, descending);
            readAll(view);
            const QList<qint64> ids = idsOf(view.table());
            QCOMPARE(ids.size(), 450);
            QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), 450);
            Models::LeadQuery all;
            all.sort = sort;
            all.descending = descending;
            all.limit = 1000;
            QList<qint64> expected;
            const auto page = leads.page(all);
            QVERIFY(page.ok());
            for (const Models::LeadRecord &l : page.value())
                expected << l.id;
            QCOMPARE(ids, expected);
            for (int i = 1; i < ids.size(); ++i) { // the tiebreak on id, in the sort's direction
                const QVariant k0 = leads.sortValue(sort, byId[ids[i - 1]]), k1 = leads.sortValue(sort, byId[ids[i]]);
                if (k0 == k1)
                    QVERIFY(descending ? ids[i - 1] > ids[i] : ids[i - 1] < ids[i]);
            }
        }
    }
    QCOMPARE(view.table()->horizontalHeader()->sortIndicatorSection(), int(Ui::LeadsView::CreatedColumn));
    QTest::mouseClick(view.table()->horizontalHeader()->viewport(), Qt::LeftButton, {},
                      QPoint(view.table()->horizontalHeader()->sectionViewportPosition(Ui::LeadsView::NameColumn) + 5, 5));
    QTRY_VERIFY(!view.isLoading());
    QCOMPARE(view.query().sort, Models::LeadQuery::ByName);
    QVERIFY(view.table()->selectedItems().isEmpty()); // a header click sorts, it selects nothing

    // Time zone.
    auto *zone = view.findChild<QComboBox *>(QStringLiteral("timeZoneFilter"));
    zone->setCurrentIndex(zone->findData(QStringLiteral("America/Chicago")));
    readAll(view);
    QCOMPARE(view.table()->rowCount(), 225);
    for (const qint64 id : idsOf(view.table()))
        QCOMPARE(byId[id].timeZone, QStringLiteral("America/Chicago"));
    zone->setCurrentIndex(0);

    // DNC or opted out: status dnc (150), plus a number on the client's list and an e-mail on the
    // agency's; another client's entry does not count.
    Models::OptOutRecord entry;
    entry.clientId = a;
    entry.phoneE164 = QStringLiteral("+12125553000"); // lead 0, status new
    entry.source = QStringLiteral("manual");
    const Models::OptOutRepository optOuts(db, m_clock, agency);
    QVERIFY(optOuts.add(entry).ok());
    entry.clientId = 0;
    entry.phoneE164.clear();
    entry.email = QStringLiteral("l1@example.com"); // lead 1, contacted
    QVERIFY(optOuts.add(entry).ok());
    Models::ClientRecord other;
    other.name = QStringLiteral("Client B");
    entry.clientId = Models::ClientRepository(db, m_clock, agency).insert(other).value();
    entry.email = QStringLiteral("l4@example.com");
    QVERIFY(optOuts.add(entry).ok());
    auto *contact = view.findChild<QComboBox *>(QStringLiteral("contactFilter"));
    contact->setCurrentIndex(contact->findData(int(Models::LeadQuery::DoNotContact)));
    readAll(view);
    QCOMPARE(view.table()->rowCount(), 152);
    contact->setCurrentIndex(contact->findData(int(Models::LeadQuery::Contactable)));
    readAll(view);
    QCOMPARE(view.table()->rowCount(), 298);
    for (const qint64 id : idsOf(view.table()))
        QVERIFY(byId[id].status != QLatin1String("dnc") && byId[id].email != QLatin1String("l1@example.com"));
}

QTEST_MAIN(tst_LeadsView)
#include "tst_leadsview.moc"
