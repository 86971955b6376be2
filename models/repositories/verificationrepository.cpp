#include "verificationrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QJsonDocument>

#include <limits>

namespace Callvia::Models {

namespace {

const QString candidateColumns = QStringLiteral(
        "SELECT a.id, COALESCE(a.client_id, 0), COALESCE(a.lead_id, 0), a.booking_uid, a.status, a.verification, "
        "a.verdict_source, a.starts_at, a.ends_at, COALESCE(a.lead_confirmed_at, 0), COALESCE(a.verified_at, 0), "
        "a.attendee_name, a.attendee_email, a.attendee_phone, l.first_name, l.phone_e164, l.email, c.name, "
        "c.contact_email, c.time_zone, c.language, c.booking_url, COALESCE(c.verification_delay_minutes, 2880), "
        "COALESCE(c.verification_min_call_seconds, 45), COALESCE(c.verification_window_before_minutes, 30) "
        "FROM appointments a LEFT JOIN leads l ON l.id = a.lead_id LEFT JOIN clients c ON c.id = a.client_id ");

// The moment an open appointment's verdict is due, in SQL.
const QString verdictDueSql =
        QStringLiteral("(a.ends_at + COALESCE(c.verification_delay_minutes, 2880) * CAST(60000 AS BIGINT))");

VerificationCandidate readCandidate(const QSqlQuery &q)
{
    VerificationCandidate c;
    c.appointmentId = q.value(0).toLongLong();
    c.clientId = q.value(1).toLongLong();
    c.leadId = q.value(2).toLongLong();
    c.bookingUid = q.value(3).toString();
    c.status = q.value(4).toString();
    c.verification = q.value(5).toString();
    c.verdictSource = q.value(6).toString();
    c.startsAt = q.value(7).toLongLong();
    c.endsAt = q.value(8).toLongLong();
    c.leadConfirmedAt = q.value(9).toLongLong();
    c.verifiedAt = q.value(10).toLongLong();
    c.attendeeName = q.value(11).toString();
    c.attendeeEmail = q.value(12).toString();
    c.attendeePhone = q.value(13).toString();
    c.leadFirstName = q.value(14).toString();
    c.leadPhone = q.value(15).toString();
    c.leadEmail = q.value(16).toString();
    c.clientName = q.value(17).toString();
    c.clientEmail = q.value(18).toString();
    c.clientTimeZone = q.value(19).toString();
    c.clientLanguage = q.value(20).toString();
    c.bookingUrl = q.value(21).toString();
    c.delayMs = q.value(22).toLongLong() * 60'000;
    c.minCallSeconds = q.value(23).toInt();
    c.windowBeforeMs = q.value(24).toLongLong() * 60'000;
    return c;
}

VerdictRecord readVerdict(const QSqlQuery &q)
{
    VerdictRecord v;
    v.id = q.value(0).toLongLong();
    v.appointmentId = q.value(1).toLongLong();
    v.clientId = q.value(2).toLongLong();
    v.rule = q.value(3).toString();
    v.verdict = q.value(4).toString();
    v.source = q.value(5).toString();
    v.evidence = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    v.decidedBy = q.value(7).toLongLong();
    v.decidedByName = q.value(8).toString();
    v.decidedAt = q.value(9).toLongLong();
    v.reason = q.value(10).toString();
    return v;
}

void readConfirmation(const QSqlQuery &row, ClientConfirmationRecord *r)
{
    r->id = row.value(0).toLongLong();
    r->appointmentId = row.value(1).toLongLong();
    r->clientId = row.value(2).toLongLong();
    r->status = row.value(3).toString();
    r->reason = row.value(4).toString();
    r->toAddress = row.value(5).toString();
    r->outboxId = row.value(6).toLongLong();
    r->expiresAt = row.value(7).toLongLong();
    r->answer = row.value(8).toString();
    r->answeredAt = row.value(9).toLongLong();
    r->createdAt = row.value(10).toLongLong();
}

DbResult<qint64> firstNumber(DbResult<QSqlQuery> q)
{
    if (!q.ok())
        return q.error();
    return q.value().next() ? q.value().value(0).toLongLong() : 0;
}

} // namespace

VerificationRepository::VerificationRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<QList<VerificationCandidate>> VerificationRepository::selectCandidates(const QString &where,
                                                                                const QVariantList &binds,
                                                                                const QString &tail) const
{
    QList<VerificationCandidate> rows;
    if (DbError error = Sql::forEachRow(m_database, candidateColumns + where + Sql::scopeClause(m_scope, QStringLiteral("a.client_id")) + tail,
                                        binds, [&rows](const QSqlQuery &q) { rows << readCandidate(q); }))
        return error;
    return rows;
}

DbResult<qint64> VerificationRepository::nextVerdictDueAt() const
{
    return firstNumber(Sql::exec(m_database,
                                 QStringLiteral("SELECT COALESCE(MIN(") + verdictDueSql
                                         + QStringLiteral("), 0) FROM appointments a LEFT JOIN clients c ON c.id = a.client_id "
                                                          "WHERE a.status IN ('pending', 'scheduled')")
                                         + Sql::scopeClause(m_scope, QStringLiteral("a.client_id"))));
}

DbResult<QList<VerificationCandidate>> VerificationRepository::dueForVerdict(qint64 nowMs, int limit) const
{
    const QString lock = m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE OF a SKIP LOCKED");
    return selectCandidates(QStringLiteral("WHERE a.status IN ('pending', 'scheduled') AND a.ends_at <= ? AND ")
                                    + verdictDueSql + QStringLiteral(" <= ?"),
                            { nowMs, nowMs }, QStringLiteral(" ORDER BY a.ends_at, a.id LIMIT %1").arg(limit) + lock);
}

DbResult<qint64> VerificationRepository::nextConfirmationDueAt() const
{
    return firstNumber(Sql::exec(
            m_database,
            QStringLiteral("SELECT COALESCE(MIN(a.ends_at), 0) FROM appointments a WHERE a.status IN ('pending', 'scheduled') "
                           "AND a.show_check_at IS NULL AND a.client_id IS NOT NULL")
                    + Sql::scopeClause(m_scope, QStringLiteral("a.client_id"))));
}

DbResult<QList<VerificationCandidate>> VerificationRepository::dueForConfirmation(qint64 nowMs, int limit) const
{
    const QString lock = m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE OF a SKIP LOCKED");
    // appointments_show_check_due (migration 019) holds exactly the open ones still without it.
    return selectCandidates(QStringLiteral("WHERE a.status IN ('pending', 'scheduled') AND a.show_check_at IS NULL "
                                           "AND a.client_id IS NOT NULL AND a.ends_at <= ?"),
                            { nowMs }, QStringLiteral(" ORDER BY a.ends_at, a.id LIMIT %1").arg(limit) + lock);
}

DbResult<VerificationCandidate> VerificationRepository::candidate(qint64 appointmentId) const
{
    const QString lock = m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE OF a");
    DbResult<QList<VerificationCandidate>> rows = selectCandidates(QStringLiteral("WHERE a.id = ?"), { appointmentId }, lock);
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return Sql::outOfScope();
    return rows.value().first();
}

DbResult<std::optional<LeadReply>> VerificationRepository::leadReply(const VerificationCandidate &c) const
{
    if (c.leadConfirmedAt == 0)
        return std::optional<LeadReply>();
    std::optional<LeadReply> reply;
    if (DbError error = Sql::forEachRow(
                m_database,
                QStringLiteral("SELECT id, provider_message_id, from_address, body, created_at FROM messages "
                               "WHERE direction = 'inbound' AND channel = 'sms' AND from_address IN (?, ?) "
                               "AND COALESCE(client_id, 0) = ? AND created_at <= ? ORDER BY created_at DESC, id DESC LIMIT 1"),
                { c.leadPhone, c.attendeePhone, c.clientId, c.leadConfirmedAt }, [&reply](const QSqlQuery &q) {
                    LeadReply r;
                    r.messageId = q.value(0).toLongLong();
                    r.providerMessageId = q.value(1).toString();
                    r.fromAddress = q.value(2).toString();
                    r.body = q.value(3).toString();
                    r.receivedAt = q.value(4).toLongLong();
                    reply = r;
                }))
        return error;
    return reply;
}

DbResult<std::optional<QualifyingCall>> VerificationRepository::qualifyingCall(const VerificationCandidate &c,
                                                                              qint64 changedAfterMs) const
{
    DbResult<QHash<qint64, QualifyingCall>> calls = qualifyingCalls({ c }, changedAfterMs);
    if (!calls.ok())
        return calls.error();
    const auto it = calls.value().constFind(c.appointmentId);
    return it == calls.value().constEnd() ? std::optional<QualifyingCall>() : std::optional<QualifyingCall>(*it);
}

DbResult<QHash<qint64, QualifyingCall>> VerificationRepository::qualifyingCalls(const QList<VerificationCandidate> &group,
                                                                               qint64 changedAfterMs) const
{
    QHash<qint64, QualifyingCall> found;
    for (qsizetype at = 0; at < group.size();) {
        // A chunk of candidates: their lead ids and phones (padded with NULL, which matches
        // nothing), and the span of their windows.
        const int width = Sql::paddedWidth(group.size() - at);
        const qsizetype taken = qMin<qsizetype>(width, group.size() - at);
        QVariantList leads, phones;
        QHash<qint64, QList<qsizetype>> byLead;
        QHash<QString, QList<qsizetype>> byPhone;
        qint64 from = std::numeric_limits<qint64>::max(), to = std::numeric_limits<qint64>::min();
        qint64 shortest = std::numeric_limits<qint64>::max();
        for (qsizetype i = at; i < at + taken; ++i) {
            const VerificationCandidate &c = group.at(i);
            if (c.leadId != 0) {
                leads << c.leadId;
                byLead[c.leadId] << i;
            }
            for (const QString &phone : { c.leadPhone, c.attendeePhone }) {
                if (phone.isEmpty() || byPhone.value(phone).contains(i))
                    continue;
                phones << phone;
                byPhone[phone] << i;
            }
            from = qMin(from, c.startsAt - c.windowBeforeMs);
            to = qMax(to, c.endsAt);
            shortest = qMin(shortest, qint64(c.minCallSeconds) * 1000);
        }
        at += taken;
        if (leads.isEmpty() && phones.isEmpty())
            continue; // no lead and no phone: nothing to match a call by
        while (leads.size() < width)
            leads << QVariant();
        while (phones.size() < 2 * width)
            phones << QVariant();
        const QString leadList = Sql::placeholders(width);
        const QString phoneList = Sql::placeholders(2 * width);
        // The lead's number is to_number on an outbound call and from_number on an inbound one (the
        // other column holds the agency's number): matched by direction, on migration 019's indexes.
        // "+started_at" keeps SQLite off the started_at index: planned without the bound values it
        // took the group's time span for selective and scanned every call in it (EXPLAIN QUERY
        // PLAN); the three look-ups are a few rows each.
        const QString sql = QStringLiteral(
                "SELECT id, retell_call_id, COALESCE(duration_ms, duration_seconds * 1000, 0), started_at, updated_at, "
                "COALESCE(lead_id, 0), direction, to_number, from_number, COALESCE(client_id, 0) FROM call_logs "
                "WHERE (lead_id IN (%1) OR (direction = 'outbound' AND to_number IN (%2)) "
                "OR (direction = 'inbound' AND from_number IN (%2))) AND +started_at >= ? AND +started_at <= ? "
                "AND COALESCE(duration_ms, duration_seconds * 1000, 0) > ? AND updated_at > ?")
                                    .arg(leadList, phoneList);
        QVariantList binds = leads;
        binds += phones;
        binds += phones;
        binds << from << to << shortest << changedAfterMs;
        if (DbError error = Sql::forEachRow(m_database, sql, binds, [&](const QSqlQuery &q) {
                QualifyingCall call;
                call.callLogId = q.value(0).toLongLong();
                call.durationMs = q.value(2).toLongLong();
                call.startedAt = q.value(3).toLongLong();
                const qint64 leadId = q.value(5).toLongLong();
                const QString direction = q.value(6).toString();
                const QString leadSide = direction == QLatin1String("outbound")
                        ? q.value(7).toString()
                        : (direction == QLatin1String("inbound") ? q.value(8).toString() : QString());
                const qint64 clientId = q.value(9).toLongLong();
                QList<qsizetype> who = leadId != 0 ? byLead.value(leadId) : QList<qsizetype>();
                if (!leadSide.isEmpty())
                    who += byPhone.value(leadSide);
                for (qsizetype i : who) {
                    const VerificationCandidate &c = group.at(i);
                    if (clientId != c.clientId || call.startedAt < c.startsAt - c.windowBeforeMs
                        || call.startedAt > c.endsAt || call.durationMs <= qint64(c.minCallSeconds) * 1000)
                        continue;
                    // The first such call (by start, then id) decides.
                    const auto it = found.constFind(c.appointmentId);
                    if (it != found.constEnd()
                        && (it->startedAt < call.startedAt || (it->startedAt == call.startedAt && it->callLogId < call.callLogId)))
                        continue;
                    QualifyingCall chosen = call;
                    chosen.retellCallId = q.value(1).toString();
                    chosen.updatedAt = q.value(4).toLongLong();
                    chosen.matchedBy = leadId != 0 && leadId == c.leadId ? QStringLiteral("lead") : QStringLiteral("phone");
                    found.insert(c.appointmentId, chosen);
                }
            }))
            return error;
    }
    return found;
}

DbResult<bool> VerificationRepository::applyVerdict(const VerdictRecord &v, const QString &verification,
                                                    bool onlyIfOpen) const
{
    const bool manual = v.source == QLatin1String("manual");
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE appointments SET status = ?, verification = ?, verified_at = ?, verified_by = ?, "
                           "verdict_source = ?, updated_at = ?")
                    + (manual ? QStringLiteral(", review_reason = NULL, review_flagged_at = NULL") : QString())
                    + QStringLiteral(" WHERE id = ?")
                    + (onlyIfOpen ? QStringLiteral(" AND status IN ('pending', 'scheduled')") : QString())
                    + Sql::scopeClause(m_scope),
            { v.verdict, verification, v.decidedAt, Sql::nullIfZero(v.decidedBy), v.source, m_clock.nowMs(),
              v.appointmentId });
    if (!n.ok())
        return n.error();
    if (n.value() != 1)
        return false;
    DbResult<qint64> id = Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO appointment_verdicts (appointment_id, client_id, rule, verdict, source, evidence, "
                           "decided_by, decided_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { v.appointmentId, Sql::nullIfZero(v.clientId), v.rule, v.verdict, v.source,
              QString::fromUtf8(QJsonDocument(v.evidence).toJson(QJsonDocument::Compact)), Sql::nullIfZero(v.decidedBy),
              v.decidedAt, Sql::nullIfEmpty(v.reason) });
    if (!id.ok())
        return id.error();
    return true;
}

