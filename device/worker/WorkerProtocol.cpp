#include "device/worker/WorkerProtocol.h"

#include <openssl/crypto.h>

#include <cerrno>
#include <chrono>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace ks::device::worker {

namespace {

qint64 nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Reads exactly size bytes before the deadline (-1: none).
ReadStatus readExact(int fd, char *data, size_t size, qint64 deadline)
{
    size_t done = 0;
    while (done < size) {
        int wait = -1;
        if (deadline >= 0) {
            const qint64 left = deadline - nowMs();
            if (left <= 0)
                return ReadStatus::TimedOut;
            wait = static_cast<int>(std::min<qint64>(left, 1 << 30));
        }
        pollfd p { fd, POLLIN, 0 };
        const int ready = ::poll(&p, 1, wait);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return ReadStatus::Closed;
        }
        if (ready == 0)
            return ReadStatus::TimedOut;
        const ssize_t n = ::recv(fd, data + done, size - done, 0);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            return ReadStatus::Closed;
        }
        if (n == 0)
            return ReadStatus::Closed;
        done += static_cast<size_t>(n);
    }
    return ReadStatus::Ok;
}

} // namespace

QString opName(Op op)
{
    switch (op) {
    case Op::Hello:
        return QStringLiteral("Hello");
    case Op::Open:
        return QStringLiteral("Open");
    case Op::RefreshTokenInfo:
        return QStringLiteral("C_GetTokenInfo");
    case Op::Login:
        return QStringLiteral("C_Login");
    case Op::Logout:
        return QStringLiteral("C_Logout");
    case Op::ChangePin:
        return QStringLiteral("C_SetPIN");
    case Op::KeyPairs:
        return QStringLiteral("list key pairs");
    case Op::Certificates:
        return QStringLiteral("list certificates");
    case Op::FreeKeyPairs:
        return QStringLiteral("list free key pairs");
    case Op::PublicKeys:
        return QStringLiteral("list public keys");
    case Op::GenerateKeyPair:
        return QStringLiteral("C_GenerateKeyPair");
    case Op::SignCsr:
        return QStringLiteral("sign request");
    case Op::SignData:
        return QStringLiteral("C_Sign");
    case Op::WriteCertificate:
        return QStringLiteral("write certificate");
    case Op::DeleteCertificate:
        return QStringLiteral("C_DestroyObject");
    case Op::Decrypt:
        return QStringLiteral("C_Decrypt");
    case Op::SelfSignedCertificate:
        return QStringLiteral("self-signed certificate");
    case Op::SignSha256Digest:
        return QStringLiteral("C_Sign");
    }
    return QStringLiteral("op %1").arg(static_cast<int>(op));
}

bool writeFrame(int fd, const QByteArray &payload)
{
    if (payload.size() > static_cast<qsizetype>(kMaxFrame))
        return false;
    const auto size = static_cast<quint32>(payload.size());
    const unsigned char header[4]
        = { static_cast<unsigned char>(size >> 24), static_cast<unsigned char>(size >> 16),
            static_cast<unsigned char>(size >> 8), static_cast<unsigned char>(size) };
    auto sendAll = [fd](const char *data, size_t length) {
        size_t done = 0;
        while (done < length) {
            const ssize_t n = ::send(fd, data + done, length - done, MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return false;
            }
            done += static_cast<size_t>(n);
        }
        return true;
    };
    return sendAll(reinterpret_cast<const char *>(header), sizeof header)
        && sendAll(payload.constData(), static_cast<size_t>(payload.size()));
}

ReadStatus readFrame(int fd, QByteArray *payload, int timeoutMs)
{
    const qint64 deadline = timeoutMs < 0 ? -1 : nowMs() + timeoutMs;
    unsigned char header[4];
    if (auto s = readExact(fd, reinterpret_cast<char *>(header), sizeof header, deadline);
        s != ReadStatus::Ok)
        return s;
    const quint32 size = (quint32(header[0]) << 24) | (quint32(header[1]) << 16) | (quint32(header[2]) << 8)
        | quint32(header[3]);
    if (size > kMaxFrame)
        return ReadStatus::Malformed;
    payload->resize(static_cast<qsizetype>(size));
    if (size == 0)
        return ReadStatus::Ok;
    return readExact(fd, payload->data(), size, deadline);
}

