#include "outboxrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace Callvia::Models {

namespace {

const QString &columns()
{
    static const QString text = QStringLiteral(
            "id, client_id, kind, idempotency_key, payload, status, attempts, due_at, claimed_by, claimed_at, "
            "last_error, provider_ref, response, sent_at, created_at, updated_at, next_attempt_at, provider, "
            "http_status");
    return text;
}

OutboxRecord readOutbox(const QSqlQuery &q)
{
    OutboxRecord r;
    r.id = q.value(0).toLongLong();
    r.clientId = q.value(1).toLongLong();
    r.kind = q.value(2).toString();
    r.idempotencyKey = q.value(3).toString();
    r.payloadJson = q.value(4).toString();
    r.status = q.value(5).toString();
    r.attempts = q.value(6).toInt();
    r.dueAt = q.value(7).toLongLong();
    r.claimedBy = q.value(8).toString();
    r.claimedAt = q.value(9).toLongLong();
    r.lastError = q.value(10).toString();
    r.providerRef = q.value(11).toString();
    r.response = q.value(12).toString();
    r.sentAt = q.value(13).toLongLong();
    r.createdAt = q.value(14).toLongLong();
    r.updatedAt = q.value(15).toLongLong();
    r.nextAttemptAt = q.value(16).toLongLong();
    r.provider = q.value(17).toString();
    r.httpStatus = q.value(18).toInt();
    return r;
}

bool validKind(const QString &kind)
{
    return kind == QLatin1String("sms") || kind == QLatin1String("email") || kind == QLatin1String("stripe")
            || kind == QLatin1String("retell_call");
}

QList<OutboxRecord> readAll(QSqlQuery &q)
{
    QList<OutboxRecord> rows;
    while (q.next())
        rows << readOutbox(q);
    return rows;
}

void sortByDue(QList<OutboxRecord> &rows)
{
    // UPDATE ... RETURNING gives rows in no particular order.
    std::sort(rows.begin(), rows.end(), [](const OutboxRecord &a, const OutboxRecord &b) {
        return a.dueAt != b.dueAt ? a.dueAt < b.dueAt : a.id < b.id;
    });
}

// The messages table names the mail and SMS providers; other kinds have no message row.
QVariant messageProvider(const QString &kind)
{
    if (kind == QLatin1String("sms"))
        return QStringLiteral("messagebird");
    if (kind == QLatin1String("email"))
        return QStringLiteral("sendgrid");
    return {};
}

} // namespace

OutboxRepository::OutboxRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<qint64> OutboxRepository::enqueue(const OutboxItem &item) const
{
    if (!validKind(item.kind))
        return DbError(DbError::Invalid, QStringLiteral("unknown outbox kind: ") + item.kind);
    if (item.idempotencyKey.isEmpty() || item.idempotencyKey.size() > 255)
        return DbError(DbError::Invalid, QStringLiteral("an outbox row needs an idempotency key of 1-255 characters"));
    if (item.clientId != 0 && !m_scope.allows(item.clientId))
        return Sql::outOfScope();
    const qint64 now = m_clock.nowMs();
    DbResult<QVariant> inserted = Sql::firstValue(
            m_database,
            QStringLiteral("INSERT INTO outbox (client_id, kind, idempotency_key, payload, status, attempts, due_at, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) "
                           "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id"),
            { Sql::nullIfZero(item.clientId), item.kind, item.idempotencyKey,
              QString::fromUtf8(QJsonDocument(item.payload).toJson(QJsonDocument::Compact)), item.dueAt, now, now });
    if (!inserted.ok())
        return inserted.error();
    if (inserted.value().isValid())
        return inserted.value().toLongLong();
    DbResult<QVariant> existing = Sql::firstValue(m_database, QStringLiteral("SELECT id FROM outbox WHERE idempotency_key = ?"),
                                                  { item.idempotencyKey });
    if (!existing.ok())
        return existing.error();
    if (!existing.value().isValid())
        return DbError(DbError::Other, QStringLiteral("outbox row neither inserted nor found"));
    return existing.value().toLongLong();
}

