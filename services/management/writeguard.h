#pragma once

#include <models/dberror.h>

#include <QString>

namespace Callvia::Services {

class AuditLog;
class Session;

// Shared by the management services: the error a refused write returns, and its audit entry
// ("permission.denied", written outside the refused change's transaction so it survives the
// rollback; a failure to write it is logged, never hides the refusal).
namespace WriteGuard {

// "Permission denied: staff may not change billing fields (per-minute rate). Nothing was changed."
Models::DbError denied(const Session &actor, const QString &what);
Models::DbError refuse(const AuditLog &audit, const Session &actor, const QString &action,
    const QString &entity, qint64 entityId, qint64 clientId, const QString &what);

} // namespace WriteGuard

} // namespace Callvia::Services
