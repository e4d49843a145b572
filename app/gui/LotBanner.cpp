#include "LotBanner.h"

#include "UiText.h"
#include "core/Journal.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace ks::app {

namespace {

// What one read brings back from the worker thread (QFuture needs a default-constructible result).
struct CountsRead
{
    QString error;
    core::LotCounts counts;
};

} // namespace

LotBanner::LotBanner(core::Journal *journal, QWidget *parent)
    : QFrame(parent)
    , m_journal(journal)
    , m_title(new QLabel(this))
    , m_line(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("lotBanner"));
    setFrameShape(QFrame::StyledPanel);
    m_title->setObjectName(QStringLiteral("lotTitle"));
    m_line->setObjectName(QStringLiteral("lotCounts"));
    m_line->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_title->setFont(bold);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_title);
    layout->addSpacing(16);
    layout->addWidget(m_line, 1);
    // Other stations sharing the journal add to the counts between this station's keys.
    m_timer->setInterval(15000);
    connect(m_timer, &QTimer::timeout, this, &LotBanner::refresh);
    setVisible(false);
}

// Waits for nothing: a query still running goes on without it, and its answer is dropped with its watcher
// (a child). The journal outlives such queries: its owner waits for Qt's global thread pool before closing
// it (core/StationThread).
LotBanner::~LotBanner() = default;

void LotBanner::setRefreshIntervalMs(int ms)
{
    m_timer->setInterval(ms);
}

void LotBanner::setLot(const std::optional<core::LotManifest> &lot)
{
    m_lot = lot;
    m_counts.reset();
    ++m_generation; // an answer for the previous lot is dropped
    if (!m_lot) {
        m_timer->stop();
        setVisible(false);
        return;
    }
    m_title->setText(tr("Lot %1").arg(UiText::lotTitle(*m_lot)));
    m_line->setText(tr("target %1 keys; reading the counts…").arg(m_lot->quantity));
    setStyleSheet(QStringLiteral("#lotBanner { background: #e8f0fe; border: 1px solid #1a63c7; "
                                 "border-radius: 4px; }"));
    setVisible(true);
    m_timer->start();
    refresh();
}

QString LotBanner::titleText() const
{
    return m_title->text();
}

QString LotBanner::countsText() const
{
    return m_line->text();
}

void LotBanner::refresh()
{
    if (!m_lot || !m_journal)
        return;
    const quint64 generation = ++m_generation;
    core::Journal *journal = m_journal;
    const QString id = m_lot->id;
    QFuture<CountsRead> future = QtConcurrent::run([journal, id] {
        auto counts = journal->lotCounts(id);
        return counts ? CountsRead { {}, *counts } : CountsRead { counts.error().message, {} };
    });
    auto *watcher = new QFutureWatcher<CountsRead>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const CountsRead read = watcher->result();
        watcher->deleteLater();
        showCounts(generation, read.error, read.counts);
    });
    watcher->setFuture(future);
}

void LotBanner::showCounts(quint64 generation, const QString &error, const core::LotCounts &counts)
{
    if (generation != m_generation || !m_lot)
        return;
    if (!error.isEmpty()) {
        // A lot not in the journal yet (chosen from a file, no batch started) has no counts: nothing is
        // wrong.
        m_line->setText(tr("target %1 keys; no key provisioned in this lot yet").arg(m_lot->quantity));
        Q_EMIT countsFailed(error);
        return;
    }
    m_counts = counts;
    QString line = UiText::lotCountsLine(counts);
    const bool complete = counts.quantity > 0 && counts.remaining == 0;
    if (complete)
        line = tr("Lot complete.") + QStringLiteral(" ") + line;
    m_line->setText(line);
    setStyleSheet(complete ? QStringLiteral("#lotBanner { background: #d4f4d9; border: 1px solid #1e8e3e; "
                                            "border-radius: 4px; }")
                           : QStringLiteral("#lotBanner { background: #e8f0fe; border: 1px solid #1a63c7; "
                                            "border-radius: 4px; }"));
    Q_EMIT countsUpdated(counts);
}

} // namespace ks::app
