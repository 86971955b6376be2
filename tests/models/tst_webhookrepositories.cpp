#include <common/testdatabase.h>

#include <models/repositories/appointmentrepository.h>
#include <models/repositories/calllogrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/invoicerepository.h>
#include <models/repositories/leadprogressrepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/milestonerepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/repositories/reminderrepository.h>
#include <models/repositories/usagerepository.h>

#include <QtTest>

#include <limits>

using namespace Callvia;
using namespace Callvia::Models;

// Round trips of the repositories that webhook events write, their merge rules and tenant scope.
class tst_WebhookRepositories : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void callLogUpsertMergesWithoutErasing_data() { Tests::TestDatabase::addBackendRows(); }
    void callLogUpsertMergesWithoutErasing();
    void usageOncePerCall_data() { Tests::TestDatabase::addBackendRows(); }
    void usageOncePerCall();
    void appointmentRoundTripAndTerminalStatus_data() { Tests::TestDatabase::addBackendRows(); }
    void appointmentRoundTripAndTerminalStatus();
    void remindersFollowReschedule_data() { Tests::TestDatabase::addBackendRows(); }
    void remindersFollowReschedule();
    void invoiceAndMilestoneRoundTrip_data() { Tests::TestDatabase::addBackendRows(); }
    void invoiceAndMilestoneRoundTrip();
    void messageRoundTripAndForwardOnlyStatus_data() { Tests::TestDatabase::addBackendRows(); }
    void messageRoundTripAndForwardOnlyStatus();
    void optOutRoundTripAndLookup_data() { Tests::TestDatabase::addBackendRows(); }
    void optOutRoundTripAndLookup();
    void leadProgressOnlyMovesForward_data() { Tests::TestDatabase::addBackendRows(); }
    void leadProgressOnlyMovesForward();
    void clientScopeSeesOnlyItsRows_data() { Tests::TestDatabase::addBackendRows(); }
    void clientScopeSeesOnlyItsRows();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

namespace {

struct Fixture
{
    qint64 client = 0;
    qint64 campaign = 0;
    qint64 lead = 0;
};

Fixture fixture(Database &db, const Clock &clock, const QString &name = QStringLiteral("Sunrise Dental"),
                const QString &phone = QStringLiteral("+14155550123"))
{
    Fixture f;
    ClientRecord client;
    client.name = name;
    f.client = ClientRepository(db, clock, TenantScope::agency()).insert(client).valueOr(0);
    CampaignRecord campaign;
    campaign.clientId = f.client;
    campaign.name = QStringLiteral("Spring");
    f.campaign = CampaignRepository(db, clock, TenantScope::agency()).insert(campaign).valueOr(0);
    LeadRecord lead;
    lead.clientId = f.client;
    lead.campaignId = f.campaign;
    lead.phoneE164 = phone;
    f.lead = LeadRepository(db, clock, TenantScope::agency()).insert(lead).valueOr(0);
    return f;
}

} // namespace

