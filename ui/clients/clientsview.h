#pragma once

#include <models/records.h>
#include <services/auth/session.h>

#include <QWidget>

class QCheckBox;
class QPushButton;
class QTableView;

namespace Callvia::Models {
class ClientProviderIdRepository;
class ClientRepository;
class ClientTableModel;
}

namespace Callvia::Services {
class ClientService;
}

namespace Callvia::Ui {

// The clients section: list, create, edit, archive and restore clients. Reads through the
// repository (the session's scope); every change goes through the ClientService as the session's
// user, which checks the role and audits; a refusal is shown in a message box.
class ClientsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientsView)
public:
    // providerIds (optional, borrowed): where the client dialog's provider id mappings are read.
    ClientsView(const Models::ClientRepository &repository, const Services::ClientService &service,
                Services::Session session, QWidget *parent = nullptr,
                const Models::ClientProviderIdRepository *providerIds = nullptr);
    // The signed-in user the changes are made as (and what the buttons offer).
    void setSession(const Services::Session &session);

    void refresh();
    Models::ClientTableModel *model() const { return m_model; }
    // What "New…" starts from: the agency's defaults from the settings (composition root).
    void setNewClientTemplate(const Models::ClientRecord &record) { m_newClient = record; }
    const Models::ClientRecord &newClientTemplate() const { return m_newClient; }
    void createClient(); // the "New…" dialog (modal)

Q_SIGNALS:
    void clientsChanged();

private:
    void editSelected();
    void toggleArchiveSelected();
    void updateButtons();
    int selectedRow() const;

    const Models::ClientRepository &m_repository;
    const Services::ClientService &m_service;
    Services::Session m_session;
    const Models::ClientProviderIdRepository *m_providerIds;
    Models::ClientTableModel *m_model;
    QTableView *m_table;
    QCheckBox *m_showArchived;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_archive;
    bool m_canEdit;
    Models::ClientRecord m_newClient;
};

} // namespace Callvia::Ui
