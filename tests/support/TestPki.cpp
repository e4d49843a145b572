#include "TestPki.h"

#include <QDir>
#include <QFile>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <stdexcept>
#include <string>

namespace ks::test {

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct X509ReqFree
{
    void operator()(X509_REQ *r) const { X509_REQ_free(r); }
};
struct X509NameFree
{
    void operator()(X509_NAME *n) const { X509_NAME_free(n); }
};
struct X509ExtFree
{
    void operator()(X509_EXTENSION *e) const { X509_EXTENSION_free(e); }
};
struct BnFree
{
    void operator()(BIGNUM *b) const { BN_free(b); }
};
struct Pkcs7Free
{
    void operator()(PKCS7 *p) const { PKCS7_free(p); }
};
struct StoreFree
{
    void operator()(X509_STORE *s) const { X509_STORE_free(s); }
};
struct StoreCtxFree
{
    void operator()(X509_STORE_CTX *c) const { X509_STORE_CTX_free(c); }
};
struct CertStackFree
{
    void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using ReqPtr = std::unique_ptr<X509_REQ, X509ReqFree>;
using NamePtr = std::unique_ptr<X509_NAME, X509NameFree>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, X509ExtFree>;
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using Pkcs7Ptr = std::unique_ptr<PKCS7, Pkcs7Free>;
using StorePtr = std::unique_ptr<X509_STORE, StoreFree>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, StoreCtxFree>;
using CertStackPtr = std::unique_ptr<STACK_OF(X509), CertStackFree>;

KeyPtr wrapKey(EVP_PKEY *k)
{
    return KeyPtr(k, EVP_PKEY_free);
}
CertPtr wrapCert(X509 *c)
{
    return CertPtr(c, X509_free);
}

std::string opensslErrors()
{
    std::string out;
    unsigned long e;
    while ((e = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(e, buf, sizeof buf);
        if (!out.empty())
            out += "; ";
        out += buf;
    }
    return out;
}

[[noreturn]] void fail(const char *what)
{
    throw std::runtime_error(std::string("TestPki: ") + what + ": " + opensslErrors());
}

void check(bool ok, const char *what)
{
    if (!ok)
        fail(what);
}

const unsigned char *bytes(const QByteArray &a)
{
    return reinterpret_cast<const unsigned char *>(a.constData());
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}

template<typename T, typename F> QByteArray toDer(T *obj, F i2d, const char *what)
{
    const int len = i2d(obj, nullptr);
    check(len > 0, what);
    QByteArray out(len, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(out.data());
    check(i2d(obj, &p) == len, what);
    return out;
}

// Private keys owner-only: KeyStation refuses a TLS client key others may read (core/secrets/SecretFile.h).
void writeFile(const QString &path, const QByteArray &data, bool ownerOnly = false)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || (ownerOnly && !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        || f.write(data) != data.size())
        throw std::runtime_error("TestPki: cannot write " + path.toStdString());
}

void addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const QString &value)
{
    const QByteArray v = value.toLatin1();
    ExtPtr ext(X509V3_EXT_nconf_nid(nullptr, ctx, nid, v.constData()));
    check(ext != nullptr, "X509V3_EXT_nconf_nid");
    check(X509_add_ext(cert, ext.get(), -1) == 1, "X509_add_ext");
}

QString keyUsageText(unsigned bits)
{
    static const struct
    {
        unsigned bit;
        const char *name;
    } names[] = { { KuDigitalSignature, "digitalSignature" },
                  { KuNonRepudiation, "nonRepudiation" },
                  { KuKeyEncipherment, "keyEncipherment" },
                  { KuDataEncipherment, "dataEncipherment" },
                  { KuKeyAgreement, "keyAgreement" },
                  { KuKeyCertSign, "keyCertSign" },
                  { KuCrlSign, "cRLSign" } };
    QStringList parts { QStringLiteral("critical") };
    for (const auto &n : names) {
        if (bits & n.bit)
            parts << QLatin1String(n.name);
    }
    return parts.join(u',');
}

void setSerial(X509 *cert, const QByteArray &serial)
{
    QByteArray s = serial;
    if (s.isEmpty()) {
        s.resize(16);
        check(RAND_bytes(reinterpret_cast<unsigned char *>(s.data()), 16) == 1, "RAND_bytes");
        s[0] = static_cast<char>((s[0] & 0x7f) | 0x40); // positive, and always 16 bytes long
    }
    BnPtr bn(BN_bin2bn(bytes(s), static_cast<int>(s.size()), nullptr));
    check(bn != nullptr, "BN_bin2bn");
    check(BN_to_ASN1_INTEGER(bn.get(), X509_get_serialNumber(cert)) != nullptr, "BN_to_ASN1_INTEGER");
}

NamePtr makeName(const IssueOptions &o)
{
    if (!o.subjectNameDer.isEmpty()) {
        const unsigned char *p = bytes(o.subjectNameDer);
        NamePtr name(d2i_X509_NAME(nullptr, &p, o.subjectNameDer.size()));
        check(name != nullptr, "d2i_X509_NAME");
        return name;
    }
    NamePtr name(X509_NAME_new());
    check(name != nullptr, "X509_NAME_new");
    const auto add = [&](int nid, const QString &value) {
        if (value.isEmpty())
            return;
        const QByteArray v = value.toUtf8();
        check(X509_NAME_add_entry_by_NID(name.get(), nid, MBSTRING_UTF8, bytes(v), static_cast<int>(v.size()),
                                         -1, 0)
                  == 1,
              "X509_NAME_add_entry_by_NID");
    };
    add(NID_countryName, o.country);
    add(NID_organizationName, o.organization);
    add(NID_organizationalUnitName, o.organizationalUnit);
    add(NID_commonName, o.commonName);
    add(NID_serialNumber, o.serialNumber);
    return name;
}

KeyPtr subjectKeyOf(const IssueOptions &o)
{
    if (o.subjectKey) {
        EVP_PKEY_up_ref(o.subjectKey);
        return wrapKey(o.subjectKey);
    }
    const unsigned char *p = bytes(o.subjectPublicKeyDer);
    KeyPtr key = wrapKey(d2i_PUBKEY(nullptr, &p, o.subjectPublicKeyDer.size()));
    check(key != nullptr, "d2i_PUBKEY (IssueOptions has no usable subject key)");
    return key;
}

ReqPtr reqFromDer(const QByteArray &der)
{
    const unsigned char *p = bytes(der);
    return ReqPtr(d2i_X509_REQ(nullptr, &p, der.size()));
}

struct Identity
{
    CertPtr cert;
    KeyPtr key;
};

Identity makeIdentity(const QString &certFile, const QString &keyFile, IssueOptions o, KeyType type)
{
    KeyPtr key = TestPki::generateKey(type);
    o.subjectKey = key.get();
    if (!o.issuerKey)
        o.issuerKey = key.get(); // self-signed
    const QByteArray der = TestPki::issue(o);
    writeFile(certFile, TestPki::certDerToPem(der));
    writeFile(keyFile, TestPki::privateKeyPem(key.get()), true);
    return { TestPki::certFromDer(der), key };
}

IssueOptions caOptions(const QString &cn)
{
    IssueOptions o;
    o.commonName = cn;
    o.isCa = true;
    o.keyUsage = KuKeyCertSign | KuCrlSign | KuDigitalSignature;
    o.notAfterOffset = 10LL * 365 * 24 * 3600;
    return o;
}

IssueOptions serverOptions(const Identity &issuer, const QString &host)
{
    IssueOptions o;
    o.commonName = host;
    o.issuerCert = issuer.cert.get();
    o.issuerKey = issuer.key.get();
    o.extendedKeyUsage = { QLatin1String(OidServerAuth) };
    o.dnsNames = { host };
    if (host == u"localhost")
        o.ipAddresses = { QStringLiteral("127.0.0.1") };
    return o;
}

} // namespace

QString TestPki::path(const QString &name) const
{
    return m_dir + u'/' + name;
}

TestPki TestPki::create(const QString &dir)
{
    return create(dir, Options {});
}

TestPki TestPki::create(const QString &dir, const Options &options)
{
    if (!QDir().mkpath(dir))
        throw std::runtime_error("TestPki: cannot create " + dir.toStdString());
    TestPki pki;
    pki.m_dir = QDir(dir).absolutePath();

    const Identity root
        = makeIdentity(pki.caCertPath(), pki.caKeyPath(),
                       caOptions(QStringLiteral("KeyStation Test Root CA")), options.caKeyType);
    pki.m_caCert = root.cert;
    pki.m_caKey = root.key;

    if (options.withIntermediate) {
        IssueOptions o = caOptions(QStringLiteral("KeyStation Test Issuing CA"));
        o.issuerCert = root.cert.get();
        o.issuerKey = root.key.get();
        o.pathLength = 0;
        const Identity inter
            = makeIdentity(pki.intermediateCertPath(), pki.intermediateKeyPath(), o, options.caKeyType);
        pki.m_intermediateCert = inter.cert;
        pki.m_intermediateKey = inter.key;
    }

    const QString localhost = QStringLiteral("localhost");
    makeIdentity(pki.serverCertPath(), pki.serverKeyPath(), serverOptions(root, localhost), KeyType::EcP256);

    IssueOptions client;
    client.commonName = QStringLiteral("KeyStation Test Client");
    client.issuerCert = root.cert.get();
    client.issuerKey = root.key.get();
    client.extendedKeyUsage = { QLatin1String(OidClientAuth) };
    makeIdentity(pki.clientCertPath(), pki.clientKeyPath(), client, KeyType::EcP256);

    const Identity untrusted = makeIdentity(pki.untrustedCaCertPath(), pki.untrustedCaKeyPath(),
                                            caOptions(QStringLiteral("Untrusted CA")), KeyType::EcP256);
    pki.m_untrustedCaCert = untrusted.cert;
    pki.m_untrustedCaKey = untrusted.key;
    makeIdentity(pki.untrustedServerCertPath(), pki.untrustedServerKeyPath(),
                 serverOptions(untrusted, localhost), KeyType::EcP256);

    IssueOptions expired = serverOptions(root, localhost);
    expired.notBeforeOffset = -30LL * 24 * 3600;
    expired.notAfterOffset = -24LL * 3600;
    makeIdentity(pki.expiredServerCertPath(), pki.expiredServerKeyPath(), expired, KeyType::EcP256);

    makeIdentity(pki.otherHostServerCertPath(), pki.otherHostServerKeyPath(),
                 serverOptions(root, QStringLiteral("other.example.invalid")), KeyType::EcP256);
    return pki;
}

QByteArray TestPki::issue(const IssueOptions &o)
{
    check(o.issuerKey != nullptr, "IssueOptions::issuerKey is required");
    const KeyPtr subjectKey = subjectKeyOf(o);
    const NamePtr subject = makeName(o);

    CertPtr cert = wrapCert(X509_new());
    check(cert != nullptr, "X509_new");
    X509 *x = cert.get();
    check(X509_set_version(x, X509_VERSION_3) == 1, "X509_set_version");
    setSerial(x, o.serial);
    check(X509_set_subject_name(x, subject.get()) == 1, "X509_set_subject_name");
    check(X509_set_issuer_name(x, o.issuerCert ? X509_get_subject_name(o.issuerCert) : subject.get()) == 1,
          "X509_set_issuer_name");
    check(X509_gmtime_adj(X509_getm_notBefore(x), static_cast<long>(o.notBeforeOffset)) != nullptr,
          "X509_gmtime_adj");
    check(X509_gmtime_adj(X509_getm_notAfter(x), static_cast<long>(o.notAfterOffset)) != nullptr,
          "X509_gmtime_adj");
    check(X509_set_pubkey(x, subjectKey.get()) == 1, "X509_set_pubkey");

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, o.issuerCert ? o.issuerCert : x, x, nullptr, nullptr, 0);
    QString bc = o.isCa ? QStringLiteral("critical,CA:TRUE") : QStringLiteral("critical,CA:FALSE");
    if (o.isCa && o.pathLength >= 0)
        bc += QStringLiteral(",pathlen:%1").arg(o.pathLength);
    addExtension(x, &ctx, NID_basic_constraints, bc);
    if (o.keyUsage != 0)
        addExtension(x, &ctx, NID_key_usage, keyUsageText(o.keyUsage));
    if (!o.extendedKeyUsage.isEmpty())
        addExtension(x, &ctx, NID_ext_key_usage, o.extendedKeyUsage.join(u','));
    QStringList san;
    for (const QString &d : o.dnsNames)
        san << u"DNS:"_qs + d;
    for (const QString &ip : o.ipAddresses)
        san << u"IP:"_qs + ip;
    if (!san.isEmpty())
        addExtension(x, &ctx, NID_subject_alt_name, san.join(u','));
    addExtension(x, &ctx, NID_subject_key_identifier, QStringLiteral("hash"));
    addExtension(x, &ctx, NID_authority_key_identifier, QStringLiteral("keyid"));
    for (const auto &[oid, value] : o.customExtensions) {
        const QByteArray name = oid.toLatin1();
        const QByteArray v = value.toLatin1();
        ExtPtr ext(X509V3_EXT_nconf(nullptr, &ctx, name.constData(), v.constData()));
        check(ext != nullptr, "X509V3_EXT_nconf");
        check(X509_add_ext(x, ext.get(), -1) == 1, "X509_add_ext");
    }

