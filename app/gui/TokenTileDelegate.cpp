#include "TokenTileDelegate.h"

#include "TokenTileModel.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ks::app {

using Tone = TokenTileModel::Tone;

namespace {

// The state's icon in a disc of the tone's colour, drawn (no font needs the glyph): ✓ ✗ ! or a ring.
void drawIcon(QPainter *p, const QRectF &box, Tone tone, const QColor &colour)
{
    if (tone == Tone::Empty || tone == Tone::Idle)
        return;
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    p->drawEllipse(box);
    const qreal d = box.width();
    const QPointF c = box.center();
    QPen pen(Qt::white, std::max<qreal>(2.0, d * 0.12), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p->setPen(pen);
    p->setBrush(Qt::NoBrush);
    switch (tone) {
    case Tone::Done:
    case Tone::Already: {
        QPainterPath check;
        check.moveTo(c + QPointF(-0.25 * d, 0.0));
        check.lineTo(c + QPointF(-0.07 * d, 0.2 * d));
        check.lineTo(c + QPointF(0.27 * d, -0.2 * d));
        p->drawPath(check);
        break;
    }
    case Tone::Failed:
        p->drawLine(c + QPointF(-0.2 * d, -0.2 * d), c + QPointF(0.2 * d, 0.2 * d));
        p->drawLine(c + QPointF(0.2 * d, -0.2 * d), c + QPointF(-0.2 * d, 0.2 * d));
        break;
    case Tone::Attention:
        p->drawLine(c + QPointF(0, -0.27 * d), c + QPointF(0, 0.07 * d));
        p->drawPoint(c + QPointF(0, 0.25 * d));
        break;
    case Tone::Busy:
        p->drawArc(QRectF(c - QPointF(0.24 * d, 0.24 * d), QSizeF(0.48 * d, 0.48 * d)), 90 * 16, 270 * 16);
        break;
    default:
        break;
    }
}

} // namespace

TokenTileDelegate::TokenTileDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QSize TokenTileDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return m_tileSize;
}

qreal TokenTileDelegate::unitFor(const QSizeF &tile)
{
    // Width: number, model and serial, icon; height: number, word, two lines of next step, the bar.
    return std::max<qreal>(6.0, std::min(tile.width() / 11.0, tile.height() / 6.3));
}

QColor TokenTileDelegate::fillColour(int tone)
{
    switch (static_cast<Tone>(tone)) {
    case Tone::Done:
        return QColor(0xd4, 0xf4, 0xd9);
    case Tone::Failed:
        return QColor(0xfb, 0xd5, 0xd5);
    case Tone::Attention:
        return QColor(0xff, 0xec, 0xb8);
    case Tone::Busy:
        return QColor(0xdc, 0xe9, 0xfa);
    case Tone::Already:
        return QColor(0xd2, 0xf0, 0xee);
    case Tone::Empty:
        return QColor(0xfa, 0xfa, 0xfa);
    case Tone::Idle:
        break;
    }
    return QColor(0xee, 0xee, 0xee);
}

