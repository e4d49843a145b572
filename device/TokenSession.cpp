#include "device/TokenSession.h"

#include "device/CertificateBuilder.h"
#include "device/CsrBuilder.h"
#include "device/DeviceLog.h"
#include "device/Pkcs11Module.h"
#include "device/Pkcs11Util.h"
#include "device/TokenPublicKey.h"
#include "device/VendorQuirks.h"

#include <QCryptographicHash>

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace ks::device {

namespace {

constexpr CK_BBOOL kTrue = CK_TRUE;
constexpr CK_BBOOL kFalse = CK_FALSE;

// OIDs of the curves we generate, DER-encoded as CKA_EC_PARAMS wants them (namedCurve, RFC 5480 §2.1.1.1).
const QByteArray kP256Params = QByteArray::fromHex("06082a8648ce3d030107");
const QByteArray kP384Params = QByteArray::fromHex("06052b81040022");

// DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1), for keys that only offer raw CKM_RSA_PKCS.
const QByteArray kSha256DigestInfo = QByteArray::fromHex("3031300d060960864801650304020105000420");

CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const void *value, size_t size)
{
    return CK_ATTRIBUTE { type, const_cast<void *>(value), static_cast<CK_ULONG>(size) };
}

CK_ATTRIBUTE attr(CK_ATTRIBUTE_TYPE type, const QByteArray &value)
{
    return attr(type, value.constData(), static_cast<size_t>(value.size()));
}

} // namespace

class TokenSession::Private
{
public:
    std::shared_ptr<Pkcs11Module> module;
    CK_FUNCTION_LIST *f = nullptr;
    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    unsigned long slotId = 0;
    QString serial;
    Quirks quirks;
    int sha256RsaSupported = -1; // unknown until first asked

    DeviceError fail(const char *call, CK_RV rv) const
    {
        return DeviceError::fromCkr(QLatin1String(call), rv, serial);
    }
    DeviceError error(DeviceError::Code code, const QString &message, const char *call = "") const
    {
        return DeviceError::make(code, message, serial, QLatin1String(call));
    }

    // Every object matching the template. Bounded: a key listing more than p11::kMaxFoundObjects objects, or
    // answering more handles than asked for, is refused (a malformed answer fails that key only).
    Result<std::vector<CK_OBJECT_HANDLE>> find(std::vector<CK_ATTRIBUTE> tmpl)
    {
        CK_RV rv = f->C_FindObjectsInit(session, tmpl.data(), static_cast<CK_ULONG>(tmpl.size()));
        if (rv != CKR_OK)
            return fail("C_FindObjectsInit", rv);
        std::vector<CK_OBJECT_HANDLE> out;
        constexpr CK_ULONG kBatch = 32;
        CK_OBJECT_HANDLE batch[kBatch];
        for (;;) {
            CK_ULONG count = 0;
            rv = f->C_FindObjects(session, batch, kBatch, &count);
            if (rv != CKR_OK) {
                f->C_FindObjectsFinal(session);
                return fail("C_FindObjects", rv);
            }
            if (count > kBatch || out.size() + count > p11::kMaxFoundObjects) {
                f->C_FindObjectsFinal(session);
                return error(DeviceError::Code::Pkcs11,
                             TokenSession::tr("The key listed more objects than it can hold (over %1); its "
                                              "answer is not used.")
                                 .arg(p11::kMaxFoundObjects),
                             "C_FindObjects");
            }
            out.insert(out.end(), batch, batch + count);
            if (count < kBatch)
                break;
        }
        rv = f->C_FindObjectsFinal(session);
        if (rv != CKR_OK)
            return fail("C_FindObjectsFinal", rv);
        return out;
    }

    DeviceError malformedLength(CK_ULONG length) const
    {
        return error(DeviceError::Code::Pkcs11,
                     TokenSession::tr("The key answered an attribute length of %1 bytes (at most %2 are "
                                      "expected); its answer is not used.")
                         .arg(static_cast<qulonglong>(length))
                         .arg(static_cast<qulonglong>(p11::kMaxAttributeLength)),
                     "C_GetAttributeValue");
    }