    const EVP_MD *md = EVP_get_digestbyname(o.digest.toLatin1().constData());
    check(md != nullptr, "EVP_get_digestbyname");
    check(X509_sign(x, o.issuerKey, md) > 0, "X509_sign");
    return toDer(x, i2d_X509, "i2d_X509");
}

QByteArray TestPki::issueFromCsr(const QByteArray &csrDer, const IssueOptions &o)
{
    const ReqPtr req = reqFromDer(csrDer);
    check(req != nullptr, "d2i_X509_REQ");
    EVP_PKEY *pub = X509_REQ_get0_pubkey(req.get());
    check(pub != nullptr, "X509_REQ_get0_pubkey");
    IssueOptions copy = o;
    copy.subjectKey = pub;
    copy.subjectPublicKeyDer.clear();
    copy.subjectNameDer = toDer(X509_REQ_get_subject_name(req.get()), i2d_X509_NAME, "i2d_X509_NAME");
    return issue(copy);
}

CsrAndKey TestPki::makeCsr(const QString &commonName, const QString &serialNumber, KeyType keyType,
                           const QString &challengePassword)
{
    CsrAndKey out;
    out.key = generateKey(keyType);
    ReqPtr req(X509_REQ_new());
    check(req != nullptr, "X509_REQ_new");
    check(X509_REQ_set_version(req.get(), 0) == 1, "X509_REQ_set_version");
    IssueOptions names;
    names.commonName = commonName;
    names.serialNumber = serialNumber;
    const NamePtr subject = makeName(names);
    check(X509_REQ_set_subject_name(req.get(), subject.get()) == 1, "X509_REQ_set_subject_name");
    check(X509_REQ_set_pubkey(req.get(), out.key.get()) == 1, "X509_REQ_set_pubkey");
    if (!challengePassword.isEmpty()) {
        const QByteArray pw = challengePassword.toUtf8();
        check(X509_REQ_add1_attr_by_NID(req.get(), NID_pkcs9_challengePassword, MBSTRING_UTF8, bytes(pw),
                                        static_cast<int>(pw.size()))
                  == 1,
              "X509_REQ_add1_attr_by_NID");
    }
    check(X509_REQ_sign(req.get(), out.key.get(), EVP_sha256()) > 0, "X509_REQ_sign");
    out.csrDer = toDer(req.get(), i2d_X509_REQ, "i2d_X509_REQ");
    return out;
}

