#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli ca info|enroll ...: tests a CA connection before a batch (see docs/ca-client.md).
// Exit codes: 0 ok, 1 usage/configuration, 2 the CA request failed, 3 the certificate check refused the
// result.
int runCaCommand(const QStringList &args);

} // namespace ks::app
