#pragma once

#include <QWidget>

namespace ks::app {

// A line of plain text that changes often while a batch runs (the key counts, the batch line). A QLabel asks
// its parents for a new layout on every setText, and up the chain the tab widget repaints the whole window
// each time; this widget repaints only itself, and asks for a layout only when the text needs another
// height (it wraps at word boundaries). Its width comes from the layout (expanding), never from the text.
class LiveText : public QWidget
{
    Q_OBJECT

public:
    explicit LiveText(QWidget *parent = nullptr);

    void setText(const QString &text);
    const QString &text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QString m_text;
};

} // namespace ks::app
