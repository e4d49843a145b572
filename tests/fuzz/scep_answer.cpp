// SCEP answers (RFC 8894): GetCACaps text, GetCACert (one DER certificate or a certs-only PKCS#7 with RAs), a
// CertRep (SignedData) and the EnvelopedData inside it, read the way ScepClient does. The first byte picks
// the parser; the rest is the body.
#include "ca_client/HttpTransport.h"
#include "ca_client/ScepClient.h"
#include "ca_client/ScepMessage.h"
#include "ca_client/SoftwareScepRequesterKey.h"

#include <QCryptographicHash>

#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstddef>
#include <cstdint>
#include <memory>

using namespace ks::ca;

namespace {

// A requester key made once: RSA-1024 (fast; strength is not the point here) and a CSR it signed.
ScepRequesterKey &requesterKey()
{
    static const std::shared_ptr<SoftwareScepRequesterKey> key = [] {
        EVP_PKEY *pkey = EVP_RSA_gen(1024);
        X509_REQ *req = X509_REQ_new();
        X509_NAME_add_entry_by_txt(X509_REQ_get_subject_name(req), "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("fuzz"), -1, -1, 0);
        X509_REQ_set_pubkey(req, pkey);
        X509_REQ_sign(req, pkey, EVP_sha256());
        unsigned char *der = nullptr;
        const int len = i2d_X509_REQ(req, &der);
        const QByteArray csr(reinterpret_cast<const char *>(der), len);
        OPENSSL_free(der);
        X509_REQ_free(req);
        auto made = SoftwareScepRequesterKey::create(pkey, csr);
        EVP_PKEY_free(pkey);
        if (!made)
            __builtin_trap();
        return *made;
    }();
    return *key;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray body(reinterpret_cast<const char *>(data + 1), static_cast<qsizetype>(size - 1));
    const QString op = QStringLiteral("scep/PKCSReq");
    switch (data[0] % 5) {
    case 0:
        (void)ScepCapabilities::parse(body);
        break;
    case 1:
    case 2: {
        HttpResponse r;
        r.status = 200;
        r.contentType = data[0] % 5 == 1 ? "application/x-x509-ca-cert" : "application/x-x509-ca-ra-cert";
        r.body = body;
        // Pin the first certificate the answer holds, so the RA and recipient logic runs too.
        const auto certs = ScepClient::caCertificatesFrom(r, QByteArray(32, '\0'));
        if (certs)
            __builtin_trap(); // nothing hashes to 32 zero bytes
        HttpResponse again = r;
        if (data[0] % 5 == 1) {
            (void)ScepClient::caCertificatesFrom(again,
                                                 QCryptographicHash::hash(body, QCryptographicHash::Sha256));
        }
        break;
    }
    case 3: {
        // The signer list is our own certificate: a verifying CertRep cannot be made by mutation, but every
        // step before the signature check runs, and the nonce/attribute readers once one does.
        const auto rep = ScepMessage::parseCertRep(body, { requesterKey().signerCertificateDer() }, op);
        if (rep && rep->status == ScepMessage::PkiStatus::Success && rep->envelopeDer.isEmpty())
            __builtin_trap(); // SUCCESS always carries an envelope
        break;
    }
    case 4:
        (void)ScepMessage::openEnvelope(body, requesterKey(), op);
        break;
    }
    return 0;
}
