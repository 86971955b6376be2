// The internal do-not-call list in OptOutRepository (issue 25 item 3, migration 030): entries
// carry hashes, an erased person's rows keep only them and still block (isOptedOut and the
// dialer's opt-out facts), a removal marks instead of deleting and is refused for a contact's own
// opt-out, a client scope sees only its client's entries. SQLite and PostgreSQL.
#include <common/testdatabase.h>
#include <models/clock.h>
#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/repositories/dialerrepository.h>
#include <models/repositories/leadrepository.h>
#include <models/repositories/optoutrepository.h>
#include <models/sqlhelpers.h>

#include <QCryptographicHash>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

class tst_DncRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hashesAreSha256OfTheNormalisedAddress();
    void addStoresHashesAndCountsDuplicates_data() { Tests::TestDatabase::addBackendRows(); }
    void addStoresHashesAndCountsDuplicates();
    void erasedEntriesKeepOnlyTheHashAndStillBlock_data() { Tests::TestDatabase::addBackendRows(); }
    void erasedEntriesKeepOnlyTheHashAndStillBlock();
    void removalMarksInsteadOfDeleting_data() { Tests::TestDatabase::addBackendRows(); }
    void removalMarksInsteadOfDeleting();
    void clientScopeSeesOnlyItsOwnEntries_data() { Tests::TestDatabase::addBackendRows(); }
    void clientScopeSeesOnlyItsOwnEntries();

private:
    OptOutRecord entry(const QString &phone, const QString &email, qint64 clientId = 0,
        const QString &source = QStringLiteral("manual")) const;
    TestClock m_clock { 1'800'000'000'000 };
};

OptOutRecord tst_DncRepository::entry(
    const QString &phone, const QString &email, qint64 clientId, const QString &source) const
{
    OptOutRecord r;
    r.phoneE164 = phone;
    r.email = email;
    r.clientId = clientId;
    r.source = source;
    r.reason = QStringLiteral("asked on the phone");
    return r;
}

void tst_DncRepository::hashesAreSha256OfTheNormalisedAddress()
{
    QCOMPARE(OptOutRepository::addressHash(QStringLiteral("+14155550134")),
        QString::fromLatin1(QCryptographicHash::hash("+14155550134", QCryptographicHash::Sha256).toHex()));
    QCOMPARE(OptOutRepository::addressHash(QStringLiteral(" Ann@Example.COM ")),
        OptOutRepository::addressHash(QStringLiteral("ann@example.com")));
    QVERIFY(OptOutRepository::addressHash(QString()).isEmpty());
}

void tst_DncRepository::addStoresHashesAndCountsDuplicates()
{
    CALLVIA_TEST_DATABASE(db);
    OptOutRepository optOuts(db, m_clock, TenantScope::agency());
    optOuts.setAddedBy(QStringLiteral("ada"));
    QCOMPARE(optOuts.add(entry(QStringLiteral("+14155550134"), QString())).value(), true);
    QCOMPARE(
        optOuts.add(entry(QStringLiteral("+14155550134"), QString())).value(), false); // counted, not doubled
    QCOMPARE(optOuts.add(entry(QString(), QStringLiteral("Ann@Example.com"))).value(), true);
    const QList<DncEntry> rows = optOuts.entries({}).value();
    QCOMPARE(rows.size(), 2);
    const DncEntry &phone = rows.at(1);
    QCOMPARE(phone.optOut.phoneE164, QStringLiteral("+14155550134"));
    QCOMPARE(phone.phoneSha256, OptOutRepository::addressHash(QStringLiteral("+14155550134")));
    QCOMPARE(phone.addedBy, QStringLiteral("ada"));
    QCOMPARE(rows.at(0).optOut.email, QStringLiteral("ann@example.com"));
    QCOMPARE(rows.at(0).emailSha256, OptOutRepository::addressHash(QStringLiteral("ann@example.com")));
    DncQuery search;
    search.search = QStringLiteral("415555");
    QCOMPARE(optOuts.entries(search).value().size(), 1);
    QCOMPARE(optOuts.countEntries(search).value(), 1);
}

