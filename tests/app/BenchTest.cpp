// The bench against real keys: tiles follow plug and pull; Provision all turns every tile green against the
// real CA; a wrong-PIN key turns red with its reason while the others finish.
#include "GuiFixture.h"

#include "BenchWidget.h"
#include "FeedbackPlayer.h"
#include "JobDetailsDialog.h"
#include "TokenTileModel.h"

#include "app/gui/log/BatchLogWidget.h"

#include <QElapsedTimer>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace ks;
using app::TokenTileModel;
using Tone = TokenTileModel::Tone;

class Bench : public ks::test::GuiFixture
{
protected:
    QVariant tileData(const QString &serial, int role)
    {
        auto *model = m_window->bench()->model();
        return model->data(model->index(model->rowOf(serial)), role);
    }
    Tone tone(const QString &serial)
    {
        return static_cast<Tone>(tileData(serial, TokenTileModel::ToneRole).toInt());
    }
};

TEST_F(Bench, TilesAppearAndVanishWithinASecondOfPlugAndPull)
{
    setUpBench(3);
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(3));
    auto *model = m_window->bench()->model();
    // Stable order by port (the simulated hub numbers its ports in slot order).
    for (int row = 1; row < model->rowCount(); ++row)
        EXPECT_LT(model->data(model->index(row - 1), TokenTileModel::SlotRole).toULongLong(),
                  model->data(model->index(row), TokenTileModel::SlotRole).toULongLong());

    const QString pulled = m_serials.at(1);
    QElapsedTimer clock;
    clock.start();
    ASSERT_TRUE(m_hub->unplug(hub(pulled)));
    ASSERT_TRUE(waitForTiles(2, 3000));
    EXPECT_LT(clock.elapsed(), 1000);
    EXPECT_EQ(model->rowOf(pulled), -1);
    EXPECT_EQ(model->rowCount(), 3); // its port stays, an empty socket

    clock.restart();
    ASSERT_TRUE(m_hub->plug(hub(pulled)));
    ASSERT_TRUE(waitForTiles(3, 3000));
    EXPECT_LT(clock.elapsed(), 1000);
    EXPECT_GE(model->rowOf(pulled), 0);
    EXPECT_EQ(tone(pulled), Tone::Idle);
    screenshot(m_window.get(), QStringLiteral("bench-idle"));
}

TEST_F(Bench, ProvisionAllTurnsEightTilesGreenAgainstTheRealCa)
{
    setUpBench(8);
    // A little chip latency so the batch is visibly in progress for the mid-batch picture.
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 150));
    ASSERT_TRUE(m_hub->setLatency("C_CreateObject", 100));
    openWindow(core::Role::Administrator);
    ASSERT_TRUE(waitForTiles(8));
    auto *bench = m_window->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    auto *button = bench->findChild<QPushButton *>(QStringLiteral("provisionAll"));
    ASSERT_NE(button, nullptr);
    QTest::mouseClick(button, Qt::LeftButton);

    ASSERT_TRUE(QTest::qWaitFor([&] { return bench->model()->count(Tone::Busy) > 0; }, 10000));
    EXPECT_FALSE(button->isEnabled()); // no second batch while one runs
    ASSERT_TRUE(QTest::qWaitFor([&] { return bench->model()->count(Tone::Done) >= 1; }, 60000));
    screenshot(m_window.get(), QStringLiteral("bench-mid-batch"));

    ASSERT_TRUE(finished.wait(120000) || finished.count() == 1);
    const auto summary = finished.front().front().value<core::BatchSummary>();
    EXPECT_EQ(summary.done, 8);
    EXPECT_EQ(summary.failed, 0);
    EXPECT_EQ(bench->model()->count(Tone::Done), 8);
    for (const auto &serial : std::as_const(m_serials)) {
        EXPECT_EQ(tone(serial), Tone::Done) << serial.toStdString();
        EXPECT_FALSE(tileData(serial, TokenTileModel::CertSerialRole).toString().isEmpty());
        EXPECT_TRUE(tileData(serial, TokenTileModel::CertNotAfterRole).toDateTime().isValid());
        EXPECT_EQ(certificatesOn(serial).size(), 1);
    }
    EXPECT_TRUE(bench->summaryText().contains(QStringLiteral("8 done")));
    EXPECT_TRUE(button->isEnabled());
    EXPECT_EQ(m_cfssl->issuedCount(), 8);
    screenshot(m_window.get(), QStringLiteral("bench-after-batch"));

    // Details of one key: every step with its time.
    bench->view()->setCurrentIndex(bench->model()->index(0));
    bench->showDetailsOfSelected();
    auto *details = m_window->findChild<app::JobDetailsDialog *>();
    ASSERT_NE(details, nullptr);
    auto *steps = details->findChild<QTableWidget *>(QStringLiteral("stepsTable"));
    ASSERT_NE(steps, nullptr);
    EXPECT_GE(steps->rowCount(), 5);
    screenshot(details, QStringLiteral("job-details"));
    details->close();

    // The supervisor's view of the same batch, embedded as a tab.
    auto *log = qobject_cast<app::BatchLogWidget *>(m_window->batchLog());
    ASSERT_NE(log, nullptr);
    m_window->tabs()->setCurrentWidget(log);
    QSignalSpy loaded(log, &app::BatchLogWidget::attemptsLoaded);
    log->refresh();
    ASSERT_TRUE(loaded.wait(10000));
    EXPECT_EQ(loaded.last().front().toInt(), 8);
    screenshot(m_window.get(), QStringLiteral("batch-log"));
}

