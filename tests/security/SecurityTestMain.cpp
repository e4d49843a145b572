#include <QCoreApplication>

#include <gtest/gtest.h>

// The engine API delivers through the Qt event loop; QProcess needs an application object.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
