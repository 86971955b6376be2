// Fuzzes the messagebird event parsing: identify() (JSON -> IncomingEvent list) and parseMessageBirdEvent().
// Accepted input must yield events with a dedupe key; refused input must name an error.
// An input starting with '?' is a GET delivery report: query string, no body.
#include <services/webhooks/messagebirdhandler.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Fuzz;
    using namespace Callvia::Services;
    return fuzzEventParsing<MessageBirdHandler, MessageBirdEvent>(data, size, parseMessageBirdEvent,
                                                                  EventInput::BodyOrQuery);
}
