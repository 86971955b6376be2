#include <services/importing/csvreader.h>

#include <QBuffer>
#include <QRandomGenerator>
#include <QtTest>

using namespace Callvia::Services;

// The streaming CSV reader on RFC 4180 edge cases, encodings, limits and arbitrary bytes.
class tst_CsvReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesRfc4180_data();
    void parsesRfc4180();
    void detectsDelimiter_data();
    void detectsDelimiter();
    void fallsBackToWindows1252ForInvalidUtf8();
    void decodesSelectedWindows1252();
    void emptyAndHeaderOnly();
    void refusesBinary();
    void rejectsOversizedFieldAndContinues();
    void reportsUnterminatedQuote();
    void boundsColumnCount();
    void handlesCrlfSplitAcrossChunks();
    void reportsBytesRead();
    void survivesRandomBytes();
};

namespace {

QList<CsvRecord> readAll(const QByteArray &data, TextEncoding encoding = TextEncoding::Auto, char delimiter = 0)
{
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer, encoding, delimiter);
    QList<CsvRecord> records;
    CsvRecord record;
    while (reader.next(&record))
        records.append(record);
    return records;
}

QList<QStringList> fieldsOf(const QList<CsvRecord> &records)
{
    QList<QStringList> out;
    for (const CsvRecord &r : records)
        out.append(r.fields);
    return out;
}

QStringList sl(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

} // namespace

void tst_CsvReader::parsesRfc4180_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QList<QStringList>>("expected");
    QTest::newRow("plain LF") << QByteArray("a,b\n1,2\n") << QList<QStringList> { sl({ "a", "b" }), sl({ "1", "2" }) };
    QTest::newRow("CRLF, no final newline") << QByteArray("a,b\r\n1,2") << QList<QStringList> { sl({ "a", "b" }), sl({ "1", "2" }) };
    QTest::newRow("lone CR") << QByteArray("a,b\r1,2\r") << QList<QStringList> { sl({ "a", "b" }), sl({ "1", "2" }) };
    QTest::newRow("quoted comma") << QByteArray("a,b\n\"x,y\",2\n") << QList<QStringList> { sl({ "a", "b" }), sl({ "x,y", "2" }) };
    QTest::newRow("escaped quote") << QByteArray("a\n\"say \"\"hi\"\"\"\n") << QList<QStringList> { sl({ "a" }), sl({ "say \"hi\"" }) };
    QTest::newRow("newline in quotes") << QByteArray("a,b\n\"l1\r\nl2\",z\n") << QList<QStringList> { sl({ "a", "b" }), sl({ "l1\r\nl2", "z" }) };
    QTest::newRow("empty fields") << QByteArray("a,b,c\n,,\n") << QList<QStringList> { sl({ "a", "b", "c" }), sl({ "", "", "" }) };
    QTest::newRow("blank lines skipped") << QByteArray("a\n\n\r\n1\n") << QList<QStringList> { sl({ "a" }), sl({ "1" }) };
    QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBFname\nJos\xC3\xA9\n") << QList<QStringList> { sl({ "name" }), sl({ "José" }) };
    QTest::newRow("empty quoted") << QByteArray("a,b\n\"\",x\n") << QList<QStringList> { sl({ "a", "b" }), sl({ "", "x" }) };
    QTest::newRow("stray quote kept") << QByteArray("a\nab\"c\n") << QList<QStringList> { sl({ "a" }), sl({ "ab\"c" }) };
}

void tst_CsvReader::parsesRfc4180()
{
    QFETCH(QByteArray, data);
    QFETCH(QList<QStringList>, expected);
    const QList<CsvRecord> records = readAll(data);
    QCOMPARE(fieldsOf(records), expected);
    for (const CsvRecord &r : records)
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
}

void tst_CsvReader::detectsDelimiter_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<char>("expected");
    QTest::newRow("comma") << QByteArray("a,b,c\n1;2,3") << ',';
    QTest::newRow("semicolon") << QByteArray("Name;Phone;E-mail\nA;1;x") << ';';
    QTest::newRow("tab") << QByteArray("Name\tPhone\n") << '\t';
    QTest::newRow("quoted commas ignored") << QByteArray("\"a,b,c\";d;e\n") << ';';
    QTest::newRow("single column") << QByteArray("phone\n") << ',';
}

void tst_CsvReader::detectsDelimiter()
{
    QFETCH(QByteArray, head);
    QFETCH(char, expected);
    QCOMPARE(CsvReader::detectDelimiter(head), expected);
    QBuffer buffer;
    buffer.setData(head);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    CsvRecord record;
    QVERIFY(reader.next(&record));
    QCOMPARE(reader.delimiter(), expected);
}

