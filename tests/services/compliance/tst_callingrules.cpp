// The calling rules engine (issue 25 item 2), one row per rule of compliance.md's "What the
// dialer must enforce" and per edge: split area codes, state windows and caps, Canada, DST in
// America/New_York and Europe/Berlin, toll-free numbers, consent, DNC, opt-outs, retries.
#include <services/compliance/callingrules.h>
#include <services/compliance/candidateplaces.h>

#include <QDateTime>
#include <QTest>
#include <QTimeZone>

using namespace Callvia::Services::Compliance;

Q_DECLARE_METATYPE(Callvia::Services::Compliance::LeadFacts)
Q_DECLARE_METATYPE(Callvia::Services::Compliance::CallingSettings)
Q_DECLARE_METATYPE(Callvia::Services::Compliance::Reason)
Q_DECLARE_METATYPE(Callvia::Services::Compliance::Channel)

namespace {

constexpr qint64 Minute = 60 * 1000;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 NoCheck = -2;

// "2026-07-06 10:00" in `zone` as UTC milliseconds.
qint64 at(const char *local, const char *zone)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(local), QStringLiteral("yyyy-MM-dd HH:mm"));
    return QDateTime(t.date(), t.time(), QTimeZone(zone)).toMSecsSinceEpoch();
}

qint64 utc(const char *text)
{
    return at(text, "UTC");
}

// A lead with written consent from a web form, its candidates from the number and address.
LeadFacts lead(const char *phone, const char *leadZone = "", const char *region = "",
               const char *clientZone = "America/New_York")
{
    LeadFacts facts;
    facts.leadId = 1;
    facts.phoneE164 = QString::fromLatin1(phone);
    const CandidatePlaces places = Candidates::forLead(facts.phoneE164, QString::fromLatin1(leadZone),
                                                       QString::fromLatin1(region), QString::fromLatin1(clientZone));
    facts.candidateZones = places.zones;
    facts.candidateStates = places.states;
    facts.tollFree = places.tollFree;
    facts.consents.append({ QStringLiteral("written"), utc("2026-01-02 10:00"), QStringLiteral("web form"),
                            QStringLiteral("checkbox on /signup"), 0 });
    return facts;
}

CallingSettings settings(qint64 atMs)
{
    CallingSettings s;
    s.campaignId = 7;
    s.nationalDncSnapshot = QDateTime::fromMSecsSinceEpoch(atMs, Qt::UTC).date().addDays(-3);
    return s;
}

ContactAttempt call(qint64 atMs, const char *outcome)
{
    return { atMs, Channel::Call, QString::fromLatin1(outcome), 7 };
}

} // namespace

class tst_CallingRules : public QObject
{
    Q_OBJECT

private slots:
    void evaluates_data();
    void evaluates();
    void candidatesFollowTheStoredColumns();

private:
    void row(const char *name, const LeadFacts &facts, qint64 atMs, Reason reason, const char *text,
             qint64 next = NoCheck, Channel channel = Channel::Call);
    void row(const char *name, const LeadFacts &facts, const CallingSettings &s, qint64 atMs, Reason reason,
             const char *text, qint64 next = NoCheck, Channel channel = Channel::Call);
};

void tst_CallingRules::row(const char *name, const LeadFacts &facts, qint64 atMs, Reason reason, const char *text,
                           qint64 next, Channel channel)
{
    row(name, facts, settings(atMs), atMs, reason, text, next, channel);
}

void tst_CallingRules::row(const char *name, const LeadFacts &facts, const CallingSettings &s, qint64 atMs,
                           Reason reason, const char *text, qint64 next, Channel channel)
{
    QTest::newRow(name) << facts << s << atMs << channel << reason << QString::fromUtf8(text) << next;
}

