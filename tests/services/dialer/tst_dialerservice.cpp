// DialerService with the test clock, the outbox dispatcher and the fake Retell server on loopback,
// on SQLite and PostgreSQL: the concurrency and rate limits hold, pausing stops new calls at once,
// a restart with calls in flight calls nobody twice (and a call without call_ended times out,
// flagged), a callback happens at its time and inside the window, a "stop calling" blocks at once,
// a Retell 4xx pauses the campaign with Retell's message, and calls queued while Retell is down
// are cancelled after two minutes instead of going out late in a burst.
#include "../outbox/outboxharness.h"

#include <common/testdatabase.h>
#include <models/repositories/callingsettingsrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/dialerrepository.h>
#include <models/repositories/leadrepository.h>
#include <services/compliance/callingrules.h>
#include <services/auth/session.h>
#include <services/dialer/dialerservice.h>
#include <services/management/campaignservice.h>
#include <services/webhooks/retellhandler.h>

#include <QJsonDocument>
#include <QTimeZone>
#include <QtTest>

using namespace Callvia;

class tst_DialerService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void concurrencyAndRateLimitsHold_data() { Tests::TestDatabase::addBackendRows(); }
    void concurrencyAndRateLimitsHold();
    void pauseStopsNewCallsAtOnce_data() { Tests::TestDatabase::addBackendRows(); }
    void pauseStopsNewCallsAtOnce();
    void restartWithCallsInFlightCallsNobodyTwice_data() { Tests::TestDatabase::addBackendRows(); }
    void restartWithCallsInFlightCallsNobodyTwice();
    void callbackAtItsTimeInsideTheWindow_data() { Tests::TestDatabase::addBackendRows(); }
    void callbackAtItsTimeInsideTheWindow();
    void stopCallingBlocksAtOnce_data() { Tests::TestDatabase::addBackendRows(); }
    void stopCallingBlocksAtOnce();
    void retellClientErrorPausesCampaign_data() { Tests::TestDatabase::addBackendRows(); }
    void retellClientErrorPausesCampaign();
    void retellDownCallsAreCancelledNotSentLate_data() { Tests::TestDatabase::addBackendRows(); }
    void retellDownCallsAreCancelledNotSentLate();
    void abandonmentAboveThreePercentPauses_data() { Tests::TestDatabase::addBackendRows(); }
    void abandonmentAboveThreePercentPauses();
    void campaignStatusAndDialerAgree_data() { Tests::TestDatabase::addBackendRows(); }
    void campaignStatusAndDialerAgree();
};

namespace {

const QTimeZone newYork("America/New_York");
// Tuesday 8 December 2026, 10:00 in New York.
const QDateTime tuesdayTen(QDate(2026, 12, 8), QTime(10, 0), newYork);

struct Harness
{
    explicit Harness(Models::Database &database) : db(database), clock(tuesdayTen)
    {
        QVERIFY(retell.listen());
        env = Tests::fakeEnvironment({ &retell });
        options.requestTimeoutMs = 5000;
        config = std::make_unique<Services::ProviderConfig>(nullptr, nullptr, env);
        dispatcher = std::make_unique<Services::OutboxDispatcher>(db, clock, *config, options);
        restart();
    }
    void restart() { dialer = std::make_unique<Services::DialerService>(db, clock, dialerOptions); }

