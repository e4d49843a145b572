// The GUI under load: a batch of N keys (default 64) through the simulated hub against cfssl over HTTPS, with
// the real main window and its tile view. Measures the largest gap between ticks of a 10 ms timer on the GUI
// thread (target < 16 ms: one frame), the time from start to the window's first paint, and memory (VmRSS /
// VmHWM) with N tiles. The station runs in its own thread as in the application (core/StationThread.h).
// Usage: bench_gui [keys] [chip latency scale, 0 = none]. Offscreen unless a platform is chosen. The last
// line is the summary scripts/bench reads: "gui: max event-loop gap N ms, p99 N ms, first paint N ms, RSS N
// MiB".
#include "BenchWidget.h"
#include "CfsslServer.h"
#include "GuiSettings.h"
#include "MainWindow.h"
#include "SimHubControl.h"
#include "SoftHsmEnv.h"
#include "TestPki.h"
#include "TokenTileModel.h"
#include "core/Station.h"
#include "core/StationThread.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QPaintEvent>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include <unistd.h>

using namespace ks;

namespace {

qint64 threadCpuUs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

// Time this thread has waited on a run queue (runnable, another thread on the CPU), from the kernel's
// schedstat: the part of a gap that is the scheduler's, not the GUI thread's own work or sleep.
qint64 threadRunQueueUs()
{
    QFile f(QStringLiteral("/proc/thread-self/schedstat"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().split(' ').value(1).toLongLong() / 1000;
}

long statusKb(const char *field, const char *file = "/proc/self/status")
{
    QFile f(QString::fromLatin1(file));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(static_cast<int>(qstrlen(field))).trimmed().split(' ').value(0).toLong();
    return -1;
}

class PaintProbe : public QObject
{
public:
    qint64 firstPaintMs = -1;
    const QElapsedTimer *clock = nullptr;

protected:
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && firstPaintMs < 0)
            firstPaintMs = clock->elapsed();
        return QObject::eventFilter(o, e);
    }
};

// Where the GUI thread's time goes in the batch: the tile view's paints (how many, how many of the whole
// view, their time) and its resizes. Installed on the application, it sees every event: a paint of the view
// ends when the thread takes up its next event, so a paint's time is measured to that point.
class ViewPaintProfile : public QObject
{
public:
    QWidget *viewport = nullptr;
    bool on = false;
    int paints = 0, wholeView = 0, resizes = 0;
    qint64 paintUs = 0, wholeViewUs = 0, longestUs = 0;

protected:
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (!on)
            return false;
        closePaint();
        closeOther();
        if (o == viewport && e->type() == QEvent::Paint) {
            const QRect painted = static_cast<QPaintEvent *>(e)->region().boundingRect();
            m_whole = painted.contains(viewport->rect());
            m_open.start();
        } else if (o == viewport && e->type() == QEvent::Resize) {
            ++resizes;
        } else if (o->isWidgetType()) {
            m_other = QString::fromLatin1(o->metaObject()->className()) + u'/' + o->objectName() + u' '
                + QString::number(int(e->type()));
            if (e->type() == QEvent::ChildAdded || e->type() == QEvent::ChildRemoved) {
                QObject *child = static_cast<QChildEvent *>(e)->child();
                m_other += u' ' + QString::fromLatin1(child ? child->metaObject()->className() : "?");
            }
            m_otherTimer.start();
        }
        return false;
    }

public:
    // Time to the next event by receiver and event type, the tile view's paints apart: where else the GUI
    // thread's time goes.
    QHash<QString, QPair<int, qint64>> others;

private:
    void closePaint()
    {
        if (!m_open.isValid())
            return;
        const qint64 us = m_open.nsecsElapsed() / 1000;
        m_open.invalidate();
        ++paints;
        paintUs += us;
        longestUs = std::max(longestUs, us);
        if (m_whole) {
            ++wholeView;
            wholeViewUs += us;
        }
    }
    void closeOther()
    {
        if (!m_otherTimer.isValid())
            return;
        auto &entry = others[m_other];
        ++entry.first;
        entry.second += m_otherTimer.nsecsElapsed() / 1000;
        m_otherTimer.invalidate();
    }
    QElapsedTimer m_open;
    bool m_whole = false;
    QElapsedTimer m_otherTimer;
    QString m_other;
};

