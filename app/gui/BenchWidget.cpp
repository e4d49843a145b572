#include "BenchWidget.h"

#include "FeedbackPlayer.h"
#include "JobDetailsDialog.h"
#include "LotBanner.h"
#include "LotPickerDialog.h"
#include "PortGridView.h"
#include "TokenTileDelegate.h"
#include "TokenTileModel.h"
#include "app/report/LabelSheet.h"
#include "core/Station.h"

#include <QCheckBox>
#include <QDir>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace ks::app {

BenchWidget::BenchWidget(core::Station *station, const core::OperatorSession &session,
                         FeedbackPlayer *feedback, QWidget *parent)
    : QWidget(parent)
    , m_station(station)
    , m_session(session)
    , m_feedback(feedback)
    , m_model(new TokenTileModel(this))
{
    setObjectName(QStringLiteral("bench"));
    auto *layout = new QVBoxLayout(this);

    auto *bar = new QHBoxLayout;
    m_provision = new QPushButton(QIcon(QStringLiteral(":/icons/provision.svg")), tr("Provision all"), this);
    m_provision->setObjectName(QStringLiteral("provisionAll"));
    m_provision->setMinimumHeight(40);
    QFont big = m_provision->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_provision->setFont(big);
    m_continuous = new QCheckBox(tr("Continuous mode (provision keys as they are plugged in)"), this);
    m_continuous->setObjectName(QStringLiteral("continuous"));
    m_cancelAll = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Cancel all"), this);
    m_cancelAll->setObjectName(QStringLiteral("cancelAll"));
    m_chooseLot = new QPushButton(tr("Lot…"), this);
    m_chooseLot->setObjectName(QStringLiteral("chooseLot"));
    m_chooseLot->setToolTip(tr("Choose the lot (work order) the next batch runs under"));
    bar->addWidget(m_provision);
    bar->addWidget(m_continuous);
    bar->addStretch();
    bar->addWidget(m_chooseLot);
    bar->addWidget(m_cancelAll);
    layout->addLayout(bar);

    m_lotBanner = new LotBanner(m_station->journal(), this);
    layout->addWidget(m_lotBanner);

    auto *status = new QHBoxLayout;
    m_counts = new QLabel(this);
    m_counts->setObjectName(QStringLiteral("counts"));
    m_ca = new QLabel(this);
    m_ca->setObjectName(QStringLiteral("caStatus"));
    m_ca->setTextFormat(Qt::RichText);
    // A row of its own: a CA that does not answer is a red strip across the bench, and a long host name
    // pushes nothing out.
    m_ca->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    QFont caFont = m_ca->font(); // read from the bench, 1.5 m away
    caFont.setPointSizeF(caFont.pointSizeF() * 1.3);
    caFont.setBold(true);
    m_ca->setFont(caFont);
    m_ca->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(m_ca, &QLabel::linkActivated, this, [this] {
        // Non-modal: the bench goes on while someone reads it.
        if (m_caDetailPopup) {
            m_caDetailPopup->raise();
            return;
        }
        auto *box = new QMessageBox(QMessageBox::Information, tr("CA status"), m_ca->toolTip(),
                                    QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("caDetails"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setModal(false);
        box->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_caDetailPopup = box;
        box->show();
    });
    status->addWidget(m_counts);
    status->addStretch();
    layout->addLayout(status);
    layout->addWidget(m_ca);

    // The hub's ports as a grid that fills the window (PortGridView, TokenTileModel's sockets).
    m_view = new PortGridView(this);
    m_view->setObjectName(QStringLiteral("tiles"));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setModel(m_model);
    layout->addWidget(m_view, 1);

    auto *tileBar = new QHBoxLayout;
    m_retry = new QPushButton(QIcon(QStringLiteral(":/icons/retry.svg")), tr("Retry key"), this);
    m_retry->setObjectName(QStringLiteral("retryKey"));
    m_cancel = new QPushButton(QIcon(QStringLiteral(":/icons/cancel.svg")), tr("Skip key"), this);
    m_cancel->setObjectName(QStringLiteral("cancelKey"));
    m_details = new QPushButton(QIcon(QStringLiteral(":/icons/details.svg")), tr("Details…"), this);
    m_details->setObjectName(QStringLiteral("detailsKey"));
    tileBar->addWidget(new QLabel(tr("Selected key:"), this));
    tileBar->addWidget(m_retry);
    tileBar->addWidget(m_cancel);
    tileBar->addWidget(m_details);
    tileBar->addStretch();
    layout->addLayout(tileBar);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);

    connect(m_provision, &QPushButton::clicked, this, &BenchWidget::provisionAll);
    connect(m_cancelAll, &QPushButton::clicked, this, &BenchWidget::cancelAll);
    connect(m_chooseLot, &QPushButton::clicked, this, &BenchWidget::chooseLot);
    connect(m_retry, &QPushButton::clicked, this, &BenchWidget::retrySelected);
    connect(m_cancel, &QPushButton::clicked, this, &BenchWidget::cancelSelected);
    connect(m_details, &QPushButton::clicked, this, &BenchWidget::showDetailsOfSelected);
    connect(m_view, &QListView::doubleClicked, this, &BenchWidget::showDetailsOfSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &BenchWidget::updateButtons);
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_view->indexAt(pos);
        if (!index.isValid())
            return;
        m_view->setCurrentIndex(index);
        QMenu menu(this);
        menu.addAction(m_retry->icon(), m_retry->text(), this, &BenchWidget::retrySelected)
            ->setEnabled(m_retry->isEnabled());
        menu.addAction(m_cancel->icon(), m_cancel->text(), this, &BenchWidget::cancelSelected)
            ->setEnabled(m_cancel->isEnabled());
        menu.addAction(m_details->icon(), m_details->text(), this, &BenchWidget::showDetailsOfSelected)
            ->setEnabled(m_details->isEnabled());
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });

    // The station may run in a thread of its own: its signals arrive queued. Connected before the keys
    // present are read, so none is missed (a key added twice keeps one tile).
    connect(m_station, &core::Station::keyAdded, m_model, &TokenTileModel::addToken);
    connect(m_station, &core::Station::keyChanged, m_model, &TokenTileModel::changeToken);
    connect(m_station, &core::Station::keyRemoved, m_model, &TokenTileModel::removeToken);
    for (const auto &key : m_station->keys())
        m_model->addToken(key);

    connect(m_station, &core::Station::keyQueued, m_model, &TokenTileModel::setQueued);
    connect(m_station, &core::Station::keyProgress, m_model, &TokenTileModel::setProgress);
    connect(m_station, &core::Station::keyFinished, this, &BenchWidget::onKeyFinished);
    connect(m_station, &core::Station::batchFinished, this, &BenchWidget::onBatchFinished);
    // A bench opened during a batch (log out and in again) shows it as it stands: each key's last step or
    // result. Read after connecting, so nothing that follows is missed.
    for (const core::BatchKeyState &key : m_station->batchSnapshot()) {
        if (key.finished) {
            m_model->setFinished(key.result);
            if (key.result.ok())
                m_batchResults << key.result; // for the label sheet
        } else {
            m_model->setQueued(key.serial);
            if (key.stage != core::JobStage::Queued)
                m_model->setProgress(key.serial, key.stage);
        }
    }
    connect(m_station, &core::Station::caStatusChanged, this, &BenchWidget::showCaStatus);
    showCaStatus(m_station->caStatus());

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &BenchWidget::updateCounts);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &BenchWidget::updateCounts);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BenchWidget::updateCounts);
    updateCounts();
}

