#include "messagebirdhandler.h"

#include "clientattribution.h"
#include "payloadfields.h"

#include <models/clock.h>
#include <models/repositories/leadprogressrepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <services/reminders/replyprocessor.h>

#include <QJsonObject>
#include <QStringList>

namespace Callvia::Services {

using namespace Models;
namespace P = PayloadFields;

namespace {

const QString dlrKind = QStringLiteral("dlr");

// Query decoding turns the '+' of "+00:00" into a space; put it back.
QString restorePlus(QString datetime)
{
    const qsizetype space = datetime.lastIndexOf(QLatin1Char(' '));
    if (space > 0 && space + 1 < datetime.size() && datetime.at(space + 1).isDigit())
        datetime[space] = QLatin1Char('+');
    return datetime;
}

bool readDlr(const QJsonObject &object, MessageBirdEvent *out, QString *error)
{
    out->kind = MessageBirdEvent::DeliveryReport;
    for (const auto &[key, field] : { std::pair { "id", &out->id }, std::pair { "status", &out->status },
                                      std::pair { "statusDatetime", &out->statusDatetime } }) {
        if (!P::requireText(object, QLatin1String(key), field, error))
            return false;
    }
    out->statusDatetime = restorePlus(out->statusDatetime.trimmed());
    out->statusMs = P::isoToMs(out->statusDatetime);
    out->reference = P::text(object, QStringLiteral("reference"));
    out->recipient = P::text(object, QStringLiteral("recipient"));
    return true;
}

bool readInbound(const QJsonObject &object, MessageBirdEvent *out, QString *error)
{
    out->kind = MessageBirdEvent::InboundSms;
    if (!P::requireText(object, QStringLiteral("id"), &out->id, error))
        return false;
    if (!P::requireText(object, QStringLiteral("originator"), &out->originator, error))
        return false;
    out->body = P::text(object, QStringLiteral("payload"));
    if (out->body.isEmpty())
        out->body = P::text(object, QStringLiteral("body"));
    if (!object.contains(QLatin1String("payload")) && !object.contains(QLatin1String("body"))) {
        *error = P::missing(QStringLiteral("payload"));
        return false;
    }
    out->receiver = P::text(object, QStringLiteral("receiver"));
    if (out->receiver.isEmpty())
        out->receiver = P::text(object, QStringLiteral("recipient"));
    return true;
}

bool readAny(const QJsonObject &object, MessageBirdEvent *out, QString *error)
{
    if (object.contains(QLatin1String("originator")))
        return readInbound(object, out, error);
    if (object.contains(QLatin1String("status")) || P::text(object, QStringLiteral("kind")) == dlrKind)
        return readDlr(object, out, error);
    *error = QStringLiteral("neither a delivery report (id, status) nor an inbound message (originator)");
    return false;
}

} // namespace

bool parseMessageBirdEvent(const QByteArray &body, MessageBirdEvent *out, QString *error)
{
    QJsonObject object;
    if (!P::parseObject(body, &object, error))
        return false;
    return readAny(object, out, error);
}

MessageBirdHandler::MessageBirdHandler(Database &database, const Clock &clock) : m_database(database), m_clock(clock)
{
}

bool MessageBirdHandler::isStopWord(const QString &text)
{
    return ReplyProcessor::classify(text) == ReplyProcessor::Intent::OptOut; // also "Stop." and "opt-out"
}

QString MessageBirdHandler::statusForDlr(const QString &status)
{
    if (status == QLatin1String("scheduled"))
        return QStringLiteral("queued");
    if (status == QLatin1String("delivery_failed"))
        return QStringLiteral("failed");
    if (status == QLatin1String("sent") || status == QLatin1String("buffered") || status == QLatin1String("delivered")
        || status == QLatin1String("expired"))
        return status;
    return {};
}

bool MessageBirdHandler::identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                                  QString *error) const
{
    QJsonObject object;
    if (body.trimmed().isEmpty()) {
        // GET: a DLR (or an inbound message forwarded as parameters) in the query string.
        const auto items = query.queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            object.insert(item.first, item.second);
        if (!object.contains(QLatin1String("originator")))
            object.insert(QStringLiteral("kind"), dlrKind);
    } else if (!P::parseObject(body, &object, error)) {
        return false;
    }
    MessageBirdEvent event;
    if (!readAny(object, &event, error))
        return false;
    const QByteArray stored = body.trimmed().isEmpty() ? P::compact(object) : body;
    if (event.kind == MessageBirdEvent::DeliveryReport) {
        events->append({ event.id + QLatin1Char(':') + event.status + QLatin1Char(':') + event.statusDatetime,
                         QStringLiteral("dlr.") + event.status, QStringLiteral("message:") + event.id, stored });
    } else {
        events->append({ event.id, QStringLiteral("sms.inbound"), QStringLiteral("sms-from:") + event.originator,
                         stored });
    }
    return true;
}

