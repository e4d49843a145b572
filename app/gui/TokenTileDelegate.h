#pragma once

#include <QSize>
#include <QStyledItemDelegate>

namespace ks::app {

// Paints one hub port as a tile, scaled to the tile's size (readable from 1.5 m): a large port number, an
// icon (✓ done, ✗ failed, ! needs a person, a ring while working — never colour alone), one word for the
// state, one line saying what to do next, and small: the step with its clock and a progress bar, model and
// serial. An empty socket is dashed with its number and "EMPTY". Colour by tone (green done, red failed,
// amber needs a person, blue working, teal already provisioned, neutral ready).
class TokenTileDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit TokenTileDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The view's grid cell (PortGridView sets it as the window resizes).
    void setTileSize(QSize size) { m_tileSize = size; }
    QSize tileSize() const { return m_tileSize; }

    // The unit every size on a tile derives from (fonts, margins): the tile's size decides it.
    static qreal unitFor(const QSizeF &tile);
    static QColor fillColour(int tone);
    static QColor edgeColour(int tone);

private:
    QSize m_tileSize { 236, 134 };
};

} // namespace ks::app
