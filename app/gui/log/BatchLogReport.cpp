#include "BatchLogReport.h"

#include "AttemptTableModel.h"
#include "BatchLogStats.h"
#include "LogColors.h"
#include "LogText.h"
#include "app/report/LotReport.h"
#include "app/report/PdfPages.h"
#include "core/Journal.h"

#include <QDateTime>
#include <QFile>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>
#include <QTextDocument>
#include <QUrl>

namespace ks::app {

namespace {

using core::CoreError;

CoreError ioError(const QString &path, const QString &detail)
{
    return CoreError::make(CoreError::Code::Io, BatchLogReport::tr("Cannot write %1: %2").arg(path, detail),
                           path, detail);
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

// The records of RFC 4180 CSV text, each with its line end (a quoted field may hold line breaks).
QList<QByteArray> csvRecords(const QByteArray &csv)
{
    QList<QByteArray> records;
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const char c = csv.at(i);
        if (c == '"')
            quoted = !quoted;
        else if (c == '\n' && !quoted) {
            records << csv.mid(start, i + 1 - start);
            start = i + 1;
        }
    }
    if (start < csv.size())
        records << csv.mid(start);
    return records;
}

// The first field of a CSV record, unquoted.
QByteArray firstField(const QByteArray &record)
{
    if (record.startsWith('"'))
        return record.mid(1, record.indexOf('"', 1) - 1);
    const qsizetype end = record.indexOf(',');
    return (end < 0 ? record : record.left(end)).trimmed();
}

} // namespace

QString BatchLogReport::verifyText(const core::VerifyResult &r)
{
    if (r.intact)
        return tr("Log intact — %1 records checked.").arg(r.eventsChecked);
    return tr("Log tampered: record %1 in table %2: %3").arg(r.recordId, r.table, r.reason);
}

core::Result<int> BatchLogReport::writeCsv(core::Journal &journal, const core::OperatorSession &reader,
                                           const core::AttemptFilter &filter, const QString &path)
{
    auto csv = journal.exportCsv(reader, LogText::journalFilter(filter));
    if (!csv)
        return csv.error();
    // The journal knows "done", not the log's split of it into provisioned and already provisioned: keep the
    // rows of the attempts that match (the first column is the attempt id).
    if (LogText::journalFilter(filter).state != filter.state || filter.state == QLatin1String("done")) {
        auto attempts = journal.attempts(reader, LogText::journalFilter(filter));
        if (!attempts)
            return attempts.error();
        QSet<QByteArray> keep;
        for (const core::AttemptRecord &a : LogText::matching(filter, std::move(*attempts)))
            keep.insert(a.id.toUtf8());
        const QList<QByteArray> records = csvRecords(*csv);
        QByteArray kept = records.value(0);
        for (qsizetype i = 1; i < records.size(); ++i)
            if (keep.contains(firstField(records[i])))
                kept += records[i];
        *csv = kept;
    }
    // QSaveFile: a failed export never leaves half a file where a good one was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*csv) != csv->size() || !file.commit())
        return ioError(path, file.errorString());
    return int(csv->count("\r\n") - 1);
}

core::Result<int> BatchLogReport::writePdf(core::Journal &journal, const core::OperatorSession &reader,
                                           const core::AttemptFilter &filter, Content meta, bool withVerify,
                                           const QString &path)
{
    auto attempts = journal.attempts(reader, LogText::journalFilter(filter));
    if (!attempts)
        return attempts.error();
    meta.attempts = LogText::matching(filter, std::move(*attempts));
    if (withVerify) {
        auto verified = journal.verify(reader);
        if (verified)
            meta.verify = *verified;
        else
            meta.verifyError = verified.error().message;
    }
    if (auto written = writePdf(meta, path); !written)
        return written.error();
    return int(meta.attempts.size());
}

QString BatchLogReport::html(const Content &c)
{
    const BatchLogStats::KeyCounts keys = BatchLogStats::countKeys(c.attempts);
    QString h;
    h += QStringLiteral("<html><head><meta charset=\"utf-8\"></head><body style=\"font-size:9pt\">");
    h += QStringLiteral("<h2>%1</h2>").arg(esc(tr("KeyStation batch log")));
    h += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    auto meta = [&](const QString &k, const QString &v, const QString &style = {}) {
        h += QStringLiteral("<tr><td><b>%1</b></td><td style=\"%3\">%2</td></tr>").arg(esc(k), esc(v), style);
    };
    meta(tr("Generated"), LogText::dateTime(c.generatedMs));
    meta(tr("By"), c.readerName);
    meta(tr("Journal"), c.station);
    meta(tr("Filter"), c.filterSummary);
    if (c.verify)
        meta(tr("Verification"), verifyText(*c.verify),
             QStringLiteral("color:%1;font-weight:bold")
                 .arg((c.verify->intact ? LogColors::intact() : LogColors::broken()).name()));
    else if (!c.verifyError.isEmpty())
        meta(tr("Verification"), tr("could not run: %1").arg(c.verifyError));
    else
        meta(tr("Verification"), tr("not run (this role may not verify the log)"));
    meta(tr("Keys"), BatchLogStats::keyCountsText(keys, false));
    meta(tr("Counted"), BatchLogStats::keyCountsExplained(keys));
    h += QStringLiteral("</table>");

    const auto failures = BatchLogStats::countFailures(c.attempts);
    if (!failures.isEmpty()) {
        h += QStringLiteral("<h3>%1</h3><table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
                 .arg(esc(tr("Failed keys by reason")));
        for (const auto &[code, count] : failures)
            h += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                     .arg(esc(LogText::errorTitle(code)))
                     .arg(count);
        h += QStringLiteral("</table>");
    }

    if (!c.charts.isNull())
        h += QStringLiteral("<h3>%1</h3><p><img src=\"ks-charts\" width=\"%2\"></p>")
                 .arg(esc(tr("Charts")))
                 .arg(960);

    h += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Attempts")));
    h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" width=\"100%\">"
                        "<thead><tr style=\"background-color:#e8e8e8\">");
    for (int col = 0; col < AttemptTableModel::ColumnCount; ++col)
        h += QStringLiteral("<th>%1</th>").arg(esc(AttemptTableModel::columnTitle(col)));
    h += QStringLiteral("</tr></thead>");
    for (const core::AttemptRecord &a : c.attempts) {
        h += QStringLiteral("<tr>");
        for (int col = 0; col < AttemptTableModel::ColumnCount; ++col) {
            QString style;
            if (col == AttemptTableModel::Result)
                style = QStringLiteral(" style=\"color:%1;background-color:%2;font-weight:bold\"")
                            .arg(LogColors::stateForeground(LogText::shownState(a)).name(),
                                 LogColors::stateBackground(LogText::shownState(a)).name());
            h += QStringLiteral("<td%1>%2</td>").arg(style, esc(AttemptTableModel::cellText(a, col)));
        }
        h += QStringLiteral("</tr>");
    }
    h += QStringLiteral("</table></body></html>");
    return h;
}

void BatchLogReport::fillDocument(QTextDocument &document, const Content &content)
{
    if (!content.charts.isNull())
        document.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("ks-charts")), content.charts);
    document.setHtml(html(content));
}

