#include "configcheck.h"

#include "appcontext.h"

#include <models/database.h>
#include <models/repositories/settingsrepository.h>
#include <services/auth/aesgcmcipher.h>
#include <services/providerconfig.h>
#include <services/webhooks/trustedproxies.h>
#include <services/webhooks/webhookcrypto.h>

#include <QFileInfo>
#include <QHostAddress>
#include <QUrl>

#include <memory>

namespace Callvia::App {

namespace {

class Report
{
public:
    explicit Report(std::FILE *out) : m_out(out) {}
    void ok(const QString &what, const QString &detail) { line("ok     ", what, detail); }
    void note(const QString &what, const QString &detail) { line("note   ", what, detail); }
    void problem(const QString &what, const QString &detail)
    {
        ++m_problems;
        line("PROBLEM", what, detail);
    }
    int problems() const { return m_problems; }

private:
    void line(const char *level, const QString &what, const QString &detail)
    {
        std::fprintf(m_out, "%s %s: %s\n", level, qPrintable(what), qPrintable(detail));
    }
    std::FILE *m_out;
    int m_problems = 0;
};

// The webhook secret each provider's signatures are checked with (WebhookListener's list).
struct ProviderSecret
{
    const char *provider;
    const char *what;
};
constexpr ProviderSecret providerSecrets[] = {
    { "retell", "api_key" },
    { "calcom", "webhook_secret" },
    { "stripe", "webhook_secret" },
    { "sendgrid", "webhook_public_key" },
    { "messagebird", "signing_key" },
};

void checkListen(const Options &options, Report &report)
{
    const QString what = QStringLiteral("listen address");
    const QString address = QStringLiteral("%1:%2").arg(options.listenHost).arg(options.listenPort);
    if (QHostAddress(options.listenHost).isNull())
        report.problem(what, QStringLiteral("%1: \"%2\" is not an IP address (the listener binds to an address, "
                                            "e.g. 127.0.0.1 or 0.0.0.0)")
                                     .arg(address, options.listenHost));
    else
        report.ok(what, address);
}

// The secrets key, without creating one or asking a keychain; the stored secrets must decrypt.
std::unique_ptr<Services::AesGcmCipher> checkSecretsKey(const Models::SettingsRepository *settings, Report &report)
{
    const QString what = QStringLiteral("secrets key");
    qsizetype stored = 0;
    QHash<QString, QString> secrets;
    if (settings) {
        const Models::DbResult<QHash<QString, QString>> read = settings->secrets();
        if (!read.ok()) {
            report.problem(what, QStringLiteral("the stored secrets cannot be read: %1").arg(read.error().message()));
            return nullptr;
        }
        secrets = read.value();
        stored = secrets.size();
    }
    QString error;
    QString source;
    const QByteArray key = Services::SecretKeyStore::load(Services::SecretKeyStore::defaultKeyFilePath(), &error,
                                                          &source, nullptr, false);
    if (key.isEmpty()) {
        if (stored > 0)
            report.problem(what, QStringLiteral("%1 secrets are stored encrypted, but no key: %2 (set CALLVIA_SECRET_KEY "
                                                "to the key of the desktop that stored them)")
                                         .arg(stored)
                                         .arg(error));
        else if (qEnvironmentVariableIsSet("CALLVIA_SECRET_KEY")
                 || QFileInfo::exists(Services::SecretKeyStore::defaultKeyFilePath()))
            report.problem(what, error);
        else
            report.note(what, QStringLiteral("none yet (no secret is stored; the first start creates %1)")
                                      .arg(Services::SecretKeyStore::defaultKeyFilePath()));
        return nullptr;
    }
    auto cipher = std::make_unique<Services::AesGcmCipher>(key);
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        bool ok = false;
        cipher->decrypt(it.value(), &ok);
        if (!ok) {
            report.problem(what, QStringLiteral("the key from %1 does not decrypt the stored secret %2 (saved with "
                                                "another key)")
                                         .arg(source, it.key()));
            return nullptr;
        }
    }
    report.ok(what, QStringLiteral("from %1; decrypts the %2 stored secrets").arg(source).arg(stored));
    return cipher;
}

void checkProviders(const Services::ProviderConfig &config, Report &report)
{
    const QString publicUrl = config.value(QStringLiteral("listener"), QStringLiteral("public_url"));
    int configured = 0;
    for (const ProviderSecret &entry : providerSecrets) {
        const QString provider = QLatin1String(entry.provider);
        const QString what = QLatin1String(entry.what);
        const QString name = QStringLiteral("provider %1").arg(provider);
        const QString value = config.value(provider, what).trimmed();
        const QString where = qEnvironmentVariableIsEmpty(qPrintable(Services::ProviderConfig::environmentName(provider, what)))
                ? QStringLiteral("setting %1").arg(Services::ProviderConfig::settingsKey(provider, what))
                : Services::ProviderConfig::environmentName(provider, what);
        if (value.isEmpty()) {
            report.note(name, QStringLiteral("%1 not set (%2 or the setting %3): its webhooks are answered 503")
                                      .arg(what, Services::ProviderConfig::environmentName(provider, what),
                                           Services::ProviderConfig::settingsKey(provider, what)));
            continue;
        }
        ++configured;
        if (provider == QLatin1String("sendgrid")) {
            const auto der = QByteArray::fromBase64Encoding(value.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            if (!der || !Services::WebhookCrypto::isEcPublicKey(der.decoded)) {
                report.problem(name, QStringLiteral("%1 from %2 is not the base64 of an EC public key (SendGrid's "
                                                    "\"Verification Key\")")
                                             .arg(what, where));
                continue;
            }
        }
        if (provider == QLatin1String("messagebird") && publicUrl.isEmpty()) {
            report.problem(name, QStringLiteral("%1 is set, but its signatures cannot be checked without the "
                                                "listener's public URL (CALLVIA_LISTENER_PUBLIC_URL)")
                                         .arg(what));
            continue;
        }
        report.ok(name, QStringLiteral("%1 set (%2)").arg(what, where));
    }
    if (configured == 0)
        report.note(QStringLiteral("providers"), QStringLiteral("no provider's webhook secret is set: every webhook "
                                                                "is refused until one is"));
}

void checkListenerSettings(const Services::ProviderConfig &config, Report &report)
{
    const QString publicUrl = config.value(QStringLiteral("listener"), QStringLiteral("public_url"));
    if (!publicUrl.isEmpty()) {
        const QUrl url(publicUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
            || url.host().isEmpty())
            report.problem(QStringLiteral("listener public URL"),
                           QStringLiteral("\"%1\" is not an http(s) URL").arg(publicUrl));
        else
            report.ok(QStringLiteral("listener public URL"), publicUrl);
    }
    const QString proxies = config.value(QStringLiteral("listener"), QStringLiteral("trusted_proxies"));
    QString error;
    Services::TrustedProxies::parse(proxies, &error);
    if (!error.isEmpty())
        report.problem(QStringLiteral("listener"), error);
    else if (!proxies.trimmed().isEmpty())
        report.ok(QStringLiteral("trusted proxies"), proxies.trimmed());
    else
        report.note(QStringLiteral("trusted proxies"),
                    QStringLiteral("none: X-Forwarded-For and Forwarded are ignored (CALLVIA_LISTENER_TRUSTED_PROXIES)"));
}

} // namespace

int runConfigCheck(AppContext &context, std::FILE *out)
{
    Report report(out);
    checkListen(context.options(), report);

    const QString what = QStringLiteral("database");
    QString error;
    const std::optional<Models::DatabaseUrl> url = context.databaseUrl(&error);
    bool databaseOpen = false;
    if (!url) {
        report.problem(what, error);
    } else if (url->dialect == Models::Dialect::Sqlite && !QFileInfo::exists(url->path)) {
        report.note(what, QStringLiteral("%1 does not exist yet (the first start creates it)").arg(url->displayName()));
    } else if (const Models::DbError openError = context.openDatabase()) {
        report.problem(what, openError.message());
    } else {
        databaseOpen = true;
    }

    bool schemaCurrent = false;
    if (databaseOpen) {
        const Models::DbResult<int> version = context.database().schemaVersion();
        const int latest = Models::Database::LatestSchemaVersion;
        const QString name = context.database().url().displayName();
        if (!version.ok()) {
            report.problem(what, version.error().message());
        } else if (version.value() > latest) {
            report.problem(what, QStringLiteral("%1 has schema version %2, newer than this Callvia understands (%3): "
                                                "upgrade Callvia")
                                         .arg(name)
                                         .arg(version.value())
                                         .arg(latest));
        } else if (version.value() < latest) {
            // On PostgreSQL only the database's owner may migrate: a service or user login cannot.
            report.note(what, QStringLiteral("%1, schema version %2; the next start applies the migrations up to %3%4")
                                      .arg(name)
                                      .arg(version.value())
                                      .arg(latest)
                                      .arg(context.database().isSqlite()
                                                   ? QString()
                                                   : QStringLiteral(" (on PostgreSQL only with the owner's login: "
                                                                    "run one command with the owner's URL first)")));
        } else {
            schemaCurrent = true;
            report.ok(what, QStringLiteral("%1, schema version %2 (current)").arg(name).arg(version.value()));
        }
    }

    // Settings are read from the database only when its schema is this binary's (an older one
    // may lack their tables); the environment's values are checked either way.
    const Models::SettingsRepository *settings = schemaCurrent ? context.settings() : nullptr;
    const std::unique_ptr<Services::AesGcmCipher> cipher = checkSecretsKey(settings, report);
    const Services::ProviderConfig config(settings, cipher.get());
    checkProviders(config, report);
    checkListenerSettings(config, report);

    if (report.problems() == 0) {
        std::fprintf(out, "callvia --check: configuration and database usable\n");
        return 0;
    }
    std::fprintf(out, "callvia --check: %d problem(s); a start would fail or misbehave\n", report.problems());
    return 1;
}

} // namespace Callvia::App