    // Attribute value, or an empty array when the object does not have it. A fresh template for each of the
    // two calls; a length over p11::kMaxAttributeLength, or a second answer longer than the buffer, is
    // refused.
    Result<QByteArray> attribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type)
    {
        CK_ATTRIBUTE a { type, nullptr, 0 };
        CK_RV rv = f->C_GetAttributeValue(session, object, &a, 1);
        if (rv == CKR_ATTRIBUTE_TYPE_INVALID || rv == CKR_ATTRIBUTE_SENSITIVE
            || a.ulValueLen == CK_UNAVAILABLE_INFORMATION)
            return QByteArray();
        if (rv != CKR_OK)
            return fail("C_GetAttributeValue", rv);
        if (a.ulValueLen > p11::kMaxAttributeLength)
            return malformedLength(a.ulValueLen);
        const CK_ULONG size = a.ulValueLen;
        QByteArray value(static_cast<qsizetype>(size), '\0');
        a = CK_ATTRIBUTE { type, value.data(), size };
        rv = f->C_GetAttributeValue(session, object, &a, 1);
        if (rv != CKR_OK)
            return fail("C_GetAttributeValue", rv);
        if (a.ulValueLen > size)
            return malformedLength(a.ulValueLen);
        value.resize(static_cast<qsizetype>(a.ulValueLen));
        return value;
    }

    // CK_BBOOL attributes in one call (one chip round trip); nullopt for each the key does not report.
    Result<std::vector<std::optional<bool>>> boolAttributes(CK_OBJECT_HANDLE object,
                                                            const std::vector<CK_ATTRIBUTE_TYPE> &types)
    {
        std::vector<CK_BBOOL> values(types.size(), CK_FALSE);
        std::vector<CK_ATTRIBUTE> tmpl;
        for (size_t i = 0; i < types.size(); ++i)
            tmpl.push_back(CK_ATTRIBUTE { types[i], &values[i], sizeof(CK_BBOOL) });
        const CK_RV rv
            = f->C_GetAttributeValue(session, object, tmpl.data(), static_cast<CK_ULONG>(tmpl.size()));
        // PKCS#11 §5.7: with TYPE_INVALID or SENSITIVE the other attributes are still filled in, and the
        // missing ones say CK_UNAVAILABLE_INFORMATION.
        if (rv != CKR_OK && rv != CKR_ATTRIBUTE_TYPE_INVALID && rv != CKR_ATTRIBUTE_SENSITIVE)
            return fail("C_GetAttributeValue", rv);
        std::vector<std::optional<bool>> out;
        for (size_t i = 0; i < types.size(); ++i) {
            if (tmpl[i].ulValueLen == sizeof(CK_BBOOL))
                out.push_back(values[i] != CK_FALSE);
            else
                out.push_back(std::nullopt);
        }
        return out;
    }

    // Provenance of a private key (KeyPairInfo::local etc.).
    Result<void> readProvenance(CK_OBJECT_HANDLE privateKey, KeyPairInfo &pair)
    {
        auto flags = boolAttributes(
            privateKey,
            { CKA_LOCAL, CKA_NEVER_EXTRACTABLE, CKA_ALWAYS_SENSITIVE, CKA_EXTRACTABLE, CKA_DECRYPT });
        if (!flags)
            return flags.error();
        pair.local = (*flags)[0];
        pair.neverExtractable = (*flags)[1];
        pair.alwaysSensitive = (*flags)[2];
        pair.extractable = (*flags)[3];
        pair.decrypt = (*flags)[4];
        return {};
    }

    Result<CK_ULONG> ulongAttribute(CK_OBJECT_HANDLE object, CK_ATTRIBUTE_TYPE type)
    {
        auto value = attribute(object, type);
        if (!value)
            return value.error();
        if (value->size() != static_cast<qsizetype>(sizeof(CK_ULONG)))
            return error(DeviceError::Code::Pkcs11,
                         TokenSession::tr("The key returned a malformed attribute."), "C_GetAttributeValue");
        CK_ULONG out = 0;
        memcpy(&out, value->constData(), sizeof out);
        return out;
    }

    Result<CK_OBJECT_HANDLE> findOne(CK_OBJECT_CLASS cls, const QByteArray &id)
    {
        auto found = find({ attr(CKA_CLASS, &cls, sizeof cls), attr(CKA_ID, id) });
        if (!found)
            return found.error();
        if (found->empty())
            return error(
                DeviceError::Code::NoSuchObject,
                TokenSession::tr("No object with id %1 on the key.").arg(QString::fromLatin1(id.toHex())));
        return found->front();
    }

    // Public key of the key pair with this id, as an EVP_PKEY built from the token's attributes.
    // A key object's CKA_ID, label and type, and the public key of that CKA_ID when the key shows one
    // (private and public key objects alike; provenance is the caller's).
    Result<KeyPairInfo> keyObject(CK_OBJECT_HANDLE handle)
    {
        auto id = attribute(handle, CKA_ID);
        auto label = attribute(handle, CKA_LABEL);
        auto type = ulongAttribute(handle, CKA_KEY_TYPE);
        if (!id)
            return id.error();
        if (!label)
            return label.error();
        if (!type)
            return type.error();
        KeyPairInfo key;
        key.id = *id;
        key.label = QString::fromUtf8(*label);
        key.rsa = *type == CKK_RSA;
        if (auto value = publicKey(key.id)) {
            key.bits = EVP_PKEY_get_bits(value->get());
            key.publicKey = CsrBuilder::publicKeyToDer(value->get());
        }
        return key;
    }

    Result<EvpPkeyPtr> publicKey(const QByteArray &id)
    {
        auto pub = findOne(CKO_PUBLIC_KEY, id);
        CK_OBJECT_HANDLE object = CK_INVALID_HANDLE;
        if (pub) {
            object = *pub;
        } else {
            // Some cards keep no public key object; RSA private keys still show modulus and exponent.
            auto priv = findOne(CKO_PRIVATE_KEY, id);
            if (!priv)
                return priv.error();
            object = *priv;
        }
        auto type = ulongAttribute(object, CKA_KEY_TYPE);
        if (!type)
            return type.error();
        if (*type == CKK_RSA) {
            auto n = attribute(object, CKA_MODULUS);
            auto e = attribute(object, CKA_PUBLIC_EXPONENT);
            if (!n)
                return n.error();
            if (!e)
                return e.error();
            auto key = TokenPublicKey::rsa(*n, *e);
            if (!key)
                return error(DeviceError::Code::Crypto,
                             TokenSession::tr("The key's RSA public key is malformed."));
            return key;
        }
        if (*type == CKK_EC) {
            auto params = attribute(object, CKA_EC_PARAMS);
            auto point = attribute(object, CKA_EC_POINT);
            if (!params)
                return params.error();
            if (!point)
                return point.error();
            auto key = TokenPublicKey::ec(*params, *point);
            if (!key)
                return error(DeviceError::Code::Crypto,
                             TokenSession::tr("The key's EC public key is malformed."));
            return key;
        }
        return error(DeviceError::Code::Unsupported, TokenSession::tr("Unsupported key type %1.").arg(*type));
    }

    bool mechanismSupported(CK_MECHANISM_TYPE mechanism)
    {
        CK_MECHANISM_INFO info {};
        return f->C_GetMechanismInfo(slotId, mechanism, &info) == CKR_OK && (info.flags & CKF_SIGN);
    }

    Result<QByteArray> sign(CK_OBJECT_HANDLE key, CK_MECHANISM_TYPE mechanismType, const QByteArray &data)
    {
        CK_MECHANISM mechanism { mechanismType, nullptr, 0 };
        CK_RV rv = f->C_SignInit(session, &mechanism, key);
        if (rv != CKR_OK)
            return fail("C_SignInit", rv);
        // One C_Sign with a buffer large enough for RSA-4096 / P-521: a size query would cost a second chip
        // round trip on real keys.
        QByteArray out(1024, '\0');
        CK_ULONG len = static_cast<CK_ULONG>(out.size());
        QByteArray in = data;
        rv = f->C_Sign(session, reinterpret_cast<CK_BYTE_PTR>(in.data()), static_cast<CK_ULONG>(in.size()),
                       reinterpret_cast<CK_BYTE_PTR>(out.data()), &len);
        if (rv != CKR_OK)
            return fail("C_Sign", rv);
        if (len > static_cast<CK_ULONG>(out.size()))
            return error(
                DeviceError::Code::Pkcs11,
                TokenSession::tr("The key answered a signature longer than the buffer it was given."),
                "C_Sign");
        out.resize(static_cast<qsizetype>(len));
        return out;
    }
};

