// Lots end to end (docs/lots.md): SoftHSM keys behind the simulated hub, cfssl over TLS, SQLite or a shared
// PostgreSQL journal. A key outside the lot, already done in it or beyond its quantity is refused before
// login: the proof is the hub's PIN counter of keys whose PIN is wrong (a C_Login would spend a try), and
// what is on the keys afterwards.
#include "EngineFixture.h"
#include "PostgresServer.h"

#include "core/Journal.h"
#include "device/Pkcs11Module.h"
#include "device/TokenSession.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QThread>

#include <algorithm>

using namespace ks;

namespace {

core::LotManifest makeLot(const QString &id, const QStringList &serials, int quantity)
{
    core::LotManifest lot;
    lot.id = id;
    lot.profile = QStringLiteral("test-station"); // EngineFixture's profile name
    lot.quantity = quantity;
    lot.serials = serials;
    lot.customer = QStringLiteral("ACME");
    return lot;
}

} // namespace

class Lot : public test::EngineFixture
{
protected:
    Outcome runLotBatch(const core::LotManifest &lot, bool force = false)
    {
        Outcome outcome;
        QSignalSpy finished(m_station->runner(), &core::BatchRunner::batchFinished);
        QSignalSpy keys(m_station->runner(), &core::BatchRunner::keyFinished);
        auto batch = m_station->provisionAll(m_session, false, force, false, lot);
        EXPECT_TRUE(batch) << batch.error().toString().toStdString();
        if (!batch || !finished.wait(120000))
            return outcome;
        outcome.finished = true;
        outcome.summary = finished.front().front().value<core::BatchSummary>();
        for (const auto &args : std::as_const(keys)) {
            const auto result = args.front().value<core::JobResult>();
            outcome.results.insert(result.serial, result);
        }
        return outcome;
    }

    int triesLeft(const QString &serial)
    {
        for (const auto &k : m_hub->listKeys())
            if (k.serial == hub(serial))
                return k.triesLeft;
        return -1;
    }

    // Key pairs and certificates on a key whose user PIN is `pin` (read after the counters were checked).
    int objectsOn(const QString &serial, const QByteArray &pin)
    {
        auto session = device::TokenSession::open(m_station->module(), serial);
        if (!session || !(*session)->login(pin))
            return -1;
        auto pairs = (*session)->keyPairs();
        auto certs = (*session)->certificates();
        if (!pairs || !certs)
            return -1;
        return static_cast<int>(pairs->size() + certs->size());
    }

    void expectRefused(const Outcome &o, const QString &serial, core::JobError::Kind kind)
    {
        const auto r = o.results.value(serial);
        EXPECT_FALSE(r.ok()) << serial.toStdString();
        EXPECT_EQ(r.error.kind, kind) << serial.toStdString() << ": " << r.errorMessage.toStdString();
        EXPECT_EQ(r.failedAt, core::JobStage::Login) << serial.toStdString();
        EXPECT_FALSE(r.enrolled);
        EXPECT_FALSE(r.generatedKey);
        EXPECT_TRUE(r.errorMessage.contains(serial)) << r.errorMessage.toStdString();
    }

    void expectIntact()
    {
        auto v = m_station->journal()->verify();
        ASSERT_TRUE(v);
        EXPECT_TRUE(v->intact) << v->toString().toStdString();
    }
};

