#include "LotView.h"

#include "LogColors.h"
#include "app/report/LotReport.h"
#include "core/Journal.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ks::app {

using core::Permission;

namespace {

struct LotsLoaded
{
    QString error;
    QList<core::LotManifest> lots;
    QList<core::LotCounts> counts; // one per lot, same order
};

struct ReportWritten
{
    QString error;
    int keys = 0;
};

enum Column
{
    Id,
    Customer,
    Model,
    Profile,
    Done,
    Failed,
    Refused,
    Remaining,
    FirstPass,
    Final,
    PerHour,
    ColumnCount
};

QString percent(double fraction)
{
    return QLocale().toString(fraction * 100.0, 'f', 0) + QStringLiteral(" %");
}

QString when(qint64 ms)
{
    return ms > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::ShortFormat) : QString();
}

ReportWritten writeReport(core::Journal &journal, const QString &lotId, const QStringList &files)
{
    auto lot = journal.lot(lotId);
    if (!lot)
        return { lot.error().message, 0 };
    auto counts = journal.lotCounts(lotId);
    if (!counts)
        return { counts.error().message, 0 };
    auto keys = journal.lotKeys(lotId);
    if (!keys)
        return { keys.error().message, 0 };
    if (auto s = report::writeLotCsv(*keys, files.at(0)); !s)
        return { s.error().message, 0 };
    if (auto s = report::writeLotPem(*keys, files.at(1)); !s)
        return { s.error().message, 0 };
    if (auto s = report::writeLotPdf(*lot, *counts, *keys, files.at(2)); !s)
        return { s.error().message, 0 };
    return { {}, int(keys->size()) };
}

} // namespace

LotView::LotView(core::Journal *journal, const core::OperatorSession &session, QWidget *parent)
    : QWidget(parent)
    , m_journal(journal)
    , m_session(session)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_detail(new QLabel(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("lotView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    auto *actions = new QHBoxLayout;
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshLots"));
    m_export = new QPushButton(tr("Export report…"), this);
    m_export->setObjectName(QStringLiteral("exportLotReport"));
    m_export->setToolTip(tr("The hand-over for the customer: every key (CSV), the certificates (one PEM "
                            "bundle) and a PDF summary with a signature line"));
    actions->addWidget(m_refresh);
    actions->addWidget(m_export);
    actions->addStretch(1);
    layout->addLayout(actions);

    m_table->setObjectName(QStringLiteral("lotTable"));
    m_table->setHorizontalHeaderLabels({ tr("Lot"), tr("Customer"), tr("Model"), tr("Profile"), tr("Done"),
                                         tr("Failed"), tr("Refused"), tr("Remaining"), tr("First-pass yield"),
                                         tr("Final yield"), tr("Keys/h") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(Customer, QHeaderView::Stretch);

    m_detail->setObjectName(QStringLiteral("lotDetail"));
    m_detail->setTextFormat(Qt::RichText);
    m_detail->setWordWrap(true);
    m_detail->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_detail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setMargin(6);

    // The lots above, the selected lot in full below (scrolls on a small screen).
    auto *detailArea = new QScrollArea(this);
    detailArea->setWidget(m_detail);
    detailArea->setWidgetResizable(true);
    detailArea->setFrameShape(QFrame::StyledPanel);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(detailArea);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({ 240, 360 });
    split->setChildrenCollapsible(false);
    layout->addWidget(split, 1);

    m_status->setObjectName(QStringLiteral("lotStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_openFolder = new QPushButton(tr("Open folder"), this);
    m_openFolder->setObjectName(QStringLiteral("openLotFolder"));
    m_openFolder->setToolTip(tr("Show the report's files in the file manager"));
    m_openFolder->hide();
    auto *statusLine = new QHBoxLayout;
    statusLine->addWidget(m_status, 1);
    statusLine->addWidget(m_openFolder);
    layout->addLayout(statusLine);

    connect(m_refresh, &QPushButton::clicked, this, &LotView::refresh);
    connect(m_export, &QPushButton::clicked, this, &LotView::exportReportInteractive);
    connect(m_openFolder, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastExportFolder)); });
    connect(m_table, &QTableWidget::currentCellChanged, this, [this] {
        showDetail();
        updateButtons();
    });
    m_export->setVisible(bool(authorize(Permission::ExportLog)));
    showDetail();
    updateButtons();
}

// Waits for nothing: a query still running goes on without it, and its answer is dropped with its watcher
// (a child). The journal outlives such queries: its owner waits for Qt's global thread pool before closing
// it (core/StationThread).
LotView::~LotView() = default;

core::Status LotView::authorize(Permission permission) const
{
    if (!m_journal)
        return core::CoreError::make(core::CoreError::Code::InvalidArgument, tr("No journal is open."));
    return core::OperatorStore::authorize(m_session, permission);
}

int LotView::lotCount() const
{
    return int(m_lots.size());
}

QString LotView::lotIdAt(int row) const
{
    return row >= 0 && row < m_lots.size() ? m_lots.at(row).id : QString();
}

QString LotView::selectedLotId() const
{
    const int row = m_table->currentRow();
    const QTableWidgetItem *item = row >= 0 ? m_table->item(row, Id) : nullptr;
    return item ? item->data(Qt::UserRole).toString() : QString();
}

bool LotView::selectLot(const QString &lotId)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, Id)->data(Qt::UserRole).toString() == lotId) {
            m_table->setCurrentCell(row, Id);
            return true;
        }
    return false;
}

