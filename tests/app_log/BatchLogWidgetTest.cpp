#include "LogJournalFixture.h"
#include "PdfTools.h"

#include "app/gui/log/AttemptTableModel.h"
#include "app/gui/log/BatchLogCharts.h"
#include "app/gui/log/BatchLogWidget.h"
#include "app/gui/log/LogText.h"
#include "app/gui/log/StepEventModel.h"
#include "core/SqlWorker.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QTableView>
#include <QTest>
#include <QThreadPool>
#include <QTranslator>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

QT_BEGIN_NAMESPACE
// Readable failure messages for QString comparisons.
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}
QT_END_NAMESPACE

namespace ks::test {

namespace {

using app::BatchLogWidget;

QStringList ids(const QList<core::AttemptRecord> &attempts)
{
    QStringList out;
    for (const core::AttemptRecord &a : attempts)
        out << a.id;
    out.sort();
    return out;
}

// RFC 4180: fields separated by commas, records by CRLF; a quoted field may hold commas, CRLF and "" for ".
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text[i + 1] == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            record << field;
            field.clear();
        } else if (c == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n') {
            record << field;
            records << record;
            record.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty())
        records << (record << field);
    return records;
}

// The values of a one-set bar chart, keyed by category.
std::map<QString, int> barsByCategory(const QChart *chart)
{
    std::map<QString, int> out;
    const auto series = chart->series();
    if (series.size() != 1)
        return out;
    auto *bars = qobject_cast<QAbstractBarSeries *>(series.first());
    if (!bars || bars->barSets().size() != 1)
        return out;
    QBarCategoryAxis *axis = nullptr;
    for (QAbstractAxis *a : bars->attachedAxes())
        if (auto *c = qobject_cast<QBarCategoryAxis *>(a))
            axis = c;
    if (!axis)
        return out;
    const QBarSet *set = bars->barSets().first();
    for (int i = 0; i < set->count(); ++i)
        out[axis->at(i)] = int(set->at(i));
    return out;
}

// A journal call that finished before its continuation was attached signals synchronously, before wait().
bool arrived(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(10000);
}

QList<int> barValues(const QChart *chart)
{
    QList<int> out;
    const auto series = chart->series();
    if (series.size() == 1)
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(series.first());
            bars && bars->barSets().size() == 1)
            for (int i = 0; i < bars->barSets().first()->count(); ++i)
                out << int(bars->barSets().first()->at(i));
    return out;
}

} // namespace

class BatchLogWidgetTest : public LogJournalFixture
{
protected:
    void SetUp() override
    {
        LogJournalFixture::SetUp();
        if (HasFatalFailure())
            return;
        seedRealisticLog();
    }

    // Sets a filter and waits for the rows it selects.
    bool apply(BatchLogWidget &w, const core::AttemptFilter &f)
    {
        QSignalSpy loaded(&w, &BatchLogWidget::attemptsLoaded);
        w.setFilter(f);
        return arrived(loaded);
    }

    static bool waitLoaded(BatchLogWidget &w)
    {
        QSignalSpy loaded(&w, &BatchLogWidget::attemptsLoaded);
        return arrived(loaded);
    }

    QStringList journalIds(const core::AttemptFilter &f)
    {
        auto rows = m_journal->attempts(session(core::Role::Supervisor, QStringLiteral("reader")), f);
        EXPECT_TRUE(rows);
        return rows ? ids(*rows) : QStringList();
    }
};

TEST_F(BatchLogWidgetTest, ShowsEveryAttemptOfTheJournal)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    EXPECT_EQ(w.attempts().size(), 16);
    EXPECT_EQ(ids(w.attempts()), journalIds({}));
    auto *counts = w.findChild<QLabel *>(QStringLiteral("countsLabel"));
    ASSERT_NE(counts, nullptr);
    EXPECT_TRUE(counts->text().contains(QStringLiteral("16 attempts"))) << counts->text().toStdString();
}

// Closing the batch log while its query waits for the journal returns at once (the GUI thread never waits);
// the query's answer, when it comes, reaches nothing and breaks nothing.
TEST_F(BatchLogWidgetTest, ClosingTheLogDuringASlowQueryReturnsAtOnce)
{
    const core::OperatorSession reader = session(core::Role::Supervisor);
    // The journal's connection held until the gate opens: the widget's query waits behind it.
    std::mutex mutex;
    std::condition_variable changed;
    bool holding = false;
    bool open = false;
    bool openedBySafety = false;
    std::thread holder([&] {
        m_journal->worker().run([&](QSqlDatabase &) {
            std::unique_lock lock(mutex);
            holding = true;
            changed.notify_all();
            changed.wait(lock, [&] { return open; });
        });
    });
    // If the destructor waited for the query, it would wait for the gate: a safety opens it after a while,
    // and the test then fails on openedBySafety instead of hanging.
    std::thread safety([&] {
        std::unique_lock lock(mutex);
        if (!changed.wait_for(lock, std::chrono::seconds(60), [&] { return open; })) {
            openedBySafety = true;
            open = true;
            changed.notify_all();
        }
    });
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return holding; });
    }

    auto *w = new BatchLogWidget(m_journal.get(), reader);
    w->show();
    w->refresh(); // a query on a pool thread, waiting for the connection
    delete w;
    {
        std::lock_guard lock(mutex);
        EXPECT_FALSE(openedBySafety) << "the widget's destructor waited for its query";
        open = true;
    }
    changed.notify_all();
    holder.join();
    safety.join();
    QThreadPool::globalInstance()->waitForDone();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();

    // The journal is unharmed: a new log window reads it.
    BatchLogWidget again(m_journal.get(), reader);
    ASSERT_TRUE(waitLoaded(again));
    EXPECT_EQ(again.attempts().size(), 16);
}

