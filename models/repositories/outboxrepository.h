#pragma once

#include <models/dberror.h>
#include <models/records.h>
#include <models/tenantscope.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

class QSqlQuery;

namespace Callvia::Models {

class Clock;
class Database;

// One outbound effect to be sent later by the dispatcher (services/outbox/). Payload conventions
// per kind are documented in services/outbox/README.md:
//   sms          {"to": E.164, "from"?: originator, "body": text, "message_id"?: messages.id}
//   email        {"to": address, "to_name"?, "from"?, "from_name"?, "subject", "text", "html"?,
//                 "message_id"?: messages.id, "categories"?: [..]}
//   stripe       {"method": "POST", "path": "/v1/invoices", "form": {"customer": "cus_..",
//                 "metadata": {"client_id": "7"}}}  (nested objects become metadata[client_id])
//   retell_call  {"from_number", "to_number", "agent_id"?, "metadata": {...},
//                 "retell_llm_dynamic_variables"?: {...}}
struct OutboxItem
{
    QString kind; // sms | email | stripe | retell_call
    qint64 clientId = 0; // 0 = agency-wide
    QString idempotencyKey; // unique per effect, e.g. "reminder:42:1440:sms"; sent to Stripe as is
    QJsonObject payload;
    qint64 dueAt = 0; // UTC ms; when the effect is wanted
};

// What the dispatcher learnt from one attempt, written back by finish().
struct OutboxOutcome
{
    qint64 id = 0;
    QString status; // sent | pending (retry later) | failed | unknown
    QString provider;
    int httpStatus = 0;
    QString providerRef; // message / call / object id
    QString response; // the provider's answer (trimmed), kept for the admin console
    QString lastError;
    qint64 nextAttemptAt = 0; // pending and unknown: when to try (or look up) again
    bool countAttempt = true; // false: give the attempt back (the row was never sent)
};

struct OutboxFilter
{
    QString status; // empty = any
    QString kind; // empty = any
    qint64 clientId = 0; // 0 = any (within the scope)
    int limit = 500;
};

// All SQL on the `outbox` table. enqueue() runs on the caller's connection, so inside the
// caller's open Transaction the row commits (or rolls back) with the change that caused it.
// The dispatcher claims due rows (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's single writer),
// records outcomes in batches and, for sms/email rows with a messages row (messages.outbox_id),
// updates that message in the same transaction.
class OutboxRepository final
{
public:
    OutboxRepository(Database &database, const Clock &clock, TenantScope scope);

    // Inserts a pending row and returns its id. A row with the same idempotency key already there
    // is not changed and its id is returned, so enqueueing the same effect twice sends it once.
    DbResult<qint64> enqueue(const OutboxItem &item) const;

    // --- dispatcher ---
    // In its own transaction: moves up to `limit` pending rows of `kind` that are ready (due and
    // past any retry backoff) to in_flight for `worker`, counting the attempt; due order.
    DbResult<QList<OutboxRecord>> claimDue(const QString &kind, const QString &worker, qint64 nowMs, int limit) const;
    // Unknown rows of `kind` ready for a look-up, taken by `worker` until `leaseUntilMs`.
    DbResult<QList<OutboxRecord>> claimUnknown(const QString &kind, const QString &worker, qint64 nowMs,
                                               qint64 leaseUntilMs, int limit) const;
    // In one transaction: each outcome applies only while `worker` still holds the row. Returns
    // how many applied. sms/email rows' messages move to sent / failed with the provider's id.
    DbResult<int> finish(const QString &worker, const QList<OutboxOutcome> &outcomes) const;
    // Rows left in_flight by a dispatcher that died (claimed at or before `claimedBeforeMs`):
    // retell_call rows go to unknown (the call may exist), the others back to pending (resent with
    // the same idempotency key). Returns how many moved.
    DbResult<int> recoverStale(qint64 claimedBeforeMs) const;
    // Due pending rows of a kind that cannot be sent now (no API key): they wait until `untilMs`
    // with `error` shown in the admin console. No attempt is counted.
    DbResult<int> deferKind(const QString &kind, qint64 nowMs, qint64 untilMs, const QString &error) const;
    // The earliest moment something needs the dispatcher: a pending row becoming ready, an
    // unknown row's look-up, a stale claim to recover (after `staleClaimMs`). 0 = nothing.
    DbResult<qint64> nextWakeAt(qint64 staleClaimMs) const;

    // --- admin console ---
    DbResult<QList<OutboxRecord>> list(const OutboxFilter &filter) const;
    DbResult<QHash<QString, qint64>> countsByStatus() const;
    DbResult<OutboxRecord> find(qint64 id) const;
    // failed -> pending now, attempts from zero. Invalid for other states (an unknown row is
    // resolved by the dispatcher asking the provider, never resent blindly).
    DbError retry(qint64 id) const;
    // failed / pending -> cancelled. Invalid for other states (a sent row stays sent).
    DbError cancel(qint64 id) const;

private:
    DbResult<QList<OutboxRecord>> select(const QString &where, const QVariantList &binds) const;
    DbError applyOutcome(QSqlQuery &row, QSqlQuery &message, const QString &worker, const OutboxOutcome &outcome,
                         int *applied) const;
    DbError changeState(qint64 id, const QString &fromStates, const QString &sql, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
