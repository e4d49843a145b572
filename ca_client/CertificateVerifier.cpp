#include "ca_client/CertificateVerifier.h"

#include "base/CertificateFacts.h"
#include "base/OpenSslPtr.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace ks::ca {

namespace {

const QString kOperation = QStringLiteral("verify");

// Every value of one attribute in a name (a subject may repeat CN). A value that cannot be read as text is
// kept as a marker that matches nothing.
QStringList nameEntries(const X509_NAME *name, const ASN1_OBJECT *type)
{
    QStringList out;
    if (!type)
        return out;
    for (int i = X509_NAME_get_index_by_OBJ(name, type, -1); i >= 0;
         i = X509_NAME_get_index_by_OBJ(name, type, i)) {
        unsigned char *utf8 = nullptr;
        const int len = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i)));
        if (len >= 0)
            out << QString::fromUtf8(reinterpret_cast<const char *>(utf8), len);
        else
            out << QStringLiteral("\uFFFD(unreadable)");
        OPENSSL_free(utf8);
    }
    return out;
}

QStringList nameEntries(const X509_NAME *name, int nid)
{
    return nameEntries(name, OBJ_nid2obj(nid));
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

// A name for messages: the certificate's CN, else its whole subject.
QString describe(X509 *x)
{
    const QStringList cns = nameEntries(X509_get_subject_name(x), NID_commonName);
    if (!cns.isEmpty())
        return cns.join(u',');
    char buf[256] = {};
    X509_NAME_oneline(X509_get_subject_name(x), buf, sizeof buf);
    return QString::fromUtf8(buf);
}

// Builds and verifies the path leaf -> ... -> a configured anchor; on success *chain holds it (leaf first,
// anchor last).
std::optional<CaError> checkChain(X509 *leaf, const CertificateVerifier::Input &in, X509StackPtr *chain)
{
    const QString &serial = in.expectedSerial;
    OpenSslPtr<X509_STORE> store(X509_STORE_new());
    int anchors = 0;
    for (const QByteArray &der : in.trustAnchorsDer) {
        if (X509Ptr a = parseCertificateDer(der)) {
            X509_STORE_add_cert(store.get(), a.get());
            ++anchors;
        }
    }
    if (anchors == 0)
        return fail(CaError::Code::UntrustedChain, CertificateVerifier::tr("no trust anchor is configured"),
                    serial);
    X509StackPtr untrusted(sk_X509_new_null());
    for (const QByteArray &der : in.intermediatesDer) {
        if (X509Ptr c = parseCertificateDer(der))
            sk_X509_push(untrusted.get(), c.release());
    }
    X509_STORE_set_verify_cb(store.get(), chainCallback);
    OpenSslPtr<X509_STORE_CTX> ctx(X509_STORE_CTX_new());
    if (!X509_STORE_CTX_init(ctx.get(), store.get(), leaf, untrusted.get()))
        return fail(CaError::Code::UntrustedChain,
                    CertificateVerifier::tr("cannot set up chain verification"), serial);
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_time(param, time_t(in.now.toSecsSinceEpoch()));
    // Every configured anchor is trusted as such, also an intermediate an administrator chose to pin to.
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_PARTIAL_CHAIN);
    if (X509_verify_cert(ctx.get()) == 1) {
        chain->reset(X509_STORE_CTX_get1_chain(ctx.get()));
        return std::nullopt;
    }
    const int err = X509_STORE_CTX_get_error(ctx.get());
    const int depth = X509_STORE_CTX_get_error_depth(ctx.get());
    ERR_clear_error();
    if (err == X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION)
        return fail(
            CaError::Code::UnhandledCriticalExtension,
            CertificateVerifier::tr("a certificate of the path (depth %1) has a critical extension the "
                                    "check does not understand")
                .arg(depth),
            serial);
    return fail(CaError::Code::UntrustedChain,
                CertificateVerifier::tr("the certificate does not chain to the configured CA: %1 (depth %2)")
                    .arg(QString::fromUtf8(X509_verify_cert_error_string(err)))
                    .arg(depth),
                serial);
}

