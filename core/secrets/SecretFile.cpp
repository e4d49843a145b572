#include "core/secrets/SecretFile.h"

#include "core/secrets/SecureBytes.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ks {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

} // namespace

QString SecretFile::modeError(const QString &path, unsigned mode)
{
    if ((mode & 077) == 0)
        return {};
    return tr("%1 holds a secret but its group or others may access it (mode %2): make it readable by its "
              "owner only (chmod 600 %1).")
        .arg(path, QStringLiteral("%1").arg(mode & 07777, 4, 8, QLatin1Char('0')));
}

bool SecretFile::read(const QString &path, QByteArray &out, QString &error, qint64 maxBytes)
{
    wipe(out);
    if (path.isEmpty()) {
        error = tr("No file name given for a secret.");
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        error = tr("Cannot read %1 (%2).").arg(path, systemError(errno));
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) != 0) {
        error = tr("Cannot read %1 (%2).").arg(path, systemError(errno));
        ::close(fd);
        return false;
    }
    error = modeError(path, static_cast<unsigned>(st.st_mode));
    if (!error.isEmpty()) {
        ::close(fd);
        return false;
    }
    // One allocation, read into directly: no buffer of QFile's or a grown copy keeps the secret.
    out.resize(maxBytes + 1);
    qint64 total = 0;
    while (total < out.size()) {
        const ssize_t n = ::read(fd, out.data() + total, static_cast<size_t>(out.size() - total));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error = tr("Cannot read %1 (%2).").arg(path, systemError(errno));
            ::close(fd);
            wipe(out);
            return false;
        }
        if (n == 0)
            break;
        total += n;
    }
    ::close(fd);
    if (total > maxBytes) {
        wipe(out);
        error = tr("%1 is larger than %2 bytes; it is not a secret file KeyStation reads.")
                    .arg(path)
                    .arg(maxBytes);
        return false;
    }
    out.truncate(total);
    return true;
}

bool SecretFile::readLine(const QString &path, QByteArray &out, QString &error, Line line)
{
    if (!read(path, out, error))
        return false;
    // Cut in place (truncate and memmove keep the allocation, which the caller's wipe overwrites whole).
    const qsizetype nl = out.indexOf('\n');
    if (nl >= 0)
        out.truncate(nl);
    if (out.endsWith('\r'))
        out.chop(1);
    if (line == Line::Trimmed) {
        qsizetype end = out.size();
        while (end > 0 && isSpace(out.at(end - 1)))
            --end;
        qsizetype begin = 0;
        while (begin < end && isSpace(out.at(begin)))
            ++begin;
        if (begin > 0)
            std::memmove(out.data(), out.constData() + begin, static_cast<size_t>(end - begin));
        out.truncate(end - begin);
    }
    return true;
}

} // namespace ks
