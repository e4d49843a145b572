#pragma once
// The report tests read the PDFs as a person's tools would: poppler-utils and zbar-tools (Debian packages in
// scripts/debian-packages.txt). A missing tool fails the test, it is never skipped.
#include <QString>
#include <QStringList>

namespace ks::test {

struct ToolRun
{
    bool started = false;
    int exitCode = -1;
    QString out;
    QString err;
};

ToolRun runTool(const QString &program, const QStringList &args);
int pdfPageCount(const QString &pdf); // pdfinfo's "Pages:", -1 on failure
QString pdfPageText(const QString &pdf, int page); // pdftotext of one page (1-based), -layout
// Renders one page of a label sheet at dpi with pdftoppm, cuts it into its labels (report::labelRectMm) and
// decodes each label's QR code with zbarimg; one string a code found. (zbarimg on a whole page of 24 codes
// misses one now and then: one code an image, as a scanner sees a label, it does not.)
QStringList qrCodesOnPage(const QString &pdf, int page, int dpi, QString *error);

} // namespace ks::test
