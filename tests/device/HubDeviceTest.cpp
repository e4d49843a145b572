// The device layer through the simulated hub: what SoftHSM alone cannot show (PIN counters, plugging, pulls).
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"
#include "device/TokenWatcher.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <future>

using namespace ks::device;
using ks::simhub::HubState;
using ks::simhub::SimHubControl;

namespace {

const QByteArray kPin("123456");

class HubDeviceTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_statePath = m_env.dir() + "/hub.state";
        ::setenv("KS_SIMHUB_STATE", m_statePath.c_str(), 1);
        ::setenv("KS_SIMHUB_TARGET", ks::test::SoftHsmEnv::softHsmModulePath().c_str(), 1);
        for (const auto &s : m_env.initTokens(3)) {
            m_serials << SerialNumber::normalise(QString::fromStdString(s));
            m_raw[m_serials.back()] = s; // the hub knows keys by the serial as the token reports it
        }
        m_control = std::make_unique<SimHubControl>(m_statePath);
        auto module = Pkcs11Module::load(QStringLiteral(KS_SIMHUB_MODULE_PATH));
        ASSERT_TRUE(module) << module.error().toString().toStdString();
        m_module = *module;
    }

    int triesLeft(const QString &serial)
    {
        for (const auto &key : m_control->listKeys()) {
            if (key.serial == hub(serial))
                return key.triesLeft;
        }
        return -1;
    }

    std::unique_ptr<TokenSession> openLoggedIn(const QString &serial)
    {
        auto session = TokenSession::open(m_module, serial);
        if (!session || !(*session)->login(kPin))
            return {};
        return std::move(*session);
    }

    ks::test::SoftHsmEnv m_env;
    std::string hub(const QString &serial) { return m_raw[serial]; }

    std::string m_statePath;
    QStringList m_serials;
    std::map<QString, std::string> m_raw;
    std::unique_ptr<SimHubControl> m_control;
    std::shared_ptr<Pkcs11Module> m_module;
};

} // namespace

TEST_F(HubDeviceTest, WrongPinSpendsExactlyOneTry)
{
    ASSERT_TRUE(m_control->setPinTries(hub(m_serials[0]), 3));
    auto session = TokenSession::open(m_module, m_serials[0]);
    ASSERT_TRUE(session);
    auto result = (*session)->login(QByteArray("999999"));
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, DeviceError::Code::PinIncorrect);
    EXPECT_EQ(triesLeft(m_serials[0]), 2);
}

TEST_F(HubDeviceTest, KeyWithLowCountOrFinalTryIsNotTried)
{
    ASSERT_TRUE(m_control->setPinTries(hub(m_serials[0]), 3));
    auto session = TokenSession::open(m_module, m_serials[0]);
    ASSERT_TRUE(session);
    LoginPolicy lenient;
    lenient.refuseWhenCountLow = false;
    ASSERT_FALSE((*session)->login(QByteArray("999999"), lenient));
    // Default policy: a key that has seen a wrong PIN is left alone, even with the right PIN.
    auto low = (*session)->login(kPin);
    ASSERT_FALSE(low);
    EXPECT_EQ(low.error().code, DeviceError::Code::PinCountLow);
    EXPECT_EQ(triesLeft(m_serials[0]), 2);

    ASSERT_FALSE((*session)->login(QByteArray("999999"), lenient));
    EXPECT_EQ(triesLeft(m_serials[0]), 1);
    auto finalTry = (*session)->login(kPin, lenient);
    ASSERT_FALSE(finalTry);
    EXPECT_EQ(finalTry.error().code, DeviceError::Code::PinFinalTry);
    EXPECT_EQ(triesLeft(m_serials[0]), 1); // not spent
    auto info = (*session)->refreshTokenInfo();
    ASSERT_TRUE(info);
    EXPECT_TRUE(info->pinFinalTry);
}

