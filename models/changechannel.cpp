#include "changechannel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

namespace Callvia::Models {

std::optional<ChangeNotice> ChangeNotice::parse(const QString &payload)
{
    const QJsonObject object = QJsonDocument::fromJson(payload.toUtf8()).object();
    const QJsonValue table = object.value(QLatin1String("table"));
    const QJsonValue id = object.value(QLatin1String("id"));
    if (!table.isString() || !id.isDouble())
        return std::nullopt;
    ChangeNotice notice;
    notice.table = table.toString();
    notice.rowId = qint64(id.toDouble());
    const QJsonValue client = object.value(QLatin1String("client_id"));
    notice.clientId = client.isDouble() ? qint64(client.toDouble()) : 0;
    return notice;
}

ChangeChannel::ChangeChannel(const DatabaseUrl &url, const QString &connectionName, QObject *parent)
    : QObject(parent), m_connectionName(connectionName)
{
    url.addConnection(connectionName);
}

ChangeChannel::~ChangeChannel()
{
    close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

DbError ChangeChannel::open()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (db.isOpen())
        return {};
    db.driver()->disconnect(this); // the driver object outlives close(): one connection at a time
    if (!db.open())
        return { DbError::Unavailable, QStringLiteral("change notices: %1").arg(db.lastError().text()) };
    QSqlDriver *driver = db.driver();
    if (!driver->subscribeToNotification(QLatin1String(ChannelName))) {
        const QString error = driver->lastError().text();
        db.close();
        return { DbError::Unavailable, QStringLiteral("change notices: cannot LISTEN: %1").arg(error) };
    }
    connect(driver, &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (name != QLatin1String(ChannelName))
                    return;
                if (const std::optional<ChangeNotice> notice = ChangeNotice::parse(payload.toString()))
                    Q_EMIT noticeReceived(*notice);
            });
    return {};
}

bool ChangeChannel::isOpen() const
{
    return QSqlDatabase::database(m_connectionName, false).isOpen();
}

DbError ChangeChannel::ping()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT 1")))
        return { DbError::Unavailable, query.lastError().text() };
    return {};
}

void ChangeChannel::close()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isValid() || !db.isOpen())
        return;
    db.driver()->disconnect(this);
    db.close();
}

DbResult<int> ChangeChannel::backendPid()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT pg_backend_pid()")) || !query.next())
        return DbError::fromSql(query.lastError());
    return query.value(0).toInt();
}

} // namespace Callvia::Models
