#include "signatureverifiers.h"
#include "webhookcrypto.h"

#include <models/clock.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Callvia::Services {

using Crypto = WebhookCrypto::Digest;
namespace WC = WebhookCrypto;

QString VerifyResult::statusName(Status status)
{
    switch (status) {
    case Valid:
        return QStringLiteral("valid");
    case Missing:
        return QStringLiteral("missing signature");
    case Malformed:
        return QStringLiteral("malformed signature");
    case BadSignature:
        return QStringLiteral("bad signature");
    case Stale:
        return QStringLiteral("stale timestamp");
    }
    return {};
}

namespace SignatureVerifiers {

namespace {

VerifyResult missing(const char *header)
{
    return VerifyResult::fail(VerifyResult::Missing, QStringLiteral("missing %1 header").arg(QLatin1String(header)));
}

bool isHex(const QByteArray &text, int length)
{
    static const QRegularExpression pattern(QStringLiteral("^[0-9a-fA-F]+$"));
    return text.size() == length && pattern.match(QString::fromLatin1(text)).hasMatch();
}

QByteArray base64Url(const QByteArray &text, bool *ok)
{
    auto result = QByteArray::fromBase64Encoding(
            text, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors);
    *ok = result.decodingStatus == QByteArray::Base64DecodingStatus::Ok;
    return result.decoded;
}

// Splits "a=1,b=2,b=3" into ordered key/value pairs.
QList<QPair<QByteArray, QByteArray>> splitPairs(const QByteArray &header)
{
    QList<QPair<QByteArray, QByteArray>> pairs;
    for (const QByteArray &part : header.split(',')) {
        const int equals = part.indexOf('=');
        if (equals > 0)
            pairs.append({ part.left(equals).trimmed(), part.mid(equals + 1).trimmed() });
    }
    return pairs;
}

} // namespace

VerifyResult retell(const QByteArray &header, const QByteArray &body, const QByteArray &apiKey,
                    const Models::Clock &clock)
{
    if (header.isEmpty())
        return missing("X-Retell-Signature");
    static const QRegularExpression format(QStringLiteral("^v=(\\d{1,16}),d=([0-9a-fA-F]{64})$"));
    const QRegularExpressionMatch match = format.match(QString::fromLatin1(header));
    if (!match.hasMatch())
        return VerifyResult::fail(VerifyResult::Malformed, QStringLiteral("X-Retell-Signature is not v=<ms>,d=<hex>"));
    const QByteArray timestamp = match.captured(1).toLatin1();
    const QByteArray expected = WC::hmac(Crypto::Sha256, apiKey, body + timestamp);
    if (!WC::equal(expected, QByteArray::fromHex(match.captured(2).toLatin1())))
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("X-Retell-Signature does not match"));
    if (qAbs(clock.nowMs() - timestamp.toLongLong()) > ToleranceSeconds * 1000)
        return VerifyResult::fail(VerifyResult::Stale, QStringLiteral("X-Retell-Signature timestamp outside 300 s"));
    return VerifyResult::valid();
}

VerifyResult calcom(const QByteArray &header, const QByteArray &body, const QByteArray &secret)
{
    if (header.isEmpty())
        return missing("X-Cal-Signature-256");
    if (header == "no-secret-provided")
        return VerifyResult::fail(VerifyResult::Missing,
                                  QStringLiteral("Cal.com sent no-secret-provided: set the webhook secret in Cal.com"));
    if (!isHex(header, 64))
        return VerifyResult::fail(VerifyResult::Malformed, QStringLiteral("X-Cal-Signature-256 is not 64 hex digits"));
    if (!WC::equal(WC::hmac(Crypto::Sha256, secret, body), QByteArray::fromHex(header)))
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("X-Cal-Signature-256 does not match"));
    return VerifyResult::valid();
}

VerifyResult stripe(const QByteArray &header, const QByteArray &body, const QList<QByteArray> &secrets,
                    const Models::Clock &clock)
{
    if (header.isEmpty())
        return missing("Stripe-Signature");
    QByteArray timestamp;
    QList<QByteArray> signatures;
    for (const auto &[key, value] : splitPairs(header)) {
        if (key == "t")
            timestamp = value;
        else if (key == "v1" && isHex(value, 64))
            signatures.append(QByteArray::fromHex(value));
    }
    bool numeric = false;
    const qint64 seconds = timestamp.toLongLong(&numeric);
    if (!numeric || signatures.isEmpty())
        return VerifyResult::fail(VerifyResult::Malformed, QStringLiteral("Stripe-Signature lacks t= or v1="));
    bool matched = false;
    for (const QByteArray &secret : secrets) {
        const QByteArray expected = WC::hmac(Crypto::Sha256, secret, timestamp + '.' + body);
        for (const QByteArray &signature : signatures)
            matched = WC::equal(expected, signature) || matched; // no early exit: same work either way
    }
    if (!matched)
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("no Stripe-Signature v1 matches"));
    if (clock.nowSeconds() - seconds > ToleranceSeconds)
        return VerifyResult::fail(VerifyResult::Stale, QStringLiteral("Stripe-Signature timestamp older than 300 s"));
    return VerifyResult::valid();
}

