#pragma once

#include <models/dberror.h>
#include <models/records.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrlQuery>

namespace Callvia::Services {

// One provider event as it will be stored in `events`: the listener splits a verified request
// into these (a SendGrid batch gives several), inserts them with ON CONFLICT DO NOTHING on
// (provider, providerEventId), answers 2xx, and later hands each stored row to apply().
struct IncomingEvent
{
    QString providerEventId; // dedupe key (integrations.md §6): Stripe event.id, Retell call_id:event, …
    QString eventType;
    QString orderingKey; // events with the same key are applied in arrival order (call, booking, invoice, message)
    QByteArray rawBody; // what apply() will parse: the raw request body, or one element of a batch
};

// Provider-specific knowledge of webhook payloads, shared by the listener (intake) and the
// event processor (apply). Signature verification is separate (the verifiers).
class ProviderHandler
{
public:
    virtual ~ProviderHandler() = default;

    // "retell", "calcom", "stripe", "sendgrid" or "messagebird" (the events.provider value).
    virtual QString provider() const = 0;

    // Parses a verified request into events. For MessageBird delivery reports sent as GET the
    // body is empty and the data is in `query`. On malformed input returns false and sets
    // *error to a message that names the missing or bad field (the listener answers 400).
    virtual bool identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                          QString *error) const = 0;

    // Applies one stored event to the database. Called by the processor inside a transaction
    // it opened on the current thread's connection (commit/rollback is the caller's). Must
    // give the same final state whatever order a call's / booking's / invoice's events arrive
    // in, and must be harmless when repeated. An error is recorded on the event and retried.
    virtual Models::DbError apply(const Models::EventRecord &event) = 0;
};

} // namespace Callvia::Services
