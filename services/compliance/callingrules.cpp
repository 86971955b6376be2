#include "callingrules.h"

#include "callingwindows.h"

#include <QDateTime>
#include <QHash>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <optional>

namespace Callvia::Services::Compliance {

QString reasonCode(Reason reason)
{
    switch (reason) {
    case Reason::Callable: return QStringLiteral("callable");
    case Reason::NoPhone: return QStringLiteral("no_phone");
    case Reason::NoTimeZone: return QStringLiteral("no_time_zone");
    case Reason::StatusNotCallable: return QStringLiteral("status_not_callable");
    case Reason::InternalDnc: return QStringLiteral("internal_dnc");
    case Reason::OptedOut: return QStringLiteral("opted_out");
    case Reason::NationalDnc: return QStringLiteral("national_dnc");
    case Reason::TpsListed: return QStringLiteral("tps_listed");
    case Reason::NoConsent: return QStringLiteral("no_consent");
    case Reason::NoWrittenConsent: return QStringLiteral("no_written_consent");
    case Reason::DncSnapshotStale: return QStringLiteral("dnc_snapshot_stale");
    case Reason::AttemptsUsedUp: return QStringLiteral("attempts_used_up");
    case Reason::CallInFlight: return QStringLiteral("call_in_flight");
    case Reason::UkAbandonedRedial: return QStringLiteral("uk_abandoned_redial");
    case Reason::ContactCapReached: return QStringLiteral("contact_cap_reached");
    case Reason::RetryNotDue: return QStringLiteral("retry_not_due");
    case Reason::CallbackNotDue: return QStringLiteral("callback_not_due");
    case Reason::OutsideWindow: return QStringLiteral("outside_window");
    }
    return {};
}

namespace CallingRules {

namespace {

constexpr qint64 HourMs = 3600 * 1000;
constexpr qint64 DayMs = 24 * HourMs;
constexpr int SearchDays = 15;

struct Block
{
    Reason reason = Reason::Callable;
    QString text;
    qint64 untilMs = -1; // time-based: passes from this instant on; -1 = permanent
};

QString utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
}

const QTimeZone &zone(const QString &id)
{
    thread_local QHash<QString, QTimeZone> zones;
    auto it = zones.constFind(id);
    if (it == zones.constEnd())
        it = zones.insert(id, QTimeZone(id.toUtf8()));
    return *it;
}

bool allZonesValid(const QStringList &ids)
{
    return !ids.isEmpty() && std::all_of(ids.cbegin(), ids.cend(), [](const QString &id) { return zone(id).isValid(); });
}

bool sameSubject(const ContactAttempt &attempt, const CallingSettings &settings)
{
    return attempt.campaignId == 0 || settings.campaignId == 0 || attempt.campaignId == settings.campaignId;
}

qint64 localMs(QDate date, int minute, const QTimeZone &tz)
{
    return QDateTime(date, QTime::fromMSecsSinceStartOfDay(minute * 60000), tz).toMSecsSinceEpoch();
}

// The open interval [from, to) of `tz`'s window that contains atMs or comes next; from = -1
// when none within SearchDays.
std::pair<qint64, qint64> openInterval(const QTimeZone &tz, const QStringList &states, const CallingSettings &settings,
                                       qint64 atMs)
{
    const QDate today = QDateTime::fromMSecsSinceEpoch(atMs, tz).date();
    for (int d = 0; d < SearchDays; ++d) {
        const QDate date = today.addDays(d);
        const LocalWindow window = CallingWindows::windowFor(date, states, settings);
        if (window.closed())
            continue;
        const qint64 to = localMs(date, window.endMinute, tz);
        if (to <= atMs)
            continue;
        return { std::max(atMs, localMs(date, window.startMinute, tz)), to };
    }
    return { -1, -1 };
}

std::optional<Block> windowBlock(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs)
{
    for (const QString &id : lead.candidateZones) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(atMs, zone(id));
        const LocalWindow window = CallingWindows::windowFor(local.date(), lead.candidateStates, settings);
        const int minute = local.time().msecsSinceStartOfDay() / 60000;
        QString rule;
        if (window.closed())
            rule = window.closedRule;
        else if (minute < window.startMinute)
            rule = window.startRule;
        else if (minute >= window.endMinute)
            rule = window.endRule;
        else
            continue;
        const QString when = QLocale::c().dayName(local.date().dayOfWeek()) + QLatin1Char(' ')
                + local.time().toString(QStringLiteral("HH:mm"));
        return Block { Reason::OutsideWindow,
                       QStringLiteral("outside calling window in %1 (%2 local; %3)").arg(id, when, rule) };
    }
    return std::nullopt;
}

bool isValidConsent(const ConsentRecord &consent, qint64 atMs)
{
    const bool express = consent.type == QLatin1String("written") || consent.type == QLatin1String("verbal");
    return express && consent.atMs > 0 && consent.atMs <= atMs && !consent.source.trimmed().isEmpty()
            && (consent.revokedAtMs == 0 || consent.revokedAtMs > atMs);
}

std::optional<Block> consentBlock(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs)
{
    bool any = false, written = false;
    for (const ConsentRecord &consent : lead.consents) {
        if (!isValidConsent(consent, atMs))
            continue;
        any = true;
        written = written || consent.type == QLatin1String("written");
    }
    if (!any)
        return Block { Reason::NoConsent, QStringLiteral("no consent record (type, time and source)") };
    if (settings.consentRequired == ConsentRequirement::Written && !written)
        return Block { Reason::NoWrittenConsent, QStringLiteral("no written consent (required for sales calls)") };
    return std::nullopt;
}

std::optional<Block> optOutBlock(const LeadFacts &lead, qint64 atMs)
{
    if (lead.onInternalDnc)
        return Block { Reason::InternalDnc, QStringLiteral("on internal DNC") };
    for (const OptOut &optOut : lead.optOuts) {
        if (optOut.atMs <= atMs)
            return Block { Reason::OptedOut,
                           QStringLiteral("opted out by %1 at %2").arg(optOut.channel.toUpper(), utc(optOut.atMs)) };
    }
    return std::nullopt;
}

std::optional<Block> dncBlock(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs)
{
    const bool uk = lead.phoneE164.startsWith(QLatin1String("+44"));
    if (uk && lead.onTps)
        return Block { Reason::TpsListed, QStringLiteral("on the UK TPS register") };
    if (!settings.telemarketing)
        return std::nullopt;
    if (lead.onNationalDnc)
        return Block { Reason::NationalDnc, QStringLiteral("on the national DNC list") };
    const QDate today = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).date();
    if (!uk && (!settings.nationalDncSnapshot.isValid()
                || settings.nationalDncSnapshot.daysTo(today) > DncSnapshotMaxAgeDays))
        return Block { Reason::DncSnapshotStale,
                       settings.nationalDncSnapshot.isValid()
                               ? QStringLiteral("national DNC snapshot older than %1 days (%2)")
                                         .arg(DncSnapshotMaxAgeDays)
                                         .arg(settings.nationalDncSnapshot.toString(Qt::ISODate))
                               : QStringLiteral("no national DNC snapshot date") };
    return std::nullopt;
}

