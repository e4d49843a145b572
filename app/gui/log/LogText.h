#pragma once

#include "core/JournalTypes.h"

#include <QCoreApplication>
#include <QString>

namespace ks::app {

// Plain, translated words for the journal's stable names (states, steps, error codes), shared by the table,
// the detail pane, the charts and the PDF report so they all say the same thing.
class LogText
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::LogText)

public:
    // "done" -> "Done"; also the log's own "alreadyProvisioned".
    static QString stateTitle(const QString &state);

    // The log's name for an attempt that ended done without doing anything: the key already held a valid
    // certificate of the profile (the engine finishes such a key at Login or FindKeyPair; a key it provisions
    // ends at ReadBack or SetUserPin). Not a journal state: shown, counted and filtered apart from "done".
    static QString alreadyProvisionedState() { return QStringLiteral("alreadyProvisioned"); }
    static bool isAlreadyProvisioned(const core::AttemptRecord &attempt);
    // The state the log shows: the journal's, or alreadyProvisionedState().
    static QString shownState(const core::AttemptRecord &attempt);
    // A filter of the log (its state may be alreadyProvisionedState()) as the journal can apply it, and
    // whether an attempt the journal returned for it belongs (done keys are split into new and already
    // provisioned).
    static core::AttemptFilter journalFilter(core::AttemptFilter filter);
    static bool matches(const core::AttemptFilter &filter, const core::AttemptRecord &attempt);
    static QList<core::AttemptRecord> matching(const core::AttemptFilter &filter,
                                               QList<core::AttemptRecord> attempts);
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
