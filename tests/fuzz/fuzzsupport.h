#pragma once
// Shared helpers for the libFuzzer targets: splitting the input, a never-opened Database for
// handlers whose identify() needs no store, the fixed clock of the integrations.md §7
// vectors (1700000000 s), so seeds built from those vectors verify, and the shared body of the
// five event-parser targets.
#include <models/clock.h>
#include <models/database.h>
#include <services/webhooks/providerhandler.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <cstdio>
#include <cstdlib>

#include <cstddef>
#include <cstdint>
#include <utility>

namespace Callvia::Fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

// Splits at the first '\n': (before, after). No '\n': (all, empty).
inline std::pair<QByteArray, QByteArray> splitLine(const QByteArray &input)
{
    const qsizetype nl = input.indexOf('\n');
    if (nl < 0)
        return { input, QByteArray() };
    return { input.left(nl), input.mid(nl + 1) };
}

// The §7 vectors are all at 1700000000 s (MessageBird: nbf 1700000000, exp +60).
inline const Models::TestClock &vectorClock()
{
    static const Models::TestClock clock(1'700'000'010'000);
    return clock;
}

// identify() and the parse* functions never touch the store: a Database that is never opened.
inline Models::Database &unopenedDatabase()
{
    static Models::Database database { Models::DatabaseUrl {} };
    return database;
}

// With CALLVIA_FUZZ_VERBOSE=1 set, prints a verdict per input (to check that the seeds reach
// the accepting paths: build/fuzz/tests/fuzz/<target> tests/fuzz/corpus/<target>/*).
inline void verbose(const QString &verdict)
{
    static const bool on = qEnvironmentVariableIsSet("CALLVIA_FUZZ_VERBOSE");
    if (on)
        std::fprintf(stderr, "verdict: %s\n", verdict.toUtf8().constData());
}

// How a fuzz_event_* target reads its input: as the body, or (MessageBird, which also takes
// delivery reports by GET) an input starting with '?' as a query string with an empty body.
enum class EventInput { Body, BodyOrQuery };

// The body of every fuzz_event_* target: Handler::identify() (JSON -> IncomingEvent list) and
// the provider's parse function on one input. Accepted input must yield events with a dedupe
// key; refused input must name an error. Both explicit template arguments pick the overload.
template <typename Handler, typename Parsed>
int fuzzEventParsing(const uint8_t *data, size_t size, bool (*parse)(const QByteArray &, Parsed *, QString *),
                     EventInput input = EventInput::Body)
{
    static Handler handler(unopenedDatabase(), vectorClock());
    QByteArray body = bytes(data, size);
    QUrlQuery query;
    if (input == EventInput::BodyOrQuery && body.startsWith('?')) {
        query = QUrlQuery(QString::fromUtf8(body.mid(1)));
        body.clear();
    }
    QList<Services::IncomingEvent> events;
    QString error;
    const bool identified = handler.identify(body, query, &events, &error);
    verbose(identified ? QStringLiteral("events: %1").arg(events.size()) : error);
    if (identified) {
        for (const Services::IncomingEvent &event : events)
            if (event.providerEventId.isEmpty())
                __builtin_trap();
    } else if (error.isEmpty()) {
        __builtin_trap();
    }
    Parsed parsed;
    QString parseError;
    if (!parse(body, &parsed, &parseError) && parseError.isEmpty())
        __builtin_trap();
    return 0;
}

} // namespace Callvia::Fuzz
