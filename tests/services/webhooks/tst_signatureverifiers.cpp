// Signature verifiers against the fixed vectors of integrations.md §7 (computed outside our
// code), tampered bodies, stale and future timestamps, and secret rotation.
#include <models/clock.h>
#include <services/webhooks/signatureverifiers.h>

#include <QtTest>

using namespace Callvia;
using Services::VerifyResult;
namespace SV = Services::SignatureVerifiers;

namespace {

const QByteArray RetellBody = R"({"event":"call_ended"})";
const QByteArray RetellHeader = "v=1700000000000,d=07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e";
const QByteArray CalBody = R"({"triggerEvent":"BOOKING_CREATED","createdAt":"2024-01-01T00:00:00.000Z","payload":{"uid":"bk_123"}})";
const QByteArray CalSignature = "c8d849319b648f120cfe7a2e8d19fcd216a0e1f9922818104ca87da8a5b9fdc0";
const QByteArray StripeBody = R"({"id":"evt_test_1","object":"event","type":"invoice.paid"})";
const QByteArray StripeV1 = "3e3e661992c26c45d9105cbea450acc1a34f8c6dbafbd891f858c6fd9054fe3e";
const QByteArray SendgridKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfNEEk6/wqDYdNR15q2Nyth8YEqIqK8ycBGJyvIwZ3tMqAWgfdKL3Z0OA3dzAGyDflk3jEo2vJbR4YQtwdJYlvw==";
const QByteArray SendgridBody = R"([{"email":"a@example.com","event":"delivered","sg_event_id":"ev1","sg_message_id":"msg1.filter","timestamp":1700000000}])"
                                "\r\n";
const QByteArray SendgridSignature = "MEYCIQCQX0vG1iPGhOslOnqR/Gt++Mvn8VCRAKUD9ghiy8IUIQIhAMszRjaw9lF04SJNqLwPP8xRvxp+yRoGS8of8y3oi03T";
const QByteArray MbKey = "mb-test-signing-key";
const QByteArray MbUrl = "https://example.com/hooks/sms-dlr?id=abc123&reference=lead-42&status=delivered";
const QByteArray MbToken =
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJNZXNzYWdlQmlyZCIsIm5iZiI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAwMDYwLCJqdGkiOiJ0ZXN0LWp0aS0wMDAxIiwidXJsX2hhc2giOiIxZWUzNzIzZDQyOTkxY2Y2NWU3ZTU5OTI0NmMyYTEyYWM4MGQ5ZDA2YmJmNDY0NWI3NjE5M2MyZWI1MWZiOWNhIn0.V0G5iAiQvIPNcIhrC_nAuwmckh7Cqz9B713vMqWjbK4";

QByteArray tamper(QByteArray body)
{
    body[1] = body[1] == 'x' ? 'y' : 'x';
    return body;
}

} // namespace

class tst_SignatureVerifiers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void retellAcceptsVectorAndWindow_data();
    void retellAcceptsVectorAndWindow();
    void retellRejectsTamperedAndMalformed();
    void calcomAcceptsVectorRejectsOthers();
    void stripeAcceptsVectorAndRotation();
    void stripeRejectsOnlyOldTimestamps();
    void sendgridVerifiesEcdsaVector();
    void messageBirdAcceptsVectorInsideWindow_data();
    void messageBirdAcceptsVectorInsideWindow();
    void messageBirdRejectsForgeries();
};

void tst_SignatureVerifiers::retellAcceptsVectorAndWindow_data()
{
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<int>("status");
    QTest::newRow("same instant") << qint64(1700000000000) << int(VerifyResult::Valid);
    QTest::newRow("300 s later") << qint64(1700000300000) << int(VerifyResult::Valid);
    QTest::newRow("300 s earlier") << qint64(1699999700000) << int(VerifyResult::Valid);
    QTest::newRow("301 s later is stale") << qint64(1700000301000) << int(VerifyResult::Stale);
    QTest::newRow("301 s in the future is stale") << qint64(1699999699000) << int(VerifyResult::Stale);
}

void tst_SignatureVerifiers::retellAcceptsVectorAndWindow()
{
    QFETCH(qint64, nowMs);
    QFETCH(int, status);
    Models::TestClock clock(nowMs);
    const VerifyResult result = SV::retell(RetellHeader, RetellBody, "test-api-key", clock);
    QCOMPARE(int(result.status), status);
}

