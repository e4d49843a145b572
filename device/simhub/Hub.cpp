#include "Hub.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>

#include <dlfcn.h>

namespace ks::simhub {

namespace {

constexpr const char *DefaultTarget = "/usr/lib/softhsm/libsofthsm2.so";
constexpr auto SleepStep = std::chrono::milliseconds(10);
constexpr auto EventPoll = std::chrono::milliseconds(50);

std::string trimmed(const unsigned char *text, size_t size)
{
    std::string s(reinterpret_cast<const char *>(text), size);
    const auto last = s.find_last_not_of(' ');
    s.erase(last == std::string::npos ? 0 : last + 1);
    const auto first = s.find_first_not_of(' ');
    return first == std::string::npos ? std::string() : s.substr(first);
}

void padded(unsigned char *field, size_t size, const std::string &text)
{
    std::memset(field, ' ', size);
    std::memcpy(field, text.data(), std::min(size, text.size()));
}

} // namespace

CK_RV Hub::create(CK_VOID_PTR initArgs, std::unique_ptr<Hub> &out)
{
    const char *targetEnv = std::getenv("KS_SIMHUB_TARGET");
    const std::string target = targetEnv && *targetEnv ? targetEnv : DefaultTarget;
    // Never dlclose'd: unloading SoftHSM while anything may still reference it is not safe.
    void *library = dlopen(target.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        std::fprintf(stderr, "ks-simhub: cannot load %s: %s\n", target.c_str(), dlerror());
        return CKR_GENERAL_ERROR;
    }
    auto getFunctionList = reinterpret_cast<CK_C_GetFunctionList>(dlsym(library, "C_GetFunctionList"));
    CK_FUNCTION_LIST_PTR real = nullptr;
    if (!getFunctionList || getFunctionList(&real) != CKR_OK || !real) {
        std::fprintf(stderr, "ks-simhub: %s is not a PKCS#11 module\n", target.c_str());
        return CKR_GENERAL_ERROR;
    }
    CK_RV rv = real->C_Initialize(initArgs);
    // Someone else in this process already uses the real module (SoftHSM allows one context per process):
    // share it, and leave finalising it to them.
    const bool ownsReal = rv == CKR_OK;
    if (rv != CKR_OK && rv != CKR_CRYPTOKI_ALREADY_INITIALIZED)
        return rv;

    std::unique_ptr<Hub> hub(new Hub);
    hub->m_real = real;
    hub->m_ownsReal = ownsReal;
    const char *stateEnv = std::getenv("KS_SIMHUB_STATE");
    hub->m_statePath = stateEnv ? stateEnv : "";
    auto state = hub->m_statePath.empty()
        ? HubState {}
        : StateFile::read(hub->m_statePath, &hub->m_signature).value_or(HubState {});

    CK_ULONG count = 0;
    rv = real->C_GetSlotList(CK_FALSE, nullptr, &count);
    std::vector<CK_SLOT_ID> realSlots(count);
    if (rv == CKR_OK && count > 0)
        rv = real->C_GetSlotList(CK_FALSE, realSlots.data(), &count);
    if (rv != CKR_OK) {
        if (ownsReal)
            real->C_Finalize(nullptr);
        return rv;
    }
    realSlots.resize(count);
    for (CK_SLOT_ID realId : realSlots) {
        CK_TOKEN_INFO info {};
        const bool initialized
            = real->C_GetTokenInfo(realId, &info) == CKR_OK && (info.flags & CKF_TOKEN_INITIALIZED) != 0;
        if (!initialized && !state.showUninitialized)
            continue;
        auto slot = std::make_unique<Slot>();
        slot->hubId = hub->m_slots.size() + 1;
        slot->realId = realId;
        slot->initialized = initialized;
        if (initialized)
            slot->serial = trimmed(info.serialNumber, sizeof info.serialNumber);
        slot->present = !initialized || state.isPresent(slot->serial);
        hub->m_slots.push_back(std::move(slot));
    }
    hub->m_state = std::make_shared<const HubState>(std::move(state));
    hub->registerSerials();
    out = std::move(hub);
    return CKR_OK;
}

Hub::~Hub() = default;

CK_RV Hub::finalizeReal()
{
    return m_ownsReal ? m_real->C_Finalize(nullptr) : CKR_OK;
}

// Lets `ks-simhub list` show every key a process has seen, not only those someone configured.
void Hub::registerSerials()
{
    if (m_statePath.empty())
        return;
    StateFile::update(m_statePath, [this](HubState &s) {
        bool changed = false;
        for (const auto &slot : m_slots) {
            if (slot->initialized && !s.keys.contains(slot->serial)) {
                s.keys[slot->serial];
                changed = true;
            }
        }
        return changed;
    });
}

void Hub::beginFinalize()
{
    std::lock_guard lock(m_eventMutex);
    m_finalizing = true;
    m_eventCv.notify_all();
}

bool Hub::cardChoosesKeyIds()
{
    return refresh()->cardChoosesKeyIds;
}

std::shared_ptr<const HubState> Hub::snapshot()
{
    std::lock_guard lock(m_stateMutex);
    return m_state;
}

std::shared_ptr<const HubState> Hub::refresh()
{
    if (m_statePath.empty())
        return snapshot();
    const auto signature = StateFile::signature(m_statePath);
    std::unique_lock lock(m_stateMutex);
    if (!(signature == m_signature)) {
        StateFile::Signature readSignature;
        // Unreadable for a moment: keep the last good view.
        if (auto state = StateFile::read(m_statePath, &readSignature)) {
            m_state = std::make_shared<const HubState>(std::move(*state));
            m_signature = readSignature;
            applyPresenceLocked();
        }
    }
    auto current = m_state;
    lock.unlock();
    // Also when nothing changed: a close another thread could not take on may still be waiting.
    closePendingSessions();
    return current;
}

// Flips presence at once, so new calls on a pulled key fail fast; closing its real sessions happens in
// closePendingSessions, outside m_stateMutex, because it waits for calls still inside the real module.
void Hub::applyPresenceLocked()
{
    for (const auto &slot : m_slots) {
        if (!slot->initialized)
            continue;
        const bool wanted = m_state->isPresent(slot->serial);
        if (wanted == slot->present.load())
            continue;
        if (!wanted) {
            ++slot->generation;
            slot->present = false;
            slot->pendingClose = true;
        } else if (!slot->pendingClose.load()) {
            slot->present = true;
        } else {
            continue; // replugged before the pull's sessions are closed: applied after the close
        }
        std::lock_guard lock(m_eventMutex);
        pushEventLocked(slot->hubId);
    }
}

void Hub::closePendingSessions()
{
    bool closed = false;
    for (const auto &slot : m_slots) {
        if (!slot->pendingClose.load())
            continue;
        // One thread closes; the others go on (the key already reads as pulled).
        std::unique_lock closer(slot->closeMutex, std::try_to_lock);
        if (!closer.owns_lock() || !slot->pendingClose.load())
            continue;
        {
            std::unique_lock exclusive(slot->realMutex);
            // Steps still in progress never finish on a chip that lost its power: what they created goes,
            // through the sessions that made it, before those close.
            {
                std::lock_guard undo(slot->uncommittedMutex);
                for (const auto &made : slot->uncommitted)
                    m_real->C_DestroyObject(made.session, made.object);
                slot->uncommitted.clear();
            }
            // A real key loses its sessions and login state with its power.
            m_real->C_CloseAllSessions(slot->realId);
        }
        slot->pendingClose = false;
        closed = true;
    }
    if (closed) {
        std::lock_guard lock(m_stateMutex);
        applyPresenceLocked(); // a replug that waited for the close
    }
}

void Hub::pushEventLocked(CK_SLOT_ID slotId)
{
    if (std::find(m_events.begin(), m_events.end(), slotId) == m_events.end())
        m_events.push_back(slotId);
    m_eventCv.notify_all();
}

bool Hub::updateState(const std::function<bool(HubState &)> &change)
{
    if (m_statePath.empty()) {
        std::unique_lock lock(m_stateMutex);
        HubState copy = *m_state;
        if (!change(copy))
            return true;
        m_state = std::make_shared<const HubState>(std::move(copy));
        applyPresenceLocked();
        lock.unlock();
        closePendingSessions();
        return true;
    }
    std::string error;
    const bool ok = StateFile::update(m_statePath, change, &error);
    if (!ok)
        std::fprintf(stderr, "ks-simhub: %s\n", error.c_str());
    refresh();
    return ok;
}

Hub::Slot *Hub::slotById(CK_SLOT_ID slotId) const
{
    if (slotId < 1 || slotId > m_slots.size())
        return nullptr;
    return m_slots[slotId - 1].get();
}

bool Hub::alive(const Call &call) const
{
    return !call.slot || (call.slot->present.load() && call.slot->generation.load() == call.generation);
}

CK_RV Hub::getSlotList(CK_BBOOL tokenPresent, CK_SLOT_ID_PTR list, CK_ULONG_PTR count)
{
    if (!count)
        return CKR_ARGUMENTS_BAD;
    refresh();
    std::vector<CK_SLOT_ID> ids;
    for (const auto &slot : m_slots) {
        if (!tokenPresent || slot->present.load())
            ids.push_back(slot->hubId);
    }
    if (!list) {
        *count = ids.size();
        return CKR_OK;
    }
    if (*count < ids.size()) {
        *count = ids.size();
        return CKR_BUFFER_TOO_SMALL;
    }
    std::copy(ids.begin(), ids.end(), list);
    *count = ids.size();
    return CKR_OK;
}

CK_RV Hub::getSlotInfo(CK_SLOT_ID slotId, CK_SLOT_INFO_PTR info)
{
    if (!info)
        return CKR_ARGUMENTS_BAD;
    refresh();
    Slot *slot = slotById(slotId);
    if (!slot)
        return CKR_SLOT_ID_INVALID;
    const CK_RV rv = m_real->C_GetSlotInfo(slot->realId, info);
    if (rv != CKR_OK)
        return rv;
    padded(info->slotDescription, sizeof info->slotDescription,
           "KeyStation simulated hub port " + std::to_string(slot->hubId));
    info->flags &= ~CKF_TOKEN_PRESENT;
    info->flags |= CKF_REMOVABLE_DEVICE | CKF_HW_SLOT;
    if (slot->present.load())
        info->flags |= CKF_TOKEN_PRESENT;
    return CKR_OK;
}

CK_RV Hub::getTokenInfo(CK_SLOT_ID slotId, CK_TOKEN_INFO_PTR info)
{
    if (!info)
        return CKR_ARGUMENTS_BAD;
    Call call;
    CK_RV rv = enterSlot(slotId, "C_GetTokenInfo", {}, call);
    if (rv != CKR_OK)
        return rv;
    rv = leave(call, callReal(call, [&] { return m_real->C_GetTokenInfo(call.slot->realId, info); }));
    if (rv != CKR_OK || !call.slot->initialized)
        return rv;
    const auto state = snapshot();
    const int left = state->triesLeft(call.slot->serial);
    const int max = state->maxTries(call.slot->serial);
    info->flags &= ~(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED);
    if (left < max)
        info->flags |= CKF_USER_PIN_COUNT_LOW;
    if (left == 1)
        info->flags |= CKF_USER_PIN_FINAL_TRY;
    if (left <= 0)
        info->flags |= CKF_USER_PIN_LOCKED;
    return CKR_OK;
}

CK_RV Hub::waitForSlotEvent(CK_FLAGS flags, CK_SLOT_ID_PTR slotId)
{
    if (!slotId)
        return CKR_ARGUMENTS_BAD;
    for (;;) {
        // Presence changes are noticed by reading the state file, so poll it while waiting.
        refresh();
        std::unique_lock lock(m_eventMutex);
        if (m_finalizing)
            return CKR_CRYPTOKI_NOT_INITIALIZED;
        if (!m_events.empty()) {
            *slotId = m_events.front();
            m_events.pop_front();
            return CKR_OK;
        }
        if (flags & CKF_DONT_BLOCK)
            return CKR_NO_EVENT;
        m_eventCv.wait_for(lock, EventPoll);
    }
}

CK_RV Hub::enterSlot(CK_SLOT_ID slotId, const char *function, const std::vector<std::string> &ops, Call &call)
{
    call.start = std::chrono::steady_clock::now();
    refresh();
    Slot *slot = slotById(slotId);
    if (!slot)
        return CKR_SLOT_ID_INVALID;
    call.slot = slot;
    call.generation = slot->generation.load();
    if (!slot->present.load())
        return CKR_TOKEN_NOT_PRESENT;
    const CK_RV rv = applyFault(call, function);
    if (rv != CKR_OK)
        return rv;
    lookUpLatency(call, function, ops);
    return CKR_OK;
}

CK_RV Hub::enterSession(CK_SESSION_HANDLE session, const char *function, const std::vector<std::string> &ops,
                        Call &call)
{
    call.start = std::chrono::steady_clock::now();
    refresh();
    {
        std::shared_lock lock(m_sessionMutex);
        const auto it = m_sessions.find(session);
        if (it == m_sessions.end())
            return CKR_OK;
        call.slot = it->second.slot;
        call.generation = it->second.generation;
    }
    if (!alive(call))
        return CKR_DEVICE_REMOVED;
    const CK_RV rv = applyFault(call, function);
    if (rv != CKR_OK)
        return rv;
    lookUpLatency(call, function, ops);
    return CKR_OK;
}

CK_RV Hub::leave(const Call &call, CK_RV rv)
{
    if (!call.slot)
        return rv;
    // The chip's time runs around the real work: only what the work left of it is slept here.
    const auto done = call.start + std::chrono::milliseconds(call.latencyMs);
    CK_RV waited = CKR_OK;
    if (call.latencyMs > 0 && std::chrono::steady_clock::now() < done)
        waited = sleepUntilWhileAlive(call, done);
    else
        refresh();
    std::lock_guard lock(call.slot->uncommittedMutex);
    if (waited == CKR_DEVICE_REMOVED || !alive(call))
        return CKR_DEVICE_REMOVED; // the pull's close destroys what the call created (closePendingSessions)
    // Returned (or the module is finalising): what the call created stays.
    std::erase_if(call.slot->uncommitted, [&](const Slot::Uncommitted &made) { return made.call == &call; });
    return waited == CKR_OK ? rv : waited;
}

void Hub::created(const Call &call, CK_SESSION_HANDLE session, CK_OBJECT_HANDLE object)
{
    if (!call.slot)
        return;
    std::lock_guard lock(call.slot->uncommittedMutex);
    call.slot->uncommitted.push_back({ &call, session, object });
}

CK_RV Hub::applyFault(Call &call, const std::string &function)
{
    if (!call.slot->initialized)
        return CKR_OK;
    const std::string &serial = call.slot->serial;
    const auto state = snapshot();
    for (const auto &fault : state->faults) {
        if (fault.exhausted() || (fault.serial != "*" && fault.serial != serial)
            || (fault.function != "any" && fault.function != function))
            continue;
        int seen = 0;
        {
            std::lock_guard lock(m_faultMutex);
            seen = ++m_faultSeen[fault.id];
        }
        if (seen <= fault.skip)
            continue;
        // Claimed under the state file's lock so that `count` holds across threads and processes.
        bool claimed = false;
        updateState([&](HubState &s) {
            for (auto &f : s.faults) {
                if (f.id != fault.id || f.exhausted())
                    continue;
                ++f.fired;
                claimed = true;
                if (f.kind == HubState::FaultKind::Pull)
                    s.keys[serial].present = false;
                return true;
            }
            return false;
        });
        if (!claimed)
            continue;
        switch (fault.kind) {
        case HubState::FaultKind::Removed:
        case HubState::FaultKind::Pull: // updateState has already pulled the key and closed its sessions
            return CKR_DEVICE_REMOVED;
        case HubState::FaultKind::Error:
            return CKR_DEVICE_ERROR;
        case HubState::FaultKind::Hang: {
            const CK_RV rv = sleepWhileAlive(call, fault.hangMs);
            return rv == CKR_OK ? CKR_DEVICE_ERROR : rv;
        }
        case HubState::FaultKind::HugeLength:
        case HubState::FaultKind::Endless:
            call.lie = fault.kind;
            return CKR_OK;
        }
    }
    return CKR_OK;
}

void Hub::lookUpLatency(Call &call, const char *function, const std::vector<std::string> &ops)
{
    const auto state = snapshot();
    const auto ms = ops.empty() ? state->latencyFor(call.slot->serial, { function })
                                : state->latencyFor(call.slot->serial, ops);
    call.latencyMs = ms ? std::max(*ms, 0) : 0;
}

CK_RV Hub::sleepWhileAlive(const Call &call, int ms)
{
    return sleepUntilWhileAlive(call, std::chrono::steady_clock::now() + std::chrono::milliseconds(ms));
}

// Small steps so that a pull (seen through the state file) or C_Finalize cuts the wait short. Checks the key
// once even when the deadline has passed.
CK_RV Hub::sleepUntilWhileAlive(const Call &call, std::chrono::steady_clock::time_point deadline)
{
    for (;;) {
        if (m_finalizing)
            return CKR_CRYPTOKI_NOT_INITIALIZED;
        refresh();
        if (!alive(call))
            return CKR_DEVICE_REMOVED;
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return CKR_OK;
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(SleepStep, deadline - now));
    }
}

