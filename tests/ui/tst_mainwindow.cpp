#include <common/testdatabase.h>

#include <models/itemmodels/campaigntablemodel.h>
#include <models/itemmodels/clienttablemodel.h>
#include <models/clock.h>
#include <services/auth/session.h>
#include <services/databasehealthmonitor.h>
#include <services/demodata.h>
#include <ui/campaigns/campaignsview.h>
#include <ui/clients/clientsview.h>
#include <ui/shell/mainwindow.h>

#include <QLabel>
#include <QListWidget>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace Callvia;

class tst_MainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsEverySectionAndRealData();
    void databaseBannerNamesTheFileAndClears();
    void anyFailedDatabaseCallShowsTheBannerUntilTheDatabaseAnswers();
};

void tst_MainWindow::showsEverySectionAndRealData()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::TestClock clock;
    QVERIFY(!Services::DemoData(test->database(), clock).load());
    Ui::MainWindow window(test->database(), clock, Services::Session::system());
    window.show();
    auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(navigation);
    QStringList names;
    for (int i = 0; i < navigation->count(); ++i)
        names << navigation->item(i)->text();
    QCOMPARE(names, (QStringList { "Dashboard", "Campaigns", "Leads", "Appointments", "Billing", "Clients", "Admin" }));
    QCOMPARE(window.currentSection(), Ui::MainWindow::Campaigns);
    QVERIFY(window.campaignsView()->model()->rowCount() >= 8);
    QVERIFY(window.clientsView()->model()->rowCount() >= 3);
    window.showSection(Ui::MainWindow::Dashboard);
    const auto *placeholder = window.sectionWidget(Ui::MainWindow::Dashboard)->findChild<QLabel *>(QStringLiteral("placeholderText"));
    QVERIFY(placeholder);
    QVERIFY(placeholder->text().startsWith(QLatin1String("Not built yet")));
}

void tst_MainWindow::databaseBannerNamesTheFileAndClears()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::TestClock clock;
    Ui::MainWindow window(test->database(), clock, Services::Session::system());
    window.show();
    auto *banner = window.findChild<QLabel *>(QStringLiteral("databaseBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    const QString fault = QStringLiteral("cannot store webhooks in %1: database or disk is full").arg(test->database().url().path);
    window.showDatabaseHealth(false, fault);
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(test->database().url().path));
    QVERIFY(banner->text().contains(QLatin1String("database or disk is full")));
    window.showDatabaseHealth(true, QString());
    QVERIFY(!banner->isVisible());
    QVERIFY(banner->text().isEmpty());
}

// Not a webhook: the Clients view's own query fails while another process holds the SQLite file
// locked. The banner shows, and clears by itself (the monitor's probe) once the lock is gone.
void tst_MainWindow::anyFailedDatabaseCallShowsTheBannerUntilTheDatabaseAnswers()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::TestClock clock;
    QVERIFY(!Services::DemoData(test->database(), clock).load());
    Ui::MainWindow window(test->database(), clock, Services::Session::system());
    Services::DatabaseHealthMonitor monitor(test->database());
    monitor.setInterval(50);
    window.watchDatabaseHealth(test->database().health());
    window.show();
    auto *banner = window.findChild<QLabel *>(QStringLiteral("databaseBanner"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    test->database().closeAllConnections(); // the window reopens its connection at its next query
    {
        // Exclusive locking mode in WAL (taken while no other connection has the file open): the
        // first read takes a lock that blocks every other connection, even from opening.
        QSqlDatabase locker = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("locker"));
        locker.setDatabaseName(test->sqlitePath());
        QVERIFY(locker.open());
        QSqlQuery lock(locker);
        QVERIFY(lock.exec(QStringLiteral("PRAGMA locking_mode = EXCLUSIVE")));
        QVERIFY2(lock.exec(QStringLiteral("BEGIN EXCLUSIVE")), qPrintable(lock.lastError().text()));
        QVERIFY(lock.exec(QStringLiteral("SELECT count(*) FROM clients")));
        lock.finish();
        QTimer closer; // the view also says so in a message box: close it when it comes
        connect(&closer, &QTimer::timeout, [] {
            if (QWidget *box = QApplication::activeModalWidget())
                box->close();
        });
        closer.start(100);
        window.clientsView()->refresh(); // waits out the busy timeout, then fails as Unavailable
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(test->sqlitePath()));
        QVERIFY(banner->text().contains(QLatin1String("locked")));
        QVERIFY(!test->database().health().isHealthy());
        lock.exec(QStringLiteral("ROLLBACK"));
        locker.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("locker"));
    QTRY_VERIFY_WITH_TIMEOUT(!banner->isVisible(), 20000); // no new call needed: the probe clears it
    QVERIFY(test->database().health().isHealthy());
    window.clientsView()->refresh();
    QVERIFY(window.clientsView()->model()->rowCount() >= 3);
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