bool TestPki::verifyCsr(const QByteArray &csrDer)
{
    const ReqPtr req = reqFromDer(csrDer);
    EVP_PKEY *pub = req ? X509_REQ_get0_pubkey(req.get()) : nullptr;
    const bool ok = pub && X509_REQ_verify(req.get(), pub) == 1;
    ERR_clear_error();
    return ok;
}

QString TestPki::csrChallengePassword(const QByteArray &csrDer)
{
    const ReqPtr req = reqFromDer(csrDer);
    if (!req) {
        ERR_clear_error();
        return {};
    }
    const int idx = X509_REQ_get_attr_by_NID(req.get(), NID_pkcs9_challengePassword, -1);
    if (idx < 0)
        return {};
    X509_ATTRIBUTE *attr = X509_REQ_get_attr(req.get(), idx);
    ASN1_TYPE *value = X509_ATTRIBUTE_get0_type(attr, 0);
    if (!value)
        return {};
    switch (value->type) {
    case V_ASN1_UTF8STRING:
    case V_ASN1_PRINTABLESTRING:
    case V_ASN1_IA5STRING:
    case V_ASN1_T61STRING: {
        const ASN1_STRING *s = value->value.asn1_string;
        return QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                                 ASN1_STRING_length(s));
    }
    default:
        return QString(u""_qs); // present but of an unexpected type: never equal to a real code
    }
}

