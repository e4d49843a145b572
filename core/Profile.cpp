#include "Profile.h"

#include "PinDerivation.h"

namespace ks::core {

QString Profile::algorithmName(KeyAlgorithm a)
{
    return device::KeyAlgorithms::name(a);
}

std::optional<Profile::KeyAlgorithm> Profile::algorithmFromName(const QString &name)
{
    // Exact names only in a profile file (the device layer also accepts other spellings).
    const auto a = device::KeyAlgorithms::fromName(name);
    if (a && device::KeyAlgorithms::name(*a) == name)
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
