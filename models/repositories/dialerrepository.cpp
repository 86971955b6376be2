#include "dialerrepository.h"
#include "optoutrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QHash>

namespace Callvia::Models {

namespace {

// The states of a call whose outcome is not known; the same text as the partial indexes of 026,
// so both SQLite and PostgreSQL use them.
const QString openStates = QStringLiteral("state IN ('queued', 'placed', 'timed_out')");

const QString candidateColumns = QStringLiteral(
        "SELECT l.id, l.client_id, l.campaign_id, TRIM(COALESCE(l.first_name, '') || ' ' || COALESCE(l.last_name, '')), "
        "l.phone_e164, l.time_zone, l.region, cl.time_zone, l.status, l.callback_at, l.call_attempts, l.consent_type, "
        "l.consent_at, l.consent_source, COALESCE(d.next_check_at, 0), d.reason "
        "FROM leads l JOIN clients cl ON cl.id = l.client_id LEFT JOIN dialer_leads d ON d.lead_id = l.id ");

DialerCandidate readCandidate(const QSqlQuery &q)
{
    DialerCandidate c;
    c.leadId = q.value(0).toLongLong();
    c.clientId = q.value(1).toLongLong();
    c.campaignId = q.value(2).toLongLong();
    c.name = q.value(3).toString();
    c.phoneE164 = q.value(4).toString();
    c.timeZone = q.value(5).toString();
    c.region = q.value(6).toString();
    c.clientTimeZone = q.value(7).toString();
    c.status = q.value(8).toString();
    c.callbackAt = q.value(9).toLongLong();
    c.callAttempts = q.value(10).toInt();
    c.consentType = q.value(11).toString();
    c.consentAt = q.value(12).toLongLong();
    c.consentSource = q.value(13).toString();
    c.nextCheckAt = q.value(14).toLongLong();
    c.reason = q.value(15).toString();
    return c;
}

DialerCallEnd readEnd(const QSqlQuery &q)
{
    DialerCallEnd e;
    e.callId = q.value(0).toLongLong();
    e.leadId = q.value(1).toLongLong();
    e.campaignId = q.value(2).toLongLong();
    e.startedAt = q.value(3).toLongLong();
    e.endedAt = q.value(4).toLongLong();
    e.disconnectionReason = q.value(5).toString();
    e.inVoicemail = q.isNull(6) ? -1 : q.value(6).toInt();
    e.analysis = q.value(7).toString();
    e.callbackAt = q.value(8).toLongLong();
    return e;
}

} // namespace

DialerRepository::DialerRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<DialerCampaignState> DialerRepository::state(qint64 campaignId) const
{
    DialerCampaignState state;
    state.campaignId = campaignId;
    bool found = false;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT c.client_id, d.state, d.message, d.changed_at FROM campaigns c "
                           "LEFT JOIN dialer_campaigns d ON d.campaign_id = c.id WHERE c.id = ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("c.client_id")),
            { campaignId }, [&](const QSqlQuery &q) {
                found = true;
                state.clientId = q.value(0).toLongLong();
                if (!q.isNull(1))
                    state.state = q.value(1).toString();
                state.message = q.value(2).toString();
                state.changedAt = q.value(3).toLongLong();
            });
    if (error)
        return error;
    if (!found)
        return Sql::outOfScope();
    return state;
}

DbResult<QList<DialerCampaignState>> DialerRepository::campaigns(const QString &state) const
{
    QList<DialerCampaignState> list;
    DbError error = Sql::forEachRow(m_database,
                                    QStringLiteral("SELECT campaign_id, client_id, state, message, changed_at "
                                                   "FROM dialer_campaigns WHERE state = ?")
                                            + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY campaign_id"),
                                    { state }, [&](const QSqlQuery &q) {
                                        list.append({ q.value(0).toLongLong(), q.value(1).toLongLong(),
                                                      q.value(2).toString(), q.value(3).toString(),
                                                      q.value(4).toLongLong() });
                                    });
    if (error)
        return error;
    return list;
}