std::optional<Block> permanentBlock(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs,
                                    Channel channel)
{
    if (lead.phoneE164.isEmpty())
        return Block { Reason::NoPhone, QStringLiteral("no usable phone number") };
    if (!settings.callableStatuses.contains(lead.status))
        return Block { Reason::StatusNotCallable, QStringLiteral("status %1 is not callable").arg(lead.status) };
    if (auto block = optOutBlock(lead, atMs))
        return block;
    if (auto block = dncBlock(lead, settings, atMs))
        return block;
    if (!allZonesValid(lead.candidateZones))
        return Block { Reason::NoTimeZone, QStringLiteral("no usable time zone") };
    if (auto block = consentBlock(lead, settings, atMs))
        return block;
    if (channel == Channel::Sms)
        return std::nullopt;
    const auto calls = std::count_if(lead.history.cbegin(), lead.history.cend(), [&](const ContactAttempt &a) {
        return a.channel == Channel::Call && sameSubject(a, settings);
    });
    if (std::max<qint64>(calls, lead.callAttempts) >= settings.maxAttempts)
        return Block { Reason::AttemptsUsedUp, QStringLiteral("attempts used up (%1 of %2)")
                                                       .arg(std::max<qint64>(calls, lead.callAttempts))
                                                       .arg(settings.maxAttempts) };
    if (lead.callInFlight)
        return Block { Reason::CallInFlight, QStringLiteral("call in flight") };
    return std::nullopt;
}

std::optional<Block> contactCapBlock(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs)
{
    QString capped;
    for (const QString &state : lead.candidateStates) {
        if (state == QLatin1String("FL") || state == QLatin1String("OK") || state == QLatin1String("MD")) {
            capped = state;
            break;
        }
    }
    if (capped.isEmpty())
        return std::nullopt;
    QList<qint64> recent;
    for (const ContactAttempt &a : lead.history) {
        if (sameSubject(a, settings) && a.atMs <= atMs && a.atMs > atMs - DayMs)
            recent.append(a.atMs);
    }
    if (recent.size() < StateContactCap)
        return std::nullopt;
    std::sort(recent.begin(), recent.end(), std::greater<>());
    // The cap frees when the third most recent contact is 24 h old.
    return Block { Reason::ContactCapReached,
                   QStringLiteral("%1: %2 contacts in 24 h reached").arg(CallingWindows::stateName(capped)).arg(StateContactCap),
                   recent.at(StateContactCap - 1) + DayMs };
}

