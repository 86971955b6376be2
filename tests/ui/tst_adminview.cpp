#include <common/testdatabase.h>

#include <models/repositories/auditrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/eventrepository.h>
#include <models/itemmodels/eventtablemodel.h>
#include <models/repositories/settingsrepository.h>
#include <models/repositories/userrepository.h>
#include <services/auth/aesgcmcipher.h>
#include <services/auth/authservice.h>
#include <ui/admin/adduserdialog.h>
#include <ui/admin/adminview.h>
#include <ui/admin/auditlogview.h>
#include <ui/admin/eventsbox.h>
#include <ui/admin/resetpassworddialog.h>
#include <ui/admin/userroledialog.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QtTest>

#include <functional>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// The Admin section: users listed with their state; add, change role/client, disable/enable and
// reset through dialogs that call the auth service (checked against the users and audit_log
// rows); the service refuses non-admins and the last admin's removal whatever the view shows;
// secrets stored encrypted and shown masked.
class tst_AdminView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup()
    {
        m_auth.reset();
        m_test.reset();
    }
    void listsUsersWithTheirState();
    void addUserDialogNamesTheBadField();
    void addUserDialogCreatesAClientUser();
    void buttonsDriveTheDialogs();
    void lastAdminCannotDisableOrDemoteThemself();
    void nonAdminIsRefusedByTheService();
    void secretsAreMaskedAndEncrypted();
    void eventsShowUnattributedAndReplayThem();

private:
    Session admin() const { return Session(m_rootId, QStringLiteral("root"), Session::Role::Admin, 0); }
    UserRecord user(const QString &name) const
    {
        return UserRepository(m_test->database(), m_clock).findByUsername(name).valueOr({});
    }
    QList<AuditRecord> audit(const QString &action) const
    {
        return AuditRepository(m_test->database(), TenantScope::agency()).list(action).valueOr({});
    }
    QString cell(const Ui::AdminView &view, const QString &username, int column) const;
    // Clicks `button`, then runs `fill` on the modal dialog it opens; true when it was accepted.
    template <typename Dialog> bool inDialog(QPushButton *button, const std::function<void(Dialog &)> &fill);

    TestClock m_clock { 1'750'000'000'000 };
    std::unique_ptr<Tests::TestDatabase> m_test;
    std::unique_ptr<AuthService> m_auth;
    qint64 m_rootId = 0;
    qint64 m_clientId = 0;
    const QString m_password = QStringLiteral("river-stone-42-lamp");
};

void tst_AdminView::init()
{
    QString skip, error;
    m_test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(m_test, qPrintable(error));
    m_auth = std::make_unique<AuthService>(m_test->database(), m_clock, 1000);
    m_rootId = m_auth->createFirstAdmin(QStringLiteral("root"), m_password).value();
    QVERIFY(m_auth->createUser(Session::system(),
                      { QStringLiteral("bob"), QStringLiteral("Bob Stone"), QStringLiteral("staff"), 0, m_password, false })
                .ok());
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    m_clientId = ClientRepository(m_test->database(), m_clock, TenantScope::agency()).insert(client).value();
    client.name = QStringLiteral("Harbor Vets");
    QVERIFY(ClientRepository(m_test->database(), m_clock, TenantScope::agency()).insert(client).ok());
}

QString tst_AdminView::cell(const Ui::AdminView &view, const QString &username, int column) const
{
    const QTableWidget *table = view.usersTable();
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, Ui::AdminView::UserNameColumn)->text() == username)
            return table->item(row, column)->text();
    }
    return QStringLiteral("<no row for %1>").arg(username);
}

template <typename Dialog>
bool tst_AdminView::inDialog(QPushButton *button, const std::function<void(Dialog &)> &fill)
{
    bool accepted = false;
    bool seen = false;
    auto *timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        timer->stop();
        seen = true;
        fill(*dialog);
        dialog->accept();
        accepted = dialog->result() == QDialog::Accepted;
        if (dialog->isVisible()) // refused: the error is on the dialog, close it for the next step
            dialog->reject();
    });
    timer->start(10);
    button->click(); // exec() returns once the timer's lambda closed the dialog
    timer->deleteLater();
    return seen && accepted;
}

