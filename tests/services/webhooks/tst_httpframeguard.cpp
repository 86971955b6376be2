// The framing limits the listener puts in front of QHttpServer, fed byte streams directly.
#include <services/webhooks/httpframeguard.h>

#include <QtTest>

using Callvia::Services::HttpFrameGuard;

namespace {

HttpFrameGuard::Limits limits()
{
    return HttpFrameGuard::Limits();
}

QByteArray head(const QByteArray &headers)
{
    return "POST /api/webhooks/stripe HTTP/1.1\r\nHost: x\r\n" + headers + "\r\n";
}

} // namespace

class tst_HttpFrameGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refuses_data();
    void refuses();
    void acceptsPipelinedAndChunkedRequests();
    void refusesHugeHeadBeforeItEnds();
};

void tst_HttpFrameGuard::refuses_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("status");
    QByteArray many;
    for (int i = 0; i < 101; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("101 headers") << head(many) << 431;
    QTest::newRow("CL and TE") << head("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") << 400;
    QTest::newRow("conflicting CL") << head("Content-Length: 5\r\nContent-Length: 6\r\n") << 400;
    QTest::newRow("negative CL") << head("Content-Length: -1\r\n") << 400;
    QTest::newRow("gzip TE") << head("Transfer-Encoding: gzip\r\n") << 400;
    QTest::newRow("CL over 1 MiB") << head("Content-Length: 1048577\r\n") << 413;
    QTest::newRow("chunked over 1 MiB")
            << head("Transfer-Encoding: chunked\r\n") + "80000\r\n" + QByteArray(0x80000, 'a') + "\r\n80001\r\n" << 413;
    // Found by fuzz_httpframe: the running chunk total overflowed (UB; wrapped negative, so a
    // 2^63-byte chunk was let through).
    QTest::newRow("chunk size near 2^63")
            << head("Transfer-Encoding: chunked\r\n") + "1\r\nx\r\n7fffffffffffffff\r\n" << 413;
    QTest::newRow("bad request line") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("folded header") << head(" folded\r\n") << 400;
}

void tst_HttpFrameGuard::refuses()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    HttpFrameGuard guard(limits());
    QVERIFY(!guard.feed(stream.constData(), stream.size()));
    QCOMPARE(guard.refusal().status, status);
    QVERIFY(!guard.refusal().detail.isEmpty());
}

void tst_HttpFrameGuard::acceptsPipelinedAndChunkedRequests()
{
    HttpFrameGuard guard(limits());
    const QByteArray stream = head("Content-Length: 5\r\n") + "hello" + head("Transfer-Encoding: chunked\r\n")
            + "5;ext=1\r\nhello\r\n0\r\nX-Trailer: t\r\n\r\n" + head("Content-Length: 1048576\r\n");
    // Byte by byte, as a slow client would send it.
    for (char c : stream)
        QVERIFY2(guard.feed(&c, 1), qPrintable(guard.refusal().detail));
    QCOMPARE(guard.completedHeads(), 3);
    QCOMPARE(guard.phase(), HttpFrameGuard::Phase::Body);
    const QByteArray body(1048576, 'b');
    QVERIFY(guard.feed(body.constData(), body.size()));
    QCOMPARE(guard.phase(), HttpFrameGuard::Phase::Idle);
}

void tst_HttpFrameGuard::refusesHugeHeadBeforeItEnds()
{
    HttpFrameGuard guard(limits());
    const QByteArray start = "POST / HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'a');
    QVERIFY(!guard.feed(start.constData(), start.size()));
    QCOMPARE(guard.refusal().status, 431);
    QCOMPARE(guard.completedHeads(), 0);
}

QTEST_GUILESS_MAIN(tst_HttpFrameGuard)
#include "tst_httpframeguard.moc"
