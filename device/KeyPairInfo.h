#pragma once

#include <QByteArray>
#include <QString>

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
};

struct CertificateObject
{
    QByteArray id; // CKA_ID
    QString label;
    QByteArray der; // CKA_VALUE
};

} // namespace ks::device
