// Live truths on the bench (issue 11 item 4): the CA status in the header is checked live (red when the CA
// stops, green when it returns), a key that failed only because the CA was away is retried by itself when it
// returns (its batch waiting for it), and a bench opened during a running continuous batch (log out, log in)
// shows that batch.
#include "GuiFixture.h"

#include "BenchWidget.h"
#include "EstServerProcess.h"
#include "TokenTileModel.h"
#include "core/Journal.h"

#include <QCheckBox>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>

using namespace ks;
using app::TokenTileModel;
using Tone = TokenTileModel::Tone;

class CaLive : public ks::test::GuiFixture
{
protected:
    QLabel *caLabel() const { return m_window->bench()->findChild<QLabel *>(QStringLiteral("caStatus")); }
    bool caShownUp() const { return caLabel()->property("caUp").toBool(); }
    Tone tone(const QString &serial) const
    {
        auto *model = m_window->bench()->model();
        return static_cast<Tone>(
            model->data(model->index(model->rowOf(serial)), TokenTileModel::ToneRole).toInt());
    }
    bool hasTile(const QString &serial) const { return m_window->bench()->model()->rowOf(serial) >= 0; }
    // cfssl again on the port the profile names (the CA back where it was).
    bool startCfsslOn(quint16 port)
    {
        test::CfsslServer::Options options;
        options.caCertPath = m_pki->caCertPath();
        options.caKeyPath = m_pki->caKeyPath();
        options.tlsCertPath = m_pki->serverCertPath();
        options.tlsKeyPath = m_pki->serverKeyPath();
        options.port = port;
        return m_cfssl->start(options);
    }
};

