#pragma once

#include <QWidget>

class QCheckBox;
class QPushButton;
class QTableView;

namespace Callvia::Models {
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
    ClientsView(const Models::ClientRepository &repository, bool canEdit, QWidget *parent = nullptr);

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
    Models::ClientTableModel *m_model;
    QTableView *m_table;
    QCheckBox *m_showArchived;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_archive;
    bool m_canEdit;
};

} // namespace Callvia::Ui