DbResult<int> VerificationRepository::applyAutomaticVerdicts(const QList<VerdictRecord> &verdicts) const
{
    // One UPDATE per chunk of appointments with the same verdict, rule and time.
    QHash<QString, QVariantList> ids;
    QHash<QString, const VerdictRecord *> sample;
    for (const VerdictRecord &v : verdicts) {
        const QString key = v.verdict + QLatin1Char('/') + v.rule + QLatin1Char('/') + QString::number(v.decidedAt);
        ids[key] << v.appointmentId;
        sample.insert(key, &v);
    }
    const qint64 now = m_clock.nowMs();
    int changed = 0;
    for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
        const VerdictRecord &v = *sample.value(it.key());
        DbResult<int> n = Sql::execForChunks(
                m_database,
                QStringLiteral("UPDATE appointments SET status = ?, verification = ?, verified_at = ?, verified_by = NULL, "
                               "verdict_source = 'automatic', updated_at = ? WHERE id IN (%IN%) "
                               "AND status IN ('pending', 'scheduled')")
                        + Sql::scopeClause(m_scope),
                { v.verdict, v.rule, v.decidedAt, now }, it.value());
        if (!n.ok())
            return n.error();
        changed += n.value();
    }
    if (changed != verdicts.size())
        return changed; // some were decided elsewhere: the caller undoes the group
    QList<QVariantList> rows;
    rows.reserve(verdicts.size());
    for (const VerdictRecord &v : verdicts)
        rows << QVariantList { v.appointmentId, Sql::nullIfZero(v.clientId), v.rule, v.verdict, QStringLiteral("automatic"),
                               QString::fromUtf8(QJsonDocument(v.evidence).toJson(QJsonDocument::Compact)), QVariant(),
                               v.decidedAt, QVariant() };
    DbResult<int> inserted = Sql::insertRows(m_database,
                                             QStringLiteral("INSERT INTO appointment_verdicts (appointment_id, client_id, rule, "
                                                            "verdict, source, evidence, decided_by, decided_at, reason) VALUES "),
                                             9, rows);
    if (!inserted.ok())
        return inserted.error();
    return changed;
}

