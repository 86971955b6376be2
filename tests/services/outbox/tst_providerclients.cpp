// The provider clients' wire formats without a network: Stripe's nested form encoding, the
// requests each client builds (auth header, fields), error texts, payload validation, and the
// masking of secrets for the admin console.
#include <services/outbox/payloadmask.h>
#include <services/providerconfig.h>
#include <services/providers/messagebird/messagebirdclient.h>
#include <services/providers/retell/retellclient.h>
#include <services/providers/sendgrid/sendgridclient.h>
#include <services/providers/stripe/stripeclient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Callvia;

class tst_ProviderClients : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stripeEncodesNestedKeys();
    void stripeRequestCarriesIdempotencyKeyAndVersion();
    void stripeErrorNamesTypeCodeAndMessage();
    void messageBirdRequest();
    void sendGridRequestCarriesCustomArgs();
    void retellRequestAndLookup();
    void badPayloadIsRefusedBeforeSending();
    void missingKeyIsExplained();
    void masksSecrets();
};

namespace {

QProcessEnvironment env()
{
    QProcessEnvironment e;
    e.insert(QStringLiteral("CALLVIA_STRIPE_API_KEY"), QStringLiteral("sk_test_1"));
    e.insert(QStringLiteral("CALLVIA_STRIPE_API_BASE"), QStringLiteral("http://127.0.0.1:9/"));
    e.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_API_KEY"), QStringLiteral("mbkey"));
    e.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_ORIGINATOR"), QStringLiteral("Agency"));
    e.insert(QStringLiteral("CALLVIA_SENDGRID_API_KEY"), QStringLiteral("SG.x"));
    e.insert(QStringLiteral("CALLVIA_RETELL_API_KEY"), QStringLiteral("rk"));
    return e;
}

Models::OutboxRecord row(const QString &kind, const QJsonObject &payload, const QString &key = QStringLiteral("k1"))
{
    Models::OutboxRecord r;
    r.id = 5;
    r.kind = kind;
    r.idempotencyKey = key;
    r.payloadJson = QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    return r;
}

} // namespace

void tst_ProviderClients::stripeEncodesNestedKeys()
{
    const QJsonObject form { { "customer", "cus_1" },
                             { "amount", 123456 },
                             { "auto_advance", false },
                             { "description", "Calls & shows: 50%" },
                             { "metadata", QJsonObject { { "client_id", "7" }, { "period", "2026-11" } } },
                             { "expand", QJsonArray { "customer", "lines" } } };
    QCOMPARE(Services::StripeClient::formEncode(form),
             QByteArray("amount=123456&auto_advance=false&customer=cus_1&description=Calls%20%26%20shows%3A%2050%25"
                        "&expand[0]=customer&expand[1]=lines&metadata[client_id]=7&metadata[period]=2026-11"));
}

void tst_ProviderClients::stripeRequestCarriesIdempotencyKeyAndVersion()
{
    Services::ProviderConfig config(nullptr, nullptr, env());
    Services::StripeClient client(config);
    const auto request = client.buildSend(row(QStringLiteral("stripe"),
                                              Services::StripeClient::sendPayload(QStringLiteral("in_9")),
                                              QStringLiteral("invoice:9:send")));
    QVERIFY(request.error.isEmpty());
    QCOMPARE(request.request.url().toString(), QStringLiteral("http://127.0.0.1:9/v1/invoices/in_9/send"));
    QCOMPARE(request.request.rawHeader("Idempotency-Key"), QByteArray("invoice:9:send"));
    QCOMPARE(request.request.rawHeader("Authorization"), QByteArray("Bearer sk_test_1"));
    QCOMPARE(request.request.rawHeader("Stripe-Version"), QByteArray("2026-07-29.dahlia"));
    QCOMPARE(request.request.header(QNetworkRequest::ContentTypeHeader).toString(),
             QStringLiteral("application/x-www-form-urlencoded"));
}

void tst_ProviderClients::stripeErrorNamesTypeCodeAndMessage()
{
    Services::ProviderConfig config(nullptr, nullptr, env());
    Services::StripeClient client(config);
    QCOMPARE(client.readError(R"({"error":{"type":"invalid_request_error","code":"resource_missing",)"
                              R"("message":"No such customer: 'cus_x'","param":"customer"}})"),
             QStringLiteral("invalid_request_error/resource_missing: No such customer: 'cus_x' [customer]"));
    QVERIFY(client.retryableStatus(409, {}));
    QVERIFY(!client.retryableStatus(500, { { "Stripe-Should-Retry", "false" } }));
    QVERIFY(!client.retryableStatus(402, {}));
}

