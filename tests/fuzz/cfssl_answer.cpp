// CFSSL answers (cfssl serve / multirootca): byte 0 picks the HTTP status, byte 1 the Content-Type, the rest
// is the body; parsed by CfsslClient::resultFrom, then the certificate PEM as startEnroll/startInfo read it.
#include "FuzzInput.h"
#include "ca_client/CertificateCodec.h"
#include "ca_client/CfsslClient.h"
#include "ca_client/HttpTransport.h"

#include <QJsonArray>

#include <cstddef>
#include <cstdint>

using namespace ks::ca;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    ks::fuzz::FuzzInput in(data, size);
    static const int statuses[] = { 200, 400, 401, 403, 404, 500, 502, 202 };
    static const char *types[]
        = { "application/json", "text/plain", "application/json; charset=utf-8", "text/html", "" };
    HttpResponse response;
    const quint8 s = in.takeByte();
    response.status = s < 8 ? statuses[s] : s;
    response.contentType = types[in.takeByte() % 5];
    response.body = in.rest();
    auto result = CfsslClient::resultFrom(response, QStringLiteral("cfssl/sign"));
    if (!result) {
        (void)result.error().toString();
        return 0;
    }
    const QByteArray pem = result->value(QStringLiteral("certificate")).toString().toUtf8();
    auto certs = CertificateCodec::parsePemCertificates(pem, QStringLiteral("cfssl/sign"));
    if (certs && !certs->isEmpty()) {
        const qsizetype leaf = CertificateCodec::pickLeaf(*certs, QByteArray());
        if (leaf < 0 || leaf >= certs->size())
            __builtin_trap();
        (void)CertificateCodec::summary(certs->at(leaf));
    }
    for (const QJsonValue &u : result->value(QStringLiteral("usages")).toArray())
        (void)u.toString();
    return 0;
}
