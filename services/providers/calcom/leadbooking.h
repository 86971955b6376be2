#pragma once

#include "calcomclient.h"

namespace Callvia::Services {

class Session;

// Staff book a lead into a free Cal.com slot (issue 24 item 1, "Book for lead"). plan() reads
// the lead and its client's Cal.com settings on the caller's thread (it holds the connection);
// freeSlots() and book() only talk to Cal.com and run on a worker thread; recordBooking() writes the
// audit row, success or failure, on the caller's thread. The booking carries
// metadata.callvia_lead_id, so the BOOKING_CREATED webhook links the appointment to this lead.
class LeadBooking final
{
public:
    struct Plan
    {
        qint64 leadId = 0;
        qint64 clientId = 0;
        QString leadName;
        QString leadZone; // the zone slots are shown and booked in
        CalcomClient::Settings settings;
        CalcomClient::Attendee attendee;
        QString error; // cannot book this lead (permission, no lead, Cal.com not configured)
    };

    static Plan plan(const Session &actor, Models::Database &database, const Models::Clock &clock,
                     const ProviderConfig &config, qint64 leadId);
    static CalcomClient::Slots freeSlots(const Plan &plan, qint64 fromMs, qint64 toMs);
    static CalcomClient::Booking book(const Plan &plan, qint64 startMs);
    static Models::DbError recordBooking(const Session &actor, Models::Database &database, const Models::Clock &clock,
                                         const Plan &plan, qint64 startMs, const CalcomClient::Booking &booking);
};

} // namespace Callvia::Services
