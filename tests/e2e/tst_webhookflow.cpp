// End to end: the listener and the event processor (as AppContext wires them) with the five REAL
// provider handlers, on a real SQLite file and (when CALLVIA_TEST_PG_URL is set) PostgreSQL.
// Requests go over real HTTP on loopback, signed by the test itself (QMessageAuthenticationCode,
// checked against the integrations.md §7 vectors; ECDSA by the openssl tool with a key pair made
// at test time), and effects are read back through the repositories and direct SQL.
#include "webhooktestclient.h"

#include <common/testdatabase.h>
#include <models/repositories/appointmentrepository.h>
#include <models/repositories/calllogrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/eventrepository.h>
#include <models/itemmodels/eventtablemodel.h>
#include <models/repositories/invoicerepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/milestonerepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/reminderrepository.h>
#include <models/sqlhelpers.h>
#include <models/repositories/usagerepository.h>
#include <services/providerconfig.h>
#include <services/webhooks/calcomhandler.h>
#include <services/webhooks/eventprocessor.h>
#include <services/webhooks/handlerregistry.h>
#include <services/webhooks/messagebirdhandler.h>
#include <services/webhooks/retellhandler.h>
#include <services/webhooks/sendgridhandler.h>
#include <services/webhooks/stripehandler.h>
#include <services/webhooks/webhooklistener.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using Tests::HttpReply;
using Tests::post;
using Tests::request;

namespace {

// 2025-06-10 12:00:00 UTC: bookings below start two days later, calls started just before.
constexpr qint64 NowMs = 1'749'556'800'000;
constexpr qint64 CallStartMs = NowMs - 600'000;
constexpr qint64 RatePerMinute = 30;

const QByteArray StripeSecret = "whsec_test_secret";
const QByteArray RetellKey = "test-api-key";
const QByteArray CalSecret = "cal-test-secret";
const QByteArray BirdKey = "mb-test-signing-key";
const QByteArray PublicBase = "https://hooks.example.com";

QByteArray hmacHex(const QByteArray &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256).toHex();
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// The whole stack of one test: database, clock, config, real handlers, listener, processor.
struct Flow
{
    std::unique_ptr<Tests::TestDatabase> holder;
    TestClock clock { NowMs };
    std::unique_ptr<Services::ProviderConfig> config;
    Services::HandlerRegistry handlers;
    std::unique_ptr<Services::WebhookListener> listener;
    std::unique_ptr<Services::EventProcessor> processor;
    quint16 port = 0;

    Database &db() { return holder->database(); }
    qint64 scalar(const QString &sql, const QVariantList &binds = {})
    {
        DbResult<QSqlQuery> q = Sql::exec(db(), sql, binds);
        return q.ok() && q.value().next() ? q.value().value(0).toLongLong() : -1;
    }
    qint64 events(const QString &where = QStringLiteral("1 = 1"))
    {
        return scalar(QStringLiteral("SELECT COUNT(*) FROM events WHERE ") + where);
    }
    // A processor wired as AppContext wires it (eventsStored -> notifyStored), then started.
    void startProcessor()
    {
        processor = std::make_unique<Services::EventProcessor>(db(), clock, handlers, Services::EventProcessor::Options());
        QObject::connect(listener.get(), &Services::WebhookListener::eventsStored, processor.get(),
                         &Services::EventProcessor::notifyStored);
        processor->start();
    }
    void stopProcessor()
    {
        if (processor)
            processor->stop();
        processor.reset();
    }
    ~Flow() { stopProcessor(); }

