#include "TokenTileDelegate.h"

#include "TokenTileModel.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpression>

namespace ks::app {

using Tone = TokenTileModel::Tone;

namespace {

// The tile has room for the reason in plain words only: the device layer's "Key <serial>: " prefix repeats
// the tile's own serial, and the parenthesised PKCS#11 call and CKR name belong in the details dialog.
QString plainReason(QString message, const QString &serial)
{
    const int at = serial.isEmpty() ? -1 : message.indexOf(serial);
    if (at >= 0 && at < 24) {
        const int colon = message.indexOf(QRegularExpression(QStringLiteral("[:：]")), at + serial.size());
        if (colon >= 0)
            message = message.mid(colon + 1).trimmed();
    }
    const int detail = message.indexOf(QRegularExpression(QStringLiteral("\\s*[(（]PKCS#11")));
    if (detail > 0)
        message.truncate(detail);
    return message;
}

} // namespace

TokenTileDelegate::TokenTileDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QSize TokenTileDelegate::sizeHint(const QStyleOptionViewItem &, const QModelIndex &) const
{
    return tileSize();
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
    case Tone::Idle:
        break;
    }
    return QColor(0xf2, 0xf2, 0xf2);
}

QColor TokenTileDelegate::edgeColour(int tone)
{
    switch (static_cast<Tone>(tone)) {
    case Tone::Done:
        return QColor(0x1e, 0x8e, 0x3e);
    case Tone::Failed:
        return QColor(0xc6, 0x28, 0x28);
    case Tone::Attention:
        return QColor(0xd9, 0x8a, 0x00);
    case Tone::Busy:
        return QColor(0x1a, 0x63, 0xc7);
    case Tone::Idle:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

void TokenTileDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const int tone = index.data(TokenTileModel::ToneRole).toInt();
    const bool present = index.data(TokenTileModel::PresentRole).toBool();
    const QRectF r = QRectF(option.rect).adjusted(4, 4, -4, -4);
    p->save();
    p->setRenderHint(QPainter::Antialiasing);

    QPainterPath path;
    path.addRoundedRect(r, 8, 8);
    p->fillPath(path, fillColour(tone));
    const bool selected = option.state & QStyle::State_Selected;
    p->setPen(QPen(selected ? option.palette.highlight().color() : edgeColour(tone), selected ? 3 : 2,
                   present ? Qt::SolidLine : Qt::DashLine));
    p->drawPath(path);
    // A thick band on the left edge: the colour is readable from across the bench.
    p->fillRect(QRectF(r.left() + 1, r.top() + 8, 6, r.height() - 16), edgeColour(tone));

    const QColor text(0x20, 0x20, 0x20);
    QFont base = option.font;
    QFont bold = base;
    bold.setBold(true);
    bold.setPointSizeF(base.pointSizeF() * 1.15);
    QFont small = base;
    small.setPointSizeF(base.pointSizeF() * 0.9);
    const QFontMetrics fmBold(bold), fm(base), fmSmall(small);

    const qreal left = r.left() + 14, width = r.width() - 22;
    qreal y = r.top() + 6;
    auto line = [&](const QFont &font, const QFontMetrics &metrics, const QColor &colour, const QString &s) {
        p->setFont(font);
        p->setPen(colour);
        p->drawText(QRectF(left, y, width, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                    metrics.elidedText(s, Qt::ElideRight, static_cast<int>(width)));
        y += metrics.height() + 1;
    };

    // Header: key number and slot.
    p->setFont(bold);
    p->setPen(text);
    const QString title = index.data(Qt::DisplayRole).toString();
    p->drawText(QRectF(left, y, width, fmBold.height()), Qt::AlignLeft | Qt::AlignVCenter, title);
    p->setFont(small);
    p->setPen(QColor(0x55, 0x55, 0x55));
    p->drawText(QRectF(left, y, width, fmBold.height()), Qt::AlignRight | Qt::AlignVCenter,
                tr("Slot %1").arg(index.data(TokenTileModel::SlotRole).toULongLong()));
    y += fmBold.height() + 2;

    line(small, fmSmall, QColor(0x44, 0x44, 0x44), index.data(TokenTileModel::ModelRole).toString());
    line(base, fm, text, tr("S/N %1").arg(index.data(TokenTileModel::SerialRole).toString()));

    // Step and progress.
    const QString stage = index.data(TokenTileModel::StageTextRole).toString();
    line(base, fm, edgeColour(tone).darker(130), stage);
    const int progress = index.data(TokenTileModel::ProgressRole).toInt();
    const QRectF bar(left, y + 1, width, 6);
    p->setPen(Qt::NoPen);
    p->setBrush(QColor(255, 255, 255, 200));
    p->drawRoundedRect(bar, 3, 3);
    if (progress > 0) {
        p->setBrush(edgeColour(tone));
        p->drawRoundedRect(QRectF(bar.left(), bar.top(), bar.width() * progress / 100.0, bar.height()), 3, 3);
    }
    y += 10;

    // Result: the certificate, or the reason in plain words, or what needs attention.
    const QString error = index.data(TokenTileModel::ErrorTextRole).toString();
    const QString certSerial = index.data(TokenTileModel::CertSerialRole).toString();
    const QString attention = index.data(TokenTileModel::AttentionTextRole).toString();
    p->setFont(small);
    const QRectF rest(left, y, width, r.bottom() - y - 4);
    if (!certSerial.isEmpty()) {
        const QDateTime notAfter = index.data(TokenTileModel::CertNotAfterRole).toDateTime();
        p->setPen(text);
        const QString shortSerial = certSerial.size() > 16 ? certSerial.left(16) + QChar(0x2026) : certSerial;
        p->drawText(
            rest, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
            tr("Certificate %1\nvalid until %2")
                .arg(shortSerial, QLocale().toString(notAfter.toLocalTime().date(), QLocale::ShortFormat)));
    } else if (const QString next = index.data(TokenTileModel::NextStepRole).toString(); !next.isEmpty()) {
        // The lot kept this key out: what to do with it, in the amber tile's dark text; the reason with
        // serial and lot is in the details.
        p->setFont(base);
        p->setPen(QColor(0x6b, 0x4a, 0x00));
        p->drawText(rest, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, next);
    } else {
        QString s = plainReason(error, index.data(TokenTileModel::SerialRole).toString());
        if (!attention.isEmpty())
            s = s.isEmpty() ? attention : s + QLatin1Char('\n') + attention;
        p->setPen(error.isEmpty() ? QColor(0x6b, 0x4a, 0x00) : QColor(0x9b, 0x12, 0x12));
        p->drawText(rest, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, s);
    }
    p->restore();
}

} // namespace ks::app
