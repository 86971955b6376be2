#pragma once

#include "../providerclient.h"

namespace Callvia::Services {

// Retell create-phone-call: POST {base}/v2/create-phone-call, "Authorization: Bearer <key>", JSON
// {from_number, to_number, override_agent_id?, metadata, retell_llm_dynamic_variables?}. Retell
// has no idempotency key, so our key goes into metadata.callvia_outbox_key and a row whose outcome
// is unknown is looked up (POST /v2/list-calls filtered by the numbers, matched on that key)
// before anything is sent again: a lead is never phoned twice.
class RetellClient final : public ProviderClient
{
public:
    explicit RetellClient(const ProviderConfig &config);

    static QString outboxKeyField() { return QStringLiteral("callvia_outbox_key"); }

    Request buildSend(const Models::OutboxRecord &row) const override;
    Answer readSend(const QByteArray &body, const QList<QNetworkReply::RawHeaderPair> &headers) const override;
    bool resendIsSafe() const override { return false; }
    Request buildLookup(const Models::OutboxRecord &row) const override;
    LookupResult readLookup(const Models::OutboxRecord &row, const QByteArray &body) const override;
    // GET {base}/v2/get-call/{call_id}: one call's state.
    QNetworkRequest getCallRequest(const QString &callId) const;
};

} // namespace Callvia::Services
