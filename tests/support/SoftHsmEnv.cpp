#include "SoftHsmEnv.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace ks::test {

namespace {

std::set<std::string> tokenDirectories(const std::string &tokenDir)
{
    std::set<std::string> names;
    for (const auto &entry : fs::directory_iterator(tokenDir)) {
        if (entry.is_directory())
            names.insert(entry.path().filename().string());
    }
    return names;
}

// SoftHSM 2.6 derives the token serial from the token directory's UUID: its last 16 hex digits.
std::string serialFromTokenDirectory(const std::string &uuid)
{
    std::string hex;
    for (char c : uuid) {
        if (c != '-')
            hex += c;
    }
    if (hex.size() < 16)
        throw std::runtime_error("SoftHsmEnv: unexpected token directory name " + uuid);
    return hex.substr(hex.size() - 16);
}

// Runs a program without a shell; stdout goes to /dev/null so test logs stay readable.
int runQuiet(const std::vector<std::string> &args)
{
    std::vector<char *> argv;
    for (const auto &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        const int devNull = open("/dev/null", O_WRONLY);
        if (devNull >= 0)
            dup2(devNull, STDOUT_FILENO);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

} // namespace

SoftHsmEnv::SoftHsmEnv()
{
    const char *tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/ks-softhsm-XXXXXX";
    if (!mkdtemp(pattern.data()))
        throw std::runtime_error("SoftHsmEnv: mkdtemp failed");
    m_dir = pattern;
    fs::create_directories(tokenDir());
    m_confPath = m_dir + "/softhsm2.conf";
    std::ofstream conf(m_confPath);
    conf << "directories.tokendir = " << tokenDir() << "\n"
         << "objectstore.backend = file\n"
         << "log.level = ERROR\n";
    conf.close();
    if (!conf)
        throw std::runtime_error("SoftHsmEnv: cannot write " + m_confPath);
    if (const char *previous = std::getenv("SOFTHSM2_CONF"))
        m_previousConf = previous;
    setenv("SOFTHSM2_CONF", m_confPath.c_str(), 1);
}

SoftHsmEnv::~SoftHsmEnv()
{
    if (m_previousConf)
        setenv("SOFTHSM2_CONF", m_previousConf->c_str(), 1);
    else
        unsetenv("SOFTHSM2_CONF");
    std::error_code ignored;
    fs::remove_all(m_dir, ignored);
}

std::vector<std::string> SoftHsmEnv::initTokens(int n, std::string labelPrefix, std::string pin,
                                                std::string soPin)
{
    std::vector<std::string> serials;
    for (int i = 0; i < n; ++i) {
        const auto before = tokenDirectories(tokenDir());
        const std::string label = labelPrefix + std::to_string(++m_labelCounter);
        // softhsm2-util reads SOFTHSM2_CONF from the environment it inherits from us.
        const int rc = runQuiet(
            { "softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", pin });
        if (rc != 0)
            throw std::runtime_error("SoftHsmEnv: softhsm2-util --init-token failed for " + label);
        std::string created;
        for (const auto &name : tokenDirectories(tokenDir())) {
            if (!before.contains(name))
                created = name;
        }
        if (created.empty())
            throw std::runtime_error("SoftHsmEnv: no token directory appeared for " + label);
        serials.push_back(serialFromTokenDirectory(created));
    }
    return serials;
}

std::string SoftHsmEnv::softHsmModulePath()
{
    for (const char *candidate :
         { "/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so" }) {
        if (fs::exists(candidate))
            return candidate;
    }
    return "/usr/lib/softhsm/libsofthsm2.so";
}

} // namespace ks::test