    // A client, a campaign with written consent required and a fresh DNC snapshot, `n` New York leads.
    void seed(int n, int maxConcurrent, int perMinute)
    {
        const Models::TenantScope agency = Models::TenantScope::agency();
        Models::ClientRecord client;
        client.name = QStringLiteral("Dental Co");
        client.timeZone = QStringLiteral("America/New_York");
        clientId = Models::ClientRepository(db, clock, agency).insert(client).value();
        Models::CampaignRecord campaign;
        campaign.clientId = clientId;
        campaign.name = QStringLiteral("Winter recall");
        campaign.retellAgentId = QStringLiteral("agent_test");
        campaign.fromNumber = QStringLiteral("+14155550100");
        campaignId = Models::CampaignRepository(db, clock, agency).insert(campaign).value();
        Models::CampaignCallingSettings settings;
        settings.campaignId = campaignId;
        settings.maxConcurrentCalls = maxConcurrent;
        settings.callsPerMinute = perMinute;
        settings.nationalDncSnapshot = tuesdayTen.date().addDays(-3);
        QVERIFY(!Models::CallingSettingsRepository(db, clock, agency).save(settings));
        Models::LeadRepository leadRepo(db, clock, agency);
        for (int i = 0; i < n; ++i) {
            Models::LeadRecord lead;
            lead.clientId = clientId;
            lead.campaignId = campaignId;
            lead.firstName = QStringLiteral("Lead%1").arg(i);
            lead.phoneE164 = QStringLiteral("+1212555%1").arg(1000 + i);
            lead.region = QStringLiteral("NY");
            lead.consentType = QStringLiteral("written");
            lead.consentAt = clock.nowMs() - 86'400'000;
            lead.consentSource = QStringLiteral("web form");
            leads.append(leadRepo.insert(lead).value());
        }
    }
    Services::DialerService::PassResult pass()
    {
        auto result = dialer->runDue();
        if (!result.ok())
            qWarning() << result.error().message();
        return result.valueOr({});
    }
    // A pass, the dispatcher sending what it queued, and a pass that sees them placed.
    int dialAndSend()
    {
        const int queued = pass().queued;
        dispatcher->dispatchDue();
        pass();
        return queued;
    }
    QList<Models::DialerCallRecord> calls() { return Models::DialerRepository(db, clock, Models::TenantScope::agency()).calls(campaignId, 1000).value(); }
    QList<Models::DialerCallRecord> callsIn(const QString &state)
    {
        QList<Models::DialerCallRecord> out;
        for (const auto &c : calls())
            if (c.state == state)
                out.append(c);
        return out;
    }
    QHash<qint64, int> callsPerLead() const
    {
        QHash<qint64, int> n;
        for (const QJsonValue &call : retell.calls())
            ++n[call.toObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("lead_id")).toInteger()];
        return n;
    }
    // Retell's webhook for a placed call, applied as the event processor would.
    void event(const Models::DialerCallRecord &call, const QString &type, const QString &reason, const QJsonObject &custom = {})
    {
        QJsonObject body { { "call_id", call.retellCallId }, { "direction", "outbound" },
                           { "from_number", "+14155550100" }, { "to_number", call.toNumber },
                           { "call_status", type == QLatin1String("call_started") ? "ongoing" : "ended" },
                           { "metadata", QJsonObject { { "lead_id", call.leadId }, { "client_id", clientId },
                                                       { "campaign_id", campaignId } } } };
        if (!reason.startsWith(QLatin1String("dial_")))
            body.insert(QStringLiteral("start_timestamp"), call.placedAt + 1000);
        if (type != QLatin1String("call_started")) {
            body.insert(QStringLiteral("end_timestamp"), clock.nowMs());
            body.insert(QStringLiteral("disconnection_reason"), reason);
        }
        if (type == QLatin1String("call_analyzed"))
            body.insert(QStringLiteral("call_analysis"), QJsonObject { { "custom_analysis_data", custom } });
        Models::EventRecord record;
        record.provider = QStringLiteral("retell");
        record.rawBody = QJsonDocument(QJsonObject { { "event", type }, { "call", body } }).toJson(QJsonDocument::Compact);
        QVERIFY(!Services::RetellHandler(db, clock).apply(record));
    }
    void endAll(const QString &reason = QStringLiteral("user_hangup"))
    {
        for (const auto &call : callsIn(QStringLiteral("placed")))
            event(call, QStringLiteral("call_ended"), reason);
    }
    QString campaignState() { return Models::DialerRepository(db, clock, Models::TenantScope::agency()).state(campaignId).value().state; }

    Models::Database &db;
    Models::TestClock clock;
    Fakes::FakeRetell retell { QStringLiteral("retell-test-key") };
    QProcessEnvironment env;
    Services::OutboxDispatcher::Options options;
    std::unique_ptr<Services::ProviderConfig> config;
    std::unique_ptr<Services::OutboxDispatcher> dispatcher;
    Services::DialerService::Options dialerOptions;
    std::unique_ptr<Services::DialerService> dialer;
    qint64 clientId = 0;
    qint64 campaignId = 0;
    QList<qint64> leads;
};

} // namespace

