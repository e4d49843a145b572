#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace ks {

// Every file that holds a secret (transport and final PINs, the derived-PIN station secret, the CFSSL HMAC
// key, the EST user name and password, the TLS client key, operators' password files, the PostgreSQL
// connection file) is read through here, so one rule holds for all of them: the file is refused when its mode
// gives its group or others any access (mode & 077), with a message naming the file, its mode and `chmod
// 600`. The mode is checked on the opened file, so a file swapped in between is checked too. Nothing is read
// from a refused file. Error messages never contain the file's content.
class SecretFile
{
    Q_DECLARE_TR_FUNCTIONS(ks::SecretFile)

public:
    enum class Line
    {
        Exact, // the first line without its line end ("\n" or "\r\n")
        Trimmed // the same, with surrounding white space removed
    };

    static constexpr qint64 kDefaultMaxBytes = 64 * 1024;

    // The whole file (at most maxBytes; a longer file is refused). On failure `out` is empty and `error`
    // says why.
    static bool read(const QString &path, QByteArray &out, QString &error,
                     qint64 maxBytes = kDefaultMaxBytes);
    // The first line of the file. Whatever else was read is wiped.
    static bool readLine(const QString &path, QByteArray &out, QString &error, Line line = Line::Exact);
    // The error for a file whose mode gives group or others any access; empty when the mode is owner-only.
    static QString modeError(const QString &path, unsigned mode);
};

} // namespace ks
