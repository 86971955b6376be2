#pragma once

#include "providerhandler.h"

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

// A MessageBird delivery report (DLR) or inbound SMS, typed.
struct MessageBirdEvent
{
    enum Kind { DeliveryReport, InboundSms };
    Kind kind = DeliveryReport;
    QString id; // message id (DLR) or inbound message id
    QString reference;
    QString recipient; // DLR: MSISDN without '+'
    QString status; // DLR: scheduled | sent | buffered | delivered | expired | delivery_failed
    QString statusDatetime; // DLR: as sent, '+' of the offset restored
    qint64 statusMs = 0;
    QString originator; // inbound: sender MSISDN
    QString body; // inbound: payload or body
    QString receiver; // inbound: our number
};

// The stored form: a DLR arrives as GET query parameters, so identify() stores it as a compact
// JSON object of those parameters (plus "kind":"dlr"); an inbound SMS is stored as sent.
bool parseMessageBirdEvent(const QByteArray &body, MessageBirdEvent *out, QString *error);

// Applies MessageBird DLRs to `messages` (only forward; a DLR names our own message id) and
// inbound SMS replies. A reply finds its client from the number that received it (ours, mapped
// in the client settings), then its lead within that client only, and is stored as an inbound
// message of that client. A reply to a number mapped to no client is flagged unattributed and
// stored nowhere else. A stop word (STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE,
// STOPALL; any case, trimmed) opts the number out of everything, for every client, even when
// unattributed: a revocation must be honoured whatever number it reached (compliance.md).
class MessageBirdHandler final : public ProviderHandler
{
public:
    MessageBirdHandler(Models::Database &database, const Models::Clock &clock);

    QString provider() const override { return QStringLiteral("messagebird"); }
    bool identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                  QString *error) const override;
    Models::DbError apply(const Models::EventRecord &event) override;

    static bool isStopWord(const QString &text);
    // MessageBird DLR status -> messages.status; empty for unknown statuses.
    static QString statusForDlr(const QString &status);

private:
    Models::DbError applyInbound(const MessageBirdEvent &sms, qint64 eventId) const;
    Models::DbError applyStop(const MessageBirdEvent &sms, const QString &phone, bool markLeads) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