DbError DialerRepository::setState(qint64 campaignId, const QString &state, const QString &message) const
{
    DbResult<DialerCampaignState> current = this->state(campaignId);
    if (!current.ok())
        return current.error();
    DbResult<int> written = Sql::execAffected(
            m_database,
            QStringLiteral("INSERT INTO dialer_campaigns (campaign_id, client_id, state, message, changed_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign_id) DO UPDATE SET state = excluded.state, "
                           "message = excluded.message, changed_at = excluded.changed_at"),
            { campaignId, current.value().clientId, state, Sql::nullIfEmpty(message), m_clock.nowMs() });
    return written.ok() ? DbError() : written.error();
}

DbResult<bool> DialerRepository::hasWork() const
{
    DbResult<QVariant> running = Sql::firstValue(
            m_database, QStringLiteral("SELECT 1 FROM dialer_campaigns WHERE state = 'running'") + Sql::scopeClause(m_scope)
                                + QStringLiteral(" LIMIT 1"));
    if (!running.ok())
        return running.error();
    if (running.value().isValid())
        return true;
    DbResult<QVariant> open = Sql::firstValue(
            m_database, QStringLiteral("SELECT 1 FROM dialer_calls WHERE ") + openStates
                                + QStringLiteral(" AND state <> 'timed_out'") + Sql::scopeClause(m_scope)
                                + QStringLiteral(" LIMIT 1"));
    if (!open.ok())
        return open.error();
    return open.value().isValid();
}

