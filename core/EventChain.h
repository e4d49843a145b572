#pragma once

#include "JournalTypes.h"

#include <QByteArray>
#include <QString>

namespace ks::core {

// The journal's hash chain (docs/journal.md, "Hash chain"):
//   hash(n) = SHA-256( raw32(prevHash(n)) || canonical(n) ),  prevHash(1) = 32 zero bytes,
//   canonical(n) = "ks-journal-v1\n" followed by, for each field in the order
//   seq, ts_ms, station, operator, batch_id, attempt_id, serial, kind, step, phase, detail:
//   <decimal byte length of the field's UTF-8>":"<the UTF-8 bytes>"\n"  (integers as ASCII decimal).
// Length prefixes make the encoding injective: no two different records serialise alike.
class EventChain
{
public:
    static QString genesisHash(); // 64 '0'
    static QByteArray canonical(const EventRecord &event);
    // Lower-case hex SHA-256; empty when prevHashHex is not 64 hex digits.
    static QString computeHash(const QString &prevHashHex, const EventRecord &event);
};

} // namespace ks::core
