#include "BatchProgress.h"

#include "LiveText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

#include <cmath>

namespace ks::app {

BatchTracker::BatchTracker(QObject *parent)
    : QObject(parent)
    , m_ticker(this)
{
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &BatchTracker::changed);
}

void BatchTracker::start()
{
    m_started = true;
    m_running = true;
    m_keys.clear();
    m_needPerson.clear();
    m_etaMs = -1;
    m_clock.start();
    m_ticker.start();
    Q_EMIT changed();
}

void BatchTracker::queued(const QString &serial)
{
    if (!m_running) // a batch this bench did not start (another window, a log-in during the batch)
        start();
    m_keys.insert(serial, State::Pending);
    estimate();
    Q_EMIT changed();
}

void BatchTracker::finished(const core::JobResult &result)
{
    State state = State::Failed;
    if (result.ok())
        state = result.alreadyProvisioned ? State::Already : State::Done;
    else if (result.outcome == core::JobStage::Cancelled)
        state = State::Skipped;
    m_keys.insert(result.serial, state);
    estimate();
    Q_EMIT changed();
}

void BatchTracker::end()
{
    m_running = false;
    m_etaMs = -1;
    m_ticker.stop();
    Q_EMIT changed();
}

void BatchTracker::reset()
{
    m_started = false;
    m_running = false;
    m_keys.clear();
    m_etaMs = -1;
    m_ticker.stop();
    Q_EMIT changed();
}

void BatchTracker::setNeedPerson(const QStringList &lines)
{
    if (lines == m_needPerson)
        return;
    m_needPerson = lines;
    Q_EMIT changed();
}

void BatchTracker::estimate()
{
    const BatchStatus s = status();
    // The pace is the keys that did the whole work: a wrong PIN, a skipped or an already provisioned key ends
    // in a second and would promise the operator a batch far shorter than it is.
    const int finished = s.finished();
    if (!m_running || s.done == 0 || !m_clock.isValid()) {
        m_etaMs = -1;
        return;
    }
    const qint64 elapsed = m_clock.elapsed();
    m_etaMs = elapsed * (s.total - finished) / s.done;
    m_etaAtMs = elapsed;
}

BatchStatus BatchTracker::status() const
{
    BatchStatus s;
    s.started = m_started;
    s.running = m_running;
    s.total = int(m_keys.size());
    for (const State state : m_keys) {
        switch (state) {
        case State::Pending:
            break;
        case State::Done:
            ++s.done;
            break;
        case State::Already:
            ++s.already;
            break;
        case State::Failed:
            ++s.failed;
            break;
        case State::Skipped:
            ++s.skipped;
            break;
        }
    }
    if (m_running && m_etaMs >= 0)
        s.etaMs = qMax<qint64>(0, m_etaMs - (m_clock.elapsed() - m_etaAtMs));
    s.needPerson = m_needPerson;
    return s;
}

BatchProgressWidget::BatchProgressWidget(QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_line(new LiveText(this))
{
    setObjectName(QStringLiteral("batchProgress"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_bar->setObjectName(QStringLiteral("batchBar"));
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_bar->setTextVisible(true);
    m_bar->setAlignment(Qt::AlignCenter);
    QFont big = m_bar->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_bar->setFont(big);
    m_bar->setMinimumHeight(QFontMetrics(big).height() + 12);
    m_line->setObjectName(QStringLiteral("batchLine"));
    QFont line = m_line->font();
    line.setPointSizeF(line.pointSizeF() * 1.4);
    m_line->setFont(line);
    layout->addWidget(m_bar);
    layout->addWidget(m_line);
    setStatus({});
}

QString BatchProgressWidget::etaText(const BatchStatus &s)
{
    if (!s.running)
        return {};
    if (s.etaMs < 0)
        return tr("estimating…");
    const qint64 seconds = (s.etaMs + 999) / 1000;
    if (seconds < 60)
        return tr("about %n s left", nullptr, int(qMax<qint64>(seconds, 1)));
    return tr("about %n min left", nullptr, int(std::lround(seconds / 60.0)));
}

void BatchProgressWidget::setStatus(const BatchStatus &s)
{
    // QProgressBar::setValue repaints at once when the shown value changes: a synchronous paint of every
    // dirty region of the window (the tiles' pending updates too), once per finished key. With updates off
    // while it changes, the bar is drawn with the rest of the window at the next paint instead.
    m_bar->setUpdatesEnabled(false);
    applyStatus(s);
    m_bar->setUpdatesEnabled(true); // update(): an ordinary, coalesced repaint
}

void BatchProgressWidget::applyStatus(const BatchStatus &s)
{
    if (!s.started) {
        m_bar->setRange(0, 1);
        m_bar->setValue(0);
        m_bar->setFormat(tr("No batch yet"));
        m_line->setText(tr("Plug the keys in and press Provision all."));
        return;
    }
    m_bar->setRange(0, qMax(1, s.total));
    m_bar->setValue(s.finished());
    //: The batch bar: keys finished of keys in the batch.
    m_bar->setFormat(tr("%1 / %2 keys").arg(s.finished()).arg(s.total));
    QStringList parts;
    parts << tr("%n new", nullptr, s.done);
    if (s.already)
        parts << tr("%n already provisioned", nullptr, s.already);
    if (s.failed)
        parts << tr("%n failed", nullptr, s.failed);
    if (s.skipped)
        parts << tr("%n skipped", nullptr, s.skipped);
    if (s.running)
        parts << etaText(s);
    else
        parts << tr("batch finished");
    m_line->setText(parts.join(QStringLiteral(" · ")));
}

QString BatchProgressWidget::text() const
{
    return m_bar->text() + QLatin1Char(' ') + m_line->text();
}

} // namespace ks::app
