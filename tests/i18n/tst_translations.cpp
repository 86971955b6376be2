// The translation check of issue 24 item 4: every .ts file in translations/ is complete (no
// unfinished, obsolete or vanished entry), German and Spanish carry both plural forms, no
// translation drops or adds a %1-style placeholder or an accelerator, German and Spanish hold
// the same messages, and the compiled .qm files ship in the resources and translate.
// CALLVIA_TS_DIR (environment) points the file checks at another folder, e.g. a broken copy.

#include <ui/widgets/translations.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <utility>

using namespace Callvia;

namespace {

struct Message {
    QString context;
    QString source;
    bool numerus = false;
    QString type; // translation's type attribute: "", unfinished, obsolete, vanished
    QString translation;
    QStringList forms;
};

struct TsFile {
    QString language;
    QList<Message> messages;
    QString error;
};

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = file.errorString();
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = Message();
            message.context = context;
            message.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            if (message.numerus) {
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("numerusform"))
                        message.forms << xml.readElementText();
                    else
                        xml.skipCurrentElement();
                }
            } else {
                message.translation = xml.readElementText();
            }
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return ts;
}

// %1..%99, %L1, %n and %Ln, as a sorted list (a placeholder used twice counts twice).
QStringList placeholders(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("%L?(?:[1-9][0-9]?|n)"));
    QStringList found;
    for (auto it = pattern.globalMatch(text); it.hasNext();)
        found << it.next().captured().remove(QLatin1Char('L'));
    found.sort();
    return found;
}

bool hasAccelerator(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("(^|[^&])&[^&\\s]"));
    return pattern.match(text).hasMatch();
}

// Every problem of one .ts file, one line each; empty when the file is fine.
QStringList problems(const QString &path)
{
    const TsFile ts = readTs(path);
    if (!ts.error.isEmpty())
        return { QStringLiteral("%1: cannot read: %2").arg(path, ts.error) };
    const bool english = ts.language.startsWith(QLatin1String("en"));
    QStringList out;
    if (ts.messages.isEmpty())
        out << QStringLiteral("no messages");
    for (const Message &m : ts.messages) {
        const QString where = QStringLiteral("[%1] \"%2\"").arg(m.context, m.source);
        if (!m.type.isEmpty()) {
            out << QStringLiteral("%1: %2").arg(where, m.type);
            continue;
        }
        if (english && !m.numerus) {
            out << QStringLiteral("%1: an English .ts holds plural forms only").arg(where);
            continue;
        }
        const QStringList texts = m.numerus ? m.forms : QStringList { m.translation };
        if (m.numerus && texts.size() != 2) // English, German and Spanish: singular and plural
            out << QStringLiteral("%1: %2 plural form(s), expected 2").arg(where).arg(texts.size());
        for (const QString &text : texts) {
            if (text.trimmed().isEmpty() && !m.source.trimmed().isEmpty()) {
                out << QStringLiteral("%1: empty translation").arg(where);
                continue;
            }
            if (placeholders(text) != placeholders(m.source))
                out << QStringLiteral("%1: placeholders %2 in \"%3\", expected %4")
                               .arg(where, placeholders(text).join(QLatin1Char(' ')), text,
                                    placeholders(m.source).join(QLatin1Char(' ')));
            if (hasAccelerator(m.source) != hasAccelerator(text))
                out << QStringLiteral("%1: accelerator (&) lost or added in \"%2\"").arg(where, text);
        }
    }
    return out;
}

QString tsDir()
{
    const QString fromEnvironment = qEnvironmentVariable("CALLVIA_TS_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(CALLVIA_TS_DIR) : fromEnvironment;
}

QSet<QString> keys(const TsFile &ts, bool numerusOnly)
{
    QSet<QString> out;
    for (const Message &m : ts.messages)
        if (!numerusOnly || m.numerus)
            out.insert(m.context + QLatin1Char('\x04') + m.source);
    return out;
}

const char *const GoodTs = R"(<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Callvia::Ui::LeadsView</name>
    <message>
        <source>&amp;Export %1</source>
        <translation>&amp;Exportieren %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln lead(s)</source>
        <translation>
            <numerusform>%Ln Lead</numerusform>
            <numerusform>%Ln Leads</numerusform>
        </translation>
    </message>
</context>
</TS>
)";

} // namespace

class TstTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tsFileIsComplete_data();
    void tsFileIsComplete();
    void germanAndSpanishHoldTheSameMessages();
    void brokenCopiesAreCaught_data();
    void brokenCopiesAreCaught();
    void compiledTranslationsShip();
    void chosenLanguageOverridesTheSystem();
};

void TstTranslations::tsFileIsComplete_data()
{
    QTest::addColumn<QString>("file");
    for (const char *language : { "de", "es", "en" })
        QTest::newRow(language) << QStringLiteral("callvia_%1.ts").arg(QLatin1String(language));
}

void TstTranslations::tsFileIsComplete()
{
    QFETCH(QString, file);
    const QString path = QDir(tsDir()).filePath(file);
    QVERIFY2(QFile::exists(path), qPrintable(path));
    const QStringList found = problems(path);
    QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("%1: %2 problem(s):\n  %3\n(run the update_translations "
                                                        "target, then translate)")
                                                 .arg(path).arg(found.size())
                                                 .arg(found.mid(0, 40).join(QLatin1String("\n  ")))));
}

