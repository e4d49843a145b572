#include "BatchLogWidget.h"

#include "AttemptTableModel.h"
#include "BatchLogCharts.h"
#include "BatchLogReport.h"
#include "LogColors.h"
#include "LogFilterBar.h"
#include "LogText.h"
#include "LotView.h"
#include "StepEventModel.h"
#include "core/Journal.h"

#include <QChart>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QGraphicsScene>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ks::app {

using core::Permission;

// What one load brings back from the worker thread. Plain members: QFuture needs default-constructible
// results, which core::Result is not.
struct LogSnapshot
{
    QString error;
    QList<core::BatchRecord> batches;
    QList<core::AttemptRecord> attempts;
    core::BatchRecord chartBatch; // id empty: no batch to chart
    QList<core::AttemptRecord> chartAttempts;
};

namespace {

LogSnapshot load(core::Journal &journal, const core::OperatorSession &reader,
                 const core::AttemptFilter &filter)
{
    LogSnapshot l;
    auto batches = journal.batches(reader);
    if (!batches) {
        l.error = batches.error().message;
        return l;
    }
    l.batches = std::move(*batches);
    auto attempts = journal.attempts(reader, LogText::journalFilter(filter));
    if (!attempts) {
        l.error = attempts.error().message;
        return l;
    }
    l.attempts = LogText::matching(filter, std::move(*attempts));
    // Keys per minute is a property of a whole batch: the selected one, else the newest one shown.
    const QString chartBatch = !filter.batchId.isEmpty()
        ? filter.batchId
        : (l.attempts.isEmpty() ? QString() : l.attempts.last().batchId);
    for (const core::BatchRecord &b : std::as_const(l.batches))
        if (b.id == chartBatch)
            l.chartBatch = b;
    if (!l.chartBatch.id.isEmpty()) {
        core::AttemptFilter whole;
        whole.batchId = l.chartBatch.id;
        auto all = journal.attempts(reader, whole);
        if (!all) {
            l.error = all.error().message;
            return l;
        }
        l.chartAttempts = std::move(*all);
    }
    return l;
}

struct Events
{
    QString error;
    QList<core::EventRecord> events;
};

struct Verified
{
    QString error;
    core::VerifyResult result;
    // Where a broken record sits, when it belongs to a batch (and an attempt): found through the chained
    // events, which name both.
    QString batchId;
    QString attemptId;
};

// The batch and attempt of the record verify() found broken: an attempt row, a batch row, or an event.
void locate(core::Journal &journal, const core::OperatorSession &reader, Verified &v)
{
    const core::VerifyResult &r = v.result;
    if (r.intact || r.recordId.isEmpty())
        return;
    if (r.table == QLatin1String("ks_batches")) {
        v.batchId = r.recordId;
    } else if (r.table == QLatin1String("ks_attempts")) {
        v.attemptId = r.recordId;
        if (auto events = journal.events(reader, r.recordId); events && !events->isEmpty())
            v.batchId = events->first().batchId;
    } else if (r.table == QLatin1String("ks_events")) {
        bool ok = false;
        const qint64 seq = r.recordId.toLongLong(&ok);
        if (!ok)
            return;
        auto events = journal.events(reader);
        if (events)
            for (const core::EventRecord &e : std::as_const(*events))
                if (e.seq == seq) {
                    v.batchId = e.batchId;
                    v.attemptId = e.attemptId;
                }
    }
}

struct Exported
{
    QString error;
    int rows = 0;
};

Exported toExported(const core::Result<int> &r)
{
    return r ? Exported { {}, *r } : Exported { r.error().message, 0 };
}

QPushButton *makeButton(const QString &text, const QString &name, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    return button;
}

} // namespace

BatchLogWidget::BatchLogWidget(core::Journal *journal, const core::OperatorSession &session, QWidget *parent)
    : QWidget(parent)
    , m_journal(journal)
    , m_session(session)
{
    buildUi();
    applyPermissions();
    // Queued: a load that finishes at once would otherwise signal before the caller could connect.
    if (canRead())
        QMetaObject::invokeMethod(this, &BatchLogWidget::refresh, Qt::QueuedConnection);
}

