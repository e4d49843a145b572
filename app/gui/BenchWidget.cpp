#include "BenchWidget.h"

#include "BatchBanner.h"
#include "BatchProgress.h"
#include "FeedbackPlayer.h"
#include "JobDetailsDialog.h"
#include "LiveText.h"
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
    m_counts = new LiveText(this); // changes with every key: repaints itself only (LiveText.h)
    m_counts->setObjectName(QStringLiteral("counts"));
    m_ca = new QLabel(this);
    m_ca->setObjectName(QStringLiteral("caStatus"));
    m_ca->setTextFormat(Qt::RichText);
    // A row of its own: a CA that does not answer is a red strip across the bench, and a long host name
    // pushes nothing out.
    m_ca->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_ca->setWordWrap(true);
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
    layout->addLayout(status);
    layout->addWidget(m_ca);

    // The batch bar (keys finished of queued, time left) and the banner that says how the batch went: both
    // over the tiles, readable from a step back; nothing at the bench waits for a click.
    m_tracker = new BatchTracker(this);
    m_progress = new BatchProgressWidget(this);
    layout->addWidget(m_progress);
    m_banner = new BatchBanner(this);
    layout->addWidget(m_banner);

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
    // The actions work on the selected tile; the row says which port that is.
    m_selection = new QLabel(this);
    m_selection->setObjectName(QStringLiteral("selection"));
    QFont selectionFont = m_selection->font();
    selectionFont.setBold(true);
    m_selection->setFont(selectionFont);
    tileBar->addWidget(m_selection);
    tileBar->addWidget(m_retry);
    tileBar->addWidget(m_cancel);
    tileBar->addWidget(m_details);
    tileBar->addStretch();
    layout->addLayout(tileBar);

    // Shortcuts, on the buttons and in their tooltips. A button's shortcut works while it is visible in the
    // active window: not while a dialog is open (it is the active window) nor on the lock page.
    const auto shortcut = [](QPushButton *button, const QKeySequence &keys, const QString &tip) {
        const QString shown = keys.toString(QKeySequence::NativeText);
        button->setText(QStringLiteral("%1  (%2)").arg(button->text(), shown));
        button->setShortcut(keys); // after setText, which sets the text's mnemonic as the shortcut
        button->setToolTip(QStringLiteral("%1 (%2)").arg(tip, shown));
    };
    shortcut(m_provision, QKeySequence(Qt::Key_F5), tr("Provision every key on the hub"));
    shortcut(m_cancelAll, QKeySequence(Qt::SHIFT | Qt::Key_F5),
             tr("Stop the batch: keys in progress are cancelled"));
    shortcut(m_retry, QKeySequence(Qt::CTRL | Qt::Key_R), tr("Provision the selected key again"));
    shortcut(m_cancel, QKeySequence(Qt::CTRL | Qt::Key_K), tr("Skip the selected key in this batch"));
    shortcut(m_details, QKeySequence(Qt::CTRL | Qt::Key_I),
             tr("Every step of the selected key, with its time"));

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
    // The ports as the bench before this one numbered them (log out and in during a shift), then the keys.
    m_model->restorePorts(m_station->portOrder());
    for (const auto &key : m_station->keys())
        m_model->addToken(key);
    const auto keepPortOrder = [this] {
        if (m_model->layout().isEmpty())
            m_station->setPortOrder(m_model->ports());
    };
    connect(m_model, &QAbstractItemModel::rowsInserted, this, keepPortOrder);
    connect(m_model, &QAbstractItemModel::modelReset, this, keepPortOrder);
    keepPortOrder();

    connect(m_station, &core::Station::keyQueued, m_model, &TokenTileModel::setQueued);
    connect(m_station, &core::Station::keyProgress, m_model, &TokenTileModel::setProgress);
    connect(m_station, &core::Station::keyFinished, this, &BenchWidget::onKeyFinished);
    connect(m_station, &core::Station::batchFinished, this, &BenchWidget::onBatchFinished);
    connect(m_station, &core::Station::keyQueued, m_tracker, &BatchTracker::queued);
    connect(m_tracker, &BatchTracker::changed, this, [this] {
        m_progress->setStatus(m_tracker->status());
        Q_EMIT batchStatusChanged();
    });
    if (m_station->isBatchActive()) { // opened during a batch: count what it did so far
        m_tracker->start();
        for (const core::BatchKeyState &key : m_station->batchSnapshot()) {
            if (key.finished)
                m_tracker->finished(key.result);
            else
                m_tracker->queued(key.serial);
        }
    }
    connect(m_model, &QAbstractItemModel::dataChanged, this, &BenchWidget::updateNeedPerson);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &BenchWidget::updateNeedPerson);
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
    // A tile changes many times a second in a batch: the buttons follow at once, the counts line at most
    // every PortGridView::kRepaintIntervalMs, with the tiles (each new text re-lays out the window).
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(PortGridView::kRepaintIntervalMs);
    connect(&m_countsTimer, &QTimer::timeout, this, &BenchWidget::updateCounts);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        updateButtons();
        if (!m_countsTimer.isActive())
            m_countsTimer.start();
    });
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
    QString text = sign + u' ' + (status.state == State::Unknown ? tr("CA: checking…") : status.text);
    const int waiting = static_cast<int>(status.keysWaiting.size());
    if (down && waiting > 0) // why the batch has not ended, and that nobody needs to act
        text += QStringLiteral(" — ")
            + tr("%n key(s) will go again by themselves when it answers", nullptr, waiting);
    m_model->setKeysWaitingForCa(status.keysWaiting); // their tiles say so; the others say what to do
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
    QFont caFont = font(); // larger when down: the one thing an operator must see from a step back
    caFont.setBold(true);
    caFont.setPointSizeF(caFont.pointSizeF() * (down ? 1.6 : 1.3));
    m_ca->setFont(caFont);
    m_ca->setStyleSheet(down ? QStringLiteral("color: #ffffff; background: #c62828; padding: 4px 10px;")
                            : status.isUp() ? QStringLiteral("color: #2e7d32; padding: 4px 10px;")
                                            : QStringLiteral("padding: 4px 10px;"));
    if (auto *box = qobject_cast<QMessageBox *>(m_caDetailPopup.data()))
        box->setText(tip);
}

