#pragma once

#include <QListView>

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

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void relayout();

    TokenTileDelegate *m_delegate;
    int m_columns = 0;
    bool m_relayouting = false;
};

} // namespace ks::app
