#pragma once

#include <models/records.h>

#include <QCoreApplication>
#include <QList>
#include <QString>

class QComboBox;
class QWidget;

namespace Callvia::Ui {

// The role and client choosers shared by the add-user and change-role dialogs: the client
// combo is enabled only while the role is "client", and then gives that client's id. The
// combos belong to the parent widget; this helper only holds pointers to them.
class RoleClientFields final
{
    Q_DECLARE_TR_FUNCTIONS(RoleClientFields)
public:
    RoleClientFields(const QList<Models::ClientRecord> &clients, QWidget *parent);

    QComboBox *roleBox() const { return m_role; }
    QComboBox *clientBox() const { return m_client; }
    QString role() const; // admin | staff | client
    qint64 clientId() const; // 0 unless the role is client
    void set(const QString &role, qint64 clientId);

private:
    static void roleChanged(QComboBox *role, QComboBox *client);

    QComboBox *m_role;
    QComboBox *m_client;
};

} // namespace Callvia::Ui