void BenchWidget::provisionAll()
{
    startBatch({});
}

void BenchWidget::startBatch(const QStringList &only)
{
    if (m_starting)
        return;
    if (only.isEmpty())
        m_model->clearResults(); // a retry of one key keeps the other tiles as they are
    m_batchResults.clear();
    m_banner->clear(); // the last batch's banner stays until the next one starts
    // Before the station queues the first key (its keyQueued arrives before the answer below).
    m_tracker->start();
    // The batch opens in the station's thread (a journal commit); the answer arrives through this widget's
    // event loop, and not at all if the widget is gone by then (the watcher is its child).
    m_starting = true;
    updateButtons();
    auto *watcher = new QFutureWatcher<core::Result<QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_starting = false;
        if (watcher->future().resultCount() == 0) { // the station went first
            m_tracker->reset();
            updateButtons();
            return;
        }
        const auto batch = watcher->future().result();
        if (!batch) {
            m_tracker->reset();
            m_banner->showMessage(BatchBanner::Tone::Bad, tr("The batch did not start"),
                                  tr("Could not start: %1").arg(batch.error().message));
            updateButtons();
            return;
        }
        m_batchClock.start();
        updateButtons();
        m_lotBanner->refresh(); // the lot is in the journal now
        Q_EMIT batchStarted(*batch);
    });
    const bool continuous = only.isEmpty() && m_continuous->isChecked();
    watcher->setFuture(m_station->provisionAllAsync(m_session, continuous, m_lot, only));
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
        // No batch to join: a batch of this key only; the other tiles keep their results.
        startBatch({ serial });
        return;
    }
    m_station->retryKey(serial); // joins the running batch again (the bar counts it as to go)
}

void BenchWidget::cancelSelected()
{
    const QString serial = selectedSerial();
    if (serial.isEmpty())
        return;
    m_model->setSkipping(serial); // "Skipping…" at once; Skipped when its result arrives
    m_station->cancelKey(serial);
    updateButtons();
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
    m_tracker->finished(result);
    m_lotBanner->refresh();
    const int number = m_model->keyNumber(result.serial);
    if (result.ok()) {
        m_feedback->success(tr("Port %1 done").arg(number));
    } else if (result.outcome != core::JobStage::Cancelled) {
        m_feedback->failure(tr("Port %1 failed: %2").arg(number).arg(spokenReason(result)));
        // No dialog at the bench: the tile shows it; with the setting on, the banner lists the ports that
        // need a person while the batch runs (updateNeedPerson).
        if (m_failureDialog)
            updateNeedPerson();
    }
    updateButtons();
}