void tst_SignatureVerifiers::retellRejectsTamperedAndMalformed()
{
    Models::TestClock clock(1700000000000);
    QCOMPARE(SV::retell(RetellHeader, tamper(RetellBody), "test-api-key", clock).status, VerifyResult::BadSignature);
    QCOMPARE(SV::retell(RetellHeader, RetellBody, "other-key", clock).status, VerifyResult::BadSignature);
    QCOMPARE(SV::retell(RetellHeader.toUpper().replace("V=", "v=").replace(",D=", ",d="), RetellBody, "test-api-key", clock).status,
             VerifyResult::Valid);
    QCOMPARE(SV::retell("", RetellBody, "test-api-key", clock).status, VerifyResult::Missing);
    QCOMPARE(SV::retell("d=00,v=1", RetellBody, "test-api-key", clock).status, VerifyResult::Malformed);
    // Moving the timestamp breaks the signature (it is signed with the body).
    QByteArray stale = RetellHeader;
    QCOMPARE(SV::retell(stale.replace("1700000000000", "1600000000000"), RetellBody, "test-api-key", clock).status,
             VerifyResult::BadSignature);
}

void tst_SignatureVerifiers::calcomAcceptsVectorRejectsOthers()
{
    QCOMPARE(SV::calcom(CalSignature, CalBody, "cal-test-secret").status, VerifyResult::Valid);
    QCOMPARE(SV::calcom(CalSignature, tamper(CalBody), "cal-test-secret").status, VerifyResult::BadSignature);
    QCOMPARE(SV::calcom(CalSignature, CalBody, "wrong").status, VerifyResult::BadSignature);
    QCOMPARE(SV::calcom("no-secret-provided", CalBody, "cal-test-secret").status, VerifyResult::Missing);
    QCOMPARE(SV::calcom("sha256=" + CalSignature, CalBody, "cal-test-secret").status, VerifyResult::Malformed);
    QCOMPARE(SV::calcom({}, CalBody, "cal-test-secret").status, VerifyResult::Missing);
}

void tst_SignatureVerifiers::stripeAcceptsVectorAndRotation()
{
    Models::TestClock clock(1700000000000);
    const QByteArray header = "t=1700000000,v1=" + StripeV1;
    QCOMPARE(SV::stripe(header, StripeBody, { "whsec_test_secret" }, clock).status, VerifyResult::Valid);
    QCOMPARE(SV::stripe(header, StripeBody, { "whsec_old", "whsec_test_secret" }, clock).status, VerifyResult::Valid);
    QCOMPARE(SV::stripe(header, StripeBody, { "whsec_old" }, clock).status, VerifyResult::BadSignature);
    const QByteArray twoSignatures = "t=1700000000,v1=" + QByteArray(64, 'a') + ",v0=xyz,v1=" + StripeV1;
    QCOMPARE(SV::stripe(twoSignatures, StripeBody, { "whsec_test_secret" }, clock).status, VerifyResult::Valid);
    QCOMPARE(SV::stripe(header, tamper(StripeBody), { "whsec_test_secret" }, clock).status, VerifyResult::BadSignature);
    QCOMPARE(SV::stripe("t=1700000000,v0=" + StripeV1, StripeBody, { "whsec_test_secret" }, clock).status,
             VerifyResult::Malformed);
    QCOMPARE(SV::stripe(header, StripeBody, {}, clock).status, VerifyResult::BadSignature);
}

void tst_SignatureVerifiers::stripeRejectsOnlyOldTimestamps()
{
    const QByteArray header = "t=1700000000,v1=" + StripeV1;
    Models::TestClock clock(1700000300000);
    QCOMPARE(SV::stripe(header, StripeBody, { "whsec_test_secret" }, clock).status, VerifyResult::Valid);
    clock.advanceSeconds(1);
    QCOMPARE(SV::stripe(header, StripeBody, { "whsec_test_secret" }, clock).status, VerifyResult::Stale);
    clock.setNowMs(1699990000000); // the event's timestamp is in our future: Stripe's SDK accepts it
    QCOMPARE(SV::stripe(header, StripeBody, { "whsec_test_secret" }, clock).status, VerifyResult::Valid);
}

