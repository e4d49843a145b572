// Lots on the bench against real keys, a real cfssl and a real journal: the lot picker (a manifest file, the
// journal's lots, "No lot"), a batch run through the GUI tagged with the lot, the banner's counts from the
// journal, amber tiles with one plain next step for keys the lot keeps out, the lot kept across log-out, and
// the batch log's lot view exporting the hand-over.
#include "GuiFixture.h"

#include "BenchWidget.h"
#include "LoginDialog.h"
#include "LotBanner.h"
#include "LotPickerDialog.h"
#include "StationApp.h"
#include "TokenTileDelegate.h"
#include "TokenTileModel.h"
#include "core/Journal.h"

#include "app/gui/log/BatchLogWidget.h"
#include "app/gui/log/LotView.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

using namespace ks;
using app::TokenTileModel;
using Tone = TokenTileModel::Tone;

class LotGui : public ks::test::GuiFixture
{
protected:
    QString writeManifest(const QString &id, int quantity, const QStringList &serials,
                          const QString &profile = QStringLiteral("test-station"))
    {
        const QString path = m_dir + QStringLiteral("/lot-%1.json").arg(id);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(
            QJsonDocument(QJsonObject { { QStringLiteral("id"), id },
                                        { QStringLiteral("profile"), profile },
                                        { QStringLiteral("quantity"), quantity },
                                        { QStringLiteral("customer"), QStringLiteral("Acme Industrial") },
                                        { QStringLiteral("model"), QStringLiteral("ePass2003") },
                                        { QStringLiteral("serials"), QJsonArray::fromStringList(serials) } })
                .toJson());
        return path;
    }

    // Opens the bench's picker and waits until it has read the journal's lots.
    app::LotPickerDialog *openPicker()
    {
        auto *bench = m_window->bench();
        bench->chooseLot();
        auto *picker = bench->lotPicker();
        EXPECT_NE(picker, nullptr);
        if (!picker)
            return nullptr;
        QSignalSpy loaded(picker, &app::LotPickerDialog::lotsLoaded);
        EXPECT_TRUE(loaded.wait(10000));
        return picker;
    }

    QVariant tileData(const QString &serial, int role)
    {
        auto *model = m_window->bench()->model();
        return model->data(model->index(model->rowOf(serial)), role);
    }

    // The colour painted near the tile's bottom right corner (inside the rounded edge, clear of the text).
    QColor tilePixel(const QString &serial)
    {
        auto *bench = m_window->bench();
        const QRect r = bench->view()->visualRect(bench->model()->index(bench->model()->rowOf(serial)));
        const QImage image = bench->view()->viewport()->grab().toImage();
        const qreal dpr = image.devicePixelRatio();
        return image.pixelColor(QPoint(int((r.right() - 12) * dpr), int((r.bottom() - 12) * dpr)));
    }
};