DbError MessageBirdHandler::apply(const EventRecord &record)
{
    MessageBirdEvent event;
    QString parseError;
    if (!parseMessageBirdEvent(record.rawBody, &event, &parseError))
        return { DbError::Invalid, parseError };
    if (event.kind == MessageBirdEvent::InboundSms)
        return applyInbound(event, record.id);
    const QString status = statusForDlr(event.status);
    if (status.isEmpty())
        return {};
    const MessageRepository messages(m_database, m_clock, TenantScope::agency());
    DbResult<int> n = messages.applyDeliveryStatus(QStringLiteral("messagebird"), event.id, status, event.statusMs,
                                                   status == QLatin1String("failed") ? event.status : QString());
    if (!n.ok())
        return n.error();
    // The report belongs to the client whose message it was (its journal row shows to them).
    DbResult<QList<MessageRecord>> sent = messages.findByProviderId(QStringLiteral("messagebird"), event.id);
    if (!sent.ok())
        return sent.error();
    return sent.value().isEmpty() ? DbError()
                                  : ClientAttribution(m_database, m_clock).markAttributed(record.id, sent.value().first().clientId);
}

DbError MessageBirdHandler::applyInbound(const MessageBirdEvent &sms, qint64 eventId) const
{
    const QString phone = P::e164(sms.originator);
    const ClientAttribution attribution(m_database, m_clock);
    const QList<ClientAttribution::Candidate> trusted { { QStringLiteral("number"), sms.receiver } };
    DbResult<qint64> client = attribution.clientFor(provider(), trusted);
    if (!client.ok())
        return client.error();
    if (client.value() == 0) {
        if (DbError error = attribution.markUnattributed(
                    eventId, QStringLiteral("no client is mapped to MessageBird ") + ClientAttribution::describe(trusted)))
            return error;
        return isStopWord(sms.body) && !phone.isEmpty() ? applyStop(sms, phone, false) : DbError();
    }
    if (DbError error = attribution.markAttributed(eventId, client.value()))
        return error;
    MessageRepository messages(m_database, m_clock, TenantScope::agency());
    DbResult<QList<MessageRecord>> seen = messages.findByProviderId(QStringLiteral("messagebird"), sms.id);
    if (!seen.ok())
        return seen.error();
    bool stored = false;
    for (const MessageRecord &m : seen.value())
        stored = stored || m.direction == QLatin1String("inbound");
    if (!stored) {
        MessageRecord reply;
        reply.clientId = client.value();
        if (!phone.isEmpty()) {
            DbResult<QList<LeadRecord>> leads =
                    LeadRepository(m_database, m_clock, TenantScope::client(client.value())).findByPhone(phone, client.value());
            if (!leads.ok())
                return leads.error();
            if (!leads.value().isEmpty())
                reply.leadId = leads.value().first().id;
        }
        reply.channel = QStringLiteral("sms");
        reply.direction = QStringLiteral("inbound");
        reply.fromAddress = phone.isEmpty() ? sms.originator : phone;
        reply.toAddress = sms.receiver;
        reply.body = sms.body;
        reply.status = QStringLiteral("received");
        reply.provider = QStringLiteral("messagebird");
        reply.providerMessageId = sms.id;
        DbResult<qint64> id = messages.insert(reply);
        if (!id.ok())
            return id.error();
    }
    // YES confirms the reminded appointment; a first STOP gets its one confirmation (issue 21).
    if (DbError error = ReplyProcessor(m_database, m_clock).onInboundSms(phone, sms.body, sms.id))
        return error;
    if (!isStopWord(sms.body) || phone.isEmpty())
        return {};
    return applyStop(sms, phone, true);
}

// An agency-wide opt-out of the number (it binds every client); with markLeads, the number's
// leads are also marked do-not-contact.
DbError MessageBirdHandler::applyStop(const MessageBirdEvent &sms, const QString &phone, bool markLeads) const
{
    OptOutRecord optOut;
    optOut.phoneE164 = phone;
    optOut.channel = QStringLiteral("all");
    optOut.source = QStringLiteral("sms_reply");
    optOut.reason = sms.body.simplified().toUpper();
    DbResult<bool> added = OptOutRepository(m_database, m_clock, TenantScope::agency()).add(optOut);
    if (!added.ok())
        return added.error();
    if (!markLeads)
        return {};
    DbResult<int> leads = LeadProgressRepository(m_database, m_clock, TenantScope::agency()).markDoNotContactByPhone(phone);
    return leads.ok() ? DbError() : leads.error();
}

} // namespace Callvia::Services
