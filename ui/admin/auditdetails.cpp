#include "auditdetails.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace Callvia::Ui {

namespace {

QString jsonText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isBool())
        return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (value.isDouble())
        return QString::number(value.toInteger());
    if (value.isNull() || value.isUndefined())
        return QStringLiteral("-");
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

} // namespace

QString auditDetails(const Models::AuditRecord &entry)
{
    const QJsonObject before = QJsonDocument::fromJson(entry.beforeJson.toUtf8()).object();
    const QJsonObject after = QJsonDocument::fromJson(entry.afterJson.toUtf8()).object();
    QStringList parts;
    for (auto it = after.constBegin(); it != after.constEnd(); ++it) {
        const QString now = jsonText(it.value());
        if (before.contains(it.key())) {
            if (before.value(it.key()) != it.value())
                parts << QStringLiteral("%1: %2 → %3").arg(it.key(), jsonText(before.value(it.key())), now);
        } else if (!now.isEmpty() && now != QLatin1String("-")) {
            parts << QStringLiteral("%1: %2").arg(it.key(), now);
        }
    }
    return parts.join(QStringLiteral(", "));
}

} // namespace Callvia::Ui
