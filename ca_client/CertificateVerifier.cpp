#include "ca_client/CertificateVerifier.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <memory>
#include <optional>

namespace ks::ca {

namespace {

const QString kOperation = QStringLiteral("verify");

struct OpenSslFree
{
    void operator()(X509 *p) const { X509_free(p); }
    void operator()(X509_STORE *p) const { X509_STORE_free(p); }
    void operator()(X509_STORE_CTX *p) const { X509_STORE_CTX_free(p); }
    void operator()(STACK_OF(X509) * p) const { sk_X509_pop_free(p, X509_free); }
    void operator()(EXTENDED_KEY_USAGE *p) const { EXTENDED_KEY_USAGE_free(p); }
};
template<class T> using Ptr = std::unique_ptr<T, OpenSslFree>;

Ptr<X509> parse(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    Ptr<X509> x(d2i_X509(nullptr, &p, long(der.size())));
    if (x && p != reinterpret_cast<const unsigned char *>(der.constData()) + der.size())
        x.reset();
    return x;
}

QDateTime toDateTime(const ASN1_TIME *t)
{
    struct tm tm = {};
    if (!t || ASN1_TIME_to_tm(t, &tm) != 1)
        return {};
    return QDateTime(QDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
                     QTime(tm.tm_hour, tm.tm_min, tm.tm_sec), Qt::UTC);
}

// Every value of one attribute in a name (a subject may repeat CN).
QStringList nameEntries(const X509_NAME *name, int nid)
{
    QStringList out;
    for (int i = X509_NAME_get_index_by_NID(name, nid, -1); i >= 0;
         i = X509_NAME_get_index_by_NID(name, nid, i)) {
        unsigned char *utf8 = nullptr;
        const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
        if (len >= 0)
            out << QString::fromUtf8(reinterpret_cast<const char *>(utf8), len);
        OPENSSL_free(utf8);
    }
    return out;
}

bool allEqual(const QStringList &values, const QString &expected)
{
    if (values.isEmpty())
        return false;
    for (const QString &v : values) {
        if (v.trimmed() != expected)
            return false;
    }
    return true;
}

QByteArray spki(X509 *x)
{
    unsigned char *der = nullptr;
    const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(x), &der);
    QByteArray out = len > 0 ? QByteArray(reinterpret_cast<const char *>(der), len) : QByteArray();
    OPENSSL_free(der);
    return out;
}

// The leaf's own validity period gets its own, more precise codes below (with clock skew); the chain check
// must not turn an expired leaf into "untrusted".
int chainCallback(int ok, X509_STORE_CTX *ctx)
{
    if (ok)
        return ok;
    const int err = X509_STORE_CTX_get_error(ctx);
    if (X509_STORE_CTX_get_error_depth(ctx) == 0
        && (err == X509_V_ERR_CERT_HAS_EXPIRED || err == X509_V_ERR_CERT_NOT_YET_VALID))
        return 1;
    return ok;
}

CaError fail(CaError::Code code, QString message, const QString &serial)
{
    return CaError::make(code, kOperation, std::move(message), serial);
}

std::optional<CaError> checkChain(X509 *leaf, const CertificateVerifier::Input &in)
{
    const QString &serial = in.expectedSerial;
    Ptr<X509_STORE> store(X509_STORE_new());
    int anchors = 0;
    for (const QByteArray &der : in.trustAnchorsDer) {
        if (Ptr<X509> a = parse(der)) {
            X509_STORE_add_cert(store.get(), a.get());
            ++anchors;
        }
    }
    if (anchors == 0)
        return fail(CaError::Code::UntrustedChain, CertificateVerifier::tr("no trust anchor is configured"),
                    serial);
    Ptr<STACK_OF(X509)> untrusted(sk_X509_new_null());
    for (const QByteArray &der : in.intermediatesDer) {
        if (Ptr<X509> c = parse(der))
            sk_X509_push(untrusted.get(), c.release());
    }
    X509_STORE_set_verify_cb(store.get(), chainCallback);
    Ptr<X509_STORE_CTX> ctx(X509_STORE_CTX_new());
    if (!X509_STORE_CTX_init(ctx.get(), store.get(), leaf, untrusted.get()))
        return fail(CaError::Code::UntrustedChain,
                    CertificateVerifier::tr("cannot set up chain verification"), serial);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, time_t(in.now.toSecsSinceEpoch()));
    // Every configured anchor is trusted as such, also an intermediate an administrator chose to pin to.
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    if (X509_verify_cert(ctx.get()) == 1)
        return std::nullopt;
    const int err = X509_STORE_CTX_get_error(ctx.get());
    ERR_clear_error();
    return fail(CaError::Code::UntrustedChain,
                CertificateVerifier::tr("the certificate does not chain to the configured CA: %1 (depth %2)")
                    .arg(QString::fromUtf8(X509_verify_cert_error_string(err)))
                    .arg(X509_STORE_CTX_get_error_depth(ctx.get())),
                serial);
}

