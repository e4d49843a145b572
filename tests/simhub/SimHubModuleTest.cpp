#include "HubFixture.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <dlfcn.h>
#include <future>
#include <memory>
#include <set>
#include <thread>

using ks::simhub::HubState;
using ks::test::HubFixture;
using Clock = std::chrono::steady_clock;

namespace {

class SimHubModuleTest : public HubFixture
{
};

// Waits (non-blocking polls) up to `ms` for a slot event.
CK_RV pollEvent(CK_FUNCTION_LIST_PTR p11, CK_SLOT_ID *slot, int ms)
{
    const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
    CK_RV rv = CKR_NO_EVENT;
    while (Clock::now() < deadline) {
        rv = p11->C_WaitForSlotEvent(CKF_DONT_BLOCK, slot, nullptr);
        if (rv != CKR_NO_EVENT)
            return rv;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return rv;
}

TEST_F(SimHubModuleTest, FunctionListIsComplete)
{
    CK_FUNCTION_LIST_PTR list = m_p11;
    EXPECT_EQ(list->version.major, 2);
    EXPECT_EQ(list->version.minor, 40);
    // Every member after the version is a function pointer; none may be null.
    const auto *first = reinterpret_cast<const unsigned char *>(&list->C_Initialize);
    const auto *end = reinterpret_cast<const unsigned char *>(list) + sizeof(CK_FUNCTION_LIST);
    int count = 0;
    for (const unsigned char *p = first; p < end; p += sizeof(void *), ++count) {
        void *fn = nullptr;
        std::memcpy(&fn, p, sizeof fn);
        EXPECT_NE(fn, nullptr) << "function #" << count;
    }
    EXPECT_EQ(count, 68);
    CK_SLOT_ID slot = 0;
    EXPECT_EQ(m_p11->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, nullptr), CKR_CRYPTOKI_NOT_INITIALIZED);
}

TEST_F(SimHubModuleTest, ListsEveryInitialisedTokenWithItsSerial)
{
    const auto serials = makeTokens(3);
    initialize();
    const auto present = slots(true);
    ASSERT_EQ(present.size(), 3u); // SoftHSM's free slot is hidden
    EXPECT_EQ(slots(false).size(), 3u);
    std::set<std::string> seen;
    for (CK_SLOT_ID slot : present) {
        EXPECT_GE(slot, 1u);
        EXPECT_LE(slot, 3u);
        seen.insert(serialOf(slot));
        CK_SLOT_INFO info {};
        ASSERT_EQ(m_p11->C_GetSlotInfo(slot, &info), CKR_OK);
        EXPECT_TRUE(info.flags & CKF_TOKEN_PRESENT);
        EXPECT_TRUE(info.flags & CKF_REMOVABLE_DEVICE);
    }
    EXPECT_EQ(seen, std::set<std::string>(serials.begin(), serials.end()));
    CK_INFO info {};
    ASSERT_EQ(m_p11->C_GetInfo(&info), CKR_OK);
    EXPECT_EQ(info.cryptokiVersion.minor, 40);
    // The module registers the keys it saw, so the control side can list them.
    EXPECT_EQ(m_control->listKeys().size(), 3u);
}

TEST_F(SimHubModuleTest, ShowsUninitialisedSlotWhenAsked)
{
    makeTokens(2);
    ASSERT_TRUE(m_control->setShowUninitialized(true));
    initialize();
    EXPECT_EQ(slots(true).size(), 3u);
}

TEST_F(SimHubModuleTest, UnplugRemovesKeyAndReplugComesBackLoggedOut)
{
    const auto serials = makeTokens(2);
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]), b = slotOf(serials[1]);
    const CK_SESSION_HANDLE sa = openSession(a), sb = openSession(b);
    ASSERT_EQ(login(sa), CKR_OK);
    ASSERT_EQ(login(sb), CKR_OK);

    ASSERT_TRUE(m_control->unplug(serials[0]));
    EXPECT_EQ(slots(true), std::vector<CK_SLOT_ID> { b });
    EXPECT_EQ(slots(false).size(), 2u);
    CK_SLOT_INFO slotInfo {};
    ASSERT_EQ(m_p11->C_GetSlotInfo(a, &slotInfo), CKR_OK);
    EXPECT_FALSE(slotInfo.flags & CKF_TOKEN_PRESENT);
    CK_TOKEN_INFO tokenInfo {};
    EXPECT_EQ(m_p11->C_GetTokenInfo(a, &tokenInfo), CKR_TOKEN_NOT_PRESENT);
    CK_SESSION_INFO sessionInfo {};
    EXPECT_EQ(m_p11->C_GetSessionInfo(sa, &sessionInfo), CKR_DEVICE_REMOVED);
    EXPECT_EQ(generateEcKey(sa), CKR_DEVICE_REMOVED);
    CK_SESSION_HANDLE none = 0;
    EXPECT_EQ(m_p11->C_OpenSession(a, CKF_SERIAL_SESSION, nullptr, nullptr, &none), CKR_TOKEN_NOT_PRESENT);
    // The other key does not notice.
    ASSERT_EQ(m_p11->C_GetSessionInfo(sb, &sessionInfo), CKR_OK);
    EXPECT_EQ(sessionInfo.state, CKS_RW_USER_FUNCTIONS);

    ASSERT_TRUE(m_control->plug(serials[0]));
    EXPECT_EQ(slots(true).size(), 2u);
    EXPECT_EQ(serialOf(a), serials[0]);
    EXPECT_EQ(m_p11->C_GetSessionInfo(sa, &sessionInfo), CKR_DEVICE_REMOVED); // old sessions stay dead
    const CK_SESSION_HANDLE again = openSession(a);
    ASSERT_EQ(m_p11->C_GetSessionInfo(again, &sessionInfo), CKR_OK);
    EXPECT_EQ(sessionInfo.state, CKS_RW_PUBLIC_SESSION); // logged out, like a key that lost power
    EXPECT_EQ(login(again), CKR_OK);
    EXPECT_EQ(m_p11->C_CloseSession(sa), CKR_DEVICE_REMOVED);
}

