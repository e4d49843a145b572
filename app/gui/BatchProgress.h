#pragma once

#include "core/JobTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QWidget>

class QProgressBar;

namespace ks::app {

class LiveText;

// Where the running (or last) batch stands, as the bench and the lock page show it.
struct BatchStatus
{
    bool started = false; // a batch ran or runs since the bench opened
    bool running = false;
    int total = 0; // keys queued in the batch (continuous mode: grows as keys are plugged in)
    int done = 0; // provisioned by this batch
    int already = 0; // already held this profile's certificate: nothing done
    int failed = 0;
    int skipped = 0; // cancelled by Skip, Cancel all or the end of a continuous batch
    qint64 etaMs = -1; // time left; -1: not known yet (no key finished) or nothing runs
    QStringList needPerson; // "Port 3: Re-plug the key", one line per port that needs a person

    int finished() const { return done + already + failed + skipped; }
};

// Counts a batch's keys from the station's signals (keyQueued, keyFinished) and estimates the time left from
// this batch's own pace: the time since it started over the keys finished, times the keys still to go (keys
// run in parallel, so the pace is the batch's, not one key's). A key retried goes back to "to go".
class BatchTracker : public QObject
{
    Q_OBJECT

public:
    explicit BatchTracker(QObject *parent = nullptr);

    void start(); // a new batch: counts go to zero, the clock starts
    void queued(const QString &serial);
    void finished(const core::JobResult &result);
    void end(); // the batch finished: the counts stay until the next start
    void reset(); // the batch did not start: back to "no batch yet"
    void setNeedPerson(const QStringList &lines);

    BatchStatus status() const;

Q_SIGNALS:
    void changed();

private:
    enum class State
    {
        Pending,
        Done,
        Already,
        Failed,
        Skipped,
    };
    void estimate();

    bool m_started = false;
    bool m_running = false;
    QHash<QString, State> m_keys;
    QStringList m_needPerson;
    QElapsedTimer m_clock;
    qint64 m_etaMs = -1; // as estimated at m_etaAtMs of m_clock
    qint64 m_etaAtMs = 0;
    QTimer m_ticker; // the time left counts down between keys
};

// The batch bar: a large bar "5 / 8" and one line under it ("3 new · 1 already provisioned · 1 failed ·
// about 2 min left"). Read-only; the bench and the lock page each have one.
class BatchProgressWidget : public QWidget
{
    Q_OBJECT

public:
    explicit BatchProgressWidget(QWidget *parent = nullptr);

    void setStatus(const BatchStatus &status);
    QProgressBar *bar() const { return m_bar; }
    QString text() const;

    // "about 2 min left", "estimating…", or empty when nothing runs.
    static QString etaText(const BatchStatus &status);

private:
    void applyStatus(const BatchStatus &status);

    QProgressBar *m_bar;
    LiveText *m_line;
};

} // namespace ks::app