DbResult<int> DialerRepository::syncLeads(qint64 campaignId) const
{
    // Lead ids only grow, so the leads added since the last sync are those above the largest
    // one the queue holds: a range read of the primary key (the unary + keeps SQLite from
    // walking the campaign's index instead, 100,000 entries per pass), not a scan of the campaign.
    DbResult<QVariant> last = Sql::firstValue(
            m_database, QStringLiteral("SELECT MAX(lead_id) FROM dialer_leads WHERE campaign_id = ?"), { campaignId });
    if (!last.ok())
        return last.error();
    return Sql::execAffected(
            m_database,
            QStringLiteral("INSERT INTO dialer_leads (lead_id, campaign_id, client_id, next_check_at) "
                           "SELECT l.id, l.campaign_id, l.client_id, 0 FROM leads l WHERE l.id > ? AND +l.campaign_id = ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("l.client_id"))
                    + QStringLiteral(" ON CONFLICT (lead_id) DO NOTHING"),
            { last.value().isNull() ? qint64(0) : last.value().toLongLong(), campaignId });
}

DbResult<QList<DialerCandidate>> DialerRepository::candidates(const QString &where, const QVariantList &binds) const
{
    QList<DialerCandidate> list;
    DbError error = Sql::forEachRow(m_database, candidateColumns + where, binds,
                                    [&](const QSqlQuery &q) { list.append(readCandidate(q)); });
    if (error)
        return error;
    if (DbError facts = loadFacts(list))
        return facts;
    return list;
}

DbResult<QList<DialerCandidate>> DialerRepository::dueCandidates(qint64 campaignId, qint64 nowMs, int limit) const
{
    return candidates(QStringLiteral("WHERE d.campaign_id = ? AND d.next_check_at <= ?")
                              + Sql::scopeClause(m_scope, QStringLiteral("d.client_id"))
                              + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM dialer_calls c WHERE c.lead_id = d.lead_id AND c.")
                              + openStates + QStringLiteral(") ORDER BY d.next_check_at, d.lead_id LIMIT ?"),
                      { campaignId, nowMs, limit });
}

DbResult<QList<DialerCandidate>> DialerRepository::nextInLine(qint64 campaignId, int limit) const
{
    return candidates(QStringLiteral("WHERE d.campaign_id = ?") + Sql::scopeClause(m_scope, QStringLiteral("d.client_id"))
                              + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM dialer_calls c WHERE c.lead_id = d.lead_id AND c.")
                              + openStates + QStringLiteral(") ORDER BY d.next_check_at, d.lead_id LIMIT ?"),
                      { campaignId, limit });
}

DbResult<DialerCandidate> DialerRepository::candidate(qint64 leadId) const
{
    DbResult<QList<DialerCandidate>> list =
            candidates(QStringLiteral("WHERE l.id = ?") + Sql::scopeClause(m_scope, QStringLiteral("l.client_id")), { leadId });
    if (!list.ok())
        return list.error();
    if (list.value().isEmpty())
        return Sql::outOfScope();
    return list.value().first();
}

// Opt-outs by number (the client's and the agency's) and every call the dialer made to these
// leads: two statements per chunk of 64 leads.
DbError DialerRepository::loadFacts(QList<DialerCandidate> &list) const
{
    QHash<qint64, int> byLead;
    QHash<QString, QList<int>> byPhone;
    QVariantList leadIds, phones;
    for (int i = 0; i < list.size(); ++i) {
        byLead.insert(list.at(i).leadId, i);
        leadIds.append(list.at(i).leadId);
        if (!list.at(i).phoneE164.isEmpty()) {
            if (!byPhone.contains(list.at(i).phoneE164))
                phones.append(list.at(i).phoneE164);
            byPhone[list.at(i).phoneE164].append(i);
        }
    }
    if (list.isEmpty())
        return {};
    auto addFact = [&](const QString &phone, const QSqlQuery &q) {
        const qint64 clientId = q.value(1).toLongLong();
        for (int i : byPhone.value(phone)) {
            if (clientId == 0 || clientId == list.at(i).clientId)
                list[i].optOuts.append({ q.value(4).toLongLong(), q.value(2).toString(), q.value(3).toString() });
        }
    };
    // Entries an administrator removed (added by mistake) no longer block (migration 030).
    DbError error = Sql::forEachRowInChunks(
            m_database,
            QStringLiteral("SELECT phone_e164, client_id, channel, source, created_at FROM opt_outs "
                           "WHERE removed_at IS NULL AND phone_e164 IN (%IN%)"),
            {}, phones, {}, [&](const QSqlQuery &q) { addFact(q.value(0).toString(), q); });
    if (error)
        return error;
    // An erased person's entries keep only the hash of the number: they block it all the same.
    QHash<QString, QString> phoneOfHash;
    QVariantList hashes;
    for (const QVariant &phone : std::as_const(phones)) {
        const QString hash = OptOutRepository::addressHash(phone.toString());
        phoneOfHash.insert(hash, phone.toString());
        hashes.append(hash);
    }
    error = Sql::forEachRowInChunks(
            m_database,
            QStringLiteral("SELECT phone_sha256, client_id, channel, source, created_at FROM opt_outs "
                           "WHERE removed_at IS NULL AND phone_e164 IS NULL AND phone_sha256 IN (%IN%)"),
            {}, hashes, {}, [&](const QSqlQuery &q) { addFact(phoneOfHash.value(q.value(0).toString()), q); });
    if (error)
        return error;
    return Sql::forEachRowInChunks(
            m_database,
            QStringLiteral("SELECT lead_id, COALESCE(placed_at, queued_at), COALESCE(outcome, ''), campaign_id, state "
                           "FROM dialer_calls WHERE state NOT IN ('failed', 'cancelled') AND lead_id IN (%IN%)"),
            {}, leadIds, {}, [&](const QSqlQuery &q) {
                const int i = byLead.value(q.value(0).toLongLong(), -1);
                if (i < 0)
                    return;
                const QString state = q.value(4).toString();
                list[i].history.append({ q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toLongLong(),
                                         state != QLatin1String("ended") });
            });
}

DbError DialerRepository::setNextCheck(qint64 leadId, qint64 atMs, const QString &reason) const
{
    DbResult<int> done = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE dialer_leads SET next_check_at = ?, reason = ? WHERE lead_id = ?") + Sql::scopeClause(m_scope),
            { atMs, Sql::nullIfEmpty(reason), leadId });
    return done.ok() ? DbError() : done.error();
}

