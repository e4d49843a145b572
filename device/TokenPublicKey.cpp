#include "device/TokenPublicKey.h"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>

namespace ks::device {

namespace {

EvpPkeyPtr fromParams(const char *type, OSSL_PARAM_BLD *builder)
{
    EvpPkeyPtr result;
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr);
    EVP_PKEY *key = nullptr;
    if (params && ctx && EVP_PKEY_fromdata_init(ctx) == 1
        && EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) == 1)
        result.reset(key);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    return result;
}

} // namespace

EvpPkeyPtr TokenPublicKey::rsa(const QByteArray &modulus, const QByteArray &exponent)
{
    if (modulus.isEmpty() || exponent.isEmpty())
        return {};
    BIGNUM *n = BN_bin2bn(reinterpret_cast<const unsigned char *>(modulus.constData()),
                          static_cast<int>(modulus.size()), nullptr);
    BIGNUM *e = BN_bin2bn(reinterpret_cast<const unsigned char *>(exponent.constData()),
                          static_cast<int>(exponent.size()), nullptr);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    EvpPkeyPtr key;
    if (n && e && builder && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n) == 1
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e) == 1)
        key = fromParams("RSA", builder);
    OSSL_PARAM_BLD_free(builder);
    BN_free(n);
    BN_free(e);
    return key;
}

EvpPkeyPtr TokenPublicKey::ec(const QByteArray &params, const QByteArray &point)
{
    const auto *p = reinterpret_cast<const unsigned char *>(params.constData());
    ASN1_OBJECT *oid = d2i_ASN1_OBJECT(nullptr, &p, static_cast<long>(params.size()));
    if (!oid)
        return {};
    const char *curve = OBJ_nid2sn(OBJ_obj2nid(oid));
    ASN1_OBJECT_free(oid);
    if (!curve)
        return {};

    QByteArray rawPoint = point;
    const auto *q = reinterpret_cast<const unsigned char *>(point.constData());
    ASN1_OCTET_STRING *wrapped = d2i_ASN1_OCTET_STRING(nullptr, &q, static_cast<long>(point.size()));
    if (wrapped && q == reinterpret_cast<const unsigned char *>(point.constData()) + point.size())
        rawPoint = QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(wrapped)),
                              ASN1_STRING_length(wrapped));
    ASN1_OCTET_STRING_free(wrapped);

    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    EvpPkeyPtr key;
    if (builder && OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, curve, 0) == 1
        && OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, rawPoint.constData(),
                                            static_cast<size_t>(rawPoint.size()))
            == 1)
        key = fromParams("EC", builder);
    OSSL_PARAM_BLD_free(builder);
    return key;
}

} // namespace ks::device
