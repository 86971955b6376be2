#include "resetpassworddialog.h"

#include <ui/widgets/dialoghelpers.h>

#include <services/auth/authservice.h>

#include <QApplication>
#include <QDialogButtonBox>
#include <QPushButton>

namespace Callvia::Ui {

ResetPasswordDialog::ResetPasswordDialog(
    Services::AuthService &auth, Services::Session actor, const QString &username, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_actor(std::move(actor))
    , m_username(username)
    , m_password(DialogHelpers::passwordField(this, QStringLiteral("password")))
    , m_confirm(DialogHelpers::passwordField(this, QStringLiteral("confirm")))
    , m_error(DialogHelpers::errorLabel(this))
{
    setWindowTitle(tr("Reset password of %1").arg(username));
    setMinimumWidth(460);
    auto *note = new QLabel(tr("%1 must choose a new password at the next sign-in. Use at least %2 "
                               "characters, not containing the user name.")
                                .arg(username)
                                .arg(Services::PasswordPolicy::MinimumLength),
        this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Reset password"));
    auto *form = new QFormLayout(this);
    form->addRow(note);
    form->addRow(tr("Temporary password"), m_password);
    form->addRow(tr("Repeat password"), m_confirm);
    form->addRow(m_error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ResetPasswordDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

QString ResetPasswordDialog::errorText() const { return m_error->text(); }

void ResetPasswordDialog::accept()
{
    if (m_password->text() != m_confirm->text()) {
        m_error->setText(tr("Repeat password: the two passwords differ."));
        return;
    }
    QApplication::setOverrideCursor(Qt::WaitCursor); // one hash, ~0.3 s
    const Models::DbError error = m_auth.resetPassword(m_actor, m_username, m_password->text(), true);
    QApplication::restoreOverrideCursor();
    if (error) {
        m_error->setText(error.message());
        return;
    }
    m_password->clear();
    m_confirm->clear();
    QDialog::accept();
}

} // namespace Callvia::Ui
