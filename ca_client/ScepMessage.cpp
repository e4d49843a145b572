#include "ca_client/ScepMessage.h"

#include "base/CertificateFacts.h"
#include "base/OpenSslPtr.h"
#include "ca_client/CaLog.h"
#include "ca_client/ScepRequesterKey.h"
#include "core/secrets/SecureBytes.h"

#include <QCryptographicHash>

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pkcs7.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <memory>

namespace ks::ca {

namespace {

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

template<class T, class F> QByteArray toDer(T *object, F i2d)
{
    unsigned char *der = nullptr;
    const int len = object ? i2d(object, &der) : -1;
    QByteArray out;
    if (len > 0)
        out = QByteArray(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

// The SCEP attributes (RFC 8894 3.2.1, arc 2.16.840.1.113733.1.9), registered with OpenSSL once.
struct ScepOids
{
    int messageType, pkiStatus, failInfo, senderNonce, recipientNonce, transactionId;
    static const ScepOids &get()
    {
        static const ScepOids oids = [] {
            auto nid = [](const char *oid, const char *name) {
                int n = OBJ_txt2nid(oid);
                return n != NID_undef ? n : OBJ_create(oid, name, name);
            };
            return ScepOids { nid("2.16.840.1.113733.1.9.2", "scepMessageType"),
                              nid("2.16.840.1.113733.1.9.3", "scepPkiStatus"),
                              nid("2.16.840.1.113733.1.9.4", "scepFailInfo"),
                              nid("2.16.840.1.113733.1.9.5", "scepSenderNonce"),
                              nid("2.16.840.1.113733.1.9.6", "scepRecipientNonce"),
                              nid("2.16.840.1.113733.1.9.7", "scepTransactionId") };
        }();
        return oids;
    }
};

bool addAttribute(PKCS7_SIGNER_INFO *si, int nid, int type, const QByteArray &value)
{
    ASN1_STRING *s = ASN1_STRING_type_new(type);
    if (!s || !ASN1_STRING_set(s, value.constData(), int(value.size()))
        || !PKCS7_add_signed_attribute(si, nid, type, s)) {
        ASN1_STRING_free(s);
        return false;
    }
    return true; // si owns s now
}

QByteArray attributeString(PKCS7_SIGNER_INFO *si, int nid, int type)
{
    ASN1_TYPE *t = PKCS7_get_signed_attribute(si, nid);
    if (!t || t->type != type || !t->value.asn1_string)
        return {};
    const ASN1_STRING *s = t->value.asn1_string;
    return QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)), ASN1_STRING_length(s));
}

// A private library context with OpenSSL's legacy provider, for single DES only: the process-wide default
// context stays without legacy algorithms. Null when the provider is not installed.
OSSL_LIB_CTX *legacyContext()
{
    static OSSL_LIB_CTX *const context = [] {
        OSSL_LIB_CTX *c = OSSL_LIB_CTX_new();
        if (c && (!OSSL_PROVIDER_load(c, "legacy") || !OSSL_PROVIDER_load(c, "default"))) {
            OSSL_LIB_CTX_free(c);
            c = nullptr;
        }
        return c;
    }();
    return context;
}

CaError badMessage(const QString &operation, const QString &why)
{
    return CaError::make(CaError::Code::BadMessage, operation, why);
}

} // namespace

QByteArray ScepMessage::transactionId(const QByteArray &subjectPublicKeyInfoDer)
{
    return QCryptographicHash::hash(subjectPublicKeyInfoDer, QCryptographicHash::Sha256).toHex().toUpper();
}

