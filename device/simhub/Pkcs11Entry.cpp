// The PKCS#11 entry points of ks-simhub-pkcs11.so. Each one either answers from the Hub (slots, events)
// or forwards to the real module after the Hub's presence and fault checks, the chip's latency running
// around the real call (Hub::leave). Session and object handles are the real module's, passed through
// unchanged.
#include "Hub.h"

#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>

using ks::simhub::Hub;

namespace {

std::mutex g_lifecycleMutex;
std::atomic<Hub *> g_hub { nullptr };
// Calls currently inside the module; C_Finalize waits for them before it tears the Hub down.
std::atomic<int> g_activeCalls { 0 };

// Counts the call in before reading g_hub, so C_Finalize (which clears g_hub, then waits for the count
// to drop) either sees this call or makes it see no hub.
class CallScope
{
public:
    CallScope()
    {
        ++g_activeCalls;
        m_hub = g_hub.load();
    }
    ~CallScope() { --g_activeCalls; }
    CallScope(const CallScope &) = delete;
    CallScope &operator=(const CallScope &) = delete;
    Hub *hub() const { return m_hub; }

private:
    Hub *m_hub = nullptr;
};

CK_RV noCleanup(CK_FUNCTION_LIST_PTR)
{
    return CKR_OK;
}

CK_RV noLie(ks::simhub::HubState::FaultKind, CK_RV rv)
{
    return rv;
}

std::vector<CK_OBJECT_HANDLE> nothingMade()
{
    return {};
}

// `cleanup` runs when an injected fault fails the call: PKCS#11 says a failed single-part, update or
// final call ends the session's active operation, so the real module's operation must end too, or the
// caller's next *Init would get CKR_OPERATION_ACTIVE where a real token would not.
// `lie` falsifies a successful answer when a lying fault (huge-length, endless) fired on the call.
// `made` names the objects a successful call created: a pull before the call returns takes them back.
template<class Forward, class Cleanup = decltype(&noCleanup), class Lie = decltype(&noLie),
         class Made = decltype(&nothingMade)>
CK_RV sessionCall(CK_SESSION_HANDLE session, const char *function, const std::vector<std::string> &ops,
                  Forward forward, Cleanup cleanup = &noCleanup, Lie lie = &noLie, Made made = &nothingMade)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    const CK_RV rv = hub->enterSession(session, function, ops, call);
    if (rv != CKR_OK) {
        // Still plugged after a failure: it was a fault (a pull would have closed the real session).
        if (call.slot && hub->alive(call) && !hub->finalizing())
            hub->callReal(call, [&] { return cleanup(hub->real()); });
        return rv;
    }
    const CK_RV result = hub->leave(call, hub->callReal(call, [&] {
        const CK_RV done = forward(hub->real());
        if (done == CKR_OK) {
            for (const CK_OBJECT_HANDLE object : made())
                hub->created(call, session, object);
        }
        return done;
    }));
    return result == CKR_OK && call.lie ? lie(*call.lie, result) : result;
}

// Ends the real module's operation on `session` by finishing it into a scratch buffer.
template<class Final> CK_RV finishInto(Final final)
{
    std::vector<CK_BYTE> scratch(16384);
    CK_ULONG length = scratch.size();
    return final(scratch.data(), &length);
}

std::vector<std::string> keyGenerationOps(CK_MECHANISM_PTR mechanism, CK_ATTRIBUTE_PTR publicTemplate,
                                          CK_ULONG count)
{
    const std::string generic = "C_GenerateKeyPair";
    if (!mechanism)
        return { generic };
    if (mechanism->mechanism == CKM_RSA_PKCS_KEY_PAIR_GEN
        || mechanism->mechanism == CKM_RSA_X9_31_KEY_PAIR_GEN) {
        std::vector<std::string> ops;
        for (CK_ULONG i = 0; publicTemplate && i < count; ++i) {
            const auto &a = publicTemplate[i];
            if (a.type == CKA_MODULUS_BITS && a.pValue && a.ulValueLen == sizeof(CK_ULONG)) {
                CK_ULONG bits = 0;
                std::memcpy(&bits, a.pValue, sizeof bits);
                ops.push_back(generic + ":RSA" + std::to_string(bits));
            }
        }
        ops.push_back(generic + ":RSA");
        ops.push_back(generic);
        return ops;
    }
    if (mechanism->mechanism == CKM_EC_KEY_PAIR_GEN)
        return { generic + ":EC", generic };
    return { generic };
}

