#include "SimHubControl.h"
#include "SoftHsmEnv.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

#include <sys/wait.h>

using ks::simhub::HubState;
using ks::simhub::SimHubControl;

namespace {

struct ToolResult
{
    int exitCode = -1;
    std::string out;
};

// Runs the built ks-simhub tool; arguments here are test-controlled and contain no shell characters.
ToolResult runTool(const std::string &arguments)
{
    ToolResult result;
    const std::string command = std::string(KS_SIMHUB_TOOL_PATH) + " " + arguments + " 2>&1";
    FILE *pipe = popen(command.c_str(), "r");
    if (!pipe)
        return result;
    std::array<char, 512> buffer {};
    while (fgets(buffer.data(), buffer.size(), pipe))
        result.out += buffer.data();
    const int status = pclose(pipe);
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

class SimHubControlTest : public ::testing::Test
{
protected:
    ks::test::SoftHsmEnv m_env; // only for its private temp dir
    std::string m_state = m_env.dir() + "/hub.state";
};

TEST(HubStateTest, SerializeParseRoundTrip)
{
    HubState s;
    s.defaultPresent = false;
    s.showUninitialized = true;
    s.defaultMaxTries = 5;
    s.latencyMs["C_Login"] = 100;
    s.keys["abc"].present = false;
    s.keys["abc"].maxTries = 4;
    s.keys["abc"].triesLeft = 1;
    s.keys["abc"].latencyMs["C_GenerateKeyPair:RSA2048"] = 3000;
    s.faults.push_back({ 7, "abc", "C_Sign", HubState::FaultKind::Hang, 2, 0, 123, 1 });
    s.nextFaultId = 8;
    std::vector<std::string> warnings;
    const HubState back = HubState::parse(s.serialize(), &warnings);
    EXPECT_TRUE(warnings.empty());
    EXPECT_EQ(back.serialize(), s.serialize());
    EXPECT_FALSE(back.isPresent("abc"));
    EXPECT_FALSE(back.isPresent("other"));
    EXPECT_EQ(back.triesLeft("abc"), 1);
    EXPECT_EQ(back.maxTries("other"), 5);
    EXPECT_EQ(back.latencyFor("abc", { "C_GenerateKeyPair:RSA2048", "C_GenerateKeyPair" }), 3000);
    EXPECT_EQ(back.latencyFor("other", { "C_Login" }), 100);
    EXPECT_FALSE(back.latencyFor("other", { "C_Sign" }));
}

TEST(HubStateTest, BadLinesAreSkippedNotFatal)
{
    std::vector<std::string> warnings;
    const HubState s = HubState::parse("default absent\nbogus line\nkey k present=maybe?x\nlatency C_Sign x\n"
                                       "key k2 present=no # comment\n",
                                       &warnings);
    EXPECT_EQ(warnings.size(), 2u);
    EXPECT_FALSE(s.defaultPresent);
    EXPECT_FALSE(s.isPresent("k2"));
}

TEST_F(SimHubControlTest, ApiWritesTheStateFile)
{
    SimHubControl control(m_state);
    ASSERT_TRUE(control.addKey("k1"));
    ASSERT_TRUE(control.unplug("k2"));
    ASSERT_TRUE(control.setPinTries("k1", 5));
    ASSERT_TRUE(control.setLatency("C_Sign", 40, "k1"));
    ASSERT_TRUE(control.setLatency("C_Login", 20));
    const auto id = control.injectFault("k1", "C_Sign", HubState::FaultKind::Pull, 1, 2, 0);
    ASSERT_TRUE(id);
    const auto keys = control.listKeys();
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_EQ(keys[0].serial, "k1");
    EXPECT_TRUE(keys[0].present);
    EXPECT_EQ(keys[0].maxTries, 5);
    EXPECT_FALSE(keys[1].present);
    auto state = control.state();
    ASSERT_TRUE(state);
    EXPECT_EQ(state->faults.size(), 1u);
    EXPECT_EQ(state->faults[0].id, *id);
    EXPECT_EQ(state->latencyFor("k1", { "C_Sign" }), 40);
    ASSERT_TRUE(control.setLatency("C_Sign", 0, "k1"));
    ASSERT_TRUE(control.clearFaults());
    state = control.state();
    EXPECT_TRUE(state->faults.empty());
    EXPECT_FALSE(state->latencyFor("k1", { "C_Sign" }));
    EXPECT_FALSE(control.setPinTries("k1", 0));
    EXPECT_FALSE(control.errorString().empty());
    // Fault ids never repeat, so a process's skip counters cannot leak onto a new fault.
    EXPECT_GT(*control.injectFault("k1", "any", HubState::FaultKind::Error), *id);
}

TEST_F(SimHubControlTest, ConcurrentWritersLoseNoUpdate)
{
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
        writers.emplace_back([this, t] {
            SimHubControl control(m_state);
            for (int i = 0; i < 25; ++i)
                EXPECT_TRUE(control.addKey("k" + std::to_string(t) + "-" + std::to_string(i)));
        });
    }
    for (auto &w : writers)
        w.join();
    EXPECT_EQ(SimHubControl(m_state).listKeys().size(), 100u);
}

TEST_F(SimHubControlTest, CommandLineTool)
{
    EXPECT_EQ(runTool("--help").exitCode, 0);
    EXPECT_NE(runTool("--help").out.find("unplug SERIAL"), std::string::npos);
    const std::string s = "--state " + m_state + " ";
    EXPECT_EQ(runTool(s + "unplug aa11").exitCode, 0);
    EXPECT_EQ(runTool(s + "plug bb22").exitCode, 0);
    EXPECT_EQ(runTool(s + "pin-tries bb22 7").exitCode, 0);
    EXPECT_EQ(runTool(s + "latency C_Sign 300 --serial bb22").exitCode, 0);
    EXPECT_EQ(runTool(s + "latency C_GenerateKeyPair:RSA2048 3000").exitCode, 0);
    const auto fault = runTool(s + "fault bb22 C_Login hang --skip 2 --count 0 --hang-ms 700");
    EXPECT_EQ(fault.exitCode, 0) << fault.out;
    EXPECT_EQ(runTool(s + "default absent").exitCode, 0);
    const auto list = runTool(s + "list");
    EXPECT_EQ(list.exitCode, 0);
    EXPECT_NE(list.out.find("aa11 absent tries=3/3"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("bb22 present tries=7/7"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("bb22 C_Login hang skip=2 count=0 hang-ms=700"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("latency C_Sign 300 bb22"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("default absent"), std::string::npos) << list.out;

    const auto state = SimHubControl(m_state).state();
    ASSERT_TRUE(state);
    EXPECT_FALSE(state->defaultPresent);
    EXPECT_EQ(state->latencyFor("bb22", { "C_Sign" }), 300);
    EXPECT_EQ(state->latencyFor("zz", { "C_GenerateKeyPair:RSA2048" }), 3000);
    EXPECT_EQ(runTool(s + "clear-faults").exitCode, 0);
    EXPECT_TRUE(SimHubControl(m_state).state()->faults.empty());

    EXPECT_EQ(runTool(s + "fault bb22 C_Login explode").exitCode, 2);
    EXPECT_EQ(runTool(s + "latency C_Sign soon").exitCode, 2);
    EXPECT_EQ(runTool(s + "frobnicate").exitCode, 2);
    EXPECT_EQ(runTool("list").exitCode, 2); // no state file named anywhere (KS_SIMHUB_STATE unset here)
}

} // namespace