void BenchWidget::setPortLayout(int columns, const QStringList &ports)
{
    if (ports != m_model->layout())
        m_model->setLayout(ports);
    static_cast<PortGridView *>(m_view)->setColumns(columns);
}

void BenchWidget::setCaStatus(const QString &text, bool ok)
{
    m_ca->setText(text);
    m_ca->setStyleSheet(ok ? QString() : QStringLiteral("color: #c62828; font-weight: bold;"));
}

void BenchWidget::showCaStatus(const core::CaStatus &status)
{
    using State = core::CaStatus::State;
    const bool down = status.state == State::Down;
    // A sign as well as the colour: ✓ up, ✗ down, … not checked yet.
    const QString sign = status.isUp() ? QStringLiteral("\u2713")
        : down                         ? QStringLiteral("\u2717")
                                       : QStringLiteral("\u2026");
    const QString text = sign + u' ' + (status.state == State::Unknown ? tr("CA: checking…") : status.text);
    m_caDetail = status.detail;
    m_ca->setText(m_caDetail.isEmpty()
                      ? text.toHtmlEscaped()
                      : QStringLiteral("%1 &nbsp;<a href=\"#ca-details\" style=\"color: %2;\">%3</a>")
                            .arg(text.toHtmlEscaped(),
                                 down ? QStringLiteral("#ffffff") : QStringLiteral("#1565c0"),
                                 tr("Details…")));
    QString tip = m_caDetail;
    if (status.checkedAt.isValid())
        tip += u'\n' + tr("Checked at %1").arg(QLocale().toString(status.checkedAt.toLocalTime().time()));
    m_ca->setToolTip(tip);
    m_ca->setProperty("caUp", status.isUp());
    m_ca->setStyleSheet(down ? QStringLiteral("color: #ffffff; background: #c62828; padding: 4px 10px;")
                            : status.isUp() ? QStringLiteral("color: #2e7d32; padding: 4px 10px;")
                                            : QStringLiteral("padding: 4px 10px;"));
    if (auto *box = qobject_cast<QMessageBox *>(m_caDetailPopup.data()))
        box->setText(tip);
}

