#include "CliDefaults.h"

#include "core/StationDefaults.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace ks::app {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::TokensCommand)
};
} // namespace

QStringList defaultModules()
{
    return core::StationDefaults::modules();
}

QString defaultProfile()
{
    return core::StationDefaults::profile();
}

QString noKeyHint(const QString &modulePath)
{
    if (!modulePath.contains(QStringLiteral("opensc")))
        return {};
    if (!QFileInfo::exists(QStringLiteral("/run/pcscd/pcscd.comm")))
        return Tr::tr(
            "OpenSC talks to keys through pcscd, which is not running (start it: systemctl start pcscd).");
    return Tr::tr("pcscd is running but reports no reader with a key: check the hub and its power.");
}

} // namespace ks::app