TEST_F(BatchLogWidgetTest, EachFilterChangesTheRows)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    const qint64 morning = 1795424400000;
    struct Case
    {
        const char *what;
        core::AttemptFilter filter;
        int rows;
    };
    std::vector<Case> cases;
    auto add = [&](const char *what, int rows, auto change) {
        core::AttemptFilter f;
        change(f);
        cases.push_back({ what, f, rows });
    };
    add("batch A", 10, [&](auto &f) { f.batchId = m_batchA; });
    add("batch B", 6, [&](auto &f) { f.batchId = m_batchB; });
    add("from 09:30", 6,
        [&](auto &f) { f.from = QDateTime::fromMSecsSinceEpoch(morning + 1800000, Qt::UTC); });
    add("before 09:30", 10,
        [&](auto &f) { f.to = QDateTime::fromMSecsSinceEpoch(morning + 1800000, Qt::UTC); });
    add("keys 3 to 5 of A", 3, [&](auto &f) {
        f.from = QDateTime::fromMSecsSinceEpoch(morning + 46000, Qt::UTC);
        f.to = QDateTime::fromMSecsSinceEpoch(morning + 91000, Qt::UTC);
    });
    add("operator bob", 6, [&](auto &f) { f.operatorName = QStringLiteral("bob"); });
    add("operator alice", 10, [&](auto &f) { f.operatorName = QStringLiteral("alice"); });
    add("failed", 3, [&](auto &f) { f.state = QStringLiteral("failed"); });
    add("done", 11, [&](auto &f) { f.state = QStringLiteral("done"); });
    add("cancelled", 1, [&](auto &f) { f.state = QStringLiteral("cancelled"); });
    add("running", 1, [&](auto &f) { f.state = QStringLiteral("running"); });
    add("serial 7f00aa", 6, [&](auto &f) { f.serialContains = QStringLiteral("7f00aa"); });
    add("serial 5f0004", 1, [&](auto &f) { f.serialContains = QStringLiteral("5f0004"); });
    add("alice failed", 2, [&](auto &f) {
        f.operatorName = QStringLiteral("alice");
        f.state = QStringLiteral("failed");
    });
    add("no match", 0, [&](auto &f) { f.serialContains = QStringLiteral("nosuchkey"); });
    add("everything", 16, [](auto &) {});

    for (const Case &c : cases) {
        SCOPED_TRACE(c.what);
        ASSERT_TRUE(apply(w, c.filter));
        EXPECT_EQ(w.attempts().size(), c.rows);
        EXPECT_EQ(ids(w.attempts()), journalIds(c.filter));
        const core::AttemptFilter shown = w.filter();
        EXPECT_EQ(shown.batchId, c.filter.batchId);
        EXPECT_EQ(shown.operatorName, c.filter.operatorName);
        EXPECT_EQ(shown.state, c.filter.state);
        EXPECT_EQ(shown.serialContains, c.filter.serialContains);
        EXPECT_EQ(shown.from.isValid(), c.filter.from.isValid());
    }
}

TEST_F(BatchLogWidgetTest, TheControlsFilterToo)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    auto *state = w.findChild<QComboBox *>(QStringLiteral("stateCombo"));
    auto *serial = w.findChild<QLineEdit *>(QStringLiteral("serialEdit"));
    auto *batch = w.findChild<QComboBox *>(QStringLiteral("batchCombo"));
    ASSERT_TRUE(state && serial && batch);
    EXPECT_EQ(batch->count(), 3); // all, A, B

    QSignalSpy loaded(&w, &BatchLogWidget::attemptsLoaded);
    state->setCurrentIndex(state->findData(QStringLiteral("failed")));
    ASSERT_TRUE(arrived(loaded));
    EXPECT_EQ(w.attempts().size(), 3);

    // Typing is debounced: one query for the whole word.
    loaded.clear();
    serial->setText(QStringLiteral("7F"));
    serial->setText(QStringLiteral("7F00"));
    ASSERT_TRUE(arrived(loaded));
    EXPECT_EQ(w.attempts().size(), 1);
    EXPECT_EQ(w.attempts().first().errorCode, QStringLiteral("PinIncorrect"));
    QTest::qWait(400);
    EXPECT_EQ(loaded.size(), 1);

    loaded.clear();
    serial->clear();
    state->setCurrentIndex(0);
    batch->setCurrentIndex(batch->findData(m_batchA));
    ASSERT_TRUE(arrived(loaded));
    QTest::qWait(400); // the debounced serial change may land last
    EXPECT_EQ(ids(w.attempts()), journalIds([&] {
                  core::AttemptFilter f;
                  f.batchId = m_batchA;
                  return f;
              }()));
}