void padded(unsigned char *field, size_t size, const char *text)
{
    std::memset(field, ' ', size);
    std::memcpy(field, text, std::min(size, std::strlen(text)));
}

} // namespace

#define KS_SESSION_FORWARD(name, params, args)                                                               \
    extern "C" CK_RV name params                                                                             \
    {                                                                                                        \
        return sessionCall(hSession, #name, {}, [&](CK_FUNCTION_LIST_PTR real) { return real->name args; }); \
    }

// An operation-ending call (single-part or final): on a fault, the real call runs and its result is dropped.
#define KS_SESSION_FORWARD_ENDING(name, params, args)                                                        \
    extern "C" CK_RV name params                                                                             \
    {                                                                                                        \
        const auto forward = [&](CK_FUNCTION_LIST_PTR real) { return real->name args; };                     \
        return sessionCall(hSession, #name, {}, forward, forward);                                           \
    }

// An update call: on a fault, the operation is ended through its final call into a scratch buffer.
#define KS_SESSION_FORWARD_UPDATE(name, params, args, finalName)                                             \
    extern "C" CK_RV name params                                                                             \
    {                                                                                                        \
        return sessionCall(                                                                                  \
            hSession, #name, {}, [&](CK_FUNCTION_LIST_PTR real) { return real->name args; },                 \
            [&](CK_FUNCTION_LIST_PTR real) {                                                                 \
                return finishInto(                                                                           \
                    [&](CK_BYTE_PTR out, CK_ULONG_PTR len) { return real->finalName(hSession, out, len); }); \
            });                                                                                              \
    }

extern "C" CK_RV C_Initialize(CK_VOID_PTR pInitArgs)
{
    std::lock_guard lock(g_lifecycleMutex);
    if (g_hub.load())
        return CKR_CRYPTOKI_ALREADY_INITIALIZED;
    if (pInitArgs) {
        const auto *args = static_cast<CK_C_INITIALIZE_ARGS *>(pInitArgs);
        if (args->pReserved)
            return CKR_ARGUMENTS_BAD;
        // All or none of the mutex callbacks (PKCS#11 2.40 §5.4). We always lock with the OS primitives,
        // which the standard allows when CKF_OS_LOCKING_OK is set; the callbacks go on to the real module.
        const int given = (args->CreateMutex != nullptr) + (args->DestroyMutex != nullptr)
            + (args->LockMutex != nullptr) + (args->UnlockMutex != nullptr);
        if (given != 0 && given != 4)
            return CKR_ARGUMENTS_BAD;
    }
    std::unique_ptr<Hub> hub;
    const CK_RV rv = Hub::create(pInitArgs, hub);
    if (rv == CKR_OK)
        g_hub = hub.release();
    return rv;
}

extern "C" CK_RV C_Finalize(CK_VOID_PTR pReserved)
{
    if (pReserved)
        return CKR_ARGUMENTS_BAD;
    std::lock_guard lock(g_lifecycleMutex);
    Hub *hub = g_hub.load();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    hub->beginFinalize();
    g_hub = nullptr;
    // Event waiters and latency sleepers notice beginFinalize within one poll step; a call inside the
    // real module finishes first. Give up after a while rather than hang the caller (and then leak).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (g_activeCalls.load() > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const CK_RV rv = hub->finalizeReal();
    if (g_activeCalls.load() == 0)
        delete hub;
    return rv;
}

extern "C" CK_RV C_GetInfo(CK_INFO_PTR pInfo)
{
    CallScope scope;
    if (!scope.hub())
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    const CK_RV rv = scope.hub()->real()->C_GetInfo(pInfo);
    if (rv == CKR_OK) {
        pInfo->cryptokiVersion = { 2, 40 };
        padded(pInfo->libraryDescription, sizeof pInfo->libraryDescription, "KeyStation simulated hub");
    }
    return rv;
}

extern "C" CK_RV C_GetSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR pSlotList, CK_ULONG_PTR pulCount)
{
    CallScope scope;
    return scope.hub() ? scope.hub()->getSlotList(tokenPresent, pSlotList, pulCount)
                       : CKR_CRYPTOKI_NOT_INITIALIZED;
}

extern "C" CK_RV C_GetSlotInfo(CK_SLOT_ID slotID, CK_SLOT_INFO_PTR pInfo)
{
    CallScope scope;
    return scope.hub() ? scope.hub()->getSlotInfo(slotID, pInfo) : CKR_CRYPTOKI_NOT_INITIALIZED;
}

extern "C" CK_RV C_GetTokenInfo(CK_SLOT_ID slotID, CK_TOKEN_INFO_PTR pInfo)
{
    CallScope scope;
    return scope.hub() ? scope.hub()->getTokenInfo(slotID, pInfo) : CKR_CRYPTOKI_NOT_INITIALIZED;
}

extern "C" CK_RV C_WaitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR pSlot, CK_VOID_PTR pReserved)
{
    if (pReserved)
        return CKR_ARGUMENTS_BAD;
    CallScope scope;
    return scope.hub() ? scope.hub()->waitForSlotEvent(flags, pSlot) : CKR_CRYPTOKI_NOT_INITIALIZED;
}