// Waits for nothing: a query still running goes on without it, and its answer is dropped with its watcher
// (a child). The journal outlives such queries: its owner waits for Qt's global thread pool before closing
// it (core/StationThread).
BatchLogWidget::~BatchLogWidget() = default;

void BatchLogWidget::buildUi()
{
    m_pages = new QStackedWidget(this);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_pages);

    auto *page = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    m_filterBar = new LogFilterBar(page);
    layout->addWidget(m_filterBar);

    auto *actions = new QHBoxLayout;
    m_refreshButton = makeButton(tr("Refresh"), QStringLiteral("refreshButton"), page);
    m_verifyButton = makeButton(tr("Verify log"), QStringLiteral("verifyButton"), page);
    m_csvButton = makeButton(tr("Export CSV…"), QStringLiteral("csvButton"), page);
    m_pdfButton = makeButton(tr("Export PDF…"), QStringLiteral("pdfButton"), page);
    m_verifyButton->setToolTip(tr("Recompute the journal's hash chain and compare every row with it"));
    m_verifyBanner = new QLabel(page);
    m_verifyBanner->setObjectName(QStringLiteral("verifyBanner"));
    m_verifyBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verifyBanner->setWordWrap(true);
    for (QPushButton *b : { m_refreshButton, m_verifyButton, m_csvButton, m_pdfButton })
        actions->addWidget(b);
    actions->addSpacing(12);
    actions->addWidget(m_verifyBanner, 1);
    layout->addLayout(actions);

    m_table = buildTable(page);
    QWidget *detail = buildDetail(page);
    m_charts = new BatchLogCharts(page);

    auto *bottom = new QSplitter(Qt::Horizontal, page);
    bottom->addWidget(detail);
    bottom->addWidget(m_charts);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({ 640, 860 });
    bottom->setChildrenCollapsible(false);
    detail->setMinimumWidth(300);
    auto *split = new QSplitter(Qt::Vertical, page);
    split->addWidget(m_table);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    auto *statusLine = new QHBoxLayout;
    m_counts = new QLabel(page);
    m_counts->setObjectName(QStringLiteral("countsLabel"));
    m_status = new QLabel(page);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_openFolder = new QPushButton(tr("Open folder"), page);
    m_openFolder->setObjectName(QStringLiteral("openFolderButton"));
    m_openFolder->setToolTip(tr("Show the exported file in the file manager"));
    m_openFolder->hide();
    m_status->setWordWrap(true);
    statusLine->addWidget(m_counts);
    statusLine->addStretch(1);
    statusLine->addWidget(m_status, 1);
    statusLine->addWidget(m_openFolder);
    layout->addLayout(statusLine);

    // The attempts and, beside them, the lots (work orders) with their counts and hand-over reports.
    auto *tabs = new QTabWidget(m_pages);
    tabs->setObjectName(QStringLiteral("logTabs"));
    tabs->setDocumentMode(true);
    tabs->addTab(page, tr("Attempts"));
    m_lotView = new LotView(m_journal, m_session, tabs);
    tabs->addTab(m_lotView, tr("Lots"));
    m_pages->addWidget(tabs);
    m_pages->addWidget(buildRefusal());

    connect(m_filterBar, &LogFilterBar::filterChanged, this, &BatchLogWidget::refresh);
    connect(m_refreshButton, &QPushButton::clicked, this, &BatchLogWidget::refresh);
    connect(m_verifyButton, &QPushButton::clicked, this, &BatchLogWidget::verifyLog);
    connect(m_csvButton, &QPushButton::clicked, this, &BatchLogWidget::exportCsvInteractive);
    connect(m_pdfButton, &QPushButton::clicked, this, &BatchLogWidget::exportPdfInteractive);
    connect(m_openFolder, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastExportFolder)); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { loadDetail(selectedAttemptId()); });
    showVerify(std::nullopt, {});
}

