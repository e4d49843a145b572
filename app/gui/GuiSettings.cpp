#include "GuiSettings.h"

#include <QSettings>

namespace ks::app {

GuiSettings GuiSettings::load(QSettings &s)
{
    GuiSettings g;
    g.profilePath = s.value(QStringLiteral("station/profile")).toString();
    g.modulePath = s.value(QStringLiteral("station/module")).toString();
    g.journalBackend = s.value(QStringLiteral("journal/backend"), g.journalBackend).toString();
    g.sqlitePath = s.value(QStringLiteral("journal/sqlitePath")).toString();
    g.pgConfFile = s.value(QStringLiteral("journal/pgConfFile")).toString();
    g.badgeCaFile = s.value(QStringLiteral("login/badgeCaFile")).toString();
    g.badgeEku = s.value(QStringLiteral("login/badgeEku"), g.badgeEku).toString();
    g.anchorFile = s.value(QStringLiteral("journal/anchorFile")).toString();
    g.journalSyncEveryEvent
        = s.value(QStringLiteral("journal/syncEveryEvent"), g.journalSyncEveryEvent).toBool();
    g.sounds = s.value(QStringLiteral("feedback/sounds"), g.sounds).toBool();
    g.speech = s.value(QStringLiteral("feedback/speech"), g.speech).toBool();
    g.failureDialog = s.value(QStringLiteral("feedback/failureDialog"), g.failureDialog).toBool();
    g.summaryDialog = s.value(QStringLiteral("feedback/summaryDialog"), g.summaryDialog).toBool();
    g.idleLockMinutes = s.value(QStringLiteral("session/idleLockMinutes"), g.idleLockMinutes).toInt();
    g.language = s.value(QStringLiteral("ui/language")).toString();
    g.pollIntervalMs = s.value(QStringLiteral("station/pollIntervalMs"), g.pollIntervalMs).toInt();
    g.benchColumns = s.value(QStringLiteral("bench/columns"), g.benchColumns).toInt();
    g.benchPorts = s.value(QStringLiteral("bench/ports")).toStringList();
    return g;
}

void GuiSettings::save(QSettings &s) const
{
    s.setValue(QStringLiteral("station/profile"), profilePath);
    s.setValue(QStringLiteral("station/module"), modulePath);
    s.setValue(QStringLiteral("journal/backend"), journalBackend);
    s.setValue(QStringLiteral("journal/sqlitePath"), sqlitePath);
    s.setValue(QStringLiteral("journal/pgConfFile"), pgConfFile);
    s.setValue(QStringLiteral("login/badgeCaFile"), badgeCaFile);
    s.setValue(QStringLiteral("login/badgeEku"), badgeEku);
    s.setValue(QStringLiteral("journal/anchorFile"), anchorFile);
    s.setValue(QStringLiteral("journal/syncEveryEvent"), journalSyncEveryEvent);
    s.setValue(QStringLiteral("feedback/sounds"), sounds);
    s.setValue(QStringLiteral("feedback/speech"), speech);
    s.setValue(QStringLiteral("feedback/failureDialog"), failureDialog);
    s.setValue(QStringLiteral("feedback/summaryDialog"), summaryDialog);
    s.setValue(QStringLiteral("session/idleLockMinutes"), idleLockMinutes);
    s.setValue(QStringLiteral("ui/language"), language);
    s.setValue(QStringLiteral("station/pollIntervalMs"), pollIntervalMs);
    s.setValue(QStringLiteral("bench/columns"), benchColumns);
    s.setValue(QStringLiteral("bench/ports"), benchPorts);
    s.sync();
}

core::Result<core::JournalConfig> GuiSettings::journalConfig() const
{
    auto config = journalBackend == QStringLiteral("postgresql")
        ? core::JournalConfig::fromPgConfFile(pgConfFile)
        : core::Result<core::JournalConfig>(core::JournalConfig::sqlite(sqlitePath));
    if (config) {
        config->anchorFile = anchorFile;
        config->syncEveryEvent = journalSyncEveryEvent;
    }
    return config;
}

} // namespace ks::app
