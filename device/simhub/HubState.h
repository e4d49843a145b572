#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ks::simhub {

// What the simulated hub looks like: which keys are plugged, how slow their chips are, their PIN
// retry counters and the faults waiting to fire. Shared by the PKCS#11 module and SimHubControl; it
// travels between processes as the state file, whose text format is documented in StateFile.h.
class HubState
{
public:
    enum class FaultKind
    {
        Removed,
        Error,
        Hang,
        Pull,
        // The call runs, then its answer lies (a malformed key): every length a C_GetAttributeValue answers
        // becomes 2^40 bytes; a C_FindObjects says it filled the whole buffer (handles past the real ones are
        // 0). On other functions they fire without effect.
        HugeLength,
        Endless,
    };

    struct Fault
    {
        int id = 0;
        std::string serial; // "*" matches every key
        std::string function; // "any" matches every function
        FaultKind kind = FaultKind::Error;
        int skip = 0; // matching calls let through first (counted per process)
        int count = 1; // times it fires in all; 0 = always
        int hangMs = 5000;
        int fired = 0;

        bool exhausted() const { return count > 0 && fired >= count; }
    };

    struct Key
    {
        std::optional<bool> present;
        std::optional<int> maxTries;
        std::optional<int> triesLeft;
        std::map<std::string, int> latencyMs;
    };

    bool defaultPresent = true;
    bool showUninitialized = false;
    // Like an ePass2003 or a PIV card: the key pair gets a CKA_ID the card chooses, whatever was asked.
    bool cardChoosesKeyIds = false;
    int defaultMaxTries = 3;
    int nextFaultId = 1;
    std::map<std::string, int> latencyMs; // all keys; a key's own entry wins for the same operation
    std::map<std::string, Key> keys;
    std::vector<Fault> faults;

    bool isPresent(const std::string &serial) const;
    int maxTries(const std::string &serial) const;
    int triesLeft(const std::string &serial) const;
    // First operation name in `ops` with a latency configured (per key first, then global).
    std::optional<int> latencyFor(const std::string &serial, const std::vector<std::string> &ops) const;

    // Lenient: unknown or malformed lines are skipped and reported in `warnings` (if given), so a
    // hand-edited file never takes the hub down.
    static HubState parse(const std::string &text, std::vector<std::string> *warnings = nullptr);
    std::string serialize() const;

    static const char *faultKindName(FaultKind kind);
    static std::optional<FaultKind> faultKindFromName(const std::string &name);
};

} // namespace ks::simhub
