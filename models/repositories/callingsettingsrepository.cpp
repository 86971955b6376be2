#include "callingsettingsrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

#include <QDateTime>

namespace Callvia::Models {

namespace {

const QString columns = QStringLiteral(
        "calling_days, window_start_minute, window_end_minute, max_concurrent_calls, calls_per_minute, "
        "max_attempts, retry_no_answer_seconds, retry_voicemail_seconds, retry_busy_seconds, retry_failed_seconds, "
        "callable_statuses, consent_required, telemarketing, national_dnc_snapshot, updated_at");

// Reads the settings columns starting at column `first`.
void read(const QSqlQuery &q, int first, CampaignCallingSettings &s)
{
    const auto v = [&](int i) { return q.value(first + i); };
    s.callingDays = v(0).toInt();
    s.windowStartMinute = v(1).toInt();
    s.windowEndMinute = v(2).toInt();
    s.maxConcurrentCalls = v(3).toInt();
    s.callsPerMinute = v(4).toInt();
    s.maxAttempts = v(5).toInt();
    s.retryNoAnswerSeconds = v(6).toLongLong();
    s.retryVoicemailSeconds = v(7).toLongLong();
    s.retryBusySeconds = v(8).toLongLong();
    s.retryFailedSeconds = v(9).toLongLong();
    s.callableStatuses = v(10).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    s.consentRequired = v(11).toString();
    s.telemarketing = v(12).toInt() != 0;
    s.nationalDncSnapshot = q.isNull(first + 13) ? QDate() : QDate::fromString(v(13).toString(), Qt::ISODate);
    s.updatedAt = v(14).toLongLong();
}

QString clock(int minute)
{
    return QStringLiteral("%1:%2").arg(minute / 60, 2, 10, QLatin1Char('0')).arg(minute % 60, 2, 10, QLatin1Char('0'));
}

QString retryError(const QString &field, qint64 seconds)
{
    if (seconds < 0 || seconds > CallingSettingsRepository::MaxRetrySeconds)
        return QStringLiteral("%1: between 0 and 30 days").arg(field);
    return {};
}

} // namespace

CallingSettingsRepository::CallingSettingsRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

QStringList CallingSettingsRepository::allowedStatuses()
{
    // dnc and not_interested are opt-outs: never callable.
    return { QStringLiteral("new"), QStringLiteral("contacted"), QStringLiteral("callback"),
             QStringLiteral("booked"), QStringLiteral("shown"), QStringLiteral("no_show") };
}

QString CallingSettingsRepository::validate(const CampaignCallingSettings &s, QDate today)
{
    if (s.callingDays <= 0 || s.callingDays > 0x7f)
        return QStringLiteral("Calling days: choose at least one day");
    if (s.windowStartMinute < LegalStartMinute)
        return QStringLiteral("Calling window start: %1 is before the legal %2").arg(clock(s.windowStartMinute), clock(LegalStartMinute));
    if (s.windowEndMinute > LegalEndMinute)
        return QStringLiteral("Calling window end: %1 is after the legal %2").arg(clock(s.windowEndMinute), clock(LegalEndMinute));
    if (s.windowEndMinute <= s.windowStartMinute)
        return QStringLiteral("Calling window end: must be after the start (%1)").arg(clock(s.windowStartMinute));
    if (s.maxConcurrentCalls < 1 || s.maxConcurrentCalls > 500)
        return QStringLiteral("Maximum concurrent calls: between 1 and 500");
    if (s.callsPerMinute < 1 || s.callsPerMinute > 1000)
        return QStringLiteral("Calls per minute: between 1 and 1000");
    if (s.maxAttempts < 1 || s.maxAttempts > 50)
        return QStringLiteral("Maximum attempts per lead: between 1 and 50");
    for (const auto &[field, seconds] : { std::pair { QStringLiteral("Retry after no answer"), s.retryNoAnswerSeconds },
                                          std::pair { QStringLiteral("Retry after voicemail"), s.retryVoicemailSeconds },
                                          std::pair { QStringLiteral("Retry after busy"), s.retryBusySeconds },
                                          std::pair { QStringLiteral("Retry after failed call"), s.retryFailedSeconds } }) {
        if (QString error = retryError(field, seconds); !error.isEmpty())
            return error;
    }
    if (s.callableStatuses.isEmpty())
        return QStringLiteral("Callable lead statuses: choose at least one");
    for (const QString &status : s.callableStatuses) {
        if (!allowedStatuses().contains(status))
            return QStringLiteral("Callable lead statuses: %1 may not be called").arg(status);
    }
    if (s.consentRequired != QLatin1String("written") && s.consentRequired != QLatin1String("express"))
        return QStringLiteral("Consent required: written or express");
    if (s.nationalDncSnapshot.isValid() && today.isValid() && s.nationalDncSnapshot > today)
        return QStringLiteral("National DNC snapshot date: %1 is in the future").arg(s.nationalDncSnapshot.toString(Qt::ISODate));
    return {};
}

DbResult<CampaignCallingSettings> CallingSettingsRepository::find(qint64 campaignId) const
{
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("SELECT c.client_id, s.campaign_id, s.") + QString(columns).replace(QStringLiteral(", "), QStringLiteral(", s."))
                    + QStringLiteral(" FROM campaigns c LEFT JOIN campaign_calling_settings s ON s.campaign_id = c.id "
                                     "WHERE c.id = ?")
                    + Sql::scopeClause(m_scope, QStringLiteral("c.client_id")),
            { campaignId });
    if (!q.ok())
        return q.error();
    if (!q.value().next())
        return Sql::outOfScope();
    CampaignCallingSettings settings;
    settings.campaignId = campaignId;
    settings.clientId = q.value().value(0).toLongLong();
    if (!q.value().isNull(1))
        read(q.value(), 2, settings);
    return settings;
}

