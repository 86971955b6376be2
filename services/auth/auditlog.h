#pragma once

#include <models/dberror.h>

#include <QJsonObject>
#include <QList>
#include <QString>

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {

class Session;

// Writes the audit trail: sign-ins, user and role changes, settings and secret changes, and
// whatever other features record (verification verdicts, exports, bulk changes). Callers pass
// snapshots without secret values or passwords; keys named like secrets are blanked anyway.
class AuditLog final
{
public:
    AuditLog(Models::Database &database, const Models::Clock &clock);

    // actor may be null (an anonymous failed sign-in); clientId 0 = agency-wide.
    Models::DbError record(const Session *actor, const QString &action, const QString &entity,
        const QString &entityId, const QJsonObject &before = {}, const QJsonObject &after = {},
        qint64 clientId = 0) const;

    // One entry of recordAll: what record() takes after the actor.
    struct Entry
    {
        QString action;
        QString entity;
        QString entityId;
        QJsonObject before;
        QJsonObject after;
        qint64 clientId = 0;
    };
    // Many entries by one actor in set-based statements (the verification pass's group).
    Models::DbError recordAll(const Session *actor, const QList<Entry> &entries) const;

private:
    Models::Database &m_database;
    const Models::Clock &m_clock;
};

} // namespace Callvia::Services
