#pragma once

// A key pair put on a key from outside, as anyone holding its user PIN could: made by OpenSSL, then stored
// with C_CreateObject. Header-only (the tests that use it link the device layer, which brings p11-kit's
// pkcs11.h).

#include <QByteArray>
#include <QString>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <p11-kit/pkcs11.h>

#include <vector>

namespace ks::test {

struct ImportedKeyPair
{
    QByteArray publicKeyDer; // SubjectPublicKeyInfo; empty when the import failed
    QString error;
};

// Imports a fresh EC P-256 key pair under CKA_ID `id` into the token in `slot`, logging in with `pin`. The
// private key is marked sensitive and not extractable (it looks like a generated one); only what the token
// records about its origin (CKA_LOCAL, CKA_ALWAYS_SENSITIVE, CKA_NEVER_EXTRACTABLE) can tell.
inline ImportedKeyPair importEcKeyPair(CK_FUNCTION_LIST *f, CK_SLOT_ID slot, const QByteArray &pin,
                                       const QByteArray &id)
{
    ImportedKeyPair out;
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!key) {
        out.error = QStringLiteral("EC key generation failed");
        return out;
    }
    BIGNUM *priv = nullptr;
    unsigned char point[133];
    size_t pointLen = 0;
    EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &priv);
    EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &pointLen);
    QByteArray scalar(32, '\0');
    if (!priv || BN_bn2binpad(priv, reinterpret_cast<unsigned char *>(scalar.data()), 32) != 32
        || pointLen == 0) {
        BN_clear_free(priv);
        EVP_PKEY_free(key);
        out.error = QStringLiteral("cannot read the EC key");
        return out;
    }
    BN_clear_free(priv);
    unsigned char *spki = nullptr;
    const int spkiLen = i2d_PUBKEY(key, &spki);
    const QByteArray publicKeyDer(reinterpret_cast<const char *>(spki), spkiLen);
    OPENSSL_free(spki);
    EVP_PKEY_free(key);

    // CKA_EC_POINT is the DER OCTET STRING of the uncompressed point.
    QByteArray ecPoint;
    ecPoint.append(char(0x04)).append(char(pointLen));
    ecPoint.append(reinterpret_cast<const char *>(point), static_cast<qsizetype>(pointLen));
    QByteArray ecParams = QByteArray::fromHex("06082a8648ce3d030107"); // prime256v1
    QByteArray label("imported");
    QByteArray idCopy = id;

    CK_SESSION_HANDLE session = CK_INVALID_HANDLE;
    CK_RV rv = f->C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, nullptr, nullptr, &session);
    if (rv != CKR_OK) {
        out.error = QStringLiteral("C_OpenSession: 0x%1").arg(rv, 0, 16);
        return out;
    }
    QByteArray pinCopy = pin;
    rv = f->C_Login(session, CKU_USER, reinterpret_cast<CK_UTF8CHAR_PTR>(pinCopy.data()),
                    static_cast<CK_ULONG>(pinCopy.size()));
    if (rv != CKR_OK && rv != CKR_USER_ALREADY_LOGGED_IN) {
        f->C_CloseSession(session);
        out.error = QStringLiteral("C_Login: 0x%1").arg(rv, 0, 16);
        return out;
    }
    CK_BBOOL yes = CK_TRUE;
    CK_BBOOL no = CK_FALSE;
    CK_OBJECT_CLASS privClass = CKO_PRIVATE_KEY;
    CK_OBJECT_CLASS pubClass = CKO_PUBLIC_KEY;
    CK_KEY_TYPE type = CKK_EC;
    auto a = [](CK_ATTRIBUTE_TYPE t, void *v, size_t n) { return CK_ATTRIBUTE { t, v, CK_ULONG(n) }; };
    std::vector<CK_ATTRIBUTE> privTemplate = {
        a(CKA_CLASS, &privClass, sizeof privClass),
        a(CKA_KEY_TYPE, &type, sizeof type),
        a(CKA_TOKEN, &yes, 1),
        a(CKA_PRIVATE, &yes, 1),
        a(CKA_SENSITIVE, &yes, 1),
        a(CKA_EXTRACTABLE, &no, 1),
        a(CKA_SIGN, &yes, 1),
        a(CKA_ID, idCopy.data(), idCopy.size()),
        a(CKA_LABEL, label.data(), label.size()),
        a(CKA_EC_PARAMS, ecParams.data(), ecParams.size()),
        a(CKA_VALUE, scalar.data(), scalar.size()),
    };
    std::vector<CK_ATTRIBUTE> pubTemplate = {
        a(CKA_CLASS, &pubClass, sizeof pubClass),
        a(CKA_KEY_TYPE, &type, sizeof type),
        a(CKA_TOKEN, &yes, 1),
        a(CKA_PRIVATE, &no, 1),
        a(CKA_VERIFY, &yes, 1),
        a(CKA_ID, idCopy.data(), idCopy.size()),
        a(CKA_LABEL, label.data(), label.size()),
        a(CKA_EC_PARAMS, ecParams.data(), ecParams.size()),
        a(CKA_EC_POINT, ecPoint.data(), ecPoint.size()),
    };
    CK_OBJECT_HANDLE handle = CK_INVALID_HANDLE;
    rv = f->C_CreateObject(session, privTemplate.data(), CK_ULONG(privTemplate.size()), &handle);
    if (rv == CKR_OK)
        rv = f->C_CreateObject(session, pubTemplate.data(), CK_ULONG(pubTemplate.size()), &handle);
    OPENSSL_cleanse(scalar.data(), static_cast<size_t>(scalar.size()));
    f->C_CloseSession(session);
    if (rv != CKR_OK) {
        out.error = QStringLiteral("C_CreateObject: 0x%1").arg(rv, 0, 16);
        return out;
    }
    out.publicKeyDer = publicKeyDer;
    return out;
}

} // namespace ks::test
