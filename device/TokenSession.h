#pragma once

#include "device/KeySession.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

namespace ks::device {

class Pkcs11Module;

// A read-write session on one key, found by hardware serial. Every call blocks (a real chip takes seconds to
// generate a key): use it from a worker thread, one thread at a time per session. Sessions on different keys
// run in parallel. The session never retries a PIN on its own.
class TokenSession final : public KeySession
{
    Q_DECLARE_TR_FUNCTIONS(ks::device::TokenSession)

public:
    static Result<std::unique_ptr<TokenSession>> open(std::shared_ptr<Pkcs11Module> module,
                                                      const QString &serial);
    ~TokenSession() override;

    TokenSession(const TokenSession &) = delete;
    TokenSession &operator=(const TokenSession &) = delete;

    // KeySession (documented there), in this process.
    const TokenInfo &token() const override { return m_token; }
    Result<TokenInfo> refreshTokenInfo() override;
    Result<void> login(const QByteArray &pin, const LoginPolicy &policy = {}) override;
    Result<void> logout() override;
    Result<void> changePin(const QByteArray &oldPin, const QByteArray &newPin) override;
    Result<QList<KeyPairInfo>> keyPairs() override;
    Result<QList<CertificateObject>> certificates() override;
    Result<QList<KeyPairInfo>> publicKeys() override;
    Result<QList<KeyPairInfo>> freeKeyPairs() override;
    Result<KeyPairInfo> generateKeyPair(KeyAlgorithm algorithm, const QString &label,
                                        QByteArray id = {}) override;
    Result<QByteArray> signCsr(const QByteArray &keyId, const CsrRequest &request) override;
    Result<QByteArray> signData(const QByteArray &keyId, const QByteArray &data) override;
    Result<QByteArray> signSha256Digest(const QByteArray &keyId, const QByteArray &digest) override;
    Result<QByteArray> decrypt(const QByteArray &keyId, const QByteArray &ciphertext) override;
    Result<QByteArray> selfSignedCertificate(const QByteArray &keyId, const CsrRequest &request,
                                             int validityDays) override;
    Result<CertificateObject> writeCertificate(const QByteArray &keyId, const QByteArray &der,
                                               const QString &label) override;
    Result<void> deleteCertificate(const QByteArray &keyId) override;

private:
    class Private;
    explicit TokenSession(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
    TokenInfo m_token;
};

} // namespace ks::device