KeyPtr TestPki::generateKey(KeyType type)
{
    EVP_PKEY *key = nullptr;
    switch (type) {
    case KeyType::EcP256:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
        break;
    case KeyType::Rsa2048:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048));
        break;
    case KeyType::Rsa1024:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024));
        break;
    case KeyType::EcP224:
        key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-224");
        break;
    }
    check(key != nullptr, "EVP_PKEY_Q_keygen");
    return wrapKey(key);
}

QByteArray TestPki::publicKeyDer(EVP_PKEY *key)
{
    return toDer(key, i2d_PUBKEY, "i2d_PUBKEY");
}

QByteArray TestPki::privateKeyPem(EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) == 1,
          "PEM_write_bio_PrivateKey");
    return bioContents(bio.get());
}

CertPtr TestPki::certFromDer(const QByteArray &der)
{
    const unsigned char *p = bytes(der);
    X509 *x = d2i_X509(nullptr, &p, der.size());
    if (!x || p != bytes(der) + der.size()) {
        X509_free(x);
        ERR_clear_error();
        return {};
    }
    return wrapCert(x);
}

CertPtr TestPki::certFromPem(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    X509 *x = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    ERR_clear_error();
    return x ? wrapCert(x) : CertPtr();
}

QList<CertPtr> TestPki::certsFromPemFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = f.readAll();
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    QList<CertPtr> certs;
    while (X509 *x = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr))
        certs << wrapCert(x);
    ERR_clear_error(); // the loop ends on "no start line"
    return certs;
}

