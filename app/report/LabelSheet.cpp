#include "LabelSheet.h"

#include "LotReport.h"
#include "PdfPages.h"
#include "core/Profile.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>

#include <qrencode.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace ks::report {

namespace {

using core::CoreError;
using detail::PdfPages;

// tr() context of the label sheet.
class LabelSheet
{
    Q_DECLARE_TR_FUNCTIONS(ks::report::LabelSheet)
};

constexpr int kColumns = 3;
constexpr int kRows = 8;
static_assert(kColumns * kRows == kLabelsPerPage);

using QrPtr = std::unique_ptr<QRcode, decltype(&QRcode_free)>;

// The QR code as one path of dark modules (one fill, no seams between modules), size × size, with the
// four-module quiet zone ISO/IEC 18004 asks for inside it.
QPainterPath qrPath(const QRcode &qr, const QPointF &topLeft, qreal size)
{
    const qreal module = size / (qr.width + 8);
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < qr.width; ++y) {
        for (int x = 0; x < qr.width;) {
            if (!(qr.data[y * qr.width + x] & 1)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < qr.width && (qr.data[y * qr.width + x + run] & 1))
                ++run;
            path.addRect(
                QRectF(topLeft.x() + (x + 4) * module, topLeft.y() + (y + 4) * module, run * module, module));
            x += run;
        }
    }
    return path;
}

// The serial as large as it fits a width × height box: on one line when that allows 10 pt or more, else in
// two balanced halves ("0A1B2C3D" over "00000000"), else wrapped anywhere at the smallest size.
struct SerialFit
{
    qreal pointSize = 7;
    QString text;
};

qreal largestSize(const QPaintDevice *device, const QString &text, qreal width, qreal height, qreal min,
                  qreal max)
{
    for (qreal size = max; size >= min; size -= 0.5) {
        const QFontMetricsF metrics(PdfPages::monoFont(size, true), device);
        const QRectF box = metrics.boundingRect(QRectF(0, 0, 1e9, 1e9), 0, text);
        if (box.width() <= width && box.height() <= height)
            return size;
    }
    return 0;
}

SerialFit fitSerial(const QPaintDevice *device, const QString &serial, qreal width, qreal height)
{
    if (const qreal one = largestSize(device, serial, width, height, 10, 16); one > 0)
        return { one, serial };
    const qsizetype half = (serial.size() + 1) / 2;
    const QString halves = serial.left(half) + u'\n' + serial.mid(half);
    if (const qreal two = largestSize(device, halves, width, height, 7, 16); two > 0)
        return { two, halves };
    return { 7, serial };
}

} // namespace

QRectF labelRectMm(int index)
{
    using namespace detail;
    constexpr qreal titleMm = 8;
    const qreal width = (kPageWidthMm - kMarginLeftMm - kMarginRightMm) / kColumns;
    const qreal height = (kPageHeightMm - kMarginTopMm - kMarginBottomMm - kFooterMm - titleMm) / kRows;
    const int i = index % kLabelsPerPage;
    return QRectF(kMarginLeftMm + (i % kColumns) * width, kMarginTopMm + titleMm + (i / kColumns) * height,
                  width, height);
}

QByteArray labelQrText(const LabelItem &item)
{
    return "serial=" + item.serial.toUtf8() + ";sha256=" + item.sha256Fingerprint.toLower().toUtf8();
}

