// Fuzzes the calcom event parsing: identify() (JSON -> IncomingEvent list) and parseCalcomEvent().
// Accepted input must yield events with a dedupe key; refused input must name an error.
#include <services/webhooks/calcomhandler.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Fuzz;
    using namespace Callvia::Services;
    return fuzzEventParsing<CalcomHandler, CalcomEvent>(data, size, parseCalcomEvent);
}
