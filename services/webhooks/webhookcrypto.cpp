#include "webhookcrypto.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/x509.h>

#include <memory>

namespace Callvia::Services::WebhookCrypto {

namespace {

const EVP_MD *evpDigest(Digest digest)
{
    switch (digest) {
    case Digest::Sha256:
        return EVP_sha256();
    case Digest::Sha384:
        return EVP_sha384();
    case Digest::Sha512:
        return EVP_sha512();
    }
    return EVP_sha256();
}

using KeyPointer = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

KeyPointer ecPrivateKey(const QByteArray &privateKeyDer)
{
    const auto *keyData = reinterpret_cast<const unsigned char *>(privateKeyDer.constData());
    KeyPointer key(d2i_AutoPrivateKey(nullptr, &keyData, long(privateKeyDer.size())), &EVP_PKEY_free);
    if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_EC)
        return KeyPointer(nullptr, &EVP_PKEY_free);
    return key;
}

} // namespace

QByteArray hmac(Digest digest, const QByteArray &key, const QByteArray &message)
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(evpDigest(digest), key.constData(), int(key.size()),
              reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()), out, &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(out), int(length));
}

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

bool equal(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size() || a.isEmpty())
        return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

bool isEcPublicKey(const QByteArray &publicKeyDer)
{
    const auto *keyData = reinterpret_cast<const unsigned char *>(publicKeyDer.constData());
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(d2i_PUBKEY(nullptr, &keyData, long(publicKeyDer.size())),
                                                            &EVP_PKEY_free);
    return key && EVP_PKEY_base_id(key.get()) == EVP_PKEY_EC;
}

bool verifyEcdsaSha256(const QByteArray &publicKeyDer, const QByteArray &message, const QByteArray &signatureDer)
{
    const auto *keyData = reinterpret_cast<const unsigned char *>(publicKeyDer.constData());
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(d2i_PUBKEY(nullptr, &keyData, long(publicKeyDer.size())),
                                                            &EVP_PKEY_free);
    if (!key || EVP_PKEY_base_id(key.get()) != EVP_PKEY_EC)
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestVerifyInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char *>(signatureDer.constData()),
                            size_t(signatureDer.size()), reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size()))
            == 1;
}

QByteArray signEcdsaSha256(const QByteArray &privateKeyDer, const QByteArray &message)
{
    const KeyPointer key = ecPrivateKey(privateKeyDer);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!key || !context || EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return {};
    const auto *data = reinterpret_cast<const unsigned char *>(message.constData());
    size_t length = 0;
    if (EVP_DigestSign(context.get(), nullptr, &length, data, size_t(message.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &length, data,
                       size_t(message.size()))
        != 1)
        return {};
    signature.resize(qsizetype(length)); // DER signatures vary in length
    return signature;
}

QByteArray ecPublicKeyOf(const QByteArray &privateKeyDer)
{
    const KeyPointer key = ecPrivateKey(privateKeyDer);
    if (!key)
        return {};
    const int length = i2d_PUBKEY(key.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    return i2d_PUBKEY(key.get(), &out) == length ? der : QByteArray();
}

} // namespace Callvia::Services::WebhookCrypto