TEST_F(SimHubModuleTest, DefaultAbsentStartsWithAnEmptyHub)
{
    const auto serials = makeTokens(2);
    ASSERT_TRUE(m_control->setDefaultPresent(false));
    initialize();
    EXPECT_TRUE(slots(true).empty());
    EXPECT_EQ(slots(false).size(), 2u);
    ASSERT_TRUE(m_control->plug(serials[1]));
    ASSERT_EQ(slots(true).size(), 1u);
    EXPECT_EQ(serialOf(slots(true)[0]), serials[1]);
}

TEST_F(SimHubModuleTest, DontBlockWaitReportsPlugAndUnplug)
{
    const auto serials = makeTokens(2);
    initialize();
    const CK_SLOT_ID b = slotOf(serials[1]);
    CK_SLOT_ID slot = 0;
    EXPECT_EQ(m_p11->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, nullptr), CKR_NO_EVENT);

    ASSERT_TRUE(m_control->unplug(serials[1]));
    ASSERT_EQ(pollEvent(m_p11, &slot, 1000), CKR_OK);
    EXPECT_EQ(slot, b);
    EXPECT_EQ(m_p11->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, nullptr), CKR_NO_EVENT);

    ASSERT_TRUE(m_control->plug(serials[1]));
    ASSERT_EQ(pollEvent(m_p11, &slot, 1000), CKR_OK);
    EXPECT_EQ(slot, b);
    CK_SLOT_INFO info {};
    ASSERT_EQ(m_p11->C_GetSlotInfo(slot, &info), CKR_OK);
    EXPECT_TRUE(info.flags & CKF_TOKEN_PRESENT);
}

