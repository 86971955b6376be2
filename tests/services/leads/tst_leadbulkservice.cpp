// Bulk actions on leads (issue 23 item 4): change status (valid transitions only, across several
// write chunks), mark DNC (opt-out entries the senders check), move within the client (never to
// another client's or an archived campaign), delete (admins only); client users make no bulk
// writes; a refused action changes nothing and is audited as permission.denied, a done one writes
// one audit entry with the filter and the counts. Real SQLite file and, when configured, PostgreSQL.
#include "leadsharness.h"

#include <common/testdatabase.h>
#include <models/repositories/optoutrepository.h>
#include <services/leads/leadbulkservice.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Callvia;
using Models::LeadQuery;
using Services::LeadBulkService;
using Tests::LeadsFixture;

class tst_LeadBulkService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void changesStatusAlongValidTransitions_data() { Tests::TestDatabase::addBackendRows(); }
    void changesStatusAlongValidTransitions();
    void markDncAddsOptOuts_data() { Tests::TestDatabase::addBackendRows(); }
    void markDncAddsOptOuts();
    void movesOnlyWithinTheClient_data() { Tests::TestDatabase::addBackendRows(); }
    void movesOnlyWithinTheClient();
    void deletesForAdminsOnly_data() { Tests::TestDatabase::addBackendRows(); }
    void deletesForAdminsOnly();
    void clientUsersMakeNoBulkWrites_data() { Tests::TestDatabase::addBackendRows(); }
    void clientUsersMakeNoBulkWrites();

private:
    Models::TestClock m_clock { 1'800'000'000'000 };
};

namespace {

// Every lead's campaign and status, and the opt-out list, as one comparable text.
QString snapshot(Models::Database &db, const Models::Clock &clock)
{
    QString text;
    LeadQuery all;
    all.limit = 100000;
    for (const Models::LeadRecord &l : Models::LeadRepository(db, clock, Models::TenantScope::agency()).page(all).valueOr({}))
        text += QStringLiteral("%1:%2:%3;").arg(l.id).arg(l.campaignId).arg(l.status);
    for (const Models::OptOutRecord &o : Models::OptOutRepository(db, clock, Models::TenantScope::agency()).list().valueOr({}))
        text += QStringLiteral("optout %1 %2 %3;").arg(o.clientId).arg(o.phoneE164, o.email);
    return text;
}

qint64 countStatus(Models::Database &db, const Models::Clock &clock, qint64 clientId, const QString &status)
{
    LeadQuery query;
    query.clientId = clientId;
    query.status = status;
    return Models::LeadRepository(db, clock, Models::TenantScope::agency()).count(query).valueOr(-1);
}

QJsonObject afterOf(const Models::AuditRecord &entry)
{
    return QJsonDocument::fromJson(entry.afterJson.toUtf8()).object();
}

} // namespace

void tst_LeadBulkService::changesStatusAlongValidTransitions()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 1200); // three write chunks
    LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 2000, 5, QStringLiteral("dnc"));
    LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 3000, 4, QStringLiteral("booked"));
    LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 4000, 6);
    const LeadBulkService service(db, m_clock);

    LeadQuery filter;
    filter.clientId = f.clientA;
    const auto done = service.changeStatus(f.staff, filter, QStringLiteral("contacted"));
    QVERIFY2(done.ok(), qPrintable(done.error().message()));
    QCOMPARE(done.value().matched, qint64(1209));
    QCOMPARE(done.value().changed, qint64(1200));
    QCOMPARE(countStatus(db, m_clock, f.clientA, QStringLiteral("contacted")), qint64(1200));
    QCOMPARE(countStatus(db, m_clock, f.clientA, QStringLiteral("dnc")), qint64(5)); // DNC stays DNC
    QCOMPARE(countStatus(db, m_clock, f.clientA, QStringLiteral("booked")), qint64(4)); // follows its appointment
    QCOMPARE(countStatus(db, m_clock, f.clientB, QStringLiteral("new")), qint64(6)); // not in the filter

    const auto entries = LeadsFixture::audit(db, QStringLiteral("lead.bulk_status"));
    QCOMPARE(entries.size(), qsizetype(1));
    QCOMPARE(entries.first().username, QStringLiteral("sam"));
    QCOMPARE(entries.first().clientId, f.clientA);
    const QJsonObject after = afterOf(entries.first());
    QCOMPARE(after.value(QStringLiteral("changed")).toInteger(), qint64(1200));
    QCOMPARE(after.value(QStringLiteral("matched")).toInteger(), qint64(1209));
    QCOMPARE(after.value(QStringLiteral("status")).toString(), QStringLiteral("contacted"));
    QCOMPARE(after.value(QStringLiteral("filter")).toObject().value(QStringLiteral("client_id")).toInteger(), f.clientA);

    // Statuses that come from appointments or from the opt-out list are not set in bulk.
    const QString before = snapshot(db, m_clock);
    for (const char *status : { "booked", "shown", "dnc", "no_such_status" }) {
        const auto refused = service.changeStatus(f.admin, filter, QString::fromLatin1(status));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind(), Models::DbError::Invalid);
        QVERIFY2(refused.error().message().contains(QLatin1String("Nothing was changed")), qPrintable(refused.error().message()));
    }
    QCOMPARE(snapshot(db, m_clock), before);
    QCOMPARE(LeadsFixture::audit(db, QStringLiteral("lead.bulk_status")).size(), qsizetype(1));
}

