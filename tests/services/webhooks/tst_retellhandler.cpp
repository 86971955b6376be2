#include "applyharness.h"

#include <common/testdatabase.h>

#include <models/repositories/calllogrepository.h>
#include <models/repositories/eventrepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/usagerepository.h>
#include <services/webhooks/retellhandler.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <algorithm>

using namespace Callvia;
using namespace Callvia::Models;
using Callvia::Services::RetellHandler;

// Retell call events: call logs, lead status, usage and opt-outs, in every arrival order.
class tst_RetellHandler : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callStartedLogsCallAndContactsLead_data() { Tests::TestDatabase::addBackendRows(); }
    void callStartedLogsCallAndContactsLead();
    void everyOrderOfTheThreeEventsGivesTheSameState_data() { Tests::TestDatabase::addBackendRows(); }
    void everyOrderOfTheThreeEventsGivesTheSameState();
    void metadataLeadIdWinsOverPhone_data() { Tests::TestDatabase::addBackendRows(); }
    void metadataLeadIdWinsOverPhone();
    void unknownCallIsKeptUnmatched_data() { Tests::TestDatabase::addBackendRows(); }
    void unknownCallIsKeptUnmatched();
    void metadataClientLimitsTheLeadToThatClient_data() { Tests::TestDatabase::addBackendRows(); }
    void metadataClientLimitsTheLeadToThatClient();
    void unmappedCallIsFlaggedAndChangesNothing_data() { Tests::TestDatabase::addBackendRows(); }
    void unmappedCallIsFlaggedAndChangesNothing();
    void callbackRequestedSetsCallbackTime_data() { Tests::TestDatabase::addBackendRows(); }
    void callbackRequestedSetsCallbackTime();
    void usageIsBilledPerStartedSecondAtClientRate_data() { Tests::TestDatabase::addBackendRows(); }
    void usageIsBilledPerStartedSecondAtClientRate();
    void roundingRuleEdges_data();
    void roundingRuleEdges();
    void parserNamesMissingField_data();
    void parserNamesMissingField();
    void parserSurvivesGarbage();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

namespace {

const qint64 startMs = 1'749'990'000'000;

QByteArray callEvent(const QString &event, const QString &callId, const QString &toNumber, qint64 durationMs = 95'250,
                     const QString &outcome = QStringLiteral("appointment_set"), const QJsonObject &metadata = {})
{
    QJsonObject call { { QStringLiteral("call_id"), callId },
                       { QStringLiteral("agent_id"), QStringLiteral("agent_1") },
                       { QStringLiteral("direction"), QStringLiteral("outbound") },
                       { QStringLiteral("from_number"), QStringLiteral("+14155550100") },
                       { QStringLiteral("to_number"), toNumber },
                       { QStringLiteral("start_timestamp"), double(startMs) } };
    if (!metadata.isEmpty())
        call.insert(QStringLiteral("metadata"), metadata);
    if (event != QLatin1String("call_started")) {
        call.insert(QStringLiteral("call_status"), QStringLiteral("ended"));
        call.insert(QStringLiteral("end_timestamp"), double(startMs + durationMs));
        call.insert(QStringLiteral("duration_ms"), double(durationMs));
        call.insert(QStringLiteral("transcript"), QStringLiteral("Agent: Hi\nUser: Hello"));
        call.insert(QStringLiteral("recording_url"), QString(QStringLiteral("https://rec.example/") + callId));
        call.insert(QStringLiteral("disconnection_reason"), QStringLiteral("user_hangup"));
    } else {
        call.insert(QStringLiteral("call_status"), QStringLiteral("ongoing"));
    }
    if (event == QLatin1String("call_analyzed")) {
        QJsonObject custom { { QStringLiteral("outcome"), outcome } };
        if (outcome == QLatin1String("callback_requested"))
            custom.insert(QStringLiteral("callback_at"), QStringLiteral("2025-06-20T15:00:00Z"));
        call.insert(QStringLiteral("call_analysis"),
                    QJsonObject { { QStringLiteral("call_summary"), QStringLiteral("Booked for Tuesday") },
                                  { QStringLiteral("user_sentiment"), QStringLiteral("Positive") },
                                  { QStringLiteral("call_successful"), true },
                                  { QStringLiteral("custom_analysis_data"), custom } });
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("event"), event }, { QStringLiteral("call"), call } })
            .toJson(QJsonDocument::Compact);
}

