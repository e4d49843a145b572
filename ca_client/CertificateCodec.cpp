#include "ca_client/CertificateCodec.h"

#include "base/CertificateFacts.h"
#include "base/OpenSslPtr.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace ks::ca {

namespace {

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

QByteArray toDer(X509 *x)
{
    unsigned char *der = nullptr;
    const int len = i2d_X509(x, &der);
    QByteArray out;
    if (len > 0)
        out = QByteArray(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

QByteArray spkiOf(X509_PUBKEY *key)
{
    unsigned char *der = nullptr;
    const int len = key ? i2d_X509_PUBKEY(key, &der) : -1;
    QByteArray out;
    if (len > 0)
        out = QByteArray(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

QString timeToString(const ASN1_TIME *t)
{
    const QDateTime time = asn1TimeToUtc(t);
    return time.isValid() ? time.toString(Qt::ISODate) : QStringLiteral("?");
}

} // namespace

Result<QByteArray> CertificateCodec::decodeBase64(const QByteArray &text, const QString &operation)
{
    QByteArray compact;
    compact.reserve(text.size());
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        compact.append(c);
    }
    const auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || compact.isEmpty() || compact.size() % 4 != 0)
        return CaError::make(CaError::Code::BadBase64, operation, tr("the answer is not valid base64"));
    return *decoded;
}

Result<QByteArray> CertificateCodec::decodeEstBody(const QByteArray &body, const QString &operation)
{
    if (body.trimmed().isEmpty())
        return CaError::make(CaError::Code::EmptyResponse, operation, tr("the CA sent an empty answer"));
    // A DER SEQUENCE starts with 0x30 followed by a long-form length; base64 text never holds such bytes.
    if (body.size() > 2 && quint8(body[0]) == 0x30 && quint8(body[1]) >= 0x80)
        return body;
    return decodeBase64(body, operation);
}

Result<QList<QByteArray>> CertificateCodec::parsePkcs7Certificates(const QByteArray &der,
                                                                   const QString &operation)
{
    const unsigned char *p = bytes(der);
    OpenSslPtr<PKCS7> p7(d2i_PKCS7(nullptr, &p, long(der.size())));
    if (!p7 || p != bytes(der) + der.size() || !PKCS7_type_is_signed(p7.get()) || !p7->d.sign)
        return CaError::make(CaError::Code::BadPkcs7, operation,
                             tr("the answer is not a certs-only PKCS#7 (SignedData) structure"));
    QList<QByteArray> out;
    STACK_OF(X509) *certs = p7->d.sign->cert;
    for (int i = 0; certs && i < sk_X509_num(certs); ++i) {
        const QByteArray certDer = toDer(sk_X509_value(certs, i));
        if (certDer.isEmpty())
            return CaError::make(CaError::Code::BadPkcs7, operation,
                                 tr("a certificate in the PKCS#7 is broken"));
        out.append(certDer);
    }
    if (out.isEmpty())
        return CaError::make(CaError::Code::EmptyResponse, operation, tr("the PKCS#7 holds no certificate"));
    return out;
}

Result<QList<QByteArray>> CertificateCodec::parsePemCertificates(const QByteArray &pem,
                                                                 const QString &operation)
{
    QList<QByteArray> out;
    OpenSslPtr<BIO> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    while (true) {
        OpenSslPtr<X509> x(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!x)
            break;
        out.append(toDer(x.get()));
    }
    ERR_clear_error();
    const int begins = pem.count("-----BEGIN CERTIFICATE-----");
    if (out.isEmpty() || begins != out.size())
        return CaError::make(
            CaError::Code::BadPem, operation,
            tr("the answer holds no valid PEM certificate (%1 of %2 parsed)").arg(out.size()).arg(begins));
    return out;
}

QByteArray CertificateCodec::csrToDer(const QByteArray &pemOrDer)
{
    OpenSslPtr<X509_REQ> req;
    if (pemOrDer.contains("-----BEGIN")) {
        OpenSslPtr<BIO> bio(BIO_new_mem_buf(pemOrDer.constData(), int(pemOrDer.size())));
        req.reset(PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr));
    } else {
        const unsigned char *p = bytes(pemOrDer);
        req.reset(d2i_X509_REQ(nullptr, &p, long(pemOrDer.size())));
    }
    ERR_clear_error();
    if (!req)
        return {};
    unsigned char *der = nullptr;
    const int len = i2d_X509_REQ(req.get(), &der);
    QByteArray out = len > 0 ? QByteArray(reinterpret_cast<const char *>(der), len) : QByteArray();
    OPENSSL_free(der);
    return out;
}

QByteArray CertificateCodec::csrToPem(const QByteArray &der)
{
    QByteArray pem = "-----BEGIN CERTIFICATE REQUEST-----\n";
    const QByteArray b64 = der.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    return pem + "-----END CERTIFICATE REQUEST-----\n";
}

QByteArray CertificateCodec::csrChallengePassword(const QByteArray &csrDer)
{
    const unsigned char *p = bytes(csrDer);
    OpenSslPtr<X509_REQ> req(d2i_X509_REQ(nullptr, &p, long(csrDer.size())));
    const int index = req ? X509_REQ_get_attr_by_NID(req.get(), NID_pkcs9_challengePassword, -1) : -1;
    X509_ATTRIBUTE *attribute = index >= 0 ? X509_REQ_get_attr(req.get(), index) : nullptr;
    const ASN1_TYPE *value = attribute ? X509_ATTRIBUTE_get0_type(attribute, 0) : nullptr;
    if (!value
        || (value->type != V_ASN1_PRINTABLESTRING && value->type != V_ASN1_UTF8STRING
            && value->type != V_ASN1_IA5STRING && value->type != V_ASN1_T61STRING))
        return {};
    const ASN1_STRING *s = value->value.asn1_string;
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
}

QByteArray CertificateCodec::csrPublicKeyInfo(const QByteArray &csrDer)
{
    const unsigned char *p = bytes(csrDer);
    OpenSslPtr<X509_REQ> req(d2i_X509_REQ(nullptr, &p, long(csrDer.size())));
    return req ? spkiOf(X509_REQ_get_X509_PUBKEY(req.get())) : QByteArray();
}

QList<QPair<QString, QString>> CertificateCodec::csrSubject(const QByteArray &csrDer)
{
    const unsigned char *p = bytes(csrDer);
    OpenSslPtr<X509_REQ> req(d2i_X509_REQ(nullptr, &p, long(csrDer.size())));
    QList<QPair<QString, QString>> out;
    const X509_NAME *name = req ? X509_REQ_get_subject_name(req.get()) : nullptr;
    for (int i = 0; name && i < X509_NAME_entry_count(name); ++i) {
        const X509_NAME_ENTRY *entry = X509_NAME_get_entry(name, i);
        char oid[80] = {};
        OBJ_obj2txt(oid, sizeof oid, X509_NAME_ENTRY_get_object(entry), 1);
        unsigned char *utf8 = nullptr;
        const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry));
        out.append({ QString::fromLatin1(oid),
                     len >= 0 ? QString::fromUtf8(reinterpret_cast<const char *>(utf8), len) : QString() });
        OPENSSL_free(utf8);
    }
    ERR_clear_error();
    return out;
}

