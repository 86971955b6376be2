// bench_dialer [LEADS=100000] [SQLITE_FILE]: a simulated day of the dialer (issue 25). One campaign
// of LEADS leads over every NANP area code of the rules engine's table (all US zones and Canada),
// weighted by state population, a share with their own zone or address state, 8 % without consent;
// 20 concurrent calls, 30 per minute. The simulated clock runs from Tuesday 00:00 New York for 24 h
// in 10 s steps: each step runs one dialer pass, the outbox dispatcher sends the queued calls to the
// fake Retell server over loopback, and Retell's call_started / call_ended / call_analyzed are
// applied (as the event processor would) at their simulated times with a realistic outcome mix:
// no answer, busy, failed, voicemail, answered (booked, callback requested, stop calling, not
// interested, other). Reports calls placed, connects, bookings, machine time, and the violations an
// independent checker finds by re-evaluating every placed call from the raw log (Retell's received
// requests and the events sent) with its own reading of compliance.md: local windows in every
// candidate zone with the state and Canadian rules, consent, opt-outs, a lead never called while
// its earlier call has not ended, FL/OK/MD 3 per 24 h, attempts, concurrency and rate.
#include <fakes/fakeproviders.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/callingsettingsrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/sqlhelpers.h>
#include <services/compliance/areacodecandidates.h>
#include <services/dialer/dialerservice.h>
#include <services/outbox/outboxdispatcher.h>
#include <services/providerconfig.h>
#include <services/webhooks/retellhandler.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <vector>
#include <map>
#include <set>

using namespace Callvia;

namespace {

constexpr int MaxConcurrent = 20;
constexpr int PerMinute = 30;
constexpr int MaxAttempts = 6;
constexpr qint64 StepMs = 10'000;

struct Lead
{
    qint64 id = 0;
    QString phone;
    QStringList zones;
    QStringList states;
    bool consent = true;
};

struct Placed
{
    qint64 atMs = 0;
    qint64 leadId = 0;
};

struct PendingEvent
{
    QString type;
    QJsonObject call;
};

double statePopulation(const QString &state)
{
    static const QHash<QString, double> table = {
        { "CA", 39.5 }, { "TX", 29.1 }, { "FL", 21.5 }, { "NY", 20.2 }, { "PA", 13.0 }, { "IL", 12.8 }, { "OH", 11.8 },
        { "GA", 10.7 }, { "NC", 10.4 }, { "MI", 10.1 }, { "NJ", 9.3 },  { "VA", 8.6 },  { "WA", 7.7 },  { "AZ", 7.2 },
        { "MA", 7.0 },  { "TN", 6.9 },  { "IN", 6.8 },  { "MD", 6.2 },  { "MO", 6.2 },  { "WI", 5.9 },  { "CO", 5.8 },
        { "MN", 5.7 },  { "SC", 5.1 },  { "AL", 5.0 },  { "LA", 4.7 },  { "KY", 4.5 },  { "OR", 4.2 },  { "OK", 4.0 },
        { "CT", 3.6 },  { "UT", 3.3 },  { "IA", 3.2 },  { "NV", 3.1 },  { "AR", 3.0 },  { "MS", 3.0 },  { "KS", 2.9 },
        { "NM", 2.1 },  { "NE", 2.0 },  { "ID", 1.8 },  { "WV", 1.8 },  { "HI", 1.5 },  { "NH", 1.4 },  { "ME", 1.4 },
        { "RI", 1.1 },  { "MT", 1.1 },  { "DE", 1.0 },  { "SD", 0.9 },  { "ND", 0.8 },  { "AK", 0.7 },  { "DC", 0.7 },
        { "VT", 0.6 },  { "WY", 0.6 },  { "ON", 14.2 }, { "QC", 8.5 },  { "BC", 5.0 },  { "AB", 4.3 },  { "MB", 1.3 },
        { "SK", 1.1 },  { "NS", 1.0 },  { "NB", 0.8 },  { "NL", 0.5 },  { "PE", 0.2 },
    };
    return table.value(state, 0.05);
}

bool isCanadian(const QString &state)
{
    static const QStringList provinces = { "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT" };
    return provinces.contains(state);
}

// The checker's own reading of compliance.md "What the dialer must enforce", rules 1-5: is
// local minute `minute` of weekday `day` (1 = Monday) open for these states?
bool legalAt(int day, int minute, const QStringList &states)
{
    int start = 8 * 60, end = 21 * 60;
    for (const QString &s : states) {
        if (s == "FL" || s == "OK" || s == "MD" || s == "WA")
            end = std::min(end, 20 * 60);
        if (s == "AL" || s == "LA" || s == "MS") {
            end = std::min(end, 20 * 60);
            if (day == 7)
                return false;
        }
        if (s == "TX")
            start = std::max(start, day == 7 ? 12 * 60 : 9 * 60);
        if (isCanadian(s)) {
            start = std::max(start, day >= 6 ? 10 * 60 : 9 * 60);
            end = std::min(end, day >= 6 ? 18 * 60 : 21 * 60 + 30);
        }
    }
    return minute >= start && minute < end;
}

QString windowViolation(const Lead &lead, qint64 atMs)
{
    if (lead.zones.isEmpty())
        return QStringLiteral("no zone");
    for (const QString &id : lead.zones) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone(id.toUtf8()));
        const int minute = local.time().hour() * 60 + local.time().minute();
        if (!legalAt(local.date().dayOfWeek(), minute, lead.states))
            return QStringLiteral("outside window in %1 at %2").arg(id, local.toString(QStringLiteral("ddd HH:mm")));
    }
    return {};
}

