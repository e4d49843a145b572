#pragma once

#include <QString>

#include <optional>

namespace ks::device {

enum class KeyAlgorithm
{
    Rsa2048,
    Rsa3072,
    Rsa4096,
    EcP256,
    EcP384
};

struct KeyAlgorithms
{
    static QString name(KeyAlgorithm algorithm); // "rsa2048", "ec-p256", ...
    static std::optional<KeyAlgorithm> fromName(const QString &name);
    static bool isRsa(KeyAlgorithm algorithm);
    static int rsaBits(KeyAlgorithm algorithm);
};

} // namespace ks::device
