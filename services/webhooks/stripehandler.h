#pragma once

#include "providerhandler.h"

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

#include <optional>

namespace Callvia::Services {

class ProviderConfig;

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
    int livemode = -1; // livemode: 1 true, 0 false, -1 absent or not a boolean
};

// JSON -> StripeInvoiceEvent. Required: id, type.
bool parseStripeEvent(const QByteArray &body, StripeInvoiceEvent *out, QString *error);

// Applies invoice.finalized / sent / paid / payment_succeeded / payment_failed / voided /
// marked_uncollectible to the local invoice (found by stripe_invoice_id, else by
// metadata.invoice_id); paid also marks its milestone paid. Status only moves forward.
// An event for an invoice we do not know changes nothing and is logged.
// With a ProviderConfig, an event whose `livemode` does not match the configured Stripe mode
// (configuredLivemode) is ignored with the reason logged: test-mode events never pay live
// invoices, nor the other way round; when the mode is not configured every event is ignored.
class StripeHandler final : public ProviderHandler
{
public:
    // config (borrowed) may be null only where no mode check is wanted (parser tests, fuzzing).
    StripeHandler(Models::Database &database, const Models::Clock &clock, const ProviderConfig *config = nullptr);

    // The Stripe mode this installation runs in: CALLVIA_STRIPE_LIVEMODE / setting stripe.livemode
    // ("true"/"false", "live"/"test", "1"/"0") when set, else the API key's prefix (sk_live_ or
    // rk_live_: live; sk_test_ or rk_test_: test); nullopt when neither says.
    static std::optional<bool> configuredLivemode(const ProviderConfig &config);

    QString provider() const override { return QStringLiteral("stripe"); }
    bool identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                  QString *error) const override;
    Models::DbError apply(const Models::EventRecord &event) override;

    // invoice.* event type -> local invoice status; empty for types that change no status.
    static QString statusForType(const QString &type);

private:
    Models::DbError applyToMilestone(const Models::InvoiceRecord &invoice, const StripeInvoiceEvent &event) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    const ProviderConfig *m_config;
};

} // namespace Callvia::Services