    // The client owns what the fixtures' providers vouch for: Retell agent_1, Cal.com event type
    // 100 and MessageBird number +3197010000000 (client-first attribution, issue 20).
    qint64 addClient(const QString &name)
    {
        ClientRecord client;
        client.name = name;
        client.perMinuteRateCents = RatePerMinute;
        const qint64 id = ClientRepository(db(), clock, TenantScope::agency()).insert(client).valueOr(0);
        const QList<ClientProviderId> trusted { { id, s("retell"), s("agent_id"), s("agent_1") },
                                                { id, s("calcom"), s("event_type_id"), s("100") },
                                                { id, s("messagebird"), s("number"), s("+3197010000000") } };
        if (id == 0 || ClientProviderIdRepository(db(), clock, TenantScope::agency()).replaceForClient(id, trusted))
            return 0;
        return id;
    }
    qint64 addCampaign(qint64 clientId)
    {
        CampaignRecord campaign;
        campaign.clientId = clientId;
        campaign.name = QStringLiteral("Spring");
        return CampaignRepository(db(), clock, TenantScope::agency()).insert(campaign).valueOr(0);
    }
    qint64 addLead(qint64 clientId, qint64 campaignId, const QString &phone, const QString &email = {})
    {
        LeadRecord lead;
        lead.clientId = clientId;
        lead.campaignId = campaignId;
        lead.firstName = QStringLiteral("Ana");
        lead.phoneE164 = phone;
        lead.email = email;
        return LeadRepository(db(), clock, TenantScope::agency()).insert(lead).valueOr(0);
    }
    QString leadStatus(qint64 id)
    {
        DbResult<LeadRecord> lead = LeadRepository(db(), clock, TenantScope::agency()).find(id);
        return lead.ok() ? lead.value().status : QStringLiteral("<missing>");
    }
};

QString g_sendgridKeyPem; // private key file made by openssl in initTestCase
QString g_sendgridPublicDer; // its public key, base64 DER SubjectPublicKeyInfo

// `omit`: one environment variable left out (a provider without a secret).
std::unique_ptr<Flow> makeFlow(const QString &backend, QString *skip, QString *error, bool withProcessor = true,
                               const QString &omit = {})
{
    auto f = std::make_unique<Flow>();
    f->holder = Tests::TestDatabase::create(backend, skip, error);
    if (!f->holder)
        return {};
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_STRIPE_WEBHOOK_SECRET"), QString::fromLatin1(StripeSecret));
    env.insert(QStringLiteral("CALLVIA_STRIPE_LIVEMODE"), QStringLiteral("false")); // the fixtures are test-mode events
    env.insert(QStringLiteral("CALLVIA_RETELL_API_KEY"), QString::fromLatin1(RetellKey));
    env.insert(QStringLiteral("CALLVIA_CALCOM_WEBHOOK_SECRET"), QString::fromLatin1(CalSecret));
    env.insert(QStringLiteral("CALLVIA_SENDGRID_WEBHOOK_PUBLIC_KEY"), g_sendgridPublicDer);
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_SIGNING_KEY"), QString::fromLatin1(BirdKey));
    env.insert(QStringLiteral("CALLVIA_LISTENER_PUBLIC_URL"), QString::fromLatin1(PublicBase) + QLatin1Char('/'));
    if (!omit.isEmpty())
        env.remove(omit);
    f->config = std::make_unique<Services::ProviderConfig>(nullptr, nullptr, env);
    // The five real handlers, exactly as AppContext registers them.
    f->handlers.add(std::make_unique<Services::RetellHandler>(f->db(), f->clock));
    f->handlers.add(std::make_unique<Services::CalcomHandler>(f->db(), f->clock));
    f->handlers.add(std::make_unique<Services::StripeHandler>(f->db(), f->clock, f->config.get()));
    f->handlers.add(std::make_unique<Services::SendGridHandler>(f->db(), f->clock));
    f->handlers.add(std::make_unique<Services::MessageBirdHandler>(f->db(), f->clock));
    f->listener = std::make_unique<Services::WebhookListener>(f->db(), f->clock, *f->config, f->handlers,
                                                              Services::WebhookListener::Options());
    const QString listenError = f->listener->listen(QHostAddress::LocalHost, 0);
    if (!listenError.isEmpty()) {
        *error = listenError;
        return {};
    }
    f->port = f->listener->port();
    if (withProcessor)
        f->startProcessor();
    return f;
}

#define FLOW(var, withProcessor, omit)                                                                                      \
    QFETCH(QString, backend);                                                                               \
    QString var##Skip, var##Error;                                                                          \
    auto var = makeFlow(backend, &var##Skip, &var##Error, withProcessor, omit);                                    \
    if (!var && !var##Skip.isEmpty())                                                                       \
        QSKIP(qPrintable(var##Skip));                                                                       \
    QVERIFY2(var, qPrintable(var##Error))

// ---- signed requests, computed here independently of the code under test ----

QByteArray retellCall(const QString &event, const QString &callId, const QString &toNumber, const QString &outcome)
{
    QJsonObject call { { s("call_id"), callId },           { s("agent_id"), s("agent_1") },
                       { s("direction"), s("outbound") },  { s("from_number"), s("+14155550100") },
                       { s("to_number"), toNumber },       { s("start_timestamp"), double(CallStartMs) },
                       { s("call_status"), event == QLatin1String("call_started") ? s("ongoing") : s("ended") } };
    if (event != QLatin1String("call_started")) {
        call.insert(s("end_timestamp"), double(CallStartMs + 95'250));
        call.insert(s("duration_ms"), 95'250.0);
        call.insert(s("transcript"), s("Agent: Hi\nUser: Hello"));
        call.insert(s("recording_url"), QString(s("https://rec.example/") + callId));
        call.insert(s("disconnection_reason"), s("user_hangup"));
    }
    if (event == QLatin1String("call_analyzed")) {
        QJsonObject custom { { s("outcome"), outcome } };
        if (outcome == QLatin1String("callback_requested"))
            custom.insert(s("callback_at"), s("2025-06-20T15:00:00Z"));
        call.insert(s("call_analysis"), QJsonObject { { s("call_summary"), s("Talked") },
                                                      { s("user_sentiment"), s("Positive") },
                                                      { s("call_successful"), true },
                                                      { s("custom_analysis_data"), custom } });
    }
    return QJsonDocument(QJsonObject { { s("event"), event }, { s("call"), call } }).toJson(QJsonDocument::Compact);
}

QByteArray retellPost(const QByteArray &body, qint64 ms, const QByteArray &key = RetellKey)
{
    const QByteArray v = QByteArray::number(ms);
    return post("/api/webhooks/retell", body, { "X-Retell-Signature: v=" + v + ",d=" + hmacHex(key, body + v) });
}

QByteArray stripeEvent(const QString &id, const QString &type, const QString &invoiceId)
{
    return QStringLiteral(R"({"id":"%1","object":"event","livemode":false,"created":1749556700,"type":"%2","data":{"object":{"id":"%3",)"
                          R"("object":"invoice","number":"CV-0007","hosted_invoice_url":"https://pay.example/%3",)"
                          R"("status_transitions":{"paid_at":1749556750}}}})")
            .arg(id, type, invoiceId)
            .toUtf8();
}

QByteArray stripePost(const QByteArray &body, qint64 seconds)
{
    const QByteArray t = QByteArray::number(seconds);
    return post("/api/webhooks/stripe", body, { "Stripe-Signature: t=" + t + ",v1=" + hmacHex(StripeSecret, t + '.' + body) });
}

QByteArray booking(const QString &trigger, const QString &uid, const QString &startIso, const QString &endIso,
                   const QString &email, const QString &phone = {}, const QString &rescheduleUid = {},
                   qint64 eventTypeId = 100)
{
    QJsonObject payload { { s("uid"), uid },
                          { s("bookingId"), 301 },
                          { s("eventTypeId"), eventTypeId },
                          { s("organizer"), QJsonObject { { s("email"), s("host@sunrise.example") } } },
                          { s("title"), s("Consultation") },
                          { s("startTime"), startIso },
                          { s("endTime"), endIso },
                          { s("attendees"), QJsonArray { QJsonObject { { s("name"), s("Ana") },
                                                                       { s("email"), email },
                                                                       { s("timeZone"), s("America/New_York") } } } } };
    if (!phone.isEmpty())
        payload.insert(s("responses"), QJsonObject { { s("attendeePhoneNumber"), QJsonObject { { s("value"), phone } } } });
    if (!rescheduleUid.isEmpty())
        payload.insert(s("rescheduleUid"), rescheduleUid);
    if (trigger == QLatin1String("BOOKING_CANCELLED")) {
        payload.insert(s("status"), s("CANCELLED"));
        payload.insert(s("cancellationReason"), s("sick"));
    }
    return QJsonDocument(QJsonObject { { s("triggerEvent"), trigger },
                                       { s("createdAt"), trigger == QLatin1String("BOOKING_CANCELLED")
                                                 ? s("2025-06-10T11:30:00.000Z") : s("2025-06-10T11:00:00.000Z") },
                                       { s("payload"), payload } })
            .toJson(QJsonDocument::Compact);
}

QByteArray calPost(const QByteArray &body)
{
    return post("/api/webhooks/calcom", body, { "X-Cal-Signature-256: " + hmacHex(CalSecret, body) });
}

// ECDSA P-256 / SHA-256 over timestamp + body, DER, base64: by the openssl tool.
QByteArray sendgridPost(const QByteArray &body, qint64 seconds)
{
    const QByteArray t = QByteArray::number(seconds);
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), { QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-sign"),
                                               g_sendgridKeyPem, QStringLiteral("-binary") });
    openssl.write(t + body);
    openssl.closeWriteChannel();
    openssl.waitForFinished();
    const QByteArray signature = openssl.readAllStandardOutput().toBase64();
    return post("/api/webhooks/sendgrid", body, { "X-Twilio-Email-Event-Webhook-Timestamp: " + t,
                                                  "X-Twilio-Email-Event-Webhook-Signature: " + signature });
}

QByteArray jwtPart(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// MessageBird-Signature-JWT: HS256 over the public URL (and the body when there is one).
QByteArray birdJwt(const QByteArray &target, const QByteArray &body, const QString &jti, qint64 nowSeconds)
{
    QJsonObject claims { { s("iss"), s("MessageBird") },
                         { s("nbf"), double(nowSeconds) },
                         { s("exp"), double(nowSeconds + 60) },
                         { s("jti"), jti },
                         { s("url_hash"), QString::fromLatin1(QCryptographicHash::hash(QByteArray(PublicBase + target), QCryptographicHash::Sha256).toHex()) } };
    if (!body.isEmpty())
        claims.insert(s("payload_hash"), QString::fromLatin1(QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex()));
    const QByteArray signing = jwtPart({ { s("alg"), s("HS256") }, { s("typ"), s("JWT") } }) + '.' + jwtPart(claims);
    const QByteArray signature = QMessageAuthenticationCode::hash(signing, BirdKey, QCryptographicHash::Sha256)
                                         .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return "MessageBird-Signature-JWT: " + signing + '.' + signature;
}

QString replyStatus(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object().value(QLatin1String("status")).toString();
}

QString replyError(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object().value(QLatin1String("error")).toString();
}

qint64 isoMs(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace

class tst_WebhookFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signingHelpersMatchTheDocumentedVectors();
    void retellCallsInOrderAndOutOfOrder_data() { Tests::TestDatabase::addBackendRows(); }
    void retellCallsInOrderAndOutOfOrder();
    void calcomBookingLifecycle_data() { Tests::TestDatabase::addBackendRows(); }
    void calcomBookingLifecycle();
    void stripeLateFinalizedKeepsInvoicePaid_data() { Tests::TestDatabase::addBackendRows(); }
    void stripeLateFinalizedKeepsInvoicePaid();
    void sendgridAndMessageBirdDeliveryAndStop_data() { Tests::TestDatabase::addBackendRows(); }
    void sendgridAndMessageBirdDeliveryAndStop();
    void refusalsStoreNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void refusalsStoreNothing();
    void restartAppliesStoredEventsExactlyOnce_data() { Tests::TestDatabase::addBackendRows(); }
    void restartAppliesStoredEventsExactlyOnce();

private:
    QTemporaryDir m_keys;
};

void tst_WebhookFlow::initTestCase()
{
    QVERIFY(m_keys.isValid());
    g_sendgridKeyPem = m_keys.filePath(QStringLiteral("sendgrid.pem"));
    QProcess gen;
    gen.start(QStringLiteral("openssl"), { QStringLiteral("ecparam"), QStringLiteral("-name"), QStringLiteral("prime256v1"),
                                           QStringLiteral("-genkey"), QStringLiteral("-noout"), QStringLiteral("-out"),
                                           g_sendgridKeyPem });
    QVERIFY(gen.waitForFinished());
    QCOMPARE(gen.exitCode(), 0);
    QProcess pub;
    pub.start(QStringLiteral("openssl"), { QStringLiteral("ec"), QStringLiteral("-in"), g_sendgridKeyPem,
                                           QStringLiteral("-pubout"), QStringLiteral("-outform"), QStringLiteral("DER") });
    QVERIFY(pub.waitForFinished());
    const QByteArray der = pub.readAllStandardOutput();
    QCOMPARE(der.size(), 91); // P-256 SubjectPublicKeyInfo
    g_sendgridPublicDer = QString::fromLatin1(der.toBase64());
}

void tst_WebhookFlow::signingHelpersMatchTheDocumentedVectors()
{
    // integrations.md §7: the Retell and Stripe vectors, through this test's own helpers.
    QCOMPARE(hmacHex(RetellKey, QByteArray(R"({"event":"call_ended"})") + "1700000000000"),
             QByteArray("07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e"));
    QCOMPARE(hmacHex(StripeSecret, QByteArray(R"(1700000000.{"id":"evt_test_1","object":"event","type":"invoice.paid"})")),
             QByteArray("3e3e661992c26c45d9105cbea450acc1a34f8c6dbafbd891f858c6fd9054fe3e"));
}

void tst_WebhookFlow::retellCallsInOrderAndOutOfOrder()
{
    FLOW(f, true, QString());
    const qint64 client = f->addClient(QStringLiteral("Sunrise Dental"));
    const qint64 campaign = f->addCampaign(client);
    const qint64 booked = f->addLead(client, campaign, QStringLiteral("+14155550123"));
    const qint64 callback = f->addLead(client, campaign, QStringLiteral("+14155550124"));
    const qint64 dnc = f->addLead(client, campaign, QStringLiteral("+14155550125"));
    QVERIFY(booked && callback && dnc);
    auto send = [&](const QString &event, const QString &callId, const QString &to, const QString &outcome) {
        return request(f->port, retellPost(retellCall(event, callId, to, outcome), f->clock.nowMs()));
    };
    const QStringList inOrder { s("call_started"), s("call_ended"), s("call_analyzed") };
    int stored = 0;
    // In order, waiting for each event to be applied.
    for (const QString &event : inOrder) {
        QCOMPARE(send(event, s("call_a"), s("+14155550123"), s("appointment_set")).status, 200);
        ++stored;
        QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), qint64(stored));
        if (event == QLatin1String("call_started"))
            QCOMPARE(f->leadStatus(booked), QStringLiteral("contacted"));
    }
    // Out of order, with a redelivered event in between (answered "duplicate", stored once).
    const QStringList shuffled { s("call_analyzed"), s("call_ended"), s("call_analyzed"), s("call_started") };
    for (int i = 0; i < shuffled.size(); ++i) {
        const HttpReply reply = send(shuffled.at(i), s("call_b"), s("+14155550124"), s("callback_requested"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(replyStatus(reply), i == 2 ? s("duplicate") : s("stored"));
    }
    stored += 3;
    for (const QString &event : inOrder)
        QCOMPARE(send(event, s("call_c"), s("+14155550125"), s("not_interested")).status, 200);
    stored += 3;
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), qint64(stored));
    QCOMPARE(f->events(), qint64(stored));

    CallLogRepository calls(f->db(), f->clock, TenantScope::agency());
    UsageRepository usage(f->db(), f->clock, TenantScope::agency());
    const QList<QPair<QString, qint64>> expected { { s("call_a"), booked }, { s("call_b"), callback }, { s("call_c"), dnc } };
    for (const auto &[callId, leadId] : expected) {
        const DbResult<CallLogRecord> row = calls.findByRetellId(callId);
        QVERIFY2(row.ok(), qPrintable(callId));
        const CallLogRecord &c = row.value();
        QCOMPARE(c.clientId, client);
        QCOMPARE(c.campaignId, campaign);
        QCOMPARE(c.leadId, leadId);
        QCOMPARE(c.startedAt, CallStartMs);
        QCOMPARE(c.endedAt, CallStartMs + 95'250);
        QCOMPARE(c.durationMs, qint64(95'250));
        QCOMPARE(c.transcript, s("Agent: Hi\nUser: Hello"));
        QCOMPARE(c.recordingUrl, s("https://rec.example/") + callId);
        QCOMPARE(c.summary, s("Talked"));
        QCOMPARE(c.callStatus, s("ended"));
        // Billed per started second at the client's rate: 95.25 s -> 96 s at 30 c/min = 48 c.
        const DbResult<UsageRecord> used = usage.findByCallLog(c.id);
        QVERIFY(used.ok());
        QCOMPARE(used.value().seconds, qint64(96));
        QCOMPARE(used.value().rateCentsPerMinute, RatePerMinute);
        QCOMPARE(used.value().costCents, qint64((96 * RatePerMinute + 59) / 60));
    }
    QCOMPARE(calls.findByRetellId(s("call_b")).value().outcome, s("callback_requested"));
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM usage_records WHERE client_id = ?"), { client }), 3);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM call_logs")), 3);
    QCOMPARE(f->leadStatus(booked), s("booked"));
    QCOMPARE(f->leadStatus(callback), s("callback"));
    QCOMPARE(LeadRepository(f->db(), f->clock, TenantScope::agency()).find(callback).value().callbackAt, isoMs("2025-06-20T15:00:00Z"));
    QCOMPARE(f->leadStatus(dnc), s("dnc"));
    OptOutRepository optOuts(f->db(), f->clock, TenantScope::agency());
    QCOMPARE(optOuts.isOptedOut(s("+14155550125"), s("call"), client).valueOr(false), true);
    QCOMPARE(optOuts.isOptedOut(s("+14155550123"), s("call"), client).valueOr(true), false);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE phone_e164 = ? AND source = 'call_outcome'"),
                       { s("+14155550125") }),
             1);
}

void tst_WebhookFlow::calcomBookingLifecycle()
{
    FLOW(f, true, QString());
    const qint64 client = f->addClient(QStringLiteral("Sunrise Dental"));
    const qint64 campaign = f->addCampaign(client);
    const qint64 lead = f->addLead(client, campaign, QStringLiteral("+14155550123"), QStringLiteral("ana@example.com"));
    const qint64 other = f->addLead(client, campaign, QStringLiteral("+14155550199"), QStringLiteral("zoe@example.com"));
    QVERIFY(lead && other);
    AppointmentRepository appointments(f->db(), f->clock, TenantScope::agency());
    ReminderRepository reminders(f->db(), f->clock, TenantScope::agency());

    QCOMPARE(request(f->port, calPost(booking(s("BOOKING_CREATED"), s("bk_1"), s("2025-06-12T14:30:00Z"),
                                              s("2025-06-12T14:45:00Z"), s("Ana@Example.com")))).status,
             200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 1);
    const AppointmentRecord created = appointments.findByUid(s("bk_1")).value();
    QCOMPARE(created.leadId, lead);
    QCOMPARE(created.clientId, client);
    QCOMPARE(created.startsAt, isoMs("2025-06-12T14:30:00Z"));
    QCOMPARE(created.status, s("scheduled"));
    QCOMPARE(f->leadStatus(lead), s("booked"));
    const QList<ReminderRecord> first = reminders.listForAppointment(created.id).value();
    QCOMPARE(first.size(), 4);
    for (const ReminderRecord &r : first) {
        QCOMPARE(r.dueAt, created.startsAt - qint64(r.offsetMinutes) * 60'000);
        QCOMPARE(r.status, s("scheduled"));
    }

    // Rescheduled: the new uid carries the booking, the old row goes.
    QCOMPARE(request(f->port, calPost(booking(s("BOOKING_RESCHEDULED"), s("bk_2"), s("2025-06-13T09:00:00Z"),
                                              s("2025-06-13T09:15:00Z"), s("ana@example.com"), {}, s("bk_1")))).status,
             200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 2);
    QVERIFY(!appointments.findByUid(s("bk_1")).ok());
    const AppointmentRecord moved = appointments.findByUid(s("bk_2")).value();
    QCOMPARE(moved.startsAt, isoMs("2025-06-13T09:00:00Z"));
    QCOMPARE(moved.previousBookingUid, s("bk_1"));
    QCOMPARE(moved.leadId, lead);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM reminders WHERE status = 'scheduled' AND due_at = ?"),
                       { isoMs("2025-06-13T09:00:00Z") - 15 * 60'000 }),
             1);

    // Cancelled: the booking and its pending reminders.
    QCOMPARE(request(f->port, calPost(booking(s("BOOKING_CANCELLED"), s("bk_2"), s("2025-06-13T09:00:00Z"),
                                              s("2025-06-13T09:15:00Z"), s("ana@example.com")))).status,
             200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 3);
    const AppointmentRecord cancelled = appointments.findByUid(s("bk_2")).value();
    QCOMPARE(cancelled.status, s("cancelled"));
    QCOMPARE(cancelled.cancellationReason, s("sick"));
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM reminders WHERE appointment_id = ? AND status = 'scheduled'"),
                       { cancelled.id }),
             0);

    // An attendee no lead has: kept, unmatched, for linking later.
    QCOMPARE(request(f->port, calPost(booking(s("BOOKING_CREATED"), s("bk_u"), s("2025-06-12T16:00:00Z"),
                                              s("2025-06-12T16:15:00Z"), s("stranger@example.com")))).status,
             200);
    // A national-format US phone (no e-mail match) finds the imported lead's E.164 number.
    QCOMPARE(request(f->port, calPost(booking(s("BOOKING_CREATED"), s("bk_p"), s("2025-06-12T17:00:00Z"),
                                              s("2025-06-12T17:15:00Z"), s("nobody@example.com"), s("(415) 555-0199")))).status,
             200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 5);
    const QList<AppointmentRecord> unmatched = appointments.listUnmatched().value();
    QCOMPARE(unmatched.size(), 1);
    QCOMPARE(unmatched.first().bookingUid, s("bk_u"));
    QCOMPARE(unmatched.first().leadId, 0);
    QCOMPARE(appointments.findByUid(s("bk_p")).value().leadId, other);
    QCOMPARE(f->leadStatus(other), s("booked"));

    // A booking on an event type no client owns, typed with a lead's details: stored,
    // processed, shown as unattributed in the admin event list, and it changes nothing.
    const QString leadBefore = f->leadStatus(lead);
    QCOMPARE(request(f->port, calPost(booking(s("BOOKING_CREATED"), s("bk_x"), s("2025-06-12T18:00:00Z"),
                                              s("2025-06-12T18:15:00Z"), s("ana@example.com"), s("+14155550123"), {},
                                              999))).status,
             200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 6);
    QVERIFY(!appointments.findByUid(s("bk_x")).ok());
    QCOMPARE(f->leadStatus(lead), leadBefore);
    QCOMPARE(f->events(QStringLiteral("unattributed = 1")), 1);
    EventRepository events(f->db());
    EventTableModel model(events);
    EventFilter filter;
    filter.unattributedOnly = true;
    QCOMPARE(model.refresh(filter), QString());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, EventTableModel::StatusColumn).data().toString(), s("unattributed"));
    QVERIFY(model.index(0, EventTableModel::ErrorColumn).data().toString().contains(s("event_type_id 999")));
}

void tst_WebhookFlow::stripeLateFinalizedKeepsInvoicePaid()
{
    FLOW(f, true, QString());
    const qint64 client = f->addClient(QStringLiteral("Sunrise Dental"));
    InvoiceRecord invoice;
    invoice.clientId = client;
    invoice.kind = QStringLiteral("milestone");
    invoice.stripeInvoiceId = QStringLiteral("in_e2e");
    invoice.amountCents = 150000;
    const qint64 invoiceId = InvoiceRepository(f->db(), f->clock, TenantScope::agency()).insert(invoice).valueOr(0);
    MilestoneRecord milestone;
    milestone.clientId = client;
    milestone.sequence = 1;
    milestone.status = QStringLiteral("invoiced");
    milestone.invoiceId = invoiceId;
    const qint64 milestoneId = MilestoneRepository(f->db(), f->clock, TenantScope::agency()).insert(milestone).valueOr(0);
    QVERIFY(invoiceId && milestoneId);
    const qint64 now = f->clock.nowMs() / 1000;
    QCOMPARE(request(f->port, stripePost(stripeEvent(s("evt_f1"), s("invoice.finalized"), s("in_e2e")), now)).status, 200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 1);
    QCOMPARE(InvoiceRepository(f->db(), f->clock, TenantScope::agency()).find(invoiceId).value().status, s("open"));
    QCOMPARE(request(f->port, stripePost(stripeEvent(s("evt_p"), s("invoice.paid"), s("in_e2e")), now)).status, 200);
    QCOMPARE(request(f->port, stripePost(stripeEvent(s("evt_f2"), s("invoice.finalized"), s("in_e2e")), now)).status, 200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 3);
    const InvoiceRecord paid = InvoiceRepository(f->db(), f->clock, TenantScope::agency()).find(invoiceId).value();
    QCOMPARE(paid.status, s("paid"));
    QCOMPARE(paid.paidAt, qint64(1749556750) * 1000);
    QCOMPARE(paid.number, s("CV-0007"));
    QCOMPARE(MilestoneRepository(f->db(), f->clock, TenantScope::agency()).find(milestoneId).value().status, s("paid"));
    DbResult<QSqlQuery> q = Sql::exec(f->db(), QStringLiteral("SELECT status FROM invoices WHERE stripe_invoice_id = ?"),
                                      { s("in_e2e") });
    QVERIFY(q.ok() && q.value().next());
    QCOMPARE(q.value().value(0).toString(), s("paid"));
}

void tst_WebhookFlow::sendgridAndMessageBirdDeliveryAndStop()
{
    FLOW(f, true, QString());
    const qint64 client = f->addClient(QStringLiteral("Sunrise Dental"));
    const qint64 campaign = f->addCampaign(client);
    const qint64 lead = f->addLead(client, campaign, QStringLiteral("+31612345678"));
    MessageRepository messages(f->db(), f->clock, TenantScope::agency());
    auto addMessage = [&](const QString &channel, const QString &to, const QString &provider, const QString &providerId) {
        MessageRecord m;
        m.clientId = client;
        m.channel = channel;
        m.toAddress = to;
        m.subject = channel == QLatin1String("email") ? QStringLiteral("Reminder") : QString();
        m.body = QStringLiteral("See you tomorrow");
        m.status = QStringLiteral("sent");
        m.provider = provider;
        m.providerMessageId = providerId;
        return messages.insert(m).valueOr(0);
    };
    const qint64 delivered = addMessage(s("email"), s("ana@example.com"), s("sendgrid"), s("sgm1"));
    const qint64 bounced = addMessage(s("email"), s("bad@example.com"), s("sendgrid"), s("sgm2"));
    const qint64 sms = addMessage(s("sms"), s("+31612345678"), s("messagebird"), s("mb_1"));
    QVERIFY(delivered && bounced && sms);

    const qint64 now = f->clock.nowMs() / 1000;
    const QByteArray batch = QStringLiteral(
            R"([{"email":"ana@example.com","event":"delivered","sg_event_id":"sg_e1","sg_message_id":"sgm1.filter0001.1.0","timestamp":%1},)"
            R"({"email":"bad@example.com","event":"bounce","type":"bounce","status":"5.1.1","reason":"no such user",)"
            R"("sg_event_id":"sg_e2","sg_message_id":"sgm2.filter0001.2.0","timestamp":%1}])"
            "\r\n").arg(now).toUtf8();
    QCOMPARE(request(f->port, sendgridPost(batch, now)).status, 200);
    // The same batch with one byte changed does not verify.
    QCOMPARE(request(f->port, QByteArray(sendgridPost(batch, now)).replace("no such user", "no such usex")).status, 401);

    const QByteArray target = "/api/webhooks/messagebird?id=mb_1&reference=ob_7&recipient=31612345678&status=delivered"
                              "&statusDatetime=2025-06-10T11:58:10%2B00:00";
    QCOMPARE(request(f->port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + birdJwt(target, {}, s("j-1"), now)
                                      + "\r\n\r\n").status,
             200);
    const QByteArray stop = R"({"id":"in_stop","originator":"31612345678","payload":"STOP","receiver":"3197010000000"})";
    QCOMPARE(request(f->port, post("/api/webhooks/messagebird", stop,
                                   { birdJwt("/api/webhooks/messagebird", stop, s("j-2"), now) })).status,
             200);
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 4);
    QCOMPARE(f->events(), 4);

    QCOMPARE(messages.find(delivered).value().status, s("delivered"));
    QCOMPARE(messages.find(bounced).value().status, s("bounced"));
    QCOMPARE(messages.find(sms).value().status, s("delivered"));
    QCOMPARE(messages.find(sms).value().deliveredAt, isoMs("2025-06-10T11:58:10Z"));
    OptOutRepository optOuts(f->db(), f->clock, TenantScope::agency());
    QCOMPARE(optOuts.isOptedOut(s("+31612345678"), s("sms"), client).valueOr(false), true);
    QCOMPARE(optOuts.isOptedOut(s("+31612345678"), s("call"), client).valueOr(false), true);
    QCOMPARE(optOuts.isOptedOut(s("+31612345679"), s("sms"), client).valueOr(true), false);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE source = 'sms_reply' AND phone_e164 = ?"),
                       { s("+31612345678") }),
             1);
    QCOMPARE(f->leadStatus(lead), s("dnc"));
}