QByteArray secretBuffer(qsizetype capacity)
{
    QByteArray buffer;
    buffer.reserve(capacity);
    return buffer;
}

void wipeBuffer(QByteArray &buffer)
{
    // In place, even when shared: detaching first would wipe a fresh copy and leave the secret behind.
    if (!buffer.isEmpty())
        OPENSSL_cleanse(const_cast<char *>(buffer.constData()), static_cast<size_t>(buffer.size()));
    buffer.clear();
}

void setStreamVersion(QDataStream &stream)
{
    stream.setVersion(QDataStream::Qt_6_4);
}

} // namespace ks::device::worker

namespace ks::device {

QDataStream &operator<<(QDataStream &s, const TokenInfo &t)
{
    return s << t.modulePath << quint64(t.slotId) << t.slotDescription << t.label << t.manufacturer << t.model
             << t.serial << t.rawSerial << t.initialized << t.loginRequired << t.pinCountLow << t.pinFinalTry
             << t.pinLocked << t.pinToBeChanged;
}

QDataStream &operator>>(QDataStream &s, TokenInfo &t)
{
    quint64 slot = 0;
    s >> t.modulePath >> slot >> t.slotDescription >> t.label >> t.manufacturer >> t.model >> t.serial
        >> t.rawSerial >> t.initialized >> t.loginRequired >> t.pinCountLow >> t.pinFinalTry >> t.pinLocked
        >> t.pinToBeChanged;
    t.slotId = static_cast<unsigned long>(slot);
    return s;
}

namespace {

// An attribute the key may not report: -1 not reported, 0 false, 1 true.
qint8 tristate(const std::optional<bool> &value)
{
    return value ? qint8(*value ? 1 : 0) : qint8(-1);
}

std::optional<bool> fromTristate(qint8 value)
{
    if (value < 0)
        return std::nullopt;
    return value != 0;
}

} // namespace

QDataStream &operator<<(QDataStream &s, const KeyPairInfo &k)
{
    return s << k.id << k.label << k.rsa << qint32(k.bits) << k.publicKey << k.hasCertificate
             << tristate(k.local) << tristate(k.neverExtractable) << tristate(k.alwaysSensitive)
             << tristate(k.extractable) << k.idShared << tristate(k.decrypt);
}

QDataStream &operator>>(QDataStream &s, KeyPairInfo &k)
{
    qint32 bits = 0;
    qint8 local = -1, neverExtractable = -1, alwaysSensitive = -1, extractable = -1, decrypt = -1;
    s >> k.id >> k.label >> k.rsa >> bits >> k.publicKey >> k.hasCertificate >> local >> neverExtractable
        >> alwaysSensitive >> extractable >> k.idShared >> decrypt;
    k.bits = bits;
    k.local = fromTristate(local);
    k.neverExtractable = fromTristate(neverExtractable);
    k.alwaysSensitive = fromTristate(alwaysSensitive);
    k.extractable = fromTristate(extractable);
    k.decrypt = fromTristate(decrypt);
    return s;
}

QDataStream &operator<<(QDataStream &s, const CertificateObject &c)
{
    return s << c.id << c.label << c.der;
}

QDataStream &operator>>(QDataStream &s, CertificateObject &c)
{
    return s >> c.id >> c.label >> c.der;
}

QDataStream &operator<<(QDataStream &s, const CsrRequest &r)
{
    return s << r.subject << r.keyUsage << r.extendedKeyUsage << r.challengePassword;
}

QDataStream &operator>>(QDataStream &s, CsrRequest &r)
{
    return s >> r.subject >> r.keyUsage >> r.extendedKeyUsage >> r.challengePassword;
}

QDataStream &operator<<(QDataStream &s, const DeviceError &e)
{
    return s << qint32(e.code) << e.call << quint64(e.ckr) << e.serial << e.message;
}

QDataStream &operator>>(QDataStream &s, DeviceError &e)
{
    qint32 code = 0;
    quint64 ckr = 0;
    s >> code >> e.call >> ckr >> e.serial >> e.message;
    if (code < 0 || code > qint32(DeviceError::Code::WorkerFailed))
        code = qint32(DeviceError::Code::WorkerFailed);
    e.code = static_cast<DeviceError::Code>(code);
    e.ckr = static_cast<unsigned long>(ckr);
    return s;
}

} // namespace ks::device
