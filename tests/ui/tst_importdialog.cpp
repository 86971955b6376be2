#include <common/testdatabase.h>

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <services/auth/session.h>
#include <services/management/campaignservice.h>
#include <ui/campaigns/campaignsview.h>
#include <ui/import/importcontroller.h>
#include <ui/import/importdialog.h>
#include <ui/import/importsummarydialog.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace Callvia;
using namespace Callvia::Services;
using Callvia::Ui::ImportDialog;

// The mapping/preview dialog, the summary dialog and the controller's worker-thread import,
// offscreen.
class tst_ImportDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void guessesMappingAndPreviews();
    void refusesWithoutPhoneOrEmail();
    void switchesEncoding();
    void givesChosenOptions();
    void controllerImportsOnWorkerThread();

private:
    QString write(const QByteArray &data);
    QTemporaryDir m_dir;
    int m_files = 0;
};

namespace {

Models::CampaignRecord campaign()
{
    Models::CampaignRecord c;
    c.id = 7;
    c.name = QStringLiteral("Spring");
    c.defaultRegion = QStringLiteral("GB");
    return c;
}

QComboBox *mappingBox(ImportDialog &dialog, int row)
{
    return qobject_cast<QComboBox *>(dialog.mappingTable()->cellWidget(row, 1));
}

} // namespace

QString tst_ImportDialog::write(const QByteArray &data)
{
    const QString path = m_dir.filePath(QStringLiteral("f%1.csv").arg(++m_files));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
    return path;
}

void tst_ImportDialog::guessesMappingAndPreviews()
{
    ImportDialog dialog(write("fname;Mobile;E-mail;Shoe\nAna;07911 123456;a@x.org;41\nBo;;b@x.org;40\n"), campaign());
    QCOMPARE(dialog.mappingTable()->rowCount(), 4);
    QCOMPARE(LeadField(mappingBox(dialog, 0)->currentData().toInt()), LeadField::FirstName);
    QCOMPARE(LeadField(mappingBox(dialog, 1)->currentData().toInt()), LeadField::Phone);
    QCOMPARE(LeadField(mappingBox(dialog, 2)->currentData().toInt()), LeadField::Email);
    QCOMPARE(LeadField(mappingBox(dialog, 3)->currentData().toInt()), LeadField::Custom);
    QCOMPARE(dialog.previewTable()->rowCount(), 2);
    QCOMPARE(dialog.previewTable()->item(1, 2)->text(), QStringLiteral("b@x.org"));
    QVERIFY(dialog.canAccept());
}

void tst_ImportDialog::refusesWithoutPhoneOrEmail()
{
    ImportDialog dialog(write("Name,Phone,Email\nAna,2125550142,a@x.org\n"), campaign());
    QVERIFY(dialog.canAccept());
    mappingBox(dialog, 1)->setCurrentIndex(mappingBox(dialog, 1)->findData(int(LeadField::Ignore)));
    QVERIFY(dialog.canAccept());
    mappingBox(dialog, 2)->setCurrentIndex(mappingBox(dialog, 2)->findData(int(LeadField::Notes)));
    QVERIFY(!dialog.canAccept());
    QVERIFY(dialog.errorLabel()->text().contains(QLatin1String("No usable columns")));
    mappingBox(dialog, 2)->setCurrentIndex(mappingBox(dialog, 2)->findData(int(LeadField::Email)));
    QVERIFY(dialog.canAccept());

    ImportDialog empty(write(QByteArray()), campaign());
    QVERIFY(!empty.canAccept());
    QVERIFY(empty.errorLabel()->text().contains(QLatin1String("empty")));
}

void tst_ImportDialog::switchesEncoding()
{
    ImportDialog dialog(write("name,phone\nJos\xC3\xA9,1\n"), campaign());
    QCOMPARE(dialog.previewTable()->item(0, 0)->text(), QStringLiteral("José"));
    dialog.encodingBox()->setCurrentIndex(2); // Windows-1252
    QCOMPARE(dialog.previewTable()->item(0, 0)->text(), QStringLiteral("JosÃ©"));
}

void tst_ImportDialog::givesChosenOptions()
{
    const QString path = write("Name,Phone\nAna,2125550142\n");
    ImportDialog dialog(path, campaign());
    const ImportOptions options = dialog.options();
    QCOMPARE(options.campaignId, 7);
    QCOMPARE(options.filePath, path);
    QCOMPARE(options.defaultRegion, QStringLiteral("GB"));
    QCOMPARE(options.onDuplicate, OnDuplicate::Skip);
    QVERIFY(options.mapping.has_value());
    QCOMPARE(options.mapping->fields, QList<LeadField>({ LeadField::FullName, LeadField::Phone }));
}

void tst_ImportDialog::controllerImportsOnWorkerThread()
{
    QString skip, error;
    auto holder = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(holder, qPrintable(error));
    Models::Database &db = holder->database();
    Models::TestClock clock;
    Models::ClientRecord client;
    client.name = QStringLiteral("Acme");
    Models::CampaignRecord c;
    c.clientId = Models::ClientRepository(db, clock, Models::TenantScope::agency()).insert(client).value();
    c.name = QStringLiteral("Spring");
    c.id = Models::CampaignRepository(db, clock, Models::TenantScope::agency()).insert(c).value();
    Models::CampaignRepository campaigns(db, clock, Models::TenantScope::agency());
    Models::ClientRepository clients(db, clock, Models::TenantScope::agency());
    QWidget window;
    Services::CampaignService campaignService(db, clock);
    auto *view = new Ui::CampaignsView(campaigns, clients, campaignService, Services::Session::system(), &window);
    auto *controller = new Ui::ImportController(db, clock, view, &window);
    QVERIFY(view->toolbar()->indexOf(controller->button()) >= 0);

    ImportOptions options;
    options.campaignId = c.id;
    options.filePath = write("phone\n2125550142\n2125550143\n12\n");
    QSignalSpy finished(controller, &Ui::ImportController::importFinished);
    controller->start(options);
    QVERIFY(finished.wait(20000));
    const auto summary = finished.at(0).at(0).value<ImportSummary>();
    QCOMPARE(summary.imported, 2);
    QCOMPARE(summary.rejected, 1);
    auto *dialog = window.findChild<Ui::ImportSummaryDialog *>(QStringLiteral("importSummary"));
    QVERIFY(dialog);
    QVERIFY(dialog->saveRejectsButton()->isEnabled());
    const QString saved = m_dir.filePath(QStringLiteral("saved-rejects.csv"));
    QVERIFY(dialog->saveRejectsTo(saved, &error));
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("12,4,phone: TOO_SHORT"));
    QVERIFY(Ui::ImportSummaryDialog::describe(summary).contains(QLatin1String("Imported: 2")));
    QVERIFY(!Ui::ImportSummaryDialog::describe(summary).contains(QLatin1String("flagged")));
    ImportSummary flagged = summary;
    flagged.unknownAreaCode = 3;
    QVERIFY(Ui::ImportSummaryDialog::describe(flagged).contains(
            QLatin1String("Kept but flagged, area code not in this build's phone data (zone from the row or the client): 3")));
}

QTEST_MAIN(tst_ImportDialog)
#include "tst_importdialog.moc"
