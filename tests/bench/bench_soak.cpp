// Memory soak (issue 11 part 5): seeds a SQLite database with the demo agency (plus sent e-mails
// and SMS to receive deliveries for), starts the real `callvia --headless` on it with every
// provider configured and the backup schedule pointed at a scratch folder, then sends a steady,
// timer-paced mix of signed webhooks from all five providers (Retell call_started/ended/analyzed
// for existing leads, Cal.com bookings, Stripe invoice events, SendGrid batches, MessageBird
// DLRs, a few redeliveries and a few bad signatures) while sampling the process's resident
// memory every second. Prints RSS per minute, the growth from minute 2 to the last minute,
// request and event counts and the processor's backlog. Exits non-zero when memory grew by
// 10 % or more, or an acknowledged event was not stored and applied.
//   bench_soak [seconds=600] [rate=100 requests/s]
// Runs shorter than 180 s use ten windows of seconds/10 instead of minutes.
#include "../e2e/listenerprocess.h"
#include "../e2e/webhooktestclient.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/invoicerepository.h>
#include <models/repositories/messagerepository.h>
#include <models/records.h>
#include <models/repositories/settingsrepository.h>
#include <models/sqlhelpers.h>
#include <services/demodata.h>

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QQueue>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace Callvia;

namespace {

const QByteArray StripeSecret = "whsec_soak";
const QByteArray RetellKey = "soak-retell-key";
const QByteArray CalSecret = "soak-cal-secret";
const QByteArray BirdKey = "soak-messagebird-key";
const QByteArray PublicBase = "https://hooks.soak.example";
// Seeded so that, as with real traffic, each e-mail, SMS and invoice gets a handful of events
// (at 100 requests/s for 10 minutes none is reused; faster or longer runs wrap around).
constexpr int SentMessages = 6000; // per channel, seeded as sent so deliveries find them
constexpr int SoakInvoices = 3000; // open invoices with a Stripe id

// 50 requests: 21 Retell, 6 Cal.com, 6 Stripe, 6 SendGrid (2 events each), 6 MessageBird,
// 3 redeliveries of an earlier event (answered "duplicate"), 2 bad signatures (401).
const char Mix[] = "RCRSRGRMRDRCRSRGRMRXRCRSRGRMRDCRSRGRMRXRCSGMRDCSGM";
static_assert(sizeof(Mix) == 51, "the mix has 50 slots");

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QByteArray hmacHex(const QByteArray &key, const QByteArray &data)
{
    return QMessageAuthenticationCode::hash(data, key, QCryptographicHash::Sha256).toHex();
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// ECDSA P-256 key for the SendGrid signatures, made here with OpenSSL's EVP API.
class EcKey
{
public:
    EcKey() : m_key(EVP_EC_gen("P-256")) { }
    ~EcKey() { EVP_PKEY_free(m_key); }
    EcKey(const EcKey &) = delete;
    EcKey &operator=(const EcKey &) = delete;
    bool isValid() const { return m_key != nullptr; }
    QByteArray publicDer() const
    {
        const int length = i2d_PUBKEY(m_key, nullptr);
        QByteArray der(qMax(0, length), '\0');
        auto *out = reinterpret_cast<unsigned char *>(der.data());
        i2d_PUBKEY(m_key, &out);
        return der;
    }
    QByteArray sign(const QByteArray &data) const // DER ECDSA-Sig-Value over SHA-256
    {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        size_t length = 0;
        QByteArray signature;
        const auto *in = reinterpret_cast<const unsigned char *>(data.constData());
        if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key) == 1
            && EVP_DigestSign(ctx, nullptr, &length, in, size_t(data.size())) == 1) {
            signature.resize(qsizetype(length));
            if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(signature.data()), &length, in,
                               size_t(data.size())) == 1)
                signature.resize(qsizetype(length));
            else
                signature.clear();
        }
        EVP_MD_CTX_free(ctx);
        return signature;
    }

private:
    EVP_PKEY *m_key;
};

struct Lead
{
    qint64 id = 0;
    qint64 clientId = 0;
    QString phone;
    QString email;
};

// What the seeded database holds that the webhooks refer to.
struct Seed
{
    QList<Lead> leads;
    QStringList stripeInvoices;
    QString error;
};

