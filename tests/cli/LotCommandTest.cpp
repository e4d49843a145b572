// Lots through keystation-cli (docs/lots.md, docs/cli.md): provision --all --lot FILE refuses a key outside
// the lot before login and says so as a refusal, not a failure; lot list/show give the journal's counts; lot
// report hands over exactly the lot's certificates (compared with what is on the keys), a CSV row per done
// key and a PDF.
#include "CliBatchFixture.h"

#include "device/Pkcs11Module.h"
#include "device/TokenSession.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>

namespace {

using ks::test::CliBatchFixture;
using ks::test::CliRun;

class LotCommand : public CliBatchFixture
{
protected:
    void writeLot(const QString &name, const QJsonObject &lot) { writeJson(name, lot); }

    // The certificates on the key with this serial, read from SoftHSM as anyone holding the key could.
    static QList<QByteArray> certificatesOn(const QString &serial)
    {
        auto module = ks::device::Pkcs11Module::load(
            QString::fromStdString(ks::test::SoftHsmEnv::softHsmModulePath()));
        EXPECT_TRUE(static_cast<bool>(module));
        if (!module)
            return {};
        auto session = ks::device::TokenSession::open(*module, serial);
        EXPECT_TRUE(static_cast<bool>(session)) << serial.toStdString();
        if (!session)
            return {};
        auto certificates = (*session)->certificates();
        EXPECT_TRUE(static_cast<bool>(certificates));
        QList<QByteArray> ders;
        if (certificates)
            for (const auto &c : std::as_const(*certificates))
                ders << c.der;
        return ders;
    }

    // The DER of every CERTIFICATE block of a PEM bundle.
    static QList<QByteArray> pemBlocks(const QByteArray &pem)
    {
        static const QRegularExpression block(
            QStringLiteral("-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----"));
        QList<QByteArray> ders;
        for (auto it = block.globalMatch(QString::fromLatin1(pem)); it.hasNext();) {
            QString base64 = it.next().captured(1);
            base64.remove(QRegularExpression(QStringLiteral("\\s")));
            ders << QByteArray::fromBase64(base64.toLatin1());
        }
        return ders;
    }
};

TEST_F(LotCommand, AKeyOutsideTheLotIsRefusedAndTheLotIsCountedAndHandedOver)
{
    setUpStation(3);
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    const QString inLotA = m_serials.at(0);
    const QString inLotB = m_serials.at(1);
    const QString outside = m_serials.at(2);
    writeLot(QStringLiteral("lot.json"),
             { { QStringLiteral("id"), QStringLiteral("WO-4711") },
               { QStringLiteral("profile"), QStringLiteral("lots") },
               { QStringLiteral("quantity"), 2 },
               { QStringLiteral("serials"), QJsonArray { inLotA, inLotB } },
               { QStringLiteral("customer"), QStringLiteral("ACME Logistics") } });

    const CliRun r = run(
        provision({ QStringLiteral("--lot"), file(QStringLiteral("lot.json")), QStringLiteral("--json") }));
    // The refusal is not a failure of the batch: every key the lot admitted is done.
    ASSERT_EQ(r.code, 0) << r.out.toStdString() << r.err.toStdString();
    const QList<QJsonObject> events = jsonLines(r.out);
    ASSERT_FALSE(events.isEmpty());
    EXPECT_EQ(events.first().value(QStringLiteral("event")).toString(), QStringLiteral("batchStarted"));
    EXPECT_EQ(events.first().value(QStringLiteral("lot")).toString(), QStringLiteral("WO-4711"));
    const QList<QJsonObject> failed = eventsNamed(events, QStringLiteral("keyFailed"));
    ASSERT_EQ(failed.size(), 1) << r.out.toStdString();
    EXPECT_EQ(failed.at(0).value(QStringLiteral("serial")).toString(), outside);
    EXPECT_EQ(failed.at(0).value(QStringLiteral("code")).toString(), QStringLiteral("NotInLot"));
    EXPECT_EQ(failed.at(0).value(QStringLiteral("step")).toString(), QStringLiteral("login"));
    EXPECT_EQ(failed.at(0).value(QStringLiteral("refused")), QJsonValue(true));
    // The refusal is decided at the login stage, before the login: no later step starts for that key.
    for (const QJsonObject &e : events) {
        if (e.value(QStringLiteral("serial")).toString() == outside
            && e.value(QStringLiteral("event")).toString() == QLatin1String("stepStarted")) {
            EXPECT_EQ(e.value(QStringLiteral("step")).toString(), QStringLiteral("login"));
        }
    }
    QStringList done;
    for (const QJsonObject &e : eventsNamed(events, QStringLiteral("keyDone")))
        done << e.value(QStringLiteral("serial")).toString();
    done.sort();
    QStringList inLot { inLotA, inLotB };
    inLot.sort();
    EXPECT_EQ(done, inLot);
    const QJsonObject last = events.last();
    EXPECT_EQ(last.value(QStringLiteral("event")).toString(), QStringLiteral("batchFinished"));
    EXPECT_EQ(last.value(QStringLiteral("done")).toInt(), 2);
    EXPECT_EQ(last.value(QStringLiteral("failed")).toInt(), 0);
    EXPECT_EQ(last.value(QStringLiteral("refused")).toInt(), 1);
    EXPECT_EQ(last.value(QStringLiteral("lot")).toObject().value(QStringLiteral("done")).toInt(), 2);
    EXPECT_EQ(last.value(QStringLiteral("lot")).toObject().value(QStringLiteral("remaining")).toInt(), 0);
    EXPECT_TRUE(r.err.contains(QStringLiteral("REFUSED [NotInLot]"))) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains(QStringLiteral("Lot WO-4711: 2 of 2 done"))) << r.err.toStdString();
    EXPECT_TRUE(certificatesOn(outside).isEmpty());