TEST_F(HubDeviceTest, LockedKeyIsReportedAndNotTried)
{
    ASSERT_TRUE(m_control->setPinTries(hub(m_serials[1]), 1));
    auto session = TokenSession::open(m_module, m_serials[1]);
    ASSERT_TRUE(session);
    // With one try, the key is at its final try from the start: refused without spending it.
    auto refused = (*session)->login(QByteArray("999999"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, DeviceError::Code::PinFinalTry);
    EXPECT_EQ(triesLeft(m_serials[1]), 1);
}

// The reports themselves are the behaviour; how fast they come depends on the machine's load, so the waits
// are generous and the latency is only printed (scripts/bench device measures it).
TEST_F(HubDeviceTest, WatcherReportsPlugAndUnplug)
{
    TokenWatcher watcher(m_module);
    QSignalSpy added(&watcher, &TokenWatcher::tokenAdded);
    QSignalSpy removed(&watcher, &TokenWatcher::tokenRemoved);
    QSignalSpy scanned(&watcher, &TokenWatcher::scanned);
    watcher.start();
    ASSERT_TRUE(scanned.wait(5000));
    EXPECT_EQ(added.count(), 3);
    EXPECT_TRUE(watcher.usesSlotEvents());

    QElapsedTimer timer;
    timer.start();
    ASSERT_TRUE(m_control->unplug(hub(m_serials[2])));
    ASSERT_TRUE(removed.count() > 0 || removed.wait(10000));
    std::printf("watcher: pull reported after %lld ms\n", static_cast<long long>(timer.elapsed()));
    EXPECT_EQ(removed.front().front().value<TokenInfo>().serial, m_serials[2]);
    EXPECT_EQ(watcher.tokens().size(), 2);

    timer.restart();
    const qsizetype addedBefore = added.count();
    ASSERT_TRUE(m_control->plug(hub(m_serials[2])));
    ASSERT_TRUE(added.count() > addedBefore || added.wait(10000));
    std::printf("watcher: plug reported after %lld ms\n", static_cast<long long>(timer.elapsed()));
    EXPECT_EQ(added.back().front().value<TokenInfo>().serial, m_serials[2]);
    EXPECT_EQ(watcher.tokens().size(), 3);
}

// SoftHSM answers C_GetTokenInfo with CKR_GENERAL_ERROR now and then while another process writes that token
// (docs/stack-facts.md). One such answer is read again; a slot that keeps failing is "unreadable", and the
// watcher does not take its key for pulled. A real pull still is one.
TEST_F(HubDeviceTest, AKeyThatDoesNotAnswerForAMomentIsNotTakenForPulled)
{
    ASSERT_TRUE(
        m_control->injectFault(hub(m_serials[0]), "C_GetTokenInfo", HubState::FaultKind::Error, 0, 1));
    auto once = m_module->scan();
    ASSERT_TRUE(once);
    EXPECT_EQ(once->tokens.size(), 3) << "one failed read is read again";
    EXPECT_TRUE(once->unreadableSlots.isEmpty());

    TokenWatcher watcher(m_module);
    QSignalSpy added(&watcher, &TokenWatcher::tokenAdded);
    QSignalSpy removed(&watcher, &TokenWatcher::tokenRemoved);
    QSignalSpy scanned(&watcher, &TokenWatcher::scanned);
    watcher.start();
    ASSERT_TRUE(scanned.wait(5000));
    ASSERT_EQ(added.count(), 3);

    ASSERT_TRUE(
        m_control->injectFault(hub(m_serials[0]), "C_GetTokenInfo", HubState::FaultKind::Error, 0, 0));
    auto failing = m_module->scan();
    ASSERT_TRUE(failing);
    EXPECT_EQ(failing->tokens.size(), 2);
    ASSERT_EQ(failing->unreadableSlots.size(), 1);
    const qsizetype before = scanned.count();
    ASSERT_TRUE(QTest::qWaitFor([&] { return scanned.count() >= before + 3; }, 10000));
    EXPECT_EQ(removed.count(), 0) << "a key that does not answer is not a pulled key";
    EXPECT_EQ(watcher.tokens().size(), 3);

    ASSERT_TRUE(m_control->clearFaults());
    ASSERT_TRUE(m_control->unplug(hub(m_serials[0])));
    ASSERT_TRUE(removed.count() > 0 || removed.wait(10000));
    EXPECT_EQ(removed.front().front().value<TokenInfo>().serial, m_serials[0]);
    EXPECT_EQ(watcher.tokens().size(), 2);
}

// The key list while a key is plugged in and pulled as fast as the hub allows: the list of present slots is
// read twice (its length, then its ids), and a key may come between the two. With no key present at the first
// read, the second once asked with an empty buffer (a NULL list, which PKCS#11 takes for "how many?") and
// read an id that was never written: the soak crashed in the key watcher. Every answer must be a list of
// real slots.
TEST_F(HubDeviceTest, TheKeyListIsWholeWhileAKeyIsPluggedAndPulled)
{
    ASSERT_TRUE(m_control->unplug(hub(m_serials[1])));
    ASSERT_TRUE(m_control->unplug(hub(m_serials[2])));
    auto all = m_module->slotIds(false);
    ASSERT_TRUE(all) << all.error().toString().toStdString();
    std::atomic_bool stop { false };
    std::atomic_int flips { 0 };
    auto toggler = std::async(std::launch::async, [&] {
        auto control = std::make_unique<SimHubControl>(m_statePath);
        while (!stop.load()) {
            if (!control->unplug(hub(m_serials[0])) || !control->plug(hub(m_serials[0])))
                return false;
            flips += 2;
        }
        return true;
    });
    int reads = 0, empty = 0, one = 0;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 3000 || empty == 0 || one == 0) {
        auto ids = m_module->slotIds(true);
        ASSERT_TRUE(ids) << ids.error().toString().toStdString();
        ASSERT_LE(ids->size(), 1);
        for (const unsigned long id : std::as_const(*ids))
            ASSERT_TRUE(all->contains(id)) << "slot " << id << " is not one of the hub's";
        ++reads;
        (ids->isEmpty() ? empty : one)++;
        if (timer.elapsed() > 20000)
            break;
    }
    stop = true;
    EXPECT_TRUE(toggler.get());
    std::printf("key list: %d reads (%d empty, %d with the key) over %d plugs and pulls\n", reads, empty, one,
                flips.load());
    EXPECT_GT(empty, 0); // both states were seen: the key really came and went under the reads
    EXPECT_GT(one, 0);
}

