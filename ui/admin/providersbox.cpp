#include "providersbox.h"

#include <services/providerconfig.h>

#include <QApplication>
#include <QClipboard>
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

} // namespace Callvia::Ui
