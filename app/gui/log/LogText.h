#pragma once

#include <QCoreApplication>
#include <QString>

namespace ks::app {

// Plain, translated words for the journal's stable names (states, steps, error codes), shared by the table,
// the detail pane, the charts and the PDF report so they all say the same thing.
class LogText
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::LogText)

public:
    // "done" -> "Done"
    static QString stateTitle(const QString &state);
    // "enrol" -> "Enrolling with the CA" (core's own step titles), "attempt" -> "Attempt"
    static QString stepTitle(const QString &step);
    // "before" -> "started"
    static QString phaseTitle(const QString &phase);
    // A journal's error name -> its title from core's one table (core/JobError.h): PinIncorrect -> "Wrong
    // PIN"; names this build does not know are shown as they are
    static QString errorTitle(const QString &errorCode);
    // 2450 -> "2.5 s", 83000 -> "1 min 23 s"
    static QString duration(qint64 ms);
    // Local time, "yyyy-MM-dd HH:mm:ss"; empty for 0.
    static QString dateTime(qint64 ms);
    static QString date(qint64 ms);
};

} // namespace ks::app
