#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

// Plain records, one per table row. Ids are qint64 (0 = not yet stored), instants are
// milliseconds since the Unix epoch in UTC (0 = unset), money is qint64 cents plus a currency.
namespace Callvia::Models {

struct ClientRecord
{
    qint64 id = 0;
    QString name;
    QString contactEmail;
    QString phone;
    QString stripeCustomerId;
    QString timeZone = QStringLiteral("UTC");
    qint64 perMinuteRateCents = 20;
    QString currency = QStringLiteral("usd");
    int milestoneSize = 25;
    qint64 milestoneAmountCents = 200000;
    QString status = QStringLiteral("active"); // active | archived
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct CampaignRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    QString name;
    QString description;
    QString status = QStringLiteral("draft"); // draft | active | paused | archived
    QString defaultRegion = QStringLiteral("US");
    QString retellAgentId;
    QString fromNumber;
    int dailyCallLimit = -1; // -1 = no limit
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

// Counts derived from leads and appointments by indexed queries (see README, "Campaign statistics").
struct CampaignStats
{
    qint64 campaignId = 0;
    qint64 leadsTotal = 0;
    qint64 fresh = 0; // status new
    qint64 contacted = 0; // contacted or any later stage reached through a call
    qint64 callback = 0;
    qint64 booked = 0;
    qint64 shown = 0;
    qint64 noShow = 0;
    qint64 notInterested = 0;
    qint64 dnc = 0;
};

struct LeadRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    qint64 campaignId = 0;
    QString firstName;
    QString lastName;
    QString phoneE164;
    QString phoneExtension;
    QString email;
    QString company;
    QString timeZone;
    QString region; // state / province when known
    QString notes;
    QString customFieldsJson;
    QString status = QStringLiteral("new");
    qint64 callbackAt = 0;
    int callAttempts = 0;
    qint64 lastContactedAt = 0;
    QString consentType;
    qint64 consentAt = 0;
    QString consentSource;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct CallLogRecord
{
    qint64 id = 0;
    qint64 clientId = 0; // 0 = unmatched call
    qint64 leadId = 0;
    qint64 campaignId = 0;
    QString retellCallId;
    QString agentId;
    QString direction = QStringLiteral("outbound");
    QString fromNumber;
    QString toNumber;
    QString callStatus;
    qint64 startedAt = 0;
    qint64 endedAt = 0;
    qint64 durationMs = -1;
    qint64 durationSeconds = -1;
    QString transcript;
    QString recordingUrl;
    QString disconnectionReason;
    QString summary;
    QString sentiment;
    QString outcome;
    qint64 callbackAt = 0;
    int callSuccessful = -1; // -1 unknown, 0, 1
    int inVoicemail = -1;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct AppointmentRecord
{
    qint64 id = 0;
    qint64 clientId = 0; // 0 = unmatched booking
    qint64 leadId = 0;
    qint64 campaignId = 0;
    QString provider = QStringLiteral("calcom");
    QString bookingUid;
    qint64 bookingId = 0;
    QString previousBookingUid;
    QString title;
    QString location;
    qint64 startsAt = 0;
    qint64 endsAt = 0;
    QString attendeeName;
    QString attendeeEmail;
    QString attendeePhone;
    QString attendeeTimeZone;
    QString status = QStringLiteral("scheduled");
    QString verification = QStringLiteral("pending");
    qint64 verifiedAt = 0;
    qint64 verifiedBy = 0;
    QString cancellationReason;
    qint64 milestoneId = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct MessageRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    qint64 leadId = 0;
    qint64 appointmentId = 0;
    qint64 outboxId = 0;
    QString channel; // sms | email
    QString direction = QStringLiteral("outbound");
    QString toAddress;
    QString fromAddress;
    QString subject;
    QString body;
    QString templateName;
    QString status = QStringLiteral("queued");
    QString provider;
    QString providerMessageId;
    QString error;
    qint64 sentAt = 0;
    qint64 deliveredAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct MilestoneRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    int sequence = 0;
    int showsRequired = 25;
    qint64 amountCents = 200000;
    QString currency = QStringLiteral("usd");
    QString status = QStringLiteral("reached"); // reached | invoiced | paid | void
    qint64 reachedAt = 0;
    qint64 invoiceId = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct InvoiceRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    QString kind; // milestone | usage | manual
    QString stripeInvoiceId;
    QString number;
    QString status = QStringLiteral("draft"); // draft | open | paid | uncollectible | void
    qint64 amountCents = 0;
    QString currency = QStringLiteral("usd");
    QString description;
    qint64 periodStart = 0;
    qint64 periodEnd = 0;
    QString hostedUrl;
    qint64 dueAt = 0;
    qint64 sentAt = 0;
    qint64 paidAt = 0;
    QString lastError;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct UsageRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    qint64 callLogId = 0;
    qint64 campaignId = 0;
    qint64 seconds = 0;
    qint64 rateCentsPerMinute = 20;
    qint64 costCents = 0;
    QString currency = QStringLiteral("usd");
    qint64 occurredAt = 0;
    qint64 invoiceId = 0;
    qint64 createdAt = 0;
};

struct EventRecord
{
    qint64 id = 0;
    QString provider; // retell | calcom | stripe | sendgrid | messagebird
    QString providerEventId;
    QString eventType;
    QString orderingKey; // events with the same key are applied in arrival order
    qint64 receivedAt = 0;
    QByteArray rawBody;
    QString status = QStringLiteral("pending"); // pending | processed | failed | ignored
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    QString lastError;
    qint64 processedAt = 0;
    bool unattributed = false; // mapped to no client: stored and processed without effect
    qint64 clientId = 0; // the client it was applied for (migration 028); 0 = none or not yet applied
};

struct OutboxRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    QString kind; // sms | email | stripe | retell_call
    QString idempotencyKey;
    QString payloadJson;
    QString status = QStringLiteral("pending"); // pending | in_flight | sent | failed | cancelled | unknown
    int attempts = 0;
    qint64 dueAt = 0;
    QString claimedBy;
    qint64 claimedAt = 0;
    QString lastError;
    QString providerRef;
    QString response;
    qint64 sentAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 nextAttemptAt = 0; // 0 = at due_at; a retry's backoff moves it (migration 010)
    QString provider; // sendgrid | messagebird | stripe | retell (set once sent to one)
    int httpStatus = 0; // the provider's last HTTP status, 0 = none (network error, not sent)
};

struct ReminderRecord
{
    qint64 id = 0;
    qint64 appointmentId = 0;
    qint64 clientId = 0;
    int offsetMinutes = 1440; // 1440 | 120 | 15
    QString channel; // sms | email
    qint64 dueAt = 0;
    QString status = QStringLiteral("scheduled"); // scheduled | queued | sent | skipped | cancelled | failed
    qint64 outboxId = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QString reason; // why skipped, cancelled or failed (issue 21)
    qint64 appointmentStartsAt = 0; // the start it was planned and sent for (issue 21)
};

struct OptOutRecord
{
    qint64 id = 0;
    qint64 clientId = 0; // 0 = agency-wide
    QString phoneE164;
    QString email;
    QString channel = QStringLiteral("all"); // all | sms | call | email
    QString source; // sms_reply | call_outcome | manual | import | email_unsubscribe
    QString reason;
    qint64 createdAt = 0;
};

struct UserRecord
{
    qint64 id = 0;
    qint64 clientId = 0; // set only for role client
    QString username;
    QString displayName;
    QString role; // admin | staff | client
    QString passwordHash;
    bool mustChangePassword = false;
    int failedAttempts = 0;
    qint64 lockedUntil = 0;
    bool disabled = false;
    qint64 lastLoginAt = 0;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct AuditRecord
{
    qint64 id = 0;
    qint64 userId = 0;
    QString username;
    qint64 clientId = 0;
    QString action;
    QString entity;
    QString entityId;
    QString beforeJson;
    QString afterJson;
    qint64 at = 0;
};

} // namespace Callvia::Models
