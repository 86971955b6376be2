#include "payloadmask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Callvia::Services {

namespace {

bool isSecretKey(const QString &key)
{
    static const QRegularExpression pattern(
            QStringLiteral("(api_?key|secret|token|password|passwd|authorization|access_?key|card|cvc|iban)"),
            QRegularExpression::CaseInsensitiveOption);
    return pattern.match(key).hasMatch();
}

QJsonValue maskValue(const QJsonValue &value);

QJsonArray maskArray(const QJsonArray &array)
{
    QJsonArray out;
    for (const QJsonValue &item : array)
        out << maskValue(item);
    return out;
}

QJsonValue maskValue(const QJsonValue &value)
{
    if (value.isObject())
        return maskedPayload(value.toObject());
    if (value.isArray())
        return maskArray(value.toArray());
    return value;
}

} // namespace

QJsonObject maskedPayload(const QJsonObject &payload)
{
    QJsonObject out;
    for (auto it = payload.begin(); it != payload.end(); ++it)
        out.insert(it.key(), isSecretKey(it.key()) ? QJsonValue(QStringLiteral("••••")) : maskValue(it.value()));
    return out;
}

QString maskedJsonText(const QString &text)
{
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (document.isObject())
        return QString::fromUtf8(QJsonDocument(maskedPayload(document.object())).toJson(QJsonDocument::Indented));
    if (document.isArray())
        return QString::fromUtf8(QJsonDocument(maskArray(document.array())).toJson(QJsonDocument::Indented));
    return text.trimmed();
}

} // namespace Callvia::Services
