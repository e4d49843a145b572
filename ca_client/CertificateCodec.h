#pragma once

#include "ca_client/CaError.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QPair>

namespace ks::ca {

// Decoding of what CAs send (base64, certs-only PKCS#7, PEM) and small certificate/CSR facts, with OpenSSL.
// Never trusts its input: every failure is a typed error, nothing throws or crashes.
class CertificateCodec
{
    Q_DECLARE_TR_FUNCTIONS(ks::ca::CertificateCodec)

public:
    // Base64 with optional whitespace/line breaks; anything else in the alphabet is BadBase64.
    static Result<QByteArray> decodeBase64(const QByteArray &text, const QString &operation);
    // RFC 7030 4.1.3 / RFC 8951: the body is base64 whatever Content-Transfer-Encoding says, but a raw DER
    // body (some servers send binary) is taken as it is.
    static Result<QByteArray> decodeEstBody(const QByteArray &body, const QString &operation);
    // Certificates (DER) of a certs-only PKCS#7 (SignedData without signers).
    static Result<QList<QByteArray>> parsePkcs7Certificates(const QByteArray &der, const QString &operation);
    // All certificates of a PEM text (DER each); BadPem when there is none or one is broken.
    static Result<QList<QByteArray>> parsePemCertificates(const QByteArray &pem, const QString &operation);

    // A PKCS#10 request given as PEM or DER, returned as DER; empty when it is neither or does not parse.
    static QByteArray csrToDer(const QByteArray &pemOrDer);
    static QByteArray csrToPem(const QByteArray &der);
    // SubjectPublicKeyInfo DER of a CSR / certificate; empty on failure.
    static QByteArray csrPublicKeyInfo(const QByteArray &csrDer);
    // The PKCS#9 challengePassword of a CSR (a directory string's bytes), empty when absent or unparseable.
    static QByteArray csrChallengePassword(const QByteArray &csrDer);
    static QByteArray certificatePublicKeyInfo(const QByteArray &certificateDer);
    // Subject attributes of a CSR in order: (dotted OID, value as UTF-8 text); empty when it does not parse.
    static QList<QPair<QString, QString>> csrSubject(const QByteArray &csrDer);
    // The certificate among certs whose key is spki; else the first one that is not a CA; else the first.
    static qsizetype pickLeaf(const QList<QByteArray> &certs, const QByteArray &spki);

    // One line for operators: subject, issuer, validity, serial number.
    static QString summary(const QByteArray &certificateDer);
    static QString subject(const QByteArray &certificateDer);
};

} // namespace ks::ca
