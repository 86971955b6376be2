#include "dialerservice.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/records.h>
#include <models/repositories/callingsettingsrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/dialerrepository.h>
#include <models/repositories/outboxrepository.h>
#include <services/compliance/callingrules.h>
#include <services/compliance/candidateplaces.h>

#include <QHash>
#include <QLocale>
#include <QSet>
#include <QJsonObject>
#include <QLoggingCategory>

#include <algorithm>

namespace Callvia::Services {

Q_LOGGING_CATEGORY(lcDialer, "callvia.dialer")

using namespace Models;
namespace C = Compliance;

namespace {

bool isRefusal(int httpStatus)
{
    // Retell refused the request itself (bad agent id, number not owned, bad payload): every other
    // lead would be refused the same way. 408 and 429 are retried by the dispatcher.
    return httpStatus >= 400 && httpStatus < 500 && httpStatus != 408 && httpStatus != 429;
}

qint64 retrySeconds(const QString &outcome, const CampaignCallingSettings &s)
{
    if (outcome == QLatin1String("no_answer"))
        return s.retryNoAnswerSeconds;
    if (outcome == QLatin1String("busy"))
        return s.retryBusySeconds;
    if (outcome == QLatin1String("failed") || outcome == QLatin1String("abandoned"))
        return s.retryFailedSeconds;
    // Voicemail, and a person who answered without booking, asking for a callback or opting out:
    // not again before the voicemail delay (a day by default).
    return s.retryVoicemailSeconds;
}

} // namespace

DialerService::DialerService(Database &database, const Clock &clock, Options options, QObject *parent)
    : QObject(parent), m_database(database), m_clock(clock), m_options(options)
{
}

C::CallingSettings DialerService::rules(const CampaignCallingSettings &s)
{
    C::CallingSettings r;
    r.campaignId = s.campaignId;
    r.windowStart = QTime(0, 0).addSecs(s.windowStartMinute * 60);
    r.windowEnd = QTime(0, 0).addSecs(s.windowEndMinute * 60);
    r.callingDays = s.callingDays;
    r.maxAttempts = s.maxAttempts;
    r.retryNoAnswerSeconds = s.retryNoAnswerSeconds;
    r.retryVoicemailSeconds = s.retryVoicemailSeconds;
    r.retryBusySeconds = s.retryBusySeconds;
    r.retryFailedSeconds = s.retryFailedSeconds;
    r.callableStatuses = s.callableStatuses;
    r.consentRequired = s.consentRequired == QLatin1String("express") ? C::ConsentRequirement::Express
                                                                        : C::ConsentRequirement::Written;
    r.telemarketing = s.telemarketing;
    r.nationalDncSnapshot = s.nationalDncSnapshot;
    return r;
}

C::LeadFacts DialerService::facts(const DialerCandidate &c)
{
    C::LeadFacts f;
    f.leadId = c.leadId;
    f.phoneE164 = c.phoneE164;
    f.status = c.status;
    const C::CandidatePlaces places = C::Candidates::forLead(c.phoneE164, c.timeZone, c.region, c.clientTimeZone);
    f.candidateZones = places.zones;
    f.candidateStates = places.states;
    f.tollFree = places.tollFree;
    if (!c.consentType.isEmpty())
        f.consents.append({ c.consentType, c.consentAt, c.consentSource, QString(), 0 });
    for (const DialerOptOutFact &o : c.optOuts) {
        if (o.channel == QLatin1String("email"))
            continue; // an e-mail unsubscribe says nothing about calls
        // An SMS STOP blocks calls too (compliance.md rule 8); staff and imported entries are
        // the agency's internal DNC list.
        if (o.source == QLatin1String("manual") || o.source == QLatin1String("import"))
            f.onInternalDnc = true;
        f.optOuts.append({ o.atMs, o.channel });
    }
    for (const DialerContact &h : c.history) {
        f.history.append({ h.atMs, C::Channel::Call, h.outcome, h.campaignId });
        f.callInFlight = f.callInFlight || h.open;
    }
    f.callAttempts = c.callAttempts;
    f.callbackAtMs = c.callbackAt;
    return f;
}

QString DialerService::outcomeOf(const DialerCallEnd &end)
{
    const QString &reason = end.disconnectionReason;
    if (reason == QLatin1String("dial_no_answer"))
        return QStringLiteral("no_answer");
    if (reason == QLatin1String("dial_busy"))
        return QStringLiteral("busy");
    const bool voicemail = end.inVoicemail == 1 || reason == QLatin1String("voicemail_reached")
            || end.analysis == QLatin1String("voicemail");
    if (reason.startsWith(QLatin1String("error"))) {
        // A person answered and the agent failed before it could hold a conversation: an
        // abandoned call (compliance.md: at most 3 % of live answers per campaign per 30 days).
        // An error later in the call is a dropped call, counted as failed.
        const bool answeredByPerson = end.startedAt > 0 && !voicemail;
        const bool early = end.endedAt <= 0 || end.endedAt - end.startedAt <= AbandonedWithinMs;
        return answeredByPerson && early ? QStringLiteral("abandoned") : QStringLiteral("failed");
    }
    if (reason == QLatin1String("dial_failed"))
        return QStringLiteral("failed");
    if (voicemail)
        return QStringLiteral("voicemail");
    if (end.startedAt > 0)
        return QStringLiteral("answered");
    return QStringLiteral("no_answer");
}

DbResult<C::Verdict> DialerService::explain(Database &database, const Clock &clock, TenantScope scope, qint64 leadId)
{
    DbResult<DialerCandidate> candidate = DialerRepository(database, clock, scope).candidate(leadId);
    if (!candidate.ok())
        return candidate.error();
    DbResult<CampaignCallingSettings> settings =
            CallingSettingsRepository(database, clock, scope).find(candidate.value().campaignId);
    if (!settings.ok())
        return settings.error();
    return C::CallingRules::evaluate(facts(candidate.value()), rules(settings.value()), clock.nowMs());
}

DbError DialerService::start(qint64 campaignId)
{
    {
        // Dialing makes a draft or paused campaign active; an archived campaign is never dialed.
        Transaction transaction(m_database, Transaction::Mode::Immediate);
        const CampaignRepository campaigns(m_database, m_clock, TenantScope::agency());
        DbResult<CampaignRecord> campaign = campaigns.find(campaignId);
        if (!campaign.ok())
            return campaign.error();
        if (campaign.value().status == QLatin1String("archived"))
            return { DbError::Invalid, tr("Campaign %1 is archived: it cannot be dialed.").arg(campaign.value().name) };
        if (campaign.value().status != QLatin1String("active")) {
            if (DbError error = campaigns.setStatus(campaignId, QStringLiteral("active")))
                return error;
        }
        if (DbError error = setState(campaignId, QStringLiteral("running"), QString()))
            return error;
        if (DbError error = transaction.commit())
            return error;
    }
    DbResult<int> synced = DialerRepository(m_database, m_clock, TenantScope::agency()).syncLeads(campaignId);
    return synced.ok() ? DbError() : synced.error();
}

DbError DialerService::pause(qint64 campaignId, const QString &message)
{
    if (DbError error = setState(campaignId, QStringLiteral("paused"), message))
        return error;
    PassResult ignored;
    return cancelQueued(&ignored);
}

DbError DialerService::stop(qint64 campaignId)
{
    if (DbError error = setState(campaignId, QStringLiteral("stopped"), QString()))
        return error;
    PassResult ignored;
    return cancelQueued(&ignored);
}

DbError DialerService::setState(qint64 campaignId, const QString &state, const QString &message)
{
    qCInfo(lcDialer) << "campaign" << campaignId << state << message;
    return DialerRepository(m_database, m_clock, TenantScope::agency()).setState(campaignId, state, message);
}

DbResult<qint64> DialerService::nextDueAt() const
{
    DbResult<bool> work = DialerRepository(m_database, m_clock, TenantScope::agency()).hasWork();
    if (!work.ok())
        return work.error();
    if (!work.value())
        return qint64(0);
    return std::max<qint64>(1, m_lastPassAt + m_options.passIntervalMs);
}

DbResult<DialerService::PassResult> DialerService::runDue()
{
    m_lastPassAt = m_clock.nowMs();
    PassResult result;
    if (DbError error = reconcile(&result))
        return error;
    DbResult<QList<DialerCampaignState>> running =
            DialerRepository(m_database, m_clock, TenantScope::agency()).campaigns(QStringLiteral("running"));
    if (!running.ok())
        return running.error();
    for (const DialerCampaignState &campaign : running.value()) {
        if (DbError error = dialCampaign(campaign.campaignId, &result))
            return error;
    }
    if (result.queued > 0)
        Q_EMIT callsQueued(result.queued);
    return result;
}

// What happened since the last pass: sent, refused, stuck and ended calls, and timeouts.
DbError DialerService::reconcile(PassResult *result)
{
    const qint64 now = m_clock.nowMs();
    DialerRepository repo(m_database, m_clock, TenantScope::agency());
    {
        Transaction transaction(m_database, Transaction::Mode::Immediate);
        DbResult<int> placed = repo.markPlaced();
        if (!placed.ok())
            return placed.error();
        result->placed += placed.value();
        DbResult<QList<DialerRefusal>> refused = repo.refused();
        if (!refused.ok())
            return refused.error();
        QHash<qint64, QString> pauses;
        for (const DialerRefusal &r : refused.value()) {
            const bool cancelled = r.outboxStatus == QLatin1String("cancelled");
            if (DbError error = repo.finishCall(r.callId, cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"),
                                                QString(), cancelled ? QString() : r.error, 0))
                return error;
            // Never dialled: no attempt, first in line again once the campaign runs.
            if (DbError error = repo.setNextCheck(r.leadId, now, QString()))
                return error;
            ++(cancelled ? result->cancelled : result->refused);
            if (!cancelled && isRefusal(r.httpStatus) && !pauses.contains(r.campaignId))
                pauses.insert(r.campaignId, tr("Retell refused a call (HTTP %1): %2").arg(r.httpStatus).arg(r.error));
        }
        for (auto it = pauses.cbegin(); it != pauses.cend(); ++it) {
            if (DbError error = setState(it.key(), QStringLiteral("paused"), it.value()))
                return error;
        }
        DbResult<int> timedOut = repo.timeOut(now - m_options.callTimeoutMs,
                                              QStringLiteral("no call_ended within %1 min").arg(m_options.callTimeoutMs / 60'000));
        if (!timedOut.ok())
            return timedOut.error();
        result->timedOut += timedOut.value();
        if (DbError error = transaction.commit())
            return error;
        for (auto it = pauses.cbegin(); it != pauses.cend(); ++it)
            Q_EMIT campaignPaused(it.key(), it.value());
    }
    if (DbError error = cancelQueued(result))
        return error;
    return applyEnds(result);
}

// Queued calls whose outbox row is still pending while their campaign no longer runs, or for
// longer than maxQueueWaitMs (Retell down): cancelled, so nothing is dialled late in a burst.
DbError DialerService::cancelQueued(PassResult *result)
{
    const qint64 now = m_clock.nowMs();
    DialerRepository repo(m_database, m_clock, TenantScope::agency());
    OutboxRepository outbox(m_database, m_clock, TenantScope::agency());
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    DbResult<QList<DialerStaleQueued>> stale = repo.staleQueued(now - m_options.maxQueueWaitMs);
    if (!stale.ok())
        return stale.error();
    for (const DialerStaleQueued &s : stale.value()) {
        if (DbError error = outbox.cancel(s.outboxId)) {
            if (error.kind() == DbError::Invalid)
                continue; // the dispatcher took it meanwhile: it is being sent
            return error;
        }
        if (DbError error = repo.finishCall(s.callId, QStringLiteral("cancelled"), QString(), QString(), 0))
            return error;
        if (DbError error = repo.setNextCheck(s.leadId, now, QString()))
            return error;
        ++result->cancelled;
    }
    return transaction.commit();
}

DbError DialerService::applyEnds(PassResult *result)
{
    const qint64 now = m_clock.nowMs();
    DialerRepository repo(m_database, m_clock, TenantScope::agency());
    CallingSettingsRepository settingsRepo(m_database, m_clock, TenantScope::agency());
    QHash<qint64, CampaignCallingSettings> settings;
    const auto settingsOf = [&](qint64 campaignId) -> DbResult<CampaignCallingSettings> {
        if (!settings.contains(campaignId)) {
            DbResult<CampaignCallingSettings> found = settingsRepo.find(campaignId);
            if (!found.ok())
                return found.error();
            settings.insert(campaignId, found.value());
        }
        return settings.value(campaignId);
    };
    QSet<qint64> abandonedIn; // campaigns with a call abandoned in this pass
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    DbResult<QList<DialerCallEnd>> ended = repo.ended();
    if (!ended.ok())
        return ended.error();
    for (const DialerCallEnd &end : ended.value()) {
        DbResult<CampaignCallingSettings> s = settingsOf(end.campaignId);
        if (!s.ok())
            return s.error();
        const QString outcome = outcomeOf(end);
        if (outcome == QLatin1String("abandoned"))
            abandonedIn.insert(end.campaignId);
        const qint64 endedAt = end.endedAt > 0 ? end.endedAt : now;
        if (DbError error = repo.finishCall(end.callId, QStringLiteral("ended"), outcome, QString(), endedAt))
            return error;
        if (DbError error = repo.countAttempt(end.leadId))
            return error;
        qint64 next = endedAt + retrySeconds(outcome, s.value()) * 1000;
        if (end.analysis == QLatin1String("callback_requested"))
            next = end.callbackAt > 0 ? end.callbackAt : endedAt;
        if (DbError error = repo.setNextCheck(end.leadId, next, QString()))
            return error;
        // A call that never connected has nothing to analyse: it leaves the partial index of
        // calls awaiting their analysis at once instead of being looked up by every pass.
        const bool connected = outcome == QLatin1String("answered") || outcome == QLatin1String("voicemail");
        if (!end.analysis.isEmpty() || !connected) {
            if (DbError error = repo.setAnalysis(end.callId, end.analysis.isEmpty() ? QStringLiteral("none") : end.analysis))
                return error;
        }
        ++result->ended;
    }
    // call_analyzed after call_ended: a callback is looked at when due (the rules engine then
    // moves it into the window); a "stop calling" / not_interested already wrote the opt-out
    // (RetellHandler), which the next look at the lead finds.
    // Retell sends call_analyzed seconds to minutes after call_ended (and retries for minutes).
    DbResult<QList<DialerCallEnd>> analysed = repo.analysed(now - m_options.analysisWaitMs);
    if (!analysed.ok())
        return analysed.error();
    for (const DialerCallEnd &end : analysed.value()) {
        if (DbError error = repo.setAnalysis(end.callId, end.analysis))
            return error;
        if (end.analysis == QLatin1String("callback_requested")) {
            if (DbError error = repo.setNextCheck(end.leadId, end.callbackAt > 0 ? end.callbackAt : now, QString()))
                return error;
        } else if (end.analysis == QLatin1String("not_interested")) {
            if (DbError error = repo.setNextCheck(end.leadId, now, QString()))
                return error;
        }
    }
    // Abandonment: a campaign whose abandoned calls over the last 30 days exceed 3 % of its live
    // answers pauses with an alert when one more is abandoned. Starting it again is the staff's
    // acknowledgement; the next abandoned call while still above the limit pauses it again.
    QHash<qint64, QString> pauses;
    for (const qint64 campaignId : std::as_const(abandonedIn)) {
        DbResult<DialerAbandonment> rate = repo.abandonment(campaignId, now - AbandonmentPeriodMs);
        if (!rate.ok())
            return rate.error();
        if (!rate.value().overLimit())
            continue;
        DbResult<DialerCampaignState> state = repo.state(campaignId);
        if (!state.ok())
            return state.error();
        if (state.value().state != QLatin1String("running"))
            continue;
        const DialerAbandonment &a = rate.value();
        const QString message =
                tr("%1 of %2 live answers abandoned in the last 30 days (%3 %), above the 3 % limit: check the "
                   "Retell agent, then start again")
                        .arg(a.abandoned)
                        .arg(a.liveAnswers)
                        .arg(QLocale().toString(a.percent(), 'f', 1));
        qCWarning(lcDialer) << "campaign" << campaignId << "paused: abandonment" << a.abandoned << "of" << a.liveAnswers;
        if (DbError error = setState(campaignId, QStringLiteral("paused"), message))
            return error;
        pauses.insert(campaignId, message);
    }
    if (DbError error = transaction.commit())
        return error;
    for (auto it = pauses.cbegin(); it != pauses.cend(); ++it)
        Q_EMIT campaignPaused(it.key(), it.value());
    if (!pauses.isEmpty()) {
        PassResult ignored;
        return cancelQueued(&ignored); // nothing more leaves the outbox for a paused campaign
    }
    return {};
}

DbError DialerService::dialCampaign(qint64 campaignId, PassResult *result)
{
    const qint64 now = m_clock.nowMs();
    const TenantScope agency = TenantScope::agency();
    DialerRepository repo(m_database, m_clock, agency);
    DbResult<CampaignCallingSettings> settings = CallingSettingsRepository(m_database, m_clock, agency).find(campaignId);
    if (!settings.ok())
        return settings.error();
    DbResult<CampaignRecord> campaign = CampaignRepository(m_database, m_clock, agency).find(campaignId);
    if (!campaign.ok())
        return campaign.error();
    DbResult<DialerCounts> counts = repo.counts(campaignId, now);
    if (!counts.ok())
        return counts.error();
    int room = std::min(settings.value().maxConcurrentCalls - counts.value().open,
                         settings.value().callsPerMinute - counts.value().lastMinute);
    if (room <= 0)
        return {};
    DbResult<int> synced = repo.syncLeads(campaignId);
    if (!synced.ok())
        return synced.error();
    const C::CallingSettings rules = DialerService::rules(settings.value());
    OutboxRepository outbox(m_database, m_clock, agency);
    for (int round = 0; round < m_options.maxRounds && room > 0; ++round) {
        const int limit = std::max(m_options.minBatch, room * 4);
        Transaction transaction(m_database, Transaction::Mode::Immediate);
        // Paused or stopped from another thread or instance since the pass began: not one more call.
        DbResult<DialerCampaignState> state = repo.state(campaignId);
        if (!state.ok())
            return state.error();
        if (state.value().state != QLatin1String("running"))
            return {};
        DbResult<QList<DialerCandidate>> due = repo.dueCandidates(campaignId, now, limit);
        if (!due.ok())
            return due.error();
        int queued = 0;
        for (const DialerCandidate &lead : due.value()) {
            const C::Verdict verdict = C::CallingRules::evaluate(facts(lead), rules, now);
            if (verdict.callable && room <= 0)
                continue; // stays first in line
            if (!verdict.callable) {
                const qint64 next = verdict.nextCallableAtMs > now ? verdict.nextCallableAtMs : now + m_options.recheckBlockedMs;
                if (DbError error = repo.setNextCheck(lead.leadId, next, C::reasonCode(verdict.reason)))
                    return error;
                ++result->deferred;
                continue;
            }
            DialerCallRecord call;
            call.clientId = lead.clientId;
            call.campaignId = campaignId;
            call.leadId = lead.leadId;
            call.toNumber = lead.phoneE164;
            call.queuedAt = now;
            DbResult<qint64> callId = repo.insertCall(call);
            if (!callId.ok())
                return callId.error();
            QJsonObject payload { { QStringLiteral("to_number"), lead.phoneE164 },
                                  { QStringLiteral("metadata"),
                                    QJsonObject { { QStringLiteral("lead_id"), lead.leadId },
                                                  { QStringLiteral("campaign_id"), campaignId },
                                                  { QStringLiteral("client_id"), lead.clientId },
                                                  { QStringLiteral("dialer_call_id"), callId.value() } } } };
            if (!campaign.value().fromNumber.isEmpty())
                payload.insert(QStringLiteral("from_number"), campaign.value().fromNumber);
            if (!campaign.value().retellAgentId.isEmpty())
                payload.insert(QStringLiteral("agent_id"), campaign.value().retellAgentId);
            DbResult<qint64> outboxId = outbox.enqueue({ QStringLiteral("retell_call"), lead.clientId,
                                                         QStringLiteral("dialer_call:%1").arg(callId.value()), payload, now });
            if (!outboxId.ok())
                return outboxId.error();
            if (DbError error = repo.attachOutbox(callId.value(), outboxId.value()))
                return error;
            if (DbError error = repo.setNextCheck(lead.leadId, now + m_options.callTimeoutMs, C::reasonCode(C::Reason::CallInFlight)))
                return error;
            --room;
            ++queued;
        }
        if (DbError error = transaction.commit())
            return error;
        result->queued += queued;
        if (due.value().size() < limit)
            return {};
    }
    result->more = result->more || room > 0;
    return {};
}

} // namespace Callvia::Services
