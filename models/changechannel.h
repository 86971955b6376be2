#pragma once

#include "database.h"
#include "dberror.h"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <optional>

namespace Callvia::Models {

// What a change notice names (021_change_notices.sql): the table, the row's client (0 = none)
// and the row id. Never row data: the receiver reads the row through its own (scoped) repository.
struct ChangeNotice
{
    QString table;
    qint64 clientId = 0;
    qint64 rowId = 0;

    // Parses {"table":"call_logs","client_id":3,"id":42}; nullopt for anything else.
    static std::optional<ChangeNotice> parse(const QString &payload);
};

// PostgreSQL LISTEN on a dedicated connection (QSqlDriver::subscribeToNotification): each
// committed change notice from any instance arrives as noticeReceived on the thread that
// opened it, without polling. The connection is used for nothing else.
class ChangeChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeChannel)
public:
    static constexpr const char *ChannelName = "callvia_changes";

    ChangeChannel(const DatabaseUrl &url, const QString &connectionName, QObject *parent = nullptr);
    ~ChangeChannel() override;

    // Connects and subscribes.
    DbError open();
    bool isOpen() const;
    // A round trip on the listening session: an error when it is gone (server restarted,
    // session terminated); the caller then closes and opens again.
    DbError ping();
    void close();
    DbResult<int> backendPid();

Q_SIGNALS:
    void noticeReceived(const Callvia::Models::ChangeNotice &notice);

private:
    QString m_connectionName;
};

} // namespace Callvia::Models

Q_DECLARE_METATYPE(Callvia::Models::ChangeNotice)
