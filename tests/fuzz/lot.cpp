// The lot manifest (docs/lots.md) through LotManifest::parse, which reads no file itself; an accepted
// manifest goes through what the journal and the engine do with it: canonical JSON, its hash, a parse of that
// JSON (the journal's stored copy) and the serial check.
#include "core/Lot.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    auto lot = ks::core::LotManifest::parse(json, QStringLiteral("fuzz.json"));
    if (!lot) {
        (void)lot.error().toString();
        return 0;
    }
    (void)lot->sha256();
    auto stored
        = ks::core::LotManifest::parse(QJsonDocument(lot->toJson()).toJson(), QStringLiteral("stored"));
    if (!stored || !(*stored == *lot))
        std::abort(); // the journal's copy must read back as the same lot
    for (const QString &s : std::as_const(lot->serials))
        if (!lot->contains(s))
            std::abort();
    for (const auto &r : std::as_const(lot->serialRanges))
        if (!lot->contains(r.from) || !lot->contains(r.to))
            std::abort();
    (void)lot->contains(QString::fromUtf8(json.left(32)));
    return 0;
}