// Keys and signatures of the whole path: the anchor's self-signature is not looked at, its key is.
std::optional<CaError> checkAlgorithms(STACK_OF(X509) * chain, const CertificateVerifier::Input &in)
{
    const QString &serial = in.expectedSerial;
    const int n = chain ? sk_X509_num(chain) : 0;
    for (int depth = 0; depth < n; ++depth) {
        X509 *x = sk_X509_value(chain, depth);
        EVP_PKEY *key = X509_get0_pubkey(x);
        const int type = key ? EVP_PKEY_get_base_id(key) : NID_undef;
        const int bits = key ? EVP_PKEY_get_bits(key) : 0;
        QString weakKey;
        if (type == EVP_PKEY_RSA || type == EVP_PKEY_RSA_PSS) {
            if (bits < in.policy.minRsaBits)
                weakKey = CertificateVerifier::tr("an RSA key of %1 bits (at least %2 required)")
                              .arg(bits)
                              .arg(in.policy.minRsaBits);
        } else if (type == EVP_PKEY_EC) {
            if (bits < in.policy.minEcBits)
                weakKey = CertificateVerifier::tr("an EC key of %1 bits (at least %2 required)")
                              .arg(bits)
                              .arg(in.policy.minEcBits);
        } else if (type != EVP_PKEY_ED25519 && type != EVP_PKEY_ED448) {
            weakKey = CertificateVerifier::tr("a key of an unsupported type (%1)")
                          .arg(QString::fromLatin1(type != NID_undef ? OBJ_nid2sn(type) : "unreadable"));
        }
        if (!weakKey.isEmpty())
            return fail(
                CaError::Code::WeakAlgorithm,
                CertificateVerifier::tr("'%1' (depth %2) has %3").arg(describe(x)).arg(depth).arg(weakKey),
                serial);
        if (depth == n - 1 && n > 1)
            break; // the anchor: trusted as configured, its self-signature is not part of the path
        int mdNid = NID_undef;
        int pkNid = NID_undef;
        const bool known = X509_get_signature_info(x, &mdNid, &pkNid, nullptr, nullptr) == 1;
        ERR_clear_error();
        const bool strongDigest = mdNid == NID_sha256 || mdNid == NID_sha384 || mdNid == NID_sha512
            || mdNid == NID_sha3_256 || mdNid == NID_sha3_384 || mdNid == NID_sha3_512;
        const bool edDsa = mdNid == NID_undef && (pkNid == NID_ED25519 || pkNid == NID_ED448);
        if (!known || !(strongDigest || edDsa)) {
            const int sigNid = X509_get_signature_nid(x);
            return fail(
                CaError::Code::WeakAlgorithm,
                CertificateVerifier::tr("'%1' (depth %2) is signed with %3; SHA-256 or better is required")
                    .arg(describe(x))
                    .arg(depth)
                    .arg(QString::fromLatin1(sigNid != NID_undef ? OBJ_nid2ln(sigNid)
                                                                 : "an unknown algorithm")),
                serial);
        }
    }
    return std::nullopt;
}

std::optional<CaError> checkSubject(X509 *leaf, const CertificateVerifier::Input &in)
{
    const X509_NAME *subject = X509_get_subject_name(leaf);
    // The serial first: a certificate for another key says so, whatever else differs.
    for (const bool serialPass : { true, false }) {
        for (const CertificatePolicy::SubjectAttribute &a : in.policy.expectedSubject) {
            if (a.carriesSerial != serialPass)
                continue;
            const QByteArray oidText = a.oid.toLatin1();
            ASN1_OBJECT *type = OBJ_txt2obj(oidText.constData(), 1);
            const QStringList values = nameEntries(subject, type);
            char name[80] = {};
            if (type)
                OBJ_obj2txt(name, sizeof name, type, 0);
            ASN1_OBJECT_free(type);
            ERR_clear_error();
            const bool ok = a.value.isEmpty() ? values.isEmpty()
                                              : !values.isEmpty()
                    && std::all_of(values.begin(), values.end(),
                                   [&](const QString &v) { return v == a.value; });
            if (ok)
                continue;
            const QString got = values.isEmpty() ? CertificateVerifier::tr("none")
                                                 : u'\'' + values.join(QStringLiteral("', '")) + u'\'';
            const QString want
                = a.value.isEmpty() ? CertificateVerifier::tr("none") : u'\'' + a.value + u'\'';
            return fail(a.carriesSerial ? CaError::Code::SerialMismatch : CaError::Code::SubjectMismatch,
                        CertificateVerifier::tr("the subject's %1 is %2, the profile asks for %3")
                            .arg(QString::fromLatin1(name), got, want),
                        in.expectedSerial);
        }
    }
    return std::nullopt;
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
        return fail(
            CaError::Code::ValidityTooShort,
            // In days, as the profile says it (minValidityDays; remainingValidityForDays counts a started
            // day as a whole one, so rounding up gives the profile's number back).
            CertificateVerifier::tr("the certificate is valid only until %1 (%2 days left); the profile "
                                    "requires at least %3 days (minValidityDays)")
                .arg(notAfter.toString(Qt::ISODate))
                .arg(double(now.secsTo(notAfter)) / 86400.0, 0, 'f', 1)
                .arg((in.policy.minRemainingValidity.count() + 86399) / 86400),
            serial);
    return std::nullopt;
}

