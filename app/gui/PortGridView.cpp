#include "PortGridView.h"

#include "TokenTileDelegate.h"
#include "TokenTileModel.h"

#include <QResizeEvent>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
#include <utility>

namespace ks::app {

PortGridView::PortGridView(QWidget *parent)
    : QListView(parent)
    , m_delegate(new TokenTileDelegate(this))
{
    setViewMode(QListView::IconMode);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setUniformItemSizes(true);
    setSpacing(0);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setItemDelegate(m_delegate);
    m_changedTimer.setSingleShot(true);
    m_changedTimer.setInterval(kRepaintIntervalMs);
    connect(&m_changedTimer, &QTimer::timeout, this, &PortGridView::drawChanged);
}

void PortGridView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                               const QList<int> &roles)
{
    if (!topLeft.isValid() || !bottomRight.isValid())
        return QListView::dataChanged(topLeft, bottomRight, roles);
    for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
        m_changedRows.insert(row);
    if (!m_changedTimer.isActive())
        m_changedTimer.start();
}

void PortGridView::drawChanged()
{
    const QSet<int> rows = std::exchange(m_changedRows, {});
    if (!model())
        return;
    for (const int row : rows) {
        if (row < model()->rowCount()) {
            const QModelIndex index = model()->index(row, 0);
            QListView::dataChanged(index, index);
        }
    }
}

void PortGridView::setModel(QAbstractItemModel *model)
{
    QListView::setModel(model);
    if (!model)
        return;
    connect(model, &QAbstractItemModel::rowsInserted, this, &PortGridView::relayout);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &PortGridView::relayout);
    connect(model, &QAbstractItemModel::modelReset, this, &PortGridView::relayout);
    if (auto *tiles = qobject_cast<TokenTileModel *>(model)) {
        // The step clocks: repaint the working tiles only, once a second.
        connect(tiles, &TokenTileModel::stepClocksTicked, this, [this, tiles](int first, int last) {
            for (int row = first; row <= last; ++row)
                if (tiles->data(tiles->index(row), TokenTileModel::StepSecondsRole).toInt() >= 0)
                    viewport()->update(visualRect(tiles->index(row)));
        });
    }
    relayout();
}

void PortGridView::setColumns(int columns)
{
    m_columns = std::max(0, columns);
    relayout();
}

void PortGridView::resizeEvent(QResizeEvent *event)
{
    relayout();
    QListView::resizeEvent(event);
}

void PortGridView::relayout()
{
    if (m_relayouting || !model())
        return;
    m_relayouting = true;
    const int n = std::max(1, model()->rowCount());
    // The whole view, as if no scroll bar were shown: the grid is made to fit it.
    const QSize area = maximumViewportSize();
    const int w = std::max(1, area.width() - 2), h = std::max(1, area.height() - 2);
    const QSize least = minimumTileSize();
    auto cellFor = [&](int columns) {
        const int rows = (n + columns - 1) / columns;
        return QSize(std::max(least.width(), w / columns), std::max(least.height(), h / rows));
    };
    int columns = m_columns;
    if (columns <= 0) {
        // The column count whose tiles are largest (the delegate's unit).
        double best = -1;
        for (int c = 1; c <= n; ++c) {
            const int rows = (n + c - 1) / c;
            const double unit = TokenTileDelegate::unitFor(QSizeF(double(w) / c, double(h) / rows));
            if (unit > best + 1e-9) {
                best = unit;
                columns = c;
            }
        }
    }
    columns = std::max(1, columns);
    QSize cell = cellFor(columns);
    const int rows = (n + columns - 1) / columns;
    // The grid fits the view: no scroll bar (it would narrow the view and wrap a column away). Only tiles at
    // their minimum scroll, within the width left beside the scroll bar.
    const bool fits = cell.height() * rows <= h;
    setVerticalScrollBarPolicy(fits ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    if (!fits) {
        const int room = w - verticalScrollBar()->sizeHint().width();
        columns = std::max(1, std::min(columns, room / least.width()));
        cell.setWidth(std::max(least.width(), room / columns));
    }
    if (cell != gridSize()) {
        m_delegate->setTileSize(cell);
        setGridSize(cell);
    }
    m_relayouting = false;
}

} // namespace ks::app