namespace {

template<class Forward> CK_RV slotCall(CK_SLOT_ID slotID, const char *function, Forward forward)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    const CK_RV rv = hub->enterSlot(slotID, function, {}, call);
    if (rv != CKR_OK)
        return rv;
    return hub->leave(call, hub->callReal(call, [&] { return forward(hub->real(), hub->realSlot(call)); }));
}

} // namespace

extern "C" CK_RV C_GetMechanismList(CK_SLOT_ID slotID, CK_MECHANISM_TYPE_PTR pMechanismList,
                                    CK_ULONG_PTR pulCount)
{
    return slotCall(slotID, "C_GetMechanismList", [&](CK_FUNCTION_LIST_PTR real, CK_SLOT_ID realSlot) {
        return real->C_GetMechanismList(realSlot, pMechanismList, pulCount);
    });
}

extern "C" CK_RV C_GetMechanismInfo(CK_SLOT_ID slotID, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR pInfo)
{
    return slotCall(slotID, "C_GetMechanismInfo", [&](CK_FUNCTION_LIST_PTR real, CK_SLOT_ID realSlot) {
        return real->C_GetMechanismInfo(realSlot, type, pInfo);
    });
}

extern "C" CK_RV C_InitToken(CK_SLOT_ID slotID, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen,
                             CK_UTF8CHAR_PTR pLabel)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    CK_RV rv = hub->enterSlot(slotID, "C_InitToken", {}, call);
    if (rv != CKR_OK)
        return rv;
    rv = hub->leave(call, hub->callReal(call, [&] {
        return hub->real()->C_InitToken(hub->realSlot(call), pPin, ulPinLen, pLabel);
    }));
    if (rv == CKR_OK)
        hub->resetPinTries(call); // a re-initialised token has a fresh user PIN
    return rv;
}

extern "C" CK_RV C_OpenSession(CK_SLOT_ID slotID, CK_FLAGS flags, CK_VOID_PTR pApplication, CK_NOTIFY Notify,
                               CK_SESSION_HANDLE_PTR phSession)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    CK_RV rv = hub->enterSlot(slotID, "C_OpenSession", {}, call);
    if (rv != CKR_OK)
        return rv;
    // Recorded under the key's lock: if the key is pulled meanwhile, the pull's close (which waits for the
    // lock) ends this session too, and its handle cannot be reused before it is in the map.
    rv = hub->callReal(call, [&] {
        const CK_RV opened
            = hub->real()->C_OpenSession(hub->realSlot(call), flags, pApplication, Notify, phSession);
        if (opened == CKR_OK)
            hub->sessionOpened(call, *phSession);
        return opened;
    });
    return hub->leave(call, rv);
}

