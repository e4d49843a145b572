#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli provision --all [--continuous] [--profile FILE] [--module PATH] [--journal PATH | --pg-conf
// FILE] [--as NAME] [--as-password-file FILE] [--force] [--retry-pin-refused] [--in-process] [--lot FILE]
// [--json]
// --lot: the batch runs under the lot in FILE (docs/lots.md); keys the lot refuses are not failures. --json:
// one JSON event per line on stdout, text on stderr (docs/cli.md).
// Exit codes (ExitCode.h): 0 all keys (the lot admitted) done, 1 any such key failed or was cancelled, 2
// usage or configuration, 3 CA unreachable, 4 no operator name / login refused, 5 no key present or the
// module cannot be loaded, 130 interrupted (Ctrl+C without --continuous).
int runProvisionCommand(const QStringList &args);

} // namespace ks::app
