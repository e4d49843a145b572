#include "LotReport.h"

#include "PdfPages.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

#include <openssl/x509.h>

#include <memory>

namespace ks::report {

namespace {

using core::CoreError;
using detail::PdfPages;

// tr() context of the hand-over documents.
class LotReport
{
    Q_DECLARE_TR_FUNCTIONS(ks::report::LotReport)
};

// As core::Journal::exportCsv's fields: formula injection guarded, RFC 4180 section 2 quoting.
QString csvField(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && (v[0] == u'=' || v[0] == u'+' || v[0] == u'-' || v[0] == u'@'))
        v.prepend(u'\'');
    if (!v.contains(u',') && !v.contains(u'"') && !v.contains(u'\n') && !v.contains(u'\r'))
        return v;
    v.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + v + u'"';
}

QString isoUtc(qint64 ms)
{
    if (ms == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString readableUtc(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
        + QStringLiteral(" UTC");
}

QString dateUtc(qint64 ms)
{
    if (ms == 0)
        return QStringLiteral("—");
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
}

QString percent(double ratio)
{
    return QStringLiteral("%1 %").arg(ratio * 100.0, 0, 'f', 1);
}

bool isCertificate(const QByteArray &der)
{
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    std::unique_ptr<X509, decltype(&X509_free)> cert(d2i_X509(nullptr, &p, der.size()), &X509_free);
    return cert && p == reinterpret_cast<const unsigned char *>(der.constData()) + der.size();
}

core::Status save(const QString &path, const QByteArray &data)
{
    // QSaveFile: a failed write never leaves half a document where a good one was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return detail::writeError(path, file.errorString());
    return {};
}

const QColor kRule(0xb0, 0xb0, 0xb0);
const QColor kShade(0xf0, 0xf0, 0xf0);
const QColor kHeaderShade(0xdd, 0xdd, 0xdd);

} // namespace

QString fingerprintOf(const core::LotKey &key)
{
    if (key.certDer.isEmpty())
        return key.sha256Fingerprint.toLower();
    return QString::fromLatin1(QCryptographicHash::hash(key.certDer, QCryptographicHash::Sha256).toHex());
}

QString groupedHex(const QString &hex, int group, int perLine)
{
    QString out;
    for (int i = 0, n = 0; i < hex.size(); i += group, ++n) {
        if (n > 0)
            out += (perLine > 0 && n % perLine == 0) ? u'\n' : u' ';
        out += hex.mid(i, group);
    }
    return out;
}

QByteArray lotCsv(const QList<core::LotKey> &keys)
{
    QByteArray out
        = "serial,certificate_serial,sha256_fingerprint,not_before_utc,not_after_utc,station,operator,"
          "done_utc\r\n";
    for (const core::LotKey &k : keys) {
        const QStringList fields {
            k.serial,  k.certSerialHex, fingerprintOf(k), isoUtc(k.notBeforeMs), isoUtc(k.notAfterMs),
            k.station, k.operatorName,  isoUtc(k.doneMs)
        };
        QStringList quoted;
        for (const QString &f : fields)
            quoted << csvField(f);
        out += quoted.join(u',').toUtf8() + "\r\n";
    }
    return out;
}

core::Status writeLotCsv(const QList<core::LotKey> &keys, const QString &path)
{
    return save(path, lotCsv(keys));
}

core::Result<QByteArray> lotPem(const QList<core::LotKey> &keys)
{
    QByteArray out;
    for (const core::LotKey &k : keys) {
        if (!isCertificate(k.certDer))
            return CoreError::make(
                CoreError::Code::InvalidArgument,
                LotReport::tr(
                    "The journal holds no valid certificate for key %1; the bundle was not written.")
                    .arg(k.serial),
                k.attemptId);
        out += "-----BEGIN CERTIFICATE-----\n";
        const QByteArray b64 = k.certDer.toBase64();
        for (qsizetype i = 0; i < b64.size(); i += 64)
            out += b64.mid(i, 64) + '\n';
        out += "-----END CERTIFICATE-----\n";
    }
    return out;
}

core::Status writeLotPem(const QList<core::LotKey> &keys, const QString &path)
{
    auto pem = lotPem(keys);
    if (!pem)
        return pem.error();
    return save(path, *pem);
}

core::Status writeLotPdf(const core::LotManifest &lot, const core::LotCounts &counts,
                         const QList<core::LotKey> &keys, const QString &path)
{
    if (auto gui = detail::guiPresent(); !gui)
        return gui;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return detail::writeError(path, file.errorString());
    {
        QPdfWriter writer(&file);
        writer.setTitle(LotReport::tr("Lot %1 — hand-over report").arg(lot.id));
        PdfPages doc(writer);
        const qreal width = doc.width();
        const qreal pad = doc.mm(1);
        const QFont titleFont = PdfPages::sansFont(16, true);
        const QFont headingFont = PdfPages::sansFont(11, true);
        const QFont bodyFont = PdfPages::sansFont(9);
        const QFont bodyBold = PdfPages::sansFont(9, true);
        const QFont cellFont = PdfPages::sansFont(7.5);
        const QFont cellBold = PdfPages::sansFont(7.5, true);
        const QFont monoFont = PdfPages::monoFont(7.5);
        doc.setFooterLeft(LotReport::tr("KeyStation — lot %1").arg(lot.id));

        auto text = [&](const QFont &font, const QString &s, int flags = Qt::TextWordWrap) {
            doc.text(font, s, Qt::black, flags);
        };
        auto heading = [&](const QString &s) { doc.heading(headingFont, s); };
        // A two-column "label: value" line.
        const qreal labelWidth = doc.mm(55);
        auto pair = [&](const QString &label, const QString &value) {
            doc.pair(bodyBold, bodyFont, labelWidth, label, value);
        };

        text(titleFont, LotReport::tr("Lot hand-over report"));
        doc.space(doc.mm(3));
        pair(LotReport::tr("Lot"), lot.id);
        if (!lot.customer.isEmpty())
            pair(LotReport::tr("Customer"), lot.customer);
        if (!lot.model.isEmpty())
            pair(LotReport::tr("Model"), lot.model);
        pair(LotReport::tr("Profile"), lot.profile);
        pair(LotReport::tr("Generated"), readableUtc(QDateTime::currentMSecsSinceEpoch()));

        heading(LotReport::tr("Counts"));
        pair(LotReport::tr("Quantity (target)"), QString::number(counts.quantity));
        pair(LotReport::tr("Done"), QString::number(counts.done));
        pair(LotReport::tr("Failed"), QString::number(counts.failed));
        pair(LotReport::tr("Refused by the lot"), QString::number(counts.refused));
        if (counts.interrupted > 0)
            pair(LotReport::tr("Interrupted"), QString::number(counts.interrupted));
        if (counts.running > 0)
            pair(LotReport::tr("Running"), QString::number(counts.running));
        pair(LotReport::tr("Remaining"), QString::number(counts.remaining));
        pair(LotReport::tr("First-pass yield"), percent(counts.firstPassYield));
        pair(LotReport::tr("Final yield"), percent(counts.finalYield));
        pair(LotReport::tr("Keys per hour"), QString::number(counts.keysPerHour, 'f', 1));
        pair(LotReport::tr("First attempt"), readableUtc(counts.firstAttemptMs));
        pair(LotReport::tr("Last finished"), readableUtc(counts.lastFinishedMs));

        if (!counts.doneByStation.isEmpty()) {
            heading(LotReport::tr("Done by station"));
            for (auto it = counts.doneByStation.cbegin(); it != counts.doneByStation.cend(); ++it)
                pair(it.key(), QString::number(it.value()));
        }
        if (!counts.doneByOperator.isEmpty()) {
            heading(LotReport::tr("Done by operator"));
            for (auto it = counts.doneByOperator.cbegin(); it != counts.doneByOperator.cend(); ++it)
                pair(it.key(), QString::number(it.value()));
        }

        heading(LotReport::tr("Keys (%1)").arg(keys.size()));
        if (keys.isEmpty()) {
            text(bodyFont, LotReport::tr("No key is done in this lot yet."));
        } else {
            // Columns in millimetres; the hex columns wrap only between groups of four digits.
            const QList<qreal> mmWidths { 9, 36, 45, 68, 22 };
            QList<qreal> cols;
            qreal sum = 0;
            for (qreal w : mmWidths)
                sum += w;
            for (qreal w : mmWidths)
                cols << width * w / sum;
            const QFontMetricsF mono(monoFont, &writer);
            auto groupsPerLine = [&](qreal colWidth) {
                const qreal group = mono.horizontalAdvance(QStringLiteral("0000 "));
                return std::max(1, int((colWidth - 2 * pad + mono.horizontalAdvance(u' ')) / group));
            };
            const int certGroups = groupsPerLine(cols[2]);
            const int fpGroups = std::min(8, groupsPerLine(cols[3]));
            const QStringList titles { LotReport::tr("#"), LotReport::tr("Serial"),
                                       LotReport::tr("Certificate serial"),
                                       LotReport::tr("SHA-256 fingerprint"), LotReport::tr("Valid until") };
            struct Cell
            {
                QString text;
                QFont font;
                int flags;
            };
            auto rowHeight = [&](const QList<Cell> &cells) {
                qreal h = 0;
                for (int c = 0; c < cells.size(); ++c)
                    h = std::max(
                        h, doc.textHeight(cells[c].font, cols[c] - 2 * pad, cells[c].flags, cells[c].text));
                return h + 2 * pad;
            };
            auto paintRow
                = [cols, pad](QPainter &p, const QRectF &r, const QList<Cell> &cells, const QColor &shade) {
                      if (shade.isValid())
                          p.fillRect(r, shade);
                      p.setPen(QPen(kRule, 0));
                      p.drawLine(r.bottomLeft(), r.bottomRight());
                      p.setPen(Qt::black);
                      qreal x = r.left();
                      for (int c = 0; c < cells.size(); ++c) {
                          p.setFont(cells[c].font);
                          p.drawText(QRectF(x + pad, r.top() + pad, cols[c] - 2 * pad, r.height() - 2 * pad),
                                     cells[c].flags, cells[c].text);
                          x += cols[c];
                      }
                  };
            QList<Cell> header;
            for (const QString &t : titles)
                header << Cell { t, cellBold, int(Qt::TextWordWrap) };
            const int headerIndex = doc.add(
                rowHeight(header),
                [=](QPainter &p, const QRectF &r) { paintRow(p, r, header, kHeaderShade); }, true);
            for (int i = 0; i < keys.size(); ++i) {
                const core::LotKey &k = keys.at(i);
                const QList<Cell> cells {
                    Cell { QString::number(i + 1), cellFont, int(Qt::AlignRight) },
                    Cell { k.serial, monoFont, int(Qt::TextWrapAnywhere) },
                    Cell { groupedHex(k.certSerialHex.toLower(), 4, certGroups), monoFont,
                           int(Qt::TextWordWrap) },
                    Cell { groupedHex(fingerprintOf(k), 4, fpGroups), monoFont, int(Qt::TextWordWrap) },
                    Cell { dateUtc(k.notAfterMs), cellFont, int(Qt::TextWordWrap) },
                };
                const QColor shade = i % 2 ? kShade : QColor();
                doc.add(
                    rowHeight(cells), [=](QPainter &p, const QRectF &r) { paintRow(p, r, cells, shade); },
                    false, headerIndex);
            }
        }

        // Sign-off: kept together on one page.
        doc.space(doc.mm(8));
        const QStringList signOff { LotReport::tr("Handed over by (name, signature)"),
                                    LotReport::tr("Received by (name, signature)"), LotReport::tr("Date") };
        const qreal lineHeight = doc.mm(12);
        const qreal signLabel = doc.mm(62);
        const qreal titleHeight
            = doc.textHeight(headingFont, width, Qt::TextWordWrap, LotReport::tr("Hand-over"));
        const QString handOver = LotReport::tr("Hand-over");
        const qreal mm2 = doc.mm(2), mm6 = doc.mm(6), rule = doc.mm(0.2);
        doc.add(titleHeight + lineHeight * signOff.size(), [=](QPainter &p, const QRectF &r) {
            p.setFont(headingFont);
            p.drawText(QRectF(r.left(), r.top(), r.width(), titleHeight), Qt::TextWordWrap, handOver);
            p.setFont(bodyFont);
            for (int i = 0; i < signOff.size(); ++i) {
                const qreal bottom = r.top() + titleHeight + lineHeight * (i + 1) - mm2;
                p.setPen(Qt::black);
                p.drawText(QRectF(r.left(), bottom - mm6, signLabel, mm6), Qt::AlignLeft | Qt::AlignBottom,
                           signOff[i]);
                p.setPen(QPen(Qt::black, rule));
                p.drawLine(QPointF(r.left() + signLabel, bottom), QPointF(r.right(), bottom));
            }
        });
        doc.render();
    }
    if (!file.commit())
        return detail::writeError(path, file.errorString());
    return {};
}

} // namespace ks::report
