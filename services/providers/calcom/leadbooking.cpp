#include "leadbooking.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/leadrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>

#include <QDateTime>
#include <QJsonObject>

namespace Callvia::Services {

using namespace Models;

LeadBooking::Plan LeadBooking::plan(const Session &actor, Database &database, const Clock &clock,
                                    const ProviderConfig &config, qint64 leadId)
{
    Plan plan;
    plan.leadId = leadId;
    if (!actor.canEdit()) {
        plan.error = QStringLiteral("Permission denied: only staff may book a lead.");
        return plan;
    }
    const DbResult<LeadRecord> lead = LeadRepository(database, clock, actor.scope()).find(leadId);
    if (!lead.ok()) {
        plan.error = QStringLiteral("Lead %1 not found: %2").arg(leadId).arg(lead.error().message());
        return plan;
    }
    const LeadRecord &l = lead.value();
    plan.clientId = l.clientId;
    plan.leadName = QString(l.firstName + QLatin1Char(' ') + l.lastName).trimmed();
    QString zone = l.timeZone;
    if (zone.isEmpty()) {
        const DbResult<ClientRecord> client = ClientRepository(database, clock, actor.scope()).find(l.clientId);
        zone = client.ok() ? client.value().timeZone : QString();
    }
    plan.leadZone = zone.isEmpty() ? QStringLiteral("UTC") : zone;
    plan.attendee = { plan.leadName, l.email, plan.leadZone, l.phoneE164 };
    const DbResult<CalcomClient::Settings> settings = CalcomClient::settingsFor(config, database, clock, l.clientId);
    if (!settings.ok()) {
        plan.error = settings.error().message();
        return plan;
    }
    plan.settings = settings.value();
    plan.error = CalcomClient(plan.settings).configurationError();
    return plan;
}

CalcomClient::Slots LeadBooking::freeSlots(const Plan &plan, qint64 fromMs, qint64 toMs)
{
    if (!plan.error.isEmpty())
        return { {}, plan.error };
    return CalcomClient(plan.settings).freeSlots(fromMs, toMs, plan.leadZone);
}

CalcomClient::Booking LeadBooking::book(const Plan &plan, qint64 startMs)
{
    if (!plan.error.isEmpty()) {
        CalcomClient::Booking failed;
        failed.error = plan.error;
        return failed;
    }
    return CalcomClient(plan.settings).book(startMs, plan.attendee, plan.leadId, plan.clientId);
}

DbError LeadBooking::recordBooking(const Session &actor, Database &database, const Clock &clock, const Plan &plan,
                                   qint64 startMs, const CalcomClient::Booking &booking)
{
    QJsonObject after { { QStringLiteral("slot"), QDateTime::fromMSecsSinceEpoch(startMs, Qt::UTC).toString(Qt::ISODate) },
                        { QStringLiteral("event_type_id"), plan.settings.eventTypeId } };
    if (booking.error.isEmpty()) {
        after.insert(QStringLiteral("booking_uid"), booking.uid);
        after.insert(QStringLiteral("booking_id"), booking.id);
    } else {
        after.insert(QStringLiteral("error"), booking.error);
    }
    return AuditLog(database, clock)
            .record(&actor, booking.error.isEmpty() ? QStringLiteral("calcom.book") : QStringLiteral("calcom.book_failed"),
                    QStringLiteral("lead"), QString::number(plan.leadId), {}, after, plan.clientId);
}

} // namespace Callvia::Services
