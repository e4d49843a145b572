#include "SimHubControl.h"

#include "StateFile.h"

namespace ks::simhub {

SimHubControl::SimHubControl(std::string statePath)
    : m_statePath(std::move(statePath))
{ }

bool SimHubControl::change(const std::function<bool(HubState &)> &fn)
{
    m_error.clear();
    return StateFile::update(m_statePath, fn, &m_error);
}

bool SimHubControl::plug(const std::string &serial)
{
    return change([&](HubState &s) {
        s.keys[serial].present = true;
        return true;
    });
}

bool SimHubControl::unplug(const std::string &serial)
{
    return change([&](HubState &s) {
        s.keys[serial].present = false;
        return true;
    });
}

bool SimHubControl::setDefaultPresent(bool present)
{
    return change([&](HubState &s) {
        s.defaultPresent = present;
        return true;
    });
}

bool SimHubControl::setCardChoosesKeyIds(bool card)
{
    return change([&](HubState &s) {
        s.cardChoosesKeyIds = card;
        return true;
    });
}

bool SimHubControl::setShowUninitialized(bool shown)
{
    return change([&](HubState &s) {
        s.showUninitialized = shown;
        return true;
    });
}

bool SimHubControl::setLatency(const std::string &op, int ms, const std::string &serial)
{
    return change([&](HubState &s) {
        auto &table = serial.empty() ? s.latencyMs : s.keys[serial].latencyMs;
        if (ms > 0)
            table[op] = ms;
        else
            table.erase(op);
        return true;
    });
}

bool SimHubControl::setPinTries(const std::string &serial, int maxTries)
{
    if (maxTries < 1) {
        m_error = "PIN tries must be at least 1";
        return false;
    }
    return change([&](HubState &s) {
        auto &key = s.keys[serial];
        key.maxTries = maxTries;
        key.triesLeft.reset();
        return true;
    });
}

bool SimHubControl::setDefaultPinTries(int maxTries)
{
    if (maxTries < 1) {
        m_error = "PIN tries must be at least 1";
        return false;
    }
    return change([&](HubState &s) {
        s.defaultMaxTries = maxTries;
        return true;
    });
}

bool SimHubControl::addKey(const std::string &serial)
{
    return change([&](HubState &s) {
        if (s.keys.contains(serial))
            return false;
        s.keys[serial];
        return true;
    });
}

std::optional<int> SimHubControl::injectFault(const std::string &serial, const std::string &function,
                                              HubState::FaultKind kind, int skip, int count, int hangMs)
{
    if (serial.empty() || function.empty() || skip < 0 || count < 0 || hangMs < 0) {
        m_error = "invalid fault";
        return std::nullopt;
    }
    int id = 0;
    const bool ok = change([&](HubState &s) {
        HubState::Fault fault;
        fault.id = id = s.nextFaultId++;
        fault.serial = serial;
        fault.function = function;
        fault.kind = kind;
        fault.skip = skip;
        fault.count = count;
        fault.hangMs = hangMs;
        s.faults.push_back(fault);
        return true;
    });
    if (!ok)
        return std::nullopt;
    return id;
}

bool SimHubControl::clearFaults()
{
    return change([&](HubState &s) {
        s.faults.clear();
        return true;
    });
}

std::optional<HubState> SimHubControl::state()
{
    m_error.clear();
    return StateFile::read(m_statePath, nullptr, &m_error);
}

std::vector<SimHubControl::KeyStatus> SimHubControl::listKeys()
{
    std::vector<KeyStatus> keys;
    const auto s = state();
    if (!s)
        return keys;
    for (const auto &[serial, key] : s->keys) {
        (void)key;
        keys.push_back({ serial, s->isPresent(serial), s->maxTries(serial), s->triesLeft(serial) });
    }
    return keys;
}

} // namespace ks::simhub
