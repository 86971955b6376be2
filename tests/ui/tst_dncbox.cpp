// The do-not-call section (issue 25 item 3), offscreen: entries listed with client or "all
// clients", search, Add (normalised to E.164, a bad number named), Import CSV on a worker thread
// (bad rows reported by line and field, the window keeps answering), Remove only for
// administrators and only as a mark; client users read their own client's entries and edit
// nothing. SQLite and PostgreSQL.
#include "../services/leads/leadsharness.h"

#include <common/testdatabase.h>
#include <models/repositories/optoutrepository.h>
#include <ui/admin/dncbox.h>

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace Callvia;

class tst_DncBox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsSearchesAndAdds_data() { Tests::TestDatabase::addBackendRows(); }
    void listsSearchesAndAdds();
    void importsOffTheGuiThreadAndReportsBadRows_data() { Tests::TestDatabase::addBackendRows(); }
    void importsOffTheGuiThreadAndReportsBadRows();
    void rolesShapeTheButtonsAndRows_data() { Tests::TestDatabase::addBackendRows(); }
    void rolesShapeTheButtonsAndRows();

private:
    Models::TestClock m_clock { 1'800'000'000'000 };
    QTemporaryDir m_dir;
};

void tst_DncBox::listsSearchesAndAdds()
{
    CALLVIA_TEST_DATABASE(db);
    const Tests::LeadsFixture f = Tests::LeadsFixture::seed(db, m_clock);
    Ui::DncBox box(db, m_clock, f.staff);
    QCOMPARE(box.table()->rowCount(), 0);
    QVERIFY(box.findChild<QPushButton *>(QStringLiteral("dncAdd"))->isVisibleTo(&box));
    QVERIFY(
        !box.findChild<QPushButton *>(QStringLiteral("dncRemove"))->isVisibleTo(&box)); // staff: no removal
    const QString bad = box.addEntry(QStringLiteral("555-01"), QString(), QString(), 0);
    QVERIFY2(bad.startsWith(QLatin1String("phone:")), qPrintable(bad));
    QCOMPARE(box.messageText(), bad);
    QVERIFY(box.addEntry(QStringLiteral("(415) 555-0134"), QString(), QStringLiteral("asked by phone"), 0)
                .isEmpty());
    QVERIFY(box.addEntry(QString(), QStringLiteral("Ann@Example.com"), QString(), f.clientA).isEmpty());
    QCOMPARE(box.table()->rowCount(), 2);
    QCOMPARE(box.table()->item(1, Ui::DncBox::AddressColumn)->text(), QStringLiteral("+14155550134"));
    QCOMPARE(box.table()->item(1, Ui::DncBox::ClientColumn)->text(), QStringLiteral("all clients"));
    QCOMPARE(box.table()->item(0, Ui::DncBox::ClientColumn)->text(), QStringLiteral("Alpha"));
    QCOMPARE(box.table()->item(0, Ui::DncBox::AddressColumn)->text(), QStringLiteral("ann@example.com"));
    box.setSearch(QStringLiteral("4155550134"));
    QCOMPARE(box.table()->rowCount(), 1);
    box.setSearch(QString());
    QVERIFY(box.addEntry(QStringLiteral("+1 415 555 0134"), QString(), QString(), 0).isEmpty());
    QCOMPARE(box.messageText(), QStringLiteral("Already on the do-not-call list."));
    QCOMPARE(box.table()->rowCount(), 2);
}

void tst_DncBox::importsOffTheGuiThreadAndReportsBadRows()
{
    CALLVIA_TEST_DATABASE(db);
    const Tests::LeadsFixture f = Tests::LeadsFixture::seed(db, m_clock);
    const QString path = m_dir.filePath(QStringLiteral("big.csv"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QByteArray data("phone,email,reason\n");
        for (int i = 0; i < 20000; ++i)
            data += QStringLiteral("+1212%1,,bought list\n").arg(5500000 + i).toUtf8();
        data += "not a phone,,\n"; // line 20002
        data += ",nobody@,\n"; // line 20003
        file.write(data);
    }
    Ui::DncBox box(db, m_clock, f.admin);
    QString report;
    box.setReportShower([&report](QWidget *, const QString &summary, const QString &) { report = summary; });
    QVERIFY(box.startImport(path, 0));
    QVERIFY(box.isImporting());
    // The GUI thread keeps turning while the worker imports: a timer fires on schedule.
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
    timer.start(20);
    QElapsedTimer longest;
    qint64 worst = 0;
    longest.start();
    while (box.isImporting()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        worst = std::max(worst, longest.restart());
        QVERIFY2(ticks < 100000, "import did not finish");
    }
    QVERIFY2(worst < 500, qPrintable(QStringLiteral("the GUI thread was blocked for %1 ms").arg(worst)));
    QVERIFY(ticks > 0);
    QVERIFY2(report.contains(QLatin1String("Row 20002, phone")), qPrintable(report));
    QVERIFY2(report.contains(QLatin1String("Row 20003, email")), qPrintable(report));
    QVERIFY2(box.messageText().contains(QLatin1String("2 rejected")), qPrintable(box.messageText()));
    QCOMPARE(
        Models::OptOutRepository(db, m_clock, Models::TenantScope::agency()).countEntries({}).value(), 20000);
    QVERIFY2(box.findChild<QLabel *>(QStringLiteral("dncCount"))->text().contains(QLatin1String("of 20")),
        qPrintable(box.findChild<QLabel *>(QStringLiteral("dncCount"))->text()));
}

void tst_DncBox::rolesShapeTheButtonsAndRows()
{
    CALLVIA_TEST_DATABASE(db);
    const Tests::LeadsFixture f = Tests::LeadsFixture::seed(db, m_clock);
    Ui::DncBox admin(db, m_clock, f.admin);
    QVERIFY(admin.addEntry(QStringLiteral("+14155550101"), QString(), QString(), 0).isEmpty());
    QVERIFY(admin.addEntry(QStringLiteral("+14155550102"), QString(), QString(), f.clientA).isEmpty());
    QVERIFY(admin.addEntry(QStringLiteral("+14155550103"), QString(), QString(), f.clientB).isEmpty());
    QVERIFY(admin.findChild<QPushButton *>(QStringLiteral("dncRemove"))->isVisibleTo(&admin));
    const qint64 mistaken = admin.rows().at(0).optOut.id; // newest first: client B's
    QVERIFY(!admin.removeEntry(mistaken, QString()).isEmpty()); // a reason is required
    QVERIFY(admin.removeEntry(mistaken, QStringLiteral("wrong client")).isEmpty());
    QCOMPARE(admin.table()->rowCount(), 2);

    Ui::DncBox client(db, m_clock, f.clientUserA);
    QVERIFY(!client.findChild<QPushButton *>(QStringLiteral("dncAdd"))->isVisibleTo(&client));
    QVERIFY(!client.findChild<QPushButton *>(QStringLiteral("dncImport"))->isVisibleTo(&client));
    QVERIFY(!client.findChild<QPushButton *>(QStringLiteral("dncRemove"))->isVisibleTo(&client));
    QCOMPARE(client.table()->rowCount(), 1); // its own entry; not the agency's, not client B's
    QCOMPARE(client.table()->item(0, Ui::DncBox::AddressColumn)->text(), QStringLiteral("+14155550102"));
    QVERIFY(!client.addEntry(QStringLiteral("+14155550104"), QString(), QString(), f.clientA).isEmpty());
}

QTEST_MAIN(tst_DncBox)
#include "tst_dncbox.moc"