TokenSession::TokenSession(std::unique_ptr<Private> p)
    : d(std::move(p))
{ }

TokenSession::~TokenSession()
{
    if (d && d->session != CK_INVALID_HANDLE)
        d->f->C_CloseSession(d->session);
}

Result<std::unique_ptr<TokenSession>> TokenSession::open(std::shared_ptr<Pkcs11Module> module,
                                                         const QString &serial)
{
    auto token = module->findToken(serial);
    if (!token)
        return token.error();
    auto p = std::make_unique<Private>();
    p->module = module;
    p->f = module->functions();
    p->slotId = token->slotId;
    p->serial = serial;
    p->quirks = Quirks::forToken(*token);
    CK_RV rv = p->f->C_OpenSession(token->slotId, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr,
                                   &p->session);
    if (rv != CKR_OK)
        return p->fail("C_OpenSession", rv);
    std::unique_ptr<TokenSession> session(new TokenSession(std::move(p)));
    // The slot may have been re-used by another key between the lookup and the open.
    auto now = session->refreshTokenInfo();
    if (!now)
        return now.error();
    if (now->serial != serial)
        return DeviceError::make(DeviceError::Code::TokenMismatch,
                                 tr("Slot %1 now holds key %2.").arg(token->slotId).arg(now->serial), serial);
    return session;
}