TEST_F(SimHubModuleTest, BlockingWaitReportsUnplugAndPlugWithinASecond)
{
    const auto serials = makeTokens(2);
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    auto waiter = std::async(std::launch::async, [this] {
        CK_SLOT_ID slot = 0;
        const auto start = Clock::now();
        const CK_RV rv = m_p11->C_WaitForSlotEvent(0, &slot, nullptr);
        return std::make_tuple(rv, slot, msSince(start));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const auto pulledAt = Clock::now();
    ASSERT_TRUE(m_control->unplug(serials[0]));
    ASSERT_EQ(waiter.wait_for(std::chrono::seconds(1)), std::future_status::ready);
    const auto [rv, slot, elapsed] = waiter.get();
    EXPECT_EQ(rv, CKR_OK);
    EXPECT_EQ(slot, a);
    EXPECT_GE(elapsed, 100);
    EXPECT_LT(msSince(pulledAt), 1000);

    auto plugWaiter = std::async(std::launch::async, [this] {
        CK_SLOT_ID plugged = 0;
        const CK_RV plugRv = m_p11->C_WaitForSlotEvent(0, &plugged, nullptr);
        return std::make_pair(plugRv, plugged);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    EXPECT_EQ(plugWaiter.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout); // nothing yet
    ASSERT_TRUE(m_control->plug(serials[0]));
    ASSERT_EQ(plugWaiter.wait_for(std::chrono::seconds(1)), std::future_status::ready);
    EXPECT_EQ(plugWaiter.get(), std::make_pair(CKR_OK, a));
}

TEST_F(SimHubModuleTest, FinalizeEndsABlockingWait)
{
    makeTokens(1);
    initialize();
    auto waiter = std::async(std::launch::async, [this] {
        CK_SLOT_ID slot = 0;
        return m_p11->C_WaitForSlotEvent(0, &slot, nullptr);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    const auto start = Clock::now();
    finalize();
    EXPECT_LT(msSince(start), 1000);
    ASSERT_EQ(waiter.wait_for(std::chrono::seconds(1)), std::future_status::ready);
    EXPECT_EQ(waiter.get(), CKR_CRYPTOKI_NOT_INITIALIZED);
}

TEST_F(SimHubModuleTest, LatencyIsAddedPerOperationAndPerKey)
{
    const auto serials = makeTokens(2);
    ASSERT_TRUE(m_control->setLatency("C_Login", 200));
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 200));
    ASSERT_TRUE(m_control->setLatency("C_Sign", 250, serials[0]));
    ASSERT_TRUE(m_control->setLatency("C_FindObjects", 200, serials[0]));
    initialize();
    const CK_SESSION_HANDLE sa = openSession(slotOf(serials[0])), sb = openSession(slotOf(serials[1]));

    auto start = Clock::now();
    ASSERT_EQ(login(sa), CKR_OK);
    EXPECT_GE(msSince(start), 200);
    ASSERT_EQ(login(sb), CKR_OK);

    CK_OBJECT_HANDLE ka = 0, kb = 0;
    start = Clock::now();
    ASSERT_EQ(generateEcKey(sa, &ka), CKR_OK);
    EXPECT_GE(msSince(start), 200);
    ASSERT_EQ(generateEcKey(sb, &kb), CKR_OK);

    start = Clock::now();
    ASSERT_EQ(sign(sa, ka), CKR_OK);
    EXPECT_GE(msSince(start), 250);
    start = Clock::now();
    ASSERT_EQ(sign(sb, kb), CKR_OK);
    EXPECT_LT(msSince(start), 200); // per-key setting: the other key is fast

    start = Clock::now();
    EXPECT_EQ(countObjects(sa, CKO_PRIVATE_KEY), 1u);
    EXPECT_GE(msSince(start), 200);
}

TEST_F(SimHubModuleTest, RsaKeyGenerationLatencyDependsOnModulusBits)
{
    const auto serials = makeTokens(1);
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:RSA1024", 300));
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:RSA", 5000)); // less specific: must not apply
    initialize();
    const CK_SESSION_HANDLE s = openSession(slotOf(serials[0]));
    ASSERT_EQ(login(s), CKR_OK);
    CK_ULONG bits = 1024;
    CK_BYTE exponent[] = { 0x01, 0x00, 0x01 };
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE publicTemplate[] = { { CKA_MODULUS_BITS, &bits, sizeof bits },
                                      { CKA_PUBLIC_EXPONENT, exponent, sizeof exponent },
                                      { CKA_VERIFY, &yes, sizeof yes } };
    CK_ATTRIBUTE privateTemplate[] = { { CKA_SIGN, &yes, sizeof yes } };
    CK_MECHANISM mechanism { CKM_RSA_PKCS_KEY_PAIR_GEN, nullptr, 0 };
    CK_OBJECT_HANDLE pub = 0, priv = 0;
    const auto start = Clock::now();
    ASSERT_EQ(m_p11->C_GenerateKeyPair(s, &mechanism, publicTemplate, 3, privateTemplate, 1, &pub, &priv),
              CKR_OK);
    EXPECT_GE(msSince(start), 300);
    EXPECT_LT(msSince(start), 4000);
}

TEST_F(SimHubModuleTest, PullDuringSlowKeyGenerationReturnsPromptlyAndCreatesNothing)
{
    const auto serials = makeTokens(1);
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 3000));
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    const CK_SESSION_HANDLE s = openSession(a);
    ASSERT_EQ(login(s), CKR_OK);
    auto keygen = std::async(std::launch::async, [&] {
        const auto start = Clock::now();
        const CK_RV rv = generateEcKey(s);
        return std::make_pair(rv, msSince(start));
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_TRUE(m_control->unplug(serials[0]));
    const auto [rv, elapsed] = keygen.get();
    EXPECT_EQ(rv, CKR_DEVICE_REMOVED);
    EXPECT_LT(elapsed, 1000);

    ASSERT_TRUE(m_control->plug(serials[0]));
    const CK_SESSION_HANDLE again = openSession(a);
    ASSERT_EQ(login(again), CKR_OK);
    EXPECT_EQ(countObjects(again, CKO_PRIVATE_KEY), 0u);
    EXPECT_EQ(countObjects(again, CKO_PUBLIC_KEY), 0u);
}

// The chip's latency runs around the real work (docs/simulated-hub.md, "Latency"): the key pair exists while
// the call still waits out its latency, and a pull during that wait still fails the call and takes the pair
// back. Asserted by the order of events, not by timing: the latency (10 min) outlasts any wait in this test.
TEST_F(SimHubModuleTest, LatencyRunsAroundTheRealWorkAndAPullStillTakesTheStepBack)
{
    const auto serials = makeTokens(1);
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 600000));
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    const CK_SESSION_HANDLE s = openSession(a), watcher = openSession(a);
    ASSERT_EQ(login(s), CKR_OK); // logs in every session of the key
    auto keygen = std::async(std::launch::async, [&] { return generateEcKey(s); });
    // A failed assertion must not wait out the latency in the future's destructor: the pull ends the call.
    bool pulled = false;
    const auto pullOnExit = std::shared_ptr<void>(nullptr, [&](void *) {
        if (!pulled)
            m_control->unplug(serials[0]);
    });
    bool madeWhileWaiting = false;
    for (int i = 0; i < 3000 && !madeWhileWaiting; ++i) {
        ASSERT_NE(keygen.wait_for(std::chrono::milliseconds(10)), std::future_status::ready);
        madeWhileWaiting = countObjects(watcher, CKO_PRIVATE_KEY) == 1;
    }
    ASSERT_TRUE(madeWhileWaiting) << "the key pair was not made before the latency was over";
    EXPECT_EQ(countObjects(watcher, CKO_PUBLIC_KEY), 1u);

    pulled = true;
    ASSERT_TRUE(m_control->unplug(serials[0]));
    ASSERT_EQ(keygen.wait_for(std::chrono::seconds(60)), std::future_status::ready);
    EXPECT_EQ(keygen.get(), CKR_DEVICE_REMOVED);
    ASSERT_TRUE(m_control->plug(serials[0]));
    const CK_SESSION_HANDLE again = openSession(a);
    ASSERT_EQ(login(again), CKR_OK);
    EXPECT_EQ(countObjects(again, CKO_PRIVATE_KEY), 0u);
    EXPECT_EQ(countObjects(again, CKO_PUBLIC_KEY), 0u);
}

// Once the call has returned, the step is done: a later pull keeps what it made.
TEST_F(SimHubModuleTest, PullAfterTheCallReturnedKeepsWhatItMade)
{
    const auto serials = makeTokens(1);
    ASSERT_TRUE(m_control->setLatency("C_GenerateKeyPair:EC", 50));
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    const CK_SESSION_HANDLE s = openSession(a);
    ASSERT_EQ(login(s), CKR_OK);
    ASSERT_EQ(generateEcKey(s), CKR_OK);
    ASSERT_TRUE(m_control->unplug(serials[0]));
    CK_OBJECT_HANDLE unused = 0;
    EXPECT_EQ(generateEcKey(s, &unused), CKR_DEVICE_REMOVED); // the pull is seen
    ASSERT_TRUE(m_control->plug(serials[0]));
    const CK_SESSION_HANDLE again = openSession(a);
    ASSERT_EQ(login(again), CKR_OK);
    EXPECT_EQ(countObjects(again, CKO_PRIVATE_KEY), 1u);
    EXPECT_EQ(countObjects(again, CKO_PUBLIC_KEY), 1u);
}

TEST_F(SimHubModuleTest, WrongPinsCountDownToLockOut)
{
    const auto serials = makeTokens(1);
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    const CK_SESSION_HANDLE s = openSession(a);
    constexpr CK_FLAGS pinFlags = CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED;
    EXPECT_EQ(tokenFlags(a) & pinFlags, 0u);

    EXPECT_EQ(login(s, "999999"), CKR_PIN_INCORRECT);
    EXPECT_EQ(tokenFlags(a) & pinFlags, CKF_USER_PIN_COUNT_LOW);
    EXPECT_EQ(login(s, "999999"), CKR_PIN_INCORRECT);
    EXPECT_EQ(tokenFlags(a) & pinFlags, CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY);
    EXPECT_EQ(login(s, "999999"), CKR_PIN_INCORRECT);
    EXPECT_EQ(tokenFlags(a) & pinFlags, CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_LOCKED);
    EXPECT_EQ(login(s), CKR_PIN_LOCKED); // even the right PIN

    // Real tokens keep their counters: so does the hub, across processes and reloads.
    finalize();
    initialize();
    const CK_SESSION_HANDLE s2 = openSession(slotOf(serials[0]));
    EXPECT_TRUE(tokenFlags(a) & CKF_USER_PIN_LOCKED);
    EXPECT_EQ(login(s2), CKR_PIN_LOCKED);
    const auto keys = m_control->listKeys();
    ASSERT_EQ(keys.size(), 1u);
    EXPECT_EQ(keys[0].triesLeft, 0);

    ASSERT_TRUE(m_control->setPinTries(serials[0], 5)); // administrator unblock
    EXPECT_EQ(tokenFlags(a) & pinFlags, 0u);
    EXPECT_EQ(login(s2), CKR_OK);
}

TEST_F(SimHubModuleTest, RightPinResetsTheCounterAndItPersists)
{
    const auto serials = makeTokens(1);
    ASSERT_TRUE(m_control->setPinTries(serials[0], 2));
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    CK_SESSION_HANDLE s = openSession(a);
    EXPECT_EQ(login(s, "000000"), CKR_PIN_INCORRECT);
    EXPECT_TRUE(tokenFlags(a) & CKF_USER_PIN_FINAL_TRY); // 1 of 2 left

    finalize();
    initialize();
    EXPECT_TRUE(tokenFlags(a) & CKF_USER_PIN_FINAL_TRY);
    s = openSession(a);
    EXPECT_EQ(login(s), CKR_OK);
    EXPECT_EQ(tokenFlags(a) & (CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY), 0u);
    EXPECT_EQ(m_control->listKeys().at(0).triesLeft, 2);
}

TEST_F(SimHubModuleTest, RemovedFaultFiresOnceAfterSkippedCalls)
{
    const auto serials = makeTokens(1);
    initialize();
    const CK_SESSION_HANDLE s = openSession(slotOf(serials[0]));
    ASSERT_EQ(login(s), CKR_OK);
    CK_OBJECT_HANDLE key = 0;
    ASSERT_EQ(generateEcKey(s, &key), CKR_OK);
    ASSERT_TRUE(m_control->injectFault(serials[0], "C_Sign", HubState::FaultKind::Removed, 1));
    EXPECT_EQ(sign(s, key), CKR_OK);
    EXPECT_EQ(sign(s, key), CKR_DEVICE_REMOVED);
    EXPECT_EQ(sign(s, key), CKR_OK); // once by default; the key itself is still there
    EXPECT_EQ(m_control->state()->faults.at(0).fired, 1);
}

TEST_F(SimHubModuleTest, ErrorFaultCanFireSeveralTimesOrAlways)
{
    const auto serials = makeTokens(2);
    initialize();
    const CK_SESSION_HANDLE s = openSession(slotOf(serials[0]));
    const CK_SESSION_HANDLE other = openSession(slotOf(serials[1]));
    ASSERT_EQ(login(s), CKR_OK);
    ASSERT_EQ(login(other), CKR_OK);
    ASSERT_TRUE(m_control->injectFault(serials[0], "C_FindObjectsInit", HubState::FaultKind::Error, 0, 2));
    CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    CK_ATTRIBUTE match { CKA_CLASS, &cls, sizeof cls };
    EXPECT_EQ(m_p11->C_FindObjectsInit(other, &match, 1), CKR_OK); // other key: no fault
    EXPECT_EQ(m_p11->C_FindObjectsFinal(other), CKR_OK);
    EXPECT_EQ(m_p11->C_FindObjectsInit(s, &match, 1), CKR_DEVICE_ERROR);
    EXPECT_EQ(m_p11->C_FindObjectsInit(s, &match, 1), CKR_DEVICE_ERROR);
    EXPECT_EQ(m_p11->C_FindObjectsInit(s, &match, 1), CKR_OK);
    EXPECT_EQ(m_p11->C_FindObjectsFinal(s), CKR_OK);

    ASSERT_TRUE(m_control->injectFault("*", "C_CreateObject", HubState::FaultKind::Error, 0, 0));
    CK_BYTE value[] = { 0x30, 0x00 };
    CK_CERTIFICATE_TYPE type = CKC_X_509;
    CK_BBOOL no = CK_FALSE;
    CK_ATTRIBUTE cert[] = { { CKA_CLASS, &cls, sizeof cls },
                            { CKA_CERTIFICATE_TYPE, &type, sizeof type },
                            { CKA_TOKEN, &no, sizeof no },
                            { CKA_VALUE, value, sizeof value },
                            { CKA_SUBJECT, value, sizeof value } };
    CK_OBJECT_HANDLE object = 0;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(m_p11->C_CreateObject(s, cert, 5, &object), CKR_DEVICE_ERROR);
        EXPECT_EQ(m_p11->C_CreateObject(other, cert, 5, &object), CKR_DEVICE_ERROR);
    }
    ASSERT_TRUE(m_control->clearFaults());
    EXPECT_EQ(m_p11->C_CreateObject(s, cert, 5, &object), CKR_OK);
}

TEST_F(SimHubModuleTest, HangFaultBlocksThenFailsOrEndsOnPull)
{
    const auto serials = makeTokens(1);
    initialize();
    const CK_SESSION_HANDLE s = openSession(slotOf(serials[0]));
    ASSERT_TRUE(m_control->injectFault(serials[0], "C_Login", HubState::FaultKind::Hang, 0, 1, 300));
    auto start = Clock::now();
    EXPECT_EQ(login(s), CKR_DEVICE_ERROR);
    EXPECT_GE(msSince(start), 300);
    EXPECT_LT(msSince(start), 2000);
    EXPECT_EQ(login(s), CKR_OK);
    ASSERT_EQ(m_p11->C_Logout(s), CKR_OK);

    ASSERT_TRUE(m_control->injectFault(serials[0], "C_Login", HubState::FaultKind::Hang, 0, 1, 60000));
    auto hung = std::async(std::launch::async, [&] { return login(s); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    start = Clock::now();
    ASSERT_TRUE(m_control->unplug(serials[0]));
    ASSERT_EQ(hung.wait_for(std::chrono::seconds(1)), std::future_status::ready);
    EXPECT_EQ(hung.get(), CKR_DEVICE_REMOVED);
}

TEST_F(SimHubModuleTest, PullFaultUnplugsTheKeyForEveryone)
{
    const auto serials = makeTokens(2);
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    const CK_SESSION_HANDLE s = openSession(a);
    ASSERT_EQ(login(s), CKR_OK);
    ASSERT_TRUE(m_control->injectFault(serials[0], "C_GenerateKeyPair", HubState::FaultKind::Pull));
    EXPECT_EQ(generateEcKey(s), CKR_DEVICE_REMOVED);
    EXPECT_EQ(slots(true).size(), 1u);
    CK_SLOT_ID slot = 0;
    ASSERT_EQ(m_p11->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, nullptr), CKR_OK);
    EXPECT_EQ(slot, a);
    const auto state = m_control->state();
    ASSERT_TRUE(state);
    EXPECT_FALSE(state->isPresent(serials[0])); // written to the state file: every process sees it
    EXPECT_TRUE(state->isPresent(serials[1]));

    ASSERT_TRUE(m_control->plug(serials[0]));
    const CK_SESSION_HANDLE again = openSession(a);
    ASSERT_EQ(login(again), CKR_OK);
    EXPECT_EQ(generateEcKey(again), CKR_OK); // fired once
    EXPECT_EQ(countObjects(again, CKO_PRIVATE_KEY), 1u);
}

TEST_F(SimHubModuleTest, TwoKeysSignInParallelWithoutAGlobalLock)
{
    const auto serials = makeTokens(2);
    initialize();
    CK_SESSION_HANDLE sessions[2];
    CK_OBJECT_HANDLE keys[2];
    for (int i = 0; i < 2; ++i) {
        sessions[i] = openSession(slotOf(serials[i]));
        ASSERT_EQ(login(sessions[i]), CKR_OK);
        ASSERT_EQ(generateEcKey(sessions[i], &keys[i]), CKR_OK);
    }
    ASSERT_TRUE(m_control->setLatency("C_Sign", 300));
    const auto start = Clock::now();
    auto first = std::async(std::launch::async, [&] { return sign(sessions[0], keys[0]); });
    auto second = std::async(std::launch::async, [&] { return sign(sessions[1], keys[1]); });
    EXPECT_EQ(first.get(), CKR_OK);
    EXPECT_EQ(second.get(), CKR_OK);
    const auto elapsed = msSince(start);
    EXPECT_GE(elapsed, 300);
    EXPECT_LT(elapsed, 550) << "signing on two keys serialised";
}

TEST_F(SimHubModuleTest, ManyThreadsOnManyKeysWhileKeysComeAndGo)
{
    const auto serials = makeTokens(4);
    initialize();
    std::vector<CK_SESSION_HANDLE> sessions;
    std::vector<CK_OBJECT_HANDLE> keys;
    for (const auto &serial : serials) {
        sessions.push_back(openSession(slotOf(serial)));
        ASSERT_EQ(login(sessions.back()), CKR_OK);
        keys.push_back(0);
        ASSERT_EQ(generateEcKey(sessions.back(), &keys.back()), CKR_OK);
    }
    std::atomic<bool> stop { false };
    std::vector<std::future<int>> workers;
    for (size_t i = 0; i < serials.size(); ++i) {
        workers.push_back(std::async(std::launch::async, [&, i] {
            int unexpected = 0;
            while (!stop) {
                const CK_RV rv = sign(sessions[i], keys[i]);
                if (rv != CKR_OK && rv != CKR_DEVICE_REMOVED)
                    ++unexpected;
                if (rv == CKR_DEVICE_REMOVED)
                    return unexpected; // the key went away under us: this worker is done
            }
            return unexpected;
        }));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(m_control->unplug(serials[3]));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop = true;
    for (auto &w : workers)
        EXPECT_EQ(w.get(), 0);
    EXPECT_EQ(slots(true).size(), 3u);
}

TEST_F(SimHubModuleTest, WithoutAStateFileEverythingStaysInMemory)
{
    const auto serials = makeTokens(2);
    ::unsetenv("KS_SIMHUB_STATE");
    initialize();
    ASSERT_EQ(slots(true).size(), 2u);
    const CK_SLOT_ID a = slotOf(serials[0]);
    const CK_SESSION_HANDLE s = openSession(a);
    EXPECT_EQ(login(s, "000000"), CKR_PIN_INCORRECT);
    EXPECT_TRUE(tokenFlags(a) & CKF_USER_PIN_COUNT_LOW);
    EXPECT_EQ(login(s), CKR_OK);
    EXPECT_FALSE(tokenFlags(a) & CKF_USER_PIN_COUNT_LOW);
    CK_SLOT_ID slot = 0;
    EXPECT_EQ(m_p11->C_WaitForSlotEvent(CKF_DONT_BLOCK, &slot, nullptr), CKR_NO_EVENT);
    EXPECT_FALSE(std::filesystem::exists(m_statePath));
}

TEST_F(SimHubModuleTest, SharesARealModuleSomeoneElseInitialised)
{
    const auto serials = makeTokens(1);
    void *softhsm = dlopen(ks::test::SoftHsmEnv::softHsmModulePath().c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(softhsm, nullptr);
    auto getList = reinterpret_cast<CK_C_GetFunctionList>(dlsym(softhsm, "C_GetFunctionList"));
    CK_FUNCTION_LIST_PTR direct = nullptr;
    ASSERT_EQ(getList(&direct), CKR_OK);
    ASSERT_EQ(direct->C_Initialize(nullptr), CKR_OK);
    initialize();
    EXPECT_EQ(serialOf(slotOf(serials[0])), serials[0]);
    finalize();
    // The hub left SoftHSM initialised for its first user.
    CK_ULONG count = 0;
    EXPECT_EQ(direct->C_GetSlotList(CK_TRUE, nullptr, &count), CKR_OK);
    EXPECT_EQ(direct->C_Finalize(nullptr), CKR_OK);
}

TEST_F(SimHubModuleTest, SetPinSpendsTriesAndTheSoUnblocksWithInitPin)
{
    const auto serials = makeTokens(1);
    initialize();
    const CK_SLOT_ID a = slotOf(serials[0]);
    const CK_SESSION_HANDLE s = openSession(a);
    CK_UTF8CHAR wrongOld[] = "000000";
    CK_UTF8CHAR newPin[] = "654321";
    EXPECT_EQ(m_p11->C_SetPIN(s, wrongOld, 6, newPin, 6), CKR_PIN_INCORRECT);
    EXPECT_TRUE(tokenFlags(a) & CKF_USER_PIN_COUNT_LOW);
    EXPECT_EQ(login(s, "000000"), CKR_PIN_INCORRECT);
    EXPECT_EQ(login(s, "000000"), CKR_PIN_INCORRECT);
    EXPECT_TRUE(tokenFlags(a) & CKF_USER_PIN_LOCKED);
    EXPECT_EQ(m_p11->C_SetPIN(s, wrongOld, 6, newPin, 6), CKR_PIN_LOCKED);

    CK_UTF8CHAR soPin[] = "12345678";
    ASSERT_EQ(m_p11->C_Login(s, CKU_SO, soPin, 8), CKR_OK);
    ASSERT_EQ(m_p11->C_InitPIN(s, newPin, 6), CKR_OK);
    ASSERT_EQ(m_p11->C_Logout(s), CKR_OK);
    EXPECT_FALSE(tokenFlags(a) & (CKF_USER_PIN_LOCKED | CKF_USER_PIN_COUNT_LOW));
    EXPECT_EQ(login(s, "654321"), CKR_OK);
}

TEST_F(SimHubModuleTest, FaultInAnUpdateEndsTheOperationLikeARealToken)
{
    const auto serials = makeTokens(1);
    initialize();
    const CK_SESSION_HANDLE s = openSession(slotOf(serials[0]));
    ASSERT_TRUE(m_control->injectFault(serials[0], "C_DigestUpdate", HubState::FaultKind::Error));
    CK_MECHANISM sha256 { CKM_SHA256, nullptr, 0 };
    CK_BYTE part[] = { 'a', 'b', 'c' };
    ASSERT_EQ(m_p11->C_DigestInit(s, &sha256), CKR_OK);
    EXPECT_EQ(m_p11->C_DigestUpdate(s, part, sizeof part), CKR_DEVICE_ERROR);
    // PKCS#11: a failed update ends the operation, so a new one starts (not CKR_OPERATION_ACTIVE).
    ASSERT_EQ(m_p11->C_DigestInit(s, &sha256), CKR_OK);
    ASSERT_EQ(m_p11->C_DigestUpdate(s, part, sizeof part), CKR_OK);
    CK_BYTE digest[32];
    CK_ULONG length = sizeof digest;
    ASSERT_EQ(m_p11->C_DigestFinal(s, digest, &length), CKR_OK);
    EXPECT_EQ(length, 32u);
    EXPECT_EQ(digest[0], 0xba); // SHA-256("abc") = ba7816bf...
    EXPECT_EQ(digest[1], 0x78);
}

TEST_F(SimHubModuleTest, AnotherProcessUnplugsThroughTheTool)
{
    const auto serials = makeTokens(2);
    initialize();
    const CK_SLOT_ID b = slotOf(serials[1]);
    auto waiter = std::async(std::launch::async, [this] {
        CK_SLOT_ID slot = 0;
        const CK_RV rv = m_p11->C_WaitForSlotEvent(0, &slot, nullptr);
        return std::make_pair(rv, slot);
    });
    const std::string command
        = std::string(KS_SIMHUB_TOOL_PATH) + " --state " + m_statePath + " unplug " + serials[1];
    ASSERT_EQ(std::system(command.c_str()), 0);
    ASSERT_EQ(waiter.wait_for(std::chrono::seconds(1)), std::future_status::ready);
    EXPECT_EQ(waiter.get(), std::make_pair(CKR_OK, b));
    EXPECT_EQ(slots(true).size(), 1u);
}

TEST_F(SimHubModuleTest, KeysPulledAndReplugedWhileThreadsUseThem)
{
    const auto serials = makeTokens(3);
    initialize();
    std::atomic<bool> stop { false };
    std::vector<std::future<std::string>> workers;
    for (const auto &serial : serials) {
        const CK_SLOT_ID slot = slotOf(serial);
        for (int t = 0; t < 2; ++t) {
            workers.push_back(std::async(std::launch::async, [&, slot] {
                std::string unexpected;
                const auto expect = [&](CK_RV rv, std::initializer_list<CK_RV> allowed, const char *what) {
                    if (std::find(allowed.begin(), allowed.end(), rv) == allowed.end())
                        unexpected += std::string(what) + "=" + std::to_string(rv) + " ";
                };
                while (!stop) {
                    CK_SESSION_HANDLE h = 0;
                    CK_RV rv = m_p11->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr,
                                                    nullptr, &h);
                    expect(rv, { CKR_OK, CKR_TOKEN_NOT_PRESENT, CKR_DEVICE_REMOVED }, "open");
                    if (rv != CKR_OK)
                        continue;
                    expect(login(h), { CKR_OK, CKR_USER_ALREADY_LOGGED_IN, CKR_DEVICE_REMOVED }, "login");
                    CK_BYTE random[16];
                    expect(m_p11->C_GenerateRandom(h, random, sizeof random), { CKR_OK, CKR_DEVICE_REMOVED },
                           "rng");
                    expect(m_p11->C_CloseSession(h), { CKR_OK, CKR_DEVICE_REMOVED }, "close");
                }
                return unexpected;
            }));
        }
    }
    const auto until = Clock::now() + std::chrono::milliseconds(600);
    for (size_t i = 0; Clock::now() < until; ++i) {
        const auto &serial = serials[i % serials.size()];
        ASSERT_TRUE(m_control->unplug(serial));
        std::this_thread::sleep_for(std::chrono::milliseconds(15));
        ASSERT_TRUE(m_control->plug(serial));
        std::this_thread::sleep_for(std::chrono::milliseconds(15));
    }
    stop = true;
    for (auto &w : workers)
        EXPECT_EQ(w.get(), "");
    ASSERT_EQ(slots(true).size(), 3u);
    for (const auto &serial : serials) {
        const CK_SESSION_HANDLE h = openSession(slotOf(serial));
        CK_BYTE random[16];
        EXPECT_EQ(m_p11->C_GenerateRandom(h, random, sizeof random), CKR_OK);
    }
}

} // namespace
