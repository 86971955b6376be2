#pragma once

#include <models/dberror.h>

#include <QObject>

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

// Milestone billing (issue 22, item 4). Milestone n+1 of a client is due when its shown
// appointments not yet in a milestone reach the client's milestone size (client setting, default
// 25; amount default 200000 cents). Each milestone is applied whole or not at all, in its own
// savepoint; milestones are committed in groups (up to 50 in one transaction, ended early after
// 100 ms or when a webhook waits for the write lock), so a failure rolls back only the failing
// milestone's writes and a crash loses at most an uncommitted group, never half a milestone.
// For each milestone the client row is locked
// (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), the count re-read, the milestone
// inserted (UNIQUE client + sequence), the `size` earliest unlinked shown appointments linked to
// it (appointments.milestone_id), its invoice row written and the first Stripe step queued
// (StripeInvoiceFlow). So 24 -> 51 shows makes milestones 1 and 2 in two transactions, and two
// instances never make one twice. The size and amount are copied into the milestone: a changed
// setting applies only to milestones not yet reached.
// A verdict corrected to no-show after invoicing: the milestone whose linked appointments still
// shown fell below its shows_required is flagged 'credit_note_needed' for an admin; its invoice
// and milestone are otherwise left as issued. Owned by the composition root.
class MilestoneService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MilestoneService)
public:
    MilestoneService(Models::Database &database, const Models::Clock &clock, QObject *parent = nullptr);

    // Now when a milestone is due or a milestone needs its flag; 0 otherwise.
    Models::DbResult<qint64> nextDueAt() const;
    // Creates the due milestones (one transaction each) and flags short ones; true when more may
    // be due at once (a batch limit was reached).
    Models::DbResult<bool> runDue(qint64 nowMs);

    int milestonesCreated() const { return m_created; }

Q_SIGNALS:
    void outboxQueued();
    void milestoneReached(qint64 clientId, int sequence);
    void milestoneFlagged(qint64 milestoneId);

private:
    // Inside the caller's transaction: the client's next milestone if due; its sequence, 0 if none.
    Models::DbResult<int> createNext(qint64 clientId, qint64 nowMs);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    int m_clientBatch = 500;
    int m_milestoneBatch = 2000;
    int m_groupSize = 50;
    qint64 m_groupBudgetMs = 100;
    int m_created = 0;
};

} // namespace Callvia::Services