DbResult<DialerCounts> DialerRepository::counts(qint64 campaignId, qint64 nowMs) const
{
    DialerCounts counts;
    DbResult<QVariant> open = Sql::firstValue(
            m_database,
            QStringLiteral("SELECT COUNT(*) FROM dialer_calls WHERE campaign_id = ? AND state IN ('queued', 'placed')"),
            { campaignId });
    if (!open.ok())
        return open.error();
    counts.open = open.value().toInt();
    DbResult<QVariant> recent = Sql::firstValue(
            m_database,
            QStringLiteral("SELECT COUNT(*) FROM dialer_calls WHERE campaign_id = ? AND state IN ('queued', 'placed', "
                           "'ended', 'failed', 'timed_out') AND queued_at > ?"),
            { campaignId, nowMs - 60'000 });
    if (!recent.ok())
        return recent.error();
    counts.lastMinute = recent.value().toInt();
    return counts;
}

DbResult<qint64> DialerRepository::insertCall(const DialerCallRecord &call) const
{
    const qint64 now = m_clock.nowMs();
    return Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO dialer_calls (client_id, campaign_id, lead_id, to_number, state, queued_at, updated_at) "
                           "VALUES (?, ?, ?, ?, 'queued', ?, ?) RETURNING id"),
            { call.clientId, call.campaignId, call.leadId, call.toNumber, call.queuedAt ? call.queuedAt : now, now });
}

DbError DialerRepository::attachOutbox(qint64 callId, qint64 outboxId) const
{
    DbResult<int> done = Sql::execAffected(m_database, QStringLiteral("UPDATE dialer_calls SET outbox_id = ? WHERE id = ?"),
                                           { outboxId, callId });
    return done.ok() ? DbError() : done.error();
}

DbResult<int> DialerRepository::markPlaced() const
{
    const qint64 now = m_clock.nowMs();
    return Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE dialer_calls SET state = 'placed', "
                           "retell_call_id = (SELECT o.provider_ref FROM outbox o WHERE o.id = dialer_calls.outbox_id), "
                           "placed_at = COALESCE((SELECT o.sent_at FROM outbox o WHERE o.id = dialer_calls.outbox_id), ?), "
                           "updated_at = ? WHERE ")
                    + openStates
                    + QStringLiteral(" AND state = 'queued' AND EXISTS (SELECT 1 FROM outbox o WHERE o.id = "
                                     "dialer_calls.outbox_id AND o.status = 'sent')"),
            { now, now });
}

DbResult<QList<DialerRefusal>> DialerRepository::refused() const
{
    QList<DialerRefusal> list;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT d.id, d.campaign_id, d.lead_id, o.status, COALESCE(o.http_status, 0), "
                           "COALESCE(o.last_error, ''), COALESCE(o.response, '') FROM dialer_calls d JOIN outbox o ON "
                           "o.id = d.outbox_id WHERE d.")
                    + openStates + QStringLiteral(" AND d.state = 'queued' AND o.status IN ('failed', 'cancelled')"),
            {}, [&](const QSqlQuery &q) {
                const QString error = q.value(5).toString();
                list.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                              q.value(3).toString(), q.value(4).toInt(), error.isEmpty() ? q.value(6).toString() : error });
            });
    if (error)
        return error;
    return list;
}

