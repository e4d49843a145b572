#include "StartupDoctor.h"

#include <QAudioDevice>
#include <QFutureWatcher>
#include <QLoggingCategory>
#include <QMediaDevices>
#include <QMessageBox>
#include <QtConcurrent/QtConcurrentRun>

Q_DECLARE_LOGGING_CATEGORY(lcGui)

namespace ks::app {

StartupDoctor::StartupDoctor(QObject *parent)
    : QObject(parent)
{ }

core::DoctorCheck StartupDoctor::soundCheck()
{
    core::DoctorCheck c;
    c.id = QStringLiteral("sound");
    c.title = tr("Sound");
    const QList<QAudioDevice> outputs = QMediaDevices::audioOutputs();
    if (outputs.isEmpty()) {
        c.outcome = core::DoctorCheck::Outcome::Warn;
        c.detail = tr("no audio output device: the operator will not hear a key finish or fail");
        c.nextStep = tr("Connect speakers or headphones, or check the sound settings (pactl list sinks).");
        return c;
    }
    c.outcome = core::DoctorCheck::Outcome::Ok;
    c.detail = tr("audio output: %1").arg(QMediaDevices::defaultAudioOutput().description());
    return c;
}

StartupDoctor *StartupDoctor::start(core::DoctorConfig config, QObject *parent)
{
    auto *doctor = new StartupDoctor(parent);
    // Qt Multimedia is asked here, in the GUI thread; the worker only hands the answer on.
    const core::DoctorCheck sound = soundCheck();
    config.soundCheck = [sound] { return sound; };
    auto *watcher = new QFutureWatcher<QList<core::DoctorCheck>>(doctor);
    connect(watcher, &QFutureWatcherBase::finished, doctor, [doctor, watcher] {
        const QList<core::DoctorCheck> checks
            = watcher->future().resultCount() > 0 ? watcher->result() : QList<core::DoctorCheck>();
        doctor->show(checks);
        emit doctor->finished(checks);
        doctor->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([config] { return core::Doctor::run(config); }));
    return doctor;
}

void StartupDoctor::show(const QList<core::DoctorCheck> &checks)
{
    QStringList failed;
    QStringList lines;
    for (const auto &c : checks) {
        lines
            << QStringLiteral("%1  %2: %3").arg(core::DoctorCheck::outcomeName(c.outcome), c.title, c.detail);
        if (c.outcome == core::DoctorCheck::Outcome::Ok || c.outcome == core::DoctorCheck::Outcome::Skipped)
            continue;
        qCWarning(lcGui).noquote() << "start-up check" << c.id << core::DoctorCheck::outcomeName(c.outcome)
                                   << c.detail << c.nextStep;
        if (c.outcome == core::DoctorCheck::Outcome::Fail)
            failed << QStringLiteral("<li><b>%1</b>: %2<br>%3</li>")
                          .arg(c.title.toHtmlEscaped(), c.detail.toHtmlEscaped(), c.nextStep.toHtmlEscaped());
    }
    if (failed.isEmpty())
        return;
    auto *box
        = new QMessageBox(QMessageBox::Warning, tr("Station check"),
                          tr("<p>The start-up check found a problem on this bench:</p><ul>%1</ul>"
                             "<p>Keys provisioned now may fail. <code>keystation-cli doctor</code> runs the "
                             "same checks again.</p>")
                              .arg(failed.join(QString())),
                          QMessageBox::Close);
    box->setObjectName(QStringLiteral("startupDoctor"));
    box->setTextFormat(Qt::RichText);
    box->setDetailedText(lines.join(u'\n'));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
}

} // namespace ks::app
