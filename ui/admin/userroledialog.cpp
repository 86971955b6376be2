#include "userroledialog.h"

#include <ui/widgets/dialoghelpers.h>
#include "roleclientfields.h"

#include <services/auth/authservice.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QPushButton>

namespace Callvia::Ui {

UserRoleDialog::UserRoleDialog(Services::AuthService &auth, Services::Session actor,
    const Models::UserRecord &user, const QList<Models::ClientRecord> &clients, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_actor(std::move(actor))
    , m_username(user.username)
    , m_roleFields(std::make_unique<RoleClientFields>(clients, this))
    , m_error(DialogHelpers::errorLabel(this))
{
    setWindowTitle(tr("Change role of %1").arg(user.username));
    setMinimumWidth(460);
    m_roleFields->set(user.role, user.clientId);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Change"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("User name"), new QLabel(user.username, this));
    form->addRow(tr("Role"), m_roleFields->roleBox());
    form->addRow(tr("Client"), m_roleFields->clientBox());
    form->addRow(m_error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &UserRoleDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

UserRoleDialog::~UserRoleDialog() = default;

QString UserRoleDialog::errorText() const { return m_error->text(); }

void UserRoleDialog::accept()
{
    const Models::DbError error
        = m_auth.setRole(m_actor, m_username, m_roleFields->role(), m_roleFields->clientId());
    if (error) {
        m_error->setText(error.message());
        return;
    }
    QDialog::accept();
}

} // namespace Callvia::Ui