extern "C" CK_RV C_CloseSession(CK_SESSION_HANDLE hSession)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    CK_RV rv = hub->enterSession(hSession, "C_CloseSession", {}, call);
    if (rv == CKR_DEVICE_REMOVED && !hub->alive(call)) {
        // The pull already closed the real session; forwarding could close a reused handle.
        hub->sessionClosed(hSession);
        return rv;
    }
    if (rv != CKR_OK)
        return rv;
    rv = hub->callReal(call, [&] {
        const CK_RV closed = hub->real()->C_CloseSession(hSession);
        if (closed == CKR_OK || closed == CKR_SESSION_HANDLE_INVALID)
            hub->sessionClosed(hSession);
        return closed;
    });
    if (rv == CKR_DEVICE_REMOVED)
        hub->sessionClosed(hSession);
    return hub->leave(call, rv);
}

extern "C" CK_RV C_CloseAllSessions(CK_SLOT_ID slotID)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    CK_RV rv = hub->enterSlot(slotID, "C_CloseAllSessions", {}, call);
    if (rv == CKR_TOKEN_NOT_PRESENT) {
        // Nothing is open on a pulled key (the pull closed it all); let cleanup code succeed.
        hub->slotSessionsClosed(*call.slot);
        return CKR_OK;
    }
    if (rv != CKR_OK)
        return rv;
    rv = hub->callReal(call, [&] { return hub->real()->C_CloseAllSessions(hub->realSlot(call)); });
    hub->slotSessionsClosed(*call.slot);
    return hub->leave(call, rv);
}

extern "C" CK_RV C_Login(CK_SESSION_HANDLE hSession, CK_USER_TYPE userType, CK_UTF8CHAR_PTR pPin,
                         CK_ULONG ulPinLen)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    CK_RV rv = hub->enterSession(hSession, "C_Login", {}, call);
    if (rv != CKR_OK)
        return rv;
    const bool user = userType == CKU_USER;
    // A locked key refuses even the right PIN, and the real module is never asked.
    if (user && hub->pinLocked(call))
        return CKR_PIN_LOCKED;
    rv = hub->leave(
        call, hub->callReal(call, [&] { return hub->real()->C_Login(hSession, userType, pPin, ulPinLen); }));
    if (user)
        hub->pinResult(call, rv);
    return rv;
}

extern "C" CK_RV C_SetPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pOldPin, CK_ULONG ulOldLen,
                          CK_UTF8CHAR_PTR pNewPin, CK_ULONG ulNewLen)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    CK_RV rv = hub->enterSession(hSession, "C_SetPIN", {}, call);
    if (rv != CKR_OK)
        return rv;
    // Changing the user PIN checks the old one, which counts as a try; the SO's PIN has no counter here.
    CK_SESSION_INFO info {};
    const bool user
        = hub->callReal(call, [&] { return hub->real()->C_GetSessionInfo(hSession, &info); }) == CKR_OK
        && info.state != CKS_RW_SO_FUNCTIONS;
    if (user && hub->pinLocked(call))
        return CKR_PIN_LOCKED;
    rv = hub->leave(call, hub->callReal(call, [&] {
        return hub->real()->C_SetPIN(hSession, pOldPin, ulOldLen, pNewPin, ulNewLen);
    }));
    if (user)
        hub->pinResult(call, rv);
    return rv;
}

extern "C" CK_RV C_InitPIN(CK_SESSION_HANDLE hSession, CK_UTF8CHAR_PTR pPin, CK_ULONG ulPinLen)
{
    CallScope scope;
    Hub *hub = scope.hub();
    if (!hub)
        return CKR_CRYPTOKI_NOT_INITIALIZED;
    Hub::Call call;
    CK_RV rv = hub->enterSession(hSession, "C_InitPIN", {}, call);
    if (rv != CKR_OK)
        return rv;
    rv = hub->leave(call,
                    hub->callReal(call, [&] { return hub->real()->C_InitPIN(hSession, pPin, ulPinLen); }));
    if (rv == CKR_OK)
        hub->resetPinTries(call); // the SO setting the user PIN unblocks it, as on real tokens
    return rv;
}