void tst_DncRepository::erasedEntriesKeepOnlyTheHashAndStillBlock()
{
    CALLVIA_TEST_DATABASE(db);
    ClientRecord client;
    client.name = QStringLiteral("Acme");
    const qint64 clientId = ClientRepository(db, m_clock, TenantScope::agency()).insert(client).value();
    CampaignRecord campaign;
    campaign.clientId = clientId;
    campaign.name = QStringLiteral("Spring");
    const qint64 campaignId = CampaignRepository(db, m_clock, TenantScope::agency()).insert(campaign).value();
    OptOutRepository optOuts(db, m_clock, TenantScope::agency());
    QVERIFY(optOuts
                .add(entry(QStringLiteral("+14155550134"), QStringLiteral("ann@example.com"), clientId,
                    QStringLiteral("sms_reply")))
                .value());
    QVERIFY(optOuts.add(entry(QStringLiteral("+14155550134"), QString())).value());
    QCOMPARE(
        optOuts.eraseAddresses(QStringLiteral("+14155550134"), QStringLiteral("ann@example.com")).value(), 3);
    // No clear address left anywhere in the table.
    QCOMPARE(Sql::firstValue(db,
                 QStringLiteral("SELECT COUNT(*) FROM opt_outs WHERE phone_e164 IS NOT NULL "
                                "OR email IS NOT NULL OR reason IS NOT NULL"))
                 .value()
                 .toInt(),
        0);
    const QList<DncEntry> rows = optOuts.entries({}).value();
    QCOMPARE(rows.size(), 2);
    for (const DncEntry &e : rows) {
        QVERIFY(e.optOut.phoneE164.isEmpty() && e.optOut.email.isEmpty());
        QCOMPARE(e.phoneSha256, OptOutRepository::addressHash(QStringLiteral("+14155550134")));
        QCOMPARE(e.erasedAt, m_clock.nowMs());
    }
    // Lookups still block the number and the e-mail, by hash.
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+14155550134"), QStringLiteral("call"), 0).value(), true);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("ANN@example.com"), QStringLiteral("email"), clientId).value(),
        true);
    QCOMPARE(
        optOuts.isOptedOut(QStringLiteral("+14155550135"), QStringLiteral("call"), clientId).value(), false);
    // The same number imported again as a new lead: the dialer's facts name the opt-outs.
    LeadRecord lead;
    lead.clientId = clientId;
    lead.campaignId = campaignId;
    lead.phoneE164 = QStringLiteral("+14155550134");
    const qint64 leadId = LeadRepository(db, m_clock, TenantScope::agency()).insert(lead).value();
    const DialerCandidate candidate
        = DialerRepository(db, m_clock, TenantScope::agency()).candidate(leadId).value();
    QCOMPARE(candidate.optOuts.size(), 2);
    // Adding the number again while only its hash is kept is a duplicate, not a clear copy.
    QCOMPARE(optOuts.add(entry(QStringLiteral("+14155550134"), QString())).value(), false);
}

void tst_DncRepository::removalMarksInsteadOfDeleting()
{
    CALLVIA_TEST_DATABASE(db);
    OptOutRepository optOuts(db, m_clock, TenantScope::agency());
    QVERIFY(optOuts.add(entry(QStringLiteral("+14155550134"), QString())).value());
    QVERIFY(optOuts.add(entry(QStringLiteral("+14155550199"), QString(), 0, QStringLiteral("sms_reply")))
                .value());
    const QList<DncEntry> rows = optOuts.entries({}).value();
    const qint64 manualId = rows.at(1).optOut.id, stopId = rows.at(0).optOut.id;
    QCOMPARE(
        optOuts.markRemoved(manualId, QStringLiteral("ada"), QString()).error().kind(), DbError::Invalid);
    QVERIFY(optOuts.markRemoved(manualId, QStringLiteral("ada"), QStringLiteral("typo in the number")).ok());
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+14155550134"), QStringLiteral("call"), 0).value(), false);
    // A contact's own STOP keeps blocking and cannot be removed.
    const DbResult<DncEntry> refused
        = optOuts.markRemoved(stopId, QStringLiteral("ada"), QStringLiteral("oops"));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message().contains(QLatin1String("sms_reply")),
        qPrintable(refused.error().message()));
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+14155550199"), QStringLiteral("sms"), 0).value(), true);
    // The removed row stays on record.
    QCOMPARE(optOuts.entries({}).value().size(), 1);
    DncQuery all;
    all.includeRemoved = true;
    const QList<DncEntry> kept = optOuts.entries(all).value();
    QCOMPARE(kept.size(), 2);
    QCOMPARE(kept.at(1).removedBy, QStringLiteral("ada"));
    QCOMPARE(kept.at(1).removedReason, QStringLiteral("typo in the number"));
    QCOMPARE(Sql::firstValue(db, QStringLiteral("SELECT COUNT(*) FROM opt_outs")).value().toInt(), 2);
    // Added again after the mistake was corrected: a new row that blocks.
    QCOMPARE(optOuts.add(entry(QStringLiteral("+14155550134"), QString())).value(), true);
    QCOMPARE(optOuts.isOptedOut(QStringLiteral("+14155550134"), QStringLiteral("call"), 0).value(), true);
}

void tst_DncRepository::clientScopeSeesOnlyItsOwnEntries()
{
    CALLVIA_TEST_DATABASE(db);
    const ClientRepository clients(db, m_clock, TenantScope::agency());
    ClientRecord a, b;
    a.name = QStringLiteral("A");
    b.name = QStringLiteral("B");
    const qint64 clientA = clients.insert(a).value(), clientB = clients.insert(b).value();
    OptOutRepository agency(db, m_clock, TenantScope::agency());
    QVERIFY(agency.add(entry(QStringLiteral("+14155550101"), QString())).value());
    QVERIFY(agency.add(entry(QStringLiteral("+14155550102"), QString(), clientA)).value());
    QVERIFY(agency.add(entry(QStringLiteral("+14155550103"), QString(), clientB)).value());
    QCOMPARE(agency.entries({}).value().size(), 3);
    const QList<DncEntry> seen
        = OptOutRepository(db, m_clock, TenantScope::client(clientA)).entries({}).value();
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.at(0).optOut.phoneE164, QStringLiteral("+14155550102"));
    // A client scope cannot remove another client's (or the agency's) entry, nor erase.
    const qint64 otherId = agency.entries({}).value().at(0).optOut.id;
    QVERIFY(!OptOutRepository(db, m_clock, TenantScope::client(clientA))
                 .markRemoved(otherId, QStringLiteral("c"), QStringLiteral("x"))
                 .ok());
    QVERIFY(!OptOutRepository(db, m_clock, TenantScope::client(clientA))
                 .eraseAddresses(QStringLiteral("+14155550102"), QString())
                 .ok());
}

QTEST_GUILESS_MAIN(tst_DncRepository)
#include "tst_dncrepository.moc"