QString LotView::detailText() const
{
    return m_detail->text();
}

QString LotView::statusMessage() const
{
    return m_status->text();
}

void LotView::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(
        error ? QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(LogColors::broken().name())
              : QString());
}

void LotView::updateButtons()
{
    m_export->setEnabled(!m_exporting && !selectedLotId().isEmpty()
                         && bool(authorize(Permission::ExportLog)));
}

void LotView::refresh()
{
    if (auto allowed = authorize(Permission::ReadLog); !allowed) {
        setStatus(allowed.error().message, true);
        return;
    }
    const quint64 generation = ++m_generation;
    core::Journal *journal = m_journal;
    setStatus(tr("Loading…"));
    QFuture<LotsLoaded> future = QtConcurrent::run([journal] {
        LotsLoaded l;
        auto lots = journal->lots();
        if (!lots) {
            l.error = lots.error().message;
            return l;
        }
        l.lots = *lots;
        for (const core::LotManifest &lot : std::as_const(l.lots)) {
            auto counts = journal->lotCounts(lot.id);
            if (!counts) {
                l.error = counts.error().message;
                return l;
            }
            l.counts.append(*counts);
        }
        return l;
    });
    auto *watcher = new QFutureWatcher<LotsLoaded>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const LotsLoaded l = watcher->result();
        watcher->deleteLater();
        showLoaded(generation, l.error, l.lots, l.counts);
    });
    watcher->setFuture(future);
}

void LotView::showLoaded(quint64 generation, const QString &error, const QList<core::LotManifest> &lots,
                         const QList<core::LotCounts> &counts)
{
    if (generation != m_generation)
        return;
    if (!error.isEmpty()) {
        setStatus(tr("Cannot read the lots: %1").arg(error), true);
        Q_EMIT lotsLoaded(-1);
        return;
    }
    const QString keep = selectedLotId();
    m_lots = lots;
    m_counts = counts;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(lots.size()));
    for (int row = 0; row < lots.size(); ++row) {
        const core::LotManifest &lot = lots.at(row);
        const core::LotCounts &c = counts.at(row);
        const QString cells[ColumnCount] = {
            lot.id,
            lot.customer,
            lot.model,
            lot.profile,
            tr("%1 / %2").arg(c.done).arg(c.quantity),
            QString::number(c.failed),
            QString::number(c.refused),
            QString::number(c.remaining),
            percent(c.firstPassYield),
            percent(c.finalYield),
            QLocale().toString(c.keysPerHour, 'f', 1),
        };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column >= Done)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (column == Id)
                item->setData(Qt::UserRole, lot.id);
            if (column == Done && c.quantity > 0 && c.remaining == 0) {
                item->setForeground(LogColors::stateForeground(QStringLiteral("done")));
                item->setBackground(LogColors::stateBackground(QStringLiteral("done")));
            }
            if (column == Failed && c.failed > 0)
                item->setForeground(LogColors::stateForeground(QStringLiteral("failed")));
            if (column == Refused && c.refused > 0)
                item->setForeground(LogColors::stateForeground(QStringLiteral("cancelled")));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(Customer, QHeaderView::Stretch);
    if (keep.isEmpty() || !selectLot(keep)) {
        if (!lots.isEmpty())
            m_table->setCurrentCell(0, Id);
    }
    showDetail();
    updateButtons();
    setStatus(lots.isEmpty() ? tr("No lots yet: choose a lot on the bench (Lot…) before Provision all.")
                             : QString());
    Q_EMIT lotsLoaded(int(lots.size()));
}

