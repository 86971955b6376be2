// Fuzzes the messagebird event parsing: identify() (JSON -> IncomingEvent list) and parseMessageBirdEvent().
// Accepted input must yield events with a dedupe key; refused input must name an error.
#include <services/webhooks/messagebirdhandler.h>

#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Callvia::Services;
    using namespace Callvia::Fuzz;
    static MessageBirdHandler handler(unopenedDatabase(), vectorClock());
    QByteArray body = bytes(data, size);
    QUrlQuery query;
    if (body.startsWith('?')) { // the GET form: a delivery report in the query string, no body
        query = QUrlQuery(QString::fromUtf8(body.mid(1)));
        body.clear();
    }
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
    MessageBirdEvent parsed;
    QString parseError;
    if (!parseMessageBirdEvent(body, &parsed, &parseError) && parseError.isEmpty())
        __builtin_trap();
    return 0;
}
