#pragma once

#include "providerhandler.h"

#include <QJsonObject>

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

// One element of a SendGrid Event Webhook batch, typed.
struct SendGridEvent
{
    QString event;
    QString sgEventId;
    QString sgMessageId;
    QString messageId; // sg_message_id before the first '.', = the X-Message-Id we stored
    QString email;
    qint64 timestampMs = 0;
    QString reason; // bounce / dropped reason, or a deferral's response
};

// One batch element (a JSON object) -> SendGridEvent. Required: event, sg_event_id.
bool parseSendGridEvent(const QJsonObject &element, SendGridEvent *out, QString *error);
// A stored element (compact JSON bytes) -> SendGridEvent.
bool parseSendGridEvent(const QByteArray &body, SendGridEvent *out, QString *error);

// Applies SendGrid e-mail events to `messages` (by provider_message_id, only forward) and
// records an e-mail opt-out for unsubscribe, group_unsubscribe and spamreport.
class SendGridHandler final : public ProviderHandler
{
public:
    SendGridHandler(Models::Database &database, const Models::Clock &clock);

    QString provider() const override { return QStringLiteral("sendgrid"); }
    // The body is a JSON array: one IncomingEvent per element, rawBody = that element.
    bool identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                  QString *error) const override;
    Models::DbError apply(const Models::EventRecord &event) override;

    // SendGrid event name -> messages.status; empty for events that change no status.
    static QString statusForEvent(const QString &event);

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
