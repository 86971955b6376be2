#include "database.h"

#include "sqlhelpers.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include <QDateTime>
#include <QDir>

#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

Q_LOGGING_CATEGORY(lcDatabase, "callvia.database")

namespace Callvia::Models {

namespace {

// Splits a migration file into statements. Statements end with ';' at end of line, except
// inside a trigger body (BEGIN ... END;) or a PostgreSQL dollar-quoted body ($$ ... $$;).
QStringList splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    bool inDollar = false;
    bool inTrigger = false;
    const QStringList lines = script.split(QLatin1Char('\n'));
    for (const QString &rawLine : lines) {
        const QString line = rawLine.trimmed();
        if (current.isEmpty() && (line.isEmpty() || line.startsWith(QLatin1String("--"))))
            continue;
        current += rawLine + QLatin1Char('\n');
        if (line.count(QLatin1String("$$")) % 2 == 1)
            inDollar = !inDollar;
        if (!inDollar && line.startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive))
            inTrigger = true;
        const bool ends = line.endsWith(QLatin1Char(';'));
        if (!ends || inDollar)
            continue;
        if (inTrigger && !line.startsWith(QLatin1String("END"), Qt::CaseInsensitive))
            continue;
        inTrigger = false;
        statements << current.trimmed();
        current.clear();
    }
    if (!current.trimmed().isEmpty())
        statements << current.trimmed();
    return statements;
}

// Transactions open on this thread (any Database): a stale connection is only reopened outside
// one, so statements of a transaction never silently continue on a fresh autocommit connection.
thread_local int t_openTransactions = 0;

} // namespace

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &text, QString *error)
{
    DatabaseUrl url;
    if (text.startsWith(QLatin1String("postgresql://")) || text.startsWith(QLatin1String("postgres://"))) {
        const QUrl parsed(text, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty() || parsed.path().size() < 2) {
            if (error)
                *error = QStringLiteral("invalid PostgreSQL URL (expected postgresql://user:pass@host:port/db)");
            return std::nullopt;
        }
        url.dialect = Dialect::PostgreSql;
        url.host = parsed.host();
        url.port = parsed.port(5432);
        url.user = parsed.userName();
        url.password = parsed.password();
        url.name = parsed.path().mid(1);
        QStringList options;
        const auto items = QUrlQuery(parsed).queryItems(QUrl::FullyDecoded);
        for (const auto &item : items)
            options << item.first + QLatin1Char('=') + item.second;
        url.options = options.join(QLatin1Char(';'));
        return url;
    }
    QString path = text;
    if (path.startsWith(QLatin1String("sqlite://")))
        path = path.mid(9);
    else if (path.startsWith(QLatin1String("file:")))
        path = QUrl(text).toLocalFile();
    if (path.trimmed().isEmpty()) {
        if (error)
            *error = QStringLiteral("empty database path");
        return std::nullopt;
    }
    url.dialect = Dialect::Sqlite;
    url.path = QFileInfo(path).absoluteFilePath();
    return url;
}

QString DatabaseUrl::defaultSqlitePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() : dir).filePath(QStringLiteral("callvia.sqlite"));
}

QStringList DatabaseUrl::argumentsWithoutPassword(const QStringList &arguments, QString *password)
{
    QStringList result;
    for (int i = 0; i < arguments.size(); ++i) {
        QString argument = arguments.at(i);
        const bool inline_ = argument.startsWith(QLatin1String("--database="));
        const bool next = argument == QLatin1String("--database") && i + 1 < arguments.size();
        if (next) {
            result << argument;
            argument = arguments.at(++i);
        }
        const QString prefix = inline_ ? QStringLiteral("--database=") : QString();
        QUrl url(argument.mid(prefix.size()), QUrl::StrictMode);
        if ((inline_ || next) && url.isValid() && url.scheme().startsWith(QLatin1String("postgres"))
            && !url.password().isEmpty()) {
            *password = url.password();
            url.setPassword({});
            argument = prefix + url.toString();
        }
        result << argument;
    }
    return result;
}

