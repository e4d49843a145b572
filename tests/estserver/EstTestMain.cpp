#include <QCoreApplication>

#include <gtest/gtest.h>

// QNetworkAccessManager needs a QCoreApplication; the tests wait on replies with QSignalSpy::wait().
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
