#pragma once

#include "ca_client/CaError.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <chrono>

namespace ks::ca {

// Everything needed to talk to one CA endpoint. Secrets (password, HMAC key) live here in memory only;
// they are read from files or the environment by the caller, never logged, never put on a command line.
struct CaSettings
{
    enum class Protocol
    {
        Est,
        Cfssl,
        Scep
    };

    Protocol protocol = Protocol::Est;
    // EST: https://host[:port][/.well-known/est] (the well-known path is added when the path is empty).
    // CFSSL (cfssl serve, multirootca): https://host[:port]; /api/v1/cfssl/... is appended.
    QUrl baseUrl;
    QString label; // EST: optional path segment (RFC 7030 3.2.2); CFSSL: the signer/root label
    QString profile; // CFSSL signing profile (cfssl falls back to its default for an unknown name!)

    // Authentication of the station to the CA.
    QString basicUser; // HTTP Basic (EST); empty = none
    QString basicPassword; // secret
    QString clientCertFile; // PEM: TLS client certificate (+ optional chain)
    QString clientKeyFile; // PEM: its unencrypted private key (RSA or EC)
    QByteArray hmacKeyHex; // CFSSL authsign key, hex as in cfssl's config; empty = plain /sign. Secret.

    // Trust.
    QString
        trustAnchorFile; // PEM/DER bundle verifying the server's TLS certificate; REPLACES the system store
    QString issuerAnchorFile; // bundle the issued certificates must chain to; empty = trustAnchorFile
    QByteArray pinnedSpkiSha256; // raw 32 bytes: SHA-256 of the server's SubjectPublicKeyInfo; empty = no pin
    bool insecureLabMode = false; // accept any server certificate; logged with a warning on every request

    // SCEP (RFC 8894). Usually plain http://: trust comes from the pinned CA certificate and the
    // message-level signature and encryption; https:// adds the TLS trust above.
    QByteArray caCertificateSha256; // raw 32 bytes: SHA-256 of the CA certificate's DER; required for SCEP
    QByteArray challengePassword; // secret; goes into the CSR (built by the caller), never logged

    // Limits.
    std::chrono::milliseconds requestTimeout { 30000 }; // whole exchange, from the start of the request
    int maxConcurrent = 4; // requests in flight; the rest queue
    qint64 maxResponseBytes = 1024 * 1024;
    int maxPendingPolls = 10; // EST 202 Accepted / SCEP PENDING: re-posts / polls before giving up
    std::chrono::milliseconds maxPendingWait { 300000 }; // EST 202 / SCEP PENDING: total waiting
    std::chrono::milliseconds scepPollInterval { 5000 }; // SCEP PENDING: delay between CertPoll messages

    static QString protocolName(Protocol protocol);
    // "est" / "cfssl" / "scep" (case-insensitive); nullopt-like failure as a Configuration error.
    static Result<Protocol> parseProtocol(const QString &name);
    // A pin as hex (64 digits, ':' allowed) or base64 (optionally "sha256//" prefixed, as curl writes it).
    static Result<QByteArray> parsePin(const QString &text);
    // True when the URL carries user information (https://user:password@host/, even an empty "@"). Such a URL
    // is refused wherever one is loaded, with a message that does not repeat it: credentials belong in files.
    static bool hasUserInfo(const QUrl &url);
};

} // namespace ks::ca
