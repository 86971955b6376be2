#pragma once

#include <QString>

namespace Callvia::Services {

// How many SMS segments a text takes. GSM-7 (GSM 03.38 basic set; the extension characters
// ^ { } \ [ ~ ] | € and form feed take two septets): 160 septets in one segment, 153 per part
// of a longer message. Anything else goes as UCS-2: 70 UTF-16 units, 67 per part.
struct SmsCount
{
    bool gsm7 = true;
    int units = 0; // septets (GSM-7) or UTF-16 code units (UCS-2)
    int segments = 0; // 0 for an empty text
};

class SmsEncoding final
{
public:
    static SmsCount count(const QString &text);
    static bool isGsm7(const QString &text);
    // Replaces letters GSM-7 lacks with their GSM-7 look-alikes (á -> a, í -> i, ç -> Ç, curly
    // quotes -> straight ones...) when that makes the whole text GSM-7; otherwise returns the
    // text unchanged (it then goes as UCS-2).
    static QString foldToGsm7(const QString &text);
};

} // namespace Callvia::Services
