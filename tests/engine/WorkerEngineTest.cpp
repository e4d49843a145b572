// The engine with a worker process per key (keystation-token-worker), as the front ends run it: the same
// results as in-process, and a worker that hangs or is killed fails that key alone, journaled, retryable
// without restarting the station.
#include "EngineFixture.h"
#include "core/Journal.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTest>
#include <QTimer>

#include <csignal>
#include <unistd.h>

using namespace ks;
using ks::simhub::HubState;

namespace {

class WorkerEngine : public test::EngineFixture
{
protected:
    void SetUp() override { m_workerPath = QStringLiteral(KS_WORKER_PATH); }

    // The token workers this process started and that are still running.
    static QList<pid_t> liveWorkers()
    {
        QList<pid_t> pids;
        const QString self = QString::number(::getpid());
        for (const auto &entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            bool number = false;
            const pid_t pid = entry.toInt(&number);
            if (!number)
                continue;
            QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            // pid (comm) state ppid ...
            const QString line = QString::fromLatin1(stat.readAll());
            const auto fields = line.mid(line.lastIndexOf(QLatin1Char(')')) + 2).split(QLatin1Char(' '));
            if (line.contains(QStringLiteral("(keystation-toke")) && fields.value(0) != QStringLiteral("Z")
                && fields.value(1) == self)
                pids << pid;
        }
        return pids;
    }

    int triesLeft(const QString &serial)
    {
        for (const auto &k : m_hub->listKeys()) {
            if (k.serial == hub(serial))
                return k.triesLeft;
        }
        return -1;
    }

    // The key's retry: the same station, no restart, a fresh worker.
    void expectRetrySucceeds(const QString &serial)
    {
        auto retry = runBatch(false, 30000);
        ASSERT_TRUE(retry.finished);
        EXPECT_TRUE(retry.results.value(serial).ok())
            << retry.results.value(serial).errorMessage.toStdString();
        EXPECT_EQ(certificatesOn(serial).size(), 1);
    }

    QJsonObject failedDetail(const QString &attemptId)
    {
        auto events = m_station->journal()->events(m_session, attemptId);
        EXPECT_TRUE(events);
        if (!events)
            return {};
        for (const auto &e : *events) {
            if (e.phase == QStringLiteral("failed"))
                return QJsonDocument::fromJson(e.detail.toUtf8()).object();
        }
        return {};
    }
};

} // namespace

TEST_F(WorkerEngine, KeysAreProvisionedThroughAWorkerEachAndNoWorkerOutlivesItsKey)
{
    setUpBench(4);
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 4);
    EXPECT_EQ(outcome.summary.failed, 0);
    for (const auto &serial : m_serials) {
        EXPECT_TRUE(outcome.results.value(serial).ok()) << serial.toStdString();
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 1);
        EXPECT_EQ(certs.front().der, outcome.results.value(serial).certDer);
    }
    EXPECT_EQ(m_cfssl->issuedCount(), 4);
    EXPECT_TRUE(QTest::qWaitFor([] { return liveWorkers().isEmpty(); }, 5000)) << liveWorkers().size();
}

TEST_F(WorkerEngine, WrongPinThroughAWorkerSpendsOneTryOnThatKeyOnly)
{
    addKeysWithPin(1, "999999");
    const QString odd = m_serials.front();
    setUpBench(2);
    ASSERT_TRUE(m_hub->setPinTries(hub(odd), 3));
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 2);
    EXPECT_EQ(outcome.results.value(odd).error.kind, core::JobError::Kind::PinIncorrect);
    EXPECT_EQ(triesLeft(odd), 2);
}

TEST_F(WorkerEngine, AKeyThatRefusedThePinIsLeftAloneEvenWhenItsFlagsSayNothing)
{
    // OpenSC's isoApplet driver reports no PIN counter to a fresh process (docs/hardware.md): the journal has
    // to remember the wrong PIN. Here the hub's counter is refilled, so the token's flags say nothing.
    addKeysWithPin(1, "999999");
    const QString odd = m_serials.front();
    setUpBench(1);
    ASSERT_TRUE(m_hub->setPinTries(hub(odd), 3));
    auto first = runBatch();
    ASSERT_TRUE(first.finished);
    EXPECT_EQ(first.results.value(odd).error.kind, core::JobError::Kind::PinIncorrect);
    ASSERT_TRUE(m_hub->setPinTries(hub(odd), 3)); // counter full again: no flag on the token
    ASSERT_EQ(triesLeft(odd), 3);

    auto second = runBatch();
    ASSERT_TRUE(second.finished);
    const auto refused = second.results.value(odd);
    EXPECT_EQ(refused.error.kind, core::JobError::Kind::PinCountLow);
    EXPECT_EQ(refused.failedAt, core::JobStage::Login);
    EXPECT_TRUE(refused.errorMessage.contains(QStringLiteral("--retry-pin-refused")));
    EXPECT_EQ(triesLeft(odd), 3) << "no try spent";
    EXPECT_TRUE(second.results.value(m_serials[1]).ok());

    // Still refused on the next batch (the refusal is remembered, not only the wrong PIN).
    auto third = runBatch();
    EXPECT_EQ(third.results.value(odd).error.kind, core::JobError::Kind::PinCountLow);
    EXPECT_EQ(triesLeft(odd), 3);

    // A supervisor checked it: one more try is spent, on purpose.
    m_retryPinRefused = true;
    auto checked = runBatch();
    EXPECT_EQ(checked.results.value(odd).error.kind, core::JobError::Kind::PinIncorrect);
    EXPECT_EQ(triesLeft(odd), 2);
}