void tst_SignatureVerifiers::sendgridVerifiesEcdsaVector()
{
    Models::TestClock clock(1700000000000);
    QCOMPARE(SV::sendgrid(SendgridSignature, "1700000000", SendgridBody, SendgridKey, clock).status, VerifyResult::Valid);
    QCOMPARE(SV::sendgrid(SendgridSignature, "1700000000", tamper(SendgridBody), SendgridKey, clock).status,
             VerifyResult::BadSignature);
    QCOMPARE(SV::sendgrid(SendgridSignature, "1700000001", SendgridBody, SendgridKey, clock).status,
             VerifyResult::BadSignature);
    QCOMPARE(SV::sendgrid(SendgridSignature, "1700000000", SendgridBody.trimmed(), SendgridKey, clock).status,
             VerifyResult::BadSignature);
    clock.advanceSeconds(301);
    QCOMPARE(SV::sendgrid(SendgridSignature, "1700000000", SendgridBody, SendgridKey, clock).status, VerifyResult::Stale);
    clock.setNowMs(1700000000000 - 301000);
    QCOMPARE(SV::sendgrid(SendgridSignature, "1700000000", SendgridBody, SendgridKey, clock).status, VerifyResult::Stale);
    QCOMPARE(SV::sendgrid({}, "1700000000", SendgridBody, SendgridKey, clock).status, VerifyResult::Missing);
    QCOMPARE(SV::sendgrid(SendgridSignature, "1700000000", SendgridBody, "bm90IGEga2V5", clock).status,
             VerifyResult::BadSignature);
}

void tst_SignatureVerifiers::messageBirdAcceptsVectorInsideWindow_data()
{
    QTest::addColumn<qint64>("nowSeconds");
    QTest::addColumn<int>("status");
    QTest::newRow("inside") << qint64(1700000030) << int(VerifyResult::Valid);
    QTest::newRow("nbf - 5 s skew") << qint64(1699999995) << int(VerifyResult::Valid);
    QTest::newRow("exp + 5 s skew") << qint64(1700000065) << int(VerifyResult::Valid);
    QTest::newRow("before nbf - skew") << qint64(1699999994) << int(VerifyResult::Stale);
    QTest::newRow("after exp + skew") << qint64(1700000066) << int(VerifyResult::Stale);
}

void tst_SignatureVerifiers::messageBirdAcceptsVectorInsideWindow()
{
    QFETCH(qint64, nowSeconds);
    QFETCH(int, status);
    Models::TestClock clock(nowSeconds * 1000);
    QCOMPARE(int(SV::messageBird(MbToken, {}, MbUrl, MbKey, clock).status), status);
}

void tst_SignatureVerifiers::messageBirdRejectsForgeries()
{
    Models::TestClock clock(1700000030000);
    QCOMPARE(SV::messageBird(MbToken, {}, MbUrl + "&x=1", MbKey, clock).status, VerifyResult::BadSignature);
    QCOMPARE(SV::messageBird(MbToken, {}, MbUrl, "other-key", clock).status, VerifyResult::BadSignature);
    // The vector signs an empty body: a body without payload_hash is refused.
    QCOMPARE(SV::messageBird(MbToken, "{}", MbUrl, MbKey, clock).status, VerifyResult::BadSignature);
    QByteArray badSignature = MbToken;
    badSignature[badSignature.size() - 2] = badSignature.at(badSignature.size() - 2) == 'A' ? 'B' : 'A';
    QCOMPARE(SV::messageBird(badSignature, {}, MbUrl, MbKey, clock).status, VerifyResult::BadSignature);
    // alg "none" with the same claims and no signature.
    const QList<QByteArray> parts = MbToken.split('.');
    const QByteArray none = QByteArray(R"({"alg":"none","typ":"JWT"})")
                                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(SV::messageBird(none + '.' + parts.at(1) + '.', {}, MbUrl, MbKey, clock).status, VerifyResult::BadSignature);
    QCOMPARE(SV::messageBird(none + '.' + parts.at(1) + '.' + parts.at(2), {}, MbUrl, MbKey, clock).status,
             VerifyResult::BadSignature);
    QCOMPARE(SV::messageBird("abc", {}, MbUrl, MbKey, clock).status, VerifyResult::Malformed);
    QCOMPARE(SV::messageBird({}, {}, MbUrl, MbKey, clock).status, VerifyResult::Missing);
}

QTEST_GUILESS_MAIN(tst_SignatureVerifiers)
#include "tst_signatureverifiers.moc"
