#include "writeguard.h"

#include <services/auth/auditlog.h>
#include <services/auth/session.h>

#include <QJsonObject>

namespace Callvia::Services::WriteGuard {

namespace {

QString actorName(const Session &actor)
{
    switch (actor.role()) {
    case Session::Role::Admin:
        return QStringLiteral("an administrator");
    case Session::Role::Staff:
        return QStringLiteral("staff");
    case Session::Role::Client:
        break;
    }
    return QStringLiteral("a client user");
}

} // namespace

Models::DbError denied(const Session &actor, const QString &what)
{
    return { Models::DbError::Invalid,
        QStringLiteral("Permission denied: %1 may not %2. Nothing was changed.").arg(actorName(actor), what) };
}

Models::DbError refuse(const AuditLog &audit, const Session &actor, const QString &action,
    const QString &entity, qint64 entityId, qint64 clientId, const QString &what)
{
    const Models::DbError error = denied(actor, what);
    // A client user's denial is filed under their own client, whatever row they aimed at.
    const qint64 owner = actor.scope().isAgency() ? clientId : actor.clientId();
    audit.record(&actor, QStringLiteral("permission.denied"), entity,
        entityId > 0 ? QString::number(entityId) : QString(), {},
        { { QStringLiteral("action"), action }, { QStringLiteral("reason"), error.message() } }, owner);
    return error;
}

} // namespace Callvia::Services::WriteGuard