void tst_WebhookRepositories::callLogUpsertMergesWithoutErasing()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    QVERIFY(f.lead > 0);
    CallLogRepository calls(db, m_clock, TenantScope::agency());
    CallLogRecord first;
    first.retellCallId = QStringLiteral("call_1");
    first.clientId = f.client;
    first.leadId = f.lead;
    first.campaignId = f.campaign;
    first.fromNumber = QStringLiteral("+14155550100");
    first.toNumber = QStringLiteral("+14155550123");
    first.callStatus = QStringLiteral("ended");
    first.startedAt = 1000;
    first.endedAt = 61'000;
    first.durationMs = 60'000;
    first.durationSeconds = 60;
    first.transcript = QStringLiteral("Agent: Hi");
    first.sentiment = QStringLiteral("Positive");
    first.outcome = QStringLiteral("appointment_set");
    first.callSuccessful = 1;
    first.inVoicemail = 0;
    const DbResult<qint64> id = calls.upsert(first);
    QVERIFY2(id.ok(), qPrintable(id.error().message()));
    // A later partial event (no transcript, no lead, status "ongoing") erases nothing.
    CallLogRecord partial;
    partial.retellCallId = QStringLiteral("call_1");
    partial.callStatus = QStringLiteral("ongoing");
    partial.recordingUrl = QStringLiteral("https://rec.example/1");
    const DbResult<qint64> again = calls.upsert(partial);
    QVERIFY(again.ok());
    QCOMPARE(again.value(), id.value());
    const CallLogRecord row = calls.find(id.value()).value();
    QCOMPARE(row.clientId, f.client);
    QCOMPARE(row.leadId, f.lead);
    QCOMPARE(row.campaignId, f.campaign);
    QCOMPARE(row.callStatus, QStringLiteral("ended"));
    QCOMPARE(row.durationMs, 60'000);
    QCOMPARE(row.durationSeconds, 60);
    QCOMPARE(row.transcript, QStringLiteral("Agent: Hi"));
    QCOMPARE(row.recordingUrl, QStringLiteral("https://rec.example/1"));
    QCOMPARE(row.sentiment, QStringLiteral("Positive"));
    QCOMPARE(row.outcome, QStringLiteral("appointment_set"));
    QCOMPARE(row.callSuccessful, 1);
    QCOMPARE(row.inVoicemail, 0);
    QCOMPARE(calls.findByRetellId(QStringLiteral("call_1")).value().id, id.value());
    QCOMPARE(calls.findByRetellId(QStringLiteral("nope")).error().kind(), DbError::NotFound);
    QCOMPARE(calls.listUnmatched().value().size(), 0);
    CallLogRecord stray;
    stray.retellCallId = QStringLiteral("call_2");
    QVERIFY(calls.upsert(stray).ok());
    QCOMPARE(calls.listUnmatched().value().size(), 1);
    QCOMPARE(calls.find(calls.findByRetellId(QStringLiteral("call_2")).value().id).value().durationMs, -1);
}

void tst_WebhookRepositories::usageOncePerCall()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    CallLogRecord call;
    call.retellCallId = QStringLiteral("call_1");
    call.clientId = f.client;
    const qint64 callId = CallLogRepository(db, m_clock, TenantScope::agency()).upsert(call).valueOr(0);
    UsageRepository usage(db, m_clock, TenantScope::agency());
    UsageRecord r;
    r.clientId = f.client;
    r.callLogId = callId;
    r.campaignId = f.campaign;
    r.seconds = 61;
    r.rateCentsPerMinute = 20;
    r.costCents = UsageRepository::costCents(61, 20);
    r.occurredAt = 5000;
    QCOMPARE(usage.recordForCall(r).valueOr(false), true);
    r.costCents = 999;
    QCOMPARE(usage.recordForCall(r).valueOr(true), false);
    const UsageRecord stored = usage.findByCallLog(callId).value();
    QCOMPARE(stored.costCents, 21);
    QCOMPARE(stored.seconds, 61);
    QCOMPARE(stored.currency, QStringLiteral("usd"));
    QCOMPARE(usage.list(f.client, 0, 5001).value().size(), 1);
    QCOMPARE(usage.list(f.client, 5001, 9000).value().size(), 0);
    QCOMPARE(UsageRepository::costCents(std::numeric_limits<qint64>::max(), 1000) > 0, true); // saturates, no overflow
}

