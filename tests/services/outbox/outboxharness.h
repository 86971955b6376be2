#pragma once

// Shared set-up of the outbox tests and bench_outbox: the four fake providers on loopback, a
// ProviderConfig pointing at them through CALLVIA_<PROVIDER>_* variables, and helpers.
#include <fakes/fakeproviders.h>
#include <models/clock.h>
#include <models/database.h>
#include <models/repositories/outboxrepository.h>
#include <services/outbox/outboxdispatcher.h>
#include <services/providers/stripe/stripeclient.h>
#include <services/providerconfig.h>

#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSqlQuery>

#include <memory>

namespace Callvia::Tests {

inline QProcessEnvironment fakeEnvironment(const QList<Fakes::FakeProvider *> &fakes)
{
    QProcessEnvironment env;
    for (Fakes::FakeProvider *fake : fakes) {
        const QString upper = fake->name().toUpper();
        env.insert(QStringLiteral("CALLVIA_%1_API_BASE").arg(upper), fake->baseUrl());
        env.insert(QStringLiteral("CALLVIA_%1_API_KEY").arg(upper), fake->apiKey());
    }
    env.insert(QStringLiteral("CALLVIA_MESSAGEBIRD_ORIGINATOR"), QStringLiteral("Callvia"));
    env.insert(QStringLiteral("CALLVIA_SENDGRID_FROM_EMAIL"), QStringLiteral("reminders@agency.example"));
    env.insert(QStringLiteral("CALLVIA_RETELL_FROM_NUMBER"), QStringLiteral("+14155550100"));
    return env;
}

inline qint64 sqlValue(Models::Database &db, const QString &sql, const QVariantList &binds = {})
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

inline Models::OutboxItem smsItem(const QString &key, qint64 dueAt, const QString &to = QStringLiteral("+14155550123"))
{
    return { QStringLiteral("sms"), 0, key, QJsonObject { { "to", to }, { "body", "See you tomorrow at 10:00" } }, dueAt };
}

} // namespace Callvia::Tests