extern "C" CK_RV C_GenerateKeyPair(CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism,
                                   CK_ATTRIBUTE_PTR pPublicKeyTemplate, CK_ULONG ulPublicKeyAttributeCount,
                                   CK_ATTRIBUTE_PTR pPrivateKeyTemplate, CK_ULONG ulPrivateKeyAttributeCount,
                                   CK_OBJECT_HANDLE_PTR phPublicKey, CK_OBJECT_HANDLE_PTR phPrivateKey)
{
    bool cardChoosesId = false;
    {
        CallScope scope;
        cardChoosesId = scope.hub() && scope.hub()->cardChoosesKeyIds();
    }
    return sessionCall(
        hSession, "C_GenerateKeyPair",
        keyGenerationOps(pMechanism, pPublicKeyTemplate, ulPublicKeyAttributeCount),
        [&](CK_FUNCTION_LIST_PTR real) {
            CK_RV rv = real->C_GenerateKeyPair(hSession, pMechanism, pPublicKeyTemplate,
                                               ulPublicKeyAttributeCount, pPrivateKeyTemplate,
                                               ulPrivateKeyAttributeCount, phPublicKey, phPrivateKey);
            if (rv != CKR_OK || !cardChoosesId || !phPublicKey || !phPrivateKey)
                return rv;
            // The card's own id, as cards that derive it from the key do: 20 bytes.
            CK_BYTE id[20];
            rv = real->C_GenerateRandom(hSession, id, sizeof id);
            CK_ATTRIBUTE attr { CKA_ID, id, sizeof id };
            if (rv == CKR_OK)
                rv = real->C_SetAttributeValue(hSession, *phPublicKey, &attr, 1);
            if (rv == CKR_OK)
                rv = real->C_SetAttributeValue(hSession, *phPrivateKey, &attr, 1);
            return rv;
        },
        &noCleanup, &noLie,
        [&] {
            return phPublicKey && phPrivateKey ? std::vector<CK_OBJECT_HANDLE> { *phPublicKey, *phPrivateKey }
                                               : std::vector<CK_OBJECT_HANDLE> {};
        });
}

extern "C" CK_RV C_SignFinal(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen)
{
    return sessionCall(hSession, "C_SignFinal", { "C_SignFinal", "C_Sign" }, [&](CK_FUNCTION_LIST_PTR real) {
        return real->C_SignFinal(hSession, pSignature, pulSignatureLen);
    });
}

KS_SESSION_FORWARD(C_GetSessionInfo, (CK_SESSION_HANDLE hSession, CK_SESSION_INFO_PTR pInfo),
                   (hSession, pInfo))
KS_SESSION_FORWARD(C_GetOperationState,
                   (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState,
                    CK_ULONG_PTR pulOperationStateLen),
                   (hSession, pOperationState, pulOperationStateLen))
KS_SESSION_FORWARD(C_SetOperationState,
                   (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pOperationState, CK_ULONG ulOperationStateLen,
                    CK_OBJECT_HANDLE hEncryptionKey, CK_OBJECT_HANDLE hAuthenticationKey),
                   (hSession, pOperationState, ulOperationStateLen, hEncryptionKey, hAuthenticationKey))
KS_SESSION_FORWARD(C_Logout, (CK_SESSION_HANDLE hSession), (hSession))
extern "C" CK_RV C_CreateObject(CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount,
                                CK_OBJECT_HANDLE_PTR phObject)
{
    return sessionCall(
        hSession, "C_CreateObject", {},
        [&](CK_FUNCTION_LIST_PTR real) {
            return real->C_CreateObject(hSession, pTemplate, ulCount, phObject);
        },
        &noCleanup, &noLie,
        [&] { return phObject ? std::vector { *phObject } : std::vector<CK_OBJECT_HANDLE> {}; });
}

extern "C" CK_RV C_CopyObject(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                              CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phNewObject)
{
    return sessionCall(
        hSession, "C_CopyObject", {},
        [&](CK_FUNCTION_LIST_PTR real) {
            return real->C_CopyObject(hSession, hObject, pTemplate, ulCount, phNewObject);
        },
        &noCleanup, &noLie,
        [&] { return phNewObject ? std::vector { *phNewObject } : std::vector<CK_OBJECT_HANDLE> {}; });
}
KS_SESSION_FORWARD(C_DestroyObject, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject),
                   (hSession, hObject))
KS_SESSION_FORWARD(C_GetObjectSize,
                   (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, CK_ULONG_PTR pulSize),
                   (hSession, hObject, pulSize))
