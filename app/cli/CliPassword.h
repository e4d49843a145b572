#pragma once

#include <QByteArray>
#include <QString>

namespace ks::app {

// Reads a secret for the CLI without it ever being an argument (ps shows arguments): from a file, from
// standard input when it is not a terminal, or from the terminal with echo off.
class CliPassword
{
public:
    static QByteArray read(const QString &file, const QString &prompt);
};

} // namespace ks::app