Result<ScepMessage::Outgoing> ScepMessage::build(MessageType type, const QByteArray &content,
                                                 const QByteArray &transactionId,
                                                 const QByteArray &recipientCertDer, bool aes,
                                                 ScepRequesterKey &key, const QString &operation)
{
    const ScepOids &oids = ScepOids::get();
    X509Ptr signer = parseCertificateDerPrefix(key.signerCertificateDer());
    X509Ptr recipient = parseCertificateDerPrefix(recipientCertDer);
    if (!signer || !recipient || !X509_get0_pubkey(signer.get()))
        return CaError::make(CaError::Code::Configuration, operation,
                             tr("the requester or CA certificate does not parse"));

    // pkcsPKIEnvelope (RFC 8894 3.2.2): EnvelopedData of the content, to the CA (or RA) certificate.
    X509StackViewPtr recipients(sk_X509_new_null());
    OpenSslPtr<BIO> in(BIO_new_mem_buf(content.constData(), int(content.size())));
    if (!recipients || !in || !sk_X509_push(recipients.get(), recipient.get()))
        return CaError::make(CaError::Code::Configuration, operation, tr("out of memory"));
    OpenSslPtr<PKCS7> envelope(PKCS7_encrypt(recipients.get(), in.get(),
                                             aes ? EVP_aes_128_cbc() : EVP_des_ede3_cbc(), PKCS7_BINARY));
    const QByteArray envelopeDer = toDer(envelope.get(), i2d_PKCS7);
    if (envelopeDer.isEmpty())
        return CaError::make(CaError::Code::Configuration, operation,
                             tr("the request could not be encrypted to the CA certificate"));

    // SignedData over the envelope, signed attributes as RFC 8894 3.2.1.
    Outgoing out;
    out.senderNonce.resize(16);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.senderNonce.data()), 16) != 1)
        return CaError::make(CaError::Code::Configuration, operation, tr("no random nonce"));
    const QByteArray digest = QCryptographicHash::hash(envelopeDer, QCryptographicHash::Sha256);
    OpenSslPtr<PKCS7> p7(PKCS7_new());
    PKCS7_SIGNER_INFO *si = nullptr;
    // The signer's public key stands in for the private one: PKCS7_SIGNER_INFO_set only takes the
    // algorithm from it; the signature itself comes from the requester key below.
    const bool assembled = p7 && PKCS7_set_type(p7.get(), NID_pkcs7_signed)
        && PKCS7_content_new(p7.get(), NID_pkcs7_data)
        && (si = PKCS7_add_signature(p7.get(), signer.get(), X509_get0_pubkey(signer.get()), EVP_sha256()))
        && PKCS7_add_certificate(p7.get(), signer.get())
        && ASN1_OCTET_STRING_set(p7->d.sign->contents->d.data, bytes(envelopeDer), int(envelopeDer.size()))
        && addAttribute(si, oids.transactionId, V_ASN1_PRINTABLESTRING, transactionId)
        && addAttribute(si, oids.messageType, V_ASN1_PRINTABLESTRING, QByteArray::number(int(type)))
        && addAttribute(si, oids.senderNonce, V_ASN1_OCTET_STRING, out.senderNonce)
        && PKCS7_add_attrib_content_type(si, nullptr) && PKCS7_add0_attrib_signing_time(si, nullptr)
        && PKCS7_add1_attrib_digest(si, bytes(digest), int(digest.size()));
    if (!assembled)
        return CaError::make(CaError::Code::Configuration, operation,
                             tr("the request could not be assembled"));
    // What PKCS7_SIGNER_INFO_sign would sign: the signed attributes as a DER SET (RFC 5652 5.4).
    unsigned char *attributes = nullptr;
    const int attributesLength = ASN1_item_i2d(reinterpret_cast<ASN1_VALUE *>(si->auth_attr), &attributes,
                                               ASN1_ITEM_rptr(PKCS7_ATTR_SIGN));
    if (attributesLength <= 0)
        return CaError::make(CaError::Code::Configuration, operation,
                             tr("the request could not be assembled"));
    const QByteArray toSign(reinterpret_cast<const char *>(attributes), attributesLength);
    OPENSSL_free(attributes);
    auto signature = key.signSha256(toSign);
    if (!signature)
        return signature.error();
    if (!ASN1_STRING_set(si->enc_digest, signature->constData(), int(signature->size())))
        return CaError::make(CaError::Code::Configuration, operation, tr("out of memory"));
    out.der = toDer(p7.get(), i2d_PKCS7);
    return out;
}

