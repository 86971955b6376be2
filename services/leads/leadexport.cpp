#include "leadexport.h"

#include "leadselection.h"

#include <models/clock.h>
#include <models/database.h>
#include <services/auth/auditlog.h>
#include <services/auth/session.h>

#include <QDateTime>
#include <QSaveFile>
#include <QTimeZone>

namespace Callvia::Services {

namespace {

QString utcTime(qint64 ms)
{
    return ms ? QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate) : QString();
}

} // namespace

LeadExport::LeadExport(Models::Database &database, const Models::Clock &clock)
    : m_database(database), m_clock(clock), m_audit(std::make_unique<AuditLog>(database, clock))
{
}

LeadExport::~LeadExport() = default;

QStringList LeadExport::header()
{
    return { QStringLiteral("id"), QStringLiteral("client_id"), QStringLiteral("campaign_id"), QStringLiteral("first_name"),
             QStringLiteral("last_name"), QStringLiteral("phone"), QStringLiteral("extension"), QStringLiteral("email"),
             QStringLiteral("company"), QStringLiteral("time_zone"), QStringLiteral("region"), QStringLiteral("status"),
             QStringLiteral("call_attempts"), QStringLiteral("consent_type"), QStringLiteral("notes"),
             QStringLiteral("created_at") };
}

QStringList LeadExport::fields(const Models::LeadRecord &l)
{
    return { QString::number(l.id), QString::number(l.clientId), QString::number(l.campaignId), l.firstName, l.lastName,
             l.phoneE164, l.phoneExtension, l.email, l.company, l.timeZone, l.region, l.status,
             QString::number(l.callAttempts), l.consentType, l.notes, utcTime(l.createdAt) };
}

QByteArray LeadExport::field(const QString &value)
{
    QString text = value;
    // OWASP's CSV injection list: a spreadsheet treats these first characters as a formula. Every
    // cell alike, E.164 phone numbers ("+1...") included: one rule is easier to trust than exceptions.
    static const QString triggers = QStringLiteral("=+-@\t\r");
    if (!text.isEmpty() && triggers.contains(text.front()))
        text.prepend(QLatin1Char('\''));
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
            || text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n'));
    if (!quote)
        return text.toUtf8();
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return '"' + text.toUtf8() + '"';
}

QByteArray LeadExport::row(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        line += field(fields[i]);
    }
    return line + "\r\n";
}

LeadExport::Result LeadExport::write(const Session &actor, const Models::LeadQuery &selection, const QString &path,
                                     const Progress &progress) const
{
    Result result;
    const Models::LeadRepository leads(m_database, m_clock, actor.scope());
    qint64 total = selection.ids.size();
    if (selection.ids.isEmpty()) {
        const Models::DbResult<qint64> count = leads.count(selection);
        if (!count.ok()) {
            result.error = count.error();
            return result;
        }
        total = count.value();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        result.error = { Models::DbError::Invalid, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()) };
        return result;
    }
    file.write(row(header()));
    if (progress && !progress(0, total)) {
        file.cancelWriting();
        result.cancelled = true;
        return result;
    }
    result.error = LeadSelection::forEachPage(
            selection, PageSize, [&](const Models::LeadQuery &page) { return leads.page(page); },
            [&](const QList<Models::LeadRecord> &rows) {
                QByteArray chunk;
                for (const Models::LeadRecord &lead : rows)
                    chunk += row(fields(lead));
                if (file.write(chunk) != chunk.size())
                    return false; // QSaveFile remembers the error; commit() fails below
                result.rows += rows.size();
                if (progress && !progress(result.rows, std::max(total, result.rows))) {
                    result.cancelled = true;
                    return false;
                }
                return true;
            });
    if (result.cancelled || result.error) {
        file.cancelWriting();
        return result;
    }
    if (!file.commit()) {
        result.error = { Models::DbError::Invalid, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()) };
        return result;
    }
    // Exports take client data out of the system: who, what filter, how many rows.
    QJsonObject after = LeadSelection::describe(selection);
    after.insert(QStringLiteral("rows"), result.rows);
    m_audit->record(&actor, QStringLiteral("lead.export"), QStringLiteral("lead"), QString(), {}, after,
                    actor.scope().isAgency() ? selection.clientId : actor.clientId()); // logs its own failure
    return result;
}

} // namespace Callvia::Services
