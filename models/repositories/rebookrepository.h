#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// One no-show rebook sequence with what its messages need (rebook_sequences + appointment,
// lead, client).
struct RebookSequenceRecord
{
    qint64 id = 0;
    qint64 appointmentId = 0;
    qint64 clientId = 0;
    qint64 leadId = 0;
    QString phone;
    QString email;
    QString status; // active | completed | ended
    int nextStep = 0; // 0 SMS at once, 1 e-mail, 2 final SMS, 3 = done
    qint64 nextDueAt = 0;
    qint64 startedAt = 0;
    QString endedReason; // new_booking | opted_out | manual_stop | verdict_shown
    QString endedDetail;
    qint64 endedBy = 0;
    qint64 endedAt = 0;
    // context
    QString bookingUid;
    qint64 appointmentStartsAt = 0;
    QString firstName;
    QString leadLanguage;
    QString leadTimeZone;
    QString clientName;
    QString clientTimeZone;
    QString bookingUrl;
};

struct RebookStepRecord
{
    int step = 0;
    QString channel;
    QString status; // queued | skipped
    QString reason;
    qint64 outboxId = 0;
    qint64 at = 0;
};

// All SQL of the no-show rebook sequences (issue 22 item 3, migration 012). Writes run inside
// the caller's transaction. Constructed with an explicit scope.
class RebookRepository final
{
public:
    RebookRepository(Database &database, const Clock &clock, TenantScope scope);

    // Starts (or restarts, after a correction to shown had ended it) the sequence of a no-show
    // appointment, first step due at nowMs. Returns the sequence id; 0 when one is running or done.
    DbResult<qint64> start(qint64 appointmentId, qint64 nowMs) const;
    // start() for many appointments in set-based statements; returns how many were started.
    DbResult<int> startMany(const QList<qint64> &appointmentIds, qint64 nowMs) const;
    DbResult<qint64> nextDueAt() const; // 0 = none active
    DbResult<QList<RebookSequenceRecord>> due(qint64 nowMs, int limit) const;
    DbResult<RebookSequenceRecord> forAppointment(qint64 appointmentId) const;
    DbResult<QList<RebookStepRecord>> steps(qint64 sequenceId) const;
    // A booking by the sequence's lead (same lead, or same e-mail or phone within the client)
    // created after the sequence started: its booking uid, or "" when none.
    DbResult<QString> newBookingBy(const RebookSequenceRecord &sequence) const;
    DbError recordStep(const RebookSequenceRecord &sequence, const RebookStepRecord &step) const;
    // Moves the sequence on to `nextStep` due at `nextDueAt` (nextStep 3: completed).
    DbError advance(qint64 sequenceId, int nextStep, qint64 nextDueAt) const;
    // active -> ended with the reason; false when it was not active.
    DbResult<bool> end(qint64 sequenceId, const QString &reason, const QString &detail, qint64 userId) const;

private:
    DbResult<QList<RebookSequenceRecord>> select(const QString &where, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
