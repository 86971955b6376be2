#pragma once

#include "providerhandler.h"

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

// One Retell call event (call_started / call_ended / call_analyzed), typed. Fields the event
// does not carry stay empty / 0 / -1.
struct RetellCallEvent
{
    QString event;
    QString callId;
    QString agentId;
    QString direction = QStringLiteral("outbound");
    QString fromNumber;
    QString toNumber;
    QString callStatus;
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 durationMs = -1;
    QString transcript;
    QString recordingUrl;
    QString disconnectionReason;
    // Our own metadata on calls we placed (integrations.md §1.4), echoed by Retell: each is set
    // when it is a number or a string of digits.
    qint64 metadataClientId = 0; // call.metadata.client_id
    qint64 metadataLeadId = 0; // call.metadata.lead_id
    qint64 metadataCampaignId = 0; // call.metadata.campaign_id
    bool hasAnalysis = false;
    QString summary;
    QString sentiment; // Positive | Negative | Neutral | Unknown, else empty
    QString outcome; // appointment_set | callback_requested | not_interested | voicemail | no_answer | other
    qint64 callbackAt = 0;
    int callSuccessful = -1;
    int inVoicemail = -1;
};

// JSON -> RetellCallEvent. Required: event, call.call_id. Never crashes on any bytes.
bool parseRetellEvent(const QByteArray &body, RetellCallEvent *out, QString *error);

// Applies Retell call events to call_logs, usage_records, leads and opt_outs (README: "Applying
// webhook events"). The call's client comes first, from what Retell vouches for: our metadata
// (client_id, else the client of lead_id), else the agent id, else our own number (from_number
// outbound, to_number inbound) mapped in the client settings; the lead is then matched within
// that client only. A call that maps to no client is flagged unattributed and changes nothing. Each event carries the whole call object, so every event merges what it
// knows into the call log and then derives the lead status and usage from the merged row;
// that is what makes any arrival order give the same result.
class RetellHandler final : public ProviderHandler
{
public:
    RetellHandler(Models::Database &database, const Models::Clock &clock);

    QString provider() const override { return QStringLiteral("retell"); }
    bool identify(const QByteArray &body, const QUrlQuery &query, QList<IncomingEvent> *events,
                  QString *error) const override;
    Models::DbError apply(const Models::EventRecord &event) override;

private:
    Models::DbResult<qint64> resolveClient(const RetellCallEvent &call) const;
    Models::DbError resolveLead(const RetellCallEvent &call, qint64 clientId, Models::CallLogRecord *record) const;
    Models::DbError applyLeadEffects(const Models::CallLogRecord &row) const;
    Models::DbError recordUsage(const Models::CallLogRecord &row) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