void tst_DialerService::concurrencyAndRateLimitsHold()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(20, 3, 5);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.dialAndSend(), 3); // three slots
    QCOMPARE(h.retell.executedCount(), 3);
    QCOMPARE(h.dialAndSend(), 0); // all slots taken
    h.clock.advanceSeconds(20);
    h.endAll();
    QCOMPARE(h.dialAndSend(), 2); // slots free again, but 5 per minute: 3 + 2
    h.clock.advanceSeconds(10);
    h.endAll();
    QCOMPARE(h.dialAndSend(), 0); // rate limit: still inside the minute
    h.clock.advanceSeconds(31); // the first three fall out of the last minute
    QCOMPARE(h.dialAndSend(), 3);
    QCOMPARE(h.retell.executedCount(), 8);
    QCOMPARE(h.callsIn(QStringLiteral("ended")).size(), 5);
    for (const auto &call : h.callsIn(QStringLiteral("ended")))
        QCOMPARE(call.outcome, QStringLiteral("answered"));
    for (int n : h.callsPerLead())
        QCOMPARE(n, 1);
    // The attempt is counted on the lead.
    const Models::LeadRecord first = Models::LeadRepository(db, h.clock, Models::TenantScope::agency())
                                             .find(h.callsIn(QStringLiteral("ended")).first().leadId).value();
    QCOMPARE(first.callAttempts, 1);
}

void tst_DialerService::pauseStopsNewCallsAtOnce()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(10, 4, 10);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.pass().queued, 4); // queued, not yet sent
    QVERIFY(!h.dialer->pause(h.campaignId));
    h.dispatcher->dispatchDue();
    QCOMPARE(h.retell.executedCount(), 0); // nothing left the outbox
    QCOMPARE(h.callsIn(QStringLiteral("cancelled")).size(), 4);
    h.clock.advanceSeconds(120);
    QCOMPARE(h.dialAndSend(), 0);
    QCOMPARE(h.retell.executedCount(), 0);
    h.restart(); // the state is in the database
    QCOMPARE(h.campaignState(), QStringLiteral("paused"));
    QCOMPARE(h.dialAndSend(), 0);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.dialAndSend(), 4); // the cancelled leads are first in line again
    QCOMPARE(h.retell.executedCount(), 4);
}

void tst_DialerService::restartWithCallsInFlightCallsNobodyTwice()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.dialerOptions.callTimeoutMs = 10 * 60'000;
    h.restart();
    h.seed(6, 3, 10);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.dialAndSend(), 3);
    // The process dies with three calls ringing; the next one knows only the database.
    h.restart();
    h.dispatcher = std::make_unique<Services::OutboxDispatcher>(db, h.clock, *h.config, h.options);
    h.clock.advanceSeconds(60);
    QCOMPARE(h.dialAndSend(), 0); // slots still taken by the calls in flight
    h.clock.advanceSeconds(10 * 60); // no call_ended: timed out, flagged, slots freed
    const auto pass = h.pass();
    QCOMPARE(pass.timedOut, 3);
    QCOMPARE(pass.queued, 3); // the other three leads
    h.dispatcher->dispatchDue();
    h.pass();
    QCOMPARE(h.callsIn(QStringLiteral("timed_out")).size(), 3);
    QVERIFY(h.callsIn(QStringLiteral("timed_out")).first().flag.contains(QLatin1String("no call_ended")));
    // Hours later the leads of unknown outcome are still not called again.
    h.endAll();
    for (int i = 0; i < 6; ++i) {
        h.clock.advanceSeconds(3600);
        h.dialAndSend();
    }
    QCOMPARE(h.retell.executedCount(), 6);
    for (int n : h.callsPerLead())
        QCOMPARE(n, 1);
    // Their call_ended arrives at last: the outcome is known, the retry follows the delays.
    for (const auto &call : h.callsIn(QStringLiteral("timed_out")))
        h.event(call, QStringLiteral("call_ended"), QStringLiteral("dial_no_answer"));
    h.pass();
    QCOMPARE(h.callsIn(QStringLiteral("ended")).size(), 6);
    QCOMPARE(h.callsIn(QStringLiteral("ended")).first().outcome, QStringLiteral("no_answer"));
}

void tst_DialerService::callbackAtItsTimeInsideTheWindow()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(1, 2, 10);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.dialAndSend(), 1);
    const auto call = h.callsIn(QStringLiteral("placed")).first();
    h.clock.advanceSeconds(90);
    h.event(call, QStringLiteral("call_ended"), QStringLiteral("user_hangup"));
    // "Call me tonight at 21:30" (after the 21:00 end in New York): due then, dialled at 08:00 next day.
    const QDateTime asked(tuesdayTen.date(), QTime(21, 30), newYork);
    h.event(call, QStringLiteral("call_analyzed"), QStringLiteral("user_hangup"),
            QJsonObject { { "outcome", "callback_requested" }, { "callback_at", asked.toUTC().toString(Qt::ISODate) } });
    h.pass();
    QCOMPARE(h.callsIn(QStringLiteral("ended")).first().analysis, QStringLiteral("callback_requested"));
    qint64 placedAt = 0;
    for (int step = 0; step < 24 * 4 && placedAt == 0; ++step) {
        h.clock.advanceSeconds(15 * 60);
        if (h.dialAndSend() > 0)
            placedAt = h.clock.nowMs();
    }
    QVERIFY(placedAt > 0);
    const QDateTime local = QDateTime::fromMSecsSinceEpoch(placedAt, newYork);
    QVERIFY2(placedAt >= asked.toMSecsSinceEpoch(), qPrintable(local.toString(Qt::ISODate)));
    QCOMPARE(local.date(), tuesdayTen.date().addDays(1));
    QVERIFY2(local.time() >= QTime(8, 0) && local.time() < QTime(8, 15), qPrintable(local.toString(Qt::ISODate)));
    QCOMPARE(h.retell.executedCount(), 2);
}