TEST_F(WorkerEngine, HungCallTimesOutKillsTheWorkerAndTheKeyIsRetriedWithoutRestart)
{
    setUpBench(2, { { QStringLiteral("timeouts"), QJsonObject { { QStringLiteral("keyGeneration"), 1 } } } });
    const QString stuck = m_serials[0];
    // The chip would answer after 60 s; the station gives it 1 s and kills its worker.
    ASSERT_TRUE(m_hub->injectFault(hub(stuck), "C_GenerateKeyPair", HubState::FaultKind::Hang, 0, 1, 60000));
    auto outcome = runBatch(false, 30000);
    ASSERT_TRUE(outcome.finished);
    const auto r = outcome.results.value(stuck);
    EXPECT_EQ(r.error.kind, core::JobError::Kind::Timeout);
    EXPECT_EQ(r.failedAt, core::JobStage::GenerateKeyPair);
    EXPECT_TRUE(r.errorMessage.contains(QStringLiteral("worker process was stopped")))
        << r.errorMessage.toStdString();
    EXPECT_TRUE(outcome.results.value(m_serials[1]).ok());
    const QJsonObject detail = failedDetail(r.attemptId);
    EXPECT_EQ(detail.value(QStringLiteral("code")).toString(), QStringLiteral("Timeout"));
    EXPECT_TRUE(detail.value(QStringLiteral("workerStopped")).toBool());
    EXPECT_TRUE(QTest::qWaitFor([] { return liveWorkers().isEmpty(); }, 5000))
        << "the hung worker was killed";

    ASSERT_TRUE(m_hub->clearFaults());
    expectRetrySucceeds(stuck);
}

TEST_F(WorkerEngine, WorkerKilledMidKeyGenerationFailsThatKeyAloneAndJournalsWhy)
{
    setUpBench(3);
    const QString victim = m_serials[0];
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 4000, hub(victim)));
    // The other keys finish in well under a second; then the only worker left is the victim's, in its keygen.
    QTimer killer;
    int killed = 0;
    QObject::connect(&killer, &QTimer::timeout, [&] {
        const auto workers = liveWorkers();
        if (killed == 0 && workers.size() == 1 && m_station->runner()->results().size() == 2) {
            killed = ::kill(workers.front(), SIGKILL) == 0 ? 1 : -1;
        }
    });
    killer.start(50);
    auto outcome = runBatch(false, 30000);
    killer.stop();
    ASSERT_EQ(killed, 1);
    ASSERT_TRUE(outcome.finished);
    const auto r = outcome.results.value(victim);
    EXPECT_EQ(r.error.kind, core::JobError::Kind::WorkerFailed);
    EXPECT_EQ(r.failedAt, core::JobStage::GenerateKeyPair);
    EXPECT_TRUE(r.errorMessage.contains(QStringLiteral("SIGKILL"))) << r.errorMessage.toStdString();
    EXPECT_LT(r.elapsedMs, 3900) << "failed when the worker died, not when the chip would have answered";
    EXPECT_EQ(outcome.summary.done, 2);
    const QJsonObject detail = failedDetail(r.attemptId);
    EXPECT_EQ(detail.value(QStringLiteral("code")).toString(), QStringLiteral("WorkerFailed"));
    EXPECT_EQ(detail.value(QStringLiteral("call")).toString(), QStringLiteral("C_GenerateKeyPair"));

    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 0, hub(victim)));
    expectRetrySucceeds(victim);
}

TEST_F(WorkerEngine, ACardThatChoosesItsOwnKeyIdIsProvisionedUnderThatId)
{
    // Some cards (ePass2003, PIV: docs/hardware.md) give a new key pair a CKA_ID of their own choosing.
    setUpBench(2);
    ASSERT_TRUE(m_hub->setCardChoosesKeyIds(true));
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 2);
    for (const auto &serial : m_serials) {
        const auto r = outcome.results.value(serial);
        ASSERT_TRUE(r.ok()) << r.errorMessage.toStdString();
        EXPECT_TRUE(r.generatedKey);
        const auto certs = certificatesOn(serial);
        ASSERT_EQ(certs.size(), 1);
        EXPECT_EQ(certs.front().id.size(), 20) << "the card's id, not the 16 bytes the station asked for";
        EXPECT_EQ(QString::fromLatin1(certs.front().id.toHex()), r.keyIdHex);
        EXPECT_EQ(freeKeyPairsOn(serial), 0) << "the certificate sits with its key pair";
    }
    auto again = runBatch();
    EXPECT_EQ(again.summary.alreadyProvisioned, 2);
}