// huge-length: every length in the answer becomes 2^40 bytes (the values stay as SoftHSM wrote them).
extern "C" CK_RV C_GetAttributeValue(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject,
                                     CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount)
{
    return sessionCall(
        hSession, "C_GetAttributeValue", {},
        [&](CK_FUNCTION_LIST_PTR real) {
            return real->C_GetAttributeValue(hSession, hObject, pTemplate, ulCount);
        },
        &noCleanup,
        [&](ks::simhub::HubState::FaultKind kind, CK_RV rv) {
            if (kind == ks::simhub::HubState::FaultKind::HugeLength && pTemplate) {
                for (CK_ULONG i = 0; i < ulCount; ++i)
                    pTemplate[i].ulValueLen = CK_ULONG(1) << 40;
            }
            return rv;
        });
}
KS_SESSION_FORWARD(C_SetAttributeValue,
                   (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hObject, CK_ATTRIBUTE_PTR pTemplate,
                    CK_ULONG ulCount),
                   (hSession, hObject, pTemplate, ulCount))
KS_SESSION_FORWARD(C_FindObjectsInit,
                   (CK_SESSION_HANDLE hSession, CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulCount),
                   (hSession, pTemplate, ulCount))
// endless: the answer says the whole buffer was filled (handles past the real ones are 0), so a caller that
// reads until a short answer never stops.
extern "C" CK_RV C_FindObjects(CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE_PTR phObject,
                               CK_ULONG ulMaxObjectCount, CK_ULONG_PTR pulObjectCount)
{
    return sessionCall(
        hSession, "C_FindObjects", {},
        [&](CK_FUNCTION_LIST_PTR real) {
            return real->C_FindObjects(hSession, phObject, ulMaxObjectCount, pulObjectCount);
        },
        &noCleanup,
        [&](ks::simhub::HubState::FaultKind kind, CK_RV rv) {
            if (kind == ks::simhub::HubState::FaultKind::Endless && phObject && pulObjectCount) {
                for (CK_ULONG i = *pulObjectCount; i < ulMaxObjectCount; ++i)
                    phObject[i] = 0;
                *pulObjectCount = ulMaxObjectCount;
            }
            return rv;
        });
}
KS_SESSION_FORWARD(C_FindObjectsFinal, (CK_SESSION_HANDLE hSession), (hSession))
KS_SESSION_FORWARD(C_EncryptInit,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey),
                   (hSession, pMechanism, hKey))
KS_SESSION_FORWARD_ENDING(C_Encrypt,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                           CK_BYTE_PTR pEncryptedData, CK_ULONG_PTR pulEncryptedDataLen),
                          (hSession, pData, ulDataLen, pEncryptedData, pulEncryptedDataLen))
KS_SESSION_FORWARD_UPDATE(C_EncryptUpdate,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen,
                           CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen),
                          (hSession, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen), C_EncryptFinal)
KS_SESSION_FORWARD_ENDING(C_EncryptFinal,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastEncryptedPart,
                           CK_ULONG_PTR pulLastEncryptedPartLen),
                          (hSession, pLastEncryptedPart, pulLastEncryptedPartLen))
KS_SESSION_FORWARD(C_DecryptInit,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey),
                   (hSession, pMechanism, hKey))
KS_SESSION_FORWARD_ENDING(C_Decrypt,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedData,
                           CK_ULONG ulEncryptedDataLen, CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen),
                          (hSession, pEncryptedData, ulEncryptedDataLen, pData, pulDataLen))
KS_SESSION_FORWARD_UPDATE(C_DecryptUpdate,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart,
                           CK_ULONG ulEncryptedPartLen, CK_BYTE_PTR pPart, CK_ULONG_PTR pulPartLen),
                          (hSession, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen), C_DecryptFinal)
KS_SESSION_FORWARD_ENDING(C_DecryptFinal,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pLastPart, CK_ULONG_PTR pulLastPartLen),
                          (hSession, pLastPart, pulLastPartLen))
KS_SESSION_FORWARD(C_DigestInit, (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism),
                   (hSession, pMechanism))
KS_SESSION_FORWARD_ENDING(C_Digest,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                           CK_BYTE_PTR pDigest, CK_ULONG_PTR pulDigestLen),
                          (hSession, pData, ulDataLen, pDigest, pulDigestLen))
