#pragma once

#include <QStringList>

namespace ks::app {

// PKCS#11 modules to use when no --module is given: $KEYSTATION_PKCS11_MODULE (':'-separated), else OpenSC
// (core::StationDefaults, which the GUI reads too).
QStringList defaultModules();

// The profile when no --profile is given: $KEYSTATION_PROFILE, else
// ~/.config/KeyStation/keystation/profile.json.
QString defaultProfile();

// Why a module may show no key: for OpenSC, whether pcscd runs. Empty for other modules.
QString noKeyHint(const QString &modulePath);

} // namespace ks::app