TEST_F(Lot, SixOfEightKeysInTheLotTheOtherTwoAreRefusedBeforeLogin)
{
    addKeysWithPin(2, "999999"); // not in the lot; their PIN is wrong, so a login would spend a try
    const QStringList outsiders = m_serials;
    setUpBench(6);
    QStringList inLot = m_serials;
    for (const QString &s : outsiders)
        inLot.removeAll(s);
    ASSERT_EQ(inLot.size(), 6);
    for (const QString &s : outsiders)
        ASSERT_TRUE(m_hub->setPinTries(hub(s), 3));
    const auto lot = makeLot(QStringLiteral("WO-6"), inLot, 6);

    auto outcome = runLotBatch(lot);
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 6);
    EXPECT_EQ(outcome.summary.failed, 2);
    EXPECT_EQ(outcome.summary.refused, 2);
    for (const QString &s : inLot)
        EXPECT_TRUE(outcome.results.value(s).ok()) << s.toStdString();
    for (const QString &s : outsiders) {
        expectRefused(outcome, s, core::JobError::Kind::NotInLot);
        EXPECT_TRUE(outcome.results.value(s).errorMessage.contains(lot.id));
        EXPECT_EQ(triesLeft(s), 3) << s.toStdString(); // no C_Login reached the key
        auto token = m_station->module()->findToken(s);
        ASSERT_TRUE(token);
        EXPECT_FALSE(token->pinCountLow);
    }
    for (const QString &s : outsiders)
        EXPECT_EQ(objectsOn(s, "999999"), 0) << s.toStdString(); // nothing generated, nothing written
    EXPECT_EQ(m_cfssl->issuedCount(), 6);

    auto counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts) << counts.error().toString().toStdString();
    EXPECT_EQ(counts->done, 6);
    EXPECT_EQ(counts->refused, 2);
    EXPECT_EQ(counts->failed, 0);
    EXPECT_EQ(counts->remaining, 0);
    EXPECT_DOUBLE_EQ(counts->firstPassYield, 1.0);
    EXPECT_DOUBLE_EQ(counts->finalYield, 1.0);
    EXPECT_EQ(counts->doneByOperator.value(QStringLiteral("admin")), 6);

    // The hand-over list: exactly the lot's keys, each with the certificate on it and its facts.
    auto keys = m_station->journal()->lotKeys(lot.id);
    ASSERT_TRUE(keys);
    ASSERT_EQ(keys->size(), 6);
    for (const auto &k : std::as_const(*keys)) {
        EXPECT_TRUE(inLot.contains(k.serial)) << k.serial.toStdString();
        const auto certs = certificatesOn(k.serial);
        ASSERT_EQ(certs.size(), 1);
        EXPECT_EQ(k.certDer, certs.front().der);
        EXPECT_EQ(
            k.sha256Fingerprint,
            QString::fromLatin1(QCryptographicHash::hash(k.certDer, QCryptographicHash::Sha256).toHex()));
        EXPECT_EQ(k.certSerialHex, outcome.results.value(k.serial).certSerialHex);
        EXPECT_GT(k.notAfterMs, k.notBeforeMs);
        EXPECT_GT(k.notBeforeMs, 0);
    }
    expectIntact();
}

TEST_F(Lot, KeysAlreadyDoneInTheLotAreNotEnrolledAgainEvenWithForce)
{
    setUpBench(3);
    const auto lot = makeLot(QStringLiteral("WO-again"), m_serials, 3);
    auto first = runLotBatch(lot);
    ASSERT_TRUE(first.finished);
    ASSERT_EQ(first.summary.done, 3);
    for (bool force : { false, true }) {
        auto again = runLotBatch(lot, force);
        ASSERT_TRUE(again.finished);
        EXPECT_EQ(again.summary.done, 0);
        for (const QString &s : std::as_const(m_serials))
            expectRefused(again, s, core::JobError::Kind::AlreadyInLot);
    }
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
    for (const QString &s : std::as_const(m_serials)) {
        const auto certs = certificatesOn(s);
        ASSERT_EQ(certs.size(), 1);
        EXPECT_EQ(certs.front().der, first.results.value(s).certDer);
    }
    auto counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->done, 3);
    EXPECT_EQ(counts->refused, 6);
}

