#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace Callvia::Models {

class Clock;
class Database;

// One appointment as the verification pass sees it: the booking, its lead, and the client's
// verification settings (migration 012; defaults 48 h, 45 s, 30 min).
struct VerificationCandidate
{
    qint64 appointmentId = 0;
    qint64 clientId = 0; // 0 = booking not matched to a client
    qint64 leadId = 0;
    QString bookingUid;
    QString status;
    QString verification;
    QString verdictSource;
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    qint64 leadConfirmedAt = 0;
    qint64 verifiedAt = 0;
    QString attendeeName;
    QString attendeeEmail;
    QString attendeePhone;
    QString leadFirstName;
    QString leadPhone;
    QString leadEmail;
    QString clientName;
    QString clientEmail;
    QString clientTimeZone;
    QString clientLanguage;
    QString bookingUrl;
    qint64 delayMs = 48LL * 3600 * 1000;
    int minCallSeconds = 45;
    qint64 windowBeforeMs = 30LL * 60 * 1000;

    qint64 verdictDueAt() const { return endsAt + delayMs; }
    QString phone() const { return !leadPhone.isEmpty() ? leadPhone : attendeePhone; }
};

// A verdict with the evidence behind it (appointment_verdicts). The latest row of an appointment
// is its current verdict; older rows are the history of corrections.
struct VerdictRecord
{
    qint64 id = 0;
    qint64 appointmentId = 0;
    qint64 clientId = 0;
    QString rule; // client_confirmed | lead_confirmed | call_verified | no_show | manual
    QString verdict; // shown | no_show
    QString source; // automatic | client | manual
    QJsonObject evidence;
    qint64 decidedBy = 0; // users.id; 0 = automatic (or the client's link)
    QString decidedByName; // users.username, when decidedBy is set
    qint64 decidedAt = 0;
    QString reason; // manual verdicts
};

// The "did they show?" e-mail of one appointment (client_confirmations).
struct ClientConfirmationRecord
{
    qint64 id = 0;
    qint64 appointmentId = 0;
    qint64 clientId = 0;
    QString status; // queued | skipped | answered
    QString reason;
    QString toAddress;
    qint64 outboxId = 0;
    qint64 expiresAt = 0;
    QString answer; // yes | no
    qint64 answeredAt = 0;
    qint64 createdAt = 0;
};

// A call that speaks for a show (rule 3): the call_logs row and how it was matched.
struct QualifyingCall
{
    qint64 callLogId = 0;
    QString retellCallId;
    qint64 durationMs = 0;
    qint64 startedAt = 0;
    qint64 updatedAt = 0;
    QString matchedBy; // lead | phone
};

// An inbound SMS (the lead's YES) behind a lead confirmation.
struct LeadReply
{
    qint64 messageId = 0;
    QString providerMessageId;
    QString fromAddress;
    QString body;
    qint64 receivedAt = 0;
};

// All SQL of show verification (issue 22): candidates, the evidence finders, writing a verdict
// (appointment columns + appointment_verdicts row together, inside the caller's transaction),
// the client confirmations and the review flag. Constructed with an explicit scope.
class VerificationRepository final
{
public:
    VerificationRepository(Database &database, const Clock &clock, TenantScope scope);

    // The earliest verdict due (end + client's delay) among appointments still pending/scheduled.
    DbResult<qint64> nextVerdictDueAt() const;
    // Appointments whose verdict is due at nowMs, oldest first (PostgreSQL: locked, SKIP LOCKED).
    DbResult<QList<VerificationCandidate>> dueForVerdict(qint64 nowMs, int limit) const;
    // The earliest end of an open appointment of a client that has no confirmation row yet.
    DbResult<qint64> nextConfirmationDueAt() const;
    DbResult<QList<VerificationCandidate>> dueForConfirmation(qint64 nowMs, int limit) const;
    // One appointment (PostgreSQL: its row locked FOR UPDATE). NotFound outside the scope.
    DbResult<VerificationCandidate> candidate(qint64 appointmentId) const;

    // --- evidence ---
    DbResult<std::optional<LeadReply>> leadReply(const VerificationCandidate &c) const;
    // The first call with the lead (by lead id, or by the phone in E.164 on either end) that
    // started inside the client's window and lasted more than its minimum; changed after
    // `changedAfterMs` when that is > 0 (a late call log).
    DbResult<std::optional<QualifyingCall>> qualifyingCall(const VerificationCandidate &c, qint64 changedAfterMs = 0) const;
    // The same for a group, by appointment id (candidates without a qualifying call are absent):
    // one statement per chunk of Sql::ChunkWidths candidates reads their calls in the group's
    // time span, and each candidate's own rules (its lead or phones, client, window and minimum)
    // pick its call here.
    DbResult<QHash<qint64, QualifyingCall>> qualifyingCalls(const QList<VerificationCandidate> &group,
                                                           qint64 changedAfterMs = 0) const;

    // --- verdicts ---
    // Writes the verdict to the appointment (status, verification, verified_at/_by,
    // verdict_source) and appends its appointment_verdicts row. onlyIfOpen: only while the
    // appointment is still pending/scheduled (the automatic pass); returns false when it was not.
    DbResult<bool> applyVerdict(const VerdictRecord &verdict, const QString &verification, bool onlyIfOpen) const;
    // The automatic pass's verdicts for a group, set-based: each appointment still pending or
    // scheduled gets its verdict (verification = the rule), and the appointment_verdicts rows are
    // appended only when every one of them was still open. Returns how many were.
    DbResult<int> applyAutomaticVerdicts(const QList<VerdictRecord> &verdicts) const;
    // The current verdict with its evidence; NotFound when none was made.
    DbResult<VerdictRecord> verdictFor(qint64 appointmentId) const;
    // Every verdict and correction, oldest first.
    DbResult<QList<VerdictRecord>> verdictHistory(qint64 appointmentId) const;

    // --- client confirmations ---
    DbResult<qint64> insertConfirmation(const ClientConfirmationRecord &record) const;
    DbError setConfirmationOutbox(qint64 confirmationId, qint64 outboxId) const;
    DbResult<ClientConfirmationRecord> confirmation(qint64 appointmentId) const;
    // The confirmations of a group of appointments, by appointment id (set-based).
    DbResult<QHash<qint64, ClientConfirmationRecord>> confirmations(const QList<qint64> &appointmentIds) const;
    // queued -> answered once; false when it was answered (or skipped) already.
    DbResult<bool> markAnswered(qint64 appointmentId, const QString &answer, qint64 atMs) const;

    // --- late calls ---
    // Automatic no-show verdicts (decided after sinceMs) not yet flagged, for the late-call check.
    DbResult<QList<VerificationCandidate>> openNoShows(qint64 sinceMs, int limit) const;
    DbResult<bool> flagForReview(qint64 appointmentId, const QString &reason, qint64 atMs) const;

private:
    DbResult<QList<VerificationCandidate>> selectCandidates(const QString &where, const QVariantList &binds,
                                                             const QString &tail) const;
    DbResult<QList<VerdictRecord>> selectVerdicts(const QString &tail, const QVariantList &binds) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