void LotView::showDetail()
{
    const QString id = selectedLotId();
    int index = -1;
    for (int i = 0; i < m_lots.size(); ++i)
        if (m_lots.at(i).id == id)
            index = i;
    if (index < 0) {
        m_detail->setText(tr("Select a lot to see its counts."));
        return;
    }
    const core::LotManifest &lot = m_lots.at(index);
    const core::LotCounts &c = m_counts.at(index);
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    auto row = [&](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td style=\"padding-right:14px\">%1</td><td><b>%2</b></td></tr>")
            .arg(esc(name), esc(value));
    };
    QString h = QStringLiteral("<h3>%1</h3>").arg(esc(tr("Lot %1").arg(lot.id)));
    QStringList what;
    for (const QString &s : { lot.customer, lot.model, tr("profile %1").arg(lot.profile) })
        if (!s.isEmpty())
            what << esc(s);
    h += QStringLiteral("<p>%1</p>").arg(what.join(QStringLiteral(" · ")));
    h += QStringLiteral("<table><tr><td valign=\"top\" style=\"padding-right:36px\"><table>");
    h += row(tr("Target"), QString::number(c.quantity));
    h += row(tr("Done"), QString::number(c.done));
    h += row(tr("Failed"), QString::number(c.failed));
    h += row(tr("Refused by the lot"), QString::number(c.refused));
    h += row(tr("Interrupted"), QString::number(c.interrupted));
    h += row(tr("Running"), QString::number(c.running));
    h += row(tr("Remaining"), QString::number(c.remaining));
    h += row(tr("First-pass yield"), percent(c.firstPassYield));
    h += row(tr("Final yield"), percent(c.finalYield));
    h += row(tr("Keys per hour"), QLocale().toString(c.keysPerHour, 'f', 1));
    h += row(tr("First attempt"), when(c.firstAttemptMs));
    h += row(tr("Last key finished"), when(c.lastFinishedMs));
    h += QStringLiteral("</table></td><td valign=\"top\" style=\"padding-right:36px\">");
    auto byWho = [&](const QString &title, const QMap<QString, int> &done) {
        QString t = QStringLiteral("<b>%1</b><table>").arg(esc(title));
        if (done.isEmpty())
            t += QStringLiteral("<tr><td>%1</td></tr>").arg(esc(tr("none yet")));
        for (auto it = done.cbegin(); it != done.cend(); ++it)
            t += QStringLiteral(
                     "<tr><td style=\"padding-right:14px\">%1</td><td align=\"right\">%2</td></tr>")
                     .arg(esc(it.key()))
                     .arg(it.value());
        return t + QStringLiteral("</table>");
    };
    h += byWho(tr("Done by station"), c.doneByStation);
    h += QStringLiteral("</td><td valign=\"top\">");
    h += byWho(tr("Done by operator"), c.doneByOperator);
    h += QStringLiteral("</td></tr></table>");
    m_detail->setText(h);
}

QStringList LotView::reportFiles(const QString &directory, const QString &lotId)
{
    // The lot id comes from a manifest: only safe characters reach the file name.
    QString safe = lotId;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QDir dir(directory);
    return { dir.filePath(QStringLiteral("lot-%1.csv").arg(safe)),
             dir.filePath(QStringLiteral("lot-%1.pem").arg(safe)),
             dir.filePath(QStringLiteral("lot-%1.pdf").arg(safe)) };
}

void LotView::exportReportInteractive()
{
    const QString id = selectedLotId();
    if (id.isEmpty())
        return;
    const QString directory = QFileDialog::getExistingDirectory(
        this, tr("Where to write the hand-over report of lot %1").arg(id),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    if (!directory.isEmpty())
        startExport(id, directory);
}

void LotView::startExport(const QString &lotId, const QString &directory)
{
    for (Permission p : { Permission::ReadLog, Permission::ExportLog })
        if (auto allowed = authorize(p); !allowed) {
            setStatus(allowed.error().message, true);
            Q_EMIT exportFinished(false, allowed.error().message);
            return;
        }
    const QStringList files = reportFiles(QFileInfo(directory).absoluteFilePath(), lotId);
    core::Journal *journal = m_journal;
    m_exporting = true;
    m_openFolder->hide();
    updateButtons();
    setStatus(tr("Writing the report of lot %1…").arg(lotId));
    QFuture<ReportWritten> future
        = QtConcurrent::run([journal, lotId, files] { return writeReport(*journal, lotId, files); });
    auto *watcher = new QFutureWatcher<ReportWritten>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, lotId, files] {
        const ReportWritten w = watcher->result();
        watcher->deleteLater();
        m_exporting = false;
        updateButtons();
        QStringList shown;
        for (const QString &f : files)
            shown << QDir::toNativeSeparators(f);
        const QString message = w.error.isEmpty()
            ? tr("Report of lot %1 (%n key(s)) written to %2.", nullptr, w.keys)
                  .arg(lotId, shown.join(QStringLiteral(", ")))
            : tr("The report of lot %1 could not be written: %2").arg(lotId, w.error);
        setStatus((w.error.isEmpty() ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + message,
                  !w.error.isEmpty());
        m_lastExportFolder = w.error.isEmpty() ? QFileInfo(files.value(0)).absolutePath() : QString();
        m_openFolder->setVisible(w.error.isEmpty());
        Q_EMIT exportFinished(w.error.isEmpty(), message);
    });
    watcher->setFuture(future);
}

} // namespace ks::app
