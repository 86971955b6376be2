#pragma once

#include <services/webhooks/providerhandler.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>

namespace Callvia::Tests {

// A ProviderHandler for tests: the body is {"id":…, "type":…, "key":…}; apply() records the ids
// it applied (in order) and fails for ids put in failIds. Thread-safe.
class TestHandler final : public Services::ProviderHandler
{
public:
    explicit TestHandler(QString provider) : m_provider(std::move(provider)) { }

    QString provider() const override { return m_provider; }

    bool identify(const QByteArray &body, const QUrlQuery &query, QList<Services::IncomingEvent> *events,
                  QString *error) const override
    {
        const QJsonObject object = QJsonDocument::fromJson(body.isEmpty() ? query.queryItemValue(QStringLiteral("json")).toUtf8() : body).object();
        const QString id = object.value(QLatin1String("id")).toString();
        if (id.isEmpty()) {
            *error = QStringLiteral("id: missing");
            return false;
        }
        events->append({ id, object.value(QLatin1String("type")).toString(QStringLiteral("test")),
                         object.value(QLatin1String("key")).toString(), body });
        return true;
    }

    Models::DbError apply(const Models::EventRecord &event) override
    {
        QMutexLocker lock(&m_mutex);
        if (m_failIds.contains(event.providerEventId))
            return { m_failKind, QStringLiteral("test failure for %1").arg(event.providerEventId) };
        m_applied.append(event.providerEventId);
        return {};
    }

    void setFailing(const QString &id, bool failing)
    {
        QMutexLocker lock(&m_mutex);
        if (failing)
            m_failIds.insert(id);
        else
            m_failIds.remove(id);
    }
    // The kind of error a failing event returns (Invalid: the event's own fault).
    void setFailKind(Models::DbError::Kind kind)
    {
        QMutexLocker lock(&m_mutex);
        m_failKind = kind;
    }
    QStringList applied() const
    {
        QMutexLocker lock(&m_mutex);
        return m_applied;
    }

private:
    Models::DbError::Kind m_failKind = Models::DbError::Invalid;
    QString m_provider;
    mutable QMutex m_mutex;
    QSet<QString> m_failIds;
    QStringList m_applied;
};

} // namespace Callvia::Tests
