#pragma once

#include "BatchLogReport.h"
#include "BatchLogStats.h"
#include "core/CoreError.h"
#include "core/JournalTypes.h"
#include "core/OperatorStore.h"

#include <QFuture>
#include <QList>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace ks::core {
class Journal;
}

namespace ks::app {

class AttemptTableModel;
struct LogSnapshot;
class BatchLogCharts;
class LogFilterBar;
class LotView;
class StepEventModel;

// The supervisor's batch log (docs/batch-log.md): the journal's attempts as a filterable table, the steps of
// the selected attempt, Verify log, CSV and PDF export, and charts.
//
// Every journal call runs on a worker thread (QtConcurrent) and comes back through a QFutureWatcher it owns:
// the GUI thread never waits for the database. Each load signals its end (attemptsLoaded, detailLoaded,
// verifyFinished, exportFinished) so callers and tests know when the view is current. The session's role is
// checked for every action (ReadLog, VerifyLog, ExportLog); without ReadLog the widget shows no data.
class BatchLogWidget : public QWidget
{
    Q_OBJECT

public:
    // journal must outlive the widget and the queries it started (the widget does not wait for them). Loads
    // the log at once when the session may read it.
    BatchLogWidget(core::Journal *journal, const core::OperatorSession &session, QWidget *parent = nullptr);
    // Returns at once: the answers of journal calls still running are dropped.
    ~BatchLogWidget() override;

    bool canRead() const;
    core::AttemptFilter filter() const;
    // Sets the filter controls and reloads (attemptsLoaded follows).
    void setFilter(const core::AttemptFilter &filter);
    // Shows the steps of one attempt (detailLoaded follows); false when it is not in the table.
    bool selectAttempt(const QString &attemptId);

    // The rows shown, unsorted (the journal's order), the steps shown, and the charts' numbers.
    const QList<core::AttemptRecord> &attempts() const;
    const StepEventModel *stepModel() const { return m_steps; }
    const BatchLogCharts *charts() const { return m_charts; }
    const BatchLogStats &stats() const { return m_stats; }
    // The rows shown counted per key (what the counts line says).
    const BatchLogStats::KeyCounts &keyCounts() const { return m_keyCounts; }
    QString countsText() const;
    // The folder of the last successful export ("Open folder" shows it); empty after a failure.
    QString lastExportFolder() const { return m_lastExportFolder; }
    // The "Lots" tab: lots with their counts and hand-over reports (refreshed with the log).
    LotView *lotView() const { return m_lotView; }
    std::optional<core::VerifyResult> lastVerify() const { return m_lastVerify; }
    QString verifyMessage() const;
    QString statusMessage() const;

    // Synchronous exports of the current filter, for callers that want the result at once (tests, the
    // command line); the buttons run the same code on a worker thread. PermissionDenied without ExportLog.
    core::Result<int> exportCsv(const QString &path);
    core::Result<int> exportPdf(const QString &path);

public slots:
    void refresh();
    void verifyLog();
    // Ask for a file name, then export on a worker thread (exportFinished follows).
    void exportCsvInteractive();
    void exportPdfInteractive();
    // Export to path on a worker thread (exportFinished follows); what the buttons do after the dialog.
    void startExportCsv(const QString &path);
    void startExportPdf(const QString &path);

signals:
    void attemptsLoaded(int rows);
    void detailLoaded(const QString &attemptId, int events);
    void verifyFinished(bool intact, const QString &message);
    void exportFinished(bool ok, const QString &message);
    // After a failed verification named a record of a batch: that batch is shown and, when the record
    // belongs to an attempt, its row (1-based, as sorted on screen) is selected. row 0: no attempt row.
    void tamperLocated(const QString &batchId, const QString &attemptId, int row);
    void loadFailed(const QString &message);

private:
    void buildUi();
    QTableView *buildTable(QWidget *page);
    QWidget *buildDetail(QWidget *page);
    QWidget *buildRefusal();
    void applyPermissions();
    void showLoaded(quint64 generation, const LogSnapshot &loaded);
    void loadDetail(const QString &attemptId);
    void showAttemptHeader(const core::AttemptRecord *attempt);
    void showVerify(const std::optional<core::VerifyResult> &result, const QString &error);
    void setStatus(const QString &text, bool error = false);
    void updateCounts();
    int shownRowOf(const QString &attemptId) const;
    void showTamperSpot();
    // Runs handler on the GUI thread, from the event loop, once future has its result.
    template<class T, class F> void deliver(QFuture<T> future, F handler);
    core::Status authorize(core::Permission permission) const;
    QString selectedAttemptId() const;
    struct ExportJob;
    void runExport(bool pdf, const QString &path);
    BatchLogReport::Content reportContent() const;

    core::Journal *m_journal;
    core::OperatorSession m_session;
    LogFilterBar *m_filterBar = nullptr;
    AttemptTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    StepEventModel *m_steps = nullptr;
    QTableView *m_stepView = nullptr;
    QLabel *m_attemptHeader = nullptr;
    BatchLogCharts *m_charts = nullptr;
    QLabel *m_verifyBanner = nullptr;
    QLabel *m_counts = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_verifyButton = nullptr;
    QPushButton *m_csvButton = nullptr;
    QPushButton *m_pdfButton = nullptr;
    QPushButton *m_openFolder = nullptr;
    QString m_lastExportFolder;
    struct TamperSpot
    {
        QString batchId;
        QString attemptId;
    };
    TamperSpot m_tamper; // set by a failed verification, shown by the load it starts
    BatchLogStats::KeyCounts m_keyCounts;
    QStackedWidget *m_pages = nullptr;
    LotView *m_lotView = nullptr;
    BatchLogStats m_stats;
    std::optional<core::VerifyResult> m_lastVerify;
    QString m_verifyMessage;
    QList<core::BatchRecord> m_batches;
    quint64 m_generation = 0;
    quint64 m_detailGeneration = 0;
};

} // namespace ks::app
