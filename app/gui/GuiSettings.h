#pragma once

#include "core/CoreError.h"
#include "core/JournalConfig.h"

#include <QString>
#include <QStringList>

class QSettings;

namespace ks::app {

// The station's settings as the administrator sets them (persisted with QSettings). Command-line options
// override them for one run (the demo, tests).
struct GuiSettings
{
    QString profilePath;
    QString modulePath;
    QString journalBackend = QStringLiteral("sqlite"); // "sqlite" or "postgresql"
    QString sqlitePath; // empty: the platform's application data folder
    QString pgConfFile; // "key = value" connection file (JournalConfig::fromPgConfFile)
    QString badgeCaFile; // operator CA certificate(s), PEM; empty: no badge login
    QString badgeEku = QStringLiteral("clientAuth"); // extendedKeyUsage a badge certificate must carry
    QString anchorFile; // empty: none; each batch end appends the journal's chain head here
    bool journalSyncEveryEvent = false; // core::JournalConfig::syncEveryEvent
    bool sounds = true;
    bool speech = false;
    // Names kept from when these were dialogs (the settings files keep their keys); the bench shows no dialog
    // now (issue 11): failureDialog lists failed ports in the bench's banner while a batch runs,
    // summaryDialog shows the summary banner when a batch ends.
    bool failureDialog = false;
    bool summaryDialog = true;
    int idleLockMinutes = 10; // 0: never
    QString language; // "en", "zh_CN", empty: the system's
    int pollIntervalMs = 500;
    // The bench's port grid (docs/gui.md): columns (0: automatic) and the port identity at each position,
    // position 1 first (core::KeyInfo::port; an empty entry leaves a position unused). Empty: the ports
    // seen, in natural order.
    int benchColumns = 0;
    QStringList benchPorts;

    static GuiSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    core::Result<core::JournalConfig> journalConfig() const;
};

} // namespace ks::app