std::optional<CaError> checkSerial(X509 *leaf, const CertificateVerifier::Input &in)
{
    using P = CertificatePolicy::SerialPlacement;
    const P placement = in.policy.serialPlacement;
    if (placement == P::None)
        return std::nullopt;
    const X509_NAME *subject = X509_get_subject_name(leaf);
    const QStringList cns = nameEntries(subject, NID_commonName);
    const QStringList sns = nameEntries(subject, NID_serialNumber);
    const QString &want = in.expectedSerial;
    const bool inCn = !want.isEmpty() && allEqual(cns, want);
    const bool inSn = !want.isEmpty() && allEqual(sns, want);
    bool ok = false;
    switch (placement) {
    case P::None:
        ok = true;
        break;
    case P::CommonName:
        ok = inCn;
        break;
    case P::SerialNumberAttribute:
        ok = inSn;
        break;
    case P::CommonNameOrSerialNumber:
        ok = inCn || inSn;
        break;
    case P::CommonNameAndSerialNumber:
        ok = inCn && inSn;
        break;
    }
    if (ok)
        return std::nullopt;
    return fail(
        CaError::Code::SerialMismatch,
        CertificateVerifier::tr("the certificate names CN '%1', serialNumber '%2', not the key's serial '%3'")
            .arg(cns.join(u','), sns.join(u','), want),
        want);
}

std::optional<CaError> checkValidity(const QDateTime &notBefore, const QDateTime &notAfter,
                                     const CertificateVerifier::Input &in)
{
    const QString &serial = in.expectedSerial;
    const QDateTime now = in.now.toUTC();
    if (!notBefore.isValid() || !notAfter.isValid())
        return fail(CaError::Code::NotParseable, CertificateVerifier::tr("the validity dates cannot be read"),
                    serial);
    // Skew only widens the start: a CA whose clock runs ahead may date a fresh certificate "in the future".
    // An end date in the past is never excused.
    if (notBefore > now.addSecs(in.policy.clockSkew.count()))
        return fail(
            CaError::Code::NotYetValid,
            CertificateVerifier::tr("the certificate is valid only from %1 (now %2, tolerated skew %3 s)")
                .arg(notBefore.toString(Qt::ISODate), now.toString(Qt::ISODate))
                .arg(in.policy.clockSkew.count()),
            serial);
    if (notAfter <= now)
        return fail(
            CaError::Code::Expired,
            CertificateVerifier::tr("the certificate expired on %1").arg(notAfter.toString(Qt::ISODate)),
            serial);
    if (now.secsTo(notAfter) < in.policy.minRemainingValidity.count())
        return fail(CaError::Code::ValidityTooShort,
                    CertificateVerifier::tr(
                        "the certificate is valid only until %1; the profile requires at least %2 s")
                        .arg(notAfter.toString(Qt::ISODate))
                        .arg(in.policy.minRemainingValidity.count()),
                    serial);
    return std::nullopt;
}

