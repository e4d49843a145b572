#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli tokens [--watch] [--json] [--module PATH]...
int runTokensCommand(const QStringList &args);

} // namespace ks::app
