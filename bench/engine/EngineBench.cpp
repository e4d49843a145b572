// End-to-end batches through the real engine (Station + BatchRunner) against cfssl over HTTPS: all keys in
// parallel vs one key at a time (the patent's sequential flow), on plain SoftHSM speed and with a chip's
// latency through the simulated hub. Also the engine's CPU per key. Prints a table; run by scripts/bench
// engine.
#include "CfsslServer.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "core/OperatorStore.h"
#include "core/Station.h"
#include "device/Pkcs11Module.h"
#include "device/SerialNumber.h"
#include "device/TokenSession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

using namespace ks;

namespace {

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Run
{
    double wallMs = 0;
    double cpuS = 0;
    int done = 0;
    int failed = 0;
    // Each step's times (ms) over the batch's keys, by step name: where N keys lose time against one.
    QMap<QString, QList<qint64>> stepMs;
};

struct Bench
{
    test::SoftHsmEnv env;
    QString dir;
    std::unique_ptr<test::TestPki> pki;
    test::CfsslServer cfssl;

    Bench(int keys, bool chipLatency)
    {
        dir = QString::fromStdString(env.dir());
        env.initTokens(keys);
        const std::string state = env.dir() + "/hub.state";
        ::setenv("KS_SIMHUB_STATE", state.c_str(), 1);
        simhub::SimHubControl hub(state);
        if (chipLatency) {
            // docs/stack-facts.md: a real chip's RSA-2048 keygen takes seconds; signing and writing ~0.3 s.
            hub.setLatency("C_GenerateKeyPair:RSA", 3000);
            hub.setLatency("C_GenerateKeyPair:EC", 300); // as scripts/demo
            hub.setLatency("C_Sign", 300);
            hub.setLatency("C_CreateObject", 300);
        }
        pki = std::make_unique<test::TestPki>(test::TestPki::create(dir + QStringLiteral("/pki")));
        test::CfsslServer::Options o;
        o.caCertPath = pki->caCertPath();
        o.caKeyPath = pki->caKeyPath();
        o.tlsCertPath = pki->serverCertPath();
        o.tlsKeyPath = pki->serverKeyPath();
        if (!cfssl.start(o)) {
            std::fprintf(stderr, "cfssl: %s\n", qPrintable(cfssl.errorString()));
            std::exit(1);
        }
        QFile pin(dir + QStringLiteral("/pin"));
        pin.open(QIODevice::WriteOnly);
        pin.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a secret file: owner-only
        pin.write("123456\n");
    }