QJsonObject callObject(const QJsonObject &placed, qint64 clientId)
{
    QJsonObject call { { "call_id", placed.value("call_id") }, { "direction", "outbound" },
                       { "from_number", placed.value("from_number") }, { "to_number", placed.value("to_number") },
                       { "agent_id", placed.value("agent_id") } };
    QJsonObject metadata = placed.value("metadata").toObject();
    metadata.insert(QStringLiteral("client_id"), clientId);
    call.insert(QStringLiteral("metadata"), metadata);
    return call;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QLoggingCategory::setFilterRules(QStringLiteral("callvia.*.info=false\ncallvia.*.debug=false"));
    const QStringList args = app.arguments();
    const int leadCount = args.size() > 1 ? args.at(1).toInt() : 100'000;
    QTemporaryDir dir;
    const QString path = args.size() > 2 ? args.at(2) : dir.filePath(QStringLiteral("bench_dialer.sqlite"));
    QFile::remove(path);
    QString error;
    auto url = Models::DatabaseUrl::parse(path, &error);
    Models::Database db(*url);
    if (const Models::DbError e = db.open(); e) {
        std::fprintf(stderr, "open: %s\n", qPrintable(e.message()));
        return 1;
    }
    if (const Models::DbError e = db.migrate(); e) {
        std::fprintf(stderr, "migrate: %s\n", qPrintable(e.message()));
        return 1;
    }
    const QTimeZone newYork("America/New_York");
    const qint64 dayStart = QDateTime(QDate(2026, 12, 8), QTime(0, 0), newYork).toMSecsSinceEpoch();
    Models::TestClock clock(dayStart);
    const Models::TenantScope agency = Models::TenantScope::agency();

    // --- the campaign and its leads ---
    Models::ClientRecord client;
    client.name = QStringLiteral("Nationwide Dental");
    client.timeZone = QStringLiteral("America/New_York");
    const qint64 clientId = Models::ClientRepository(db, clock, agency).insert(client).value();
    Models::CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = QStringLiteral("Nationwide recall");
    campaign.retellAgentId = QStringLiteral("agent_bench");
    campaign.fromNumber = QStringLiteral("+14155550100");
    const qint64 campaignId = Models::CampaignRepository(db, clock, agency).insert(campaign).value();
    Models::CampaignCallingSettings settings;
    settings.campaignId = campaignId;
    settings.maxConcurrentCalls = MaxConcurrent;
    settings.callsPerMinute = PerMinute;
    settings.maxAttempts = MaxAttempts;
    settings.retryNoAnswerSeconds = 2 * 3600;
    settings.retryBusySeconds = 20 * 60;
    settings.nationalDncSnapshot = QDate(2026, 12, 1);
    if (Models::DbError e = Models::CallingSettingsRepository(db, clock, agency).save(settings)) {
        std::fprintf(stderr, "settings: %s\n", qPrintable(e.message()));
        return 1;
    }

    QList<const Services::Compliance::AreaCodeCandidates::Entry *> codes;
    QList<double> cumulative;
    double total = 0;
    for (auto *e = Services::Compliance::AreaCodeCandidates::entriesBegin(); e != Services::Compliance::AreaCodeCandidates::entriesEnd(); ++e) {
        const QStringList states = QString::fromLatin1(e->states).split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (QString::fromLatin1(e->zones).isEmpty() || states.isEmpty())
            continue;
        total += statePopulation(states.first()) / 4.0; // ~4 area codes per state on average
        codes.append(e);
        cumulative.append(total);
    }
    QRandomGenerator random(25);
    QHash<qint64, Lead> leads;
    QList<QVariantList> rows;
    std::set<QString> phones;
    QElapsedTimer timer;
    timer.start();
    QHash<QString, Lead> byPhone;
    while (int(phones.size()) < leadCount) {
        const double pick = random.generateDouble() * total;
        const int index = int(std::lower_bound(cumulative.cbegin(), cumulative.cend(), pick) - cumulative.cbegin());
        const auto *code = codes.at(std::min(index, int(codes.size()) - 1));
        const QString phone = QStringLiteral("+1%1%2%3").arg(code->areaCode).arg(200 + random.bounded(800)).arg(random.bounded(10000), 4, 10, QLatin1Char('0'));
        if (!phones.insert(phone).second)
            continue;
        Lead lead;
        lead.phone = phone;
        lead.zones = QString::fromLatin1(code->zones).split(QLatin1Char(','));
        lead.states = QString::fromLatin1(code->states).split(QLatin1Char(','));
        lead.consent = random.bounded(100) >= 8;
        QString region, zone;
        if (random.bounded(100) < 20) // an address state: one of the area code's
            region = lead.states.at(random.bounded(int(lead.states.size())));
        if (random.bounded(100) < 10) { // the lead's own zone column
            zone = lead.zones.at(random.bounded(int(lead.zones.size())));
        }
        byPhone.insert(phone, lead);
        rows.append({ clientId, campaignId, QStringLiteral("Lead"), phone, Models::Sql::nullIfEmpty(zone),
                      Models::Sql::nullIfEmpty(region), QStringLiteral("new"),
                      lead.consent ? QVariant(QStringLiteral("written")) : QVariant(QMetaType::fromType<QString>()),
                      lead.consent ? QVariant(dayStart - 86'400'000LL * 30) : QVariant(QMetaType::fromType<qint64>()),
                      lead.consent ? QVariant(QStringLiteral("web form")) : QVariant(QMetaType::fromType<QString>()),
                      dayStart, dayStart });
    }
    {
        Models::Transaction transaction(db);
        auto inserted = Models::Sql::insertRows(
                db,
                QStringLiteral("INSERT INTO leads (client_id, campaign_id, first_name, phone_e164, time_zone, region, status, "
                               "consent_type, consent_at, consent_source, created_at, updated_at) VALUES "),
                12, rows);
        if (!inserted.ok() || transaction.commit()) {
            std::fprintf(stderr, "leads: %s\n", inserted.ok() ? "commit failed" : qPrintable(inserted.error().message()));
            return 1;
        }
    }
    {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT id, phone_e164 FROM leads"));
        while (q.next()) {
            Lead lead = byPhone.value(q.value(1).toString());
            lead.id = q.value(0).toLongLong();
            leads.insert(lead.id, lead);
        }
    }
    std::printf("seeded %d leads over %d area codes in %.1f s\n", int(leads.size()), int(codes.size()), timer.elapsed() / 1000.0);

    // --- the day ---
    Fakes::FakeRetell retell(QStringLiteral("retell-bench-key"));
    retell.listen();
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_RETELL_API_BASE"), retell.baseUrl());
    env.insert(QStringLiteral("CALLVIA_RETELL_API_KEY"), retell.apiKey());
    Services::ProviderConfig config(nullptr, nullptr, env);
    Services::OutboxDispatcher::Options dispatchOptions;
    dispatchOptions.requestTimeoutMs = 10'000;
    Services::OutboxDispatcher dispatcher(db, clock, config, dispatchOptions);
    Services::DialerService dialer(db, clock, Services::DialerService::Options());
    Services::RetellHandler handler(db, clock);
    dialer.start(campaignId);

    std::multimap<qint64, PendingEvent> events; // by simulated time
    QList<Placed> placed;
    QHash<qint64, QList<std::pair<qint64, qint64>>> callsOfLead; // lead -> (placed, ended or 0)
    QHash<QString, std::pair<qint64, int>> callIndex; // call id -> (lead, index in callsOfLead)
    QHash<qint64, qint64> optOutAt; // lead -> when its stop / not_interested reached us
    int connects = 0, bookings = 0, callbacks = 0, stops = 0, voicemails = 0, noAnswers = 0;
    qsizetype seen = 0;
    qint64 dialerMs = 0, dispatchMs = 0;
    timer.restart();
    const qint64 dayEnd = dayStart + 24 * 3600'000LL;
    for (qint64 now = dayStart; now < dayEnd; now += StepMs) {
        clock.setNowMs(now);
        // Retell's webhooks due by now, applied in one transaction as the processor's batch.
        if (!events.empty() && events.begin()->first <= now) {
            Models::Transaction transaction(db);
            while (!events.empty() && events.begin()->first <= now) {
                const auto [at, event] = *events.begin();
                events.erase(events.begin());
                Models::EventRecord record;
                record.provider = QStringLiteral("retell");
                record.rawBody = QJsonDocument(QJsonObject { { "event", event.type }, { "call", event.call } })
                                         .toJson(QJsonDocument::Compact);
                if (Models::DbError e = handler.apply(record))
                    std::fprintf(stderr, "apply: %s\n", qPrintable(e.message()));
                const QString callId = event.call.value("call_id").toString();
                const auto [leadId, index] = callIndex.value(callId);
                if (event.type == QLatin1String("call_ended"))
                    callsOfLead[leadId][index].second = at;
                const QString outcome = event.call.value("call_analysis").toObject().value("custom_analysis_data").toObject().value("outcome").toString();
                if (event.type == QLatin1String("call_analyzed") && (outcome == "stop_calling" || outcome == "not_interested"))
                    optOutAt.insert(leadId, std::min(optOutAt.value(leadId, at), at));
            }
            transaction.commit();
        }
        QElapsedTimer part;
        part.start();
        const auto pass = dialer.runDue();
        dialerMs += part.elapsed();
        if (!pass.ok()) {
            std::fprintf(stderr, "pass: %s\n", qPrintable(pass.error().message()));
            return 1;
        }
        if (pass.value().queued == 0)
            continue;
        part.restart();
        dispatcher.dispatchDue();
        dispatchMs += part.elapsed();
        const QJsonArray calls = retell.calls();
        for (; seen < calls.size(); ++seen) {
            const QJsonObject call = calls.at(seen).toObject();
            const qint64 leadId = call.value("metadata").toObject().value("lead_id").toInteger();
            placed.append({ now, leadId });
            callIndex.insert(call.value("call_id").toString(), { leadId, int(callsOfLead[leadId].size()) });
            callsOfLead[leadId].append({ now, 0 });
            QJsonObject base = callObject(call, clientId);
            // The outcome mix of an outbound appointment-setting list.
            const int roll = random.bounded(100);
            qint64 end = now;
            QJsonObject custom;
            QString reason;
            if (roll < 30) {
                reason = QStringLiteral("dial_no_answer");
                end += 30'000;
                ++noAnswers;
            } else if (roll < 37) {
                reason = QStringLiteral("dial_busy");
                end += 8'000;
            } else if (roll < 40) {
                reason = QStringLiteral("dial_failed");
                end += 3'000;
            } else if (roll < 62) {
                reason = QStringLiteral("voicemail_reached");
                end += 40'000;
                ++voicemails;
            } else {
                ++connects;
                reason = QStringLiteral("user_hangup");
                end += 60'000 + random.bounded(240'000);
                const int answer = random.bounded(100);
                if (answer < 18) {
                    custom.insert(QStringLiteral("outcome"), QStringLiteral("appointment_set"));
                    ++bookings;
                } else if (answer < 30) {
                    const qint64 at = end + 3600'000LL * (1 + random.bounded(30));
                    custom.insert(QStringLiteral("outcome"), QStringLiteral("callback_requested"));
                    custom.insert(QStringLiteral("callback_at"), QDateTime::fromMSecsSinceEpoch(at, Qt::UTC).toString(Qt::ISODate));
                    ++callbacks;
                } else if (answer < 36) {
                    custom.insert(QStringLiteral("outcome"), QStringLiteral("stop_calling"));
                    ++stops;
                } else if (answer < 50) {
                    custom.insert(QStringLiteral("outcome"), QStringLiteral("not_interested"));
                    ++stops;
                }
            }
            const bool connected = !reason.startsWith(QLatin1String("dial_"));
            if (connected) {
                QJsonObject started = base;
                started.insert(QStringLiteral("call_status"), QStringLiteral("ongoing"));
                started.insert(QStringLiteral("start_timestamp"), now + 4000);
                events.insert({ now + 4000, { QStringLiteral("call_started"), started } });
                base.insert(QStringLiteral("start_timestamp"), now + 4000);
            }
            base.insert(QStringLiteral("call_status"), connected ? QStringLiteral("ended") : QStringLiteral("not_connected"));
            base.insert(QStringLiteral("end_timestamp"), end);
            base.insert(QStringLiteral("disconnection_reason"), reason);
            events.insert({ end, { QStringLiteral("call_ended"), base } });
            QJsonObject analysed = base;
            analysed.insert(QStringLiteral("call_analysis"),
                            QJsonObject { { "in_voicemail", reason == QLatin1String("voicemail_reached") },
                                          { "custom_analysis_data", custom } });
            events.insert({ end + 15'000, { QStringLiteral("call_analyzed"), analysed } });
        }
    }
    const double seconds = timer.elapsed() / 1000.0;

    // --- the independent checker, over the raw log only ---
    QMap<QString, int> violations;
    auto violation = [&](const QString &kind) { ++violations[kind]; };
    QList<qint64> times;
    for (const Placed &p : placed)
        times.append(p.atMs);
    for (qsizetype i = 0, j = 0; i < times.size(); ++i) { // rate: calls within any 60 s
        while (times.at(j) <= times.at(i) - 60'000)
            ++j;
        if (i - j + 1 > PerMinute)
            violation(QStringLiteral("rate above calls per minute"));
    }
    for (const Placed &p : placed) {
        const Lead &lead = leads.value(p.leadId);
        if (const QString w = windowViolation(lead, p.atMs); !w.isEmpty())
            violation(QStringLiteral("window: ") + w.section(QLatin1Char(' '), 0, 3));
        if (!lead.consent)
            violation(QStringLiteral("no consent"));
        if (optOutAt.contains(p.leadId) && optOutAt.value(p.leadId) <= p.atMs)
            violation(QStringLiteral("called after an opt-out"));
        const auto &history = callsOfLead.value(p.leadId);
        int earlier = 0, inDay = 0;
        for (const auto &[at, ended] : history) {
            if (at >= p.atMs)
                continue;
            ++earlier;
            if (ended == 0 || ended > p.atMs)
                violation(QStringLiteral("called while its earlier call had not ended"));
            if (at > p.atMs - 86'400'000)
                ++inDay;
        }
        if (earlier + 1 > MaxAttempts)
            violation(QStringLiteral("attempts above the maximum"));
        const bool capped = std::any_of(lead.states.cbegin(), lead.states.cend(),
                                        [](const QString &s) { return s == "FL" || s == "OK" || s == "MD"; });
        if (capped && inDay + 1 > 3)
            violation(QStringLiteral("FL/OK/MD: more than 3 calls in 24 h"));
    }
    // Concurrency: a sweep over the calls' starts and ends (an end at the same instant frees first).
    std::vector<std::pair<qint64, int>> sweep;
    for (auto it = callsOfLead.cbegin(); it != callsOfLead.cend(); ++it) {
        for (const auto &[at, ended] : it.value()) {
            sweep.push_back({ at, +1 });
            if (ended > 0)
                sweep.push_back({ ended, -1 });
        }
    }
    std::sort(sweep.begin(), sweep.end());
    int peak = 0, open = 0;
    for (const auto &[at, delta] : sweep) {
        open += delta;
        peak = std::max(peak, open);
    }
    if (peak > MaxConcurrent)
        violation(QStringLiteral("concurrency above the maximum"));
    int found = 0;
    for (int n : violations)
        found += n;
    std::printf("simulated day: %d leads, %d calls placed (peak %d concurrent), %d connects (%.1f %%), %d bookings, "
                "%d callbacks asked, %d stop / not interested, %d voicemails, %d no answer\n",
                int(leads.size()), int(placed.size()), peak, connects, placed.isEmpty() ? 0.0 : 100.0 * connects / placed.size(),
                bookings, callbacks, stops, voicemails, noAnswers);
    std::printf("machine time for the day: %.1f s (dialer passes %.1f s, outbox dispatch to the fake Retell %.1f s, "
                "the rest applying webhooks and simulating)\n",
                seconds, dialerMs / 1000.0, dispatchMs / 1000.0);
    std::printf("rule violations found by the checker: %d\n", found);
    for (auto it = violations.cbegin(); it != violations.cend(); ++it)
        std::printf("  %6d  %s\n", it.value(), qPrintable(it.key()));
    return found == 0 ? 0 : 2;
}
