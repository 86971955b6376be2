#include <common/testdatabase.h>

#include <models/database.h>
#include <models/dberror.h>

#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Models;

// Every CHECK, UNIQUE, NOT NULL and foreign key of the schema rejects a bad row with a
// constraint error (DbError::Constraint), on both dialects.
class tst_Constraints : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rejectsBadRows_data() { Tests::TestDatabase::addBackendRows(); }
    void rejectsBadRows();
    void acceptsGoodRows_data() { Tests::TestDatabase::addBackendRows(); }
    void acceptsGoodRows();
    void leadLookupsByPhoneOrEmailUseTheUniqueIndexes();
};

namespace {

const char *const fixture[] = {
    "INSERT INTO clients (name, created_at, updated_at) VALUES ('Acme', 0, 0)",
    "INSERT INTO clients (name, stripe_customer_id, created_at, updated_at) VALUES ('Beta', 'cus_B', 0, 0)",
    "INSERT INTO campaigns (client_id, name, created_at, updated_at) VALUES (1, 'Spring', 0, 0)",
    "INSERT INTO leads (client_id, campaign_id, phone_e164, email, created_at, updated_at) "
    "VALUES (1, 1, '+14155550101', 'a@example.com', 0, 0)",
    "INSERT INTO users (username, role, password_hash, created_at, updated_at) VALUES ('admin', 'admin', 'h', 0, 0)",
    "INSERT INTO invoices (client_id, kind, stripe_invoice_id, amount_cents, created_at, updated_at) "
    "VALUES (1, 'milestone', 'in_1', 200000, 0, 0)",
    "INSERT INTO appointments (client_id, booking_uid, starts_at, ends_at, created_at, updated_at) "
    "VALUES (1, 'bk_1', 1000, 2000, 0, 0)",
    "INSERT INTO call_logs (retell_call_id, created_at, updated_at) VALUES ('call_1', 0, 0)",
    "INSERT INTO outbox (kind, idempotency_key, payload, due_at, created_at, updated_at) "
    "VALUES ('sms', 'key-1', '{}', 0, 0, 0)",
    "INSERT INTO events (provider, provider_event_id, event_type, received_at, raw_body) "
    "VALUES ('stripe', 'evt_1', 'invoice.paid', 0, 'x')",
    "INSERT INTO milestones (client_id, sequence, shows_required, amount_cents, reached_at, created_at, updated_at) "
    "VALUES (1, 1, 25, 200000, 0, 0, 0)",
};

struct BadRow
{
    const char *what;
    const char *sql;
};

const BadRow badRows[] = {
    { "client without name", "INSERT INTO clients (name, created_at, updated_at) VALUES ('  ', 0, 0)" },
    { "client duplicate name (case-insensitive)", "INSERT INTO clients (name, created_at, updated_at) VALUES ('ACME', 0, 0)" },
    { "client negative rate", "INSERT INTO clients (name, per_minute_rate_cents, created_at, updated_at) VALUES ('C', -1, 0, 0)" },
    { "client bad currency", "INSERT INTO clients (name, currency, created_at, updated_at) VALUES ('C', 'dollars', 0, 0)" },
    { "client zero milestone size", "INSERT INTO clients (name, milestone_size, created_at, updated_at) VALUES ('C', 0, 0, 0)" },
    { "client negative milestone", "INSERT INTO clients (name, milestone_amount_cents, created_at, updated_at) VALUES ('C', -5, 0, 0)" },
    { "client bad status", "INSERT INTO clients (name, status, created_at, updated_at) VALUES ('C', 'gone', 0, 0)" },
    { "client duplicate stripe id", "INSERT INTO clients (name, stripe_customer_id, created_at, updated_at) VALUES ('C', 'cus_B', 0, 0)" },
    { "user bad role", "INSERT INTO users (username, role, password_hash, created_at, updated_at) VALUES ('u', 'root', 'h', 0, 0)" },
    { "client user without client", "INSERT INTO users (username, role, password_hash, created_at, updated_at) VALUES ('u', 'client', 'h', 0, 0)" },
    { "agency user with client", "INSERT INTO users (username, client_id, role, password_hash, created_at, updated_at) VALUES ('u', 1, 'staff', 'h', 0, 0)" },
    { "user duplicate name", "INSERT INTO users (username, role, password_hash, created_at, updated_at) VALUES ('ADMIN', 'staff', 'h', 0, 0)" },
    { "user negative failures", "INSERT INTO users (username, role, password_hash, failed_attempts, created_at, updated_at) VALUES ('u2', 'staff', 'h', -1, 0, 0)" },
    { "campaign unknown client", "INSERT INTO campaigns (client_id, name, created_at, updated_at) VALUES (99, 'X', 0, 0)" },
    { "campaign bad status", "INSERT INTO campaigns (client_id, name, status, created_at, updated_at) VALUES (1, 'X', 'running', 0, 0)" },
    { "campaign duplicate name", "INSERT INTO campaigns (client_id, name, created_at, updated_at) VALUES (1, 'spring', 0, 0)" },
    { "campaign bad region", "INSERT INTO campaigns (client_id, name, default_region, created_at, updated_at) VALUES (1, 'X', 'USA', 0, 0)" },
    { "lead without phone or email", "INSERT INTO leads (client_id, campaign_id, created_at, updated_at) VALUES (1, 1, 0, 0)" },
    { "lead phone not E.164", "INSERT INTO leads (client_id, campaign_id, phone_e164, created_at, updated_at) VALUES (1, 1, '4155550101', 0, 0)" },
    { "lead upper-case email", "INSERT INTO leads (client_id, campaign_id, email, created_at, updated_at) VALUES (1, 1, 'B@Example.com', 0, 0)" },
    { "lead duplicate phone in client", "INSERT INTO leads (client_id, campaign_id, phone_e164, created_at, updated_at) VALUES (1, 1, '+14155550101', 0, 0)" },
    { "lead duplicate email in client", "INSERT INTO leads (client_id, campaign_id, email, created_at, updated_at) VALUES (1, 1, 'a@example.com', 0, 0)" },
    { "lead bad status", "INSERT INTO leads (client_id, campaign_id, email, status, created_at, updated_at) VALUES (1, 1, 'c@example.com', 'hot', 0, 0)" },
    { "lead unknown campaign", "INSERT INTO leads (client_id, campaign_id, email, created_at, updated_at) VALUES (1, 77, 'c@example.com', 0, 0)" },
    { "lead bad consent type", "INSERT INTO leads (client_id, campaign_id, email, consent_type, created_at, updated_at) VALUES (1, 1, 'c@example.com', 'maybe', 0, 0)" },
    { "call duplicate retell id", "INSERT INTO call_logs (retell_call_id, created_at, updated_at) VALUES ('call_1', 0, 0)" },
    { "call bad direction", "INSERT INTO call_logs (retell_call_id, direction, created_at, updated_at) VALUES ('c2', 'sideways', 0, 0)" },
    { "call bad outcome", "INSERT INTO call_logs (retell_call_id, outcome, created_at, updated_at) VALUES ('c2', 'maybe', 0, 0)" },
    { "call bad sentiment", "INSERT INTO call_logs (retell_call_id, sentiment, created_at, updated_at) VALUES ('c2', 'Happy', 0, 0)" },
    { "call negative duration", "INSERT INTO call_logs (retell_call_id, duration_seconds, created_at, updated_at) VALUES ('c2', -3, 0, 0)" },
    { "invoice bad kind", "INSERT INTO invoices (client_id, kind, amount_cents, created_at, updated_at) VALUES (1, 'gift', 1, 0, 0)" },
    { "invoice bad status", "INSERT INTO invoices (client_id, kind, status, amount_cents, created_at, updated_at) VALUES (1, 'manual', 'late', 1, 0, 0)" },
    { "invoice negative amount", "INSERT INTO invoices (client_id, kind, amount_cents, created_at, updated_at) VALUES (1, 'manual', -1, 0, 0)" },
    { "invoice duplicate stripe id", "INSERT INTO invoices (client_id, kind, stripe_invoice_id, amount_cents, created_at, updated_at) VALUES (1, 'manual', 'in_1', 1, 0, 0)" },
    { "invoice period backwards", "INSERT INTO invoices (client_id, kind, amount_cents, period_start, period_end, created_at, updated_at) VALUES (1, 'manual', 1, 10, 5, 0, 0)" },
    { "two usage invoices for one period", "INSERT INTO invoices (client_id, kind, amount_cents, period_start, created_at, updated_at) VALUES (1, 'usage', 1, 100, 0, 0); "
                                           "INSERT INTO invoices (client_id, kind, amount_cents, period_start, created_at, updated_at) VALUES (1, 'usage', 2, 100, 0, 0)" },
    { "milestone duplicate sequence", "INSERT INTO milestones (client_id, sequence, shows_required, amount_cents, reached_at, created_at, updated_at) VALUES (1, 1, 25, 1, 0, 0, 0)" },
    { "milestone bad status", "INSERT INTO milestones (client_id, sequence, shows_required, amount_cents, status, reached_at, created_at, updated_at) VALUES (1, 2, 25, 1, 'owed', 0, 0, 0)" },
    { "appointment duplicate booking uid", "INSERT INTO appointments (booking_uid, starts_at, ends_at, created_at, updated_at) VALUES ('bk_1', 1, 2, 0, 0)" },
    { "appointment ends before start", "INSERT INTO appointments (booking_uid, starts_at, ends_at, created_at, updated_at) VALUES ('bk_2', 5, 1, 0, 0)" },
    { "appointment bad status", "INSERT INTO appointments (booking_uid, starts_at, ends_at, status, created_at, updated_at) VALUES ('bk_2', 1, 2, 'late', 0, 0)" },
    { "appointment bad verification", "INSERT INTO appointments (booking_uid, starts_at, ends_at, verification, created_at, updated_at) VALUES ('bk_2', 1, 2, 'sure', 0, 0)" },
    { "usage negative seconds", "INSERT INTO usage_records (client_id, seconds, rate_cents_per_minute, cost_cents, occurred_at, created_at) VALUES (1, -1, 20, 0, 0, 0)" },
    { "usage twice for one call", "INSERT INTO usage_records (client_id, call_log_id, seconds, rate_cents_per_minute, cost_cents, occurred_at, created_at) VALUES (1, 1, 1, 20, 1, 0, 0); "
                                  "INSERT INTO usage_records (client_id, call_log_id, seconds, rate_cents_per_minute, cost_cents, occurred_at, created_at) VALUES (1, 1, 1, 20, 1, 0, 0)" },
    { "event duplicate provider id", "INSERT INTO events (provider, provider_event_id, event_type, received_at, raw_body) VALUES ('stripe', 'evt_1', 'x', 0, 'y')" },
    { "event unknown provider", "INSERT INTO events (provider, provider_event_id, event_type, received_at, raw_body) VALUES ('paypal', 'e', 'x', 0, 'y')" },
    { "event bad status", "INSERT INTO events (provider, provider_event_id, event_type, received_at, raw_body, status) VALUES ('stripe', 'e2', 'x', 0, 'y', 'done')" },
    { "outbox duplicate key", "INSERT INTO outbox (kind, idempotency_key, payload, due_at, created_at, updated_at) VALUES ('sms', 'key-1', '{}', 0, 0, 0)" },
    { "outbox bad kind", "INSERT INTO outbox (kind, idempotency_key, payload, due_at, created_at, updated_at) VALUES ('fax', 'k2', '{}', 0, 0, 0)" },
    { "outbox bad status", "INSERT INTO outbox (kind, idempotency_key, payload, status, due_at, created_at, updated_at) VALUES ('sms', 'k2', '{}', 'done', 0, 0, 0)" },
    { "message bad channel", "INSERT INTO messages (channel, to_address, created_at, updated_at) VALUES ('fax', 'x', 0, 0)" },
    { "message bad status", "INSERT INTO messages (channel, to_address, status, created_at, updated_at) VALUES ('sms', 'x', 'read', 0, 0)" },
    { "reminder bad offset", "INSERT INTO reminders (appointment_id, offset_minutes, channel, due_at, created_at, updated_at) VALUES (1, 60, 'sms', 0, 0, 0)" },
    { "reminder duplicate", "INSERT INTO reminders (appointment_id, offset_minutes, channel, due_at, created_at, updated_at) VALUES (1, 15, 'sms', 0, 0, 0); "
                            "INSERT INTO reminders (appointment_id, offset_minutes, channel, due_at, created_at, updated_at) VALUES (1, 15, 'sms', 0, 0, 0)" },
    { "reminder unknown appointment", "INSERT INTO reminders (appointment_id, offset_minutes, channel, due_at, created_at, updated_at) VALUES (42, 15, 'sms', 0, 0, 0)" },
    { "opt-out without address", "INSERT INTO opt_outs (source, created_at) VALUES ('manual', 0)" },
    { "opt-out bad source", "INSERT INTO opt_outs (phone_e164, source, created_at) VALUES ('+1', 'rumour', 0)" },
    { "opt-out bad channel", "INSERT INTO opt_outs (phone_e164, channel, source, created_at) VALUES ('+1', 'fax', 'manual', 0)" },
    { "audit without action", "INSERT INTO audit_log (action, at) VALUES ('', 0)" },
    { "setting bad flag", "INSERT INTO settings (key, value, is_secret, updated_at) VALUES ('k', 'v', 7, 0)" },
};

DbError execAll(Database &db, const QString &script)
{
    QSqlQuery query(db.connection());
    const QStringList statements = script.split(QStringLiteral("; "));
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return DbError::fromSql(query.lastError());
    }
    return {};
}

} // namespace

