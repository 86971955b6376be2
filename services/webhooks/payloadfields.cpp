#include "payloadfields.h"

#include "../importing/leadnormalizer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QStringList>

#include <cmath>

namespace Callvia::Services::PayloadFields {

namespace {
constexpr double maxExact = 9007199254740992.0; // 2^53
}

bool parseObject(const QByteArray &body, QJsonObject *object, QString *error)
{
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = QStringLiteral("body is not a JSON object");
        return false;
    }
    *object = document.object();
    return true;
}

QJsonValue at(const QJsonObject &object, const QString &path)
{
    const QStringList steps = path.split(QLatin1Char('.'));
    QJsonValue value(object);
    for (const QString &step : steps) {
        if (!value.isObject())
            return QJsonValue(QJsonValue::Undefined);
        value = value.toObject().value(step);
    }
    return value;
}

QString text(const QJsonObject &object, const QString &path)
{
    const QJsonValue value = at(object, path);
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) <= maxExact)
            return QString::number(static_cast<qint64>(d));
    }
    return {};
}

QString missing(const QString &path)
{
    return QStringLiteral("missing or invalid field: ") + path;
}

bool requireText(const QJsonObject &object, const QString &path, QString *out, QString *error, const QString &prefix)
{
    *out = text(object, path);
    if (out->isEmpty()) {
        *error = missing(prefix + path);
        return false;
    }
    return true;
}

qint64 integer(const QJsonValue &value, qint64 fallback)
{
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!std::isfinite(d) || std::fabs(d) > maxExact)
            return fallback;
        return static_cast<qint64>(std::floor(d));
    }
    if (value.isString()) {
        bool ok = false;
        const qint64 n = value.toString().trimmed().toLongLong(&ok);
        if (ok && n <= static_cast<qint64>(maxExact) && n >= -static_cast<qint64>(maxExact))
            return n;
    }
    return fallback;
}

int flag(const QJsonValue &value)
{
    if (value.isBool())
        return value.toBool() ? 1 : 0;
    if (value.isDouble())
        return value.toDouble() == 1.0 ? 1 : (value.toDouble() == 0.0 ? 0 : -1);
    if (value.isString()) {
        const QString s = value.toString().trimmed().toLower();
        if (s == QLatin1String("true") || s == QLatin1String("yes"))
            return 1;
        if (s == QLatin1String("false") || s == QLatin1String("no"))
            return 0;
    }
    return -1;
}

qint64 isoToMs(const QString &text)
{
    if (text.isEmpty() || text.size() > 64)
        return 0;
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!t.isValid())
        return 0;
    // An instant without an offset is taken as UTC (Cal.com and MessageBird always send one).
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    const qint64 ms = t.toMSecsSinceEpoch();
    return ms > 0 ? ms : 0;
}

QString e164(const QString &text)
{
    QString digits;
    bool plus = false;
    for (const QChar c : text.trimmed()) {
        if (c.isDigit() && c.unicode() < 128)
            digits += c;
        else if (c == QLatin1Char('+') && digits.isEmpty() && !plus)
            plus = true;
        else if (c != QLatin1Char(' ') && c != QLatin1Char('-') && c != QLatin1Char('(') && c != QLatin1Char(')')
                 && c != QLatin1Char('.'))
            return {};
    }
    if (!plus && digits.startsWith(QLatin1String("00")))
        digits.remove(0, 2);
    if (digits.size() < 8 || digits.size() > 15 || digits.startsWith(QLatin1Char('0')))
        return {};
    // Always international here (MessageBird MSISDNs carry no '+'): libphonenumber decides
    // whether it is a real number and gives its canonical E.164 form.
    return leadPhone(QLatin1Char('+') + digits);
}

QString leadPhone(const QString &text)
{
    // Stateless and thread-safe (see LeadNormalizer): one instance serves every handler.
    static const LeadNormalizer normalizer(ColumnMapping(), [] {
        NormalizeSettings settings;
        settings.defaultRegion = QStringLiteral("US");
        settings.geocodeRegion = false;
        return settings;
    }());
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 64)
        return {};
    const LeadNormalizer::Phone phone = normalizer.normalizePhone(trimmed);
    return phone.reason.isEmpty() ? phone.e164 : QString();
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace Callvia::Services::PayloadFields