TEST_F(BatchLogWidgetTest, OnlyTheNewestFilterIsShown)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    QSignalSpy loaded(&w, &BatchLogWidget::attemptsLoaded);
    core::AttemptFilter first;
    first.batchId = m_batchA;
    core::AttemptFilter second;
    second.operatorName = QStringLiteral("bob");
    second.state = QStringLiteral("done");
    w.setFilter(first);
    w.setFilter(second);
    ASSERT_TRUE(arrived(loaded));
    QTest::qWait(200);
    EXPECT_EQ(loaded.size(), 1);
    EXPECT_EQ(ids(w.attempts()), journalIds(second));
    EXPECT_EQ(w.attempts().size(), 3);
}

TEST_F(BatchLogWidgetTest, DetailPaneShowsEveryStepWithItsDuration)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));

    QSignalSpy detail(&w, &BatchLogWidget::detailLoaded);
    ASSERT_TRUE(w.selectAttempt(m_wrongPinAttempt));
    ASSERT_TRUE(arrived(detail));
    EXPECT_EQ(detail.last().at(0).toString(), m_wrongPinAttempt);
    const auto &rows = w.stepModel()->rows();
    // begin, login before, login failed, attempt failed
    ASSERT_EQ(rows.size(), 4);
    EXPECT_EQ(rows[1].event.step, QStringLiteral("login"));
    EXPECT_EQ(rows[2].event.phase, QStringLiteral("failed"));
    EXPECT_EQ(rows[2].tookMs, rows[2].event.tsMs - rows[1].event.tsMs);
    EXPECT_GT(rows[2].tookMs, 0);
    EXPECT_EQ(rows[3].tookMs, 900); // the whole attempt
    const QString failure = w.stepModel()->index(2, app::StepEventModel::Detail).data().toString();
    EXPECT_TRUE(failure.contains(QStringLiteral("CKR_PIN_INCORRECT"))) << failure.toStdString();
    EXPECT_TRUE(failure.contains(QStringLiteral("Wrong PIN"))) << failure.toStdString();
    auto *header = w.findChild<QLabel *>(QStringLiteral("attemptHeader"));
    ASSERT_NE(header, nullptr);
    EXPECT_TRUE(header->text().contains(QStringLiteral("0A1B2C3D4E5F0004"))) << header->text().toStdString();
    EXPECT_TRUE(header->text().contains(QStringLiteral("“Logging in to the key”")))
        << header->text().toStdString();

    // A key that went through: both events of every step, each "after" timed against its "before".
    const core::AttemptRecord done = w.attempts().first();
    ASSERT_EQ(done.state, QStringLiteral("done"));
    detail.clear();
    ASSERT_TRUE(w.selectAttempt(done.id));
    ASSERT_TRUE(arrived(detail));
    ASSERT_EQ(w.stepModel()->rows().size(), 2 + 9 * 2);
    int timed = 0;
    for (const auto &row : w.stepModel()->rows())
        if (row.event.phase == QLatin1String("after")) {
            EXPECT_GT(row.tookMs, 0) << row.event.step.toStdString();
            ++timed;
        }
    EXPECT_EQ(timed, 9);
    EXPECT_EQ(w.stepModel()->rows().last().tookMs, 14000);
}

TEST_F(BatchLogWidgetTest, VerifyReportsAnIntactLog)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    auto events = m_journal->events(session(core::Role::Supervisor, QStringLiteral("reader")));
    ASSERT_TRUE(events);
    QSignalSpy verified(&w, &BatchLogWidget::verifyFinished);
    w.verifyLog();
    ASSERT_TRUE(arrived(verified));
    EXPECT_TRUE(verified.last().at(0).toBool());
    const QString message = verified.last().at(1).toString();
    EXPECT_EQ(message, QStringLiteral("Log intact — %1 records checked.").arg(events->size()));
    auto *banner = w.findChild<QLabel *>(QStringLiteral("verifyBanner"));
    ASSERT_NE(banner, nullptr);
    EXPECT_TRUE(banner->text().contains(message));
    ASSERT_TRUE(w.lastVerify());
    EXPECT_EQ(w.lastVerify()->eventsChecked, events->size());
}

TEST_F(BatchLogWidgetTest, VerifyNamesAnEditedAttemptRow)
{
    ASSERT_TRUE(
        tamper(QStringLiteral("UPDATE ks_attempts SET state = 'done', error_code = '' WHERE id = '%1'")
                   .arg(m_wrongPinAttempt)));
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    QSignalSpy verified(&w, &BatchLogWidget::verifyFinished);
    w.verifyLog();
    ASSERT_TRUE(arrived(verified));
    EXPECT_FALSE(verified.last().at(0).toBool());
    const QString message = verified.last().at(1).toString();
    EXPECT_TRUE(message.startsWith(
        QStringLiteral("Log tampered: record %1 in table ks_attempts: ").arg(m_wrongPinAttempt)))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("edited"))) << message.toStdString();
    ASSERT_TRUE(w.lastVerify());
    EXPECT_FALSE(w.lastVerify()->intact);
}

