#include "dncservice.h"

#include <models/database.h>
#include <models/repositories/clientrepository.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>
#include <services/importing/csvreader.h>
#include <services/importing/leadnormalizer.h>
#include <services/management/writeguard.h>

#include <QFile>
#include <QJsonObject>

namespace Callvia::Services {

namespace {

const QString Entity = QStringLiteral("opt_out");
constexpr int ChunkRows = 500; // rows per transaction: SQLite's write lock is never held long

int columnOf(const QStringList &headers, std::initializer_list<const char *> names)
{
    for (int i = 0; i < headers.size(); ++i) {
        QString h = headers.at(i).trimmed().toLower();
        h.remove(QLatin1Char(' ')).remove(QLatin1Char('_')).remove(QLatin1Char('-'));
        for (const char *name : names) {
            if (h == QLatin1String(name))
                return i;
        }
    }
    return -1;
}

LeadNormalizer normalizer(const QString &region)
{
    NormalizeSettings settings;
    settings.defaultRegion = region;
    settings.geocodeRegion = false;
    return LeadNormalizer(ColumnMapping(), settings);
}

} // namespace

QString DncService::ImportResult::summary() const
{
    if (!fatal.isEmpty())
        return fatal;
    return QStringLiteral("%1 rows: %2 added, %3 already on the list, %4 rejected%5")
        .arg(rows)
        .arg(added)
        .arg(duplicates)
        .arg(errors.size())
        .arg(cancelled ? QStringLiteral(" (stopped)") : QString());
}

DncService::DncService(Models::Database &database, const Models::Clock &clock, QString defaultRegion)
    : m_database(database)
    , m_clock(clock)
    , m_region(std::move(defaultRegion))
{
}

bool DncService::canEdit(const Session &actor)
{
    return actor.canEdit(); // admin and staff
}

Models::DbError DncService::checkEditor(const Session &actor, qint64 clientId, const QString &action) const
{
    const AuditLog audit(m_database, m_clock);
    if (!canEdit(actor))
        return WriteGuard::refuse(
            audit, actor, action, Entity, 0, clientId, QStringLiteral("edit the do-not-call list"));
    if (clientId != 0 && !actor.canAccessClient(clientId))
        return WriteGuard::refuse(
            audit, actor, action, Entity, 0, clientId, QStringLiteral("edit another client's list"));
    if (clientId != 0 && !Models::ClientRepository(m_database, m_clock, actor.scope()).find(clientId).ok())
        return Models::DbError(
            Models::DbError::Invalid, QStringLiteral("client: there is no client %1").arg(clientId));
    return {};
}

Models::DbResult<bool> DncService::add(const Session &actor, const QString &phoneText, const QString &email,
    const QString &reason, qint64 clientId) const
{
    if (Models::DbError error = checkEditor(actor, clientId, QStringLiteral("dnc.add")))
        return error;
    Models::OptOutRecord entry;
    entry.clientId = clientId;
    entry.source = QStringLiteral("manual");
    entry.reason = reason.trimmed();
    if (!phoneText.trimmed().isEmpty()) {
        const LeadNormalizer::Phone phone = normalizer(m_region).normalizePhone(phoneText.trimmed());
        if (!phone.reason.isEmpty())
            return Models::DbError(Models::DbError::Invalid,
                QStringLiteral("phone: \"%1\" is not a usable number (%2)")
                    .arg(phoneText.trimmed(), phone.reason));
        entry.phoneE164 = phone.e164;
    }
    if (!email.trimmed().isEmpty()) {
        if (!LeadNormalizer::isPlausibleEmail(email.trimmed().toLower()))
            return Models::DbError(Models::DbError::Invalid,
                QStringLiteral("email: \"%1\" is not an e-mail address").arg(email.trimmed()));
        entry.email = email.trimmed().toLower();
    }
    if (entry.phoneE164.isEmpty() && entry.email.isEmpty())
        return Models::DbError(
            Models::DbError::Invalid, QStringLiteral("phone: give a phone number or an e-mail"));
    Models::OptOutRepository repository(m_database, m_clock, actor.scope());
    repository.setAddedBy(actor.username());
    const Models::DbResult<bool> added = repository.add(entry);
    if (added.ok() && added.value())
        AuditLog(m_database, m_clock)
            .record(&actor, QStringLiteral("dnc.add"), Entity, QString(), {},
                { { QStringLiteral("phone"), !entry.phoneE164.isEmpty() },
                    { QStringLiteral("email"), !entry.email.isEmpty() } },
                clientId);
    return added;
}

DncService::ImportResult DncService::importCsv(
    const Session &actor, const QString &path, qint64 clientId, const Progress &progress) const
{
    ImportResult result;
    if (Models::DbError error = checkEditor(actor, clientId, QStringLiteral("dnc.import"))) {
        result.fatal = error.message();
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.fatal = QStringLiteral("%1: %2").arg(path, file.errorString());
        return result;
    }
    CsvReader reader(&file);
    CsvRecord header;
    if (!reader.next(&header) || !reader.fatalError().isEmpty()) {
        result.fatal = reader.fatalError().isEmpty()
            ? QStringLiteral("%1: the file is empty").arg(path)
            : QStringLiteral("%1: %2").arg(path, reader.fatalError());
        return result;
    }
    const int phoneColumn
        = columnOf(header.fields, { "phone", "phonenumber", "phonee164", "telephone", "mobile", "number" });
    const int emailColumn = columnOf(header.fields, { "email", "emailaddress", "mail" });
    const int reasonColumn = columnOf(header.fields, { "reason", "note", "notes", "comment" });
    if (phoneColumn < 0 && emailColumn < 0) {
        result.fatal = QStringLiteral("%1: the header (line 1) names no phone or email column (found: %2)")
                           .arg(path, header.fields.join(QStringLiteral(", ")));
        return result;
    }
    const LeadNormalizer normalize = normalizer(m_region);
    Models::OptOutRepository repository(m_database, m_clock, actor.scope());
    repository.setAddedBy(actor.username());
    auto field = [](const CsvRecord &r, int column) {
        return column >= 0 ? r.fields.value(column).trimmed() : QString();
    };
    CsvRecord record;
    bool more = true;
    while (more && !result.cancelled) {
        const Models::WriteGate gate(m_database);
        Models::Transaction transaction(m_database, Models::Transaction::Mode::Immediate);
        if (!transaction.isActive()) {
            result.fatal = transaction.beginError().message();
            return result;
        }
        for (int n = 0; n < ChunkRows && (more = reader.next(&record)); ++n) {
            ++result.rows;
            if (!record.error.isEmpty()) {
                result.errors.append({ record.line, QString(), record.error });
                continue;
            }
            Models::OptOutRecord entry;
            entry.clientId = clientId;
            entry.source = QStringLiteral("import");
            entry.reason = field(record, reasonColumn);
            const QString phoneText = field(record, phoneColumn);
            const QString emailText = field(record, emailColumn).toLower();
            if (!phoneText.isEmpty()) {
                const LeadNormalizer::Phone phone = normalize.normalizePhone(phoneText);
                if (!phone.reason.isEmpty()) {
                    result.errors.append({ record.line, QStringLiteral("phone"),
                        QStringLiteral("\"%1\" is not a usable number (%2)").arg(phoneText, phone.reason) });
                    continue;
                }
                entry.phoneE164 = phone.e164;
            }
            if (!emailText.isEmpty()) {
                if (!LeadNormalizer::isPlausibleEmail(emailText)) {
                    result.errors.append({ record.line, QStringLiteral("email"),
                        QStringLiteral("\"%1\" is not an e-mail address").arg(emailText) });
                    continue;
                }
                entry.email = emailText;
            }
            if (entry.phoneE164.isEmpty() && entry.email.isEmpty()) {
                result.errors.append(
                    { record.line, phoneColumn >= 0 ? QStringLiteral("phone") : QStringLiteral("email"),
                        QStringLiteral("no phone number or e-mail") });
                continue;
            }
            const Models::DbResult<bool> added = repository.add(entry);
            if (!added.ok()) {
                result.fatal = QStringLiteral("line %1: %2 (rows before it were kept)")
                                   .arg(record.line)
                                   .arg(added.error().message());
                return result;
            }
            (added.value() ? result.added : result.duplicates) += 1;
        }
        if (Models::DbError error = transaction.commit()) {
            result.fatal = error.message();
            return result;
        }
        if (progress && !progress(result.rows))
            result.cancelled = true;
    }
    if (!reader.fatalError().isEmpty())
        result.fatal = QStringLiteral("%1: %2 (rows before it were kept)").arg(path, reader.fatalError());
    AuditLog(m_database, m_clock)
        .record(&actor, QStringLiteral("dnc.import"), Entity, QString(), {},
            { { QStringLiteral("rows"), result.rows }, { QStringLiteral("added"), result.added },
                { QStringLiteral("duplicates"), result.duplicates },
                { QStringLiteral("rejected"), qint64(result.errors.size()) } },
            clientId);
    return result;
}

Models::DbError DncService::remove(const Session &actor, qint64 id, const QString &reason) const
{
    const AuditLog audit(m_database, m_clock);
    if (actor.role() != Session::Role::Admin)
        return WriteGuard::refuse(audit, actor, QStringLiteral("dnc.remove"), Entity, id, 0,
            QStringLiteral("remove do-not-call entries"));
    const Models::DbResult<Models::DncEntry> removed
        = Models::OptOutRepository(m_database, m_clock, actor.scope())
              .markRemoved(id, actor.username(), reason);
    if (!removed.ok())
        return removed.error();
    return audit.record(&actor, QStringLiteral("dnc.remove"), Entity, QString::number(id), {},
        { { QStringLiteral("source"), removed.value().optOut.source },
            { QStringLiteral("reason"), removed.value().removedReason }, { QStringLiteral("kept"), true } });
}

Models::DbResult<QList<Models::DncEntry>> DncService::entries(
    const Session &actor, const Models::DncQuery &query) const
{
    return Models::OptOutRepository(m_database, m_clock, actor.scope()).entries(query);
}

} // namespace Callvia::Services
