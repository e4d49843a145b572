#pragma once

#include <QStyledItemDelegate>

namespace ks::app {

// Paints one key as a tile: colour by outcome (green done, red failed, amber needs attention, blue running,
// neutral idle), then key number, model, serial, slot, the step with a progress bar, and the result.
class TokenTileDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit TokenTileDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    static QColor fillColour(int tone);
    static QColor edgeColour(int tone);
    static QSize tileSize() { return { 236, 134 }; }
};

} // namespace ks::app