// A client whose Retell agent (the fixture's agent_1) is mapped in its settings.
qint64 addMappedClient(Database &db, const Clock &clock, const QString &name, qint64 rate = 20)
{
    const qint64 client = Tests::addClient(db, clock, name, rate);
    if (!Tests::mapProviderId(db, clock, client, QStringLiteral("retell"), QStringLiteral("agent_id"),
                              QStringLiteral("agent_1")))
        return 0;
    return client;
}

// Everything the events decide about one call, without the bookkeeping timestamps.
QString snapshot(Database &db, const Clock &clock, const QString &callId, qint64 leadId)
{
    const DbResult<CallLogRecord> row = CallLogRepository(db, clock, TenantScope::agency()).findByRetellId(callId);
    if (!row.ok())
        return QStringLiteral("no call log");
    const CallLogRecord &c = row.value();
    const DbResult<UsageRecord> usage = UsageRepository(db, clock, TenantScope::agency()).findByCallLog(c.id);
    const DbResult<LeadRecord> lead = LeadRepository(db, clock, TenantScope::agency()).find(leadId);
    return QStringList { QString::number(c.clientId), c.leadId == leadId ? QStringLiteral("lead") : QString::number(c.leadId), c.direction, c.fromNumber, c.toNumber,
                         c.callStatus, QString::number(c.startedAt), QString::number(c.endedAt),
                         QString::number(c.durationMs), QString::number(c.durationSeconds), c.transcript, c.recordingUrl,
                         c.disconnectionReason, c.summary, c.sentiment, c.outcome, QString::number(c.callSuccessful),
                         usage.ok() ? QString::number(usage.value().costCents) : QStringLiteral("no usage"),
                         lead.value().status, QString::number(lead.value().lastContactedAt),
                         QString::number(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM usage_records WHERE call_log_id = ?"), { c.id })),
                         QString::number(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE phone_e164 = ?"), { c.toNumber })) }
            .join(QLatin1Char('|'))
            .replace(callId, QStringLiteral("<id>"));
}

} // namespace

void tst_RetellHandler::callStartedLogsCallAndContactsLead()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"));
    RetellHandler handler(db, m_clock);
    QList<Services::IncomingEvent> events;
    const QByteArray body = callEvent(QStringLiteral("call_started"), QStringLiteral("call_1"), QStringLiteral("+14155550123"));
    QCOMPARE(Tests::deliver(handler, db, body, {}, &events), QString());
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().providerEventId, QStringLiteral("call_1:call_started"));
    QCOMPARE(events.first().orderingKey, QStringLiteral("call:call_1"));
    QCOMPARE(events.first().rawBody, body);

    const DbResult<CallLogRecord> row = CallLogRepository(db, m_clock, TenantScope::agency()).findByRetellId(QStringLiteral("call_1"));
    QVERIFY(row.ok());
    QCOMPARE(row.value().clientId, client);
    QCOMPARE(row.value().leadId, lead);
    QCOMPARE(row.value().campaignId, campaign);
    QCOMPARE(row.value().startedAt, startMs);
    QCOMPARE(row.value().toNumber, QStringLiteral("+14155550123"));
    QCOMPARE(Tests::leadStatus(db, m_clock, lead), QStringLiteral("contacted"));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM usage_records")), 0);

    // A lead already booked is never moved back by a later call's call_started.
    const qint64 booked = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550124"), {},
                                         QStringLiteral("booked"));
    QCOMPARE(Tests::deliver(handler, db, callEvent(QStringLiteral("call_started"), QStringLiteral("call_2"),
                                                   QStringLiteral("+14155550124"))),
             QString());
    QCOMPARE(Tests::leadStatus(db, m_clock, booked), QStringLiteral("booked"));
}

