#include "clientattribution.h"

#include "payloadfields.h"

#include <models/repositories/clientprovideridrepository.h>
#include <models/repositories/eventrepository.h>

#include <QRegularExpression>

namespace Callvia::Services {

using namespace Models;

ClientAttribution::ClientAttribution(Database &database, const Clock &clock) : m_database(database), m_clock(clock)
{
}

bool ClientAttribution::knownKind(const QString &provider, const QString &kind)
{
    if (provider == QLatin1String("retell"))
        return kind == QLatin1String("agent_id") || kind == QLatin1String("number");
    if (provider == QLatin1String("calcom"))
        return kind == QLatin1String("event_type_id") || kind == QLatin1String("organizer");
    if (provider == QLatin1String("messagebird"))
        return kind == QLatin1String("number");
    return false;
}

QString ClientAttribution::normalize(const QString &provider, const QString &kind, const QString &raw, QString *error)
{
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9_.:\\-]{1,128}$"));
    static const QRegularExpression email(QStringLiteral("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$"));
    const QString text = raw.trimmed();
    auto fail = [&](const QString &message) {
        *error = message;
        return QString();
    };
    if (!knownKind(provider, kind))
        return fail(QStringLiteral("%1 has no %2 ids").arg(provider, kind));
    if (text.isEmpty())
        return fail(QStringLiteral("empty value"));
    if (kind == QLatin1String("number")) {
        // International form only: a local number would be read in the wrong country.
        const bool international = text.startsWith(QLatin1Char('+')) || text.startsWith(QLatin1String("00"));
        const QString number = international ? PayloadFields::e164(text) : QString();
        return number.isEmpty() ? fail(QStringLiteral("\"%1\" is not a phone number in international form "
                                                      "such as +14155550100")
                                               .arg(text))
                                : number;
    }
    if (kind == QLatin1String("event_type_id")) {
        bool ok = false;
        const qint64 id = text.toLongLong(&ok);
        return ok && id > 0 ? QString::number(id)
                            : fail(QStringLiteral("\"%1\" is not an event type id (a positive number)").arg(text));
    }
    if (kind == QLatin1String("organizer")) {
        const QString lower = text.toLower();
        return email.match(lower).hasMatch() || token.match(lower).hasMatch()
                ? lower
                : fail(QStringLiteral("\"%1\" is neither an e-mail address nor a username").arg(text));
    }
    return token.match(text).hasMatch() ? text : fail(QStringLiteral("\"%1\" is not an agent id").arg(text));
}

DbResult<qint64> ClientAttribution::clientFor(const QString &provider, const QList<Candidate> &candidates) const
{
    const ClientProviderIdRepository repository(m_database, m_clock, TenantScope::agency());
    for (const Candidate &candidate : candidates) {
        // Providers send numbers in E.164 or as MSISDNs without '+' (MessageBird): both are
        // international, unlike what a person may type into the client settings.
        QString ignored;
        const QString value = candidate.kind == QLatin1String("number")
                ? PayloadFields::e164(candidate.value)
                : normalize(provider, candidate.kind, candidate.value, &ignored);
        if (value.isEmpty())
            continue;
        DbResult<qint64> client = repository.clientFor(provider, candidate.kind, value);
        if (!client.ok() || client.value() != 0)
            return client;
    }
    return qint64(0);
}

DbError ClientAttribution::markUnattributed(qint64 eventId, const QString &reason) const
{
    if (eventId == 0)
        return {};
    return EventRepository(m_database).markUnattributed(eventId, reason);
}

DbError ClientAttribution::markAttributed(qint64 eventId, qint64 clientId) const
{
    if (eventId == 0 || clientId == 0)
        return {};
    return EventRepository(m_database).markAttributed(eventId, clientId);
}

QString ClientAttribution::describe(const QList<Candidate> &candidates)
{
    QStringList parts;
    for (const Candidate &candidate : candidates) {
        if (!candidate.value.trimmed().isEmpty())
            parts << candidate.kind + QLatin1Char(' ') + candidate.value.trimmed().left(100);
    }
    return parts.isEmpty() ? QStringLiteral("no trusted id in the event") : parts.join(QStringLiteral(", "));
}

} // namespace Callvia::Services
