// The Leads view's export and bulk actions (issue 23 item 4): the second half of LeadsView,
// kept apart so each file stays readable. Work runs on the reader thread through LeadExport and
// LeadBulkService; the dialogs they need are injectable for tests.
#include "leadsview.h"

#include <services/leads/leadbulkservice.h>
#include <services/leads/leadexport.h>
#include <services/servicethread.h>

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QToolButton>

#include <limits>

namespace Callvia::Ui {

QHBoxLayout *LeadsView::createActionBar()
{
    auto *actions = new QHBoxLayout;
    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("bulkTarget"));
    m_target->setAccessibleName(tr("Apply export and bulk actions to"));
    m_target->addItem(tr("Selected leads"), int(Target::Selection));
    m_target->addItem(tr("All that match the filter"), int(Target::Filter));
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_bulk = new QToolButton(this);
    m_bulk->setObjectName(QStringLiteral("bulkButton"));
    m_bulk->setText(tr("Bulk actions"));
    m_bulk->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_bulk);
    for (const QString &status : Services::LeadBulkService::statusTargets())
        menu->addAction(tr("Set status: %1").arg(statusText(status)), this, [this, status] { bulkChangeStatus(status); });
    menu->addSeparator();
    menu->addAction(tr("Mark do-not-contact…"), this, &LeadsView::bulkMarkDnc);
    menu->addAction(tr("Move to campaign…"), this, &LeadsView::bulkMove);
    if (m_session.role() == Services::Session::Role::Admin)
        menu->addAction(tr("Delete…"), this, &LeadsView::bulkDelete);
    if (m_session.role() == Services::Session::Role::Admin)
        menu->addAction(tr("Erase lead (privacy request)…"), this, &LeadsView::bulkErase);
    m_bulk->setMenu(menu);
    m_bulk->setVisible(m_session.canEdit()); // client users make no bulk writes
    m_notice = new QLabel(this);
    m_notice->setObjectName(QStringLiteral("bulkNotice"));
    m_notice->setWordWrap(true);
    actions->addWidget(new QLabel(tr("Apply to:"), this));
    actions->addWidget(m_target);
    actions->addWidget(m_export);
    actions->addWidget(m_bulk);
    actions->addWidget(m_notice, 1);
    connect(m_export, &QPushButton::clicked, this, &LeadsView::exportLeads);

    m_choosePath = [](QWidget *parent) {
        return QFileDialog::getSaveFileName(parent, tr("Export leads"), QStringLiteral("leads.csv"), tr("CSV files (*.csv)"));
    };
    m_confirm = [](QWidget *parent, const QString &question) {
        return QMessageBox::question(parent, tr("Leads"), question) == QMessageBox::Yes;
    };
    m_chooseCampaign = [](QWidget *parent, const QList<QPair<QString, qint64>> &campaigns) -> qint64 {
        QStringList names;
        for (const auto &campaign : campaigns)
            names << campaign.first;
        bool ok = false;
        const QString name = QInputDialog::getItem(parent, tr("Move leads"), tr("To campaign:"), names, 0, false, &ok);
        const qsizetype at = names.indexOf(name);
        return ok && at >= 0 ? campaigns[at].second : 0;
    };

    return actions;
}

void LeadsView::setTarget(Target target)
{
    m_target->setCurrentIndex(m_target->findData(int(target)));
}

QString LeadsView::noticeText() const
{
    return m_notice->text();
}

bool LeadsView::targetQuery(Models::LeadQuery *query)
{
    if (Target(m_target->currentData().toInt()) == Target::Filter) {
        *query = m_query;
        query->afterId = 0;
        query->offset = 0;
        return true;
    }
    *query = Models::LeadQuery();
    QSet<qint64> seen;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        const qint64 id = index.data(Qt::UserRole).toLongLong();
        if (!seen.contains(id)) {
            seen.insert(id);
            query->ids << id;
        }
    }
    if (query->ids.isEmpty()) {
        m_notice->setText(tr("Select leads first, or apply to all that match the filter."));
        return false;
    }
    return true;
}

