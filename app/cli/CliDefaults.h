#pragma once

#include <QStringList>

namespace ks::app {

// PKCS#11 modules to use when no --module is given: $KEYSTATION_PKCS11_MODULE (':'-separated), else OpenSC.
QStringList defaultModules();

} // namespace ks::app
