// ks-simhub: command-line control of the simulated hub's state file (see docs/simulated-hub.md).
#include "SimHubControl.h"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

using ks::simhub::HubState;
using ks::simhub::SimHubControl;

namespace {

const char *const Usage = R"(Usage: ks-simhub [--state FILE] COMMAND [ARGS]

Controls the KeyStation simulated USB hub (ks-simhub-pkcs11.so) through its state file.
FILE defaults to $KS_SIMHUB_STATE.

Commands:
  list                                  keys (serial, present/absent, PIN tries left/max), then the
                                        default, latencies and faults
  plug SERIAL                           plug a key in
  unplug SERIAL                         pull a key out
  default present|absent                state of keys the file does not mention
  latency OP MS [--serial S]            delay before OP (C_Login, C_Sign, C_CreateObject, C_FindObjects,
                                        C_GenerateKeyPair:RSA2048, C_GenerateKeyPair:EC, ...); 0 removes
  pin-tries SERIAL N                    PIN retry limit of a key, counter refilled
  fault SERIAL|* FUNC|any KIND [--skip K] [--count N] [--hang-ms M]
                                        KIND: removed, error, hang, pull, huge-length (C_GetAttributeValue),
                                        endless (C_FindObjects); N=0 fires on every call
  clear-faults                          remove every fault
  uninitialized shown|hidden            list SoftHSM's free slot (read at C_Initialize)
  --help                                this text
)";

std::optional<int> number(const std::string &text)
{
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

int usageError(const std::string &message)
{
    std::fprintf(stderr, "ks-simhub: %s\n%s", message.c_str(), Usage);
    return 2;
}

int done(SimHubControl &control, bool ok)
{
    if (ok)
        return 0;
    std::fprintf(stderr, "ks-simhub: %s\n", control.errorString().c_str());
    return 1;
}

// Pulls "--name VALUE" out of args; returns false on a missing or non-numeric value.
bool takeOption(std::vector<std::string> &args, const std::string &name, std::string &value)
{
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] != name)
            continue;
        if (i + 1 >= args.size())
            return false;
        value = args[i + 1];
        args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                   args.begin() + static_cast<std::ptrdiff_t>(i) + 2);
        return true;
    }
    return true;
}

int list(SimHubControl &control)
{
    const auto state = control.state();
    if (!state)
        return done(control, false);
    for (const auto &key : control.listKeys()) {
        std::printf("%s %s tries=%d/%d\n", key.serial.c_str(), key.present ? "present" : "absent",
                    key.triesLeft, key.maxTries);
    }
    std::printf("default %s\n", state->defaultPresent ? "present" : "absent");
    for (const auto &[op, ms] : state->latencyMs)
        std::printf("latency %s %d\n", op.c_str(), ms);
    for (const auto &[serial, key] : state->keys) {
        for (const auto &[op, ms] : key.latencyMs)
            std::printf("latency %s %d %s\n", op.c_str(), ms, serial.c_str());
    }
    for (const auto &f : state->faults) {
        std::printf("fault %d %s %s %s skip=%d count=%d hang-ms=%d fired=%d\n", f.id, f.serial.c_str(),
                    f.function.c_str(), HubState::faultKindName(f.kind), f.skip, f.count, f.hangMs, f.fired);
    }
    return 0;
}

int fault(SimHubControl &control, std::vector<std::string> args)
{
    std::string skip = "0", count = "1", hangMs = "5000";
    if (!takeOption(args, "--skip", skip) || !takeOption(args, "--count", count)
        || !takeOption(args, "--hang-ms", hangMs))
        return usageError("option without a value");
    if (args.size() != 3)
        return usageError("fault needs SERIAL FUNC KIND");
    const auto kind = HubState::faultKindFromName(args[2]);
    const auto k = number(skip), n = number(count), m = number(hangMs);
    if (!kind)
        return usageError("unknown fault kind " + args[2]);
    if (!k || !n || !m)
        return usageError("--skip, --count and --hang-ms take numbers");
    const auto id = control.injectFault(args[0], args[1], *kind, *k, *n, *m);
    if (!id)
        return done(control, false);
    std::printf("fault %d\n", *id);
    return 0;
}

int run(SimHubControl &control, const std::string &command, std::vector<std::string> args)
{
    if (command == "list" && args.empty())
        return list(control);
    if (command == "plug" && args.size() == 1)
        return done(control, control.plug(args[0]));
    if (command == "unplug" && args.size() == 1)
        return done(control, control.unplug(args[0]));
    if (command == "default" && args.size() == 1 && (args[0] == "present" || args[0] == "absent"))
        return done(control, control.setDefaultPresent(args[0] == "present"));
    if (command == "uninitialized" && args.size() == 1 && (args[0] == "shown" || args[0] == "hidden"))
        return done(control, control.setShowUninitialized(args[0] == "shown"));
    if (command == "clear-faults" && args.empty())
        return done(control, control.clearFaults());
    if (command == "latency") {
        std::string serial;
        if (!takeOption(args, "--serial", serial) || args.size() != 2 || !number(args[1]))
            return usageError("latency needs OP MS [--serial S]");
        return done(control, control.setLatency(args[0], *number(args[1]), serial));
    }
    if (command == "pin-tries") {
        if (args.size() != 2 || !number(args[1]))
            return usageError("pin-tries needs SERIAL N");
        return done(control, control.setPinTries(args[0], *number(args[1])));
    }
    if (command == "fault")
        return fault(control, std::move(args));
    return usageError("bad command or arguments: " + command);
}

} // namespace

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    for (const auto &a : args) {
        if (a == "--help" || a == "-h") {
            std::fputs(Usage, stdout);
            return 0;
        }
    }
    const char *stateEnv = std::getenv("KS_SIMHUB_STATE");
    std::string statePath = stateEnv ? stateEnv : "";
    if (!takeOption(args, "--state", statePath))
        return usageError("--state needs a file");
    if (statePath.empty())
        return usageError("no state file: pass --state FILE or set KS_SIMHUB_STATE");
    if (args.empty())
        return usageError("no command");
    SimHubControl control(statePath);
    const std::string command = args.front();
    args.erase(args.begin());
    return run(control, command, std::move(args));
}
