// The lead import benchmark's default input (issue 19): a nationwide list as an agency gets it.
// Every NANP area code this build's libphonenumber knows, plus those of NewAreaCodes, weighted
// by the population of its state or province (shared among that state's codes), exchanges drawn
// over the whole [2-9]XX range; 5-10 % numbers of other countries; about half the rows unusable,
// drawn from many shapes with random digits (impossible area codes, 0XX/1XX exchanges, too
// short, too long, letters, junk); a few possible but unassigned area codes (kept, flagged);
// duplicates in the file and in a second file; long quoted notes; a BOM and CRLF. The generator
// knows what each row must become and counts it, so the benchmark checks the import's counts.
// Seeded: the same files every time.
#pragma once

#include <services/importing/nanpstates.h>
#include <services/importing/newareacodes.h>

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QRandomGenerator>
#include <QString>

#include <unordered_set>
#include <vector>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>

namespace Callvia::Bench {

// What the import of a generated file must report.
struct ExpectedCounts
{
    qint64 rows = 0;
    qint64 imported = 0;
    qint64 flagged = 0; // imported with an area code in no phone data
    qint64 duplicatesInFile = 0;
    qint64 duplicatesExisting = 0;
    qint64 rejected = 0;
};

class NationwideLeads
{
public:
    NationwideLeads() { buildAreaCodes(); }

    // rows: of the file; repeatFrom: numbers of an earlier file (its valid ones) to repeat in a
    // share of this file's rows (duplicates across files), or nullptr.
    bool write(const QString &path, int rows, quint32 seed, const NationwideLeads *repeatFrom, ExpectedCounts *expected)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        QRandomGenerator random(seed);
        m_repeatFrom = repeatFrom;
        *expected = {};
        expected->rows = rows;
        file.write("\xEF\xBB\xBF" "First Name,Last Name,Phone Number,E-mail,Company,Notes,TZ,Lead Source\r\n");
        QByteArray line;
        for (int i = 0; i < rows; ++i) {
            const int kind = random.bounded(1000);
            QByteArray phone;
            char category = 'v'; // in the last column, to trace a count that does not match
            QByteArray email = random.bounded(10) < 6 ? "lead" + QByteArray::number(seed) + "." + QByteArray::number(i)
                            + "@example" + QByteArray::number(random.bounded(90)) + ".com" : QByteArray();
            if (kind < 470) { // unusable: rejected
                phone = badPhone(random);
                ++expected->rejected;
                category = 'r';
            } else if (kind < 480) { // e-mail only
                email = "only" + QByteArray::number(seed) + "." + QByteArray::number(i) + "@example.org";
                ++expected->imported;
                category = 'e';
            } else if (kind < 540 && repeatFrom && !repeatFrom->m_valid.empty()) { // in the earlier file
                const quint64 number = repeatFrom->m_valid[size_t(random.bounded(int(repeatFrom->m_valid.size())))];
                phone = format(random, number);
                category = 'x';
                if (m_seen.insert(number).second)
                    ++expected->duplicatesExisting;
                else
                    ++expected->duplicatesInFile;
            } else if (kind >= 540 && kind < 560 && !m_valid.empty()) { // again in this file, another format
                phone = format(random, m_valid[size_t(random.bounded(int(m_valid.size())))]);
                ++expected->duplicatesInFile;
                category = 'd';
            } else if (kind >= 580 && kind < 660) { // another country
                phone = foreignPhone(random, expected);
                category = 'f';
            } else {
                const bool flagged = kind >= 660 && kind < 667;
                const quint64 number = flagged ? unassignedNumber(random) : nanpNumber(random);
                phone = format(random, number);
                count(number, flagged, expected);
                category = flagged ? 'k' : 'v';
            }
            line.clear();
            line += pick(random, FirstNames) + "," + pick(random, LastNames) + "," + phone + "," + email + ","
                    + pick(random, Companies) + "," + note(random) + ","
                    + (random.bounded(10) == 0 ? "America/Chicago" : "") + ",list " + QByteArray::number(i % 13) + "/"
                    + category + "\r\n";
            file.write(line);
        }
        return file.flush();
    }

private:
    struct AreaCode
    {
        int npa;
        double weight;
    };

