#include "device/KeyAlgorithm.h"

namespace ks::device {

QString KeyAlgorithms::name(KeyAlgorithm algorithm)
{
    switch (algorithm) {
    case KeyAlgorithm::Rsa2048:
        return QStringLiteral("rsa2048");
    case KeyAlgorithm::Rsa3072:
        return QStringLiteral("rsa3072");
    case KeyAlgorithm::Rsa4096:
        return QStringLiteral("rsa4096");
    case KeyAlgorithm::EcP256:
        return QStringLiteral("ec-p256");
    case KeyAlgorithm::EcP384:
        return QStringLiteral("ec-p384");
    }
    return {};
}

std::optional<KeyAlgorithm> KeyAlgorithms::fromName(const QString &name)
{
    for (auto algorithm : { KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa3072, KeyAlgorithm::Rsa4096,
                            KeyAlgorithm::EcP256, KeyAlgorithm::EcP384 }) {
        if (KeyAlgorithms::name(algorithm) == name.trimmed().toLower())
            return algorithm;
    }
    return std::nullopt;
}

bool KeyAlgorithms::isRsa(KeyAlgorithm algorithm)
{
    return rsaBits(algorithm) > 0;
}

int KeyAlgorithms::rsaBits(KeyAlgorithm algorithm)
{
    switch (algorithm) {
    case KeyAlgorithm::Rsa2048:
        return 2048;
    case KeyAlgorithm::Rsa3072:
        return 3072;
    case KeyAlgorithm::Rsa4096:
        return 4096;
    default:
        return 0;
    }
}

} // namespace ks::device
