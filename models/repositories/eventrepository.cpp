#include "eventrepository.h"

#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QSqlError>
#include <QSqlQuery>

namespace Callvia::Models {

namespace {

const char *const Columns = "id, provider, provider_event_id, event_type, ordering_key, received_at, raw_body, "
                            "status, attempts, next_attempt_at, last_error, processed_at, unattributed, client_id";

// The same columns without the raw body (a journal page of 500 events stays small).
const char *const ListColumns = "id, provider, provider_event_id, event_type, ordering_key, received_at, NULL, "
                                "status, attempts, next_attempt_at, last_error, processed_at, unattributed, client_id";

EventRecord readEvent(const QSqlQuery &query)
{
    EventRecord e;
    e.id = query.value(0).toLongLong();
    e.provider = query.value(1).toString();
    e.providerEventId = query.value(2).toString();
    e.eventType = query.value(3).toString();
    e.orderingKey = query.value(4).toString();
    e.receivedAt = query.value(5).toLongLong();
    e.rawBody = query.value(6).toByteArray();
    e.status = query.value(7).toString();
    e.attempts = query.value(8).toInt();
    e.nextAttemptAt = query.value(9).toLongLong();
    e.lastError = query.value(10).toString();
    e.processedAt = query.value(11).toLongLong();
    e.unattributed = query.value(12).toInt() != 0;
    e.clientId = query.value(13).toLongLong();
    return e;
}

DbResult<QList<EventRecord>> readEvents(DbResult<QSqlQuery> result)
{
    if (!result.ok())
        return result.error();
    QList<EventRecord> events;
    while (result.value().next())
        events.append(readEvent(result.value()));
    return events;
}

} // namespace

EventRepository::EventRepository(Database &database, TenantScope scope) : m_database(database), m_scope(scope) { }

namespace {

// One attempt at storing a batch; *conflict is set when PostgreSQL gave up on it because of a
// concurrent transaction (deadlock 40P01, serialization failure 40001): nothing was stored and
// the same batch can simply run again.
DbResult<QList<bool>> insertBatchOnce(Database &database, const QList<NewEvent> &events, qint64 receivedAt,
                                      bool *conflict)
{
    const auto failed = [conflict](const QSqlError &error) {
        *conflict = error.nativeErrorCode() == QLatin1String("40P01") || error.nativeErrorCode() == QLatin1String("40001");
        return DbError::fromSql(error);
    };
    Transaction transaction(database);
    if (!transaction.isActive())
        return transaction.beginError();
    QSqlQuery query(database.connection());
    if (!query.prepare(QStringLiteral("INSERT INTO events (provider, provider_event_id, event_type, ordering_key, "
                                      "received_at, raw_body) VALUES (?, ?, ?, ?, ?, ?) "
                                      "ON CONFLICT (provider, provider_event_id) DO NOTHING")))
        return failed(query.lastError());
    QList<bool> stored;
    stored.reserve(events.size());
    for (const NewEvent &event : events) {
        query.addBindValue(event.provider);
        query.addBindValue(event.providerEventId);
        query.addBindValue(event.eventType);
        query.addBindValue(Sql::nullIfEmpty(event.orderingKey));
        query.addBindValue(receivedAt);
        query.addBindValue(event.rawBody);
        if (!query.exec())
            return failed(query.lastError());
        stored.append(query.numRowsAffected() > 0);
    }
    if (DbError error = transaction.commit())
        return error;
    return stored;
}

} // namespace

DbResult<QList<bool>> EventRepository::insertBatch(const QList<NewEvent> &events, qint64 receivedAt) const
{
    // Two instances on one PostgreSQL storing the same duplicate deliveries in different orders
    // can deadlock on the unique key (tst_teamload saw it); the server aborts one batch, which then
    // runs again instead of answering 503. Arrival order (the ids) is kept.
    for (int attempt = 1;; ++attempt) {
        bool conflict = false;
        DbResult<QList<bool>> result = insertBatchOnce(m_database, events, receivedAt, &conflict);
        if (result.ok() || !conflict || attempt == 3)
            return result;
    }
}

DbError EventRepository::insertApplied(const NewEvent &event, qint64 receivedAt, qint64 clientId,
                                       const QString &unattributedReason) const
{
    const bool unattributed = clientId == 0;
    return Sql::exec(m_database,
                     QStringLiteral("INSERT INTO events (provider, provider_event_id, event_type, ordering_key, "
                                    "received_at, raw_body, status, attempts, processed_at, client_id, unattributed, "
                                    "last_error) VALUES (?, ?, ?, ?, ?, ?, 'processed', 1, ?, ?, ?, ?)"),
                     { event.provider, event.providerEventId, event.eventType, Sql::nullIfEmpty(event.orderingKey),
                       receivedAt, event.rawBody, receivedAt + 1000, Sql::nullIfZero(clientId), unattributed ? 1 : 0,
                       unattributed ? QVariant(QStringLiteral("unattributed: ") + unattributedReason) : QVariant() })
            .error();
}

DbResult<QList<EventRecord>> EventRepository::processable(const QStringList &providers, qint64 nowMs, int limit) const
{
    if (providers.isEmpty())
        return QList<EventRecord>();
    QVariantList binds { nowMs };
    for (const QString &provider : providers)
        binds << provider;
    binds << limit;
    const QString sql = QStringLiteral("SELECT %1 FROM events e WHERE e.status = 'pending' "
                                       "AND (e.next_attempt_at IS NULL OR e.next_attempt_at <= ?) "
                                       "AND e.provider IN (%2) AND NOT EXISTS (SELECT 1 FROM events p "
                                       "WHERE p.ordering_key = e.ordering_key AND p.status = 'pending' AND p.id < e.id) "
                                       "ORDER BY e.id LIMIT ?")
                                .arg(QLatin1String(Columns), Sql::placeholders(int(providers.size())));
    return readEvents(Sql::exec(m_database, sql, binds));
}

DbResult<bool> EventRepository::claim(qint64 id, int attempts) const
{
    DbResult<int> affected = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE events SET attempts = attempts WHERE id = ? AND status = 'pending' AND attempts = ?"),
            { id, attempts });
    if (!affected.ok())
        return affected.error();
    return affected.value() == 1;
}