    // lot list / show: the journal's counts.
    const CliRun list = run(lot({ QStringLiteral("list"), QStringLiteral("--json") }));
    ASSERT_EQ(list.code, 0) << list.all().toStdString();
    const QJsonArray lots = QJsonDocument::fromJson(list.out.toUtf8()).array();
    ASSERT_EQ(lots.size(), 1) << list.out.toStdString();
    EXPECT_EQ(lots.at(0)[QStringLiteral("id")].toString(), QStringLiteral("WO-4711"));
    EXPECT_EQ(lots.at(0)[QStringLiteral("profile")].toString(), QStringLiteral("lots"));
    EXPECT_EQ(lots.at(0)[QStringLiteral("quantity")].toInt(), 2);
    EXPECT_EQ(lots.at(0)[QStringLiteral("done")].toInt(), 2);
    EXPECT_EQ(lots.at(0)[QStringLiteral("remaining")].toInt(), 0);

    const CliRun show
        = run(lot({ QStringLiteral("show"), QStringLiteral("WO-4711"), QStringLiteral("--json") }));
    ASSERT_EQ(show.code, 0) << show.all().toStdString();
    const QJsonObject counts = QJsonDocument::fromJson(show.out.toUtf8()).object();
    EXPECT_EQ(counts.value(QStringLiteral("customer")).toString(), QStringLiteral("ACME Logistics"));
    EXPECT_EQ(counts.value(QStringLiteral("done")).toInt(), 2);
    EXPECT_EQ(counts.value(QStringLiteral("failed")).toInt(), 0);
    EXPECT_EQ(counts.value(QStringLiteral("refused")).toInt(), 1);
    EXPECT_EQ(counts.value(QStringLiteral("interrupted")).toInt(), 0);
    EXPECT_EQ(counts.value(QStringLiteral("remaining")).toInt(), 0);
    EXPECT_DOUBLE_EQ(counts.value(QStringLiteral("firstPassYield")).toDouble(), 1.0);
    EXPECT_DOUBLE_EQ(counts.value(QStringLiteral("finalYield")).toDouble(), 1.0);
    EXPECT_GT(counts.value(QStringLiteral("keysPerHour")).toDouble(), 0.0);
    EXPECT_EQ(
        counts.value(QStringLiteral("doneByOperator")).toObject().value(QStringLiteral("admin")).toInt(), 2);
    const CliRun showText = run(lot({ QStringLiteral("show"), QStringLiteral("WO-4711") }));
    ASSERT_EQ(showText.code, 0) << showText.all().toStdString();
    EXPECT_TRUE(showText.out.contains(QStringLiteral("first-pass yield   100.0 %")))
        << showText.out.toStdString();

