#include "PdfTools.h"

#include "app/report/LabelSheet.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

namespace ks::test {

ToolRun runTool(const QString &program, const QStringList &args)
{
    ToolRun run;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return run;
    run.started = true;
    p.waitForFinished(60000);
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

int pdfPageCount(const QString &pdf)
{
    const ToolRun run = runTool(QStringLiteral("pdfinfo"), { pdf });
    if (!run.started || run.exitCode != 0)
        return -1;
    const auto m
        = QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)"), QRegularExpression::MultilineOption)
              .match(run.out);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pdfPageText(const QString &pdf, int page)
{
    const ToolRun run = runTool(QStringLiteral("pdftotext"),
                                { QStringLiteral("-layout"), QStringLiteral("-f"), QString::number(page),
                                  QStringLiteral("-l"), QString::number(page), pdf, QStringLiteral("-") });
    if (run.exitCode != 0)
        return {};
    // The fonts' ligatures come out as one character (U+FB01 for "fi"): read them as their letters.
    QString text = run.out;
    text.replace(QChar(0xfb01), QStringLiteral("fi")).replace(QChar(0xfb02), QStringLiteral("fl"));
    return text;
}

QStringList qrCodesOnPage(const QString &pdf, int page, int dpi, QString *error)
{
    QTemporaryDir dir;
    const QString prefix = dir.filePath(QStringLiteral("page"));
    const ToolRun render = runTool(QStringLiteral("pdftoppm"),
                                   { QStringLiteral("-png"), QStringLiteral("-r"), QString::number(dpi),
                                     QStringLiteral("-f"), QString::number(page), QStringLiteral("-l"),
                                     QString::number(page), QStringLiteral("-singlefile"), pdf, prefix });
    const QImage image(prefix + QStringLiteral(".png"));
    if (!render.started || render.exitCode != 0 || image.isNull()) {
        *error = QStringLiteral("pdftoppm (poppler-utils) failed: ") + render.err;
        return {};
    }
    QStringList labels;
    const qreal pxPerMm = dpi / 25.4;
    for (int i = 0; i < report::kLabelsPerPage; ++i) {
        const QRectF mm = report::labelRectMm(i);
        const QRect px(qRound(mm.left() * pxPerMm), qRound(mm.top() * pxPerMm), qRound(mm.width() * pxPerMm),
                       qRound(mm.height() * pxPerMm));
        const QString file = dir.filePath(QStringLiteral("label-%1.png").arg(i));
        if (!image.copy(px).save(file)) {
            *error = QStringLiteral("cannot save ") + file;
            return {};
        }
        labels << file;
    }
    const ToolRun decode
        = runTool(QStringLiteral("zbarimg"),
                  QStringList { QStringLiteral("--quiet"), QStringLiteral("--raw"),
                                QStringLiteral("-Sdisable"), QStringLiteral("-Sqrcode.enable") }
                      + labels);
    // zbarimg exits 4 when it finds no code at all.
    if (!decode.started || (decode.exitCode != 0 && decode.exitCode != 4)) {
        *error = QStringLiteral("zbarimg (zbar-tools) failed: ") + decode.err;
        return {};
    }
    return decode.out.split(u'\n', Qt::SkipEmptyParts);
}

} // namespace ks::test