TEST_F(CaLive, StatusTurnsRedWhenTheCaStopsAndGreenWhenItReturnsAndTheKeyIsRetriedByItself)
{
    setUpBench(1);
    const QString serial = m_serials.first();
    openWindow(core::Role::Operator);
    auto *bench = m_window->bench();
    ASSERT_TRUE(QTest::qWaitFor([&] { return hasTile(serial); }, 5000));
    m_station->startCaMonitor(500, 100);
    ASSERT_TRUE(QTest::qWaitFor([&] { return caShownUp(); }, 10000));
    EXPECT_TRUE(caLabel()->text().contains(QStringLiteral("CA: connected")))
        << caLabel()->text().toStdString();

    // The CA stops: the header turns red, in plain words, with the technical detail one click away.
    const quint16 port = m_cfssl->port();
    m_cfssl->stop();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return m_station->caStatus().state == core::CaStatus::State::Down && !caShownUp(); }, 10000));
    const QString place = QStringLiteral("127.0.0.1:%1").arg(port);
    EXPECT_TRUE(caLabel()->text().contains(QStringLiteral("The CA at %1 does not answer").arg(place)))
        << caLabel()->text().toStdString();
    EXPECT_TRUE(bench->caDetail().contains(QStringLiteral("[Network]"))) << bench->caDetail().toStdString();
    Q_EMIT caLabel()->linkActivated(QStringLiteral("#ca-details"));
    auto *details = bench->findChild<QMessageBox *>(QStringLiteral("caDetails"));
    ASSERT_NE(details, nullptr);
    EXPECT_TRUE(details->isVisible());
    EXPECT_FALSE(details->isModal()); // the bench goes on while someone reads it
    EXPECT_TRUE(details->text().contains(m_cfssl->baseUrl().toString())) << details->text().toStdString();
    details->close();
    m_window->resize(1920, 1080);
    screenshot(m_window.get(), QStringLiteral("ca-down-1920x1080"));
    m_window->resize(1024, 600);
    screenshot(m_window.get(), QStringLiteral("ca-down-1024x600"));

    // A key provisioned meanwhile fails because the CA is away...
    QSignalSpy queued(m_station.get(), &core::Station::keyQueued);
    QSignalSpy retried(m_station.get(), &core::Station::keyAutoRetried);
    QSignalSpy batchDone(m_station.get(), &core::Station::batchFinished);
    bench->provisionAll(); // an ordinary batch: it stays open while the key waits for the CA
    ASSERT_TRUE(QTest::qWaitFor([&] { return bench->model()->hasResult(serial); }, 60000));
    const core::JobResult failed = bench->model()->result(serial);
    EXPECT_EQ(failed.outcome, core::JobStage::Failed);
    EXPECT_EQ(failed.errorCode(), QStringLiteral("CaNetwork")) << failed.errorMessage.toStdString();
    EXPECT_TRUE(core::Station::isCaAway(failed.error));
    EXPECT_EQ(retried.count(), 0);
    // The header says why the batch has not ended, and that nobody needs to act.
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return m_station->caStatus().keysWaiting == QStringList { serial }; }, 10000));
    QCoreApplication::processEvents();
    EXPECT_TRUE(caLabel()->text().contains(QStringLiteral("1 key(s) will go again by themselves")))
        << caLabel()->text().toStdString();
    screenshot(m_window.get(), QStringLiteral("ca-down-key-waiting-1024x600"));
    QCoreApplication::processEvents();
    EXPECT_TRUE(m_station->isBatchActive());
    EXPECT_EQ(batchDone.count(), 0);

    // ...and when it returns, the header turns green and the key goes again by itself and ends Done.
    ASSERT_TRUE(startCfsslOn(port)) << m_cfssl->errorString().toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return caShownUp(); }, 10000));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return bench->model()->hasResult(serial) && bench->model()->result(serial).ok(); }, 60000));
    EXPECT_EQ(tone(serial), Tone::Done);
    EXPECT_TRUE(m_station->caStatus().keysWaiting.isEmpty());
    ASSERT_EQ(retried.count(), 1);
    EXPECT_EQ(retried.at(0).at(0).toString(), serial);
    EXPECT_EQ(retried.at(0).at(1).toInt(), 1);
    EXPECT_EQ(queued.count(), 2); // the tile went back to work: queued again, a normal attempt

    // The batch then ends by itself, the key counted once, as done.
    ASSERT_TRUE(QTest::qWaitFor([&] { return batchDone.count() == 1; }, 30000));
    const auto summary = batchDone.at(0).at(0).value<core::BatchSummary>();
    EXPECT_EQ(summary.done, 1);
    EXPECT_EQ(summary.failed, 0);
    core::AttemptFilter filter;
    filter.serialContains = serial;
    auto attempts = m_station->journal()->attempts(m_session, filter);
    ASSERT_TRUE(attempts);
    QStringList states;
    for (const auto &a : *attempts)
        states << a.state;
    states.sort();
    EXPECT_EQ(states, (QStringList { QStringLiteral("done"), QStringLiteral("failed") }))
        << states.join(u',').toStdString();
}

TEST_F(CaLive, ABatchWaitingForTheCaEndsWithCancelAll)
{
    setUpBench(1);
    const QString serial = m_serials.first();
    openWindow(core::Role::Operator);
    auto *bench = m_window->bench();
    ASSERT_TRUE(QTest::qWaitFor([&] { return hasTile(serial); }, 5000));
    m_station->startCaMonitor(60000, 60000);
    ASSERT_TRUE(QTest::qWaitFor([&] { return caShownUp(); }, 10000));
    m_cfssl->stop();
    QSignalSpy batchDone(m_station.get(), &core::Station::batchFinished);
    bench->provisionAll();
    ASSERT_TRUE(QTest::qWaitFor([&] { return bench->model()->hasResult(serial) && !caShownUp(); }, 60000));
    EXPECT_EQ(bench->model()->result(serial).errorCode(), QStringLiteral("CaNetwork"));
    QCoreApplication::processEvents();
    EXPECT_EQ(batchDone.count(), 0); // waiting for the CA

    // The operator does not wait: Cancel all ends the batch, the key counted as failed.
    m_station->cancelBatch();
    ASSERT_TRUE(QTest::qWaitFor([&] { return batchDone.count() == 1; }, 30000));
    const auto summary = batchDone.at(0).at(0).value<core::BatchSummary>();
    EXPECT_EQ(summary.failed, 1);
    EXPECT_EQ(summary.done, 0);
    EXPECT_FALSE(m_station->isBatchActive());
}

