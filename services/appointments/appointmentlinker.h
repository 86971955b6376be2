#pragma once

#include <models/dberror.h>
#include <models/records.h>

#include <QList>

namespace Callvia::Models {
class Clock;
class Database;
} // namespace Callvia::Models

namespace Callvia::Services {

class Session;

// Unmatched bookings (a Cal.com booking whose attendee matched no lead) and the staff action
// that links one to a lead of its client (issue 24 item 1): one transaction with its audit row
// (appointment.link_lead, before and after). Agency staff only: a client user sees none.
class AppointmentLinker final
{
public:
    AppointmentLinker(Models::Database &database, const Models::Clock &clock);

    Models::DbResult<QList<Models::AppointmentRecord>> unmatched(const Session &actor) const;
    Models::DbError link(const Session &actor, qint64 appointmentId, qint64 leadId) const;

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