void tst_Constraints::rejectsBadRows()
{
    CALLVIA_TEST_DATABASE(db);
    for (const char *statement : fixture)
        QVERIFY2(!execAll(db, QString::fromLatin1(statement)), statement);
    for (const BadRow &row : badRows) {
        Transaction transaction(db);
        QVERIFY(transaction.isActive());
        const DbError error = execAll(db, QString::fromLatin1(row.sql));
        QVERIFY2(error.isError(), qPrintable(QStringLiteral("accepted: %1").arg(QLatin1String(row.what))));
        QVERIFY2(error.kind() == DbError::Constraint,
                 qPrintable(QStringLiteral("%1: not a constraint error: %2").arg(QLatin1String(row.what), error.message())));
        QVERIFY2(!error.message().isEmpty(), row.what);
    }
}

void tst_Constraints::acceptsGoodRows()
{
    CALLVIA_TEST_DATABASE(db);
    for (const char *statement : fixture)
        QVERIFY2(!execAll(db, QString::fromLatin1(statement)), statement);
    // The same phone in another client, and a usage invoice for another period, are fine.
    QVERIFY(!execAll(db, QStringLiteral("INSERT INTO campaigns (client_id, name, created_at, updated_at) VALUES (2, 'Spring', 0, 0)")));
    QVERIFY(!execAll(db, QStringLiteral("INSERT INTO leads (client_id, campaign_id, phone_e164, created_at, updated_at) VALUES (2, 2, '+14155550101', 0, 0)")));
    QVERIFY(!execAll(db, QStringLiteral("INSERT INTO invoices (client_id, kind, amount_cents, period_start, created_at, updated_at) VALUES (1, 'usage', 1, 100, 0, 0); "
                                        "INSERT INTO invoices (client_id, kind, amount_cents, period_start, created_at, updated_at) VALUES (1, 'usage', 1, 200, 0, 0)")));
    // Deleting a client cascades to its campaigns and leads but is refused while it has invoices.
    const DbError restricted = execAll(db, QStringLiteral("DELETE FROM clients WHERE id = 1"));
    QCOMPARE(restricted.kind(), DbError::Constraint);
    QVERIFY(!execAll(db, QStringLiteral("DELETE FROM clients WHERE id = 2")));
    QSqlQuery query(db.connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM leads WHERE client_id = 2")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), 0);
}

void tst_Constraints::leadLookupsByPhoneOrEmailUseTheUniqueIndexes()
{
    // Migration 004 keyed the per-client unique indexes phone (e-mail) first, so they also
    // serve the webhooks' lookups by phone or e-mail alone (LeadRepository::findByPhone/-Email,
    // the opt-out update) without two more indexes to maintain on every imported lead.
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), nullptr, nullptr);
    QVERIFY(holder);
    QSqlQuery query(holder->database().connection());
    const QList<std::pair<const char *, const char *>> cases {
        { "SELECT id FROM leads WHERE phone_e164 = '+14155550101'", "leads_phone_client_unique" },
        { "SELECT id FROM leads WHERE email = 'a@example.com'", "leads_email_client_unique" },
        { "SELECT id FROM leads WHERE phone_e164 = '+14155550101' AND client_id = 2", "leads_phone_client_unique" },
        { "UPDATE leads SET status = 'dnc' WHERE phone_e164 = '+14155550101' AND status <> 'dnc'", "leads_phone_client_unique" },
    };
    for (const auto &[sql, index] : cases) {
        QVERIFY(query.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + QLatin1String(sql)));
        QString plan;
        while (query.next())
            plan += query.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(plan.contains(QLatin1String(index)), qPrintable(QLatin1String(sql) + QLatin1String(": ") + plan));
    }
}

QTEST_GUILESS_MAIN(tst_Constraints)
#include "tst_constraints.moc"