void tst_RetellHandler::everyOrderOfTheThreeEventsGivesTheSameState()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"), 25);
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    RetellHandler handler(db, m_clock);
    const QStringList names { QStringLiteral("call_started"), QStringLiteral("call_ended"), QStringLiteral("call_analyzed") };
    for (const QString &outcome : { QStringLiteral("appointment_set"), QStringLiteral("not_interested"),
                                    QStringLiteral("callback_requested") }) {
        QList<int> order { 0, 1, 2 };
        QString reference;
        int permutation = 0;
        do {
            const QString callId = QStringLiteral("call_%1_%2").arg(outcome).arg(permutation);
            const QString phone = QStringLiteral("+1415555%1%2").arg(outcome.size(), 2, 10, QLatin1Char('0')).arg(permutation, 2, 10, QLatin1Char('0'));
            const qint64 lead = Tests::addLead(db, m_clock, client, campaign, phone);
            QVERIFY(lead > 0);
            // Each event twice, the duplicate right after the next one (or at the end).
            QList<int> deliveries;
            for (int i = 0; i < 3; ++i)
                deliveries << order.at(i);
            deliveries.insert(2, order.at(0));
            deliveries << order.at(1) << order.at(2);
            for (int index : deliveries) {
                const QString error = Tests::deliver(handler, db, callEvent(names.at(index), callId, phone, 95'250, outcome));
                QVERIFY2(error.isEmpty(), qPrintable(error));
            }
            const QString state = snapshot(db, m_clock, callId, lead).replace(phone, QStringLiteral("<phone>"));
            if (reference.isEmpty())
                reference = state;
            QCOMPARE(state, reference);
            ++permutation;
        } while (std::next_permutation(order.begin(), order.end()));
        QCOMPARE(permutation, 6);
        // 95.25 s -> 96 billed seconds at 25 c/min = ceil(2400 / 60) = 40 c.
        QVERIFY2(reference.contains(QStringLiteral("|95250|96|")), qPrintable(reference));
        QVERIFY2(reference.contains(QStringLiteral("|40|")), qPrintable(reference));
        const QString expected = outcome == QLatin1String("appointment_set")
                ? QStringLiteral("|booked|")
                : (outcome == QLatin1String("not_interested") ? QStringLiteral("|dnc|") : QStringLiteral("|callback|"));
        QVERIFY2(reference.contains(expected), qPrintable(reference));
        QVERIFY2(reference.endsWith(outcome == QLatin1String("not_interested") ? QStringLiteral("|1|1") : QStringLiteral("|1|0")),
                 qPrintable(reference));
    }
    OptOutRepository optOuts(db, m_clock, TenantScope::agency());
    const QString dncPhone = QStringLiteral("+1415555%1%2").arg(14, 2, 10, QLatin1Char('0')).arg(3, 2, 10, QLatin1Char('0'));
    QCOMPARE(optOuts.isOptedOut(dncPhone, QStringLiteral("call"), client).valueOr(false), true);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE source = 'call_outcome'")), 6);
}

void tst_RetellHandler::metadataLeadIdWinsOverPhone()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 byPhone = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"));
    const qint64 byId = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550999"));
    RetellHandler handler(db, m_clock);
    QCOMPARE(Tests::deliver(handler, db,
                            callEvent(QStringLiteral("call_started"), QStringLiteral("call_m"), QStringLiteral("+14155550123"),
                                      0, {}, QJsonObject { { QStringLiteral("lead_id"), QString::number(byId) } })),
             QString());
    QCOMPARE(CallLogRepository(db, m_clock, TenantScope::agency()).findByRetellId(QStringLiteral("call_m")).value().leadId, byId);
    QCOMPARE(Tests::leadStatus(db, m_clock, byPhone), QStringLiteral("new"));
}

void tst_RetellHandler::unknownCallIsKeptUnmatched()
{
    // The agent belongs to a client, the number to none of its leads: the call is the client's,
    // unmatched for staff, and its minutes are the client's usage.
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    RetellHandler handler(db, m_clock);
    for (const QString &event : { QStringLiteral("call_ended"), QStringLiteral("call_started"), QStringLiteral("call_analyzed") })
        QCOMPARE(Tests::deliver(handler, db, callEvent(event, QStringLiteral("call_x"), QStringLiteral("+14155550777"))),
                 QString());
    const DbResult<QList<CallLogRecord>> unmatched = CallLogRepository(db, m_clock, TenantScope::agency()).listUnmatched();
    QVERIFY(unmatched.ok());
    QCOMPARE(unmatched.value().size(), 1);
    QCOMPARE(unmatched.value().first().retellCallId, QStringLiteral("call_x"));
    QCOMPARE(unmatched.value().first().clientId, client);
    QCOMPARE(unmatched.value().first().leadId, 0);
    QCOMPARE(unmatched.value().first().outcome, QStringLiteral("appointment_set"));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM usage_records WHERE client_id = ?"), { client }), 1);
}

