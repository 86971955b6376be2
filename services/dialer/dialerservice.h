#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>
#include <services/compliance/callingfacts.h>

#include <QObject>
#include <QString>

namespace Callvia::Models {
class Clock;
class Database;
struct CampaignCallingSettings;
struct DialerCandidate;
struct DialerCallEnd;
} // namespace Callvia::Models

namespace Callvia::Services {

// The compliant dialer (issue 25 item 4). While a campaign runs, each pass (one scheduler job,
// run only by the leader) first reconciles what happened since the last one — outbox rows Retell
// took (queued -> placed) or refused (a 4xx pauses the campaign with Retell's message), Retell's
// call_ended / call_analyzed as the webhook intake stored them in call_logs (the slot is freed,
// the attempt counted, the outcome recorded, the retry or the requested callback set), calls with
// no call_ended in time (slot freed, flagged, the lead stays blocked until the outcome is known),
// queued rows that must not go any more (paused, or stuck in the outbox while Retell is down) —
// then takes the due front of each running campaign's queue (DialerRepository::dueCandidates, one
// indexed range read), asks the rules engine about each lead and queues Retell create-phone-call
// outbox rows within the campaign's concurrent calls and calls per minute. A lead whose verdict is
// "not now" is looked at again at its next callable instant, so a pass never walks the campaign.
// State lives in the database only: a restart (or a new leader) resumes without dialing a lead
// whose call is queued, placed or of unknown outcome (a unique partial index holds it too).
// Owned by the scheduler; reads time from the injected clock.
class DialerService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DialerService)
public:
    struct Options
    {
        qint64 passIntervalMs = 2'000; // how often a running campaign is looked at
        qint64 callTimeoutMs = 30 * 60'000; // no call_ended this long after placing: flagged
        qint64 maxQueueWaitMs = 120'000; // a call not sent within this is cancelled, never sent late
        qint64 recheckBlockedMs = 3600'000; // a lead blocked by a lasting rule is looked at again after this
        qint64 analysisWaitMs = 2 * 3600'000; // how long after call_ended a call_analyzed is still applied
        int minBatch = 32; // leads read per round
        int maxRounds = 8; // rounds of reading per campaign and pass
    };
    struct PassResult
    {
        int queued = 0;
        int deferred = 0; // leads looked at and found not callable now
        int placed = 0;
        int ended = 0;
        int refused = 0;
        int cancelled = 0;
        int timedOut = 0;
        bool more = false; // slots left and leads due: run again at once
        int total() const { return queued + placed + ended + refused + cancelled + timedOut; }
    };

    DialerService(Models::Database &database, const Models::Clock &clock, Options options, QObject *parent = nullptr);

    // Campaign controls (persisted). Pausing or stopping cancels the calls still waiting in the
    // outbox at once; calls already ringing finish and are reconciled.
    Models::DbError start(qint64 campaignId);
    Models::DbError pause(qint64 campaignId, const QString &message = QString());
    Models::DbError stop(qint64 campaignId);

    // One pass: reconcile, then dial. Each step is its own transaction.
    Models::DbResult<PassResult> runDue();
    // When the next pass is due (0: no campaign runs and no call is open).
    Models::DbResult<qint64> nextDueAt() const;

    // The rules engine's verdict for one lead now, with the facts the dialer would use.
    static Models::DbResult<Compliance::Verdict> explain(Models::Database &database, const Models::Clock &clock,
                                                         Models::TenantScope scope, qint64 leadId);
    static Compliance::LeadFacts facts(const Models::DialerCandidate &candidate);
    static Compliance::CallingSettings rules(const Models::CampaignCallingSettings &settings);
    // answered | voicemail | no_answer | busy | failed | abandoned, from Retell's end of the call.
    // Abandoned: a person answered (not voicemail) and the call ended with an error_* reason within
    // AbandonedWithinMs of the answer, before the agent could hold a conversation.
    static QString outcomeOf(const Models::DialerCallEnd &end);
    static constexpr qint64 AbandonedWithinMs = 10'000;
    static constexpr qint64 AbandonmentPeriodMs = 30LL * 86'400'000; // the FCC's 30-day period

Q_SIGNALS:
    void callsQueued(int count); // outbox rows written: wake the dispatcher
    void campaignPaused(qint64 campaignId, const QString &message);

private:
    Models::DbError reconcile(PassResult *result);
    Models::DbError cancelQueued(PassResult *result);
    Models::DbError applyEnds(PassResult *result);
    Models::DbError dialCampaign(qint64 campaignId, PassResult *result);
    Models::DbError setState(qint64 campaignId, const QString &state, const QString &message);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    Options m_options;
    qint64 m_lastPassAt = 0;
};

} // namespace Callvia::Services
