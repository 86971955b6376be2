#include "demodata.h"

#include <models/repositories/appointmentrepository.h>
#include <models/repositories/calllogrepository.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/eventrepository.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/invoicerepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/messagerepository.h>
#include <models/repositories/milestonerepository.h>
#include <models/repositories/billingrepository.h>
#include <models/repositories/outboxrepository.h>
#include <models/repositories/usagerepository.h>
#include <services/billing/usageinvoiceservice.h>
#include <services/webhooks/clientattribution.h>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <QRandomGenerator>
#include <QStringList>

#include <algorithm>

namespace Callvia::Services {

using namespace Models;

namespace {

const char *const firstNames[] = { "Ana", "James", "Maria", "Robert", "Linda", "Michael", "Sofia", "David",
                                   "Emma", "Daniel", "Olivia", "Carlos", "Grace", "Henry", "Chloe", "Noah",
                                   "Isabel", "Lucas", "Mia", "Ethan", "Ava", "Samuel", "Zoe", "Owen" };
const char *const lastNames[] = { "Silva", "Johnson", "Garcia", "Smith", "Brown", "Martinez", "Lee", "Walker",
                                  "Young", "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams",
                                  "Baker", "Nelson", "Carter", "Mitchell", "Perez", "Roberts", "Turner", "Phillips" };
const char *const companies[] = { "Sunrise Dental", "Peak Roofing", "Bay Realty", "Harbor HVAC", "Oak Law Group",
                                  "Blue Sky Solar", "Maple Insurance", "Cedar Fitness" };

struct DemoClient
{
    const char *name;
    const char *email;
    const char *timeZone;
    const char *areaCodes;
    qint64 rateCents;
};

const DemoClient demoClients[] = {
    { "Sunrise Dental Group", "ops@sunrisedental.example", "America/Los_Angeles", "415,510,650,408", 20 },
    { "Peak Roofing Co.", "office@peakroofing.example", "America/Denver", "303,720,719", 20 },
    { "Harbor HVAC Services", "dispatch@harborhvac.example", "America/New_York", "212,718,917,646", 22 },
    { "Blue Sky Solar", "sales@blueskysolar.example", "America/Chicago", "312,773,872", 18 },
};

const char *const campaignNames[] = { "Spring reactivation", "New patient outreach", "Estimate follow-up",
                                      "Webinar no-shows" };

// Weighted statuses so every stage of the funnel is visible.
QString pickStatus(QRandomGenerator &rng)
{
    const int roll = int(rng.bounded(100));
    if (roll < 38)
        return QStringLiteral("new");
    if (roll < 60)
        return QStringLiteral("contacted");
    if (roll < 68)
        return QStringLiteral("callback");
    if (roll < 78)
        return QStringLiteral("booked");
    if (roll < 86)
        return QStringLiteral("shown");
    if (roll < 90)
        return QStringLiteral("no_show");
    if (roll < 97)
        return QStringLiteral("not_interested");
    return QStringLiteral("dnc");
}

// The reminder messages a past demo appointment went through, as the providers reported them:
// 24 h SMS and e-mail, 2 h and 15 min SMS, mostly delivered (an e-mail bounces now and then), and
// for a shown lead the "YES" they replied. Only for the demo; live rows come from the outbox.
DbError addReminderHistory(Database &database, const Clock &clock, QRandomGenerator &rng, const ClientRecord &client,
                           const LeadRecord &lead, qint64 leadId, qint64 appointmentId, qint64 startsAt)
{
    const MessageRepository messages(database, clock, TenantScope::agency());
    struct Step
    {
        int minutesBefore;
        const char *channel;
        const char *templateName;
    };
    const Step steps[] = { { 1440, "sms", "reminder_24h" }, { 1440, "email", "reminder_24h" },
                           { 120, "sms", "reminder_2h" },   { 15, "sms", "reminder_15m" } };
    int n = 0;
    for (const Step &step : steps) {
        MessageRecord m;
        m.clientId = lead.clientId;
        m.leadId = leadId;
        m.appointmentId = appointmentId;
        m.channel = QString::fromLatin1(step.channel);
        const bool email = m.channel == QLatin1String("email");
        m.toAddress = email ? lead.email : lead.phoneE164;
        m.fromAddress = email ? QStringLiteral("reminders@callvia.example") : QStringLiteral("+14155550100");
        m.subject = email ? QStringLiteral("Your appointment with %1").arg(client.name) : QString();
        m.body = QStringLiteral("Hi %1, a reminder of your appointment with %2. Reply YES to confirm. Reply STOP to opt out.")
                         .arg(lead.firstName, client.name);
        m.templateName = QString::fromLatin1(step.templateName);
        m.provider = email ? QStringLiteral("sendgrid") : QStringLiteral("messagebird");
        m.providerMessageId = QStringLiteral("demo-%1-%2").arg(appointmentId).arg(++n);
        m.sentAt = startsAt - qint64(step.minutesBefore) * 60'000;
        const bool bounced = email && rng.bounded(10) == 0;
        m.status = bounced ? QStringLiteral("bounced") : QStringLiteral("delivered");
        m.deliveredAt = bounced ? 0 : m.sentAt + 2000 + qint64(rng.bounded(20000));
        m.error = bounced ? QStringLiteral("550 5.1.1 mailbox unavailable") : QString();
        m.createdAt = m.sentAt;
        m.updatedAt = m.sentAt;
        if (const DbResult<qint64> id = messages.insert(m); !id.ok())
            return id.error();
        if (step.minutesBefore == 1440 && !email && lead.status == QLatin1String("shown")) {
            MessageRecord reply = m;
            reply.direction = QStringLiteral("inbound");
            reply.toAddress = m.fromAddress;
            reply.fromAddress = lead.phoneE164;
            reply.body = QStringLiteral("Yes");
            reply.templateName.clear();
            reply.status = QStringLiteral("received");
            reply.providerMessageId = QStringLiteral("demo-%1-reply").arg(appointmentId);
            reply.sentAt = m.sentAt + 600'000;
            reply.deliveredAt = 0;
            reply.createdAt = reply.sentAt;
            reply.updatedAt = reply.sentAt;
            if (const DbResult<qint64> id = messages.insert(reply); !id.ok())
                return id.error();
        }
    }
    return {};
}

// The call that brought a lead to its status, its usage record, and for booked, shown and
// no-show leads the appointment. Times are spread over the last 60 days.
// A demo webhook already applied: stored after the rows, in the order it arrived.
struct DemoEvent
{
    NewEvent event;
    qint64 receivedAt = 0;
    qint64 clientId = 0;
    QString unattributedReason; // with clientId 0
};

// The webhook Retell sent when it finished analysing a demo call, in its documented shape
// (integrations.md: event + call), as the journal shows it; applied for the call's client.
DemoEvent callEvent(const CallLogRecord &call)
{
    const QJsonObject custom { { QStringLiteral("outcome"), call.outcome } };
    const QJsonObject body {
        { QStringLiteral("event"), QStringLiteral("call_analyzed") },
        { QStringLiteral("call"),
          QJsonObject { { QStringLiteral("call_id"), call.retellCallId },
                        { QStringLiteral("agent_id"), call.agentId },
                        { QStringLiteral("direction"), QStringLiteral("outbound") },
                        { QStringLiteral("from_number"), call.fromNumber },
                        { QStringLiteral("to_number"), call.toNumber },
                        { QStringLiteral("call_status"), call.callStatus },
                        { QStringLiteral("start_timestamp"), double(call.startedAt) },
                        { QStringLiteral("end_timestamp"), double(call.endedAt) },
                        { QStringLiteral("duration_ms"), double(call.durationMs) },
                        { QStringLiteral("disconnection_reason"), call.disconnectionReason },
                        { QStringLiteral("transcript"), call.transcript },
                        { QStringLiteral("metadata"),
                          QJsonObject { { QStringLiteral("client_id"), QString::number(call.clientId) },
                                        { QStringLiteral("campaign_id"), QString::number(call.campaignId) },
                                        { QStringLiteral("lead_id"), QString::number(call.leadId) } } },
                        { QStringLiteral("call_analysis"),
                          QJsonObject { { QStringLiteral("call_summary"), call.summary },
                                        { QStringLiteral("user_sentiment"), call.sentiment },
                                        { QStringLiteral("call_successful"), call.callSuccessful == 1 },
                                        { QStringLiteral("custom_analysis_data"), custom } } } } }
    };
    const NewEvent event { QStringLiteral("retell"), call.retellCallId + QStringLiteral(":call_analyzed"),
                           QStringLiteral("call_analyzed"), QStringLiteral("call:") + call.retellCallId,
                           QJsonDocument(body).toJson(QJsonDocument::Compact) };
    return { event, call.endedAt + 4000, call.clientId, {} };
}

// A booking for a Cal.com event type no client has in its settings: stored, changed nothing,
// waiting in the journal's "Unattributed" filter for staff to map the id and replay it.
DemoEvent unattributedBooking(const Clock &clock)
{
    const qint64 created = clock.nowMs() - 3 * 3'600'000;
    const QString start = QDateTime::fromMSecsSinceEpoch(created + 2 * 86'400'000, QTimeZone::utc())
                                  .toString(Qt::ISODateWithMs);
    const QString createdAt = QDateTime::fromMSecsSinceEpoch(created, QTimeZone::utc()).toString(Qt::ISODateWithMs);
    const QJsonObject body {
        { QStringLiteral("triggerEvent"), QStringLiteral("BOOKING_CREATED") },
        { QStringLiteral("createdAt"), createdAt },
        { QStringLiteral("payload"),
          QJsonObject { { QStringLiteral("uid"), QStringLiteral("demo-unmapped-1") },
                        { QStringLiteral("eventTypeId"), 4711 },
                        { QStringLiteral("title"), QStringLiteral("Intro call") },
                        { QStringLiteral("startTime"), start },
                        { QStringLiteral("endTime"), start },
                        { QStringLiteral("organizer"),
                          QJsonObject { { QStringLiteral("email"), QStringLiteral("front.desk@unknown-clinic.example") } } },
                        { QStringLiteral("attendees"),
                          QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("Dana Whitfield") },
                                                     { QStringLiteral("email"), QStringLiteral("dana@example.com") } } } } } }
    };
    const NewEvent event { QStringLiteral("calcom"), QStringLiteral("BOOKING_CREATED:demo-unmapped-1:") + createdAt,
                           QStringLiteral("BOOKING_CREATED"), QStringLiteral("booking:demo-unmapped-1"),
                           QJsonDocument(body).toJson(QJsonDocument::Compact) };
    return { event, created, 0,
             QStringLiteral("no client is mapped to Cal.com event_type_id 4711, organizer front.desk@unknown-clinic.example") };
}

