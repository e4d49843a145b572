// The bench's flow (issue 11 items 5 and 6): the batch bar reaches total/total; the end of a batch is a
// banner, never a dialog, and says so when no key was new; Skip says "Skipping…" at once and ends Skipped;
// Retry after the batch runs that key only; the actions need a selection; shortcuts; the lock page shows the
// batch.
#include "GuiFixture.h"

#include "BatchBanner.h"
#include "BatchProgress.h"
#include "BenchWidget.h"
#include "JobDetailsDialog.h"
#include "TokenTileModel.h"

#include "core/Station.h"

#include <QApplication>
#include <QLabel>
#include <QListView>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace ks;
using app::TokenTileModel;

class BenchFlow : public ks::test::GuiFixture
{
protected:
    app::BenchWidget *bench() { return m_window->bench(); }
    QPushButton *button(const char *name) { return bench()->findChild<QPushButton *>(QLatin1String(name)); }
    void select(const QString &serial)
    {
        bench()->view()->setCurrentIndex(bench()->model()->index(bench()->model()->rowOf(serial)));
    }
    QVariant tileData(const QString &serial, int role)
    {
        auto *model = bench()->model();
        return model->data(model->index(model->rowOf(serial)), role);
    }
};

TEST_F(BenchFlow, ABatchEndsWithABannerNotADialogAndSaysWhenNoKeyWasNew)
{
    setUpBench(2);
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(2));
    auto *bench = this->bench();
    bench->setSummaryDialogEnabled(true); // the setting's default (the fixture turns it off)
    auto *bar = bench->progress()->bar();
    EXPECT_FALSE(bench->batchStatus().started);

    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    EXPECT_TRUE(bench->batchStatus().running);
    EXPECT_FALSE(bench->banner()->isVisible()); // no banner while the batch runs
    ASSERT_TRUE(finished.wait(120000));
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr);
    EXPECT_TRUE(bench->findChildren<QDialog *>().isEmpty());
    EXPECT_TRUE(bench->banner()->isVisible());
    EXPECT_EQ(bench->banner()->tone(), app::BatchBanner::Tone::Good);
    EXPECT_TRUE(bench->summaryText().contains(QStringLiteral("2 done")))
        << bench->summaryText().toStdString();
    const app::BatchStatus status = bench->batchStatus();
    EXPECT_FALSE(status.running);
    EXPECT_EQ(status.total, 2);
    EXPECT_EQ(status.done, 2);
    EXPECT_EQ(bar->maximum(), 2);
    EXPECT_EQ(bar->value(), 2);
    EXPECT_EQ(bar->text(), QStringLiteral("2 / 2 keys"));
    EXPECT_TRUE(app::BatchProgressWidget::etaText(status).isEmpty()); // no time left when nothing runs
    m_window->resize(1920, 1080);
    QTest::qWait(50);
    screenshot(m_window.get(), QStringLiteral("benchflow-banner-1920x1080"));

    // The same keys again: nothing new; the banner asks whether the hub was swapped.
    bench->provisionAll();
    EXPECT_FALSE(bench->banner()->isVisible()); // the next batch clears it
    ASSERT_TRUE(finished.wait(120000));
    EXPECT_EQ(QApplication::activeModalWidget(), nullptr);
    EXPECT_TRUE(bench->banner()->isVisible());
    EXPECT_EQ(bench->banner()->tone(), app::BatchBanner::Tone::Attention);
    EXPECT_TRUE(bench->summaryText().contains(QStringLiteral("No key was new")))
        << bench->summaryText().toStdString();
    EXPECT_EQ(bench->batchStatus().already, 2);
    EXPECT_EQ(bar->value(), 2);
    m_window->resize(1024, 600);
    QTest::qWait(50);
    screenshot(m_window.get(), QStringLiteral("benchflow-nothing-new-1024x600"));

    // The banner's close button hides it.
    QTest::mouseClick(bench->banner()->findChild<QWidget *>(QStringLiteral("batchBannerClose")),
                      Qt::LeftButton);
    EXPECT_FALSE(bench->banner()->isVisible());
}

