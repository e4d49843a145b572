// The per-key cost of a worker process on SoftHSM: spawning keystation-token-worker, loading the module in
// it, the protocol hello, finding the key and logging in — against the same open + login in this process,
// measured in the same run. Run by scripts/bench-workers.
#include "SoftHsmEnv.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"
#include "device/worker/WorkerSession.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace ks;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    const int keys = argc > 1 ? std::atoi(argv[1]) : 16;
    const int rounds = 3;
    test::SoftHsmEnv env;
    QStringList serials;
    for (const auto &s : env.initTokens(keys))
        serials << device::SerialNumber::normalise(QString::fromStdString(s));
    const QString modulePath = QString::fromStdString(test::SoftHsmEnv::softHsmModulePath());
    const QByteArray pin("123456");

    QElapsedTimer load;
    load.start();
    auto module = device::Pkcs11Module::load(modulePath);
    if (!module) {
        std::fprintf(stderr, "%s\n", qPrintable(module.error().toString()));
        return 1;
    }
    const double loadMs = load.nsecsElapsed() / 1e6;

    std::vector<double> inProcess, worker;
    for (int round = 0; round < rounds; ++round) {
        for (const auto &serial : serials) {
            QElapsedTimer t;
            t.start();
            {
                auto session = device::TokenSession::open(*module, serial);
                if (!session || !(*session)->login(pin))
                    return 1;
            }
            inProcess.push_back(t.nsecsElapsed() / 1e6);
        }
        for (const auto &serial : serials) {
            device::WorkerOptions options;
            options.workerPath = QStringLiteral(KS_WORKER_PATH);
            options.modulePath = modulePath;
            QElapsedTimer t;
            t.start();
            {
                auto session = device::WorkerSession::open(options, serial);
                if (!session) {
                    std::fprintf(stderr, "%s\n", qPrintable(session.error().toString()));
                    return 1;
                }
                if (!(*session)->login(pin))
                    return 1;
            } // closes the socket and reaps the worker
            worker.push_back(t.nsecsElapsed() / 1e6);
        }
    }
    const double a = median(inProcess), b = median(worker);
    std::printf("worker cost on SoftHSM (%d keys x %d rounds, medians)\n", keys, rounds);
    std::printf("  module load in this process (once):           %8.2f ms\n", loadMs);
    std::printf("  in-process: open + login + close               %8.2f ms\n", a);
    std::printf("  worker:     spawn + load + hello + open + login + exit  %8.2f ms\n", b);
    std::printf("workers: per-key cost %.1f ms (%.1fx the in-process open + login)\n", b - a,
                a > 0 ? b / a : 0);
    return 0;
}
