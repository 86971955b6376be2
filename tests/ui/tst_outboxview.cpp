// The Admin console's Outbox section: states counted, filters by state, kind and client, the
// payload shown with secrets masked beside the provider's answer, Retry and Cancel only on failed
// rows and recorded in the audit log. SQLite only (the repository is tested on both databases).
#include <common/testdatabase.h>
#include <models/repositories/auditrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/outboxrepository.h>
#include <services/auth/authservice.h>
#include <services/auth/session.h>
#include <ui/admin/outboxview.h>

#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace Callvia;

class tst_OutboxView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsStatesFiltersAndMaskedPayload();
    void retryAndCancelFailedRowsAreAudited();

private:
    void seed(Models::Database &db);
    Models::TestClock m_clock { 1'800'000'000'000 };
    qint64 m_clientId = 0;
    qint64 m_failedId = 0;
    Services::Session m_admin;
};

void tst_OutboxView::seed(Models::Database &db)
{
    const qint64 rootId = Services::AuthService(db, m_clock, 1000)
                                  .createFirstAdmin(QStringLiteral("root"), QStringLiteral("river-stone-42-lamp"))
                                  .value();
    m_admin = Services::Session(rootId, QStringLiteral("root"), Services::Session::Role::Admin, 0);
    Models::ClientRecord client;
    client.name = QStringLiteral("Sunrise Dental");
    m_clientId = Models::ClientRepository(db, m_clock, Models::TenantScope::agency()).insert(client).value();
    Models::OutboxRepository outbox(db, m_clock, Models::TenantScope::agency());
    outbox.enqueue({ QStringLiteral("sms"), m_clientId, QStringLiteral("a"),
                     QJsonObject { { "to", "+14155550123" }, { "body", "Hi" } }, m_clock.nowMs() });
    outbox.enqueue({ QStringLiteral("stripe"), 0, QStringLiteral("b"),
                     QJsonObject { { "path", "/v1/customers" }, { "form", QJsonObject { { "api_key", "sk_live_secret" } } } },
                     m_clock.nowMs() });
    m_failedId = outbox.enqueue({ QStringLiteral("email"), m_clientId, QStringLiteral("c"),
                                  QJsonObject { { "to", "x" }, { "subject", "s" }, { "text", "t" } }, m_clock.nowMs() })
                         .value();
    QCOMPARE(outbox.claimDue(QStringLiteral("email"), QStringLiteral("w"), m_clock.nowMs(), 10).value().size(), 1);
    QCOMPARE(outbox.finish(QStringLiteral("w"), { { m_failedId, QStringLiteral("failed"), QStringLiteral("sendgrid"), 400, {},
                                                    QStringLiteral(R"({"errors":[{"message":"bad to"}]})"),
                                                    QStringLiteral("HTTP 400: bad to"), 0, true } })
                     .value(),
             1);
}

void tst_OutboxView::showsStatesFiltersAndMaskedPayload()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    seed(test->database());
    Ui::OutboxView view(test->database(), m_clock, m_admin);
    QCOMPARE(view.table()->rowCount(), 3);
    QVERIFY2(view.countsText().contains(QLatin1String("pending 2")) && view.countsText().contains(QLatin1String("failed 1")),
             qPrintable(view.countsText()));
    view.setFilter(QStringLiteral("pending"), QString(), 0);
    QCOMPARE(view.table()->rowCount(), 2);
    view.setFilter(QString(), QStringLiteral("sms"), 0);
    QCOMPARE(view.table()->rowCount(), 1);
    view.setFilter(QString(), QString(), m_clientId);
    QCOMPARE(view.table()->rowCount(), 2);
    QCOMPARE(view.table()->item(0, Ui::OutboxView::ClientColumn)->text(), QStringLiteral("Sunrise Dental"));
    view.setFilter(QString(), QStringLiteral("stripe"), 0);
    view.table()->selectRow(0);
    QVERIFY2(view.detailText().contains(QStringLiteral("••••")), qPrintable(view.detailText()));
    QVERIFY(!view.detailText().contains(QLatin1String("sk_live_secret")));
    QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("retry"))->isEnabled()); // pending: nothing to retry
    view.setFilter(QStringLiteral("failed"), QString(), 0);
    view.table()->selectRow(0);
    QVERIFY(view.detailText().contains(QLatin1String("HTTP 400 from sendgrid")));
    QVERIFY(view.detailText().contains(QLatin1String("bad to")));
    QVERIFY(view.findChild<QPushButton *>(QStringLiteral("retry"))->isEnabled());
}

void tst_OutboxView::retryAndCancelFailedRowsAreAudited()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    seed(test->database());
    Ui::OutboxView view(test->database(), m_clock, m_admin);
    QSignalSpy retried(&view, &Ui::OutboxView::retried);
    view.selectRow(m_failedId);
    QCOMPARE(view.retrySelected(), QStringLiteral("Row %1 will be sent again.").arg(m_failedId));
    QCOMPARE(retried.count(), 1);
    Models::OutboxRepository outbox(test->database(), m_clock, Models::TenantScope::agency());
    QCOMPARE(outbox.find(m_failedId).value().status, QStringLiteral("pending"));
    view.selectRow(m_failedId);
    QVERIFY(view.cancelSelected().startsWith(QLatin1String("Not changed"))); // Cancel is for failed rows here
    const auto entries = Models::AuditRepository(test->database(), Models::TenantScope::agency()).list(QStringLiteral("outbox.retry"), 10);
    QCOMPARE(entries.value().size(), 1);
    QCOMPARE(entries.value().first().entityId, QString::number(m_failedId));
    QVERIFY(entries.value().first().beforeJson.contains(QLatin1String("failed")));
}

QTEST_MAIN(tst_OutboxView)
#include "tst_outboxview.moc"
