// Device-layer figures: per-step times on SoftHSM, and N keys one after another vs all at once, on plain
// SoftHSM and through the simulated hub with real-chip latency. Prints a table; run by scripts/bench.
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace ks::device;

namespace {

struct Steps
{
    double login = 0, keygen = 0, csr = 0, write = 0;
    bool ok = true;
};

// One key through the device half of provisioning: login, keygen, CSR, certificate write.
Steps provisionOne(const std::shared_ptr<Pkcs11Module> &module, const QString &serial, KeyAlgorithm algorithm,
                   const ks::test::TestPki &pki)
{
    Steps steps;
    QElapsedTimer t;
    auto session = TokenSession::open(module, serial);
    if (!session)
        return Steps { 0, 0, 0, 0, false };
    t.start();
    if (!(*session)->login(QByteArray("123456")))
        return Steps { 0, 0, 0, 0, false };
    steps.login = t.nsecsElapsed() / 1e6;
    t.restart();
    auto pair = (*session)->generateKeyPair(algorithm, QStringLiteral("bench"));
    steps.keygen = t.nsecsElapsed() / 1e6;
    if (!pair)
        return Steps { 0, 0, 0, 0, false };
    CsrRequest request;
    request.subject = { { QStringLiteral("CN"), serial }, { QStringLiteral("serialNumber"), serial } };
    t.restart();
    auto csr = (*session)->signCsr(pair->id, request);
    steps.csr = t.nsecsElapsed() / 1e6;
    if (!csr)
        return Steps { 0, 0, 0, 0, false };
    ks::test::IssueOptions options;
    options.issuerCert = pki.caCert();
    options.issuerKey = pki.caKey();
    const QByteArray cert = ks::test::TestPki::issueFromCsr(*csr, options);
    t.restart();
    auto written = (*session)->writeCertificate(pair->id, cert, QStringLiteral("bench"));
    steps.write = t.nsecsElapsed() / 1e6;
    steps.ok = static_cast<bool>(written);
    return steps;
}

struct BatchResult
{
    double sequentialMs = 0, parallelMs = 0;
    int failures = 0;
};

BatchResult runBatch(const QString &modulePath, const QStringList &serials, KeyAlgorithm algorithm,
                     const ks::test::TestPki &pki, Steps *firstSteps)
{
    auto module = Pkcs11Module::load(modulePath);
    if (!module) {
        std::fprintf(stderr, "%s\n", qPrintable(module.error().toString()));
        std::exit(1);
    }
    const int half = static_cast<int>(serials.size() / 2);
    BatchResult result;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < half; ++i) {
        const Steps s = provisionOne(*module, serials[i], algorithm, pki);
        if (i == 0 && firstSteps)
            *firstSteps = s;
        result.failures += s.ok ? 0 : 1;
    }
    result.sequentialMs = t.nsecsElapsed() / 1e6;
    t.restart();
    std::vector<std::thread> threads;
    std::atomic_int failures { 0 };
    for (int i = half; i < serials.size(); ++i)
        threads.emplace_back(
            [&, i] { failures += provisionOne(*module, serials[i], algorithm, pki).ok ? 0 : 1; });
    for (auto &thread : threads)
        thread.join();
    result.parallelMs = t.nsecsElapsed() / 1e6;
    result.failures += failures;
    return result;
}

void printBatch(const char *setup, const char *algorithm, int keys, const BatchResult &r, double oneKeyMs)
{
    std::printf(
        "%-26s %-8s %4d keys  sequential %9.0f ms  parallel %8.0f ms  speed-up %5.1fx  parallel/one-key "
        "%4.2f  failures %d\n",
        setup, algorithm, keys, r.sequentialMs, r.parallelMs, r.sequentialMs / r.parallelMs,
        r.parallelMs / oneKeyMs, r.failures);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int keys = argc > 1 ? std::atoi(argv[1]) : 16;
    std::printf("KeyStation device benchmark: %d keys per batch, %u hardware threads\n", keys,
                std::thread::hardware_concurrency());

    struct Case
    {
        const char *name;
        KeyAlgorithm algorithm;
    };
    const Case cases[] = { { "rsa2048", KeyAlgorithm::Rsa2048 }, { "ec-p256", KeyAlgorithm::EcP256 } };

    for (const auto &c : cases) {
        // Plain SoftHSM: CPU-bound crypto, so parallel gains are bounded by the cores.
        ks::test::SoftHsmEnv env;
        QStringList serials;
        for (const auto &s : env.initTokens(keys * 2))
            serials << SerialNumber::normalise(QString::fromStdString(s));
        auto pki = ks::test::TestPki::create(QString::fromStdString(env.dir()) + QStringLiteral("/pki"));
        Steps steps;
        const auto r = runBatch(QString::fromStdString(ks::test::SoftHsmEnv::softHsmModulePath()), serials,
                                c.algorithm, pki, &steps);
        std::printf("per-step on SoftHSM (%s): login %.1f ms, keygen %.1f ms, CSR sign+verify %.1f ms, "
                    "certificate write+read-back %.1f ms\n",
                    c.name, steps.login, steps.keygen, steps.csr, steps.write);
        printBatch("SoftHSM", c.name, keys, r, steps.login + steps.keygen + steps.csr + steps.write);
    }

    for (const auto &c : cases) {
        // Through the simulated hub with a chip's latency: the time is the chip's, so parallel ~ one key.
        ks::test::SoftHsmEnv env;
        QStringList serials;
        for (const auto &s : env.initTokens(keys * 2))
            serials << SerialNumber::normalise(QString::fromStdString(s));
        const std::string state = env.dir() + "/hub.state";
        ::setenv("KS_SIMHUB_STATE", state.c_str(), 1);
        ks::simhub::SimHubControl hub(state);
        hub.setLatency("C_GenerateKeyPair:RSA", 3000);
        hub.setLatency("C_GenerateKeyPair:EC", 300);
        hub.setLatency("C_Sign", 300);
        hub.setLatency("C_CreateObject", 300);
        auto pki = ks::test::TestPki::create(QString::fromStdString(env.dir()) + QStringLiteral("/pki"));
        Steps steps;
        const auto r = runBatch(QStringLiteral(KS_SIMHUB_MODULE_PATH), serials, c.algorithm, pki, &steps);
        const double oneKey = steps.login + steps.keygen + steps.csr + steps.write;
        std::printf(
            "per-step on the hub (%s): login %.1f ms, keygen %.1f ms, CSR %.1f ms, write %.1f ms = %.0f ms\n",
            c.name, steps.login, steps.keygen, steps.csr, steps.write, oneKey);
        printBatch("simulated hub, chip latency", c.name, keys, r, oneKey);
    }
    return 0;
}
