#include "trustedproxies.h"

#include <QStringList>

namespace Callvia::Services {

namespace {

QHostAddress unmapped(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    return isV4 ? QHostAddress(v4) : address;
}

// One node of a Forwarded "for=" value or an X-Forwarded-For entry: 192.0.2.1, 192.0.2.1:4711,
// "[2001:db8::1]:4711", 2001:db8::1. Null for "unknown", obfuscated names and garbage.
QHostAddress parseNode(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        text = text.mid(1, text.size() - 2);
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype end = text.indexOf(QLatin1Char(']'));
        if (end < 0)
            return {};
        text = text.mid(1, end - 1);
    } else if (text.count(QLatin1Char(':')) == 1) {
        text = text.section(QLatin1Char(':'), 0, 0); // IPv4 with a port
    }
    QHostAddress address;
    if (!address.setAddress(text))
        return {};
    return unmapped(address);
}

} // namespace

TrustedProxies TrustedProxies::parse(const QString &list, QString *error)
{
    TrustedProxies proxies;
    for (const QString &raw : list.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString entry = raw.trimmed();
        if (entry.isEmpty())
            continue;
        QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(entry);
        if (subnet.first.isNull()) {
            QHostAddress single;
            if (!single.setAddress(entry)) {
                if (error)
                    *error = QStringLiteral("trusted proxies: \"%1\" is not an IP address or subnet").arg(entry);
                return {};
            }
            single = unmapped(single);
            subnet = { single, single.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128 };
        }
        proxies.m_subnets.append(subnet);
    }
    return proxies;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress plain = unmapped(address);
    for (const QPair<QHostAddress, int> &subnet : m_subnets) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress TrustedProxies::clientAddress(const QHostAddress &peer, const QByteArray &forwarded,
                                           const QByteArray &xForwardedFor) const
{
    if (!contains(peer))
        return peer;
    QStringList chain; // left (client) to right (the proxy nearest to us)
    if (!forwarded.trimmed().isEmpty()) {
        for (const QString &element : QString::fromLatin1(forwarded).split(QLatin1Char(','))) {
            QString node;
            for (const QString &pair : element.split(QLatin1Char(';'))) {
                const QString trimmed = pair.trimmed();
                if (trimmed.startsWith(QLatin1String("for="), Qt::CaseInsensitive))
                    node = trimmed.mid(4);
            }
            chain << node;
        }
    } else {
        chain = QString::fromLatin1(xForwardedFor).split(QLatin1Char(','), Qt::SkipEmptyParts);
    }
    QHostAddress client = peer;
    for (qsizetype i = chain.size() - 1; i >= 0; --i) {
        const QHostAddress node = parseNode(chain.at(i));
        if (node.isNull())
            return client; // unknown or forged beyond this point: the last trusted hop's view
        client = node;
        if (!contains(node))
            return node;
    }
    return client;
}

} // namespace Callvia::Services
