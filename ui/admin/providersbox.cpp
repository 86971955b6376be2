#include "providersbox.h"

#include <services/providerconfig.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Callvia::Ui {

ProvidersBox::ProvidersBox(const Services::ProviderConfig &config, const QString &listenAddress,
                           std::function<int()> listeningPort, QWidget *parent, int timeoutMs)
    : QWidget(parent),
      m_config(config),
      m_listenAddress(listenAddress),
      m_listeningPort(std::move(listeningPort)),
      m_tester(new Services::ConnectionTester(config, this, timeoutMs))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildTests());
    layout->addWidget(buildListener(), 1);
    connect(m_tester, &Services::ConnectionTester::finished, this, &ProvidersBox::showResult);
    refreshListener();
}

QString ProvidersBox::providerName(const QString &provider)
{
    static const QHash<QString, QString> names { { QStringLiteral("retell"), QStringLiteral("Retell AI") },
                                                 { QStringLiteral("calcom"), QStringLiteral("Cal.com") },
                                                 { QStringLiteral("stripe"), QStringLiteral("Stripe") },
                                                 { QStringLiteral("sendgrid"), QStringLiteral("SendGrid") },
                                                 { QStringLiteral("messagebird"), QStringLiteral("MessageBird") } };
    return names.value(provider, provider);
}

QString ProvidersBox::webhookUrl(const QString &publicBase, const QString &provider)
{
    QString base = publicBase.trimmed();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base + QStringLiteral("/api/webhooks/") + provider;
}

QWidget *ProvidersBox::buildTests()
{
    auto *box = new QGroupBox(tr("Provider connections"), this);
    auto *grid = new QGridLayout(box);
    int row = 0;
    for (const QString &provider : Services::ConnectionTester::providers()) {
        auto *button = new QPushButton(tr("Test connection"), box);
        button->setObjectName(QStringLiteral("test_") + provider);
        button->setToolTip(tr("One harmless GET %1 with the stored API key; nothing is changed at %2.")
                                   .arg(Services::ConnectionTester::testPath(provider), providerName(provider)));
        auto *result = new QLabel(tr("Not tested yet."), box);
        result->setObjectName(QStringLiteral("result_") + provider);
        result->setWordWrap(true);
        result->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(new QLabel(providerName(provider), box), row, 0);
        grid->addWidget(button, row, 1);
        grid->addWidget(result, row, 2);
        m_buttons.insert(provider, button);
        m_results.insert(provider, result);
        connect(button, &QPushButton::clicked, this, [this, provider] { testConnection(provider); });
        ++row;
    }
    grid->setColumnStretch(2, 1);
    return box;
}

QWidget *ProvidersBox::buildListener()
{
    auto *box = new QGroupBox(tr("Webhook listener"), this);
    m_listener = new QLabel(box);
    m_listener->setObjectName(QStringLiteral("listenerState"));
    m_publicBase = new QLineEdit(box);
    m_publicBase->setObjectName(QStringLiteral("publicBase"));
    const QString configured = m_config.value(QStringLiteral("listener"), QStringLiteral("public_url"));
    m_publicBase->setText(configured.isEmpty() ? QStringLiteral("http://") + m_listenAddress : configured);
    m_publicBase->setToolTip(tr("The address the providers reach the listener at: the tunnel's or reverse proxy's "
                                "public https URL (setting listener.public_url)."));
    m_urls = new QTableWidget(0, 2, box);
    m_urls->setObjectName(QStringLiteral("webhookUrls"));
    m_urls->setHorizontalHeaderLabels({ tr("Provider"), tr("Webhook URL to paste into its dashboard") });
    m_urls->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_urls->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_urls->setSelectionMode(QAbstractItemView::SingleSelection);
    m_urls->verticalHeader()->hide();
    m_urls->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_urls->horizontalHeader()->setStretchLastSection(true);
    auto *copy = new QPushButton(tr("&Copy URL"), box);
    copy->setObjectName(QStringLiteral("copyUrl"));
    auto *refresh = new QPushButton(tr("Re&fresh state"), box);
    auto *form = new QFormLayout;
    form->addRow(tr("State:"), m_listener);
    form->addRow(tr("Public base URL:"), m_publicBase);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(copy);
    buttons->addWidget(refresh);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(form);
    layout->addWidget(m_urls, 1);
    layout->addLayout(buttons);
    connect(m_publicBase, &QLineEdit::textChanged, this, &ProvidersBox::updateUrls);
    connect(refresh, &QPushButton::clicked, this, &ProvidersBox::refreshListener);
    connect(copy, &QPushButton::clicked, this, [this] {
        const int row = m_urls->currentRow();
        if (row >= 0)
            QApplication::clipboard()->setText(m_urls->item(row, 1)->text());
    });
    updateUrls();
    return box;
}

