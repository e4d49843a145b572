#include "CliDefaults.h"

namespace ks::app {

QStringList defaultModules()
{
    const QString fromEnv = qEnvironmentVariable("KEYSTATION_PKCS11_MODULE");
    if (!fromEnv.isEmpty())
        return fromEnv.split(QLatin1Char(':'), Qt::SkipEmptyParts);
    return { QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so") };
}

} // namespace ks::app
