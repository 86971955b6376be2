#include <common/testdatabase.h>

#include <models/campaigntablemodel.h>
#include <models/clienttablemodel.h>
#include <models/clock.h>
#include <services/demodata.h>
#include <ui/campaignsview.h>
#include <ui/clientsview.h>
#include <ui/mainwindow.h>

#include <QLabel>
#include <QListWidget>
#include <QtTest>

using namespace Callvia;

class tst_MainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsEverySectionAndRealData();
    void databaseBannerNamesTheFileAndClears();
};

void tst_MainWindow::showsEverySectionAndRealData()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::TestClock clock;
    QVERIFY(!Services::DemoData(test->database(), clock).load());
    Ui::MainWindow window(test->database(), clock, Models::TenantScope::agency(), true);
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
    Ui::MainWindow window(test->database(), clock, Models::TenantScope::agency(), true);
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

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
