#pragma once

#include "ca_client/ScepRequesterKey.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace ks::ca {

// A ScepRequesterKey over a software RSA key (keystation-cli ca enroll --protocol scep --key FILE, and the
// tests): the self-signed signer certificate (RFC 8894 2.3) is made here, with the CSR's subject.
class SoftwareScepRequesterKey : public ScepRequesterKey
{
    Q_DECLARE_TR_FUNCTIONS(ks::ca::SoftwareScepRequesterKey)

public:
    // key: an RSA private key (the caller's reference is taken, not stolen); csrDer: the request it signed.
    static Result<std::shared_ptr<SoftwareScepRequesterKey>> create(evp_pkey_st *key,
                                                                    const QByteArray &csrDer);
    // The same from an unencrypted PEM private key file, which must be owner-only (core/secrets/SecretFile).
    static Result<std::shared_ptr<SoftwareScepRequesterKey>> fromPemFile(const QString &path,
                                                                         const QByteArray &csrDer);
    ~SoftwareScepRequesterKey() override;

    QByteArray signerCertificateDer() const override { return m_certificateDer; }
    Result<QByteArray> signSha256(const QByteArray &data) override;
    Result<QByteArray> decryptRsaPkcs1(const QByteArray &encrypted) override;

private:
    SoftwareScepRequesterKey() = default;
    evp_pkey_st *m_key = nullptr;
    QByteArray m_certificateDer;
};

} // namespace ks::ca
