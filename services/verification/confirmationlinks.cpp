#include "confirmationlinks.h"

#include <services/reminders/messagetemplates.h>
#include <services/webhooks/webhookcrypto.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace Callvia::Services::ConfirmationLinks {

namespace {

QByteArray signature(const QByteArray &key, qint64 appointmentId, const QString &answer, qint64 expiresAtMs)
{
    const QByteArray message = QByteArrayLiteral("callvia-show-check:v1:") + QByteArray::number(appointmentId) + ':'
            + answer.toUtf8() + ':' + QByteArray::number(expiresAtMs);
    return WebhookCrypto::hmac(WebhookCrypto::Digest::Sha256, key, message);
}

QString escapeHtml(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

QString token(const QByteArray &key, qint64 appointmentId, const QString &answer, qint64 expiresAtMs)
{
    const QByteArray mac = signature(key, appointmentId, answer, expiresAtMs)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QStringLiteral("%1.%2.%3").arg(appointmentId).arg(expiresAtMs).arg(QString::fromLatin1(mac));
}

QString url(const QString &baseUrl, const QByteArray &key, qint64 appointmentId, const QString &answer,
            qint64 expiresAtMs)
{
    QString base = baseUrl.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/api/appointments/verify?token=") + token(key, appointmentId, answer, expiresAtMs)
            + QStringLiteral("&answer=") + answer;
}

Parsed verify(const QByteArray &key, const QString &token, const QString &answer, qint64 nowMs)
{
    Parsed parsed;
    if (key.isEmpty() || (answer != QLatin1String("yes") && answer != QLatin1String("no")) || token.size() > 200)
        return parsed;
    const QStringList parts = token.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return parsed;
    bool idOk = false;
    bool expiryOk = false;
    const qint64 id = parts.at(0).toLongLong(&idOk);
    const qint64 expires = parts.at(1).toLongLong(&expiryOk);
    const QByteArray given = QByteArray::fromBase64(parts.at(2).toLatin1(), QByteArray::Base64UrlEncoding);
    if (!idOk || !expiryOk || id <= 0 || given.isEmpty())
        return parsed;
    // Canonical text only: "007" or a "+" sign would verify the same number under another token.
    if (QString::number(id) != parts.at(0) || QString::number(expires) != parts.at(1))
        return parsed;
    parsed.appointmentId = id;
    parsed.expiresAt = expires;
    parsed.check = WebhookCrypto::equal(signature(key, id, answer, expires), given) ? Check::Valid : Check::Forged;
    if (parsed.check == Check::Valid && nowMs >= expires)
        parsed.check = Check::Expired;
    return parsed;
}

QByteArray page(const QString &language, const QString &kind, const QHash<QString, QString> &values)
{
    const QString lang = MessageTemplates::pickLanguage(language);
    QFile file(QStringLiteral(":/templates/%1.json").arg(lang));
    QJsonObject texts;
    if (file.open(QIODevice::ReadOnly))
        texts = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("confirmation_page")).toObject();
    QHash<QString, QString> escaped;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        escaped.insert(it.key(), escapeHtml(it.value()));
    const QString title = escapeHtml(texts.value(QStringLiteral("title")).toString(QStringLiteral("Appointment check")));
    const QString text = MessageTemplates::substitute(escapeHtml(texts.value(kind).toString()), escaped);
    return QStringLiteral("<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                          "<meta name=\"robots\" content=\"noindex\"><title>%2</title>"
                          "<style>body{font-family:sans-serif;max-width:34em;margin:3em auto;padding:0 1em;color:#222}"
                          "h1{font-size:1.3em}p.%3{border-left:4px solid %4;padding-left:.8em}</style></head>"
                          "<body><h1>%2</h1><p class=\"%3\">%5</p></body></html>\n")
            .arg(lang, title, kind,
                 kind == QLatin1String("yes") || kind == QLatin1String("no") ? QStringLiteral("#2a7") : QStringLiteral("#c63"),
                 text)
            .toUtf8();
}

} // namespace Callvia::Services::ConfirmationLinks