void tst_LeadBulkService::markDncAddsOptOuts()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const QList<qint64> a = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 10);
    const QList<qint64> b = LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 100, 3);
    const LeadBulkService service(db, m_clock);
    const Models::OptOutRepository optOuts(db, m_clock, Models::TenantScope::agency());
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+12125550002"), QStringLiteral("call"), f.clientA).valueOr(true), false);

    LeadQuery selection;
    selection.ids = { a[2], a[3], b[0] };
    auto done = service.markDnc(f.admin, selection);
    QVERIFY2(done.ok(), qPrintable(done.error().message()));
    QCOMPARE(done.value().changed, qint64(3));
    QCOMPARE(done.value().optOuts, qint64(3));
    // Every channel, for the lead's own client, by number and by e-mail.
    for (const char *channel : { "call", "sms", "email" }) {
        QVERIFY(optOuts.isOptedOut(QStringLiteral("+12125550002"), QString::fromLatin1(channel), f.clientA).value());
        QVERIFY(optOuts.isOptedOut(QStringLiteral("lead3@example.com"), QString::fromLatin1(channel), f.clientA).value());
        QVERIFY(optOuts.isOptedOut(QStringLiteral("+12125550100"), QString::fromLatin1(channel), f.clientB).value());
    }
    QVERIFY(!optOuts.isOptedOut(QStringLiteral("+12125550004"), QStringLiteral("call"), f.clientA).value());
    QCOMPARE(Models::LeadRepository(db, m_clock, Models::TenantScope::agency()).find(a[2]).value().status, QStringLiteral("dnc"));
    QCOMPARE(Models::LeadRepository(db, m_clock, Models::TenantScope::agency()).find(a[4]).value().status, QStringLiteral("new"));

    // Again over the filter: the three already listed are not listed twice.
    LeadQuery filter;
    filter.clientId = f.clientA;
    done = service.markDnc(f.staff, filter);
    QVERIFY(done.ok());
    QCOMPARE(done.value().matched, qint64(10));
    QCOMPARE(done.value().changed, qint64(8));
    QCOMPARE(done.value().optOuts, qint64(8));
    QCOMPARE(optOuts.list().value().size(), qsizetype(11));
    const auto entries = LeadsFixture::audit(db, QStringLiteral("lead.bulk_dnc"));
    QCOMPARE(entries.size(), qsizetype(2));
    QCOMPARE(afterOf(entries.first()).value(QStringLiteral("opt_outs")).toInteger(), qint64(8));
    QCOMPARE(entries.last().clientId, qint64(0)); // the selection spanned two clients
}