TEST_F(Lot, ASerialRangeAdmitsTheKeysInsideIt)
{
    setUpBench(6);
    QStringList sorted = m_serials;
    std::sort(sorted.begin(), sorted.end());
    ASSERT_EQ(sorted.at(1).size(), sorted.at(3).size());
    auto lot = makeLot(QStringLiteral("WO-range"), {}, 10);
    lot.serialRanges << core::SerialRange { sorted.at(1), sorted.at(3) };
    auto outcome = runLotBatch(lot);
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 3);
    for (int i = 0; i < sorted.size(); ++i) {
        if (i >= 1 && i <= 3)
            EXPECT_TRUE(outcome.results.value(sorted.at(i)).ok()) << sorted.at(i).toStdString();
        else
            expectRefused(outcome, sorted.at(i), core::JobError::Kind::NotInLot);
    }
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
}

TEST_F(Lot, TheQuantityIsACapEvenWithKeysInParallel)
{
    setUpBench(6); // maxParallelKeys 16: all six start at once
    const auto lot = makeLot(QStringLiteral("WO-cap"), m_serials, 3);
    auto outcome = runLotBatch(lot);
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 3);
    int complete = 0;
    for (const QString &s : std::as_const(m_serials)) {
        const auto r = outcome.results.value(s);
        if (r.ok())
            continue;
        expectRefused(outcome, s, core::JobError::Kind::LotComplete);
        ++complete;
        EXPECT_TRUE(certificatesOn(s).isEmpty());
        EXPECT_EQ(freeKeyPairsOn(s), 0);
    }
    EXPECT_EQ(complete, 3);
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
    auto counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->done, 3);
    EXPECT_EQ(counts->remaining, 0);
    EXPECT_EQ(counts->refused, 3);
    // Complete stays complete.
    auto next = runLotBatch(lot);
    ASSERT_TRUE(next.finished);
    EXPECT_EQ(next.summary.done, 0);
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
    expectIntact();
}

TEST_F(Lot, ALotForAnotherProfileIsRefusedAndAChangedManifestUnderTheSameIdToo)
{
    setUpBench(1);
    auto lot = makeLot(QStringLiteral("WO-p"), m_serials, 1);
    lot.profile = QStringLiteral("another-profile");
    auto batch = m_station->provisionAll(m_session, false, false, false, lot);
    ASSERT_FALSE(batch);
    EXPECT_EQ(batch.error().code, core::CoreError::Code::LotMismatch);
    lot.profile = QStringLiteral("test-station");
    ASSERT_TRUE(m_station->journal()->registerLot(lot, QStringLiteral("admin")));
    lot.quantity = 2;
    batch = m_station->provisionAll(m_session, false, false, false, lot);
    ASSERT_FALSE(batch);
    EXPECT_EQ(batch.error().code, core::CoreError::Code::AlreadyExists);
    EXPECT_EQ(m_cfssl->issuedCount(), 0);
}

