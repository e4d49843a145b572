#include "core/BatchRunner.h"

#include "core/Journal.h"
#include "core/Log.h"
#include "core/ProvisioningJob.h"

#include <QDateTime>
#include <QJsonObject>
#include <QPointer>

#include <chrono>

namespace ks::core {

namespace {
qint64 steadyMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

BatchRunner::BatchRunner(QObject *parent)
    : QObject(parent)
    , m_watchdog(this) // a child: it moves with the runner to the station's thread
{
    qRegisterMetaType<ks::core::JobResult>();
    qRegisterMetaType<ks::core::BatchSummary>();
    qRegisterMetaType<ks::core::JobStage>();
    m_watchdog.setInterval(250);
    connect(&m_watchdog, &QTimer::timeout, this, &BatchRunner::watchdog);
}

BatchRunner::~BatchRunner()
{
    // The journal and the CA client go away after this: jobs must not touch them again. Their attempts stay
    // open in the journal and resume on the next start, as after a crash.
    for (const auto &job : std::as_const(m_running))
        job->abandon();
}

Result<QString> BatchRunner::start(ProvisioningContext context, const QList<device::TokenInfo> &keys,
                                   bool continuous)
{
    if (m_active)
        return CoreError::make(CoreError::Code::InvalidArgument, tr("A batch is already running."));
    QJsonObject detail { { QStringLiteral("keys"), static_cast<int>(keys.size()) },
                         { QStringLiteral("continuous"), continuous },
                         { QStringLiteral("force"), context.force },
                         { QStringLiteral("module"), keys.isEmpty() ? QString() : keys.front().modulePath } };
    if (context.lot)
        detail.insert(QStringLiteral("lot"), context.lot->id); // Journal::lotOfBatch
    auto batch = context.journal->beginBatch(context.operatorName, context.profile.name, detail);
    if (!batch)
        return batch.error();
    context.batchId = *batch;
    m_context = std::make_shared<const ProvisioningContext>(std::move(context));
    m_active = true;
    m_continuous = continuous;
    m_finishing = false;
    m_held = false;
    m_startMs = steadyMs();
    m_queue.clear();
    m_known.clear();
    m_results.clear();
    m_watchdog.start();
    qCInfo(lcCore) << "batch" << *batch << "started with" << keys.size() << "keys, continuous:" << continuous;
    for (const auto &key : keys)
        addKey(key);
    // An empty, non-continuous batch ends at once (after the caller connected to batchFinished).
    QMetaObject::invokeMethod(this, &BatchRunner::endIfIdle, Qt::QueuedConnection);
    return *batch;
}

void BatchRunner::addKey(const device::TokenInfo &key)
{
    if (!m_active || m_finishing || key.serial.isEmpty() || !key.initialized)
        return;
    if (m_running.contains(key.serial))
        return;
    for (const auto &queued : std::as_const(m_queue))
        if (queued.serial == key.serial)
            return;
    // A key done in this batch is not done again; a failed one plugged back in is retried.
    if (auto it = m_results.find(key.serial); it != m_results.end() && it->ok())
        return;
    m_known.insert(key.serial, key);
    m_queue.append(key);
    Q_EMIT keyQueued(key.serial);
    pump();
}

void BatchRunner::removeKey(const device::TokenInfo &key)
{
    m_queue.removeIf([&](const device::TokenInfo &t) { return t.serial == key.serial; });
}

void BatchRunner::retry(const QString &serial)
{
    if (!m_active || m_running.contains(serial))
        return;
    m_results.remove(serial);
    if (m_known.contains(serial))
        addKey(m_known.value(serial));
}

void BatchRunner::cancel(const QString &serial)
{
    m_queue.removeIf([&](const device::TokenInfo &t) { return t.serial == serial; });
    if (auto job = m_running.value(serial))
        job->cancel();
    endIfIdle();
}

void BatchRunner::cancelAll()
{
    m_queue.clear();
    m_finishing = true;
    for (const auto &job : std::as_const(m_running))
        job->cancel();
    endIfIdle();
}

void BatchRunner::finish()
{
    m_finishing = true;
    m_queue.clear();
    endIfIdle();
}

void BatchRunner::setHeld(bool held)
{
    m_held = held;
    // Queued: the owner may call this while keyFinished goes out, before the key's result is kept.
    if (!held)
        QMetaObject::invokeMethod(this, &BatchRunner::endIfIdle, Qt::QueuedConnection);
}

void BatchRunner::pump()
{
    const int limit = qMax(1, m_context->profile.maxParallelKeys);
    while (!m_queue.isEmpty() && m_running.size() < limit) {
        const device::TokenInfo key = m_queue.takeFirst();
        auto job = std::make_shared<ProvisioningJob>(m_context, key);
        m_running.insert(key.serial, job);
        // The sink runs on the job's thread, under the job's lock: it only posts to this thread. detach() in
        // the destructor stops it before this object goes away.
        job->start([this](const ProvisioningJob::Update &u) {
            QMetaObject::invokeMethod(
                this, [this, u] { onUpdate(u.serial, u.stage, u.finished, u.result); }, Qt::QueuedConnection);
        });
    }
}

void BatchRunner::watchdog()
{
    const qint64 now = steadyMs();
    for (const auto &job : std::as_const(m_running))
        job->expire(now);
}

void BatchRunner::onUpdate(const QString &serial, JobStage stage, bool finished, const JobResult &result)
{
    if (!finished) {
        Q_EMIT keyProgress(serial, stage);
        return;
    }
    m_running.remove(serial);
    Q_EMIT keyProgress(serial, stage);
    Q_EMIT keyFinished(result);
    // A continuous batch runs all day: keep what the summary and a retry need, not every certificate and
    // timing (those are in the journal and with whoever listened to keyFinished).
    JobResult kept = result;
    kept.certDer.clear();
    kept.steps.clear();
    m_results.insert(serial, kept);
    pump();
    endIfIdle();
}

void BatchRunner::endIfIdle()
{
    if (!m_active || !m_running.isEmpty() || !m_queue.isEmpty())
        return;
    if ((m_continuous || m_held) && !m_finishing)
        return;
    BatchSummary summary;
    summary.batchId = m_context->batchId;
    summary.elapsedMs = steadyMs() - m_startMs;
    for (const auto &r : std::as_const(m_results)) {
        if (r.outcome == JobStage::Done)
            ++summary.done;
        else if (r.outcome == JobStage::Cancelled)
            ++summary.cancelled;
        else
            ++summary.failed;
        if (r.error.isLotRefusal())
            ++summary.refused;
        if (r.alreadyProvisioned)
            ++summary.alreadyProvisioned;
    }
    m_active = false;
    m_watchdog.stop();
    auto ended
        = m_context->journal->endBatch(summary.batchId,
                                       { { QStringLiteral("done"), summary.done },
                                         { QStringLiteral("failed"), summary.failed },
                                         { QStringLiteral("cancelled"), summary.cancelled },
                                         { QStringLiteral("alreadyProvisioned"), summary.alreadyProvisioned },
                                         { QStringLiteral("refused"), summary.refused },
                                         { QStringLiteral("elapsedMs"), summary.elapsedMs } });
    if (!ended)
        qCCritical(lcCore) << "cannot close batch" << summary.batchId << ended.error().toString();
    Q_EMIT batchFinished(summary);
}

} // namespace ks::core