VerifyResult sendgrid(const QByteArray &signatureBase64, const QByteArray &timestamp, const QByteArray &body,
                      const QByteArray &publicKeyBase64, const Models::Clock &clock)
{
    if (signatureBase64.isEmpty())
        return missing("X-Twilio-Email-Event-Webhook-Signature");
    if (timestamp.isEmpty())
        return missing("X-Twilio-Email-Event-Webhook-Timestamp");
    bool numeric = false;
    const qint64 seconds = timestamp.toLongLong(&numeric);
    auto signature = QByteArray::fromBase64Encoding(signatureBase64, QByteArray::AbortOnBase64DecodingErrors);
    if (!numeric || !signature)
        return VerifyResult::fail(VerifyResult::Malformed, QStringLiteral("SendGrid signature or timestamp malformed"));
    const QByteArray key = QByteArray::fromBase64(publicKeyBase64);
    if (!WC::verifyEcdsaSha256(key, timestamp + body, signature.decoded))
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("SendGrid ECDSA signature does not verify"));
    if (qAbs(clock.nowSeconds() - seconds) > ToleranceSeconds)
        return VerifyResult::fail(VerifyResult::Stale, QStringLiteral("SendGrid timestamp outside 300 s"));
    return VerifyResult::valid();
}

namespace {

VerifyResult checkJwtClaims(const QJsonObject &claims, const QByteArray &body, const QByteArray &publicUrl,
                            const Models::Clock &clock)
{
    if (claims.value(QLatin1String("iss")).toString() != QLatin1String("MessageBird"))
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("JWT iss is not MessageBird"));
    if (claims.value(QLatin1String("jti")).toString().isEmpty())
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("JWT jti is empty"));
    const QString urlHash = QString::fromLatin1(WC::sha256(publicUrl).toHex());
    if (claims.value(QLatin1String("url_hash")).toString() != urlHash)
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("JWT url_hash does not match the URL"));
    const bool hasPayloadHash = claims.contains(QLatin1String("payload_hash"));
    if (hasPayloadHash != !body.isEmpty()
        || (hasPayloadHash
            && claims.value(QLatin1String("payload_hash")).toString()
                    != QString::fromLatin1(WC::sha256(body).toHex())))
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("JWT payload_hash does not match the body"));
    const qint64 now = clock.nowSeconds();
    const QJsonValue nbf = claims.value(QLatin1String("nbf"));
    const QJsonValue exp = claims.value(QLatin1String("exp"));
    if (!nbf.isDouble() || !exp.isDouble())
        return VerifyResult::fail(VerifyResult::Malformed, QStringLiteral("JWT lacks nbf or exp"));
    if (now + JwtSkewSeconds < qint64(nbf.toDouble()) || now - JwtSkewSeconds > qint64(exp.toDouble()))
        return VerifyResult::fail(VerifyResult::Stale, QStringLiteral("JWT outside its nbf/exp window"));
    return VerifyResult::valid();
}

} // namespace

VerifyResult messageBird(const QByteArray &token, const QByteArray &body, const QByteArray &publicUrl,
                         const QByteArray &signingKey, const Models::Clock &clock)
{
    if (token.isEmpty())
        return missing("MessageBird-Signature-JWT");
    const QList<QByteArray> parts = token.split('.');
    bool headerOk = false, claimsOk = false, signatureOk = false;
    const QByteArray headerJson = parts.size() == 3 ? base64Url(parts.at(0), &headerOk) : QByteArray();
    const QByteArray claimsJson = parts.size() == 3 ? base64Url(parts.at(1), &claimsOk) : QByteArray();
    const QByteArray signature = parts.size() == 3 ? base64Url(parts.at(2), &signatureOk) : QByteArray();
    const QJsonObject header = QJsonDocument::fromJson(headerJson).object();
    const QJsonObject claims = QJsonDocument::fromJson(claimsJson).object();
    if (!headerOk || !claimsOk || !signatureOk || header.isEmpty() || claims.isEmpty())
        return VerifyResult::fail(VerifyResult::Malformed, QStringLiteral("MessageBird-Signature-JWT is not a JWT"));
    const QString alg = header.value(QLatin1String("alg")).toString();
    Crypto digest = Crypto::Sha256;
    if (alg == QLatin1String("HS384"))
        digest = Crypto::Sha384;
    else if (alg == QLatin1String("HS512"))
        digest = Crypto::Sha512;
    else if (alg != QLatin1String("HS256"))
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("JWT alg %1 refused").arg(alg.left(16)));
    const QByteArray signedPart = parts.at(0) + '.' + parts.at(1);
    if (!WC::equal(WC::hmac(digest, signingKey, signedPart), signature))
        return VerifyResult::fail(VerifyResult::BadSignature, QStringLiteral("JWT signature does not match"));
    return checkJwtClaims(claims, body, publicUrl, clock);
}

} // namespace SignatureVerifiers

} // namespace Callvia::Services
