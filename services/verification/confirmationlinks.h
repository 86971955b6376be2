#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Callvia::Services {

// The signed one-click links of the client's "did they show?" e-mail (issue 22 item 2).
// token = "<appointment id>.<expiry ms>.<base64url HMAC-SHA256>", the HMAC over
// "callvia-show-check:v1:<appointment id>:<answer>:<expiry ms>" with the key from the secret store
// (setting verification.link_key). The answer travels beside the token (answer=yes|no), so a
// token for "yes" does not verify with "no". Compared in constant time. Pure functions.
namespace ConfirmationLinks {

enum class Check { Valid, Malformed, Forged, Expired };

struct Parsed
{
    Check check = Check::Malformed;
    qint64 appointmentId = 0;
    qint64 expiresAt = 0;
};

QString token(const QByteArray &key, qint64 appointmentId, const QString &answer, qint64 expiresAtMs);
// `baseUrl` is the listener's public URL (listener.public_url); the path is /api/appointments/verify.
QString url(const QString &baseUrl, const QByteArray &key, qint64 appointmentId, const QString &answer,
            qint64 expiresAtMs);
Parsed verify(const QByteArray &key, const QString &token, const QString &answer, qint64 nowMs);

// The small answer page, in `language` (en, de, es; from resources/templates). `kind` is one of
// the confirmation_page keys: yes, no, used, expired, invalid, unavailable.
QByteArray page(const QString &language, const QString &kind, const QHash<QString, QString> &values = {});

} // namespace ConfirmationLinks

} // namespace Callvia::Services
