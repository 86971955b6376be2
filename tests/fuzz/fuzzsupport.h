#pragma once
// Shared helpers for the libFuzzer targets: splitting the input, a never-opened Database for
// handlers whose identify() needs no store, and the fixed clock of the integrations.md §7
// vectors (1700000000 s), so seeds built from those vectors verify.
#include <models/clock.h>
#include <models/database.h>

#include <QByteArray>
#include <QString>

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

} // namespace Callvia::Fuzz
