#include "TokensCommand.h"

#include "CliDefaults.h"
#include "CliOutput.h"

#include "CliOptions.h"
#include "CliSignals.h"
#include "ExitCode.h"
#include "device/Pkcs11Module.h"
#include "device/TokenWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <future>

namespace ks::app {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::TokensCommand)
};

QTextStream &out()
{
    return cliOut();
}

QTextStream &err()
{
    return cliErr();
}

QJsonObject toJson(const device::TokenInfo &t)
{
    return QJsonObject {
        { QStringLiteral("module"), t.modulePath },
        { QStringLiteral("slot"), static_cast<qint64>(t.slotId) },
        { QStringLiteral("slotDescription"), t.slotDescription },
        { QStringLiteral("port"), t.port() },
        { QStringLiteral("serial"), t.serial },
        { QStringLiteral("label"), t.label },
        { QStringLiteral("manufacturer"), t.manufacturer },
        { QStringLiteral("model"), t.model },
        { QStringLiteral("initialized"), t.initialized },
        { QStringLiteral("pinCountLow"), t.pinCountLow },
        { QStringLiteral("pinFinalTry"), t.pinFinalTry },
        { QStringLiteral("pinLocked"), t.pinLocked },
    };
}

QString toLine(const device::TokenInfo &t)
{
    const QString flags = t.flagsText();
    return QStringLiteral("%1  slot %2  %3 %4  \"%5\"%6")
        .arg(t.serial.isEmpty() ? QStringLiteral("(no serial)") : t.serial)
        .arg(t.slotId)
        .arg(t.manufacturer, t.model, t.label,
             flags.isEmpty() ? QString() : QStringLiteral("  [") + flags + u']');
}

// Listing can block for many seconds on a module probing an unknown card (docs/stack-facts.md: ~14 s): bound
// it.
int listOnce(const QStringList &modules, bool json, int timeoutSeconds)
{
    QJsonArray all;
    int exitCode = 0;
    for (const auto &path : modules) {
        auto task = std::async(std::launch::async, [path] {
            auto module = device::Pkcs11Module::load(path);
            if (!module)
                return device::Result<QList<device::TokenInfo>>(module.error());
            return (*module)->tokens();
        });
        if (task.wait_for(std::chrono::seconds(timeoutSeconds)) != std::future_status::ready) {
            err() << Tr::tr("%1 did not answer within %2 s; a key or reader may be stuck.")
                         .arg(path)
                         .arg(timeoutSeconds)
                  << Qt::endl;
            std::_Exit(NoKey); // the module call cannot be cancelled; leave without unloading under it
        }
        auto tokens = task.get();
        if (!tokens) {
            err() << tokens.error().toString() << Qt::endl;
            exitCode = NoKey;
            continue;
        }
        for (const auto &t : *tokens) {
            if (json)
                all.append(toJson(t));
            else
                out() << toLine(t) << Qt::endl;
        }
        if (tokens->isEmpty() && !json) {
            out() << Tr::tr("No keys found through %1.").arg(path) << Qt::endl;
            const QString hint = noKeyHint(path);
            if (!hint.isEmpty())
                out() << hint << Qt::endl;
        }
    }
    if (json)
        out() << QJsonDocument(all).toJson(QJsonDocument::Indented);
    return exitCode;
}

int watch(const QStringList &modules, bool json)
{
    std::vector<std::shared_ptr<device::Pkcs11Module>> loaded;
    std::vector<std::unique_ptr<device::TokenWatcher>> watchers;
    for (const auto &path : modules) {
        auto module = device::Pkcs11Module::load(path);
        if (!module) {
            err() << module.error().toString() << Qt::endl;
            return NoKey;
        }
        loaded.push_back(*module);
        auto watcher = std::make_unique<device::TokenWatcher>(*module);
        auto report = [json](const char *event, const device::TokenInfo &t) {
            const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
            if (json) {
                QJsonObject o = toJson(t);
                o.insert(QStringLiteral("event"), QLatin1String(event));
                o.insert(QStringLiteral("time"), time);
                out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << Qt::endl;
            } else {
                out() << time << u' ' << QLatin1String(event) << u' ' << toLine(t) << Qt::endl;
            }
        };
        QObject::connect(watcher.get(), &device::TokenWatcher::tokenAdded,
                         [report](const device::TokenInfo &t) { report("added", t); });
        QObject::connect(watcher.get(), &device::TokenWatcher::tokenChanged,
                         [report](const device::TokenInfo &t) { report("changed", t); });
        QObject::connect(watcher.get(), &device::TokenWatcher::tokenRemoved,
                         [report](const device::TokenInfo &t) { report("removed", t); });
        QObject::connect(watcher.get(), &device::TokenWatcher::scanFailed,
                         [](const QString &message) { err() << message << Qt::endl; });
        watcher->start();
        if (!json)
            out() << Tr::tr("Watching %1 (%2). Ctrl+C to stop.")
                         .arg(path,
                              (*module)->supportsSlotEvents() ? Tr::tr("slot events and polling")
                                                              : Tr::tr("polling"))
                  << Qt::endl;
        watchers.push_back(std::move(watcher));
    }
    CliSignals::quitEventLoopOnSignal();
    const int code = QCoreApplication::exec();
    watchers.clear();
    return code == Interrupted ? Success : code; // Ctrl+C is how watching ends
}

} // namespace

int runTokensCommand(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(Tr::tr("List the keys on the hub, or watch them come and go."));
    parser.addHelpOption();
    parser.addOption(
        { QStringLiteral("watch"), Tr::tr("Print an event each time a key is plugged, pulled or changes.") });
    parser.addOption({ QStringLiteral("json"), Tr::tr("Machine-readable output.") });
    parser.addOption({ QStringLiteral("module"),
                       Tr::tr("PKCS#11 module (repeatable). Default: $KEYSTATION_PKCS11_MODULE or OpenSC."),
                       QStringLiteral("path") });
    parser.addOption({ QStringLiteral("timeout"),
                       Tr::tr("Seconds to wait for a module to answer (default 60)."),
                       QStringLiteral("seconds"), QStringLiteral("60") });
    if (const auto done = cli::parse(parser, QStringLiteral("tokens"), args))
        return *done;
    QStringList modules = parser.values(QStringLiteral("module"));
    if (modules.isEmpty())
        modules = defaultModules();
    const bool json = parser.isSet(QStringLiteral("json"));
    if (parser.isSet(QStringLiteral("watch")))
        return watch(modules, json);
    return listOnce(modules, json, qMax(1, parser.value(QStringLiteral("timeout")).toInt()));
}

} // namespace ks::app