void tst_WebhookRepositories::appointmentRoundTripAndTerminalStatus()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    AppointmentRepository appointments(db, m_clock, TenantScope::agency());
    AppointmentRecord a;
    a.clientId = f.client;
    a.leadId = f.lead;
    a.campaignId = f.campaign;
    a.bookingUid = QStringLiteral("bk_1");
    a.bookingId = 201;
    a.title = QStringLiteral("Consultation");
    a.location = QStringLiteral("Cal Video");
    a.startsAt = 10'000'000;
    a.endsAt = 10'900'000;
    a.attendeeName = QStringLiteral("Ana");
    a.attendeeEmail = QStringLiteral("ana@example.com");
    a.attendeePhone = QStringLiteral("+14155550123");
    a.attendeeTimeZone = QStringLiteral("Europe/Lisbon");
    const DbResult<qint64> id = appointments.upsert(a);
    QVERIFY2(id.ok(), qPrintable(id.error().message()));
    AppointmentRecord back = appointments.find(id.value()).value();
    QCOMPARE(back.bookingUid, a.bookingUid);
    QCOMPARE(back.bookingId, 201);
    QCOMPARE(back.title, a.title);
    QCOMPARE(back.location, a.location);
    QCOMPARE(back.startsAt, a.startsAt);
    QCOMPARE(back.endsAt, a.endsAt);
    QCOMPARE(back.attendeeTimeZone, a.attendeeTimeZone);
    QCOMPARE(back.status, QStringLiteral("scheduled"));
    QVERIFY(!appointments.cancel(id.value(), QStringLiteral("sick")).isError());
    a.title.clear();
    a.status = QStringLiteral("scheduled"); // a late "created" cannot revive it
    QCOMPARE(appointments.upsert(a).valueOr(0), id.value());
    back = appointments.findByUid(QStringLiteral("bk_1")).value();
    QCOMPARE(back.status, QStringLiteral("cancelled"));
    QCOMPARE(back.cancellationReason, QStringLiteral("sick"));
    QCOMPARE(back.title, QStringLiteral("Consultation"));
    QVERIFY(!appointments.moveTo(id.value(), QStringLiteral("bk_2"), QStringLiteral("bk_1"), 20'000'000, 20'900'000).isError());
    QCOMPARE(appointments.isSuperseded(QStringLiteral("bk_1")).valueOr(false), true);
    QCOMPARE(appointments.isSuperseded(QStringLiteral("bk_2")).valueOr(true), false);
    QCOMPARE(appointments.findByUid(QStringLiteral("bk_2")).value().previousBookingUid, QStringLiteral("bk_1"));
    QCOMPARE(AppointmentRepository::statusRank(QStringLiteral("pending")), 0);
    QCOMPARE(AppointmentRepository::statusRank(QStringLiteral("no_show")), 2);
}

void tst_WebhookRepositories::remindersFollowReschedule()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    AppointmentRecord a;
    a.clientId = f.client;
    a.bookingUid = QStringLiteral("bk_1");
    const qint64 now = m_clock.nowMs();
    a.startsAt = now + 3 * 3'600'000; // in 3 h
    a.endsAt = a.startsAt;
    const qint64 appointment = AppointmentRepository(db, m_clock, TenantScope::agency()).upsert(a).valueOr(0);
    ReminderRepository reminders(db, m_clock, TenantScope::agency());
    QCOMPARE(reminders.scheduleFor(appointment, f.client, a.startsAt).valueOr(-1), 2);
    QList<ReminderRecord> rows = reminders.listForAppointment(appointment).value();
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.at(0).offsetMinutes, 1440);
    QCOMPARE(rows.at(0).status, QStringLiteral("skipped"));
    QCOMPARE(rows.at(3).offsetMinutes, 15);
    QCOMPARE(rows.at(3).dueAt, a.startsAt - 900'000);
    QCOMPARE(rows.at(3).status, QStringLiteral("scheduled"));
    // Moved two days later: all four are in the future again; then cancelled.
    QCOMPARE(reminders.scheduleFor(appointment, f.client, a.startsAt + 2 * 86'400'000).valueOr(-1), 4);
    QCOMPARE(reminders.listForAppointment(appointment).value().at(0).status, QStringLiteral("scheduled"));
    QCOMPARE(reminders.due(now + 86'400'000 + 3 * 3'600'000).value().size(), 2);
    QCOMPARE(reminders.cancelPending(appointment).valueOr(-1), 4);
    QCOMPARE(reminders.due(std::numeric_limits<qint64>::max()).value().size(), 0);
    QCOMPARE(reminders.scheduleFor(appointment, f.client, a.startsAt).valueOr(-1), 2); // revived only by scheduling
}