DbError addActivity(Database &database, const Clock &clock, QRandomGenerator &rng, const ClientRecord &client,
                    const LeadRecord &lead, qint64 leadId, int *shownCount, QList<DemoEvent> *events)
{
    if (lead.status == QLatin1String("new") || lead.status == QLatin1String("dnc"))
        return {};
    const qint64 day = 86'400'000;
    const qint64 startedAt = clock.nowMs() - qint64(rng.bounded(60)) * day - qint64(rng.bounded(36000)) * 1000;
    const qint64 durationMs = lead.status == QLatin1String("contacted") ? 8000 + qint64(rng.bounded(40000))
                                                                         : 45000 + qint64(rng.bounded(240000));
    CallLogRecord call;
    call.clientId = lead.clientId;
    call.leadId = leadId;
    call.campaignId = lead.campaignId;
    call.retellCallId = QStringLiteral("call_demo_%1").arg(leadId);
    call.agentId = QStringLiteral("agent_demo");
    call.fromNumber = QStringLiteral("+14155550100");
    call.toNumber = lead.phoneE164;
    call.callStatus = QStringLiteral("ended");
    call.startedAt = startedAt;
    call.endedAt = startedAt + durationMs;
    call.durationMs = durationMs;
    call.durationSeconds = UsageRepository::billedSeconds(durationMs);
    call.disconnectionReason = QStringLiteral("user_hangup");
    call.transcript = QStringLiteral("Agent: Hi %1, this is Ava calling for %2.\nUser: Hi, yes.").arg(lead.firstName, client.name);
    call.sentiment = lead.status == QLatin1String("not_interested") ? QStringLiteral("Negative") : QStringLiteral("Positive");
    const bool booked = lead.status == QLatin1String("booked") || lead.status == QLatin1String("shown")
            || lead.status == QLatin1String("no_show");
    call.outcome = booked ? QStringLiteral("appointment_set")
                          : lead.status == QLatin1String("callback") ? QStringLiteral("callback_requested")
                          : lead.status == QLatin1String("not_interested") ? QStringLiteral("not_interested")
                                                                           : QStringLiteral("other");
    call.summary = QStringLiteral("Demo call: %1.").arg(call.outcome);
    call.callSuccessful = booked ? 1 : 0;
    call.inVoicemail = 0;
    const DbResult<qint64> callId = CallLogRepository(database, clock, TenantScope::agency()).upsert(call);
    if (!callId.ok())
        return callId.error();
    UsageRecord usage;
    usage.clientId = lead.clientId;
    usage.callLogId = callId.value();
    usage.campaignId = lead.campaignId;
    usage.seconds = call.durationSeconds;
    usage.rateCentsPerMinute = client.perMinuteRateCents;
    usage.costCents = UsageRepository::costCents(usage.seconds, usage.rateCentsPerMinute);
    usage.occurredAt = call.endedAt;
    if (const DbResult<bool> written = UsageRepository(database, clock, TenantScope::agency()).recordForCall(usage); !written.ok())
        return written.error();
    // Every fifth call's analysis webhook in the journal (by id: the random sequence stays as it was).
    call.id = callId.value();
    if (leadId % 5 == 0)
        events->append(callEvent(call));
    if (!booked)
        return {};
    AppointmentRecord appointment;
    appointment.clientId = lead.clientId;
    appointment.leadId = leadId;
    appointment.campaignId = lead.campaignId;
    appointment.bookingUid = QStringLiteral("demo-booking-%1").arg(leadId);
    appointment.title = QStringLiteral("Consultation with %1 %2").arg(lead.firstName, lead.lastName);
    appointment.location = QStringLiteral("Phone");
    const qint64 offset = lead.status == QLatin1String("booked") ? qint64(1 + rng.bounded(14)) * day
                                                                : -qint64(3 + rng.bounded(50)) * day;
    // On the half hour between 14:00 and 22:30 UTC (business hours across the US time zones).
    appointment.startsAt = (clock.nowMs() + offset) / day * day + (28 + qint64(rng.bounded(18))) * 1'800'000;
    appointment.endsAt = appointment.startsAt + 1'800'000;
    appointment.attendeeName = lead.firstName + QLatin1Char(' ') + lead.lastName;
    appointment.attendeeEmail = lead.email;
    appointment.attendeePhone = lead.phoneE164;
    appointment.attendeeTimeZone = lead.timeZone;
    appointment.status = lead.status == QLatin1String("booked") ? QStringLiteral("scheduled") : lead.status;
    appointment.verification = lead.status == QLatin1String("shown") ? QStringLiteral("client_confirmed")
                             : lead.status == QLatin1String("no_show") ? QStringLiteral("no_show")
                                                                        : QStringLiteral("pending");
    if (lead.status == QLatin1String("shown"))
        ++*shownCount;
    // Booked during the call that set it: the row's created_at is the call's end, so the
    // dashboard's "appointments booked" spreads over the demo's 60 days like the calls.
    appointment.createdAt = call.endedAt;
    const DbResult<qint64> appointmentId = AppointmentRepository(database, clock, TenantScope::agency()).upsert(appointment);
    if (!appointmentId.ok())
        return appointmentId.error();
    if (offset > 0)
        return {}; // upcoming: the demo schedules no real reminders (its phone numbers are made up)
    return addReminderHistory(database, clock, rng, client, lead, leadId, appointmentId.value(), appointment.startsAt);
}

