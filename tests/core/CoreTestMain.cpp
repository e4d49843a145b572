#include <gtest/gtest.h>

#include <QCoreApplication>

#ifdef KS_TEST_JOURNAL_WRITER
#include "core/Journal.h"

#include <cstdio>

// Writer mode for the kill -9 tests: appends to the journal named by KS_JOURNAL_WRITER forever, printing the
// seq of each committed event, until the parent test kills it.
static int journalWriter(const QString &path)
{
    auto j = ks::core::Journal::open(ks::core::JournalConfig::sqlite(path));
    if (!j)
        return 3;
    auto batch = (*j)->beginBatch(QStringLiteral("writer"), QStringLiteral("kill"));
    if (!batch)
        return 4;
    for (int i = 0;; ++i) {
        auto a = (*j)->beginAttempt(*batch, QStringLiteral("KILL%1").arg(i));
        if (!a)
            return 5;
        for (auto step : { ks::core::JournalStep::Login, ks::core::JournalStep::Enrol }) {
            auto seq = (*j)->recordEvent(*a, step, ks::core::JournalPhase::After);
            if (!seq)
                return 6;
            std::printf("%lld\n", static_cast<long long>(*seq));
            std::fflush(stdout);
        }
    }
}
#endif

#ifdef KS_TEST_WITH_POSTGRES
#include "PostgresServer.h"
#endif

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keystation-test"));
#ifdef KS_TEST_JOURNAL_WRITER
    if (qEnvironmentVariableIsSet("KS_JOURNAL_WRITER"))
        return journalWriter(qEnvironmentVariable("KS_JOURNAL_WRITER"));
#endif
    ::testing::InitGoogleTest(&argc, argv);
#ifdef KS_TEST_WITH_POSTGRES
    // gtest_discover_tests lists tests with --gtest_list_tests: no server needed for that.
    if (!::testing::GTEST_FLAG(list_tests))
        ::testing::AddGlobalTestEnvironment(new ks::test::PostgresServer::Environment);
#endif
    return RUN_ALL_TESTS();
}