TEST_F(BatchLogWidgetTest, VerifyNamesAnEditedEvent)
{
    ASSERT_TRUE(tamper(QStringLiteral("UPDATE ks_events SET detail = '{\"keyId\":\"ff\"}' WHERE seq = 5")));
    BatchLogWidget w(m_journal.get(), session(core::Role::Administrator));
    QSignalSpy verified(&w, &BatchLogWidget::verifyFinished);
    w.verifyLog();
    ASSERT_TRUE(arrived(verified));
    EXPECT_FALSE(verified.last().at(0).toBool());
    EXPECT_TRUE(verified.last().at(1).toString().startsWith(
        QStringLiteral("Log tampered: record 5 in table ks_events")))
        << verified.last().at(1).toString().toStdString();
}

TEST_F(BatchLogWidgetTest, CsvExportMatchesTheJournal)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    for (const QString &batch : { QString(), m_batchA }) {
        core::AttemptFilter f;
        f.batchId = batch;
        ASSERT_TRUE(apply(w, f));
        const QString path = m_dir.filePath(QStringLiteral("log-%1.csv").arg(batch.left(8)));
        auto exported = w.exportCsv(path);
        ASSERT_TRUE(exported) << exported.error().toString().toStdString();
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const QList<QStringList> records = parseCsv(file.readAll());
        auto journal = m_journal->attempts(session(core::Role::Supervisor, QStringLiteral("reader")), f);
        ASSERT_TRUE(journal);
        ASSERT_EQ(records.size(), journal->size() + 1);
        EXPECT_EQ(*exported, journal->size());
        const QStringList header = records.first();
        auto col = [&](const char *name) { return header.indexOf(QLatin1String(name)); };
        ASSERT_GE(col("error_message"), 0);
        for (qsizetype i = 0; i < journal->size(); ++i) {
            const core::AttemptRecord &a = (*journal)[i];
            const QStringList &r = records[i + 1];
            ASSERT_EQ(r.size(), header.size());
            EXPECT_EQ(r[col("attempt_id")], a.id);
            EXPECT_EQ(r[col("batch_id")], a.batchId);
            EXPECT_EQ(r[col("operator")], a.operatorName);
            EXPECT_EQ(r[col("serial")], a.serial);
            EXPECT_EQ(r[col("model")], a.model);
            EXPECT_EQ(r[col("state")], a.state);
            EXPECT_EQ(r[col("cert_serial")], a.certSerialHex);
            EXPECT_EQ(r[col("error_code")], a.errorCode);
            EXPECT_EQ(r[col("error_message")], a.errorMessage);
            EXPECT_EQ(r[col("duration_ms")],
                      a.endedMs ? QString::number(a.endedMs - a.startedMs) : QString());
        }
    }
}

TEST_F(BatchLogWidgetTest, PdfExportIsAReadableReport)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    const QString path = m_dir.filePath(QStringLiteral("log.pdf"));
    auto exported = w.exportPdf(path);
    ASSERT_TRUE(exported) << exported.error().toString().toStdString();
    EXPECT_EQ(*exported, 16);
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    EXPECT_TRUE(pdf.startsWith("%PDF-"));
    EXPECT_GT(pdf.size(), 10000);
    EXPECT_TRUE(pdf.contains("%%EOF"));
}

TEST_F(BatchLogWidgetTest, ExportsRunOffTheGuiThreadToo)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    core::AttemptFilter failed;
    failed.state = QStringLiteral("failed");
    ASSERT_TRUE(apply(w, failed));

    QSignalSpy finished(&w, &BatchLogWidget::exportFinished);
    const QString csv = m_dir.filePath(QStringLiteral("async.csv"));
    w.startExportCsv(csv);
    ASSERT_TRUE(arrived(finished));
    EXPECT_TRUE(finished.last().at(0).toBool()) << finished.last().at(1).toString().toStdString();
    EXPECT_EQ(finished.last().at(1).toString(),
              QStringLiteral("Exported 3 attempts to %1.").arg(QDir::toNativeSeparators(csv)));
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(parseCsv(file.readAll()).size(), 4);

    finished.clear();
    const QString pdf = m_dir.filePath(QStringLiteral("async.pdf"));
    w.startExportPdf(pdf);
    ASSERT_TRUE(arrived(finished));
    EXPECT_TRUE(finished.last().at(0).toBool()) << finished.last().at(1).toString().toStdString();
    QFile report(pdf);
    ASSERT_TRUE(report.open(QIODevice::ReadOnly));
    EXPECT_TRUE(report.readAll().startsWith("%PDF-"));

    // A place that cannot be written: the export says so and leaves nothing behind.
    finished.clear();
    const QString nowhere = m_dir.filePath(QStringLiteral("no/such/dir/log.csv"));
    w.startExportCsv(nowhere);
    ASSERT_TRUE(arrived(finished));
    EXPECT_FALSE(finished.last().at(0).toBool());
    EXPECT_TRUE(finished.last().at(1).toString().startsWith(QStringLiteral("Export failed: Cannot write")))
        << finished.last().at(1).toString().toStdString();
    EXPECT_FALSE(QFile::exists(nowhere));
}