    static constexpr const char *FirstNames[] = { "Ana", "Bob", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro" };
    static constexpr const char *LastNames[] = { "Lopez", "Smith", "O'Brien", "Müller", "Nguyen", "Patel", "Kim" };
    static constexpr const char *Companies[] = { "\"Acme, Inc.\"", "Sunrise Dental", "\"Bright \"\"Smile\"\" LLC\"",
                                                 "", "Oak & Co" };

    template<typename T, size_t N>
    static QByteArray pick(QRandomGenerator &random, const T (&list)[N])
    {
        return QByteArray(list[random.bounded(int(N))]);
    }

    static double statePopulation(const QString &state)
    {
        // Millions, 2020 census and Statistics Canada 2021, rounded.
        static const QHash<QString, double> table = {
            { "CA", 39.5 }, { "TX", 29.1 }, { "FL", 21.5 }, { "NY", 20.2 }, { "PA", 13.0 }, { "IL", 12.8 },
            { "OH", 11.8 }, { "GA", 10.7 }, { "NC", 10.4 }, { "MI", 10.1 }, { "NJ", 9.3 }, { "VA", 8.6 },
            { "WA", 7.7 }, { "AZ", 7.2 }, { "MA", 7.0 }, { "TN", 6.9 }, { "IN", 6.8 }, { "MD", 6.2 },
            { "MO", 6.2 }, { "WI", 5.9 }, { "CO", 5.8 }, { "MN", 5.7 }, { "SC", 5.1 }, { "AL", 5.0 },
            { "LA", 4.7 }, { "KY", 4.5 }, { "OR", 4.2 }, { "OK", 4.0 }, { "CT", 3.6 }, { "UT", 3.3 },
            { "IA", 3.2 }, { "NV", 3.1 }, { "AR", 3.0 }, { "MS", 3.0 }, { "KS", 2.9 }, { "NM", 2.1 },
            { "NE", 2.0 }, { "ID", 1.8 }, { "WV", 1.8 }, { "HI", 1.5 }, { "NH", 1.4 }, { "ME", 1.4 },
            { "RI", 1.1 }, { "MT", 1.1 }, { "DE", 1.0 }, { "SD", 0.9 }, { "ND", 0.8 }, { "AK", 0.7 },
            { "DC", 0.7 }, { "VT", 0.6 }, { "WY", 0.6 }, { "PR", 3.3 }, { "ON", 14.2 }, { "QC", 8.5 },
            { "BC", 5.0 }, { "AB", 4.3 }, { "MB", 1.3 }, { "SK", 1.1 }, { "NS", 1.0 }, { "NB", 0.8 },
            { "NL", 0.5 }, { "PE", 0.2 },
        };
        return table.value(state, 0.1); // Caribbean, territories, non-geographic codes
    }

    void buildAreaCodes()
    {
        using namespace i18n::phonenumbers;
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        const PhoneNumberOfflineGeocoder geocoder;
        QHash<QString, int> codesPerState;
        std::vector<std::pair<int, QString>> codes;
        for (int npa = 200; npa <= 999; ++npa) {
            QString state;
            bool known = false;
            // The exchanges the normalizer asks (unknownareacodes.cpp), for the same verdict.
            for (const int nxx : { 200, 234, 262, 345, 389, 428, 456, 503, 567, 621, 678, 735, 789, 842, 890, 920,
                                   955, 987 }) {
                PhoneNumber number;
                number.set_country_code(1);
                number.set_national_number(quint64(npa * 1000 + nxx) * 10000 + 1234);
                std::string region;
                util.GetRegionCodeForNumber(number, &region);
                if (region != "ZZ" || util.IsValidNumber(number)) {
                    known = true;
                    state = Services::NanpStates::codeForDescription(QString::fromStdString(
                            geocoder.GetDescriptionForValidNumber(number, icu::Locale::getEnglish())));
                    break;
                }
            }
            if (known) {
                m_libraryKnown.insert(npa);
            } else if (const Services::NewAreaCodes::Entry *entry = Services::NewAreaCodes::find(npa)) {
                state = QLatin1String(entry->state);
            } else {
                continue;
            }
            m_known.insert(npa);
            codes.emplace_back(npa, state);
            ++codesPerState[state];
        }
        double total = 0;
        for (const auto &[npa, state] : codes) {
            total += statePopulation(state) / codesPerState.value(state);
            m_areaCodes.push_back({ npa, total });
        }
        // Possible shapes that no data knows (kept, flagged) and impossible ones (rejected).
        for (int npa = 200; npa <= 999; ++npa) {
            const int middle = npa / 10 % 10;
            const bool impossible = middle == 9 || npa / 10 == 37 || npa / 10 == 96 || npa % 100 == 11;
            if (impossible)
                m_impossible.push_back(npa);
            else if (!m_known.count(npa) && npa % 100 != 0 && !(npa / 100 == 8 && middle == npa % 10)
                     && npa / 10 != 88 && npa != 456 && npa != 555) // unknownareacodes.cpp's rule
                m_unassigned.push_back(npa);
        }
    }

    static int exchange(QRandomGenerator &random)
    {
        int nxx = 0;
        do {
            nxx = random.bounded(200, 1000);
        } while (nxx % 100 == 11);
        return nxx;
    }

    quint64 nanpNumber(QRandomGenerator &random)
    {
        // Exchanges the library knows valid: every exchange of a known code is, but for a few
        // ranges (checked once per prefix here, so the expected counts are exact).
        for (;;) {
            const double at = random.generateDouble() * m_areaCodes.back().weight;
            const auto it = std::lower_bound(m_areaCodes.begin(), m_areaCodes.end(), at,
                                             [](const AreaCode &code, double w) { return code.weight < w; });
            const int npa = it == m_areaCodes.end() ? m_areaCodes.back().npa : it->npa;
            const quint64 number = quint64(npa * 1000 + exchange(random)) * 10000 + random.bounded(10000);
            if (isValidPrefix(number))
                return number;
        }
    }

    bool isValidPrefix(quint64 number)
    {
        const int prefix = int(number / 10000);
        const auto known = m_prefixValid.constFind(prefix);
        if (known != m_prefixValid.constEnd())
            return *known;
        using namespace i18n::phonenumbers;
        PhoneNumber phone;
        phone.set_country_code(1);
        phone.set_national_number(number);
        const int npa = int(number / 10'000'000);
        const bool valid = PhoneNumberUtil::GetInstance()->IsValidNumber(phone)
                || (!m_libraryKnown.count(npa) && Services::NewAreaCodes::find(npa));
        m_prefixValid.insert(prefix, valid);
        return valid;
    }

    quint64 unassignedNumber(QRandomGenerator &random)
    {
        const int npa = m_unassigned[size_t(random.bounded(int(m_unassigned.size())))];
        return quint64(npa * 1000 + exchange(random)) * 10000 + random.bounded(10000);
    }

    void count(quint64 number, bool flagged, ExpectedCounts *expected)
    {
        if (!m_seen.insert(number).second) {
            ++expected->duplicatesInFile;
            return;
        }
        if (m_repeatFrom && m_repeatFrom->m_seen.count(number)) { // by chance
            ++expected->duplicatesExisting;
            return;
        }
        m_valid.push_back(number);
        ++expected->imported;
        expected->flagged += flagged;
    }

    static QByteArray format(QRandomGenerator &random, quint64 number)
    {
        const QByteArray d = QByteArray::number(number);
        const QByteArray a = d.left(3), b = d.mid(3, 3), c = d.mid(6);
        switch (random.bounded(7)) {
        case 0: return "(" + a + ") " + b + "-" + c;
        case 1: return a + "-" + b + "-" + c;
        case 2: return a + "." + b + "." + c;
        case 3: return "+1 " + a + " " + b + " " + c;
        case 4: return "1-" + a + "-" + b + "-" + c;
        case 5: return "\"+1 (" + a + ") " + b + "-" + c + "\"";
        default: return d;
        }
    }

    static QByteArray digits(QRandomGenerator &random, int count)
    {
        QByteArray text;
        for (int i = 0; i < count; ++i)
            text += char('0' + random.bounded(10));
        return text;
    }

    QByteArray badPhone(QRandomGenerator &random)
    {
        switch (random.bounded(12)) {
        case 0: // an area code that cannot exist (N9X, 37X, 96X, N11)
        case 1: {
            const int npa = m_impossible[size_t(random.bounded(int(m_impossible.size())))];
            return format(random, quint64(npa * 1000 + exchange(random)) * 10000 + random.bounded(10000));
        }
        case 2: { // exchange 0XX or 1XX
            const quint64 good = nanpNumber(random);
            return format(random, (good / 10'000'000) * 10'000'000 + quint64(random.bounded(200)) * 10000 + good % 10000);
        }
        case 3: // too short
            return QByteArray::number(random.bounded(2, 10)) + digits(random, random.bounded(2, 6));
        case 4: // 8 or 9 digits, formatted
            return digits(random, 3).replace(0, 1, QByteArray::number(random.bounded(2, 10))) + "-" + digits(random, random.bounded(5, 7));
        case 5: // too long
            return QByteArray::number(random.bounded(2, 10)) + digits(random, random.bounded(13, 17));
        case 6: { // letters
            static const char *const words[] = { "call me later", "N/A", "none", "ask for Tom", "unknown", "TBD",
                                                 "see notes", "no phone", "mobile?", "refused" };
            return words[random.bounded(10)];
        }
        case 7: // letters and a few digits
            return "ext " + digits(random, random.bounded(1, 4)) + " only";
        case 8: { // junk
            static const char *const junk[] = { "#######", "0000000000", "---", "?", "+", "()", "n/a n/a",
                                                "#VALUE!", "1.23E+09", "=A1*2" };
            return junk[random.bounded(10)];
        }
        case 9: // an e-mail address in the phone column
            return "tom" + digits(random, 3) + "@example.com";
        case 10: // + and a country code that does not exist
            return "+" + QByteArray("999") + digits(random, 8);
        default: { // two numbers in one cell
            const quint64 number = nanpNumber(random);
            return "\"" + format(random, number).replace("\"", "") + " / " + format(random, number).replace("\"", "") + "\"";
        }
        }
    }

    QByteArray foreignPhone(QRandomGenerator &random, ExpectedCounts *expected)
    {
        // Valid ranges of a few countries, checked with the library so the counts are exact;
        // a number the library refuses counts as rejected.
        static const char *const templates[] = { "+44 7911 ######", "+44 20 7946 ####", "+49 30 #######",
                                                 "+33 6 ## ## ## ##", "+52 55 #### ####", "+61 4## ### ###",
                                                 "+91 98### #####", "+34 6## ### ###", "+353 87 ### ####" };
        QByteArray text = templates[random.bounded(int(std::size(templates)))];
        for (char &c : text) {
            if (c == '#')
                c = char('0' + random.bounded(10));
        }
        using namespace i18n::phonenumbers;
        const PhoneNumberUtil &util = *PhoneNumberUtil::GetInstance();
        PhoneNumber number;
        if (util.Parse(text.toStdString(), "US", &number) != PhoneNumberUtil::NO_PARSING_ERROR
            || !util.IsValidNumber(number)) {
            ++expected->rejected;
            return text;
        }
        // A key of its own (foreign numbers never collide with NANP ones: country code first).
        const quint64 key = (quint64(number.country_code()) << 48) | number.national_number();
        if (!m_seen.insert(key).second) {
            ++expected->duplicatesInFile;
        } else if (m_repeatFrom && m_repeatFrom->m_seen.count(key)) {
            ++expected->duplicatesExisting;
        } else {
            ++expected->imported;
        }
        return text;
    }

    static QByteArray note(QRandomGenerator &random)
    {
        switch (random.bounded(5)) {
        case 0: {
            // A long quoted note: commas, "quotes" and line breaks, 200-800 characters.
            QByteArray text = "\"Spoke to the office manager, who said: \"\"call back after the 15th\"\".\n";
            const int sentences = random.bounded(3, 14);
            for (int i = 0; i < sentences; ++i)
                text += "Visit " + QByteArray::number(random.bounded(1, 40)) + ", notes: follow-up, prefers "
                        + (random.bounded(2) ? "mornings" : "afternoons") + "; budget ~$" + digits(random, 4) + ".\r\n";
            return text + "\"";
        }
        case 1: return "prefers mornings";
        case 2: return "\"called twice, no answer\"";
        default: return QByteArray();
        }
    }

    std::vector<AreaCode> m_areaCodes; // cumulative weights
    std::unordered_set<int> m_known; // area codes the library or NewAreaCodes has
    std::unordered_set<int> m_libraryKnown;
    std::vector<int> m_impossible;
    std::vector<int> m_unassigned;
    QHash<int, bool> m_prefixValid;
    std::unordered_set<quint64> m_seen; // numbers kept (or to be), NANP and foreign
    const NationwideLeads *m_repeatFrom = nullptr;
    std::vector<quint64> m_valid; // the file's kept NANP numbers, in order
};

} // namespace Callvia::Bench
