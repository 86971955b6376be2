#pragma once

#include <models/dberror.h>
#include <models/tenantscope.h>

#include <QDate>
#include <QString>
#include <QStringList>

namespace Callvia::Models {

class Clock;
class Database;

// A campaign's calling settings for the compliant dialer (table campaign_calling_settings,
// migration 020). A campaign without a row has the defaults of this struct. The Retell agent id
// and from-number are CampaignRecord fields. Windows are minutes after local midnight.
struct CampaignCallingSettings
{
    qint64 campaignId = 0;
    qint64 clientId = 0;
    int callingDays = 0x7f; // bit (ISO weekday - 1)
    int windowStartMinute = 8 * 60;
    int windowEndMinute = 21 * 60;
    int maxConcurrentCalls = 5;
    int callsPerMinute = 10;
    int maxAttempts = 6;
    qint64 retryNoAnswerSeconds = 4 * 3600;
    qint64 retryVoicemailSeconds = 24 * 3600;
    qint64 retryBusySeconds = 30 * 60;
    qint64 retryFailedSeconds = 3600;
    QStringList callableStatuses = { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("callback") };
    QString consentRequired = QStringLiteral("written"); // written | express
    bool telemarketing = true;
    QDate nationalDncSnapshot; // invalid = never scrubbed
    qint64 updatedAt = 0; // 0 = no row yet: the defaults
};

// Reads and writes campaign_calling_settings, validated (each message names the field).
class CallingSettingsRepository final
{
public:
    CallingSettingsRepository(Database &database, const Clock &clock, TenantScope scope);

    // The campaign's settings, or the defaults when it has no row yet.
    DbResult<CampaignCallingSettings> find(qint64 campaignId) const;
    // Inserts or replaces the campaign's row; clientId is taken from the campaign.
    DbError save(const CampaignCallingSettings &settings) const;

    // "" when valid, else one message naming the field ("Calling window start: ..."). An invalid
    // `today` skips the check that the snapshot date is not in the future.
    static QString validate(const CampaignCallingSettings &settings, QDate today);
    static QStringList allowedStatuses(); // lead statuses a campaign may call

    static constexpr int LegalStartMinute = 8 * 60;
    static constexpr int LegalEndMinute = 21 * 60;
    static constexpr qint64 MaxRetrySeconds = 30 * 24 * 3600;

private:
    Database &m_database;
    const Clock &m_clock;
    TenantScope m_scope;
};

} // namespace Callvia::Models