TEST_F(BatchLogWidgetTest, ClosingWhileLoadingIsSafe)
{
    // Widgets destroyed with loads, a verification and an export still running: the destructor waits for the
    // journal calls, and no answer reaches a dead widget (ASan/UBSan runs of this suite check the latter).
    for (int i = 0; i < 5; ++i) {
        auto w = std::make_unique<BatchLogWidget>(m_journal.get(), session(core::Role::Supervisor));
        w->refresh();
        core::AttemptFilter f;
        f.batchId = m_batchA;
        w->setFilter(f);
        w->verifyLog();
        w->startExportPdf(m_dir.filePath(QStringLiteral("closing-%1.pdf").arg(i)));
        if (i % 2)
            QCoreApplication::processEvents();
        w.reset();
        QCoreApplication::processEvents();
    }
    auto intact = m_journal->verify();
    ASSERT_TRUE(intact);
    EXPECT_TRUE(intact->intact);
}

TEST_F(BatchLogWidgetTest, ChartsCountKeysPerMinuteAndFailuresByReason)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    // No batch chosen: the newest batch shown (B) is charted; failures count every row shown.
    EXPECT_EQ(w.stats().batchId, m_batchB);
    EXPECT_EQ(w.stats().keysPerMinute, (QList<int> { 2, 1 }));
    EXPECT_EQ(barValues(w.charts()->keysPerMinuteChart()), (QList<int> { 2, 1 }));
    const std::map<QString, int> failures = barsByCategory(w.charts()->failuresChart());
    EXPECT_EQ(failures,
              (std::map<QString, int> { { QStringLiteral("Wrong PIN"), 2 },
                                        { QStringLiteral("CA unreachable"), 1 },
                                        { QStringLiteral("Cancelled"), 1 } }));
    ASSERT_EQ(w.stats().failuresByReason.size(), 3);
    EXPECT_EQ(w.stats().failuresByReason.first(),
              (QPair<QString, int> { QStringLiteral("PinIncorrect"), 2 }));

    core::AttemptFilter a;
    a.batchId = m_batchA;
    ASSERT_TRUE(apply(w, a));
    EXPECT_EQ(w.stats().keysPerMinute, (QList<int> { 3, 3, 2 }));
    EXPECT_EQ(barsByCategory(w.charts()->keysPerMinuteChart()),
              (std::map<QString, int> {
                  { QStringLiteral("1"), 3 }, { QStringLiteral("2"), 3 }, { QStringLiteral("3"), 2 } }));
    EXPECT_EQ(barsByCategory(w.charts()->failuresChart()),
              (std::map<QString, int> { { QStringLiteral("Wrong PIN"), 1 },
                                        { QStringLiteral("CA unreachable"), 1 } }));
    EXPECT_TRUE(w.charts()->keysPerMinuteChart()->title().contains(QStringLiteral("alice")));

    // Keys per minute belongs to the whole batch; filtering its rows to failures does not empty it.
    a.state = QStringLiteral("failed");
    ASSERT_TRUE(apply(w, a));
    EXPECT_EQ(barValues(w.charts()->keysPerMinuteChart()), (QList<int> { 3, 3, 2 }));
    EXPECT_EQ(barValues(w.charts()->failuresChart()), (QList<int> { 1, 1 }));
}

TEST_F(BatchLogWidgetTest, AnOperatorSeesNothingAndCannotExport)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Operator, QStringLiteral("olga")));
    w.resize(900, 600);
    w.show();
    EXPECT_FALSE(w.canRead());
    QSignalSpy loaded(&w, &BatchLogWidget::attemptsLoaded);
    QSignalSpy failed(&w, &BatchLogWidget::loadFailed);
    w.refresh();
    EXPECT_EQ(failed.size(), 1);
    EXPECT_FALSE(loaded.wait(300));
    EXPECT_TRUE(w.attempts().isEmpty());
    auto *refusal = w.findChild<QLabel *>(QStringLiteral("refusalLabel"));
    ASSERT_NE(refusal, nullptr);
    EXPECT_TRUE(refusal->isVisible());
    EXPECT_TRUE(refusal->text().contains(QStringLiteral("olga")));
    EXPECT_FALSE(w.findChild<QWidget *>(QStringLiteral("attemptTable"))->isVisible());

    const QString csv = m_dir.filePath(QStringLiteral("refused.csv"));
    auto exported = w.exportCsv(csv);
    ASSERT_FALSE(exported);
    EXPECT_EQ(exported.error().code, core::CoreError::Code::PermissionDenied);
    EXPECT_FALSE(QFile::exists(csv));
    const QString pdf = m_dir.filePath(QStringLiteral("refused.pdf"));
    auto exportedPdf = w.exportPdf(pdf);
    ASSERT_FALSE(exportedPdf);
    EXPECT_EQ(exportedPdf.error().code, core::CoreError::Code::PermissionDenied);
    EXPECT_FALSE(QFile::exists(pdf));

    QSignalSpy verified(&w, &BatchLogWidget::verifyFinished);
    w.verifyLog(); // the journal refuses the operator's session (Journal::verify with a reader)
    ASSERT_TRUE(verified.size() == 1 || verified.wait(10000));
    EXPECT_FALSE(verified.last().at(0).toBool());
    EXPECT_TRUE(verified.last().at(1).toString().contains(QStringLiteral("does not allow")))
        << verified.last().at(1).toString().toStdString();
    EXPECT_FALSE(w.lastVerify());

    // The selection API shows nothing either.
    EXPECT_FALSE(w.selectAttempt(m_wrongPinAttempt));
    EXPECT_EQ(w.stepModel()->rowCount(), 0);
}

