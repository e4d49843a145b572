// The README's pictures of the bench (issue 11): a 12-port hub mid-batch with a wrong-PIN key and an empty
// port, at 1920×1080 and 1024×600, in English and — logged in again during the same batch — in Chinese. The
// test asserts what the pictures must show: the running batch in both windows, every key at the same port
// number in both (the station keeps the bench's port order across log-ins), the amber key at its port.
#include "GuiFixture.h"

#include "BenchWidget.h"
#include "StationApp.h"
#include "TokenTileModel.h"

#include <QHash>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace ks;
using app::TokenTileModel;
using Tone = TokenTileModel::Tone;

namespace {

class ReadmeScreenshots : public ks::test::GuiFixture
{
protected:
    TokenTileModel *model() const { return m_window->bench()->model(); }
    Tone toneOf(const QString &serial) const
    {
        return static_cast<Tone>(
            model()->data(model()->index(model()->rowOf(serial)), TokenTileModel::ToneRole).toInt());
    }
    void shoot(const QString &language)
    {
        for (const QSize size : { QSize(1920, 1080), QSize(1024, 600) }) {
            m_window->resize(size);
            QTest::qWait(50);
            screenshot(
                m_window.get(),
                QStringLiteral("readme-bench-%1-%2x%3").arg(language).arg(size.width()).arg(size.height()));
        }
    }
};

} // namespace

TEST_F(ReadmeScreenshots, TheRunningBatchAtBothSizesInEnglishAndChinese)
{
    addKeysWithPin(1, "999999"); // not the profile's transport PIN
    const QString wrongPin = m_serials.front();
    setUpBench(11);
    const QString pulled = m_serials.at(4);
    ASSERT_TRUE(m_hub->setPinTries(hub(wrongPin), 3));
    ASSERT_TRUE(
        m_hub->setLatency("C_GenerateKeyPair:EC", 4000)); // the batch is still running in the pictures
    m_station->startCaMonitor(60000, 60000);
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(12));
    const int pulledPort = model()->keyNumber(pulled);
    const int wrongPinPort = model()->keyNumber(wrongPin);
    ASSERT_TRUE(m_hub->unplug(hub(pulled))); // an empty socket: the port keeps its place
    ASSERT_TRUE(QTest::qWaitFor([&] { return model()->keyCount() == 11; }, 5000));
    EXPECT_EQ(model()->rowCount(), 12);

    QHash<QString, int> portOf;
    for (const QString &serial : m_serials)
        portOf.insert(serial, model()->keyNumber(serial));

    auto *bench = m_window->bench();
    bench->provisionAll();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return toneOf(wrongPin) == Tone::Attention && model()->count(Tone::Busy) == 10; }, 20000));
    QTest::qWait(1200); // a second on the step clocks
    shoot(QStringLiteral("en"));

    // Another operator logs in during the batch, in Chinese: the same batch, the same ports.
    QTranslator translator;
    ASSERT_TRUE(app::StationApp::installTranslator(translator, QStringLiteral("zh_CN")));
    openWindow(core::Role::Operator, QStringLiteral("operator2"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return model()->keyCount() == 11 && model()->count(Tone::Busy) == 10; },
                                10000));
    // Every key at the port number the first bench gave it; the pulled key's port an empty socket still.
    EXPECT_EQ(model()->rowCount(), 12);
    for (const QString &serial : m_serials) {
        if (serial != pulled) {
            EXPECT_EQ(model()->keyNumber(serial), portOf.value(serial)) << serial.toStdString();
        }
    }
    EXPECT_EQ(model()->data(model()->index(pulledPort - 1), TokenTileModel::ToneRole).toInt(),
              static_cast<int>(Tone::Empty));
    EXPECT_EQ(model()->keyNumber(wrongPin), wrongPinPort);
    EXPECT_EQ(toneOf(wrongPin), Tone::Attention);
    EXPECT_NE(model()->data(model()->index(wrongPinPort - 1), TokenTileModel::WordRole).toString(),
              QStringLiteral("CHECK"));
    QTest::qWait(1200);
    shoot(QStringLiteral("zh_CN"));
    QCoreApplication::removeTranslator(&translator);
    EXPECT_NE(pulledPort, wrongPinPort);
    QSignalSpy finishedHere(m_window->bench(), &app::BenchWidget::batchFinished);
    ASSERT_TRUE(finishedHere.wait(120000) || finishedHere.count() == 1);
    EXPECT_EQ(model()->count(Tone::Done), 10);
}
