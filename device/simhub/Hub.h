#pragma once

#include "HubState.h"
#include "StateFile.h"

#include <p11-kit/pkcs11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ks::simhub {

// The simulated USB hub behind ks-simhub-pkcs11.so: one port (slot) per initialised SoftHSM token,
// a key plugged or pulled as the state file says. Lives from C_Initialize to C_Finalize.
//
// Locking: m_stateMutex guards the cached state and presence flips, m_sessionMutex the session map,
// m_eventMutex the slot-event queue, m_faultMutex the per-process fault counters; each Slot's realMutex is
// held shared by calls inside the real module and exclusively while a pull closes the key's real sessions.
// None is held while a call sleeps for latency or waits for an event, so keys work in parallel.
//
// Latency runs around the real work, as on a chip that works while the host waits: a call records when it
// entered and its latency, does the real SoftHSM work, and leave() sleeps only what the work left, so a step
// lasts max(latency, real work). Objects a call creates are the chip's work in progress until the call
// returns: a pull before then destroys them, as a chip losing power mid-step never finishes it.
class Hub
{
public:
    struct Slot
    {
        CK_SLOT_ID hubId = 0;
        CK_SLOT_ID realId = 0;
        std::string serial; // empty for an uninitialised SoftHSM slot, which is always "present"
        bool initialized = false;
        std::atomic<bool> present { true };
        // Bumped on every pull: a session opened before the bump belongs to a key that is gone.
        std::atomic<std::uint64_t> generation { 0 };
        // Real calls hold it shared; closing the real sessions of a pulled key holds it exclusively, because
        // SoftHSM crashes when a session is closed under a call that is using it.
        std::shared_mutex realMutex;
        // Set at the pull, cleared once the real sessions are closed; a replug waits for it.
        std::atomic<bool> pendingClose { false };
        std::mutex closeMutex;
        // Objects made by calls that have not returned yet (see Hub::created); guarded by uncommittedMutex,
        // taken after realMutex when both are held.
        struct Uncommitted
        {
            const void *call;
            CK_SESSION_HANDLE session;
            CK_OBJECT_HANDLE object;
        };
        std::mutex uncommittedMutex;
        std::vector<Uncommitted> uncommitted;
    };

    // The key a call works on, pinned at the call's start.
    struct Call
    {
        Slot *slot = nullptr; // null: unknown session handle, the real module decides
        std::uint64_t generation = 0;
        // A fault of a lying kind (HugeLength, Endless) fired: the call runs and its answer is then
        // falsified.
        std::optional<HubState::FaultKind> lie;
        // When the call entered and the chip's time for it: leave() sleeps until start + latencyMs.
        std::chrono::steady_clock::time_point start;
        int latencyMs = 0;
    };

    static CK_RV create(CK_VOID_PTR initArgs, std::unique_ptr<Hub> &hub);
    ~Hub();
    Hub(const Hub &) = delete;
    Hub &operator=(const Hub &) = delete;

    CK_FUNCTION_LIST_PTR real() const { return m_real; }
    // Wakes event waiters and sleepers; they return CKR_CRYPTOKI_NOT_INITIALIZED.
    void beginFinalize();
    bool finalizing() const { return m_finalizing.load(); }
    // Finalises the real module unless another user in the process had initialised it before us.
    CK_RV finalizeReal();

    CK_RV getSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR list, CK_ULONG_PTR count);
    CK_RV getSlotInfo(CK_SLOT_ID slotId, CK_SLOT_INFO_PTR info);
    CK_RV getTokenInfo(CK_SLOT_ID slotId, CK_TOKEN_INFO_PTR info);
    CK_RV waitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR slotId);

    // Presence and fault checks before forwarding; the latency is looked up here and slept in leave(). `ops`
    // names the latency settings to look up, most specific first (empty: the function's own name).
    CK_RV enterSlot(CK_SLOT_ID slotId, const char *function, const std::vector<std::string> &ops, Call &call);
    CK_RV enterSession(CK_SESSION_HANDLE session, const char *function, const std::vector<std::string> &ops,
                       Call &call);
    // After forwarding: sleeps the rest of the call's latency; a key pulled before it returns (while the real
    // module worked or during that sleep) turns the result into DEVICE_REMOVED and takes back what it
    // created.
    CK_RV leave(const Call &call, CK_RV rv);
    // Inside callReal's `f`, after the real module created `object` in `session`: destroyed if the key is
    // pulled before leave(), kept from leave() on.
    void created(const Call &call, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object);
    bool alive(const Call &call) const;

    void sessionOpened(const Call &call, CK_SESSION_HANDLE session);
    void sessionClosed(CK_SESSION_HANDLE session);
    void slotSessionsClosed(const Slot &slot);
    CK_SLOT_ID realSlot(const Call &call) const { return call.slot->realId; }

    // Runs a call into the real module for the call's key, unless the key went away meanwhile. Never call
    // back into the Hub from `f` (except created()): the key's lock is held.
    template<class F> CK_RV callReal(const Call &call, F &&f)
    {
        if (!call.slot)
            return f();
        std::shared_lock lock(call.slot->realMutex);
        if (!alive(call))
            return CKR_DEVICE_REMOVED;
        return f();
    }

    // PIN retry counter of the call's key (user PIN only; SoftHSM itself never locks).
    bool pinLocked(const Call &call);
    void pinResult(const Call &call, CK_RV rv);
    void resetPinTries(const Call &call);
    // The state file's `key-ids card`: generated key pairs get an id of the hub's choosing.
    bool cardChoosesKeyIds();

private:
    Hub() = default;

    std::shared_ptr<const HubState> refresh();
    std::shared_ptr<const HubState> snapshot();
    void applyPresenceLocked();
    void closePendingSessions();
    void pushEventLocked(CK_SLOT_ID slotId);
    bool updateState(const std::function<bool(HubState &)> &change);
    Slot *slotById(CK_SLOT_ID slotId) const;
    CK_RV applyFault(Call &call, const std::string &function);
    void lookUpLatency(Call &call, const char *function, const std::vector<std::string> &ops);
    CK_RV sleepWhileAlive(const Call &call, int ms);
    CK_RV sleepUntilWhileAlive(const Call &call, std::chrono::steady_clock::time_point deadline);
    void registerSerials();

    CK_FUNCTION_LIST_PTR m_real = nullptr;
    bool m_ownsReal = true;
    std::vector<std::unique_ptr<Slot>> m_slots;
    std::string m_statePath;

    std::mutex m_stateMutex;
    std::shared_ptr<const HubState> m_state;
    StateFile::Signature m_signature;

    std::shared_mutex m_sessionMutex;
    struct SessionRef
    {
        Slot *slot;
        std::uint64_t generation;
    };
    std::unordered_map<CK_SESSION_HANDLE, SessionRef> m_sessions;

    std::mutex m_eventMutex;
    std::condition_variable m_eventCv;
    std::deque<CK_SLOT_ID> m_events;
    std::atomic<bool> m_finalizing { false };

    std::mutex m_faultMutex;
    std::map<int, int> m_faultSeen;
};

} // namespace ks::simhub
