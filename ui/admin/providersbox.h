#pragma once

#include <services/providers/connectiontester.h>
#include <services/webhooks/webhooktestsender.h>

#include <QHash>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace Callvia::Services {
class ProviderConfig;
class WebhookTestSender;
}

namespace Callvia::Ui {

// The Admin console's providers tab: per provider a "Test connection" button (one harmless
// authenticated GET with the stored key, through Services::ConnectionTester) and its plain
// result; and the listener panel: its configured address and state, and the webhook URL of each
// provider for a public base URL (the tunnel's, prefilled from listener.public_url) to paste
// into the provider's dashboard; and, once given a WebhookTestSender, "Send test event" (issue 26
// item 4): a signed test event posted to the public URL, and whether it was stored. Borrows the
// config and the sender; owns its tester.
class ProvidersBox final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProvidersBox)
public:
    // listenAddress: HOST:PORT the listener is configured for; listeningPort: the port it listens
    // on now, 0 when not running (asked on each refresh).
    ProvidersBox(const Services::ProviderConfig &config, const QString &listenAddress,
                 std::function<int()> listeningPort, QWidget *parent = nullptr, int timeoutMs = 10000);

    static QString providerName(const QString &provider); // "Cal.com"
    // base + "/api/webhooks/<provider>", base without a trailing slash.
    static QString webhookUrl(const QString &publicBase, const QString &provider);

    void testConnection(const QString &provider);
    QString resultText(const QString &provider) const;
    void setPublicBase(const QString &base);
    QTableWidget *urlTable() const { return m_urls; }
    // Adds the "Send test event" panel (administrators' console only). Borrows the sender.
    void setTestSender(Services::WebhookTestSender *sender);
    void sendTestEvent(const QString &provider);
    QString testEventText() const;
    QString localBaseUrl() const; // the running listener's own URL (loopback for 0.0.0.0)
    QString listenerText() const;
    void refreshListener();

Q_SIGNALS:
    void tested(const QString &provider);
    void testEventShown(const QString &provider);

protected:
    void showEvent(QShowEvent *event) override; // the listener may have started meanwhile

private:
    QWidget *buildTests();
    QWidget *buildListener();
    void showResult(const Services::ConnectionTester::Result &result);
    void updateUrls();
    QWidget *buildTestEvent();
    void showTestEvent(const Services::WebhookTestSender::Result &result);

    const Services::ProviderConfig &m_config;
    QString m_listenAddress;
    std::function<int()> m_listeningPort;
    Services::ConnectionTester *m_tester;
    QHash<QString, QLabel *> m_results;
    QHash<QString, QPushButton *> m_buttons;
    QLabel *m_listener = nullptr;
    QLineEdit *m_publicBase = nullptr;
    QTableWidget *m_urls = nullptr;
    Services::WebhookTestSender *m_sender = nullptr;
    QComboBox *m_testProvider = nullptr;
    QPushButton *m_sendTest = nullptr;
    QLabel *m_testResult = nullptr;
};

} // namespace Callvia::Ui
