#include "appointmentlinker.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/appointmentrepository.h>
#include <models/repositories/leadrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>

#include <QJsonObject>

namespace Callvia::Services {

using namespace Models;

AppointmentLinker::AppointmentLinker(Database &database, const Clock &clock) : m_database(database), m_clock(clock) { }

DbResult<QList<AppointmentRecord>> AppointmentLinker::unmatched(const Session &actor) const
{
    return AppointmentRepository(m_database, m_clock, actor.scope()).listUnmatched();
}

DbError AppointmentLinker::link(const Session &actor, qint64 appointmentId, qint64 leadId) const
{
    if (!actor.canEdit() || !actor.scope().isAgency())
        return { DbError::Invalid, QStringLiteral("Permission denied: only agency staff may link a booking to a lead.") };
    const WriteGate gate(m_database);
    Transaction transaction(m_database, Transaction::Mode::Immediate);
    if (transaction.beginError())
        return transaction.beginError();
    const AppointmentRepository appointments(m_database, m_clock, actor.scope());
    const DbResult<AppointmentRecord> before = appointments.find(appointmentId);
    if (!before.ok())
        return before.error();
    if (before.value().leadId != 0)
        return { DbError::Invalid, QStringLiteral("Appointment %1 is already linked to lead %2.")
                                           .arg(appointmentId).arg(before.value().leadId) };
    const DbResult<LeadRecord> lead = LeadRepository(m_database, m_clock, actor.scope()).find(leadId);
    if (!lead.ok())
        return { DbError::NotFound, QStringLiteral("Lead %1 not found.").arg(leadId) };
    if (before.value().clientId != 0 && lead.value().clientId != before.value().clientId)
        return { DbError::Invalid, QStringLiteral("Lead %1 belongs to another client than booking %2.")
                                           .arg(leadId).arg(before.value().bookingUid) };
    if (DbError error = appointments.linkToLead(appointmentId, leadId))
        return error;
    const AppointmentRecord &a = before.value();
    if (DbError error = AuditLog(m_database, m_clock)
                                .record(&actor, QStringLiteral("appointment.link_lead"), QStringLiteral("appointment"),
                                        QString::number(appointmentId),
                                        { { QStringLiteral("lead_id"), QJsonValue::Null },
                                          { QStringLiteral("attendee_email"), a.attendeeEmail },
                                          { QStringLiteral("attendee_phone"), a.attendeePhone } },
                                        { { QStringLiteral("lead_id"), leadId },
                                          { QStringLiteral("client_id"), lead.value().clientId } },
                                        lead.value().clientId))
        return error;
    return transaction.commit();
}

} // namespace Callvia::Services
