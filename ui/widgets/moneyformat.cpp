#include "moneyformat.h"

namespace Callvia::Ui {

namespace {

QString symbolOf(const QString &currency)
{
    const QString code = currency.toUpper();
    if (code == QLatin1String("USD"))
        return QStringLiteral("$");
    if (code == QLatin1String("EUR"))
        return QStringLiteral("€");
    if (code == QLatin1String("GBP"))
        return QStringLiteral("£");
    return code;
}

} // namespace

QString formatMoney(qint64 cents, const QString &currency, const QLocale &locale)
{
    const qint64 magnitude = cents < 0 ? -cents : cents;
    const qint64 units = cents < 0 ? -(magnitude / 100) : magnitude / 100;
    QString text = locale.toCurrencyString(qlonglong(units), symbolOf(currency));
    // After the last digit of the whole units: the locale's decimal point and two digits.
    qsizetype last = text.size() - 1;
    while (last >= 0 && !text.at(last).isDigit())
        --last;
    const QString fraction = locale.decimalPoint() + QStringLiteral("%1").arg(magnitude % 100, 2, 10, QLatin1Char('0'));
    text.insert(last + 1, fraction);
    return text;
}

} // namespace Callvia::Ui
