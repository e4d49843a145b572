// The batch log's "Lots" tab against a real SQLite journal: lots registered and keys admitted, refused, done
// and failed through Journal's public API (the engine's code path), by two stations sharing the journal.
// Counts in the table and in full, the hand-over export (CSV, PEM bundle, PDF through app/report) and the
// permission it needs; a screenshot of the view to look at (build/screenshots/lot-view.png).
#include "LogJournalFixture.h"
#include "TestPki.h"

#include "app/gui/log/BatchLogWidget.h"
#include "app/gui/log/LotView.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>

#include <openssl/evp.h>

namespace ks::test {

namespace {

using core::JournalPhase;
using core::JournalStep;

bool arrived(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(10000);
}

const JournalStep kSteps[] = {
    JournalStep::Login,
    JournalStep::FindKeyPair,
    JournalStep::GenerateKeyPair,
    JournalStep::ReadIdentity,
    JournalStep::CreateCsr,
    JournalStep::Enrol,
    JournalStep::VerifyCertificate,
    JournalStep::WriteCertificate,
    JournalStep::ReadBack,
};

} // namespace

class LotViewTest : public LogJournalFixture
{
protected:
    void SetUp() override
    {
        LogJournalFixture::SetUp();
        m_caKey = TestPki::generateKey(KeyType::EcP256);
        IssueOptions ca;
        ca.subjectKey = m_caKey.get();
        ca.issuerKey = m_caKey.get();
        ca.commonName = QStringLiteral("Lot Test CA");
        ca.isCa = true;
        ca.keyUsage = KuKeyCertSign | KuCrlSign;
        m_caCert = TestPki::certFromDer(TestPki::issue(ca));
        ASSERT_TRUE(m_caCert);
        // A second station on the same journal file.
        core::JournalConfig config = core::JournalConfig::sqlite(m_path);
        config.station = QStringLiteral("bench-4");
        auto other = core::Journal::open(config,
                                         [this] { return QDateTime::fromMSecsSinceEpoch(m_nowMs, Qt::UTC); });
        ASSERT_TRUE(other) << other.error().toString().toStdString();
        m_other = std::move(*other);
    }
    void TearDown() override
    {
        m_other.reset();
        LogJournalFixture::TearDown();
    }

    // Through the manifest parser, as a file from the key vendor would be (serials normalised).
    static core::LotManifest lot(const QString &id, int quantity, const QStringList &serials,
                                 const QList<core::SerialRange> &ranges = {})
    {
        QJsonObject o { { QStringLiteral("id"), id },
                        { QStringLiteral("profile"), QStringLiteral("device-p256") },
                        { QStringLiteral("quantity"), quantity } };
        if (!serials.isEmpty())
            o.insert(QStringLiteral("serials"), QJsonArray::fromStringList(serials));
        QJsonArray r;
        for (const core::SerialRange &range : ranges)
            r.append(
                QJsonObject { { QStringLiteral("from"), range.from }, { QStringLiteral("to"), range.to } });
        if (!r.isEmpty())
            o.insert(QStringLiteral("serialRanges"), r);
        auto parsed = core::LotManifest::parse(QJsonDocument(o).toJson(), QStringLiteral("test"));
        EXPECT_TRUE(parsed) << parsed.error().toString().toStdString();
        return parsed ? *parsed : core::LotManifest {};
    }

