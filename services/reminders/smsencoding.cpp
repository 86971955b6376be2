#include "smsencoding.h"

#include <QHash>

namespace Callvia::Services {

namespace {

// GSM 03.38 default alphabet (ESC excluded) and its extension table.
const QString &basicSet()
{
    static const QString set = QStringLiteral("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                                              "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
    return set;
}

const QString &extensionSet()
{
    static const QString set = QStringLiteral("^{}\\[~]|€\f");
    return set;
}

int septets(QChar c)
{
    if (basicSet().contains(c))
        return 1;
    if (extensionSet().contains(c))
        return 2;
    return -1;
}

const QHash<QChar, QString> &folds()
{
    static const QHash<QChar, QString> map {
        { QChar(0xE1), QStringLiteral("a") }, { QChar(0xE2), QStringLiteral("a") }, { QChar(0xE3), QStringLiteral("a") },
        { QChar(0xC1), QStringLiteral("A") }, { QChar(0xC0), QStringLiteral("A") }, { QChar(0xC2), QStringLiteral("A") },
        { QChar(0xED), QStringLiteral("i") }, { QChar(0xEE), QStringLiteral("i") }, { QChar(0xEF), QStringLiteral("i") },
        { QChar(0xCD), QStringLiteral("I") }, { QChar(0xCC), QStringLiteral("I") }, { QChar(0xCE), QStringLiteral("I") },
        { QChar(0xF3), QStringLiteral("o") }, { QChar(0xF4), QStringLiteral("o") }, { QChar(0xF5), QStringLiteral("o") },
        { QChar(0xD3), QStringLiteral("O") }, { QChar(0xD2), QStringLiteral("O") }, { QChar(0xD4), QStringLiteral("O") },
        { QChar(0xFA), QStringLiteral("u") }, { QChar(0xFB), QStringLiteral("u") }, { QChar(0xDA), QStringLiteral("U") },
        { QChar(0xD9), QStringLiteral("U") }, { QChar(0xDB), QStringLiteral("U") }, { QChar(0xEA), QStringLiteral("e") },
        { QChar(0xEB), QStringLiteral("e") }, { QChar(0xC8), QStringLiteral("E") }, { QChar(0xCA), QStringLiteral("E") },
        { QChar(0xE7), QStringLiteral("Ç") }, { QChar(0x2018), QStringLiteral("'") }, { QChar(0x2019), QStringLiteral("'") },
        { QChar(0x201C), QStringLiteral("\"") }, { QChar(0x201D), QStringLiteral("\"") },
        { QChar(0x2013), QStringLiteral("-") }, { QChar(0x2014), QStringLiteral("-") },
        { QChar(0x2026), QStringLiteral("...") }, { QChar(0x00A0), QStringLiteral(" ") },
    };
    return map;
}

} // namespace

bool SmsEncoding::isGsm7(const QString &text)
{
    for (QChar c : text) {
        if (septets(c) < 0)
            return false;
    }
    return true;
}

SmsCount SmsEncoding::count(const QString &text)
{
    SmsCount result;
    int units = 0;
    for (QChar c : text) {
        const int n = septets(c);
        if (n < 0) {
            result.gsm7 = false;
            break;
        }
        units += n;
    }
    if (!result.gsm7)
        units = int(text.size());
    result.units = units;
    const int single = result.gsm7 ? 160 : 70;
    const int part = result.gsm7 ? 153 : 67;
    result.segments = units == 0 ? 0 : units <= single ? 1 : (units + part - 1) / part;
    return result;
}

QString SmsEncoding::foldToGsm7(const QString &text)
{
    if (isGsm7(text))
        return text;
    QString folded;
    folded.reserve(text.size());
    for (QChar c : text) {
        const auto it = folds().constFind(c);
        folded += it == folds().constEnd() ? QString(c) : it.value();
    }
    return isGsm7(folded) ? folded : text;
}

} // namespace Callvia::Services
