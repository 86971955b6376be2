#pragma once

#include "dberror.h"

#include <QMutex>
#include <QObject>
#include <QString>

namespace Callvia::Models {

// Whether the database is usable, as learned from every statement that fails with an
// Unavailable error (server gone, file locked, read-only, full or corrupt) on any thread. Once
// unhealthy it stays so until a probe proves the database answers again (reportRecovered),
// because one successful read says nothing about the failed writes. Owned by Database; signals
// may be emitted on any thread (receivers in other threads get them queued).
class DatabaseHealth final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseHealth)
public:
    explicit DatabaseHealth(QObject *parent = nullptr);

    bool isHealthy() const;
    QString lastError() const;
    // Ignores every kind but Unavailable (a constraint or a bad value is the caller's problem).
    // `context` (the database's name) goes before the message unless the message names it.
    void reportFailure(const DbError &error, const QString &context = {});
    void reportRecovered();

Q_SIGNALS:
    // `error` names what failed; empty when healthy again.
    void healthChanged(bool healthy, const QString &error);

private:
    mutable QMutex m_mutex;
    bool m_healthy = true;
    QString m_lastError;
};

} // namespace Callvia::Models
