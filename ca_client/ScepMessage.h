#pragma once

#include "ca_client/CaError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace ks::ca {

class ScepRequesterKey;

// SCEP's PKIMessage (RFC 8894 3): building a PKCSReq / CertPoll and reading a CertRep, with OpenSSL's PKCS#7
// API. The request's signature is made by a ScepRequesterKey (the key on the token): the SignedData is
// assembled with PKCS7_add_signature / PKCS7_add_signed_attribute, the signed attributes are DER-encoded with
// OpenSSL's own PKCS7_ATTR_SIGN item (what PKCS7_SIGNER_INFO_sign signs) and the external signature is put
// into the SignerInfo. Pure functions of their inputs (and a random nonce): no network, no threads.
class ScepMessage
{
    Q_DECLARE_TR_FUNCTIONS(ks::ca::ScepMessage)

public:
    enum class MessageType
    {
        CertRep = 3,
        PkcsReq = 19,
        CertPoll = 20,
    };
    enum class PkiStatus
    {
        Success = 0,
        Failure = 2,
        Pending = 3,
    };

    struct Outgoing
    {
        QByteArray der; // the signed PKIMessage
        QByteArray senderNonce; // 16 random bytes; the CertRep must echo them as recipientNonce
    };

    struct CertRep
    {
        PkiStatus status = PkiStatus::Failure;
        int failInfo = -1; // RFC 8894 3.2.1.4: 0 badAlg .. 4 badCertId; -1 when absent
        QByteArray transactionId;
        QByteArray recipientNonce;
        QByteArray senderNonce;
        QByteArray envelopeDer; // SUCCESS: the pkcsPKIEnvelope (EnvelopedData), else empty
    };

    // RFC 8894 3.2.1.1: any unique printable string; ours is the hex SHA-256 of the request's public key,
    // the same on every retry and poll of one key.
    static QByteArray transactionId(const QByteArray &subjectPublicKeyInfoDer);

    // A PKIMessage of `type` whose pkcsPKIEnvelope carries `content` (the CSR DER for PKCSReq, an
    // IssuerAndSubject for CertPoll) encrypted to recipientCertDer with AES-128-CBC (aes) or DES-EDE3-CBC,
    // and signed by key (SHA-256 with RSA) with the signer identified by its self-signed certificate.
    static Result<Outgoing> build(MessageType type, const QByteArray &content,
                                  const QByteArray &transactionId, const QByteArray &recipientCertDer,
                                  bool aes, ScepRequesterKey &key, const QString &operation);
    // RFC 8894 3.3.3: IssuerAndSubject (the CA's subject as issuer, the request's subject) for CertPoll.
    static QByteArray issuerAndSubject(const QByteArray &caCertDer, const QByteArray &csrDer);

    // A CertRep whose SignedData signature verifies with one of signerCertsDer (the pinned CA or its RA;
    // certificates inside the message are not trusted for this). Transaction and nonce are returned, not
    // checked: the caller knows what it sent.
    static Result<CertRep> parseCertRep(const QByteArray &der, const QList<QByteArray> &signerCertsDer,
                                        const QString &operation);
    // Opens a CertRep's EnvelopedData: the content key is decrypted by key (on the token), the content with
    // OpenSSL's EVP cipher named in the envelope (AES-CBC or DES-EDE3-CBC only). Returns the inner DER.
    static Result<QByteArray> openEnvelope(const QByteArray &envelopeDer, ScepRequesterKey &key,
                                           const QString &operation);

    // failInfo in plain words (translated) and its error code.
    static QString failInfoText(int failInfo);
    static CaError::Code failInfoCode(int failInfo);
};

// GetCACaps (RFC 8894 3.5.2): one keyword per line, case-insensitive.
struct ScepCapabilities
{
    QStringList keywords; // as the CA wrote them
    bool postPkiOperation = false;
    bool aes = false;
    bool sha256 = false;
    static ScepCapabilities parse(const QByteArray &body);
};

} // namespace ks::ca