core::Status writeLabelSheet(const QString &title, const QList<LabelItem> &items, const QString &path)
{
    if (items.isEmpty())
        return CoreError::make(CoreError::Code::InvalidArgument,
                               LabelSheet::tr("No key to print a label for; %1 was not written.").arg(path));
    if (auto gui = detail::guiPresent(); !gui)
        return gui;
    // Encode every QR code first: a failure writes nothing.
    QList<std::shared_ptr<QRcode>> codes;
    for (const LabelItem &item : items) {
        const QByteArray text = labelQrText(item);
        QRcode *qr = QRcode_encodeString(text.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        if (!qr)
            return CoreError::make(CoreError::Code::InvalidArgument,
                                   LabelSheet::tr("Cannot make the QR code of key %1: %2")
                                       .arg(item.serial, QString::fromLocal8Bit(std::strerror(errno))));
        codes.append(std::shared_ptr<QRcode>(qr, &QRcode_free));
    }

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return detail::writeError(path, file.errorString());
    {
        QPdfWriter writer(&file);
        writer.setTitle(title);
        PdfPages doc(writer);
        const QString generated = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
            + QStringLiteral(" UTC");
        doc.setFooterLeft(LabelSheet::tr("KeyStation labels — %1").arg(title));

        const QFont titleFont = PdfPages::sansFont(11, true);
        const QFont dateFont = PdfPages::sansFont(9);
        const qreal titleHeight = doc.mm(labelRectMm(0).top() - detail::kMarginTopMm);
        const int titleIndex = doc.add(titleHeight, [=](QPainter &p, const QRectF &r) {
            p.setFont(titleFont);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, title);
            p.setFont(dateFont);
            p.drawText(r, Qt::AlignRight | Qt::AlignVCenter, generated);
        });

        // 8 rows of 3 labels fill the page under the title (a hair less, against rounding).
        const qreal rowHeight = doc.mm(labelRectMm(0).height()) - 1;
        const qreal labelWidth = doc.mm(labelRectMm(0).width());
        const qreal margin = doc.mm(2);
        // The QR code on the right, as tall as the label allows; the text on the left.
        const qreal qrSize = rowHeight - 2 * margin;
        const qreal textWidth = labelWidth - 3 * margin - qrSize;
        const qreal serialHeight = doc.mm(12);
        const QFont captionFont = PdfPages::sansFont(6.5);
        const QFont fingerprintFont = PdfPages::monoFont(9, true);
        const QFont certFont = PdfPages::monoFont(7);
        const qreal cutLine = doc.mm(0.15);
        // Serial sizes computed here, against the PDF's metrics.
        QList<SerialFit> serials;
        for (const LabelItem &item : items)
            serials << fitSerial(&writer, item.serial, textWidth, serialHeight);

        for (int first = 0; first < items.size(); first += kColumns) {
            const int count = std::min<int>(kColumns, int(items.size()) - first);
            const QList<LabelItem> rowItems = items.mid(first, count);
            const QList<std::shared_ptr<QRcode>> rowCodes = codes.mid(first, count);
            const QList<SerialFit> rowSerials = serials.mid(first, count);
            doc.add(
                rowHeight,
                [=](QPainter &p, const QRectF &r) {
                    for (int c = 0; c < count; ++c) {
                        const QRectF label(r.left() + c * labelWidth, r.top(), labelWidth, rowHeight);
                        const LabelItem &item = rowItems.at(c);
                        // Cutting guide.
                        p.setPen(QPen(QColor(0xc0, 0xc0, 0xc0), cutLine, Qt::DashLine));
                        p.setBrush(Qt::NoBrush);
                        p.drawRect(label);
                        // The QR code, dark modules only, no anti-aliasing.
                        p.save();
                        p.setRenderHint(QPainter::Antialiasing, false);
                        p.setPen(Qt::NoPen);
                        p.setBrush(Qt::black);
                        p.drawPath(qrPath(*rowCodes.at(c),
                                          QPointF(label.right() - margin - qrSize, label.top() + margin),
                                          qrSize));
                        p.restore();
                        // The serial, as large as fits; under it the fingerprint's first 16 digits and the
                        // certificate serial's first 12.
                        const qreal textLeft = label.left() + margin;
                        p.setPen(Qt::black);
                        p.setFont(PdfPages::monoFont(rowSerials.at(c).pointSize, true));
                        p.drawText(QRectF(textLeft, label.top() + margin, textWidth, serialHeight),
                                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWrapAnywhere,
                                   rowSerials.at(c).text);
                        qreal y = label.top() + margin + serialHeight + margin / 2;
                        auto line = [&](const QFont &font, const QString &s, const QColor &color) {
                            const QFontMetricsF m(font, p.device());
                            const qreal h = m.height() * (s.count(u'\n') + 1);
                            p.setFont(font);
                            p.setPen(color);
                            p.drawText(QRectF(textLeft, y, textWidth, h), Qt::AlignLeft | Qt::AlignTop, s);
                            y += h;
                        };
                        const QString fp = item.sha256Fingerprint.toLower();
                        line(captionFont, LabelSheet::tr("SHA-256"), QColor(0x55, 0x55, 0x55));
                        line(fingerprintFont, groupedHex(fp.left(16), 4, 2), Qt::black);
                        if (!item.certSerialHex.isEmpty()) {
                            y += margin / 4;
                            line(captionFont, LabelSheet::tr("Certificate serial"), QColor(0x55, 0x55, 0x55));
                            const QString cert = item.certSerialHex.toLower();
                            line(certFont, cert.size() > 12 ? cert.left(12) + QStringLiteral("…") : cert,
                                 Qt::black);
                        }
                    }
                },
                false, titleIndex);
        }
        doc.render();
    }
    if (!file.commit())
        return detail::writeError(path, file.errorString());
    return {};
}

QList<LabelItem> labelItems(const QList<core::JobResult> &results)
{
    QList<LabelItem> items;
    for (const core::JobResult &r : results) {
        if (!r.ok() || r.alreadyProvisioned || r.certDer.isEmpty())
            continue;
        items.append(LabelItem {
            r.serial,
            QString::fromLatin1(QCryptographicHash::hash(r.certDer, QCryptographicHash::Sha256).toHex()),
            r.certSerialHex });
    }
    return items;
}

core::Result<QString> writeBatchLabels(const core::Profile &profile, const QString &batchId,
                                       const QList<core::JobResult> &results)
{
    if (profile.labelsDirectory.isEmpty())
        return QString();
    const QList<LabelItem> items = labelItems(results);
    if (items.isEmpty())
        return QString();
    const QDir dir(profile.labelsDirectory);
    if (!dir.exists() && !QDir().mkpath(dir.absolutePath()))
        return detail::writeError(dir.absolutePath(), LabelSheet::tr("the directory cannot be created"));
    // The batch id names the file; anything but letters, digits, '.', '_' and '-' becomes '_'.
    QString name = batchId;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QString path = dir.absoluteFilePath(QStringLiteral("labels-%1.pdf").arg(name));
    if (auto written = writeLabelSheet(LabelSheet::tr("Batch %1").arg(batchId), items, path); !written)
        return written.error();
    return path;
}

} // namespace ks::report