DbResult<QList<OutboxRecord>> OutboxRepository::claimDue(const QString &kind, const QString &worker, qint64 nowMs,
                                                         int limit) const
{
    WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const QString lock = m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED");
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("UPDATE outbox SET status = 'in_flight', claimed_by = ?, claimed_at = ?, "
                           "attempts = attempts + 1, updated_at = ? WHERE id IN (SELECT id FROM outbox "
                           "WHERE status = 'pending' AND kind = ? AND due_at <= ? AND COALESCE(next_attempt_at, 0) <= ?")
                    + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY due_at, id LIMIT ?") + lock
                    + QStringLiteral(") RETURNING ") + columns(),
            { worker, nowMs, nowMs, kind, nowMs, nowMs, limit });
    if (!q.ok())
        return q.error();
    QList<OutboxRecord> rows = readAll(q.value());
    q.value().finish();
    if (DbError error = transaction.commit())
        return error;
    sortByDue(rows);
    return rows;
}

DbResult<QList<OutboxRecord>> OutboxRepository::claimUnknown(const QString &kind, const QString &worker, qint64 nowMs,
                                                             qint64 leaseUntilMs, int limit) const
{
    WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const QString lock = m_database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED");
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("UPDATE outbox SET claimed_by = ?, claimed_at = ?, next_attempt_at = ?, updated_at = ? "
                           "WHERE id IN (SELECT id FROM outbox WHERE status = 'unknown' AND kind = ? "
                           "AND COALESCE(next_attempt_at, 0) <= ?")
                    + Sql::scopeClause(m_scope) + QStringLiteral(" ORDER BY due_at, id LIMIT ?") + lock
                    + QStringLiteral(") RETURNING ") + columns(),
            { worker, nowMs, leaseUntilMs, nowMs, kind, nowMs, limit });
    if (!q.ok())
        return q.error();
    QList<OutboxRecord> rows = readAll(q.value());
    q.value().finish();
    if (DbError error = transaction.commit())
        return error;
    sortByDue(rows);
    return rows;
}

DbResult<int> OutboxRepository::finish(const QString &worker, const QList<OutboxOutcome> &outcomes) const
{
    if (outcomes.isEmpty())
        return 0;
    WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    // Prepared once per batch (a batch is up to a few hundred outcomes).
    QSqlQuery row(m_database.connection());
    QSqlQuery message(m_database.connection());
    if (!row.prepare(QStringLiteral(
                "UPDATE outbox SET status = ?, attempts = attempts - ?, provider = COALESCE(?, provider), "
                "http_status = ?, provider_ref = COALESCE(?, provider_ref), response = ?, last_error = ?, "
                "next_attempt_at = ?, sent_at = CASE WHEN ? = 1 THEN ? ELSE sent_at END, updated_at = ? "
                "WHERE id = ? AND claimed_by = ? AND status IN ('in_flight', 'unknown') RETURNING kind"))
        || !message.prepare(QStringLiteral(
                "UPDATE messages SET status = ?, provider = ?, provider_message_id = COALESCE(?, provider_message_id), "
                "sent_at = CASE WHEN ? = 1 THEN COALESCE(sent_at, ?) ELSE sent_at END, error = ?, updated_at = ? "
                "WHERE outbox_id = ? AND status = 'queued'"))) {
        const DbError error = DbError::fromSql(row.lastError().isValid() ? row.lastError() : message.lastError());
        m_database.noteFailure(error);
        return error;
    }
    int applied = 0;
    for (const OutboxOutcome &outcome : outcomes) {
        if (DbError error = applyOutcome(row, message, worker, outcome, &applied)) {
            m_database.noteFailure(error);
            return error;
        }
    }
    if (DbError error = transaction.commit())
        return error;
    return applied;
}

