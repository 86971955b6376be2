#include "retellhandler.h"

#include "clientattribution.h"
#include "payloadfields.h"

#include <models/repositories/calllogrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/leadprogressrepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/usagerepository.h>

namespace Callvia::Services {

using namespace Models;
namespace P = PayloadFields;

namespace {

QString normalizeOutcome(const QString &raw)
{
    const QString s = raw.trimmed().toLower().replace(QLatin1Char(' '), QLatin1Char('_'));
    if (s.isEmpty())
        return {};
    if (s == QLatin1String("appointment_set") || s == QLatin1String("booked") || s == QLatin1String("appointment_booked"))
        return QStringLiteral("appointment_set");
    if (s == QLatin1String("callback_requested") || s == QLatin1String("callback"))
        return QStringLiteral("callback_requested");
    // A "stop calling" intent is an opt-out (compliance.md rule 7): it lands where not_interested does.
    if (s == QLatin1String("not_interested") || s == QLatin1String("dnc") || s == QLatin1String("do_not_call")
        || s == QLatin1String("stop_calling") || s == QLatin1String("opt_out"))
        return QStringLiteral("not_interested");
    if (s == QLatin1String("voicemail") || s == QLatin1String("no_answer"))
        return s;
    return QStringLiteral("other");
}

// custom_analysis_data: an `outcome` string wins; else the flags appointment_set / booked,
// callback_requested, not_interested; else in_voicemail gives `voicemail`.
void readAnalysis(const QJsonObject &analysis, RetellCallEvent *out)
{
    out->hasAnalysis = true;
    out->summary = P::text(analysis, QStringLiteral("call_summary"));
    const QString sentiment = P::text(analysis, QStringLiteral("user_sentiment")).trimmed();
    for (const char *known : { "Positive", "Negative", "Neutral", "Unknown" }) {
        if (sentiment.compare(QLatin1String(known), Qt::CaseInsensitive) == 0)
            out->sentiment = QLatin1String(known);
    }
    out->callSuccessful = P::flag(analysis.value(QLatin1String("call_successful")));
    out->inVoicemail = P::flag(analysis.value(QLatin1String("in_voicemail")));
    const QJsonObject custom = analysis.value(QLatin1String("custom_analysis_data")).toObject();
    out->outcome = normalizeOutcome(P::text(custom, QStringLiteral("outcome")));
    if (out->outcome.isEmpty()) {
        if (P::flag(custom.value(QLatin1String("appointment_set"))) == 1 || P::flag(custom.value(QLatin1String("booked"))) == 1)
            out->outcome = QStringLiteral("appointment_set");
        else if (P::flag(custom.value(QLatin1String("callback_requested"))) == 1)
            out->outcome = QStringLiteral("callback_requested");
        else if (P::flag(custom.value(QLatin1String("not_interested"))) == 1
                 || P::flag(custom.value(QLatin1String("stop_calling"))) == 1)
            out->outcome = QStringLiteral("not_interested");
        else if (out->inVoicemail == 1)
            out->outcome = QStringLiteral("voicemail");
    }
    for (const char *key : { "callback_at", "callback_time" }) {
        const QJsonValue value = custom.value(QLatin1String(key));
        qint64 at = value.isString() ? P::isoToMs(value.toString()) : 0;
        if (at == 0) {
            at = P::integer(value, 0);
            if (at > 0 && at < 100'000'000'000) // seconds, not ms
                at *= 1000;
        }
        if (at > 0 && out->callbackAt == 0)
            out->callbackAt = at;
    }
}

// The ids Retell vouches for, in the order they decide the client: the agent, then our end of
// the call (from_number when we dialled, to_number when the lead called us).
QList<ClientAttribution::Candidate> trustedIds(const RetellCallEvent &call)
{
    const QString ours = call.direction == QLatin1String("inbound") ? call.toNumber : call.fromNumber;
    return { { QStringLiteral("agent_id"), call.agentId }, { QStringLiteral("number"), ours } };
}

} // namespace

bool parseRetellEvent(const QByteArray &body, RetellCallEvent *out, QString *error)
{
    QJsonObject root;
    if (!P::parseObject(body, &root, error))
        return false;
    if (!P::requireText(root, QStringLiteral("event"), &out->event, error))
        return false;
    if (!root.value(QLatin1String("call")).isObject()) {
        *error = P::missing(QStringLiteral("call"));
        return false;
    }
    const QJsonObject call = root.value(QLatin1String("call")).toObject();
    if (!P::requireText(call, QStringLiteral("call_id"), &out->callId, error, QStringLiteral("call.")))
        return false;
    out->agentId = P::text(call, QStringLiteral("agent_id"));
    if (P::text(call, QStringLiteral("direction")) == QLatin1String("inbound"))
        out->direction = QStringLiteral("inbound");
    out->fromNumber = P::text(call, QStringLiteral("from_number"));
    out->toNumber = P::text(call, QStringLiteral("to_number"));
    out->callStatus = P::text(call, QStringLiteral("call_status"));
    out->startMs = qMax<qint64>(0, P::integer(call.value(QLatin1String("start_timestamp"))));
    out->endMs = qMax<qint64>(0, P::integer(call.value(QLatin1String("end_timestamp"))));
    out->durationMs = P::integer(call.value(QLatin1String("duration_ms")), -1);
    if (out->durationMs < 0 && out->startMs > 0 && out->endMs >= out->startMs)
        out->durationMs = out->endMs - out->startMs;
    out->transcript = P::text(call, QStringLiteral("transcript"));
    out->recordingUrl = P::text(call, QStringLiteral("recording_url"));
    out->disconnectionReason = P::text(call, QStringLiteral("disconnection_reason"));
    out->metadataClientId = qMax<qint64>(0, P::integer(P::at(call, QStringLiteral("metadata.client_id")), 0));
    out->metadataLeadId = qMax<qint64>(0, P::integer(P::at(call, QStringLiteral("metadata.lead_id")), 0));
    out->metadataCampaignId = qMax<qint64>(0, P::integer(P::at(call, QStringLiteral("metadata.campaign_id")), 0));
    if (call.value(QLatin1String("call_analysis")).isObject())
        readAnalysis(call.value(QLatin1String("call_analysis")).toObject(), out);
    return true;
}

RetellHandler::RetellHandler(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

bool RetellHandler::identify(const QByteArray &body, const QUrlQuery &, QList<IncomingEvent> *events,
                             QString *error) const
{
    RetellCallEvent call;
    if (!parseRetellEvent(body, &call, error))
        return false;
    events->append({ call.callId + QLatin1Char(':') + call.event, call.event,
                     QStringLiteral("call:") + call.callId, body });
    return true;
}

DbResult<qint64> RetellHandler::resolveClient(const RetellCallEvent &call) const
{
    if (call.metadataClientId > 0) {
        DbResult<ClientRecord> client = ClientRepository(m_database, m_clock, TenantScope::agency()).find(call.metadataClientId);
        if (client.ok())
            return client.value().id;
        if (client.error().kind() != DbError::NotFound)
            return client.error();
    } else if (call.metadataLeadId > 0) {
        DbResult<LeadRecord> lead = LeadRepository(m_database, m_clock, TenantScope::agency()).find(call.metadataLeadId);
        if (lead.ok())
            return lead.value().clientId;
        if (lead.error().kind() != DbError::NotFound)
            return lead.error();
    }
    return ClientAttribution(m_database, m_clock).clientFor(provider(), trustedIds(call));
}

DbError RetellHandler::resolveLead(const RetellCallEvent &call, qint64 clientId, CallLogRecord *record) const
{
    record->clientId = clientId;
    LeadRepository leads(m_database, m_clock, TenantScope::client(clientId));
    LeadRecord lead;
    if (call.metadataLeadId > 0) {
        DbResult<LeadRecord> found = leads.find(call.metadataLeadId);
        if (found.ok())
            lead = found.value();
        else if (found.error().kind() != DbError::NotFound)
            return found.error();
    }
    // The lead's number is the far end: to_number on outbound calls, from_number on inbound.
    const QString theirs = call.direction == QLatin1String("inbound") ? call.fromNumber : call.toNumber;
    const QString phone = lead.id == 0 ? P::leadPhone(theirs) : QString();
    if (!phone.isEmpty()) {
        DbResult<QList<LeadRecord>> found = leads.findByPhone(phone, clientId);
        if (!found.ok())
            return found.error();
        if (!found.value().isEmpty())
            lead = found.value().first(); // newest lead with that number
    }
    record->leadId = lead.id;
    record->campaignId = lead.id != 0 ? lead.campaignId : 0;
    return {};
}

DbError RetellHandler::apply(const EventRecord &event)
{
    RetellCallEvent call;
    QString parseError;
    if (!parseRetellEvent(event.rawBody, &call, &parseError))
        return { DbError::Invalid, parseError };

    DbResult<qint64> client = resolveClient(call);
    if (!client.ok())
        return client.error();
    if (client.value() == 0) {
        const QString reason = QStringLiteral("no client in the call metadata and none mapped to Retell ")
                + ClientAttribution::describe(trustedIds(call));
        return ClientAttribution(m_database, m_clock).markUnattributed(event.id, reason);
    }
    if (DbError error = ClientAttribution(m_database, m_clock).markAttributed(event.id, client.value()))
        return error;
    CallLogRepository callLogs(m_database, m_clock, TenantScope::agency());
    CallLogRecord record;
    DbResult<CallLogRecord> existing = callLogs.findByRetellId(call.callId);
    if (!existing.ok() && existing.error().kind() != DbError::NotFound)
        return existing.error();
    if (!existing.ok() || existing.value().leadId == 0) {
        if (DbError error = resolveLead(call, client.value(), &record))
            return error;
    }
    record.retellCallId = call.callId;
    record.agentId = call.agentId;
    record.direction = call.direction;
    record.fromNumber = call.fromNumber;
    record.toNumber = call.toNumber;
    record.callStatus = call.callStatus;
    record.startedAt = call.startMs;
    record.endedAt = call.endMs;
    record.durationMs = call.durationMs;
    record.durationSeconds = call.durationMs >= 0 ? UsageRepository::billedSeconds(call.durationMs) : -1;
    record.transcript = call.transcript;
    record.recordingUrl = call.recordingUrl;
    record.disconnectionReason = call.disconnectionReason;
    record.summary = call.summary;
    record.sentiment = call.sentiment;
    record.outcome = call.outcome;
    record.callbackAt = call.callbackAt;
    record.callSuccessful = call.callSuccessful;
    record.inVoicemail = call.inVoicemail;
    DbResult<qint64> id = callLogs.upsert(record);
    if (!id.ok())
        return id.error();
    DbResult<CallLogRecord> row = callLogs.find(id.value());
    if (!row.ok())
        return row.error();
    if (DbError error = applyLeadEffects(row.value()))
        return error;
    return recordUsage(row.value());
}

// Derived from the merged row, never from the single event, so the order does not matter.
DbError RetellHandler::applyLeadEffects(const CallLogRecord &row) const
{
    if (row.leadId == 0)
        return {};
    LeadProgressRepository progress(m_database, m_clock, TenantScope::agency());
    const bool connected = row.startedAt > 0 && !row.disconnectionReason.startsWith(QLatin1String("dial_"));
    if (connected) {
        if (DbError error = progress.noteContacted(row.leadId, row.startedAt))
            return error;
        DbResult<bool> moved = progress.advanceStatus(row.leadId, QStringLiteral("contacted"));
        if (!moved.ok())
            return moved.error();
    }
    QString status;
    if (row.outcome == QLatin1String("appointment_set"))
        status = QStringLiteral("booked");
    else if (row.outcome == QLatin1String("callback_requested"))
        status = QStringLiteral("callback");
    else if (row.outcome == QLatin1String("not_interested"))
        status = QStringLiteral("dnc");
    if (status.isEmpty())
        return {};
    DbResult<bool> moved = progress.advanceStatus(row.leadId, status, status == QLatin1String("callback") ? row.callbackAt : 0);
    if (!moved.ok())
        return moved.error();
    if (status != QLatin1String("dnc"))
        return {};
    DbResult<LeadRecord> lead = LeadRepository(m_database, m_clock, TenantScope::agency()).find(row.leadId);
    if (!lead.ok())
        return lead.error();
    OptOutRecord optOut;
    optOut.clientId = lead.value().clientId;
    optOut.phoneE164 = lead.value().phoneE164;
    optOut.email = lead.value().email;
    optOut.channel = QStringLiteral("all");
    optOut.source = QStringLiteral("call_outcome");
    optOut.reason = QStringLiteral("not interested (call ") + row.retellCallId + QLatin1Char(')');
    DbResult<bool> added = OptOutRepository(m_database, m_clock, TenantScope::agency()).add(optOut);
    return added.ok() ? DbError() : added.error();
}

DbError RetellHandler::recordUsage(const CallLogRecord &row) const
{
    if (row.clientId == 0 || row.durationMs < 0 || (row.endedAt == 0 && row.callStatus != QLatin1String("ended")))
        return {};
    DbResult<ClientRecord> client = ClientRepository(m_database, m_clock, TenantScope::agency()).find(row.clientId);
    if (!client.ok())
        return client.error();
    UsageRecord usage;
    usage.clientId = row.clientId;
    usage.callLogId = row.id;
    usage.campaignId = row.campaignId;
    usage.seconds = UsageRepository::billedSeconds(row.durationMs);
    usage.rateCentsPerMinute = client.value().perMinuteRateCents;
    usage.costCents = UsageRepository::costCents(usage.seconds, usage.rateCentsPerMinute);
    usage.currency = client.value().currency;
    usage.occurredAt = row.startedAt ? row.startedAt : (row.endedAt ? row.endedAt : m_clock.nowMs());
    DbResult<bool> written = UsageRepository(m_database, m_clock, TenantScope::agency()).recordForCall(usage);
    return written.ok() ? DbError() : written.error();
}

} // namespace Callvia::Services
