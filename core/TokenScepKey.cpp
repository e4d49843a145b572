#include "core/TokenScepKey.h"

#include "device/CsrBuilder.h"
#include "device/KeySession.h"

#include <QCryptographicHash>

namespace ks::core {

namespace {

const QString kOperation = QStringLiteral("scep/requester-key");

// A signer certificate only has to outlive one SCEP transaction (polls included).
constexpr int kSignerValidityDays = 1;

} // namespace

TokenScepKey::TokenScepKey(std::shared_ptr<device::KeySession> session, QByteArray keyId, QString serial,
                           QByteArray certificateDer)
    : m_session(std::move(session))
    , m_keyId(std::move(keyId))
    , m_serial(std::move(serial))
    , m_certificateDer(std::move(certificateDer))
{ }

device::Result<std::shared_ptr<TokenScepKey>>
TokenScepKey::create(std::shared_ptr<device::KeySession> session, const QByteArray &keyId,
                     const QString &serial, const device::CsrRequest &signer)
{
    auto certificate = session->selfSignedCertificate(keyId, signer, kSignerValidityDays);
    if (!certificate)
        return certificate.error();
    return std::shared_ptr<TokenScepKey>(new TokenScepKey(std::move(session), keyId, serial, *certificate));
}

device::Result<QByteArray> TokenScepKey::signRequest(device::KeySession &session,
                                                     const device::KeyPairInfo &pair,
                                                     const device::CsrRequest &request, const QString &serial)
{
    auto withSerial = [&serial](device::DeviceError e) {
        e.serial = serial;
        return e;
    };
    if (!pair.rsa)
        return withSerial(device::DeviceError::make(device::DeviceError::Code::Unsupported,
                                                    tr("SCEP needs an RSA key pair.")));
    auto key = device::CsrBuilder::publicKeyFromDer(pair.publicKey);
    if (!key)
        return withSerial(device::DeviceError::make(device::DeviceError::Code::Crypto,
                                                    tr("The key pair's public key is malformed.")));
    auto builder = device::CsrBuilder::create(key.get(), request);
    if (!builder)
        return withSerial(builder.error());
    auto signature = session.signSha256Digest(
        pair.id, QCryptographicHash::hash(builder->toBeSigned(), QCryptographicHash::Sha256));
    if (!signature)
        return signature.error();
    auto csr = builder->finish(device::CsrBuilder::SignatureAlgorithm::Sha256WithRsa, *signature);
    if (!csr)
        return withSerial(csr.error());
    return csr;
}

ca::CaError TokenScepKey::failed(const device::DeviceError &error)
{
    m_lastError = error;
    return ca::CaError::make(ca::CaError::Code::RequesterKey, kOperation, error.toString(), m_serial);
}

ca::CaError TokenScepKey::released() const
{
    return ca::CaError::make(ca::CaError::Code::Cancelled, kOperation,
                             tr("The enrolment ended; the key is no longer used for it."), m_serial);
}

ca::Result<QByteArray> TokenScepKey::signSha256(const QByteArray &data)
{
    std::lock_guard lock(m_mutex);
    if (!m_session)
        return released();
    // KeySession::signData signs SHA-256 with the key's algorithm: RSA PKCS#1 v1.5 for the RSA pairs SCEP
    // uses (CKM_SHA256_RSA_PKCS, or CKM_RSA_PKCS over the DigestInfo).
    auto signature = m_session->signData(m_keyId, data);
    if (!signature)
        return failed(signature.error());
    return *signature;
}

ca::Result<QByteArray> TokenScepKey::decryptRsaPkcs1(const QByteArray &encrypted)
{
    std::lock_guard lock(m_mutex);
    if (!m_session)
        return released();
    auto plain = m_session->decrypt(m_keyId, encrypted);
    if (!plain)
        return failed(plain.error());
    return *plain;
}

void TokenScepKey::release()
{
    std::lock_guard lock(m_mutex);
    m_session.reset();
}

std::optional<device::DeviceError> TokenScepKey::lastDeviceError() const
{
    std::lock_guard lock(m_mutex);
    return m_lastError;
}

} // namespace ks::core