QByteArray CertificateCodec::certificatePublicKeyInfo(const QByteArray &certificateDer)
{
    X509Ptr x = parseCertificateDer(certificateDer);
    return x ? subjectPublicKeyInfoDer(x.get()) : QByteArray();
}

qsizetype CertificateCodec::pickLeaf(const QList<QByteArray> &certs, const QByteArray &spki)
{
    if (certs.isEmpty())
        return -1;
    for (qsizetype i = 0; i < certs.size(); ++i) {
        if (!spki.isEmpty() && certificatePublicKeyInfo(certs[i]) == spki)
            return i;
    }
    for (qsizetype i = 0; i < certs.size(); ++i) {
        X509Ptr x = parseCertificateDer(certs[i]);
        if (x && X509_check_ca(x.get()) == 0)
            return i;
    }
    return 0;
}

QString CertificateCodec::subject(const QByteArray &certificateDer)
{
    X509Ptr x = parseCertificateDer(certificateDer);
    return x ? nameText(X509_get_subject_name(x.get()), false) : tr("(unparseable certificate)");
}

QString CertificateCodec::summary(const QByteArray &certificateDer)
{
    X509Ptr x = parseCertificateDer(certificateDer);
    if (!x)
        return tr("(unparseable certificate)");
    const QString serialHex = ks::serialHex(x.get());
    return tr("subject: %1; issuer: %2; valid %3 to %4; serial %5")
        .arg(nameText(X509_get_subject_name(x.get()), false), nameText(X509_get_issuer_name(x.get()), false),
             timeToString(X509_get0_notBefore(x.get())), timeToString(X509_get0_notAfter(x.get())),
             serialHex);
}

} // namespace ks::ca
