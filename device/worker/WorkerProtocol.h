#pragma once

#include "device/CsrRequest.h"
#include "device/DeviceError.h"
#include "device/KeyAlgorithm.h"
#include "device/KeyPairInfo.h"
#include "device/TokenInfo.h"

#include <QByteArray>
#include <QDataStream>
#include <QIODevice>
#include <QList>

#include <cstdint>

// The station <-> token worker protocol (docs/worker-process.md). One UNIX stream socket per worker; each
// message is a frame: a 4-byte big-endian length, then a QDataStream (Qt 6.4 format) payload. The station
// sends a request and waits for its reply; there is never more than one request in flight.
//
//   request = op:u8, arguments...          reply = status:u8 (0 ok, 1 error), value | DeviceError
//
// The first exchange is Hello: the station sends kProtocolVersion, the worker answers with its own and its
// pid; a worker of another version is refused before it sees a PIN.
namespace ks::device::worker {

// 2: KeyPairInfo carries the private key's provenance; 3: PublicKeys; 4: Decrypt, SelfSignedCertificate and
// KeyPairInfo's CKA_DECRYPT (SCEP); 5: SignSha256Digest
constexpr quint32 kProtocolVersion = 5;
constexpr quint32 kMaxFrame = 16 * 1024 * 1024; // a certificate list of a full key is a few kB
constexpr int kSocketFd = 3; // the worker's end of the socket, set up by the station at spawn

enum class Op : quint8
{
    Hello = 1,
    Open, // modulePath, serial, ignoredReaders -> TokenInfo
    RefreshTokenInfo, // -> TokenInfo
    Login, // pin, refuseWhenCountLow -> ()
    Logout,
    ChangePin, // oldPin, newPin -> ()
    KeyPairs, // -> QList<KeyPairInfo>
    Certificates, // -> QList<CertificateObject>
    FreeKeyPairs, // -> QList<KeyPairInfo>
    PublicKeys, // -> QList<KeyPairInfo> (public key objects, no provenance)
    GenerateKeyPair, // algorithm, label, id -> KeyPairInfo
    SignCsr, // keyId, CsrRequest -> DER
    SignData, // keyId, data -> signature
    WriteCertificate, // keyId, der, label -> CertificateObject
    DeleteCertificate, // keyId -> ()
    Decrypt, // keyId, ciphertext -> plaintext (RSA PKCS#1 v1.5)
    SelfSignedCertificate, // keyId, CsrRequest, validityDays -> DER
    SignSha256Digest, // keyId, digest -> signature
};

QString opName(Op op);

enum class ReadStatus
{
    Ok,
    Closed, // the other end is gone (EOF, reset)
    TimedOut,
    Malformed, // a length over kMaxFrame
};

// Whole frame or nothing; false when the peer is gone. Never raises SIGPIPE.
bool writeFrame(int fd, const QByteArray &payload);
// timeoutMs < 0 waits for ever.
ReadStatus readFrame(int fd, QByteArray *payload, int timeoutMs);

// A payload buffer for messages that may hold a PIN: reserved up front so that QDataStream never moves it
// (a move would leave an unwiped copy in freed memory); wipe() clears it in place.
QByteArray secretBuffer(qsizetype capacity = 4096);
void wipeBuffer(QByteArray &buffer);

void setStreamVersion(QDataStream &stream);

} // namespace ks::device::worker

// In the types' own namespace, so that QList's stream operators find them.
namespace ks::device {

QDataStream &operator<<(QDataStream &s, const TokenInfo &t);
QDataStream &operator>>(QDataStream &s, TokenInfo &t);
QDataStream &operator<<(QDataStream &s, const KeyPairInfo &k);
QDataStream &operator>>(QDataStream &s, KeyPairInfo &k);
QDataStream &operator<<(QDataStream &s, const CertificateObject &c);
QDataStream &operator>>(QDataStream &s, CertificateObject &c);
QDataStream &operator<<(QDataStream &s, const CsrRequest &r);
QDataStream &operator>>(QDataStream &s, CsrRequest &r);
QDataStream &operator<<(QDataStream &s, const DeviceError &e);
QDataStream &operator>>(QDataStream &s, DeviceError &e);

} // namespace ks::device