QByteArray ScepMessage::issuerAndSubject(const QByteArray &caCertDer, const QByteArray &csrDer)
{
    X509Ptr ca = parseCertificateDerPrefix(caCertDer);
    const unsigned char *p = bytes(csrDer);
    OpenSslPtr<X509_REQ> csr(d2i_X509_REQ(nullptr, &p, long(csrDer.size())));
    if (!ca || !csr)
        return {};
    // IssuerAndSubject ::= SEQUENCE { issuer Name, subject Name }: OpenSSL has no item for it, so the two
    // names are encoded by OpenSSL and wrapped with ASN1_put_object.
    const QByteArray names = toDer(X509_get_subject_name(ca.get()), i2d_X509_NAME)
        + toDer(X509_REQ_get_subject_name(csr.get()), i2d_X509_NAME);
    QByteArray out(ASN1_object_size(1, int(names.size()), V_ASN1_SEQUENCE), Qt::Uninitialized);
    auto *q = reinterpret_cast<unsigned char *>(out.data());
    ASN1_put_object(&q, 1, int(names.size()), V_ASN1_SEQUENCE, V_ASN1_UNIVERSAL);
    memcpy(q, names.constData(), size_t(names.size()));
    return out;
}

Result<ScepMessage::CertRep> ScepMessage::parseCertRep(const QByteArray &der,
                                                       const QList<QByteArray> &signerCertsDer,
                                                       const QString &operation)
{
    const ScepOids &oids = ScepOids::get();
    const unsigned char *p = bytes(der);
    OpenSslPtr<PKCS7> p7(d2i_PKCS7(nullptr, &p, long(der.size())));
    if (!p7 || !PKCS7_type_is_signed(p7.get()) || !p7->d.sign || !p7->d.sign->contents)
        return badMessage(operation, tr("the CA's answer is not a SCEP message (PKCS#7 SignedData)"));
    STACK_OF(PKCS7_SIGNER_INFO) *signers = PKCS7_get_signer_info(p7.get());
    if (sk_PKCS7_SIGNER_INFO_num(signers) != 1)
        return badMessage(operation, tr("the CA's answer does not have exactly one signer"));

    std::vector<X509Ptr> owned;
    X509StackViewPtr trusted(sk_X509_new_null());
    for (const QByteArray &certDer : signerCertsDer) {
        if (X509Ptr x = parseCertificateDerPrefix(certDer)) {
            sk_X509_push(trusted.get(), x.get());
            owned.push_back(std::move(x));
        }
    }
    // The signer must be one of the pinned CA's certificates (PKCS7_NOINTERN: none from the message), its
    // signature over the signed attributes and the content must hold. Chain building is not needed: the
    // certificates given are trusted as they are (PKCS7_NOVERIFY).
    OpenSslPtr<BIO> content(BIO_new(BIO_s_mem()));
    OpenSslPtr<BIO> detached;
    if (PKCS7_get_detached(p7.get())) // FAILURE and PENDING carry no pkcsPKIEnvelope
        detached.reset(BIO_new_mem_buf("", 0));
    if (PKCS7_verify(p7.get(), trusted.get(), nullptr, detached.get(), content.get(),
                     PKCS7_NOVERIFY | PKCS7_NOINTERN | PKCS7_NOCHAIN | PKCS7_BINARY)
        != 1)
        return badMessage(operation, tr("the CA's answer is not signed by the pinned CA or its RA"));

    PKCS7_SIGNER_INFO *si = sk_PKCS7_SIGNER_INFO_value(signers, 0);
    CertRep rep;
    const QByteArray type = attributeString(si, oids.messageType, V_ASN1_PRINTABLESTRING);
    if (type != QByteArray::number(int(MessageType::CertRep)))
        return badMessage(operation,
                          tr("the CA's answer is not a CertRep (messageType '%1')")
                              .arg(QString::fromLatin1(type.left(8).toPercentEncoding())));
    const QByteArray status = attributeString(si, oids.pkiStatus, V_ASN1_PRINTABLESTRING);
    if (status == "0")
        rep.status = PkiStatus::Success;
    else if (status == "2")
        rep.status = PkiStatus::Failure;
    else if (status == "3")
        rep.status = PkiStatus::Pending;
    else
        return badMessage(operation, tr("the CA's answer has no valid pkiStatus"));
    const QByteArray failInfo = attributeString(si, oids.failInfo, V_ASN1_PRINTABLESTRING);
    bool ok = false;
    const int fail = failInfo.toInt(&ok);
    rep.failInfo = ok && fail >= 0 && fail <= 4 ? fail : -1;
    rep.transactionId = attributeString(si, oids.transactionId, V_ASN1_PRINTABLESTRING);
    rep.recipientNonce = attributeString(si, oids.recipientNonce, V_ASN1_OCTET_STRING);
    rep.senderNonce = attributeString(si, oids.senderNonce, V_ASN1_OCTET_STRING);
    if (rep.status == PkiStatus::Success) {
        BUF_MEM *mem = nullptr;
        BIO_get_mem_ptr(content.get(), &mem);
        if (mem && mem->length > 0)
            rep.envelopeDer = QByteArray(mem->data, qsizetype(mem->length));
        if (rep.envelopeDer.isEmpty())
            return badMessage(operation, tr("the CA reported success but sent no certificate envelope"));
    }
    return rep;
}

