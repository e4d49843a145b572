#include "PinDerivation.h"

#include "SecureBytes.h"
#include "core/secrets/SecretFile.h"
#include "device/SerialNumber.h"

#include <QFile>
#include <QFileInfo>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace ks::core {

QString PinDerivation::normaliseSerial(const QString &serial)
{
    // The device layer's rule: one function for the key's identity and its derived PIN.
    return device::SerialNumber::normalise(serial);
}

static QByteArray hmacSha256(const QByteArray &key, const QByteArray &message)
{
    QByteArray out;
    EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    EVP_MAC_CTX *ctx = mac ? EVP_MAC_CTX_new(mac) : nullptr;
    char digest[] = "SHA256";
    OSSL_PARAM params[]
        = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end() };
    unsigned char buf[EVP_MAX_MD_SIZE];
    size_t len = 0;
    if (ctx
        && EVP_MAC_init(ctx, reinterpret_cast<const unsigned char *>(key.constData()),
                        static_cast<size_t>(key.size()), params)
        && EVP_MAC_update(ctx, reinterpret_cast<const unsigned char *>(message.constData()),
                          static_cast<size_t>(message.size()))
        && EVP_MAC_final(ctx, buf, &len, sizeof buf))
        out = QByteArray(reinterpret_cast<const char *>(buf), static_cast<qsizetype>(len));
    OPENSSL_cleanse(buf, sizeof buf);
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
    return out;
}

Result<QByteArray> PinDerivation::derive(const QByteArray &stationSecret, const QString &serial, int digits)
{
    if (digits < minDigits || digits > maxDigits)
        return CoreError::make(CoreError::Code::InvalidArgument,
                               tr("A derived PIN must have %1 to %2 digits.").arg(minDigits).arg(maxDigits));
    if (stationSecret.isEmpty())
        return CoreError::make(CoreError::Code::InvalidArgument, tr("The station secret is empty."));
    const QString normalised = normaliseSerial(serial);
    if (normalised.isEmpty())
        return CoreError::make(CoreError::Code::InvalidArgument, tr("The hardware serial is empty."));

    QByteArray mac = hmacSha256(stationSecret, normalised.toUtf8());
    SecretGuard macGuard(mac);
    if (mac.size() != 32)
        return CoreError::make(CoreError::Code::Crypto, tr("HMAC-SHA256 failed."));

    // Schoolbook long division of the big-endian 256-bit number by 10^digits; with digits <= 12 the running
    // remainder times 256 stays below 2^64.
    quint64 modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    quint64 rem = 0;
    for (char byte : std::as_const(mac))
        rem = (rem * 256 + static_cast<unsigned char>(byte)) % modulus;

    QByteArray pin(digits, '0');
    for (int i = digits - 1; i >= 0; --i) {
        pin[i] = static_cast<char>('0' + rem % 10);
        rem /= 10;
    }
    return pin;
}

Result<QByteArray> PinDerivation::loadStationSecret(const QString &path)
{
    QByteArray text;
    QString error;
    if (!SecretFile::read(path, text, error)) // refused unless owner-only (core/secrets/SecretFile.h)
        return CoreError::make(CoreError::Code::Io, error);
    SecretGuard textGuard(text);
    QByteArray hex;
    hex.reserve(text.size());
    for (char c : std::as_const(text)) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        const bool isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!isHex) {
            wipe(hex);
            return CoreError::make(
                CoreError::Code::InvalidArgument,
                tr("The station secret file %1 must hold hexadecimal digits only.").arg(path));
        }
        hex.append(c);
    }
    SecretGuard hexGuard(hex);
    if (hex.size() % 2 != 0 || hex.size() < 32)
        return CoreError::make(
            CoreError::Code::InvalidArgument,
            tr("The station secret in %1 must be an even number of hex digits, at least 16 "
               "bytes.")
                .arg(path));
    return QByteArray::fromHex(hex);
}

} // namespace ks::core