Result<TokenInfo> TokenSession::refreshTokenInfo()
{
    // C_GetSlotList(TRUE) looks at the readers now; OpenSC answers C_GetSlotInfo from a state up to a second
    // old, so a card pulled a moment ago would still look present.
    if (auto present = d->module->slotIds(true); present && !present->contains(d->slotId))
        return d->error(DeviceError::Code::TokenAbsent, tr("The key is not present."), "C_GetSlotList");
    auto info = d->module->tokenInfo(d->slotId);
    if (!info) {
        auto e = info.error();
        e.serial = d->serial;
        return e;
    }
    m_token = *info;
    return *info;
}

Result<void> TokenSession::login(const QByteArray &pin, const LoginPolicy &policy)
{
    auto info = refreshTokenInfo();
    if (!info)
        return info.error();
    if (info->pinLocked)
        return d->error(DeviceError::Code::PinLocked,
                        tr("The key's PIN is locked; it needs its unblock code."));
    if (info->pinFinalTry)
        return d->error(DeviceError::Code::PinFinalTry,
                        tr("The key has one PIN try left; not trying, so it is not locked by accident."));
    if (info->pinCountLow && policy.refuseWhenCountLow)
        return d->error(DeviceError::Code::PinCountLow,
                        tr("The key has seen wrong PINs; not trying again until someone checks it."));
    QByteArray copy = pin;
    const CK_RV rv
        = d->f->C_Login(d->session, CKU_USER, p11::bytes(copy), static_cast<CK_ULONG>(copy.size()));
    OPENSSL_cleanse(copy.data(), static_cast<size_t>(copy.size()));
    if (rv == CKR_OK || rv == CKR_USER_ALREADY_LOGGED_IN)
        return {};
    return d->fail("C_Login", rv);
}

Result<void> TokenSession::logout()
{
    const CK_RV rv = d->f->C_Logout(d->session);
    if (rv != CKR_OK && rv != CKR_USER_NOT_LOGGED_IN)
        return d->fail("C_Logout", rv);
    return {};
}

Result<void> TokenSession::changePin(const QByteArray &oldPin, const QByteArray &newPin)
{
    QByteArray o = oldPin;
    QByteArray n = newPin;
    const CK_RV rv = d->f->C_SetPIN(d->session, p11::bytes(o), static_cast<CK_ULONG>(o.size()), p11::bytes(n),
                                    static_cast<CK_ULONG>(n.size()));
    OPENSSL_cleanse(o.data(), static_cast<size_t>(o.size()));
    OPENSSL_cleanse(n.data(), static_cast<size_t>(n.size()));
    if (rv != CKR_OK)
        return d->fail("C_SetPIN", rv);
    return {};
}

Result<QList<CertificateObject>> TokenSession::certificates()
{
    const CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    auto handles = d->find({ attr(CKA_CLASS, &cls, sizeof cls) });
    if (!handles)
        return handles.error();
    QList<CertificateObject> out;
    for (auto handle : *handles) {
        CertificateObject cert;
        auto id = d->attribute(handle, CKA_ID);
        auto label = d->attribute(handle, CKA_LABEL);
        auto value = d->attribute(handle, CKA_VALUE);
        if (!id)
            return id.error();
        if (!label)
            return label.error();
        if (!value)
            return value.error();
        cert.id = *id;
        cert.label = QString::fromUtf8(*label);
        cert.der = *value;
        out << cert;
    }
    return out;
}

