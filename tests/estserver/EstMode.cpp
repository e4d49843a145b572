#include "EstMode.h"

#include <array>
#include <utility>

namespace ks::test {

namespace {

constexpr std::array<std::pair<EstMode, const char *>, 17> kModes { {
    { EstMode::Good, "good" },
    { EstMode::OtherKey, "other-key" },
    { EstMode::OtherSerial, "other-serial" },
    { EstMode::Untrusted, "untrusted" },
    { EstMode::Expired, "expired" },
    { EstMode::Short, "short" },
    { EstMode::CaTrue, "ca-true" },
    { EstMode::WrongEku, "wrong-eku" },
    { EstMode::Garbage, "garbage" },
    { EstMode::BadPkcs7, "bad-pkcs7" },
    { EstMode::Truncated, "truncated" },
    { EstMode::Slow, "slow" },
    { EstMode::WrongType, "wrong-type" },
    { EstMode::Http500, "http-500" },
    { EstMode::NoCte, "no-cte" },
    { EstMode::Empty, "empty" },
    { EstMode::PopFailed, "pop-failed" },
} };

} // namespace

std::optional<EstMode> estModeFromString(const QString &name)
{
    for (const auto &[mode, text] : kModes) {
        if (name == QLatin1String(text))
            return mode;
    }
    return std::nullopt;
}

QString estModeName(EstMode mode)
{
    for (const auto &[m, text] : kModes) {
        if (m == mode)
            return QLatin1String(text);
    }
    return {};
}

QStringList estModeNames()
{
    QStringList names;
    for (const auto &entry : kModes)
        names << QLatin1String(entry.second);
    return names;
}

} // namespace ks::test