void tst_AdminView::listsUsersWithTheirState()
{
    QVERIFY(!m_auth->setRole(admin(), QStringLiteral("bob"), QStringLiteral("client"), m_clientId));
    for (int i = 0; i < AuthService::FreeAttempts; ++i)
        m_auth->signIn(QStringLiteral("bob"), QStringLiteral("wrong-password-12"));
    QVERIFY(!m_auth->resetPassword(admin(), QStringLiteral("root"), QStringLiteral("temporary-pass-77"), true));
    QCOMPARE(m_auth->signIn(QStringLiteral("root"), QStringLiteral("temporary-pass-77")).status, SignInResult::Ok);
    Ui::AdminView view(m_test->database(), m_clock, nullptr, admin(), nullptr, 1000);
    view.show();
    QTableWidget *table = view.usersTable();
    QCOMPARE(table->columnCount(), int(Ui::AdminView::UserColumnCount));
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, Ui::AdminView::UserNameColumn)->text(), QStringLiteral("bob"));
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::FullNameColumn), QStringLiteral("Bob Stone"));
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::RoleColumn), QStringLiteral("client"));
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::ClientColumn), QStringLiteral("Sunrise Dental"));
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::DisabledColumn), QString());
    const QString lockedUntil
        = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs() + AuthService::FirstLockMs, Qt::UTC)
              .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::LockedUntilColumn), lockedUntil);
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::LastSignInColumn), QStringLiteral("never"));
    QCOMPARE(cell(view, QStringLiteral("root"), Ui::AdminView::MustChangeColumn), QStringLiteral("yes"));
    QCOMPARE(cell(view, QStringLiteral("root"), Ui::AdminView::LastSignInColumn),
        QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QCOMPARE(cell(view, QStringLiteral("root"), Ui::AdminView::ClientColumn), QString());

    m_clock.advanceMs(AuthService::FirstLockMs + 1);
    view.reload();
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::LockedUntilColumn), QString());
}

void tst_AdminView::addUserDialogNamesTheBadField()
{
    Ui::AddUserDialog dialog(*m_auth, admin(), ClientRepository(m_test->database(), m_clock, TenantScope::agency()).list().value());
    auto *username = dialog.findChild<QLineEdit *>(QStringLiteral("username"));
    auto *password = dialog.findChild<QLineEdit *>(QStringLiteral("password"));
    auto *confirm = dialog.findChild<QLineEdit *>(QStringLiteral("confirm"));
    auto *role = dialog.findChild<QComboBox *>(QStringLiteral("role"));
    auto *client = dialog.findChild<QComboBox *>(QStringLiteral("client"));
    QVERIFY(username && password && confirm && role && client);
    QVERIFY(dialog.findChild<QCheckBox *>(QStringLiteral("mustChange"))->isChecked());
    QCOMPARE(role->currentData().toString(), QStringLiteral("staff"));
    QVERIFY(!client->isEnabled());
    QCOMPARE(client->currentIndex(), -1); // a staff user shows no client
    role->setCurrentIndex(role->findData(QStringLiteral("client")));
    QVERIFY(client->isEnabled());
    QCOMPARE(client->currentIndex(), 0);
    role->setCurrentIndex(role->findData(QStringLiteral("staff")));
    QVERIFY(!client->isEnabled());
    QCOMPARE(client->currentIndex(), -1);

    const auto attempt = [&](const QString &name, const QString &pw, const QString &repeat) {
        username->setText(name);
        password->setText(pw);
        confirm->setText(repeat);
        dialog.accept();
        return dialog.errorText();
    };
    QCOMPARE(attempt(QStringLiteral("BOB"), m_password, m_password), QStringLiteral("User name: already taken"));
    QCOMPARE(attempt(QStringLiteral("dana"), QStringLiteral("short"), QStringLiteral("short")),
        QStringLiteral("Password: use at least 12 characters."));
    QCOMPARE(attempt(QStringLiteral("dana"), m_password, QStringLiteral("river-stone-42-lamb")),
        QStringLiteral("Repeat password: the two passwords differ."));
    QVERIFY(attempt(QStringLiteral("da na"), m_password, m_password).startsWith(QStringLiteral("User name:")));
    QVERIFY(attempt(QStringLiteral("dana"), QStringLiteral("dana-is-my-name-1"), QStringLiteral("dana-is-my-name-1"))
                .startsWith(QStringLiteral("Password:")));
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(UserRepository(m_test->database(), m_clock).count().value(), 2);
    QCOMPARE(audit(QStringLiteral("user.create")).size(), 2); // root and bob from init()
}