Result<QList<KeyPairInfo>> TokenSession::keyPairs()
{
    const CK_OBJECT_CLASS cls = CKO_PRIVATE_KEY;
    auto handles = d->find({ attr(CKA_CLASS, &cls, sizeof cls) });
    if (!handles)
        return handles.error();
    auto certs = certificates();
    if (!certs)
        return certs.error();
    QList<KeyPairInfo> out;
    for (auto handle : *handles) {
        auto read = d->keyObject(handle);
        if (!read)
            return read.error();
        KeyPairInfo pair = *read;
        for (const auto &cert : *certs)
            pair.hasCertificate = pair.hasCertificate || (!pair.id.isEmpty() && cert.id == pair.id);
        if (auto provenance = d->readProvenance(handle, pair); !provenance)
            return provenance.error();
        out << pair;
    }
    for (auto &pair : out)
        pair.idShared = std::count_if(out.cbegin(), out.cend(),
                                      [&](const KeyPairInfo &other) { return other.id == pair.id; })
            > 1;
    return out;
}

Result<QList<KeyPairInfo>> TokenSession::publicKeys()
{
    const CK_OBJECT_CLASS cls = CKO_PUBLIC_KEY;
    auto handles = d->find({ attr(CKA_CLASS, &cls, sizeof cls) });
    if (!handles)
        return handles.error();
    QList<KeyPairInfo> out;
    for (auto handle : *handles) {
        auto key = d->keyObject(handle);
        if (!key)
            return key.error();
        out << *key;
    }
    return out;
}

Result<QList<KeyPairInfo>> TokenSession::freeKeyPairs()
{
    auto pairs = keyPairs();
    if (!pairs)
        return pairs.error();
    QList<KeyPairInfo> out;
    for (const auto &pair : *pairs) {
        if (!pair.hasCertificate && !pair.id.isEmpty() && !pair.publicKey.isEmpty())
            out << pair;
    }
    return out;
}

Result<KeyPairInfo> TokenSession::generateKeyPair(KeyAlgorithm algorithm, const QString &label, QByteArray id)
{
    if (id.isEmpty()) {
        id.resize(16);
        if (RAND_bytes(reinterpret_cast<unsigned char *>(id.data()), 16) != 1)
            return d->error(DeviceError::Code::Crypto, tr("No random bytes for the key id."));
    }
    const QByteArray labelUtf8 = label.toUtf8();
    const bool rsa = KeyAlgorithms::isRsa(algorithm);
    const CK_ULONG bits = static_cast<CK_ULONG>(KeyAlgorithms::rsaBits(algorithm));
    const QByteArray exponent = QByteArray::fromHex("010001");
    const QByteArray &ecParams = algorithm == KeyAlgorithm::EcP384 ? kP384Params : kP256Params;
    const CK_OBJECT_CLASS pubClass = CKO_PUBLIC_KEY;
    const CK_OBJECT_CLASS privClass = CKO_PRIVATE_KEY;
    const CK_KEY_TYPE keyType = rsa ? CKK_RSA : CKK_EC;

    std::vector<CK_ATTRIBUTE> pub = {
        attr(CKA_CLASS, &pubClass, sizeof pubClass),
        attr(CKA_KEY_TYPE, &keyType, sizeof keyType),
        attr(CKA_TOKEN, &kTrue, 1),
        attr(CKA_PRIVATE, &kFalse, 1),
        attr(CKA_VERIFY, &kTrue, 1),
        attr(CKA_ID, id),
        attr(CKA_LABEL, labelUtf8),
    };
    if (rsa) {
        pub.push_back(attr(CKA_MODULUS_BITS, &bits, sizeof bits));
        pub.push_back(attr(CKA_PUBLIC_EXPONENT, exponent));
        pub.push_back(attr(CKA_ENCRYPT, &kTrue, 1));
    } else {
        pub.push_back(attr(CKA_EC_PARAMS, ecParams));
    }
    // The private key never leaves the key: sensitive and not extractable.
    std::vector<CK_ATTRIBUTE> priv = {
        attr(CKA_CLASS, &privClass, sizeof privClass),
        attr(CKA_KEY_TYPE, &keyType, sizeof keyType),
        attr(CKA_TOKEN, &kTrue, 1),
        attr(CKA_PRIVATE, &kTrue, 1),
        attr(CKA_SENSITIVE, &kTrue, 1),
        attr(CKA_EXTRACTABLE, &kFalse, 1),
        attr(CKA_SIGN, &kTrue, 1),
        attr(CKA_ID, id),
        attr(CKA_LABEL, labelUtf8),
    };
    if (rsa)
        priv.push_back(attr(CKA_DECRYPT, &kTrue, 1));

    CK_MECHANISM mechanism { rsa ? CKM_RSA_PKCS_KEY_PAIR_GEN : CKM_EC_KEY_PAIR_GEN, nullptr, 0 };
    CK_OBJECT_HANDLE pubHandle = CK_INVALID_HANDLE;
    CK_OBJECT_HANDLE privHandle = CK_INVALID_HANDLE;
    const CK_RV rv
        = d->f->C_GenerateKeyPair(d->session, &mechanism, pub.data(), static_cast<CK_ULONG>(pub.size()),
                                  priv.data(), static_cast<CK_ULONG>(priv.size()), &pubHandle, &privHandle);
    if (rv != CKR_OK)
        return d->fail("C_GenerateKeyPair", rv);

    // Read the id back: some cards assign their own (OpenSC without a CKA_ID in the template:
    // docs/hardware.md).
    auto actualId = d->attribute(privHandle, CKA_ID);
    if (!actualId)
        return actualId.error();
    if (*actualId != id)
        qCInfo(lcDevice) << "key" << d->serial << "assigned its own CKA_ID" << actualId->toHex();
    auto key = d->publicKey(*actualId);
    if (!key)
        return key.error();
    KeyPairInfo info;
    info.id = *actualId;
    info.label = label;
    info.rsa = rsa;
    info.bits = EVP_PKEY_get_bits(key->get());
    info.publicKey = CsrBuilder::publicKeyToDer(key->get());
    if (auto provenance = d->readProvenance(privHandle, info); !provenance)
        return provenance.error();
    return info;
}