DbError OutboxRepository::applyOutcome(QSqlQuery &row, QSqlQuery &message, const QString &worker,
                                       const OutboxOutcome &o, int *applied) const
{
    const qint64 now = m_clock.nowMs();
    const bool sent = o.status == QLatin1String("sent");
    const QVariantList binds { o.status, o.countAttempt ? 0 : 1, Sql::nullIfEmpty(o.provider), Sql::nullIfZero(o.httpStatus),
                               Sql::nullIfEmpty(o.providerRef), Sql::nullIfEmpty(o.response), Sql::nullIfEmpty(o.lastError),
                               Sql::nullIfZero(o.nextAttemptAt), sent ? 1 : 0, now, now, o.id, worker };
    for (int i = 0; i < binds.size(); ++i)
        row.bindValue(i, binds.at(i));
    if (!row.exec())
        return DbError::fromSql(row.lastError());
    if (!row.next()) {
        row.finish();
        return {}; // another dispatcher holds it now, or an admin cancelled it
    }
    const QString kind = row.value(0).toString();
    row.finish();
    ++*applied;
    const QVariant provider = messageProvider(kind);
    if (provider.isNull() || (!sent && o.status != QLatin1String("failed")))
        return {};
    const QVariantList messageBinds { o.status, provider, Sql::nullIfEmpty(o.providerRef), sent ? 1 : 0, now,
                                      sent ? QVariant(QMetaType::fromType<QString>()) : QVariant(o.lastError), now, o.id };
    for (int i = 0; i < messageBinds.size(); ++i)
        message.bindValue(i, messageBinds.at(i));
    if (!message.exec())
        return DbError::fromSql(message.lastError());
    return {};
}

DbResult<int> OutboxRepository::recoverStale(qint64 claimedBeforeMs) const
{
    WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (!transaction.isActive())
        return transaction.beginError();
    const qint64 now = m_clock.nowMs();
    DbResult<int> calls = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE outbox SET status = 'unknown', next_attempt_at = NULL, updated_at = ?, "
                           "last_error = 'the dispatcher stopped while this call was being placed: checking with "
                           "Retell before calling again' WHERE status = 'in_flight' AND kind = 'retell_call' "
                           "AND claimed_at <= ?")
                    + Sql::scopeClause(m_scope),
            { now, claimedBeforeMs });
    if (!calls.ok())
        return calls.error();
    DbResult<int> others = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE outbox SET status = 'pending', next_attempt_at = NULL, updated_at = ? "
                           "WHERE status = 'in_flight' AND kind <> 'retell_call' AND claimed_at <= ?")
                    + Sql::scopeClause(m_scope),
            { now, claimedBeforeMs });
    if (!others.ok())
        return others.error();
    if (DbError error = transaction.commit())
        return error;
    return calls.value() + others.value();
}

DbResult<int> OutboxRepository::deferKind(const QString &kind, qint64 nowMs, qint64 untilMs, const QString &error) const
{
    WriteGate gate(m_database);
    return Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE outbox SET next_attempt_at = ?, last_error = ?, updated_at = ? WHERE status = "
                           "'pending' AND kind = ? AND due_at <= ? AND COALESCE(next_attempt_at, 0) <= ?")
                    + Sql::scopeClause(m_scope),
            { untilMs, error, nowMs, kind, nowMs, nowMs });
}

DbResult<qint64> OutboxRepository::nextWakeAt(qint64 staleClaimMs) const
{
    const QString scope = Sql::scopeClause(m_scope);
    const QStringList queries {
        // Each uses a partial index of migration 010 (outbox_pending_ready, outbox_unknown_next,
        // outbox_in_flight_claimed): O(log n) over a million rows.
        QStringLiteral("SELECT COALESCE(next_attempt_at, due_at) FROM outbox WHERE status = 'pending'") + scope
                + QStringLiteral(" ORDER BY COALESCE(next_attempt_at, due_at) LIMIT 1"),
        QStringLiteral("SELECT COALESCE(next_attempt_at, 0) FROM outbox WHERE status = 'unknown'") + scope
                + QStringLiteral(" ORDER BY COALESCE(next_attempt_at, 0) LIMIT 1"),
        QStringLiteral("SELECT claimed_at + %1 FROM outbox WHERE status = 'in_flight'").arg(staleClaimMs) + scope
                + QStringLiteral(" ORDER BY claimed_at LIMIT 1"),
    };
    qint64 wake = 0;
    for (const QString &sql : queries) {
        DbResult<QSqlQuery> q = Sql::exec(m_database, sql);
        if (!q.ok())
            return q.error();
        if (q.value().next() && !q.value().value(0).isNull()) {
            const qint64 at = q.value().value(0).toLongLong();
            wake = wake == 0 ? at : std::min(wake, at);
        }
    }
    return wake;
}

