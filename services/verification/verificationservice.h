#pragma once

#include <models/dberror.h>

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

namespace Callvia::Models {
class Clock;
class Database;
struct VerificationCandidate;
} // namespace Callvia::Models

namespace Callvia::Services {

class ProviderConfig;
class Session;

// Show verification (issue 22 items 1 and 2). When an appointment ends, its client gets one
// "did they show?" e-mail through the outbox with two signed links (ConfirmationLinks). The
// client's delay (default 48 h) after the end, every appointment still pending/scheduled gets
// its verdict, first match wins:
//   1. the client answered "yes" by the link             -> shown   (client_confirmed)
//   2. the lead replied YES to a reminder                -> shown   (lead_confirmed)
//   3. a call with the lead (by lead, or the phone in E.164 at either end) longer than the
//      client's minimum (45 s), started from 30 min before the start to the end -> shown (call_verified)
//   4. otherwise                                          -> no_show (no_show; starts the rebook sequence)
// The client's "no" is a no-show at once, the client's "yes" a show at once (rule 1 cannot be
// overruled). Each verdict writes appointments.status/verification/verified_at/verified_by and
// an appointment_verdicts row whose evidence names the row behind it, and an audit entry, in one
// transaction per appointment. Staff verdicts (setManualVerdict) are never touched by the pass; a
// call log changed after an automatic no-show flags the appointment for review, never flips it.
// The scheduler runs runDue() at nextDueAt(). Owns nothing.
class VerificationService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerificationService)
public:
    struct Options
    {
        int batchSize = 1000; // appointments per runDue
        // Verdicts are committed in groups of up to groupSize appointments in one transaction. A
        // group is first decided set-based (its evidence read and its verdicts, audit entries and
        // rebook sequences written in a few statements per chunk). If that fails, the group is
        // undone and decided one by one, each appointment in its own savepoint (applied whole or
        // not at all; a failure rolls back only its own writes, commits the ones before it and
        // ends the pass); that group also ends after groupBudgetMs or when an urgent writer (a
        // webhook) waits for the write lock.
        int groupSize = 500;
        qint64 groupBudgetMs = 100;
        qint64 lateCallCheckMs = 15LL * 60 * 1000; // how often late call logs are looked for
        qint64 lateCallLookbackMs = 30LL * 24 * 3600 * 1000; // no-show verdicts younger than this
        QString defaultPublicUrl = QStringLiteral("http://127.0.0.1:8787"); // without listener.public_url
        QByteArray linkKey; // without the verification.link_key setting (the composition root derives one)
    };
    enum class AnswerOutcome { Recorded, AlreadyAnswered, Expired, NotFound };
    struct Answered
    {
        AnswerOutcome outcome = AnswerOutcome::NotFound;
        QString language; // the client's
        QString leadName;
        qint64 startsAt = 0;
        QString timeZone;
    };

    // config: the link key (verification.link_key, a secret) and listener.public_url; may be null
    // (no confirmation e-mails then).
    VerificationService(Models::Database &database, const Models::Clock &clock, const ProviderConfig *config,
                        Options options, QObject *parent = nullptr);

    Models::DbResult<qint64> nextDueAt() const;
    // Confirmation e-mails, then verdicts, then late call logs; true when more is due at once.
    Models::DbResult<bool> runDue(qint64 nowMs);
    // Staff (not client users) decide shown / no-show with a reason, at any time; a change of an
    // earlier verdict is a correction (a no-show starts the rebook sequence, a show ends it).
    Models::DbError setManualVerdict(const Session &actor, qint64 appointmentId, bool shown, const QString &reason);
    // The client's answer from a link whose token verified (the listener's route).
    Models::DbResult<Answered> answerConfirmation(qint64 appointmentId, const QString &answer);

    // The evidence-based verdict the pass would give now, without writing (rules 1-4).
    Models::DbResult<QJsonObject> evaluate(const Models::VerificationCandidate &candidate, QString *rule) const;

Q_SIGNALS:
    void verdictsDecided(int count);
    void confirmationsQueued(int count);

private:
    // Decides up to `limit` due appointments in one transaction; how many were decided (0: none due).
    Models::DbResult<int> verdictGroup(qint64 nowMs, int limit);
    Models::DbResult<bool> confirmationOne(qint64 nowMs);
    Models::DbError checkLateCalls(qint64 nowMs);
    Models::DbError decideAll(const QList<Models::VerificationCandidate> &group);
    Models::DbError decide(const Models::VerificationCandidate &candidate, const QString &rule, const QString &source,
                           const QJsonObject &evidence, const Session *actor, const QString &reason, bool onlyIfOpen,
                           bool *applied);
    QByteArray linkKey() const;

    Models::Database &m_database;
    const Models::Clock &m_clock;
    const ProviderConfig *m_config;
    Options m_options;
    qint64 m_lastLateCheck = 0;
};

} // namespace Callvia::Services