DbResult<QList<DialerStaleQueued>> DialerRepository::staleQueued(qint64 queuedBeforeMs) const
{
    QList<DialerStaleQueued> list;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT d.id, d.outbox_id, d.lead_id FROM dialer_calls d JOIN outbox o ON o.id = d.outbox_id "
                           "LEFT JOIN dialer_campaigns dc ON dc.campaign_id = d.campaign_id WHERE d.")
                    + openStates
                    + QStringLiteral(" AND d.state = 'queued' AND o.status = 'pending' AND (d.queued_at < ? OR "
                                     "COALESCE(dc.state, 'stopped') <> 'running')"),
            { queuedBeforeMs }, [&](const QSqlQuery &q) {
                list.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong() });
            });
    if (error)
        return error;
    return list;
}

DbResult<QList<DialerCallEnd>> DialerRepository::ended() const
{
    QList<DialerCallEnd> list;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT d.id, d.lead_id, d.campaign_id, COALESCE(c.started_at, 0), COALESCE(c.ended_at, 0), "
                           "COALESCE(c.disconnection_reason, ''), c.in_voicemail, COALESCE(c.outcome, ''), "
                           "COALESCE(c.callback_at, 0) FROM dialer_calls d JOIN call_logs c ON c.retell_call_id = "
                           "d.retell_call_id WHERE d.")
                    + openStates
                    + QStringLiteral(" AND d.state IN ('placed', 'timed_out') AND (c.ended_at IS NOT NULL OR "
                                     "c.call_status IN ('ended', 'not_connected', 'error'))"),
            {}, [&](const QSqlQuery &q) { list.append(readEnd(q)); });
    if (error)
        return error;
    return list;
}

DbResult<QList<DialerCallEnd>> DialerRepository::analysed(qint64 endedAfterMs) const
{
    QList<DialerCallEnd> list;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT d.id, d.lead_id, d.campaign_id, COALESCE(c.started_at, 0), COALESCE(c.ended_at, 0), "
                           "COALESCE(c.disconnection_reason, ''), c.in_voicemail, c.outcome, COALESCE(c.callback_at, 0) "
                           "FROM dialer_calls d JOIN call_logs c ON c.retell_call_id = d.retell_call_id "
                           "WHERE d.state = 'ended' AND d.analysis IS NULL AND d.ended_at > ? AND c.outcome IS NOT NULL"),
            { endedAfterMs }, [&](const QSqlQuery &q) { list.append(readEnd(q)); });
    if (error)
        return error;
    return list;
}

DbError DialerRepository::finishCall(qint64 callId, const QString &state, const QString &outcome, const QString &flag,
                                     qint64 endedAt) const
{
    DbResult<int> done = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE dialer_calls SET state = ?, outcome = COALESCE(?, outcome), flag = COALESCE(?, flag), "
                           "ended_at = COALESCE(?, ended_at), updated_at = ? WHERE id = ?"),
            { state, Sql::nullIfEmpty(outcome), Sql::nullIfEmpty(flag), Sql::nullIfZero(endedAt), m_clock.nowMs(), callId });
    return done.ok() ? DbError() : done.error();
}

DbError DialerRepository::setAnalysis(qint64 callId, const QString &analysis) const
{
    DbResult<int> done = Sql::execAffected(m_database,
                                           QStringLiteral("UPDATE dialer_calls SET analysis = ?, updated_at = ? WHERE id = ?"),
                                           { analysis, m_clock.nowMs(), callId });
    return done.ok() ? DbError() : done.error();
}

DbError DialerRepository::countAttempt(qint64 leadId) const
{
    DbResult<int> done = Sql::execAffected(
            m_database, QStringLiteral("UPDATE leads SET call_attempts = call_attempts + 1, updated_at = ? WHERE id = ?"),
            { m_clock.nowMs(), leadId });
    return done.ok() ? DbError() : done.error();
}

DbResult<int> DialerRepository::timeOut(qint64 placedBeforeMs, const QString &flag) const
{
    return Sql::execAffected(m_database,
                             QStringLiteral("UPDATE dialer_calls SET state = 'timed_out', flag = ?, updated_at = ? WHERE ")
                                     + openStates + QStringLiteral(" AND state = 'placed' AND placed_at < ?"),
                             { flag, m_clock.nowMs(), placedBeforeMs });
}

