#include "verificationharness.h"

#include "../../common/testdatabase.h"

#include <models/repositories/reminderrepository.h>
#include <models/repositories/verificationrepository.h>
#include <services/auth/session.h>
#include <services/providerconfig.h>
#include <services/verification/confirmationlinks.h>
#include <services/verification/verificationservice.h>

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

QTEST_GUILESS_MAIN(tst_VerificationService)
#include "tst_verificationservice.moc"