KS_SESSION_FORWARD_UPDATE(C_DigestUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen),
                          (hSession, pPart, ulPartLen), C_DigestFinal)
KS_SESSION_FORWARD_UPDATE(C_DigestKey, (CK_SESSION_HANDLE hSession, CK_OBJECT_HANDLE hKey), (hSession, hKey),
                          C_DigestFinal)
KS_SESSION_FORWARD_ENDING(C_DigestFinal,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pDigest, CK_ULONG_PTR pulDigestLen),
                          (hSession, pDigest, pulDigestLen))
KS_SESSION_FORWARD(C_SignInit,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey),
                   (hSession, pMechanism, hKey))
KS_SESSION_FORWARD_ENDING(C_Sign,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                           CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen),
                          (hSession, pData, ulDataLen, pSignature, pulSignatureLen))
KS_SESSION_FORWARD_UPDATE(C_SignUpdate, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen),
                          (hSession, pPart, ulPartLen), C_SignFinal)
KS_SESSION_FORWARD(C_SignRecoverInit,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey),
                   (hSession, pMechanism, hKey))
KS_SESSION_FORWARD_ENDING(C_SignRecover,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                           CK_BYTE_PTR pSignature, CK_ULONG_PTR pulSignatureLen),
                          (hSession, pData, ulDataLen, pSignature, pulSignatureLen))
KS_SESSION_FORWARD(C_VerifyInit,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey),
                   (hSession, pMechanism, hKey))
KS_SESSION_FORWARD_ENDING(C_Verify,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pData, CK_ULONG ulDataLen,
                           CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen),
                          (hSession, pData, ulDataLen, pSignature, ulSignatureLen))
extern "C" CK_RV C_VerifyUpdate(CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen)
{
    return sessionCall(
        hSession, "C_VerifyUpdate", {},
        [&](CK_FUNCTION_LIST_PTR real) { return real->C_VerifyUpdate(hSession, pPart, ulPartLen); },
        [&](CK_FUNCTION_LIST_PTR real) {
            CK_BYTE bogus[1] = { 0 }; // fails verification, which ends the operation
            return real->C_VerifyFinal(hSession, bogus, sizeof bogus);
        });
}
KS_SESSION_FORWARD_ENDING(C_VerifyFinal,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen),
                          (hSession, pSignature, ulSignatureLen))
KS_SESSION_FORWARD(C_VerifyRecoverInit,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hKey),
                   (hSession, pMechanism, hKey))
KS_SESSION_FORWARD_ENDING(C_VerifyRecover,
                          (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSignature, CK_ULONG ulSignatureLen,
                           CK_BYTE_PTR pData, CK_ULONG_PTR pulDataLen),
                          (hSession, pSignature, ulSignatureLen, pData, pulDataLen))