// Milestones as the billing passes leave them: one per 25 shows reached, each linking its 25
// earliest shows (so the rest count toward the next one), the first paid and a later one open
// (invoiced). Usage: one invoice per ended month in the client's time zone with its records
// linked (UsageInvoiceService's rounding and line summary), the older paid and last month's
// open; this month's calls stay unbilled ("so far this month"). The client at `failingIndex`
// gets last month's invoice failed at Stripe instead (failUsageInvoice, after the commit).
const char *const demoHostedPage = "https://invoice.stripe.com/i/acct_demo/";

DbError addMilestones(Database &database, const Clock &clock, const ClientRecord &client, qint64 clientId, int shown)
{
    const qint64 day = 86'400'000;
    InvoiceRepository invoices(database, clock, TenantScope::agency());
    MilestoneRepository milestones(database, clock, TenantScope::agency());
    const BillingRepository billing(database, clock, TenantScope::agency());
    const int reached = shown / client.milestoneSize;
    for (int sequence = 1; sequence <= reached; ++sequence) {
        const bool paid = sequence < reached || reached == 1;
        const qint64 at = clock.nowMs() - qint64(4 + 20 * (reached - sequence)) * day;
        InvoiceRecord invoice;
        invoice.clientId = clientId;
        invoice.kind = QStringLiteral("milestone");
        invoice.stripeInvoiceId = QStringLiteral("in_demo_%1_%2").arg(clientId).arg(sequence);
        invoice.number = QStringLiteral("DEMO-%1-%2").arg(clientId).arg(sequence, 4, 10, QLatin1Char('0'));
        invoice.status = paid ? QStringLiteral("paid") : QStringLiteral("open");
        invoice.amountCents = client.milestoneAmountCents;
        invoice.currency = client.currency;
        invoice.description = QStringLiteral("Milestone %1: %2 shown appointments").arg(sequence).arg(client.milestoneSize);
        invoice.hostedUrl = QString::fromLatin1(demoHostedPage) + invoice.stripeInvoiceId;
        invoice.createdAt = at;
        invoice.sentAt = at + 60'000;
        invoice.paidAt = paid ? at + 3 * day : 0;
        const DbResult<qint64> invoiceId = invoices.insert(invoice);
        if (!invoiceId.ok())
            return invoiceId.error();
        MilestoneRecord milestone;
        milestone.clientId = clientId;
        milestone.sequence = sequence;
        milestone.showsRequired = client.milestoneSize;
        milestone.amountCents = client.milestoneAmountCents;
        milestone.currency = client.currency;
        milestone.status = paid ? QStringLiteral("paid") : QStringLiteral("invoiced");
        milestone.reachedAt = at;
        milestone.invoiceId = invoiceId.value();
        milestone.createdAt = at;
        const DbResult<qint64> id = milestones.insert(milestone);
        if (!id.ok())
            return id.error();
        if (DbResult<int> linked = billing.linkShows(clientId, id.value(), client.milestoneSize); !linked.ok())
            return linked.error();
        if (DbError error = billing.setInvoiceBilling(invoiceId.value(),
                                                      QStringLiteral("milestone:%1:%2").arg(clientId).arg(sequence), 0, 0))
            return error;
    }
    return {};
}

