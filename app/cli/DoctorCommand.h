#pragma once

#include <QStringList>

namespace ks::app {

// keystation-cli doctor [--profile FILE] [--module PATH] [--journal PATH | --pg-conf FILE] [--json]: the
// bench health check (core/Doctor.h), one line per check; exit 0 when no check fails, 1 when one does.
int runDoctorCommand(const QStringList &args);

} // namespace ks::app