TEST_F(BenchFlow, SkipSaysSkippingAtOnceAndEndsSkipped)
{
    setUpBench(2);
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 1500));
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(2));
    auto *bench = this->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return bench->model()->count(TokenTileModel::Tone::Busy) == 2; }, 10000));
    const QString skipped = m_serials.front();
    select(skipped);
    auto *skip = button("cancelKey");
    ASSERT_TRUE(skip->isEnabled());
    QTest::mouseClick(skip, Qt::LeftButton);
    // At once, before the station answers.
    EXPECT_TRUE(tileData(skipped, TokenTileModel::SkippingRole).toBool());
    EXPECT_EQ(tileData(skipped, TokenTileModel::WordRole).toString(), QStringLiteral("SKIPPING…"));
    EXPECT_FALSE(skip->isEnabled()); // asked once
    screenshot(m_window.get(), QStringLiteral("benchflow-skipping"));
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_EQ(bench->model()->result(skipped).outcome, core::JobStage::Cancelled);
    EXPECT_FALSE(tileData(skipped, TokenTileModel::SkippingRole).toBool());
    EXPECT_EQ(tileData(skipped, TokenTileModel::WordRole).toString(), QStringLiteral("SKIPPED"));
    const app::BatchStatus status = bench->batchStatus();
    EXPECT_EQ(status.skipped, 1);
    EXPECT_EQ(status.done, 1);
    EXPECT_EQ(bench->progress()->bar()->value(), 2); // skipped counts as finished
}

TEST_F(BenchFlow, RetryAfterTheBatchRunsTheFailedKeyOnly)
{
    addKeysWithPin(1, "999999"); // not the profile's transport PIN: fails at login
    const QString odd = m_serials.front();
    setUpBench(2);
    ASSERT_TRUE(m_hub->setPinTries(hub(odd), 10));
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(3));
    auto *bench = this->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    ASSERT_TRUE(finished.wait(120000));
    ASSERT_FALSE(bench->model()->result(odd).ok());
    const QString good = m_serials.last();
    ASSERT_TRUE(bench->model()->result(good).ok());

    select(odd);
    auto *retry = button("retryKey");
    ASSERT_TRUE(retry->isEnabled());
    QSignalSpy queued(m_station.get(), &core::Station::keyQueued);
    QTest::mouseClick(retry, Qt::LeftButton);
    ASSERT_TRUE(finished.wait(120000));
    ASSERT_EQ(queued.count(), 1);
    EXPECT_EQ(queued.front().front().toString(), odd);
    const auto summary = finished.last().front().value<core::BatchSummary>();
    EXPECT_EQ(summary.done + summary.failed + summary.cancelled, 1);
    EXPECT_EQ(bench->batchStatus().total, 1);
    // The other keys keep their results from the first batch.
    EXPECT_TRUE(bench->model()->hasResult(good));
    EXPECT_TRUE(bench->model()->result(good).ok());
}

TEST_F(BenchFlow, ActionsNeedASelectionAndHaveShortcuts)
{
    setUpBench(2);
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(2));
    auto *bench = this->bench();
    auto *selection = bench->findChild<QLabel *>(QStringLiteral("selection"));
    ASSERT_NE(selection, nullptr);
    bench->view()->setCurrentIndex({});
    EXPECT_FALSE(button("retryKey")->isEnabled());
    EXPECT_FALSE(button("cancelKey")->isEnabled());
    EXPECT_FALSE(button("detailsKey")->isEnabled());
    EXPECT_TRUE(selection->text().contains(QStringLiteral("No port selected")));
    // Shortcuts are on the buttons and in their tooltips.
    EXPECT_EQ(button("provisionAll")->shortcut(), QKeySequence(Qt::Key_F5));
    EXPECT_TRUE(
        button("provisionAll")->text().contains(QKeySequence(Qt::Key_F5).toString(QKeySequence::NativeText)));
    EXPECT_TRUE(button("retryKey")
                    ->toolTip()
                    .contains(QKeySequence(Qt::CTRL | Qt::Key_R).toString(QKeySequence::NativeText)));

    m_window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(m_window.get()));
    QSignalSpy started(bench, &app::BenchWidget::batchStarted);
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    QTest::keyClick(m_window.get(), Qt::Key_F5);
    ASSERT_TRUE(started.count() == 1 || started.wait(10000));
    ASSERT_TRUE(finished.wait(120000));

    const QString serial = m_serials.front();
    select(serial);
    EXPECT_EQ(selection->text(), QStringLiteral("Port %1 selected").arg(bench->model()->keyNumber(serial)));
    EXPECT_TRUE(button("detailsKey")->isEnabled());
    EXPECT_FALSE(button("retryKey")->isEnabled()); // done: nothing to retry
    // A button's shortcut clicks it "animated", a moment later.
    QSignalSpy clicked(button("detailsKey"), &QPushButton::clicked);
    QTest::keyClick(m_window.get(), Qt::Key_I, Qt::ControlModifier);
    ASSERT_TRUE(clicked.count() == 1 || clicked.wait(5000));
    auto *details = m_window->findChild<app::JobDetailsDialog *>();
    ASSERT_NE(details, nullptr);
    // While the dialog is open, the bench's shortcuts do not fire.
    ASSERT_TRUE(QTest::qWaitForWindowActive(details));
    QSignalSpy provisionClicked(button("provisionAll"), &QPushButton::clicked);
    QTest::keyClick(details, Qt::Key_F5);
    EXPECT_FALSE(button("provisionAll")->isDown()); // a shortcut presses the button at once (animateClick)
    QTest::qWait(300);
    EXPECT_EQ(provisionClicked.count(), 0);
    EXPECT_EQ(started.count(), 1);
    details->close();
}

