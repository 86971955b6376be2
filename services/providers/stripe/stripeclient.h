#pragma once

#include "../providerclient.h"

namespace Callvia::Services {

// Stripe REST: form-encoded bodies with nested keys (metadata[client_id]=7, expand[0]=customer),
// "Authorization: Bearer sk_...", an Idempotency-Key on every POST (the outbox row's key, so a
// resend after a crash is answered with the first result) and a pinned Stripe-Version. Errors are
// read from error.type / code / message. The static helpers build outbox payloads for the billing
// flow: customer, invoice (draft), invoice item, finalize, send.
class StripeClient final : public ProviderClient
{
public:
    explicit StripeClient(const ProviderConfig &config);

    static QByteArray formEncode(const QJsonObject &form);
    static QJsonObject customerPayload(const QString &email, const QString &name, const QString &phone,
                                       const QJsonObject &metadata);
    static QJsonObject invoicePayload(const QString &customerId, const QString &currency, int daysUntilDue,
                                      const QString &description, const QJsonObject &metadata);
    static QJsonObject invoiceItemPayload(const QString &customerId, const QString &invoiceId, qint64 amountCents,
                                          const QString &currency, const QString &description,
                                          const QJsonObject &metadata);
    static QJsonObject finalizePayload(const QString &invoiceId);
    static QJsonObject sendPayload(const QString &invoiceId);

    Request buildSend(const Models::OutboxRecord &row) const override;
    Answer readSend(const QByteArray &body, const QList<QNetworkReply::RawHeaderPair> &headers) const override;
    QString readError(const QByteArray &body) const override;
    bool retryableStatus(int status, const QList<QNetworkReply::RawHeaderPair> &headers) const override;
};

} // namespace Callvia::Services