TEST_F(CaLive, LoggingBackInDuringAContinuousBatchShowsTheRunningBatch)
{
    setUpBench(2);
    const QString fast = m_serials.at(0);
    const QString slow = m_serials.at(1);
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 4000, hub(slow)));
    openWindow(core::Role::Operator);
    ASSERT_TRUE(QTest::qWaitFor([&] { return hasTile(fast) && hasTile(slow); }, 5000));
    m_station->startCaMonitor(60000, 60000);
    ASSERT_TRUE(QTest::qWaitFor([&] { return caShownUp(); }, 10000));
    auto *bench = m_window->bench();
    bench->findChild<QCheckBox *>(QStringLiteral("continuous"))->setChecked(true);
    bench->provisionAll();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return bench->model()->hasResult(fast) && tone(slow) == Tone::Busy; }, 60000));
    ASSERT_TRUE(m_station->isBatchActive());

    // Log out (the window goes) and the same person logs in again: a new window and bench.
    const core::OperatorSession session = m_window->session();
    m_window.reset();
    app::GuiSettings settings;
    settings.sounds = false;
    settings.speech = false;
    settings.summaryDialog = false;
    settings.idleLockMinutes = 0;
    m_window = std::make_unique<app::MainWindow>(m_station.get(), session, settings, nullptr);
    m_window->resize(1024, 600);
    m_window->show();
    auto *model = m_window->bench()->model();
    // At once, before any new word from the station: the finished key's result, the running key's step,
    // and the CA status as last checked.
    ASSERT_TRUE(hasTile(fast));
    ASSERT_TRUE(hasTile(slow));
    EXPECT_TRUE(model->hasResult(fast));
    EXPECT_TRUE(model->result(fast).ok());
    EXPECT_EQ(tone(fast), Tone::Done);
    EXPECT_EQ(tone(slow), Tone::Busy);
    EXPECT_GE(model->data(model->index(model->rowOf(slow)), TokenTileModel::StageRole).toInt(), 0);
    EXPECT_TRUE(caShownUp());
    screenshot(m_window.get(), QStringLiteral("bench-after-login-1024x600"));

    // The new bench follows the batch on.
    ASSERT_TRUE(QTest::qWaitFor([&] { return model->hasResult(slow); }, 60000));
    EXPECT_TRUE(model->result(slow).ok()) << model->result(slow).errorMessage.toStdString();
    QSignalSpy batchDone(m_station.get(), &core::Station::batchFinished);
    m_station->cancelBatch();
    ASSERT_TRUE(batchDone.wait(30000));
}

