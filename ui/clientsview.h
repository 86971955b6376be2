#pragma once

#include <QWidget>

class QCheckBox;
class QPushButton;
class QTableView;

namespace Callvia::Models {
class ClientProviderIdRepository;
class ClientRepository;
class ClientTableModel;
}

namespace Callvia::Ui {

// The clients section: list, create, edit, archive and restore clients.
class ClientsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientsView)
public:
    // providerIds (optional, borrowed): where the client dialog's provider id mappings are kept.
    ClientsView(const Models::ClientRepository &repository, bool canEdit, QWidget *parent = nullptr,
                const Models::ClientProviderIdRepository *providerIds = nullptr);

    void refresh();
    Models::ClientTableModel *model() const { return m_model; }

Q_SIGNALS:
    void clientsChanged();

private:
    void createClient();
    void editSelected();
    void toggleArchiveSelected();
    void updateButtons();
    int selectedRow() const;

    const Models::ClientRepository &m_repository;
    const Models::ClientProviderIdRepository *m_providerIds;
    Models::ClientTableModel *m_model;
    QTableView *m_table;
    QCheckBox *m_showArchived;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_archive;
    bool m_canEdit;
};

} // namespace Callvia::Ui
