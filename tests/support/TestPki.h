#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

#include <openssl/types.h>

namespace ks::test {

// Owning handles; copies share the same OpenSSL object (reference counted by std::shared_ptr).
using KeyPtr = std::shared_ptr<EVP_PKEY>;
using CertPtr = std::shared_ptr<X509>;

enum class KeyType
{
    EcP256,
    Rsa2048,
    Rsa1024, // too weak for the certificate check (tests only)
    EcP224, // too weak for the certificate check (tests only)
};

// keyUsage bits for IssueOptions::keyUsage (0 = no keyUsage extension).
enum KeyUsageBit : unsigned
{
    KuDigitalSignature = 0x01,
    KuNonRepudiation = 0x02,
    KuKeyEncipherment = 0x04,
    KuDataEncipherment = 0x08,
    KuKeyAgreement = 0x10,
    KuKeyCertSign = 0x20,
    KuCrlSign = 0x40,
};

inline constexpr const char *OidServerAuth = "1.3.6.1.5.5.7.3.1";
inline constexpr const char *OidClientAuth = "1.3.6.1.5.5.7.3.2";

// Everything issue() needs. Pointers are not owned and must outlive the call.
struct IssueOptions
{
    // Subject public key: subjectKey if set, else subjectPublicKeyDer (DER SubjectPublicKeyInfo).
    EVP_PKEY *subjectKey = nullptr;
    QByteArray subjectPublicKeyDer;
    // Subject: subjectNameDer (DER X509_NAME, e.g. copied from a CSR) if set, else CN + serialNumber
    // (2.5.4.5), each left out when empty.
    QByteArray subjectNameDer;
    QString commonName;
    QString serialNumber;
    QString organization; // O, OU, C: each left out when empty
    QString organizationalUnit;
    QString country;
    // Issuer: issuerCert + issuerKey. issuerCert == nullptr makes a self-signed certificate signed by
    // issuerKey (which must then be the subject key's private half).
    X509 *issuerCert = nullptr;
    EVP_PKEY *issuerKey = nullptr;
    // Validity, in seconds relative to now (negative = in the past).
    qint64 notBeforeOffset = -300;
    qint64 notAfterOffset = 365LL * 24 * 3600;
    bool isCa = false; // basicConstraints CA:TRUE (critical) or CA:FALSE
    int pathLength = -1; // pathlen for CA certificates, -1 = none
    unsigned keyUsage = KuDigitalSignature; // KeyUsageBit flags, marked critical
    QStringList extendedKeyUsage; // dotted OIDs, e.g. OidClientAuth; empty = no EKU extension
    QStringList dnsNames; // subjectAltName dNSName entries
    QStringList ipAddresses; // subjectAltName iPAddress entries
    QByteArray serial; // big-endian bytes; empty = 16 random bytes (positive)
    QString digest = QStringLiteral("SHA256"); // signature digest (EVP_get_digestbyname), e.g. "SHA1"
    // Further extensions as OpenSSL config text: { "1.2.3.4", "critical,ASN1:UTF8String:x" }.
    QList<QPair<QString, QString>> customExtensions;
};

struct CsrAndKey
{
    QByteArray csrDer;
    KeyPtr key;
};

// A throw-away PKI in a directory of PEM files, for tests and the EST test server.
// All functions throw std::runtime_error (with the OpenSSL error text) when OpenSSL fails; this is test
// code, an unexpected crypto failure should end the test loudly.
class TestPki
{
public:
    struct Options
    {
        bool withIntermediate = false; // root -> "KeyStation Test Issuing CA" -> EST-issued leaves
        KeyType caKeyType = KeyType::EcP256;
    };

    // Creates (overwrites) the PEM files listed below in dir (created if missing).
    static TestPki create(const QString &dir);
    static TestPki create(const QString &dir, const Options &options);

    QString dir() const { return m_dir; }
    bool hasIntermediate() const { return static_cast<bool>(m_intermediateCert); }