void BenchWidget::onBatchFinished(const core::BatchSummary &s)
{
    m_countsTimer.stop();
    updateCounts(); // the final counts, now
    m_tracker->end();
    const int fresh = s.done - s.alreadyProvisioned; // keys this batch provisioned
    const int keys = s.done + s.failed + s.cancelled;
    const double perMinute = s.elapsedMs > 0 ? fresh * 60000.0 / s.elapsedMs : 0.0;
    QString text = tr("%1 done, %2 failed, %3 skipped, %4 already provisioned, in %5 s (%6 keys per minute).")
                       .arg(fresh)
                       .arg(s.failed)
                       .arg(s.cancelled)
                       .arg(s.alreadyProvisioned)
                       .arg(s.elapsedMs / 1000.0, 0, 'f', 1)
                       .arg(perMinute, 0, 'f', 1);
    if (s.refused > 0)
        text += QLatin1Char(' ') + tr("Of the failed, %n kept out by the lot.", nullptr, s.refused);
    const QStringList needPerson = needPersonLines();
    if (!needPerson.isEmpty())
        text += QLatin1Char('\n') + needPerson.join(QLatin1Char('\n'));
    text += writeLabels(s.batchId);
    // Every key was there already (or refused by the lot): the operator probably did not swap the hub.
    const bool nothingNew = keys > 0 && fresh == 0 && s.alreadyProvisioned + s.refused == keys;
    BatchBanner::Tone tone = BatchBanner::Tone::Good;
    QString title;
    if (nothingNew) {
        tone = BatchBanner::Tone::Attention;
        title = tr("No key was new — was the hub swapped?");
    } else if (s.failed > s.refused) {
        tone = BatchBanner::Tone::Bad;
        title = tr("Batch finished: %n key(s) failed", nullptr, s.failed);
    } else if (s.refused > 0 || s.cancelled > 0) {
        // Keys the lot kept out need a person, not a repair: amber when they are the only failures.
        tone = BatchBanner::Tone::Attention;
        title = tr("Batch finished: %n key(s) not provisioned", nullptr, s.failed + s.cancelled);
    } else if (keys == 0) {
        tone = BatchBanner::Tone::Attention;
        title = tr("Batch finished: no key to provision");
    } else {
        title = tr("Batch finished: %n key(s) done", nullptr, fresh);
    }
    if (m_summaryDialog)
        m_banner->showMessage(tone, title, text);
    else // the setting: the summary is kept (summaryText) but not shown
        m_banner->setMessage(tone, title, text);
    updateButtons();
    m_lotBanner->refresh();
    Q_EMIT batchFinished(s);
}

BatchStatus BenchWidget::batchStatus() const
{
    return m_tracker->status();
}

QStringList BenchWidget::needPersonLines() const
{
    // The ports whose keys need a person (amber) or a retry (red), with what to do.
    using Tone = TokenTileModel::Tone;
    QStringList lines;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString serial = m_model->serialAt(row);
        if (serial.isEmpty())
            continue;
        const QModelIndex index = m_model->index(row);
        const auto tone = static_cast<Tone>(index.data(TokenTileModel::ToneRole).toInt());
        if (tone != Tone::Attention && tone != Tone::Failed)
            continue;
        QString what = index.data(TokenTileModel::NextStepRole).toString();
        if (what.isEmpty())
            what = index.data(TokenTileModel::ErrorTextRole).toString();
        if (what.isEmpty())
            what = index.data(TokenTileModel::AttentionTextRole).toString();
        lines << tr("Port %1: %2").arg(m_model->keyNumber(serial)).arg(what);
    }
    return lines;
}

void BenchWidget::updateNeedPerson()
{
    const QStringList lines = needPersonLines();
    m_tracker->setNeedPerson(lines);
    // The failure setting: while the batch runs, the banner lists what needs a person (never a dialog).
    if (m_failureDialog && m_tracker->status().running) {
        if (lines.isEmpty())
            m_banner->clear();
        else
            m_banner->showMessage(BatchBanner::Tone::Bad,
                                  tr("%n port(s) need a person", nullptr, int(lines.size())),
                                  lines.join(QLatin1Char('\n')));
    }
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
    return m_banner->text();
}

void BenchWidget::updateCounts()
{
    using Tone = TokenTileModel::Tone;
    // "Already provisioned" is counted apart: those keys were not touched (the hub may not have been
    // swapped).
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
    const QModelIndex current = m_view->currentIndex();
    const QString serial = selectedSerial();
    const bool finished = !serial.isEmpty() && m_model->hasResult(serial);
    const bool failed = finished && !m_model->result(serial).ok(); // failed or skipped
    const bool skipping = current.isValid() && current.data(TokenTileModel::SkippingRole).toBool();
    m_retry->setEnabled(failed && !m_starting);
    m_cancel->setEnabled(active && !serial.isEmpty() && !finished && !skipping);
    m_details->setEnabled(finished);
    // Which port the actions are for; without a selection they are all disabled.
    if (!current.isValid())
        m_selection->setText(tr("No port selected: click a tile"));
    else if (serial.isEmpty())
        m_selection->setText(
            tr("Port %1 selected (empty)").arg(current.data(TokenTileModel::PortNumberRole).toInt()));
    else
        m_selection->setText(tr("Port %1 selected").arg(m_model->keyNumber(serial)));
}

} // namespace ks::app