void tst_RetellHandler::metadataClientLimitsTheLeadToThatClient()
{
    // Client B has a lead with the dialled number (and its id is even in the metadata), but the
    // call's metadata names client A, and the agent is mapped to nobody: only A's leads match.
    CALLVIA_TEST_DATABASE(db);
    const qint64 clientA = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 clientB = Tests::addClient(db, m_clock, QStringLiteral("Bright Smiles"));
    const qint64 campaignA = Tests::addCampaign(db, m_clock, clientA, QStringLiteral("Spring"));
    const qint64 campaignB = Tests::addCampaign(db, m_clock, clientB, QStringLiteral("Summer"));
    const qint64 leadB = Tests::addLead(db, m_clock, clientB, campaignB, QStringLiteral("+14155550123"));
    RetellHandler handler(db, m_clock);
    const QJsonObject metadataA { { QStringLiteral("client_id"), QString::number(clientA) },
                                  { QStringLiteral("lead_id"), leadB } };
    QCOMPARE(Tests::deliver(handler, db,
                            callEvent(QStringLiteral("call_analyzed"), QStringLiteral("call_a"),
                                      QStringLiteral("+14155550123"), 1000, QStringLiteral("not_interested"), metadataA)),
             QString());
    CallLogRecord row = CallLogRepository(db, m_clock, TenantScope::agency()).findByRetellId(QStringLiteral("call_a")).value();
    QCOMPARE(row.clientId, clientA);
    QCOMPARE(row.leadId, 0);
    QCOMPARE(Tests::leadStatus(db, m_clock, leadB), QStringLiteral("new"));
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM opt_outs")), 0);

    // A's own lead with that number is the one matched.
    const qint64 leadA = Tests::addLead(db, m_clock, clientA, campaignA, QStringLiteral("+14155550123"));
    QCOMPARE(Tests::deliver(handler, db,
                            callEvent(QStringLiteral("call_analyzed"), QStringLiteral("call_a2"),
                                      QStringLiteral("+14155550123"), 1000, QStringLiteral("appointment_set"),
                                      QJsonObject { { QStringLiteral("client_id"), clientA } })),
             QString());
    row = CallLogRepository(db, m_clock, TenantScope::agency()).findByRetellId(QStringLiteral("call_a2")).value();
    QCOMPARE(row.clientId, clientA);
    QCOMPARE(row.leadId, leadA);
    QCOMPARE(Tests::leadStatus(db, m_clock, leadA), QStringLiteral("booked"));
    QCOMPARE(Tests::leadStatus(db, m_clock, leadB), QStringLiteral("new"));
}

