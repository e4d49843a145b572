#include "base/CertificateFacts.h"

#include <QCryptographicHash>

#include <openssl/bn.h>
#include <openssl/crypto.h>

#include <ctime>

namespace ks {

namespace {

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

} // namespace

X509Ptr parseCertificateDer(const QByteArray &der)
{
    const unsigned char *p = bytes(der);
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (cert && p != bytes(der) + der.size())
        cert.reset(); // trailing bytes: not one certificate
    return cert;
}

X509Ptr parseCertificateDerPrefix(const QByteArray &der)
{
    const unsigned char *p = bytes(der);
    return X509Ptr(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
}

QString sha256Hex(const QByteArray &der)
{
    return QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex());
}

QString serialHex(const X509 *cert)
{
    QString out;
    if (!cert)
        return out;
    if (BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr)) {
        char *hex = BN_bn2hex(bn);
        out = QString::fromLatin1(hex);
        OPENSSL_free(hex);
        BN_free(bn);
    }
    return out;
}

QDateTime asn1TimeToUtc(const ASN1_TIME *time)
{
    struct tm tm = {};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

QByteArray subjectPublicKeyInfoDer(const X509 *cert)
{
    unsigned char *der = nullptr;
    const int len = cert ? i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der) : -1;
    QByteArray out;
    if (len > 0)
        out = QByteArray(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

QString nameText(const X509_NAME *name, bool escapeNonAscii)
{
    OpenSslPtr<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return {};
    const unsigned long flags = escapeNonAscii ? XN_FLAG_RFC2253 : (XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    X509_NAME_print_ex(bio.get(), name, 0, flags);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, static_cast<qsizetype>(size));
}

} // namespace ks