void tst_CsvReader::fallsBackToWindows1252ForInvalidUtf8()
{
    QBuffer buffer;
    buffer.setData(QByteArray("name;city\nJos\xE9;M\xFCnchen \x80\n"));
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    CsvRecord record;
    QVERIFY(reader.next(&record));
    QVERIFY(reader.next(&record));
    QCOMPARE(record.fields, QStringList({ QStringLiteral("José"), QStringLiteral("München €") }));
    QVERIFY(reader.sawWindows1252());
}

void tst_CsvReader::decodesSelectedWindows1252()
{
    // Bytes that happen to be valid UTF-8 ("Ã©") are read as two characters when 1252 is chosen.
    const QList<CsvRecord> records = readAll("n\n\xC3\xA9\n", TextEncoding::Windows1252);
    QCOMPARE(records.at(1).fields.at(0), QStringLiteral("Ã©"));
}

void tst_CsvReader::emptyAndHeaderOnly()
{
    QVERIFY(readAll(QByteArray()).isEmpty());
    QVERIFY(readAll("\xEF\xBB\xBF").isEmpty());
    const QList<CsvRecord> header = readAll("phone,email\r\n");
    QCOMPARE(header.size(), 1);
    QCOMPARE(header.at(0).fields, sl({ "phone", "email" }));
}

void tst_CsvReader::refusesBinary()
{
    QBuffer buffer;
    buffer.setData(QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    CsvRecord record;
    QVERIFY(!reader.next(&record));
    QVERIFY(reader.fatalError().contains(QLatin1String("binary")));
}

void tst_CsvReader::rejectsOversizedFieldAndContinues()
{
    QByteArray data("a,b\n");
    data += "\"" + QByteArray(CsvReader::MaxFieldBytes + 10, 'x') + "\",1\n";
    data += "ok,2\n";
    const QList<CsvRecord> records = readAll(data);
    QCOMPARE(records.size(), 3);
    QVERIFY(records.at(1).error.contains(QLatin1String("field longer than")));
    QCOMPARE(records.at(1).line, 2);
    QCOMPARE(records.at(2).fields, sl({ "ok", "2" }));
    QCOMPARE(records.at(2).line, 3);
    QVERIFY(records.at(2).error.isEmpty());
}

void tst_CsvReader::reportsUnterminatedQuote()
{
    const QList<CsvRecord> records = readAll("a,b\n1,\"open\n2,3\n");
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(1).error, QStringLiteral("unterminated quoted field"));
}

void tst_CsvReader::boundsColumnCount()
{
    QByteArray data("a\n");
    data += QByteArray(CsvReader::MaxFields + 5, ',') + "\nz\n";
    const QList<CsvRecord> records = readAll(data);
    QCOMPARE(records.size(), 3);
    QVERIFY(records.at(1).error.contains(QLatin1String("columns")));
    QCOMPARE(records.at(2).fields, sl({ "z" }));
}

void tst_CsvReader::handlesCrlfSplitAcrossChunks()
{
    // Pad so that the CR is the chunk's last byte and its LF the next chunk's first.
    QByteArray data("h\n");
    data += QByteArray(CsvReader::ChunkBytes - data.size() - 1, 'y') + "\r\nnext\r\n";
    const QList<CsvRecord> records = readAll(data);
    QCOMPARE(records.size(), 3);
    QCOMPARE(records.at(2).fields, sl({ "next" }));
    QCOMPARE(records.at(2).line, 3);
}

void tst_CsvReader::reportsBytesRead()
{
    QByteArray data("phone\n");
    for (int i = 0; i < 100000; ++i)
        data += "+12125550100\n";
    QBuffer buffer;
    buffer.setData(data);
    buffer.open(QIODevice::ReadOnly);
    CsvReader reader(&buffer);
    CsvRecord record;
    qint64 last = 0;
    int rows = 0;
    while (reader.next(&record)) {
        QVERIFY(reader.bytesRead() >= last);
        last = reader.bytesRead();
        ++rows;
    }
    QCOMPARE(rows, 100001);
    QCOMPARE(reader.bytesRead(), qint64(data.size()));
}

void tst_CsvReader::survivesRandomBytes()
{
    // A deterministic stand-in for the libFuzzer run: arbitrary bytes end, with bounded output.
    QRandomGenerator random(20261128);
    const char alphabet[] = { '"', ',', ';', '\t', '\r', '\n', 'a', '\xC3', '\xA9', '\xFF', ' ' };
    for (int round = 0; round < 300; ++round) {
        QByteArray data(int(random.bounded(1, 4000)), Qt::Uninitialized);
        for (char &c : data)
            c = random.bounded(4) == 0 ? char(random.bounded(256)) : alphabet[random.bounded(int(sizeof alphabet))];
        const QList<CsvRecord> records = readAll(data);
        QVERIFY(records.size() <= data.size() + 1);
    }
}

QTEST_GUILESS_MAIN(tst_CsvReader)
#include "tst_csvreader.moc"