// The automatic retries are bounded: a CA that answers the station's check but cuts every enrolment short
// (an EST server whose /simpleenroll answer is truncated) gets the key kMaxCaRetries more tries, no more. The
// batch then ends, the key counted once as failed, and its tile stops promising a retry by itself and says
// what to do.
TEST_F(CaLive, AKeyGoesAgainByItselfAtMostTwiceThenTheTileSaysWhatToDo)
{
    setUpBench(1);
    const QString serial = m_serials.first();
    test::EstServerProcess est(*m_pki);
    ASSERT_TRUE(est.start()) << est.errorString().toStdString();
    ASSERT_TRUE(est.setMode(QStringLiteral("truncated"))); // /cacerts (the station's check) stays good
    ASSERT_TRUE(
        startStation({ { QStringLiteral("ca"),
                         QJsonObject { { QStringLiteral("protocol"), QStringLiteral("est") },
                                       { QStringLiteral("url"), est.baseUrl().toString() },
                                       { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } } } }));
    openWindow(core::Role::Operator);
    auto *bench = m_window->bench();
    auto *model = bench->model();
    ASSERT_TRUE(QTest::qWaitFor([&] { return hasTile(serial); }, 5000));
    QSignalSpy retried(m_station.get(), &core::Station::keyAutoRetried);
    QSignalSpy finished(m_station.get(), &core::Station::keyFinished);
    QSignalSpy batchDone(m_station.get(), &core::Station::batchFinished);
    m_station->startCaMonitor(60000, 100);
    ASSERT_TRUE(QTest::qWaitFor([&] { return caShownUp(); }, 10000));
    const auto nextStep = [&] {
        return model->data(model->index(model->rowOf(serial)), TokenTileModel::NextStepRole).toString();
    };
    // While the key will go again by itself, its tile says so (checked whenever a failed attempt is shown).
    QStringList whileWaiting;
    QObject::connect(model, &QAbstractItemModel::dataChanged, m_window.get(), [&] {
        if (model->hasResult(serial) && m_station->caStatus().keysWaiting.contains(serial))
            whileWaiting << nextStep();
    });
    bench->provisionAll();
    ASSERT_TRUE(QTest::qWaitFor([&] { return batchDone.count() == 1; }, 120000));

    ASSERT_EQ(retried.count(), core::Station::kMaxCaRetries);
    for (int i = 0; i < retried.count(); ++i) {
        EXPECT_EQ(retried.at(i).at(0).toString(), serial);
        EXPECT_EQ(retried.at(i).at(1).toInt(), i + 1);
    }
    ASSERT_EQ(finished.count(), 1 + core::Station::kMaxCaRetries); // the first try and two more, no fourth
    for (const auto &args : std::as_const(finished)) {
        const auto result = args.at(0).value<core::JobResult>();
        EXPECT_EQ(result.outcome, core::JobStage::Failed);
        EXPECT_TRUE(core::Station::isCaAway(result.error)) << result.errorCode().toStdString();
    }
    const auto summary = batchDone.at(0).at(0).value<core::BatchSummary>();
    EXPECT_EQ(summary.failed, 1);
    EXPECT_EQ(summary.done, 0);
    // The CA issued a certificate each time but the answer never arrived whole: nothing reached the key.
    EXPECT_EQ(est.issuedCount(), 1 + core::Station::kMaxCaRetries);
    EXPECT_TRUE(certificatesOn(serial).empty());
    EXPECT_TRUE(m_station->caStatus().keysWaiting.isEmpty());
    core::AttemptFilter filter;
    filter.serialContains = serial;
    auto attempts = m_station->journal()->attempts(m_session, filter);
    ASSERT_TRUE(attempts);
    EXPECT_EQ(attempts->size(), 1 + core::Station::kMaxCaRetries);
    for (const auto &a : *attempts)
        EXPECT_EQ(a.state, QStringLiteral("failed"));

    ASSERT_FALSE(whileWaiting.isEmpty());
    for (const QString &text : std::as_const(whileWaiting))
        EXPECT_EQ(text, QStringLiteral("Leave the key in: it goes again by itself when the CA answers"));
    // The retries used up: no promise any more, the error's own next step (try again or call someone).
    QCoreApplication::processEvents();
    EXPECT_EQ(nextStep(), bench->model()->result(serial).error.nextStep());
    EXPECT_FALSE(nextStep().contains(QStringLiteral("by itself"))) << nextStep().toStdString();
    EXPECT_FALSE(nextStep().isEmpty());
}

// Only a CA that was away makes a key go again by itself: never a refusal or a certificate the check refused.
TEST(CaAway, OnlyTheCaBeingAwayCounts)
{
    using Code = ca::CaError::Code;
    const auto caError = [](Code code, int httpStatus = 0) {
        ca::CaError e = ca::CaError::make(code, QStringLiteral("cfssl/sign"), QStringLiteral("x"));
        e.httpStatus = httpStatus;
        return e;
    };
    EXPECT_TRUE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::Network))));
    EXPECT_TRUE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::Timeout))));
    EXPECT_TRUE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::Truncated))));
    EXPECT_TRUE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::HttpStatus, 503))));
    EXPECT_FALSE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::HttpStatus, 500))));
    EXPECT_FALSE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::CaRefused, 400))));
    EXPECT_FALSE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::Unauthorized, 401))));
    EXPECT_FALSE(core::Station::isCaAway(core::JobError::fromCa(caError(Code::Tls))));
    EXPECT_FALSE(
        core::Station::isCaAway(core::JobError::fromCertificateCheck(caError(Code::UntrustedChain))));
    EXPECT_FALSE(core::Station::isCaAway(core::JobError(core::JobError::Kind::Timeout)));
    EXPECT_FALSE(core::Station::isCaAway(core::JobError(core::JobError::Kind::KeyRemoved)));
}