QString keyUsageNames(quint32 bits)
{
    static const std::pair<quint32, const char *> names[] = { { KU_DIGITAL_SIGNATURE, "digitalSignature" },
                                                              { KU_NON_REPUDIATION, "nonRepudiation" },
                                                              { KU_KEY_ENCIPHERMENT, "keyEncipherment" },
                                                              { KU_DATA_ENCIPHERMENT, "dataEncipherment" },
                                                              { KU_KEY_AGREEMENT, "keyAgreement" },
                                                              { KU_KEY_CERT_SIGN, "keyCertSign" },
                                                              { KU_CRL_SIGN, "cRLSign" },
                                                              { KU_ENCIPHER_ONLY, "encipherOnly" },
                                                              { KU_DECIPHER_ONLY, "decipherOnly" } };
    QStringList out;
    for (const auto &[bit, name] : names) {
        if (bits & bit)
            out << QLatin1String(name);
    }
    return out.isEmpty() ? CertificateVerifier::tr("none") : out.join(u',');
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
    const quint32 present = ku == UINT32_MAX ? 0 : ku;
    const quint32 missing = policy.requiredKeyUsage & ~present;
    const quint32 extra = present & ~policy.requiredKeyUsage;
    if (missing != 0 || (extra != 0 && !policy.allowExtraUsages))
        return fail(
            CaError::Code::KeyUsageMismatch,
            CertificateVerifier::tr("keyUsage is %1, the profile asks for %2%3")
                .arg(ku == UINT32_MAX ? CertificateVerifier::tr("absent") : keyUsageNames(present),
                     keyUsageNames(policy.requiredKeyUsage),
                     policy.allowExtraUsages ? QString() : CertificateVerifier::tr(" and nothing else")),
            serial);

    QStringList oids;
    int critical = 0;
    OpenSslPtr<EXTENDED_KEY_USAGE> eku(
        static_cast<EXTENDED_KEY_USAGE *>(X509_get_ext_d2i(leaf, NID_ext_key_usage, &critical, nullptr)));
    if (!eku && critical != -1) {
        ERR_clear_error();
        return fail(CaError::Code::ExtendedKeyUsageMismatch,
                    CertificateVerifier::tr("extendedKeyUsage cannot be read"), serial);
    }
    for (int i = 0; eku && i < sk_ASN1_OBJECT_num(eku.get()); ++i) {
        char buf[128] = {};
        OBJ_obj2txt(buf, sizeof buf, sk_ASN1_OBJECT_value(eku.get(), i), 1);
        oids << QString::fromLatin1(buf);
    }
    QStringList lacking;
    for (const QString &oid : policy.requiredExtendedKeyUsages) {
        if (!oids.contains(oid))
            lacking << oid;
    }
    QStringList unasked;
    for (const QString &oid : std::as_const(oids)) {
        if (!policy.requiredExtendedKeyUsages.contains(oid))
            unasked << oid;
    }
    const QString presentText = oids.isEmpty() ? CertificateVerifier::tr("none") : oids.join(u',');
    if (!lacking.isEmpty())
        return fail(CaError::Code::ExtendedKeyUsageMismatch,
                    CertificateVerifier::tr("extendedKeyUsage lacks %1 (present: %2)")
                        .arg(lacking.join(u','), presentText),
                    serial);
    if (!unasked.isEmpty() && !policy.allowExtraUsages)
        return fail(CaError::Code::ExtendedKeyUsageMismatch,
                    CertificateVerifier::tr(
                        "extendedKeyUsage has %1, which the profile did not ask for (present: %2)")
                        .arg(unasked.join(u','), presentText),
                    serial);
    return std::nullopt;
}

} // namespace

Result<CertificateVerifier::Verified> CertificateVerifier::verify(const Input &in)
{
    X509Ptr leaf = parseCertificateDer(in.leafDer);
    ERR_clear_error();
    if (!leaf)
        return fail(CaError::Code::NotParseable, tr("the certificate is not a parseable X.509 DER structure"),
                    in.expectedSerial);
    X509StackPtr chain;
    if (auto e = checkChain(leaf.get(), in, &chain))
        return *e;
    if (auto e = checkAlgorithms(chain.get(), in))
        return *e;
    if (in.expectedPublicKeyInfo.isEmpty() || subjectPublicKeyInfoDer(leaf.get()) != in.expectedPublicKeyInfo)
        return fail(CaError::Code::PublicKeyMismatch,
                    tr("the certificate's public key is not the key pair's public key"), in.expectedSerial);
    if (auto e = checkSubject(leaf.get(), in))
        return *e;
    Verified v;
    v.notBefore = asn1TimeToUtc(X509_get0_notBefore(leaf.get()));
    v.notAfter = asn1TimeToUtc(X509_get0_notAfter(leaf.get()));
    if (auto e = checkValidity(v.notBefore, v.notAfter, in))
        return *e;
    if (auto e = checkUsages(leaf.get(), in))
        return *e;
    v.subject = nameEntries(X509_get_subject_name(leaf.get()), NID_commonName).join(u',');
    v.serialNumberHex = serialHex(leaf.get());
    return v;
}

} // namespace ks::ca
