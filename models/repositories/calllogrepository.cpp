#include "calllogrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

namespace {

const QString selectColumns = QStringLiteral(
        "SELECT id, client_id, lead_id, campaign_id, retell_call_id, agent_id, direction, from_number, to_number, "
        "call_status, started_at, ended_at, duration_ms, duration_seconds, transcript, recording_url, "
        "disconnection_reason, summary, sentiment, outcome, callback_at, call_successful, in_voicemail, created_at, "
        "updated_at FROM call_logs ");

qint64 orMinusOne(const QVariant &v)
{
    return v.isNull() ? -1 : v.toLongLong();
}

CallLogRecord readCallLog(const QSqlQuery &q)
{
    CallLogRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.leadId = q.value(2).toLongLong();
    r.campaignId = q.value(3).toLongLong();
    r.retellCallId = q.value(4).toString();
    r.agentId = q.value(5).toString();
    r.direction = q.value(6).toString();
    r.fromNumber = q.value(7).toString();
    r.toNumber = q.value(8).toString();
    r.callStatus = q.value(9).toString();
    r.startedAt = q.value(10).toLongLong();
    r.endedAt = q.value(11).toLongLong();
    r.durationMs = orMinusOne(q.value(12));
    r.durationSeconds = orMinusOne(q.value(13));
    r.transcript = q.value(14).toString();
    r.recordingUrl = q.value(15).toString();
    r.disconnectionReason = q.value(16).toString();
    r.summary = q.value(17).toString();
    r.sentiment = q.value(18).toString();
    r.outcome = q.value(19).toString();
    r.callbackAt = q.value(20).toLongLong();
    r.callSuccessful = static_cast<int>(orMinusOne(q.value(21)));
    r.inVoicemail = static_cast<int>(orMinusOne(q.value(22)));
    r.createdAt = q.value(23).toLongLong();
    r.updatedAt = q.value(24).toLongLong();
    return r;
}

QVariant flag(int value)
{
    return value < 0 ? QVariant(QMetaType::fromType<int>()) : QVariant(value);
}

} // namespace