void tst_RetellHandler::unmappedCallIsFlaggedAndChangesNothing()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = Tests::addClient(db, m_clock, QStringLiteral("Sunrise Dental")); // agent_1 not mapped
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"));
    RetellHandler handler(db, m_clock);
    QList<qint64> ids;
    QCOMPARE(Tests::deliver(handler, db,
                            callEvent(QStringLiteral("call_analyzed"), QStringLiteral("call_n"),
                                      QStringLiteral("+14155550123"), 1000, QStringLiteral("appointment_set")),
                            {}, nullptr, &ids),
             QString());
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM call_logs")), 0);
    QCOMPARE(Tests::scalar(db, QStringLiteral("SELECT COUNT(*) FROM usage_records")), 0);
    QCOMPARE(Tests::leadStatus(db, m_clock, lead), QStringLiteral("new"));
    QCOMPARE(ids.size(), 1);
    const EventRecord event = EventRepository(db).byId(ids.first()).value();
    QVERIFY(event.unattributed);
    QVERIFY2(event.lastError.contains(QStringLiteral("agent_id agent_1")), qPrintable(event.lastError));

    // Our number (from_number of an outbound call) mapped to the client attributes it as well.
    QVERIFY(Tests::mapProviderId(db, m_clock, client, QStringLiteral("retell"), QStringLiteral("number"),
                                 QStringLiteral("+1 415 555 0100")));
    QCOMPARE(Tests::deliver(handler, db,
                            callEvent(QStringLiteral("call_analyzed"), QStringLiteral("call_n"),
                                      QStringLiteral("+14155550123"), 1000, QStringLiteral("appointment_set"))),
             QString());
    QCOMPARE(CallLogRepository(db, m_clock, TenantScope::agency()).findByRetellId(QStringLiteral("call_n")).value().leadId, lead);
    QCOMPARE(Tests::deliver(handler, db,
                            callEvent(QStringLiteral("call_analyzed"), QStringLiteral("call_m"),
                                      QStringLiteral("+14155550123"), 1000, QStringLiteral("appointment_set")),
                            {}, nullptr, &ids),
             QString());
    // The attributed event carries its client (migration 028): that client's journal shows it,
    // another client's does not, and the unattributed first delivery stays agency-only.
    QCOMPARE(ids.size(), 2);
    QCOMPARE(EventRepository(db).byId(ids.last()).value().clientId, client);
    const qint64 other = Tests::addClient(db, m_clock, QStringLiteral("Bright Smiles"));
    QCOMPARE(EventRepository(db, TenantScope::client(client)).list({}).value().size(), 1);
    QCOMPARE(EventRepository(db, TenantScope::client(client)).list({}).value().first().id, ids.last());
    QCOMPARE(EventRepository(db, TenantScope::client(other)).list({}).value().size(), 0);
    QCOMPARE(EventRepository(db, TenantScope::client(client)).byId(ids.first()).error().kind(), DbError::NotFound);
}

void tst_RetellHandler::callbackRequestedSetsCallbackTime()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Sunrise Dental"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    const qint64 lead = Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"));
    RetellHandler handler(db, m_clock);
    QCOMPARE(Tests::deliver(handler, db, callEvent(QStringLiteral("call_analyzed"), QStringLiteral("call_cb"),
                                                   QStringLiteral("+14155550123"), 1000,
                                                   QStringLiteral("callback_requested"))),
             QString());
    const LeadRecord after = LeadRepository(db, m_clock, TenantScope::agency()).find(lead).value();
    QCOMPARE(after.status, QStringLiteral("callback"));
    QCOMPARE(after.callbackAt, QDateTime(QDate(2025, 6, 20), QTime(15, 0), Qt::UTC).toMSecsSinceEpoch());
    QCOMPARE(CallLogRepository(db, m_clock, TenantScope::agency()).findByRetellId(QStringLiteral("call_cb")).value().callbackAt, after.callbackAt);
}

