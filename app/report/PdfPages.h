#pragma once
// The page layout the report's PDFs share (ks_report internal): A4 pages of blocks laid out top to bottom,
// a block never split across pages, a table's header repeated on every page its rows continue on, and a
// footer "left text … page x / y" on every page. Laid out first, painted second, so the footer knows y.
#include "core/CoreError.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QList>
#include <QPageLayout>
#include <QRectF>
#include <QString>

#include <functional>

class QPainter;
class QPdfWriter;
class QSaveFile;

namespace ks::report::detail {

// "Cannot write PATH: reason", code Io.
core::CoreError writeError(const QString &path, const QString &detail);
// A PDF paints text, which needs a QGuiApplication: an error (not a crash) when there is none.
core::Status guiPresent();

// The A4 page: margins and the footer's band, in millimetres.
constexpr qreal kPageWidthMm = 210;
constexpr qreal kPageHeightMm = 297;
constexpr qreal kMarginLeftMm = 15;
constexpr qreal kMarginTopMm = 15;
constexpr qreal kMarginRightMm = 15;
constexpr qreal kMarginBottomMm = 10;
constexpr qreal kFooterMm = 8;

class PdfPages
{
    Q_DECLARE_TR_FUNCTIONS(ks::report::PdfPages)

public:
    using Paint = std::function<void(QPainter &painter, const QRectF &rect)>;

    // An A4 writer (portrait unless told) with the margins above.
    PdfPages(QPdfWriter &writer, QPageLayout::Orientation orientation = QPageLayout::Portrait);

    QPdfWriter &writer() { return m_writer; }
    qreal mm(qreal millimetres) const; // device units
    qreal width() const { return m_content.width(); }
    qreal pageHeight() const { return m_content.height(); } // of the content, above the footer

    // Height of text in font, wrapped to width with flags (Qt::TextWordWrap, Qt::TextWrapAnywhere, ...).
    qreal textHeight(const QFont &font, qreal width, int flags, const QString &text) const;

    // A block of the given height. keepWithNext: start a new page rather than end a page with it (a
    // heading, a table header). repeatHeader: the index of a block (a table header) painted again at the top
    // of a page this block starts.
    int add(qreal height, Paint paint, bool keepWithNext = false, int repeatHeader = -1);
    // Vertical space; dropped at the top of a page.
    void space(qreal height);

    // The blocks every report is made of, the full content width wide: a wrapped paragraph, a heading kept
    // with what follows it (after 4 mm of space), and a "label  value" line with the label column labelWidth
    // wide.
    void text(const QFont &font, const QString &text, const QColor &colour = Qt::black,
              int flags = Qt::TextWordWrap);
    void heading(const QFont &font, const QString &text);
    void pair(const QFont &labelFont, const QFont &valueFont, qreal labelWidth, const QString &label,
              const QString &value, const QColor &colour = Qt::black);

    void setFooterLeft(const QString &text) { m_footerLeft = text; }

    // Lays the blocks out, paints them and returns the number of pages.
    int render();

    static QFont sansFont(qreal pointSize, bool bold = false);
    static QFont monoFont(qreal pointSize, bool bold = false);

private:
    struct Block
    {
        qreal height = 0;
        Paint paint;
        bool keepWithNext = false;
        int repeatHeader = -1;
        bool isSpace = false;
    };
    struct Placed
    {
        int block;
        qreal y;
    };

    QPdfWriter &m_writer;
    QRectF m_content;
    qreal m_footerTop = 0;
    QList<Block> m_blocks;
    QString m_footerLeft;
};

} // namespace ks::report::detail
