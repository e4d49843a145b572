#include "PdfPages.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>

namespace ks::report::detail {

core::CoreError writeError(const QString &path, const QString &detail)
{
    return core::CoreError::make(core::CoreError::Code::Io,
                                 PdfPages::tr("Cannot write %1: %2").arg(path, detail), path, detail);
}

core::Status guiPresent()
{
    if (qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return {};
    return core::CoreError::make(
        core::CoreError::Code::InvalidArgument,
        PdfPages::tr("A PDF needs a QGuiApplication (the offscreen platform will do)."));
}

PdfPages::PdfPages(QPdfWriter &writer, QPageLayout::Orientation orientation)
    : m_writer(writer)
{
    m_writer.setCreator(QStringLiteral("KeyStation"));
    m_writer.setResolution(600);
    m_writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize::A4), orientation,
        QMarginsF(kMarginLeftMm, kMarginTopMm, kMarginRightMm, kMarginBottomMm), QPageLayout::Millimeter));
    const QRect paint = m_writer.pageLayout().paintRectPixels(m_writer.resolution());
    // The painter's origin is the top-left corner of the margins.
    const qreal footer = mm(kFooterMm);
    m_content = QRectF(0, 0, paint.width(), paint.height() - footer);
    m_footerTop = paint.height() - mm(5);
}

qreal PdfPages::mm(qreal millimetres) const
{
    return millimetres * m_writer.resolution() / 25.4;
}

qreal PdfPages::textHeight(const QFont &font, qreal width, int flags, const QString &text) const
{
    const QFontMetricsF metrics(font, &m_writer);
    return metrics.boundingRect(QRectF(0, 0, width, 1e9), flags, text).height();
}

int PdfPages::add(qreal height, Paint paint, bool keepWithNext, int repeatHeader)
{
    m_blocks.append(Block { height, std::move(paint), keepWithNext, repeatHeader, false });
    return int(m_blocks.size() - 1);
}

void PdfPages::space(qreal height)
{
    m_blocks.append(Block { height, {}, false, -1, true });
}

void PdfPages::text(const QFont &font, const QString &text, const QColor &colour, int flags)
{
    add(textHeight(font, width(), flags, text), [=](QPainter &p, const QRectF &r) {
        p.setFont(font);
        p.setPen(colour);
        p.drawText(r, flags, text);
    });
}

void PdfPages::heading(const QFont &font, const QString &text)
{
    space(mm(4));
    add(
        textHeight(font, width(), Qt::TextWordWrap, text) + mm(1.5),
        [=](QPainter &p, const QRectF &r) {
            p.setFont(font);
            p.setPen(Qt::black);
            p.drawText(r, Qt::TextWordWrap, text);
        },
        true);
}

void PdfPages::pair(const QFont &labelFont, const QFont &valueFont, qreal labelWidth, const QString &label,
                    const QString &value, const QColor &colour)
{
    const qreal h = std::max(textHeight(labelFont, labelWidth, Qt::TextWordWrap, label),
                             textHeight(valueFont, width() - labelWidth, Qt::TextWordWrap, value))
        + mm(0.8);
    add(h, [=](QPainter &p, const QRectF &r) {
        p.setPen(Qt::black);
        p.setFont(labelFont);
        p.drawText(QRectF(r.left(), r.top(), labelWidth, r.height()), Qt::TextWordWrap, label);
        p.setPen(colour);
        p.setFont(valueFont);
        p.drawText(QRectF(r.left() + labelWidth, r.top(), r.width() - labelWidth, r.height()),
                   Qt::TextWordWrap, value);
    });
}

int PdfPages::render()
{
    // Layout: a block goes to the next page when it (and the block it keeps with) does not fit.
    QList<QList<Placed>> pages(1);
    qreal y = 0;
    const qreal h = m_content.height();
    for (int i = 0; i < m_blocks.size(); ++i) {
        const Block &b = m_blocks.at(i);
        if (b.isSpace) {
            if (y > 0)
                y += b.height;
            continue;
        }
        qreal need = b.height;
        for (int j = i; j + 1 < m_blocks.size() && m_blocks.at(j).keepWithNext; ++j)
            need += m_blocks.at(j + 1).height;
        if (y > 0 && y + need > h) {
            pages.append(QList<Placed>());
            y = 0;
        }
        if (y == 0 && b.repeatHeader >= 0 && b.repeatHeader != i) {
            pages.last().append(Placed { b.repeatHeader, y });
            y += m_blocks.at(b.repeatHeader).height;
        }
        pages.last().append(Placed { i, y });
        y += b.height;
    }

    QPainter painter(&m_writer);
    const int total = int(pages.size());
    const QFont footerFont = sansFont(7.5);
    for (int p = 0; p < total; ++p) {
        if (p > 0)
            m_writer.newPage();
        for (const Placed &placed : std::as_const(pages.at(p))) {
            const Block &b = m_blocks.at(placed.block);
            painter.save();
            b.paint(painter,
                    QRectF(m_content.left(), m_content.top() + placed.y, m_content.width(), b.height));
            painter.restore();
        }
        painter.setFont(footerFont);
        painter.setPen(QColor(0x55, 0x55, 0x55));
        const QRectF footer(m_content.left(), m_footerTop, m_content.width(), mm(5));
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, m_footerLeft);
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter, tr("Page %1 / %2").arg(p + 1).arg(total));
    }
    painter.end();
    return total;
}

QFont PdfPages::sansFont(qreal pointSize, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    return f;
}

QFont PdfPages::monoFont(qreal pointSize, bool bold)
{
    QFont f(QStringLiteral("DejaVu Sans Mono"));
    f.setStyleHint(QFont::Monospace);
    f.setFixedPitch(true);
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    return f;
}

} // namespace ks::report::detail