void tst_CallingRules::evaluates_data()
{
    QTest::addColumn<LeadFacts>("facts");
    QTest::addColumn<CallingSettings>("settings");
    QTest::addColumn<qint64>("atMs");
    QTest::addColumn<Channel>("channel");
    QTest::addColumn<Reason>("reason");
    QTest::addColumn<QString>("text"); // a part of the human-readable reason
    QTest::addColumn<qint64>("next"); // expected nextCallableAtMs, NoCheck = not checked

    const LeadFacts ny = lead("+12125550100");
    qint64 t = at("2026-07-06 10:00", "America/New_York"); // a Monday
    row("rule 1: New York, Monday 10:00", ny, t, Reason::Callable, "callable", t);
    row("rule 1: New York 07:59", ny, at("2026-07-06 07:59", "America/New_York"), Reason::OutsideWindow,
        "outside calling window in America/New_York (Monday 07:59 local; TCPA 08:00-21:00)",
        at("2026-07-06 08:00", "America/New_York"));
    row("rule 1: New York 21:00 is closed until 08:00", ny, at("2026-07-06 21:00", "America/New_York"),
        Reason::OutsideWindow, "TCPA 08:00-21:00", at("2026-07-07 08:00", "America/New_York"));

    // Rule 5: 208 spans Mountain (Boise) and Pacific time.
    const LeadFacts idaho = lead("+12085550100");
    row("rule 5: 208 at 21:30 Boise / 20:30 Los Angeles", idaho, at("2026-07-06 21:30", "America/Boise"),
        Reason::OutsideWindow, "outside calling window in America/Boise (Monday 21:30 local",
        at("2026-07-07 08:00", "America/Los_Angeles"));
    row("rule 5: 208 at 20:30 Boise / 19:30 Los Angeles", idaho, at("2026-07-06 20:30", "America/Boise"),
        Reason::Callable, "callable");
    row("rule 5: 208 at 07:40 Los Angeles / 08:40 Boise", idaho, at("2026-07-06 07:40", "America/Los_Angeles"),
        Reason::OutsideWindow, "outside calling window in America/Los_Angeles (Monday 07:40 local",
        at("2026-07-06 08:00", "America/Los_Angeles"));

    // Rules 2 and 3: Florida.
    const qint64 fl = at("2026-07-06 12:00", "America/New_York");
    LeadFacts florida = lead("+13055550100");
    row("rule 2: Florida 20:15", florida, at("2026-07-06 20:15", "America/New_York"), Reason::OutsideWindow,
        "Florida 08:00-20:00", at("2026-07-07 08:00", "America/New_York"));
    florida.history = { call(fl - 20 * Hour, "no_answer"), call(fl - 10 * Hour, "no_answer") };
    row("rule 3: Florida third contact in 24 h", florida, fl, Reason::Callable, "callable", fl);
    florida.history.append(call(fl - 5 * Hour, "no_answer"));
    row("rule 3: Florida fourth contact in 24 h", florida, fl, Reason::ContactCapReached,
        "Florida: 3 contacts in 24 h reached", fl + 4 * Hour);
    florida.history[0].atMs = fl - 25 * Hour;
    row("rule 3: Florida contact 25 h ago no longer counts", florida, fl, Reason::Callable, "callable");
    florida.history[0].atMs = fl - 20 * Hour;
    florida.history[0].campaignId = 8;
    row("rule 3: Florida contact on another subject", florida, fl, Reason::Callable, "callable");
    LeadFacts maryland = lead("+14105550100");
    for (int i = 1; i <= 3; ++i)
        maryland.history.append({ fl - i * Hour, Channel::Sms, QStringLiteral("sent"), 7 });
    row("rule 3: Maryland texts count as contacts", maryland, fl, Reason::ContactCapReached,
        "Maryland: 3 contacts in 24 h reached", fl + 21 * Hour, Channel::Sms);
    row("rule 2: Washington 20:30", lead("+12065550100"), at("2026-07-06 20:30", "America/Los_Angeles"),
        Reason::OutsideWindow, "Washington 08:00-20:00");
    row("rule 2: Oklahoma by the lead's address, number in New York", lead("+12125550100", "", "Oklahoma"),
        at("2026-07-06 20:30", "America/New_York"), Reason::OutsideWindow, "Oklahoma 08:00-20:00");

    // Rule 4: Texas, Alabama, Louisiana, Mississippi, Canada, the vendor table.
    const LeadFacts texas = lead("+15125550100");
    row("rule 4: Texas 11:00 on a Sunday", texas, at("2026-07-05 11:00", "America/Chicago"),
        Reason::OutsideWindow, "Texas Sunday 12:00-21:00", at("2026-07-05 12:00", "America/Chicago"));
    row("rule 4: Texas 12:00 on a Sunday", texas, at("2026-07-05 12:00", "America/Chicago"), Reason::Callable,
        "callable");
    row("rule 4: Texas 08:30 on a Monday", texas, at("2026-07-06 08:30", "America/Chicago"),
        Reason::OutsideWindow, "Texas Mon-Sat 09:00-21:00");
    row("rule 4: Alabama on a Sunday", lead("+12055550100"), at("2026-07-05 14:00", "America/Chicago"),
        Reason::OutsideWindow, "Alabama: no calls on Sunday", at("2026-07-06 08:00", "America/Chicago"));
    row("rule 4: Alabama on Thanksgiving", lead("+12055550100"), at("2026-11-26 14:00", "America/Chicago"),
        Reason::OutsideWindow, "Alabama: no calls on holidays", at("2026-11-27 08:00", "America/Chicago"));
    row("rule 4: Louisiana on a Sunday", lead("+15045550100"), at("2026-07-05 14:00", "America/Chicago"),
        Reason::OutsideWindow, "Louisiana: no calls on Sunday");
    row("rule 4: Mississippi on a Sunday", lead("+16015550100"), at("2026-07-05 14:00", "America/Chicago"),
        Reason::OutsideWindow, "Mississippi: no calls on Sunday");
    row("rule 4: Mississippi on Thanksgiving may call", lead("+16015550100"), at("2026-11-26 14:00", "America/Chicago"),
        Reason::Callable, "callable");
    const LeadFacts toronto = lead("+14165550100");
    row("rule 4: Canada 09:15 on a Saturday", toronto, at("2026-07-04 09:15", "America/Toronto"),
        Reason::OutsideWindow, "Canada weekends 10:00-18:00", at("2026-07-04 10:00", "America/Toronto"));
    row("rule 4: Canada 18:30 on a Saturday", toronto, at("2026-07-04 18:30", "America/Toronto"),
        Reason::OutsideWindow, "Canada weekends 10:00-18:00", at("2026-07-05 10:00", "America/Toronto"));
    row("rule 4: Canada 08:30 on a Monday", toronto, at("2026-07-06 08:30", "America/Toronto"),
        Reason::OutsideWindow, "Canada weekdays 09:00-21:30");
    row("rule 4: Canada 09:15 on a Monday", toronto, at("2026-07-06 09:15", "America/Toronto"), Reason::Callable,
        "callable");
    row("rule 4: Connecticut 08:30", lead("+12035550100"), at("2026-07-06 08:30", "America/New_York"),
        Reason::OutsideWindow, "Connecticut 09:00-20:00");
    row("rule 4: Kentucky 09:30", lead("+15025550100"), at("2026-07-06 09:30", "America/New_York"),
        Reason::OutsideWindow, "Kentucky 10:00-21:00");
    row("rule 4: Michigan 08:30", lead("+13135550100"), at("2026-07-06 08:30", "America/New_York"),
        Reason::OutsideWindow, "Michigan 09:00-21:00");

    // DST: the local time comes from the zone's rules at the instant, never a fixed offset.
    row("DST start New York: 12:30 UTC is 08:30 EDT", ny, utc("2026-03-08 12:30"), Reason::Callable, "callable");
    row("DST start New York: 11:30 UTC is 07:30 EDT", ny, utc("2026-03-08 11:30"), Reason::OutsideWindow,
        "(Sunday 07:30 local", utc("2026-03-08 12:00"));
    row("DST end New York: 01:30 UTC is 20:30 EST", ny, utc("2026-11-02 01:30"), Reason::Callable, "callable");
    row("DST end New York: next day opens 08:00 EST", ny, at("2026-10-31 21:30", "America/New_York"),
        Reason::OutsideWindow, "(Saturday 21:30 local", utc("2026-11-01 13:00"));
    const LeadFacts berlin = lead("+493012345678", "", "", "UTC");
    row("DST start Berlin: 06:30 UTC is 08:30 CEST", berlin, utc("2026-03-29 06:30"), Reason::Callable, "callable");
    row("DST start Berlin: next day opens 08:00 CEST", berlin, utc("2026-03-28 20:30"), Reason::OutsideWindow,
        "outside calling window in Europe/Berlin (Saturday 21:30 local", utc("2026-03-29 06:00"));
    row("DST end Berlin: 19:30 UTC is 20:30 CET", berlin, utc("2026-10-25 19:30"), Reason::Callable, "callable");
    row("DST end Berlin: next day opens 08:00 CET", berlin, utc("2026-10-24 20:00"), Reason::OutsideWindow,
        "(Saturday 22:00 local", utc("2026-10-25 07:00"));

    // Toll-free numbers: the lead's own zone, else the client's.
    row("toll-free: the lead's own zone", lead("+18005550100", "America/Chicago"),
        at("2026-07-06 07:30", "America/Chicago"), Reason::OutsideWindow,
        "outside calling window in America/Chicago (Monday 07:30 local", at("2026-07-06 08:00", "America/Chicago"));
    row("toll-free: the client's zone", lead("+18885550100", "", "", "America/Los_Angeles"),
        at("2026-07-06 07:30", "America/Los_Angeles"), Reason::OutsideWindow,
        "outside calling window in America/Los_Angeles");
    LeadFacts noZone = lead("+18005550100", "", "", "");
    row("toll-free without any zone", noZone, t, Reason::NoTimeZone, "no usable time zone");

    // Rule 6: consent.
    LeadFacts noConsent = ny;
    noConsent.consents.clear();
    row("rule 6: no consent", noConsent, t, Reason::NoConsent, "no consent record");
    LeadFacts verbal = ny;
    verbal.consents.first().type = QStringLiteral("verbal");
    row("rule 6: verbal consent for a sales call", verbal, t, Reason::NoWrittenConsent, "no written consent");
    CallingSettings express = settings(t);
    express.consentRequired = ConsentRequirement::Express;
    row("rule 6: verbal consent where express suffices", verbal, express, t, Reason::Callable, "callable");
    LeadFacts noSource = ny;
    noSource.consents.first().source.clear();
    row("rule 6: consent without a source", noSource, t, Reason::NoConsent, "no consent record");
    LeadFacts revoked = ny;
    revoked.consents.first().revokedAtMs = t - Hour;
    row("rule 6: consent revoked", revoked, t, Reason::NoConsent, "no consent record");
    LeadFacts later = ny;
    later.consents.first().atMs = t + Hour;
    row("rule 6: consent given after the instant", later, t, Reason::NoConsent, "no consent record");

    // Rules 8, 10, 11: opt-outs and DNC.
    LeadFacts retry = ny;
    retry.history = { call(t - 4 * Hour, "no_answer") };
    row("rule 14: retry due exactly now", retry, t, Reason::Callable, "callable", t);
    retry.optOuts = { { t - Minute, QStringLiteral("sms") } };
    row("rule 8: opt-out by SMS a minute before a retry", retry, t, Reason::OptedOut, "opted out by SMS at", -1);
    LeadFacts dnc = ny;
    dnc.onInternalDnc = true;
    row("rule 10: on internal DNC", dnc, t, Reason::InternalDnc, "on internal DNC", -1);
    LeadFacts national = ny;
    national.onNationalDnc = true;
    row("rule 11: on the national DNC list", national, t, Reason::NationalDnc, "on the national DNC list");
    CallingSettings stale = settings(t);
    stale.nationalDncSnapshot = QDate(2026, 6, 4); // 32 days before 6 July
    row("rule 11: national DNC snapshot 32 days old", ny, stale, t, Reason::DncSnapshotStale,
        "national DNC snapshot older than 31 days (2026-06-04)");
    stale.nationalDncSnapshot = QDate(2026, 6, 5);
    row("rule 11: national DNC snapshot 31 days old", ny, stale, t, Reason::Callable, "callable");
    stale.nationalDncSnapshot = QDate();
    row("rule 11: no national DNC snapshot", ny, stale, t, Reason::DncSnapshotStale, "no national DNC snapshot");
    stale.telemarketing = false;
    row("rule 11: informational campaign needs no snapshot", ny, stale, t, Reason::Callable, "callable");
    LeadFacts tps = lead("+442071234567", "", "", "Europe/London");
    tps.onTps = true;
    const qint64 london = at("2026-07-06 12:00", "Europe/London");
    row("rule 11: UK number on TPS", tps, london, Reason::TpsListed, "TPS");
    LeadFacts abandoned = lead("+442071234567", "", "", "Europe/London");
    abandoned.history = { call(london - 48 * Hour, "abandoned") };
    row("rule 12: UK re-dial 48 h after an abandoned call", abandoned, london, Reason::UkAbandonedRedial,
        "no re-dial within 72 h", london + 24 * Hour);

    // Attempts, retries, callbacks, calls in flight, statuses, the campaign's window and days.
    LeadFacts used = ny;
    used.callAttempts = 6;
    row("attempts used up", used, t, Reason::AttemptsUsedUp, "attempts used up (6 of 6)", -1);
    LeadFacts voicemail = ny;
    voicemail.history = { call(t - 2 * Hour, "voicemail") };
    row("retry after voicemail not yet due", voicemail, t, Reason::RetryNotDue,
        "retry not yet due until 2026-07-07 12:00 UTC", t + 22 * Hour);
    LeadFacts busy = ny;
    busy.history = { call(t - 10 * Minute, "busy") };
    row("retry after busy due in 20 minutes", busy, t, Reason::RetryNotDue, "retry not yet due", t + 20 * Minute);
    LeadFacts inFlight = ny;
    inFlight.callInFlight = true;
    row("call in flight", inFlight, t, Reason::CallInFlight, "call in flight", -1);
    LeadFacts callback = ny;
    callback.status = QStringLiteral("callback");
    callback.callbackAtMs = at("2026-07-06 22:30", "America/New_York");
    row("callback asked for 22:30 moves into the next window", callback, t, Reason::CallbackNotDue,
        "callback due at", at("2026-07-07 08:00", "America/New_York"));
    LeadFacts booked = ny;
    booked.status = QStringLiteral("booked");
    row("status booked is not callable", booked, t, Reason::StatusNotCallable, "status booked", -1);
    row("no phone", lead(""), t, Reason::NoPhone, "no usable phone number", -1);
    CallingSettings narrow = settings(t);
    narrow.windowStart = QTime(10, 30);
    narrow.windowEnd = QTime(17, 0);
    row("campaign window narrows the legal one", ny, narrow, t, Reason::OutsideWindow,
        "campaign window 10:30-17:00", t + 30 * Minute);
    CallingSettings wide = settings(t);
    wide.windowStart = QTime(6, 0);
    wide.windowEnd = QTime(23, 0);
    row("campaign window never widens the legal one", ny, wide, at("2026-07-06 07:00", "America/New_York"),
        Reason::OutsideWindow, "TCPA 08:00-21:00");
    CallingSettings weekdays = settings(t);
    weekdays.callingDays = 0x1f;
    row("campaign does not call on Saturdays", ny, weekdays, at("2026-07-04 12:00", "America/New_York"),
        Reason::OutsideWindow, "campaign does not call on Saturday", at("2026-07-06 08:00", "America/New_York"));
}

