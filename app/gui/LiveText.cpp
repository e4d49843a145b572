#include "LiveText.h"

#include <QEvent>
#include <QPainter>

namespace ks::app {

namespace {

constexpr int kTextFlags = Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap;

} // namespace

LiveText::LiveText(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void LiveText::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setAccessibleName(text); // what a screen reader says, as for a label
    if (heightForWidth(width()) != height())
        updateGeometry(); // one more line, or one fewer: the only change the layout needs to know
    update();
}

QSize LiveText::sizeHint() const
{
    const int width = fontMetrics().averageCharWidth() * 40;
    return { width, heightForWidth(width) };
}

QSize LiveText::minimumSizeHint() const
{
    return { fontMetrics().averageCharWidth() * 10, fontMetrics().height() };
}

int LiveText::heightForWidth(int width) const
{
    if (width <= 0 || m_text.isEmpty())
        return fontMetrics().height();
    return qMax(fontMetrics().height(),
                fontMetrics().boundingRect(QRect(0, 0, width, 1 << 20), kTextFlags, m_text).height());
}

void LiveText::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(rect(), kTextFlags, m_text);
}

void LiveText::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

} // namespace ks::app