TEST_F(LotGui, ThePickerSetsTheLotAndABatchThroughTheGuiRunsUnderIt)
{
    setUpBench(3);
    const QString outside = m_serials.at(2);
    const QString manifest = writeManifest(
        QStringLiteral("WO-GUI-1"), 3, { m_serials.at(0), m_serials.at(1), QStringLiteral("FFFF00000001") });
    openWindow(core::Role::Operator);
    ASSERT_TRUE(waitForTiles(3));
    auto *bench = m_window->bench();
    EXPECT_FALSE(bench->lotBanner()->isVisible()); // no lot yet

    auto *picker = openPicker();
    ASSERT_NE(picker, nullptr);
    EXPECT_EQ(picker->listedLots(), 0);
    EXPECT_FALSE(picker->selectedLot()); // "No lot" until one is chosen
    // A lot made for another profile is shown but cannot be confirmed.
    ASSERT_TRUE(picker->loadFile(writeManifest(QStringLiteral("WO-OTHER"), 3, { m_serials.at(0) },
                                               QStringLiteral("another-profile"))));
    EXPECT_FALSE(picker->canConfirm());
    EXPECT_TRUE(picker->detailsText().contains(QStringLiteral("another-profile")));
    auto loaded = picker->loadFile(manifest);
    ASSERT_TRUE(loaded) << loaded.error().toString().toStdString();
    ASSERT_TRUE(picker->selectedLot());
    EXPECT_EQ(picker->selectedLot()->id, QStringLiteral("WO-GUI-1"));
    EXPECT_TRUE(picker->canConfirm());
    // What is about to be confirmed: id, customer, model and quantity.
    for (const char *s : { "WO-GUI-1", "Acme Industrial", "ePass2003", "3" })
        EXPECT_TRUE(picker->detailsText().contains(QLatin1String(s))) << s;
    screenshot(picker, QStringLiteral("lot-picker"));
    QSignalSpy chosen(bench, &app::BenchWidget::lotChosen);
    picker->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    ASSERT_EQ(chosen.count(), 1);
    ASSERT_TRUE(bench->lot());
    EXPECT_EQ(bench->lot()->id, QStringLiteral("WO-GUI-1"));
    EXPECT_TRUE(bench->lotBanner()->isVisible());
    EXPECT_TRUE(bench->lotBanner()->titleText().contains(QStringLiteral("WO-GUI-1")));

    QSignalSpy started(bench, &app::BenchWidget::batchStarted);
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    QTest::mouseClick(bench->findChild<QPushButton *>(QStringLiteral("provisionAll")), Qt::LeftButton);
    // The batch opens in the station's thread: its id comes back through the event loop.
    ASSERT_TRUE(started.count() == 1 || started.wait(10000)) << bench->summaryText().toStdString();
    ASSERT_EQ(started.count(), 1);
    ASSERT_TRUE(finished.wait(120000));
    const QString batchId = started.front().front().toString();
    auto lotOfBatch = m_station->journal()->lotOfBatch(batchId);
    ASSERT_TRUE(lotOfBatch) << lotOfBatch.error().toString().toStdString();
    EXPECT_EQ(*lotOfBatch, QStringLiteral("WO-GUI-1"));

    // The two keys of the lot are done; the third was refused before login, amber, with its next step.
    EXPECT_EQ(bench->model()->count(Tone::Done), 2);
    EXPECT_EQ(static_cast<Tone>(tileData(outside, TokenTileModel::ToneRole).toInt()), Tone::Attention);
    EXPECT_EQ(tileData(outside, TokenTileModel::ErrorCodeRole).toString(), QStringLiteral("NotInLot"));
    EXPECT_EQ(tileData(outside, TokenTileModel::NextStepRole).toString(),
              QStringLiteral("Not in this lot: set the key aside"));
    EXPECT_EQ(tilePixel(outside), app::TokenTileDelegate::fillColour(int(Tone::Attention)));
    EXPECT_EQ(tilePixel(m_serials.at(0)), app::TokenTileDelegate::fillColour(int(Tone::Done)));
    EXPECT_TRUE(certificatesOn(outside).isEmpty());

    // The banner's counts come from the journal, read off the GUI thread.
    auto *banner = bench->lotBanner();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return banner->countsText().contains(QStringLiteral("done 2 / 3")); }, 10000))
        << banner->countsText().toStdString();
    EXPECT_TRUE(banner->countsText().contains(QStringLiteral("refused 1")));
    EXPECT_TRUE(banner->countsText().contains(QStringLiteral("remaining 1")));
    EXPECT_TRUE(banner->countsText().contains(QStringLiteral("first-pass yield 100 %")));
    ASSERT_TRUE(banner->counts());
    EXPECT_EQ(banner->counts()->done, 2);
    screenshot(m_window.get(), QStringLiteral("bench-lot-banner"));
}

