#include <gtest/gtest.h>

#include <QCoreApplication>

#ifdef KS_TEST_WITH_POSTGRES
#include "PostgresServer.h"
#endif

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("keystation-test"));
    ::testing::InitGoogleTest(&argc, argv);
#ifdef KS_TEST_WITH_POSTGRES
    // gtest_discover_tests lists tests with --gtest_list_tests: no server needed for that.
    if (!::testing::GTEST_FLAG(list_tests))
        ::testing::AddGlobalTestEnvironment(new ks::test::PostgresServer::Environment);
#endif
    return RUN_ALL_TESTS();
}