// Issue 11 item 7: a key that already held the profile's certificate is its own result and filter, not
// "Done"; the CSV of that filter holds only those keys.
TEST_F(BatchLogWidgetTest, AlreadyProvisionedIsItsOwnResultCountAndFilter)
{
    advance(3600000 * 3);
    const QString batch = beginBatch(QStringLiteral("carol"));
    Key already;
    already.serial = QStringLiteral("c0ffee000001");
    already.model = QStringLiteral("ePass2003");
    already.tookMs = 1500;
    already.doneAfter = QStringLiteral("findKeyPair");
    const QString alreadyId = runKey(batch, already);
    Key fresh = already;
    fresh.serial = QStringLiteral("c0ffee000002");
    fresh.doneAfter.clear();
    fresh.tookMs = 14000;
    const QString freshId = runKey(batch, fresh);

    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    core::AttemptFilter f;
    f.batchId = batch;
    ASSERT_TRUE(apply(w, f));
    ASSERT_EQ(w.attempts().size(), 2);
    EXPECT_EQ(w.keyCounts().provisioned, 1);
    EXPECT_EQ(w.keyCounts().alreadyProvisioned, 1);
    EXPECT_TRUE(w.countsText().contains(QStringLiteral("1 already provisioned")))
        << w.countsText().toStdString();
    for (const core::AttemptRecord &a : w.attempts())
        EXPECT_EQ(app::AttemptTableModel::cellText(a, app::AttemptTableModel::Result),
                  a.id == alreadyId ? QStringLiteral("Already provisioned") : QStringLiteral("Done"));

    f.state = app::LogText::alreadyProvisionedState();
    ASSERT_TRUE(apply(w, f));
    EXPECT_EQ(ids(w.attempts()), QStringList { alreadyId });
    auto *stateCombo = w.findChild<QComboBox *>(QStringLiteral("stateCombo"));
    ASSERT_NE(stateCombo, nullptr);
    EXPECT_EQ(stateCombo->currentText(), QStringLiteral("Already provisioned"));
    const QString csv = m_dir.filePath(QStringLiteral("already.csv"));
    auto written = w.exportCsv(csv);
    ASSERT_TRUE(written) << written.error().toString().toStdString();
    EXPECT_EQ(*written, 1);
    QFile file(csv);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QList<QStringList> rows = parseCsv(file.readAll());
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows[1].value(0), alreadyId);

    // "Done" is a key provisioned here.
    f.state = QStringLiteral("done");
    ASSERT_TRUE(apply(w, f));
    EXPECT_EQ(ids(w.attempts()), QStringList { freshId });
}

// Failures count keys, not attempts: a key that failed twice and then succeeded is one provisioned key; a
// key that failed twice is one failed key; the counts line says so.
TEST_F(BatchLogWidgetTest, FailuresAreCountedPerKeyNotPerAttempt)
{
    advance(3600000 * 3);
    const QString batch = beginBatch(QStringLiteral("carol"));
    Key failing;
    failing.model = QStringLiteral("ePass2003");
    failing.state = QStringLiteral("failed");
    failing.tookMs = 3000;
    failing.failStep = QStringLiteral("enrol");
    failing.errorCode = QStringLiteral("CaNetwork");
    failing.errorMessage = QStringLiteral("Connection refused");
    Key recovers = failing;
    recovers.serial = QStringLiteral("d00d00000001");
    Key stuck = failing;
    stuck.serial = QStringLiteral("d00d00000002");
    for (int i = 0; i < 2; ++i) {
        runKey(batch, recovers);
        advance(1000);
        runKey(batch, stuck);
        advance(1000);
    }
    recovers.state = QStringLiteral("done");
    runKey(batch, recovers);

    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    core::AttemptFilter f;
    f.batchId = batch;
    ASSERT_TRUE(apply(w, f));
    const app::BatchLogStats::KeyCounts &c = w.keyCounts();
    EXPECT_EQ(c.attempts, 5);
    EXPECT_EQ(c.keys, 2);
    EXPECT_EQ(c.provisioned, 1);
    EXPECT_EQ(c.failed, 1);
    EXPECT_EQ(c.failedAttempts, 4);
    EXPECT_TRUE(w.countsText().contains(QStringLiteral("5 attempts of 2 keys")))
        << w.countsText().toStdString();
    EXPECT_TRUE(w.countsText().contains(QStringLiteral("1 failed"))) << w.countsText().toStdString();
    EXPECT_TRUE(
        w.findChild<QLabel *>(QStringLiteral("countsLabel"))->toolTip().contains(QStringLiteral("once")));
    EXPECT_EQ(barsByCategory(w.charts()->failuresChart()),
              (std::map<QString, int> { { QStringLiteral("CA unreachable"), 1 } }));
}