void tst_WebhookRepositories::invoiceAndMilestoneRoundTrip()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    InvoiceRepository invoices(db, m_clock, TenantScope::agency());
    InvoiceRecord invoice;
    invoice.clientId = f.client;
    invoice.kind = QStringLiteral("milestone");
    invoice.amountCents = 200000;
    invoice.description = QStringLiteral("Milestone 1");
    const qint64 id = invoices.insert(invoice).valueOr(0);
    QVERIFY(id > 0);
    MilestoneRepository milestones(db, m_clock, TenantScope::agency());
    MilestoneRecord milestone;
    milestone.clientId = f.client;
    milestone.sequence = 1;
    milestone.status = QStringLiteral("invoiced");
    milestone.invoiceId = id;
    const qint64 milestoneId = milestones.insert(milestone).valueOr(0);
    QVERIFY(milestoneId > 0);
    InvoiceRepository::StatusUpdate open;
    open.status = QStringLiteral("open");
    open.stripeInvoiceId = QStringLiteral("in_1");
    open.number = QStringLiteral("CV-1");
    QCOMPARE(invoices.applyProviderStatus(id, open).valueOr(false), true);
    InvoiceRepository::StatusUpdate paid;
    paid.status = QStringLiteral("paid");
    paid.paidAt = 7000;
    QCOMPARE(invoices.applyProviderStatus(id, paid).valueOr(false), true);
    QCOMPARE(invoices.applyProviderStatus(id, open).valueOr(true), false);
    const InvoiceRecord back = invoices.findByStripeId(QStringLiteral("in_1")).value();
    QCOMPARE(back.id, id);
    QCOMPARE(back.status, QStringLiteral("paid"));
    QCOMPARE(back.number, QStringLiteral("CV-1"));
    QCOMPARE(back.paidAt, 7000);
    QCOMPARE(back.amountCents, 200000);
    QCOMPARE(back.description, QStringLiteral("Milestone 1"));
    QCOMPARE(milestones.markPaidByInvoice(id).valueOr(-1), 1);
    QCOMPARE(milestones.markPaidByInvoice(id).valueOr(-1), 0);
    QCOMPARE(milestones.find(milestoneId).value().status, QStringLiteral("paid"));
    QCOMPARE(milestones.listForClient(f.client).value().size(), 1);
    InvoiceRepository::StatusUpdate bogus;
    bogus.status = QStringLiteral("refunded");
    QCOMPARE(invoices.applyProviderStatus(id, bogus).error().kind(), DbError::Invalid);
}

void tst_WebhookRepositories::messageRoundTripAndForwardOnlyStatus()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    MessageRepository messages(db, m_clock, TenantScope::agency());
    MessageRecord m;
    m.clientId = f.client;
    m.leadId = f.lead;
    m.channel = QStringLiteral("sms");
    m.toAddress = QStringLiteral("+14155550123");
    m.body = QStringLiteral("Reminder");
    m.templateName = QStringLiteral("reminder-2h");
    m.status = QStringLiteral("sent");
    m.provider = QStringLiteral("messagebird");
    m.providerMessageId = QStringLiteral("mb_1");
    const qint64 id = messages.insert(m).valueOr(0);
    QVERIFY(id > 0);
    const MessageRecord back = messages.find(id).value();
    QCOMPARE(back.templateName, m.templateName);
    QCOMPARE(back.body, m.body);
    QCOMPARE(back.leadId, f.lead);
    QCOMPARE(messages.applyDeliveryStatus(QStringLiteral("messagebird"), QStringLiteral("mb_1"), QStringLiteral("delivered"), 9000).valueOr(-1), 1);
    QCOMPARE(messages.applyDeliveryStatus(QStringLiteral("messagebird"), QStringLiteral("mb_1"), QStringLiteral("buffered"), 8000).valueOr(-1), 0);
    QCOMPARE(messages.applyDeliveryStatus(QStringLiteral("messagebird"), QStringLiteral("mb_x"), QStringLiteral("delivered"), 9000).valueOr(-1), 0);
    QCOMPARE(messages.findByProviderId(QStringLiteral("messagebird"), QStringLiteral("mb_1")).value().first().status, QStringLiteral("delivered"));
    QCOMPARE(messages.find(id).value().deliveredAt, 9000);
    QCOMPARE(messages.applyDeliveryStatus(QStringLiteral("messagebird"), QStringLiteral("mb_1"), QStringLiteral("teleported"), 1).error().kind(),
             DbError::Invalid);
}