Seed seedDatabase(const QString &path, const QString &backupFolder)
{
    Seed seed;
    QString parseError;
    const std::optional<Models::DatabaseUrl> url = Models::DatabaseUrl::parse(path, &parseError);
    if (!url) {
        seed.error = parseError;
        return seed;
    }
    Models::SystemClock clock;
    Models::Database db(*url);
    if (Models::DbError error = db.open(); error || (error = db.migrate())) {
        seed.error = error.message();
        return seed;
    }
    if (const Models::DbError error = Services::DemoData(db, clock).load()) {
        seed.error = QStringLiteral("demo data: ") + error.message();
        return seed;
    }
    // The backup schedule's folder is the real setting the Backup menu writes.
    if (const Models::DbError error = Models::SettingsRepository(db, clock).setValue(s("backup.folder"), backupFolder)) {
        seed.error = error.message();
        return seed;
    }
    {
        Models::DbResult<QSqlQuery> leads = Models::Sql::exec(
                db, s("SELECT id, client_id, phone_e164, email FROM leads WHERE status <> 'dnc' ORDER BY id"));
        while (leads.ok() && leads.value().next())
            seed.leads.append({ leads.value().value(0).toLongLong(), leads.value().value(1).toLongLong(),
                                leads.value().value(2).toString(), leads.value().value(3).toString() });
        Models::DbResult<QSqlQuery> stripeIds = Models::Sql::exec(
                db, s("SELECT stripe_invoice_id FROM invoices WHERE stripe_invoice_id <> '' ORDER BY id"));
        while (stripeIds.ok() && stripeIds.value().next())
            seed.stripeInvoices.append(stripeIds.value().value(0).toString());
    } // queries done before the connections close
    if (seed.leads.isEmpty() || seed.stripeInvoices.isEmpty()) {
        seed.error = s("demo data has no leads or no Stripe invoices");
        return seed;
    }
    // Sent e-mails (SendGrid) and SMS (MessageBird) the delivery events update, and open
    // invoices the Stripe events move along.
    {
        Models::Transaction transaction(db);
        if (!transaction.isActive()) {
            seed.error = transaction.beginError().message();
            return seed;
        }
        Models::MessageRepository messages(db, clock, Models::TenantScope::agency());
        for (int i = 0; i < SentMessages; ++i) {
            const Lead &lead = seed.leads.at(i % seed.leads.size());
            for (const bool email : { true, false }) {
                Models::MessageRecord m;
                m.clientId = lead.clientId;
                m.leadId = lead.id;
                m.channel = email ? s("email") : s("sms");
                m.toAddress = email ? lead.email : lead.phone;
                m.subject = email ? s("Your appointment") : QString();
                m.body = s("See you tomorrow at 10:00");
                m.status = s("sent");
                m.provider = email ? s("sendgrid") : s("messagebird");
                m.providerMessageId = (email ? s("sgm_soak_") : s("mb_soak_")) + QString::number(i);
                m.sentAt = clock.nowMs();
                if (const Models::DbResult<qint64> id = messages.insert(m); !id.ok()) {
                    seed.error = id.error().message();
                    return seed;
                }
            }
        }
        Models::InvoiceRepository invoices(db, clock, Models::TenantScope::agency());
        for (int i = 0; i < SoakInvoices; ++i) {
            Models::InvoiceRecord invoice;
            invoice.clientId = seed.leads.at(i % seed.leads.size()).clientId;
            invoice.kind = s("manual");
            invoice.stripeInvoiceId = QStringLiteral("in_soak_%1").arg(i);
            invoice.status = s("open");
            invoice.amountCents = 200'000;
            invoice.description = s("Soak invoice");
            if (const Models::DbResult<qint64> id = invoices.insert(invoice); !id.ok()) {
                seed.error = id.error().message();
                return seed;
            }
            seed.stripeInvoices.append(invoice.stripeInvoiceId);
        }
        if (const Models::DbError error = transaction.commit()) {
            seed.error = error.message();
            return seed;
        }
    } // the transaction lets go of its connection before the connections close
    db.closeAllConnections();
    return seed;
}

// One request: its bytes, the event keys a 200 acknowledges, the status it must get.
struct Request
{
    QByteArray raw;
    QStringList eventKeys; // "provider:event id"
    int expect = 200;
    bool closeAfter = false; // the client closes the connection after the answer
};

// Builds the signed requests of the mix; timestamps come from the real clock when made.
class Traffic
{
public:
    Traffic(const Seed &seed, const EcKey &sendgridKey) : m_seed(seed), m_sendgrid(sendgridKey) { }

    // Every tenth request ends its connection, as providers open new ones: the listener sees
    // connection churn as well as long keep-alive streams.
    Request make(qint64 n)
    {
        Request request = makeKind(Mix[n % 50]);
        request.closeAfter = n % 10 == 9;
        return request;
    }

private:
    Request makeKind(char kind)
    {
        switch (kind) {
        case 'R':
            return remember(retell(m_retell++));
        case 'C':
            return remember(calcom(m_calcom++));
        case 'S':
            return remember(stripe(m_stripe++));
        case 'G':
            return remember(sendgrid(m_sendgridCount++));
        case 'M':
            return remember(messageBird(m_bird++));
        case 'D':
            return redelivery();
        default:
            return badSignature();
        }
    }

    // The recipe of an earlier request, so it can be sent again (re-signed, as providers do).
    struct Recipe
    {
        char provider = 'R';
        QByteArray body;
        QByteArray target; // MessageBird GET target
        QStringList eventKeys;
    };