KeyPtr TestPki::keyFromPemFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = f.readAll();
    BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    EVP_PKEY *k = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    ERR_clear_error();
    return k ? wrapKey(k) : KeyPtr();
}

QByteArray TestPki::certToDer(X509 *cert)
{
    return toDer(cert, i2d_X509, "i2d_X509");
}

QByteArray TestPki::certToPem(X509 *cert)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    check(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM_write_bio_X509");
    return bioContents(bio.get());
}

QByteArray TestPki::certDerToPem(const QByteArray &der)
{
    const CertPtr cert = certFromDer(der);
    check(cert != nullptr, "d2i_X509");
    return certToPem(cert.get());
}

QByteArray TestPki::certsOnlyPkcs7(const QList<QByteArray> &certDers)
{
    Pkcs7Ptr p7(PKCS7_new());
    check(p7 && PKCS7_set_type(p7.get(), NID_pkcs7_signed) == 1, "PKCS7_set_type");
    check(PKCS7_content_new(p7.get(), NID_pkcs7_data) == 1, "PKCS7_content_new");
    // Degenerate SignedData: encapsulated content type id-data with the content itself absent.
    check(PKCS7_set_detached(p7.get(), 1) == 1, "PKCS7_set_detached");
    for (const QByteArray &der : certDers) {
        const CertPtr cert = certFromDer(der);
        check(cert != nullptr, "d2i_X509");
        check(PKCS7_add_certificate(p7.get(), cert.get()) == 1, "PKCS7_add_certificate");
    }
    return toDer(p7.get(), i2d_PKCS7, "i2d_PKCS7");
}

QList<QByteArray> TestPki::certsFromPkcs7(const QByteArray &der)
{
    const unsigned char *p = bytes(der);
    Pkcs7Ptr p7(d2i_PKCS7(nullptr, &p, der.size()));
    QList<QByteArray> out;
    if (!p7 || !PKCS7_type_is_signed(p7.get()) || !p7->d.sign) {
        ERR_clear_error();
        return out;
    }
    STACK_OF(X509) *certs = p7->d.sign->cert;
    for (int i = 0; certs && i < sk_X509_num(certs); ++i)
        out << certToDer(sk_X509_value(certs, i));
    return out;
}

bool TestPki::verifyChain(const QByteArray &leafDer, const QList<QByteArray> &trustedDers,
                          const QList<QByteArray> &intermediateDers, QString *error)
{
    const auto setError = [error](const QString &e) {
        if (error)
            *error = e;
        return false;
    };
    const CertPtr leaf = certFromDer(leafDer);
    if (!leaf)
        return setError(QStringLiteral("leaf does not parse"));
    StorePtr store(X509_STORE_new());
    for (const QByteArray &der : trustedDers) {
        const CertPtr c = certFromDer(der);
        if (!c || X509_STORE_add_cert(store.get(), c.get()) != 1)
            return setError(QStringLiteral("trust anchor does not parse"));
    }
    CertStackPtr chain(sk_X509_new_null());
    for (const QByteArray &der : intermediateDers) {
        const CertPtr c = certFromDer(der);
        if (!c)
            return setError(QStringLiteral("intermediate does not parse"));
        X509_up_ref(c.get());
        sk_X509_push(chain.get(), c.get());
    }
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    check(ctx && X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), chain.get()) == 1,
          "X509_STORE_CTX_init");
    const bool ok = X509_verify_cert(ctx.get()) == 1;
    if (!ok)
        setError(QString::fromLatin1(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()))));
    ERR_clear_error();
    return ok;
}

} // namespace ks::test
