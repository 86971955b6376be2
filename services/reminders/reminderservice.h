#pragma once

#include <models/dberror.h>

#include <QObject>
#include <QString>

namespace Callvia::Models {
class Clock;
class Database;
struct DueReminder;
} // namespace Callvia::Models

namespace Callvia::Services {

// Turns due `reminders` rows into an outbox row plus a `messages` row each, in the same
// transaction as the reminder's own change (one transaction per pass), so a reminder is queued
// exactly once or not at all. The scheduler (services/scheduling/scheduler.h) calls runDue()
// when nextDueAt() comes. Owned by the composition root; it owns nothing.
//
// The plan (ReminderRepository::scheduleFor): SMS + e-mail 24 h before the start, SMS 2 h
// before, SMS 15 min before. A booking made after a moment gets that reminder `skipped`
// ("booked after this reminder's moment"): a booking 30 minutes ahead gets only the 15 min one.
//
// The missed-moment rule, for a reminder found due at `now` (the app was off, the laptop
// slept, the clock jumped). Each reminder has a window from its own moment to the next one:
//   24 h (SMS and e-mail): [start - 24 h, start - 2 h)
//   2 h:                   [start - 2 h,  start - 15 min)
//   15 min:                [start - 15 min, start)
// Inside its window it is sent; past it, it is skipped with the reason, since a later reminder
// now speaks for it ("missed its moment: the 2 h reminder is due"). At the start or after, every
// reminder is skipped ("appointment already started"). The windows do not overlap, so after a
// long sleep at most the one latest still-meaningful reminder of an appointment goes (its SMS
// and e-mail for the 24 h one), never a burst of stale ones. A clock set back finds the sent
// reminders `queued`, not `scheduled`, so nothing goes twice (and the outbox idempotency key
// reminder:<id>:<start> would refuse a second row anyway).
//
// Recipients: the lead's phone / e-mail, else the booking's attendee phone / e-mail. Skipped with
// the reason: no phone (SMS), no e-mail (e-mail), neither, a number opted out, an address
// suppressed (bounced, unsubscribed), a booking with no client. A text that renders empty or
// over 10 SMS segments: the reminder is `failed` with the reason, nothing is queued.
class ReminderService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReminderService)
public:
    struct Options
    {
        int batchSize = 200; // reminders per pass (one transaction)
        // Cal.com's reschedule page; %1 = the booking uid.
        QString rescheduleUrl = QStringLiteral("https://cal.com/reschedule/%1");
    };
    struct Decision
    {
        bool send = false;
        QString reason; // why not, when !send
    };
    struct PassResult
    {
        int queued = 0;
        int skipped = 0;
        int failed = 0;
        int cancelled = 0;
        int total() const { return queued + skipped + failed + cancelled; }
    };

    ReminderService(Models::Database &database, const Models::Clock &clock, Options options, QObject *parent = nullptr);

    // The missed-moment rule above, for one reminder of an appointment at `startsAt`.
    static Decision decide(int offsetMinutes, qint64 startsAt, qint64 nowMs);
    static QString templateName(int offsetMinutes);

    // One pass over at most batchSize due reminders, in one transaction.
    Models::DbResult<PassResult> runDue();
    // When the next reminder falls due (0: none scheduled).
    Models::DbResult<qint64> nextDueAt() const;

Q_SIGNALS:
    void remindersQueued(int count);

private:
    Models::DbError handle(const Models::DueReminder &due, qint64 now, PassResult *result) const;
    Models::DbError queue(const Models::DueReminder &due, const QString &address, PassResult *result) const;
    Models::DbError finish(const Models::DueReminder &due, const QString &status, const QString &reason,
                           PassResult *result) const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Options m_options;
};

} // namespace Callvia::Services
