#pragma once

#include <QList>
#include <QString>
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

    static inline const QString ServerAuthOid = QStringLiteral("1.3.6.1.5.5.7.3.1");
    static inline const QString ClientAuthOid = QStringLiteral("1.3.6.1.5.5.7.3.2");
    static inline const QString CodeSigningOid = QStringLiteral("1.3.6.1.5.5.7.3.3");
    static inline const QString EmailProtectionOid = QStringLiteral("1.3.6.1.5.5.7.3.4");
    static inline const QString SmartcardLogonOid = QStringLiteral("1.3.6.1.4.1.311.20.2.2"); // Microsoft
    static inline const QString AnyExtendedKeyUsageOid = QStringLiteral("2.5.29.37.0");

    // Subject attribute types (X.520).
    static inline const QString CommonNameOid = QStringLiteral("2.5.4.3");
    static inline const QString SerialNumberOid = QStringLiteral("2.5.4.5");
    static inline const QString CountryOid = QStringLiteral("2.5.4.6");
    static inline const QString OrganizationOid = QStringLiteral("2.5.4.10");
    static inline const QString OrganizationalUnitOid = QStringLiteral("2.5.4.11");

    // One attribute of the expected subject. Every occurrence of `oid` in the certificate's subject must be
    // exactly `value` (no trimming, no case folding) and there must be at least one; an empty value means
    // the attribute must be absent. carriesSerial: the value holds the key's hardware serial, so a
    // difference is reported as SerialMismatch (else SubjectMismatch).
    struct SubjectAttribute
    {
        QString oid; // dotted, e.g. CommonNameOid
        QString value;
        bool carriesSerial = false;
    };

    // The subject as asked (the profile's templates expanded for this key); attributes of other types are
    // not checked. Empty: the subject is not checked at all.
    QList<SubjectAttribute> expectedSubject;
    std::chrono::seconds clockSkew { 300 }; // tolerated difference between our clock and the CA's
    std::chrono::seconds minRemainingValidity { 86400 }; // notAfter - now must be at least this
    // keyUsage must carry exactly these bits and extendedKeyUsage exactly these OIDs (an empty list: no
    // extendedKeyUsage, or an empty one). allowExtraUsages: more bits / OIDs than asked are accepted
    // (anyExtendedKeyUsage included); nothing asked may ever be missing.
    quint32 requiredKeyUsage = DigitalSignature;
    QStringList requiredExtendedKeyUsages { ClientAuthOid };
    bool allowExtraUsages = false;
    bool rejectCaCertificate = true; // CA:TRUE (or keyCertSign) refused
    // Every certificate of the path except the anchor must be signed with SHA-256 or better (or Ed25519 /
    // Ed448), and every key of the path, the anchor's included, must be RSA >= minRsaBits or EC on a curve
    // of >= minEcBits (or Ed25519 / Ed448).
    int minRsaBits = 2048;
    int minEcBits = 256;

    // minValidityDays as the profile means it: days are counted with a started day as a whole one, so a
    // CA's "365 days", a few seconds or minutes short by the time it is checked, still counts as 365.
    static std::chrono::seconds remainingValidityForDays(int days)
    {
        if (days <= 0)
            return std::chrono::seconds(0);
        return std::chrono::hours(24) * (days - 1) + std::chrono::seconds(1);
    }
};

} // namespace ks::ca
