// The one main() of every GoogleTest executable (cmake/KsTesting.cmake's ks_add_gtest): the Qt application
// object the tests need and the servers or modes a binary asks for, chosen by compile definitions.
//   KS_TEST_APP        0 none, 1 QCoreApplication (event loops, QProcess, QNetworkAccessManager),
//                      2 QGuiApplication (PDFs paint text), 3 QApplication (widgets); 2 and 3 on the
//                      offscreen platform unless the caller chose one (test discovery runs the binary without
//                      the test's environment);
//   KS_TEST_APP_NAME   the application name "keystation-test";
//   KS_TEST_WITH_POSTGRES  one PostgreSQL server for the binary (tests/support/PostgresServer);
//   KS_TEST_JOURNAL_WRITER writer mode for the kill -9 tests (KS_JOURNAL_WRITER);
//   KS_TEST_WORKER_ENV the station as shipped, with a worker process per key (KEYSTATION_TOKEN_WORKER).
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QString>

#if KS_TEST_APP == 2
#include <QGuiApplication>
#elif KS_TEST_APP == 3
#include <QApplication>
#endif

#ifdef KS_TEST_WITH_POSTGRES
#include "PostgresServer.h"
#endif

#ifdef KS_TEST_JOURNAL_WRITER
#include "core/Journal.h"

#include <cstdio>

namespace {

// Appends to the journal named by KS_JOURNAL_WRITER forever, printing the seq of each committed event, until
// the parent test kills it.
int journalWriter(const QString &path)
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

} // namespace
#endif

int main(int argc, char **argv)
{
#if KS_TEST_APP >= 2
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
#endif
#ifdef KS_TEST_WORKER_ENV
    qputenv("KEYSTATION_TOKEN_WORKER", KS_WORKER_PATH);
#endif
#if KS_TEST_APP == 1
    QCoreApplication app(argc, argv);
#elif KS_TEST_APP == 2
    QGuiApplication app(argc, argv);
#elif KS_TEST_APP == 3
    QApplication app(argc, argv);
#endif
#ifdef KS_TEST_APP_NAME
    QCoreApplication::setApplicationName(QStringLiteral("keystation-test"));
#endif
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