TEST_F(Bench, AWrongPinKeyTurnsAmberWithItsReasonWhileTheOthersFinish)
{
    addKeysWithPin(1, "999999"); // not the profile's transport PIN
    const QString odd = m_serials.front();
    setUpBench(7);
    ASSERT_TRUE(m_hub->setPinTries(hub(odd), 3));
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(8));
    auto *bench = m_window->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    ASSERT_TRUE(finished.wait(120000));
    EXPECT_EQ(bench->model()->count(Tone::Done), 7);
    // A wrong PIN needs the supervisor: amber, "needs a person" (core::JobError::needsPerson), not red.
    EXPECT_EQ(bench->model()->count(Tone::Attention), 1);
    EXPECT_EQ(tone(odd), Tone::Attention);
    EXPECT_EQ(tileData(odd, TokenTileModel::ErrorCodeRole).toString(), QStringLiteral("PinIncorrect"));
    EXPECT_FALSE(tileData(odd, TokenTileModel::ErrorTextRole).toString().isEmpty());
    const int number = bench->model()->keyNumber(odd);
    // Speech is on (and fails silently here): what it would have said names the key and the reason.
    EXPECT_TRUE(
        m_window->feedback()->spoken().contains(QStringLiteral("Port %1 failed: wrong PIN").arg(number)))
        << m_window->feedback()->spoken().join(QLatin1Char('|')).toStdString();
    EXPECT_TRUE(bench->summaryText().contains(QStringLiteral("1 failed")));
    screenshot(m_window.get(), QStringLiteral("bench-wrong-pin"));

    // Retry is offered for the failed key only.
    bench->view()->setCurrentIndex(bench->model()->index(bench->model()->rowOf(odd)));
    EXPECT_TRUE(bench->findChild<QPushButton *>(QStringLiteral("retryKey"))->isEnabled());
    bench->view()->setCurrentIndex(bench->model()->index(bench->model()->rowOf(m_serials.last())));
    EXPECT_FALSE(bench->findChild<QPushButton *>(QStringLiteral("retryKey"))->isEnabled());
}

TEST_F(Bench, SkipKeyCancelsThatKeyOnlyAndRetryProvisionsItAgain)
{
    setUpBench(2);
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 1500));
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(2));
    auto *bench = m_window->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    const QString skipped = bench->model()->serialAt(0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return bench->model()->count(Tone::Busy) == 2; }, 10000));
    bench->view()->setCurrentIndex(bench->model()->index(0));
    auto *skip = bench->findChild<QPushButton *>(QStringLiteral("cancelKey"));
    ASSERT_TRUE(skip->isEnabled());
    QTest::mouseClick(skip, Qt::LeftButton);
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_EQ(bench->model()->result(skipped).outcome, core::JobStage::Cancelled);
    EXPECT_EQ(tone(skipped), Tone::Attention);
    EXPECT_EQ(bench->model()->count(Tone::Done), 1);

    // Retry is for failed keys; a cancelled one is started again with Provision all.
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 0));
    bench->provisionAll();
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_EQ(tone(skipped), Tone::Done);
}