QTableView *BatchLogWidget::buildTable(QWidget *page)
{
    m_model = new AttemptTableModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(AttemptTableModel::SortRole);
    auto *table = new QTableView(page);
    table->setObjectName(QStringLiteral("attemptTable"));
    table->setModel(m_proxy);
    table->setSortingEnabled(true);
    table->sortByColumn(AttemptTableModel::Time, Qt::DescendingOrder);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setSectionResizeMode(AttemptTableModel::Error, QHeaderView::Stretch);
    return table;
}

QWidget *BatchLogWidget::buildDetail(QWidget *page)
{
    m_attemptHeader = new QLabel(tr("Select an attempt to see its steps."), page);
    m_attemptHeader->setObjectName(QStringLiteral("attemptHeader"));
    m_attemptHeader->setWordWrap(true);
    m_attemptHeader->setTextFormat(Qt::RichText);
    m_attemptHeader->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_steps = new StepEventModel(this);
    m_stepView = new QTableView(page);
    m_stepView->setObjectName(QStringLiteral("stepTable"));
    m_stepView->setModel(m_steps);
    m_stepView->verticalHeader()->hide();
    m_stepView->verticalHeader()->setDefaultSectionSize(m_stepView->fontMetrics().height() + 6);
    m_stepView->setWordWrap(false);
    m_stepView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_stepView->horizontalHeader()->setStretchLastSection(true);
    auto *detail = new QWidget(page);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_attemptHeader);
    detailLayout->addWidget(m_stepView, 1);
    return detail;
}

QWidget *BatchLogWidget::buildRefusal()
{
    auto *label = new QLabel(m_pages);
    label->setObjectName(QStringLiteral("refusalLabel"));
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setText(QStringLiteral("<h2>%1</h2><p>%2</p>")
                       .arg(tr("The batch log is for supervisors").toHtmlEscaped(),
                            tr("You are logged in as %1 (%2). Ask a supervisor or an administrator to review "
                               "the log.")
                                .arg(m_session.name(), core::roleTitle(m_session.role()))
                                .toHtmlEscaped()));
    return label;
}

core::Status BatchLogWidget::authorize(Permission permission) const
{
    if (!m_journal)
        return core::CoreError::make(core::CoreError::Code::InvalidArgument, tr("No journal is open."));
    return core::OperatorStore::authorize(m_session, permission);
}

bool BatchLogWidget::canRead() const
{
    return bool(authorize(Permission::ReadLog));
}

void BatchLogWidget::applyPermissions()
{
    m_pages->setCurrentIndex(canRead() ? 0 : 1);
    m_verifyButton->setVisible(bool(authorize(Permission::VerifyLog)));
    const bool exportAllowed = bool(authorize(Permission::ExportLog));
    m_csvButton->setVisible(exportAllowed);
    m_pdfButton->setVisible(exportAllowed);
}

