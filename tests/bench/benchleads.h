// The lead import benchmarks' input: a realistic, messy CSV of `rows` leads (North American
// numbers in national and +1 formats, extensions, junk numbers, mixed-case e-mails, quoted fields
// with commas, quotes and newlines, about 1 % duplicates). Seeded: the same file every time.
#pragma once

#include <models/repositories/campaignrepository.h>
#include <models/repositories/clientrepository.h>
#include <models/clock.h>
#include <models/database.h>

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <iterator>

namespace Callvia::Bench {

inline const int AreaCodes[] = { 201, 202, 203, 205, 206, 212, 213, 214, 215, 216, 217, 301, 302, 303, 305, 310, 312,
                          313, 314, 315, 404, 405, 406, 407, 408, 409, 410, 412, 415, 503, 504, 505, 512, 513,
                          516, 517, 518, 602, 603, 605, 608, 612, 614, 615, 617, 646, 702, 703, 704, 713, 714,
                          718, 720, 801, 802, 803, 804, 805, 813, 816, 817, 818, 901, 904, 907, 912, 914, 916,
                          917, 919, 925, 949, 954, 970, 972, 416, 604, 514 };
inline const char *const FirstNames[] = { "Ana", "Bob", "Chloé", "David", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jon" };
inline const char *const LastNames[] = { "Lopez", "Smith", "O'Brien", "Müller", "Nguyen", "Patel", "Kim", "Rossi" };
inline const char *const Companies[] = { "\"Acme, Inc.\"", "Sunrise Dental", "\"Bright \"\"Smile\"\" LLC\"", "", "Oak & Co" };
inline const char *const Notes[] = { "prefers mornings", "\"called twice, no answer\"", "", "\"line one\nline two\"",
                              "referred by Dr. Adams; follow up in spring" };

inline QByteArray phoneText(QRandomGenerator &random, quint64 digits)
{
    const QByteArray d = QByteArray::number(digits); // 10 digits
    const QByteArray a = d.left(3), b = d.mid(3, 3), c = d.mid(6);
    switch (random.bounded(100)) {
    case 0: return "555-12"; // too short
    case 1: return "call me later"; // not a number
    case 2: return "+1 " + a + " " + b + " " + c + " x" + QByteArray::number(random.bounded(10, 999));
    default: break;
    }
    switch (random.bounded(6)) {
    case 0: return "(" + a + ") " + b + "-" + c;
    case 1: return a + "-" + b + "-" + c;
    case 2: return a + "." + b + "." + c;
    case 3: return "+1 " + a + " " + b + " " + c;
    case 4: return "1-" + a + "-" + b + "-" + c;
    default: return d;
    }
}

inline quint64 randomNumber(QRandomGenerator &random)
{
    int exchange = 0;
    do {
        exchange = int(random.bounded(200, 1000));
    } while (exchange % 100 == 11 || exchange == 555);
    const int area = AreaCodes[random.bounded(int(std::size(AreaCodes)))];
    return quint64(area) * 10'000'000ULL + quint64(exchange) * 10'000ULL + random.bounded(10000);
}

inline bool writeLeadsCsv(const QString &path, int rows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QRandomGenerator random(42);
    QList<quint64> recent;
    file.write("First Name,Last Name,Phone Number,E-mail,Organisation,State,Notes,TZ,Lead Source\r\n");
    for (int i = 0; i < rows; ++i) {
        quint64 number = randomNumber(random);
        if (random.bounded(100) == 0 && !recent.isEmpty())
            number = recent.at(random.bounded(int(recent.size()))); // duplicate in file
        if (recent.size() < 1000)
            recent.append(number);
        const QByteArray first = FirstNames[random.bounded(int(std::size(FirstNames)))];
        const QByteArray last = LastNames[random.bounded(int(std::size(LastNames)))];
        QByteArray email = random.bounded(10) < 7 ? first.toLower() + "." + QByteArray::number(i) + "@Example"
                        + QByteArray::number(random.bounded(50)) + ".com" : QByteArray();
        const char *tz = random.bounded(10) == 0 ? "EST" : (random.bounded(10) == 0 ? "America/Chicago" : "");
        file.write(first + "," + last + "," + phoneText(random, number) + "," + email + ","
                   + Companies[random.bounded(int(std::size(Companies)))] + ",,"
                   + Notes[random.bounded(int(std::size(Notes)))] + "," + tz + ",web form " + QByteArray::number(i % 97)
                   + "\r\n");
    }
    return file.flush();
}

// Migrates the database and adds one client with one campaign: the campaign's id, or 0 when the
// database cannot be set up.
inline qint64 createBenchCampaign(Models::Database &database, const Models::Clock &clock)
{
    if (database.open() || database.migrate())
        return 0;
    Models::ClientRecord client;
    client.name = QStringLiteral("Bench Client");
    client.timeZone = QStringLiteral("America/New_York");
    Models::CampaignRecord campaign;
    campaign.clientId = Models::ClientRepository(database, clock, Models::TenantScope::agency()).insert(client).value();
    campaign.name = QStringLiteral("Bench");
    return Models::CampaignRepository(database, clock, Models::TenantScope::agency()).insert(campaign).value();
}

inline Models::DatabaseUrl freshSqliteUrl(const QString &path)
{
    QFile::remove(path);
    Models::DatabaseUrl url;
    url.path = path;
    return url;
}

} // namespace Callvia::Bench
