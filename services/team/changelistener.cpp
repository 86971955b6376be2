#include "changelistener.h"

#include <QAtomicInteger>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcLive, "callvia.live")

namespace Callvia::Services {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("callvia-change-listener-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

ChangeListener::ChangeListener(const Models::DatabaseUrl &url, Models::TenantScope scope, Options options,
                               QObject *parent)
    : QObject(parent), m_url(url), m_scope(scope), m_options(options), m_timer(new QTimer(this))
{
    m_timer->setInterval(m_options.checkIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &ChangeListener::checkConnection);
}

ChangeListener::~ChangeListener()
{
    stop();
}

void ChangeListener::start()
{
    checkConnection();
    m_timer->start();
}

void ChangeListener::stop()
{
    m_timer->stop();
    delete m_channel; // closes and removes its connection (on this thread, which added it)
    m_channel = nullptr;
}

void ChangeListener::checkConnection()
{
    if (!m_channel) {
        // A Qt connection belongs to the thread that added it: made here, on this object's thread.
        m_channel = new Models::ChangeChannel(m_url, nextConnectionName(), this);
        connect(m_channel, &Models::ChangeChannel::noticeReceived, this, &ChangeListener::onNotice);
    }
    if (m_channel->isOpen()) {
        if (!m_channel->ping())
            return;
        qCWarning(lcLive) << "change notices: connection lost, reconnecting";
        m_channel->close();
    }
    if (const Models::DbError error = m_channel->open()) {
        if (!m_reportedDown)
            qCWarning(lcLive).noquote() << error.message();
        m_reportedDown = true;
        return;
    }
    m_reportedDown = false;
    qCInfo(lcLive) << "change notices: listening";
    if (m_wasOpen)
        Q_EMIT reconnected();
    m_wasOpen = true;
}

bool ChangeListener::isListening() const
{
    return m_channel && m_channel->isOpen();
}

int ChangeListener::backendPid()
{
    if (!m_channel)
        return 0;
    const Models::DbResult<int> pid = m_channel->backendPid();
    return pid.ok() ? pid.value() : 0;
}

void ChangeListener::onNotice(const Models::ChangeNotice &notice)
{
    if (!m_scope.allows(notice.clientId) || (!m_scope.isAgency() && notice.clientId == 0))
        return;
    Q_EMIT changed(notice);
}

} // namespace Callvia::Services
