#pragma once

#include "../webhooks/applyharness.h"

#include <models/repositories/appointmentrepository.h>
#include <models/clock.h>
#include <models/sqlhelpers.h>
#include <models/repositories/userrepository.h>
#include <services/auth/session.h>

#include <QJsonDocument>
#include <QJsonObject>

// Clients, leads, appointments and call logs for the verification and rebook tests, on the
// test clock: what they share.
namespace Callvia::Tests {

constexpr qint64 minuteMs = 60'000;
constexpr qint64 hourMs = 60 * minuteMs;
constexpr qint64 dayMs = 24 * hourMs;

struct Scene
{
    qint64 client = 0;
    qint64 campaign = 0;
    qint64 lead = 0;
};

inline Scene makeScene(Models::Database &db, const Models::Clock &clock, const QString &phone = QStringLiteral("+15551230001"),
                       const QString &email = QStringLiteral("ana@example.com"))
{
    Scene s;
    s.client = addClient(db, clock, QStringLiteral("Acme Dental"));
    Models::Sql::exec(db, QStringLiteral("UPDATE clients SET contact_email = 'owner@acme.example', language = 'de', "
                                         "booking_url = 'https://book.acme.example/new' WHERE id = ?"), { s.client });
    s.campaign = addCampaign(db, clock, s.client, QStringLiteral("Spring"));
    s.lead = addLead(db, clock, s.client, s.campaign, phone, email);
    return s;
}

// A 30-minute appointment starting at startsAt; lead 0 = a booking with no lead.
inline qint64 addAppointment(Models::Database &db, const Models::Clock &clock, const Scene &s, const QString &uid,
                             qint64 startsAt, qint64 leadId, const QString &attendeePhone = {},
                             const QString &attendeeEmail = {})
{
    Models::AppointmentRecord a;
    a.clientId = s.client;
    a.leadId = leadId;
    a.campaignId = leadId ? s.campaign : 0;
    a.bookingUid = uid;
    a.startsAt = startsAt;
    a.endsAt = startsAt + 30 * minuteMs;
    a.attendeeName = QStringLiteral("Ana Lima");
    a.attendeePhone = attendeePhone;
    a.attendeeEmail = attendeeEmail;
    a.status = QStringLiteral("scheduled");
    const Models::DbResult<qint64> id =
            Models::AppointmentRepository(db, clock, Models::TenantScope::agency()).upsert(a);
    return id.ok() ? id.value() : 0;
}

// A Retell call log row; updatedAt 0 = now by the clock.
inline qint64 addCall(Models::Database &db, const Models::Clock &clock, const Scene &s, qint64 leadId,
                      const QString &callId, const QString &toNumber, qint64 startedAt, qint64 durationMs)
{
    const Models::DbResult<qint64> id = Models::Sql::insertReturningId(
            db,
            QStringLiteral("INSERT INTO call_logs (client_id, lead_id, retell_call_id, to_number, call_status, started_at, "
                           "ended_at, duration_ms, duration_seconds, created_at, updated_at) VALUES (?, ?, ?, ?, 'ended', "
                           "?, ?, ?, ?, ?, ?) RETURNING id"),
            { s.client, Models::Sql::nullIfZero(leadId), callId, Models::Sql::nullIfEmpty(toNumber), startedAt,
              startedAt + durationMs, durationMs, durationMs / 1000, clock.nowMs(), clock.nowMs() });
    return id.ok() ? id.value() : 0;
}

// A staff user row and its session (audit_log and verified_by refer to users).
inline Services::Session addStaff(Models::Database &db, const Models::Clock &clock, const QString &name = QStringLiteral("sam"))
{
    Models::UserRecord user;
    user.username = name;
    user.role = QStringLiteral("staff");
    user.passwordHash = QStringLiteral("x");
    const Models::DbResult<qint64> id = Models::UserRepository(db, clock).insert(user);
    return Services::Session(id.valueOr(0), name, Services::Session::Role::Staff, 0);
}

// A COUNT(*) as an int (QCOMPARE wants both sides of one type).
inline int count(Models::Database &db, const QString &sql, const QVariantList &binds = {})
{
    return int(scalar(db, sql, binds));
}

inline QString text(Models::Database &db, const QString &sql, const QVariantList &binds = {})
{
    Models::DbResult<QSqlQuery> q = Models::Sql::exec(db, sql, binds);
    if (!q.ok())
        return QStringLiteral("<error: %1>").arg(q.error().message());
    return q.value().next() ? q.value().value(0).toString() : QStringLiteral("<none>");
}

// "status/verification/verdict_source" of an appointment.
inline QString verdictColumns(Models::Database &db, qint64 appointment)
{
    return text(db, QStringLiteral("SELECT status || '/' || verification || '/' || COALESCE(verdict_source, '-') "
                                   "FROM appointments WHERE id = ?"),
                { appointment });
}

} // namespace Callvia::Tests
