#include "fakeproviders.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace Callvia::Fakes {

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool isE164(const QString &number)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+[1-9][0-9]{6,14}$"));
    return pattern.match(number).hasMatch();
}

bool isJson(const FakeProvider::Received &request)
{
    return request.header("Content-Type").startsWith("application/json");
}

} // namespace

// --- MessageBird ---

FakeMessageBird::FakeMessageBird(QString apiKey, QObject *parent)
    : FakeProvider(QStringLiteral("messagebird"), std::move(apiKey), parent)
{
}

QByteArray FakeMessageBird::expectedAuthorization() const
{
    return QByteArrayLiteral("AccessKey ") + apiKey().toUtf8();
}

QByteArray FakeMessageBird::errorBody(int status, const QString &message) const
{
    const int code = status == 401 ? 2 : status == 422 ? 9 : 10;
    return compact({ { QStringLiteral("errors"),
                       QJsonArray { QJsonObject { { QStringLiteral("code"), code },
                                                  { QStringLiteral("description"), message },
                                                  { QStringLiteral("parameter"), QJsonValue::Null } } } } });
}

FakeProvider::Reply FakeMessageBird::answer(const Received &request)
{
    if (request.method == "GET" && request.path == QLatin1String("/balance")) // connection test
        return json(200, compact({ { QStringLiteral("payment"), QStringLiteral("prepaid") },
                                   { QStringLiteral("type"), QStringLiteral("euros") },
                                   { QStringLiteral("amount"), 42.5 } }));
    if (request.method != "POST" || request.path != QLatin1String("/messages"))
        return json(404, errorBody(404, QStringLiteral("no such route")));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QJsonArray recipients = body.value(QLatin1String("recipients")).toArray();
    static const QRegularExpression msisdn(QStringLiteral("^[1-9][0-9]{6,14}$"));
    if (!isJson(request) || body.value(QLatin1String("originator")).toString().isEmpty()
        || body.value(QLatin1String("body")).toString().isEmpty() || recipients.isEmpty()
        || !msisdn.match(recipients.first().toString()).hasMatch())
        return json(422, errorBody(422, QStringLiteral("no (correct) recipients found, or originator/body missing")));
    const QString id = QStringLiteral("mb%1").arg(++m_next, 8, 10, QLatin1Char('0'));
    const QString reference = body.value(QLatin1String("reference")).toString();
    Reply reply = json(201, compact({ { QStringLiteral("id"), id },
                                      { QStringLiteral("reference"), reference },
                                      { QStringLiteral("body"), body.value(QLatin1String("body")) },
                                      { QStringLiteral("recipients"),
                                        QJsonObject { { QStringLiteral("totalCount"), recipients.size() } } } }));
    reply.executedKey = reference;
    return reply;
}

// --- SendGrid ---

FakeSendGrid::FakeSendGrid(QString apiKey, QObject *parent)
    : FakeProvider(QStringLiteral("sendgrid"), std::move(apiKey), parent)
{
}

QByteArray FakeSendGrid::errorBody(int, const QString &message) const
{
    return compact({ { QStringLiteral("errors"),
                       QJsonArray { QJsonObject { { QStringLiteral("message"), message },
                                                  { QStringLiteral("field"), QJsonValue::Null },
                                                  { QStringLiteral("help"), QJsonValue::Null } } } } });
}

FakeProvider::Reply FakeSendGrid::answer(const Received &request)
{
    if (request.method == "GET" && request.path == QLatin1String("/v3/scopes")) // connection test
        return json(200, compact({ { QStringLiteral("scopes"), QJsonArray { QStringLiteral("mail.send") } } }));
    if (request.method != "POST" || request.path != QLatin1String("/v3/mail/send"))
        return json(404, errorBody(404, QStringLiteral("not found")));
    const QJsonObject mail = QJsonDocument::fromJson(request.body).object();
    const QJsonObject personalization = mail.value(QLatin1String("personalizations")).toArray().first().toObject();
    const QString to = personalization.value(QLatin1String("to")).toArray().first().toObject().value(QLatin1String("email")).toString();
    if (!isJson(request) || !to.contains(QLatin1Char('@')))
        return json(400, errorBody(400, QStringLiteral("The to array is required for all personalization objects")));
    if (mail.value(QLatin1String("from")).toObject().value(QLatin1String("email")).toString().isEmpty())
        return json(400, errorBody(400, QStringLiteral("The from object must be provided for every email send")));
    if (mail.value(QLatin1String("subject")).toString().isEmpty()
        || mail.value(QLatin1String("content")).toArray().first().toObject().value(QLatin1String("value")).toString().isEmpty())
        return json(400, errorBody(400, QStringLiteral("subject and content are required")));
    const QJsonObject args = personalization.value(QLatin1String("custom_args")).toObject();
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!it.value().isString())
            return json(400, errorBody(400, QStringLiteral("custom_args values must be strings")));
    }
    Reply reply { 202, {}, { { "X-Message-Id", QStringLiteral("sg%1").arg(++m_next).toLatin1() } }, {} };
    reply.executedKey = args.value(QLatin1String("message_id")).toString(args.value(QLatin1String("outbox_id")).toString());
    return reply;
}