Result<QByteArray> TokenSession::signData(const QByteArray &keyId, const QByteArray &data)
{
    auto priv = d->findOne(CKO_PRIVATE_KEY, keyId);
    if (!priv)
        return priv.error();
    auto type = d->ulongAttribute(*priv, CKA_KEY_TYPE);
    if (!type)
        return type.error();
    if (*type == CKK_RSA) {
        if (d->sha256RsaSupported < 0)
            d->sha256RsaSupported = d->mechanismSupported(CKM_SHA256_RSA_PKCS);
        if (d->sha256RsaSupported)
            return d->sign(*priv, CKM_SHA256_RSA_PKCS, data);
        const QByteArray digestInfo
            = kSha256DigestInfo + QCryptographicHash::hash(data, QCryptographicHash::Sha256);
        return d->sign(*priv, CKM_RSA_PKCS, digestInfo);
    }
    if (*type == CKK_EC) {
        auto key = d->publicKey(keyId);
        if (!key)
            return key.error();
        const bool p256 = EVP_PKEY_get_bits(key->get()) <= 256;
        const QByteArray digest
            = QCryptographicHash::hash(data, p256 ? QCryptographicHash::Sha256 : QCryptographicHash::Sha384);
        auto raw = d->sign(*priv, CKM_ECDSA, digest);
        if (!raw)
            return raw.error();
        QByteArray der = CsrBuilder::ecdsaRawToDer(*raw);
        if (der.isEmpty())
            return d->error(DeviceError::Code::Crypto, tr("The key returned a malformed ECDSA signature."),
                            "C_Sign");
        return der;
    }
    return d->error(DeviceError::Code::Unsupported, tr("Unsupported key type %1.").arg(*type));
}

Result<QByteArray> TokenSession::signSha256Digest(const QByteArray &keyId, const QByteArray &digest)
{
    if (digest.size() != 32)
        return d->error(DeviceError::Code::InvalidArgument,
                        tr("A SHA-256 digest is 32 bytes, not %1.").arg(digest.size()), "C_Sign");
    auto priv = d->findOne(CKO_PRIVATE_KEY, keyId);
    if (!priv)
        return priv.error();
    auto type = d->ulongAttribute(*priv, CKA_KEY_TYPE);
    if (!type)
        return type.error();
    if (*type == CKK_RSA)
        return d->sign(*priv, CKM_RSA_PKCS, kSha256DigestInfo + digest);
    if (*type == CKK_EC) {
        auto raw = d->sign(*priv, CKM_ECDSA, digest);
        if (!raw)
            return raw.error();
        QByteArray der = CsrBuilder::ecdsaRawToDer(*raw);
        if (der.isEmpty())
            return d->error(DeviceError::Code::Crypto, tr("The key returned a malformed ECDSA signature."),
                            "C_Sign");
        return der;
    }
    return d->error(DeviceError::Code::Unsupported, tr("Unsupported key type %1.").arg(*type));
}