template<class T, class F> void BatchLogWidget::deliver(QFuture<T> future, F handler)
{
    // A watcher owned by the widget, not then(this, …): Qt 6.4's context continuation asserts (and drops the
    // answer) when the widget is destroyed first, and calls the handler directly when the future finished
    // before it was attached. The watcher's signal always comes from the event loop, after the call that
    // asked returned (so a newer request supersedes an older one), and dies with the widget.
    auto *watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, handler = std::move(handler)] {
        handler(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(future);
}

core::AttemptFilter BatchLogWidget::filter() const
{
    return m_filterBar->filter();
}

void BatchLogWidget::setFilter(const core::AttemptFilter &filter)
{
    m_filterBar->setFilter(filter);
    refresh();
}

const QList<core::AttemptRecord> &BatchLogWidget::attempts() const
{
    return m_model->attempts();
}

void BatchLogWidget::refresh()
{
    if (auto allowed = authorize(Permission::ReadLog); !allowed) {
        setStatus(allowed.error().message, true);
        emit loadFailed(allowed.error().message);
        return;
    }
    m_lotView->refresh();
    const quint64 generation = ++m_generation;
    const core::AttemptFilter f = filter();
    core::Journal *journal = m_journal;
    setStatus(tr("Loading…"));
    QFuture<LogSnapshot> future
        = QtConcurrent::run([journal, f, reader = m_session] { return load(*journal, reader, f); });
    deliver(future, [this, generation](const LogSnapshot &loaded) { showLoaded(generation, loaded); });
}

void BatchLogWidget::showLoaded(quint64 generation, const LogSnapshot &l)
{
    // A newer filter was asked for while this one loaded: its answer is the one to show.
    if (generation != m_generation)
        return;
    if (!l.error.isEmpty()) {
        setStatus(tr("Cannot read the log: %1").arg(l.error), true);
        emit loadFailed(l.error);
        return;
    }
    const QString keep = selectedAttemptId();
    m_batches = l.batches;
    m_filterBar->setBatches(l.batches);
    m_model->setAttempts(l.attempts);
    if (l.attempts.size() <= 2000)
        for (int c = 0; c < AttemptTableModel::ColumnCount; ++c)
            if (c != AttemptTableModel::Error)
                m_table->resizeColumnToContents(c);

    m_stats = BatchLogStats {};
    m_stats.batchId = l.chartBatch.id;
    m_stats.batchStartedMs = l.chartBatch.startedMs;
    m_stats.keysPerMinute = BatchLogStats::bucketPerMinute(l.chartAttempts, l.chartBatch.startedMs);
    m_stats.failuresByReason = BatchLogStats::countFailures(l.attempts);
    m_charts->setStats(m_stats,
                       l.chartBatch.id.isEmpty()
                           ? QString()
                           : tr("%1, %2").arg(l.chartBatch.operatorName,
                                              QDateTime::fromMSecsSinceEpoch(l.chartBatch.startedMs)
                                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm"))));

    updateCounts();
    setStatus({});
    if (!m_tamper.batchId.isEmpty() && filter().batchId == m_tamper.batchId) {
        showTamperSpot();
    } else if (!keep.isEmpty() && !selectAttempt(keep)) {
        m_steps->setEvents({});
        showAttemptHeader(nullptr);
    }
    emit attemptsLoaded(int(l.attempts.size()));
}

void BatchLogWidget::updateCounts()
{
    m_keyCounts = BatchLogStats::countKeys(m_model->attempts());
    QString text = BatchLogStats::keyCountsText(m_keyCounts, true);
    if (m_model->rowCount() >= core::AttemptFilter {}.limit)
        text += QStringLiteral(" ")
            + tr("(only the first %1 are shown)").arg(core::AttemptFilter {}.limit).toHtmlEscaped();
    m_counts->setText(text);
    m_counts->setToolTip(BatchLogStats::keyCountsExplained(m_keyCounts));
}

int BatchLogWidget::shownRowOf(const QString &attemptId) const
{
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        if (m_proxy->index(row, 0).data(AttemptTableModel::AttemptIdRole).toString() == attemptId)
            return row + 1;
    return 0;
}

void BatchLogWidget::showTamperSpot()
{
    const TamperSpot spot = std::exchange(m_tamper, {});
    QString where;
    int row = 0;
    if (!spot.attemptId.isEmpty() && selectAttempt(spot.attemptId)) {
        row = shownRowOf(spot.attemptId);
        const core::AttemptRecord *a = m_model->attempt(m_proxy->mapToSource(m_table->currentIndex()).row());
        where = tr("Batch %1, row %2 of the table (key %3): selected below.")
                    .arg(spot.batchId.left(8))
                    .arg(row)
                    .arg(a ? a->serial : QString());
    } else {
        where = tr("Batch %1: its attempts are shown below.").arg(spot.batchId.left(8));
    }
    m_verifyMessage += QStringLiteral(" — ") + where;
    m_verifyBanner->setText(QStringLiteral("✘ ") + m_verifyMessage);
    m_verifyBanner->setToolTip(tr("Batch %1").arg(spot.batchId));
    emit tamperLocated(spot.batchId, spot.attemptId, row);
}

QString BatchLogWidget::selectedAttemptId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.data(AttemptTableModel::AttemptIdRole).toString() : QString();
}

bool BatchLogWidget::selectAttempt(const QString &attemptId)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (index.data(AttemptTableModel::AttemptIdRole).toString() == attemptId) {
            m_table->selectionModel()->setCurrentIndex(
                index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            m_table->scrollTo(index);
            loadDetail(attemptId);
            return true;
        }
    }
    return false;
}

void BatchLogWidget::loadDetail(const QString &attemptId)
{
    const quint64 generation = ++m_detailGeneration;
    const core::AttemptRecord *attempt = nullptr;
    for (const core::AttemptRecord &a : m_model->attempts())
        if (a.id == attemptId)
            attempt = &a;
    showAttemptHeader(attempt);
    if (!attempt || !canRead()) {
        m_steps->setEvents({});
        return;
    }
    core::Journal *journal = m_journal;
    QFuture<Events> future = QtConcurrent::run([journal, attemptId, reader = m_session] {
        auto events = journal->events(reader, attemptId);
        return events ? Events { {}, *events } : Events { events.error().message, {} };
    });
    deliver(future, [this, generation, attemptId](const Events &e) {
        if (generation != m_detailGeneration)
            return;
        if (!e.error.isEmpty())
            setStatus(tr("Cannot read the steps: %1").arg(e.error), true);
        m_steps->setEvents(e.events);
        for (int c = 0; c < StepEventModel::Detail; ++c)
            m_stepView->resizeColumnToContents(c);
        emit detailLoaded(attemptId, int(e.events.size()));
    });
}

void BatchLogWidget::showAttemptHeader(const core::AttemptRecord *a)
{
    if (!a) {
        m_attemptHeader->setText(tr("Select an attempt to see its steps."));
        return;
    }
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    QString h = QStringLiteral("<b style=\"font-family:monospace\">%1</b> · %2 · "
                               "<span style=\"color:%3;font-weight:bold\">%4</span>")
                    .arg(esc(a->serial), esc(a->model), LogColors::stateForeground(a->state).name(),
                         esc(LogText::stateTitle(a->state)));
    if (a->endedMs)
        h += QStringLiteral(" ") + esc(tr("in %1").arg(LogText::duration(a->endedMs - a->startedMs)));
    QStringList facts;
    if (!a->certSerialHex.isEmpty())
        facts << esc(
            tr("certificate %1, expires %2").arg(a->certSerialHex, LogText::date(a->certNotAfterMs)));
    if (!a->keyIdHex.isEmpty())
        facts << esc(tr("key pair %1").arg(a->keyIdHex));
    facts << esc(tr("operator %1 on %2").arg(a->operatorName, a->station));
    h += QStringLiteral("<br>") + facts.join(QStringLiteral(" · "));
    if (a->state == QLatin1String("failed") || a->state == QLatin1String("cancelled"))
        h += QStringLiteral("<br><span style=\"color:%1\">%2</span>")
                 .arg(LogColors::failureText().name(),
                      esc(tr("Failed at “%1”: %2")
                              .arg(LogText::stepTitle(a->lastStep),
                                   AttemptTableModel::cellText(*a, AttemptTableModel::Error))));
    m_attemptHeader->setText(h);
}

void BatchLogWidget::verifyLog()
{
    // The journal checks the reader's role (Journal::verify with a session); a role without VerifyLog does
    // not see the button, and if it calls this anyway it gets the journal's refusal in the banner.
    m_verifyButton->setEnabled(false);
    m_verifyBanner->setStyleSheet({});
    m_verifyBanner->setText(tr("Verifying the hash chain…"));
    core::Journal *journal = m_journal;
    QFuture<Verified> future = QtConcurrent::run([journal, reader = m_session] {
        auto r = journal->verify(reader);
        Verified v { r ? QString() : r.error().message, r ? *r : core::VerifyResult {}, {}, {} };
        if (r)
            locate(*journal, reader, v);
        return v;
    });
    deliver(future, [this](const Verified &v) {
        m_verifyButton->setEnabled(true);
        if (v.error.isEmpty())
            showVerify(v.result, {});
        else
            showVerify(std::nullopt, tr("The log could not be verified: %1").arg(v.error));
        emit verifyFinished(m_lastVerify && m_lastVerify->intact, m_verifyMessage);
        // A broken record of a batch: show that batch and select the row (the next load does).
        if (v.error.isEmpty() && !v.result.intact && !v.batchId.isEmpty()) {
            m_tamper = TamperSpot { v.batchId, v.attemptId };
            core::AttemptFilter f;
            f.batchId = v.batchId;
            setFilter(f);
        }
    });
}

void BatchLogWidget::showVerify(const std::optional<core::VerifyResult> &result, const QString &error)
{
    m_lastVerify = result;
    QColor fg = palette().color(QPalette::WindowText), bg = palette().color(QPalette::Window);
    if (result) {
        m_verifyMessage = BatchLogReport::verifyText(*result);
        fg = result->intact ? LogColors::intact() : LogColors::broken();
        bg = LogColors::stateBackground(result->intact ? QStringLiteral("done") : QStringLiteral("failed"));
        m_verifyBanner->setText((result->intact ? QStringLiteral("✔ ") : QStringLiteral("✘ "))
                                + m_verifyMessage);
    } else if (!error.isEmpty()) {
        m_verifyMessage = error;
        fg = LogColors::broken();
        bg = LogColors::stateBackground(QStringLiteral("failed"));
        m_verifyBanner->setText(error);
    } else {
        m_verifyMessage.clear();
        m_verifyBanner->setText(tr("Not verified yet: press Verify log to check the hash chain."));
        m_verifyBanner->setStyleSheet(QStringLiteral("QLabel { color: palette(mid); padding: 4px; }"));
        return;
    }
    m_verifyBanner->setStyleSheet(
        QStringLiteral("QLabel { color: %1; background: %2; border: 1px solid %1; border-radius: 3px; "
                       "padding: 4px 8px; font-weight: bold; }")
            .arg(fg.name(), bg.name()));
}

QString BatchLogWidget::verifyMessage() const
{
    return m_verifyMessage;
}

QString BatchLogWidget::countsText() const
{
    return m_counts->text();
}

QString BatchLogWidget::statusMessage() const
{
    return m_status->text();
}

void BatchLogWidget::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(
        error ? QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(LogColors::broken().name())
              : QString());
}