DbError CallingSettingsRepository::save(const CampaignCallingSettings &s) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("campaign calling settings"));
    const qint64 now = m_clock.nowMs();
    const QString error = validate(s, QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).date());
    if (!error.isEmpty())
        return { DbError::Invalid, error };
    DbResult<CampaignCallingSettings> current = find(s.campaignId); // scope check, and the client
    if (!current.ok())
        return current.error();
    DbResult<QSqlQuery> q = Sql::exec(
            m_database,
            QStringLiteral("INSERT INTO campaign_calling_settings (campaign_id, client_id, ") + columns
                    + QStringLiteral(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                                     "ON CONFLICT (campaign_id) DO UPDATE SET calling_days = excluded.calling_days, "
                                     "window_start_minute = excluded.window_start_minute, "
                                     "window_end_minute = excluded.window_end_minute, "
                                     "max_concurrent_calls = excluded.max_concurrent_calls, "
                                     "calls_per_minute = excluded.calls_per_minute, max_attempts = excluded.max_attempts, "
                                     "retry_no_answer_seconds = excluded.retry_no_answer_seconds, "
                                     "retry_voicemail_seconds = excluded.retry_voicemail_seconds, "
                                     "retry_busy_seconds = excluded.retry_busy_seconds, "
                                     "retry_failed_seconds = excluded.retry_failed_seconds, "
                                     "callable_statuses = excluded.callable_statuses, "
                                     "consent_required = excluded.consent_required, "
                                     "telemarketing = excluded.telemarketing, "
                                     "national_dnc_snapshot = excluded.national_dnc_snapshot, "
                                     "updated_at = excluded.updated_at"),
            { s.campaignId, current.value().clientId, s.callingDays, s.windowStartMinute, s.windowEndMinute,
              s.maxConcurrentCalls, s.callsPerMinute, s.maxAttempts, s.retryNoAnswerSeconds, s.retryVoicemailSeconds,
              s.retryBusySeconds, s.retryFailedSeconds, s.callableStatuses.join(QLatin1Char(',')), s.consentRequired,
              s.telemarketing ? 1 : 0,
              s.nationalDncSnapshot.isValid() ? QVariant(s.nationalDncSnapshot.toString(Qt::ISODate))
                                              : QVariant(QMetaType::fromType<QString>()),
              now });
    if (!q.ok())
        return q.error();
    return {};
}

} // namespace Callvia::Models
