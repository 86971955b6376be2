// Fuzzes the retell event parsing: identify() (JSON -> IncomingEvent list) and parseRetellEvent().
// Accepted input must yield events with a dedupe key; refused input must name an error.
#include <services/webhooks/retellhandler.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    using namespace Callvia::Fuzz;
    static RetellHandler handler(unopenedDatabase(), vectorClock());
    QByteArray body = bytes(data, size);
    QUrlQuery query;
    QList<IncomingEvent> events;
    QString error;
    const bool identified = handler.identify(body, query, &events, &error);
    verbose(identified ? QStringLiteral("events: %1").arg(events.size()) : error);
    if (identified) {
        for (const IncomingEvent &event : events)
            if (event.providerEventId.isEmpty())
                __builtin_trap();
    } else if (error.isEmpty()) {
        __builtin_trap();
    }
    RetellCallEvent parsed;
    QString parseError;
    if (!parseRetellEvent(body, &parsed, &parseError) && parseError.isEmpty())
        __builtin_trap();
    return 0;
}
