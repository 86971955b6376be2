// Issue 26, item 4: X-Forwarded-For / Forwarded honoured only from configured trusted proxies.
#include <services/webhooks/trustedproxies.h>

#include <QtTest>

using Callvia::Services::TrustedProxies;

class tst_TrustedProxies : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientAddress_data();
    void clientAddress();
    void refusesAMalformedList();
};

void tst_TrustedProxies::clientAddress_data()
{
    QTest::addColumn<QString>("trusted");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QByteArray>("forwarded");
    QTest::addColumn<QByteArray>("xForwardedFor");
    QTest::addColumn<QString>("client");
    const QString proxies = QStringLiteral("127.0.0.1, 10.0.0.0/8, ::1");
    QTest::newRow("no proxies configured: header ignored")
            << QString() << "127.0.0.1" << QByteArray() << QByteArray("203.0.113.7") << "127.0.0.1";
    QTest::newRow("untrusted peer: header ignored")
            << proxies << "198.51.100.9" << QByteArray() << QByteArray("203.0.113.7") << "198.51.100.9";
    QTest::newRow("trusted peer: X-Forwarded-For")
            << proxies << "127.0.0.1" << QByteArray() << QByteArray("203.0.113.7") << "203.0.113.7";
    QTest::newRow("IPv4-mapped trusted peer")
            << proxies << "::ffff:127.0.0.1" << QByteArray() << QByteArray("203.0.113.7") << "203.0.113.7";
    QTest::newRow("forged left part skipped: right-most untrusted wins")
            << proxies << "127.0.0.1" << QByteArray() << QByteArray("1.2.3.4, 203.0.113.7, 10.1.2.3") << "203.0.113.7";
    QTest::newRow("garbage at the right: the peer")
            << proxies << "127.0.0.1" << QByteArray() << QByteArray("203.0.113.7, not-an-ip") << "127.0.0.1";
    QTest::newRow("Forwarded preferred, with port and quotes")
            << proxies << "10.0.0.5" << QByteArray(R"(for=192.0.2.60;proto=https;by=10.0.0.5, for="198.51.100.17:4711")")
            << QByteArray("1.1.1.1") << "198.51.100.17";
    QTest::newRow("Forwarded IPv6 in brackets")
            << proxies << "::1" << QByteArray(R"(for="[2001:db8:cafe::17]:4711")") << QByteArray() << "2001:db8:cafe::17";
    QTest::newRow("Forwarded unknown: the peer")
            << proxies << "127.0.0.1" << QByteArray("for=unknown") << QByteArray() << "127.0.0.1";
    QTest::newRow("trusted peer, no header")
            << proxies << "127.0.0.1" << QByteArray() << QByteArray() << "127.0.0.1";
}

void tst_TrustedProxies::clientAddress()
{
    QFETCH(QString, trusted);
    QFETCH(QString, peer);
    QFETCH(QByteArray, forwarded);
    QFETCH(QByteArray, xForwardedFor);
    QFETCH(QString, client);
    QString error;
    const TrustedProxies proxies = TrustedProxies::parse(trusted, &error);
    QCOMPARE(error, QString());
    QCOMPARE(proxies.clientAddress(QHostAddress(peer), forwarded, xForwardedFor), QHostAddress(client));
}

void tst_TrustedProxies::refusesAMalformedList()
{
    QString error;
    QVERIFY(TrustedProxies::parse(QStringLiteral("127.0.0.1, proxy.example"), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("proxy.example")), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_TrustedProxies)
#include "tst_trustedproxies.moc"