Result<QByteArray> ScepMessage::openEnvelope(const QByteArray &envelopeDer, ScepRequesterKey &key,
                                             const QString &operation)
{
    const unsigned char *p = bytes(envelopeDer);
    OpenSslPtr<PKCS7> p7(d2i_PKCS7(nullptr, &p, long(envelopeDer.size())));
    if (!p7 || !PKCS7_type_is_enveloped(p7.get()) || !p7->d.enveloped || !p7->d.enveloped->enc_data
        || !p7->d.enveloped->enc_data->enc_data || !p7->d.enveloped->enc_data->algorithm)
        return badMessage(operation, tr("the CA's certificate envelope is not PKCS#7 EnvelopedData"));
    PKCS7_ENVELOPE *env = p7->d.enveloped;
    X509Ptr self = parseCertificateDerPrefix(key.signerCertificateDer());
    if (!self)
        return CaError::make(CaError::Code::RequesterKey, operation,
                             tr("the requester certificate does not parse"));
    // Our KeyTransRecipientInfo: the one naming the self-signed certificate that signed the request.
    PKCS7_RECIP_INFO *ours = nullptr;
    for (int i = 0; i < sk_PKCS7_RECIP_INFO_num(env->recipientinfo); ++i) {
        PKCS7_RECIP_INFO *ri = sk_PKCS7_RECIP_INFO_value(env->recipientinfo, i);
        if (ri && ri->issuer_and_serial && ri->enc_key
            && X509_NAME_cmp(ri->issuer_and_serial->issuer, X509_get_issuer_name(self.get())) == 0
            && ASN1_INTEGER_cmp(ri->issuer_and_serial->serial, X509_get0_serialNumber(self.get())) == 0)
            ours = ri;
    }
    if (!ours)
        return badMessage(operation, tr("the CA's certificate envelope is not addressed to this request"));

    // The ciphers RFC 8894 3.5.2 names, and single DES-CBC, which Debian's scepserver (micromdm) uses for
    // every CertRep whatever GetCACaps advertises. The envelope only hides the issued (public) certificate,
    // whose integrity comes from the CA's signature; so DES is accepted here, with a warning, and never used
    // for our requests. The IV is the algorithm's OCTET STRING parameter.
    const int cipherNid = OBJ_obj2nid(env->enc_data->algorithm->algorithm);
    if (cipherNid != NID_aes_128_cbc && cipherNid != NID_aes_192_cbc && cipherNid != NID_aes_256_cbc
        && cipherNid != NID_des_ede3_cbc && cipherNid != NID_des_cbc)
        return badMessage(operation,
                          tr("the CA's certificate envelope uses an unsupported cipher (%1)")
                              .arg(QString::fromLatin1(OBJ_nid2sn(cipherNid))));
    OpenSslPtr<EVP_CIPHER> cipherHolder;
    if (cipherNid == NID_des_cbc) {
        qCWarning(lcCa).noquote() << operation << "the CA encrypted its answer with single DES (legacy)";
        cipherHolder.reset(EVP_CIPHER_fetch(legacyContext(), "DES-CBC", nullptr));
    } else {
        cipherHolder.reset(EVP_CIPHER_fetch(nullptr, OBJ_nid2sn(cipherNid), nullptr));
    }
    const EVP_CIPHER *cipher = cipherHolder.get();
    unsigned char iv[EVP_MAX_IV_LENGTH];
    if (!cipher
        || ASN1_TYPE_get_octetstring(env->enc_data->algorithm->parameter, iv, sizeof iv)
            != EVP_CIPHER_get_iv_length(cipher))
        return badMessage(operation, tr("the CA's certificate envelope has no valid IV"));

    const ASN1_OCTET_STRING *encryptedKey = ours->enc_key;
    auto contentKey
        = key.decryptRsaPkcs1(QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(encryptedKey)),
                                         ASN1_STRING_length(encryptedKey)));
    if (!contentKey)
        return contentKey.error();
    SecretGuard keyGuard(*contentKey);
    if (contentKey->size() != EVP_CIPHER_get_key_length(cipher))
        return badMessage(operation, tr("the CA's certificate envelope could not be opened (key length)"));

    const ASN1_OCTET_STRING *data = env->enc_data->enc_data;
    OpenSslPtr<EVP_CIPHER_CTX> ctx(EVP_CIPHER_CTX_new());
    QByteArray plain(ASN1_STRING_length(data) + EVP_MAX_BLOCK_LENGTH, Qt::Uninitialized);
    int n = 0, tail = 0;
    auto *outBytes = reinterpret_cast<unsigned char *>(plain.data());
    if (!ctx || EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, bytes(*contentKey), iv) != 1
        || EVP_DecryptUpdate(ctx.get(), outBytes, &n, ASN1_STRING_get0_data(data), ASN1_STRING_length(data))
            != 1
        || EVP_DecryptFinal_ex(ctx.get(), outBytes + n, &tail) != 1)
        return badMessage(operation, tr("the CA's certificate envelope could not be decrypted"));
    plain.truncate(n + tail);
    return plain;
}