CallLogRepository::CallLogRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<qint64> CallLogRepository::upsert(const CallLogRecord &r) const
{
    if (r.clientId != 0 && !m_scope.allows(r.clientId))
        return Sql::outOfScope();
    if (r.retellCallId.isEmpty())
        return DbError(DbError::Invalid, QStringLiteral("call log without a Retell call id"));
    const qint64 now = m_clock.nowMs();
    // Everything the statement needs arrives through VALUES, so both dialects type the binds
    // from the columns; the merge rules read `excluded`.
    static const QString sql = QStringLiteral(
            "INSERT INTO call_logs (client_id, lead_id, campaign_id, retell_call_id, agent_id, direction, from_number, "
            "to_number, call_status, started_at, ended_at, duration_ms, duration_seconds, transcript, recording_url, "
            "disconnection_reason, summary, sentiment, outcome, callback_at, call_successful, in_voicemail, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (retell_call_id) DO UPDATE SET "
            "client_id = COALESCE(call_logs.client_id, excluded.client_id), "
            "lead_id = COALESCE(call_logs.lead_id, excluded.lead_id), "
            "campaign_id = COALESCE(call_logs.campaign_id, excluded.campaign_id), "
            "agent_id = COALESCE(excluded.agent_id, call_logs.agent_id), "
            "direction = excluded.direction, "
            "from_number = COALESCE(excluded.from_number, call_logs.from_number), "
            "to_number = COALESCE(excluded.to_number, call_logs.to_number), "
            // registered < ongoing | not_connected < ended | error: a late call_started keeps `ended`
            "call_status = CASE WHEN excluded.call_status IS NULL OR (CASE call_logs.call_status "
            "WHEN 'registered' THEN 0 WHEN 'ongoing' THEN 1 WHEN 'not_connected' THEN 1 WHEN 'ended' THEN 2 "
            "WHEN 'error' THEN 2 ELSE -1 END) > (CASE excluded.call_status WHEN 'registered' THEN 0 WHEN 'ongoing' "
            "THEN 1 WHEN 'not_connected' THEN 1 WHEN 'ended' THEN 2 WHEN 'error' THEN 2 ELSE -1 END) "
            "THEN call_logs.call_status ELSE excluded.call_status END, "
            "started_at = COALESCE(excluded.started_at, call_logs.started_at), "
            "ended_at = COALESCE(excluded.ended_at, call_logs.ended_at), "
            "duration_ms = COALESCE(excluded.duration_ms, call_logs.duration_ms), "
            "duration_seconds = COALESCE(excluded.duration_seconds, call_logs.duration_seconds), "
            "transcript = COALESCE(excluded.transcript, call_logs.transcript), "
            "recording_url = COALESCE(excluded.recording_url, call_logs.recording_url), "
            "disconnection_reason = COALESCE(excluded.disconnection_reason, call_logs.disconnection_reason), "
            "summary = COALESCE(excluded.summary, call_logs.summary), "
            "sentiment = COALESCE(excluded.sentiment, call_logs.sentiment), "
            "outcome = COALESCE(excluded.outcome, call_logs.outcome), "
            "callback_at = COALESCE(excluded.callback_at, call_logs.callback_at), "
            "call_successful = COALESCE(excluded.call_successful, call_logs.call_successful), "
            "in_voicemail = COALESCE(excluded.in_voicemail, call_logs.in_voicemail), "
            "updated_at = excluded.updated_at RETURNING id");
    return Sql::insertReturningId(
            m_database, sql,
            { Sql::nullIfZero(r.clientId), Sql::nullIfZero(r.leadId), Sql::nullIfZero(r.campaignId), r.retellCallId,
              Sql::nullIfEmpty(r.agentId), r.direction.isEmpty() ? QStringLiteral("outbound") : r.direction,
              Sql::nullIfEmpty(r.fromNumber), Sql::nullIfEmpty(r.toNumber), Sql::nullIfEmpty(r.callStatus),
              Sql::nullIfZero(r.startedAt), Sql::nullIfZero(r.endedAt), Sql::nullIfNegative(r.durationMs),
              Sql::nullIfNegative(r.durationSeconds), Sql::nullIfEmpty(r.transcript), Sql::nullIfEmpty(r.recordingUrl),
              Sql::nullIfEmpty(r.disconnectionReason), Sql::nullIfEmpty(r.summary), Sql::nullIfEmpty(r.sentiment),
              Sql::nullIfEmpty(r.outcome), Sql::nullIfZero(r.callbackAt), flag(r.callSuccessful),
              flag(r.inVoicemail), r.createdAt ? r.createdAt : now, now });
}

DbResult<CallLogRecord> CallLogRepository::findWhere(const QString &where, const QVariant &bind) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, selectColumns + where + Sql::scopeClause(m_scope), { bind });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return Sql::outOfScope();
    return readCallLog(q.value());
}

DbResult<CallLogRecord> CallLogRepository::find(qint64 id) const
{
    return findWhere(QStringLiteral("WHERE id = ?"), id);
}

DbResult<CallLogRecord> CallLogRepository::findByRetellId(const QString &retellCallId) const
{
    return findWhere(QStringLiteral("WHERE retell_call_id = ?"), retellCallId);
}

DbResult<QList<CallLogRecord>> CallLogRepository::listUnmatched() const
{
    if (!m_scope.isAgency())
        return QList<CallLogRecord>();
    DbResult<QSqlQuery> q = Sql::exec(
            m_database, selectColumns + QStringLiteral("WHERE lead_id IS NULL ORDER BY created_at DESC, id DESC"));
    if (!q.ok())
        return q.error();
    QList<CallLogRecord> rows;
    while (q.value().next())
        rows << readCallLog(q.value());
    return rows;
}

DbResult<QList<CallLogRecord>> CallLogRepository::listForLead(qint64 leadId, int limit) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database,
                                      selectColumns + QStringLiteral("WHERE lead_id = ?") + Sql::scopeClause(m_scope)
                                              + QStringLiteral(" ORDER BY COALESCE(started_at, created_at) DESC, id DESC LIMIT ?"),
                                      { leadId, limit });
    if (!q.ok())
        return q.error();
    QList<CallLogRecord> rows;
    while (q.value().next())
        rows << readCallLog(q.value());
    return rows;
}

} // namespace Callvia::Models