// --- Stripe ---

FakeStripe::FakeStripe(QString apiKey, QObject *parent)
    : FakeProvider(QStringLiteral("stripe"), std::move(apiKey), parent)
{
}

QByteArray FakeStripe::errorBody(int status, const QString &message) const
{
    const QString type = status >= 500 ? QStringLiteral("api_error")
            : status == 429            ? QStringLiteral("rate_limit_error")
                                       : QStringLiteral("invalid_request_error");
    return compact({ { QStringLiteral("error"),
                       QJsonObject { { QStringLiteral("type"), type }, { QStringLiteral("message"), message } } } });
}

QMap<QString, QString> FakeStripe::parseForm(const QByteArray &body)
{
    QMap<QString, QString> form;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const int eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        form.insert(QUrl::fromPercentEncoding(QByteArray(key).replace('+', ' ')),
                    QUrl::fromPercentEncoding(QByteArray(value).replace('+', ' ')));
    }
    return form;
}

FakeProvider::Reply FakeStripe::answer(const Received &request)
{
    if (request.method == "GET" && request.path == QLatin1String("/v1/balance")) // connection test
        return json(200, compact({ { QStringLiteral("object"), QStringLiteral("balance") },
                                   { QStringLiteral("livemode"), false },
                                   { QStringLiteral("available"), QJsonArray {} } }));
    if (request.method != "POST")
        return json(404, errorBody(404, QStringLiteral("only POST routes are faked")));
    if (!request.header("Content-Type").startsWith("application/x-www-form-urlencoded"))
        return json(400, errorBody(400, QStringLiteral("bodies are form-encoded")));
    const QByteArray key = request.header("Idempotency-Key");
    if (key.isEmpty())
        return json(400, errorBody(400, QStringLiteral("this fake requires an Idempotency-Key on every POST")));
    const QByteArray fingerprint =
            QCryptographicHash::hash(QByteArray(request.path.toUtf8() + '\n' + request.body), QCryptographicHash::Sha256);
    const auto stored = m_idempotency.constFind(key);
    if (stored != m_idempotency.constEnd()) {
        if (stored->fingerprint != fingerprint)
            return json(400, compact({ { QStringLiteral("error"),
                                         QJsonObject { { QStringLiteral("type"), QStringLiteral("idempotency_error") },
                                                       { QStringLiteral("message"),
                                                         QStringLiteral("Keys for idempotent requests can only be used "
                                                                        "with the same parameters they were first used with.") } } } }));
        Reply replay = stored->reply;
        replay.executedKey.clear();
        replay.headers << qMakePair(QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true"));
        return replay;
    }
    Reply reply = execute(request, parseForm(request.body));
    if (reply.status < 400 || reply.status >= 500) // Stripe saves nothing on a validation failure
        m_idempotency.insert(key, { fingerprint, reply });
    if (reply.status < 300)
        reply.executedKey = QString::fromUtf8(key);
    return reply;
}

FakeProvider::Reply FakeStripe::execute(const Received &request, const QMap<QString, QString> &form)
{
    const QString path = request.path;
    QJsonObject metadata;
    for (auto it = form.begin(); it != form.end(); ++it) {
        if (it.key().startsWith(QLatin1String("metadata[")) && it.key().endsWith(QLatin1Char(']')))
            metadata.insert(it.key().mid(9, it.key().size() - 10), it.value());
    }
    const QString n = QString::number(++m_next);
    if (path == QLatin1String("/v1/customers")) {
        return json(200, compact({ { QStringLiteral("id"), QString(QStringLiteral("cus_") + n) },
                                   { QStringLiteral("object"), QStringLiteral("customer") },
                                   { QStringLiteral("email"), form.value(QStringLiteral("email")) },
                                   { QStringLiteral("metadata"), metadata } }));
    }
    if (path == QLatin1String("/v1/invoiceitems")) {
        bool amountOk = false;
        form.value(QStringLiteral("amount")).toLongLong(&amountOk);
        if (form.value(QStringLiteral("customer")).isEmpty() || !amountOk || form.value(QStringLiteral("currency")).isEmpty())
            return json(400, errorBody(400, QStringLiteral("customer, amount (integer) and currency are required")));
        return json(200, compact({ { QStringLiteral("id"), QString(QStringLiteral("ii_") + n) },
                                   { QStringLiteral("object"), QStringLiteral("invoiceitem") },
                                   { QStringLiteral("amount"), form.value(QStringLiteral("amount")).toLongLong() },
                                   { QStringLiteral("invoice"), form.value(QStringLiteral("invoice")) },
                                   { QStringLiteral("metadata"), metadata } }));
    }
    if (path == QLatin1String("/v1/invoices")) {
        if (form.value(QStringLiteral("customer")).isEmpty())
            return json(400, errorBody(400, QStringLiteral("Missing required param: customer.")));
        QJsonObject invoice { { QStringLiteral("id"), QString(QStringLiteral("in_") + n) },
                              { QStringLiteral("object"), QStringLiteral("invoice") },
                              { QStringLiteral("status"), QStringLiteral("draft") },
                              { QStringLiteral("customer"), form.value(QStringLiteral("customer")) },
                              { QStringLiteral("metadata"), metadata } };
        m_invoices.insert(invoice.value(QLatin1String("id")).toString(), invoice);
        return json(200, compact(invoice));
    }
    static const QRegularExpression action(QStringLiteral("^/v1/invoices/([^/]+)/(finalize|send)$"));
    const QRegularExpressionMatch match = action.match(path);
    if (match.hasMatch()) {
        auto invoice = m_invoices.find(match.captured(1));
        if (invoice == m_invoices.end())
            return json(404, errorBody(404, QStringLiteral("No such invoice: ") + match.captured(1)));
        invoice->insert(QStringLiteral("status"), QStringLiteral("open"));
        return json(200, compact(*invoice));
    }
    return json(404, errorBody(404, QStringLiteral("Unrecognized request URL (POST: %1)").arg(path)));
}

// --- Retell ---

FakeRetell::FakeRetell(QString apiKey, QObject *parent)
    : FakeProvider(QStringLiteral("retell"), std::move(apiKey), parent)
{
}

QByteArray FakeRetell::errorBody(int, const QString &message) const
{
    return compact({ { QStringLiteral("error_message"), message } });
}

FakeProvider::Reply FakeRetell::answer(const Received &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    if (request.method == "GET" && request.path == QLatin1String("/get-concurrency")) // connection test
        return json(200, compact({ { QStringLiteral("current_concurrency"), 0 },
                                   { QStringLiteral("concurrency_limit"), 20 } }));
    if (request.method == "POST" && request.path == QLatin1String("/v2/create-phone-call")) {
        const QString from = body.value(QLatin1String("from_number")).toString();
        const QString to = body.value(QLatin1String("to_number")).toString();
        if (!isJson(request) || !isE164(from) || !isE164(to))
            return json(400, errorBody(400, QStringLiteral("from_number and to_number must be E.164")));
        QJsonObject call { { QStringLiteral("call_id"), QStringLiteral("call_%1").arg(m_calls.size() + 1) },
                           { QStringLiteral("call_type"), QStringLiteral("phone_call") },
                           { QStringLiteral("from_number"), from },
                           { QStringLiteral("to_number"), to },
                           { QStringLiteral("direction"), QStringLiteral("outbound") },
                           { QStringLiteral("call_status"), QStringLiteral("registered") },
                           { QStringLiteral("agent_id"), body.value(QLatin1String("override_agent_id")) },
                           { QStringLiteral("metadata"), body.value(QLatin1String("metadata")) } };
        m_calls.append(call);
        Reply reply = json(201, compact(call));
        reply.executedKey = body.value(QLatin1String("metadata")).toObject().value(QLatin1String("callvia_outbox_key")).toString();
        return reply;
    }
    if (request.method == "POST" && request.path == QLatin1String("/v2/list-calls")) {
        const QJsonObject criteria = body.value(QLatin1String("filter_criteria")).toObject();
        const QJsonArray to = criteria.value(QLatin1String("to_number")).toArray();
        QJsonArray found;
        for (const QJsonValue &call : std::as_const(m_calls)) {
            if (to.isEmpty() || to.contains(call.toObject().value(QLatin1String("to_number"))))
                found.prepend(call); // newest first
        }
        return json(200, QJsonDocument(found).toJson(QJsonDocument::Compact));
    }
    if (request.method == "GET" && request.path.startsWith(QLatin1String("/v2/get-call/"))) {
        const QString id = request.path.mid(13);
        for (const QJsonValue &call : std::as_const(m_calls)) {
            if (call.toObject().value(QLatin1String("call_id")).toString() == id)
                return json(200, compact(call.toObject()));
        }
        return json(404, errorBody(404, QStringLiteral("call not found")));
    }
    return json(404, errorBody(404, QStringLiteral("not found")));
}

// --- Cal.com ---

FakeCalcom::FakeCalcom(QString apiKey, QObject *parent) : FakeProvider(QStringLiteral("calcom"), std::move(apiKey), parent)
{
}

QByteArray FakeCalcom::errorBody(int status, const QString &message) const
{
    const QString code = status == 401 ? QStringLiteral("UnauthorizedException")
            : status == 404            ? QStringLiteral("NotFoundException")
                                       : QStringLiteral("BadRequestException");
    return compact({ { QStringLiteral("status"), QStringLiteral("error") },
                     { QStringLiteral("timestamp"), QStringLiteral("2026-12-07T00:00:00.000Z") },
                     { QStringLiteral("error"), QJsonObject { { QStringLiteral("code"), code },
                                                              { QStringLiteral("message"), message } } } });
}

FakeProvider::Reply FakeCalcom::answer(const Received &request)
{
    const QByteArray version = request.header("cal-api-version");
    if (request.method == "GET" && request.path == QLatin1String("/v2/me")) // connection test
        return json(200, compact({ { QStringLiteral("status"), QStringLiteral("success") },
                                   { QStringLiteral("data"), QJsonObject { { QStringLiteral("id"), 1 },
                                                                           { QStringLiteral("username"), QStringLiteral("agency") } } } }));
    if (request.method == "GET" && request.path == QLatin1String("/v2/slots")) {
        if (version != "2024-09-04")
            return json(400, errorBody(400, QStringLiteral("slots need cal-api-version 2024-09-04")));
        const QUrlQuery query(request.query);
        for (const char *name : { "eventTypeId", "start", "end" }) {
            if (query.queryItemValue(QLatin1String(name)).isEmpty())
                return json(400, errorBody(400, QStringLiteral("%1 is required").arg(QLatin1String(name))));
        }
        return json(200, compact({ { QStringLiteral("status"), QStringLiteral("success") },
                                   { QStringLiteral("data"), m_slots } }));
    }
    if (request.method == "POST" && request.path == QLatin1String("/v2/bookings")) {
        if (version != "2024-08-13")
            return json(400, errorBody(400, QStringLiteral("bookings need cal-api-version 2024-08-13")));
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QJsonObject attendee = body.value(QLatin1String("attendee")).toObject();
        if (!isJson(request) || body.value(QLatin1String("start")).toString().isEmpty()
            || body.value(QLatin1String("eventTypeId")).toInteger() <= 0 || attendee.value(QLatin1String("name")).toString().isEmpty()
            || attendee.value(QLatin1String("email")).toString().isEmpty()
            || attendee.value(QLatin1String("timeZone")).toString().isEmpty())
            return json(400, errorBody(400, QStringLiteral("start, eventTypeId and attendee name, email, timeZone are required")));
        const int id = 9000 + ++m_next;
        const QString uid = QStringLiteral("fake-cal-%1").arg(id);
        QJsonObject stored = body;
        stored.insert(QStringLiteral("uid"), uid);
        m_bookings.append(stored);
        Reply reply = json(201, compact({ { QStringLiteral("status"), QStringLiteral("success") },
                                          { QStringLiteral("data"), QJsonObject { { QStringLiteral("id"), id },
                                                                                  { QStringLiteral("uid"), uid },
                                                                                  { QStringLiteral("start"), body.value(QLatin1String("start")) },
                                                                                  { QStringLiteral("status"), QStringLiteral("accepted") } } } }));
        reply.executedKey = uid;
        return reply;
    }
    return json(404, errorBody(404, QStringLiteral("no such route")));
}

} // namespace Callvia::Fakes