// CPU time (ms) and nice value of each of this process's threads, by thread id, from /proc: which threads
// compete with the GUI thread for the 2 cores during the batch, and at what weight.
struct ThreadCpu
{
    QString name;
    int nice = 0;
    qint64 ms = 0;
};
// CPU time (ms) and nice value of one process or thread, from its stat file (proc(5)): after "pid (comm) ",
// utime and stime are fields 14 and 15, nice is field 19.
ThreadCpu readStat(const QString &statFile)
{
    ThreadCpu t;
    QFile f(statFile);
    if (!f.open(QIODevice::ReadOnly))
        return t;
    const QByteArray stat = f.readAll();
    const qsizetype open = stat.indexOf('('), close = stat.lastIndexOf(')');
    const QList<QByteArray> rest = stat.mid(close + 2).split(' ');
    if (open < 0 || close < 0 || rest.size() < 17)
        return t;
    t.name = QString::fromLatin1(stat.mid(open + 1, close - open - 1));
    t.ms = (rest.at(11).toLongLong() + rest.at(12).toLongLong()) * 1000 / ::sysconf(_SC_CLK_TCK);
    t.nice = rest.at(16).toInt();
    return t;
}

QHash<QString, ThreadCpu> threadsCpu()
{
    QHash<QString, ThreadCpu> out;
    const QStringList tids
        = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        const ThreadCpu t = readStat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!t.name.isEmpty())
            out.insert(tid, t);
    }
    return out;
}

// CPU time (ms) of a process, all its threads, and its nice value.
ThreadCpu processCpu(const QString &pid)
{
    return readStat(QStringLiteral("/proc/%1/stat").arg(pid));
}

// This process's children (cfssl), by pid.
QHash<QString, ThreadCpu> childrenCpu()
{
    QHash<QString, ThreadCpu> out;
    const QStringList tids
        = QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        QFile f(QStringLiteral("/proc/self/task/%1/children").arg(tid));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        for (const QByteArray &pid : f.readAll().split(' '))
            if (!pid.trimmed().isEmpty())
                out.insert(QString::fromLatin1(pid.trimmed()),
                           processCpu(QString::fromLatin1(pid.trimmed())));
    }
    return out;
}

