#pragma once

#include <models/dberror.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace Callvia::Models {
class Clock;
class Database;
struct RebookSequenceRecord;
} // namespace Callvia::Models

namespace Callvia::Services {

class Session;

// The no-show rebook sequence (issue 22 item 3). A NO-SHOW verdict starts it (startFor, inside
// the verdict's transaction): step 0 an SMS at once ("let's find a new time" with the client's
// booking link), step 1 an e-mail after 2 days, step 2 a final SMS after 4 days, each through
// the outbox (idempotency key rebook:<sequence>:<step>) with a messages row, like the reminders.
// Before each step the sequence ends, recorded with its reason, when the lead booked again
// (same lead, or same e-mail or phone within the client) or opted out of SMS; staff stop it by
// hand (stop); a verdict corrected to SHOWN ends it (endFor). A step whose address is missing or
// suppressed is recorded as skipped with the reason and the sequence goes on. The scheduler runs
// runDue() at nextDueAt(); one transaction per sequence. With a slot source (Cal.com), each
// message offers the next free slots in the lead's zone, fetched before the step's transaction
// opens; a source that fails leaves the plain link and its error in the step's reason.
// Owns nothing.
class RebookService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RebookService)
public:
    struct Options
    {
        qint64 emailAfterMs = 2LL * 24 * 3600 * 1000;
        qint64 finalAfterMs = 4LL * 24 * 3600 * 1000;
        int batchSize = 100; // sequences per runDue (one transaction each)
        // Without a client booking_url: Cal.com's reschedule page of the missed booking (%1 = uid).
        QString rescheduleUrl = QStringLiteral("https://cal.com/reschedule/%1");
        int slotCount = 3; // free slots offered per message
        qint64 slotWindowMs = 7LL * 24 * 3600 * 1000; // looked for from now on
    };
    // Free slot starts (UTC ms) for a client, or why there are none. Not configured: both empty.
    struct SlotOffer
    {
        QList<qint64> startsMs;
        QString error;
    };
    // Called on the scheduler's thread outside any transaction: (client, lead zone, from, to).
    using SlotSource = std::function<SlotOffer(qint64 clientId, const QString &timeZone, qint64 fromMs, qint64 toMs)>;

    RebookService(Models::Database &database, const Models::Clock &clock, Options options, QObject *parent = nullptr);

    void setSlotSource(SlotSource source) { m_slotSource = std::move(source); }
    Models::DbResult<qint64> nextDueAt() const;
    // Runs the steps due at nowMs; true when more are due at once (the batch was full).
    Models::DbResult<bool> runDue(qint64 nowMs);
    // Staff stop an appointment's running sequence; audited. NotFound when none is running.
    Models::DbError stop(const Session &actor, qint64 appointmentId, const QString &reason) const;

    // Inside the caller's transaction: a no-show verdict starts the sequence (once; again after a
    // correction to shown had ended it).
    static Models::DbError startFor(Models::Database &database, const Models::Clock &clock, qint64 appointmentId);
    // startFor for a group of no-shows (the verification pass's set-based group).
    static Models::DbError startForAll(Models::Database &database, const Models::Clock &clock,
                                       const QList<qint64> &appointmentIds);
    // Inside the caller's transaction: ends the appointment's running sequence, if any.
    static Models::DbError endFor(Models::Database &database, const Models::Clock &clock, qint64 appointmentId,
                                  const QString &reason, const QString &detail, const Session *actor);

Q_SIGNALS:
    void messagesQueued(int count);

private:
    Models::DbResult<bool> runOne(qint64 nowMs, int *queued);
    SlotOffer offerFor(qint64 nowMs, qint64 *sequenceId, int *step) const;
    Models::DbError step(const Models::RebookSequenceRecord &sequence, const SlotOffer &offer, int *queued) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Options m_options;
    SlotSource m_slotSource;
    // One runDue pass asks Cal.com once per client and zone: a slow or failing Cal.com costs
    // one timeout per pass, not one per sequence.
    mutable QHash<QString, SlotOffer> m_passOffers;
};

} // namespace Callvia::Services