// A process that dies mid-key leaves its attempt "running" in the journal (what kill -9 leaves: rows
// committed up to the last step, nothing after). The station's next start marks it interrupted and ends its
// batch; the counts show it; the next batch resumes the key and the counts come right.
TEST_F(Lot, AttemptLeftRunningByADeadProcessIsInterruptedAtRestartAndResumes)
{
    setUpBench(3);
    const auto lot = makeLot(QStringLiteral("WO-crash"), m_serials, 3);
    const QString victim = m_serials.front();
    const core::JournalConfig journalConfig
        = core::JournalConfig::sqlite(m_dir + QStringLiteral("/journal.sqlite"));
    const QString station = m_station->journal()->station();
    m_station.reset();
    {
        auto config = journalConfig;
        config.station = station;
        auto dead = core::Journal::open(config);
        ASSERT_TRUE(dead) << dead.error().toString().toStdString();
        ASSERT_TRUE((*dead)->registerLot(lot, QStringLiteral("admin")));
        auto batch = (*dead)->beginBatch(QStringLiteral("admin"), QStringLiteral("test-station"),
                                         { { QStringLiteral("lot"), lot.id } });
        ASSERT_TRUE(batch);
        auto attempt = (*dead)->beginAttempt(*batch, victim);
        ASSERT_TRUE(attempt);
        auto verdict = (*dead)->admitToLot(*attempt, lot);
        ASSERT_TRUE(verdict);
        ASSERT_EQ(*verdict, core::LotVerdict::Admitted);
        ASSERT_TRUE((*dead)->recordEvent(*attempt, core::JournalStep::Login, core::JournalPhase::Before));
        auto counts = (*dead)->lotCounts(lot.id);
        ASSERT_TRUE(counts);
        EXPECT_EQ(counts->running, 1);
    } // the process is gone; its rows stay as they were

    ASSERT_TRUE(startStation());
    auto counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->running, 0);
    EXPECT_EQ(counts->interrupted, 1);
    EXPECT_EQ(counts->done, 0);
    EXPECT_EQ(counts->remaining, 3);

    auto outcome = runLotBatch(lot);
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.summary.done, 3) << outcome.results.value(victim).errorMessage.toStdString();
    counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->done, 3);
    EXPECT_EQ(counts->interrupted, 0);
    EXPECT_EQ(counts->remaining, 0);
    EXPECT_DOUBLE_EQ(counts->firstPassYield, 2.0 / 3.0); // the victim needed a second attempt
    EXPECT_DOUBLE_EQ(counts->finalYield, 1.0);
    // The log shows the interrupted attempt as such.
    auto attempts = m_station->journal()->attempts(m_session);
    ASSERT_TRUE(attempts);
    int interrupted = 0;
    for (const auto &a : std::as_const(*attempts))
        if (a.state == QLatin1String("interrupted")) {
            ++interrupted;
            EXPECT_EQ(a.serial, victim);
            EXPECT_EQ(a.errorCode, QStringLiteral("Interrupted")); // the journal row keeps the stable name
        }
    EXPECT_EQ(interrupted, 1);
    expectIntact();
}

// Two stations on one PostgreSQL journal: a key done in the lot at station A is AlreadyInLot at station B.
TEST_F(Lot, AKeyDoneAtAnotherStationSharingTheJournalIsNotEnrolledAgain)
{
    test::PostgresServer *pg = test::PostgresServer::shared();
    ASSERT_NE(pg, nullptr);
    ASSERT_TRUE(pg->isRunning()) << pg->error().toStdString();
    static int run = 0; // --gtest_repeat: a fresh database each time
    const QString database = QStringLiteral("lot_two_stations_%1").arg(++run);
    ASSERT_TRUE(pg->createDatabase(database));
    core::JournalConfig config;
    config.backend = core::JournalConfig::Backend::Postgres;
    config.pgHost = pg->host();
    config.pgPort = pg->port();
    config.pgDatabase = database;
    config.pgUser = pg->user();
    config.pgPassword = pg->password().toUtf8();
    config.station = QStringLiteral("bench-A");
    m_journalOverride = config;
    setUpBench(4);
    const auto lot = makeLot(QStringLiteral("WO-shared"), m_serials, 4);
    // Station A sees only the first two keys.
    for (int i = 2; i < 4; ++i)
        ASSERT_TRUE(m_hub->unplug(hub(m_serials.at(i))));
    auto a = runLotBatch(lot);
    ASSERT_TRUE(a.finished);
    EXPECT_EQ(a.summary.done, 2);

    // Station B, same database, all four keys.
    for (int i = 2; i < 4; ++i)
        ASSERT_TRUE(m_hub->plug(hub(m_serials.at(i))));
    config.station = QStringLiteral("bench-B");
    m_journalOverride = config;
    ASSERT_TRUE(startStation());
    auto b = runLotBatch(lot);
    ASSERT_TRUE(b.finished);
    EXPECT_EQ(b.summary.done, 2);
    for (int i = 0; i < 2; ++i)
        expectRefused(b, m_serials.at(i), core::JobError::Kind::AlreadyInLot);
    for (int i = 2; i < 4; ++i)
        EXPECT_TRUE(b.results.value(m_serials.at(i)).ok());
    EXPECT_EQ(m_cfssl->issuedCount(), 4);
    auto counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->done, 4);
    EXPECT_EQ(counts->refused, 2);
    EXPECT_EQ(counts->doneByStation.value(QStringLiteral("bench-A")), 2);
    EXPECT_EQ(counts->doneByStation.value(QStringLiteral("bench-B")), 2);
    expectIntact();
}