const char *const demoStripeError =
        "HTTP 400: invalid_request_error/resource_missing: No such customer: 'cus_demo2'";

// Returns the failing invoice's id (0 when none) in *failedInvoice, its step key in *failedKey.
DbError addUsageInvoices(Database &database, const Clock &clock, const ClientRecord &client, qint64 clientId,
                         bool failLast, qint64 *failedInvoice, QString *failedKey)
{
    const qint64 day = 86'400'000;
    const QTimeZone zone = UsageInvoiceService::zoneOf(client.timeZone);
    const qint64 thisMonth = UsageInvoiceService::monthStartMs(clock.nowMs(), zone);
    const BillingRepository billing(database, clock, TenantScope::agency());
    InvoiceRepository invoices(database, clock, TenantScope::agency());
    for (int back = 3; back >= 1; --back) {
        const qint64 from = UsageInvoiceService::monthStartMs(clock.nowMs(), zone, -back);
        const qint64 to = UsageInvoiceService::monthStartMs(clock.nowMs(), zone, -back + 1);
        const DbResult<QList<UsageLine>> lines = billing.unbilledUsage(clientId, from, to);
        if (!lines.ok())
            return lines.error();
        if (lines.value().isEmpty())
            continue;
        qint64 amount = 0, calls = 0, seconds = 0;
        QStringList summary;
        for (const UsageLine &line : lines.value()) {
            amount += UsageInvoiceService::amountCents(line.seconds, line.rateCentsPerMinute);
            calls += line.calls;
            seconds += line.seconds;
            summary << UsageInvoiceService::lineSummary(line, client.currency);
        }
        const QString month = QDateTime::fromMSecsSinceEpoch(from, zone).date().toString(QStringLiteral("yyyy-MM"));
        const bool last = to == thisMonth;
        const bool failed = last && failLast;
        InvoiceRecord invoice;
        invoice.clientId = clientId;
        invoice.kind = QStringLiteral("usage");
        invoice.amountCents = amount;
        invoice.currency = client.currency;
        invoice.periodStart = from;
        invoice.periodEnd = to;
        invoice.description = QStringLiteral("Call minutes %1 (%2): %3")
                                      .arg(month, QString::fromUtf8(zone.id()), summary.join(QStringLiteral("; ")));
        invoice.createdAt = to + 3'600'000; // the pass runs just after the month ends
        if (!failed) { // a failed one never reached Stripe: a draft without Stripe's id or number
            invoice.stripeInvoiceId = QStringLiteral("in_demo_usage_%1_%2").arg(clientId).arg(month);
            invoice.number = QStringLiteral("DEMO-%1-U%2").arg(clientId).arg(month);
            invoice.hostedUrl = QString::fromLatin1(demoHostedPage) + invoice.stripeInvoiceId;
            invoice.status = last ? QStringLiteral("open") : QStringLiteral("paid");
            invoice.sentAt = invoice.createdAt + 60'000;
            invoice.paidAt = last ? 0 : invoice.createdAt + 5 * day;
        }
        const DbResult<qint64> id = invoices.insert(invoice);
        if (!id.ok())
            return id.error();
        const QString ref = QStringLiteral("usage:%1:%2").arg(clientId).arg(month);
        if (DbError error = billing.setInvoiceBilling(id.value(), ref, calls, seconds))
            return error;
        if (failed) {
            const QString key = ref + QStringLiteral(":invoice");
            if (const DbResult<bool> moved = billing.moveStep(id.value(), QString(), QStringLiteral("invoice"), key);
                !moved.ok())
                return moved.error();
            OutboxItem item;
            item.kind = QStringLiteral("stripe");
            item.clientId = clientId;
            item.idempotencyKey = key;
            item.payload = QJsonObject { { QStringLiteral("method"), QStringLiteral("POST") },
                                         { QStringLiteral("path"), QStringLiteral("/v1/invoices") } };
            item.dueAt = invoice.createdAt;
            if (const DbResult<qint64> queued = OutboxRepository(database, clock, TenantScope::agency()).enqueue(item);
                !queued.ok())
                return queued.error();
            *failedInvoice = id.value();
            *failedKey = key;
        }
        if (DbResult<int> linked = billing.linkUsage(clientId, from, to, id.value()); !linked.ok())
            return linked.error();
    }
    return {};
}