QString DatabaseUrl::displayName() const
{
    if (dialect == Dialect::Sqlite)
        return path;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host, QString::number(port), name);
}

Database::Database(DatabaseUrl url)
    : m_url(std::move(url))
    , m_prefix(QStringLiteral("callvia-") + QUuid::createUuid().toString(QUuid::Id128))
    , m_health(std::make_unique<DatabaseHealth>())
{
}

struct Database::Statements
{
    static constexpr size_t Limit = 256; // SQL built with a client id in it varies: bounded, cleared when full
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> queries;
};

void Database::dropStatementsLocked(const QString &connectionName)
{
    if (const std::shared_ptr<Statements> set = m_statements.take(connectionName))
        set->queries.clear(); // finalized before their connection closes
}

QSqlQuery *Database::cachedStatement(const QString &sql, DbError *error)
{
    QSqlDatabase db = connection();
    if (!db.isOpen()) {
        if (DbError e = open()) {
            *error = e;
            return nullptr;
        }
        db = connection();
    }
    std::shared_ptr<Statements> set;
    {
        QMutexLocker lock(&m_mutex);
        std::shared_ptr<Statements> &slot = m_statements[db.connectionName()];
        if (!slot)
            slot = std::make_shared<Statements>();
        set = slot;
    }
    const auto found = set->queries.find(sql);
    if (found != set->queries.end())
        return found->second.get();
    if (set->queries.size() >= Statements::Limit)
        set->queries.clear();
    auto query = std::make_unique<QSqlQuery>(db);
    query->setForwardOnly(true);
    if (!query->prepare(sql)) {
        *error = DbError::fromSql(query->lastError());
        noteFailure(*error);
        return nullptr;
    }
    QSqlQuery *kept = query.get();
    set->queries.emplace(sql, std::move(query));
    return kept;
}

Database::~Database()
{
    closeAllConnections();
}

void Database::closeAllConnections()
{
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_connections)) {
        dropStatementsLocked(name);
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();
    m_stale.clear();
}

QSqlDatabase Database::connection()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.value(thread);
        if (name.isEmpty()) {
            name = m_prefix + QLatin1Char('-') + QString::number(reinterpret_cast<quintptr>(thread));
            m_connections.insert(thread, name);
        }
    }
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (t_openTransactions == 0) {
            bool stale = false;
            {
                QMutexLocker lock(&m_mutex);
                stale = m_stale.remove(name);
                if (stale)
                    dropStatementsLocked(name);
            }
            if (stale && db.isOpen()) {
                qCInfo(lcDatabase).noquote() << "reopening the connection to" << m_url.displayName() << "after an error";
                db.close(); // the caller's open() reconnects
            }
        }
        if (!isSqlite() && t_openTransactions == 0) {
            QMutexLocker lock(&m_mutex);
            if (m_connectionLogin.value(name) != m_loginGeneration) {
                // setLogin: reconnect as the new role (the caller's open() does).
                dropStatementsLocked(name);
                db.close();
                db.setUserName(m_url.user);
                db.setPassword(m_url.password);
                m_connectionLogin.insert(name, m_loginGeneration);
            }
        }
        return db;
    }
    QMutexLocker lock(&m_mutex);
    m_connectionLogin.insert(name, m_loginGeneration);
    return m_url.addConnection(name);
}

QSqlDatabase DatabaseUrl::addConnection(const QString &connectionName) const
{
    const bool sqlite = dialect == Dialect::Sqlite;
    QSqlDatabase db = QSqlDatabase::addDatabase(sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"),
                                                connectionName);
    if (sqlite) {
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        db.setHostName(host);
        db.setPort(port);
        db.setUserName(user);
        db.setPassword(password);
        db.setDatabaseName(name);
        QString connectOptions = QStringLiteral("connect_timeout=5");
        if (!options.isEmpty())
            connectOptions += QLatin1Char(';') + options;
        db.setConnectOptions(connectOptions);
    }
    return db;
}

