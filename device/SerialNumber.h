#pragma once

#include <QByteArray>
#include <QString>

namespace ks::device {

// Hardware serials, made comparable across modules and tools.
//
// CK_TOKEN_INFO.serialNumber is 16 bytes, blank-padded, not NUL-terminated. We cut at the first NUL, trim
// blanks at both ends, drop inner blanks, colons and dashes (some tools print 12:34:AB), and upper-case ASCII
// letters. A serial with bytes outside printable ASCII becomes the hex of the raw 16 bytes, so it is stable.
// Leading zeros are kept: they are part of the serial.
struct SerialNumber
{
    static QString normalise(const QByteArray &raw);
    // The same rule for a serial typed by a person or read from a certificate.
    static QString normalise(const QString &text);
};

} // namespace ks::device
