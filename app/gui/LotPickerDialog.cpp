#include "LotPickerDialog.h"

#include "UiText.h"
#include "core/Journal.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace ks::app {

namespace {

struct LotsRead
{
    QString error;
    QList<core::LotManifest> lots;
};

} // namespace

LotPickerDialog::LotPickerDialog(core::Journal *journal, const QString &profileName,
                                 const std::optional<core::LotManifest> &current, QWidget *parent)
    : QDialog(parent)
    , m_journal(journal)
    , m_profileName(profileName)
    , m_list(new QListWidget(this))
    , m_details(new QLabel(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("lotPicker"));
    setWindowTitle(tr("Choose the lot"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Which lot (work order) do the keys on this bench belong to? Keys whose "
                                "serial is not in the lot are refused before anything touches them."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_list->setObjectName(QStringLiteral("lotList"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *none = new QListWidgetItem(tr("No lot (provision any key)"), m_list);
    none->setData(Qt::UserRole, -1);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 5);
    layout->addWidget(m_list, 1);

    auto *fileRow = new QHBoxLayout;
    m_loadFile = new QPushButton(tr("Load manifest file…"), this);
    m_loadFile->setObjectName(QStringLiteral("loadManifest"));
    m_status->setObjectName(QStringLiteral("lotPickerStatus"));
    m_status->setWordWrap(true);
    fileRow->addWidget(m_loadFile);
    fileRow->addWidget(m_status, 1);
    layout->addLayout(fileRow);

    m_details->setObjectName(QStringLiteral("lotDetails"));
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    // Room for the six lines of the lot and a warning under them.
    m_details->setMinimumHeight(m_details->fontMetrics().height() * 11);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setFrameShape(QFrame::StyledPanel);
    m_details->setMargin(6);
    layout->addWidget(m_details);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Use this lot"));
    layout->addWidget(m_buttons);

    connect(m_loadFile, &QPushButton::clicked, this, &LotPickerDialog::loadFileInteractive);
    connect(m_list, &QListWidget::currentRowChanged, this, &LotPickerDialog::showSelection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (canConfirm())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (current) {
        addLot(*current, tr("in use"));
        m_list->setCurrentRow(1);
        m_wanted = current->id;
    } else {
        m_list->setCurrentRow(0);
    }
    resize(600, 520);

    if (!m_journal) {
        showSelection();
        return;
    }
    m_status->setText(tr("Reading the lots in the journal…"));
    core::Journal *j = m_journal;
    QFuture<LotsRead> future = QtConcurrent::run([j] {
        auto lots = j->lots();
        return lots ? LotsRead { {}, *lots } : LotsRead { lots.error().message, {} };
    });
    auto *watcher = new QFutureWatcher<LotsRead>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const LotsRead read = watcher->result();
        watcher->deleteLater();
        showLots(read.error, read.lots);
    });
    watcher->setFuture(future);
}

// Waits for nothing: a query still running goes on without it, and its answer is dropped with its watcher
// (a child). The journal outlives such queries: its owner waits for Qt's global thread pool before closing
// it (core/StationThread).
LotPickerDialog::~LotPickerDialog() = default;

void LotPickerDialog::showLots(const QString &error, const QList<core::LotManifest> &lots)
{
    m_status->setText(error.isEmpty() ? QString() : tr("Cannot read the journal's lots: %1").arg(error));
    m_journalLots = lots;
    const QString keep = m_wanted.isEmpty() ? (selectedLot() ? selectedLot()->id : QString()) : m_wanted;
    for (const core::LotManifest &lot : lots) {
        bool listed = false;
        for (const core::LotManifest &item : std::as_const(m_items))
            listed = listed || item == lot;
        if (!listed)
            addLot(lot, tr("in the journal"));
    }
    if (!keep.isEmpty())
        selectLot(keep);
    m_wanted.clear();
    showSelection();
    Q_EMIT lotsLoaded(int(lots.size()));
}

int LotPickerDialog::addLot(const core::LotManifest &lot, const QString &origin, int row)
{
    if (row < 0)
        row = m_list->count();
    auto *item = new QListWidgetItem(tr("%1 (%2)").arg(UiText::lotTitle(lot), origin));
    item->setToolTip(tr("%n key(s), profile %1", nullptr, lot.quantity).arg(lot.profile));
    m_items.insert(row - 1, lot);
    m_list->insertItem(row, item);
    return row;
}

core::Status LotPickerDialog::loadFile(const QString &path)
{
    auto lot = core::LotManifest::load(path);
    if (!lot) {
        m_status->setText(QStringLiteral("<span style=\"color:#c62828\">%1</span>")
                              .arg(lot.error().message.toHtmlEscaped()));
        return lot.error();
    }
    // The same lot listed already (from the journal, or loaded before): select it rather than list it twice.
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items.at(i) == *lot) {
            m_list->setCurrentRow(i + 1);
            m_status->setText(tr("Loaded %1.").arg(QDir::toNativeSeparators(path)));
            return {};
        }
    const int row = addLot(*lot, tr("file %1").arg(QFileInfo(path).fileName()), 1);
    m_list->setCurrentRow(row);
    m_status->setText(tr("Loaded %1.").arg(QDir::toNativeSeparators(path)));
    return {};
}

void LotPickerDialog::loadFileInteractive()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load a lot manifest"), QString(),
                                                      tr("Lot manifests (*.json);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool LotPickerDialog::selectLot(const QString &lotId)
{
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items.at(i).id == lotId) {
            m_list->setCurrentRow(i + 1);
            return true;
        }
    return false;
}

void LotPickerDialog::selectNoLot()
{
    m_list->setCurrentRow(0);
}

std::optional<core::LotManifest> LotPickerDialog::selectedLot() const
{
    const int row = m_list->currentRow();
    if (row <= 0 || row - 1 >= m_items.size())
        return std::nullopt;
    return m_items.at(row - 1);
}

int LotPickerDialog::listedLots() const
{
    return int(m_items.size());
}

QString LotPickerDialog::detailsText() const
{
    return m_details->text();
}

bool LotPickerDialog::canConfirm() const
{
    const auto lot = selectedLot();
    if (m_list->currentRow() < 0)
        return false;
    if (!lot)
        return true;
    if (lot->profile != m_profileName)
        return false;
    // A different manifest under an id the journal already holds would be refused when the batch starts.
    for (const core::LotManifest &stored : m_journalLots)
        if (stored.id == lot->id && !(stored == *lot))
            return false;
    return true;
}

void LotPickerDialog::showSelection()
{
    const auto lot = selectedLot();
    auto esc = [](const QString &s) { return s.toHtmlEscaped(); };
    QString html;
    if (!lot) {
        html = esc(tr("No lot: every key on the bench is provisioned with the profile, as without lots."));
    } else {
        auto row = [&](const QString &name, const QString &value) {
            return QStringLiteral("<tr><td style=\"padding-right:12px\">%1</td><td><b>%2</b></td></tr>")
                .arg(esc(name), esc(value));
        };
        html = QStringLiteral("<table>");
        html += row(tr("Lot"), lot->id);
        html += row(tr("Customer"), lot->customer.isEmpty() ? tr("—") : lot->customer);
        html += row(tr("Key model"), lot->model.isEmpty() ? tr("—") : lot->model);
        html += row(tr("Quantity"), QString::number(lot->quantity));
        html += row(tr("Allowed serials"),
                    tr("%n listed", nullptr, int(lot->serials.size())) + QStringLiteral(", ")
                        + tr("%n range(s)", nullptr, int(lot->serialRanges.size())));
        html += row(tr("Profile"), lot->profile);
        html += QStringLiteral("</table>");
        if (lot->profile != m_profileName)
            html += QStringLiteral("<p style=\"color:#c62828\">%1</p>")
                        .arg(esc(tr("This lot is for profile “%1”; this station runs profile “%2”. Start the "
                                    "station with the lot's profile.")
                                     .arg(lot->profile, m_profileName)));
        for (const core::LotManifest &stored : std::as_const(m_journalLots))
            if (stored.id == lot->id && !(stored == *lot))
                html += QStringLiteral("<p style=\"color:#c62828\">%1</p>")
                            .arg(esc(tr("The journal already holds a different lot with the id %1. Give "
                                        "this manifest another id.")
                                         .arg(lot->id)));
    }
    m_details->setText(html);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(canConfirm());
}

} // namespace ks::app
