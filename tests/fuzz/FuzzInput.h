#pragma once

#include <QByteArray>
#include <QList>

#include <cstddef>
#include <cstdint>

namespace ks::fuzz {

// Splits a fuzzer's byte string into the pieces a target needs (a selector byte, separated fields), so one
// flat input drives structured entry points and seeds stay readable text.
class FuzzInput
{
public:
    FuzzInput(const std::uint8_t *data, std::size_t size)
        : m_bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size))
    { }

    // The next byte, or 0 when none is left.
    quint8 takeByte()
    {
        if (m_pos >= m_bytes.size())
            return 0;
        return static_cast<quint8>(m_bytes.at(m_pos++));
    }
    // Everything not taken yet.
    QByteArray rest() const { return m_bytes.mid(m_pos); }
    // The rest split at `separator` (at most maxParts parts; the last keeps any further separators).
    QList<QByteArray> fields(char separator, int maxParts) const
    {
        QList<QByteArray> parts;
        QByteArray remaining = rest();
        while (parts.size() + 1 < maxParts) {
            const qsizetype at = remaining.indexOf(separator);
            if (at < 0)
                break;
            parts << remaining.left(at);
            remaining = remaining.mid(at + 1);
        }
        parts << remaining;
        return parts;
    }

private:
    QByteArray m_bytes;
    qsizetype m_pos = 0;
};

} // namespace ks::fuzz