KS_SESSION_FORWARD(C_DigestEncryptUpdate,
                   (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen,
                    CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen),
                   (hSession, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
KS_SESSION_FORWARD(C_DecryptDigestUpdate,
                   (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, CK_ULONG ulEncryptedPartLen,
                    CK_BYTE_PTR pPart, CK_ULONG_PTR pulPartLen),
                   (hSession, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
KS_SESSION_FORWARD(C_SignEncryptUpdate,
                   (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pPart, CK_ULONG ulPartLen,
                    CK_BYTE_PTR pEncryptedPart, CK_ULONG_PTR pulEncryptedPartLen),
                   (hSession, pPart, ulPartLen, pEncryptedPart, pulEncryptedPartLen))
KS_SESSION_FORWARD(C_DecryptVerifyUpdate,
                   (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pEncryptedPart, CK_ULONG ulEncryptedPartLen,
                    CK_BYTE_PTR pPart, CK_ULONG_PTR pulPartLen),
                   (hSession, pEncryptedPart, ulEncryptedPartLen, pPart, pulPartLen))
KS_SESSION_FORWARD(C_GenerateKey,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_ATTRIBUTE_PTR pTemplate,
                    CK_ULONG ulCount, CK_OBJECT_HANDLE_PTR phKey),
                   (hSession, pMechanism, pTemplate, ulCount, phKey))
KS_SESSION_FORWARD(C_WrapKey,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hWrappingKey,
                    CK_OBJECT_HANDLE hKey, CK_BYTE_PTR pWrappedKey, CK_ULONG_PTR pulWrappedKeyLen),
                   (hSession, pMechanism, hWrappingKey, hKey, pWrappedKey, pulWrappedKeyLen))
KS_SESSION_FORWARD(C_UnwrapKey,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hUnwrappingKey,
                    CK_BYTE_PTR pWrappedKey, CK_ULONG ulWrappedKeyLen, CK_ATTRIBUTE_PTR pTemplate,
                    CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey),
                   (hSession, pMechanism, hUnwrappingKey, pWrappedKey, ulWrappedKeyLen, pTemplate,
                    ulAttributeCount, phKey))
KS_SESSION_FORWARD(C_DeriveKey,
                   (CK_SESSION_HANDLE hSession, CK_MECHANISM_PTR pMechanism, CK_OBJECT_HANDLE hBaseKey,
                    CK_ATTRIBUTE_PTR pTemplate, CK_ULONG ulAttributeCount, CK_OBJECT_HANDLE_PTR phKey),
                   (hSession, pMechanism, hBaseKey, pTemplate, ulAttributeCount, phKey))
KS_SESSION_FORWARD(C_SeedRandom, (CK_SESSION_HANDLE hSession, CK_BYTE_PTR pSeed, CK_ULONG ulSeedLen),
                   (hSession, pSeed, ulSeedLen))
KS_SESSION_FORWARD(C_GenerateRandom,
                   (CK_SESSION_HANDLE hSession, CK_BYTE_PTR RandomData, CK_ULONG ulRandomLen),
                   (hSession, RandomData, ulRandomLen))
KS_SESSION_FORWARD(C_GetFunctionStatus, (CK_SESSION_HANDLE hSession), (hSession))
KS_SESSION_FORWARD(C_CancelFunction, (CK_SESSION_HANDLE hSession), (hSession))

namespace {

CK_FUNCTION_LIST g_functionList = {
    { 2, 40 },
    C_Initialize,
    C_Finalize,
    C_GetInfo,
    C_GetFunctionList,
    C_GetSlotList,
    C_GetSlotInfo,
    C_GetTokenInfo,
    C_GetMechanismList,
    C_GetMechanismInfo,
    C_InitToken,
    C_InitPIN,
    C_SetPIN,
    C_OpenSession,
    C_CloseSession,
    C_CloseAllSessions,
    C_GetSessionInfo,
    C_GetOperationState,
    C_SetOperationState,
    C_Login,
    C_Logout,
    C_CreateObject,
    C_CopyObject,
    C_DestroyObject,
    C_GetObjectSize,
    C_GetAttributeValue,
    C_SetAttributeValue,
    C_FindObjectsInit,
    C_FindObjects,
    C_FindObjectsFinal,
    C_EncryptInit,
    C_Encrypt,
    C_EncryptUpdate,
    C_EncryptFinal,
    C_DecryptInit,
    C_Decrypt,
    C_DecryptUpdate,
    C_DecryptFinal,
    C_DigestInit,
    C_Digest,
    C_DigestUpdate,
    C_DigestKey,
    C_DigestFinal,
    C_SignInit,
    C_Sign,
    C_SignUpdate,
    C_SignFinal,
    C_SignRecoverInit,
    C_SignRecover,
    C_VerifyInit,
    C_Verify,
    C_VerifyUpdate,
    C_VerifyFinal,
    C_VerifyRecoverInit,
    C_VerifyRecover,
    C_DigestEncryptUpdate,
    C_DecryptDigestUpdate,
    C_SignEncryptUpdate,
    C_DecryptVerifyUpdate,
    C_GenerateKey,
    C_GenerateKeyPair,
    C_WrapKey,
    C_UnwrapKey,
    C_DeriveKey,
    C_SeedRandom,
    C_GenerateRandom,
    C_GetFunctionStatus,
    C_CancelFunction,
    C_WaitForSlotEvent,
};

} // namespace

extern "C" CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR ppFunctionList)
{
    if (!ppFunctionList)
        return CKR_ARGUMENTS_BAD;
    *ppFunctionList = &g_functionList;
    return CKR_OK;
}
