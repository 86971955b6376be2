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

} // namespace Callvia::Services::WebhookCrypto
