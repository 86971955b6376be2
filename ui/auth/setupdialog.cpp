#include "setupdialog.h"

#include <ui/widgets/dialoghelpers.h>

#include <services/auth/authservice.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QPushButton>

namespace Callvia::Ui {

SetupDialog::SetupDialog(Services::AuthService &auth, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_username(new QLineEdit(this))
    , m_password(DialogHelpers::passwordField(this, QStringLiteral("password")))
    , m_confirm(DialogHelpers::passwordField(this, QStringLiteral("confirm")))
    , m_error(DialogHelpers::errorLabel(this))
{
    setWindowTitle(tr("Set up Callvia"));
    m_username->setObjectName(QStringLiteral("username"));
    auto *intro = new QLabel(tr("Create the first administrator. Administrators manage users, settings and "
                                "provider secrets. Use at least %1 characters for the password.")
                                 .arg(Services::PasswordPolicy::MinimumLength),
        this);
    intro->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create administrator"));
    auto *form = new QFormLayout(this);
    form->addRow(intro);
    form->addRow(tr("User name"), m_username);
    form->addRow(tr("Password"), m_password);
    form->addRow(tr("Repeat password"), m_confirm);
    form->addRow(m_error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SetupDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString SetupDialog::username() const { return m_username->text().trimmed(); }

QString SetupDialog::errorText() const { return m_error->text(); }

void SetupDialog::accept()
{
    if (m_password->text() != m_confirm->text()) {
        m_error->setText(tr("Repeat password: the two passwords differ."));
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor); // one hash, ~0.3 s: not worth a thread
    const Models::DbResult<Services::Session> session = m_auth.setUpFirstAdmin(username(), m_password->text());
    QApplication::restoreOverrideCursor();
    if (!session.ok()) {
        m_error->setText(session.error().message());
        return;
    }
    m_session = session.value();
    m_password->clear();
    m_confirm->clear();
    QDialog::accept();
}

} // namespace Callvia::Ui
