#include "PasswordHasher.h"

#include "SecureBytes.h"

#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace ks::core {

namespace {

const QString kPrefix = QStringLiteral("pbkdf2-sha256");

QByteArray derive(const QByteArray &secret, const QByteArray &salt, int iterations)
{
    QByteArray out(PasswordHasher::hashBytes, '\0');
    if (PKCS5_PBKDF2_HMAC(secret.constData(), static_cast<int>(secret.size()),
                          reinterpret_cast<const unsigned char *>(salt.constData()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(),
                          static_cast<int>(out.size()), reinterpret_cast<unsigned char *>(out.data()))
        != 1)
        return {};
    return out;
}

struct Parsed
{
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;
};

std::optional<Parsed> parse(const QString &stored)
{
    const QStringList parts = stored.split(u'$');
    if (parts.size() != 4 || parts[0] != kPrefix)
        return std::nullopt;
    bool ok = false;
    Parsed p;
    p.iterations = parts[1].toInt(&ok);
    const auto salt
        = QByteArray::fromBase64Encoding(parts[2].toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    const auto hash
        = QByteArray::fromBase64Encoding(parts[3].toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!ok || p.iterations < 1 || p.iterations > PasswordHasher::maxIterations || !salt
        || salt.decoded.size() < PasswordHasher::saltBytes || !hash
        || hash.decoded.size() != PasswordHasher::hashBytes)
        return std::nullopt;
    p.salt = salt.decoded;
    p.hash = hash.decoded;
    return p;
}

} // namespace

QString PasswordHasher::hash(const QByteArray &secret, int iterations)
{
    if (iterations < minIterations || iterations > maxIterations)
        return {};
    QByteArray salt(saltBytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), saltBytes) != 1)
        return {};
    QByteArray h = derive(secret, salt, iterations);
    if (h.isEmpty())
        return {};
    const QString out = QStringLiteral("%1$%2$%3$%4")
                            .arg(kPrefix)
                            .arg(iterations)
                            .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(h.toBase64()));
    wipe(h);
    return out;
}

bool PasswordHasher::verify(const QByteArray &secret, const QString &stored)
{
    const auto p = parse(stored);
    if (!p)
        return false;
    QByteArray h = derive(secret, p->salt, p->iterations);
    const bool equal = h.size() == p->hash.size()
        && CRYPTO_memcmp(h.constData(), p->hash.constData(), static_cast<size_t>(h.size())) == 0;
    wipe(h);
    return equal;
}

int PasswordHasher::iterationsOf(const QString &stored)
{
    const auto p = parse(stored);
    return p ? p->iterations : 0;
}

void PasswordHasher::dummyVerify(const QByteArray &secret)
{
    QByteArray h = derive(secret, QByteArray(saltBytes, 's'), minIterations);
    wipe(h);
}

} // namespace ks::core
