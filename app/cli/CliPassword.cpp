#include "CliPassword.h"

#include "core/secrets/SecretFile.h"

#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace ks::app {

QByteArray CliPassword::read(const QString &file, const QString &prompt)
{
    QByteArray line;
    if (!file.isEmpty()) {
        // Refused (with the reason on stderr) unless owner-only: core/secrets/SecretFile.h.
        QString error;
        if (!SecretFile::readLine(file, line, error)) {
            QTextStream(stderr) << error << Qt::endl;
            return {};
        }
    } else {
        const bool tty = ::isatty(STDIN_FILENO);
        termios old {};
        if (tty) {
            QTextStream err(stderr);
            err << prompt << Qt::flush;
            ::tcgetattr(STDIN_FILENO, &old);
            termios quiet = old;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        }
        char buffer[4096];
        if (std::fgets(buffer, sizeof buffer, stdin))
            line = QByteArray(buffer);
        std::fill(std::begin(buffer), std::end(buffer), '\0');
        if (tty) {
            ::tcsetattr(STDIN_FILENO, TCSANOW, &old);
            QTextStream err(stderr);
            err << Qt::endl;
        }
    }
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace ks::app
