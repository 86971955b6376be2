#include "adduserdialog.h"

#include <ui/widgets/dialoghelpers.h>
#include "roleclientfields.h"

#include <services/auth/authservice.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>

namespace Callvia::Ui {

AddUserDialog::AddUserDialog(Services::AuthService &auth, Services::Session actor,
    const QList<Models::ClientRecord> &clients, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_actor(std::move(actor))
    , m_roleFields(std::make_unique<RoleClientFields>(clients, this))
    , m_username(new QLineEdit(this))
    , m_displayName(new QLineEdit(this))
    , m_password(DialogHelpers::passwordField(this, QStringLiteral("password")))
    , m_confirm(DialogHelpers::passwordField(this, QStringLiteral("confirm")))
    , m_mustChange(new QCheckBox(tr("Must change the password at first sign-in"), this))
    , m_error(DialogHelpers::errorLabel(this))
{
    setWindowTitle(tr("Add user"));
    setMinimumWidth(460);
    m_username->setObjectName(QStringLiteral("username"));
    m_displayName->setObjectName(QStringLiteral("displayName"));
    m_displayName->setPlaceholderText(tr("optional"));
    m_mustChange->setObjectName(QStringLiteral("mustChange"));
    m_mustChange->setChecked(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Add user"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("User name"), m_username);
    form->addRow(tr("Full name"), m_displayName);
    form->addRow(tr("Role"), m_roleFields->roleBox());
    form->addRow(tr("Client"), m_roleFields->clientBox());
    form->addRow(tr("Initial password"), m_password);
    form->addRow(tr("Repeat password"), m_confirm);
    form->addRow(new QLabel(tr("At least %1 characters, not containing the user name.")
                                .arg(Services::PasswordPolicy::MinimumLength),
        this));
    form->addRow(m_mustChange);
    form->addRow(m_error);
    form->addRow(buttons);
    // The role combos are created first (member order); tab in the order of the form.
    setTabOrder(m_username, m_displayName);
    setTabOrder(m_displayName, m_roleFields->roleBox());
    setTabOrder(m_roleFields->roleBox(), m_roleFields->clientBox());
    setTabOrder(m_roleFields->clientBox(), m_password);
    setTabOrder(m_password, m_confirm);
    setTabOrder(m_confirm, m_mustChange);
    m_username->setFocus();
    connect(buttons, &QDialogButtonBox::accepted, this, &AddUserDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AddUserDialog::~AddUserDialog() = default;

QString AddUserDialog::username() const { return m_username->text().trimmed(); }

QString AddUserDialog::errorText() const { return m_error->text(); }

void AddUserDialog::accept()
{
    if (m_password->text() != m_confirm->text()) {
        m_error->setText(tr("Repeat password: the two passwords differ."));
        return;
    }
    const Services::NewUser user { username(), m_displayName->text().trimmed(), m_roleFields->role(),
        m_roleFields->clientId(), m_password->text(), m_mustChange->isChecked() };
    QApplication::setOverrideCursor(Qt::WaitCursor); // one hash, ~0.3 s
    const Models::DbResult<qint64> id = m_auth.createUser(m_actor, user);
    QApplication::restoreOverrideCursor();
    if (!id.ok()) {
        m_error->setText(id.error().message());
        return;
    }
    m_createdId = id.value();
    m_password->clear();
    m_confirm->clear();
    QDialog::accept();
}

} // namespace Callvia::Ui
