// core/JobError: the one table of a key's error kinds (name, title, next step, amber), and reading the
// journal's names back.
#include "core/JobError.h"

#include <gtest/gtest.h>

#include <QSet>

using namespace ks;
using core::JobError;
using Kind = JobError::Kind;

namespace {

// A representative error of each kind (Ca and Certificate need their CA code to have a name).
JobError sample(Kind kind)
{
    if (kind == Kind::Ca) {
        ca::CaError e;
        e.code = ca::CaError::Code::Network;
        return JobError::fromCa(e);
    }
    if (kind == Kind::Certificate) {
        ca::CaError e;
        e.code = ca::CaError::Code::UntrustedChain;
        return JobError::fromCertificateCheck(e);
    }
    if (kind == Kind::Unknown)
        return JobError::fromName(QStringLiteral("SomethingNewer"));
    return kind;
}

} // namespace

TEST(JobErrorTable, EveryKindHasANameATitleAndANextStep)
{
    const auto kinds = JobError::allKinds();
    EXPECT_EQ(kinds.size(), static_cast<int>(Kind::Unknown) + 1); // every enumerator has its row
    for (Kind kind : kinds) {
        if (kind == Kind::None)
            continue;
        const JobError e = sample(kind);
        EXPECT_FALSE(e.name().isEmpty()) << static_cast<int>(kind);
        EXPECT_FALSE(e.title().isEmpty()) << e.name().toStdString();
        // Every kind: also one this build does not know (set it aside for a person).
        EXPECT_FALSE(e.nextStep().isEmpty()) << e.name().toStdString();
    }
    EXPECT_TRUE(JobError().name().isEmpty());
    EXPECT_TRUE(JobError().nextStep().isEmpty());
}

TEST(JobErrorTable, NamesAreUniqueAndReadBack)
{
    QSet<QString> names;
    for (Kind kind : JobError::allKinds()) {
        if (kind == Kind::None || kind == Kind::Unknown)
            continue;
        const JobError e = sample(kind);
        EXPECT_FALSE(names.contains(e.name())) << e.name().toStdString();
        names.insert(e.name());
        EXPECT_EQ(JobError::fromName(e.name()).kind, kind) << e.name().toStdString();
        EXPECT_EQ(JobError::fromName(e.name()).name(), e.name());
    }
    // Every CA client code reads back through both prefixes, and the names stay unique.
    for (int c = 1; c <= static_cast<int>(ca::CaError::Code::ScepBadCertId); ++c) {
        ca::CaError cause;
        cause.code = static_cast<ca::CaError::Code>(c);
        for (const JobError &e : { JobError::fromCa(cause), JobError::fromCertificateCheck(cause) }) {
            const JobError back = JobError::fromName(e.name());
            EXPECT_EQ(back.kind, e.kind) << e.name().toStdString();
            ASSERT_TRUE(back.ca) << e.name().toStdString();
            EXPECT_EQ(back.ca->code, cause.code) << e.name().toStdString();
            EXPECT_FALSE(e.title().isEmpty());
            EXPECT_FALSE(e.nextStep().isEmpty());
        }
    }
}

TEST(JobErrorTable, TodaysNamesStayByteForByte)
{
    // What journals and `keystation-cli provision --json` consumers already hold.
    EXPECT_EQ(JobError(Kind::PinIncorrect).name(), QStringLiteral("PinIncorrect"));
    EXPECT_EQ(JobError(Kind::Timeout).name(), QStringLiteral("Timeout"));
    EXPECT_EQ(JobError(Kind::NotInLot).name(), QStringLiteral("NotInLot"));
    ca::CaError network;
    network.code = ca::CaError::Code::Network;
    EXPECT_EQ(JobError::fromCa(network).name(), QStringLiteral("CaNetwork"));
    ca::CaError untrusted;
    untrusted.code = ca::CaError::Code::UntrustedChain;
    EXPECT_EQ(JobError::fromCertificateCheck(untrusted).name(), QStringLiteral("CertificateUntrustedChain"));
}

