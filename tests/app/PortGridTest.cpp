// The bench as the hub (issue 11): a socket per port that keeps its number while keys come and go during a
// batch, a PIN-low key amber with its next step, "already provisioned" counted apart from done, and the grid
// filling the window at 1024×600 and 1920×1080.
#include "GuiFixture.h"

#include "BenchWidget.h"
#include "LiveText.h"
#include "PortGridView.h"
#include "TokenTileDelegate.h"
#include "TokenTileModel.h"

#include <QDir>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace ks;
using app::TokenTileModel;
using Tone = TokenTileModel::Tone;

namespace {

class PortGrid : public ks::test::GuiFixture
{
protected:
    TokenTileModel *model() const { return m_window->bench()->model(); }
    QVariant at(int row, int role) const { return model()->data(model()->index(row), role); }
};

} // namespace

TEST_F(PortGrid, PullingTheKeysInPorts1And3MidBatchMovesNoOtherTile)
{
    const int n = 16; // a 16-port hub
    setUpBench(n);
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 1500)); // the batch is still running when we pull
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(n));
    ASSERT_EQ(model()->rowCount(), n);
    QStringList serials, ports;
    for (int row = 0; row < n; ++row) {
        serials << model()->serialAt(row);
        ports << at(row, TokenTileModel::PortRole).toString();
        EXPECT_EQ(model()->keyNumber(serials.last()), row + 1);
    }

    auto *bench = m_window->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    ASSERT_TRUE(QTest::qWaitFor([&] { return model()->count(Tone::Busy) == n; }, 10000));
    // The window at the two sizes a bench has (a 1024×600 panel, a 1920×1080 monitor), mid-batch.
    for (const QSize size : { QSize(1920, 1080), QSize(1024, 600) }) {
        m_window->resize(size);
        QCoreApplication::processEvents();
        screenshot(m_window.get(), QStringLiteral("ports-window-%1x%2").arg(size.width()).arg(size.height()));
    }
    ASSERT_TRUE(m_hub->unplug(hub(serials.at(0))));
    ASSERT_TRUE(m_hub->unplug(hub(serials.at(2))));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return !at(0, TokenTileModel::PresentRole).toBool()
                && !at(2, TokenTileModel::PresentRole).toBool();
        },
        5000));
    screenshot(m_window.get(), QStringLiteral("ports-pulled-mid-batch"));
    ASSERT_TRUE(finished.wait(60000) || finished.count() == 1);

    // Same sockets, same numbers, same ports; the pulled keys show at their own ports.
    ASSERT_EQ(model()->rowCount(), n);
    for (int row = 0; row < n; ++row) {
        EXPECT_EQ(at(row, TokenTileModel::PortRole).toString(), ports.at(row)) << row;
        EXPECT_EQ(at(row, TokenTileModel::PortNumberRole).toInt(), row + 1) << row;
        if (row != 0 && row != 2) { // every other key: its port, its number, done
            EXPECT_EQ(model()->keyNumber(serials.at(row)), row + 1) << row;
            EXPECT_EQ(static_cast<Tone>(at(row, TokenTileModel::ToneRole).toInt()), Tone::Done) << row;
        }
    }
    for (int row : { 0, 2 }) {
        const auto tone = static_cast<Tone>(at(row, TokenTileModel::ToneRole).toInt());
        // Pulled mid-step: amber with "re-plug" (or already an empty socket, never another key's tile).
        EXPECT_TRUE(tone == Tone::Attention || tone == Tone::Empty) << row << " " << int(tone);
        EXPECT_NE(model()->serialAt(row), serials.at(row == 0 ? 1 : 3));
    }
    EXPECT_LE(model()->keyNumber(serials.at(0)), 1); // its old socket or none: never another number

    // Plugged back: the key returns to its port's socket.
    ASSERT_TRUE(m_hub->plug(hub(serials.at(0))));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return model()->rowOf(serials.at(0)) == 0 && at(0, TokenTileModel::PresentRole).toBool(); },
        5000));
    EXPECT_EQ(model()->keyNumber(serials.at(0)), 1);
    EXPECT_EQ(model()->keyNumber(serials.at(1)), 2);
    EXPECT_EQ(model()->keyNumber(serials.at(3)), 4);
    EXPECT_EQ(model()->keyNumber(serials.at(n - 1)), n);
    EXPECT_EQ(model()->rowCount(), n);
}