QColor TokenTileDelegate::edgeColour(int tone)
{
    switch (static_cast<Tone>(tone)) {
    case Tone::Done:
        return QColor(0x1e, 0x8e, 0x3e);
    case Tone::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case Tone::Attention:
        return QColor(0xc7, 0x7c, 0x00);
    case Tone::Busy:
        return QColor(0x1a, 0x63, 0xc7);
    case Tone::Already:
        return QColor(0x00, 0x79, 0x6b);
    case Tone::Empty:
        return QColor(0xb0, 0xb0, 0xb0);
    case Tone::Idle:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

void TokenTileDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const auto tone = static_cast<Tone>(index.data(TokenTileModel::ToneRole).toInt());
    const bool empty = tone == Tone::Empty;
    const bool present = index.data(TokenTileModel::PresentRole).toBool();
    const bool selected = option.state & QStyle::State_Selected;
    const QRectF r = QRectF(option.rect).adjusted(5, 5, -5, -5);
    // One unit for every size on the tile: the tile's size, so fonts scale with the window.
    const qreal u = unitFor(r.size());
    const QColor edge = edgeColour(static_cast<int>(tone));
    p->save();
    p->setRenderHint(QPainter::Antialiasing);

    QPainterPath path;
    path.addRoundedRect(r, u * 0.4, u * 0.4);
    p->fillPath(path, fillColour(static_cast<int>(tone)));
    // Selection: a thick outline in the palette's highlight around the tile, unmistakable from a distance.
    if (selected) {
        p->setPen(QPen(option.palette.highlight().color(), std::max<qreal>(4.0, u * 0.3)));
        p->drawRoundedRect(r.adjusted(-2, -2, 2, 2), u * 0.45, u * 0.45);
    }
    p->setPen(QPen(edge, std::max<qreal>(2.0, u * 0.12), present || empty ? Qt::SolidLine : Qt::DashLine));
    if (empty)
        p->setPen(QPen(edge, 2.0, Qt::DashLine));
    if (!selected || empty)
        p->drawPath(path);
    else
        p->drawRoundedRect(r.adjusted(2, 2, -2, -2), u * 0.35, u * 0.35);
    if (!empty) // a thick band on the left edge: the colour is readable from across the bench
        p->fillRect(QRectF(r.left() + 2, r.top() + u * 0.4, u * 0.3, r.height() - u * 0.8), edge);

    const QColor ink = empty ? QColor(0x8a, 0x8a, 0x8a) : QColor(0x1a, 0x1a, 0x1a);
    auto font = [&](qreal pixels, bool bold) {
        QFont f = option.font;
        f.setPixelSize(std::max(9, qRound(pixels)));
        f.setBold(bold);
        return f;
    };
    const qreal left = r.left() + u * 0.6, right = r.right() - u * 0.4, width = right - left;
    qreal y = r.top() + u * 0.25;

    // Row 1: the port number (large) and the icon.
    const QFont numberFont = font(u * 1.7, true);
    const QFontMetricsF numberMetrics(numberFont);
    p->setFont(numberFont);
    p->setPen(ink);
    const QString number = index.data(TokenTileModel::PortNumberRole).toString();
    p->drawText(QRectF(left, y, width, numberMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter, number);
    const qreal iconSize = numberMetrics.height() * 0.85;
    drawIcon(p, QRectF(right - iconSize, y + (numberMetrics.height() - iconSize) / 2, iconSize, iconSize),
             tone, edge);

    // Beside the number, small: the port's label words ("Port") and, for a key, model and serial.
    const QFont smallFont = font(u * 0.62, false);
    const QFontMetricsF smallMetrics(smallFont);
    const qreal besideLeft = left + numberMetrics.horizontalAdvance(number) + u * 0.4;
    const qreal besideWidth = right - iconSize - u * 0.3 - besideLeft;
    p->setFont(smallFont);
    p->setPen(QColor(0x50, 0x50, 0x50));
    if (besideWidth > u) {
        const QString serial = index.data(TokenTileModel::SerialRole).toString();
        const QString model = index.data(TokenTileModel::ModelRole).toString();
        const qreal mid = y + numberMetrics.height() / 2;
        p->drawText(QRectF(besideLeft, mid - smallMetrics.height(), besideWidth, smallMetrics.height()),
                    Qt::AlignLeft | Qt::AlignVCenter,
                    smallMetrics.elidedText(model, Qt::ElideRight, besideWidth));
        p->drawText(QRectF(besideLeft, mid, besideWidth, smallMetrics.height()),
                    Qt::AlignLeft | Qt::AlignVCenter,
                    smallMetrics.elidedText(serial.isEmpty() ? QString() : tr("S/N %1").arg(serial),
                                            Qt::ElideMiddle, besideWidth));
    }
    y += numberMetrics.height();

    // Row 2: the one word.
    const QFont wordFont = font(u * 1.05, true);
    const QFontMetricsF wordMetrics(wordFont);
    p->setFont(wordFont);
    p->setPen(empty ? ink : edge.darker(135));
    p->drawText(
        QRectF(left, y, width, wordMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
        wordMetrics.elidedText(index.data(TokenTileModel::WordRole).toString(), Qt::ElideRight, width));
    // While working: the step and its clock after the word, so a long step does not look frozen.
    const int seconds = index.data(TokenTileModel::StepSecondsRole).toInt();
    const qreal wordWidth = wordMetrics.horizontalAdvance(index.data(TokenTileModel::WordRole).toString());
    if (tone == Tone::Busy) {
        const QString step = index.data(TokenTileModel::StageTextRole).toString();
        // "Generating a key pair · 3 s": the step gives way (elided) before the clock does.
        const QString clock = tr(" · %1 s").arg(seconds);
        const qreal stepLeft = left + wordWidth + u * 0.5;
        const qreal room = right - stepLeft;
        p->setFont(smallFont);
        p->setPen(QColor(0x30, 0x30, 0x30));
        if (seconds >= 0 && room > u) { // not while waiting: the word says it
            const qreal clockWidth = smallMetrics.horizontalAdvance(clock);
            const QString shown
                = smallMetrics.elidedText(step, Qt::ElideRight, std::max<qreal>(0.0, room - clockWidth));
            // Too narrow for a readable step name ("Gen…"): the seconds alone.
            const QString text = shown.size() >= 8 ? shown + clock : tr("%1 s").arg(seconds);
            p->drawText(QRectF(stepLeft, y, room, wordMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                        text);
        }
    }
    y += wordMetrics.height();

    // Row 3: what to do next (up to two lines), dark on the tile's colour.
    const QString next = index.data(TokenTileModel::NextStepRole).toString();
    const qreal barHeight = tone == Tone::Busy ? std::max<qreal>(4.0, u * 0.22) : 0.0;
    const QRectF nextBox(left, y + u * 0.1, width,
                         std::max<qreal>(0.0, r.bottom() - y - barHeight - u * 0.3));
    // A long next step takes a slightly smaller font rather than losing its end.
    QFont nextFont = font(u * 0.72, tone == Tone::Attention || tone == Tone::Failed);
    for (int shrink = 0; shrink < 3; ++shrink) {
        const QRectF need = QFontMetricsF(nextFont).boundingRect(
            QRectF(0, 0, nextBox.width(), 1e6), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, next);
        if (need.height() <= nextBox.height())
            break;
        nextFont.setPixelSize(std::max(9, qRound(nextFont.pixelSize() * 0.87)));
    }
    p->setFont(nextFont);
    p->setPen(empty ? ink : QColor(0x22, 0x22, 0x22));
    p->drawText(nextBox, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, next);

    // A progress bar along the bottom while working.
    if (barHeight > 0) {
        const int progress = index.data(TokenTileModel::ProgressRole).toInt();
        const QRectF bar(left, r.bottom() - barHeight - u * 0.2, width, barHeight);
        p->setPen(Qt::NoPen);
        p->setBrush(QColor(255, 255, 255, 220));
        p->drawRoundedRect(bar, barHeight / 2, barHeight / 2);
        if (progress > 0) {
            p->setBrush(edge);
            p->drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * progress / 100.0, bar.height()),
                               barHeight / 2, barHeight / 2);
        }
    }
    p->restore();
}

} // namespace ks::app