TEST(JobErrorTable, TheOldDoubledCaPrefixIsReadAndNoLongerWritten)
{
    ca::CaError refused;
    refused.code = ca::CaError::Code::CaRefused;
    EXPECT_EQ(JobError::fromCa(refused).name(), QStringLiteral("CaRefused"));
    for (const char *old : { "CaCaRefused", "CaRefused" }) {
        const JobError e = JobError::fromName(QLatin1String(old));
        EXPECT_EQ(e.kind, Kind::Ca) << old;
        ASSERT_TRUE(e.ca) << old;
        EXPECT_EQ(e.ca->code, ca::CaError::Code::CaRefused) << old;
        EXPECT_EQ(e.name(), QStringLiteral("CaRefused"));
    }
    const JobError mismatch = JobError::fromName(QStringLiteral("CaCaCertificateMismatch"));
    ASSERT_TRUE(mismatch.ca);
    EXPECT_EQ(mismatch.ca->code, ca::CaError::Code::CaCertificateMismatch);
    EXPECT_EQ(mismatch.name(), QStringLiteral("CaCertificateMismatch"));
    EXPECT_EQ(JobError::fromName(QStringLiteral("TokenRemoved")).kind, Kind::KeyRemoved);
}

TEST(JobErrorTable, AnUnknownNameIsKeptAsItIs)
{
    const JobError e = JobError::fromName(QStringLiteral("SomethingNewer"));
    EXPECT_EQ(e.kind, Kind::Unknown);
    EXPECT_EQ(e.name(), QStringLiteral("SomethingNewer"));
    EXPECT_EQ(e.title(), QStringLiteral("SomethingNewer"));
    EXPECT_EQ(JobError::fromName(QString()).kind, Kind::None);
}

TEST(JobErrorTable, TheDeviceCauseIsKeptAndMapped)
{
    const auto cause
        = device::DeviceError::make(device::DeviceError::Code::PinFinalTry, QStringLiteral("last try"));
    const JobError e = JobError::fromDevice(cause);
    EXPECT_EQ(e.kind, Kind::PinFinalTry);
    ASSERT_TRUE(e.device);
    EXPECT_EQ(e.device->code, device::DeviceError::Code::PinFinalTry);
    EXPECT_TRUE(e.needsPerson());
    EXPECT_EQ(JobError::fromDevice(device::DeviceError::make(device::DeviceError::Code::Pkcs11, {})).kind,
              Kind::DeviceError);
}

TEST(JobErrorTable, AmberIsForWhatAPersonMustDecide)
{
    // Amber on the bench (issue 11): PIN flags, a key pulled or swapped mid-step, a step timed out, a
    // refusal.
    for (Kind k : { Kind::NotInLot, Kind::AlreadyInLot, Kind::LotComplete, Kind::ForeignCertificate,
                    Kind::PinCountLow, Kind::PinFinalTry, Kind::PinLocked, Kind::KeyRemoved, Kind::KeySwapped,
                    Kind::Timeout, Kind::Certificate })
        EXPECT_TRUE(JobError(k).needsPerson()) << JobError(k).name().toStdString();
    for (Kind k : { Kind::Cancelled, Kind::ReadBackMismatch, Kind::DeviceError, Kind::Ca })
        EXPECT_FALSE(JobError(k).needsPerson()) << JobError(k).name().toStdString();
    ca::CaError refused;
    refused.code = ca::CaError::Code::CaRefused;
    EXPECT_TRUE(JobError::fromCa(refused).needsPerson());
    ca::CaError network;
    network.code = ca::CaError::Code::Network;
    EXPECT_FALSE(JobError::fromCa(network).needsPerson());
    EXPECT_TRUE(JobError(Kind::NotInLot).isLotRefusal());
    EXPECT_FALSE(JobError(Kind::PinIncorrect).isLotRefusal());
}
