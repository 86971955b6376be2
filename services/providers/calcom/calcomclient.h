#pragma once

#include <models/dberror.h>

#include <QByteArray>
#include <QList>
#include <QString>

class QNetworkRequest;

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

class ProviderConfig;

// Cal.com API v2 for one client: free slots (GET /v2/slots, cal-api-version 2024-09-04) and a
// booking (POST /v2/bookings, cal-api-version 2024-08-13), "Authorization: Bearer <key>".
// Calls block the calling thread (own QNetworkAccessManager and event loop), so they run on a
// worker or the scheduler thread, never on the GUI thread and never inside a DB transaction.
// Errors come back as plain sentences; the key is never part of one nor logged.
class CalcomClient final
{
public:
    struct Settings
    {
        QString baseUrl = QStringLiteral("https://api.cal.com");
        QString apiKey; // secret
        qint64 eventTypeId = 0;
        qint64 clientId = 0; // whose key and event type these are (named in configurationError)
        int timeoutMs = 10000;
    };
    struct Attendee
    {
        QString name;
        QString email;
        QString timeZone;
        QString phone; // E.164, optional
    };
    struct Slots
    {
        QList<qint64> startsMs; // ascending
        QString error;
    };
    struct Booking
    {
        QString uid;
        qint64 id = 0;
        qint64 startMs = 0;
        QString error;
    };

    explicit CalcomClient(Settings settings);

    // Empty when the client's key and event type are set; else what is missing.
    QString configurationError() const;
    // Slot starts in [fromMs, toMs), asked for in timeZone (the instants are zone-free).
    Slots freeSlots(qint64 fromMs, qint64 toMs, const QString &timeZone) const;
    Booking book(qint64 startMs, const Attendee &attendee, qint64 leadId, qint64 clientId) const;

    static QByteArray bookingBody(qint64 eventTypeId, qint64 startMs, const Attendee &attendee, qint64 leadId,
                                  qint64 clientId);
    static Slots parseSlots(int status, const QByteArray &body);
    static Booking parseBooking(int status, const QByteArray &body);
    // "Cal.com rejected the API key (401): <Cal.com's message>" and the like.
    static QString errorText(int status, const QByteArray &body);

    // A client's settings: base URL calcom.api_base (env CALLVIA_CALCOM_API_BASE), API key the
    // secret calcom.client.<id>.api_key (else the agency-wide calcom.api_key), event type the
    // client's first Cal.com event type id (client settings, "Cal.com event type ids").
    static Models::DbResult<Settings> settingsFor(const ProviderConfig &config, Models::Database &database,
                                                  const Models::Clock &clock, qint64 clientId);
    static QString apiKeySetting(qint64 clientId); // "calcom.client.<id>.api_key"

private:
    struct Reply
    {
        int status = 0;
        QByteArray body;
        QString networkError;
    };
    Reply exchange(QNetworkRequest request, const QByteArray &verb, const QByteArray &body) const;

    Settings m_settings;
};

} // namespace Callvia::Services
