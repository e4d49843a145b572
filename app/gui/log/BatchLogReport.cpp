#include "BatchLogReport.h"

#include "AttemptTableModel.h"
#include "BatchLogStats.h"
#include "LogColors.h"
#include "LogText.h"
#include "core/Journal.h"

#include <QDateTime>
#include <QFile>
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
        auto verified = journal.verify();
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

core::Status BatchLogReport::writePdf(const Content &content, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    {
        QPdfWriter writer(&file);
        writer.setTitle(tr("KeyStation batch log"));
        writer.setCreator(QStringLiteral("KeyStation"));
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageOrientation(QPageLayout::Landscape);
        writer.setPageMargins(QMarginsF(10, 10, 10, 10), QPageLayout::Millimeter);
        QTextDocument doc;
        fillDocument(doc, content);
        doc.print(&writer);
    }
    if (!file.commit())
        return ioError(path, file.errorString());
    return {};
}

} // namespace ks::app
