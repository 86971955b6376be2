#include <common/testdatabase.h>

#include <models/clock.h>
#include <models/repositories/settingsrepository.h>
#include <services/providerconfig.h>
#include <services/secretcipher.h>

#include <QtTest>

using namespace Callvia;

namespace {
// Reverses the text: enough to prove the config decrypts secret settings through the cipher.
class ReversingCipher final : public Services::SecretCipher
{
public:
    QString encrypt(const QString &plain) const override
    {
        QString s = plain;
        std::reverse(s.begin(), s.end());
        return QStringLiteral("rev:") + s;
    }
    QString decrypt(const QString &stored, bool *ok) const override
    {
        const bool good = stored.startsWith(QLatin1String("rev:"));
        if (ok)
            *ok = good;
        QString s = stored.mid(4);
        std::reverse(s.begin(), s.end());
        return good ? s : QString();
    }
};
} // namespace

class tst_ProviderConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void environmentOverridesSettings();
    void decryptsSecretSettings();
    void whitespaceOnlyCountsAsNotConfigured();
};

void tst_ProviderConfig::environmentOverridesSettings()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::TestClock clock;
    Models::SettingsRepository settings(test->database(), clock);
    QVERIFY(!settings.setValue(QStringLiteral("stripe.api_base"), QStringLiteral("https://api.stripe.com")));
    QProcessEnvironment env;
    Services::ProviderConfig plain(&settings, nullptr, env);
    QCOMPARE(plain.value(QStringLiteral("stripe"), QStringLiteral("api_base")), QStringLiteral("https://api.stripe.com"));
    QCOMPARE(plain.value(QStringLiteral("retell"), QStringLiteral("api_base"), QStringLiteral("x")), QStringLiteral("x"));
    env.insert(QStringLiteral("CALLVIA_STRIPE_API_BASE"), QStringLiteral("http://127.0.0.1:9999"));
    Services::ProviderConfig overridden(&settings, nullptr, env);
    QCOMPARE(overridden.value(QStringLiteral("stripe"), QStringLiteral("api_base")), QStringLiteral("http://127.0.0.1:9999"));
    QCOMPARE(Services::ProviderConfig::environmentName(QStringLiteral("stripe"), QStringLiteral("webhook_secret")),
             QStringLiteral("CALLVIA_STRIPE_WEBHOOK_SECRET"));
}

void tst_ProviderConfig::decryptsSecretSettings()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::TestClock clock;
    Models::SettingsRepository settings(test->database(), clock);
    ReversingCipher cipher;
    QVERIFY(!settings.setValue(QStringLiteral("stripe.webhook_secret"), cipher.encrypt(QStringLiteral("whsec_abc")), true));
    QVERIFY(!settings.setValue(QStringLiteral("retell.api_key"), QStringLiteral("garbage"), true));
    Services::ProviderConfig config(&settings, &cipher, QProcessEnvironment());
    QCOMPARE(config.value(QStringLiteral("stripe"), QStringLiteral("webhook_secret")), QStringLiteral("whsec_abc"));
    QCOMPARE(config.value(QStringLiteral("retell"), QStringLiteral("api_key")), QString()); // cannot open: empty
    Services::ProviderConfig noCipher(&settings, nullptr, QProcessEnvironment());
    QCOMPARE(noCipher.value(QStringLiteral("stripe"), QStringLiteral("webhook_secret")), QString());
}

// A secret of only spaces, tabs or newlines is not configured (the listener then answers 503
// instead of verifying signatures with a key anyone can guess).
void tst_ProviderConfig::whitespaceOnlyCountsAsNotConfigured()
{
    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::TestClock clock;
    Models::SettingsRepository settings(test->database(), clock);
    ReversingCipher cipher;
    QVERIFY(!settings.setValue(QStringLiteral("stripe.webhook_secret"), cipher.encrypt(QStringLiteral(" \t ")), true));
    QVERIFY(!settings.setValue(QStringLiteral("calcom.webhook_secret"), QStringLiteral("   "), false));
    QVERIFY(!settings.setValue(QStringLiteral("retell.api_key"), cipher.encrypt(QStringLiteral("key_stored")), true));
    QProcessEnvironment env;
    env.insert(QStringLiteral("CALLVIA_SENDGRID_WEBHOOK_PUBLIC_KEY"), QStringLiteral(" \n"));
    env.insert(QStringLiteral("CALLVIA_RETELL_API_KEY"), QStringLiteral("  ")); // does not hide the stored key
    Services::ProviderConfig config(&settings, &cipher, env);
    QCOMPARE(config.value(QStringLiteral("stripe"), QStringLiteral("webhook_secret")), QString());
    QCOMPARE(config.value(QStringLiteral("calcom"), QStringLiteral("webhook_secret")), QString());
    QCOMPARE(config.value(QStringLiteral("sendgrid"), QStringLiteral("webhook_public_key"), QStringLiteral("fallback")),
             QStringLiteral("fallback"));
    QCOMPARE(config.value(QStringLiteral("retell"), QStringLiteral("api_key")), QStringLiteral("key_stored"));
}

QTEST_GUILESS_MAIN(tst_ProviderConfig)
#include "tst_providerconfig.moc"
