#pragma once

#include "../providerclient.h"

namespace Callvia::Services {

// MessageBird SMS: POST {base}/messages, "Authorization: AccessKey <key>", JSON
// {originator, recipients, body, reference}. `reference` carries our message id (else the outbox
// key) so delivery reports match back. No idempotency key exists: a 2xx whose body cannot be read
// counts as accepted (the delivery report fills in the id), never as a reason to send again.
class MessageBirdClient final : public ProviderClient
{
public:
    explicit MessageBirdClient(const ProviderConfig &config);

    Request buildSend(const Models::OutboxRecord &row) const override;
    Answer readSend(const QByteArray &body, const QList<QNetworkReply::RawHeaderPair> &headers) const override;
    QString readError(const QByteArray &body) const override;
    bool resendIsSafe() const override { return false; }
};

} // namespace Callvia::Services
