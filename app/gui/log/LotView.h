#pragma once

#include "core/CoreError.h"
#include "core/Lot.h"
#include "core/OperatorStore.h"

#include <QFuture>
#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace ks::core {
class Journal;
}

namespace ks::app {

// The batch log's "Lots" view (docs/batch-log.md): every lot in the journal with its counts; the selected
// lot's counts in full (by station, by operator) and its hand-over report (CSV, PEM bundle, PDF: app/report).
// Journal calls run on a worker thread; lotsLoaded and exportFinished say when they are done. Reading needs
// ReadLog, exporting ExportLog, as for the rest of the batch log.
class LotView : public QWidget
{
    Q_OBJECT

public:
    // journal must outlive the view and the queries it started (the view does not wait for them).
    LotView(core::Journal *journal, const core::OperatorSession &session, QWidget *parent = nullptr);
    ~LotView() override;

    int lotCount() const;
    QString lotIdAt(int row) const;
    bool selectLot(const QString &lotId);
    QString selectedLotId() const;
    QString detailText() const;
    QString statusMessage() const;
    // The folder of the last report written ("Open folder" shows it); empty after a failure.
    QString lastExportFolder() const { return m_lastExportFolder; }
    const QList<core::LotCounts> &counts() const { return m_counts; }

    // The files the hand-over report of lot `lotId` is written to in `directory`: CSV, PEM bundle, PDF.
    static QStringList reportFiles(const QString &directory, const QString &lotId);

public Q_SLOTS:
    void refresh();
    // Asks for a directory, then writes the selected lot's report there (exportFinished follows).
    void exportReportInteractive();
    // What the button does after its dialog: CSV, PEM bundle and PDF of the lot into directory, on a worker
    // thread.
    void startExport(const QString &lotId, const QString &directory);

Q_SIGNALS:
    void lotsLoaded(int count);
    void exportFinished(bool ok, const QString &message);

private:
    core::Status authorize(core::Permission permission) const;
    void showLoaded(quint64 generation, const QString &error, const QList<core::LotManifest> &lots,
                    const QList<core::LotCounts> &counts);
    void showDetail();
    void setStatus(const QString &text, bool error = false);
    void updateButtons();

    core::Journal *m_journal;
    core::OperatorSession m_session;
    QTableWidget *m_table;
    QLabel *m_detail;
    QLabel *m_status;
    QPushButton *m_refresh;
    QPushButton *m_export;
    QPushButton *m_openFolder = nullptr;
    QString m_lastExportFolder;
    QList<core::LotManifest> m_lots;
    QList<core::LotCounts> m_counts;
    quint64 m_generation = 0;
    bool m_exporting = false;
};

} // namespace ks::app
