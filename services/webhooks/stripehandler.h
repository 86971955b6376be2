#pragma once

#include "providerhandler.h"

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

// One Stripe event about an invoice, typed. Absent fields stay empty / 0.
struct StripeInvoiceEvent
{
    QString id; // evt_…
    QString type; // invoice.paid, …
    qint64 createdMs = 0;
    QString objectId; // data.object.id (in_…)
    QString objectStatus;
    qint64 localInvoiceId = 0; // data.object.metadata.invoice_id
    QString number;
    QString hostedUrl;
    qint64 paidAtMs = 0; // data.object.status_transitions.paid_at
};

// JSON -> StripeInvoiceEvent. Required: id, type.
bool parseStripeEvent(const QByteArray &body, StripeInvoiceEvent *out, QString *error);

// Applies invoice.finalized / sent / paid / payment_succeeded / payment_failed / voided /
// marked_uncollectible to the local invoice (found by stripe_invoice_id, else by
// metadata.invoice_id); paid also marks its milestone paid. Status only moves forward.
// An event for an invoice we do not know changes nothing and is logged.
class StripeHandler final : public ProviderHandler
{
public:
    StripeHandler(Models::Database &database, const Models::Clock &clock);

    QString provider() const override { return QStringLiteral("stripe"); }
    bool identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                  QString *error) const override;
    Models::DbError apply(const Models::EventRecord &event) override;

    // invoice.* event type -> local invoice status; empty for types that change no status.
    static QString statusForType(const QString &type);

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