void tst_AdminView::addUserDialogCreatesAClientUser()
{
    Ui::AddUserDialog dialog(*m_auth, admin(), ClientRepository(m_test->database(), m_clock, TenantScope::agency()).list().value());
    dialog.findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("carol"));
    dialog.findChild<QLineEdit *>(QStringLiteral("displayName"))->setText(QStringLiteral("Carol Reyes"));
    auto *role = dialog.findChild<QComboBox *>(QStringLiteral("role"));
    auto *client = dialog.findChild<QComboBox *>(QStringLiteral("client"));
    role->setCurrentIndex(role->findData(QStringLiteral("client")));
    client->setCurrentIndex(client->findData(m_clientId));
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(m_password);
    dialog.findChild<QLineEdit *>(QStringLiteral("confirm"))->setText(m_password);
    dialog.accept();
    QVERIFY2(dialog.result() == QDialog::Accepted, qPrintable(dialog.errorText()));
    const UserRecord carol = user(QStringLiteral("carol"));
    QCOMPARE(carol.id, dialog.createdId());
    QCOMPARE(carol.role, QStringLiteral("client"));
    QCOMPARE(carol.clientId, m_clientId);
    QCOMPARE(carol.displayName, QStringLiteral("Carol Reyes"));
    QVERIFY(carol.mustChangePassword);
    QVERIFY(carol.passwordHash.startsWith(QStringLiteral("pbkdf2-sha256$1000$")));
    const QList<AuditRecord> created = audit(QStringLiteral("user.create"));
    QCOMPARE(created.first().username, QStringLiteral("root"));
    QCOMPARE(created.first().clientId, m_clientId);
    QCOMPARE(created.first().entityId, QString::number(carol.id));
    QVERIFY(created.first().afterJson.contains(QStringLiteral("\"role\":\"client\"")));
    QVERIFY(!created.first().afterJson.contains(m_password));
    const SignInResult signIn = m_auth->signIn(QStringLiteral("carol"), m_password);
    QCOMPARE(signIn.status, SignInResult::Ok);
    QVERIFY(signIn.session->mustChangePassword());
}

