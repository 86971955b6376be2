#include "databasehealth.h"

namespace Callvia::Models {

DatabaseHealth::DatabaseHealth(QObject *parent) : QObject(parent) { }

bool DatabaseHealth::isHealthy() const
{
    QMutexLocker lock(&m_mutex);
    return m_healthy;
}

QString DatabaseHealth::lastError() const
{
    QMutexLocker lock(&m_mutex);
    return m_lastError;
}

void DatabaseHealth::reportFailure(const DbError &error, const QString &context)
{
    if (error.kind() != DbError::Unavailable)
        return;
    const QString text = context.isEmpty() || error.message().contains(context)
            ? error.message()
            : context + QStringLiteral(": ") + error.message();
    {
        QMutexLocker lock(&m_mutex);
        if (!m_healthy && m_lastError == text)
            return; // one signal per distinct fault, not one per failed statement
        m_healthy = false;
        m_lastError = text;
    }
    Q_EMIT healthChanged(false, text);
}

void DatabaseHealth::reportRecovered()
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_healthy)
            return;
        m_healthy = true;
        m_lastError.clear();
    }
    Q_EMIT healthChanged(true, QString());
}

} // namespace Callvia::Models
