#include "logindialog.h"

#include <models/database.h>
#include <services/auth/passwordhasher.h>

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QtConcurrent/QtConcurrentRun>

namespace Callvia::Ui {

LoginDialog::LoginDialog(Services::AuthService &auth, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_watcher(new QFutureWatcher<Services::SignInResult>(this))
{
    setWindowTitle(tr("Sign in to Callvia"));
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("User name"), m_username);
    form->addRow(tr("Password"), m_password);
    form->addRow(m_error);
    form->addRow(m_buttons);
    m_username->setText(QSettings().value(LastUserKey).toString());
    if (!m_username->text().isEmpty())
        m_password->setFocus();
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::attempt);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_watcher, &QFutureWatcher<Services::SignInResult>::finished, this, &LoginDialog::finish);
}

LoginDialog::~LoginDialog()
{
    m_watcher->waitForFinished(); // the worker uses m_auth, which outlives us only until return
}

QString LoginDialog::errorText() const { return m_error->text(); }

bool LoginDialog::isBusy() const { return m_watcher->isRunning(); }

void LoginDialog::attempt()
{
    if (isBusy())
        return;
    const QString username = m_username->text().trimmed();
    if (username.isEmpty() || m_password->text().isEmpty()) {
        m_error->setText(username.isEmpty() ? tr("User name: required.") : tr("Password: required."));
        return;
    }
    m_error->setText(tr("Signing in…"));
    m_buttons->setEnabled(false);
    Services::AuthService *auth = &m_auth;
    const QString password = m_password->text();
    m_watcher->setFuture(QtConcurrent::run([auth, username, password] {
        Services::SignInResult result = auth->signIn(username, password);
        auth->database().releaseThreadConnection(); // pool threads must not keep connections
        Services::PasswordHasher::releaseThreadState(); // nor OpenSSL state
        return result;
    }));
}

void LoginDialog::finish()
{
    const Services::SignInResult result = m_watcher->result();
    m_buttons->setEnabled(true);
    m_password->clear();
    if (result.status != Services::SignInResult::Ok) {
        m_error->setText(result.message);
        emit attemptFinished(result.status);
        return;
    }
    QSettings().setValue(LastUserKey, result.session->username());
    m_error->clear();
    m_session = result.session;
    emit attemptFinished(result.status);
    accept();
}

} // namespace Callvia::Ui
