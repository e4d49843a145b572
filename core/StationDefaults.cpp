#include "StationDefaults.h"

#include <QStandardPaths>

namespace ks::core {

QString StationDefaults::profileFromEnvironment()
{
    return qEnvironmentVariable("KEYSTATION_PROFILE");
}

QStringList StationDefaults::modulesFromEnvironment()
{
    return qEnvironmentVariable("KEYSTATION_PKCS11_MODULE").split(QLatin1Char(':'), Qt::SkipEmptyParts);
}

QString StationDefaults::journalFromEnvironment()
{
    return qEnvironmentVariable("KEYSTATION_JOURNAL");
}

QString StationDefaults::profileFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/profile.json");
}

QString StationDefaults::openScModule()
{
    return QStringLiteral("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so");
}

QString StationDefaults::profile()
{
    const QString env = profileFromEnvironment();
    return env.isEmpty() ? profileFile() : env;
}

QStringList StationDefaults::modules()
{
    const QStringList env = modulesFromEnvironment();
    return env.isEmpty() ? QStringList { openScModule() } : env;
}

} // namespace ks::core