void Database::releaseThreadConnection()
{
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.take(QThread::currentThreadId());
        m_stale.remove(name);
        dropStatementsLocked(name);
    }
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void Database::noteFailure(const DbError &error)
{
    if (error.kind() != DbError::Unavailable)
        return;
    m_health->reportFailure(error, m_url.displayName());
    QMutexLocker lock(&m_mutex);
    const QString name = m_connections.value(QThread::currentThreadId());
    if (!name.isEmpty())
        m_stale.insert(name);
}

namespace {

constexpr QFileDevice::Permissions OwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The database holds leads' personal data and secrets' ciphertext: only its owner may read it.
// SQLite creates the -wal and -shm files with the database file's permissions, so creating the
// database 0600 covers them; existing files (from an older Callvia) are tightened.
bool makePrivateFile(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly))
            return QFileInfo::exists(path); // another connection created it first
        return true;
    }
    for (const char *suffix : { "", "-wal", "-shm", "-journal" }) {
        const QString file = path + QLatin1String(suffix);
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
                | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        const QFileDevice::Permissions current = QFile::permissions(file);
        if (QFileInfo::exists(file) && (current & others)) // drop group/other, keep the owner's bits (read-only stays so)
            QFile::setPermissions(file, current & ~others);
    }
    return true;
}

} // namespace

bool Database::makePrivateFolder(const QString &path)
{
    if (QFileInfo(path).isDir())
        return true;
    if (!QDir().mkpath(path))
        return false;
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

DbError Database::openConnection(QSqlDatabase &db)
{
    if (db.isOpen())
        return {};
    if (isSqlite()) {
        const QFileInfo info(m_url.path);
        if (!makePrivateFolder(info.absolutePath()))
            return { DbError::Unavailable, QStringLiteral("cannot create folder %1").arg(info.absolutePath()) };
        if (!makePrivateFile(m_url.path))
            return { DbError::Unavailable, QStringLiteral("cannot create %1").arg(m_url.path) };
    }
    {
        // Statements kept for this connection were prepared in the session it had before: a new
        // session does not know them.
        QMutexLocker lock(&m_mutex);
        dropStatementsLocked(db.connectionName());
    }
    if (!db.open()) {
        DbError error = DbError::fromSql(db.lastError());
        return { DbError::Unavailable,
                 QStringLiteral("cannot open %1: %2").arg(m_url.displayName(), error.message()) };
    }
    if (isSqlite()) {
        QSqlQuery pragma(db);
        // synchronous=FULL: a webhook we answered 2xx for must survive a power cut too.
        // cache_size: SQLite's default page cache is 2 MB a connection; a database of 100,000
        // appointments and their calls is some hundred MB, and a pass over it re-read its index
        // pages from the OS on every look-up (bench_verification). Up to 64 MB a connection, used
        // only as pages are read.
        const char *pragmas[] = { "PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                                  "PRAGMA synchronous = FULL", "PRAGMA temp_store = MEMORY",
                                  "PRAGMA cache_size = -65536" };
        for (const char *statement : pragmas) {
            if (!pragma.exec(QString::fromLatin1(statement))) {
                DbError error = DbError::fromSql(pragma.lastError());
                db.close();
                return { DbError::Unavailable,
                         QStringLiteral("%1 is not a usable SQLite database: %2")
                                 .arg(m_url.path, error.message()) };
            }
        }
    } else {
        QSqlQuery setup(db);
        setup.exec(QStringLiteral("SET TIME ZONE 'UTC'"));
        // Hot statements are kept prepared (Database::cachedStatement). After five runs PostgreSQL
        // may switch a prepared statement to a generic plan, made without the bound values: for
        // the show check's call look-up that was a scan of call_logs per appointment (20 ms each
        // instead of 1 ms in bench_verification). A plan for each run's values keeps the saved
        // round trips without that risk.
        setup.exec(QStringLiteral("SET plan_cache_mode = force_custom_plan"));
        // No session-level tenant setting: on PostgreSQL the connected role is the tenant
        // (008_tenancy_by_roles.sql), which a statement on this connection cannot change.
    }
    return {};
}

void Database::setLogin(const QString &user, const QString &password)
{
    if (isSqlite())
        return;
    QMutexLocker lock(&m_mutex);
    m_url.user = user;
    m_url.password = password;
    ++m_loginGeneration;
}

DbResult<bool> Database::bypassesRowSecurity()
{
    if (isSqlite())
        return false;
    QSqlDatabase db = connection();
    if (DbError error = openConnection(db))
        return error;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"))
        || !query.next())
        return DbError::fromSql(query.lastError());
    return query.value(0).toBool();
}