void tst_AdminView::buttonsDriveTheDialogs()
{
    Ui::AdminView view(m_test->database(), m_clock, nullptr, admin(), nullptr, 1000);
    view.show();
    auto *add = view.findChild<QPushButton *>(QStringLiteral("addUser"));
    auto *changeRole = view.findChild<QPushButton *>(QStringLiteral("changeRole"));
    auto *toggle = view.findChild<QPushButton *>(QStringLiteral("toggleDisabled"));
    auto *reset = view.findChild<QPushButton *>(QStringLiteral("resetPassword"));
    QVERIFY(add && changeRole && toggle && reset);
    QVERIFY(!changeRole->isEnabled() && !toggle->isEnabled() && !reset->isEnabled()); // nothing selected

    QVERIFY(inDialog<Ui::AddUserDialog>(add, [this](Ui::AddUserDialog &d) {
        d.findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("erin"));
        d.findChild<QLineEdit *>(QStringLiteral("password"))->setText(m_password);
        d.findChild<QLineEdit *>(QStringLiteral("confirm"))->setText(m_password);
    }));
    QCOMPARE(view.usersTable()->rowCount(), 3);
    QCOMPARE(cell(view, QStringLiteral("erin"), Ui::AdminView::RoleColumn), QStringLiteral("staff"));
    QCOMPARE(cell(view, QStringLiteral("erin"), Ui::AdminView::MustChangeColumn), QStringLiteral("yes"));

    view.selectUser(QStringLiteral("erin"));
    QVERIFY(changeRole->isEnabled());
    QVERIFY(inDialog<Ui::UserRoleDialog>(changeRole, [this](Ui::UserRoleDialog &d) {
        auto *role = d.findChild<QComboBox *>(QStringLiteral("role"));
        role->setCurrentIndex(role->findData(QStringLiteral("client")));
        auto *client = d.findChild<QComboBox *>(QStringLiteral("client"));
        client->setCurrentIndex(client->findData(m_clientId));
    }));
    QCOMPARE(user(QStringLiteral("erin")).role, QStringLiteral("client"));
    QCOMPARE(user(QStringLiteral("erin")).clientId, m_clientId);
    QCOMPARE(cell(view, QStringLiteral("erin"), Ui::AdminView::ClientColumn), QStringLiteral("Sunrise Dental"));

    view.selectUser(QStringLiteral("bob"));
    QVERIFY(!inDialog<Ui::ResetPasswordDialog>(reset, [](Ui::ResetPasswordDialog &d) {
        d.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("bob-is-here-2025"));
        d.findChild<QLineEdit *>(QStringLiteral("confirm"))->setText(QStringLiteral("bob-is-here-2025"));
    })); // contains the user name: refused
    QVERIFY(!user(QStringLiteral("bob")).mustChangePassword);
    QVERIFY(inDialog<Ui::ResetPasswordDialog>(reset, [](Ui::ResetPasswordDialog &d) {
        d.findChild<QLineEdit *>(QStringLiteral("password"))->setText(QStringLiteral("temporary-pass-77"));
        d.findChild<QLineEdit *>(QStringLiteral("confirm"))->setText(QStringLiteral("temporary-pass-77"));
    }));
    QVERIFY(user(QStringLiteral("bob")).mustChangePassword);
    QCOMPARE(m_auth->signIn(QStringLiteral("bob"), QStringLiteral("temporary-pass-77")).status, SignInResult::Ok);

    view.selectUser(QStringLiteral("bob"));
    QCOMPARE(toggle->text(), QStringLiteral("Disable"));
    toggle->click();
    QVERIFY(user(QStringLiteral("bob")).disabled);
    QCOMPARE(cell(view, QStringLiteral("bob"), Ui::AdminView::DisabledColumn), QStringLiteral("yes"));
    QCOMPARE(toggle->text(), QStringLiteral("Enable")); // the selection survived the reload
    toggle->click();
    QVERIFY(!user(QStringLiteral("bob")).disabled);

    for (const QString &action : { QStringLiteral("user.role_change"), QStringLiteral("user.password_reset"),
             QStringLiteral("user.disable"), QStringLiteral("user.enable") }) {
        const QList<AuditRecord> entries = audit(action);
        QVERIFY2(entries.size() == 1, qPrintable(action));
        QCOMPARE(entries.first().username, QStringLiteral("root"));
        QVERIFY(!entries.first().beforeJson.contains(QStringLiteral("temporary-pass")));
        QVERIFY(!entries.first().afterJson.contains(QStringLiteral("temporary-pass")));
    }
    QVERIFY(audit(QStringLiteral("user.password_reset")).first().afterJson.contains(QStringLiteral("\"must_change\":true")));
    QVERIFY(audit(QStringLiteral("user.disable")).first().beforeJson.contains(QStringLiteral("\"disabled\":false")));
    QVERIFY(audit(QStringLiteral("user.disable")).first().afterJson.contains(QStringLiteral("\"disabled\":true")));
    QStringList shown;
    for (int row = 0; row < view.auditTable()->rowCount(); ++row)
        shown << view.auditTable()->item(row, Ui::AuditLogView::ActionColumn)->text();
    QVERIFY2(shown.contains(QStringLiteral("user.create")) && shown.contains(QStringLiteral("user.enable")),
        qPrintable(shown.join(QLatin1Char(','))));
    // The details column says what changed, before and after.
    const int disabledRow = int(shown.indexOf(QStringLiteral("user.disable")));
    QVERIFY(disabledRow >= 0);
    QCOMPARE(view.auditTable()->item(disabledRow, Ui::AuditLogView::DetailsColumn)->text(),
             QStringLiteral("disabled: no → yes"));
}