TEST_F(LotGui, ALotAtItsTargetKeepsTheNextKeyOutWithAPlainNextStep)
{
    setUpBench(2);
    ASSERT_TRUE(m_station->journal()->registerLot(
        *core::LotManifest::load(writeManifest(QStringLiteral("WO-CAP"), 1, m_serials)),
        QStringLiteral("admin")));
    openWindow(core::Role::Supervisor);
    ASSERT_TRUE(waitForTiles(2));
    auto *picker = openPicker();
    ASSERT_NE(picker, nullptr);
    EXPECT_EQ(picker->listedLots(), 1); // from the journal
    ASSERT_TRUE(picker->selectLot(QStringLiteral("WO-CAP")));
    picker->accept();
    auto *bench = m_window->bench();
    ASSERT_TRUE(bench->lot());
    QSignalSpy finished(bench, &app::BenchWidget::batchFinished);
    bench->provisionAll();
    ASSERT_TRUE(finished.wait(120000));
    EXPECT_EQ(bench->model()->count(Tone::Done), 1);
    EXPECT_EQ(bench->model()->count(Tone::Attention), 1);
    QString refused;
    for (const QString &s : std::as_const(m_serials))
        if (tileData(s, TokenTileModel::ErrorCodeRole).toString() == QStringLiteral("LotComplete"))
            refused = s;
    ASSERT_FALSE(refused.isEmpty());
    EXPECT_EQ(tileData(refused, TokenTileModel::NextStepRole).toString(),
              QStringLiteral("Lot complete: stop and see the supervisor"));
    EXPECT_EQ(tileData(refused, TokenTileModel::StageTextRole).toString(),
              QStringLiteral("Not enrolled (lot)"));
    EXPECT_EQ(tilePixel(refused), app::TokenTileDelegate::fillColour(int(Tone::Attention)));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return bench->lotBanner()->countsText().contains(QStringLiteral("Lot complete")); }, 10000))
        << bench->lotBanner()->countsText().toStdString();

    // "No lot" again: the next batch runs without one.
    picker = openPicker();
    ASSERT_NE(picker, nullptr);
    picker->selectNoLot();
    EXPECT_TRUE(picker->canConfirm());
    picker->accept();
    EXPECT_FALSE(bench->lot());
    EXPECT_FALSE(bench->lotBanner()->isVisible());

    // The supervisor's lot view lists it and writes the hand-over where it says.
    auto *log = qobject_cast<app::BatchLogWidget *>(m_window->batchLog());
    ASSERT_NE(log, nullptr);
    auto *view = log->lotView();
    QSignalSpy lots(view, &app::LotView::lotsLoaded);
    log->refresh();
    ASSERT_TRUE(lots.wait(10000));
    ASSERT_EQ(view->lotCount(), 1);
    ASSERT_TRUE(view->selectLot(QStringLiteral("WO-CAP")));
    QSignalSpy exported(view, &app::LotView::exportFinished);
    view->startExport(QStringLiteral("WO-CAP"), m_dir);
    ASSERT_TRUE(exported.wait(20000));
    ASSERT_TRUE(exported.last().at(0).toBool()) << exported.last().at(1).toString().toStdString();
    for (const QString &f : app::LotView::reportFiles(m_dir, QStringLiteral("WO-CAP"))) {
        EXPECT_GT(QFileInfo(f).size(), 0) << f.toStdString();
        EXPECT_TRUE(view->statusMessage().contains(f)) << view->statusMessage().toStdString();
    }
    QFile pem(app::LotView::reportFiles(m_dir, QStringLiteral("WO-CAP")).at(1));
    ASSERT_TRUE(pem.open(QIODevice::ReadOnly));
    EXPECT_EQ(pem.readAll().count("-----BEGIN CERTIFICATE-----"), 1);
}

TEST_F(LotGui, TheLotIsOfferedAfterLoginAndStaysChosenAcrossLogOut)
{
    setUpBench(1);
    ASSERT_TRUE(m_station->journal()->registerLot(
        *core::LotManifest::load(writeManifest(QStringLiteral("WO-SHIFT"), 5, m_serials)),
        QStringLiteral("admin")));
    m_station.reset(); // one PKCS#11 context per module per process: the program makes its own
    QFile login(m_dir + QStringLiteral("/login"));
    ASSERT_TRUE(login.open(QIODevice::WriteOnly));
    ASSERT_TRUE(login.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    login.write("admin\ncorrect horse battery\n");
    login.close();

    app::StationApp::Options options;
    options.settingsFile = m_dir + QStringLiteral("/keystation.ini");
    options.profilePath = m_profilePath;
    options.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
    options.journalPath = m_dir + QStringLiteral("/journal.sqlite");
    options.autoLoginFile = login.fileName();
    app::StationApp program(options);
    ASSERT_TRUE(program.start());
    ASSERT_TRUE(QTest::qWaitFor([&] { return program.mainWindow() != nullptr; }, 10000));
    auto *bench = program.mainWindow()->bench();
    ASSERT_NE(bench, nullptr);
    // The journal holds a lot and none is chosen: the picker opens by itself.
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return bench->lotPicker() && bench->lotPicker()->isVisible(); }, 10000));
    auto *picker = bench->lotPicker();
    ASSERT_TRUE(QTest::qWaitFor([&] { return picker->listedLots() == 1; }, 10000));
    ASSERT_TRUE(picker->selectLot(QStringLiteral("WO-SHIFT")));
    picker->accept();
    ASSERT_TRUE(program.lot());
    EXPECT_EQ(program.lot()->id, QStringLiteral("WO-SHIFT"));

    program.mainWindow()->logOut();
    ASSERT_TRUE(QTest::qWaitFor([&] { return program.mainWindow() == nullptr; }, 5000));
    app::LoginDialog *dialog = nullptr;
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            for (auto *w : QApplication::topLevelWidgets())
                if (auto *d = qobject_cast<app::LoginDialog *>(w); d && d->isVisible())
                    dialog = d;
            return dialog != nullptr;
        },
        5000));
    dialog->submit(QStringLiteral("admin"), QStringLiteral("correct horse battery"));
    ASSERT_TRUE(QTest::qWaitFor([&] { return program.mainWindow() != nullptr; }, 10000));
    bench = program.mainWindow()->bench();
    ASSERT_TRUE(bench->lot());
    EXPECT_EQ(bench->lot()->id, QStringLiteral("WO-SHIFT"));
    EXPECT_TRUE(bench->lotBanner()->titleText().contains(QStringLiteral("WO-SHIFT")));
    EXPECT_FALSE(bench->lotPicker()); // the lot is chosen: no picker is offered (decided at log-in)
}

