#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli provision --all [--continuous] [--profile FILE] [--module PATH] [--journal PATH | --pg-conf
// FILE]
//                          [--operator NAME] [--password-file FILE] [--force]
// Exit code: 0 all keys done, 1 any key failed, 2 the station could not start.
int runProvisionCommand(const QStringList &args);

} // namespace ks::app