DbError Database::open()
{
    QSqlDatabase db = connection();
    DbError error = openConnection(db);
    if (error)
        m_health->reportFailure(error, m_url.displayName());
    return error;
}

DbError Database::ping()
{
    QSqlDatabase db = connection();
    if (DbError error = openConnection(db))
        return error;
    // Reading sqlite_master touches the file (SELECT 1 alone would not notice a corrupt one).
    const QString probe = isSqlite() ? QStringLiteral("SELECT count(*) FROM sqlite_master") : QStringLiteral("SELECT 1");
    {
        QSqlQuery query(db);
        if (query.exec(probe))
            return {};
    }
    if (t_openTransactions > 0)
        return { DbError::Unavailable, QStringLiteral("%1: connection lost").arg(m_url.displayName()) };
    {
        QMutexLocker lock(&m_mutex);
        dropStatementsLocked(db.connectionName());
    }
    db.close(); // the server may have restarted, or the file may be usable again: reopen once
    if (DbError reopen = openConnection(db))
        return reopen;
    QSqlQuery again(db);
    if (again.exec(probe))
        return {};
    const DbError error = DbError::fromSql(again.lastError());
    return { DbError::Unavailable, QStringLiteral("%1: %2").arg(m_url.displayName(), error.message()) };
}

DbError Database::probeHealth()
{
    DbError error = ping();
    if (!error && isSqlite()) {
        Transaction transaction(*this, Transaction::Mode::Immediate);
        error = transaction.beginError();
        if (!error) {
            const auto written = Sql::exec(*this,
                QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES ('database.health_probe', '', ?) "
                               "ON CONFLICT (key) DO UPDATE SET updated_at = excluded.updated_at"),
                { QDateTime::currentMSecsSinceEpoch() });
            error = written.ok() ? transaction.commit() : written.error();
        }
    }
    if (error)
        noteFailure(error);
    else
        m_health->reportRecovered();
    return error;
}

DbError Database::backupTo(const QString &path)
{
    if (!isSqlite())
        return { DbError::Invalid, QStringLiteral("online backup is for SQLite; use pg_dump for PostgreSQL") };
    if (QFileInfo::exists(path))
        return { DbError::Invalid, QStringLiteral("%1 already exists").arg(path) };
    QSqlDatabase db = connection();
    if (DbError error = openConnection(db))
        return error;
    {
        // VACUUM INTO writes into an existing empty file with its permissions: owner only.
        QFile target(path);
        if (!target.open(QIODevice::WriteOnly | QIODevice::NewOnly, OwnerOnly))
            return { DbError::Unavailable, QStringLiteral("cannot create %1: %2").arg(path, target.errorString()) };
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("VACUUM INTO ?"));
    query.addBindValue(QFileInfo(path).absoluteFilePath());
    if (!query.exec()) {
        const DbError error = DbError::fromSql(query.lastError());
        QFile::remove(path);
        return { DbError::Unavailable, QStringLiteral("backup to %1 failed: %2").arg(path, error.message()) };
    }
    return {};
}