void tst_WebhookRepositories::optOutRoundTripAndLookup()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    const Fixture g = fixture(db, m_clock, QStringLiteral("Bright Smiles"), QStringLiteral("+14155550999"));
    OptOutRepository optOuts(db, m_clock, TenantScope::agency());
    OptOutRecord sms;
    sms.clientId = f.client;
    sms.phoneE164 = QStringLiteral("+14155550123");
    sms.channel = QStringLiteral("sms");
    sms.source = QStringLiteral("manual");
    QCOMPARE(optOuts.add(sms).valueOr(false), true);
    QCOMPARE(optOuts.add(sms).valueOr(true), false);
    OptOutRecord email;
    email.email = QStringLiteral("Ana@Example.com");
    email.channel = QStringLiteral("all");
    email.source = QStringLiteral("email_unsubscribe");
    QCOMPARE(optOuts.add(email).valueOr(false), true);
    const QList<OptOutRecord> rows = optOuts.list().value();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1).email, QStringLiteral("ana@example.com"));
    QCOMPARE(rows.at(1).clientId, 0);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+14155550123"), QStringLiteral("sms"), f.client).valueOr(false), true);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+14155550123"), QStringLiteral("call"), f.client).valueOr(true), false);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+14155550123"), QStringLiteral("sms"), g.client).valueOr(true), false);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("ANA@example.com "), QStringLiteral("email"), g.client).valueOr(false), true);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("ana@example.com"), QStringLiteral("sms"), 0).valueOr(false), true);
    QCOMPARE(optOuts.isOptedOut(QString(), QStringLiteral("sms"), 0).valueOr(true), false);
    OptOutRecord nothing;
    nothing.source = QStringLiteral("manual");
    QCOMPARE(optOuts.add(nothing).error().kind(), DbError::Invalid);
    // A client user sees its own and the agency-wide opt-outs, not another client's.
    QCOMPARE(OptOutRepository(db, m_clock, TenantScope::client(g.client)).list().value().size(), 1);
}

void tst_WebhookRepositories::leadProgressOnlyMovesForward()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    LeadProgressRepository progress(db, m_clock, TenantScope::agency());
    LeadRepository leads(db, m_clock, TenantScope::agency());
    QCOMPARE(progress.advanceStatus(f.lead, QStringLiteral("booked")).valueOr(false), true);
    QCOMPARE(progress.advanceStatus(f.lead, QStringLiteral("contacted")).valueOr(true), false);
    QCOMPARE(progress.advanceStatus(f.lead, QStringLiteral("callback"), 1234).valueOr(true), false);
    QCOMPARE(leads.find(f.lead).value().status, QStringLiteral("booked"));
    QCOMPARE(leads.find(f.lead).value().callbackAt, 0);
    QCOMPARE(progress.advanceStatus(f.lead, QStringLiteral("dnc")).valueOr(false), true);
    QCOMPARE(progress.advanceStatus(f.lead, QStringLiteral("shown")).valueOr(true), false);
    QCOMPARE(progress.advanceStatus(f.lead, QStringLiteral("nonsense")).error().kind(), DbError::Invalid);
    QVERIFY(!progress.noteContacted(f.lead, 5000).isError());
    QVERIFY(!progress.noteContacted(f.lead, 4000).isError());
    QCOMPARE(leads.find(f.lead).value().lastContactedAt, 5000);
    const Fixture g = fixture(db, m_clock, QStringLiteral("Bright Smiles"), QStringLiteral("+14155550999"));
    QCOMPARE(progress.markDoNotContactByPhone(QStringLiteral("+14155550999")).valueOr(-1), 1);
    QCOMPARE(leads.find(g.lead).value().status, QStringLiteral("dnc"));
    QStringList order { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("callback"),
                        QStringLiteral("not_interested"), QStringLiteral("no_show"), QStringLiteral("booked"),
                        QStringLiteral("shown"), QStringLiteral("dnc") };
    for (int i = 0; i < order.size(); ++i)
        QCOMPARE(LeadProgressRepository::statusRank(order.at(i)), i);
}