// The PDF is laid out by app/report's PdfPages (as the lot's hand-over report): A4 landscape, a row of the
// attempts table never split across pages and its header repeated on each page, a hardware serial always on
// one line (its column is as wide as the longest serial), "page x / y" on every page, and a sign-off block.
core::Status BatchLogReport::writePdf(const Content &content, const QString &path)
{
    using report::detail::PdfPages;
    if (auto gui = report::detail::guiPresent(); !gui)
        return gui;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    {
        QPdfWriter writer(&file);
        writer.setTitle(tr("KeyStation batch log"));
        PdfPages doc(writer, QPageLayout::Landscape);
        const qreal width = doc.width();
        const qreal pad = doc.mm(0.8);
        const QFont titleFont = PdfPages::sansFont(16, true);
        const QFont headingFont = PdfPages::sansFont(11, true);
        const QFont bodyFont = PdfPages::sansFont(9);
        const QFont bodyBold = PdfPages::sansFont(9, true);
        const QFont cellFont = PdfPages::sansFont(7);
        const QFont cellBold = PdfPages::sansFont(7, true);
        const QFont monoFont = PdfPages::monoFont(7);
        doc.setFooterLeft(tr("KeyStation batch log — %1 — %2")
                              .arg(content.filterSummary, LogText::dateTime(content.generatedMs)));

        auto text = [&](const QFont &font, const QString &s, const QColor &colour = Qt::black) {
            doc.text(font, s, colour);
        };
        auto heading = [&](const QString &s) { doc.heading(headingFont, s); };
        const qreal labelWidth = doc.mm(45);
        auto pair = [&](const QString &label, const QString &value, const QColor &colour = Qt::black) {
            doc.pair(bodyBold, bodyFont, labelWidth, label, value, colour);
        };

        text(titleFont, tr("KeyStation batch log"));
        doc.space(doc.mm(3));
        pair(tr("Generated"), LogText::dateTime(content.generatedMs));
        pair(tr("By"), content.readerName);
        pair(tr("Journal"), content.station);
        pair(tr("Filter"), content.filterSummary);
        if (content.verify)
            pair(tr("Verification"), verifyText(*content.verify),
                 content.verify->intact ? LogColors::intact() : LogColors::broken());
        else if (!content.verifyError.isEmpty())
            pair(tr("Verification"), tr("could not run: %1").arg(content.verifyError));
        else
            pair(tr("Verification"), tr("not run (this role may not verify the log)"));
        const BatchLogStats::KeyCounts keys = BatchLogStats::countKeys(content.attempts);
        pair(tr("Keys"), BatchLogStats::keyCountsText(keys, false));
        pair(tr("Counted"), BatchLogStats::keyCountsExplained(keys));

        const auto failures = BatchLogStats::countFailures(content.attempts);
        if (!failures.isEmpty()) {
            heading(tr("Failed keys by reason"));
            for (const auto &[code, count] : failures)
                pair(LogText::errorTitle(code), QString::number(count));
        }

        if (!content.charts.isNull()) {
            heading(tr("Charts"));
            const QImage image = content.charts;
            const QSizeF size = QSizeF(image.size()).scaled(QSizeF(width, doc.mm(75)), Qt::KeepAspectRatio);
            doc.add(size.height(),
                    [=](QPainter &p, const QRectF &r) { p.drawImage(QRectF(r.topLeft(), size), image); });
        }

        heading(tr("Attempts (%1)").arg(content.attempts.size()));
        using M = AttemptTableModel;
        // Column widths in millimetres; the serial's is the longest serial's, the error takes what is left.
        const QFontMetricsF mono(monoFont, &writer);
        qreal serialWidth = mono.horizontalAdvance(M::columnTitle(M::Serial).left(8));
        for (const core::AttemptRecord &a : content.attempts)
            serialWidth = std::max(serialWidth, mono.horizontalAdvance(a.serial));
        QList<qreal> cols(M::ColumnCount, 0);
        const QList<QPair<int, qreal>> fixedMm {
            { M::Time, 31 },       { M::Batch, 15 },  { M::Operator, 18 },
            { M::Model, 20 },      { M::Result, 20 }, { M::FailedStep, 24 },
            { M::CertSerial, 28 }, { M::Expiry, 17 }, { M::Duration, 14 },
        };
        qreal used = serialWidth + 2 * pad;
        for (const auto &[col, w] : fixedMm) {
            cols[col] = doc.mm(w);
            used += cols[col];
        }
        cols[M::Serial] = serialWidth + 2 * pad;
        cols[M::Error] = std::max(doc.mm(30), width - used);
        const QFontMetricsF monoCell(monoFont, &writer);
        const int certGroups = std::max(
            1, int((cols[M::CertSerial] - 2 * pad) / monoCell.horizontalAdvance(QStringLiteral("0000 "))));

        struct Cell
        {
            QString text;
            QFont font;
            int flags;
            QColor colour;
            QColor background;
        };
        auto rowHeight = [&](const QList<Cell> &cells) {
            qreal h = 0;
            for (int c = 0; c < cells.size(); ++c)
                h = std::max(h,
                             doc.textHeight(cells[c].font, cols[c] - 2 * pad, cells[c].flags, cells[c].text));
            return h + 2 * pad;
        };
        const QColor rule(0xc8, 0xc8, 0xc8);
        auto paintRow
            = [cols, pad, rule](QPainter &p, const QRectF &r, const QList<Cell> &cells, const QColor &shade) {
                  if (shade.isValid())
                      p.fillRect(r, shade);
                  qreal x = r.left();
                  for (int c = 0; c < cells.size(); ++c) {
                      if (cells[c].background.isValid())
                          p.fillRect(QRectF(x, r.top(), cols[c], r.height()), cells[c].background);
                      p.setFont(cells[c].font);
                      p.setPen(cells[c].colour.isValid() ? cells[c].colour : QColor(Qt::black));
                      p.drawText(QRectF(x + pad, r.top() + pad, cols[c] - 2 * pad, r.height() - 2 * pad),
                                 cells[c].flags, cells[c].text);
                      x += cols[c];
                  }
                  p.setPen(QPen(rule, 0));
                  p.drawLine(r.bottomLeft(), r.bottomRight());
              };
        QList<Cell> header;
        for (int c = 0; c < M::ColumnCount; ++c)
            header << Cell { M::columnTitle(c), cellBold, int(Qt::TextWordWrap), {}, {} };
        const int headerIndex = doc.add(
            rowHeight(header),
            [=](QPainter &p, const QRectF &r) { paintRow(p, r, header, QColor(0xe8, 0xe8, 0xe8)); }, true);
        if (content.attempts.isEmpty())
            text(bodyFont, tr("No attempt matches the filter."));
        for (qsizetype i = 0; i < content.attempts.size(); ++i) {
            const core::AttemptRecord &a = content.attempts.at(i);
            const QString shown = LogText::shownState(a);
            QList<Cell> cells;
            for (int c = 0; c < M::ColumnCount; ++c) {
                Cell cell { M::cellText(a, c), cellFont, int(Qt::TextWordWrap), {}, {} };
                if (c == M::Serial) {
                    cell.font = monoFont;
                    cell.flags = Qt::TextSingleLine;
                } else if (c == M::CertSerial) {
                    cell.font = monoFont;
                    cell.text = report::groupedHex(a.certSerialHex, 4, certGroups);
                } else if (c == M::Result) {
                    cell.font = cellBold;
                    cell.colour = LogColors::stateForeground(shown);
                    cell.background = LogColors::stateBackground(shown);
                } else if (c == M::Error || c == M::FailedStep) {
                    cell.colour = LogColors::failureText();
                } else if (c == M::Duration) {
                    cell.flags = Qt::AlignRight;
                }
                cells << cell;
            }
            const QColor shade = i % 2 ? QColor(0xf5, 0xf5, 0xf5) : QColor();
            doc.add(
                rowHeight(cells), [=](QPainter &p, const QRectF &r) { paintRow(p, r, cells, shade); }, false,
                headerIndex);
        }

        // Sign-off: kept together on one page.
        doc.space(doc.mm(8));
        const QString title = tr("Sign-off");
        const QStringList lines { tr("Reviewed by (name, signature)"), tr("Date") };
        const qreal lineHeight = doc.mm(12);
        const qreal signLabel = doc.mm(62);
        const qreal titleHeight = doc.textHeight(headingFont, width, Qt::TextWordWrap, title);
        const qreal mm2 = doc.mm(2), mm6 = doc.mm(6), pen = doc.mm(0.2), signLine = doc.mm(120);
        doc.add(titleHeight + lineHeight * lines.size(), [=](QPainter &p, const QRectF &r) {
            p.setPen(Qt::black);
            p.setFont(headingFont);
            p.drawText(QRectF(r.left(), r.top(), r.width(), titleHeight), Qt::TextWordWrap, title);
            p.setFont(bodyFont);
            for (int i = 0; i < lines.size(); ++i) {
                const qreal bottom = r.top() + titleHeight + lineHeight * (i + 1) - mm2;
                p.setPen(Qt::black);
                p.drawText(QRectF(r.left(), bottom - mm6, signLabel, mm6), Qt::AlignLeft | Qt::AlignBottom,
                           lines[i]);
                p.setPen(QPen(Qt::black, pen));
                p.drawLine(QPointF(r.left() + signLabel, bottom),
                           QPointF(std::min(r.right(), r.left() + signLabel + signLine), bottom));
            }
        });
        doc.render();
    }
    if (!file.commit())
        return ioError(path, file.errorString());
    return {};
}

} // namespace ks::app
