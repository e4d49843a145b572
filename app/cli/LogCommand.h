#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli log [--batch ID] [--operator NAME] [--state S] [--serial TEXT] [--from ISO] [--to ISO]
// [--csv]
//                    [--journal PATH | --pg-conf FILE] --as NAME [--as-password-file F]
// keystation-cli log verify --as NAME ...
// Reading, exporting and verifying the log needs a supervisor or administrator. `log verify` exits 0 when the
// journal is intact and 1 when it is broken, naming the first broken record; 2 on usage or database errors, 4
// when the login or the role is refused (ExitCode.h).
int runLogCommand(const QStringList &args);

} // namespace ks::app
