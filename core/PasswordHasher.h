#pragma once

#include <QByteArray>
#include <QString>

namespace ks::core {

// Operator secrets at rest: PBKDF2-HMAC-SHA256 (OpenSSL PKCS5_PBKDF2_HMAC) with a 16-byte random salt, stored
// self-describing as "pbkdf2-sha256$<iterations>$<base64 salt>$<base64 32-byte hash>" so the iteration count
// can grow without breaking old records. Verification compares in constant time (CRYPTO_memcmp).
class PasswordHasher
{
public:
    static constexpr int minIterations = 200000;
    static constexpr int maxIterations = 10000000; // bound the work a crafted record can demand
    static constexpr int saltBytes = 16;
    static constexpr int hashBytes = 32;

    // Empty on failure (RNG or KDF error). The caller wipes `secret`.
    static QString hash(const QByteArray &secret, int iterations = minIterations);
    static bool verify(const QByteArray &secret, const QString &stored);
    // The iteration count recorded in `stored`, 0 when malformed.
    static int iterationsOf(const QString &stored);
    // Burns the same time as a verification, for unknown account names (no timing oracle).
    static void dummyVerify(const QByteArray &secret);
};

} // namespace ks::core
