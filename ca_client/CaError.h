#pragma once

#include "base/Expected.h"

#include <QCoreApplication>
#include <QString>

namespace ks::ca {

// A failure of the CA client layer: what went wrong, in which operation, with the server's own words.
struct CaError
{
    Q_DECLARE_TR_FUNCTIONS(ks::ca::CaError)

public:
    enum class Code
    {
        None,
        Configuration, // settings unusable (no trust anchor, unreadable key file, bad URL...)
        Network, // connection refused, reset, DNS...
        Timeout, // the request took longer than the configured time-out
        Cancelled, // cancelled by the caller
        Tls, // TLS handshake failed: untrusted server, wrong host name, protocol
        PinMismatch, // the server's public key is not the pinned one
        HttpStatus, // an HTTP error status not covered below (5xx, unexpected 4xx)
        Unauthorized, // 401/403: credentials missing or refused
        Pending, // the CA kept answering 202 Accepted until we gave up
        BadBase64, // body is not valid base64
        BadPkcs7, // body is not a certs-only PKCS#7
        BadPem, // no parseable PEM certificate where one was required
        BadJson, // body is not the JSON the protocol promises
        EmptyResponse, // a well-formed answer carrying no certificate
        WrongContentType, // Content-Type is not what the protocol says
        TooLarge, // body exceeds the configured cap
        Truncated, // connection dropped before the announced body was complete
        CaRefused, // the CA answered with an error of its own (see serverCode/serverMessage)
        // The certificate check (CertificateVerifier): each failure its own code.
        NotParseable,
        UntrustedChain,
        PublicKeyMismatch,
        SerialMismatch,
        NotYetValid,
        Expired,
        ValidityTooShort,
        KeyUsageMismatch,
        ExtendedKeyUsageMismatch,
        IsCaCertificate,
        SubjectMismatch, // a fixed subject attribute (O, OU, C, ...) is not what the profile asked
        WeakAlgorithm, // a signature below SHA-256, or an RSA/EC key below the minimum, in the path
        UnhandledCriticalExtension, // a critical extension the check does not understand
        // SCEP (RFC 8894).
        RequesterKey, // the requester key (on the token) could not sign or decrypt
        CaCertificateMismatch, // the CA certificate is not the pinned one (nothing was sent)
        BadMessage, // a CertRep that does not verify, answers another transaction or nonce, or is malformed
        ScepBadAlg, // CertRep FAILURE badAlg: the CA does not support an algorithm we used
        ScepBadMessageCheck, // FAILURE badMessageCheck: the CA could not verify our request's signature
        ScepBadRequest, // FAILURE badRequest: the CA refused the request (often a wrong challenge password)
        ScepBadTime, // FAILURE badTime: the signingTime was not close enough to the CA's time
        ScepBadCertId, // FAILURE badCertId: no certificate matches the criteria
    };

    Code code = Code::None;
    QString operation; // e.g. "est/simpleenroll", "cfssl/authsign", "verify"
    int httpStatus = 0; // HTTP status when one was received
    int serverCode = 0; // the CA's own error code (cfssl "errors[].code"), 0 if none
    QString serverMessage; // the CA's own message, verbatim (trimmed, capped)
    QString serial; // hardware serial of the key concerned, when known
    QString message; // translated, operator-readable

    // Stable symbolic name of the code ("PinMismatch"), for logs and the journal.
    static QString codeName(Code code);
    // "CFSSL sign failed: the CA refused the request (HTTP 400, cfssl 9300: ...) [key 9A3F]": one line.
    QString toString() const;

    static CaError make(Code code, QString operation, QString message, QString serial = {});
};

template<class T> using Result = Expected<T, CaError>;

} // namespace ks::ca