void Hub::sessionOpened(const Call &call, CK_SESSION_HANDLE session)
{
    std::unique_lock lock(m_sessionMutex);
    m_sessions[session] = { call.slot, call.generation };
}

void Hub::sessionClosed(CK_SESSION_HANDLE session)
{
    std::unique_lock lock(m_sessionMutex);
    m_sessions.erase(session);
}

void Hub::slotSessionsClosed(const Slot &slot)
{
    std::unique_lock lock(m_sessionMutex);
    std::erase_if(m_sessions, [&](const auto &entry) { return entry.second.slot == &slot; });
}

bool Hub::pinLocked(const Call &call)
{
    if (!call.slot || !call.slot->initialized)
        return false;
    return refresh()->triesLeft(call.slot->serial) <= 0;
}

void Hub::pinResult(const Call &call, CK_RV rv)
{
    if (!call.slot || !call.slot->initialized)
        return;
    const std::string &serial = call.slot->serial;
    if (rv == CKR_PIN_INCORRECT) {
        updateState([&](HubState &s) {
            const int left = s.triesLeft(serial);
            if (left <= 0)
                return false;
            s.keys[serial].triesLeft = left - 1;
            return true;
        });
    } else if (rv == CKR_OK) {
        resetPinTries(call);
    }
}

void Hub::resetPinTries(const Call &call)
{
    if (!call.slot || !call.slot->initialized)
        return;
    const std::string &serial = call.slot->serial;
    if (snapshot()->triesLeft(serial) == snapshot()->maxTries(serial))
        return;
    updateState([&](HubState &s) {
        auto it = s.keys.find(serial);
        if (it == s.keys.end() || !it->second.triesLeft)
            return false;
        it->second.triesLeft.reset();
        return true;
    });
}

} // namespace ks::simhub
