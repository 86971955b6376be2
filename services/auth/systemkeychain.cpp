#include "systemkeychain.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <qt6keychain/keychain.h>

namespace Callvia::Services {

namespace {

QString describeError(const QKeychain::Job &job)
{
    const QString text = job.errorString();
    return text.isEmpty() ? QStringLiteral("QtKeychain error %1").arg(int(job.error())) : text;
}

// Starts the job and waits for its finished signal in a local event loop (QtKeychain's
// backends answer asynchronously, libsecret through the GLib main context Qt runs).
bool runToCompletion(QKeychain::Job &job, QString *error)
{
    if (!QCoreApplication::instance()) {
        *error = QStringLiteral("no application event loop");
        return false;
    }
    job.setAutoDelete(false);
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&finished, &loop] {
        finished = true;
        loop.quit();
    });
    job.start();
    if (!finished)
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return true;
}

} // namespace

SystemKeychain::SystemKeychain(QString service, QString key)
    : m_service(std::move(service))
    , m_key(std::move(key))
{
}

QString SystemKeychain::describe() const
{
    return QStringLiteral("OS keychain (%1/%2)").arg(m_service, m_key);
}

Keychain::Status SystemKeychain::read(QByteArray *data, QString *error)
{
    QKeychain::ReadPasswordJob job(m_service);
    job.setKey(m_key);
    if (!runToCompletion(job, error))
        return Status::Unavailable;
    switch (job.error()) {
    case QKeychain::NoError:
        *data = job.binaryData();
        return Status::Found;
    case QKeychain::EntryNotFound:
        return Status::NotFound;
    default:
        *error = describeError(job);
        return Status::Unavailable;
    }
}

Keychain::Status SystemKeychain::write(const QByteArray &data, QString *error)
{
    QKeychain::WritePasswordJob job(m_service);
    job.setKey(m_key);
    job.setBinaryData(data);
    if (!runToCompletion(job, error))
        return Status::Unavailable;
    if (job.error() != QKeychain::NoError) {
        *error = describeError(job);
        return Status::Unavailable;
    }
    return Status::Found;
}

} // namespace Callvia::Services
