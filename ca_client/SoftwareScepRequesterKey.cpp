#include "ca_client/SoftwareScepRequesterKey.h"

#include "core/secrets/SecretFile.h"
#include "core/secrets/SecureBytes.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace ks::ca {

namespace {

const QString kOperation = QStringLiteral("scep/requester-key");

CaError keyError(const QString &message)
{
    return CaError::make(CaError::Code::RequesterKey, kOperation, message);
}

} // namespace

SoftwareScepRequesterKey::~SoftwareScepRequesterKey()
{
    EVP_PKEY_free(m_key);
}

Result<std::shared_ptr<SoftwareScepRequesterKey>> SoftwareScepRequesterKey::create(EVP_PKEY *key,
                                                                                   const QByteArray &csrDer)
{
    if (!key || !EVP_PKEY_is_a(key, "RSA"))
        return keyError(tr("SCEP needs an RSA requester key (its envelopes use RSA key transport)"));
    const auto *p = reinterpret_cast<const unsigned char *>(csrDer.constData());
    X509_REQ *csr = d2i_X509_REQ(nullptr, &p, long(csrDer.size()));
    std::shared_ptr<SoftwareScepRequesterKey> self(new SoftwareScepRequesterKey);
    EVP_PKEY_up_ref(key);
    self->m_key = key;
    // RFC 8894 2.3: a self-signed certificate for the request's key, with the request's subject.
    X509 *x = X509_new();
    unsigned char serial[8];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    const bool ok = csr && x && bn && X509_set_version(x, X509_VERSION_3)
        && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x))
        && X509_set_subject_name(x, X509_REQ_get_subject_name(csr))
        && X509_set_issuer_name(x, X509_REQ_get_subject_name(csr))
        && X509_gmtime_adj(X509_getm_notBefore(x), -3600) && X509_gmtime_adj(X509_getm_notAfter(x), 24 * 3600)
        && X509_set_pubkey(x, key) && X509_sign(x, key, EVP_sha256()) > 0;
    unsigned char *der = nullptr;
    const int len = ok ? i2d_X509(x, &der) : -1;
    if (len > 0)
        self->m_certificateDer = QByteArray(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    BN_free(bn);
    X509_free(x);
    X509_REQ_free(csr);
    if (self->m_certificateDer.isEmpty())
        return keyError(tr("the self-signed requester certificate could not be made (is the CSR PKCS#10?)"));
    return self;
}

Result<std::shared_ptr<SoftwareScepRequesterKey>>
SoftwareScepRequesterKey::fromPemFile(const QString &path, const QByteArray &csrDer)
{
    QByteArray pem;
    QString error;
    if (!SecretFile::read(path, pem, error))
        return CaError::make(CaError::Code::Configuration, kOperation, error);
    SecretGuard guard(pem);
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    EVP_PKEY *key = bio ? PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr) : nullptr;
    BIO_free(bio);
    if (!key)
        return CaError::make(CaError::Code::Configuration, kOperation,
                             tr("'%1' holds no unencrypted private key").arg(path));
    auto result = create(key, csrDer);
    EVP_PKEY_free(key);
    return result;
}

Result<QByteArray> SoftwareScepRequesterKey::signSha256(const QByteArray &data)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = 0;
    QByteArray sig;
    if (ctx && EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, m_key) == 1
        && EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(data.constData()),
                          size_t(data.size()))
            == 1) {
        sig.resize(qsizetype(len));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len,
                           reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()))
            == 1)
            sig.truncate(qsizetype(len));
        else
            sig.clear();
    }
    EVP_MD_CTX_free(ctx);
    if (sig.isEmpty())
        return keyError(tr("the requester key could not sign"));
    return sig;
}

Result<QByteArray> SoftwareScepRequesterKey::decryptRsaPkcs1(const QByteArray &encrypted)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(m_key, nullptr);
    size_t len = 0;
    QByteArray out;
    const auto *in = reinterpret_cast<const unsigned char *>(encrypted.constData());
    if (ctx && EVP_PKEY_decrypt_init(ctx) == 1 && EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1
        && EVP_PKEY_decrypt(ctx, nullptr, &len, in, size_t(encrypted.size())) == 1) {
        out.resize(qsizetype(len));
        if (EVP_PKEY_decrypt(ctx, reinterpret_cast<unsigned char *>(out.data()), &len, in,
                             size_t(encrypted.size()))
            == 1)
            out.truncate(qsizetype(len));
        else
            wipe(out);
    }
    EVP_PKEY_CTX_free(ctx);
    if (out.isEmpty())
        return keyError(tr("the requester key could not decrypt the CA's content key"));
    return out;
}

} // namespace ks::ca