    Request remember(const Request &request)
    {
        m_last[m_lastIndex++ % 5] = m_recipe;
        return request;
    }

    static qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

    Request sign(const Recipe &recipe, bool corrupt = false) const
    {
        Request request;
        request.eventKeys = recipe.eventKeys;
        QByteArray signature;
        switch (recipe.provider) {
        case 'R': {
            const QByteArray v = QByteArray::number(nowMs());
            signature = hmacHex(corrupt ? QByteArray("wrong-key") : RetellKey, recipe.body + v);
            request.raw = Tests::post("/api/webhooks/retell", recipe.body, { "X-Retell-Signature: v=" + v + ",d=" + signature });
            break;
        }
        case 'C':
            signature = hmacHex(corrupt ? QByteArray("wrong-secret") : CalSecret, recipe.body);
            request.raw = Tests::post("/api/webhooks/calcom", recipe.body, { "X-Cal-Signature-256: " + signature });
            break;
        case 'S': {
            const QByteArray t = QByteArray::number(nowMs() / 1000);
            signature = hmacHex(corrupt ? QByteArray("whsec_wrong") : StripeSecret, t + '.' + recipe.body);
            request.raw = Tests::post("/api/webhooks/stripe", recipe.body, { "Stripe-Signature: t=" + t + ",v1=" + signature });
            break;
        }
        case 'G': {
            const QByteArray t = QByteArray::number(nowMs() / 1000);
            QByteArray signed_ = t + recipe.body;
            if (corrupt)
                signed_ += ' ';
            request.raw = Tests::post("/api/webhooks/sendgrid", recipe.body,
                                      { "X-Twilio-Email-Event-Webhook-Timestamp: " + t,
                                        "X-Twilio-Email-Event-Webhook-Signature: " + m_sendgrid.sign(signed_).toBase64() });
            break;
        }
        default:
            request.raw = "GET " + recipe.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + birdJwt(recipe.target, corrupt ? QByteArray("wrong-bird-key") : BirdKey) + "\r\n\r\n";
            break;
        }
        if (corrupt) {
            request.expect = 401;
            request.eventKeys.clear();
        }
        return request;
    }

    Request redelivery()
    {
        const Recipe &recipe = m_last[m_redeliveries++ % 5];
        return recipe.body.isEmpty() && recipe.target.isEmpty() ? badSignature() : sign(recipe);
    }

    Request badSignature()
    {
        const char providers[] = "RCSGM";
        const char provider = providers[m_bad++ % 5];
        // A fresh event each time, so a wrongly accepted one would show up as an extra row.
        switch (provider) {
        case 'R':
            retell(900'000'000 + m_bad * 3 + 1);
            break;
        case 'C':
            calcom(900'000'000 + m_bad * 4);
            break;
        case 'S':
            stripe(900'000'000 + m_bad);
            break;
        case 'G':
            sendgrid(900'000'000 + m_bad);
            break;
        default:
            messageBird(900'000'000 + m_bad);
            break;
        }
        return sign(m_recipe, true);
    }