void tst_DialerService::stopCallingBlocksAtOnce()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(1, 2, 10);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.dialAndSend(), 1);
    const auto call = h.callsIn(QStringLiteral("placed")).first();
    h.event(call, QStringLiteral("call_ended"), QStringLiteral("user_hangup"));
    h.event(call, QStringLiteral("call_analyzed"), QStringLiteral("user_hangup"), QJsonObject { { "outcome", "stop_calling" } });
    h.pass();
    const auto verdict = Services::DialerService::explain(db, h.clock, Models::TenantScope::agency(), call.leadId);
    QVERIFY(verdict.ok());
    QVERIFY(!verdict.value().callable);
    for (int day = 0; day < 3; ++day) {
        h.clock.advanceSeconds(86'400);
        h.dialAndSend();
    }
    QCOMPARE(h.retell.executedCount(), 1);
}

void tst_DialerService::retellClientErrorPausesCampaign()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(5, 3, 10);
    h.retell.setMode(Fakes::FakeProvider::Mode::Fail, -1, 404);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.pass().queued, 3);
    h.dispatcher->dispatchDue();
    const auto pass = h.pass();
    QCOMPARE(pass.refused, 3);
    QCOMPARE(pass.queued, 0);
    const auto state = Models::DialerRepository(db, h.clock, Models::TenantScope::agency()).state(h.campaignId).value();
    QCOMPARE(state.state, QStringLiteral("paused"));
    QVERIFY2(state.message.contains(QLatin1String("404")), qPrintable(state.message));
    h.clock.advanceSeconds(300);
    QCOMPARE(h.dialAndSend(), 0);
    // Refused calls were never dialled: no attempt counted.
    for (qint64 lead : h.leads)
        QCOMPARE(Models::LeadRepository(db, h.clock, Models::TenantScope::agency()).find(lead).value().callAttempts, 0);
}

void tst_DialerService::retellDownCallsAreCancelledNotSentLate()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(6, 3, 10);
    h.retell.goDown();
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.dialAndSend(), 3); // queued; the dispatcher finds Retell down, they wait in the outbox
    QCOMPARE(h.retell.executedCount(), 0);
    h.clock.advanceSeconds(150); // longer than maxQueueWaitMs
    const auto pass = h.pass();
    QCOMPARE(pass.cancelled, 3);
    QCOMPARE(pass.queued, 3); // the same leads again, re-checked by the rules now, at the campaign's pace
    QVERIFY(h.retell.comeBack());
    h.dispatcher->dispatchDue();
    QCOMPARE(h.retell.executedCount(), 3); // only the fresh rows: the three stale ones never go out
    QCOMPARE(h.callsIn(QStringLiteral("cancelled")).size(), 3);
    for (int n : h.callsPerLead())
        QCOMPARE(n, 1);
}

