#include "device/SerialNumber.h"

#include <gtest/gtest.h>

using ks::device::SerialNumber;

TEST(SerialNumber, TrimsPaddingAndUppercases)
{
    EXPECT_EQ(SerialNumber::normalise(QByteArray("0a1b2c3d4e5f6789")), QStringLiteral("0A1B2C3D4E5F6789"));
    EXPECT_EQ(SerialNumber::normalise(QByteArray("  12ab        ")), QStringLiteral("12AB"));
}

TEST(SerialNumber, CutsAtNulAndKeepsLeadingZeros)
{
    EXPECT_EQ(SerialNumber::normalise(QByteArray("00001234\0garbage", 16)), QStringLiteral("00001234"));
}

TEST(SerialNumber, DropsSeparatorsPeopleType)
{
    EXPECT_EQ(SerialNumber::normalise(QStringLiteral("12:ab-CD ef")), QStringLiteral("12ABCDEF"));
}

TEST(SerialNumber, NonPrintableBecomesStableHex)
{
    const QByteArray raw("\x01\x02\xff", 3);
    EXPECT_EQ(SerialNumber::normalise(raw), QStringLiteral("0102FF"));
}
