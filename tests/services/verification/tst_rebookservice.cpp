#include "verificationharness.h"

#include "../../common/testdatabase.h"

#include <models/repositories/optoutrepository.h>
#include <models/repositories/rebookrepository.h>
#include <services/auth/session.h>
#include <services/rebooking/rebookservice.h>
#include <services/verification/verificationservice.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Tests;
using Models::TenantScope;
using Services::RebookService;
using Services::VerificationService;

namespace {

const qint64 T0 = 1'767'000'000'000;
const qint64 VerdictAt = T0 + 30 * minuteMs + 48 * hourMs;

// A no-show verdict by the automatic pass at VerdictAt; returns the appointment.
qint64 noShow(Models::Database &db, Models::TestClock &clock, const Scene &s, const QString &uid)
{
    const qint64 a = addAppointment(db, clock, s, uid, T0, s.lead);
    VerificationService verification(db, clock, nullptr, VerificationService::Options());
    clock.setNowMs(VerdictAt);
    return verification.runDue(clock.nowMs()).ok() ? a : 0;
}

// "step/channel/status" of each step of the appointment's sequence.
QStringList steps(Models::Database &db, const Models::Clock &clock, qint64 appointment)
{
    const Models::RebookRepository repository(db, clock, TenantScope::agency());
    const auto sequence = repository.forAppointment(appointment);
    QStringList out;
    if (!sequence.ok())
        return { sequence.error().message() };
    for (const Models::RebookStepRecord &step : repository.steps(sequence.value().id).valueOr({}))
        out << QStringLiteral("%1/%2/%3").arg(step.step).arg(step.channel, step.status);
    return out;
}

QString ending(Models::Database &db, const Models::Clock &clock, qint64 appointment)
{
    const auto s = Models::RebookRepository(db, clock, TenantScope::agency()).forAppointment(appointment);
    return s.ok() ? s.value().status + QLatin1Char('/') + s.value().endedReason : s.error().message();
}

} // namespace

class tst_RebookService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullSequenceSmsEmailFinalSms_data() { TestDatabase::addBackendRows(); }
    void fullSequenceSmsEmailFinalSms();
    void endedByNewBooking_data() { TestDatabase::addBackendRows(); }
    void endedByNewBooking();
    void endedByStop_data() { TestDatabase::addBackendRows(); }
    void endedByStop();
    void endedByManualStop_data() { TestDatabase::addBackendRows(); }
    void endedByManualStop();
};

void tst_RebookService::fullSequenceSmsEmailFinalSms()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = noShow(db, clock, s, QStringLiteral("bk-r1"));
    QVERIFY(a > 0);
    RebookService rebook(db, clock, RebookService::Options());
    QCOMPARE(rebook.nextDueAt().valueOr(0), VerdictAt);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QCOMPARE(steps(db, clock, a), QStringList { QStringLiteral("0/sms/queued") });
    const QString sms = text(db, QStringLiteral("SELECT payload FROM outbox WHERE idempotency_key LIKE 'rebook:%:0'"));
    QVERIFY2(sms.contains(QLatin1String("https://book.acme.example/new")), qPrintable(sms)); // the client's booking link
    QVERIFY(sms.contains(QLatin1String("+15551230001")));
    QCOMPARE(rebook.nextDueAt().valueOr(0), VerdictAt + 2 * dayMs);
    clock.setNowMs(VerdictAt + 2 * dayMs - 1);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QCOMPARE(int(steps(db, clock, a).size()), 1);
    clock.setNowMs(VerdictAt + 2 * dayMs);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    clock.setNowMs(VerdictAt + 4 * dayMs);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QVERIFY(rebook.runDue(clock.nowMs()).ok()); // nothing twice
    QCOMPARE(steps(db, clock, a), (QStringList { QStringLiteral("0/sms/queued"), QStringLiteral("1/email/queued"),
                                                 QStringLiteral("2/sms/queued") }));
    QCOMPARE(ending(db, clock, a), QStringLiteral("completed/"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'rebook:%'")), 3);
    QCOMPARE(text(db, QStringLiteral("SELECT to_address FROM messages WHERE template = 'rebook' AND channel = 'email'")),
             QStringLiteral("ana@example.com"));
    QCOMPARE(rebook.nextDueAt().valueOr(-1), qint64(0));
}

void tst_RebookService::endedByNewBooking()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = noShow(db, clock, s, QStringLiteral("bk-r2"));
    RebookService rebook(db, clock, RebookService::Options());
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    clock.advanceMs(dayMs);
    // The lead books again through Cal.com as an attendee with the same e-mail (no lead link yet).
    QVERIFY(addAppointment(db, clock, s, QStringLiteral("bk-r2-new"), T0 + 7 * dayMs, 0, {}, QStringLiteral("ana@example.com")) > 0);
    clock.setNowMs(VerdictAt + 2 * dayMs);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QCOMPARE(steps(db, clock, a), QStringList { QStringLiteral("0/sms/queued") });
    QCOMPARE(ending(db, clock, a), QStringLiteral("ended/new_booking"));
    QCOMPARE(text(db, QStringLiteral("SELECT ended_detail FROM rebook_sequences WHERE appointment_id = ?"), { a }),
             QStringLiteral("booking bk-r2-new"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'rebook.end'")), 1);
}

void tst_RebookService::endedByStop()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = noShow(db, clock, s, QStringLiteral("bk-r3"));
    RebookService rebook(db, clock, RebookService::Options());
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    Models::OptOutRecord stop; // what the MessageBird handler writes for STOP
    stop.phoneE164 = QStringLiteral("+15551230001");
    stop.source = QStringLiteral("sms_reply");
    stop.reason = QStringLiteral("STOP");
    QVERIFY(Models::OptOutRepository(db, clock, TenantScope::agency()).add(stop).ok());
    clock.setNowMs(VerdictAt + 4 * dayMs);
    QVERIFY(rebook.runDue(clock.nowMs()).ok());
    QCOMPARE(steps(db, clock, a), QStringList { QStringLiteral("0/sms/queued") });
    QCOMPARE(ending(db, clock, a), QStringLiteral("ended/opted_out"));
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'rebook:%'")), 1);
}

void tst_RebookService::endedByManualStop()
{
    CALLVIA_TEST_DATABASE(db);
    Models::TestClock clock(T0 - dayMs);
    const Scene s = makeScene(db, clock);
    const qint64 a = noShow(db, clock, s, QStringLiteral("bk-r4"));
    RebookService rebook(db, clock, RebookService::Options());
    const Services::Session staff = addStaff(db, clock);
    QCOMPARE(rebook.stop(staff, a, QStringLiteral("lead called to say no")).message(), QString());
    QCOMPARE(ending(db, clock, a), QStringLiteral("ended/manual_stop"));
    QVERIFY(rebook.stop(staff, a, QStringLiteral("again")).isError()); // no longer running
    QVERIFY(rebook.runDue(clock.nowMs() + 5 * dayMs).ok());
    QCOMPARE(steps(db, clock, a), QStringList());
    QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE 'rebook:%'")), 0);
    QCOMPARE(text(db, QStringLiteral("SELECT username FROM audit_log WHERE action = 'rebook.end'")), QStringLiteral("sam"));
}

QTEST_GUILESS_MAIN(tst_RebookService)
#include "tst_rebookservice.moc"