TEST_F(HubDeviceTest, KeyPulledDuringKeyGenerationFailsAloneAndComesBack)
{
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 400));
    auto victim = openLoggedIn(m_serials[0]);
    auto bystander = openLoggedIn(m_serials[1]);
    ASSERT_TRUE(victim);
    ASSERT_TRUE(bystander);
    ASSERT_TRUE(m_control->injectFault(hub(m_serials[0]), "C_GenerateKeyPair", HubState::FaultKind::Pull));

    auto other = std::async(std::launch::async, [&] {
        return bystander->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("ok"));
    });
    auto pulled = victim->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("pulled"));
    ASSERT_FALSE(pulled);
    EXPECT_EQ(pulled.error().code, DeviceError::Code::TokenAbsent);
    EXPECT_EQ(pulled.error().call, QStringLiteral("C_GenerateKeyPair"));
    EXPECT_EQ(pulled.error().serial, m_serials[0]);
    auto fine = other.get();
    ASSERT_TRUE(fine) << fine.error().toString().toStdString();

    // Gone from the hub; plugged back it opens again, logged out like a real key.
    auto absent = TokenSession::open(m_module, m_serials[0]);
    ASSERT_FALSE(absent);
    EXPECT_EQ(absent.error().code, DeviceError::Code::TokenAbsent);
    ASSERT_TRUE(m_control->plug(hub(m_serials[0])));
    auto back = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(back);
    EXPECT_TRUE(back->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("again")));
}

