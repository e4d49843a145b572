#pragma once

#include <QByteArray>
#include <QString>

namespace ks::device {

// Hardware serials, made comparable across modules and tools. One rule, used for every serial the station
// handles: the key's identity, the journal, ${serial} in a subject, and the message of a derived PIN
// (docs/profiles.md, "Derived PINs", gives it to key issuers in the same words).
//
// CK_TOKEN_INFO.serialNumber is 16 bytes, blank-padded, not NUL-terminated. We cut at the first NUL; a serial
// with bytes outside printable ASCII (0x20-0x7E) becomes the upper-case hex of the raw 16 bytes, so it is
// stable. Then the text rule: drop every ASCII space, tab, CR, LF, VT, FF, colon and dash (some tools print
// 12:34:AB), and change ASCII a-z to A-Z; nothing else changes (no locale, no other letters). Leading zeros
// are kept: they are part of the serial.
struct SerialNumber
{
    static QString normalise(const QByteArray &raw);
    // The text rule alone, for a serial typed by a person, read from a certificate, or given as read from
    // the key.
    static QString normalise(const QString &text);
};

} // namespace ks::device