void tst_WebhookRepositories::clientScopeSeesOnlyItsRows()
{
    CALLVIA_TEST_DATABASE(db);
    const Fixture f = fixture(db, m_clock);
    const Fixture g = fixture(db, m_clock, QStringLiteral("Bright Smiles"), QStringLiteral("+14155550999"));
    CallLogRecord call;
    call.retellCallId = QStringLiteral("call_g");
    call.clientId = g.client;
    const qint64 callId = CallLogRepository(db, m_clock, TenantScope::agency()).upsert(call).valueOr(0);
    QVERIFY(callId > 0);
    const TenantScope scopeF = TenantScope::client(f.client);
    QCOMPARE(CallLogRepository(db, m_clock, scopeF).find(callId).error().kind(), DbError::NotFound);
    QCOMPARE(CallLogRepository(db, m_clock, scopeF).upsert(call).error().kind(), DbError::NotFound);
    QCOMPARE(CallLogRepository(db, m_clock, TenantScope::client(g.client)).find(callId).value().retellCallId, call.retellCallId);
    InvoiceRecord invoice;
    invoice.clientId = g.client;
    invoice.kind = QStringLiteral("manual");
    invoice.stripeInvoiceId = QStringLiteral("in_g");
    QCOMPARE(InvoiceRepository(db, m_clock, scopeF).insert(invoice).error().kind(), DbError::NotFound);
    const qint64 invoiceId = InvoiceRepository(db, m_clock, TenantScope::agency()).insert(invoice).valueOr(0);
    QCOMPARE(InvoiceRepository(db, m_clock, scopeF).findByStripeId(QStringLiteral("in_g")).error().kind(), DbError::NotFound);
    InvoiceRepository::StatusUpdate paid;
    paid.status = QStringLiteral("paid");
    QCOMPARE(InvoiceRepository(db, m_clock, scopeF).applyProviderStatus(invoiceId, paid).error().kind(), DbError::NotFound);
    QCOMPARE(InvoiceRepository(db, m_clock, TenantScope::agency()).find(invoiceId).value().status, QStringLiteral("draft"));
    QCOMPARE(LeadProgressRepository(db, m_clock, scopeF).advanceStatus(g.lead, QStringLiteral("booked")).valueOr(true), false);
    // An unmatched booking attributed to client G (no lead yet) waits for staff to link it: the
    // agency lists it, no client scope does (not G's users, and never F's).
    AppointmentRecord unmatched;
    unmatched.clientId = g.client;
    unmatched.bookingUid = QStringLiteral("unmatched-g");
    unmatched.startsAt = m_clock.nowMs() + 86'400'000;
    unmatched.endsAt = unmatched.startsAt + 1'800'000;
    QVERIFY(AppointmentRepository(db, m_clock, TenantScope::agency()).upsert(unmatched).ok());
    QCOMPARE(AppointmentRepository(db, m_clock, scopeF).listUnmatched().value().size(), 0);
    QCOMPARE(AppointmentRepository(db, m_clock, TenantScope::client(g.client)).listUnmatched().value().size(), 0);
    QVERIFY(AppointmentRepository(db, m_clock, TenantScope::agency()).listUnmatched().value().size() >= 1);
}

QTEST_GUILESS_MAIN(tst_WebhookRepositories)
#include "tst_webhookrepositories.moc"