TEST_F(HubDeviceTest, KeyPulledDuringCertificateWriteFailsAloneAndWroteNothing)
{
    ks::test::TestPki pki
        = ks::test::TestPki::create(QString::fromStdString(m_env.dir()) + QStringLiteral("/pki"));
    ks::test::IssueOptions options;
    options.issuerCert = pki.caCert();
    options.issuerKey = pki.caKey();
    std::vector<std::unique_ptr<TokenSession>> sessions;
    QList<KeyPairInfo> pairs;
    QList<QByteArray> certs;
    for (int i = 0; i < 2; ++i) {
        sessions.push_back(openLoggedIn(m_serials[i]));
        ASSERT_TRUE(sessions.back());
        auto pair = sessions.back()->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("k"));
        ASSERT_TRUE(pair);
        pairs << *pair;
        auto csr = sessions.back()->signCsr(
            pair->id, CsrRequest { { { QStringLiteral("CN"), m_serials[i] } }, {}, {}, {} });
        ASSERT_TRUE(csr);
        certs << ks::test::TestPki::issueFromCsr(*csr, options);
    }
    ASSERT_TRUE(m_control->injectFault(hub(m_serials[0]), "C_CreateObject", HubState::FaultKind::Pull));
    auto pulled = sessions[0]->writeCertificate(pairs[0].id, certs[0], QStringLiteral("c"));
    ASSERT_FALSE(pulled);
    EXPECT_EQ(pulled.error().code, DeviceError::Code::TokenAbsent);
    auto fine = sessions[1]->writeCertificate(pairs[1].id, certs[1], QStringLiteral("c"));
    ASSERT_TRUE(fine) << fine.error().toString().toStdString();

    ASSERT_TRUE(m_control->plug(hub(m_serials[0])));
    auto back = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(back);
    auto onKey = back->certificates();
    ASSERT_TRUE(onKey);
    EXPECT_TRUE(onKey->isEmpty());
    auto free = back->freeKeyPairs();
    ASSERT_TRUE(free);
    ASSERT_EQ(free->size(), 1); // the key pair survived and is reusable
    EXPECT_EQ(free->front().id, pairs[0].id);
}

TEST_F(HubDeviceTest, DeviceErrorIsTyped)
{
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    ASSERT_TRUE(m_control->injectFault(hub(m_serials[0]), "C_GenerateKeyPair", HubState::FaultKind::Error));
    auto failed = session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("x"));
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, DeviceError::Code::Pkcs11);
    EXPECT_EQ(failed.error().ckrName(), QStringLiteral("CKR_DEVICE_ERROR"));
}

// A key answering an absurd attribute length (2^40 bytes) is refused before anything is allocated: that call
// fails with a typed error, the process and the other keys carry on, and the key works again once it answers
// sensibly (docs/device-layer.md, "Bounds on what a key answers").
TEST_F(HubDeviceTest, AbsurdAttributeLengthFailsThatCallOnly)
{
    auto victim = openLoggedIn(m_serials[0]);
    auto bystander = openLoggedIn(m_serials[1]);
    ASSERT_TRUE(victim);
    ASSERT_TRUE(bystander);
    ASSERT_TRUE(victim->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("v")));
    ASSERT_TRUE(bystander->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("b")));
    ASSERT_TRUE(
        m_control->injectFault(hub(m_serials[0]), "C_GetAttributeValue", HubState::FaultKind::HugeLength));

    auto refused = victim->keyPairs();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, DeviceError::Code::Pkcs11);
    EXPECT_EQ(refused.error().call, QStringLiteral("C_GetAttributeValue"));
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("1099511627776")))
        << refused.error().toString().toStdString();

    auto other = bystander->keyPairs();
    ASSERT_TRUE(other) << other.error().toString().toStdString();
    EXPECT_EQ(other->size(), 1);
    auto again = victim->keyPairs();
    ASSERT_TRUE(again) << again.error().toString().toStdString();
    ASSERT_EQ(again->size(), 1);
    EXPECT_TRUE(again->front().generatedOnKey());
}

// A key whose C_FindObjects always says it filled the buffer would keep a reader looping for ever: the search
// stops after p11::kMaxFoundObjects objects with a typed error and is closed (C_FindObjectsFinal), so the
// next search on that session works.
TEST_F(HubDeviceTest, EndlessObjectListIsCutShort)
{
    auto session = openLoggedIn(m_serials[0]);
    ASSERT_TRUE(session);
    ASSERT_TRUE(session->generateKeyPair(KeyAlgorithm::EcP256, QStringLiteral("k")));
    ASSERT_TRUE(
        m_control->injectFault(hub(m_serials[0]), "C_FindObjects", HubState::FaultKind::Endless, 0, 0));

    auto refused = session->keyPairs();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, DeviceError::Code::Pkcs11);
    EXPECT_EQ(refused.error().call, QStringLiteral("C_FindObjects"));

    ASSERT_TRUE(m_control->clearFaults());
    auto pairs = session->keyPairs();
    ASSERT_TRUE(pairs) << pairs.error().toString().toStdString();
    EXPECT_EQ(pairs->size(), 1);
}