qint64 retryDelayMs(const QString &outcome, const CallingSettings &settings)
{
    if (outcome == QLatin1String("no_answer"))
        return settings.retryNoAnswerSeconds * 1000;
    if (outcome == QLatin1String("voicemail"))
        return settings.retryVoicemailSeconds * 1000;
    if (outcome == QLatin1String("busy"))
        return settings.retryBusySeconds * 1000;
    if (outcome == QLatin1String("failed") || outcome == QLatin1String("abandoned"))
        return settings.retryFailedSeconds * 1000;
    return 0;
}

std::optional<Block> retryBlock(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs)
{
    const ContactAttempt *last = nullptr;
    for (const ContactAttempt &a : lead.history) {
        if (a.channel == Channel::Call && a.atMs <= atMs && (!last || a.atMs > last->atMs))
            last = &a;
    }
    if (lead.phoneE164.startsWith(QLatin1String("+44"))) {
        for (const ContactAttempt &a : lead.history) {
            if (a.outcome == QLatin1String("abandoned") && a.atMs + 3 * DayMs > atMs)
                return Block { Reason::UkAbandonedRedial,
                               QStringLiteral("UK: no re-dial within 72 h of an abandoned call (until %1)")
                                       .arg(utc(a.atMs + 3 * DayMs)),
                               a.atMs + 3 * DayMs };
        }
    }
    if (lead.status == QLatin1String("callback") && lead.callbackAtMs > atMs)
        return Block { Reason::CallbackNotDue, QStringLiteral("callback due at %1").arg(utc(lead.callbackAtMs)),
                       lead.callbackAtMs };
    if (!last || (lead.status == QLatin1String("callback") && lead.callbackAtMs > last->atMs))
        return std::nullopt; // a callback requested after the last call replaces its retry delay
    const qint64 due = last->atMs + retryDelayMs(last->outcome, settings);
    if (due > atMs)
        return Block { Reason::RetryNotDue, QStringLiteral("retry not yet due until %1").arg(utc(due)), due };
    return std::nullopt;
}

} // namespace

qint64 nextOpenWindow(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs)
{
    if (!allZonesValid(lead.candidateZones))
        return -1;
    qint64 t = atMs;
    // Each zone's next open interval; move t to the latest start until every zone is open at t.
    for (int round = 0; round < 4 * SearchDays * lead.candidateZones.size() + 4; ++round) {
        bool moved = false;
        for (const QString &id : lead.candidateZones) {
            const auto [from, to] = openInterval(zone(id), lead.candidateStates, settings, t);
            if (from < 0)
                return -1;
            if (from > t) {
                t = from;
                moved = true;
            }
        }
        if (!moved)
            return t;
        if (t - atMs > SearchDays * DayMs)
            return -1;
    }
    return -1;
}

Verdict evaluate(const LeadFacts &lead, const CallingSettings &settings, qint64 atMs, Channel channel)
{
    Verdict verdict;
    if (auto block = permanentBlock(lead, settings, atMs, channel)) {
        verdict.reason = block->reason;
        verdict.text = block->text;
        return verdict;
    }
    // Time-based rules: the first that blocks is the reason; the next callable instant is the
    // first open window after all of their fixed instants have passed.
    QList<Block> blocks;
    if (auto block = contactCapBlock(lead, settings, atMs))
        blocks.append(*block);
    if (channel == Channel::Call) {
        if (auto block = retryBlock(lead, settings, atMs))
            blocks.append(*block);
    }
    qint64 earliest = atMs;
    for (const Block &block : blocks)
        earliest = std::max(earliest, block.untilMs);
    if (auto block = windowBlock(lead, settings, atMs))
        blocks.append(*block);
    if (blocks.isEmpty()) {
        verdict.callable = true;
        verdict.text = QStringLiteral("callable");
        verdict.nextCallableAtMs = atMs;
        return verdict;
    }
    verdict.reason = blocks.first().reason;
    verdict.text = blocks.first().text;
    verdict.nextCallableAtMs = nextOpenWindow(lead, settings, earliest);
    return verdict;
}

} // namespace CallingRules

} // namespace Callvia::Services::Compliance
