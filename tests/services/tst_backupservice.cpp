#include <common/testdatabase.h>

#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/auditrepository.h>
#include <services/auth/session.h>
#include <services/backup/backupservice.h>

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QScopeGuard>
#include <QtTest>

#include <sys/stat.h>

#include <atomic>
#include <memory>

using namespace Callvia;

class tst_BackupService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void backupWhileWritingKeepsEveryAcknowledgedEvent();
    void keepsTheNewestSeven();
    void backupsAndTheirFolderAreOwnerOnly();
    void schedulesDailyByTheClock();
    void restoreKeepsTheReplacedFileAside();
    void backupsAreAuditedAsTheUserOrTheSchedule();
    void restoreRefusesNewerSchemaAndGarbage();
};

namespace {

// Writes events in small committed transactions on its own connection until stopped.
class Writer final : public QThread
{
public:
    explicit Writer(Models::Database &db) : m_db(db) { }
    std::atomic<int> committed { 0 };
    std::atomic<bool> stop { false };

protected:
    void run() override
    {
        int n = 0;
        while (!stop) {
            QSqlDatabase c = m_db.connection();
            if (!c.isOpen())
                m_db.open();
            c.transaction();
            QSqlQuery q(c);
            q.prepare(QStringLiteral("INSERT INTO events (provider, provider_event_id, event_type, received_at, raw_body) "
                                     "VALUES ('stripe', ?, 'invoice.paid', 0, ?)"));
            q.addBindValue(QStringLiteral("evt_%1").arg(n));
            q.addBindValue(QByteArray(1500, 'x'));
            if (q.exec() && c.commit())
                committed = ++n;
            else
                c.rollback();
        }
        m_db.releaseThreadConnection();
    }

private:
    Models::Database &m_db;
};

int countEvents(const QString &path)
{
    QString error;
    Models::Database db(*Models::DatabaseUrl::parse(path, &error));
    QSqlQuery q(db.connection());
    db.open();
    q.exec(QStringLiteral("SELECT COUNT(*) FROM events"));
    return q.next() ? q.value(0).toInt() : -1;
}

// What most tests start from: a migrated SQLite database, an empty backup folder, a test
// clock (at 2026-01-01 03:00 UTC unless given) and the service over them.
struct Fixture
{
    explicit Fixture(qint64 startMs = QDateTime(QDate(2026, 1, 1), QTime(3, 0), Qt::UTC).toMSecsSinceEpoch())
        : test(Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error)), clock(startMs)
    {
        if (test)
            service = std::make_unique<Services::BackupService>(test->database(), clock, folder.path());
    }
    Models::Database &database() { return test->database(); }

    QString skip, error;
    std::unique_ptr<Tests::TestDatabase> test;
    QTemporaryDir folder;
    Models::TestClock clock;
    std::unique_ptr<Services::BackupService> service;
};

} // namespace

void tst_BackupService::backupWhileWritingKeepsEveryAcknowledgedEvent()
{
    Fixture f(Models::TestClock().nowMs()); // the test clock's own default instant
    QVERIFY2(f.test, qPrintable(f.error));
    Services::BackupService &service = *f.service;
    Models::TestClock &clock = f.clock;
    Writer writer(f.database());
    writer.start();
    QTRY_VERIFY(writer.committed > 200);
    const int acknowledgedBefore = writer.committed;
    const Models::DbResult<QString> path = service.backupNow();
    QTRY_VERIFY(writer.committed > acknowledgedBefore + 50); // the writer kept going during and after
    writer.stop = true;
    writer.wait();
    QVERIFY2(path.ok(), qPrintable(path.error().message()));

    QTemporaryDir restoreDir;
    const QString restored = restoreDir.filePath(QStringLiteral("restored.sqlite"));
    const Models::DbResult<QString> aside = Services::BackupService::restore(path.value(), restored, clock);
    QVERIFY2(aside.ok(), qPrintable(aside.error().message()));
    QVERIFY(aside.value().isEmpty()); // nothing was there to replace
    QString parseError;
    Models::Database db(*Models::DatabaseUrl::parse(restored, &parseError));
    QCOMPARE(db.integrityCheck().value(), QStringLiteral("ok"));
    db.closeAllConnections();
    const int inBackup = countEvents(restored);
    QVERIFY2(inBackup >= acknowledgedBefore, qPrintable(QStringLiteral("%1 < %2").arg(inBackup).arg(acknowledgedBefore)));
    QVERIFY(inBackup <= writer.committed);
}

void tst_BackupService::backupsAndTheirFolderAreOwnerOnly()
{
    const mode_t previous = ::umask(022);
    auto restore = qScopeGuard([previous] { ::umask(previous); });
    Fixture f;
    QVERIFY2(f.test, qPrintable(f.error));
    const QString folder = f.folder.filePath(QStringLiteral("backups"));
    Services::BackupService service(f.database(), f.clock, folder);
    const Models::DbResult<QString> path = service.backupNow();
    QVERIFY2(path.ok(), qPrintable(path.error().message()));
    constexpr QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    QVERIFY(!(QFile::permissions(path.value()) & others));
    QVERIFY(!(QFile::permissions(folder) & others));
}

