#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

namespace Callvia::Ui {

// QSettings key of the chosen interface language: "" (or absent) follows the system locale,
// otherwise "en", "de" or "es". Read at start-up: a change applies on the next start.
inline constexpr char LanguageSettingKey[] = "ui/language";

// The languages the app ships, as codes ("en", "de", "es"); English is the source language.
QStringList availableLanguages();

// The locale the interface uses: $CALLVIA_LANGUAGE if set, else the "ui/language" setting, else
// QLocale::system(). An empty or unknown code means "follow the system".
QLocale chosenLocale();

// Installs Callvia's translation for locale (embedded under :/i18n; English when the locale's
// language is not shipped, for the plural forms) and Qt's own qtbase translation from
// QLibraryInfo::TranslationsPath when present. Returns the code of the Callvia translation
// loaded ("en", "de" or "es"). The translators live as long as the application object.
QString installTranslations(const QLocale &locale);

} // namespace Callvia::Ui
