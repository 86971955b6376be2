#include "verificationharness.h"

#include "../../common/testdatabase.h"

#include <models/repositories/reminderrepository.h>
#include <models/repositories/verificationrepository.h>
#include <services/auth/session.h>
#include <services/providerconfig.h>
#include <services/verification/confirmationlinks.h>
#include <services/verification/verificationservice.h>

#include <QUuid>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Tests;
using Models::TenantScope;
using Services::VerificationService;

namespace {

const qint64 T0 = 1'767'000'000'000; // the appointment starts here

QProcessEnvironment linkEnvironment()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_VERIFICATION_LINK_KEY"), QStringLiteral("test-link-key"));
    env.insert(QStringLiteral("CALLVIA_LISTENER_PUBLIC_URL"), QStringLiteral("https://hooks.example.com/"));
    return env;
}

VerificationService::Options immediateLateChecks()
{
    VerificationService::Options options;
    options.lateCallCheckMs = 0;
    return options;
}

Models::VerdictRecord verdict(Models::Database &db, const Models::Clock &clock, qint64 appointment)
{
    const Models::DbResult<Models::VerdictRecord> v =
            Models::VerificationRepository(db, clock, TenantScope::agency()).verdictFor(appointment);
    return v.ok() ? v.value() : Models::VerdictRecord();
}


} // namespace

class tst_VerificationService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void leadConfirmationDecidesWithTheReply_data() { TestDatabase::addBackendRows(); }
    void leadConfirmationDecidesWithTheReply();
    void callInTheWindowDecides_data();
    void callInTheWindowDecides();
    void clientLinkYesAndNoDecideAtOnce_data() { TestDatabase::addBackendRows(); }
    void clientLinkYesAndNoDecideAtOnce();
    void manualVerdictIsNeverOverwritten_data() { TestDatabase::addBackendRows(); }
    void manualVerdictIsNeverOverwritten();
    void noLeadNoPhoneSaysSo_data() { TestDatabase::addBackendRows(); }
    void noLeadNoPhoneSaysSo();
    void lateCallFlagsForReviewWithoutFlipping_data() { TestDatabase::addBackendRows(); }
    void lateCallFlagsForReviewWithoutFlipping();
    void clientSettingChangesTheDelay_data() { TestDatabase::addBackendRows(); }
    void clientSettingChangesTheDelay();
    void failingAppointmentLeavesTheGroupWhole_data() { TestDatabase::addBackendRows(); }
    void failingAppointmentLeavesTheGroupWhole();
    void setBasedGroupDecidesAsOneByOne_data() { TestDatabase::addBackendRows(); }
    void setBasedGroupDecidesAsOneByOne();
};

void tst_VerificationService::leadConfirmationDecidesWithTheReply()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = addAppointment(db, clock, s, QStringLiteral("bk-lead"), T0, s.lead);
    QVERIFY(a > 0);
    // The lead's YES, stored as the MessageBird handler stores it, then the reply processor's mark.
    const qint64 reply = Models::Sql::insertReturningId(
            db,
            QStringLiteral("INSERT INTO messages (client_id, lead_id, channel, direction, to_address, from_address, body, "
                           "status, provider, provider_message_id, created_at, updated_at) VALUES (?, ?, 'sms', 'inbound', "
                           "'+15550009999', '+15551230001', 'Yes', 'received', 'messagebird', 'mb-77', ?, ?) RETURNING id"),
            { s.client, s.lead, clock.nowMs(), clock.nowMs() }).valueOr(0);
    QVERIFY(reply > 0);
    QVERIFY(Models::ReminderRepository(db, clock, TenantScope::agency()).confirmByLead(a).valueOr(false));

    VerificationService service(db, clock, nullptr, immediateLateChecks());
    clock.setNowMs(T0 + 30 * minuteMs + 47 * hourMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("scheduled/lead_confirmed/-")); // 48 h not yet over
    QCOMPARE(service.nextDueAt().valueOr(0), T0 + 30 * minuteMs + 48 * hourMs);
    clock.setNowMs(T0 + 30 * minuteMs + 48 * hourMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("shown/lead_confirmed/automatic"));
    const Models::VerdictRecord v = verdict(db, clock, a);
    QCOMPARE(v.rule, QStringLiteral("lead_confirmed"));
    QCOMPARE(v.evidence.value(QStringLiteral("reply_message_id")).toInteger(), reply);
    QCOMPARE(v.evidence.value(QStringLiteral("provider_message_id")).toString(), QStringLiteral("mb-77"));
    QCOMPARE(v.decidedBy, qint64(0));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.verdict' AND entity_id = ?"),
                    { QString::number(a) }),
             1);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences")), 0);
}

