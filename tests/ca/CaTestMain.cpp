#include <QCoreApplication>

#include <gtest/gtest.h>

// The CA client needs a QCoreApplication (QNetworkAccessManager, event loops in worker threads).
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
