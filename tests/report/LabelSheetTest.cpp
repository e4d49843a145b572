#include "app/report/LabelSheet.h"
#include "PdfTools.h"
#include "TestPki.h"
#include "core/Profile.h"

#include <gtest/gtest.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>

using namespace ks;

namespace {

QByteArray makeCert(const QString &serial)
{
    const test::KeyPtr key = test::TestPki::generateKey(test::KeyType::EcP256);
    test::IssueOptions o;
    o.subjectKey = key.get();
    o.issuerKey = key.get();
    o.commonName = serial;
    return test::TestPki::issue(o);
}

report::LabelItem item(int i)
{
    const QString serial = QStringLiteral("0A1B2C3D%1").arg(i, 8, 16, QLatin1Char('0')).toUpper();
    const QByteArray der = makeCert(serial);
    return report::LabelItem {
        serial, QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex()),
        QStringLiteral("7f%1aa55aa55aa55aa55aa55").arg(i, 4, 10, QLatin1Char('0'))
    };
}

// A set as one sorted line a code, for a failure message a person can read.
std::string sorted(const QSet<QString> &set)
{
    QStringList list(set.begin(), set.end());
    list.sort();
    return list.join(u'\n').toStdString();
}

QString expectedQr(const report::LabelItem &it)
{
    return QStringLiteral("serial=%1;sha256=%2").arg(it.serial, it.sha256Fingerprint);
}

TEST(LabelSheet, EveryLabelsQrCodeDecodesToItsSerialAndFingerprint)
{
    QList<report::LabelItem> items;
    for (int i = 0; i < 26; ++i) // one full page of 24 and two on the next
        items << item(i);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("labels.pdf"));
    ASSERT_TRUE(report::writeLabelSheet(QStringLiteral("Batch b-42"), items, path));
    ASSERT_EQ(test::pdfPageCount(path), 2) << "pdfinfo (poppler-utils) must be installed";

    QSet<QString> decoded;
    for (int page = 1; page <= 2; ++page) {
        QString error;
        const QStringList codes = test::qrCodesOnPage(path, page, 300, &error);
        ASSERT_TRUE(error.isEmpty()) << error.toStdString();
        EXPECT_EQ(codes.size(), page == 1 ? 24 : 2) << "page " << page;
        for (const QString &c : codes)
            decoded.insert(c);
        const QString text = test::pdfPageText(path, page);
        EXPECT_TRUE(text.contains(QStringLiteral("Batch b-42"))) << "page " << page;
        EXPECT_TRUE(text.contains(QStringLiteral("Page %1 / 2").arg(page))) << "page " << page;
    }
    QSet<QString> expected;
    for (const report::LabelItem &it : items)
        expected.insert(expectedQr(it));
    EXPECT_EQ(sorted(decoded), sorted(expected));

    // The printed text: the serial and the fingerprint's first 16 digits in groups of four.
    const QString first = test::pdfPageText(path, 1);
    // 16 characters: two lines of 8 in large print.
    EXPECT_TRUE(first.contains(items[0].serial.left(8)));
    EXPECT_TRUE(first.contains(items[0].serial.mid(8)));
    EXPECT_TRUE(
        first.contains(items[0].sha256Fingerprint.left(4) + u' ' + items[0].sha256Fingerprint.mid(4, 4)));
    EXPECT_TRUE(first.contains(QStringLiteral("SHA-256")));
}

TEST(LabelSheet, UnwritablePathOrNoLabelIsAClearError)
{
    auto written
        = report::writeLabelSheet(QStringLiteral("t"), { item(1) }, QStringLiteral("/nonexistent-dir/l.pdf"));
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error().code, core::CoreError::Code::Io);
    EXPECT_TRUE(written.error().message.contains(QStringLiteral("/nonexistent-dir/l.pdf")));

    QTemporaryDir dir;
    auto empty = report::writeLabelSheet(QStringLiteral("t"), {}, dir.filePath(QStringLiteral("l.pdf")));
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, core::CoreError::Code::InvalidArgument);
}

core::JobResult result(const QString &serial, core::JobStage outcome, bool alreadyProvisioned = false)
{
    core::JobResult r;
    r.serial = serial;
    r.outcome = outcome;
    r.alreadyProvisioned = alreadyProvisioned;
    if (outcome == core::JobStage::Done) {
        r.certDer = makeCert(serial);
        r.certSerialHex = QStringLiteral("0badc0de");
    }
    return r;
}

TEST(LabelSheet, BatchLabelsGoToTheProfilesDirectoryForProvisionedKeysOnly)
{
    QTemporaryDir dir;
    core::Profile profile;
    const QList<core::JobResult> results { result(QStringLiteral("AAAA000000000001"), core::JobStage::Done),
                                           result(QStringLiteral("AAAA000000000002"), core::JobStage::Failed),
                                           result(QStringLiteral("AAAA000000000003"), core::JobStage::Done,
                                                  true),
                                           result(QStringLiteral("AAAA000000000004"), core::JobStage::Done) };
    const QList<report::LabelItem> items = report::labelItems(results);
    ASSERT_EQ(items.size(), 2);
    EXPECT_EQ(items[0].serial, QStringLiteral("AAAA000000000001"));
    EXPECT_EQ(items[0].sha256Fingerprint,
              QString::fromLatin1(
                  QCryptographicHash::hash(results[0].certDer, QCryptographicHash::Sha256).toHex()));
    EXPECT_EQ(items[0].certSerialHex, QStringLiteral("0badc0de"));
    EXPECT_EQ(items[1].serial, QStringLiteral("AAAA000000000004"));

    // No labels directory: nothing written.
    auto none = report::writeBatchLabels(profile, QStringLiteral("b1"), results);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->isEmpty());

    profile.labelsDirectory = dir.filePath(QStringLiteral("labels/new"));
    auto written = report::writeBatchLabels(profile, QStringLiteral("b1/x"), results);
    ASSERT_TRUE(written) << written.error().toString().toStdString();
    EXPECT_EQ(*written, QDir(profile.labelsDirectory).absoluteFilePath(QStringLiteral("labels-b1_x.pdf")));
    EXPECT_TRUE(QFile::exists(*written));
    QString error;
    const QStringList codes = test::qrCodesOnPage(*written, 1, 300, &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    EXPECT_EQ(sorted(QSet<QString>(codes.begin(), codes.end())),
              sorted(QSet<QString> { expectedQr(items[0]), expectedQr(items[1]) }));

    // A batch with no key provisioned: no sheet.
    auto failedOnly = report::writeBatchLabels(profile, QStringLiteral("b2"), { results[1], results[2] });
    ASSERT_TRUE(failedOnly);
    EXPECT_TRUE(failedOnly->isEmpty());
    EXPECT_FALSE(
        QFile::exists(QDir(profile.labelsDirectory).absoluteFilePath(QStringLiteral("labels-b2.pdf"))));
}

} // namespace
