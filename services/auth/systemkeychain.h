#pragma once

#include "keychain.h"

namespace Callvia::Services {

// Keychain over QtKeychain: the Secret Service on Linux desktops (GNOME Keyring, KWallet),
// the Keychain on macOS, the Credential Store on Windows. Each call runs the job to completion
// in a local event loop (a QCoreApplication must exist); an unlock prompt may wait for the user.
class SystemKeychain final : public Keychain
{
public:
    explicit SystemKeychain(QString service = QStringLiteral("Callvia"), QString key = QStringLiteral("secrets-key"));

    Status read(QByteArray *data, QString *error) override;
    Status write(const QByteArray &data, QString *error) override;
    QString describe() const override;

private:
    QString m_service;
    QString m_key;
};

} // namespace Callvia::Services
