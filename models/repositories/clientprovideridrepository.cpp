#include "clientprovideridrepository.h"

#include <models/clock.h>
#include <models/database.h>
#include <models/sqlhelpers.h>

namespace Callvia::Models {

ClientProviderIdRepository::ClientProviderIdRepository(Database &database, const Clock &clock, TenantScope scope)
    : m_database(database), m_clock(clock), m_scope(scope)
{
}

DbResult<QList<ClientProviderId>> ClientProviderIdRepository::forClient(qint64 clientId) const
{
    if (!m_scope.allows(clientId))
        return Sql::outOfScope();
    DbResult<QSqlQuery> result = Sql::exec(m_database,
                                           QStringLiteral("SELECT client_id, provider, kind, value FROM "
                                                          "client_provider_ids WHERE client_id = ? "
                                                          "ORDER BY provider, kind, value"),
                                           { clientId });
    if (!result.ok())
        return result.error();
    QList<ClientProviderId> ids;
    while (result.value().next()) {
        ids.append({ result.value().value(0).toLongLong(), result.value().value(1).toString(),
                     result.value().value(2).toString(), result.value().value(3).toString() });
    }
    return ids;
}

DbError ClientProviderIdRepository::replaceForClient(qint64 clientId, const QList<ClientProviderId> &ids) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("provider ids"));
    if (clientId == 0)
        return Sql::outOfScope();
    // Inside a caller's transaction (a service that audits the change) join it by a savepoint.
    if (Transaction::openOnThisThread()) {
        Savepoint savepoint(m_database);
        if (savepoint.beginError())
            return savepoint.beginError();
        if (DbError error = replaceRows(clientId, ids)) {
            savepoint.rollback();
            return error;
        }
        return savepoint.release();
    }
    Transaction transaction(m_database);
    if (!transaction.isActive())
        return transaction.beginError();
    if (DbError error = replaceRows(clientId, ids))
        return error;
    return transaction.commit();
}

DbError ClientProviderIdRepository::replaceRows(qint64 clientId, const QList<ClientProviderId> &ids) const
{
    if (DbError error = Sql::exec(m_database, QStringLiteral("DELETE FROM client_provider_ids WHERE client_id = ?"),
                                  { clientId })
                                .error())
        return error;
    for (const ClientProviderId &id : ids) {
        if (id.clientId != clientId)
            return { DbError::Invalid, QStringLiteral("a mapping of another client") };
        if (DbError error = add(id))
            return error;
    }
    return {};
}

DbError ClientProviderIdRepository::add(const ClientProviderId &id) const
{
    if (!m_scope.isAgency())
        return Sql::readOnlyScope(QStringLiteral("provider ids"));
    if (id.clientId == 0 || !m_scope.allows(id.clientId))
        return Sql::outOfScope();
    DbResult<qint64> owner = clientFor(id.provider, id.kind, id.value);
    if (!owner.ok())
        return owner.error();
    if (owner.value() == id.clientId)
        return {}; // listed twice
    if (owner.value() != 0) {
        return { DbError::Constraint,
                 QStringLiteral("%1 %2 %3 already belongs to another client").arg(id.provider, id.kind, id.value) };
    }
    return Sql::exec(m_database,
                     QStringLiteral("INSERT INTO client_provider_ids (client_id, provider, kind, value, created_at) "
                                    "VALUES (?, ?, ?, ?, ?)"),
                     { id.clientId, id.provider, id.kind, id.value, m_clock.nowMs() })
            .error();
}

DbResult<qint64> ClientProviderIdRepository::clientFor(const QString &provider, const QString &kind,
                                                       const QString &value) const
{
    if (value.isEmpty())
        return qint64(0);
    DbResult<QSqlQuery> result =
            Sql::exec(m_database,
                      QStringLiteral("SELECT client_id FROM client_provider_ids WHERE provider = ? AND kind = ? "
                                     "AND value = ?")
                              + Sql::scopeClause(m_scope),
                      { provider, kind, value });
    if (!result.ok())
        return result.error();
    return result.value().next() ? result.value().value(0).toLongLong() : qint64(0);
}

} // namespace Callvia::Models
