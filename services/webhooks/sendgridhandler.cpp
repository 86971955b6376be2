#include "sendgridhandler.h"

#include "clientattribution.h"
#include "payloadfields.h"

#include <models/clock.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/optoutrepository.h>
#include <services/reminders/replyprocessor.h>

#include <QJsonArray>
#include <QJsonDocument>

namespace Callvia::Services {

using namespace Models;
namespace P = PayloadFields;

bool parseSendGridEvent(const QJsonObject &element, SendGridEvent *out, QString *error)
{
    if (!P::requireText(element, QStringLiteral("event"), &out->event, error))
        return false;
    if (!P::requireText(element, QStringLiteral("sg_event_id"), &out->sgEventId, error))
        return false;
    out->sgMessageId = P::text(element, QStringLiteral("sg_message_id"));
    out->messageId = out->sgMessageId.section(QLatin1Char('.'), 0, 0);
    out->email = P::text(element, QStringLiteral("email")).trimmed().toLower();
    const qint64 seconds = P::integer(element.value(QLatin1String("timestamp")), 0);
    out->timestampMs = seconds > 0 && seconds < 100'000'000'000 ? seconds * 1000 : 0;
    out->reason = P::text(element, QStringLiteral("reason"));
    if (out->reason.isEmpty())
        out->reason = P::text(element, QStringLiteral("response"));
    return true;
}

bool parseSendGridEvent(const QByteArray &body, SendGridEvent *out, QString *error)
{
    QJsonObject element;
    if (!P::parseObject(body, &element, error))
        return false;
    return parseSendGridEvent(element, out, error);
}

SendGridHandler::SendGridHandler(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

QString SendGridHandler::statusForEvent(const QString &event)
{
    static const QHash<QString, QString> map {
        { QStringLiteral("processed"), QStringLiteral("sent") },
        { QStringLiteral("delivered"), QStringLiteral("delivered") },
        { QStringLiteral("deferred"), QStringLiteral("deferred") },
        { QStringLiteral("bounce"), QStringLiteral("bounced") },
        { QStringLiteral("dropped"), QStringLiteral("dropped") },
        { QStringLiteral("open"), QStringLiteral("opened") },
        { QStringLiteral("click"), QStringLiteral("clicked") },
        { QStringLiteral("spamreport"), QStringLiteral("spam") },
        { QStringLiteral("unsubscribe"), QStringLiteral("unsubscribed") },
        { QStringLiteral("group_unsubscribe"), QStringLiteral("unsubscribed") },
    };
    return map.value(event);
}

bool SendGridHandler::identify(const QByteArray &body, const QUrlQuery &, QList<IncomingEvent> *events,
                               QString *error) const
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        *error = QStringLiteral("body is not a JSON array");
        return false;
    }
    const QJsonArray array = document.array();
    QList<IncomingEvent> parsed;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject()) {
            *error = QStringLiteral("element %1: not a JSON object").arg(i);
            return false;
        }
        const QJsonObject element = array.at(i).toObject();
        SendGridEvent event;
        QString elementError;
        if (!parseSendGridEvent(element, &event, &elementError)) {
            *error = QStringLiteral("element %1: %2").arg(i).arg(elementError);
            return false;
        }
        parsed.append({ event.sgEventId, event.event,
                        event.messageId.isEmpty() ? QString() : QStringLiteral("message:") + event.messageId,
                        P::compact(element) });
    }
    events->append(parsed); // all or nothing: a bad element rejects the batch
    return true;
}

DbError SendGridHandler::apply(const EventRecord &record)
{
    SendGridEvent event;
    QString parseError;
    if (!parseSendGridEvent(record.rawBody, &event, &parseError))
        return { DbError::Invalid, parseError };
    const QString status = statusForEvent(event.event);
    if (status.isEmpty())
        return {};
    MessageRepository messages(m_database, m_clock, TenantScope::agency());
    qint64 clientId = 0;
    if (!event.messageId.isEmpty()) {
        const QString error = status == QLatin1String("bounced") || status == QLatin1String("dropped")
                        || status == QLatin1String("deferred")
                ? event.reason
                : QString();
        DbResult<int> n = messages.applyDeliveryStatus(QStringLiteral("sendgrid"), event.messageId, status,
                                                       event.timestampMs, error);
        if (!n.ok())
            return n.error();
        DbResult<QList<MessageRecord>> rows = messages.findByProviderId(QStringLiteral("sendgrid"), event.messageId);
        if (!rows.ok())
            return rows.error();
        if (!rows.value().isEmpty())
            clientId = rows.value().first().clientId;
        if (DbError error = ClientAttribution(m_database, m_clock).markAttributed(record.id, clientId))
            return error;
    }
    // A bounce suppresses the address (issue 21).
    if (DbError error = ReplyProcessor(m_database, m_clock).onEmailEvent(status, event.email, event.reason))
        return error;
    if (status != QLatin1String("unsubscribed") && status != QLatin1String("spam"))
        return {};
    if (event.email.isEmpty())
        return {};
    OptOutRecord optOut;
    // An unsubscribe binds the client whose mail it was (agency-wide when unknown); a spam
    // complaint binds every client, since all mail leaves from the agency's sender.
    optOut.clientId = status == QLatin1String("spam") ? 0 : clientId;
    optOut.email = event.email;
    optOut.channel = QStringLiteral("email");
    optOut.source = QStringLiteral("email_unsubscribe");
    optOut.reason = event.event;
    DbResult<bool> added = OptOutRepository(m_database, m_clock, TenantScope::agency()).add(optOut);
    return added.ok() ? DbError() : added.error();
}

} // namespace Callvia::Services
