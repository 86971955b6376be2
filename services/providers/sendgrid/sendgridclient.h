#pragma once

#include "../providerclient.h"

namespace Callvia::Services {

// SendGrid v3 mail send: POST {base}/v3/mail/send, "Authorization: Bearer <key>", JSON with one
// personalization whose custom_args carry message_id and outbox_id (strings), so the Event
// Webhook's events match back. Success is 202 with an empty body; the X-Message-Id header is the
// reference. A 2xx without that header is an answer we cannot read.
class SendGridClient final : public ProviderClient
{
public:
    explicit SendGridClient(const ProviderConfig &config);

    Request buildSend(const Models::OutboxRecord &row) const override;
    Answer readSend(const QByteArray &body, const QList<QNetworkReply::RawHeaderPair> &headers) const override;
    QString readError(const QByteArray &body) const override;
    bool resendIsSafe() const override { return false; }
};

} // namespace Callvia::Services