Result<QByteArray> TokenSession::decrypt(const QByteArray &keyId, const QByteArray &ciphertext)
{
    auto priv = d->findOne(CKO_PRIVATE_KEY, keyId);
    if (!priv)
        return priv.error();
    auto type = d->ulongAttribute(*priv, CKA_KEY_TYPE);
    if (!type)
        return type.error();
    if (*type != CKK_RSA)
        return d->error(
            DeviceError::Code::Unsupported,
            tr("Key pair %1 is not RSA: only RSA keys decrypt a key-transport block (PKCS#1 v1.5).")
                .arg(QString::fromLatin1(keyId.toHex())),
            "C_DecryptInit");
    auto allowed = d->boolAttributes(*priv, { CKA_DECRYPT });
    if (!allowed)
        return allowed.error();
    if ((*allowed)[0] == false)
        return d->error(DeviceError::Code::Unsupported,
                        tr("The private key of key pair %1 may not decrypt (CKA_DECRYPT false).")
                            .arg(QString::fromLatin1(keyId.toHex())),
                        "C_DecryptInit");
    // RSA-4096 at most: the ciphertext is one modulus long, and so is the buffer for the plaintext.
    constexpr qsizetype kMaxModulusBytes = 512;
    if (ciphertext.isEmpty() || ciphertext.size() > kMaxModulusBytes)
        return d->error(DeviceError::Code::InvalidArgument,
                        tr("A ciphertext of %1 bytes is not an RSA block.").arg(ciphertext.size()),
                        "C_Decrypt");
    CK_MECHANISM mechanism { CKM_RSA_PKCS, nullptr, 0 };
    CK_RV rv = d->f->C_DecryptInit(d->session, &mechanism, *priv);
    if (rv != CKR_OK)
        return d->fail("C_DecryptInit", rv);
    QByteArray in = ciphertext;
    QByteArray out(kMaxModulusBytes, '\0');
    CK_ULONG len = static_cast<CK_ULONG>(out.size());
    rv = d->f->C_Decrypt(d->session, reinterpret_cast<CK_BYTE_PTR>(in.data()),
                         static_cast<CK_ULONG>(in.size()), reinterpret_cast<CK_BYTE_PTR>(out.data()), &len);
    if (rv != CKR_OK) {
        OPENSSL_cleanse(out.data(), static_cast<size_t>(out.size()));
        return d->fail("C_Decrypt", rv);
    }
    if (len > static_cast<CK_ULONG>(out.size())) {
        OPENSSL_cleanse(out.data(), static_cast<size_t>(out.size()));
        return d->error(DeviceError::Code::Pkcs11,
                        tr("The key answered a plaintext longer than the buffer it was given."), "C_Decrypt");
    }
    QByteArray plain = out.left(static_cast<qsizetype>(len));
    OPENSSL_cleanse(out.data(), static_cast<size_t>(out.size()));
    return plain;
}

Result<QByteArray> TokenSession::selfSignedCertificate(const QByteArray &keyId, const CsrRequest &request,
                                                       int validityDays)
{
    auto key = d->publicKey(keyId);
    if (!key)
        return key.error();
    auto algorithm = CsrBuilder::SignatureAlgorithm::Sha256WithRsa;
    if (EVP_PKEY_get_base_id(key->get()) == EVP_PKEY_EC)
        algorithm = EVP_PKEY_get_bits(key->get()) <= 256 ? CsrBuilder::SignatureAlgorithm::EcdsaWithSha256
                                                         : CsrBuilder::SignatureAlgorithm::EcdsaWithSha384;
    if (validityDays < 1)
        return d->error(DeviceError::Code::InvalidArgument,
                        tr("A certificate must be valid for at least one day."));
    // From an hour ago: a CA whose clock is a little behind still sees a valid certificate.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto builder = CertificateBuilder::create(key->get(), request, algorithm, now.addSecs(-3600),
                                              now.addDays(validityDays));
    if (!builder) {
        auto e = builder.error();
        e.serial = d->serial;
        return e;
    }
    auto signature = signData(keyId, builder->toBeSigned());
    if (!signature)
        return signature.error();
    auto cert = builder->finish(*signature);
    if (!cert) {
        auto e = cert.error();
        e.serial = d->serial;
        return e;
    }
    return cert;
}