void tst_CallingRules::evaluates()
{
    QFETCH(LeadFacts, facts);
    QFETCH(CallingSettings, settings);
    QFETCH(qint64, atMs);
    QFETCH(Channel, channel);
    QFETCH(Reason, reason);
    QFETCH(QString, text);
    QFETCH(qint64, next);

    const Verdict verdict = CallingRules::evaluate(facts, settings, atMs, channel);
    QVERIFY2(verdict.text.contains(text), qPrintable(verdict.text));
    QCOMPARE(reasonCode(verdict.reason), reasonCode(reason));
    QCOMPARE(verdict.callable, reason == Reason::Callable);
    if (next != NoCheck)
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(verdict.nextCallableAtMs, Qt::UTC),
                 QDateTime::fromMSecsSinceEpoch(next, Qt::UTC));
    if (verdict.nextCallableAtMs >= 0) // the promised instant really is callable
        QVERIFY(CallingRules::evaluate(facts, settings, verdict.nextCallableAtMs, channel).callable);
}

void tst_CallingRules::candidatesFollowTheStoredColumns()
{
    // 208 spans zones: all of them, whatever single zone the import stored.
    CandidatePlaces places = Candidates::forLead(QStringLiteral("+12085550100"), QStringLiteral("America/Boise"),
                                                 QStringLiteral("ID"), QStringLiteral("Europe/Paris"));
    QCOMPARE(places.zones, QStringList({ QStringLiteral("America/Boise"), QStringLiteral("America/Denver"),
                                         QStringLiteral("America/Los_Angeles") }));
    QCOMPARE(places.states, QStringList { QStringLiteral("ID") });
    QVERIFY(!places.tollFree);
    // The address adds its zone and state.
    places = Candidates::forLead(QStringLiteral("+13055550100"), QStringLiteral("America/Chicago"),
                                 QStringLiteral("Texas"), QStringLiteral("UTC"));
    QCOMPARE(places.zones, QStringList({ QStringLiteral("America/New_York"), QStringLiteral("America/Chicago") }));
    QCOMPARE(places.states, QStringList({ QStringLiteral("FL"), QStringLiteral("TX") }));
    // Toll-free: the lead's zone, else the client's; bad ids are dropped.
    places = Candidates::forLead(QStringLiteral("+18775550100"), QStringLiteral("Not/AZone"), QString(),
                                 QStringLiteral("America/Denver"));
    QCOMPARE(places.zones, QStringList { QStringLiteral("America/Denver") });
    QVERIFY(places.tollFree);
    QCOMPARE(Candidates::stateCode(QStringLiteral("florida")), QStringLiteral("FL"));
    QCOMPARE(Candidates::stateCode(QStringLiteral("San Francisco, CA")), QStringLiteral("CA"));
    QCOMPARE(Candidates::stateCode(QStringLiteral("Bavaria")), QString());
}

QTEST_GUILESS_MAIN(tst_CallingRules)
#include "tst_callingrules.moc"