TEST_F(BenchFlow, TheLockPageShowsTheRunningBatch)
{
    addKeysWithPin(1, "999999"); // fails at login: a port that needs a person
    const QString odd = m_serials.front();
    setUpBench(1);
    ASSERT_TRUE(m_hub->setPinTries(hub(odd), 10));
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 500));
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(2));
    auto *bench = this->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    m_window->lock();
    ASSERT_TRUE(m_window->isLocked());
    auto *lockPage = m_window->findChild<QWidget *>(QStringLiteral("lockPage"));
    ASSERT_NE(lockPage, nullptr);
    auto *progress = lockPage->findChild<app::BatchProgressWidget *>(QStringLiteral("lockProgress"));
    ASSERT_NE(progress, nullptr);
    EXPECT_TRUE(progress->isVisible());
    EXPECT_FALSE(bench->isVisible()); // the bench (and its shortcuts) is behind the lock
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_EQ(progress->bar()->maximum(), 2);
    EXPECT_EQ(progress->bar()->value(), 2);
    EXPECT_TRUE(progress->text().contains(QStringLiteral("1 new"))) << progress->text().toStdString();
    EXPECT_TRUE(progress->text().contains(QStringLiteral("1 failed"))) << progress->text().toStdString();
    auto *needPerson = lockPage->findChild<QLabel *>(QStringLiteral("lockNeedPerson"));
    ASSERT_NE(needPerson, nullptr);
    const QString port = QStringLiteral("Port %1:").arg(bench->model()->keyNumber(odd));
    EXPECT_TRUE(needPerson->text().contains(port)) << needPerson->text().toStdString();
    screenshot(m_window.get(), QStringLiteral("benchflow-lock-page"));
}

TEST(BatchTracker, EstimatesOnlyOnceAKeyWasProvisionedAndCountsARetriedKeyAsToGo)
{
    app::BatchTracker tracker;
    tracker.start();
    tracker.queued(QStringLiteral("A"));
    tracker.queued(QStringLiteral("B"));
    tracker.queued(QStringLiteral("C"));
    app::BatchStatus s = tracker.status();
    EXPECT_TRUE(s.running);
    EXPECT_EQ(s.total, 3);
    EXPECT_EQ(s.etaMs, -1);
    EXPECT_EQ(app::BatchProgressWidget::etaText(s), QStringLiteral("estimating…"));

    // A key that failed at once sets no pace: still estimating.
    core::JobResult failed;
    failed.serial = QStringLiteral("B");
    failed.outcome = core::JobStage::Failed;
    tracker.finished(failed);
    s = tracker.status();
    EXPECT_EQ(s.etaMs, -1);
    EXPECT_EQ(app::BatchProgressWidget::etaText(s), QStringLiteral("estimating…"));
    core::JobResult done;
    done.serial = QStringLiteral("A");
    done.outcome = core::JobStage::Done;
    tracker.finished(done);
    s = tracker.status();
    EXPECT_EQ(s.finished(), 2);
    EXPECT_EQ(s.failed, 1);
    EXPECT_GE(s.etaMs, 0); // the provisioned key's pace for the one to go
    EXPECT_NE(app::BatchProgressWidget::etaText(s), QStringLiteral("estimating…"));

    tracker.queued(QStringLiteral("B")); // Retry: B goes again
    s = tracker.status();
    EXPECT_EQ(s.total, 3);
    EXPECT_EQ(s.finished(), 1);
    EXPECT_EQ(s.failed, 0);

    tracker.end();
    s = tracker.status();
    EXPECT_FALSE(s.running);
    EXPECT_EQ(s.etaMs, -1);
    EXPECT_TRUE(app::BatchProgressWidget::etaText(s).isEmpty());
}