void tst_WebhookFlow::refusalsStoreNothing()
{
    {
        FLOW(f, true, QString());
        const qint64 client = f->addClient(QStringLiteral("Sunrise Dental"));
        const qint64 campaign = f->addCampaign(client);
        f->addLead(client, campaign, QStringLiteral("+14155550123"));
        const QByteArray ended = retellCall(s("call_ended"), s("call_x"), s("+14155550123"), {});
        // Signed with the wrong key: 401, nothing stored, nothing applied.
        HttpReply reply = request(f->port, retellPost(ended, f->clock.nowMs(), "wrong-key"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(replyError(reply), s("invalid_signature"));
        // A Stripe timestamp older than 300 s: 401 stale.
        const QByteArray paid = stripeEvent(s("evt_old"), s("invoice.paid"), s("in_x"));
        reply = request(f->port, stripePost(paid, f->clock.nowMs() / 1000 - 301));
        QCOMPARE(reply.status, 401);
        QCOMPARE(replyError(reply), s("stale_timestamp"));
        QCOMPARE(f->events(), 0);
        QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM call_logs")), 0);

        // Good delivery, then the provider's redelivery: 200 duplicate, applied once.
        reply = request(f->port, retellPost(ended, f->clock.nowMs()));
        QCOMPARE(reply.status, 200);
        QCOMPARE(replyStatus(reply), s("stored"));
        QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 1);
        f->clock.advanceSeconds(30); // a retry comes later, re-signed
        reply = request(f->port, retellPost(ended, f->clock.nowMs()));
        QCOMPARE(reply.status, 200);
        QCOMPARE(replyStatus(reply), s("duplicate"));
        QCOMPARE(f->events(), 1);
        QCOMPARE(f->processor->processAvailable(), 0);
        QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM call_logs")), 1);
        QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM usage_records")), 1);
    }
    {
        // Cal.com without a secret: 503, other providers still served.
        FLOW(f, true, QStringLiteral("CALLVIA_CALCOM_WEBHOOK_SECRET"));
        const QByteArray body = booking(s("BOOKING_CREATED"), s("bk_n"), s("2025-06-12T14:30:00Z"),
                                        s("2025-06-12T14:45:00Z"), s("ana@example.com"));
        const HttpReply reply = request(f->port, calPost(body));
        QCOMPARE(reply.status, 503);
        QCOMPARE(replyError(reply), s("not_configured"));
        QCOMPARE(f->events(), 0);
        QCOMPARE(request(f->port, stripePost(stripeEvent(s("evt_ok"), s("invoice.paid"), s("in_y")), f->clock.nowMs() / 1000))
                         .status,
                 200);
        QCOMPARE(f->events(), 1);
    }
}

void tst_WebhookFlow::restartAppliesStoredEventsExactlyOnce()
{
    FLOW(f, false, QString()); // listener only: events are stored, nothing applies them
    const qint64 client = f->addClient(QStringLiteral("Sunrise Dental"));
    const qint64 campaign = f->addCampaign(client);
    const qint64 lead = f->addLead(client, campaign, QStringLiteral("+14155550123"), QStringLiteral("ana@example.com"));
    InvoiceRecord invoice;
    invoice.clientId = client;
    invoice.kind = QStringLiteral("milestone");
    invoice.stripeInvoiceId = QStringLiteral("in_r");
    invoice.amountCents = 90000;
    const qint64 invoiceId = InvoiceRepository(f->db(), f->clock, TenantScope::agency()).insert(invoice).valueOr(0);
    QVERIFY(lead && invoiceId);
    for (const QString &event : { s("call_started"), s("call_ended"), s("call_analyzed") })
        QCOMPARE(request(f->port, retellPost(retellCall(event, s("call_r"), s("+14155550123"), s("appointment_set")),
                                             f->clock.nowMs())).status,
                 200);
    QCOMPARE(request(f->port, calPost(booking(s("BOOKING_CREATED"), s("bk_r"), s("2025-06-12T14:30:00Z"),
                                              s("2025-06-12T14:45:00Z"), s("ana@example.com")))).status,
             200);
    QCOMPARE(request(f->port, stripePost(stripeEvent(s("evt_r"), s("invoice.paid"), s("in_r")), f->clock.nowMs() / 1000))
                     .status,
             200);
    QCOMPARE(f->events(QStringLiteral("status = 'pending'")), 5);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM call_logs")), 0);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM appointments")), 0);
    QCOMPARE(f->leadStatus(lead), s("new"));

    // "Restart": a new processor finds the stored events on start().
    f->startProcessor();
    QTRY_COMPARE(f->events(QStringLiteral("status = 'processed'")), 5);
    f->stopProcessor();
    f->startProcessor(); // and a second restart applies nothing again
    QCOMPARE(f->processor->processAvailable(), 0);
    QCOMPARE(f->events(QStringLiteral("status = 'processed' AND attempts = 1")), 5);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM call_logs")), 1);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM usage_records")), 1);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM appointments")), 1);
    QCOMPARE(f->scalar(QStringLiteral("SELECT COUNT(*) FROM reminders")), 4);
    QCOMPARE(f->leadStatus(lead), s("booked"));
    QCOMPARE(InvoiceRepository(f->db(), f->clock, TenantScope::agency()).find(invoiceId).value().status, s("paid"));
}

QTEST_GUILESS_MAIN(tst_WebhookFlow)
#include "tst_webhookflow.moc"