// The demo's failed invoice, as the Stripe pass leaves it when Stripe refuses a request with a
// 4xx: its "invoice" step's outbox row failed with Stripe's message, copied to the invoice. Runs
// after the demo's transaction (claiming a row is a transaction of its own) and before any
// dispatcher starts; an admin sees it under "Failed" and may retry it.
DbError failStripeStep(Database &database, const Clock &clock, qint64 invoiceId, const QString &key)
{
    const OutboxRepository outbox(database, clock, TenantScope::agency());
    const DbResult<QList<OutboxRecord>> claimed
            = outbox.claimDue(QStringLiteral("stripe"), QStringLiteral("demo"), clock.nowMs(), 10);
    if (!claimed.ok())
        return claimed.error();
    QList<OutboxOutcome> outcomes;
    for (const OutboxRecord &row : claimed.value()) {
        OutboxOutcome outcome;
        outcome.id = row.id;
        outcome.provider = QStringLiteral("stripe");
        outcome.status = row.idempotencyKey == key ? QStringLiteral("failed") : QStringLiteral("pending");
        outcome.countAttempt = row.idempotencyKey == key;
        outcome.httpStatus = row.idempotencyKey == key ? 400 : 0;
        outcome.lastError = row.idempotencyKey == key ? QString::fromLatin1(demoStripeError) : QString();
        outcomes << outcome;
    }
    if (const DbResult<int> n = outbox.finish(QStringLiteral("demo"), outcomes); !n.ok())
        return n.error();
    return BillingRepository(database, clock, TenantScope::agency())
            .recordStepError(invoiceId, QStringLiteral("Stripe invoice failed: ") + QString::fromLatin1(demoStripeError));
}

