#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QList>
#include <QString>

namespace Callvia::Models {

class Clock;
class Database;

// Whether the dialer runs a campaign (dialer_campaigns, migration 026). No row = stopped.
struct DialerCampaignState
{
    qint64 campaignId = 0;
    qint64 clientId = 0;
    QString state = QStringLiteral("stopped"); // running | paused | stopped
    QString message; // why it paused by itself (a Retell 4xx), else empty
    qint64 changedAt = 0;
};

// One earlier call of a lead, as the rules engine counts it (outcome empty while not known).
struct DialerContact
{
    qint64 atMs = 0;
    QString outcome;
    qint64 campaignId = 0;
    bool open = false; // queued, placed or timed out: its outcome is not known yet
};

struct DialerOptOutFact
{
    qint64 atMs = 0;
    QString channel; // all | call | sms | email
    QString source;
};

// A lead in line with the facts the rules engine needs, read in a few set-based statements.
struct DialerCandidate
{
    qint64 leadId = 0;
    qint64 clientId = 0;
    qint64 campaignId = 0;
    QString name;
    QString phoneE164;
    QString timeZone;
    QString region;
    QString clientTimeZone;
    QString status;
    qint64 callbackAt = 0;
    int callAttempts = 0;
    QString consentType;
    qint64 consentAt = 0;
    QString consentSource;
    qint64 nextCheckAt = 0;
    QString reason; // the dialer's last verdict code ("outside_window"), empty before the first
    QList<DialerOptOutFact> optOuts;
    QList<DialerContact> history;
};

struct DialerCallRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    qint64 campaignId = 0;
    qint64 leadId = 0;
    qint64 outboxId = 0;
    QString toNumber;
    QString retellCallId;
    QString state = QStringLiteral("queued"); // queued | placed | ended | failed | cancelled | timed_out
    QString outcome; // answered | voicemail | no_answer | busy | failed | abandoned
    QString analysis; // call_logs.outcome once call_analyzed came (appointment_set, callback_requested, ...)
    QString flag;
    qint64 queuedAt = 0;
    qint64 placedAt = 0;
    qint64 endedAt = 0;
};

// A queued call whose outbox row Retell refused or that was cancelled.
struct DialerRefusal
{
    qint64 callId = 0;
    qint64 campaignId = 0;
    qint64 leadId = 0;
    QString outboxStatus; // failed | cancelled
    int httpStatus = 0;
    QString error;
};

// A call whose Retell call log says it ended (call_ended), or was analysed (call_analyzed).
struct DialerCallEnd
{
    qint64 callId = 0;
    qint64 leadId = 0;
    qint64 campaignId = 0;
    qint64 startedAt = 0;
    qint64 endedAt = 0;
    QString disconnectionReason;
    int inVoicemail = -1;
    QString analysis; // call_logs.outcome
    qint64 callbackAt = 0;
};

// A queued call whose outbox row is still pending and must not go any more.
struct DialerStaleQueued
{
    qint64 callId = 0;
    qint64 outboxId = 0;
    qint64 leadId = 0;
};

struct DialerCounts
{
    int open = 0; // queued + placed: the concurrency slots taken
    int lastMinute = 0; // calls queued within the last 60 s (not cancelled)
};

// A campaign's abandoned calls against its live answers (answered by a person, abandoned or not)
// over a period: compliance.md allows at most 3 % per campaign per 30 days.
struct DialerAbandonment
{
    int liveAnswers = 0;
    int abandoned = 0;
    double percent() const { return liveAnswers > 0 ? 100.0 * abandoned / liveAnswers : 0.0; }
    bool overLimit() const { return abandoned * 100 > liveAnswers * 3; }
};

struct DialerPanel
{
    int inProgress = 0;
    int placedToday = 0;
    int endedToday = 0;
    int connectsToday = 0; // answered (a person, not voicemail)
    int bookingsToday = 0;
    int flaggedToday = 0; // timed out: no call_ended in time
};

// All SQL of the dialer (services/dialer): campaign state, the per-lead queue (dialer_leads, whose
// next_check_at index gives the due front in one range read), and the calls it placed, reconciled
// with the outbox and the Retell call logs in set-based statements.
class DialerRepository final
{
public:
    DialerRepository(Database &database, const Clock &clock, TenantScope scope);

    // --- campaign state ---
    DbResult<DialerCampaignState> state(qint64 campaignId) const;
    DbResult<QList<DialerCampaignState>> campaigns(const QString &state) const;
    DbError setState(qint64 campaignId, const QString &state, const QString &message) const;
    // Whether any campaign runs or any call is still queued or placed (the service has work).
    DbResult<bool> hasWork() const;

    // --- the queue ---
    // Adds the campaign's leads not yet in dialer_leads (due at once). Returns how many.
    DbResult<int> syncLeads(qint64 campaignId) const;
    // Up to `limit` leads due at `nowMs` with no call of unknown outcome, earliest first, with
    // their opt-outs and call history.
    DbResult<QList<DialerCandidate>> dueCandidates(qint64 campaignId, qint64 nowMs, int limit) const;
    // The next `limit` leads in line (due or not), for the live panel.
    DbResult<QList<DialerCandidate>> nextInLine(qint64 campaignId, int limit) const;
    // One lead's facts (the "why not callable now" of the panel).
    DbResult<DialerCandidate> candidate(qint64 leadId) const;
    DbError setNextCheck(qint64 leadId, qint64 atMs, const QString &reason) const;

    // --- calls ---
    DbResult<DialerCounts> counts(qint64 campaignId, qint64 nowMs) const;
    DbResult<qint64> insertCall(const DialerCallRecord &call) const;
    DbError attachOutbox(qint64 callId, qint64 outboxId) const;
    // queued -> placed for calls whose outbox row was sent (retell_call_id = the row's provider_ref).
    DbResult<int> markPlaced() const;
    DbResult<QList<DialerRefusal>> refused() const;
    DbResult<QList<DialerStaleQueued>> staleQueued(qint64 queuedBeforeMs) const;
    DbResult<QList<DialerCallEnd>> ended() const;
    DbResult<QList<DialerCallEnd>> analysed(qint64 endedAfterMs) const;
    DbError finishCall(qint64 callId, const QString &state, const QString &outcome, const QString &flag,
                       qint64 endedAt) const;
    DbError setAnalysis(qint64 callId, const QString &analysis) const;
    DbError countAttempt(qint64 leadId) const;
    // placed -> timed_out for calls placed before `placedBeforeMs` with no call_ended.
    DbResult<int> timeOut(qint64 placedBeforeMs, const QString &flag) const;
    DbResult<QList<DialerCallRecord>> calls(qint64 campaignId, int limit) const;
    DbResult<DialerPanel> panel(qint64 campaignId, qint64 sinceMs) const;
    // Live answers and abandoned calls of calls queued since `sinceMs`.
    DbResult<DialerAbandonment> abandonment(qint64 campaignId, qint64 sinceMs) const;

private:
    DbResult<QList<DialerCandidate>> candidates(const QString &where, const QVariantList &binds) const;
    DbError loadFacts(QList<DialerCandidate> &list) const;

    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
