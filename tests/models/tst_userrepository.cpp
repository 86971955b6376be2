#include <common/testdatabase.h>

#include <models/repositories/auditrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/repositories/userrepository.h>

#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

// Users and audit log rows on both backends: round trips, the schema's role/client CHECK,
// case-insensitive unique names, lockout columns and the audit log's tenant filter.
class tst_UserRepository : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void userRoundTripAndConstraints_data() { Tests::TestDatabase::addBackendRows(); }
    void userRoundTripAndConstraints();
    void auditLogIsScoped_data() { Tests::TestDatabase::addBackendRows(); }
    void auditLogIsScoped();

private:
    TestClock m_clock { 1'750'000'000'000 };
};

void tst_UserRepository::userRoundTripAndConstraints()
{
    CALLVIA_TEST_DATABASE(db);
    UserRepository users(db, m_clock);
    ClientRecord client;
    client.name = QStringLiteral("Acme");
    const qint64 clientId = ClientRepository(db, m_clock, TenantScope::agency()).insert(client).value();
    UserRecord carol;
    carol.username = QStringLiteral("Carol");
    carol.role = QStringLiteral("client");
    carol.clientId = clientId;
    carol.passwordHash = QStringLiteral("pbkdf2-sha256$1000$c2FsdA==$aGFzaA==");
    const qint64 id = users.insert(carol).value();
    const UserRecord back = users.findByUsername(QStringLiteral("CAROL")).value();
    QCOMPARE(back.id, id);
    QCOMPARE(back.clientId, clientId);
    QCOMPARE(back.createdAt, m_clock.nowMs());
    QCOMPARE(users.count().value(), 1);

    QCOMPARE(users.insert(carol).error().kind(), DbError::Constraint); // carol == Carol
    UserRecord orphan = carol;
    orphan.username = QStringLiteral("orphan");
    orphan.clientId = 0;
    QCOMPARE(users.insert(orphan).error().kind(), DbError::Constraint); // client role needs a client
    UserRecord staff = orphan;
    staff.role = QStringLiteral("staff");
    staff.clientId = clientId;
    QCOMPARE(users.insert(staff).error().kind(), DbError::Constraint); // agency users have none

    QVERIFY(!users.recordFailure(id, 6, m_clock.nowMs() + 60'000));
    QCOMPARE(users.find(id).value().failedAttempts, 6);
    QCOMPARE(users.find(id).value().lockedUntil, m_clock.nowMs() + 60'000);
    m_clock.advanceSeconds(5);
    QVERIFY(!users.recordSuccess(id));
    QCOMPARE(users.find(id).value().failedAttempts, 0);
    QCOMPARE(users.find(id).value().lockedUntil, 0);
    QCOMPARE(users.find(id).value().lastLoginAt, m_clock.nowMs());
    QVERIFY(!users.setRole(id, QStringLiteral("staff"), 0));
    QCOMPARE(users.find(id).value().clientId, 0);
    QCOMPARE(users.setDisabled(999, true).kind(), DbError::NotFound);
}

void tst_UserRepository::auditLogIsScoped()
{
    CALLVIA_TEST_DATABASE(db);
    ClientRecord a, b;
    a.name = QStringLiteral("A");
    b.name = QStringLiteral("B");
    const qint64 idA = ClientRepository(db, m_clock, TenantScope::agency()).insert(a).value();
    const qint64 idB = ClientRepository(db, m_clock, TenantScope::agency()).insert(b).value();
    AuditRepository agency(db, TenantScope::agency());
    for (qint64 clientId : { idA, idB, qint64(0) }) {
        AuditRecord entry;
        entry.action = QStringLiteral("test.action");
        entry.clientId = clientId;
        entry.entity = QStringLiteral("lead");
        entry.entityId = QStringLiteral("42");
        entry.afterJson = QStringLiteral("{\"status\":\"shown\"}");
        entry.at = m_clock.nowMs();
        QVERIFY(agency.insert(entry).ok());
    }
    QCOMPARE(agency.list().value().size(), 3);
    const auto onlyB = AuditRepository(db, TenantScope::client(idB)).list().value();
    QCOMPARE(onlyB.size(), 1);
    QCOMPARE(onlyB.first().clientId, idB);
    QCOMPARE(onlyB.first().afterJson, QStringLiteral("{\"status\":\"shown\"}"));
    AuditRecord empty;
    QCOMPARE(agency.insert(empty).error().kind(), DbError::Invalid);
    AuditRecord foreign;
    foreign.action = QStringLiteral("x");
    foreign.clientId = idA;
    QVERIFY(!AuditRepository(db, TenantScope::client(idB)).insert(foreign).ok());
}

QTEST_GUILESS_MAIN(tst_UserRepository)
#include "tst_userrepository.moc"
