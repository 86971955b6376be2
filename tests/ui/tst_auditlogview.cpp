// The Admin console's audit log (issue 24 item 3): filters by user, action, client and day range
// change the rows; pages of AuditLogView::PageSize entries, newest first, with the total; the
// details column and the selected entry say what changed; a client user's view lists only their
// client's entries; reads also work through the reader thread.
#include <common/testdatabase.h>

#include <models/clock.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/clientrepository.h>
#include <services/servicethread.h>
#include <ui/admin/auditlogview.h>

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;
using namespace Callvia::Services;

class tst_AuditLogView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup() { m_test.reset(); }
    void filtersChangeTheRows();
    void pagesThroughALongLog();
    void detailsSayWhatChanged();
    void clientUserSeesOnlyTheirClient();
    void readsOnTheReaderThread();

private:
    Session admin() const { return Session(1, QStringLiteral("root"), Session::Role::Admin, 0); }
    void add(const QString &user, const QString &action, qint64 clientId, qint64 at, const QJsonObject &before = {},
             const QJsonObject &after = {})
    {
        AuditRecord entry;
        entry.username = user;
        entry.action = action;
        entry.clientId = clientId;
        entry.entity = QStringLiteral("thing");
        entry.entityId = QStringLiteral("1");
        entry.beforeJson = before.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(before).toJson());
        entry.afterJson = after.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(after).toJson());
        entry.at = at;
        QVERIFY(AuditRepository(m_test->database(), TenantScope::agency()).insert(entry).ok());
    }
    QStringList column(const Ui::AuditLogView &view, int column) const
    {
        QStringList cells;
        for (int row = 0; row < view.table()->rowCount(); ++row)
            cells << view.table()->item(row, column)->text();
        return cells;
    }

    static constexpr qint64 Day = 86'400'000;
    TestClock m_clock { 1'750'032'000'000 }; // 2025-06-16 00:00 UTC
    std::unique_ptr<Tests::TestDatabase> m_test;
    qint64 m_sunrise = 0;
    qint64 m_harbor = 0;
};

void tst_AuditLogView::init()
{
    QString skip, error;
    m_test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(m_test, qPrintable(error));
    ClientRepository clients(m_test->database(), m_clock, TenantScope::agency());
    ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    m_sunrise = clients.insert(client).value();
    client.name = QStringLiteral("Harbor Vets");
    m_harbor = clients.insert(client).value();
}

void tst_AuditLogView::filtersChangeTheRows()
{
    const qint64 now = m_clock.nowMs();
    add(QStringLiteral("root"), QStringLiteral("user.create"), 0, now - 3 * Day);
    add(QStringLiteral("bob"), QStringLiteral("lead.update"), m_sunrise, now - 2 * Day + 1000);
    add(QStringLiteral("bob"), QStringLiteral("lead.update"), m_harbor, now - Day + 1000);
    add(QStringLiteral("carol"), QStringLiteral("verdict.set"), m_sunrise, now - 1000);

    Ui::AuditLogView view(m_test->database(), m_clock, admin());
    QCOMPARE(view.table()->rowCount(), 4);
    QCOMPARE(view.total(), 4);
    QCOMPARE(column(view, Ui::AuditLogView::UserColumn),
             (QStringList { QStringLiteral("carol"), QStringLiteral("bob"), QStringLiteral("bob"), QStringLiteral("root") }));
    QCOMPARE(view.findChild<QComboBox *>(QStringLiteral("auditUser"))->count(), 4); // all + 3 users
    view.setUserFilter(QStringLiteral("bob"));
    QCOMPARE(view.table()->rowCount(), 2);
    view.setClientFilter(m_harbor);
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.table()->item(0, Ui::AuditLogView::ClientColumn)->text(), QStringLiteral("Harbor Vets"));
    view.setUserFilter(QString());
    view.setClientFilter(0);
    view.setActionFilter(QStringLiteral("lead.update"));
    QCOMPARE(view.table()->rowCount(), 2);
    view.setActionFilter(QString());
    // Days are UTC and both ends are included: 2025-06-14 (now - 2 days) to 2025-06-15.
    view.setDateRange(QDate(2025, 6, 14), QDate(2025, 6, 15));
    QCOMPARE(column(view, Ui::AuditLogView::ActionColumn),
             (QStringList { QStringLiteral("verdict.set"), QStringLiteral("lead.update"), QStringLiteral("lead.update") }));
    view.setDateRange(QDate(2025, 6, 15), QDate());
    QCOMPARE(view.table()->rowCount(), 2); // the harbor update and the verdict
    view.setDateRange({}, {});
    QCOMPARE(view.table()->rowCount(), 4);
}

