#pragma once

#include <QByteArray>
#include <QString>

namespace Callvia::Services {

// One secret in an operating system keychain (the desktop's Secret Service, macOS Keychain,
// Windows Credential Store). An interface so SecretKeyStore's choice between the keychain and
// the key file can be tested with an in-memory keychain as well as the real one.
class Keychain
{
public:
    enum class Status { Found, NotFound, Unavailable };

    virtual ~Keychain() = default;
    // Found with *data set, NotFound (the keychain works but holds no entry), or Unavailable
    // with *error saying why (no backend, no D-Bus session, locked and not unlocked, ...).
    virtual Status read(QByteArray *data, QString *error) = 0;
    // Found once stored; otherwise Unavailable with *error.
    virtual Status write(const QByteArray &data, QString *error) = 0;
    // Where the entry lives, for messages ("OS keychain (Callvia/secrets-key)").
    virtual QString describe() const = 0;
};

} // namespace Callvia::Services