// The whole machine's busy CPU time (ms): every process and the kernel, from /proc/stat.
qint64 machineBusyMs()
{
    QFile f(QStringLiteral("/proc/stat"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> cpu = f.readLine().simplified().split(' ');
    qint64 busy = 0;
    for (int i : { 1, 2, 3, 6, 7, 8 }) // user nice system irq softirq steal
        busy += cpu.value(i).toLongLong();
    return busy * 1000 / ::sysconf(_SC_CLK_TCK);
}

void fail(const char *what)
{
    std::fprintf(stderr, "bench_gui: %s\n", what);
    std::exit(1);
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int keys = argc > 1 ? std::atoi(argv[1]) : 64;
    const double latency = argc > 2 ? std::atof(argv[2]) : 0.0;

    // The bench: N SoftHSM keys behind the simulated hub, a throw-away PKI and cfssl serve over TLS.
    test::SoftHsmEnv env;
    const QString dir = QString::fromStdString(env.dir());
    env.initTokens(keys);
    const std::string state = env.dir() + "/hub.state";
    ::setenv("KS_SIMHUB_STATE", state.c_str(), 1);
    ::setenv("KS_SIMHUB_TARGET", test::SoftHsmEnv::softHsmModulePath().c_str(), 1);
    simhub::SimHubControl hub(state);
    if (latency > 0) {
        hub.setLatency("C_GenerateKeyPair:EC", static_cast<int>(300 * latency));
        hub.setLatency("C_Sign", static_cast<int>(300 * latency));
        hub.setLatency("C_CreateObject", static_cast<int>(300 * latency));
    }
    auto pki = test::TestPki::create(dir + QStringLiteral("/pki"));
    test::CfsslServer cfssl;
    test::CfsslServer::Options o;
    o.caCertPath = pki.caCertPath();
    o.caKeyPath = pki.caKeyPath();
    o.tlsCertPath = pki.serverCertPath();
    o.tlsKeyPath = pki.serverKeyPath();
    if (!cfssl.start(o))
        fail("cfssl did not start");
    QFile pin(dir + QStringLiteral("/pin"));
    pin.open(QIODevice::WriteOnly);
    pin.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner); // a secret file: owner-only
    pin.write("123456\n");
    pin.close();
    const QJsonObject profile {
        { QStringLiteral("name"), QStringLiteral("bench") },
        { QStringLiteral("keyAlgorithm"), QStringLiteral("ec-p256") },
        { QStringLiteral("pin"),
          QJsonObject { { QStringLiteral("source"), QStringLiteral("transport") },
                        { QStringLiteral("file"), pin.fileName() } } },
        { QStringLiteral("keyUsage"), QJsonArray { QStringLiteral("digitalSignature") } },
        { QStringLiteral("ca"),
          QJsonObject { { QStringLiteral("protocol"), QStringLiteral("cfssl") },
                        { QStringLiteral("url"), cfssl.baseUrl().toString() },
                        { QStringLiteral("profile"), QStringLiteral("station") },
                        { QStringLiteral("trustAnchorFile"), pki.caCertPath() } } },
        { QStringLiteral("minValidityDays"), 30 },
        { QStringLiteral("maxParallelKeys"), 16 },
    };
    QFile file(dir + QStringLiteral("/profile.json"));
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(profile).toJson());
    file.close();
    const qint64 setupMs = sinceStart.elapsed();

    // From here on: what the station does at start.
    QElapsedTimer clock;
    clock.start();
    core::StationConfig config;
    config.profilePath = file.fileName();
    config.modulePath = QStringLiteral(KS_SIMHUB_MODULE_PATH);
    config.journal = core::JournalConfig::sqlite(dir + QStringLiteral("/journal.sqlite"));
    auto station = core::Station::create(config);
    if (!station)
        fail(qPrintable(station.error().toString()));
    QByteArray password("benchmark password");
    auto session = (*station)->operators().createFirstAdministrator(QStringLiteral("bench"), password);
    if (!session)
        fail("no session");
    core::StationThread stationThread(std::move(*station));
    core::Station *st = stationThread.station();
    app::GuiSettings settings;
    settings.summaryDialog = false;
    settings.idleLockMinutes = 0;
    settings.sounds = qEnvironmentVariableIntValue("KS_BENCH_SOUNDS") != 0;
    app::MainWindow window(st, *session, settings, nullptr);
    PaintProbe probe;
    probe.clock = &clock;
    window.bench()->view()->viewport()->installEventFilter(&probe);
    window.resize(1280, 900);
    window.show();
    while (probe.firstPaintMs < 0 && clock.elapsed() < 10000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 10); // bench harness only
    const qint64 firstPaintMs = probe.firstPaintMs;
    auto *model = window.bench()->model();
    while (model->keyCount() < keys && clock.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::AllEvents, 10);
    const qint64 tilesMs = clock.elapsed();
    window.bench()->view()->viewport()->repaint();
    const long rssTiles = statusKb("VmRSS:");
    {
        auto ca = st->connectCaAsync();
        while (!ca.isFinished() && clock.elapsed() < 60000)
            QApplication::processEvents(QEventLoop::AllEvents, 10); // bench harness only
        if (!ca.isFinished() || ca.resultCount() == 0 || !ca.result())
            fail("CA not reachable");
    }

    // The batch, with a 10 ms ticker measuring the GUI thread's gaps.
    std::vector<qint64> gaps;
    QElapsedTimer tick;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(10);
    // A gap is the GUI thread's own work only if it spent that time on the CPU; otherwise it waited (a lock,
    // a blocking call) or the scheduler ran other threads on the 2 cores.
    struct Gap
    {
        qint64 at, ms, cpuMs, queuedMs;
    };
    std::vector<Gap> longGaps;
    QElapsedTimer batchClock;
    qint64 lastCpu = threadCpuUs();
    qint64 lastQueued = threadRunQueueUs();
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 gap = tick.restart();
        const qint64 cpu = threadCpuUs();
        const qint64 queued = threadRunQueueUs();
        gaps.push_back(gap);
        if (gap >= 16)
            longGaps.push_back(
                { batchClock.elapsed(), gap, (cpu - lastCpu) / 1000, (queued - lastQueued) / 1000 });
        lastCpu = cpu;
        lastQueued = queued;
    });
    ViewPaintProfile paintProfile;
    paintProfile.viewport = window.bench()->view()->viewport();
    app.installEventFilter(&paintProfile);
    paintProfile.on = true;
    const qint64 cpuBefore = threadCpuUs();
    const QHash<QString, ThreadCpu> threadsBefore = threadsCpu();
    const QHash<QString, ThreadCpu> childrenBefore = childrenCpu();
    const qint64 processBefore = processCpu(QStringLiteral("self")).ms;
    const qint64 machineBefore = machineBusyMs();
    const long wakeupsBefore = statusKb("voluntary_ctxt_switches:", "/proc/thread-self/status");
    const long preemptedBefore = statusKb("nonvoluntary_ctxt_switches:", "/proc/thread-self/status");
    // Repaint as a person's screen would: the view repaints each tile change on its own.
    bool finished = false;
    core::BatchSummary summary;
    QObject::connect(window.bench(), &app::BenchWidget::batchFinished, [&](const core::BatchSummary &s) {
        summary = s;
        finished = true;
    });
    std::fprintf(stderr, "bench_gui: batch starting\n");
    batchClock.start();
    tick.start();
    ticker.start();
    QElapsedTimer call;
    call.start();
    window.bench()->provisionAll();
    const qint64 provisionCallMs = call.elapsed();
    // The application's own event loop, as in keystation-gui: it sleeps between events.
    // (processEvents(flags, maxtime) never sleeps: it spun this thread at full speed and took a core from the
    // batch, and the scheduler's time slices then showed as long gaps.)
    {
        QEventLoop loop;
        QObject::connect(window.bench(), &app::BenchWidget::batchFinished, &loop, &QEventLoop::quit,
                         Qt::QueuedConnection);
        QTimer::singleShot(600000, &loop, &QEventLoop::quit);
        if (!finished)
            loop.exec();
    }
    ticker.stop();
    paintProfile.on = false;
    const qint64 batchMs = batchClock.elapsed();
    if (!finished)
        fail("batch did not finish");
    std::sort(gaps.begin(), gaps.end());
    const auto pct = [&](double p) {
        return gaps.empty() ? 0 : gaps[std::min(gaps.size() - 1, static_cast<size_t>(p * gaps.size()))];
    };
    std::printf("bench_gui: %d keys, chip latency x%.2f, platform %s\n", keys, latency,
                qPrintable(QApplication::platformName()));
    std::printf("  setup (tokens, PKI, cfssl)        %6lld ms (not counted below)\n",
                static_cast<long long>(setupMs));
    std::printf("  start to first paint of the bench %6lld ms (station created, login skipped)\n",
                static_cast<long long>(firstPaintMs));
    std::printf("  start to %d tiles shown           %6lld ms\n", keys, static_cast<long long>(tilesMs));
    std::printf("  memory with %d tiles: VmRSS %ld KiB\n", keys, rssTiles);
    std::printf("  batch: %d done, %d failed in %.1f s (%.0f keys/min)\n", summary.done, summary.failed,
                batchMs / 1000.0, summary.keysPerMinute());
    std::printf(
        "  GUI ticks (10 ms timer): %zu, largest gap %lld ms, p99 %lld ms, median %lld ms (target < 16 ms)\n",
        gaps.size(), static_cast<long long>(gaps.empty() ? 0 : gaps.back()),
        static_cast<long long>(pct(0.99)), static_cast<long long>(pct(0.5)));
    std::printf("  the Provision all call itself took %lld ms on the GUI thread\n",
                static_cast<long long>(provisionCallMs));
    std::printf("  GUI thread: %ld sleeps ended by an event, %ld times preempted\n",
                statusKb("voluntary_ctxt_switches:", "/proc/thread-self/status") - wakeupsBefore,
                statusKb("nonvoluntary_ctxt_switches:", "/proc/thread-self/status") - preemptedBefore);
    std::printf("  GUI thread CPU during the batch: %lld ms of %lld ms\n",
                static_cast<long long>((threadCpuUs() - cpuBefore) / 1000), static_cast<long long>(batchMs));
    std::printf(
        "  tile view: %d paints (%d of the whole view) in %lld ms, whole-view paints %lld ms, longest "
        "%lld ms; %d resizes\n",
        paintProfile.paints, paintProfile.wholeView, static_cast<long long>(paintProfile.paintUs / 1000),
        static_cast<long long>(paintProfile.wholeViewUs / 1000),
        static_cast<long long>(paintProfile.longestUs / 1000), paintProfile.resizes);
    if (qEnvironmentVariableIsSet("KS_BENCH_GUI_EVENTS")) {
        QList<QPair<qint64, QString>> top;
        for (auto it = paintProfile.others.cbegin(); it != paintProfile.others.cend(); ++it)
            top.append({ it.value().second, QStringLiteral("%1 x%2").arg(it.key()).arg(it.value().first) });
        std::sort(top.begin(), top.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        for (int i = 0; i < std::min<qsizetype>(15, top.size()); ++i)
            std::printf("    %6lld ms  %s\n", static_cast<long long>(top[i].first / 1000),
                        qPrintable(top[i].second));
    }
    {
        // Who else ran: the process's threads by CPU during the batch, with their nice values (the GUI
        // thread is nice 0; the station's threads yield to it).
        QHash<QString, ThreadCpu> byName;
        const QHash<QString, ThreadCpu> after = threadsCpu();
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            ThreadCpu &sum
                = byName[QStringLiteral("%1 (nice %2%3)")
                             .arg(it->name)
                             .arg(it->nice)
                             .arg(it->name == u"station" ? QString() : QStringLiteral(", ") + it.key())];
            sum.ms += it->ms - threadsBefore.value(it.key()).ms;
        }
        QStringList parts;
        for (auto it = byName.cbegin(); it != byName.cend(); ++it)
            if (it->ms > 0)
                parts << QStringLiteral("%1 %2 ms").arg(it.key()).arg(it->ms);
        std::sort(parts.begin(), parts.end());
        std::printf("  threads' CPU during the batch: %s\n", qPrintable(parts.join(QStringLiteral(", "))));
        // Beside this process: its children (cfssl) and everything else on the machine (the kernel's
        // threads, other processes).
        const QHash<QString, ThreadCpu> children = childrenCpu();
        qint64 childrenMs = 0;
        QStringList childParts;
        for (auto it = children.cbegin(); it != children.cend(); ++it) {
            const qint64 ms = it->ms - childrenBefore.value(it.key()).ms;
            childrenMs += ms;
            childParts << QStringLiteral("%1 (nice %2) %3 ms").arg(it->name).arg(it->nice).arg(ms);
        }
        const qint64 processMs = processCpu(QStringLiteral("self")).ms - processBefore;
        const qint64 machineMs = machineBusyMs() - machineBefore;
        std::printf(
            "  machine CPU during the batch: %lld ms: this process %lld ms, its children %lld ms (%s), "
            "everything else %lld ms\n",
            static_cast<long long>(machineMs), static_cast<long long>(processMs),
            static_cast<long long>(childrenMs), qPrintable(childParts.join(QStringLiteral(", "))),
            static_cast<long long>(machineMs - processMs - childrenMs));
    }
    for (const auto &g : longGaps)
        std::printf(
            "    gap of %3lld ms (GUI thread on CPU %3lld ms, waiting for a CPU %3lld ms) ending %5lld ms "
            "into the batch\n",
            static_cast<long long>(g.ms), static_cast<long long>(g.cpuMs), static_cast<long long>(g.queuedMs),
            static_cast<long long>(g.at));
    const long rssAfter = statusKb("VmRSS:");
    std::printf("  memory after the batch: VmRSS %ld KiB, peak VmHWM %ld KiB\n", rssAfter,
                statusKb("VmHWM:"));
    std::printf("gui: max event-loop gap %lld ms, p99 %lld ms, first paint %lld ms, RSS %ld MiB\n",
                static_cast<long long>(gaps.empty() ? 0 : gaps.back()), static_cast<long long>(pct(0.99)),
                static_cast<long long>(firstPaintMs), (rssAfter + 512) / 1024);
    std::fflush(stdout);
    return summary.failed == 0 && summary.done == keys ? 0 : 2;
}
