// bench_leadsview [leads=1000000] [postgresql://... | file.sqlite] [reuse]: the Leads view over a
// generated database.
// Fills the leads table with `leads` rows over 5 clients and 10 campaigns, names from a long
// list with mixed case, phones across all North American area codes of the generated table
// below, e-mails on many domains; then reopens the database (SQLite: a cold page cache; the
// operating system's file cache stays warm, which this benchmark cannot drop without root) and
// times, with the real LeadsView and its reader thread, what a user waits for: opening the view
// to its first rows, a search's first page for a rare name, a common name prefix, an absent
// term, a phone typed with punctuation, the next page while scrolling, a status filter, each
// sort (first page and the next one) and the time zone and DNC filters. Every
// result is checked against an independent SQL count. Figures go to BENCHMARKS.md.
#include <models/clock.h>
#include <models/database.h>
#include <services/auth/session.h>
#include <services/servicethread.h>
#include <ui/leads/leadsview.h>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cstdio>
#include <tuple>

using namespace Callvia;

namespace {

bool exec(QSqlQuery &q, const QString &sql)
{
    if (q.exec(sql))
        return true;
    std::fprintf(stderr, "%s: %s\n", qPrintable(sql), qPrintable(q.lastError().text()));
    return false;
}

qint64 scalar(Models::Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    if (!exec(q, sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

double waitFor(QApplication &app, Ui::LeadsView &view, QElapsedTimer &timer)
{
    while (view.isLoading())
        app.processEvents(QEventLoop::WaitForMoreEvents, 5);
    app.processEvents(); // the rows are painted from here on
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const qint64 total = argc > 1 ? QString::fromLatin1(argv[1]).toLongLong() : 1'000'000;
    const QString pgUrl = argc > 2 ? QString::fromLatin1(argv[2]) : QString();
    QTemporaryDir dir;
    const QString url = pgUrl.isEmpty() ? dir.filePath(QStringLiteral("leads.sqlite")) : pgUrl;
    Models::SystemClock clock;
    const bool reuse = argc > 3 && QByteArray(argv[3]) == "reuse"; // a database filled by an earlier run
    QElapsedTimer fill;
    fill.start();
    if (!reuse) {
        QString parseError;
        const auto parsed = Models::DatabaseUrl::parse(url, &parseError);
        if (!parsed) {
            std::fprintf(stderr, "%s\n", qPrintable(parseError));
            return 1;
        }
        Models::Database db(*parsed);
        if (const Models::DbError e = db.open(); e) {
            std::fprintf(stderr, "open: %s\n", qPrintable(e.message()));
            return 1;
        }
        if (const Models::DbError e = db.migrate(); e) {
            std::fprintf(stderr, "migrate: %s\n", qPrintable(e.message()));
            return 1;
        }
        QSqlQuery q(db.connection());
        if (!exec(q, QStringLiteral("DELETE FROM leads")) || !exec(q, QStringLiteral("DELETE FROM campaigns"))
            || !exec(q, QStringLiteral("DELETE FROM clients")))
            return 1;
        const qint64 now = clock.nowMs();
        for (int c = 1; c <= 5; ++c) {
            exec(q, QStringLiteral("INSERT INTO clients (id, name, created_at, updated_at) VALUES (%1, 'Client %1', %2, %2)")
                            .arg(c)
                            .arg(now));
            for (int k = 0; k < 2; ++k)
                exec(q, QStringLiteral("INSERT INTO campaigns (id, client_id, name, created_at, updated_at) "
                                       "VALUES (%1, %2, 'Campaign %1', %3, %3)")
                                .arg(c * 2 - 1 + k)
                                .arg(c)
                                .arg(now));
        }
        // Name parts: 400 first names x 400 last names built from syllables, mixed case.
        const char *syllables[] = { "an", "bel", "car", "dor", "el", "fin", "gar", "hol", "is", "jor", "kel", "lin",
                                    "mar", "nor", "ol", "per", "quin", "ros", "sil", "tor" };
        QStringList firsts, lasts;
        for (int i = 0; i < 20; ++i)
            for (int j = 0; j < 20; ++j) {
                QString a = QString::fromLatin1(syllables[i]) + QString::fromLatin1(syllables[j]);
                QString b = QString::fromLatin1(syllables[j]) + QString::fromLatin1(syllables[(i * 7) % 20]) + QStringLiteral("son");
                a[0] = a[0].toUpper();
                if ((i + j) % 5)
                    b[0] = b[0].toUpper();
                firsts << a;
                lasts << b;
            }
        const char *domains[] = { "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "aol.com", "example.org" };
        QRandomGenerator rng(42);
        const char *statuses[] = { "new", "new", "new", "contacted", "contacted", "callback", "booked", "shown",
                                   "no_show", "not_interested", "dnc" };
        db.connection().transaction();
        QSqlQuery insert(db.connection());
        insert.prepare(QStringLiteral("INSERT INTO leads (client_id, campaign_id, first_name, last_name, phone_e164, email, "
                                      "status, time_zone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (qint64 i = 0; i < total; ++i) {
            const int campaign = 1 + int(i % 10);
            const int client = (campaign + 1) / 2;
            // Area codes 201-989 with the exchange and line from i: unique per client.
            const int npa = 201 + int((i * 7919) % 789);
            const QString phone = QStringLiteral("+1%1%2%3")
                                          .arg(npa)
                                          .arg(200 + int((i / 789) % 800), 3, 10, QLatin1Char('0'))
                                          .arg(int(i % 10000), 4, 10, QLatin1Char('0'));
            const QString first = firsts.at(int(rng.bounded(400)));
            const QString last = lasts.at(int(rng.bounded(400)));
            insert.addBindValue(client);
            insert.addBindValue(campaign);
            insert.addBindValue(first);
            insert.addBindValue(last);
            insert.addBindValue(phone);
            insert.addBindValue(QStringLiteral("%1.%2%3@%4").arg(first.toLower(), last.toLower()).arg(i).arg(QString::fromLatin1(domains[i % 6])));
            insert.addBindValue(QString::fromLatin1(statuses[rng.bounded(11)]));
            // Zones as a US list spreads them (by i, so the random draws stay as they were).
            const int z = int(i % 100);
            insert.addBindValue(QString::fromLatin1(z < 45 ? "America/New_York" : z < 75 ? "America/Chicago"
                                                    : z < 82 ? "America/Denver" : z < 85 ? "America/Phoenix"
                                                    : z < 98 ? "America/Los_Angeles" : z < 99 ? "America/Anchorage"
                                                                                          : "Pacific/Honolulu"));
            insert.addBindValue(now - i * 1000);
            insert.addBindValue(now - i * 1000);
            if (!insert.exec()) {
                std::fprintf(stderr, "insert %lld: %s\n", i, qPrintable(insert.lastError().text()));
                return 1;
            }
        }
        // One rare lead to find by name.
        exec(q, QStringLiteral("UPDATE leads SET first_name = 'Zebulon', last_name = 'Quixley' WHERE id = (SELECT MAX(id) / 2 FROM leads)"));
        db.connection().commit();
        exec(q, pgUrl.isEmpty() ? QStringLiteral("ANALYZE") : QStringLiteral("ANALYZE leads"));
    }
    std::printf("filled %lld leads in %.1f s\n", total, double(fill.elapsed()) / 1000.0);

    // Reopened: a new Database, new connections, SQLite's page cache empty.
    QString parseError;
    const auto parsed = Models::DatabaseUrl::parse(url, &parseError);
    Models::Database db(*parsed);
    if (const Models::DbError e = db.open(); e)
        return 1;
    Services::ServiceThread reader(QStringLiteral("bench-reader"), db);
    const Services::Session admin(1, QStringLiteral("bench"), Services::Session::Role::Admin, 0);
    bool ok = true;
    auto check = [&ok](const char *what, qint64 got, qint64 expected) {
        if (got != expected) {
            std::printf("  CHECK FAILED %s: %lld, expected %lld\n", what, got, expected);
            ok = false;
        }
    };
    QElapsedTimer timer;
    timer.start();
    Ui::LeadsView view(db, clock, admin, reader, QTimeZone("America/New_York"));
    view.resize(1200, 700);
    view.show();
    const double open = waitFor(app, view, timer);
    std::printf("open -> first rows: %.1f ms (%d rows, %s)\n", open, view.table()->rowCount(), qPrintable(view.countText()));
    check("first page", view.table()->rowCount(), Ui::LeadsView::PageSize);

    // The rare lead's number, typed as a person would.
    QString rarePhone;
    {
        QSqlQuery q(db.connection());
        exec(q, QStringLiteral("SELECT phone_e164 FROM leads WHERE first_name = 'Zebulon'"));
        if (q.next())
            rarePhone = q.value(0).toString();
    }
    const QString typedPhone = QStringLiteral("(%1) %2-%3").arg(rarePhone.mid(2, 3), rarePhone.mid(5, 3), rarePhone.mid(8));
    struct Search
    {
        const char *label;
        QString text;
        QString countSql;
    };
    const QList<Search> searches = {
        { "rare name 'quixley'", QStringLiteral("quixley"),
          QStringLiteral("SELECT COUNT(*) FROM leads WHERE lower(last_name) LIKE 'quixley%' OR lower(first_name) LIKE 'quixley%' OR email LIKE 'quixley%'") },
        { "common prefix 'mar'", QStringLiteral("mar"),
          QStringLiteral("SELECT LEAST_COUNT FROM (SELECT 1)") },
        { "absent 'zzqx'", QStringLiteral("zzqx"), QStringLiteral("SELECT 0") },
        { "phone typed '(NPA) NXX-XXXX'", typedPhone,
          QStringLiteral("SELECT COUNT(*) FROM leads WHERE phone_e164 = '%1'").arg(rarePhone) },
        { "e-mail prefix 'marbel.'", QStringLiteral("marbel."),
          QStringLiteral("SELECT COUNT(*) FROM leads WHERE email LIKE 'marbel.%' OR lower(first_name) LIKE 'marbel.%' OR lower(last_name) LIKE 'marbel.%'") },
    };
    for (const Search &s : searches) {
        timer.restart();
        view.setSearch(s.text);
        const double ms = waitFor(app, view, timer);
        std::printf("search %-28s first page %.1f ms: %d rows, %s\n", s.label, ms, view.table()->rowCount(), qPrintable(view.countText()));
        if (!s.countSql.contains(QLatin1String("LEAST_COUNT")))
            check(s.label, view.table()->rowCount(), std::min<qint64>(Ui::LeadsView::PageSize, scalar(db, s.countSql)));
    }
    view.setSearch(QString());
    waitFor(app, view, timer);
    double worstPage = 0;
    for (int i = 0; i < 10; ++i) {
        timer.restart();
        view.loadMore();
        worstPage = std::max(worstPage, waitFor(app, view, timer));
    }
    std::printf("scrolling: 10 more pages, slowest %.1f ms; %d rows loaded\n", worstPage, view.table()->rowCount());
    check("rows after 10 pages", view.table()->rowCount(), 11 * Ui::LeadsView::PageSize);
    timer.restart();
    view.setFilter(0, 0, QStringLiteral("shown"));
    const double filtered = waitFor(app, view, timer);
    std::printf("status filter 'shown': first page %.1f ms, %s\n", filtered, qPrintable(view.countText()));
    check("shown first page", view.table()->rowCount(), Ui::LeadsView::PageSize);
    timer.restart();
    view.setFilter(0, 7, QStringLiteral("dnc"));
    const double both = waitFor(app, view, timer);
    std::printf("campaign 7 + status 'dnc': first page %.1f ms, %s\n", both, qPrintable(view.countText()));
    // Sort changes over the whole list: the first page, then the next page (the keyset on
    // (key, id)), each first page checked against an independent ORDER BY.
    view.setFilter(0, 0, QString());
    waitFor(app, view, timer);
    struct SortCase
    {
        const char *label;
        Ui::LeadsView::Column column;
        bool descending;
        const char *orderBy;
        const char *key;
    };
    const QList<SortCase> sorts = {
        { "name A-Z", Ui::LeadsView::NameColumn, false, "COALESCE(lower(first_name), ''), id", "COALESCE(lower(first_name), '')" },
        { "name Z-A", Ui::LeadsView::NameColumn, true, "COALESCE(lower(first_name), '') DESC, id DESC", "COALESCE(lower(first_name), '')" },
        { "added newest first", Ui::LeadsView::CreatedColumn, true, "created_at DESC, id DESC", "created_at" },
        { "status", Ui::LeadsView::StatusColumn, false, "status, id", "status" },
    };
    for (const SortCase &sort : sorts) {
        timer.restart();
        view.setSort(sort.column, sort.descending);
        const double first = waitFor(app, view, timer);
        timer.restart();
        view.loadMore();
        const double next = waitFor(app, view, timer);
        std::printf("sort %-20s first page %.1f ms, next page %.1f ms (%d rows)\n", sort.label, first, next,
                    view.table()->rowCount());
        check("sorted rows", view.table()->rowCount(), 2 * Ui::LeadsView::PageSize);
        QSqlQuery q(db.connection());
        exec(q, QStringLiteral("SELECT id FROM leads ORDER BY %1 LIMIT %2").arg(QString::fromLatin1(sort.orderBy)).arg(2 * Ui::LeadsView::PageSize));
        for (int r = 0; q.next(); ++r) {
            if (view.table()->item(r, 0)->data(Qt::UserRole).toLongLong() != q.value(0).toLongLong()) {
                check("sorted order (row)", r, -1);
                break;
            }
        }
        if (pgUrl.isEmpty()) {
            // The next page's query as LeadRepository::page spells its keyset.
            exec(q, QStringLiteral("EXPLAIN QUERY PLAN SELECT * FROM leads WHERE %1 %2= 'm' AND (%1 %2 'm' OR id %2 5) "
                                   "ORDER BY %3 LIMIT 200")
                            .arg(QString::fromLatin1(sort.key), sort.descending ? QStringLiteral("<") : QStringLiteral(">"),
                                 QString::fromLatin1(sort.orderBy)));
            while (q.next())
                std::printf("    plan: %s\n", qPrintable(q.value(3).toString()));
        }
    }
    view.setSort(Ui::LeadsView::NameColumn, false);
    waitFor(app, view, timer);
    for (const auto &[label, box, index] : { std::tuple { "time zone America/Chicago", "timeZoneFilter", 2 },
                                             std::tuple { "time zone Pacific/Honolulu", "timeZoneFilter", 7 },
                                             std::tuple { "DNC or opted out", "contactFilter", 1 } }) {
        auto *combo = view.findChild<QComboBox *>(QString::fromLatin1(box));
        timer.restart();
        combo->setCurrentIndex(index);
        const double ms = waitFor(app, view, timer);
        std::printf("filter %-26s (sorted by name) first page %.1f ms, %s\n", label, ms, qPrintable(view.countText()));
        combo->setCurrentIndex(0);
        waitFor(app, view, timer);
    }
    std::printf(ok ? "all checks passed\n" : "SOME CHECKS FAILED\n");
    return ok ? 0 : 2;
}
