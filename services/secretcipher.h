#pragma once

#include <QByteArray>
#include <QString>

namespace Callvia::Services {

// Turns secrets into text that is safe to store and back. The settings store keeps only
// what encrypt() returns; decrypt() gives an empty string for anything it cannot open.
class SecretCipher
{
public:
    virtual ~SecretCipher() = default;
    virtual QString encrypt(const QString &plain) const = 0;
    virtual QString decrypt(const QString &stored, bool *ok = nullptr) const = 0;
};

} // namespace Callvia::Services