// A failed verification points at the broken record: its batch is shown, its row selected and named.
TEST_F(BatchLogWidgetTest, TamperAlertNamesAndSelectsTheBatchAndRow)
{
    ASSERT_TRUE(
        tamper(QStringLiteral("UPDATE ks_attempts SET error_message = 'nothing happened' WHERE id = '%1'")
                   .arg(m_wrongPinAttempt)));
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    QSignalSpy located(&w, &BatchLogWidget::tamperLocated);
    w.verifyLog();
    ASSERT_TRUE(arrived(located));
    EXPECT_EQ(located.last().at(0).toString(), m_batchA);
    EXPECT_EQ(located.last().at(1).toString(), m_wrongPinAttempt);
    const int row = located.last().at(2).toInt();
    ASSERT_GT(row, 0);
    EXPECT_EQ(w.filter().batchId, m_batchA);
    auto *table = w.findChild<QTableView *>(QStringLiteral("attemptTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->currentIndex().row(), row - 1);
    EXPECT_EQ(table->currentIndex().data(app::AttemptTableModel::AttemptIdRole).toString(),
              m_wrongPinAttempt);
    const QString message = w.verifyMessage();
    EXPECT_TRUE(message.startsWith(
        QStringLiteral("Log tampered: record %1 in table ks_attempts").arg(m_wrongPinAttempt)))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("Batch %1, row %2").arg(m_batchA.left(8)).arg(row)))
        << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("0a1b2c3d4e5f0004"), Qt::CaseInsensitive))
        << message.toStdString();
}

TEST_F(BatchLogWidgetTest, TamperedEventPointsAtItsAttempt)
{
    // Event 5 is a step of batch A's first key (1 batch event, then its attempt and steps).
    ASSERT_TRUE(tamper(QStringLiteral("UPDATE ks_events SET detail = '{\"keyId\":\"ff\"}' WHERE seq = 5")));
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    QSignalSpy located(&w, &BatchLogWidget::tamperLocated);
    w.verifyLog();
    ASSERT_TRUE(arrived(located));
    EXPECT_EQ(located.last().at(0).toString(), m_batchA);
    EXPECT_FALSE(located.last().at(1).toString().isEmpty());
    EXPECT_GT(located.last().at(2).toInt(), 0);
    EXPECT_TRUE(w.verifyMessage().contains(QStringLiteral("Batch %1").arg(m_batchA.left(8))))
        << w.verifyMessage().toStdString();
}

// Every export says where it wrote (the full path) and offers the folder; a failure says so.
TEST_F(BatchLogWidgetTest, ExportConfirmsTheFullPathAndOffersTheFolder)
{
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    auto *openFolder = w.findChild<QPushButton *>(QStringLiteral("openFolderButton"));
    ASSERT_NE(openFolder, nullptr);
    EXPECT_TRUE(openFolder->isHidden());
    QSignalSpy finished(&w, &BatchLogWidget::exportFinished);
    const QString pdf = m_dir.filePath(QStringLiteral("log.pdf"));
    w.startExportPdf(pdf);
    ASSERT_TRUE(arrived(finished));
    EXPECT_TRUE(finished.last().at(0).toBool());
    EXPECT_TRUE(finished.last().at(1).toString().contains(QDir::toNativeSeparators(pdf)))
        << finished.last().at(1).toString().toStdString();
    EXPECT_TRUE(w.statusMessage().contains(QDir::toNativeSeparators(pdf))) << w.statusMessage().toStdString();
    EXPECT_EQ(w.lastExportFolder(), QFileInfo(pdf).absolutePath());
    EXPECT_FALSE(openFolder->isHidden());

    finished.clear();
    const QString nowhere = m_dir.filePath(QStringLiteral("no/such/dir/log.pdf"));
    w.startExportPdf(nowhere);
    ASSERT_TRUE(arrived(finished));
    EXPECT_FALSE(finished.last().at(0).toBool());
    EXPECT_TRUE(w.statusMessage().contains(QStringLiteral("failed"))) << w.statusMessage().toStdString();
    EXPECT_TRUE(w.statusMessage().contains(QDir::toNativeSeparators(nowhere)))
        << w.statusMessage().toStdString();
    EXPECT_TRUE(w.lastExportFolder().isEmpty());
    EXPECT_TRUE(openFolder->isHidden());
}