void tst_LeadBulkService::movesOnlyWithinTheClient()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const QList<qint64> a = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 8);
    const QList<qint64> b = LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 100, 2);
    const LeadBulkService service(db, m_clock);
    const QString before = snapshot(db, m_clock);

    // A selection with one of B's leads, to A's campaign: refused, nothing moves.
    LeadQuery mixed;
    mixed.ids = { a[0], a[1], b[0] };
    auto refused = service.moveToCampaign(f.staff, mixed, f.otherA);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message().contains(QLatin1String("1 of the 3 leads belong to another client")),
             qPrintable(refused.error().message()));
    // A's leads to B's campaign, or to an archived one: refused.
    LeadQuery filterA;
    filterA.clientId = f.clientA;
    refused = service.moveToCampaign(f.staff, filterA, f.campaignB);
    QVERIFY(!refused.ok());
    refused = service.moveToCampaign(f.staff, filterA, f.archivedA);
    QVERIFY(!refused.ok());
    QVERIFY(refused.error().message().contains(QLatin1String("archived")));
    QCOMPARE(snapshot(db, m_clock), before);

    filterA.search = QStringLiteral("lead"); // all eight, by name
    const auto moved = service.moveToCampaign(f.staff, filterA, f.otherA);
    QVERIFY2(moved.ok(), qPrintable(moved.error().message()));
    QCOMPARE(moved.value().changed, qint64(8));
    LeadQuery inOther;
    inOther.campaignId = f.otherA;
    QCOMPARE(Models::LeadRepository(db, m_clock, Models::TenantScope::agency()).count(inOther).value(), qint64(8));
    const auto entries = LeadsFixture::audit(db, QStringLiteral("lead.bulk_move"));
    QCOMPARE(entries.size(), qsizetype(1));
    QCOMPARE(afterOf(entries.first()).value(QStringLiteral("campaign_id")).toInteger(), f.otherA);
    QCOMPARE(afterOf(entries.first()).value(QStringLiteral("filter")).toObject().value(QStringLiteral("search")).toString(),
             QStringLiteral("lead"));
}

void tst_LeadBulkService::deletesForAdminsOnly()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    const QList<qint64> a = LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 700);
    LeadsFixture::addLeads(db, m_clock, f.clientB, f.campaignB, 1000, 3);
    const LeadBulkService service(db, m_clock);
    LeadQuery filterA;
    filterA.clientId = f.clientA;

    const QString before = snapshot(db, m_clock);
    const auto refused = service.remove(f.staff, filterA);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().message(), QStringLiteral("Permission denied: staff may not delete leads. Nothing was changed."));
    QCOMPARE(snapshot(db, m_clock), before);
    auto denied = LeadsFixture::audit(db, QStringLiteral("permission.denied"));
    QCOMPARE(denied.size(), qsizetype(1));
    QCOMPARE(afterOf(denied.first()).value(QStringLiteral("action")).toString(), QStringLiteral("lead.bulk_delete"));
    QVERIFY(LeadsFixture::audit(db, QStringLiteral("lead.bulk_delete")).isEmpty());

    const auto done = service.remove(f.admin, filterA); // two chunks
    QVERIFY2(done.ok(), qPrintable(done.error().message()));
    QCOMPARE(done.value().changed, qint64(700));
    const Models::LeadRepository leads(db, m_clock, Models::TenantScope::agency());
    QCOMPARE(leads.count({}).value(), qint64(3));
    QVERIFY(!leads.find(a.first()).ok());
    const auto entries = LeadsFixture::audit(db, QStringLiteral("lead.bulk_delete"));
    QCOMPARE(entries.size(), qsizetype(1));
    QCOMPARE(entries.first().username, QStringLiteral("ada"));
    QCOMPARE(afterOf(entries.first()).value(QStringLiteral("changed")).toInteger(), qint64(700));
}

void tst_LeadBulkService::clientUsersMakeNoBulkWrites()
{
    CALLVIA_TEST_DATABASE(db);
    const LeadsFixture f = LeadsFixture::seed(db, m_clock);
    LeadsFixture::addLeads(db, m_clock, f.clientA, f.campaignA, 0, 5);
    const LeadBulkService service(db, m_clock);
    const QString before = snapshot(db, m_clock);
    const LeadQuery own; // everything their scope allows: their own leads
    QList<Models::DbError> errors;
    auto collect = [&](const Models::DbResult<LeadBulkService::Outcome> &r) {
        errors << (r.ok() ? Models::DbError() : r.error());
    };
    collect(service.changeStatus(f.clientUserA, own, QStringLiteral("contacted")));
    collect(service.markDnc(f.clientUserA, own));
    collect(service.moveToCampaign(f.clientUserA, own, f.otherA));
    collect(service.remove(f.clientUserA, own));
    for (const Models::DbError &error : errors)
        QVERIFY2(error.message().startsWith(QLatin1String("Permission denied: a client user may not")), qPrintable(error.message()));
    QCOMPARE(snapshot(db, m_clock), before);
    const auto denied = LeadsFixture::audit(db, QStringLiteral("permission.denied"));
    QCOMPARE(denied.size(), qsizetype(4));
    for (const Models::AuditRecord &entry : denied) {
        QCOMPARE(entry.username, QStringLiteral("carol"));
        QCOMPARE(entry.clientId, f.clientA);
    }
}

QTEST_GUILESS_MAIN(tst_LeadBulkService)
#include "tst_leadbulkservice.moc"
