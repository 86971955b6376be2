#pragma once

#include <QLocale>
#include <QString>

namespace Callvia::Ui {

// Integer cents as the locale writes money ("$2,000.00", "2.000,00 $" in German), with the
// currency's symbol for USD, EUR and GBP and its ISO code otherwise. Never through a double: the
// whole units go through QLocale::toCurrencyString and the cents are put after its digits.
QString formatMoney(qint64 cents, const QString &currency, const QLocale &locale = QLocale());

} // namespace Callvia::Ui
