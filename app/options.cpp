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

} // namespace Callvia::App