void TstTranslations::germanAndSpanishHoldTheSameMessages()
{
    const QDir dir(tsDir());
    const TsFile de = readTs(dir.filePath(QStringLiteral("callvia_de.ts")));
    const TsFile es = readTs(dir.filePath(QStringLiteral("callvia_es.ts")));
    const TsFile en = readTs(dir.filePath(QStringLiteral("callvia_en.ts")));
    QVERIFY(de.messages.size() > 100);
    QCOMPARE(keys(es, false), keys(de, false));
    QCOMPARE(keys(en, false), keys(de, true)); // English: exactly the plural messages
    QVERIFY(!keys(en, false).isEmpty());
}

void TstTranslations::brokenCopiesAreCaught_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unfinished") << QStringLiteral("<translation>&amp;Exportieren %1</translation>")
                                << QStringLiteral("<translation type=\"unfinished\"></translation>")
                                << QStringLiteral("unfinished");
    QTest::newRow("vanished") << QStringLiteral("<translation>&amp;Exportieren %1</translation>")
                              << QStringLiteral("<translation type=\"vanished\">&amp;Exportieren %1</translation>")
                              << QStringLiteral("vanished");
    QTest::newRow("obsolete") << QStringLiteral("<translation>&amp;Exportieren %1</translation>")
                              << QStringLiteral("<translation type=\"obsolete\">&amp;Exportieren %1</translation>")
                              << QStringLiteral("obsolete");
    QTest::newRow("one plural form") << QStringLiteral("<numerusform>%Ln Leads</numerusform>") << QString()
                                     << QStringLiteral("1 plural form(s), expected 2");
    QTest::newRow("empty plural form") << QStringLiteral("<numerusform>%Ln Leads</numerusform>")
                                       << QStringLiteral("<numerusform></numerusform>")
                                       << QStringLiteral("empty translation");
    QTest::newRow("placeholder dropped") << QStringLiteral("&amp;Exportieren %1<")
                                         << QStringLiteral("&amp;Exportieren<") << QStringLiteral("placeholders");
    QTest::newRow("placeholder added") << QStringLiteral("&amp;Exportieren %1<")
                                       << QStringLiteral("&amp;Exportieren %1 %2<") << QStringLiteral("placeholders");
    QTest::newRow("%n dropped") << QStringLiteral("<numerusform>%Ln Lead</numerusform>")
                                << QStringLiteral("<numerusform>Ein Lead</numerusform>")
                                << QStringLiteral("placeholders");
    QTest::newRow("accelerator lost") << QStringLiteral("&amp;Exportieren %1<") << QStringLiteral("Exportieren %1<")
                                      << QStringLiteral("accelerator");
}

void TstTranslations::brokenCopiesAreCaught()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString goodPath = dir.filePath(QStringLiteral("good.ts"));
    const QString brokenPath = dir.filePath(QStringLiteral("broken.ts"));
    const QString good = QString::fromUtf8(GoodTs);
    QVERIFY(good.contains(from));
    for (const auto &[path, text] : { std::pair { goodPath, good }, std::pair { brokenPath, QString(good).replace(from, to) } }) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(text.toUtf8());
    }
    QCOMPARE(problems(goodPath), QStringList());
    const QStringList found = problems(brokenPath);
    QVERIFY2(found.size() == 1 && found.first().contains(expected), qPrintable(found.join(QLatin1Char('\n'))));
}

void TstTranslations::compiledTranslationsShip()
{
    // The .qm files are embedded (ui library resources, :/i18n) and really translate.
    QTranslator de;
    QVERIFY(de.load(QStringLiteral(":/i18n/callvia_de")));
    QCOMPARE(de.translate("Callvia::Ui::MainWindow", "Dashboard"), QStringLiteral("Übersicht"));
    QCOMPARE(de.translate("Callvia::Ui::LeadsView", "%Ln lead(s)", nullptr, 2), QStringLiteral("%Ln Leads"));
    QTranslator es;
    QVERIFY(es.load(QStringLiteral(":/i18n/callvia_es")));
    QCOMPARE(es.translate("Callvia::Ui::MainWindow", "&Help"), QStringLiteral("A&yuda"));

    // English loads the plural forms only; the rest falls back to the source text.
    QCOMPARE(Ui::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates)), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("Callvia::Ui::LeadsView", "%Ln lead(s)", nullptr, 1), QStringLiteral("1 lead"));
    QCOMPARE(QCoreApplication::translate("Callvia::Ui::LeadsView", "%Ln lead(s)", nullptr, 3), QStringLiteral("3 leads"));
    QCOMPARE(QCoreApplication::translate("Callvia::Ui::MainWindow", "Dashboard"), QStringLiteral("Dashboard"));
}

void TstTranslations::chosenLanguageOverridesTheSystem()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("CallviaTest"));
    qunsetenv("CALLVIA_LANGUAGE");
    QSettings().setValue(QLatin1String(Ui::LanguageSettingKey), QStringLiteral("es"));
    QCOMPARE(Ui::chosenLocale().language(), QLocale::Spanish);
    qputenv("CALLVIA_LANGUAGE", "de");
    QCOMPARE(Ui::chosenLocale().language(), QLocale::German);
    qunsetenv("CALLVIA_LANGUAGE");
    QSettings().setValue(QLatin1String(Ui::LanguageSettingKey), QString());
    QCOMPARE(Ui::chosenLocale(), QLocale::system());
    QSettings().setValue(QLatin1String(Ui::LanguageSettingKey), QStringLiteral("fr")); // not shipped
    QCOMPARE(Ui::chosenLocale(), QLocale::system());

    QCOMPARE(Ui::installTranslations(QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("Callvia::Ui::MainWindow", "Dashboard"), QStringLiteral("Übersicht"));
}

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