void BenchWidget::provisionAll()
{
    m_model->clearResults();
    m_batchResults.clear();
    m_summary->clear();
    if (m_starting)
        return;
    // The batch opens in the station's thread (a journal commit); the answer arrives through this widget's
    // event loop, and not at all if the widget is gone by then (the watcher is its child).
    m_starting = true;
    updateButtons();
    auto *watcher = new QFutureWatcher<core::Result<QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_starting = false;
        if (watcher->future().resultCount() == 0) { // the station went first
            updateButtons();
            return;
        }
        const auto batch = watcher->future().result();
        if (!batch) {
            m_summary->setText(tr("Could not start: %1").arg(batch.error().message));
            m_summary->setStyleSheet(QStringLiteral("color: #c62828;"));
            updateButtons();
            return;
        }
        m_summary->setStyleSheet({});
        m_batchClock.start();
        updateButtons();
        m_lotBanner->refresh(); // the lot is in the journal now
        Q_EMIT batchStarted(*batch);
    });
    watcher->setFuture(m_station->provisionAllAsync(m_session, m_continuous->isChecked(), m_lot));
}

void BenchWidget::setLot(const std::optional<core::LotManifest> &lot)
{
    m_lot = lot;
    m_lotBanner->setLot(lot);
    updateButtons();
}

LotPickerDialog *BenchWidget::lotPicker() const
{
    return m_picker;
}

void BenchWidget::chooseLot()
{
    if (m_picker) {
        m_picker->raise();
        return;
    }
    m_picker = new LotPickerDialog(m_station->journal(), m_station->profile().name, m_lot, this);
    m_picker->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_picker, &QDialog::finished, this, [this, picker = m_picker](int code) {
        if (code != QDialog::Accepted || !picker)
            return;
        setLot(picker->selectedLot());
        Q_EMIT lotChosen(m_lot);
    });
    m_picker->open();
}

void BenchWidget::cancelAll()
{
    m_station->cancelBatch();
}

QString BenchWidget::selectedSerial() const
{
    return m_model->serialAt(m_view->currentIndex().row());
}

void BenchWidget::retrySelected()
{
    const QString serial = selectedSerial();
    if (serial.isEmpty())
        return;
    if (!m_station->isBatchActive()) {
        // No batch to join: start one with the keys present (the finished ones are skipped by the engine).
        provisionAll();
        return;
    }
    m_station->retryKey(serial);
}

void BenchWidget::cancelSelected()
{
    const QString serial = selectedSerial();
    if (!serial.isEmpty())
        m_station->cancelKey(serial);
}

