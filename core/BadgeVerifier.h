#pragma once

#include "Clock.h"
#include "CoreError.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <mutex>

namespace ks::core {

// Who a verified badge belongs to, as its certificate says.
struct BadgeIdentity
{
    QString commonName;
    QString fingerprintSha256; // lower-case hex SHA-256 of the certificate DER
    QString subject; // one-line RFC 2253 form, for the journal
    QString issuer;
};

// Operator badge login, the pure part: the station issues a fresh random challenge, the badge (a token with
// the operator's key) signs it, and this class checks the badge certificate chains to a configured
// operator-CA anchor (at the injected clock's time), that it carries the required extendedKeyUsage, that the
// signature over the challenge verifies with the
// certificate's key, and that the challenge was issued here, unexpired and never used before (one-shot, even
// on failure). Thread-safe. The token part (making the badge sign) lives with the device layer.
class BadgeVerifier
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::BadgeVerifier)

public:
    struct Options
    {
        std::chrono::seconds challengeLifetime { 120 };
        int maxOutstanding = 256; // oldest challenges are dropped beyond this
        // The extendedKeyUsage a badge certificate must carry (dotted OID; default clientAuth). A certificate
        // without an extendedKeyUsage extension, or without this purpose in it, is refused;
        // anyExtendedKeyUsage does not stand in for it.
        QString requiredExtendedKeyUsage = QStringLiteral("1.3.6.1.5.5.7.3.2");
    };

    // "clientAuth", "smartcardLogon", "emailProtection", "codeSigning", "serverAuth" or a dotted OID ->
    // dotted OID; empty when it is neither.
    static QString extendedKeyUsageOid(const QString &nameOrOid);

    static constexpr int challengeBytes = 32;

    explicit BadgeVerifier(QList<QByteArray> anchorsDer, Clock clock = systemClock());
    BadgeVerifier(QList<QByteArray> anchorsDer, Clock clock, Options options);

    // Operator-CA anchors from a PEM file holding one or more certificates.
    static Result<QList<QByteArray>> loadAnchorsPem(const QString &path);

    // 32 bytes from the OpenSSL CSPRNG; empty only if the RNG fails.
    QByteArray issueChallenge();

    // signature: ECDSA-SHA256 (DER, or raw r||s as PKCS#11 CKM_ECDSA returns it) or RSA-PKCS#1 v1.5 SHA-256
    // over the challenge bytes. intermediatesDer: untrusted certificates between the badge and an anchor.
    Result<BadgeIdentity> verify(const QByteArray &certDer, const QByteArray &challenge,
                                 const QByteArray &signature, const QList<QByteArray> &intermediatesDer = {});

private:
    bool consumeChallenge(const QByteArray &challenge);

    QList<QByteArray> m_anchors;
    Clock m_clock;
    Options m_options;
    std::mutex m_mutex;
    QHash<QByteArray, qint64> m_outstanding; // challenge -> issued at (ms)
};

} // namespace ks::core