void tst_AuditLogView::pagesThroughALongLog()
{
    const int count = Ui::AuditLogView::PageSize * 2 + 50;
    for (int i = 0; i < count; ++i)
        add(QStringLiteral("root"), QStringLiteral("n%1").arg(i, 3, 10, QLatin1Char('0')), 0, m_clock.nowMs() - i * 1000);
    Ui::AuditLogView view(m_test->database(), m_clock, admin());
    auto *older = view.findChild<QPushButton *>(QStringLiteral("auditOlder"));
    auto *newer = view.findChild<QPushButton *>(QStringLiteral("auditNewer"));
    QCOMPARE(view.table()->rowCount(), Ui::AuditLogView::PageSize);
    QCOMPARE(view.total(), count);
    QCOMPARE(view.table()->item(0, Ui::AuditLogView::ActionColumn)->text(), QStringLiteral("n000"));
    QCOMPARE(view.pageText(), QStringLiteral("1–100 of 250"));
    QVERIFY(!newer->isEnabled());
    older->click();
    older->click();
    QCOMPARE(view.table()->rowCount(), 50);
    QCOMPARE(view.table()->item(0, Ui::AuditLogView::ActionColumn)->text(), QStringLiteral("n200"));
    QCOMPARE(view.pageText(), QStringLiteral("201–250 of 250"));
    QVERIFY(!older->isEnabled());
    newer->click();
    QCOMPARE(view.offset(), Ui::AuditLogView::PageSize);
    QCOMPARE(view.table()->item(0, Ui::AuditLogView::ActionColumn)->text(), QStringLiteral("n100"));
    view.setActionFilter(QStringLiteral("n249")); // a filter starts at the first page again
    QCOMPARE(view.offset(), 0);
    QCOMPARE(view.table()->rowCount(), 1);
}

void tst_AuditLogView::detailsSayWhatChanged()
{
    add(QStringLiteral("root"), QStringLiteral("user.role_change"), 0, m_clock.nowMs(),
        { { QStringLiteral("role"), QStringLiteral("staff") }, { QStringLiteral("disabled"), false } },
        { { QStringLiteral("role"), QStringLiteral("admin") }, { QStringLiteral("disabled"), false } });
    Ui::AuditLogView view(m_test->database(), m_clock, admin());
    QCOMPARE(view.table()->item(0, Ui::AuditLogView::DetailsColumn)->text(), QStringLiteral("role: staff → admin"));
    view.table()->selectRow(0);
    QCOMPARE(view.selectedDetails(), QStringLiteral("user.role_change by root on thing 1: role: staff → admin"));
}

void tst_AuditLogView::clientUserSeesOnlyTheirClient()
{
    add(QStringLiteral("root"), QStringLiteral("user.create"), 0, m_clock.nowMs());
    add(QStringLiteral("bob"), QStringLiteral("lead.update"), m_sunrise, m_clock.nowMs());
    add(QStringLiteral("bob"), QStringLiteral("lead.update"), m_harbor, m_clock.nowMs());
    Ui::AuditLogView view(m_test->database(), m_clock, Session(9, QStringLiteral("sue"), Session::Role::Client, m_sunrise));
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.table()->item(0, Ui::AuditLogView::ClientColumn)->text(), QStringLiteral("Sunrise Dental"));
    QVERIFY(view.findChild<QComboBox *>(QStringLiteral("auditClient"))->isHidden());
    view.setClientFilter(m_harbor); // not offered; and the scope wins anyway
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.findChild<QComboBox *>(QStringLiteral("auditUser"))->count(), 2); // all + bob
}

void tst_AuditLogView::readsOnTheReaderThread()
{
    add(QStringLiteral("root"), QStringLiteral("user.create"), 0, m_clock.nowMs());
    ServiceThread reader(QStringLiteral("test-reader"), m_test->database());
    Ui::AuditLogView view(m_test->database(), m_clock, admin());
    QSignalSpy loaded(&view, &Ui::AuditLogView::loaded);
    view.setReader(&reader);
    QVERIFY(loaded.wait());
    QCOMPARE(view.table()->rowCount(), 1);
    reader.stop();
}

QTEST_MAIN(tst_AuditLogView)
#include "tst_auditlogview.moc"