// The batch log's PDF (issue 11 item 7): "page x / y" on every page, a row never split across pages and a
// hardware serial never across lines (each serial whole on exactly one page), the table's header on every
// page, and the sign-off lines at the end.
TEST_F(BatchLogWidgetTest, PdfNeverSplitsARowOrASerialAndEndsWithASignOff)
{
    advance(3600000 * 3);
    const QString batch = beginBatch(QStringLiteral("carol"));
    QStringList serials;
    for (int k = 0; k < 70; ++k) {
        Key key;
        // 24 hex digits, as long serials of smart cards are.
        key.serial = QStringLiteral("5E1A1C0FFEE0BADC0DE%1").arg(k, 5, 16, QLatin1Char('0')).toUpper();
        key.model = QStringLiteral("ePass2003");
        key.tookMs = 5000;
        if (k % 9 == 4) {
            key.state = QStringLiteral("failed");
            key.failStep = QStringLiteral("enrol");
            key.errorCode = QStringLiteral("CaNetwork");
            key.errorMessage
                = QStringLiteral("Connection refused by ca.example.test, port 8888: the CA is not "
                                 "running or a firewall is in the way; retry when it is back");
        }
        serials << key.serial;
        runKey(batch, key);
    }
    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor));
    ASSERT_TRUE(waitLoaded(w));
    core::AttemptFilter f;
    f.batchId = batch;
    ASSERT_TRUE(apply(w, f));
    // Kept as an artefact to look at; the folder is made here, as no other test may have run before this one.
    const QString dir = QStringLiteral(KS_BINARY_DIR "/screenshots");
    ASSERT_TRUE(QDir().mkpath(dir));
    const QString path = dir + QStringLiteral("/batch-log-long.pdf");
    auto exported = w.exportPdf(path);
    ASSERT_TRUE(exported) << exported.error().toString().toStdString();
    EXPECT_EQ(*exported, 70);

    const int pages = pdfPageCount(path);
    ASSERT_GT(pages, 0) << "pdfinfo (poppler-utils) must be installed: scripts/debian-packages.txt";
    EXPECT_GE(pages, 3);
    QStringList text;
    for (int p = 1; p <= pages; ++p)
        text << pdfPageText(path, p);
    EXPECT_TRUE(text[0].contains(QStringLiteral("70 attempts of 70 keys"))) << text[0].toStdString();
    for (int p = 0; p < pages; ++p) {
        EXPECT_TRUE(text[p].contains(QStringLiteral("Page %1 / %2").arg(p + 1).arg(pages)))
            << "page " << p + 1;
    }
    for (int p = 1; p < pages; ++p) {
        if (text[p].contains(serials.last()) || text[p].contains(serials.first())) {
            EXPECT_TRUE(text[p].contains(QStringLiteral("Started"))) << "page " << p + 1; // the header again
        }
    }
    for (const QString &serial : std::as_const(serials)) {
        int on = 0;
        for (const QString &page : std::as_const(text))
            on += page.contains(serial) ? 1 : 0;
        EXPECT_EQ(on, 1) << serial.toStdString();
    }
    EXPECT_TRUE(text.last().contains(QStringLiteral("Sign-o"))); // "ff" may come out as a ligature
    EXPECT_TRUE(text.last().contains(QStringLiteral("Reviewed by")));
}

// The Chinese batch log (issue 11): the PDF names the reader's role in Chinese, and the table's "Started" and
// "Duration" and the steps' "Time" and "Took" are four different words (they were two 耗时).
TEST_F(BatchLogWidgetTest, ChineseReportNamesTheRoleAndKeepsTimeAndTookApart)
{
    QTranslator translator;
    ASSERT_TRUE(translator.load(QStringLiteral(KS_BINARY_DIR "/app/gui/keystation_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    using M = app::AttemptTableModel;
    using S = app::StepEventModel;
    S steps;
    auto stepTitle = [&](int column) { return steps.headerData(column, Qt::Horizontal).toString(); };
    EXPECT_NE(stepTitle(S::Time), stepTitle(S::Took));
    EXPECT_NE(M::columnTitle(M::Time), M::columnTitle(M::Duration));
    EXPECT_NE(stepTitle(S::Time), QStringLiteral("Time"));
    EXPECT_NE(M::columnTitle(M::Time), QStringLiteral("Started"));

    BatchLogWidget w(m_journal.get(), session(core::Role::Supervisor, QStringLiteral("sofia")));
    ASSERT_TRUE(waitLoaded(w));
    const QString path = m_dir.filePath(QStringLiteral("zh.pdf"));
    auto exported = w.exportPdf(path);
    QCoreApplication::removeTranslator(&translator);
    ASSERT_TRUE(exported) << exported.error().toString().toStdString();
    const QString page = pdfPageText(path, 1);
    EXPECT_TRUE(page.contains(QStringLiteral("sofia"))) << page.toStdString();
    EXPECT_TRUE(page.contains(core::roleTitle(core::Role::Supervisor))
                || page.contains(QStringLiteral("主管")))
        << page.toStdString();
    EXPECT_FALSE(page.contains(QStringLiteral("Supervisor"))) << page.toStdString();
}

} // namespace ks::test
