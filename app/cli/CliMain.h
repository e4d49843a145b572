#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli COMMAND [options]: runs the command `arguments` name (the program name left out) and returns
// the process's exit code (ExitCode.h). Needs the application object main() makes.
int runCli(const QStringList &arguments);

} // namespace ks::app