    // One key through the lot: admitted or refused (journaled by admitToLot), then, when admitted, done or
    // failed at enrolment. Returns the verdict.
    core::LotVerdict runLotKey(core::Journal &journal, const QString &batch, const core::LotManifest &l,
                               const QString &serial, bool fails = false)
    {
        const qint64 start = m_nowMs;
        auto attempt = journal.beginAttempt(batch, serial, l.model);
        EXPECT_TRUE(attempt) << attempt.error().toString().toStdString();
        auto verdict = journal.admitToLot(*attempt, l);
        EXPECT_TRUE(verdict) << verdict.error().toString().toStdString();
        core::AttemptOutcome outcome;
        if (*verdict != core::LotVerdict::Admitted) {
            const QString code = *verdict == core::LotVerdict::NotInLot ? QStringLiteral("NotInLot")
                : *verdict == core::LotVerdict::AlreadyInLot            ? QStringLiteral("AlreadyInLot")
                                                                        : QStringLiteral("LotComplete");
            EXPECT_TRUE(journal.recordEvent(*attempt, JournalStep::Login, JournalPhase::Failed,
                                            { { QStringLiteral("code"), code } }));
            outcome.state = core::AttemptState::Failed;
            outcome.errorCode = code;
            outcome.errorMessage = QStringLiteral("Key %1 is not in lot %2.").arg(serial, l.id);
            m_nowMs = start + 300;
            EXPECT_TRUE(journal.finishAttempt(*attempt, outcome));
            return *verdict;
        }
        int event = 0;
        for (JournalStep step : kSteps) {
            m_nowMs = start + 700 * ++event;
            QJsonObject keyId;
            if (step == JournalStep::GenerateKeyPair)
                keyId.insert(QStringLiteral("keyId"), serial.left(8).toLower());
            auto before = journal.recordEvent(*attempt, step, JournalPhase::Before, keyId);
            EXPECT_TRUE(before) << before.error().toString().toStdString();
            m_nowMs = start + 700 * ++event;
            if (fails && step == JournalStep::Enrol) {
                EXPECT_TRUE(journal.recordEvent(*attempt, step, JournalPhase::Failed,
                                                { { QStringLiteral("code"), QStringLiteral("CaTimeout") } }));
                outcome.state = core::AttemptState::Failed;
                outcome.errorCode = QStringLiteral("CaTimeout");
                outcome.errorMessage = QStringLiteral("The CA did not answer within 30 s.");
                EXPECT_TRUE(journal.finishAttempt(*attempt, outcome));
                return *verdict;
            }
            QJsonObject after = keyId;
            if (step == JournalStep::Enrol) {
                const QByteArray der = issue(serial);
                after.insert(QStringLiteral("certDer"), QString::fromLatin1(der.toBase64()));
                after.insert(QStringLiteral("certSerial"), serial.toUpper());
                after.insert(QStringLiteral("certNotAfter"), start + 365LL * 24 * 3600 * 1000);
                m_issued.insert(serial, der);
            }
            EXPECT_TRUE(journal.recordEvent(*attempt, step, JournalPhase::After, after));
        }
        EXPECT_TRUE(journal.finishAttempt(*attempt, outcome));
        return *verdict;
    }

    QByteArray issue(const QString &serial)
    {
        auto key = TestPki::generateKey(KeyType::EcP256);
        IssueOptions o;
        o.subjectKey = key.get();
        o.issuerCert = m_caCert.get();
        o.issuerKey = m_caKey.get();
        o.commonName = QStringLiteral("Key %1").arg(serial);
        o.serialNumber = serial;
        o.extendedKeyUsage = { QString::fromLatin1(OidClientAuth) };
        return TestPki::issue(o);
    }

    QString batch(core::Journal &journal, const QString &operatorName, const QString &lotId)
    {
        auto id = journal.beginBatch(operatorName, QStringLiteral("device-p256"),
                                     { { QStringLiteral("lot"), lotId } });
        EXPECT_TRUE(id) << id.error().toString().toStdString();
        return id ? *id : QString();
    }