DbResult<QString> Database::integrityCheck()
{
    if (!isSqlite())
        return DbError(DbError::Invalid, QStringLiteral("integrity_check is for SQLite"));
    QSqlDatabase db = connection();
    if (DbError error = openConnection(db))
        return error;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA integrity_check")))
        return DbError::fromSql(query.lastError());
    QStringList problems;
    while (query.next())
        problems << query.value(0).toString();
    return problems.join(QLatin1Char('\n'));
}

DbResult<int> Database::schemaVersion()
{
    QSqlDatabase db = connection();
    if (DbError error = openConnection(db))
        return error;
    const QStringList tables = db.tables();
    if (!tables.contains(QStringLiteral("schema_version"))) {
        // A file with tables but no schema_version is not ours: never touch it.
        if (!tables.isEmpty())
            return DbError(DbError::Invalid,
                           QStringLiteral("%1 holds tables that are not a Callvia database")
                                   .arg(m_url.displayName()));
        return 0;
    }
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_version")) || !query.next())
        return DbError::fromSql(query.lastError());
    return query.value(0).toInt();
}

DbError Database::migrate(int upTo)
{
    const DbResult<int> current = schemaVersion();
    if (!current.ok())
        return current.error();
    if (current.value() > LatestSchemaVersion) {
        return { DbError::Invalid,
                 QStringLiteral("%1 has schema version %2, newer than this Callvia understands (%3). "
                                "Upgrade Callvia; the database was not changed.")
                         .arg(m_url.displayName())
                         .arg(current.value())
                         .arg(LatestSchemaVersion) };
    }
    const QString dir = isSqlite() ? QStringLiteral(":/sql/sqlite/") : QStringLiteral(":/sql/postgresql/");
    const QStringList files = QDir(dir).entryList({ QStringLiteral("*.sql") }, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const int version = file.section(QLatin1Char('_'), 0, 0).toInt();
        if (version <= current.value() || version > std::min(upTo, LatestSchemaVersion))
            continue;
        if (DbError error = applyMigration(version, dir + file))
            return error;
        qCInfo(lcDatabase) << "applied migration" << file << "to" << m_url.displayName();
    }
    return {};
}

DbError Database::applyMigration(int version, const QString &resource)
{
    QFile file(resource);
    if (!file.open(QIODevice::ReadOnly))
        return { DbError::Other, QStringLiteral("missing migration %1").arg(resource) };
    const QString script = QString::fromUtf8(file.readAll());
    // A SQLite table rebuild (drop the old table, rename the new one) must run with foreign
    // keys off, or dropping the old table would delete through its references. The pragma is
    // a no-op inside a transaction, so it is switched around it; the references are checked
    // before the commit instead.
    const bool foreignKeysOff = isSqlite() && script.startsWith(QLatin1String("-- callvia: foreign_keys off"));
    QSqlQuery pragma(connection());
    if (foreignKeysOff && !pragma.exec(QStringLiteral("PRAGMA foreign_keys = OFF")))
        return DbError::fromSql(pragma.lastError());
    pragma.finish();
    const DbError error = runMigration(version, resource, splitStatements(script), foreignKeysOff);
    if (foreignKeysOff && !pragma.exec(QStringLiteral("PRAGMA foreign_keys = ON")) && !error)
        return DbError::fromSql(pragma.lastError());
    return error;
}

DbError Database::runMigration(int version, const QString &resource, const QStringList &statements,
                               bool checkForeignKeys)
{
    Transaction transaction(*this);
    if (!transaction.isActive())
        return transaction.beginError();
    QSqlQuery query(connection());
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            const DbError error = DbError::fromSql(query.lastError());
            return { error.kind() == DbError::Unavailable ? DbError::Unavailable : DbError::Other,
                     QStringLiteral("migration %1 failed: %2\n%3").arg(resource, error.message(), statement) };
        }
    }
    if (checkForeignKeys) {
        if (!query.exec(QStringLiteral("PRAGMA foreign_key_check")))
            return DbError::fromSql(query.lastError());
        if (query.next())
            return { DbError::Other,
                     QStringLiteral("migration %1 failed: a row of %2 refers to a missing row of %3")
                             .arg(resource, query.value(0).toString(), query.value(2).toString()) };
    }
    query.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_at, description) VALUES (?, ?, ?)"));
    query.addBindValue(version);
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    query.addBindValue(QFileInfo(resource).baseName());
    if (!query.exec())
        return DbError::fromSql(query.lastError());
    return transaction.commit();
}

