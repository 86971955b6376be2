#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace Callvia::Services {

// Behind a reverse proxy or tunnel every request comes from the proxy's address (issue 26, item
// 4). The client address in X-Forwarded-For / Forwarded is believed only when the peer is one of
// the configured trusted proxies (addresses or CIDR subnets, e.g. "127.0.0.1, 10.0.0.0/8, ::1"),
// and then only as far as the chain of trusted proxies goes: the right-most address that is not
// a trusted proxy is the client (anything left of it could be forged by the client). Used for
// rate limiting and logs; never for authentication.
class TrustedProxies
{
public:
    TrustedProxies() = default;
    // Empty when `list` is empty; *error names the first entry that is not an address or subnet.
    static TrustedProxies parse(const QString &list, QString *error);

    bool isEmpty() const { return m_subnets.isEmpty(); }
    bool contains(const QHostAddress &address) const;
    // The request's client: `peer` unless it is a trusted proxy; then from Forwarded (RFC 7239,
    // preferred when present) or X-Forwarded-For, as described above. A malformed header gives
    // the peer.
    QHostAddress clientAddress(const QHostAddress &peer, const QByteArray &forwarded,
                               const QByteArray &xForwardedFor) const;

private:
    QList<QPair<QHostAddress, int>> m_subnets;
};

} // namespace Callvia::Services