    KeyPtr m_caKey;
    CertPtr m_caCert;
    std::unique_ptr<core::Journal> m_other;
    QHash<QString, QByteArray> m_issued;
};

TEST_F(LotViewTest, ListsTheLotsWithTheirCountsByStationAndOperator)
{
    core::LotManifest a = lot(QStringLiteral("WO-2026-0147"), 6, {},
                              { { QStringLiteral("2E3A4B5C00000000"), QStringLiteral("2E3A4B5C000000FF") } });
    a.customer = QStringLiteral("Acme Industrial GmbH");
    a.model = QStringLiteral("ePass2003");
    ASSERT_TRUE(m_journal->registerLot(a, QStringLiteral("alice")));
    const QString b1 = batch(*m_journal, QStringLiteral("alice"), a.id);
    const QString b2 = batch(*m_other, QStringLiteral("bob"), a.id);
    auto serial
        = [](int k) { return QStringLiteral("2E3A4B5C%1").arg(k, 8, 16, QLatin1Char('0')).toUpper(); };
    using V = core::LotVerdict;
    EXPECT_EQ(runLotKey(*m_journal, b1, a, serial(1)), V::Admitted);
    EXPECT_EQ(runLotKey(*m_journal, b1, a, serial(2)), V::Admitted);
    EXPECT_EQ(runLotKey(*m_journal, b1, a, serial(3), true), V::Admitted); // fails at the CA
    EXPECT_EQ(runLotKey(*m_journal, b1, a, QStringLiteral("7F00000000000001")), V::NotInLot);
    EXPECT_EQ(runLotKey(*m_other, b2, a, serial(4)), V::Admitted);
    EXPECT_EQ(runLotKey(*m_other, b2, a, serial(1)), V::AlreadyInLot); // done on bench-3 already
    EXPECT_EQ(runLotKey(*m_other, b2, a, serial(3)), V::Admitted); // the retry of the failed key

    core::LotManifest b = lot(QStringLiteral("WO-2026-0152"), 1,
                              { QStringLiteral("9A00000000000001"), QStringLiteral("9A00000000000002") });
    b.customer = QStringLiteral("Nordwind Logistics");
    ASSERT_TRUE(m_journal->registerLot(b, QStringLiteral("alice")));
    const QString b3 = batch(*m_journal, QStringLiteral("alice"), b.id);
    EXPECT_EQ(runLotKey(*m_journal, b3, b, QStringLiteral("9A00000000000001")), V::Admitted);
    EXPECT_EQ(runLotKey(*m_journal, b3, b, QStringLiteral("9A00000000000002")), V::LotComplete);

    app::BatchLogWidget log(m_journal.get(), session(core::Role::Supervisor, QStringLiteral("sofia")));
    app::LotView *view = log.lotView();
    ASSERT_NE(view, nullptr);
    QSignalSpy loaded(view, &app::LotView::lotsLoaded);
    ASSERT_TRUE(arrived(loaded));
    ASSERT_EQ(loaded.last().front().toInt(), 2);
    ASSERT_EQ(view->lotCount(), 2);

    auto *table = view->findChild<QTableWidget *>(QStringLiteral("lotTable"));
    ASSERT_NE(table, nullptr);
    int rowA = view->lotIdAt(0) == a.id ? 0 : 1;
    EXPECT_EQ(table->item(rowA, 0)->text(), a.id);
    EXPECT_EQ(table->item(rowA, 1)->text(), a.customer);
    EXPECT_EQ(table->item(rowA, 4)->text(), QStringLiteral("4 / 6")); // done / quantity
    EXPECT_EQ(table->item(rowA, 5)->text(), QStringLiteral("0")); // failed (the failed key was retried)
    EXPECT_EQ(table->item(rowA, 6)->text(), QStringLiteral("2")); // refused
    EXPECT_EQ(table->item(rowA, 7)->text(), QStringLiteral("2")); // remaining
    EXPECT_EQ(table->item(rowA, 8)->text(), QStringLiteral("75 %")); // first pass: 3 of 4 keys
    EXPECT_EQ(table->item(rowA, 9)->text(), QStringLiteral("100 %"));
    EXPECT_EQ(table->item(1 - rowA, 4)->text(), QStringLiteral("1 / 1"));
    EXPECT_EQ(table->item(1 - rowA, 6)->text(), QStringLiteral("1"));

    ASSERT_TRUE(view->selectLot(a.id));
    const QString detail = view->detailText();
    EXPECT_TRUE(detail.contains(QStringLiteral("bench-3"))) << detail.toStdString();
    EXPECT_TRUE(detail.contains(QStringLiteral("bench-4"))) << detail.toStdString();
    EXPECT_TRUE(detail.contains(QStringLiteral("alice")));
    EXPECT_TRUE(detail.contains(QStringLiteral("bob")));
    EXPECT_TRUE(detail.contains(QStringLiteral("Acme Industrial GmbH")));
}

TEST_F(LotViewTest, ExportWritesTheHandOverAndSaysWhere)
{
    core::LotManifest a = lot(QStringLiteral("WO/7 acme"), 3,
                              { QStringLiteral("1100000000000001"), QStringLiteral("1100000000000002"),
                                QStringLiteral("1100000000000003") });
    ASSERT_TRUE(m_journal->registerLot(a, QStringLiteral("alice")));
    const QString b1 = batch(*m_journal, QStringLiteral("alice"), a.id);
    ASSERT_EQ(runLotKey(*m_journal, b1, a, QStringLiteral("1100000000000001")), core::LotVerdict::Admitted);
    ASSERT_EQ(runLotKey(*m_journal, b1, a, QStringLiteral("1100000000000002")), core::LotVerdict::Admitted);
    ASSERT_EQ(runLotKey(*m_journal, b1, a, QStringLiteral("1100000000000003"), true),
              core::LotVerdict::Admitted);

    app::LotView view(m_journal.get(), session(core::Role::Supervisor, QStringLiteral("sofia")));
    QSignalSpy loaded(&view, &app::LotView::lotsLoaded);
    view.refresh();
    ASSERT_TRUE(arrived(loaded));
    ASSERT_TRUE(view.selectLot(a.id));
    auto *button = view.findChild<QPushButton *>(QStringLiteral("exportLotReport"));
    ASSERT_NE(button, nullptr);
    EXPECT_TRUE(button->isVisibleTo(&view));
    EXPECT_TRUE(button->isEnabled());

    QTemporaryDir out;
    ASSERT_TRUE(out.isValid());
    QSignalSpy exported(&view, &app::LotView::exportFinished);
    view.startExport(a.id, out.path()); // what the button does after its directory dialog
    ASSERT_TRUE(arrived(exported));
    ASSERT_TRUE(exported.last().at(0).toBool()) << exported.last().at(1).toString().toStdString();
    const QStringList files = app::LotView::reportFiles(out.path(), a.id);
    ASSERT_EQ(files.size(), 3);
    for (const QString &f : files) {
        EXPECT_TRUE(QFileInfo(f).size() > 0) << f.toStdString();
        EXPECT_EQ(QFileInfo(f).dir().absolutePath(), QDir(out.path()).absolutePath()); // no '/' from the id
        EXPECT_TRUE(view.statusMessage().contains(QDir::toNativeSeparators(f))) << f.toStdString();
    }
    EXPECT_TRUE(view.statusMessage().contains(QStringLiteral("2 key")));

    // The PEM bundle holds exactly the two done keys' certificates.
    QFile pem(files.at(1));
    ASSERT_TRUE(pem.open(QIODevice::ReadOnly));
    const QByteArray bundle = pem.readAll();
    EXPECT_EQ(bundle.count("-----BEGIN CERTIFICATE-----"), 2);
    for (const char *s : { "1100000000000001", "1100000000000002" })
        EXPECT_TRUE(bundle.contains(TestPki::certDerToPem(m_issued.value(QLatin1String(s))).trimmed())) << s;
    QFile pdf(files.at(2));
    ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
    EXPECT_TRUE(pdf.read(5) == "%PDF-");
}

TEST_F(LotViewTest, ExportNeedsExportLog)
{
    core::LotManifest a = lot(QStringLiteral("WO-9"), 1, { QStringLiteral("1200000000000001") });
    ASSERT_TRUE(m_journal->registerLot(a, QStringLiteral("alice")));
    // An operator may not read the log at all; the lot view shows nothing and writes nothing.
    app::LotView view(m_journal.get(), session(core::Role::Operator, QStringLiteral("otto")));
    auto *button = view.findChild<QPushButton *>(QStringLiteral("exportLotReport"));
    ASSERT_NE(button, nullptr);
    EXPECT_FALSE(button->isVisibleTo(&view));
    QTemporaryDir out;
    QSignalSpy exported(&view, &app::LotView::exportFinished);
    view.startExport(a.id, out.path());
    ASSERT_TRUE(arrived(exported));
    EXPECT_FALSE(exported.last().at(0).toBool());
    for (const QString &f : app::LotView::reportFiles(out.path(), a.id))
        EXPECT_FALSE(QFileInfo::exists(f)) << f.toStdString();
}

TEST_F(LotViewTest, SavesTheLotView)
{
    core::LotManifest a = lot(QStringLiteral("WO-2026-0147"), 40, {},
                              { { QStringLiteral("2E3A4B5C00000000"), QStringLiteral("2E3A4B5C000000FF") } });
    a.customer = QStringLiteral("Acme Industrial GmbH");
    a.model = QStringLiteral("ePass2003");
    ASSERT_TRUE(m_journal->registerLot(a, QStringLiteral("alice")));
    const QString b1 = batch(*m_journal, QStringLiteral("alice"), a.id);
    const QString b2 = batch(*m_other, QStringLiteral("bob"), a.id);
    for (int k = 0; k < 22; ++k) {
        m_nowMs += 9000;
        const QString s = QStringLiteral("2E3A4B5C%1").arg(k, 8, 16, QLatin1Char('0')).toUpper();
        runLotKey(k % 3 == 2 ? *m_other : *m_journal, k % 3 == 2 ? b2 : b1, a, s, k == 7 || k == 15);
    }
    runLotKey(*m_journal, b1, a, QStringLiteral("5500000000000001"));
    runLotKey(*m_other, b2, a, QStringLiteral("2E3A4B5C00000003"));
    core::LotManifest b = lot(QStringLiteral("WO-2026-0152"), 4, {},
                              { { QStringLiteral("9A00000000000000"), QStringLiteral("9A0000000000000F") } });
    b.customer = QStringLiteral("Nordwind Logistics");
    b.model = QStringLiteral("YubiKey 5 NFC");
    ASSERT_TRUE(m_journal->registerLot(b, QStringLiteral("alice")));
    const QString b3 = batch(*m_journal, QStringLiteral("carla"), b.id);
    for (int k = 0; k < 5; ++k) {
        m_nowMs += 12000;
        runLotKey(*m_journal, b3, b, QStringLiteral("9A000000000000%1").arg(k, 2, 10, QLatin1Char('0')));
    }

    app::BatchLogWidget log(m_journal.get(), session(core::Role::Supervisor, QStringLiteral("sofia")));
    log.resize(1300, 760);
    auto *tabs = log.findChild<QTabWidget *>(QStringLiteral("logTabs"));
    ASSERT_NE(tabs, nullptr);
    tabs->setCurrentWidget(log.lotView());
    log.show();
    QSignalSpy loaded(log.lotView(), &app::LotView::lotsLoaded);
    ASSERT_TRUE(arrived(loaded));
    ASSERT_TRUE(log.lotView()->selectLot(a.id));
    const QImage image = log.grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 10) << "the grab looks blank";
    const QString dir = QStringLiteral(KS_BINARY_DIR "/screenshots");
    ASSERT_TRUE(QDir().mkpath(dir));
    EXPECT_TRUE(image.save(dir + QStringLiteral("/lot-view.png")));
}

} // namespace ks::test