void tst_VerificationService::callInTheWindowDecides_data()
{
    QTest::addColumn<QString>("backend");
    QTest::addColumn<qint64>("startOffset"); // call start relative to the appointment start
    QTest::addColumn<qint64>("durationMs");
    QTest::addColumn<bool>("byLead"); // else matched by the attendee's phone
    QTest::addColumn<QString>("expected");
    for (const QString &backend : { QStringLiteral("sqlite"), QStringLiteral("postgresql") }) {
        const auto row = [&](const char *name) { return &QTest::newRow(qPrintable(backend + QLatin1Char(' ') + QLatin1String(name))); };
        *row("46 s by lead, 10 min before") << backend << -10 * minuteMs << qint64(46'000) << true << QStringLiteral("call_verified");
        *row("46 s by phone, at the end") << backend << 30 * minuteMs << qint64(46'000) << false << QStringLiteral("call_verified");
        *row("exactly 45 s") << backend << qint64(0) << qint64(45'000) << true << QStringLiteral("no_show");
        *row("31 min before") << backend << -31 * minuteMs << qint64(600'000) << true << QStringLiteral("no_show");
        *row("after the end") << backend << 31 * minuteMs << qint64(600'000) << true << QStringLiteral("no_show");
    }
}

void tst_VerificationService::callInTheWindowDecides()
{
    CALLVIA_TEST_DATABASE(db);
    QFETCH(qint64, startOffset);
    QFETCH(qint64, durationMs);
    QFETCH(bool, byLead);
    QFETCH(QString, expected);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    // By phone: a booking with no lead, only the attendee's number.
    const qint64 a = byLead ? addAppointment(db, clock, s, QStringLiteral("bk-call"), T0, s.lead)
                            : addAppointment(db, clock, s, QStringLiteral("bk-call"), T0, 0, QStringLiteral("+15557770000"));
    const qint64 call = addCall(db, clock, s, byLead ? s.lead : 0, QStringLiteral("call_abc"),
                                byLead ? QString() : QStringLiteral("+15557770000"), T0 + startOffset, durationMs);
    QVERIFY(call > 0);
    VerificationService service(db, clock, nullptr, immediateLateChecks());
    clock.setNowMs(T0 + 30 * minuteMs + 48 * hourMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    const Models::VerdictRecord v = verdict(db, clock, a);
    QCOMPARE(v.rule, expected);
    if (expected == QLatin1String("call_verified")) {
        QCOMPARE(verdictColumns(db, a), QStringLiteral("shown/call_verified/automatic"));
        QCOMPARE(v.evidence.value(QStringLiteral("call_log_id")).toInteger(), call);
        QCOMPARE(v.evidence.value(QStringLiteral("call_id")).toString(), QStringLiteral("call_abc"));
        QCOMPARE(v.evidence.value(QStringLiteral("duration_seconds")).toDouble(), 46.0);
        QCOMPARE(v.evidence.value(QStringLiteral("matched_by")).toString(), byLead ? QStringLiteral("lead") : QStringLiteral("phone"));
    } else {
        QCOMPARE(verdictColumns(db, a), QStringLiteral("no_show/no_show/automatic"));
        QVERIFY(v.evidence.value(QStringLiteral("calls")).toString().contains(QLatin1String("over 45 s")));
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE appointment_id = ?"), { a }), 1);
    }
}

void tst_VerificationService::clientLinkYesAndNoDecideAtOnce()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 yes = addAppointment(db, clock, s, QStringLiteral("bk-yes"), T0, s.lead);
    const qint64 no = addAppointment(db, clock, s, QStringLiteral("bk-no"), T0 + hourMs, s.lead);
    const Services::ProviderConfig config(nullptr, nullptr, linkEnvironment());
    VerificationService service(db, clock, &config, immediateLateChecks());
    QCOMPARE(service.nextDueAt().valueOr(0), T0 + 30 * minuteMs); // the first end: its e-mail
    clock.setNowMs(T0 + 2 * hourMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    // One e-mail each, to the client's address, in the client's language, with both links.
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'show-check:%' AND kind = 'email'")), 2);
    const QJsonObject payload = QJsonDocument::fromJson(
            text(db, QStringLiteral("SELECT payload FROM outbox WHERE idempotency_key = ?"), { QStringLiteral("show-check:%1").arg(yes) }).toUtf8()).object();
    QCOMPARE(payload.value(QStringLiteral("to")).toString(), QStringLiteral("owner@acme.example"));
    const qint64 expires = T0 + 30 * minuteMs + 48 * hourMs;
    const QString yesUrl = Services::ConfirmationLinks::url(QStringLiteral("https://hooks.example.com/"), "test-link-key", yes,
                                                           QStringLiteral("yes"), expires);
    QVERIFY2(payload.value(QStringLiteral("text")).toString().contains(yesUrl), qPrintable(payload.value(QStringLiteral("text")).toString()));
    QVERIFY(payload.value(QStringLiteral("subject")).toString().startsWith(QLatin1String("War Ana")));
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'show-check:%'")), 2); // once

    QCOMPARE(int(service.answerConfirmation(yes, QStringLiteral("yes")).value().outcome), int(VerificationService::AnswerOutcome::Recorded));
    QCOMPARE(verdictColumns(db, yes), QStringLiteral("shown/client_confirmed/client"));
    const Models::VerdictRecord v = verdict(db, clock, yes);
    QCOMPARE(v.evidence.value(QStringLiteral("confirmed_by")).toString(), QStringLiteral("owner@acme.example"));
    QVERIFY(v.evidence.value(QStringLiteral("confirmation_id")).toInteger() > 0);
    QCOMPARE(int(service.answerConfirmation(yes, QStringLiteral("no")).value().outcome), int(VerificationService::AnswerOutcome::AlreadyAnswered));
    QCOMPARE(verdictColumns(db, yes), QStringLiteral("shown/client_confirmed/client"));

    QCOMPARE(int(service.answerConfirmation(no, QStringLiteral("no")).value().outcome), int(VerificationService::AnswerOutcome::Recorded));
    QCOMPARE(verdictColumns(db, no), QStringLiteral("no_show/no_show/client"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE appointment_id = ? AND status = 'active'"), { no }), 1);
    // The 48 h pass leaves both alone.
    clock.setNowMs(T0 + 3 * dayMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointment_verdicts")), 2);
}

void tst_VerificationService::manualVerdictIsNeverOverwritten()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = addAppointment(db, clock, s, QStringLiteral("bk-manual"), T0, s.lead);
    VerificationService service(db, clock, nullptr, immediateLateChecks());
    const Services::Session staff = addStaff(db, clock);
    clock.setNowMs(T0 + hourMs);
    QVERIFY(service.setManualVerdict(staff, a, true, QString()).isError()); // a reason is required
    const Services::Session client(staff.userId(), QStringLiteral("cli"), Services::Session::Role::Client, s.client);
    QVERIFY(service.setManualVerdict(client, a, true, QStringLiteral("x")).isError());
    QCOMPARE(service.setManualVerdict(staff, a, true, QStringLiteral("seen in the clinic")).message(), QString());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("shown/not_applicable/manual"));
    clock.setNowMs(T0 + 3 * dayMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("shown/not_applicable/manual"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointment_verdicts WHERE appointment_id = ?"), { a }), 1);
    Models::VerdictRecord v = verdict(db, clock, a);
    QCOMPARE(v.source, QStringLiteral("manual"));
    QCOMPARE(v.reason, QStringLiteral("seen in the clinic"));
    QCOMPARE(v.decidedBy, staff.userId());
    QCOMPARE(v.decidedByName, QStringLiteral("sam"));
    // A correction shown -> no-show: columns change, audited as a correction, rebook starts.
    QCOMPARE(service.setManualVerdict(staff, a, false, QStringLiteral("the clinic says no")).message(), QString());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("no_show/no_show/manual"));
    QCOMPARE(text(db, QStringLiteral("SELECT action || ':' || username FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT 1"),
                  { QString::number(a) }),
             QStringLiteral("appointment.verdict_correction:sam"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE appointment_id = ? AND status = 'active'"), { a }), 1);
    // Back to shown: the sequence ends, recorded.
    QCOMPARE(service.setManualVerdict(staff, a, true, QStringLiteral("mixed up")).message(), QString());
    QCOMPARE(text(db, QStringLiteral("SELECT status || '/' || ended_reason FROM rebook_sequences WHERE appointment_id = ?"), { a }),
             QStringLiteral("ended/verdict_shown"));
    QCOMPARE(int(Models::VerificationRepository(db, clock, TenantScope::agency()).verdictHistory(a).value().size()), 3);
}

void tst_VerificationService::noLeadNoPhoneSaysSo()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = addAppointment(db, clock, s, QStringLiteral("bk-nobody"), T0, 0, {}, QStringLiteral("who@example.com"));
    VerificationService service(db, clock, nullptr, immediateLateChecks());
    clock.setNowMs(T0 + 3 * dayMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    const Models::VerdictRecord v = verdict(db, clock, a);
    QCOMPARE(v.rule, QStringLiteral("no_show"));
    QVERIFY(v.evidence.value(QStringLiteral("note")).toString().startsWith(QLatin1String("no lead and no attendee phone")));
    QCOMPARE(v.evidence.value(QStringLiteral("calls")).toString(), QStringLiteral("not checked: no lead and no phone"));
    // The client e-mail could not go (no link key here): said so, and the verdict still came.
    QCOMPARE(text(db, QStringLiteral("SELECT status FROM client_confirmations WHERE appointment_id = ?"), { a }), QStringLiteral("skipped"));
}

void tst_VerificationService::lateCallFlagsForReviewWithoutFlipping()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = addAppointment(db, clock, s, QStringLiteral("bk-late"), T0, s.lead);
    VerificationService service(db, clock, nullptr, immediateLateChecks());
    clock.setNowMs(T0 + 30 * minuteMs + 48 * hourMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("no_show/no_show/automatic"));
    clock.advanceMs(hourMs); // the webhook of a call during the appointment arrives late
    QVERIFY(addCall(db, clock, s, s.lead, QStringLiteral("call_late"), {}, T0 + 5 * minuteMs, 120'000) > 0);
    clock.advanceMs(minuteMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("no_show/no_show/automatic"));
    QVERIFY(text(db, QStringLiteral("SELECT review_reason FROM appointments WHERE id = ?"), { a }).contains(QLatin1String("call_late")));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.review_flag'")), 1);
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointment_verdicts")), 1);
}

void tst_VerificationService::clientSettingChangesTheDelay()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    Models::Sql::exec(db, QStringLiteral("UPDATE clients SET verification_delay_minutes = 60, verification_min_call_seconds = 10 WHERE id = ?"), { s.client });
    const qint64 a = addAppointment(db, clock, s, QStringLiteral("bk-fast"), T0, s.lead);
    addCall(db, clock, s, s.lead, QStringLiteral("call_short"), {}, T0, 11'000);
    VerificationService service(db, clock, nullptr, immediateLateChecks());
    clock.setNowMs(T0 + 90 * minuteMs);
    QVERIFY(service.runDue(clock.nowMs()).ok());
    QCOMPARE(verdictColumns(db, a), QStringLiteral("shown/call_verified/automatic"));
}

// Verdicts are committed in groups with a savepoint per appointment: a fault half-way through one
// appointment (its verdict, evidence and audit row written, the rebook start failing) undoes that
// appointment entirely, keeps the one decided before it in the same group, and the pass reports the
// error; once the fault is gone the next pass decides the rest.
void tst_VerificationService::failingAppointmentLeavesTheGroupWhole()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 first = addAppointment(db, clock, s, QStringLiteral("bk-g1"), T0, s.lead);
    const qint64 second = addAppointment(db, clock, s, QStringLiteral("bk-g2"), T0 + minuteMs, s.lead);
    const qint64 third = addAppointment(db, clock, s, QStringLiteral("bk-g3"), T0 + 2 * minuteMs, s.lead);
    QCOMPARE(TestDatabase::injectInsertFault(db, QStringLiteral("rebook_sequences"), QStringLiteral("appointment_id"), second),
             QString());
    VerificationService service(db, clock, nullptr, immediateLateChecks());
    clock.setNowMs(T0 + 3 * dayMs);
    const Models::DbResult<bool> pass = service.runDue(clock.nowMs());
    QVERIFY(!pass.ok());
    QVERIFY2(pass.error().message().contains(QLatin1String("injected fault")), qPrintable(pass.error().message()));
    QCOMPARE(verdictColumns(db, first), QStringLiteral("no_show/no_show/automatic"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE appointment_id = ?"), { first }), 1);
    for (qint64 open : { second, third }) {
        QCOMPARE(text(db, QStringLiteral("SELECT status FROM appointments WHERE id = ?"), { open }), QStringLiteral("scheduled"));
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointment_verdicts WHERE appointment_id = ?"), { open }), 0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity_id = ?"), { QString::number(open) }), 0);
    }
    QCOMPARE(TestDatabase::removeInsertFault(db, QStringLiteral("rebook_sequences")), QString());
    QVERIFY(service.runDue(clock.nowMs()).ok());
    for (qint64 a : { first, second, third }) {
        QCOMPARE(verdictColumns(db, a), QStringLiteral("no_show/no_show/automatic"));
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM appointment_verdicts WHERE appointment_id = ?"), { a }), 1);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE appointment_id = ?"), { a }), 1);
    }
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.verdict'")), 3);
}

namespace {

// One client's appointments, one per case of the rules, all starting at `t`; their ids in order.
// `base` makes the client's phone numbers its own ("+1555" + base + "00NN").
QList<qint64> addRuleCases(Models::Database &db, Models::TestClock &clock, qint64 t, const QString &base, qint64 otherClient)
{
    const auto phone = [&base](int n) { return QStringLiteral("+1555%1%2").arg(base).arg(n, 4, 10, QLatin1Char('0')); };
    Scene s; // makeScene's, under a client name of its own (names are unique)
    s.client = addClient(db, clock, QStringLiteral("Client %1").arg(base));
    s.campaign = addCampaign(db, clock, s.client, QStringLiteral("Spring"));
    const auto lead = [&](int n) { return addLead(db, clock, s.client, s.campaign, phone(n)); };
    const auto call = [&](qint64 clientId, qint64 leadId, const char *direction, const QString &to, const QString &from,
                          qint64 startedAt, qint64 durationMs) {
        return Models::Sql::insertReturningId(
                       db,
                       QStringLiteral("INSERT INTO call_logs (client_id, lead_id, retell_call_id, direction, to_number, "
                                      "from_number, call_status, started_at, ended_at, duration_ms, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, 'ended', ?, ?, ?, ?, ?) RETURNING id"),
                       { clientId, Models::Sql::nullIfZero(leadId),
                         QStringLiteral("call-%1-%2").arg(base).arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
                         QString::fromLatin1(direction), Models::Sql::nullIfEmpty(to), Models::Sql::nullIfEmpty(from), startedAt,
                         startedAt + durationMs, durationMs, clock.nowMs(), clock.nowMs() })
                .valueOr(0);
    };
    const QString agency = QStringLiteral("+15550009999");
    QList<qint64> ids;
    const auto appointment = [&](qint64 leadId, const QString &attendeePhone = {}) {
        ids << addAppointment(db, clock, s, QStringLiteral("bk-%1-%2").arg(base).arg(ids.size()), t, leadId, attendeePhone);
        return ids.constLast();
    };
    // 0: the lead's YES by SMS.
    const qint64 l0 = lead(1);
    const qint64 a0 = appointment(l0);
    Models::Sql::insertReturningId(db, QStringLiteral("INSERT INTO messages (client_id, lead_id, channel, direction, to_address, "
                                                      "from_address, body, status, provider, provider_message_id, created_at, "
                                                      "updated_at) VALUES (?, ?, 'sms', 'inbound', ?, ?, 'Yes', 'received', "
                                                      "'messagebird', ?, ?, ?) RETURNING id"),
                                   { s.client, l0, agency, phone(1), QString(QStringLiteral("mb-") + base), clock.nowMs(), clock.nowMs() });
    Models::ReminderRepository(db, clock, TenantScope::agency()).confirmByLead(a0);
    // 1: the client's "yes" by the link.
    const qint64 a1 = appointment(lead(2));
    Models::ClientConfirmationRecord confirmation;
    confirmation.appointmentId = a1;
    confirmation.clientId = s.client;
    confirmation.status = QStringLiteral("queued");
    confirmation.toAddress = QStringLiteral("owner@acme.example");
    confirmation.expiresAt = t + 10 * dayMs;
    const Models::VerificationRepository repository(db, clock, TenantScope::agency());
    repository.insertConfirmation(confirmation);
    repository.markAnswered(a1, QStringLiteral("yes"), clock.nowMs());
    // 2: a 46 s call with the lead 10 minutes early (and a later one, 50 s, that case 9 shares).
    const qint64 l2 = lead(3);
    appointment(l2);
    call(s.client, l2, "outbound", phone(3), agency, t - 10 * minuteMs, 46'000);
    // 3: a booking without a lead, called on the attendee's number.
    appointment(0, phone(4));
    call(s.client, 0, "outbound", phone(4), agency, t + 5 * minuteMs, 46'000);
    // 4: exactly 45 s. 5: 31 minutes early.
    const qint64 l4 = lead(5);
    appointment(l4);
    call(s.client, l4, "outbound", phone(5), agency, t, 45'000);
    const qint64 l5 = lead(6);
    appointment(l5);
    call(s.client, l5, "outbound", phone(6), agency, t - 31 * minuteMs, 600'000);
    // 6: two calls that qualify: the earlier decides.
    const qint64 l6 = lead(7);
    appointment(l6);
    call(s.client, l6, "outbound", phone(7), agency, t + 5 * minuteMs, 120'000);
    call(s.client, l6, "outbound", phone(7), agency, t - 5 * minuteMs, 60'000);
    // 7: a call to the lead's number, but by another client.
    appointment(lead(8));
    call(otherClient, 0, "outbound", phone(8), agency, t, 300'000);
    // 8: no lead and no phone.
    appointment(0);
    // 9: a booking without a lead whose number a call of case 2's lead reached.
    appointment(0, phone(10));
    call(s.client, l2, "outbound", phone(10), agency, t + 1 * minuteMs, 50'000);
    // 10: the lead called in.
    appointment(lead(11));
    call(s.client, 0, "inbound", agency, phone(11), t + 2 * minuteMs, 90'000);
    return ids;
}

} // namespace

// The set-based group (the bench's path) and the one-by-one path give every appointment the same
// verdict, rule and evidence, audit row and rebook sequence: the same cases decided once with
// groups of one and once as one group.
void tst_VerificationService::setBasedGroupDecidesAsOneByOne()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const qint64 other = addClient(db, clock, QStringLiteral("Other"));
    const qint64 tA = T0, tB = T0 + 3 * dayMs;
    const QList<qint64> one = addRuleCases(db, clock, tA, QStringLiteral("201"), other);
    const QList<qint64> set = addRuleCases(db, clock, tB, QStringLiteral("301"), other);
    QCOMPARE(one.size(), set.size());
    VerificationService::Options single = immediateLateChecks();
    single.groupSize = 1;
    clock.setNowMs(tA + 30 * minuteMs + 48 * hourMs);
    VerificationService byOne(db, clock, nullptr, single);
    QVERIFY(byOne.runDue(clock.nowMs()).ok());
    for (qint64 a : set) // not yet due
        QCOMPARE(text(db, QStringLiteral("SELECT status FROM appointments WHERE id = ?"), { a }), QStringLiteral("scheduled"));
    clock.setNowMs(tB + 30 * minuteMs + 48 * hourMs);
    VerificationService bySet(db, clock, nullptr, immediateLateChecks());
    QVERIFY(bySet.runDue(clock.nowMs()).ok());
    const QStringList expected { QStringLiteral("lead_confirmed"), QStringLiteral("client_confirmed"),
                                 QStringLiteral("call_verified"), QStringLiteral("call_verified"), QStringLiteral("no_show"),
                                 QStringLiteral("no_show"), QStringLiteral("call_verified"), QStringLiteral("no_show"),
                                 QStringLiteral("no_show"), QStringLiteral("call_verified"), QStringLiteral("call_verified") };
    QCOMPARE(one.size(), expected.size());
    // What may differ between the two clients: ids, numbers and times.
    const QStringList varying { QStringLiteral("call_log_id"), QStringLiteral("call_id"), QStringLiteral("started_at"),
                                QStringLiteral("window"), QStringLiteral("reply_message_id"), QStringLiteral("from"),
                                QStringLiteral("confirmation_id"), QStringLiteral("confirmed_at"), QStringLiteral("provider_message_id"),
                                QStringLiteral("lead_confirmed_at") };
    for (qsizetype i = 0; i < one.size(); ++i) {
        const Models::VerdictRecord a = verdict(db, clock, one.at(i));
        const Models::VerdictRecord b = verdict(db, clock, set.at(i));
        QVERIFY2(a.rule == expected.at(i), qPrintable(QStringLiteral("case %1: %2").arg(i).arg(a.rule)));
        QCOMPARE(b.rule, a.rule);
        QCOMPARE(b.verdict, a.verdict);
        QCOMPARE(b.source, QStringLiteral("automatic"));
        QCOMPARE(verdictColumns(db, set.at(i)), verdictColumns(db, one.at(i)));
        QVERIFY2(b.evidence.keys() == a.evidence.keys(),
                 qPrintable(QStringLiteral("case %1: %2 / %3").arg(i).arg(a.evidence.keys().join(QLatin1Char(',')),
                                                                          b.evidence.keys().join(QLatin1Char(',')))));
        for (const QString &key : a.evidence.keys()) {
            if (!varying.contains(key))
                QVERIFY2(b.evidence.value(key) == a.evidence.value(key), qPrintable(QStringLiteral("case %1: %2").arg(i).arg(key)));
        }
        for (qint64 id : { one.at(i), set.at(i) }) {
            QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment.verdict' AND entity_id = ?"),
                           { QString::number(id) }),
                     1);
            QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM rebook_sequences WHERE appointment_id = ?"), { id }),
                     a.verdict == QLatin1String("no_show") ? 1 : 0);
        }
    }
    // Case 6 took the earlier of its two calls, case 9 was matched by its number.
    QCOMPARE(verdict(db, clock, set.at(6)).evidence.value(QStringLiteral("duration_seconds")).toDouble(), 60.0);
    QCOMPARE(verdict(db, clock, set.at(9)).evidence.value(QStringLiteral("matched_by")).toString(), QStringLiteral("phone"));
    QCOMPARE(verdict(db, clock, set.at(2)).evidence.value(QStringLiteral("matched_by")).toString(), QStringLiteral("lead"));
    QCOMPARE(verdict(db, clock, set.at(10)).evidence.value(QStringLiteral("matched_by")).toString(), QStringLiteral("phone"));
    QVERIFY(verdict(db, clock, set.at(8)).evidence.contains(QStringLiteral("note")));
}

QTEST_GUILESS_MAIN(tst_VerificationService)
#include "tst_verificationservice.moc"