    // lot report: exactly the lot's certificates, as they are on the keys.
    const QString pem = file(QStringLiteral("hand-over/WO-4711.pem"));
    const QString csv = file(QStringLiteral("hand-over/WO-4711.csv"));
    const QString pdf = file(QStringLiteral("hand-over/WO-4711.pdf"));
    ASSERT_TRUE(QDir().mkpath(file(QStringLiteral("hand-over"))));
    const CliRun report
        = run(lot({ QStringLiteral("report"), QStringLiteral("WO-4711"), QStringLiteral("--pem"), pem,
                    QStringLiteral("--csv"), csv, QStringLiteral("--pdf"), pdf }));
    ASSERT_EQ(report.code, 0) << report.all().toStdString();
    for (const QString &path : { pem, csv, pdf })
        EXPECT_TRUE(report.out.contains(path)) << path.toStdString() << ": " << report.out.toStdString();
    QFile pemFile(pem);
    ASSERT_TRUE(pemFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> bundle = pemBlocks(pemFile.readAll());
    QList<QByteArray> onKeys = certificatesOn(inLotA) + certificatesOn(inLotB);
    ASSERT_EQ(onKeys.size(), 2);
    EXPECT_EQ(bundle.size(), 2);
    EXPECT_EQ(QSet<QByteArray>(bundle.begin(), bundle.end()), QSet<QByteArray>(onKeys.begin(), onKeys.end()));

    QFile csvFile(csv);
    ASSERT_TRUE(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csvFile.readAll().split('\n');
    int dataRows = 0;
    for (qsizetype i = 1; i < rows.size(); ++i) // after the header
        dataRows += rows.at(i).trimmed().isEmpty() ? 0 : 1;
    EXPECT_EQ(dataRows, 2);
    const QByteArray csvText = rows.join('\n');
    EXPECT_TRUE(csvText.contains(inLotA.toUtf8()) && csvText.contains(inLotB.toUtf8()));
    EXPECT_FALSE(csvText.contains(outside.toUtf8()));

    QFile pdfFile(pdf);
    ASSERT_TRUE(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray pdfBytes = pdfFile.readAll();
    EXPECT_TRUE(pdfBytes.startsWith("%PDF")) << pdfBytes.left(16).toStdString();
    EXPECT_GT(pdfBytes.size(), 2000);

    // An unknown lot is a usage error that names it.
    const CliRun unknown = run(lot({ QStringLiteral("show"), QStringLiteral("WO-0000") }));
    EXPECT_EQ(unknown.code, 2) << unknown.all().toStdString();
    EXPECT_TRUE(unknown.err.contains(QStringLiteral("No lot 'WO-0000'"))) << unknown.err.toStdString();
    const CliRun unknownReport = run(lot({ QStringLiteral("report"), QStringLiteral("WO-0000"),
                                           QStringLiteral("--pem"), file(QStringLiteral("none.pem")) }));
    EXPECT_EQ(unknownReport.code, 2) << unknownReport.all().toStdString();
    EXPECT_FALSE(QFile::exists(file(QStringLiteral("none.pem"))));
}

TEST_F(LotCommand, ABadLotFileOrALotOfAnotherProfileExits2BeforeAnyKey)
{
    setUpStation(1);
    ASSERT_TRUE(startCa()) << m_ca.errorString().toStdString();
    writeLot(QStringLiteral("colour.json"),
             { { QStringLiteral("id"), QStringLiteral("WO-1") },
               { QStringLiteral("profile"), QStringLiteral("lots") },
               { QStringLiteral("quantity"), 1 },
               { QStringLiteral("serials"), QJsonArray { m_serials.at(0) } },
               { QStringLiteral("colour"), QStringLiteral("blue") } });
    const CliRun unknownField
        = run(provision({ QStringLiteral("--lot"), file(QStringLiteral("colour.json")) }));
    EXPECT_EQ(unknownField.code, 2) << unknownField.all().toStdString();
    EXPECT_TRUE(unknownField.err.contains(QStringLiteral("colour"))) << unknownField.err.toStdString();

    const CliRun missing
        = run(provision({ QStringLiteral("--lot"), file(QStringLiteral("no-such-lot.json")) }));
    EXPECT_EQ(missing.code, 2) << missing.all().toStdString();
    EXPECT_TRUE(missing.err.contains(QStringLiteral("no-such-lot.json"))) << missing.err.toStdString();

    writeLot(QStringLiteral("other.json"),
             { { QStringLiteral("id"), QStringLiteral("WO-2") },
               { QStringLiteral("profile"), QStringLiteral("another-profile") },
               { QStringLiteral("quantity"), 1 },
               { QStringLiteral("serials"), QJsonArray { m_serials.at(0) } } });
    const CliRun mismatch = run(provision({ QStringLiteral("--lot"), file(QStringLiteral("other.json")) }));
    EXPECT_EQ(mismatch.code, 2) << mismatch.all().toStdString();
    EXPECT_TRUE(mismatch.err.contains(QStringLiteral("another-profile"))) << mismatch.err.toStdString();
    EXPECT_FALSE(mismatch.out.contains(QStringLiteral("DONE"))) << mismatch.out.toStdString();
    EXPECT_TRUE(certificatesOn(m_serials.at(0)).isEmpty());
}

} // namespace