Result<QByteArray> TokenSession::signCsr(const QByteArray &keyId, const CsrRequest &request)
{
    auto key = d->publicKey(keyId);
    if (!key)
        return key.error();
    auto builder = CsrBuilder::create(key->get(), request);
    if (!builder) {
        auto e = builder.error();
        e.serial = d->serial;
        return e;
    }
    auto signature = signData(keyId, builder->toBeSigned());
    if (!signature)
        return signature.error();
    auto algorithm = CsrBuilder::SignatureAlgorithm::Sha256WithRsa;
    if (EVP_PKEY_get_base_id(key->get()) == EVP_PKEY_EC)
        algorithm = EVP_PKEY_get_bits(key->get()) <= 256 ? CsrBuilder::SignatureAlgorithm::EcdsaWithSha256
                                                         : CsrBuilder::SignatureAlgorithm::EcdsaWithSha384;
    auto csr = builder->finish(algorithm, *signature);
    if (!csr) {
        auto e = csr.error();
        e.serial = d->serial;
        return e;
    }
    return csr;
}

Result<CertificateObject> TokenSession::writeCertificate(const QByteArray &keyId, const QByteArray &der,
                                                         const QString &label)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert)
        return d->error(DeviceError::Code::InvalidArgument, tr("Not a DER X.509 certificate."));
    auto key = d->publicKey(keyId);
    if (!key)
        return key.error();
    if (EVP_PKEY_eq(X509_get0_pubkey(cert.get()), key->get()) != 1)
        return d->error(DeviceError::Code::InvalidArgument,
                        tr("The certificate is not for this key pair; nothing was written."));
    const CK_OBJECT_CLASS cls = CKO_CERTIFICATE;
    auto existing = d->find({ attr(CKA_CLASS, &cls, sizeof cls), attr(CKA_ID, keyId) });
    if (!existing)
        return existing.error();
    if (!existing->empty())
        return d->error(DeviceError::Code::AlreadyExists,
                        tr("The key already holds a certificate for this key pair; it is not overwritten."));

    auto encode = [](auto *object, auto i2d) {
        unsigned char *out = nullptr;
        const int len = i2d(object, &out);
        QByteArray bytes = len > 0 ? QByteArray(reinterpret_cast<const char *>(out), len) : QByteArray();
        OPENSSL_free(out);
        return bytes;
    };
    const QByteArray subject = encode(X509_get_subject_name(cert.get()), i2d_X509_NAME);
    const QByteArray issuer = encode(X509_get_issuer_name(cert.get()), i2d_X509_NAME);
    const QByteArray serialNumber = encode(X509_get0_serialNumber(cert.get()), i2d_ASN1_INTEGER);
    const QByteArray labelUtf8 = label.toUtf8();
    const CK_CERTIFICATE_TYPE certType = CKC_X_509;
    std::vector<CK_ATTRIBUTE> tmpl = {
        attr(CKA_CLASS, &cls, sizeof cls),
        attr(CKA_CERTIFICATE_TYPE, &certType, sizeof certType),
        attr(CKA_TOKEN, &kTrue, 1),
        attr(CKA_PRIVATE, &kFalse, 1),
        attr(CKA_ID, keyId),
        attr(CKA_LABEL, labelUtf8),
        attr(CKA_SUBJECT, subject),
        attr(CKA_ISSUER, issuer),
        attr(CKA_SERIAL_NUMBER, serialNumber),
        attr(CKA_VALUE, der),
    };
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    const CK_RV rv
        = d->f->C_CreateObject(d->session, tmpl.data(), static_cast<CK_ULONG>(tmpl.size()), &handle);
    if (rv != CKR_OK)
        return d->fail("C_CreateObject", rv);

    // Read back what the key stored, by CKA_ID, as a later reader would find it.
    auto stored = d->findOne(CKO_CERTIFICATE, keyId);
    if (!stored)
        return stored.error();
    auto value = d->attribute(*stored, CKA_VALUE);
    if (!value)
        return value.error();
    if (*value != der)
        return d->error(DeviceError::Code::ReadBackMismatch,
                        tr("The certificate read back from the key differs from the one written."));
    return CertificateObject { keyId, label, *value };
}

Result<void> TokenSession::deleteCertificate(const QByteArray &keyId)
{
    auto handle = d->findOne(CKO_CERTIFICATE, keyId);
    if (!handle)
        return handle.error();
    const CK_RV rv = d->f->C_DestroyObject(d->session, *handle);
    if (rv != CKR_OK)
        return d->fail("C_DestroyObject", rv);
    return {};
}

} // namespace ks::device
