#include <services/auth/passwordhasher.h>
#include <services/auth/session.h>

#include <QElapsedTimer>
#include <QtTest>

using namespace Callvia::Services;

// PBKDF2 hashing format, verification, upgrade detection, the password policy and the
// permissions each role's Session grants.
class tst_PasswordHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void productionDefaultIsAtLeast600k();
    void hashRoundTripsAndIsSalted();
    void rejectsWrongPasswordAndMalformedHashes();
    void needsRehashWhenIterationsWereRaised();
    void policy_data();
    void policy();
    void rolePermissions();
};

void tst_PasswordHasher::productionDefaultIsAtLeast600k()
{
    QVERIFY(PasswordHasher::DefaultIterations >= 600'000);
    QCOMPARE(PasswordHasher().iterations(), PasswordHasher::DefaultIterations);
    QElapsedTimer timer;
    timer.start();
    const QString stored = PasswordHasher().hash(QStringLiteral("correct horse battery"));
    qInfo() << "one production hash took" << timer.elapsed() << "ms";
    QVERIFY(stored.startsWith(QStringLiteral("pbkdf2-sha256$600000$")));
}

void tst_PasswordHasher::hashRoundTripsAndIsSalted()
{
    const PasswordHasher hasher(1000);
    const QString a = hasher.hash(QStringLiteral("correct horse battery"));
    const QString b = hasher.hash(QStringLiteral("correct horse battery"));
    QCOMPARE(a.split(QLatin1Char('$')).size(), 4);
    QVERIFY2(a != b, "a random salt per hash");
    QVERIFY(!a.contains(QStringLiteral("horse")));
    QVERIFY(hasher.verify(QStringLiteral("correct horse battery"), a));
    QVERIFY(hasher.verify(QStringLiteral("correct horse battery"), b));
    // An older, stronger or weaker parameter set in the string still verifies.
    QVERIFY(PasswordHasher(5000).verify(QStringLiteral("correct horse battery"), a));
    QVERIFY(
        hasher.verify(QStringLiteral("ünïcödé pässwörd"), hasher.hash(QStringLiteral("ünïcödé pässwörd"))));
}

void tst_PasswordHasher::rejectsWrongPasswordAndMalformedHashes()
{
    const PasswordHasher hasher(1000);
    const QString stored = hasher.hash(QStringLiteral("correct horse battery"));
    QVERIFY(!hasher.verify(QStringLiteral("correct horse batterY"), stored));
    QVERIFY(!hasher.verify(QString(), stored));
    QVERIFY(!hasher.verify(QStringLiteral("correct horse battery"), QString()));
    QVERIFY(!hasher.verify(QStringLiteral("correct horse battery"), QStringLiteral("plaintext")));
    QString tampered = stored;
    tampered[tampered.size() - 3]
        = tampered.at(tampered.size() - 3) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
    QVERIFY(!hasher.verify(QStringLiteral("correct horse battery"), tampered));
    QString fewer = stored;
    fewer.replace(QStringLiteral("$1000$"), QStringLiteral("$999$"));
    QVERIFY2(
        !hasher.verify(QStringLiteral("correct horse battery"), fewer), "iterations are part of the hash");
}

void tst_PasswordHasher::needsRehashWhenIterationsWereRaised()
{
    const QString old = PasswordHasher(1000).hash(QStringLiteral("correct horse battery"));
    QVERIFY(!PasswordHasher(1000).needsRehash(old));
    QVERIFY(PasswordHasher(2000).needsRehash(old));
    QVERIFY(!PasswordHasher(500).needsRehash(PasswordHasher(2000).hash(QStringLiteral("x"))));
    QVERIFY(PasswordHasher(1000).needsRehash(QStringLiteral("md5$abc")));
}

void tst_PasswordHasher::policy_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("complaint"); // empty = accepted
    QTest::newRow("long enough") << "alice"
                                 << "river-stone-42-lamp"
                                 << "";
    QTest::newRow("11 characters") << "alice"
                                   << "abcdefghij1"
                                   << "at least 12";
    QTest::newRow("contains user name") << "alice"
                                        << "xxAlice2024!!"
                                        << "user name";
    QTest::newRow("one repeated character") << "bob"
                                            << "zzzzzzzzzzzzzz"
                                            << "repeat";
    QTest::newRow("common word") << "bob"
                                 << "MyPassword123!"
                                 << "guess";
}

void tst_PasswordHasher::policy()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(QString, complaint);
    const QString message = PasswordPolicy::check(username, password);
    if (complaint.isEmpty()) {
        QVERIFY2(message.isEmpty(), qPrintable(message));
    } else {
        QVERIFY2(message.contains(complaint), qPrintable(message));
        QVERIFY(message.startsWith(QStringLiteral("Password")));
        QVERIFY2(!message.contains(password), "the message never repeats the password");
    }
}

void tst_PasswordHasher::rolePermissions()
{
    const Session admin(1, QStringLiteral("a"), Session::Role::Admin, 0);
    const Session staff(2, QStringLiteral("s"), Session::Role::Staff, 0);
    const Session client(3, QStringLiteral("c"), Session::Role::Client, 7);
    QVERIFY(admin.canManageUsers() && admin.canSeeSecrets() && admin.canEditSettings() && admin.canEdit());
    QVERIFY(!staff.canManageUsers() && !staff.canSeeSecrets() && !staff.canEditSettings() && staff.canEdit());
    QVERIFY(
        !client.canManageUsers() && !client.canSeeSecrets() && !client.canEdit() && client.canConfirmShows());
    QVERIFY(admin.scope().isAgency() && staff.scope().isAgency());
    QCOMPARE(client.scope().clientId(), 7);
    QVERIFY(client.canAccessClient(7) && !client.canAccessClient(8));
    QVERIFY2(!Session().canAccessClient(1), "an unset session sees nothing");
    QVERIFY(Session(4, QStringLiteral("x"), Session::Role::Staff, 9).scope().isAgency());
}

QTEST_GUILESS_MAIN(tst_PasswordHasher)
#include "tst_passwordhasher.moc"
