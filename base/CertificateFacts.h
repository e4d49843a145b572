#pragma once

#include "base/OpenSslPtr.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <openssl/asn1.h>
#include <openssl/x509.h>

namespace ks {

// Facts read from an X.509 certificate, the same way in every layer (the journal, the CA client's checks and
// codec, the provisioning engine, the badge login).

// A DER certificate that is the whole input (trailing bytes: null), or null when it does not parse.
X509Ptr parseCertificateDer(const QByteArray &der);
// A DER certificate at the start of the input, trailing bytes ignored.
X509Ptr parseCertificateDerPrefix(const QByteArray &der);

// SHA-256 of the DER encoding, lower-case hex: the fingerprint the journal and the reports show.
QString sha256Hex(const QByteArray &der);
// The serial number in upper-case hex as OpenSSL prints it (BN_bn2hex), empty when it cannot be read.
QString serialHex(const X509 *cert);
// An ASN.1 time in UTC; an invalid QDateTime when it is absent or unreadable.
QDateTime asn1TimeToUtc(const ASN1_TIME *time);
// The DER SubjectPublicKeyInfo of the certificate's key (compared with a key pair's public key).
QByteArray subjectPublicKeyInfoDer(const X509 *cert);
// A name as RFC 2253 text; escapeNonAscii = false keeps UTF-8 characters as they are.
QString nameText(const X509_NAME *name, bool escapeNonAscii = true);

} // namespace ks
