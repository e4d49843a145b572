#pragma once

#include <QString>
#include <QStringList>

namespace ks::core {

// Where both front ends (keystation and keystation-cli) find their configuration when no option names it, in
// one order: command-line option > environment > the GUI's settings > these defaults.
struct StationDefaults
{
    // $KEYSTATION_PROFILE, empty when unset.
    static QString profileFromEnvironment();
    // $KEYSTATION_PKCS11_MODULE (':'-separated), empty when unset.
    static QStringList modulesFromEnvironment();
    // $KEYSTATION_JOURNAL (an SQLite file), empty when unset.
    static QString journalFromEnvironment();

    // <config folder>/profile.json (~/.config/KeyStation/keystation/profile.json).
    static QString profileFile();
    // OpenSC's module on Debian.
    static QString openScModule();

    // The profile when no option gives one: the environment, else profileFile().
    static QString profile();
    // The modules when no option gives one: the environment, else OpenSC.
    static QStringList modules();
};

} // namespace ks::core
