#pragma once

#include <QString>

namespace ks::app {

// The exit status of every keystation-cli command: one meaning each, listed in every --help and the README.
enum ExitCode : int
{
    Success = 0, // everything asked for was done
    Failed = 1, // the work ran but its result is bad: a key failed or was refused, the log chain is broken,
                // the CA's certificate failed the check, an account rule refused the change
    UsageError = 2, // bad option or argument, bad profile, missing or unreadable file, journal unusable
    CaUnreachable = 3, // no connection to the CA, TLS failure, time-out
    AuthFailed = 4, // no operator name, unknown operator or wrong password, account locked or disabled, role
                    // not allowed; the CA refused our credentials
    NoKey = 5, // no key present, or the PKCS#11 module cannot be loaded or does not answer
    Interrupted = 130, // SIGINT/SIGTERM ended the work before it finished
};

// The table above as text for --help (translated).
QString exitCodeHelp();

} // namespace ks::app
