// The profile file (docs/profiles.md) through ProfileLoader::parse, which reads no file itself: paths are
// only resolved against baseDir.
#include "core/ProfileLoader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto profile = ks::core::ProfileLoader::parse(json, QStringLiteral("/nonexistent/keystation-fuzz"));
    if (!profile) {
        (void)profile.error().toString();
        return 0;
    }
    // Subject templates come from the same file: expand one made of the input itself.
    (void)profile->expand(QString::fromUtf8(json.left(256)), QStringLiteral("A1B2C3D4E5F60718"));
    return 0;
}
