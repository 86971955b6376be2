#pragma once

#include <services/rebooking/rebookservice.h>

namespace Callvia::Services {

class ProviderConfig;

// The rebook sequence's slot source over Cal.com (issue 22 item 3): a client with its Cal.com
// key and event type gets its free slots; a client without them gets nothing and no error (the
// message keeps the plain link); a failing Cal.com gets the error, which the step records.
// Runs on the scheduler's thread with that thread's database; borrows all three.
RebookService::SlotSource calcomSlotSource(const ProviderConfig &config, Models::Database &database,
                                           const Models::Clock &clock);

} // namespace Callvia::Services
