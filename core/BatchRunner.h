#pragma once

#include "core/CoreError.h"
#include "core/JobTypes.h"
#include "core/ProvisioningContext.h"
#include "device/TokenInfo.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <memory>

namespace ks::core {

class ProvisioningJob;

// "Provision all": every present key at once, bounded by the profile's maxParallelKeys. In continuous mode,
// keys plugged in during the batch join it, a failed key that is plugged back is tried again (and resumes
// where it stopped), and finished keys are announced so the operator can swap them. Lives in its owner's
// thread; signals arrive there.
class BatchRunner : public QObject
{
    Q_OBJECT

public:
    explicit BatchRunner(QObject *parent = nullptr);
    ~BatchRunner() override;

    // Opens a batch in the journal (context.journal, operator, profile) and queues the keys.
    Result<QString> start(ProvisioningContext context, const QList<device::TokenInfo> &keys, bool continuous);
    void addKey(const device::TokenInfo &key); // a key plugged in (continuous mode) or added by hand
    void removeKey(const device::TokenInfo &key); // a key pulled: dropped if still waiting
    void retry(const QString &serial);
    void cancel(const QString &serial);
    void cancelAll();
    // Continuous mode: take no more keys; the batch ends when the running ones are done.
    void finish();
    // Keeps the batch open after its last key while the owner means to retry some (core::Station: keys that
    // wait for the CA to come back); cancelAll() still ends it. Released, an idle batch ends.
    void setHeld(bool held);

    bool isActive() const { return m_active; }
    bool isContinuous() const { return m_continuous; }
    QString batchId() const { return m_context ? m_context->batchId : QString(); }
    int runningCount() const { return static_cast<int>(m_running.size()); }
    int queuedCount() const { return static_cast<int>(m_queue.size()); }
    QHash<QString, JobResult> results() const { return m_results; }

Q_SIGNALS:
    void keyQueued(const QString &serial);
    void keyProgress(const QString &serial, ks::core::JobStage stage);
    void keyFinished(const ks::core::JobResult &result);
    void batchFinished(const ks::core::BatchSummary &summary);

private:
    void pump();
    void watchdog();
    void onUpdate(const QString &serial, JobStage stage, bool finished, const JobResult &result);
    void endIfIdle();

    std::shared_ptr<const ProvisioningContext> m_context;
    bool m_active = false;
    bool m_continuous = false;
    bool m_finishing = false;
    bool m_held = false;
    qint64 m_startMs = 0;
    QList<device::TokenInfo> m_queue;
    QHash<QString, device::TokenInfo> m_known; // every key seen in this batch, for retry
    QHash<QString, std::shared_ptr<ProvisioningJob>> m_running;
    QHash<QString, JobResult> m_results;
    QTimer m_watchdog;
};

} // namespace ks::core