void BenchWidget::showDetailsOfSelected()
{
    const QString serial = selectedSerial();
    if (serial.isEmpty() || !m_model->hasResult(serial))
        return;
    auto *dialog = new JobDetailsDialog(m_model->result(serial), m_model->keyNumber(serial), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QString BenchWidget::spokenReason(const core::JobResult &r) const
{
    // Short words to be spoken; what is shown comes from core's table (JobError::title, nextStep).
    using K = core::JobError::Kind;
    switch (r.error.kind) {
    case K::PinIncorrect:
        return tr("wrong PIN");
    case K::PinLocked:
        return tr("PIN locked");
    case K::PinFinalTry:
    case K::PinCountLow:
        return tr("too few PIN tries left");
    case K::Timeout:
        return tr("timed out");
    case K::Cancelled:
        return tr("cancelled");
    case K::Ca:
        return tr("the CA did not issue a certificate");
    case K::KeyRemoved:
        return tr("key pulled out");
    case K::NotInLot:
        return tr("not in this lot");
    case K::AlreadyInLot:
        return tr("already done in this lot");
    case K::LotComplete:
        return tr("the lot is complete");
    default:
        return r.errorMessage;
    }
}

void BenchWidget::onKeyFinished(const core::JobResult &result)
{
    if (result.ok())
        m_batchResults << result; // for the label sheet
    m_model->setFinished(result);
    m_lotBanner->refresh();
    const int number = m_model->keyNumber(result.serial);
    if (result.ok()) {
        m_feedback->success(tr("Port %1 done").arg(number));
    } else if (result.outcome != core::JobStage::Cancelled) {
        m_feedback->failure(tr("Port %1 failed: %2").arg(number).arg(spokenReason(result)));
        if (m_failureDialog) {
            auto *box = new QMessageBox(
                QMessageBox::Warning, tr("Port %1 failed").arg(number),
                tr("Port %1 (serial %2) failed: %3").arg(number).arg(result.serial, result.errorMessage),
                QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    }
    updateButtons();
}

void BenchWidget::onBatchFinished(const core::BatchSummary &s)
{
    QString text = tr("Batch finished: %1 done, %2 failed, %3 cancelled, %4 already provisioned, in %5 s "
                      "(%6 keys per minute).")
                       .arg(s.done)
                       .arg(s.failed)
                       .arg(s.cancelled)
                       .arg(s.alreadyProvisioned)
                       .arg(s.elapsedMs / 1000.0, 0, 'f', 1)
                       .arg(s.keysPerMinute(), 0, 'f', 1);
    if (s.refused > 0)
        text += QLatin1Char(' ') + tr("Of the failed, %n kept out by the lot.", nullptr, s.refused);
    const QString labels = writeLabels(s.batchId);
    m_summary->setText(text + labels);
    // Keys the lot kept out need a person, not a repair: amber when they are the only failures.
    m_summary->setStyleSheet(s.failed > s.refused ? QStringLiteral("color: #c62828; font-weight: bold;")
                                 : s.refused      ? QStringLiteral("color: #8a5a00; font-weight: bold;")
                                                  : QStringLiteral("color: #1e8e3e; font-weight: bold;"));
    if (m_summaryDialog) {
        auto *box = new QMessageBox(s.failed ? QMessageBox::Warning : QMessageBox::Information,
                                    tr("Batch finished"), text + labels, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("summaryDialog"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    updateButtons();
    m_lotBanner->refresh();
    Q_EMIT batchFinished(s);
}

QString BenchWidget::writeLabels(const QString &batchId)
{
    // The label sheet a profile with "labels" asks for (docs/profiles.md): one label per key this batch
    // provisioned; the summary says where it is, or why it is not.
    const QList<core::JobResult> results = m_batchResults;
    m_batchResults.clear();
    auto sheet = report::writeBatchLabels(m_station->profile(), batchId, results);
    if (!sheet)
        return QLatin1Char(' ') + tr("The label sheet could not be written: %1").arg(sheet.error().message);
    if (sheet->isEmpty())
        return {};
    return QLatin1Char(' ') + tr("Label sheet: %1").arg(QDir::toNativeSeparators(*sheet));
}

QString BenchWidget::summaryText() const
{
    return m_summary->text();
}

void BenchWidget::updateCounts()
{
    using Tone = TokenTileModel::Tone;
    // "Already provisioned" is counted apart: those keys were not touched (the hub may not have been swapped).
    m_counts->setText(tr("%n key(s) on the hub", nullptr, m_model->keyCount()) + QStringLiteral(" · ")
                      + tr("%1 done · %2 already provisioned · %3 failed · %4 running · %5 need a person")
                            .arg(m_model->count(Tone::Done))
                            .arg(m_model->count(Tone::Already))
                            .arg(m_model->count(Tone::Failed))
                            .arg(m_model->count(Tone::Busy))
                            .arg(m_model->count(Tone::Attention)));
    updateButtons();
}

void BenchWidget::updateButtons()
{
    const bool active = m_station->isBatchActive() || m_starting;
    m_provision->setEnabled(!active);
    m_continuous->setEnabled(!active);
    m_chooseLot->setEnabled(!active); // a batch runs under the lot it started with
    m_cancelAll->setEnabled(active);
    const QString serial = selectedSerial();
    const bool finished = !serial.isEmpty() && m_model->hasResult(serial);
    const bool failed = finished && !m_model->result(serial).ok();
    m_retry->setEnabled(failed);
    m_cancel->setEnabled(active && !serial.isEmpty() && !finished);
    m_details->setEnabled(finished);
}

} // namespace ks::app
