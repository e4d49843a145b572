// The fault matrix (docs/fault-matrix.md): for each step and each fault, the key concerned fails with its own
// clear error, the other keys finish, nothing unverified is written, the journal stays intact, and once the
// fault is gone the next batch finishes the key without a needless second enrolment.
#include "EngineFixture.h"
#include "EstServerProcess.h"

#include "core/Journal.h"
#include "device/Pkcs11Module.h"

#include <QFile>
#include <QThread>

#include <p11-kit/pkcs11.h>

#include <algorithm>

using namespace ks;
using ks::simhub::HubState;
using ks::test::EngineFixture;

namespace {

struct DeviceFault
{
    const char *function;
    HubState::FaultKind kind;
    core::JobStage stage;
    const char *code;
    bool certificateIssuedFirst; // the fault comes after enrolment: the retry must not enrol again
    int skip = 0; // matching calls on the key let through first
    const char *name = nullptr; // test name, when the function and kind alone would repeat another cell's
};

std::string faultName(HubState::FaultKind kind)
{
    return HubState::faultKindName(kind);
}

} // namespace

class DeviceFaultCell : public EngineFixture, public ::testing::WithParamInterface<DeviceFault>
{
};

TEST_P(DeviceFaultCell, FailsThatKeyAloneThenResumes)
{
    const DeviceFault f = GetParam();
    // Short time-outs so a hang is caught quickly; the hang itself lasts longer than the time-out.
    setUpBench(3,
               { { QStringLiteral("timeouts"),
                   QJsonObject { { QStringLiteral("login"), 2 },
                                 { QStringLiteral("keyGeneration"), 2 },
                                 { QStringLiteral("csr"), 2 },
                                 { QStringLiteral("write"), 2 } } } });
    const QString victim = m_serials[0];
    ASSERT_TRUE(m_hub->injectFault(hub(victim), f.function, f.kind, f.skip, 1, 3500));

    auto first = runBatch();
    ASSERT_TRUE(first.finished);
    EXPECT_EQ(first.summary.done, 2);
    const auto failed = first.results.value(victim);
    EXPECT_EQ(failed.errorCode(), QLatin1String(f.code)) << failed.errorMessage.toStdString();
    EXPECT_EQ(failed.failedAt, f.stage);
    EXPECT_FALSE(failed.errorMessage.isEmpty());
    EXPECT_EQ(m_cfssl->issuedCount(), f.certificateIssuedFirst ? 3 : 2);
    if (f.kind == HubState::FaultKind::Hang)
        QThread::msleep(2000); // let the stuck call return before the key is used again

    // Nothing half-written: either no certificate, or (hang during the write) the verified one.
    m_hub->plug(hub(victim));
    for (const auto &cert : certificatesOn(victim))
        EXPECT_EQ(cert.der, failed.certDer);

    auto second = runBatch();
    ASSERT_TRUE(second.finished);
    const auto done = second.results.value(victim);
    EXPECT_TRUE(done.ok()) << done.errorCode().toStdString() << " " << done.errorMessage.toStdString();
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
    EXPECT_EQ(certificatesOn(victim).size(), 1);
    auto verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, DeviceFaultCell,
    ::testing::Values(
        DeviceFault { "C_Login", HubState::FaultKind::Pull, core::JobStage::Login, "KeyRemoved", false },
        DeviceFault { "C_Login", HubState::FaultKind::Error, core::JobStage::Login, "DeviceError", false },
        DeviceFault { "C_Login", HubState::FaultKind::Hang, core::JobStage::Login, "Timeout", false },
        // The first two object searches on a fresh key are the read before the login (certificates, public
        // keys); the third is the key-pair search after it.
        DeviceFault { "C_FindObjectsInit", HubState::FaultKind::Removed, core::JobStage::Login, "KeyRemoved",
                      false, 0, "PreLoginRead_removed" },
        DeviceFault { "C_FindObjectsInit", HubState::FaultKind::Error, core::JobStage::Login, "DeviceError",
                      false, 0, "PreLoginRead_error" },
        DeviceFault { "C_FindObjectsInit", HubState::FaultKind::Removed, core::JobStage::FindKeyPair,
                      "KeyRemoved", false, 2 },
        DeviceFault { "C_FindObjectsInit", HubState::FaultKind::Error, core::JobStage::FindKeyPair,
                      "DeviceError", false, 2 },
        DeviceFault { "C_GenerateKeyPair", HubState::FaultKind::Pull, core::JobStage::GenerateKeyPair,
                      "KeyRemoved", false },
        DeviceFault { "C_GenerateKeyPair", HubState::FaultKind::Error, core::JobStage::GenerateKeyPair,
                      "DeviceError", false },
        DeviceFault { "C_GenerateKeyPair", HubState::FaultKind::Hang, core::JobStage::GenerateKeyPair,
                      "Timeout", false },
        DeviceFault { "C_Sign", HubState::FaultKind::Pull, core::JobStage::CreateCsr, "KeyRemoved", false },
        DeviceFault { "C_Sign", HubState::FaultKind::Error, core::JobStage::CreateCsr, "DeviceError", false },
        DeviceFault { "C_Sign", HubState::FaultKind::Hang, core::JobStage::CreateCsr, "Timeout", false },
        DeviceFault { "C_CreateObject", HubState::FaultKind::Pull, core::JobStage::WriteCertificate,
                      "KeyRemoved", true },
        DeviceFault { "C_CreateObject", HubState::FaultKind::Error, core::JobStage::WriteCertificate,
                      "DeviceError", true },
        DeviceFault { "C_CreateObject", HubState::FaultKind::Hang, core::JobStage::WriteCertificate,
                      "Timeout", true },
        // Read-back: the station's own search of the key's certificates once the write is done. A fresh key
        // sees 12 C_FindObjectsInit before it (2 reading it before the login, 3 finding key pairs, 1
        // generating, 3 signing the request, 3 writing and checking the certificate); the 13th is the
        // read-back.
        DeviceFault { "C_FindObjectsInit", HubState::FaultKind::Pull, core::JobStage::ReadBack, "KeyRemoved",
                      true, 12, "ReadBack_pull" },
        DeviceFault { "C_FindObjectsInit", HubState::FaultKind::Error, core::JobStage::ReadBack,
                      "DeviceError", true, 12, "ReadBack_error" },
        // A malformed key: the first attribute it is asked for (the new pair's CKA_ID) comes back 2^40 bytes
        // long. Refused, that key fails alone; the retry resumes the pair.
        DeviceFault { "C_GetAttributeValue", HubState::FaultKind::HugeLength, core::JobStage::GenerateKeyPair,
                      "DeviceError", false }),
    [](const auto &info) {
        if (info.param.name)
            return std::string(info.param.name);
        std::string name = std::string(info.param.function).substr(2) + "_" + faultName(info.param.kind);
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

class PinCell : public EngineFixture
{
};

TEST_F(PinCell, KeyAtItsFinalTryIsNotTriedAndNothingIsSpent)
{
    setUpBench(2);
    ASSERT_TRUE(m_hub->setPinTries(hub(m_serials[0]), 1));
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    EXPECT_EQ(outcome.results.value(m_serials[0]).error.kind, core::JobError::Kind::PinFinalTry);
    EXPECT_TRUE(outcome.results.value(m_serials[1]).ok());
    for (const auto &k : m_hub->listKeys()) {
        if (k.serial == hub(m_serials[0])) {
            EXPECT_EQ(k.triesLeft, 1);
        }
    }
}

// A key whose PIN was locked before the bench (wrong PINs tried elsewhere): PinLocked, no try spent, the
// other keys finish, the journal holds; once unblocked it finishes with --retry-pin-refused.
TEST_F(PinCell, LockedKeyIsNotTriedOthersFinishAndItFinishesOnceUnblocked)
{
    setUpBench(3);
    const QString victim = m_serials[0];
    auto triesLeft = [&] {
        for (const auto &k : m_hub->listKeys())
            if (k.serial == hub(victim))
                return k.triesLeft;
        return -1;
    };
    // Lock it through the module, as a person with a wrong PIN would: one try left, then a wrong PIN.
    ASSERT_TRUE(m_hub->setPinTries(hub(victim), 1));
    {
        auto token = m_station->module()->findToken(victim);
        ASSERT_TRUE(token);
        CK_FUNCTION_LIST *f = m_station->module()->functions();
        CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
        ASSERT_EQ(f->C_OpenSession(token->slotId, CKF_SERIAL_SESSION, nullptr, nullptr, &session), CKR_OK);
        QByteArray wrong("999999");
        EXPECT_EQ(f->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(wrong.data()),
                             static_cast<CK_ULONG>(wrong.size())),
                  CKR_PIN_INCORRECT);
        f->C_CloseSession(session);
    }
    ASSERT_EQ(triesLeft(), 0);

    auto locked = runBatch();
    ASSERT_TRUE(locked.finished);
    EXPECT_EQ(locked.summary.done, 2);
    const auto failed = locked.results.value(victim);
    EXPECT_EQ(failed.error.kind, core::JobError::Kind::PinLocked) << failed.errorMessage.toStdString();
    EXPECT_EQ(failed.failedAt, core::JobStage::Login);
    EXPECT_FALSE(failed.errorMessage.isEmpty());
    for (const auto &serial : std::as_const(m_serials)) {
        if (serial != victim) {
            EXPECT_TRUE(locked.results.value(serial).ok()) << serial.toStdString();
        }
    }
    EXPECT_EQ(triesLeft(), 0);
    EXPECT_TRUE(certificatesOn(victim).isEmpty());
    EXPECT_EQ(m_cfssl->issuedCount(), 2);
    auto verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();

    // An administrator unblocks it; a supervisor asks for the refused key to be tried again.
    ASSERT_TRUE(m_hub->setPinTries(hub(victim), 3));
    m_retryPinRefused = true;
    auto unblocked = runBatch();
    ASSERT_TRUE(unblocked.finished);
    EXPECT_TRUE(unblocked.results.value(victim).ok())
        << unblocked.results.value(victim).errorMessage.toStdString();
    EXPECT_EQ(certificatesOn(victim).size(), 1);
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
    verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
}

// A malformed key whose object search never ends (C_FindObjects always says its buffer is full): that key
// fails at once with a device error instead of looping, the others finish, and it finishes once it answers
// sensibly.
class KeyAnswers : public EngineFixture
{
};

TEST_F(KeyAnswers, EndlessObjectListFailsThatKeyAlone)
{
    setUpBench(3);
    const QString victim = m_serials[0];
    ASSERT_TRUE(m_hub->injectFault(hub(victim), "C_FindObjects", HubState::FaultKind::Endless, 0, 0));
    auto bad = runBatch();
    ASSERT_TRUE(bad.finished);
    EXPECT_EQ(bad.summary.done, 2);
    const auto failed = bad.results.value(victim);
    EXPECT_EQ(failed.error.kind, core::JobError::Kind::DeviceError) << failed.errorMessage.toStdString();
    // The first object list asked for is the read before the login (docs/flow.md, step 4a).
    EXPECT_EQ(failed.failedAt, core::JobStage::Login);
    EXPECT_TRUE(failed.errorMessage.contains(QStringLiteral("C_FindObjects")))
        << failed.errorMessage.toStdString();
    auto verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();

    ASSERT_TRUE(m_hub->clearFaults());
    auto good = runBatch();
    ASSERT_TRUE(good.finished);
    EXPECT_TRUE(good.results.value(victim).ok()) << good.results.value(victim).errorMessage.toStdString();
    EXPECT_EQ(certificatesOn(victim).size(), 1);
    EXPECT_EQ(m_cfssl->issuedCount(), 3);
    verify = m_station->journal()->verify();
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
}

struct CaFault
{
    const char *mode; // ks-est-testserver --mode
    core::JobStage stage;
    const char *code;
    const char *alternative = nullptr; // a second code the same fault may honestly surface as
};

class CaFaultCell : public EngineFixture, public ::testing::WithParamInterface<CaFault>
{
protected:
    // The matrix's promise for every cell: the journal's hash chain verifies.
    void expectJournalIntact()
    {
        auto verify = m_station->journal()->verify();
        ASSERT_TRUE(verify) << verify.error().toString().toStdString();
        EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
    }
};

TEST_P(CaFaultCell, RefusedWithItsOwnErrorNothingWrittenThenFinishesWhenTheCaIsRight)
{
    const CaFault f = GetParam();
    setUpBench(2);
    test::EstServerProcess est(*m_pki);
    ASSERT_TRUE(est.start({ QStringLiteral("--slow-ms"), QStringLiteral("4000") }))
        << est.errorString().toStdString();
    const QJsonObject ca { { QStringLiteral("protocol"), QStringLiteral("est") },
                           { QStringLiteral("url"), est.baseUrl().toString() },
                           { QStringLiteral("trustAnchorFile"), m_pki->caCertPath() } };
    ASSERT_TRUE(
        startStation({ { QStringLiteral("ca"), ca },
                       { QStringLiteral("timeouts"), QJsonObject { { QStringLiteral("enrol"), 2 } } } }));
    ASSERT_TRUE(est.setMode(QLatin1String(f.mode)));
    auto bad = runBatch();
    ASSERT_TRUE(bad.finished);
    EXPECT_EQ(bad.summary.failed, 2);
    for (const auto &serial : std::as_const(m_serials)) {
        const auto r = bad.results.value(serial);
        EXPECT_TRUE(r.errorCode() == QLatin1String(f.code)
                    || (f.alternative && r.errorCode() == QLatin1String(f.alternative)))
            << r.errorCode().toStdString() << ": " << r.errorMessage.toStdString();
        EXPECT_EQ(r.failedAt, f.stage);
        EXPECT_TRUE(certificatesOn(serial).isEmpty());
    }
    expectJournalIntact(); // the refusals are journaled without breaking the chain
    ASSERT_TRUE(est.setMode(QStringLiteral("good")));
    auto good = runBatch();
    ASSERT_TRUE(good.finished);
    EXPECT_EQ(good.summary.done, 2);
    for (const auto &serial : std::as_const(m_serials)) {
        EXPECT_FALSE(good.results.value(serial).generatedKey); // the key pair from the failed try is reused
        EXPECT_EQ(certificatesOn(serial).size(), 1);
    }
    expectJournalIntact();
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, CaFaultCell,
    ::testing::Values(
        CaFault { "http-500", core::JobStage::Enrol, "CaHttpStatus" },
        CaFault { "slow", core::JobStage::Enrol, "CaTimeout" },
        CaFault { "garbage", core::JobStage::Enrol, "CaBadBase64" },
        CaFault { "bad-pkcs7", core::JobStage::Enrol, "CaBadPkcs7" },
        // Qt reports a connection cut mid-body either as a short body or as the remote closing: both are
        // refusals.
        CaFault { "truncated", core::JobStage::Enrol, "CaTruncated", "CaNetwork" },
        CaFault { "wrong-type", core::JobStage::Enrol, "CaWrongContentType" },
        CaFault { "empty", core::JobStage::Enrol, "CaEmptyResponse" },
        CaFault { "other-key", core::JobStage::VerifyCertificate, "CertificatePublicKeyMismatch" },
        CaFault { "other-serial", core::JobStage::VerifyCertificate, "CertificateSerialMismatch" },
        CaFault { "untrusted", core::JobStage::VerifyCertificate, "CertificateUntrustedChain" },
        CaFault { "expired", core::JobStage::VerifyCertificate, "CertificateExpired" },
        CaFault { "short", core::JobStage::VerifyCertificate, "CertificateValidityTooShort" },
        CaFault { "ca-true", core::JobStage::VerifyCertificate, "CertificateIsCaCertificate" },
        CaFault { "wrong-eku", core::JobStage::VerifyCertificate, "CertificateExtendedKeyUsageMismatch" }),
    [](const auto &info) {
        std::string name = info.param.mode;
        std::replace(name.begin(), name.end(), '-', '_');
        return name;
    });

TEST_F(PinCell, CaDownFailsEnrolmentCleanly)
{
    setUpBench(2);
    m_cfssl->stop();
    auto outcome = runBatch();
    ASSERT_TRUE(outcome.finished);
    for (const auto &r : std::as_const(outcome.results)) {
        EXPECT_EQ(r.errorCode(), QStringLiteral("CaNetwork")) << r.errorMessage.toStdString();
        EXPECT_EQ(r.failedAt, core::JobStage::Enrol);
    }
    auto verify = m_station->journal()->verify(); // a CA cell too: the chain holds
    ASSERT_TRUE(verify);
    EXPECT_TRUE(verify->intact) << verify->toString().toStdString();
}
