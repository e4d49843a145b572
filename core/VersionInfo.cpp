#include "VersionInfo.h"

#include "StationDefaults.h"
#include "device/Pkcs11Module.h"

#include <QCoreApplication>

#include <openssl/crypto.h>

namespace ks::core {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::VersionInfo)
};
} // namespace

QString versionText(const QString &program, const QString &version, const QStringList &modules)
{
    QStringList lines;
    lines << program + u' ' + version;
    lines << Tr::tr("Qt %1 (built with %2)")
                 .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    lines << QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
    if (modules.isEmpty())
        lines << Tr::tr("PKCS#11 module: none configured (--module or KEYSTATION_PKCS11_MODULE; the default "
                        "is %1)")
                     .arg(StationDefaults::openScModule());
    for (const QString &path : modules) {
        auto module = device::Pkcs11Module::load(path);
        if (!module) {
            lines << Tr::tr("PKCS#11 module %1: cannot be loaded: %2").arg(path, module.error().toString());
            continue;
        }
        lines << Tr::tr("PKCS#11 module %1: %2, library %3, Cryptoki %4")
                     .arg(path, (*module)->description(), (*module)->libraryVersion(),
                          (*module)->cryptokiVersion());
    }
    return lines.join(u'\n') + u'\n';
}

} // namespace ks::core