void tst_BackupService::keepsTheNewestSeven()
{
    Fixture f;
    QVERIFY2(f.test, qPrintable(f.error));
    Services::BackupService &service = *f.service;
    Models::TestClock &clock = f.clock;
    QStringList made;
    for (int day = 0; day < 10; ++day) {
        made << service.backupNow().value();
        clock.advanceSeconds(24 * 3600);
    }
    const QStringList kept = service.backups();
    QCOMPARE(kept.size(), 7);
    QCOMPARE(kept.first(), made.last());
    QVERIFY(kept.first().endsWith(QLatin1String("callvia-20260110-030000.sqlite")));
    QVERIFY(!QFile::exists(made.first()));
}

void tst_BackupService::backupsAreAuditedAsTheUserOrTheSchedule()
{
    Fixture f;
    QVERIFY2(f.test, qPrintable(f.error));
    Services::BackupService &service = *f.service;
    Models::TestClock &clock = f.clock;
    const Services::Session dana(0, QStringLiteral("dana"), Services::Session::Role::Admin, 0);
    const QString asked = service.backupNow(&dana).value();
    clock.advanceSeconds(24 * 3600);
    service.runIfDue();
    const auto audit = Models::AuditRepository(f.database(), Models::TenantScope::agency()).list(QStringLiteral("database.backup")).value();
    QCOMPARE(audit.size(), 2);
    QStringList seen;
    for (const Models::AuditRecord &entry : audit)
        seen << entry.username + QLatin1Char(' ') + entry.afterJson;
    seen.sort();
    QVERIFY2(seen.at(0).startsWith(QLatin1String(" ")) && seen.at(0).contains(QLatin1String("\"by\":\"schedule\"")),
             qPrintable(seen.join(QLatin1Char('\n'))));
    QVERIFY2(seen.at(1).startsWith(QLatin1String("dana ")) && seen.at(1).contains(QFileInfo(asked).fileName())
                     && !seen.at(1).contains(QLatin1String("schedule")),
             qPrintable(seen.join(QLatin1Char('\n'))));
}

void tst_BackupService::schedulesDailyByTheClock()
{
    Fixture f;
    QVERIFY2(f.test, qPrintable(f.error));
    Services::BackupService &service = *f.service;
    Models::TestClock &clock = f.clock;
    service.runIfDue();
    QCOMPARE(service.backups().size(), 1); // none yet: due at once
    clock.advanceSeconds(23 * 3600);
    service.runIfDue();
    QCOMPARE(service.backups().size(), 1);
    clock.advanceSeconds(3600);
    service.runIfDue();
    QCOMPARE(service.backups().size(), 2);
}

void tst_BackupService::restoreKeepsTheReplacedFileAside()
{
    QTemporaryDir dir;
    const QString live = dir.filePath(QStringLiteral("live.sqlite"));
    const QString backup = dir.filePath(QStringLiteral("backup.sqlite"));
    QString parseError;
    {
        Models::Database db(*Models::DatabaseUrl::parse(live, &parseError));
        QVERIFY(!db.migrate());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO settings (key, value, is_secret, updated_at) VALUES ('era', 'old', 0, 0)")));
        QVERIFY(!db.backupTo(backup));
        QVERIFY(q.exec(QStringLiteral("UPDATE settings SET value = 'new' WHERE key = 'era'")));
    }
    Models::TestClock clock(QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6), Qt::UTC));
    const Models::DbResult<QString> aside = Services::BackupService::restore(backup, live, clock);
    QVERIFY2(aside.ok(), qPrintable(aside.error().message()));
    QCOMPARE(aside.value(), live + QStringLiteral(".replaced-20260203-040506"));
    Models::Database restored(*Models::DatabaseUrl::parse(live, &parseError));
    QSqlQuery q(restored.connection());
    restored.open();
    QVERIFY(q.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'era'")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("old"));
    Models::Database previous(*Models::DatabaseUrl::parse(aside.value(), &parseError));
    QSqlQuery p(previous.connection());
    previous.open();
    QVERIFY(p.exec(QStringLiteral("SELECT value FROM settings WHERE key = 'era'")) && p.next());
    QCOMPARE(p.value(0).toString(), QStringLiteral("new"));
}

void tst_BackupService::restoreRefusesNewerSchemaAndGarbage()
{
    QTemporaryDir dir;
    const QString live = dir.filePath(QStringLiteral("live.sqlite"));
    const QString future = dir.filePath(QStringLiteral("future.sqlite"));
    const QString garbage = dir.filePath(QStringLiteral("garbage.sqlite"));
    QString parseError;
    {
        Models::Database db(*Models::DatabaseUrl::parse(future, &parseError));
        QVERIFY(!db.migrate());
        QSqlQuery q(db.connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO schema_version VALUES (99, 0, 'future')")));
    }
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(5000, 'g'));
    file.close();
    QFile original(live);
    QVERIFY(original.open(QIODevice::WriteOnly));
    original.write("live data");
    original.close();
    Models::TestClock clock;
    const auto refusedFuture = Services::BackupService::restore(future, live, clock);
    QVERIFY(!refusedFuture.ok());
    QVERIFY2(refusedFuture.error().message().contains(QLatin1String("newer")), qPrintable(refusedFuture.error().message()));
    QVERIFY(!Services::BackupService::restore(garbage, live, clock).ok());
    QVERIFY(!Services::BackupService::restore(dir.filePath(QStringLiteral("missing.sqlite")), live, clock).ok());
    QVERIFY(original.open(QIODevice::ReadOnly));
    QCOMPARE(original.readAll(), QByteArray("live data")); // untouched
}

QTEST_GUILESS_MAIN(tst_BackupService)
#include "tst_backupservice.moc"
