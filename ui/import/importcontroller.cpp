#include "importcontroller.h"

#include <ui/campaigns/campaignsview.h>
#include "importdialog.h"
#include "importsummarydialog.h"

#include <services/auth/session.h>
#include <services/importing/leadimporter.h>

#include <QFileDialog>
#include <QHBoxLayout>
#include <QProgressDialog>
#include <QPushButton>
#include <QTemporaryFile>
#include <QThread>

namespace Callvia::Ui {

ImportController::ImportController(Models::Database &database, const Models::Clock &clock, CampaignsView *view,
                                   QWidget *window)
    : QObject(window),
      m_database(database),
      m_clock(clock),
      m_view(view),
      m_window(window),
      m_button(new QPushButton(tr("Import…"), view)),
      m_importer(new Services::LeadImporter(database, clock, this))
{
    m_button->setObjectName(QStringLiteral("importLeads"));
    m_button->setToolTip(tr("Import leads from a CSV file into the selected campaign"));
    view->toolbar()->addWidget(m_button);
    auto update = [this] { m_button->setEnabled(!isRunning() && m_view->selectedCampaign().id != 0); };
    connect(view, &CampaignsView::selectionChanged, this, update);
    update();
    connect(m_button, &QPushButton::clicked, this, &ImportController::chooseFile);
    // Emitted on the worker thread; the importer lives here, so this is a queued connection.
    connect(m_importer, &Services::LeadImporter::progressed, this, &ImportController::showProgress);
}

void ImportController::setActor(const Services::Session &actor)
{
    m_importer->setActor(actor);
}

ImportController::~ImportController()
{
    if (m_thread) {
        m_importer->cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void ImportController::chooseFile()
{
    const Models::CampaignRecord campaign = m_view->selectedCampaign();
    if (campaign.id == 0)
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Import leads"), QString(),
                                                      tr("CSV files (*.csv *.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    ImportDialog dialog(path, campaign, m_window);
    if (dialog.exec() == QDialog::Accepted)
        start(dialog.options());
}

void ImportController::start(const Services::ImportOptions &requested)
{
    if (m_thread)
        return;
    Services::ImportOptions options = requested;
    m_rejects = std::make_unique<QTemporaryFile>();
    if (m_rejects->open()) {
        options.rejectsPath = m_rejects->fileName();
        m_rejects->close();
    }
    m_progress = new QProgressDialog(tr("Importing leads…"), tr("Cancel"), 0, 1000, m_window);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    connect(m_progress, &QProgressDialog::canceled, m_importer, &Services::LeadImporter::cancel);
    auto summary = std::make_shared<Services::ImportSummary>();
    m_thread = QThread::create([this, options, summary] { *summary = m_importer->run(options); });
    connect(m_thread, &QThread::finished, this, [this, summary] { finish(*summary); });
    m_button->setEnabled(false);
    m_thread->start();
}

void ImportController::showProgress(const Services::ImportProgress &p)
{
    if (!m_progress)
        return;
    const QString left = p.saving          ? tr("saving to the database")
            : p.secondsLeft < 0 ? tr("estimating time left")
                                : tr("about %1 s left").arg(p.secondsLeft);
    m_progress->setLabelText(tr("%Ln row(s) · %1 rows/s · %2", nullptr, int(p.rows)).arg(QLocale().toString(qint64(p.rowsPerSecond)), left));
    // Last: a modal QProgressDialog processes events in setValue, where the queued finish() may
    // run and clear m_progress (the same pattern failed under UBSan in the leads export).
    if (p.totalBytes > 0)
        m_progress->setValue(int(p.bytesRead * 1000 / p.totalBytes));
}

void ImportController::finish(const Services::ImportSummary &summary)
{
    m_thread->deleteLater();
    m_thread = nullptr;
    if (m_progress)
        m_progress->deleteLater();
    m_button->setEnabled(m_view->selectedCampaign().id != 0);
    m_view->refresh();
    Q_EMIT importFinished(summary);
    auto *dialog = new ImportSummaryDialog(summary, m_rejects ? m_rejects->fileName() : QString(), m_window);
    dialog->setObjectName(QStringLiteral("importSummary"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace Callvia::Ui
