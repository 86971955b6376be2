#pragma once

#include <services/importing/importtypes.h>

#include <QObject>
#include <QPointer>

#include <memory>

class QProgressDialog;
class QPushButton;
class QTemporaryFile;
class QThread;
class QWidget;

namespace Callvia::Models {
class Clock;
class Database;
}

namespace Callvia::Services {
class LeadImporter;
class Session;
}

namespace Callvia::Ui {

class CampaignsView;

// Lead import in the app: adds "Import…" to the campaigns toolbar, then file picker ->
// ImportDialog -> LeadImporter::run on a worker QThread (its own DB connection) with a
// progress dialog (rows/s, time left, Cancel) -> ImportSummaryDialog. Owned by the window.
class ImportController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportController)
public:
    ImportController(Models::Database &database, const Models::Clock &clock, CampaignsView *view, QWidget *window);
    ~ImportController() override;

    QPushButton *button() const { return m_button; }
    bool isRunning() const { return m_thread != nullptr; }
    void setActor(const Services::Session &actor);
    // Starts an import without the file and mapping dialogs (the dialogs call this too).
    void start(const Services::ImportOptions &options);

Q_SIGNALS:
    void importFinished(const Callvia::Services::ImportSummary &summary);

private:
    void chooseFile();
    void showProgress(const Services::ImportProgress &progress);
    void finish(const Services::ImportSummary &summary);

    Models::Database &m_database;
    const Models::Clock &m_clock;
    CampaignsView *m_view;
    QWidget *m_window;
    QPushButton *m_button;
    Services::LeadImporter *m_importer;
    QThread *m_thread = nullptr;
    QPointer<QProgressDialog> m_progress;
    std::unique_ptr<QTemporaryFile> m_rejects;
};

} // namespace Callvia::Ui
