#pragma once

#include "core/CoreError.h"
#include "core/JournalTypes.h"
#include "core/OperatorSession.h"

#include <QCoreApplication>
#include <QImage>
#include <QList>
#include <QString>

#include <optional>

class QTextDocument;

namespace ks::core {
class Journal;
}

namespace ks::app {

// The batch log's exports. Pure functions of the journal and a filter, safe to run on a worker thread
// (QPdfWriter and QTextDocument paint without the GUI thread), so the widget never blocks on them.
class BatchLogReport
{
    Q_DECLARE_TR_FUNCTIONS(ks::app::BatchLogReport)

public:
    struct Content
    {
        QString filterSummary; // "All attempts", "batch …, result Failed"
        QString readerName; // who produced the report
        QString station; // the journal's location
        qint64 generatedMs = 0;
        std::optional<core::VerifyResult> verify; // absent: the reader may not verify
        QString verifyError; // verify() itself failed (database unreadable)
        QList<core::AttemptRecord> attempts;
        QImage charts; // the charts as the reader saw them; null: none
    };

    // The journal's RFC 4180 CSV for filter, written to path. Returns the number of rows. The journal checks
    // the reader's role.
    static core::Result<int> writeCsv(core::Journal &journal, const core::OperatorSession &reader,
                                      const core::AttemptFilter &filter, const QString &path);
    // Reads the attempts and (when withVerify) verifies the chain, then writes the PDF.
    static core::Result<int> writePdf(core::Journal &journal, const core::OperatorSession &reader,
                                      const core::AttemptFilter &filter, Content meta, bool withVerify,
                                      const QString &path);
    static core::Status writePdf(const Content &content, const QString &path);
    // The report as a document (what the PDF renders); the charts image is its resource "ks-charts".
    static void fillDocument(QTextDocument &document, const Content &content);
    static QString html(const Content &content);
    // One plain sentence for a verification: "Log intact — 42 records checked." or
    // "Log tampered: record 7 in table ks_events: …".
    static QString verifyText(const core::VerifyResult &result);
};

} // namespace ks::app