DbResult<QList<OutboxRecord>> OutboxRepository::select(const QString &where, const QVariantList &binds) const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT ") + columns() + QStringLiteral(" FROM outbox ")
                                                          + where,
                                      binds);
    if (!q.ok())
        return q.error();
    return readAll(q.value());
}

DbResult<QList<OutboxRecord>> OutboxRepository::list(const OutboxFilter &filter) const
{
    QString where = QStringLiteral("WHERE 1 = 1") + Sql::scopeClause(m_scope);
    QVariantList binds;
    if (!filter.status.isEmpty()) {
        where += QStringLiteral(" AND status = ?");
        binds << filter.status;
    }
    if (!filter.kind.isEmpty()) {
        where += QStringLiteral(" AND kind = ?");
        binds << filter.kind;
    }
    if (filter.clientId != 0) {
        where += QStringLiteral(" AND client_id = ?");
        binds << filter.clientId;
    }
    where += QStringLiteral(" ORDER BY updated_at DESC, id DESC LIMIT ?");
    binds << filter.limit;
    return select(where, binds);
}

DbResult<QHash<QString, qint64>> OutboxRepository::countsByStatus() const
{
    DbResult<QSqlQuery> q = Sql::exec(m_database, QStringLiteral("SELECT status, COUNT(*) FROM outbox WHERE 1 = 1")
                                                          + Sql::scopeClause(m_scope)
                                                          + QStringLiteral(" GROUP BY status"));
    if (!q.ok())
        return q.error();
    QHash<QString, qint64> counts;
    while (q.value().next())
        counts.insert(q.value().value(0).toString(), q.value().value(1).toLongLong());
    return counts;
}

DbResult<OutboxRecord> OutboxRepository::find(qint64 id) const
{
    DbResult<QList<OutboxRecord>> rows = select(QStringLiteral("WHERE id = ?") + Sql::scopeClause(m_scope), { id });
    if (!rows.ok())
        return rows.error();
    if (rows.value().isEmpty())
        return Sql::outOfScope();
    return rows.value().first();
}

DbError OutboxRepository::changeState(qint64 id, const QString &fromStates, const QString &sql,
                                      const QVariantList &binds) const
{
    DbResult<OutboxRecord> row = find(id);
    if (!row.ok())
        return row.error();
    if (!fromStates.split(QLatin1Char(',')).contains(row.value().status))
        return { DbError::Invalid, QStringLiteral("outbox row %1 is %2").arg(id).arg(row.value().status) };
    QVariantList all = binds;
    all << id << row.value().status;
    DbResult<int> n = Sql::execAffected(m_database, sql + QStringLiteral(" WHERE id = ? AND status = ?"), all);
    if (!n.ok())
        return n.error();
    if (n.value() != 1)
        return { DbError::Invalid, QStringLiteral("outbox row %1 changed meanwhile").arg(id) };
    return {};
}

DbError OutboxRepository::retry(qint64 id) const
{
    const qint64 now = m_clock.nowMs();
    return changeState(id, QStringLiteral("failed"),
                       QStringLiteral("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = NULL, "
                                      "updated_at = ?"),
                       { now });
}

DbError OutboxRepository::cancel(qint64 id) const
{
    const qint64 now = m_clock.nowMs();
    return changeState(id, QStringLiteral("failed,pending"),
                       QStringLiteral("UPDATE outbox SET status = 'cancelled', updated_at = ?"), { now });
}

} // namespace Callvia::Models
