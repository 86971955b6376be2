// The main window in German and Spanish (issue 24 item 4): built after the translation is
// installed, with the demo data, every visible text that has a translation shows translated.
// With CALLVIA_SCREENSHOT_DIR set it also saves main-<lang>-<section>.png there (the screenshots
// in packaging/screenshots/ come from this test).

#include <common/testdatabase.h>

#include <models/clock.h>
#include <services/auth/session.h>
#include <services/demodata.h>
#include <services/servicethread.h>
#include <ui/billing/billingview.h>
#include <ui/dashboard/dashboardview.h>
#include <ui/leads/leadsview.h>
#include <ui/shell/mainwindow.h>

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QScopeGuard>
#include <QTabWidget>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <functional>

using namespace Callvia;

namespace {

// Source text -> translation, for the non-plural messages whose translation differs.
QHash<QString, QString> translatedSources(const QString &path)
{
    QHash<QString, QString> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString source;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("message")) {
            numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation") && !numerus) {
            const QString translation = xml.readElementText();
            if (!translation.isEmpty() && translation != source)
                out.insert(source, translation);
        }
    }
    return out;
}

// Every text a user reads in the visible part of the window.
QStringList visibleTexts(QWidget *root)
{
    QStringList texts;
    for (QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisibleTo(root))
            continue;
        if (auto *label = qobject_cast<QLabel *>(w))
            texts << label->text();
        else if (auto *button = qobject_cast<QAbstractButton *>(w))
            texts << button->text() << button->toolTip();
        else if (auto *box = qobject_cast<QGroupBox *>(w))
            texts << box->title();
        else if (auto *edit = qobject_cast<QLineEdit *>(w))
            texts << edit->placeholderText();
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            for (int i = 0; i < combo->count(); ++i)
                texts << combo->itemText(i);
        else if (auto *list = qobject_cast<QListWidget *>(w))
            for (int i = 0; i < list->count(); ++i)
                texts << list->item(i)->text();
        else if (auto *tabs = qobject_cast<QTabWidget *>(w))
            for (int i = 0; i < tabs->count(); ++i)
                texts << tabs->tabText(i);
        else if (auto *header = qobject_cast<QHeaderView *>(w); header && header->model())
            for (int i = 0; i < header->count(); ++i)
                texts << header->model()->headerData(i, header->orientation()).toString();
    }
    if (auto *window = qobject_cast<QMainWindow *>(root))
        for (QAction *action : window->menuBar()->actions())
            texts << action->text();
    texts.removeAll(QString());
    return texts;
}

} // namespace

class TstTranslatedWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyVisibleTextIsTranslated_data();
    void everyVisibleTextIsTranslated();
};

void TstTranslatedWindow::everyVisibleTextIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("es") << QStringLiteral("es");
}

void TstTranslatedWindow::everyVisibleTextIsTranslated()
{
    QFETCH(QString, language);
    const QHash<QString, QString> translations
            = translatedSources(QStringLiteral(CALLVIA_TS_DIR "/callvia_%1.ts").arg(language));
    QVERIFY(translations.size() > 100);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/callvia_%1").arg(language)));
    QCoreApplication::installTranslator(&translator);
    QLocale::setDefault(QLocale(language));
    const auto restore = qScopeGuard([&] {
        QCoreApplication::removeTranslator(&translator);
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    });

    QString skip, error;
    auto test = Tests::TestDatabase::create(QStringLiteral("sqlite"), &skip, &error);
    QVERIFY2(test, qPrintable(error));
    Models::Database &db = test->database();
    Models::TestClock clock;
    QVERIFY(!Services::DemoData(db, clock).load());
    Services::ServiceThread reader(QStringLiteral("test-reader"), db);
    const Services::Session admin = Services::Session::system();
    const QTimeZone zone("Europe/Berlin");

    Ui::MainWindow window(db, clock, admin);
    auto *dashboard = new Ui::DashboardView(db, clock, admin, reader);
    auto *leads = new Ui::LeadsView(db, clock, admin, reader, zone);
    auto *billing = new Ui::BillingView(db, clock, admin, reader, Ui::BillingView::Actions(), zone);
    window.setSectionWidget(Ui::MainWindow::Dashboard, dashboard);
    window.setSectionWidget(Ui::MainWindow::Leads, leads);
    window.setSectionWidget(Ui::MainWindow::Billing, billing);
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QString shots = qEnvironmentVariable("CALLVIA_SCREENSHOT_DIR");
    const struct {
        Ui::MainWindow::Section section;
        const char *name;
        std::function<bool()> ready;
    } sections[] = {
        { Ui::MainWindow::Campaigns, "campaigns", [] { return true; } },
        { Ui::MainWindow::Leads, "leads", [leads] { return !leads->isLoading(); } },
        { Ui::MainWindow::Billing, "billing", [billing] { return !billing->isLoading(); } },
        { Ui::MainWindow::Dashboard, "dashboard", [dashboard] { return !dashboard->isLoading(); } },
        { Ui::MainWindow::Clients, "clients", [] { return true; } },
    };
    QStringList untranslated;
    for (const auto &s : sections) {
        window.showSection(s.section);
        QTRY_VERIFY(s.ready());
        QCoreApplication::processEvents();
        for (const QString &text : visibleTexts(&window))
            if (translations.contains(text))
                untranslated << QStringLiteral("%1: \"%2\"").arg(QLatin1String(s.name), text);
        if (!shots.isEmpty())
            QVERIFY(window.grab().save(
                    QDir(shots).filePath(QStringLiteral("main-%1-%2.png").arg(language, QLatin1String(s.name)))));
    }
    untranslated.removeDuplicates();
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QLatin1Char('\n'))));
}

QTEST_MAIN(TstTranslatedWindow)
#include "tst_translatedwindow.moc"
