#pragma once

#include <QByteArray>

// Thin wrappers over OpenSSL used by the signature verifiers: HMAC, SHA-256, constant-time
// comparison and ECDSA P-256 verification. Pure functions, no state.
namespace Callvia::Services::WebhookCrypto {

enum class Digest { Sha256, Sha384, Sha512 };

QByteArray hmac(Digest digest, const QByteArray &key, const QByteArray &message);
QByteArray sha256(const QByteArray &data);
// Constant-time equality (CRYPTO_memcmp); different lengths compare unequal.
bool equal(const QByteArray &a, const QByteArray &b);
// ECDSA/SHA-256 over `message` with a DER SubjectPublicKeyInfo key and a DER signature.
bool verifyEcdsaSha256(const QByteArray &publicKeyDer, const QByteArray &message, const QByteArray &signatureDer);
// True when `publicKeyDer` is a DER SubjectPublicKeyInfo holding an EC key (callvia --check).
bool isEcPublicKey(const QByteArray &publicKeyDer);
// The admin console's SendGrid test event (issue 26 item 4): a DER ECDSA/SHA-256 signature over
// `message` with a DER (PKCS#8 or SEC1) EC private key; empty when the key is not one.
QByteArray signEcdsaSha256(const QByteArray &privateKeyDer, const QByteArray &message);
// The DER SubjectPublicKeyInfo of a DER EC private key; empty when it is not one.
QByteArray ecPublicKeyOf(const QByteArray &privateKeyDer);

} // namespace Callvia::Services::WebhookCrypto
