// The PostgreSQL connection file ("key = value" lines, may hold the password) through
// JournalConfig::fromPgConfFile, written to a private file first since the reader takes a path.
#include "core/JournalConfig.h"

#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const bool cleared = [] {
        for (const char *name :
             { "KS_PG_HOST", "KS_PG_PORT", "KS_PG_DATABASE", "KS_PG_USER", "KS_PG_PASSWORD" })
            ::unsetenv(name);
        return true;
    }();
    (void)cleared;
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pg.conf"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size));
    }
    auto config = ks::core::JournalConfig::fromPgConfFile(path);
    if (!config)
        (void)config.error().toString();
    return 0;
}
