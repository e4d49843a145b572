#pragma once

#include "ca_client/CaError.h"
#include "ca_client/CertificatePolicy.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>

namespace ks::ca {

// The check between a CA's answer and a key: nothing is written unless this says yes. Pure: no network,
// no clock of its own (now is injected), no files.
class CertificateVerifier
{
    Q_DECLARE_TR_FUNCTIONS(ks::ca::CertificateVerifier)

public:
    struct Input
    {
        QByteArray leafDer;
        QList<QByteArray> intermediatesDer; // untrusted helpers for path building (cacerts / info / response)
        QList<QByteArray> trustAnchorsDer; // the CA roots the leaf must chain to
        QByteArray expectedPublicKeyInfo; // SubjectPublicKeyInfo DER of the request's key
        QString expectedSerial; // the key's hardware serial
        CertificatePolicy policy;
        QDateTime now;
    };

    struct Verified
    {
        QDateTime notBefore;
        QDateTime notAfter;
        QString subject;
        QString serialNumberHex; // the certificate's own serial number
    };

    // Checks, in this order: parseable, chain (X509_verify_cert at `now` through intermediatesDer to one of
    // trustAnchorsDer, leaf validity handled below; an unknown critical extension anywhere is refused),
    // algorithms of the path (signatures SHA-256 or better, key sizes), public key, subject (the attributes
    // carrying the serial first), not yet valid, expired, remaining validity, CA, keyUsage,
    // extendedKeyUsage.
    static Result<Verified> verify(const Input &input);
};

} // namespace ks::ca