void tst_RetellHandler::usageIsBilledPerStartedSecondAtClientRate()
{
    CALLVIA_TEST_DATABASE(db);
    const qint64 client = addMappedClient(db, m_clock, QStringLiteral("Default Rate"));
    const qint64 campaign = Tests::addCampaign(db, m_clock, client, QStringLiteral("Spring"));
    Tests::addLead(db, m_clock, client, campaign, QStringLiteral("+14155550123"));
    RetellHandler handler(db, m_clock);
    // 60.001 s: 61 billed seconds at the default 20 c/min = ceil(1220 / 60) = 21 c.
    QCOMPARE(Tests::deliver(handler, db, callEvent(QStringLiteral("call_ended"), QStringLiteral("call_u"),
                                                   QStringLiteral("+14155550123"), 60'001)),
             QString());
    QCOMPARE(Tests::deliver(handler, db, callEvent(QStringLiteral("call_ended"), QStringLiteral("call_u"),
                                                   QStringLiteral("+14155550123"), 60'001)),
             QString());
    const DbResult<QList<UsageRecord>> usage = UsageRepository(db, m_clock, TenantScope::agency()).list(client, 0, std::numeric_limits<qint64>::max());
    QVERIFY(usage.ok());
    QCOMPARE(usage.value().size(), 1);
    QCOMPARE(usage.value().first().seconds, 61);
    QCOMPARE(usage.value().first().rateCentsPerMinute, 20);
    QCOMPARE(usage.value().first().costCents, 21);
    QCOMPARE(usage.value().first().occurredAt, startMs);
}

void tst_RetellHandler::roundingRuleEdges_data()
{
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<qint64>("rate");
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<qint64>("cents");
    QTest::newRow("zero") << qint64(0) << qint64(20) << qint64(0) << qint64(0);
    QTest::newRow("1 ms is a started second") << qint64(1) << qint64(20) << qint64(1) << qint64(1);
    QTest::newRow("exactly 3 s = 1 c") << qint64(3000) << qint64(20) << qint64(3) << qint64(1);
    QTest::newRow("3.001 s -> 4 s -> ceil(80/60)") << qint64(3001) << qint64(20) << qint64(4) << qint64(2);
    QTest::newRow("59.999 s -> one minute") << qint64(59'999) << qint64(20) << qint64(60) << qint64(20);
    QTest::newRow("exactly one minute") << qint64(60'000) << qint64(20) << qint64(60) << qint64(20);
    QTest::newRow("one minute and 1 ms") << qint64(60'001) << qint64(20) << qint64(61) << qint64(21);
    QTest::newRow("rate 0 is free") << qint64(90'000) << qint64(0) << qint64(90) << qint64(0);
    QTest::newRow("rate 7, 10 s") << qint64(10'000) << qint64(7) << qint64(10) << qint64(2);
    QTest::newRow("an hour at 20") << qint64(3'600'000) << qint64(20) << qint64(3600) << qint64(1200);
    QTest::newRow("negative duration") << qint64(-5) << qint64(20) << qint64(0) << qint64(0);
}

void tst_RetellHandler::roundingRuleEdges()
{
    QFETCH(qint64, durationMs);
    QFETCH(qint64, rate);
    QFETCH(qint64, seconds);
    QFETCH(qint64, cents);
    QCOMPARE(UsageRepository::billedSeconds(durationMs), seconds);
    QCOMPARE(UsageRepository::costCents(seconds, rate), cents);
}

void tst_RetellHandler::parserNamesMissingField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::newRow("not json") << QByteArray("call_started") << QStringLiteral("JSON object");
    QTest::newRow("array") << QByteArray("[]") << QStringLiteral("JSON object");
    QTest::newRow("no event") << QByteArray(R"({"call":{"call_id":"c"}})") << QStringLiteral("event");
    QTest::newRow("no call") << QByteArray(R"({"event":"call_ended"})") << QStringLiteral("call");
    QTest::newRow("no call id") << QByteArray(R"({"event":"call_ended","call":{}})") << QStringLiteral("call.call_id");
    QTest::newRow("call id object") << QByteArray(R"({"event":"call_ended","call":{"call_id":{}}})")
                                    << QStringLiteral("call.call_id");
}

void tst_RetellHandler::parserNamesMissingField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    Services::RetellCallEvent event;
    QString error;
    QVERIFY(!Services::parseRetellEvent(body, &event, &error));
    QVERIFY2(error.endsWith(field), qPrintable(error));
}

void tst_RetellHandler::parserSurvivesGarbage()
{
    // Huge, fractional, negative and non-finite-looking numbers must not overflow or crash.
    const QByteArray odd = R"({"event":"call_ended","call":{"call_id":"c","start_timestamp":1e300,)"
                           R"("end_timestamp":-1e300,"duration_ms":1.5e19,"metadata":{"lead_id":-7},)"
                           R"("call_analysis":{"custom_analysis_data":{"callback_at":1e308}}}})";
    Services::RetellCallEvent event;
    QString error;
    QVERIFY(Services::parseRetellEvent(odd, &event, &error));
    QCOMPARE(event.startMs, 0);
    QCOMPARE(event.durationMs, -1);
    QCOMPARE(event.metadataLeadId, 0);
    QCOMPARE(event.callbackAt, 0);
    const QByteArray valid = callEvent(QStringLiteral("call_analyzed"), QStringLiteral("c"), QStringLiteral("+1"));
    for (int cut = 0; cut < valid.size(); ++cut) {
        Services::RetellCallEvent partial;
        Services::parseRetellEvent(valid.left(cut), &partial, &error);
    }
}

QTEST_GUILESS_MAIN(tst_RetellHandler)
#include "tst_retellhandler.moc"
