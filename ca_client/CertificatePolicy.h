#pragma once

#include <QStringList>

#include <chrono>

namespace ks::ca {

// What a certificate issued for a key must look like (the station's certificate profile).
struct CertificatePolicy
{
    // X.509 keyUsage bits (RFC 5280 4.2.1.3), same values as OpenSSL's KU_* constants.
    static constexpr quint32 DigitalSignature = 0x0080;
    static constexpr quint32 NonRepudiation = 0x0040;
    static constexpr quint32 KeyEncipherment = 0x0020;
    static constexpr quint32 DataEncipherment = 0x0010;
    static constexpr quint32 KeyAgreement = 0x0008;
    static constexpr quint32 KeyCertSign = 0x0004;
    static constexpr quint32 CrlSign = 0x0002;

    static inline const QString ClientAuthOid = QStringLiteral("1.3.6.1.5.5.7.3.2");
    static inline const QString EmailProtectionOid = QStringLiteral("1.3.6.1.5.5.7.3.4");

    // Where the key's hardware serial must appear in the subject.
    enum class SerialPlacement
    {
        None, // not checked
        CommonName, // CN == serial
        SerialNumberAttribute, // subject serialNumber (2.5.4.5) == serial
        CommonNameOrSerialNumber, // either one
        CommonNameAndSerialNumber, // both
    };

    SerialPlacement serialPlacement = SerialPlacement::CommonNameOrSerialNumber;
    std::chrono::seconds clockSkew { 300 }; // tolerated difference between our clock and the CA's
    std::chrono::seconds minRemainingValidity { 86400 }; // notAfter - now must be at least this
    quint32 requiredKeyUsage = DigitalSignature; // all these bits must be set (0 = no requirement)
    QStringList requiredExtendedKeyUsages { ClientAuthOid }; // all these OIDs must be listed
    bool rejectCaCertificate = true; // CA:TRUE (or keyCertSign) refused
};

} // namespace ks::ca