// What the providers vouch for, mapped to the demo client (client-first attribution, issue 20):
// each campaign's Retell agent, a Retell caller number and a MessageBird number (555-01xx,
// reserved for fiction), a Cal.com event type and the client's e-mail as organizer.
DbError mapTrustedIds(Database &database, const Clock &clock, qint64 clientId, int clientIndex, int campaignCount,
                      const QString &areaCode, const QString &organizer)
{
    QList<ClientProviderId> ids;
    for (int c = 0; c < campaignCount; ++c)
        ids.append({ clientId, QStringLiteral("retell"), QStringLiteral("agent_id"),
                     QStringLiteral("agent_demo_%1_%2").arg(clientIndex).arg(c) });
    // "%1555" would read as placeholder %15: build the numbers without arg().
    const QString exchange = QStringLiteral("+1") + areaCode + QStringLiteral("55501");
    ids.append({ clientId, QStringLiteral("retell"), QStringLiteral("number"),
                 exchange + QString::number(10 + clientIndex) });
    ids.append({ clientId, QStringLiteral("messagebird"), QStringLiteral("number"),
                 exchange + QString::number(50 + clientIndex) });
    ids.append({ clientId, QStringLiteral("calcom"), QStringLiteral("event_type_id"), QString::number(1000 + clientIndex) });
    ids.append({ clientId, QStringLiteral("calcom"), QStringLiteral("organizer"), organizer });
    const ClientProviderIdRepository repository(database, clock, TenantScope::agency());
    for (ClientProviderId &id : ids) {
        QString error;
        id.value = ClientAttribution::normalize(id.provider, id.kind, id.value, &error);
        if (id.value.isEmpty())
            return { DbError::Invalid, QStringLiteral("demo mapping: ") + error };
        if (DbError added = repository.add(id))
            return added;
    }
    return {};
}

} // namespace

