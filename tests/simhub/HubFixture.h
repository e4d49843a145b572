#pragma once

#include "SimHubControl.h"
#include "SoftHsmEnv.h"

#include <p11-kit/pkcs11.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace ks::test {

// Fresh SoftHSM tokens behind the simulated hub, a private state file, and the hub module loaded and
// initialised on demand (after the test has configured the state it starts from).
class HubFixture : public ::testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    std::vector<std::string> makeTokens(int n);
    void initialize();
    void finalize();

    std::vector<CK_SLOT_ID> slots(bool tokenPresent);
    std::string serialOf(CK_SLOT_ID slot);
    CK_SLOT_ID slotOf(const std::string &serial);
    CK_SESSION_HANDLE openSession(CK_SLOT_ID slot);
    CK_RV login(CK_SESSION_HANDLE session, const std::string &pin = "123456");
    CK_FLAGS tokenFlags(CK_SLOT_ID slot);
    CK_RV generateEcKey(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE *privateKey = nullptr);
    CK_RV sign(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE privateKey);
    CK_ULONG countObjects(CK_SESSION_HANDLE session, CK_OBJECT_CLASS objectClass);

    static long long msSince(std::chrono::steady_clock::time_point start);

    std::unique_ptr<SoftHsmEnv> m_env;
    std::unique_ptr<simhub::SimHubControl> m_control;
    std::string m_statePath;
    CK_FUNCTION_LIST_PTR m_p11 = nullptr;
    bool m_initialized = false;
};

} // namespace ks::test
