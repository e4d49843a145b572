#pragma once

#include "core/JobTypes.h"
#include "core/Lot.h"
#include "core/OperatorStore.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QListView;
class QPushButton;

namespace ks::core {
class Station;
struct CaStatus;
} // namespace ks::core

namespace ks::app {

class BatchBanner;
class BatchProgressWidget;
class BatchTracker;
struct BatchStatus;
class FeedbackPlayer;
class LiveText;
class LotBanner;
class LotPickerDialog;
class TokenTileModel;

// The operator's bench: one tile per key, Provision all, continuous mode, cancel; retry, cancel and details
// per tile; sounds, speech and dialogs as the settings say. Everything arrives by signal: no call here waits
// for a key or the CA.
class BenchWidget : public QWidget
{
    Q_OBJECT

public:
    BenchWidget(core::Station *station, const core::OperatorSession &session, FeedbackPlayer *feedback,
                QWidget *parent = nullptr);

    // The settings GuiSettings::failureDialog and summaryDialog; no dialog: the banner over the tiles.
    void setFailureDialogEnabled(bool on) { m_failureDialog = on; } // failed ports listed while a batch runs
    void setSummaryDialogEnabled(bool on) { m_summaryDialog = on; } // the summary banner at the end
    void setCaStatus(const QString &text, bool ok);
    // The hub's layout (GuiSettings benchColumns, benchPorts; docs/gui.md): columns (0: automatic) and the
    // port identity at each position (empty: the ports seen, in natural order).
    void setPortLayout(int columns, const QStringList &ports);
    // The station's CA status in the header: plain words, red when down, the technical detail behind a
    // "Details" link (a non-modal popup) and in the tooltip. Follows Station::caStatusChanged by itself.
    void showCaStatus(const core::CaStatus &status);
    QString caDetail() const { return m_caDetail; }

    TokenTileModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    QString summaryText() const; // the banner's text: how the last batch went, or why it did not start
    BatchBanner *banner() const { return m_banner; }
    BatchProgressWidget *progress() const { return m_progress; }
    // The running (or last) batch: keys finished of queued, counts, time left, ports that need a person.
    BatchStatus batchStatus() const;

    // The lot the next batch runs under (nullopt: no lot). The choice lives in StationApp, which sets it on
    // every new bench; choosing here signals lotChosen.
    void setLot(const std::optional<core::LotManifest> &lot);
    const std::optional<core::LotManifest> &lot() const { return m_lot; }
    LotBanner *lotBanner() const { return m_lotBanner; }
    // The picker while it is open (tests drive it without its modal file dialog).
    LotPickerDialog *lotPicker() const;

public Q_SLOTS:
    void provisionAll();
    void cancelAll();
    void retrySelected();
    void cancelSelected();
    void showDetailsOfSelected();
    // Opens the lot picker (asynchronously); on OK the lot is set and lotChosen follows.
    void chooseLot();

Q_SIGNALS:
    void lotChosen(const std::optional<ks::core::LotManifest> &lot);
    void batchStarted(const QString &batchId);
    void batchFinished(const ks::core::BatchSummary &summary);
    void batchStatusChanged(); // batchStatus() changed (a key queued or finished, the time left)

private:
    void onKeyFinished(const core::JobResult &result);
    void onBatchFinished(const core::BatchSummary &summary);
    // Starts a batch over the keys present (only: just these serials; a retry after the batch ended).
    void startBatch(const QStringList &only);
    void updateNeedPerson();
    QStringList needPersonLines() const;
    void updateCounts();
    void updateButtons();
    QString selectedSerial() const;
    QString spokenReason(const core::JobResult &result) const;
    // Writes the batch's label sheet when the profile asks for one; a sentence for the summary.
    QString writeLabels(const QString &batchId);

    core::Station *m_station;
    bool m_starting = false; // Provision all asked, the station's answer not yet here
    core::OperatorSession m_session;
    FeedbackPlayer *m_feedback;
    TokenTileModel *m_model;
    QListView *m_view;
    QPushButton *m_provision;
    QPushButton *m_cancelAll;
    QCheckBox *m_continuous;
    QPushButton *m_retry;
    QPushButton *m_cancel;
    QPushButton *m_details;
    QPushButton *m_chooseLot;
    LotBanner *m_lotBanner;
    QPointer<LotPickerDialog> m_picker;
    std::optional<core::LotManifest> m_lot;
    LiveText *m_counts;
    QTimer m_countsTimer; // updateCounts, coalesced
    BatchBanner *m_banner;
    BatchProgressWidget *m_progress;
    BatchTracker *m_tracker;
    QLabel *m_selection;
    QLabel *m_ca;
    QString m_caDetail;
    QPointer<QWidget> m_caDetailPopup;
    bool m_failureDialog = false;
    bool m_summaryDialog = true;
    QElapsedTimer m_batchClock;
    QList<core::JobResult> m_batchResults; // done keys of the batch, for its labels
};

} // namespace ks::app