DbResult<QList<VerdictRecord>> VerificationRepository::selectVerdicts(const QString &tail, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT v.id, v.appointment_id, COALESCE(v.client_id, 0), v.rule, v.verdict, v.source, "
                           "v.evidence, COALESCE(v.decided_by, 0), u.username, v.decided_at, v.reason "
                           "FROM appointment_verdicts v LEFT JOIN users u ON u.id = v.decided_by WHERE v.appointment_id = ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("v.client_id")) + tail,
            binds);
    if (!q.ok())
        return q.error();
    QList<VerdictRecord> rows;
    while (q.value().next())
        rows << readVerdict(q.value());
    return rows;
}

DbResult<VerdictRecord> VerificationRepository::verdictFor(qint64 appointmentId) const
{
    DbResult<QList<VerdictRecord>> rows = selectVerdicts(QStringLiteral(" ORDER BY v.id DESC LIMIT 1"), { appointmentId });
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return DbError(DbError::NotFound, QStringLiteral("no verdict for appointment %1 yet").arg(appointmentId));
    return rows.value().first();
}

DbResult<QList<VerdictRecord>> VerificationRepository::verdictHistory(qint64 appointmentId) const
{
    return selectVerdicts(QStringLiteral(" ORDER BY v.id"), { appointmentId });
}

