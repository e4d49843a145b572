#pragma once

#include <QString>
#include <QStringList>

namespace ks::core {

// What `keystation --version` and `keystation-cli --version` print: the program and its version, then the Qt
// it runs on, the OpenSSL it runs on and each PKCS#11 module given (C_GetInfo: description, library and
// Cryptoki versions), or that none is configured.
QString versionText(const QString &program, const QString &version, const QStringList &modules);

} // namespace ks::core
