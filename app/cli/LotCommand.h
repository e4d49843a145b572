#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli lot list [--json] | lot show ID [--json] | lot report ID [--csv FILE] [--pem FILE]
// [--pdf FILE]
//   --as NAME [--as-password-file F] [--journal PATH | --pg-conf FILE]
// Lots (work orders, docs/lots.md) as the journal knows them: their counts and yields, and the hand-over of a
// lot's keys to the customer. Reading needs the ReadLog permission, the hand-over files ExportLog
// (supervisor and up). Exit codes (ExitCode.h): 0 done, 2 usage, unknown lot or a file that cannot be
// written, 4 login or role refused.
int runLotCommand(const QStringList &args);

} // namespace ks::app