DemoData::DemoData(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

DbResult<bool> DemoData::isEmpty() const
{
    ClientRepository clients(m_database, m_clock, TenantScope::agency());
    DbResult<QList<ClientRecord>> all = clients.list(true);
    if (!all.ok())
        return all.error();
    return all.value().isEmpty();
}

DbError DemoData::load() const
{
    QRandomGenerator rng(20261128);
    ClientRepository clients(m_database, m_clock, TenantScope::agency());
    CampaignRepository campaigns(m_database, m_clock, TenantScope::agency());
    LeadRepository leads(m_database, m_clock, TenantScope::agency());
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    int clientIndex = 0;
    QList<DemoEvent> events;
    qint64 failedInvoice = 0;
    QString failedKey;
    for (const DemoClient &demo : demoClients) {
        ClientRecord client;
        client.name = QString::fromUtf8(demo.name);
        client.contactEmail = QString::fromUtf8(demo.email);
        client.timeZone = QString::fromUtf8(demo.timeZone);
        client.perMinuteRateCents = demo.rateCents;
        client.stripeCustomerId = QStringLiteral("cus_demo%1").arg(clientIndex + 1);
        DbResult<qint64> clientId = clients.insert(client);
        if (!clientId.ok())
            return clientId.error();
        const QStringList areaCodes = QString::fromUtf8(demo.areaCodes).split(QLatin1Char(','));
        const int campaignCount = 2 + clientIndex % 2;
        if (DbError error = mapTrustedIds(m_database, m_clock, clientId.value(), clientIndex, campaignCount,
                                          areaCodes.first(), client.contactEmail))
            return error;
        int subscriber = 0;
        int shown = 0;
        for (int c = 0; c < campaignCount; ++c) {
            CampaignRecord campaign;
            campaign.clientId = clientId.value();
            campaign.name = QString::fromUtf8(campaignNames[(clientIndex + c) % 4]);
            campaign.status = c == 0 ? QStringLiteral("active") : (c == 1 ? QStringLiteral("paused")
                                                                           : QStringLiteral("draft"));
            campaign.retellAgentId = QStringLiteral("agent_demo_%1_%2").arg(clientIndex).arg(c);
            DbResult<qint64> campaignId = campaigns.insert(campaign);
            if (!campaignId.ok())
                return campaignId.error();
            const int leadCount = 300 + int(rng.bounded(500));
            for (int i = 0; i < leadCount; ++i, ++subscriber) {
                LeadRecord lead;
                lead.clientId = clientId.value();
                lead.campaignId = campaignId.value();
                lead.firstName = QString::fromUtf8(firstNames[rng.bounded(24)]);
                lead.lastName = QString::fromUtf8(lastNames[rng.bounded(24)]);
                // +1 NPA 555 XXXX in the client's area codes. (Built by concatenation: in "+1%1555%2"
                // QString::arg reads "%15" as placeholder 15, which garbled most demo numbers.)
                const QString areaCode = areaCodes.at(subscriber % areaCodes.size());
                lead.phoneE164 = QStringLiteral("+1") + areaCode + QStringLiteral("555")
                        + QString::number(1000 + subscriber).rightJustified(4, QLatin1Char('0'));
                lead.email = QStringLiteral("%1.%2.%3@example.com")
                                     .arg(lead.firstName.toLower(), lead.lastName.toLower())
                                     .arg(subscriber);
                lead.company = QString::fromUtf8(companies[rng.bounded(8)]);
                lead.timeZone = client.timeZone;
                lead.status = c == 2 ? QStringLiteral("new") : pickStatus(rng);
                lead.consentType = QStringLiteral("written");
                lead.consentAt = m_clock.nowMs() - qint64(rng.bounded(90)) * 86'400'000;
                lead.consentSource = QStringLiteral("web form");
                lead.createdAt = lead.consentAt;
                DbResult<qint64> leadId = leads.insert(lead);
                if (!leadId.ok())
                    return leadId.error();
                if (DbError error = addActivity(m_database, m_clock, rng, client, lead, leadId.value(), &shown, &events))
                    return error;
            }
        }
        if (DbError error = addMilestones(m_database, m_clock, client, clientId.value(), shown))
            return error;
        if (DbError error = addUsageInvoices(m_database, m_clock, client, clientId.value(), clientIndex == 1,
                                             &failedInvoice, &failedKey))
            return error;
        ++clientIndex;
    }
    // The journal in arrival order, as the listener would have stored it.
    events.append(unattributedBooking(m_clock));
    std::sort(events.begin(), events.end(),
              [](const DemoEvent &a, const DemoEvent &b) { return a.receivedAt < b.receivedAt; });
    const EventRepository journal(m_database);
    for (const DemoEvent &each : std::as_const(events))
        if (DbError error = journal.insertApplied(each.event, each.receivedAt, each.clientId, each.unattributedReason))
            return error;
    if (DbError error = transaction.commit())
        return error;
    return failedInvoice ? failStripeStep(m_database, m_clock, failedInvoice, failedKey) : DbError();
}

} // namespace Callvia::Services