DbError EventRepository::markProcessed(qint64 id, qint64 nowMs) const
{
    return Sql::exec(m_database,
                     QStringLiteral("UPDATE events SET status = 'processed', attempts = attempts + 1, "
                                    "processed_at = ?, next_attempt_at = NULL, "
                                    "last_error = CASE WHEN unattributed = 1 THEN last_error END WHERE id = ?"),
                     { nowMs, id })
            .error();
}

DbError EventRepository::markFailed(qint64 id, int attempts, const QString &error, qint64 nextAttemptAt,
                                    bool final) const
{
    return Sql::exec(m_database,
                     QStringLiteral("UPDATE events SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ? "
                                    "WHERE id = ?"),
                     { final ? QStringLiteral("failed") : QStringLiteral("pending"), attempts, error.left(2000),
                       final ? QVariant(QMetaType::fromType<qint64>()) : QVariant(nextAttemptAt), id })
            .error();
}

DbError EventRepository::markUnattributed(qint64 id, const QString &reason) const
{
    return Sql::exec(m_database, QStringLiteral("UPDATE events SET unattributed = 1, last_error = ? WHERE id = ?"),
                     { QString(QStringLiteral("unattributed: ") + reason.left(1900)), id })
            .error();
}

DbError EventRepository::markAttributed(qint64 id, qint64 clientId) const
{
    return Sql::exec(m_database, QStringLiteral("UPDATE events SET client_id = ? WHERE id = ?"),
                     { Sql::nullIfZero(clientId), id })
            .error();
}

