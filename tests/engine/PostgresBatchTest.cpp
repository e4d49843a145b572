// A station journaling to PostgreSQL keeps its promises when the server restarts in the middle of a batch:
// keys whose journal writes fail stop before the key is touched further, nothing is lost, and the next batch
// finishes.
#include "EngineFixture.h"
#include "PostgresServer.h"

#include "core/Journal.h"

#include <QSignalSpy>
#include <QTest>

using namespace ks;
using ks::test::EngineFixture;

class PostgresBatch : public EngineFixture
{
};

TEST_F(PostgresBatch, ServerRestartedMidBatchLosesNothingAndTheNextBatchFinishes)
{
    test::PostgresServer *pg = test::PostgresServer::shared();
    ASSERT_NE(pg, nullptr);
    ASSERT_TRUE(pg->isRunning()) << pg->error().toStdString();
    ASSERT_TRUE(pg->createDatabase(QStringLiteral("engine_restart")));
    core::JournalConfig config;
    config.backend = core::JournalConfig::Backend::Postgres;
    config.pgHost = pg->host();
    config.pgPort = pg->port();
    config.pgDatabase = QStringLiteral("engine_restart");
    config.pgUser = pg->user();
    config.pgPassword = pg->password().toUtf8();
    config.station = QStringLiteral("bench-1");
    m_journalOverride = config;
    // Slow keys, so the restart lands while they work.
    setUpBench(6);
    ASSERT_TRUE(m_hub->setLatency("C_GenerateKeyPair:EC", 400));
    ASSERT_TRUE(m_hub->setLatency("C_CreateObject", 200));

    QSignalSpy finished(m_station->runner(), &core::BatchRunner::batchFinished);
    ASSERT_TRUE(m_station->provisionAll(m_session, false));
    QTest::qWait(250); // keys are generating
    ASSERT_TRUE(pg->restart()) << pg->error().toStdString();
    ASSERT_TRUE(finished.count() > 0 || finished.wait(60000));
    const auto first = finished.front().front().value<core::BatchSummary>();
    std::printf("batch across the restart: %d done, %d failed\n", first.done, first.failed);

    // Whatever the restart cost, the next batch finishes every key, each with one certificate.
    auto second = runBatch();
    ASSERT_TRUE(second.finished);
    EXPECT_EQ(second.summary.failed, 0);
    for (const auto &serial : std::as_const(m_serials))
        EXPECT_EQ(certificatesOn(serial).size(), 1) << serial.toStdString();
    EXPECT_LE(m_cfssl->issuedCount(),
              6 + 6); // never more than one extra per key (an answer lost with the server)
    auto verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
}
