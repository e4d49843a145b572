// The station's label sheet (docs/profiles.md "labels"): a profile with labels.directory gets, at the end of
// a batch, labels-<batchId>.pdf there with one label per key provisioned, named in the bench's summary; each
// label's QR code decodes to its key's serial and certificate fingerprint (pdftoppm + zbarimg).
#include "GuiFixture.h"

#include "BenchWidget.h"
#include "PdfTools.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ks;

class BenchLabels : public ks::test::GuiFixture
{
};

TEST_F(BenchLabels, ABatchEndsWithItsLabelSheetNamedInTheSummary)
{
    QTemporaryDir labels;
    const QString directory = labels.filePath(QStringLiteral("sheets"));
    setUpBench(3,
               { { QStringLiteral("labels"), QJsonObject { { QStringLiteral("directory"), directory } } } });
    ASSERT_EQ(m_station->profile().labelsDirectory, directory);
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(3));
    auto *bench = m_window->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    auto *button = bench->findChild<QPushButton *>(QStringLiteral("provisionAll"));
    ASSERT_NE(button, nullptr);
    QTest::mouseClick(button, Qt::LeftButton);
    ASSERT_TRUE(finished.wait(120000) || finished.count() == 1);
    const auto summary = finished.front().front().value<core::BatchSummary>();
    ASSERT_EQ(summary.done, 3);

    const QString sheet
        = QDir(directory).absoluteFilePath(QStringLiteral("labels-%1.pdf").arg(summary.batchId));
    ASSERT_TRUE(QFile::exists(sheet)) << sheet.toStdString();
    EXPECT_TRUE(bench->summaryText().contains(QDir::toNativeSeparators(sheet)))
        << bench->summaryText().toStdString();

    // One QR code per key: its serial and the SHA-256 of the certificate now on it.
    QSet<QString> expected;
    for (const QString &serial : std::as_const(m_serials)) {
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 1) << serial.toStdString();
        expected.insert(
            QStringLiteral("serial=%1;sha256=%2")
                .arg(serial,
                     QString::fromLatin1(
                         QCryptographicHash::hash(certs.front().der, QCryptographicHash::Sha256).toHex())));
    }
    QString error;
    const QStringList codes = test::qrCodesOnPage(sheet, 1, 300, &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    QStringList got = codes, want(expected.begin(), expected.end());
    got.sort();
    want.sort();
    EXPECT_EQ(got.join(u'\n').toStdString(), want.join(u'\n').toStdString());
}
