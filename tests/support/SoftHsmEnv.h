#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ks::test {

// A private SoftHSM2 token store for one test: a temp dir holding softhsm2.conf and tokens/.
// The constructor points SOFTHSM2_CONF at it; SoftHSM reads that variable when its module is
// initialised and fixes its slot list then, so create every token before C_Initialize.
class SoftHsmEnv
{
public:
    SoftHsmEnv();
    ~SoftHsmEnv();
    SoftHsmEnv(const SoftHsmEnv &) = delete;
    SoftHsmEnv &operator=(const SoftHsmEnv &) = delete;

    // Initialises n fresh tokens (labels labelPrefix1, labelPrefix2, ... numbered across calls) and
    // returns their serials in creation order, exactly as CK_TOKEN_INFO.serialNumber reports them,
    // trimmed. Throws std::runtime_error when softhsm2-util fails.
    std::vector<std::string> initTokens(int n, std::string labelPrefix = "KS", std::string pin = "123456",
                                        std::string soPin = "12345678");

    const std::string &dir() const { return m_dir; }
    const std::string &confPath() const { return m_confPath; }
    std::string tokenDir() const { return m_dir + "/tokens"; }

    static std::string softHsmModulePath();

private:
    std::string m_dir;
    std::string m_confPath;
    std::optional<std::string> m_previousConf;
    int m_labelCounter = 0;
};

} // namespace ks::test