// The tile model alone: each code of a key the lot kept out is amber with its one next step; a real failure
// (one a retry can mend) stays red, with its own next step.
TEST(LotTiles, EachLotRefusalIsAmberWithItsNextStep)
{
    const std::pair<const char *, const char *> cases[] = {
        { "NotInLot", "Not in this lot: set the key aside" },
        { "AlreadyInLot", "Already done in this lot: set the key aside" },
        { "LotComplete", "Lot complete: stop and see the supervisor" },
        // A key the CA was away for, not (or no longer) among those the station retries by itself, and a TLS
        // failure: the connection is to be checked (the waiting case is below).
        { "CaNetwork", "Check the CA connection, then retry the key" },
        { "CaTls", "Check the CA connection, then retry the key" },
    };
    const auto oneKey = [](TokenTileModel &m) {
        core::KeyInfo token;
        token.slot = 1;
        token.port = QStringLiteral("Reader 1");
        token.serial = QStringLiteral("A1");
        token.initialized = true;
        m.addToken(token);
        m.setQueued(token.serial);
        return token;
    };
    for (const auto &[code, next] : cases) {
        TokenTileModel m;
        const core::KeyInfo token = oneKey(m);
        core::JobResult r;
        r.serial = token.serial;
        r.outcome = core::JobStage::Failed;
        r.failedAt = core::JobStage::Login;
        r.error = core::JobError::fromName(QLatin1String(code));
        r.errorMessage = QStringLiteral("Key A1: the engine's message");
        m.setFinished(r);
        const bool refused = r.error.isLotRefusal();
        EXPECT_EQ(static_cast<Tone>(m.data(m.index(0), TokenTileModel::ToneRole).toInt()),
                  refused ? Tone::Attention : Tone::Failed)
            << code;
        EXPECT_EQ(m.data(m.index(0), TokenTileModel::NextStepRole).toString(), QString::fromUtf8(next))
            << code;
        EXPECT_EQ(m.data(m.index(0), TokenTileModel::StageTextRole).toString(),
                  refused ? QStringLiteral("Not enrolled (lot)") : QStringLiteral("Failed"))
            << code;
        EXPECT_EQ(m.data(m.index(0), TokenTileModel::ErrorTextRole).toString(), r.errorMessage) << code;
        EXPECT_EQ(m.count(Tone::Attention), refused ? 1 : 0) << code;
    }
    // A key the station will retry by itself when the CA answers (core::CaStatus::keysWaiting) says so, and
    // stops saying so once it is no longer among them.
    TokenTileModel m;
    const core::KeyInfo token = oneKey(m);
    core::JobResult r;
    r.serial = token.serial;
    r.outcome = core::JobStage::Failed;
    r.failedAt = core::JobStage::Enrol;
    r.error = core::JobError::fromName(QStringLiteral("CaNetwork"));
    ASSERT_TRUE(core::Station::isCaAway(r.error));
    m.setFinished(r);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.setKeysWaitingForCa({ token.serial });
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::NextStepRole).toString(),
              QStringLiteral("Leave the key in: it goes again by itself when the CA answers"));
    m.setKeysWaitingForCa({});
    EXPECT_EQ(changed.count(), 2);
    EXPECT_EQ(m.data(m.index(0), TokenTileModel::NextStepRole).toString(),
              QStringLiteral("Check the CA connection, then retry the key"));
}
