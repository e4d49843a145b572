#pragma once

#include "device/CsrRequest.h"
#include "device/DeviceError.h"
#include "device/KeyAlgorithm.h"
#include "device/KeyPairInfo.h"
#include "device/TokenInfo.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace ks::device {

struct LoginPolicy
{
    // Never burn a key's last tries: a key at its final try or locked is never tried; with
    // refuseWhenCountLow a key that already saw a wrong PIN is left for a person to look at.
    bool refuseWhenCountLow = true;
};

// A read-write session on one key, found by hardware serial: what the provisioning engine asks of a key.
// Two implementations: TokenSession (the module loaded in this process) and WorkerSession (the module loaded
// in a worker process of this key's own, see docs/worker-process.md). Every call blocks; one thread at a time
// per session; sessions on different keys run in parallel. A session never retries a PIN on its own.
class KeySession
{
public:
    virtual ~KeySession() = default;

    virtual const TokenInfo &token() const = 0;
    virtual Result<TokenInfo> refreshTokenInfo() = 0;

    // One C_Login, never repeated. PinIncorrect / PinLocked / PinFinalTry / PinCountLow are distinct errors.
    virtual Result<void> login(const QByteArray &pin, const LoginPolicy &policy = {}) = 0;
    virtual Result<void> logout() = 0;
    virtual Result<void> changePin(const QByteArray &oldPin, const QByteArray &newPin) = 0;

    virtual Result<QList<KeyPairInfo>> keyPairs() = 0;
    virtual Result<QList<CertificateObject>> certificates() = 0;
    // Public key objects (CKO_PUBLIC_KEY): id, label, algorithm, bits and publicKey filled, no provenance.
    // Like certificates(), readable without a login on keys that store them as public objects.
    virtual Result<QList<KeyPairInfo>> publicKeys() = 0;
    // Private keys with no certificate of the same CKA_ID.
    virtual Result<QList<KeyPairInfo>> freeKeyPairs() = 0;

    // Generate on the key. The returned CKA_ID is read back: some cards choose it themselves.
    virtual Result<KeyPairInfo> generateKeyPair(KeyAlgorithm algorithm, const QString &label,
                                                QByteArray id = {})
        = 0;

    // PKCS#10 request signed on the key by the private key with this CKA_ID; the signature is verified
    // against the key's public key before the request is returned (DER).
    virtual Result<QByteArray> signCsr(const QByteArray &keyId, const CsrRequest &request) = 0;
    // Raw signature over data (SHA-256 with the key's algorithm; ECDSA as DER), e.g. a badge login challenge.
    virtual Result<QByteArray> signData(const QByteArray &keyId, const QByteArray &data) = 0;
    // The same signature over a SHA-256 digest made by the caller (32 bytes): RSA PKCS#1 v1.5 over its
    // DigestInfo (CKM_RSA_PKCS), ECDSA over the digest (CKM_ECDSA, DER). The key, its module and a worker
    // process see only the hash, never the data: used for a request carrying a CA's challenge password.
    virtual Result<QByteArray> signSha256Digest(const QByteArray &keyId, const QByteArray &digest) = 0;
    // RSA PKCS#1 v1.5 decryption (CKM_RSA_PKCS, C_Decrypt) with the private key with this CKA_ID, e.g. the
    // content-encryption key of a SCEP CertRep (RFC 8894 §3.3.2). A key pair that is not RSA, or whose
    // private key may not decrypt (CKA_DECRYPT false), is refused with Unsupported before any C_Decrypt.
    virtual Result<QByteArray> decrypt(const QByteArray &keyId, const QByteArray &ciphertext) = 0;
    // An X.509 v3 certificate for the key pair's public key, self-signed on the key: subject = issuer from
    // request.subject, request.keyUsage (critical) and extendedKeyUsage, valid from an hour ago (a CA's clock
    // may be behind) until validityDays days from now; the signature is verified against the public key
    // before the DER is returned. SCEP's signer certificate (RFC 8894 §2.3).
    virtual Result<QByteArray> selfSignedCertificate(const QByteArray &keyId, const CsrRequest &request,
                                                     int validityDays)
        = 0;

    // Store an X.509 certificate (DER) under the key pair's CKA_ID and read it back. Refuses when a
    // certificate with that CKA_ID exists (certificates never overwrite each other) or when the certificate's
    // public key is not the key pair's.
    virtual Result<CertificateObject> writeCertificate(const QByteArray &keyId, const QByteArray &der,
                                                       const QString &label)
        = 0;
    virtual Result<void> deleteCertificate(const QByteArray &keyId) = 0;

    // Stop at once, from any thread, without waiting: a call in progress returns an error as soon as it can.
    // In-process sessions cannot interrupt a PKCS#11 call and return false; a worker session kills its worker
    // and returns true.
    virtual bool abort() { return false; }
};

} // namespace ks::device