    // Calls cycle through the leads: started, ended, analyzed (outcome rotates).
    Request retell(qint64 sequence)
    {
        const qint64 callNumber = sequence / 3;
        const int step = int(sequence % 3);
        const Lead &lead = m_seed.leads.at(int(callNumber % m_seed.leads.size()));
        const QString event = step == 0 ? s("call_started") : step == 1 ? s("call_ended") : s("call_analyzed");
        const QString callId = QStringLiteral("call_soak_%1").arg(callNumber);
        const qint64 start = nowMs() - 120'000;
        QJsonObject call { { s("call_id"), callId },
                           { s("agent_id"), s("agent_demo_0_0") },
                           { s("direction"), s("outbound") },
                           { s("from_number"), s("+14155550100") },
                           { s("to_number"), lead.phone },
                           { s("start_timestamp"), double(start) },
                           { s("metadata"), QJsonObject { { s("lead_id"), double(lead.id) } } },
                           { s("call_status"), step == 0 ? s("ongoing") : s("ended") } };
        if (step > 0) {
            call.insert(s("end_timestamp"), double(start + 95'250));
            call.insert(s("duration_ms"), 95'250.0);
            call.insert(s("transcript"), s("Agent: Hi, this is Sam from the clinic.\nUser: Hello, yes, I filled in the form."));
            call.insert(s("recording_url"), QString(s("https://rec.example/") + callId));
            call.insert(s("disconnection_reason"), s("user_hangup"));
        }
        if (step == 2) {
            static const char *outcomes[] = { "appointment_set", "not_interested", "callback_requested", "voicemail" };
            const QString outcome = s(outcomes[callNumber % 4]);
            QJsonObject custom { { s("outcome"), outcome } };
            if (outcome == QLatin1String("callback_requested"))
                custom.insert(s("callback_at"),
                              QDateTime::currentDateTimeUtc().addDays(3).toString(Qt::ISODate));
            call.insert(s("call_analysis"), QJsonObject { { s("call_summary"), s("Talked about the offer") },
                                                          { s("user_sentiment"), s("Positive") },
                                                          { s("call_successful"), true },
                                                          { s("custom_analysis_data"), custom } });
        }
        m_recipe = { 'R',
                     QJsonDocument(QJsonObject { { s("event"), event }, { s("call"), call } }).toJson(QJsonDocument::Compact),
                     {},
                     { QStringLiteral("retell:%1:%2").arg(callId, event) } };
        return sign(m_recipe);
    }

    // Groups of four: create A, create B, reschedule A to C, cancel B.
    Request calcom(qint64 sequence)
    {
        const qint64 group = sequence / 4;
        const int step = int(sequence % 4);
        const Lead &lead = m_seed.leads.at(int((group * 7 + step) % m_seed.leads.size()));
        const QString a = QStringLiteral("bk_soak_%1_a").arg(group);
        const QString b = QStringLiteral("bk_soak_%1_b").arg(group);
        const QString c = QStringLiteral("bk_soak_%1_c").arg(group);
        const QString trigger = step < 2 ? s("BOOKING_CREATED") : step == 2 ? s("BOOKING_RESCHEDULED") : s("BOOKING_CANCELLED");
        const QString uid = step == 0 ? a : step == 1 ? b : step == 2 ? c : b;
        const QDateTime start = QDateTime::currentDateTimeUtc().addDays(2).addSecs((sequence % 500) * 900);
        const QString createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        QJsonObject payload { { s("uid"), uid },
                              { s("bookingId"), double(sequence + 1000) },
                              { s("title"), s("Consultation") },
                              { s("startTime"), start.toString(Qt::ISODate) },
                              { s("endTime"), start.addSecs(900).toString(Qt::ISODate) },
                              { s("attendees"), QJsonArray { QJsonObject { { s("name"), s("Lead") },
                                                                           { s("email"), lead.email },
                                                                           { s("timeZone"), s("America/New_York") } } } } };
        if (step == 2)
            payload.insert(s("rescheduleUid"), a);
        if (step == 3) {
            payload.insert(s("status"), s("CANCELLED"));
            payload.insert(s("cancellationReason"), s("cannot make it"));
        }
        m_recipe = { 'C',
                     QJsonDocument(QJsonObject { { s("triggerEvent"), trigger }, { s("createdAt"), createdAt },
                                                 { s("payload"), payload } })
                             .toJson(QJsonDocument::Compact),
                     {},
                     { QStringLiteral("calcom:%1:%2:%3").arg(trigger, uid, createdAt) } };
        return sign(m_recipe);
    }

    Request stripe(qint64 sequence)
    {
        static const char *types[] = { "invoice.finalized", "invoice.sent", "invoice.payment_failed", "invoice.paid" };
        const QString id = QStringLiteral("evt_soak_%1").arg(sequence);
        // Four events per invoice in their usual order; every fifth event is for an invoice this
        // database does not know (stored, changes nothing).
        const QString invoice = sequence % 5 == 4 ? QStringLiteral("in_unknown_%1").arg(sequence)
                                                  : m_seed.stripeInvoices.at(int(sequence / 4 % m_seed.stripeInvoices.size()));
        const qint64 now = nowMs() / 1000;
        const QByteArray body =
                QStringLiteral(R"({"id":"%1","object":"event","created":%4,"type":"%2","data":{"object":{"id":"%3",)"
                               R"("object":"invoice","number":"CV-%5","hosted_invoice_url":"https://pay.example/%3",)"
                               R"("amount_paid":200000,"currency":"usd","status_transitions":{"paid_at":%4}}}})")
                        .arg(id, s(types[sequence % 4]), invoice)
                        .arg(now)
                        .arg(sequence % 10000, 4, 10, QLatin1Char('0'))
                        .toUtf8();
        m_recipe = { 'S', body, {}, { QStringLiteral("stripe:") + id } };
        return sign(m_recipe);
    }

    // Two batches of two per sent e-mail: processed + delivered, then open + click.
    Request sendgrid(qint64 sequence)
    {
        const int message = int(sequence / 2 % SentMessages);
        const Lead &lead = m_seed.leads.at(message % m_seed.leads.size());
        const qint64 now = nowMs() / 1000;
        const QString messageId = QStringLiteral("sgm_soak_%1.filter0001.%2.0").arg(message).arg(sequence);
        const bool opened = sequence % 2 == 1;
        QJsonArray batch;
        QStringList keys;
        for (int i = 0; i < 2; ++i) {
            const QString event = i == 0 ? (opened ? s("open") : s("processed")) : (opened ? s("click") : s("delivered"));
            const QString id = QStringLiteral("sg_soak_%1_%2").arg(sequence).arg(i);
            batch.append(QJsonObject { { s("email"), lead.email },
                                       { s("event"), event },
                                       { s("sg_event_id"), id },
                                       { s("sg_message_id"), messageId },
                                       { s("timestamp"), double(now) } });
            keys << QStringLiteral("sendgrid:") + id;
        }
        m_recipe = { 'G', QJsonDocument(batch).toJson(QJsonDocument::Compact) + "\r\n", {}, keys };
        return sign(m_recipe);
    }

    // A DLR by GET, as MessageBird sends them: sent, buffered, delivered for each SMS in turn.
    Request messageBird(qint64 sequence)
    {
        static const char *statuses[] = { "sent", "buffered", "delivered" };
        const QString id = QStringLiteral("mb_soak_%1").arg(sequence / 3 % SentMessages);
        const QString status = s(statuses[sequence % 3]);
        // Unique per event: a status time one second apart, in the past.
        const QString at = QDateTime::fromSecsSinceEpoch(1'700'000'000 + sequence, Qt::UTC).toString(Qt::ISODate);
        const QString atEncoded = QString(at).replace(s("Z"), s("%2B00:00"));
        const QString atDecoded = QString(at).replace(s("Z"), s("+00:00"));
        m_recipe = { 'M', {},
                     QStringLiteral("/api/webhooks/messagebird?id=%1&reference=soak&recipient=%2&status=%3&statusDatetime=%4")
                             .arg(id, m_seed.leads.at(int(sequence % m_seed.leads.size())).phone.mid(1), status, atEncoded)
                             .toUtf8(),
                     { QStringLiteral("messagebird:%1:%2:%3").arg(id, status, atDecoded) } };
        return sign(m_recipe);
    }

    QByteArray birdJwt(const QByteArray &target, const QByteArray &key) const
    {
        const qint64 now = nowMs() / 1000;
        const QJsonObject claims {
            { s("iss"), s("MessageBird") },
            { s("nbf"), double(now) },
            { s("exp"), double(now + 60) },
            { s("jti"), QStringLiteral("soak-%1").arg(++m_jti) },
            { s("url_hash"), QString::fromLatin1(QCryptographicHash::hash(QByteArray(PublicBase + target), QCryptographicHash::Sha256).toHex()) }
        };
        const QByteArray signing = base64Url(QJsonDocument(QJsonObject { { s("alg"), s("HS256") }, { s("typ"), s("JWT") } })
                                                     .toJson(QJsonDocument::Compact))
                + '.' + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
        return "MessageBird-Signature-JWT: " + signing + '.'
                + base64Url(QMessageAuthenticationCode::hash(signing, key, QCryptographicHash::Sha256));
    }

    const Seed &m_seed;
    const EcKey &m_sendgrid;
    Recipe m_recipe;
    Recipe m_last[5];
    qint64 m_lastIndex = 0;
    qint64 m_retell = 0, m_calcom = 0, m_stripe = 0, m_sendgridCount = 0, m_bird = 0;
    qint64 m_redeliveries = 0, m_bad = 0;
    mutable qint64 m_jti = 0;
};

struct Counts
{
    qint64 sent = 0;
    qint64 stored = 0; // 200 "stored"
    qint64 duplicate = 0; // 200 "duplicate"
    qint64 rejected = 0; // 401 where a bad signature was sent
    qint64 unexpected = 0; // any other answer
    qint64 failed = 0; // connection lost with the request unanswered
    qint64 maxQueued = 0;
};

// Sends queued requests over a small pool of keep-alive connections, opening another when all
// are busy (at most maxConnections), and records the answers.
class Sender final : public QObject
{
public:
    Sender(quint16 port, int maxConnections) : m_port(port), m_maxConnections(maxConnections) { }
    ~Sender() override
    {
        for (const auto &c : m_connections) // closing sockets must not call back into a dying Sender
            c->socket->disconnect(this);
    }

    void enqueue(Request request)
    {
        m_queue.enqueue(std::move(request));
        counts.maxQueued = qMax(counts.maxQueued, qint64(m_queue.size()));
        dispatch();
    }
    bool idle() const
    {
        return m_queue.isEmpty() && std::none_of(m_connections.begin(), m_connections.end(),
                                                 [](const auto &c) { return c->busy; });
    }
    int connectionCount() const { return int(m_connections.size()); }

    Counts counts;
    QSet<QString> ackedEvents;

private:
    struct Connection
    {
        std::unique_ptr<QTcpSocket> socket;
        QByteArray buffer;
        Request request;
        bool busy = false;
        bool connected = false;
        bool closing = false;
    };

    void dispatch()
    {
        const auto snapshot = m_connections; // onClosed() may change the list meanwhile
        for (const auto &c : snapshot) {
            if (m_queue.isEmpty())
                return;
            if (c->connected && !c->busy && !c->closing)
                send(*c);
        }
        int connecting = int(std::count_if(m_connections.begin(), m_connections.end(),
                                           [](const auto &c) { return !c->connected; }));
        while (!m_queue.isEmpty() && connecting < m_queue.size() && int(m_connections.size()) < m_maxConnections) {
            open();
            ++connecting;
        }
    }

    void open()
    {
        auto c = std::make_shared<Connection>();
        c->socket = std::make_unique<QTcpSocket>();
        QTcpSocket *socket = c->socket.get();
        Connection *raw = c.get();
        connect(socket, &QTcpSocket::connected, this, [this, raw] {
            raw->connected = true;
            dispatch();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, raw] { onData(*raw); });
        connect(socket, &QTcpSocket::disconnected, this, [this, raw] { onClosed(raw); });
        connect(socket, &QTcpSocket::errorOccurred, this, [this, raw] { onClosed(raw); });
        m_connections.push_back(c);
        socket->connectToHost(QHostAddress::LocalHost, m_port);
    }

    void send(Connection &c)
    {
        c.request = m_queue.dequeue();
        c.busy = true;
        ++counts.sent;
        c.socket->write(c.request.raw);
    }

    void onData(Connection &c)
    {
        c.buffer += c.socket->readAll();
        Tests::HttpReply reply;
        while (c.busy && Tests::takeReply(&c.buffer, &reply)) {
            c.busy = false;
            record(c.request, reply);
            if (reply.header("Connection").toLower() == "close")
                c.closing = true;
            if (c.request.closeAfter && !c.closing) {
                c.closing = true;
                c.socket->disconnectFromHost();
            }
        }
        if (!c.closing)
            dispatch();
    }

    void record(const Request &request, const Tests::HttpReply &reply)
    {
        const QString status = QJsonDocument::fromJson(reply.body).object().value(QLatin1String("status")).toString();
        if (request.expect == 401 && reply.status == 401) {
            ++counts.rejected;
        } else if (request.expect == 200 && reply.status == 200 && !status.isEmpty()) {
            ++(status == QLatin1String("duplicate") ? counts.duplicate : counts.stored);
            for (const QString &key : request.eventKeys)
                ackedEvents.insert(key);
        } else {
            if (++counts.unexpected <= 5)
                std::fprintf(stderr, "unexpected answer %d (wanted %d): %s\n", reply.status, request.expect,
                             reply.body.left(300).constData());
        }
    }

    void onClosed(Connection *c)
    {
        auto it = std::find_if(m_connections.begin(), m_connections.end(), [c](const auto &p) { return p.get() == c; });
        if (it == m_connections.end())
            return;
        if (c->busy && ++counts.failed <= 5)
            std::fprintf(stderr, "connection lost with a request unanswered (%s)\n",
                         qPrintable(c->socket->errorString()));
        // Kept alive until the event loop runs again: this may be called from inside onData().
        std::shared_ptr<Connection> keep = *it;
        m_connections.erase(it);
        keep->socket->disconnect(this);
        QTimer::singleShot(0, this, [this, keep] {
            keep->socket.release()->deleteLater();
            dispatch();
        });
    }

    quint16 m_port;
    int m_maxConnections;
    QQueue<Request> m_queue;
    std::vector<std::shared_ptr<Connection>> m_connections;
};

qint64 scalar(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
}

struct Window
{
    qint64 minKb = std::numeric_limits<qint64>::max();
    qint64 maxKb = 0;
    qint64 sumKb = 0;
    int samples = 0;
    qint64 sentAtEnd = 0;
    qint64 backlogAtEnd = -1;
    double avgMb() const { return samples ? double(sumKb) / samples / 1024.0 : 0; }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int seconds = qMax(10, args.value(1, s("600")).toInt());
    const int rate = qMax(1, args.value(2, s("100")).toInt());
    const int windowSeconds = seconds >= 180 ? 60 : qMax(1, seconds / 10);
    const int windows = (seconds + windowSeconds - 1) / windowSeconds;

    QTemporaryDir dir;
    const QString database = dir.filePath(s("soak.sqlite"));
    const QString backups = dir.filePath(s("backups"));
    QElapsedTimer setup;
    setup.start();
    const Seed seed = seedDatabase(database, backups);
    if (!seed.error.isEmpty()) {
        std::fprintf(stderr, "seeding failed: %s\n", qPrintable(seed.error));
        return 1;
    }
    std::printf("seeded demo data in %.1f s: %lld callable leads, %lld invoices with a Stripe id, %d e-mails + %d SMS sent\n",
                double(setup.elapsed()) / 1000.0, qlonglong(seed.leads.size()), qlonglong(seed.stripeInvoices.size()),
                SentMessages, SentMessages);

    const EcKey sendgridKey;
    if (!sendgridKey.isValid()) {
        std::fprintf(stderr, "cannot make the SendGrid key pair\n");
        return 1;
    }
    QProcessEnvironment env;
    env.insert(s("CALLVIA_RETELL_API_KEY"), QString::fromLatin1(RetellKey));
    env.insert(s("CALLVIA_CALCOM_WEBHOOK_SECRET"), QString::fromLatin1(CalSecret));
    env.insert(s("CALLVIA_SENDGRID_WEBHOOK_PUBLIC_KEY"), QString::fromLatin1(sendgridKey.publicDer().toBase64()));
    env.insert(s("CALLVIA_MESSAGEBIRD_SIGNING_KEY"), QString::fromLatin1(BirdKey));
    env.insert(s("CALLVIA_LISTENER_PUBLIC_URL"), QString::fromLatin1(PublicBase) + QLatin1Char('/'));
    QProcess listener;
    const quint16 port = Tests::startHeadlessListener(&listener, database, StripeSecret, env);
    if (!port)
        return 1;
    const qint64 pid = listener.processId();
    QByteArray listenerTail;
    int backupLines = 0;
    auto drainOutput = [&] {
        const QByteArray out = listener.readAll();
        backupLines += int(out.count("backed up to"));
        listenerTail = QByteArray(listenerTail + out).right(4000);
    };

    QSqlDatabase reader = QSqlDatabase::addDatabase(s("QSQLITE"), s("soak-reader"));
    reader.setDatabaseName(database);
    reader.setConnectOptions(s("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!reader.open()) {
        std::fprintf(stderr, "cannot open %s to read\n", qPrintable(database));
        return 1;
    }
    const qint64 eventsBefore = scalar(reader, s("SELECT COUNT(*) FROM events"));

    std::printf("soak: %d s at %d requests/s (mix of 50: 21 Retell, 6 Cal.com, 6 Stripe, 6 SendGrid batches of 2, "
                "6 MessageBird, 3 redeliveries, 2 bad signatures), callvia pid %lld, port %u\n",
                seconds, rate, qlonglong(pid), unsigned(port));
    std::fflush(stdout);

    Traffic traffic(seed, sendgridKey);
    Sender sender(port, 64);
    std::vector<Window> table(static_cast<size_t>(windows));
    QElapsedTimer clock;
    clock.start();
    qint64 made = 0;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pacer, &QTimer::timeout, [&] {
        const qint64 due = qMin<qint64>(qint64(seconds) * rate, clock.elapsed() * rate / 1000);
        while (made < due)
            sender.enqueue(traffic.make(made++));
    });
    QTimer sampler;
    int second = 0;
    QEventLoop loop;
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        drainOutput();
        ++second;
        const qint64 kb = Tests::residentKb(pid);
        Window &w = table.at(size_t(qMin(windows - 1, (second - 1) / windowSeconds)));
        if (kb > 0) {
            w.minKb = qMin(w.minKb, kb);
            w.maxKb = qMax(w.maxKb, kb);
            w.sumKb += kb;
            ++w.samples;
        }
        if (second % windowSeconds == 0 || second == seconds) {
            w.sentAtEnd = sender.counts.sent;
            w.backlogAtEnd = scalar(reader, s("SELECT COUNT(*) FROM events WHERE status = 'pending'"));
            std::printf("  %4d s  RSS %.1f MB  sent %lld  answered %lld  backlog %lld  connections %d\n", second,
                        double(kb) / 1024.0, qlonglong(sender.counts.sent),
                        qlonglong(sender.counts.stored + sender.counts.duplicate + sender.counts.rejected
                                  + sender.counts.unexpected),
                        qlonglong(w.backlogAtEnd), sender.connectionCount());
            std::fflush(stdout);
        }
        if (second >= seconds)
            loop.quit();
        if (listener.state() == QProcess::NotRunning) {
            std::fprintf(stderr, "callvia exited during the soak:\n%s\n", listenerTail.constData());
            loop.exit(1);
        }
    });
    pacer.start(5);
    sampler.start(1000);
    if (loop.exec() != 0)
        return 1;
    pacer.stop();
    sampler.stop();

    // Wait for the last answers, then for the processor to apply what was stored.
    QElapsedTimer drain;
    drain.start();
    while (!sender.idle() && drain.elapsed() < 30'000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
    const qint64 backlogAtStop = scalar(reader, s("SELECT COUNT(*) FROM events WHERE status = 'pending'"));
    drain.restart();
    // Events in backoff after an error (attempts > 0) would wait minutes: they count as failures.
    const QString fresh = s("SELECT COUNT(*) FROM events WHERE status = 'pending' AND attempts = 0");
    qint64 pending = scalar(reader, fresh);
    while (pending > 0 && drain.elapsed() < 300'000) {
        QEventLoop wait;
        QTimer::singleShot(1000, &wait, &QEventLoop::quit);
        wait.exec();
        drainOutput();
        pending = scalar(reader, fresh);
    }
    const double drainSeconds = double(drain.elapsed()) / 1000.0;
    const qint64 finalKb = Tests::residentKb(pid);
    drainOutput();

    const Counts &c = sender.counts;
    const qint64 rows = scalar(reader, s("SELECT COUNT(*) FROM events")) - eventsBefore;
    const qint64 processed = scalar(reader, s("SELECT COUNT(*) FROM events WHERE status IN ('processed', 'ignored')"));
    const qint64 failedEvents = scalar(reader, s("SELECT COUNT(*) FROM events WHERE status = 'failed'"));
    const qint64 retrying = scalar(reader, s("SELECT COUNT(*) FROM events WHERE status = 'pending' AND attempts > 0"));
    qint64 missing = 0;
    {
        QSqlQuery query(reader);
        QSet<QString> storedKeys;
        if (query.exec(s("SELECT provider, provider_event_id FROM events"))) {
            while (query.next())
                storedKeys.insert(query.value(0).toString() + QLatin1Char(':') + query.value(1).toString());
        }
        for (const QString &key : sender.ackedEvents) {
            if (!storedKeys.contains(key) && ++missing <= 5)
                std::fprintf(stderr, "acknowledged but not stored: %s\n", qPrintable(key));
        }
        QSqlQuery errors(reader);
        if (errors.exec(s("SELECT provider, event_type, last_error FROM events WHERE last_error IS NOT NULL LIMIT 5"))) {
            while (errors.next())
                std::fprintf(stderr, "processing error: %s %s: %s\n", qPrintable(errors.value(0).toString()),
                             qPrintable(errors.value(1).toString()), qPrintable(errors.value(2).toString()));
        }
    }
    reader.close();
    listener.terminate();
    const bool stopped = listener.waitForFinished(60'000);
    if (!stopped) {
        listener.kill();
        listener.waitForFinished(5000);
    }
    drainOutput();

    std::printf("\nresident memory of callvia --headless, %d s windows (1 sample/s):\n", windowSeconds);
    std::printf("| window | min MB | avg MB | max MB | requests sent | backlog at end |\n| --- | --- | --- | --- | --- | --- |\n");
    for (int i = 0; i < windows; ++i) {
        const Window &w = table.at(size_t(i));
        std::printf("| %d | %.1f | %.1f | %.1f | %lld | %lld |\n", i + 1, double(w.minKb) / 1024.0, w.avgMb(),
                    double(w.maxKb) / 1024.0, qlonglong(w.sentAtEnd), qlonglong(w.backlogAtEnd));
    }
    const Window &warm = table.at(size_t(qMin(1, windows - 1)));
    const Window &last = table.back();
    const double growth = warm.avgMb() > 0 ? (last.avgMb() - warm.avgMb()) / warm.avgMb() * 100.0 : 0;
    const double growthMax = warm.maxKb > 0 ? double(last.maxKb - warm.maxKb) / double(warm.maxKb) * 100.0 : 0;
    std::printf("growth window 2 -> %d: %+.1f %% (average), %+.1f %% (maximum); after draining: %.1f MB\n", windows,
                growth, growthMax, double(finalKb) / 1024.0);
    std::printf("requests: %lld sent (%.1f/s), %lld stored, %lld duplicate, %lld bad signatures refused (401), "
                "%lld unexpected answers, %lld unanswered; largest send queue %lld\n",
                qlonglong(c.sent), double(c.sent) / seconds, qlonglong(c.stored), qlonglong(c.duplicate),
                qlonglong(c.rejected), qlonglong(c.unexpected), qlonglong(c.failed), qlonglong(c.maxQueued));
    std::printf("events: %lld acknowledged, %lld rows stored, %lld acknowledged but missing; %lld processed, "
                "%lld failed, %lld retrying; backlog %lld when sending stopped, %lld after %.0f s of draining\n",
                qlonglong(sender.ackedEvents.size()), qlonglong(rows), qlonglong(missing), qlonglong(processed),
                qlonglong(failedEvents), qlonglong(retrying), qlonglong(backlogAtStop), qlonglong(pending), drainSeconds);
    std::printf("backups written by the schedule: %d (folder %s); callvia %s\n", backupLines,
                qPrintable(QDir(backups).entryList({ s("*.sqlite") }, QDir::Files).join(QLatin1Char(' '))),
                stopped ? qPrintable(QStringLiteral("stopped on SIGTERM, exit code %1").arg(listener.exitCode()))
                        : "did not stop within 60 s of SIGTERM (killed)");

    int status = 0;
    if (growth >= 10.0) {
        std::printf("FAIL: resident memory grew %.1f %% after warm-up (limit 10 %%)\n", growth);
        status = 2;
    }
    if (missing > 0 || rows != sender.ackedEvents.size() || pending > 0 || failedEvents > 0 || retrying > 0) {
        std::printf("FAIL: events lost, extra or not applied\n");
        status = 3;
    }
    if (c.unexpected > 0 || c.failed > 0 || !stopped || listener.exitCode() != 0) {
        std::printf("FAIL: unexpected or missing answers, or callvia did not stop cleanly\n");
        status = 4;
    }
    if (status == 0)
        std::printf("PASS\n");
    std::fflush(stdout);
    return status;
}