void tst_AdminView::lastAdminCannotDisableOrDemoteThemself()
{
    Ui::AdminView view(m_test->database(), m_clock, nullptr, admin(), nullptr, 1000);
    QVERIFY(view.toggleDisabled(QStringLiteral("root")).contains(QStringLiteral("last active administrator")));
    QVERIFY(view.messageText().contains(QStringLiteral("last active administrator")));
    QVERIFY(!user(QStringLiteral("root")).disabled);
    Ui::UserRoleDialog dialog(*m_auth, admin(), user(QStringLiteral("root")), {});
    auto *role = dialog.findChild<QComboBox *>(QStringLiteral("role"));
    role->setCurrentIndex(role->findData(QStringLiteral("staff")));
    dialog.accept();
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Role: root is the last active administrator")),
        qPrintable(dialog.errorText()));
    QCOMPARE(user(QStringLiteral("root")).role, QStringLiteral("admin"));
    QVERIFY(audit(QStringLiteral("user.disable")).isEmpty());
    QVERIFY(audit(QStringLiteral("user.role_change")).isEmpty());
}

void tst_AdminView::nonAdminIsRefusedByTheService()
{
    const Session bob = *m_auth->signIn(QStringLiteral("bob"), m_password).session;
    Ui::AdminView view(m_test->database(), m_clock, nullptr, bob, nullptr, 1000);
    QCOMPARE(view.usersTable()->rowCount(), 0);
    QVERIFY(view.messageText().contains(QStringLiteral("Permission denied")));
    Ui::AddUserDialog dialog(*m_auth, bob, {});
    dialog.findChild<QLineEdit *>(QStringLiteral("username"))->setText(QStringLiteral("mallory"));
    dialog.findChild<QLineEdit *>(QStringLiteral("password"))->setText(m_password);
    dialog.findChild<QLineEdit *>(QStringLiteral("confirm"))->setText(m_password);
    dialog.accept();
    QVERIFY(dialog.errorText().contains(QStringLiteral("Permission denied")));
    QVERIFY(view.resetPassword(QStringLiteral("root"), QStringLiteral("temporary-pass-77"))
                .contains(QStringLiteral("Permission denied")));
    QVERIFY(!user(QStringLiteral("mallory")).id);
    QVERIFY(!user(QStringLiteral("root")).mustChangePassword);
}