void tst_DialerService::abandonmentAboveThreePercentPauses()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(60, 40, 40); // 40 a minute: the passes in between queue nobody new
    QSignalSpy paused(h.dialer.get(), &Services::DialerService::campaignPaused);
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(h.dialAndSend(), 40);
    h.clock.advanceSeconds(5);
    // One person answered and the agent failed at once: abandoned. 1 of 40 live answers = 2.5 %.
    QList<Models::DialerCallRecord> placed = h.callsIn(QStringLiteral("placed"));
    QCOMPARE(placed.size(), 40);
    const Models::DialerCallRecord firstAbandoned = placed.takeFirst();
    for (const auto &call : std::as_const(placed))
        h.event(call, QStringLiteral("call_ended"), QStringLiteral("user_hangup"));
    h.pass();
    h.event(firstAbandoned, QStringLiteral("call_ended"), QStringLiteral("error_llm_websocket_open"));
    h.pass();
    QCOMPARE(h.campaignState(), QStringLiteral("running"));
    Models::DialerRepository repo(db, h.clock, Models::TenantScope::agency());
    Models::DialerAbandonment rate = repo.abandonment(h.campaignId, 0).value();
    QCOMPARE(rate.liveAnswers, 40);
    QCOMPARE(rate.abandoned, 1);
    QVERIFY(!rate.overLimit());
    QCOMPARE(paused.size(), 0);

    h.clock.advanceSeconds(60); // the rate limit's minute is over
    QCOMPARE(h.dialAndSend(), 20);
    placed = h.callsIn(QStringLiteral("placed"));
    QCOMPARE(placed.size(), 20);
    // An error after a conversation is a dropped call (failed), not an abandoned one.
    h.clock.advanceSeconds(30);
    h.event(placed.takeFirst(), QStringLiteral("call_ended"), QStringLiteral("error_llm_websocket_lost_connection"));
    h.pass();
    QCOMPARE(h.campaignState(), QStringLiteral("running"));
    QCOMPARE(repo.abandonment(h.campaignId, 0).value().abandoned, 1);
    // A second abandoned call: 2 of 41 live answers (4.9 %) pauses the campaign with an alert.
    const qint64 secondAbandoned = placed.first().id;
    Models::DialerCallRecord second = placed.takeFirst();
    second.placedAt = h.clock.nowMs() - 3000; // answered a moment ago, dropped at once
    h.event(second, QStringLiteral("call_ended"), QStringLiteral("error_unknown"));
    h.pass();
    QCOMPARE(h.campaignState(), QStringLiteral("paused"));
    QCOMPARE(paused.size(), 1);
    const Models::DialerCampaignState state = repo.state(h.campaignId).value();
    QVERIFY2(state.message.contains(QLatin1String("2 of 41")), qPrintable(state.message));
    QVERIFY2(state.message.contains(QLatin1String("3 %")), qPrintable(state.message));
    int abandoned = 0, failed = 0;
    for (const auto &call : h.calls()) {
        if (call.outcome == QLatin1String("abandoned"))
            ++abandoned;
        if (call.outcome == QLatin1String("failed"))
            ++failed;
        if (call.id == secondAbandoned)
            QCOMPARE(call.outcome, QStringLiteral("abandoned"));
    }
    QCOMPARE(abandoned, 2);
    QCOMPARE(failed, 1);
    // Starting again is the staff's acknowledgement: calls that end well keep it running.
    QVERIFY(!h.dialer->start(h.campaignId));
    h.endAll();
    h.pass();
    QCOMPARE(h.campaignState(), QStringLiteral("running"));
    QCOMPARE(paused.size(), 1);
}

void tst_DialerService::campaignStatusAndDialerAgree()
{
    CALLVIA_TEST_DATABASE(db);
    Harness h(db);
    h.seed(6, 3, 10);
    const Models::CampaignRepository campaigns(db, h.clock, Models::TenantScope::agency());
    QCOMPARE(campaigns.find(h.campaignId).value().status, QStringLiteral("draft"));
    // Dialing a draft makes it active.
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(campaigns.find(h.campaignId).value().status, QStringLiteral("active"));
    QCOMPARE(h.pass().queued, 3);
    // Pausing the campaign pauses its dialer: the queued calls never leave the outbox.
    const Services::CampaignService service(db, h.clock);
    const Services::Session operatorSession = Services::Session::system();
    QVERIFY(!service.pause(operatorSession, h.campaignId));
    QCOMPARE(h.campaignState(), QStringLiteral("paused"));
    h.pass();
    h.dispatcher->dispatchDue();
    QCOMPARE(h.retell.executedCount(), 0);
    QCOMPARE(h.callsIn(QStringLiteral("cancelled")).size(), 3);
    // Starting the dialer again resumes the campaign; archiving stops it for good.
    QVERIFY(!h.dialer->start(h.campaignId));
    QCOMPARE(campaigns.find(h.campaignId).value().status, QStringLiteral("active"));
    QVERIFY(!service.archive(operatorSession, h.campaignId));
    QCOMPARE(h.campaignState(), QStringLiteral("stopped"));
    const Models::DbError refused = h.dialer->start(h.campaignId);
    QVERIFY(refused);
    QVERIFY2(refused.message().contains(QLatin1String("archived")), qPrintable(refused.message()));
    QCOMPARE(h.campaignState(), QStringLiteral("stopped"));
    QCOMPARE(h.dialAndSend(), 0);
}

QTEST_GUILESS_MAIN(tst_DialerService)
#include "tst_dialerservice.moc"