void ProvidersBox::updateUrls()
{
    const QStringList providers = Services::ConnectionTester::providers();
    m_urls->setRowCount(int(providers.size()));
    for (int row = 0; row < providers.size(); ++row) {
        QString url = webhookUrl(m_publicBase->text(), providers.at(row));
        if (providers.at(row) == QLatin1String("messagebird"))
            url += QLatin1Char(' ') + tr("(POST, or GET for delivery reports)");
        m_urls->setItem(row, 0, new QTableWidgetItem(providerName(providers.at(row))));
        m_urls->setItem(row, 1, new QTableWidgetItem(webhookUrl(m_publicBase->text(), providers.at(row))));
        m_urls->item(row, 1)->setToolTip(url);
    }
}

void ProvidersBox::setPublicBase(const QString &base)
{
    m_publicBase->setText(base);
}

void ProvidersBox::refreshListener()
{
    const int port = m_listeningPort ? m_listeningPort() : 0;
    m_listener->setText(port > 0 ? tr("listening on %1 (configured %2)")
                                           .arg(m_listenAddress.section(QLatin1Char(':'), 0, -2) + QLatin1Char(':')
                                                        + QString::number(port),
                                                m_listenAddress)
                                 : tr("not running (configured %1)").arg(m_listenAddress));
}

void ProvidersBox::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refreshListener();
}

QString ProvidersBox::listenerText() const
{
    return m_listener->text();
}

void ProvidersBox::testConnection(const QString &provider)
{
    if (QPushButton *button = m_buttons.value(provider))
        button->setEnabled(false);
    if (QLabel *label = m_results.value(provider))
        label->setText(tr("Testing…"));
    m_tester->test(provider);
}

void ProvidersBox::showResult(const Services::ConnectionTester::Result &result)
{
    using Outcome = Services::ConnectionTester::Outcome;
    const QString name = providerName(result.provider);
    QString text;
    QString colour = QStringLiteral("#b00020");
    switch (result.outcome) {
    case Outcome::Connected:
        text = tr("Connected: %1 accepted the key (HTTP %2 from %3).").arg(name).arg(result.status).arg(result.url);
        colour = QStringLiteral("#1b5e20");
        break;
    case Outcome::NoKey:
        text = tr("No API key is set: set the secret %1 first.").arg(result.detail);
        break;
    case Outcome::KeyRefused:
        text = tr("%1 refused the API key (HTTP %2): %3. Check the key (Set secret…).")
                       .arg(name)
                       .arg(result.status)
                       .arg(result.detail);
        break;
    case Outcome::Unreachable:
        text = tr("Cannot reach %1 at %2: %3.").arg(name, result.url, result.detail);
        break;
    case Outcome::UnexpectedAnswer:
        text = tr("%1 answered HTTP %2 at %3: %4.").arg(name).arg(result.status).arg(result.url, result.detail);
        break;
    }
    if (QLabel *label = m_results.value(result.provider)) {
        label->setText(text);
        label->setStyleSheet(QStringLiteral("color: %1").arg(colour));
    }
    if (QPushButton *button = m_buttons.value(result.provider))
        button->setEnabled(true);
    Q_EMIT tested(result.provider);
}

QString ProvidersBox::resultText(const QString &provider) const
{
    const QLabel *label = m_results.value(provider);
    return label ? label->text() : QString();
}

// --- Send test event (issue 26 item 4) ---
void ProvidersBox::setTestSender(Services::WebhookTestSender *sender)
{
    if (m_sender || !sender)
        return;
    m_sender = sender;
    static_cast<QVBoxLayout *>(layout())->insertWidget(1, buildTestEvent());
    connect(m_sender, &Services::WebhookTestSender::finished, this, &ProvidersBox::showTestEvent);
}