void LeadsView::exportLeads()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    const QString path = m_choosePath(this);
    if (path.isEmpty())
        return;
    m_busy = true;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress = new QProgressDialog(tr("Exporting leads…"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    const std::shared_ptr<std::atomic_bool> cancel = m_cancel;
    connect(m_progress, &QProgressDialog::canceled, this, [cancel] { cancel->store(true); });
    m_progress->show();

    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session session = m_session;
    m_reader.post([this, db, clk, session, query, path, cancel] {
        const Services::LeadExport exporter(*db, *clk);
        const auto result = exporter.write(session, query, path, [this, cancel](qint64 written, qint64 total) {
            QMetaObject::invokeMethod(this, [this, written, total] {
                if (!m_progress)
                    return;
                m_progress->setMaximum(int(std::min<qint64>(total, std::numeric_limits<int>::max())));
                m_progress->setLabelText(tr("Exporting leads: %1 of %2").arg(QLocale().toString(written), QLocale().toString(total)));
                // Last: a window-modal QProgressDialog processes events in setValue, where the queued
                // finishExport may run and clear m_progress (UBSan caught a call on the null pointer).
                m_progress->setValue(int(std::min<qint64>(written, std::numeric_limits<int>::max())));
            }, Qt::QueuedConnection);
            return !cancel->load();
        });
        QMetaObject::invokeMethod(this, [this, result, path] {
            finishExport(result.rows, result.cancelled, result.error.message(), path);
        }, Qt::QueuedConnection);
    });
}

void LeadsView::finishExport(qint64 rows, bool cancelled, const QString &error, const QString &path)
{
    m_busy = false;
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    if (cancelled)
        m_notice->setText(tr("Export cancelled; no file was written."));
    else if (!error.isEmpty())
        m_notice->setText(tr("Export failed: %1").arg(error));
    else
        m_notice->setText(tr("Exported %Ln lead(s) to %1.", nullptr, int(rows)).arg(QDir::toNativeSeparators(path)));
    Q_EMIT exportFinished(rows, cancelled, error);
}

template<typename Action>
void LeadsView::runBulk(const QString &what, Action action)
{
    m_busy = true;
    m_notice->setText(tr("%1…").arg(what));
    Models::Database *db = &m_database;
    const Models::Clock *clk = &m_clock;
    const Services::Session session = m_session;
    m_reader.post([this, db, clk, session, what, action] {
        const Services::LeadBulkService service(*db, *clk);
        const auto outcome = action(service, session);
        const QString message = outcome.ok()
                ? tr("%1: %2 of %3 leads changed.")
                          .arg(what, QLocale().toString(outcome.value().changed), QLocale().toString(outcome.value().matched))
                : tr("%1 failed: %2").arg(what, outcome.error().message());
        QMetaObject::invokeMethod(this, [this, message] {
            m_busy = false;
            m_notice->setText(message);
            reload();
            Q_EMIT bulkFinished(message);
        }, Qt::QueuedConnection);
    });
}

void LeadsView::bulkChangeStatus(const QString &status)
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    runBulk(tr("Set status to %1").arg(statusText(status)), [query, status](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.changeStatus(session, query, status);
    });
}

void LeadsView::bulkMarkDnc()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    if (!m_confirm(this, tr("Mark these leads do-not-contact? Their numbers and e-mail addresses go on the opt-out list.")))
        return;
    runBulk(tr("Mark do-not-contact"), [query](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.markDnc(session, query);
    });
}

void LeadsView::bulkMove()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    QList<QPair<QString, qint64>> campaigns;
    for (int i = 1; i < m_campaign->count(); ++i)
        campaigns.append({ m_campaign->itemText(i), m_campaign->itemData(i).toLongLong() });
    const qint64 campaignId = m_chooseCampaign(this, campaigns);
    if (campaignId == 0)
        return;
    runBulk(tr("Move to another campaign"), [query, campaignId](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.moveToCampaign(session, query, campaignId);
    });
}

void LeadsView::bulkDelete()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    const QString question = query.ids.isEmpty()
            ? tr("Delete every lead that matches the filter? This cannot be undone.")
            : tr("Delete the %Ln selected lead(s)? This cannot be undone.", nullptr, int(query.ids.size()));
    if (!m_confirm(this, question))
        return;
    runBulk(tr("Delete"), [query](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.remove(session, query);
    });
}

void LeadsView::bulkErase()
{
    Models::LeadQuery query;
    if (m_busy || !targetQuery(&query))
        return;
    if (query.ids.isEmpty()) {
        m_notice->setText(tr("Select the leads to erase: a privacy request names its person, never a filter."));
        return;
    }
    if (!m_confirm(this, tr("Erase the %Ln selected lead(s)? Their personal data is deleted; their numbers and "
                            "e-mail addresses stay on the do-not-call list only as a hash, so they are never "
                            "contacted again. This cannot be undone.", nullptr, int(query.ids.size()))))
        return;
    runBulk(tr("Erase (privacy request)"), [query](const Services::LeadBulkService &service, const Services::Session &session) {
        return service.erase(session, query);
    });
}

} // namespace Callvia::Ui
