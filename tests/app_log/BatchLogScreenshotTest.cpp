#include "LogJournalFixture.h"

#include "app/gui/log/BatchLogCharts.h"
#include "app/gui/log/BatchLogReport.h"
#include "app/gui/log/BatchLogWidget.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSet>
#include <QSignalSpy>
#include <QTextDocument>

namespace ks::test {

namespace {

bool arrived(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(10000);
}

} // namespace

class BatchLogScreenshotTest : public LogJournalFixture
{
};

// A third, busier batch on top of the realistic log, the view a supervisor gets after selecting a failed key
// and verifying: saved as a test artefact (build/screenshots/batch-log.png) to be looked at.
TEST_F(BatchLogScreenshotTest, SavesTheSupervisorsView)
{
    seedRealisticLog();
    const qint64 batchStart = m_nowMs + 3 * 3600000LL;
    m_nowMs = batchStart;
    const QString batch = beginBatch(QStringLiteral("alice"));
    QString selected;
    for (int k = 0; k < 28; ++k) {
        m_nowMs = batchStart + 2000 + 9000LL * k + (k * 37 % 5) * 700;
        Key key;
        key.serial = QStringLiteral("2e3a4b5c6d%1").arg(0x7e8f01 + k * 0x101, 6, 16, QLatin1Char('0'));
        key.model = k % 7 == 3 ? QStringLiteral("SmartCard-HSM") : QStringLiteral("ePass2003");
        key.tookMs = 6500 + (k * 53 % 11) * 400;
        auto fail = [&](const char *step, const char *code, const char *message) {
            key.state = QStringLiteral("failed");
            key.failStep = QLatin1String(step);
            key.errorCode = QLatin1String(code);
            key.errorMessage = QString::fromUtf8(message);
        };
        if (k == 5 || k == 19)
            fail("login", "PinIncorrect",
                 "PKCS#11 function 'C_Login' failed: CKR_PIN_INCORRECT (wrong transport PIN, 2 tries left)");
        else if (k == 11)
            fail("enrol", "CaTimeout", "The CA did not answer within 30 s (https://ca.factory.test:8888).");
        else if (k == 16)
            fail("writeCertificate", "KeyRemoved",
                 "The key was pulled out while the certificate was written.");
        else if (k == 8 || k == 9) // held the profile's certificate already: nothing done
            key.doneAfter = QStringLiteral("findKeyPair");
        else if (k == 23)
            fail("verifyCertificate", "CertificateUntrustedChain",
                 "The certificate does not chain to the configured trust anchor.");
        const QString id = runKey(batch, key);
        if (k == 11)
            selected = id;
    }
    m_nowMs = batchStart + 270000;
    ASSERT_TRUE(m_journal->endBatch(batch));

    const core::OperatorSession supervisor = session(core::Role::Supervisor, QStringLiteral("sofia"));
    app::BatchLogWidget w(m_journal.get(), supervisor);
    w.resize(1500, 940);
    w.show();
    QSignalSpy loaded(&w, &app::BatchLogWidget::attemptsLoaded);
    ASSERT_TRUE(arrived(loaded));
    QSignalSpy detail(&w, &app::BatchLogWidget::detailLoaded);
    ASSERT_TRUE(w.selectAttempt(selected));
    ASSERT_TRUE(arrived(detail));
    QSignalSpy verified(&w, &app::BatchLogWidget::verifyFinished);
    w.verifyLog();
    ASSERT_TRUE(arrived(verified));
    EXPECT_TRUE(verified.last().at(0).toBool());

    const QImage image = w.grab().toImage();
    ASSERT_FALSE(image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 40) << "the grab looks blank";
    const QString dir = QStringLiteral(KS_BINARY_DIR "/screenshots");
    ASSERT_TRUE(QDir().mkpath(dir));
    EXPECT_TRUE(image.save(dir + QStringLiteral("/batch-log.png")));
    // The sizes of the bench's panels (issue 11): a 1024×600 panel and a full-HD screen.
    for (const QSize size : { QSize(1024, 600), QSize(1920, 1080) }) {
        w.resize(size);
        QCoreApplication::processEvents();
        EXPECT_EQ(w.size(), size);
        EXPECT_TRUE(
            w.grab().save(dir + QStringLiteral("/batch-log-%1x%2.png").arg(size.width()).arg(size.height())));
    }

    // The PDF report's first page, painted the same way the PDF is, to look at without a PDF viewer.
    const QString pdf = dir + QStringLiteral("/batch-log.pdf");
    auto exported = w.exportPdf(pdf);
    ASSERT_TRUE(exported) << exported.error().toString().toStdString();
    app::BatchLogReport::Content content;
    content.filterSummary = QStringLiteral("All attempts");
    content.readerName = QStringLiteral("sofia (supervisor)");
    content.station = m_journal->location();
    content.generatedMs = m_nowMs;
    content.verify = *w.lastVerify();
    content.attempts = w.attempts();
    content.charts = w.findChild<app::BatchLogCharts *>()->grab().toImage();
    QTextDocument doc;
    app::BatchLogReport::fillDocument(doc, content);
    doc.setPageSize(QSizeF(1060, 750));
    QImage page(1060, 750, QImage::Format_ARGB32_Premultiplied);
    page.fill(Qt::white);
    {
        QPainter painter(&page);
        doc.drawContents(&painter, QRectF(0, 0, 1060, 750));
    }
    EXPECT_TRUE(page.save(dir + QStringLiteral("/batch-log-report.png")));
}

} // namespace ks::test
