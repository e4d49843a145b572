#pragma once

#include "ca_client/CertificatePolicy.h"
#include "device/KeyAlgorithm.h"

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace ks::core {

// A provisioning profile: what to generate on each key, how to log in to it, what to ask the CA for.
// Loaded and validated by ProfileLoader; every field and default is documented in docs/profiles.md.
// Secrets are never held here, only where to read them from (files or environment variables).
struct Profile
{
    // The device layer's algorithms: what a profile asks for is what the key generates.
    using KeyAlgorithm = device::KeyAlgorithm;
    enum class PinSource
    {
        Transport,
        Derived
    };
    enum class CaProtocol
    {
        Cfssl,
        Est,
        Scep // RFC 8894: RSA key pairs only (its envelopes use RSA key transport)
    };
    // Which key pair already on a key may be certified instead of generating a new one (docs/profiles.md).
    enum class ReuseKeyPairs
    {
        GeneratedOnKey, // the key says it generated the private key and it never left (CKA_LOCAL & co.)
        Never, // only a pair this station generated (the journal says so); anything else: a new pair
    };

    struct Pin
    {
        PinSource source = PinSource::Transport;
        QString file; // transport: file holding the preset PIN (first line)
        QString env; // transport: or environment variable holding it
        QString secretFile; // derived: station secret, hex, mode 0600
        int digits = 8; // derived: PIN length
        int minRetriesLeft = 2; // never log in when the token reports fewer tries left than this
    };

    struct Subject
    {
        QString commonName = QStringLiteral("${serial}");
        QString serialNumber = QStringLiteral("${serial}");
        QString organization;
        QString organizationalUnit;
        QString country;
    };

    struct Ca
    {
        CaProtocol protocol = CaProtocol::Cfssl;
        QString url; // https://host:port (cfssl), https://host/.well-known/est, http(s)://host/scep
        QString label; // cfssl/multirootca label or EST CA label
        QString profile; // cfssl signing profile
        QString authKeyFile; // cfssl authsign HMAC key (hex)
        QString usernameFile; // HTTP Basic user (EST)
        QString passwordFile; // HTTP Basic password (EST)
        QString clientCertFile; // TLS client certificate (PEM)
        QString clientKeyFile; // TLS client key (PEM)
        QString trustAnchorFile; // PEM: the CA certificate(s) issued certificates must chain to
        QStringList intermediateFiles; // PEM: issuing CAs between the anchor and the leaves (optional)
        QString tlsPinSha256; // optional: hex SHA-256 of the server's TLS public key (SPKI)
        QString caCertificateSha256; // SCEP, required: hex SHA-256 of the CA certificate's DER (the pin)
        QString challengePasswordFile; // SCEP: the challenge password (first line), owner-only
    };

    struct Timeouts
    {
        std::chrono::seconds login { 30 };
        std::chrono::seconds keyGeneration { 60 };
        std::chrono::seconds csr { 30 };
        std::chrono::seconds enrol { 120 };
        std::chrono::seconds write { 30 };
        std::chrono::seconds readBack { 30 };
    };

    QString name;
    KeyAlgorithm keyAlgorithm = KeyAlgorithm::Rsa2048;
    ReuseKeyPairs reuseKeyPairs = ReuseKeyPairs::GeneratedOnKey;
    Pin pin;
    Subject subject;
    QStringList keyUsage { QStringLiteral("digitalSignature"), QStringLiteral("keyEncipherment") };
    QStringList extendedKeyUsage { QStringLiteral("clientAuth") };
    Ca ca;
    bool allowExtraUsages = false; // accept keyUsage bits / EKU OIDs the profile did not ask for
    int minValidityDays = 30;
    std::chrono::seconds clockSkew { 300 };
    QString finalUserPinFile; // optional: set this user PIN once the certificate is on the key
    Timeouts timeouts;
    int maxParallelKeys = 16;
    // Optional "labels": {"directory": ...}: when set, the front ends write a label sheet (PDF, one label
    // with a QR code per key provisioned) labels-<batchId>.pdf there at the end of every batch with done
    // keys.
    QString labelsDirectory;
    QString sourcePath; // the file it was loaded from, for messages

    // "rsa2048", "ec-p256", ...
    static QString algorithmName(KeyAlgorithm a);
    static std::optional<KeyAlgorithm> algorithmFromName(const QString &name);
    // Key generation time-out sized for real chips when the profile does not set one.
    static std::chrono::seconds defaultKeyGenerationTimeout(KeyAlgorithm a);

    // The subject template with ${serial} replaced by the normalised hardware serial.
    QString expand(const QString &templ, const QString &serial) const;
    // The subject a certificate for this key must carry: every subject field expanded (empty = absent),
    // those with ${serial} marked as carrying the serial.
    QList<ca::CertificatePolicy::SubjectAttribute> expectedSubject(const QString &serial) const;
    // Dotted OID of an extendedKeyUsage name the loader accepts ("clientAuth", "smartcardLogon", ...).
    static QString extendedKeyUsageOid(const QString &name);
};

} // namespace ks::core
