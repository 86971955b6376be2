#include "options.h"

namespace Callvia::App {

bool parseListen(const QString &text, QString *host, quint16 *port, QString *error)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = QStringLiteral("--listen takes HOST:PORT, for example 127.0.0.1:8787");
        return false;
    }
    QString h = text.left(colon);
    if (h.startsWith(QLatin1Char('[')) && h.endsWith(QLatin1Char(']')))
        h = h.mid(1, h.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535 || h.isEmpty()) {
        *error = QStringLiteral("--listen: \"%1\" is not HOST:PORT with a port from 0 to 65535").arg(text);
        return false;
    }
    *host = h;
    *port = quint16(p);
    return true;
}

bool parseClockOffset(const QString &text, qint64 *seconds, QString *error)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    // A century either way: anything further is a typo, and ms arithmetic must not overflow.
    constexpr qint64 limit = 100LL * 366 * 24 * 3600;
    if (!ok || value < -limit || value > limit) {
        *error = QStringLiteral("CALLVIA_CLOCK_OFFSET_SECONDS: \"%1\" is not a whole number of seconds (for example "
                                "259200 for 3 days ahead, -3600 for an hour back)")
                         .arg(text);
        return false;
    }
    *seconds = value;
    return true;
}

} // namespace Callvia::App
