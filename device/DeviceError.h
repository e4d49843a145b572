#pragma once

#include "base/Expected.h"

#include <QCoreApplication>
#include <QString>

namespace ks::device {

// A failure of the device layer: what went wrong, on which key, in which PKCS#11 call.
struct DeviceError
{
    Q_DECLARE_TR_FUNCTIONS(ks::device::DeviceError)

public:
    enum class Code
    {
        None,
        ModuleLoad, // the PKCS#11 module could not be loaded or initialised
        Pkcs11, // a PKCS#11 call failed (see ckr)
        TokenAbsent, // the key is not (or no longer) present
        TokenMismatch, // the slot now holds a different key than expected
        PinIncorrect, // C_Login said CKR_PIN_INCORRECT; never retried automatically
        PinLocked, // the user PIN is blocked
        PinFinalTry, // the token reports a final try: we refuse to spend it
        PinCountLow, // the token reports a low retry count: we refuse to spend it
        NoSuchObject, // no key pair / certificate with that CKA_ID
        AlreadyExists, // a certificate with that CKA_ID exists; certificates never overwrite each other
        Unsupported, // algorithm or mechanism the key does not offer
        Crypto, // OpenSSL failed or a signature did not verify
        ReadBackMismatch, // what was written is not what is read back
        InvalidArgument,
        Cancelled,
        WorkerFailed, // the key's worker process crashed, hung past its time-out, was killed or misbehaved
    };

    Code code = Code::None;
    QString call; // PKCS#11 function or step, e.g. "C_GenerateKeyPair"
    unsigned long ckr = 0; // CK_RV when code == Pkcs11 (and for login codes)
    QString serial; // hardware serial of the key, when known
    QString message; // translated, operator-readable

    QString ckrName() const;
    // "PKCS#11 function 'C_Login' failed: CKR_PIN_INCORRECT (key 9A3F…)": one line for logs and tiles.
    QString toString() const;

    static DeviceError fromCkr(QString call, unsigned long rv, QString serial = {});
    static DeviceError make(Code code, QString message, QString serial = {}, QString call = {});
};

template<class T> using Result = Expected<T, DeviceError>;

// Symbolic name of a CK_RV ("CKR_PIN_INCORRECT"), or hex for unknown/vendor codes.
QString ckrToString(unsigned long rv);

} // namespace ks::device
