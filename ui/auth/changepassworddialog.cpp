#include "changepassworddialog.h"

#include <ui/widgets/dialoghelpers.h>

#include <services/auth/authservice.h>

#include <QApplication>
#include <QDialogButtonBox>

namespace Callvia::Ui {

ChangePasswordDialog::ChangePasswordDialog(
    Services::AuthService &auth, Services::Session &session, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_session(session)
    , m_current(DialogHelpers::passwordField(this, QStringLiteral("current")))
    , m_password(DialogHelpers::passwordField(this, QStringLiteral("password")))
    , m_confirm(DialogHelpers::passwordField(this, QStringLiteral("confirm")))
    , m_error(DialogHelpers::errorLabel(this))
{
    setWindowTitle(tr("Change password"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout(this);
    if (session.mustChangePassword())
        form->addRow(new QLabel(tr("An administrator reset your password. Choose a new one."), this));
    form->addRow(tr("Current password"), m_current);
    form->addRow(tr("New password"), m_password);
    form->addRow(tr("Repeat new password"), m_confirm);
    form->addRow(m_error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ChangePasswordDialog::errorText() const { return m_error->text(); }

void ChangePasswordDialog::accept()
{
    if (m_password->text() != m_confirm->text()) {
        m_error->setText(tr("Repeat new password: the two passwords differ."));
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Models::DbError error = m_auth.changePassword(m_session, m_current->text(), m_password->text());
    QApplication::restoreOverrideCursor();
    if (error) {
        m_error->setText(error.message());
        return;
    }
    QDialog::accept();
}

} // namespace Callvia::Ui