void tst_ProviderClients::messageBirdRequest()
{
    Services::ProviderConfig config(nullptr, nullptr, env());
    Services::MessageBirdClient client(config);
    const auto request = client.buildSend(
            row(QStringLiteral("sms"), { { "to", "+4915112345678" }, { "body", "Hallo" }, { "message_id", 31 } }));
    QVERIFY(request.error.isEmpty());
    QCOMPARE(request.request.rawHeader("Authorization"), QByteArray("AccessKey mbkey"));
    QCOMPARE(request.request.url().toString(), QStringLiteral("https://rest.messagebird.com/messages"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value("recipients").toArray().first().toString(), QStringLiteral("4915112345678"));
    QCOMPARE(body.value("originator").toString(), QStringLiteral("Agency"));
    QCOMPARE(body.value("reference").toString(), QStringLiteral("31"));
    QCOMPARE(client.readError(R"({"errors":[{"code":9,"description":"no (correct) recipients found","parameter":"recipients"}]})"),
             QStringLiteral("no (correct) recipients found (code 9) [recipients]"));
}

void tst_ProviderClients::sendGridRequestCarriesCustomArgs()
{
    QProcessEnvironment e = env();
    e.insert(QStringLiteral("CALLVIA_SENDGRID_FROM_EMAIL"), QStringLiteral("reminders@agency.example"));
    Services::ProviderConfig config(nullptr, nullptr, e);
    Services::SendGridClient client(config);
    const auto request = client.buildSend(row(QStringLiteral("email"), { { "to", "ana@example.com" }, { "subject", "S" },
                                                                         { "text", "T" }, { "html", "<p>T</p>" },
                                                                         { "message_id", 12 } }));
    QVERIFY2(request.error.isEmpty(), qPrintable(request.error));
    QCOMPARE(request.request.rawHeader("Authorization"), QByteArray("Bearer SG.x"));
    const QJsonObject mail = QJsonDocument::fromJson(request.body).object();
    const QJsonObject args = mail.value("personalizations").toArray().first().toObject().value("custom_args").toObject();
    QCOMPARE(args.value("message_id"), QJsonValue(QStringLiteral("12")));
    QCOMPARE(args.value("outbox_id"), QJsonValue(QStringLiteral("5")));
    QCOMPARE(mail.value("content").toArray().size(), 2);
    QCOMPARE(mail.value("from").toObject().value("email").toString(), QStringLiteral("reminders@agency.example"));
    const auto answer = client.readSend({}, { { "x-message-id", "abc123" } });
    QVERIFY(answer.readable);
    QCOMPARE(answer.providerRef, QStringLiteral("abc123"));
}

void tst_ProviderClients::retellRequestAndLookup()
{
    Services::ProviderConfig config(nullptr, nullptr, env());
    Services::RetellClient client(config);
    const auto r = row(QStringLiteral("retell_call"), { { "from_number", "+14155550100" }, { "to_number", "+14155550123" },
                                                        { "agent_id", "agent_1" }, { "metadata", QJsonObject { { "lead_id", 9 } } } },
                       QStringLiteral("dial:9:1"));
    const auto request = client.buildSend(r);
    const QJsonObject call = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(call.value("override_agent_id").toString(), QStringLiteral("agent_1"));
    QCOMPARE(call.value("metadata").toObject().value("callvia_outbox_key").toString(), QStringLiteral("dial:9:1"));
    QCOMPARE(call.value("metadata").toObject().value("lead_id").toInt(), 9);
    QVERIFY(!client.resendIsSafe());
    const auto lookup = client.buildLookup(r);
    QCOMPARE(lookup.request.url().path(), QStringLiteral("/v2/list-calls"));
    const auto found = client.readLookup(r, R"([{"call_id":"c7","metadata":{"callvia_outbox_key":"dial:9:1"}}])");
    QCOMPARE(found.found, Services::ProviderClient::Found::Yes);
    QCOMPARE(found.providerRef, QStringLiteral("c7"));
    QCOMPARE(client.readLookup(r, R"([{"call_id":"c8","metadata":{"callvia_outbox_key":"other"}}])").found,
             Services::ProviderClient::Found::No);
    QCOMPARE(client.readLookup(r, "<html>").found, Services::ProviderClient::Found::CannotTell);
}

void tst_ProviderClients::badPayloadIsRefusedBeforeSending()
{
    Services::ProviderConfig config(nullptr, nullptr, env());
    Services::MessageBirdClient sms(config);
    QVERIFY(!sms.buildSend(row(QStringLiteral("sms"), { { "to", "+1415" } })).error.isEmpty()); // no body
    Services::StripeClient stripe(config);
    QVERIFY(!stripe.buildSend(row(QStringLiteral("stripe"), { { "path", "/admin" } })).error.isEmpty());
    Services::SendGridClient mail(config);
    QVERIFY(mail.buildSend(row(QStringLiteral("email"), { { "to", "a@b.c" }, { "subject", "s" }, { "text", "t" } }))
                    .error.contains(QLatin1String("from_email")));
}

void tst_ProviderClients::missingKeyIsExplained()
{
    Services::ProviderConfig config(nullptr, nullptr, QProcessEnvironment());
    Services::RetellClient client(config);
    QCOMPARE(client.configurationError(),
             QStringLiteral("waiting: no retell API key (set retell.api_key in Settings or the environment variable "
                            "CALLVIA_RETELL_API_KEY)"));
}

void tst_ProviderClients::masksSecrets()
{
    const QJsonObject masked = Services::maskedPayload(
            { { "to", "+14155550123" }, { "api_key", "sk_live_1" },
              { "form", QJsonObject { { "metadata", QJsonObject { { "client_secret", "x" }, { "client_id", "7" } } } } } });
    QCOMPARE(masked.value("api_key").toString(), QStringLiteral("••••"));
    QCOMPARE(masked.value("to").toString(), QStringLiteral("+14155550123"));
    const QJsonObject metadata = masked.value("form").toObject().value("metadata").toObject();
    QCOMPARE(metadata.value("client_secret").toString(), QStringLiteral("••••"));
    QCOMPARE(metadata.value("client_id").toString(), QStringLiteral("7"));
    QCOMPARE(Services::maskedJsonText(QStringLiteral("<html>")), QStringLiteral("<html>"));
}

QTEST_GUILESS_MAIN(tst_ProviderClients)
#include "tst_providerclients.moc"
