#include <common/testdatabase.h>

#include <models/clock.h>
#include <models/repositories/userrepository.h>
#include <services/auth/authservice.h>
#include <ui/auth/changepassworddialog.h>
#include <ui/auth/logindialog.h>
#include <ui/auth/setupdialog.h>

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;
using namespace Callvia::Ui;

// The sign-in, first-run setup and password change dialogs, driven offscreen against a real
// SQLite database (sign-in runs on a worker thread).
class tst_LoginDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void signInFailsThenSucceedsAndRemembersOnlyTheName();
    void emptyFieldsAreNamed();
    void setupCreatesTheFirstAdminOnce();
    void changePasswordChecksAndClearsTheFlag();

private:
    void type(QDialog &dialog, const QString &field, const QString &text);
    void clickOk(QDialog &dialog);

    std::unique_ptr<Tests::TestDatabase> m_test;
    TestClock m_clock { 1'750'000'000'000 };
    const QString m_password = QStringLiteral("river-stone-42-lamp");
};

void tst_LoginDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("CallviaTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_logindialog"));
}

void tst_LoginDialog::init()
{
    QSettings().clear();
    m_test.reset();
    QString skip, error;
    m_test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(m_test, qPrintable(error));
}

void tst_LoginDialog::type(QDialog &dialog, const QString &field, const QString &text)
{
    auto *edit = dialog.findChild<QLineEdit *>(field);
    QVERIFY2(edit, qPrintable(field));
    edit->clear();
    QTest::keyClicks(edit, text);
}

void tst_LoginDialog::clickOk(QDialog &dialog)
{
    auto *buttons = dialog.findChild<QDialogButtonBox *>();
    QVERIFY(buttons);
    QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
}

void tst_LoginDialog::signInFailsThenSucceedsAndRemembersOnlyTheName()
{
    AuthService auth(m_test->database(), m_clock, 1000);
    QVERIFY(auth.createFirstAdmin(QStringLiteral("alice"), m_password).ok());
    LoginDialog dialog(auth);
    dialog.show();
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("username"))->text().isEmpty());
    QCOMPARE(dialog.findChild<QLineEdit *>(QStringLiteral("password"))->echoMode(), QLineEdit::Password);
    QSignalSpy finished(&dialog, &LoginDialog::attemptFinished);
    type(dialog, QStringLiteral("username"), QStringLiteral("alice"));
    type(dialog, QStringLiteral("password"), QStringLiteral("not-the-password"));
    clickOk(dialog);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().toInt(), int(SignInResult::WrongCredentials));
    QVERIFY2(dialog.errorText().startsWith(QStringLiteral("Wrong user name or password.")), qPrintable(dialog.errorText()));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.session());

    type(dialog, QStringLiteral("password"), m_password);
    clickOk(dialog);
    QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 10000);
    QVERIFY(dialog.session());
    QCOMPARE(dialog.session()->username(), QStringLiteral("alice"));
    QVERIFY(dialog.session()->canManageUsers());
    QVERIFY(dialog.findChild<QLineEdit *>(QStringLiteral("password"))->text().isEmpty());

    QSettings settings;
    QCOMPARE(settings.value(LoginDialog::LastUserKey).toString(), QStringLiteral("alice"));
    for (const QString &key : settings.allKeys())
        QVERIFY2(!settings.value(key).toString().contains(QStringLiteral("lamp")), qPrintable(key));
    LoginDialog again(auth);
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("username"))->text(), QStringLiteral("alice"));
}

void tst_LoginDialog::emptyFieldsAreNamed()
{
    AuthService auth(m_test->database(), m_clock, 1000);
    LoginDialog dialog(auth);
    dialog.show();
    clickOk(dialog);
    QCOMPARE(dialog.errorText(), QStringLiteral("User name: required."));
    type(dialog, QStringLiteral("username"), QStringLiteral("alice"));
    clickOk(dialog);
    QCOMPARE(dialog.errorText(), QStringLiteral("Password: required."));
    QVERIFY(!dialog.isBusy());
}

void tst_LoginDialog::setupCreatesTheFirstAdminOnce()
{
    AuthService auth(m_test->database(), m_clock, 1000);
    SetupDialog dialog(auth);
    dialog.show();
    type(dialog, QStringLiteral("username"), QStringLiteral("root"));
    type(dialog, QStringLiteral("password"), m_password);
    type(dialog, QStringLiteral("confirm"), m_password + QLatin1Char('x'));
    clickOk(dialog);
    QVERIFY(dialog.errorText().startsWith(QStringLiteral("Repeat password")));
    type(dialog, QStringLiteral("password"), QStringLiteral("short"));
    type(dialog, QStringLiteral("confirm"), QStringLiteral("short"));
    clickOk(dialog);
    QVERIFY2(dialog.errorText().contains(QStringLiteral("12")), qPrintable(dialog.errorText()));
    QCOMPARE(auth.hasUsers().value(), false);
    type(dialog, QStringLiteral("password"), m_password);
    type(dialog, QStringLiteral("confirm"), m_password);
    clickOk(dialog);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const UserRecord root = UserRepository(m_test->database(), m_clock).findByUsername(QStringLiteral("root")).value();
    QCOMPARE(root.role, QStringLiteral("admin"));
    // Signed in at once (no second prompt for the password just chosen), and recorded as a sign-in.
    QVERIFY(dialog.session());
    QCOMPARE(dialog.session()->userId(), root.id);
    QVERIFY(dialog.session()->canManageUsers());
    QCOMPARE(root.lastLoginAt, m_clock.nowMs());

    SetupDialog second(auth);
    second.show();
    type(second, QStringLiteral("username"), QStringLiteral("root2"));
    type(second, QStringLiteral("password"), m_password);
    type(second, QStringLiteral("confirm"), m_password);
    clickOk(second);
    QVERIFY(second.errorText().contains(QStringLiteral("exists already")));
    QVERIFY(second.result() != QDialog::Accepted);
}

void tst_LoginDialog::changePasswordChecksAndClearsTheFlag()
{
    AuthService auth(m_test->database(), m_clock, 1000);
    QVERIFY(auth.createFirstAdmin(QStringLiteral("root"), m_password).ok());
    QVERIFY(
        !auth.resetPassword(Session::system(), QStringLiteral("root"), QStringLiteral("temporary-pass-77")));
    SignInResult signedIn = auth.signIn(QStringLiteral("root"), QStringLiteral("temporary-pass-77"));
    QVERIFY(signedIn.session && signedIn.session->mustChangePassword());
    Session session = *signedIn.session;
    ChangePasswordDialog dialog(auth, session);
    dialog.show();
    type(dialog, QStringLiteral("current"), QStringLiteral("wrong-current-pass"));
    type(dialog, QStringLiteral("password"), QStringLiteral("brand-new-pass-88"));
    type(dialog, QStringLiteral("confirm"), QStringLiteral("brand-new-pass-88"));
    clickOk(dialog);
    QVERIFY(dialog.errorText().startsWith(QStringLiteral("Current password")));
    type(dialog, QStringLiteral("current"), QStringLiteral("temporary-pass-77"));
    clickOk(dialog);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QVERIFY(!session.mustChangePassword());
    QVERIFY(!UserRepository(m_test->database(), m_clock)
                 .findByUsername(QStringLiteral("root"))
                 .value()
                 .mustChangePassword);
}

QTEST_MAIN(tst_LoginDialog)
#include "tst_logindialog.moc"
