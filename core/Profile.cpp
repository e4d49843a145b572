#include "Profile.h"

#include "PinDerivation.h"

namespace ks::core {

QString Profile::algorithmName(KeyAlgorithm a)
{
    switch (a) {
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

std::optional<Profile::KeyAlgorithm> Profile::algorithmFromName(const QString &name)
{
    for (auto a : { KeyAlgorithm::Rsa2048, KeyAlgorithm::Rsa3072, KeyAlgorithm::Rsa4096, KeyAlgorithm::EcP256,
                    KeyAlgorithm::EcP384 })
        if (algorithmName(a) == name)
            return a;
    return std::nullopt;
}

std::chrono::seconds Profile::defaultKeyGenerationTimeout(KeyAlgorithm a)
{
    // Published JavaCard figures: RSA-2048 2-32 s, RSA-4096 26-93 s, EC well under a second.
    switch (a) {
    case KeyAlgorithm::Rsa2048:
        return std::chrono::seconds(60);
    case KeyAlgorithm::Rsa3072:
        return std::chrono::seconds(180);
    case KeyAlgorithm::Rsa4096:
        return std::chrono::seconds(300);
    case KeyAlgorithm::EcP256:
    case KeyAlgorithm::EcP384:
        return std::chrono::seconds(30);
    }
    return std::chrono::seconds(60);
}

QString Profile::expand(const QString &templ, const QString &serial) const
{
    QString out = templ;
    out.replace(QStringLiteral("${serial}"), PinDerivation::normaliseSerial(serial));
    return out;
}

} // namespace ks::core
