#include "durationspinbox.h"

#include <QLocale>
#include <QRegularExpression>

namespace Callvia::Ui {

DurationSpinBox::DurationSpinBox(QWidget *parent)
    : QSpinBox(parent)
{
}

QString DurationSpinBox::textFromValue(int minutes) const
{
    const QLocale locale;
    if (minutes != 0 && minutes % (24 * 60) == 0)
        return tr("%n day(s)", nullptr, minutes / (24 * 60));
    if (minutes != 0 && minutes % 60 == 0)
        return tr("%1 h").arg(locale.toString(minutes / 60));
    return tr("%1 min").arg(locale.toString(minutes));
}

int DurationSpinBox::parse(const QString &text) const
{
    static const QRegularExpression shape(QStringLiteral("^\\s*(-?[\\d.,\\s]*\\d)\\s*(\\p{L}*)\\.?\\s*$"));
    const QRegularExpressionMatch match = shape.match(text);
    if (!match.hasMatch())
        return -1;
    bool ok = false;
    const qint64 number = QLocale().toLongLong(match.captured(1).remove(QLatin1Char(' ')), &ok);
    if (!ok || number < 0)
        return -1;
    const QString unit = match.captured(2).toLower();
    // The unit's first letters in this language ("d"/"day", "Tag", "día"; "h"; "min"), else minutes.
    const auto starts = [&unit](const QString &names) {
        for (const QString &name : names.split(QLatin1Char('|'), Qt::SkipEmptyParts)) {
            if (name.startsWith(unit) || unit.startsWith(name))
                return true;
        }
        return false;
    };
    qint64 minutes = number;
    if (unit.isEmpty() || starts(tr("min|minute|minutes", "units a duration may be typed in, lower case, | between")))
        minutes = number;
    else if (starts(tr("h|hour|hours", "units a duration may be typed in, lower case, | between")))
        minutes = number * 60;
    else if (starts(tr("d|day|days", "units a duration may be typed in, lower case, | between")))
        minutes = number * 24 * 60;
    else
        return -1;
    return minutes > std::numeric_limits<int>::max() ? -1 : int(minutes);
}

int DurationSpinBox::valueFromText(const QString &text) const
{
    const int minutes = parse(text);
    return minutes < 0 ? value() : minutes;
}

QValidator::State DurationSpinBox::validate(QString &text, int &pos) const
{
    Q_UNUSED(pos)
    if (text.trimmed().isEmpty())
        return QValidator::Intermediate;
    const int minutes = parse(text);
    if (minutes < 0)
        return QValidator::Intermediate; // a unit being typed
    return minutes >= minimum() && minutes <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
}

void DurationSpinBox::stepBy(int steps)
{
    const int v = value();
    const int unit = v != 0 && v % (24 * 60) == 0 ? 24 * 60 : (v != 0 && v % 60 == 0 ? 60 : 1);
    setValue(v + steps * unit);
}

} // namespace Callvia::Ui