void tst_AdminView::secretsAreMaskedAndEncrypted()
{
    const AesGcmCipher cipher(QByteArray(32, 'k'));
    Ui::AdminView view(m_test->database(), m_clock, &cipher, Session::system(), nullptr, 1000);
    QCOMPARE(view.secretsTable()->rowCount(), 0);
    QVERIFY(view.setSecret(QStringLiteral("bad key"), QStringLiteral("v")).startsWith(QStringLiteral("Key")));
    QCOMPARE(view.setSecret(QStringLiteral("sendgrid.api_key"), QStringLiteral("SG.SENTINEL")), QString());
    QCOMPARE(view.messageText(), QStringLiteral("Done."));
    QCOMPARE(view.secretsTable()->rowCount(), 1);
    QCOMPARE(view.secretsTable()->item(0, 0)->text(), QStringLiteral("sendgrid.api_key"));
    QVERIFY(!view.secretsTable()->item(0, 1)->text().contains(QStringLiteral("SENTINEL")));
    const QString stored
        = SettingsRepository(m_test->database(), m_clock).value(QStringLiteral("sendgrid.api_key")).value();
    QVERIFY(stored.startsWith(QStringLiteral("enc:v1:")));
    QCOMPARE(cipher.decrypt(stored), QStringLiteral("SG.SENTINEL"));
    QVERIFY2(Ui::AdminView(m_test->database(), m_clock, nullptr, admin(), nullptr, 1000)
                 .setSecret(QStringLiteral("stripe.api_key"), QStringLiteral("x"))
                 .contains(QStringLiteral("key")),
        "without a cipher, secrets cannot be set");

    const Session staff(5, QStringLiteral("bob"), Session::Role::Staff, 0);
    Ui::AdminView staffView(m_test->database(), m_clock, &cipher, staff, nullptr, 1000);
    QVERIFY(staffView.setSecret(QStringLiteral("sendgrid.api_key"), QStringLiteral("other"))
                .contains(QStringLiteral("Permission denied")));
}

// Events mapped to no client are listed as "unattributed" under their own filter, with the
// reason, and can be replayed (audited) once the client mapping exists.
void tst_AdminView::eventsShowUnattributedAndReplayThem()
{
    Database &db = m_test->database();
    EventRepository events(db);
    const QList<bool> stored = events
                                       .insertBatch({ { QStringLiteral("calcom"), QStringLiteral("e1"),
                                                        QStringLiteral("BOOKING_CREATED"), {}, "{}" },
                                                      { QStringLiteral("retell"), QStringLiteral("e2"),
                                                        QStringLiteral("call_ended"), {}, "{}" } },
                                                    m_clock.nowMs())
                                       .valueOr({});
    QCOMPARE(stored.size(), 2);
    const QList<EventRecord> all = events.list({}).value();
    const qint64 unattributed = all.last().id; // e1 (newest first)
    QVERIFY(!events.markUnattributed(unattributed, QStringLiteral("no client is mapped to Cal.com event_type_id 7")));
    QVERIFY(!events.markProcessed(unattributed, m_clock.nowMs()));
    QVERIFY(!events.markProcessed(all.first().id, m_clock.nowMs()));

    Ui::AdminView view(db, m_clock, nullptr, admin(), nullptr, 1000);
    Ui::EventsBox *box = view.eventsBox();
    QVERIFY(box);
    QCOMPARE(box->model()->rowCount(), 2);
    box->setFilter(QStringLiteral("unattributed"));
    QCOMPARE(box->model()->rowCount(), 1);
    QCOMPARE(box->model()->index(0, EventTableModel::StatusColumn).data().toString(), QStringLiteral("unattributed"));
    QVERIFY(box->model()->index(0, EventTableModel::ErrorColumn).data().toString().contains(QStringLiteral("event_type_id 7")));
    box->setFilter(QStringLiteral("applied")); // processed with a client: the other one
    QCOMPARE(box->model()->rowCount(), 1);
    box->setFilter(QString());
    QCOMPARE(box->model()->rowCount(), 2);

    box->setFilter(QStringLiteral("unattributed"));
    box->table()->selectRow(0);
    QVERIFY(box->findChild<QPushButton *>(QStringLiteral("replayEvent"))->isEnabled());
    QCOMPARE(box->replaySelected(), QString());
    const EventRecord replayed = events.byId(unattributed).value();
    QCOMPARE(replayed.status, QStringLiteral("pending"));
    QVERIFY(!replayed.unattributed);
    QCOMPARE(box->model()->rowCount(), 0);
    QCOMPARE(audit(QStringLiteral("event.replay")).size(), 1);
}

QTEST_MAIN(tst_AdminView)
#include "tst_adminview.moc"