QString ScepMessage::failInfoText(int failInfo)
{
    switch (failInfo) {
    case 0:
        return tr("the CA does not support an algorithm the request used (badAlg)");
    case 1:
        return tr("the CA could not verify the request's signature (badMessageCheck)");
    case 2:
        return tr("the CA refused the request: a wrong or expired challenge password is the usual cause "
                  "(badRequest)");
    case 3:
        return tr("the request's time was too far from the CA's clock (badTime)");
    case 4:
        return tr("the CA found no certificate matching the request (badCertId)");
    default:
        return tr("the CA refused the request without saying why");
    }
}

CaError::Code ScepMessage::failInfoCode(int failInfo)
{
    switch (failInfo) {
    case 0:
        return CaError::Code::ScepBadAlg;
    case 1:
        return CaError::Code::ScepBadMessageCheck;
    case 2:
        return CaError::Code::ScepBadRequest;
    case 3:
        return CaError::Code::ScepBadTime;
    case 4:
        return CaError::Code::ScepBadCertId;
    default:
        return CaError::Code::CaRefused;
    }
}

ScepCapabilities ScepCapabilities::parse(const QByteArray &body)
{
    ScepCapabilities caps;
    for (const QByteArray &line : body.split('\n')) {
        const QByteArray word = line.trimmed();
        if (word.isEmpty() || word.size() > 64)
            continue;
        caps.keywords << QString::fromLatin1(word);
        const QByteArray lower = word.toLower();
        caps.postPkiOperation |= lower == "postpkioperation";
        caps.aes |= lower == "aes";
        caps.sha256 |= lower == "sha-256";
        // RFC 8894 3.5.2: SCEPStandard implies AES, POSTPKIOperation and SHA-256.
        if (lower == "scepstandard")
            caps.postPkiOperation = caps.aes = caps.sha256 = true;
    }
    return caps;
}

} // namespace ks::ca