DbResult<qint64> VerificationRepository::insertConfirmation(const ClientConfirmationRecord &r) const
{
    if (r.clientId != 0 && !m_scope.allows(r.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    DbResult<qint64> id = Sql::insertReturningId(
            m_database,
            QStringLiteral("INSERT INTO client_confirmations (appointment_id, client_id, status, reason, to_address, "
                           "expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
            { r.appointmentId, Sql::nullIfZero(r.clientId), r.status, Sql::nullIfEmpty(r.reason),
              Sql::nullIfEmpty(r.toAddress), r.expiresAt, now });
    if (!id.ok())
        return id;
    // The appointment leaves appointments_show_check_due (in the caller's transaction).
    DbResult<int> n = Sql::execAffected(m_database, QStringLiteral("UPDATE appointments SET show_check_at = ? WHERE id = ?"),
                                        { now, r.appointmentId });
    if (!n.ok())
        return n.error();
    return id;
}

DbError VerificationRepository::setConfirmationOutbox(qint64 confirmationId, qint64 outboxId) const
{
    DbResult<int> n = Sql::execAffected(m_database,
                                        QStringLiteral("UPDATE client_confirmations SET outbox_id = ? WHERE id = ?")
                                                + Sql::scopeClause(m_scope),
                                        { outboxId, confirmationId });
    return n.ok() ? DbError() : n.error();
}

DbResult<ClientConfirmationRecord> VerificationRepository::confirmation(qint64 appointmentId) const
{
    DbResult<QHash<qint64, ClientConfirmationRecord>> found = confirmations({ appointmentId });
    if (!found.ok())
        return found.error();
    if (!found.value().contains(appointmentId))
        return DbError(DbError::NotFound, QStringLiteral("no confirmation e-mail for appointment %1").arg(appointmentId));
    return found.value().value(appointmentId);
}

DbResult<QHash<qint64, ClientConfirmationRecord>> VerificationRepository::confirmations(const QList<qint64> &appointmentIds) const
{
    QHash<qint64, ClientConfirmationRecord> found;
    QVariantList ids;
    ids.reserve(appointmentIds.size());
    for (qint64 id : appointmentIds)
        ids << id;
    if (DbError error = Sql::forEachRowInChunks(
                m_database,
                QStringLiteral("SELECT id, appointment_id, COALESCE(client_id, 0), status, reason, to_address, "
                               "COALESCE(outbox_id, 0), expires_at, answer, COALESCE(answered_at, 0), created_at "
                               "FROM client_confirmations WHERE appointment_id IN (%IN%)")
                        + Sql::scopeClause(m_scope),
                {}, ids, {}, [&found](const QSqlQuery &row) {
                    ClientConfirmationRecord r;
                    readConfirmation(row, &r);
                    found.insert(r.appointmentId, r);
                }))
        return error;
    return found;
}

DbResult<bool> VerificationRepository::markAnswered(qint64 appointmentId, const QString &answer, qint64 atMs) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE client_confirmations SET status = 'answered', answer = ?, answered_at = ? "
                           "WHERE appointment_id = ? AND status = 'queued'")
                    + Sql::scopeClause(m_scope),
            { answer, atMs, appointmentId });
    if (!n.ok())
        return n.error();
    return n.value() == 1;
}

DbResult<QList<VerificationCandidate>> VerificationRepository::openNoShows(qint64 sinceMs, int limit) const
{
    return selectCandidates(QStringLiteral("WHERE a.status = 'no_show' AND a.verdict_source = 'automatic' "
                                           "AND a.review_flagged_at IS NULL AND a.verified_at >= ?"),
                            { sinceMs }, QStringLiteral(" ORDER BY a.verified_at, a.id LIMIT %1").arg(limit));
}

DbResult<bool> VerificationRepository::flagForReview(qint64 appointmentId, const QString &reason, qint64 atMs) const
{
    DbResult<int> n = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE appointments SET review_reason = ?, review_flagged_at = ?, updated_at = ? "
                           "WHERE id = ? AND review_flagged_at IS NULL")
                    + Sql::scopeClause(m_scope),
            { reason, atMs, atMs, appointmentId });
    if (!n.ok())
        return n.error();
    return n.value() == 1;
}

} // namespace Callvia::Models
