#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace ks::device {

// A private key on the key and what belongs to it. "Free" = no certificate with the same CKA_ID.
struct KeyPairInfo
{
    QByteArray id; // CKA_ID
    QString label;
    bool rsa = false;
    int bits = 0; // RSA modulus bits, or EC field bits
    QByteArray publicKey; // DER SubjectPublicKeyInfo, empty when the key does not expose it
    bool hasCertificate = false;

    // Where the private key came from, as the key reports it (PKCS#11 private key attributes); nullopt when
    // the key does not say.
    std::optional<bool> local; // CKA_LOCAL: made by C_GenerateKeyPair on the key (not imported, not copied)
    std::optional<bool> neverExtractable; // CKA_NEVER_EXTRACTABLE
    std::optional<bool> alwaysSensitive; // CKA_ALWAYS_SENSITIVE
    std::optional<bool> extractable; // CKA_EXTRACTABLE
    // CKA_DECRYPT of the private key: it may decrypt (RSA key transport, e.g. SCEP's CertRep envelope).
    std::optional<bool> decrypt;
    // Another private key on the key carries the same CKA_ID: which of them signs is the module's choice.
    bool idShared = false;

    // Generated on the key and never out of it: the only key pairs the station reuses (docs/profiles.md,
    // reuseKeyPairs).
    bool generatedOnKey() const
    {
        return local == true && neverExtractable == true && alwaysSensitive == true && extractable == false;
    }

    // Why generatedOnKey() is false, one item per attribute ("CKA_LOCAL false", "CKA_EXTRACTABLE not
    // reported"); empty when it is true.
    QStringList notGeneratedOnKeyReasons() const
    {
        QStringList out;
        auto check = [&out](const char *name, const std::optional<bool> &value, bool wanted) {
            if (!value)
                out << QStringLiteral("%1 not reported").arg(QLatin1String(name));
            else if (*value != wanted)
                out << QStringLiteral("%1 %2").arg(QLatin1String(name),
                                                   *value ? QStringLiteral("true") : QStringLiteral("false"));
        };
        check("CKA_LOCAL", local, true);
        check("CKA_NEVER_EXTRACTABLE", neverExtractable, true);
        check("CKA_ALWAYS_SENSITIVE", alwaysSensitive, true);
        check("CKA_EXTRACTABLE", extractable, false);
        return out;
    }
};

struct CertificateObject
{
    QByteArray id; // CKA_ID
    QString label;
    QByteArray der; // CKA_VALUE
};

} // namespace ks::device
