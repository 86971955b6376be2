#include <common/testdatabase.h>

#include <models/clock.h>
#include <models/settingsrepository.h>
#include <models/userrepository.h>
#include <services/auth/aesgcmcipher.h>
#include <services/auth/authservice.h>
#include <ui/adminview.h>

#include <QTableWidget>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

// The Admin section: users listed with their state, disable/enable and reset through the auth
// service, secrets stored encrypted and shown masked, the audit log listing the changes.
class tst_AdminView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsUsersAndChangesThem();
    void secretsAreMaskedAndEncrypted();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

void tst_AdminView::listsUsersAndChangesThem()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    AuthService auth(test->database(), m_clock, 1000);
    const qint64 rootId
        = auth.createFirstAdmin(QStringLiteral("root"), QStringLiteral("river-stone-42-lamp")).value();
    QVERIFY(auth.createUser(Session::system(),
                    { QStringLiteral("bob"), {}, QStringLiteral("staff"), 0,
                        QStringLiteral("river-stone-42-lamp"), false })
                .ok());
    const Session admin(rootId, QStringLiteral("root"), Session::Role::Admin, 0);
    Ui::AdminView view(test->database(), m_clock, nullptr, admin);
    view.show();
    QCOMPARE(view.usersTable()->rowCount(), 2);
    QCOMPARE(view.usersTable()->item(0, 0)->text(), QStringLiteral("bob"));
    QCOMPARE(view.usersTable()->item(0, 3)->text(), QStringLiteral("active"));

    QCOMPARE(view.toggleDisabled(QStringLiteral("bob")), QString());
    QCOMPARE(view.usersTable()->item(0, 3)->text(), QStringLiteral("disabled"));
    QVERIFY(UserRepository(test->database(), m_clock).findByUsername(QStringLiteral("bob")).value().disabled);
    QVERIFY(view.toggleDisabled(QStringLiteral("root")).contains(QStringLiteral("yourself")));
    QVERIFY(
        view.resetPassword(QStringLiteral("bob"), QStringLiteral("short")).contains(QStringLiteral("12")));
    QCOMPARE(view.resetPassword(QStringLiteral("bob"), QStringLiteral("temporary-pass-77")), QString());
    QVERIFY(UserRepository(test->database(), m_clock)
                .findByUsername(QStringLiteral("bob"))
                .value()
                .mustChangePassword);
    QStringList actions;
    for (int row = 0; row < view.auditTable()->rowCount(); ++row)
        actions << view.auditTable()->item(row, 2)->text();
    QVERIFY2(actions.contains(QStringLiteral("user.disable"))
            && actions.contains(QStringLiteral("user.password_reset")),
        qPrintable(actions.join(QLatin1Char(','))));
    QVERIFY2(
        view.setSecret(QStringLiteral("stripe.api_key"), QStringLiteral("x")).contains(QStringLiteral("key")),
        "without a cipher, secrets cannot be set");
}

void tst_AdminView::secretsAreMaskedAndEncrypted()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    const AesGcmCipher cipher(QByteArray(32, 'k'));
    Ui::AdminView view(test->database(), m_clock, &cipher, Session::system());
    QCOMPARE(view.secretsTable()->rowCount(), 0);
    QVERIFY(view.setSecret(QStringLiteral("bad key"), QStringLiteral("v")).startsWith(QStringLiteral("Key")));
    QCOMPARE(view.setSecret(QStringLiteral("sendgrid.api_key"), QStringLiteral("SG.SENTINEL")), QString());
    QCOMPARE(view.messageText(), QStringLiteral("Done."));
    QCOMPARE(view.secretsTable()->rowCount(), 1);
    QCOMPARE(view.secretsTable()->item(0, 0)->text(), QStringLiteral("sendgrid.api_key"));
    QVERIFY(!view.secretsTable()->item(0, 1)->text().contains(QStringLiteral("SENTINEL")));
    const QString stored
        = SettingsRepository(test->database(), m_clock).value(QStringLiteral("sendgrid.api_key")).value();
    QVERIFY(stored.startsWith(QStringLiteral("enc:v1:")));
    QCOMPARE(cipher.decrypt(stored), QStringLiteral("SG.SENTINEL"));

    const Session staff(5, QStringLiteral("bob"), Session::Role::Staff, 0);
    Ui::AdminView staffView(test->database(), m_clock, &cipher, staff);
    QVERIFY(staffView.setSecret(QStringLiteral("sendgrid.api_key"), QStringLiteral("other"))
                .contains(QStringLiteral("Permission denied")));
}

QTEST_MAIN(tst_AdminView)
#include "tst_adminview.moc"