    Run run(int parallel, const QString &algorithm)
    {
        const QJsonObject profile {
            { QStringLiteral("name"), QStringLiteral("bench") },
            { QStringLiteral("keyAlgorithm"), algorithm },
            { QStringLiteral("pin"),
              QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                            { QStringLiteral("file"), dir + QStringLiteral("/pin") } } },
            { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
            { QStringLiteral("ca"),
              QJsonObject { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                            { QStringLiteral("url"), cfssl.baseUrl().toString() },
                            { QStringLiteral("profile"), QStringLiteral("station") },
                            { QStringLiteral("trustAnchorFile"), pki->caCertPath() } } },
            { QStringLiteral("minValidityDays"), 30 },
            { QStringLiteral("maxParallelKeys"), parallel },
        };
        QFile file(dir + QStringLiteral("/profile.json"));
        file.open(QIODevice::WriteOnly);
        file.write(QJsonDocument(profile).toJson());
        file.close();
        core::StationConfig config;
        config.profilePath = file.fileName();
        config.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
        config.journal
            = core::JournalConfig::sqlite(dir + QStringLiteral("/journal-%1.sqlite").arg(parallel));
        auto station = core::Station::create(config);
        if (!station) {
            std::fprintf(stderr, "%s\n", qPrintable(station.error().toString()));
            std::exit(1);
        }
        QByteArray password("benchmark password");
        auto session = (*station)->operators().createFirstAdministrator(QStringLiteral("bench"), password);
        if (!session || !(*station)->connectCa()) {
            std::fprintf(stderr, "station setup failed\n");
            std::exit(1);
        }
        Run r;
        QEventLoop loop;
        QObject::connect((*station)->runner(), &core::BatchRunner::keyFinished, &loop,
                         [&](const core::JobResult &result) {
                             for (const core::StepTiming &step : result.steps)
                                 r.stepMs[core::jobStageName(step.stage)].append(step.elapsedMs);
                         });
        QObject::connect((*station)->runner(), &core::BatchRunner::batchFinished, &loop,
                         [&](const core::BatchSummary &s) {
                             r.done = s.done;
                             r.failed = s.failed;
                             loop.quit();
                         });
        const double cpu0 = cpuSeconds();
        QElapsedTimer t;
        t.start();
        // force: the second run re-provisions the same keys with fresh key pairs.
        if (!(*station)->provisionAll(*session, false, true)) {
            std::fprintf(stderr, "batch did not start\n");
            std::exit(1);
        }
        loop.exec();
        r.wallMs = static_cast<double>(t.elapsed());
        r.cpuS = cpuSeconds() - cpu0;
        return r;
    }
};

void report(const char *setup, const QString &algorithm, int keys, const Run &seq, const Run &par,
            double oneKeyMs)
{
    std::printf(
        "%-22s %-8s %3d keys | sequential %8.1f s | parallel %7.1f s | speed-up %5.1fx | parallel / one key "
        "%4.2f | CPU/key %5.0f ms | failures %d\n",
        setup, qPrintable(algorithm), keys, seq.wallMs / 1000, par.wallMs / 1000, seq.wallMs / par.wallMs,
        par.wallMs / oneKeyMs, par.cpuS * 1000 / keys, seq.failed + par.failed);
    std::fflush(stdout);
}

// With KS_BENCH_STEPS: each step's median and largest time over the keys, N keys against one.
void stepLines(const Run &par, const Run &single)
{
    if (!qEnvironmentVariableIsSet("KS_BENCH_STEPS"))
        return;
    const auto median = [](QList<qint64> v) {
        std::sort(v.begin(), v.end());
        return v.isEmpty() ? 0 : v.at(v.size() / 2);
    };
    for (auto it = par.stepMs.cbegin(); it != par.stepMs.cend(); ++it) {
        const QList<qint64> one = single.stepMs.value(it.key());
        std::printf("  step %-20s one key %5lld ms | in the batch: median %5lld ms, largest %5lld ms\n",
                    qPrintable(it.key()), static_cast<long long>(median(one)),
                    static_cast<long long>(median(it.value())),
                    static_cast<long long>(*std::max_element(it.value().cbegin(), it.value().cend())));
    }
}

// The figure issue 13 sets a target for: N keys in parallel against one key alone, in the same run.
void ratioLine(const char *setup, const QString &algorithm, int keys, const Run &par, double oneKeyMs)
{
    std::printf("ratio: %s, %s, %d keys / one key = %.2f (%.2f s / %.2f s; issue 13 target <= 1.15)\n", setup,
                qPrintable(algorithm), keys, par.wallMs / oneKeyMs, par.wallMs / 1000, oneKeyMs / 1000);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qputenv("QT_LOGGING_RULES", "ks.*.info=false");
    QList<int> sizes { 16, 64 };
    if (argc > 1)
        sizes = { std::atoi(argv[1]) };
    const bool skipSequentialLatency = qEnvironmentVariableIsSet("KS_BENCH_QUICK");
    // Only the chip-latency rows (the simulated hub's fidelity, issue 13 item 7).
    const bool latencyOnly = qEnvironmentVariableIsSet("KS_BENCH_LATENCY_ONLY");
    std::printf("KeyStation engine benchmark (cfssl over HTTPS on loopback, SQLite journal, %d cores)\n",
                QThread::idealThreadCount());

    for (const bool latency : { false, true }) {
        if (latencyOnly && !latency)
            continue;
        for (const QString &algorithm : { QStringLiteral("ec-p256"), QStringLiteral("rsa2048") }) {
            // KS_BENCH_ALGORITHM=ec-p256 (or rsa2048): that algorithm's rows only (a profile of one).
            if (qEnvironmentVariableIsSet("KS_BENCH_ALGORITHM")
                && qEnvironmentVariable("KS_BENCH_ALGORITHM") != algorithm)
                continue;
            for (int keys : sizes) {
                Bench one(1, latency);
                const Run single = one.run(1, algorithm);
                Bench bench(keys, latency);
                Run seq;
                if (latency && skipSequentialLatency) {
                    seq.wallMs = single.wallMs * keys; // estimate, said so below
                } else {
                    seq = bench.run(1, algorithm);
                }
                const Run par = bench.run(keys, algorithm);
                report(latency ? "hub, chip latency" : "SoftHSM speed", algorithm, keys, seq, par,
                       single.wallMs);
                if (latency && skipSequentialLatency)
                    std::printf("  (sequential estimated as %d x one key: %.1f s)\n", keys,
                                single.wallMs / 1000);
                std::printf("  one key alone: %.2f s, CPU %.0f ms\n", single.wallMs / 1000,
                            single.cpuS * 1000);
                if (latency)
                    ratioLine("hub, chip latency", algorithm, keys, par, single.wallMs);
                stepLines(par, single);
            }
        }
    }
    return 0;
}