TEST_F(PortGrid, APinLowKeyIsAmberWithItsNextStepAndAlreadyProvisionedIsCountedApart)
{
    addKeysWithPin(1, "999999"); // not the profile's PIN: its first batch spends a try
    const QString low = m_serials.front();
    setUpBench(1);
    ASSERT_TRUE(m_hub->setPinTries(hub(low), 3));
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(2));
    const QString other = m_serials.last();
    auto *bench = m_window->bench();
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    ASSERT_TRUE(finished.wait(60000));
    const int lowRow = model()->rowOf(low);
    ASSERT_GE(lowRow, 0);
    EXPECT_EQ(static_cast<Tone>(at(lowRow, TokenTileModel::ToneRole).toInt()), Tone::Attention);
    EXPECT_EQ(at(lowRow, TokenTileModel::WordRole).toString(), QStringLiteral("CHECK"));
    EXPECT_EQ(model()->count(Tone::Done), 1);

    // Again: the key with a try spent is refused before another (PIN count low): amber, with what to do; the
    // done key already holds its certificate — its own state and count, not "done".
    finished.clear();
    bench->provisionAll();
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_EQ(at(lowRow, TokenTileModel::ErrorCodeRole).toString(), QStringLiteral("PinCountLow"));
    EXPECT_EQ(static_cast<Tone>(at(lowRow, TokenTileModel::ToneRole).toInt()), Tone::Attention);
    EXPECT_EQ(at(lowRow, TokenTileModel::NextStepRole).toString(),
              QStringLiteral("Give this key to the supervisor: PIN nearly locked"));
    const int doneRow = model()->rowOf(other);
    EXPECT_EQ(static_cast<Tone>(at(doneRow, TokenTileModel::ToneRole).toInt()), Tone::Already);
    EXPECT_EQ(at(doneRow, TokenTileModel::WordRole).toString(), QStringLiteral("ALREADY DONE"));
    EXPECT_EQ(model()->count(Tone::Done), 0);
    EXPECT_EQ(model()->count(Tone::Already), 1);
    auto *counts = bench->findChild<app::LiveText *>(QStringLiteral("counts"));
    ASSERT_NE(counts, nullptr);
    EXPECT_TRUE(counts->text().contains(QStringLiteral("0 done · 1 already provisioned")))
        << counts->text().toStdString();
    bench->view()->setCurrentIndex(model()->index(lowRow));
    screenshot(m_window.get(), QStringLiteral("ports-pin-low"));
}

// Sixteen ports, no fixture: the grid fills the window and the tiles grow with it.
TEST(PortGridView, SixteenPortsFillTheWindowAt1024x600And1920x1080)
{
    TokenTileModel model;
    for (int port = 1; port <= 16; ++port) {
        core::KeyInfo key;
        key.slot = static_cast<unsigned long>(port);
        key.port = QStringLiteral("KeyStation simulated hub port %1").arg(port);
        key.serial = QStringLiteral("KS%1").arg(port, 6, 10, QLatin1Char('0'));
        key.model = QStringLiteral("ePass2003");
        key.initialized = true;
        key.pinCountLow = port == 6;
        if (port != 12)
            model.addToken(key);
    }
    // A few states to look at.
    auto finish = [&](int port, core::JobStage outcome, core::JobError::Kind kind, bool already = false) {
        const QString serial = QStringLiteral("KS%1").arg(port, 6, 10, QLatin1Char('0'));
        model.setQueued(serial);
        core::JobResult r;
        r.serial = serial;
        r.outcome = outcome;
        r.error = kind;
        r.alreadyProvisioned = already;
        model.setFinished(r);
    };
    finish(1, core::JobStage::Done, core::JobError::Kind::None);
    finish(2, core::JobStage::Done, core::JobError::Kind::None);
    finish(3, core::JobStage::Failed, core::JobError::Kind::ReadBackMismatch);
    finish(4, core::JobStage::Failed, core::JobError::Kind::Timeout);
    finish(5, core::JobStage::Done, core::JobError::Kind::None, true);
    finish(7, core::JobStage::Cancelled, core::JobError::Kind::Cancelled);
    model.setQueued(QStringLiteral("KS000008"));
    model.setProgress(QStringLiteral("KS000008"), core::JobStage::GenerateKeyPair);
    model.setQueued(QStringLiteral("KS000009"));
    model.setProgress(QStringLiteral("KS000009"), core::JobStage::Enrol);
    model.setSkipping(QStringLiteral("KS000009"));
    model.setQueued(QStringLiteral("KS000010"));
    ASSERT_EQ(model.rowCount(), 15); // port 12 was never seen
    model.setLayout({}); // unchanged: the same order

    app::PortGridView view;
    view.setModel(&model);
    view.setCurrentIndex(model.index(2));
    QSize small;
    for (const QSize size :
         { QSize(1012, 320), QSize(1908, 800) }) { // the tile view in a 1024×600, 1920×1080 window
        view.resize(size);
        view.show();
        QCoreApplication::processEvents();
        const QRect viewport = view.viewport()->rect();
        // Every tile visible without scrolling, none overlapping the next.
        for (int row = 0; row < model.rowCount(); ++row) {
            const QRect r = view.visualRect(model.index(row));
            EXPECT_TRUE(viewport.contains(r)) << size.width() << " row " << row;
        }
        const QSize tile = view.gridSize();
        EXPECT_GE(tile.width(), app::PortGridView::minimumTileSize().width());
        EXPECT_GE(tile.height(), app::PortGridView::minimumTileSize().height());
        // The grid uses the window: no more than a column's or a row's worth left over.
        EXPECT_GT(tile.width() * ((viewport.width() + 1) / tile.width()), viewport.width() - tile.width());
        if (small.isEmpty())
            small = tile;
        QDir().mkpath(QStringLiteral(KS_SCREENSHOT_DIR));
        view.grab().save(
            QStringLiteral(KS_SCREENSHOT_DIR "/ports-grid-%1x%2.png").arg(size.width()).arg(size.height()));
    }
    EXPECT_GT(view.gridSize().width(), small.width()); // the tiles grew with the window
    EXPECT_GT(view.gridSize().height(), small.height());
}
