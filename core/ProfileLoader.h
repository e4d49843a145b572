#pragma once

#include "CoreError.h"
#include "Profile.h"

#include <QByteArray>
#include <QString>

namespace ks::core {

// Reads a profile (JSON, see docs/profiles.md) and validates every field. Never throws and never crashes on
// malformed input: every problem is a CoreError whose `field` names the JSON path ("ca.url",
// "timeouts.write").
class ProfileLoader
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::ProfileLoader)

public:
    static constexpr qint64 maxFileSize = 1024 * 1024;
    // "ca.protocol" when a profile does not say; `keystation-cli ca` defaults to the same.
    static QString defaultCaProtocol() { return QStringLiteral("cfssl"); }

    static Result<Profile> loadFile(const QString &path);
    // baseDir resolves relative file names in the profile (the profile file's directory when loaded from
    // disk).
    static Result<Profile> parse(const QByteArray &json, const QString &baseDir = {});
};

} // namespace ks::core
