// keystation-cli provision --json as a factory's MES reads it (docs/cli.md "Progress as JSON lines"): one
// JSON object per line on standard output and nothing else, every object stamped, keyDone for each key and
// batchFinished last; the text for people on standard error.
#include "CliBatchFixture.h"

#include <QDateTime>
#include <QTcpServer>

namespace {

using ks::test::CliBatchFixture;
using ks::test::CliRun;

class ProvisionJson : public CliBatchFixture
{
};

TEST_F(ProvisionJson, EveryLineIsAnEventWithKeyDoneForEachKeyAndBatchFinishedLast)
{
    setUpStation(2);
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    const CliRun r = run(provision({ QStringLiteral("--json") }));
    ASSERT_EQ(r.code, 0) << r.out.toStdString() << r.err.toStdString();
    const QList<QJsonObject> events = jsonLines(r.out);
    ASSERT_GE(events.size(), 6) << r.out.toStdString();
    for (const QJsonObject &e : events) {
        EXPECT_FALSE(e.value(QStringLiteral("event")).toString().isEmpty());
        const QDateTime ts
            = QDateTime::fromString(e.value(QStringLiteral("ts")).toString(), Qt::ISODateWithMs);
        EXPECT_TRUE(ts.isValid() && ts.timeSpec() == Qt::UTC) << QJsonDocument(e).toJson().toStdString();
    }
    // The text for people went to standard error.
    EXPECT_TRUE(r.err.contains(QStringLiteral("started by admin"))) << r.err.toStdString();
    EXPECT_FALSE(r.out.contains(QStringLiteral("started by admin")));

    const QJsonObject first = events.first();
    EXPECT_EQ(first.value(QStringLiteral("event")).toString(), QStringLiteral("batchStarted"));
    const QString batch = first.value(QStringLiteral("batch")).toString();
    EXPECT_FALSE(batch.isEmpty());
    EXPECT_TRUE(first.value(QStringLiteral("lot")).isNull());
    EXPECT_EQ(first.value(QStringLiteral("operator")).toString(), QStringLiteral("admin"));
    EXPECT_EQ(first.value(QStringLiteral("profile")).toString(), QStringLiteral("lots"));

    QStringList added;
    for (const QJsonObject &e : eventsNamed(events, QStringLiteral("keyAdded"))) {
        added << e.value(QStringLiteral("serial")).toString();
        EXPECT_FALSE(e.value(QStringLiteral("port")).toString().isEmpty());
    }
    added.sort();
    QStringList serials = m_serials;
    serials.sort();
    EXPECT_EQ(added, serials);

    QStringList done;
    for (const QJsonObject &e : eventsNamed(events, QStringLiteral("keyDone"))) {
        done << e.value(QStringLiteral("serial")).toString();
        EXPECT_FALSE(e.value(QStringLiteral("certSerial")).toString().isEmpty());
        EXPECT_EQ(e.value(QStringLiteral("alreadyProvisioned")), QJsonValue(false));
        EXPECT_EQ(e.value(QStringLiteral("sha256")).toString().size(), 64);
    }
    done.sort();
    EXPECT_EQ(done, serials);
    EXPECT_TRUE(eventsNamed(events, QStringLiteral("keyFailed")).isEmpty());

    // Each key's steps: every stepStarted is ended, in order, before its keyDone.
    for (const QString &serial : std::as_const(serials)) {
        QString open;
        int steps = 0;
        bool finished = false;
        for (const QJsonObject &e : events) {
            if (e.value(QStringLiteral("serial")).toString() != serial)
                continue;
            const QString name = e.value(QStringLiteral("event")).toString();
            if (name == QLatin1String("stepStarted")) {
                EXPECT_TRUE(open.isEmpty()) << serial.toStdString() << " step " << open.toStdString();
                open = e.value(QStringLiteral("step")).toString();
                ++steps;
            } else if (name == QLatin1String("stepEnded")) {
                EXPECT_EQ(e.value(QStringLiteral("step")).toString(), open);
                EXPECT_EQ(e.value(QStringLiteral("ok")), QJsonValue(true));
                open.clear();
            } else if (name == QLatin1String("keyDone")) {
                EXPECT_TRUE(open.isEmpty());
                finished = true;
            }
        }
        EXPECT_TRUE(finished);
        EXPECT_GE(steps, 3) << serial.toStdString(); // login, generate, enrol, write at least
    }

    const QJsonObject last = events.last();
    EXPECT_EQ(last.value(QStringLiteral("event")).toString(), QStringLiteral("batchFinished"));
    EXPECT_EQ(last.value(QStringLiteral("batch")).toString(), batch);
    EXPECT_EQ(last.value(QStringLiteral("done")).toInt(), 2);
    EXPECT_EQ(last.value(QStringLiteral("failed")).toInt(), 0);
    EXPECT_EQ(last.value(QStringLiteral("refused")).toInt(), 0);
    EXPECT_EQ(last.value(QStringLiteral("exitCode")).toInt(), 0);
    EXPECT_EQ(eventsNamed(events, QStringLiteral("batchFinished")).size(), 1);
}

// A profile with "labels": the batch ends with a label sheet of its keys (app/report/LabelSheet.h), named in
// batchFinished; a second batch that finds the keys already provisioned writes none.
TEST_F(ProvisionJson, AProfileWithLabelsGetsALabelSheetPerBatch)
{
    setUpStation(2);
    const QString directory = file(QStringLiteral("labels"));
    ASSERT_TRUE(
        startCa({ { QStringLiteral("labels"), QJsonObject { { QStringLiteral("directory"), directory } } } }))
        << m_ca.errorString().toStdString();
    const CliRun r = run(provision({ QStringLiteral("--json") }));
    ASSERT_EQ(r.code, 0) << r.out.toStdString() << r.err.toStdString();
    const QJsonObject last = jsonLines(r.out).last();
    const QString batch = last.value(QStringLiteral("batch")).toString();
    const QString sheet = directory + QStringLiteral("/labels-") + batch + QStringLiteral(".pdf");
    EXPECT_EQ(last.value(QStringLiteral("labels")).toString(), sheet) << r.out.toStdString();
    QFile pdf(sheet);
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly)) << sheet.toStdString();
    EXPECT_TRUE(pdf.readAll().startsWith("%PDF"));
    EXPECT_TRUE(r.err.contains(QStringLiteral("Label sheet: ") + sheet)) << r.err.toStdString();

    const CliRun again = run(provision({ QStringLiteral("--json") }));
    ASSERT_EQ(again.code, 0) << again.out.toStdString() << again.err.toStdString();
    const QJsonObject lastAgain = jsonLines(again.out).last();
    EXPECT_FALSE(lastAgain.contains(QStringLiteral("labels"))) << again.out.toStdString();
    EXPECT_EQ(lastAgain.value(QStringLiteral("alreadyProvisioned")).toInt(), 2);
}

TEST_F(ProvisionJson, AFailureBeforeTheBatchIsOneErrorEventWithTheExitCode)
{
    setUpStation(1);
    QTcpServer probe; // a port that was free a moment ago: nothing listens there
    ASSERT_TRUE(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    writeProfile(QStringLiteral("https://127.0.0.1:%1").arg(port));
    const CliRun r = run(provision({ QStringLiteral("--json") }));
    EXPECT_EQ(r.code, 3) << r.out.toStdString() << r.err.toStdString();
    const QList<QJsonObject> events = jsonLines(r.out);
    ASSERT_EQ(events.size(), 1) << r.out.toStdString();
    EXPECT_EQ(events.at(0).value(QStringLiteral("event")).toString(), QStringLiteral("error"));
    EXPECT_EQ(events.at(0).value(QStringLiteral("exitCode")).toInt(), 3);
    EXPECT_TRUE(events.at(0).value(QStringLiteral("message")).toString().contains(QStringLiteral("CA")));
    EXPECT_TRUE(r.err.contains(QStringLiteral("The CA is not usable"))) << r.err.toStdString();
}

} // namespace