DbError EventRepository::replay(qint64 id) const
{
    DbResult<int> affected = Sql::execAffected(
            m_database,
            QStringLiteral("UPDATE events SET status = 'pending', attempts = 0, next_attempt_at = NULL, "
                           "last_error = CASE WHEN unattributed = 1 THEN NULL ELSE last_error END, unattributed = 0 "
                           "WHERE id = ? "
                           "AND (status IN ('failed', 'ignored') OR (status = 'processed' AND unattributed = 1))"),
            { id });
    if (!affected.ok())
        return affected.error();
    if (affected.value() == 0)
        return { DbError::NotFound, QStringLiteral("event %1: no failed event with that id").arg(id) };
    return {};
}

DbResult<EventRecord> EventRepository::byId(qint64 id) const
{
    DbResult<QList<EventRecord>> events = readEvents(Sql::exec(
            m_database, QStringLiteral("SELECT %1 FROM events WHERE id = ?").arg(QLatin1String(Columns)) + Sql::scopeClause(m_scope),
            { id }));
    if (!events.ok())
        return events.error();
    if (events.value().isEmpty())
        return DbError(DbError::NotFound, QStringLiteral("event %1 not found").arg(id));
    return events.value().first();
}

DbResult<EventRecord> EventRepository::byProviderEventId(const QString &provider, const QString &providerEventId) const
{
    DbResult<QList<EventRecord>> events = readEvents(Sql::exec(
            m_database,
            QStringLiteral("SELECT %1 FROM events WHERE provider = ? AND provider_event_id = ?").arg(QLatin1String(Columns))
                    + Sql::scopeClause(m_scope),
            { provider, providerEventId }));
    if (!events.ok())
        return events.error();
    if (events.value().isEmpty())
        return DbError(DbError::NotFound, QStringLiteral("no %1 event %2 stored").arg(provider, providerEventId));
    return events.value().first();
}

DbResult<QList<EventRecord>> EventRepository::list(const EventFilter &filter) const
{
    QString sql = QStringLiteral("SELECT %1 FROM events WHERE 1 = 1")
                          .arg(QLatin1String(filter.withBody ? Columns : ListColumns))
            + Sql::scopeClause(m_scope); // a client user's journal: the events attributed to that client
    QVariantList binds;
    if (!filter.eventType.isEmpty()) {
        sql += QStringLiteral(" AND event_type = ?");
        binds << filter.eventType;
    }
    if (filter.receivedFrom > 0) {
        sql += QStringLiteral(" AND received_at >= ?");
        binds << filter.receivedFrom;
    }
    if (filter.receivedTo > 0) {
        sql += QStringLiteral(" AND received_at < ?");
        binds << filter.receivedTo;
    }
    if (filter.appliedOnly)
        sql += QStringLiteral(" AND status = 'processed' AND unattributed = 0");
    if (!filter.status.isEmpty()) {
        sql += QStringLiteral(" AND status = ?");
        binds << filter.status;
    }
    if (!filter.provider.isEmpty()) {
        sql += QStringLiteral(" AND provider = ?");
        binds << filter.provider;
    }
    if (filter.unattributedOnly)
        sql += QStringLiteral(" AND unattributed = 1");
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ? OFFSET ?");
    binds << filter.limit << filter.offset;
    return readEvents(Sql::exec(m_database, sql, binds));
}

DbResult<QStringList> EventRepository::eventTypes(const QString &provider) const
{
    QString sql = QStringLiteral("SELECT DISTINCT event_type FROM events WHERE 1 = 1") + Sql::scopeClause(m_scope);
    QVariantList binds;
    if (!provider.isEmpty()) {
        sql += QStringLiteral(" AND provider = ?");
        binds << provider;
    }
    sql += QStringLiteral(" ORDER BY event_type LIMIT 200");
    DbResult<QSqlQuery> result = Sql::exec(m_database, sql, binds);
    if (!result.ok())
        return result.error();
    QStringList types;
    while (result.value().next())
        types << result.value().value(0).toString();
    return types;
}

DbResult<qint64> EventRepository::backlogCount() const
{
    DbResult<QSqlQuery> result =
            Sql::exec(m_database, QStringLiteral("SELECT COUNT(*) FROM events WHERE status = 'pending'"));
    if (!result.ok())
        return result.error();
    return result.value().next() ? result.value().value(0).toLongLong() : 0;
}

} // namespace Callvia::Models
