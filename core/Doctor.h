#pragma once

#include "core/JournalConfig.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <chrono>
#include <functional>
#include <memory>

namespace ks::device {
class Pkcs11Module;
}

namespace ks::core {

// One finding of the bench health check (docs/quickstart.md, "Check the bench"): what was checked, how it
// went, one line of detail and, when it did not go well, what to do next.
struct DoctorCheck
{
    enum class Outcome
    {
        Ok,
        Warn, // works, but something is near a limit or could not be confirmed: the station may still run
        Fail, // the station cannot provision like this
        Skipped, // does not apply here (not OpenSC, no profile to read the CA from, ...)
    };

    QString id; // stable, for scripts: "profile", "module", "pcscd", "readers", "ca", "ca-certificate",
                // "clock", "journal", "disk", "sound"
    QString title; // translated
    Outcome outcome = Outcome::Ok;
    QString detail; // one line, translated
    QString nextStep; // what to do when not ok (translated), empty otherwise

    // "ok", "warn", "fail", "skipped" (not translated: scripts read them).
    static QString outcomeName(Outcome outcome);
    QJsonObject toJson() const; // id, title, status, detail, next
};

struct DoctorConfig
{
    QString profilePath;
    QString modulePath;
    // The module when it is loaded already (the GUI's station): PKCS#11 allows one C_Initialize per process,
    // so a second load of the same module fails. Null: the doctor loads modulePath.
    std::shared_ptr<device::Pkcs11Module> module;
    JournalConfig journal; // opened by the doctor (a SQLite file that does not exist yet is not created)
    // Seconds the CA may take to answer each request.
    std::chrono::milliseconds caTimeout { 15000 };
    // OpenSC's configuration file; empty: $OPENSC_CONF, else /etc/opensc/opensc.conf.
    QString openScConf;
    // pcscd's socket; empty: $PCSCLITE_CSOCK_NAME, else /run/pcscd/pcscd.comm.
    QString pcscdSocket;
    // The sound check. The core has no audio: the GUI passes one (Qt Multimedia's outputs); without it the
    // check is skipped (keystation-cli plays no sound).
    std::function<DoctorCheck()> soundCheck;
};

// The bench health check behind `keystation-cli doctor` and the GUI's start-up check: every check runs, one
// result each, in a fixed order. Blocking (the CA's answer is waited for in a local event loop, bounded by
// caTimeout); may run in any thread, e.g. a QtConcurrent worker. Changes nothing: the journal's write probe
// is rolled back, a journal file that does not exist is not created, no key is logged in to.
class Doctor
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::Doctor)

public:
    static QList<DoctorCheck> run(const DoctorConfig &config);
    static bool anyFailed(const QList<DoctorCheck> &checks);

    // OpenSC gives PKCS#11 slots to max_virtual_slots / slots_per_card readers (docs/hardware.md, fact (d)).
    struct OpenScLimits
    {
        int maxVirtualSlots = 16; // OpenSC's defaults
        int slotsPerCard = 4;
        QString source; // the file read, empty when none was found (defaults)
        int readers() const { return slotsPerCard > 0 ? maxVirtualSlots / slotsPerCard : maxVirtualSlots; }
    };
    // Reads max_virtual_slots and slots_per_card from an opensc.conf ('#' comments ignored); the defaults for
    // what the file does not set or when it cannot be read.
    static OpenScLimits openScLimits(const QString &confPath);
    // pcsc-lite's reader limit: 16 readers before pcsc-lite 2.5.0 (Debian 12 has 1.9.9; docs/hardware.md).
    static constexpr int pcscLiteMaxReaders = 16;

    static constexpr qint64 diskWarnBytes = 1024LL * 1024 * 1024; // warn below 1 GiB free
    static constexpr qint64 diskFailBytes = 100LL * 1024 * 1024; // fail below 100 MiB free
};

} // namespace ks::core