std::optional<CaError> checkUsages(X509 *leaf, const CertificateVerifier::Input &in)
{
    const QString &serial = in.expectedSerial;
    const CertificatePolicy &policy = in.policy;
    const quint32 ku = X509_get_key_usage(leaf); // UINT32_MAX when the extension is absent
    // Not X509_check_ca(): it answers 0 for CA:TRUE when keyUsage lacks keyCertSign, and we refuse either.
    const bool isCa = (X509_get_extension_flags(leaf) & EXFLAG_CA) != 0
        || (ku != UINT32_MAX && (ku & KU_KEY_CERT_SIGN) != 0);
    if (policy.rejectCaCertificate && isCa)
        return fail(CaError::Code::IsCaCertificate,
                    CertificateVerifier::tr("the certificate is a CA certificate (CA:TRUE or keyCertSign)"),
                    serial);
    if (policy.requiredKeyUsage != 0
        && (ku == UINT32_MAX || (ku & policy.requiredKeyUsage) != policy.requiredKeyUsage))
        return fail(CaError::Code::KeyUsageMismatch,
                    CertificateVerifier::tr("keyUsage is 0x%1, the profile requires 0x%2")
                        .arg(ku == UINT32_MAX ? QStringLiteral("(absent)") : QString::number(ku, 16))
                        .arg(policy.requiredKeyUsage, 0, 16),
                    serial);
    if (policy.requiredExtendedKeyUsages.isEmpty())
        return std::nullopt;
    QStringList present;
    int critical = 0;
    Ptr<EXTENDED_KEY_USAGE> eku(
        static_cast<EXTENDED_KEY_USAGE *>(X509_get_ext_d2i(leaf, NID_ext_key_usage, &critical, nullptr)));
    for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
        char buf[128] = {};
        OBJ_obj2txt(buf, sizeof buf, sk_ASN1_OBJECT_value(eku.get(), i), 1);
        present << QString::fromLatin1(buf);
    }
    for (const QString &oid : policy.requiredExtendedKeyUsages) {
        if (!present.contains(oid))
            return fail(
                CaError::Code::ExtendedKeyUsageMismatch,
                CertificateVerifier::tr("extendedKeyUsage lacks %1 (present: %2)")
                    .arg(oid, present.isEmpty() ? CertificateVerifier::tr("none") : present.join(u',')),
                serial);
    }
    return std::nullopt;
}

} // namespace

Result<CertificateVerifier::Verified> CertificateVerifier::verify(const Input &in)
{
    Ptr<X509> leaf = parse(in.leafDer);
    ERR_clear_error();
    if (!leaf)
        return fail(CaError::Code::NotParseable, tr("the certificate is not a parseable X.509 DER structure"),
                    in.expectedSerial);
    if (auto e = checkChain(leaf.get(), in))
        return *e;
    if (in.expectedPublicKeyInfo.isEmpty() || spki(leaf.get()) != in.expectedPublicKeyInfo)
        return fail(CaError::Code::PublicKeyMismatch,
                    tr("the certificate's public key is not the key pair's public key"), in.expectedSerial);
    if (auto e = checkSerial(leaf.get(), in))
        return *e;
    Verified v;
    v.notBefore = toDateTime(X509_get0_notBefore(leaf.get()));
    v.notAfter = toDateTime(X509_get0_notAfter(leaf.get()));
    if (auto e = checkValidity(v.notBefore, v.notAfter, in))
        return *e;
    if (auto e = checkUsages(leaf.get(), in))
        return *e;
    v.subject = nameEntries(X509_get_subject_name(leaf.get()), NID_commonName).join(u',');
    if (BIGNUM *bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(leaf.get()), nullptr)) {
        char *hex = BN_bn2hex(bn);
        v.serialNumberHex = QString::fromLatin1(hex);
        OPENSSL_free(hex);
        BN_free(bn);
    }
    return v;
}

} // namespace ks::ca
