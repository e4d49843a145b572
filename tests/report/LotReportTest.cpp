#include "app/report/LotReport.h"
#include "PdfTools.h"
#include "TestPki.h"

#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>

#include <openssl/pem.h>
#include <openssl/x509.h>

using namespace ks;

namespace {

// A leaf certificate for a key, self-signed by a fresh EC key (the report only reads the DER).
QByteArray makeCert(const QString &serial)
{
    const test::KeyPtr key = test::TestPki::generateKey(test::KeyType::EcP256);
    test::IssueOptions o;
    o.subjectKey = key.get();
    o.issuerKey = key.get();
    o.commonName = serial;
    o.serialNumber = serial;
    return test::TestPki::issue(o);
}

core::LotKey makeKey(int i, const QString &serial = {})
{
    core::LotKey k;
    k.serial = serial.isEmpty() ? QStringLiteral("FT%1").arg(i, 14, 10, QLatin1Char('0')) : serial;
    k.certDer = makeCert(QStringLiteral("key %1").arg(i));
    k.certSerialHex = QStringLiteral("4a%1c0ffee0123456789abcdef0123456789").arg(i, 4, 10, QLatin1Char('0'));
    k.sha256Fingerprint
        = QString::fromLatin1(QCryptographicHash::hash(k.certDer, QCryptographicHash::Sha256).toHex());
    k.notBeforeMs = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    k.notAfterMs = QDateTime(QDate(2027, 12, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    k.station = QStringLiteral("bench-%1").arg(i % 2 + 1);
    k.operatorName = QStringLiteral("alice");
    k.doneMs = QDateTime(QDate(2026, 12, 1), QTime(8, 30, i % 60), Qt::UTC).toMSecsSinceEpoch();
    k.attemptId = QStringLiteral("attempt-%1").arg(i);
    return k;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

core::LotManifest manifest()
{
    core::LotManifest lot;
    lot.id = QStringLiteral("WO-2026-0042");
    lot.profile = QStringLiteral("factory");
    lot.quantity = 64;
    lot.customer = QStringLiteral("ACME Bank 上海分行"); // any script the customer writes in
    lot.model = QStringLiteral("ePass2003");
    return lot;
}

core::LotCounts countsFor(int done)
{
    core::LotCounts c;
    c.lotId = QStringLiteral("WO-2026-0042");
    c.quantity = 64;
    c.done = done;
    c.failed = 2;
    c.refused = 3;
    c.remaining = 64 - done;
    c.firstPassYield = 0.9;
    c.finalYield = 0.97;
    c.keysPerHour = 120.5;
    c.firstAttemptMs = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
    c.lastFinishedMs = QDateTime(QDate(2026, 12, 1), QTime(8, 30), Qt::UTC).toMSecsSinceEpoch();
    c.doneByStation
        = { { QStringLiteral("bench-1"), done / 2 }, { QStringLiteral("bench-2"), done - done / 2 } };
    c.doneByOperator = { { QStringLiteral("alice"), done } };
    return c;
}

TEST(LotReport, CsvHoldsEveryKeyWithFormulasDefused)
{
    core::LotKey a = makeKey(1, QStringLiteral("0123456789ABCDEF"));
    a.certSerialHex = QStringLiteral("01ab");
    a.station = QStringLiteral("bench-1");
    a.operatorName = QStringLiteral("alice");
    core::LotKey b = makeKey(2, QStringLiteral("=HYPERLINK(\"x\",\"y\")"));
    b.certSerialHex = QStringLiteral("02cd");
    b.station = QStringLiteral("bench, 2");
    b.operatorName = QStringLiteral("@bob");
    b.notBeforeMs = QDateTime(QDate(2026, 12, 1), QTime(9, 15, 7), Qt::UTC).toMSecsSinceEpoch();
    b.doneMs = QDateTime(QDate(2026, 12, 1), QTime(9, 16), Qt::UTC).toMSecsSinceEpoch();

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lot.csv"));
    ASSERT_TRUE(report::writeLotCsv({ a, b }, path));
    const QByteArray expected = "serial,certificate_serial,sha256_fingerprint,not_before_utc,not_after_utc,"
                                "station,operator,done_utc\r\n"
                                "0123456789ABCDEF,01ab,"
        + a.sha256Fingerprint.toLatin1()
        + ",2026-12-01T00:00:00Z,2027-12-01T00:00:00Z,bench-1,alice,2026-12-01T08:30:01Z\r\n"
          "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",02cd,"
        + b.sha256Fingerprint.toLatin1()
        + ",2026-12-01T09:15:07Z,2027-12-01T00:00:00Z,\"bench, 2\",'@bob,2026-12-01T09:16:00Z\r\n";
    EXPECT_EQ(readAll(path), expected);
}

TEST(LotReport, PemBundleHoldsExactlyTheLotsCertificatesInOrder)
{
    QList<core::LotKey> keys;
    for (int i = 0; i < 5; ++i)
        keys << makeKey(i);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lot.pem"));
    ASSERT_TRUE(report::writeLotPem(keys, path));

    const QByteArray pem = readAll(path);
    EXPECT_EQ(pem.count("-----BEGIN CERTIFICATE-----"), 5);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  &BIO_free);
    QList<QByteArray> ders;
    while (X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        ders << test::TestPki::certToDer(cert);
        X509_free(cert);
    }
    ASSERT_EQ(ders.size(), keys.size());
    for (int i = 0; i < keys.size(); ++i)
        EXPECT_EQ(ders.at(i), keys.at(i).certDer) << "certificate " << i;
    // Nothing but the certificates: no text before, between or after the blocks.
    QByteArray rest = pem;
    rest.replace(QByteArray("\n"), QByteArray());
    for (const QByteArray &der : ders)
        rest.replace("-----BEGIN CERTIFICATE-----" + der.toBase64() + "-----END CERTIFICATE-----",
                     QByteArray());
    EXPECT_TRUE(rest.isEmpty()) << rest.constData();
}

TEST(LotReport, PemBundleRefusesAKeyWithoutAValidCertificate)
{
    QList<core::LotKey> keys { makeKey(1), makeKey(2) };
    keys[1].certDer = "not a certificate";
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lot.pem"));
    auto written = report::writeLotPem(keys, path);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, core::CoreError::Code::InvalidArgument);
    EXPECT_TRUE(written.error().message.contains(keys[1].serial)) << written.error().message.toStdString();
    EXPECT_FALSE(QFile::exists(path));
}

TEST(LotReport, UnwritablePathIsAClearError)
{
    const QString path = QStringLiteral("/nonexistent-dir/lot.csv");
    auto written = report::writeLotCsv({ makeKey(1) }, path);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, core::CoreError::Code::Io);
    EXPECT_TRUE(written.error().message.contains(path));
    auto pdf = report::writeLotPdf(manifest(), countsFor(1), { makeKey(1) },
                                   QStringLiteral("/nonexistent-dir/x.pdf"));
    ASSERT_FALSE(pdf);
    EXPECT_EQ(pdf.error().code, core::CoreError::Code::Io);
}

TEST(LotReport, GroupedHexWrapsOnlyBetweenGroups)
{
    EXPECT_EQ(report::groupedHex(QStringLiteral("0123456789abcdef"), 4, 2),
              QStringLiteral("0123 4567\n89ab cdef"));
    EXPECT_EQ(report::groupedHex(QStringLiteral("0123456789"), 4, 0), QStringLiteral("0123 4567 89"));
}

// The text pdftotext sees for a key's fingerprint: two lines of eight groups of four.
QStringList fingerprintLines(const QString &fp)
{
    return report::groupedHex(fp, 4, 8).split(u'\n');
}

TEST(LotReport, PdfOfSixtyKeysNeverSplitsARowAndNumbersItsPages)
{
    QList<core::LotKey> keys;
    for (int i = 0; i < 60; ++i)
        keys << makeKey(i);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lot.pdf"));
    ASSERT_TRUE(report::writeLotPdf(manifest(), countsFor(60), keys, path));
    ASSERT_TRUE(readAll(path).startsWith("%PDF-"));

    const int pages = test::pdfPageCount(path);
    ASSERT_GT(pages, 0) << "pdfinfo (poppler-utils) must be installed: scripts/debian-packages.txt";
    // 60 rows of two lines do not fit on one A4 page with the summary, nor need more than four.
    EXPECT_GE(pages, 2);
    EXPECT_LE(pages, 4);

    QStringList text;
    for (int p = 1; p <= pages; ++p)
        text << test::pdfPageText(path, p);
    // Page 1: the lot and its counts.
    EXPECT_TRUE(text[0].contains(QStringLiteral("WO-2026-0042")));
    EXPECT_TRUE(text[0].contains(QStringLiteral("ACME Bank 上海分行")));
    EXPECT_TRUE(text[0].contains(QStringLiteral("ePass2003")));
    EXPECT_TRUE(text[0].contains(QStringLiteral("90.0 %")));
    EXPECT_TRUE(text[0].contains(QStringLiteral("97.0 %")));
    EXPECT_TRUE(text[0].contains(QStringLiteral("120.5")));
    for (int p = 0; p < pages; ++p) {
        EXPECT_TRUE(text[p].contains(QStringLiteral("Page %1 / %2").arg(p + 1).arg(pages)))
            << "page " << p + 1;
        if (p > 0) { // the table's header starts every page it continues on
            EXPECT_TRUE(text[p].contains(QStringLiteral("SHA-256 fingerprint"))) << "page " << p + 1;
        }
    }
    // Every row whole on exactly one page: its serial and both lines of its full fingerprint.
    for (const core::LotKey &k : keys) {
        int pagesWithSerial = 0;
        for (int p = 0; p < pages; ++p) {
            if (!text[p].contains(k.serial))
                continue;
            ++pagesWithSerial;
            for (const QString &line : fingerprintLines(k.sha256Fingerprint))
                EXPECT_TRUE(text[p].contains(line)) << k.serial.toStdString() << " page " << p + 1;
        }
        EXPECT_EQ(pagesWithSerial, 1) << k.serial.toStdString();
    }
    // The sign-off closes the report.
    EXPECT_TRUE(text.last().contains(QStringLiteral("Handed over by")));
    EXPECT_TRUE(text.last().contains(QStringLiteral("Received by")));
}

TEST(LotReport, PdfOfASmallLotIsOnePage)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lot.pdf"));
    ASSERT_TRUE(report::writeLotPdf(manifest(), countsFor(2), { makeKey(1), makeKey(2) }, path));
    EXPECT_EQ(test::pdfPageCount(path), 1);
    EXPECT_TRUE(test::pdfPageText(path, 1).contains(QStringLiteral("Page 1 / 1")));
}

} // namespace
