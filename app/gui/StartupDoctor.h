#pragma once

#include "core/Doctor.h"

#include <QObject>

namespace ks::app {

// The bench health check (core/Doctor.h, the checks of `keystation-cli doctor`) at the station's start-up:
// run on a worker thread (QtConcurrent), so the login is not held up by a slow CA. Every check that is not ok
// is logged; when one fails, a non-modal message (objectName "startupDoctor") lists what failed and what to
// do, with every check's line in its details. The sound check is the GUI's own: an audio output device
// present (Qt Multimedia), a warning only.
class StartupDoctor : public QObject
{
    Q_OBJECT

public:
    // Starts the checks; the object deletes itself when they are done (or goes with its parent first, the
    // checks then finish unseen).
    static StartupDoctor *start(core::DoctorConfig config, QObject *parent);

    // The GUI's sound check: QMediaDevices' audio outputs, read in the calling (GUI) thread.
    static core::DoctorCheck soundCheck();

signals:
    void finished(const QList<ks::core::DoctorCheck> &checks);

private:
    explicit StartupDoctor(QObject *parent);
    void show(const QList<core::DoctorCheck> &checks);
};

} // namespace ks::app