Transaction::Transaction(Database &database, Mode mode) : m_database(database), m_db(database.connection())
{
    if (DbError error = database.open()) {
        m_beginError = error;
        return;
    }
    QSqlError beginError;
    if (mode == Mode::Immediate && database.isSqlite()) {
        QSqlQuery begin(m_db);
        m_active = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        beginError = begin.lastError();
    } else {
        m_active = m_db.transaction();
        beginError = m_db.lastError();
    }
    if (!m_active) {
        m_beginError = DbError::fromSql(beginError);
        if (!m_beginError)
            m_beginError = { DbError::Unavailable, QStringLiteral("cannot begin a transaction") };
        database.noteFailure(m_beginError);
        return;
    }
    ++t_openTransactions;
}

bool Transaction::openOnThisThread()
{
    return t_openTransactions > 0;
}

Transaction::~Transaction()
{
    if (m_active) {
        m_db.rollback();
        --t_openTransactions;
    }
}

DbError Transaction::commit()
{
    if (!m_active)
        return m_beginError ? m_beginError : DbError(DbError::Other, QStringLiteral("no transaction"));
    m_active = false;
    --t_openTransactions;
    if (!m_db.commit()) {
        DbError error = DbError::fromSql(m_db.lastError());
        m_db.rollback();
        if (!error)
            error = DbError(DbError::Unavailable, QStringLiteral("commit failed"));
        m_database.noteFailure(error);
        return error;
    }
    return {};
}

void Database::lockWriteGate(bool urgent)
{
    if (!isSqlite())
        return;
    if (urgent)
        m_urgentWriters.fetch_add(1, std::memory_order_relaxed);
    m_writeGate.lock();
    if (urgent) {
        m_urgentWriters.fetch_sub(1, std::memory_order_relaxed);
        m_lastUrgentNs.store(std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count(), std::memory_order_relaxed);
    }
}

bool Database::urgentWriterRecent(int ms) const
{
    const qint64 last = m_lastUrgentNs.load(std::memory_order_relaxed);
    const qint64 now = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    return last != 0 && (now - last) < qint64(ms) * 1'000'000;
}

void Database::unlockWriteGate()
{
    if (isSqlite())
        m_writeGate.unlock();
}

WriteGate::WriteGate(Database &database, Priority priority) : m_database(database)
{
    m_database.lockWriteGate(priority == Priority::Urgent);
}

WriteGate::~WriteGate()
{
    m_database.unlockWriteGate();
}

namespace {

const QString SavepointName = QStringLiteral("callvia_item");

// SQLite prepares SAVEPOINT like any statement, so a grouped pass (a savepoint per unit) keeps
// them prepared; PostgreSQL cannot PREPARE one, so there it is sent as plain text.
DbError runSavepointStatement(Database &database, const QString &sql)
{
    if (!database.isSqlite())
        return Sql::execUnprepared(database, sql);
    DbResult<int> done = Sql::execAffected(database, sql);
    return done.ok() ? DbError() : done.error();
}

} // namespace

Savepoint::Savepoint(Database &database) : m_database(database)
{
    m_beginError = runSavepointStatement(m_database, QStringLiteral("SAVEPOINT ") + SavepointName);
}

DbError Savepoint::release()
{
    return runSavepointStatement(m_database, QStringLiteral("RELEASE SAVEPOINT ") + SavepointName);
}

DbError Savepoint::rollback()
{
    if (DbError error = runSavepointStatement(m_database, QStringLiteral("ROLLBACK TO SAVEPOINT ") + SavepointName))
        return error;
    return release();
}

} // namespace Callvia::Models
