#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Callvia::Models {
class Clock;
}

namespace Callvia::Services {

// The outcome of checking one webhook signature. Stale (timestamp outside the window) is kept
// apart from BadSignature so a wrong clock or window shows up distinctly in the log; both are
// answered 401. `reason` never contains a secret.
struct VerifyResult
{
    enum Status { Valid, Missing, Malformed, BadSignature, Stale };
    Status status = Missing;
    QString reason;

    bool ok() const { return status == Valid; }
    static VerifyResult valid() { return { Valid, {} }; }
    static VerifyResult fail(Status status, const QString &reason) { return { status, reason }; }
    static QString statusName(Status status);
};

// One pure function per provider scheme (integrations.md §1.3, 2.3, 3.1, 4.3, 5.3). Each
// takes the raw header value(s), the raw body, the configured secret and the clock.
namespace SignatureVerifiers {

constexpr qint64 ToleranceSeconds = 300;
constexpr qint64 JwtSkewSeconds = 5;

// X-Retell-Signature "v=<ms>,d=<hex>": HMAC-SHA256(API key, body + ms), |now - v| <= 300 s.
VerifyResult retell(const QByteArray &header, const QByteArray &body, const QByteArray &apiKey,
                    const Models::Clock &clock);
// X-Cal-Signature-256: hex HMAC-SHA256(secret, body); the literal "no-secret-provided" is refused.
VerifyResult calcom(const QByteArray &header, const QByteArray &body, const QByteArray &secret);
// Stripe-Signature "t=..,v1=..[,v1=..]": any v1 under any configured secret; only old t refused.
VerifyResult stripe(const QByteArray &header, const QByteArray &body, const QList<QByteArray> &secrets,
                    const Models::Clock &clock);
// SendGrid signed event webhook: ECDSA P-256/SHA-256 over timestamp + body, |now - t| <= 300 s.
VerifyResult sendgrid(const QByteArray &signatureBase64, const QByteArray &timestamp, const QByteArray &body,
                      const QByteArray &publicKeyBase64, const Models::Clock &clock);
// MessageBird-Signature-JWT: HS256/384/512, iss, nbf/exp (5 s skew), jti, url_hash of the
// public URL, payload_hash present iff the body is non-empty.
VerifyResult messageBird(const QByteArray &token, const QByteArray &body, const QByteArray &publicUrl,
                         const QByteArray &signingKey, const Models::Clock &clock);

} // namespace SignatureVerifiers

} // namespace Callvia::Services