// The real thing: keystation-cli provision --all --lot, SIGKILLed while it generates a key pair; the
// station's next start shows that attempt as interrupted; a second run finishes the lot and the counts come
// right.
TEST_F(Lot, CountsAfterTheCliIsKilledMidKeyAndRestarted)
{
    setUpBench(3, { { QStringLiteral("maxParallelKeys"), 1 } });
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 600));
    const auto lot = makeLot(QStringLiteral("WO-kill"), m_serials, 3);
    const QString lotPath = m_dir + QStringLiteral("/lot.json");
    const QString passwordPath = m_dir + QStringLiteral("/operator.pw");
    for (const auto &[path, data] : { std::pair { lotPath, QJsonDocument(lot.toJson()).toJson() },
                                      std::pair { passwordPath, QByteArray("correct horse battery\n") } }) {
        QFile f(path);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(data);
    }
    m_station.reset(); // the CLI is the station now, on the same journal and station name
    const QStringList args { QStringLiteral("provision"),
                             QStringLiteral("--all"),
                             QStringLiteral("--lot"),
                             lotPath,
                             QStringLiteral("--profile"),
                             m_profilePath,
                             QStringLiteral("--module"),
                             QStringLiteral(KS_SIMHUB_MODULE_PATH),
                             QStringLiteral("--journal"),
                             m_dir + QStringLiteral("/journal.sqlite"),
                             QStringLiteral("--as"),
                             QStringLiteral("admin"),
                             QStringLiteral("--as-password-file"),
                             passwordPath };
    {
        QProcess cli;
        cli.start(QStringLiteral(KS_CLI_PATH), args);
        ASSERT_TRUE(cli.waitForStarted(10000));
        const QString title = core::jobStageTitle(core::JobStage::GenerateKeyPair);
        QByteArray seen;
        QElapsedTimer timer;
        timer.start();
        bool killed = false;
        while (!killed && timer.elapsed() < 60000 && cli.state() == QProcess::Running) {
            cli.waitForReadyRead(200);
            seen += cli.readAllStandardOutput();
            if (QString::fromUtf8(seen).contains(title)) {
                QThread::msleep(100);
                cli.kill(); // SIGKILL: no destructor, no journal close
                killed = true;
            }
        }
        cli.waitForFinished(10000);
        ASSERT_TRUE(killed) << seen.toStdString() << cli.readAllStandardError().toStdString();
    }

    ASSERT_TRUE(startStation()); // marks the attempt left running as interrupted
    auto counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts) << counts.error().toString().toStdString();
    EXPECT_EQ(counts->interrupted, 1);
    EXPECT_EQ(counts->running, 0);
    EXPECT_EQ(counts->done, 0);
    EXPECT_EQ(counts->remaining, 3);
    m_station.reset();

    QProcess again;
    again.start(QStringLiteral(KS_CLI_PATH), args);
    ASSERT_TRUE(again.waitForFinished(120000));
    EXPECT_EQ(again.exitCode(), 0) << again.readAllStandardOutput().toStdString()
                                   << again.readAllStandardError().toStdString();

    ASSERT_TRUE(startStation());
    counts = m_station->journal()->lotCounts(lot.id);
    ASSERT_TRUE(counts);
    EXPECT_EQ(counts->done, 3);
    EXPECT_EQ(counts->interrupted, 0);
    EXPECT_EQ(counts->remaining, 0);
    EXPECT_EQ(counts->refused, 0);
    EXPECT_DOUBLE_EQ(counts->firstPassYield, 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(counts->finalYield, 1.0);
    for (const QString &s : std::as_const(m_serials))
        EXPECT_EQ(certificatesOn(s).size(), 1) << s.toStdString();
    EXPECT_EQ(m_cfssl->issuedCount(), 3); // killed before enrolment: the resumed key needed no second one
    expectIntact();
}
