#pragma once

#include "databasehealth.h"
#include "dberror.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace Callvia::Models {

enum class Dialect { Sqlite, PostgreSql };

// Where the data lives: a SQLite file path or a postgresql:// URL.
struct DatabaseUrl
{
    Dialect dialect = Dialect::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString name;
    QString options; // PostgreSQL connect options (query string of the URL)

    static std::optional<DatabaseUrl> parse(const QString &text, QString *error);
    static QString defaultSqlitePath();
    QString displayName() const; // never contains the password
    // A new, unopened Qt connection named connectionName with these settings (driver, file or
    // server, SQLite busy timeout, PostgreSQL connect options).
    QSqlDatabase addConnection(const QString &connectionName) const;
    // Command-line arguments for re-starting this process without a password in them: the
    // password of a postgresql:// URL after --database is removed and returned in *password
    // (the caller hands it over in PGPASSWORD), everything else is kept as it was.
    static QStringList argumentsWithoutPassword(const QStringList &arguments, QString *password);
};

// Owns the connection settings and hands each thread its own QSqlDatabase connection
// (Qt connections may only be used in the thread that opened them). Applies migrations.
class Database final
{
    Q_DISABLE_COPY_MOVE(Database)
public:
    static constexpr int LatestSchemaVersion = 30;

    explicit Database(DatabaseUrl url);
    ~Database();

    // Opens (or reuses) this thread's connection. Unavailable when the store cannot be opened.
    DbError open();
    // Brings the schema to LatestSchemaVersion (or only up to `upTo`, for tests of a later
    // migration over an older database), each migration in its own transaction.
    // A database written by a newer Callvia is refused and left untouched.
    DbError migrate(int upTo = LatestSchemaVersion);
    DbResult<int> schemaVersion();

    QSqlDatabase connection();
    void releaseThreadConnection();
    // Closes every thread's connection (before a restore replaces the file). Only when no other
    // thread uses the database any more; a later connection() opens afresh.
    void closeAllConnections();
    Dialect dialect() const { return m_url.dialect; }
    bool isSqlite() const { return m_url.dialect == Dialect::Sqlite; }
    const DatabaseUrl &url() const { return m_url; }

    // A cheap liveness probe that reads the schema page; reopens the connection once when it fails
    // (a restarted PostgreSQL server, a SQLite file that was read-only or locked).
    DbError ping();
    // Records a failed statement on this thread's connection. After an Unavailable error (server
    // gone, file read-only, full, locked or corrupt) the connection is closed and reopened by the
    // next connection() call outside a transaction, so work resumes by itself when the fault clears.
    // Also reports an Unavailable error to health(), so the window shows it whatever failed.
    void noteFailure(const DbError &error);
    // What every failed statement tells about the database (the desktop's banner follows it).
    DatabaseHealth &health() const { return *m_health; }
    // Whether the database answers and accepts a write now (SQLite: a committed one-row write in
    // settings, which also finds a locked, read-only or full file; PostgreSQL: ping). Reports
    // recovery to health() when it works. Run off the GUI thread: it may wait for a lock.
    DbError probeHealth();

    // SQLite only: a consistent online copy of the database into `path` (VACUUM INTO), safe
    // while other connections write. `path` must not exist.
    // The file is created 0600 before SQLite writes into it.
    DbError backupTo(const QString &path);
    // Creates `path` (and its parents) when missing; the folder created last is made 0700 (owner
    // only). An existing folder keeps its permissions. False when it cannot be created.
    static bool makePrivateFolder(const QString &path);
    // SQLite only: "ok" or the problems PRAGMA integrity_check reports.
    DbResult<QString> integrityCheck();
    // PostgreSQL: from now on every thread's connection logs in as this role (a Callvia user's own
    // login role, 008_tenancy_by_roles.sql): each thread's connection is closed and reopened with
    // it at its next connection() call outside a transaction. No effect on SQLite.
    void setLogin(const QString &user, const QString &password);
    // PostgreSQL: whether the connected role is a superuser or has BYPASSRLS (row-level security
    // would not bind it). Always false on SQLite.
    DbResult<bool> bypassesRowSecurity();

