#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>
#include <QStringList>

namespace Callvia::Models {

class Database;

// One verified event ready to be stored (the listener's group commit collects these).
struct NewEvent
{
    QString provider;
    QString providerEventId;
    QString eventType;
    QString orderingKey;
    QByteArray rawBody;
};

// Filter for the admin list of events.
struct EventFilter
{
    QString status; // empty = any
    QString provider; // empty = any
    int limit = 500;
    int offset = 0;
    bool unattributedOnly = false; // only events that mapped to no client (last: keeps brace-init order)
    QString eventType {}; // empty = any (initialized: brace-init callers leave it out)
    qint64 receivedFrom = 0; // inclusive, ms since epoch; 0 = open
    qint64 receivedTo = 0; // exclusive; 0 = open
    bool appliedOnly = false; // processed and attributed to a client (it changed something)
    bool withBody = true; // false: raw_body left empty (the journal's list; byId() reads one body)
};

// All SQL on the `events` table: batch intake (deduplicated on provider + provider event id),
// the processor's queue (arrival order per ordering key, backoff), admin listing and replay.
class EventRepository final
{
public:
    // scope: a client user's repository reads only the events attributed to that client
    // (byId, list, eventTypes); intake, the queue and replay are the agency's.
    explicit EventRepository(Database &database, TenantScope scope = TenantScope::agency());

    // Inserts all events in ONE transaction; per event true = stored, false = duplicate.
    DbResult<QList<bool>> insertBatch(const QList<NewEvent> &events, qint64 receivedAt) const;
    // History that was already applied (the demo data's journal): stored as processed at
    // receivedAt + 1 s, attributed to clientId, or unattributed with the reason when clientId is 0.
    // Runs in the caller's transaction; a duplicate is an error.
    DbError insertApplied(const NewEvent &event, qint64 receivedAt, qint64 clientId,
                          const QString &unattributedReason = {}) const;

    // Pending events of these providers that are due (next_attempt_at <= now) and have no
    // earlier pending event with the same ordering key, oldest first.
    DbResult<QList<EventRecord>> processable(const QStringList &providers, qint64 nowMs, int limit) const;

    // Inside the processor's transaction, before apply(): claims the event (and takes SQLite's
    // write lock first). False when it is no longer pending with `attempts` attempts, i.e.
    // another processor (another desktop on the same PostgreSQL) got to it first.
    DbResult<bool> claim(qint64 id, int attempts) const;
    DbError markProcessed(qint64 id, qint64 nowMs) const;
    // Records a failed attempt: stays pending until nextAttemptAt, or 'failed' when final.
    DbError markFailed(qint64 id, int attempts, const QString &error, qint64 nextAttemptAt, bool final) const;
    // Inside apply(): the event mapped to no client. It is still marked processed afterwards;
    // the flag and the reason (kept in last_error) stay until a replay.
    DbError markUnattributed(qint64 id, const QString &reason) const;
    // Inside apply(): the client the event was attributed to (its journal row is then visible
    // to that client's users).
    DbError markAttributed(qint64 id, qint64 clientId) const;
    // Puts a failed, ignored or unattributed event back in the queue with a fresh attempt count
    // (after a client mapping was added, an unattributed event is applied again).
    DbError replay(qint64 id) const;

    DbResult<EventRecord> byId(qint64 id) const;
    // The stored event with this dedupe key (the admin console's test event, issue 26 item 4);
    // NotFound when it is not stored (yet).
    DbResult<EventRecord> byProviderEventId(const QString &provider, const QString &providerEventId) const;
    DbResult<QList<EventRecord>> list(const EventFilter &filter) const;
    DbResult<qint64> backlogCount() const;
    // The event types stored so far (of one provider, or all when empty), sorted, at most 200.
    DbResult<QStringList> eventTypes(const QString &provider = {}) const;

private:
    Database &m_database;
    TenantScope m_scope;
};

} // namespace Callvia::Models
