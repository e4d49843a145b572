#include "HubState.h"

#include <charconv>
#include <sstream>

namespace ks::simhub {

namespace {

std::optional<int> toInt(const std::string &text)
{
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

std::optional<bool> toYesNo(const std::string &text)
{
    if (text == "yes" || text == "present" || text == "shown" || text == "1" || text == "true")
        return true;
    if (text == "no" || text == "absent" || text == "hidden" || text == "0" || text == "false")
        return false;
    return std::nullopt;
}

// Splits "name=value"; returns false when there is no '='.
bool splitAssignment(const std::string &word, std::string &name, std::string &value)
{
    const auto eq = word.find('=');
    if (eq == std::string::npos)
        return false;
    name = word.substr(0, eq);
    value = word.substr(eq + 1);
    return true;
}

bool parseKey(const std::vector<std::string> &words, HubState &state)
{
    if (words.size() < 2)
        return false;
    HubState::Key &key = state.keys[words[1]];
    for (size_t i = 2; i < words.size(); ++i) {
        std::string name, value;
        if (!splitAssignment(words[i], name, value))
            return false;
        if (name == "present") {
            key.present = toYesNo(value);
        } else if (name == "max-tries") {
            key.maxTries = toInt(value);
        } else if (name == "tries-left") {
            key.triesLeft = toInt(value);
        } else {
            return false;
        }
    }
    return true;
}

bool parseFault(const std::vector<std::string> &words, HubState &state)
{
    if (words.size() < 5)
        return false;
    HubState::Fault fault;
    const auto id = toInt(words[1]);
    const auto kind = HubState::faultKindFromName(words[4]);
    if (!id || !kind)
        return false;
    fault.id = *id;
    fault.serial = words[2];
    fault.function = words[3];
    fault.kind = *kind;
    for (size_t i = 5; i < words.size(); ++i) {
        std::string name, value;
        if (!splitAssignment(words[i], name, value))
            return false;
        const auto number = toInt(value);
        if (!number)
            return false;
        if (name == "skip")
            fault.skip = *number;
        else if (name == "count")
            fault.count = *number;
        else if (name == "hang-ms")
            fault.hangMs = *number;
        else if (name == "fired")
            fault.fired = *number;
        else
            return false;
    }
    state.faults.push_back(fault);
    if (state.nextFaultId <= fault.id)
        state.nextFaultId = fault.id + 1;
    return true;
}

bool parseLine(const std::vector<std::string> &words, HubState &state)
{
    const std::string &verb = words[0];
    if (verb == "default" && words.size() == 2) {
        const auto present = toYesNo(words[1]);
        if (present)
            state.defaultPresent = *present;
        return present.has_value();
    }
    if (verb == "uninitialized-slots" && words.size() == 2) {
        const auto shown = toYesNo(words[1]);
        if (shown)
            state.showUninitialized = *shown;
        return shown.has_value();
    }
    if (verb == "key-ids" && words.size() == 2) {
        if (words[1] != "card" && words[1] != "application")
            return false;
        state.cardChoosesKeyIds = words[1] == "card";
        return true;
    }
    if (verb == "pin-tries-default" && words.size() == 2) {
        const auto tries = toInt(words[1]);
        if (tries)
            state.defaultMaxTries = *tries;
        return tries.has_value();
    }
    if (verb == "next-fault-id" && words.size() == 2) {
        const auto id = toInt(words[1]);
        if (id && *id > state.nextFaultId)
            state.nextFaultId = *id;
        return id.has_value();
    }
    if (verb == "latency" && (words.size() == 3 || words.size() == 4)) {
        const auto ms = toInt(words[2]);
        if (!ms)
            return false;
        if (words.size() == 4)
            state.keys[words[3]].latencyMs[words[1]] = *ms;
        else
            state.latencyMs[words[1]] = *ms;
        return true;
    }
    if (verb == "key")
        return parseKey(words, state);
    if (verb == "fault")
        return parseFault(words, state);
    return false;
}

} // namespace

bool HubState::isPresent(const std::string &serial) const
{
    const auto it = keys.find(serial);
    if (it != keys.end() && it->second.present)
        return *it->second.present;
    return defaultPresent;
}

int HubState::maxTries(const std::string &serial) const
{
    const auto it = keys.find(serial);
    if (it != keys.end() && it->second.maxTries)
        return *it->second.maxTries;
    return defaultMaxTries;
}

int HubState::triesLeft(const std::string &serial) const
{
    const auto it = keys.find(serial);
    if (it != keys.end() && it->second.triesLeft)
        return *it->second.triesLeft;
    return maxTries(serial);
}

std::optional<int> HubState::latencyFor(const std::string &serial, const std::vector<std::string> &ops) const
{
    const auto key = keys.find(serial);
    for (const auto &op : ops) {
        if (key != keys.end()) {
            const auto own = key->second.latencyMs.find(op);
            if (own != key->second.latencyMs.end())
                return own->second;
        }
        const auto global = latencyMs.find(op);
        if (global != latencyMs.end())
            return global->second;
    }
    return std::nullopt;
}

HubState HubState::parse(const std::string &text, std::vector<std::string> *warnings)
{
    HubState state;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        const auto hash = line.find('#');
        if (hash != std::string::npos)
            line.erase(hash);
        std::istringstream wordStream(line);
        std::vector<std::string> words;
        for (std::string word; wordStream >> word;)
            words.push_back(word);
        if (words.empty() || words[0] == "ks-simhub-state")
            continue;
        if (!parseLine(words, state) && warnings)
            warnings->push_back("line " + std::to_string(number) + " ignored: " + line);
    }
    return state;
}

std::string HubState::serialize() const
{
    std::ostringstream out;
    out << "ks-simhub-state 1\n"
        << "# Written by ks-simhub; format: docs/simulated-hub.md\n"
        << "default " << (defaultPresent ? "present" : "absent") << "\n"
        << "uninitialized-slots " << (showUninitialized ? "shown" : "hidden") << "\n"
        << "key-ids " << (cardChoosesKeyIds ? "card" : "application") << "\n"
        << "pin-tries-default " << defaultMaxTries << "\n"
        << "next-fault-id " << nextFaultId << "\n";
    for (const auto &[op, ms] : latencyMs)
        out << "latency " << op << " " << ms << "\n";
    for (const auto &[serial, key] : keys) {
        out << "key " << serial;
        if (key.present)
            out << " present=" << (*key.present ? "yes" : "no");
        if (key.maxTries)
            out << " max-tries=" << *key.maxTries;
        if (key.triesLeft)
            out << " tries-left=" << *key.triesLeft;
        out << "\n";
        for (const auto &[op, ms] : key.latencyMs)
            out << "latency " << op << " " << ms << " " << serial << "\n";
    }
    for (const auto &f : faults) {
        out << "fault " << f.id << " " << f.serial << " " << f.function << " " << faultKindName(f.kind)
            << " skip=" << f.skip << " count=" << f.count << " hang-ms=" << f.hangMs << " fired=" << f.fired
            << "\n";
    }
    return out.str();
}

const char *HubState::faultKindName(FaultKind kind)
{
    switch (kind) {
    case FaultKind::Removed:
        return "removed";
    case FaultKind::Error:
        return "error";
    case FaultKind::Hang:
        return "hang";
    case FaultKind::Pull:
        return "pull";
    case FaultKind::HugeLength:
        return "huge-length";
    case FaultKind::Endless:
        return "endless";
    }
    return "error";
}

std::optional<HubState::FaultKind> HubState::faultKindFromName(const std::string &name)
{
    for (auto kind : { FaultKind::Removed, FaultKind::Error, FaultKind::Hang, FaultKind::Pull,
                       FaultKind::HugeLength, FaultKind::Endless }) {
        if (name == faultKindName(kind))
            return kind;
    }
    return std::nullopt;
}

} // namespace ks::simhub
