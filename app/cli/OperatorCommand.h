#pragma once

#include "core/CoreError.h"
#include "core/OperatorStore.h"

#include <QStringList>

#include <memory>

namespace ks::core {
class Journal;
}

namespace ks::app {

// keystation-cli operator add NAME --role R | passwd NAME | role NAME --role R | disable NAME | enable NAME |
// list
//   [--as NAME] [--as-password-file F] [--password-file F] [--journal PATH | --pg-conf FILE]
// Exit codes (ExitCode.h): 0 done, 1 an account rule refused the change (last administrator, exists), 2 usage
// or database error, 4 authentication or role refused.
int runOperatorCommand(const QStringList &args);

// Pieces shared by the commands that open the journal and authenticate an operator (LogCommand).
namespace cli {

// --journal PATH (SQLite), --pg-conf FILE (PostgreSQL), or the default SQLite file.
core::Result<std::unique_ptr<core::Journal>> openJournal(const QString &journalPath, const QString &pgConf);

// Reads one secret line: from `file` when given, else from the terminal without echo (prompting on stderr),
// else from standard input when it is not a terminal. Never from the command line. False on EOF/error.
bool readSecret(const QString &prompt, const QString &file, QByteArray &out);

// Logs `name` in with a password read as above (from `passwordFile` or a prompt) and checks `permission`.
core::Result<core::OperatorSession> authenticate(core::OperatorStore &store, const QString &name,
                                                 const QString &passwordFile, core::Permission permission);

} // namespace cli
} // namespace ks::app
