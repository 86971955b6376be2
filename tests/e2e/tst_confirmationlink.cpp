// The client's show-check link over real HTTP on loopback against the listener and a real
// database (issue 22 item 2). Tokens are computed with the openssl tool, never by our code.
#include "webhooktestclient.h"

#include "../services/verification/verificationharness.h"

#include <common/testdatabase.h>
#include <models/clock.h>
#include <services/providerconfig.h>
#include <services/verification/verificationservice.h>
#include <services/webhooks/handlerregistry.h>
#include <services/webhooks/webhooklistener.h>

#include <QtTest>

#include <memory>

using namespace Callvia;
using namespace Callvia::Tests;

namespace {

const qint64 T0 = 1'767'000'000'000;
const qint64 Expiry = T0 + 30 * minuteMs + 48 * hourMs; // end + the default 48 h
const QByteArray Key = "e2e-link-key";

QByteArray token(qint64 appointment, const QByteArray &answer, qint64 expiry, const QByteArray &key = Key)
{
    const QByteArray message = "callvia-show-check:v1:" + QByteArray::number(appointment) + ':' + answer + ':'
            + QByteArray::number(expiry);
    return QByteArray::number(appointment) + '.' + QByteArray::number(expiry) + '.'
            + opensslHmac("sha256", key, message).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

HttpReply get(quint16 port, const QByteArray &token, const QByteArray &answer)
{
    return request(port, "GET /api/appointments/verify?token=" + token + "&answer=" + answer
                           + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en-US\r\n\r\n");
}

} // namespace

class tst_ConfirmationLink : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validForgedExpiredReused_data() { TestDatabase::addBackendRows(); }
    void validForgedExpiredReused();
};

void tst_ConfirmationLink::validForgedExpiredReused()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 first = addAppointment(db, clock, s, QStringLiteral("bk-l1"), T0, s.lead);
    const qint64 second = addAppointment(db, clock, s, QStringLiteral("bk-l2"), T0, s.lead);
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_VERIFICATION_LINK_KEY"), QString::fromLatin1(Key));
    const Services::ProviderConfig config(nullptr, nullptr, env);
    Services::VerificationService service(db, clock, &config, Services::VerificationService::Options());
    clock.setNowMs(T0 + hourMs);
    QVERIFY(service.runDue(clock.nowMs()).ok()); // both e-mails queued
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM client_confirmations WHERE status = 'queued'")), 2);

    Services::HandlerRegistry handlers;
    Services::WebhookListener listener(db, clock, config, handlers, Services::WebhookListener::Options());
    QCOMPARE(listener.listen(QHostAddress::LocalHost, 0), QString());
    const quint16 port = listener.port();

    // Forged: a "yes" token sent as "no", a token signed with another key, a changed expiry, garbage.
    for (const auto &[t, answer] : { std::pair { token(first, "yes", Expiry), QByteArray("no") },
                                     std::pair { token(first, "no", Expiry, "other-key"), QByteArray("no") },
                                     std::pair { token(first, "no", Expiry).replace(QByteArray::number(Expiry),
                                                                                    QByteArray::number(Expiry + dayMs)),
                                                 QByteArray("no") } }) {
        const HttpReply forged = get(port, t, answer);
        QCOMPARE(forged.status, 403);
        QVERIFY2(forged.body.contains("not valid"), forged.body.constData());
        QCOMPARE(forged.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
    }
    QCOMPARE(get(port, "12.nonsense", "yes").status, 400);
    QCOMPARE(verdictColumns(db, first), QStringLiteral("scheduled/pending/-"));

    // Valid: recorded, answered in the client's language (German), once.
    const HttpReply valid = get(port, token(first, "no", Expiry), "no");
    QCOMPARE(valid.status, 200);
    QVERIFY2(valid.body.contains("lang=\"de\"") && valid.body.contains("nicht zum Termin"), valid.body.constData());
    QCOMPARE(verdictColumns(db, first), QStringLiteral("no_show/no_show/client"));
    const HttpReply reused = get(port, token(first, "no", Expiry), "no");
    QCOMPARE(reused.status, 409);
    const HttpReply other = get(port, token(first, "yes", Expiry), "yes"); // the other link of the same e-mail
    QCOMPARE(other.status, 409);
    QCOMPARE(verdictColumns(db, first), QStringLiteral("no_show/no_show/client"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointment_verdicts WHERE appointment_id = ?"), { first }), 1);

    // Expired: at the verdict time the link no longer works.
    clock.setNowMs(Expiry);
    const HttpReply expired = get(port, token(second, "yes", Expiry), "yes");
    QCOMPARE(expired.status, 410);
    QVERIFY2(expired.body.contains("expired"), expired.body.constData());
    QCOMPARE(verdictColumns(db, second), QStringLiteral("scheduled/pending/-"));
    listener.stop();
}

QTEST_GUILESS_MAIN(tst_ConfirmationLink)
#include "tst_confirmationlink.moc"
