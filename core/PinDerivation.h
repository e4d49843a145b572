#pragma once

#include "CoreError.h"

#include <QByteArray>
#include <QString>

namespace ks::core {

// The PIN a key is logged in with when the profile's PIN source is "derived" (see docs/profiles.md):
//   pin = decimal( BE256( HMAC-SHA256(stationSecret, UTF-8(normaliseSerial(serial))) ) mod 10^digits ),
//   left-padded with '0' to exactly `digits` characters.
// The key issuer runs the same computation when it personalises the key, so it must never change.
class PinDerivation
{
    Q_DECLARE_TR_FUNCTIONS(ks::core::PinDerivation)

public:
    static constexpr int minDigits = 4;
    static constexpr int maxDigits = 12;

    // Hardware serials are compared and derived from in one form: device::SerialNumber::normalise (ASCII
    // whitespace, ':' and '-' removed, ASCII upper case), the rule docs/profiles.md gives key issuers.
    static QString normaliseSerial(const QString &serial);

    // The derived PIN (ASCII digits). The caller wipes it (ks::core::wipe) once the login is done.
    static Result<QByteArray> derive(const QByteArray &stationSecret, const QString &serial, int digits);

    // Reads a station secret: hex (whitespace ignored), at least 16 bytes, from a file that only its owner
    // may read (mode 0600 or stricter), since anyone holding it can compute every key's PIN.
    static Result<QByteArray> loadStationSecret(const QString &path);
};

} // namespace ks::core