    // Root "KeyStation Test Root CA" (trust anchor for everything below).
    QString caCertPath() const { return path(QStringLiteral("ca.pem")); }
    QString caKeyPath() const { return path(QStringLiteral("ca-key.pem")); }
    // "KeyStation Test Issuing CA", signed by the root; only with Options::withIntermediate.
    QString intermediateCertPath() const { return path(QStringLiteral("intermediate.pem")); }
    QString intermediateKeyPath() const { return path(QStringLiteral("intermediate-key.pem")); }
    // The CA that should issue leaves: the intermediate if there is one, else the root.
    QString issuingCaCertPath() const { return hasIntermediate() ? intermediateCertPath() : caCertPath(); }
    QString issuingCaKeyPath() const { return hasIntermediate() ? intermediateKeyPath() : caKeyPath(); }
    // TLS server "localhost", SAN DNS:localhost + IP:127.0.0.1, EKU serverAuth, signed by the root.
    QString serverCertPath() const { return path(QStringLiteral("server.pem")); }
    QString serverKeyPath() const { return path(QStringLiteral("server-key.pem")); }
    // TLS client "KeyStation Test Client", EKU clientAuth, signed by the root.
    QString clientCertPath() const { return path(QStringLiteral("client.pem")); }
    QString clientKeyPath() const { return path(QStringLiteral("client-key.pem")); }
    // Unrelated "Untrusted CA" and a localhost/127.0.0.1 server certificate from it.
    QString untrustedCaCertPath() const { return path(QStringLiteral("untrusted-ca.pem")); }
    QString untrustedCaKeyPath() const { return path(QStringLiteral("untrusted-ca-key.pem")); }
    QString untrustedServerCertPath() const { return path(QStringLiteral("untrusted-server.pem")); }
    QString untrustedServerKeyPath() const { return path(QStringLiteral("untrusted-server-key.pem")); }
    // localhost/127.0.0.1 server certificate from the root that expired a day ago.
    QString expiredServerCertPath() const { return path(QStringLiteral("expired-server.pem")); }
    QString expiredServerKeyPath() const { return path(QStringLiteral("expired-server-key.pem")); }
    // Server certificate from the root for "other.example.invalid" only (hostname mismatch on 127.0.0.1).
    QString otherHostServerCertPath() const { return path(QStringLiteral("otherhost-server.pem")); }
    QString otherHostServerKeyPath() const { return path(QStringLiteral("otherhost-server-key.pem")); }

    // The loaded objects (owned by this TestPki; valid while it or a copy lives).
    X509 *caCert() const { return m_caCert.get(); }
    EVP_PKEY *caKey() const { return m_caKey.get(); }
    X509 *intermediateCert() const { return m_intermediateCert.get(); }
    EVP_PKEY *intermediateKey() const { return m_intermediateKey.get(); }
    X509 *issuingCaCert() const { return hasIntermediate() ? intermediateCert() : caCert(); }
    EVP_PKEY *issuingCaKey() const { return hasIntermediate() ? intermediateKey() : caKey(); }
    X509 *untrustedCaCert() const { return m_untrustedCaCert.get(); }
    EVP_PKEY *untrustedCaKey() const { return m_untrustedCaKey.get(); }
    QByteArray caCertDer() const { return certToDer(caCert()); }

    // Issues a certificate as described by o; returns its DER.
    static QByteArray issue(const IssueOptions &o);
    // Issues from a PKCS#10 request: subject name and public key are copied from csrDer (DER), everything
    // else from o (its subject/key fields are ignored). Does not check the CSR signature (see verifyCsr).
    static QByteArray issueFromCsr(const QByteArray &csrDer, const IssueOptions &o);
    // A CSR signed by a fresh software key. challengePassword is added as a PKCS#9 attribute when not empty.
    static CsrAndKey makeCsr(const QString &commonName, const QString &serialNumber,
                             KeyType keyType = KeyType::EcP256, const QString &challengePassword = {});
    // True when csrDer parses and its self-signature verifies.
    static bool verifyCsr(const QByteArray &csrDer);
    // The challengePassword attribute of a CSR, or a null QString when it has none.
    static QString csrChallengePassword(const QByteArray &csrDer);

    static KeyPtr generateKey(KeyType type);
    static QByteArray publicKeyDer(EVP_PKEY *key); // DER SubjectPublicKeyInfo
    static QByteArray privateKeyPem(EVP_PKEY *key); // unencrypted PKCS#8 PEM

    static CertPtr certFromDer(const QByteArray &der); // null on parse failure
    static CertPtr certFromPem(const QByteArray &pem); // first certificate; null on failure
    static QList<CertPtr> certsFromPemFile(const QString &path); // all certificates; empty on failure
    static KeyPtr keyFromPemFile(const QString &path); // null on failure
    static QByteArray certToDer(X509 *cert);
    static QByteArray certToPem(X509 *cert);
    static QByteArray certDerToPem(const QByteArray &der);

    // DER PKCS#7 SignedData, certs-only (no signers, no content), as in RFC 7030 section 4.1.3.
    static QByteArray certsOnlyPkcs7(const QList<QByteArray> &certDers);
    // The certificates (DER) inside a DER PKCS#7 SignedData; an empty list when it does not parse.
    static QList<QByteArray> certsFromPkcs7(const QByteArray &der);
    // Verifies leafDer against trust anchors (DER) with optional untrusted intermediates. On failure returns
    // false and puts OpenSSL's reason into *error when given.
    static bool verifyChain(const QByteArray &leafDer, const QList<QByteArray> &trustedDers,
                            const QList<QByteArray> &intermediateDers = {}, QString *error = nullptr);

private:
    QString path(const QString &name) const;

    QString m_dir;
    CertPtr m_caCert;
    KeyPtr m_caKey;
    CertPtr m_intermediateCert;
    KeyPtr m_intermediateKey;
    CertPtr m_untrustedCaCert;
    KeyPtr m_untrustedCaKey;
};

} // namespace ks::test