    // SQLite allows one writer at a time and makes a blocked writer sleep in its busy handler
    // (1, 2, 5, 10 … ms). Writers of this process that run often (webhook intake, the event
    // processor) take this in-process gate instead, so they queue on a mutex and are woken the
    // moment it is free; an urgent writer (intake, a client is waiting for its answer) is
    // announced so a long-running writer can yield early. No-ops on PostgreSQL.
    void lockWriteGate(bool urgent);
    void unlockWriteGate();
    bool urgentWriterWaiting() const { return m_urgentWriters.load(std::memory_order_relaxed) > 0; }
    // Whether an urgent writer took the gate within the last `ms` milliseconds (a burst of
    // webhooks is on): long-running writers then keep their transactions minimal.
    bool urgentWriterRecent(int ms) const;

    // A statement prepared once on this thread's connection and kept for reuse: the write helpers
    // in Sql (execAffected, insertReturningId) run the same INSERT or UPDATE many times, and
    // preparing anew cost a parse each time (on PostgreSQL a PREPARE, EXECUTE and DEALLOCATE round
    // trip each). Dropped whenever the connection closes or reopens. Only for statements that are
    // run, read and finished before the same text runs again on this thread. Null and *error when
    // it cannot be prepared.
    QSqlQuery *cachedStatement(const QString &sql, DbError *error);

private:
    struct Statements;
    void dropStatementsLocked(const QString &connectionName); // m_mutex held
    DbError openConnection(QSqlDatabase &db);
    DbError applyMigration(int version, const QString &resource);
    DbError runMigration(int version, const QString &resource, const QStringList &statements,
                         bool checkForeignKeys);

    DatabaseUrl m_url;
    QString m_prefix;
    QMutex m_mutex;
    QHash<Qt::HANDLE, QString> m_connections;
    int m_loginGeneration = 0; // bumped by setLogin (under m_mutex)
    QHash<QString, int> m_connectionLogin; // connection name -> login generation it uses (under m_mutex)
    QMutex m_writeGate;
    std::atomic<int> m_urgentWriters { 0 };
    std::atomic<qint64> m_lastUrgentNs { 0 }; // steady clock, for scheduling only
    std::unique_ptr<DatabaseHealth> m_health;
    QSet<QString> m_stale; // connections to reopen after an Unavailable error (under m_mutex)
    // Connection name -> its kept statements (the map under m_mutex; a set used by its thread only).
    QHash<QString, std::shared_ptr<Statements>> m_statements;
};

// RAII transaction on the current thread's connection: rolls back unless committed.
class Transaction final
{
    Q_DISABLE_COPY_MOVE(Transaction)
public:
    // Immediate: on SQLite BEGIN IMMEDIATE, which takes the database's write lock at once (waiting
    // up to the busy timeout) instead of at the first write, so rows read first cannot change
    // before the transaction writes. On PostgreSQL a plain BEGIN: lock rows with FOR UPDATE there.
    enum class Mode { Deferred, Immediate };
    explicit Transaction(Database &database, Mode mode = Mode::Deferred);
    ~Transaction();
    bool isActive() const { return m_active; }
    const DbError &beginError() const { return m_beginError; }
    DbError commit();
    // Whether this thread has a Transaction open (a repository call then joins it by a Savepoint).
    static bool openOnThisThread();

private:
    Database &m_database;
    QSqlDatabase m_db;
    bool m_active = false;
    DbError m_beginError;
};

// RAII for Database::lockWriteGate (SQLite only; see there).
class WriteGate final
{
    Q_DISABLE_COPY_MOVE(WriteGate)
public:
    enum class Priority { Normal, Urgent };
    explicit WriteGate(Database &database, Priority priority = Priority::Normal);
    ~WriteGate();

private:
    Database &m_database;
};

// A SAVEPOINT inside the current thread's open transaction (SQLite and PostgreSQL): rollback()
// undoes only the work done since it was set and keeps the transaction usable; release() keeps
// it. Used to apply several events in one transaction while isolating each one's failure.
class Savepoint final
{
    Q_DISABLE_COPY_MOVE(Savepoint)
public:
    explicit Savepoint(Database &database);
    const DbError &beginError() const { return m_beginError; }
    DbError release();
    DbError rollback(); // ROLLBACK TO + RELEASE

private:
    Database &m_database; // statements go through Sql::execUnprepared, which notes failures
    DbError m_beginError;
};

} // namespace Callvia::Models
