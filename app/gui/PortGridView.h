#pragma once

#include <QListView>
#include <QSet>
#include <QTimer>

namespace ks::app {

class TokenTileDelegate;

// The bench's tiles laid out as the hub: one cell per port (TokenTileModel's sockets), in a grid that fills
// the view and scales with the window. Columns: as set (setColumns), else the count that gives the largest
// tiles. Below a readable minimum the tiles stop shrinking and the view scrolls.
class PortGridView : public QListView
{
    Q_OBJECT

public:
    explicit PortGridView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;
    void setColumns(int columns); // 0: automatic
    int columns() const { return m_columns; }
    TokenTileDelegate *tileDelegate() const { return m_delegate; }

    static QSize minimumTileSize() { return { 150, 96 }; }
    // A changed tile is drawn at most this long after its change: the changes of many keys in that time
    // are drawn in one paint (at chip speed a step lasts a tenth of a second or more; 16 keys without chip
    // latency change a tile every few milliseconds).
    static constexpr int kRepaintIntervalMs = 40;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;

private:
    void relayout();
    void drawChanged(); // the tiles changed since the last time, to the base class (which repaints them)

    TokenTileDelegate *m_delegate;
    int m_columns = 0;
    bool m_relayouting = false;
    QSet<int> m_changedRows;
    QTimer m_changedTimer;
};

} // namespace ks::app
