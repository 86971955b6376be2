#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

namespace Callvia::Ui {

QStringList availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("es") };
}

QLocale chosenLocale()
{
    QString code = qEnvironmentVariable("CALLVIA_LANGUAGE").trimmed();
    if (code.isEmpty())
        code = QSettings().value(QLatin1String(LanguageSettingKey)).toString().trimmed();
    if (code.isEmpty() || !availableLanguages().contains(code.left(2).toLower()))
        return QLocale::system();
    // An explicit choice also formats numbers, money and dates in that language's conventions.
    return QLocale(code);
}

QString installTranslations(const QLocale &locale)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (!app)
        return QString();
    auto *callvia = new QTranslator(app);
    QString loaded;
    if (callvia->load(locale, QStringLiteral("callvia"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        loaded = callvia->language().left(2);
    } else if (callvia->load(QStringLiteral(":/i18n/callvia_en"))) {
        loaded = QStringLiteral("en");
    }
    if (loaded.isEmpty())
        delete callvia;
    else
        QCoreApplication::installTranslator(callvia);

    // Qt's own strings (standard buttons, file dialogs) when the distribution ships them.
    auto *qtBase = new QTranslator(app);
    if (loaded != QLatin1String("en")
        && qtBase->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                        QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtBase);
    else
        delete qtBase;
    return loaded;
}

} // namespace Callvia::Ui