QWidget *ProvidersBox::buildTestEvent()
{
    auto *box = new QGroupBox(tr("Send test event"), this);
    box->setObjectName(QStringLiteral("testEventBox"));
    m_testProvider = new QComboBox(box);
    m_testProvider->setObjectName(QStringLiteral("testEventProvider"));
    for (const QString &provider : Services::WebhookTestSender::providers())
        m_testProvider->addItem(providerName(provider), provider);
    m_sendTest = new QPushButton(tr("&Send test event"), box);
    m_sendTest->setObjectName(QStringLiteral("sendTestEvent"));
    m_sendTest->setToolTip(tr("Signs a harmless test event as the provider would, posts it to the public URL "
                              "(listener.public_url; else this listener) and checks that it was stored. Test "
                              "events show in the journal and are never applied."));
    m_testResult = new QLabel(tr("Checks the public URL end to end: tunnel or proxy, signature, storage."), box);
    m_testResult->setObjectName(QStringLiteral("testEventResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Provider:"), box));
    row->addWidget(m_testProvider);
    row->addWidget(m_sendTest);
    row->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_testResult);
    connect(m_sendTest, &QPushButton::clicked, this,
            [this] { sendTestEvent(m_testProvider->currentData().toString()); });
    return box;
}

QString ProvidersBox::localBaseUrl() const
{
    QString host = m_listenAddress.section(QLatin1Char(':'), 0, -2);
    if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
        host = QStringLiteral("127.0.0.1");
    const int port = m_listeningPort ? m_listeningPort() : 0;
    return QStringLiteral("http://%1:%2")
            .arg(host, port > 0 ? QString::number(port) : m_listenAddress.section(QLatin1Char(':'), -1));
}

void ProvidersBox::sendTestEvent(const QString &provider)
{
    if (!m_sender)
        return;
    const int index = m_testProvider->findData(provider);
    if (index >= 0)
        m_testProvider->setCurrentIndex(index);
    m_sendTest->setEnabled(false);
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Sending a %1 test event and waiting for it to be stored…").arg(providerName(provider)));
    m_sender->send(provider, localBaseUrl());
}

void ProvidersBox::showTestEvent(const Services::WebhookTestSender::Result &result)
{
    using Outcome = Services::WebhookTestSender::Outcome;
    const QString name = providerName(result.provider);
    const QString via = result.publicUrl ? tr("the public URL, listener.public_url")
                                         : tr("the local listener: no listener.public_url is set");
    const QString answer = result.body.isEmpty() ? QString() : QStringLiteral(" ") + result.body;
    QString text;
    bool good = false;
    switch (result.outcome) {
    case Outcome::Stored:
        text = tr("Stored. The %1 test event reached %2 (%3), was answered HTTP %4 and is stored as event #%5, "
                  "received %6 UTC (%7; test events are never applied).")
                       .arg(name, result.url, via)
                       .arg(result.status)
                       .arg(result.eventId)
                       .arg(QDateTime::fromMSecsSinceEpoch(result.receivedAt, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                            result.eventStatus);
        good = true;
        break;
    case Outcome::NotStored:
        text = tr("Sent to %1 (%2) and answered HTTP %3%4, but not stored: %5.")
                       .arg(result.url, via)
                       .arg(result.status)
                       .arg(answer, result.detail);
        break;
    case Outcome::SignatureRefused:
        text = tr("Signature refused: %1 (%2) answered HTTP 401%3. The %4 set here differs from the listener's.")
                       .arg(result.url, via, answer, Services::WebhookTestSender::secretName(result.provider));
        break;
    case Outcome::NotConfigured:
        text = result.status > 0 ? tr("Not configured: %1 answered HTTP %2: %3.").arg(result.url).arg(result.status).arg(result.detail)
                                 : tr("Not sent: %1.").arg(result.detail);
        break;
    case Outcome::Unreachable:
        text = tr("Unreachable: %1 (%2): %3.").arg(result.url, via, result.detail);
        break;
    case Outcome::UnexpectedAnswer:
        text = tr("%1 (%2) answered HTTP %3%4.").arg(result.url, via).arg(result.status).arg(answer);
        break;
    }
    m_testResult->setText(text);
    m_testResult->setStyleSheet(QStringLiteral("color: %1").arg(good ? QStringLiteral("#1b5e20") : QStringLiteral("#b00020")));
    m_sendTest->setEnabled(true);
    Q_EMIT testEventShown(result.provider);
}

QString ProvidersBox::testEventText() const
{
    return m_testResult ? m_testResult->text() : QString();
}
// --- end Send test event ---

} // namespace Callvia::Ui