core::Result<int> BatchLogWidget::exportCsv(const QString &path)
{
    for (Permission p : { Permission::ReadLog, Permission::ExportLog })
        if (auto allowed = authorize(p); !allowed)
            return allowed.error();
    return BatchLogReport::writeCsv(*m_journal, m_session, filter(), path);
}

// What the PDF says about who made it and what it shows; the attempts and the verification are read
// with it, on whichever thread writes the report.
struct BatchLogWidget::ExportJob
{
    BatchLogReport::Content content;
    bool withVerify = false;
};

BatchLogReport::Content BatchLogWidget::reportContent() const
{
    BatchLogReport::Content content;
    content.filterSummary = m_filterBar->summary();
    content.readerName = tr("%1 (%2)").arg(m_session.name(), core::roleTitle(m_session.role()));
    content.station = m_journal->location();
    content.generatedMs = QDateTime::currentMSecsSinceEpoch();
    // The charts as they are on screen (painted here, on the GUI thread; the image travels to the writer).
    if (!m_stats.keysPerMinute.isEmpty() || !m_stats.failuresByReason.isEmpty()) {
        QImage image;
        if (m_charts->isVisible()) {
            image = QImage(m_charts->size() * 2, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(2);
            image.fill(Qt::white);
            m_charts->render(&image);
        } else {
            // A hidden widget (never shown, or a test) has no layout yet: paint each chart's scene side by
            // side at a report-friendly size (a QChart is a graphics item: it resizes without being shown).
            const QSizeF chartSize(500, 320);
            image = QImage(QSize(1000, 320) * 2, QImage::Format_ARGB32_Premultiplied);
            image.setDevicePixelRatio(2);
            image.fill(Qt::white);
            QPainter painter(&image);
            qreal x = 0;
            for (QChart *chart : { m_charts->keysPerMinuteChart(), m_charts->failuresChart() }) {
                chart->resize(chartSize);
                chart->scene()->render(&painter, QRectF(QPointF(x, 0), chartSize),
                                       QRectF(chart->pos(), chartSize));
                x += chartSize.width();
            }
        }
        content.charts = image;
    }
    return content;
}

core::Result<int> BatchLogWidget::exportPdf(const QString &path)
{
    for (Permission p : { Permission::ReadLog, Permission::ExportLog })
        if (auto allowed = authorize(p); !allowed)
            return allowed.error();
    return BatchLogReport::writePdf(*m_journal, m_session, filter(), reportContent(),
                                    bool(authorize(Permission::VerifyLog)), path);
}

void BatchLogWidget::exportCsvInteractive()
{
    const QString name = QStringLiteral("keystation-log-%1.csv")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the batch log as CSV"),
                                                      QDir(dir).filePath(name), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        runExport(false, path);
}

void BatchLogWidget::startExportCsv(const QString &path)
{
    runExport(false, path);
}

void BatchLogWidget::startExportPdf(const QString &path)
{
    runExport(true, path);
}

void BatchLogWidget::exportPdfInteractive()
{
    const QString name = QStringLiteral("keystation-log-%1.pdf")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the batch log as PDF"),
                                                      QDir(dir).filePath(name), tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        runExport(true, path);
}

void BatchLogWidget::runExport(bool pdf, const QString &path)
{
    for (Permission p : { Permission::ReadLog, Permission::ExportLog })
        if (auto allowed = authorize(p); !allowed) {
            setStatus(allowed.error().message, true);
            emit exportFinished(false, allowed.error().message);
            return;
        }
    ExportJob job;
    job.content = reportContent();
    job.withVerify = bool(authorize(Permission::VerifyLog));
    core::Journal *journal = m_journal;
    const core::AttemptFilter f = filter();
    m_csvButton->setEnabled(false);
    m_pdfButton->setEnabled(false);
    m_openFolder->hide();
    setStatus(tr("Exporting to %1…").arg(QDir::toNativeSeparators(path)));
    QFuture<Exported> future = QtConcurrent::run([journal, reader = m_session, f, job, pdf, path] {
        return toExported(
            pdf ? BatchLogReport::writePdf(*journal, reader, f, job.content, job.withVerify, path)
                : BatchLogReport::writeCsv(*journal, reader, f, path));
    });
    deliver(future, [this, path](const Exported &e) {
        m_csvButton->setEnabled(true);
        m_pdfButton->setEnabled(true);
        const QString absolute = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
        QString message;
        if (e.error.isEmpty())
            message = tr("Exported %1 attempts to %2.").arg(e.rows).arg(absolute);
        else if (e.error.contains(absolute) || e.error.contains(path))
            message = tr("Export failed: %1").arg(e.error);
        else
            message = tr("Export to %1 failed: %2").arg(absolute, e.error);
        setStatus((e.error.isEmpty() ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + message,
                  !e.error.isEmpty());
        m_lastExportFolder = e.error.isEmpty() ? QFileInfo(path).absolutePath() : QString();
        m_openFolder->setVisible(e.error.isEmpty());
        emit exportFinished(e.error.isEmpty(), message);
    });
}

} // namespace ks::app
