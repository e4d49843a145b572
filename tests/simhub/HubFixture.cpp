#include "HubFixture.h"

#include <cstdlib>
#include <cstring>

#include <dlfcn.h>

namespace ks::test {

namespace {

// Loaded once per test binary and never unloaded: the module keeps SoftHSM loaded for the process.
CK_FUNCTION_LIST_PTR hubFunctions()
{
    static CK_FUNCTION_LIST_PTR functions = [] {
        void *handle = dlopen(KS_SIMHUB_MODULE_PATH, RTLD_NOW | RTLD_LOCAL);
        if (!handle)
            return static_cast<CK_FUNCTION_LIST_PTR>(nullptr);
        auto getList = reinterpret_cast<CK_C_GetFunctionList>(dlsym(handle, "C_GetFunctionList"));
        CK_FUNCTION_LIST_PTR list = nullptr;
        if (!getList || getList(&list) != CKR_OK)
            return static_cast<CK_FUNCTION_LIST_PTR>(nullptr);
        return list;
    }();
    return functions;
}

} // namespace

void HubFixture::SetUp()
{
    m_env = std::make_unique<SoftHsmEnv>();
    m_statePath = m_env->dir() + "/hub.state";
    ::setenv("KS_SIMHUB_STATE", m_statePath.c_str(), 1);
    ::setenv("KS_SIMHUB_TARGET", SoftHsmEnv::softHsmModulePath().c_str(), 1);
    m_control = std::make_unique<simhub::SimHubControl>(m_statePath);
    m_p11 = hubFunctions();
    ASSERT_NE(m_p11, nullptr) << dlerror();
}

void HubFixture::TearDown()
{
    finalize();
    ::unsetenv("KS_SIMHUB_STATE");
    m_env.reset();
}

std::vector<std::string> HubFixture::makeTokens(int n)
{
    return m_env->initTokens(n);
}

void HubFixture::initialize()
{
    CK_C_INITIALIZE_ARGS args {};
    args.flags = CKF_OS_LOCKING_OK;
    ASSERT_EQ(m_p11->C_Initialize(&args), CKR_OK);
    m_initialized = true;
}

void HubFixture::finalize()
{
    if (m_initialized) {
        EXPECT_EQ(m_p11->C_Finalize(nullptr), CKR_OK);
    }
    m_initialized = false;
}

std::vector<CK_SLOT_ID> HubFixture::slots(bool tokenPresent)
{
    CK_ULONG count = 0;
    EXPECT_EQ(m_p11->C_GetSlotList(tokenPresent ? CK_TRUE : CK_FALSE, nullptr, &count), CKR_OK);
    std::vector<CK_SLOT_ID> ids(count);
    if (count > 0) {
        EXPECT_EQ(m_p11->C_GetSlotList(tokenPresent ? CK_TRUE : CK_FALSE, ids.data(), &count), CKR_OK);
    }
    ids.resize(count);
    return ids;
}

std::string HubFixture::serialOf(CK_SLOT_ID slot)
{
    CK_TOKEN_INFO info {};
    if (m_p11->C_GetTokenInfo(slot, &info) != CKR_OK)
        return {};
    std::string serial(reinterpret_cast<const char *>(info.serialNumber), sizeof info.serialNumber);
    serial.erase(serial.find_last_not_of(' ') + 1);
    return serial;
}

CK_SLOT_ID HubFixture::slotOf(const std::string &serial)
{
    for (CK_SLOT_ID slot : slots(true)) {
        if (serialOf(slot) == serial)
            return slot;
    }
    ADD_FAILURE() << "no present slot holds " << serial;
    return 0;
}

CK_SESSION_HANDLE HubFixture::openSession(CK_SLOT_ID slot)
{
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    EXPECT_EQ(m_p11->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session),
              CKR_OK);
    return session;
}

CK_RV HubFixture::login(CK_SESSION_HANDLE session, const std::string &pin)
{
    std::string copy = pin;
    return m_p11->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(copy.data()), copy.size());
}

CK_FLAGS HubFixture::tokenFlags(CK_SLOT_ID slot)
{
    CK_TOKEN_INFO info {};
    EXPECT_EQ(m_p11->C_GetTokenInfo(slot, &info), CKR_OK);
    return info.flags;
}

CK_RV HubFixture::generateEcKey(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE *privateKey)
{
    // DER of OID 1.2.840.10045.3.1.7 (P-256).
    CK_BYTE params[] = { 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
    CK_BBOOL yes = CK_TRUE;
    CK_ATTRIBUTE publicTemplate[] = {
        { CKA_EC_PARAMS, params, sizeof params },
        { CKA_VERIFY, &yes, sizeof yes },
        { CKA_TOKEN, &yes, sizeof yes },
    };
    CK_ATTRIBUTE privateTemplate[] = {
        { CKA_SIGN, &yes, sizeof yes },
        { CKA_TOKEN, &yes, sizeof yes },
        { CKA_PRIVATE, &yes, sizeof yes },
    };
    CK_MECHANISM mechanism { CKM_EC_KEY_PAIR_GEN, nullptr, 0 };
    CK_OBJECT_HANDLE pub = 0, priv = 0;
    const CK_RV rv
        = m_p11->C_GenerateKeyPair(session, &mechanism, publicTemplate, 3, privateTemplate, 3, &pub, &priv);
    if (privateKey)
        *privateKey = priv;
    return rv;
}

CK_RV HubFixture::sign(CK_SESSION_HANDLE session, CK_OBJECT_HANDLE privateKey)
{
    CK_MECHANISM mechanism { CKM_ECDSA, nullptr, 0 };
    CK_RV rv = m_p11->C_SignInit(session, &mechanism, privateKey);
    if (rv != CKR_OK)
        return rv;
    CK_BYTE digest[32] = { 1, 2, 3 };
    CK_BYTE signature[128];
    CK_ULONG length = sizeof signature;
    return m_p11->C_Sign(session, digest, sizeof digest, signature, &length);
}

CK_ULONG HubFixture::countObjects(CK_SESSION_HANDLE session, CK_OBJECT_CLASS objectClass)
{
    CK_ATTRIBUTE match { CKA_CLASS, &objectClass, sizeof objectClass };
    EXPECT_EQ(m_p11->C_FindObjectsInit(session, &match, 1), CKR_OK);
    CK_OBJECT_HANDLE found[64];
    CK_ULONG count = 0;
    EXPECT_EQ(m_p11->C_FindObjects(session, found, 64, &count), CKR_OK);
    EXPECT_EQ(m_p11->C_FindObjectsFinal(session), CKR_OK);
    return count;
}

long long HubFixture::msSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace ks::test
