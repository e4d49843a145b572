#pragma once

#include "HubState.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ks::simhub {

// Drives the simulated hub (ks-simhub-pkcs11.so) of every process that shares a state file: plug and
// pull keys, slow their chips down, set PIN retry counters, arm faults. Each call is one atomic
// read-modify-write of the file (see StateFile.h for the format); processes see it on their next call.
// No exceptions: mutators return false and errorString() says why.
class SimHubControl
{
public:
    struct KeyStatus
    {
        std::string serial;
        bool present = true;
        int maxTries = 3;
        int triesLeft = 3;
    };

    explicit SimHubControl(std::string statePath);

    const std::string &statePath() const { return m_statePath; }
    const std::string &errorString() const { return m_error; }

    bool plug(const std::string &serial);
    bool unplug(const std::string &serial);
    // For keys the file says nothing about (e.g. start with an empty hub and plug keys one by one).
    bool setDefaultPresent(bool present);
    bool setShowUninitialized(bool shown);
    // true: C_GenerateKeyPair gives the pair a CKA_ID of the card's choosing, ignoring the template's.
    bool setCardChoosesKeyIds(bool card);
    // op: see StateFile.h; ms <= 0 removes the setting. An empty serial means every key.
    bool setLatency(const std::string &op, int ms, const std::string &serial = {});
    // Sets the key's maximum and refills its counter (an administrator's unblock).
    bool setPinTries(const std::string &serial, int maxTries);
    bool setDefaultPinTries(int maxTries);
    // Makes a key known to `listKeys` without changing it (the module does this at C_Initialize).
    bool addKey(const std::string &serial);
    // Returns the fault's id, or nullopt on error. count 0 = fire on every matching call.
    std::optional<int> injectFault(const std::string &serial, const std::string &function,
                                   HubState::FaultKind kind, int skip = 0, int count = 1, int hangMs = 5000);
    bool clearFaults();

    std::vector<KeyStatus> listKeys();
    std::optional<HubState> state();

private:
    bool change(const std::function<bool(HubState &)> &fn);

    std::string m_statePath;
    std::string m_error;
};

} // namespace ks::simhub