DbResult<QList<DialerCallRecord>> DialerRepository::calls(qint64 campaignId, int limit) const
{
    QList<DialerCallRecord> list;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT id, client_id, campaign_id, lead_id, COALESCE(outbox_id, 0), to_number, "
                           "COALESCE(retell_call_id, ''), state, COALESCE(outcome, ''), COALESCE(analysis, ''), "
                           "COALESCE(flag, ''), queued_at, COALESCE(placed_at, 0), COALESCE(ended_at, 0) FROM dialer_calls "
                           "WHERE campaign_id = ?")
                    + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY id LIMIT ?"),
            { campaignId, limit }, [&](const QSqlQuery &q) {
                DialerCallRecord r;
                r.id = q.value(0).toLongLong();
                r.clientId = q.value(1).toLongLong();
                r.campaignId = q.value(2).toLongLong();
                r.leadId = q.value(3).toLongLong();
                r.outboxId = q.value(4).toLongLong();
                r.toNumber = q.value(5).toString();
                r.retellCallId = q.value(6).toString();
                r.state = q.value(7).toString();
                r.outcome = q.value(8).toString();
                r.analysis = q.value(9).toString();
                r.flag = q.value(10).toString();
                r.queuedAt = q.value(11).toLongLong();
                r.placedAt = q.value(12).toLongLong();
                r.endedAt = q.value(13).toLongLong();
                list.append(r);
            });
    if (error)
        return error;
    return list;
}

DbResult<DialerPanel> DialerRepository::panel(qint64 campaignId, qint64 sinceMs) const
{
    DialerPanel panel;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT state, COALESCE(outcome, ''), COALESCE(analysis, ''), COUNT(*) FROM dialer_calls "
                           "WHERE campaign_id = ? AND (queued_at >= ? OR state IN ('queued', 'placed'))")
                    + Sql::scopeClause(m_scope) + QStringLiteral(" GROUP BY state, outcome, analysis"),
            { campaignId, sinceMs }, [&](const QSqlQuery &q) {
                const QString state = q.value(0).toString();
                const int n = q.value(3).toInt();
                if (state == QLatin1String("queued") || state == QLatin1String("placed"))
                    panel.inProgress += n;
                if (state != QLatin1String("cancelled") && state != QLatin1String("failed"))
                    panel.placedToday += n;
                if (state == QLatin1String("ended"))
                    panel.endedToday += n;
                if (state == QLatin1String("timed_out"))
                    panel.flaggedToday += n;
                if (q.value(1).toString() == QLatin1String("answered"))
                    panel.connectsToday += n;
                if (q.value(2).toString() == QLatin1String("appointment_set"))
                    panel.bookingsToday += n;
            });
    if (error)
        return error;
    return panel;
}

DbResult<DialerAbandonment> DialerRepository::abandonment(qint64 campaignId, qint64 sinceMs) const
{
    // The (campaign_id, state, queued_at) index bounds the read to the campaign's ended calls of
    // the period; a call ends within minutes of being queued.
    DialerAbandonment result;
    DbError error = Sql::forEachRow(
            m_database,
            QStringLiteral("SELECT outcome, COUNT(*) FROM dialer_calls WHERE campaign_id = ? AND state = 'ended' "
                           "AND queued_at >= ? AND outcome IN ('answered', 'abandoned')")
                    + Sql::scopeClause(m_scope) + QStringLiteral(" GROUP BY outcome"),
            { campaignId, sinceMs }, [&](const QSqlQuery &q) {
                const int n = q.value(1).toInt();
                result.liveAnswers += n;
                if (q.value(0).toString() == QLatin1String("abandoned"))
                    result.abandoned += n;
            });
    if (error)
        return error;
    return result;
}

} // namespace Callvia::Models
